/* pb-store-ballots.c: casting ballots, voter codes and paper batches.
 *
 * A ballot is written with its audit entry, and its voter code consumed,
 * in one transaction with synchronous=FULL: when pb_store_cast_ballot()
 * returns a ballot, it is on disk; when it returns NULL, nothing is.
 *
 * Secrecy: the code row changes only its state; the ballot row names no
 * code; the ballot's audit entry is followed by a "code-used" entry that
 * says a code was used but not which.  Code rows are ordered by issue, not
 * by use, so neither row ids nor times link a code to its ballot.
 */

#include "pb-config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "pb-store-private.h"

static gboolean
check_voting (PbProcess  *process,
              GError    **error)
{
  if (process->data.phase != PB_PHASE_VOTING)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_VOTING,
                   _("Ballots are accepted only in the voting phase; “%s” is in the %s phase."),
                   process->data.name, pb_phase_get_label (process->data.phase));
      return FALSE;
    }
  return TRUE;
}

gboolean
pb_store_insert_ballot (PbStore          *self,
                        PbProcess        *process,
                        const char       *uuid,
                        gint64            kiosk_row,
                        const char       *kiosk_id,
                        PbBallotMethod    method,
                        gint64            cast_time,
                        const char       *choices_text,
                        gboolean          code_used,
                        char            **out_receipt,
                        GError          **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *receipt = pb_receipt_from_ballot (uuid, choices_text);
  g_autofree char *subject = g_strconcat ("ballot ", uuid, NULL);
  guint8 hash[PB_HASH_BYTES];
  const char *method_name = pb_ballot_method_to_string (method);

  stmt = pb_store_prepare (self, "INSERT INTO ballots (uuid, process_id, kiosk_id, method, cast_time, choices,"
                           " receipt) VALUES (?, ?, ?, ?, ?, ?, ?);", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, process->id);
  sqlite3_bind_int64 (stmt, 3, kiosk_row);
  sqlite3_bind_text (stmt, 4, method_name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, cast_time);
  sqlite3_bind_text (stmt, 6, choices_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, receipt, -1, SQLITE_STATIC);
  if (!pb_store_step_done (self, stmt, error))
    return FALSE;

  pb_hash_ballot_row (uuid, process->id, kiosk_id, method_name, cast_time, choices_text, receipt, hash);
  if (!pb_store_audit_append (self, process->id, "ballot", subject, hash, "Ballot cast", error))
    return FALSE;
  if (code_used && !pb_store_audit_append (self, process->id, "code-used", "", NULL, "A voter code was used", error))
    return FALSE;
  if (out_receipt != NULL)
    *out_receipt = g_steal_pointer (&receipt);
  return TRUE;
}

/* Looks a normalised code up and sets @error when it cannot be used. */
static gboolean
find_usable_code (PbStore     *self,
                  PbProcess   *process,
                  const char  *code,
                  gint64      *out_id,
                  GError     **error)
{
  sqlite3_stmt *stmt = pb_store_prepare (self, "SELECT id, state FROM voter_codes WHERE process_id = ? AND code = ?;",
                                         error);
  PbVoterCodeState state = PB_VOTER_CODE_STATE_ISSUED;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, process->id);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_id = sqlite3_column_int64 (stmt, 0);
      pb_voter_code_state_from_string (pb_store_column_text (stmt, 1), &state);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, PB_VOTER_CODE_ERROR, PB_VOTER_CODE_ERROR_UNKNOWN,
                   _("The code %s is not a voter code of “%s”. Check it and try again."), code, process->data.name);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      pb_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  if (state == PB_VOTER_CODE_STATE_USED)
    {
      g_set_error (error, PB_VOTER_CODE_ERROR, PB_VOTER_CODE_ERROR_USED,
                   _("The code %s has already been used to vote."), code);
      return FALSE;
    }
  if (state == PB_VOTER_CODE_STATE_VOID)
    {
      g_set_error (error, PB_VOTER_CODE_ERROR, PB_VOTER_CODE_ERROR_VOID,
                   _("The code %s has been cancelled by an officer and cannot be used."), code);
      return FALSE;
    }
  return TRUE;
}

PbBallot *
pb_store_cast_ballot (PbStore          *self,
                      PbProcess        *process,
                      PbBallotChoices  *choices,
                      PbBallotMethod    method,
                      const char       *voter_code,
                      GError          **error)
{
  g_autofree char *code = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *text = NULL;
  g_autofree char *receipt = NULL;
  gint64 code_id = 0;
  gint64 now;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (PB_IS_PROCESS (process), NULL);
  g_return_val_if_fail (choices != NULL, NULL);
  g_return_val_if_fail (method <= PB_BALLOT_METHOD_IMPORT, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_voting (process, error) || !pb_ballot_validate (process, choices, error))
    return NULL;
  if (voter_code != NULL && voter_code[0] != '\0')
    {
      code = pb_voter_code_normalize (voter_code, error);
      if (code == NULL)
        return NULL;
    }
  else if (process->data.voter_codes_required)
    {
      g_set_error (error, PB_VOTER_CODE_ERROR, PB_VOTER_CODE_ERROR_REQUIRED,
                   _("“%s” requires a voter code to vote."), process->data.name);
      return NULL;
    }

  uuid = g_uuid_string_random ();
  text = pb_ballot_choices_to_string (choices);
  now = g_get_real_time ();

  if (!pb_store_begin (self, error))
    return NULL;
  if (code != NULL)
    {
      sqlite3_stmt *stmt;

      if (!find_usable_code (self, process, code, &code_id, error))
        goto fail;
      stmt = pb_store_prepare (self, "UPDATE voter_codes SET state = 'used' WHERE id = ? AND state = 'issued';",
                               error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, code_id);
      if (!pb_store_step_done (self, stmt, error))
        goto fail;
    }
  if (!pb_store_insert_ballot (self, process, uuid, pb_store_get_kiosk_row (self), pb_store_get_kiosk_id (self),
                               method, now, text, code != NULL, &receipt, error)
      || !pb_store_commit (self, error))
    goto fail;

  pb_process_set_ballot_count (process, process->ballot_count + 1);
  return pb_ballot_new_internal (uuid, process->id, pb_store_get_kiosk_id (self), method, now, choices, receipt);

fail:
  pb_store_rollback (self);
  return NULL;
}

guint
pb_store_count_ballots (PbStore        *self,
                        PbProcess      *process,
                        PbBallotMethod  method)
{
  sqlite3_stmt *stmt;
  guint count = 0;

  g_return_val_if_fail (PB_IS_STORE (self), 0);
  g_return_val_if_fail (PB_IS_PROCESS (process), 0);

  stmt = pb_store_prepare (self, "SELECT count(*) FROM ballots WHERE process_id = ?1 AND (?2 = '' OR method = ?2);",
                           NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, process->id);
  sqlite3_bind_text (stmt, 2, method == PB_BALLOT_METHOD_ANY ? "" : pb_ballot_method_to_string (method), -1,
                     SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

GHashTable *
pb_store_count_ballots_by_kiosk (PbStore   *self,
                                 PbProcess *process)
{
  GHashTable *counts;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (PB_IS_PROCESS (process), NULL);

  counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  stmt = pb_store_prepare (self, "SELECT k.public_key, count(*) FROM ballots b JOIN kiosks k ON k.id = b.kiosk_id"
                           " WHERE b.process_id = ? GROUP BY k.public_key;", NULL);
  if (stmt == NULL)
    return counts;
  sqlite3_bind_int64 (stmt, 1, process->id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (counts, g_strdup (pb_store_column_text (stmt, 0)),
                         GUINT_TO_POINTER ((guint) sqlite3_column_int (stmt, 1)));
  sqlite3_reset (stmt);
  return counts;
}

static PbBallot *
ballot_from_row (PbProcess    *process,
                 sqlite3_stmt *stmt)
{
  PbBallotMethod method = PB_BALLOT_METHOD_KIOSK;
  g_autoptr(PbBallotChoices) choices = NULL;

  pb_ballot_method_from_string (pb_store_column_text (stmt, 2), &method);
  choices = pb_ballot_choices_from_string (process->data.format, pb_store_column_text (stmt, 4));
  if (choices == NULL)
    choices = pb_ballot_choices_new (process->data.format);
  return pb_ballot_new_internal (pb_store_column_text (stmt, 0), process->id, pb_store_column_text (stmt, 1), method,
                                 sqlite3_column_int64 (stmt, 3), choices, pb_store_column_text (stmt, 5));
}

GListModel *
pb_store_list_ballots (PbStore    *self,
                       PbProcess  *process,
                       GError    **error)
{
  g_autoptr(GListStore) list = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (PB_IS_PROCESS (process), NULL);

  stmt = pb_store_prepare (self, "SELECT b.uuid, k.public_key, b.method, b.cast_time, b.choices, b.receipt"
                           " FROM ballots b JOIN kiosks k ON k.id = b.kiosk_id WHERE b.process_id = ? ORDER BY b.id;",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process->id);
  list = g_list_store_new (PB_TYPE_BALLOT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(PbBallot) ballot = ballot_from_row (process, stmt);
      g_list_store_append (list, ballot);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pb_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

PbBallot *
pb_store_lookup_receipt (PbStore    *self,
                         PbProcess  *process,
                         const char *receipt)
{
  g_autofree char *normalized = NULL;
  sqlite3_stmt *stmt;
  PbBallot *ballot = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (PB_IS_PROCESS (process), NULL);
  g_return_val_if_fail (receipt != NULL, NULL);

  /* Receipts use the code alphabet, so typed input is read the same way. */
  normalized = pb_voter_code_normalize (receipt, NULL);
  if (normalized == NULL)
    return NULL;
  stmt = pb_store_prepare (self, "SELECT b.uuid, k.public_key, b.method, b.cast_time, b.choices, b.receipt"
                           " FROM ballots b JOIN kiosks k ON k.id = b.kiosk_id"
                           " WHERE b.process_id = ? AND b.receipt = ?;", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process->id);
  sqlite3_bind_text (stmt, 2, normalized, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    ballot = ballot_from_row (process, stmt);
  sqlite3_reset (stmt);
  return ballot;
}

/* ---- Voter codes -------------------------------------------------------- */

GListModel *
pb_store_issue_voter_codes (PbStore     *self,
                            PbProcess   *process,
                            guint        n_codes,
                            guint       *out_batch,
                            GError     **error)
{
  g_autoptr(GListStore) list = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *subject = NULL;
  g_autofree char *summary = NULL;
  sqlite3_stmt *stmt;
  guint8 hash[PB_HASH_BYTES];
  guint batch = 1;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (PB_IS_PROCESS (process), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!pb_store_check_not_published (process, error))
    return NULL;
  if (n_codes == 0 || n_codes > 100000)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("A batch holds from 1 to 100000 codes, not %u."), n_codes);
      return NULL;
    }

  if (!pb_store_begin (self, error))
    return NULL;
  stmt = pb_store_prepare (self, "SELECT coalesce(max(batch), 0) + 1 FROM voter_codes WHERE process_id = ?;", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, process->id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    batch = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  list = g_list_store_new (PB_TYPE_VOTER_CODE);
  stmt = pb_store_prepare (self, "INSERT OR IGNORE INTO voter_codes (process_id, code, batch, state)"
                           " VALUES (?, ?, ?, 'issued');", error);
  if (stmt == NULL)
    goto fail;
  for (guint i = 0; i < n_codes; i++)
    {
      g_autofree char *code = pb_voter_code_generate ();
      g_autoptr(PbVoterCode) object = NULL;
      int rc;

      sqlite3_bind_int64 (stmt, 1, process->id);
      sqlite3_bind_text (stmt, 2, code, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, batch);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          pb_store_set_sqlite_error (self, rc, error);
          goto fail;
        }
      /* A collision with an earlier code (rare at 40 bits) is drawn again. */
      if (sqlite3_changes (pb_store_get_db (self)) == 0)
        {
          i--;
          continue;
        }
      g_string_append_printf (all, "%s\n", code);
      object = pb_voter_code_new_internal (code, batch, PB_VOTER_CODE_STATE_ISSUED);
      g_list_store_append (list, object);
    }
  sqlite3_clear_bindings (stmt);

  crypto_generichash (hash, sizeof hash, (const guint8 *) all->str, all->len, NULL, 0);
  subject = g_strdup_printf ("codes batch %u", batch);
  summary = g_strdup_printf ("%u voter codes issued in batch %u", n_codes, batch);
  if (!pb_store_audit_append (self, process->id, "codes-issue", subject, hash, summary, error)
      || !pb_store_commit (self, error))
    goto fail;
  if (out_batch != NULL)
    *out_batch = batch;
  return G_LIST_MODEL (g_steal_pointer (&list));

fail:
  pb_store_rollback (self);
  return NULL;
}

gboolean
pb_store_check_voter_code (PbStore     *self,
                           PbProcess   *process,
                           const char  *code,
                           GError     **error)
{
  g_autofree char *normalized = NULL;
  gint64 id;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_PROCESS (process), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  normalized = pb_voter_code_normalize (code, error);
  return normalized != NULL && find_usable_code (self, process, normalized, &id, error);
}

gboolean
pb_store_void_voter_code (PbStore     *self,
                          PbProcess   *process,
                          const char  *code,
                          GError     **error)
{
  g_autofree char *normalized = NULL;
  g_autofree char *subject = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_PROCESS (process), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pb_store_check_not_published (process, error))
    return FALSE;
  normalized = pb_voter_code_normalize (code, error);
  if (normalized == NULL)
    return FALSE;
  if (!pb_store_begin (self, error))
    return FALSE;
  if (!find_usable_code (self, process, normalized, &id, error))
    goto fail;
  stmt = pb_store_prepare (self, "UPDATE voter_codes SET state = 'void' WHERE id = ?;", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  subject = g_strconcat ("code ", normalized, NULL);
  if (!pb_store_step_done (self, stmt, error)
      || !pb_store_audit_append (self, process->id, "codes-void", subject, NULL, "Voter code voided", error)
      || !pb_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  pb_store_rollback (self);
  return FALSE;
}

gboolean
pb_store_void_voter_code_batch (PbStore     *self,
                                PbProcess   *process,
                                guint        batch,
                                guint       *out_n_voided,
                                GError     **error)
{
  g_autofree char *subject = NULL;
  g_autofree char *summary = NULL;
  sqlite3_stmt *stmt;
  guint n;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_PROCESS (process), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pb_store_check_not_published (process, error))
    return FALSE;
  if (!pb_store_begin (self, error))
    return FALSE;
  stmt = pb_store_prepare (self, "UPDATE voter_codes SET state = 'void'"
                           " WHERE process_id = ? AND batch = ? AND state = 'issued';", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, process->id);
  sqlite3_bind_int (stmt, 2, batch);
  if (!pb_store_step_done (self, stmt, error))
    goto fail;
  n = sqlite3_changes (pb_store_get_db (self));
  subject = g_strdup_printf ("codes batch %u", batch);
  summary = g_strdup_printf ("%u unused voter codes of batch %u voided", n, batch);
  if (!pb_store_audit_append (self, process->id, "codes-void", subject, NULL, summary, error)
      || !pb_store_commit (self, error))
    goto fail;
  if (out_n_voided != NULL)
    *out_n_voided = n;
  return TRUE;

fail:
  pb_store_rollback (self);
  return FALSE;
}

GListModel *
pb_store_list_voter_codes (PbStore    *self,
                           PbProcess  *process,
                           GError    **error)
{
  g_autoptr(GListStore) list = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (PB_IS_PROCESS (process), NULL);

  stmt = pb_store_prepare (self, "SELECT code, batch, state FROM voter_codes WHERE process_id = ?"
                           " ORDER BY batch, code;", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process->id);
  list = g_list_store_new (PB_TYPE_VOTER_CODE);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PbVoterCodeState state = PB_VOTER_CODE_STATE_ISSUED;
      g_autoptr(PbVoterCode) code = NULL;

      pb_voter_code_state_from_string (pb_store_column_text (stmt, 2), &state);
      code = pb_voter_code_new_internal (pb_store_column_text (stmt, 0), sqlite3_column_int (stmt, 1), state);
      g_list_store_append (list, code);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pb_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

guint
pb_store_count_voter_codes (PbStore          *self,
                            PbProcess        *process,
                            PbVoterCodeState  state)
{
  sqlite3_stmt *stmt;
  guint count = 0;

  g_return_val_if_fail (PB_IS_STORE (self), 0);
  g_return_val_if_fail (PB_IS_PROCESS (process), 0);

  stmt = pb_store_prepare (self, "SELECT count(*) FROM voter_codes WHERE process_id = ? AND state = ?;", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, process->id);
  sqlite3_bind_text (stmt, 2, pb_voter_code_state_to_string (state), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}
