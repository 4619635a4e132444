/* pb-integrity.h: the verification status of the open database.
 *
 * The officer's window shows the same verdict as `pbtool verify`: the
 * audit chain and every ballot recomputed.  That reads the whole database,
 * so it runs in a worker thread on a connection of its own
 * (pb_integrity_check()), when a database opens and after bundles are
 * merged, and again (debounced) after every write that appends to the
 * audit log, so the Overview never shows a stale head or count.  Writes
 * through other connections (a worker thread's, or `pbtool export` run
 * while Pb is open) are noticed within PB_INTEGRITY_POLL_SECONDS
 * (pb_store_notice_other_writers(), one cheap pragma each time).
 *
 * One PbIntegrity belongs to each open store (pb_integrity_get_for_store());
 * the window starts the checks and the Overview's integrity group shows
 * the result.
 */
#pragma once

#include <gio/gio.h>

#include "pb-store.h"

G_BEGIN_DECLS

/* What one verification found. */
typedef struct {
  gboolean  intact;
  guint64   n_entries;   /* audit entries checked (when intact) */
  guint     n_ballots;   /* ballots in the database */
  char     *head_hash;   /* the last entry's hash in hex; NULL when the log is empty */
  char     *message;     /* when not intact: the translated reason, naming the entry */
} PbVerifySummary;

/* Verifies @store in the calling thread. */
PbVerifySummary *pb_verify_summary_compute  (PbStore               *store);
void             pb_verify_summary_free     (PbVerifySummary       *summary);
/* "Audit log intact — 12 entries, 3 ballots checked", or the failure. */
char            *pb_verify_summary_describe (const PbVerifySummary *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbVerifySummary, pb_verify_summary_free)

typedef enum {
  PB_INTEGRITY_UNKNOWN,   /* not checked yet */
  PB_INTEGRITY_CHECKING,
  PB_INTEGRITY_INTACT,
  PB_INTEGRITY_BROKEN,    /* something was changed outside Pb */
  PB_INTEGRITY_FAILED,    /* the check itself could not run */
} PbIntegrityState;

#define PB_TYPE_INTEGRITY (pb_integrity_get_type ())
G_DECLARE_FINAL_TYPE (PbIntegrity, pb_integrity, PB, INTEGRITY, GObject)

/* The one PbIntegrity of @store (transfer none; lives as long as @store). */
PbIntegrity      *pb_integrity_get_for_store (PbStore     *store);

/* Starts a check in a worker thread (restarting one that runs).  Notifies
 * "state", "title", "description" and "head-hash" when done. */
void              pb_integrity_check         (PbIntegrity *self);

/* Asks for a check soon: requests within PB_INTEGRITY_DEBOUNCE_MS of the
 * first make one check.  The store's "audit-changed" signal asks for one
 * by itself; call it after a write through another connection (an export
 * job's). */
#define PB_INTEGRITY_DEBOUNCE_MS 500
/* How often the store is asked about other connections' writes. */
#define PB_INTEGRITY_POLL_SECONDS 2
void              pb_integrity_queue_check   (PbIntegrity *self);

/* Properties (read-only): "state", "title" (one line), "description" (the
 * detail: entries and ballots, or the first bad entry), "head-hash". */
PbIntegrityState  pb_integrity_get_state       (PbIntegrity *self);
const char       *pb_integrity_get_title       (PbIntegrity *self);
const char       *pb_integrity_get_description (PbIntegrity *self);
const char       *pb_integrity_get_head_hash   (PbIntegrity *self);

G_END_DECLS
