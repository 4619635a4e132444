/* test-store-ballots.c: casting ballots, voter codes, a full disk and
 * paper ballots entered twice. */

#include "store-test-util.h"

#include <string.h>

static PbBallotChoices *
approve (PbProcess *process,
         guint      index)
{
  PbBallotChoices *choices = pb_ballot_choices_new (pb_process_get_ballot_format (process));

  pb_ballot_choices_add (choices, project_id (process, index), 1);
  return choices;
}

static void
test_cast (StoreFixture  *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PbProcess *process = make_process (f->store, PB_BALLOT_FORMAT_APPROVAL, PB_PHASE_REVIEW);
  g_autoptr(PbBallotChoices) choices = approve (process, 1);
  g_autoptr(PbBallot) ballot = NULL;
  g_autoptr(PbBallot) found = NULL;
  g_autoptr(GListModel) ballots = NULL;
  g_autoptr(GHashTable) by_kiosk = NULL;
  g_autofree char *lower = NULL;

  /* Not yet voting. */
  g_assert_null (pb_store_cast_ballot (f->store, process, choices, PB_BALLOT_METHOD_KIOSK, NULL, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_VOTING);
  g_assert_nonnull (strstr (error->message, "Review"));
  g_clear_error (&error);
  g_assert_true (pb_store_set_phase (f->store, process, PB_PHASE_VOTING, NULL, &error));

  ballot = pb_store_cast_ballot (f->store, process, choices, PB_BALLOT_METHOD_KIOSK, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (pb_ballot_get_uuid (ballot)));
  g_assert_cmpuint (strlen (pb_ballot_get_receipt (ballot)), ==, 9);
  g_assert_cmpstr (pb_ballot_get_kiosk_id (ballot), ==, pb_store_get_kiosk_id (f->store));
  g_assert_cmpuint (pb_process_get_ballot_count (process), ==, 1);
  g_assert_true (pb_ballot_choices_equal (pb_ballot_get_choices (ballot), choices));

  /* An invalid ballot is refused and nothing is stored. */
  {
    g_autoptr(PbBallotChoices) bad = pb_ballot_choices_new (PB_BALLOT_FORMAT_APPROVAL);

    pb_ballot_choices_add (bad, 424242, 1);
    g_assert_null (pb_store_cast_ballot (f->store, process, bad, PB_BALLOT_METHOD_KIOSK, NULL, &error));
    g_assert_error (error, PB_BALLOT_ERROR, PB_BALLOT_ERROR_UNKNOWN_PROJECT);
    g_clear_error (&error);
  }
  g_assert_null (pb_store_cast_ballot (f->store, process, choices, PB_BALLOT_METHOD_PAPER, "K7MX-Q4PR-X", &error));
  g_assert_error (error, PB_VOTER_CODE_ERROR, PB_VOTER_CODE_ERROR_MALFORMED);
  g_clear_error (&error);
  g_clear_object (&ballot);
  ballot = pb_store_cast_ballot (f->store, process, choices, PB_BALLOT_METHOD_PAPER, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (pb_store_count_ballots (f->store, process, PB_BALLOT_METHOD_ANY), ==, 2);
  g_assert_cmpuint (pb_store_count_ballots (f->store, process, PB_BALLOT_METHOD_KIOSK), ==, 1);
  g_assert_cmpuint (pb_store_count_ballots (f->store, process, PB_BALLOT_METHOD_IMPORT), ==, 0);
  by_kiosk = pb_store_count_ballots_by_kiosk (f->store, process);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (by_kiosk, pb_store_get_kiosk_id (f->store))), ==, 2);

  ballots = pb_store_list_ballots (f->store, process, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ballots), ==, 2);

  lower = g_ascii_strdown (pb_ballot_get_receipt (ballot), -1);
  found = pb_store_lookup_receipt (f->store, process, lower);
  g_assert_nonnull (found);
  g_assert_cmpstr (pb_ballot_get_uuid (found), ==, pb_ballot_get_uuid (ballot));

  /* Closed: no more ballots. */
  g_assert_true (pb_store_set_phase (f->store, process, PB_PHASE_CLOSED, NULL, &error));
  g_assert_null (pb_store_cast_ballot (f->store, process, choices, PB_BALLOT_METHOD_KIOSK, NULL, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_VOTING);
  g_clear_error (&error);
  g_assert_true (pb_store_verify (f->store, NULL, &error));
  g_assert_no_error (error);
}

static void
test_code_format (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < 2000; i++)
    {
      char *code = pb_voter_code_generate ();
      g_autofree char *normal = NULL;

      g_assert_cmpuint (strlen (code), ==, 9);
      g_assert_cmpint (code[4], ==, '-');
      for (guint j = 0; j < 9; j++)
        if (j != 4)
          g_assert_nonnull (strchr (PB_VOTER_CODE_ALPHABET, code[j]));
      g_assert_null (strpbrk (code, "01OIL"));
      normal = pb_voter_code_normalize (code, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (normal, ==, code);
      g_assert_false (g_hash_table_contains (seen, code));
      g_hash_table_add (seen, code);
    }

  {
    const char *inputs[] = { "k7mx q4pr", "K7MXQ4PR", " k7mx-q4pr ", "k7-mx-q4-pr" };

    for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
      {
        g_autofree char *normal = pb_voter_code_normalize (inputs[i], &error);

        g_assert_no_error (error);
        g_assert_cmpstr (normal, ==, "K7MX-Q4PR");
      }
  }
  {
    const char *bad[] = { "", "K7MX", "K7MX-Q4PRZ", "K0MX-Q4PR", "KOMX-Q4PR", "K1MX-Q4PR", "KLMX-Q4PR", "K7MX_Q4PR" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GError) bad_error = NULL;

        g_assert_null (pb_voter_code_normalize (bad[i], &bad_error));
        g_assert_error (bad_error, PB_VOTER_CODE_ERROR, PB_VOTER_CODE_ERROR_MALFORMED);
      }
  }
}

static void
test_codes (StoreFixture  *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PbProcess *process = make_process (f->store, PB_BALLOT_FORMAT_APPROVAL, PB_PHASE_DRAFT);
  g_autoptr(GListModel) batch1 = NULL;
  g_autoptr(GListModel) batch2 = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(PbBallotChoices) choices = NULL;
  g_autoptr(PbBallot) ballot = NULL;
  g_autoptr(PbVoterCode) first = NULL;
  g_autoptr(PbVoterCode) second = NULL;
  g_autofree char *typed = NULL;
  guint batch = 0, voided = 0;

  g_assert_true (pb_store_edit_process (f->store, process, &error, "voter-codes-required", TRUE, NULL));
  g_assert_true (pb_store_set_phase (f->store, process, PB_PHASE_VOTING, NULL, &error));
  batch1 = pb_store_issue_voter_codes (f->store, process, 5, &batch, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batch, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (batch1), ==, 5);
  batch2 = pb_store_issue_voter_codes (f->store, process, 3, &batch, &error);
  g_assert_cmpuint (batch, ==, 2);

  choices = approve (process, 0);
  g_assert_null (pb_store_cast_ballot (f->store, process, choices, PB_BALLOT_METHOD_KIOSK, NULL, &error));
  g_assert_error (error, PB_VOTER_CODE_ERROR, PB_VOTER_CODE_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_null (pb_store_cast_ballot (f->store, process, choices, PB_BALLOT_METHOD_KIOSK, "ABCD-EFGH", &error));
  g_assert_error (error, PB_VOTER_CODE_ERROR, PB_VOTER_CODE_ERROR_UNKNOWN);
  g_clear_error (&error);

  first = g_list_model_get_item (batch1, 0);
  typed = g_ascii_strdown (pb_voter_code_get_code (first), -1);
  g_strdelimit (typed, "-", ' ');
  g_assert_true (pb_store_check_voter_code (f->store, process, typed, &error));
  ballot = pb_store_cast_ballot (f->store, process, choices, PB_BALLOT_METHOD_KIOSK, typed, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ballot);
  g_clear_object (&ballot);
  g_assert_null (pb_store_cast_ballot (f->store, process, choices, PB_BALLOT_METHOD_KIOSK, typed, &error));
  g_assert_error (error, PB_VOTER_CODE_ERROR, PB_VOTER_CODE_ERROR_USED);
  g_clear_error (&error);
  g_assert_false (pb_store_check_voter_code (f->store, process, typed, &error));
  g_assert_error (error, PB_VOTER_CODE_ERROR, PB_VOTER_CODE_ERROR_USED);
  g_clear_error (&error);

  /* Void one, then the rest of batch 2. */
  second = g_list_model_get_item (batch1, 1);
  g_assert_true (pb_store_void_voter_code (f->store, process, pb_voter_code_get_code (second), &error));
  g_assert_null (pb_store_cast_ballot (f->store, process, choices, PB_BALLOT_METHOD_KIOSK,
                                       pb_voter_code_get_code (second), &error));
  g_assert_error (error, PB_VOTER_CODE_ERROR, PB_VOTER_CODE_ERROR_VOID);
  g_clear_error (&error);
  g_assert_true (pb_store_void_voter_code_batch (f->store, process, 2, &voided, &error));
  g_assert_cmpuint (voided, ==, 3);

  g_assert_cmpuint (pb_store_count_voter_codes (f->store, process, PB_VOTER_CODE_STATE_USED), ==, 1);
  g_assert_cmpuint (pb_store_count_voter_codes (f->store, process, PB_VOTER_CODE_STATE_VOID), ==, 4);
  g_assert_cmpuint (pb_store_count_voter_codes (f->store, process, PB_VOTER_CODE_STATE_ISSUED), ==, 3);
  all = pb_store_list_voter_codes (f->store, process, &error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 8);
  g_assert_cmpuint (pb_process_get_ballot_count (process), ==, 1);
  g_assert_true (pb_store_verify (f->store, NULL, &error));
  g_assert_no_error (error);
}

/* Nothing stored lets anyone tell which ballot a code was used for: the
 * code table has no column naming a ballot or a time, the ballot table
 * none naming a code, and no audit entry names a used code. */
static void
test_codes_unlinkable (StoreFixture  *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PbProcess *process = make_process (f->store, PB_BALLOT_FORMAT_APPROVAL, PB_PHASE_VOTING);
  g_autoptr(GListModel) codes = pb_store_issue_voter_codes (f->store, process, 4, NULL, &error);
  sqlite3 *db = pb_store_get_db (f->store);
  sqlite3_stmt *stmt;

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(PbVoterCode) code = g_list_model_get_item (codes, 3 - i);
      g_autoptr(PbBallotChoices) choices = approve (process, i % 3);
      g_autoptr(PbBallot) ballot = pb_store_cast_ballot (f->store, process, choices, PB_BALLOT_METHOD_KIOSK,
                                                         pb_voter_code_get_code (code), &error);
      g_assert_no_error (error);
    }

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT group_concat(name) FROM pragma_table_info('voter_codes');", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "id,process_id,code,batch,state");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT group_concat(name) FROM pragma_table_info('ballots');", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_null (strstr ((const char *) sqlite3_column_text (stmt, 0), "code"));
  sqlite3_finalize (stmt);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(PbVoterCode) code = g_list_model_get_item (codes, i);
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit WHERE subject LIKE '%%%s%%'"
                                              " OR summary LIKE '%%%s%%';",
                                              pb_voter_code_get_code (code), pb_voter_code_get_code (code));

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
      sqlite3_finalize (stmt);
    }
}

/* The disk fills up during a ballot write: SQLite reports SQLITE_FULL
 * (max_page_count stands in for a full file system), the ballot is not
 * half-written, the code is not consumed and the caller is told. */
static void
test_disk_full (StoreFixture  *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PbProcess *process = make_process (f->store, PB_BALLOT_FORMAT_APPROVAL, PB_PHASE_VOTING);
  g_autoptr(GListModel) codes = pb_store_issue_voter_codes (f->store, process, 1, NULL, &error);
  g_autoptr(PbVoterCode) code = g_list_model_get_item (codes, 0);
  g_autoptr(PbBallotChoices) choices = approve (process, 0);
  sqlite3 *db = pb_store_get_db (f->store);
  sqlite3_stmt *stmt;
  guint stored = 0;
  gboolean full = FALSE;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA page_count;", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  {
    g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %d;", sqlite3_column_int (stmt, 0) + 2);
    sqlite3_finalize (stmt);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }

  for (guint i = 0; i < 10000 && !full; i++)
    {
      g_autoptr(PbBallot) ballot = pb_store_cast_ballot (f->store, process, choices, PB_BALLOT_METHOD_KIOSK, NULL,
                                                         &error);
      if (ballot != NULL)
        stored++;
      else
        {
          g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_DISK_FULL);
          g_clear_error (&error);
          full = TRUE;
        }
    }
  g_assert_true (full);
  g_assert_cmpuint (pb_process_get_ballot_count (process), ==, stored);
  g_assert_cmpuint (pb_store_count_ballots (f->store, process, PB_BALLOT_METHOD_ANY), ==, stored);

  /* A ballot with a code: refused whole, the code still unused. */
  g_assert_null (pb_store_cast_ballot (f->store, process, choices, PB_BALLOT_METHOD_KIOSK,
                                       pb_voter_code_get_code (code), &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_DISK_FULL);
  g_clear_error (&error);
  g_assert_true (pb_store_check_voter_code (f->store, process, pb_voter_code_get_code (code), &error));
  g_assert_no_error (error);
  g_assert_true (pb_store_verify (f->store, NULL, &error));
  g_assert_no_error (error);

  /* Space again: voting goes on, and everything survives a reopen. */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA max_page_count = 1073741823;", NULL, NULL, NULL), ==, SQLITE_OK);
  {
    g_autoptr(PbBallot) ballot = pb_store_cast_ballot (f->store, process, choices, PB_BALLOT_METHOD_KIOSK,
                                                       pb_voter_code_get_code (code), &error);
    g_assert_no_error (error);
  }
  g_assert_finalize_object (f->store);
  f->store = pb_store_open (f->path, &error);
  g_assert_no_error (error);
  process = g_list_model_get_item (pb_store_list_processes (f->store), 0);
  g_object_unref (process);
  g_assert_cmpuint (pb_process_get_ballot_count (process), ==, stored + 1);
  g_assert_true (pb_store_verify (f->store, NULL, &error));
  g_assert_no_error (error);
}

static void
test_paper (StoreFixture  *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PbProcess *process = make_process (f->store, PB_BALLOT_FORMAT_APPROVAL, PB_PHASE_VOTING);
  g_autoptr(PbPaperBatch) batch = pb_store_paper_add_batch (f->store, process, "B-017", 3, &error);
  g_autoptr(GListModel) differences = NULL;
  g_autoptr(GListModel) batches = NULL;
  g_autoptr(PbPaperDifference) difference = NULL;

  g_assert_no_error (error);
  for (guint n = 1; n <= 3; n++)
    {
      g_autoptr(PbBallotChoices) choices = approve (process, n - 1);
      g_autoptr(PbBallotChoices) typo = approve (process, 0);

      g_assert_true (pb_store_paper_set_entry (f->store, batch, 1, "Alice", n, choices, &error));
      g_assert_true (pb_store_paper_set_entry (f->store, batch, 2, "Bob", n, n == 2 ? typo : choices, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (pb_paper_batch_get_entry_count (batch, 1), ==, 3);
  g_assert_cmpstr (pb_paper_batch_get_officer (batch, 2), ==, "Bob");
  {
    g_autoptr(PbBallotChoices) choices = approve (process, 0);

    g_assert_false (pb_store_paper_set_entry (f->store, batch, 1, "Alice", 4, choices, &error));
    g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  differences = pb_store_paper_list_differences (f->store, batch, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (differences), ==, 1);
  difference = g_list_model_get_item (differences, 0);
  g_assert_cmpuint (pb_paper_difference_get_number (difference), ==, 2);
  g_assert_cmpint (pb_ballot_choices_get_project (pb_paper_difference_get_entry (difference, 1), 0), ==,
                   project_id (process, 1));

  g_assert_false (pb_store_paper_commit_batch (f->store, batch, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_PAPER_MISMATCH);
  g_clear_error (&error);
  g_assert_cmpuint (pb_process_get_ballot_count (process), ==, 0);

  /* Officer 2 checks the paper and corrects ballot 2. */
  {
    g_autoptr(PbBallotChoices) choices = approve (process, 1);
    g_assert_true (pb_store_paper_set_entry (f->store, batch, 2, "Bob", 2, choices, &error));
  }
  g_clear_object (&differences);
  differences = pb_store_paper_list_differences (f->store, batch, &error);
  g_assert_cmpuint (g_list_model_get_n_items (differences), ==, 0);
  g_assert_true (pb_store_paper_commit_batch (f->store, batch, &error));
  g_assert_no_error (error);
  g_assert_true (pb_paper_batch_get_committed (batch));
  g_assert_cmpuint (pb_process_get_ballot_count (process), ==, 3);
  g_assert_cmpuint (pb_store_count_ballots (f->store, process, PB_BALLOT_METHOD_PAPER), ==, 3);
  g_assert_false (pb_store_paper_commit_batch (f->store, batch, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  batches = pb_store_paper_list_batches (f->store, process, &error);
  g_assert_cmpuint (g_list_model_get_n_items (batches), ==, 1);
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
  ADD ("/store/ballots/cast", test_cast);
  g_test_add_func ("/store/ballots/code-format", test_code_format);
  ADD ("/store/ballots/codes", test_codes);
  ADD ("/store/ballots/codes-unlinkable", test_codes_unlinkable);
  ADD ("/store/ballots/disk-full", test_disk_full);
  ADD ("/store/ballots/paper", test_paper);
#undef ADD
  return g_test_run ();
}
