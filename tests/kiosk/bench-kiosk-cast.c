/* bench-kiosk-cast.c: storage time of the kiosk's "Cast my ballot" with
 * 100,000 ballots already stored.  Casts through PbKioskSession, exactly
 * as the kiosk does, and prints the median, p99 and worst of 500 casts;
 * fails when p99 is 20 ms or more.
 *
 *   bench-kiosk-cast [N_EXISTING] [N_CASTS] */

#include <locale.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "kiosk-fixture.h"
#include "pb-kiosk-session.h"

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbKioskSession) session = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n_existing = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  guint n_casts = argc > 2 ? (guint) atoi (argv[2]) : 500;
  PbProcess *process;
  GListModel *projects;
  guint n_projects;
  gint64 p50, p99, worst;

  setlocale (LC_ALL, "");
  dir = g_dir_make_tmp ("pb-kiosk-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "bench.db", NULL);
  store = pb_store_open (path, &error);
  g_assert_no_error (error);
  process = kiosk_fixture_add_process (store, PB_BALLOT_FORMAT_KNAPSACK, 12, FALSE, &error);
  g_assert_no_error (error);
  projects = pb_process_list_ballot_projects (process);
  n_projects = g_list_model_get_n_items (projects);
  session = pb_kiosk_session_new (store, process);

  g_printerr ("Storing %u ballots first…\n", n_existing);
  for (guint i = 0; i < n_existing + n_casts; i++)
    {
      g_autoptr(PbBallot) ballot = NULL;
      gint64 start;

      pb_kiosk_session_reset (session);
      for (guint j = 0; j < 3; j++)
        {
          g_autoptr(PbProject) project = g_list_model_get_item (projects, (i + j * 5) % n_projects);

          pb_kiosk_session_set_points (session, project, 1, NULL);
        }
      start = g_get_monotonic_time ();
      ballot = pb_kiosk_session_cast (session, &error);
      g_assert_no_error (error);
      if (i >= n_existing)
        {
          gint64 elapsed = g_get_monotonic_time () - start;

          g_array_append_val (times, elapsed);
        }
    }

  g_array_sort (times, compare_gint64);
  p50 = g_array_index (times, gint64, times->len / 2);
  p99 = g_array_index (times, gint64, MIN (times->len - 1, (times->len * 99) / 100));
  worst = g_array_index (times, gint64, times->len - 1);
  g_print ("kiosk cast with %u ballots stored: median %.2f ms, p99 %.2f ms, worst %.2f ms (%u casts)\n",
           n_existing, p50 / 1000.0, p99 / 1000.0, worst / 1000.0, n_casts);

  g_clear_object (&session);
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
    g_unlink (path);
    g_rmdir (dir);
  }
  return p99 < 20 * 1000 ? 0 : 1;
}
