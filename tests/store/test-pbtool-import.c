/* test-pbtool-import.c: `pbtool import` of shared Pabulib files, with and
 * without ballots, into a database that still verifies. */

#include "store-test-util.h"

#include <string.h>
#include <sys/wait.h>

#include "pb-pabulib.h"
#include "pb-store-election.h"

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
shared_file (const char *name)
{
  const char *shared = g_getenv ("PB_SHARED_DIR");

  return g_build_filename (shared ? shared : "../shared", "pabulib", name, NULL);
}

static void
test_import (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pb-import-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "pb.db", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.pb", NULL);
  g_autofree char *file = shared_file ("Poland_Warszawa_2019_Praga-Poludnie.pb");
  g_autoptr(PbElection) source = NULL;
  g_autoptr(PbElection) loaded = NULL;
  g_autoptr(PbProcess) with = NULL;
  g_autoptr(PbProcess) without = NULL;
  char *out = NULL, *err = NULL;
  PbStore *store;

  if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("the shared Pabulib files are not available");
      remove_tree (dir);
      return;
    }
  source = pb_pabulib_read_file (file, &error);
  g_assert_no_error (error);

  g_assert_cmpint (store_test_run_pbtool ((const char *[]) { "import", file, "--database", path, NULL }, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (store_test_run_pbtool ((const char *[]) { "import", file, "--database", path, "--without-ballots", NULL },
                               &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A file that is not Pabulib: exit 1, nothing added. */
  g_file_set_contents (bad, "META\nkey;value\nvote_type;approval\n", -1, &error);
  g_assert_cmpint (store_test_run_pbtool ((const char *[]) { "import", bad, "--database", path, NULL }, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "bad.pb"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (store_test_run_pbtool ((const char *[]) { "import", "--database", path, NULL }, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  store = pb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pb_store_list_processes (store)), ==, 2);
  with = g_list_model_get_item (pb_store_list_processes (store), 0);
  without = g_list_model_get_item (pb_store_list_processes (store), 1);
  g_assert_cmpint (pb_process_get_phase (with), ==, PB_PHASE_CLOSED);
  g_assert_cmpint (pb_process_get_phase (without), ==, PB_PHASE_DRAFT);
  g_assert_cmpuint (pb_process_get_ballot_count (with), ==, source->n_ballots);
  g_assert_cmpuint (pb_store_count_ballots (store, with, PB_BALLOT_METHOD_IMPORT), ==, source->n_ballots);
  g_assert_cmpuint (pb_process_get_ballot_count (without), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (pb_process_list_projects (without)), ==, source->n_projects);

  /* What is stored is what the file says: projects, costs, budget, ballots. */
  loaded = pb_store_load_election (store, with, &error);
  g_assert_no_error (error);
  g_assert_true (mpq_equal (loaded->budget, source->budget));
  g_assert_cmpuint (loaded->n_projects, ==, source->n_projects);
  for (guint i = 0; i < source->n_projects; i++)
    {
      int j = pb_election_lookup_project (loaded, source->projects[i].id);

      g_assert_cmpint (j, >=, 0);
      g_assert_true (mpq_equal (loaded->projects[j].cost, source->projects[i].cost));
      if (source->projects[i].name != NULL)
        g_assert_cmpstr (loaded->projects[j].name, ==, source->projects[i].name);
    }
  /* Approval ballots are sets: compare their sorted project ids. */
  g_assert_cmpint (source->vote_type, ==, PB_VOTE_TYPE_APPROVAL);
  for (guint b = 0; b < source->n_ballots; b++)
    {
      g_autoptr(GPtrArray) a = g_ptr_array_new ();
      g_autoptr(GPtrArray) c = g_ptr_array_new ();

      g_assert_cmpuint (loaded->ballots[b].n_choices, ==, source->ballots[b].n_choices);
      for (guint k = 0; k < source->ballots[b].n_choices; k++)
        {
          g_ptr_array_add (a, (gpointer) source->projects[pb_election_ballot_projects (source, b)[k]].id);
          g_ptr_array_add (c, (gpointer) loaded->projects[pb_election_ballot_projects (loaded, b)[k]].id);
        }
      g_ptr_array_sort (a, compare_strings);
      g_ptr_array_sort (c, compare_strings);
      for (guint k = 0; k < a->len; k++)
        g_assert_cmpstr (a->pdata[k], ==, c->pdata[k]);
    }
  g_assert_true (pb_store_verify (store, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&with);
  g_clear_object (&without);
  g_assert_finalize_object (store);
  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pbtool/import", test_import);
  return g_test_run ();
}
