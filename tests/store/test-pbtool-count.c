/* test-pbtool-count.c: `pbtool tally --database` gives the same outcome as
 * tallying the Pabulib file the process was imported from; the lot uses
 * the seed recorded for the process; `pbtool export` writes the JSON,
 * Pabulib and CSV exports (quoting included), never a voter code, and
 * records each export in the audit log; exit codes 0, 1 and 2. */

#include "store-test-util.h"

#include <string.h>
#include <sys/wait.h>

#include "pb-pabulib.h"
#include "pb-store-count.h"

static char *
shared_file (const char *name)
{
  const char *shared = g_getenv ("PB_SHARED_DIR");

  return g_build_filename (shared ? shared : "../shared", "pabulib", name, NULL);
}

/* The "seed" of the JSON result of `pbtool tally --format json`. */
static char *
json_seed (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *tie_breaking;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  tie_breaking = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "tie_breaking");
  return g_strdup (json_object_get_string_member (tie_breaking, "seed"));
}

static void
test_tally_database (void)
{
  static const char * const rules[] = {
    "greedy-cost", "greedy-card", "mes-cost", "mes-card", "mes-cost-add1", "mes-cost-add1-greedy", "phragmen",
    "utilitarian-max",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pb-tally-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "pb.db", NULL);
  g_autofree char *file = shared_file ("Poland_Warszawa_2019_Praga-Poludnie.pb");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *again = NULL;
  g_autofree char *from_file = NULL;
  g_autofree char *seed = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GListModel) audit = NULL;
  PbProcess *process;
  guint64 recorded = 0;
  guint n_seed_entries = 0;

  if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("the shared Pabulib files are not available");
      remove_tree (dir);
      return;
    }
  g_assert_cmpint (store_test_run_pbtool ((const char *[]) { "import", file, "--database", path, NULL }, NULL, NULL), ==, 0);

  /* The same outcome, byte for byte, in JSON and as text. */
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    for (guint f = 0; f < 2; f++)
      {
        const char *format = f == 0 ? "json" : "text";
        g_autofree char *a = NULL;
        g_autofree char *b = NULL;

        g_assert_cmpint (store_test_run_pbtool ((const char *[]) { "tally", file, "--rule", rules[i], "--tie-break", "lexico",
                                                        "--format", format, NULL }, &a, NULL), ==, 0);
        g_assert_cmpint (store_test_run_pbtool ((const char *[]) { "tally", "--database", path, "--rule", rules[i],
                                                        "--tie-break", "lexico", "--format", format, NULL },
                                     &b, NULL), ==, 0);
        g_assert_cmpstr (a, !=, "");
        g_assert_cmpstr (a, ==, b);
      }

  /* With a lot, the first count records a seed and every later count of
   * the process uses it; the file counted with that seed agrees. */
  g_assert_cmpint (store_test_run_pbtool ((const char *[]) { "tally", "--database", path, "--rule", "greedy-cost",
                                                  "--tie-break", "default", "--format", "json", NULL }, &out, &err),
                   ==, 0);
  g_assert_cmpint (store_test_run_pbtool ((const char *[]) { "tally", "--database", path, "--rule", "greedy-cost",
                                                  "--tie-break", "default", "--format", "json", NULL }, &again,
                               NULL), ==, 0);
  g_assert_cmpstr (out, ==, again);
  seed = json_seed (out);
  g_assert_nonnull (seed);
  g_assert_cmpint (store_test_run_pbtool ((const char *[]) { "tally", file, "--rule", "greedy-cost", "--tie-break", "default",
                                                  "--seed", seed, "--format", "json", NULL }, &from_file, NULL),
                   ==, 0);
  g_assert_cmpstr (out, ==, from_file);
  g_clear_pointer (&out, g_free);
  /* The text output shows it too. */
  g_assert_cmpint (store_test_run_pbtool ((const char *[]) { "tally", "--database", path, "--rule", "mes-cost",
                                                  "--tie-break", "default", NULL }, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, seed));

  store = pb_store_open (path, &error);
  g_assert_no_error (error);
  process = pb_store_lookup_process (store, 1);
  g_assert_nonnull (process);
  g_assert_true (pb_store_get_lot_seed (store, process, &recorded));
  g_assert_cmpuint (recorded, ==, g_ascii_strtoull (seed, NULL, 10));
  audit = pb_store_list_audit (store, process, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (audit); i++)
    {
      g_autoptr(PbAuditEntry) entry = g_list_model_get_item (audit, i);

      if (g_strcmp0 (pb_audit_entry_get_kind (entry), "lot-seed") == 0)
        {
          n_seed_entries++;
          g_assert_nonnull (strstr (pb_audit_entry_get_summary (entry), seed));
        }
    }
  g_assert_cmpuint (n_seed_entries, ==, 1);
  g_assert_true (pb_store_verify (store, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  remove_tree (dir);
}

/* Splits RFC 4180 text into rows of fields. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *c = text;

  while (*c != '\0')
    {
      if (*c == '"')
        {
          for (c++; *c != '\0'; c++)
            {
              if (*c == '"' && c[1] == '"')
                {
                  g_string_append_c (field, '"');
                  c++;
                }
              else if (*c == '"')
                break;
              else
                g_string_append_c (field, *c);
            }
          g_assert_cmpint (*c, ==, '"');
          c++;
          continue;
        }
      if (*c == ',')
        {
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
          c++;
          continue;
        }
      if (*c == '\r' && c[1] == '\n')
        {
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
          c += 2;
          continue;
        }
      /* A bare line break outside quotes breaks RFC 4180. */
      g_assert_cmpint (*c, !=, '\n');
      g_assert_cmpint (*c, !=, '\r');
      g_string_append_c (field, *c);
      c++;
    }
  g_assert_cmpuint (row->len, ==, 0);
  g_assert_cmpuint (field->len, ==, 0);
  g_ptr_array_unref (row);
  g_string_free (field, TRUE);
  return rows;
}

#define TRICKY_TITLE "Park, \"big\" trees\nand benches; a \"\"path\""

static void
test_export (void)
{
  StoreFixture f;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) codes = NULL;
  g_autoptr(GListModel) ballots = NULL;
  g_autoptr(GListModel) audit = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(PbElection) pabulib = NULL;
  g_autofree char *json_path = NULL;
  g_autofree char *json_again = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *pb_path = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json2 = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *csv_stdout = NULL;
  g_autofree char *pb = NULL;
  g_autofree char *kiosk_id = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *root;
  JsonArray *array;
  PbProcess *process;
  PbProject *tricky;
  guint n_exports = 0;
  gsize length = 0;
  gint64 tricky_id, process_id;
  const char *expected_keys[] = { "process", "projects", "ballots", "results" };

  store_fixture_set_up (&f, NULL);
  process = make_process (f.store, PB_BALLOT_FORMAT_APPROVAL, PB_PHASE_DRAFT);
  tricky = pb_store_add_project (f.store, process, &error, "title", TRICKY_TITLE, "cost", "50", "code", "P-4",
                                 NULL);
  g_assert_no_error (error);
  g_assert_true (pb_store_set_project_status (f.store, tricky, PB_PROJECT_STATUS_FEASIBLE, "ok", &error));
  tricky_id = pb_project_get_id (tricky);
  g_assert_true (pb_store_edit_process (f.store, process, &error, "voter-codes-required", TRUE, NULL));
  g_assert_no_error (error);
  g_assert_true (pb_store_set_phase (f.store, process, PB_PHASE_VOTING, "test", &error));
  codes = pb_store_issue_voter_codes (f.store, process, 4, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PbVoterCode) code = g_list_model_get_item (codes, i);
      g_autoptr(PbBallotChoices) choices = pb_ballot_choices_new (PB_BALLOT_FORMAT_APPROVAL);
      g_autoptr(PbBallot) ballot = NULL;

      pb_ballot_choices_add (choices, tricky_id, 1);
      if (i > 0)
        pb_ballot_choices_add (choices, project_id (process, i - 1), 1);
      ballot = pb_store_cast_ballot (f.store, process, choices, PB_BALLOT_METHOD_KIOSK,
                                     pb_voter_code_get_code (code), &error);
      g_assert_no_error (error);
    }
  ballots = pb_store_list_ballots (f.store, process, &error);
  g_assert_no_error (error);
  kiosk_id = g_strdup (pb_store_get_kiosk_id (f.store));
  process_id = pb_process_get_id (process);
  g_clear_object (&f.store);

  json_path = g_build_filename (f.dir, "export.json", NULL);
  json_again = g_build_filename (f.dir, "again.json", NULL);
  csv_path = g_build_filename (f.dir, "results.csv", NULL);
  pb_path = g_build_filename (f.dir, "process.pb", NULL);
  g_assert_cmpint (store_test_run_pbtool ((const char *[]) { "export", "--database", f.path, "--format", "json", "-o", json_path,
                                                  NULL }, NULL, NULL), ==, 0);
  g_assert_cmpint (store_test_run_pbtool ((const char *[]) { "export", "--database", f.path, "--format", "json", "-o",
                                                  json_again, NULL }, NULL, NULL), ==, 0);
  g_assert_cmpint (store_test_run_pbtool ((const char *[]) { "export", "--database", f.path, "--format", "csv", "-o", csv_path,
                                                  NULL }, NULL, NULL), ==, 0);
  g_assert_cmpint (store_test_run_pbtool ((const char *[]) { "export", "--database", f.path, "--format", "csv", NULL },
                               &csv_stdout, NULL), ==, 0);
  g_assert_cmpint (store_test_run_pbtool ((const char *[]) { "export", "--database", f.path, "--process", "Test fund",
                                                  "--format", "pb", "-o", pb_path, NULL }, NULL, NULL), ==, 0);

  /* The same data gives the same bytes. */
  g_file_get_contents (json_path, &json, &length, &error);
  g_assert_no_error (error);
  g_file_get_contents (json_again, &json2, NULL, &error);
  g_assert_cmpstr (json, ==, json2);

  /* No voter code, in any spelling, in any export. */
  g_file_get_contents (csv_path, &csv, NULL, &error);
  g_file_get_contents (pb_path, &pb, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
    {
      g_autoptr(PbVoterCode) code = g_list_model_get_item (codes, i);
      g_autofree char *bare = g_strdup (pb_voter_code_get_code (code));
      g_auto(GStrv) parts = g_strsplit (bare, "-", -1);

      g_assert_null (strstr (json, pb_voter_code_get_code (code)));
      g_assert_null (strstr (pb, pb_voter_code_get_code (code)));
      g_assert_null (strstr (csv, pb_voter_code_get_code (code)));
      g_free (bare);
      bare = g_strjoinv ("", parts);
      g_assert_null (strstr (json, bare));
      g_assert_null (strstr (pb, bare));
    }

  /* The JSON: keys in order, every ballot with its id, method, kiosk, time
   * and choices. */
  json_parser_load_from_data (parser, json, (gssize) length, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (root);
  g_assert_cmpuint (g_list_length (members), ==, G_N_ELEMENTS (expected_keys));
  for (guint i = 0; i < G_N_ELEMENTS (expected_keys); i++)
    g_assert_cmpstr (g_list_nth_data (members, i), ==, expected_keys[i]);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "process"), "name"), ==,
                   "Test fund");
  array = json_object_get_array_member (root, "ballots");
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *ballot = json_array_get_object_element (array, i);
      g_autoptr(PbBallot) stored = g_list_model_get_item (ballots, i);

      g_assert_cmpstr (json_object_get_string_member (ballot, "id"), ==, pb_ballot_get_uuid (stored));
      g_assert_cmpstr (json_object_get_string_member (ballot, "method"), ==, "kiosk");
      g_assert_cmpstr (json_object_get_string_member (ballot, "kiosk"), ==, kiosk_id);
      g_assert_true (g_str_has_suffix (json_object_get_string_member (ballot, "cast_at"), "Z"));
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ballot, "choices")), ==, i == 0 ? 1 : 2);
    }
  array = json_object_get_array_member (root, "results");
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "rule"), ==,
                   "greedy-cost");

  /* The CSV: RFC 4180, the tricky title intact, the same through stdout. */
  g_assert_cmpstr (csv, ==, csv_stdout);
  rows = parse_csv (csv);
  g_assert_cmpuint (rows->len, ==, 5);
  {
    GPtrArray *header = rows->pdata[0];
    GPtrArray *first = rows->pdata[1];

    g_assert_cmpstr (header->pdata[1], ==, "project_id");
    g_assert_cmpstr (header->pdata[2], ==, "name");
    for (guint r = 1; r < rows->len; r++)
      g_assert_cmpuint (((GPtrArray *) rows->pdata[r])->len, ==, header->len);
    /* Supported by all three ballots, it is funded first. */
    g_assert_cmpstr (first->pdata[1], ==, "P-4");
    g_assert_cmpstr (first->pdata[2], ==, TRICKY_TITLE);
  }

  /* The Pabulib file reads back with the title and the ballots. */
  pabulib = pb_pabulib_read_data (pb, strlen (pb), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pabulib->n_ballots, ==, 3);
  g_assert_cmpstr (pabulib->projects[pb_election_lookup_project (pabulib, "P-4")].name, ==, TRICKY_TITLE);

  /* Each export is in the audit log with the hash of its bytes. */
  f.store = pb_store_open (f.path, &error);
  g_assert_no_error (error);
  process = pb_store_lookup_process (f.store, process_id);
  audit = pb_store_list_audit (f.store, process, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (audit); i++)
    {
      g_autoptr(PbAuditEntry) entry = g_list_model_get_item (audit, i);

      if (g_strcmp0 (pb_audit_entry_get_kind (entry), "export") == 0)
        n_exports++;
    }
  g_assert_cmpuint (n_exports, ==, 5);
  g_assert_true (pb_store_verify (f.store, NULL, &error));
  g_assert_no_error (error);
  store_fixture_tear_down (&f, NULL);
}

typedef struct {
  int                 status;
  const char * const *args;
} Invocation;

static void
test_exit_codes (void)
{
  StoreFixture f;
  g_autoptr(GError) error = NULL;
  g_autofree char *missing_db = NULL;
  g_autofree char *missing_file = NULL;
  g_autofree char *bad_output = NULL;
  g_autofree char *file = shared_file ("Poland_Czestochowa_2020_Grabowka.pb");
  g_autoptr(PbBallotChoices) choices = NULL;
  g_autoptr(PbBallot) ballot = NULL;
  PbProcess *process;

  store_fixture_set_up (&f, NULL);
  process = make_process (f.store, PB_BALLOT_FORMAT_APPROVAL, PB_PHASE_VOTING);
  choices = pb_ballot_choices_new (PB_BALLOT_FORMAT_APPROVAL);
  pb_ballot_choices_add (choices, project_id (process, 0), 1);
  ballot = pb_store_cast_ballot (f.store, process, choices, PB_BALLOT_METHOD_KIOSK, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&f.store);
  missing_db = g_build_filename (f.dir, "missing.db", NULL);
  missing_file = g_build_filename (f.dir, "missing.pb", NULL);
  bad_output = g_build_filename (f.dir, "no-such-folder", "out.json", NULL);

  {
    const Invocation invocations[] = {
      { 0, (const char *[]) { "tally", "--database", f.path, NULL } },
      { 0, (const char *[]) { "export", "--database", f.path, "--format", "JSON", NULL } },
      { 0, (const char *[]) { "bench-count", "--repeat", "1", "--rules", "greedy-cost,mes-points", file, NULL } },
      /* Usage: 2. */
      { 2, (const char *[]) { "tally", NULL } },
      { 2, (const char *[]) { "tally", "--rule", "greedy-cost", NULL } },
      { 2, (const char *[]) { "tally", file, "--rule", "no-such-rule", NULL } },
      { 2, (const char *[]) { "tally", file, NULL } },
      { 2, (const char *[]) { "tally", file, "--rule", "greedy-cost", "--tie-break", "coin", NULL } },
      { 2, (const char *[]) { "tally", file, "--rule", "greedy-cost", "--format", "xml", NULL } },
      { 2, (const char *[]) { "tally", file, "--rule", "greedy-cost", "--seed", "minus one", NULL } },
      { 2, (const char *[]) { "tally", file, "--rule", "greedy-cost", "--process", "1", NULL } },
      { 2, (const char *[]) { "tally", "--database", f.path, "--seed", "7", NULL } },
      { 2, (const char *[]) { "tally", "--database", f.path, file, NULL } },
      { 2, (const char *[]) { "tally", "--no-such-option", NULL } },
      { 2, (const char *[]) { "export", NULL } },
      { 2, (const char *[]) { "export", "--database", f.path, NULL } },
      { 2, (const char *[]) { "export", "--database", f.path, "--format", "xml", NULL } },
      { 2, (const char *[]) { "export", "--database", f.path, "--format", "json", "--rule", "best", NULL } },
      { 2, (const char *[]) { "export", "--database", f.path, "--format", "json", "extra", NULL } },
      { 2, (const char *[]) { "bench-count", NULL } },
      /* Bad input: 1. */
      { 1, (const char *[]) { "tally", missing_file, "--rule", "greedy-cost", NULL } },
      { 1, (const char *[]) { "tally", "--database", missing_db, NULL } },
      { 1, (const char *[]) { "tally", "--database", f.path, "--process", "99", NULL } },
      { 1, (const char *[]) { "tally", "--database", f.path, "--rule", "greedy-points", NULL } },
      { 1, (const char *[]) { "export", "--database", missing_db, "--format", "json", NULL } },
      { 1, (const char *[]) { "export", "--database", f.path, "--process", "Nope", "--format", "csv", NULL } },
      { 1, (const char *[]) { "export", "--database", f.path, "--format", "json", "--rule", "mes-points", NULL } },
      { 1, (const char *[]) { "export", "--database", f.path, "--format", "json", "-o", bad_output, NULL } },
      { 1, (const char *[]) { "bench-count", missing_file, NULL } },
    };

    for (guint i = 0; i < G_N_ELEMENTS (invocations); i++)
      {
        g_autofree char *out = NULL;
        g_autofree char *err = NULL;
        g_autofree char *command = g_strjoinv (" ", (char **) invocations[i].args);
        int status;

        if (g_strcmp0 (invocations[i].args[0], "bench-count") == 0 && invocations[i].status == 0
            && !g_file_test (file, G_FILE_TEST_IS_REGULAR))
          continue;
        status = store_test_run_pbtool (invocations[i].args, &out, &err);

        g_test_message ("pbtool %s → %d", command, status);
        g_assert_cmpint (status, ==, invocations[i].status);
        if (status != 0)
          {
            /* A message on stderr, and nothing half-written on stdout. */
            g_assert_true (g_str_has_prefix (err, "pbtool: "));
            g_assert_cmpstr (out, ==, "");
          }
        else
          g_assert_cmpstr (out, !=, "");
        /* The benchmark measured the rule that applies and said which
         * does not. */
        if (status == 0 && g_strcmp0 (invocations[i].args[0], "bench-count") == 0)
          {
            g_assert_nonnull (strstr (out, "greedy-cost"));
            g_assert_nonnull (strstr (out, "mes-points"));
            g_assert_nonnull (strstr (out, "MB/s"));
          }
      }
  }
  g_assert_false (g_file_test (missing_db, G_FILE_TEST_EXISTS));
  store_fixture_tear_down (&f, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pbtool-count/tally-database", test_tally_database);
  g_test_add_func ("/pbtool-count/export", test_export);
  g_test_add_func ("/pbtool-count/exit-codes", test_exit_codes);
  return g_test_run ();
}
