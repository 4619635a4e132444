/* pb-store-schema.h: the schema's migrations (internal to the store). */
#pragma once

#include <sqlite3.h>

#include <glib.h>

G_BEGIN_DECLS

/* PRAGMA application_id of a Pb database ("PbDB"), so that another
 * program's SQLite file is recognised and left alone. */
#define PB_STORE_APPLICATION_ID 0x50624442

/* Upgrades @db from @from_version to PB_STORE_SCHEMA_VERSION, one
 * transaction per step. */
gboolean pb_store_schema_migrate (sqlite3  *db,
                                  guint     from_version,
                                  GError  **error);

G_END_DECLS
