/* pb-pabulib-import.h: Pabulib .pb files into the store.
 *
 * A file is read and parsed in a worker thread (a large one holds a
 * hundred thousand ballots).  Opening a file as a new process writes it in
 * that thread too, on a store connection of its own
 * (pb_pabulib_import_async()); adding a file's projects to a process is
 * done on the main thread, which owns the window's store.
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

/* Reports how an import goes, in the caller's main context: a translated
 * line for people ("Saving 100,000 ballots…"). */
typedef void (*PbPabulibImportProgress) (const char *stage,
                                         gpointer    user_data);

/* Reads @file and creates a process from it with its ballots, all in a
 * worker thread on a connection of its own to the database at @db_path
 * (one transaction: all or nothing).  Cancelling stops the reading or
 * rolls the import back; nothing is left behind. */
void        pb_pabulib_import_async        (const char              *db_path,
                                            GFile                   *file,
                                            GCancellable            *cancellable,
                                            PbPabulibImportProgress  progress,
                                            gpointer                 progress_data,
                                            GAsyncReadyCallback      callback,
                                            gpointer                 user_data);
/* The new process's id (pick it up with pb_store_adopt_process()), or 0
 * with @error.  @out_n_ballots (optional): the ballots imported. */
gint64      pb_pabulib_import_finish       (GAsyncResult            *result,
                                            guint                   *out_n_ballots,
                                            GError                 **error);

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
