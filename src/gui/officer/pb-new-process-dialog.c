/* pb-new-process-dialog.c: the "New Process" dialog.
 *
 * Only what a process cannot exist without (name, currency, budget); the
 * rest is in the Setup page, where the window takes the officer next.
 */

#include "pb-config.h"

#include <glib/gi18n.h>

#include "pb-decimal.h"
#include "pb-new-process-dialog.h"
#include "pb-officer-util.h"

struct _PbNewProcessDialog
{
  AdwWindow     parent_instance;

  PbStore      *store;
  GSettings    *settings;

  AdwEntryRow  *name_row;
  AdwEntryRow  *currency_row;
  AdwEntryRow  *budget_row;
  GtkLabel     *error_label;
};

G_DEFINE_FINAL_TYPE (PbNewProcessDialog, pb_new_process_dialog, ADW_TYPE_WINDOW)

enum {
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
pb_new_process_dialog_update (PbNewProcessDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  const char *budget = gtk_editable_get_text (GTK_EDITABLE (self->budget_row));
  gboolean budget_ok = budget[0] == '\0' || pb_decimal_is_valid (budget);

  pb_widget_set_error (GTK_WIDGET (self->budget_row), !budget_ok);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.create", name[0] != '\0' && budget_ok);
}

static void
on_changed (PbNewProcessDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  pb_new_process_dialog_update (self);
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PbNewProcessDialog *self = PB_NEW_PROCESS_DIALOG (widget);

  if (pb_new_process_dialog_create (self) != NULL)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
pb_new_process_dialog_dispose (GObject *object)
{
  PbNewProcessDialog *self = PB_NEW_PROCESS_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_NEW_PROCESS_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pb_new_process_dialog_parent_class)->dispose (object);
}

static void
pb_new_process_dialog_class_init (PbNewProcessDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_new_process_dialog_dispose;

  /**
   * PbNewProcessDialog::created:
   * @process: the new process
   */
  signals[CREATED] =
    g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, PB_TYPE_PROCESS);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Pb/officer/pb-new-process-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PbNewProcessDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, PbNewProcessDialog, currency_row);
  gtk_widget_class_bind_template_child (widget_class, PbNewProcessDialog, budget_row);
  gtk_widget_class_bind_template_child (widget_class, PbNewProcessDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);

  gtk_widget_class_install_action (widget_class, "dialog.create", NULL, create_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pb_new_process_dialog_init (PbNewProcessDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_editable_set_text (GTK_EDITABLE (self->currency_row), pb_default_currency ());
  pb_new_process_dialog_update (self);
}

PbNewProcessDialog *
pb_new_process_dialog_new (PbStore   *store,
                           GSettings *settings)
{
  PbNewProcessDialog *self;

  g_return_val_if_fail (PB_IS_STORE (store), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (PB_TYPE_NEW_PROCESS_DIALOG, NULL);
  self->store = g_object_ref (store);
  g_set_object (&self->settings, settings);
  return self;
}

void
pb_new_process_dialog_set_values (PbNewProcessDialog *self,
                                  const char         *name,
                                  const char         *currency,
                                  const char         *budget)
{
  g_return_if_fail (PB_IS_NEW_PROCESS_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->currency_row), currency ? currency : "");
  gtk_editable_set_text (GTK_EDITABLE (self->budget_row), budget ? budget : "");
}

PbProcess *
pb_new_process_dialog_create (PbNewProcessDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *currency = NULL;
  const char *budget;
  PbProcess *process;

  g_return_val_if_fail (PB_IS_NEW_PROCESS_DIALOG (self), NULL);

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  currency = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->currency_row))));
  budget = gtk_editable_get_text (GTK_EDITABLE (self->budget_row));
  if (budget[0] == '\0')
    budget = "0";

  process = pb_store_create_process (self->store, name, currency, budget, &error);
  if (process == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return NULL;
    }

  if (self->settings != NULL)
    {
      g_autofree char *nick = g_settings_get_string (self->settings, "default-tie-break");
      g_autoptr(GError) tie_error = NULL;

      if (!pb_store_edit_process (self->store, process, &tie_error,
                                  "tie-break", pb_tie_break_chain_for_preference (nick), NULL))
        g_debug ("Cannot set the default tie-breaking: %s", tie_error->message);
    }

  g_signal_emit (self, signals[CREATED], 0, process);
  return process;
}
