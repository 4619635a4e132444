/* pb-kiosk-session.h: one resident's unfinished ballot at the kiosk.
 *
 * The session holds the choices the resident is making, the voter code they
 * typed (if the process requires one), and turns the process's rules into
 * plain words.  Every page of the kiosk shares one session and listens to
 * its "changed" signal; the window resets it between residents.
 */
#pragma once

#include <glib-object.h>

#include "pb-store.h"

G_BEGIN_DECLS

#define PB_TYPE_KIOSK_SESSION (pb_kiosk_session_get_type ())
G_DECLARE_FINAL_TYPE (PbKioskSession, pb_kiosk_session, PB, KIOSK_SESSION, GObject)

PbKioskSession  *pb_kiosk_session_new                (PbStore        *store,
                                                      PbProcess      *process);

PbStore         *pb_kiosk_session_get_store          (PbKioskSession *self);
PbProcess       *pb_kiosk_session_get_process        (PbKioskSession *self);
PbBallotFormat   pb_kiosk_session_get_format         (PbKioskSession *self);
/* The choices so far (transfer none; do not change them directly). */
const PbBallotChoices *pb_kiosk_session_get_choices  (PbKioskSession *self);
gboolean         pb_kiosk_session_is_empty           (PbKioskSession *self);

/* The canonical voter code accepted for this resident, or NULL. */
const char      *pb_kiosk_session_get_voter_code     (PbKioskSession *self);
void             pb_kiosk_session_set_voter_code     (PbKioskSession *self,
                                                      const char     *code);

/* Gives @points to @project (1 for approval, knapsack and ranking; 0
 * removes it).  Raising is checked with pb_ballot_check_add(): when it
 * would break a rule, nothing changes and @error says which and why. */
gboolean         pb_kiosk_session_set_points         (PbKioskSession *self,
                                                      PbProject      *project,
                                                      guint           points,
                                                      GError        **error);
guint            pb_kiosk_session_get_points         (PbKioskSession *self,
                                                      PbProject      *project);
/* Ranking: moves @project one place up (@delta -1) or down (+1). */
gboolean         pb_kiosk_session_move               (PbKioskSession *self,
                                                      PbProject      *project,
                                                      int             delta);
/* Ranking: the 1-based place of @project, 0 when it is not ranked. */
guint            pb_kiosk_session_get_rank           (PbKioskSession *self,
                                                      PbProject      *project);

/* Whether the ballot may be cast now (every rule, minimums included). */
gboolean         pb_kiosk_session_validate           (PbKioskSession *self,
                                                      GError        **error);
/* Stores the ballot; returns only after the commit (see
 * pb_store_cast_ballot()).  On failure the choices are kept. */
PbBallot        *pb_kiosk_session_cast               (PbKioskSession *self,
                                                      GError        **error);
/* Forgets everything of this resident. */
void             pb_kiosk_session_reset              (PbKioskSession *self);

/* Money and rules in plain words. */
char            *pb_kiosk_session_format_money       (PbKioskSession *self,
                                                      const char     *amount);
char            *pb_kiosk_session_dup_cost_limit     (PbKioskSession *self);
char            *pb_kiosk_session_dup_total_cost     (PbKioskSession *self);
/* "£32,500 of £50,000 left", or NULL when there is no cost limit. */
char            *pb_kiosk_session_dup_budget_text    (PbKioskSession *self);
/* Share of the cost limit spent, 0 to 1 (0 when there is no limit). */
double           pb_kiosk_session_get_spent_fraction (PbKioskSession *self);
guint            pb_kiosk_session_get_points_left    (PbKioskSession *self);
/* The rules as sentences, one per line. */
char            *pb_kiosk_session_dup_rules_text     (PbKioskSession *self);
/* The cost of @project for people: "£4,500". */
char            *pb_kiosk_session_dup_project_cost   (PbKioskSession *self,
                                                      PbProject      *project);
/* The name of @project's category, or NULL. */
const char      *pb_kiosk_session_get_category_name  (PbKioskSession *self,
                                                      PbProject      *project);

G_END_DECLS
