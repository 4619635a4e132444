/* pb-rule-phragmen.c: sequential Phragmén.
 *
 * Every voter carries a load, starting at 0.  Each round funds the project
 * whose supporters would end up with the lowest equal load L = (their loads
 * + its cost) / their number, and sets their loads to L.  As in the
 * reference, the rule stops outright as soon as any project tied for the
 * lowest L no longer fits in the budget.
 *
 * Supporters of the last funded project they support share one load, so
 * loads live in "load classes" (at most one per round): a candidate's sum of
 * loads is an integer count per class times that class's exact load.  L
 * only rises, so a round re-evaluates only projects whose last L could
 * still be the lowest.
 */

#include "pb-config.h"

#include <string.h>

#include "pb-count-private.h"

typedef struct {
  PbCount  *count;
  guint     n_loads;
  mpq_t    *load;          /* per load class; class 0 is 0 */
  guint32  *load_of;       /* per group */
  guint64  *accumulated;   /* per load class, scratch */
  mpq_t     sum;
  mpq_t     term;
} Phragmen;

/* L(p), or FALSE for +inf (nobody supports it). */
static gboolean
evaluate (Phragmen *ph,
          guint     project,
          mpq_t     level)
{
  const PbCount *count = ph->count;

  if (count->supporters[project] == 0)
    return FALSE;
  memset (ph->accumulated, 0, sizeof (guint64) * ph->n_loads);
  for (guint32 e = count->support_start[project]; e < count->support_start[project + 1]; e++)
    {
      guint32 g = count->support_groups[e];

      ph->accumulated[ph->load_of[g]] += count->group_weight[g];
    }
  mpq_set (ph->sum, count->election->projects[project].cost);
  for (guint k = 1; k < ph->n_loads; k++)
    {
      if (ph->accumulated[k] == 0)
        continue;
      mpz_mul_ui (mpq_numref (ph->term), mpq_numref (ph->load[k]), ph->accumulated[k]);
      mpz_set (mpq_denref (ph->term), mpq_denref (ph->load[k]));
      mpq_canonicalize (ph->term);
      mpq_add (ph->sum, ph->sum, ph->term);
    }
  mpz_set_ui (mpq_denref (ph->term), count->supporters[project]);
  mpz_set_ui (mpq_numref (ph->term), 1);
  mpq_mul (level, ph->sum, ph->term);
  return TRUE;
}

typedef struct {
  gboolean infinite;
  mpq_t    value;
} Level;

static int
compare_levels (const Level *a,
                const Level *b)
{
  if (a->infinite || b->infinite)
    return (a->infinite > b->infinite) - (a->infinite < b->infinite);
  return mpq_cmp (a->value, b->value);
}

void
pb_rule_phragmen (PbCount *count)
{
  const PbElection *election = count->election;
  PbOutcome *outcome = count->outcome;
  guint n = count->n_projects;
  Phragmen ph = { count, 0, NULL, NULL, NULL };
  g_autofree guint *candidates = g_new (guint, MAX (n, 1));
  g_autofree gboolean *alive = g_new0 (gboolean, MAX (n, 1));
  g_autofree Level *level = g_new (Level, MAX (n, 1));
  g_autofree guint *tied = g_new (guint, MAX (n, 1));
  g_autofree guint *evaluated = g_new (guint, MAX (n, 1));
  guint n_candidates = 0;
  guint round = 0;
  mpq_t total;

  ph.load = g_new (mpq_t, n + 1);
  ph.accumulated = g_new (guint64, n + 1);
  ph.load_of = g_new0 (guint32, MAX (count->n_groups, 1));
  for (guint k = 0; k <= n; k++)
    mpq_init (ph.load[k]);
  ph.n_loads = 1;
  mpq_init (ph.sum);
  mpq_init (ph.term);
  mpq_init (total);

  for (guint i = 0; i < n; i++)
    {
      guint p = count->by_tie_rank[i];

      mpq_init (level[p].value);
      level[p].infinite = FALSE;
      if (mpq_cmp (election->projects[p].cost, election->budget) <= 0)
        {
          candidates[n_candidates++] = p;
          outcome->projects[p].fate = PB_PROJECT_FATE_STOPPED;
        }
      else
        outcome->projects[p].fate = PB_PROJECT_FATE_OVER_BUDGET;
    }
  /* candidates[] came out in tie order; compute the first levels. */
  for (guint i = 0; i < n_candidates; i++)
    {
      guint p = candidates[i];

      alive[p] = TRUE;
      level[p].infinite = !evaluate (&ph, p, level[p].value);
    }

  for (;;)
    {
      int best = -1;
      guint n_tied = 0;
      guint n_evaluated = 0;
      gboolean stop = FALSE;

      round++;
      /* Insertion sort by (level, tie rank): only a few levels moved. */
      for (guint i = 1; i < n_candidates; i++)
        {
          guint p = candidates[i];
          guint j = i;

          while (j > 0)
            {
              guint q = candidates[j - 1];
              int c = compare_levels (&level[q], &level[p]);

              if (c < 0 || (c == 0 && count->tie_rank[q] < count->tie_rank[p]))
                break;
              candidates[j] = q;
              j--;
            }
          candidates[j] = p;
        }

      for (guint i = 0; i < n_candidates; i++)
        {
          guint p = candidates[i];

          if (!alive[p])
            continue;
          if (best >= 0 && compare_levels (&level[p], &level[best]) > 0)
            break;
          level[p].infinite = !evaluate (&ph, p, level[p].value);
          evaluated[n_evaluated++] = p;
          if (best < 0 || compare_levels (&level[p], &level[best]) < 0)
            {
              best = (int) p;
              n_tied = 0;
              tied[n_tied++] = p;
            }
          else if (compare_levels (&level[p], &level[best]) == 0)
            {
              tied[n_tied++] = p;
              if (count->tie_rank[p] < count->tie_rank[best])
                best = (int) p;
            }
        }
      if (best < 0)
        break;

      /* Stop outright if any tied project would overspend. */
      for (guint i = 0; i < n_tied; i++)
        {
          mpq_add (ph.sum, total, election->projects[tied[i]].cost);
          if (mpq_cmp (ph.sum, election->budget) > 0)
            stop = TRUE;
        }
      for (guint i = 0; i < n_tied; i++)
        outcome->projects[tied[i]].round = round;
      /* The facts behind the others' fate: the load their supporters
       * would have reached in this round (the last one they were looked
       * at in). */
      for (guint i = 0; i < n_evaluated; i++)
        {
          PbProjectOutcome *po = &outcome->projects[evaluated[i]];

          po->round = round;
          if (!level[evaluated[i]].infinite)
            mpq_set (po->rho, level[evaluated[i]].value);
        }
      if (stop)
        break;

      if (n_tied > 1)
        pb_count_record_tie (count, tied, n_tied, round);
      alive[best] = FALSE;
      mpq_add (total, total, election->projects[best].cost);
      pb_count_select (count, (guint) best);
      outcome->projects[best].round = round;
      if (!level[best].infinite)
        {
          guint k = ph.n_loads++;

          mpq_set (ph.load[k], level[best].value);
          mpq_set (outcome->projects[best].rho, level[best].value);
          for (guint32 e = count->support_start[best]; e < count->support_start[best + 1]; e++)
            ph.load_of[count->support_groups[e]] = k;
        }
      /* … and the project whose supporters' load was lower. */
      for (guint i = 0; i < n_evaluated; i++)
        if (evaluated[i] != (guint) best)
          outcome->projects[evaluated[i]].beaten_by = best;
    }

  /* Where the count stopped, the load each project left out would have
   * given its supporters: the fact behind "stopped". */
  for (guint i = 0; i < n_candidates; i++)
    {
      guint p = candidates[i];

      if (!alive[p] || outcome->projects[p].funded)
        continue;
      level[p].infinite = !evaluate (&ph, p, level[p].value);
      if (!level[p].infinite)
        mpq_set (outcome->projects[p].rho, level[p].value);
      outcome->projects[p].round = round;
    }

  /* Nobody supports it: no load can ever pay for it. */
  for (guint p = 0; p < n; p++)
    if (!outcome->projects[p].funded && outcome->projects[p].fate == PB_PROJECT_FATE_STOPPED
        && count->supporters[p] == 0)
      outcome->projects[p].fate = PB_PROJECT_FATE_NO_SUPPORT;

  for (guint p = 0; p < n; p++)
    mpq_clear (level[p].value);
  for (guint k = 0; k <= n; k++)
    mpq_clear (ph.load[k]);
  g_free (ph.load);
  g_free (ph.accumulated);
  g_free (ph.load_of);
  mpq_clear (ph.sum);
  mpq_clear (ph.term);
  mpq_clear (total);
  pb_count_finish (count, NULL);
}
