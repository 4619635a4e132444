/* pb-ballot.c: a resident's choices and a stored ballot. */

#include "pb-config.h"

#include <stdlib.h>
#include <string.h>

#include "pb-store-private.h"

typedef struct {
  gint64  project;
  guint   points;
} Entry;

struct _PbBallotChoices {
  gatomicrefcount  ref_count;
  PbBallotFormat   format;
  GArray          *entries;   /* of Entry */
};

G_DEFINE_BOXED_TYPE (PbBallotChoices, pb_ballot_choices, pb_ballot_choices_ref, pb_ballot_choices_unref)

PbBallotChoices *
pb_ballot_choices_new (PbBallotFormat format)
{
  PbBallotChoices *self = g_new0 (PbBallotChoices, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->format = format;
  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  return self;
}

PbBallotChoices *
pb_ballot_choices_ref (PbBallotChoices *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
pb_ballot_choices_unref (PbBallotChoices *self)
{
  g_return_if_fail (self != NULL);
  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_array_unref (self->entries);
      g_free (self);
    }
}

PbBallotChoices *
pb_ballot_choices_copy (const PbBallotChoices *self)
{
  PbBallotChoices *copy;

  g_return_val_if_fail (self != NULL, NULL);
  copy = pb_ballot_choices_new (self->format);
  g_array_append_vals (copy->entries, self->entries->data, self->entries->len);
  return copy;
}

PbBallotFormat
pb_ballot_choices_get_format (const PbBallotChoices *self)
{
  g_return_val_if_fail (self != NULL, PB_BALLOT_FORMAT_APPROVAL);
  return self->format;
}

void
pb_ballot_choices_add (PbBallotChoices *self,
                       gint64           project_id,
                       guint            points)
{
  Entry entry = { project_id, points };

  g_return_if_fail (self != NULL);
  g_array_append_val (self->entries, entry);
}

static int
find_entry (const PbBallotChoices *self,
            gint64                 project_id)
{
  for (guint i = 0; i < self->entries->len; i++)
    if (g_array_index (self->entries, Entry, i).project == project_id)
      return (int) i;
  return -1;
}

void
pb_ballot_choices_set_points (PbBallotChoices *self,
                              gint64           project_id,
                              guint            points)
{
  int index;

  g_return_if_fail (self != NULL);

  if (points == 0)
    {
      pb_ballot_choices_remove (self, project_id);
      return;
    }
  index = find_entry (self, project_id);
  if (index < 0)
    pb_ballot_choices_add (self, project_id, points);
  else
    g_array_index (self->entries, Entry, index).points = points;
}

gboolean
pb_ballot_choices_remove (PbBallotChoices *self,
                          gint64           project_id)
{
  gboolean removed = FALSE;
  int index;

  g_return_val_if_fail (self != NULL, FALSE);
  while ((index = find_entry (self, project_id)) >= 0)
    {
      g_array_remove_index (self->entries, index);
      removed = TRUE;
    }
  return removed;
}

void
pb_ballot_choices_clear (PbBallotChoices *self)
{
  g_return_if_fail (self != NULL);
  g_array_set_size (self->entries, 0);
}

gboolean
pb_ballot_choices_contains (const PbBallotChoices *self,
                            gint64                 project_id)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return find_entry (self, project_id) >= 0;
}

guint
pb_ballot_choices_get_points_for (const PbBallotChoices *self,
                                  gint64                 project_id)
{
  int index;

  g_return_val_if_fail (self != NULL, 0);
  index = find_entry (self, project_id);
  return index < 0 ? 0 : g_array_index (self->entries, Entry, index).points;
}

gboolean
pb_ballot_choices_move (PbBallotChoices *self,
                        gint64           project_id,
                        guint            rank)
{
  int index;
  Entry entry;

  g_return_val_if_fail (self != NULL, FALSE);
  index = find_entry (self, project_id);
  if (index < 0)
    return FALSE;
  entry = g_array_index (self->entries, Entry, index);
  g_array_remove_index (self->entries, index);
  rank = MIN (rank, self->entries->len);
  g_array_insert_val (self->entries, rank, entry);
  return TRUE;
}

guint
pb_ballot_choices_get_n_entries (const PbBallotChoices *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->entries->len;
}

gint64
pb_ballot_choices_get_project (const PbBallotChoices *self,
                               guint                  index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->entries->len, 0);
  return g_array_index (self->entries, Entry, index).project;
}

guint
pb_ballot_choices_get_points (const PbBallotChoices *self,
                              guint                  index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->entries->len, 0);
  return g_array_index (self->entries, Entry, index).points;
}

guint
pb_ballot_choices_get_total_points (const PbBallotChoices *self)
{
  guint total = 0;

  g_return_val_if_fail (self != NULL, 0);
  for (guint i = 0; i < self->entries->len; i++)
    total += g_array_index (self->entries, Entry, i).points;
  return total;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = a, *eb = b;

  return ea->project < eb->project ? -1 : ea->project > eb->project;
}

char *
pb_ballot_choices_to_string (const PbBallotChoices *self)
{
  g_autoptr(GArray) entries = NULL;
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  entries = g_array_copy (self->entries);
  /* Sets are written sorted so that equal ballots have equal texts; a
   * ranking keeps its order, which is its meaning. */
  if (self->format != PB_BALLOT_FORMAT_RANKING)
    g_array_sort (entries, compare_entries);

  out = g_string_sized_new (entries->len * 6);
  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *e = &g_array_index (entries, Entry, i);

      if (i > 0)
        g_string_append_c (out, ',');
      if (self->format == PB_BALLOT_FORMAT_CUMULATIVE)
        g_string_append_printf (out, "%" G_GINT64_FORMAT ":%u", e->project, e->points);
      else
        g_string_append_printf (out, "%" G_GINT64_FORMAT, e->project);
    }
  return g_string_free (out, FALSE);
}

PbBallotChoices *
pb_ballot_choices_from_string (PbBallotFormat  format,
                               const char     *text)
{
  g_autoptr(PbBallotChoices) self = NULL;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  self = pb_ballot_choices_new (format);
  p = text;
  while (*p != '\0')
    {
      char *end;
      gint64 project;
      guint64 points = 1;

      if (!g_ascii_isdigit (*p))
        return NULL;
      project = g_ascii_strtoll (p, &end, 10);
      p = end;
      if (format == PB_BALLOT_FORMAT_CUMULATIVE)
        {
          if (*p != ':' || !g_ascii_isdigit (p[1]))
            return NULL;
          points = g_ascii_strtoull (p + 1, &end, 10);
          if (points > G_MAXUINT)
            return NULL;
          p = end;
        }
      pb_ballot_choices_add (self, project, (guint) points);
      if (*p == ',')
        {
          p++;
          if (*p == '\0')
            return NULL;
        }
      else if (*p != '\0')
        return NULL;
    }
  return g_steal_pointer (&self);
}

gboolean
pb_ballot_choices_equal (const PbBallotChoices *a,
                         const PbBallotChoices *b)
{
  g_autofree char *ta = NULL;
  g_autofree char *tb = NULL;

  if (a == NULL || b == NULL)
    return a == b;
  if (a->format != b->format)
    return FALSE;
  ta = pb_ballot_choices_to_string (a);
  tb = pb_ballot_choices_to_string (b);
  return strcmp (ta, tb) == 0;
}

/* ---- PbBallot ----------------------------------------------------------- */

struct _PbBallot {
  GObject           parent_instance;
  char             *uuid;
  gint64            process_id;
  char             *kiosk_id;
  PbBallotMethod    method;
  GDateTime        *cast_time;
  PbBallotChoices  *choices;
  char             *receipt;
};

enum {
  PROP_0,
  PROP_UUID,
  PROP_PROCESS_ID,
  PROP_KIOSK_ID,
  PROP_METHOD,
  PROP_CAST_TIME,
  PROP_CHOICES,
  PROP_RECEIPT,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PbBallot, pb_ballot, G_TYPE_OBJECT)

static void
pb_ballot_finalize (GObject *object)
{
  PbBallot *self = PB_BALLOT (object);

  g_free (self->uuid);
  g_free (self->kiosk_id);
  g_clear_pointer (&self->cast_time, g_date_time_unref);
  g_clear_pointer (&self->choices, pb_ballot_choices_unref);
  g_free (self->receipt);
  G_OBJECT_CLASS (pb_ballot_parent_class)->finalize (object);
}

static void
pb_ballot_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PbBallot *self = PB_BALLOT (object);

  switch (prop_id)
    {
    case PROP_UUID: g_value_set_string (value, self->uuid); break;
    case PROP_PROCESS_ID: g_value_set_int64 (value, self->process_id); break;
    case PROP_KIOSK_ID: g_value_set_string (value, self->kiosk_id); break;
    case PROP_METHOD: g_value_set_enum (value, self->method); break;
    case PROP_CAST_TIME: g_value_set_boxed (value, self->cast_time); break;
    case PROP_CHOICES: g_value_set_boxed (value, self->choices); break;
    case PROP_RECEIPT: g_value_set_string (value, self->receipt); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_ballot_class_init (PbBallotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  GParamSpec *props[N_PROPS] = { NULL, };

  object_class->finalize = pb_ballot_finalize;
  object_class->get_property = pb_ballot_get_property;
  props[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, flags);
  props[PROP_PROCESS_ID] = g_param_spec_int64 ("process-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  props[PROP_KIOSK_ID] = g_param_spec_string ("kiosk-id", NULL, NULL, NULL, flags);
  props[PROP_METHOD] = g_param_spec_enum ("method", NULL, NULL, PB_TYPE_BALLOT_METHOD,
                                          PB_BALLOT_METHOD_KIOSK, flags);
  props[PROP_CAST_TIME] = g_param_spec_boxed ("cast-time", NULL, NULL, G_TYPE_DATE_TIME, flags);
  props[PROP_CHOICES] = g_param_spec_boxed ("choices", NULL, NULL, PB_TYPE_BALLOT_CHOICES, flags);
  props[PROP_RECEIPT] = g_param_spec_string ("receipt", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
pb_ballot_init (PbBallot *self)
{
}

PbBallot *
pb_ballot_new_internal (const char      *uuid,
                        gint64           process_id,
                        const char      *kiosk_id,
                        PbBallotMethod   method,
                        gint64           cast_time,
                        PbBallotChoices *choices,
                        const char      *receipt)
{
  PbBallot *self = g_object_new (PB_TYPE_BALLOT, NULL);

  self->uuid = g_strdup (uuid);
  self->process_id = process_id;
  self->kiosk_id = g_strdup (kiosk_id);
  self->method = method;
  self->cast_time = pb_date_time_new_from_usec (cast_time);
  self->choices = pb_ballot_choices_ref (choices);
  self->receipt = g_strdup (receipt);
  return self;
}

const char *
pb_ballot_get_uuid (PbBallot *self)
{
  g_return_val_if_fail (PB_IS_BALLOT (self), NULL);
  return self->uuid;
}

gint64
pb_ballot_get_process_id (PbBallot *self)
{
  g_return_val_if_fail (PB_IS_BALLOT (self), 0);
  return self->process_id;
}

const char *
pb_ballot_get_kiosk_id (PbBallot *self)
{
  g_return_val_if_fail (PB_IS_BALLOT (self), NULL);
  return self->kiosk_id;
}

PbBallotMethod
pb_ballot_get_method (PbBallot *self)
{
  g_return_val_if_fail (PB_IS_BALLOT (self), PB_BALLOT_METHOD_KIOSK);
  return self->method;
}

GDateTime *
pb_ballot_get_cast_time (PbBallot *self)
{
  g_return_val_if_fail (PB_IS_BALLOT (self), NULL);
  return self->cast_time;
}

PbBallotChoices *
pb_ballot_get_choices (PbBallot *self)
{
  g_return_val_if_fail (PB_IS_BALLOT (self), NULL);
  return self->choices;
}

const char *
pb_ballot_get_receipt (PbBallot *self)
{
  g_return_val_if_fail (PB_IS_BALLOT (self), NULL);
  return self->receipt;
}
