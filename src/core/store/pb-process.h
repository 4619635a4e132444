/* pb-process.h: a participatory-budgeting process.
 *
 * A process is one round of PB: its name and description, currency and
 * total budget, its phase, the ballot format and allocation rules, the
 * counting rule and tie-breaking chain, and whether voter codes are
 * required.  It owns live lists of its categories and projects.
 *
 * PbProcess objects are owned by the store (one object per process for the
 * store's lifetime) and kept up to date: properties notify and the lists
 * emit items-changed after each committed store write.  They are read-only
 * for callers: change them with pb_store_edit_process(), pb_store_set_phase()
 * and the other pb_store_*() writes.
 */
#pragma once

#include <gio/gio.h>

#include "pb-category.h"
#include "pb-project.h"
#include "pb-store-types.h"

G_BEGIN_DECLS

#define PB_TYPE_PROCESS (pb_process_get_type ())
G_DECLARE_FINAL_TYPE (PbProcess, pb_process, PB, PROCESS, GObject)

/* Properties (names as used by pb_store_edit_process()):
 *   "id"                    gint64, read-only
 *   "name", "description"   strings
 *   "currency"              string: ISO 4217 code ("GBP") or a free unit
 *   "budget"                string: exact decimal amount ("50000")
 *   "phase"                 PbPhase, read-only (pb_store_set_phase())
 *   "ballot-format"         PbBallotFormat
 *   "min-projects"          guint: fewest projects on a ballot (0: no minimum)
 *   "max-projects"          guint: most projects on a ballot (0: no limit)
 *   "min-spent-percent"     guint 0–100: least share of the cost limit a
 *                           ballot must spend (knapsack; 0: none)
 *   "cost-limit"            string: the most a ballot may spend; "" means the
 *                           budget for knapsack ballots and no limit otherwise
 *   "points-total"          guint: points a cumulative ballot may give in all
 *   "points-per-project"    guint: most points for one project (0: no limit)
 *   "ranking-length"        guint: most projects in a ranking (0: no limit)
 *   "counting-rule"         string: "greedy-cost", "mes-cost-add1", …
 *   "tie-break"             string: the tie-breaking chain, e.g. "cost,votes,lot"
 *   "voter-codes-required"  gboolean
 *   "archived"              gboolean: hidden from the usual lists
 *   "created"               GDateTime, read-only
 *   "ballot-count"          guint, read-only: ballots stored
 *   "frozen"                gboolean, read-only: rules can no longer change
 *                           (phase voting or later)
 *   "read-only"             gboolean, read-only: published, nothing may change
 */
gint64          pb_process_get_id                    (PbProcess *self);
const char     *pb_process_get_name                  (PbProcess *self);
const char     *pb_process_get_description           (PbProcess *self);
const char     *pb_process_get_currency              (PbProcess *self);
const char     *pb_process_get_budget                (PbProcess *self);
PbPhase         pb_process_get_phase                 (PbProcess *self);
PbBallotFormat  pb_process_get_ballot_format         (PbProcess *self);
guint           pb_process_get_min_projects          (PbProcess *self);
guint           pb_process_get_max_projects          (PbProcess *self);
guint           pb_process_get_min_spent_percent     (PbProcess *self);
const char     *pb_process_get_cost_limit            (PbProcess *self);
guint           pb_process_get_points_total          (PbProcess *self);
guint           pb_process_get_points_per_project    (PbProcess *self);
guint           pb_process_get_ranking_length        (PbProcess *self);
const char     *pb_process_get_counting_rule         (PbProcess *self);
const char     *pb_process_get_tie_break             (PbProcess *self);
gboolean        pb_process_get_voter_codes_required  (PbProcess *self);
gboolean        pb_process_get_archived              (PbProcess *self);
GDateTime      *pb_process_get_created               (PbProcess *self);
guint           pb_process_get_ballot_count          (PbProcess *self);
gboolean        pb_process_is_frozen                 (PbProcess *self);
gboolean        pb_process_is_read_only              (PbProcess *self);

/* The effective most a ballot may spend, as a decimal string, or NULL when
 * the format puts no limit on cost.  Free with g_free(). */
char           *pb_process_dup_effective_cost_limit  (PbProcess *self);

/* Live list models (transfer none; they live as long as @self).
 * Projects are PbProject in their "position" order; categories are
 * PbCategory in creation order. */
GListModel     *pb_process_list_projects             (PbProcess *self);
GListModel     *pb_process_list_categories           (PbProcess *self);

/* Live list of the projects that are on the ballot (feasible), in order
 * (transfer none). */
GListModel     *pb_process_list_ballot_projects      (PbProcess *self);

/* Look-ups by id (transfer none); NULL when there is none. */
PbProject      *pb_process_lookup_project            (PbProcess  *self,
                                                      gint64      project_id);
PbProject      *pb_process_lookup_project_by_code    (PbProcess  *self,
                                                      const char *code);
PbCategory     *pb_process_lookup_category           (PbProcess  *self,
                                                      gint64      category_id);

/* One recorded phase change (see pb_store_list_phase_changes()). */
#define PB_TYPE_PHASE_CHANGE (pb_phase_change_get_type ())
G_DECLARE_FINAL_TYPE (PbPhaseChange, pb_phase_change, PB, PHASE_CHANGE, GObject)

/* Properties: "from" and "to" (PbPhase), "time" (GDateTime), "reason". */
PbPhase         pb_phase_change_get_from             (PbPhaseChange *self);
PbPhase         pb_phase_change_get_to               (PbPhaseChange *self);
GDateTime      *pb_phase_change_get_time             (PbPhaseChange *self);
const char     *pb_phase_change_get_reason           (PbPhaseChange *self);

G_END_DECLS
