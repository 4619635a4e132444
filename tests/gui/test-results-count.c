/* test-results-count.c: the Results page's count in a thread, without a
 * window: it reads the ballots on its own connection and gives the same
 * outcome as pb_count(), reuses an election it is handed, reports a
 * comparison that cannot count without spoiling the main result, says so
 * when the process is gone, and completes at once when cancelled. */

#include <glib/gstdio.h>

#include "pb-pabulib.h"
#include "pb-results-count.h"
#include "pb-store-election.h"
#include "pb-store.h"
#include "pb-test-files.h"

typedef struct
{
  char      *dir;
  char      *path;
  PbStore   *store;
  PbProcess *process;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *costs[] = { "4000", "3000", "6000" };
  guint choices[][2] = { { 0, 2 }, { 0, 2 }, { 1, 2 }, { 1, 0 }, { 2, 2 } };
  g_autoptr(GListModel) projects = NULL;

  f->dir = g_dir_make_tmp ("pb-results-count-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "pb.db", NULL);
  f->store = pb_store_open (f->path, &error);
  g_assert_no_error (error);
  f->process = pb_store_create_process (f->store, "Test Fund", "EUR", "10000", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (costs); i++)
    {
      g_autofree char *title = g_strdup_printf ("Project %u", i + 1);
      PbProject *project = pb_store_add_project (f->store, f->process, &error, "title", title, "cost", costs[i], NULL);

      g_assert_no_error (error);
      g_assert_true (pb_store_set_project_status (f->store, project, PB_PROJECT_STATUS_FEASIBLE, NULL, &error));
    }
  g_assert_true (pb_store_set_phase (f->store, f->process, PB_PHASE_VOTING, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      g_autoptr(PbBallotChoices) ballot = pb_ballot_choices_new (PB_BALLOT_FORMAT_APPROVAL);
      g_autoptr(PbBallot) cast = NULL;

      for (guint j = 0; j < 2; j++)
        {
          g_autoptr(PbProject) project = g_list_model_get_item (pb_process_list_projects (f->process), choices[i][j]);

          if (j == 0 || choices[i][1] != choices[i][0])
            pb_ballot_choices_add (ballot, pb_project_get_id (project), 1);
        }
      cast = pb_store_cast_ballot (f->store, f->process, ballot, i < 3 ? PB_BALLOT_METHOD_KIOSK : PB_BALLOT_METHOD_PAPER,
                                   NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_true (pb_store_set_phase (f->store, f->process, PB_PHASE_CLOSED, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  /* A cancelled count's thread may still be reading. */
  pb_results_count_wait_all ();
  g_assert_finalize_object (f->store);
  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Runs one count to its end and returns it (or NULL with @error). */
static PbResultsCount *
run (Fixture            *f,
     gint64              process_id,
     PbResultsElection  *election,
     PbRule              rule,
     PbRule              compare_rule,
     PbResultsProgress  *progress,
     GError            **error)
{
  PbCountOptions options = { rule, PB_TIE_BREAK_DEFAULT, 42 };
  PbCountOptions compare_options = { compare_rule, PB_TIE_BREAK_DEFAULT, 42 };
  g_autoptr(GAsyncResult) result = NULL;

  pb_results_count_async (f->path, process_id, election, &options, &compare_options, progress, NULL,
                          done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return pb_results_count_finish (result, error);
}

static void
assert_same_outcome (const PbOutcome *a,
                     const PbOutcome *b)
{
  g_assert_cmpint (a->rule, ==, b->rule);
  g_assert_cmpuint (a->seed, ==, b->seed);
  g_assert_cmpuint (a->n_selected, ==, b->n_selected);
  for (guint i = 0; i < a->n_selected; i++)
    g_assert_cmpuint (a->selected[i], ==, b->selected[i]);
  g_assert_true (mpq_equal (a->total_cost, b->total_cost));
  for (guint p = 0; p < a->n_projects; p++)
    {
      g_assert_cmpint (a->projects[p].funded, ==, b->projects[p].funded);
      g_assert_cmpint (a->projects[p].fate, ==, b->projects[p].fate);
      g_assert_cmpuint (a->projects[p].supporters, ==, b->projects[p].supporters);
    }
}

static void
test_count (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbResultsProgress) progress = pb_results_progress_new ();
  g_autoptr(PbResultsCount) first = NULL;
  g_autoptr(PbResultsCount) again = NULL;
  g_autoptr(PbElection) election = pb_store_load_election (f->store, f->process, &error);
  PbCountOptions options = { PB_RULE_GREEDY_COST, PB_TIE_BREAK_DEFAULT, 42 };
  PbCountOptions compare_options = { PB_RULE_MES_COST, PB_TIE_BREAK_DEFAULT, 42 };
  g_autoptr(PbOutcome) greedy = NULL;
  g_autoptr(PbOutcome) shares = NULL;

  g_assert_no_error (error);
  greedy = pb_count (election, &options, &error);
  g_assert_no_error (error);
  shares = pb_count (election, &compare_options, &error);
  g_assert_no_error (error);

  first = run (f, pb_process_get_id (f->process), NULL, PB_RULE_GREEDY_COST, PB_RULE_MES_COST, progress, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_results_progress_get_stage (progress), ==, PB_RESULTS_STAGE_DONE);
  g_assert_cmpuint (pb_results_election_get (first->election)->n_ballots, ==, 5);
  assert_same_outcome (first->outcome, greedy);
  assert_same_outcome (first->compare_outcome, shares);
  g_assert_no_error (first->compare_error);

  /* The ballots by method and kiosk, read in the thread. */
  g_assert_nonnull (first->breakdown);
  g_assert_cmpuint (first->breakdown->kiosk, ==, 3);
  g_assert_cmpuint (first->breakdown->paper, ==, 2);
  g_assert_cmpuint (first->breakdown->import, ==, 0);
  g_assert_cmpuint (first->breakdown->total, ==, 5);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (first->breakdown->by_kiosk,
                                                           pb_store_get_kiosk_id (f->store))), ==, 5);

  /* Handed the election, it counts again without reading the ballots,
   * and the same rule on both sides is counted once. */
  again = run (f, pb_process_get_id (f->process), first->election, PB_RULE_MES_COST, PB_RULE_MES_COST, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (again->election == first->election);
  g_assert_null (again->breakdown);
  g_assert_null (again->compare_outcome);
  g_assert_no_error (again->compare_error);
  assert_same_outcome (again->outcome, shares);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbResultsCount) count = NULL;

  /* A comparison that cannot apply (points on approval ballots) is
   * reported beside a good main result. */
  count = run (f, pb_process_get_id (f->process), NULL, PB_RULE_GREEDY_COST, PB_RULE_MES_POINTS, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (count->outcome);
  g_assert_null (count->compare_outcome);
  g_assert_error (count->compare_error, PB_COUNT_ERROR, PB_COUNT_ERROR_NEEDS_POINTS);
  g_clear_pointer (&count, pb_results_count_free);

  /* The same as the main rule fails the count. */
  count = run (f, pb_process_get_id (f->process), NULL, PB_RULE_GREEDY_POINTS, PB_RULE_GREEDY_COST, NULL, &error);
  g_assert_null (count);
  g_assert_error (error, PB_COUNT_ERROR, PB_COUNT_ERROR_NEEDS_POINTS);
  g_clear_error (&error);

  /* A process that is not there. */
  count = run (f, 9999, NULL, PB_RULE_GREEDY_COST, PB_RULE_GREEDY_COST, NULL, &error);
  g_assert_null (count);
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbResultsCount) count = NULL;
  g_autoptr(PbResultsProgress) progress = pb_results_progress_new ();
  PbCountOptions options = { PB_RULE_MES_COST, PB_TIE_BREAK_DEFAULT, 42 };

  pb_results_count_async (f->path, pb_process_get_id (f->process), NULL, &options, &options, progress,
                          cancellable, done_cb, &result);
  g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  count = pb_results_count_finish (result, &error);
  g_assert_null (count);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* The thread still ends on its own. */
  pb_results_count_wait_all ();
  g_assert_cmpint (pb_results_progress_get_stage (progress), ==, PB_RESULTS_STAGE_DONE);
}

/* A long count (add1 on Budapest 2024, 22 002 runs) cancelled while it
 * counts: the task completes cancelled, and the thread, which now looks at
 * the cancellable between runs, ends too. */
static void
test_cancel_counting (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbResultsCount) count = NULL;
  g_autoptr(PbResultsProgress) progress = pb_results_progress_new ();
  g_autoptr(PbElection) election = NULL;
  PbProcess *process;   /* owned by the store */
  g_autofree char *file = g_build_filename (g_getenv ("PB_SHARED_DIR"), "pabulib", "Hungary_Budapest_2024.pb", NULL);
  PbCountOptions options = { PB_RULE_MES_COST_ADD1, PB_TIE_BREAK_LEXICO, 42 };

  election = pb_pabulib_read_file (file, &error);
  g_assert_no_error (error);
  process = pb_store_import_election (f->store, election, NULL, TRUE, &error);
  g_assert_no_error (error);

  pb_results_count_async (f->path, pb_process_get_id (process), NULL, &options, &options, progress,
                          cancellable, done_cb, &result);
  while (pb_results_progress_get_stage (progress) != PB_RESULTS_STAGE_COUNTING)
    g_usleep (G_TIME_SPAN_MILLISECOND);
  g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  count = pb_results_count_finish (result, &error);
  g_assert_null (count);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  pb_results_count_wait_all ();
  g_assert_cmpint (pb_results_progress_get_stage (progress), ==, PB_RESULTS_STAGE_DONE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/results-count/count", test_count);
  ADD ("/results-count/errors", test_errors);
  ADD ("/results-count/cancel", test_cancel);
  ADD ("/results-count/cancel-counting", test_cancel_counting);
#undef ADD

  return g_test_run ();
}
