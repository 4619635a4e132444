/* pb-store-verify.c: checking the audit chain against the database.
 *
 * pb_store_verify() recomputes every audit entry's hash and its link to
 * the previous entry, every ballot's hash against the entry that recorded
 * it, the last recorded hash of every process, project, category and
 * verdict against a shared criterion, and the number of used voter codes.  Anything changed outside Pb (with the
 * sqlite3 shell, say) shows as the first entry, ballot or row that does
 * not match.
 */

#include "pb-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pb-store-private.h"

typedef struct {
  char    *hash;        /* hex, "" when the entry records a deletion */
  gint64   process_id;
  guint64  seq;
} LastEntry;

static void
last_entry_free (gpointer data)
{
  LastEntry *entry = data;

  g_free (entry->hash);
  g_free (entry);
}

typedef struct {
  GHashTable *last;          /* subject → LastEntry */
  GHashTable *codes_used;    /* process id → number of "code-used" entries */
  guint64     n_entries;
} Chain;

static gboolean
verify_chain (PbStore  *self,
              Chain    *chain,
              GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *prev = g_strnfill (PB_HASH_BYTES * 2, '0');
  guint64 expected = 1;
  int rc;

  rc = sqlite3_prepare_v2 (pb_store_get_db (self),
                           "SELECT seq, time, process_id, kind, subject, summary, subject_hash, prev_hash, hash"
                           " FROM audit ORDER BY seq;", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      pb_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint64 seq = sqlite3_column_int64 (stmt, 0);
      gint64 process_id = sqlite3_column_int64 (stmt, 2);
      const char *kind = pb_store_column_text (stmt, 3);
      const char *subject = pb_store_column_text (stmt, 4);
      const char *subject_hash = pb_store_column_text (stmt, 6);
      const char *stored = pb_store_column_text (stmt, 8);
      guint8 hash[PB_HASH_BYTES];
      g_autofree char *hex = NULL;
      LastEntry *last;

      pb_hash_audit_entry (seq, sqlite3_column_int64 (stmt, 1), process_id, kind, subject, pb_store_column_text (stmt, 5),
                           subject_hash, pb_store_column_text (stmt, 7), hash);
      hex = pb_hash_to_hex (hash);
      if (strcmp (hex, stored) != 0)
        {
          g_set_error (error, PB_AUDIT_ERROR, PB_AUDIT_ERROR_ENTRY_ALTERED,
                       _("Audit entry %llu (%s) has been altered: its content no longer matches "
                         "its hash."), (unsigned long long) seq, kind);
          goto fail;
        }
      if (seq != expected || strcmp (pb_store_column_text (stmt, 7), prev) != 0)
        {
          g_set_error (error, PB_AUDIT_ERROR, PB_AUDIT_ERROR_CHAIN_BROKEN,
                       _("Audit entry %llu does not follow entry %llu: entries were removed or reordered."),
                       (unsigned long long) seq, (unsigned long long) (expected - 1));
          goto fail;
        }
      g_free (prev);
      prev = g_strdup (stored);
      expected = seq + 1;
      chain->n_entries++;

      if (strcmp (kind, "code-used") == 0)
        {
          gpointer n = g_hash_table_lookup (chain->codes_used, &process_id);
          gint64 *key = g_memdup2 (&process_id, sizeof process_id);

          g_hash_table_insert (chain->codes_used, key, GUINT_TO_POINTER (GPOINTER_TO_UINT (n) + 1));
        }
      if (subject[0] != '\0')
        {
          last = g_new0 (LastEntry, 1);
          last->hash = g_strdup (subject_hash);
          last->process_id = process_id;
          last->seq = seq;
          g_hash_table_insert (chain->last, g_strdup (subject), last);
        }
    }
  if (rc != SQLITE_DONE)
    {
      pb_store_set_sqlite_error (self, rc, error);
      goto fail;
    }
  sqlite3_finalize (stmt);
  return TRUE;

fail:
  sqlite3_finalize (stmt);
  return FALSE;
}

static gboolean
verify_ballots (PbStore  *self,
                Chain    *chain,
                GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  GHashTableIter iter;
  gpointer key, value;
  int rc;

  rc = sqlite3_prepare_v2 (pb_store_get_db (self),
                           "SELECT b.id, b.uuid, b.process_id, coalesce(k.public_key, ''), b.method, b.cast_time,"
                           " b.choices, b.receipt FROM ballots b LEFT JOIN kiosks k ON k.id = b.kiosk_id"
                           " ORDER BY b.id;", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      pb_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *uuid = pb_store_column_text (stmt, 1);
      g_autofree char *subject = g_strconcat ("ballot ", uuid, NULL);
      LastEntry *last = g_hash_table_lookup (chain->last, subject);
      guint8 hash[PB_HASH_BYTES];
      g_autofree char *hex = NULL;

      pb_hash_ballot_row (uuid, sqlite3_column_int64 (stmt, 2), pb_store_column_text (stmt, 3), pb_store_column_text (stmt, 4),
                          sqlite3_column_int64 (stmt, 5), pb_store_column_text (stmt, 6), pb_store_column_text (stmt, 7), hash);
      if (last == NULL)
        {
          g_set_error (error, PB_AUDIT_ERROR, PB_AUDIT_ERROR_BALLOT_UNRECORDED,
                       _("Ballot %s (row %lld) has no audit entry: it was added outside Pb."),
                       uuid, (long long) sqlite3_column_int64 (stmt, 0));
          goto fail;
        }
      hex = pb_hash_to_hex (hash);
      if (strcmp (hex, last->hash) != 0)
        {
          g_set_error (error, PB_AUDIT_ERROR, PB_AUDIT_ERROR_BALLOT_ALTERED,
                       _("Ballot %s (row %lld) has been altered since it was recorded in audit entry %llu."),
                       uuid, (long long) sqlite3_column_int64 (stmt, 0), (unsigned long long) last->seq);
          goto fail;
        }
      g_hash_table_remove (chain->last, subject);
    }
  if (rc != SQLITE_DONE)
    {
      pb_store_set_sqlite_error (self, rc, error);
      goto fail;
    }
  sqlite3_finalize (stmt);

  /* Every ballot entry left had no ballot row. */
  g_hash_table_iter_init (&iter, chain->last);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_has_prefix (key, "ballot "))
      {
        g_set_error (error, PB_AUDIT_ERROR, PB_AUDIT_ERROR_BALLOT_MISSING,
                     _("Ballot %s, recorded in audit entry %llu, is missing from the database."),
                     (const char *) key + strlen ("ballot "), (unsigned long long) ((LastEntry *) value)->seq);
        return FALSE;
      }
  return TRUE;

fail:
  sqlite3_finalize (stmt);
  return FALSE;
}

static gboolean
row_altered (const char  *subject,
             LastEntry   *last,
             GError     **error)
{
  if (last == NULL)
    g_set_error (error, PB_AUDIT_ERROR, PB_AUDIT_ERROR_ROW_ALTERED,
                 _("The %s has no audit entry: it was added outside Pb."), subject);
  else
    g_set_error (error, PB_AUDIT_ERROR, PB_AUDIT_ERROR_ROW_ALTERED,
                 _("The %s has been altered since audit entry %llu."), subject,
                 (unsigned long long) last->seq);
  return FALSE;
}

static gboolean
verify_rows (PbStore  *self,
             Chain    *chain,
             GError  **error)
{
  static const char * const queries[] = {
    "SELECT id FROM processes ORDER BY id;",
    "SELECT id FROM categories ORDER BY id;",
    "SELECT id FROM projects ORDER BY id;",
  };
  static const char * const kinds[] = { "process", "category", "project" };
  g_autoptr(GHashTable) present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key, value;

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      int rc = sqlite3_prepare_v2 (pb_store_get_db (self), queries[q], -1, &stmt, NULL);

      while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (ids, id);
          rc = SQLITE_OK;
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        {
          pb_store_set_sqlite_error (self, rc, error);
          return FALSE;
        }

      for (guint i = 0; i < ids->len; i++)
        {
          gint64 id = g_array_index (ids, gint64, i);
          g_autofree char *subject = g_strdup_printf ("%s %" G_GINT64_FORMAT, kinds[q], id);
          LastEntry *last = g_hash_table_lookup (chain->last, subject);
          guint8 hash[PB_HASH_BYTES];
          g_autofree char *hex = NULL;

          if (q == 0)
            {
              PbProcessData d;

              if (!pb_store_read_process_row (self, id, &d, error))
                return FALSE;
              pb_hash_process_row (id, &d, hash);
              pb_process_data_clear (&d);
            }
          else if (q == 1)
            {
              sqlite3_stmt *row = NULL;

              rc = sqlite3_prepare_v2 (pb_store_get_db (self), "SELECT process_id, name, cap FROM categories"
                                       " WHERE id = ?;", -1, &row, NULL);
              if (rc == SQLITE_OK)
                {
                  sqlite3_bind_int64 (row, 1, id);
                  rc = sqlite3_step (row);
                }
              if (rc != SQLITE_ROW)
                {
                  sqlite3_finalize (row);
                  pb_store_set_sqlite_error (self, rc, error);
                  return FALSE;
                }
              pb_hash_category_row (id, sqlite3_column_int64 (row, 0), pb_store_column_text (row, 1), pb_store_column_text (row, 2),
                                    hash);
              sqlite3_finalize (row);
            }
          else
            {
              PbProjectData d = { NULL, };
              gint64 process_id;

              if (!pb_store_read_project_row (self, id, &process_id, &d, error))
                return FALSE;
              pb_hash_project_row (id, process_id, &d, hash);
              pb_project_data_clear (&d);
            }
          hex = pb_hash_to_hex (hash);
          if (last == NULL || strcmp (hex, last->hash) != 0)
            return row_altered (subject, last, error);
          g_hash_table_add (present, g_steal_pointer (&subject));
        }
    }

  /* Every verdict against a shared criterion matches its last entry (a
   * verdict deleted with its project or criterion needs no entry). */
  {
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2 (pb_store_get_db (self), "SELECT project_id, criterion_id, verdict, note"
                                 " FROM project_assessments ORDER BY project_id, criterion_id;", -1, &stmt, NULL);

    while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 project_id = sqlite3_column_int64 (stmt, 0);
        gint64 criterion_id = sqlite3_column_int64 (stmt, 1);
        g_autofree char *subject = g_strdup_printf ("assessment %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                                                    project_id, criterion_id);
        LastEntry *last = g_hash_table_lookup (chain->last, subject);
        guint8 hash[PB_HASH_BYTES];
        g_autofree char *hex = NULL;

        pb_hash_assessment_row (project_id, criterion_id, pb_store_column_text (stmt, 2),
                                pb_store_column_text (stmt, 3), hash);
        hex = pb_hash_to_hex (hash);
        if (last == NULL || strcmp (hex, last->hash) != 0)
          {
            sqlite3_finalize (stmt);
            return row_altered (subject, last, error);
          }
        rc = SQLITE_OK;
      }
    sqlite3_finalize (stmt);
    if (rc != SQLITE_DONE)
      {
        pb_store_set_sqlite_error (self, rc, error);
        return FALSE;
      }
  }

  /* A row whose last entry has a hash must still exist, unless its whole
   * process was deleted through Pb. */
  g_hash_table_iter_init (&iter, chain->last);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      LastEntry *last = value;
      g_autofree char *process_subject = NULL;
      LastEntry *process_last;

      if (last->hash[0] == '\0' || g_hash_table_contains (present, key)
          || !(g_str_has_prefix (key, "process ") || g_str_has_prefix (key, "project ")
               || g_str_has_prefix (key, "category ")))
        continue;
      process_subject = g_strdup_printf ("process %" G_GINT64_FORMAT, last->process_id);
      process_last = g_hash_table_lookup (chain->last, process_subject);
      if (process_last != NULL && process_last->hash[0] == '\0')
        continue;
      g_set_error (error, PB_AUDIT_ERROR, PB_AUDIT_ERROR_ROW_ALTERED,
                   _("The %s, recorded in audit entry %llu, was deleted outside Pb."),
                   (const char *) key, (unsigned long long) last->seq);
      return FALSE;
    }
  return TRUE;
}

static gboolean
verify_codes (PbStore  *self,
              Chain    *chain,
              GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  GHashTableIter iter;
  gpointer key, value;
  int rc = sqlite3_prepare_v2 (pb_store_get_db (self),
                               "SELECT p.id, (SELECT count(*) FROM voter_codes c WHERE c.process_id = p.id"
                               " AND c.state = 'used') FROM processes p;", -1, &stmt, NULL);

  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      guint used = sqlite3_column_int (stmt, 1);
      guint recorded = GPOINTER_TO_UINT (g_hash_table_lookup (chain->codes_used, &id));

      g_hash_table_remove (chain->codes_used, &id);
      if (used != recorded)
        {
          g_set_error (error, PB_AUDIT_ERROR, PB_AUDIT_ERROR_CODES_MISMATCH,
                       _("Process %lld has %u used voter codes, but the audit log records %u "
                         "ballots cast with a code."), (long long) id, used, recorded);
          sqlite3_finalize (stmt);
          return FALSE;
        }
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      pb_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  /* Processes deleted through Pb never had codes used (they had no
   * ballots), so any count left belongs to nothing. */
  g_hash_table_iter_init (&iter, chain->codes_used);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_set_error (error, PB_AUDIT_ERROR, PB_AUDIT_ERROR_CODES_MISMATCH,
                   _("The audit log records ballots cast with a code in process %lld, which is gone."),
                   (long long) *(gint64 *) key);
      return FALSE;
    }
  return TRUE;
}

gboolean
pb_store_verify (PbStore  *self,
                 guint64  *out_n_entries,
                 GError  **error)
{
  Chain chain = { NULL, };
  gboolean ok;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  chain.last = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, last_entry_free);
  chain.codes_used = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  /* One read transaction, so that the chain and the rows are one snapshot. */
  ok = pb_store_exec (self, "BEGIN;", error);
  ok = ok && verify_chain (self, &chain, error)
    && verify_ballots (self, &chain, error)
    && verify_rows (self, &chain, error)
    && verify_codes (self, &chain, error);
  pb_store_rollback (self);

  if (ok && out_n_entries != NULL)
    *out_n_entries = chain.n_entries;
  g_hash_table_unref (chain.last);
  g_hash_table_unref (chain.codes_used);
  return ok;
}
