/* pb-store-types.h: the enumerations of Pb's domain model.
 *
 * Phases of a process, ballot formats, project review states, how a ballot
 * was taken and the life of a voter code.  Each enumeration is a GEnum so
 * that GObject properties (and the GUI's bindings) can carry it, and each
 * has a stable machine name (stored in SQLite and used by pbtool) and a
 * translated label for people.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The life of a process.  It only moves forward, except that a closed vote
 * may be re-opened (closed → voting) until the results are published.  The
 * rules are frozen from voting on; a published process is read-only. */
typedef enum {
  PB_PHASE_DRAFT,
  PB_PHASE_PROPOSALS,
  PB_PHASE_REVIEW,
  PB_PHASE_VOTING,
  PB_PHASE_CLOSED,
  PB_PHASE_PUBLISHED,
} PbPhase;

#define PB_PHASE_LAST PB_PHASE_PUBLISHED

/* What a resident fills in on a ballot. */
typedef enum {
  PB_BALLOT_FORMAT_APPROVAL,    /* tick any number of projects (within min/max) */
  PB_BALLOT_FORMAT_KNAPSACK,    /* tick projects whose total cost fits the budget */
  PB_BALLOT_FORMAT_CUMULATIVE,  /* spread a number of points over projects */
  PB_BALLOT_FORMAT_RANKING,     /* rank projects, best first */
} PbBallotFormat;

/* The review state of a project.  Only feasible projects are on the ballot. */
typedef enum {
  PB_PROJECT_STATUS_PROPOSED,
  PB_PROJECT_STATUS_FEASIBLE,
  PB_PROJECT_STATUS_INFEASIBLE,
  PB_PROJECT_STATUS_WITHDRAWN,
} PbProjectStatus;

/* How a ballot reached the store. */
typedef enum {
  PB_BALLOT_METHOD_KIOSK,
  PB_BALLOT_METHOD_PAPER,
  PB_BALLOT_METHOD_IMPORT,
} PbBallotMethod;

/* Used by pb_store_count_ballots() to count every method at once. */
#define PB_BALLOT_METHOD_ANY ((PbBallotMethod) -1)

/* The life of a one-time voter code. */
typedef enum {
  PB_VOTER_CODE_STATE_ISSUED,
  PB_VOTER_CODE_STATE_USED,
  PB_VOTER_CODE_STATE_VOID,
} PbVoterCodeState;

#define PB_TYPE_PHASE              (pb_phase_get_type ())
#define PB_TYPE_BALLOT_FORMAT      (pb_ballot_format_get_type ())
#define PB_TYPE_PROJECT_STATUS     (pb_project_status_get_type ())
#define PB_TYPE_BALLOT_METHOD      (pb_ballot_method_get_type ())
#define PB_TYPE_VOTER_CODE_STATE   (pb_voter_code_state_get_type ())

GType        pb_phase_get_type              (void) G_GNUC_CONST;
GType        pb_ballot_format_get_type      (void) G_GNUC_CONST;
GType        pb_project_status_get_type     (void) G_GNUC_CONST;
GType        pb_ballot_method_get_type      (void) G_GNUC_CONST;
GType        pb_voter_code_state_get_type   (void) G_GNUC_CONST;

/* Stable machine names ("draft", "voting", "knapsack", "feasible", "kiosk",
 * "used"…), as stored in the database and accepted by pbtool.  The
 * *_from_string() functions return FALSE for an unknown name. */
const char  *pb_phase_to_string             (PbPhase           phase);
gboolean     pb_phase_from_string           (const char       *name,
                                             PbPhase          *out);
const char  *pb_ballot_format_to_string     (PbBallotFormat    format);
gboolean     pb_ballot_format_from_string   (const char       *name,
                                             PbBallotFormat   *out);
const char  *pb_project_status_to_string    (PbProjectStatus   status);
gboolean     pb_project_status_from_string  (const char       *name,
                                             PbProjectStatus  *out);
const char  *pb_ballot_method_to_string     (PbBallotMethod    method);
gboolean     pb_ballot_method_from_string   (const char       *name,
                                             PbBallotMethod   *out);
const char  *pb_voter_code_state_to_string  (PbVoterCodeState  state);
gboolean     pb_voter_code_state_from_string (const char      *name,
                                              PbVoterCodeState *out);

/* Translated labels for people ("Voting", "Knapsack", "Feasible"…). */
const char  *pb_phase_get_label             (PbPhase           phase);
const char  *pb_ballot_format_get_label     (PbBallotFormat    format);
const char  *pb_project_status_get_label    (PbProjectStatus   status);
const char  *pb_ballot_method_get_label     (PbBallotMethod    method);
const char  *pb_voter_code_state_get_label  (PbVoterCodeState  state);

/* Whether a process may move from @from to @to: any forward move, or
 * closed → voting (re-opening the vote before publication). */
gboolean     pb_phase_can_move              (PbPhase           from,
                                             PbPhase           to);

G_END_DECLS
