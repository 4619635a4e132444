/* pb-ballot-rules.h: the one ballot validation function.
 *
 * Every path that stores a ballot (the kiosk, paper entry, import, merge)
 * checks it here against the process's rules, so a rule means the same
 * thing everywhere.  Each violation has its own error code, and its
 * translated message names the rule and the numbers ("You chose 6
 * projects; at most 5 are allowed").
 */
#pragma once

#include <glib.h>

#include "pb-ballot.h"
#include "pb-process.h"

G_BEGIN_DECLS

#define PB_BALLOT_ERROR (pb_ballot_error_quark ())

typedef enum {
  PB_BALLOT_ERROR_WRONG_FORMAT,          /* choices of another format than the process's */
  PB_BALLOT_ERROR_UNKNOWN_PROJECT,       /* a project id that is not in the process */
  PB_BALLOT_ERROR_PROJECT_NOT_ON_BALLOT, /* a project that is not feasible */
  PB_BALLOT_ERROR_REPEATED_PROJECT,      /* a project chosen or ranked twice */
  PB_BALLOT_ERROR_TOO_FEW_PROJECTS,      /* fewer than min-projects */
  PB_BALLOT_ERROR_TOO_MANY_PROJECTS,     /* more than max-projects */
  PB_BALLOT_ERROR_OVER_BUDGET,           /* total cost above the cost limit */
  PB_BALLOT_ERROR_TOO_LITTLE_SPENT,      /* total cost below min-spent-percent */
  PB_BALLOT_ERROR_CATEGORY_CAP,          /* a category's cap exceeded */
  PB_BALLOT_ERROR_POINTS_TOTAL,          /* more points than points-total */
  PB_BALLOT_ERROR_POINTS_PER_PROJECT,    /* more points on one project than allowed */
  PB_BALLOT_ERROR_ZERO_POINTS,           /* a cumulative entry with no points */
  PB_BALLOT_ERROR_RANKING_TOO_LONG,      /* more ranked projects than ranking-length */
  PB_BALLOT_ERROR_INCOMPATIBLE,          /* two projects of one incompatibility group */
} PbBallotError;

GQuark    pb_ballot_error_quark   (void);

/* Checks @choices against every rule of @process.  Returns TRUE when the
 * ballot may be stored; otherwise FALSE with @error set to the first
 * violation (checked in the order of PbBallotError). */
gboolean  pb_ballot_validate      (PbProcess              *process,
                                   const PbBallotChoices  *choices,
                                   GError                **error);

/* For the kiosk: would adding @project_id with @points (or raising it to
 * @points) break a rule that more choices cannot repair?  Checks only the
 * upper limits (unknown or infeasible project, repeats, too many projects,
 * cost limit, category caps, points, ranking length, incompatibility), not
 * the minimums a resident will meet later.  Returns TRUE when the addition
 * is fine; otherwise FALSE with @error describing why ("Adding “Skate
 * park” would bring your total to £52,000; the limit is £50,000"). */
gboolean  pb_ballot_check_add     (PbProcess              *process,
                                   const PbBallotChoices  *choices,
                                   gint64                  project_id,
                                   guint                   points,
                                   GError                **error);

/* The total cost of @choices (decimal string; unknown projects count 0). */
char     *pb_ballot_choices_dup_total_cost (PbProcess             *process,
                                            const PbBallotChoices *choices);

G_END_DECLS
