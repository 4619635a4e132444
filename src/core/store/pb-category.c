/* pb-category.c: a category of projects with an optional spending cap. */

#include "pb-config.h"

#include "pb-store-private.h"

enum {
  PROP_0,
  PROP_ID,
  PROP_PROCESS_ID,
  PROP_NAME,
  PROP_CAP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PbCategory, pb_category, G_TYPE_OBJECT)

static void
pb_category_finalize (GObject *object)
{
  PbCategory *self = PB_CATEGORY (object);

  g_free (self->name);
  g_free (self->cap);
  G_OBJECT_CLASS (pb_category_parent_class)->finalize (object);
}

static void
pb_category_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PbCategory *self = PB_CATEGORY (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_PROCESS_ID: g_value_set_int64 (value, self->process_id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_CAP: g_value_set_string (value, self->cap); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_category_class_init (PbCategoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_category_finalize;
  object_class->get_property = pb_category_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROCESS_ID] = g_param_spec_int64 ("process-id", NULL, NULL, 0, G_MAXINT64, 0,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "",
                                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAP] = g_param_spec_string ("cap", NULL, NULL, "",
                                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_category_init (PbCategory *self)
{
}

PbCategory *
pb_category_new_internal (gint64      id,
                          gint64      process_id,
                          const char *name,
                          const char *cap)
{
  PbCategory *self = g_object_new (PB_TYPE_CATEGORY, NULL);

  self->id = id;
  self->process_id = process_id;
  self->name = g_strdup (name ? name : "");
  self->cap = g_strdup (cap ? cap : "");
  return self;
}

void
pb_category_update (PbCategory *self,
                    const char *name,
                    const char *cap)
{
  if (g_strcmp0 (self->name, name) != 0)
    {
      g_free (self->name);
      self->name = g_strdup (name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
    }
  if (g_strcmp0 (self->cap, cap) != 0)
    {
      g_free (self->cap);
      self->cap = g_strdup (cap);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAP]);
    }
}

gint64
pb_category_get_id (PbCategory *self)
{
  g_return_val_if_fail (PB_IS_CATEGORY (self), 0);
  return self->id;
}

gint64
pb_category_get_process_id (PbCategory *self)
{
  g_return_val_if_fail (PB_IS_CATEGORY (self), 0);
  return self->process_id;
}

const char *
pb_category_get_name (PbCategory *self)
{
  g_return_val_if_fail (PB_IS_CATEGORY (self), NULL);
  return self->name;
}

const char *
pb_category_get_cap (PbCategory *self)
{
  g_return_val_if_fail (PB_IS_CATEGORY (self), NULL);
  return self->cap;
}
