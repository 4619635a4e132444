/* pb-ballot.h: what a resident chose (PbBallotChoices) and a stored ballot
 * (PbBallot).
 *
 * PbBallotChoices is a small reference-counted value: a list of project ids
 * with points.  For approval and knapsack ballots it is a set (points are
 * 1); for cumulative ballots each project carries its points; for ranking
 * ballots the order of the list is the ranking, best first.  The kiosk
 * builds one as the resident taps, paper entry and import build them from
 * their input, and every path hands it to pb_ballot_validate().
 *
 * A PbBallot is an immutable record read from the store: its UUID, the
 * kiosk that took it, the method, the cast time, the choices and the short
 * receipt code shown to the resident.
 */
#pragma once

#include <glib-object.h>

#include "pb-store-types.h"

G_BEGIN_DECLS

typedef struct _PbBallotChoices PbBallotChoices;

#define PB_TYPE_BALLOT_CHOICES (pb_ballot_choices_get_type ())
GType             pb_ballot_choices_get_type       (void) G_GNUC_CONST;

PbBallotChoices  *pb_ballot_choices_new            (PbBallotFormat          format);
PbBallotChoices  *pb_ballot_choices_ref            (PbBallotChoices        *self);
void              pb_ballot_choices_unref          (PbBallotChoices        *self);
PbBallotChoices  *pb_ballot_choices_copy           (const PbBallotChoices  *self);

PbBallotFormat    pb_ballot_choices_get_format     (const PbBallotChoices  *self);

/* Adds @project_id at the end with @points (use 1 except for cumulative
 * ballots).  Adding a project already present is kept as given, so that
 * validation can report the repeat; the kiosk should use _set_points(). */
void              pb_ballot_choices_add            (PbBallotChoices        *self,
                                                    gint64                  project_id,
                                                    guint                   points);
/* Sets the points of @project_id, adding it when absent; 0 removes it. */
void              pb_ballot_choices_set_points     (PbBallotChoices        *self,
                                                    gint64                  project_id,
                                                    guint                   points);
/* Removes every entry for @project_id; returns whether there was one. */
gboolean          pb_ballot_choices_remove         (PbBallotChoices        *self,
                                                    gint64                  project_id);
void              pb_ballot_choices_clear          (PbBallotChoices        *self);
gboolean          pb_ballot_choices_contains       (const PbBallotChoices  *self,
                                                    gint64                  project_id);
/* Points given to @project_id (0 when absent). */
guint             pb_ballot_choices_get_points_for (const PbBallotChoices  *self,
                                                    gint64                  project_id);
/* Moves @project_id to @rank (0-based) in a ranking. */
gboolean          pb_ballot_choices_move           (PbBallotChoices        *self,
                                                    gint64                  project_id,
                                                    guint                   rank);

guint             pb_ballot_choices_get_n_entries  (const PbBallotChoices  *self);
gint64            pb_ballot_choices_get_project    (const PbBallotChoices  *self,
                                                    guint                   index);
guint             pb_ballot_choices_get_points     (const PbBallotChoices  *self,
                                                    guint                   index);
/* Sum of the points of all entries. */
guint             pb_ballot_choices_get_total_points (const PbBallotChoices *self);

/* The canonical text stored in the database: "12,15,18" (approval and
 * knapsack, sorted), "12:3,15:2" (cumulative, sorted by id), "18,12,15"
 * (ranking, in order).  Two choices are equal when their texts are. */
char             *pb_ballot_choices_to_string      (const PbBallotChoices  *self);
/* Parses the text written by pb_ballot_choices_to_string(); NULL when it
 * is malformed. */
PbBallotChoices  *pb_ballot_choices_from_string    (PbBallotFormat          format,
                                                    const char             *text);
gboolean          pb_ballot_choices_equal          (const PbBallotChoices  *a,
                                                    const PbBallotChoices  *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbBallotChoices, pb_ballot_choices_unref)

#define PB_TYPE_BALLOT (pb_ballot_get_type ())
G_DECLARE_FINAL_TYPE (PbBallot, pb_ballot, PB, BALLOT, GObject)

/* Properties, all read-only: "uuid", "process-id" (gint64), "kiosk-id"
 * (hex of the taking kiosk's Ed25519 public key), "method"
 * (PbBallotMethod), "cast-time" (GDateTime), "choices" (PbBallotChoices),
 * "receipt" (short code such as "K7MX-Q4PR" to show the resident). */
const char       *pb_ballot_get_uuid               (PbBallot *self);
gint64            pb_ballot_get_process_id         (PbBallot *self);
const char       *pb_ballot_get_kiosk_id           (PbBallot *self);
PbBallotMethod    pb_ballot_get_method             (PbBallot *self);
GDateTime        *pb_ballot_get_cast_time          (PbBallot *self);
PbBallotChoices  *pb_ballot_get_choices            (PbBallot *self);
const char       *pb_ballot_get_receipt            (PbBallot *self);

G_END_DECLS
