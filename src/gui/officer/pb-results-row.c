/* pb-results-row.c: one project in the Results page's tables. */

#include "pb-config.h"

#include "pb-results-row.h"

struct _PbResultsRow
{
  GObject   parent_instance;

  guint     index;
  char     *title;
  mpq_t     cost;
  char     *cost_text;
  guint     supporters;
  gboolean  funded;
  guint     position;
  char     *explanation;
  gboolean  other_funded;
};

G_DEFINE_FINAL_TYPE (PbResultsRow, pb_results_row, G_TYPE_OBJECT)

static void
pb_results_row_finalize (GObject *object)
{
  PbResultsRow *self = PB_RESULTS_ROW (object);

  g_free (self->title);
  g_free (self->cost_text);
  g_free (self->explanation);
  mpq_clear (self->cost);

  G_OBJECT_CLASS (pb_results_row_parent_class)->finalize (object);
}

static void
pb_results_row_class_init (PbResultsRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_results_row_finalize;
}

static void
pb_results_row_init (PbResultsRow *self)
{
  mpq_init (self->cost);
}

PbResultsRow *
pb_results_row_new (guint        index,
                    const char  *title,
                    const mpq_t  cost,
                    const char  *cost_text,
                    guint        supporters,
                    gboolean     funded,
                    guint        position,
                    const char  *explanation)
{
  PbResultsRow *self = g_object_new (PB_TYPE_RESULTS_ROW, NULL);

  self->index = index;
  self->title = g_strdup (title);
  mpq_set (self->cost, cost);
  self->cost_text = g_strdup (cost_text);
  self->supporters = supporters;
  self->funded = funded;
  self->position = position;
  self->explanation = g_strdup (explanation);
  return self;
}

void
pb_results_row_set_other (PbResultsRow *self,
                          gboolean      funded)
{
  g_return_if_fail (PB_IS_RESULTS_ROW (self));

  self->other_funded = funded;
}

guint
pb_results_row_get_index (PbResultsRow *self)
{
  g_return_val_if_fail (PB_IS_RESULTS_ROW (self), 0);
  return self->index;
}

const char *
pb_results_row_get_title (PbResultsRow *self)
{
  g_return_val_if_fail (PB_IS_RESULTS_ROW (self), NULL);
  return self->title;
}

const char *
pb_results_row_get_cost_text (PbResultsRow *self)
{
  g_return_val_if_fail (PB_IS_RESULTS_ROW (self), NULL);
  return self->cost_text;
}

int
pb_results_row_compare_cost (PbResultsRow *a,
                             PbResultsRow *b)
{
  int c = mpq_cmp (a->cost, b->cost);

  return (c > 0) - (c < 0);
}

guint
pb_results_row_get_supporters (PbResultsRow *self)
{
  g_return_val_if_fail (PB_IS_RESULTS_ROW (self), 0);
  return self->supporters;
}

gboolean
pb_results_row_get_funded (PbResultsRow *self)
{
  g_return_val_if_fail (PB_IS_RESULTS_ROW (self), FALSE);
  return self->funded;
}

guint
pb_results_row_get_position (PbResultsRow *self)
{
  g_return_val_if_fail (PB_IS_RESULTS_ROW (self), 0);
  return self->position;
}

const char *
pb_results_row_get_explanation (PbResultsRow *self)
{
  g_return_val_if_fail (PB_IS_RESULTS_ROW (self), NULL);
  return self->explanation;
}

gboolean
pb_results_row_get_other_funded (PbResultsRow *self)
{
  g_return_val_if_fail (PB_IS_RESULTS_ROW (self), FALSE);
  return self->other_funded;
}

PbResultsDifference
pb_results_row_get_difference (PbResultsRow *self)
{
  g_return_val_if_fail (PB_IS_RESULTS_ROW (self), PB_RESULTS_DIFFERENCE_NEITHER);

  if (self->funded && self->other_funded)
    return PB_RESULTS_DIFFERENCE_BOTH;
  if (self->funded)
    return PB_RESULTS_DIFFERENCE_ONLY_A;
  if (self->other_funded)
    return PB_RESULTS_DIFFERENCE_ONLY_B;
  return PB_RESULTS_DIFFERENCE_NEITHER;
}
