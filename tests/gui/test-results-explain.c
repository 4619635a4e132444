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
      g_assert_nonnull (strstr (why, "most approvals"));
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

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *test_path = g_strconcat ("/results-explain/", files[i], NULL);

      g_test_add_data_func (test_path, files[i], test_file);
    }

  return g_test_run ();
}
