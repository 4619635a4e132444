/* pbtool-bundle.c: `pbtool bundle --database KIOSK.db -o FILE`, writing the
 * ballots this kiosk took for a process as a signed bundle for the master
 * database (see pb-bundle.h and docs/security.md). */

#include "pb-config.h"

#include <stdio.h>

#include "pb-bundle.h"
#include "pbtool.h"
#include "pbtool-process.h"

/* The process named by --process, or the only one this kiosk took ballots
 * for. */
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
  g_autofree char *basename = NULL;
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

  store = pbtool_open_database (database);
  if (store == NULL)
    return PBTOOL_EXIT_FAILURE;
  process = pbtool_find_process (store, process_name);
  if (process == NULL)
    return PBTOOL_EXIT_FAILURE;

  bundle = pb_bundle_new_from_store (store, process, &error);
  file = g_file_new_for_commandline_arg (output);
  if (bundle == NULL || !pb_bundle_save (bundle, file, NULL, &error))
    {
      pbtool_print_error ("%s", error->message);
      return PBTOOL_EXIT_FAILURE;
    }
  /* The kiosk's audit log records which bundle went out. */
  basename = g_file_get_basename (file);
  if (!pb_bundle_record_export (bundle, store, process, basename, &error))
    {
      /* Translators: %s is a file name, then the reason. */
      pbtool_print_error (_("The bundle “%s” was written, but it could not be recorded in the audit log: %s"),
                          basename, error->message);
      return PBTOOL_EXIT_FAILURE;
    }
  /* Translators: "Wrote 12 ballots of “Riverside Fund” from kiosk 3f2a9c01 to kiosk1.json." */
  printf (g_dngettext (PB_GETTEXT_PACKAGE, "Wrote %u ballot of “%s” from kiosk %.8s to %s.\n",
                       "Wrote %u ballots of “%s” from kiosk %.8s to %s.\n", pb_bundle_get_n_ballots (bundle)),
          pb_bundle_get_n_ballots (bundle), pb_process_get_name (process), pb_bundle_get_kiosk_id (bundle), output);
  return PBTOOL_EXIT_OK;
}
