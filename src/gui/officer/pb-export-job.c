/* pb-export-job.c: exporting a process off the main thread (see
 * pb-export-job.h). */

#include "pb-config.h"

#include <glib/gi18n.h>

#include "pb-export-job.h"
#include "pb-file.h"
#include "pb-report.h"
#include "pb-store-count.h"
#include "pb-store-election.h"
#include "pb-store-record.h"

static const struct {
  const char *name;
  const char *extension;
  const char *suffix;
} formats[] = {
  [PB_EXPORT_FORMAT_JSON] = { "json", ".json", "-results" },
  [PB_EXPORT_FORMAT_PABULIB] = { "pabulib", ".pb", "" },
  [PB_EXPORT_FORMAT_CSV] = { "csv", ".csv", "-results" },
  [PB_EXPORT_FORMAT_REPORT] = { "report", ".pdf", "-report" },
};

const char *
pb_export_format_to_string (PbExportFormat format)
{
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (formats), NULL);
  return formats[format].name;
}

const char *
pb_export_format_get_extension (PbExportFormat format)
{
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (formats), NULL);
  return formats[format].extension;
}

char *
pb_export_default_file_name (PbProcess      *process,
                             PbExportFormat  format)
{
  g_autofree char *ascii = NULL;
  g_autoptr(GString) slug = g_string_new (NULL);

  g_return_val_if_fail (PB_IS_PROCESS (process), NULL);
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (formats), NULL);

  /* "Riverside Fund 2026" → "riverside-fund-2026"; accents are dropped. */
  ascii = g_str_to_ascii (pb_process_get_name (process), NULL);
  for (const char *c = ascii; *c != '\0'; c++)
    {
      if (g_ascii_isalnum (*c))
        g_string_append_c (slug, g_ascii_tolower (*c));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len > 60)
    g_string_truncate (slug, 60);
  if (slug->len == 0)
    g_string_append (slug, "process");

  return g_strconcat (slug->str, formats[format].suffix, formats[format].extension, NULL);
}

gboolean
pb_export_options_for_process (PbStore         *store,
                               PbProcess       *process,
                               PbCountOptions  *out,
                               GError         **error)
{
  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (PB_IS_PROCESS (process), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  /* The same count as the Results page and `pbtool export`: the recorded
   * rule, chain and seed (recorded now if there is none yet). */
  return pb_store_get_count_options (store, process, out, error);
}

/* ---- The work ----------------------------------------------------------- */

static void
report_progress (PbExportProgressFunc progress,
                 gpointer             data,
                 double               fraction)
{
  if (progress != NULL)
    progress (fraction, data);
}

/* A translated sentence for a failed write, saying what to do. */
static void
set_write_error (GError **error,
                 GFile   *file,
                 GError  *cause)
{
  g_autofree char *name = g_file_get_basename (file);

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                 _("There is not enough space on the disk for “%s”. Free some space or choose another place; nothing was written."),
                 name);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED)
           || g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_READ_ONLY))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                 _("You may not write “%s” in that folder. Choose another folder; nothing was written."), name);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
           || g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("The folder for “%s” does not exist. Choose another place; nothing was written."), name);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The export was cancelled; nothing was written."));
  else
    g_set_error (error, G_IO_ERROR, cause->domain == G_IO_ERROR ? cause->code : G_IO_ERROR_FAILED,
                 /* Translators: %s is a file name, then the system's reason. */
                 _("“%s” could not be written (%s); nothing was written."), name, cause->message);
}

static gboolean
check_cancelled (GCancellable  *cancellable,
                 GError       **error)
{
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The export was cancelled; nothing was written."));
      return TRUE;
    }
  return FALSE;
}

/* ---- The export --------------------------------------------------------- */

static GBytes *
export_process (PbStore               *store,
                PbProcess             *process,
                PbExportFormat         format,
                const PbCountOptions  *options,
                GFile                 *file,
                GCancellable          *cancellable,
                PbExportProgressFunc   progress,
                gpointer               progress_data,
                GError               **error)
{
  g_autoptr(PbElection) election = NULL;
  g_autoptr(PbOutcome) outcome = NULL;
  g_autoptr(GError) count_error = NULL;
  g_autoptr(GError) write_error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  report_progress (progress, progress_data, 0.1);
  if (format == PB_EXPORT_FORMAT_REPORT)
    {
      g_autoptr(PbReport) report = NULL;

      election = pb_store_load_election (store, process, error);
      if (election == NULL || check_cancelled (cancellable, error))
        return NULL;
      report_progress (progress, progress_data, 0.3);
      /* A rule that cannot apply still gives a report, saying so. */
      outcome = pb_count (election, options, &count_error);
      if (check_cancelled (cancellable, error))
        return NULL;
      report_progress (progress, progress_data, 0.6);
      report = pb_report_new (store, process, election, outcome, options);
      bytes = pb_report_render_pdf (report, NULL, error);
      if (bytes == NULL)
        return NULL;
    }
  else
    {
      static const PbStoreExportFormat store_formats[] = {
        [PB_EXPORT_FORMAT_JSON] = PB_STORE_EXPORT_JSON,
        [PB_EXPORT_FORMAT_PABULIB] = PB_STORE_EXPORT_PABULIB,
        [PB_EXPORT_FORMAT_CSV] = PB_STORE_EXPORT_CSV,
      };

      /* What `pbtool export` writes, byte for byte. */
      bytes = pb_store_export_process (store, process, store_formats[format], options, &count_error);
      if (bytes == NULL)
        {
          if (count_error->domain == PB_COUNT_ERROR)
            g_set_error (error, count_error->domain, count_error->code,
                         /* Translators: %s is the counting engine's reason. */
                         _("The results cannot be counted, so nothing was exported: %s"), count_error->message);
          else
            g_propagate_error (error, g_steal_pointer (&count_error));
          return NULL;
        }
    }

  if (check_cancelled (cancellable, error))
    return NULL;
  report_progress (progress, progress_data, 0.85);

  if (!pb_file_replace_atomically (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), cancellable,
                                   &write_error))
    {
      set_write_error (error, file, write_error);
      return NULL;
    }

  /* The file is written: the audit log records which bytes went out, on
   * this job's own connection, so that it is recorded even when the
   * window that asked for it has closed meanwhile.  The file is there
   * either way, so a failure here is a warning, not the export's error. */
  {
    g_autofree char *name = g_file_get_basename (file);
    g_autoptr(GError) record_error = NULL;

    if (!pb_store_record_export (store, process, pb_export_format_to_string (format), name, bytes, &record_error))
      g_warning ("The export of “%s” could not be recorded in the audit log: %s", name, record_error->message);
  }
  report_progress (progress, progress_data, 1.0);
  return g_steal_pointer (&bytes);
}

GBytes *
pb_export_process_sync (PbStore               *store,
                        PbProcess             *process,
                        PbExportFormat         format,
                        const PbCountOptions  *options,
                        GFile                 *file,
                        GCancellable          *cancellable,
                        GError               **error)
{
  g_return_val_if_fail (PB_IS_STORE (store), NULL);
  g_return_val_if_fail (PB_IS_PROCESS (process), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return export_process (store, process, format, options, file, cancellable, NULL, NULL, error);
}

/* ---- Asynchronous ------------------------------------------------------- */

typedef struct {
  char                  *path;
  gint64                 process_id;
  PbExportFormat         format;
  PbCountOptions         options;
  GFile                 *file;
  PbExportProgressFunc   progress;
  gpointer               progress_data;
  GMainContext          *context;
  gboolean               done;      /* main thread: no more progress */
} ExportData;

static void
export_data_free (gpointer data)
{
  ExportData *d = data;

  g_free (d->path);
  g_clear_object (&d->file);
  g_main_context_unref (d->context);
  g_free (d);
}

typedef struct {
  GTask  *task;
  double  fraction;
} ProgressCall;

static gboolean
progress_idle_cb (gpointer user_data)
{
  ProgressCall *call = user_data;
  ExportData *d = g_task_get_task_data (call->task);

  if (!d->done && d->progress != NULL)
    d->progress (call->fraction, d->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_call_free (gpointer data)
{
  ProgressCall *call = data;

  g_object_unref (call->task);
  g_free (call);
}

static void
thread_progress (double   fraction,
                 gpointer user_data)
{
  GTask *task = user_data;
  ExportData *d = g_task_get_task_data (task);
  ProgressCall *call = g_new0 (ProgressCall, 1);

  call->task = g_object_ref (task);
  call->fraction = fraction;
  g_main_context_invoke_full (d->context, G_PRIORITY_DEFAULT, progress_idle_cb, call, progress_call_free);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *d = task_data;
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  PbProcess *process;

  if (!g_file_test (d->path, G_FILE_TEST_IS_REGULAR))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("The database “%s” is no longer there."), d->path);
      return;
    }
  /* The window's store belongs to the main thread: open our own. */
  store = pb_store_open (d->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  process = pb_store_lookup_process (store, d->process_id);
  if (process == NULL)
    {
      g_task_return_new_error (task, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND,
                               _("The process was deleted before it could be exported."));
      return;
    }

  bytes = export_process (store, process, d->format, &d->options, d->file, cancellable,
                          thread_progress, task, &error);
  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
}

void
pb_export_process_async (PbStore               *store,
                         PbProcess             *process,
                         PbExportFormat         format,
                         const PbCountOptions  *options,
                         GFile                 *file,
                         GCancellable          *cancellable,
                         PbExportProgressFunc   progress,
                         gpointer               progress_data,
                         GAsyncReadyCallback    callback,
                         gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportData *d;

  g_return_if_fail (PB_IS_STORE (store));
  g_return_if_fail (PB_IS_PROCESS (process));
  g_return_if_fail (options != NULL);
  g_return_if_fail (G_IS_FILE (file));

  d = g_new0 (ExportData, 1);
  d->path = g_strdup (pb_store_get_path (store));
  d->process_id = pb_process_get_id (process);
  d->format = format;
  d->options = *options;
  d->file = g_object_ref (file);
  d->progress = progress;
  d->progress_data = progress_data;
  d->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_export_process_async);
  g_task_set_task_data (task, d, export_data_free);
  g_task_run_in_thread (task, export_thread);
}

GBytes *
pb_export_process_finish (GAsyncResult  *result,
                          GError       **error)
{
  ExportData *d;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  d = g_task_get_task_data (G_TASK (result));
  d->done = TRUE;
  return g_task_propagate_pointer (G_TASK (result), error);
}
