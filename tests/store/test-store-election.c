/* test-store-election.c: loading ballots into the counting engine's
 * PbElection, and creating a process from one (the Pabulib import path). */

#include "store-test-util.h"

#include <string.h>

#include "pb-store-election.h"

static void
cast (PbStore        *store,
      PbProcess      *process,
      const int      *indices,
      const guint    *points)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbBallotChoices) choices = pb_ballot_choices_new (pb_process_get_ballot_format (process));
  g_autoptr(PbBallot) ballot = NULL;

  for (guint i = 0; indices[i] >= 0; i++)
    pb_ballot_choices_add (choices, project_id (process, indices[i]), points ? points[i] : 1);
  ballot = pb_store_cast_ballot (store, process, choices, PB_BALLOT_METHOD_KIOSK, NULL, &error);
  g_assert_no_error (error);
}

static void
test_load (StoreFixture  *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PbProcess *approval = make_process (f->store, PB_BALLOT_FORMAT_APPROVAL, PB_PHASE_VOTING);
  PbProcess *ranking = make_process (f->store, PB_BALLOT_FORMAT_RANKING, PB_PHASE_VOTING);
  PbProcess *cumulative = make_process (f->store, PB_BALLOT_FORMAT_CUMULATIVE, PB_PHASE_DRAFT);
  g_autoptr(PbElection) e = NULL;
  mpq_t expected;

  cast (f->store, approval, (int[]) { 0, 2, -1 }, NULL);
  cast (f->store, approval, (int[]) { 1, -1 }, NULL);
  cast (f->store, approval, (int[]) { -1 }, NULL);
  e = pb_store_load_election (f->store, approval, &error);
  g_assert_no_error (error);
  g_assert_cmpint (e->vote_type, ==, PB_VOTE_TYPE_APPROVAL);
  g_assert_cmpuint (e->n_projects, ==, 3);
  g_assert_cmpstr (e->projects[2].id, ==, "P3");
  g_assert_cmpstr (e->projects[2].name, ==, "Project 3");
  mpq_init (expected);
  mpq_set_ui (expected, 300, 1);
  g_assert_true (mpq_equal (e->projects[2].cost, expected));
  mpq_set_ui (expected, 500, 1);
  g_assert_true (mpq_equal (e->budget, expected));
  mpq_clear (expected);
  g_assert_cmpuint (e->n_ballots, ==, 3);
  g_assert_cmpuint (e->ballots[0].n_choices, ==, 2);
  g_assert_cmpuint (pb_election_ballot_projects (e, 0)[1], ==, 2);
  g_assert_cmpuint (e->ballots[2].n_choices, ==, 0);
  g_clear_pointer (&e, pb_election_free);

  cast (f->store, ranking, (int[]) { 2, 0, 1, -1 }, NULL);
  e = pb_store_load_election (f->store, ranking, &error);
  g_assert_no_error (error);
  g_assert_cmpint (e->vote_type, ==, PB_VOTE_TYPE_ORDINAL);
  g_assert_cmpuint (pb_election_ballot_projects (e, 0)[0], ==, 2);
  g_assert_cmpuint (pb_election_ballot_projects (e, 0)[2], ==, 1);
  g_clear_pointer (&e, pb_election_free);

  g_assert_true (pb_store_edit_process (f->store, cumulative, &error, "points-total", 10, NULL));
  g_assert_true (pb_store_set_phase (f->store, cumulative, PB_PHASE_VOTING, NULL, &error));
  cast (f->store, cumulative, (int[]) { 1, 0, -1 }, (guint[]) { 7, 3 });
  e = pb_store_load_election (f->store, cumulative, &error);
  g_assert_no_error (error);
  g_assert_cmpint (e->vote_type, ==, PB_VOTE_TYPE_CUMULATIVE);
  g_assert_cmpstr (pb_election_get_meta (e, "max_sum_points"), ==, "10");
  /* Stored sorted by project: project 1 (3 points) then project 2 (7). */
  g_assert_cmpuint (pb_election_ballot_projects (e, 0)[0], ==, 0);
  g_assert_cmpint (pb_election_ballot_points (e, 0)[0], ==, 3);
  g_assert_cmpint (pb_election_ballot_points (e, 0)[1], ==, 7);
}

static PbElection *
make_election (void)
{
  PbElection *e = pb_election_new (PB_VOTE_TYPE_APPROVAL);
  g_autoptr(GError) error = NULL;
  const char *ids[] = { "L1", "L2", "L3" };
  const char *names[] = { "Library garden", NULL, "Street lights" };
  const char *categories[] = { "green,education", "green", "streets" };
  const char *costs[] = { "1200.50", "800", "2000" };
  mpq_t q;

  mpq_init (q);
  pb_decimal_parse ("3000", q, NULL);
  pb_election_set_budget (e, q);
  pb_election_set_meta (e, "description", "Small town 2024");
  pb_election_set_meta (e, "currency", "PLN");
  pb_election_set_meta (e, "max_length", "2");
  for (guint i = 0; i < 3; i++)
    {
      pb_decimal_parse (costs[i], q, NULL);
      g_assert_cmpint (pb_election_add_project (e, ids[i], q, names[i], categories[i], &error), ==, i);
    }
  mpq_clear (q);
  g_assert_cmpint (pb_election_add_ballot (e, "v1", (guint32[]) { 0, 2 }, NULL, 2, &error), ==, 0);
  g_assert_cmpint (pb_election_add_ballot (e, "v2", (guint32[]) { 1 }, NULL, 1, &error), ==, 1);
  g_assert_no_error (error);
  return e;
}

static void
test_import (StoreFixture  *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbElection) source = make_election ();
  g_autoptr(PbElection) back = NULL;
  PbProcess *with, *without;
  PbProject *l2;

  with = pb_store_import_election (f->store, source, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_process_get_name (with), ==, "Small town 2024");
  g_assert_cmpstr (pb_process_get_currency (with), ==, "PLN");
  g_assert_cmpstr (pb_process_get_budget (with), ==, "3000");
  g_assert_cmpuint (pb_process_get_max_projects (with), ==, 2);
  g_assert_cmpint (pb_process_get_phase (with), ==, PB_PHASE_CLOSED);
  g_assert_cmpuint (pb_process_get_ballot_count (with), ==, 2);
  g_assert_cmpuint (pb_store_count_ballots (f->store, with, PB_BALLOT_METHOD_IMPORT), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (pb_process_list_categories (with)), ==, 2);
  l2 = pb_process_lookup_project_by_code (with, "L2");
  g_assert_cmpstr (pb_project_get_title (l2), ==, "L2");   /* no name: the id */
  g_assert_cmpstr (pb_project_get_cost (pb_process_lookup_project_by_code (with, "L1")), ==, "1200.5");
  g_assert_cmpstr (pb_category_get_name (pb_process_lookup_category (with, pb_project_get_category_id (l2))), ==,
                   "green");

  /* The same election comes back out. */
  back = pb_store_load_election (f->store, with, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->n_projects, ==, 3);
  g_assert_cmpuint (back->n_ballots, ==, 2);
  g_assert_true (mpq_equal (back->budget, source->budget));
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpstr (back->projects[i].id, ==, source->projects[i].id);
      g_assert_true (mpq_equal (back->projects[i].cost, source->projects[i].cost));
    }
  g_assert_cmpuint (pb_election_ballot_projects (back, 0)[1], ==, 2);

  without = pb_store_import_election (f->store, source, "Without ballots", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_process_get_phase (without), ==, PB_PHASE_DRAFT);
  g_assert_cmpuint (pb_process_get_ballot_count (without), ==, 0);
  g_assert_true (pb_store_verify (f->store, NULL, &error));
  g_assert_no_error (error);
}

static void
test_import_invalid (StoreFixture  *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbElection) source = make_election ();

  /* A ballot longer than the file's own max_length is refused, and the
   * whole import with it. */
  g_assert_cmpint (pb_election_add_ballot (source, "v3", (guint32[]) { 0, 1, 2 }, NULL, 3, &error), ==, 2);
  g_assert_null (pb_store_import_election (f->store, source, NULL, TRUE, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "v3"));
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (pb_store_list_processes (f->store)), ==, 0);
  g_assert_true (pb_store_verify (f->store, NULL, &error));
  g_assert_no_error (error);
}

static void
test_import_zero_points (StoreFixture  *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbElection) source = pb_election_new (PB_VOTE_TYPE_CUMULATIVE);
  g_autoptr(GListModel) ballots = NULL;
  g_autoptr(PbBallot) ballot = NULL;
  PbProcess *process;
  mpq_t q;

  mpq_init (q);
  mpq_set_ui (q, 100, 1);
  pb_election_set_budget (source, q);
  mpq_set_ui (q, 60, 1);
  pb_election_add_project (source, "a", q, NULL, NULL, &error);
  pb_election_add_project (source, "b", q, NULL, NULL, &error);
  mpq_clear (q);
  pb_election_add_ballot (source, "v1", (guint32[]) { 0, 1 }, (gint64[]) { 3, 0 }, 2, &error);
  g_assert_no_error (error);

  process = pb_store_import_election (f->store, source, NULL, TRUE, &error);
  g_assert_no_error (error);
  ballots = pb_store_list_ballots (f->store, process, &error);
  ballot = g_list_model_get_item (ballots, 0);
  g_assert_cmpuint (pb_ballot_choices_get_n_entries (pb_ballot_get_choices (ballot)), ==, 1);
  g_assert_cmpuint (pb_ballot_choices_get_points (pb_ballot_get_choices (ballot), 0), ==, 3);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add (path, StoreFixture, NULL, store_fixture_set_up, func, store_fixture_tear_down)
  ADD ("/store/election/load", test_load);
  ADD ("/store/election/import", test_import);
  ADD ("/store/election/import-invalid", test_import_invalid);
  ADD ("/store/election/import-zero-points", test_import_zero_points);
#undef ADD
  return g_test_run ();
}
