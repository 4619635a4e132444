/* pb-store-record.h: audit entries for facts that change nothing stored.
 *
 * Exporting a process (its results as JSON, CSV or a printed report, its
 * data as a Pabulib file) changes no row, but people who check a result
 * want to know which file was handed out and when.  The export is recorded
 * in the audit log with the BLAKE2b-256 hash of the bytes written, so that
 * a published file can be matched against the log.
 */
#pragma once

#include <gio/gio.h>

#include "pb-store.h"

G_BEGIN_DECLS

/* Appends an audit entry of kind "export" for @process: @format ("json",
 * "pabulib", "csv", "report", "bundle"), the file's base name and the hash
 * of @content.  Allowed in every phase, published included.  One
 * transaction; FALSE with @error when it could not be written. */
gboolean  pb_store_record_export  (PbStore     *self,
                                   PbProcess   *process,
                                   const char  *format,
                                   const char  *file_name,
                                   GBytes      *content,
                                   GError     **error);

G_END_DECLS
