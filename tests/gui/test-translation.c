/* test-translation.c: with LANGUAGE=pl the officer's window speaks Polish.
 *
 * Uses the catalogue the build compiles from po/pl.po, so it fails when a
 * string of the window is not marked for translation, when the catalogue
 * is not installed where Pb looks, or when the translation is missing. */

#include "pb-config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "pb-window.h"

static AdwViewStack *
find_view_stack (GtkWidget *widget)
{
  if (ADW_IS_VIEW_STACK (widget))
    return ADW_VIEW_STACK (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwViewStack *found = find_view_stack (child);
      if (found)
        return found;
    }
  return NULL;
}

static void
test_window_in_polish (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pb-pl-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "pb.db", NULL);
  g_autoptr(GError) error = NULL;
  PbStore *store;
  PbWindow *window;
  AdwViewStack *stack;
  AdwViewStackPage *page;

  /* The catalogue knows the page titles. */
  g_assert_cmpstr (_("Overview"), ==, "Przegląd");
  g_assert_cmpstr (_("Projects"), ==, "Projekty");

  store = pb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pb_store_seed_demo (store, &error));
  g_assert_no_error (error);

  window = g_object_ref_sink (pb_window_new (NULL));
  pb_window_set_store (window, store);

  stack = find_view_stack (GTK_WIDGET (window));
  g_assert_nonnull (stack);
  page = adw_view_stack_get_page (stack, adw_view_stack_get_child_by_name (stack, "overview"));
  g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, "Przegląd");
  page = adw_view_stack_get_page (stack, adw_view_stack_get_child_by_name (stack, "projects"));
  g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, "Projekty");

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_object_unref (store);
  for (guint i = 0; i < 3; i++)
    {
      const char *suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_remove (file);
    }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_setenv ("LANGUAGE", "pl", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (PB_GETTEXT_PACKAGE, PB_BUILD_LOCALEDIR);
  bind_textdomain_codeset (PB_GETTEXT_PACKAGE, "UTF-8");
  textdomain (PB_GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/translation/window-in-polish", test_window_in_polish);

  return g_test_run ();
}
