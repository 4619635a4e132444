/* pb-store-private.h: what the store's own files share.
 *
 * The domain objects' instance structs are here so that the store can
 * update them after a commit; nothing outside src/core/store (except the
 * store's tests) includes this header.
 */
#pragma once

#include <sqlite3.h>

#include "pb-store.h"

G_BEGIN_DECLS

#define PB_HASH_BYTES 32

/* ---- Plain data of the domain objects ----------------------------------- */

typedef struct {
  char             *name;
  char             *description;
  char             *currency;
  char             *budget;
  PbPhase           phase;
  PbBallotFormat    format;
  guint             min_projects;
  guint             max_projects;
  guint             min_spent_percent;
  char             *cost_limit;
  guint             points_total;
  guint             points_per_project;
  guint             ranking_length;
  char             *counting_rule;
  char             *tie_break;
  gboolean          voter_codes_required;
  gboolean          archived;
  gint64            created;          /* µs since the Unix epoch */
} PbProcessData;

typedef struct {
  char             *code;
  char             *title;
  char             *summary;
  char             *description;
  char             *cost;
  gint64            category_id;
  PbProjectStatus   status;
  char             *status_reason;
  char            **groups;           /* never NULL */
  char             *image_path;
  char             *location;
  guint             position;
} PbProjectData;

void   pb_process_data_copy   (PbProcessData *dest, const PbProcessData *src);
void   pb_process_data_clear  (PbProcessData *data);
void   pb_project_data_copy   (PbProjectData *dest, const PbProjectData *src);
void   pb_project_data_clear  (PbProjectData *data);

struct _PbCategory {
  GObject   parent_instance;
  gint64    id;
  gint64    process_id;
  char     *name;
  char     *cap;
};

struct _PbProject {
  GObject        parent_instance;
  gint64         id;
  gint64         process_id;
  PbProjectData  data;
};

struct _PbProcess {
  GObject         parent_instance;
  gint64          id;
  PbProcessData   data;
  guint           ballot_count;
  GListStore     *projects;
  GListStore     *categories;
  GListStore     *ballot_projects;
  GHashTable     *project_by_id;     /* gint64* → PbProject (borrowed) */
  GHashTable     *category_by_id;    /* gint64* → PbCategory (borrowed) */
  GDateTime      *created;
};

PbCategory  *pb_category_new_internal  (gint64 id, gint64 process_id, const char *name, const char *cap);
void         pb_category_update        (PbCategory *self, const char *name, const char *cap);

PbProject   *pb_project_new_internal   (gint64 id, gint64 process_id, const PbProjectData *data);
/* Replaces the data and notifies every property that changed. */
void         pb_project_update         (PbProject *self, const PbProjectData *data);

PbProcess   *pb_process_new_internal   (gint64 id, const PbProcessData *data);
void         pb_process_update         (PbProcess *self, const PbProcessData *data);
void         pb_process_set_ballot_count (PbProcess *self, guint count);
void         pb_process_take_project   (PbProcess *self, PbProject *project);
void         pb_process_remove_project (PbProcess *self, PbProject *project);
void         pb_process_take_category  (PbProcess *self, PbCategory *category);
void         pb_process_remove_category (PbProcess *self, PbCategory *category);
/* Re-sorts by position and refreshes the list of feasible projects. */
void         pb_process_projects_changed (PbProcess *self);

PbPhaseChange *pb_phase_change_new_internal (PbPhase from, PbPhase to, gint64 time, const char *reason);

PbBallot    *pb_ballot_new_internal    (const char *uuid, gint64 process_id, const char *kiosk_id,
                                        PbBallotMethod method, gint64 cast_time,
                                        PbBallotChoices *choices, const char *receipt);

PbVoterCode *pb_voter_code_new_internal (const char *code, guint batch, PbVoterCodeState state);

PbAuditEntry *pb_audit_entry_new_internal (guint64 seq, gint64 time, gint64 process_id, const char *kind,
                                           const char *subject, const char *summary, const char *hash);

PbPaperBatch *pb_paper_batch_new_internal (gint64 id, gint64 process_id, const char *label, guint ballot_count,
                                           guint entry1_count, guint entry2_count,
                                           const char *officer1, const char *officer2, gboolean committed);
void          pb_paper_batch_refresh_internal (PbPaperBatch *self, guint entry1_count, guint entry2_count,
                                               const char *officer1, const char *officer2, gboolean committed);
PbPaperDifference *pb_paper_difference_new_internal (guint number, PbBallotChoices *entry1,
                                                     PbBallotChoices *entry2);

/* A UTC date-time from microseconds since the Unix epoch (GLib 2.74 has no
 * g_date_time_new_from_unix_utc_usec()). */
GDateTime   *pb_date_time_new_from_usec (gint64 usec);

/* ---- Canonical hashes (BLAKE2b-256) ------------------------------------- */

/* Each writes the hash of the canonical text of a row into @out.  The same
 * text is computed when the row is written and when pb_store_verify()
 * reads it back, so any change made outside Pb shows. */
void  pb_hash_process_row   (gint64 id, const PbProcessData *data, guint8 out[PB_HASH_BYTES]);
void  pb_hash_project_row   (gint64 id, gint64 process_id, const PbProjectData *data, guint8 out[PB_HASH_BYTES]);
void  pb_hash_category_row  (gint64 id, gint64 process_id, const char *name, const char *cap,
                             guint8 out[PB_HASH_BYTES]);
void  pb_hash_ballot_row    (const char *uuid, gint64 process_id, const char *kiosk_id, const char *method,
                             gint64 cast_time, const char *choices, const char *receipt,
                             guint8 out[PB_HASH_BYTES]);
void  pb_hash_audit_entry   (guint64 seq, gint64 time, gint64 process_id, const char *kind,
                             const char *subject, const char *summary, const char *subject_hash,
                             const char *prev_hash, guint8 out[PB_HASH_BYTES]);
char *pb_hash_to_hex        (const guint8 hash[PB_HASH_BYTES]);
/* A project's verdict against a criterion (pb-store-assessment.c); @verdict
 * is its stored name ("meets", …). */
void  pb_hash_assessment_row (gint64 project_id, gint64 criterion_id, const char *verdict, const char *note,
                              guint8 out[PB_HASH_BYTES]);
/* A receipt code ("XXXX-XXXX") derived from a ballot's UUID and choices. */
char *pb_receipt_from_ballot (const char *uuid, const char *choices);

/* Groups are stored as one text, one group per line. */
char  *pb_groups_join       (char * const *groups);
char **pb_groups_split      (const char *text);

/* ---- The store's internals ---------------------------------------------- */

sqlite3       *pb_store_get_db          (PbStore *self);
gint64         pb_store_get_kiosk_row   (PbStore *self);

/* A cached prepared statement, reset and with bindings cleared. */
sqlite3_stmt  *pb_store_prepare         (PbStore     *self,
                                         const char  *sql,
                                         GError     **error);
/* Runs SQL without results. */
gboolean       pb_store_exec            (PbStore     *self,
                                         const char  *sql,
                                         GError     **error);
/* Sets @error from the connection's last error code and message. */
void           pb_store_set_sqlite_error (PbStore    *self,
                                          int         rc,
                                          GError    **error);
/* The text of @column, "" for NULL. */
static inline const char *
pb_store_column_text (sqlite3_stmt *stmt,
                      int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text ? text : "";
}

/* Steps a statement that returns no rows, then resets it and clears its
 * bindings; sets @error unless it ran to SQLITE_DONE. */
static inline gboolean
pb_store_step_done (PbStore       *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      pb_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Sets @error from a SQLite result code and message. */
void           pb_store_error_from_sqlite (int          rc,
                                           const char  *detail,
                                           GError     **error);

/* BEGIN IMMEDIATE; COMMIT (rolling back when the commit fails); ROLLBACK. */
gboolean       pb_store_begin           (PbStore *self, GError **error);
gboolean       pb_store_commit          (PbStore *self, GError **error);
void           pb_store_rollback        (PbStore *self);

/* Appends an audit entry (inside the caller's transaction).  @subject_hash
 * may be NULL for entries that record no row. */
gboolean       pb_store_audit_append    (PbStore       *self,
                                         gint64         process_id,
                                         const char    *kind,
                                         const char    *subject,
                                         const guint8  *subject_hash,
                                         const char    *summary,
                                         GError       **error);

/* Refusals shared by the writers. */
gboolean       pb_store_check_not_published (PbProcess *process, GError **error);
gboolean       pb_store_check_not_frozen    (PbProcess *process, GError **error);

/* The store's list of processes. */
void           pb_store_add_process_object    (PbStore *self, PbProcess *process);
void           pb_store_remove_process_object (PbStore *self, PbProcess *process);

/* Loading the objects of a store at open. */
gboolean       pb_store_load_processes  (PbStore *self, GError **error);

/* Writes a ballot row and its audit entry inside the caller's transaction;
 * used by casting, paper commits and import.  Does not validate. */
gboolean       pb_store_insert_ballot   (PbStore          *self,
                                         PbProcess        *process,
                                         const char       *uuid,
                                         gint64            kiosk_row,
                                         const char       *kiosk_id,
                                         PbBallotMethod    method,
                                         gint64            cast_time,
                                         const char       *choices_text,
                                         gboolean          code_used,
                                         char            **out_receipt,
                                         GError          **error);

/* Writers used by import, inside the caller's transaction (each appends
 * its audit entry). */
gboolean       pb_store_insert_process_internal  (PbStore *self, PbProcessData *d, const char *summary,
                                                  gint64 *out_id, GError **error);
gboolean       pb_store_insert_category_internal (PbStore *self, gint64 process_id, const char *name,
                                                  gint64 *out_id, GError **error);
gboolean       pb_store_insert_project_internal  (PbStore *self, gint64 process_id, const PbProjectData *d,
                                                  gint64 *out_id, GError **error);

/* Rows read back for verification; NOT_FOUND when absent. */
gboolean       pb_store_read_process_row  (PbStore *self, gint64 id, PbProcessData *out, GError **error);
gboolean       pb_store_read_project_row  (PbStore *self, gint64 id, gint64 *out_process_id,
                                           PbProjectData *out, GError **error);

/* For migration tests: creates a database at @path with the schema of
 * @version (0 leaves it empty) and nothing else. */
gboolean       pb_store_create_schema_at_version (const char  *path,
                                                  guint        version,
                                                  GError     **error);

G_END_DECLS
