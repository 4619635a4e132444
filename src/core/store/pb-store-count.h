/* pb-store-count.h: counting a stored process and exporting it.
 *
 * A process records its counting rule ("counting-rule") and its
 * tie-breaking chain ("tie-break", e.g. "cost,votes,lot").  A chain that
 * ends in a lot needs a seed, and the seed must be fixed before the count
 * so that nobody can draw again until the lot suits them: the first count
 * records one in the database (with an audit entry that names it) and
 * every later count of the process uses the same one.
 *
 * The exports are what `pbtool export` writes and what the officer's
 * Export action saves: the JSON export (docs/export-schema.json), the
 * Pabulib file and the CSV of the results.  Ballots carry their UUID, how
 * they were cast, the kiosk and the time, never a voter code (ballots do
 * not record one).
 */
#pragma once

#include "pb-count.h"
#include "pb-store.h"

G_BEGIN_DECLS

/* The lot seed recorded for @process.  Returns FALSE (and leaves @out_seed
 * alone) when none was recorded yet. */
gboolean     pb_store_get_lot_seed        (PbStore          *self,
                                           PbProcess        *process,
                                           guint64          *out_seed);

/* The recorded lot seed of @process, recording a new random one (one
 * transaction with its audit entry, kind "lot-seed") when there is none.
 * Allowed in every phase. */
gboolean     pb_store_ensure_lot_seed     (PbStore          *self,
                                           PbProcess        *process,
                                           guint64          *out_seed,
                                           GError          **error);

/* Fills @options from what @process records: its counting rule, its
 * tie-breaking chain and, when the chain ends in a lot, its seed (recorded
 * now if needed).  PB_STORE_ERROR_INVALID when the rule or the chain is
 * not one the counting engine knows. */
gboolean     pb_store_get_count_options   (PbStore          *self,
                                           PbProcess        *process,
                                           PbCountOptions   *options,
                                           GError          **error);

typedef enum {
  PB_STORE_EXPORT_JSON,     /* process, projects, ballots and results */
  PB_STORE_EXPORT_PABULIB,  /* the instance and the ballots as a .pb file */
  PB_STORE_EXPORT_CSV,      /* the results, one row per project */
} PbStoreExportFormat;

/* "json", "pb", "csv". */
const char  *pb_store_export_format_to_string   (PbStoreExportFormat  format);
gboolean     pb_store_export_format_from_string (const char          *text,
                                                 PbStoreExportFormat *out);

/* The bytes of @process exported as @format.  @options gives the count
 * for the results (JSON and CSV); NULL counts under what the process
 * records (pb_store_get_count_options()).  A rule that cannot apply (a
 * *-points rule on approval ballots) gives its PB_COUNT_ERROR.  Reads
 * only, except that a lot seed may be recorded.  Record what is handed
 * out with pb_store_record_export() (pb-store-record.h) once written. */
GBytes      *pb_store_export_process      (PbStore               *self,
                                           PbProcess             *process,
                                           PbStoreExportFormat    format,
                                           const PbCountOptions  *options,
                                           GError               **error);

G_END_DECLS
