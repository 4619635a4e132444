/* pb-codes-page.c: the Codes page.
 *
 * Batches of one-time voter codes with how many are used, still unused and
 * void; each batch prints as a PDF of cut-out slips (written in a worker
 * thread, cancellable) or saves as CSV, and can be voided.  Expanding a
 * batch lists its codes and their state.  Nothing here can tell which
 * ballot a code cast: the store keeps no such link.
 */

#include "pb-config.h"

#include <glib/gi18n.h>

#include "pb-code-slips.h"
#include "pb-codes-page.h"
#include "pb-file.h"
#include "pb-officer-util.h"
#include "pb-toast.h"

#define MAX_CODES_LISTED 500

struct _PbCodesPage
{
  PbPage               parent_instance;

  GListModel          *codes;
  GPtrArray           *batch_rows;
  PbProcess           *bound_process;
  GCancellable        *cancellable;
  AdwToast            *progress_toast;

  GtkLabel            *not_required_label;
  AdwPreferencesGroup *generate_group;
  AdwPreferencesGroup *batches_group;
  GtkLabel            *no_batches_label;
  AdwPreferencesGroup *void_group;
  AdwEntryRow         *void_row;
  GtkSpinButton       *count_spin;
};

G_DEFINE_FINAL_TYPE (PbCodesPage, pb_codes_page, PB_TYPE_PAGE)

static void pb_codes_page_reload (PbCodesPage *self);

/* The codes of @batch (0: all) as parallel arrays. */
static void
collect_codes (PbCodesPage  *self,
               guint         batch,
               GPtrArray   **out_codes,
               GArray      **out_batches,
               GPtrArray   **out_states)
{
  *out_codes = g_ptr_array_new ();
  *out_batches = g_array_new (FALSE, FALSE, sizeof (guint));
  *out_states = g_ptr_array_new ();

  for (guint i = 0; self->codes != NULL && i < g_list_model_get_n_items (self->codes); i++)
    {
      g_autoptr(PbVoterCode) code = g_list_model_get_item (self->codes, i);
      guint b = pb_voter_code_get_batch (code);

      if (batch != 0 && b != batch)
        continue;
      g_ptr_array_add (*out_codes, (gpointer) pb_voter_code_get_code (code));
      g_array_append_val (*out_batches, b);
      g_ptr_array_add (*out_states, (gpointer) pb_voter_code_state_to_string (pb_voter_code_get_state (code)));
    }
  g_ptr_array_add (*out_codes, NULL);
  g_ptr_array_add (*out_states, NULL);
}

static GtkWindow *
parent_window (PbCodesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* ---- PDF and CSV -------------------------------------------------------- */

static void cancel_progress_cb    (AdwToast    *toast,
                                   PbCodesPage *self);
static void progress_dismissed_cb (AdwToast    *toast,
                                   PbCodesPage *self);

static void
pdf_written_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PbCodesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AdwToast) progress = g_steal_pointer (&self->progress_toast);
  const char *title;

  if (!pb_code_slips_write_pdf_finish (result, &error))
    title = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? _("Writing the slips was cancelled")
                                                                       : error->message;
  else
    title = _("Code slips saved as PDF");

  /* The officer closed the progress toast: the outcome gets its own. */
  if (progress == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pb_page_show_error (PB_PAGE (self), error);
      else
        pb_page_add_toast (PB_PAGE (self), adw_toast_new (title));
      return;
    }

  /* The progress toast becomes the outcome's, and goes after five seconds
   * on screen (an error stays until closed): dismissing it now could
   * crash libadwaita 1.2 if it is still sliding in (pb-toast.h). */
  g_signal_handlers_disconnect_by_func (progress, cancel_progress_cb, self);
  g_signal_handlers_disconnect_by_func (progress, progress_dismissed_cb, self);
  pb_toast_update (progress, title, NULL);
  if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    pb_toast_expire (progress, GTK_WIDGET (self), 5);
}

static void
cancel_progress_cb (AdwToast    *toast,
                    PbCodesPage *self)
{
  g_cancellable_cancel (self->cancellable);
  /* libadwaita closes the toast after this. */
  g_clear_object (&self->progress_toast);
}

static void
progress_dismissed_cb (AdwToast    *toast,
                       PbCodesPage *self)
{
  if (self->progress_toast == toast)
    g_clear_object (&self->progress_toast);
}

static void
save_chosen_cb (GtkNativeDialog *chooser,
                int              response,
                PbCodesPage     *self)
{
  guint batch = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (chooser), "batch"));
  gboolean pdf = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "pdf"));
  PbProcess *process = pb_page_get_process (PB_PAGE (self));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GArray) batches = NULL;
  g_autoptr(GPtrArray) states = NULL;

  if (response != GTK_RESPONSE_ACCEPT || process == NULL)
    return;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  collect_codes (self, batch, &codes, &batches, &states);

  if (pdf)
    {
      g_cancellable_reset (self->cancellable);
      if (self->progress_toast == NULL)
        {
          self->progress_toast = adw_toast_new (_("Writing the code slips…"));
          adw_toast_set_timeout (self->progress_toast, 0);
          adw_toast_set_button_label (self->progress_toast, _("_Cancel"));
          g_signal_connect_object (self->progress_toast, "button-clicked",
                                   G_CALLBACK (cancel_progress_cb), self, 0);
          g_signal_connect_object (self->progress_toast, "dismissed",
                                   G_CALLBACK (progress_dismissed_cb), self, 0);
          pb_page_add_toast (PB_PAGE (self), g_object_ref (self->progress_toast));
        }
      pb_code_slips_write_pdf_async (pb_process_get_name (process),
                                     (const char * const *) codes->pdata, file,
                                     self->cancellable, pdf_written_cb, g_object_ref (self));
    }
  else
    {
      g_autofree char *csv = pb_code_slips_to_csv ((const char * const *) codes->pdata,
                                                   (const guint *) batches->data,
                                                   (const char * const *) states->pdata);
      g_autoptr(GError) error = NULL;

      /* Whole or not at all, the file that was there untouched (pb-file.h). */
      if (!pb_file_replace_atomically (file, csv, strlen (csv), NULL, &error))
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
            {
              g_autofree char *name = g_file_get_basename (file);

              g_clear_error (&error);
              g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                           _("There is not enough space on the disk for “%s”. Free some space or choose another place; nothing was written."),
                           name);
            }
          pb_page_show_error (PB_PAGE (self), error);
        }
      else
        pb_page_add_toast (PB_PAGE (self), adw_toast_new (_("Codes saved as CSV")));
    }
}

static void
save_batch (PbCodesPage *self,
            guint        batch,
            gboolean     pdf)
{
  PbProcess *process = pb_page_get_process (PB_PAGE (self));
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new (pdf ? _("Save Code Slips") : _("Save Codes as CSV"),
                                         parent_window (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  /* Translators: a file name; %s is the process, %u the batch number. */
  name = g_strdup_printf (pdf ? _("%s – codes batch %u.pdf") : _("%s – codes batch %u.csv"),
                          pb_process_get_name (process), batch);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "batch", GUINT_TO_POINTER (batch));
  g_object_set_data (G_OBJECT (chooser), "pdf", GINT_TO_POINTER (pdf));
  g_signal_connect_object (chooser, "response", G_CALLBACK (save_chosen_cb), self, 0);
  g_signal_connect (chooser, "response", G_CALLBACK (g_object_unref), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
pdf_clicked_cb (GtkButton   *button,
                PbCodesPage *self)
{
  save_batch (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "batch")), TRUE);
}

static void
csv_clicked_cb (GtkButton   *button,
                PbCodesPage *self)
{
  save_batch (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "batch")), FALSE);
}

/* ---- Voiding ------------------------------------------------------------ */

static void
void_batch_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        PbCodesPage      *self)
{
  guint batch = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "batch"));
  PbProcess *process = pb_page_get_process (PB_PAGE (self));
  g_autoptr(GError) error = NULL;
  guint n_voided = 0;

  if (g_strcmp0 (response, "void") != 0 || process == NULL)
    return;

  if (!pb_store_void_voter_code_batch (pb_page_get_store (PB_PAGE (self)), process, batch, &n_voided, &error))
    pb_page_show_error (PB_PAGE (self), error);
  else
    {
      g_autofree char *message = g_strdup_printf (ngettext ("%u code voided", "%u codes voided", n_voided), n_voided);
      pb_page_add_toast (PB_PAGE (self), adw_toast_new (message));
    }
  pb_codes_page_reload (self);
}

static void
void_batch_clicked_cb (GtkButton   *button,
                       PbCodesPage *self)
{
  guint batch = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "batch"));
  g_autofree char *heading = g_strdup_printf (_("Void Batch %u?"), batch);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (parent_window (self), heading,
                                   _("Every code of the batch that has not been used stops working. Ballots already cast stay counted. This cannot be undone."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "void", _("_Void Codes"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "void", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "batch", GUINT_TO_POINTER (batch));
  g_signal_connect_object (dialog, "response", G_CALLBACK (void_batch_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_void_apply (PbCodesPage *self)
{
  PbProcess *process = pb_page_get_process (PB_PAGE (self));
  const char *code = gtk_editable_get_text (GTK_EDITABLE (self->void_row));
  g_autoptr(GError) error = NULL;

  if (process == NULL)
    return;

  if (!pb_store_void_voter_code (pb_page_get_store (PB_PAGE (self)), process, code, &error))
    {
      pb_widget_set_error (GTK_WIDGET (self->void_row), TRUE);
      pb_page_show_error (PB_PAGE (self), error);
      return;
    }
  pb_widget_set_error (GTK_WIDGET (self->void_row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->void_row), "");
  pb_page_add_toast (PB_PAGE (self), adw_toast_new (_("Code voided")));
  pb_codes_page_reload (self);
}

/* ---- Generating --------------------------------------------------------- */

gboolean
pb_codes_page_generate (PbCodesPage *self,
                        guint        n)
{
  PbProcess *process = pb_page_get_process (PB_PAGE (self));
  g_autoptr(GListModel) issued = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint batch = 0;

  g_return_val_if_fail (PB_IS_CODES_PAGE (self), FALSE);

  if (process == NULL)
    return FALSE;

  issued = pb_store_issue_voter_codes (pb_page_get_store (PB_PAGE (self)), process, n, &batch, &error);
  if (issued == NULL)
    {
      pb_page_show_error (PB_PAGE (self), error);
      return FALSE;
    }

  message = g_strdup_printf (ngettext ("Batch %2$u: %1$u code generated", "Batch %2$u: %1$u codes generated", n), n, batch);
  pb_page_add_toast (PB_PAGE (self), adw_toast_new (message));
  pb_codes_page_reload (self);
  return TRUE;
}

static void
generate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PbCodesPage *self = PB_CODES_PAGE (widget);

  pb_codes_page_generate (self, (guint) gtk_spin_button_get_value_as_int (self->count_spin));
}

/* ---- Listing ------------------------------------------------------------ */

static GtkWidget *
icon_button (const char *icon,
             const char *label,
             guint       batch)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data (G_OBJECT (button), "batch", GUINT_TO_POINTER (batch));
  return button;
}

static void
expander_notify_cb (AdwExpanderRow *expander,
                    GParamSpec     *pspec,
                    PbCodesPage    *self)
{
  guint batch = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (expander), "batch"));
  guint listed = 0, total = 0;

  if (!adw_expander_row_get_expanded (expander) || g_object_get_data (G_OBJECT (expander), "filled"))
    return;
  g_object_set_data (G_OBJECT (expander), "filled", GINT_TO_POINTER (TRUE));

  for (guint i = 0; i < g_list_model_get_n_items (self->codes); i++)
    {
      g_autoptr(PbVoterCode) code = g_list_model_get_item (self->codes, i);
      GtkWidget *row;

      if (pb_voter_code_get_batch (code) != batch)
        continue;
      total++;
      if (listed >= MAX_CODES_LISTED)
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pb_voter_code_get_code (code));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), pb_voter_code_state_get_label (pb_voter_code_get_state (code)));
      gtk_widget_add_css_class (row, "monospace");
      adw_expander_row_add_row (expander, row);
      listed++;
    }
  if (total > listed)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *more = g_strdup_printf (_("%u more codes: save the batch as CSV to see them all"), total - listed);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      adw_expander_row_add_row (expander, row);
    }
}

static void
pb_codes_page_reload (PbCodesPage *self)
{
  PbStore *store = pb_page_get_store (PB_PAGE (self));
  PbProcess *process = pb_page_get_process (PB_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) counts = g_array_new (FALSE, TRUE, sizeof (guint) * 3);
  gboolean read_only;

  for (guint i = 0; i < self->batch_rows->len; i++)
    adw_preferences_group_remove (self->batches_group, g_ptr_array_index (self->batch_rows, i));
  g_ptr_array_set_size (self->batch_rows, 0);
  g_clear_object (&self->codes);

  if (store == NULL || process == NULL)
    return;

  self->codes = pb_store_list_voter_codes (store, process, &error);
  if (self->codes == NULL)
    {
      pb_page_show_error (PB_PAGE (self), error);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (self->codes); i++)
    {
      g_autoptr(PbVoterCode) code = g_list_model_get_item (self->codes, i);
      guint batch = pb_voter_code_get_batch (code);

      if (batch + 1 > counts->len)
        g_array_set_size (counts, batch + 1);
      ((guint *) counts->data)[batch * 3 + pb_voter_code_get_state (code)]++;
    }

  read_only = pb_process_is_read_only (process);
  for (guint batch = 0; batch < counts->len; batch++)
    {
      guint *c = (guint *) counts->data + batch * 3;
      guint total = c[0] + c[1] + c[2];
      GtkWidget *row, *button;
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *label = NULL;

      if (total == 0)
        continue;

      row = adw_expander_row_new ();
      title = g_strdup_printf (_("Batch %u"), batch);
      /* Translators: counts of voter codes in a batch. */
      subtitle = g_strdup_printf (_("%u codes: %u used, %u not used yet, %u void"), total,
                                  c[PB_VOTER_CODE_STATE_USED], c[PB_VOTER_CODE_STATE_ISSUED],
                                  c[PB_VOTER_CODE_STATE_VOID]);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
      g_object_set_data (G_OBJECT (row), "batch", GUINT_TO_POINTER (batch));
      g_signal_connect (row, "notify::expanded", G_CALLBACK (expander_notify_cb), self);

      label = g_strdup_printf (_("Save batch %u as printable slips (PDF)"), batch);
      button = icon_button ("document-print-symbolic", label, batch);
      g_signal_connect (button, "clicked", G_CALLBACK (pdf_clicked_cb), self);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);
      g_free (label);

      label = g_strdup_printf (_("Save batch %u as CSV"), batch);
      button = icon_button ("x-office-spreadsheet-symbolic", label, batch);
      g_signal_connect (button, "clicked", G_CALLBACK (csv_clicked_cb), self);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);
      g_free (label);

      label = g_strdup_printf (_("Void the unused codes of batch %u"), batch);
      button = icon_button ("action-unavailable-symbolic", label, batch);
      gtk_widget_set_sensitive (button, c[PB_VOTER_CODE_STATE_ISSUED] > 0 && !read_only);
      g_signal_connect (button, "clicked", G_CALLBACK (void_batch_clicked_cb), self);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);

      adw_preferences_group_add (self->batches_group, row);
      g_ptr_array_add (self->batch_rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->no_batches_label), self->batch_rows->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->not_required_label), !pb_process_get_voter_codes_required (process));
  gtk_widget_set_sensitive (GTK_WIDGET (self->generate_group), !read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->void_group), !read_only);
}

static void
process_notify_cb (PbCodesPage *self)
{
  pb_codes_page_reload (self);
}

static void
pb_codes_page_process_changed (PbPage *page)
{
  PbCodesPage *self = PB_CODES_PAGE (page);
  PbProcess *process = pb_page_get_process (page);

  if (self->bound_process != NULL)
    g_signal_handlers_disconnect_by_func (self->bound_process, process_notify_cb, self);
  g_set_object (&self->bound_process, process);
  if (process != NULL)
    {
      g_signal_connect_swapped (process, "notify::voter-codes-required", G_CALLBACK (process_notify_cb), self);
      g_signal_connect_swapped (process, "notify::ballot-count", G_CALLBACK (process_notify_cb), self);
      g_signal_connect_swapped (process, "notify::phase", G_CALLBACK (process_notify_cb), self);
    }
  pb_codes_page_reload (self);
}

static void
pb_codes_page_dispose (GObject *object)
{
  PbCodesPage *self = PB_CODES_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->bound_process != NULL)
    g_signal_handlers_disconnect_by_func (self->bound_process, process_notify_cb, self);
  g_clear_object (&self->bound_process);
  /* AdwBin keeps its own pointer to the child: let it go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_CODES_PAGE);
  g_clear_object (&self->codes);
  g_clear_object (&self->progress_toast);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->batch_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (pb_codes_page_parent_class)->dispose (object);
}

static void
pb_codes_page_class_init (PbCodesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PbPageClass *page_class = PB_PAGE_CLASS (klass);

  object_class->dispose = pb_codes_page_dispose;
  page_class->process_changed = pb_codes_page_process_changed;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Pb/officer/pb-codes-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PbCodesPage, not_required_label);
  gtk_widget_class_bind_template_child (widget_class, PbCodesPage, generate_group);
  gtk_widget_class_bind_template_child (widget_class, PbCodesPage, batches_group);
  gtk_widget_class_bind_template_child (widget_class, PbCodesPage, no_batches_label);
  gtk_widget_class_bind_template_child (widget_class, PbCodesPage, void_group);
  gtk_widget_class_bind_template_child (widget_class, PbCodesPage, void_row);
  gtk_widget_class_bind_template_child (widget_class, PbCodesPage, count_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_void_apply);

  gtk_widget_class_install_action (widget_class, "codes.generate", NULL, generate_action);
}

static void
pb_codes_page_init (PbCodesPage *self)
{
  self->batch_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pb_codes_page_new (void)
{
  return g_object_new (PB_TYPE_CODES_PAGE, NULL);
}

guint
pb_codes_page_get_n_batches (PbCodesPage *self)
{
  g_return_val_if_fail (PB_IS_CODES_PAGE (self), 0);

  return self->batch_rows->len;
}
