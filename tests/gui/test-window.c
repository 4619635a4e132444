/* test-window.c: the main window builds from its template, shows why a
 * database cannot be used, lists the processes of one that can, and every
 * object is finalized when the window goes away. */

#include <adwaita.h>
#include <glib/gstdio.h>

#include "pb-preferences-window.h"
#include "pb-window.h"
#include "pb-workshop.h"

static void
test_window_widgets (void)
{
  PbWindow *window = pb_window_new (NULL);
  GtkWidget *child;

  g_assert_true (PB_IS_WINDOW (window));
  g_object_ref_sink (window);

  child = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  g_assert_true (ADW_IS_TOAST_OVERLAY (child));
  g_assert_cmpstr (pb_window_get_state (window), ==, "loading");

  pb_window_add_toast (window, adw_toast_new ("Hello"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* A directory is not a database: the store says so, the window shows the
 * message, and the directory is left as it was. */
static void
test_window_store_error (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pb-window-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  PbStore *store;
  PbWindow *window;
  GDir *listing;

  store = pb_store_open (dir, &error);
  g_assert_null (store);
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_IS_DIRECTORY);

  window = g_object_ref_sink (pb_window_new (NULL));
  pb_window_show_error (window, "The Database Cannot Be Opened", error->message, dir);
  g_assert_cmpstr (pb_window_get_state (window), ==, "error");

  listing = g_dir_open (dir, 0, NULL);
  g_assert_null (g_dir_read_name (listing));
  g_dir_close (listing);
  g_rmdir (dir);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_window_store (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pb-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "pb.db", NULL);
  g_autoptr(GError) error = NULL;
  PbStore *store;
  PbProcess *demo, *second;
  PbWindow *window;

  store = pb_store_open (path, &error);
  g_assert_no_error (error);
  demo = pb_store_seed_demo (store, &error);
  g_assert_no_error (error);
  second = pb_store_create_process (store, "Second", "EUR", "1000", &error);
  g_assert_no_error (error);

  window = g_object_ref_sink (pb_window_new (NULL));
  pb_window_set_store (window, store);
  g_assert_cmpstr (pb_window_get_state (window), ==, "workspace");
  g_assert_true (pb_window_get_store (window) == store);
  g_assert_true (pb_window_get_process (window) == demo);

  pb_window_set_visible_page (window, "projects");
  g_assert_cmpstr (pb_window_get_visible_page (window), ==, "projects");
  pb_window_set_visible_page (window, "no-such-page");
  g_assert_cmpstr (pb_window_get_visible_page (window), ==, "projects");

  pb_window_set_process (window, second);
  g_assert_true (pb_window_get_process (window) == second);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.duplicate-process", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (pb_store_list_processes (store)), ==, 3);
  g_assert_cmpstr (pb_process_get_name (pb_window_get_process (window)), ==, "Second (copy)");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.archive-process", NULL));
  g_assert_true (pb_process_get_archived (pb_window_get_process (window)));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_assert_finalize_object (store);
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
}

static AdwViewStack *
find_view_stack (GtkWidget *widget)
{
  if (ADW_IS_VIEW_STACK (widget))
    return ADW_VIEW_STACK (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwViewStack *found = find_view_stack (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The pages the switcher offers, in order, as one text. */
static char *
shown_pages (PbWindow *window)
{
  AdwViewStack *stack = find_view_stack (GTK_WIDGET (window));
  GListModel *pages = G_LIST_MODEL (adw_view_stack_get_pages (stack));
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (pages, i);

      if (!adw_view_stack_page_get_visible (page))
        continue;
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, adw_view_stack_page_get_name (page));
    }
  g_object_unref (pages);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Seven pages do not fit the header: Workshop shows while proposals are
 * gathered or once there is a workshop, Codes while codes are required or
 * issued, Paper from voting on; a page asked for by name shows anyway. */
static void
test_window_page_visibility (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pb-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "pb.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) codes = NULL;
  g_autofree char *text = NULL;
  PbStore *store;
  PbProcess *demo, *fresh;
  PbWindow *window;

  store = pb_store_open (path, &error);
  g_assert_no_error (error);
  demo = pb_store_seed_demo (store, &error);
  g_assert_no_error (error);
  fresh = pb_store_create_process (store, "Fresh", "EUR", "1000", &error);
  g_assert_no_error (error);

  window = g_object_ref_sink (pb_window_new (NULL));
  pb_window_set_store (window, store);
  pb_window_set_process (window, demo);

  /* The demo takes votes without codes and had no workshop. */
  g_assert_cmpint (pb_process_get_phase (demo), ==, PB_PHASE_VOTING);
  text = shown_pages (window);
  g_assert_cmpstr (text, ==, "overview projects setup paper results");

  /* A draft: the workshop, no paper yet; requiring codes shows Codes at
   * once, and the Setup page the officer is on stays. */
  pb_window_set_process (window, fresh);
  pb_window_set_visible_page (window, "setup");
  g_free (text);
  text = shown_pages (window);
  g_assert_cmpstr (text, ==, "overview projects setup workshop results");
  g_assert_true (pb_store_edit_process (store, fresh, &error, "voter-codes-required", TRUE, NULL));
  g_assert_no_error (error);
  g_free (text);
  text = shown_pages (window);
  g_assert_cmpstr (text, ==, "overview projects setup codes workshop results");
  g_assert_cmpstr (pb_window_get_visible_page (window), ==, "setup");

  /* Codes issued keep the page even when no longer required. */
  codes = pb_store_issue_voter_codes (store, fresh, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pb_store_edit_process (store, fresh, &error, "voter-codes-required", FALSE, NULL));
  g_assert_no_error (error);
  g_free (text);
  text = shown_pages (window);
  g_assert_cmpstr (text, ==, "overview projects setup codes workshop results");

  /* A process that held a workshop keeps the page (its record, the PDF)
   * after review; Paper comes with voting. */
  {
    PbProject *project;

    g_assert_true (pb_store_set_phase (store, fresh, PB_PHASE_PROPOSALS, NULL, &error));
    g_assert_no_error (error);
    g_assert_nonnull (pb_store_start_workshop (store, fresh, &error));
    g_assert_no_error (error);
    project = pb_store_add_project (store, fresh, &error, "title", "Benches", "cost", "500", NULL);
    g_assert_no_error (error);
    g_assert_true (pb_store_set_phase (store, fresh, PB_PHASE_REVIEW, NULL, &error));
    g_assert_true (pb_store_set_project_status (store, project, PB_PROJECT_STATUS_FEASIBLE, NULL, &error));
    g_assert_true (pb_store_set_phase (store, fresh, PB_PHASE_VOTING, NULL, &error));
    g_assert_no_error (error);
    g_free (text);
    text = shown_pages (window);
    g_assert_cmpstr (text, ==, "overview projects setup codes paper workshop results");
  }

  /* Back on the demo, asking for the Workshop by name (pb --page
   * workshop) shows it, and it stays. */
  pb_window_set_process (window, demo);
  pb_window_set_visible_page (window, "workshop");
  g_assert_cmpstr (pb_window_get_visible_page (window), ==, "workshop");
  g_free (text);
  text = shown_pages (window);
  g_assert_cmpstr (text, ==, "overview projects setup paper workshop results");

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_assert_finalize_object (store);
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
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
  g_test_add_func ("/window/store-error", test_window_store_error);
  g_test_add_func ("/window/store", test_window_store);
  g_test_add_func ("/window/page-visibility", test_window_page_visibility);
  g_test_add_func ("/window/preferences", test_preferences_window);

  return g_test_run ();
}
