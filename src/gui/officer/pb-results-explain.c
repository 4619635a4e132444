/* pb-results-explain.c: why a project was or was not funded (see
 * pb-results-explain.h). */

#include "pb-config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "pb-decimal.h"
#include "pb-results-explain.h"

static char *
money (const mpq_t  value,
       const char  *currency)
{
  g_autofree char *text = pb_decimal_to_string (value);

  return pb_money_format (text, currency);
}

static gboolean
is_equal_shares (PbRule rule)
{
  return rule == PB_RULE_MES_COST || rule == PB_RULE_MES_CARD || rule == PB_RULE_MES_POINTS
         || rule == PB_RULE_MES_COST_ADD1 || rule == PB_RULE_MES_COST_ADD1_GREEDY;
}

static const char *
project_name (const PbElection *election,
              int               index)
{
  const PbElectionProject *project = &election->projects[index];

  return project->name != NULL ? project->name : project->id;
}

static gint64
optimum_total (const PbOutcome *outcome)
{
  gint64 total = 0;

  for (guint i = 0; i < outcome->n_selected; i++)
    total += outcome->projects[outcome->selected[i]].supporters;
  return total;
}

/* "1 approval", "4 approvals". */
static char *
approvals (gint64 n)
{
  /* Translators: a number of approvals, as in "(4 approvals)". */
  return g_strdup_printf (ngettext ("%'" PRId64 " approval", "%'" PRId64 " approvals", (gulong) n), n);
}

/* utilitarian-max: what the optimum owes to the project, from the best total
 * of approvals with it and without it; NULL when the engine did not work
 * them out (an instance too large, or a project over the whole budget). */
static char *
explain_optimum (const PbOutcome *outcome,
                 guint            index,
                 const char      *currency)
{
  const PbProjectOutcome *po = &outcome->projects[index];
  gint64 optimum = optimum_total (outcome);
  g_autofree char *alternative = NULL;
  g_autofree char *chosen = NULL;
  g_autofree char *total = NULL;
  gint64 loss;

  if (po->best_with < 0 || po->best_without < 0)
    return NULL;
  total = approvals (optimum);

  if (po->funded)
    {
      loss = po->best_with - po->best_without;
      if (loss > 0)
        /* Translators: utilitarian-max.  %s: the optimum's approvals ("4
         * approvals"); %'ld: the best total of a set without this project,
         * and the difference (which picks the plural). */
        return g_strdup_printf (ngettext ("Funded: it is part of the set of projects with the most approvals that fits the budget (%s). The best set without it would reach only %'" PRId64 ", %'" PRId64 " approval fewer.",
                                          "Funded: it is part of the set of projects with the most approvals that fits the budget (%s). The best set without it would reach only %'" PRId64 ", %'" PRId64 " approvals fewer.",
                                          (gulong) loss),
                                total, po->best_without, loss);
      alternative = money (po->alternative_cost, currency);
      chosen = money (outcome->total_cost, currency);
      if (mpq_cmp (po->alternative_cost, outcome->total_cost) > 0)
        /* Translators: utilitarian-max.  The optimum's approvals; what the
         * cheapest equally good set without it costs; what the chosen set
         * costs. */
        return g_strdup_printf (_("Funded: it is part of the set of projects with the most approvals that fits the budget (%s). A set without it could reach as many, but it would cost %s, more than the %s of the set chosen."),
                                total, alternative, chosen);
      /* Translators: utilitarian-max.  The optimum's approvals and the
       * cost both equally good sets share. */
      return g_strdup_printf (_("Funded: it is part of the set of projects with the most approvals that fits the budget (%s). A set without it reaches as many for the same %s; the tie-breaking order chose this one."),
                              total, chosen);
    }

  if (po->supporters == 0)
    return g_strdup (_("Not funded: nobody voted for it, so it adds no approvals to the set with the most approvals."));
  loss = po->best_without - po->best_with;
  if (loss > 0)
    {
      g_autofree char *with = approvals (po->best_with);

      /* Translators: utilitarian-max.  %s: the best approvals of a set
       * with this project ("3 approvals"); %'ld: the chosen set's total,
       * and the difference (which picks the plural). */
      return g_strdup_printf (ngettext ("Not funded: the best set of projects that fits the budget with it reaches %s, against %'" PRId64 " for the set chosen. Funding it would cost %'" PRId64 " approval.",
                                        "Not funded: the best set of projects that fits the budget with it reaches %s, against %'" PRId64 " for the set chosen. Funding it would cost %'" PRId64 " approvals.",
                                        (gulong) loss),
                              with, optimum, loss);
    }
  alternative = money (po->alternative_cost, currency);
  chosen = money (outcome->total_cost, currency);
  if (mpq_cmp (po->alternative_cost, outcome->total_cost) > 0)
    /* Translators: utilitarian-max.  The approvals both sets reach, what
     * the cheapest such set with this project costs, what the chosen set
     * costs. */
    return g_strdup_printf (_("Not funded: a set with it reaches as many approvals (%'" PRId64 "), but costs at least %s, more than the %s of the set chosen."),
                            optimum, alternative, chosen);
  /* Translators: utilitarian-max.  The approvals both sets reach and the
   * cost they share. */
  return g_strdup_printf (_("Not funded: a set with it reaches as many approvals (%'" PRId64 ") for the same %s; the tie-breaking order chose the other set."),
                          optimum, chosen);
}

static char *
explain_funded (const PbElection *election,
                const PbOutcome  *outcome,
                guint             index,
                const char       *currency)
{
  const PbProjectOutcome *po = &outcome->projects[index];

  if (po->rank > 0)
    {
      g_autofree char *left = money (po->money_left, currency);

      if (is_equal_shares (outcome->rule))
        /* Translators: equal shares left money over, which was then given
         * out by support; %s is the money left, e.g. "£3,000". */
        return g_strdup_printf (_("Funded from the money equal shares left over: it was next in order of support and %s was still left."), left);
      if (outcome->rule == PB_RULE_GREEDY_CARD)
        /* Translators: %u is its place when projects are ranked by
         * supporters for what they cost, %s the money still left. */
        return g_strdup_printf (_("Funded: it was number %u when projects were ranked by supporters for what they cost, and %s was still left when its turn came."),
                                po->rank, left);
      if (outcome->rule == PB_RULE_GREEDY_POINTS)
        return g_strdup_printf (_("Funded: it was number %u when projects were ranked by points for what they cost, and %s was still left when its turn came."),
                                po->rank, left);
      /* Translators: %u is its place in order of support, %s the money
       * still left when its turn came. */
      return g_strdup_printf (_("Funded: it was number %u in order of support, and %s was still left when its turn came."),
                              po->rank, left);
    }
  if (outcome->rule == PB_RULE_PHRAGMEN)
    return g_strdup_printf (ngettext ("Funded in round %u: its %'u supporter could take on its cost with the lightest load.",
                                      "Funded in round %u: its %'u supporters could share its cost most evenly.",
                                      po->supporters),
                            po->round, po->supporters);
  if (outcome->rule == PB_RULE_UTILITARIAN_MAX)
    {
      char *why = explain_optimum (outcome, index, currency);

      return why != NULL ? why : g_strdup (_("Funded: it is part of the set of projects with the most approvals that fits the budget."));
    }
  if (is_equal_shares (outcome->rule))
    {
      if (po->round == 0)
        return g_strdup (_("Funded first: it costs nothing and has supporters."));
      return g_strdup_printf (ngettext ("Funded in round %u: its %'u supporter could pay for it from their equal share of the budget.",
                                        "Funded in round %u: its %'u supporters could pay for it together from their equal shares of the budget.",
                                        po->supporters),
                              po->round, po->supporters);
    }
  return g_strdup (_("Funded."));
}

char *
pb_results_explain_project (const PbElection *election,
                            const PbOutcome  *outcome,
                            guint             index,
                            const char       *currency)
{
  const PbProjectOutcome *po;

  g_return_val_if_fail (election != NULL, NULL);
  g_return_val_if_fail (outcome != NULL, NULL);
  g_return_val_if_fail (index < outcome->n_projects, NULL);

  po = &outcome->projects[index];
  switch (po->fate)
    {
    case PB_PROJECT_FATE_FUNDED:
      return explain_funded (election, outcome, index, currency);

    case PB_PROJECT_FATE_DID_NOT_FIT:
      {
        g_autofree char *left = money (po->money_left, currency);
        g_autofree char *cost = money (election->projects[index].cost, currency);

        if (po->rank > 0 && is_equal_shares (outcome->rule))
          /* Translators: equal shares left money over, given out by
           * support; the money left and the project's cost. */
          return g_strdup_printf (_("Not funded: when the money equal shares left over was given out by support, only %s was left and it costs %s."),
                                  left, cost);
        if (po->rank > 0 && outcome->rule == PB_RULE_GREEDY_CARD)
          return g_strdup_printf (_("Not funded: when its turn came (number %u when projects were ranked by supporters for what they cost), only %s was left and it costs %s."),
                                  po->rank, left, cost);
        if (po->rank > 0 && outcome->rule == PB_RULE_GREEDY_POINTS)
          return g_strdup_printf (_("Not funded: when its turn came (number %u when projects were ranked by points for what they cost), only %s was left and it costs %s."),
                                  po->rank, left, cost);
        if (po->rank > 0)
          /* Translators: %u: its place in order of support; then the money
           * left and the project's cost. */
          return g_strdup_printf (_("Not funded: when its turn came (number %u in order of support), only %s was left and it costs %s."),
                                  po->rank, left, cost);
        return g_strdup_printf (_("Not funded: only %s was left and it costs %s."), left, cost);
      }

    case PB_PROJECT_FATE_NO_SUPPORT:
      return g_strdup (_("Not funded: nobody voted for it."));

    case PB_PROJECT_FATE_SUPPORTERS_SHORT:
      {
        double percent = mpq_get_d (po->share) * 100.0;

        if (po->beaten_by >= 0)
          /* Translators: %s is the project funded instead; then the share
           * of its cost its supporters still had, e.g. "40". */
          return g_strdup_printf (_("Not funded: its supporters chose “%s” first, which gave them more for their money; afterwards they had only %.0f%% of its cost left between them."),
                                  project_name (election, po->beaten_by), percent);
        return g_strdup_printf (ngettext ("Not funded: its %'u supporter had only %.0f%% of its cost in their equal share of the budget.",
                                          "Not funded: its %'u supporters had only %.0f%% of its cost between them in their equal shares of the budget.",
                                          po->supporters),
                                po->supporters, percent);
      }

    case PB_PROJECT_FATE_OVER_BUDGET:
      {
        g_autofree char *cost = money (election->projects[index].cost, currency);
        g_autofree char *budget = money (outcome->budget, currency);

        return g_strdup_printf (_("Not funded: it costs %s, more than the whole budget of %s."), cost, budget);
      }

    case PB_PROJECT_FATE_STOPPED:
      return g_strdup (_("Not funded: the count stopped before its turn, because the project that came next no longer fitted in the budget."));

    case PB_PROJECT_FATE_NOT_OPTIMAL:
      {
        char *why = explain_optimum (outcome, index, currency);

        return why != NULL ? why : g_strdup (_("Not funded: the set of projects with the most approvals that fits the budget does not include it."));
      }

    default:
      return g_strdup (_("Not funded."));
    }
}

const char *
pb_results_fate_label (const PbProjectOutcome *project)
{
  g_return_val_if_fail (project != NULL, NULL);

  return project->funded ? _("Funded") : _("Not funded");
}
