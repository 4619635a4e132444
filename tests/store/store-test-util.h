/* store-test-util.h: temporary folders and small fixtures for the store's
 * tests. */
#pragma once

#include <glib/gstdio.h>
#include <sys/wait.h>

#include "pb-core.h"
#include "pb-test-files.h"
#include "pb-store-private.h"

typedef struct {
  char    *dir;
  char    *path;
  PbStore *store;
} StoreFixture;

static inline void
store_fixture_set_up (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("pb-store-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "pb.db", NULL);
  fixture->store = pb_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
}

static inline void
store_fixture_tear_down (StoreFixture  *fixture,
                         gconstpointer  data)
{
  if (fixture->store != NULL)
    g_assert_finalize_object (fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* A process in @phase with three feasible projects (costs 100, 200, 300)
 * in the given format, for rules and ballot tests. */
static inline PbProcess *
make_process (PbStore        *store,
              PbBallotFormat  format,
              PbPhase         phase)
{
  g_autoptr(GError) error = NULL;
  PbProcess *process = pb_store_create_process (store, "Test fund", "GBP", "500", &error);
  const char *costs[] = { "100", "200", "300" };

  g_assert_no_error (error);
  g_assert_true (pb_store_edit_process (store, process, &error, "ballot-format", format, NULL));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (costs); i++)
    {
      g_autofree char *title = g_strdup_printf ("Project %u", i + 1);
      PbProject *project = pb_store_add_project (store, process, &error, "title", title, "cost", costs[i], NULL);

      g_assert_no_error (error);
      g_assert_true (pb_store_set_project_status (store, project, PB_PROJECT_STATUS_FEASIBLE, "ok", &error));
      g_assert_no_error (error);
    }
  if (phase != PB_PHASE_DRAFT)
    {
      g_assert_true (pb_store_set_phase (store, process, phase, "test", &error));
      g_assert_no_error (error);
    }
  return process;
}

/* The id of the @index-th project of @process (0-based, list order). */
static inline gint64
project_id (PbProcess *process,
            guint      index)
{
  g_autoptr(PbProject) project = g_list_model_get_item (pb_process_list_projects (process), index);

  g_assert_nonnull (project);
  return pb_project_get_id (project);
}

/* Runs SQL through a second connection, as someone with the sqlite3 shell
 * would. */
static inline void
exec_raw (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

#ifdef PBTOOL_PATH
/* Runs the built pbtool with @args (NULL-terminated) and returns its exit
 * status; its standard output and error are captured (never mixed into the
 * test's own output) and handed back when asked for. */
static inline int
store_test_run_pbtool (const char * const  *args,
                       char               **out_stdout,
                       char               **out_stderr)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) PBTOOL_PATH);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  if (out_stdout != NULL)
    *out_stdout = g_steal_pointer (&out);
  if (out_stderr != NULL)
    *out_stderr = g_steal_pointer (&err);
  return WEXITSTATUS (status);
}
#endif
