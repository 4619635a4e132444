/* pb-store-paper.c: paper ballots entered twice by two officers.
 *
 * Both officers' entries are kept in paper_entries.  Nothing reaches the
 * ballots table until an officer commits a batch whose two entries are
 * complete and identical; the commit writes all its ballots (method
 * paper) and marks the batch, in one transaction.
 */

#include "pb-config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "pb-store-private.h"

/* Reads a batch's counts and officers. */
static gboolean
read_batch_state (PbStore  *self,
                  gint64    batch_id,
                  guint     counts[2],
                  char     *officers[2],
                  gboolean *committed,
                  GError  **error)
{
  sqlite3_stmt *stmt = pb_store_prepare (self,
                                         "SELECT b.committed,"
                                         " (SELECT count(*) FROM paper_entries e WHERE e.batch_id = b.id AND e.entry = 1),"
                                         " (SELECT count(*) FROM paper_entries e WHERE e.batch_id = b.id AND e.entry = 2),"
                                         " (SELECT officer FROM paper_entries e WHERE e.batch_id = b.id AND e.entry = 1"
                                         "  ORDER BY number DESC LIMIT 1),"
                                         " (SELECT officer FROM paper_entries e WHERE e.batch_id = b.id AND e.entry = 2"
                                         "  ORDER BY number DESC LIMIT 1)"
                                         " FROM paper_batches b WHERE b.id = ?;", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, batch_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *committed = sqlite3_column_int (stmt, 0) != 0;
      counts[0] = sqlite3_column_int (stmt, 1);
      counts[1] = sqlite3_column_int (stmt, 2);
      officers[0] = g_strdup (pb_store_column_text (stmt, 3));
      officers[1] = g_strdup (pb_store_column_text (stmt, 4));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND, _("The paper batch no longer exists."));
      else
        pb_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

static void
refresh_batch (PbStore      *self,
               PbPaperBatch *batch)
{
  guint counts[2] = { 0, 0 };
  char *officers[2] = { NULL, NULL };
  gboolean committed = FALSE;

  if (read_batch_state (self, pb_paper_batch_get_id (batch), counts, officers, &committed, NULL))
    pb_paper_batch_refresh_internal (batch, counts[0], counts[1], officers[0], officers[1], committed);
  g_free (officers[0]);
  g_free (officers[1]);
}

PbPaperBatch *
pb_store_paper_add_batch (PbStore     *self,
                          PbProcess   *process,
                          const char  *label,
                          guint        ballot_count,
                          GError     **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *summary = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (PB_IS_PROCESS (process), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!pb_store_check_not_published (process, error))
    return NULL;
  stripped = g_strstrip (g_strdup (label ? label : ""));
  if (stripped[0] == '\0' || ballot_count == 0)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("A paper batch needs the label written on it and the number of ballots it holds."));
      return NULL;
    }

  if (!pb_store_begin (self, error))
    return NULL;
  stmt = pb_store_prepare (self, "INSERT INTO paper_batches (process_id, label, ballot_count, created)"
                           " VALUES (?, ?, ?, ?);", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, process->id);
  sqlite3_bind_text (stmt, 2, stripped, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, ballot_count);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
  if (!pb_store_step_done (self, stmt, error))
    goto fail;
  id = sqlite3_last_insert_rowid (pb_store_get_db (self));
  subject = g_strdup_printf ("paper batch %" G_GINT64_FORMAT, id);
  summary = g_strdup_printf ("Paper batch “%s” of %u ballots opened", stripped, ballot_count);
  if (!pb_store_audit_append (self, process->id, "paper-batch", subject, NULL, summary, error)
      || !pb_store_commit (self, error))
    goto fail;
  return pb_paper_batch_new_internal (id, process->id, stripped, ballot_count, 0, 0, "", "", FALSE);

fail:
  pb_store_rollback (self);
  return NULL;
}

gboolean
pb_store_paper_set_entry (PbStore          *self,
                          PbPaperBatch     *batch,
                          guint             entry,
                          const char       *officer,
                          guint             number,
                          PbBallotChoices  *choices,
                          GError          **error)
{
  PbProcess *process;
  g_autofree char *text = NULL;
  g_autofree char *subject = NULL;
  sqlite3_stmt *stmt;
  guint8 hash[PB_HASH_BYTES];

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_PAPER_BATCH (batch), FALSE);
  g_return_val_if_fail (entry == 1 || entry == 2, FALSE);
  g_return_val_if_fail (choices != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  process = pb_store_lookup_process (self, pb_paper_batch_get_process_id (batch));
  g_return_val_if_fail (process != NULL, FALSE);
  if (!pb_store_check_not_published (process, error))
    return FALSE;
  if (pb_paper_batch_get_committed (batch))
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("Paper batch “%s” is already counted; its entries cannot change."),
                   pb_paper_batch_get_label (batch));
      return FALSE;
    }
  if (number < 1 || number > pb_paper_batch_get_ballot_count (batch))
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("Paper batch “%s” holds ballots 1 to %u; there is no ballot %u."),
                   pb_paper_batch_get_label (batch), pb_paper_batch_get_ballot_count (batch), number);
      return FALSE;
    }
  if (!pb_ballot_validate (process, choices, error))
    return FALSE;

  text = pb_ballot_choices_to_string (choices);
  crypto_generichash (hash, sizeof hash, (const guint8 *) text, strlen (text), NULL, 0);
  subject = g_strdup_printf ("paper batch %" G_GINT64_FORMAT " entry %u number %u", pb_paper_batch_get_id (batch),
                             entry, number);
  if (!pb_store_begin (self, error))
    return FALSE;
  stmt = pb_store_prepare (self, "INSERT OR REPLACE INTO paper_entries (batch_id, entry, number, officer, choices)"
                           " VALUES (?, ?, ?, ?, ?);", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, pb_paper_batch_get_id (batch));
  sqlite3_bind_int (stmt, 2, entry);
  sqlite3_bind_int (stmt, 3, number);
  sqlite3_bind_text (stmt, 4, officer ? officer : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, text, -1, SQLITE_STATIC);
  if (!pb_store_step_done (self, stmt, error)
      || !pb_store_audit_append (self, process->id, "paper-entry", subject, hash, "Paper ballot entered", error)
      || !pb_store_commit (self, error))
    goto fail;
  refresh_batch (self, batch);
  return TRUE;

fail:
  pb_store_rollback (self);
  return FALSE;
}

GListModel *
pb_store_paper_list_batches (PbStore    *self,
                             PbProcess  *process,
                             GError    **error)
{
  g_autoptr(GListStore) list = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (PB_IS_PROCESS (process), NULL);

  stmt = pb_store_prepare (self, "SELECT id, label, ballot_count FROM paper_batches WHERE process_id = ?"
                           " ORDER BY id;", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process->id);
  list = g_list_store_new (PB_TYPE_PAPER_BATCH);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(PbPaperBatch) batch =
        pb_paper_batch_new_internal (sqlite3_column_int64 (stmt, 0), process->id, pb_store_column_text (stmt, 1),
                                     sqlite3_column_int (stmt, 2), 0, 0, "", "", FALSE);
      g_list_store_append (list, batch);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pb_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(PbPaperBatch) batch = g_list_model_get_item (G_LIST_MODEL (list), i);
      refresh_batch (self, batch);
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/* Reads both entries of a batch: two arrays of ballot_count texts (NULL
 * where an officer has not entered that number). */
static gboolean
read_entries (PbStore       *self,
              PbPaperBatch  *batch,
              char        ***out1,
              char        ***out2,
              GError       **error)
{
  guint count = pb_paper_batch_get_ballot_count (batch);
  char **entries[2];
  sqlite3_stmt *stmt;
  int rc;

  stmt = pb_store_prepare (self, "SELECT entry, number, choices FROM paper_entries WHERE batch_id = ?;", error);
  if (stmt == NULL)
    return FALSE;
  entries[0] = g_new0 (char *, count + 1);
  entries[1] = g_new0 (char *, count + 1);
  sqlite3_bind_int64 (stmt, 1, pb_paper_batch_get_id (batch));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int entry = sqlite3_column_int (stmt, 0);
      int number = sqlite3_column_int (stmt, 1);

      if ((entry == 1 || entry == 2) && number >= 1 && (guint) number <= count)
        {
          g_free (entries[entry - 1][number - 1]);
          entries[entry - 1][number - 1] = g_strdup (pb_store_column_text (stmt, 2));
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pb_store_set_sqlite_error (self, rc, error);
      for (guint i = 0; i <= count; i++)
        {
          g_free (entries[0][i]);
          g_free (entries[1][i]);
        }
      g_free (entries[0]);
      g_free (entries[1]);
      return FALSE;
    }
  *out1 = entries[0];
  *out2 = entries[1];
  return TRUE;
}

static void
free_entries (char **entries,
              guint  count)
{
  for (guint i = 0; i < count; i++)
    g_free (entries[i]);
  g_free (entries);
}

GListModel *
pb_store_paper_list_differences (PbStore       *self,
                                 PbPaperBatch  *batch,
                                 GError       **error)
{
  PbProcess *process;
  char **e1, **e2;
  guint count;
  GListStore *list;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (PB_IS_PAPER_BATCH (batch), NULL);

  process = pb_store_lookup_process (self, pb_paper_batch_get_process_id (batch));
  g_return_val_if_fail (process != NULL, NULL);
  if (!read_entries (self, batch, &e1, &e2, error))
    return NULL;
  count = pb_paper_batch_get_ballot_count (batch);
  list = g_list_store_new (PB_TYPE_PAPER_DIFFERENCE);
  for (guint i = 0; i < count; i++)
    {
      g_autoptr(PbBallotChoices) c1 = NULL;
      g_autoptr(PbBallotChoices) c2 = NULL;
      g_autoptr(PbPaperDifference) difference = NULL;

      if (e1[i] != NULL && e2[i] != NULL && strcmp (e1[i], e2[i]) == 0)
        continue;
      c1 = e1[i] ? pb_ballot_choices_from_string (process->data.format, e1[i]) : NULL;
      c2 = e2[i] ? pb_ballot_choices_from_string (process->data.format, e2[i]) : NULL;
      difference = pb_paper_difference_new_internal (i + 1, c1, c2);
      g_list_store_append (list, difference);
    }
  free_entries (e1, count);
  free_entries (e2, count);
  return G_LIST_MODEL (list);
}

gboolean
pb_store_paper_commit_batch (PbStore       *self,
                             PbPaperBatch  *batch,
                             GError       **error)
{
  PbProcess *process;
  char **e1 = NULL, **e2 = NULL;
  guint count, differences = 0;
  g_autofree char *subject = NULL;
  g_autofree char *summary = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_PAPER_BATCH (batch), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  process = pb_store_lookup_process (self, pb_paper_batch_get_process_id (batch));
  g_return_val_if_fail (process != NULL, FALSE);
  count = pb_paper_batch_get_ballot_count (batch);

  if (process->data.phase != PB_PHASE_VOTING)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_VOTING,
                   _("Ballots are accepted only in the voting phase; “%s” is in the %s phase."),
                   process->data.name, pb_phase_get_label (process->data.phase));
      return FALSE;
    }
  if (pb_paper_batch_get_committed (batch))
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("Paper batch “%s” is already counted."), pb_paper_batch_get_label (batch));
      return FALSE;
    }

  if (!pb_store_begin (self, error))
    return FALSE;
  /* Read inside the transaction, so that the entries compared are the
   * entries committed. */
  if (!read_entries (self, batch, &e1, &e2, error))
    goto out;
  for (guint i = 0; i < count; i++)
    if (e1[i] == NULL || e2[i] == NULL || strcmp (e1[i], e2[i]) != 0)
      differences++;
  if (differences > 0)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_PAPER_MISMATCH,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The two entries of paper batch “%s” differ on %u ballot (or one is missing); "
                                "check the paper and correct the entries first.",
                                "The two entries of paper batch “%s” differ on %u ballots (or some are missing); "
                                "check the paper and correct the entries first.", differences),
                   pb_paper_batch_get_label (batch), differences);
      goto out;
    }
  for (guint i = 0; i < count; i++)
    {
      g_autoptr(PbBallotChoices) choices = pb_ballot_choices_from_string (process->data.format, e1[i]);
      g_autofree char *uuid = g_uuid_string_random ();

      if (choices == NULL)
        {
          g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                       _("Ballot %u of paper batch “%s” could not be read."), i + 1, pb_paper_batch_get_label (batch));
          goto out;
        }
      /* Rules are frozen while voting, but check again: every path
       * validates before storing. */
      if (!pb_ballot_validate (process, choices, error))
        goto out;
      if (!pb_store_insert_ballot (self, process, uuid, pb_store_get_kiosk_row (self), pb_store_get_kiosk_id (self),
                                   PB_BALLOT_METHOD_PAPER, now, e1[i], FALSE, NULL, error))
        goto out;
    }
  stmt = pb_store_prepare (self, "UPDATE paper_batches SET committed = 1 WHERE id = ?;", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, pb_paper_batch_get_id (batch));
  subject = g_strdup_printf ("paper batch %" G_GINT64_FORMAT, pb_paper_batch_get_id (batch));
  summary = g_strdup_printf ("Paper batch “%s” counted: %u ballots", pb_paper_batch_get_label (batch), count);
  if (!pb_store_step_done (self, stmt, error)
      || !pb_store_audit_append (self, process->id, "paper-commit", subject, NULL, summary, error)
      || !pb_store_commit (self, error))
    goto out;
  ok = TRUE;

out:
  if (!ok)
    pb_store_rollback (self);
  if (e1 != NULL)
    free_entries (e1, count);
  if (e2 != NULL)
    free_entries (e2, count);
  if (ok)
    {
      pb_process_set_ballot_count (process, process->ballot_count + count);
      refresh_batch (self, batch);
    }
  return ok;
}
