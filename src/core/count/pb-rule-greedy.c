/* pb-rule-greedy.c: the greedy rules and the exact utilitarian optimum.
 *
 * Greedy ranks projects by satisfaction per unit of cost and funds them in
 * that order, skipping (not stopping at) any that no longer fits.  The
 * utilitarian optimum instead finds the affordable set with the largest
 * total number of approvals, exactly, by dynamic programming over that
 * number.
 */

#include "pb-config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "pb-count-private.h"

typedef struct {
  gboolean infinite;
  mpq_t    value;
} Density;

typedef struct {
  const PbCount *count;
  const Density *density;
} DensityOrder;

static int
compare_density (const Density *a,
                 const Density *b)
{
  if (a->infinite || b->infinite)
    return (a->infinite > b->infinite) - (a->infinite < b->infinite);
  return mpq_cmp (a->value, b->value);
}

/* Highest density first, then the tie-breaking chain. */
static int
compare_greedy_order (const void *a,
                      const void *b,
                      void       *data)
{
  const DensityOrder *order = data;
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;
  int c = compare_density (&order->density[y], &order->density[x]);

  if (c != 0)
    return c;
  return (order->count->tie_rank[x] > order->count->tie_rank[y])
         - (order->count->tie_rank[x] < order->count->tie_rank[y]);
}

/* tot(p)/cost(p) as the reference defines it: 0 without satisfaction,
 * +inf for a free project that gives some. */
static void
compute_density (const PbCount *count,
                 PbRule         rule,
                 guint          p,
                 Density       *density)
{
  const mpq_t *cost = &count->election->projects[p].cost;

  density->infinite = FALSE;
  mpq_set_ui (density->value, 0, 1);
  if (rule == PB_RULE_GREEDY_COST)
    {
      /* Satisfaction is the cost itself, so tot/cost is the number of
       * supporters, and a free project satisfies nobody. */
      if (mpq_sgn (*cost) > 0)
        mpq_set_ui (density->value, count->supporters[p], 1);
      return;
    }
  if (mpz_sgn (count->score[p]) == 0)
    return;
  if (mpq_sgn (*cost) == 0)
    {
      density->infinite = mpz_sgn (count->score[p]) > 0;
      return;
    }
  mpq_set_z (density->value, count->score[p]);
  mpq_div (density->value, density->value, *cost);
}

/* Orders @projects (n of them) for greedy under @rule and records the
 * groups of equal density as ties. */
static void
greedy_order (PbCount *count,
              PbRule   rule,
              guint   *projects,
              guint    n)
{
  g_autofree Density *density = g_new (Density, MAX (count->n_projects, 1));
  DensityOrder order = { count, density };

  for (guint p = 0; p < count->n_projects; p++)
    {
      mpq_init (density[p].value);
      compute_density (count, rule, p, &density[p]);
    }
  g_qsort_with_data (projects, n, sizeof (guint), compare_greedy_order, &order);

  for (guint i = 0; i < n;)
    {
      guint j = i + 1;

      while (j < n && compare_density (&density[projects[i]], &density[projects[j]]) == 0)
        j++;
      if (j - i > 1)
        {
          g_autofree guint *tied = g_memdup2 (projects + i, sizeof (guint) * (j - i));

          pb_count_record_tie (count, tied, j - i, i + 1);
        }
      i = j;
    }
  for (guint p = 0; p < count->n_projects; p++)
    mpq_clear (density[p].value);
}

/* Goes once through @projects, funding each that fits in @left. */
static void
greedy_pass (PbCount *count,
             guint   *projects,
             guint    n,
             mpq_t    left,
             guint    first_rank)
{
  const PbElection *election = count->election;

  for (guint i = 0; i < n; i++)
    {
      guint p = projects[i];
      PbProjectOutcome *po = &count->outcome->projects[p];

      po->rank = first_rank + i;
      mpq_set (po->money_left, left);
      if (mpq_cmp (election->projects[p].cost, left) <= 0)
        {
          mpq_sub (left, left, election->projects[p].cost);
          pb_count_select (count, p);
        }
      else if (mpq_cmp (election->projects[p].cost, election->budget) > 0)
        po->fate = PB_PROJECT_FATE_OVER_BUDGET;
      else
        po->fate = PB_PROJECT_FATE_DID_NOT_FIT;
    }
}

void
pb_rule_greedy (PbCount *count,
                PbRule   rule)
{
  g_autofree guint *order = g_new (guint, MAX (count->n_projects, 1));
  mpq_t left;

  for (guint p = 0; p < count->n_projects; p++)
    order[p] = p;
  greedy_order (count, rule, order, count->n_projects);

  mpq_init (left);
  mpq_set (left, count->election->budget);
  greedy_pass (count, order, count->n_projects, left, 1);
  mpq_clear (left);
  pb_count_finish (count, NULL);
}

void
pb_rule_greedy_complete (PbCount *count)
{
  g_autofree guint *order = g_new (guint, MAX (count->n_projects, 1));
  guint n = 0;
  mpq_t left;

  for (guint p = 0; p < count->n_projects; p++)
    if (!count->outcome->projects[p].funded)
      order[n++] = p;
  greedy_order (count, PB_RULE_GREEDY_COST, order, n);

  mpq_init (left);
  mpq_sub (left, count->election->budget, count->outcome->total_cost);
  greedy_pass (count, order, n, left, 1);
  mpq_clear (left);
  pb_count_finish (count, NULL);
}

/* ---- The utilitarian optimum ---------------------------------------------- */

/* The dynamic programme runs over the total number of approvals V (the sum
 * of every project's supporters): best[v] is the least cost of a set with
 * exactly v approvals.  Time is O(projects × V) and memory O(V) words plus
 * projects × V bits to rebuild the set, so its cost grows with the number of
 * voters times the ballot length times the number of projects, never with
 * the size of the budget.  Costs are scaled to whole numbers by the common
 * denominator of all costs and the budget. */
#define UTILITARIAN_MAX_CELLS (G_GUINT64_CONSTANT (4000000000))

gboolean
pb_rule_utilitarian_max (PbCount  *count,
                         GError  **error)
{
  const PbElection *election = count->election;
  guint n = count->n_projects;
  guint64 total_value = 0;
  g_autofree gint64 *cost = g_new (gint64, MAX (n, 1));
  g_autofree gint64 *best = NULL;
  g_autofree guint8 *took = NULL;
  gint64 budget = 0;
  gsize row_bytes;
  mpz_t denominator, scaled;
  gboolean fits = TRUE;
  guint64 best_value = 0;
  g_autofree gboolean *in_optimum = NULL;

  mpz_init_set (denominator, mpq_denref (election->budget));
  for (guint p = 0; p < n; p++)
    mpz_lcm (denominator, denominator, mpq_denref (election->projects[p].cost));
  mpz_init (scaled);
  for (guint p = 0; p <= n && fits; p++)
    {
      const mpq_t *amount = p < n ? &election->projects[p].cost : &election->budget;

      mpz_divexact (scaled, denominator, mpq_denref (*amount));
      mpz_mul (scaled, scaled, mpq_numref (*amount));
      /* Keeping every amount below 2^62 lets two of them be added safely. */
      fits = mpz_sizeinbase (scaled, 2) <= 62;
      if (fits && p < n)
        cost[p] = (gint64) mpz_get_si (scaled);
      else if (fits)
        budget = (gint64) mpz_get_si (scaled);
    }
  mpz_clear (scaled);
  mpz_clear (denominator);
  for (guint p = 0; p < n; p++)
    total_value += count->supporters[p];

  if (!fits || (guint64) (n + 1) * (total_value + 1) > UTILITARIAN_MAX_CELLS)
    {
      g_set_error (error, PB_COUNT_ERROR, PB_COUNT_ERROR_TOO_LARGE,
                   _("The exact optimum would need %" PRIu64 " × %u steps, more than Pb allows"),
                   total_value + 1, n + 1);
      return FALSE;
    }

  best = g_new (gint64, total_value + 1);
  best[0] = 0;
  for (guint64 v = 1; v <= total_value; v++)
    best[v] = G_MAXINT64;
  row_bytes = (total_value + 8) / 8;
  took = g_malloc0 (row_bytes * MAX (n, 1));

  /* Projects enter in reverse tie order, so that rebuilding (which walks
   * them back) settles equal choices in favour of the tie-breaking chain. */
  for (guint i = 0; i < n; i++)
    {
      guint p = count->by_tie_rank[n - 1 - i];
      guint64 value = count->supporters[p];
      guint8 *row = took + row_bytes * i;

      if (cost[p] > budget)
        continue;
      for (guint64 v = total_value; v >= value && v != G_MAXUINT64; v--)
        {
          gint64 base = best[v - value];

          if (base != G_MAXINT64 && base + cost[p] <= budget
              && (best[v] == G_MAXINT64 || base + cost[p] < best[v]))
            {
              best[v] = base + cost[p];
              row[v / 8] |= (guint8) (1u << (v % 8));
            }
          if (v == 0)
            break;
        }
    }

  for (guint64 v = total_value;; v--)
    {
      if (best[v] != G_MAXINT64)
        {
          best_value = v;
          break;
        }
      if (v == 0)
        break;
    }

  /* Walking the projects back, the last one that improved best[v] is the
   * one the optimum holds. */
  in_optimum = g_new0 (gboolean, MAX (n, 1));
  for (guint i = n; i > 0; i--)
    {
      guint p = count->by_tie_rank[n - i];
      const guint8 *row = took + row_bytes * (i - 1);

      if (row[best_value / 8] & (1u << (best_value % 8)))
        {
          in_optimum[p] = TRUE;
          best_value -= count->supporters[p];
        }
    }

  /* The selection order of an optimum is the tie-breaking order. */
  for (guint k = 0; k < n; k++)
    {
      guint p = count->by_tie_rank[k];

      if (in_optimum[p])
        pb_count_select (count, p);
      else
        count->outcome->projects[p].fate = mpq_cmp (election->projects[p].cost, election->budget) > 0
                                           ? PB_PROJECT_FATE_OVER_BUDGET
                                           : PB_PROJECT_FATE_NOT_OPTIMAL;
    }
  pb_count_finish (count, NULL);
  return TRUE;
}
