/* pb-setup-page.c: the Setup page.
 *
 * Every change is written at once (entries on Apply/Enter) with
 * pb_store_edit_process(); a refusal shows the store's message in a toast
 * and the page shows the stored value again.  From voting on the rules stay
 * visible but insensitive, with a line saying why.
 */

#include "pb-config.h"

#include <glib/gi18n.h>

#include "pb-decimal.h"
#include "pb-officer-util.h"
#include "pb-setup-page.h"

struct _PbSetupPage
{
  PbPage               parent_instance;

  PbProcess           *bound_process;
  GListModel          *bound_categories;
  GPtrArray           *category_rows;
  GPtrArray           *tie_chains;    /* char *, the combo's strings */
  gboolean             syncing;

  GtkLabel            *frozen_label;
  AdwPreferencesGroup *process_group;
  AdwPreferencesGroup *budget_group;
  AdwPreferencesGroup *ballot_group;
  AdwPreferencesGroup *categories_group;
  AdwPreferencesGroup *counting_group;
  AdwPreferencesGroup *codes_group;
  AdwEntryRow         *name_row;
  AdwEntryRow         *description_row;
  AdwEntryRow         *budget_row;
  AdwEntryRow         *currency_row;
  AdwComboRow         *format_row;
  AdwActionRow        *min_projects_row;
  AdwActionRow        *max_projects_row;
  AdwEntryRow         *cost_limit_row;
  AdwActionRow        *min_spent_row;
  AdwActionRow        *points_total_row;
  AdwActionRow        *points_per_project_row;
  AdwActionRow        *ranking_length_row;
  GtkSpinButton       *min_projects_spin;
  GtkSpinButton       *max_projects_spin;
  GtkSpinButton       *min_spent_spin;
  GtkSpinButton       *points_total_spin;
  GtkSpinButton       *points_per_project_spin;
  GtkSpinButton       *ranking_length_spin;
  AdwEntryRow         *new_category_row;
  AdwComboRow         *rule_row;
  AdwComboRow         *tie_break_row;
  GtkSwitch           *codes_switch;
};

G_DEFINE_FINAL_TYPE (PbSetupPage, pb_setup_page, PB_TYPE_PAGE)

static void pb_setup_page_sync (PbSetupPage *self);

/* Writes one property; on failure shows why and the stored value again. */
static gboolean
pb_setup_page_edit (PbSetupPage *self,
                    const char  *name,
                    GValue      *value)
{
  PbProcess *process = pb_page_get_process (PB_PAGE (self));
  g_autoptr(GError) error = NULL;
  const char *names[] = { name };

  if (self->syncing || process == NULL)
    return FALSE;

  if (!pb_store_edit_processv (pb_page_get_store (PB_PAGE (self)), process, 1, names, value, &error))
    {
      pb_page_show_error (PB_PAGE (self), error);
      pb_setup_page_sync (self);
      return FALSE;
    }
  return TRUE;
}

static void
edit_string (PbSetupPage *self,
             const char  *name,
             const char  *text)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);
  pb_setup_page_edit (self, name, &value);
}

static void
edit_uint (PbSetupPage *self,
           const char  *name,
           guint        n)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_UINT);
  g_value_set_uint (&value, n);
  pb_setup_page_edit (self, name, &value);
}

static void
on_name_apply (PbSetupPage *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  edit_string (self, "name", name);
}

static void
on_description_apply (PbSetupPage *self)
{
  edit_string (self, "description", gtk_editable_get_text (GTK_EDITABLE (self->description_row)));
}

static void
on_budget_apply (PbSetupPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->budget_row));
  g_autoptr(GError) error = NULL;
  g_autofree char *budget = pb_decimal_normalize (text, &error);

  if (budget == NULL)
    {
      pb_widget_set_error (GTK_WIDGET (self->budget_row), TRUE);
      pb_page_show_error (PB_PAGE (self), error);
      return;
    }
  pb_widget_set_error (GTK_WIDGET (self->budget_row), FALSE);
  edit_string (self, "budget", budget);
}

static void
on_currency_apply (PbSetupPage *self)
{
  g_autofree char *currency = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->currency_row))));

  edit_string (self, "currency", currency);
}

static void
on_cost_limit_apply (PbSetupPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->cost_limit_row));
  g_autoptr(GError) error = NULL;
  g_autofree char *limit = NULL;

  if (text[0] != '\0')
    {
      limit = pb_decimal_normalize (text, &error);
      if (limit == NULL)
        {
          pb_widget_set_error (GTK_WIDGET (self->cost_limit_row), TRUE);
          pb_page_show_error (PB_PAGE (self), error);
          return;
        }
    }
  pb_widget_set_error (GTK_WIDGET (self->cost_limit_row), FALSE);
  edit_string (self, "cost-limit", limit != NULL ? limit : "");
}

static void
pb_setup_page_update_visibility (PbSetupPage *self)
{
  PbBallotFormat format = adw_combo_row_get_selected (self->format_row);

  gtk_widget_set_visible (GTK_WIDGET (self->min_spent_row), format == PB_BALLOT_FORMAT_KNAPSACK);
  gtk_widget_set_visible (GTK_WIDGET (self->points_total_row), format == PB_BALLOT_FORMAT_CUMULATIVE);
  gtk_widget_set_visible (GTK_WIDGET (self->points_per_project_row), format == PB_BALLOT_FORMAT_CUMULATIVE);
  gtk_widget_set_visible (GTK_WIDGET (self->ranking_length_row), format == PB_BALLOT_FORMAT_RANKING);
}

static void
on_format_changed (PbSetupPage *self)
{
  g_auto(GValue) value = G_VALUE_INIT;

  pb_setup_page_update_visibility (self);
  g_value_init (&value, PB_TYPE_BALLOT_FORMAT);
  g_value_set_enum (&value, adw_combo_row_get_selected (self->format_row));
  pb_setup_page_edit (self, "ballot-format", &value);
}

static void
on_spin_changed (PbSetupPage   *self,
                 GtkSpinButton *spin)
{
  const char *name = NULL;

  if (spin == self->min_projects_spin)
    name = "min-projects";
  else if (spin == self->max_projects_spin)
    name = "max-projects";
  else if (spin == self->min_spent_spin)
    name = "min-spent-percent";
  else if (spin == self->points_total_spin)
    name = "points-total";
  else if (spin == self->points_per_project_spin)
    name = "points-per-project";
  else if (spin == self->ranking_length_spin)
    name = "ranking-length";
  g_assert (name != NULL);

  edit_uint (self, name, (guint) gtk_spin_button_get_value_as_int (spin));
}

static void
on_rule_changed (PbSetupPage *self)
{
  guint selected = adw_combo_row_get_selected (self->rule_row);
  const char * const *names = pb_counting_rule_names ();

  if (selected < g_strv_length ((char **) names))
    edit_string (self, "counting-rule", names[selected]);
}

static void
on_tie_break_changed (PbSetupPage *self)
{
  guint selected = adw_combo_row_get_selected (self->tie_break_row);

  if (selected < self->tie_chains->len)
    edit_string (self, "tie-break", g_ptr_array_index (self->tie_chains, selected));
}

static void
on_codes_changed (PbSetupPage *self)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_BOOLEAN);
  g_value_set_boolean (&value, gtk_switch_get_active (self->codes_switch));
  pb_setup_page_edit (self, "voter-codes-required", &value);
}

/* ---- Categories --------------------------------------------------------- */

static void
category_cap_apply_cb (AdwEntryRow *row,
                       PbSetupPage *self)
{
  PbCategory *category = g_object_get_data (G_OBJECT (row), "category");
  const char *cap = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr(GError) error = NULL;

  if (!pb_store_edit_category (pb_page_get_store (PB_PAGE (self)), category,
                               pb_category_get_name (category), cap, &error))
    {
      pb_page_show_error (PB_PAGE (self), error);
      gtk_editable_set_text (GTK_EDITABLE (row), pb_category_get_cap (category));
    }
}

static void
category_delete_cb (GtkButton   *button,
                    PbSetupPage *self)
{
  PbCategory *category = g_object_get_data (G_OBJECT (button), "category");
  g_autoptr(GError) error = NULL;
  g_autofree char *message = g_strdup_printf (_("Category “%s” deleted; its projects have none now"),
                                              pb_category_get_name (category));

  if (!pb_store_delete_category (pb_page_get_store (PB_PAGE (self)), category, &error))
    pb_page_show_error (PB_PAGE (self), error);
  else
    pb_page_add_toast (PB_PAGE (self), adw_toast_new (message));
}

static void
pb_setup_page_rebuild_categories (PbSetupPage *self)
{
  for (guint i = 0; i < self->category_rows->len; i++)
    adw_preferences_group_remove (self->categories_group, g_ptr_array_index (self->category_rows, i));
  g_ptr_array_set_size (self->category_rows, 0);

  if (self->bound_categories == NULL)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (self->bound_categories); i++)
    {
      g_autoptr(PbCategory) category = g_list_model_get_item (self->bound_categories, i);
      GtkWidget *row = adw_entry_row_new ();
      GtkWidget *delete = gtk_button_new_from_icon_name ("user-trash-symbolic");
      /* Translators: the title of a category's cap field; %s is the category. */
      g_autofree char *title = g_strdup_printf (_("Cap for “%s”"), pb_category_get_name (category));
      g_autofree char *delete_label = g_strdup_printf (_("Delete category “%s”"), pb_category_get_name (category));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_NUMBER);
      gtk_editable_set_text (GTK_EDITABLE (row), pb_category_get_cap (category));
      g_object_set_data_full (G_OBJECT (row), "category", g_object_ref (category), g_object_unref);
      g_signal_connect (row, "apply", G_CALLBACK (category_cap_apply_cb), self);

      gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (delete, "flat");
      gtk_widget_set_tooltip_text (delete, delete_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (delete), GTK_ACCESSIBLE_PROPERTY_LABEL, delete_label, -1);
      g_object_set_data_full (G_OBJECT (delete), "category", g_object_ref (category), g_object_unref);
      g_signal_connect (delete, "clicked", G_CALLBACK (category_delete_cb), self);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), delete);

      adw_preferences_group_add (self->categories_group, row);
      g_ptr_array_add (self->category_rows, row);
    }
}

static void
on_new_category_apply (PbSetupPage *self)
{
  PbProcess *process = pb_page_get_process (PB_PAGE (self));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_category_row))));
  g_autoptr(GError) error = NULL;

  if (process == NULL || name[0] == '\0')
    return;
  if (pb_store_add_category (pb_page_get_store (PB_PAGE (self)), process, name, NULL, &error) == NULL)
    pb_page_show_error (PB_PAGE (self), error);
  else
    gtk_editable_set_text (GTK_EDITABLE (self->new_category_row), "");
}

/* ---- Showing the stored values ------------------------------------------ */

static void
set_entry (AdwEntryRow *row,
           const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  pb_widget_set_error (GTK_WIDGET (row), FALSE);
}

static void
pb_setup_page_sync (PbSetupPage *self)
{
  PbProcess *process = pb_page_get_process (PB_PAGE (self));
  const char * const *rules = pb_counting_rule_names ();
  const char * const *chains = pb_tie_break_chains ();
  g_autoptr(GtkStringList) rule_labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) chain_labels = gtk_string_list_new (NULL);
  const char *rule, *chain;
  guint rule_index = 0, chain_index = GTK_INVALID_LIST_POSITION;
  gboolean frozen, read_only;

  if (process == NULL)
    return;

  self->syncing = TRUE;

  frozen = pb_process_is_frozen (process);
  read_only = pb_process_is_read_only (process);

  set_entry (self->name_row, pb_process_get_name (process));
  set_entry (self->description_row, pb_process_get_description (process));
  set_entry (self->budget_row, pb_process_get_budget (process));
  set_entry (self->currency_row, pb_process_get_currency (process));
  set_entry (self->cost_limit_row, pb_process_get_cost_limit (process));
  adw_combo_row_set_selected (self->format_row, pb_process_get_ballot_format (process));
  gtk_spin_button_set_value (self->min_projects_spin, pb_process_get_min_projects (process));
  gtk_spin_button_set_value (self->max_projects_spin, pb_process_get_max_projects (process));
  gtk_spin_button_set_value (self->min_spent_spin, pb_process_get_min_spent_percent (process));
  gtk_spin_button_set_value (self->points_total_spin, pb_process_get_points_total (process));
  gtk_spin_button_set_value (self->points_per_project_spin, pb_process_get_points_per_project (process));
  gtk_spin_button_set_value (self->ranking_length_spin, pb_process_get_ranking_length (process));
  gtk_switch_set_active (self->codes_switch, pb_process_get_voter_codes_required (process));

  rule = pb_process_get_counting_rule (process);
  for (guint i = 0; rules[i] != NULL; i++)
    {
      gtk_string_list_append (rule_labels, pb_counting_rule_get_label (rules[i]));
      if (g_strcmp0 (rules[i], rule) == 0)
        rule_index = i;
    }
  adw_combo_row_set_model (self->rule_row, G_LIST_MODEL (rule_labels));
  adw_combo_row_set_selected (self->rule_row, rule_index);

  /* The stored chain is always offered, even one Pb does not propose. */
  chain = pb_process_get_tie_break (process);
  g_ptr_array_set_size (self->tie_chains, 0);
  for (guint i = 0; chains[i] != NULL; i++)
    {
      g_ptr_array_add (self->tie_chains, g_strdup (chains[i]));
      gtk_string_list_append (chain_labels, pb_tie_break_chain_get_label (chains[i]));
      if (g_strcmp0 (chains[i], chain) == 0)
        chain_index = i;
    }
  if (chain_index == GTK_INVALID_LIST_POSITION && chain != NULL && chain[0] != '\0')
    {
      chain_index = self->tie_chains->len;
      g_ptr_array_add (self->tie_chains, g_strdup (chain));
      gtk_string_list_append (chain_labels, chain);
    }
  adw_combo_row_set_model (self->tie_break_row, G_LIST_MODEL (chain_labels));
  adw_combo_row_set_selected (self->tie_break_row, chain_index);

  pb_setup_page_update_visibility (self);
  pb_setup_page_rebuild_categories (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->process_group), !read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->budget_group), !frozen);
  gtk_widget_set_sensitive (GTK_WIDGET (self->ballot_group), !frozen);
  gtk_widget_set_sensitive (GTK_WIDGET (self->counting_group), !frozen);
  gtk_widget_set_sensitive (GTK_WIDGET (self->codes_group), !frozen);
  /* Category names may change until publication, caps only before voting. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->categories_group), !frozen);
  gtk_widget_set_visible (GTK_WIDGET (self->frozen_label), frozen);
  if (read_only)
    gtk_label_set_text (self->frozen_label, _("The results are published: nothing in this process can change any more."));
  else if (pb_process_get_phase (process) == PB_PHASE_VOTING)
    gtk_label_set_text (self->frozen_label, _("Voting is open: the rules can’t change until it closes."));
  else
    gtk_label_set_text (self->frozen_label, _("Voting has closed: the rules stay as they were while residents voted."));

  self->syncing = FALSE;
}

static void
process_notify_cb (PbSetupPage *self)
{
  pb_setup_page_sync (self);
}

static void
pb_setup_page_unbind (PbSetupPage *self)
{
  if (self->bound_process != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->bound_process, process_notify_cb, self);
      g_signal_handlers_disconnect_by_func (self->bound_categories, process_notify_cb, self);
    }
  g_clear_object (&self->bound_process);
  g_clear_object (&self->bound_categories);
}

static void
pb_setup_page_process_changed (PbPage *page)
{
  PbSetupPage *self = PB_SETUP_PAGE (page);
  PbProcess *process = pb_page_get_process (page);

  pb_setup_page_unbind (self);
  if (process != NULL)
    {
      self->bound_process = g_object_ref (process);
      self->bound_categories = g_object_ref (pb_process_list_categories (process));
      g_signal_connect_swapped (process, "notify", G_CALLBACK (process_notify_cb), self);
      g_signal_connect_swapped (self->bound_categories, "items-changed", G_CALLBACK (process_notify_cb), self);
    }
  pb_setup_page_sync (self);
}

static void
pb_setup_page_dispose (GObject *object)
{
  PbSetupPage *self = PB_SETUP_PAGE (object);

  pb_setup_page_unbind (self);
  /* AdwBin keeps its own pointer to the child: let it go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_SETUP_PAGE);
  g_clear_pointer (&self->category_rows, g_ptr_array_unref);
  g_clear_pointer (&self->tie_chains, g_ptr_array_unref);

  G_OBJECT_CLASS (pb_setup_page_parent_class)->dispose (object);
}

static void
pb_setup_page_class_init (PbSetupPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PbPageClass *page_class = PB_PAGE_CLASS (klass);

  object_class->dispose = pb_setup_page_dispose;
  page_class->process_changed = pb_setup_page_process_changed;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Pb/officer/pb-setup-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, PbSetupPage, name)
  BIND (frozen_label);
  BIND (process_group);
  BIND (budget_group);
  BIND (ballot_group);
  BIND (categories_group);
  BIND (counting_group);
  BIND (codes_group);
  BIND (name_row);
  BIND (description_row);
  BIND (budget_row);
  BIND (currency_row);
  BIND (format_row);
  BIND (min_projects_row);
  BIND (max_projects_row);
  BIND (cost_limit_row);
  BIND (min_spent_row);
  BIND (points_total_row);
  BIND (points_per_project_row);
  BIND (ranking_length_row);
  BIND (min_projects_spin);
  BIND (max_projects_spin);
  BIND (min_spent_spin);
  BIND (points_total_spin);
  BIND (points_per_project_spin);
  BIND (ranking_length_spin);
  BIND (new_category_row);
  BIND (rule_row);
  BIND (tie_break_row);
  BIND (codes_switch);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_name_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_description_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_budget_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_currency_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_cost_limit_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_format_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_spin_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_rule_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_tie_break_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_codes_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_new_category_apply);
}

static void
pb_setup_page_init (PbSetupPage *self)
{
  self->category_rows = g_ptr_array_new ();
  self->tie_chains = g_ptr_array_new_with_free_func (g_free);
  self->syncing = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->syncing = FALSE;
}

GtkWidget *
pb_setup_page_new (void)
{
  return g_object_new (PB_TYPE_SETUP_PAGE, NULL);
}

gboolean
pb_setup_page_get_frozen (PbSetupPage *self)
{
  g_return_val_if_fail (PB_IS_SETUP_PAGE (self), FALSE);

  return !gtk_widget_get_sensitive (GTK_WIDGET (self->ballot_group));
}
