/* test-optimum.c: the facts utilitarian-max gives about every project.
 *
 * best_with and best_without are the most approvals a set within the
 * budget reaches with the project in it and without it, and
 * alternative_cost the least an equally good other set costs.  Small
 * elections worked out by hand (see docs/counting-rules.md), then many
 * random ones checked against trying every set.
 */

#include "pb-config.h"

#include <string.h>

#include "pb-count.h"

/* @projects: "id:cost" pairs (cost a decimal or p/q); @ballots: one string
 * of comma-separated ids per voter. */
static PbElection *
election_new (const char        *budget,
              const char * const *projects,
              const char * const *ballots)
{
  PbElection *election = pb_election_new (PB_VOTE_TYPE_APPROVAL);
  g_autoptr(GError) error = NULL;
  mpq_t value;

  mpq_init (value);
  g_assert_cmpint (mpq_set_str (value, budget, 10), ==, 0);
  mpq_canonicalize (value);
  pb_election_set_budget (election, value);
  for (guint i = 0; projects[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (projects[i], ":", 2);

      g_assert_cmpint (mpq_set_str (value, parts[1], 10), ==, 0);
      mpq_canonicalize (value);
      g_assert_cmpint (pb_election_add_project (election, parts[0], value, NULL, NULL, &error), ==, (int) i);
      g_assert_no_error (error);
    }
  mpq_clear (value);

  for (guint b = 0; ballots[b] != NULL; b++)
    {
      g_auto(GStrv) ids = g_strsplit (ballots[b], ",", -1);
      g_autofree char *voter = g_strdup_printf ("v%u", b);
      guint32 choice[16];
      guint n = 0;

      for (guint i = 0; ids[i] != NULL; i++)
        {
          guint p;

          for (p = 0; p < election->n_projects; p++)
            if (strcmp (election->projects[p].id, ids[i]) == 0)
              break;
          g_assert_cmpuint (p, <, election->n_projects);
          choice[n++] = p;
        }
      g_assert_cmpint (pb_election_add_ballot (election, voter, choice, NULL, n, &error), >=, 0);
      g_assert_no_error (error);
    }
  return election;
}

static PbOutcome *
count (const PbElection *election,
       PbTieBreak        tie_break)
{
  PbCountOptions options = { PB_RULE_UTILITARIAN_MAX, tie_break, 42 };
  g_autoptr(GError) error = NULL;
  PbOutcome *outcome = pb_count (election, &options, &error);

  g_assert_no_error (error);
  return outcome;
}

static guint
project (const PbElection *election,
         const char       *id)
{
  for (guint p = 0; p < election->n_projects; p++)
    if (strcmp (election->projects[p].id, id) == 0)
      return p;
  g_assert_not_reached ();
}

/* Checks one project's facts; @alternative NULL when there is none. */
static void
assert_project (const PbElection *election,
                const PbOutcome  *outcome,
                const char       *id,
                gboolean          funded,
                gint64            best_with,
                gint64            best_without,
                const char       *alternative)
{
  const PbProjectOutcome *po = &outcome->projects[project (election, id)];

  g_test_message ("project %s", id);
  g_assert_cmpint (po->funded, ==, funded);
  g_assert_cmpint (po->best_with, ==, best_with);
  g_assert_cmpint (po->best_without, ==, best_without);
  if (alternative != NULL)
    {
      mpq_t expected;

      mpq_init (expected);
      g_assert_cmpint (mpq_set_str (expected, alternative, 10), ==, 0);
      mpq_canonicalize (expected);
      g_assert_true (mpq_equal (po->alternative_cost, expected));
      mpq_clear (expected);
    }
  else
    g_assert_cmpint (mpq_sgn (po->alternative_cost), ==, 0);
}

/* The worked example of docs/counting-rules.md: budget 100; A costs 60
 * (Ann, Bob), B 50 (Ann, Bob, Cat), C 40 (Cat).  {B, C} has 4 approvals.
 * The best set with A is {A, C} (3); without B it is {A, C} (3); without
 * C it is {B} (3). */
static void
test_worked_example (void)
{
  static const char * const projects[] = { "A:60", "B:50", "C:40", NULL };
  static const char * const ballots[] = { "A,B", "A,B", "B,C", NULL };
  g_autoptr(PbElection) election = election_new ("100", projects, ballots);
  g_autoptr(PbOutcome) outcome = count (election, PB_TIE_BREAK_LEXICO);

  assert_project (election, outcome, "A", FALSE, 3, 4, NULL);
  assert_project (election, outcome, "B", TRUE, 4, 3, NULL);
  assert_project (election, outcome, "C", TRUE, 4, 3, NULL);
  g_assert_cmpint (outcome->projects[0].fate, ==, PB_PROJECT_FATE_NOT_OPTIMAL);
}

/* An exact tie: D costs what C costs and has as many supporters, so {B, D}
 * is as good and as cheap as {B, C}; lexico funds C.  D is told that a set
 * with it reaches 4 too, for the same 90; C that a set without it does. */
static void
test_tie (void)
{
  static const char * const projects[] = { "A:60", "B:50", "C:40", "D:40", NULL };
  static const char * const ballots[] = { "A,B", "A,B", "B,C", "D", NULL };
  g_autoptr(PbElection) election = election_new ("100", projects, ballots);
  g_autoptr(PbOutcome) outcome = count (election, PB_TIE_BREAK_LEXICO);
  g_autofree char *total = NULL;

  assert_project (election, outcome, "A", FALSE, 3, 4, NULL);
  assert_project (election, outcome, "B", TRUE, 4, 3, NULL);
  assert_project (election, outcome, "C", TRUE, 4, 4, "90");
  assert_project (election, outcome, "D", FALSE, 4, 4, "90");
  total = mpq_get_str (NULL, 10, outcome->total_cost);
  g_assert_cmpstr (total, ==, "90");
}

/* As many approvals for more money: {X, Z} has 3 for 90 and is chosen;
 * {Y, Z} also has 3 but costs 100.  Y is told a set with it costs 100, X
 * that the best set without it ({Y, Z}) does too. */
static void
test_dearer_equal_set (void)
{
  static const char * const projects[] = { "X:50", "Y:60", "Z:40", NULL };
  static const char * const ballots[] = { "X,Y", "X,Y", "Z", NULL };
  g_autoptr(PbElection) election = election_new ("100", projects, ballots);
  g_autoptr(PbOutcome) outcome = count (election, PB_TIE_BREAK_LEXICO);

  assert_project (election, outcome, "X", TRUE, 3, 3, "100");
  assert_project (election, outcome, "Y", FALSE, 3, 3, "100");
  assert_project (election, outcome, "Z", TRUE, 3, 2, NULL);
}

/* A project over the whole budget can be in no set: best_with is -1 and
 * best_without the optimum.  One nobody supports adds nothing: the best set
 * with it is the best in what it leaves (here the free one adds nothing,
 * and the dear one pushes out B). */
static void
test_cannot_fit_and_no_support (void)
{
  static const char * const projects[] = { "A:60", "B:50", "C:40", "Big:150", "Free:0", "Dear:55", NULL };
  static const char * const ballots[] = { "A,B,Big", "A,B,Big", "B,C,Big", NULL };
  g_autoptr(PbElection) election = election_new ("100", projects, ballots);
  g_autoptr(PbOutcome) outcome = count (election, PB_TIE_BREAK_LEXICO);

  g_assert_cmpint (outcome->projects[project (election, "Big")].fate, ==, PB_PROJECT_FATE_OVER_BUDGET);
  assert_project (election, outcome, "Big", FALSE, -1, 4, NULL);
  assert_project (election, outcome, "Free", FALSE, 4, 4, "90");
  /* With Dear (55) only 45 is left: B alone does not fit, C does (1); A
   * does not. */
  assert_project (election, outcome, "Dear", FALSE, 1, 4, NULL);
  assert_project (election, outcome, "B", TRUE, 4, 3, NULL);
}

/* Fractional costs and budget stay exact, alternative costs included. */
static void
test_fractions (void)
{
  static const char * const projects[] = { "P:1/3", "Q:1/2", "R:1/6", "S:1/2", NULL };
  static const char * const ballots[] = { "P,Q", "Q,S", "R", "S", NULL };
  g_autoptr(PbElection) election = election_new ("5/6", projects, ballots);
  g_autoptr(PbOutcome) outcome = count (election, PB_TIE_BREAK_LEXICO);

  /* Supporters P 1, Q 2, R 1, S 2.  Within 5/6: {Q,R} and {S,R} have 3
   * approvals for 2/3, {P,Q} and {P,S} 3 for 5/6, {P,R} 2 for 1/2; every
   * set of three or with both Q and S costs 1 or more.  The optimum is one
   * of the two cheapest, {Q,R} (lexico: Q before S). */
  assert_project (election, outcome, "Q", TRUE, 3, 3, "2/3");
  assert_project (election, outcome, "R", TRUE, 3, 3, "5/6");
  assert_project (election, outcome, "S", FALSE, 3, 3, "2/3");
  assert_project (election, outcome, "P", FALSE, 3, 3, "5/6");
}

/* Every set of @election, tried: the most approvals within the budget with
 * or without @p, and the least cost of reaching @target with or without it
 * (NULL @least when no such set exists). */
static void
brute_force (const PbElection *election,
             const guint      *supporters,
             guint             p,
             gboolean          with,
             gint64           *best,
             guint64           target,
             mpq_t             least,
             gboolean         *found)
{
  guint n = election->n_projects;
  mpq_t cost;

  mpq_init (cost);
  *best = -1;
  *found = FALSE;
  for (guint set = 0; set < (1u << n); set++)
    {
      guint64 value = 0;

      if (((set >> p) & 1) != (guint) with)
        continue;
      mpq_set_ui (cost, 0, 1);
      for (guint q = 0; q < n; q++)
        if (set & (1u << q))
          {
            mpq_add (cost, cost, election->projects[q].cost);
            value += supporters[q];
          }
      if (mpq_cmp (cost, election->budget) > 0)
        continue;
      *best = MAX (*best, (gint64) value);
      if (value >= target && (!*found || mpq_cmp (cost, least) < 0))
        {
          mpq_set (least, cost);
          *found = TRUE;
        }
    }
  mpq_clear (cost);
}

static void
test_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint round = 0; round < 300; round++)
    {
      PbElection *election = pb_election_new (PB_VOTE_TYPE_APPROVAL);
      g_autoptr(PbOutcome) outcome = NULL;
      guint n = g_rand_int_range (rand, 1, 12);
      guint n_voters = g_rand_int_range (rand, 0, 12);
      guint supporters[12] = { 0 };
      guint64 optimum = 0;
      mpq_t value, least;

      mpq_init (value);
      mpq_init (least);
      mpq_set_ui (value, g_rand_int_range (rand, 0, 40), g_rand_int_range (rand, 1, 4));
      mpq_canonicalize (value);
      pb_election_set_budget (election, value);
      for (guint p = 0; p < n; p++)
        {
          g_autofree char *id = g_strdup_printf ("p%02u", p);

          /* Small costs, so that many sets tie. */
          mpq_set_ui (value, g_rand_int_range (rand, 0, 20), g_rand_int_range (rand, 1, 3));
          mpq_canonicalize (value);
          g_assert_cmpint (pb_election_add_project (election, id, value, NULL, NULL, NULL), ==, (int) p);
        }
      for (guint b = 0; b < n_voters; b++)
        {
          g_autofree char *voter = g_strdup_printf ("v%u", b);
          guint32 choice[12];
          guint k = 0;

          for (guint p = 0; p < n; p++)
            if (g_rand_int_range (rand, 0, 3) == 0)
              {
                choice[k++] = p;
                supporters[p]++;
              }
          g_assert_cmpint (pb_election_add_ballot (election, voter, choice, NULL, k, NULL), >=, 0);
        }

      outcome = count (election, round % 2 == 0 ? PB_TIE_BREAK_LEXICO : PB_TIE_BREAK_DEFAULT);
      for (guint i = 0; i < outcome->n_selected; i++)
        optimum += supporters[outcome->selected[i]];
      for (guint p = 0; p < n; p++)
        {
          const PbProjectOutcome *po = &outcome->projects[p];
          gint64 with, without;
          gboolean found;

          brute_force (election, supporters, p, TRUE, &with, optimum, least, &found);
          g_assert_cmpint (po->best_with, ==, with);
          if (po->funded)
            g_assert_cmpint (with, ==, (gint64) optimum);
          brute_force (election, supporters, p, FALSE, &without, optimum, least, &found);
          g_assert_cmpint (po->best_without, ==, without);
          if (!po->funded)
            g_assert_cmpint (without, ==, (gint64) optimum);

          if (with == without)
            {
              /* The other side's least cost of reaching the optimum. */
              brute_force (election, supporters, p, !po->funded, &with, optimum, least, &found);
              g_assert_true (found);
              g_assert_true (mpq_equal (po->alternative_cost, least));
              g_assert_cmpint (mpq_cmp (least, outcome->total_cost), >=, 0);
            }
          else
            g_assert_cmpint (mpq_sgn (po->alternative_cost), ==, 0);
        }
      mpq_clear (value);
      mpq_clear (least);
      pb_election_free (election);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/optimum/worked-example", test_worked_example);
  g_test_add_func ("/optimum/tie", test_tie);
  g_test_add_func ("/optimum/dearer-equal-set", test_dearer_equal_set);
  g_test_add_func ("/optimum/cannot-fit-and-no-support", test_cannot_fit_and_no_support);
  g_test_add_func ("/optimum/fractions", test_fractions);
  g_test_add_func ("/optimum/random", test_random);
  return g_test_run ();
}
