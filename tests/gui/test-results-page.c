/* test-results-page.c: the Results page against a real store: nothing is
 * counted while voting is open; after it closes the count records the
 * lot's seed first, runs in a thread, and its table and comparison agree
 * project by project with pb_count() run directly; cancelling gives the
 * page back; publishing makes the process read-only.  Every widget is
 * finalized at the end. */

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pb-results-count.h"
#include "pb-results-explain.h"
#include "pb-results-page.h"
#include "pb-results-row.h"
#include "pb-store-count.h"
#include "pb-store-election.h"
#include "pb-test-files.h"

typedef struct
{
  char      *dir;
  char      *path;
  PbStore   *store;
  PbProcess *process;
} Fixture;

/* Four projects and ten ballots where greedy and equal shares differ: six
 * residents want the park and the skate park (together the whole budget),
 * four want the library and the trees. */
static const struct {
  const char *title;
  const char *cost;
} projects[] = {
  { "Park benches", "4000" },
  { "Library books", "3000" },
  { "Skate park", "6000" },
  { "Street trees", "2000" },
};

static gint64
project_id (Fixture *f,
            guint    index)
{
  g_autoptr(PbProject) project = g_list_model_get_item (pb_process_list_projects (f->process), index);

  return pb_project_get_id (project);
}

static void
cast (Fixture        *f,
      PbBallotMethod  method,
      guint           a,
      guint           b)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbBallotChoices) choices = pb_ballot_choices_new (PB_BALLOT_FORMAT_APPROVAL);
  g_autoptr(PbBallot) ballot = NULL;

  pb_ballot_choices_add (choices, project_id (f, a), 1);
  pb_ballot_choices_add (choices, project_id (f, b), 1);
  ballot = pb_store_cast_ballot (f->store, f->process, choices, method, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ballot);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pb-results-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "pb.db", NULL);
  f->store = pb_store_open (f->path, &error);
  g_assert_no_error (error);
  f->process = pb_store_create_process (f->store, "Test Fund", "EUR", "10000", &error);
  g_assert_no_error (error);
  g_assert_true (pb_store_edit_process (f->store, f->process, &error,
                                        "counting-rule", "greedy-cost",
                                        "tie-break", data != NULL ? (const char *) data : "cost,votes,lot", NULL));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (projects); i++)
    {
      PbProject *project = pb_store_add_project (f->store, f->process, &error,
                                                 "title", projects[i].title, "cost", projects[i].cost, NULL);

      g_assert_no_error (error);
      g_assert_true (pb_store_set_project_status (f->store, project, PB_PROJECT_STATUS_FEASIBLE, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (pb_store_set_phase (f->store, f->process, PB_PHASE_VOTING, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 6; i++)
    cast (f, i < 4 ? PB_BALLOT_METHOD_KIOSK : PB_BALLOT_METHOD_PAPER, 0, 2);
  for (guint i = 0; i < 4; i++)
    cast (f, PB_BALLOT_METHOD_KIOSK, 1, 3);
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

static GtkWidget *
page_in_window (GtkWidget *page,
                Fixture   *f)
{
  GtkWidget *window = gtk_window_new ();

  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_set_child (GTK_WINDOW (window), page);
  g_object_set (page, "store", f->store, "process", f->process, NULL);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
destroy_window (GtkWidget *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* Runs the main loop until the page's count has ended. */
static void
wait_for_count (PbResultsPage *page)
{
  while (pb_results_page_get_counting (page))
    g_main_context_iteration (NULL, TRUE);
}

static void
close_voting (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pb_store_set_phase (f->store, f->process, PB_PHASE_CLOSED, NULL, &error));
  g_assert_no_error (error);
}

/* pb_count() of the process under @rule with its recorded options. */
static PbOutcome *
count_directly (Fixture *f,
                PbRule   rule)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbElection) election = pb_store_load_election (f->store, f->process, &error);
  PbCountOptions options;
  PbOutcome *outcome;

  g_assert_no_error (error);
  g_assert_true (pb_store_get_count_options (f->store, f->process, &options, &error));
  g_assert_no_error (error);
  options.rule = rule;
  outcome = pb_count (election, &options, &error);
  g_assert_no_error (error);
  return outcome;
}

/* Every row of the page's table agrees with @expected. */
static void
check_rows (PbResultsPage   *page,
            const PbOutcome *expected)
{
  GListModel *rows = pb_results_page_get_rows (page);
  const PbElection *election = pb_results_page_get_election (page);
  guint n = g_list_model_get_n_items (rows);

  g_assert_nonnull (election);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (projects));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbResultsRow) row = g_list_model_get_item (rows, i);
      guint index = pb_results_row_get_index (row);
      const PbProjectOutcome *po = &expected->projects[index];
      g_autofree char *why = pb_results_explain_project (election, expected, index, "EUR");

      g_assert_cmpstr (pb_results_row_get_title (row), ==, election->projects[index].name);
      g_assert_cmpint (pb_results_row_get_funded (row), ==, po->funded);
      g_assert_cmpuint (pb_results_row_get_supporters (row), ==, po->supporters);
      g_assert_cmpuint (pb_results_row_get_position (row), ==, po->position);
      g_assert_cmpstr (pb_results_row_get_explanation (row), ==, why);
      g_assert_nonnull (pb_results_row_get_cost_text (row));
      g_assert_nonnull (strstr (pb_results_row_get_cost_text (row), "000"));
    }
}

static void
test_voting_open (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *page = pb_results_page_new ();
  GtkWidget *window = page_in_window (page, f);
  guint64 seed;

  /* No count, and no seed drawn, while residents are voting. */
  pb_results_page_count (PB_RESULTS_PAGE (page));
  g_assert_false (pb_results_page_get_counting (PB_RESULTS_PAGE (page)));
  g_assert_null (pb_results_page_get_outcome (PB_RESULTS_PAGE (page)));
  g_assert_false (pb_store_get_lot_seed (f->store, f->process, &seed));
  g_assert_false (gtk_widget_activate_action (page, "results.count", NULL)
                  && pb_results_page_get_counting (PB_RESULTS_PAGE (page)));

  /* Closing the vote makes counting possible, but the first count waits
   * for the officer, since it records the seed. */
  close_voting (f);
  g_assert_false (pb_results_page_get_counting (PB_RESULTS_PAGE (page)));
  g_assert_false (pb_store_get_lot_seed (f->store, f->process, &seed));

  /* A draft process: the page follows the rule Setup records. */
  {
    g_autoptr(GError) error = NULL;
    PbProcess *draft = pb_store_create_process (f->store, "Draft Fund", "EUR", "500", &error);

    g_assert_no_error (error);
    g_object_set (page, "process", draft, NULL);
    g_assert_true (pb_store_edit_process (f->store, draft, &error, "counting-rule", "mes-cost", NULL));
    g_assert_no_error (error);
    g_assert_cmpint (pb_results_page_get_rule (PB_RESULTS_PAGE (page)), ==, PB_RULE_MES_COST);
    g_assert_true (pb_store_edit_process (f->store, draft, &error, "counting-rule", "phragmen", NULL));
    g_assert_no_error (error);
    g_assert_cmpint (pb_results_page_get_rule (PB_RESULTS_PAGE (page)), ==, PB_RULE_PHRAGMEN);
  }

  g_object_set (page, "process", NULL, NULL);
  destroy_window (window);
}

static void
test_count_and_compare (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *page;
  GtkWidget *window;
  PbResultsPage *results;
  g_autoptr(PbOutcome) greedy = NULL;
  g_autoptr(PbOutcome) shares = NULL;
  const PbOutcome *outcome;
  GListModel *compare_rows;
  guint64 seed = 0;
  guint differences = 0;

  close_voting (f);
  page = pb_results_page_new ();
  window = page_in_window (page, f);
  results = PB_RESULTS_PAGE (page);

  /* The process's own rule is chosen first. */
  g_assert_cmpint (pb_results_page_get_rule (results), ==, PB_RULE_GREEDY_COST);
  g_assert_cmpint (pb_results_page_get_compare_rule (results), !=, PB_RULE_GREEDY_COST);

  g_assert_true (gtk_widget_activate_action (page, "results.count", NULL));
  /* The seed is recorded before the count runs. */
  g_assert_true (pb_store_get_lot_seed (f->store, f->process, &seed));
  g_assert_true (pb_results_page_get_counting (results));
  wait_for_count (results);

  outcome = pb_results_page_get_outcome (results);
  g_assert_nonnull (outcome);
  g_assert_cmpint (outcome->rule, ==, PB_RULE_GREEDY_COST);
  g_assert_cmpint (outcome->tie_break, ==, PB_TIE_BREAK_DEFAULT);
  g_assert_cmpuint (outcome->seed, ==, seed);
  g_assert_cmpuint (outcome->n_voters, ==, 10);
  greedy = count_directly (f, PB_RULE_GREEDY_COST);
  check_rows (results, greedy);
  /* Greedy funds the park and the skate park, the whole budget. */
  g_assert_true (greedy->projects[0].funded && greedy->projects[2].funded);
  g_assert_false (greedy->projects[1].funded || greedy->projects[3].funded);

  /* Another rule counts again at once, with the same seed. */
  pb_results_page_set_rule (results, PB_RULE_MES_COST);
  pb_results_page_set_compare_rule (results, PB_RULE_GREEDY_COST);
  g_assert_true (pb_results_page_get_counting (results));
  wait_for_count (results);
  outcome = pb_results_page_get_outcome (results);
  g_assert_cmpint (outcome->rule, ==, PB_RULE_MES_COST);
  g_assert_cmpuint (outcome->seed, ==, seed);
  shares = count_directly (f, PB_RULE_MES_COST);
  check_rows (results, shares);

  /* The comparison: rule A is equal shares, rule B greedy. */
  g_assert_nonnull (pb_results_page_get_compare_outcome (results));
  g_assert_cmpint (pb_results_page_get_compare_outcome (results)->rule, ==, PB_RULE_GREEDY_COST);
  compare_rows = pb_results_page_get_compare_rows (results);
  g_assert_cmpuint (g_list_model_get_n_items (compare_rows), ==, G_N_ELEMENTS (projects));
  for (guint i = 0; i < g_list_model_get_n_items (compare_rows); i++)
    {
      g_autoptr(PbResultsRow) row = g_list_model_get_item (compare_rows, i);
      guint index = pb_results_row_get_index (row);
      gboolean a = shares->projects[index].funded;
      gboolean b = greedy->projects[index].funded;
      PbResultsDifference expected = a && b ? PB_RESULTS_DIFFERENCE_BOTH
                                     : a ? PB_RESULTS_DIFFERENCE_ONLY_A
                                     : b ? PB_RESULTS_DIFFERENCE_ONLY_B
                                     : PB_RESULTS_DIFFERENCE_NEITHER;

      g_assert_cmpint (pb_results_row_get_funded (row), ==, a);
      g_assert_cmpint (pb_results_row_get_other_funded (row), ==, b);
      g_assert_cmpint (pb_results_row_get_difference (row), ==, expected);
      differences += expected == PB_RESULTS_DIFFERENCE_ONLY_A || expected == PB_RESULTS_DIFFERENCE_ONLY_B;
    }
  /* Equal shares gives the four residents of the library and the trees
   * something; greedy does not. */
  g_assert_cmpuint (differences, >, 0);
  g_assert_true (shares->projects[1].funded || shares->projects[3].funded);

  /* The same rule twice is counted once, and nothing differs. */
  pb_results_page_set_compare_rule (results, PB_RULE_MES_COST);
  wait_for_count (results);
  g_assert_true (pb_results_page_get_compare_outcome (results) == pb_results_page_get_outcome (results));
  for (guint i = 0; i < g_list_model_get_n_items (compare_rows); i++)
    {
      g_autoptr(PbResultsRow) row = g_list_model_get_item (compare_rows, i);
      PbResultsDifference difference = pb_results_row_get_difference (row);

      g_assert_true (difference == PB_RESULTS_DIFFERENCE_BOTH || difference == PB_RESULTS_DIFFERENCE_NEITHER);
    }

  /* Every view can be shown. */
  pb_results_page_set_view (results, "chart");
  pb_results_page_set_view (results, "compare");
  pb_results_page_set_view (results, "ballots");
  pb_results_page_set_view (results, "table");

  g_object_set (page, "process", NULL, NULL);
  g_assert_null (pb_results_page_get_outcome (results));
  destroy_window (window);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *page;
  GtkWidget *window;
  PbResultsPage *results;

  close_voting (f);
  page = pb_results_page_new ();
  window = page_in_window (page, f);
  results = PB_RESULTS_PAGE (page);

  pb_results_page_count (results);
  g_assert_true (pb_results_page_get_counting (results));
  g_assert_true (gtk_widget_activate_action (page, "results.cancel", NULL));
  g_assert_false (pb_results_page_get_counting (results));
  g_assert_null (pb_results_page_get_outcome (results));

  /* Counting again after a cancel works. */
  pb_results_page_count (results);
  wait_for_count (results);
  g_assert_nonnull (pb_results_page_get_outcome (results));

  /* A page closed in the middle of a count goes at once. */
  pb_results_page_count (results);
  g_assert_true (pb_results_page_get_counting (results));
  g_object_set (page, "process", NULL, NULL);
  destroy_window (window);
}

/* Asks to publish and gives the confirmation dialog @response. */
static void
answer_dialog (GtkWidget  *page,
               const char *response)
{
  GListModel *toplevels = NULL;   /* transfer none */
  g_autoptr(AdwMessageDialog) dialog = NULL;

  g_assert_true (gtk_widget_activate_action (page, "results.publish", NULL));
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel))
        g_set_object (&dialog, ADW_MESSAGE_DIALOG (toplevel));
    }
  g_assert_nonnull (dialog);
  /* The dialog closes itself once answered. */
  adw_message_dialog_response (dialog, response);
}

static void
test_publish (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *page;
  GtkWidget *window;
  PbResultsPage *results;

  close_voting (f);
  page = pb_results_page_new ();
  window = page_in_window (page, f);
  results = PB_RESULTS_PAGE (page);

  /* Publishing needs a result to look at first. */
  g_assert_false (gtk_widget_activate_action (page, "results.publish", NULL)
                  && pb_process_get_phase (f->process) == PB_PHASE_PUBLISHED);
  pb_results_page_count (results);
  wait_for_count (results);

  /* Cancel first: nothing changes. */
  answer_dialog (page, "cancel");
  g_assert_cmpint (pb_process_get_phase (f->process), ==, PB_PHASE_CLOSED);
  answer_dialog (page, "publish");
  g_assert_cmpint (pb_process_get_phase (f->process), ==, PB_PHASE_PUBLISHED);
  g_assert_true (pb_process_is_read_only (f->process));

  /* Published: the result stays, counting still works, publishing again
   * does not. */
  g_assert_nonnull (pb_results_page_get_outcome (results));
  g_assert_false (gtk_widget_activate_action (page, "results.publish", NULL)
                  && pb_process_get_phase (f->process) != PB_PHASE_PUBLISHED);

  g_object_set (page, "process", NULL, NULL);
  destroy_window (window);
}

static void
toast_cb (PbPage   *page,
          AdwToast *toast,
          char    **out_title)
{
  g_free (*out_title);
  *out_title = g_strdup (adw_toast_get_title (toast));
}

/* A tie-breaking chain Pb does not know: the count is refused with a
 * message naming it, and no seed is drawn. */
static void
test_unknown_chain (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *page;
  GtkWidget *window;
  g_autofree char *message = NULL;
  guint64 seed;

  close_voting (f);
  page = pb_results_page_new ();
  window = page_in_window (page, f);
  g_signal_connect (page, "add-toast", G_CALLBACK (toast_cb), &message);

  pb_results_page_count (PB_RESULTS_PAGE (page));
  g_assert_false (pb_results_page_get_counting (PB_RESULTS_PAGE (page)));
  g_assert_null (pb_results_page_get_outcome (PB_RESULTS_PAGE (page)));
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "coin"));
  g_assert_false (pb_store_get_lot_seed (f->store, f->process, &seed));

  g_object_set (page, "process", NULL, NULL);
  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/results/voting-open", test_voting_open);
  ADD ("/results/count-and-compare", test_count_and_compare);
  ADD ("/results/cancel", test_cancel);
  ADD ("/results/publish", test_publish);
#undef ADD
  g_test_add ("/results/unknown-chain", Fixture, "coin", fixture_setup, test_unknown_chain, fixture_teardown);

  return g_test_run ();
}
