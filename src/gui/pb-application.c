/* pb-application.c: Pb's AdwApplication.
 *
 * Owns the app-wide actions (about, shortcuts, preferences, quit, start a
 * kiosk), the GSettings object, the open database (PbStore) and the command
 * line: `--database DB`, `--kiosk`, `--screenshot FILE` (renders the window
 * to PNG and quits) and `--page NAME` (which page of the officer's window
 * to show first, for screenshots).
 *
 * The database is opened once, at the first activation.  When it cannot be
 * used, the window shows the store's message with a way to open another
 * database; the file itself is left as it was.
 */

#include "pb-config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>

#include "pb-application.h"
#include "pb-kiosk-window.h"
#include "pb-preferences-window.h"
#include "pb-screenshot.h"
#include "pb-window.h"

struct _PbApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  PbStore        *store;
  GError         *store_error;
  char           *database_path;
  char           *screenshot_path;
  char           *page_name;
  gboolean        kiosk;
  gboolean        store_tried;
  guint           signal_sources[3];
};

G_DEFINE_FINAL_TYPE (PbApplication, pb_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL, N_("Open the database at PATH instead of the default one"), N_("PATH") },
  { "kiosk", 'k', 0, G_OPTION_ARG_NONE, NULL, N_("Start the voting kiosk for the process that is open for voting"), NULL },
  { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Render the window to a PNG file and quit"), N_("FILE") },
  { "page", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Show this page of the process first (overview, projects, setup, codes, paper, workshop, results, or a view of Results such as results/compare)"), N_("NAME") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and quit"), NULL },
  { NULL }
};

static gboolean
take_screenshot_cb (gpointer user_data)
{
  PbApplication *self = PB_APPLICATION (user_data);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GError) error = NULL;

  if (window == NULL || !pb_widget_save_png (GTK_WIDGET (window), self->screenshot_path, &error))
    {
      g_printerr ("pb: %s\n", error ? error->message : _("No window to take a picture of"));
      g_application_quit (G_APPLICATION (self));
      return G_SOURCE_REMOVE;
    }

  g_print ("%s\n", self->screenshot_path);
  g_application_quit (G_APPLICATION (self));
  return G_SOURCE_REMOVE;
}

/* Opens the database named on the command line, else the one opened
 * last, else the default one (created with a demo process on first start). */
static void
pb_application_open_store (PbApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;

  self->store_tried = TRUE;

  if (self->database_path == NULL)
    {
      last = g_settings_get_string (self->settings, "last-database");
      if (last[0] != '\0' && g_file_test (last, G_FILE_TEST_EXISTS))
        self->database_path = g_steal_pointer (&last);
    }

  if (self->database_path != NULL)
    self->store = pb_store_open (self->database_path, &error);
  else
    self->store = pb_store_open_default (NULL, &error);

  if (self->store == NULL)
    {
      g_printerr ("pb: %s\n", error->message);
      self->store_error = g_steal_pointer (&error);
    }
}

static PbProcess *
find_voting_process (PbStore *store)
{
  GListModel *processes = pb_store_list_processes (store);
  guint n = g_list_model_get_n_items (processes);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbProcess) process = g_list_model_get_item (processes, i);

      if (pb_process_get_phase (process) == PB_PHASE_VOTING && !pb_process_get_archived (process))
        return process;
    }
  return NULL;
}

static void
pb_application_activate (GApplication *application)
{
  PbApplication *self = PB_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (!self->store_tried)
    pb_application_open_store (self);

  if (window == NULL && self->kiosk && self->store != NULL)
    {
      PbProcess *process = find_voting_process (self->store);

      if (process != NULL)
        window = GTK_WINDOW (pb_kiosk_window_new (GTK_APPLICATION (self), self->store, process));
      else
        {
          PbWindow *officer = pb_window_new (GTK_APPLICATION (self));

          g_printerr ("pb: %s\n", _("No process is open for voting"));
          pb_window_show_error (officer,
                                _("No Process Is Open for Voting"),
                                _("The kiosk shows the process whose voting is open. Open voting on a process’s Overview first, then start the kiosk again."),
                                pb_store_get_path (self->store));
          window = GTK_WINDOW (officer);
        }
    }

  if (window == NULL)
    {
      PbWindow *officer = pb_window_new (GTK_APPLICATION (self));

      if (self->store != NULL)
        pb_window_set_store (officer, self->store);
      else
        pb_window_show_error (officer,
                              _("The Database Cannot Be Opened"),
                              self->store_error->message,
                              self->database_path);
      if (self->page_name != NULL)
        pb_window_set_visible_page (officer, self->page_name);
      window = GTK_WINDOW (officer);
    }

  gtk_window_present (window);

  if (self->screenshot_path != NULL)
    {
      /* Give the first frames time to lay out and draw. */
      g_application_hold (application);
      g_timeout_add_full (G_PRIORITY_LOW, 1200, take_screenshot_cb,
                          g_object_ref (self), g_object_unref);
      g_application_release (application);
    }
}

static int
pb_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("pb %s\n", PB_VERSION);
      return 0;
    }
  return -1;
}

static int
pb_application_command_line (GApplication            *application,
                             GApplicationCommandLine *command_line)
{
  PbApplication *self = PB_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  const char *path = NULL;

  if (g_variant_dict_lookup (options, "database", "^&ay", &path))
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, path);
      g_free (self->database_path);
      self->database_path = g_file_get_path (file);
    }
  if (g_variant_dict_lookup (options, "screenshot", "^&ay", &path))
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, path);
      g_free (self->screenshot_path);
      self->screenshot_path = g_file_get_path (file);
    }
  if (g_variant_dict_lookup (options, "page", "&s", &path))
    {
      g_free (self->page_name);
      self->page_name = g_strdup (path);
    }
  self->kiosk = g_variant_dict_contains (options, "kiosk");

  g_application_activate (application);
  return 0;
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  PbApplication *self = PB_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Pb developers", NULL };

  adw_show_about_window (parent,
                         "application-name", _("Pb"),
                         "application-icon", PB_APP_ID,
                         "developer-name", _("The Pb developers"),
                         "version", PB_VERSION,
                         "comments", _("Participatory budgeting that residents and councils can trust: gather projects, let residents vote at a kiosk, count under clearly stated rules and publish a result anyone can check."),
                         "website", "https://example.com/pb",
                         "issue-url", "https://example.com/pb/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
preferences_action_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  PbApplication *self = PB_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  PbPreferencesWindow *prefs = pb_preferences_window_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_set_modal (GTK_WINDOW (prefs), TRUE);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));
  gboolean kiosk_open = FALSE;

  /* While a kiosk is open, Ctrl+Q (from the kiosk or any other window)
   * quits nothing: the kiosk asks for the officer PIN instead, and the
   * officer's window behind it stays open. */
  for (GList *l = windows; l != NULL; l = l->next)
    if (PB_IS_KIOSK_WINDOW (l->data))
      {
        kiosk_open = TRUE;
        gtk_window_close (GTK_WINDOW (l->data));
      }

  /* Closing through close-request lets each window save its state. */
  for (GList *l = windows; l != NULL && !kiosk_open; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);
}

/* The session ends (SIGTERM, SIGHUP at logout or shutdown) or Ctrl+C in a
 * terminal: quit as the Quit action does, so that each officer's window
 * closes through close-request (saving its state and carrying out a
 * deletion still waiting on its Undo toast), and a kiosk goes too: nobody
 * is there to type the officer PIN, and every ballot it recorded is
 * already stored. */
static gboolean
terminate_cb (gpointer user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

  /* Destroying a window may take others with it (its dialogs). */
  for (GList *l = windows; l != NULL; l = l->next)
    g_object_ref (l->data);
  for (GList *l = windows; l != NULL; l = l->next)
    {
      if (PB_IS_KIOSK_WINDOW (l->data))
        gtk_window_destroy (GTK_WINDOW (l->data));
      else
        gtk_window_close (GTK_WINDOW (l->data));
    }
  g_list_free_full (windows, g_object_unref);
  g_application_quit (app);
  return G_SOURCE_CONTINUE;
}

static void
start_kiosk_action_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  PbApplication *self = PB_APPLICATION (user_data);
  PbProcess *process;
  PbKioskWindow *kiosk;

  if (self->store == NULL)
    return;

  process = pb_store_lookup_process (self->store, g_variant_get_int64 (parameter));
  if (process == NULL || pb_process_get_phase (process) != PB_PHASE_VOTING)
    {
      GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

      if (PB_IS_WINDOW (parent))
        pb_window_add_toast (PB_WINDOW (parent),
                             adw_toast_new (_("The kiosk can only start while voting is open")));
      return;
    }

  kiosk = pb_kiosk_window_new (GTK_APPLICATION (self), self->store, process);
  gtk_window_present (GTK_WINDOW (kiosk));
}

static const GActionEntry app_actions[] = {
  { "about", about_action_cb },
  { "preferences", preferences_action_cb },
  { "quit", quit_action_cb },
  { "start-kiosk", start_kiosk_action_cb, "x" },
};

static void
pb_application_startup (GApplication *application)
{
  PbApplication *self = PB_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (pb_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", prefs_accels);

  self->signal_sources[0] = g_unix_signal_add (SIGTERM, terminate_cb, self);
  self->signal_sources[1] = g_unix_signal_add (SIGHUP, terminate_cb, self);
  self->signal_sources[2] = g_unix_signal_add (SIGINT, terminate_cb, self);
}

static void
pb_application_finalize (GObject *object)
{
  PbApplication *self = PB_APPLICATION (object);

  for (guint i = 0; i < G_N_ELEMENTS (self->signal_sources); i++)
    g_clear_handle_id (&self->signal_sources[i], g_source_remove);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_error (&self->store_error);
  g_clear_pointer (&self->database_path, g_free);
  g_clear_pointer (&self->screenshot_path, g_free);
  g_clear_pointer (&self->page_name, g_free);

  G_OBJECT_CLASS (pb_application_parent_class)->finalize (object);
}

static void
pb_application_class_init (PbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = pb_application_finalize;
  app_class->activate = pb_application_activate;
  app_class->startup = pb_application_startup;
  app_class->command_line = pb_application_command_line;
  app_class->handle_local_options = pb_application_handle_local_options;
}

static void
pb_application_init (PbApplication *self)
{
  self->settings = g_settings_new (PB_APP_ID);
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}

PbApplication *
pb_application_new (void)
{
  return g_object_new (PB_TYPE_APPLICATION,
                       "application-id", PB_APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/com/example/Pb",
                       NULL);
}

GSettings *
pb_application_get_settings (PbApplication *self)
{
  g_return_val_if_fail (PB_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * pb_application_get_store:
 *
 * Returns: (transfer none) (nullable): the open database, or %NULL when
 * none could be opened.
 */
PbStore *
pb_application_get_store (PbApplication *self)
{
  g_return_val_if_fail (PB_IS_APPLICATION (self), NULL);

  return self->store;
}

/**
 * pb_application_open_database:
 * @path: the database file to use from now on
 *
 * Opens @path and, when that works, makes it the database of every officer
 * window and remembers it for the next start.  On failure the current
 * database stays open and @error holds the store's message.
 */
gboolean
pb_application_open_database (PbApplication  *self,
                              const char     *path,
                              GError        **error)
{
  g_autoptr(PbStore) store = NULL;

  g_return_val_if_fail (PB_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  store = pb_store_open (path, error);
  if (store == NULL)
    return FALSE;

  g_set_object (&self->store, store);
  g_clear_error (&self->store_error);
  g_free (self->database_path);
  self->database_path = g_strdup (pb_store_get_path (store));
  g_settings_set_string (self->settings, "last-database", self->database_path);
  g_settings_set_int64 (self->settings, "last-process", 0);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (PB_IS_WINDOW (l->data))
      pb_window_set_store (PB_WINDOW (l->data), store);

  return TRUE;
}
