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

/* What the optimum owes to each project: best_with and best_without.
 *
 * Each of them is one more optimum, with the project forced in (and the
 * budget cut by its cost) or left out; computing them one by one would
 * multiply the time of the count by the number of projects.  Instead the
 * projects that fit the budget are put in a row, and the best set without
 * project i is joined from the best sets of the projects before i (a prefix)
 * and of those after it (a suffix).
 *
 * The tables here are "at least" tables: least[v] is the least cost of a set
 * with at least v approvals (NO_SET when every such set costs more than the
 * budget), for v up to the optimum's total, since no set within the budget
 * goes beyond it.  They never decrease, so two of them are joined in one
 * pass from both ends.  Keeping every prefix would take projects × optimum
 * words; only every k-th one is kept (k ≈ √projects) and the others of a
 * block are rebuilt from its first one when the backward pass, which grows
 * the suffix, reaches the block.  In all: about three more passes of the
 * dynamic programme over projects × optimum cells plus one join per
 * project (its own side is the optimum's total), and (2√projects + 1) tables of (optimum + 1) words.  Instances
 * needing more than EXPLAIN_MAX_WORDS words are counted without these
 * figures (they stay -1). */
#define EXPLAIN_MAX_WORDS (G_GUINT64_CONSTANT (16) * 1024 * 1024)
#define NO_SET G_MAXINT64

static void
least_init (gint64  *least,
            guint64  length)
{
  least[0] = 0;
  for (guint64 v = 1; v < length; v++)
    least[v] = NO_SET;
}

/* The largest v with least[v] <= @limit (least[0] = 0 <= @limit). */
static guint64
least_reach (const gint64 *least,
             guint64       length,
             gint64        limit)
{
  guint64 low = 0, high = length - 1;

  while (low < high)
    {
      guint64 middle = low + (high - low + 1) / 2;

      if (least[middle] <= limit)
        low = middle;
      else
        high = middle - 1;
    }
  return low;
}

/* Lets the sets of @least take one more project (costing at most @budget).
 * A table never decreases, so only the v whose base least[v - value]
 * leaves room for @cost can change: those up to the reach of budget − cost
 * plus @value, found by bisection. */
static void
least_add (gint64  *least,
           guint64  length,
           gint64   cost,
           guint64  value,
           gint64   budget)
{
  gint64 limit = budget - cost;
  guint64 top;

  if (value == 0)
    return;
  top = MIN (length - 1, least_reach (least, length, limit) + value);
  for (guint64 v = top; v > value; v--)
    {
      gint64 base = least[v - value];

      if (base <= limit && base + cost < least[v])
        least[v] = base + cost;
    }
  for (guint64 v = MIN (top, value); v >= 1; v--)
    least[v] = MIN (least[v], cost);
}

/* The most approvals a set made of one set of @a and one of @b reaches
 * within @budget; -1 when @budget is negative. */
static gint64
least_join (const gint64 *a,
            const gint64 *b,
            guint64       length,
            gint64        budget)
{
  guint64 j = length - 1;
  gint64 best = -1;

  if (budget < 0)
    return -1;
  for (guint64 i = 0; i < length && a[i] <= budget; i++)
    {
      /* b[0] is 0, so this stops. */
      while (b[j] > budget - a[i])
        j--;
      best = MAX (best, (gint64) (i + j));
    }
  return best;
}

/* The least cost of a set made of one set of @a and one of @b with at least
 * @target approvals (NO_SET if none fits the budget). */
static gint64
least_join_cost (const gint64 *a,
                 const gint64 *b,
                 guint64       length,
                 guint64       target)
{
  gint64 best = NO_SET;

  for (guint64 i = 0; i < length && a[i] != NO_SET; i++)
    {
      guint64 j = target > i ? target - i : 0;

      if (j < length && b[j] != NO_SET)
        best = MIN (best, a[i] + b[j]);
      if (j == 0)
        break;
    }
  return best;
}

static void
set_scaled (mpq_t        out,
            gint64       scaled,
            const mpz_t  denominator)
{
  mpz_set_si (mpq_numref (out), scaled);
  mpz_set (mpq_denref (out), denominator);
  mpq_canonicalize (out);
}

static void
explain_optimum (PbCount          *count,
                 const gint64     *cost,
                 gint64            budget,
                 const gboolean   *in_optimum,
                 guint64           optimum,
                 const mpz_t       denominator)
{
  guint n = count->n_projects;
  guint64 length = optimum + 1;
  g_autofree guint *items = g_new (guint, MAX (n, 1));
  g_autofree gint64 *memory = NULL;
  g_autofree gint64 **row = NULL;
  gint64 *suffix;
  guint m = 0, k = 1, n_blocks;

  for (guint p = 0; p < n; p++)
    {
      if (cost[p] <= budget)
        items[m++] = p;
      else
        count->outcome->projects[p].best_without = (gint64) optimum;
    }
  while ((guint64) k * k < m)
    k++;
  n_blocks = MAX ((m + k - 1) / k, 1);
  if ((guint64) (n_blocks + k) * length > EXPLAIN_MAX_WORDS)
    {
      for (guint p = 0; p < n; p++)
        count->outcome->projects[p].best_without = -1;
      return;
    }

  /* Tables 0 … n_blocks - 1 hold the prefix before each block, then k - 1
   * tables for the prefixes inside a block, then the suffix. */
  memory = g_new (gint64, (n_blocks + k) * length);
  row = g_new (gint64 *, k);
  suffix = memory + (guint64) (n_blocks + k - 1) * length;
  least_init (memory, length);
  for (guint t = 1; t < n_blocks; t++)
    {
      gint64 *table = memory + (guint64) t * length;

      memcpy (table, table - length, length * sizeof (gint64));
      for (guint i = (t - 1) * k; i < t * k; i++)
        least_add (table, length, cost[items[i]], count->supporters[items[i]], budget);
    }

  least_init (suffix, length);
  for (guint t = n_blocks; t-- > 0;)
    {
      guint start = t * k;
      guint end = MIN (m, start + k);

      if (pb_count_is_cancelled (count))
        return;
      row[0] = memory + (guint64) t * length;
      for (guint i = 1; start + i < end; i++)
        {
          row[i] = memory + (guint64) (n_blocks + i - 1) * length;
          memcpy (row[i], row[i - 1], length * sizeof (gint64));
          least_add (row[i], length, cost[items[start + i - 1]], count->supporters[items[start + i - 1]], budget);
        }
      for (guint i = end; i-- > start;)
        {
          guint p = items[i];
          PbProjectOutcome *po = &count->outcome->projects[p];
          const gint64 *prefix = row[i - start];
          guint64 value = count->supporters[p];

          /* The optimum is the best set with the projects it holds and
           * without the others: only the other side needs a join. */
          if (in_optimum[p])
            {
              po->best_with = (gint64) optimum;
              po->best_without = least_join (prefix, suffix, length, budget);
            }
          else
            {
              po->best_with = least_join (prefix, suffix, length, budget - cost[p]) + (gint64) value;
              po->best_without = (gint64) optimum;
            }
          if (po->best_with == po->best_without)
            {
              gint64 least = in_optimum[p]
                             ? least_join_cost (prefix, suffix, length, optimum)
                             : cost[p] + least_join_cost (prefix, suffix, length, optimum - value);

              set_scaled (po->alternative_cost, least, denominator);
            }
          least_add (suffix, length, cost[p], value, budget);
        }
    }
}

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
  guint64 best_value = 0, optimum, reach = 0;
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
  for (guint p = 0; p < n; p++)
    total_value += count->supporters[p];

  if (!fits || (guint64) (n + 1) * (total_value + 1) > UTILITARIAN_MAX_CELLS)
    {
      g_set_error (error, PB_COUNT_ERROR, PB_COUNT_ERROR_TOO_LARGE,
                   _("The exact optimum would need %" PRIu64 " × %u steps, more than Pb allows"),
                   total_value + 1, n + 1);
      mpz_clear (denominator);
      return FALSE;
    }

  best = g_new (gint64, total_value + 1);
  best[0] = 0;
  for (guint64 v = 1; v <= total_value; v++)
    best[v] = G_MAXINT64;
  row_bytes = (total_value + 8) / 8;
  took = g_malloc0 (row_bytes * MAX (n, 1));

  /* Projects enter in tie order and best[v] only changes for a strictly
   * cheaper set, so rebuilding (which walks them back and takes a project
   * only where it made best[v] cheaper) leaves out a project late in the
   * tie-breaking chain whenever an equally cheap set does without it:
   * among the cheapest sets with the most approvals, the one whose
   * latest project in the chain comes earliest (then the next latest, …). */
  for (guint i = 0; i < n; i++)
    {
      guint p = count->by_tie_rank[i];
      guint64 value = count->supporters[p];
      guint8 *row = took + row_bytes * i;

      if (cost[p] > budget)
        continue;
      /* No set of the projects so far has more approvals than they have
       * together. */
      reach += value;
      for (guint64 v = reach; v >= value && v != G_MAXUINT64; v--)
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
  optimum = best_value;
  in_optimum = g_new0 (gboolean, MAX (n, 1));
  for (guint i = n; i > 0; i--)
    {
      guint p = count->by_tie_rank[i - 1];
      const guint8 *row = took + row_bytes * (i - 1);

      if (row[best_value / 8] & (1u << (best_value % 8)))
        {
          in_optimum[p] = TRUE;
          best_value -= count->supporters[p];
        }
    }

  g_clear_pointer (&best, g_free);
  g_clear_pointer (&took, g_free);
  explain_optimum (count, cost, budget, in_optimum, optimum, denominator);
  mpz_clear (denominator);

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
