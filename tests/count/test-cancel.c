/* test-cancel.c: pb_count_cancellable() gives up with G_IO_ERROR_CANCELLED
 * when asked to, from the start or from another thread while add1 runs,
 * and otherwise gives exactly what pb_count() gives. */

#include "pb-config.h"

#include "pb-count.h"
#include "pb-pabulib.h"

static PbElection *
read_shared (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("PB_SHARED_DIR"), "pabulib", name, NULL);
  PbElection *election = pb_pabulib_read_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (election);
  return election;
}

static void
assert_same (const PbOutcome *a,
             const PbOutcome *b)
{
  g_assert_cmpuint (a->n_selected, ==, b->n_selected);
  for (guint i = 0; i < a->n_selected; i++)
    g_assert_cmpuint (a->selected[i], ==, b->selected[i]);
  g_assert_true (mpq_equal (a->total_cost, b->total_cost));
  g_assert_cmpuint (a->mes_runs, ==, b->mes_runs);
}

/* Every rule: a cancelled cancellable stops the count before it starts;
 * one never cancelled changes nothing. */
static void
test_cancelled_before (void)
{
  g_autoptr(PbElection) election = read_shared ("Netherlands_Assen_2024.pb");

  for (guint r = 0; r < PB_N_RULES; r++)
    {
      g_autoptr(GCancellable) cancelled = g_cancellable_new ();
      g_autoptr(GCancellable) idle = g_cancellable_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(PbOutcome) plain = NULL;
      g_autoptr(PbOutcome) outcome = NULL;
      PbCountOptions options = { 0 };

      options.rule = (PbRule) r;
      options.tie_break = PB_TIE_BREAK_LEXICO;
      plain = pb_count (election, &options, &error);
      if (plain == NULL)
        {
          /* A rule that cannot apply here (points) says so either way. */
          g_clear_error (&error);
          outcome = pb_count_cancellable (election, &options, idle, &error);
          g_assert_null (outcome);
          g_assert_error (error, PB_COUNT_ERROR, PB_COUNT_ERROR_NEEDS_POINTS);
          continue;
        }

      g_cancellable_cancel (cancelled);
      outcome = pb_count_cancellable (election, &options, cancelled, &error);
      g_assert_null (outcome);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);

      outcome = pb_count_cancellable (election, &options, idle, &error);
      g_assert_no_error (error);
      g_assert_nonnull (outcome);
      assert_same (plain, outcome);
    }
}

static gpointer
cancel_soon (gpointer data)
{
  g_usleep (50 * G_TIME_SPAN_MILLISECOND);
  g_cancellable_cancel (data);
  return NULL;
}

/* add1 on Budapest 2024 makes 22 002 runs; a cancel from another thread
 * while they run ends the count with G_IO_ERROR_CANCELLED. */
static void
test_cancelled_during_add1 (void)
{
  g_autoptr(PbElection) election = read_shared ("Hungary_Budapest_2024.pb");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PbOutcome) outcome = NULL;
  PbCountOptions options = { 0 };
  GThread *thread;

  options.rule = PB_RULE_MES_COST_ADD1;
  options.tie_break = PB_TIE_BREAK_LEXICO;
  thread = g_thread_new ("cancel", cancel_soon, cancellable);
  outcome = pb_count_cancellable (election, &options, cancellable, &error);
  g_thread_join (thread);
  g_assert_null (outcome);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/count/cancel/before", test_cancelled_before);
  g_test_add_func ("/count/cancel/during-add1", test_cancelled_during_add1);
  return g_test_run ();
}
