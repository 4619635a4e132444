/* pb-bundle-flow.h: the officer's side of kiosk bundles.
 *
 * "Export ballots from this kiosk" writes a signed bundle of the ballots
 * this database's kiosk took for a process (pb-bundle.h).  "Add ballots
 * from kiosks" reads one or more bundles in a worker thread, then merges
 * them one by one on the main thread (pb-merge.h), asking the officer:
 *  - to trust a kiosk key this database has not seen, showing its
 *    fingerprint to compare with the kiosk's;
 *  - what to do about voter codes used on two kiosks, listing each with
 *    the ballots involved ("Leave Out" or "Count Anyway").
 * A bundle that was edited or cut short is refused whole and nothing
 * changes.  At the end one dialog sums up: ballots added, already present,
 * bundles refused and why.
 */
#pragma once

#include <adwaita.h>

#include "pb-store.h"

G_BEGIN_DECLS

/* The kiosk id (64 hex digits) in groups of four, for comparing by eye. */
char      *pb_kiosk_fingerprint_format   (const char  *kiosk_id);

/* Writes the bundle of @process's ballots taken on @store's kiosk to
 * @file.  Returns the number of ballots written, or -1 with @error. */
int        pb_bundle_flow_export         (PbStore     *store,
                                          PbProcess   *process,
                                          GFile       *file,
                                          GError     **error);

/* Reads and merges @files (a GListModel of GFile) into @store, with
 * dialogs transient for @parent; @done (optional) runs at the end with
 * the number of ballots added. */
typedef void (*PbBundleFlowDone) (guint     n_added,
                                  gpointer  user_data);

void       pb_bundle_flow_merge          (GtkWindow        *parent,
                                          PbStore          *store,
                                          GListModel       *files,
                                          PbBundleFlowDone  done,
                                          gpointer          user_data);

G_END_DECLS
