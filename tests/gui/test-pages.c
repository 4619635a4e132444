/* test-pages.c: each page of the officer's window against a real store in
 * a temporary folder: the overview's next step, projects with search and
 * the editor, setup freezing once voting opens, voter codes, and paper
 * double entry from disagreement to a counted batch.  Every widget is
 * finalized at the end. */

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pb-assessment.h"

#include "pb-codes-page.h"
#include "pb-code-slips.h"
#include "pb-csv.h"
#include "pb-overview-page.h"
#include "pb-paper-page.h"
#include "pb-project-editor.h"
#include "pb-projects-page.h"
#include "pb-screenshot.h"
#include "pb-setup-page.h"
#include "pb-workshop.h"
#include "pb-test-files.h"

typedef struct
{
  char      *dir;
  char      *path;
  PbStore   *store;
  PbProcess *process;
  PbProject *park;
  PbProject *library;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pb-pages-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "pb.db", NULL);
  f->store = pb_store_open (f->path, &error);
  g_assert_no_error (error);
  f->process = pb_store_create_process (f->store, "Test Fund", "EUR", "10000", &error);
  g_assert_no_error (error);
  f->park = pb_store_add_project (f->store, f->process, &error, "title", "Park benches", "cost", "4000", NULL);
  g_assert_no_error (error);
  f->library = pb_store_add_project (f->store, f->process, &error, "title", "Library books", "cost", "3000", NULL);
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

static GtkWidget *
page_in_window (GtkWidget *page,
                Fixture   *f)
{
  GtkWidget *window = gtk_window_new ();

  g_object_ref_sink (window);
  gtk_window_set_child (GTK_WINDOW (window), page);
  g_object_set (page, "store", f->store, "process", f->process, NULL);
  return window;
}

static void
destroy_window (GtkWidget *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
make_feasible (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pb_store_set_project_status (f->store, f->park, PB_PROJECT_STATUS_FEASIBLE, NULL, &error));
  g_assert_true (pb_store_set_project_status (f->store, f->library, PB_PROJECT_STATUS_FEASIBLE, NULL, &error));
  g_assert_no_error (error);
}

static void
open_voting (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  make_feasible (f);
  g_assert_true (pb_store_set_phase (f->store, f->process, PB_PHASE_VOTING, NULL, &error));
  g_assert_no_error (error);
}

static void
test_overview (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *page = pb_overview_page_new ();
  GtkWidget *window = page_in_window (page, f);
  PbProcess *process = NULL;

  g_object_get (page, "process", &process, NULL);
  g_assert_true (process == f->process);
  g_object_unref (process);

  /* Draft → proposals needs no confirmation. */
  pb_overview_page_next_step (PB_OVERVIEW_PAGE (page));
  g_assert_cmpint (pb_process_get_phase (f->process), ==, PB_PHASE_PROPOSALS);

  g_object_set (page, "process", NULL, NULL);
  destroy_window (window);
}

static void
test_projects (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *page = pb_projects_page_new ();
  GtkWidget *window = page_in_window (page, f);
  GListModel *shown = pb_projects_page_get_shown (PB_PROJECTS_PAGE (page));
  PbProjectEditor *editor;
  PbProject *added;
  g_autoptr(GError) error = NULL;
  guint n_added = 0;

  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  pb_projects_page_set_search (PB_PROJECTS_PAGE (page), "LIBRARY");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  pb_projects_page_set_search (PB_PROJECTS_PAGE (page), NULL);

  editor = pb_project_editor_new (f->store, f->process, NULL);
  g_object_ref_sink (editor);
  pb_project_editor_set_values (editor, "Skate park", "Concrete ramps", "12000.50");
  pb_project_editor_set_review (editor, PB_PROJECT_STATUS_INFEASIBLE, "Too close to houses");
  added = pb_project_editor_save (editor);
  g_assert_nonnull (added);
  g_assert_cmpstr (pb_project_get_summary (added), ==, "Concrete ramps");
  g_assert_cmpint (pb_project_get_status (added), ==, PB_PROJECT_STATUS_INFEASIBLE);
  g_assert_cmpstr (pb_project_get_status_reason (added), ==, "Too close to houses");
  gtk_window_destroy (GTK_WINDOW (editor));
  g_assert_finalize_object (editor);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 3);

  pb_projects_page_set_status_filter (PB_PROJECTS_PAGE (page), PB_PROJECT_STATUS_INFEASIBLE);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  pb_projects_page_set_status_filter (PB_PROJECTS_PAGE (page), -1);

  g_assert_true (pb_projects_page_import_csv_text (PB_PROJECTS_PAGE (page),
                                                   "Title;Cost;Category;Summary\n"
                                                   "\"Play area; new swings\";2500;Children;For under-fives\n"
                                                   "Bus shelter;1800;Transport;\n",
                                                   &n_added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (pb_process_list_categories (f->process)), ==, 2);

  g_assert_false (pb_projects_page_import_csv_text (PB_PROJECTS_PAGE (page), "Name,Price\nA,1\n", &n_added, &error));
  g_assert_nonnull (error);

  destroy_window (window);
}

static void
test_setup_freezes (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *page = pb_setup_page_new ();
  GtkWidget *window = page_in_window (page, f);

  g_assert_false (pb_setup_page_get_frozen (PB_SETUP_PAGE (page)));
  open_voting (f);
  g_assert_true (pb_setup_page_get_frozen (PB_SETUP_PAGE (page)));

  destroy_window (window);
}

static void
test_codes (Fixture       *f,
            gconstpointer  data)
{
  GtkWidget *page = pb_codes_page_new ();
  GtkWidget *window = page_in_window (page, f);
  g_autofree char *pdf = g_build_filename (f->dir, "slips.pdf", NULL);
  const char *codes[] = { "K7MX-Q4PR", "ABCD-EFGH", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_cmpuint (pb_codes_page_get_n_batches (PB_CODES_PAGE (page)), ==, 0);
  g_assert_true (pb_codes_page_generate (PB_CODES_PAGE (page), 30));
  g_assert_true (pb_codes_page_generate (PB_CODES_PAGE (page), 5));
  g_assert_cmpuint (pb_codes_page_get_n_batches (PB_CODES_PAGE (page)), ==, 2);
  g_assert_cmpuint (pb_store_count_voter_codes (f->store, f->process, PB_VOTER_CODE_STATE_ISSUED), ==, 35);

  g_assert_true (pb_code_slips_write_pdf ("Test Fund", codes, pdf, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));

  /* A full disk (PB_TEST_DISK_SPACE, pb-file.h's seam): a clear message,
   * the slips already there untouched, no partial or temporary file. */
  {
    g_autofree char *again = NULL;
    g_autofree char *fresh = g_build_filename (f->dir, "fresh.pdf", NULL);
    gsize again_length;
    GDir *listing;
    const char *name;

    g_setenv ("PB_TEST_DISK_SPACE", "100", TRUE);
    g_assert_false (pb_code_slips_write_pdf ("Test Fund", codes, pdf, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
    g_assert_nonnull (strstr (error->message, "not enough space"));
    g_assert_nonnull (strstr (error->message, "slips.pdf"));
    g_clear_error (&error);
    g_assert_false (pb_code_slips_write_pdf ("Test Fund", codes, fresh, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
    g_clear_error (&error);
    g_unsetenv ("PB_TEST_DISK_SPACE");

    g_assert_true (g_file_get_contents (pdf, &again, &again_length, NULL));
    g_assert_cmpmem (again, again_length, contents, length);
    g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
    listing = g_dir_open (f->dir, 0, NULL);
    while ((name = g_dir_read_name (listing)) != NULL)
      g_assert_false (g_str_has_suffix (name, ".part"));
    g_dir_close (listing);
  }
  g_unlink (pdf);

  destroy_window (window);
}

static void
test_paper_double_entry (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *page;
  GtkWidget *window;
  PbPaperPage *paper;

  open_voting (f);
  page = pb_paper_page_new ();
  window = page_in_window (page, f);
  paper = PB_PAPER_PAGE (page);

  g_assert_true (pb_paper_page_add_batch (paper, "B-1", 1));

  pb_paper_page_set_entry (paper, 1, "Ann", 1);
  pb_paper_page_tick (paper, pb_project_get_id (f->park), 1);
  g_assert_true (pb_paper_page_save_ballot (paper));

  pb_paper_page_set_entry (paper, 2, "Bob", 1);
  pb_paper_page_tick (paper, pb_project_get_id (f->library), 1);
  g_assert_true (pb_paper_page_save_ballot (paper));
  g_assert_cmpuint (pb_paper_page_get_n_differences (paper), ==, 1);
  g_assert_false (pb_paper_page_commit (paper));

  pb_paper_page_set_entry (paper, 2, "Bob", 1);
  pb_paper_page_tick (paper, pb_project_get_id (f->park), 1);
  g_assert_true (pb_paper_page_save_ballot (paper));
  g_assert_cmpuint (pb_paper_page_get_n_differences (paper), ==, 0);

  g_assert_true (pb_paper_page_commit (paper));
  g_assert_cmpuint (pb_store_count_ballots (f->store, f->process, PB_BALLOT_METHOD_PAPER), ==, 1);
  g_assert_true (pb_paper_batch_get_committed (pb_paper_page_get_batch (paper)));

  destroy_window (window);
}

static void
test_csv (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = pb_csv_parse ("\xEF\xBB\xBFtitle,cost\r\n\"A \"\"big\"\", one\",10\r\n\r\nB,\"2\n0\"\n", &error);
  char **row;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpstr (row[0], ==, "A \"big\", one");
  g_assert_cmpstr (row[1], ==, "10");
  row = g_ptr_array_index (rows, 2);
  g_assert_cmpstr (row[1], ==, "2\n0");

  g_assert_null (pb_csv_parse ("title\n\"open", &error));
  g_assert_error (error, PB_CSV_ERROR, PB_CSV_ERROR_QUOTING);
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

static GtkColumnViewColumn *
find_column (GtkWidget  *page,
             const char *title)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  GListModel *columns;

  collect (page, GTK_TYPE_COLUMN_VIEW, views);
  g_assert_cmpuint (views->len, ==, 1);
  columns = gtk_column_view_get_columns (views->pdata[0]);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;   /* the view holds it */
    }
  return NULL;
}

typedef struct {
  GtkWidget  *page;
  const char *text;
} LabelWait;

static gboolean
label_shown (LabelWait *wait)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect (wait->page, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_get_mapped (labels->pdata[i])
        && g_strcmp0 (gtk_label_get_text (labels->pdata[i]), wait->text) == 0)
      return TRUE;
  return FALSE;
}

/* Runs the main loop until a mapped label of @page reads @text. */
static void
wait_for_label (GtkWidget  *page,
                const char *text)
{
  LabelWait wait = { page, text };
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!label_shown (&wait))
    {
      if (g_get_monotonic_time () > end)
        g_error ("No label reads “%s”", text);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* The Projects page's Criteria column is hidden until the workshop agrees
 * criteria, then sums up each project's verdicts and follows new ones. */
static void
test_projects_criteria (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *page = pb_projects_page_new ();
  GtkWidget *window = page_in_window (page, f);
  GtkColumnViewColumn *column = find_column (page, "Criteria");
  const char *texts[] = { "Serves the people who use it", "Within our means", "Green" };
  gint64 ids[G_N_ELEMENTS (texts)];
  g_autoptr(GError) error = NULL;
  g_autofree char *park = NULL;
  g_autofree char *library = NULL;
  PbWorkshop *workshop;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 500);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_nonnull (column);
  g_assert_false (gtk_column_view_column_get_visible (column));
  g_assert_null (pb_projects_page_get_criteria_summary (PB_PROJECTS_PAGE (page), f->park));

  g_assert_true (pb_store_set_phase (f->store, f->process, PB_PHASE_PROPOSALS, NULL, &error));
  workshop = pb_store_start_workshop (f->store, f->process, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      ids[i] = pb_store_workshop_add_criterion (f->store, workshop, texts[i], &error);
      g_assert_no_error (error);
    }
  g_assert_true (gtk_column_view_column_get_visible (column));
  wait_for_label (page, "Not assessed");

  g_assert_true (pb_store_set_phase (f->store, f->process, PB_PHASE_REVIEW, NULL, &error));
  g_assert_true (pb_store_assess_project (f->store, f->park, ids[0], PB_ASSESSMENT_MEETS, NULL, &error));
  g_assert_true (pb_store_assess_project (f->store, f->park, ids[1], PB_ASSESSMENT_MEETS, NULL, &error));
  g_assert_true (pb_store_assess_project (f->store, f->park, ids[2], PB_ASSESSMENT_PARTLY, "Some trees", &error));
  g_assert_true (pb_store_assess_project (f->store, f->library, ids[1], PB_ASSESSMENT_DOES_NOT_MEET, NULL, &error));
  g_assert_no_error (error);

  park = pb_projects_page_get_criteria_summary (PB_PROJECTS_PAGE (page), f->park);
  library = pb_projects_page_get_criteria_summary (PB_PROJECTS_PAGE (page), f->library);
  g_assert_cmpstr (park, ==, "2 of 3 met, 1 partly");
  g_assert_cmpstr (library, ==, "0 of 3 met, 1 not met");
  /* The cells follow the verdicts without being asked. */
  wait_for_label (page, park);
  wait_for_label (page, library);

  /* With PB_TEST_SCREENSHOT_DIR set, the picture for docs/screenshots/
   * (officer-projects-criteria[-dark].png). */
  if (g_getenv ("PB_TEST_SCREENSHOT_DIR") != NULL)
    {
      gboolean dark = g_strcmp0 (g_getenv ("ADW_DEBUG_COLOR_SCHEME"), "prefer-dark") == 0;
      g_autofree char *file = g_build_filename (g_getenv ("PB_TEST_SCREENSHOT_DIR"),
                                                dark ? "officer-projects-criteria-dark.png"
                                                     : "officer-projects-criteria.png", NULL);

      for (guint i = 0; i < 100; i++)
        {
          g_main_context_iteration (NULL, FALSE);
          g_usleep (2000);
        }
      if (!pb_widget_save_png (window, file, &error))
        g_error ("%s", error->message);
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

  g_test_add_func ("/pages/csv", test_csv);
  g_test_add ("/pages/overview", Fixture, NULL, fixture_setup, test_overview, fixture_teardown);
  g_test_add ("/pages/projects", Fixture, NULL, fixture_setup, test_projects, fixture_teardown);
  g_test_add ("/pages/projects-criteria", Fixture, NULL, fixture_setup, test_projects_criteria, fixture_teardown);
  g_test_add ("/pages/setup-freezes", Fixture, NULL, fixture_setup, test_setup_freezes, fixture_teardown);
  g_test_add ("/pages/codes", Fixture, NULL, fixture_setup, test_codes, fixture_teardown);
  g_test_add ("/pages/paper-double-entry", Fixture, NULL, fixture_setup, test_paper_double_entry, fixture_teardown);

  return g_test_run ();
}
