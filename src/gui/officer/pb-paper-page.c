/* pb-paper-page.c: the Paper page (double entry).
 *
 * Left, the batches with how far each officer got; right, the form for the
 * selected batch: which officer is typing, the ballot number, the projects
 * ticked (check boxes, or points or ranks for those formats), then where
 * the two entries differ and the button that counts the batch once they
 * agree.  Every ballot is validated by the store with the same rules as
 * the kiosk as soon as it is saved.
 */

#include "pb-config.h"

#include <glib/gi18n.h>

#include "pb-officer-util.h"
#include "pb-paper-page.h"

struct _PbPaperPage
{
  PbPage               parent_instance;

  GListModel          *batches;
  PbPaperBatch        *batch;
  GListModel          *differences;
  GPtrArray           *batch_rows;
  GPtrArray           *choice_rows;
  GPtrArray           *difference_rows;
  PbProcess           *bound_process;
  gboolean             rebuilding;

  AdwLeaflet          *leaflet;
  GtkListBox          *batch_list;
  GtkLabel            *no_batches_label;
  AdwEntryRow         *batch_label_row;
  GtkSpinButton       *batch_count_spin;
  GtkStack            *entry_stack;
  AdwStatusPage       *status_page;
  GtkLabel            *batch_title;
  GtkLabel            *batch_state_label;
  AdwPreferencesGroup *entry_group;
  GtkToggleButton     *entry1_button;
  GtkToggleButton     *entry2_button;
  AdwEntryRow         *officer_row;
  GtkSpinButton       *number_spin;
  AdwPreferencesGroup *choices_group;
  GtkLabel            *entry_error_label;
  GtkButton           *save_ballot_button;
  AdwPreferencesGroup *differences_group;
  GtkButton           *commit_button;
};

G_DEFINE_FINAL_TYPE (PbPaperPage, pb_paper_page, PB_TYPE_PAGE)

static void pb_paper_page_reload (PbPaperPage *self);

static guint
current_entry (PbPaperPage *self)
{
  return gtk_toggle_button_get_active (self->entry2_button) ? 2 : 1;
}

/* ---- The choices form --------------------------------------------------- */

static void
pb_paper_page_rebuild_choices (PbPaperPage *self)
{
  PbProcess *process = pb_page_get_process (PB_PAGE (self));
  GListModel *projects;
  PbBallotFormat format;

  for (guint i = 0; i < self->choice_rows->len; i++)
    adw_preferences_group_remove (self->choices_group, g_ptr_array_index (self->choice_rows, i));
  g_ptr_array_set_size (self->choice_rows, 0);

  if (process == NULL)
    return;

  format = pb_process_get_ballot_format (process);
  projects = pb_process_list_ballot_projects (process);
  switch (format)
    {
    case PB_BALLOT_FORMAT_CUMULATIVE:
      adw_preferences_group_set_description (self->choices_group, _("Type the points given to each project."));
      break;
    case PB_BALLOT_FORMAT_RANKING:
      adw_preferences_group_set_description (self->choices_group, _("Type each project’s rank (1 is the first choice); leave 0 for projects not ranked."));
      break;
    case PB_BALLOT_FORMAT_APPROVAL:
    case PB_BALLOT_FORMAT_KNAPSACK:
    default:
      adw_preferences_group_set_description (self->choices_group, _("Tick the projects ticked on the paper."));
      break;
    }

  for (guint i = 0; i < g_list_model_get_n_items (projects); i++)
    {
      g_autoptr(PbProject) project = g_list_model_get_item (projects, i);
      g_autofree char *cost = pb_process_format_money (process, pb_project_get_cost (project));
      g_autofree char *title = g_strdup_printf ("%s · %s", pb_project_get_code (project), pb_project_get_title (project));
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *input;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), cost);

      if (format == PB_BALLOT_FORMAT_CUMULATIVE || format == PB_BALLOT_FORMAT_RANKING)
        {
          input = gtk_spin_button_new_with_range (0, format == PB_BALLOT_FORMAT_RANKING
                                                     ? g_list_model_get_n_items (projects) : 1000, 1);
          gtk_widget_set_valign (input, GTK_ALIGN_CENTER);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), input);
        }
      else
        {
          /* A toggle rather than a check box: GTK 4.8 exposes no AT-SPI
           * action on check boxes, and assistive tools must tick too. */
          input = gtk_toggle_button_new ();
          gtk_button_set_icon_name (GTK_BUTTON (input), "object-select-symbolic");
          gtk_widget_add_css_class (input, "tick-toggle");
          gtk_widget_set_valign (input, GTK_ALIGN_CENTER);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), input);
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      pb_project_get_title (project), -1);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), input);
      g_object_set_data (G_OBJECT (row), "input", input);
      {
        gint64 id = pb_project_get_id (project);
        g_object_set_data_full (G_OBJECT (row), "project-id", g_memdup2 (&id, sizeof id), g_free);
      }
      adw_preferences_group_add (self->choices_group, row);
      g_ptr_array_add (self->choice_rows, row);
    }
}

static gint64
row_project_id (GtkWidget *row)
{
  return *(gint64 *) g_object_get_data (G_OBJECT (row), "project-id");
}

static void
clear_choices (PbPaperPage *self)
{
  for (guint i = 0; i < self->choice_rows->len; i++)
    {
      GtkWidget *input = g_object_get_data (g_ptr_array_index (self->choice_rows, i), "input");

      if (GTK_IS_TOGGLE_BUTTON (input))
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (input), FALSE);
      else
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (input), 0);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->entry_error_label), FALSE);
}

typedef struct { gint64 id; guint rank; } Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  return (int) ((const Ranked *) a)->rank - (int) ((const Ranked *) b)->rank;
}

static PbBallotChoices *
pb_paper_page_read_choices (PbPaperPage *self)
{
  PbProcess *process = pb_page_get_process (PB_PAGE (self));
  PbBallotFormat format = pb_process_get_ballot_format (process);
  PbBallotChoices *choices = pb_ballot_choices_new (format);
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));

  for (guint i = 0; i < self->choice_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->choice_rows, i);
      GtkWidget *input = g_object_get_data (G_OBJECT (row), "input");
      gint64 id = row_project_id (row);

      if (GTK_IS_TOGGLE_BUTTON (input))
        {
          if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (input)))
            pb_ballot_choices_add (choices, id, 1);
        }
      else
        {
          guint value = (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (input));

          if (value == 0)
            continue;
          if (format == PB_BALLOT_FORMAT_RANKING)
            g_array_append_val (ranked, ((Ranked) { id, value }));
          else
            pb_ballot_choices_add (choices, id, value);
        }
    }

  g_array_sort (ranked, compare_ranked);
  for (guint i = 0; i < ranked->len; i++)
    pb_ballot_choices_add (choices, g_array_index (ranked, Ranked, i).id, 1);

  return choices;
}

/* ---- The batch view ----------------------------------------------------- */

static char *
describe_choices (PbProcess             *process,
                  const PbBallotChoices *choices)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n;

  if (choices == NULL)
    return g_strdup (_("not typed yet"));

  n = pb_ballot_choices_get_n_entries (choices);
  if (n == 0)
    return g_strdup (_("nothing ticked"));

  for (guint i = 0; i < n; i++)
    {
      PbProject *project = pb_process_lookup_project (process, pb_ballot_choices_get_project (choices, i));
      guint points = pb_ballot_choices_get_points (choices, i);

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, project != NULL ? pb_project_get_code (project) : "?");
      if (pb_ballot_choices_get_format (choices) == PB_BALLOT_FORMAT_CUMULATIVE)
        g_string_append_printf (text, " (%u)", points);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
pb_paper_page_show_batch (PbPaperPage *self)
{
  PbProcess *process = pb_page_get_process (PB_PAGE (self));
  PbPaperBatch *batch = self->batch;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *state = NULL;
  guint total, n1, n2, n_diff;
  gboolean voting, committed;

  for (guint i = 0; i < self->difference_rows->len; i++)
    adw_preferences_group_remove (self->differences_group, g_ptr_array_index (self->difference_rows, i));
  g_ptr_array_set_size (self->difference_rows, 0);
  g_clear_object (&self->differences);

  if (batch == NULL || process == NULL)
    {
      gtk_stack_set_visible_child_name (self->entry_stack, "none");
      return;
    }
  gtk_stack_set_visible_child_name (self->entry_stack, "batch");

  total = pb_paper_batch_get_ballot_count (batch);
  n1 = pb_paper_batch_get_entry_count (batch, 1);
  n2 = pb_paper_batch_get_entry_count (batch, 2);
  committed = pb_paper_batch_get_committed (batch);
  voting = pb_process_get_phase (process) == PB_PHASE_VOTING;

  /* Translators: %s is the number written on a paper batch ("B-017"). */
  title = g_strdup_printf (_("Batch %s"), pb_paper_batch_get_label (batch));
  gtk_label_set_text (self->batch_title, title);

  self->differences = pb_store_paper_list_differences (pb_page_get_store (PB_PAGE (self)), batch, &error);
  n_diff = self->differences != NULL ? g_list_model_get_n_items (self->differences) : 0;

  if (committed)
    state = g_strdup_printf (ngettext ("Counted: its %u ballot is in the results.",
                                       "Counted: its %u ballots are in the results.", total), total);
  else
    state = g_strdup_printf (_("Officer 1 typed %u of %u ballots; officer 2 typed %u of %u."), n1, total, n2, total);
  gtk_label_set_text (self->batch_state_label, state);

  gtk_adjustment_set_upper (gtk_spin_button_get_adjustment (self->number_spin), total);
  gtk_widget_set_sensitive (GTK_WIDGET (self->entry_group), !committed);
  gtk_widget_set_sensitive (GTK_WIDGET (self->choices_group), !committed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "paper.save-ballot", !committed);

  if (self->differences != NULL)
    for (guint i = 0; i < n_diff && i < 100; i++)
      {
        g_autoptr(PbPaperDifference) diff = g_list_model_get_item (self->differences, i);
        g_autofree char *row_title = g_strdup_printf (_("Ballot %u"), pb_paper_difference_get_number (diff));
        g_autofree char *one = describe_choices (process, pb_paper_difference_get_entry (diff, 1));
        g_autofree char *two = describe_choices (process, pb_paper_difference_get_entry (diff, 2));
        g_autofree char *subtitle = g_strdup_printf (_("Officer 1: %s · Officer 2: %s"), one, two);
        GtkWidget *row = adw_action_row_new ();

        adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), row_title);
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
        adw_preferences_group_add (self->differences_group, row);
        g_ptr_array_add (self->difference_rows, row);
      }

  gtk_widget_set_visible (GTK_WIDGET (self->differences_group), !committed);
  if (committed)
    adw_preferences_group_set_description (self->differences_group, NULL);
  else if (n_diff == 0)
    adw_preferences_group_set_description (self->differences_group, _("None: both entries agree on every ballot."));
  else
    {
      g_autofree char *description =
        g_strdup_printf (ngettext ("%u ballot differs or is missing. Look at the paper and retype it in the entry that is wrong.",
                                   "%u ballots differ or are missing. Look at the papers and retype them in the entry that is wrong.",
                                   n_diff), n_diff);
      adw_preferences_group_set_description (self->differences_group, description);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->commit_button), !committed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "paper.commit",
                                 !committed && n_diff == 0 && n1 == total && n2 == total && voting);
  if (!voting && !committed)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->commit_button), _("Ballots are counted only while voting is open"));
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->commit_button), NULL);
}

static void
on_batch_selected (PbPaperPage   *self,
                   GtkListBoxRow *row)
{
  if (self->rebuilding)
    return;

  if (row == NULL)
    g_clear_object (&self->batch);
  else
    g_set_object (&self->batch, g_object_get_data (G_OBJECT (row), "batch"));

  gtk_spin_button_set_value (self->number_spin, 1);
  clear_choices (self);
  pb_paper_page_show_batch (self);
  if (row != NULL)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_back_clicked (PbPaperPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_entry_toggled (PbPaperPage *self)
{
  const char *officer = self->batch != NULL ? pb_paper_batch_get_officer (self->batch, current_entry (self)) : NULL;

  gtk_editable_set_text (GTK_EDITABLE (self->officer_row), officer != NULL ? officer : "");
  gtk_spin_button_set_value (self->number_spin,
                             self->batch != NULL
                             ? MIN (pb_paper_batch_get_entry_count (self->batch, current_entry (self)) + 1,
                                    pb_paper_batch_get_ballot_count (self->batch))
                             : 1);
  clear_choices (self);
}

static void
on_clear_clicked (PbPaperPage *self)
{
  clear_choices (self);
}

/* ---- Reloading the batches ---------------------------------------------- */

static void
pb_paper_page_reload (PbPaperPage *self)
{
  PbStore *store = pb_page_get_store (PB_PAGE (self));
  PbProcess *process = pb_page_get_process (PB_PAGE (self));
  g_autoptr(GError) error = NULL;
  gint64 selected_id = self->batch != NULL ? pb_paper_batch_get_id (self->batch) : 0;
  GtkListBoxRow *select = NULL;

  self->rebuilding = TRUE;
  for (guint i = 0; i < self->batch_rows->len; i++)
    gtk_list_box_remove (self->batch_list, g_ptr_array_index (self->batch_rows, i));
  g_ptr_array_set_size (self->batch_rows, 0);
  g_clear_object (&self->batches);
  g_clear_object (&self->batch);

  if (store != NULL && process != NULL)
    self->batches = pb_store_paper_list_batches (store, process, &error);
  if (error != NULL)
    pb_page_show_error (PB_PAGE (self), error);

  for (guint i = 0; self->batches != NULL && i < g_list_model_get_n_items (self->batches); i++)
    {
      g_autoptr(PbPaperBatch) batch = g_list_model_get_item (self->batches, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf (_("Batch %s"), pb_paper_batch_get_label (batch));
      g_autofree char *subtitle = NULL;
      guint total = pb_paper_batch_get_ballot_count (batch);

      if (pb_paper_batch_get_committed (batch))
        subtitle = g_strdup_printf (ngettext ("%u ballot, counted", "%u ballots, counted", total), total);
      else
        subtitle = g_strdup_printf (_("%u ballots · typed %u and %u"), total,
                                    pb_paper_batch_get_entry_count (batch, 1),
                                    pb_paper_batch_get_entry_count (batch, 2));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (pb_paper_batch_get_committed (batch))
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("object-select-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "batch", g_object_ref (batch), g_object_unref);
      gtk_list_box_append (self->batch_list, row);
      g_ptr_array_add (self->batch_rows, row);
      if (pb_paper_batch_get_id (batch) == selected_id)
        {
          select = GTK_LIST_BOX_ROW (row);
          self->batch = g_object_ref (batch);
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->batch_list), self->batch_rows->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->no_batches_label), self->batch_rows->len == 0);
  gtk_list_box_select_row (self->batch_list, select);
  self->rebuilding = FALSE;

  pb_paper_page_show_batch (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "paper.add-batch",
                                 process != NULL && !pb_process_is_read_only (process));
}

/* ---- Actions ------------------------------------------------------------ */

gboolean
pb_paper_page_add_batch (PbPaperPage *self,
                         const char  *label,
                         guint        ballot_count)
{
  PbStore *store = pb_page_get_store (PB_PAGE (self));
  PbProcess *process = pb_page_get_process (PB_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(PbPaperBatch) batch = NULL;

  g_return_val_if_fail (PB_IS_PAPER_PAGE (self), FALSE);

  if (store == NULL || process == NULL)
    return FALSE;

  batch = pb_store_paper_add_batch (store, process, label, ballot_count, &error);
  if (batch == NULL)
    {
      pb_page_show_error (PB_PAGE (self), error);
      return FALSE;
    }

  g_set_object (&self->batch, batch);
  pb_paper_page_reload (self);
  gtk_editable_set_text (GTK_EDITABLE (self->batch_label_row), "");
  gtk_toggle_button_set_active (self->entry1_button, TRUE);
  on_entry_toggled (self);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  return TRUE;
}

static void
add_batch_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PbPaperPage *self = PB_PAPER_PAGE (widget);
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->batch_label_row))));

  if (label[0] == '\0')
    {
      g_free (label);
      label = g_strdup_printf ("%u", (self->batches != NULL ? g_list_model_get_n_items (self->batches) : 0) + 1);
    }
  pb_paper_page_add_batch (self, label, (guint) gtk_spin_button_get_value_as_int (self->batch_count_spin));
}

gboolean
pb_paper_page_save_ballot (PbPaperPage *self)
{
  g_autoptr(PbBallotChoices) choices = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *officer = NULL;
  guint number, entry;

  g_return_val_if_fail (PB_IS_PAPER_PAGE (self), FALSE);

  if (self->batch == NULL)
    return FALSE;

  officer = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->officer_row))));
  if (officer[0] == '\0')
    {
      pb_widget_set_error (GTK_WIDGET (self->officer_row), TRUE);
      gtk_label_set_text (self->entry_error_label, _("Type your name first: each entry records who typed it."));
      gtk_widget_set_visible (GTK_WIDGET (self->entry_error_label), TRUE);
      return FALSE;
    }
  pb_widget_set_error (GTK_WIDGET (self->officer_row), FALSE);

  number = (guint) gtk_spin_button_get_value_as_int (self->number_spin);
  entry = current_entry (self);
  choices = pb_paper_page_read_choices (self);
  if (!pb_store_paper_set_entry (pb_page_get_store (PB_PAGE (self)), self->batch, entry, officer,
                                 number, choices, &error))
    {
      /* Translators: %u is a ballot number, %s why it was refused. */
      g_autofree char *message = g_strdup_printf (_("Ballot %u was not saved: %s"), number, error->message);

      gtk_label_set_text (self->entry_error_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->entry_error_label), TRUE);
      return FALSE;
    }

  pb_paper_page_reload (self);
  clear_choices (self);
  if (number < pb_paper_batch_get_ballot_count (self->batch))
    gtk_spin_button_set_value (self->number_spin, number + 1);
  {
    g_autofree char *message = g_strdup_printf (_("Ballot %u saved in officer %u’s entry"), number, entry);
    AdwToast *toast = adw_toast_new (message);

    adw_toast_set_timeout (toast, 2);
    pb_page_add_toast (PB_PAGE (self), toast);
  }
  return TRUE;
}

static void
save_ballot_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  pb_paper_page_save_ballot (PB_PAPER_PAGE (widget));
}

gboolean
pb_paper_page_commit (PbPaperPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (PB_IS_PAPER_PAGE (self), FALSE);

  if (self->batch == NULL)
    return FALSE;

  if (!pb_store_paper_commit_batch (pb_page_get_store (PB_PAGE (self)), self->batch, &error))
    {
      pb_page_show_error (PB_PAGE (self), error);
      return FALSE;
    }

  message = g_strdup_printf (_("Batch %s counted"), pb_paper_batch_get_label (self->batch));
  pb_page_add_toast (PB_PAGE (self), adw_toast_new (message));
  pb_paper_page_reload (self);
  return TRUE;
}

static void
commit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  pb_paper_page_commit (PB_PAPER_PAGE (widget));
}

/* ---- Binding ------------------------------------------------------------ */

static void
process_changed_cb (PbPaperPage *self)
{
  pb_paper_page_rebuild_choices (self);
  pb_paper_page_reload (self);
}

static void
pb_paper_page_unbind (PbPaperPage *self)
{
  if (self->bound_process != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->bound_process, process_changed_cb, self);
      g_signal_handlers_disconnect_by_func (pb_process_list_ballot_projects (self->bound_process),
                                            process_changed_cb, self);
    }
  g_clear_object (&self->bound_process);
}

static void
pb_paper_page_process_changed (PbPage *page)
{
  PbPaperPage *self = PB_PAPER_PAGE (page);
  PbProcess *process = pb_page_get_process (page);

  pb_paper_page_unbind (self);
  g_clear_object (&self->batch);
  if (process != NULL)
    {
      self->bound_process = g_object_ref (process);
      g_signal_connect_swapped (process, "notify::phase", G_CALLBACK (process_changed_cb), self);
      g_signal_connect_swapped (process, "notify::ballot-format", G_CALLBACK (process_changed_cb), self);
      g_signal_connect_swapped (pb_process_list_ballot_projects (process), "items-changed",
                                G_CALLBACK (process_changed_cb), self);
    }
  process_changed_cb (self);
}

static void
pb_paper_page_dispose (GObject *object)
{
  PbPaperPage *self = PB_PAPER_PAGE (object);

  pb_paper_page_unbind (self);
  /* Removing the selected row emits row-selected: ignore it from now on. */
  self->rebuilding = TRUE;
  /* AdwBin keeps its own pointer to the child: let it go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_PAPER_PAGE);
  g_clear_object (&self->batches);
  g_clear_object (&self->batch);
  g_clear_object (&self->differences);
  g_clear_pointer (&self->batch_rows, g_ptr_array_unref);
  g_clear_pointer (&self->choice_rows, g_ptr_array_unref);
  g_clear_pointer (&self->difference_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (pb_paper_page_parent_class)->dispose (object);
}

static void
pb_paper_page_class_init (PbPaperPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PbPageClass *page_class = PB_PAGE_CLASS (klass);

  object_class->dispose = pb_paper_page_dispose;
  page_class->process_changed = pb_paper_page_process_changed;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Pb/officer/pb-paper-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, PbPaperPage, name)
  BIND (leaflet);
  BIND (batch_list);
  BIND (no_batches_label);
  BIND (batch_label_row);
  BIND (batch_count_spin);
  BIND (entry_stack);
  BIND (status_page);
  BIND (batch_title);
  BIND (batch_state_label);
  BIND (entry_group);
  BIND (entry1_button);
  BIND (entry2_button);
  BIND (officer_row);
  BIND (number_spin);
  BIND (choices_group);
  BIND (entry_error_label);
  BIND (save_ballot_button);
  BIND (differences_group);
  BIND (commit_button);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_batch_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_clicked);

  gtk_widget_class_install_action (widget_class, "paper.add-batch", NULL, add_batch_action);
  gtk_widget_class_install_action (widget_class, "paper.save-ballot", NULL, save_ballot_action);
  gtk_widget_class_install_action (widget_class, "paper.commit", NULL, commit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "paper.save-ballot", NULL);
}

static void
pb_paper_page_init (PbPaperPage *self)
{
  self->batch_rows = g_ptr_array_new ();
  self->choice_rows = g_ptr_array_new ();
  self->difference_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  pb_paper_page_reload (self);
}

GtkWidget *
pb_paper_page_new (void)
{
  return g_object_new (PB_TYPE_PAPER_PAGE, NULL);
}

PbPaperBatch *
pb_paper_page_get_batch (PbPaperPage *self)
{
  g_return_val_if_fail (PB_IS_PAPER_PAGE (self), NULL);

  return self->batch;
}

void
pb_paper_page_tick (PbPaperPage *self,
                    gint64       project_id,
                    guint        points)
{
  g_return_if_fail (PB_IS_PAPER_PAGE (self));

  for (guint i = 0; i < self->choice_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->choice_rows, i);
      GtkWidget *input = g_object_get_data (G_OBJECT (row), "input");

      if (row_project_id (row) != project_id)
        continue;
      if (GTK_IS_TOGGLE_BUTTON (input))
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (input), points > 0);
      else
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (input), points);
    }
}

void
pb_paper_page_set_entry (PbPaperPage *self,
                         guint        entry,
                         const char  *officer,
                         guint        number)
{
  g_return_if_fail (PB_IS_PAPER_PAGE (self));
  g_return_if_fail (entry == 1 || entry == 2);

  gtk_toggle_button_set_active (entry == 1 ? self->entry1_button : self->entry2_button, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->officer_row), officer ? officer : "");
  gtk_spin_button_set_value (self->number_spin, number);
}

guint
pb_paper_page_get_n_differences (PbPaperPage *self)
{
  g_return_val_if_fail (PB_IS_PAPER_PAGE (self), 0);

  return self->differences != NULL ? g_list_model_get_n_items (self->differences) : 0;
}
