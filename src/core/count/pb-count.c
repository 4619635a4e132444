/* pb-count.c: rule names, the grouped profile, tie-breaking and dispatch. */

#include "pb-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pb-count-private.h"

G_DEFINE_QUARK (pb-count-error-quark, pb_count_error)

static const struct {
  const char *name;
  const char *description;
} rule_names[PB_N_RULES] = {
  [PB_RULE_GREEDY_COST] = { "greedy-cost", N_("Greedy: most supporters first, skipping what does not fit") },
  [PB_RULE_GREEDY_CARD] = { "greedy-card", N_("Greedy: most supporters per unit of cost first") },
  [PB_RULE_GREEDY_POINTS] = { "greedy-points", N_("Greedy: most points per unit of cost first") },
  [PB_RULE_MES_COST] = { "mes-cost", N_("Method of Equal Shares, satisfaction measured by cost") },
  [PB_RULE_MES_CARD] = { "mes-card", N_("Method of Equal Shares, one unit of satisfaction per project") },
  [PB_RULE_MES_POINTS] = { "mes-points", N_("Method of Equal Shares, satisfaction measured by points") },
  [PB_RULE_MES_COST_ADD1] = { "mes-cost-add1", N_("Method of Equal Shares (cost), voter budgets raised by 1 until the result is exhaustive") },
  [PB_RULE_MES_COST_ADD1_GREEDY] = { "mes-cost-add1-greedy", N_("Method of Equal Shares (cost) with add-1 completion, then greedy for what is left") },
  [PB_RULE_PHRAGMEN] = { "phragmen", N_("Sequential Phragmén: spread the cost as evenly as possible over supporters") },
  [PB_RULE_UTILITARIAN_MAX] = { "utilitarian-max", N_("The affordable set of projects with the most approvals in total") },
};

const char *
pb_rule_to_string (PbRule rule)
{
  g_return_val_if_fail ((guint) rule < PB_N_RULES, NULL);
  return rule_names[rule].name;
}

gboolean
pb_rule_from_string (const char *text,
                     PbRule     *out)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < PB_N_RULES; i++)
    {
      if (strcmp (text, rule_names[i].name) == 0)
        {
          *out = (PbRule) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
pb_rule_describe (PbRule rule)
{
  g_return_val_if_fail ((guint) rule < PB_N_RULES, NULL);
  return _(rule_names[rule].description);
}

gboolean
pb_rule_has_order (PbRule rule)
{
  return rule != PB_RULE_PHRAGMEN;
}

static const struct {
  const char *name;
  const char *chain;
} tie_break_names[] = {
  [PB_TIE_BREAK_LEXICO] = { "lexico", "lexico" },
  [PB_TIE_BREAK_DEFAULT] = { "default", "cost,votes,lot" },
  [PB_TIE_BREAK_COST_LOT] = { "cost-lot", "cost,lot" },
  [PB_TIE_BREAK_VOTES_COST_LOT] = { "votes-cost-lot", "votes,cost,lot" },
};

const char *
pb_tie_break_to_string (PbTieBreak tie_break)
{
  g_return_val_if_fail ((guint) tie_break < G_N_ELEMENTS (tie_break_names), NULL);
  return tie_break_names[tie_break].name;
}

gboolean
pb_tie_break_from_string (const char *text,
                          PbTieBreak *out)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (tie_break_names); i++)
    {
      if (strcmp (text, tie_break_names[i].name) == 0)
        {
          *out = (PbTieBreak) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
pb_tie_break_to_chain (PbTieBreak tie_break)
{
  g_return_val_if_fail ((guint) tie_break < G_N_ELEMENTS (tie_break_names), NULL);
  return tie_break_names[tie_break].chain;
}

gboolean
pb_tie_break_from_chain (const char *chain,
                         PbTieBreak *out)
{
  g_return_val_if_fail (chain != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (tie_break_names); i++)
    {
      if (strcmp (chain, tie_break_names[i].chain) == 0)
        {
          *out = (PbTieBreak) i;
          return TRUE;
        }
    }
  return pb_tie_break_from_string (chain, out);
}

gboolean
pb_tie_break_uses_lot (PbTieBreak tie_break)
{
  return tie_break != PB_TIE_BREAK_LEXICO;
}

const char *
pb_project_fate_to_string (PbProjectFate fate)
{
  switch (fate)
    {
    case PB_PROJECT_FATE_FUNDED:
      return "funded";
    case PB_PROJECT_FATE_DID_NOT_FIT:
      return "did-not-fit";
    case PB_PROJECT_FATE_NO_SUPPORT:
      return "no-support";
    case PB_PROJECT_FATE_SUPPORTERS_SHORT:
      return "supporters-short";
    case PB_PROJECT_FATE_OVER_BUDGET:
      return "over-budget";
    case PB_PROJECT_FATE_STOPPED:
      return "stopped";
    case PB_PROJECT_FATE_NOT_OPTIMAL:
      return "not-optimal";
    default:
      g_return_val_if_reached (NULL);
    }
}

guint64
pb_count_new_seed (void)
{
  return ((guint64) g_random_int () << 32) | g_random_int ();
}

/* ---- Grouping identical ballots ------------------------------------------ */

typedef struct {
  guint32 project;
  gint64  points;
} Entry;

static int
compare_entries (const void *a,
                 const void *b)
{
  const Entry *x = a;
  const Entry *y = b;

  return (x->project > y->project) - (x->project < y->project);
}

static guint64
hash_entries (const Entry *entries,
              guint        n,
              gboolean     with_points)
{
  guint64 h = 0xcbf29ce484222325ULL ^ n;

  for (guint i = 0; i < n; i++)
    {
      h = (h ^ entries[i].project) * 0x100000001b3ULL;
      if (with_points)
        h = (h ^ (guint64) entries[i].points) * 0x100000001b3ULL;
      h ^= h >> 29;
    }
  return h;
}

static gboolean
group_equals (const PbCount *count,
              guint          group,
              const Entry   *entries,
              guint          n)
{
  guint32 start = count->group_start[group];

  if (count->group_start[group + 1] - start != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      if (count->group_projects[start + i] != entries[i].project)
        return FALSE;
      if (count->with_points && count->group_points[start + i] != entries[i].points)
        return FALSE;
    }
  return TRUE;
}

static void
build_groups (PbCount *count)
{
  const PbElection *election = count->election;
  guint n_ballots = election->n_ballots;
  gsize table_size = 16;
  guint32 *table;
  gsize n_entries = 0;
  gsize entries_capacity = 1024;
  guint groups_capacity = 256;
  g_autofree Entry *scratch = NULL;
  guint scratch_capacity = 0;

  while (table_size < 2 * (gsize) n_ballots)
    table_size *= 2;
  table = g_new0 (guint32, table_size);   /* group index + 1 */

  count->group_weight = g_new (guint64, groups_capacity);
  count->group_start = g_new (guint32, groups_capacity + 1);
  count->group_projects = g_new (guint32, entries_capacity);
  if (count->with_points)
    count->group_points = g_new (gint64, entries_capacity);
  count->group_start[0] = 0;

  for (guint b = 0; b < n_ballots; b++)
    {
      const guint32 *projects = pb_election_ballot_projects (election, b);
      const gint64 *points = pb_election_ballot_points (election, b);
      guint n_choices = election->ballots[b].n_choices;
      guint n = 0;
      guint64 h;
      gsize slot;

      if (n_choices > scratch_capacity)
        {
          scratch_capacity = MAX (16, n_choices * 2);
          scratch = g_renew (Entry, scratch, scratch_capacity);
        }
      for (guint i = 0; i < n_choices; i++)
        {
          gint64 value = points != NULL ? points[i] : 1;

          /* For the points rules only points above zero give satisfaction;
           * for every other rule a listed project is an approved one. */
          if (count->with_points && value <= 0)
            continue;
          scratch[n].project = projects[i];
          scratch[n].points = count->with_points ? value : 1;
          n++;
        }
      if (n > 1)
        qsort (scratch, n, sizeof (Entry), compare_entries);

      h = hash_entries (scratch, n, count->with_points);
      for (slot = h & (table_size - 1);; slot = (slot + 1) & (table_size - 1))
        {
          guint32 found = table[slot];

          if (found == 0)
            {
              guint g = count->n_groups++;

              if (g == groups_capacity)
                {
                  groups_capacity *= 2;
                  count->group_weight = g_renew (guint64, count->group_weight, groups_capacity);
                  count->group_start = g_renew (guint32, count->group_start, groups_capacity + 1);
                }
              if (n_entries + n > entries_capacity)
                {
                  entries_capacity = MAX (entries_capacity * 2, n_entries + n);
                  count->group_projects = g_renew (guint32, count->group_projects, entries_capacity);
                  if (count->with_points)
                    count->group_points = g_renew (gint64, count->group_points, entries_capacity);
                }
              for (guint i = 0; i < n; i++)
                {
                  count->group_projects[n_entries + i] = scratch[i].project;
                  if (count->with_points)
                    count->group_points[n_entries + i] = scratch[i].points;
                }
              n_entries += n;
              count->group_start[g + 1] = (guint32) n_entries;
              count->group_weight[g] = 1;
              table[slot] = g + 1;
              break;
            }
          if (group_equals (count, found - 1, scratch, n))
            {
              count->group_weight[found - 1]++;
              break;
            }
        }
    }
  g_free (table);

  /* The transpose: for each project, the groups that support it. */
  count->support_start = g_new0 (guint32, count->n_projects + 1);
  count->supporters = g_new0 (guint64, count->n_projects);
  count->score = g_new (mpz_t, count->n_projects);
  for (guint p = 0; p < count->n_projects; p++)
    mpz_init (count->score[p]);
  for (gsize e = 0; e < n_entries; e++)
    count->support_start[count->group_projects[e] + 1]++;
  for (guint p = 0; p < count->n_projects; p++)
    count->support_start[p + 1] += count->support_start[p];
  count->support_groups = g_new (guint32, MAX (n_entries, 1));
  count->support_points = g_new (gint64, MAX (n_entries, 1));
  {
    g_autofree guint32 *fill = g_memdup2 (count->support_start, sizeof (guint32) * count->n_projects);

    for (guint g = 0; g < count->n_groups; g++)
      {
        for (guint32 e = count->group_start[g]; e < count->group_start[g + 1]; e++)
          {
            guint32 p = count->group_projects[e];
            gint64 value = count->with_points ? count->group_points[e] : 1;
            guint32 slot_index = fill[p]++;

            count->support_groups[slot_index] = g;
            count->support_points[slot_index] = value;
            count->supporters[p] += count->group_weight[g];
            if (value >= 0)
              mpz_add_ui (count->score[p], count->score[p], (gulong) value * count->group_weight[g]);
            else
              mpz_sub_ui (count->score[p], count->score[p], (gulong) (-value) * count->group_weight[g]);
          }
      }
  }
}

/* ---- Tie-breaking ------------------------------------------------------- */

typedef struct {
  const PbCount *count;
  const guint   *lot;
} SortContext;

static int
compare_ids (const void *a,
             const void *b,
             void       *data)
{
  const SortContext *context = data;
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  /* Byte order of UTF-8 equals code point order, as Python compares. */
  return strcmp (context->count->election->projects[x].id, context->count->election->projects[y].id);
}

static int
compare_cost (const PbCount *count,
              guint          x,
              guint          y)
{
  return mpq_cmp (count->election->projects[x].cost, count->election->projects[y].cost);
}

static int
compare_supporters (const PbCount *count,
                    guint          x,
                    guint          y)
{
  if (count->supporters[x] != count->supporters[y])
    return count->supporters[x] > count->supporters[y] ? -1 : 1;
  return 0;
}

/* The chains that end in a lot: PB_TIE_BREAK_DEFAULT, _COST_LOT and
 * _VOTES_COST_LOT. */
static int
compare_lot_chain (const void *a,
                   const void *b,
                   void       *data)
{
  const SortContext *context = data;
  const PbCount *count = context->count;
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;
  int c = 0;

  switch (count->options->tie_break)
    {
    case PB_TIE_BREAK_DEFAULT:
      c = compare_cost (count, x, y);
      if (c == 0)
        c = compare_supporters (count, x, y);
      break;
    case PB_TIE_BREAK_COST_LOT:
      c = compare_cost (count, x, y);
      break;
    case PB_TIE_BREAK_VOTES_COST_LOT:
      c = compare_supporters (count, x, y);
      if (c == 0)
        c = compare_cost (count, x, y);
      break;
    case PB_TIE_BREAK_LEXICO:
    default:
      g_assert_not_reached ();
    }
  if (c != 0)
    return c;
  return (context->lot[x] > context->lot[y]) - (context->lot[x] < context->lot[y]);
}

static void
build_tie_rank (PbCount *count)
{
  guint n = count->n_projects;
  g_autofree guint *lot = NULL;
  SortContext context = { count, NULL };

  count->by_tie_rank = g_new (guint, MAX (n, 1));
  count->tie_rank = g_new (guint, MAX (n, 1));
  for (guint p = 0; p < n; p++)
    count->by_tie_rank[p] = p;

  g_qsort_with_data (count->by_tie_rank, n, sizeof (guint), compare_ids, &context);
  if (pb_tie_break_uses_lot (count->options->tie_break))
    {
      guint32 seed_words[2] = {
        (guint32) (count->options->seed >> 32),
        (guint32) count->options->seed,
      };
      g_autoptr(GRand) rand = g_rand_new_with_seed_array (seed_words, 2);
      g_autofree guint *order = g_memdup2 (count->by_tie_rank, sizeof (guint) * MAX (n, 1));

      /* The lot: a Fisher–Yates shuffle of the projects in id order, so
       * the draw depends only on the seed and the ids, not on file order. */
      for (guint i = n; i > 1; i--)
        {
          guint j = (guint) g_rand_int_range (rand, 0, (gint32) i);
          guint tmp = order[i - 1];

          order[i - 1] = order[j];
          order[j] = tmp;
        }
      lot = g_new (guint, MAX (n, 1));
      for (guint i = 0; i < n; i++)
        lot[order[i]] = i;
      context.lot = lot;
      g_qsort_with_data (count->by_tie_rank, n, sizeof (guint), compare_lot_chain, &context);
    }

  for (guint i = 0; i < n; i++)
    count->tie_rank[count->by_tie_rank[i]] = i;
}

static int
compare_tie_rank_with (const void *a,
                       const void *b,
                       void       *data)
{
  const guint *rank = data;
  guint x = rank[*(const guint *) a];
  guint y = rank[*(const guint *) b];

  return (x > y) - (x < y);
}

void
pb_count_record_tie (PbCount *count,
                     guint   *projects,
                     guint    n,
                     guint    round)
{
  PbTie tie;

  g_qsort_with_data (projects, n, sizeof (guint), compare_tie_rank_with, count->tie_rank);
  tie.n_projects = n;
  tie.projects = g_memdup2 (projects, sizeof (guint) * n);
  tie.round = round;
  g_array_append_val (count->ties, tie);
}

void
pb_count_select (PbCount *count,
                 guint    project)
{
  PbOutcome *outcome = count->outcome;
  PbProjectOutcome *po = &outcome->projects[project];

  outcome->selected[outcome->n_selected++] = project;
  po->funded = TRUE;
  po->fate = PB_PROJECT_FATE_FUNDED;
  po->position = outcome->n_selected;
}

void
pb_count_finish (PbCount        *count,
                 const gboolean *eligible)
{
  PbOutcome *outcome = count->outcome;
  const PbElection *election = count->election;
  mpq_t left;

  mpq_set_ui (outcome->total_cost, 0, 1);
  for (guint i = 0; i < outcome->n_selected; i++)
    mpq_add (outcome->total_cost, outcome->total_cost, election->projects[outcome->selected[i]].cost);

  mpq_init (left);
  mpq_sub (left, election->budget, outcome->total_cost);
  outcome->exhaustive = TRUE;
  for (guint p = 0; p < count->n_projects; p++)
    {
      if (outcome->projects[p].funded || (eligible != NULL && !eligible[p]))
        continue;
      if (mpq_cmp (election->projects[p].cost, left) <= 0)
        outcome->exhaustive = FALSE;
    }
  mpq_clear (left);
}

/* ---- The outcome ---------------------------------------------------------- */

static PbOutcome *
outcome_new (const PbElection     *election,
             const PbCountOptions *options)
{
  PbOutcome *outcome = g_new0 (PbOutcome, 1);

  outcome->rule = options->rule;
  outcome->tie_break = options->tie_break;
  outcome->seed = options->seed;
  outcome->n_voters = election->n_ballots;
  mpq_init (outcome->budget);
  mpq_set (outcome->budget, election->budget);
  outcome->selected = g_new (guint, MAX (election->n_projects, 1));
  mpq_init (outcome->total_cost);
  mpq_init (outcome->voter_budget);
  outcome->n_projects = election->n_projects;
  outcome->projects = g_new0 (PbProjectOutcome, MAX (election->n_projects, 1));
  for (guint p = 0; p < election->n_projects; p++)
    {
      PbProjectOutcome *po = &outcome->projects[p];

      po->beaten_by = -1;
      po->best_with = -1;
      po->best_without = -1;
      mpq_init (po->score);
      mpq_init (po->money_left);
      mpq_init (po->rho);
      mpq_init (po->share);
      mpq_init (po->alternative_cost);
    }
  return outcome;
}

void
pb_outcome_free (PbOutcome *outcome)
{
  if (outcome == NULL)
    return;

  mpq_clear (outcome->budget);
  mpq_clear (outcome->total_cost);
  mpq_clear (outcome->voter_budget);
  for (guint p = 0; p < outcome->n_projects; p++)
    {
      PbProjectOutcome *po = &outcome->projects[p];

      mpq_clear (po->score);
      mpq_clear (po->money_left);
      mpq_clear (po->rho);
      mpq_clear (po->share);
      mpq_clear (po->alternative_cost);
    }
  for (guint t = 0; t < outcome->n_ties; t++)
    g_free (outcome->ties[t].projects);
  g_free (outcome->ties);
  g_free (outcome->projects);
  g_free (outcome->selected);
  g_free (outcome);
}

static void
count_clear (PbCount *count)
{
  g_free (count->group_weight);
  g_free (count->group_start);
  g_free (count->group_projects);
  g_free (count->group_points);
  g_free (count->support_start);
  g_free (count->support_groups);
  g_free (count->support_points);
  g_free (count->supporters);
  if (count->score != NULL)
    for (guint p = 0; p < count->n_projects; p++)
      mpz_clear (count->score[p]);
  g_free (count->score);
  g_free (count->tie_rank);
  g_free (count->by_tie_rank);
  if (count->ties != NULL)
    {
      for (guint t = 0; t < count->ties->len; t++)
        g_free (g_array_index (count->ties, PbTie, t).projects);
      g_array_unref (count->ties);
    }
  pb_outcome_free (count->outcome);
}

static gboolean
is_points_rule (PbRule rule)
{
  return rule == PB_RULE_GREEDY_POINTS || rule == PB_RULE_MES_POINTS;
}

PbOutcome *
pb_count (const PbElection      *election,
          const PbCountOptions  *options,
          GError               **error)
{
  return pb_count_cancellable (election, options, NULL, error);
}

PbOutcome *
pb_count_cancellable (const PbElection      *election,
                      const PbCountOptions  *options,
                      GCancellable          *cancellable,
                      GError               **error)
{
  PbCount count = { 0 };
  PbOutcome *outcome;
  gboolean ok = TRUE;

  g_return_val_if_fail (election != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail ((guint) options->rule < PB_N_RULES, NULL);

  if (is_points_rule (options->rule) && !pb_vote_type_has_points (election->vote_type))
    {
      g_set_error (error, PB_COUNT_ERROR, PB_COUNT_ERROR_NEEDS_POINTS,
                   _("The rule %s needs ballots with points, but these are %s ballots"),
                   pb_rule_to_string (options->rule), pb_vote_type_to_string (election->vote_type));
      return NULL;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  count.election = election;
  count.options = options;
  count.cancellable = cancellable;
  count.n_projects = election->n_projects;
  count.n_voters = election->n_ballots;
  count.with_points = is_points_rule (options->rule);
  count.ties = g_array_new (FALSE, FALSE, sizeof (PbTie));
  count.outcome = outcome_new (election, options);

  build_groups (&count);
  build_tie_rank (&count);
  for (guint p = 0; p < count.n_projects; p++)
    {
      PbProjectOutcome *po = &count.outcome->projects[p];

      po->supporters = (guint) count.supporters[p];
      mpq_set_z (po->score, count.score[p]);
      if (options->rule == PB_RULE_GREEDY_COST || options->rule == PB_RULE_MES_COST
          || options->rule == PB_RULE_MES_COST_ADD1 || options->rule == PB_RULE_MES_COST_ADD1_GREEDY)
        mpq_mul (po->score, po->score, election->projects[p].cost);
    }

  switch (options->rule)
    {
    case PB_RULE_GREEDY_COST:
    case PB_RULE_GREEDY_CARD:
    case PB_RULE_GREEDY_POINTS:
      pb_rule_greedy (&count, options->rule);
      break;
    case PB_RULE_MES_COST:
    case PB_RULE_MES_CARD:
    case PB_RULE_MES_POINTS:
    case PB_RULE_MES_COST_ADD1:
    case PB_RULE_MES_COST_ADD1_GREEDY:
      pb_rule_equal_shares (&count, options->rule);
      break;
    case PB_RULE_PHRAGMEN:
      pb_rule_phragmen (&count);
      break;
    case PB_RULE_UTILITARIAN_MAX:
      ok = pb_rule_utilitarian_max (&count, error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  if (!ok)
    {
      count_clear (&count);
      return NULL;
    }

  outcome = g_steal_pointer (&count.outcome);
  outcome->n_ties = count.ties->len;
  outcome->ties = (PbTie *) g_array_free (g_steal_pointer (&count.ties), FALSE);
  count_clear (&count);
  return outcome;
}
