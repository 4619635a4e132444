/* pbtool-process.c: opening a database and choosing a process. */

#include "pb-config.h"

#include "pbtool.h"
#include "pb-store-count.h"
#include "pbtool-process.h"

PbStore *
pbtool_open_database (const char *path)
{
  g_autoptr(GError) error = NULL;
  PbStore *store;

  /* Only an existing database: opening a new path would create one. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      pbtool_print_error (_("There is no database at “%s”."), path);
      return NULL;
    }
  store = pb_store_open (path, &error);
  if (store == NULL)
    pbtool_print_error ("%s", error->message);
  return store;
}

PbProcess *
pbtool_lookup_process (PbStore    *store,
                       const char *wanted)
{
  GListModel *processes = pb_store_list_processes (store);
  guint n = g_list_model_get_n_items (processes);
  guint64 id = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbProcess) process = g_list_model_get_item (processes, i);

      if (g_strcmp0 (pb_process_get_name (process), wanted) == 0)
        return process;
    }
  if (g_ascii_string_to_unsigned (wanted, 10, 1, G_MAXINT64, &id, NULL)
      && pb_store_lookup_process (store, (gint64) id) != NULL)
    return pb_store_lookup_process (store, (gint64) id);
  pbtool_print_error (_("There is no process “%s” in the database."), wanted);
  return NULL;
}

PbProcess *
pbtool_find_process (PbStore    *store,
                     const char *wanted)
{
  GListModel *processes = pb_store_list_processes (store);
  guint n = g_list_model_get_n_items (processes);

  if (wanted != NULL)
    return pbtool_lookup_process (store, wanted);
  if (n == 1)
    {
      g_autoptr(PbProcess) process = g_list_model_get_item (processes, 0);

      return process;
    }
  if (n == 0)
    pbtool_print_error (_("The database holds no process."));
  else
    {
      pbtool_print_error (_("The database holds %u processes; choose one with --process ID:"), n);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PbProcess) process = g_list_model_get_item (processes, i);

          g_printerr ("  %" G_GINT64_FORMAT "  %s (%s)\n", pb_process_get_id (process), pb_process_get_name (process),
                      pb_phase_get_label (pb_process_get_phase (process)));
        }
    }
  return NULL;
}

gboolean
pbtool_process_count_options (PbStore          *store,
                              PbProcess        *process,
                              const PbRule     *rule,
                              const PbTieBreak *tie_break,
                              PbCountOptions   *options)
{
  g_autoptr(GError) error = NULL;
  PbCountOptions result = { 0 };

  /* @rule and @tie_break may point into @options: read them first. */
  if ((rule == NULL || tie_break == NULL)
      && !pb_store_get_count_options (store, process, &result, &error))
    {
      pbtool_print_error ("%s", error->message);
      return FALSE;
    }
  if (rule != NULL)
    result.rule = *rule;
  if (tie_break != NULL)
    result.tie_break = *tie_break;
  *options = result;
  if (pb_tie_break_uses_lot (options->tie_break)
      && !pb_store_ensure_lot_seed (store, process, &options->seed, &error))
    {
      pbtool_print_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}
