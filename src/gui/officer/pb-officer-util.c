/* pb-officer-util.c: helpers shared by the officer's pages. */

#include "pb-config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "pb-decimal.h"
#include "pb-officer-util.h"

PbPhase
pb_phase_get_next (PbPhase phase)
{
  return phase < PB_PHASE_PUBLISHED ? phase + 1 : PB_PHASE_PUBLISHED;
}

const char *
pb_phase_get_next_step_label (PbPhase phase)
{
  switch (phase)
    {
    case PB_PHASE_DRAFT: return _("Open Proposals");
    case PB_PHASE_PROPOSALS: return _("Start Review");
    case PB_PHASE_REVIEW: return _("Open Voting");
    case PB_PHASE_VOTING: return _("Close Voting");
    case PB_PHASE_CLOSED: return _("Publish Results");
    case PB_PHASE_PUBLISHED:
    default: return NULL;
    }
}

const char *
pb_phase_get_explanation (PbPhase phase)
{
  switch (phase)
    {
    case PB_PHASE_DRAFT:
      return _("Set the budget and the rules in Setup and add the first projects. Nothing is public yet.");
    case PB_PHASE_PROPOSALS:
      return _("Residents and council staff are proposing projects. Add them in Projects.");
    case PB_PHASE_REVIEW:
      return _("Mark each project feasible or infeasible, with a reason. Only feasible projects are on the ballot.");
    case PB_PHASE_VOTING:
      return _("Residents are voting. The rules and the projects are frozen until voting closes.");
    case PB_PHASE_CLOSED:
      return _("Voting is closed. Enter the remaining paper ballots, count, then publish the results.");
    case PB_PHASE_PUBLISHED:
      return _("The results are published. This process can no longer change.");
    default:
      return "";
    }
}

static const char * const rule_names[] = {
  "greedy-cost",
  "greedy-card",
  "greedy-points",
  "mes-cost",
  "mes-card",
  "mes-points",
  "mes-cost-add1",
  "mes-cost-add1-greedy",
  "phragmen",
  "utilitarian-max",
  NULL
};

const char * const *
pb_counting_rule_names (void)
{
  return rule_names;
}

const char *
pb_counting_rule_get_label (const char *name)
{
  static const struct { const char *name; const char *label; } labels[] = {
    { "greedy-cost", N_("Most supporters first, while the money lasts") },
    { "greedy-card", N_("Most supporters per unit of cost first") },
    { "greedy-points", N_("Most points per unit of cost first") },
    { "mes-cost", N_("Equal shares (satisfaction by cost)") },
    { "mes-card", N_("Equal shares (one per project)") },
    { "mes-points", N_("Equal shares (satisfaction by points)") },
    { "mes-cost-add1", N_("Equal shares, budget raised until spent") },
    { "mes-cost-add1-greedy", N_("Equal shares, then most supporters for what is left") },
    { "phragmen", N_("Sequential Phragmén") },
    { "utilitarian-max", N_("Most approvals that fit the budget") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].name, name) == 0)
      return _(labels[i].label);
  return name;
}

static const char * const tie_chains[] = {
  "cost,votes,lot",
  "votes,cost,lot",
  "cost,lot",
  "lexico",
  NULL
};

const char * const *
pb_tie_break_chains (void)
{
  return tie_chains;
}

const char *
pb_tie_break_chain_get_label (const char *chain)
{
  if (g_strcmp0 (chain, "cost,votes,lot") == 0)
    return _("Lowest cost, then most supporters, then a recorded lot");
  if (g_strcmp0 (chain, "votes,cost,lot") == 0)
    return _("Most supporters, then lowest cost, then a recorded lot");
  if (g_strcmp0 (chain, "cost,lot") == 0)
    return _("Lowest cost, then a recorded lot");
  if (g_strcmp0 (chain, "lexico") == 0)
    return _("Project reference order (as Pabulib tools do)");
  return chain;
}

const char *
pb_tie_break_chain_for_preference (const char *nick)
{
  return g_strcmp0 (nick, "lexico") == 0 ? "lexico" : "cost,votes,lot";
}

const char *
pb_default_currency (void)
{
  static char currency[8];
  const char *symbol = localeconv ()->int_curr_symbol;

  if (symbol != NULL && strlen (symbol) >= 3 && g_ascii_isalpha (symbol[0]))
    {
      g_strlcpy (currency, symbol, 4);
      return currency;
    }
  return "EUR";
}

char *
pb_process_format_money (PbProcess  *process,
                         const char *amount)
{
  return pb_money_format (amount != NULL && amount[0] != '\0' ? amount : "0",
                          process != NULL ? pb_process_get_currency (process) : NULL);
}

void
pb_style_add_once (const char *css)
{
  static GHashTable *added;
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL)
    return;
  if (added == NULL)
    added = g_hash_table_new (NULL, NULL);
  if (!g_hash_table_add (added, (gpointer) css))
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, css, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
}

void
pb_widget_set_error (GtkWidget *widget,
                     gboolean   error)
{
  if (error)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}
