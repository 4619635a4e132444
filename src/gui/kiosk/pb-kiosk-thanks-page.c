/* pb-kiosk-thanks-page.c: the confirmation with the receipt code. */

#include "pb-config.h"

#include <glib/gi18n.h>

#include "pb-kiosk-thanks-page.h"

struct _PbKioskThanksPage
{
  GtkBox      parent_instance;

  guint       seconds_left;
  guint       timeout_id;

  GtkLabel   *receipt_label;
  GtkLabel   *countdown_label;
  GtkButton  *done_button;
};

G_DEFINE_FINAL_TYPE (PbKioskThanksPage, pb_kiosk_thanks_page, GTK_TYPE_BOX)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
pb_kiosk_thanks_page_finish (PbKioskThanksPage *self)
{
  if (self->timeout_id == 0)
    return;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_signal_emit (self, signals[FINISHED], 0);
}

static void
pb_kiosk_thanks_page_update_countdown (PbKioskThanksPage *self)
{
  g_autofree char *text = g_strdup_printf (ngettext ("The kiosk is ready for the next person in %u second. Tap anywhere to finish now.",
                                                     "The kiosk is ready for the next person in %u seconds. Tap anywhere to finish now.",
                                                     self->seconds_left),
                                           self->seconds_left);

  gtk_label_set_label (self->countdown_label, text);
}

static gboolean
tick_cb (gpointer user_data)
{
  PbKioskThanksPage *self = user_data;

  if (self->seconds_left > 1)
    {
      self->seconds_left--;
      pb_kiosk_thanks_page_update_countdown (self);
      return G_SOURCE_CONTINUE;
    }
  self->timeout_id = 0;
  g_signal_emit (self, signals[FINISHED], 0);
  return G_SOURCE_REMOVE;
}

static void
on_done_clicked (PbKioskThanksPage *self)
{
  pb_kiosk_thanks_page_finish (self);
}

static void
tapped_cb (GtkGestureClick   *gesture,
           int                n_press,
           double             x,
           double             y,
           PbKioskThanksPage *self)
{
  pb_kiosk_thanks_page_finish (self);
}

static void
pb_kiosk_thanks_page_dispose (GObject *object)
{
  PbKioskThanksPage *self = PB_KIOSK_THANKS_PAGE (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_KIOSK_THANKS_PAGE);

  G_OBJECT_CLASS (pb_kiosk_thanks_page_parent_class)->dispose (object);
}

static void
pb_kiosk_thanks_page_class_init (PbKioskThanksPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_kiosk_thanks_page_dispose;

  signals[FINISHED] = g_signal_new ("finished",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Pb/kiosk/pb-kiosk-thanks-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PbKioskThanksPage, receipt_label);
  gtk_widget_class_bind_template_child (widget_class, PbKioskThanksPage, countdown_label);
  gtk_widget_class_bind_template_child (widget_class, PbKioskThanksPage, done_button);
  gtk_widget_class_bind_template_callback (widget_class, on_done_clicked);
}

static void
pb_kiosk_thanks_page_init (PbKioskThanksPage *self)
{
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "released", G_CALLBACK (tapped_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
pb_kiosk_thanks_page_new (void)
{
  return g_object_new (PB_TYPE_KIOSK_THANKS_PAGE, NULL);
}

void
pb_kiosk_thanks_page_start (PbKioskThanksPage *self,
                            const char        *receipt,
                            guint              seconds)
{
  g_autofree char *label = NULL;

  g_return_if_fail (PB_IS_KIOSK_THANKS_PAGE (self));
  g_return_if_fail (receipt != NULL);

  gtk_label_set_label (self->receipt_label, receipt);
  /* Translators: the accessible name of the receipt code. */
  label = g_strdup_printf (_("Your receipt code: %s"), receipt);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->receipt_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  self->seconds_left = MAX (seconds, 1);
  pb_kiosk_thanks_page_update_countdown (self);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add_seconds (1, tick_cb, self);
}

void
pb_kiosk_thanks_page_reset (PbKioskThanksPage *self)
{
  g_return_if_fail (PB_IS_KIOSK_THANKS_PAGE (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  gtk_label_set_label (self->receipt_label, "");
  gtk_label_set_label (self->countdown_label, "");
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->receipt_label), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

const char *
pb_kiosk_thanks_page_get_receipt (PbKioskThanksPage *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_THANKS_PAGE (self), NULL);
  return gtk_label_get_label (self->receipt_label);
}

GtkWidget *
pb_kiosk_thanks_page_get_done_button (PbKioskThanksPage *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_THANKS_PAGE (self), NULL);
  return GTK_WIDGET (self->done_button);
}
