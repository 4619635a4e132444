/* pb-results-count.h: counting a stored process in a thread, for the
 * Results page.
 *
 * pb_results_count_async() opens its own connection to the database in a
 * worker thread (a PbStore belongs to the thread that opened it), reads the
 * process's ballots into a PbElection, counts them under a rule and under
 * the rule they are compared with, and reads the ballots by method and by
 * kiosk, so that nothing slow runs on the main thread.  The election can be
 * handed to the next count to skip reading the ballots again.
 *
 * The counting engine cannot stop half-way: cancelling completes the
 * operation at once with G_IO_ERROR_CANCELLED, and whatever the thread
 * still computes is thrown away when it ends.
 *
 * No GTK here: only GIO and the core.
 */
#pragma once

#include <gio/gio.h>

#include "pb-count.h"
#include "pb-election.h"

G_BEGIN_DECLS

/* A read-only election shared by the page and the counting threads. */
typedef struct _PbResultsElection PbResultsElection;

PbResultsElection *pb_results_election_ref    (PbResultsElection *self);
void               pb_results_election_unref  (PbResultsElection *self);
const PbElection  *pb_results_election_get    (PbResultsElection *self);

/* What the thread is doing, for a progress label. */
typedef enum {
  PB_RESULTS_STAGE_LOADING,     /* reading the ballots */
  PB_RESULTS_STAGE_COUNTING,    /* counting under the page's rule */
  PB_RESULTS_STAGE_COMPARING,   /* counting under the compared rule */
  PB_RESULTS_STAGE_DONE,        /* the thread has finished, however it ended */
} PbResultsStage;

typedef struct _PbResultsProgress PbResultsProgress;

PbResultsProgress *pb_results_progress_new        (void);
PbResultsProgress *pb_results_progress_ref        (PbResultsProgress *self);
void               pb_results_progress_unref      (PbResultsProgress *self);
/* Safe from any thread. */
PbResultsStage     pb_results_progress_get_stage  (PbResultsProgress *self);

/* Ballots by method and by kiosk. */
typedef struct {
  guint       kiosk;
  guint       paper;
  guint       import;
  guint       total;
  GHashTable *by_kiosk;   /* kiosk id (char *) → count (GUINT_TO_POINTER) */
} PbResultsBreakdown;

void               pb_results_breakdown_free      (PbResultsBreakdown *self);

typedef struct {
  PbResultsElection  *election;
  PbOutcome          *outcome;
  /* NULL when the compared rule is the same rule (it is not counted
   * twice) or could not be applied (then compare_error says why). */
  PbOutcome          *compare_outcome;
  GError             *compare_error;
  /* NULL when the election was handed in rather than read. */
  PbResultsBreakdown *breakdown;
} PbResultsCount;

void               pb_results_count_free          (PbResultsCount *self);

/* Counts process @process_id of the database at @path under @options and
 * @compare_options.  @election (may be NULL) is a previous read of the
 * same ballots to count again; @progress (may be NULL) follows the stages. */
void               pb_results_count_async         (const char            *path,
                                                   gint64                 process_id,
                                                   PbResultsElection     *election,
                                                   const PbCountOptions  *options,
                                                   const PbCountOptions  *compare_options,
                                                   PbResultsProgress     *progress,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
/* The count, or NULL with @error: the store's or the engine's error for
 * the main rule, or G_IO_ERROR_CANCELLED. */
PbResultsCount    *pb_results_count_finish        (GAsyncResult          *result,
                                                   GError               **error);

/* Blocks until every counting thread has ended, cancelled ones included
 * (for tests, before they remove the database). */
void               pb_results_count_wait_all      (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbResultsCount, pb_results_count_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbResultsElection, pb_results_election_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbResultsProgress, pb_results_progress_unref)

G_END_DECLS
