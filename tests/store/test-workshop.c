/* test-workshop.c: the OPERA workshop of the store: every stage
 * transition and going back, the rules of each stage (with their error
 * codes), the timer, the key jar, pairs and merges, dots, groups,
 * promotions to projects with their audit entries, continuing after a
 * restart, the JSON record and the migration from every earlier schema. */

#include "store-test-util.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "pb-workshop.h"

static PbProcess *
make_proposals_process (PbStore *store)
{
  g_autoptr(GError) error = NULL;
  PbProcess *process = pb_store_create_process (store, "Workshop fund", "GBP", "1000", &error);

  g_assert_no_error (error);
  g_assert_true (pb_store_set_phase (store, process, PB_PHASE_PROPOSALS, "workshop", &error));
  g_assert_no_error (error);
  return process;
}

static PbWorkshop *
start (PbStore   *store,
       PbProcess *process)
{
  g_autoptr(GError) error = NULL;
  PbWorkshop *workshop = pb_store_start_workshop (store, process, &error);

  g_assert_no_error (error);
  g_assert_nonnull (workshop);
  return workshop;
}

/* A workshop just started, for a new process taking proposals. */
static PbWorkshop *
start_new (PbStore *store)
{
  return start (store, make_proposals_process (store));
}

/* The change just tried was refused with @code; clears the error for the
 * next one. */
static void
assert_refused (GError          **error,
                PbWorkshopError   code)
{
  g_assert_error (*error, PB_WORKSHOP_ERROR, (int) code);
  g_clear_error (error);
}

static void
next_stage (PbStore    *store,
            PbWorkshop *workshop,
            PbWorkshopStage expected)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pb_store_workshop_next_stage (store, workshop, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pb_workshop_get_stage (workshop), ==, expected);
}

static void
previous_stage (PbStore    *store,
                PbWorkshop *workshop,
                PbWorkshopStage expected)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pb_store_workshop_previous_stage (store, workshop, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pb_workshop_get_stage (workshop), ==, expected);
}

static gint64
add_participant (PbStore    *store,
                 PbWorkshop *workshop,
                 const char *name)
{
  g_autoptr(GError) error = NULL;
  gint64 id = pb_store_workshop_add_participant (store, workshop, name, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_idea (PbStore    *store,
          PbWorkshop *workshop,
          gint64      participant,
          const char *text)
{
  g_autoptr(GError) error = NULL;
  gint64 id = pb_store_workshop_add_idea (store, workshop, participant, text, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
pick (PbStore    *store,
      PbWorkshop *workshop,
      gint64      idea)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pb_store_workshop_set_picked (store, workshop, idea, TRUE, &error));
  g_assert_no_error (error);
}

static void
set_dots (PbStore    *store,
          PbWorkshop *workshop,
          gint64      participant,
          gint64      idea,
          guint       dots)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pb_store_workshop_set_dots (store, workshop, participant, idea, dots, &error));
  g_assert_no_error (error);
}

/* The JSON record, for comparing states. */
static char *
record (PbStore    *store,
        PbWorkshop *workshop)
{
  return pb_workshop_to_json (workshop, store);
}

/* A workshop taken to Arrange: four participants (Ana, Ben, Cleo, Dev)
 * in pairs 1 and 2, five ideas, one merge, three picked ideas and dots.
 * @ids receives: 0-3 participants, 4-8 ideas, 9 the merge. */
static PbWorkshop *
workshop_at_arrange (PbStore   *store,
                     PbProcess *process,
                     gint64     ids[10])
{
  PbWorkshop *workshop = start (store, process);
  g_autoptr(GError) error = NULL;
  const char *names[] = { "Ana", "Ben", "Cleo", "Dev" };

  for (guint i = 0; i < 4; i++)
    ids[i] = add_participant (store, workshop, names[i]);
  g_assert_cmpint (pb_store_workshop_add_criterion (store, workshop, "Serves the people who use it", &error), >, 0);
  g_assert_no_error (error);
  next_stage (store, workshop, PB_WORKSHOP_STAGE_CRITERIA);
  next_stage (store, workshop, PB_WORKSHOP_STAGE_OWN);
  ids[4] = add_idea (store, workshop, ids[0], "Benches along the river path");
  ids[5] = add_idea (store, workshop, ids[1], "Shade trees on the river path");
  ids[6] = add_idea (store, workshop, ids[2], "A repair café in the library");
  ids[7] = add_idea (store, workshop, ids[3], "Tool library for gardeners");
  ids[8] = add_idea (store, workshop, ids[0], "Night bus to the hospital");
  next_stage (store, workshop, PB_WORKSHOP_STAGE_PAIR);
  ids[9] = pb_store_workshop_merge_ideas (store, workshop, ids[4], ids[5], "A shaded river path with benches",
                                          &error);
  g_assert_no_error (error);
  pick (store, workshop, ids[6]);
  pick (store, workshop, ids[7]);
  next_stage (store, workshop, PB_WORKSHOP_STAGE_EXPLAIN);
  next_stage (store, workshop, PB_WORKSHOP_STAGE_RANK);
  set_dots (store, workshop, ids[0], ids[9], 2);
  set_dots (store, workshop, ids[0], ids[6], 1);
  set_dots (store, workshop, ids[1], ids[9], 3);
  set_dots (store, workshop, ids[2], ids[6], 3);
  set_dots (store, workshop, ids[3], ids[7], 1);
  next_stage (store, workshop, PB_WORKSHOP_STAGE_ARRANGE);
  return workshop;
}

/* ---- Tests -------------------------------------------------------------- */

static void
test_start (StoreFixture  *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PbProcess *draft = pb_store_create_process (fixture->store, "Draft fund", "GBP", "10", &error);
  PbProcess *process;
  PbWorkshop *workshop;

  g_assert_no_error (error);
  /* Only a process taking proposals holds a workshop. */
  g_assert_null (pb_store_start_workshop (fixture->store, draft, &error));
  g_assert_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_NOT_PROPOSALS);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);
  g_assert_null (pb_store_get_workshop (fixture->store, draft, &error));
  g_assert_no_error (error);

  process = make_proposals_process (fixture->store);
  workshop = start (fixture->store, process);
  g_assert_cmpint (pb_workshop_get_stage (workshop), ==, PB_WORKSHOP_STAGE_WARM_UP);
  g_assert_cmpint (pb_workshop_get_process_id (workshop), ==, pb_process_get_id (process));
  /* The starter set of the key jar. */
  g_assert_cmpuint (pb_workshop_get_questions (workshop)->len, ==,
                    g_strv_length ((char **) pb_workshop_get_starter_questions ()));
  g_assert_cmpstr (((PbWorkshopQuestion *) pb_workshop_get_questions (workshop)->pdata[0])->text, ==,
                   "What gets you out of bed in the morning?");
  g_assert_cmpuint (pb_workshop_get_dots_per_participant (workshop), ==, 3);
  /* Starting again, or getting it, gives the same workshop. */
  g_assert_true (start (fixture->store, process) == workshop);
  g_assert_true (pb_store_get_workshop (fixture->store, process, &error) == workshop);
  g_assert_no_error (error);
}

static void
test_stage_transitions (StoreFixture  *fixture,
                        gconstpointer  data)
{
  PbStore *store = fixture->store;
  PbWorkshop *workshop = start_new (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) order = NULL;
  gint64 ana, ben, cleo, idea_a, idea_b, idea_c;

  g_assert_false (pb_store_workshop_previous_stage (store, workshop, &error));
  assert_refused (&error, PB_WORKSHOP_ERROR_NO_PREVIOUS_STAGE);

  next_stage (store, workshop, PB_WORKSHOP_STAGE_CRITERIA);
  next_stage (store, workshop, PB_WORKSHOP_STAGE_OWN);

  /* Own cannot be left without an idea. */
  g_assert_false (pb_store_workshop_next_stage (store, workshop, &error));
  assert_refused (&error, PB_WORKSHOP_ERROR_NO_IDEAS);
  g_assert_cmpint (pb_workshop_get_stage (workshop), ==, PB_WORKSHOP_STAGE_OWN);

  ana = add_participant (store, workshop, "Ana");
  ben = add_participant (store, workshop, "Ben");
  cleo = add_participant (store, workshop, "Cleo");
  idea_a = add_idea (store, workshop, ana, "Benches");
  idea_b = add_idea (store, workshop, ben, "Trees");
  idea_c = add_idea (store, workshop, cleo, "Lights");
  /* Ideas are written only in Own. */
  next_stage (store, workshop, PB_WORKSHOP_STAGE_PAIR);
  g_assert_cmpint (pb_store_workshop_add_idea (store, workshop, ana, "Late idea", &error), ==, 0);
  assert_refused (&error, PB_WORKSHOP_ERROR_WRONG_STAGE);

  /* Entering Pair paired everyone: three make one trio. */
  g_assert_cmpuint (pb_workshop_lookup_participant (workshop, ana)->pair, ==, 1);
  g_assert_cmpuint (pb_workshop_lookup_participant (workshop, ben)->pair, ==, 1);
  g_assert_cmpuint (pb_workshop_lookup_participant (workshop, cleo)->pair, ==, 1);
  g_assert_cmpuint (pb_workshop_get_n_pairs (workshop), ==, 1);

  /* Pair cannot be left without a pick. */
  g_assert_false (pb_store_workshop_next_stage (store, workshop, &error));
  assert_refused (&error, PB_WORKSHOP_ERROR_NONE_PICKED);
  pick (store, workshop, idea_c);
  pick (store, workshop, idea_a);

  next_stage (store, workshop, PB_WORKSHOP_STAGE_EXPLAIN);
  order = pb_workshop_dup_explain_order (workshop);
  g_assert_cmpuint (order->len, ==, 2);
  g_assert_cmpint (((PbWorkshopIdea *) order->pdata[0])->id, ==, idea_a);
  g_assert_cmpint (pb_workshop_get_explained_idea (workshop)->id, ==, idea_a);
  /* The timer runs for the first idea and starts again, running, for the next. */
  g_assert_true (pb_store_workshop_timer_start (store, workshop, &error));
  g_assert_true (pb_store_workshop_timer_extend (store, workshop, 30, &error));
  g_assert_no_error (error);
  {
    gint64 first_start = pb_workshop_get_timer_started (workshop);

    g_usleep (2000);
    g_assert_true (pb_store_workshop_explain_step (store, workshop, 1, &error));
    g_assert_no_error (error);
    g_assert_true (pb_workshop_get_timer_running (workshop));
    g_assert_cmpint (pb_workshop_get_timer_started (workshop), >, first_start);
    g_assert_cmpuint (pb_workshop_get_timer_extended (workshop), ==, 0);
    g_assert_cmpint (pb_workshop_get_timer_remaining (workshop, pb_workshop_get_timer_started (workshop)), ==,
                     pb_workshop_get_stage_length (workshop, PB_WORKSHOP_STAGE_EXPLAIN));
  }
  g_assert_cmpint (pb_workshop_get_explained_idea (workshop)->id, ==, idea_c);
  g_assert_false (pb_store_workshop_explain_step (store, workshop, 1, &error));
  assert_refused (&error, PB_WORKSHOP_ERROR_INVALID);
  /* The order can change: Lights first. */
  g_assert_true (pb_store_workshop_explain_move (store, workshop, idea_c, -1, &error));
  g_assert_no_error (error);
  g_clear_pointer (&order, g_ptr_array_unref);
  order = pb_workshop_dup_explain_order (workshop);
  g_assert_cmpint (((PbWorkshopIdea *) order->pdata[0])->id, ==, idea_c);

  next_stage (store, workshop, PB_WORKSHOP_STAGE_RANK);
  set_dots (store, workshop, ana, idea_a, 2);
  next_stage (store, workshop, PB_WORKSHOP_STAGE_ARRANGE);
  g_assert_false (pb_store_workshop_next_stage (store, workshop, &error));
  assert_refused (&error, PB_WORKSHOP_ERROR_NO_NEXT_STAGE);

  /* Going back keeps everything: dots, picks and the order. */
  previous_stage (store, workshop, PB_WORKSHOP_STAGE_RANK);
  g_assert_cmpuint (pb_workshop_get_dots (workshop, ana, idea_a), ==, 2);
  previous_stage (store, workshop, PB_WORKSHOP_STAGE_EXPLAIN);
  previous_stage (store, workshop, PB_WORKSHOP_STAGE_PAIR);
  g_assert_true (pb_workshop_lookup_idea (workshop, idea_a)->picked);
  /* Un-picking in Pair takes the idea out of the order and its dots away. */
  g_assert_true (pb_store_workshop_set_picked (store, workshop, idea_a, FALSE, &error));
  g_assert_no_error (error);
  pick (store, workshop, idea_b);
  next_stage (store, workshop, PB_WORKSHOP_STAGE_EXPLAIN);
  g_clear_pointer (&order, g_ptr_array_unref);
  order = pb_workshop_dup_explain_order (workshop);
  g_assert_cmpuint (order->len, ==, 2);
  g_assert_cmpint (((PbWorkshopIdea *) order->pdata[0])->id, ==, idea_c);
  g_assert_cmpint (((PbWorkshopIdea *) order->pdata[1])->id, ==, idea_b);
  g_assert_cmpuint (pb_workshop_get_dots (workshop, ana, idea_a), ==, 0);
  g_assert_cmpuint (pb_workshop_lookup_participant (workshop, ana)->dots_used, ==, 0);

  previous_stage (store, workshop, PB_WORKSHOP_STAGE_PAIR);
  previous_stage (store, workshop, PB_WORKSHOP_STAGE_OWN);
  previous_stage (store, workshop, PB_WORKSHOP_STAGE_CRITERIA);
  previous_stage (store, workshop, PB_WORKSHOP_STAGE_WARM_UP);
  g_assert_cmpuint (pb_workshop_get_ideas (workshop)->len, ==, 3);
}

static void
test_optional_stages (StoreFixture  *fixture,
                      gconstpointer  data)
{
  PbStore *store = fixture->store;
  PbWorkshop *workshop = start_new (store);
  g_autoptr(GError) error = NULL;

  /* Switching off the warm-up while in it moves on to criteria. */
  g_assert_true (pb_store_workshop_configure (store, workshop, FALSE, TRUE, 3, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pb_workshop_get_stage (workshop), ==, PB_WORKSHOP_STAGE_CRITERIA);
  g_assert_cmpint (pb_workshop_get_first_stage (workshop), ==, PB_WORKSHOP_STAGE_CRITERIA);
  g_assert_true (pb_store_workshop_configure (store, workshop, FALSE, FALSE, 5, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pb_workshop_get_stage (workshop), ==, PB_WORKSHOP_STAGE_OWN);
  g_assert_cmpuint (pb_workshop_get_dots_per_participant (workshop), ==, 5);
  g_assert_false (pb_workshop_stage_is_used (workshop, PB_WORKSHOP_STAGE_WARM_UP));
  g_assert_false (pb_store_workshop_previous_stage (store, workshop, &error));
  assert_refused (&error, PB_WORKSHOP_ERROR_NO_PREVIOUS_STAGE);
  /* Drawing a question needs the warm-up. */
  g_assert_false (pb_store_workshop_draw_question (store, workshop, &error));
  assert_refused (&error, PB_WORKSHOP_ERROR_WRONG_STAGE);
  /* Bad numbers of dots. */
  g_assert_false (pb_store_workshop_configure (store, workshop, FALSE, FALSE, 0, &error));
  assert_refused (&error, PB_WORKSHOP_ERROR_INVALID);
  g_assert_false (pb_store_workshop_configure (store, workshop, FALSE, FALSE, 100, &error));
  assert_refused (&error, PB_WORKSHOP_ERROR_INVALID);
  /* Switching the warm-up back on does not move the workshop back. */
  g_assert_true (pb_store_workshop_configure (store, workshop, TRUE, FALSE, 5, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pb_workshop_get_stage (workshop), ==, PB_WORKSHOP_STAGE_OWN);
  previous_stage (store, workshop, PB_WORKSHOP_STAGE_WARM_UP);
  next_stage (store, workshop, PB_WORKSHOP_STAGE_OWN);
}

static void
test_timer (StoreFixture  *fixture,
            gconstpointer  data)
{
  PbStore *store = fixture->store;
  PbWorkshop *workshop = start_new (store);
  g_autoptr(GError) error = NULL;
  gint64 started;

  g_assert_cmpuint (pb_workshop_get_stage_length (workshop, PB_WORKSHOP_STAGE_WARM_UP), ==,
                    pb_workshop_stage_get_default_length (PB_WORKSHOP_STAGE_WARM_UP));
  g_assert_true (pb_store_workshop_set_stage_length (store, workshop, PB_WORKSHOP_STAGE_WARM_UP, 120, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pb_workshop_get_stage_length (workshop, PB_WORKSHOP_STAGE_WARM_UP), ==, 120);
  g_assert_false (pb_store_workshop_set_stage_length (store, workshop, PB_WORKSHOP_STAGE_OWN, 5, &error));
  assert_refused (&error, PB_WORKSHOP_ERROR_INVALID);

  /* Stopped, it shows its whole length. */
  g_assert_false (pb_workshop_get_timer_running (workshop));
  g_assert_cmpint (pb_workshop_get_timer_remaining (workshop, g_get_real_time ()), ==, 120);
  g_assert_true (pb_store_workshop_timer_start (store, workshop, &error));
  g_assert_no_error (error);
  g_assert_true (pb_workshop_get_timer_running (workshop));
  started = pb_workshop_get_timer_started (workshop);
  g_assert_cmpint (started, >, 0);
  g_assert_cmpint (pb_workshop_get_timer_remaining (workshop, started + 30 * G_USEC_PER_SEC), ==, 90);
  g_assert_cmpint (pb_workshop_get_timer_remaining (workshop, started + 150 * G_USEC_PER_SEC), ==, -30);
  g_assert_true (pb_store_workshop_timer_extend (store, workshop, 60, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pb_workshop_get_timer_extended (workshop), ==, 60);
  g_assert_cmpint (pb_workshop_get_timer_remaining (workshop, started + 30 * G_USEC_PER_SEC), ==, 150);
  g_assert_false (pb_store_workshop_timer_extend (store, workshop, 0, &error));
  assert_refused (&error, PB_WORKSHOP_ERROR_INVALID);

  /* Paused, it keeps what ran and no longer moves. */
  g_assert_true (pb_store_workshop_timer_pause (store, workshop, &error));
  g_assert_no_error (error);
  g_assert_false (pb_workshop_get_timer_running (workshop));
  g_assert_cmpint (pb_workshop_get_timer_remaining (workshop, g_get_real_time () + (gint64) 3600 * G_USEC_PER_SEC), ==,
                   pb_workshop_get_timer_remaining (workshop, g_get_real_time ()));
  g_assert_cmpint (pb_workshop_get_timer_remaining (workshop, g_get_real_time ()), <=, 180);

  /* A new stage starts a new timer. */
  next_stage (store, workshop, PB_WORKSHOP_STAGE_CRITERIA);
  g_assert_cmpuint (pb_workshop_get_timer_extended (workshop), ==, 0);
  g_assert_cmpint (pb_workshop_get_timer_remaining (workshop, g_get_real_time ()), ==,
                   pb_workshop_get_stage_length (workshop, PB_WORKSHOP_STAGE_CRITERIA));
}

static void
test_key_jar (StoreFixture  *fixture,
              gconstpointer  data)
{
  PbStore *store = fixture->store;
  PbWorkshop *workshop = start_new (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n = pb_workshop_get_questions (workshop)->len;
  gint64 added, first_id;

  added = pb_store_workshop_add_question (store, workshop, "  What would you change first?  ", &error);
  g_assert_no_error (error);
  g_assert_cmpint (added, >, 0);
  g_assert_cmpuint (pb_workshop_get_questions (workshop)->len, ==, n + 1);
  g_assert_cmpint (pb_store_workshop_add_question (store, workshop, "   ", &error), ==, 0);
  assert_refused (&error, PB_WORKSHOP_ERROR_EMPTY);
  g_assert_true (pb_store_workshop_edit_question (store, workshop, added, "What would you change tomorrow?", &error));
  g_assert_no_error (error);
  first_id = ((PbWorkshopQuestion *) pb_workshop_get_questions (workshop)->pdata[0])->id;
  g_assert_true (pb_store_workshop_remove_question (store, workshop, first_id, &error));
  g_assert_no_error (error);
  g_assert_false (pb_store_workshop_remove_question (store, workshop, first_id, &error));
  assert_refused (&error, PB_WORKSHOP_ERROR_NOT_FOUND);
  g_assert_cmpuint (pb_workshop_get_questions (workshop)->len, ==, n);

  /* Every question comes out once, then the jar is empty. */
  g_assert_null (pb_workshop_get_drawn_question (workshop));
  for (guint i = 0; i < n; i++)
    {
      const PbWorkshopQuestion *q;

      g_assert_true (pb_store_workshop_draw_question (store, workshop, &error));
      g_assert_no_error (error);
      q = pb_workshop_get_drawn_question (workshop);
      g_assert_nonnull (q);
      g_assert_true (q->drawn);
      g_assert_false (g_hash_table_contains (seen, &q->id));
      g_hash_table_add (seen, (gpointer) &q->id);
      g_hash_table_remove_all (seen);
      for (guint j = 0; j < pb_workshop_get_questions (workshop)->len; j++)
        {
          PbWorkshopQuestion *other = pb_workshop_get_questions (workshop)->pdata[j];

          if (other->drawn)
            g_hash_table_add (seen, &other->id);
        }
      g_assert_cmpuint (g_hash_table_size (seen), ==, i + 1);
    }
  g_assert_false (pb_store_workshop_draw_question (store, workshop, &error));
  assert_refused (&error, PB_WORKSHOP_ERROR_JAR_EMPTY);
  g_assert_true (pb_store_workshop_refill_jar (store, workshop, &error));
  g_assert_no_error (error);
  g_assert_null (pb_workshop_get_drawn_question (workshop));
  g_assert_true (pb_store_workshop_draw_question (store, workshop, &error));
  g_assert_no_error (error);
}

static void
test_criteria_and_participants (StoreFixture  *fixture,
                                gconstpointer  data)
{
  PbStore *store = fixture->store;
  PbWorkshop *workshop = start_new (store);
  g_autoptr(GError) error = NULL;
  gint64 c, ana;

  c = pb_store_workshop_add_criterion (store, workshop, "Within our means", &error);
  g_assert_no_error (error);
  g_assert_true (pb_store_workshop_edit_criterion (store, workshop, c, "Within our means, and kept up", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (((PbWorkshopCriterion *) pb_workshop_get_criteria (workshop)->pdata[0])->text, ==,
                   "Within our means, and kept up");
  g_assert_false (pb_store_workshop_edit_criterion (store, workshop, c, "", &error));
  assert_refused (&error, PB_WORKSHOP_ERROR_EMPTY);
  g_assert_true (pb_store_workshop_remove_criterion (store, workshop, c, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pb_workshop_get_criteria (workshop)->len, ==, 0);

  ana = add_participant (store, workshop, "Ana");
  g_assert_cmpint (pb_store_workshop_add_participant (store, workshop, "ANA", &error), ==, 0);
  assert_refused (&error, PB_WORKSHOP_ERROR_DUPLICATE);
  g_assert_cmpint (pb_store_workshop_add_participant (store, workshop, " ", &error), ==, 0);
  assert_refused (&error, PB_WORKSHOP_ERROR_EMPTY);
  g_assert_true (pb_store_workshop_rename_participant (store, workshop, ana, "Ana M.", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pb_workshop_lookup_participant (workshop, ana)->name, ==, "Ana M.");

  /* Someone who wrote an idea stays. */
  g_assert_true (pb_store_workshop_configure (store, workshop, FALSE, FALSE, 3, &error));
  g_assert_no_error (error);
  add_idea (store, workshop, ana, "Benches");
  g_assert_false (pb_store_workshop_remove_participant (store, workshop, ana, &error));
  assert_refused (&error, PB_WORKSHOP_ERROR_HAS_IDEAS);
  g_assert_cmpint (pb_store_workshop_add_idea (store, workshop, 9999, "Nobody's", &error), ==, 0);
  assert_refused (&error, PB_WORKSHOP_ERROR_NOT_FOUND);
  g_assert_cmpint (pb_store_workshop_add_idea (store, workshop, ana, "\n\t", &error), ==, 0);
  assert_refused (&error, PB_WORKSHOP_ERROR_EMPTY);
}

static void
test_pair_merge (StoreFixture  *fixture,
                 gconstpointer  data)
{
  PbStore *store = fixture->store;
  PbWorkshop *workshop = start_new (store);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const PbWorkshopIdea *merged;
  gint64 p[4], i[4], merge;

  g_assert_true (pb_store_workshop_configure (store, workshop, FALSE, FALSE, 3, &error));
  g_assert_no_error (error);
  p[0] = add_participant (store, workshop, "Ana");
  p[1] = add_participant (store, workshop, "Ben");
  p[2] = add_participant (store, workshop, "Cleo");
  p[3] = add_participant (store, workshop, "Dev");
  for (guint k = 0; k < 4; k++)
    {
      g_autofree char *text = g_strdup_printf ("Idea %u", k + 1);

      i[k] = add_idea (store, workshop, p[k], text);
    }
  /* Pairs set by hand before Pair are kept: Ana with Dev, Ben with Cleo. */
  g_assert_true (pb_store_workshop_set_pair (store, workshop, p[0], 1, &error));
  g_assert_true (pb_store_workshop_set_pair (store, workshop, p[3], 1, &error));
  g_assert_true (pb_store_workshop_set_pair (store, workshop, p[1], 2, &error));
  g_assert_true (pb_store_workshop_set_pair (store, workshop, p[2], 2, &error));
  g_assert_no_error (error);
  g_assert_false (pb_store_workshop_set_pair (store, workshop, p[2], 5, &error));
  assert_refused (&error, PB_WORKSHOP_ERROR_INVALID);
  next_stage (store, workshop, PB_WORKSHOP_STAGE_PAIR);
  g_assert_cmpuint (pb_workshop_lookup_idea (workshop, i[3])->pair, ==, 1);
  g_assert_cmpuint (pb_workshop_lookup_idea (workshop, i[1])->pair, ==, 2);

  /* Across pairs: refused, nothing changes. */
  before = record (store, workshop);
  g_assert_cmpint (pb_store_workshop_merge_ideas (store, workshop, i[0], i[1], "Both", &error), ==, 0);
  assert_refused (&error, PB_WORKSHOP_ERROR_NOT_SAME_PAIR);
  g_assert_cmpint (pb_store_workshop_merge_ideas (store, workshop, i[0], i[0], "Self", &error), ==, 0);
  assert_refused (&error, PB_WORKSHOP_ERROR_INVALID);
  after = record (store, workshop);
  g_assert_cmpstr (before, ==, after);

  /* Within pair 1: a new picked idea; without a text the two are joined. */
  merge = pb_store_workshop_merge_ideas (store, workshop, i[0], i[3], NULL, &error);
  g_assert_no_error (error);
  merged = pb_workshop_lookup_idea (workshop, merge);
  g_assert_cmpstr (merged->text, ==, "Idea 1\nIdea 4");
  g_assert_cmpint (merged->origin, ==, PB_WORKSHOP_ORIGIN_MERGE);
  g_assert_cmpint (merged->participant_id, ==, 0);
  g_assert_cmpuint (merged->pair, ==, 1);
  g_assert_true (merged->picked);
  g_assert_cmpint (merged->merged_a, ==, i[0]);
  g_assert_cmpint (merged->merged_b, ==, i[3]);
  g_assert_cmpint (pb_workshop_lookup_idea (workshop, i[0])->merged_into, ==, merge);
  g_assert_false (pb_workshop_lookup_idea (workshop, i[0])->picked);
  /* A merged-away idea cannot be picked or merged again. */
  g_assert_false (pb_store_workshop_set_picked (store, workshop, i[0], TRUE, &error));
  assert_refused (&error, PB_WORKSHOP_ERROR_ALREADY_MERGED);
  g_assert_cmpint (pb_store_workshop_merge_ideas (store, workshop, i[0], merge, "Again", &error), ==, 0);
  assert_refused (&error, PB_WORKSHOP_ERROR_ALREADY_MERGED);
  g_assert_true (pb_store_workshop_edit_idea (store, workshop, merge, "Benches under trees", &error));
  g_assert_no_error (error);

  /* Back in Own, removing the merge gives the two ideas back. */
  previous_stage (store, workshop, PB_WORKSHOP_STAGE_OWN);
  g_assert_false (pb_store_workshop_remove_idea (store, workshop, i[0], &error));
  assert_refused (&error, PB_WORKSHOP_ERROR_ALREADY_MERGED);
  g_assert_true (pb_store_workshop_remove_idea (store, workshop, merge, &error));
  g_assert_no_error (error);
  g_assert_null (pb_workshop_lookup_idea (workshop, merge));
  g_assert_cmpint (pb_workshop_lookup_idea (workshop, i[0])->merged_into, ==, 0);
}

static void
test_dots (StoreFixture  *fixture,
           gconstpointer  data)
{
  PbProcess *process = make_proposals_process (fixture->store);
  PbStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tally = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 ids[10];
  PbWorkshop *workshop = workshop_at_arrange (store, process, ids);

  previous_stage (store, workshop, PB_WORKSHOP_STAGE_RANK);
  g_assert_cmpuint (pb_workshop_lookup_participant (workshop, ids[0])->dots_used, ==, 3);
  /* Ana has placed her three dots: a fourth is refused, nothing changes. */
  before = record (store, workshop);
  g_assert_false (pb_store_workshop_set_dots (store, workshop, ids[0], ids[7], 1, &error));
  g_assert_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_TOO_MANY_DOTS);
  g_assert_nonnull (strstr (error->message, "Ana"));
  g_clear_error (&error);
  /* Dev has two left: three on one idea is refused. */
  g_assert_false (pb_store_workshop_set_dots (store, workshop, ids[3], ids[9], 3, &error));
  g_assert_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_TOO_MANY_DOTS);
  g_assert_cmpstr (error->message, ==, "Dev has only 2 dots left.");
  g_clear_error (&error);
  /* Ana, with all three on ideas, cannot put a fourth on one of them. */
  g_assert_false (pb_store_workshop_set_dots (store, workshop, ids[0], ids[9], 3, &error));
  g_assert_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_TOO_MANY_DOTS);
  g_assert_nonnull (strstr (error->message, "all 3 dots"));
  g_clear_error (&error);
  /* Dots go only on picked ideas. */
  g_assert_false (pb_store_workshop_set_dots (store, workshop, ids[3], ids[8], 1, &error));
  assert_refused (&error, PB_WORKSHOP_ERROR_NOT_PICKED);
  g_assert_false (pb_store_workshop_set_dots (store, workshop, ids[3], ids[4], 1, &error));
  assert_refused (&error, PB_WORKSHOP_ERROR_NOT_PICKED);
  after = record (store, workshop);
  g_assert_cmpstr (before, ==, after);

  /* Moving a dot: take one back, place it elsewhere. */
  set_dots (store, workshop, ids[0], ids[9], 1);
  set_dots (store, workshop, ids[0], ids[7], 1);
  g_assert_cmpuint (pb_workshop_lookup_participant (workshop, ids[0])->dots_used, ==, 3);
  set_dots (store, workshop, ids[0], ids[7], 0);
  g_assert_cmpuint (pb_workshop_get_dots (workshop, ids[0], ids[7]), ==, 0);
  g_assert_cmpuint (pb_workshop_lookup_participant (workshop, ids[0])->dots_used, ==, 2);

  /* The tally: river path 4 and repair café 4 (a tie keeps the Explain
   * order), then tool library 1. */
  tally = pb_workshop_dup_tally (workshop);
  g_assert_cmpuint (tally->len, ==, 3);
  g_assert_cmpuint (((PbWorkshopIdea *) tally->pdata[0])->dots, ==, 4);
  g_assert_cmpuint (((PbWorkshopIdea *) tally->pdata[1])->dots, ==, 4);
  g_assert_cmpint (((PbWorkshopIdea *) tally->pdata[2])->id, ==, ids[7]);
  g_assert_cmpuint (((PbWorkshopIdea *) tally->pdata[2])->dots, ==, 1);

  /* Fewer dots per participant than someone placed is refused. */
  g_assert_false (pb_store_workshop_configure (store, workshop, TRUE, TRUE, 2, &error));
  assert_refused (&error, PB_WORKSHOP_ERROR_TOO_MANY_DOTS);
  g_assert_cmpuint (pb_workshop_get_dots_per_participant (workshop), ==, 3);
  g_assert_true (pb_store_workshop_configure (store, workshop, TRUE, TRUE, 5, &error));
  g_assert_no_error (error);
  set_dots (store, workshop, ids[0], ids[7], 3);

  /* Outside Rank, dots do not move. */
  next_stage (store, workshop, PB_WORKSHOP_STAGE_ARRANGE);
  g_assert_false (pb_store_workshop_set_dots (store, workshop, ids[0], ids[7], 0, &error));
  assert_refused (&error, PB_WORKSHOP_ERROR_WRONG_STAGE);
}

static void
test_arrange (StoreFixture  *fixture,
              gconstpointer  data)
{
  PbProcess *process = make_proposals_process (fixture->store);
  PbStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  gint64 ids[10], green, making;
  PbWorkshop *workshop = workshop_at_arrange (store, process, ids);

  green = pb_store_workshop_add_group (store, workshop, "Green streets", &error);
  g_assert_no_error (error);
  making = pb_store_workshop_add_group (store, workshop, "Making and mending", &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_store_workshop_add_group (store, workshop, "green STREETS", &error), ==, 0);
  assert_refused (&error, PB_WORKSHOP_ERROR_DUPLICATE);
  g_assert_cmpint (pb_store_workshop_add_group (store, workshop, "", &error), ==, 0);
  assert_refused (&error, PB_WORKSHOP_ERROR_EMPTY);

  g_assert_true (pb_store_workshop_move_to_group (store, workshop, ids[9], green, &error));
  g_assert_true (pb_store_workshop_move_to_group (store, workshop, ids[6], making, &error));
  g_assert_true (pb_store_workshop_move_to_group (store, workshop, ids[7], green, &error));
  g_assert_no_error (error);
  /* Moved again, an idea leaves its first group. */
  g_assert_true (pb_store_workshop_move_to_group (store, workshop, ids[7], making, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pb_workshop_lookup_idea (workshop, ids[7])->group_id, ==, making);
  g_assert_cmpuint (pb_workshop_lookup_group (workshop, green)->dots, ==, 5);
  g_assert_cmpuint (pb_workshop_lookup_group (workshop, making)->dots, ==, 5);
  /* Unpicked ideas and unknown groups are refused. */
  g_assert_false (pb_store_workshop_move_to_group (store, workshop, ids[8], green, &error));
  assert_refused (&error, PB_WORKSHOP_ERROR_NOT_PICKED);
  g_assert_false (pb_store_workshop_move_to_group (store, workshop, ids[6], 4242, &error));
  assert_refused (&error, PB_WORKSHOP_ERROR_NOT_FOUND);
  g_assert_cmpint (pb_workshop_lookup_idea (workshop, ids[6])->group_id, ==, making);

  g_assert_true (pb_store_workshop_rename_group (store, workshop, making, "Repair and share", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pb_workshop_lookup_group (workshop, making)->name, ==, "Repair and share");
  g_assert_true (pb_store_workshop_move_to_group (store, workshop, ids[6], 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pb_workshop_lookup_idea (workshop, ids[6])->group_id, ==, 0);
  /* Removing a group leaves its ideas in no group. */
  g_assert_true (pb_store_workshop_remove_group (store, workshop, making, &error));
  g_assert_no_error (error);
  g_assert_null (pb_workshop_lookup_group (workshop, making));
  g_assert_cmpint (pb_workshop_lookup_idea (workshop, ids[7])->group_id, ==, 0);
  g_assert_nonnull (pb_workshop_lookup_idea (workshop, ids[7]));

  /* Groups are made in Arrange. */
  previous_stage (store, workshop, PB_WORKSHOP_STAGE_RANK);
  g_assert_cmpint (pb_store_workshop_add_group (store, workshop, "Later", &error), ==, 0);
  assert_refused (&error, PB_WORKSHOP_ERROR_WRONG_STAGE);
}

static PbAuditEntry *
last_audit_of_kind (PbStore    *store,
                    const char *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) entries = pb_store_list_audit (store, NULL, &error);
  guint n;

  g_assert_no_error (error);
  n = g_list_model_get_n_items (entries);
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(PbAuditEntry) entry = g_list_model_get_item (entries, i - 1);

      if (g_str_equal (pb_audit_entry_get_kind (entry), kind))
        return g_steal_pointer (&entry);
    }
  return NULL;
}

static void
test_promotion (StoreFixture  *fixture,
                gconstpointer  data)
{
  PbProcess *process = make_proposals_process (fixture->store);
  PbStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbAuditEntry) promote_entry = NULL;
  g_autoptr(PbAuditEntry) project_entry = NULL;
  g_autofree char *subject = NULL;
  gint64 ids[10], green;
  PbWorkshop *workshop = workshop_at_arrange (store, process, ids);
  PbWorkshopPromotion *promotion;
  PbProject *project, *group_project;
  guint64 n_entries = 0;

  /* An idea: a proposed project with its text, dots and origin. */
  project = pb_store_workshop_promote_idea (store, workshop, ids[9], &error);
  g_assert_no_error (error);
  g_assert_nonnull (project);
  g_assert_cmpuint (g_list_model_get_n_items (pb_process_list_projects (process)), ==, 1);
  g_assert_true (pb_process_lookup_project (process, pb_project_get_id (project)) == project);
  g_assert_cmpstr (pb_project_get_title (project), ==, "A shaded river path with benches");
  g_assert_cmpstr (pb_project_get_summary (project), ==, "A shaded river path with benches");
  g_assert_cmpint (pb_project_get_status (project), ==, PB_PROJECT_STATUS_PROPOSED);
  g_assert_cmpstr (pb_project_get_cost (project), ==, "0");
  g_assert_nonnull (strstr (pb_project_get_description (project), "Ana"));
  g_assert_nonnull (strstr (pb_project_get_description (project), "Ben"));
  g_assert_nonnull (strstr (pb_project_get_description (project), "5 dots"));
  g_assert_cmpint (pb_workshop_lookup_idea (workshop, ids[9])->project_id, ==, pb_project_get_id (project));
  g_assert_cmpuint (pb_workshop_get_promotions (workshop)->len, ==, 1);
  promotion = pb_workshop_get_promotions (workshop)->pdata[0];
  g_assert_cmpint (promotion->project_id, ==, pb_project_get_id (project));
  g_assert_cmpint (promotion->idea_id, ==, ids[9]);
  g_assert_cmpuint (promotion->dots, ==, 5);
  g_assert_cmpstr (promotion->origin, ==, pb_project_get_description (project));

  /* Its audit entries: the project's own and the promotion's. */
  project_entry = last_audit_of_kind (store, "workshop-promote");
  g_assert_nonnull (project_entry);
  subject = g_strdup_printf ("project %" G_GINT64_FORMAT, pb_project_get_id (project));
  g_assert_cmpstr (pb_audit_entry_get_subject (project_entry), ==, subject);
  promote_entry = last_audit_of_kind (store, "workshop-promotion");
  g_assert_nonnull (promote_entry);
  g_assert_cmpuint (pb_audit_entry_get_sequence (promote_entry), ==, pb_audit_entry_get_sequence (project_entry) + 1);
  g_assert_nonnull (strstr (pb_audit_entry_get_summary (promote_entry), pb_project_get_code (project)));
  g_assert_nonnull (strstr (pb_audit_entry_get_summary (promote_entry), "5 dots"));

  /* Twice is refused. */
  g_assert_null (pb_store_workshop_promote_idea (store, workshop, ids[9], &error));
  assert_refused (&error, PB_WORKSHOP_ERROR_ALREADY_PROMOTED);
  /* So is an idea that was not picked, or went into a merge. */
  g_assert_null (pb_store_workshop_promote_idea (store, workshop, ids[8], &error));
  assert_refused (&error, PB_WORKSHOP_ERROR_NOT_PICKED);
  g_assert_null (pb_store_workshop_promote_idea (store, workshop, ids[4], &error));
  assert_refused (&error, PB_WORKSHOP_ERROR_NOT_PICKED);

  /* A group: its name, its ideas, the sum of their dots. */
  green = pb_store_workshop_add_group (store, workshop, "Sharing things", &error);
  g_assert_no_error (error);
  g_assert_null (pb_store_workshop_promote_group (store, workshop, green, &error));
  assert_refused (&error, PB_WORKSHOP_ERROR_EMPTY);
  g_assert_true (pb_store_workshop_move_to_group (store, workshop, ids[6], green, &error));
  g_assert_true (pb_store_workshop_move_to_group (store, workshop, ids[7], green, &error));
  g_assert_no_error (error);
  group_project = pb_store_workshop_promote_group (store, workshop, green, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_project_get_title (group_project), ==, "Sharing things");
  g_assert_cmpstr (pb_project_get_summary (group_project), ==,
                   "• A repair café in the library\n• Tool library for gardeners");
  g_assert_cmpstr (pb_project_get_code (group_project), !=, pb_project_get_code (project));
  g_assert_cmpuint (((PbWorkshopPromotion *) pb_workshop_get_promotions (workshop)->pdata[1])->dots, ==, 5);
  g_assert_cmpint (pb_workshop_lookup_group (workshop, green)->project_id, ==, pb_project_get_id (group_project));
  g_assert_null (pb_store_workshop_promote_group (store, workshop, green, &error));
  assert_refused (&error, PB_WORKSHOP_ERROR_ALREADY_PROMOTED);
  /* An idea of a promoted group is not promoted twice, nor a group holding
   * an idea that is already a project. */
  g_assert_null (pb_store_workshop_promote_idea (store, workshop, ids[6], &error));
  assert_refused (&error, PB_WORKSHOP_ERROR_ALREADY_PROMOTED);
  {
    gint64 other = pb_store_workshop_add_group (store, workshop, "River", &error);

    g_assert_no_error (error);
    g_assert_true (pb_store_workshop_move_to_group (store, workshop, ids[9], other, &error));
    g_assert_no_error (error);
    g_assert_null (pb_store_workshop_promote_group (store, workshop, other, &error));
    assert_refused (&error, PB_WORKSHOP_ERROR_ALREADY_PROMOTED);
  }
  g_assert_cmpuint (g_list_model_get_n_items (pb_process_list_projects (process)), ==, 2);

  /* A promoted project deleted in Pb frees its idea to be promoted again. */
  {
    PbProject *again;
    gint64 deleted_id = pb_project_get_id (project);

    g_assert_true (pb_store_delete_project (store, project, &error));
    g_assert_no_error (error);
    g_assert_cmpint (pb_workshop_lookup_idea (workshop, ids[9])->project_id, ==, 0);
    g_assert_true (pb_store_workshop_reload (store, workshop, &error));
    g_assert_no_error (error);
    g_assert_cmpint (pb_workshop_lookup_idea (workshop, ids[9])->project_id, ==, 0);
    g_assert_cmpint (((PbWorkshopPromotion *) pb_workshop_get_promotions (workshop)->pdata[0])->project_id, ==, 0);
    again = pb_store_workshop_promote_idea (store, workshop, ids[9], &error);
    g_assert_no_error (error);
    g_assert_nonnull (again);
    g_assert_cmpint (pb_project_get_id (again), !=, deleted_id);
    project = again;
  }

  /* The audit chain still verifies. */
  g_assert_true (pb_store_verify (store, &n_entries, &error));
  g_assert_no_error (error);

  /* Promoting is done in Arrange, and only while taking proposals; the
   * projects go on to review. */
  previous_stage (store, workshop, PB_WORKSHOP_STAGE_RANK);
  g_assert_null (pb_store_workshop_promote_idea (store, workshop, ids[6], &error));
  assert_refused (&error, PB_WORKSHOP_ERROR_WRONG_STAGE);
  next_stage (store, workshop, PB_WORKSHOP_STAGE_ARRANGE);
  g_assert_true (pb_store_set_phase (store, process, PB_PHASE_REVIEW, "costing", &error));
  g_assert_no_error (error);
  g_assert_null (pb_store_workshop_promote_idea (store, workshop, ids[6], &error));
  assert_refused (&error, PB_WORKSHOP_ERROR_NOT_PROPOSALS);
  g_assert_false (pb_store_workshop_previous_stage (store, workshop, &error));
  assert_refused (&error, PB_WORKSHOP_ERROR_NOT_PROPOSALS);
  g_assert_true (pb_store_set_project_status (store, project, PB_PROJECT_STATUS_FEASIBLE, "costed", &error));
  g_assert_no_error (error);
  g_assert_true (pb_store_verify (store, &n_entries, &error));
  g_assert_no_error (error);
}

static void
test_restart (StoreFixture  *fixture,
              gconstpointer  data)
{
  PbProcess *process = make_proposals_process (fixture->store);
  gint64 process_id = pb_process_get_id (process);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 ids[10], started;
  PbWorkshop *workshop = workshop_at_arrange (fixture->store, process, ids);
  PbProject *project;

  g_assert_cmpint (pb_store_workshop_add_group (fixture->store, workshop, "Green", &error), >, 0);
  g_assert_no_error (error);
  project = pb_store_workshop_promote_idea (fixture->store, workshop, ids[6], &error);
  g_assert_no_error (error);
  g_assert_nonnull (project);
  g_assert_true (pb_store_workshop_set_stage_length (fixture->store, workshop, PB_WORKSHOP_STAGE_ARRANGE, 600,
                                                     &error));
  g_assert_true (pb_store_workshop_timer_start (fixture->store, workshop, &error));
  g_assert_true (pb_store_workshop_timer_extend (fixture->store, workshop, 45, &error));
  g_assert_no_error (error);
  started = pb_workshop_get_timer_started (workshop);
  before = record (fixture->store, workshop);

  /* Close everything and open the file again. */
  g_assert_finalize_object (fixture->store);
  fixture->store = pb_store_open (fixture->path, &error);
  g_assert_no_error (error);
  process = pb_store_lookup_process (fixture->store, process_id);
  g_assert_nonnull (process);
  workshop = pb_store_get_workshop (fixture->store, process, &error);
  g_assert_no_error (error);
  g_assert_nonnull (workshop);
  after = record (fixture->store, workshop);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (pb_workshop_get_stage (workshop), ==, PB_WORKSHOP_STAGE_ARRANGE);
  g_assert_true (pb_workshop_get_timer_running (workshop));
  g_assert_cmpint (pb_workshop_get_timer_started (workshop), ==, started);
  g_assert_cmpint (pb_workshop_get_timer_remaining (workshop, started), ==, 645);
  g_assert_cmpuint (pb_workshop_lookup_participant (workshop, ids[0])->dots_used, ==, 3);
  g_assert_cmpint (pb_workshop_lookup_idea (workshop, ids[6])->project_id, >, 0);
  /* And it goes on from there. */
  previous_stage (fixture->store, workshop, PB_WORKSHOP_STAGE_RANK);
}

static void
test_json (StoreFixture  *fixture,
           gconstpointer  data)
{
  PbProcess *process = make_proposals_process (fixture->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GList) members = NULL;
  const char *expected[] = {
    "format", "version", "process_id", "process", "created", "stage", "uses_warm_up", "uses_criteria",
    "dots_per_participant", "stage_lengths", "questions", "criteria", "participants", "ideas", "explain_order",
    "dots", "groups", "promotions", "assessments",
  };
  gint64 ids[10], group;
  PbWorkshop *workshop = workshop_at_arrange (fixture->store, process, ids);
  JsonObject *root, *idea;
  JsonArray *ideas;
  guint k = 0;

  group = pb_store_workshop_add_group (fixture->store, workshop, "Green", &error);
  g_assert_no_error (error);
  g_assert_true (pb_store_workshop_move_to_group (fixture->store, workshop, ids[9], group, &error));
  g_assert_nonnull (pb_store_workshop_promote_group (fixture->store, workshop, group, &error));
  g_assert_no_error (error);

  json = pb_workshop_to_json (workshop, fixture->store);
  again = pb_workshop_to_json (workshop, fixture->store);
  g_assert_cmpstr (json, ==, again);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  /* Keys in a stable order. */
  members = json_object_get_members (root);
  for (GList *l = members; l != NULL; l = l->next, k++)
    g_assert_cmpstr (l->data, ==, expected[k]);
  g_assert_cmpuint (k, ==, G_N_ELEMENTS (expected));

  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "pb-workshop");
  g_assert_cmpstr (json_object_get_string_member (root, "stage"), ==, "arrange");
  g_assert_cmpstr (json_object_get_string_member (root, "process"), ==, "Workshop fund");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "participants")), ==, 4);
  ideas = json_object_get_array_member (root, "ideas");
  g_assert_cmpuint (json_array_get_length (ideas), ==, 6);
  idea = json_array_get_object_element (ideas, 5);
  g_assert_cmpint (json_object_get_int_member (idea, "id"), ==, ids[9]);
  g_assert_cmpstr (json_object_get_string_member (idea, "origin"), ==, "merge");
  g_assert_true (json_object_get_null_member (idea, "participant"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (idea, "merged_from")), ==, 2);
  g_assert_cmpint (json_object_get_int_member (idea, "dots"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (idea, "group"), ==, group);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "explain_order")), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "dots")), ==, 5);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "promotions")), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (
                     json_object_get_array_member (root, "promotions"), 0), "dots"), ==, 5);
}

static void
test_not_proposals_and_delete (StoreFixture  *fixture,
                               gconstpointer  data)
{
  PbProcess *process = make_proposals_process (fixture->store);
  PbWorkshop *workshop = start (fixture->store, process);
  g_autoptr(GError) error = NULL;
  gint64 ana = add_participant (fixture->store, workshop, "Ana");

  g_assert_true (pb_store_set_phase (fixture->store, process, PB_PHASE_REVIEW, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pb_store_workshop_add_participant (fixture->store, workshop, "Ben", &error), ==, 0);
  assert_refused (&error, PB_WORKSHOP_ERROR_NOT_PROPOSALS);
  g_assert_false (pb_store_workshop_timer_start (fixture->store, workshop, &error));
  assert_refused (&error, PB_WORKSHOP_ERROR_NOT_PROPOSALS);
  g_assert_nonnull (pb_workshop_lookup_participant (workshop, ana));
  /* The record can still be read and exported. */
  g_free (pb_workshop_to_json (workshop, fixture->store));

  /* Deleting the process takes its workshop with it. */
  g_assert_true (pb_store_delete_process (fixture->store, process, &error));
  g_assert_no_error (error);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (pb_store_get_db (fixture->store),
                                         "SELECT (SELECT count(*) FROM workshops) + (SELECT count(*) FROM"
                                         " workshop_participants) + (SELECT count(*) FROM workshop_questions);",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
    sqlite3_finalize (stmt);
  }

  /* A new process may get the deleted one's id: it has no workshop, and
   * the one it starts is new. */
  {
    gint64 old_id = pb_workshop_get_id (workshop);
    PbProcess *again = make_proposals_process (fixture->store);
    PbWorkshop *fresh;

    g_assert_null (pb_store_get_workshop (fixture->store, again, &error));
    g_assert_no_error (error);
    fresh = start (fixture->store, again);
    g_assert_cmpuint (pb_workshop_get_participants (fresh)->len, ==, 0);
    g_assert_cmpint (pb_workshop_get_process_id (fresh), ==, pb_process_get_id (again));
    g_test_message ("old workshop %" G_GINT64_FORMAT ", new %" G_GINT64_FORMAT, old_id, pb_workshop_get_id (fresh));
  }
}

/* A database of every earlier schema version, with a process in it,
 * opens (migrating) and then holds a workshop. */
static void
test_migrations (void)
{
  for (guint version = 0; version < PB_STORE_SCHEMA_VERSION; version++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("pb-workshop-migrate-XXXXXX", &error);
      g_autofree char *path = g_build_filename (dir, "pb.db", NULL);
      PbStore *store;
      PbProcess *process;
      PbWorkshop *workshop;

      g_assert_no_error (error);
      g_test_message ("upgrading from version %u", version);
      g_assert_true (pb_store_create_schema_at_version (path, version, &error));
      g_assert_no_error (error);
      if (version >= 1)
        exec_raw (path, "INSERT INTO processes (name, budget, phase, created)"
                  " VALUES ('Old fund', '900', 'proposals', 0);");
      store = pb_store_open (path, &error);
      g_assert_no_error (error);
      if (version >= 1)
        process = pb_store_lookup_process (store, 1);
      else
        process = make_proposals_process (store);
      g_assert_nonnull (process);
      g_assert_null (pb_store_get_workshop (store, process, &error));
      g_assert_no_error (error);
      workshop = start (store, process);
      g_assert_cmpint (pb_store_workshop_add_participant (store, workshop, "Ana", &error), >, 0);
      g_assert_no_error (error);
      g_assert_finalize_object (store);

      /* Reopened at the current version, the workshop is there. */
      store = pb_store_open (path, &error);
      g_assert_no_error (error);
      {
        g_autoptr(PbProcess) first = g_list_model_get_item (pb_store_list_processes (store), 0);

        process = first;
      }
      workshop = pb_store_get_workshop (store, process, &error);
      g_assert_no_error (error);
      g_assert_nonnull (workshop);
      g_assert_cmpuint (pb_workshop_get_participants (workshop)->len, ==, 1);
      g_assert_finalize_object (store);
      remove_tree (dir);
    }
}

static void
test_stage_names (void)
{
  for (PbWorkshopStage s = 0; s <= PB_WORKSHOP_STAGE_LAST; s++)
    {
      PbWorkshopStage back;

      g_assert_true (pb_workshop_stage_from_string (pb_workshop_stage_to_string (s), &back));
      g_assert_cmpint (back, ==, s);
      g_assert_cmpstr (pb_workshop_stage_get_label (s), !=, "");
      g_assert_cmpstr (pb_workshop_stage_get_prompt (s), !=, "");
      g_assert_cmpuint (pb_workshop_stage_get_default_length (s), >=, 10);
    }
  g_assert_false (pb_workshop_stage_from_string ("brainstorm", &(PbWorkshopStage) { 0 }));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/workshop/" path, StoreFixture, NULL, store_fixture_set_up, func, store_fixture_tear_down)
  ADD ("start", test_start);
  ADD ("stage-transitions", test_stage_transitions);
  ADD ("optional-stages", test_optional_stages);
  ADD ("timer", test_timer);
  ADD ("key-jar", test_key_jar);
  ADD ("criteria-and-participants", test_criteria_and_participants);
  ADD ("pair-merge", test_pair_merge);
  ADD ("dots", test_dots);
  ADD ("arrange", test_arrange);
  ADD ("promotion", test_promotion);
  ADD ("restart", test_restart);
  ADD ("json", test_json);
  ADD ("not-proposals-and-delete", test_not_proposals_and_delete);
#undef ADD
  g_test_add_func ("/workshop/migrations", test_migrations);
  g_test_add_func ("/workshop/stage-names", test_stage_names);
  return g_test_run ();
}
