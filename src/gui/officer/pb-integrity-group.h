/* pb-integrity-group.h: the Overview's integrity group.
 *
 * Shows the verification status of the open database (PbIntegrity), the
 * head of the audit chain, this kiosk's fingerprint, and the two bundle
 * actions (win.export-bundle, win.add-bundles).  It follows the store of
 * the page it sits in, so the page needs no code for it.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PB_TYPE_INTEGRITY_GROUP (pb_integrity_group_get_type ())
G_DECLARE_FINAL_TYPE (PbIntegrityGroup, pb_integrity_group, PB, INTEGRITY_GROUP, AdwPreferencesGroup)

/* The status line shown ("Audit log intact — …"), for tests. */
const char *pb_integrity_group_get_status (PbIntegrityGroup *self);

G_END_DECLS
