/* pb-workshop.c: the workshop snapshot, its stages and its JSON record. */

#include "pb-config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pb-assessment.h"
#include "pb-workshop-private.h"

G_DEFINE_QUARK (pb-workshop-error-quark, pb_workshop_error)

struct _PbWorkshop {
  GObject          parent_instance;
  gint64           id;
  gint64           process_id;
  PbWorkshopStage  stage;
  gboolean         use_warm_up;
  gboolean         use_criteria;
  guint            dots_per_participant;
  gint64           timer_started;
  gint64           timer_elapsed;
  guint            timer_extended;
  guint            explain_index;
  gint64           drawn_question_id;
  gint64           created;
  guint            lengths[PB_WORKSHOP_STAGE_LAST + 1];
  GPtrArray       *questions;
  GPtrArray       *criteria;
  GPtrArray       *participants;
  GPtrArray       *ideas;
  GPtrArray       *groups;
  GPtrArray       *promotions;
  GHashTable      *dots;            /* "participant:idea" → count */
};

G_DEFINE_FINAL_TYPE (PbWorkshop, pb_workshop, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const stage_names[] = {
  "warm-up", "criteria", "own", "pair", "explain", "rank", "arrange",
};

G_STATIC_ASSERT (G_N_ELEMENTS (stage_names) == PB_WORKSHOP_STAGE_LAST + 1);

/* The starter set of the key jar. */
static const char * const starter_questions[] = {
  N_("What gets you out of bed in the morning?"),
  N_("What would make this street better for your neighbours?"),
  N_("Where in the neighbourhood do you feel most at home?"),
  N_("What did you love doing here as a child?"),
  N_("Who would you like to meet more often, and where?"),
  N_("What is missing on your way to work or school?"),
  N_("What small thing would make you smile every day?"),
  N_("What would you show a visitor first?"),
  NULL
};

const char * const *
pb_workshop_get_starter_questions (void)
{
  return starter_questions;
}

const char *
pb_workshop_stage_to_string (PbWorkshopStage stage)
{
  g_return_val_if_fail (stage <= PB_WORKSHOP_STAGE_LAST, "");
  return stage_names[stage];
}

gboolean
pb_workshop_stage_from_string (const char      *name,
                               PbWorkshopStage *out)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (stage_names); i++)
    if (strcmp (name, stage_names[i]) == 0)
      {
        *out = (PbWorkshopStage) i;
        return TRUE;
      }
  return FALSE;
}

const char *
pb_workshop_stage_get_label (PbWorkshopStage stage)
{
  switch (stage)
    {
    case PB_WORKSHOP_STAGE_WARM_UP: return C_("workshop stage", "Warm-up");
    case PB_WORKSHOP_STAGE_CRITERIA: return C_("workshop stage", "Criteria");
    case PB_WORKSHOP_STAGE_OWN: return C_("workshop stage", "Own");
    case PB_WORKSHOP_STAGE_PAIR: return C_("workshop stage", "Pair");
    case PB_WORKSHOP_STAGE_EXPLAIN: return C_("workshop stage", "Explain");
    case PB_WORKSHOP_STAGE_RANK: return C_("workshop stage", "Rank");
    case PB_WORKSHOP_STAGE_ARRANGE: return C_("workshop stage", "Arrange");
    default: return "";
    }
}

const char *
pb_workshop_stage_get_prompt (PbWorkshopStage stage)
{
  switch (stage)
    {
    case PB_WORKSHOP_STAGE_WARM_UP: return _("Draw a question from the key jar and talk about it.");
    case PB_WORKSHOP_STAGE_CRITERIA: return _("What should a good project do? Agree a short list.");
    case PB_WORKSHOP_STAGE_OWN: return _("What would good look like? Write your own ideas.");
    case PB_WORKSHOP_STAGE_PAIR: return _("In pairs, pick your best ideas; you may merge two into one.");
    case PB_WORKSHOP_STAGE_EXPLAIN: return _("One idea at a time, the pair explains it to the room.");
    case PB_WORKSHOP_STAGE_RANK: return _("Place your dots on the ideas you like best.");
    case PB_WORKSHOP_STAGE_ARRANGE: return _("Arrange similar ideas into named groups.");
    default: return "";
    }
}

guint
pb_workshop_stage_get_default_length (PbWorkshopStage stage)
{
  switch (stage)
    {
    case PB_WORKSHOP_STAGE_WARM_UP: return 10 * 60;
    case PB_WORKSHOP_STAGE_CRITERIA: return 10 * 60;
    case PB_WORKSHOP_STAGE_OWN: return 5 * 60;
    case PB_WORKSHOP_STAGE_PAIR: return 10 * 60;
    case PB_WORKSHOP_STAGE_EXPLAIN: return 2 * 60;   /* per idea */
    case PB_WORKSHOP_STAGE_RANK: return 5 * 60;
    case PB_WORKSHOP_STAGE_ARRANGE: return 15 * 60;
    default: return 5 * 60;
    }
}

static void
question_free (gpointer data)
{
  PbWorkshopQuestion *q = data;

  g_free (q->text);
  g_free (q);
}

static void
criterion_free (gpointer data)
{
  PbWorkshopCriterion *c = data;

  g_free (c->text);
  g_free (c);
}

static void
participant_free (gpointer data)
{
  PbWorkshopParticipant *p = data;

  g_free (p->name);
  g_free (p);
}

static void
idea_free (gpointer data)
{
  PbWorkshopIdea *idea = data;

  g_free (idea->text);
  g_free (idea);
}

static void
group_free (gpointer data)
{
  PbWorkshopGroup *g = data;

  g_free (g->name);
  g_free (g);
}

static void
promotion_free (gpointer data)
{
  PbWorkshopPromotion *p = data;

  g_free (p->origin);
  g_free (p);
}

static void
pb_workshop_finalize (GObject *object)
{
  PbWorkshop *self = PB_WORKSHOP (object);

  g_clear_pointer (&self->questions, g_ptr_array_unref);
  g_clear_pointer (&self->criteria, g_ptr_array_unref);
  g_clear_pointer (&self->participants, g_ptr_array_unref);
  g_clear_pointer (&self->ideas, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->promotions, g_ptr_array_unref);
  g_clear_pointer (&self->dots, g_hash_table_unref);
  G_OBJECT_CLASS (pb_workshop_parent_class)->finalize (object);
}

static void
pb_workshop_class_init (PbWorkshopClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_workshop_finalize;

  /**
   * PbWorkshop::changed:
   *
   * The snapshot was reloaded after a change: every row pointer taken
   * before is invalid.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                          NULL, G_TYPE_NONE, 0);
}

static void
pb_workshop_init (PbWorkshop *self)
{
  self->questions = g_ptr_array_new_with_free_func (question_free);
  self->criteria = g_ptr_array_new_with_free_func (criterion_free);
  self->participants = g_ptr_array_new_with_free_func (participant_free);
  self->ideas = g_ptr_array_new_with_free_func (idea_free);
  self->groups = g_ptr_array_new_with_free_func (group_free);
  self->promotions = g_ptr_array_new_with_free_func (promotion_free);
  self->dots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->dots_per_participant = 3;
  for (guint i = 0; i <= PB_WORKSHOP_STAGE_LAST; i++)
    self->lengths[i] = pb_workshop_stage_get_default_length (i);
}

PbWorkshop *
pb_workshop_new_internal (gint64 id,
                          gint64 process_id)
{
  PbWorkshop *self = g_object_new (PB_TYPE_WORKSHOP, NULL);

  self->id = id;
  self->process_id = process_id;
  return self;
}

/* ---- Loading ------------------------------------------------------------ */

static const char *
text_column (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text ? text : "";
}

/* Runs @sql bound to the workshop id and calls @row for each result. */
typedef void (*RowFunc) (PbWorkshop *self, sqlite3_stmt *stmt, gpointer data);

static gboolean
for_each_row (PbWorkshop  *self,
              PbStore     *store,
              const char  *sql,
              RowFunc      row,
              gpointer     data,
              GError     **error)
{
  sqlite3_stmt *stmt = pb_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    row (self, stmt, data);
  if (rc != SQLITE_DONE)
    {
      pb_store_set_sqlite_error (store, rc, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

typedef struct {
  PbWorkshopStage  stage;
  gboolean         use_warm_up, use_criteria;
  guint            dots_per_participant;
  gint64           timer_started, timer_elapsed;
  guint            timer_extended, explain_index;
  gint64           drawn_question_id, created;
  gboolean         found;
} Head;

static void
read_head (PbWorkshop   *self,
           sqlite3_stmt *stmt,
           gpointer      data)
{
  Head *h = data;

  if (!pb_workshop_stage_from_string (text_column (stmt, 0), &h->stage))
    h->stage = PB_WORKSHOP_STAGE_OWN;
  h->use_warm_up = sqlite3_column_int (stmt, 1) != 0;
  h->use_criteria = sqlite3_column_int (stmt, 2) != 0;
  h->dots_per_participant = (guint) sqlite3_column_int (stmt, 3);
  h->timer_started = sqlite3_column_int64 (stmt, 4);
  h->timer_elapsed = sqlite3_column_int64 (stmt, 5);
  h->timer_extended = (guint) sqlite3_column_int (stmt, 6);
  h->explain_index = (guint) sqlite3_column_int (stmt, 7);
  h->drawn_question_id = sqlite3_column_int64 (stmt, 8);
  h->created = sqlite3_column_int64 (stmt, 9);
  h->found = TRUE;
}

static void
read_length (PbWorkshop   *self,
             sqlite3_stmt *stmt,
             gpointer      data)
{
  guint *lengths = data;
  PbWorkshopStage stage;

  if (pb_workshop_stage_from_string (text_column (stmt, 0), &stage))
    lengths[stage] = (guint) sqlite3_column_int (stmt, 1);
}

static void
read_question (PbWorkshop   *self,
               sqlite3_stmt *stmt,
               gpointer      data)
{
  PbWorkshopQuestion *q = g_new0 (PbWorkshopQuestion, 1);

  q->id = sqlite3_column_int64 (stmt, 0);
  q->text = g_strdup (text_column (stmt, 1));
  q->drawn = sqlite3_column_int (stmt, 2) != 0;
  g_ptr_array_add (data, q);
}

static void
read_criterion (PbWorkshop   *self,
                sqlite3_stmt *stmt,
                gpointer      data)
{
  PbWorkshopCriterion *c = g_new0 (PbWorkshopCriterion, 1);

  c->id = sqlite3_column_int64 (stmt, 0);
  c->text = g_strdup (text_column (stmt, 1));
  g_ptr_array_add (data, c);
}

static void
read_participant (PbWorkshop   *self,
                  sqlite3_stmt *stmt,
                  gpointer      data)
{
  PbWorkshopParticipant *p = g_new0 (PbWorkshopParticipant, 1);

  p->id = sqlite3_column_int64 (stmt, 0);
  p->name = g_strdup (text_column (stmt, 1));
  p->pair = (guint) sqlite3_column_int (stmt, 2);
  p->dots_used = (guint) sqlite3_column_int (stmt, 3);
  g_ptr_array_add (data, p);
}

static void
read_idea (PbWorkshop   *self,
           sqlite3_stmt *stmt,
           gpointer      data)
{
  PbWorkshopIdea *idea = g_new0 (PbWorkshopIdea, 1);

  idea->id = sqlite3_column_int64 (stmt, 0);
  idea->participant_id = sqlite3_column_int64 (stmt, 1);
  idea->text = g_strdup (text_column (stmt, 2));
  idea->origin = g_str_equal (text_column (stmt, 3), "merge") ? PB_WORKSHOP_ORIGIN_MERGE : PB_WORKSHOP_ORIGIN_OWN;
  idea->pair = (guint) sqlite3_column_int (stmt, 4);
  idea->merged_a = sqlite3_column_int64 (stmt, 5);
  idea->merged_b = sqlite3_column_int64 (stmt, 6);
  idea->merged_into = sqlite3_column_int64 (stmt, 7);
  idea->picked = sqlite3_column_int (stmt, 8) != 0;
  idea->explain_position = sqlite3_column_int (stmt, 9);
  idea->group_id = sqlite3_column_int64 (stmt, 10);
  idea->dots = (guint) sqlite3_column_int (stmt, 11);
  idea->project_id = sqlite3_column_int64 (stmt, 12);
  g_ptr_array_add (data, idea);
}

static void
read_group (PbWorkshop   *self,
            sqlite3_stmt *stmt,
            gpointer      data)
{
  PbWorkshopGroup *g = g_new0 (PbWorkshopGroup, 1);

  g->id = sqlite3_column_int64 (stmt, 0);
  g->name = g_strdup (text_column (stmt, 1));
  g->dots = (guint) sqlite3_column_int (stmt, 2);
  g->project_id = sqlite3_column_int64 (stmt, 3);
  g_ptr_array_add (data, g);
}

static void
read_promotion (PbWorkshop   *self,
                sqlite3_stmt *stmt,
                gpointer      data)
{
  PbWorkshopPromotion *p = g_new0 (PbWorkshopPromotion, 1);

  p->id = sqlite3_column_int64 (stmt, 0);
  p->project_id = sqlite3_column_int64 (stmt, 1);
  p->idea_id = sqlite3_column_int64 (stmt, 2);
  p->group_id = sqlite3_column_int64 (stmt, 3);
  p->dots = (guint) sqlite3_column_int (stmt, 4);
  p->origin = g_strdup (text_column (stmt, 5));
  p->time = sqlite3_column_int64 (stmt, 6);
  g_ptr_array_add (data, p);
}

static void
read_dot (PbWorkshop   *self,
          sqlite3_stmt *stmt,
          gpointer      data)
{
  GHashTable *dots = data;

  g_hash_table_insert (dots, g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                              (gint64) sqlite3_column_int64 (stmt, 0),
                                              (gint64) sqlite3_column_int64 (stmt, 1)),
                       GINT_TO_POINTER (sqlite3_column_int (stmt, 2)));
}

gboolean
pb_workshop_load_internal (PbWorkshop  *self,
                           PbStore     *store,
                           GError     **error)
{
  Head head = { 0, };
  guint lengths[PB_WORKSHOP_STAGE_LAST + 1];
  g_autoptr(GPtrArray) questions = g_ptr_array_new_with_free_func (question_free);
  g_autoptr(GPtrArray) criteria = g_ptr_array_new_with_free_func (criterion_free);
  g_autoptr(GPtrArray) participants = g_ptr_array_new_with_free_func (participant_free);
  g_autoptr(GPtrArray) ideas = g_ptr_array_new_with_free_func (idea_free);
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (group_free);
  g_autoptr(GPtrArray) promotions = g_ptr_array_new_with_free_func (promotion_free);
  g_autoptr(GHashTable) dots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i <= PB_WORKSHOP_STAGE_LAST; i++)
    lengths[i] = pb_workshop_stage_get_default_length (i);

  if (!for_each_row (self, store,
                     "SELECT stage, use_warm_up, use_criteria, dots_per_participant, timer_started, timer_elapsed,"
                     " timer_extended, explain_index, drawn_question_id, created FROM workshops WHERE id = ?1;",
                     read_head, &head, error)
      || !for_each_row (self, store, "SELECT stage, seconds FROM workshop_stage_lengths WHERE workshop_id = ?1;",
                        read_length, lengths, error)
      || !for_each_row (self, store, "SELECT id, text, drawn FROM workshop_questions WHERE workshop_id = ?1"
                        " ORDER BY position, id;", read_question, questions, error)
      || !for_each_row (self, store, "SELECT id, text FROM workshop_criteria WHERE workshop_id = ?1"
                        " ORDER BY position, id;", read_criterion, criteria, error)
      || !for_each_row (self, store,
                        "SELECT p.id, p.name, p.pair,"
                        " (SELECT coalesce (sum (d.count), 0) FROM workshop_dots d WHERE d.participant_id = p.id)"
                        " FROM workshop_participants p WHERE p.workshop_id = ?1 ORDER BY p.position, p.id;",
                        read_participant, participants, error)
      || !for_each_row (self, store,
                        "SELECT i.id, coalesce (i.participant_id, 0), i.text, i.origin,"
                        " CASE WHEN i.participant_id IS NULL THEN i.pair"
                        "  ELSE (SELECT p.pair FROM workshop_participants p WHERE p.id = i.participant_id) END,"
                        " i.merged_a, i.merged_b, i.merged_into, i.picked, i.explain_position,"
                        " coalesce (i.group_id, 0),"
                        " (SELECT coalesce (sum (d.count), 0) FROM workshop_dots d WHERE d.idea_id = i.id),"
                        " coalesce ((SELECT w.project_id FROM workshop_promotions w WHERE w.idea_id = i.id"
                        "  AND w.project_id IS NOT NULL), 0)"
                        " FROM workshop_ideas i WHERE i.workshop_id = ?1 ORDER BY i.id;",
                        read_idea, ideas, error)
      || !for_each_row (self, store,
                        "SELECT g.id, g.name,"
                        " (SELECT coalesce (sum (d.count), 0) FROM workshop_dots d JOIN workshop_ideas i"
                        "  ON i.id = d.idea_id WHERE i.group_id = g.id),"
                        " coalesce ((SELECT w.project_id FROM workshop_promotions w WHERE w.group_id = g.id"
                        "  AND w.project_id IS NOT NULL), 0)"
                        " FROM workshop_groups g WHERE g.workshop_id = ?1 ORDER BY g.position, g.id;",
                        read_group, groups, error)
      || !for_each_row (self, store,
                        "SELECT id, coalesce (project_id, 0), idea_id, group_id, dots, origin, time"
                        " FROM workshop_promotions WHERE workshop_id = ?1 ORDER BY id;",
                        read_promotion, promotions, error)
      || !for_each_row (self, store,
                        "SELECT participant_id, idea_id, count FROM workshop_dots WHERE workshop_id = ?1;",
                        read_dot, dots, error))
    return FALSE;
  if (!head.found)
    {
      g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_NOT_FOUND, _("The workshop no longer exists."));
      return FALSE;
    }

  self->stage = head.stage;
  self->use_warm_up = head.use_warm_up;
  self->use_criteria = head.use_criteria;
  self->dots_per_participant = head.dots_per_participant;
  self->timer_started = head.timer_started;
  self->timer_elapsed = head.timer_elapsed;
  self->timer_extended = head.timer_extended;
  self->explain_index = head.explain_index;
  self->drawn_question_id = head.drawn_question_id;
  self->created = head.created;
  memcpy (self->lengths, lengths, sizeof lengths);
  g_ptr_array_unref (self->questions);
  self->questions = g_steal_pointer (&questions);
  g_ptr_array_unref (self->criteria);
  self->criteria = g_steal_pointer (&criteria);
  g_ptr_array_unref (self->participants);
  self->participants = g_steal_pointer (&participants);
  g_ptr_array_unref (self->ideas);
  self->ideas = g_steal_pointer (&ideas);
  g_ptr_array_unref (self->groups);
  self->groups = g_steal_pointer (&groups);
  g_ptr_array_unref (self->promotions);
  self->promotions = g_steal_pointer (&promotions);
  g_hash_table_unref (self->dots);
  self->dots = g_steal_pointer (&dots);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return TRUE;
}

/* ---- Accessors ---------------------------------------------------------- */

gint64
pb_workshop_get_id (PbWorkshop *self)
{
  g_return_val_if_fail (PB_IS_WORKSHOP (self), 0);
  return self->id;
}

gint64
pb_workshop_get_process_id (PbWorkshop *self)
{
  g_return_val_if_fail (PB_IS_WORKSHOP (self), 0);
  return self->process_id;
}

PbWorkshopStage
pb_workshop_get_stage (PbWorkshop *self)
{
  g_return_val_if_fail (PB_IS_WORKSHOP (self), PB_WORKSHOP_STAGE_OWN);
  return self->stage;
}

gboolean
pb_workshop_get_uses_warm_up (PbWorkshop *self)
{
  g_return_val_if_fail (PB_IS_WORKSHOP (self), FALSE);
  return self->use_warm_up;
}

gboolean
pb_workshop_get_uses_criteria (PbWorkshop *self)
{
  g_return_val_if_fail (PB_IS_WORKSHOP (self), FALSE);
  return self->use_criteria;
}

guint
pb_workshop_get_dots_per_participant (PbWorkshop *self)
{
  g_return_val_if_fail (PB_IS_WORKSHOP (self), 0);
  return self->dots_per_participant;
}

gboolean
pb_workshop_stage_is_used (PbWorkshop      *self,
                           PbWorkshopStage  stage)
{
  g_return_val_if_fail (PB_IS_WORKSHOP (self), FALSE);
  if (stage == PB_WORKSHOP_STAGE_WARM_UP)
    return self->use_warm_up;
  if (stage == PB_WORKSHOP_STAGE_CRITERIA)
    return self->use_criteria;
  return stage <= PB_WORKSHOP_STAGE_LAST;
}

PbWorkshopStage
pb_workshop_get_first_stage (PbWorkshop *self)
{
  g_return_val_if_fail (PB_IS_WORKSHOP (self), PB_WORKSHOP_STAGE_OWN);
  if (self->use_warm_up)
    return PB_WORKSHOP_STAGE_WARM_UP;
  if (self->use_criteria)
    return PB_WORKSHOP_STAGE_CRITERIA;
  return PB_WORKSHOP_STAGE_OWN;
}

guint
pb_workshop_get_stage_length (PbWorkshop      *self,
                              PbWorkshopStage  stage)
{
  g_return_val_if_fail (PB_IS_WORKSHOP (self), 0);
  g_return_val_if_fail (stage <= PB_WORKSHOP_STAGE_LAST, 0);
  return self->lengths[stage];
}

guint
pb_workshop_get_timer_extended (PbWorkshop *self)
{
  g_return_val_if_fail (PB_IS_WORKSHOP (self), 0);
  return self->timer_extended;
}

gboolean
pb_workshop_get_timer_running (PbWorkshop *self)
{
  g_return_val_if_fail (PB_IS_WORKSHOP (self), FALSE);
  return self->timer_started != 0;
}

gint64
pb_workshop_get_timer_started (PbWorkshop *self)
{
  g_return_val_if_fail (PB_IS_WORKSHOP (self), 0);
  return self->timer_started;
}

/* µs run so far, for the writers. */
gint64
pb_workshop_get_timer_elapsed_internal (PbWorkshop *self,
                                        gint64      now)
{
  gint64 elapsed = self->timer_elapsed;

  if (self->timer_started != 0 && now > self->timer_started)
    elapsed += now - self->timer_started;
  return elapsed;
}

gint64
pb_workshop_get_timer_remaining (PbWorkshop *self,
                                 gint64      now)
{
  gint64 total, elapsed;

  g_return_val_if_fail (PB_IS_WORKSHOP (self), 0);
  total = (gint64) self->lengths[self->stage] + self->timer_extended;
  elapsed = pb_workshop_get_timer_elapsed_internal (self, now);
  /* Round so that a timer just started shows its full length. */
  return total - elapsed / G_USEC_PER_SEC;
}

GPtrArray *
pb_workshop_get_questions (PbWorkshop *self)
{
  g_return_val_if_fail (PB_IS_WORKSHOP (self), NULL);
  return self->questions;
}

GPtrArray *
pb_workshop_get_criteria (PbWorkshop *self)
{
  g_return_val_if_fail (PB_IS_WORKSHOP (self), NULL);
  return self->criteria;
}

GPtrArray *
pb_workshop_get_participants (PbWorkshop *self)
{
  g_return_val_if_fail (PB_IS_WORKSHOP (self), NULL);
  return self->participants;
}

GPtrArray *
pb_workshop_get_ideas (PbWorkshop *self)
{
  g_return_val_if_fail (PB_IS_WORKSHOP (self), NULL);
  return self->ideas;
}

GPtrArray *
pb_workshop_get_groups (PbWorkshop *self)
{
  g_return_val_if_fail (PB_IS_WORKSHOP (self), NULL);
  return self->groups;
}

GPtrArray *
pb_workshop_get_promotions (PbWorkshop *self)
{
  g_return_val_if_fail (PB_IS_WORKSHOP (self), NULL);
  return self->promotions;
}

const PbWorkshopQuestion *
pb_workshop_get_drawn_question (PbWorkshop *self)
{
  g_return_val_if_fail (PB_IS_WORKSHOP (self), NULL);
  for (guint i = 0; i < self->questions->len; i++)
    {
      const PbWorkshopQuestion *q = self->questions->pdata[i];

      if (q->id == self->drawn_question_id)
        return q;
    }
  return NULL;
}

const PbWorkshopParticipant *
pb_workshop_lookup_participant (PbWorkshop *self,
                                gint64      id)
{
  g_return_val_if_fail (PB_IS_WORKSHOP (self), NULL);
  for (guint i = 0; i < self->participants->len; i++)
    {
      const PbWorkshopParticipant *p = self->participants->pdata[i];

      if (p->id == id)
        return p;
    }
  return NULL;
}

const PbWorkshopIdea *
pb_workshop_lookup_idea (PbWorkshop *self,
                         gint64      id)
{
  g_return_val_if_fail (PB_IS_WORKSHOP (self), NULL);
  for (guint i = 0; i < self->ideas->len; i++)
    {
      const PbWorkshopIdea *idea = self->ideas->pdata[i];

      if (idea->id == id)
        return idea;
    }
  return NULL;
}

const PbWorkshopGroup *
pb_workshop_lookup_group (PbWorkshop *self,
                          gint64      id)
{
  g_return_val_if_fail (PB_IS_WORKSHOP (self), NULL);
  for (guint i = 0; i < self->groups->len; i++)
    {
      const PbWorkshopGroup *g = self->groups->pdata[i];

      if (g->id == id)
        return g;
    }
  return NULL;
}

guint
pb_workshop_get_n_pairs (PbWorkshop *self)
{
  guint n = 0;

  g_return_val_if_fail (PB_IS_WORKSHOP (self), 0);
  for (guint i = 0; i < self->participants->len; i++)
    n = MAX (n, ((PbWorkshopParticipant *) self->participants->pdata[i])->pair);
  return n;
}

static int
compare_explain (gconstpointer a,
                 gconstpointer b)
{
  const PbWorkshopIdea *x = *(PbWorkshopIdea * const *) a;
  const PbWorkshopIdea *y = *(PbWorkshopIdea * const *) b;

  if (x->explain_position != y->explain_position)
    return x->explain_position < y->explain_position ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

GPtrArray *
pb_workshop_dup_explain_order (PbWorkshop *self)
{
  GPtrArray *order = g_ptr_array_new ();

  g_return_val_if_fail (PB_IS_WORKSHOP (self), order);
  for (guint i = 0; i < self->ideas->len; i++)
    {
      PbWorkshopIdea *idea = self->ideas->pdata[i];

      if (idea->picked && idea->explain_position >= 0)
        g_ptr_array_add (order, idea);
    }
  g_ptr_array_sort (order, compare_explain);
  return order;
}

guint
pb_workshop_get_explain_index (PbWorkshop *self)
{
  g_return_val_if_fail (PB_IS_WORKSHOP (self), 0);
  return self->explain_index;
}

const PbWorkshopIdea *
pb_workshop_get_explained_idea (PbWorkshop *self)
{
  g_autoptr(GPtrArray) order = NULL;

  g_return_val_if_fail (PB_IS_WORKSHOP (self), NULL);
  order = pb_workshop_dup_explain_order (self);
  if (self->explain_index < order->len)
    return order->pdata[self->explain_index];
  return NULL;
}

static int
compare_tally (gconstpointer a,
               gconstpointer b)
{
  const PbWorkshopIdea *x = *(PbWorkshopIdea * const *) a;
  const PbWorkshopIdea *y = *(PbWorkshopIdea * const *) b;

  if (x->dots != y->dots)
    return x->dots > y->dots ? -1 : 1;
  return compare_explain (a, b);
}

GPtrArray *
pb_workshop_dup_tally (PbWorkshop *self)
{
  GPtrArray *tally = pb_workshop_dup_explain_order (self);

  g_ptr_array_sort (tally, compare_tally);
  return tally;
}

guint
pb_workshop_get_dots (PbWorkshop *self,
                      gint64      participant_id,
                      gint64      idea_id)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (PB_IS_WORKSHOP (self), 0);
  key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, participant_id, idea_id);
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->dots, key));
}

/* ---- JSON --------------------------------------------------------------- */

static void
add_string (JsonBuilder *b,
            const char  *key,
            const char  *value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_string_value (b, value ? value : "");
}

static void
add_int (JsonBuilder *b,
         const char  *key,
         gint64       value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_int_value (b, value);
}

static void
add_id_or_null (JsonBuilder *b,
                const char  *key,
                gint64       id)
{
  json_builder_set_member_name (b, key);
  if (id != 0)
    json_builder_add_int_value (b, id);
  else
    json_builder_add_null_value (b);
}

static char *
iso_time (gint64 usec)
{
  g_autoptr(GDateTime) dt = pb_date_time_new_from_usec (usec);

  return dt ? g_date_time_format_iso8601 (dt) : g_strdup ("");
}

char *
pb_workshop_to_json (PbWorkshop *self,
                     PbStore    *store)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) order = NULL;
  g_autofree char *created = NULL;
  PbProcess *process;

  g_return_val_if_fail (PB_IS_WORKSHOP (self), NULL);
  g_return_val_if_fail (PB_IS_STORE (store), NULL);

  process = pb_store_lookup_process (store, self->process_id);
  created = iso_time (self->created);

  json_builder_begin_object (b);
  add_string (b, "format", "pb-workshop");
  add_int (b, "version", 1);
  add_int (b, "process_id", self->process_id);
  add_string (b, "process", process ? pb_process_get_name (process) : "");
  add_string (b, "created", created);
  add_string (b, "stage", pb_workshop_stage_to_string (self->stage));
  json_builder_set_member_name (b, "uses_warm_up");
  json_builder_add_boolean_value (b, self->use_warm_up);
  json_builder_set_member_name (b, "uses_criteria");
  json_builder_add_boolean_value (b, self->use_criteria);
  add_int (b, "dots_per_participant", self->dots_per_participant);

  json_builder_set_member_name (b, "stage_lengths");
  json_builder_begin_object (b);
  for (guint i = 0; i <= PB_WORKSHOP_STAGE_LAST; i++)
    add_int (b, stage_names[i], self->lengths[i]);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "questions");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->questions->len; i++)
    {
      const PbWorkshopQuestion *q = self->questions->pdata[i];

      json_builder_begin_object (b);
      add_int (b, "id", q->id);
      add_string (b, "text", q->text);
      json_builder_set_member_name (b, "drawn");
      json_builder_add_boolean_value (b, q->drawn);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "criteria");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->criteria->len; i++)
    {
      const PbWorkshopCriterion *c = self->criteria->pdata[i];

      json_builder_begin_object (b);
      add_int (b, "id", c->id);
      add_string (b, "text", c->text);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "participants");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->participants->len; i++)
    {
      const PbWorkshopParticipant *p = self->participants->pdata[i];

      json_builder_begin_object (b);
      add_int (b, "id", p->id);
      add_string (b, "name", p->name);
      add_int (b, "pair", p->pair);
      add_int (b, "dots_used", p->dots_used);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "ideas");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->ideas->len; i++)
    {
      const PbWorkshopIdea *idea = self->ideas->pdata[i];

      json_builder_begin_object (b);
      add_int (b, "id", idea->id);
      add_string (b, "text", idea->text);
      add_string (b, "origin", idea->origin == PB_WORKSHOP_ORIGIN_MERGE ? "merge" : "own");
      add_id_or_null (b, "participant", idea->participant_id);
      add_int (b, "pair", idea->pair);
      json_builder_set_member_name (b, "merged_from");
      json_builder_begin_array (b);
      if (idea->merged_a != 0)
        json_builder_add_int_value (b, idea->merged_a);
      if (idea->merged_b != 0)
        json_builder_add_int_value (b, idea->merged_b);
      json_builder_end_array (b);
      add_id_or_null (b, "merged_into", idea->merged_into);
      json_builder_set_member_name (b, "picked");
      json_builder_add_boolean_value (b, idea->picked);
      add_int (b, "dots", idea->dots);
      add_id_or_null (b, "group", idea->group_id);
      add_id_or_null (b, "project", idea->project_id);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "explain_order");
  json_builder_begin_array (b);
  order = pb_workshop_dup_explain_order (self);
  for (guint i = 0; i < order->len; i++)
    json_builder_add_int_value (b, ((PbWorkshopIdea *) order->pdata[i])->id);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "dots");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->participants->len; i++)
    {
      const PbWorkshopParticipant *p = self->participants->pdata[i];

      for (guint j = 0; j < order->len; j++)
        {
          const PbWorkshopIdea *idea = order->pdata[j];
          guint n = pb_workshop_get_dots (self, p->id, idea->id);

          if (n == 0)
            continue;
          json_builder_begin_object (b);
          add_int (b, "participant", p->id);
          add_int (b, "idea", idea->id);
          add_int (b, "count", n);
          json_builder_end_object (b);
        }
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "groups");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->groups->len; i++)
    {
      const PbWorkshopGroup *g = self->groups->pdata[i];

      json_builder_begin_object (b);
      add_int (b, "id", g->id);
      add_string (b, "name", g->name);
      add_int (b, "dots", g->dots);
      json_builder_set_member_name (b, "ideas");
      json_builder_begin_array (b);
      for (guint j = 0; j < self->ideas->len; j++)
        if (((PbWorkshopIdea *) self->ideas->pdata[j])->group_id == g->id)
          json_builder_add_int_value (b, ((PbWorkshopIdea *) self->ideas->pdata[j])->id);
      json_builder_end_array (b);
      add_id_or_null (b, "project", g->project_id);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "promotions");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->promotions->len; i++)
    {
      const PbWorkshopPromotion *p = self->promotions->pdata[i];
      PbProject *project = NULL;
      g_autofree char *time = iso_time (p->time);

      if (process != NULL && p->project_id != 0)
        project = pb_process_lookup_project (process, p->project_id);
      json_builder_begin_object (b);
      add_id_or_null (b, "project", p->project_id);
      add_string (b, "project_code", project ? pb_project_get_code (project) : "");
      add_string (b, "project_title", project ? pb_project_get_title (project) : "");
      add_id_or_null (b, "idea", p->idea_id);
      add_id_or_null (b, "group", p->group_id);
      add_int (b, "dots", p->dots);
      add_string (b, "origin", p->origin);
      add_string (b, "time", time);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  /* The projects' verdicts against the criteria, given in review. */
  json_builder_set_member_name (b, "assessments");
  json_builder_begin_array (b);
  for (guint i = 0; process != NULL && i < g_list_model_get_n_items (pb_process_list_projects (process)); i++)
    {
      g_autoptr(PbProject) project = g_list_model_get_item (pb_process_list_projects (process), i);
      g_autoptr(GPtrArray) verdicts = pb_store_get_project_assessments (store, project, NULL);

      for (guint j = 0; verdicts != NULL && j < verdicts->len; j++)
        {
          const PbProjectAssessment *a = verdicts->pdata[j];

          json_builder_begin_object (b);
          add_int (b, "project", pb_project_get_id (project));
          add_string (b, "project_code", pb_project_get_code (project));
          add_int (b, "criterion", a->criterion_id);
          add_string (b, "verdict", pb_assessment_to_string (a->verdict));
          add_string (b, "note", a->note);
          json_builder_end_object (b);
        }
    }
  json_builder_end_array (b);

  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  return json_generator_to_data (gen, NULL);
}
