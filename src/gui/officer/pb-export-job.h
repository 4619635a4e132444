/* pb-export-job.h: exporting a process to a file, off the main thread.
 *
 * The officer's window exports a process as JSON (docs/export-schema.json),
 * a Pabulib .pb file, the results as CSV, or the printable PDF report.  The
 * work runs in a worker thread with a store connection of its own (the
 * window's store belongs to the main thread): load the process, count it
 * under its recorded rule, write the bytes, and append the export to the
 * audit log (pb_store_record_export(), on the job's own connection, so an
 * export that ends after its window closed is still recorded).  The file
 * is replaced atomically (a hidden temporary file next to it, flushed and
 * renamed over it), so a failure, a full disk or a cancel never leaves half
 * a file and never touches the file that was there.  Errors are translated
 * sentences that say what to do.
 *
 * The writing is pb_file_replace_atomically() (pb-file.h), whose test seam
 * PB_TEST_DISK_SPACE stands for a full disk (tests/gui/test-exports.c).
 *
 * JSON, Pabulib and CSV are pb_store_export_process()'s bytes, the same
 * as `pbtool export`; the report is pb-report.h's.
 */
#pragma once

#include <gio/gio.h>

#include "pb-count.h"
#include "pb-store.h"

G_BEGIN_DECLS

typedef enum {
  PB_EXPORT_FORMAT_JSON,
  PB_EXPORT_FORMAT_PABULIB,
  PB_EXPORT_FORMAT_CSV,
  PB_EXPORT_FORMAT_REPORT,
} PbExportFormat;

/* "json", "pabulib", "csv", "report": the names of the window's actions
 * (win.export-json…) and of the audit entries. */
const char *pb_export_format_to_string       (PbExportFormat   format);
/* ".json", ".pb", ".csv", ".pdf". */
const char *pb_export_format_get_extension   (PbExportFormat   format);
/* A file name from the process name: "elm-street-fund-results.json". */
char       *pb_export_default_file_name      (PbProcess       *process,
                                              PbExportFormat   format);

/* The count the exports use, as pb_store_get_count_options() gives it:
 * the process's rule and tie-breaking chain and its recorded lot seed
 * (recorded now when there is none, so every export and the Results page
 * agree).  A write: call it on the store's thread. */
gboolean    pb_export_options_for_process    (PbStore         *store,
                                              PbProcess       *process,
                                              PbCountOptions  *out,
                                              GError         **error);

/* Called in the caller's main context with the share done (0–1). */
typedef void (*PbExportProgressFunc) (double    fraction,
                                      gpointer  user_data);

/* Exports @process of @store to @file.  @progress (optional) reports the
 * stages; it is not called after the callback. */
void        pb_export_process_async          (PbStore               *store,
                                              PbProcess             *process,
                                              PbExportFormat         format,
                                              const PbCountOptions  *options,
                                              GFile                 *file,
                                              GCancellable          *cancellable,
                                              PbExportProgressFunc   progress,
                                              gpointer               progress_data,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data);
/* The bytes written (already recorded in the audit log), or NULL with
 * @error. */
GBytes     *pb_export_process_finish         (GAsyncResult          *result,
                                              GError               **error);

/* The same in the calling thread, with @store opened in it; it records
 * the export in @store's audit log too. */
GBytes     *pb_export_process_sync           (PbStore               *store,
                                              PbProcess             *process,
                                              PbExportFormat         format,
                                              const PbCountOptions  *options,
                                              GFile                 *file,
                                              GCancellable          *cancellable,
                                              GError               **error);

G_END_DECLS
