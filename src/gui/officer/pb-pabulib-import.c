/* pb-pabulib-import.c: Pabulib files into the store; parsing runs off the
 * main thread. */

#include "pb-config.h"

#include <glib/gi18n.h>

#include "pb-decimal.h"
#include "pb-pabulib.h"
#include "pb-pabulib-import.h"

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
