/* test-store-audit.c: the audit chain records every change, and any edit
 * made outside Pb (here with raw SQL through a second connection, as with
 * the sqlite3 shell) makes pb_store_verify() fail, naming what changed. */

#include "store-test-util.h"

#include <string.h>

typedef struct {
  const char *name;
  const char *sql;
  int         code;
  const char *named;   /* what the message must name; "%UUID%" is the second ballot */
} Tamper;

static const Tamper tampers[] = {
  { "ballot-choices", "UPDATE ballots SET choices = (SELECT choices FROM ballots WHERE id = 1) WHERE id = 2;",
    PB_AUDIT_ERROR_BALLOT_ALTERED, "%UUID%" },
  { "ballot-time", "UPDATE ballots SET cast_time = cast_time + 1 WHERE id = 2;",
    PB_AUDIT_ERROR_BALLOT_ALTERED, "%UUID%" },
  { "ballot-deleted", "DELETE FROM ballots WHERE id = 2;", PB_AUDIT_ERROR_BALLOT_MISSING, "%UUID%" },
  { "ballot-added", "INSERT INTO ballots (uuid, process_id, kiosk_id, method, cast_time, choices, receipt)"
    " SELECT 'aaaaaaaa-0000-4000-8000-000000000000', process_id, kiosk_id, method, cast_time, choices, receipt"
    " FROM ballots WHERE id = 1;", PB_AUDIT_ERROR_BALLOT_UNRECORDED, "aaaaaaaa-0000-4000-8000-000000000000" },
  { "audit-summary", "UPDATE audit SET summary = 'nothing happened' WHERE seq = 5;",
    PB_AUDIT_ERROR_ENTRY_ALTERED, "entry 5" },
  { "audit-deleted", "DELETE FROM audit WHERE seq = 5;", PB_AUDIT_ERROR_CHAIN_BROKEN, "entry 6" },
  { "project-cost", "UPDATE projects SET cost = '1' WHERE id = 2;", PB_AUDIT_ERROR_ROW_ALTERED, "project 2" },
  { "process-budget", "UPDATE processes SET budget = '999999';", PB_AUDIT_ERROR_ROW_ALTERED, "process 1" },
  { "code-used", "UPDATE voter_codes SET state = 'used' WHERE id = (SELECT min(id) FROM voter_codes"
    " WHERE state = 'issued');", PB_AUDIT_ERROR_CODES_MISMATCH, "Process 1" },
};

static char *
build_database (const char *dir,
                char      **out_uuid)
{
  g_autofree char *path = g_build_filename (dir, "base.db", NULL);
  g_autoptr(GError) error = NULL;
  PbStore *store = pb_store_open (path, &error);
  PbProcess *process;
  g_autoptr(GListModel) codes = NULL;
  g_autoptr(GListModel) audit = NULL;
  guint64 n_entries = 0;

  g_assert_no_error (error);
  process = make_process (store, PB_BALLOT_FORMAT_APPROVAL, PB_PHASE_VOTING);
  codes = pb_store_issue_voter_codes (store, process, 3, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PbVoterCode) code = g_list_model_get_item (codes, i);
      g_autoptr(PbBallotChoices) choices = pb_ballot_choices_new (PB_BALLOT_FORMAT_APPROVAL);
      g_autoptr(PbBallot) ballot = NULL;

      pb_ballot_choices_add (choices, project_id (process, i), 1);
      ballot = pb_store_cast_ballot (store, process, choices, PB_BALLOT_METHOD_KIOSK,
                                     i == 0 ? pb_voter_code_get_code (code) : NULL, &error);
      g_assert_no_error (error);
      if (i == 1)
        *out_uuid = g_strdup (pb_ballot_get_uuid (ballot));
    }

  g_assert_true (pb_store_verify (store, &n_entries, &error));
  g_assert_no_error (error);
  audit = pb_store_list_audit (store, NULL, &error);
  g_assert_cmpuint (g_list_model_get_n_items (audit), ==, n_entries);
  /* Every kind of change is there: the kiosk, the process, its projects,
   * the phase, codes, ballots and the code use. */
  {
    const char *kinds[] = { "kiosk", "process-create", "process-edit", "project-add", "project-status", "phase",
                            "codes-issue", "ballot", "code-used" };

    for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
      {
        gboolean found = FALSE;

        for (guint i = 0; i < n_entries && !found; i++)
          {
            g_autoptr(PbAuditEntry) entry = g_list_model_get_item (audit, i);

            found = g_str_equal (pb_audit_entry_get_kind (entry), kinds[k]);
            g_assert_cmpuint (pb_audit_entry_get_sequence (entry), ==, i + 1);
            g_assert_cmpuint (strlen (pb_audit_entry_get_hash (entry)), ==, 64);
          }
        if (!found)
          g_error ("no audit entry of kind %s", kinds[k]);
      }
  }
  g_assert_finalize_object (store);
  return g_steal_pointer (&path);
}

static void
test_tamper (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pb-audit-XXXXXX", &error);
  g_autofree char *uuid = NULL;
  g_autofree char *base = build_database (dir, &uuid);
  g_autofree char *contents = NULL;
  gsize length;

  g_file_get_contents (base, &contents, &length, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (tampers); i++)
    {
      const Tamper *t = &tampers[i];
      g_autofree char *path = g_build_filename (dir, t->name, NULL);
      g_autofree char *named = NULL;
      g_autoptr(GError) verify_error = NULL;
      PbStore *store;

      g_test_message ("tampering: %s", t->name);
      g_file_set_contents (path, contents, length, &error);
      g_assert_no_error (error);
      exec_raw (path, t->sql);

      store = pb_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_false (pb_store_verify (store, NULL, &verify_error));
      g_assert_error (verify_error, PB_AUDIT_ERROR, t->code);
      named = g_str_equal (t->named, "%UUID%") ? g_strdup (uuid) : g_strdup (t->named);
      if (strstr (verify_error->message, named) == NULL)
        g_error ("%s: message “%s” does not name “%s”", t->name, verify_error->message, named);
      g_assert_finalize_object (store);
    }
  remove_tree (dir);
}

static void
count_emission_cb (PbStore *store,
                   guint   *n)
{
  (*n)++;
}

/* Entries appended through another connection (as a worker thread or
 * `pbtool export` does) are announced by pb_store_notice_other_writers(),
 * once; other connections' writes without entries, and this
 * connection's own (announced at commit), are not announced again. */
static void
test_other_writers (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pb-audit-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "pb.db", NULL);
  PbStore *store = pb_store_open (path, &error);
  PbStore *other;
  PbProcess *mine, *theirs;
  guint n = 0;

  g_assert_no_error (error);
  mine = pb_store_create_process (store, "Elm Fund", "GBP", "100", &error);
  g_assert_no_error (error);
  other = pb_store_open (path, &error);
  g_assert_no_error (error);
  g_signal_connect (store, "audit-changed", G_CALLBACK (count_emission_cb), &n);

  /* The first call takes note of what is there. */
  g_assert_false (pb_store_notice_other_writers (store));
  g_assert_false (pb_store_notice_other_writers (store));
  g_assert_cmpuint (n, ==, 0);

  /* Another connection appends an entry: announced once. */
  theirs = pb_store_lookup_process (other, pb_process_get_id (mine));
  g_assert_true (pb_store_set_phase (other, theirs, PB_PHASE_PROPOSALS, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (pb_store_notice_other_writers (store));
  g_assert_cmpuint (n, ==, 1);
  g_assert_false (pb_store_notice_other_writers (store));
  g_assert_cmpuint (n, ==, 1);

  /* Another connection writes without an entry: nothing to announce. */
  exec_raw (path, "CREATE TABLE scratch (x);");
  g_assert_false (pb_store_notice_other_writers (store));
  g_assert_cmpuint (n, ==, 1);

  /* This connection's own entry is announced at its commit, not here. */
  g_assert_true (pb_store_set_phase (store, mine, PB_PHASE_REVIEW, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_false (pb_store_notice_other_writers (store));
  g_assert_cmpuint (n, ==, 2);

  g_signal_handlers_disconnect_by_func (store, count_emission_cb, &n);
  g_assert_finalize_object (other);
  g_assert_finalize_object (store);
  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/audit/tamper", test_tamper);
  g_test_add_func ("/store/audit/other-writers", test_other_writers);
  return g_test_run ();
}
