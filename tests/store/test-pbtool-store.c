/* test-pbtool-store.c: `pbtool phase` and `pbtool verify` on real
 * databases: exit codes, messages, and refusals. */

#include "store-test-util.h"

#include <string.h>
#include <sys/wait.h>

static void
test_phase_and_verify (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pb-pbtool-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "pb.db", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.db", NULL);
  PbStore *store = pb_store_open (path, &error);
  char *out = NULL, *err = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (pb_store_seed_demo (store, &error));
  g_assert_finalize_object (store);

  g_assert_cmpint (store_test_run_pbtool ((const char *[]) { "verify", "--database", path, NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Intact"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (store_test_run_pbtool ((const char *[]) { "phase", "--database", path, "closed", "--reason", "Polls closed",
                                                  NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Voting → Closed"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Illegal move: exit 1 with a message. */
  g_assert_cmpint (store_test_run_pbtool ((const char *[]) { "phase", "--database", path, "review", NULL }, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "cannot go back"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Usage errors: exit 2. */
  g_assert_cmpint (store_test_run_pbtool ((const char *[]) { "phase", "--database", path, "sideways", NULL }, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (store_test_run_pbtool ((const char *[]) { "phase", "closed", NULL }, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (store_test_run_pbtool ((const char *[]) { "verify", "--database", missing, NULL }, &out, &err), ==, 1);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Re-open, then publish. */
  g_assert_cmpint (store_test_run_pbtool ((const char *[]) { "phase", "-d", path, "voting", NULL }, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Someone edits a ballot with the sqlite3 shell: verify names it. */
  exec_raw (path, "UPDATE ballots SET choices = '1' WHERE id = 3;");
  g_assert_cmpint (store_test_run_pbtool ((const char *[]) { "verify", "--database", path, NULL }, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "Ballot "));
  g_assert_nonnull (strstr (err, "row 3"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pbtool/phase-and-verify", test_phase_and_verify);
  return g_test_run ();
}
