/* bench-kiosk-choose.c: how fast the kiosk's choose screen appears with
 * many projects.  Prints, as medians over several runs (needs a display,
 * e.g. under xvfb-run):
 *
 *  - building the choose page (its model, filter and grid);
 *  - Welcome → choose: from the tap on "Start" to the first frame painted
 *    with the choose screen;
 *  - typing a search into the search field, to the frame that shows the
 *    projects found (this includes the field's own search-delay);
 *  - a search that narrows the list, and clearing it, to the frame painted;
 *  - a search that widens a short list (11 projects to 111: deleting the
 *    last letter typed), to the frame painted; the grid makes cards for
 *    the projects that come back on screen;
 *    the search is split into the call itself (filtering, refilling the
 *    cards), the frame's layout, and its drawing and rendering;
 *  - how many project cards exist (the grid makes them only for what is
 *    on screen).
 *
 * Each figure is given as wall-clock time and as the CPU time the kiosk
 * spent; on Xvfb without a window manager the wall-clock time also holds
 * the wait for the X server's next frame, and software GL rendering
 * (GSK_RENDERER=cairo shows what the drawing itself costs).
 *
 *   bench-kiosk-choose [N_PROJECTS] [N_RUNS] */

#include <adwaita.h>
#include <locale.h>
#include <stdlib.h>
#include <time.h>
#include <glib/gstdio.h>

#include "kiosk-fixture.h"
#include "pb-kiosk-choose-page.h"
#include "pb-kiosk-project-card.h"
#include "pb-kiosk-welcome-page.h"
#include "pb-kiosk-window-private.h"

#define PIN "2468"

static guint paints;

/* When the last frame's layout and paint phases ended (monotonic µs). */
static gint64 frame_start;
static gint64 layout_done;
static gint64 paint_done;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  paints++;
}

static void
before_paint_cb (GdkFrameClock *clock,
                 gpointer       user_data)
{
  frame_start = g_get_monotonic_time ();
}

/* Connected after GTK's own handlers, so these run when GTK has laid the
 * window out, and when it has drawn and rendered it. */
static void
layout_cb (GdkFrameClock *clock,
           gpointer       user_data)
{
  layout_done = g_get_monotonic_time ();
}

static void
paint_cb (GdkFrameClock *clock,
          gpointer       user_data)
{
  paint_done = g_get_monotonic_time ();
}

/* Runs the main loop until the window has painted a new frame. */
static void
wait_for_frame (GtkWidget *window)
{
  guint before = paints;
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  gtk_widget_queue_draw (window);
  while (paints == before && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (paints, >, before);
}

static void
settle (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5000);
    }
}

static guint
count_cards (GtkWidget *widget)
{
  guint n = PB_IS_KIOSK_PROJECT_CARD (widget) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += count_cards (child);
  return n;
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_double);
  return g_array_index (values, double, values->len / 2);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* CPU time of this process, in microseconds. */
static gint64
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static double
cpu_ms_since (gint64 start)
{
  return (cpu_now () - start) / 1000.0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GArray) build = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) show = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) search = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) clear = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) show_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) search_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) clear_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) typed = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) typed_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) widen = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) widen_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) search_sync = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) search_layout = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) search_paint = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_projects = argc > 1 ? (guint) atoi (argv[1]) : 200;
  guint n_runs = argc > 2 ? (guint) atoi (argv[2]) : 5;
  guint n_cards = 0;
  PbProcess *process;

  setlocale (LC_ALL, "");
  gtk_init ();
  adw_init ();

  dir = g_dir_make_tmp ("pb-kiosk-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "bench.db", NULL);
  store = pb_store_open (path, &error);
  g_assert_no_error (error);
  process = kiosk_fixture_add_process (store, PB_BALLOT_FORMAT_KNAPSACK, n_projects, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (kiosk_fixture_set_pin (store, PIN, &error));

  for (guint run = 0; run < n_runs; run++)
    {
      PbKioskWindow *window = pb_kiosk_window_new (NULL, store, process);
      g_autoptr(PbKioskSession) session = pb_kiosk_session_new (store, process);
      GtkWidget *welcome;
      GtkWidget *spare;
      PbKioskChoosePage *choose;
      gint64 start, cpu_start, sync_done;
      double elapsed;

      g_object_ref_sink (window);
      gtk_window_present (GTK_WINDOW (window));
      g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                        G_CALLBACK (after_paint_cb), NULL);
      g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "before-paint",
                        G_CALLBACK (before_paint_cb), NULL);
      g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "layout",
                        G_CALLBACK (layout_cb), NULL);
      g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "paint",
                        G_CALLBACK (paint_cb), NULL);
      settle (300);

      /* Building a choose page on its own. */
      start = g_get_monotonic_time ();
      spare = g_object_ref_sink (pb_kiosk_choose_page_new (session));
      elapsed = ms_since (start);
      g_array_append_val (build, elapsed);
      g_object_unref (spare);

      /* Welcome → choose, up to the frame on screen. */
      welcome = pb_kiosk_window_get_page (window, "welcome");
      start = g_get_monotonic_time ();
      cpu_start = cpu_now ();
      g_signal_emit_by_name (pb_kiosk_welcome_page_get_start_button (PB_KIOSK_WELCOME_PAGE (welcome)), "clicked");
      wait_for_frame (GTK_WIDGET (window));
      elapsed = ms_since (start);
      g_array_append_val (show, elapsed);
      elapsed = cpu_ms_since (cpu_start);
      g_array_append_val (show_cpu, elapsed);
      g_assert_cmpstr (pb_kiosk_window_get_page_name (window), ==, "choose");
      choose = PB_KIOSK_CHOOSE_PAGE (pb_kiosk_window_get_page (window, "choose"));
      g_assert_cmpuint (pb_kiosk_choose_page_get_n_shown (choose), ==, n_projects);
      settle (200);
      n_cards = count_cards (GTK_WIDGET (choose));

      /* Typing a search, as from the keyboard. */
      {
        GtkWidget *entry = find_widget (GTK_WIDGET (choose), GTK_TYPE_SEARCH_ENTRY);
        gint64 end;

        start = g_get_monotonic_time ();
        cpu_start = cpu_now ();
        end = start + 10 * G_USEC_PER_SEC;
        gtk_editable_set_text (GTK_EDITABLE (entry), "Project 1");
        while (pb_kiosk_choose_page_get_n_shown (choose) == n_projects && g_get_monotonic_time () < end)
          g_main_context_iteration (NULL, TRUE);
        g_assert_cmpuint (pb_kiosk_choose_page_get_n_shown (choose), <, n_projects);
        wait_for_frame (GTK_WIDGET (window));
        elapsed = ms_since (start);
        g_array_append_val (typed, elapsed);
        elapsed = cpu_ms_since (cpu_start);
        g_array_append_val (typed_cpu, elapsed);
        pb_kiosk_choose_page_set_search (choose, "");
        settle (200);
      }

      /* A search, then clearing it. */
      start = g_get_monotonic_time ();
      cpu_start = cpu_now ();
      pb_kiosk_choose_page_set_search (choose, "Project 1");
      sync_done = g_get_monotonic_time ();
      wait_for_frame (GTK_WIDGET (window));
      elapsed = ms_since (start);
      g_array_append_val (search, elapsed);
      elapsed = cpu_ms_since (cpu_start);
      g_array_append_val (search_cpu, elapsed);
      elapsed = (sync_done - start) / 1000.0;
      g_array_append_val (search_sync, elapsed);
      elapsed = (layout_done - frame_start) / 1000.0;
      g_array_append_val (search_layout, elapsed);
      elapsed = (paint_done - layout_done) / 1000.0;
      g_array_append_val (search_paint, elapsed);
      settle (100);
      pb_kiosk_choose_page_set_search (choose, "Project 10");
      wait_for_frame (GTK_WIDGET (window));
      settle (100);
      start = g_get_monotonic_time ();
      cpu_start = cpu_now ();
      pb_kiosk_choose_page_set_search (choose, "Project 1");
      wait_for_frame (GTK_WIDGET (window));
      elapsed = ms_since (start);
      g_array_append_val (widen, elapsed);
      elapsed = cpu_ms_since (cpu_start);
      g_array_append_val (widen_cpu, elapsed);
      settle (100);
      start = g_get_monotonic_time ();
      cpu_start = cpu_now ();
      pb_kiosk_choose_page_set_search (choose, "");
      wait_for_frame (GTK_WIDGET (window));
      elapsed = ms_since (start);
      g_array_append_val (clear, elapsed);
      elapsed = cpu_ms_since (cpu_start);
      g_array_append_val (clear_cpu, elapsed);

      gtk_window_destroy (GTK_WINDOW (window));
      g_object_unref (window);
      settle (50);
    }

  g_print ("kiosk choose screen with %u projects (median of %u runs):\n", n_projects, n_runs);
  g_print ("  build the page:           %7.1f ms\n", median (build));
  g_print ("  Welcome → choose painted: %7.1f ms (CPU %.1f ms)\n", median (show), median (show_cpu));
  g_print ("  typed search, painted:    %7.1f ms (CPU %.1f ms)\n", median (typed), median (typed_cpu));
  g_print ("  search, painted:          %7.1f ms (CPU %.1f ms)\n", median (search), median (search_cpu));
  g_print ("    of which filtering:     %7.1f ms\n", median (search_sync));
  g_print ("    of which layout:        %7.1f ms\n", median (search_layout));
  g_print ("    of which draw + render: %7.1f ms\n", median (search_paint));
  g_print ("  search widened, painted:  %7.1f ms (CPU %.1f ms)\n", median (widen), median (widen_cpu));
  g_print ("  clear search, painted:    %7.1f ms (CPU %.1f ms)\n", median (clear), median (clear_cpu));
  g_print ("  project cards made:       %7u\n", n_cards);

  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
    g_unlink (path);
    g_rmdir (dir);
  }
  return 0;
}
