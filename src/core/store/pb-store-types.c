/* pb-store-types.c: the domain enumerations, their names and labels. */

#include "pb-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pb-store-types.h"

G_DEFINE_ENUM_TYPE (PbPhase, pb_phase,
  G_DEFINE_ENUM_VALUE (PB_PHASE_DRAFT, "draft"),
  G_DEFINE_ENUM_VALUE (PB_PHASE_PROPOSALS, "proposals"),
  G_DEFINE_ENUM_VALUE (PB_PHASE_REVIEW, "review"),
  G_DEFINE_ENUM_VALUE (PB_PHASE_VOTING, "voting"),
  G_DEFINE_ENUM_VALUE (PB_PHASE_CLOSED, "closed"),
  G_DEFINE_ENUM_VALUE (PB_PHASE_PUBLISHED, "published"))

G_DEFINE_ENUM_TYPE (PbBallotFormat, pb_ballot_format,
  G_DEFINE_ENUM_VALUE (PB_BALLOT_FORMAT_APPROVAL, "approval"),
  G_DEFINE_ENUM_VALUE (PB_BALLOT_FORMAT_KNAPSACK, "knapsack"),
  G_DEFINE_ENUM_VALUE (PB_BALLOT_FORMAT_CUMULATIVE, "cumulative"),
  G_DEFINE_ENUM_VALUE (PB_BALLOT_FORMAT_RANKING, "ranking"))

G_DEFINE_ENUM_TYPE (PbProjectStatus, pb_project_status,
  G_DEFINE_ENUM_VALUE (PB_PROJECT_STATUS_PROPOSED, "proposed"),
  G_DEFINE_ENUM_VALUE (PB_PROJECT_STATUS_FEASIBLE, "feasible"),
  G_DEFINE_ENUM_VALUE (PB_PROJECT_STATUS_INFEASIBLE, "infeasible"),
  G_DEFINE_ENUM_VALUE (PB_PROJECT_STATUS_WITHDRAWN, "withdrawn"))

G_DEFINE_ENUM_TYPE (PbBallotMethod, pb_ballot_method,
  G_DEFINE_ENUM_VALUE (PB_BALLOT_METHOD_KIOSK, "kiosk"),
  G_DEFINE_ENUM_VALUE (PB_BALLOT_METHOD_PAPER, "paper"),
  G_DEFINE_ENUM_VALUE (PB_BALLOT_METHOD_IMPORT, "import"))

G_DEFINE_ENUM_TYPE (PbVoterCodeState, pb_voter_code_state,
  G_DEFINE_ENUM_VALUE (PB_VOTER_CODE_STATE_ISSUED, "issued"),
  G_DEFINE_ENUM_VALUE (PB_VOTER_CODE_STATE_USED, "used"),
  G_DEFINE_ENUM_VALUE (PB_VOTER_CODE_STATE_VOID, "void"))

/* The machine names are the GEnum nicks, so one table serves both. */
static const char *
enum_to_string (GType type,
                int   value)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *ev = g_enum_get_value (klass, value);
  const char *nick = ev != NULL ? ev->value_nick : "";

  g_type_class_unref (klass);
  return nick;
}

static gboolean
enum_from_string (GType       type,
                  const char *name,
                  int        *out)
{
  GEnumClass *klass;
  GEnumValue *ev;

  if (name == NULL)
    return FALSE;
  klass = g_type_class_ref (type);
  ev = g_enum_get_value_by_nick (klass, name);
  if (ev != NULL)
    *out = ev->value;
  g_type_class_unref (klass);
  return ev != NULL;
}

#define DEFINE_NAMES(Type, type, TYPE_MACRO)                          \
  const char *                                                        \
  type##_to_string (Type value)                                       \
  {                                                                   \
    return enum_to_string (TYPE_MACRO, value);                        \
  }                                                                   \
  gboolean                                                            \
  type##_from_string (const char *name,                               \
                      Type       *out)                                \
  {                                                                   \
    int value;                                                        \
    g_return_val_if_fail (out != NULL, FALSE);                        \
    if (!enum_from_string (TYPE_MACRO, name, &value))                 \
      return FALSE;                                                   \
    *out = (Type) value;                                              \
    return TRUE;                                                      \
  }

DEFINE_NAMES (PbPhase, pb_phase, PB_TYPE_PHASE)
DEFINE_NAMES (PbBallotFormat, pb_ballot_format, PB_TYPE_BALLOT_FORMAT)
DEFINE_NAMES (PbProjectStatus, pb_project_status, PB_TYPE_PROJECT_STATUS)
DEFINE_NAMES (PbBallotMethod, pb_ballot_method, PB_TYPE_BALLOT_METHOD)
DEFINE_NAMES (PbVoterCodeState, pb_voter_code_state, PB_TYPE_VOTER_CODE_STATE)

const char *
pb_phase_get_label (PbPhase phase)
{
  switch (phase)
    {
    case PB_PHASE_DRAFT: return C_("phase", "Draft");
    case PB_PHASE_PROPOSALS: return C_("phase", "Proposals");
    case PB_PHASE_REVIEW: return C_("phase", "Review");
    case PB_PHASE_VOTING: return C_("phase", "Voting");
    case PB_PHASE_CLOSED: return C_("phase", "Closed");
    case PB_PHASE_PUBLISHED: return C_("phase", "Published");
    default: return "";
    }
}

const char *
pb_ballot_format_get_label (PbBallotFormat format)
{
  switch (format)
    {
    case PB_BALLOT_FORMAT_APPROVAL: return C_("ballot format", "Approval");
    case PB_BALLOT_FORMAT_KNAPSACK: return C_("ballot format", "Knapsack");
    case PB_BALLOT_FORMAT_CUMULATIVE: return C_("ballot format", "Cumulative points");
    case PB_BALLOT_FORMAT_RANKING: return C_("ballot format", "Ranking");
    default: return "";
    }
}

const char *
pb_project_status_get_label (PbProjectStatus status)
{
  switch (status)
    {
    case PB_PROJECT_STATUS_PROPOSED: return C_("project status", "Proposed");
    case PB_PROJECT_STATUS_FEASIBLE: return C_("project status", "Feasible");
    case PB_PROJECT_STATUS_INFEASIBLE: return C_("project status", "Infeasible");
    case PB_PROJECT_STATUS_WITHDRAWN: return C_("project status", "Withdrawn");
    default: return "";
    }
}

const char *
pb_ballot_method_get_label (PbBallotMethod method)
{
  switch (method)
    {
    case PB_BALLOT_METHOD_KIOSK: return C_("ballot method", "Kiosk");
    case PB_BALLOT_METHOD_PAPER: return C_("ballot method", "Paper");
    case PB_BALLOT_METHOD_IMPORT: return C_("ballot method", "Import");
    default: return "";
    }
}

const char *
pb_voter_code_state_get_label (PbVoterCodeState state)
{
  switch (state)
    {
    case PB_VOTER_CODE_STATE_ISSUED: return C_("voter code", "Issued");
    case PB_VOTER_CODE_STATE_USED: return C_("voter code", "Used");
    case PB_VOTER_CODE_STATE_VOID: return C_("voter code", "Void");
    default: return "";
    }
}

gboolean
pb_phase_can_move (PbPhase from,
                   PbPhase to)
{
  if (from > PB_PHASE_LAST || to > PB_PHASE_LAST)
    return FALSE;
  return to > from || (from == PB_PHASE_CLOSED && to == PB_PHASE_VOTING);
}
