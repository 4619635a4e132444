/* pb-election.h: the in-memory input of a count (an instance and a profile).
 *
 * A PbElection is what the counting rules read: the budget, the projects
 * with their exact costs, and the ballots.  It is filled either by the
 * Pabulib reader (pb-pabulib.h) or from the SQLite store, and it is a plain
 * C structure rather than a GObject because a count walks it millions of
 * times: projects are a flat array, every ballot's choices sit in one shared
 * array, and all strings live in one string chunk owned by the election.
 *
 * Ownership: the election owns everything reachable from it.  Strings passed
 * to the setters are copied; the `const char *` fields stay valid until
 * pb_election_free().  The fields are public for reading; change them only
 * through the functions below so that the indexes stay consistent.
 *
 * Projects are numbered 0 … n_projects − 1 in the order they were added and
 * ballots refer to them by that index.  Ballots are numbered the same way.
 */
#pragma once

#include <glib.h>
#include <gmp.h>

G_BEGIN_DECLS

#define PB_ELECTION_ERROR (pb_election_error_quark ())

typedef enum {
  PB_ELECTION_ERROR_DUPLICATE_PROJECT,  /* two projects with the same id */
  PB_ELECTION_ERROR_UNKNOWN_PROJECT,    /* a ballot names a project index that does not exist */
  PB_ELECTION_ERROR_NEGATIVE_COST,      /* a project cost below zero */
  PB_ELECTION_ERROR_EMPTY_ID,           /* a project without an id */
} PbElectionError;

GQuark pb_election_error_quark (void);

/* How a ballot is filled in.  Approval and choose-1 ballots list projects;
 * cumulative and scoring ballots give each listed project points; ordinal
 * ballots list projects from the most to the least preferred. */
typedef enum {
  PB_VOTE_TYPE_APPROVAL,
  PB_VOTE_TYPE_CHOOSE_ONE,
  PB_VOTE_TYPE_CUMULATIVE,
  PB_VOTE_TYPE_ORDINAL,
  PB_VOTE_TYPE_SCORING,
} PbVoteType;

/* "approval", "choose-1", "cumulative", "ordinal", "scoring": the names used
 * by Pabulib's vote_type. */
const char *pb_vote_type_to_string   (PbVoteType   vote_type);
/* Case-insensitive; returns FALSE for an unknown name. */
gboolean    pb_vote_type_from_string (const char  *text,
                                      PbVoteType  *out);
/* Whether ballots of this type carry points (cumulative and scoring). */
gboolean    pb_vote_type_has_points  (PbVoteType   vote_type);

typedef struct {
  const char  *id;        /* project_id: an opaque string, the tie-breaking key */
  mpq_t        cost;      /* exact, never negative */
  const char  *name;      /* NULL when unknown */
  const char  *category;  /* NULL when unknown; Pabulib writes a comma list */
  const char **extra;     /* n_project_columns values, NULL where empty */
} PbElectionProject;

typedef struct {
  const char *voter_id;   /* unique per ballot in Pabulib; never NULL */
  guint32     first;      /* index of the first choice in choice_projects */
  guint32     n_choices;  /* distinct projects on the ballot */
} PbElectionBallot;

typedef struct {
  /* The instance. */
  mpq_t               budget;
  PbVoteType          vote_type;
  guint               n_meta;
  const char        **meta_keys;          /* file order; "budget" and "vote_type" included */
  const char        **meta_values;
  guint               n_projects;
  PbElectionProject  *projects;
  guint               n_project_columns;  /* extra PROJECTS columns beyond id, cost, name, category */
  const char        **project_columns;

  /* The profile. */
  guint               n_ballots;
  PbElectionBallot   *ballots;
  guint32            *choice_projects;    /* project indices, ballot after ballot */
  gint64             *choice_points;      /* aligned with choice_projects; NULL unless the type has points */
  guint               n_voter_columns;    /* extra VOTES columns beyond voter_id, vote, points */
  const char        **voter_columns;
  const char        **voter_extra;        /* n_ballots × n_voter_columns, row after row; NULL where empty */

  /*< private >*/
  GStringChunk       *strings;
  GHashTable         *project_index;      /* id → index + 1 */
  guint               projects_capacity;
  guint               ballots_capacity;
  gsize               n_choices;
  gsize               choices_capacity;
  guint32            *seen_stamp;         /* per project: the last ballot that listed it, + 1 */
} PbElection;

/* A new empty election: budget 0, no projects, no ballots. */
PbElection  *pb_election_new                 (PbVoteType          vote_type);
void         pb_election_free                (PbElection         *self);

void         pb_election_set_budget          (PbElection         *self,
                                              const mpq_t         budget);

/* Sets META @key to @value (replacing an earlier value, keeping its place).
 * "budget" and "vote_type" are kept in step with the fields by the Pabulib
 * writer, so setting them here is optional. */
void         pb_election_set_meta            (PbElection         *self,
                                              const char         *key,
                                              const char         *value);
/* The META value of @key, or NULL. */
const char  *pb_election_get_meta            (const PbElection   *self,
                                              const char         *key);

/* Declares an extra PROJECTS column and returns its index.  Declaring a
 * name twice returns the first index.  Must be called before the first
 * project is added. */
guint        pb_election_add_project_column  (PbElection         *self,
                                              const char         *name);

/* Adds a project and returns its index, or -1 with @error set when the id is
 * empty or taken or the cost is negative.  @name and @category may be NULL. */
int          pb_election_add_project         (PbElection         *self,
                                              const char         *id,
                                              const mpq_t         cost,
                                              const char         *name,
                                              const char         *category,
                                              GError            **error);
void         pb_election_set_project_extra   (PbElection         *self,
                                              guint               project,
                                              guint               column,
                                              const char         *value);
/* The index of the project with id @id, or -1. */
int          pb_election_lookup_project      (const PbElection   *self,
                                              const char         *id);

/* Declares an extra VOTES column and returns its index.  Must be called
 * before the first ballot is added. */
guint        pb_election_add_voter_column    (PbElection         *self,
                                              const char         *name);

/* Room for @n_ballots more ballots holding @n_choices more choices in all;
 * only an optimisation. */
void         pb_election_reserve             (PbElection         *self,
                                              guint               n_ballots,
                                              gsize               n_choices);

/* Adds a ballot and returns its index, or -1 with @error set when a project
 * index is out of range.  @points is read only for vote types with points
 * and may then be NULL (every listed project gets 0 points).  A project
 * listed twice is kept once, as Pabulib prescribes: at its first position,
 * and for points with the last value given. */
int          pb_election_add_ballot          (PbElection         *self,
                                              const char         *voter_id,
                                              const guint32      *projects,
                                              const gint64       *points,
                                              guint               n,
                                              GError            **error);
void         pb_election_set_voter_extra     (PbElection         *self,
                                              guint               ballot,
                                              guint               column,
                                              const char         *value);

/* The projects (and points, or NULL) of ballot @ballot. */
static inline const guint32 *
pb_election_ballot_projects (const PbElection *self,
                             guint             ballot)
{
  return self->choice_projects + self->ballots[ballot].first;
}

static inline const gint64 *
pb_election_ballot_points (const PbElection *self,
                           guint             ballot)
{
  return self->choice_points != NULL ? self->choice_points + self->ballots[ballot].first : NULL;
}

/* The value of extra voter column @column for @ballot, or NULL. */
static inline const char *
pb_election_voter_extra (const PbElection *self,
                         guint             ballot,
                         guint             column)
{
  return self->voter_extra[(gsize) ballot * self->n_voter_columns + column];
}

/* Sum of every project's cost, into @out (initialised). */
void         pb_election_total_cost          (const PbElection   *self,
                                              mpq_t               out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbElection, pb_election_free)

G_END_DECLS
