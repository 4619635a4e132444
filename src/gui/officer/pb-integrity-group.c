/* pb-integrity-group.c: the verification status on the Overview. */

#include "pb-config.h"

#include <glib/gi18n.h>

#include "pb-bundle-flow.h"
#include "pb-integrity-group.h"
#include "pb-integrity.h"
#include "pb-page.h"

struct _PbIntegrityGroup
{
  AdwPreferencesGroup  parent_instance;

  PbPage              *page;
  PbStore             *store;
  PbIntegrity         *integrity;

  AdwActionRow        *status_row;
  GtkImage            *status_icon;
  AdwActionRow        *head_row;
  AdwActionRow        *kiosk_row;
};

G_DEFINE_FINAL_TYPE (PbIntegrityGroup, pb_integrity_group, ADW_TYPE_PREFERENCES_GROUP)

static void
integrity_notify_cb (PbIntegrityGroup *self)
{
  static const char * const icons[] = {
    [PB_INTEGRITY_UNKNOWN] = "content-loading-symbolic",
    [PB_INTEGRITY_CHECKING] = "content-loading-symbolic",
    [PB_INTEGRITY_INTACT] = "emblem-ok-symbolic",
    [PB_INTEGRITY_BROKEN] = "dialog-warning-symbolic",
    [PB_INTEGRITY_FAILED] = "dialog-warning-symbolic",
  };
  PbIntegrityState state = self->integrity ? pb_integrity_get_state (self->integrity) : PB_INTEGRITY_UNKNOWN;
  const char *hash = self->integrity ? pb_integrity_get_head_hash (self->integrity) : NULL;
  GtkWidget *icon = GTK_WIDGET (self->status_icon);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row),
                                 self->integrity ? pb_integrity_get_title (self->integrity)
                                                 : _("The audit log has not been checked yet"));
  adw_action_row_set_subtitle (self->status_row, self->integrity ? pb_integrity_get_description (self->integrity) : "");
  gtk_image_set_from_icon_name (self->status_icon, icons[state]);
  gtk_widget_remove_css_class (icon, "success");
  gtk_widget_remove_css_class (icon, "error");
  if (state == PB_INTEGRITY_INTACT)
    gtk_widget_add_css_class (icon, "success");
  else if (state == PB_INTEGRITY_BROKEN || state == PB_INTEGRITY_FAILED)
    gtk_widget_add_css_class (icon, "error");

  gtk_widget_set_visible (GTK_WIDGET (self->head_row), hash != NULL);
  adw_action_row_set_subtitle (self->head_row, hash != NULL ? hash : "");
}

static void
pb_integrity_group_set_store (PbIntegrityGroup *self,
                              PbStore          *store)
{
  if (self->store == store)
    return;

  if (self->integrity != NULL)
    g_signal_handlers_disconnect_by_func (self->integrity, integrity_notify_cb, self);
  g_clear_object (&self->integrity);
  g_set_object (&self->store, store);

  if (store != NULL)
    {
      g_autofree char *fingerprint = pb_kiosk_fingerprint_format (pb_store_get_kiosk_id (store));

      self->integrity = g_object_ref (pb_integrity_get_for_store (store));
      g_signal_connect_object (self->integrity, "notify", G_CALLBACK (integrity_notify_cb), self, G_CONNECT_SWAPPED);
      adw_action_row_set_subtitle (self->kiosk_row, fingerprint);
    }
  integrity_notify_cb (self);
}

static void
page_store_cb (PbIntegrityGroup *self)
{
  pb_integrity_group_set_store (self, self->page ? pb_page_get_store (self->page) : NULL);
}

static void
pb_integrity_group_root (GtkWidget *widget)
{
  PbIntegrityGroup *self = PB_INTEGRITY_GROUP (widget);
  GtkWidget *page;

  GTK_WIDGET_CLASS (pb_integrity_group_parent_class)->root (widget);

  page = gtk_widget_get_ancestor (widget, PB_TYPE_PAGE);
  if (page != NULL && PB_PAGE (page) != self->page)
    {
      if (self->page != NULL)
        g_signal_handlers_disconnect_by_func (self->page, page_store_cb, self);
      self->page = PB_PAGE (page);
      g_signal_connect_object (page, "notify::store", G_CALLBACK (page_store_cb), self, G_CONNECT_SWAPPED);
    }
  page_store_cb (self);
}

static void
pb_integrity_group_dispose (GObject *object)
{
  PbIntegrityGroup *self = PB_INTEGRITY_GROUP (object);

  if (self->integrity != NULL)
    g_signal_handlers_disconnect_by_func (self->integrity, integrity_notify_cb, self);
  g_clear_object (&self->integrity);
  g_clear_object (&self->store);
  self->page = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_INTEGRITY_GROUP);

  G_OBJECT_CLASS (pb_integrity_group_parent_class)->dispose (object);
}

static void
pb_integrity_group_class_init (PbIntegrityGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_integrity_group_dispose;
  widget_class->root = pb_integrity_group_root;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Pb/officer/pb-integrity-group.ui");
  gtk_widget_class_bind_template_child (widget_class, PbIntegrityGroup, status_row);
  gtk_widget_class_bind_template_child (widget_class, PbIntegrityGroup, status_icon);
  gtk_widget_class_bind_template_child (widget_class, PbIntegrityGroup, head_row);
  gtk_widget_class_bind_template_child (widget_class, PbIntegrityGroup, kiosk_row);
}

static void
pb_integrity_group_init (PbIntegrityGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

const char *
pb_integrity_group_get_status (PbIntegrityGroup *self)
{
  g_return_val_if_fail (PB_IS_INTEGRITY_GROUP (self), NULL);

  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->status_row));
}
