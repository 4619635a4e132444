/* test-window.c: the main window builds from its template, has its widgets,
 * and every object is finalized when the window goes away. */

#include <adwaita.h>

#include "pb-preferences-window.h"
#include "pb-window.h"

static void
test_window_widgets (void)
{
  PbWindow *window = pb_window_new (NULL);
  GtkWidget *child;

  g_assert_true (PB_IS_WINDOW (window));
  g_object_ref_sink (window);

  child = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  g_assert_true (ADW_IS_TOAST_OVERLAY (child));

  pb_window_add_toast (window, adw_toast_new ("Hello"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_preferences_window (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("com.example.Pb");
  PbPreferencesWindow *prefs = pb_preferences_window_new (settings);

  g_object_ref_sink (prefs);
  g_settings_set_uint (settings, "kiosk-idle-timeout", 120);
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_assert_finalize_object (prefs);
  g_assert_cmpuint (g_settings_get_uint (settings, "kiosk-idle-timeout"), ==, 120);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/widgets", test_window_widgets);
  g_test_add_func ("/window/preferences", test_preferences_window);

  return g_test_run ();
}
