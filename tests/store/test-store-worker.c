/* test-store-worker.c: a long write on a worker's connection can be
 * cancelled and leaves nothing behind, and the main connection picks up
 * the process another connection created (pb-store-worker.h). */

#include "store-test-util.h"

#include "pb-pabulib.h"
#include "pb-store-election.h"
#include "pb-store-worker.h"

/* An approval election with @n_ballots ballots over three projects. */
static PbElection *
make_election (guint n_ballots)
{
  g_autoptr(GString) text = g_string_new ("META\nkey;value\ndescription;Oak Lane Fund\nbudget;1000\n"
                                          "vote_type;approval\nPROJECTS\nproject_id;cost;name\n"
                                          "1;300;Benches\n2;400;Trees\n3;500;Lights\nVOTES\nvoter_id;vote\n");
  g_autoptr(GError) error = NULL;
  PbElection *election;

  for (guint i = 0; i < n_ballots; i++)
    g_string_append_printf (text, "v%u;%u,%u\n", i, 1 + i % 3, 1 + (i + 1) % 3);
  election = pb_pabulib_read_data (text->str, text->len, &error);
  g_assert_no_error (error);
  return election;
}

static void
test_cancel_rolls_back (StoreFixture  *f,
                        gconstpointer  data)
{
  g_autoptr(PbElection) election = make_election (3000);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) audit_before = pb_store_list_audit (f->store, NULL, NULL);
  g_autoptr(GListModel) audit_after = NULL;
  guint n_processes = g_list_model_get_n_items (pb_store_list_processes (f->store));
  PbProcess *process;

  g_cancellable_cancel (cancellable);
  pb_store_set_cancellable (f->store, cancellable);
  process = pb_store_import_election (f->store, election, NULL, TRUE, &error);
  g_assert_null (process);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Nothing was written: no process, no audit entry, a sound chain. */
  g_assert_cmpuint (g_list_model_get_n_items (pb_store_list_processes (f->store)), ==, n_processes);
  audit_after = pb_store_list_audit (f->store, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (audit_after), ==, g_list_model_get_n_items (audit_before));
  g_assert_true (pb_store_verify (f->store, NULL, &error));
  g_assert_no_error (error);

  /* Without the cancellable the same import goes through. */
  pb_store_set_cancellable (f->store, NULL);
  process = pb_store_import_election (f->store, election, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pb_process_get_ballot_count (process), ==, 3000);
}

static void
test_adopt (StoreFixture  *f,
            gconstpointer  data)
{
  g_autoptr(PbElection) election = make_election (40);
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) worker = pb_store_open (f->path, &error);
  PbProcess *written, *adopted;

  g_assert_no_error (error);
  written = pb_store_import_election (worker, election, "Oak Lane Fund", TRUE, &error);
  g_assert_no_error (error);
  g_assert_null (pb_store_lookup_process (f->store, pb_process_get_id (written)));

  adopted = pb_store_adopt_process (f->store, pb_process_get_id (written), &error);
  g_assert_no_error (error);
  g_assert_nonnull (adopted);
  g_assert_true (pb_store_lookup_process (f->store, pb_process_get_id (written)) == adopted);
  g_assert_cmpstr (pb_process_get_name (adopted), ==, "Oak Lane Fund");
  g_assert_cmpstr (pb_process_get_budget (adopted), ==, "1000");
  g_assert_cmpuint (pb_process_get_ballot_count (adopted), ==, 40);
  g_assert_cmpuint (g_list_model_get_n_items (pb_process_list_projects (adopted)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (pb_process_list_ballot_projects (adopted)), ==, 3);

  /* Once held, the same object comes back; an unknown id is an error. */
  g_assert_true (pb_store_adopt_process (f->store, pb_process_get_id (written), &error) == adopted);
  g_assert_null (pb_store_adopt_process (f->store, 9999, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/worker/cancel-rolls-back", StoreFixture, NULL, store_fixture_set_up, test_cancel_rolls_back,
              store_fixture_tear_down);
  g_test_add ("/store/worker/adopt", StoreFixture, NULL, store_fixture_set_up, test_adopt, store_fixture_tear_down);

  return g_test_run ();
}
