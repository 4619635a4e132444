/* test-bundle.c: kiosk bundles and merging them into a master database.
 *
 * Each refusal (edited or truncated bundle, wrong process, unknown kiosk,
 * invalid ballot, a ballot changed on the kiosk, a code used on two
 * kiosks) is checked to leave the master exactly as it was, and each
 * successful merge to leave a master that pb_store_verify() accepts. */

#include "store-test-util.h"

#include <sodium.h>
#include <string.h>
#include <sys/wait.h>

#include "pb-audit.h"
#include "pb-bundle.h"
#include "pb-merge.h"

typedef struct {
  char      *dir;
  PbStore   *master;
  PbProcess *process;      /* the master's */
  GPtrArray *codes;        /* voter codes issued on the master before cloning */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GListModel) codes = NULL;

  f->dir = g_dir_make_tmp ("pb-bundle-test-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "master.db", NULL);
  f->master = pb_store_open (path, &error);
  g_assert_no_error (error);
  f->process = make_process (f->master, PB_BALLOT_FORMAT_APPROVAL, PB_PHASE_VOTING);
  codes = pb_store_issue_voter_codes (f->master, f->process, 4, NULL, &error);
  g_assert_no_error (error);
  f->codes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
    {
      g_autoptr(PbVoterCode) code = g_list_model_get_item (codes, i);

      g_ptr_array_add (f->codes, g_strdup (pb_voter_code_get_code (code)));
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->master);
  g_ptr_array_unref (f->codes);
  remove_tree (f->dir);
  g_free (f->dir);
}

/* A kiosk set up from the master: a copy of its database (the same
 * process, projects and codes) with a kiosk identity of its own. */
static PbStore *
clone_kiosk (Fixture    *f,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  guint8 public_key[crypto_sign_PUBLICKEYBYTES];
  guint8 secret_key[crypto_sign_SECRETKEYBYTES];
  char hex[crypto_sign_PUBLICKEYBYTES * 2 + 1];
  sqlite3 *db = NULL;
  sqlite3_backup *backup;
  sqlite3_stmt *stmt;
  PbStore *kiosk;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  backup = sqlite3_backup_init (db, "main", pb_store_get_db (f->master), "main");
  g_assert_nonnull (backup);
  g_assert_cmpint (sqlite3_backup_step (backup, -1), ==, SQLITE_DONE);
  sqlite3_backup_finish (backup);
  crypto_sign_keypair (public_key, secret_key);
  sodium_bin2hex (hex, sizeof hex, public_key, sizeof public_key);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE kiosks SET public_key = ?, secret_key = ? WHERE is_local = 1;",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, hex, -1, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 2, secret_key, sizeof secret_key, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  kiosk = pb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_store_get_kiosk_id (kiosk), ==, hex);
  return kiosk;
}

static PbProcess *
first_process (PbStore *store)
{
  g_autoptr(PbProcess) process = g_list_model_get_item (pb_store_list_processes (store), 0);

  return process;
}

static PbBallot *
cast (PbStore    *store,
      guint       project,
      const char *code)
{
  g_autoptr(GError) error = NULL;
  PbProcess *process = first_process (store);
  g_autoptr(PbBallotChoices) choices = pb_ballot_choices_new (pb_process_get_ballot_format (process));
  PbBallot *ballot;

  pb_ballot_choices_add (choices, project_id (process, project), 1);
  ballot = pb_store_cast_ballot (store, process, choices, PB_BALLOT_METHOD_KIOSK, code, &error);
  g_assert_no_error (error);
  return ballot;
}

static PbBundle *
bundle_of (PbStore *kiosk)
{
  g_autoptr(GError) error = NULL;
  PbBundle *bundle = pb_bundle_new_from_store (kiosk, first_process (kiosk), &error);

  g_assert_no_error (error);
  return bundle;
}

/* Everything a merge could change, as one text. */
static char *
snapshot (PbStore *store)
{
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (pb_store_get_db (store),
                                       "SELECT (SELECT count(*) FROM ballots) || '/' || (SELECT count(*) FROM audit)"
                                       " || '/' || (SELECT max(seq) FROM audit) || '/' || (SELECT count(*) FROM kiosks)"
                                       " || '/' || (SELECT count(*) FROM settings) || '/'"
                                       " || (SELECT group_concat(code || state) FROM voter_codes);", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static void
assert_verifies (PbStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pb_store_verify (store, NULL, &error));
  g_assert_no_error (error);
}

/* Reads @data and merges it, expecting @code; the master must not change. */
static void
assert_refused (Fixture        *f,
                const char     *data,
                gsize           length,
                PbMergeFlags    flags,
                PbBundleError   code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbBundle) bundle = NULL;
  g_autofree char *before = snapshot (f->master);
  g_autofree char *after = NULL;

  bundle = pb_bundle_new_from_data (data, length, &error);
  if (bundle != NULL)
    {
      g_assert_no_error (error);
      g_assert_false (pb_bundle_merge (bundle, f->master, flags, NULL, &error));
    }
  g_assert_error (error, PB_BUNDLE_ERROR, (int) code);
  g_assert_cmpstr (error->message, !=, "");
  after = snapshot (f->master);
  g_assert_cmpstr (before, ==, after);
  assert_verifies (f->master);
}

/* Writes @bundle out as a file would hold it and merges that, expecting
 * @code; the master must not change. */
static void
assert_bundle_refused (Fixture        *f,
                       PbBundle       *bundle,
                       PbMergeFlags    flags,
                       PbBundleError   code)
{
  gsize length;
  g_autofree char *text = pb_bundle_to_data (bundle, &length);

  assert_refused (f, text, length, flags, code);
}

/* Merges @bundle, which the master must accept; its report goes to
 * @out_report unless that is NULL. */
static void
merge_accepted (Fixture        *f,
                PbBundle       *bundle,
                PbMergeFlags    flags,
                PbMergeReport **out_report)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pb_bundle_merge (bundle, f->master, flags, out_report, &error));
  g_assert_no_error (error);
}

/* Merges @bundle from a trusted kiosk, which a voter code already used
 * (or voided) must stop; returns the report of the conflicts. */
static PbMergeReport *
merge_code_conflict (Fixture  *f,
                     PbBundle *bundle)
{
  g_autoptr(GError) error = NULL;
  PbMergeReport *report = NULL;

  g_assert_false (pb_bundle_merge (bundle, f->master, PB_MERGE_TRUST_KIOSK, &report, &error));
  g_assert_error (error, PB_BUNDLE_ERROR, PB_BUNDLE_ERROR_CODE_CONFLICT);
  g_assert_nonnull (report);
  return report;
}

/* Rewrites the choices of @ballot on @kiosk behind Pb's back: @choices
 * is project ids joined by commas, as the ballots table holds them. */
static void
rewrite_choices (PbStore    *kiosk,
                 PbBallot   *ballot,
                 const char *choices)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE ballots SET choices = '%s' WHERE uuid = '%s';", choices,
                                          pb_ballot_get_uuid (ballot));

  exec_raw (pb_store_get_path (kiosk), sql);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) kiosk = clone_kiosk (f, "kiosk.db");
  g_autoptr(PbBallot) b1 = cast (kiosk, 0, NULL);
  g_autoptr(PbBallot) b2 = cast (kiosk, 1, g_ptr_array_index (f->codes, 0));
  g_autoptr(PbBallot) b3 = cast (kiosk, 2, NULL);
  g_autoptr(PbBundle) bundle = bundle_of (kiosk);
  g_autoptr(PbBundle) read = NULL;
  g_autoptr(PbMergeReport) report = NULL;
  g_autoptr(PbBallot) found = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fingerprint = pb_bundle_process_fingerprint (f->process);
  g_autofree char *path = g_build_filename (f->dir, "kiosk.pbbundle", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gsize length;

  g_assert_cmpuint (pb_bundle_get_n_ballots (bundle), ==, 3);
  g_assert_cmpuint (pb_bundle_get_n_codes (bundle), ==, 1);
  g_assert_cmpstr (pb_bundle_get_kiosk_id (bundle), ==, pb_store_get_kiosk_id (kiosk));
  g_assert_cmpstr (pb_bundle_get_fingerprint (bundle), ==, fingerprint);
  g_assert_cmpstr (pb_bundle_get_process_name (bundle), ==, "Test fund");

  /* Readable JSON naming the process, the ballots and the key; no code
   * appears next to a ballot. */
  text = pb_bundle_to_data (bundle, &length);
  g_assert_nonnull (strstr (text, "\"format\" : \"pb-kiosk-bundle\""));
  g_assert_nonnull (strstr (text, pb_ballot_get_uuid (b2)));
  g_assert_nonnull (strstr (text, pb_store_get_kiosk_id (kiosk)));
  g_assert_nonnull (strstr (text, "\"signature\""));

  g_assert_true (pb_bundle_save (bundle, file, NULL, &error));
  g_assert_no_error (error);
  read = pb_bundle_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_bundle_get_hash (read), ==, pb_bundle_get_hash (bundle));
  created = pb_bundle_dup_created (read);
  g_assert_nonnull (created);

  g_assert_false (pb_bundle_is_kiosk_trusted (f->master, pb_bundle_get_kiosk_id (read)));
  merge_accepted (f, read, PB_MERGE_TRUST_KIOSK, &report);
  g_assert_true (pb_bundle_is_kiosk_trusted (f->master, pb_bundle_get_kiosk_id (read)));
  g_assert_true (pb_merge_report_get_process (report) == f->process);
  g_assert_true (pb_merge_report_get_kiosk_was_new (report));
  g_assert_cmpuint (pb_merge_report_get_n_added (report), ==, 3);
  g_assert_cmpuint (pb_merge_report_get_n_present (report), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (pb_merge_report_get_conflicts (report)), ==, 0);
  g_assert_cmpuint (pb_process_get_ballot_count (f->process), ==, 3);
  g_assert_cmpuint (pb_store_count_voter_codes (f->master, f->process, PB_VOTER_CODE_STATE_USED), ==, 1);
  assert_verifies (f->master);

  /* The resident's receipt from the kiosk finds the ballot on the master. */
  found = pb_store_lookup_receipt (f->master, f->process, pb_ballot_get_receipt (b2));
  g_assert_nonnull (found);
  g_assert_cmpstr (pb_ballot_get_uuid (found), ==, pb_ballot_get_uuid (b2));
  g_assert_cmpstr (pb_ballot_get_kiosk_id (found), ==, pb_store_get_kiosk_id (kiosk));
  g_assert_true (pb_ballot_choices_equal (pb_ballot_get_choices (found), pb_ballot_get_choices (b2)));
  g_assert_cmpint (g_date_time_to_unix (pb_ballot_get_cast_time (found)), ==,
                   g_date_time_to_unix (pb_ballot_get_cast_time (b2)));
  g_assert_finalize_object (g_steal_pointer (&kiosk));
}

static void
test_merge_twice (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PbStore) kiosk = clone_kiosk (f, "kiosk.db");
  g_autoptr(PbBallot) b1 = cast (kiosk, 0, g_ptr_array_index (f->codes, 0));
  g_autoptr(PbBundle) first = bundle_of (kiosk);
  g_autoptr(PbBallot) b2 = cast (kiosk, 1, g_ptr_array_index (f->codes, 1));
  g_autoptr(PbBallot) b3 = cast (kiosk, 2, NULL);
  g_autoptr(PbBundle) second = bundle_of (kiosk);
  g_autoptr(PbMergeReport) report = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  merge_accepted (f, first, PB_MERGE_TRUST_KIOSK, NULL);
  before = snapshot (f->master);
  merge_accepted (f, first, PB_MERGE_FLAGS_NONE, &report);
  g_assert_cmpuint (pb_merge_report_get_n_added (report), ==, 0);
  g_assert_cmpuint (pb_merge_report_get_n_present (report), ==, 1);
  after = snapshot (f->master);
  g_assert_cmpstr (before, ==, after);

  /* A later bundle of the same kiosk adds only what is new, and its
   * earlier code is not mistaken for a code used elsewhere. */
  g_clear_object (&report);
  merge_accepted (f, second, PB_MERGE_FLAGS_NONE, &report);
  g_assert_cmpuint (pb_merge_report_get_n_added (report), ==, 2);
  g_assert_cmpuint (pb_merge_report_get_n_present (report), ==, 1);
  g_assert_cmpuint (pb_store_count_voter_codes (f->master, f->process, PB_VOTER_CODE_STATE_USED), ==, 2);
  assert_verifies (f->master);

  /* And the older bundle once more: nothing. */
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);
  before = snapshot (f->master);
  merge_accepted (f, first, PB_MERGE_FLAGS_NONE, NULL);
  merge_accepted (f, second, PB_MERGE_FLAGS_NONE, NULL);
  after = snapshot (f->master);
  g_assert_cmpstr (before, ==, after);
  assert_verifies (f->master);
  g_assert_finalize_object (g_steal_pointer (&kiosk));
}

static void
test_unknown_kiosk (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) kiosk = clone_kiosk (f, "kiosk.db");
  g_autoptr(PbBallot) b1 = cast (kiosk, 0, NULL);
  g_autoptr(PbBundle) bundle = bundle_of (kiosk);

  assert_bundle_refused (f, bundle, PB_MERGE_FLAGS_NONE, PB_BUNDLE_ERROR_UNKNOWN_KIOSK);

  /* Once an officer trusts the key, the same bundle is accepted. */
  g_assert_true (pb_bundle_trust_kiosk (f->master, pb_bundle_get_kiosk_id (bundle), &error));
  g_assert_no_error (error);
  assert_verifies (f->master);
  merge_accepted (f, bundle, PB_MERGE_FLAGS_NONE, NULL);
  g_assert_cmpuint (pb_process_get_ballot_count (f->process), ==, 1);
  assert_verifies (f->master);

  g_assert_false (pb_bundle_trust_kiosk (f->master, "not a key", &error));
  g_assert_error (error, PB_BUNDLE_ERROR, PB_BUNDLE_ERROR_MALFORMED);
  g_assert_finalize_object (g_steal_pointer (&kiosk));
}

/* Replaces the first occurrence of @from in @text by @to. */
static char *
replace_once (const char *text,
              const char *from,
              const char *to)
{
  const char *at = strstr (text, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, to, at + strlen (from));
}

static void
test_edited (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(PbStore) kiosk = clone_kiosk (f, "kiosk.db");
  g_autoptr(PbBallot) b1 = cast (kiosk, 0, NULL);
  g_autoptr(PbBallot) b2 = cast (kiosk, 1, g_ptr_array_index (f->codes, 2));
  g_autoptr(PbBundle) bundle = bundle_of (kiosk);
  g_autofree char *text = pb_bundle_to_data (bundle, NULL);
  g_autofree char *other_code = NULL;
  struct {
    const char *from;
    const char *to;
  } edits[] = {
    { "\"project\" : \"P1\"", "\"project\" : \"P3\"" },          /* a vote changed */
    { "\"code-used\" : true", "\"code-used\" : false" },
    { "\"name\" : \"Test fund\"", "\"name\" : \"Test fund 2\"" },
    { pb_ballot_get_receipt (b1), "ABCD-EFGH" },
    { "\"points\" : 1", "\"points\" : 2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autofree char *edited = replace_once (text, edits[i].from, edits[i].to);

      g_test_message ("edit %u: %s → %s", i, edits[i].from, edits[i].to);
      assert_refused (f, edited, strlen (edited), PB_MERGE_TRUST_KIOSK,
                      i == 1 ? PB_BUNDLE_ERROR_CODES_INCONSISTENT : PB_BUNDLE_ERROR_BAD_SIGNATURE);
    }

  /* Another code in place of the one used: the signature catches it. */
  other_code = replace_once (text, g_ptr_array_index (f->codes, 2), g_ptr_array_index (f->codes, 3));
  assert_refused (f, other_code, strlen (other_code), PB_MERGE_TRUST_KIOSK, PB_BUNDLE_ERROR_BAD_SIGNATURE);

  /* Another kiosk's key in place of the signer's. */
  {
    g_autoptr(PbStore) other = clone_kiosk (f, "other.db");
    g_autofree char *swapped = replace_once (text, pb_store_get_kiosk_id (kiosk), pb_store_get_kiosk_id (other));

    assert_refused (f, swapped, strlen (swapped), PB_MERGE_TRUST_KIOSK, PB_BUNDLE_ERROR_BAD_SIGNATURE);
    g_assert_finalize_object (g_steal_pointer (&other));
  }
  g_assert_finalize_object (g_steal_pointer (&kiosk));
}

static void
test_truncated (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PbStore) kiosk = clone_kiosk (f, "kiosk.db");
  g_autoptr(PbBallot) b1 = cast (kiosk, 0, NULL);
  g_autoptr(PbBallot) b2 = cast (kiosk, 2, g_ptr_array_index (f->codes, 1));
  g_autoptr(PbBundle) bundle = bundle_of (kiosk);
  gsize length;
  g_autofree char *text = pb_bundle_to_data (bundle, &length);
  g_autofree char *before = snapshot (f->master);

  /* Every cut but the final newline is refused. */
  for (gsize cut = 0; cut + 1 < length; cut++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PbBundle) partial = pb_bundle_new_from_data (text, cut, &error);

      g_assert_null (partial);
      g_assert_error (error, PB_BUNDLE_ERROR, PB_BUNDLE_ERROR_NOT_JSON);
    }
  {
    g_autofree char *after = snapshot (f->master);

    g_assert_cmpstr (before, ==, after);
  }
  g_assert_finalize_object (g_steal_pointer (&kiosk));
}

static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  static const struct {
    const char    *text;
    PbBundleError  code;
  } cases[] = {
    { "", PB_BUNDLE_ERROR_NOT_JSON },
    { "{\"format\": ", PB_BUNDLE_ERROR_NOT_JSON },
    { "[1, 2, 3]", PB_BUNDLE_ERROR_NOT_A_BUNDLE },
    { " \n ", PB_BUNDLE_ERROR_NOT_A_BUNDLE },
    { "{\"format\": \"pabulib\"}", PB_BUNDLE_ERROR_NOT_A_BUNDLE },
    { "{\"format\": \"pb-kiosk-bundle\", \"version\": 2}", PB_BUNDLE_ERROR_VERSION },
    { "{\"format\": \"pb-kiosk-bundle\", \"version\": \"1\"}", PB_BUNDLE_ERROR_MALFORMED },
    { "{\"format\": \"pb-kiosk-bundle\", \"version\": 1}", PB_BUNDLE_ERROR_MALFORMED },
    { "{\"format\": \"pb-kiosk-bundle\", \"version\": 1, \"extra\": 1}", PB_BUNDLE_ERROR_MALFORMED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %u: %s", i, cases[i].text);
      assert_refused (f, cases[i].text, strlen (cases[i].text), PB_MERGE_TRUST_KIOSK, cases[i].code);
    }
  /* Not UTF-8, and a NUL inside. */
  assert_refused (f, "{\"format\": \"\xff\"}", 15, PB_MERGE_TRUST_KIOSK, PB_BUNDLE_ERROR_NOT_JSON);
  assert_refused (f, "{\"format\"\0: 1}", 14, PB_MERGE_TRUST_KIOSK, PB_BUNDLE_ERROR_NOT_JSON);
}

static void
test_wrong_process (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "elsewhere.db", NULL);
  g_autoptr(PbStore) elsewhere = pb_store_open (path, &error);
  PbProcess *process;
  g_autoptr(PbBallot) ballot = NULL;
  g_autoptr(PbBundle) bundle = NULL;

  /* Same projects, another budget: another process. */
  g_assert_no_error (error);
  process = pb_store_create_process (elsewhere, "Test fund", "GBP", "600", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      PbProject *project = pb_store_add_project (elsewhere, process, &error, "title", "P", "cost",
                                                 (const char *[]) { "100", "200", "300" }[i], NULL);

      g_assert_no_error (error);
      g_assert_true (pb_store_set_project_status (elsewhere, project, PB_PROJECT_STATUS_FEASIBLE, NULL, &error));
    }
  g_assert_true (pb_store_set_phase (elsewhere, process, PB_PHASE_VOTING, NULL, &error));
  g_assert_no_error (error);
  ballot = cast (elsewhere, 0, NULL);
  bundle = bundle_of (elsewhere);
  assert_bundle_refused (f, bundle, PB_MERGE_TRUST_KIOSK, PB_BUNDLE_ERROR_WRONG_PROCESS);
  g_assert_finalize_object (g_steal_pointer (&elsewhere));
}

/* A kiosk built on its own (not copied from the master), where the same
 * projects have other row ids: ballots are matched by project code. */
static void
test_other_ids (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "own.db", NULL);
  g_autoptr(PbStore) kiosk = pb_store_open (path, &error);
  g_autoptr(PbBallot) ballot = NULL;
  g_autoptr(PbBallot) found = NULL;
  g_autoptr(PbBundle) bundle = NULL;
  PbProcess *process;

  g_assert_no_error (error);
  g_assert_nonnull (pb_store_create_process (kiosk, "Another", "GBP", "10", &error));
  g_assert_nonnull (pb_store_add_project (kiosk, first_process (kiosk), &error, "title", "X", "cost", "1", NULL));
  process = make_process (kiosk, PB_BALLOT_FORMAT_APPROVAL, PB_PHASE_VOTING);
  g_assert_cmpint (project_id (process, 2), !=, project_id (f->process, 2));
  {
    g_autoptr(PbBallotChoices) choices = pb_ballot_choices_new (PB_BALLOT_FORMAT_APPROVAL);

    pb_ballot_choices_add (choices, project_id (process, 2), 1);
    pb_ballot_choices_add (choices, project_id (process, 0), 1);
    ballot = pb_store_cast_ballot (kiosk, process, choices, PB_BALLOT_METHOD_KIOSK, NULL, &error);
    g_assert_no_error (error);
  }
  bundle = pb_bundle_new_from_store (kiosk, process, &error);
  g_assert_no_error (error);
  merge_accepted (f, bundle, PB_MERGE_TRUST_KIOSK, NULL);
  assert_verifies (f->master);
  found = pb_store_lookup_receipt (f->master, f->process, pb_ballot_get_receipt (ballot));
  g_assert_nonnull (found);
  g_assert_true (pb_ballot_choices_contains (pb_ballot_get_choices (found), project_id (f->process, 2)));
  g_assert_true (pb_ballot_choices_contains (pb_ballot_get_choices (found), project_id (f->process, 0)));
  g_assert_cmpuint (pb_ballot_choices_get_n_entries (pb_ballot_get_choices (found)), ==, 2);
  g_assert_finalize_object (g_steal_pointer (&kiosk));
}

static void
test_invalid_ballot (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PbStore) kiosk = clone_kiosk (f, "kiosk.db");
  g_autoptr(PbBallot) ballot = cast (kiosk, 0, NULL);
  g_autoptr(PbBundle) bundle = NULL;
  g_autofree char *choices = NULL;

  /* A ballot naming one project twice, written behind Pb's back on the
   * kiosk: the kiosk signs what it holds, the master validates it. */
  choices = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, project_id (first_process (kiosk), 0),
                             project_id (first_process (kiosk), 0));
  rewrite_choices (kiosk, ballot, choices);
  bundle = bundle_of (kiosk);
  assert_bundle_refused (f, bundle, PB_MERGE_TRUST_KIOSK, PB_BUNDLE_ERROR_INVALID_BALLOT);
  g_assert_finalize_object (g_steal_pointer (&kiosk));
}

static void
test_ballot_changed (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PbStore) kiosk = clone_kiosk (f, "kiosk.db");
  g_autoptr(PbBallot) ballot = cast (kiosk, 0, NULL);
  g_autoptr(PbBundle) first = bundle_of (kiosk);
  g_autoptr(PbBundle) second = NULL;
  g_autofree char *choices = NULL;

  merge_accepted (f, first, PB_MERGE_TRUST_KIOSK, NULL);
  choices = g_strdup_printf ("%" G_GINT64_FORMAT, project_id (first_process (kiosk), 1));
  rewrite_choices (kiosk, ballot, choices);
  second = bundle_of (kiosk);
  assert_bundle_refused (f, second, PB_MERGE_FLAGS_NONE, PB_BUNDLE_ERROR_BALLOT_CONFLICT);
  g_assert_finalize_object (g_steal_pointer (&kiosk));
}

static void
test_code_conflict (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) kiosk_a = clone_kiosk (f, "a.db");
  g_autoptr(PbStore) kiosk_b = clone_kiosk (f, "b.db");
  /* Cloned before the master holds any ballot: a clone made later would
   * present the master's own ballots as its own. */
  g_autoptr(PbStore) kiosk_c = clone_kiosk (f, "c.db");
  g_autoptr(PbStore) kiosk_d = clone_kiosk (f, "d.db");
  const char *code = g_ptr_array_index (f->codes, 0);
  g_autoptr(PbBallot) on_a = cast (kiosk_a, 0, code);
  g_autoptr(PbBallot) plain_b = cast (kiosk_b, 2, NULL);
  g_autoptr(PbBallot) on_b = cast (kiosk_b, 1, code);
  g_autoptr(PbBundle) bundle_a = bundle_of (kiosk_a);
  g_autoptr(PbBundle) bundle_b = bundle_of (kiosk_b);
  g_autoptr(PbMergeReport) report = NULL;
  g_autoptr(PbCodeConflict) conflict = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *description = NULL;

  merge_accepted (f, bundle_a, PB_MERGE_TRUST_KIOSK, NULL);

  before = snapshot (f->master);
  report = merge_code_conflict (f, bundle_b);
  after = snapshot (f->master);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (pb_merge_report_get_n_added (report), ==, 0);

  /* Reported with both kiosks and both ballots. */
  g_assert_cmpuint (g_list_model_get_n_items (pb_merge_report_get_conflicts (report)), ==, 1);
  conflict = g_list_model_get_item (pb_merge_report_get_conflicts (report), 0);
  g_assert_cmpstr (pb_code_conflict_get_code (conflict), ==, code);
  g_assert_cmpint (pb_code_conflict_get_reason (conflict), ==, PB_CODE_CONFLICT_USED_ELSEWHERE);
  g_assert_cmpstr (pb_code_conflict_get_kiosk_id (conflict), ==, pb_store_get_kiosk_id (kiosk_b));
  g_assert_cmpstr (pb_code_conflict_get_other_kiosk_id (conflict), ==, pb_store_get_kiosk_id (kiosk_a));
  g_assert_cmpstrv (pb_code_conflict_get_ballots (conflict), ((const char *[]) { pb_ballot_get_uuid (on_b), NULL }));
  g_assert_cmpstrv (pb_code_conflict_get_other_ballots (conflict),
                    ((const char *[]) { pb_ballot_get_uuid (on_a), NULL }));
  description = pb_code_conflict_describe (conflict);
  g_assert_nonnull (strstr (description, code));
  g_assert_nonnull (strstr (description, pb_ballot_get_uuid (on_a)));
  g_assert_nonnull (strstr (description, pb_ballot_get_uuid (on_b)));
  assert_verifies (f->master);

  /* The officer decides to count them. */
  g_clear_object (&report);
  merge_accepted (f, bundle_b, PB_MERGE_TRUST_KIOSK | PB_MERGE_ACCEPT_CODE_CONFLICTS, &report);
  g_assert_cmpuint (pb_merge_report_get_n_added (report), ==, 2);
  g_assert_cmpuint (pb_process_get_ballot_count (f->process), ==, 3);
  g_assert_cmpuint (pb_store_count_voter_codes (f->master, f->process, PB_VOTER_CODE_STATE_USED), ==, 1);
  assert_verifies (f->master);

  /* A code used on the master itself, then on a kiosk. */
  {
    const char *code_c = g_ptr_array_index (f->codes, 1);
    g_autoptr(PbBallot) here = cast (f->master, 0, code_c);
    g_autoptr(PbBallot) there = cast (kiosk_c, 0, code_c);
    g_autoptr(PbBundle) bundle_c = bundle_of (kiosk_c);
    g_autoptr(PbMergeReport) report_c = merge_code_conflict (f, bundle_c);
    g_autoptr(PbCodeConflict) conflict_c = g_list_model_get_item (pb_merge_report_get_conflicts (report_c), 0);

    g_assert_cmpstr (pb_code_conflict_get_other_kiosk_id (conflict_c), ==, pb_store_get_kiosk_id (f->master));
    g_assert_cmpstrv (pb_code_conflict_get_other_ballots (conflict_c),
                      ((const char *[]) { pb_ballot_get_uuid (here), NULL }));
  }

  /* A code voided on the master. */
  {
    const char *code_d = g_ptr_array_index (f->codes, 3);
    g_autoptr(PbBallot) there = cast (kiosk_d, 0, code_d);
    g_autoptr(PbBundle) bundle_d = bundle_of (kiosk_d);
    g_autoptr(PbMergeReport) report_d = NULL;
    g_autoptr(PbCodeConflict) conflict_d = NULL;

    g_assert_true (pb_store_void_voter_code (f->master, f->process, code_d, &error));
    g_assert_no_error (error);
    report_d = merge_code_conflict (f, bundle_d);
    conflict_d = g_list_model_get_item (pb_merge_report_get_conflicts (report_d), 0);
    g_assert_cmpint (pb_code_conflict_get_reason (conflict_d), ==, PB_CODE_CONFLICT_VOID);
  }
  assert_verifies (f->master);
  g_assert_finalize_object (g_steal_pointer (&kiosk_a));
  g_assert_finalize_object (g_steal_pointer (&kiosk_b));
  g_assert_finalize_object (g_steal_pointer (&kiosk_c));
  g_assert_finalize_object (g_steal_pointer (&kiosk_d));
}

static void
test_record_altered (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PbStore) kiosk = clone_kiosk (f, "kiosk.db");
  g_autoptr(PbBallot) b1 = cast (kiosk, 0, g_ptr_array_index (f->codes, 0));
  g_autoptr(PbBundle) first = bundle_of (kiosk);
  g_autoptr(PbBallot) b2 = cast (kiosk, 1, g_ptr_array_index (f->codes, 1));
  g_autoptr(PbBundle) second = bundle_of (kiosk);

  merge_accepted (f, first, PB_MERGE_TRUST_KIOSK, NULL);
  exec_raw (pb_store_get_path (f->master), "UPDATE settings SET value = value || char(10) || 'ABCD-EFGH'"
            " WHERE key LIKE 'merged-codes/%';");
  assert_bundle_refused (f, second, PB_MERGE_FLAGS_NONE, PB_BUNDLE_ERROR_RECORD_ALTERED);
  g_assert_finalize_object (g_steal_pointer (&kiosk));
}

static void
test_phase_and_own (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) kiosk = clone_kiosk (f, "kiosk.db");
  g_autoptr(PbBallot) b1 = cast (kiosk, 0, NULL);
  g_autoptr(PbBallot) b2 = cast (f->master, 1, NULL);
  g_autoptr(PbBundle) bundle = bundle_of (kiosk);
  g_autoptr(PbBundle) own = bundle_of (f->master);
  g_autoptr(GListModel) exportable = pb_bundle_list_exportable (kiosk);

  g_assert_cmpuint (g_list_model_get_n_items (exportable), ==, 1);
  assert_bundle_refused (f, own, PB_MERGE_TRUST_KIOSK, PB_BUNDLE_ERROR_OWN_KIOSK);

  /* Closed is fine (bundles come in after the vote)… */
  g_assert_true (pb_store_set_phase (f->master, f->process, PB_PHASE_CLOSED, NULL, &error));
  g_assert_no_error (error);
  merge_accepted (f, bundle, PB_MERGE_TRUST_KIOSK, NULL);
  assert_verifies (f->master);

  /* …published is not. */
  g_clear_object (&b1);
  g_clear_object (&bundle);
  b1 = cast (kiosk, 2, NULL);
  bundle = bundle_of (kiosk);
  g_assert_true (pb_store_set_phase (f->master, f->process, PB_PHASE_PUBLISHED, NULL, &error));
  g_assert_no_error (error);
  assert_bundle_refused (f, bundle, PB_MERGE_FLAGS_NONE, PB_BUNDLE_ERROR_PHASE);
  g_assert_finalize_object (g_steal_pointer (&kiosk));
}

/* The kiosk's last audit entry for its process. */
static PbAuditEntry *
last_entry (PbStore *store)
{
  g_autoptr(GListModel) audit = pb_store_list_audit (store, first_process (store), NULL);

  g_assert_cmpuint (g_list_model_get_n_items (audit), >, 0);
  return g_list_model_get_item (audit, g_list_model_get_n_items (audit) - 1);
}

/* Writing a bundle is an export like the others: the kiosk's audit log
 * gets a "bundle-export" entry naming the bundle (the subject the master's
 * "merge" entry has) and hashing the file's bytes; the log still
 * verifies, and the entry is not mistaken for a ballot's. */
static void
test_export_recorded (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) kiosk = clone_kiosk (f, "kiosk.db");
  g_autoptr(PbBallot) b1 = cast (kiosk, 0, g_ptr_array_index (f->codes, 0));
  g_autoptr(PbBundle) bundle = bundle_of (kiosk);
  g_autoptr(PbBundle) again = NULL;
  g_autoptr(PbAuditEntry) entry = NULL;
  g_autoptr(PbAuditEntry) merged = NULL;
  g_autoptr(GListModel) audit = NULL;
  g_autofree char *path = g_build_filename (f->dir, "kiosk.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_autofree char *subject = g_strconcat ("bundle ", pb_bundle_get_hash (bundle), NULL);
  guint8 hash[crypto_generichash_BYTES];
  char hex[crypto_generichash_BYTES * 2 + 1];
  gsize length;

  g_assert_true (pb_bundle_save (bundle, file, NULL, &error));
  g_assert_true (pb_bundle_record_export (bundle, kiosk, first_process (kiosk), "kiosk.json", &error));
  g_assert_no_error (error);

  entry = last_entry (kiosk);
  g_assert_cmpstr (pb_audit_entry_get_kind (entry), ==, "bundle-export");
  g_assert_cmpstr (pb_audit_entry_get_subject (entry), ==, subject);
  g_assert_nonnull (strstr (pb_audit_entry_get_summary (entry), "“kiosk.json”"));
  g_assert_nonnull (strstr (pb_audit_entry_get_summary (entry), "1 ballots"));
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  crypto_generichash (hash, sizeof hash, (const guint8 *) contents, length, NULL, 0);
  sodium_bin2hex (hex, sizeof hex, hash, sizeof hash);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (pb_store_get_db (kiosk), "SELECT subject_hash FROM audit WHERE seq = ?;",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_int64 (stmt, 1, (sqlite3_int64) pb_audit_entry_get_sequence (entry));
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, hex);
    sqlite3_finalize (stmt);
  }
  assert_verifies (kiosk);

  /* A bundle written after the entry still carries the coded ballot
   * (the entry sits between ballots without confusing the code record). */
  again = bundle_of (kiosk);
  g_assert_cmpuint (pb_bundle_get_n_ballots (again), ==, 1);
  g_assert_cmpuint (pb_bundle_get_n_codes (again), ==, 1);

  /* The master's merge entry names the same bundle. */
  merge_accepted (f, bundle, PB_MERGE_TRUST_KIOSK, NULL);
  audit = pb_store_list_audit (f->master, f->process, NULL);
  merged = g_list_model_get_item (audit, g_list_model_get_n_items (audit) - 1);
  g_assert_cmpstr (pb_audit_entry_get_kind (merged), ==, "merge");
  g_assert_cmpstr (pb_audit_entry_get_subject (merged), ==, subject);
  g_assert_finalize_object (g_steal_pointer (&kiosk));
}

static int run_pbtool (const char * const *args, char **out_stdout, char **out_stderr);

/* Writing a bundle to a full disk (PB_TEST_DISK_SPACE, pb-file.h's seam):
 * a clear message, no partial or temporary file, the bundle already there
 * untouched, and, from `pbtool bundle`, no audit entry for a bundle that
 * was not written. */
static void
test_no_space (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PbStore) kiosk = clone_kiosk (f, "kiosk.db");
  g_autoptr(PbBallot) b1 = cast (kiosk, 0, NULL);
  g_autoptr(PbBundle) bundle = bundle_of (kiosk);
  g_autofree char *out_dir = g_build_filename (f->dir, "stick", NULL);
  g_autofree char *old_path = g_build_filename (out_dir, "old.json", NULL);
  g_autofree char *new_path = g_build_filename (out_dir, "new.json", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *targets[] = { old_path, new_path };

  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (old_path, "yesterday's bundle", -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GFile) file = g_file_new_for_path (targets[i]);
      g_autoptr(GDir) listing = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *pbtool_out = NULL;
      g_autofree char *pbtool_err = NULL;
      const char *args[] = { "bundle", "--database", pb_store_get_path (kiosk), "-o", targets[i], NULL };
      guint n_files = 0;

      g_setenv ("PB_TEST_DISK_SPACE", "100", TRUE);
      g_assert_false (pb_bundle_save (bundle, file, NULL, &error));
      g_assert_error (error, PB_BUNDLE_ERROR, PB_BUNDLE_ERROR_IO);
      g_assert_nonnull (strstr (error->message, "not enough space"));
      g_assert_nonnull (strstr (error->message, "nothing was written"));

      before = snapshot (kiosk);
      g_assert_cmpint (run_pbtool (args, &pbtool_out, &pbtool_err), ==, 1);
      g_unsetenv ("PB_TEST_DISK_SPACE");
      g_assert_nonnull (strstr (pbtool_err, "not enough space"));
      after = snapshot (kiosk);
      g_assert_cmpstr (before, ==, after);
      g_clear_pointer (&before, g_free);
      g_clear_pointer (&after, g_free);

      g_assert_true (g_file_get_contents (old_path, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "yesterday's bundle");
      g_assert_false (g_file_test (new_path, G_FILE_TEST_EXISTS));
      listing = g_dir_open (out_dir, 0, NULL);
      while (g_dir_read_name (listing) != NULL)
        n_files++;
      g_assert_cmpuint (n_files, ==, 1);
    }
  g_assert_finalize_object (g_steal_pointer (&kiosk));
}

/* Runs pbtool with @args; returns its exit status and its output. */
static int
run_pbtool (const char * const  *args,
            char               **out_stdout,
            char               **out_stderr)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) PBTOOL_PATH);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out_stdout,
                               out_stderr, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_pbtool (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(PbStore) kiosk = clone_kiosk (f, "kiosk.db");
  g_autoptr(PbBallot) b1 = cast (kiosk, 0, g_ptr_array_index (f->codes, 0));
  g_autoptr(PbBallot) b2 = cast (kiosk, 1, NULL);
  g_autofree char *file = g_build_filename (f->dir, "kiosk.json", NULL);
  g_autofree char *edited_file = g_build_filename (f->dir, "edited.json", NULL);
  g_autofree char *master = g_strdup (pb_store_get_path (f->master));
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;
  g_autofree char *edited = NULL;
  g_autoptr(GError) error = NULL;

#define RUN(expected, ...) \
  G_STMT_START { \
    g_autofree char *out = NULL, *err = NULL; \
    const char *args[] = { __VA_ARGS__, NULL }; \
    int rc = run_pbtool (args, &out, &err); \
    if (rc != (expected)) \
      g_error ("pbtool %s: exit %d, expected %d\n%s%s", args[0], rc, (expected), out, err); \
  } G_STMT_END

  RUN (2, "bundle", "--database", pb_store_get_path (kiosk));
  RUN (2, "merge", "--database", master);
  before = snapshot (kiosk);
  RUN (0, "bundle", "--database", pb_store_get_path (kiosk), "-o", file);
  g_assert_true (g_file_get_contents (file, &text, NULL, &error));
  g_assert_no_error (error);
  /* `pbtool bundle` recorded it in the kiosk's log, which still verifies
   * (`pbtool verify` too). */
  {
    g_autoptr(PbAuditEntry) entry = last_entry (kiosk);
    g_autoptr(PbBundle) written = pb_bundle_new_from_data (text, strlen (text), &error);
    g_autofree char *subject = NULL;

    g_assert_no_error (error);
    subject = g_strconcat ("bundle ", pb_bundle_get_hash (written), NULL);
    g_assert_cmpstr (pb_audit_entry_get_kind (entry), ==, "bundle-export");
    g_assert_cmpstr (pb_audit_entry_get_subject (entry), ==, subject);
    g_assert_nonnull (strstr (pb_audit_entry_get_summary (entry), "“kiosk.json”"));
    after = snapshot (kiosk);
    g_assert_cmpstr (before, !=, after);
    g_clear_pointer (&before, g_free);
    g_clear_pointer (&after, g_free);
    assert_verifies (kiosk);
    RUN (0, "verify", "--database", pb_store_get_path (kiosk));
  }

  /* Unknown kiosk, then an edited bundle: refused, master unchanged. */
  before = snapshot (f->master);
  RUN (1, "merge", "--database", master, file);
  edited = replace_once (text, "\"project\" : \"P1\"", "\"project\" : \"P2\"");
  g_assert_true (g_file_set_contents (edited_file, edited, -1, &error));
  RUN (1, "merge", "--database", master, "--trust", edited_file);
  after = snapshot (f->master);
  g_assert_cmpstr (before, ==, after);

  RUN (0, "merge", "--database", master, "--trust", file);
  g_clear_pointer (&before, g_free);
  before = snapshot (f->master);
  RUN (0, "merge", "--database", master, file);
  g_clear_pointer (&after, g_free);
  after = snapshot (f->master);
  g_assert_cmpstr (before, ==, after);
  g_assert_true (g_str_has_prefix (after, "2/"));
  assert_verifies (f->master);
#undef RUN
  g_assert_finalize_object (g_steal_pointer (&kiosk));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/bundle/round-trip", test_round_trip);
  ADD ("/bundle/merge-twice", test_merge_twice);
  ADD ("/bundle/unknown-kiosk", test_unknown_kiosk);
  ADD ("/bundle/edited", test_edited);
  ADD ("/bundle/truncated", test_truncated);
  ADD ("/bundle/malformed", test_malformed);
  ADD ("/bundle/wrong-process", test_wrong_process);
  ADD ("/bundle/other-project-ids", test_other_ids);
  ADD ("/bundle/invalid-ballot", test_invalid_ballot);
  ADD ("/bundle/ballot-changed", test_ballot_changed);
  ADD ("/bundle/code-conflict", test_code_conflict);
  ADD ("/bundle/record-altered", test_record_altered);
  ADD ("/bundle/phase-and-own-kiosk", test_phase_and_own);
  ADD ("/bundle/export-recorded", test_export_recorded);
  ADD ("/bundle/no-space", test_no_space);
  ADD ("/bundle/pbtool", test_pbtool);
#undef ADD

  return g_test_run ();
}
