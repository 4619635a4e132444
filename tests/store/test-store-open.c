/* test-store-open.c: opening databases, bad paths, migrations, the default
 * database and its demo process. */

#include "store-test-util.h"

#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("pb-store-open-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static char *
read_file_or_die (const char *path,
                  gsize      *length)
{
  char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

/* Opening a path that cannot be used must fail with @code and leave the
 * file byte for byte as it was. */
static void
assert_refused_untouched (const char *path,
                          int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len = 0, after_len = 0;
  gboolean is_file = g_file_test (path, G_FILE_TEST_IS_REGULAR);
  PbStore *store;

  if (is_file)
    before = read_file_or_die (path, &before_len);
  store = pb_store_open_full (path, 200, &error);
  g_assert_null (store);
  g_assert_error (error, PB_STORE_ERROR, code);
  g_assert_nonnull (error->message);
  if (is_file)
    {
      after = read_file_or_die (path, &after_len);
      g_assert_cmpuint (before_len, ==, after_len);
      g_assert_true (memcmp (before, after, before_len) == 0);
    }
}

static void
test_create_and_reopen (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "pb.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *kiosk = NULL;
  PbStore *store;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  store = pb_store_open (path, &error);
  g_assert_no_error (error);
  kiosk = g_strdup (pb_store_get_kiosk_id (store));
  g_assert_cmpuint (strlen (kiosk), ==, 64);
  pb_store_create_process (store, "One", "EUR", "1000", &error);
  g_assert_no_error (error);

  /* The pragmas the store promises. */
  db = pb_store_get_db (store);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode;", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA foreign_keys;", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA synchronous;", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2);   /* FULL */
  sqlite3_finalize (stmt);
  g_assert_finalize_object (store);

  store = pb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_store_get_kiosk_id (store), ==, kiosk);
  g_assert_cmpuint (g_list_model_get_n_items (pb_store_list_processes (store)), ==, 1);
  g_assert_true (pb_store_verify (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (store);
  remove_tree (dir);
}

static void
test_directory (void)
{
  g_autofree char *dir = make_tmp_dir ();

  assert_refused_untouched (dir, PB_STORE_ERROR_IS_DIRECTORY);
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
  remove_tree (dir);
}

static void
test_missing_folder (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "no-such-folder", "pb.db", NULL);

  assert_refused_untouched (path, PB_STORE_ERROR_CANNOT_OPEN);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  remove_tree (dir);
}

static void
test_unreadable (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "pb.db", NULL);
  g_autoptr(GError) error = NULL;
  PbStore *store = pb_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_finalize_object (store);
  g_assert_cmpint (g_chmod (path, 0), ==, 0);
  if (getuid () == 0)
    {
      /* The superuser reads any file, so try as an ordinary user (nobody)
       * in a child process. */
      pid_t child;
      int status = 0;

      g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
      child = fork ();
      g_assert_cmpint (child, >=, 0);
      if (child == 0)
        {
          g_autoptr(GError) child_error = NULL;
          PbStore *child_store;

          if (setgid (65534) != 0 || setuid (65534) != 0)
            _exit (3);
          child_store = pb_store_open_full (path, 200, &child_error);
          _exit (child_store == NULL && g_error_matches (child_error, PB_STORE_ERROR, PB_STORE_ERROR_CANNOT_OPEN)
                 ? 0 : 1);
        }
      g_assert_cmpint (waitpid (child, &status, 0), ==, child);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    }
  else
    {
      g_autoptr(GError) open_error = NULL;

      g_assert_null (pb_store_open_full (path, 200, &open_error));
      g_assert_error (open_error, PB_STORE_ERROR, PB_STORE_ERROR_CANNOT_OPEN);
    }
  g_chmod (path, 0600);
  remove_tree (dir);
}

static void
test_not_sqlite (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "notes.db", NULL);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, "Shopping list:\n- milk\n- bread\n", -1, &error);
  g_assert_no_error (error);
  assert_refused_untouched (path, PB_STORE_ERROR_NOT_A_DATABASE);

  /* Another program's SQLite database is not ours either. */
  exec_raw (other, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');");
  assert_refused_untouched (other, PB_STORE_ERROR_NOT_A_DATABASE);
  remove_tree (dir);
}

static void
test_truncated_and_corrupt (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "pb.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  PbStore *store = pb_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pb_store_seed_demo (store, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (store);   /* checkpoints the WAL into the file */

  contents = read_file_or_die (path, &length);
  g_assert_cmpuint (length, >, 8192);

  /* Truncated: cut the file in half. */
  g_file_set_contents (path, contents, length / 2, &error);
  g_assert_no_error (error);
  assert_refused_untouched (path, PB_STORE_ERROR_CORRUPT);

  /* Corrupted: full length, but pages past the first overwritten. */
  memset (contents + 4096, 0xA5, length - 4096 > 8192 ? 8192 : length - 4096);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  assert_refused_untouched (path, PB_STORE_ERROR_CORRUPT);
  remove_tree (dir);
}

static void
test_newer_schema (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "pb.db", NULL);
  g_autoptr(GError) error = NULL;
  PbStore *store = pb_store_open (path, &error);
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d;", PB_STORE_SCHEMA_VERSION + 1);

  g_assert_no_error (error);
  g_assert_finalize_object (store);
  exec_raw (path, sql);
  assert_refused_untouched (path, PB_STORE_ERROR_TOO_NEW);
  remove_tree (dir);
}

static void
test_locked (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "pb.db", NULL);
  g_autoptr(GError) error = NULL;
  PbStore *store = pb_store_open (path, &error);
  PbProcess *process;
  sqlite3 *other = NULL;
  gint64 start;

  g_assert_no_error (error);
  process = make_process (store, PB_BALLOT_FORMAT_APPROVAL, PB_PHASE_VOTING);
  g_assert_finalize_object (g_steal_pointer (&store));

  /* Another program holds the write lock (an open write transaction). */
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE;", NULL, NULL, NULL), ==, SQLITE_OK);

  start = g_get_monotonic_time ();
  g_assert_null (pb_store_open_full (path, 300, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_BUSY);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 250 * 1000);
  g_clear_error (&error);

  /* Released: the database opens, and nothing was lost. */
  sqlite3_exec (other, "ROLLBACK;", NULL, NULL, NULL);
  store = pb_store_open_full (path, 300, &error);
  g_assert_no_error (error);
  process = g_list_model_get_item (pb_store_list_processes (store), 0);
  g_assert_cmpuint (g_list_model_get_n_items (pb_process_list_projects (process)), ==, 3);

  /* A ballot cast while another program holds the lock fails cleanly. */
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE;", NULL, NULL, NULL), ==, SQLITE_OK);
  {
    g_autoptr(PbBallotChoices) choices = pb_ballot_choices_new (PB_BALLOT_FORMAT_APPROVAL);

    pb_ballot_choices_add (choices, project_id (process, 0), 1);
    g_assert_null (pb_store_cast_ballot (store, process, choices, PB_BALLOT_METHOD_KIOSK, NULL, &error));
    g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_BUSY);
    g_clear_error (&error);
    sqlite3_exec (other, "ROLLBACK;", NULL, NULL, NULL);
    g_assert_cmpuint (pb_process_get_ballot_count (process), ==, 0);
    g_assert_cmpuint (pb_store_count_ballots (store, process, PB_BALLOT_METHOD_ANY), ==, 0);
  }
  sqlite3_close (other);
  g_object_unref (process);
  g_assert_finalize_object (store);
  remove_tree (dir);
}

/* The same, with the lock held by another process (SQLite's locks are
 * per process, so this is the case a second program would cause). */
static void
test_locked_by_other_process (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "pb.db", NULL);
  g_autoptr(GError) error = NULL;
  PbStore *store = pb_store_open (path, &error);
  int locked[2], release[2];
  char byte = 0;
  pid_t child;
  int status = 0;

  g_assert_no_error (error);
  g_assert_nonnull (pb_store_create_process (store, "Kept", "GBP", "10", &error));
  g_assert_finalize_object (store);

  g_assert_cmpint (pipe (locked), ==, 0);
  g_assert_cmpint (pipe (release), ==, 0);
  child = fork ();
  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      sqlite3 *db = NULL;
      char go;

      if (sqlite3_open (path, &db) != SQLITE_OK
          || sqlite3_exec (db, "BEGIN IMMEDIATE;", NULL, NULL, NULL) != SQLITE_OK
          || write (locked[1], "x", 1) != 1)
        _exit (1);
      /* Hold the lock until the parent has tried. */
      if (read (release[0], &go, 1) != 1)
        _exit (1);
      sqlite3_exec (db, "ROLLBACK;", NULL, NULL, NULL);
      sqlite3_close (db);
      _exit (0);
    }
  g_assert_cmpint (read (locked[0], &byte, 1), ==, 1);
  g_assert_null (pb_store_open_full (path, 300, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_cmpint (write (release[1], "x", 1), ==, 1);
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  close (locked[0]);
  close (locked[1]);
  close (release[0]);
  close (release[1]);

  store = pb_store_open_full (path, 300, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pb_store_list_processes (store)), ==, 1);
  g_assert_finalize_object (store);
  remove_tree (dir);
}

#define READ_AND_CLOSE "--read-and-close"

/* A second connection opened and closed in the same process (Pb counts and
 * checks the audit log on connections of their own) leaves the first one's
 * locks alone.  Were they dropped, another program closing its connection
 * (pbtool, a test reading the database) would think itself the last one,
 * checkpoint and delete the write-ahead log, and what the first connection
 * wrote next would go to a deleted file. */
static void
test_second_connection_keeps_locks (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "pb.db", NULL);
  g_autofree char *wal_path = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  PbStore *store = pb_store_open (path, &error);
  PbStore *other;
  int status = 0;

  g_assert_no_error (error);
  g_assert_nonnull (pb_store_create_process (store, "Before", "GBP", "10", &error));
  g_assert_no_error (error);

  other = pb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (other);

  /* Another program reads and closes: this test run again (a forked
   * child would share SQLite's record of this process's locks). */
  g_spawn_sync (NULL, (char *[]) { (char *) "/proc/self/exe", (char *) READ_AND_CLOSE, path, NULL }, NULL,
                G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_test (wal_path, G_FILE_TEST_EXISTS));

  /* What the first connection writes now is there for everyone. */
  g_assert_nonnull (pb_store_create_process (store, "After", "GBP", "10", &error));
  g_assert_no_error (error);
  other = pb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pb_store_list_processes (other)), ==, 2);
  g_assert_finalize_object (other);
  g_assert_finalize_object (store);
  remove_tree (dir);
}

/* Every earlier schema version, with data in it, upgrades to the current
 * one, keeping the data and leaving a backup of the old file. */
static void
test_migrations (void)
{
  for (guint version = 0; version < PB_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *dir = make_tmp_dir ();
      g_autofree char *path = g_build_filename (dir, "pb.db", NULL);
      g_autofree char *backup = g_strdup_printf ("%s.v%u.bak", path, version);
      g_autoptr(GError) error = NULL;
      PbStore *store;
      sqlite3 *db = NULL;
      sqlite3_stmt *stmt = NULL;

      g_test_message ("upgrading from version %u", version);
      g_assert_true (pb_store_create_schema_at_version (path, version, &error));
      g_assert_no_error (error);
      if (version >= 1)
        exec_raw (path, "INSERT INTO processes (name, budget, created) VALUES ('Old fund', '900', 0);");

      store = pb_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_nonnull (store);
      g_assert_cmpint (sqlite3_prepare_v2 (pb_store_get_db (store), "PRAGMA user_version;", -1, &stmt, NULL),
                       ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, PB_STORE_SCHEMA_VERSION);
      sqlite3_finalize (stmt);

      if (version >= 1)
        {
          g_autoptr(PbProcess) process = g_list_model_get_item (pb_store_list_processes (store), 0);
          PbPaperBatch *batch;

          g_assert_cmpstr (pb_process_get_name (process), ==, "Old fund");
          g_assert_cmpstr (pb_process_get_budget (process), ==, "900");
          g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
          /* The backup is the old database, still at its version. */
          g_assert_cmpint (sqlite3_open (backup, &db), ==, SQLITE_OK);
          g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version;", -1, &stmt, NULL), ==, SQLITE_OK);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
          g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, version);
          sqlite3_finalize (stmt);
          sqlite3_close (db);
          /* Tables of later versions work. */
          batch = pb_store_paper_add_batch (store, process, "B-1", 2, &error);
          g_assert_no_error (error);
          g_object_unref (batch);
        }
      else
        g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
      g_assert_finalize_object (store);
      remove_tree (dir);
    }
}

static void
test_default_and_demo (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *expected = g_build_filename (dir, "com.example.Pb", "pb.db", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbProcess) process = NULL;
  gboolean created = FALSE;
  PbStore *store;
  guint n_projects;

  g_setenv ("XDG_DATA_HOME", dir, TRUE);
  path = pb_store_get_default_path ();
  /* GLib caches the data folder at first use; compare only when fresh. */
  if (g_strcmp0 (path, expected) != 0)
    {
      g_test_skip ("the user data folder was read before XDG_DATA_HOME was set");
      remove_tree (dir);
      return;
    }

  store = pb_store_open_default (&created, &error);
  g_assert_no_error (error);
  g_assert_true (created);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (g_list_model_get_n_items (pb_store_list_processes (store)), ==, 1);
  process = g_list_model_get_item (pb_store_list_processes (store), 0);
  g_assert_cmpstr (pb_process_get_name (process), ==, "Riverside Neighbourhood Fund 2026");
  g_assert_cmpstr (pb_process_get_budget (process), ==, "50000");
  g_assert_cmpstr (pb_process_get_currency (process), ==, "GBP");
  g_assert_cmpint (pb_process_get_phase (process), ==, PB_PHASE_VOTING);
  n_projects = g_list_model_get_n_items (pb_process_list_projects (process));
  g_assert_cmpuint (n_projects, >=, 10);
  g_assert_cmpuint (g_list_model_get_n_items (pb_process_list_categories (process)), >=, 3);
  g_assert_cmpuint (pb_process_get_ballot_count (process), >=, 3);
  for (guint i = 0; i < n_projects; i++)
    {
      g_autoptr(PbProject) project = g_list_model_get_item (pb_process_list_projects (process), i);

      g_assert_cmpuint (strlen (pb_project_get_description (project)), >, 100);
      g_assert_cmpuint (strlen (pb_project_get_summary (project)), >, 20);
      g_assert_true (pb_project_is_on_ballot (project));
    }
  g_assert_true (pb_store_verify (store, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&process);
  g_assert_finalize_object (store);

  /* Second start: the existing database is opened, not re-seeded. */
  store = pb_store_open_default (&created, &error);
  g_assert_no_error (error);
  g_assert_false (created);
  g_assert_cmpuint (g_list_model_get_n_items (pb_store_list_processes (store)), ==, 1);
  g_assert_finalize_object (store);

  /* A default path that is a folder is refused with a clear error. */
  {
    g_autofree char *app_dir = g_path_get_dirname (expected);
    remove_tree (app_dir);
  }
  g_assert_cmpint (g_mkdir_with_parents (expected, 0700), ==, 0);
  g_assert_null (pb_store_open_default (&created, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_IS_DIRECTORY);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_DIR));
  remove_tree (dir);
}

static void
test_settings (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "pb.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  PbStore *store = pb_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_null (pb_store_get_setting (store, "kiosk-pin-hash"));
  g_assert_true (pb_store_set_setting (store, "kiosk-pin-hash", "$argon2id$v=19$m=65536,t=2,p=1$abc$def", &error));
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  store = pb_store_open (path, &error);
  g_assert_no_error (error);
  value = pb_store_get_setting (store, "kiosk-pin-hash");
  g_assert_cmpstr (value, ==, "$argon2id$v=19$m=65536,t=2,p=1$abc$def");
  g_assert_true (pb_store_set_setting (store, "kiosk-pin-hash", NULL, &error));
  g_assert_null (pb_store_get_setting (store, "kiosk-pin-hash"));
  g_assert_true (pb_store_verify (store, NULL, &error));
  g_assert_finalize_object (store);
  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  /* The other program of test_second_connection_keeps_locks(). */
  if (argc == 3 && strcmp (argv[1], READ_AND_CLOSE) == 0)
    {
      sqlite3 *db = NULL;

      if (sqlite3_open (argv[2], &db) != SQLITE_OK
          || sqlite3_exec (db, "SELECT count(*) FROM processes;", NULL, NULL, NULL) != SQLITE_OK)
        return 1;
      return sqlite3_close (db) == SQLITE_OK ? 0 : 1;
    }

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/open/create-and-reopen", test_create_and_reopen);
  g_test_add_func ("/store/open/directory", test_directory);
  g_test_add_func ("/store/open/missing-folder", test_missing_folder);
  g_test_add_func ("/store/open/unreadable", test_unreadable);
  g_test_add_func ("/store/open/not-sqlite", test_not_sqlite);
  g_test_add_func ("/store/open/truncated-and-corrupt", test_truncated_and_corrupt);
  g_test_add_func ("/store/open/newer-schema", test_newer_schema);
  g_test_add_func ("/store/open/locked", test_locked);
  g_test_add_func ("/store/open/locked-by-other-process", test_locked_by_other_process);
  g_test_add_func ("/store/open/second-connection-keeps-locks", test_second_connection_keeps_locks);
  g_test_add_func ("/store/open/migrations", test_migrations);
  g_test_add_func ("/store/open/default-and-demo", test_default_and_demo);
  g_test_add_func ("/store/open/settings", test_settings);
  return g_test_run ();
}
