/* pb-kiosk-window.c: the full-screen voting kiosk. */

#include "pb-config.h"

#include <glib/gi18n.h>

#include "pb-kiosk-window.h"

struct _PbKioskWindow
{
  AdwApplicationWindow  parent_instance;

  PbStore              *store;
  PbProcess            *process;
  gboolean              unlocked;

  GtkStack             *stack;
};

G_DEFINE_FINAL_TYPE (PbKioskWindow, pb_kiosk_window, ADW_TYPE_APPLICATION_WINDOW)

static gboolean
pb_kiosk_window_close_request (GtkWindow *window)
{
  PbKioskWindow *self = PB_KIOSK_WINDOW (window);

  /* Residents must not be able to leave the kiosk. */
  if (!self->unlocked)
    return TRUE;

  return GTK_WINDOW_CLASS (pb_kiosk_window_parent_class)->close_request (window);
}

static void
pb_kiosk_window_dispose (GObject *object)
{
  PbKioskWindow *self = PB_KIOSK_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_KIOSK_WINDOW);
  g_clear_object (&self->process);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pb_kiosk_window_parent_class)->dispose (object);
}

static void
pb_kiosk_window_class_init (PbKioskWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pb_kiosk_window_dispose;
  window_class->close_request = pb_kiosk_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Pb/kiosk/pb-kiosk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PbKioskWindow, stack);
}

static void
pb_kiosk_window_init (PbKioskWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_fullscreen (GTK_WINDOW (self));
}

PbKioskWindow *
pb_kiosk_window_new (GtkApplication *application,
                     PbStore        *store,
                     PbProcess      *process)
{
  PbKioskWindow *self;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_OBJECT (store), NULL);
  g_return_val_if_fail (G_IS_OBJECT (process), NULL);

  self = g_object_new (PB_TYPE_KIOSK_WINDOW, "application", application, NULL);
  self->store = g_object_ref (store);
  self->process = g_object_ref (process);
  return self;
}
