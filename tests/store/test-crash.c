/* test-crash.c: crash safety of ballot casting.
 *
 * A child process (crash-child) casts ballots in a loop and reports each
 * one after the store said it was committed; the test kills it with
 * SIGKILL at a random moment, again and again (200 cycles, or
 * $PB_CRASH_CYCLES; build-aux/crash-soak.sh runs 1 000).  After every kill
 * the database must open, pass PRAGMA integrity_check and
 * pb_store_verify() (no ballot without its audit entry, no used code
 * without its ballot: nothing partial), and hold every ballot the child
 * reported, unchanged.  $PB_CRASH_SEED replays a run. */

#include "store-test-util.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define DEFAULT_CYCLES 200
#define MAX_DELAY_US   40000

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *value = g_getenv (name);
  guint64 n;

  if (value != NULL && g_ascii_string_to_unsigned (value, 10, 1, G_MAXUINT, &n, NULL))
    return (guint) n;
  return fallback;
}

/* Runs the child for about @delay_us (counted from its start, or from its
 * "ready" line when @after_ready), kills it and returns what it wrote
 * after "ready". */
static GString *
run_and_kill (const char *path,
              guint32     seed,
              gboolean    after_ready,
              gulong      delay_us)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *seed_text = g_strdup_printf ("%u", seed);
  const char *argv[] = { CRASH_CHILD_PATH, path, seed_text, NULL };
  GString *output = g_string_new (NULL);
  GPid pid;
  int out_fd, status;
  char buffer[4096];
  gssize n = 0;

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                           &pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);
  while (after_ready && strchr (output->str, '\n') == NULL && (n = read (out_fd, buffer, 1)) > 0)
    g_string_append_len (output, buffer, n);
  g_usleep (delay_us);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  while ((n = read (out_fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (output, buffer, n);
  close (out_fd);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  /* Killed, not failed on its own: a child that died of an error (a
   * refused ballot, say) would make the cycle meaningless. */
  if (!(WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL))
    g_error ("the casting child ended by itself (status %d)", status);
  if (g_str_has_prefix (output->str, "ready\n"))
    g_string_erase (output, 0, 6);
  return output;
}

static void
check_reported (PbStore    *store,
                const char *uuid,
                const char *choices)
{
  sqlite3_stmt *stmt = pb_store_prepare (store, "SELECT choices FROM ballots WHERE uuid = ?;", NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    g_error ("ballot %s was reported as committed but is missing", uuid);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, choices);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

static void
check_database (const char *path,
                GHashTable *reported,
                GPtrArray  *fresh)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = pb_store_open (path, &error);
  sqlite3_stmt *stmt = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (pb_store_get_db (store), "PRAGMA integrity_check;", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);

  g_assert_true (pb_store_verify (store, NULL, &error));
  g_assert_no_error (error);

  if (fresh != NULL)
    for (guint i = 0; i < fresh->len; i++)
      check_reported (store, g_ptr_array_index (fresh, i), g_hash_table_lookup (reported, g_ptr_array_index (fresh, i)));
  else
    {
      GHashTableIter iter;
      gpointer uuid, choices;

      g_hash_table_iter_init (&iter, reported);
      while (g_hash_table_iter_next (&iter, &uuid, &choices))
        check_reported (store, uuid, choices);
    }
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_kill_while_casting (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pb-crash-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "kiosk.db", NULL);
  g_autoptr(GHashTable) reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint cycles = env_uint ("PB_CRASH_CYCLES", DEFAULT_CYCLES);
  guint32 seed = env_uint ("PB_CRASH_SEED", g_random_int_range (1, G_MAXINT32));
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint productive = 0;

  g_assert_no_error (error);
  g_test_message ("%u cycles, PB_CRASH_SEED=%u", cycles, seed);
  {
    g_autoptr(PbStore) store = pb_store_open (path, &error);
    PbProcess *process;
    g_autoptr(GListModel) codes = NULL;

    g_assert_no_error (error);
    process = make_process (store, PB_BALLOT_FORMAT_APPROVAL, PB_PHASE_VOTING);
    codes = pb_store_issue_voter_codes (store, process, 20000, NULL, &error);
    g_assert_no_error (error);
    g_assert_finalize_object (g_steal_pointer (&store));
  }

  /* At least @cycles kills, and more (up to three times as many) until
   * half as many kills as @cycles fell while the child was casting: on a
   * busy machine more kills land before the first ballot is committed. */
  for (guint cycle = 0; cycle < cycles || (productive < cycles / 2 && cycle < 3 * cycles); cycle++)
    {
      /* One kill in four is timed from the start, so that some fall while
       * the child opens (and recovers) the database. */
      gboolean after_ready = g_rand_int_range (rand, 0, 4) != 0;
      g_autoptr(GString) output = run_and_kill (path, g_rand_int (rand), after_ready,
                                                g_rand_int_range (rand, 0, MAX_DELAY_US));
      g_autoptr(GPtrArray) fresh = g_ptr_array_new ();
      g_auto(GStrv) lines = g_strsplit (output->str, "\n", -1);
      guint n_lines = g_strv_length (lines);

      /* The last piece has no newline: it is empty, or a line cut by the
       * kill, which reports nothing. */
      for (guint i = 0; i + 1 < n_lines; i++)
        {
          char *space = strchr (lines[i], ' ');

          g_assert_nonnull (space);
          *space = '\0';
          g_assert_false (g_hash_table_contains (reported, lines[i]));
          g_hash_table_insert (reported, g_strdup (lines[i]), g_strdup (space + 1));
          g_ptr_array_add (fresh, lines[i]);
        }
      productive += fresh->len > 0 ? 1 : 0;
      check_database (path, reported, fresh);
    }
  check_database (path, reported, NULL);
  g_test_message ("%u ballots reported committed; %u kills fell while the child was casting",
                  g_hash_table_size (reported), productive);

  /* A run where the child never got to cast would prove nothing. */
  g_assert_cmpuint (productive, >=, cycles / 2);
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crash/kill-while-casting", test_kill_while_casting);
  return g_test_run ();
}
