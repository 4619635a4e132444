/* pb-kiosk-slot.c: one place in the kiosk's project grid. */

#include "pb-config.h"

#include "pb-kiosk-slot.h"

struct _PbKioskSlot
{
  GObject    parent_instance;

  PbProject *project;
};

G_DEFINE_FINAL_TYPE (PbKioskSlot, pb_kiosk_slot, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROJECT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pb_kiosk_slot_dispose (GObject *object)
{
  PbKioskSlot *self = PB_KIOSK_SLOT (object);

  g_clear_object (&self->project);

  G_OBJECT_CLASS (pb_kiosk_slot_parent_class)->dispose (object);
}

static void
pb_kiosk_slot_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PbKioskSlot *self = PB_KIOSK_SLOT (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_kiosk_slot_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PbKioskSlot *self = PB_KIOSK_SLOT (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      pb_kiosk_slot_set_project (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_kiosk_slot_class_init (PbKioskSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pb_kiosk_slot_dispose;
  object_class->get_property = pb_kiosk_slot_get_property;
  object_class->set_property = pb_kiosk_slot_set_property;

  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL,
                         PB_TYPE_PROJECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_kiosk_slot_init (PbKioskSlot *self)
{
}

PbKioskSlot *
pb_kiosk_slot_new (PbProject *project)
{
  g_return_val_if_fail (project == NULL || PB_IS_PROJECT (project), NULL);

  return g_object_new (PB_TYPE_KIOSK_SLOT, "project", project, NULL);
}

PbProject *
pb_kiosk_slot_get_project (PbKioskSlot *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_SLOT (self), NULL);

  return self->project;
}

void
pb_kiosk_slot_set_project (PbKioskSlot *self,
                           PbProject   *project)
{
  g_return_if_fail (PB_IS_KIOSK_SLOT (self));
  g_return_if_fail (project == NULL || PB_IS_PROJECT (project));

  if (g_set_object (&self->project, project))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}
