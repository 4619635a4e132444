/* test-tie-break.c: every tie-breaking chain a process can record decides
 * ties as its name says, and the lot depends only on the seed. */

#include "pb-config.h"

#include "pb-count.h"

/* Adds a project costing @cost with @supporters approval ballots of its own. */
static void
add_project (PbElection *election,
             const char *id,
             gulong      cost,
             guint       supporters)
{
  g_autoptr(GError) error = NULL;
  mpq_t value;
  int index;

  mpq_init (value);
  mpq_set_ui (value, cost, 1);
  index = pb_election_add_project (election, id, value, NULL, NULL, &error);
  g_assert_no_error (error);
  mpq_clear (value);

  for (guint i = 0; i < supporters; i++)
    {
      g_autofree char *voter = g_strdup_printf ("%s-%u", id, i);
      guint32 project = (guint32) index;

      g_assert_cmpint (pb_election_add_ballot (election, voter, &project, NULL, 1, &error), >=, 0);
      g_assert_no_error (error);
    }
}

static PbElection *
election_new (gulong budget)
{
  PbElection *election = pb_election_new (PB_VOTE_TYPE_APPROVAL);
  mpq_t value;

  mpq_init (value);
  mpq_set_ui (value, budget, 1);
  pb_election_set_budget (election, value);
  mpq_clear (value);
  return election;
}

/* The ids of the funded projects, in selection order, joined by commas. */
static char *
count_selected (const PbElection *election,
                PbRule            rule,
                PbTieBreak        tie_break,
                guint64           seed)
{
  PbCountOptions options = { rule, tie_break, seed };
  g_autoptr(PbOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  GString *text = g_string_new (NULL);

  outcome = pb_count (election, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outcome->tie_break, ==, tie_break);
  g_assert_cmpuint (outcome->seed, ==, seed);
  for (guint i = 0; i < outcome->n_selected; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "," : "", election->projects[outcome->selected[i]].id);
  return g_string_free (text, FALSE);
}

static void
test_names (void)
{
  static const char * const chains[] = { "lexico", "cost,votes,lot", "cost,lot", "votes,cost,lot" };
  PbTieBreak tie_break;

  for (guint i = 0; i < G_N_ELEMENTS (chains); i++)
    {
      g_assert_true (pb_tie_break_from_chain (chains[i], &tie_break));
      g_assert_cmpstr (pb_tie_break_to_chain (tie_break), ==, chains[i]);
      g_assert_true (pb_tie_break_from_string (pb_tie_break_to_string (tie_break), &tie_break));
      g_assert_cmpstr (pb_tie_break_to_chain (tie_break), ==, chains[i]);
      g_assert_cmpint (pb_tie_break_uses_lot (tie_break), ==, i != 0);
    }
  /* The older names still mean what they meant. */
  g_assert_true (pb_tie_break_from_string ("default", &tie_break));
  g_assert_cmpint (tie_break, ==, PB_TIE_BREAK_DEFAULT);
  g_assert_true (pb_tie_break_from_chain ("default", &tie_break));
  g_assert_cmpint (tie_break, ==, PB_TIE_BREAK_DEFAULT);
  g_assert_false (pb_tie_break_from_chain ("votes", &tie_break));
  g_assert_false (pb_tie_break_from_chain ("", &tie_break));
}

/* Two projects with the same supporters per unit of cost: "a" costs 100
 * with 4 supporters, "b" 50 with 2.  Only one fits in the budget of 100
 * once the other is funded, so the chain decides which. */
static void
test_cost_or_votes_first (void)
{
  g_autoptr(PbElection) election = election_new (100);
  g_autofree char *lexico = NULL;
  g_autofree char *cost_votes = NULL;
  g_autofree char *cost = NULL;
  g_autofree char *votes_cost = NULL;

  add_project (election, "b", 50, 2);
  add_project (election, "a", 100, 4);

  lexico = count_selected (election, PB_RULE_GREEDY_CARD, PB_TIE_BREAK_LEXICO, 0);
  cost_votes = count_selected (election, PB_RULE_GREEDY_CARD, PB_TIE_BREAK_DEFAULT, 7);
  cost = count_selected (election, PB_RULE_GREEDY_CARD, PB_TIE_BREAK_COST_LOT, 7);
  votes_cost = count_selected (election, PB_RULE_GREEDY_CARD, PB_TIE_BREAK_VOTES_COST_LOT, 7);

  g_assert_cmpstr (lexico, ==, "a");
  g_assert_cmpstr (cost_votes, ==, "b");
  g_assert_cmpstr (cost, ==, "b");
  g_assert_cmpstr (votes_cost, ==, "a");
}

/* Two projects alike in cost and supporters: only the lot tells them
 * apart.  The same seed always gives the same result, and over many seeds
 * both results occur. */
static void
test_lot (void)
{
  static const PbTieBreak lot_chains[] = {
    PB_TIE_BREAK_DEFAULT, PB_TIE_BREAK_COST_LOT, PB_TIE_BREAK_VOTES_COST_LOT,
  };
  g_autoptr(PbElection) election = election_new (50);

  add_project (election, "x", 50, 3);
  add_project (election, "y", 50, 3);

  for (guint c = 0; c < G_N_ELEMENTS (lot_chains); c++)
    {
      gboolean seen_x = FALSE, seen_y = FALSE;

      for (guint64 seed = 1; seed <= 64; seed++)
        {
          g_autofree char *first = count_selected (election, PB_RULE_GREEDY_COST, lot_chains[c], seed * 7919);
          g_autofree char *again = count_selected (election, PB_RULE_GREEDY_COST, lot_chains[c], seed * 7919);

          g_assert_cmpstr (first, ==, again);
          g_assert_true (g_str_equal (first, "x") || g_str_equal (first, "y"));
          seen_x |= g_str_equal (first, "x");
          seen_y |= g_str_equal (first, "y");
        }
      g_assert_true (seen_x);
      g_assert_true (seen_y);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tie-break/names", test_names);
  g_test_add_func ("/tie-break/cost-or-votes-first", test_cost_or_votes_first);
  g_test_add_func ("/tie-break/lot", test_lot);

  return g_test_run ();
}
