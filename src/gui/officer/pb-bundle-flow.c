/* pb-bundle-flow.c: exporting and merging kiosk bundles from the officer's
 * window (see pb-bundle-flow.h). */

#include "pb-config.h"

#include <glib/gi18n.h>

#include "pb-bundle-flow.h"
#include "pb-bundle.h"
#include "pb-merge.h"

char *
pb_kiosk_fingerprint_format (const char *kiosk_id)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (kiosk_id != NULL, NULL);

  for (gsize i = 0; kiosk_id[i] != '\0'; i++)
    {
      if (i > 0 && i % 4 == 0)
        g_string_append_c (text, i % 32 == 0 ? '\n' : ' ');
      g_string_append_c (text, g_ascii_toupper (kiosk_id[i]));
    }
  return g_string_free (text, FALSE);
}

int
pb_bundle_flow_export (PbStore    *store,
                       PbProcess  *process,
                       GFile      *file,
                       GError    **error)
{
  g_autoptr(PbBundle) bundle = NULL;
  g_autoptr(GError) record_error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (PB_IS_STORE (store), -1);
  g_return_val_if_fail (PB_IS_PROCESS (process), -1);
  g_return_val_if_fail (G_IS_FILE (file), -1);

  bundle = pb_bundle_new_from_store (store, process, error);
  if (bundle == NULL || !pb_bundle_save (bundle, file, NULL, error))
    return -1;
  /* The kiosk's audit log records which bundle went out, as for every
   * export. */
  name = g_file_get_basename (file);
  if (!pb_bundle_record_export (bundle, store, process, name, &record_error))
    {
      g_set_error (error, record_error->domain, record_error->code,
                   /* Translators: %s is a file name, then the reason. */
                   _("The bundle “%s” was written, but it could not be recorded in the audit log: %s"), name,
                   record_error->message);
      return -1;
    }
  return (int) pb_bundle_get_n_ballots (bundle);
}

/* ---- Merging ------------------------------------------------------------ */

typedef struct {
  GtkWindow        *parent;
  PbStore          *store;
  GPtrArray        *files;      /* GFile */
  GPtrArray        *names;      /* char *: display names */
  GPtrArray        *bundles;    /* PbBundle or NULL */
  GPtrArray        *errors;     /* char *: why a file could not be read, or NULL */
  guint             index;
  guint             n_added;
  guint             n_present;
  GString          *refused;
  PbBundleFlowDone  done;
  gpointer          user_data;
} Flow;

static void
unref_bundle (gpointer bundle)
{
  if (bundle != NULL)
    g_object_unref (bundle);
}

static void
flow_free (Flow *flow)
{
  g_clear_object (&flow->parent);
  g_clear_object (&flow->store);
  g_ptr_array_unref (flow->files);
  g_ptr_array_unref (flow->names);
  g_ptr_array_unref (flow->bundles);
  g_ptr_array_unref (flow->errors);
  g_string_free (flow->refused, TRUE);
  g_free (flow);
}

static void flow_next  (Flow *flow);
static void flow_merge (Flow *flow, PbMergeFlags flags);

static void
flow_refuse (Flow       *flow,
             const char *reason)
{
  /* Translators: one line of the list of bundles not added: file name, reason. */
  g_string_append_printf (flow->refused, _("• %s: %s\n"), (const char *) flow->names->pdata[flow->index], reason);
}

static GtkWidget *
flow_dialog (Flow       *flow,
             const char *heading,
             const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (flow->parent, heading, body);

  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  return dialog;
}

static void
trust_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   Flow             *flow)
{
  if (g_strcmp0 (response, "trust") == 0)
    flow_merge (flow, PB_MERGE_TRUST_KIOSK);
  else
    {
      flow_refuse (flow, _("not added, because its kiosk was not trusted"));
      flow->index++;
      flow_next (flow);
    }
}

static void
ask_trust (Flow     *flow,
           PbBundle *bundle)
{
  g_autofree char *fingerprint = pb_kiosk_fingerprint_format (pb_bundle_get_kiosk_id (bundle));
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  GtkWidget *label;

  /* Translators: %s is a file name, %u a number of ballots. */
  body = g_strdup_printf (ngettext ("“%s” holds %u ballot signed by a kiosk this database has not seen before. "
                                    "Trust it only if the fingerprint below is the one the kiosk shows in its "
                                    "Overview under “This Kiosk”.",
                                    "“%s” holds %u ballots signed by a kiosk this database has not seen before. "
                                    "Trust it only if the fingerprint below is the one the kiosk shows in its "
                                    "Overview under “This Kiosk”.",
                                    pb_bundle_get_n_ballots (bundle)),
                          (const char *) flow->names->pdata[flow->index], pb_bundle_get_n_ballots (bundle));
  dialog = flow_dialog (flow, _("Trust This Kiosk?"), body);
  label = gtk_label_new (fingerprint);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_add_css_class (label, "title-4");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Kiosk fingerprint"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), label);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Don’t Add"),
                                    "trust", _("_Trust and Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "trust", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (trust_response_cb), flow);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct {
  Flow         *flow;
  PbMergeFlags  flags;
} ConflictData;

static void
conflict_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      ConflictData     *data)
{
  Flow *flow = data->flow;
  PbMergeFlags flags = data->flags;

  g_free (data);
  if (g_strcmp0 (response, "count") == 0)
    flow_merge (flow, flags | PB_MERGE_ACCEPT_CODE_CONFLICTS);
  else
    {
      flow_refuse (flow, _("left out: voter codes also used elsewhere"));
      flow->index++;
      flow_next (flow);
    }
}

static void
ask_conflicts (Flow          *flow,
               PbMergeReport *report,
               PbMergeFlags   flags)
{
  GListModel *conflicts = pb_merge_report_get_conflicts (report);
  guint n = g_list_model_get_n_items (conflicts);
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *body = NULL;
  ConflictData *data = g_new0 (ConflictData, 1);
  GtkWidget *dialog;
  GtkWidget *label;
  GtkWidget *scrolled;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbCodeConflict) conflict = g_list_model_get_item (conflicts, i);
      g_autofree char *text = pb_code_conflict_describe (conflict);

      g_string_append_printf (list, "%s%s", i > 0 ? "\n\n" : "", text);
    }

  /* Translators: %s is a file name, %u a number of voter codes. */
  body = g_strdup_printf (ngettext ("In “%s”, %u voter code was used that this database already counts as used, void "
                                    "or unknown. Nothing has been added yet. Decide whether to count this bundle’s "
                                    "ballots anyway; the decision is recorded in the audit log.",
                                    "In “%s”, %u voter codes were used that this database already counts as used, "
                                    "void or unknown. Nothing has been added yet. Decide whether to count this "
                                    "bundle’s ballots anyway; the decision is recorded in the audit log.", n),
                          (const char *) flow->names->pdata[flow->index], n);
  dialog = flow_dialog (flow, _("Voter Codes Used Twice"), body);
  label = gtk_label_new (list->str);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "leave", _("_Leave Out This Bundle"),
                                    "count", _("_Count Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "count", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "leave");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "leave");
  data->flow = flow;
  data->flags = flags;
  g_signal_connect (dialog, "response", G_CALLBACK (conflict_response_cb), data);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
flow_merge (Flow         *flow,
            PbMergeFlags  flags)
{
  PbBundle *bundle = flow->bundles->pdata[flow->index];
  g_autoptr(PbMergeReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (!(flags & PB_MERGE_TRUST_KIOSK) && !pb_bundle_is_kiosk_trusted (flow->store, pb_bundle_get_kiosk_id (bundle)))
    {
      ask_trust (flow, bundle);
      return;
    }

  if (pb_bundle_merge (bundle, flow->store, flags, &report, &error))
    {
      flow->n_added += pb_merge_report_get_n_added (report);
      flow->n_present += pb_merge_report_get_n_present (report);
    }
  else if (g_error_matches (error, PB_BUNDLE_ERROR, PB_BUNDLE_ERROR_CODE_CONFLICT) && report != NULL
           && !(flags & PB_MERGE_ACCEPT_CODE_CONFLICTS))
    {
      ask_conflicts (flow, report, flags);
      return;
    }
  else
    flow_refuse (flow, error->message);

  flow->index++;
  flow_next (flow);
}

static void
flow_finish (Flow *flow)
{
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog;
  const char *heading;

  /* Translators: the first sentence of the summary after adding bundles. */
  g_string_append_printf (body, ngettext ("%'u ballot added", "%'u ballots added", flow->n_added), flow->n_added);
  g_string_append (body, ", ");
  /* Translators: continues "12 ballots added, …". */
  g_string_append_printf (body, ngettext ("%'u already present.", "%'u already present.", flow->n_present),
                          flow->n_present);
  if (flow->refused->len > 0)
    {
      g_string_append (body, "\n\n");
      g_string_append (body, _("Not added (nothing of these bundles was changed):"));
      g_string_append_c (body, '\n');
      g_string_append_len (body, flow->refused->str, flow->refused->len - 1);
    }

  if (flow->refused->len > 0 && flow->n_added == 0)
    heading = _("No Ballots Added");
  else
    heading = _("Ballots Added");
  dialog = flow_dialog (flow, heading, body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));

  if (flow->done != NULL)
    flow->done (flow->n_added, flow->user_data);
  flow_free (flow);
}

static void
flow_next (Flow *flow)
{
  while (flow->index < flow->bundles->len && flow->bundles->pdata[flow->index] == NULL)
    {
      flow_refuse (flow, flow->errors->pdata[flow->index]);
      flow->index++;
    }
  if (flow->index >= flow->bundles->len)
    {
      flow_finish (flow);
      return;
    }
  flow_merge (flow, PB_MERGE_FLAGS_NONE);
}

/* Reads every bundle in a worker thread: parsing and checking signatures
 * of large bundles takes a moment. */
static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Flow *flow = task_data;

  for (guint i = 0; i < flow->files->len; i++)
    {
      g_autoptr(GError) error = NULL;
      PbBundle *bundle = pb_bundle_new_from_file (flow->files->pdata[i], cancellable, &error);

      g_ptr_array_add (flow->bundles, bundle);
      g_ptr_array_add (flow->errors, bundle == NULL ? g_strdup (error->message) : NULL);
    }
  g_task_return_boolean (task, TRUE);
}

static void
read_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Flow *flow = user_data;

  flow_next (flow);
}

void
pb_bundle_flow_merge (GtkWindow        *parent,
                      PbStore          *store,
                      GListModel       *files,
                      PbBundleFlowDone  done,
                      gpointer          user_data)
{
  g_autoptr(GTask) task = NULL;
  Flow *flow;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (PB_IS_STORE (store));
  g_return_if_fail (G_IS_LIST_MODEL (files));

  flow = g_new0 (Flow, 1);
  flow->parent = g_object_ref (parent);
  flow->store = g_object_ref (store);
  flow->files = g_ptr_array_new_with_free_func (g_object_unref);
  flow->names = g_ptr_array_new_with_free_func (g_free);
  flow->bundles = g_ptr_array_new_with_free_func (unref_bundle);
  flow->errors = g_ptr_array_new_with_free_func (g_free);
  flow->refused = g_string_new (NULL);
  flow->done = done;
  flow->user_data = user_data;
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      GFile *file = g_list_model_get_item (files, i);

      g_ptr_array_add (flow->files, file);
      g_ptr_array_add (flow->names, g_file_get_basename (file));
    }

  task = g_task_new (NULL, NULL, read_done_cb, flow);
  g_task_set_source_tag (task, pb_bundle_flow_merge);
  g_task_set_task_data (task, flow, NULL);
  g_task_run_in_thread (task, read_thread);
}
