/* pb-rule-mes.c: the Method of Equal Shares, with and without add-1.
 *
 * Every voter starts with an equal share of the budget.  Each round funds
 * the project whose supporters can pay for it at the lowest price per unit
 * of satisfaction (ρ), each paying ρ × their satisfaction or all they have
 * left, and drops projects their supporters can no longer afford.
 *
 * Speed comes from two observations.  First, voters with the same ballot
 * always hold the same money, so the count works on groups of identical
 * ballots.  Second, voters who supported the same funded projects (and paid
 * the same prices) also hold the same money: the count keeps "budget
 * classes", one exact rational per class, and splits a class only when a
 * funded project is supported by part of it.  A price is then computed over
 * a few classes instead of thousands of voters, in exact GMP arithmetic.
 * Third, like the reference, a project's ρ can only rise from round to
 * round, so a round only re-evaluates projects whose last ρ could still be
 * the lowest.
 */

#include "pb-config.h"

#include <glib/gi18n-lib.h>
#include <float.h>
#include <math.h>
#include <string.h>

#include "pb-count-private.h"

/* The relative error bound of one rounding step in the fast path (four
 * units in the last place, for safety). */
#define FAST_EPSILON (4.0 * DBL_EPSILON)

/* The most points a certificate prices at once: see certify(). */
#define MAX_POINTS 17

typedef enum {
  SAT_COST,     /* satisfaction = the project's cost */
  SAT_CARD,     /* satisfaction = 1 */
  SAT_POINTS,   /* satisfaction = the points given */
} Satisfaction;

typedef struct {
  guint32 klass;
  gint32  next;      /* the next bucket of the same class, or -1 */
  gint64  utility;   /* points, or 1 */
  guint64 weight;    /* voters of the class with this utility for the project */
  guint32 target;    /* after a payment: the class these voters move to */
} Bucket;

/* What the fast path knows of a class's budget (see "The fast path"),
 * side by side: a walk over buckets reads all four. */
typedef struct {
  double budget;       /* the budget … */
  double error;        /* … and a bound on its absolute error, */
  double slope;        /* … its rate of change with the voter budget … */
  double slope_error;  /* … and a bound on that rate's error */
} FastClass;

/* A class in the current gather(): head (its first bucket) is valid while
 * stamp is the gather's.  Side by side: gather() reads all three. */
typedef struct {
  guint32 stamp;
  gint32  head;
  guint64 weight;    /* but with points: the weight gathered, 0 outside gather() */
} Slot;

typedef struct {
  guint32 group;
  guint32 weight;    /* the group's voters (n_voters is a guint) */
} SupportEntry;

typedef struct {
  PbCount      *count;
  Satisfaction  sat;

  /* Budget classes; class 0 holds the voters who have nothing left. */
  guint         n_classes;
  guint         classes_capacity;
  mpq_t        *budget;
  double       *budget_d;     /* a lower approximation, only to sort quickly */
  FastClass    *fast;         /* the fast path's budget of each class */
  /* A certificate over a stretch of budgets (certify()): each class's
   * budget at each point with its error, and bounds of its rate of change
   * in each segment between two points. */
  guint         points_capacity;
  FastClass    *point_fast[MAX_POINTS];
  double       *segment_slope_low[MAX_POINTS];
  double       *segment_slope_high[MAX_POINTS];
  guint64      *weight;
  Slot         *slot;         /* per class, for gather() */
  guint32       current_stamp;
  guint32      *class_of;     /* per group */
  guint32      *target_of;    /* per class, during a payment: where its payers go */

  /* Every rule but points: each project's supporting groups with their
   * weights, those who may still hold money first (live_end[p] ends them),
   * in an order gather() permutes as voters run out.  See gather(). */
  SupportEntry *entries;
  guint32      *live_end;

  Bucket       *buckets;
  guint         n_buckets;
  guint         buckets_capacity;
  guint         buckets_project; /* whose supporters the buckets hold, or G_MAXUINT */
  guint32      *bucket_order;
  /* In evaluate_fast(): each bucket's budget, error and utility side by
   * side, and lists of buckets (near the level, found poor). */
  double       *bucket_budget;
  double       *bucket_error;
  double       *bucket_utility;
  guint32      *near;
  guint32      *newly_poor;
  guint32      *touched;         /* in gather(): classes in order of appearance */
  guint         aux_capacity;    /* of bucket_order … touched, and of poor */
  /* A copy of the buckets of the best project of a fast round so far, so
   * that paying for it needs no second gather(). */
  Bucket       *kept;
  guint         n_kept;
  guint         kept_capacity;
  guint         kept_project;    /* or G_MAXUINT */
  /* For each round of the selection being certified, the stretch of
   * budgets (in units above the first run's) where that round alone is
   * already proved, and where the bottom of certify()'s points lies. */
  guint64      *round_from;
  guint64      *round_until;
  guint64       position;
  double        crossing;     /* after certify(): see there, or -1 */

  /* Candidates: supported projects with a positive cost. */
  guint         n_candidates;
  guint        *candidates;   /* kept ordered by (lower bound of ρ, tie rank) */
  gboolean     *is_candidate;
  gboolean     *alive;
  mpq_t        *rho;          /* the last ρ computed: a lower bound of the next */
  double       *fast_low;     /* the fast path's lower bound of each ρ */
  double       *fast_rho;
  double       *fast_rho_error;
  double       *fast_rho_slope;
  double       *fast_rho_slope_error;
  double       *fast_rho_fall;  /* how fast ρ can fall at most as β rises */
  double       *fast_cost;      /* each project's cost as a double */
  double       *fast_rho_start; /* each candidate's first ρ, which does not depend on β */
  double        fast_delta;   /* how far the voter budget may rise with the run unchanged */
  guint8       *poor;         /* per bucket: pays all it has */
  struct _FastKey *keys;
  guint         keys_capacity;
  guint         n_upfront;
  guint        *upfront;      /* free projects with supporters: funded first */

  /* The selection of the current run. */
  guint        *selected;
  guint         n_selected;

  /* Lower bounds of every candidate's ρ at every round of a fast run
   * (row r: before round r's pick; +∞ for those out of the race), and
   * those of the run one unit above with its selection: see run_fast(). */
  double       *low_cur;
  double       *low_above;
  guint        *above_selected;
  guint         above_n;
  gboolean      have_above;

  mpq_t         money;
  mpq_t         remaining;
  mpq_t         price;
  mpq_t         tmp;
  mpq_t         term;
  mpq_t         paid;
  mpz_t         denominator;
  mpz_t         zt;
  mpz_t         sum_num;    /* a running total of money, not reduced … */
  mpz_t         sum_den;    /* … over the lcm of its terms' denominators */
  mpz_t         sum_factor;
} Mes;

/* ---- Budget classes ------------------------------------------------------ */

static void
classes_grow (Mes *mes)
{
  guint old = mes->classes_capacity;

  mes->classes_capacity = MAX (64, old * 2);
  mes->budget = g_renew (mpq_t, mes->budget, mes->classes_capacity);
  mes->budget_d = g_renew (double, mes->budget_d, mes->classes_capacity);
  mes->fast = g_renew (FastClass, mes->fast, mes->classes_capacity);
  mes->weight = g_renew (guint64, mes->weight, mes->classes_capacity);
  mes->slot = g_renew (Slot, mes->slot, mes->classes_capacity);
  mes->target_of = g_renew (guint32, mes->target_of, mes->classes_capacity);
  for (guint i = old; i < mes->classes_capacity; i++)
    mpq_init (mes->budget[i]);
}

/* A new class (payments create thousands per run: the common case is
 * inlined). */
static inline guint
class_reserve (Mes *mes)
{
  guint c = mes->n_classes;

  if (G_UNLIKELY (c == mes->classes_capacity))
    classes_grow (mes);
  mes->weight[c] = 0;
  mes->slot[c].stamp = 0;
  mes->slot[c].head = -1;
  mes->slot[c].weight = 0;
  mes->n_classes++;
  return c;
}

static guint
class_new (Mes         *mes,
           const mpq_t  budget)
{
  guint c = class_reserve (mes);

  mpq_set (mes->budget[c], budget);
  mes->budget_d[c] = mpq_get_d (budget);
  return c;
}

static guint
class_new_fast (Mes    *mes,
                double  budget,
                double  error,
                double  slope,
                double  slope_error)
{
  guint c = class_reserve (mes);

  mes->fast[c].budget = budget;
  mes->fast[c].error = error;
  mes->fast[c].slope = slope;
  mes->fast[c].slope_error = slope_error;
  return c;
}

/* At the start of a run every voter holds money again: every supporter is
 * live (in whatever order the last run left them), and no buckets are
 * known. */
static void
supporters_reset (Mes *mes)
{
  if (mes->entries != NULL)
    memcpy (mes->live_end, mes->count->support_start + 1, sizeof (guint32) * mes->count->n_projects);
  mes->buckets_project = G_MAXUINT;
  mes->kept_project = G_MAXUINT;
}

static void
classes_reset (Mes         *mes,
               const mpq_t  voter_budget)
{
  mpq_t zero;

  mes->n_classes = 0;
  mpq_init (zero);
  class_new (mes, zero);
  mpq_clear (zero);
  class_new (mes, voter_budget);
  mes->weight[1] = mes->count->n_voters;
  for (guint g = 0; g < mes->count->n_groups; g++)
    mes->class_of[g] = 1;
  supporters_reset (mes);
}

/* Room for @n buckets. */
static void
buckets_reserve (Mes   *mes,
                 guint  n)
{
  if (mes->buckets_capacity < n)
    {
      mes->buckets_capacity = MAX (64, MAX (n, mes->buckets_capacity * 2));
      mes->buckets = g_renew (Bucket, mes->buckets, mes->buckets_capacity);
    }
  if (mes->aux_capacity < mes->buckets_capacity)
    {
      mes->aux_capacity = mes->buckets_capacity;
      mes->bucket_order = g_renew (guint32, mes->bucket_order, mes->aux_capacity);
      mes->near = g_renew (guint32, mes->near, mes->aux_capacity);
      mes->newly_poor = g_renew (guint32, mes->newly_poor, mes->aux_capacity);
      mes->bucket_budget = g_renew (double, mes->bucket_budget, mes->aux_capacity);
      mes->bucket_error = g_renew (double, mes->bucket_error, mes->aux_capacity);
      mes->bucket_utility = g_renew (double, mes->bucket_utility, mes->aux_capacity);
      mes->touched = g_renew (guint32, mes->touched, mes->aux_capacity);
      mes->poor = g_renew (guint8, mes->poor, mes->aux_capacity);
    }
}

/* With points: the bucket of class @c whose voters give @u points in the
 * current gather(), or -1. */
static gint32
bucket_of (const Mes *mes,
           guint32    c,
           gint64     u)
{
  for (gint32 b = mes->slot[c].head; b >= 0; b = mes->buckets[b].next)
    if (mes->buckets[b].utility == u)
      return b;
  return -1;
}

/* The length of a supporter list from which gather() takes fewer branches. */
#define GATHER_LONG 256

/* Gathers the supporters of @project into buckets of (class, utility),
 * leaving out the voters who have nothing left.
 *
 * Class 0 (nothing left) is for good within a run: nobody leaves it.  So,
 * but with points, the walk also drops from the project's live supporters
 * every group it finds there, by moving it past live_end; a run walks
 * each supporter list many times, and by the late rounds many supporters
 * have spent everything.  The next run puts them all back.
 *
 * The live keep their order (the walk swaps each live entry down past the
 * spent ones), so the buckets come in the order of the supporter list.
 * Over a long list, which class comes first, and where a spent entry
 * turns up, follow no pattern a branch predictor could learn: there the
 * sums per class have no branch (each class's sum is 0 outside a walk),
 * and only the swap has one, which stays the same from the first spent
 * entry on.  Short lists are walked again and again in the same order,
 * and a predictor learns them: there branches cost less than stores. */
static void
gather (Mes   *mes,
        guint  project)
{
  const PbCount *count = mes->count;

  /* The buckets still hold this project's supporters: no class has
   * changed since (every payment and reset forgets them). */
  if (mes->buckets_project == project)
    return;
  mes->n_buckets = 0;
  mes->buckets_project = project;
  if (++mes->current_stamp == 0)
    {
      for (guint c = 0; c < mes->n_classes; c++)
        mes->slot[c].stamp = 0;
      mes->current_stamp = 1;
    }
  if (mes->sat != SAT_POINTS)
    {
      /* Every utility is 1: one bucket per class. */
      SupportEntry *entries = mes->entries;
      const guint32 *class_of = mes->class_of;
      Slot *slot = mes->slot;
      guint32 *touched;
      guint32 current = mes->current_stamp;
      guint32 live = count->support_start[project];
      guint32 end = mes->live_end[project];
      guint n_touched = 0;

      buckets_reserve (mes, mes->n_classes);
      touched = mes->touched;
      if (end - live < GATHER_LONG)
        {
          for (guint32 e = live; e < end; e++)
            {
              SupportEntry entry = entries[e];
              guint32 c = class_of[entry.group];

              if (c == 0)
                continue;
              /* [start, live) live, [live, e) spent. */
              entries[e] = entries[live];
              entries[live++] = entry;
              if (slot[c].stamp != current)
                {
                  slot[c].stamp = current;
                  touched[n_touched++] = c;
                }
              slot[c].weight += entry.weight;
            }
        }
      else
        for (guint32 e = live; e < end; e++)
          {
            SupportEntry entry = entries[e];
            guint32 c = class_of[entry.group];
            Slot *s = &slot[c];
            guint32 fresh = s->stamp != current;

            if (c == 0)
              continue;
            if (live != e)
              {
                entries[e] = entries[live];
                entries[live] = entry;
              }
            live++;
            /* Written always, kept only if the class is new here. */
            touched[n_touched] = c;
            n_touched += fresh;
            s->stamp = current;
            s->weight += entry.weight;
          }
      mes->live_end[project] = live;
      for (guint i = 0; i < n_touched; i++)
        {
          guint32 c = touched[i];
          Bucket *bucket = &mes->buckets[i];

          slot[c].head = (gint32) i;
          bucket->klass = c;
          bucket->utility = 1;
          bucket->weight = slot[c].weight;
          slot[c].weight = 0;
          bucket->next = -1;
        }
      mes->n_buckets = n_touched;
      return;
    }
  for (guint32 e = count->support_start[project]; e < count->support_start[project + 1]; e++)
    {
      guint32 g = count->support_groups[e];
      guint32 c = mes->class_of[g];
      gint64 u = count->support_points[e];
      gint32 b;

      if (c == 0)
        continue;
      if (mes->slot[c].stamp != mes->current_stamp)
        {
          mes->slot[c].stamp = mes->current_stamp;
          mes->slot[c].head = -1;
        }
      b = bucket_of (mes, c, u);
      if (b < 0)
        {
          buckets_reserve (mes, mes->n_buckets + 1);
          b = (gint32) mes->n_buckets++;
          mes->buckets[b].klass = c;
          mes->buckets[b].utility = u;
          mes->buckets[b].weight = 0;
          mes->buckets[b].next = mes->slot[c].head;
          mes->slot[c].head = b;
        }
      mes->buckets[b].weight += count->group_weight[g];
    }
}

/* Keeps a copy of the buckets just gathered (those of a fast round's best
 * so far). */
static void
keep_buckets (Mes *mes)
{
  if (mes->kept_capacity < mes->n_buckets)
    {
      mes->kept_capacity = MAX (64, MAX (mes->n_buckets, mes->kept_capacity * 2));
      mes->kept = g_renew (Bucket, mes->kept, mes->kept_capacity);
    }
  memcpy (mes->kept, mes->buckets, sizeof (Bucket) * mes->n_buckets);
  mes->n_kept = mes->n_buckets;
  mes->kept_project = mes->buckets_project;
}

/* The buckets of @project before a payment: those last gathered if they
 * are its, or those kept for it (swapped in, with each class's head set
 * again to its last bucket, as gather() leaves it), or gathered now.  No
 * class changed since either was gathered: payments forget them. */
static void
gather_for_pay (Mes   *mes,
                guint  project)
{
  if (mes->buckets_project == project)
    return;
  if (mes->kept_project == project)
    {
      Bucket *swap = mes->buckets;
      guint capacity = mes->buckets_capacity;

      mes->buckets = mes->kept;
      mes->buckets_capacity = mes->kept_capacity;
      mes->n_buckets = mes->n_kept;
      mes->kept = swap;
      mes->kept_capacity = capacity;
      mes->kept_project = G_MAXUINT;
      mes->buckets_project = project;
      buckets_reserve (mes, mes->n_buckets);
      for (guint b = 0; b < mes->n_buckets; b++)
        mes->slot[mes->buckets[b].klass].head = (gint32) b;
      return;
    }
  gather (mes, project);
}

/* Moves the live supporters of @project, after a payment, to the target of
 * their bucket; forgets every bucket, now out of date. */
static void
move_payers (Mes   *mes,
             guint  project)
{
  const PbCount *count = mes->count;

  if (mes->sat != SAT_POINTS)
    {
      const SupportEntry *entries = mes->entries;
      guint32 *class_of = mes->class_of;
      const guint32 *target_of = mes->target_of;

      for (guint b = 0; b < mes->n_buckets; b++)
        mes->target_of[mes->buckets[b].klass] = mes->buckets[b].target;
      mes->target_of[0] = 0;
      for (guint32 e = count->support_start[project]; e < mes->live_end[project]; e++)
        {
          guint32 g = entries[e].group;

          class_of[g] = target_of[class_of[g]];
        }
    }
  else
    for (guint32 e = count->support_start[project]; e < count->support_start[project + 1]; e++)
      {
        guint32 g = count->support_groups[e];
        guint32 c = mes->class_of[g];
        gint64 u = count->support_points[e];
        gint32 b;

        if (c == 0)
          continue;
        b = bucket_of (mes, c, u);
        g_assert (b >= 0);
        mes->class_of[g] = mes->buckets[b].target;
      }
  mes->buckets_project = G_MAXUINT;
  mes->kept_project = G_MAXUINT;
}

static int
compare_buckets (const void *a,
                 const void *b,
                 void       *data)
{
  Mes *mes = data;
  const Bucket *x = &mes->buckets[*(const guint32 *) a];
  const Bucket *y = &mes->buckets[*(const guint32 *) b];

  if (mes->sat != SAT_POINTS)
    {
      /* mpq_get_d() truncates, so it is monotonic: different doubles order
       * the exact values the same way, and only equal ones need GMP. */
      if (mes->budget_d[x->klass] != mes->budget_d[y->klass])
        return mes->budget_d[x->klass] < mes->budget_d[y->klass] ? -1 : 1;
      return mpq_cmp (mes->budget[x->klass], mes->budget[y->klass]);
    }
  else
    {
      /* budget_x / u_x against budget_y / u_y, cross-multiplied. */
      mpq_t l, r;
      int c;

      mpq_init (l);
      mpq_init (r);
      mpz_mul_si (mpq_numref (l), mpq_numref (mes->budget[x->klass]), y->utility);
      mpz_set (mpq_denref (l), mpq_denref (mes->budget[x->klass]));
      mpq_canonicalize (l);
      mpz_mul_si (mpq_numref (r), mpq_numref (mes->budget[y->klass]), x->utility);
      mpz_set (mpq_denref (r), mpq_denref (mes->budget[y->klass]));
      mpq_canonicalize (r);
      c = mpq_cmp (l, r);
      mpq_clear (l);
      mpq_clear (r);
      return c;
    }
}

/* money += weight × budget. */
static void
add_money (Mes         *mes,
           mpq_t        money,
           guint64      weight,
           const mpq_t  budget)
{
  mpz_mul_ui (mpq_numref (mes->term), mpq_numref (budget), weight);
  mpz_set (mpq_denref (mes->term), mpq_denref (budget));
  mpq_canonicalize (mes->term);
  mpq_add (money, money, mes->term);
}

/* Sums of money: Σ weight × budget over one denominator (the lcm of the
 * terms'), reduced once at the end, rather than a gcd per term as mpq
 * additions take.  Budgets share few denominators, so most terms only
 * add to the numerator.  The total is the same rational. */
static void
sum_start (Mes *mes)
{
  mpz_set_ui (mes->sum_num, 0);
  mpz_set_ui (mes->sum_den, 1);
}

static void
sum_add (Mes         *mes,
         guint64      weight,
         const mpq_t  budget)
{
  if (mpz_cmp (mes->sum_den, mpq_denref (budget)) != 0)
    {
      if (!mpz_divisible_p (mes->sum_den, mpq_denref (budget)))
        {
          /* Bring the total over lcm(sum_den, den). */
          mpz_gcd (mes->sum_factor, mes->sum_den, mpq_denref (budget));
          mpz_divexact (mes->sum_factor, mpq_denref (budget), mes->sum_factor);
          mpz_mul (mes->sum_num, mes->sum_num, mes->sum_factor);
          mpz_mul (mes->sum_den, mes->sum_den, mes->sum_factor);
        }
      mpz_divexact (mes->sum_factor, mes->sum_den, mpq_denref (budget));
      mpz_mul (mes->sum_factor, mes->sum_factor, mpq_numref (budget));
      mpz_addmul_ui (mes->sum_num, mes->sum_factor, weight);
    }
  else
    mpz_addmul_ui (mes->sum_num, mpq_numref (budget), weight);
}

static void
sum_end (Mes   *mes,
         mpq_t  total)
{
  mpz_set (mpq_numref (total), mes->sum_num);
  mpz_set (mpq_denref (total), mes->sum_den);
  mpq_canonicalize (total);
}

/* tmp = price × @utility; a utility of 1 (every rule but points) needs
 * no reduction. */
static void
price_times (Mes    *mes,
             gint64  utility)
{
  if (utility == 1)
    {
      mpq_set (mes->tmp, mes->price);
      return;
    }
  mpz_mul_si (mes->zt, mpq_numref (mes->price), utility);
  mpz_set (mpq_numref (mes->tmp), mes->zt);
  mpz_set (mpq_denref (mes->tmp), mpq_denref (mes->price));
  mpq_canonicalize (mes->tmp);
}

/* The water level found in doubles, then checked exactly: the voters
 * marked poor must have less than price × utility and the others at least
 * that.  The price of a water-filling is unique, so when the check passes
 * it is the price; otherwise the caller sorts.  Saves a rational division
 * per bucket on most evaluations. */
static gboolean
evaluate_guided (Mes         *mes,
                 const mpq_t  cost,
                 double       cost_d)
{
  guint n = mes->n_buckets;
  double remaining_d = cost_d, denominator_d = 0, q = 0;
  gboolean changed;

  for (guint b = 0; b < n; b++)
    {
      mes->poor[b] = FALSE;
      denominator_d += (double) mes->buckets[b].weight * (double) mes->buckets[b].utility;
    }
  do
    {
      changed = FALSE;
      if (denominator_d <= 0)
        return FALSE;
      q = remaining_d / denominator_d;
      for (guint b = 0; b < n; b++)
        {
          const Bucket *bucket = &mes->buckets[b];

          if (mes->poor[b] || q * (double) bucket->utility <= mes->budget_d[bucket->klass])
            continue;
          mes->poor[b] = TRUE;
          changed = TRUE;
          remaining_d -= (double) bucket->weight * mes->budget_d[bucket->klass];
          denominator_d -= (double) bucket->weight * (double) bucket->utility;
        }
    }
  while (changed);

  /* The exact price for this split. */
  sum_start (mes);
  for (guint b = 0; b < n; b++)
    {
      const Bucket *bucket = &mes->buckets[b];

      if (!mes->poor[b])
        continue;
      sum_add (mes, bucket->weight, mes->budget[bucket->klass]);
      mpz_set_ui (mes->zt, bucket->weight);
      mpz_submul_ui (mes->denominator, mes->zt, (gulong) bucket->utility);
    }
  sum_end (mes, mes->paid);
  mpq_sub (mes->remaining, cost, mes->paid);
  if (mpz_sgn (mes->denominator) <= 0 || mpq_sgn (mes->remaining) <= 0)
    return FALSE;
  mpz_set (mpq_numref (mes->price), mpq_numref (mes->remaining));
  mpz_mul (mpq_denref (mes->price), mpq_denref (mes->remaining), mes->denominator);
  mpq_canonicalize (mes->price);

  /* Check the split: clear cases in doubles, close ones exactly. */
  q = mpq_get_d (mes->price);
  for (guint b = 0; b < n; b++)
    {
      const Bucket *bucket = &mes->buckets[b];
      double level = q * (double) bucket->utility;
      double budget = mes->budget_d[bucket->klass];
      int c;

      if (mes->poor[b] ? budget < level * (1 - 1e-9) : budget > level * (1 + 1e-9))
        continue;
      price_times (mes, bucket->utility);
      c = mpq_cmp (mes->budget[bucket->klass], mes->tmp);
      if (mes->poor[b] ? c >= 0 : c < 0)
        return FALSE;
    }
  return TRUE;
}

/* Computes the price of @project: on success mes->price holds the lowest
 * ρ per unit of the internal utility (1 for cost and cardinality, points
 * otherwise) at which the supporters can pay its cost, and @rho the ρ the
 * rule compares (for cost satisfaction, per unit of cost).  Returns FALSE
 * when the supporters' money (left in mes->money) falls short. */
static gboolean
evaluate (Mes   *mes,
          guint  project,
          mpq_t  rho)
{
  const mpq_t *cost = &mes->count->election->projects[project].cost;
  double cost_d = mpq_get_d (*cost);
  double money_d = 0, money_error;

  gather (mes, project);
  mpz_set_ui (mes->denominator, 0);
  for (guint b = 0; b < mes->n_buckets; b++)
    {
      const Bucket *bucket = &mes->buckets[b];

      /* budget_d truncates: within a relative 2^-52 of the budget. */
      money_d += (double) bucket->weight * mes->budget_d[bucket->klass];
      mes->bucket_order[b] = b;
      mpz_set_ui (mes->zt, bucket->weight);
      if (bucket->utility >= 0)
        mpz_addmul_ui (mes->denominator, mes->zt, (gulong) bucket->utility);
      else
        mpz_submul_ui (mes->denominator, mes->zt, (gulong) -bucket->utility);
    }
  money_error = (mes->n_buckets + 4) * DBL_EPSILON * money_d + 4 * DBL_EPSILON * cost_d;

  /* Affordable beyond doubt: the exact total is not needed. */
  if (!(money_d - money_error > cost_d))
    {
      sum_start (mes);
      for (guint b = 0; b < mes->n_buckets; b++)
        sum_add (mes, mes->buckets[b].weight, mes->budget[mes->buckets[b].klass]);
      sum_end (mes, mes->money);
      if (mpq_cmp (mes->money, *cost) < 0)
        return FALSE;
    }

  {
      if (evaluate_guided (mes, *cost, cost_d))
        {
          if (mes->sat == SAT_COST)
            mpq_div (rho, mes->price, *cost);
          else
            mpq_set (rho, mes->price);
          return TRUE;
        }
      /* The denominator was spent on the guess: count it again. */
      mpz_set_ui (mes->denominator, 0);
      for (guint b = 0; b < mes->n_buckets; b++)
        {
          mpz_set_ui (mes->zt, mes->buckets[b].weight);
          mpz_addmul_ui (mes->denominator, mes->zt, (gulong) mes->buckets[b].utility);
        }
    }

  /* Water-filling: the poorest supporters (per unit of utility) pay all
   * they have until the rest can share what remains at an equal price. */
  g_qsort_with_data (mes->bucket_order, mes->n_buckets, sizeof (guint32), compare_buckets, mes);
  mpq_set (mes->remaining, *cost);
  for (guint i = 0; i < mes->n_buckets; i++)
    {
      const Bucket *bucket = &mes->buckets[mes->bucket_order[i]];

      mpz_set (mpq_numref (mes->price), mpq_numref (mes->remaining));
      mpz_mul (mpq_denref (mes->price), mpq_denref (mes->remaining), mes->denominator);
      mpq_canonicalize (mes->price);
      /* price × u ≤ budget: this class, and all richer, pay the price. */
      price_times (mes, bucket->utility);
      if (mpq_cmp (mes->tmp, mes->budget[bucket->klass]) <= 0)
        {
          if (mes->sat == SAT_COST)
            mpq_div (rho, mes->price, *cost);
          else
            mpq_set (rho, mes->price);
          return TRUE;
        }
      mpq_set_ui (mes->paid, 0, 1);
      add_money (mes, mes->paid, bucket->weight, mes->budget[bucket->klass]);
      mpq_sub (mes->remaining, mes->remaining, mes->paid);
      mpz_set_ui (mes->zt, bucket->weight);
      if (bucket->utility >= 0)
        mpz_submul_ui (mes->denominator, mes->zt, (gulong) bucket->utility);
      else
        mpz_addmul_ui (mes->denominator, mes->zt, (gulong) -bucket->utility);
    }
  /* With money ≥ cost the last bucket always satisfies the test above:
   * what remains for it is at most what it holds. */
  g_assert_not_reached ();
  return FALSE;
}

/* Funds @project at the price in mes->price (from evaluate()). */
static void
pay (Mes   *mes,
     guint  project)
{
  mpq_t left;

  gather_for_pay (mes, project);
  mpq_init (left);
  for (guint b = 0; b < mes->n_buckets; b++)
    {
      Bucket *bucket = &mes->buckets[b];
      guint32 c = bucket->klass;

      /* Each voter pays min(budget, price × utility). */
      price_times (mes, bucket->utility);
      if (mpq_cmp (mes->tmp, mes->budget[c]) >= 0)
        mpq_set_ui (left, 0, 1);
      else
        mpq_sub (left, mes->budget[c], mes->tmp);

      if (mpq_sgn (left) == 0)
        bucket->target = 0;
      else if (bucket->weight == mes->weight[c] && mes->slot[c].head == (gint32) b && bucket->next < 0)
        {
          /* The whole class pays alike: it keeps its identity. */
          mpq_set (mes->budget[c], left);
          mes->budget_d[c] = mpq_get_d (left);
          bucket->target = c;
          continue;
        }
      else
        bucket->target = class_new (mes, left);
      mes->weight[c] -= bucket->weight;
      mes->weight[bucket->target] += bucket->weight;
    }
  mpq_clear (left);

  move_payers (mes, project);
}

/* ---- Runs ------------------------------------------------------------------ */

static int
compare_candidates (const Mes *mes,
                    guint      x,
                    guint      y)
{
  int c = mpq_cmp (mes->rho[x], mes->rho[y]);

  if (c != 0)
    return c;
  return (mes->count->tie_rank[x] > mes->count->tie_rank[y])
         - (mes->count->tie_rank[x] < mes->count->tie_rank[y]);
}

/* Restores the order of the candidate list after some ρ rose. */
static void
sort_candidates (Mes *mes)
{
  for (guint i = 1; i < mes->n_candidates; i++)
    {
      guint p = mes->candidates[i];
      guint j = i;

      while (j > 0 && compare_candidates (mes, mes->candidates[j - 1], p) > 0)
        {
          mes->candidates[j] = mes->candidates[j - 1];
          j--;
        }
      mes->candidates[j] = p;
    }
}

/* The initial ρ of a candidate: its cost over its total satisfaction. */
static void
initial_rho (Mes   *mes,
             guint  p,
             mpq_t  rho)
{
  const PbCount *count = mes->count;

  if (mes->sat == SAT_COST)
    {
      mpq_set_ui (rho, 1, 1);
      mpz_set_ui (mpq_denref (rho), count->supporters[p]);
      mpq_canonicalize (rho);
    }
  else
    {
      mpq_set_z (rho, count->score[p]);
      mpq_div (rho, count->election->projects[p].cost, rho);
    }
}

/* One full run from scratch with @voter_budget per voter.  With @explain,
 * also fills the per-project facts of the outcome and records ties. */
static void
run (Mes         *mes,
     const mpq_t  voter_budget,
     gboolean     explain)
{
  PbCount *count = mes->count;
  PbOutcome *outcome = count->outcome;
  g_autofree guint *tied = g_new (guint, MAX (count->n_projects, 1));
  g_autofree guint *evaluated = g_new (guint, MAX (count->n_projects, 1));
  mpq_t rho, best_rho;
  guint round = 0;

  mpq_init (rho);
  mpq_init (best_rho);
  classes_reset (mes, voter_budget);
  mes->n_selected = 0;
  for (guint i = 0; i < mes->n_candidates; i++)
    {
      guint p = mes->candidates[i];

      mes->alive[p] = TRUE;
      initial_rho (mes, p, mes->rho[p]);
    }
  sort_candidates (mes);

  for (;;)
    {
      int best = -1;
      guint n_tied = 0;
      guint n_evaluated = 0;

      round++;
      for (guint i = 0; i < mes->n_candidates; i++)
        {
          guint p = mes->candidates[i];

          if (!mes->alive[p])
            continue;
          if (best >= 0 && mpq_cmp (mes->rho[p], best_rho) > 0)
            break;
          if (!evaluate (mes, p, rho))
            {
              mes->alive[p] = FALSE;
              if (explain)
                {
                  PbProjectOutcome *po = &outcome->projects[p];

                  po->fate = PB_PROJECT_FATE_SUPPORTERS_SHORT;
                  po->round = round;
                  mpq_div (po->share, mes->money, count->election->projects[p].cost);
                }
              continue;
            }
          mpq_set (mes->rho[p], rho);
          evaluated[n_evaluated++] = p;
          if (best < 0 || mpq_cmp (rho, best_rho) < 0)
            {
              best = (int) p;
              mpq_set (best_rho, rho);
              n_tied = 0;
              tied[n_tied++] = p;
            }
          else if (mpq_cmp (rho, best_rho) == 0)
            {
              tied[n_tied++] = p;
              if (count->tie_rank[p] < count->tie_rank[best])
                best = (int) p;
            }
        }
      if (best < 0)
        break;

      /* The price of the winner is recomputed: mes->price may hold a later
       * candidate's. */
      evaluate (mes, (guint) best, rho);
      pay (mes, (guint) best);
      mes->alive[best] = FALSE;
      mes->selected[mes->n_selected++] = (guint) best;

      if (explain)
        {
          PbProjectOutcome *po = &outcome->projects[best];

          if (n_tied > 1)
            pb_count_record_tie (count, tied, n_tied, round);
          po->round = round;
          mpq_set (po->rho, best_rho);
          mpq_set_ui (po->share, 1, 1);
          for (guint i = 0; i < n_evaluated; i++)
            {
              PbProjectOutcome *loser = &outcome->projects[evaluated[i]];

              if (evaluated[i] == (guint) best)
                continue;
              loser->beaten_by = best;
              loser->round = round;
              mpq_set (loser->rho, mes->rho[evaluated[i]]);
            }
        }
      sort_candidates (mes);
    }
  mpq_clear (rho);
  mpq_clear (best_rho);
}

/* ---- The fast path --------------------------------------------------------- */

/* add1 repeats whole runs hundreds or thousands of times, and exact
 * rationals there grow long denominators.  A fast run does the same work
 * in doubles while carrying, for every class budget and every price, a
 * bound on its absolute error.  Whenever a decision (affordable or not,
 * which project is cheapest) is closer than those bounds allow to tell, the
 * fast run gives up and the run is repeated in exact arithmetic; so exact
 * ties, which real data has, are always decided exactly.
 *
 * A fast run also finds how far the voter budget β may rise with every
 * decision of the run unchanged.  While the decisions stay the same, every
 * class budget, money total and price is an affine function of β (a
 * voter who pays all pays her budget, the others share what remains at
 * one price), so each decision compares two affine functions whose values
 * and slopes the run knows, with error bounds.  The smallest distance at
 * which some comparison could change sign is fast_delta: every run with a
 * voter budget in [β, β + fast_delta) funds the same projects in the same
 * order, so add1 need not run them (it still counts them as runs). */

typedef enum {
  FAST_UNAFFORDABLE,
  FAST_AFFORDABLE,
  FAST_UNSURE,
} FastVerdict;

typedef struct _FastKey {
  double  key;      /* budget per unit of utility */
  guint32 bucket;
} FastKey;

/* Records that a decision holds while @margin (> 0 when it holds, known
 * within @margin_error) has not been eaten by the budget's rise: its rate
 * of change is @slope within @slope_error. */
static inline void
bound_delta (Mes    *mes,
             double  margin,
             double  margin_error,
             double  slope,
             double  slope_error)
{
  double room = margin - margin_error;
  double adverse = MAX (0.0, -slope) + slope_error;

  if (!(room > 0))
    mes->fast_delta = 0;
  /* Most decisions allow far more than fast_delta already does: a
   * product tells without a division.  room > fast_delta × adverse ×
   * (1 + 2e-9), even as rounded, puts room / adverse × (1 − 1e-9), as
   * rounded, at fast_delta or above, so the minimum is the same. */
  else if (adverse > 0 && !(room > mes->fast_delta * adverse * (1 + 2e-9)))
    mes->fast_delta = MIN (mes->fast_delta, room / adverse * (1 - 1e-9));
}

static FastVerdict
evaluate_fast (Mes    *mes,
               guint   project,
               double *price,
               double *price_error,
               double *price_slope,
               double *price_slope_error,
               double *price_fall)
{
  double cost = mes->fast_cost[project];
  double money = 0, money_error = 0, money_slope = 0, money_slope_error = 0, money_slope_abs = 0;
  double denominator = 0, remaining, slack, q, level_error = 0;
  double poor_slope = 0, poor_slope_error = 0, poor_slope_abs = 0;
  double rounding, limit;
  /* Callers that only need the price (certify() at its points) pass no
   * slope: its sums are skipped. */
  gboolean with_slopes = price_slope != NULL;
  gboolean changed, first = TRUE, use_near = TRUE;
  guint n, n_near;
  const double *budget, *utility;
  guint8 *poor;
  guint32 *near, *newly_poor;

  gather (mes, project);
  n = mes->n_buckets;
  for (guint b = 0; b < n; b++)
    {
      const Bucket *bucket = &mes->buckets[b];
      double w = (double) bucket->weight;
      guint32 c = bucket->klass;

      mes->bucket_budget[b] = mes->fast[c].budget;
      mes->bucket_error[b] = mes->fast[c].error;
      mes->bucket_utility[b] = (double) bucket->utility;
      money += w * mes->fast[c].budget;
      money_error += w * mes->fast[c].error;
      denominator += w * (double) bucket->utility;
    }
  /* A certificate prices at points with no slopes (see price_at()). */
  if (with_slopes)
    for (guint b = 0; b < n; b++)
      {
        const FastClass *fast = &mes->fast[mes->buckets[b].klass];
        double w = (double) mes->buckets[b].weight;

        money_slope += w * fast->slope;
        money_slope_abs += w * fabs (fast->slope);
        money_slope_error += w * fast->slope_error;
      }
  slack = 2 * money_error + (n + 4) * FAST_EPSILON * (money + cost);
  money_slope_error = 2 * money_slope_error + (n + 4) * FAST_EPSILON * money_slope_abs;
  if (money + slack < cost)
    {
      /* Unaffordable until the supporters' money reaches the cost. */
      bound_delta (mes, cost - money, slack, -money_slope, money_slope_error);
      return FAST_UNAFFORDABLE;
    }
  if (money - slack < cost)
    return FAST_UNSURE;
  bound_delta (mes, money - cost, slack, money_slope, money_slope_error);

  budget = mes->bucket_budget;
  utility = mes->bucket_utility;
  poor = mes->poor;
  near = mes->near;
  newly_poor = mes->newly_poor;

  /* Water-filling: the voters whose budget per unit of utility is below
   * the level pay all they have; the level only rises as they drop out,
   * so a few passes find it without sorting.
   *
   * The level seldom ends above twice where it starts, so the first pass
   * also notes the buckets below that limit, and later passes look only
   * at those while the level stays at or below it: a bucket at or above
   * the limit cannot be poor then (rounding is monotonic), so the passes
   * do the very same sums in the same order as passes over every bucket,
   * which they become as soon as the level goes past the limit.
   *
   * Whether a bucket is poor, or near, is a coin toss to a branch
   * predictor: a pass only lists them, without a branch, and the sums
   * follow over the list, in the same order. */
  remaining = cost;
  limit = 0;
  n_near = 0;
  do
    {
      gboolean walk_near;
      guint n_pass, n_new = 0;

      changed = FALSE;
      if (denominator <= 0)
        return FAST_UNSURE;
      q = remaining / denominator;
      if (first)
        limit = 2 * q;
      else if (use_near && q > limit)
        use_near = FALSE;
      walk_near = !first && use_near;
      n_pass = walk_near ? n_near : n;
      if (first)
        for (guint b = 0; b < n; b++)
          {
            guint8 is_poor = q * utility[b] > budget[b];

            poor[b] = is_poor;
            newly_poor[n_new] = b;
            n_new += is_poor;
            near[n_near] = b;
            n_near += !is_poor & (limit * utility[b] > budget[b]);
          }
      else
        for (guint i = 0; i < n_pass; i++)
          {
            guint b = walk_near ? near[i] : i;
            guint8 is_new = !poor[b] & (q * utility[b] > budget[b]);

            poor[b] |= is_new;
            newly_poor[n_new] = b;
            n_new += is_new;
          }
      for (guint i = 0; i < n_new; i++)
        {
          guint b = newly_poor[i];

          remaining -= (double) mes->buckets[b].weight * budget[b];
          denominator -= (double) mes->buckets[b].weight * utility[b];
        }
      changed = n_new > 0;
      first = FALSE;
    }
  while (changed);

  /* The level moves by at most the error of the budgets of the voters who
   * pay all they have, or might (those within their error of the level),
   * over the utility of the others; plus the rounding of the sums. */
  {
    /* Listed first without a branch, as above (the lists of the passes
     * are free now), then summed in order. */
    const double *error = mes->bucket_error;
    guint32 *at_level = near, *poor_list = newly_poor;
    guint n_level = 0, n_poor = 0;

    for (guint b = 0; b < n; b++)
      {
        at_level[n_level] = b;
        n_level += poor[b] | (budget[b] - error[b] <= q * utility[b] * (1 + 1e-9));
        poor_list[n_poor] = b;
        n_poor += poor[b];
      }
    for (guint i = 0; i < n_level; i++)
      level_error += (double) mes->buckets[at_level[i]].weight * error[at_level[i]];
    if (!with_slopes)
      n_poor = 0;
    for (guint i = 0; i < n_poor; i++)
      {
        const Bucket *bucket = &mes->buckets[poor_list[i]];
        const FastClass *fast = &mes->fast[bucket->klass];
        double w = (double) bucket->weight;

        poor_slope += w * fast->slope;
        poor_slope_abs += w * fabs (fast->slope);
        poor_slope_error += w * fast->slope_error;
      }
  }
  rounding = (n + 4) * FAST_EPSILON;
  *price = q;
  *price_error = 2 * level_error / denominator + rounding * (money + cost) / denominator + rounding * q;
  if (!(*price_error < 1e-3 * q))
    return FAST_UNSURE;
  if (!with_slopes)
    return FAST_AFFORDABLE;
  /* d(price)/dβ = −(the poor voters' budgets' slope) / (the others' utility). */
  *price_slope = -poor_slope / denominator;
  *price_slope_error = (2 * poor_slope_error + rounding * poor_slope_abs) / denominator
                       + rounding * fabs (*price_slope);

  /* However the split changes, the price cannot fall faster than all
   * the supporters' money grows over the utility of those who pay the
   * price now (the water-filling total is concave in the price). */
  *price_fall = (money_slope + money_slope_error) / denominator * (1 + rounding);
  return FAST_AFFORDABLE;
}

static void
pay_fast (Mes    *mes,
          guint   project,
          double  price,
          double  price_error,
          double  price_slope,
          double  price_slope_error)
{
  gather_for_pay (mes, project);
  for (guint b = 0; b < mes->n_buckets; b++)
    {
      Bucket *bucket = &mes->buckets[b];
      guint32 c = bucket->klass;
      double u = (double) bucket->utility;
      double pay = price * u;
      double left = MAX (0.0, mes->fast[c].budget - pay);
      double error = mes->fast[c].error + price_error * u + FAST_EPSILON * mes->fast[c].budget;
      double slope = mes->fast[c].slope - price_slope * u;
      double slope_error = mes->fast[c].slope_error + price_slope_error * u
                           + 4 * FAST_EPSILON * (fabs (mes->fast[c].slope) + fabs (price_slope * u));

      /* Voters who surely pay all they have are surely left with nothing. */
      if (mes->fast[c].budget + mes->fast[c].error < pay - price_error * u)
        {
          bound_delta (mes, pay - mes->fast[c].budget, mes->fast[c].error + price_error * u, -slope, slope_error);
          left = 0;
          error = 0;
          slope = 0;
          slope_error = 0;
        }
      else
        bound_delta (mes, mes->fast[c].budget - pay, error, slope, slope_error);
      if (left == 0 && error == 0)
        bucket->target = 0;
      else if (bucket->weight == mes->weight[c] && mes->slot[c].head == (gint32) b && bucket->next < 0)
        {
          mes->fast[c].budget = left;
          mes->fast[c].error = error;
          mes->fast[c].slope = slope;
          mes->fast[c].slope_error = slope_error;
          bucket->target = c;
          continue;
        }
      /* Voters left with about nothing keep a class of their own with its
       * error bound, rather than class 0, so no money is lost unseen. */
      else
        bucket->target = class_new_fast (mes, left, error, slope, slope_error);
      mes->weight[c] -= bucket->weight;
      mes->weight[bucket->target] += bucket->weight;
    }
  move_payers (mes, project);
}

static void
sort_candidates_fast (Mes *mes)
{
  for (guint i = 1; i < mes->n_candidates; i++)
    {
      guint p = mes->candidates[i];
      guint j = i;

      while (j > 0 && mes->fast_low[mes->candidates[j - 1]] > mes->fast_low[p])
        {
          mes->candidates[j] = mes->candidates[j - 1];
          j--;
        }
      mes->candidates[j] = p;
    }
}

/* That @loser stays dearer than @winner while β rises.  Every budget only
 * grows with β (a voter keeps her budget minus a price that only falls, or
 * pays all), so the winner's ρ can only fall, which helps it; the loser's
 * ρ (or, for a project not looked at again this round, the ρ computed
 * earlier, a lower bound of its ρ now) falls at most at its fall rate. */
static void
bound_rho_order (Mes   *mes,
                 guint  loser,
                 guint  winner)
{
  bound_delta (mes, mes->fast_rho[loser] - mes->fast_rho[winner],
               mes->fast_rho_error[loser] + mes->fast_rho_error[winner],
               -mes->fast_rho_fall[loser], 4 * FAST_EPSILON * mes->fast_rho_fall[loser]);
}

/* Starts a fast run with @voter_budget per voter. */
static void
fast_reset (Mes         *mes,
            const mpq_t  voter_budget)
{
  PbCount *count = mes->count;
  double beta = mpq_get_d (voter_budget);

  mes->n_classes = 0;
  mes->fast_delta = G_MAXDOUBLE;
  class_new_fast (mes, 0, 0, 0, 0);
  class_new_fast (mes, beta, FAST_EPSILON * beta, 1, 0);
  mes->weight[1] = count->n_voters;
  for (guint g = 0; g < count->n_groups; g++)
    mes->class_of[g] = 1;
  supporters_reset (mes);

  for (guint i = 0; i < mes->n_candidates; i++)
    {
      guint p = mes->candidates[i];

      mes->alive[p] = TRUE;
      /* The first ρ does not depend on β. */
      mes->fast_rho[p] = mes->fast_rho_start[p];
      mes->fast_rho_error[p] = FAST_EPSILON * mes->fast_rho[p];
      mes->fast_rho_slope[p] = 0;
      mes->fast_rho_slope_error[p] = 0;
      mes->fast_rho_fall[p] = 0;
      mes->fast_low[p] = mes->fast_rho[p] * (1 - FAST_EPSILON);
    }
  sort_candidates_fast (mes);
}

/* Sets the fast ρ of @p, with its error bounds, from the price that
 * evaluate_fast() found. */
static void
set_fast_rho (Mes    *mes,
              guint   p,
              double  price,
              double  price_error,
              double  price_slope,
              double  price_slope_error,
              double  price_fall)
{
  double cost = mes->fast_cost[p];

  if (mes->sat == SAT_COST)
    {
      mes->fast_rho[p] = price / cost;
      mes->fast_rho_error[p] = price_error / cost + FAST_EPSILON * mes->fast_rho[p];
      mes->fast_rho_slope[p] = price_slope / cost;
      mes->fast_rho_slope_error[p] = price_slope_error / cost + FAST_EPSILON * fabs (mes->fast_rho_slope[p]);
      mes->fast_rho_fall[p] = price_fall / cost * (1 + FAST_EPSILON);
    }
  else
    {
      mes->fast_rho[p] = price;
      mes->fast_rho_error[p] = price_error;
      mes->fast_rho_slope[p] = price_slope;
      mes->fast_rho_slope_error[p] = price_slope_error;
      mes->fast_rho_fall[p] = price_fall;
    }
  mes->fast_low[p] = mes->fast_rho[p] - mes->fast_rho_error[p];
}

/* Funds @best at the fast ρ last set for it. */
static void
pay_fast_rho (Mes   *mes,
              guint  best)
{
  double cost = mes->fast_cost[best];
  double price = mes->sat == SAT_COST ? mes->fast_rho[best] * cost : mes->fast_rho[best];
  double price_error = mes->sat == SAT_COST
                       ? (mes->fast_rho_error[best] + FAST_EPSILON * mes->fast_rho[best]) * cost
                         * (1 + FAST_EPSILON)
                       : mes->fast_rho_error[best];
  double price_slope = mes->sat == SAT_COST ? mes->fast_rho_slope[best] * cost : mes->fast_rho_slope[best];
  double price_slope_error = mes->sat == SAT_COST
                             ? (mes->fast_rho_slope_error[best]
                                + FAST_EPSILON * fabs (mes->fast_rho_slope[best])) * cost * (1 + FAST_EPSILON)
                             : mes->fast_rho_slope_error[best];

  pay_fast (mes, best, price, price_error, price_slope, price_slope_error);
}

/* A run in doubles; returns FALSE when some decision was too close to call,
 * and the caller then repeats the run exactly.  On success
 * mes->fast_delta tells how far β may rise with the same run. */
static gboolean
run_fast (Mes         *mes,
          const mpq_t  voter_budget,
          gboolean     assisted)
{
  PbCount *count = mes->count;
  g_autofree guint *evaluated = g_new (guint, MAX (count->n_projects, 1));
  guint n = count->n_projects;
  /* Whether this run has funded what the run above funded, so far. */
  gboolean matching = assisted && mes->have_above && mes->low_cur != NULL;

  fast_reset (mes, voter_budget);
  mes->n_selected = 0;
  if (matching)
    mes->fast_delta = 0;

  for (;;)
    {
      int best = -1;
      double best_high = 0;
      guint n_evaluated = 0;
      guint r = mes->n_selected;

      /* Along the same order of funding, every ρ at a budget one unit up
       * is at most the ρ here (see "How add1 skips runs"): the run above's
       * lower bounds at this round are lower bounds here, and a project
       * out of the race there is out of it here. */
      if (matching && r <= mes->above_n)
        {
          const double *row = mes->low_above + (gsize) r * n;

          for (guint i = 0; i < mes->n_candidates; i++)
            {
              guint p = mes->candidates[i];

              if (!mes->alive[p])
                continue;
              if (row[p] == G_MAXDOUBLE)
                mes->alive[p] = FALSE;
              else if (row[p] > mes->fast_low[p])
                mes->fast_low[p] = row[p];
            }
          sort_candidates_fast (mes);
        }

      for (guint i = 0; i < mes->n_candidates; i++)
        {
          guint p = mes->candidates[i];
          double price, price_error, price_slope, price_slope_error, price_fall;

          if (!mes->alive[p])
            continue;
          if (best >= 0 && mes->fast_low[p] > best_high)
            break;
          switch (evaluate_fast (mes, p, &price, &price_error, &price_slope, &price_slope_error, &price_fall))
            {
            case FAST_UNSURE:
              return FALSE;
            case FAST_UNAFFORDABLE:
              mes->alive[p] = FALSE;
              continue;
            case FAST_AFFORDABLE:
            default:
              break;
            }
          set_fast_rho (mes, p, price, price_error, price_slope, price_slope_error, price_fall);
          evaluated[n_evaluated++] = p;
          if (best < 0 || mes->fast_rho[p] + mes->fast_rho_error[p] < best_high)
            best_high = mes->fast_rho[p] + mes->fast_rho_error[p];
          if (best < 0 || mes->fast_rho[p] < mes->fast_rho[best])
            {
              best = (int) p;
              keep_buckets (mes);
            }
        }
      if (mes->low_cur != NULL)
        {
          double *row = mes->low_cur + (gsize) r * n;

          for (guint i = 0; i < mes->n_candidates; i++)
            {
              guint p = mes->candidates[i];

              row[p] = mes->alive[p] ? mes->fast_low[p] : G_MAXDOUBLE;
            }
        }
      if (best < 0)
        break;
      /* The winner must beat every other evaluated project beyond doubt. */
      for (guint i = 0; i < n_evaluated; i++)
        if (evaluated[i] != (guint) best
            && mes->fast_low[evaluated[i]] <= mes->fast_rho[best] + mes->fast_rho_error[best])
          return FALSE;
      /* … and keep beating them, and those not looked at again (whose ρ
       * can only have risen since it was computed), while β rises. */
      for (guint i = 0; i < mes->n_candidates && mes->fast_delta > 1; i++)
        {
          guint p = mes->candidates[i];

          if (mes->alive[p] && p != (guint) best)
            bound_rho_order (mes, p, (guint) best);
        }

      pay_fast_rho (mes, (guint) best);
      mes->alive[best] = FALSE;
      if (matching && (r >= mes->above_n || mes->above_selected[r] != (guint) best))
        matching = FALSE;
      mes->selected[mes->n_selected++] = (guint) best;
      sort_candidates_fast (mes);
    }
  return TRUE;
}

/* The runs add1 does from the top down where outcomes change often. */
#define BLOCK 16

/* The segments a certificate tries to prove at once (at most MAX_POINTS − 1):
 * pricing a project at one more point costs far less than gathering its
 * supporters. */
#define CERTIFY_POINTS 8

/* Makes the last fast run the run above the next one. */
static void
keep_as_above (Mes *mes)
{
  double *swap = mes->low_above;

  mes->low_above = mes->low_cur;
  mes->low_cur = swap;
  memcpy (mes->above_selected, mes->selected, sizeof (guint) * mes->n_selected);
  mes->above_n = mes->n_selected;
  mes->have_above = mes->low_cur != NULL;
}

/* ---- Certificates over a stretch of budgets -------------------------------- */

/* A certificate proves that every run with a voter budget in a stretch
 * funds what the run at its bottom funded, in the same order, without
 * doing those runs.  See "How add1 skips runs" in docs/counting-rules.md.
 *
 * Along a fixed order of funding, every voter's money only grows with β
 * and every ρ only falls (an unaffordable project having ρ = ∞); all of
 * it is continuous and piecewise affine in β.  The certificate makes the
 * runs at up to MAX_POINTS points β_0 < β_1 < … fund the same projects as
 * the run at β_0, together: each budget class keeps its budget at every
 * point (point_fast, with an error bound), and for every segment
 * [β_k, β_k+1] bounds of how fast its budget can grow anywhere inside it.
 * A segment holds when at every round the winner w has a lower ρ than
 * every other project p everywhere inside it:
 *
 * - either ρ_p(β_k+1) > ρ_w(β_k): then for any β between them,
 *   ρ_p(β) ≥ ρ_p(β_k+1) > ρ_w(β_k) ≥ ρ_w(β);
 * - or d = ρ_p − ρ_w is positive at both ends and cannot dip to zero in
 *   between, given bounds [m, M] of its rate of change: d(β_k + x) is at
 *   least d(β_k) + m x and at least d(β_k+1) − M (length − x).  This is
 *   what proves long stretches where two projects' ρ fall side by side.
 *
 * A project's price q solves Σ min(b_i, q) = cost over its supporters;
 * where it is smooth, q′ = −Σ_poor b_i′ / (number of supporters paying q).
 * A class poor at the top of a segment is poor all through it (b − q only
 * grows with β), a class rich at its bottom is rich all through it, and
 * the others change once at most; that bounds q′, and after a payment each
 * class's rate of change.  By induction over the rounds every run in a
 * segment that holds is the run at β_0; after the last round no project
 * may be affordable at the top of a segment.  Everything is in doubles
 * with error bounds, and anything too close to call fails (proving
 * nothing).  Only for satisfactions of 1 per voter (cost and
 * cardinality), as add1 is. */

/* Makes room for every class at every point of a certificate. */
static void
points_reserve (Mes *mes)
{
  if (mes->points_capacity >= mes->classes_capacity)
    return;
  mes->points_capacity = mes->classes_capacity;
  for (guint k = 0; k < MAX_POINTS; k++)
    {
      mes->point_fast[k] = g_renew (FastClass, mes->point_fast[k], mes->points_capacity);
      mes->segment_slope_low[k] = g_renew (double, mes->segment_slope_low[k], mes->points_capacity);
      mes->segment_slope_high[k] = g_renew (double, mes->segment_slope_high[k], mes->points_capacity);
    }
}

typedef struct {
  FastVerdict verdict;
  double      q;          /* the price per voter, when affordable … */
  double      q_error;
  double      rho;        /* … and the ρ the rule compares */
  double      rho_error;
} PointPrice;

/* Prices @project at point @k of a certificate.  Its supporters are
 * gathered once (gather() keeps them): only the budgets differ. */
static void
price_at (Mes        *mes,
          guint       project,
          guint       k,
          PointPrice *at)
{
  FastClass *fast = mes->fast;
  double cost = mes->sat == SAT_COST ? mes->fast_cost[project] : 1;
  PointPrice *point = &at[k];

  mes->fast = mes->point_fast[k];
  point->verdict = evaluate_fast (mes, project, &point->q, &point->q_error, NULL, NULL, NULL);
  mes->fast = fast;
  if (point->verdict == FAST_AFFORDABLE)
    {
      point->rho = point->q / cost;
      point->rho_error = point->q_error / cost + FAST_EPSILON * point->rho;
    }
}

/* Prices @project at every point from @top down.  Money only grows from
 * point to point, so a project surely unaffordable at a point is at every
 * point below it. */
static void
evaluate_points (Mes        *mes,
                 guint       project,
                 guint       top,
                 PointPrice *at)
{
  gboolean unaffordable = FALSE;

  for (guint k = top + 1; k-- > 0;)
    {
      if (unaffordable)
        at[k].verdict = FAST_UNAFFORDABLE;
      else
        {
          price_at (mes, project, k, at);
          unaffordable = at[k].verdict == FAST_UNAFFORDABLE;
        }
    }
}

/* Bounds [@rate_low, @rate_high] (both ≤ 0) of the rate of change of the
 * price of the project whose supporters were just gathered, anywhere in
 * segment @k (between points k and k + 1), where it is affordable at both
 * ends.  FALSE when no supporter surely pays the price throughout. */
static gboolean
segment_rate (Mes              *mes,
              guint             k,
              const PointPrice *at,
              double           *rate_low,
              double           *rate_high)
{
  const FastClass *low = mes->point_fast[k], *high = mes->point_fast[k + 1];
  const double *slope_low = mes->segment_slope_low[k], *slope_high = mes->segment_slope_high[k];
  double q_low = at[k].q + at[k].q_error, q_high = at[k + 1].q - at[k + 1].q_error;
  double poor_low = 0, poor_high = 0, unsure_high = 0, rich = 0, unsure = 0;
  double rounding = (mes->n_buckets + 4) * FAST_EPSILON;

  for (guint b = 0; b < mes->n_buckets; b++)
    {
      const Bucket *bucket = &mes->buckets[b];
      guint32 c = bucket->klass;
      double w = (double) bucket->weight;

      if (high[c].budget + high[c].error < q_high)
        {
          /* Poor at the top of the segment, so throughout. */
          poor_low += w * slope_low[c];
          poor_high += w * slope_high[c];
        }
      else if (low[c].budget - low[c].error >= q_low)
        rich += w;    /* rich at the bottom, so throughout */
      else
        {
          unsure_high += w * slope_high[c];
          unsure += w;
        }
    }
  if (!(rich > 0))
    return FALSE;
  *rate_low = -(poor_high + unsure_high) / rich * (1 + rounding);
  *rate_high = MIN (0.0, -poor_low / (rich + unsure) * (1 - rounding));
  return TRUE;
}

/* Whether d stays positive over a segment of @length, knowing it at both
 * ends (within their errors) and that its rate of change lies in
 * [@rate_low, @rate_high]. */
static gboolean
difference_stays_positive (double d_low,
                           double d_low_error,
                           double d_high,
                           double d_high_error,
                           double rate_low,
                           double rate_high,
                           double length)
{
  double at_low = d_low - d_low_error, at_high = d_high - d_high_error;
  double from_low, from_high;

  if (!(at_low > 0) || !(at_high > 0))
    return FALSE;
  /* A d that cannot fall (or cannot rise) is least at an end. */
  if (rate_low >= 0 || rate_high <= 0)
    return TRUE;
  /* d(β_l + x) is above zero while x < at_low / −rate_low, and while
   * length − x < at_high / rate_high: every x is one or the other when
   * those two spans cover the segment.  Both are rounded down. */
  from_low = at_low / -rate_low * (1 - 4 * FAST_EPSILON);
  from_high = at_high / rate_high * (1 - 4 * FAST_EPSILON);
  return (from_low + from_high) * (1 - 4 * FAST_EPSILON) > length;
}

/* Whether @p surely has a higher ρ than @w (priced at the same points)
 * everywhere in segment @k, @length units long; @p's supporters are the
 * ones gathered. */
static gboolean
segment_holds (Mes              *mes,
               guint             k,
               double            p_cost,
               const PointPrice *p_at,
               const PointPrice *w_at,
               const double     *w_rate_low,
               const double     *w_rate_high,
               double            length)
{
  const PointPrice *low = &p_at[k], *high = &p_at[k + 1];
  double rate_low, rate_high, d_low, d_high, d_rate_low, d_rate_high;

  /* Unaffordable at the top, so throughout. */
  if (high->verdict == FAST_UNAFFORDABLE)
    return TRUE;
  if (high->verdict != FAST_AFFORDABLE || w_at == NULL)
    return FALSE;
  /* ρ_p(β) ≥ ρ_p(β_{k+1}) > ρ_w(β_k) ≥ ρ_w(β). */
  if (high->rho - high->rho_error > w_at[k].rho + w_at[k].rho_error)
    return TRUE;
  if (low->verdict != FAST_AFFORDABLE || !segment_rate (mes, k, p_at, &rate_low, &rate_high))
    return FALSE;
  rate_low = rate_low / p_cost * (1 + FAST_EPSILON);
  rate_high = rate_high / p_cost * (1 - FAST_EPSILON);
  /* d = ρ_p − ρ_w, its errors and the bounds of its rate, each rounded
   * outwards. */
  d_low = low->rho - w_at[k].rho;
  d_high = high->rho - w_at[k + 1].rho;
  d_rate_low = rate_low - w_rate_high[k];
  d_rate_high = rate_high - w_rate_low[k];
  return difference_stays_positive (d_low,
                                    (low->rho_error + w_at[k].rho_error) * (1 + FAST_EPSILON)
                                    + FAST_EPSILON * fabs (d_low),
                                    d_high,
                                    (high->rho_error + w_at[k + 1].rho_error) * (1 + FAST_EPSILON)
                                    + FAST_EPSILON * fabs (d_high),
                                    d_rate_low - FAST_EPSILON * fabs (d_rate_low),
                                    d_rate_high + FAST_EPSILON * fabs (d_rate_high),
                                    length);
}

/* Funds @project at the points 0 to @top at the prices found there,
 * moving each paying class to its budgets after the payment and its
 * bounds of rate of change in each segment (@rate_low, @rate_high: those
 * of the price). */
static void
pay_points (Mes              *mes,
            guint             project,
            guint             top,
            const PointPrice *at,
            const double     *rate_low,
            const double     *rate_high)
{
  double slope_low[MAX_POINTS], slope_high[MAX_POINTS];

  /* Its supporters, as certify() kept them. */
  gather_for_pay (mes, project);
  for (guint b = 0; b < mes->n_buckets; b++)
    {
      Bucket *bucket = &mes->buckets[b];
      guint32 c = bucket->klass, t;

      if (mes->point_fast[top][c].budget + mes->point_fast[top][c].error < at[top].q - at[top].q_error)
        {
          /* Pays all it has at the top, so everywhere below. */
          bucket->target = 0;
          mes->weight[c] -= bucket->weight;
          mes->weight[0] += bucket->weight;
          continue;
        }
      /* b′ − q′ in a segment where the class pays the price throughout;
       * where it may pay all it has somewhere, also 0; where it surely
       * does, only 0. */
      for (guint k = 0; k < top; k++)
        {
          if (mes->point_fast[k + 1][c].budget + mes->point_fast[k + 1][c].error < at[k + 1].q - at[k + 1].q_error)
            {
              slope_low[k] = slope_high[k] = 0;
              continue;
            }
          slope_high[k] = (mes->segment_slope_high[k][c] - rate_low[k]) * (1 + 4 * FAST_EPSILON);
          if (mes->point_fast[k][c].budget - mes->point_fast[k][c].error >= at[k].q + at[k].q_error)
            slope_low[k] = MAX (0.0, (mes->segment_slope_low[k][c] - rate_high[k]) * (1 - 4 * FAST_EPSILON));
          else
            slope_low[k] = 0;
        }

      if (bucket->weight == mes->weight[c] && mes->slot[c].head == (gint32) b && bucket->next < 0)
        t = c;
      else
        {
          t = class_new_fast (mes, 0, 0, 0, 0);
          points_reserve (mes);
          mes->weight[c] -= bucket->weight;
          mes->weight[t] += bucket->weight;
        }
      bucket->target = t;
      for (guint k = 0; k <= top; k++)
        {
          FastClass *from = &mes->point_fast[k][c], *to = &mes->point_fast[k][t];
          double budget = from->budget;

          to->error = from->error + at[k].q_error + FAST_EPSILON * budget;
          to->budget = MAX (0.0, budget - at[k].q);
          to->slope = to->slope_error = 0;
        }
      for (guint k = 0; k < top; k++)
        {
          mes->segment_slope_low[k][t] = slope_low[k];
          mes->segment_slope_high[k][t] = slope_high[k];
        }
    }
  move_payers (mes, project);
}

/* How many segments of a stretch, from the bottom, are proved to fund
 * what mes->selected funds, in the same order (see above).  The points
 * are @base + @offsets[k] for k from 0 to @top (offsets rising; the run at
 * point 0 must be mes->selected). */
static guint
certify (Mes            *mes,
         const mpq_t     base,
         const guint64  *offsets,
         guint           top)
{
  PointPrice w_at[MAX_POINTS], p_at[MAX_POINTS];
  guint proved;
  double w_rate_low[MAX_POINTS], w_rate_high[MAX_POINTS];   /* of ρ_w */
  double wq_rate_low[MAX_POINTS], wq_rate_high[MAX_POINTS]; /* of its price */
  mpq_t beta, step;

  g_assert (mes->sat != SAT_POINTS && top > 0 && top < MAX_POINTS);
  mes->crossing = -1;
  fast_reset (mes, base);
  points_reserve (mes);
  mpq_init (beta);
  mpq_init (step);
  for (guint k = 0; k <= top; k++)
    {
      double b;

      mpz_set_ui (mpq_numref (step), offsets[k]);
      mpz_set_ui (mpq_denref (step), 1);
      mpq_add (beta, base, step);
      b = mpq_get_d (beta);
      mes->point_fast[k][0] = (FastClass) { 0, 0, 0, 0 };
      mes->point_fast[k][1] = (FastClass) { b, FAST_EPSILON * b, 0, 0 };
      mes->segment_slope_low[k][0] = mes->segment_slope_high[k][0] = 0;
      mes->segment_slope_low[k][1] = mes->segment_slope_high[k][1] = 1;
    }
  mpq_clear (beta);
  mpq_clear (step);

  for (guint r = 0; r <= mes->n_selected && top > 0; r++)
    {
      guint winner = r < mes->n_selected ? mes->selected[r] : G_MAXUINT;
      double cost = 1;
      /* After the last round no project may be affordable at all. */
      double limit = G_MAXDOUBLE;

      if (winner != G_MAXUINT)
        {
          if (!mes->alive[winner])
            return 0;
          evaluate_points (mes, winner, top, w_at);
          keep_buckets (mes);
          for (guint k = 0; k <= top; k++)
            if (w_at[k].verdict != FAST_AFFORDABLE)
              {
                top = k == 0 ? 0 : k - 1;
                break;
              }
          for (guint k = 0; k < top; k++)
            if (!segment_rate (mes, k, w_at, &wq_rate_low[k], &wq_rate_high[k]))
              {
                top = k;
                break;
              }
          if (top == 0)
            return 0;
          if (mes->sat == SAT_COST)
            cost = mes->fast_cost[winner];
          for (guint k = 0; k < top; k++)
            {
              w_rate_low[k] = wq_rate_low[k] / cost * (1 + FAST_EPSILON);
              w_rate_high[k] = wq_rate_high[k] / cost * (1 - FAST_EPSILON);
            }
        }

      /* Segments where this round alone was proved by an earlier
       * certificate of the same selection need no look at the rivals:
       * whether a round holds at some β depends on nothing else. */
      proved = 0;
      while (proved < top && mes->round_from[r] <= mes->position + offsets[0]
             && mes->position + offsets[proved + 1] <= mes->round_until[r])
        proved++;
      if (winner != G_MAXUINT)
        limit = w_at[proved].rho + w_at[proved].rho_error;

      for (guint i = 0; i < mes->n_candidates && top > proved; i++)
        {
          guint p = mes->candidates[i];

          if (!mes->alive[p] || p == winner)
            continue;
          /* ρ_p(β) ≥ its lower bound at the top > ρ_w(β_0) ≥ ρ_w(β). */
          if (mes->fast_low[p] > limit)
            break;
          price_at (mes, p, top, p_at);
          if (p_at[top].verdict == FAST_UNAFFORDABLE)
            {
              mes->alive[p] = FALSE;
              continue;
            }
          /* ρ only rises from round to round: a lower bound for later. */
          if (p_at[top].verdict == FAST_AFFORDABLE)
            {
              mes->fast_rho[p] = p_at[top].rho;
              mes->fast_rho_error[p] = p_at[top].rho_error;
              mes->fast_low[p] = p_at[top].rho - p_at[top].rho_error;
            }
          /* The segments from the top down, pricing @p only where needed:
           * ρ_p at point j is at most its ρ anywhere below, so every
           * segment where ρ_w starts below it holds at once. */
          for (guint j = top; j > proved;)
            {
              const PointPrice *high = &p_at[j];
              guint lowest = j;

              /* Unaffordable at point j, so at every point below. */
              if (high->verdict == FAST_UNAFFORDABLE)
                break;
              if (high->verdict == FAST_AFFORDABLE && winner != G_MAXUINT)
                while (lowest > 0
                       && high->rho - high->rho_error > w_at[lowest - 1].rho + w_at[lowest - 1].rho_error)
                  lowest--;
              if (lowest < j)
                {
                  j = lowest;
                  if (j > 0)
                    price_at (mes, p, j, p_at);
                  continue;
                }
              /* Segment j − 1 needs ρ_p at both its ends. */
              price_at (mes, p, j - 1, p_at);
              if (!segment_holds (mes, j - 1, mes->sat == SAT_COST ? mes->fast_cost[p] : 1, p_at,
                                  winner == G_MAXUINT ? NULL : w_at, w_rate_low, w_rate_high,
                                  (double) (offsets[j] - offsets[j - 1])))
                {
                  const PointPrice *low = &p_at[j - 1];

                  top = j - 1;
                  /* Where @p overtakes the winner, if ρ_p − ρ_w went
                   * straight from one end to the other: a hint for the
                   * next certificate, not a proof of anything. */
                  mes->crossing = -1;
                  if (winner != G_MAXUINT && low->verdict == FAST_AFFORDABLE && high->verdict == FAST_AFFORDABLE)
                    {
                      double d_low = low->rho - w_at[j - 1].rho, d_high = high->rho - w_at[j].rho;

                      if (d_low > 0 && d_high < 0)
                        mes->crossing = offsets[j - 1] + (offsets[j] - offsets[j - 1]) * d_low / (d_low - d_high);
                    }
                }
              j--;
            }
        }
      if (top == 0)
        break;
      /* Round r holds in every segment below the top. */
      if (mes->round_from[r] <= mes->position + offsets[0] && mes->position + offsets[0] <= mes->round_until[r])
        mes->round_until[r] = MAX (mes->round_until[r], mes->position + offsets[top]);
      else
        {
          mes->round_from[r] = mes->position + offsets[0];
          mes->round_until[r] = mes->position + offsets[top];
        }
      if (winner == G_MAXUINT)
        break;
      pay_points (mes, winner, top, w_at, wq_rate_low, wq_rate_high);
      mes->alive[winner] = FALSE;
      sort_candidates_fast (mes);
    }
  return top;
}

/* Cost of the upfront projects plus this run's selection. */
static void
run_cost (const Mes *mes,
          mpq_t      total)
{
  const PbElection *election = mes->count->election;

  mpq_set_ui (total, 0, 1);
  for (guint i = 0; i < mes->n_upfront; i++)
    mpq_add (total, total, election->projects[mes->upfront[i]].cost);
  for (guint i = 0; i < mes->n_selected; i++)
    mpq_add (total, total, election->projects[mes->selected[i]].cost);
}

/* Whether no candidate outside the selection fits in what is left. */
static gboolean
run_is_exhaustive (Mes         *mes,
                   const mpq_t  total)
{
  const PbElection *election = mes->count->election;
  g_autofree gboolean *in = g_new0 (gboolean, MAX (mes->count->n_projects, 1));
  gboolean exhaustive = TRUE;
  mpq_t left;

  for (guint i = 0; i < mes->n_selected; i++)
    in[mes->selected[i]] = TRUE;
  mpq_init (left);
  mpq_sub (left, election->budget, total);
  for (guint i = 0; i < mes->n_candidates && exhaustive; i++)
    {
      guint p = mes->candidates[i];

      if (!in[p] && mpq_cmp (election->projects[p].cost, left) <= 0)
        exhaustive = FALSE;
    }
  mpq_clear (left);
  return exhaustive;
}

static void
mes_init (Mes          *mes,
          PbCount      *count,
          Satisfaction  sat)
{
  const PbElection *election = count->election;
  guint n = count->n_projects;

  memset (mes, 0, sizeof *mes);
  mes->count = count;
  mes->sat = sat;
  mes->class_of = g_new (guint32, MAX (count->n_groups, 1));
  if (sat != SAT_POINTS)
    {
      guint32 n_entries = count->support_start[n];

      mes->entries = g_new (SupportEntry, MAX (n_entries, 1));
      for (guint32 e = 0; e < n_entries; e++)
        {
          mes->entries[e].group = count->support_groups[e];
          mes->entries[e].weight = (guint32) count->group_weight[count->support_groups[e]];
        }
      mes->live_end = g_new (guint32, MAX (n, 1));
    }
  mes->buckets_project = G_MAXUINT;
  mes->kept_project = G_MAXUINT;
  mes->candidates = g_new (guint, MAX (n, 1));
  mes->is_candidate = g_new0 (gboolean, MAX (n, 1));
  mes->alive = g_new0 (gboolean, MAX (n, 1));
  mes->rho = g_new (mpq_t, MAX (n, 1));
  mes->fast_low = g_new (double, MAX (n, 1));
  mes->fast_rho = g_new (double, MAX (n, 1));
  mes->fast_rho_error = g_new (double, MAX (n, 1));
  mes->fast_rho_slope = g_new (double, MAX (n, 1));
  mes->fast_rho_slope_error = g_new (double, MAX (n, 1));
  mes->fast_rho_fall = g_new (double, MAX (n, 1));
  mes->fast_cost = g_new (double, MAX (n, 1));
  mes->fast_rho_start = g_new (double, MAX (n, 1));
  mes->upfront = g_new (guint, MAX (n, 1));
  mes->selected = g_new (guint, MAX (n, 1));
  if (n <= 1024)
    {
      mes->low_cur = g_new (double, (gsize) (n + 1) * MAX (n, 1));
      mes->low_above = g_new (double, (gsize) (n + 1) * MAX (n, 1));
    }
  mes->above_selected = g_new (guint, MAX (n, 1));
  mes->round_from = g_new0 (guint64, n + 1);
  mes->round_until = g_new0 (guint64, n + 1);
  for (guint p = 0; p < n; p++)
    mpq_init (mes->rho[p]);
  mpq_init (mes->money);
  mpq_init (mes->remaining);
  mpq_init (mes->price);
  mpq_init (mes->tmp);
  mpq_init (mes->term);
  mpq_init (mes->paid);
  mpz_init (mes->denominator);
  mpz_init (mes->zt);
  mpz_init (mes->sum_num);
  mpz_init (mes->sum_den);
  mpz_init (mes->sum_factor);

  /* Candidates have some satisfaction and a positive cost; free projects
   * with some satisfaction are funded before the first round.  With cost
   * satisfaction a free project satisfies nobody. */
  for (guint k = 0; k < n; k++)
    {
      guint p = count->by_tie_rank[k];
      gboolean satisfies = mpz_sgn (count->score[p]) > 0;
      gboolean free_project = mpq_sgn (election->projects[p].cost) == 0;

      if (!satisfies || (free_project && sat == SAT_COST))
        continue;
      if (free_project)
        mes->upfront[mes->n_upfront++] = p;
      else
        {
          mes->candidates[mes->n_candidates++] = p;
          mes->is_candidate[p] = TRUE;
        }
    }

  /* What every fast run starts from.  mpq_get_d() truncates; the error
   * bounds allow for it (FAST_EPSILON is four units in the last place). */
  {
    mpq_t rho;

    mpq_init (rho);
    for (guint p = 0; p < n; p++)
      mes->fast_cost[p] = mpq_get_d (election->projects[p].cost);
    for (guint i = 0; i < mes->n_candidates; i++)
      {
        initial_rho (mes, mes->candidates[i], rho);
        mes->fast_rho_start[mes->candidates[i]] = mpq_get_d (rho);
      }
    mpq_clear (rho);
  }
}

static void
mes_clear (Mes *mes)
{
  for (guint c = 0; c < mes->classes_capacity; c++)
    mpq_clear (mes->budget[c]);
  for (guint p = 0; p < mes->count->n_projects; p++)
    mpq_clear (mes->rho[p]);
  g_free (mes->budget);
  g_free (mes->budget_d);
  g_free (mes->fast);
  g_free (mes->fast_low);
  g_free (mes->fast_rho);
  g_free (mes->fast_rho_error);
  g_free (mes->fast_rho_slope);
  g_free (mes->fast_rho_slope_error);
  g_free (mes->fast_rho_fall);
  g_free (mes->fast_cost);
  g_free (mes->fast_rho_start);
  for (guint k = 0; k < G_N_ELEMENTS (mes->point_fast); k++)
    {
      g_free (mes->point_fast[k]);
      g_free (mes->segment_slope_low[k]);
      g_free (mes->segment_slope_high[k]);
    }
  g_free (mes->poor);
  g_free (mes->keys);
  g_free (mes->weight);
  g_free (mes->slot);
  g_free (mes->class_of);
  g_free (mes->target_of);
  g_free (mes->entries);
  g_free (mes->live_end);
  g_free (mes->kept);
  g_free (mes->buckets);
  g_free (mes->bucket_order);
  g_free (mes->near);
  g_free (mes->newly_poor);
  g_free (mes->bucket_budget);
  g_free (mes->bucket_error);
  g_free (mes->bucket_utility);
  g_free (mes->touched);
  g_free (mes->candidates);
  g_free (mes->is_candidate);
  g_free (mes->alive);
  g_free (mes->rho);
  g_free (mes->upfront);
  g_free (mes->selected);
  g_free (mes->low_cur);
  g_free (mes->low_above);
  g_free (mes->above_selected);
  g_free (mes->round_from);
  g_free (mes->round_until);
  mpq_clear (mes->money);
  mpq_clear (mes->remaining);
  mpq_clear (mes->price);
  mpq_clear (mes->tmp);
  mpq_clear (mes->term);
  mpq_clear (mes->paid);
  mpz_clear (mes->denominator);
  mpz_clear (mes->zt);
  mpz_clear (mes->sum_num);
  mpz_clear (mes->sum_den);
  mpz_clear (mes->sum_factor);
}

/* Copies the kept run into the outcome and sets the facts of the projects
 * that never took part. */
static void
publish (Mes     *mes,
         gboolean with_run)
{
  PbCount *count = mes->count;
  PbOutcome *outcome = count->outcome;

  for (guint i = 0; i < mes->n_upfront; i++)
    {
      pb_count_select (count, mes->upfront[i]);
      mpq_set_ui (outcome->projects[mes->upfront[i]].share, 1, 1);
    }
  if (with_run)
    for (guint i = 0; i < mes->n_selected; i++)
      pb_count_select (count, mes->selected[i]);
  for (guint p = 0; p < count->n_projects; p++)
    {
      PbProjectOutcome *po = &outcome->projects[p];

      if (po->funded)
        continue;
      if (!mes->is_candidate[p])
        po->fate = PB_PROJECT_FATE_NO_SUPPORT;
      else if (!with_run)
        po->fate = PB_PROJECT_FATE_SUPPORTERS_SHORT;
    }
}

void
pb_rule_equal_shares (PbCount *count,
                      PbRule   rule)
{
  const PbElection *election = count->election;
  PbOutcome *outcome = count->outcome;
  Satisfaction sat;
  Mes mes;
  mpq_t voter_budget;

  switch (rule)
    {
    case PB_RULE_MES_CARD:
      sat = SAT_CARD;
      break;
    case PB_RULE_MES_POINTS:
      sat = SAT_POINTS;
      break;
    case PB_RULE_MES_COST:
    case PB_RULE_MES_COST_ADD1:
    case PB_RULE_MES_COST_ADD1_GREEDY:
    default:
      sat = SAT_COST;
      break;
    }

  mes_init (&mes, count, sat);
  mpq_init (voter_budget);
  if (count->n_voters > 0)
    {
      mpq_set_ui (voter_budget, count->n_voters, 1);
      mpq_div (voter_budget, election->budget, voter_budget);
    }

  if (rule == PB_RULE_MES_COST || rule == PB_RULE_MES_CARD || rule == PB_RULE_MES_POINTS
      || count->n_voters == 0)
    {
      if (count->n_voters > 0)
        run (&mes, voter_budget, TRUE);
      outcome->mes_runs = count->n_voters > 0 ? 1 : 0;
      mpq_set (outcome->voter_budget, voter_budget);
      publish (&mes, TRUE);
    }
  else
    {
      /* add1: run k gives every voter B/n + (k − 1).  Stop at the first
       * exhaustive run, or keep the previous run when one overspends. */
      mpq_t total, one, kept_budget, high;
      gboolean have_previous = FALSE;
      guint64 runs = 0, jump = 8;
      g_autofree guint *previous = g_new (guint, MAX (count->n_projects, 1));
      guint n_previous = G_MAXUINT;
      guint n = count->n_projects;
      g_autofree guint *block_selected = g_new (guint, (gsize) BLOCK * MAX (n, 1));
      guint block_n[BLOCK];
      gboolean stable = FALSE, done = FALSE, skipping = TRUE;
      /* PB_COUNT_PLAIN (for tests): every run exactly, none skipped, as the
       * definition reads; the outcome must be the same. */
      gboolean plain = g_getenv ("PB_COUNT_PLAIN") != NULL;
      guint64 last_known = 1;
      guint fresh_failures = 0;
      /* Certificates in a row that proved nothing, and the single runs to
       * do before trying again: where outcomes change too often to prove
       * anything, attempts back off (1, 3, 7, … up to 31 runs). */
      guint barren = 0, wait = 0;

      mpq_init (total);
      mpq_init (one);
      mpq_init (kept_budget);
      mpq_init (high);
      for (;;)
        {
          gboolean fast;
          guint64 known = 0;

          /* Asked to stop: the outcome is thrown away (pb_count()). */
          if (pb_count_is_cancelled (count))
            {
              have_previous = FALSE;
              break;
            }
          if (!stable && !skipping && mes.low_cur != NULL && !plain)
            {
              /* Where outcomes change from run to run: a block of runs,
               * done from the top down so that each is helped by the run
               * one unit above it, then looked at from the bottom up. */
              mes.have_above = FALSE;
              for (guint j = BLOCK; j-- > 0;)
                {
                  mpz_set_ui (mpq_numref (one), j);
                  mpz_set_ui (mpq_denref (one), 1);
                  mpq_add (high, voter_budget, one);
                  if (run_fast (&mes, high, TRUE))
                    {
                      /* The top run is on its own: its fast_delta says
                       * whether runs could be skipped here again. */
                      if (j == BLOCK - 1)
                        skipping = mes.fast_delta > 2;
                      keep_as_above (&mes);
                    }
                  else
                    {
                      run (&mes, high, FALSE);
                      mes.have_above = FALSE;
                    }
                  block_n[j] = mes.n_selected;
                  memcpy (block_selected + (gsize) j * n, mes.selected, sizeof (guint) * mes.n_selected);
                }
              for (guint j = 0; j < BLOCK && !done; j++)
                {
                  mpz_set_ui (mpq_numref (one), j);
                  mpz_set_ui (mpq_denref (one), 1);
                  mpq_add (high, voter_budget, one);
                  mes.n_selected = block_n[j];
                  memcpy (mes.selected, block_selected + (gsize) j * n, sizeof (guint) * block_n[j]);
                  runs++;
                  run_cost (&mes, total);
                  if (mpq_cmp (total, election->budget) > 0)
                    {
                      mpq_set (voter_budget, high);
                      done = TRUE;
                      break;
                    }
                  mpq_set (kept_budget, high);
                  have_previous = TRUE;
                  if (run_is_exhaustive (&mes, total))
                    done = TRUE;
                }
              if (done)
                break;
              /* A block where the outcome seldom changed hands back to
               * single runs, which may skip. */
              {
                guint changes = 0;

                for (guint j = 1; j < BLOCK; j++)
                  if (block_n[j] != block_n[j - 1]
                      || memcmp (block_selected + (gsize) j * n, block_selected + (gsize) (j - 1) * n,
                                 sizeof (guint) * block_n[j]) != 0)
                    changes++;
                if (changes < BLOCK / 2)
                  skipping = TRUE;
              }
              stable = block_n[BLOCK - 1] == block_n[BLOCK - 2]
                       && memcmp (block_selected + (gsize) (BLOCK - 1) * n,
                                  block_selected + (gsize) (BLOCK - 2) * n,
                                  sizeof (guint) * block_n[BLOCK - 1]) == 0;
              n_previous = block_n[BLOCK - 1];
              memcpy (previous, block_selected + (gsize) (BLOCK - 1) * n, sizeof (guint) * n_previous);
              /* What certificates proved was of another selection. */
              memset (mes.round_until, 0, sizeof (guint64) * (n + 1));
              mpz_set_ui (mpq_numref (one), BLOCK);
              mpz_set_ui (mpq_denref (one), 1);
              mpq_add (voter_budget, voter_budget, one);
              continue;
            }

          fast = !plain && run_fast (&mes, voter_budget, FALSE);

          if (!fast)
            run (&mes, voter_budget, FALSE);
          runs++;
          run_cost (&mes, total);
          if (mpq_cmp (total, election->budget) > 0)
            break;
          mpq_set (kept_budget, voter_budget);
          have_previous = TRUE;
          if (run_is_exhaustive (&mes, total))
            break;
          /* Every run with a budget below β + fast_delta is this one: not
           * exhaustive and within the budget. */
          if (fast && mes.fast_delta > 1)
            {
              double next = ceil (mes.fast_delta) - 1;

              known = next < 1e15 ? (guint64) next : G_GUINT64_CONSTANT (1000000000000000);
            }
          /* Where the last run funded the same, try to certify a longer
           * stretch of runs with this outcome (certify()): twice the last
           * stretch that worked, or a quarter of the last that did not (at
           * least 3 units).
           * Where the outcome changes from run to run, attempts would only
           * cost time. */
          stable = n_previous == mes.n_selected
                   && memcmp (previous, mes.selected, sizeof (guint) * mes.n_selected) == 0;
          /* Blocks only where two single runs in a row could skip nothing. */
          skipping = known > 0 || last_known > 0;
          last_known = known;
          if (!stable)
            {
              n_previous = mes.n_selected;
              memcpy (previous, mes.selected, sizeof (guint) * mes.n_selected);
              memset (mes.round_until, 0, sizeof (guint64) * (n + 1));
            }
          /* Where this run's budget lies, in units above the first's. */
          mes.position = runs - 1;
          if (wait > 0)
            wait--;
          else if (!plain && (stable || fresh_failures < 2))
            {
              guint64 known_before = known;

              /* Explore with points ever wider apart (step × (2^k − 1)),
               * then zoom into the first segment that could not be proved
               * (something may change there) with points evenly apart. */
              gboolean first = TRUE, zoom = FALSE;
              guint64 step = stable ? jump : 1;
              double aim = -1;

              for (;;)
                {
                  guint64 offsets[CERTIFY_POINTS + 1], length;
                  guint proven;

                  if (aim > known + CERTIFY_POINTS)
                    {
                      /* Towards where the last certificate saw a project
                       * overtake a winner, closer and closer. */
                      static const double towards[CERTIFY_POINTS + 1] = {
                        0, 0.3, 0.55, 0.75, 0.87, 0.94, 0.97, 0.99, 1.0
                      };
                      G_STATIC_ASSERT (CERTIFY_POINTS == 8);

                      offsets[0] = known;
                      for (guint k = 1; k <= CERTIFY_POINTS; k++)
                        offsets[k] = MAX (offsets[k - 1] + 1,
                                          known + (guint64) (towards[k] * (aim - known)));
                    }
                  else
                    for (guint k = 0; k <= CERTIFY_POINTS; k++)
                      offsets[k] = known + step * (zoom ? k : (G_GUINT64_CONSTANT (1) << k) - 1);
                  proven = certify (&mes, voter_budget, offsets, CERTIFY_POINTS);
                  if (first && !stable)
                    fresh_failures = proven > 0 ? 0 : fresh_failures + 1;
                  first = FALSE;
                  known = offsets[proven];
                  if (proven == CERTIFY_POINTS)
                    {
                      if (!zoom)
                        step *= 2;
                      zoom = FALSE;
                      aim = -1;
                      if (step > G_GUINT64_CONSTANT (1) << 40)
                        break;
                      continue;
                    }
                  length = offsets[proven + 1] - offsets[proven];
                  /* Where a single run is left, running it costs less. */
                  if (length <= 1)
                    break;
                  step = (length + CERTIFY_POINTS - 1) / CERTIFY_POINTS;
                  zoom = TRUE;
                  aim = mes.crossing;
                }
              jump = step;
              /* Where certificates prove stretches, blocks of runs would
               * only cost time. */
              if (known > 0)
                skipping = TRUE;
              if (known > known_before)
                barren = 0;
              else
                {
                  barren = MIN (barren + 1, 5);
                  wait = (1u << barren) - 1;
                }
            }
          jump = MAX (jump, 3);
          /* Skip the runs known to repeat this one, counting them; the last
           * of them is the one to keep should the next overspend. */
          if (known > 0)
            {
              runs += known;
              mpz_set_ui (mpq_numref (one), known);
              mpz_set_ui (mpq_denref (one), 1);
              mpq_add (kept_budget, voter_budget, one);
            }
          mpz_set_ui (mpq_numref (one), known + 1);
          mpz_set_ui (mpq_denref (one), 1);
          mpq_add (voter_budget, voter_budget, one);
        }
      outcome->mes_runs = (guint) MIN (runs, (guint64) G_MAXUINT);
      if (have_previous)
        {
          /* Run the kept budget once more to explain it. */
          if (!pb_count_is_cancelled (count))
            run (&mes, kept_budget, TRUE);
          mpq_set (outcome->voter_budget, kept_budget);
        }
      else
        mpq_set (outcome->voter_budget, voter_budget);
      publish (&mes, have_previous);
      mpq_clear (total);
      mpq_clear (one);
      mpq_clear (kept_budget);
      mpq_clear (high);
    }

  mpq_clear (voter_budget);
  if (rule == PB_RULE_MES_COST_ADD1_GREEDY)
    {
      pb_count_finish (count, NULL);
      pb_rule_greedy_complete (count);
    }
  else
    pb_count_finish (count, NULL);
  mes_clear (&mes);
}
