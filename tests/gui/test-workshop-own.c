/* test-workshop-own.c: the participants' screen of the Own stage, opened
 * from the Workshop page and driven like a participant would: a name
 * picked or typed, ideas added, corrected and removed, "I'm done — hand
 * over", then the next participant, who must see nothing of the first
 * one's ideas.  Checks the store after each step (and a second store on
 * the same file, as after a restart), the page's live update, refusals,
 * the facilitator's way out, where the keyboard focus goes, and that it
 * fits 360 px, also with large text.  With
 * PB_WORKSHOP_SCREENSHOTS=DIR it saves pictures of the screen there. */

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pb-screenshot.h"
#include "pb-workshop-own.h"
#include "pb-workshop-page.h"

typedef struct
{
  char       *dir;
  char       *path;
  PbStore    *store;
  PbProcess  *process;
  PbWorkshop *workshop;
  gint64      ana;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pb-workshop-own-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "pb.db", NULL);
  f->store = pb_store_open (f->path, &error);
  g_assert_no_error (error);
  f->process = pb_store_create_process (f->store, "Riverside Ideas", "GBP", "20000", &error);
  g_assert_no_error (error);
  g_assert_true (pb_store_set_phase (f->store, f->process, PB_PHASE_PROPOSALS, NULL, &error));
  f->workshop = pb_store_start_workshop (f->store, f->process, &error);
  g_assert_no_error (error);
  while (pb_workshop_get_stage (f->workshop) != PB_WORKSHOP_STAGE_OWN)
    g_assert_true (pb_store_workshop_next_stage (f->store, f->workshop, &error));
  f->ana = pb_store_workshop_add_participant (f->store, f->workshop, "Ana", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GDir *dir;
  const char *name;

  g_assert_finalize_object (f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);

      g_unlink (child);
    }
  if (dir != NULL)
    g_dir_close (dir);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
flush (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The @index-th (from 0) mapped widget under @widget named @name. */
static GtkWidget *
find_named_nth (GtkWidget  *widget,
                const char *name,
                guint      *index)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (g_str_equal (gtk_widget_get_name (widget), name) && (*index)-- == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named_nth (child, name, index);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name,
            guint       index)
{
  GtkWidget *found = find_named_nth (widget, name, &index);

  g_assert_nonnull (found);
  return found;
}

static guint
count_named (GtkWidget  *widget,
             const char *name)
{
  guint n = 0;

  while (TRUE)
    {
      guint index = n;

      if (find_named_nth (widget, name, &index) == NULL)
        return n;
      n++;
    }
}

/* Every text on screen under @widget: labels, entries, buttons. */
static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  if (GTK_IS_EDITABLE (widget))
    g_string_append_printf (out, "%s\n", gtk_editable_get_text (GTK_EDITABLE (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

static gboolean
screen_shows (GtkWidget  *widget,
              const char *text)
{
  g_autoptr(GString) all = g_string_new (NULL);

  collect_text (widget, all);
  return strstr (all->str, text) != NULL;
}

/* Types @text into the entry named @name and presses Enter. */
static void
type_and_enter (GtkWidget  *window,
                const char *name,
                guint       index,
                const char *text)
{
  GtkWidget *entry = find_named (window, name, index);

  gtk_widget_grab_focus (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
  flush ();
}

/* Is the keyboard focus of @window in the widget named @name? */
static gboolean
focus_in (GtkWidget  *window,
          const char *name)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (window));

  for (; focus != NULL; focus = gtk_widget_get_parent (focus))
    if (g_str_equal (gtk_widget_get_name (focus), name))
      return TRUE;
  return FALSE;
}

static void
press (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  flush ();
}

static guint
count_ideas_of (PbWorkshop *workshop,
                gint64      participant_id)
{
  GPtrArray *ideas = pb_workshop_get_ideas (workshop);
  guint n = 0;

  for (guint i = 0; i < ideas->len; i++)
    n += ((PbWorkshopIdea *) ideas->pdata[i])->participant_id == participant_id;
  return n;
}

static gboolean
has_idea (PbWorkshop *workshop,
          gint64      participant_id,
          const char *text)
{
  GPtrArray *ideas = pb_workshop_get_ideas (workshop);

  for (guint i = 0; i < ideas->len; i++)
    {
      PbWorkshopIdea *idea = ideas->pdata[i];

      if (idea->participant_id == participant_id && g_str_equal (idea->text, text))
        return TRUE;
    }
  return FALSE;
}

static gint64
participant_named (PbWorkshop *workshop,
                   const char *name)
{
  GPtrArray *participants = pb_workshop_get_participants (workshop);

  for (guint i = 0; i < participants->len; i++)
    if (g_str_equal (((PbWorkshopParticipant *) participants->pdata[i])->name, name))
      return ((PbWorkshopParticipant *) participants->pdata[i])->id;
  return 0;
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
  path = g_strdup_printf ("%s/workshop-own-turn%s.png", dir, name);
  for (int i = 0; i < 20; i++)
    {
      g_usleep (20000);
      flush ();
    }
  g_assert_true (pb_widget_save_png (window, path, &error));
  g_assert_no_error (error);
}

/* Runs what @keyval does in @widget, found among its keyboard shortcuts
 * (as a key press would); FALSE when the key does nothing there. */
static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            {
              gboolean done = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                            gtk_shortcut_get_arguments (shortcut));

              flush ();
              return done;
            }
        }
    }
  return FALSE;
}

static AdwMessageDialog *
open_dialog (void)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());
  AdwMessageDialog *dialog = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        dialog = ADW_MESSAGE_DIALOG (window);
    }
  return dialog;
}

static void
answer_dialog (const char *response)
{
  AdwMessageDialog *dialog = open_dialog ();

  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  flush ();
}

static void
test_two_participants (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) second_store = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = pb_workshop_page_new ();
  GtkWidget *own;
  GArray *turn;
  PbWorkshop *reread;
  gint64 ben, idea;

  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_set_child (GTK_WINDOW (window), page);
  g_object_set (page, "store", f->store, "process", f->process, NULL);
  gtk_window_present (GTK_WINDOW (window));
  flush ();

  /* The Own stage offers the participants' screen. */
  g_assert_null (pb_workshop_page_get_own_screen (PB_WORKSHOP_PAGE (page)));
  g_assert_true (gtk_widget_activate_action (page, "workshop.own-screen", NULL));
  flush ();
  own = GTK_WIDGET (pb_workshop_page_get_own_screen (PB_WORKSHOP_PAGE (page)));
  g_assert_nonnull (own);
  g_assert_true (PB_IS_WORKSHOP_OWN (own));
  g_assert_true (gtk_widget_get_mapped (own));
  g_assert_true (screen_shows (own, "What is your first name?"));
  g_assert_cmpint (pb_workshop_own_get_participant (PB_WORKSHOP_OWN (own)), ==, 0);
  /* The keyboard is ready where it is needed at every step. */
  g_assert_true (focus_in (own, "name-entry"));
  /* An empty name is refused with a message; nothing is stored. */
  type_and_enter (own, "name-entry", 0, "   ");
  g_assert_true (screen_shows (own, "Write your first name"));
  g_assert_cmpuint (pb_workshop_get_participants (f->workshop)->len, ==, 1);
  screenshot (own, "-name");

  /* Ana picks her name from the list. */
  g_assert_cmpuint (count_named (own, "pick-name"), ==, 1);
  press (find_named (own, "pick-name", 0));
  g_assert_cmpint (pb_workshop_own_get_participant (PB_WORKSHOP_OWN (own)), ==, f->ana);
  g_assert_true (screen_shows (own, "Ana, it is your turn"));
  g_assert_true (screen_shows (own, "What would good look like?"));
  g_assert_false (screen_shows (own, "Write your first name"));
  g_assert_true (focus_in (own, "idea-entry"));

  /* Each idea is stored at once and listed. */
  type_and_enter (own, "idea-entry", 0, "Benches by the river");
  type_and_enter (own, "idea-entry", 0, "  Trees on Mill Road ");
  type_and_enter (own, "idea-entry", 0, "Oops, a mistake");
  g_assert_cmpuint (count_ideas_of (f->workshop, f->ana), ==, 3);
  g_assert_true (has_idea (f->workshop, f->ana, "Trees on Mill Road"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_named (own, "idea-entry", 0))), ==, "");
  g_assert_cmpuint (count_named (own, "turn-idea"), ==, 3);
  g_assert_true (focus_in (own, "idea-entry"));
  /* The facilitator's page follows live. */
  g_assert_true (screen_shows (page, "Benches by the river"));
  g_assert_true (screen_shows (page, "Oops, a mistake"));

  /* An empty idea is refused; what was typed before stays. */
  type_and_enter (own, "idea-entry", 0, " ");
  g_assert_true (screen_shows (own, "Write your idea first"));
  g_assert_cmpuint (count_ideas_of (f->workshop, f->ana), ==, 3);

  /* Corrected and removed before handing over. */
  type_and_enter (own, "turn-idea", 0, "Benches along the river path");
  g_assert_true (has_idea (f->workshop, f->ana, "Benches along the river path"));
  g_assert_false (has_idea (f->workshop, f->ana, "Benches by the river"));
  press (find_named (own, "turn-idea-remove", 2));
  g_assert_cmpuint (count_ideas_of (f->workshop, f->ana), ==, 2);
  g_assert_false (has_idea (f->workshop, f->ana, "Oops, a mistake"));
  g_assert_cmpuint (count_named (own, "turn-idea"), ==, 2);
  g_assert_false (screen_shows (page, "Oops, a mistake"));
  /* Emptying an idea is refused, and so is handing over with it. */
  gtk_editable_set_text (GTK_EDITABLE (find_named (own, "turn-idea", 1)), "");
  press (find_named (own, "hand-over", 0));
  g_assert_true (screen_shows (own, "An idea cannot be empty."));
  g_assert_cmpint (pb_workshop_own_get_participant (PB_WORKSHOP_OWN (own)), ==, f->ana);
  g_assert_true (has_idea (f->workshop, f->ana, "Trees on Mill Road"));
  gtk_editable_set_text (GTK_EDITABLE (find_named (own, "turn-idea", 1)), "Trees on Mill Road");
  gtk_editable_set_text (GTK_EDITABLE (find_named (own, "idea-entry", 0)), "");
  screenshot (own, "-write");

  /* Handing over empties the screen completely. */
  press (find_named (own, "hand-over", 0));
  g_assert_cmpint (pb_workshop_own_get_participant (PB_WORKSHOP_OWN (own)), ==, 0);
  g_assert_cmpuint (pb_workshop_own_get_turn_ideas (PB_WORKSHOP_OWN (own))->len, ==, 0);
  g_assert_true (screen_shows (own, "What is your first name?"));
  g_assert_false (screen_shows (own, "Benches"));
  g_assert_false (screen_shows (own, "Trees"));
  g_assert_false (screen_shows (own, "Ana, it is"));
  g_assert_true (focus_in (own, "name-entry"));
  g_assert_cmpuint (count_ideas_of (f->workshop, f->ana), ==, 2);

  /* Ben types his name (a new participant) and sees none of Ana's ideas. */
  type_and_enter (own, "name-entry", 0, "Ben");
  ben = participant_named (f->workshop, "Ben");
  g_assert_cmpint (ben, >, 0);
  g_assert_cmpint (pb_workshop_own_get_participant (PB_WORKSHOP_OWN (own)), ==, ben);
  g_assert_true (screen_shows (own, "Ben, it is your turn"));
  g_assert_false (screen_shows (own, "Benches"));
  g_assert_false (screen_shows (own, "Trees"));
  g_assert_cmpuint (count_named (own, "turn-idea"), ==, 0);
  type_and_enter (own, "idea-entry", 0, "Lights in the underpass");
  g_assert_true (has_idea (f->workshop, ben, "Lights in the underpass"));
  turn = pb_workshop_own_get_turn_ideas (PB_WORKSHOP_OWN (own));
  g_assert_cmpuint (turn->len, ==, 1);
  idea = g_array_index (turn, gint64, 0);
  g_assert_false (screen_shows (own, "Benches"));
  screenshot (own, "-second");
  /* The facilitator corrects it on the page: Ben sees the correction, and
   * saving his entries (as handing over does) keeps it. */
  g_assert_true (pb_store_workshop_edit_idea (f->store, f->workshop, idea, "Lights in the canal underpass", &error));
  g_assert_no_error (error);
  flush ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_named (own, "turn-idea", 0))), ==,
                   "Lights in the canal underpass");
  g_signal_emit_by_name (find_named (own, "turn-idea", 0), "activate");
  flush ();
  g_assert_true (has_idea (f->workshop, ben, "Lights in the canal underpass"));
  /* The facilitator removes it on the page: it leaves Ben's list. */
  g_assert_true (pb_store_workshop_remove_idea (f->store, f->workshop, idea, &error));
  g_assert_no_error (error);
  flush ();
  g_assert_cmpuint (count_named (own, "turn-idea"), ==, 0);
  type_and_enter (own, "idea-entry", 0, "Lights in the underpass, all night");
  press (find_named (own, "hand-over", 0));

  /* Ana again, typed in capitals: the same participant, an empty list. */
  type_and_enter (own, "name-entry", 0, "ANA");
  g_assert_cmpint (pb_workshop_own_get_participant (PB_WORKSHOP_OWN (own)), ==, f->ana);
  g_assert_cmpuint (pb_workshop_get_participants (f->workshop)->len, ==, 2);
  g_assert_false (screen_shows (own, "Lights"));
  g_assert_false (screen_shows (own, "Benches"));

  /* Another stage closes the writing and empties the screen. */
  g_assert_true (pb_store_workshop_next_stage (f->store, f->workshop, &error));
  g_assert_no_error (error);
  flush ();
  g_assert_true (screen_shows (own, "Writing ideas is over"));
  g_assert_cmpint (pb_workshop_own_get_participant (PB_WORKSHOP_OWN (own)), ==, 0);
  g_assert_true (pb_store_workshop_previous_stage (f->store, f->workshop, &error));
  flush ();
  g_assert_true (screen_shows (own, "What is your first name?"));

  /* Everything is in the database already: a second store reads it. */
  second_store = pb_store_open (f->path, &error);
  g_assert_no_error (error);
  {
    PbProcess *process = pb_store_lookup_process (second_store, pb_process_get_id (f->process));

    g_assert_nonnull (process);
    reread = pb_store_get_workshop (second_store, process, &error);
    g_assert_no_error (error);
    g_assert_nonnull (reread);
    g_assert_true (has_idea (reread, f->ana, "Benches along the river path"));
    g_assert_true (has_idea (reread, f->ana, "Trees on Mill Road"));
    g_assert_true (has_idea (reread, ben, "Lights in the underpass, all night"));
    g_assert_cmpuint (pb_workshop_get_ideas (reread)->len, ==, 3);
  }

  /* Escape asks; "Keep Writing" keeps it open, "Close Screen" closes it. */
  g_assert_null (open_dialog ());
  g_assert_true (press_key (own, GDK_KEY_Escape));
  answer_dialog ("cancel");
  g_assert_nonnull (pb_workshop_page_get_own_screen (PB_WORKSHOP_PAGE (page)));
  press (find_named (own, "leave", 0));
  answer_dialog ("close");
  g_assert_null (pb_workshop_page_get_own_screen (PB_WORKSHOP_PAGE (page)));

  g_object_set (page, "process", NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  flush ();
  g_assert_finalize_object (window);
}

/* At 360 px wide the screen asks for no more, on both pages. */
static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  PbWorkshopOwn *own = pb_workshop_own_new (f->store, f->workshop);
  int minimum = 0;

  g_object_ref_sink (own);
  gtk_window_set_default_size (GTK_WINDOW (own), 360, 720);
  gtk_window_present (GTK_WINDOW (own));
  flush ();
  gtk_widget_measure (GTK_WIDGET (own), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("the name page needs %d px", minimum);
  g_assert_cmpint (minimum, <=, 360);
  type_and_enter (GTK_WIDGET (own), "name-entry", 0, "Maximiliana");
  type_and_enter (GTK_WIDGET (own), "idea-entry", 0, "A shaded playground next to the library with benches for parents");
  gtk_widget_measure (GTK_WIDGET (own), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("the writing page needs %d px", minimum);
  g_assert_cmpint (minimum, <=, 360);
  screenshot (GTK_WIDGET (own), "-narrow");
  /* Half as large again, as with "Large Text": still 360 px. */
  g_object_set (gtk_settings_get_default (), "gtk-xft-dpi", 144 * 1024, NULL);
  flush ();
  gtk_widget_measure (GTK_WIDGET (own), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("with large text the writing page needs %d px", minimum);
  g_assert_cmpint (minimum, <=, 360);
  press (find_named (GTK_WIDGET (own), "hand-over", 0));
  gtk_widget_measure (GTK_WIDGET (own), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("with large text the name page needs %d px", minimum);
  g_assert_cmpint (minimum, <=, 360);
  screenshot (GTK_WIDGET (own), "-narrow-large-text");
  gtk_settings_reset_property (gtk_settings_get_default (), "gtk-xft-dpi");
  gtk_window_destroy (GTK_WINDOW (own));
  flush ();
  g_assert_finalize_object (own);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/workshop-own/two-participants", Fixture, NULL, fixture_setup, test_two_participants,
              fixture_teardown);
  g_test_add ("/workshop-own/narrow", Fixture, NULL, fixture_setup, test_narrow, fixture_teardown);
  return g_test_run ();
}
