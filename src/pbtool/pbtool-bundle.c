/* pbtool-bundle.c: `pbtool bundle --database KIOSK.db -o FILE`, writing the
 * ballots this kiosk took for a process as a signed bundle for the master
 * database (see pb-bundle.h and docs/security.md). */

#include "pb-config.h"

#include <stdio.h>

#include "pb-bundle.h"
#include "pbtool.h"

/* The process named by --process, or the only one this kiosk took ballots
 * for. */
static PbProcess *
find_process (PbStore    *store,
              const char *wanted)
{
  g_autoptr(GListModel) exportable = NULL;
  GListModel *processes = pb_store_list_processes (store);
  guint n;

  if (wanted != NULL)
    {
      guint64 id = 0;

      for (guint i = 0; i < g_list_model_get_n_items (processes); i++)
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

  exportable = pb_bundle_list_exportable (store);
  n = g_list_model_get_n_items (exportable);
  if (n == 1)
    {
      g_autoptr(PbProcess) process = g_list_model_get_item (exportable, 0);
      return process;
    }
  if (n == 0)
    pbtool_print_error (_("This kiosk has taken no ballots; choose the process with --process to write an empty "
                          "bundle."));
  else
    {
      pbtool_print_error (_("This kiosk has taken ballots for %u processes; choose one with --process ID:"), n);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PbProcess) process = g_list_model_get_item (exportable, i);

          g_printerr ("  %" G_GINT64_FORMAT "  %s\n", pb_process_get_id (process), pb_process_get_name (process));
        }
    }
  return NULL;
}

int
pbtool_cmd_bundle (int    argc,
                   char **argv)
{
  g_autofree char *database = NULL;
  g_autofree char *output = NULL;
  g_autofree char *process_name = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbBundle) bundle = NULL;
  g_autoptr(GFile) file = NULL;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database, N_("The kiosk’s Pb database"), N_("DB") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The bundle to write"), N_("FILE") },
    { "process", 'p', 0, G_OPTION_ARG_STRING, &process_name,
      N_("The process (id or name) when the kiosk took ballots for several"), N_("PROCESS") },
    { NULL }
  };
  PbProcess *process;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Write the ballots this kiosk took for a process, and the voter codes "
                                           "used on it, as a JSON bundle signed with the kiosk’s key, to be added "
                                           "to the master database with “pbtool merge”."));
  g_option_context_add_main_entries (context, entries, PB_GETTEXT_PACKAGE);
  if (!pbtool_parse_options (context, &argc, &argv))
    return PBTOOL_EXIT_USAGE;
  if (database == NULL || output == NULL || argc != 1)
    {
      pbtool_print_error (_("Give the kiosk’s database with --database and the bundle to write with -o."));
      return PBTOOL_EXIT_USAGE;
    }

  /* Only an existing database: opening a new path would create one. */
  if (!g_file_test (database, G_FILE_TEST_EXISTS))
    {
      pbtool_print_error (_("There is no database at “%s”."), database);
      return PBTOOL_EXIT_FAILURE;
    }
  store = pb_store_open (database, &error);
  if (store == NULL)
    {
      pbtool_print_error ("%s", error->message);
      return PBTOOL_EXIT_FAILURE;
    }
  process = find_process (store, process_name);
  if (process == NULL)
    return PBTOOL_EXIT_FAILURE;

  bundle = pb_bundle_new_from_store (store, process, &error);
  file = g_file_new_for_commandline_arg (output);
  if (bundle == NULL || !pb_bundle_save (bundle, file, NULL, &error))
    {
      pbtool_print_error ("%s", error->message);
      return PBTOOL_EXIT_FAILURE;
    }
  /* Translators: "Wrote 12 ballots of “Riverside Fund” from kiosk 3f2a9c01 to kiosk1.json." */
  printf (g_dngettext (PB_GETTEXT_PACKAGE, "Wrote %u ballot of “%s” from kiosk %.8s to %s.\n",
                       "Wrote %u ballots of “%s” from kiosk %.8s to %s.\n", pb_bundle_get_n_ballots (bundle)),
          pb_bundle_get_n_ballots (bundle), pb_process_get_name (process), pb_bundle_get_kiosk_id (bundle), output);
  return PBTOOL_EXIT_OK;
}
