/* pb-pabulib-import.c: Pabulib files into the store; parsing, and opening
 * a file as a new process, run off the main thread. */

#include "pb-config.h"

#include <glib/gi18n.h>

#include "pb-decimal.h"
#include "pb-pabulib.h"
#include "pb-pabulib-import.h"
#include "pb-store-election.h"
#include "pb-store-worker.h"

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(PbElection) election = NULL;
  GError *error = NULL;

  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Only files on this computer can be opened"));
      return;
    }

  election = pb_pabulib_read_file (path, &error);
  if (election == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_pointer (task, g_steal_pointer (&election), (GDestroyNotify) pb_election_free);
}

void
pb_pabulib_read_async (GFile               *file,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_pabulib_read_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, read_thread);
}

PbElection *
pb_pabulib_read_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
pb_pabulib_dup_process_name (const PbElection *election,
                             const char       *fallback)
{
  const char *description = pb_election_get_meta (election, "description");
  const char *unit = pb_election_get_meta (election, "unit");
  const char *instance = pb_election_get_meta (election, "instance");

  if (description != NULL && description[0] != '\0')
    return g_strdup (description);
  if (unit != NULL && unit[0] != '\0')
    return instance != NULL ? g_strdup_printf ("%s %s", unit, instance) : g_strdup (unit);
  return g_strdup (fallback);
}

gboolean
pb_pabulib_add_projects (PbStore          *store,
                         PbProcess        *process,
                         const PbElection *election,
                         guint            *out_n_added,
                         GError          **error)
{
  g_autoptr(GHashTable) categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *existing = pb_process_list_categories (process);
  guint n_added = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (PB_IS_PROCESS (process), FALSE);

  for (guint i = 0; i < g_list_model_get_n_items (existing); i++)
    {
      g_autoptr(PbCategory) category = g_list_model_get_item (existing, i);
      g_hash_table_insert (categories, g_strdup (pb_category_get_name (category)), category);
    }

  for (guint i = 0; ok && i < election->n_projects; i++)
    {
      const PbElectionProject *p = &election->projects[i];
      g_autofree char *cost = pb_decimal_to_string (p->cost);
      gint64 category_id = 0;
      PbProject *project;

      if (p->category != NULL && p->category[0] != '\0')
        {
          g_auto(GStrv) names = g_strsplit (p->category, ",", 2);
          const char *first = g_strstrip (names[0]);
          PbCategory *category = g_hash_table_lookup (categories, first);

          if (category == NULL && first[0] != '\0')
            {
              category = pb_store_add_category (store, process, first, NULL, error);
              if (category == NULL)
                {
                  ok = FALSE;
                  break;
                }
              g_hash_table_insert (categories, g_strdup (first), category);
            }
          if (category != NULL)
            category_id = pb_category_get_id (category);
        }

      project = pb_store_add_project (store, process, error,
                                      "code", p->id,
                                      "title", p->name != NULL && p->name[0] != '\0' ? p->name : p->id,
                                      "cost", cost,
                                      "category-id", category_id,
                                      NULL);
      ok = project != NULL
           && pb_store_set_project_status (store, project, PB_PROJECT_STATUS_FEASIBLE, NULL, error);
      if (ok)
        n_added++;
    }

  if (out_n_added != NULL)
    *out_n_added = n_added;
  return ok;
}

/* ---- Opening a file as a new process ------------------------------------ */

typedef struct {
  char                    *db_path;
  GFile                   *file;
  PbPabulibImportProgress  progress;
  gpointer                 progress_data;
  GMainContext            *context;
  gboolean                 done;
  guint                    n_ballots;
} ImportData;

static void
import_data_free (gpointer data)
{
  ImportData *d = data;

  g_free (d->db_path);
  g_object_unref (d->file);
  g_main_context_unref (d->context);
  g_free (d);
}

typedef struct {
  GTask *task;
  char  *stage;
} StageCall;

static gboolean
stage_idle_cb (gpointer data)
{
  StageCall *call = data;
  ImportData *d = g_task_get_task_data (call->task);

  if (!d->done && d->progress != NULL)
    d->progress (call->stage, d->progress_data);
  return G_SOURCE_REMOVE;
}

static void
stage_call_free (gpointer data)
{
  StageCall *call = data;

  g_object_unref (call->task);
  g_free (call->stage);
  g_free (call);
}

static void
report_stage (GTask      *task,
              const char *stage)
{
  ImportData *d = g_task_get_task_data (task);
  StageCall *call = g_new0 (StageCall, 1);

  call->task = g_object_ref (task);
  call->stage = g_strdup (stage);
  g_main_context_invoke_full (d->context, G_PRIORITY_DEFAULT, stage_idle_cb, call, stage_call_free);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *d = task_data;
  g_autofree char *path = g_file_get_path (d->file);
  g_autofree char *basename = g_file_get_basename (d->file);
  g_autofree char *name = NULL;
  g_autofree char *stage = NULL;
  g_autoptr(PbElection) election = NULL;
  g_autoptr(PbStore) store = NULL;
  GError *error = NULL;
  PbProcess *process;

  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Only files on this computer can be opened"));
      return;
    }

  /* Translators: %s is a file name. */
  stage = g_strdup_printf (_("Reading “%s”…"), basename);
  report_stage (task, stage);
  election = pb_pabulib_read_file (path, &error);
  if (election == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  g_free (stage);
  /* Translators: %'u is a number of ballots. */
  stage = g_strdup_printf (ngettext ("Saving %'u ballot…", "Saving %'u ballots…", election->n_ballots),
                           election->n_ballots);
  report_stage (task, stage);

  /* The window's store belongs to the main thread: open our own. */
  if (!g_file_test (d->db_path, G_FILE_TEST_IS_REGULAR))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("The database “%s” is no longer there."), d->db_path);
      return;
    }
  store = pb_store_open (d->db_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  pb_store_set_cancellable (store, cancellable);
  name = pb_pabulib_dup_process_name (election, basename);
  process = pb_store_import_election (store, election, name, TRUE, &error);
  pb_store_set_cancellable (store, NULL);
  if (process == NULL)
    {
      /* An interrupted statement rolled the whole import back. */
      if (g_cancellable_is_cancelled (cancellable))
        {
          g_clear_error (&error);
          g_task_return_error_if_cancelled (task);
        }
      else
        g_task_return_error (task, error);
      return;
    }
  d->n_ballots = election->n_ballots;
  g_task_return_int (task, pb_process_get_id (process));
}

void
pb_pabulib_import_async (const char              *db_path,
                         GFile                   *file,
                         GCancellable            *cancellable,
                         PbPabulibImportProgress  progress,
                         gpointer                 progress_data,
                         GAsyncReadyCallback      callback,
                         gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportData *d;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (G_IS_FILE (file));

  d = g_new0 (ImportData, 1);
  d->db_path = g_strdup (db_path);
  d->file = g_object_ref (file);
  d->progress = progress;
  d->progress_data = progress_data;
  d->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_pabulib_import_async);
  g_task_set_task_data (task, d, import_data_free);
  g_task_run_in_thread (task, import_thread);
}

gint64
pb_pabulib_import_finish (GAsyncResult  *result,
                          guint         *out_n_ballots,
                          GError       **error)
{
  ImportData *d;
  gint64 id;

  g_return_val_if_fail (g_task_is_valid (result, NULL), 0);

  d = g_task_get_task_data (G_TASK (result));
  d->done = TRUE;
  id = g_task_propagate_int (G_TASK (result), error);
  if (id <= 0)
    return 0;
  if (out_n_ballots != NULL)
    *out_n_ballots = d->n_ballots;
  return id;
}
