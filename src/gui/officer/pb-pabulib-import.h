/* pb-pabulib-import.h: Pabulib .pb files into the store.
 *
 * A file is read and parsed in a worker thread (a large one holds a
 * hundred thousand ballots); what it holds is then written to the store on
 * the main thread, which owns the store.
 */
#pragma once

#include <gio/gio.h>

#include "pb-election.h"
#include "pb-store.h"

G_BEGIN_DECLS

/* Reads and parses @file in a worker thread. */
void        pb_pabulib_read_async          (GFile                *file,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
/* The election read (free with pb_election_free()), or NULL with @error. */
PbElection *pb_pabulib_read_finish         (GAsyncResult         *result,
                                            GError              **error);

/* A name for the process: META description, else unit and instance, else
 * @fallback.  Free with g_free(). */
char       *pb_pabulib_dup_process_name    (const PbElection     *election,
                                            const char           *fallback);

/* Adds @election's projects to @process, feasible, coded by their Pabulib
 * ids, in categories created as needed.  Stops at the first failure;
 * @out_n_added (optional) receives how many were added. */
gboolean    pb_pabulib_add_projects        (PbStore              *store,
                                            PbProcess            *process,
                                            const PbElection     *election,
                                            guint                *out_n_added,
                                            GError              **error);

G_END_DECLS
