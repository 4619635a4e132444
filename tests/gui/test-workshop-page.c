/* test-workshop-page.c: the Workshop page and its room view against a real
 * store, driven through the page's own actions and entry rows: starting a
 * workshop, every stage, the timer, picks and merges, dots with their
 * limit, groups by the keyboard way, promotion to projects, the room view
 * and both exports.  With PB_WORKSHOP_SCREENSHOTS=DIR it also saves a
 * picture of each stage there.  Every widget is finalized at the end. */

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pb-assessment.h"
#include "pb-screenshot.h"
#include "pb-workshop-page.h"
#include "pb-workshop-report.h"
#include "pb-workshop-room.h"

typedef struct
{
  char      *dir;
  char      *path;
  PbStore   *store;
  PbProcess *process;
} Fixture;

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  if (dir != NULL)
    g_dir_close (dir);
  g_rmdir (path);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pb-workshop-page-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "pb.db", NULL);
  f->store = pb_store_open (f->path, &error);
  g_assert_no_error (error);
  f->process = pb_store_create_process (f->store, "Riverside Ideas", "GBP", "20000", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
flush (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GtkWidget *
find_key (GtkWidget  *widget,
          const char *key)
{
  const char *own = g_object_get_data (G_OBJECT (widget), "pb-workshop-focus-key");

  if (own != NULL && g_str_equal (own, key))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_key (child, key);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Types @text into the entry row @key and presses Enter. */
static void
type_into (GtkWidget  *page,
           const char *key,
           const char *text)
{
  GtkWidget *row = find_key (page, key);

  g_assert_nonnull (row);
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "entry-activated");
  /* Accepted, the entry is emptied for the next one (and then rebuilt). */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
  flush ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_key (page, key))), ==, "");
}

static GtkWidget *
find_id_key (GtkWidget  *page,
             const char *prefix,
             gint64      id)
{
  g_autofree char *key = g_strdup_printf ("%s:%" G_GINT64_FORMAT, prefix, id);

  return find_key (page, key);
}

/* The button under @widget that runs @action. */
static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action)
{
  if (GTK_IS_ACTIONABLE (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
act (GtkWidget  *page,
     const char *action,
     GVariant   *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (page, action, parameter));
  flush ();
}

/* Does some label on screen under @widget show @text? */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;
  return FALSE;
}

static void
screenshot (GtkWidget  *window,
            const char *name)
{
  const char *dir = g_getenv ("PB_WORKSHOP_SCREENSHOTS");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (dir == NULL)
    return;
  path = g_strdup_printf ("%s/workshop-%s.png", dir, name);
  /* Let it lay out and draw first. */
  for (int i = 0; i < 20; i++)
    {
      g_usleep (20000);
      flush ();
    }
  g_assert_true (pb_widget_save_png (window, path, &error));
  g_assert_no_error (error);
}

static GtkWidget *
show_page (Fixture    *f,
           GtkWidget **out_page)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = pb_workshop_page_new ();

  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_set_child (GTK_WINDOW (window), page);
  g_object_set (page, "store", f->store, "process", f->process, NULL);
  gtk_window_present (GTK_WINDOW (window));
  flush ();
  *out_page = page;
  return window;
}

static void
destroy_window (GtkWidget *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  flush ();
  g_assert_finalize_object (window);
}

static gint64
participant_id (PbWorkshop *workshop,
                const char *name)
{
  GPtrArray *participants = pb_workshop_get_participants (workshop);

  for (guint i = 0; i < participants->len; i++)
    if (g_str_equal (((PbWorkshopParticipant *) participants->pdata[i])->name, name))
      return ((PbWorkshopParticipant *) participants->pdata[i])->id;
  g_assert_not_reached ();
  return 0;
}

static gint64
idea_id (PbWorkshop *workshop,
         const char *text)
{
  GPtrArray *ideas = pb_workshop_get_ideas (workshop);

  for (guint i = 0; i < ideas->len; i++)
    if (g_str_equal (((PbWorkshopIdea *) ideas->pdata[i])->text, text))
      return ((PbWorkshopIdea *) ideas->pdata[i])->id;
  g_assert_not_reached ();
  return 0;
}

/* Answers the message dialog that is open, after typing @text into it. */
static void
answer_dialog (const char *response,
               const char *text)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());
  AdwMessageDialog *dialog = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        dialog = ADW_MESSAGE_DIALOG (window);
    }
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (dialog), "entry")), text);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  flush ();
}

/* The drop target of the group @group_id (0: "Not in a Group"). */
static GtkDropTarget *
find_drop_target (GtkWidget *widget,
                  gint64     group_id)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller)
          && GPOINTER_TO_SIZE (g_object_get_data (controller, "group")) == (gsize) group_id)
        return GTK_DROP_TARGET (controller);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkDropTarget *found = find_drop_target (child, group_id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Drops idea @idea_id on group @group_id as a drag and drop would. */
static gboolean
drop_idea (GtkWidget *page,
           gint64     idea_id,
           gint64     group_id)
{
  GtkDropTarget *target = find_drop_target (page, group_id);
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  g_assert_nonnull (target);
  g_value_init (&value, G_TYPE_INT64);
  g_value_set_int64 (&value, idea_id);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  return accepted;
}

static void
keep_toast_cb (GtkWidget  *page,
               AdwToast   *toast,
               AdwToast  **out)
{
  g_set_object (out, toast);
}

static void
test_unavailable_then_start (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *page;
  GtkWidget *window = show_page (f, &page);

  /* A draft process: no workshop, and no button to start one. */
  g_assert_null (pb_workshop_page_get_workshop (PB_WORKSHOP_PAGE (page)));
  g_assert_true (shows_text (page, "proposals phase"));
  act (page, "workshop.start", NULL);
  g_assert_null (pb_workshop_page_get_workshop (PB_WORKSHOP_PAGE (page)));

  /* Taking proposals: it can start, with the key jar filled. */
  g_assert_true (pb_store_set_phase (f->store, f->process, PB_PHASE_PROPOSALS, NULL, &error));
  g_assert_no_error (error);
  flush ();
  g_assert_true (shows_text (page, "OPERA"));
  screenshot (window, "start");
  act (page, "workshop.start", NULL);
  g_assert_nonnull (pb_workshop_page_get_workshop (PB_WORKSHOP_PAGE (page)));
  g_assert_true (pb_store_get_workshop (f->store, f->process, NULL) ==
                 pb_workshop_page_get_workshop (PB_WORKSHOP_PAGE (page)));
  g_assert_true (shows_text (page, "Key Jar"));
  g_assert_true (shows_text (page, "What gets you out of bed in the morning?"));

  g_object_set (page, "process", NULL, NULL);
  destroy_window (window);
}

static void
test_whole_workshop (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json_path = g_build_filename (f->dir, "workshop.json", NULL);
  g_autofree char *pdf_path = g_build_filename (f->dir, "workshop.pdf", NULL);
  g_autofree char *written = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *room_text = NULL;
  g_autoptr(GFile) json_file = g_file_new_for_path (json_path);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf_path);
  const char *names[] = { "Ana", "Ben", "Cleo", "Dev" };
  const char *texts[] = { "Benches along the river path", "Shade trees on the river path",
                          "A repair café in the library", "Tool library for gardeners" };
  PbWorkshop *workshop;
  GtkWindow *room;
  GtkWidget *page, *window;
  AdwToast *toast = NULL;
  gint64 ana, ben, dev, merge, repair, tools, green;
  gint64 started;
  gsize length = 0;

  g_assert_true (pb_store_set_phase (f->store, f->process, PB_PHASE_PROPOSALS, NULL, &error));
  g_assert_no_error (error);
  window = show_page (f, &page);
  act (page, "workshop.start", NULL);
  workshop = pb_workshop_page_get_workshop (PB_WORKSHOP_PAGE (page));

  g_assert_false (shows_text (page, "no longer takes proposals"));

  /* Warm-up: draw from the jar, add a question. */
  act (page, "workshop.draw", NULL);
  g_assert_nonnull (pb_workshop_get_drawn_question (workshop));
  g_assert_true (shows_text (page, pb_workshop_get_drawn_question (workshop)->text));
  type_into (page, "add-question", "What would your grandmother change here?");
  g_assert_true (shows_text (page, "What would your grandmother change here?"));
  screenshot (window, "warm-up");

  /* The room view shows the question, large. */
  act (page, "workshop.room-view", NULL);
  room = pb_workshop_page_get_room (PB_WORKSHOP_PAGE (page));
  g_assert_nonnull (room);
  room_text = pb_workshop_room_dup_text (PB_WORKSHOP_ROOM (room));
  g_assert_nonnull (strstr (room_text, pb_workshop_get_drawn_question (workshop)->text));
  g_clear_pointer (&room_text, g_free);
  screenshot (GTK_WIDGET (room), "room-key-jar");
  gtk_window_close (room);
  flush ();
  g_assert_null (pb_workshop_page_get_room (PB_WORKSHOP_PAGE (page)));

  /* The timer: start, pause, one more minute. */
  g_assert_cmpstr (pb_workshop_page_get_timer_text (PB_WORKSHOP_PAGE (page)), ==, "10:00");
  act (page, "workshop.toggle-timer", NULL);
  g_assert_true (pb_workshop_get_timer_running (workshop));
  started = pb_workshop_get_timer_started (workshop);
  g_assert_cmpint (started, >, 0);
  act (page, "workshop.toggle-timer", NULL);
  g_assert_false (pb_workshop_get_timer_running (workshop));
  act (page, "workshop.extend", NULL);
  g_assert_cmpuint (pb_workshop_get_timer_extended (workshop), ==, 60);

  /* Criteria. */
  act (page, "workshop.next-stage", NULL);
  g_assert_cmpint (pb_workshop_get_stage (workshop), ==, PB_WORKSHOP_STAGE_CRITERIA);
  type_into (page, "add-criterion", "Serves the people who use it");
  type_into (page, "add-criterion", "Within our means");
  g_assert_cmpuint (pb_workshop_get_criteria (workshop)->len, ==, 2);
  screenshot (window, "criteria");

  /* Own: four participants, ideas turn by turn. */
  act (page, "workshop.next-stage", NULL);
  g_assert_cmpint (pb_workshop_get_stage (workshop), ==, PB_WORKSHOP_STAGE_OWN);
  /* Leaving Own with no idea is refused; nothing moves. */
  act (page, "workshop.next-stage", NULL);
  g_assert_cmpint (pb_workshop_get_stage (workshop), ==, PB_WORKSHOP_STAGE_OWN);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    type_into (page, "add-participant", names[i]);
  ana = participant_id (workshop, "Ana");
  ben = participant_id (workshop, "Ben");
  dev = participant_id (workshop, "Dev");
  g_assert_cmpint (pb_workshop_page_get_own_participant (PB_WORKSHOP_PAGE (page)), ==, ana);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    type_into (page, "add-idea", texts[i]);
  /* Each idea went to whose turn it was, then the turn moved on. */
  g_assert_cmpint (pb_workshop_lookup_idea (workshop, idea_id (workshop, texts[1]))->participant_id, ==, ben);
  g_assert_cmpint (pb_workshop_lookup_idea (workshop, idea_id (workshop, texts[3]))->participant_id, ==, dev);
  g_assert_cmpint (pb_workshop_page_get_own_participant (PB_WORKSHOP_PAGE (page)), ==, ana);
  type_into (page, "add-idea", "Night bus to the hospital");
  g_assert_true (shows_text (page, "Night bus to the hospital"));
  screenshot (window, "own");

  /* Pair: everyone paired; merge the two river ideas, pick two more. */
  act (page, "workshop.next-stage", NULL);
  g_assert_cmpint (pb_workshop_get_stage (workshop), ==, PB_WORKSHOP_STAGE_PAIR);
  g_assert_cmpuint (pb_workshop_get_n_pairs (workshop), ==, 2);
  g_assert_true (shows_text (page, "Pair 1: Ana, Ben"));
  merge = pb_store_workshop_merge_ideas (f->store, workshop, idea_id (workshop, texts[0]),
                                         idea_id (workshop, texts[1]), "A shaded river path with benches", &error);
  g_assert_no_error (error);
  flush ();
  repair = idea_id (workshop, texts[2]);
  tools = idea_id (workshop, texts[3]);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_id_key (page, "pick", repair)), TRUE);
  flush ();
  g_assert_true (pb_workshop_lookup_idea (workshop, repair)->picked);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_id_key (page, "pick", tools)), TRUE);
  flush ();
  g_assert_true (shows_text (page, "Went into a merged idea"));
  /* The pair rewords its merged idea in the edit dialog. */
  act (page, "workshop.edit-idea", g_variant_new_int64 (merge));
  answer_dialog ("save", "A shaded river path with benches and shade");
  g_assert_cmpstr (pb_workshop_lookup_idea (workshop, merge)->text, ==, "A shaded river path with benches and shade");
  /* An empty text is refused and changes nothing. */
  act (page, "workshop.edit-idea", g_variant_new_int64 (merge));
  answer_dialog ("save", "   ");
  g_assert_cmpstr (pb_workshop_lookup_idea (workshop, merge)->text, ==, "A shaded river path with benches and shade");
  act (page, "workshop.edit-idea", g_variant_new_int64 (merge));
  answer_dialog ("save", "A shaded river path with benches");
  screenshot (window, "pair");

  /* Explain: one at a time, with the room view. */
  act (page, "workshop.next-stage", NULL);
  g_assert_cmpint (pb_workshop_get_stage (workshop), ==, PB_WORKSHOP_STAGE_EXPLAIN);
  g_assert_cmpint (pb_workshop_get_explained_idea (workshop)->id, ==, merge);
  g_assert_true (shows_text (page, "Idea 1 of 3"));
  act (page, "workshop.explain-step", g_variant_new_int64 (1));
  g_assert_cmpint (pb_workshop_get_explained_idea (workshop)->id, ==, repair);
  act (page, "workshop.room-view", NULL);
  room = pb_workshop_page_get_room (PB_WORKSHOP_PAGE (page));
  room_text = pb_workshop_room_dup_text (PB_WORKSHOP_ROOM (room));
  g_assert_nonnull (strstr (room_text, "A repair café in the library"));
  g_assert_nonnull (strstr (room_text, "Idea 2 of 3"));
  g_clear_pointer (&room_text, g_free);
  screenshot (GTK_WIDGET (room), "room-explain");
  screenshot (window, "explain");

  /* Rank: dots up to the limit; the room shows the tally live. */
  act (page, "workshop.next-stage", NULL);
  g_assert_cmpint (pb_workshop_get_stage (workshop), ==, PB_WORKSHOP_STAGE_RANK);
  g_assert_cmpint (pb_workshop_page_get_rank_participant (PB_WORKSHOP_PAGE (page)), ==, ana);
  for (guint i = 0; i < 4; i++)   /* the fourth is refused */
    act (page, "workshop.dot-add", g_variant_new_int64 (merge));
  g_assert_cmpuint (pb_workshop_get_dots (workshop, ana, merge), ==, 3);
  act (page, "workshop.dot-remove", g_variant_new_int64 (merge));
  act (page, "workshop.dot-add", g_variant_new_int64 (repair));
  pb_workshop_page_set_rank_participant (PB_WORKSHOP_PAGE (page), ben);
  flush ();
  act (page, "workshop.dot-add", g_variant_new_int64 (repair));
  act (page, "workshop.dot-add", g_variant_new_int64 (repair));
  act (page, "workshop.dot-add", g_variant_new_int64 (tools));
  g_assert_cmpuint (pb_workshop_lookup_idea (workshop, repair)->dots, ==, 3);
  g_assert_cmpuint (pb_workshop_lookup_idea (workshop, merge)->dots, ==, 2);
  g_assert_true (shows_text (page, "Ben has 0 dots left of 3."));
  room_text = pb_workshop_room_dup_text (PB_WORKSHOP_ROOM (room));
  g_assert_nonnull (strstr (room_text, "3 A repair café in the library\n2 A shaded river path with benches\n"));
  g_clear_pointer (&room_text, g_free);
  screenshot (GTK_WIDGET (room), "room-rank");
  screenshot (window, "rank");
  gtk_window_destroy (room);
  flush ();

  /* Arrange: a group, ideas moved the keyboard way, promotions. */
  act (page, "workshop.next-stage", NULL);
  g_assert_cmpint (pb_workshop_get_stage (workshop), ==, PB_WORKSHOP_STAGE_ARRANGE);
  type_into (page, "add-group", "Repair and share");
  g_assert_cmpuint (pb_workshop_get_groups (workshop)->len, ==, 1);
  green = ((PbWorkshopGroup *) pb_workshop_get_groups (workshop)->pdata[0])->id;
  g_assert_nonnull (find_id_key (page, "move", repair));
  act (page, "workshop.move-to-group", g_variant_new ("(xx)", repair, green));
  /* The other one is dropped on the group (the drop of a drag and drop). */
  g_assert_true (drop_idea (page, tools, green));
  flush ();
  /* A drop the store refuses is refused. */
  g_assert_false (drop_idea (page, 99999, green));
  flush ();
  g_assert_cmpint (pb_workshop_lookup_idea (workshop, tools)->group_id, ==, green);
  g_assert_cmpuint (pb_workshop_lookup_group (workshop, green)->dots, ==, 4);
  g_signal_connect (page, "add-toast", G_CALLBACK (keep_toast_cb), &toast);
  act (page, "workshop.promote-group", g_variant_new_int64 (green));
  g_assert_nonnull (toast);
  g_assert_cmpuint (g_list_model_get_n_items (pb_process_list_projects (f->process)), ==, 1);
  /* Undo from the toast takes the project away; the group can be one again. */
  g_signal_emit_by_name (toast, "button-clicked");
  flush ();
  g_clear_object (&toast);
  g_assert_cmpuint (g_list_model_get_n_items (pb_process_list_projects (f->process)), ==, 0);
  g_assert_cmpint (pb_workshop_lookup_group (workshop, green)->project_id, ==, 0);
  act (page, "workshop.promote-group", g_variant_new_int64 (green));
  act (page, "workshop.promote-idea", g_variant_new_int64 (merge));
  g_signal_handlers_disconnect_by_func (page, keep_toast_cb, &toast);
  g_clear_object (&toast);
  g_assert_cmpuint (g_list_model_get_n_items (pb_process_list_projects (f->process)), ==, 2);
  g_assert_true (shows_text (page, "project P"));
  screenshot (window, "arrange");

  /* Exports. */
  pb_workshop_page_export (PB_WORKSHOP_PAGE (page), json_file, FALSE);
  pb_workshop_page_export (PB_WORKSHOP_PAGE (page), pdf_file, TRUE);
  for (int i = 0; i < 500 && !(g_file_test (json_path, G_FILE_TEST_EXISTS) && g_file_test (pdf_path,
                                                                                           G_FILE_TEST_EXISTS)); i++)
    {
      g_usleep (10000);
      flush ();
    }
  for (int i = 0; i < 20; i++)
    {
      g_usleep (10000);
      flush ();
    }
  g_assert_true (g_file_get_contents (json_path, &written, NULL, &error));
  g_assert_no_error (error);
  expected = pb_workshop_to_json (workshop, f->store);
  g_assert_cmpstr (written, ==, expected);
  g_clear_pointer (&written, g_free);
  g_assert_true (g_file_get_contents (pdf_path, &written, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (written, "%PDF-"));

  /* Going back a stage from the page. */
  act (page, "workshop.previous-stage", NULL);
  g_assert_true (gtk_widget_is_sensitive (find_action_button (page, "workshop.next-stage")));
  g_assert_cmpint (pb_workshop_get_stage (workshop), ==, PB_WORKSHOP_STAGE_RANK);

  /* The projects go to review: the workshop can be read, not changed. */
  g_assert_true (pb_store_set_phase (f->store, f->process, PB_PHASE_REVIEW, NULL, &error));
  g_assert_no_error (error);
  flush ();
  g_assert_true (shows_text (page, "no longer takes proposals"));
  g_assert_false (gtk_widget_is_sensitive (find_action_button (page, "workshop.next-stage")));
  g_assert_false (gtk_widget_is_sensitive (find_action_button (page, "workshop.toggle-timer")));
  act (page, "workshop.next-stage", NULL);
  g_assert_cmpint (pb_workshop_get_stage (workshop), ==, PB_WORKSHOP_STAGE_RANK);

  g_object_set (page, "process", NULL, NULL);
  destroy_window (window);
}

static void
test_report (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbWorkshopReport) report = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL;
  PbWorkshop *workshop;
  gint64 ana, ben, a, b, group, safe, means;
  g_autoptr(PbProject) promoted = NULL;
  guint n_pages = 0;

  g_assert_true (pb_store_set_phase (f->store, f->process, PB_PHASE_PROPOSALS, NULL, &error));
  workshop = pb_store_start_workshop (f->store, f->process, &error);
  g_assert_no_error (error);
  g_assert_true (pb_store_workshop_configure (f->store, workshop, FALSE, FALSE, 2, &error));
  ana = pb_store_workshop_add_participant (f->store, workshop, "Ana", &error);
  ben = pb_store_workshop_add_participant (f->store, workshop, "Ben", &error);
  a = pb_store_workshop_add_idea (f->store, workshop, ana, "Benches", &error);
  b = pb_store_workshop_add_idea (f->store, workshop, ben, "Lights", &error);
  g_assert_true (pb_store_workshop_next_stage (f->store, workshop, &error));
  g_assert_true (pb_store_workshop_set_picked (f->store, workshop, a, TRUE, &error));
  g_assert_true (pb_store_workshop_next_stage (f->store, workshop, &error));
  g_assert_true (pb_store_workshop_next_stage (f->store, workshop, &error));
  g_assert_true (pb_store_workshop_set_dots (f->store, workshop, ben, a, 2, &error));
  g_assert_true (pb_store_workshop_next_stage (f->store, workshop, &error));
  group = pb_store_workshop_add_group (f->store, workshop, "Street furniture", &error);
  g_assert_true (pb_store_workshop_move_to_group (f->store, workshop, a, group, &error));
  g_assert_nonnull (pb_store_workshop_promote_group (f->store, workshop, group, &error));
  g_assert_no_error (error);
  /* The promoted project's verdicts against the shared criteria. */
  safe = pb_store_workshop_add_criterion (f->store, workshop, "Safe at night", &error);
  means = pb_store_workshop_add_criterion (f->store, workshop, "Within our means", &error);
  g_assert_no_error (error);
  g_assert_true (pb_store_set_phase (f->store, f->process, PB_PHASE_REVIEW, NULL, &error));
  promoted = g_list_model_get_item (pb_process_list_projects (f->process), 0);
  g_assert_true (pb_store_assess_project (f->store, promoted, safe, PB_ASSESSMENT_MEETS, "Lit path", &error));
  g_assert_true (pb_store_assess_project (f->store, promoted, means, PB_ASSESSMENT_PARTLY, NULL, &error));
  g_assert_no_error (error);

  report = pb_workshop_report_new (workshop, f->store);
  text = pb_workshop_report_to_text (report);
  g_assert_nonnull (strstr (text, "Workshop of “Riverside Ideas”"));
  g_assert_nonnull (strstr (text, "• Benches — Ana"));
  g_assert_nonnull (strstr (text, "Pair 1: Ana and Ben"));
  g_assert_nonnull (strstr (text, "✓ Benches"));
  g_assert_nonnull (strstr (text, "– Lights (not picked)"));
  g_assert_nonnull (strstr (text, "1. Benches — 2 dots"));
  g_assert_nonnull (strstr (text, "Street furniture (2 dots)"));
  g_assert_nonnull (strstr (text, "P1  Street furniture"));
  g_assert_nonnull (strstr (text, "Safe at night: Meets — Lit path"));
  g_assert_nonnull (strstr (text, "Within our means: Partly meets"));
  (void) b;
  pdf = pb_workshop_report_render_pdf (report, &n_pages, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, ==, 1);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (pdf, NULL), "%PDF-"));
}

typedef struct {
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Written;

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Written *written = user_data;

  written->ok = pb_workshop_report_write_finish (result, &written->error);
  written->done = TRUE;
}

static gboolean
write_report (PbWorkshop *workshop,
              PbStore    *store,
              GFile      *file,
              GError    **error)
{
  Written written = { 0 };

  pb_workshop_report_write_async (workshop, store, file, NULL, written_cb, &written);
  while (!written.done)
    g_main_context_iteration (NULL, TRUE);
  if (written.error != NULL)
    g_propagate_error (error, written.error);
  return written.ok;
}

/* A full disk while the summary is written: the error says so, and the file
 * that was there is left whole (PB_TEST_DISK_SPACE, see pb-file.h). */
static void
test_report_no_space (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "summary.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  PbWorkshop *workshop;
  guint n_files = 0;

  g_assert_true (pb_store_set_phase (f->store, f->process, PB_PHASE_PROPOSALS, NULL, &error));
  workshop = pb_store_start_workshop (f->store, f->process, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, "the old summary", -1, &error));

  g_setenv ("PB_TEST_DISK_SPACE", "100", TRUE);
  g_assert_false (write_report (workshop, f->store, file, &error));
  g_unsetenv ("PB_TEST_DISK_SPACE");
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "the old summary");
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_false (g_str_has_suffix (name, ".part"));
      n_files++;
    }
  g_assert_cmpuint (n_files, >=, 2);

  /* With room again it is written. */
  g_clear_error (&error);
  g_assert_true (write_report (workshop, f->store, file, &error));
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
}

/* At a narrow 600 px every stage still fits: the page asks for no more. */
static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = pb_workshop_page_new ();
  PbWorkshop *workshop;
  gint64 ana, idea = 0;

  g_assert_true (pb_store_set_phase (f->store, f->process, PB_PHASE_PROPOSALS, NULL, &error));
  workshop = pb_store_start_workshop (f->store, f->process, &error);
  g_assert_no_error (error);
  ana = pb_store_workshop_add_participant (f->store, workshop, "Ana", &error);
  g_assert_no_error (error);
  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 760);
  gtk_window_set_child (GTK_WINDOW (window), page);
  g_object_set (page, "store", f->store, "process", f->process, NULL);
  gtk_window_present (GTK_WINDOW (window));
  flush ();
  for (PbWorkshopStage stage = PB_WORKSHOP_STAGE_WARM_UP; stage <= PB_WORKSHOP_STAGE_LAST; stage++)
    {
      int minimum = 0;

      g_assert_cmpint (pb_workshop_get_stage (workshop), ==, stage);
      gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      g_test_message ("%s needs %d px", pb_workshop_stage_to_string (stage), minimum);
      g_assert_cmpint (minimum, <=, 600);
      if (stage == PB_WORKSHOP_STAGE_OWN)
        {
          idea = pb_store_workshop_add_idea (f->store, workshop, ana, "Benches along the river path", &error);
          g_assert_no_error (error);
          flush ();
          screenshot (window, "own-narrow");
        }
      if (stage == PB_WORKSHOP_STAGE_PAIR)
        g_assert_true (pb_store_workshop_set_picked (f->store, workshop, idea, TRUE, &error));
      if (stage == PB_WORKSHOP_STAGE_ARRANGE)
        {
          g_assert_cmpint (pb_store_workshop_add_group (f->store, workshop, "Streets", &error), >, 0);
          flush ();
          screenshot (window, "arrange-narrow");
        }
      else
        g_assert_true (pb_store_workshop_next_stage (f->store, workshop, &error));
      g_assert_no_error (error);
      flush ();
    }
  g_object_set (page, "process", NULL, NULL);
  destroy_window (window);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/workshop-page/unavailable-then-start", Fixture, NULL, fixture_setup, test_unavailable_then_start,
              fixture_teardown);
  g_test_add ("/workshop-page/whole-workshop", Fixture, NULL, fixture_setup, test_whole_workshop, fixture_teardown);
  g_test_add ("/workshop-page/narrow", Fixture, NULL, fixture_setup, test_narrow, fixture_teardown);
  g_test_add ("/workshop-page/report", Fixture, NULL, fixture_setup, test_report, fixture_teardown);
  g_test_add ("/workshop-page/report-no-space", Fixture, NULL, fixture_setup, test_report_no_space,
              fixture_teardown);
  return g_test_run ();
}
