/* pb-project-editor.c: add, edit, review, withdraw or delete a project.
 *
 * Saving writes the details with pb_store_add_project() or
 * pb_store_edit_project(), the review with pb_store_set_project_status()
 * and, when the process's workshop agreed shared criteria, the verdict on
 * each with pb_store_assess_project() (only in the review phase).
 * Withdrawing and deleting close the dialog and leave a toast with Undo
 * (emitted as "add-toast" for the page to route).
 */

#include "pb-config.h"

#include <glib/gi18n.h>

#include "pb-assessment.h"
#include "pb-decimal.h"
#include "pb-officer-util.h"
#include "pb-project-editor.h"
#include "pb-workshop.h"

/* The widgets of one criterion. */
typedef struct
{
  gint64        criterion_id;
  AdwComboRow  *verdict_row;
  AdwEntryRow  *note_row;
} CriterionRows;

struct _PbProjectEditor
{
  AdwWindow       parent_instance;

  PbStore        *store;
  PbProcess      *process;
  PbProject      *project;
  GPtrArray      *category_ids;   /* gint64 per combo position, 0 first */
  char           *image_path;

  AdwWindowTitle *window_title;
  GtkLabel       *frozen_label;
  GtkLabel       *error_label;
  AdwPreferencesGroup *details_group;
  AdwEntryRow    *title_row;
  AdwEntryRow    *summary_row;
  AdwEntryRow    *cost_row;
  AdwComboRow    *category_row;
  AdwEntryRow    *code_row;
  AdwEntryRow    *location_row;
  AdwActionRow   *image_row;
  GtkButton      *clear_image_button;
  GtkTextView    *description_view;
  AdwPreferencesGroup *review_group;
  GtkToggleButton *proposed_button;
  GtkToggleButton *feasible_button;
  GtkToggleButton *infeasible_button;
  AdwEntryRow    *reason_row;
  AdwEntryRow    *groups_row;
  AdwPreferencesGroup *assessment_group;
  GtkLabel       *assessment_label;
  GArray         *criterion_rows; /* CriterionRows, in the criteria's order */
  gboolean        can_assess;
  AdwPreferencesGroup *actions_group;
  GtkButton      *withdraw_button;
  GtkButton      *delete_button;
};

G_DEFINE_FINAL_TYPE (PbProjectEditor, pb_project_editor, ADW_TYPE_WINDOW)

enum {
  ADD_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_toast (PbProjectEditor *self,
            AdwToast        *toast)
{
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
  g_object_unref (toast);
}

static void
show_error (PbProjectEditor *self,
            const char      *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

/* The review state the toggles show; a withdrawn project keeps its state
 * unless the officer picks another (withdrawing has its own button). */
static PbProjectStatus
selected_status (PbProjectEditor *self)
{
  if (gtk_toggle_button_get_active (self->feasible_button))
    return PB_PROJECT_STATUS_FEASIBLE;
  if (gtk_toggle_button_get_active (self->infeasible_button))
    return PB_PROJECT_STATUS_INFEASIBLE;
  if (gtk_toggle_button_get_active (self->proposed_button))
    return PB_PROJECT_STATUS_PROPOSED;
  return PB_PROJECT_STATUS_WITHDRAWN;
}

static void
select_status (PbProjectEditor *self,
               PbProjectStatus  status)
{
  gtk_toggle_button_set_active (self->proposed_button, status == PB_PROJECT_STATUS_PROPOSED);
  gtk_toggle_button_set_active (self->feasible_button, status == PB_PROJECT_STATUS_FEASIBLE);
  gtk_toggle_button_set_active (self->infeasible_button, status == PB_PROJECT_STATUS_INFEASIBLE);
}

static void
pb_project_editor_update_image (PbProjectEditor *self)
{
  gboolean has = self->image_path != NULL && self->image_path[0] != '\0';
  g_autofree char *basename = has ? g_path_get_basename (self->image_path) : NULL;

  adw_action_row_set_subtitle (self->image_row, has ? basename : _("None"));
  gtk_widget_set_visible (GTK_WIDGET (self->clear_image_button), has);
}

static void
on_changed (PbProjectEditor *self)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  const char *cost = gtk_editable_get_text (GTK_EDITABLE (self->cost_row));
  const char *reason = gtk_editable_get_text (GTK_EDITABLE (self->reason_row));
  gboolean infeasible = selected_status (self) == PB_PROJECT_STATUS_INFEASIBLE;
  gboolean cost_ok = cost[0] != '\0' && pb_decimal_is_valid (cost) && pb_decimal_compare (cost, "0") >= 0;
  gboolean reason_ok = !infeasible || reason[0] != '\0';

  pb_widget_set_error (GTK_WIDGET (self->cost_row), cost[0] != '\0' && !cost_ok);
  pb_widget_set_error (GTK_WIDGET (self->reason_row), !reason_ok);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 title[0] != '\0' && cost_ok && reason_ok);
}

static char **
parse_groups (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

static char *
description_text (PbProjectEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

PbProject *
pb_project_editor_save (PbProjectEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_auto(GStrv) groups = NULL;
  const char *code;
  guint category_pos;
  gint64 category_id = 0;
  PbProjectStatus status;
  const char *reason;
  PbProject *project = self->project;
  gboolean ok;

  g_return_val_if_fail (PB_IS_PROJECT_EDITOR (self), NULL);

  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  description = description_text (self);
  groups = parse_groups (gtk_editable_get_text (GTK_EDITABLE (self->groups_row)));
  code = gtk_editable_get_text (GTK_EDITABLE (self->code_row));
  category_pos = adw_combo_row_get_selected (self->category_row);
  if (category_pos != GTK_INVALID_LIST_POSITION && category_pos < self->category_ids->len)
    category_id = *(gint64 *) g_ptr_array_index (self->category_ids, category_pos);

  if (project == NULL)
    {
      if (code[0] != '\0')
        project = pb_store_add_project (self->store, self->process, &error,
                                        "code", code, "title", title,
                                        "cost", gtk_editable_get_text (GTK_EDITABLE (self->cost_row)),
                                        NULL);
      else
        project = pb_store_add_project (self->store, self->process, &error,
                                        "title", title,
                                        "cost", gtk_editable_get_text (GTK_EDITABLE (self->cost_row)),
                                        NULL);
      if (project == NULL)
        {
          show_error (self, error->message);
          return NULL;
        }
      self->project = g_object_ref (project);
    }

  {
    const char *names[9];
    GValue values[9] = { G_VALUE_INIT };
    guint n = 0;
    const char *summary = gtk_editable_get_text (GTK_EDITABLE (self->summary_row));
    const char *cost = gtk_editable_get_text (GTK_EDITABLE (self->cost_row));
    const char *location = gtk_editable_get_text (GTK_EDITABLE (self->location_row));
    const char *image = self->image_path != NULL ? self->image_path : "";
    const char * const *old_groups = pb_project_get_incompatibility_groups (project);

    /* Only what changed: from voting on, the store refuses changes to the
     * cost and category, and an unchanged value is no change. */
#define ADD_STRING(prop, current, value) \
    if (g_strcmp0 ((current), (value)) != 0) \
      { \
        names[n] = (prop); \
        g_value_init (&values[n], G_TYPE_STRING); \
        g_value_set_string (&values[n], (value)); \
        n++; \
      }
    ADD_STRING ("title", pb_project_get_title (project), title);
    ADD_STRING ("summary", pb_project_get_summary (project), summary);
    ADD_STRING ("description", pb_project_get_description (project), description);
    if (pb_decimal_compare (pb_project_get_cost (project), cost) != 0)
      ADD_STRING ("cost", pb_project_get_cost (project), cost);
    ADD_STRING ("location", pb_project_get_location (project), location);
    ADD_STRING ("image-path", pb_project_get_image_path (project), image);
    if (code[0] != '\0')
      ADD_STRING ("code", pb_project_get_code (project), code);
#undef ADD_STRING
    if (category_id != pb_project_get_category_id (project))
      {
        names[n] = "category-id";
        g_value_init (&values[n], G_TYPE_INT64);
        g_value_set_int64 (&values[n], category_id);
        n++;
      }
    if (!g_strv_equal ((const char * const *) groups, old_groups != NULL ? old_groups : (const char * const[]) { NULL }))
      {
        names[n] = "incompatibility-groups";
        g_value_init (&values[n], G_TYPE_STRV);
        g_value_set_boxed (&values[n], groups);
        n++;
      }

    ok = n == 0 || pb_store_edit_projectv (self->store, project, n, names, values, &error);
    for (guint i = 0; i < n; i++)
      g_value_unset (&values[i]);
  }
  if (!ok)
    {
      show_error (self, error->message);
      return NULL;
    }

  status = selected_status (self);
  reason = gtk_editable_get_text (GTK_EDITABLE (self->reason_row));
  if (status != pb_project_get_status (project)
      || g_strcmp0 (reason, pb_project_get_status_reason (project)) != 0)
    {
      if (!pb_store_set_project_status (self->store, project, status, reason, &error))
        {
          show_error (self, error->message);
          return NULL;
        }
    }

  /* The store writes only the verdicts that changed. */
  for (guint i = 0; self->can_assess && i < self->criterion_rows->len; i++)
    {
      CriterionRows *rows = &g_array_index (self->criterion_rows, CriterionRows, i);
      guint selected = adw_combo_row_get_selected (rows->verdict_row);
      PbAssessment verdict = selected <= PB_ASSESSMENT_LAST ? (PbAssessment) selected : PB_ASSESSMENT_NONE;

      if (!pb_store_assess_project (self->store, project, rows->criterion_id, verdict,
                                    gtk_editable_get_text (GTK_EDITABLE (rows->note_row)), &error))
        {
          show_error (self, error->message);
          return NULL;
        }
    }

  return project;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PbProjectEditor *self = PB_PROJECT_EDITOR (widget);
  gboolean is_new = self->project == NULL;
  PbProject *project = pb_project_editor_save (self);
  g_autofree char *message = NULL;

  if (project == NULL)
    return;

  message = g_strdup_printf (is_new ? _("“%s” added") : _("“%s” saved"), pb_project_get_title (project));
  emit_toast (self, adw_toast_new (message));
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---- Withdraw and delete, with Undo -------------------------------------- */

typedef struct
{
  PbStore         *store;
  PbProcess       *process;
  PbProject       *project;
  PbProjectStatus  status;
  char            *reason;
  /* For re-adding a deleted project. */
  char            *code;
  char            *title;
  char            *summary;
  char            *description;
  char            *cost;
  gint64           category_id;
  char           **groups;
  char            *image_path;
  char            *location;
} Undo;

static void
undo_free (gpointer data,
           GClosure *closure)
{
  Undo *undo = data;

  g_clear_object (&undo->store);
  g_clear_object (&undo->process);
  g_clear_object (&undo->project);
  g_free (undo->reason);
  g_free (undo->code);
  g_free (undo->title);
  g_free (undo->summary);
  g_free (undo->description);
  g_free (undo->cost);
  g_strfreev (undo->groups);
  g_free (undo->image_path);
  g_free (undo->location);
  g_free (undo);
}

static Undo *
undo_new (PbProjectEditor *self)
{
  PbProject *p = self->project;
  Undo *undo = g_new0 (Undo, 1);

  undo->store = g_object_ref (self->store);
  undo->process = g_object_ref (self->process);
  undo->project = g_object_ref (p);
  undo->status = pb_project_get_status (p);
  undo->reason = g_strdup (pb_project_get_status_reason (p));
  undo->code = g_strdup (pb_project_get_code (p));
  undo->title = g_strdup (pb_project_get_title (p));
  undo->summary = g_strdup (pb_project_get_summary (p));
  undo->description = g_strdup (pb_project_get_description (p));
  undo->cost = g_strdup (pb_project_get_cost (p));
  undo->category_id = pb_project_get_category_id (p);
  undo->groups = g_strdupv ((char **) pb_project_get_incompatibility_groups (p));
  undo->image_path = g_strdup (pb_project_get_image_path (p));
  undo->location = g_strdup (pb_project_get_location (p));
  return undo;
}

static void
undo_withdraw_cb (AdwToast *toast,
                  Undo     *undo)
{
  g_autoptr(GError) error = NULL;

  if (!pb_store_set_project_status (undo->store, undo->project, undo->status, undo->reason, &error))
    g_warning ("Cannot undo the withdrawal: %s", error->message);
}

static void
undo_delete_cb (AdwToast *toast,
                Undo     *undo)
{
  g_autoptr(GError) error = NULL;
  PbProject *project;

  project = pb_store_add_project (undo->store, undo->process, &error,
                                  "code", undo->code, "title", undo->title,
                                  "summary", undo->summary, "description", undo->description,
                                  "cost", undo->cost, "category-id", undo->category_id,
                                  "incompatibility-groups", undo->groups,
                                  "image-path", undo->image_path, "location", undo->location,
                                  NULL);
  if (project == NULL
      || (undo->status != PB_PROJECT_STATUS_PROPOSED
          && !pb_store_set_project_status (undo->store, project, undo->status, undo->reason, &error)))
    g_warning ("Cannot undo the deletion: %s", error->message);
}

static AdwToast *
undo_toast (const char *message,
            Undo       *undo,
            GCallback   callback)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", callback, undo, undo_free, 0);
  return toast;
}

static void
withdraw_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PbProjectEditor *self = PB_PROJECT_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  Undo *undo;

  if (self->project == NULL)
    return;

  undo = undo_new (self);
  if (!pb_store_set_project_status (self->store, self->project, PB_PROJECT_STATUS_WITHDRAWN,
                                    gtk_editable_get_text (GTK_EDITABLE (self->reason_row)), &error))
    {
      undo_free (undo, NULL);
      show_error (self, error->message);
      return;
    }

  message = g_strdup_printf (_("“%s” withdrawn"), pb_project_get_title (self->project));
  emit_toast (self, undo_toast (message, undo, G_CALLBACK (undo_withdraw_cb)));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PbProjectEditor *self = PB_PROJECT_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  Undo *undo;

  if (self->project == NULL)
    return;

  undo = undo_new (self);
  if (!pb_store_delete_project (self->store, self->project, &error))
    {
      undo_free (undo, NULL);
      show_error (self, error->message);
      return;
    }

  message = g_strdup_printf (_("“%s” deleted"), undo->title);
  emit_toast (self, undo_toast (message, undo, G_CALLBACK (undo_delete_cb)));
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---- Image -------------------------------------------------------------- */

static void
image_chosen_cb (GtkNativeDialog *chooser,
                 int              response,
                 PbProjectEditor *self)
{
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_free (self->image_path);
  self->image_path = g_file_get_path (file);
  pb_project_editor_update_image (self);
}

static void
choose_image_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PbProjectEditor *self = PB_PROJECT_EDITOR (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Choose an Image"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_pixbuf_formats (filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (image_chosen_cb), self, 0);
  g_signal_connect (chooser, "response", G_CALLBACK (g_object_unref), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_clear_image (PbProjectEditor *self)
{
  g_clear_pointer (&self->image_path, g_free);
  pb_project_editor_update_image (self);
}

/* ---- Assessment against the shared criteria ------------------------------ */

static void
verdict_changed_cb (AdwComboRow *verdict_row,
                    GParamSpec  *pspec,
                    AdwEntryRow *note_row)
{
  /* A note goes with a verdict. */
  gtk_widget_set_sensitive (GTK_WIDGET (note_row),
                            adw_combo_row_get_selected (verdict_row) != PB_ASSESSMENT_NONE);
}

/* One combo row and one note row per criterion of the process's workshop;
 * the group stays hidden when there is none. */
static void
pb_project_editor_fill_assessment (PbProjectEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) phase_error = NULL;
  g_autoptr(GPtrArray) verdicts = NULL;
  PbWorkshop *workshop = pb_store_get_workshop (self->store, self->process, &error);
  GPtrArray *criteria;

  if (workshop == NULL)
    {
      if (error != NULL)
        g_warning ("Could not read the workshop’s criteria: %s", error->message);
      return;
    }
  criteria = pb_workshop_get_criteria (workshop);
  if (criteria->len == 0)
    return;

  if (self->project != NULL)
    {
      verdicts = pb_store_get_project_assessments (self->store, self->project, &error);
      if (verdicts == NULL)
        {
          show_error (self, error->message);
          return;
        }
    }
  self->can_assess = pb_store_check_can_assess (self->store, self->process, &phase_error);

  for (guint i = 0; i < criteria->len; i++)
    {
      const PbWorkshopCriterion *criterion = g_ptr_array_index (criteria, i);
      g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
      g_autofree char *note_label = NULL;
      CriterionRows rows = { criterion->id, NULL, NULL };
      PbAssessment verdict = PB_ASSESSMENT_NONE;
      const char *note = "";

      for (guint j = 0; verdicts != NULL && j < verdicts->len; j++)
        {
          const PbProjectAssessment *a = g_ptr_array_index (verdicts, j);

          if (a->criterion_id == criterion->id)
            {
              verdict = a->verdict;
              note = a->note;
            }
        }
      for (PbAssessment v = PB_ASSESSMENT_NONE; v <= PB_ASSESSMENT_LAST; v++)
        gtk_string_list_append (labels, pb_assessment_get_label (v));

      /* The criterion's text is the row's title, so it is what a screen
       * reader says for the drop-down. */
      rows.verdict_row = ADW_COMBO_ROW (adw_combo_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows.verdict_row), criterion->text);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (rows.verdict_row), FALSE);
      adw_combo_row_set_model (rows.verdict_row, G_LIST_MODEL (labels));
      adw_combo_row_set_selected (rows.verdict_row, verdict);

      rows.note_row = ADW_ENTRY_ROW (adw_entry_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows.note_row), _("Note (optional)"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (rows.note_row), FALSE);
      gtk_editable_set_text (GTK_EDITABLE (rows.note_row), note);
      note_label = g_strdup_printf (_("Note on “%s”"), criterion->text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (rows.note_row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, note_label, -1);
      g_signal_connect_object (rows.verdict_row, "notify::selected", G_CALLBACK (verdict_changed_cb),
                               rows.note_row, 0);
      verdict_changed_cb (rows.verdict_row, NULL, rows.note_row);

      gtk_widget_set_sensitive (GTK_WIDGET (rows.verdict_row), self->can_assess);
      if (!self->can_assess)
        gtk_widget_set_sensitive (GTK_WIDGET (rows.note_row), FALSE);
      adw_preferences_group_add (self->assessment_group, GTK_WIDGET (rows.verdict_row));
      adw_preferences_group_add (self->assessment_group, GTK_WIDGET (rows.note_row));
      g_array_append_val (self->criterion_rows, rows);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->assessment_label), !self->can_assess);
  if (phase_error != NULL)
    gtk_label_set_text (self->assessment_label, phase_error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->assessment_group), TRUE);
}

/* ---- Filling ------------------------------------------------------------ */

static void
pb_project_editor_fill (PbProjectEditor *self)
{
  PbProject *p = self->project;
  GListModel *categories = pb_process_list_categories (self->process);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gboolean frozen = pb_process_is_frozen (self->process);
  guint selected = 0;
  gint64 *none = g_new0 (gint64, 1);

  gtk_string_list_append (names, _("No category"));
  g_ptr_array_add (self->category_ids, none);
  for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr(PbCategory) category = g_list_model_get_item (categories, i);
      gint64 *id = g_new (gint64, 1);

      *id = pb_category_get_id (category);
      g_ptr_array_add (self->category_ids, id);
      gtk_string_list_append (names, pb_category_get_name (category));
      if (p != NULL && *id == pb_project_get_category_id (p))
        selected = i + 1;
    }
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->category_row, selected);

  adw_window_title_set_title (self->window_title, p != NULL ? _("Edit Project") : _("New Project"));
  gtk_window_set_title (GTK_WINDOW (self), p != NULL ? _("Edit Project") : _("New Project"));
  adw_window_title_set_subtitle (self->window_title, pb_process_get_name (self->process));

  if (p != NULL)
    {
      const char * const *groups = pb_project_get_incompatibility_groups (p);
      g_autofree char *joined = groups != NULL ? g_strjoinv (", ", (char **) groups) : g_strdup ("");

      gtk_editable_set_text (GTK_EDITABLE (self->title_row), pb_project_get_title (p));
      gtk_editable_set_text (GTK_EDITABLE (self->summary_row), pb_project_get_summary (p));
      gtk_editable_set_text (GTK_EDITABLE (self->cost_row), pb_project_get_cost (p));
      gtk_editable_set_text (GTK_EDITABLE (self->code_row), pb_project_get_code (p));
      gtk_editable_set_text (GTK_EDITABLE (self->location_row), pb_project_get_location (p));
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view),
                                pb_project_get_description (p), -1);
      select_status (self, pb_project_get_status (p));
      gtk_editable_set_text (GTK_EDITABLE (self->reason_row), pb_project_get_status_reason (p));
      gtk_editable_set_text (GTK_EDITABLE (self->groups_row), joined);
      self->image_path = g_strdup (pb_project_get_image_path (p));
    }
  else
    select_status (self, PB_PROJECT_STATUS_PROPOSED);
  gtk_widget_set_visible (GTK_WIDGET (self->actions_group), p != NULL && !frozen);
  pb_project_editor_fill_assessment (self);

  /* From voting on the rules and the ballot are fixed: the review and the
   * cost cannot change, but what residents read can still be corrected. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->review_group), !frozen);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cost_row), !frozen);
  gtk_widget_set_sensitive (GTK_WIDGET (self->category_row), !frozen);
  gtk_widget_set_visible (GTK_WIDGET (self->frozen_label), frozen);
  gtk_label_set_text (self->frozen_label,
                      _("Voting is open: the cost, category and review can’t change until it closes."));
  if (pb_process_is_read_only (self->process))
    {
      gtk_label_set_text (self->frozen_label, _("The results are published: this project can no longer change."));
      gtk_widget_set_sensitive (GTK_WIDGET (self->details_group), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->description_view), FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
      return;
    }

  pb_project_editor_update_image (self);
  on_changed (self);
}

/* ---- GObject ------------------------------------------------------------ */

static void
pb_project_editor_dispose (GObject *object)
{
  PbProjectEditor *self = PB_PROJECT_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_PROJECT_EDITOR);
  g_clear_object (&self->project);
  g_clear_object (&self->process);
  g_clear_object (&self->store);
  g_clear_pointer (&self->category_ids, g_ptr_array_unref);
  g_clear_pointer (&self->criterion_rows, g_array_unref);
  g_clear_pointer (&self->image_path, g_free);

  G_OBJECT_CLASS (pb_project_editor_parent_class)->dispose (object);
}

static void
pb_project_editor_class_init (PbProjectEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_project_editor_dispose;

  /**
   * PbProjectEditor::add-toast:
   * @toast: a toast for the window (with Undo after withdraw or delete)
   */
  signals[ADD_TOAST] =
    g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Pb/officer/pb-project-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PbProjectEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, PbProjectEditor, frozen_label);
  gtk_widget_class_bind_template_child (widget_class, PbProjectEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, PbProjectEditor, details_group);
  gtk_widget_class_bind_template_child (widget_class, PbProjectEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, PbProjectEditor, summary_row);
  gtk_widget_class_bind_template_child (widget_class, PbProjectEditor, cost_row);
  gtk_widget_class_bind_template_child (widget_class, PbProjectEditor, category_row);
  gtk_widget_class_bind_template_child (widget_class, PbProjectEditor, code_row);
  gtk_widget_class_bind_template_child (widget_class, PbProjectEditor, location_row);
  gtk_widget_class_bind_template_child (widget_class, PbProjectEditor, image_row);
  gtk_widget_class_bind_template_child (widget_class, PbProjectEditor, clear_image_button);
  gtk_widget_class_bind_template_child (widget_class, PbProjectEditor, description_view);
  gtk_widget_class_bind_template_child (widget_class, PbProjectEditor, review_group);
  gtk_widget_class_bind_template_child (widget_class, PbProjectEditor, proposed_button);
  gtk_widget_class_bind_template_child (widget_class, PbProjectEditor, feasible_button);
  gtk_widget_class_bind_template_child (widget_class, PbProjectEditor, infeasible_button);
  gtk_widget_class_bind_template_child (widget_class, PbProjectEditor, reason_row);
  gtk_widget_class_bind_template_child (widget_class, PbProjectEditor, groups_row);
  gtk_widget_class_bind_template_child (widget_class, PbProjectEditor, assessment_group);
  gtk_widget_class_bind_template_child (widget_class, PbProjectEditor, assessment_label);
  gtk_widget_class_bind_template_child (widget_class, PbProjectEditor, actions_group);
  gtk_widget_class_bind_template_child (widget_class, PbProjectEditor, withdraw_button);
  gtk_widget_class_bind_template_child (widget_class, PbProjectEditor, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_image);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.withdraw", NULL, withdraw_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "editor.choose-image", NULL, choose_image_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
pb_project_editor_init (PbProjectEditor *self)
{
  self->category_ids = g_ptr_array_new_with_free_func (g_free);
  self->criterion_rows = g_array_new (FALSE, TRUE, sizeof (CriterionRows));
  gtk_widget_init_template (GTK_WIDGET (self));
}

PbProjectEditor *
pb_project_editor_new (PbStore   *store,
                       PbProcess *process,
                       PbProject *project)
{
  PbProjectEditor *self;

  g_return_val_if_fail (PB_IS_STORE (store), NULL);
  g_return_val_if_fail (PB_IS_PROCESS (process), NULL);
  g_return_val_if_fail (project == NULL || PB_IS_PROJECT (project), NULL);

  self = g_object_new (PB_TYPE_PROJECT_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->process = g_object_ref (process);
  g_set_object (&self->project, project);
  pb_project_editor_fill (self);
  return self;
}

void
pb_project_editor_set_values (PbProjectEditor *self,
                              const char      *title,
                              const char      *summary,
                              const char      *cost)
{
  g_return_if_fail (PB_IS_PROJECT_EDITOR (self));

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title ? title : "");
  gtk_editable_set_text (GTK_EDITABLE (self->summary_row), summary ? summary : "");
  gtk_editable_set_text (GTK_EDITABLE (self->cost_row), cost ? cost : "");
}

void
pb_project_editor_set_review (PbProjectEditor *self,
                              PbProjectStatus  status,
                              const char      *reason)
{
  g_return_if_fail (PB_IS_PROJECT_EDITOR (self));

  select_status (self, status);
  gtk_editable_set_text (GTK_EDITABLE (self->reason_row), reason ? reason : "");
}
