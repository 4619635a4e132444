/* test-pbtool-workshop.c: `pbtool workshop status` and `pbtool workshop
 * export` on a real database: the export equals the core's record, and
 * every refusal has its exit code and message. */

#include "store-test-util.h"

#include <string.h>
#include <sys/wait.h>

#include "pb-workshop.h"

static void
test_status_and_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pb-pbtool-workshop-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "pb.db", NULL);
  g_autofree char *json_path = g_build_filename (dir, "workshop.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.db", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *written = NULL;
  g_autofree char *process_id = NULL;
  g_autofree char *bad_output = g_build_filename (dir, "no-such-folder", "w.json", NULL);
  PbStore *store = pb_store_open (path, &error);
  PbProcess *process;
  PbWorkshop *workshop;
  char *out = NULL, *err = NULL;
  gint64 ana, ben, idea;

  g_assert_no_error (error);
  process = pb_store_create_process (store, "Riverside ideas", "GBP", "5000", &error);
  g_assert_no_error (error);
  g_assert_nonnull (pb_store_create_process (store, "Second fund", "GBP", "100", &error));
  g_assert_no_error (error);
  g_assert_true (pb_store_set_phase (store, process, PB_PHASE_PROPOSALS, NULL, &error));
  g_assert_no_error (error);
  process_id = g_strdup_printf ("%" G_GINT64_FORMAT, pb_process_get_id (process));
  g_assert_finalize_object (store);

  /* No workshop yet. */
  g_assert_cmpint (store_test_run_pbtool ((const char *[]) { "workshop", "status", "--database", path, NULL }, &out, &err), ==,
                   1);
  g_assert_nonnull (strstr (err, "No process in the database holds a workshop"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  store = pb_store_open (path, &error);
  g_assert_no_error (error);
  process = pb_store_lookup_process (store, g_ascii_strtoll (process_id, NULL, 10));
  workshop = pb_store_start_workshop (store, process, &error);
  g_assert_no_error (error);
  g_assert_true (pb_store_workshop_configure (store, workshop, FALSE, FALSE, 2, &error));
  ana = pb_store_workshop_add_participant (store, workshop, "Ana", &error);
  ben = pb_store_workshop_add_participant (store, workshop, "Ben", &error);
  idea = pb_store_workshop_add_idea (store, workshop, ana, "A bench by the river", &error);
  g_assert_cmpint (pb_store_workshop_add_idea (store, workshop, ben, "Lights on the bridge", &error), >, 0);
  g_assert_true (pb_store_workshop_next_stage (store, workshop, &error));
  g_assert_true (pb_store_workshop_set_picked (store, workshop, idea, TRUE, &error));
  g_assert_true (pb_store_workshop_next_stage (store, workshop, &error));
  g_assert_true (pb_store_workshop_next_stage (store, workshop, &error));
  g_assert_true (pb_store_workshop_set_dots (store, workshop, ben, idea, 2, &error));
  g_assert_no_error (error);
  expected = pb_workshop_to_json (workshop, store);
  g_assert_finalize_object (store);

  g_assert_cmpint (store_test_run_pbtool ((const char *[]) { "workshop", "status", "-d", path, NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Workshop of “Riverside ideas”"));
  g_assert_nonnull (strstr (out, "Stage: Rank"));
  g_assert_nonnull (strstr (out, "Participants: 2, in 1 pairs"));
  g_assert_nonnull (strstr (out, "Ideas: 2, of which 1 picked"));
  g_assert_nonnull (strstr (out, "    2  A bench by the river"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Export to a file: the core's record, byte for byte. */
  g_assert_cmpint (store_test_run_pbtool ((const char *[]) { "workshop", "export", "--database", path, "--process", process_id,
                                                  "-o", json_path, NULL }, &out, &err), ==, 0);
  g_assert_true (g_file_get_contents (json_path, &written, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (written, ==, expected);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* And to the standard output, by the process's name. */
  g_assert_cmpint (store_test_run_pbtool ((const char *[]) { "workshop", "export", "-d", path, "-p", "Riverside ideas", NULL },
                               &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, expected));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Refusals. */
  g_assert_cmpint (store_test_run_pbtool ((const char *[]) { "workshop", "export", "-d", path, "-p", "Second fund", NULL },
                               &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "“Second fund” holds no workshop"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (store_test_run_pbtool ((const char *[]) { "workshop", "export", "-d", path, "-o", bad_output, NULL },
                               &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "Could not write"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (store_test_run_pbtool ((const char *[]) { "workshop", "export", "-d", missing, NULL }, &out, &err), ==, 1);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (store_test_run_pbtool ((const char *[]) { "workshop", "explode", "-d", path, NULL }, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "not a workshop command"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (store_test_run_pbtool ((const char *[]) { "workshop", "status", NULL }, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pbtool/workshop/status-and-export", test_status_and_export);
  return g_test_run ();
}
