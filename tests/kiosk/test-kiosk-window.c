/* test-kiosk-window.c: the kiosk window driven as a resident and an
 * officer would: PIN set-up, choosing with the budget bar and refusals,
 * review, cast only after the commit, the receipt, a clean welcome for the
 * next resident, voter codes, cumulative and ranking ballots, the idle
 * timeout and leaving with the PIN.  Every widget is finalized.
 *
 * With PB_KIOSK_SCREENSHOT_DIR set, each screen is also saved as PNG,
 * light and dark. */

#include <adwaita.h>
#include <libintl.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "kiosk-fixture.h"
#include "pb-config.h"
#include "pb-kiosk-choose-page.h"
#include "pb-kiosk-languages.h"
#include "pb-kiosk-code-page.h"
#include "pb-kiosk-pin-page.h"
#include "pb-kiosk-project-card.h"
#include "pb-kiosk-rank-row.h"
#include "pb-kiosk-review-page.h"
#include "pb-kiosk-session.h"
#include "pb-kiosk-thanks-page.h"
#include "pb-kiosk-welcome-page.h"
#include "pb-kiosk-window-private.h"
#include "pb-screenshot.h"
#include "pb-store-private.h"

#define PIN "2468"

typedef struct {
  char           *dir;
  PbStore        *store;
  PbKioskWindow  *window;
} Fixture;

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5000);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("pb-kiosk-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.db", NULL);
  /* A short busy timeout: one test holds the database's lock. */
  fixture->store = pb_store_open_full (path, 300, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GFile) dir = g_file_new_for_path (fixture->dir);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  if (fixture->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      g_assert_finalize_object (fixture->window);
    }
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

/* Opens the kiosk @width × @height pixels large (with no window manager
 * on Xvfb, "full screen" is the size the window asks for). */
static void
open_kiosk_sized (Fixture   *fixture,
                  PbProcess *process,
                  int        width,
                  int        height)
{
  fixture->window = pb_kiosk_window_new (NULL, fixture->store, process);
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  gtk_window_present (GTK_WINDOW (fixture->window));
  spin (50);
}

static void
open_kiosk (Fixture   *fixture,
            PbProcess *process)
{
  open_kiosk_sized (fixture, process, 1280, 800);
}

/* Opens the kiosk, its PIN set, on a new process of @format with
 * @n_projects (asking for a voter code if @codes): the welcome screen. */
static PbProcess *
open_ready (Fixture        *fixture,
            PbBallotFormat  format,
            guint           n_projects,
            gboolean        codes)
{
  g_autoptr(GError) error = NULL;
  PbProcess *process = kiosk_fixture_add_process (fixture->store, format, n_projects, codes, &error);

  g_assert_no_error (error);
  g_assert_true (kiosk_fixture_set_pin (fixture->store, PIN, &error));
  open_kiosk (fixture, process);
  return process;
}

static void
assert_page (Fixture    *fixture,
             const char *name)
{
  g_assert_cmpstr (pb_kiosk_window_get_page_name (fixture->window), ==, name);
}

/* The first widget of @type under @widget, depth first. */
static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
page (Fixture    *fixture,
      const char *name)
{
  return pb_kiosk_window_get_page (fixture->window, name);
}

static void
screenshot (Fixture    *fixture,
            const char *name)
{
  const char *dir = g_getenv ("PB_KIOSK_SCREENSHOT_DIR");
  AdwStyleManager *manager = adw_style_manager_get_default ();

  if (dir == NULL)
    return;
  for (guint dark = 0; dark < 2; dark++)
    {
      g_autofree char *file = g_strdup_printf ("kiosk-%s%s%s.png", name,
                                               adw_style_manager_get_high_contrast (manager) ? "-hc" : "",
                                               dark ? "-dark" : "");
      g_autofree char *path = g_build_filename (dir, file, NULL);
      g_autoptr(GError) error = NULL;

      adw_style_manager_set_color_scheme (manager, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
      spin (400);
      g_assert_true (pb_widget_save_png (GTK_WIDGET (fixture->window), path, &error));
      g_assert_no_error (error);
    }
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

static PbProject *
project_by_title (PbProcess  *process,
                  const char *title)
{
  GListModel *projects = pb_process_list_ballot_projects (process);

  for (guint i = 0; i < g_list_model_get_n_items (projects); i++)
    {
      g_autoptr(PbProject) project = g_list_model_get_item (projects, i);

      if (g_str_equal (pb_project_get_title (project), title))
        return project;
    }
  g_assert_not_reached ();
}

static PbProject *
project_at (PbProcess *process,
            guint      index)
{
  g_autoptr(PbProject) project = g_list_model_get_item (pb_process_list_ballot_projects (process), index);

  return project;
}

static void
click (GtkWidget *widget)
{
  g_assert_true (gtk_widget_get_sensitive (widget));
  /* Like Enter or Space: GtkButton emits "clicked" after showing the
   * press for a quarter of a second. */
  g_assert_true (gtk_widget_activate (widget));
  spin (300);
}

/* Taps "Start" on the welcome screen. */
static void
tap_start (Fixture *fixture)
{
  click (pb_kiosk_welcome_page_get_start_button (PB_KIOSK_WELCOME_PAGE (page (fixture, "welcome"))));
}

/* Taps "Review my choices" on the choosing screen. */
static void
tap_review (Fixture *fixture)
{
  click (pb_kiosk_choose_page_get_review_button (PB_KIOSK_CHOOSE_PAGE (page (fixture, "choose"))));
}

/* Taps "Cast my ballot" on the review screen. */
static void
tap_cast (Fixture *fixture)
{
  click (pb_kiosk_review_page_get_cast_button (PB_KIOSK_REVIEW_PAGE (page (fixture, "review"))));
}

/* The card of @project, scrolled into view as a resident would scroll
 * (the grid makes cards only for what is on screen). */
static GtkWidget *
card_for (Fixture   *fixture,
          PbProject *project)
{
  PbKioskChoosePage *choose = PB_KIOSK_CHOOSE_PAGE (page (fixture, "choose"));
  gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  GtkWidget *card;

  g_assert_true (pb_kiosk_choose_page_scroll_to (choose, project));
  while ((card = pb_kiosk_choose_page_get_card (choose, project)) == NULL &&
         g_get_monotonic_time () < end)
    spin (20);
  g_assert_nonnull (card);
  return card;
}

/* Taps a project's choose button, as a resident would. */
static void
tap_choose (Fixture   *fixture,
            PbProject *project)
{
  click (pb_kiosk_project_card_get_choose_button (PB_KIOSK_PROJECT_CARD (card_for (fixture, project))));
}

static gboolean
card_is_chosen (Fixture   *fixture,
                PbProject *project)
{
  GtkWidget *card = card_for (fixture, project);

  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (pb_kiosk_project_card_get_choose_button (PB_KIOSK_PROJECT_CARD (card))));
}

static void
wait_for_page (Fixture    *fixture,
               const char *name,
               guint       timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (g_strcmp0 (pb_kiosk_window_get_page_name (fixture->window), name) != 0 &&
         g_get_monotonic_time () < end)
    spin (20);
  assert_page (fixture, name);
}

static void
wait_for_pin_page (Fixture *fixture)
{
  PbKioskPinPage *pin_page = PB_KIOSK_PIN_PAGE (page (fixture, "pin"));

  do
    spin (20);
  while (pb_kiosk_pin_page_is_busy (pin_page));
}

static void
test_first_start_and_full_path (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PbProcess *process = pb_store_seed_demo (fixture->store, &error);
  PbKioskPinPage *pin_page;
  PbKioskChoosePage *choose;
  PbKioskReviewPage *review;
  PbKioskThanksPage *thanks;
  PbProject *meadow, *orchard, *skate, *crossing;
  guint before;
  g_autofree char *receipt = NULL;
  g_autoptr(GListModel) ballots = NULL;
  g_autoptr(PbBallot) last = NULL;
  g_autoptr(PbBallotChoices) expected = NULL;
  g_autofree char *hash = NULL;

  g_assert_no_error (error);
  before = pb_store_count_ballots (fixture->store, process, PB_BALLOT_METHOD_ANY);
  open_kiosk (fixture, process);

  /* First start: the officer chooses a PIN before anything else. */
  assert_page (fixture, "pin");
  pin_page = PB_KIOSK_PIN_PAGE (page (fixture, "pin"));
  g_assert_cmpint (pb_kiosk_pin_page_get_mode (pin_page), ==, PB_KIOSK_PIN_PAGE_SETUP);
  screenshot (fixture, "pin-setup");
  pb_kiosk_pin_page_submit (pin_page, PIN, "1357");
  g_assert_nonnull (strstr (pb_kiosk_pin_page_get_error (pin_page), "not the same"));
  pb_kiosk_pin_page_submit (pin_page, PIN, PIN);
  wait_for_pin_page (fixture);
  wait_for_page (fixture, "welcome", 2000);
  hash = pb_store_get_setting (fixture->store, "kiosk-pin-hash");
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  screenshot (fixture, "welcome");

  /* Escape and closing do not leave. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "kiosk.escape", NULL));
  assert_page (fixture, "welcome");

  tap_start (fixture);
  assert_page (fixture, "choose");
  choose = PB_KIOSK_CHOOSE_PAGE (page (fixture, "choose"));
  g_assert_cmpuint (pb_kiosk_choose_page_get_n_shown (choose), ==, 12);
  g_assert_cmpstr (pb_kiosk_choose_page_get_budget_text (choose), ==, "£50,000 of £50,000 left");

  meadow = project_by_title (process, "Wildflower meadow in Riverside Park");
  orchard = project_by_title (process, "Community orchard on the Mill Lane plot");
  skate = project_by_title (process, "Skate and BMX park on the Mill Lane plot");
  crossing = project_by_title (process, "Safer crossing outside St Anne's School");

  tap_choose (fixture, meadow);
  tap_choose (fixture, orchard);
  tap_choose (fixture, crossing);
  g_assert_true (card_is_chosen (fixture, orchard));
  g_assert_cmpstr (pb_kiosk_choose_page_get_budget_text (choose), ==, "£15,000 of £50,000 left");
  g_assert_null (pb_kiosk_choose_page_get_message (choose));
  /* The picture shows the top of the list. */
  pb_kiosk_choose_page_scroll_to (choose, project_at (process, 0));
  spin (100);
  screenshot (fixture, "choose");

  /* The skate park shares the orchard's plot, and would also go over the
   * budget: it is refused, not silently ignored. */
  tap_choose (fixture, skate);
  g_assert_false (card_is_chosen (fixture, skate));
  g_assert_nonnull (pb_kiosk_choose_page_get_message (choose));
  g_assert_cmpstr (pb_kiosk_choose_page_get_budget_text (choose), ==, "£15,000 of £50,000 left");
  screenshot (fixture, "choose-refused");

  /* Search narrows the list; the choices stay. */
  pb_kiosk_choose_page_set_search (choose, "SKATE");
  g_assert_cmpuint (pb_kiosk_choose_page_get_n_shown (choose), ==, 1);
  g_assert_nonnull (card_for (fixture, skate));
  g_assert_false (pb_kiosk_choose_page_scroll_to (choose, orchard));
  spin (50);
  g_assert_null (pb_kiosk_choose_page_get_card (choose, orchard));
  pb_kiosk_choose_page_set_search (choose, "");
  g_assert_cmpuint (pb_kiosk_choose_page_get_n_shown (choose), ==, 12);
  g_assert_true (card_is_chosen (fixture, orchard));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (choose), "kiosk.escape", NULL));
  assert_page (fixture, "choose");

  /* Review, change (keeping the choices), review again. */
  click (pb_kiosk_choose_page_get_review_button (choose));
  assert_page (fixture, "review");
  review = PB_KIOSK_REVIEW_PAGE (page (fixture, "review"));
  g_assert_cmpuint (pb_kiosk_review_page_get_n_rows (review), ==, 3);
  screenshot (fixture, "review");
  g_signal_emit_by_name (review, "change");
  assert_page (fixture, "choose");
  g_assert_true (card_is_chosen (fixture, meadow));
  click (pb_kiosk_choose_page_get_review_button (choose));

  click (pb_kiosk_review_page_get_cast_button (review));
  assert_page (fixture, "thanks");
  thanks = PB_KIOSK_THANKS_PAGE (page (fixture, "thanks"));
  receipt = g_strdup (pb_kiosk_thanks_page_get_receipt (thanks));
  g_assert_cmpuint (strlen (receipt), >, 4);
  screenshot (fixture, "thanks");

  /* The database holds exactly that ballot, with that receipt. */
  g_assert_cmpuint (pb_store_count_ballots (fixture->store, process, PB_BALLOT_METHOD_ANY), ==, before + 1);
  ballots = pb_store_list_ballots (fixture->store, process, &error);
  g_assert_no_error (error);
  last = g_list_model_get_item (ballots, g_list_model_get_n_items (ballots) - 1);
  g_assert_cmpstr (pb_ballot_get_receipt (last), ==, receipt);
  g_assert_cmpint (pb_ballot_get_method (last), ==, PB_BALLOT_METHOD_KIOSK);
  expected = pb_ballot_choices_new (PB_BALLOT_FORMAT_KNAPSACK);
  pb_ballot_choices_add (expected, pb_project_get_id (meadow), 1);
  pb_ballot_choices_add (expected, pb_project_get_id (orchard), 1);
  pb_ballot_choices_add (expected, pb_project_get_id (crossing), 1);
  g_assert_true (pb_ballot_choices_equal (pb_ballot_get_choices (last), expected));

  /* A tap ends the thank-you screen: nothing of that ballot is left. */
  click (pb_kiosk_thanks_page_get_done_button (thanks));
  assert_page (fixture, "welcome");
  g_assert_cmpstr (pb_kiosk_thanks_page_get_receipt (thanks), ==, "");
  g_assert_cmpuint (pb_kiosk_review_page_get_n_rows (review), ==, 0);
  g_assert_false (card_is_chosen (fixture, meadow));
  g_assert_false (card_is_chosen (fixture, orchard));
  g_assert_null (pb_kiosk_choose_page_get_message (choose));
  g_assert_cmpstr (pb_kiosk_choose_page_get_budget_text (choose), ==, "£50,000 of £50,000 left");
}

static void
test_cast_failure_keeps_choices (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PbProcess *process = open_ready (fixture, PB_BALLOT_FORMAT_APPROVAL, 6, FALSE);
  PbKioskChoosePage *choose;
  PbKioskReviewPage *review;

  assert_page (fixture, "welcome");
  tap_start (fixture);
  choose = PB_KIOSK_CHOOSE_PAGE (page (fixture, "choose"));

  /* Approval: at least one project; reviewing with none says which rule. */
  click (pb_kiosk_choose_page_get_review_button (choose));
  assert_page (fixture, "choose");
  g_assert_nonnull (pb_kiosk_choose_page_get_message (choose));

  tap_choose (fixture, project_at (process, 0));
  click (pb_kiosk_choose_page_get_review_button (choose));
  assert_page (fixture, "review");

  /* The officer closes the vote meanwhile: the write is refused, and the
   * kiosk says so plainly, keeps the choices and never says "recorded". */
  g_assert_true (pb_store_set_phase (fixture->store, process, PB_PHASE_CLOSED, NULL, &error));
  review = PB_KIOSK_REVIEW_PAGE (page (fixture, "review"));
  click (pb_kiosk_review_page_get_cast_button (review));
  assert_page (fixture, "review");
  g_assert_nonnull (strstr (pb_kiosk_review_page_get_error (review), "not stored"));
  g_assert_cmpuint (pb_kiosk_review_page_get_n_rows (review), ==, 1);
  g_assert_cmpuint (pb_store_count_ballots (fixture->store, process, PB_BALLOT_METHOD_ANY), ==, 0);
  screenshot (fixture, "review-failed");
  g_signal_emit_by_name (review, "change");
  g_assert_true (card_is_chosen (fixture, project_at (process, 0)));
}

/* Opens the kiosk on a fresh approval process of six projects (asking
 * for a voter code if @codes) and starts a ballot. */
static PbProcess *
open_and_start (Fixture  *fixture,
                gboolean  codes)
{
  PbProcess *process = open_ready (fixture, PB_BALLOT_FORMAT_APPROVAL, 6, codes);

  tap_start (fixture);
  return process;
}

static void
choose_two_and_review (Fixture   *fixture,
                       PbProcess *process)
{
  tap_choose (fixture, project_at (process, 0));
  tap_choose (fixture, project_at (process, 1));
  tap_review (fixture);
  assert_page (fixture, "review");
}

/* Another program holds the database's write lock when the resident
 * casts: the kiosk says the database is busy, keeps the choices and says
 * nothing of "recorded"; pressing "Cast my ballot" again once the lock is
 * released stores the ballot. */
static void
test_cast_database_busy (Fixture       *fixture,
                         gconstpointer  data)
{
  PbProcess *process = open_and_start (fixture, FALSE);
  PbKioskReviewPage *review = PB_KIOSK_REVIEW_PAGE (page (fixture, "review"));
  sqlite3 *other = NULL;

  choose_two_and_review (fixture, process);
  g_assert_cmpint (sqlite3_open (pb_store_get_path (fixture->store), &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE;", NULL, NULL, NULL), ==, SQLITE_OK);

  click (pb_kiosk_review_page_get_cast_button (review));
  assert_page (fixture, "review");
  g_assert_nonnull (strstr (pb_kiosk_review_page_get_error (review), "the database is busy"));
  g_assert_nonnull (strstr (pb_kiosk_review_page_get_error (review), "Your choices are still here"));
  g_assert_cmpuint (pb_kiosk_review_page_get_n_rows (review), ==, 2);
  screenshot (fixture, "review-busy");

  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  g_assert_cmpuint (pb_store_count_ballots (fixture->store, process, PB_BALLOT_METHOD_ANY), ==, 0);

  click (pb_kiosk_review_page_get_cast_button (review));
  assert_page (fixture, "thanks");
  g_assert_cmpuint (pb_store_count_ballots (fixture->store, process, PB_BALLOT_METHOD_ANY), ==, 1);
}

/* The disk is full when the resident casts (SQLite's max_page_count
 * stands in for a full file system): a plain message, the choices kept,
 * nothing stored; once there is room again the same choices are cast. */
static void
test_cast_disk_full (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PbProcess *process = open_and_start (fixture, FALSE);
  PbKioskReviewPage *review = PB_KIOSK_REVIEW_PAGE (page (fixture, "review"));
  g_autoptr(PbBallotChoices) filler = pb_ballot_choices_new (PB_BALLOT_FORMAT_APPROVAL);
  sqlite3 *db = pb_store_get_db (fixture->store);
  g_autofree char *limit = NULL;
  guint stored = 0;
  sqlite3_stmt *stmt;

  choose_two_and_review (fixture, process);

  /* Fill the database up to a limit just above its size. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA page_count;", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  limit = g_strdup_printf ("PRAGMA max_page_count = %d;", sqlite3_column_int (stmt, 0) + 2);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, limit, NULL, NULL, NULL), ==, SQLITE_OK);
  pb_ballot_choices_add (filler, pb_project_get_id (project_at (process, 2)), 1);
  for (guint i = 0; i < 10000; i++)
    {
      g_autoptr(PbBallot) ballot = pb_store_cast_ballot (fixture->store, process, filler,
                                                         PB_BALLOT_METHOD_KIOSK, NULL, &error);

      if (ballot == NULL)
        break;
      stored++;
    }
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_DISK_FULL);
  g_clear_error (&error);

  click (pb_kiosk_review_page_get_cast_button (review));
  assert_page (fixture, "review");
  g_assert_nonnull (strstr (pb_kiosk_review_page_get_error (review), "disk is full"));
  g_assert_nonnull (strstr (pb_kiosk_review_page_get_error (review), "Your choices are still here"));
  g_assert_cmpuint (pb_kiosk_review_page_get_n_rows (review), ==, 2);
  g_assert_cmpuint (pb_store_count_ballots (fixture->store, process, PB_BALLOT_METHOD_ANY), ==, stored);
  screenshot (fixture, "review-disk-full");

  g_assert_cmpint (sqlite3_exec (db, "PRAGMA max_page_count = 1073741823;", NULL, NULL, NULL), ==, SQLITE_OK);
  click (pb_kiosk_review_page_get_cast_button (review));
  assert_page (fixture, "thanks");
  g_assert_cmpuint (pb_store_count_ballots (fixture->store, process, PB_BALLOT_METHOD_ANY), ==, stored + 1);
}

/* The resident's code is used on another kiosk (another connection to
 * the database) between typing it and casting: the ballot is refused
 * whole, the kiosk says why and asks for another code, the choices are
 * kept, and with a fresh code the same choices are cast. */
static void
test_cast_code_used_elsewhere (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PbProcess *process = open_and_start (fixture, TRUE);
  g_autoptr(GListModel) codes = pb_store_issue_voter_codes (fixture->store, process, 2, NULL, &error);
  g_autoptr(PbVoterCode) first = g_list_model_get_item (codes, 0);
  g_autoptr(PbVoterCode) second = g_list_model_get_item (codes, 1);
  PbKioskCodePage *code_page = PB_KIOSK_CODE_PAGE (page (fixture, "code"));
  g_autoptr(PbStore) other = pb_store_open_full (pb_store_get_path (fixture->store), 300, &error);
  PbProcess *other_process;
  g_autoptr(PbBallotChoices) elsewhere = pb_ballot_choices_new (PB_BALLOT_FORMAT_APPROVAL);
  g_autoptr(PbBallot) other_ballot = NULL;
  g_autoptr(GListModel) ballots = NULL;
  g_autoptr(PbBallot) mine = NULL;

  g_assert_no_error (error);
  assert_page (fixture, "code");
  pb_kiosk_code_page_submit (code_page, pb_voter_code_get_code (first));
  assert_page (fixture, "choose");
  choose_two_and_review (fixture, process);

  /* Meanwhile the same code is used on another kiosk. */
  other_process = pb_store_lookup_process (other, pb_process_get_id (process));
  pb_ballot_choices_add (elsewhere, pb_project_get_id (project_at (process, 3)), 1);
  other_ballot = pb_store_cast_ballot (other, other_process, elsewhere, PB_BALLOT_METHOD_KIOSK,
                                       pb_voter_code_get_code (first), &error);
  g_assert_no_error (error);

  tap_cast (fixture);
  assert_page (fixture, "code");
  g_assert_nonnull (strstr (pb_kiosk_code_page_get_error (code_page), "another kiosk"));
  g_assert_nonnull (strstr (pb_kiosk_code_page_get_error (code_page), "Your choices are still here"));
  g_assert_cmpuint (pb_store_count_ballots (fixture->store, process, PB_BALLOT_METHOD_ANY), ==, 1);
  screenshot (fixture, "code-used-elsewhere");

  /* A fresh code: the choices are still there and are cast. */
  pb_kiosk_code_page_submit (code_page, pb_voter_code_get_code (second));
  assert_page (fixture, "choose");
  g_assert_true (card_is_chosen (fixture, project_at (process, 0)));
  g_assert_true (card_is_chosen (fixture, project_at (process, 1)));
  tap_review (fixture);
  tap_cast (fixture);
  assert_page (fixture, "thanks");
  g_assert_cmpuint (pb_store_count_ballots (fixture->store, process, PB_BALLOT_METHOD_ANY), ==, 2);
  g_assert_cmpuint (pb_store_count_voter_codes (fixture->store, process, PB_VOTER_CODE_STATE_USED), ==, 2);
  ballots = pb_store_list_ballots (fixture->store, process, &error);
  g_assert_no_error (error);
  mine = g_list_model_get_item (ballots, 1);
  g_assert_cmpint (pb_ballot_choices_get_n_entries (pb_ballot_get_choices (mine)), ==, 2);
}

static void
test_voter_codes (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PbProcess *process = kiosk_fixture_add_process (fixture->store, PB_BALLOT_FORMAT_KNAPSACK, 6, TRUE, &error);
  g_autoptr(GListModel) codes = NULL;
  g_autoptr(PbVoterCode) first = NULL;
  g_autoptr(PbVoterCode) second = NULL;
  g_autofree char *sloppy = NULL;
  PbKioskCodePage *code_page;
  const char *canonical;

  g_assert_no_error (error);
  codes = pb_store_issue_voter_codes (fixture->store, process, 2, NULL, &error);
  g_assert_no_error (error);
  first = g_list_model_get_item (codes, 0);
  second = g_list_model_get_item (codes, 1);
  g_assert_true (kiosk_fixture_set_pin (fixture->store, PIN, &error));
  g_assert_true (pb_store_void_voter_code (fixture->store, process, pb_voter_code_get_code (second), &error));

  open_kiosk (fixture, process);
  tap_start (fixture);
  assert_page (fixture, "code");
  code_page = PB_KIOSK_CODE_PAGE (page (fixture, "code"));

  pb_kiosk_code_page_submit (code_page, "O0O0-1111");
  g_assert_nonnull (strstr (pb_kiosk_code_page_get_error (code_page), "not a voter code"));
  pb_kiosk_code_page_submit (code_page, "2222-2222");
  g_assert_nonnull (strstr (pb_kiosk_code_page_get_error (code_page), "not one of ours"));
  pb_kiosk_code_page_submit (code_page, pb_voter_code_get_code (second));
  g_assert_nonnull (strstr (pb_kiosk_code_page_get_error (code_page), "cancelled"));
  screenshot (fixture, "code-refused");
  assert_page (fixture, "code");

  /* Lower case, spaces instead of the dash: still the code. */
  canonical = pb_voter_code_get_code (first);
  sloppy = g_strdup_printf (" %c%c%c%c %c%c%c%c ", canonical[0], canonical[1], canonical[2], canonical[3],
                            canonical[5], canonical[6], canonical[7], canonical[8]);
  for (char *p = sloppy; *p; p++)
    *p = g_ascii_tolower (*p);
  pb_kiosk_code_page_submit (code_page, sloppy);
  assert_page (fixture, "choose");

  /* Checking did not use the code: it is used with the ballot. */
  g_assert_cmpuint (pb_store_count_voter_codes (fixture->store, process, PB_VOTER_CODE_STATE_USED), ==, 0);
  tap_choose (fixture, project_at (process, 0));
  tap_review (fixture);
  tap_cast (fixture);
  assert_page (fixture, "thanks");
  g_assert_cmpuint (pb_store_count_voter_codes (fixture->store, process, PB_VOTER_CODE_STATE_USED), ==, 1);

  click (pb_kiosk_thanks_page_get_done_button (PB_KIOSK_THANKS_PAGE (page (fixture, "thanks"))));
  tap_start (fixture);
  g_assert_null (pb_kiosk_code_page_get_error (code_page));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pb_kiosk_code_page_get_entry (code_page))), ==, "");
  pb_kiosk_code_page_submit (code_page, canonical);
  g_assert_nonnull (strstr (pb_kiosk_code_page_get_error (code_page), "already been used"));
}

static void
test_cumulative (Fixture       *fixture,
                 gconstpointer  data)
{
  PbProcess *process = open_ready (fixture, PB_BALLOT_FORMAT_CUMULATIVE, 4, FALSE);
  PbKioskChoosePage *choose;
  GtkWidget *card;
  GtkWidget *plus;

  tap_start (fixture);
  choose = PB_KIOSK_CHOOSE_PAGE (page (fixture, "choose"));
  card = card_for (fixture, project_at (process, 0));
  plus = pb_kiosk_project_card_get_plus_button (PB_KIOSK_PROJECT_CARD (card));

  for (guint i = 0; i < 5; i++)
    click (plus);
  g_assert_null (pb_kiosk_choose_page_get_message (choose));
  click (plus);
  g_assert_nonnull (pb_kiosk_choose_page_get_message (choose));
  click (pb_kiosk_project_card_get_minus_button (PB_KIOSK_PROJECT_CARD (card)));
  click (pb_kiosk_project_card_get_plus_button (PB_KIOSK_PROJECT_CARD (card_for (fixture, project_at (process, 1)))));
  screenshot (fixture, "choose-cumulative");

  click (pb_kiosk_choose_page_get_review_button (choose));
  g_assert_cmpuint (pb_kiosk_review_page_get_n_rows (PB_KIOSK_REVIEW_PAGE (page (fixture, "review"))), ==, 2);
  tap_cast (fixture);
  assert_page (fixture, "thanks");
  g_assert_cmpuint (pb_store_count_ballots (fixture->store, process, PB_BALLOT_METHOD_ANY), ==, 1);
}

static void
test_ranking (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PbProcess *process = open_ready (fixture, PB_BALLOT_FORMAT_RANKING, 5, FALSE);
  PbKioskChoosePage *choose;
  GtkWidget *list;
  GtkWidget *row;
  g_autoptr(GListModel) ballots = NULL;
  g_autoptr(PbBallot) ballot = NULL;

  tap_start (fixture);
  choose = PB_KIOSK_CHOOSE_PAGE (page (fixture, "choose"));

  tap_choose (fixture, project_at (process, 0));
  tap_choose (fixture, project_at (process, 1));
  tap_choose (fixture, project_at (process, 2));
  list = pb_kiosk_choose_page_get_ranking_list (choose);

  /* Move the third up twice with its keyboard-reachable button. */
  row = gtk_widget_get_last_child (list);
  click (pb_kiosk_rank_row_get_button (PB_KIOSK_RANK_ROW (row), PB_KIOSK_RANK_ROW_UP));
  row = gtk_widget_get_first_child (list);
  row = gtk_widget_get_next_sibling (row);
  g_assert_true (pb_kiosk_rank_row_get_project (PB_KIOSK_RANK_ROW (row)) == project_at (process, 2));
  /* The focus followed the project that moved. */
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (fixture->window)), row));
  click (pb_kiosk_rank_row_get_button (PB_KIOSK_RANK_ROW (row), PB_KIOSK_RANK_ROW_UP));
  row = gtk_widget_get_first_child (list);
  g_assert_true (pb_kiosk_rank_row_get_project (PB_KIOSK_RANK_ROW (row)) == project_at (process, 2));
  g_assert_false (gtk_widget_get_sensitive (pb_kiosk_rank_row_get_button (PB_KIOSK_RANK_ROW (row), PB_KIOSK_RANK_ROW_UP)));
  screenshot (fixture, "choose-ranking");

  click (pb_kiosk_choose_page_get_review_button (choose));
  tap_cast (fixture);
  ballots = pb_store_list_ballots (fixture->store, process, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ballots), ==, 1);
  ballot = g_list_model_get_item (ballots, 0);
  g_assert_cmpint (pb_ballot_choices_get_project (pb_ballot_get_choices (ballot), 0), ==,
                   pb_project_get_id (project_at (process, 2)));
}

static void
test_idle_timeout (Fixture       *fixture,
                   gconstpointer  data)
{
  PbProcess *process = open_ready (fixture, PB_BALLOT_FORMAT_KNAPSACK, 6, FALSE);
  gint64 end;

  /* GSettings allows 30 s at least; the test waits 3. */
  pb_kiosk_window_set_idle_limits (fixture->window, 3000, 2000);
  tap_start (fixture);
  tap_choose (fixture, project_at (process, 0));

  /* The countdown shows before the ballot is discarded. */
  end = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
  while (pb_kiosk_window_get_countdown_text (fixture->window) == NULL && g_get_monotonic_time () < end)
    spin (50);
  g_assert_nonnull (pb_kiosk_window_get_countdown_text (fixture->window));
  g_assert_nonnull (strstr (pb_kiosk_window_get_countdown_text (fixture->window), "cleared"));
  assert_page (fixture, "choose");
  screenshot (fixture, "idle-countdown");

  wait_for_page (fixture, "welcome", 4000);
  g_assert_null (pb_kiosk_window_get_countdown_text (fixture->window));
  g_assert_false (card_is_chosen (fixture, project_at (process, 0)));
  g_assert_cmpuint (pb_store_count_ballots (fixture->store, process, PB_BALLOT_METHOD_ANY), ==, 0);
}

static void
test_leave_with_pin (Fixture       *fixture,
                     gconstpointer  data)
{
  PbProcess *process = open_ready (fixture, PB_BALLOT_FORMAT_KNAPSACK, 3, FALSE);
  PbKioskPinPage *pin_page;
  gint64 end;

  tap_start (fixture);
  tap_choose (fixture, project_at (process, 0));

  /* Closing (Alt+F4, Ctrl+Q) asks for the PIN instead. */
  gtk_window_close (GTK_WINDOW (fixture->window));
  spin (20);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  assert_page (fixture, "pin");
  pin_page = PB_KIOSK_PIN_PAGE (page (fixture, "pin"));
  g_assert_cmpint (pb_kiosk_pin_page_get_mode (pin_page), ==, PB_KIOSK_PIN_PAGE_UNLOCK);
  screenshot (fixture, "pin-unlock");

  /* Escape goes back to the ballot, choices kept. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "kiosk.escape", NULL));
  assert_page (fixture, "choose");
  g_assert_true (card_is_chosen (fixture, project_at (process, 0)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "kiosk.leave", NULL));
  pb_kiosk_pin_page_submit (pin_page, "9999", NULL);
  wait_for_pin_page (fixture);
  g_assert_nonnull (strstr (pb_kiosk_pin_page_get_error (pin_page), "4 tries left"));
  g_assert_false (pb_kiosk_window_is_unlocked (fixture->window));

  /* The right PIN lets the officer out: the window closes itself. */
  pb_kiosk_pin_page_submit (pin_page, PIN, NULL);
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!pb_kiosk_window_is_unlocked (fixture->window) && g_get_monotonic_time () < end)
    spin (20);
  g_assert_true (pb_kiosk_window_is_unlocked (fixture->window));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
}

/* Adds every project card showing a project under @widget to @cards. */
static void
collect_cards (GtkWidget  *widget,
               GHashTable *cards)
{
  if (PB_IS_KIOSK_PROJECT_CARD (widget))
    {
      if (pb_kiosk_project_card_get_project (PB_KIOSK_PROJECT_CARD (widget)) != NULL &&
          gtk_widget_get_visible (gtk_widget_get_parent (widget)))
        g_hash_table_add (cards, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_cards (child, cards);
}

static void
test_many_projects (Fixture       *fixture,
                    gconstpointer  data)
{
  PbProcess *process = open_ready (fixture, PB_BALLOT_FORMAT_KNAPSACK, 200, FALSE);
  PbKioskChoosePage *choose;
  PbProject *last;
  GtkWidget *before;
  g_autoptr(GHashTable) cards = g_hash_table_new (NULL, NULL);

  /* How fast this is, is measured by bench-kiosk-choose. */
  tap_start (fixture);

  choose = PB_KIOSK_CHOOSE_PAGE (page (fixture, "choose"));
  g_assert_cmpuint (pb_kiosk_choose_page_get_n_shown (choose), ==, 200);
  pb_kiosk_choose_page_set_search (choose, "Project 19");
  /* "Project 19" and "Project 190" to "Project 199". */
  g_assert_cmpuint (pb_kiosk_choose_page_get_n_shown (choose), ==, 11);
  pb_kiosk_choose_page_set_search (choose, "");
  g_assert_cmpuint (pb_kiosk_choose_page_get_n_shown (choose), ==, 200);

  /* Typing on narrows, deleting widens, another word starts afresh:
   * "project 1" is in the summaries of 1, 10 to 19 and 100 to 199. */
  pb_kiosk_choose_page_set_search (choose, "project 1");
  g_assert_cmpuint (pb_kiosk_choose_page_get_n_shown (choose), ==, 111);
  pb_kiosk_choose_page_set_search (choose, "project 12");
  g_assert_cmpuint (pb_kiosk_choose_page_get_n_shown (choose), ==, 11);
  pb_kiosk_choose_page_set_search (choose, "project 1");
  g_assert_cmpuint (pb_kiosk_choose_page_get_n_shown (choose), ==, 111);
  pb_kiosk_choose_page_set_search (choose, "riverside");
  g_assert_cmpuint (pb_kiosk_choose_page_get_n_shown (choose), ==, 1);

  /* A search fills the cards already on screen with the projects found
   * (so that it needs no new cards), and each card then shows its new
   * project only: "project 19" puts Project 190 where Project 2 was, and
   * Project 2's choice stays with Project 2. */
  pb_kiosk_choose_page_set_search (choose, "");
  tap_choose (fixture, project_at (process, 1));
  g_assert_true (card_is_chosen (fixture, project_at (process, 1)));
  before = pb_kiosk_choose_page_get_card (choose, project_at (process, 1));
  collect_cards (GTK_WIDGET (choose), cards);
  g_assert_cmpuint (g_hash_table_size (cards), >, 0);
  pb_kiosk_choose_page_set_search (choose, "project 19");
  g_assert_cmpuint (pb_kiosk_choose_page_get_n_shown (choose), ==, 11);
  spin (100);
  g_assert_true (pb_kiosk_choose_page_get_card (choose, project_at (process, 189)) == before);
  g_assert_false (card_is_chosen (fixture, project_at (process, 189)));
  g_assert_null (pb_kiosk_choose_page_get_card (choose, project_at (process, 1)));
  screenshot (fixture, "choose-search");
  {
    g_autoptr(GHashTable) after = g_hash_table_new (NULL, NULL);
    GHashTableIter iter;
    gpointer card;

    collect_cards (GTK_WIDGET (choose), after);
    g_assert_cmpuint (g_hash_table_size (after), ==, 11);
    g_hash_table_iter_init (&iter, after);
    while (g_hash_table_iter_next (&iter, &card, NULL))
      g_assert_true (g_hash_table_contains (cards, card));
  }
  for (guint i = 189; i < 199; i++)
    g_assert_nonnull (card_for (fixture, project_at (process, i)));
  pb_kiosk_choose_page_set_search (choose, "");
  g_assert_true (card_is_chosen (fixture, project_at (process, 1)));
  tap_choose (fixture, project_at (process, 1));
  g_assert_false (card_is_chosen (fixture, project_at (process, 1)));
  pb_kiosk_choose_page_set_search (choose, "riverside");
  g_assert_cmpuint (pb_kiosk_choose_page_get_n_shown (choose), ==, 1);
  pb_kiosk_choose_page_set_search (choose, "zzz");
  g_assert_cmpuint (pb_kiosk_choose_page_get_n_shown (choose), ==, 0);
  pb_kiosk_choose_page_set_search (choose, "");
  g_assert_cmpuint (pb_kiosk_choose_page_get_n_shown (choose), ==, 200);

  /* The grid makes cards only near what is on screen: the last project's
   * card appears when the resident scrolls to it, and can be chosen. */
  last = project_at (process, 199);
  tap_choose (fixture, last);
  g_assert_true (card_is_chosen (fixture, last));
  tap_choose (fixture, last);
  g_assert_false (card_is_chosen (fixture, last));

  /* A category (the second of four in the drop-down, after "All
   * categories") shows only its projects. */
  pb_kiosk_choose_page_set_category (choose, 2);
  g_assert_cmpuint (pb_kiosk_choose_page_get_n_shown (choose), ==, 50);
  pb_kiosk_choose_page_set_category (choose, 0);
  g_assert_cmpuint (pb_kiosk_choose_page_get_n_shown (choose), ==, 200);
  screenshot (fixture, "choose-many");
}

/* The translation of @msgid in @language, from the build's catalogue. */
static char *
translate (const char *language,
           const char *msgid)
{
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));
  char *translated;

  g_setenv ("LANGUAGE", language, TRUE);
  textdomain (textdomain (NULL));
  translated = g_strdup (dgettext ("pb", msgid));
  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  textdomain (textdomain (NULL));
  return translated;
}

static const char *
start_label (Fixture *fixture)
{
  return gtk_button_get_label (GTK_BUTTON (pb_kiosk_welcome_page_get_start_button (PB_KIOSK_WELCOME_PAGE (page (fixture, "welcome")))));
}

/* Picks @name in the welcome screen's language drop-down, as a resident
 * would, and waits for the kiosk to be built again in that language. */
static void
choose_language (Fixture    *fixture,
                 const char *name)
{
  GtkWidget *welcome = page (fixture, "welcome");
  GtkDropDown *dropdown = GTK_DROP_DOWN (find_widget (welcome, GTK_TYPE_DROP_DOWN));
  GListModel *names = gtk_drop_down_get_model (dropdown);
  gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  guint position = GTK_INVALID_LIST_POSITION;

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dropdown)));
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (names), i), name))
      position = i;
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (dropdown, position);
  while (page (fixture, "welcome") == welcome && g_get_monotonic_time () < end)
    spin (20);
  g_assert_true (page (fixture, "welcome") != welcome);
  assert_page (fixture, "welcome");
}

/* Every shipped translation is offered on the welcome screen under its
 * own name, and choosing Polish really changes the kiosk's language; the
 * next resident finds the kiosk in its first language again. */
static void
test_language_switch (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) shipped = NULL;
  g_autofree char *start_pl = NULL;
  g_autofree char *title_pl = NULL;
  g_autofree char *linguas = NULL;
  g_autofree char *linguas_path = g_build_filename (PB_SOURCE_DIR, "po", "LINGUAS", NULL);
  GListModel *names;
  PbKioskChoosePage *choose;

  open_ready (fixture, PB_BALLOT_FORMAT_KNAPSACK, 3, FALSE);
  g_assert_cmpstr (start_label (fixture), ==, "Start");

  /* Every language in po/LINGUAS is offered, by its own name. */
  g_assert_true (g_file_get_contents (linguas_path, &linguas, NULL, &error));
  shipped = g_strsplit_set (linguas, " \n", -1);
  names = gtk_drop_down_get_model (GTK_DROP_DOWN (find_widget (page (fixture, "welcome"), GTK_TYPE_DROP_DOWN)));
  for (guint i = 0; shipped[i] != NULL; i++)
    {
      const char *own_name = pb_kiosk_languages_get_name (shipped[i]);
      gboolean offered = FALSE;

      if (shipped[i][0] == '\0' || shipped[i][0] == '#')
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (names); j++)
        offered |= g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (names), j), own_name);
      g_assert_true (offered);
    }

  start_pl = translate ("pl", "Start");
  title_pl = translate ("pl", "Choose the projects you want");
  if (g_str_equal (start_pl, "Start"))
    {
      g_test_skip ("po/pl.po has no Polish for “Start” yet: the switch cannot be seen");
      return;
    }

  choose_language (fixture, "Polski");
  g_assert_cmpstr (start_label (fixture), ==, start_pl);
  choose = PB_KIOSK_CHOOSE_PAGE (page (fixture, "choose"));
  tap_start (fixture);
  assert_page (fixture, "choose");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (find_widget (GTK_WIDGET (choose), GTK_TYPE_LABEL))), ==, title_pl);
  screenshot (fixture, "choose-polish");

  /* Starting again for the next resident: back in English. */
  g_signal_emit_by_name (choose, "cancel");
  wait_for_page (fixture, "welcome", 2000);
  spin (100);
  g_assert_cmpstr (start_label (fixture), ==, "Start");

  /* And Polish can be chosen back and forth. */
  choose_language (fixture, "Polski");
  screenshot (fixture, "welcome-polish");
  choose_language (fixture, "English");
  g_assert_cmpstr (start_label (fixture), ==, "Start");
}

/* The larger-text switch makes the text larger on every screen; the next
 * resident gets ordinary text again. */
static void
test_larger_text (Fixture       *fixture,
                  gconstpointer  data)
{
  PbProcess *process = open_ready (fixture, PB_BALLOT_FORMAT_KNAPSACK, 6, FALSE);
  GtkSwitch *large;
  GtkWidget *title;
  int before, after;

  /* The process name, at the top of the welcome screen. */
  title = find_widget (page (fixture, "welcome"), GTK_TYPE_LABEL);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (title)), ==, pb_process_get_name (process));
  gtk_widget_measure (title, GTK_ORIENTATION_VERTICAL, -1, NULL, &before, NULL, NULL);

  large = GTK_SWITCH (find_widget (page (fixture, "welcome"), GTK_TYPE_SWITCH));
  gtk_switch_set_active (large, TRUE);
  spin (100);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (fixture->window), "large-text"));
  gtk_widget_measure (title, GTK_ORIENTATION_VERTICAL, -1, NULL, &after, NULL, NULL);
  g_assert_cmpint (after, >=, before * 5 / 4);
  screenshot (fixture, "welcome-large-text");
  tap_start (fixture);
  tap_choose (fixture, project_at (process, 0));
  screenshot (fixture, "choose-large-text");

  g_signal_emit_by_name (page (fixture, "choose"), "cancel");
  spin (100);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (fixture->window), "large-text"));
  g_assert_false (gtk_switch_get_active (large));
}

/* On a narrow screen (360 px, a phone or a small tablet held upright)
 * every screen fits: nothing asks for more width, and the projects are
 * in one column. */
static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PbProcess *process = pb_store_seed_demo (fixture->store, &error);
  PbKioskChoosePage *choose;
  GtkWidget *first, *second;
  graphene_point_t a, b;
  int minimum;

  g_assert_no_error (error);
  g_assert_true (kiosk_fixture_set_pin (fixture->store, PIN, &error));
  open_kiosk_sized (fixture, process, 360, 740);
  spin (200);
  gtk_widget_measure (GTK_WIDGET (fixture->window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 360);
  screenshot (fixture, "welcome-narrow");

  tap_start (fixture);
  choose = PB_KIOSK_CHOOSE_PAGE (page (fixture, "choose"));
  spin (200);
  first = card_for (fixture, project_at (process, 0));
  second = card_for (fixture, project_at (process, 1));
  g_assert_true (gtk_widget_compute_point (first, GTK_WIDGET (choose), &GRAPHENE_POINT_INIT (0, 0), &a));
  g_assert_true (gtk_widget_compute_point (second, GTK_WIDGET (choose), &GRAPHENE_POINT_INIT (0, 0), &b));
  /* One column: the second card is below the first, not beside it. */
  g_assert_cmpfloat (a.x, ==, b.x);
  g_assert_cmpfloat (b.y, >, a.y);
  tap_choose (fixture, project_at (process, 0));
  gtk_widget_measure (GTK_WIDGET (fixture->window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  pb_kiosk_choose_page_scroll_to (choose, project_at (process, 0));
  spin (200);
  screenshot (fixture, "choose-narrow");

  click (pb_kiosk_choose_page_get_review_button (choose));
  gtk_widget_measure (GTK_WIDGET (fixture->window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  screenshot (fixture, "review-narrow");
}

static GtkWidget *
focus_of (Fixture *fixture)
{
  return gtk_window_get_focus (GTK_WINDOW (fixture->window));
}

/* The project card around @widget, or NULL. */
static PbKioskProjectCard *
card_around (GtkWidget *widget)
{
  GtkWidget *card = widget != NULL ? gtk_widget_get_ancestor (widget, PB_TYPE_KIOSK_PROJECT_CARD) : NULL;

  return card != NULL ? PB_KIOSK_PROJECT_CARD (card) : NULL;
}

/* The whole path by keyboard alone: Tab follows the reading order and
 * does not walk through every project (the arrow keys move between
 * cards), Enter or Space activates what has the focus. */
static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  PbProcess *process = open_ready (fixture, PB_BALLOT_FORMAT_KNAPSACK, 200, FALSE);
  PbKioskChoosePage *choose;
  GtkWidget *review_button;
  GtkWidget *focus;
  PbKioskProjectCard *first_card = NULL;
  guint tabs, categories_at = 0, card_at = 0, cancel_at = 0;
  graphene_point_t a, b;

  spin (100);

  /* The welcome screen starts with the focus on "Start": Enter starts. */
  g_assert_true (focus_of (fixture) == pb_kiosk_welcome_page_get_start_button (PB_KIOSK_WELCOME_PAGE (page (fixture, "welcome"))));
  click (focus_of (fixture));
  assert_page (fixture, "choose");
  choose = PB_KIOSK_CHOOSE_PAGE (page (fixture, "choose"));
  review_button = pb_kiosk_choose_page_get_review_button (choose);
  spin (100);
  /* The screen opens with the focus in the search field (typing searches),
   * the first control in reading order. */
  g_assert_nonnull (gtk_widget_get_ancestor (focus_of (fixture), GTK_TYPE_SEARCH_ENTRY));

  /* Tab from there: categories, the buttons of the cards on screen, then
   * "Cancel" and "Review my choices", not after 400 buttons. */
  for (tabs = 1; tabs <= 30; tabs++)
    {
      g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD));
      focus = focus_of (fixture);
      g_assert_nonnull (focus);
      if (categories_at == 0 && gtk_widget_get_ancestor (focus, GTK_TYPE_DROP_DOWN) != NULL)
        categories_at = tabs;
      if (card_at == 0 && card_around (focus) != NULL)
        {
          card_at = tabs;
          first_card = card_around (focus);
        }
      if (cancel_at == 0 && GTK_IS_BUTTON (focus) &&
          g_strcmp0 (gtk_button_get_label (GTK_BUTTON (focus)), "Cancel and start again") == 0)
        cancel_at = tabs;
      if (focus == review_button)
        break;
    }
  g_assert_true (focus_of (fixture) == review_button);
  g_assert_cmpuint (categories_at, >, 0);
  g_assert_cmpuint (card_at, >, categories_at);
  g_assert_cmpuint (cancel_at, >, card_at);
  g_assert_cmpuint (tabs, >, cancel_at);
  g_assert_true (pb_kiosk_project_card_get_project (first_card) == project_at (process, 0));

  /* Back into the grid; Down moves to the card below, Space chooses it. */
  gtk_widget_grab_focus (pb_kiosk_project_card_get_choose_button (first_card));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_DOWN));
  focus = focus_of (fixture);
  g_assert_nonnull (card_around (focus));
  g_assert_true (card_around (focus) != first_card);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (first_card), GTK_WIDGET (choose), &GRAPHENE_POINT_INIT (0, 0), &a));
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (card_around (focus)), GTK_WIDGET (choose), &GRAPHENE_POINT_INIT (0, 0), &b));
  g_assert_cmpfloat (b.y, >, a.y);
  while (focus != pb_kiosk_project_card_get_choose_button (card_around (focus)))
    {
      g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_RIGHT));
      focus = focus_of (fixture);
    }
  click (focus);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (focus)));

  /* To the review button and on: the review screen, then Cast. */
  gtk_widget_grab_focus (review_button);
  click (focus_of (fixture));
  assert_page (fixture, "review");
  g_assert_cmpuint (pb_kiosk_review_page_get_n_rows (PB_KIOSK_REVIEW_PAGE (page (fixture, "review"))), ==, 1);
  focus = focus_of (fixture);
  g_assert_nonnull (focus);
  for (tabs = 0; tabs < 10 && focus_of (fixture) != pb_kiosk_review_page_get_cast_button (PB_KIOSK_REVIEW_PAGE (page (fixture, "review"))); tabs++)
    g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD));
  click (focus_of (fixture));
  assert_page (fixture, "thanks");
  g_assert_cmpuint (pb_store_count_ballots (fixture->store, process, PB_BALLOT_METHOD_ANY), ==, 1);
  /* "Finish" has the focus: Enter ends the thank-you screen. */
  g_assert_true (focus_of (fixture) == pb_kiosk_thanks_page_get_done_button (PB_KIOSK_THANKS_PAGE (page (fixture, "thanks"))));
}

int
main (int    argc,
      char **argv)
{
  /* The build's catalogues, as `pb` finds them through PB_LOCALEDIR. */
  g_setenv ("PB_LOCALEDIR", PB_BUILD_LOCALEDIR, FALSE);
  setlocale (LC_ALL, "");
  bindtextdomain ("pb", g_getenv ("PB_LOCALEDIR"));
  bind_textdomain_codeset ("pb", "UTF-8");
  textdomain ("pb");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/kiosk/window/first-start-and-full-path", Fixture, NULL, fixture_set_up, test_first_start_and_full_path, fixture_tear_down);
  g_test_add ("/kiosk/window/cast-failure-keeps-choices", Fixture, NULL, fixture_set_up, test_cast_failure_keeps_choices, fixture_tear_down);
  g_test_add ("/kiosk/window/cast-database-busy", Fixture, NULL, fixture_set_up, test_cast_database_busy, fixture_tear_down);
  g_test_add ("/kiosk/window/cast-disk-full", Fixture, NULL, fixture_set_up, test_cast_disk_full, fixture_tear_down);
  g_test_add ("/kiosk/window/cast-code-used-elsewhere", Fixture, NULL, fixture_set_up, test_cast_code_used_elsewhere, fixture_tear_down);
  g_test_add ("/kiosk/window/voter-codes", Fixture, NULL, fixture_set_up, test_voter_codes, fixture_tear_down);
  g_test_add ("/kiosk/window/cumulative", Fixture, NULL, fixture_set_up, test_cumulative, fixture_tear_down);
  g_test_add ("/kiosk/window/ranking", Fixture, NULL, fixture_set_up, test_ranking, fixture_tear_down);
  g_test_add ("/kiosk/window/idle-timeout", Fixture, NULL, fixture_set_up, test_idle_timeout, fixture_tear_down);
  g_test_add ("/kiosk/window/leave-with-pin", Fixture, NULL, fixture_set_up, test_leave_with_pin, fixture_tear_down);
  g_test_add ("/kiosk/window/language-switch", Fixture, NULL, fixture_set_up, test_language_switch, fixture_tear_down);
  g_test_add ("/kiosk/window/larger-text", Fixture, NULL, fixture_set_up, test_larger_text, fixture_tear_down);
  g_test_add ("/kiosk/window/narrow", Fixture, NULL, fixture_set_up, test_narrow, fixture_tear_down);
  g_test_add ("/kiosk/window/keyboard", Fixture, NULL, fixture_set_up, test_keyboard, fixture_tear_down);
  g_test_add ("/kiosk/window/many-projects", Fixture, NULL, fixture_set_up, test_many_projects, fixture_tear_down);

  return g_test_run ();
}
