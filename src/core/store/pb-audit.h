/* pb-audit.h: the audit log, an append-only hash chain.
 *
 * Every state change (phase change, process/project/category edit, ballot
 * cast, voter code use, import, publication, settings) appends one entry in
 * the same transaction as the change.  An entry holds the BLAKE2b-256 hash
 * of the row it records ("subject hash") and of the previous entry, so that
 * pb_store_verify() can recompute the chain and every ballot and name the
 * first thing that was altered outside Pb.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PB_AUDIT_ERROR (pb_audit_error_quark ())

/* The failures pb_store_verify() reports. */
typedef enum {
  PB_AUDIT_ERROR_ENTRY_ALTERED,     /* an entry's own hash does not match its content */
  PB_AUDIT_ERROR_CHAIN_BROKEN,      /* an entry does not point at the previous one (removed or reordered) */
  PB_AUDIT_ERROR_BALLOT_ALTERED,    /* a ballot differs from what its entry recorded */
  PB_AUDIT_ERROR_BALLOT_UNRECORDED, /* a ballot without an entry (inserted outside Pb) */
  PB_AUDIT_ERROR_BALLOT_MISSING,    /* an entry whose ballot is gone */
  PB_AUDIT_ERROR_ROW_ALTERED,       /* a process, project, category or verdict differs from its last entry */
  PB_AUDIT_ERROR_CODES_MISMATCH,    /* used voter codes do not match the ballots that used codes */
} PbAuditError;

GQuark       pb_audit_error_quark     (void);

#define PB_TYPE_AUDIT_ENTRY (pb_audit_entry_get_type ())
G_DECLARE_FINAL_TYPE (PbAuditEntry, pb_audit_entry, PB, AUDIT_ENTRY, GObject)

/* Properties, all read-only:
 *   "sequence"  guint64: 1, 2, 3… in the order of the chain
 *   "time"      GDateTime
 *   "process-id" gint64 (0 for entries about the whole database)
 *   "kind"      string: "process-create", "process-edit", "phase",
 *               "project-add", "project-edit", "project-status",
 *               "project-delete", "category-add", "category-edit",
 *               "category-delete", "ballot", "codes-issue", "codes-void",
 *               "import", "setting", "kiosk", "paper-entry", "paper-commit",
 *               "process-delete", "project-assessment"
 *   "subject"   string: what it is about ("ballot 3f2a…", "project 12")
 *   "summary"   string: an English sentence; the log is a record, so it is
 *               not translated (label entries for people by "kind")
 *   "hash"      string: the entry's hash in hex
 */
guint64      pb_audit_entry_get_sequence   (PbAuditEntry *self);
GDateTime   *pb_audit_entry_get_time       (PbAuditEntry *self);
gint64       pb_audit_entry_get_process_id (PbAuditEntry *self);
const char  *pb_audit_entry_get_kind       (PbAuditEntry *self);
const char  *pb_audit_entry_get_subject    (PbAuditEntry *self);
const char  *pb_audit_entry_get_summary    (PbAuditEntry *self);
const char  *pb_audit_entry_get_hash       (PbAuditEntry *self);

G_END_DECLS
