/* pb-store.c: opening a Pb database safely, transactions, errors, the
 * kiosk identity, settings and the audit chain's writer. */

#include "pb-config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>

#include "pb-store-private.h"
#include "pb-store-schema.h"

struct _PbStore {
  GObject      parent_instance;
  char        *path;
  sqlite3     *db;
  GHashTable  *statements;     /* SQL text → sqlite3_stmt */
  GListStore  *processes;
  GHashTable  *process_by_id;  /* gint64* → PbProcess (borrowed) */
  gint64       kiosk_row;
  char        *kiosk_id;
  guint8       kiosk_secret[crypto_sign_SECRETKEYBYTES];
  gboolean     audit_pending;  /* entries appended in the open transaction */
  gint64       data_version;   /* PRAGMA data_version when last looked at, */
  gint64       audit_head;     /* the last audit seq seen then, */
  gboolean     writers_noted;  /* once pb_store_notice_other_writers() ran */
};

G_DEFINE_FINAL_TYPE (PbStore, pb_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (pb-store-error-quark, pb_store_error)

static const char zero_hash_hex[] =
  "0000000000000000000000000000000000000000000000000000000000000000";

static void
pb_store_finalize (GObject *object)
{
  PbStore *self = PB_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_clear_pointer (&self->process_by_id, g_hash_table_unref);
  g_clear_object (&self->processes);
  sodium_memzero (self->kiosk_secret, sizeof self->kiosk_secret);
  g_free (self->kiosk_id);
  g_free (self->path);
  G_OBJECT_CLASS (pb_store_parent_class)->finalize (object);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

enum {
  SIGNAL_AUDIT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
pb_store_class_init (PbStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_store_finalize;

  signals[SIGNAL_AUDIT_CHANGED] = g_signal_new ("audit-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pb_store_init (PbStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
  self->processes = g_list_store_new (PB_TYPE_PROCESS);
  self->process_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
}

/* ---- Errors ------------------------------------------------------------- */

void
pb_store_error_from_sqlite (int          rc,
                            const char  *detail,
                            GError     **error)
{
  if (detail == NULL)
    detail = sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_DISK_FULL,
                   _("The disk is full: nothing was saved (%s)."), detail);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_BUSY,
                   _("The database is in use by another program: nothing was saved (%s)."), detail);
      break;
    case SQLITE_CORRUPT:
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_CORRUPT,
                   _("The database is damaged (%s)."), detail);
      break;
    case SQLITE_NOTADB:
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_A_DATABASE,
                   _("The file is not a database (%s)."), detail);
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
    case SQLITE_AUTH:
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_CANNOT_OPEN,
                   _("The database cannot be opened for writing (%s)."), detail);
      break;
    default:
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_IO,
                   _("The database reported an error (%s)."), detail);
    }
}

void
pb_store_set_sqlite_error (PbStore  *self,
                           int       rc,
                           GError  **error)
{
  pb_store_error_from_sqlite (rc, sqlite3_errmsg (self->db), error);
}

/* ---- Statements and transactions ---------------------------------------- */

sqlite3 *
pb_store_get_db (PbStore *self)
{
  return self->db;
}

gint64
pb_store_get_kiosk_row (PbStore *self)
{
  return self->kiosk_row;
}

sqlite3_stmt *
pb_store_prepare (PbStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      pb_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
pb_store_exec (PbStore     *self,
               const char  *sql,
               GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      pb_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
pb_store_begin (PbStore  *self,
                GError  **error)
{
  /* IMMEDIATE takes the write lock now, so that a busy database fails
   * here (after the busy timeout) rather than half-way through a write. */
  return pb_store_exec (self, "BEGIN IMMEDIATE;", error);
}

void
pb_store_rollback (PbStore *self)
{
  /* SQLite rolls back by itself after some errors (SQLITE_FULL among
   * them); only roll back what is still open. */
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
  self->audit_pending = FALSE;
}

gboolean
pb_store_commit (PbStore  *self,
                 GError  **error)
{
  if (!pb_store_exec (self, "COMMIT;", error))
    {
      pb_store_rollback (self);
      return FALSE;
    }
  if (self->audit_pending)
    {
      self->audit_pending = FALSE;
      g_signal_emit (self, signals[SIGNAL_AUDIT_CHANGED], 0);
    }
  return TRUE;
}

/* ---- Other writers ------------------------------------------------------ */

/* Runs a one-integer query; -1 on failure. */
static gint64
query_int64 (PbStore    *self,
             const char *sql)
{
  sqlite3_stmt *stmt = pb_store_prepare (self, sql, NULL);
  gint64 value = -1;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

gboolean
pb_store_notice_other_writers (PbStore *self)
{
  gint64 version, head;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);

  /* Not inside a transaction of our own, whose writes we announce. */
  if (!sqlite3_get_autocommit (self->db))
    return FALSE;
  /* Changes only when another connection has committed: one cheap
   * pragma, no read of the log, for the common case of nothing new. */
  version = query_int64 (self, "PRAGMA data_version;");
  if (version < 0 || (self->writers_noted && version == self->data_version))
    return FALSE;
  self->data_version = version;
  head = query_int64 (self, "SELECT coalesce(max(seq), 0) FROM audit;");
  if (head < 0 || head == self->audit_head || !self->writers_noted)
    {
      self->audit_head = head;
      self->writers_noted = TRUE;
      return FALSE;
    }
  self->audit_head = head;
  g_signal_emit (self, signals[SIGNAL_AUDIT_CHANGED], 0);
  return TRUE;
}

/* ---- Audit chain -------------------------------------------------------- */

void
pb_hash_audit_entry (guint64     seq,
                     gint64      time,
                     gint64      process_id,
                     const char *kind,
                     const char *subject,
                     const char *summary,
                     const char *subject_hash,
                     const char *prev_hash,
                     guint8      out[PB_HASH_BYTES])
{
  g_autofree char *text = g_strdup_printf ("audit\x1f%" G_GUINT64_FORMAT "\x1f%" G_GINT64_FORMAT "\x1f%"
                                           G_GINT64_FORMAT "\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f",
                                           seq, time, process_id, kind, subject, summary,
                                           subject_hash, prev_hash);

  crypto_generichash (out, PB_HASH_BYTES, (const guint8 *) text, strlen (text), NULL, 0);
}

gboolean
pb_store_audit_append (PbStore       *self,
                       gint64         process_id,
                       const char    *kind,
                       const char    *subject,
                       const guint8  *subject_hash,
                       const char    *summary,
                       GError       **error)
{
  sqlite3_stmt *stmt;
  guint64 seq = 1;
  g_autofree char *prev = g_strdup (zero_hash_hex);
  g_autofree char *subject_hex = subject_hash ? pb_hash_to_hex (subject_hash) : g_strdup ("");
  g_autofree char *hash_hex = NULL;
  guint8 hash[PB_HASH_BYTES];
  gint64 now = g_get_real_time ();
  int rc;

  if (subject == NULL)
    subject = "";
  if (summary == NULL)
    summary = "";

  stmt = pb_store_prepare (self, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1;", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      seq = sqlite3_column_int64 (stmt, 0) + 1;
      g_free (prev);
      prev = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  else if (rc != SQLITE_DONE)
    {
      pb_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  sqlite3_reset (stmt);

  pb_hash_audit_entry (seq, now, process_id, kind, subject, summary, subject_hex, prev, hash);
  hash_hex = pb_hash_to_hex (hash);

  stmt = pb_store_prepare (self,
                           "INSERT INTO audit (seq, time, process_id, kind, subject, summary,"
                           " subject_hash, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?);",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, (gint64) seq);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, process_id);
  sqlite3_bind_text (stmt, 4, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, subject, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, summary, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, subject_hex, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, prev, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, hash_hex, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pb_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  /* Announced once the transaction commits (at once outside one). */
  if (sqlite3_get_autocommit (self->db))
    g_signal_emit (self, signals[SIGNAL_AUDIT_CHANGED], 0);
  else
    self->audit_pending = TRUE;
  return TRUE;
}

GListModel *
pb_store_list_audit (PbStore    *self,
                     PbProcess  *process,
                     GError    **error)
{
  g_autoptr(GListStore) list = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (process == NULL || PB_IS_PROCESS (process), NULL);

  stmt = pb_store_prepare (self,
                           "SELECT seq, time, process_id, kind, subject, summary, hash FROM audit"
                           " WHERE ?1 = 0 OR process_id = ?1 ORDER BY seq;", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process ? process->id : 0);
  list = g_list_store_new (PB_TYPE_AUDIT_ENTRY);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(PbAuditEntry) entry =
        pb_audit_entry_new_internal (sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                                     sqlite3_column_int64 (stmt, 2),
                                     (const char *) sqlite3_column_text (stmt, 3),
                                     (const char *) sqlite3_column_text (stmt, 4),
                                     (const char *) sqlite3_column_text (stmt, 5),
                                     (const char *) sqlite3_column_text (stmt, 6));
      g_list_store_append (list, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pb_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/* ---- Opening ------------------------------------------------------------ */

/* Looks at the file before SQLite does, so that a directory, an unreadable
 * file or a missing folder is reported clearly.  Sets *exists and *size.
 * The file itself is never opened here (see check_header()). */
static gboolean
check_file (const char  *path,
            gboolean    *exists,
            goffset     *size,
            GError     **error)
{
  GStatBuf st;

  *exists = FALSE;
  *size = 0;
  if (g_stat (path, &st) != 0)
    {
      if (errno == ENOENT)
        {
          g_autofree char *dir = g_path_get_dirname (path);

          if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
            {
              g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_CANNOT_OPEN,
                           _("Cannot create the database “%s”: the folder “%s” does not exist."),
                           path, dir);
              return FALSE;
            }
          return TRUE;
        }
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_CANNOT_OPEN,
                   _("Cannot open the database “%s”: %s."), path, g_strerror (errno));
      return FALSE;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_IS_DIRECTORY,
                   _("Cannot open “%s”: it is a folder, not a database file."), path);
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_A_DATABASE,
                   _("Cannot open “%s”: it is not a regular file."), path);
      return FALSE;
    }
  *exists = TRUE;
  *size = st.st_size;
  if (g_access (path, R_OK | W_OK) != 0)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_CANNOT_OPEN,
                   _("Cannot open the database “%s”: %s."), path, g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

/* Reads the file's header before SQLite reads anything, so that another
 * kind of file or a truncated database is reported clearly and never
 * written to.  The header is read through the connection's own file
 * handle: opening the file a second time would be wrong, because closing
 * that descriptor drops every POSIX lock this process holds on the file,
 * those of its other connections included ("How To Corrupt An SQLite
 * Database File", 2.2).  Another program closing its connection would then
 * think itself the last one and checkpoint and delete the write-ahead log
 * under them, losing what they write next. */
static gboolean
check_header (PbStore  *self,
              goffset   size,
              GError  **error)
{
  GStatBuf wal_st;
  g_autofree char *wal_path = NULL;
  sqlite3_file *file = NULL;
  guint8 header[100];
  guint32 page_size, pages;

  /* SQLite treats an empty file as a new database. */
  if (size == 0)
    return TRUE;

  if (sqlite3_file_control (self->db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK
      || file == NULL || file->pMethods == NULL)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_CANNOT_OPEN,
                   _("Cannot open the database “%s”: %s."), self->path, g_strerror (EIO));
      return FALSE;
    }
  /* A file shorter than the header reads short. */
  if (file->pMethods->xRead (file, header, sizeof header, 0) != SQLITE_OK
      || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_A_DATABASE,
                   _("Cannot open “%s”: it is not a Pb database."), self->path);
      return FALSE;
    }

  /* The header records the page size and, when its change counter is
   * current, the number of pages: a shorter file was truncated.  Not while
   * a write-ahead log is pending, though: a checkpoint interrupted by a
   * crash can leave the new header written before the pages that grow the
   * file, and SQLite completes it from the log. */
  page_size = (header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  pages = ((guint32) header[28] << 24) | (header[29] << 16) | (header[30] << 8) | header[31];
  wal_path = g_strconcat (self->path, "-wal", NULL);
  if (g_stat (wal_path, &wal_st) == 0 && wal_st.st_size > 0)
    return TRUE;
  if (memcmp (header + 24, header + 92, 4) == 0 && pages > 0
      && (guint64) size < (guint64) pages * page_size)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_CORRUPT,
                   _("The database “%s” is damaged: the file is shorter than it should be (truncated)."),
                   self->path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           gint64      *out,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  if (rc != SQLITE_OK)
    pb_store_error_from_sqlite (rc, sqlite3_errmsg (db), error);
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK;
}

static gboolean
quick_check (PbStore  *self,
             GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *result = NULL;
  int rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check;", -1, &stmt, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    {
      pb_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  if (g_strcmp0 (result, "ok") != 0)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_CORRUPT,
                   _("The database “%s” is damaged (%s)."), self->path, result ? result : "?");
      return FALSE;
    }
  return TRUE;
}

static gboolean
backup_before_migration (PbStore  *self,
                         guint     version,
                         GError  **error)
{
  g_autofree char *backup_path = g_strdup_printf ("%s.v%u.bak", self->path, version);
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (backup_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", self->db, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (dest);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
        }
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_MIGRATION,
                   _("Could not back up the database to “%s” before upgrading it (%s); it was left as it was."),
                   backup_path, dest ? sqlite3_errmsg (dest) : sqlite3_errstr (rc));
      sqlite3_close (dest);
      return FALSE;
    }
  sqlite3_close (dest);
  return TRUE;
}

static gboolean
ensure_kiosk (PbStore  *self,
              GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = pb_store_prepare (self, "SELECT id, public_key, secret_key FROM kiosks WHERE is_local = 1;", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_bytes (stmt, 2) == crypto_sign_SECRETKEYBYTES)
    {
      self->kiosk_row = sqlite3_column_int64 (stmt, 0);
      self->kiosk_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      memcpy (self->kiosk_secret, sqlite3_column_blob (stmt, 2), crypto_sign_SECRETKEYBYTES);
      sqlite3_reset (stmt);
      return TRUE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      pb_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }

  /* First open: this database becomes a kiosk with its own key pair. */
  {
    guint8 public_key[crypto_sign_PUBLICKEYBYTES];
    char hex[crypto_sign_PUBLICKEYBYTES * 2 + 1];
    guint8 subject_hash[PB_HASH_BYTES];

    crypto_sign_keypair (public_key, self->kiosk_secret);
    sodium_bin2hex (hex, sizeof hex, public_key, sizeof public_key);
    crypto_generichash (subject_hash, sizeof subject_hash, public_key, sizeof public_key, NULL, 0);

    if (!pb_store_begin (self, error))
      return FALSE;
    stmt = pb_store_prepare (self,
                             "INSERT INTO kiosks (public_key, secret_key, name, is_local, created)"
                             " VALUES (?, ?, '', 1, ?);", error);
    if (stmt == NULL)
      goto fail;
    sqlite3_bind_text (stmt, 1, hex, -1, SQLITE_STATIC);
    sqlite3_bind_blob (stmt, 2, self->kiosk_secret, sizeof self->kiosk_secret, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
    rc = sqlite3_step (stmt);
    sqlite3_reset (stmt);
    sqlite3_clear_bindings (stmt);
    if (rc != SQLITE_DONE)
      {
        pb_store_set_sqlite_error (self, rc, error);
        goto fail;
      }
    self->kiosk_row = sqlite3_last_insert_rowid (self->db);
    if (!pb_store_audit_append (self, 0, "kiosk", hex, subject_hash,
                                "Kiosk identity created", error)
        || !pb_store_commit (self, error))
      goto fail;
    self->kiosk_id = g_strdup (hex);
    return TRUE;
  }

fail:
  pb_store_rollback (self);
  return FALSE;
}

/* Opens and checks the connection; on failure the file is unchanged. */
static gboolean
open_database (PbStore  *self,
               guint     busy_timeout_ms,
               GError  **error)
{
  gboolean exists;
  goffset size;
  gint64 version = 0, app_id = 0, n_tables = 0;
  int rc;

  if (!check_file (self->path, &exists, &size, error))
    return FALSE;

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | (exists ? 0 : SQLITE_OPEN_CREATE), NULL);
  if (rc != SQLITE_OK)
    {
      pb_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  if (!check_header (self, size, error))
    return FALSE;
  sqlite3_extended_result_codes (self->db, FALSE);
  sqlite3_busy_timeout (self->db, (int) busy_timeout_ms);

  /* Only read until the file is known to be ours and not too new:
   * switching to WAL rewrites the header. */
  if (!query_int (self->db, "PRAGMA user_version;", &version, error)
      || !query_int (self->db, "PRAGMA application_id;", &app_id, error)
      || !query_int (self->db, "SELECT count(*) FROM sqlite_master;", &n_tables, error))
    return FALSE;
  if (version > PB_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_TOO_NEW,
                   _("The database “%s” was written by a newer version of Pb (schema %d; this version "
                     "reads up to %d). It was left untouched: update Pb to open it."),
                   self->path, (int) version, PB_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  if ((app_id != 0 && app_id != PB_STORE_APPLICATION_ID) || (version == 0 && n_tables > 0))
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_A_DATABASE,
                   _("Cannot open “%s”: it is an SQLite database of another program, not a Pb database."),
                   self->path);
      return FALSE;
    }
  if (!quick_check (self, error))
    return FALSE;

  if (!pb_store_exec (self, "PRAGMA journal_mode = WAL;", error)
      || !pb_store_exec (self, "PRAGMA foreign_keys = ON;", error)
      /* FULL makes every commit, ballots above all, durable before the
       * caller is told it succeeded. */
      || !pb_store_exec (self, "PRAGMA synchronous = FULL;", error))
    return FALSE;

  if (version < PB_STORE_SCHEMA_VERSION)
    {
      if (version > 0 && !backup_before_migration (self, (guint) version, error))
        return FALSE;
      if (version == 0)
        {
          g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d;", PB_STORE_APPLICATION_ID);

          if (!pb_store_exec (self, sql, error))
            return FALSE;
        }
      if (!pb_store_schema_migrate (self->db, (guint) version, error))
        return FALSE;
    }

  /* Take the write lock once: a database that another program keeps
   * locked, or that cannot be written, is reported now rather than when
   * the first ballot is cast. */
  if (!pb_store_begin (self, error))
    return FALSE;
  pb_store_rollback (self);

  return ensure_kiosk (self, error) && pb_store_load_processes (self, error);
}

PbStore *
pb_store_open_full (const char  *path,
                    guint        busy_timeout_ms,
                    GError     **error)
{
  g_autoptr(PbStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (sodium_init () < 0)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_IO, _("The cryptography library could not start."));
      return NULL;
    }
  self = g_object_new (PB_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  if (!open_database (self, busy_timeout_ms, error))
    return NULL;
  return g_steal_pointer (&self);
}

PbStore *
pb_store_open (const char  *path,
               GError     **error)
{
  return pb_store_open_full (path, PB_STORE_BUSY_TIMEOUT_MS, error);
}

char *
pb_store_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), PB_APP_ID, "pb.db", NULL);
}

PbStore *
pb_store_open_default (gboolean  *out_created,
                       GError   **error)
{
  g_autofree char *path = pb_store_get_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(PbStore) self = NULL;
  gboolean created;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_CANNOT_OPEN,
                   _("Cannot create the folder “%s”: %s."), dir, g_strerror (saved_errno));
      return NULL;
    }
  created = !g_file_test (path, G_FILE_TEST_EXISTS);
  self = pb_store_open (path, error);
  if (self == NULL)
    return NULL;
  if (created && pb_store_seed_demo (self, error) == NULL)
    {
      /* The file is the one just created, empty: remove it so that the
       * next start tries again rather than opening an empty database. */
      const char *suffixes[] = { "", "-wal", "-shm" };

      g_clear_object (&self);
      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
          g_unlink (file);
        }
      return NULL;
    }
  if (out_created != NULL)
    *out_created = created;
  return g_steal_pointer (&self);
}

const char *
pb_store_get_path (PbStore *self)
{
  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  return self->path;
}

/* ---- Kiosk identity and settings ---------------------------------------- */

const char *
pb_store_get_kiosk_id (PbStore *self)
{
  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  return self->kiosk_id;
}

void
pb_store_kiosk_sign (PbStore      *self,
                     const guint8 *data,
                     gsize         len,
                     guint8        signature[64])
{
  g_return_if_fail (PB_IS_STORE (self));
  g_return_if_fail (data != NULL || len == 0);

  crypto_sign_detached (signature, NULL, data, len, self->kiosk_secret);
}

char *
pb_store_get_setting (PbStore    *self,
                      const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = pb_store_prepare (self, "SELECT value FROM settings WHERE key = ?;", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

gboolean
pb_store_set_setting (PbStore     *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *summary = NULL;
  g_autofree char *subject = NULL;
  int rc;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL && key[0] != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pb_store_begin (self, error))
    return FALSE;
  if (value != NULL)
    stmt = pb_store_prepare (self, "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2);", error);
  else
    stmt = pb_store_prepare (self, "DELETE FROM settings WHERE key = ?1;", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      pb_store_set_sqlite_error (self, rc, error);
      goto fail;
    }
  /* The value (a PIN hash, say) stays out of the log: only the key. */
  summary = g_strdup_printf (value ? "Setting “%s” changed" : "Setting “%s” removed", key);
  subject = g_strconcat ("setting ", key, NULL);
  if (!pb_store_audit_append (self, 0, "setting", subject, NULL, summary, error)
      || !pb_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  pb_store_rollback (self);
  return FALSE;
}

/* ---- Processes list ----------------------------------------------------- */

GListModel *
pb_store_list_processes (PbStore *self)
{
  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->processes);
}

PbProcess *
pb_store_lookup_process (PbStore *self,
                         gint64   process_id)
{
  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  return g_hash_table_lookup (self->process_by_id, &process_id);
}

void
pb_store_add_process_object (PbStore   *self,
                             PbProcess *process)
{
  g_hash_table_insert (self->process_by_id, &process->id, process);
  g_list_store_append (self->processes, process);
  g_object_unref (process);
}

void
pb_store_remove_process_object (PbStore   *self,
                                PbProcess *process)
{
  guint position;

  g_hash_table_remove (self->process_by_id, &process->id);
  if (g_list_store_find (self->processes, process, &position))
    g_list_store_remove (self->processes, position);
}
