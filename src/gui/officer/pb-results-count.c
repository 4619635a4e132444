/* pb-results-count.c: counting a stored process in a thread (see
 * pb-results-count.h). */

#include "pb-config.h"

#include <glib/gi18n.h>

#include "pb-results-count.h"
#include "pb-store-election.h"

struct _PbResultsElection {
  PbElection *election;
};

struct _PbResultsProgress {
  gint stage;   /* PbResultsStage, with g_atomic_int_get/set */
};

/* Counting threads still running, for pb_results_count_wait_all(). */
static GMutex running_lock;
static GCond  running_cond;
static guint  n_running;

/* ---- Shared election ---------------------------------------------------- */

static void
election_clear (gpointer data)
{
  PbResultsElection *self = data;

  g_clear_pointer (&self->election, pb_election_free);
}

static PbResultsElection *
pb_results_election_new (PbElection *election)
{
  PbResultsElection *self = g_atomic_rc_box_new0 (PbResultsElection);

  self->election = election;
  return self;
}

PbResultsElection *
pb_results_election_ref (PbResultsElection *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

void
pb_results_election_unref (PbResultsElection *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release_full (self, election_clear);
}

const PbElection *
pb_results_election_get (PbResultsElection *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->election;
}

/* ---- Progress ----------------------------------------------------------- */

PbResultsProgress *
pb_results_progress_new (void)
{
  return g_atomic_rc_box_new0 (PbResultsProgress);
}

PbResultsProgress *
pb_results_progress_ref (PbResultsProgress *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

void
pb_results_progress_unref (PbResultsProgress *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release (self);
}

PbResultsStage
pb_results_progress_get_stage (PbResultsProgress *self)
{
  g_return_val_if_fail (self != NULL, PB_RESULTS_STAGE_DONE);
  return (PbResultsStage) g_atomic_int_get (&self->stage);
}

static void
set_stage (PbResultsProgress *progress,
           PbResultsStage     stage)
{
  if (progress != NULL)
    g_atomic_int_set (&progress->stage, stage);
}

/* ---- Results ------------------------------------------------------------ */

void
pb_results_breakdown_free (PbResultsBreakdown *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->by_kiosk, g_hash_table_unref);
  g_free (self);
}

void
pb_results_count_free (PbResultsCount *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->election, pb_results_election_unref);
  g_clear_pointer (&self->outcome, pb_outcome_free);
  g_clear_pointer (&self->compare_outcome, pb_outcome_free);
  g_clear_error (&self->compare_error);
  g_clear_pointer (&self->breakdown, pb_results_breakdown_free);
  g_free (self);
}

/* ---- The thread --------------------------------------------------------- */

typedef struct {
  char               *path;
  gint64              process_id;
  PbResultsElection  *election;
  PbCountOptions      options;
  PbCountOptions      compare_options;
  PbResultsProgress  *progress;
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_clear_pointer (&job->election, pb_results_election_unref);
  g_clear_pointer (&job->progress, pb_results_progress_unref);
  g_free (job);
}

/* Reads the ballots and their breakdown on a connection of this thread. */
static gboolean
load (Job             *job,
      PbResultsCount  *count,
      GError         **error)
{
  g_autoptr(PbStore) store = pb_store_open (job->path, error);
  PbProcess *process;
  PbElection *election;

  if (store == NULL)
    return FALSE;
  process = pb_store_lookup_process (store, job->process_id);
  if (process == NULL)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND,
                   _("The process is no longer in the database."));
      return FALSE;
    }
  election = pb_store_load_election (store, process, error);
  if (election == NULL)
    return FALSE;
  count->election = pb_results_election_new (election);

  count->breakdown = g_new0 (PbResultsBreakdown, 1);
  count->breakdown->kiosk = pb_store_count_ballots (store, process, PB_BALLOT_METHOD_KIOSK);
  count->breakdown->paper = pb_store_count_ballots (store, process, PB_BALLOT_METHOD_PAPER);
  count->breakdown->import = pb_store_count_ballots (store, process, PB_BALLOT_METHOD_IMPORT);
  count->breakdown->total = pb_store_count_ballots (store, process, PB_BALLOT_METHOD_ANY);
  count->breakdown->by_kiosk = pb_store_count_ballots_by_kiosk (store, process);
  return TRUE;
}

static void
count_in_thread (GTask *task,
                 Job   *job)
{
  g_autoptr(PbResultsCount) count = g_new0 (PbResultsCount, 1);
  const PbElection *election;
  GError *error = NULL;

  set_stage (job->progress, job->election != NULL ? PB_RESULTS_STAGE_COUNTING : PB_RESULTS_STAGE_LOADING);
  if (job->election != NULL)
    count->election = pb_results_election_ref (job->election);
  else if (!load (job, count, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  election = pb_results_election_get (count->election);
  set_stage (job->progress, PB_RESULTS_STAGE_COUNTING);
  /* A cancelled count stops at once rather than running on unseen. */
  count->outcome = pb_count_cancellable (election, &job->options, g_task_get_cancellable (task), &error);
  if (count->outcome == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  /* A comparison that cannot apply is reported but does not spoil the
   * main result. */
  set_stage (job->progress, PB_RESULTS_STAGE_COMPARING);
  if (job->compare_options.rule != job->options.rule)
    count->compare_outcome = pb_count_cancellable (election, &job->compare_options, g_task_get_cancellable (task),
                                                   &count->compare_error);
  g_task_return_pointer (task, g_steal_pointer (&count), (GDestroyNotify) pb_results_count_free);
}

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;

  count_in_thread (task, job);
  /* Done, whichever way it ended: nothing more happens in this thread. */
  set_stage (job->progress, PB_RESULTS_STAGE_DONE);

  g_mutex_lock (&running_lock);
  n_running--;
  g_cond_broadcast (&running_cond);
  g_mutex_unlock (&running_lock);
}

void
pb_results_count_async (const char            *path,
                        gint64                 process_id,
                        PbResultsElection     *election,
                        const PbCountOptions  *options,
                        const PbCountOptions  *compare_options,
                        PbResultsProgress     *progress,
                        GCancellable          *cancellable,
                        GAsyncReadyCallback    callback,
                        gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (path != NULL);
  g_return_if_fail (options != NULL);
  g_return_if_fail (compare_options != NULL);

  job = g_new0 (Job, 1);
  job->path = g_strdup (path);
  job->process_id = process_id;
  job->election = election != NULL ? pb_results_election_ref (election) : NULL;
  job->options = *options;
  job->compare_options = *compare_options;
  job->progress = progress != NULL ? pb_results_progress_ref (progress) : NULL;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_results_count_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_set_return_on_cancel (task, TRUE);

  g_mutex_lock (&running_lock);
  n_running++;
  g_mutex_unlock (&running_lock);
  g_task_run_in_thread (task, count_thread);
}

void
pb_results_count_wait_all (void)
{
  g_mutex_lock (&running_lock);
  while (n_running > 0)
    g_cond_wait (&running_cond, &running_lock);
  g_mutex_unlock (&running_lock);
}

PbResultsCount *
pb_results_count_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pb_results_count_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
