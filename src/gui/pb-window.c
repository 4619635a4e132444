/* pb-window.c: the officer's main window.
 *
 * A leaflet: the sidebar lists the processes of the open database, the
 * content shows the selected process in pages (Overview, Projects, Setup,
 * Codes, Paper, and the Results page when it is added).  The window gives
 * each page the store and the current process and shows the toasts pages
 * emit.  When the database cannot be used, the window shows why instead.
 */

#include "pb-config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-application.h"
#include "pb-bundle-flow.h"
#include "pb-export-job.h"
#include "pb-integrity.h"
#include "pb-codes-page.h"
#include "pb-new-process-dialog.h"
#include "pb-overview-page.h"
#include "pb-pabulib-import.h"
#include "pb-paper-page.h"
#include "pb-projects-page.h"
#include "pb-results-page.h"
#include "pb-setup-page.h"
#include "pb-workshop-page.h"
#include "pb-store-election.h"
#include "pb-store-record.h"
#include "pb-store-worker.h"
#include "pb-toast.h"
#include "pb-window.h"

struct _PbWindow
{
  AdwApplicationWindow  parent_instance;

  PbStore              *store;
  PbProcess            *process;
  GtkFilterListModel   *processes;
  GtkCustomFilter      *process_filter;
  gboolean              show_archived;
  GCancellable         *import_cancellable;
  AdwToast             *import_toast;
  GCancellable         *export_cancellable;
  PbProcess            *pending_delete;
  GtkWidget            *delete_dialog;  /* weak: the dialog asking, if any */
  AdwToast             *export_toast;
  char                 *export_name;
  GHashTable           *asked_pages;   /* page names asked for by name: always shown */

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *error_page;
  GtkLabel             *error_path_label;
  AdwLeaflet           *leaflet;
  GtkStack             *sidebar_stack;
  GtkListBox           *process_list;
  GtkBox               *content_box;
  GtkStack             *content_stack;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack         *view_stack;
  AdwViewSwitcherBar   *switcher_bar;
  GtkMenuButton        *primary_menu_button;
  GtkMenuButton        *process_menu_button;
};

G_DEFINE_FINAL_TYPE (PbWindow, pb_window, ADW_TYPE_APPLICATION_WINDOW)

static GSettings *
pb_window_get_settings (PbWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return PB_IS_APPLICATION (app) ? pb_application_get_settings (PB_APPLICATION (app)) : NULL;
}

static void
pb_window_restore_size (PbWindow *self)
{
  GSettings *settings = pb_window_get_settings (self);

  if (settings == NULL)
    return;
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

/* Hands the store and process to every page of the view stack that has
 * "store" and "process" properties (PbPage and any page built like one). */
static void
pb_window_update_pages (PbWindow *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->view_stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GObjectClass *klass = G_OBJECT_GET_CLASS (child);

      if (g_object_class_find_property (klass, "store") != NULL)
        g_object_set (child, "store", self->store, NULL);
      if (g_object_class_find_property (klass, "process") != NULL)
        g_object_set (child, "process", self->process, NULL);
    }
}

/* Seven pages do not fit the header's switcher (it falls back to the
 * bottom bar below about 1100 px), and three of them serve only part of
 * a process's life: Workshop while proposals are gathered (draft to
 * review) or once the process has a workshop record; Codes while voter
 * codes are required or some were issued; Paper from voting on.  A page
 * asked for by name (pb --page, pb_window_set_visible_page()) stays
 * shown. */
static void
pb_window_update_page_visibility (PbWindow *self)
{
  gboolean workshop = TRUE, codes = TRUE, paper = TRUE;
  const struct {
    const char *name;
    gboolean   *visible;
  } pages[] = {
    { "workshop", &workshop },
    { "codes", &codes },
    { "paper", &paper },
  };
  const char *current = adw_view_stack_get_visible_child_name (self->view_stack);

  if (self->process != NULL)
    {
      PbPhase phase = pb_process_get_phase (self->process);

      workshop = phase <= PB_PHASE_REVIEW
                 || (self->store != NULL && pb_store_get_workshop (self->store, self->process, NULL) != NULL);
      codes = pb_process_get_voter_codes_required (self->process)
              || (self->store != NULL
                  && (pb_store_count_voter_codes (self->store, self->process, PB_VOTER_CODE_STATE_ISSUED) > 0
                      || pb_store_count_voter_codes (self->store, self->process, PB_VOTER_CODE_STATE_USED) > 0
                      || pb_store_count_voter_codes (self->store, self->process, PB_VOTER_CODE_STATE_VOID) > 0));
      paper = phase >= PB_PHASE_VOTING;
    }

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *child = adw_view_stack_get_child_by_name (self->view_stack, pages[i].name);
      gboolean visible = *pages[i].visible || g_hash_table_contains (self->asked_pages, pages[i].name);

      if (child == NULL)
        continue;
      adw_view_stack_page_set_visible (adw_view_stack_get_page (self->view_stack, child), visible);
      /* The officer was on a page that no longer applies. */
      if (!visible && g_strcmp0 (current, pages[i].name) == 0)
        adw_view_stack_set_visible_child_name (self->view_stack, "overview");
    }
}

static void
add_toast_cb (PbWindow *self,
              AdwToast *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
}

static void
pb_window_connect_pages (PbWindow *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->view_stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_signal_lookup ("add-toast", G_OBJECT_TYPE (child)) != 0)
      g_signal_connect_object (child, "add-toast", G_CALLBACK (add_toast_cb), self, G_CONNECT_SWAPPED);
}

static void
pb_window_update_title (PbWindow *self)
{
  if (self->process == NULL)
    {
      adw_view_switcher_title_set_title (self->switcher_title, _("Participatory Budgeting"));
      adw_view_switcher_title_set_subtitle (self->switcher_title, NULL);
      return;
    }

  adw_view_switcher_title_set_title (self->switcher_title, pb_process_get_name (self->process));
  if (pb_process_get_archived (self->process))
    {
      /* Translators: the subtitle of an archived process: its phase, then "Archived". */
      g_autofree char *subtitle = g_strdup_printf (_("%s · Archived"),
                                                   pb_phase_get_label (pb_process_get_phase (self->process)));
      adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
    }
  else
    adw_view_switcher_title_set_subtitle (self->switcher_title,
                                          pb_phase_get_label (pb_process_get_phase (self->process)));
}

static void
pb_window_update_actions (PbWindow *self)
{
  gboolean has_store = self->store != NULL;
  gboolean has_process = self->process != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-process", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-pabulib", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate-process", has_process);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.archive-process",
                                 has_process && !pb_process_get_archived (self->process));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.unarchive-process",
                                 has_process && pb_process_get_archived (self->process));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-process", has_process);
  for (guint i = 0; i <= PB_EXPORT_FORMAT_REPORT; i++)
    {
      g_autofree char *action = g_strconcat ("win.export-", pb_export_format_to_string (i), NULL);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), action, has_process);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-bundle", has_process);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-bundles", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.verify", has_store);
  gtk_widget_set_visible (GTK_WIDGET (self->process_menu_button), has_process);
}

static void
process_notify_cb (PbWindow   *self,
                   GParamSpec *pspec,
                   PbProcess  *process)
{
  pb_window_update_title (self);
  pb_window_update_actions (self);
  pb_window_update_page_visibility (self);
}

static int
pb_window_find_row (PbWindow  *self,
                    PbProcess *process)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->processes));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbProcess) item = g_list_model_get_item (G_LIST_MODEL (self->processes), i);

      if (item == process)
        return (int) i;
    }
  return -1;
}

static void
pb_window_select_current_row (PbWindow *self)
{
  int index = self->process != NULL ? pb_window_find_row (self, self->process) : -1;
  GtkListBoxRow *row = index >= 0 ? gtk_list_box_get_row_at_index (self->process_list, index) : NULL;

  if (row != NULL && gtk_list_box_get_selected_row (self->process_list) != row)
    gtk_list_box_select_row (self->process_list, row);
}

static gboolean
process_filter_func (gpointer item,
                     gpointer user_data)
{
  PbWindow *self = PB_WINDOW (user_data);

  if (item == self->pending_delete)
    return FALSE;
  return self->show_archived || !pb_process_get_archived (PB_PROCESS (item)) || item == self->process;
}

static void
row_process_notify_cb (AdwActionRow *row,
                       GParamSpec   *pspec,
                       PbProcess    *process)
{
  const char *phase = pb_phase_get_label (pb_process_get_phase (process));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pb_process_get_name (process));
  if (pb_process_get_archived (process))
    {
      g_autofree char *subtitle = g_strdup_printf (_("%s · Archived"), phase);
      adw_action_row_set_subtitle (row, subtitle);
    }
  else
    adw_action_row_set_subtitle (row, phase);
}

static GtkWidget *
create_process_row (gpointer item,
                    gpointer user_data)
{
  PbProcess *process = PB_PROCESS (item);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_signal_connect_object (process, "notify", G_CALLBACK (row_process_notify_cb), row, G_CONNECT_SWAPPED);
  row_process_notify_cb (ADW_ACTION_ROW (row), NULL, process);
  return row;
}

static void
processes_items_changed_cb (PbWindow   *self,
                            guint       position,
                            guint       removed,
                            guint       added,
                            GListModel *model)
{
  guint n = g_list_model_get_n_items (model);

  gtk_stack_set_visible_child_name (self->sidebar_stack, n > 0 ? "list" : "empty");
  pb_window_select_current_row (self);
}

static void
on_process_row_selected (PbWindow      *self,
                         GtkListBoxRow *row)
{
  g_autoptr(PbProcess) process = NULL;

  if (row == NULL)
    return;

  process = g_list_model_get_item (G_LIST_MODEL (self->processes), gtk_list_box_row_get_index (row));
  pb_window_set_process (self, process);
}

static void
on_process_row_activated (PbWindow      *self,
                          GtkListBoxRow *row)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_back_clicked (PbWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* ---- Actions ------------------------------------------------------------ */

static void
process_created_cb (PbWindow           *self,
                    PbProcess          *process,
                    PbNewProcessDialog *dialog)
{
  g_autofree char *message = g_strdup_printf (_("“%s” created"), pb_process_get_name (process));

  pb_window_set_process (self, process);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  adw_view_stack_set_visible_child_name (self->view_stack, "setup");
  pb_window_add_toast (self, adw_toast_new (message));
}

static void
new_process_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  GSettings *settings = pb_window_get_settings (self);
  PbNewProcessDialog *dialog;

  if (self->store == NULL)
    return;

  dialog = pb_new_process_dialog_new (self->store, settings);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "created", G_CALLBACK (process_created_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
duplicate_process_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  PbProcess *copy;

  if (self->process == NULL)
    return;

  /* Translators: the name of a duplicated process; %s is the original's name. */
  name = g_strdup_printf (_("%s (copy)"), pb_process_get_name (self->process));
  copy = pb_store_duplicate_process (self->store, self->process, name, &error);
  if (copy == NULL)
    {
      pb_window_add_toast (self, adw_toast_new (error->message));
      return;
    }

  message = g_strdup_printf (_("Duplicated as “%s”"), name);
  pb_window_set_process (self, copy);
  pb_window_add_toast (self, adw_toast_new (message));
}

static void
pb_window_set_archived (PbWindow  *self,
                        PbProcess *process,
                        gboolean   archived)
{
  g_autoptr(GError) error = NULL;

  if (!pb_store_edit_process (self->store, process, &error, "archived", archived, NULL))
    pb_window_add_toast (self, adw_toast_new (error->message));
  gtk_filter_changed (GTK_FILTER (self->process_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
archive_undo_cb (AdwToast *toast,
                 PbWindow *self)
{
  PbProcess *process = g_object_get_data (G_OBJECT (toast), "process");

  if (self->store == NULL)
    return;
  pb_window_set_archived (self, process, FALSE);
  pb_window_set_process (self, process);
}

static void
unarchive_process_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);

  if (self->process != NULL)
    pb_window_set_archived (self, self->process, FALSE);
}

static void
archive_process_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  g_autoptr(PbProcess) process = NULL;
  gboolean archive = TRUE;

  if (self->process == NULL)
    return;

  process = g_object_ref (self->process);
  pb_window_set_archived (self, process, archive);

  if (archive && pb_process_get_archived (process))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” archived"), pb_process_get_name (process));
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_button_label (toast, _("_Undo"));
      g_object_set_data_full (G_OBJECT (toast), "process", g_object_ref (process), g_object_unref);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (archive_undo_cb), self, 0);
      pb_window_add_toast (self, toast);
    }
}

/* Deleting a process asks first (a dialog naming what is lost), then
 * waits until its Undo toast goes away: until then the process is only
 * hidden, and Undo brings it back.  The store cannot restore a deleted
 * process, so this is how Undo can be offered.  The confirmed deletion
 * happens at the latest when the window closes (close-request, which
 * app.quit goes through too, and dispose), or before another database is
 * shown. */
static void
pb_window_flush_delete (PbWindow *self)
{
  g_autoptr(PbProcess) process = g_steal_pointer (&self->pending_delete);
  g_autoptr(GError) error = NULL;

  if (process == NULL || self->store == NULL)
    return;
  if (!pb_store_delete_process (self->store, process, &error))
    {
      /* Still there: show it again, and say why. */
      gtk_filter_changed (GTK_FILTER (self->process_filter), GTK_FILTER_CHANGE_LESS_STRICT);
      if (gtk_widget_in_destruction (GTK_WIDGET (self)))
        g_warning ("“%s” could not be deleted: %s", pb_process_get_name (process), error->message);
      else
        pb_window_add_toast (self, adw_toast_new (error->message));
    }
}

static void
delete_undo_cb (AdwToast *toast,
                PbWindow *self)
{
  PbProcess *process = g_object_get_data (G_OBJECT (toast), "process");

  if (self->pending_delete != process)
    return;
  g_clear_object (&self->pending_delete);
  gtk_filter_changed (GTK_FILTER (self->process_filter), GTK_FILTER_CHANGE_LESS_STRICT);
  pb_window_set_process (self, process);
}

static void
delete_dismissed_cb (AdwToast *toast,
                     PbWindow *self)
{
  if (self->pending_delete == g_object_get_data (G_OBJECT (toast), "process"))
    pb_window_flush_delete (self);
}

/* Hides @process at once and deletes it when the Undo toast goes. */
static void
pb_window_delete_process (PbWindow  *self,
                          PbProcess *process)
{
  g_autofree char *message = NULL;
  AdwToast *toast;

  /* One deletion waits at a time. */
  pb_window_flush_delete (self);

  self->pending_delete = g_object_ref (process);
  if (self->process == process)
    pb_window_set_process (self, NULL);
  gtk_filter_changed (GTK_FILTER (self->process_filter), GTK_FILTER_CHANGE_MORE_STRICT);
  if (self->process == NULL && g_list_model_get_n_items (G_LIST_MODEL (self->processes)) > 0)
    {
      g_autoptr(PbProcess) first = g_list_model_get_item (G_LIST_MODEL (self->processes), 0);

      pb_window_set_process (self, first);
    }

  message = g_strdup_printf (_("“%s” deleted"), pb_process_get_name (process));
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "process", g_object_ref (process), g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (delete_undo_cb), self, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (delete_dismissed_cb), self, 0);
  pb_window_add_toast (self, toast);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    PbWindow         *self)
{
  PbProcess *process = g_object_get_data (G_OBJECT (dialog), "process");

  if (g_strcmp0 (response, "delete") != 0 || self->store == NULL)
    return;
  /* Still there, and still without ballots (a kiosk bundle could have
   * been added meanwhile): otherwise the store refuses and says why. */
  if (pb_store_lookup_process (self->store, pb_process_get_id (process)) != process)
    return;
  if (pb_process_get_ballot_count (process) > 0)
    {
      g_autoptr(GError) error = NULL;

      if (!pb_store_delete_process (self->store, process, &error))
        pb_window_add_toast (self, adw_toast_new (error->message));
      return;
    }
  pb_window_delete_process (self, process);
}

/* What deleting @process loses, in plain words. */
static char *
delete_body (PbProcess *process)
{
  guint n_projects = g_list_model_get_n_items (pb_process_list_projects (process));
  g_autofree char *projects = NULL;

  if (n_projects == 0)
    projects = g_strdup (_("It has no projects yet."));
  else
    /* Translators: %'u is a number of projects. */
    projects = g_strdup_printf (ngettext ("Its %'u project will be deleted with it.",
                                          "Its %'u projects will be deleted with it.", n_projects),
                                n_projects);
  /* Only a process without ballots is deleted (delete_process_action()). */
  g_assert (pb_process_get_ballot_count (process) == 0);
  /* Translators: the sentence saying how many projects go, then the rest. */
  return g_strdup_printf (_("%s No ballots have been cast in it, so no vote is lost. You can undo this for a few "
                            "seconds afterwards."), projects);
}

static void
delete_process_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwToast *toast;
  GtkWidget *dialog;

  if (self->process == NULL || self->store == NULL)
    return;

  if (pb_process_get_ballot_count (self->process) > 0)
    {
      toast = adw_toast_new (_("A process with ballots cannot be deleted, so that no vote is lost. Archive it instead."));
      adw_toast_set_button_label (toast, _("_Archive"));
      adw_toast_set_action_name (toast, "win.archive-process");
      pb_window_add_toast (self, toast);
      return;
    }

  /* Translators: the heading of the dialog confirming a deletion; %s is a process name. */
  heading = g_strdup_printf (_("Delete “%s”?"), pb_process_get_name (self->process));
  body = delete_body (self->process);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  /* Closing the window closes the dialog too (dispose), and deletes
   * nothing. */
  if (self->delete_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->delete_dialog));
  self->delete_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->delete_dialog);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "process", g_object_ref (self->process), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
database_chosen_cb (GtkNativeDialog *chooser,
                    int              response,
                    PbWindow        *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (response != GTK_RESPONSE_ACCEPT || !PB_IS_APPLICATION (app))
    return;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = g_file_get_path (file);
  if (path == NULL)
    return;

  if (!pb_application_open_database (PB_APPLICATION (app), path, &error))
    {
      if (self->store == NULL)
        pb_window_show_error (self, _("The Database Cannot Be Opened"), error->message, path);
      else
        pb_window_add_toast (self, adw_toast_new (error->message));
    }
}

static void
open_database_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Database"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Pb databases"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_filter_add_mime_type (filter, "application/vnd.sqlite3");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (database_chosen_cb), self, 0);
  /* The chooser frees itself after its response. */
  g_signal_connect (chooser, "response", G_CALLBACK (g_object_unref), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- Progress toasts ---------------------------------------------------- */

/* The officer closed a progress toast, or pressed its Cancel (after which
 * libadwaita closes it): the outcome gets a toast of its own. */
static void
progress_dismissed_cb (AdwToast *toast,
                       PbWindow *self)
{
  if (self->import_toast == toast)
    g_clear_object (&self->import_toast);
  if (self->export_toast == toast)
    g_clear_object (&self->export_toast);
}

/* Ends the work a progress toast reported: @progress (NULL when the
 * officer closed it) now says @title, with a button labelled
 * @button_label (or none), and goes after @timeout seconds on screen, or
 * stays until closed with 0.  The progress toast is never dismissed here:
 * libadwaita 1.2 can crash when a toast goes while it still slides in
 * (pb-toast.h).  @title NULL lets it go as it is.  Returns the toast that
 * shows @title, to connect its button. */
static AdwToast *
pb_window_finish_progress (PbWindow   *self,
                           AdwToast   *progress,
                           const char *title,
                           const char *button_label,
                           guint       timeout)
{
  AdwToast *toast;

  if (progress != NULL)
    {
      guint signal_id = g_signal_lookup ("button-clicked", ADW_TYPE_TOAST);

      /* Its Cancel has nothing left to cancel. */
      g_signal_handlers_disconnect_matched (progress, G_SIGNAL_MATCH_ID | G_SIGNAL_MATCH_DATA, signal_id, 0,
                                            NULL, NULL, self);
      g_signal_handlers_disconnect_by_func (progress, progress_dismissed_cb, self);
      if (title != NULL)
        pb_toast_update (progress, title, button_label);
      else
        adw_toast_set_button_label (progress, NULL);
      if (timeout > 0)
        pb_toast_expire (progress, GTK_WIDGET (self->toast_overlay), timeout);
      return progress;
    }
  if (title == NULL)
    return NULL;

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, button_label);
  adw_toast_set_timeout (toast, timeout);
  if (timeout == 0)
    adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  return toast;
}

/* Adds a progress toast (no timeout, a Cancel button calling
 * @cancel_cb). */
static AdwToast *
pb_window_add_progress (PbWindow   *self,
                        const char *title,
                        GCallback   cancel_cb)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 0);
  adw_toast_set_button_label (toast, _("_Cancel"));
  g_signal_connect_object (toast, "button-clicked", cancel_cb, self, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (progress_dismissed_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
  return toast;
}

static void
import_stage_cb (const char *stage,
                 gpointer    user_data)
{
  PbWindow *self = PB_WINDOW (user_data);

  if (self->import_toast != NULL)
    adw_toast_set_title (self->import_toast, stage);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PbWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AdwToast) progress = g_steal_pointer (&self->import_toast);
  g_autofree char *message = NULL;
  PbProcess *process = NULL;
  guint n_ballots = 0;
  gint64 id;

  g_clear_object (&self->import_cancellable);

  /* The file was read and written in a worker thread, on a connection of
   * its own: this window's store only picks up the new process. */
  id = pb_pabulib_import_finish (result, &n_ballots, &error);
  /* The window was closed while the file was imported: the process is in
   * the database, and the next window will list it. */
  if (self->store == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  if (id > 0)
    process = pb_store_adopt_process (self->store, id, &error);

  if (process == NULL)
    {
      if (error == NULL)
        pb_window_finish_progress (self, progress, NULL, NULL, 1);
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pb_window_finish_progress (self, progress, _("Opening the Pabulib file was cancelled; nothing was added"),
                                   NULL, 5);
      else
        pb_window_finish_progress (self, progress, error->message, NULL, 0);
      return;
    }

  pb_window_set_process (self, process);
  /* Translators: %s is a process name, %'u a number of ballots. */
  message = g_strdup_printf (ngettext ("“%s” opened with %'u ballot",
                                       "“%s” opened with %'u ballots",
                                       n_ballots),
                             pb_process_get_name (process), n_ballots);
  pb_window_finish_progress (self, progress, message, NULL, 8);
  pb_integrity_check (pb_integrity_get_for_store (self->store));
}

static void
import_toast_button_cb (AdwToast *toast,
                        PbWindow *self)
{
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  /* libadwaita closes the toast after this. */
  g_clear_object (&self->import_toast);
}

/**
 * pb_window_import_pabulib:
 * @file: a Pabulib .pb file
 *
 * Reads @file and adds it to the database as a new process, both off the
 * main thread; a toast shows the stage and can cancel it (the import is
 * then rolled back).
 */
void
pb_window_import_pabulib (PbWindow *self,
                          GFile    *file)
{
  g_autofree char *basename = NULL;
  g_autofree char *message = NULL;

  g_return_if_fail (PB_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->store == NULL || self->import_cancellable != NULL)
    return;

  basename = g_file_get_basename (file);
  message = g_strdup_printf (_("Reading “%s”…"), basename);
  self->import_cancellable = g_cancellable_new ();
  self->import_toast = pb_window_add_progress (self, message, G_CALLBACK (import_toast_button_cb));

  pb_pabulib_import_async (pb_store_get_path (self->store), file, self->import_cancellable,
                           import_stage_cb, self, import_done_cb, g_object_ref (self));
}

static void
pabulib_chosen_cb (GtkNativeDialog *chooser,
                   int              response,
                   PbWindow        *self)
{
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  pb_window_import_pabulib (self, file);
}

static void
open_pabulib_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Pabulib File"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Pabulib files"));
  gtk_file_filter_add_pattern (filter, "*.pb");
  gtk_file_filter_add_mime_type (filter, "text/x-pabulib");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (pabulib_chosen_cb), self, 0);
  g_signal_connect (chooser, "response", G_CALLBACK (g_object_unref), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- Exports and kiosk bundles ------------------------------------------ */

typedef struct {
  PbWindow       *self;
  PbProcess      *process;
  PbExportFormat  format;
  GFile          *file;
  GApplication   *application;  /* held while the export runs */
} ExportRequest;

static void
export_request_free (ExportRequest *request)
{
  g_object_unref (request->self);
  g_object_unref (request->process);
  g_object_unref (request->file);
  g_clear_object (&request->application);
  g_free (request);
}

static void
export_progress_cb (double   fraction,
                    gpointer user_data)
{
  PbWindow *self = PB_WINDOW (user_data);
  g_autofree char *title = NULL;

  if (self->export_toast == NULL)
    return;
  /* Translators: %s is a file name, %.0f%% how much is done. */
  title = g_strdup_printf (_("Exporting “%s”… %.0f%%"), self->export_name, fraction * 100.0);
  adw_toast_set_title (self->export_toast, title);
}

static void
export_open_cb (AdwToast *toast,
                gpointer  user_data)
{
  const char *uri = g_object_get_data (G_OBJECT (toast), "uri");

  if (uri != NULL)
    g_app_info_launch_default_for_uri_async (uri, NULL, NULL, NULL, NULL);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExportRequest *request = user_data;
  PbWindow *self = request->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = pb_export_process_finish (result, &error);
  g_autoptr(AdwToast) progress = g_steal_pointer (&self->export_toast);
  g_autofree char *name = g_file_get_basename (request->file);
  g_autofree char *message = NULL;
  AdwToast *toast;

  g_clear_object (&self->export_cancellable);

  if (request->application != NULL)
    g_application_release (request->application);

  /* The window was closed while the export ran (dispose let go of the
   * store and the widgets): nobody to tell.  The job recorded the export
   * in the audit log on its own connection all the same. */
  if (self->store == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      export_request_free (request);
      return;
    }

  /* The job wrote its audit entry on its own connection, which the
   * store's "audit-changed" does not see. */
  pb_integrity_queue_check (pb_integrity_get_for_store (self->store));

  /* The progress toast becomes the outcome's (pb_window_finish_progress()). */
  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pb_window_finish_progress (self, progress, _("The export was cancelled; nothing was written"), NULL, 5);
      else
        pb_window_finish_progress (self, progress, error->message, NULL, 0);
      export_request_free (request);
      return;
    }

  /* The job has recorded the export in the audit log already. */
  /* Translators: %s is a file name. */
  message = g_strdup_printf (_("Exported to “%s”"), name);
  toast = pb_window_finish_progress (self, progress, message, _("_Open"), 5);
  g_object_set_data_full (G_OBJECT (toast), "uri", g_file_get_uri (request->file), g_free);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (export_open_cb), NULL);
  export_request_free (request);
}

static void
export_cancel_cb (AdwToast *toast,
                  PbWindow *self)
{
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  /* libadwaita closes the toast after this. */
  g_clear_object (&self->export_toast);
}

/**
 * pb_window_export:
 * @format: what to write
 * @file: where
 *
 * Exports the current process in a worker thread, with a toast that shows
 * the progress and can cancel it; another toast says where it went.
 */
void
pb_window_export (PbWindow       *self,
                  PbExportFormat  format,
                  GFile          *file)
{
  ExportRequest *request;
  PbCountOptions options;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PB_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->store == NULL || self->process == NULL)
    return;
  if (self->export_cancellable != NULL)
    {
      pb_window_add_toast (self, adw_toast_new (_("An export is already running; wait for it or cancel it first")));
      return;
    }

  /* Records the lot seed first when the process has none yet. */
  if (!pb_export_options_for_process (self->store, self->process, &options, &error))
    {
      AdwToast *toast = adw_toast_new (error->message);

      adw_toast_set_timeout (toast, 0);
      pb_window_add_toast (self, toast);
      return;
    }

  g_free (self->export_name);
  self->export_name = g_file_get_basename (file);
  self->export_cancellable = g_cancellable_new ();
  /* Translators: %s is a file name. */
  title = g_strdup_printf (_("Exporting “%s”…"), self->export_name);
  self->export_toast = pb_window_add_progress (self, title, G_CALLBACK (export_cancel_cb));

  request = g_new0 (ExportRequest, 1);
  request->self = g_object_ref (self);
  request->process = g_object_ref (self->process);
  request->format = format;
  request->file = g_object_ref (file);
  /* Closing the window does not stop the export (the officer asked for
   * the file); the application stays until it is written and recorded. */
  if (gtk_window_get_application (GTK_WINDOW (self)) != NULL)
    {
      request->application = G_APPLICATION (g_object_ref (gtk_window_get_application (GTK_WINDOW (self))));
      g_application_hold (request->application);
    }
  pb_export_process_async (self->store, self->process, format, &options, file, self->export_cancellable,
                           export_progress_cb, self, export_done_cb, request);
}

gboolean
pb_window_get_exporting (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), FALSE);
  return self->export_cancellable != NULL;
}

/* Tests cannot drive a native file chooser: PB_TEST_EXPORT_DIR names a
 * folder that stands for the officer's choice, and the default name is
 * used.  Returns NULL when the variable is not set. */
static GFile *
test_export_file (const char *name)
{
  const char *dir = g_getenv ("PB_TEST_EXPORT_DIR");

  if (dir == NULL || dir[0] == '\0')
    return NULL;
  return g_file_new_build_filename (dir, name, NULL);
}

static void
export_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  PbWindow        *self)
{
  g_autoptr(GFile) file = NULL;
  PbExportFormat format = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (chooser), "format"));

  if (response != GTK_RESPONSE_ACCEPT)
    return;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    pb_window_export (self, format, file);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  static const char * const titles[] = {
    N_("Export Results as JSON"),
    N_("Export as Pabulib File"),
    N_("Export Results as CSV"),
    N_("Save Printable Report"),
  };
  static const char * const filter_names[] = {
    N_("JSON files"),
    N_("Pabulib files"),
    N_("CSV files"),
    N_("PDF documents"),
  };
  PbExportFormat format = PB_EXPORT_FORMAT_JSON;
  g_autofree char *name = NULL;
  g_autofree char *pattern = NULL;
  g_autoptr(GFile) test_file = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (self->process == NULL)
    return;
  for (guint i = 0; i <= PB_EXPORT_FORMAT_REPORT; i++)
    if (g_str_has_suffix (action_name, pb_export_format_to_string (i)))
      format = i;

  name = pb_export_default_file_name (self->process, format);
  test_file = test_export_file (name);
  if (test_file != NULL)
    {
      pb_window_export (self, format, test_file);
      return;
    }

  chooser = gtk_file_chooser_native_new (_(titles[format]), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, _(filter_names[format]));
  pattern = g_strconcat ("*", pb_export_format_get_extension (format), NULL);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "format", GUINT_TO_POINTER (format));
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_chosen_cb), self, 0);
  g_signal_connect (chooser, "response", G_CALLBACK (g_object_unref), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * pb_window_export_bundle:
 *
 * Writes the signed bundle of the ballots this database's kiosk took for
 * the current process to @file, and says how it went in a toast.
 */
void
pb_window_export_bundle (PbWindow *self,
                         GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  int n;

  g_return_if_fail (PB_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->store == NULL || self->process == NULL)
    return;
  n = pb_bundle_flow_export (self->store, self->process, file, &error);
  if (n < 0)
    {
      AdwToast *toast = adw_toast_new (error->message);

      adw_toast_set_timeout (toast, 0);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      pb_window_add_toast (self, toast);
      return;
    }
  name = g_file_get_basename (file);
  /* Translators: %'d is a number of ballots, %s a file name. */
  message = g_strdup_printf (ngettext ("%'d ballot written to “%s”", "%'d ballots written to “%s”", n), n, name);
  pb_window_add_toast (self, adw_toast_new (message));
}

static void
bundle_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  PbWindow        *self)
{
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    pb_window_export_bundle (self, file);
}

static void
export_bundle_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GFile) test_file = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (self->store == NULL || self->process == NULL)
    return;

  /* "riverside-fund-2026.pb" → "riverside-fund-2026-kiosk-3f2a9c01.json" */
  base = pb_export_default_file_name (self->process, PB_EXPORT_FORMAT_PABULIB);
  *g_strrstr (base, ".pb") = '\0';
  name = g_strdup_printf ("%s-kiosk-%.8s.json", base, pb_store_get_kiosk_id (self->store));
  test_file = test_export_file (name);
  if (test_file != NULL)
    {
      pb_window_export_bundle (self, test_file);
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Export Ballots from This Kiosk"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, _("Kiosk bundles"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (bundle_chosen_cb), self, 0);
  g_signal_connect (chooser, "response", G_CALLBACK (g_object_unref), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
bundles_merged_cb (guint    n_added,
                   gpointer user_data)
{
  g_autoptr(PbWindow) self = user_data;

  /* New ballots, new audit entries: check the chain again. */
  if (self->store != NULL)
    pb_integrity_check (pb_integrity_get_for_store (self->store));
}

/**
 * pb_window_add_bundles:
 * @files: a GListModel of GFile
 *
 * Adds the ballots of kiosk bundles to the open database, asking the
 * officer about unknown kiosks and voter codes used twice, and sums up in
 * a dialog.
 */
void
pb_window_add_bundles (PbWindow   *self,
                       GListModel *files)
{
  g_return_if_fail (PB_IS_WINDOW (self));
  g_return_if_fail (G_IS_LIST_MODEL (files));

  if (self->store == NULL || g_list_model_get_n_items (files) == 0)
    return;
  pb_bundle_flow_merge (GTK_WINDOW (self), self->store, files, bundles_merged_cb, g_object_ref (self));
}

static void
bundles_chosen_cb (GtkNativeDialog *chooser,
                   int              response,
                   PbWindow        *self)
{
  g_autoptr(GListModel) files = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;
  files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  pb_window_add_bundles (self, files);
}

static void
add_bundles_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (self->store == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Add Ballots from Kiosks"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Kiosk bundles"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (bundles_chosen_cb), self, 0);
  g_signal_connect (chooser, "response", G_CALLBACK (g_object_unref), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
verify_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);

  if (self->store != NULL)
    pb_integrity_check (pb_integrity_get_for_store (self->store));
}

/* ---- GObject ------------------------------------------------------------ */

enum {
  PROP_0,
  PROP_SHOW_ARCHIVED,
  N_PROPS
};

static gboolean
pb_window_close_request (GtkWindow *window)
{
  PbWindow *self = PB_WINDOW (window);
  GSettings *settings = pb_window_get_settings (self);

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  pb_window_flush_delete (self);

  if (settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
      if (self->process != NULL)
        g_settings_set_int64 (settings, "last-process", pb_process_get_id (self->process));
    }

  return GTK_WINDOW_CLASS (pb_window_parent_class)->close_request (window);
}

static void
pb_window_dispose (GObject *object)
{
  PbWindow *self = PB_WINDOW (object);

  pb_window_flush_delete (self);
  if (self->delete_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->delete_dialog), (gpointer *) &self->delete_dialog);
      gtk_window_destroy (GTK_WINDOW (self->delete_dialog));
      self->delete_dialog = NULL;
    }
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  /* A running export is not cancelled: it finishes, writes its file and
   * records it in the audit log on its own connection (pb-export-job.h). */

  if (self->process_list != NULL)
    gtk_list_box_bind_model (self->process_list, NULL, NULL, NULL, NULL);
  if (self->process != NULL)
    g_signal_handlers_disconnect_by_func (self->process, process_notify_cb, self);

  /* The switchers must let go of the stack before it goes away. */
  if (self->switcher_bar != NULL)
    adw_view_switcher_bar_set_stack (self->switcher_bar, NULL);
  if (self->switcher_title != NULL)
    adw_view_switcher_title_set_stack (self->switcher_title, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (object), PB_TYPE_WINDOW);

  g_clear_object (&self->import_toast);
  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->export_toast);
  g_clear_object (&self->export_cancellable);
  g_clear_pointer (&self->export_name, g_free);
  g_clear_pointer (&self->asked_pages, g_hash_table_unref);
  g_clear_object (&self->processes);
  g_clear_object (&self->process_filter);
  g_clear_object (&self->process);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pb_window_parent_class)->dispose (object);
}

static void
pb_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PbWindow *self = PB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_ARCHIVED:
      g_value_set_boolean (value, self->show_archived);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PbWindow *self = PB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_ARCHIVED:
      if (self->show_archived != g_value_get_boolean (value))
        {
          self->show_archived = g_value_get_boolean (value);
          gtk_filter_changed (GTK_FILTER (self->process_filter),
                              self->show_archived ? GTK_FILTER_CHANGE_LESS_STRICT : GTK_FILTER_CHANGE_MORE_STRICT);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_window_class_init (PbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pb_window_dispose;
  object_class->get_property = pb_window_get_property;
  object_class->set_property = pb_window_set_property;
  window_class->close_request = pb_window_close_request;

  g_object_class_install_property (object_class, PROP_SHOW_ARCHIVED,
                                   g_param_spec_boolean ("show-archived", NULL, NULL, FALSE,
                                                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_type_ensure (PB_TYPE_OVERVIEW_PAGE);
  g_type_ensure (PB_TYPE_PROJECTS_PAGE);
  g_type_ensure (PB_TYPE_SETUP_PAGE);
  g_type_ensure (PB_TYPE_CODES_PAGE);
  g_type_ensure (PB_TYPE_PAPER_PAGE);
  g_type_ensure (PB_TYPE_RESULTS_PAGE);
  g_type_ensure (PB_TYPE_WORKSHOP_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Pb/pb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, error_path_label);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, process_list);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, process_menu_button);
  gtk_widget_class_bind_template_callback (widget_class, on_process_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_process_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);

  gtk_widget_class_install_action (widget_class, "win.new-process", NULL, new_process_action);
  gtk_widget_class_install_action (widget_class, "win.open-pabulib", NULL, open_pabulib_action);
  gtk_widget_class_install_action (widget_class, "win.open-database", NULL, open_database_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate-process", NULL, duplicate_process_action);
  gtk_widget_class_install_action (widget_class, "win.archive-process", NULL, archive_process_action);
  gtk_widget_class_install_action (widget_class, "win.unarchive-process", NULL, unarchive_process_action);
  gtk_widget_class_install_action (widget_class, "win.delete-process", NULL, delete_process_action);
  gtk_widget_class_install_property_action (widget_class, "win.show-archived", "show-archived");
  gtk_widget_class_install_action (widget_class, "win.export-json", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-pabulib", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-csv", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-report", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-bundle", NULL, export_bundle_action);
  gtk_widget_class_install_action (widget_class, "win.add-bundles", NULL, add_bundles_action);
  gtk_widget_class_install_action (widget_class, "win.verify", NULL, verify_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-process", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open-pabulib", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.open-database", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_CONTROL_MASK, "win.delete-process", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.export-report", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-json", NULL);
}

static void
pb_window_init (PbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->process_filter = gtk_custom_filter_new (process_filter_func, self, NULL);
  self->asked_pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  pb_window_connect_pages (self);
  pb_window_update_title (self);
  pb_window_update_actions (self);
}

/* ---- Public API --------------------------------------------------------- */

PbWindow *
pb_window_new (GtkApplication *application)
{
  PbWindow *self = g_object_new (PB_TYPE_WINDOW, "application", application, NULL);

  /* Not in constructed(): "application" is set only after it. */
  pb_window_restore_size (self);
  return self;
}

void
pb_window_add_toast (PbWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (PB_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * pb_window_set_store:
 *
 * Shows the processes of @store and opens the one shown last (or the
 * first one).
 */
void
pb_window_set_store (PbWindow *self,
                     PbStore  *store)
{
  GSettings *settings;
  PbProcess *process = NULL;

  g_return_if_fail (PB_IS_WINDOW (self));
  g_return_if_fail (PB_IS_STORE (store));

  pb_window_flush_delete (self);
  pb_window_set_process (self, NULL);
  gtk_list_box_bind_model (self->process_list, NULL, NULL, NULL, NULL);
  if (self->processes != NULL)
    g_signal_handlers_disconnect_by_func (self->processes, processes_items_changed_cb, self);
  g_clear_object (&self->processes);

  g_set_object (&self->store, store);
  self->processes = gtk_filter_list_model_new (g_object_ref (pb_store_list_processes (store)),
                                               GTK_FILTER (g_object_ref (self->process_filter)));
  gtk_list_box_bind_model (self->process_list, G_LIST_MODEL (self->processes),
                           create_process_row, self, NULL);
  g_signal_connect_object (self->processes, "items-changed",
                           G_CALLBACK (processes_items_changed_cb), self, G_CONNECT_SWAPPED);

  settings = pb_window_get_settings (self);
  if (settings != NULL)
    process = pb_store_lookup_process (store, g_settings_get_int64 (settings, "last-process"));
  if (process == NULL && g_list_model_get_n_items (G_LIST_MODEL (self->processes)) > 0)
    {
      g_autoptr(PbProcess) first = g_list_model_get_item (G_LIST_MODEL (self->processes), 0);
      process = first;
    }

  pb_window_update_pages (self);
  pb_window_set_process (self, process);
  processes_items_changed_cb (self, 0, 0, 0, G_LIST_MODEL (self->processes));
  gtk_stack_set_visible_child_name (self->main_stack, "workspace");
  /* The verdict of `pbtool verify`, worked out in a worker thread. */
  pb_integrity_check (pb_integrity_get_for_store (store));
  pb_window_update_actions (self);
}

PbStore *
pb_window_get_store (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);

  return self->store;
}

/**
 * pb_window_set_process:
 * @process: (nullable): the process to show
 */
void
pb_window_set_process (PbWindow  *self,
                       PbProcess *process)
{
  g_return_if_fail (PB_IS_WINDOW (self));
  g_return_if_fail (process == NULL || PB_IS_PROCESS (process));

  if (self->process == process)
    return;

  if (self->process != NULL)
    g_signal_handlers_disconnect_by_func (self->process, process_notify_cb, self);
  g_set_object (&self->process, process);
  if (process != NULL)
    g_signal_connect_object (process, "notify", G_CALLBACK (process_notify_cb), self, G_CONNECT_SWAPPED);

  gtk_filter_changed (GTK_FILTER (self->process_filter), GTK_FILTER_CHANGE_DIFFERENT);
  pb_window_update_pages (self);
  pb_window_update_page_visibility (self);
  pb_window_update_title (self);
  pb_window_update_actions (self);
  pb_window_select_current_row (self);
  gtk_stack_set_visible_child_name (self->content_stack, process != NULL ? "process" : "empty");
}

PbProcess *
pb_window_get_process (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);

  return self->process;
}

/**
 * pb_window_set_visible_page:
 * @name: "overview", "projects", "setup", "codes", "paper", "workshop" or
 *   "results", or "results/table", "results/chart", "results/compare",
 *   "results/ballots"
 *
 * Shows that page.  Workshop, Codes and Paper are hidden in the phases
 * they do not serve; asked for by name, the page is shown anyway, and
 * stays shown for this window.
 */
void
pb_window_set_visible_page (PbWindow   *self,
                            const char *name)
{
  g_autofree char *page = NULL;
  const char *view;
  GtkWidget *child;

  g_return_if_fail (PB_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  /* "results/compare": a page, then a view inside it. */
  view = strchr (name, '/');
  page = view != NULL ? g_strndup (name, view - name) : g_strdup (name);
  child = adw_view_stack_get_child_by_name (self->view_stack, page);
  if (child != NULL)
    {
      /* Asked for by name: shown even when the phase would hide it. */
      if (!adw_view_stack_page_get_visible (adw_view_stack_get_page (self->view_stack, child)))
        {
          g_hash_table_add (self->asked_pages, g_strdup (page));
          pb_window_update_page_visibility (self);
        }
      adw_view_stack_set_visible_child_name (self->view_stack, page);
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
      if (view != NULL && PB_IS_RESULTS_PAGE (child))
        pb_results_page_set_view (PB_RESULTS_PAGE (child), view + 1);
    }
}

const char *
pb_window_get_visible_page (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

/**
 * pb_window_show_error:
 * @title: a short heading
 * @message: what went wrong and what to do, a translated sentence
 * @path: (nullable): the file concerned
 *
 * Replaces the workspace by a page explaining why Pb cannot continue, with
 * buttons to open another database or quit.
 */
void
pb_window_show_error (PbWindow   *self,
                      const char *title,
                      const char *message,
                      const char *path)
{
  g_return_if_fail (PB_IS_WINDOW (self));

  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, message);
  gtk_label_set_text (self->error_path_label, path != NULL ? path : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_path_label), path != NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
}

/**
 * pb_window_get_state:
 *
 * Returns: "loading", "error" or "workspace": what the window shows.
 */
const char *
pb_window_get_state (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}
