/* pb-process.c: a participatory-budgeting process and its live lists, and
 * the record of one phase change. */

#include "pb-config.h"

#include "pb-store-private.h"

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_CURRENCY,
  PROP_BUDGET,
  PROP_PHASE,
  PROP_BALLOT_FORMAT,
  PROP_MIN_PROJECTS,
  PROP_MAX_PROJECTS,
  PROP_MIN_SPENT_PERCENT,
  PROP_COST_LIMIT,
  PROP_POINTS_TOTAL,
  PROP_POINTS_PER_PROJECT,
  PROP_RANKING_LENGTH,
  PROP_COUNTING_RULE,
  PROP_TIE_BREAK,
  PROP_VOTER_CODES_REQUIRED,
  PROP_ARCHIVED,
  PROP_CREATED,
  PROP_BALLOT_COUNT,
  PROP_FROZEN,
  PROP_READ_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PbProcess, pb_process, G_TYPE_OBJECT)

void
pb_process_data_copy (PbProcessData       *dest,
                      const PbProcessData *src)
{
  *dest = *src;
  dest->name = g_strdup (src->name ? src->name : "");
  dest->description = g_strdup (src->description ? src->description : "");
  dest->currency = g_strdup (src->currency ? src->currency : "");
  dest->budget = g_strdup (src->budget ? src->budget : "0");
  dest->cost_limit = g_strdup (src->cost_limit ? src->cost_limit : "");
  dest->counting_rule = g_strdup (src->counting_rule ? src->counting_rule : "");
  dest->tie_break = g_strdup (src->tie_break ? src->tie_break : "");
}

void
pb_process_data_clear (PbProcessData *data)
{
  g_clear_pointer (&data->name, g_free);
  g_clear_pointer (&data->description, g_free);
  g_clear_pointer (&data->currency, g_free);
  g_clear_pointer (&data->budget, g_free);
  g_clear_pointer (&data->cost_limit, g_free);
  g_clear_pointer (&data->counting_rule, g_free);
  g_clear_pointer (&data->tie_break, g_free);
}

static void
pb_process_finalize (GObject *object)
{
  PbProcess *self = PB_PROCESS (object);

  pb_process_data_clear (&self->data);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->project_by_id, g_hash_table_unref);
  g_clear_pointer (&self->category_by_id, g_hash_table_unref);
  g_clear_object (&self->projects);
  g_clear_object (&self->categories);
  g_clear_object (&self->ballot_projects);
  G_OBJECT_CLASS (pb_process_parent_class)->finalize (object);
}

static void
pb_process_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PbProcess *self = PB_PROCESS (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->data.name); break;
    case PROP_DESCRIPTION: g_value_set_string (value, self->data.description); break;
    case PROP_CURRENCY: g_value_set_string (value, self->data.currency); break;
    case PROP_BUDGET: g_value_set_string (value, self->data.budget); break;
    case PROP_PHASE: g_value_set_enum (value, self->data.phase); break;
    case PROP_BALLOT_FORMAT: g_value_set_enum (value, self->data.format); break;
    case PROP_MIN_PROJECTS: g_value_set_uint (value, self->data.min_projects); break;
    case PROP_MAX_PROJECTS: g_value_set_uint (value, self->data.max_projects); break;
    case PROP_MIN_SPENT_PERCENT: g_value_set_uint (value, self->data.min_spent_percent); break;
    case PROP_COST_LIMIT: g_value_set_string (value, self->data.cost_limit); break;
    case PROP_POINTS_TOTAL: g_value_set_uint (value, self->data.points_total); break;
    case PROP_POINTS_PER_PROJECT: g_value_set_uint (value, self->data.points_per_project); break;
    case PROP_RANKING_LENGTH: g_value_set_uint (value, self->data.ranking_length); break;
    case PROP_COUNTING_RULE: g_value_set_string (value, self->data.counting_rule); break;
    case PROP_TIE_BREAK: g_value_set_string (value, self->data.tie_break); break;
    case PROP_VOTER_CODES_REQUIRED: g_value_set_boolean (value, self->data.voter_codes_required); break;
    case PROP_ARCHIVED: g_value_set_boolean (value, self->data.archived); break;
    case PROP_CREATED: g_value_set_boxed (value, self->created); break;
    case PROP_BALLOT_COUNT: g_value_set_uint (value, self->ballot_count); break;
    case PROP_FROZEN: g_value_set_boolean (value, pb_process_is_frozen (self)); break;
    case PROP_READ_ONLY: g_value_set_boolean (value, pb_process_is_read_only (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_process_class_init (PbProcessClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pb_process_finalize;
  object_class->get_property = pb_process_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, "", flags);
  properties[PROP_CURRENCY] = g_param_spec_string ("currency", NULL, NULL, "", flags);
  properties[PROP_BUDGET] = g_param_spec_string ("budget", NULL, NULL, "0", flags);
  properties[PROP_PHASE] = g_param_spec_enum ("phase", NULL, NULL, PB_TYPE_PHASE, PB_PHASE_DRAFT, flags);
  properties[PROP_BALLOT_FORMAT] = g_param_spec_enum ("ballot-format", NULL, NULL, PB_TYPE_BALLOT_FORMAT,
                                                      PB_BALLOT_FORMAT_APPROVAL, flags);
  properties[PROP_MIN_PROJECTS] = g_param_spec_uint ("min-projects", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_MAX_PROJECTS] = g_param_spec_uint ("max-projects", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_MIN_SPENT_PERCENT] = g_param_spec_uint ("min-spent-percent", NULL, NULL, 0, 100, 0, flags);
  properties[PROP_COST_LIMIT] = g_param_spec_string ("cost-limit", NULL, NULL, "", flags);
  properties[PROP_POINTS_TOTAL] = g_param_spec_uint ("points-total", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_POINTS_PER_PROJECT] = g_param_spec_uint ("points-per-project", NULL, NULL, 0, G_MAXUINT, 0,
                                                           flags);
  properties[PROP_RANKING_LENGTH] = g_param_spec_uint ("ranking-length", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_COUNTING_RULE] = g_param_spec_string ("counting-rule", NULL, NULL, "", flags);
  properties[PROP_TIE_BREAK] = g_param_spec_string ("tie-break", NULL, NULL, "", flags);
  properties[PROP_VOTER_CODES_REQUIRED] = g_param_spec_boolean ("voter-codes-required", NULL, NULL, FALSE,
                                                                flags);
  properties[PROP_ARCHIVED] = g_param_spec_boolean ("archived", NULL, NULL, FALSE, flags);
  properties[PROP_CREATED] = g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_BALLOT_COUNT] = g_param_spec_uint ("ballot-count", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_FROZEN] = g_param_spec_boolean ("frozen", NULL, NULL, FALSE, flags);
  properties[PROP_READ_ONLY] = g_param_spec_boolean ("read-only", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_process_init (PbProcess *self)
{
  self->projects = g_list_store_new (PB_TYPE_PROJECT);
  self->categories = g_list_store_new (PB_TYPE_CATEGORY);
  self->ballot_projects = g_list_store_new (PB_TYPE_PROJECT);
  self->project_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->category_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
}

PbProcess *
pb_process_new_internal (gint64               id,
                         const PbProcessData *data)
{
  PbProcess *self = g_object_new (PB_TYPE_PROCESS, NULL);

  self->id = id;
  pb_process_data_copy (&self->data, data);
  self->created = pb_date_time_new_from_usec (data->created);
  return self;
}

void
pb_process_update (PbProcess           *self,
                   const PbProcessData *data)
{
  PbProcessData old = self->data;
  GObject *object = G_OBJECT (self);

  pb_process_data_copy (&self->data, data);
  g_object_freeze_notify (object);
#define NOTIFY_STR(field, prop) \
  if (g_strcmp0 (old.field, self->data.field) != 0) \
    g_object_notify_by_pspec (object, properties[prop]);
#define NOTIFY_VAL(field, prop) \
  if (old.field != self->data.field) \
    g_object_notify_by_pspec (object, properties[prop]);
  NOTIFY_STR (name, PROP_NAME);
  NOTIFY_STR (description, PROP_DESCRIPTION);
  NOTIFY_STR (currency, PROP_CURRENCY);
  NOTIFY_STR (budget, PROP_BUDGET);
  NOTIFY_STR (cost_limit, PROP_COST_LIMIT);
  NOTIFY_STR (counting_rule, PROP_COUNTING_RULE);
  NOTIFY_STR (tie_break, PROP_TIE_BREAK);
  NOTIFY_VAL (phase, PROP_PHASE);
  NOTIFY_VAL (phase, PROP_FROZEN);
  NOTIFY_VAL (phase, PROP_READ_ONLY);
  NOTIFY_VAL (format, PROP_BALLOT_FORMAT);
  NOTIFY_VAL (min_projects, PROP_MIN_PROJECTS);
  NOTIFY_VAL (max_projects, PROP_MAX_PROJECTS);
  NOTIFY_VAL (min_spent_percent, PROP_MIN_SPENT_PERCENT);
  NOTIFY_VAL (points_total, PROP_POINTS_TOTAL);
  NOTIFY_VAL (points_per_project, PROP_POINTS_PER_PROJECT);
  NOTIFY_VAL (ranking_length, PROP_RANKING_LENGTH);
  NOTIFY_VAL (voter_codes_required, PROP_VOTER_CODES_REQUIRED);
  NOTIFY_VAL (archived, PROP_ARCHIVED);
#undef NOTIFY_STR
#undef NOTIFY_VAL
  pb_process_data_clear (&old);
  g_object_thaw_notify (object);
}

void
pb_process_set_ballot_count (PbProcess *self,
                             guint      count)
{
  if (self->ballot_count == count)
    return;
  self->ballot_count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BALLOT_COUNT]);
}

static int
compare_projects (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const PbProject *pa = a, *pb = b;

  if (pa->data.position != pb->data.position)
    return pa->data.position < pb->data.position ? -1 : 1;
  return pa->id < pb->id ? -1 : pa->id > pb->id;
}

void
pb_process_projects_changed (PbProcess *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->projects));
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) on_ballot = g_ptr_array_new ();
  gboolean same_order = TRUE;
  guint n_ballot;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (sorted, g_list_model_get_item (G_LIST_MODEL (self->projects), i));
  for (guint i = 1; i < sorted->len && same_order; i++)
    same_order = compare_projects (sorted->pdata[i - 1], sorted->pdata[i], NULL) < 0;
  if (!same_order)
    g_list_store_sort (self->projects, compare_projects, NULL);

  for (guint i = 0; i < n; i++)
    {
      PbProject *project = g_list_model_get_item (G_LIST_MODEL (self->projects), i);

      if (pb_project_is_on_ballot (project))
        g_ptr_array_add (on_ballot, project);
      g_object_unref (project);
    }

  /* Only replace the feasible list when it changed, so that views bound
   * to it do not rebuild on every edit. */
  n_ballot = g_list_model_get_n_items (G_LIST_MODEL (self->ballot_projects));
  if (n_ballot == on_ballot->len)
    {
      gboolean same = TRUE;

      for (guint i = 0; i < n_ballot && same; i++)
        {
          g_autoptr(PbProject) item = g_list_model_get_item (G_LIST_MODEL (self->ballot_projects), i);
          same = item == on_ballot->pdata[i];
        }
      if (same)
        return;
    }
  g_list_store_splice (self->ballot_projects, 0, n_ballot, on_ballot->pdata, on_ballot->len);
}

void
pb_process_take_project (PbProcess *self,
                         PbProject *project)
{
  g_hash_table_insert (self->project_by_id, &project->id, project);
  g_list_store_append (self->projects, project);
  g_object_unref (project);
  pb_process_projects_changed (self);
}

void
pb_process_remove_project (PbProcess *self,
                           PbProject *project)
{
  guint position;

  g_hash_table_remove (self->project_by_id, &project->id);
  if (g_list_store_find (self->projects, project, &position))
    g_list_store_remove (self->projects, position);
  pb_process_projects_changed (self);
}

void
pb_process_take_category (PbProcess  *self,
                          PbCategory *category)
{
  g_hash_table_insert (self->category_by_id, &category->id, category);
  g_list_store_append (self->categories, category);
  g_object_unref (category);
}

void
pb_process_remove_category (PbProcess  *self,
                            PbCategory *category)
{
  guint position;

  g_hash_table_remove (self->category_by_id, &category->id);
  if (g_list_store_find (self->categories, category, &position))
    g_list_store_remove (self->categories, position);
}

gint64
pb_process_get_id (PbProcess *self)
{
  g_return_val_if_fail (PB_IS_PROCESS (self), 0);
  return self->id;
}

#define STRING_GETTER(name) \
  const char * \
  pb_process_get_##name (PbProcess *self) \
  { \
    g_return_val_if_fail (PB_IS_PROCESS (self), NULL); \
    return self->data.name; \
  }
#define VALUE_GETTER(type, name, field) \
  type \
  pb_process_get_##name (PbProcess *self) \
  { \
    g_return_val_if_fail (PB_IS_PROCESS (self), 0); \
    return self->data.field; \
  }

STRING_GETTER (name)
STRING_GETTER (description)
STRING_GETTER (currency)
STRING_GETTER (budget)
STRING_GETTER (cost_limit)
STRING_GETTER (counting_rule)
STRING_GETTER (tie_break)
VALUE_GETTER (PbPhase, phase, phase)
VALUE_GETTER (PbBallotFormat, ballot_format, format)
VALUE_GETTER (guint, min_projects, min_projects)
VALUE_GETTER (guint, max_projects, max_projects)
VALUE_GETTER (guint, min_spent_percent, min_spent_percent)
VALUE_GETTER (guint, points_total, points_total)
VALUE_GETTER (guint, points_per_project, points_per_project)
VALUE_GETTER (guint, ranking_length, ranking_length)
VALUE_GETTER (gboolean, voter_codes_required, voter_codes_required)
VALUE_GETTER (gboolean, archived, archived)

GDateTime *
pb_process_get_created (PbProcess *self)
{
  g_return_val_if_fail (PB_IS_PROCESS (self), NULL);
  return self->created;
}

guint
pb_process_get_ballot_count (PbProcess *self)
{
  g_return_val_if_fail (PB_IS_PROCESS (self), 0);
  return self->ballot_count;
}

gboolean
pb_process_is_frozen (PbProcess *self)
{
  g_return_val_if_fail (PB_IS_PROCESS (self), FALSE);
  return self->data.phase >= PB_PHASE_VOTING;
}

gboolean
pb_process_is_read_only (PbProcess *self)
{
  g_return_val_if_fail (PB_IS_PROCESS (self), FALSE);
  return self->data.phase == PB_PHASE_PUBLISHED;
}

char *
pb_process_dup_effective_cost_limit (PbProcess *self)
{
  g_return_val_if_fail (PB_IS_PROCESS (self), NULL);

  if (self->data.cost_limit != NULL && self->data.cost_limit[0] != '\0')
    return g_strdup (self->data.cost_limit);
  if (self->data.format == PB_BALLOT_FORMAT_KNAPSACK)
    return g_strdup (self->data.budget);
  return NULL;
}

GListModel *
pb_process_list_projects (PbProcess *self)
{
  g_return_val_if_fail (PB_IS_PROCESS (self), NULL);
  return G_LIST_MODEL (self->projects);
}

GListModel *
pb_process_list_categories (PbProcess *self)
{
  g_return_val_if_fail (PB_IS_PROCESS (self), NULL);
  return G_LIST_MODEL (self->categories);
}

GListModel *
pb_process_list_ballot_projects (PbProcess *self)
{
  g_return_val_if_fail (PB_IS_PROCESS (self), NULL);
  return G_LIST_MODEL (self->ballot_projects);
}

PbProject *
pb_process_lookup_project (PbProcess *self,
                           gint64     project_id)
{
  g_return_val_if_fail (PB_IS_PROCESS (self), NULL);
  return g_hash_table_lookup (self->project_by_id, &project_id);
}

PbProject *
pb_process_lookup_project_by_code (PbProcess  *self,
                                   const char *code)
{
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (PB_IS_PROCESS (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  g_hash_table_iter_init (&iter, self->project_by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_strcmp0 (PB_PROJECT (value)->data.code, code) == 0)
      return value;
  return NULL;
}

PbCategory *
pb_process_lookup_category (PbProcess *self,
                            gint64     category_id)
{
  g_return_val_if_fail (PB_IS_PROCESS (self), NULL);
  return g_hash_table_lookup (self->category_by_id, &category_id);
}

/* ---- PbPhaseChange ------------------------------------------------------ */

struct _PbPhaseChange {
  GObject   parent_instance;
  PbPhase   from;
  PbPhase   to;
  GDateTime *time;
  char     *reason;
};

enum {
  CHANGE_PROP_0,
  CHANGE_PROP_FROM,
  CHANGE_PROP_TO,
  CHANGE_PROP_TIME,
  CHANGE_PROP_REASON,
  CHANGE_N_PROPS
};

G_DEFINE_FINAL_TYPE (PbPhaseChange, pb_phase_change, G_TYPE_OBJECT)

static void
pb_phase_change_finalize (GObject *object)
{
  g_free (PB_PHASE_CHANGE (object)->reason);
  g_date_time_unref (PB_PHASE_CHANGE (object)->time);
  G_OBJECT_CLASS (pb_phase_change_parent_class)->finalize (object);
}

static void
pb_phase_change_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PbPhaseChange *self = PB_PHASE_CHANGE (object);

  switch (prop_id)
    {
    case CHANGE_PROP_FROM: g_value_set_enum (value, self->from); break;
    case CHANGE_PROP_TO: g_value_set_enum (value, self->to); break;
    case CHANGE_PROP_TIME: g_value_set_boxed (value, self->time); break;
    case CHANGE_PROP_REASON: g_value_set_string (value, self->reason); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_phase_change_class_init (PbPhaseChangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  GParamSpec *props[CHANGE_N_PROPS] = { NULL, };

  object_class->finalize = pb_phase_change_finalize;
  object_class->get_property = pb_phase_change_get_property;
  props[CHANGE_PROP_FROM] = g_param_spec_enum ("from", NULL, NULL, PB_TYPE_PHASE, PB_PHASE_DRAFT, flags);
  props[CHANGE_PROP_TO] = g_param_spec_enum ("to", NULL, NULL, PB_TYPE_PHASE, PB_PHASE_DRAFT, flags);
  props[CHANGE_PROP_TIME] = g_param_spec_boxed ("time", NULL, NULL, G_TYPE_DATE_TIME, flags);
  props[CHANGE_PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, "", flags);
  g_object_class_install_properties (object_class, CHANGE_N_PROPS, props);
}

static void
pb_phase_change_init (PbPhaseChange *self)
{
}

PbPhaseChange *
pb_phase_change_new_internal (PbPhase     from,
                              PbPhase     to,
                              gint64      time,
                              const char *reason)
{
  PbPhaseChange *self = g_object_new (PB_TYPE_PHASE_CHANGE, NULL);

  self->from = from;
  self->to = to;
  self->time = pb_date_time_new_from_usec (time);
  self->reason = g_strdup (reason ? reason : "");
  return self;
}

PbPhase
pb_phase_change_get_from (PbPhaseChange *self)
{
  g_return_val_if_fail (PB_IS_PHASE_CHANGE (self), PB_PHASE_DRAFT);
  return self->from;
}

PbPhase
pb_phase_change_get_to (PbPhaseChange *self)
{
  g_return_val_if_fail (PB_IS_PHASE_CHANGE (self), PB_PHASE_DRAFT);
  return self->to;
}

GDateTime *
pb_phase_change_get_time (PbPhaseChange *self)
{
  g_return_val_if_fail (PB_IS_PHASE_CHANGE (self), NULL);
  return self->time;
}

const char *
pb_phase_change_get_reason (PbPhaseChange *self)
{
  g_return_val_if_fail (PB_IS_PHASE_CHANGE (self), NULL);
  return self->reason;
}
