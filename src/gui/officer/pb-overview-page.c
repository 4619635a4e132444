/* pb-overview-page.c: the Overview page.
 *
 * The phase as a row of steps, one suggested button for the next step (with
 * what stands in its way, if anything), and the key numbers: budget,
 * projects, ballots by method and by kiosk, voter codes.  The numbers are
 * re-read every few seconds while the page is shown, so that ballots cast
 * at a kiosk running as another program appear without a click.
 */

#include "pb-config.h"

#include <glib/gi18n.h>

#include "pb-decimal.h"
#include "pb-integrity-group.h"
#include "pb-officer-util.h"
#include "pb-overview-page.h"

#define REFRESH_SECONDS 5

struct _PbOverviewPage
{
  PbPage         parent_instance;

  PbProcess     *bound_process;
  GListModel    *bound_projects;
  GPtrArray     *kiosk_rows;
  guint          refresh_id;

  GtkBox        *phase_steps;
  GtkLabel      *phase_label;
  GtkLabel      *explanation_label;
  GtkLabel      *blocker_label;
  GtkButton     *next_button;
  GtkButton     *kiosk_button;
  GtkButton     *reopen_button;
  GtkLabel      *budget_value;
  GtkLabel      *projects_value;
  GtkLabel      *projects_caption;
  GtkLabel      *ballots_value;
  GtkLabel      *codes_value;
  GtkLabel      *codes_caption;
  GtkLabel      *kiosk_count;
  GtkLabel      *paper_count;
  GtkLabel      *import_count;
  AdwPreferencesGroup *kiosks_group;
};

G_DEFINE_FINAL_TYPE (PbOverviewPage, pb_overview_page, PB_TYPE_PAGE)

static void
set_count (GtkLabel *label,
           guint     n)
{
  g_autofree char *text = g_strdup_printf ("%'u", n);

  gtk_label_set_text (label, text);
}

static void
pb_overview_page_rebuild_steps (PbOverviewPage *self,
                                PbPhase         current)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->phase_steps))) != NULL)
    gtk_box_remove (self->phase_steps, child);

  for (PbPhase phase = PB_PHASE_DRAFT; phase <= PB_PHASE_LAST; phase++)
    {
      GtkWidget *step = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *marker;
      GtkWidget *label = gtk_label_new (pb_phase_get_label (phase));
      g_autofree char *number = g_strdup_printf ("%u", phase + 1);
      g_autofree char *accessible = NULL;

      if (phase < current || current == PB_PHASE_PUBLISHED)
        {
          marker = gtk_image_new_from_icon_name ("object-select-symbolic");
          gtk_widget_add_css_class (step, "done");
          /* Translators: a finished phase, read by screen readers. */
          accessible = g_strdup_printf (_("%s: done"), pb_phase_get_label (phase));
        }
      else
        {
          marker = gtk_label_new (number);
          if (phase == current)
            {
              gtk_widget_add_css_class (step, "current");
              accessible = g_strdup_printf (_("%s: current phase"), pb_phase_get_label (phase));
            }
          else
            accessible = g_strdup_printf (_("%s: to come"), pb_phase_get_label (phase));
        }
      gtk_widget_add_css_class (marker, "step-marker");
      gtk_widget_set_halign (marker, GTK_ALIGN_CENTER);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (step, "phase-step");
      gtk_widget_set_size_request (step, 72, -1);
      gtk_box_append (GTK_BOX (step), marker);
      gtk_box_append (GTK_BOX (step), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (step),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      gtk_box_append (self->phase_steps, step);
    }
}

/* What stands in the way of the next step, in words, or NULL. */
static char *
pb_overview_page_dup_blocker (PbOverviewPage *self,
                              PbProcess      *process)
{
  PbPhase next = pb_phase_get_next (pb_process_get_phase (process));

  if (next == PB_PHASE_VOTING)
    {
      if (pb_decimal_compare (pb_process_get_budget (process), "0") <= 0)
        return g_strdup (_("Set a budget in Setup before voting opens."));
      if (g_list_model_get_n_items (pb_process_list_ballot_projects (process)) == 0)
        return g_strdup (_("Mark at least one project feasible in Projects before voting opens."));
    }
  return NULL;
}

static void
pb_overview_page_refresh (PbOverviewPage *self)
{
  PbStore *store = pb_page_get_store (PB_PAGE (self));
  PbProcess *process = pb_page_get_process (PB_PAGE (self));
  g_autoptr(GHashTable) by_kiosk = NULL;
  g_autofree char *budget = NULL;
  g_autofree char *blocker = NULL;
  g_autofree char *projects_caption = NULL;
  const char *next_label;
  GHashTableIter iter;
  gpointer key, value;
  PbPhase phase;
  guint n_projects, n_ballot;

  if (store == NULL || process == NULL)
    return;

  phase = pb_process_get_phase (process);
  pb_overview_page_rebuild_steps (self, phase);
  gtk_label_set_text (self->phase_label, pb_phase_get_label (phase));
  gtk_label_set_text (self->explanation_label, pb_phase_get_explanation (phase));

  next_label = pb_phase_get_next_step_label (phase);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), next_label != NULL);
  if (next_label != NULL)
    gtk_button_set_label (self->next_button, next_label);
  gtk_widget_set_visible (GTK_WIDGET (self->reopen_button), phase == PB_PHASE_CLOSED);
  gtk_widget_set_visible (GTK_WIDGET (self->kiosk_button), phase == PB_PHASE_VOTING);

  blocker = pb_overview_page_dup_blocker (self, process);
  gtk_label_set_text (self->blocker_label, blocker != NULL ? blocker : "");
  gtk_widget_set_visible (GTK_WIDGET (self->blocker_label), blocker != NULL);

  budget = pb_process_format_money (process, pb_process_get_budget (process));
  gtk_label_set_text (self->budget_value, budget);

  n_projects = g_list_model_get_n_items (pb_process_list_projects (process));
  n_ballot = g_list_model_get_n_items (pb_process_list_ballot_projects (process));
  set_count (self->projects_value, n_projects);
  projects_caption = g_strdup_printf (ngettext ("Project, %'u on the ballot",
                                                "Projects, %'u on the ballot", n_projects),
                                      n_ballot);
  gtk_label_set_text (self->projects_caption, projects_caption);

  set_count (self->ballots_value, pb_store_count_ballots (store, process, PB_BALLOT_METHOD_ANY));
  set_count (self->kiosk_count, pb_store_count_ballots (store, process, PB_BALLOT_METHOD_KIOSK));
  set_count (self->paper_count, pb_store_count_ballots (store, process, PB_BALLOT_METHOD_PAPER));
  set_count (self->import_count, pb_store_count_ballots (store, process, PB_BALLOT_METHOD_IMPORT));

  if (pb_process_get_voter_codes_required (process))
    {
      guint issued = pb_store_count_voter_codes (store, process, PB_VOTER_CODE_STATE_ISSUED);
      guint used = pb_store_count_voter_codes (store, process, PB_VOTER_CODE_STATE_USED);
      g_autofree char *caption = g_strdup_printf (_("Voter codes used, %'u not yet"), issued);

      set_count (self->codes_value, used);
      gtk_label_set_text (self->codes_caption, caption);
    }
  else
    {
      gtk_label_set_text (self->codes_value, "—");
      gtk_label_set_text (self->codes_caption, _("Voter codes not needed"));
    }

  for (guint i = 0; i < self->kiosk_rows->len; i++)
    adw_preferences_group_remove (self->kiosks_group, g_ptr_array_index (self->kiosk_rows, i));
  g_ptr_array_set_size (self->kiosk_rows, 0);

  by_kiosk = pb_store_count_ballots_by_kiosk (store, process);
  g_hash_table_iter_init (&iter, by_kiosk);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *count = gtk_label_new (NULL);
      g_autofree char *short_id = g_strndup (key, 8);
      g_autofree char *text = g_strdup_printf ("%'u", GPOINTER_TO_UINT (value));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), short_id);
      if (g_strcmp0 (key, pb_store_get_kiosk_id (store)) == 0)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("This computer"));
      gtk_label_set_text (GTK_LABEL (count), text);
      gtk_widget_add_css_class (count, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), count);
      adw_preferences_group_add (self->kiosks_group, row);
      g_ptr_array_add (self->kiosk_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->kiosks_group), self->kiosk_rows->len > 0);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.start-kiosk", phase == PB_PHASE_VOTING);
}

static gboolean
refresh_timeout_cb (gpointer user_data)
{
  pb_overview_page_refresh (PB_OVERVIEW_PAGE (user_data));
  return G_SOURCE_CONTINUE;
}

static void
process_notify_cb (PbOverviewPage *self)
{
  pb_overview_page_refresh (self);
}

static void
pb_overview_page_unbind (PbOverviewPage *self)
{
  if (self->bound_process != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->bound_process, process_notify_cb, self);
      g_signal_handlers_disconnect_by_func (self->bound_projects, process_notify_cb, self);
    }
  g_clear_object (&self->bound_projects);
  g_clear_object (&self->bound_process);
}

static void
pb_overview_page_process_changed (PbPage *page)
{
  PbOverviewPage *self = PB_OVERVIEW_PAGE (page);
  PbProcess *process = pb_page_get_process (page);

  pb_overview_page_unbind (self);
  if (process != NULL)
    {
      self->bound_process = g_object_ref (process);
      self->bound_projects = g_object_ref (pb_process_list_projects (process));
      g_signal_connect_swapped (process, "notify", G_CALLBACK (process_notify_cb), self);
      g_signal_connect_swapped (self->bound_projects, "items-changed", G_CALLBACK (process_notify_cb), self);
    }
  pb_overview_page_refresh (self);
}

/* ---- Phase changes ------------------------------------------------------ */

static void
pb_overview_page_move (PbOverviewPage *self,
                       PbPhase         phase)
{
  PbProcess *process = pb_page_get_process (PB_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!pb_store_set_phase (pb_page_get_store (PB_PAGE (self)), process, phase, NULL, &error))
    {
      pb_page_show_error (PB_PAGE (self), error);
      return;
    }

  /* Translators: a toast after a phase change; %s is the new phase ("Voting"). */
  message = g_strdup_printf (_("The process is now in the “%s” phase"), pb_phase_get_label (phase));
  pb_page_add_toast (PB_PAGE (self), adw_toast_new (message));
}

static void
phase_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   PbOverviewPage   *self)
{
  if (g_strcmp0 (response, "move") == 0 && pb_page_get_process (PB_PAGE (self)) != NULL)
    pb_overview_page_move (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "phase")));
}

static void
pb_overview_page_confirm_move (PbOverviewPage *self,
                               PbPhase         phase,
                               const char      *heading,
                               const char      *body,
                               const char      *button)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "move", button,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "move", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "move");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "phase", GUINT_TO_POINTER (phase));
  g_signal_connect_object (dialog, "response", G_CALLBACK (phase_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
pb_overview_page_next_step (PbOverviewPage *self)
{
  PbProcess *process;
  PbPhase phase;

  g_return_if_fail (PB_IS_OVERVIEW_PAGE (self));

  process = pb_page_get_process (PB_PAGE (self));
  if (process == NULL)
    return;

  phase = pb_process_get_phase (process);
  switch (phase)
    {
    case PB_PHASE_REVIEW:
      pb_overview_page_confirm_move (self, PB_PHASE_VOTING, _("Open Voting?"),
                                     _("Residents can vote from now on. The budget, the rules and the projects on the ballot are frozen until voting closes."),
                                     _("_Open Voting"));
      break;
    case PB_PHASE_VOTING:
      pb_overview_page_confirm_move (self, PB_PHASE_CLOSED, _("Close Voting?"),
                                     _("Kiosks stop taking ballots. Paper ballots already collected can still be entered. You can re-open voting until the results are published."),
                                     _("_Close Voting"));
      break;
    case PB_PHASE_CLOSED:
      pb_overview_page_confirm_move (self, PB_PHASE_PUBLISHED, _("Publish the Results?"),
                                     _("The process becomes read-only for good: nothing in it can change after this."),
                                     _("_Publish"));
      break;
    case PB_PHASE_DRAFT:
    case PB_PHASE_PROPOSALS:
      pb_overview_page_move (self, pb_phase_get_next (phase));
      break;
    case PB_PHASE_PUBLISHED:
    default:
      break;
    }
}

static void
on_next_clicked (PbOverviewPage *self)
{
  pb_overview_page_next_step (self);
}

static void
on_reopen_clicked (PbOverviewPage *self)
{
  pb_overview_page_confirm_move (self, PB_PHASE_VOTING, _("Re-open Voting?"),
                                 _("Residents can vote again until you close voting once more."),
                                 _("_Re-open Voting"));
}

static void
start_kiosk_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PbProcess *process = pb_page_get_process (PB_PAGE (widget));

  if (process != NULL)
    gtk_widget_activate_action (widget, "app.start-kiosk", "x", pb_process_get_id (process));
}

/* ---- GObject ------------------------------------------------------------ */

static void
pb_overview_page_map (GtkWidget *widget)
{
  PbOverviewPage *self = PB_OVERVIEW_PAGE (widget);

  GTK_WIDGET_CLASS (pb_overview_page_parent_class)->map (widget);
  pb_overview_page_refresh (self);
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add_seconds (REFRESH_SECONDS, refresh_timeout_cb, self);
}

static void
pb_overview_page_unmap (GtkWidget *widget)
{
  PbOverviewPage *self = PB_OVERVIEW_PAGE (widget);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  GTK_WIDGET_CLASS (pb_overview_page_parent_class)->unmap (widget);
}

static void
pb_overview_page_dispose (GObject *object)
{
  PbOverviewPage *self = PB_OVERVIEW_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  pb_overview_page_unbind (self);
  /* AdwBin keeps its own pointer to the child: let it go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_OVERVIEW_PAGE);
  g_clear_pointer (&self->kiosk_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (pb_overview_page_parent_class)->dispose (object);
}

static void
pb_overview_page_class_init (PbOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PbPageClass *page_class = PB_PAGE_CLASS (klass);

  object_class->dispose = pb_overview_page_dispose;
  widget_class->map = pb_overview_page_map;
  widget_class->unmap = pb_overview_page_unmap;
  page_class->process_changed = pb_overview_page_process_changed;

  g_type_ensure (PB_TYPE_INTEGRITY_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Pb/officer/pb-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PbOverviewPage, phase_steps);
  gtk_widget_class_bind_template_child (widget_class, PbOverviewPage, phase_label);
  gtk_widget_class_bind_template_child (widget_class, PbOverviewPage, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, PbOverviewPage, blocker_label);
  gtk_widget_class_bind_template_child (widget_class, PbOverviewPage, next_button);
  gtk_widget_class_bind_template_child (widget_class, PbOverviewPage, kiosk_button);
  gtk_widget_class_bind_template_child (widget_class, PbOverviewPage, reopen_button);
  gtk_widget_class_bind_template_child (widget_class, PbOverviewPage, budget_value);
  gtk_widget_class_bind_template_child (widget_class, PbOverviewPage, projects_value);
  gtk_widget_class_bind_template_child (widget_class, PbOverviewPage, projects_caption);
  gtk_widget_class_bind_template_child (widget_class, PbOverviewPage, ballots_value);
  gtk_widget_class_bind_template_child (widget_class, PbOverviewPage, codes_value);
  gtk_widget_class_bind_template_child (widget_class, PbOverviewPage, codes_caption);
  gtk_widget_class_bind_template_child (widget_class, PbOverviewPage, kiosk_count);
  gtk_widget_class_bind_template_child (widget_class, PbOverviewPage, paper_count);
  gtk_widget_class_bind_template_child (widget_class, PbOverviewPage, import_count);
  gtk_widget_class_bind_template_child (widget_class, PbOverviewPage, kiosks_group);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_reopen_clicked);

  gtk_widget_class_install_action (widget_class, "overview.start-kiosk", NULL, start_kiosk_action);
}

static void
pb_overview_page_init (PbOverviewPage *self)
{
  self->kiosk_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pb_overview_page_new (void)
{
  return g_object_new (PB_TYPE_OVERVIEW_PAGE, NULL);
}
