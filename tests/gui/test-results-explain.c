/* test-results-explain.c: the sentence that says why a project was or was
 * not funded states the facts of its fate, for every rule on real Pabulib
 * files: funded ones say "Funded", the others say "Not funded" and give
 * the money left and the cost, the whole budget, or the share their
 * supporters had, as the engine recorded them. */

#include <locale.h>
#include <string.h>

#include "pb-decimal.h"
#include "pb-pabulib.h"
#include "pb-results-explain.h"

static char *
money (const mpq_t value)
{
  g_autofree char *text = pb_decimal_to_string (value);

  return pb_money_format (text, "EUR");
}

static void
check_sentence (const PbElection *election,
                const PbOutcome  *outcome,
                guint             p)
{
  const PbProjectOutcome *po = &outcome->projects[p];
  g_autofree char *why = pb_results_explain_project (election, outcome, p, "EUR");
  g_autofree char *cost = money (election->projects[p].cost);

  g_assert_nonnull (why);
  if (po->funded)
    {
      g_assert_true (g_str_has_prefix (why, "Funded"));
      if (po->rank > 0)
        {
          g_autofree char *left = money (po->money_left);

          g_assert_nonnull (strstr (why, left));
        }
      if (outcome->rule == PB_RULE_UTILITARIAN_MAX && po->best_without >= 0)
        {
          g_autofree char *without = g_strdup_printf ("%" G_GINT64_FORMAT, po->best_without);

          g_assert_nonnull (strstr (why, without));
        }
      return;
    }

  g_assert_true (g_str_has_prefix (why, "Not funded"));
  switch (po->fate)
    {
    case PB_PROJECT_FATE_DID_NOT_FIT:
      {
        g_autofree char *left = money (po->money_left);

        g_assert_nonnull (strstr (why, left));
        g_assert_nonnull (strstr (why, cost));
      }
      break;
    case PB_PROJECT_FATE_OVER_BUDGET:
      {
        g_autofree char *budget = money (outcome->budget);

        g_assert_nonnull (strstr (why, cost));
        g_assert_nonnull (strstr (why, budget));
      }
      break;
    case PB_PROJECT_FATE_SUPPORTERS_SHORT:
      g_assert_nonnull (strstr (why, "%"));
      if (po->beaten_by >= 0)
        {
          const PbElectionProject *winner = &election->projects[po->beaten_by];

          g_assert_nonnull (strstr (why, winner->name != NULL ? winner->name : winner->id));
        }
      break;
    case PB_PROJECT_FATE_NO_SUPPORT:
      g_assert_nonnull (strstr (why, "nobody"));
      break;
    case PB_PROJECT_FATE_STOPPED:
      g_assert_nonnull (strstr (why, "stopped"));
      break;
    case PB_PROJECT_FATE_NOT_OPTIMAL:
      g_assert_nonnull (strstr (why, po->supporters > 0 ? "approvals" : "nobody"));
      if (po->supporters > 0 && po->best_with >= 0)
        {
          g_autofree char *with = g_strdup_printf ("%" G_GINT64_FORMAT, po->best_with);

          g_assert_nonnull (strstr (why, with));
        }
      break;
    case PB_PROJECT_FATE_FUNDED:
    default:
      g_assert_not_reached ();
    }
}

static void
test_file (gconstpointer data)
{
  const char *name = data;
  g_autofree char *path = g_build_filename (g_getenv ("PB_SHARED_DIR"), "pabulib", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PbElection) election = pb_pabulib_read_file (path, &error);
  guint fates_seen = 0;

  g_assert_no_error (error);
  for (guint r = 0; r < PB_N_RULES; r++)
    {
      PbCountOptions options = { (PbRule) r, PB_TIE_BREAK_DEFAULT, 11 };
      g_autoptr(PbOutcome) outcome = pb_count (election, &options, NULL);

      /* Points rules on ballots without points, or an optimum out of
       * reach: the page never shows those. */
      if (outcome == NULL)
        continue;
      for (guint p = 0; p < election->n_projects; p++)
        {
          check_sentence (election, outcome, p);
          fates_seen |= 1u << outcome->projects[p].fate;
        }
    }
  /* The files were chosen so that most fates occur. */
  g_assert_true (fates_seen & (1u << PB_PROJECT_FATE_FUNDED));
  g_assert_true (fates_seen & (1u << PB_PROJECT_FATE_DID_NOT_FIT));
  g_assert_true (fates_seen & (1u << PB_PROJECT_FATE_SUPPORTERS_SHORT));
}

/* The worked example of docs/counting-rules.md for utilitarian-max, with D
 * as good and as cheap as C, E as good as A but dearer, and F nobody's. */
static const char optimum_example[] =
  "META\nkey;value\nnum_projects;6\nnum_votes;4\nbudget;100\nvote_type;approval\n"
  "PROJECTS\nproject_id;cost;name\nA;60;Playground\nB;50;Benches\nC;40;Library\n"
  "D;40;Mural\nE;70;Fountain\nF;10;Sign\n"
  "VOTES\nvoter_id;vote\nAnn;A,B,E\nBob;A,B,E\nCat;B,C\nDan;D\n";

static void
test_optimum (void)
{
  static const struct {
    const char *id;
    const char *why;
  } expected[] = {
    { "A", "Not funded: the best set of projects that fits the budget with it reaches 3 approvals, against 4 for the set chosen. Funding it would cost 1 approval." },
    { "B", "Funded: it is part of the set of projects with the most approvals that fits the budget (4 approvals). The best set without it would reach only 3, 1 approval fewer." },
    { "C", "Funded: it is part of the set of projects with the most approvals that fits the budget (4 approvals). A set without it reaches as many for the same €90; the tie-breaking order chose this one." },
    { "D", "Not funded: a set with it reaches as many approvals (4) for the same €90; the tie-breaking order chose the other set." },
    { "E", "Not funded: the best set of projects that fits the budget with it reaches 2 approvals, against 4 for the set chosen. Funding it would cost 2 approvals." },
    { "F", "Not funded: nobody voted for it, so it adds no approvals to the set with the most approvals." },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PbElection) election = pb_pabulib_read_data (optimum_example, strlen (optimum_example), &error);
  PbCountOptions options = { PB_RULE_UTILITARIAN_MAX, PB_TIE_BREAK_LEXICO, 0 };
  g_autoptr(PbOutcome) outcome = NULL;

  g_assert_no_error (error);
  outcome = pb_count (election, &options, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *why = pb_results_explain_project (election, outcome, i, "EUR");

      g_assert_cmpstr (election->projects[i].id, ==, expected[i].id);
      g_assert_cmpstr (why, ==, expected[i].why);
    }
}

/* A set as good as the optimum but dearer: {X, Z} (3 approvals, 90) is
 * chosen over {Y, Z} (3, 100). */
static void
test_optimum_dearer (void)
{
  static const char data[] =
    "META\nkey;value\nnum_projects;3\nnum_votes;3\nbudget;100\nvote_type;approval\n"
    "PROJECTS\nproject_id;cost\nX;50\nY;60\nZ;40\n"
    "VOTES\nvoter_id;vote\n1;X,Y\n2;X,Y\n3;Z\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(PbElection) election = pb_pabulib_read_data (data, strlen (data), &error);
  PbCountOptions options = { PB_RULE_UTILITARIAN_MAX, PB_TIE_BREAK_LEXICO, 0 };
  g_autoptr(PbOutcome) outcome = NULL;
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  g_assert_no_error (error);
  outcome = pb_count (election, &options, &error);
  g_assert_no_error (error);
  x = pb_results_explain_project (election, outcome, 0, "EUR");
  y = pb_results_explain_project (election, outcome, 1, "EUR");
  g_assert_cmpstr (x, ==, "Funded: it is part of the set of projects with the most approvals that fits the budget (3 approvals). A set without it could reach as many, but it would cost €100, more than the €90 of the set chosen.");
  g_assert_cmpstr (y, ==, "Not funded: a set with it reaches as many approvals (3), but costs at least €100, more than the €90 of the set chosen.");
}

/* One approval in all: "1 approval", not "1 approvals". */
static void
test_optimum_one (void)
{
  static const char data[] =
    "META\nkey;value\nnum_projects;2\nnum_votes;1\nbudget;100\nvote_type;approval\n"
    "PROJECTS\nproject_id;cost\nP;80\nQ;60\n"
    "VOTES\nvoter_id;vote\n1;P\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(PbElection) election = pb_pabulib_read_data (data, strlen (data), &error);
  PbCountOptions options = { PB_RULE_UTILITARIAN_MAX, PB_TIE_BREAK_LEXICO, 0 };
  g_autoptr(PbOutcome) outcome = NULL;
  g_autofree char *p = NULL;

  g_assert_no_error (error);
  outcome = pb_count (election, &options, &error);
  g_assert_no_error (error);
  p = pb_results_explain_project (election, outcome, 0, "EUR");
  g_assert_cmpstr (p, ==, "Funded: it is part of the set of projects with the most approvals that fits the budget (1 approval). The best set without it would reach only 0, 1 approval fewer.");
}

int
main (int   argc,
      char *argv[])
{
  static const char * const files[] = {
    "Netherlands_Amsterdam_492.pb",
    "Worldwide_Mechanical_Turk_Utilities_7.pb",
    "US_Stanford_Dataset_PB_Chicago_47th_Ward_2021_vote_rankings.pb",
  };

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/results-explain/optimum", test_optimum);
  g_test_add_func ("/results-explain/optimum-dearer", test_optimum_dearer);
  g_test_add_func ("/results-explain/optimum-one", test_optimum_one);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *test_path = g_strconcat ("/results-explain/", files[i], NULL);

      g_test_add_data_func (test_path, files[i], test_file);
    }

  return g_test_run ();
}
