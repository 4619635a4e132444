/* pb-projects-page.c: the Projects page.
 *
 * A GtkColumnView over the process's live project list, filtered by a
 * search text and a review status (GtkFilterListModel) and sorted by the
 * clicked column (GtkSortListModel).  Activating a row opens the project
 * editor, which also holds the review (feasible / infeasible with a reason)
 * and withdrawal.  Projects can be imported from CSV or Pabulib files.
 */

#include "pb-config.h"

#include <glib/gi18n.h>

#include "pb-assessment.h"
#include "pb-csv.h"
#include "pb-decimal.h"
#include "pb-officer-util.h"
#include "pb-pabulib-import.h"
#include "pb-project-editor.h"
#include "pb-projects-page.h"
#include "pb-workshop.h"

typedef char *(*ProjectTextFunc) (PbProject *project, PbProcess *process);

struct _PbProjectsPage
{
  PbPage              parent_instance;

  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GtkSingleSelection *selection;
  GListModel         *bound_projects;
  PbProcess          *bound_process;
  PbStore            *bound_store;
  PbWorkshop         *bound_workshop;   /* its criteria change unaudited */
  GPtrArray          *criteria_labels;  /* bound cells of the Criteria column (not owned) */
  GtkColumnViewColumn *criteria_column;
  GCancellable       *cancellable;

  GtkSearchEntry     *search_entry;
  GtkDropDown        *status_filter;
  GtkMenuButton      *import_button;
  GtkButton          *add_button;
  GtkLabel           *frozen_label;
  GtkStack           *stack;
  GtkColumnView      *column_view;
};

G_DEFINE_FINAL_TYPE (PbProjectsPage, pb_projects_page, PB_TYPE_PAGE)

/* ---- Cells -------------------------------------------------------------- */

static PbCategory *
project_category (PbProject *project,
                  PbProcess *process)
{
  gint64 id = pb_project_get_category_id (project);

  return id != 0 && process != NULL ? pb_process_lookup_category (process, id) : NULL;
}

static char *
code_text (PbProject *project,
           PbProcess *process)
{
  return g_markup_escape_text (pb_project_get_code (project), -1);
}

static char *
title_text (PbProject *project,
            PbProcess *process)
{
  const char *summary = pb_project_get_summary (project);

  if (summary != NULL && summary[0] != '\0')
    return g_markup_printf_escaped ("<b>%s</b>\n<small>%s</small>", pb_project_get_title (project), summary);
  return g_markup_printf_escaped ("<b>%s</b>", pb_project_get_title (project));
}

static char *
category_text (PbProject *project,
               PbProcess *process)
{
  PbCategory *category = project_category (project, process);

  return g_markup_escape_text (category != NULL ? pb_category_get_name (category) : "—", -1);
}

static char *
cost_text (PbProject *project,
           PbProcess *process)
{
  g_autofree char *money = pb_process_format_money (process, pb_project_get_cost (project));

  return g_markup_escape_text (money, -1);
}

static char *
status_text (PbProject *project,
             PbProcess *process)
{
  const char *reason = pb_project_get_status_reason (project);
  const char *label = pb_project_status_get_label (pb_project_get_status (project));

  if (reason != NULL && reason[0] != '\0')
    return g_markup_printf_escaped ("%s\n<small>%s</small>", label, reason);
  return g_markup_escape_text (label, -1);
}

static char *
groups_text (PbProject *project,
             PbProcess *process)
{
  const char * const *groups = pb_project_get_incompatibility_groups (project);
  g_autofree char *joined = NULL;

  if (groups == NULL || groups[0] == NULL)
    return g_strdup ("");
  joined = g_strjoinv (", ", (char **) groups);
  return g_markup_escape_text (joined, -1);
}

/* The criteria of the process's workshop (transfer none), or NULL when it
 * has none. */
static GPtrArray *
process_criteria (PbStore   *store,
                  PbProcess *process)
{
  g_autoptr(GError) error = NULL;
  PbWorkshop *workshop;
  GPtrArray *criteria;

  if (store == NULL || process == NULL)
    return NULL;
  workshop = pb_store_get_workshop (store, process, &error);
  if (workshop == NULL)
    {
      if (error != NULL)
        g_warning ("Could not read the workshop’s criteria: %s", error->message);
      return NULL;
    }
  criteria = pb_workshop_get_criteria (workshop);
  return criteria->len > 0 ? criteria : NULL;
}

char *
pb_projects_page_get_criteria_summary (PbProjectsPage *self,
                                       PbProject      *project)
{
  PbStore *store;
  GPtrArray *criteria;
  g_autoptr(GPtrArray) verdicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = NULL;
  guint counts[PB_ASSESSMENT_LAST + 1] = { 0 };

  g_return_val_if_fail (PB_IS_PROJECTS_PAGE (self), NULL);
  g_return_val_if_fail (PB_IS_PROJECT (project), NULL);

  store = pb_page_get_store (PB_PAGE (self));
  criteria = process_criteria (store, pb_page_get_process (PB_PAGE (self)));
  if (criteria == NULL)
    return NULL;
  verdicts = pb_store_get_project_assessments (store, project, &error);
  if (verdicts == NULL)
    {
      g_warning ("Could not read the assessments of a project: %s", error->message);
      return g_strdup ("");
    }
  for (guint i = 0; i < verdicts->len; i++)
    {
      const PbProjectAssessment *assessment = g_ptr_array_index (verdicts, i);

      if (assessment->verdict <= PB_ASSESSMENT_LAST)
        counts[assessment->verdict]++;
    }
  if (counts[PB_ASSESSMENT_MEETS] + counts[PB_ASSESSMENT_PARTLY] + counts[PB_ASSESSMENT_DOES_NOT_MEET] == 0)
    return g_strdup (_("Not assessed"));

  text = g_string_new (NULL);
  /* Translators: the first part of a project's verdicts against the
   * workshop's shared criteria: "2 of 3 met". */
  g_string_append_printf (text, ngettext ("%u of %u met", "%u of %u met", criteria->len),
                          counts[PB_ASSESSMENT_MEETS], criteria->len);
  if (counts[PB_ASSESSMENT_PARTLY] > 0)
    /* Translators: follows "2 of 3 met": ", 1 partly" (criteria partly met). */
    g_string_append_printf (text, ngettext (", %u partly", ", %u partly", counts[PB_ASSESSMENT_PARTLY]),
                            counts[PB_ASSESSMENT_PARTLY]);
  if (counts[PB_ASSESSMENT_DOES_NOT_MEET] > 0)
    /* Translators: follows "2 of 3 met": ", 1 not met". */
    g_string_append_printf (text, ngettext (", %u not met", ", %u not met", counts[PB_ASSESSMENT_DOES_NOT_MEET]),
                            counts[PB_ASSESSMENT_DOES_NOT_MEET]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
cell_update (GtkLabel *label)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (label), "list-item");
  ProjectTextFunc func = g_object_get_data (G_OBJECT (label), "text-func");
  PbProjectsPage *self = g_object_get_data (G_OBJECT (label), "page");
  PbProject *project = gtk_list_item_get_item (item);
  g_autofree char *markup = NULL;

  if (project == NULL)
    return;
  if (func == NULL)
    {
      /* The Criteria column, which needs the store. */
      g_autofree char *summary = pb_projects_page_get_criteria_summary (self, project);

      gtk_label_set_text (label, summary != NULL ? summary : "");
      return;
    }
  markup = func (project, pb_page_get_process (PB_PAGE (self)));
  gtk_label_set_markup (label, markup);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               PbProjectsPage           *self)
{
  GtkWidget *label = gtk_label_new (NULL);
  float xalign = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "right")) ? 1.0f : 0.0f;

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  if (xalign > 0.5f)
    gtk_widget_add_css_class (label, "numeric");
  g_object_set_data (G_OBJECT (label), "list-item", item);
  g_object_set_data (G_OBJECT (label), "text-func", g_object_get_data (G_OBJECT (factory), "text-func"));
  g_object_set_data (G_OBJECT (label), "page", self);
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              PbProjectsPage           *self)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  PbProject *project = gtk_list_item_get_item (item);

  g_signal_connect_object (project, "notify", G_CALLBACK (cell_update), label, G_CONNECT_SWAPPED);
  if (g_object_get_data (G_OBJECT (label), "text-func") == NULL
      && !g_ptr_array_find (self->criteria_labels, label, NULL))
    g_ptr_array_add (self->criteria_labels, label);
  cell_update (GTK_LABEL (label));
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                PbProjectsPage           *self)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  PbProject *project = gtk_list_item_get_item (item);

  if (project != NULL)
    g_signal_handlers_disconnect_by_func (project, cell_update, label);
  if (self->criteria_labels != NULL)
    g_ptr_array_remove_fast (self->criteria_labels, label);
}

static int
compare_cost (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  return pb_decimal_compare (pb_project_get_cost ((PbProject *) a), pb_project_get_cost ((PbProject *) b));
}

static int
compare_status (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  return (int) pb_project_get_status ((PbProject *) a) - (int) pb_project_get_status ((PbProject *) b);
}

static int
compare_category (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  PbProjectsPage *self = user_data;
  PbProcess *process = pb_page_get_process (PB_PAGE (self));
  PbCategory *ca = project_category ((PbProject *) a, process);
  PbCategory *cb = project_category ((PbProject *) b, process);

  return g_utf8_collate (ca ? pb_category_get_name (ca) : "", cb ? pb_category_get_name (cb) : "");
}

static GtkColumnViewColumn *
add_column (PbProjectsPage  *self,
            const char      *title,
            ProjectTextFunc  func,
            GtkSorter       *sorter,
            gboolean         right,
            gboolean         expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_object_set_data (G_OBJECT (factory), "text-func", func);
  g_object_set_data (G_OBJECT (factory), "right", GINT_TO_POINTER (right));
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), self);

  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->column_view, column);
  g_clear_object (&sorter);
  g_object_unref (column);
  return column;   /* the column view holds it */
}

static GtkSorter *
string_sorter (const char *property)
{
  return GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (PB_TYPE_PROJECT, NULL, property)));
}

/* ---- Filtering ---------------------------------------------------------- */

static gboolean
contains_casefold (const char *haystack,
                   const char *needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle) != NULL;
}

static gboolean
project_filter_func (gpointer item,
                     gpointer user_data)
{
  PbProjectsPage *self = user_data;
  PbProject *project = PB_PROJECT (item);
  guint selected = gtk_drop_down_get_selected (self->status_filter);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *needle = NULL;

  if (selected > 0 && selected != GTK_INVALID_LIST_POSITION
      && pb_project_get_status (project) != (PbProjectStatus) (selected - 1))
    return FALSE;

  if (text == NULL || text[0] == '\0')
    return TRUE;

  needle = g_utf8_casefold (text, -1);
  return contains_casefold (pb_project_get_title (project), needle)
         || contains_casefold (pb_project_get_summary (project), needle)
         || contains_casefold (pb_project_get_code (project), needle)
         || contains_casefold (pb_project_get_description (project), needle);
}

static void
pb_projects_page_update_state (PbProjectsPage *self)
{
  PbProcess *process = pb_page_get_process (PB_PAGE (self));
  guint total = self->bound_projects != NULL ? g_list_model_get_n_items (self->bound_projects) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  gboolean frozen = process != NULL && pb_process_is_frozen (process);

  gtk_stack_set_visible_child_name (self->stack, total == 0 ? "empty" : shown == 0 ? "no-match" : "list");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "projects.add", process != NULL && !frozen);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "projects.import-csv", process != NULL && !frozen);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "projects.import-pabulib", process != NULL && !frozen);
  gtk_widget_set_visible (GTK_WIDGET (self->frozen_label), frozen);
  if (frozen)
    gtk_label_set_text (self->frozen_label,
                        pb_process_is_read_only (process)
                        ? _("The results are published: the projects can no longer change.")
                        : _("Voting is open: projects can’t be added, removed or reviewed until it closes."));
}

static void
on_search_changed (PbProjectsPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  pb_projects_page_update_state (self);
}

/* ---- Editing ------------------------------------------------------------ */

static void
editor_add_toast_cb (PbProjectsPage *self,
                     AdwToast       *toast)
{
  pb_page_add_toast (PB_PAGE (self), g_object_ref (toast));
}

GtkWindow *
pb_projects_page_edit (PbProjectsPage *self,
                       PbProject      *project)
{
  PbProcess *process;
  PbProjectEditor *editor;
  GtkRoot *root;

  g_return_val_if_fail (PB_IS_PROJECTS_PAGE (self), NULL);

  process = pb_page_get_process (PB_PAGE (self));
  if (process == NULL)
    return NULL;

  editor = pb_project_editor_new (pb_page_get_store (PB_PAGE (self)), process, project);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  g_signal_connect_object (editor, "add-toast", G_CALLBACK (editor_add_toast_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WINDOW (editor);
}

static void
on_row_activated (PbProjectsPage *self,
                  guint           position)
{
  g_autoptr(PbProject) project = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  if (project != NULL)
    pb_projects_page_edit (self, project);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  pb_projects_page_edit (PB_PROJECTS_PAGE (widget), NULL);
}

/* ---- Import ------------------------------------------------------------- */

static const char *
row_value (char      **row,
           GHashTable *columns,
           const char *name)
{
  gpointer index;

  if (!g_hash_table_lookup_extended (columns, name, NULL, &index))
    return NULL;
  if (GPOINTER_TO_UINT (index) >= g_strv_length (row))
    return NULL;
  return g_strstrip (row[GPOINTER_TO_UINT (index)]);
}

gboolean
pb_projects_page_import_csv_text (PbProjectsPage *self,
                                  const char     *text,
                                  guint          *out_n_added,
                                  GError        **error)
{
  PbStore *store = pb_page_get_store (PB_PAGE (self));
  PbProcess *process = pb_page_get_process (PB_PAGE (self));
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *existing;
  char **header;
  guint n_added = 0;

  g_return_val_if_fail (PB_IS_PROJECTS_PAGE (self), FALSE);

  if (out_n_added != NULL)
    *out_n_added = 0;
  if (store == NULL || process == NULL)
    return TRUE;

  rows = pb_csv_parse (text, error);
  if (rows == NULL)
    return FALSE;

  header = g_ptr_array_index (rows, 0);
  for (guint i = 0; header[i] != NULL; i++)
    {
      g_autofree char *name = g_ascii_strdown (g_strstrip (header[i]), -1);

      if (g_str_equal (name, "name"))
        g_hash_table_insert (columns, g_strdup ("title"), GUINT_TO_POINTER (i));
      else if (g_str_equal (name, "id") || g_str_equal (name, "project_id"))
        g_hash_table_insert (columns, g_strdup ("code"), GUINT_TO_POINTER (i));
      else
        g_hash_table_insert (columns, g_steal_pointer (&name), GUINT_TO_POINTER (i));
    }
  if (!g_hash_table_contains (columns, "title") || !g_hash_table_contains (columns, "cost"))
    {
      g_set_error_literal (error, PB_CSV_ERROR, PB_CSV_ERROR_EMPTY,
                           _("The first row must name the columns, with at least “title” and “cost”"));
      return FALSE;
    }

  existing = pb_process_list_categories (process);
  for (guint i = 0; i < g_list_model_get_n_items (existing); i++)
    {
      g_autoptr(PbCategory) category = g_list_model_get_item (existing, i);
      g_hash_table_insert (categories, g_strdup (pb_category_get_name (category)), category);
    }

  for (guint r = 1; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);
      const char *category_name = row_value (row, columns, "category");
      const char *code = row_value (row, columns, "code");
      gint64 category_id = 0;
      g_autoptr(GError) row_error = NULL;
      PbProject *project;

      if (category_name != NULL && category_name[0] != '\0')
        {
          PbCategory *category = g_hash_table_lookup (categories, category_name);

          if (category == NULL)
            {
              category = pb_store_add_category (store, process, category_name, NULL, &row_error);
              if (category == NULL)
                goto failed;
              g_hash_table_insert (categories, g_strdup (category_name), category);
            }
          category_id = pb_category_get_id (category);
        }

      if (code != NULL && code[0] != '\0')
        project = pb_store_add_project (store, process, &row_error,
                                        "code", code,
                                        "title", row_value (row, columns, "title"),
                                        "cost", row_value (row, columns, "cost"),
                                        "category-id", category_id,
                                        NULL);
      else
        project = pb_store_add_project (store, process, &row_error,
                                        "title", row_value (row, columns, "title"),
                                        "cost", row_value (row, columns, "cost"),
                                        "category-id", category_id,
                                        NULL);
      if (project == NULL)
        goto failed;

      {
        const char *summary = row_value (row, columns, "summary");
        const char *description = row_value (row, columns, "description");
        const char *location = row_value (row, columns, "location");

        if (!pb_store_edit_project (store, project, &row_error,
                                    "summary", summary ? summary : "",
                                    "description", description ? description : "",
                                    "location", location ? location : "",
                                    NULL))
          goto failed;
      }
      n_added++;
      continue;

    failed:
      /* Translators: %u is the row number in the CSV file, %s the reason. */
      g_set_error (error, row_error->domain, row_error->code, _("Row %u: %s"), r + 1, row_error->message);
      if (out_n_added != NULL)
        *out_n_added = n_added;
      return FALSE;
    }

  if (out_n_added != NULL)
    *out_n_added = n_added;
  return TRUE;
}

static void
import_toast (PbProjectsPage *self,
              guint           n_added,
              const GError   *error)
{
  g_autofree char *message = NULL;

  if (error != NULL)
    {
      if (n_added > 0)
        message = g_strdup_printf (ngettext ("%u project imported, then: %s",
                                             "%u projects imported, then: %s", n_added),
                                   n_added, error->message);
      else
        message = g_strdup (error->message);
    }
  else
    message = g_strdup_printf (ngettext ("%u project imported", "%u projects imported", n_added), n_added);

  pb_page_add_toast (PB_PAGE (self), adw_toast_new (message));
}

static void
csv_loaded_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PbProjectsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  guint n_added = 0;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pb_page_show_error (PB_PAGE (self), error);
      return;
    }
  if (!g_utf8_validate (contents, length, NULL))
    {
      g_set_error_literal (&error, PB_CSV_ERROR, PB_CSV_ERROR_EMPTY, _("The file is not UTF-8 text"));
      pb_page_show_error (PB_PAGE (self), error);
      return;
    }

  pb_projects_page_import_csv_text (self, contents, &n_added, &error);
  import_toast (self, n_added, error);
}

static void
pabulib_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PbProjectsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbElection) election = NULL;
  PbProcess *process = pb_page_get_process (PB_PAGE (self));
  guint n_added = 0;

  election = pb_pabulib_read_finish (result, &error);
  if (election == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pb_page_show_error (PB_PAGE (self), error);
      return;
    }
  if (process == NULL)
    return;

  pb_pabulib_add_projects (pb_page_get_store (PB_PAGE (self)), process, election, &n_added, &error);
  import_toast (self, n_added, error);
}

static void
import_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  PbProjectsPage  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "pabulib")))
    pb_pabulib_read_async (file, self->cancellable, pabulib_loaded_cb, g_object_ref (self));
  else
    g_file_load_contents_async (file, self->cancellable, csv_loaded_cb, g_object_ref (self));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PbProjectsPage *self = PB_PROJECTS_PAGE (widget);
  gboolean pabulib = g_str_equal (action_name, "projects.import-pabulib");
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (pabulib ? _("Import Projects from Pabulib") : _("Import Projects from CSV"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  if (pabulib)
    {
      gtk_file_filter_set_name (filter, _("Pabulib files"));
      gtk_file_filter_add_pattern (filter, "*.pb");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("CSV files"));
      gtk_file_filter_add_pattern (filter, "*.csv");
      gtk_file_filter_add_mime_type (filter, "text/csv");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "pabulib", GINT_TO_POINTER (pabulib));
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_chosen_cb), self, 0);
  g_signal_connect (chooser, "response", G_CALLBACK (g_object_unref), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- Binding ------------------------------------------------------------ */

static void
projects_changed_cb (PbProjectsPage *self)
{
  pb_projects_page_update_state (self);
}

static void criteria_changed_cb (PbProjectsPage *self);

static void
unbind_workshop (PbProjectsPage *self)
{
  if (self->bound_workshop != NULL)
    g_signal_handlers_disconnect_by_func (self->bound_workshop, criteria_changed_cb, self);
  g_clear_object (&self->bound_workshop);
}

/* Follows the workshop of the process, which may start later. */
static void
bind_workshop (PbProjectsPage *self)
{
  g_autoptr(GError) error = NULL;
  PbWorkshop *workshop = NULL;

  if (self->bound_store != NULL && self->bound_process != NULL)
    workshop = pb_store_get_workshop (self->bound_store, self->bound_process, &error);
  if (workshop == self->bound_workshop)
    return;
  unbind_workshop (self);
  if (workshop != NULL)
    {
      self->bound_workshop = g_object_ref (workshop);
      g_signal_connect_swapped (workshop, "changed", G_CALLBACK (criteria_changed_cb), self);
    }
}

/* The Criteria column shows only when the process's workshop agreed
 * criteria; its cells follow every verdict (each one is audited) and
 * every change of the criteria (the workshop's "changed"). */
static void
criteria_changed_cb (PbProjectsPage *self)
{
  bind_workshop (self);
  gtk_column_view_column_set_visible (self->criteria_column,
                                      process_criteria (self->bound_store, self->bound_process) != NULL);
  for (guint i = 0; i < self->criteria_labels->len; i++)
    cell_update (g_ptr_array_index (self->criteria_labels, i));
}

static void
pb_projects_page_unbind (PbProjectsPage *self)
{
  if (self->bound_process != NULL)
    g_signal_handlers_disconnect_by_func (self->bound_process, projects_changed_cb, self);
  if (self->bound_store != NULL)
    g_signal_handlers_disconnect_by_func (self->bound_store, criteria_changed_cb, self);
  unbind_workshop (self);
  g_clear_object (&self->bound_store);
  g_clear_object (&self->bound_process);
  g_clear_object (&self->bound_projects);
}

static void
pb_projects_page_process_changed (PbPage *page)
{
  PbProjectsPage *self = PB_PROJECTS_PAGE (page);
  PbProcess *process = pb_page_get_process (page);

  pb_projects_page_unbind (self);
  if (process != NULL)
    {
      self->bound_process = g_object_ref (process);
      self->bound_projects = g_object_ref (pb_process_list_projects (process));
      g_signal_connect_swapped (process, "notify::frozen", G_CALLBACK (projects_changed_cb), self);
      g_signal_connect_swapped (process, "notify::read-only", G_CALLBACK (projects_changed_cb), self);
      if (pb_page_get_store (page) != NULL)
        {
          self->bound_store = g_object_ref (pb_page_get_store (page));
          g_signal_connect_swapped (self->bound_store, "audit-changed", G_CALLBACK (criteria_changed_cb), self);
        }
    }
  gtk_filter_list_model_set_model (self->filtered, self->bound_projects);
  bind_workshop (self);
  gtk_column_view_column_set_visible (self->criteria_column,
                                      process_criteria (self->bound_store, self->bound_process) != NULL);
  pb_projects_page_update_state (self);
}

static void
sorted_items_changed_cb (PbProjectsPage *self)
{
  pb_projects_page_update_state (self);
}

static void
pb_projects_page_dispose (GObject *object)
{
  PbProjectsPage *self = PB_PROJECTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  pb_projects_page_unbind (self);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  /* AdwBin keeps its own pointer to the child: let it go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_PROJECTS_PAGE);
  if (self->sorted != NULL)
    g_signal_handlers_disconnect_by_func (self->sorted, sorted_items_changed_cb, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  self->filtered = NULL;
  self->filter = NULL;
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->criteria_labels, g_ptr_array_unref);

  G_OBJECT_CLASS (pb_projects_page_parent_class)->dispose (object);
}

static void
pb_projects_page_class_init (PbProjectsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PbPageClass *page_class = PB_PAGE_CLASS (klass);

  object_class->dispose = pb_projects_page_dispose;
  page_class->process_changed = pb_projects_page_process_changed;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Pb/officer/pb-projects-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PbProjectsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PbProjectsPage, status_filter);
  gtk_widget_class_bind_template_child (widget_class, PbProjectsPage, import_button);
  gtk_widget_class_bind_template_child (widget_class, PbProjectsPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, PbProjectsPage, frozen_label);
  gtk_widget_class_bind_template_child (widget_class, PbProjectsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PbProjectsPage, column_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_install_action (widget_class, "projects.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "projects.import-csv", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "projects.import-pabulib", NULL, import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "projects.add", NULL);
}

static void
pb_projects_page_init (PbProjectsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->criteria_labels = g_ptr_array_new ();
  self->filter = gtk_custom_filter_new (project_filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered), NULL);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);

  add_column (self, _("Ref."), code_text, string_sorter ("code"), FALSE, FALSE);
  add_column (self, _("Project"), title_text, string_sorter ("title"), FALSE, TRUE);
  add_column (self, _("Category"), category_text,
              GTK_SORTER (gtk_custom_sorter_new (compare_category, self, NULL)), FALSE, FALSE);
  add_column (self, _("Cost"), cost_text,
              GTK_SORTER (gtk_custom_sorter_new (compare_cost, NULL, NULL)), TRUE, FALSE);
  add_column (self, _("Review"), status_text,
              GTK_SORTER (gtk_custom_sorter_new (compare_status, NULL, NULL)), FALSE, FALSE);
  add_column (self, _("Incompatible with"), groups_text, NULL, FALSE, FALSE);
  /* Translators: the column of the verdicts against the workshop's
   * shared criteria, e.g. "2 of 3 met, 1 partly". */
  self->criteria_column = add_column (self, _("Criteria"), NULL, NULL, FALSE, FALSE);
  gtk_column_view_column_set_visible (self->criteria_column, FALSE);

  gtk_sort_list_model_set_sorter (self->sorted, gtk_column_view_get_sorter (self->column_view));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->sorted, "items-changed", G_CALLBACK (sorted_items_changed_cb), self);
  pb_projects_page_update_state (self);
}

GtkWidget *
pb_projects_page_new (void)
{
  return g_object_new (PB_TYPE_PROJECTS_PAGE, NULL);
}

GListModel *
pb_projects_page_get_shown (PbProjectsPage *self)
{
  g_return_val_if_fail (PB_IS_PROJECTS_PAGE (self), NULL);

  return G_LIST_MODEL (self->sorted);
}

void
pb_projects_page_set_search (PbProjectsPage *self,
                             const char     *text)
{
  g_return_if_fail (PB_IS_PROJECTS_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  on_search_changed (self);
}

void
pb_projects_page_set_status_filter (PbProjectsPage *self,
                                    int             status)
{
  g_return_if_fail (PB_IS_PROJECTS_PAGE (self));

  gtk_drop_down_set_selected (self->status_filter, status < 0 ? 0 : (guint) status + 1);
  on_search_changed (self);
}
