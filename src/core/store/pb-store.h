/* pb-store.h: Pb's SQLite store, where everything a process holds lives.
 *
 * One PbStore is one open database file.  It holds the processes with their
 * categories and projects in memory as live GObjects and GListModels (the
 * GUI binds to them), and reads ballots, voter codes and the audit log from
 * SQLite on demand.
 *
 * Guarantees:
 *  - Every write is one SQLite transaction (BEGIN IMMEDIATE … COMMIT) and
 *    appends its audit entry inside it; a function that returns TRUE has
 *    committed, one that returns FALSE has changed nothing.  The in-memory
 *    objects are updated (and notify) only after the commit.
 *  - WAL journal, synchronous=FULL, foreign keys on, a busy timeout, and a
 *    quick_check at open.  The schema is versioned with user_version; an
 *    older database is backed up (sqlite3_backup to "PATH.vN.bak") and then
 *    migrated; a newer one is refused and left untouched.
 *  - Rules are frozen from the voting phase on; ballots are accepted only
 *    while voting; a published process is read-only.
 *  - A voter code is consumed in the same transaction as its ballot, and
 *    nothing links the two: the code row records no ballot, no time of use
 *    and no order of use, and the ballot's audit entry records only that a
 *    code was used, not which.
 *
 * All functions are for the thread that opened the store.
 */
#pragma once

#include <gio/gio.h>

#include "pb-audit.h"
#include "pb-ballot-rules.h"
#include "pb-ballot.h"
#include "pb-category.h"
#include "pb-paper.h"
#include "pb-process.h"
#include "pb-project.h"
#include "pb-store-types.h"
#include "pb-voter-code.h"

G_BEGIN_DECLS

#define PB_STORE_ERROR (pb_store_error_quark ())

typedef enum {
  PB_STORE_ERROR_IS_DIRECTORY,     /* the path is a directory */
  PB_STORE_ERROR_CANNOT_OPEN,      /* unreadable, no permission, missing folder */
  PB_STORE_ERROR_NOT_A_DATABASE,   /* the file is not an SQLite database */
  PB_STORE_ERROR_CORRUPT,          /* truncated or damaged (quick_check failed) */
  PB_STORE_ERROR_TOO_NEW,          /* written by a newer Pb: refused, untouched */
  PB_STORE_ERROR_BUSY,             /* locked by another program beyond the timeout */
  PB_STORE_ERROR_DISK_FULL,        /* no space left: the write was rolled back */
  PB_STORE_ERROR_IO,               /* another SQLite failure */
  PB_STORE_ERROR_MIGRATION,        /* backing up or upgrading the schema failed */
  PB_STORE_ERROR_NOT_FOUND,        /* no such process, project, category, batch */
  PB_STORE_ERROR_INVALID,          /* a bad value: empty name, cost not a number… */
  PB_STORE_ERROR_DUPLICATE,        /* a name or code that must be unique is taken */
  PB_STORE_ERROR_FROZEN,           /* the rules cannot change in this phase */
  PB_STORE_ERROR_READ_ONLY,        /* the process is published */
  PB_STORE_ERROR_ILLEGAL_PHASE,    /* a phase change that is not allowed */
  PB_STORE_ERROR_NOT_VOTING,       /* a ballot outside the voting phase */
  PB_STORE_ERROR_HAS_BALLOTS,      /* deleting something ballots depend on */
  PB_STORE_ERROR_PAPER_MISMATCH,   /* committing a paper batch whose entries disagree */
} PbStoreError;

GQuark        pb_store_error_quark            (void);

/* The schema version this build writes (PRAGMA user_version). */
#define PB_STORE_SCHEMA_VERSION 4

/* The default busy timeout, in milliseconds. */
#define PB_STORE_BUSY_TIMEOUT_MS 5000

#define PB_TYPE_STORE (pb_store_get_type ())
G_DECLARE_FINAL_TYPE (PbStore, pb_store, PB, STORE, GObject)

/* Signal "audit-changed" (no arguments): emitted after a write of this
 * connection that appended audit entries has committed (one emission per
 * transaction).  Writes through another connection to the same file (a
 * worker thread's, or another program's such as `pbtool export`) are
 * seen only through pb_store_notice_other_writers().  Handlers must not
 * write to the store. */

/* Emits "audit-changed" when another connection to the same database has
 * appended audit entries since the last call (the first call only takes
 * note).  Cheap when nothing changed (one PRAGMA data_version), so it can
 * be called every few seconds.  Returns whether it emitted. */
gboolean      pb_store_notice_other_writers   (PbStore     *self);

/* ---- Opening ----------------------------------------------------------- */

/* Opens the database at @path, creating it (and a kiosk identity) when the
 * file does not exist.  An existing file is never overwritten: a path that
 * cannot be used (a directory, unreadable, not SQLite, damaged, from a
 * newer schema, locked) gives a translated error and is left as it was. */
PbStore      *pb_store_open                   (const char  *path,
                                               GError     **error);
/* Same with another busy timeout (tests use a short one). */
PbStore      *pb_store_open_full              (const char  *path,
                                               guint        busy_timeout_ms,
                                               GError     **error);

/* "$XDG_DATA_HOME/com.example.Pb/pb.db". */
char         *pb_store_get_default_path       (void);

/* Opens the default database, creating its folder; when the database did
 * not exist it is created and seeded with the demo process
 * (pb_store_seed_demo()).  @out_created (optional) tells whether it was. */
PbStore      *pb_store_open_default           (gboolean    *out_created,
                                               GError     **error);

/* Adds the demo process "Riverside Neighbourhood Fund 2026" (£50,000, a
 * dozen projects in four categories, in the voting phase with a few sample
 * ballots).  Returns it (transfer none). */
PbProcess    *pb_store_seed_demo              (PbStore     *self,
                                               GError     **error);

const char   *pb_store_get_path               (PbStore     *self);

/* ---- Kiosk identity and settings --------------------------------------- */

/* This database's kiosk id: the hex of its Ed25519 public key (64 chars).
 * The secret key is stored only in this database. */
const char   *pb_store_get_kiosk_id           (PbStore     *self);
/* Signs @data with the kiosk's secret key; @signature receives 64 bytes. */
void          pb_store_kiosk_sign             (PbStore      *self,
                                               const guint8 *data,
                                               gsize         len,
                                               guint8        signature[64]);

/* A key-value table for the GUI (e.g. "kiosk-pin-hash" holding a
 * crypto_pwhash_str() string).  get returns NULL when unset; set with
 * @value NULL removes the key.  Changes are audited by key, not value. */
char         *pb_store_get_setting            (PbStore     *self,
                                               const char  *key);
gboolean      pb_store_set_setting            (PbStore     *self,
                                               const char  *key,
                                               const char  *value,
                                               GError     **error);

/* ---- Processes ---------------------------------------------------------- */

/* Live list of every PbProcess, archived ones included (transfer none). */
GListModel   *pb_store_list_processes         (PbStore     *self);
PbProcess    *pb_store_lookup_process         (PbStore     *self,
                                               gint64       process_id);

/* Creates a process in the draft phase (transfer none). */
PbProcess    *pb_store_create_process         (PbStore     *self,
                                               const char  *name,
                                               const char  *currency,
                                               const char  *budget,
                                               GError     **error);

/* Copies settings, categories and projects (not ballots, codes or history)
 * into a new draft process named @name (transfer none). */
PbProcess    *pb_store_duplicate_process      (PbStore     *self,
                                               PbProcess   *process,
                                               const char  *name,
                                               GError     **error);

/* Deletes a process and everything in it.  Refused once it has ballots
 * (archive it instead) so that no vote is ever lost.  The audit log keeps
 * its entries. */
gboolean      pb_store_delete_process         (PbStore     *self,
                                               PbProcess   *process,
                                               GError     **error);

/* Changes properties of @process by name, like g_object_set(): e.g.
 *   pb_store_edit_process (store, process, &error,
 *                          "budget", "50000", "max-projects", 5, NULL);
 * Strings are const char *, guints guint, booleans gboolean, the format a
 * PbBallotFormat.  All or nothing, in one transaction.  Rules (budget,
 * currency, format, limits, counting rule, tie-break, voter codes) are
 * refused with PB_STORE_ERROR_FROZEN from voting on; everything but
 * "archived" with PB_STORE_ERROR_READ_ONLY once published. */
gboolean      pb_store_edit_process           (PbStore     *self,
                                               PbProcess   *process,
                                               GError     **error,
                                               const char  *first_property_name,
                                               ...) G_GNUC_NULL_TERMINATED;
gboolean      pb_store_edit_processv          (PbStore      *self,
                                               PbProcess    *process,
                                               guint         n_properties,
                                               const char   *names[],
                                               const GValue  values[],
                                               GError      **error);

/* Moves @process to @phase, recording the time and @reason (may be NULL).
 * Refuses illegal moves (PB_STORE_ERROR_ILLEGAL_PHASE, naming both
 * phases); opening the vote needs a positive budget and at least one
 * feasible project. */
gboolean      pb_store_set_phase              (PbStore     *self,
                                               PbProcess   *process,
                                               PbPhase      phase,
                                               const char  *reason,
                                               GError     **error);

/* Phase history, oldest first: a new GListModel of PbPhaseChange. */
GListModel   *pb_store_list_phase_changes     (PbStore     *self,
                                               PbProcess   *process,
                                               GError     **error);

/* ---- Categories --------------------------------------------------------- */

/* @cap: a decimal amount or NULL/"" for none.  Adding, deleting and
 * changing caps are rule changes (frozen from voting on); renaming is
 * allowed until publication. */
PbCategory   *pb_store_add_category           (PbStore     *self,
                                               PbProcess   *process,
                                               const char  *name,
                                               const char  *cap,
                                               GError     **error);
gboolean      pb_store_edit_category          (PbStore     *self,
                                               PbCategory  *category,
                                               const char  *name,
                                               const char  *cap,
                                               GError     **error);
/* Projects in the category are left without one. */
gboolean      pb_store_delete_category        (PbStore     *self,
                                               PbCategory  *category,
                                               GError     **error);

/* ---- Projects ----------------------------------------------------------- */

/* Adds a project (status proposed) with the given properties (see
 * pb-project.h), e.g.
 *   pb_store_add_project (store, process, &error,
 *                         "title", "Skate park", "cost", "18000", NULL);
 * "title" and "cost" are required.  Returns it (transfer none). */
PbProject    *pb_store_add_project            (PbStore     *self,
                                               PbProcess   *process,
                                               GError     **error,
                                               const char  *first_property_name,
                                               ...) G_GNUC_NULL_TERMINATED;
gboolean      pb_store_edit_project           (PbStore     *self,
                                               PbProject   *project,
                                               GError     **error,
                                               const char  *first_property_name,
                                               ...) G_GNUC_NULL_TERMINATED;
gboolean      pb_store_edit_projectv          (PbStore      *self,
                                               PbProject    *project,
                                               guint         n_properties,
                                               const char   *names[],
                                               const GValue  values[],
                                               GError      **error);
/* Review: sets the status and its reason (frozen from voting on). */
gboolean      pb_store_set_project_status     (PbStore          *self,
                                               PbProject        *project,
                                               PbProjectStatus   status,
                                               const char       *reason,
                                               GError          **error);
/* Refused from voting on; before that, removes it from the process. */
gboolean      pb_store_delete_project         (PbStore     *self,
                                               PbProject   *project,
                                               GError     **error);

/* ---- Ballots ------------------------------------------------------------ */

/* Validates @choices (pb_ballot_validate()), consumes @voter_code (NULL
 * when none; required when the process requires codes), stores the ballot
 * and its audit entry with synchronous=FULL, and returns only after the
 * commit: the new ballot with its UUID and receipt (transfer full), or NULL
 * with @error in PB_BALLOT_ERROR, PB_VOTER_CODE_ERROR or PB_STORE_ERROR
 * (e.g. PB_STORE_ERROR_DISK_FULL), in which case nothing was stored. */
PbBallot     *pb_store_cast_ballot            (PbStore          *self,
                                               PbProcess        *process,
                                               PbBallotChoices  *choices,
                                               PbBallotMethod    method,
                                               const char       *voter_code,
                                               GError          **error);

/* Ballots stored for @process with @method (PB_BALLOT_METHOD_ANY: all). */
guint         pb_store_count_ballots          (PbStore          *self,
                                               PbProcess        *process,
                                               PbBallotMethod    method);
/* Ballots per kiosk: a new table from kiosk id (char *) to count
 * (GUINT_TO_POINTER). */
GHashTable   *pb_store_count_ballots_by_kiosk (PbStore          *self,
                                               PbProcess        *process);
/* A new GListModel of PbBallot in cast order. */
GListModel   *pb_store_list_ballots           (PbStore          *self,
                                               PbProcess        *process,
                                               GError          **error);
/* Finds a ballot by its receipt code (as typed: normalised like codes);
 * NULL when there is none. */
PbBallot     *pb_store_lookup_receipt         (PbStore          *self,
                                               PbProcess        *process,
                                               const char       *receipt);

/* ---- Voter codes -------------------------------------------------------- */

/* Issues @n_codes new codes as one batch; @out_batch (optional) receives
 * the batch number.  Returns a new GListModel of the PbVoterCode issued. */
GListModel   *pb_store_issue_voter_codes      (PbStore     *self,
                                               PbProcess   *process,
                                               guint        n_codes,
                                               guint       *out_batch,
                                               GError     **error);
/* Voids one issued code (typed input is normalised). */
gboolean      pb_store_void_voter_code        (PbStore     *self,
                                               PbProcess   *process,
                                               const char  *code,
                                               GError     **error);
/* Voids every still-issued code of a batch; @out_n_voided optional. */
gboolean      pb_store_void_voter_code_batch  (PbStore     *self,
                                               PbProcess   *process,
                                               guint        batch,
                                               guint       *out_n_voided,
                                               GError     **error);
/* Checks a typed code without using it (for the kiosk's first screen).
 * Returns TRUE when it may be used now; otherwise FALSE with @error
 * (PB_VOTER_CODE_ERROR_MALFORMED, _UNKNOWN, _USED or _VOID). */
gboolean      pb_store_check_voter_code       (PbStore     *self,
                                               PbProcess   *process,
                                               const char  *code,
                                               GError     **error);
/* A new GListModel of every PbVoterCode of @process, by batch then code. */
GListModel   *pb_store_list_voter_codes       (PbStore     *self,
                                               PbProcess   *process,
                                               GError     **error);
/* Count of codes of @process in @state. */
guint         pb_store_count_voter_codes      (PbStore          *self,
                                               PbProcess        *process,
                                               PbVoterCodeState  state);

/* ---- Paper ballots (double entry, see pb-paper.h) ----------------------- */

/* Opens a batch labelled @label holding @ballot_count ballots. */
PbPaperBatch *pb_store_paper_add_batch        (PbStore      *self,
                                               PbProcess    *process,
                                               const char   *label,
                                               guint         ballot_count,
                                               GError      **error);
/* Stores ballot @number (1-based) of officer @entry (1 or 2), replacing
 * what that officer typed before for that number.  The choices are
 * validated at once so that typing errors show up early. */
gboolean      pb_store_paper_set_entry        (PbStore          *self,
                                               PbPaperBatch     *batch,
                                               guint             entry,
                                               const char       *officer,
                                               guint             number,
                                               PbBallotChoices  *choices,
                                               GError          **error);
/* A new GListModel of PbPaperBatch of @process. */
GListModel   *pb_store_paper_list_batches     (PbStore      *self,
                                               PbProcess    *process,
                                               GError      **error);
/* A new GListModel of PbPaperDifference: every number 1..ballot_count
 * where the two entries differ or one is missing (empty when they agree). */
GListModel   *pb_store_paper_list_differences (PbStore      *self,
                                               PbPaperBatch *batch,
                                               GError      **error);
/* Stores the batch's ballots (method paper) when both entries are complete
 * and agree; otherwise PB_STORE_ERROR_PAPER_MISMATCH.  Needs the voting
 * phase, like every ballot. */
gboolean      pb_store_paper_commit_batch     (PbStore      *self,
                                               PbPaperBatch *batch,
                                               GError      **error);

/* ---- Audit -------------------------------------------------------------- */

/* A new GListModel of PbAuditEntry, oldest first; @process NULL for all. */
GListModel   *pb_store_list_audit             (PbStore     *self,
                                               PbProcess   *process,
                                               GError     **error);

/* Recomputes the hash chain, every ballot's hash and the last recorded
 * hash of every process, project, category and verdict against a shared
 * criterion.  Returns TRUE when all match; otherwise FALSE with @error in
 * PB_AUDIT_ERROR naming the first entry or ballot that does not.  @out_n_entries (optional) receives the
 * number of entries checked. */
gboolean      pb_store_verify                 (PbStore     *self,
                                               guint64     *out_n_entries,
                                               GError     **error);

G_END_DECLS
