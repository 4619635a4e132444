/* pbtool-process.h: opening a database and choosing a process, for the
 * sub-commands that take --database DB [--process ID]. */
#pragma once

#include "pb-count.h"
#include "pb-store.h"

G_BEGIN_DECLS

/* Opens the existing database at @path (a missing one is not created).
 * Prints the reason and returns NULL when it cannot be used. */
PbStore   *pbtool_open_database (const char *path);

/* The process whose name or id is @wanted; prints the reason and returns
 * NULL when there is none.  Transfer none. */
PbProcess *pbtool_lookup_process (PbStore    *store,
                                  const char *wanted);

/* The process named by @wanted (its id or its name), or the only one in
 * the database when @wanted is NULL.  Prints the reason (listing the
 * processes when there are several) and returns NULL otherwise.
 * Transfer none. */
PbProcess *pbtool_find_process  (PbStore    *store,
                                 const char *wanted);

/* The count options of @process: its recorded rule and tie-breaking chain,
 * each replaced by @rule / @tie_break when that is not NULL, and its lot
 * seed (recorded now, with an audit entry, when the chain ends in a lot and
 * none is recorded yet).  A recorded rule Pb does not know is no obstacle
 * when both are replaced.  Prints the reason and returns FALSE otherwise. */
gboolean   pbtool_process_count_options (PbStore          *store,
                                         PbProcess        *process,
                                         const PbRule     *rule,
                                         const PbTieBreak *tie_break,
                                         PbCountOptions   *options);

G_END_DECLS
