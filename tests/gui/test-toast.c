/* test-toast.c: a progress toast that turns into the outcome's toast goes
 * away only after it has been on screen for its timeout, never while it
 * waits in the queue (pb-toast.h says why).  Runs under Xvfb. */

#include <adwaita.h>

#include "pb-toast.h"

typedef struct {
  GtkWindow       *window;
  AdwToastOverlay *overlay;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->window = GTK_WINDOW (g_object_ref_sink (gtk_window_new ()));
  f->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (f->overlay, gtk_label_new ("Content"));
  gtk_window_set_child (f->window, GTK_WIDGET (f->overlay));
  gtk_window_set_default_size (f->window, 600, 400);
  gtk_window_present (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  g_assert_finalize_object (f->window);
}

static void
iterate_until (gboolean (*done) (gpointer), gpointer data)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
record_frame_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       data)
{
  *(gint64 *) data = gdk_frame_clock_get_frame_time (clock);
  return G_SOURCE_CONTINUE;
}

static gboolean
frame_reached (gpointer data)
{
  gint64 *times = data;

  return times[0] >= times[1];
}

/* Runs the loop until @widget's frame clock has drawn a frame @ms after
 * now: then a toast on screen now has ended its slide-in, however busy
 * the machine. */
static void
iterate_frames_for (GtkWidget *widget,
                    guint      ms)
{
  gint64 times[2] = { 0, g_get_monotonic_time () + ms * 1000 };
  guint tick = gtk_widget_add_tick_callback (widget, record_frame_cb, &times[0], NULL);

  iterate_until (frame_reached, times);
  gtk_widget_remove_tick_callback (widget, tick);
}

typedef struct {
  Fixture  *f;
  AdwToast *toast;
  gboolean  dismissed;
  gint64    first_seen;   /* µs, 0 until the toast is on screen */
} Watch;

static void
dismissed_cb (AdwToast *toast,
              Watch    *watch)
{
  watch->dismissed = TRUE;
}

static gboolean
watch_done (gpointer data)
{
  Watch *watch = data;

  if (watch->first_seen == 0 && pb_toast_get_widget (watch->f->overlay, watch->toast) != NULL)
    watch->first_seen = g_get_monotonic_time ();
  return watch->dismissed;
}

/* Updated on screen, the toast shows the new title and button, and goes
 * after its timeout on screen. */
static void
test_update_and_expire (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(AdwToast) toast = adw_toast_new ("Working…");
  Watch watch = { f, toast, FALSE, 0 };

  iterate_until (mapped, f->overlay);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_button_label (toast, "_Cancel");
  g_signal_connect (toast, "dismissed", G_CALLBACK (dismissed_cb), &watch);
  adw_toast_overlay_add_toast (f->overlay, g_object_ref (toast));
  g_assert_nonnull (pb_toast_get_widget (f->overlay, toast));

  pb_toast_update (toast, "Done", "_Open");
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Done");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Open");
  pb_toast_expire (toast, GTK_WIDGET (f->overlay), 1);
  watch.first_seen = g_get_monotonic_time ();
  iterate_until (watch_done, &watch);
  g_assert_cmpint (g_get_monotonic_time () - watch.first_seen, >=, G_USEC_PER_SEC);
  g_signal_handlers_disconnect_by_func (toast, dismissed_cb, &watch);
}

/* Queued behind another toast, it stays queued however long that takes,
 * and goes only after its timeout once it is on screen. */
static void
test_queued_waits (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(AdwToast) first = adw_toast_new ("First");
  g_autoptr(AdwToast) toast = adw_toast_new ("Exported");
  Watch watch = { f, toast, FALSE, 0 };

  iterate_until (mapped, f->overlay);
  adw_toast_set_timeout (first, 0);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (f->overlay, g_object_ref (first));
  adw_toast_overlay_add_toast (f->overlay, g_object_ref (toast));
  g_signal_connect (toast, "dismissed", G_CALLBACK (dismissed_cb), &watch);
  pb_toast_expire (toast, GTK_WIDGET (f->overlay), 1);

  iterate_frames_for (GTK_WIDGET (f->overlay), 1500);
  g_assert_false (watch.dismissed);
  g_assert_null (pb_toast_get_widget (f->overlay, toast));

  adw_toast_dismiss (first);
  iterate_until (watch_done, &watch);
  g_assert_cmpint (watch.first_seen, >, 0);
  g_assert_cmpint (g_get_monotonic_time () - watch.first_seen, >=, G_USEC_PER_SEC);
  g_signal_handlers_disconnect_by_func (toast, dismissed_cb, &watch);
}

/* Closed by the officer before its time, or outside any overlay: nothing
 * is left waiting. */
static void
test_closed_early (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(AdwToast) toast = adw_toast_new ("Exported");
  g_autoptr(AdwToast) loose = adw_toast_new ("Nowhere");
  g_autoptr(GtkWidget) label = g_object_ref_sink (gtk_label_new ("Outside"));
  Watch watch = { f, loose, FALSE, 0 };

  iterate_until (mapped, f->overlay);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (f->overlay, g_object_ref (toast));
  pb_toast_expire (toast, GTK_WIDGET (f->overlay), 5);
  /* The officer closes it once it has slid in (closing a toast that still
   * slides in is what crashes libadwaita 1.2, whoever does it). */
  iterate_frames_for (GTK_WIDGET (f->overlay), 700);
  g_assert_nonnull (pb_toast_get_widget (f->overlay, toast));
  adw_toast_dismiss (toast);
  iterate_for (600);
  g_assert_null (pb_toast_get_widget (f->overlay, toast));
  /* Nothing holds it any more. */
  g_assert_finalize_object (g_steal_pointer (&toast));

  /* Never added: libadwaita has nothing to dismiss, and nothing waits. */
  g_signal_connect (loose, "dismissed", G_CALLBACK (dismissed_cb), &watch);
  pb_toast_expire (loose, label, 5);
  iterate_for (300);
  g_assert_false (watch.dismissed);
  g_signal_handlers_disconnect_by_func (loose, dismissed_cb, &watch);
  g_assert_finalize_object (g_steal_pointer (&loose));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/toast/update-and-expire", Fixture, NULL, fixture_set_up, test_update_and_expire, fixture_tear_down);
  g_test_add ("/toast/queued-waits", Fixture, NULL, fixture_set_up, test_queued_waits, fixture_tear_down);
  g_test_add ("/toast/closed-early", Fixture, NULL, fixture_set_up, test_closed_early, fixture_tear_down);

  return g_test_run ();
}
