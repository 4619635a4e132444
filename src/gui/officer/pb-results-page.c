/* pb-results-page.c: the Results page.
 *
 * Once voting has closed, the officer picks a counting rule (the process's
 * own rule first), sees how ties will be broken and with which recorded
 * seed, and counts.  The count runs in a thread on its own connection to
 * the database (pb-results-count.c), so the window stays responsive with
 * 100 000 ballots; it shows what it is doing and can be cancelled.  The result is a sortable
 * table with a sentence per project, a chart, the comparison with a second
 * rule and the ballots by method and by kiosk.  "Publish Results" makes the
 * process read-only after a confirmation.
 *
 * The lot's seed is recorded in the store (pb_store_ensure_lot_seed()) the
 * first time a process is counted, before the count, so that every later
 * count, here or in an export, breaks ties the same way.  Nothing is
 * counted while voting is open, so that nobody sees a partial result.
 *
 * Files: pb-results-count.c (the thread), pb-results-columns.c (the
 * tables), pb-results-row.c (their items), pb-results-explain.c (the
 * sentences), pb-results-chart.c (the chart, also in the PDF report).
 */

#include "pb-config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "pb-decimal.h"
#include "pb-officer-util.h"
#include "pb-results-chart.h"
#include "pb-results-columns.h"
#include "pb-results-count.h"
#include "pb-results-explain.h"
#include "pb-results-page.h"
#include "pb-results-row.h"
#include "pb-store-count.h"

struct _PbResultsPage
{
  PbPage          parent_instance;

  PbProcess      *bound_process;
  GArray         *rules;            /* PbRule, parallel to the combo rows' models */
  gboolean        updating_rules;

  /* The last count shown. */
  PbResultsElection *election;
  PbOutcome      *outcome;
  PbOutcome      *compare_outcome;
  char           *compare_error;    /* why the compared rule could not count */
  guint           loaded_ballots;   /* ballot count when the election was loaded */
  PbResultsBreakdown *breakdown;
  GListStore     *rows;
  GListStore     *compare_rows;

  /* The count in progress. */
  GCancellable   *cancellable;
  PbResultsProgress *progress;
  guint           count_serial;     /* which count the page waits for */
  guint           progress_id;
  gint64          count_started;

  GPtrArray      *kiosk_rows;

  GtkStack            *state_stack;
  AdwStatusPage       *status_page;
  GtkButton           *status_button;
  GtkBox              *published_box;
  GtkLabel            *published_label;
  AdwPreferencesGroup *count_group;
  GtkButton           *count_button;
  GtkButton           *publish_button;
  AdwComboRow         *rule_row;
  AdwActionRow        *tie_row;
  GtkBox              *progress_box;
  GtkSpinner          *progress_spinner;
  GtkLabel            *progress_label;
  GtkBox              *result_header;
  GtkLabel            *result_title;
  GtkLabel            *result_subtitle;
  GtkLabel            *rule_note;
  AdwStatusPage       *ready_page;
  AdwSqueezer         *result_switcher;
  AdwViewStack        *result_stack;
  GtkColumnView       *table_view;
  GtkDrawingArea      *chart_area;
  AdwComboRow         *compare_row;
  GtkLabel            *compare_summary;
  GtkColumnView       *compare_view;
  GtkLabel            *kiosk_method_count;
  GtkLabel            *paper_method_count;
  GtkLabel            *import_method_count;
  GtkLabel            *total_method_count;
  AdwPreferencesGroup *kiosk_group;
};

G_DEFINE_FINAL_TYPE (PbResultsPage, pb_results_page, PB_TYPE_PAGE)

enum {
  PROP_0,
  PROP_COUNTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void     pb_results_page_refresh           (PbResultsPage *self);

/* The outcome of the compared rule: its own count, or the main one when
 * both rules are the same (it is then not counted twice). */
static const PbOutcome *
other_outcome (PbResultsPage *self)
{
  if (self->compare_error != NULL)
    return NULL;
  return self->compare_outcome != NULL ? self->compare_outcome : self->outcome;
}

static gboolean pb_results_page_can_count_quietly (PbResultsPage *self,
                                                   PbProcess     *process);

/* ---- Rules -------------------------------------------------------------- */

static gboolean
rule_fits (PbRule          rule,
           PbBallotFormat  format)
{
  gboolean points = rule == PB_RULE_GREEDY_POINTS || rule == PB_RULE_MES_POINTS;

  /* Points rules need points, which only cumulative ballots give. */
  return !points || format == PB_BALLOT_FORMAT_CUMULATIVE;
}

static const char *
rule_label (PbRule rule)
{
  return pb_counting_rule_get_label (pb_rule_to_string (rule));
}

static int
rule_position (PbResultsPage *self,
               PbRule         rule)
{
  for (guint i = 0; i < self->rules->len; i++)
    if (g_array_index (self->rules, PbRule, i) == rule)
      return (int) i;
  return -1;
}

static PbRule
row_rule (PbResultsPage *self,
          AdwComboRow   *row)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->rules->len)
    return self->rules->len > 0 ? g_array_index (self->rules, PbRule, 0) : PB_RULE_GREEDY_COST;
  return g_array_index (self->rules, PbRule, selected);
}

/* The process's own rule if it fits its ballots, else the first that does. */
static PbRule
process_rule (PbResultsPage *self,
              PbProcess     *process)
{
  PbRule rule;

  if (pb_rule_from_string (pb_process_get_counting_rule (process), &rule) && rule_position (self, rule) >= 0)
    return rule;
  return self->rules->len > 0 ? g_array_index (self->rules, PbRule, 0) : PB_RULE_GREEDY_COST;
}

/* The rule a comparison starts with: the greedy rule most councils used
 * before, or equal shares when the process already counts greedily. */
static PbRule
default_compare_rule (PbRule rule)
{
  switch (rule)
    {
    case PB_RULE_GREEDY_COST:
    case PB_RULE_GREEDY_CARD:
    case PB_RULE_GREEDY_POINTS:
    case PB_RULE_UTILITARIAN_MAX:
      return PB_RULE_MES_COST_ADD1_GREEDY;
    case PB_RULE_MES_COST:
    case PB_RULE_MES_CARD:
    case PB_RULE_MES_POINTS:
    case PB_RULE_MES_COST_ADD1:
    case PB_RULE_MES_COST_ADD1_GREEDY:
    case PB_RULE_PHRAGMEN:
    default:
      return PB_RULE_GREEDY_COST;
    }
}

static void
pb_results_page_fill_rules (PbResultsPage *self,
                            PbProcess     *process)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) compare_labels = gtk_string_list_new (NULL);
  PbBallotFormat format = pb_process_get_ballot_format (process);
  PbRule rule, compare;

  g_array_set_size (self->rules, 0);
  for (guint i = 0; i < PB_N_RULES; i++)
    {
      if (!rule_fits ((PbRule) i, format))
        continue;
      g_array_append_val (self->rules, i);
      gtk_string_list_append (labels, rule_label ((PbRule) i));
      gtk_string_list_append (compare_labels, rule_label ((PbRule) i));
    }

  rule = process_rule (self, process);
  compare = default_compare_rule (rule);
  if (rule_position (self, compare) < 0)
    compare = g_array_index (self->rules, PbRule, 0);

  self->updating_rules = TRUE;
  adw_combo_row_set_model (self->rule_row, G_LIST_MODEL (labels));
  adw_combo_row_set_model (self->compare_row, G_LIST_MODEL (compare_labels));
  adw_combo_row_set_selected (self->rule_row, rule_position (self, rule));
  adw_combo_row_set_selected (self->compare_row, rule_position (self, compare));
  self->updating_rules = FALSE;
}

/* ---- Money and words ---------------------------------------------------- */

/* @n with the locale's thousands separators, like the money. */
static char *
format_count (guint n)
{
  g_autofree char *digits = g_strdup_printf ("%u", n);

  return pb_decimal_format (digits);
}

static char *
format_mpq (PbResultsPage *self,
            const mpq_t    value)
{
  g_autofree char *text = pb_decimal_to_string (value);

  return pb_process_format_money (pb_page_get_process (PB_PAGE (self)), text);
}

/* The tie-breaking chain of @process in words, with the seed when one is
 * recorded or what will happen to it. */
static char *
dup_tie_description (PbResultsPage *self,
                     PbProcess     *process)
{
  PbStore *store = pb_page_get_store (PB_PAGE (self));
  const char *chain = pb_process_get_tie_break (process);
  PbTieBreak tie_break;
  guint64 seed;

  if (chain == NULL || chain[0] == '\0')
    chain = "cost,votes,lot";
  if (!pb_tie_break_from_chain (chain, &tie_break))
    /* Translators: %s is the chain as stored, which Pb does not know. */
    return g_strdup_printf (_("“%s”, which Pb cannot count with: choose a chain in Setup"), chain);
  if (!pb_tie_break_uses_lot (tie_break))
    return g_strdup (pb_tie_break_chain_get_label (pb_tie_break_to_chain (tie_break)));
  if (pb_store_get_lot_seed (store, process, &seed))
    /* Translators: the tie-breaking chain, then the recorded seed of the lot. */
    return g_strdup_printf (_("%s · lot seed %" PRIu64 " (recorded)"),
                            pb_tie_break_chain_get_label (pb_tie_break_to_chain (tie_break)), seed);
  return g_strdup_printf (_("%s · the lot’s seed is drawn and recorded when you first count"),
                          pb_tie_break_chain_get_label (pb_tie_break_to_chain (tie_break)));
}

/* ---- Building the tables ------------------------------------------------ */

static void
pb_results_page_fill_rows (PbResultsPage *self)
{
  PbProcess *process = pb_page_get_process (PB_PAGE (self));
  const char *currency = process != NULL ? pb_process_get_currency (process) : NULL;
  const PbElection *election = self->election != NULL ? pb_results_election_get (self->election) : NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  if (election != NULL && self->outcome != NULL)
    {
      for (guint p = 0; p < election->n_projects; p++)
        {
          const PbElectionProject *project = &election->projects[p];
          const PbProjectOutcome *po = &self->outcome->projects[p];
          g_autofree char *cost = format_mpq (self, project->cost);
          g_autofree char *why = pb_results_explain_project (election, self->outcome, p, currency);
          PbResultsRow *row = pb_results_row_new (p, project->name != NULL ? project->name : project->id,
                                                  project->cost, cost, po->supporters, po->funded,
                                                  po->position, why);

          if (other_outcome (self) != NULL)
            pb_results_row_set_other (row, other_outcome (self)->projects[p].funded);
          g_ptr_array_add (rows, row);
        }
    }

  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
  g_list_store_splice (self->compare_rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->compare_rows)),
                       other_outcome (self) != NULL ? rows->pdata : NULL,
                       other_outcome (self) != NULL ? rows->len : 0);
}

static char *
join_titles (const PbElection *election,
             GPtrArray        *indices)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < indices->len; i++)
    {
      guint p = GPOINTER_TO_UINT (g_ptr_array_index (indices, i));
      const char *name = election->projects[p].name != NULL ? election->projects[p].name : election->projects[p].id;

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, "“%s”", name);
    }
  return g_strdup (text->str);
}

static void
pb_results_page_update_compare_summary (PbResultsPage *self)
{
  const PbElection *election = self->election != NULL ? pb_results_election_get (self->election) : NULL;
  g_autoptr(GPtrArray) only_a = g_ptr_array_new ();
  g_autoptr(GPtrArray) only_b = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *cost_a = NULL;
  g_autofree char *cost_b = NULL;
  guint both = 0;

  if (election == NULL || self->outcome == NULL)
    {
      gtk_label_set_text (self->compare_summary, "");
      return;
    }
  if (self->compare_error != NULL)
    {
      gtk_label_set_text (self->compare_summary, self->compare_error);
      return;
    }

  for (guint p = 0; p < election->n_projects; p++)
    {
      gboolean a = self->outcome->projects[p].funded;
      gboolean b = other_outcome (self)->projects[p].funded;

      if (a && b)
        both++;
      else if (a)
        g_ptr_array_add (only_a, GUINT_TO_POINTER (p));
      else if (b)
        g_ptr_array_add (only_b, GUINT_TO_POINTER (p));
    }

  cost_a = format_mpq (self, self->outcome->total_cost);
  cost_b = format_mpq (self, other_outcome (self)->total_cost);
  /* Translators: A and B name the two rules compared; the labels follow. */
  g_string_append_printf (text, _("Rule A: %s (%s used). Rule B: %s (%s used)."),
                          rule_label (self->outcome->rule), cost_a,
                          rule_label (other_outcome (self)->rule), cost_b);
  g_string_append_c (text, '\n');
  if (only_a->len == 0 && only_b->len == 0)
    g_string_append_printf (text, ngettext ("Both rules fund the same %u project.",
                                            "Both rules fund the same %u projects.", both), both);
  else
    {
      g_autofree char *names_a = join_titles (election, only_a);
      g_autofree char *names_b = join_titles (election, only_b);

      g_string_append_printf (text, ngettext ("Both fund %u project.", "Both fund %u projects.", both), both);
      g_string_append_c (text, ' ');
      /* Name a few; a long list belongs in the table, where the
       * differences come first. */
      if (only_a->len > 0 && only_a->len <= 3)
        g_string_append_printf (text, _("Only rule A funds %s."), names_a);
      else if (only_a->len > 3)
        g_string_append_printf (text, ngettext ("Only rule A funds %u project.", "Only rule A funds %u projects.",
                                                only_a->len), only_a->len);
      else
        g_string_append (text, _("Rule A funds nothing that rule B does not."));
      g_string_append_c (text, ' ');
      if (only_b->len > 0 && only_b->len <= 3)
        g_string_append_printf (text, _("Only rule B funds %s."), names_b);
      else if (only_b->len > 3)
        g_string_append_printf (text, ngettext ("Only rule B funds %u project.", "Only rule B funds %u projects.",
                                                only_b->len), only_b->len);
      else
        g_string_append (text, _("Rule B funds nothing that rule A does not."));
      g_string_append_c (text, ' ');
      g_string_append (text, _("The differences are at the top of the table."));
    }
  gtk_label_set_text (self->compare_summary, text->str);
}

static void
pb_results_page_update_breakdown (PbResultsPage *self)
{
  PbStore *store = pb_page_get_store (PB_PAGE (self));
  PbResultsBreakdown *breakdown = self->breakdown;
  g_autoptr(GList) kiosks = NULL;
  struct { GtkLabel *label; guint n; } methods[] = {
    { self->kiosk_method_count, breakdown != NULL ? breakdown->kiosk : 0 },
    { self->paper_method_count, breakdown != NULL ? breakdown->paper : 0 },
    { self->import_method_count, breakdown != NULL ? breakdown->import : 0 },
    { self->total_method_count, breakdown != NULL ? breakdown->total : 0 },
  };

  for (guint i = 0; i < self->kiosk_rows->len; i++)
    adw_preferences_group_remove (self->kiosk_group, g_ptr_array_index (self->kiosk_rows, i));
  g_ptr_array_set_size (self->kiosk_rows, 0);

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autofree char *text = breakdown != NULL ? format_count (methods[i].n) : g_strdup ("—");

      gtk_label_set_text (methods[i].label, text);
    }
  if (store == NULL || breakdown == NULL)
    return;

  kiosks = g_list_sort (g_hash_table_get_keys (breakdown->by_kiosk), (GCompareFunc) g_strcmp0);
  for (GList *l = kiosks; l != NULL; l = l->next)
    {
      const char *kiosk_id = l->data;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *count = gtk_label_new (NULL);
      g_autofree char *short_id = g_strndup (kiosk_id, 8);
      g_autofree char *title = NULL;
      g_autofree char *text = format_count (GPOINTER_TO_UINT (g_hash_table_lookup (breakdown->by_kiosk, kiosk_id)));

      /* Translators: a kiosk, named by the start of its key, e.g. "Kiosk 3fa2c9e1". */
      title = g_strdup_printf (_("Kiosk %s"), short_id);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   g_strcmp0 (kiosk_id, pb_store_get_kiosk_id (store)) == 0
                                   ? _("This computer") : _("Merged from a bundle"));
      gtk_label_set_text (GTK_LABEL (count), text);
      gtk_widget_add_css_class (count, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), count);
      adw_preferences_group_add (self->kiosk_group, row);
      g_ptr_array_add (self->kiosk_rows, row);
    }
  if (self->kiosk_rows->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No ballots came from a kiosk"));
      adw_preferences_group_add (self->kiosk_group, row);
      g_ptr_array_add (self->kiosk_rows, row);
    }
}

static void
pb_results_page_update_result (PbResultsPage *self)
{
  PbProcess *process = pb_page_get_process (PB_PAGE (self));
  const PbElection *election = self->election != NULL ? pb_results_election_get (self->election) : NULL;
  gboolean has_result = election != NULL && self->outcome != NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *used = NULL;
  g_autofree char *budget = NULL;
  g_autofree char *chart_description = NULL;
  PbRule recorded;

  gtk_widget_set_visible (GTK_WIDGET (self->result_header), has_result);
  gtk_widget_set_visible (GTK_WIDGET (self->result_switcher), has_result);
  gtk_widget_set_visible (GTK_WIDGET (self->result_stack), has_result);
  pb_results_page_fill_rows (self);
  pb_results_page_update_compare_summary (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart_area));
  if (!has_result)
    return;

  used = format_mpq (self, self->outcome->total_cost);
  budget = format_mpq (self, self->outcome->budget);
  /* Translators: "5 of 12 projects funded". */
  title = g_strdup_printf (ngettext ("%u of %u project funded", "%u of %u projects funded", election->n_projects),
                           self->outcome->n_selected, election->n_projects);
  gtk_label_set_text (self->result_title, title);

  {
    g_autofree char *ties = NULL;
    g_autofree char *ballots = format_count (self->outcome->n_voters);
    const char *chain = pb_tie_break_chain_get_label (pb_tie_break_to_chain (self->outcome->tie_break));

    /* The chain itself is in the row above; the seed is repeated here
     * because it belongs to this result. */
    if (pb_tie_break_uses_lot (self->outcome->tie_break))
      ties = g_strdup_printf (_("lot seed %" PRIu64), self->outcome->seed);
    else
      ties = g_strdup_printf (_("ties: %s"), chain);
    /* Translators: money used, the budget, the number of ballots, the rule
     * and the tie-breaking, e.g. "£48,500 of £50,000 used · 1,234 ballots ·
     * counted with “…” · ties: …". */
    subtitle = g_strdup_printf (ngettext ("%s of %s used · %s ballot · counted with “%s” · %s",
                                          "%s of %s used · %s ballots · counted with “%s” · %s",
                                          self->outcome->n_voters),
                                used, budget, ballots, rule_label (self->outcome->rule), ties);
  }
  gtk_label_set_text (self->result_subtitle, subtitle);

  if (process != NULL && pb_rule_from_string (pb_process_get_counting_rule (process), &recorded)
      && recorded != self->outcome->rule)
    {
      g_autofree char *note = g_strdup_printf (_("This process’s own counting rule is “%s”: a count with another rule is for comparison only."),
                                               rule_label (recorded));

      gtk_label_set_text (self->rule_note, note);
      gtk_widget_set_visible (GTK_WIDGET (self->rule_note), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->rule_note), FALSE);

  gtk_drawing_area_set_content_height (self->chart_area, (int) pb_results_chart_get_natural_height (election));
  /* Translators: what the chart shows, for screen readers. */
  chart_description = g_strdup_printf (_("%s; %s of %s used. Each bar is a project’s number of supporters; funded projects are filled."),
                                       title, used, budget);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart_area),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, chart_description, -1);
}

static void
pb_results_page_clear_result (PbResultsPage *self)
{
  g_clear_pointer (&self->outcome, pb_outcome_free);
  g_clear_pointer (&self->compare_outcome, pb_outcome_free);
  g_clear_pointer (&self->compare_error, g_free);
  g_clear_pointer (&self->election, pb_results_election_unref);
  g_clear_pointer (&self->breakdown, pb_results_breakdown_free);
  pb_results_page_update_result (self);
  pb_results_page_update_breakdown (self);
}

/* ---- Counting in a thread ----------------------------------------------- */

static void
pb_results_page_set_busy (PbResultsPage *self,
                          gboolean       busy);

static gboolean
progress_timeout_cb (gpointer user_data)
{
  PbResultsPage *self = user_data;
  PbResultsStage stage = self->progress != NULL ? pb_results_progress_get_stage (self->progress) : PB_RESULTS_STAGE_DONE;
  PbProcess *process = pb_page_get_process (PB_PAGE (self));
  g_autofree char *text = NULL;
  guint seconds = (guint) ((g_get_monotonic_time () - self->count_started) / G_USEC_PER_SEC);

  switch (stage)
    {
    case PB_RESULTS_STAGE_LOADING:
      {
        guint n = process != NULL ? pb_process_get_ballot_count (process) : 0;
        g_autofree char *count = format_count (n);

        text = g_strdup_printf (ngettext ("Reading %s ballot…", "Reading %s ballots…", n), count);
      }
      break;
    case PB_RESULTS_STAGE_COUNTING:
      text = g_strdup_printf (_("Counting with “%s”…"), rule_label (row_rule (self, self->rule_row)));
      break;
    case PB_RESULTS_STAGE_COMPARING:
    case PB_RESULTS_STAGE_DONE:
    default:
      text = g_strdup_printf (_("Counting with “%s” for the comparison…"), rule_label (row_rule (self, self->compare_row)));
      break;
    }
  if (seconds >= 2)
    {
      /* Translators: the stage of the count, then seconds spent so far. */
      g_autofree char *with_time = g_strdup_printf (_("%s (%u s)"), text, seconds);

      gtk_label_set_text (self->progress_label, with_time);
    }
  else
    gtk_label_set_text (self->progress_label, text);
  return G_SOURCE_CONTINUE;
}

static void
pb_results_page_update_actions (PbResultsPage *self)
{
  PbProcess *process = pb_page_get_process (PB_PAGE (self));
  gboolean counting = self->cancellable != NULL;
  gboolean ready = process != NULL && pb_process_get_phase (process) >= PB_PHASE_CLOSED
                   && pb_process_get_ballot_count (process) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "results.count", ready && !counting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "results.cancel", counting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "results.publish",
                                 ready && !counting && self->outcome != NULL
                                 && pb_process_get_phase (process) == PB_PHASE_CLOSED);
  gtk_widget_set_visible (GTK_WIDGET (self->publish_button),
                          process != NULL && pb_process_get_phase (process) == PB_PHASE_CLOSED);

  /* The next step is the one button in colour: count, then publish. */
  if (self->outcome != NULL && process != NULL && pb_process_get_phase (process) == PB_PHASE_CLOSED)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->count_button), "suggested-action");
      gtk_widget_add_css_class (GTK_WIDGET (self->publish_button), "suggested-action");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->publish_button), "suggested-action");
      if (self->outcome == NULL)
        gtk_widget_add_css_class (GTK_WIDGET (self->count_button), "suggested-action");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->count_button), "suggested-action");
    }

  gtk_widget_set_visible (GTK_WIDGET (self->ready_page), ready && !counting && self->outcome == NULL);
  if (ready)
    {
      guint n = pb_process_get_ballot_count (process);
      g_autofree char *count = format_count (n);
      g_autofree char *description = NULL;

      if (pb_results_page_can_count_quietly (self, process))
        description = g_strdup_printf (ngettext ("%s ballot is ready. Choose a rule above and press Count Votes.",
                                                 "%s ballots are ready. Choose a rule above and press Count Votes.", n),
                                       count);
      else
        description = g_strdup_printf (ngettext ("%s ballot is ready. Choose a rule above and press Count Votes. Before the first count, Pb draws the lot’s seed and records it in the audit log, so that ties are broken the same way every time.",
                                                 "%s ballots are ready. Choose a rule above and press Count Votes. Before the first count, Pb draws the lot’s seed and records it in the audit log, so that ties are broken the same way every time.",
                                                 n),
                                       count);
      adw_status_page_set_description (self->ready_page, description);
    }
}

static void
pb_results_page_set_busy (PbResultsPage *self,
                          gboolean       busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->progress_box), busy);
  gtk_spinner_set_spinning (self->progress_spinner, busy);
  if (busy)
    {
      self->count_started = g_get_monotonic_time ();
      progress_timeout_cb (self);
      if (self->progress_id == 0)
        self->progress_id = g_timeout_add (200, progress_timeout_cb, self);
    }
  else
    g_clear_handle_id (&self->progress_id, g_source_remove);
  pb_results_page_update_actions (self);
}

/* What a count's callback needs to find its page, if it is still there
 * and still waiting for this count. */
typedef struct {
  GWeakRef page;
  guint    serial;
} CountRequest;

static void
count_request_free (CountRequest *request)
{
  g_weak_ref_clear (&request->page);
  g_free (request);
}

static void
count_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  CountRequest *request = user_data;
  g_autoptr(PbResultsPage) self = g_weak_ref_get (&request->page);
  guint serial = request->serial;
  g_autoptr(PbResultsCount) count = NULL;
  g_autoptr(GError) error = NULL;

  count_request_free (request);
  count = pb_results_count_finish (result, &error);

  /* A count that was cancelled or replaced, or whose page has gone,
   * leaves the page alone. */
  if (self == NULL || serial != self->count_serial || self->cancellable == NULL)
    return;
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->progress, pb_results_progress_unref);
  pb_results_page_set_busy (self, FALSE);

  if (count == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pb_page_show_error (PB_PAGE (self), error);
      /* The rule that could not be counted is not left chosen above a
       * result counted with another one. */
      if (self->outcome != NULL)
        {
          self->updating_rules = TRUE;
          pb_results_page_set_rule (self, self->outcome->rule);
          self->updating_rules = FALSE;
        }
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING]);
      return;
    }

  g_clear_pointer (&self->outcome, pb_outcome_free);
  g_clear_pointer (&self->compare_outcome, pb_outcome_free);
  g_clear_pointer (&self->compare_error, g_free);
  if (self->election != count->election)
    {
      g_clear_pointer (&self->election, pb_results_election_unref);
      self->election = pb_results_election_ref (count->election);
    }
  if (count->breakdown != NULL)
    {
      g_clear_pointer (&self->breakdown, pb_results_breakdown_free);
      self->breakdown = g_steal_pointer (&count->breakdown);
    }
  self->outcome = g_steal_pointer (&count->outcome);
  self->compare_outcome = g_steal_pointer (&count->compare_outcome);
  if (count->compare_error != NULL)
    {
      self->compare_error = g_strdup (count->compare_error->message);
      pb_page_show_error (PB_PAGE (self), count->compare_error);
    }

  pb_results_page_update_result (self);
  /* The seed may have just been recorded. */
  pb_results_page_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING]);
}

void
pb_results_page_count (PbResultsPage *self)
{
  PbStore *store;
  PbProcess *process;
  g_autoptr(GError) error = NULL;
  PbResultsElection *reuse = NULL;
  PbCountOptions options = { 0 };
  PbCountOptions compare_options;
  CountRequest *request;
  PbTieBreak tie_break;
  const char *chain;
  guint64 seed = 0;

  g_return_if_fail (PB_IS_RESULTS_PAGE (self));

  store = pb_page_get_store (PB_PAGE (self));
  process = pb_page_get_process (PB_PAGE (self));
  if (store == NULL || process == NULL || self->rules->len == 0)
    return;
  /* Nobody sees a partial result while residents are voting. */
  if (pb_process_get_phase (process) < PB_PHASE_CLOSED || pb_process_get_ballot_count (process) == 0)
    return;

  chain = pb_process_get_tie_break (process);
  if (chain == NULL || chain[0] == '\0')
    chain = "cost,votes,lot";
  if (!pb_tie_break_from_chain (chain, &tie_break))
    {
      g_set_error (&error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("“%s” is not a tie-breaking chain Pb can count with."), chain);
      pb_page_show_error (PB_PAGE (self), error);
      return;
    }
  /* The seed is recorded before anything is counted: nobody can count,
   * dislike the lot and draw again. */
  if (pb_tie_break_uses_lot (tie_break) && !pb_store_ensure_lot_seed (store, process, &seed, &error))
    {
      pb_page_show_error (PB_PAGE (self), error);
      return;
    }

  pb_results_page_cancel (self);

  if (self->election != NULL && self->loaded_ballots == pb_process_get_ballot_count (process))
    reuse = self->election;
  else
    self->loaded_ballots = pb_process_get_ballot_count (process);
  options.rule = row_rule (self, self->rule_row);
  options.tie_break = tie_break;
  options.seed = seed;
  compare_options = options;
  compare_options.rule = row_rule (self, self->compare_row);

  /* The request does not hold the page: a page closed while a count runs
   * goes at once, and the thread's result is dropped. */
  request = g_new0 (CountRequest, 1);
  g_weak_ref_init (&request->page, self);
  request->serial = ++self->count_serial;
  self->progress = pb_results_progress_new ();
  self->cancellable = g_cancellable_new ();
  pb_results_count_async (pb_store_get_path (store), pb_process_get_id (process), reuse,
                          &options, &compare_options, self->progress, self->cancellable,
                          count_done_cb, request);

  pb_results_page_set_busy (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING]);
}

void
pb_results_page_cancel (PbResultsPage *self)
{
  g_return_if_fail (PB_IS_RESULTS_PAGE (self));

  if (self->cancellable == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->progress, pb_results_progress_unref);
  pb_results_page_set_busy (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING]);
}

gboolean
pb_results_page_get_counting (PbResultsPage *self)
{
  g_return_val_if_fail (PB_IS_RESULTS_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

/* ---- State -------------------------------------------------------------- */

static void
pb_results_page_show_status (PbResultsPage *self,
                             const char    *icon,
                             const char    *title,
                             const char    *description,
                             const char    *button)
{
  adw_status_page_set_icon_name (self->status_page, icon);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_widget_set_visible (GTK_WIDGET (self->status_button), button != NULL);
  if (button != NULL)
    gtk_button_set_label (self->status_button, button);
  gtk_stack_set_visible_child_name (self->state_stack, "empty");
}

static char *
dup_published_text (PbResultsPage *self,
                    PbProcess     *process)
{
  g_autoptr(GListModel) changes = pb_store_list_phase_changes (pb_page_get_store (PB_PAGE (self)), process, NULL);
  guint n = changes != NULL ? g_list_model_get_n_items (changes) : 0;

  for (guint i = n; i > 0; i--)
    {
      g_autoptr(PbPhaseChange) change = g_list_model_get_item (changes, i - 1);

      if (pb_phase_change_get_to (change) == PB_PHASE_PUBLISHED)
        {
          /* Translators: the date the results were published, as
           * g_date_time_format() writes it, e.g. "29 November 2026". */
          g_autofree char *date = g_date_time_format (pb_phase_change_get_time (change), C_("published date", "%-d %B %Y"));

          /* Translators: %s is the date the results were published. */
          return g_strdup_printf (_("These results were published on %s. The process is read-only: nothing in it can change."), date);
        }
    }
  return g_strdup (_("These results are published. The process is read-only: nothing in it can change."));
}

static gboolean
pb_results_page_can_count_quietly (PbResultsPage *self,
                                   PbProcess     *process)
{
  PbTieBreak tie_break;
  const char *chain = pb_process_get_tie_break (process);
  guint64 seed;

  if (chain == NULL || chain[0] == '\0')
    chain = "cost,votes,lot";
  if (!pb_tie_break_from_chain (chain, &tie_break))
    return FALSE;
  /* Counting for the first time records a seed: the officer asks for
   * that.  Later counts reuse it, so they may start on their own. */
  return !pb_tie_break_uses_lot (tie_break)
         || pb_store_get_lot_seed (pb_page_get_store (PB_PAGE (self)), process, &seed);
}

static void
pb_results_page_refresh (PbResultsPage *self)
{
  PbProcess *process = pb_page_get_process (PB_PAGE (self));
  PbStore *store = pb_page_get_store (PB_PAGE (self));
  g_autofree char *ties = NULL;
  PbPhase phase;
  guint n_ballots;

  if (process == NULL || store == NULL)
    {
      pb_results_page_show_status (self, "view-sort-descending-symbolic", _("No Process"),
                                   _("Choose a process to see its results."), NULL);
      pb_results_page_update_actions (self);
      return;
    }

  phase = pb_process_get_phase (process);
  n_ballots = pb_process_get_ballot_count (process);

  if (phase < PB_PHASE_VOTING)
    pb_results_page_show_status (self, "view-sort-descending-symbolic", _("Voting Has Not Started"),
                                 _("Results can be counted once residents have voted and voting has closed. Open voting on the Overview page when the projects are ready."),
                                 NULL);
  else if (phase == PB_PHASE_VOTING)
    {
      g_autofree char *description = NULL;

      /* Translators: %'u is the number of ballots cast so far. */
      description = g_strdup_printf (ngettext ("%'u ballot has been cast so far. Results are counted only after voting closes, so that nobody sees a partial result while residents are still voting.",
                                               "%'u ballots have been cast so far. Results are counted only after voting closes, so that nobody sees a partial result while residents are still voting.",
                                               n_ballots),
                                     n_ballots);
      pb_results_page_show_status (self, "changes-allow-symbolic", _("Voting Is Still Open"), description,
                                   _("_Close Voting…"));
    }
  else if (n_ballots == 0)
    pb_results_page_show_status (self, "x-office-spreadsheet-symbolic", _("No Ballots Yet"),
                                 phase == PB_PHASE_PUBLISHED
                                 ? _("This process was published without any ballots, so there is nothing to count.")
                                 : _("There is nothing to count. Enter paper ballots on the Paper page, or re-open voting on the Overview page."),
                                 NULL);
  else
    gtk_stack_set_visible_child_name (self->state_stack, "results");

  ties = dup_tie_description (self, process);
  adw_action_row_set_subtitle (self->tie_row, ties);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->rule_row), pb_rule_describe (row_rule (self, self->rule_row)));

  gtk_widget_set_visible (GTK_WIDGET (self->published_box), phase == PB_PHASE_PUBLISHED);
  if (phase == PB_PHASE_PUBLISHED)
    {
      g_autofree char *text = dup_published_text (self, process);

      gtk_label_set_text (self->published_label, text);
    }

  pb_results_page_update_breakdown (self);
  pb_results_page_update_actions (self);
}

/* Counts on its own when the page can: after voting, with ballots, with
 * the seed already recorded, and nothing counted yet for these ballots. */
static void
pb_results_page_maybe_count (PbResultsPage *self)
{
  PbProcess *process = pb_page_get_process (PB_PAGE (self));

  if (process == NULL || self->cancellable != NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if (pb_process_get_phase (process) < PB_PHASE_CLOSED || pb_process_get_ballot_count (process) == 0)
    return;
  if (self->outcome != NULL && self->loaded_ballots == pb_process_get_ballot_count (process))
    return;
  if (pb_results_page_can_count_quietly (self, process))
    pb_results_page_count (self);
}

static void
process_notify_cb (PbResultsPage *self,
                   GParamSpec    *pspec)
{
  PbProcess *process = pb_page_get_process (PB_PAGE (self));

  if (g_strcmp0 (pspec->name, "ballot-count") == 0 && self->loaded_ballots != pb_process_get_ballot_count (process))
    {
      /* New ballots (a late paper batch, a re-opened vote): the result
       * shown no longer holds. */
      pb_results_page_cancel (self);
      pb_results_page_clear_result (self);
    }
  /* Both can change until voting opens; the page then starts from the
   * rule Setup says. */
  if (g_strcmp0 (pspec->name, "ballot-format") == 0 || g_strcmp0 (pspec->name, "counting-rule") == 0)
    pb_results_page_fill_rules (self, process);
  pb_results_page_refresh (self);
  pb_results_page_maybe_count (self);
}

static void
pb_results_page_unbind (PbResultsPage *self)
{
  if (self->bound_process != NULL)
    g_signal_handlers_disconnect_by_func (self->bound_process, process_notify_cb, self);
  g_clear_object (&self->bound_process);
}

static void
pb_results_page_process_changed (PbPage *page)
{
  PbResultsPage *self = PB_RESULTS_PAGE (page);
  PbProcess *process = pb_page_get_process (page);

  pb_results_page_unbind (self);
  pb_results_page_cancel (self);
  pb_results_page_clear_result (self);
  self->loaded_ballots = 0;
  if (process != NULL)
    {
      self->bound_process = g_object_ref (process);
      g_signal_connect_swapped (process, "notify", G_CALLBACK (process_notify_cb), self);
      pb_results_page_fill_rules (self, process);
    }
  pb_results_page_refresh (self);
  pb_results_page_maybe_count (self);
}

/* ---- Callbacks ---------------------------------------------------------- */

static void
on_rule_selected (PbResultsPage *self)
{
  if (self->updating_rules)
    return;
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->rule_row), pb_rule_describe (row_rule (self, self->rule_row)));
  /* Once counted, a new rule counts again at once; the first count waits
   * for the button, since it records the seed. */
  if (self->outcome != NULL || self->cancellable != NULL)
    pb_results_page_count (self);
}

static void
on_compare_selected (PbResultsPage *self)
{
  if (self->updating_rules)
    return;
  if (self->outcome != NULL || self->cancellable != NULL)
    pb_results_page_count (self);
}

static void
close_voting_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          PbResultsPage    *self)
{
  PbProcess *process = pb_page_get_process (PB_PAGE (self));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "close") != 0 || process == NULL)
    return;
  if (!pb_store_set_phase (pb_page_get_store (PB_PAGE (self)), process, PB_PHASE_CLOSED, NULL, &error))
    pb_page_show_error (PB_PAGE (self), error);
  else
    pb_page_add_toast (PB_PAGE (self), adw_toast_new (_("Voting is closed. You can count the votes now.")));
}

static GtkWidget *
new_dialog (PbResultsPage *self,
            const char    *heading,
            const char    *body,
            const char    *response,
            const char    *label)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), response, label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return dialog;
}

static void
on_status_button_clicked (PbResultsPage *self)
{
  PbProcess *process = pb_page_get_process (PB_PAGE (self));
  GtkWidget *dialog;

  if (process == NULL || pb_process_get_phase (process) != PB_PHASE_VOTING)
    return;
  dialog = new_dialog (self, _("Close Voting?"),
                       _("Kiosks stop taking ballots. Paper ballots already collected can still be entered. You can re-open voting until the results are published."),
                       "close", _("_Close Voting"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_voting_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
publish_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     PbResultsPage    *self)
{
  PbProcess *process = pb_page_get_process (PB_PAGE (self));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "publish") != 0 || process == NULL)
    return;
  if (!pb_store_set_phase (pb_page_get_store (PB_PAGE (self)), process, PB_PHASE_PUBLISHED, NULL, &error))
    {
      pb_page_show_error (PB_PAGE (self), error);
      return;
    }
  pb_page_add_toast (PB_PAGE (self), adw_toast_new (_("Results published. The process is now read-only.")));
}

static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PbResultsPage *self = PB_RESULTS_PAGE (widget);
  PbProcess *process = pb_page_get_process (PB_PAGE (self));
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  PbRule recorded;

  if (process == NULL || self->outcome == NULL)
    return;
  if (!pb_rule_from_string (pb_process_get_counting_rule (process), &recorded))
    recorded = self->outcome->rule;
  /* Translators: %s is the process's counting rule. */
  body = g_strdup_printf (_("The result counted with the process’s rule, “%s”, becomes final, and the process becomes read-only for good: no ballot, project or rule can change after this."),
                          rule_label (recorded));
  dialog = new_dialog (self, _("Publish the Results?"), body, "publish", _("_Publish"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (publish_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
count_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  pb_results_page_count (PB_RESULTS_PAGE (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PbResultsPage *self = PB_RESULTS_PAGE (widget);

  if (self->cancellable == NULL)
    return;
  pb_results_page_cancel (self);
  pb_page_add_toast (PB_PAGE (self), adw_toast_new (_("Counting cancelled")));
}

/* ---- Chart -------------------------------------------------------------- */

static void
chart_draw_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  PbResultsPage *self = user_data;
  AdwStyleManager *style = adw_style_manager_get_default ();

  if (self->election == NULL || self->outcome == NULL)
    return;
  pb_results_chart_draw_full (cr, width, height, pb_results_election_get (self->election), self->outcome,
                              adw_style_manager_get_dark (style),
                              adw_style_manager_get_high_contrast (style));
}

static void
style_changed_cb (PbResultsPage *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->chart_area));
}

/* ---- GObject ------------------------------------------------------------ */

static void
pb_results_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (pb_results_page_parent_class)->map (widget);
  pb_results_page_maybe_count (PB_RESULTS_PAGE (widget));
}

static void
pb_results_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PbResultsPage *self = PB_RESULTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_COUNTING:
      g_value_set_boolean (value, pb_results_page_get_counting (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_results_page_dispose (GObject *object)
{
  PbResultsPage *self = PB_RESULTS_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->progress, pb_results_progress_unref);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_signal_handlers_disconnect_by_func (adw_style_manager_get_default (), style_changed_cb, self);
  pb_results_page_unbind (self);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_RESULTS_PAGE);
  g_clear_pointer (&self->kiosk_rows, g_ptr_array_unref);
  g_clear_pointer (&self->outcome, pb_outcome_free);
  g_clear_pointer (&self->compare_outcome, pb_outcome_free);
  g_clear_pointer (&self->compare_error, g_free);
  g_clear_pointer (&self->election, pb_results_election_unref);
  g_clear_pointer (&self->breakdown, pb_results_breakdown_free);
  g_clear_object (&self->rows);
  g_clear_object (&self->compare_rows);

  G_OBJECT_CLASS (pb_results_page_parent_class)->dispose (object);
}

static void
pb_results_page_finalize (GObject *object)
{
  PbResultsPage *self = PB_RESULTS_PAGE (object);

  g_array_unref (self->rules);

  G_OBJECT_CLASS (pb_results_page_parent_class)->finalize (object);
}

static void
pb_results_page_class_init (PbResultsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PbPageClass *page_class = PB_PAGE_CLASS (klass);

  object_class->dispose = pb_results_page_dispose;
  object_class->finalize = pb_results_page_finalize;
  object_class->get_property = pb_results_page_get_property;
  widget_class->map = pb_results_page_map;
  page_class->process_changed = pb_results_page_process_changed;

  properties[PROP_COUNTING] =
    g_param_spec_boolean ("counting", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Pb/officer/pb-results-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, PbResultsPage, name)
  BIND (state_stack);
  BIND (status_page);
  BIND (status_button);
  BIND (published_box);
  BIND (published_label);
  BIND (count_group);
  BIND (count_button);
  BIND (publish_button);
  BIND (rule_row);
  BIND (tie_row);
  BIND (progress_box);
  BIND (progress_spinner);
  BIND (progress_label);
  BIND (result_header);
  BIND (result_title);
  BIND (result_subtitle);
  BIND (rule_note);
  BIND (ready_page);
  BIND (result_switcher);
  BIND (result_stack);
  BIND (table_view);
  BIND (chart_area);
  BIND (compare_row);
  BIND (compare_summary);
  BIND (compare_view);
  BIND (kiosk_method_count);
  BIND (paper_method_count);
  BIND (import_method_count);
  BIND (total_method_count);
  BIND (kiosk_group);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_rule_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_compare_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_status_button_clicked);

  gtk_widget_class_install_action (widget_class, "results.count", NULL, count_action);
  gtk_widget_class_install_action (widget_class, "results.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "results.publish", NULL, publish_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "results.count", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "results.cancel", NULL);
}

static void
pb_results_page_init (PbResultsPage *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  self->rules = g_array_new (FALSE, FALSE, sizeof (PbRule));
  self->kiosk_rows = g_ptr_array_new ();
  self->rows = g_list_store_new (PB_TYPE_RESULTS_ROW);
  self->compare_rows = g_list_store_new (PB_TYPE_RESULTS_ROW);

  gtk_widget_init_template (GTK_WIDGET (self));

  pb_results_columns_setup_table (self->table_view, G_LIST_MODEL (self->rows));
  pb_results_columns_setup_compare (self->compare_view, G_LIST_MODEL (self->compare_rows));
  gtk_drawing_area_set_draw_func (self->chart_area, chart_draw_cb, self, NULL);
  g_signal_connect_swapped (style, "notify::dark", G_CALLBACK (style_changed_cb), self);
  g_signal_connect_swapped (style, "notify::high-contrast", G_CALLBACK (style_changed_cb), self);

  pb_results_page_refresh (self);
}

/* ---- Public API --------------------------------------------------------- */

GtkWidget *
pb_results_page_new (void)
{
  return g_object_new (PB_TYPE_RESULTS_PAGE, NULL);
}

PbRule
pb_results_page_get_rule (PbResultsPage *self)
{
  g_return_val_if_fail (PB_IS_RESULTS_PAGE (self), PB_RULE_GREEDY_COST);
  return row_rule (self, self->rule_row);
}

void
pb_results_page_set_rule (PbResultsPage *self,
                          PbRule         rule)
{
  int position;

  g_return_if_fail (PB_IS_RESULTS_PAGE (self));

  position = rule_position (self, rule);
  if (position >= 0)
    adw_combo_row_set_selected (self->rule_row, position);
}

PbRule
pb_results_page_get_compare_rule (PbResultsPage *self)
{
  g_return_val_if_fail (PB_IS_RESULTS_PAGE (self), PB_RULE_GREEDY_COST);
  return row_rule (self, self->compare_row);
}

void
pb_results_page_set_compare_rule (PbResultsPage *self,
                                  PbRule         rule)
{
  int position;

  g_return_if_fail (PB_IS_RESULTS_PAGE (self));

  position = rule_position (self, rule);
  if (position >= 0)
    adw_combo_row_set_selected (self->compare_row, position);
}

const PbElection *
pb_results_page_get_election (PbResultsPage *self)
{
  g_return_val_if_fail (PB_IS_RESULTS_PAGE (self), NULL);
  return self->election != NULL ? pb_results_election_get (self->election) : NULL;
}

const PbOutcome *
pb_results_page_get_outcome (PbResultsPage *self)
{
  g_return_val_if_fail (PB_IS_RESULTS_PAGE (self), NULL);
  return self->outcome;
}

const PbOutcome *
pb_results_page_get_compare_outcome (PbResultsPage *self)
{
  g_return_val_if_fail (PB_IS_RESULTS_PAGE (self), NULL);
  return self->outcome != NULL ? other_outcome (self) : NULL;
}

GListModel *
pb_results_page_get_rows (PbResultsPage *self)
{
  g_return_val_if_fail (PB_IS_RESULTS_PAGE (self), NULL);
  return G_LIST_MODEL (self->rows);
}

GListModel *
pb_results_page_get_compare_rows (PbResultsPage *self)
{
  g_return_val_if_fail (PB_IS_RESULTS_PAGE (self), NULL);
  return G_LIST_MODEL (self->compare_rows);
}

void
pb_results_page_set_view (PbResultsPage *self,
                          const char    *view)
{
  g_return_if_fail (PB_IS_RESULTS_PAGE (self));
  g_return_if_fail (view != NULL);

  if (adw_view_stack_get_child_by_name (self->result_stack, view) != NULL)
    adw_view_stack_set_visible_child_name (self->result_stack, view);
}
