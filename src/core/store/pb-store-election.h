/* pb-store-election.h: from the store to the counting engine, and from a
 * Pabulib file to the store.
 *
 * pb_store_load_election() builds the counting engine's PbElection (see
 * count/pb-election.h) from a process's feasible projects and its ballots;
 * pb_store_import_election() creates a process from a PbElection read from
 * a Pabulib file.
 */
#pragma once

#include "pb-election.h"
#include "pb-store.h"

G_BEGIN_DECLS

/* A new election: budget, the projects on the ballot (id = the project's
 * code, name = its title, category = its category's name), META keys
 * (description, currency, vote_type, rule, limits) and every ballot
 * (voter_id = the ballot's UUID).  Approval and knapsack ballots become
 * approval votes, cumulative ones cumulative and rankings ordinal.
 * Fast: 100 000 ballots load in well under 200 ms. */
PbElection  *pb_store_load_election    (PbStore      *self,
                                        PbProcess    *process,
                                        GError      **error);

typedef enum {
  PB_STORE_LOAD_DEFAULT         = 0,
  /* Also fill the VOTES columns "method" (kiosk, paper, import), "kiosk"
   * (the hex id of the kiosk that took the ballot) and "cast_at" (UTC,
   * ISO 8601 with microseconds), as the JSON export wants them.  Slower:
   * only for exports. */
  PB_STORE_LOAD_BALLOT_DETAILS  = 1 << 0,
} PbStoreLoadFlags;

/* pb_store_load_election() with @flags. */
PbElection  *pb_store_load_election_full (PbStore           *self,
                                          PbProcess         *process,
                                          PbStoreLoadFlags   flags,
                                          GError           **error);

/* Creates a process named @name (NULL: the META "description", or else
 * "Imported process") from @election, with its categories and projects
 * (title from the name, else the id; all feasible) and, when
 * @with_ballots, its ballots (method import, in a closed process); without
 * ballots the process starts in draft.  The budget and ballot limits come
 * from META (min_length, max_length, max_sum_points, max_points…).  One
 * transaction: all or nothing.  Returns the process (transfer none). */
PbProcess   *pb_store_import_election  (PbStore           *self,
                                        const PbElection  *election,
                                        const char        *name,
                                        gboolean           with_ballots,
                                        GError           **error);

G_END_DECLS
