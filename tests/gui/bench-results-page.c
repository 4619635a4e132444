/* bench-results-page.c: does the window stay responsive while the Results
 * page counts a big process?  Imports a Pabulib file with its ballots into
 * a temporary database, shows the Results page in a window and counts,
 * first with the process's rule (reading the ballots in the thread), then
 * with another rule (the ballots already read).  Prints for each count its
 * duration and the longest time the main loop did not run (a timeout asks
 * to run every 5 ms), which includes showing the result.  Needs a display,
 * e.g. under xvfb-run:
 *
 *   bench-results-page [FILE.pb] [RULE]
 *
 * Default: PB_SHARED_DIR/pabulib/Poland_Warszawa_2026.pb (61 668 ballots,
 * 83 projects) and mes-cost-add1-greedy. */

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "pb-pabulib.h"
#include "pb-results-page.h"
#include "pb-store-election.h"

static gint64 last_tick;
static gint64 longest_gap;

static gboolean
tick_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_tick != 0 && now - last_tick > longest_gap)
    longest_gap = now - last_tick;
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
measure (PbResultsPage *page,
         const char    *what,
         gboolean       change_rule,
         PbRule         rule)
{
  gint64 start;

  /* Let the window settle first. */
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  /* The call that starts the count runs on the main loop too. */
  start = g_get_monotonic_time ();
  last_tick = start;
  longest_gap = 0;
  if (change_rule)
    pb_results_page_set_rule (page, rule);
  else
    pb_results_page_count (page);
  while (pb_results_page_get_counting (page))
    g_main_context_iteration (NULL, TRUE);
  tick_cb (NULL);
  g_print ("%-44s %8.0f ms   longest main-loop gap %5.0f ms\n", what,
           (g_get_monotonic_time () - start) / 1000.0, longest_gap / 1000.0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *default_file = NULL;
  const char *file;
  const char *rule_name = argc > 2 ? argv[2] : "mes-cost-add1-greedy";
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autoptr(PbElection) election = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autofree char *label = NULL;
  PbProcess *process;
  GtkWidget *window;
  GtkWidget *page;
  PbRule rule;
  gint64 start;

  gtk_init ();
  adw_init ();

  default_file = g_build_filename (g_getenv ("PB_SHARED_DIR") != NULL ? g_getenv ("PB_SHARED_DIR") : "../shared",
                                   "pabulib", "Poland_Warszawa_2026.pb", NULL);
  file = argc > 1 ? argv[1] : default_file;
  if (!pb_rule_from_string (rule_name, &rule))
    {
      g_printerr ("Unknown rule %s\n", rule_name);
      return 2;
    }

  start = g_get_monotonic_time ();
  election = pb_pabulib_read_file (file, &error);
  if (election == NULL)
    {
      g_printerr ("%s: %s\n", file, error->message);
      return 1;
    }
  dir = g_dir_make_tmp ("pb-bench-results-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "pb.db", NULL);
  store = pb_store_open (db, &error);
  g_assert_no_error (error);
  process = pb_store_import_election (store, election, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_print ("%s: %u ballots, %u projects (imported in %.1f s)\n", file, election->n_ballots,
           election->n_projects, (g_get_monotonic_time () - start) / 1e6);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  page = pb_results_page_new ();
  gtk_window_set_child (GTK_WINDOW (window), page);
  g_object_set (page, "store", store, "process", process, NULL);
  gtk_window_present (GTK_WINDOW (window));
  g_timeout_add_full (G_PRIORITY_HIGH, 5, tick_cb, NULL, NULL);

  label = g_strdup_printf ("read + count (%s)", pb_rule_to_string (pb_results_page_get_rule (PB_RESULTS_PAGE (page))));
  measure (PB_RESULTS_PAGE (page), label, FALSE, rule);
  g_free (label);
  label = g_strdup_printf ("count again (%s)", rule_name);
  measure (PB_RESULTS_PAGE (page), label, TRUE, rule);

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  for (guint i = 0; i < 3; i++)
    {
      static const char * const suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *path = g_strconcat (db, suffixes[i], NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
  return 0;
}
