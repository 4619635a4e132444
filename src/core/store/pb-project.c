/* pb-project.c: a project residents can vote for. */

#include "pb-config.h"

#include "pb-store-private.h"

enum {
  PROP_0,
  PROP_ID,
  PROP_PROCESS_ID,
  PROP_CODE,
  PROP_TITLE,
  PROP_SUMMARY,
  PROP_DESCRIPTION,
  PROP_COST,
  PROP_CATEGORY_ID,
  PROP_STATUS,
  PROP_STATUS_REASON,
  PROP_INCOMPATIBILITY_GROUPS,
  PROP_IMAGE_PATH,
  PROP_LOCATION,
  PROP_POSITION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PbProject, pb_project, G_TYPE_OBJECT)

void
pb_project_data_copy (PbProjectData       *dest,
                      const PbProjectData *src)
{
  dest->code = g_strdup (src->code ? src->code : "");
  dest->title = g_strdup (src->title ? src->title : "");
  dest->summary = g_strdup (src->summary ? src->summary : "");
  dest->description = g_strdup (src->description ? src->description : "");
  dest->cost = g_strdup (src->cost ? src->cost : "0");
  dest->category_id = src->category_id;
  dest->status = src->status;
  dest->status_reason = g_strdup (src->status_reason ? src->status_reason : "");
  dest->groups = src->groups ? g_strdupv (src->groups) : g_new0 (char *, 1);
  dest->image_path = g_strdup (src->image_path ? src->image_path : "");
  dest->location = g_strdup (src->location ? src->location : "");
  dest->position = src->position;
}

void
pb_project_data_clear (PbProjectData *data)
{
  g_clear_pointer (&data->code, g_free);
  g_clear_pointer (&data->title, g_free);
  g_clear_pointer (&data->summary, g_free);
  g_clear_pointer (&data->description, g_free);
  g_clear_pointer (&data->cost, g_free);
  g_clear_pointer (&data->status_reason, g_free);
  g_clear_pointer (&data->groups, g_strfreev);
  g_clear_pointer (&data->image_path, g_free);
  g_clear_pointer (&data->location, g_free);
}

static void
pb_project_finalize (GObject *object)
{
  PbProject *self = PB_PROJECT (object);

  pb_project_data_clear (&self->data);
  G_OBJECT_CLASS (pb_project_parent_class)->finalize (object);
}

static void
pb_project_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PbProject *self = PB_PROJECT (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_PROCESS_ID: g_value_set_int64 (value, self->process_id); break;
    case PROP_CODE: g_value_set_string (value, self->data.code); break;
    case PROP_TITLE: g_value_set_string (value, self->data.title); break;
    case PROP_SUMMARY: g_value_set_string (value, self->data.summary); break;
    case PROP_DESCRIPTION: g_value_set_string (value, self->data.description); break;
    case PROP_COST: g_value_set_string (value, self->data.cost); break;
    case PROP_CATEGORY_ID: g_value_set_int64 (value, self->data.category_id); break;
    case PROP_STATUS: g_value_set_enum (value, self->data.status); break;
    case PROP_STATUS_REASON: g_value_set_string (value, self->data.status_reason); break;
    case PROP_INCOMPATIBILITY_GROUPS: g_value_set_boxed (value, self->data.groups); break;
    case PROP_IMAGE_PATH: g_value_set_string (value, self->data.image_path); break;
    case PROP_LOCATION: g_value_set_string (value, self->data.location); break;
    case PROP_POSITION: g_value_set_uint (value, self->data.position); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_project_class_init (PbProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pb_project_finalize;
  object_class->get_property = pb_project_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_PROCESS_ID] = g_param_spec_int64 ("process-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, "", flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", flags);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, "", flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, "", flags);
  properties[PROP_COST] = g_param_spec_string ("cost", NULL, NULL, "0", flags);
  properties[PROP_CATEGORY_ID] = g_param_spec_int64 ("category-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, PB_TYPE_PROJECT_STATUS,
                                               PB_PROJECT_STATUS_PROPOSED, flags);
  properties[PROP_STATUS_REASON] = g_param_spec_string ("status-reason", NULL, NULL, "", flags);
  properties[PROP_INCOMPATIBILITY_GROUPS] = g_param_spec_boxed ("incompatibility-groups", NULL, NULL,
                                                                G_TYPE_STRV, flags);
  properties[PROP_IMAGE_PATH] = g_param_spec_string ("image-path", NULL, NULL, "", flags);
  properties[PROP_LOCATION] = g_param_spec_string ("location", NULL, NULL, "", flags);
  properties[PROP_POSITION] = g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_project_init (PbProject *self)
{
}

PbProject *
pb_project_new_internal (gint64               id,
                         gint64               process_id,
                         const PbProjectData *data)
{
  PbProject *self = g_object_new (PB_TYPE_PROJECT, NULL);

  self->id = id;
  self->process_id = process_id;
  pb_project_data_copy (&self->data, data);
  return self;
}

static gboolean
strv_equal0 (char **a,
             char **b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

void
pb_project_update (PbProject           *self,
                   const PbProjectData *data)
{
  PbProjectData old = self->data;
  GObject *object = G_OBJECT (self);

  pb_project_data_copy (&self->data, data);
  g_object_freeze_notify (object);
#define NOTIFY_STR(field, prop) \
  if (g_strcmp0 (old.field, self->data.field) != 0) \
    g_object_notify_by_pspec (object, properties[prop]);
  NOTIFY_STR (code, PROP_CODE);
  NOTIFY_STR (title, PROP_TITLE);
  NOTIFY_STR (summary, PROP_SUMMARY);
  NOTIFY_STR (description, PROP_DESCRIPTION);
  NOTIFY_STR (cost, PROP_COST);
  NOTIFY_STR (status_reason, PROP_STATUS_REASON);
  NOTIFY_STR (image_path, PROP_IMAGE_PATH);
  NOTIFY_STR (location, PROP_LOCATION);
#undef NOTIFY_STR
  if (old.category_id != self->data.category_id)
    g_object_notify_by_pspec (object, properties[PROP_CATEGORY_ID]);
  if (old.status != self->data.status)
    g_object_notify_by_pspec (object, properties[PROP_STATUS]);
  if (old.position != self->data.position)
    g_object_notify_by_pspec (object, properties[PROP_POSITION]);
  if (!strv_equal0 (old.groups, self->data.groups))
    g_object_notify_by_pspec (object, properties[PROP_INCOMPATIBILITY_GROUPS]);
  pb_project_data_clear (&old);
  g_object_thaw_notify (object);
}

gint64
pb_project_get_id (PbProject *self)
{
  g_return_val_if_fail (PB_IS_PROJECT (self), 0);
  return self->id;
}

gint64
pb_project_get_process_id (PbProject *self)
{
  g_return_val_if_fail (PB_IS_PROJECT (self), 0);
  return self->process_id;
}

#define STRING_GETTER(name) \
  const char * \
  pb_project_get_##name (PbProject *self) \
  { \
    g_return_val_if_fail (PB_IS_PROJECT (self), NULL); \
    return self->data.name; \
  }

STRING_GETTER (code)
STRING_GETTER (title)
STRING_GETTER (summary)
STRING_GETTER (description)
STRING_GETTER (cost)
STRING_GETTER (status_reason)
STRING_GETTER (image_path)
STRING_GETTER (location)

gint64
pb_project_get_category_id (PbProject *self)
{
  g_return_val_if_fail (PB_IS_PROJECT (self), 0);
  return self->data.category_id;
}

PbProjectStatus
pb_project_get_status (PbProject *self)
{
  g_return_val_if_fail (PB_IS_PROJECT (self), PB_PROJECT_STATUS_PROPOSED);
  return self->data.status;
}

const char * const *
pb_project_get_incompatibility_groups (PbProject *self)
{
  g_return_val_if_fail (PB_IS_PROJECT (self), NULL);
  return (const char * const *) self->data.groups;
}

guint
pb_project_get_position (PbProject *self)
{
  g_return_val_if_fail (PB_IS_PROJECT (self), 0);
  return self->data.position;
}

gboolean
pb_project_is_on_ballot (PbProject *self)
{
  g_return_val_if_fail (PB_IS_PROJECT (self), FALSE);
  return self->data.status == PB_PROJECT_STATUS_FEASIBLE;
}

gboolean
pb_project_is_incompatible_with (PbProject *self,
                                 PbProject *other)
{
  g_return_val_if_fail (PB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (PB_IS_PROJECT (other), FALSE);

  if (self == other)
    return FALSE;
  for (guint i = 0; self->data.groups[i] != NULL; i++)
    if (g_strv_contains ((const char * const *) other->data.groups, self->data.groups[i]))
      return TRUE;
  return FALSE;
}
