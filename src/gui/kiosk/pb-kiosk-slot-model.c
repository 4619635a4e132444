/* pb-kiosk-slot-model.c: the kiosk's projects, position by position. */

#include "pb-config.h"

#include "pb-kiosk-slot-model.h"

struct _PbKioskSlotModel
{
  GObject     parent_instance;

  GListModel *projects;
  GPtrArray  *slots;      /* of PbKioskSlot, one per source position */
};

static void pb_kiosk_slot_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PbKioskSlotModel, pb_kiosk_slot_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      pb_kiosk_slot_model_list_model_init))

static GType
pb_kiosk_slot_model_get_item_type (GListModel *model)
{
  return PB_TYPE_KIOSK_SLOT;
}

static guint
pb_kiosk_slot_model_get_n_items (GListModel *model)
{
  return PB_KIOSK_SLOT_MODEL (model)->slots->len;
}

static gpointer
pb_kiosk_slot_model_get_item (GListModel *model,
                              guint       position)
{
  PbKioskSlotModel *self = PB_KIOSK_SLOT_MODEL (model);

  if (position >= self->slots->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->slots, position));
}

static void
pb_kiosk_slot_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pb_kiosk_slot_model_get_item_type;
  iface->get_n_items = pb_kiosk_slot_model_get_n_items;
  iface->get_item = pb_kiosk_slot_model_get_item;
}

static void
projects_changed_cb (GListModel       *projects,
                     guint             position,
                     guint             removed,
                     guint             added,
                     PbKioskSlotModel *self)
{
  guint old_n = self->slots->len;
  guint new_n = g_list_model_get_n_items (projects);
  guint kept = MIN (old_n, new_n);

  /* Every position from the first change on may hold another project. */
  for (guint i = position; i < kept; i++)
    {
      g_autoptr(PbProject) project = g_list_model_get_item (projects, i);

      pb_kiosk_slot_set_project (g_ptr_array_index (self->slots, i), project);
    }

  if (new_n > old_n)
    {
      for (guint i = old_n; i < new_n; i++)
        {
          g_autoptr(PbProject) project = g_list_model_get_item (projects, i);

          g_ptr_array_add (self->slots, pb_kiosk_slot_new (project));
        }
      g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, new_n - old_n);
    }
  else if (new_n < old_n)
    {
      g_ptr_array_remove_range (self->slots, new_n, old_n - new_n);
      g_list_model_items_changed (G_LIST_MODEL (self), new_n, old_n - new_n, 0);
    }
}

static void
pb_kiosk_slot_model_dispose (GObject *object)
{
  PbKioskSlotModel *self = PB_KIOSK_SLOT_MODEL (object);

  if (self->projects != NULL)
    g_signal_handlers_disconnect_by_data (self->projects, self);
  g_clear_object (&self->projects);
  g_clear_pointer (&self->slots, g_ptr_array_unref);

  G_OBJECT_CLASS (pb_kiosk_slot_model_parent_class)->dispose (object);
}

static void
pb_kiosk_slot_model_class_init (PbKioskSlotModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pb_kiosk_slot_model_dispose;
}

static void
pb_kiosk_slot_model_init (PbKioskSlotModel *self)
{
  self->slots = g_ptr_array_new_with_free_func (g_object_unref);
}

PbKioskSlotModel *
pb_kiosk_slot_model_new (GListModel *projects)
{
  PbKioskSlotModel *self;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (projects), NULL);

  self = g_object_new (PB_TYPE_KIOSK_SLOT_MODEL, NULL);
  self->projects = g_object_ref (projects);
  n = g_list_model_get_n_items (projects);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbProject) project = g_list_model_get_item (projects, i);

      g_ptr_array_add (self->slots, pb_kiosk_slot_new (project));
    }
  g_signal_connect (projects, "items-changed", G_CALLBACK (projects_changed_cb), self);
  return self;
}
