/* test-store-process.c: processes, categories, projects, phases and the
 * freezing of rules, with the live objects the GUI binds to. */

#include "store-test-util.h"

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

/* The GUI binds to these lists: they must tell it about every change. */
static void
test_live_lists (StoreFixture  *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint processes_changed = 0, projects_changed = 0, ballot_changed = 0, count_notified = 0;
  PbProcess *process;
  PbProject *project;

  g_signal_connect (pb_store_list_processes (f->store), "items-changed", G_CALLBACK (items_changed_cb),
                    &processes_changed);
  process = pb_store_create_process (f->store, "Fund", "GBP", "100", &error);
  g_assert_cmpuint (processes_changed, ==, 1);
  g_signal_connect (pb_process_list_projects (process), "items-changed", G_CALLBACK (items_changed_cb),
                    &projects_changed);
  g_signal_connect (pb_process_list_ballot_projects (process), "items-changed", G_CALLBACK (items_changed_cb),
                    &ballot_changed);
  g_signal_connect (process, "notify::ballot-count", G_CALLBACK (count_notify_cb), &count_notified);

  project = pb_store_add_project (f->store, process, &error, "title", "Bench", "cost", "10", NULL);
  g_assert_cmpuint (projects_changed, ==, 1);
  g_assert_cmpuint (ballot_changed, ==, 0);
  g_assert_true (pb_store_set_project_status (f->store, project, PB_PROJECT_STATUS_FEASIBLE, NULL, &error));
  g_assert_cmpuint (ballot_changed, ==, 1);
  /* A failed write changes nothing and emits nothing. */
  g_assert_null (pb_store_add_project (f->store, process, &error, "title", "Bad", "cost", "-5", NULL));
  g_clear_error (&error);
  g_assert_cmpuint (projects_changed, ==, 1);

  g_assert_true (pb_store_set_phase (f->store, process, PB_PHASE_VOTING, NULL, &error));
  {
    g_autoptr(PbBallotChoices) choices = pb_ballot_choices_new (PB_BALLOT_FORMAT_APPROVAL);
    g_autoptr(PbBallot) ballot = NULL;

    pb_ballot_choices_add (choices, pb_project_get_id (project), 1);
    ballot = pb_store_cast_ballot (f->store, process, choices, PB_BALLOT_METHOD_KIOSK, NULL, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (count_notified, ==, 1);
  g_signal_handlers_disconnect_by_data (pb_store_list_processes (f->store), &processes_changed);
}

static void
test_create_edit (StoreFixture  *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PbProcess *process;
  guint notified = 0;

  g_assert_null (pb_store_create_process (f->store, "  ", "GBP", "100", &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (pb_store_create_process (f->store, "Fund", "GBP", "a lot", &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  process = pb_store_create_process (f->store, "Fund", "GBP", "1000.50", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_process_get_budget (process), ==, "1000.5");
  g_assert_cmpint (pb_process_get_phase (process), ==, PB_PHASE_DRAFT);
  g_assert_false (pb_process_is_frozen (process));

  g_signal_connect (process, "notify::budget", G_CALLBACK (count_notify_cb), &notified);
  g_assert_true (pb_store_edit_process (f->store, process, &error,
                                        "budget", "2000", "max-projects", 4, "min-projects", 1,
                                        "ballot-format", PB_BALLOT_FORMAT_KNAPSACK,
                                        "voter-codes-required", TRUE, NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (pb_process_get_budget (process), ==, "2000");
  g_assert_cmpuint (pb_process_get_max_projects (process), ==, 4);
  g_assert_true (pb_process_get_voter_codes_required (process));
  g_assert_cmpint (pb_process_get_ballot_format (process), ==, PB_BALLOT_FORMAT_KNAPSACK);
  {
    g_autofree char *limit = pb_process_dup_effective_cost_limit (process);
    g_assert_cmpstr (limit, ==, "2000");
  }

  /* All or nothing: one bad value changes nothing. */
  g_assert_false (pb_store_edit_process (f->store, process, &error, "name", "New name",
                                         "min-spent-percent", 150, NULL));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (pb_process_get_name (process), ==, "Fund");
  g_assert_false (pb_store_edit_process (f->store, process, &error, "min-projects", 5, NULL));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pb_store_edit_process (f->store, process, &error, "no-such-thing", 5, NULL));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_clear_error (&error);
}

static void
test_categories_projects (StoreFixture  *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PbProcess *process = pb_store_create_process (f->store, "Fund", "EUR", "1000", &error);
  PbCategory *parks, *streets;
  PbProject *a, *b;
  const char *groups[] = { "Old depot site", " ", "Old depot site", NULL };

  parks = pb_store_add_category (f->store, process, "Parks", "400", &error);
  g_assert_no_error (error);
  streets = pb_store_add_category (f->store, process, "Streets", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (pb_store_add_category (f->store, process, "Parks", NULL, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_cmpstr (pb_category_get_cap (parks), ==, "400");
  g_assert_cmpstr (pb_category_get_cap (streets), ==, "");

  a = pb_store_add_project (f->store, process, &error, "title", "Pond", "cost", "250.00",
                            "category-id", pb_category_get_id (parks),
                            "incompatibility-groups", groups, NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_project_get_cost (a), ==, "250");
  g_assert_cmpstr (pb_project_get_code (a), ==, "P1");
  g_assert_cmpuint (g_strv_length ((char **) pb_project_get_incompatibility_groups (a)), ==, 1);
  b = pb_store_add_project (f->store, process, &error, "title", "Car park", "cost", "300",
                            "code", "X7", NULL);
  g_assert_no_error (error);
  g_assert_null (pb_store_add_project (f->store, process, &error, "title", "No cost", NULL));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (pb_store_add_project (f->store, process, &error, "title", "Again", "cost", "1", "code", "X7",
                                       NULL));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_null (pb_store_add_project (f->store, process, &error, "title", "Float", "cost", "1e3", NULL));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (pb_store_edit_project (f->store, b, &error, "incompatibility-groups", groups, NULL));
  g_assert_true (pb_project_is_incompatible_with (a, b));
  g_assert_cmpuint (g_list_model_get_n_items (pb_process_list_projects (process)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (pb_process_list_ballot_projects (process)), ==, 0);

  g_assert_true (pb_store_set_project_status (f->store, a, PB_PROJECT_STATUS_FEASIBLE, "Costed", &error));
  g_assert_true (pb_store_set_project_status (f->store, b, PB_PROJECT_STATUS_INFEASIBLE, "Not council land",
                                              &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pb_project_get_status_reason (b), ==, "Not council land");
  g_assert_cmpuint (g_list_model_get_n_items (pb_process_list_ballot_projects (process)), ==, 1);

  /* Deleting a category leaves its projects without one. */
  g_assert_true (pb_store_delete_category (f->store, parks, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pb_project_get_category_id (a), ==, 0);
  g_assert_true (pb_store_delete_project (f->store, b, &error));
  g_assert_cmpuint (g_list_model_get_n_items (pb_process_list_projects (process)), ==, 1);

  /* Everything survives a reopen. */
  g_assert_finalize_object (f->store);
  f->store = pb_store_open (f->path, &error);
  g_assert_no_error (error);
  process = g_list_model_get_item (pb_store_list_processes (f->store), 0);
  g_object_unref (process);
  g_assert_cmpuint (g_list_model_get_n_items (pb_process_list_projects (process)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (pb_process_list_categories (process)), ==, 1);
  a = pb_process_lookup_project_by_code (process, "P1");
  g_assert_nonnull (a);
  g_assert_cmpint (pb_project_get_status (a), ==, PB_PROJECT_STATUS_FEASIBLE);
  g_assert_true (pb_store_verify (f->store, NULL, &error));
  g_assert_no_error (error);
}

static void
test_phases (StoreFixture  *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) history = NULL;
  PbProcess *process = pb_store_create_process (f->store, "Fund", "GBP", "500", &error);
  PbProject *project;

  /* Voting needs a feasible project. */
  g_assert_false (pb_store_set_phase (f->store, process, PB_PHASE_VOTING, NULL, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (pb_store_set_phase (f->store, process, PB_PHASE_PROPOSALS, "Call for ideas", &error));
  g_assert_false (pb_store_set_phase (f->store, process, PB_PHASE_DRAFT, NULL, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_ILLEGAL_PHASE);
  g_clear_error (&error);
  project = pb_store_add_project (f->store, process, &error, "title", "Bench", "cost", "50", NULL);
  g_assert_true (pb_store_set_project_status (f->store, project, PB_PROJECT_STATUS_FEASIBLE, NULL, &error));
  g_assert_true (pb_store_set_phase (f->store, process, PB_PHASE_VOTING, "Open", &error));
  g_assert_no_error (error);
  g_assert_true (pb_process_is_frozen (process));

  /* Frozen: rules, projects and costs are refused, naming the phase. */
  g_assert_false (pb_store_edit_process (f->store, process, &error, "budget", "600", NULL));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_FROZEN);
  g_assert_nonnull (strstr (error->message, "Voting"));
  g_clear_error (&error);
  g_assert_false (pb_store_edit_process (f->store, process, &error, "ballot-format", PB_BALLOT_FORMAT_RANKING,
                                         NULL));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_FROZEN);
  g_clear_error (&error);
  g_assert_false (pb_store_edit_project (f->store, project, &error, "cost", "60", NULL));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_FROZEN);
  g_clear_error (&error);
  g_assert_null (pb_store_add_project (f->store, process, &error, "title", "Late", "cost", "1", NULL));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_FROZEN);
  g_clear_error (&error);
  g_assert_false (pb_store_set_project_status (f->store, project, PB_PROJECT_STATUS_WITHDRAWN, NULL, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_FROZEN);
  g_clear_error (&error);
  g_assert_false (pb_store_delete_project (f->store, project, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_FROZEN);
  g_clear_error (&error);
  /* Setting an unchanged value is not a change; fixing a typo is allowed. */
  g_assert_true (pb_store_edit_process (f->store, process, &error, "budget", "500", "name", "Fund 2026", NULL));
  g_assert_true (pb_store_edit_project (f->store, project, &error, "title", "Park bench", NULL));
  g_assert_no_error (error);

  /* Closed → voting re-opens; publishing makes it read-only. */
  g_assert_true (pb_store_set_phase (f->store, process, PB_PHASE_CLOSED, "Polls closed", &error));
  g_assert_true (pb_store_set_phase (f->store, process, PB_PHASE_VOTING, "Re-opened after a power cut", &error));
  g_assert_true (pb_store_set_phase (f->store, process, PB_PHASE_CLOSED, NULL, &error));
  g_assert_true (pb_store_set_phase (f->store, process, PB_PHASE_PUBLISHED, "Results announced", &error));
  g_assert_no_error (error);
  g_assert_true (pb_process_is_read_only (process));
  g_assert_false (pb_store_set_phase (f->store, process, PB_PHASE_VOTING, NULL, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (pb_store_edit_process (f->store, process, &error, "name", "Other", NULL));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (pb_store_edit_project (f->store, project, &error, "title", "Other", NULL));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  /* Archiving stays possible. */
  g_assert_true (pb_store_edit_process (f->store, process, &error, "archived", TRUE, NULL));
  g_assert_no_error (error);

  history = pb_store_list_phase_changes (f->store, process, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 6);
  {
    g_autoptr(PbPhaseChange) change = g_list_model_get_item (history, 3);
    g_assert_cmpint (pb_phase_change_get_from (change), ==, PB_PHASE_CLOSED);
    g_assert_cmpint (pb_phase_change_get_to (change), ==, PB_PHASE_VOTING);
    g_assert_cmpstr (pb_phase_change_get_reason (change), ==, "Re-opened after a power cut");
    g_assert_nonnull (pb_phase_change_get_time (change));
  }
  g_assert_true (pb_store_verify (f->store, NULL, &error));
  g_assert_no_error (error);
}

static void
test_duplicate_delete (StoreFixture  *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PbProcess *process = make_process (f->store, PB_BALLOT_FORMAT_APPROVAL, PB_PHASE_VOTING);
  PbProcess *copy;
  g_autoptr(PbBallotChoices) choices = pb_ballot_choices_new (PB_BALLOT_FORMAT_APPROVAL);
  g_autoptr(PbBallot) ballot = NULL;

  copy = pb_store_duplicate_process (f->store, process, "Test fund 2027", &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_process_get_phase (copy), ==, PB_PHASE_DRAFT);
  g_assert_cmpuint (g_list_model_get_n_items (pb_process_list_projects (copy)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (pb_store_list_processes (f->store)), ==, 2);

  pb_ballot_choices_add (choices, project_id (process, 0), 1);
  ballot = pb_store_cast_ballot (f->store, process, choices, PB_BALLOT_METHOD_KIOSK, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (pb_store_delete_process (f->store, process, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_HAS_BALLOTS);
  g_clear_error (&error);

  g_assert_true (pb_store_delete_process (f->store, copy, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pb_store_list_processes (f->store)), ==, 1);
  g_assert_true (pb_store_verify (f->store, NULL, &error));
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add (path, StoreFixture, NULL, store_fixture_set_up, func, store_fixture_tear_down)
  ADD ("/store/process/create-edit", test_create_edit);
  ADD ("/store/process/live-lists", test_live_lists);
  ADD ("/store/process/categories-projects", test_categories_projects);
  ADD ("/store/process/phases", test_phases);
  ADD ("/store/process/duplicate-delete", test_duplicate_delete);
#undef ADD
  return g_test_run ();
}
