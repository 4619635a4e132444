/* pb-store-rows.h: reading, writing and auditing the rows of processes,
 * categories and projects (internal to the store).
 *
 * pb-store-process.c and pb-store-project.c share these so that a row is
 * written, bound and hashed the same way by every writer.
 */
#pragma once

#include "pb-store-private.h"

G_BEGIN_DECLS

#define PROCESS_COLUMNS \
  "name, description, currency, budget, phase, ballot_format, min_projects, max_projects," \
  " min_spent_percent, cost_limit, points_total, points_per_project, ranking_length," \
  " counting_rule, tie_break, voter_codes_required, archived, created"

#define PROJECT_COLUMNS \
  "code, title, summary, description, cost, category_id, status, status_reason, groups," \
  " image_path, location, position"

/* A text column, "" for NULL. */
const char *pb_row_text (sqlite3_stmt *stmt,
                         int column);
/* Reads PROCESS_COLUMNS from @first on; the strings point into @stmt. */
void pb_row_read_process (sqlite3_stmt *stmt,
                          int first,
                          PbProcessData *d);
void pb_row_bind_text (sqlite3_stmt *stmt,
                       int column,
                       const char *text);
void pb_row_bind_process (sqlite3_stmt *stmt,
                          const PbProcessData *d);
/* Reads PROJECT_COLUMNS from @first on (copies). */
void pb_row_read_project (sqlite3_stmt *stmt,
                          int first,
                          PbProjectData *d);
void pb_row_bind_project (sqlite3_stmt *stmt,
                          const PbProjectData *d);
/* Runs a prepared write; a UNIQUE violation becomes PB_STORE_ERROR_DUPLICATE. */
gboolean pb_row_step_done (PbStore *self,
                           sqlite3_stmt *stmt,
                           GError **error);
/* Appends an audit entry holding the row's hash (NULL data: a deletion). */
gboolean pb_row_audit_process (PbStore *self,
                               gint64 id,
                               const PbProcessData *d,
                               const char *kind,
                               const char *summary,
                               GError **error);
gboolean pb_row_audit_project (PbStore *self,
                               gint64 id,
                               gint64 process_id,
                               const PbProjectData *d,
                               const char *kind,
                               const char *summary,
                               GError **error);
gboolean pb_row_audit_category (PbStore *self,
                                gint64 id,
                                gint64 process_id,
                                const char *name,
                                const char *cap,
                                const char *kind,
                                const char *summary,
                                GError **error);
/* Checks a non-negative decimal amount and gives its canonical text. */
gboolean pb_row_check_amount (const char *text,
                              gboolean allow_empty,
                              const char *what,
                              char **out_canonical,
                              GError **error);
gboolean pb_row_insert_process (PbStore *self,
                                PbProcessData *d,
                                const char *kind,
                                const char *summary,
                                gint64 *out_id,
                                GError **error);
gboolean pb_row_update_process (PbStore *self,
                                gint64 id,
                                const PbProcessData *d,
                                GError **error);
gboolean pb_row_set_string (char **field,
                            const GValue *value);
/* Converts @value to the type of the property @name of @klass. */
gboolean pb_row_convert_value (GObjectClass *klass,
                               const char *type_name,
                               const char *name,
                               const GValue *value,
                               GValue *out,
                               GError **error);
/* Collects "name", value, … pairs like g_object_set() does, into new
 * arrays of names and of GValues (which the array unsets when freed). */
gboolean pb_row_collect_properties (GType type,
                                    const char *first_property_name,
                                    va_list args,
                                    GPtrArray **out_names,
                                    GArray **out_values,
                                    GError **error);
/* Strips @name; an empty one is refused with @empty_message. */
char *pb_row_strip_name (const char *name,
                         const char *empty_message,
                         GError **error);
/* Inserts a row and appends its audit entry (inside a transaction). */
gboolean pb_row_insert_category (PbStore *self,
                                 gint64 process_id,
                                 const char *name,
                                 const char *cap,
                                 gint64 *out_id,
                                 GError **error);
gboolean pb_row_insert_project (PbStore *self,
                                gint64 process_id,
                                const PbProjectData *d,
                                const char *kind,
                                gint64 *out_id,
                                GError **error);
gboolean pb_row_update_project (PbStore *self,
                                PbProject *project,
                                const PbProjectData *d,
                                const char *kind,
                                const char *summary,
                                GError **error);
/* Records a phase change at the current time (inside a transaction). */
gboolean pb_row_insert_phase_change (PbStore *self,
                                     gint64 process_id,
                                     PbPhase from,
                                     PbPhase to,
                                     const char *reason,
                                     GError **error);

G_END_DECLS
