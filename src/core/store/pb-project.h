/* pb-project.h: a project residents can vote for.
 *
 * A project has a title, a one-line summary, a longer description, an exact
 * cost (a decimal string, never a float), an optional category, a review
 * status with its reason, incompatibility groups (two projects sharing a
 * group, e.g. the same site, cannot both be chosen on a ballot), and an
 * optional image file and location.
 *
 * Objects are owned by the store and kept up to date (properties notify).
 * They are read-only for callers: change them with pb_store_edit_project()
 * and pb_store_set_project_status().
 */
#pragma once

#include <glib-object.h>

#include "pb-store-types.h"

G_BEGIN_DECLS

#define PB_TYPE_PROJECT (pb_project_get_type ())
G_DECLARE_FINAL_TYPE (PbProject, pb_project, PB, PROJECT, GObject)

/* Properties (names as used by pb_store_add_project()/pb_store_edit_project()):
 *   "id"                      gint64, read-only
 *   "process-id"              gint64, read-only
 *   "code"                    string: short reference shown to people and used
 *                             as the Pabulib project_id ("P3", "L005"); unique
 *                             within the process; generated when not given
 *   "title", "summary", "description"   strings
 *   "cost"                    string, an exact decimal amount ("4500", "12.50")
 *   "category-id"             gint64, 0 for none
 *   "status"                  PbProjectStatus, read-only (pb_store_set_project_status())
 *   "status-reason"           string, read-only (idem)
 *   "incompatibility-groups"  GStrv: names of groups ("Old library site")
 *   "image-path"              string: a file path, "" for none
 *   "location"                string: free text or "lat,lon", "" for none
 *   "position"                guint: order in the project list
 */
gint64               pb_project_get_id                      (PbProject *self);
gint64               pb_project_get_process_id              (PbProject *self);
const char          *pb_project_get_code                    (PbProject *self);
const char          *pb_project_get_title                   (PbProject *self);
const char          *pb_project_get_summary                 (PbProject *self);
const char          *pb_project_get_description             (PbProject *self);
const char          *pb_project_get_cost                    (PbProject *self);
gint64               pb_project_get_category_id             (PbProject *self);
PbProjectStatus      pb_project_get_status                  (PbProject *self);
const char          *pb_project_get_status_reason           (PbProject *self);
const char * const  *pb_project_get_incompatibility_groups  (PbProject *self);
const char          *pb_project_get_image_path              (PbProject *self);
const char          *pb_project_get_location                (PbProject *self);
guint                pb_project_get_position                (PbProject *self);

/* Whether the project is on the ballot (its status is feasible). */
gboolean             pb_project_is_on_ballot                (PbProject *self);

/* Whether @self and @other share an incompatibility group. */
gboolean             pb_project_is_incompatible_with        (PbProject *self,
                                                             PbProject *other);

G_END_DECLS
