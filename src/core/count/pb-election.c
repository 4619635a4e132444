/* pb-election.c: building and freeing the in-memory input of a count. */

#include "pb-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pb-election.h"

G_DEFINE_QUARK (pb-election-error-quark, pb_election_error)

static const char *const vote_type_names[] = {
  [PB_VOTE_TYPE_APPROVAL] = "approval",
  [PB_VOTE_TYPE_CHOOSE_ONE] = "choose-1",
  [PB_VOTE_TYPE_CUMULATIVE] = "cumulative",
  [PB_VOTE_TYPE_ORDINAL] = "ordinal",
  [PB_VOTE_TYPE_SCORING] = "scoring",
};

const char *
pb_vote_type_to_string (PbVoteType vote_type)
{
  g_return_val_if_fail ((guint) vote_type < G_N_ELEMENTS (vote_type_names), NULL);
  return vote_type_names[vote_type];
}

gboolean
pb_vote_type_from_string (const char *text,
                          PbVoteType *out)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (vote_type_names); i++)
    {
      if (g_ascii_strcasecmp (text, vote_type_names[i]) == 0)
        {
          *out = (PbVoteType) i;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
pb_vote_type_has_points (PbVoteType vote_type)
{
  return vote_type == PB_VOTE_TYPE_CUMULATIVE || vote_type == PB_VOTE_TYPE_SCORING;
}

PbElection *
pb_election_new (PbVoteType vote_type)
{
  PbElection *self = g_new0 (PbElection, 1);

  mpq_init (self->budget);
  self->vote_type = vote_type;
  self->strings = g_string_chunk_new (64 * 1024);
  self->project_index = g_hash_table_new (g_str_hash, g_str_equal);
  return self;
}

void
pb_election_free (PbElection *self)
{
  if (self == NULL)
    return;

  mpq_clear (self->budget);
  for (guint i = 0; i < self->n_projects; i++)
    {
      mpq_clear (self->projects[i].cost);
      g_free (self->projects[i].extra);
    }
  g_free (self->projects);
  g_free (self->meta_keys);
  g_free (self->meta_values);
  g_free (self->project_columns);
  g_free (self->ballots);
  g_free (self->choice_projects);
  g_free (self->choice_points);
  g_free (self->voter_columns);
  g_free (self->voter_extra);
  g_free (self->seen_stamp);
  g_hash_table_unref (self->project_index);
  g_string_chunk_free (self->strings);
  g_free (self);
}

/* Strings are interned in the chunk: a profile repeats the same few values
 * (a district, a voting method) thousands of times. */
static const char *
intern (PbElection *self,
        const char *value)
{
  if (value == NULL)
    return NULL;
  return g_string_chunk_insert_const (self->strings, value);
}

void
pb_election_set_budget (PbElection  *self,
                        const mpq_t  budget)
{
  g_return_if_fail (self != NULL);
  mpq_set (self->budget, budget);
}

void
pb_election_set_meta (PbElection *self,
                      const char *key,
                      const char *value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL);

  for (guint i = 0; i < self->n_meta; i++)
    {
      if (strcmp (self->meta_keys[i], key) == 0)
        {
          self->meta_values[i] = intern (self, value != NULL ? value : "");
          return;
        }
    }
  self->meta_keys = g_renew (const char *, self->meta_keys, self->n_meta + 1);
  self->meta_values = g_renew (const char *, self->meta_values, self->n_meta + 1);
  self->meta_keys[self->n_meta] = intern (self, key);
  self->meta_values[self->n_meta] = intern (self, value != NULL ? value : "");
  self->n_meta++;
}

const char *
pb_election_get_meta (const PbElection *self,
                      const char       *key)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  for (guint i = 0; i < self->n_meta; i++)
    if (strcmp (self->meta_keys[i], key) == 0)
      return self->meta_values[i];
  return NULL;
}

guint
pb_election_add_project_column (PbElection *self,
                                const char *name)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (name != NULL, 0);
  g_return_val_if_fail (self->n_projects == 0, 0);

  for (guint i = 0; i < self->n_project_columns; i++)
    if (strcmp (self->project_columns[i], name) == 0)
      return i;
  self->project_columns = g_renew (const char *, self->project_columns, self->n_project_columns + 1);
  self->project_columns[self->n_project_columns] = intern (self, name);
  return self->n_project_columns++;
}

int
pb_election_add_project (PbElection   *self,
                         const char   *id,
                         const mpq_t   cost,
                         const char   *name,
                         const char   *category,
                         GError      **error)
{
  PbElectionProject *project;

  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (id != NULL, -1);

  if (*id == '\0')
    {
      g_set_error (error, PB_ELECTION_ERROR, PB_ELECTION_ERROR_EMPTY_ID,
                   _("A project has no id"));
      return -1;
    }
  if (g_hash_table_contains (self->project_index, id))
    {
      g_set_error (error, PB_ELECTION_ERROR, PB_ELECTION_ERROR_DUPLICATE_PROJECT,
                   _("Project “%s” is listed twice"), id);
      return -1;
    }
  if (mpq_sgn (cost) < 0)
    {
      g_set_error (error, PB_ELECTION_ERROR, PB_ELECTION_ERROR_NEGATIVE_COST,
                   _("Project “%s” has a negative cost"), id);
      return -1;
    }

  if (self->n_projects == self->projects_capacity)
    {
      self->projects_capacity = MAX (16, self->projects_capacity * 2);
      self->projects = g_renew (PbElectionProject, self->projects, self->projects_capacity);
    }
  project = &self->projects[self->n_projects];
  project->id = intern (self, id);
  mpq_init (project->cost);
  mpq_set (project->cost, cost);
  project->name = intern (self, name);
  project->category = intern (self, category);
  project->extra = self->n_project_columns > 0 ? g_new0 (const char *, self->n_project_columns) : NULL;
  g_hash_table_insert (self->project_index, (gpointer) project->id,
                       GUINT_TO_POINTER (self->n_projects + 1));

  /* The duplicate detector is sized by the number of projects. */
  g_clear_pointer (&self->seen_stamp, g_free);
  return (int) self->n_projects++;
}

void
pb_election_set_project_extra (PbElection *self,
                               guint       project,
                               guint       column,
                               const char *value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (project < self->n_projects);
  g_return_if_fail (column < self->n_project_columns);

  self->projects[project].extra[column] = intern (self, value);
}

int
pb_election_lookup_project (const PbElection *self,
                            const char       *id)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (id != NULL, -1);

  return GPOINTER_TO_INT (g_hash_table_lookup (self->project_index, id)) - 1;
}

guint
pb_election_add_voter_column (PbElection *self,
                              const char *name)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (name != NULL, 0);
  g_return_val_if_fail (self->n_ballots == 0, 0);

  for (guint i = 0; i < self->n_voter_columns; i++)
    if (strcmp (self->voter_columns[i], name) == 0)
      return i;
  self->voter_columns = g_renew (const char *, self->voter_columns, self->n_voter_columns + 1);
  self->voter_columns[self->n_voter_columns] = intern (self, name);
  return self->n_voter_columns++;
}

static void
grow_ballots (PbElection *self,
              guint       capacity)
{
  if (capacity <= self->ballots_capacity)
    return;
  self->ballots_capacity = capacity;
  self->ballots = g_renew (PbElectionBallot, self->ballots, capacity);
  if (self->n_voter_columns > 0)
    self->voter_extra = g_renew (const char *, self->voter_extra,
                                 (gsize) capacity * self->n_voter_columns);
}

static void
grow_choices (PbElection *self,
              gsize       capacity)
{
  if (capacity <= self->choices_capacity)
    return;
  self->choices_capacity = capacity;
  self->choice_projects = g_renew (guint32, self->choice_projects, capacity);
  if (pb_vote_type_has_points (self->vote_type))
    self->choice_points = g_renew (gint64, self->choice_points, capacity);
}

void
pb_election_reserve (PbElection *self,
                     guint       n_ballots,
                     gsize       n_choices)
{
  g_return_if_fail (self != NULL);

  grow_ballots (self, self->n_ballots + n_ballots);
  grow_choices (self, self->n_choices + n_choices);
}

int
pb_election_add_ballot (PbElection     *self,
                        const char     *voter_id,
                        const guint32  *projects,
                        const gint64   *points,
                        guint           n,
                        GError        **error)
{
  PbElectionBallot *ballot;
  guint32 stamp;
  guint32 kept = 0;

  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (voter_id != NULL, -1);
  g_return_val_if_fail (n == 0 || projects != NULL, -1);

  for (guint i = 0; i < n; i++)
    {
      if (projects[i] >= self->n_projects)
        {
          g_set_error (error, PB_ELECTION_ERROR, PB_ELECTION_ERROR_UNKNOWN_PROJECT,
                       _("Ballot “%s” names project number %u, but there are only %u projects"),
                       voter_id, projects[i] + 1, self->n_projects);
          return -1;
        }
    }

  if (self->n_ballots == self->ballots_capacity)
    grow_ballots (self, MAX (1024, self->ballots_capacity * 2));
  if (self->n_choices + n > self->choices_capacity)
    grow_choices (self, MAX (self->n_choices + n, MAX (4096, self->choices_capacity * 2)));
  if (self->seen_stamp == NULL)
    self->seen_stamp = g_new0 (guint32, 2 * (gsize) MAX (self->n_projects, 1));

  /* seen_stamp[2p] marks p as seen in this ballot, seen_stamp[2p + 1] keeps
   * where it was kept, so that a repeated project keeps its first position
   * but, for points, takes the last value. */
  stamp = self->n_ballots + 1;
  for (guint i = 0; i < n; i++)
    {
      guint32 p = projects[i];
      gint64 value = points != NULL ? points[i] : 0;

      if (self->seen_stamp[2 * p] == stamp)
        {
          if (self->choice_points != NULL)
            self->choice_points[self->n_choices + self->seen_stamp[2 * p + 1]] = value;
          continue;
        }
      self->seen_stamp[2 * p] = stamp;
      self->seen_stamp[2 * p + 1] = kept;
      self->choice_projects[self->n_choices + kept] = p;
      if (self->choice_points != NULL)
        self->choice_points[self->n_choices + kept] = value;
      kept++;
    }

  ballot = &self->ballots[self->n_ballots];
  /* Voter ids are unique, so interning them would only cost a hash. */
  ballot->voter_id = g_string_chunk_insert (self->strings, voter_id);
  ballot->first = (guint32) self->n_choices;
  ballot->n_choices = kept;
  self->n_choices += kept;
  if (self->n_voter_columns > 0)
    memset (&self->voter_extra[(gsize) self->n_ballots * self->n_voter_columns], 0,
            self->n_voter_columns * sizeof (const char *));
  return (int) self->n_ballots++;
}

void
pb_election_set_voter_extra (PbElection *self,
                             guint       ballot,
                             guint       column,
                             const char *value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (ballot < self->n_ballots);
  g_return_if_fail (column < self->n_voter_columns);

  self->voter_extra[(gsize) ballot * self->n_voter_columns + column] = intern (self, value);
}

void
pb_election_total_cost (const PbElection *self,
                        mpq_t             out)
{
  mpq_set_ui (out, 0, 1);
  for (guint i = 0; i < self->n_projects; i++)
    mpq_add (out, out, self->projects[i].cost);
}
