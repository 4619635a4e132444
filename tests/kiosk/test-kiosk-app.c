/* test-kiosk-app.c: the kiosk inside the running application.  Quitting
 * (app.quit, which Ctrl+Q triggers from any window) must not close the
 * application, nor the officer's window behind the kiosk, while a kiosk
 * is open: the kiosk asks for the officer PIN instead.  Once the officer
 * has left the kiosk with the PIN, quitting works again. */

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "kiosk-fixture.h"
#include "pb-application.h"
#include "pb-kiosk-pin-page.h"
#include "pb-kiosk-window-private.h"

#define PIN "2468"

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5000);
    }
}

static gboolean
has_window (GtkApplication *app,
            gpointer        window)
{
  return g_list_find (gtk_application_get_windows (app), window) != NULL;
}

static void
test_quit_keeps_kiosk (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pb-kiosk-app-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "pb.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PbApplication) app = pb_application_new ();
  g_auto(GStrv) accels = NULL;
  PbStore *store;
  PbProcess *process;
  GtkWidget *officer;
  PbKioskWindow *kiosk;
  PbKioskPinPage *pin_page;
  gint64 end;

  store = pb_store_open (path, &error);
  g_assert_no_error (error);
  process = kiosk_fixture_add_process (store, PB_BALLOT_FORMAT_KNAPSACK, 3, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (kiosk_fixture_set_pin (store, PIN, &error));

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  /* Ctrl+Q is app.quit. */
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>q"));

  /* A window standing for the officer's, and the kiosk in front of it. */
  officer = adw_application_window_new (GTK_APPLICATION (app));
  g_object_add_weak_pointer (G_OBJECT (officer), (gpointer *) &officer);
  gtk_window_present (GTK_WINDOW (officer));
  kiosk = pb_kiosk_window_new (GTK_APPLICATION (app), store, process);
  g_object_ref (kiosk);
  gtk_window_present (GTK_WINDOW (kiosk));
  spin (100);
  g_assert_cmpstr (pb_kiosk_window_get_page_name (kiosk), ==, "welcome");

  /* Quitting from the kiosk, as Ctrl+Q there does: nothing closes, the
   * kiosk asks for the PIN. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kiosk), "app.quit", NULL));
  spin (100);
  g_assert_true (has_window (GTK_APPLICATION (app), kiosk));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (kiosk)));
  g_assert_cmpstr (pb_kiosk_window_get_page_name (kiosk), ==, "pin");
  g_assert_nonnull (officer);
  g_assert_true (has_window (GTK_APPLICATION (app), officer));

  /* Quitting from the officer's window does not close the kiosk either,
   * nor that window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kiosk), "kiosk.escape", NULL));
  g_assert_cmpstr (pb_kiosk_window_get_page_name (kiosk), ==, "welcome");
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  spin (100);
  g_assert_true (has_window (GTK_APPLICATION (app), kiosk));
  g_assert_false (pb_kiosk_window_is_unlocked (kiosk));
  g_assert_cmpstr (pb_kiosk_window_get_page_name (kiosk), ==, "pin");
  g_assert_nonnull (officer);
  g_assert_true (has_window (GTK_APPLICATION (app), officer));

  /* The officer leaves the kiosk with the PIN; then quitting closes the
   * remaining window. */
  pin_page = PB_KIOSK_PIN_PAGE (pb_kiosk_window_get_page (kiosk, "pin"));
  pb_kiosk_pin_page_submit (pin_page, PIN, NULL);
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (has_window (GTK_APPLICATION (app), kiosk) && g_get_monotonic_time () < end)
    spin (20);
  g_assert_false (has_window (GTK_APPLICATION (app), kiosk));
  g_assert_true (pb_kiosk_window_is_unlocked (kiosk));
  g_assert_nonnull (officer);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  spin (100);
  g_assert_null (officer);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));

  g_assert_finalize_object (kiosk);
  g_assert_finalize_object (store);
  for (guint i = 0; i < 3; i++)
    {
      const char *suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/kiosk/app/quit-keeps-kiosk", test_quit_keeps_kiosk);

  return g_test_run ();
}
