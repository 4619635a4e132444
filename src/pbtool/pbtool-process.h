/* pbtool-process.h: opening a database and choosing a process, for the
 * sub-commands that take --database DB [--process ID]. */
#pragma once

#include "pb-store.h"

G_BEGIN_DECLS

/* Opens the existing database at @path (a missing one is not created).
 * Prints the reason and returns NULL when it cannot be used. */
PbStore   *pbtool_open_database (const char *path);

/* The process named by @wanted (its id or its name), or the only one in
 * the database when @wanted is NULL.  Prints the reason (listing the
 * processes when there are several) and returns NULL otherwise.
 * Transfer none. */
PbProcess *pbtool_find_process  (PbStore    *store,
                                 const char *wanted);

G_END_DECLS
