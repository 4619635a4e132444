/* pb-paper.c: a batch of paper ballots entered twice, and one place where
 * the two entries differ. */

#include "pb-config.h"

#include "pb-store-private.h"

struct _PbPaperBatch {
  GObject    parent_instance;
  gint64     id;
  gint64     process_id;
  char      *label;
  guint      ballot_count;
  guint      entry_count[2];
  char      *officer[2];
  gboolean   committed;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_PROCESS_ID,
  PROP_LABEL,
  PROP_BALLOT_COUNT,
  PROP_ENTRY1_COUNT,
  PROP_ENTRY2_COUNT,
  PROP_ENTRY1_OFFICER,
  PROP_ENTRY2_OFFICER,
  PROP_COMMITTED,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PbPaperBatch, pb_paper_batch, G_TYPE_OBJECT)

static void
pb_paper_batch_finalize (GObject *object)
{
  PbPaperBatch *self = PB_PAPER_BATCH (object);

  g_free (self->label);
  g_free (self->officer[0]);
  g_free (self->officer[1]);
  G_OBJECT_CLASS (pb_paper_batch_parent_class)->finalize (object);
}

static void
pb_paper_batch_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PbPaperBatch *self = PB_PAPER_BATCH (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_PROCESS_ID: g_value_set_int64 (value, self->process_id); break;
    case PROP_LABEL: g_value_set_string (value, self->label); break;
    case PROP_BALLOT_COUNT: g_value_set_uint (value, self->ballot_count); break;
    case PROP_ENTRY1_COUNT: g_value_set_uint (value, self->entry_count[0]); break;
    case PROP_ENTRY2_COUNT: g_value_set_uint (value, self->entry_count[1]); break;
    case PROP_ENTRY1_OFFICER: g_value_set_string (value, self->officer[0]); break;
    case PROP_ENTRY2_OFFICER: g_value_set_string (value, self->officer[1]); break;
    case PROP_COMMITTED: g_value_set_boolean (value, self->committed); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_paper_batch_class_init (PbPaperBatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  GParamSpec *props[N_PROPS] = { NULL, };

  object_class->finalize = pb_paper_batch_finalize;
  object_class->get_property = pb_paper_batch_get_property;
  props[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  props[PROP_PROCESS_ID] = g_param_spec_int64 ("process-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  props[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, flags);
  props[PROP_BALLOT_COUNT] = g_param_spec_uint ("ballot-count", NULL, NULL, 0, G_MAXUINT, 0, flags);
  props[PROP_ENTRY1_COUNT] = g_param_spec_uint ("entry1-count", NULL, NULL, 0, G_MAXUINT, 0, flags);
  props[PROP_ENTRY2_COUNT] = g_param_spec_uint ("entry2-count", NULL, NULL, 0, G_MAXUINT, 0, flags);
  props[PROP_ENTRY1_OFFICER] = g_param_spec_string ("entry1-officer", NULL, NULL, NULL, flags);
  props[PROP_ENTRY2_OFFICER] = g_param_spec_string ("entry2-officer", NULL, NULL, NULL, flags);
  props[PROP_COMMITTED] = g_param_spec_boolean ("committed", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
pb_paper_batch_init (PbPaperBatch *self)
{
}

PbPaperBatch *
pb_paper_batch_new_internal (gint64      id,
                             gint64      process_id,
                             const char *label,
                             guint       ballot_count,
                             guint       entry1_count,
                             guint       entry2_count,
                             const char *officer1,
                             const char *officer2,
                             gboolean    committed)
{
  PbPaperBatch *self = g_object_new (PB_TYPE_PAPER_BATCH, NULL);

  self->id = id;
  self->process_id = process_id;
  self->label = g_strdup (label);
  self->ballot_count = ballot_count;
  self->entry_count[0] = entry1_count;
  self->entry_count[1] = entry2_count;
  self->officer[0] = g_strdup (officer1 ? officer1 : "");
  self->officer[1] = g_strdup (officer2 ? officer2 : "");
  self->committed = committed;
  return self;
}

gint64
pb_paper_batch_get_id (PbPaperBatch *self)
{
  g_return_val_if_fail (PB_IS_PAPER_BATCH (self), 0);
  return self->id;
}

gint64
pb_paper_batch_get_process_id (PbPaperBatch *self)
{
  g_return_val_if_fail (PB_IS_PAPER_BATCH (self), 0);
  return self->process_id;
}

const char *
pb_paper_batch_get_label (PbPaperBatch *self)
{
  g_return_val_if_fail (PB_IS_PAPER_BATCH (self), NULL);
  return self->label;
}

guint
pb_paper_batch_get_ballot_count (PbPaperBatch *self)
{
  g_return_val_if_fail (PB_IS_PAPER_BATCH (self), 0);
  return self->ballot_count;
}

/* @entry is 1 or 2. */
guint
pb_paper_batch_get_entry_count (PbPaperBatch *self,
                                guint         entry)
{
  g_return_val_if_fail (PB_IS_PAPER_BATCH (self), 0);
  g_return_val_if_fail (entry == 1 || entry == 2, 0);
  return self->entry_count[entry - 1];
}

const char *
pb_paper_batch_get_officer (PbPaperBatch *self,
                            guint         entry)
{
  g_return_val_if_fail (PB_IS_PAPER_BATCH (self), NULL);
  g_return_val_if_fail (entry == 1 || entry == 2, NULL);
  return self->officer[entry - 1];
}

gboolean
pb_paper_batch_get_committed (PbPaperBatch *self)
{
  g_return_val_if_fail (PB_IS_PAPER_BATCH (self), FALSE);
  return self->committed;
}

/* ---- PbPaperDifference -------------------------------------------------- */

struct _PbPaperDifference {
  GObject           parent_instance;
  guint             number;
  PbBallotChoices  *entry[2];
};

enum {
  DIFF_PROP_0,
  DIFF_PROP_NUMBER,
  DIFF_PROP_ENTRY1,
  DIFF_PROP_ENTRY2,
  DIFF_N_PROPS
};

G_DEFINE_FINAL_TYPE (PbPaperDifference, pb_paper_difference, G_TYPE_OBJECT)

static void
pb_paper_difference_finalize (GObject *object)
{
  PbPaperDifference *self = PB_PAPER_DIFFERENCE (object);

  g_clear_pointer (&self->entry[0], pb_ballot_choices_unref);
  g_clear_pointer (&self->entry[1], pb_ballot_choices_unref);
  G_OBJECT_CLASS (pb_paper_difference_parent_class)->finalize (object);
}

static void
pb_paper_difference_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PbPaperDifference *self = PB_PAPER_DIFFERENCE (object);

  switch (prop_id)
    {
    case DIFF_PROP_NUMBER: g_value_set_uint (value, self->number); break;
    case DIFF_PROP_ENTRY1: g_value_set_boxed (value, self->entry[0]); break;
    case DIFF_PROP_ENTRY2: g_value_set_boxed (value, self->entry[1]); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_paper_difference_class_init (PbPaperDifferenceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  GParamSpec *props[DIFF_N_PROPS] = { NULL, };

  object_class->finalize = pb_paper_difference_finalize;
  object_class->get_property = pb_paper_difference_get_property;
  props[DIFF_PROP_NUMBER] = g_param_spec_uint ("number", NULL, NULL, 0, G_MAXUINT, 0, flags);
  props[DIFF_PROP_ENTRY1] = g_param_spec_boxed ("entry1", NULL, NULL, PB_TYPE_BALLOT_CHOICES, flags);
  props[DIFF_PROP_ENTRY2] = g_param_spec_boxed ("entry2", NULL, NULL, PB_TYPE_BALLOT_CHOICES, flags);
  g_object_class_install_properties (object_class, DIFF_N_PROPS, props);
}

static void
pb_paper_difference_init (PbPaperDifference *self)
{
}

PbPaperDifference *
pb_paper_difference_new_internal (guint            number,
                                  PbBallotChoices *entry1,
                                  PbBallotChoices *entry2)
{
  PbPaperDifference *self = g_object_new (PB_TYPE_PAPER_DIFFERENCE, NULL);

  self->number = number;
  self->entry[0] = entry1 ? pb_ballot_choices_ref (entry1) : NULL;
  self->entry[1] = entry2 ? pb_ballot_choices_ref (entry2) : NULL;
  return self;
}

guint
pb_paper_difference_get_number (PbPaperDifference *self)
{
  g_return_val_if_fail (PB_IS_PAPER_DIFFERENCE (self), 0);
  return self->number;
}

PbBallotChoices *
pb_paper_difference_get_entry (PbPaperDifference *self,
                               guint              entry)
{
  g_return_val_if_fail (PB_IS_PAPER_DIFFERENCE (self), NULL);
  g_return_val_if_fail (entry == 1 || entry == 2, NULL);
  return self->entry[entry - 1];
}

void
pb_paper_batch_refresh_internal (PbPaperBatch *self,
                                 guint         entry1_count,
                                 guint         entry2_count,
                                 const char   *officer1,
                                 const char   *officer2,
                                 gboolean      committed)
{
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);
  if (self->entry_count[0] != entry1_count)
    {
      self->entry_count[0] = entry1_count;
      g_object_notify (object, "entry1-count");
    }
  if (self->entry_count[1] != entry2_count)
    {
      self->entry_count[1] = entry2_count;
      g_object_notify (object, "entry2-count");
    }
  if (g_strcmp0 (self->officer[0], officer1) != 0)
    {
      g_free (self->officer[0]);
      self->officer[0] = g_strdup (officer1 ? officer1 : "");
      g_object_notify (object, "entry1-officer");
    }
  if (g_strcmp0 (self->officer[1], officer2) != 0)
    {
      g_free (self->officer[1]);
      self->officer[1] = g_strdup (officer2 ? officer2 : "");
      g_object_notify (object, "entry2-officer");
    }
  if (self->committed != committed)
    {
      self->committed = committed;
      g_object_notify (object, "committed");
    }
  g_object_thaw_notify (object);
}
