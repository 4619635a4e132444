/* pbtool-merge.c: `pbtool merge --database MASTER.db [--trust] FILE…`,
 * adding kiosk bundles to the master database.  Each bundle is applied
 * whole or not at all; the exit status is 1 when any was refused. */

#include "pb-config.h"

#include <stdio.h>

#include "pb-merge.h"
#include "pbtool.h"

static void
print_conflicts (PbMergeReport *report)
{
  GListModel *conflicts = pb_merge_report_get_conflicts (report);

  for (guint i = 0; i < g_list_model_get_n_items (conflicts); i++)
    {
      g_autoptr(PbCodeConflict) conflict = g_list_model_get_item (conflicts, i);
      g_autofree char *text = pb_code_conflict_describe (conflict);

      g_printerr ("  %s\n", text);
    }
}

static gboolean
merge_one (PbStore      *store,
           const char   *path,
           PbMergeFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(PbBundle) bundle = NULL;
  g_autoptr(PbMergeReport) report = NULL;

  bundle = pb_bundle_new_from_file (file, NULL, &error);
  if (bundle == NULL)
    {
      pbtool_print_error ("%s: %s", path, error->message);
      return FALSE;
    }
  if (!pb_bundle_merge (bundle, store, flags, &report, &error))
    {
      pbtool_print_error ("%s: %s", path, error->message);
      if (g_error_matches (error, PB_BUNDLE_ERROR, PB_BUNDLE_ERROR_UNKNOWN_KIOSK))
        g_printerr (_("  The kiosk’s full id is %s. When it matches the kiosk, run again with --trust.\n"),
                    pb_bundle_get_kiosk_id (bundle));
      if (g_error_matches (error, PB_BUNDLE_ERROR, PB_BUNDLE_ERROR_CODE_CONFLICT))
        {
          print_conflicts (report);
          g_printerr (_("  To count these ballots anyway, run again with --accept-code-conflicts.\n"));
        }
      return FALSE;
    }
  /* Translators: "kiosk1.json: 12 ballots added to “Riverside Fund” from kiosk 3f2a9c01 (3 already present)." */
  printf (g_dngettext (PB_GETTEXT_PACKAGE, "%s: %u ballot added to “%s” from kiosk %.8s (%u already present).\n",
                       "%s: %u ballots added to “%s” from kiosk %.8s (%u already present).\n",
                       pb_merge_report_get_n_added (report)),
          path, pb_merge_report_get_n_added (report), pb_process_get_name (pb_merge_report_get_process (report)),
          pb_merge_report_get_kiosk_id (report), pb_merge_report_get_n_present (report));
  if (g_list_model_get_n_items (pb_merge_report_get_conflicts (report)) > 0)
    {
      printf (_("%s: voter codes counted by decision:\n"), path);
      print_conflicts (report);
    }
  return TRUE;
}

int
pbtool_cmd_merge (int    argc,
                  char **argv)
{
  g_autofree char *database = NULL;
  gboolean trust = FALSE;
  gboolean accept = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database, N_("The master Pb database"), N_("DB") },
    { "trust", 0, 0, G_OPTION_ARG_NONE, &trust,
      N_("Trust the kiosks of these bundles even if this database does not know them yet"), NULL },
    { "accept-code-conflicts", 0, 0, G_OPTION_ARG_NONE, &accept,
      N_("Count ballots whose voter codes were also used elsewhere, voided or unknown (an officer’s decision)"),
      NULL },
    { NULL }
  };
  PbMergeFlags flags = PB_MERGE_FLAGS_NONE;
  gboolean ok = TRUE;

  context = g_option_context_new (_("FILE…"));
  g_option_context_set_summary (context, _("Add kiosk bundles to the master database. Each bundle’s signature and "
                                           "process are checked and every ballot is validated; a bundle is added "
                                           "whole or not at all, and adding one twice adds nothing."));
  g_option_context_add_main_entries (context, entries, PB_GETTEXT_PACKAGE);
  if (!pbtool_parse_options (context, &argc, &argv))
    return PBTOOL_EXIT_USAGE;
  if (database == NULL || argc < 2)
    {
      pbtool_print_error (_("Give the master database with --database and at least one bundle."));
      return PBTOOL_EXIT_USAGE;
    }
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
  if (trust)
    flags |= PB_MERGE_TRUST_KIOSK;
  if (accept)
    flags |= PB_MERGE_ACCEPT_CODE_CONFLICTS;

  for (int i = 1; i < argc; i++)
    ok = merge_one (store, argv[i], flags) && ok;
  return ok ? PBTOOL_EXIT_OK : PBTOOL_EXIT_FAILURE;
}
