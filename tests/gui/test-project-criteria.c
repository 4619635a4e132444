/* test-project-criteria.c: the project editor's "Assessment Against the
 * Shared Criteria" group: one drop-down and note per criterion of the
 * process's workshop, titled with the criterion; saved through the store
 * and read back; a bad note shows the store's error and stores nothing;
 * insensitive, with the reason, outside review; hidden without criteria.
 * Every widget is finalized. */

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pb-assessment.h"
#include "pb-project-editor.h"
#include "pb-screenshot.h"
#include "pb-workshop.h"
#include "pb-test-files.h"

typedef struct
{
  char       *dir;
  char       *path;
  PbStore    *store;
  PbProcess  *process;
  PbProject  *project;
  gint64      serves;
  gint64      means;
} Fixture;

static gint64
add_criterion (Fixture    *f,
               const char *text)
{
  g_autoptr(GError) error = NULL;
  PbWorkshop *workshop = pb_store_start_workshop (f->store, f->process, &error);
  gint64 id;

  g_assert_no_error (error);
  id = pb_store_workshop_add_criterion (f->store, workshop, text, &error);
  g_assert_no_error (error);
  return id;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pb-criteria-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "pb.db", NULL);
  f->store = pb_store_open (f->path, &error);
  g_assert_no_error (error);
  f->process = pb_store_create_process (f->store, "Street Fund", "EUR", "10000", &error);
  g_assert_no_error (error);
  g_assert_true (pb_store_set_phase (f->store, f->process, PB_PHASE_PROPOSALS, NULL, &error));
  g_assert_no_error (error);
  f->serves = add_criterion (f, "Serves the people who use it");
  f->means = add_criterion (f, "Within our means");
  f->project = pb_store_add_project (f->store, f->process, &error, "title", "Park benches", "cost", "4000", NULL);
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
to_review (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pb_store_set_phase (f->store, f->process, PB_PHASE_REVIEW, NULL, &error));
  g_assert_no_error (error);
}

/* Every widget of @type under @widget, in order. */
static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (out, child);
      collect (child, type, out);
    }
}

/* The drop-down row titled @title and the note row that follows it. */
static AdwComboRow *
find_verdict_row (PbProjectEditor  *editor,
                  const char       *title,
                  AdwEntryRow     **out_note)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect (GTK_WIDGET (editor), ADW_TYPE_PREFERENCES_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (ADW_IS_COMBO_ROW (rows->pdata[i])
        && g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), title) == 0)
      {
        g_assert_cmpuint (i + 1, <, rows->len);
        g_assert_true (ADW_IS_ENTRY_ROW (rows->pdata[i + 1]));
        *out_note = rows->pdata[i + 1];
        return rows->pdata[i];
      }
  return NULL;
}

static GtkWidget *
find_group (PbProjectEditor *editor,
            const char      *title)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();

  collect (GTK_WIDGET (editor), ADW_TYPE_PREFERENCES_GROUP, groups);
  for (guint i = 0; i < groups->len; i++)
    if (g_strcmp0 (adw_preferences_group_get_title (groups->pdata[i]), title) == 0)
      return groups->pdata[i];
  return NULL;
}

static PbProjectEditor *
open_editor (Fixture *f)
{
  PbProjectEditor *editor = pb_project_editor_new (f->store, f->process, f->project);

  g_object_ref_sink (editor);
  return editor;
}

static void
close_editor (PbProjectEditor *editor)
{
  gtk_window_destroy (GTK_WINDOW (editor));
  g_assert_finalize_object (editor);
}

/* With PB_TEST_SCREENSHOT_DIR set, shows @editor tall enough for every
 * group and saves it as NAME.png there (NAME-dark.png under
 * ADW_DEBUG_COLOR_SCHEME=prefer-dark): how docs/screenshots/ gets its
 * picture.  Otherwise does nothing. */
static void
shoot (PbProjectEditor *editor,
       const char      *name)
{
  const char *dir = g_getenv ("PB_TEST_SCREENSHOT_DIR");
  gboolean dark = g_strcmp0 (g_getenv ("ADW_DEBUG_COLOR_SCHEME"), "prefer-dark") == 0;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (dir == NULL)
    return;
  gtk_window_set_default_size (GTK_WINDOW (editor), 600, 780);
  gtk_window_present (GTK_WINDOW (editor));
  for (guint i = 0; i < 100; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  /* Scrolled to the end, where the review and the assessment are. */
  {
    g_autoptr(GPtrArray) scrolled = g_ptr_array_new ();
    GtkAdjustment *adjustment;

    collect (GTK_WIDGET (editor), GTK_TYPE_SCROLLED_WINDOW, scrolled);
    g_assert_cmpuint (scrolled->len, >, 0);
    adjustment = gtk_scrolled_window_get_vadjustment (scrolled->pdata[0]);
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment)
                              - gtk_adjustment_get_page_size (adjustment));
  }
  for (guint i = 0; i < 100; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  file = g_strconcat (name, dark ? "-dark" : "", ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (pb_widget_save_png (GTK_WIDGET (editor), path, &error));
  g_assert_no_error (error);
}

static const PbProjectAssessment *
find_verdict (GPtrArray *verdicts,
              gint64     criterion)
{
  for (guint i = 0; i < verdicts->len; i++)
    if (((PbProjectAssessment *) verdicts->pdata[i])->criterion_id == criterion)
      return verdicts->pdata[i];
  return NULL;
}

static void
test_assess (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) verdicts = NULL;
  g_autoptr(GPtrArray) after_clear = NULL;
  PbProjectEditor *editor;
  AdwComboRow *serves, *means;
  AdwEntryRow *serves_note = NULL, *means_note = NULL;
  GtkWidget *group;
  const PbProjectAssessment *a;

  to_review (f);
  editor = open_editor (f);
  group = find_group (editor, "Assessment Against the Shared Criteria");
  g_assert_nonnull (group);
  g_assert_true (gtk_widget_get_visible (group));
  serves = find_verdict_row (editor, "Serves the people who use it", &serves_note);
  means = find_verdict_row (editor, "Within our means", &means_note);
  g_assert_nonnull (serves);
  g_assert_nonnull (means);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (serves)));
  g_assert_cmpuint (adw_combo_row_get_selected (serves), ==, PB_ASSESSMENT_NONE);
  /* A note needs a verdict. */
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (serves_note)));

  adw_combo_row_set_selected (serves, PB_ASSESSMENT_MEETS);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (serves_note)));
  gtk_editable_set_text (GTK_EDITABLE (serves_note), "Used every day by the school");
  adw_combo_row_set_selected (means, PB_ASSESSMENT_PARTLY);
  shoot (editor, "officer-project-criteria");
  g_assert_nonnull (pb_project_editor_save (editor));
  close_editor (editor);

  verdicts = pb_store_get_project_assessments (f->store, f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (verdicts->len, ==, 2);
  a = find_verdict (verdicts, f->serves);
  g_assert_nonnull (a);
  g_assert_cmpint (a->verdict, ==, PB_ASSESSMENT_MEETS);
  g_assert_cmpstr (a->note, ==, "Used every day by the school");
  a = find_verdict (verdicts, f->means);
  g_assert_nonnull (a);
  g_assert_cmpint (a->verdict, ==, PB_ASSESSMENT_PARTLY);
  g_assert_cmpstr (a->note, ==, "");

  /* Opened again, the editor shows what is stored; clearing a verdict
   * removes it. */
  editor = open_editor (f);
  serves = find_verdict_row (editor, "Serves the people who use it", &serves_note);
  means = find_verdict_row (editor, "Within our means", &means_note);
  g_assert_cmpuint (adw_combo_row_get_selected (serves), ==, PB_ASSESSMENT_MEETS);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (serves_note)), ==, "Used every day by the school");
  g_assert_cmpuint (adw_combo_row_get_selected (means), ==, PB_ASSESSMENT_PARTLY);
  adw_combo_row_set_selected (means, PB_ASSESSMENT_NONE);
  g_assert_nonnull (pb_project_editor_save (editor));
  close_editor (editor);
  after_clear = pb_store_get_project_assessments (f->store, f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after_clear->len, ==, 1);
  g_assert_null (find_verdict (after_clear, f->means));

  g_assert_true (pb_store_verify (f->store, NULL, &error));
  g_assert_no_error (error);
}

/* A note the store refuses: the editor shows its message and stays open;
 * nothing is stored. */
static void
test_store_error (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) verdicts = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree char *long_note = g_strnfill (2001, 'x');
  PbProjectEditor *editor;
  AdwComboRow *serves;
  AdwEntryRow *serves_note = NULL;
  gboolean shown = FALSE;

  to_review (f);
  editor = open_editor (f);
  serves = find_verdict_row (editor, "Serves the people who use it", &serves_note);
  adw_combo_row_set_selected (serves, PB_ASSESSMENT_DOES_NOT_MEET);
  gtk_editable_set_text (GTK_EDITABLE (serves_note), long_note);
  g_assert_null (pb_project_editor_save (editor));
  collect (GTK_WIDGET (editor), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_get_visible (labels->pdata[i])
        && gtk_widget_has_css_class (labels->pdata[i], "error")
        && strstr (gtk_label_get_text (labels->pdata[i]), "2000") != NULL)
      shown = TRUE;
  g_assert_true (shown);
  close_editor (editor);

  verdicts = pb_store_get_project_assessments (f->store, f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (verdicts->len, ==, 0);
}

/* Before review the rows are insensitive and a line says why; saving the
 * project's details still works and assesses nothing. */
static void
test_not_review (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) verdicts = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  PbProjectEditor *editor = open_editor (f);
  AdwComboRow *serves;
  AdwEntryRow *serves_note = NULL;
  gboolean explained = FALSE;

  serves = find_verdict_row (editor, "Serves the people who use it", &serves_note);
  g_assert_nonnull (serves);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (serves)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (serves_note)));
  collect (GTK_WIDGET (editor), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_get_visible (labels->pdata[i])
        && strstr (gtk_label_get_text (labels->pdata[i]), pb_phase_get_label (PB_PHASE_PROPOSALS)) != NULL
        && strstr (gtk_label_get_text (labels->pdata[i]), "review") != NULL)
      explained = TRUE;
  g_assert_true (explained);
  shoot (editor, "officer-project-criteria-proposals");

  adw_combo_row_set_selected (serves, PB_ASSESSMENT_MEETS);
  g_assert_nonnull (pb_project_editor_save (editor));
  close_editor (editor);
  verdicts = pb_store_get_project_assessments (f->store, f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (verdicts->len, ==, 0);
}

/* A process without a workshop shows no assessment group. */
static void
test_no_criteria (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PbProcess *other = pb_store_create_process (f->store, "Other Fund", "EUR", "500", &error);
  PbProject *project;
  PbProjectEditor *editor;
  GtkWidget *group;

  g_assert_no_error (error);
  project = pb_store_add_project (f->store, other, &error, "title", "Swings", "cost", "50", NULL);
  g_assert_no_error (error);
  editor = pb_project_editor_new (f->store, other, project);
  g_object_ref_sink (editor);
  group = find_group (editor, "Assessment Against the Shared Criteria");
  g_assert_nonnull (group);
  g_assert_false (gtk_widget_get_visible (group));
  close_editor (editor);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/project-criteria/assess", Fixture, NULL, fixture_setup, test_assess, fixture_teardown);
  g_test_add ("/project-criteria/store-error", Fixture, NULL, fixture_setup, test_store_error, fixture_teardown);
  g_test_add ("/project-criteria/not-review", Fixture, NULL, fixture_setup, test_not_review, fixture_teardown);
  g_test_add ("/project-criteria/no-criteria", Fixture, NULL, fixture_setup, test_no_criteria, fixture_teardown);
  return g_test_run ();
}
