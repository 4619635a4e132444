/* pb-store-worker.h: long writes on a connection of a worker thread.
 *
 * A PbStore belongs to the thread that opened it, and the GUI's store to
 * the main thread.  A long write (importing a Pabulib file with a hundred
 * thousand ballots: one transaction of several seconds) runs instead in a
 * worker thread on a store of its own, opened on the same file.  Two
 * functions make that work:
 *  - pb_store_set_cancellable(): the worker's statements stop soon after
 *    @cancellable is cancelled; the transaction in progress is rolled
 *    back, so a cancelled import leaves nothing behind;
 *  - pb_store_adopt_process(): the main thread's store then picks up the
 *    process the worker committed, with its categories, projects and
 *    ballot count, and shows it in its list of processes.
 */
#pragma once

#include <gio/gio.h>

#include "pb-store.h"

G_BEGIN_DECLS

/* Statements of @self stop (SQLITE_INTERRUPT, the write rolled back) once
 * @cancellable is cancelled; NULL removes the check. */
void        pb_store_set_cancellable  (PbStore       *self,
                                       GCancellable  *cancellable);

/* Loads the process @process_id, written by another connection, into
 * @self's list of processes and returns it (transfer none).  A process
 * the store already holds is returned as it is. */
PbProcess  *pb_store_adopt_process    (PbStore       *self,
                                       gint64         process_id,
                                       GError       **error);

G_END_DECLS
