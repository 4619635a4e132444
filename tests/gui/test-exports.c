/* test-exports.c: exporting a process (JSON, Pabulib, CSV, the PDF report)
 * writes complete files atomically, says clearly why a write failed, and
 * records the export in the audit log.  No display is needed. */

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pb-export-job.h"
#include "pb-integrity.h"
#include "pb-pabulib.h"
#include "pb-report.h"
#include "pb-store-election.h"
#include "pb-store-record.h"

typedef struct {
  char      *dir;
  char      *path;
  PbStore   *store;
  PbProcess *demo;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pb-exports-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "pb.db", NULL);
  f->store = pb_store_open (f->path, &error);
  g_assert_no_error (error);
  f->demo = pb_store_seed_demo (f->store, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static GBytes *
export_to (Fixture         *f,
           PbExportFormat   format,
           const char      *file_name,
           GError         **error)
{
  g_autofree char *path = g_build_filename (f->dir, file_name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PbCountOptions options;

  g_assert_true (pb_export_options_for_process (f->store, f->demo, &options, NULL));
  return pb_export_process_sync (f->store, f->demo, format, &options, file, NULL, error);
}

static void
test_file_names (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = pb_export_default_file_name (f->demo, PB_EXPORT_FORMAT_JSON);
  g_autofree char *pb = pb_export_default_file_name (f->demo, PB_EXPORT_FORMAT_PABULIB);
  g_autofree char *pdf = pb_export_default_file_name (f->demo, PB_EXPORT_FORMAT_REPORT);
  g_autofree char *csv = NULL;
  PbProcess *odd;

  g_assert_cmpstr (json, ==, "riverside-neighbourhood-fund-2026-results.json");
  g_assert_cmpstr (pb, ==, "riverside-neighbourhood-fund-2026.pb");
  g_assert_cmpstr (pdf, ==, "riverside-neighbourhood-fund-2026-report.pdf");

  odd = pb_store_create_process (f->store, "  Łódź: Fundusz / 2027 ", "PLN", "1000", &error);
  g_assert_no_error (error);
  csv = pb_export_default_file_name (odd, PB_EXPORT_FORMAT_CSV);
  g_assert_cmpstr (csv, ==, "lodz-fundusz-2027-results.csv");
}

/* The JSON holds the process, its projects, its ballots and a result
 * counted under the process's rule. */
static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = export_to (f, PB_EXPORT_FORMAT_JSON, "out.json", &error);
  g_autofree char *path = g_build_filename (f->dir, "out.json", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *process;
  JsonArray *projects, *results;

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  g_assert_true (json_parser_load_from_data (parser, contents, length, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  process = json_object_get_object_member (root, "process");
  g_assert_nonnull (process);
  projects = json_object_get_array_member (root, "projects");
  g_assert_cmpuint (json_array_get_length (projects), ==,
                    g_list_model_get_n_items (pb_process_list_ballot_projects (f->demo)));
  g_assert_true (json_object_has_member (root, "ballots"));
  results = json_object_get_array_member (root, "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 0), "rule"), ==,
                   pb_process_get_counting_rule (f->demo));
}

/* The Pabulib file reads back with every ballot of the process. */
static void
test_pabulib (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = export_to (f, PB_EXPORT_FORMAT_PABULIB, "out.pb", &error);
  g_autofree char *path = g_build_filename (f->dir, "out.pb", NULL);
  g_autoptr(PbElection) election = NULL;

  g_assert_no_error (error);
  election = pb_pabulib_read_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (election->n_ballots, ==, pb_process_get_ballot_count (f->demo));
  g_assert_cmpuint (election->n_projects, ==, g_list_model_get_n_items (pb_process_list_ballot_projects (f->demo)));
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = export_to (f, PB_EXPORT_FORMAT_CSV, "out.csv", &error);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_nonnull (strstr (text, "RF-01"));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >, 5);
}

static char *
run_tool (const char * const *argv)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &out, NULL, &status, &error))
    return NULL;
  return status == 0 ? g_steal_pointer (&out) : NULL;
}

/* The report is a PDF with numbered pages holding every project's title;
 * a process with many projects runs over several pages. */
static void
test_report (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = export_to (f, PB_EXPORT_FORMAT_REPORT, "report.pdf", &error);
  g_autofree char *path = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;
  g_autoptr(PbElection) election = NULL;
  g_autoptr(PbOutcome) outcome = NULL;
  g_autoptr(PbReport) report = NULL;
  g_autoptr(GBytes) again = NULL;
  PbCountOptions options;
  GListModel *projects;
  guint n_pages = 0;
  char *pages_line;

  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 1000);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 5, "%PDF-", 5);
  /* For looking at it: PB_TEST_REPORT_COPY=FILE keeps a copy. */
  if (g_getenv ("PB_TEST_REPORT_COPY") != NULL)
    g_file_set_contents (g_getenv ("PB_TEST_REPORT_COPY"), g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);

  g_assert_true (pb_export_options_for_process (f->store, f->demo, &options, NULL));
  election = pb_store_load_election (f->store, f->demo, &error);
  g_assert_no_error (error);
  outcome = pb_count (election, &options, &error);
  g_assert_no_error (error);
  report = pb_report_new (f->store, f->demo, election, outcome, &options);
  again = pb_report_render_pdf (report, &n_pages, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, >=, 2);

  if (!g_file_test ("/usr/bin/pdfinfo", G_FILE_TEST_IS_EXECUTABLE)
      || !g_file_test ("/usr/bin/pdftotext", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("pdfinfo and pdftotext (poppler-utils) are not installed");
      return;
    }

  info = run_tool ((const char *[]) { "/usr/bin/pdfinfo", path, NULL });
  g_assert_nonnull (info);
  pages_line = strstr (info, "Pages:");
  g_assert_nonnull (pages_line);
  g_assert_cmpuint (g_ascii_strtoull (pages_line + 6, NULL, 10), ==, n_pages);
  g_assert_nonnull (strstr (info, "A4"));

  text = run_tool ((const char *[]) { "/usr/bin/pdftotext", "-layout", path, "-", NULL });
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "Riverside Neighbourhood Fund 2026"));
  projects = pb_process_list_ballot_projects (f->demo);
  for (guint i = 0; i < g_list_model_get_n_items (projects); i++)
    {
      g_autoptr(PbProject) project = g_list_model_get_item (projects, i);
      /* A long title may wrap in its table cell: look for its start. */
      g_autofree char *start = g_strndup (pb_project_get_title (project), 18);

      if (strstr (text, start) == NULL)
        g_error ("“%s” is not in the report:\n%s", pb_project_get_title (project), text);
    }
  {
    g_autofree char *last_page = g_strdup_printf ("Page %u of %u", n_pages, n_pages);
    g_assert_nonnull (strstr (text, "Page 1 of"));
    g_assert_nonnull (strstr (text, last_page));
  }
  g_assert_nonnull (strstr (text, "Audit log intact"));
}

/* A process with many projects: the table and the chart run over several
 * pages, every title is printed, and the pages are numbered. */
static void
test_report_many_projects (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("META\nkey;value\ndescription;Big City Fund\nbudget;100000\n"
                                          "vote_type;approval\nPROJECTS\nproject_id;cost;name\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(PbElection) source = NULL;
  g_autoptr(PbElection) election = NULL;
  g_autoptr(PbOutcome) outcome = NULL;
  g_autoptr(PbReport) report = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *path = g_build_filename (f->dir, "big.pdf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *last = NULL;
  PbCountOptions options;
  PbProcess *process;
  guint n_pages = 0;

  for (guint i = 1; i <= 60; i++)
    g_string_append_printf (text, "%u;%u;Neighbourhood project number %u\n", i, 1000 + 37 * i, i);
  g_string_append (text, "VOTES\nvoter_id;vote\n");
  for (guint v = 0; v < 400; v++)
    g_string_append_printf (text, "v%u;%u,%u\n", v, 1 + v % 60, 1 + (v * 7) % 59);
  source = pb_pabulib_read_data (text->str, text->len, &error);
  g_assert_no_error (error);
  process = pb_store_import_election (f->store, source, NULL, TRUE, &error);
  g_assert_no_error (error);

  g_assert_true (pb_export_options_for_process (f->store, process, &options, &error));
  election = pb_store_load_election (f->store, process, &error);
  g_assert_no_error (error);
  outcome = pb_count (election, &options, &error);
  g_assert_no_error (error);
  report = pb_report_new (f->store, process, election, outcome, &options);
  pdf = pb_report_render_pdf (report, &n_pages, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, >=, 4);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));

  if (!g_file_test ("/usr/bin/pdftotext", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  out = run_tool ((const char *[]) { "/usr/bin/pdftotext", "-layout", path, "-", NULL });
  g_assert_nonnull (out);
  for (guint i = 1; i <= 60; i++)
    {
      g_autofree char *title = g_strdup_printf ("project number %u\n", i);
      g_autofree char *in_chart = g_strdup_printf ("project number %u ", i);

      /* In the table (where the title wraps) and in the chart. */
      if (strstr (out, title) == NULL && strstr (out, in_chart) == NULL)
        g_error ("project %u is missing from the report", i);
    }
  last = g_strdup_printf ("Page %u of %u", n_pages, n_pages);
  g_assert_nonnull (strstr (out, last));
}

/* A folder that does not exist: a clear message, nothing written. */
static void
test_write_error (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = export_to (f, PB_EXPORT_FORMAT_JSON, "missing/out.json", &error);
  g_autofree char *missing = g_build_filename (f->dir, "missing", NULL);

  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "out.json"));
  g_assert_nonnull (strstr (error->message, "nothing was written"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

/* Permission denied.  A folder without write permission stops everyone
 * but root; root is refused too by a folder of the kernel's (sysfs creates
 * no files, and says EACCES), so the test runs as root in CI as well. */
static void
test_permission_denied (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *locked = g_build_filename (f->dir, "locked", NULL);
  g_autofree char *path = NULL;
  PbCountOptions options;

  if (geteuid () != 0)
    {
      g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
      path = g_build_filename (locked, "out.csv", NULL);
    }
  else if (g_file_test ("/sys/kernel", G_FILE_TEST_IS_DIR))
    path = g_strdup ("/sys/out.csv");
  else
    {
      g_test_skip ("running as root without /sys: no folder refuses root");
      return;
    }
  file = g_file_new_for_path (path);
  g_assert_true (pb_export_options_for_process (f->store, f->demo, &options, NULL));
  bytes = pb_export_process_sync (f->store, f->demo, PB_EXPORT_FORMAT_CSV, &options, file, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, "out.csv"));
  g_assert_nonnull (strstr (error->message, "Choose another folder"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_chmod (locked, 0700);
}

/* A "folder" that is a file: the same clear message as a missing one. */
static void
test_not_directory (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *plain = g_build_filename (f->dir, "plain", NULL);
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (plain, "a file", -1, NULL));
  bytes = export_to (f, PB_EXPORT_FORMAT_JSON, "plain/out.json", &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "out.json"));
  g_assert_nonnull (strstr (error->message, "nothing was written"));
  g_assert_true (g_file_get_contents (plain, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "a file");
}

/* The names in the export folder, sorted, without the database's own. */
static char *
list_folder (Fixture *f)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (!g_str_has_prefix (name, "pb.db"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* A full disk (PB_TEST_DISK_SPACE, the export job's seam: the file stream
 * fails with ENOSPC after that many bytes).  For each format and for a
 * new file as for one already there: the translated message, no partial
 * or temporary file left, the old file byte for byte as it was, and no
 * audit entry for an export that did not happen. */
static void
test_no_space (Fixture       *f,
               gconstpointer  data)
{
  static const PbExportFormat formats[] = { PB_EXPORT_FORMAT_JSON, PB_EXPORT_FORMAT_REPORT, PB_EXPORT_FORMAT_CSV };
  static const char * const spaces[] = { "0", "1", "100" };
  g_autoptr(GListModel) before = NULL;
  g_autoptr(GListModel) after = NULL;
  g_autofree char *old_path = g_build_filename (f->dir, "old.pdf", NULL);
  g_autofree char *folder = NULL;
  PbCountOptions options;

  /* The lot seed is recorded (an audit entry) before the first export. */
  g_assert_true (pb_export_options_for_process (f->store, f->demo, &options, NULL));
  before = pb_store_list_audit (f->store, f->demo, NULL);
  g_assert_true (g_file_set_contents (old_path, "the report handed out yesterday", -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    for (guint j = 0; j < G_N_ELEMENTS (spaces); j++)
      for (guint existing = 0; existing < 2; existing++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GBytes) bytes = NULL;
          g_autofree char *contents = NULL;
          const char *name = existing ? "old.pdf" : "new-file";

          g_setenv ("PB_TEST_DISK_SPACE", spaces[j], TRUE);
          bytes = export_to (f, formats[i], name, &error);
          g_unsetenv ("PB_TEST_DISK_SPACE");

          g_assert_null (bytes);
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
          g_assert_nonnull (strstr (error->message, name));
          g_assert_nonnull (strstr (error->message, "not enough space"));
          g_assert_nonnull (strstr (error->message, "nothing was written"));

          g_assert_true (g_file_get_contents (old_path, &contents, NULL, NULL));
          g_assert_cmpstr (contents, ==, "the report handed out yesterday");
          g_free (folder);
          folder = list_folder (f);
          g_assert_cmpstr (folder, ==, "old.pdf");
        }

  after = pb_store_list_audit (f->store, f->demo, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, g_list_model_get_n_items (before));

  /* With room enough the same export goes through and replaces the file. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) bytes = NULL;
    g_autofree char *contents = NULL;
    gsize length;

    g_setenv ("PB_TEST_DISK_SPACE", "100000000", TRUE);
    bytes = export_to (f, PB_EXPORT_FORMAT_REPORT, "old.pdf", &error);
    g_unsetenv ("PB_TEST_DISK_SPACE");
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (old_path, &contents, &length, NULL));
    g_assert_cmpmem (contents, length, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    g_assert_true (g_str_has_prefix (contents, "%PDF"));
    g_free (folder);
    folder = list_folder (f);
    g_assert_cmpstr (folder, ==, "old.pdf");
  }
}

/* A cancelled export leaves the file that was there untouched. */
static void
test_cancel_keeps_old_file (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "old.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *contents = NULL;
  PbCountOptions options;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_cancellable_cancel (cancellable);
  g_assert_true (pb_export_options_for_process (f->store, f->demo, &options, NULL));
  bytes = pb_export_process_sync (f->store, f->demo, PB_EXPORT_FORMAT_JSON, &options, file, cancellable, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
}

/* Every export of a process counts the same way: same bytes twice. */
static void
test_deterministic (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = export_to (f, PB_EXPORT_FORMAT_JSON, "a.json", &error);
  g_autoptr(GBytes) second = NULL;

  g_assert_no_error (error);
  second = export_to (f, PB_EXPORT_FORMAT_JSON, "b.json", &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (first, second));
}

/* The asynchronous path, with progress reported in the main context. */
static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GBytes **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = pb_export_process_finish (result, &error);
  g_assert_no_error (error);
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  *last = fraction;
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "async.pb", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = NULL;
  PbCountOptions options;
  double last = 0;

  g_assert_true (pb_export_options_for_process (f->store, f->demo, &options, NULL));
  pb_export_process_async (f->store, f->demo, PB_EXPORT_FORMAT_PABULIB, &options, file, NULL,
                           progress_cb, &last, export_done_cb, &bytes);
  while (bytes == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpfloat (last, >, 0.0);
}

/* An export whose window closed (the window's store connection gone)
 * still writes its file and records it in the audit log: the job has a
 * connection of its own. */
static void
export_any_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GBytes **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = pb_export_process_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async_after_close (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "late.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GListModel) audit = NULL;
  g_autoptr(PbAuditEntry) last = NULL;
  g_autoptr(PbVerifySummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  guint n_before;
  gint64 id = pb_process_get_id (f->demo);
  PbCountOptions options;

  g_assert_true (pb_export_options_for_process (f->store, f->demo, &options, NULL));
  audit = pb_store_list_audit (f->store, f->demo, NULL);
  n_before = g_list_model_get_n_items (audit);
  g_clear_object (&audit);
  pb_export_process_async (f->store, f->demo, PB_EXPORT_FORMAT_JSON, &options, file, NULL,
                           NULL, NULL, export_any_done_cb, &bytes);
  /* The window closes: its store connection goes away at once. */
  g_clear_object (&f->store);
  while (bytes == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  f->store = pb_store_open (f->path, &error);
  g_assert_no_error (error);
  f->demo = pb_store_lookup_process (f->store, id);
  g_assert_nonnull (f->demo);
  audit = pb_store_list_audit (f->store, f->demo, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (audit), ==, n_before + 1);
  last = g_list_model_get_item (audit, g_list_model_get_n_items (audit) - 1);
  g_assert_cmpstr (pb_audit_entry_get_kind (last), ==, "export");
  g_assert_nonnull (strstr (pb_audit_entry_get_summary (last), "late.json"));
  summary = pb_verify_summary_compute (f->store);
  g_assert_true (summary->intact);
}

/* An export is an audit entry, and the chain stays intact. */
static void
test_record (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("{}\n", 3);
  g_autoptr(GListModel) before = pb_store_list_audit (f->store, f->demo, NULL);
  g_autoptr(GListModel) after = NULL;
  g_autoptr(PbAuditEntry) last = NULL;
  g_autoptr(PbVerifySummary) summary = NULL;
  g_autofree char *text = NULL;

  g_assert_true (pb_store_record_export (f->store, f->demo, "json", "out.json", bytes, &error));
  g_assert_no_error (error);
  after = pb_store_list_audit (f->store, f->demo, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, g_list_model_get_n_items (before) + 1);
  last = g_list_model_get_item (after, g_list_model_get_n_items (after) - 1);
  g_assert_cmpstr (pb_audit_entry_get_kind (last), ==, "export");
  g_assert_nonnull (strstr (pb_audit_entry_get_summary (last), "out.json"));

  summary = pb_verify_summary_compute (f->store);
  g_assert_true (summary->intact);
  g_assert_cmpstr (summary->head_hash, ==, pb_audit_entry_get_hash (last));
  g_assert_cmpuint (summary->n_ballots, ==, pb_process_get_ballot_count (f->demo));
  text = pb_verify_summary_describe (summary);
  g_assert_true (g_str_has_prefix (text, "Audit log intact — "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/exports/file-names", test_file_names);
  ADD ("/exports/json", test_json);
  ADD ("/exports/pabulib", test_pabulib);
  ADD ("/exports/csv", test_csv);
  ADD ("/exports/report", test_report);
  ADD ("/exports/report-many-projects", test_report_many_projects);
  ADD ("/exports/write-error", test_write_error);
  ADD ("/exports/permission-denied", test_permission_denied);
  ADD ("/exports/not-directory", test_not_directory);
  ADD ("/exports/no-space", test_no_space);
  ADD ("/exports/async-after-close", test_async_after_close);
  ADD ("/exports/cancel-keeps-old-file", test_cancel_keeps_old_file);
  ADD ("/exports/deterministic", test_deterministic);
  ADD ("/exports/async", test_async);
  ADD ("/exports/record", test_record);
#undef ADD

  return g_test_run ();
}
