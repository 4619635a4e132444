/* pb-store-worker.c: cancelling a worker's statements and adopting what
 * it wrote (see pb-store-worker.h). */

#include "pb-config.h"

#include <glib/gi18n-lib.h>

#include "pb-store-private.h"
#include "pb-store-rows.h"
#include "pb-store-worker.h"

/* SQLite calls this every few thousand virtual machine steps. */
static int
progress_cb (void *data)
{
  return g_cancellable_is_cancelled (G_CANCELLABLE (data)) ? 1 : 0;
}

void
pb_store_set_cancellable (PbStore      *self,
                          GCancellable *cancellable)
{
  g_return_if_fail (PB_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (cancellable == NULL)
    sqlite3_progress_handler (pb_store_get_db (self), 0, NULL, NULL);
  else
    sqlite3_progress_handler (pb_store_get_db (self), 4000, progress_cb, cancellable);
  /* The handler's data must live as long as the handler. */
  g_object_set_data_full (G_OBJECT (self), "pb-store-cancellable",
                          cancellable != NULL ? g_object_ref (cancellable) : NULL, g_object_unref);
}

PbProcess *
pb_store_adopt_process (PbStore  *self,
                        gint64    process_id,
                        GError  **error)
{
  PbProcess *process;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  process = pb_store_lookup_process (self, process_id);
  if (process != NULL)
    return process;

  stmt = pb_store_prepare (self, "SELECT " PROCESS_COLUMNS " FROM processes WHERE id = ?1;", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      PbProcessData d;

      pb_row_read_process (stmt, 0, &d);
      process = pb_process_new_internal (process_id, &d);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND,
                   _("The process was not found in the database."));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      pb_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

  stmt = pb_store_prepare (self, "SELECT id, name, cap FROM categories WHERE process_id = ?1 ORDER BY id;", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, process_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    pb_process_take_category (process, pb_category_new_internal (sqlite3_column_int64 (stmt, 0), process_id,
                                                                 pb_row_text (stmt, 1), pb_row_text (stmt, 2)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto sqlite_fail;

  stmt = pb_store_prepare (self, "SELECT id, " PROJECT_COLUMNS " FROM projects WHERE process_id = ?1 ORDER BY id;",
                           error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, process_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PbProjectData d = { NULL, };

      pb_row_read_project (stmt, 1, &d);
      pb_process_take_project (process, pb_project_new_internal (sqlite3_column_int64 (stmt, 0), process_id, &d));
      pb_project_data_clear (&d);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto sqlite_fail;

  stmt = pb_store_prepare (self, "SELECT count(*) FROM ballots WHERE process_id = ?1;", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, process_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    pb_process_set_ballot_count (process, sqlite3_column_int (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    goto sqlite_fail;

  pb_store_add_process_object (self, process);
  return process;

sqlite_fail:
  pb_store_set_sqlite_error (self, rc, error);
fail:
  g_object_unref (process);
  return NULL;
}
