/* pb-merge.c: adding a kiosk's bundle to the master database.
 *
 * Everything a merge checks is checked before anything is written, and all
 * writes happen in one transaction: a refused or failed merge leaves the
 * master exactly as it was.
 *
 * The master remembers which voter codes each kiosk's bundles consumed
 * (a settings row per process and kiosk, whose hash is recorded in the
 * audit log and checked before use), so that merging a later, longer
 * bundle of the same kiosk does not mistake the kiosk's own codes for
 * codes used elsewhere.
 */

#include "pb-config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "pb-bundle-private.h"
#include "pb-merge.h"

/* ---- PbCodeConflict ------------------------------------------------------ */

struct _PbCodeConflict {
  GObject               parent_instance;
  char                 *code;
  PbCodeConflictReason  reason;
  char                 *kiosk_id;
  GStrv                 ballots;
  char                 *other_kiosk_id;
  GStrv                 other_ballots;
};

G_DEFINE_TYPE (PbCodeConflict, pb_code_conflict, G_TYPE_OBJECT)

static void
pb_code_conflict_finalize (GObject *object)
{
  PbCodeConflict *self = PB_CODE_CONFLICT (object);

  g_free (self->code);
  g_free (self->kiosk_id);
  g_strfreev (self->ballots);
  g_free (self->other_kiosk_id);
  g_strfreev (self->other_ballots);
  G_OBJECT_CLASS (pb_code_conflict_parent_class)->finalize (object);
}

static void
pb_code_conflict_class_init (PbCodeConflictClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_code_conflict_finalize;
}

static void
pb_code_conflict_init (PbCodeConflict *self)
{
}

const char *
pb_code_conflict_get_code (PbCodeConflict *self)
{
  g_return_val_if_fail (PB_IS_CODE_CONFLICT (self), NULL);
  return self->code;
}

PbCodeConflictReason
pb_code_conflict_get_reason (PbCodeConflict *self)
{
  g_return_val_if_fail (PB_IS_CODE_CONFLICT (self), PB_CODE_CONFLICT_UNKNOWN);
  return self->reason;
}

const char *
pb_code_conflict_get_kiosk_id (PbCodeConflict *self)
{
  g_return_val_if_fail (PB_IS_CODE_CONFLICT (self), NULL);
  return self->kiosk_id;
}

const char * const *
pb_code_conflict_get_ballots (PbCodeConflict *self)
{
  g_return_val_if_fail (PB_IS_CODE_CONFLICT (self), NULL);
  return (const char * const *) self->ballots;
}

const char *
pb_code_conflict_get_other_kiosk_id (PbCodeConflict *self)
{
  g_return_val_if_fail (PB_IS_CODE_CONFLICT (self), NULL);
  return self->other_kiosk_id;
}

const char * const *
pb_code_conflict_get_other_ballots (PbCodeConflict *self)
{
  g_return_val_if_fail (PB_IS_CODE_CONFLICT (self), NULL);
  return (const char * const *) self->other_ballots;
}

/* Kiosk ids are 64 hex digits; people compare the first 8. */
static char *
short_kiosk (const char *kiosk_id)
{
  return g_strndup (kiosk_id, 8);
}

char *
pb_code_conflict_describe (PbCodeConflict *self)
{
  g_autofree char *kiosk = NULL;
  g_autofree char *ballots = NULL;

  g_return_val_if_fail (PB_IS_CODE_CONFLICT (self), NULL);

  kiosk = short_kiosk (self->kiosk_id);
  ballots = g_strjoinv (", ", self->ballots);
  switch (self->reason)
    {
    case PB_CODE_CONFLICT_USED_ELSEWHERE:
      {
        g_autofree char *other = short_kiosk (self->other_kiosk_id ? self->other_kiosk_id : "");
        g_autofree char *other_ballots = g_strjoinv (", ", self->other_ballots);

        return g_strdup_printf (_("Voter code %s was used on kiosk %s and on kiosk %s. On kiosk %s it went with "
                                  "one of these ballots: %s; on kiosk %s with one of these: %s."),
                                self->code, kiosk, other, kiosk, ballots, other, other_ballots);
      }
    case PB_CODE_CONFLICT_VOID:
      return g_strdup_printf (_("Voter code %s was used on kiosk %s, but an officer had voided it. It went with "
                                "one of these ballots: %s."), self->code, kiosk, ballots);
    case PB_CODE_CONFLICT_UNKNOWN:
    default:
      return g_strdup_printf (_("Voter code %s was used on kiosk %s, but it is not a voter code of this process. "
                                "It went with one of these ballots: %s."), self->code, kiosk, ballots);
    }
}

/* ---- PbMergeReport ------------------------------------------------------- */

struct _PbMergeReport {
  GObject      parent_instance;
  PbProcess   *process;
  char        *kiosk_id;
  gboolean     kiosk_was_new;
  guint        n_added;
  guint        n_present;
  GListStore  *conflicts;
};

G_DEFINE_TYPE (PbMergeReport, pb_merge_report, G_TYPE_OBJECT)

static void
pb_merge_report_finalize (GObject *object)
{
  PbMergeReport *self = PB_MERGE_REPORT (object);

  g_clear_object (&self->process);
  g_free (self->kiosk_id);
  g_object_unref (self->conflicts);
  G_OBJECT_CLASS (pb_merge_report_parent_class)->finalize (object);
}

static void
pb_merge_report_class_init (PbMergeReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_merge_report_finalize;
}

static void
pb_merge_report_init (PbMergeReport *self)
{
  self->conflicts = g_list_store_new (PB_TYPE_CODE_CONFLICT);
}

PbProcess *
pb_merge_report_get_process (PbMergeReport *self)
{
  g_return_val_if_fail (PB_IS_MERGE_REPORT (self), NULL);
  return self->process;
}

const char *
pb_merge_report_get_kiosk_id (PbMergeReport *self)
{
  g_return_val_if_fail (PB_IS_MERGE_REPORT (self), NULL);
  return self->kiosk_id;
}

gboolean
pb_merge_report_get_kiosk_was_new (PbMergeReport *self)
{
  g_return_val_if_fail (PB_IS_MERGE_REPORT (self), FALSE);
  return self->kiosk_was_new;
}

guint
pb_merge_report_get_n_added (PbMergeReport *self)
{
  g_return_val_if_fail (PB_IS_MERGE_REPORT (self), 0);
  return self->n_added;
}

guint
pb_merge_report_get_n_present (PbMergeReport *self)
{
  g_return_val_if_fail (PB_IS_MERGE_REPORT (self), 0);
  return self->n_present;
}

GListModel *
pb_merge_report_get_conflicts (PbMergeReport *self)
{
  g_return_val_if_fail (PB_IS_MERGE_REPORT (self), NULL);
  return G_LIST_MODEL (self->conflicts);
}

/* ---- Kiosks --------------------------------------------------------------- */

/* The kiosks row of @kiosk_id, or 0 when the master does not know it. */
static gint64
lookup_kiosk_row (PbStore    *store,
                  const char *kiosk_id)
{
  sqlite3_stmt *stmt = pb_store_prepare (store, "SELECT id FROM kiosks WHERE public_key = ?;", NULL);
  gint64 row = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, kiosk_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    row = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return row;
}

static gboolean
is_kiosk_id (const char *text)
{
  if (strlen (text) != crypto_sign_PUBLICKEYBYTES * 2)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

/* Inside the caller's transaction. */
static gboolean
insert_kiosk (PbStore     *store,
              const char  *kiosk_id,
              gint64      *out_row,
              GError     **error)
{
  guint8 public_key[crypto_sign_PUBLICKEYBYTES];
  guint8 hash[PB_HASH_BYTES];
  sqlite3_stmt *stmt;

  sodium_hex2bin (public_key, sizeof public_key, kiosk_id, strlen (kiosk_id), NULL, NULL, NULL);
  crypto_generichash (hash, sizeof hash, public_key, sizeof public_key, NULL, 0);
  stmt = pb_store_prepare (store, "INSERT INTO kiosks (public_key, secret_key, name, is_local, created)"
                           " VALUES (?, NULL, '', 0, ?);", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kiosk_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
  if (!pb_store_step_done (store, stmt, error))
    return FALSE;
  *out_row = sqlite3_last_insert_rowid (pb_store_get_db (store));
  return pb_store_audit_append (store, 0, "kiosk", kiosk_id, hash, "Kiosk trusted for merging its ballots", error);
}

gboolean
pb_bundle_is_kiosk_trusted (PbStore    *store,
                            const char *kiosk_id)
{
  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (kiosk_id != NULL, FALSE);

  return lookup_kiosk_row (store, kiosk_id) != 0;
}

gboolean
pb_bundle_trust_kiosk (PbStore     *store,
                       const char  *kiosk_id,
                       GError     **error)
{
  gint64 row;

  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (kiosk_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!is_kiosk_id (kiosk_id))
    {
      g_set_error (error, PB_BUNDLE_ERROR, PB_BUNDLE_ERROR_MALFORMED,
                   _("“%s” is not a kiosk id: a kiosk id is 64 lower-case hexadecimal digits."), kiosk_id);
      return FALSE;
    }
  if (!pb_store_begin (store, error))
    return FALSE;
  if (lookup_kiosk_row (store, kiosk_id) == 0
      && !insert_kiosk (store, kiosk_id, &row, error))
    {
      pb_store_rollback (store);
      return FALSE;
    }
  return pb_store_commit (store, error);
}

/* ---- Finding the process -------------------------------------------------- */

static PbProcess *
find_process (PbBundle  *bundle,
              PbStore   *store,
              GError   **error)
{
  GListModel *processes = pb_store_list_processes (store);
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  PbProcess *wrong_phase = NULL;
  PbProcess *named = NULL;
  guint n_named = 0;

  for (guint i = 0; i < g_list_model_get_n_items (processes); i++)
    {
      g_autoptr(PbProcess) process = g_list_model_get_item (processes, i);
      g_autofree char *fingerprint = pb_bundle_process_fingerprint (process);
      PbPhase phase = pb_process_get_phase (process);

      if (strcmp (fingerprint, pb_bundle_get_fingerprint (bundle)) != 0)
        continue;
      if (phase != PB_PHASE_VOTING && phase != PB_PHASE_CLOSED)
        {
          wrong_phase = process;
          continue;
        }
      g_ptr_array_add (matches, process);
      if (strcmp (pb_process_get_name (process), pb_bundle_get_process_name (bundle)) == 0)
        {
          named = process;
          n_named++;
        }
    }

  if (matches->len == 1)
    return g_ptr_array_index (matches, 0);
  if (matches->len > 1 && n_named == 1)
    return named;
  if (matches->len > 1)
    g_set_error (error, PB_BUNDLE_ERROR, PB_BUNDLE_ERROR_AMBIGUOUS_PROCESS,
                 _("Several processes of this database have the same rules and projects as “%s”; archive or "
                   "rename the ones the bundle is not for."), pb_bundle_get_process_name (bundle));
  else if (wrong_phase != NULL)
    g_set_error (error, PB_BUNDLE_ERROR, PB_BUNDLE_ERROR_PHASE,
                 _("The bundle belongs to “%s”, which is in the %s phase: ballots can be added only while "
                   "voting or after it closed, before the results are published."),
                 pb_process_get_name (wrong_phase), pb_phase_get_label (pb_process_get_phase (wrong_phase)));
  else
    g_set_error (error, PB_BUNDLE_ERROR, PB_BUNDLE_ERROR_WRONG_PROCESS,
                 _("The bundle belongs to “%s” on the kiosk, but no process of this database has the same "
                   "rules and projects. It is for another process, or the rules differ between the kiosk "
                   "and this computer."), pb_bundle_get_process_name (bundle));
  return NULL;
}

/* ---- Merging -------------------------------------------------------------- */

typedef struct {
  PbBundleBallot *ballot;
  char           *choices;       /* in the master's project ids */
  PbBallotMethod  method;
  gboolean        is_new;
} Prepared;

static void
prepared_clear (gpointer data)
{
  Prepared *p = data;

  g_free (p->choices);
}

/* Maps each ballot to the master's projects and validates it with the one
 * validation function every ballot goes through. */
static GArray *
prepare_ballots (PbBundle   *bundle,
                 PbProcess  *process,
                 GError    **error)
{
  GPtrArray *ballots = pb_bundle_get_ballots_internal (bundle);
  g_autoptr(GArray) prepared = g_array_sized_new (FALSE, TRUE, sizeof (Prepared), ballots->len);

  g_array_set_clear_func (prepared, prepared_clear);
  for (guint i = 0; i < ballots->len; i++)
    {
      PbBundleBallot *ballot = g_ptr_array_index (ballots, i);
      g_autoptr(PbBallotChoices) choices = pb_ballot_choices_new (pb_process_get_ballot_format (process));
      g_autoptr(GError) local_error = NULL;
      Prepared p = { ballot, NULL, PB_BALLOT_METHOD_KIOSK, FALSE };

      for (guint j = 0; j < ballot->choices->len; j++)
        {
          PbBundleChoice *choice = &g_array_index (ballot->choices, PbBundleChoice, j);
          PbProject *project = pb_process_lookup_project_by_code (process, choice->project);

          if (project == NULL)
            {
              g_set_error (error, PB_BUNDLE_ERROR, PB_BUNDLE_ERROR_INVALID_BALLOT,
                           _("Ballot %s chooses the project “%s”, which is not in “%s”. Nothing was added."),
                           ballot->uuid, choice->project, pb_process_get_name (process));
              return NULL;
            }
          pb_ballot_choices_add (choices, pb_project_get_id (project), choice->points);
        }
      if (!pb_ballot_validate (process, choices, &local_error))
        {
          g_set_error (error, PB_BUNDLE_ERROR, PB_BUNDLE_ERROR_INVALID_BALLOT,
                       _("Ballot %s (receipt %s) breaks the rules of “%s”: %s Nothing was added."),
                       ballot->uuid, ballot->receipt, pb_process_get_name (process), local_error->message);
          return NULL;
        }
      pb_ballot_method_from_string (ballot->method, &p.method);
      p.choices = pb_ballot_choices_to_string (choices);
      g_array_append_val (prepared, p);
    }
  return g_steal_pointer (&prepared);
}

/* Sorts out which ballots the master lacks; a UUID it holds with other
 * content is refused, since a kiosk never changes a ballot. */
static gboolean
find_new_ballots (PbStore    *store,
                  PbBundle   *bundle,
                  PbProcess  *process,
                  GArray     *prepared,
                  guint      *out_n_present,
                  GError    **error)
{
  sqlite3_stmt *stmt;

  *out_n_present = 0;
  for (guint i = 0; i < prepared->len; i++)
    {
      Prepared *p = &g_array_index (prepared, Prepared, i);
      gboolean same;
      int rc;

      stmt = pb_store_prepare (store, "SELECT b.process_id, coalesce (k.public_key, ''), b.method, b.cast_time,"
                               " b.choices, b.receipt FROM ballots b LEFT JOIN kiosks k ON k.id = b.kiosk_id"
                               " WHERE b.uuid = ?;", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, p->ballot->uuid, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        {
          sqlite3_reset (stmt);
          p->is_new = TRUE;
          continue;
        }
      if (rc != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          pb_store_set_sqlite_error (store, rc, error);
          return FALSE;
        }
      same = sqlite3_column_int64 (stmt, 0) == pb_process_get_id (process)
        && strcmp (pb_store_column_text (stmt, 1), pb_bundle_get_kiosk_id (bundle)) == 0
        && strcmp (pb_store_column_text (stmt, 2), p->ballot->method) == 0
        && sqlite3_column_int64 (stmt, 3) == p->ballot->cast_time
        && strcmp (pb_store_column_text (stmt, 4), p->choices) == 0
        && strcmp (pb_store_column_text (stmt, 5), p->ballot->receipt) == 0;
      sqlite3_reset (stmt);
      if (!same)
        {
          g_set_error (error, PB_BUNDLE_ERROR, PB_BUNDLE_ERROR_BALLOT_CONFLICT,
                       _("Ballot %s is already in this database with other content. A kiosk never changes a "
                         "ballot, so one of the two was altered; nothing was added."), p->ballot->uuid);
          return FALSE;
        }
      (*out_n_present)++;
    }
  return TRUE;
}

/* The codes the master recorded as consumed by @kiosk_id's bundles, after
 * checking the record against its audit entry. */
static GHashTable *
read_codes_record (PbStore     *store,
                   const char  *key,
                   GError     **error)
{
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *value = NULL;
  g_autofree char *recorded = NULL;
  sqlite3_stmt *stmt;
  guint8 hash[PB_HASH_BYTES];
  g_autofree char *hex = NULL;

  stmt = pb_store_prepare (store, "SELECT value FROM settings WHERE key = ?;", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup (pb_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  stmt = pb_store_prepare (store, "SELECT subject_hash FROM audit WHERE subject = ? ORDER BY seq DESC LIMIT 1;",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    recorded = g_strdup (pb_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (value == NULL && recorded == NULL)
    return g_steal_pointer (&codes);
  if (value != NULL)
    {
      crypto_generichash (hash, sizeof hash, (const guint8 *) value, strlen (value), NULL, 0);
      hex = pb_hash_to_hex (hash);
    }
  if (value == NULL || recorded == NULL || strcmp (hex, recorded) != 0)
    {
      g_set_error (error, PB_BUNDLE_ERROR, PB_BUNDLE_ERROR_RECORD_ALTERED,
                   _("This database’s record of the voter codes merged from kiosk %.8s was changed outside Pb; "
                     "run “pbtool verify” and check the database before adding more ballots."),
                   key + strlen (key) - crypto_sign_PUBLICKEYBYTES * 2);
      return NULL;
    }
  if (value[0] != '\0')
    {
      g_auto(GStrv) lines = g_strsplit (value, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        g_hash_table_add (codes, g_strdup (lines[i]));
    }
  return g_steal_pointer (&codes);
}

/* The kiosk whose merged bundle consumed @code, or the master's own kiosk
 * when none did (the code was used here). */
static char *
find_code_owner (PbStore    *store,
                 PbProcess  *process,
                 const char *code,
                 const char *except_kiosk)
{
  g_autofree char *prefix = pb_bundle_codes_key (pb_process_get_id (process), "");
  sqlite3_stmt *stmt;
  char *owner = NULL;

  stmt = pb_store_prepare (store, "SELECT key, value FROM settings WHERE substr (key, 1, length (?1)) = ?1;", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_STATIC);
      while (owner == NULL && sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *kiosk = pb_store_column_text (stmt, 0) + strlen (prefix);
          g_auto(GStrv) lines = g_strsplit (pb_store_column_text (stmt, 1), "\n", -1);

          if (strcmp (kiosk, except_kiosk) != 0 && g_strv_contains ((const char * const *) lines, code))
            owner = g_strdup (kiosk);
        }
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
  return owner != NULL ? owner : g_strdup (pb_store_get_kiosk_id (store));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* A sorted, NULL-terminated copy of a set of strings. */
static GStrv
strv_from_set (GHashTable *set)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (items, g_strdup (key));
  g_ptr_array_sort (items, compare_strings);
  g_ptr_array_add (items, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&items), FALSE);
}

/* Checks every code the kiosk used that the master has not seen from this
 * kiosk before.  Fills @to_consume with the codes to mark used and the
 * report with the conflicts. */
static gboolean
check_codes (PbStore        *store,
             PbBundle       *bundle,
             PbProcess      *process,
             GHashTable     *previous,
             GArray         *prepared,
             GPtrArray      *to_consume,
             GPtrArray      *new_codes,
             PbMergeReport  *report,
             GError        **error)
{
  GPtrArray *codes = pb_bundle_get_codes_internal (bundle);
  g_autoptr(GPtrArray) new_coded = g_ptr_array_new ();
  g_auto(GStrv) candidates = NULL;
  sqlite3_stmt *stmt;

  for (guint i = 0; i < prepared->len; i++)
    {
      Prepared *p = &g_array_index (prepared, Prepared, i);

      if (p->is_new && p->ballot->code_used)
        g_ptr_array_add (new_coded, p->ballot->uuid);
    }
  for (guint i = 0; i < codes->len; i++)
    if (!g_hash_table_contains (previous, g_ptr_array_index (codes, i)))
      g_ptr_array_add (new_codes, g_ptr_array_index (codes, i));

  /* A kiosk's bundles are cumulative: each new ballot cast with a code
   * comes with one code the master has not seen from it. */
  if (new_coded->len != new_codes->len)
    {
      g_set_error (error, PB_BUNDLE_ERROR, PB_BUNDLE_ERROR_CODES_INCONSISTENT,
                   _("The bundle has %u new ballots cast with a voter code but %u voter codes not added before "
                     "from this kiosk; it does not follow the kiosk’s earlier bundles. Nothing was added."),
                   new_coded->len, new_codes->len);
      return FALSE;
    }
  g_ptr_array_add (new_coded, NULL);
  candidates = g_strdupv ((char **) new_coded->pdata);

  for (guint i = 0; i < new_codes->len; i++)
    {
      const char *code = g_ptr_array_index (new_codes, i);
      PbVoterCodeState state = PB_VOTER_CODE_STATE_ISSUED;
      g_autoptr(PbCodeConflict) conflict = NULL;
      gboolean found = FALSE;
      int rc;

      stmt = pb_store_prepare (store, "SELECT state FROM voter_codes WHERE process_id = ? AND code = ?;", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, pb_process_get_id (process));
      sqlite3_bind_text (stmt, 2, code, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          found = TRUE;
          pb_voter_code_state_from_string (pb_store_column_text (stmt, 0), &state);
        }
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          pb_store_set_sqlite_error (store, rc, error);
          return FALSE;
        }
      if (found && state == PB_VOTER_CODE_STATE_ISSUED)
        {
          g_ptr_array_add (to_consume, (gpointer) code);
          continue;
        }

      conflict = g_object_new (PB_TYPE_CODE_CONFLICT, NULL);
      conflict->code = g_strdup (code);
      conflict->kiosk_id = g_strdup (pb_bundle_get_kiosk_id (bundle));
      conflict->ballots = g_strdupv (candidates);
      if (!found)
        conflict->reason = PB_CODE_CONFLICT_UNKNOWN;
      else if (state == PB_VOTER_CODE_STATE_VOID)
        conflict->reason = PB_CODE_CONFLICT_VOID;
      else
        {
          g_autoptr(GHashTable) other = NULL;

          conflict->reason = PB_CODE_CONFLICT_USED_ELSEWHERE;
          conflict->other_kiosk_id = find_code_owner (store, process, code, pb_bundle_get_kiosk_id (bundle));
          other = pb_bundle_coded_ballots (store, pb_process_get_id (process),
                                           lookup_kiosk_row (store, conflict->other_kiosk_id), error);
          if (other == NULL)
            return FALSE;
          conflict->other_ballots = strv_from_set (other);
        }
      if (conflict->other_ballots == NULL)
        conflict->other_ballots = g_new0 (char *, 1);
      g_list_store_append (report->conflicts, conflict);
    }
  return TRUE;
}

static gboolean
insert_ballot (PbStore      *store,
               PbProcess    *process,
               gint64        kiosk_row,
               const char   *kiosk_id,
               Prepared     *p,
               gboolean      code_used,
               GError      **error)
{
  g_autofree char *subject = g_strconcat ("ballot ", p->ballot->uuid, NULL);
  g_autofree char *summary = g_strdup_printf ("Ballot merged from kiosk %.8s", kiosk_id);
  const char *method = pb_ballot_method_to_string (p->method);
  guint8 hash[PB_HASH_BYTES];
  sqlite3_stmt *stmt;

  /* Not pb_store_insert_ballot(): the receipt is the one the resident saw
   * on the kiosk, which the kiosk derived from its own project ids. */
  stmt = pb_store_prepare (store, "INSERT INTO ballots (uuid, process_id, kiosk_id, method, cast_time, choices,"
                           " receipt) VALUES (?, ?, ?, ?, ?, ?, ?);", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, p->ballot->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, pb_process_get_id (process));
  sqlite3_bind_int64 (stmt, 3, kiosk_row);
  sqlite3_bind_text (stmt, 4, method, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, p->ballot->cast_time);
  sqlite3_bind_text (stmt, 6, p->choices, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, p->ballot->receipt, -1, SQLITE_STATIC);
  if (!pb_store_step_done (store, stmt, error))
    return FALSE;

  pb_hash_ballot_row (p->ballot->uuid, pb_process_get_id (process), kiosk_id, method, p->ballot->cast_time,
                      p->choices, p->ballot->receipt, hash);
  if (!pb_store_audit_append (store, pb_process_get_id (process), "ballot", subject, hash, summary, error))
    return FALSE;
  /* Same record as a ballot cast here: that a code was used, not which. */
  return !code_used
    || pb_store_audit_append (store, pb_process_get_id (process), "code-used", "", NULL, "A voter code was used",
                              error);
}

/* All the writes, inside the caller's transaction. */
static gboolean
apply (PbStore        *store,
       PbBundle       *bundle,
       PbProcess      *process,
       gint64          kiosk_row,
       GArray         *prepared,
       GHashTable     *previous,
       GPtrArray      *to_consume,
       GPtrArray      *new_codes,
       PbMergeReport  *report,
       GError        **error)
{
  const char *kiosk_id = pb_bundle_get_kiosk_id (bundle);
  gint64 process_id = pb_process_get_id (process);
  guint n_to_mark = to_consume->len;
  sqlite3_stmt *stmt;
  guint8 hash[PB_HASH_BYTES];
  g_autofree char *subject = NULL;
  g_autofree char *summary = NULL;

  for (guint i = 0; i < to_consume->len; i++)
    {
      stmt = pb_store_prepare (store, "UPDATE voter_codes SET state = 'used'"
                               " WHERE process_id = ? AND code = ? AND state = 'issued';", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, process_id);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (to_consume, i), -1, SQLITE_STATIC);
      if (!pb_store_step_done (store, stmt, error))
        return FALSE;
    }

  /* The audit log counts one "code-used" entry per code marked used; a
   * conflicting code the officer accepted is recorded on its own below. */
  for (guint i = 0; i < prepared->len; i++)
    {
      Prepared *p = &g_array_index (prepared, Prepared, i);
      gboolean code_used = p->ballot->code_used && n_to_mark > 0;

      if (!p->is_new)
        continue;
      if (!insert_ballot (store, process, kiosk_row, kiosk_id, p, code_used, error))
        return FALSE;
      if (code_used)
        n_to_mark--;
      report->n_added++;
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (report->conflicts)); i++)
    {
      g_autoptr(PbCodeConflict) conflict = g_list_model_get_item (G_LIST_MODEL (report->conflicts), i);
      g_autofree char *text = g_strdup_printf ("Voter code %s from kiosk %.8s counted by an officer's decision"
                                               " (%s)", conflict->code, kiosk_id,
                                               conflict->reason == PB_CODE_CONFLICT_USED_ELSEWHERE
                                               ? "already used" : conflict->reason == PB_CODE_CONFLICT_VOID
                                               ? "voided" : "unknown");

      if (!pb_store_audit_append (store, process_id, "code-conflict", "", NULL, text, error))
        return FALSE;
    }

  if (new_codes->len > 0)
    {
      g_autoptr(GPtrArray) all = g_ptr_array_new ();
      g_autoptr(GString) value = g_string_new (NULL);
      g_autofree char *key = pb_bundle_codes_key (process_id, kiosk_id);
      GHashTableIter iter;
      gpointer code;

      g_hash_table_iter_init (&iter, previous);
      while (g_hash_table_iter_next (&iter, &code, NULL))
        g_ptr_array_add (all, code);
      for (guint i = 0; i < new_codes->len; i++)
        g_ptr_array_add (all, g_ptr_array_index (new_codes, i));
      g_ptr_array_sort (all, compare_strings);
      for (guint i = 0; i < all->len; i++)
        g_string_append_printf (value, "%s%s", i > 0 ? "\n" : "", (const char *) g_ptr_array_index (all, i));

      stmt = pb_store_prepare (store, "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?);", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, value->str, -1, SQLITE_STATIC);
      if (!pb_store_step_done (store, stmt, error))
        return FALSE;
      crypto_generichash (hash, sizeof hash, (const guint8 *) value->str, value->len, NULL, 0);
      summary = g_strdup_printf ("%u voter codes used on kiosk %.8s recorded", all->len, kiosk_id);
      if (!pb_store_audit_append (store, process_id, "merge-codes", key, hash, summary, error))
        return FALSE;
      g_clear_pointer (&summary, g_free);
    }

  sodium_hex2bin (hash, sizeof hash, pb_bundle_get_hash (bundle), PB_HASH_BYTES * 2, NULL, NULL, NULL);
  subject = g_strconcat ("bundle ", pb_bundle_get_hash (bundle), NULL);
  summary = g_strdup_printf ("Bundle from kiosk %.8s merged: %u ballots added, %u already present",
                             kiosk_id, report->n_added, report->n_present);
  return pb_store_audit_append (store, process_id, "merge", subject, hash, summary, error);
}

gboolean
pb_bundle_merge (PbBundle        *bundle,
                 PbStore         *store,
                 PbMergeFlags     flags,
                 PbMergeReport  **out_report,
                 GError         **error)
{
  g_autoptr(PbMergeReport) report = NULL;
  g_autoptr(GArray) prepared = NULL;
  g_autoptr(GHashTable) previous = NULL;
  g_autoptr(GPtrArray) to_consume = g_ptr_array_new ();
  g_autoptr(GPtrArray) new_codes = g_ptr_array_new ();
  g_autofree char *key = NULL;
  const char *kiosk_id;
  PbProcess *process;
  gint64 kiosk_row;
  guint n_conflicts;

  g_return_val_if_fail (PB_IS_BUNDLE (bundle), FALSE);
  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (out_report == NULL || *out_report == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  kiosk_id = pb_bundle_get_kiosk_id (bundle);
  if (strcmp (kiosk_id, pb_store_get_kiosk_id (store)) == 0)
    {
      g_set_error (error, PB_BUNDLE_ERROR, PB_BUNDLE_ERROR_OWN_KIOSK,
                   _("This bundle was written by this computer’s own kiosk: its ballots are already here."));
      return FALSE;
    }
  process = find_process (bundle, store, error);
  if (process == NULL)
    return FALSE;

  report = g_object_new (PB_TYPE_MERGE_REPORT, NULL);
  report->process = g_object_ref (process);
  report->kiosk_id = g_strdup (kiosk_id);
  if (out_report != NULL)
    *out_report = g_object_ref (report);

  prepared = prepare_ballots (bundle, process, error);
  if (prepared == NULL)
    return FALSE;

  if (!pb_store_begin (store, error))
    return FALSE;
  kiosk_row = lookup_kiosk_row (store, kiosk_id);
  if (kiosk_row == 0 && !(flags & PB_MERGE_TRUST_KIOSK))
    {
      g_set_error (error, PB_BUNDLE_ERROR, PB_BUNDLE_ERROR_UNKNOWN_KIOSK,
                   _("The bundle comes from kiosk %.8s, which this database does not know. Check on the kiosk "
                     "(“About this kiosk”) that its id starts with %.8s, then add the bundle again and trust "
                     "the kiosk. Nothing was added."), kiosk_id, kiosk_id);
      goto fail;
    }
  report->kiosk_was_new = kiosk_row == 0;

  key = pb_bundle_codes_key (pb_process_get_id (process), kiosk_id);
  if (!find_new_ballots (store, bundle, process, prepared, &report->n_present, error)
      || (previous = read_codes_record (store, key, error)) == NULL
      || !check_codes (store, bundle, process, previous, prepared, to_consume, new_codes, report, error))
    goto fail;

  n_conflicts = g_list_model_get_n_items (G_LIST_MODEL (report->conflicts));
  if (n_conflicts > 0 && !(flags & PB_MERGE_ACCEPT_CODE_CONFLICTS))
    {
      g_set_error (error, PB_BUNDLE_ERROR, PB_BUNDLE_ERROR_CODE_CONFLICT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u voter code used on kiosk %.8s was also used elsewhere, voided or unknown. An "
                                "officer must decide whether to count these ballots; nothing was added.",
                                "%u voter codes used on kiosk %.8s were also used elsewhere, voided or unknown. "
                                "An officer must decide whether to count these ballots; nothing was added.",
                                n_conflicts),
                   n_conflicts, kiosk_id);
      goto fail;
    }

  /* Merging a bundle again changes nothing and records nothing. */
  if (report->n_present == prepared->len && kiosk_row != 0 && new_codes->len == 0)
    {
      pb_store_rollback (store);
      return TRUE;
    }

  if (kiosk_row == 0 && !insert_kiosk (store, kiosk_id, &kiosk_row, error))
    goto fail;
  if (!apply (store, bundle, process, kiosk_row, prepared, previous, to_consume, new_codes, report, error)
      || !pb_store_commit (store, error))
    goto fail;

  pb_process_set_ballot_count (process, process->ballot_count + report->n_added);
  return TRUE;

fail:
  pb_store_rollback (store);
  report->n_added = 0;
  return FALSE;
}
