/* test-kiosk-logic.c: the kiosk's session (choices, rules in plain words),
 * its officer PIN with the lockout, and its languages, without widgets. */

#include <locale.h>
#include <string.h>

#include "kiosk-fixture.h"
#include "pb-kiosk-languages.h"
#include "pb-kiosk-pin.h"
#include "pb-kiosk-session.h"
#include "pb-kiosk-slot-model.h"

typedef struct {
  char     *dir;
  PbStore  *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("pb-kiosk-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = pb_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GFile) dir = g_file_new_for_path (fixture->dir);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  g_assert_finalize_object (fixture->store);
  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME, 0, NULL, NULL);
  while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (dir, g_file_info_get_name (info));

      g_file_delete (child, NULL, NULL);
      g_object_unref (info);
    }
  g_file_delete (dir, NULL, NULL);
  g_free (fixture->dir);
}

static PbProject *
project_at (PbProcess *process,
            guint      index)
{
  g_autoptr(PbProject) project = g_list_model_get_item (pb_process_list_ballot_projects (process), index);

  return project;
}

static void
test_session_knapsack (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PbProcess *process = pb_store_seed_demo (fixture->store, &error);
  g_autoptr(PbKioskSession) session = NULL;
  g_autofree char *rules = NULL;
  g_autofree char *budget = NULL;
  guint changes = 0;
  PbProject *orchard = NULL, *skate = NULL;
  GListModel *projects;

  g_assert_no_error (error);
  session = pb_kiosk_session_new (fixture->store, process);
  g_signal_connect_swapped (session, "changed", G_CALLBACK (g_atomic_int_inc), &changes);

  rules = pb_kiosk_session_dup_rules_text (session);
  g_assert_nonnull (strstr (rules, "Choose up to 6 projects."));
  g_assert_nonnull (strstr (rules, "You can spend up to £50,000."));
  g_assert_nonnull (strstr (rules, "share a site"));

  budget = pb_kiosk_session_dup_budget_text (session);
  g_assert_cmpstr (budget, ==, "£50,000 of £50,000 left");
  g_assert_true (pb_kiosk_session_is_empty (session));

  projects = pb_process_list_ballot_projects (process);
  for (guint i = 0; i < g_list_model_get_n_items (projects); i++)
    {
      PbProject *project = project_at (process, i);

      if (g_str_equal (pb_project_get_code (project), "RF-03"))
        orchard = project;
      if (g_str_equal (pb_project_get_code (project), "RF-04"))
        skate = project;
    }
  g_assert_nonnull (orchard);
  g_assert_nonnull (skate);

  /* £12,000 + the skate park on the same plot: refused, with the reason. */
  g_assert_true (pb_kiosk_session_set_points (session, orchard, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 1);
  g_clear_pointer (&budget, g_free);
  budget = pb_kiosk_session_dup_budget_text (session);
  g_assert_cmpstr (budget, ==, "£38,000 of £50,000 left");
  g_assert_cmpfloat_with_epsilon (pb_kiosk_session_get_spent_fraction (session), 0.24, 1e-9);

  g_assert_false (pb_kiosk_session_set_points (session, skate, 1, &error));
  g_assert_error (error, PB_BALLOT_ERROR, PB_BALLOT_ERROR_INCOMPATIBLE);
  g_clear_error (&error);
  g_assert_cmpuint (pb_kiosk_session_get_points (session, skate), ==, 0);
  g_assert_cmpuint (changes, ==, 1);

  g_assert_true (pb_kiosk_session_validate (session, &error));
  g_assert_no_error (error);

  pb_kiosk_session_reset (session);
  g_assert_true (pb_kiosk_session_is_empty (session));
  g_assert_cmpuint (changes, ==, 2);
}

static void
test_session_over_budget (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PbProcess *process = kiosk_fixture_add_process (fixture->store, PB_BALLOT_FORMAT_KNAPSACK, 12, FALSE, &error);
  g_autoptr(PbKioskSession) session = NULL;
  guint chosen = 0;

  g_assert_no_error (error);
  session = pb_kiosk_session_new (fixture->store, process);

  /* Costs are 4,000, 6,000, … 26,000: taking them in turn overruns
   * £50,000 after a few, and the refusal names the limit. */
  for (guint i = 0; i < 12; i++)
    {
      if (pb_kiosk_session_set_points (session, project_at (process, i), 1, &error))
        chosen++;
      else
        {
          g_assert_error (error, PB_BALLOT_ERROR, PB_BALLOT_ERROR_OVER_BUDGET);
          g_assert_nonnull (strstr (error->message, "£50,000"));
          g_clear_error (&error);
        }
    }
  g_assert_cmpuint (chosen, ==, 5);
  g_assert_true (pb_kiosk_session_validate (session, NULL));
}

static void
test_session_cumulative (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PbProcess *process = kiosk_fixture_add_process (fixture->store, PB_BALLOT_FORMAT_CUMULATIVE, 4, FALSE, &error);
  g_autoptr(PbKioskSession) session = NULL;
  g_autofree char *rules = NULL;

  g_assert_no_error (error);
  session = pb_kiosk_session_new (fixture->store, process);
  rules = pb_kiosk_session_dup_rules_text (session);
  g_assert_nonnull (strstr (rules, "You have 10 points"));
  g_assert_nonnull (strstr (rules, "at most 5 points"));

  g_assert_true (pb_kiosk_session_set_points (session, project_at (process, 0), 5, &error));
  g_assert_false (pb_kiosk_session_set_points (session, project_at (process, 0), 6, &error));
  g_assert_error (error, PB_BALLOT_ERROR, PB_BALLOT_ERROR_POINTS_PER_PROJECT);
  g_clear_error (&error);
  g_assert_true (pb_kiosk_session_set_points (session, project_at (process, 1), 5, &error));
  g_assert_cmpuint (pb_kiosk_session_get_points_left (session), ==, 0);
  g_assert_false (pb_kiosk_session_set_points (session, project_at (process, 2), 1, &error));
  g_assert_error (error, PB_BALLOT_ERROR, PB_BALLOT_ERROR_POINTS_TOTAL);
}

static void
test_session_ranking (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PbProcess *process = kiosk_fixture_add_process (fixture->store, PB_BALLOT_FORMAT_RANKING, 5, FALSE, &error);
  g_autoptr(PbKioskSession) session = NULL;
  g_autofree char *text = NULL;
  g_autoptr(PbBallot) ballot = NULL;
  PbProject *a, *b, *c;

  g_assert_no_error (error);
  session = pb_kiosk_session_new (fixture->store, process);
  a = project_at (process, 0);
  b = project_at (process, 1);
  c = project_at (process, 2);
  g_assert_true (pb_kiosk_session_set_points (session, a, 1, NULL));
  g_assert_true (pb_kiosk_session_set_points (session, b, 1, NULL));
  g_assert_true (pb_kiosk_session_set_points (session, c, 1, NULL));
  g_assert_false (pb_kiosk_session_set_points (session, project_at (process, 3), 1, &error));
  g_assert_error (error, PB_BALLOT_ERROR, PB_BALLOT_ERROR_RANKING_TOO_LONG);
  g_clear_error (&error);

  g_assert_true (pb_kiosk_session_move (session, c, -1));
  g_assert_true (pb_kiosk_session_move (session, c, -1));
  g_assert_false (pb_kiosk_session_move (session, c, -1));
  g_assert_false (pb_kiosk_session_move (session, b, +1));
  g_assert_cmpuint (pb_kiosk_session_get_rank (session, c), ==, 1);
  g_assert_cmpuint (pb_kiosk_session_get_rank (session, a), ==, 2);
  g_assert_cmpuint (pb_kiosk_session_get_rank (session, b), ==, 3);

  ballot = pb_kiosk_session_cast (session, &error);
  g_assert_no_error (error);
  text = pb_ballot_choices_to_string (pb_ballot_get_choices (ballot));
  {
    g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
                                                 pb_project_get_id (c), pb_project_get_id (a), pb_project_get_id (b));

    g_assert_cmpstr (text, ==, expected);
  }
}

/* ---- PIN ---------------------------------------------------------------- */

static gint64 fake_now;

static gint64
fake_clock (gpointer user_data)
{
  return fake_now;
}

static void
async_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static gboolean
verify (PbKioskPin  *pin,
        const char  *text,
        GError     **error)
{
  GAsyncResult *result = NULL;
  gboolean ok;

  pb_kiosk_pin_verify_async (pin, text, NULL, async_result_cb, &result);
  ok = pb_kiosk_pin_verify_finish (pin, wait_for_result (&result), error);
  g_object_unref (result);
  return ok;
}

static void
test_pin (Fixture       *fixture,
          gconstpointer  data)
{
  PbKioskPin *pin = pb_kiosk_pin_new (fixture->store);
  gint64 end;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  GAsyncResult *result = NULL;

  pb_kiosk_pin_set_clock (pin, fake_clock, NULL);
  fake_now = 1000 * G_USEC_PER_SEC;

  g_assert_false (pb_kiosk_pin_is_set (pin));
  g_assert_false (pb_kiosk_pin_is_acceptable ("123", NULL));
  g_assert_false (pb_kiosk_pin_is_acceptable ("12a4", NULL));
  g_assert_false (pb_kiosk_pin_is_acceptable ("1234567890123", NULL));
  g_assert_true (pb_kiosk_pin_is_acceptable ("2468", NULL));

  pb_kiosk_pin_set_async (pin, "12", NULL, async_result_cb, &result);
  g_assert_false (pb_kiosk_pin_set_finish (pin, wait_for_result (&result), &error));
  g_assert_error (error, PB_KIOSK_PIN_ERROR, PB_KIOSK_PIN_ERROR_UNACCEPTABLE);
  g_clear_error (&error);
  g_clear_object (&result);

  pb_kiosk_pin_set_async (pin, "246810", NULL, async_result_cb, &result);
  g_assert_true (pb_kiosk_pin_set_finish (pin, wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_true (pb_kiosk_pin_is_set (pin));

  /* Only an Argon2id hash is stored, never the PIN. */
  hash = pb_store_get_setting (fixture->store, "kiosk-pin-hash");
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  g_assert_null (strstr (hash, "246810"));

  g_assert_true (verify (pin, "246810", &error));
  g_assert_no_error (error);

  /* Four wrong PINs count down; the fifth locks for a minute. */
  for (guint i = 1; i < PB_KIOSK_PIN_MAX_ATTEMPTS; i++)
    {
      g_assert_false (verify (pin, "000000", &error));
      g_assert_error (error, PB_KIOSK_PIN_ERROR, PB_KIOSK_PIN_ERROR_WRONG);
      g_clear_error (&error);
    }
  g_assert_false (verify (pin, "000000", &error));
  g_assert_error (error, PB_KIOSK_PIN_ERROR, PB_KIOSK_PIN_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_cmpuint (pb_kiosk_pin_get_seconds_locked (pin), ==, 60);

  /* While locked even the right PIN is refused. */
  fake_now += 59 * G_USEC_PER_SEC;
  g_assert_false (verify (pin, "246810", &error));
  g_assert_error (error, PB_KIOSK_PIN_ERROR, PB_KIOSK_PIN_ERROR_LOCKED);
  g_clear_error (&error);

  /* The next lock lasts twice as long. */
  fake_now += 2 * G_USEC_PER_SEC;
  g_assert_cmpuint (pb_kiosk_pin_get_seconds_locked (pin), ==, 0);
  for (guint i = 0; i < PB_KIOSK_PIN_MAX_ATTEMPTS; i++)
    {
      g_assert_false (verify (pin, "111111", &error));
      g_clear_error (&error);
    }
  g_assert_cmpuint (pb_kiosk_pin_get_seconds_locked (pin), ==, 120);
  fake_now += 120 * G_USEC_PER_SEC;
  g_assert_true (verify (pin, "246810", &error));
  g_assert_no_error (error);

  /* A worker thread may hold the last task (and so @pin) a moment longer. */
  g_object_add_weak_pointer (G_OBJECT (pin), (gpointer *) &pin);
  g_object_unref (pin);
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (pin != NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (pin);
}

typedef struct {
  guint position, removed, added;
} Change;

static void
slots_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static void
slot_notified_cb (GObject    *slot,
                  GParamSpec *pspec,
                  guint      *n_notified)
{
  (*n_notified)++;
}

/* Slot i holds the source's i-th project, and the slots are the same
 * objects as in @before (one per position) as far as both reach. */
static void
assert_slots (GListModel *slots,
              GListModel *source,
              GPtrArray  *before)
{
  g_assert_true (g_list_model_get_item_type (slots) == PB_TYPE_KIOSK_SLOT);
  g_assert_cmpuint (g_list_model_get_n_items (slots), ==, g_list_model_get_n_items (source));
  for (guint i = 0; i < g_list_model_get_n_items (source); i++)
    {
      g_autoptr(PbKioskSlot) slot = g_list_model_get_item (slots, i);
      g_autoptr(PbProject) project = g_list_model_get_item (source, i);

      g_assert_true (pb_kiosk_slot_get_project (slot) == project);
      if (i < before->len)
        g_assert_true (slot == g_ptr_array_index (before, i));
    }
  g_assert_null (g_list_model_get_item (slots, g_list_model_get_n_items (source)));
}

static void
remember_slots (GListModel *slots,
                GPtrArray  *before,
                guint      *n_notified)
{
  g_ptr_array_set_size (before, 0);
  for (guint i = 0; i < g_list_model_get_n_items (slots); i++)
    {
      g_autoptr(PbKioskSlot) slot = g_list_model_get_item (slots, i);

      g_ptr_array_add (before, slot);
      g_signal_handlers_disconnect_by_func (slot, slot_notified_cb, n_notified);
      g_signal_connect (slot, "notify::project", G_CALLBACK (slot_notified_cb), n_notified);
    }
}

/* The kiosk's grid shows PbKioskSlotModel: the filtered projects,
 * position by position, in slots that stay when the projects change, so
 * that a search refills the cards on screen.  The list changes only at
 * its end, and only the slots whose project changed say so. */
static void
test_slot_model (void)
{
  g_autoptr(GListStore) source = g_list_store_new (PB_TYPE_PROJECT);
  g_autoptr(PbKioskSlotModel) model = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GPtrArray) before = g_ptr_array_new ();
  GListModel *slots;
  PbProject *projects[6];
  guint n_notified = 0;
  Change *change;

  /* Only who is where matters here, not what the projects say. */
  for (guint i = 0; i < G_N_ELEMENTS (projects); i++)
    projects[i] = g_object_new (PB_TYPE_PROJECT, NULL);
  for (guint i = 0; i < 5; i++)
    g_list_store_append (source, projects[i]);

  model = pb_kiosk_slot_model_new (G_LIST_MODEL (source));
  slots = G_LIST_MODEL (model);
  g_signal_connect (slots, "items-changed", G_CALLBACK (slots_changed_cb), changes);
  assert_slots (slots, G_LIST_MODEL (source), before);
  remember_slots (slots, before, &n_notified);

  /* Two projects leave the middle: the three slots left show 1, 4, 5
   * (two of them changed), and the last two slots go. */
  g_list_store_splice (source, 1, 2, NULL, 0);
  assert_slots (slots, G_LIST_MODEL (source), before);
  g_assert_cmpuint (n_notified, ==, 2);
  g_assert_cmpuint (changes->len, ==, 1);
  change = &g_array_index (changes, Change, 0);
  g_assert_cmpuint (change->position, ==, 3);
  g_assert_cmpuint (change->removed, ==, 2);
  g_assert_cmpuint (change->added, ==, 0);

  /* Three come in at the front: the three slots are refilled, three new
   * slots are added at the end. */
  remember_slots (slots, before, &n_notified);
  n_notified = 0;
  g_array_set_size (changes, 0);
  g_list_store_splice (source, 0, 0, (gpointer *) &projects[1], 3);
  assert_slots (slots, G_LIST_MODEL (source), before);
  g_assert_cmpuint (n_notified, ==, 3);
  g_assert_cmpuint (changes->len, ==, 1);
  change = &g_array_index (changes, Change, 0);
  g_assert_cmpuint (change->position, ==, 3);
  g_assert_cmpuint (change->removed, ==, 0);
  g_assert_cmpuint (change->added, ==, 3);

  /* A change at the end leaves the slots before it alone; the same
   * number of projects changes no position at all. */
  remember_slots (slots, before, &n_notified);
  n_notified = 0;
  g_array_set_size (changes, 0);
  g_list_store_splice (source, 5, 1, (gpointer *) &projects[5], 1);
  assert_slots (slots, G_LIST_MODEL (source), before);
  g_assert_cmpuint (n_notified, ==, 1);
  g_assert_cmpuint (changes->len, ==, 0);

  /* Nothing left, then everything again. */
  g_list_store_remove_all (source);
  assert_slots (slots, G_LIST_MODEL (source), before);
  g_list_store_splice (source, 0, 0, (gpointer *) projects, G_N_ELEMENTS (projects));
  g_ptr_array_set_size (before, 0);
  assert_slots (slots, G_LIST_MODEL (source), before);

  g_clear_object (&model);
  for (guint i = 0; i < G_N_ELEMENTS (projects); i++)
    g_object_unref (projects[i]);
}

static void
test_languages (void)
{
  g_auto(GStrv) languages = pb_kiosk_languages_list ();

  g_assert_cmpstr (languages[0], ==, "en");
  g_assert_cmpstr (pb_kiosk_languages_get_name ("en"), ==, "English");
  g_assert_cmpstr (pb_kiosk_languages_get_name ("pl"), ==, "Polski");
  g_assert_cmpstr (pb_kiosk_languages_get_name ("xx"), ==, "xx");
}

/* Restarting the kiosk (a new PbKioskPin on the same database) gives a
 * guesser no fresh tries: the count, the lock and its doubling are kept in
 * the database. */
static void
test_pin_lockout_survives_restart (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  PbKioskPin *pin;

  g_assert_true (kiosk_fixture_set_pin (fixture->store, "2468", &error));
  fake_now = (gint64) 5000 * G_USEC_PER_SEC;

  /* Two wrong PINs, then a restart: three tries are left, not five. */
  pin = pb_kiosk_pin_new (fixture->store);
  pb_kiosk_pin_set_clock (pin, fake_clock, NULL);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_false (verify (pin, "0000", &error));
      g_assert_error (error, PB_KIOSK_PIN_ERROR, PB_KIOSK_PIN_ERROR_WRONG);
      g_clear_error (&error);
    }
  g_object_unref (pin);
  pin = pb_kiosk_pin_new (fixture->store);
  pb_kiosk_pin_set_clock (pin, fake_clock, NULL);
  g_assert_false (verify (pin, "0000", &error));
  g_assert_error (error, PB_KIOSK_PIN_ERROR, PB_KIOSK_PIN_ERROR_WRONG);
  g_assert_nonnull (strstr (error->message, "2 tries left"));
  g_clear_error (&error);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_false (verify (pin, "0000", &error));
      g_clear_error (&error);
    }
  g_assert_cmpuint (pb_kiosk_pin_get_seconds_locked (pin), ==, 60);

  /* Restarted while locked: still locked, even for the right PIN. */
  g_object_unref (pin);
  fake_now += 10 * G_USEC_PER_SEC;
  pin = pb_kiosk_pin_new (fixture->store);
  pb_kiosk_pin_set_clock (pin, fake_clock, NULL);
  g_assert_cmpuint (pb_kiosk_pin_get_seconds_locked (pin), ==, 50);
  g_assert_false (verify (pin, "2468", &error));
  g_assert_error (error, PB_KIOSK_PIN_ERROR, PB_KIOSK_PIN_ERROR_LOCKED);
  g_clear_error (&error);

  /* After the minute, five more wrong PINs lock for twice as long, also
   * across a restart. */
  fake_now += 50 * G_USEC_PER_SEC;
  g_assert_cmpuint (pb_kiosk_pin_get_seconds_locked (pin), ==, 0);
  for (guint i = 0; i < PB_KIOSK_PIN_MAX_ATTEMPTS; i++)
    {
      g_assert_false (verify (pin, "1111", &error));
      g_clear_error (&error);
    }
  g_object_unref (pin);
  pin = pb_kiosk_pin_new (fixture->store);
  pb_kiosk_pin_set_clock (pin, fake_clock, NULL);
  g_assert_cmpuint (pb_kiosk_pin_get_seconds_locked (pin), ==, 120);

  /* A clock turned back does not stretch the lock beyond its length. */
  fake_now -= (gint64) 3600 * G_USEC_PER_SEC;
  g_assert_cmpuint (pb_kiosk_pin_get_seconds_locked (pin), ==, 120);
  fake_now += 120 * G_USEC_PER_SEC;
  g_assert_cmpuint (pb_kiosk_pin_get_seconds_locked (pin), ==, 0);

  /* The right PIN clears the count, in the database too. */
  g_assert_true (verify (pin, "2468", &error));
  g_assert_no_error (error);
  stored = pb_store_get_setting (fixture->store, "kiosk-pin-lockout");
  g_assert_null (stored);
  g_object_unref (pin);
  pin = pb_kiosk_pin_new (fixture->store);
  pb_kiosk_pin_set_clock (pin, fake_clock, NULL);
  g_assert_false (verify (pin, "0000", &error));
  g_assert_nonnull (strstr (error->message, "4 tries left"));
  g_clear_error (&error);
  g_object_unref (pin);

  /* A damaged stored lockout never lets anyone in early: it locks. */
  g_assert_true (pb_store_set_setting (fixture->store, "kiosk-pin-lockout", "garbage", &error));
  pin = pb_kiosk_pin_new (fixture->store);
  pb_kiosk_pin_set_clock (pin, fake_clock, NULL);
  g_assert_cmpuint (pb_kiosk_pin_get_seconds_locked (pin), ==, 60);
  g_object_unref (pin);

  /* Worker threads may hold the last tasks (and so a PbKioskPin) a moment
   * longer; let them finish before the store goes. */
  for (gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC; g_get_monotonic_time () < end;)
    g_main_context_iteration (NULL, FALSE);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/kiosk/session/knapsack", Fixture, NULL, fixture_set_up, test_session_knapsack, fixture_tear_down);
  g_test_add ("/kiosk/session/over-budget", Fixture, NULL, fixture_set_up, test_session_over_budget, fixture_tear_down);
  g_test_add ("/kiosk/session/cumulative", Fixture, NULL, fixture_set_up, test_session_cumulative, fixture_tear_down);
  g_test_add ("/kiosk/session/ranking", Fixture, NULL, fixture_set_up, test_session_ranking, fixture_tear_down);
  g_test_add ("/kiosk/pin", Fixture, NULL, fixture_set_up, test_pin, fixture_tear_down);
  g_test_add ("/kiosk/pin/lockout-survives-restart", Fixture, NULL, fixture_set_up, test_pin_lockout_survives_restart, fixture_tear_down);
  g_test_add_func ("/kiosk/languages", test_languages);
  g_test_add_func ("/kiosk/slot-model", test_slot_model);

  return g_test_run ();
}
