/* pb-kiosk-pin-page.c: the officer's PIN screen. */

#include "pb-config.h"

#include <glib/gi18n.h>

#include "pb-kiosk-pin-page.h"

struct _PbKioskPinPage
{
  GtkBox              parent_instance;

  PbKioskPin         *pin;
  PbKioskPinPageMode  mode;
  GCancellable       *cancellable;
  guint               lock_timeout_id;

  GtkLabel           *title_label;
  GtkLabel           *description_label;
  GtkPasswordEntry   *pin_entry;
  GtkPasswordEntry   *confirm_entry;
  GtkLabel           *error_label;
  GtkSpinner         *spinner;
  GtkButton          *cancel_button;
  GtkButton          *primary_button;
};

G_DEFINE_FINAL_TYPE (PbKioskPinPage, pb_kiosk_pin_page, GTK_TYPE_BOX)

enum {
  DONE,
  CANCEL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void pb_kiosk_pin_page_update_lock (PbKioskPinPage *self);

static void
pb_kiosk_pin_page_show_error (PbKioskPinPage *self,
                              const char     *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->pin_entry),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->pin_entry),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
pb_kiosk_pin_page_set_busy (PbKioskPinPage *self,
                            gboolean        busy)
{
  /* The entries stay sensitive (making a focused entry insensitive
   * confuses its focus handling); they only stop taking input. */
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->primary_button), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->pin_entry), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->confirm_entry), !busy);
}

static void
pb_kiosk_pin_page_clear_entries (PbKioskPinPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->pin_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_entry), "");
}

static gboolean
lock_tick_cb (gpointer user_data)
{
  PbKioskPinPage *self = user_data;

  self->lock_timeout_id = 0;
  pb_kiosk_pin_page_update_lock (self);
  return G_SOURCE_REMOVE;
}

/* While entry is locked the page says for how long and refuses input. */
static void
pb_kiosk_pin_page_update_lock (PbKioskPinPage *self)
{
  guint seconds = pb_kiosk_pin_get_seconds_locked (self->pin);

  g_clear_handle_id (&self->lock_timeout_id, g_source_remove);
  if (self->mode != PB_KIOSK_PIN_PAGE_UNLOCK)
    return;

  if (seconds > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("Too many wrong PINs. Try again in %u second.",
                                                         "Too many wrong PINs. Try again in %u seconds.", seconds),
                                               seconds);

      pb_kiosk_pin_page_show_error (self, text);
      gtk_widget_set_sensitive (GTK_WIDGET (self->primary_button), FALSE);
      gtk_editable_set_editable (GTK_EDITABLE (self->pin_entry), FALSE);
      self->lock_timeout_id = g_timeout_add_seconds (1, lock_tick_cb, self);
    }
  else if (!gtk_editable_get_editable (GTK_EDITABLE (self->pin_entry)))
    {
      pb_kiosk_pin_page_show_error (self, NULL);
      pb_kiosk_pin_page_set_busy (self, FALSE);
    }
}

static void
pin_set_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PbKioskPinPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = pb_kiosk_pin_set_finish (PB_KIOSK_PIN (source), result, &error);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  pb_kiosk_pin_page_set_busy (self, FALSE);
  pb_kiosk_pin_page_clear_entries (self);
  if (!ok)
    {
      pb_kiosk_pin_page_show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->pin_entry));
      return;
    }
  g_signal_emit (self, signals[DONE], 0);
}

static void
pin_verified_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PbKioskPinPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = pb_kiosk_pin_verify_finish (PB_KIOSK_PIN (source), result, &error);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  pb_kiosk_pin_page_set_busy (self, FALSE);
  pb_kiosk_pin_page_clear_entries (self);
  if (!ok)
    {
      pb_kiosk_pin_page_show_error (self, error->message);
      pb_kiosk_pin_page_update_lock (self);
      if (gtk_editable_get_editable (GTK_EDITABLE (self->pin_entry)))
        gtk_widget_grab_focus (GTK_WIDGET (self->pin_entry));
      return;
    }
  g_signal_emit (self, signals[DONE], 0);
}

static void
on_primary_clicked (PbKioskPinPage *self)
{
  const char *pin = gtk_editable_get_text (GTK_EDITABLE (self->pin_entry));
  g_autoptr(GError) error = NULL;

  if (pb_kiosk_pin_page_is_busy (self) || !gtk_widget_get_sensitive (GTK_WIDGET (self->primary_button)))
    return;

  if (self->mode == PB_KIOSK_PIN_PAGE_SETUP)
    {
      const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_entry));

      if (!pb_kiosk_pin_is_acceptable (pin, &error))
        {
          pb_kiosk_pin_page_show_error (self, error->message);
          gtk_widget_grab_focus (GTK_WIDGET (self->pin_entry));
          return;
        }
      if (g_strcmp0 (pin, confirm) != 0)
        {
          pb_kiosk_pin_page_show_error (self, _("The two PINs are not the same. Please type the same PIN twice."));
          gtk_editable_set_text (GTK_EDITABLE (self->confirm_entry), "");
          gtk_widget_grab_focus (GTK_WIDGET (self->confirm_entry));
          return;
        }
      pb_kiosk_pin_page_show_error (self, NULL);
      pb_kiosk_pin_page_set_busy (self, TRUE);
      pb_kiosk_pin_set_async (self->pin, pin, self->cancellable, pin_set_cb, g_object_ref (self));
    }
  else
    {
      pb_kiosk_pin_page_show_error (self, NULL);
      pb_kiosk_pin_page_set_busy (self, TRUE);
      pb_kiosk_pin_verify_async (self->pin, pin, self->cancellable, pin_verified_cb, g_object_ref (self));
    }
}

static void
on_cancel_clicked (PbKioskPinPage *self)
{
  pb_kiosk_pin_page_clear_entries (self);
  g_signal_emit (self, signals[CANCEL], 0);
}

static void
pb_kiosk_pin_page_dispose (GObject *object)
{
  PbKioskPinPage *self = PB_KIOSK_PIN_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->lock_timeout_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_KIOSK_PIN_PAGE);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->pin);

  G_OBJECT_CLASS (pb_kiosk_pin_page_parent_class)->dispose (object);
}

static void
pb_kiosk_pin_page_class_init (PbKioskPinPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_kiosk_pin_page_dispose;

  signals[DONE] = g_signal_new ("done",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL,
                                G_TYPE_NONE, 0);
  signals[CANCEL] = g_signal_new ("cancel",
                                  G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Pb/kiosk/pb-kiosk-pin-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PbKioskPinPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, PbKioskPinPage, description_label);
  gtk_widget_class_bind_template_child (widget_class, PbKioskPinPage, pin_entry);
  gtk_widget_class_bind_template_child (widget_class, PbKioskPinPage, confirm_entry);
  gtk_widget_class_bind_template_child (widget_class, PbKioskPinPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, PbKioskPinPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PbKioskPinPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PbKioskPinPage, primary_button);
  gtk_widget_class_bind_template_callback (widget_class, on_primary_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
}

static void
pb_kiosk_pin_page_init (PbKioskPinPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
pb_kiosk_pin_page_new (PbKioskPin *pin)
{
  PbKioskPinPage *self;

  g_return_val_if_fail (PB_IS_KIOSK_PIN (pin), NULL);

  self = g_object_new (PB_TYPE_KIOSK_PIN_PAGE, NULL);
  self->pin = g_object_ref (pin);
  pb_kiosk_pin_page_set_mode (self, PB_KIOSK_PIN_PAGE_UNLOCK);
  return GTK_WIDGET (self);
}

void
pb_kiosk_pin_page_set_mode (PbKioskPinPage     *self,
                            PbKioskPinPageMode  mode)
{
  gboolean setup = mode == PB_KIOSK_PIN_PAGE_SETUP;

  g_return_if_fail (PB_IS_KIOSK_PIN_PAGE (self));

  self->mode = mode;
  pb_kiosk_pin_page_clear_entries (self);
  pb_kiosk_pin_page_show_error (self, NULL);
  pb_kiosk_pin_page_set_busy (self, FALSE);

  gtk_label_set_label (self->title_label, setup ? _("Choose the officer PIN") : _("Officer PIN"));
  gtk_label_set_label (self->description_label,
                       setup ? _("Officers need this PIN to leave the kiosk. Choose 4 to 12 digits and keep it away from residents.")
                             : _("Type the officer PIN to leave the kiosk. If you are here to vote, tap “Back to voting”."));
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_entry), setup);
  gtk_button_set_label (self->cancel_button, setup ? _("Close the kiosk") : _("Back to voting"));
  gtk_button_set_label (self->primary_button, setup ? _("Set the PIN and open the kiosk") : _("Leave the kiosk"));

  pb_kiosk_pin_page_update_lock (self);
}

PbKioskPinPageMode
pb_kiosk_pin_page_get_mode (PbKioskPinPage *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_PIN_PAGE (self), PB_KIOSK_PIN_PAGE_UNLOCK);
  return self->mode;
}

void
pb_kiosk_pin_page_submit (PbKioskPinPage *self,
                          const char     *pin,
                          const char     *confirm)
{
  g_return_if_fail (PB_IS_KIOSK_PIN_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->pin_entry), pin);
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_entry), confirm != NULL ? confirm : "");
  on_primary_clicked (self);
}

const char *
pb_kiosk_pin_page_get_error (PbKioskPinPage *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_PIN_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_label (self->error_label);
}

gboolean
pb_kiosk_pin_page_is_busy (PbKioskPinPage *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_PIN_PAGE (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->spinner));
}

GtkWidget *
pb_kiosk_pin_page_get_pin_entry (PbKioskPinPage *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_PIN_PAGE (self), NULL);
  return GTK_WIDGET (self->pin_entry);
}
