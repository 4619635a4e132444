/* pbtool-import.c: `pbtool import FILE.pb --database DB`, creating a
 * process from a Pabulib file with its projects and (unless
 * --without-ballots) its ballots. */

#include "pb-config.h"

#include <stdio.h>

#include "pb-pabulib.h"
#include "pb-store-election.h"
#include "pbtool.h"

int
pbtool_cmd_import (int    argc,
                   char **argv)
{
  g_autofree char *database = NULL;
  g_autofree char *name = NULL;
  gboolean without_ballots = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbElection) election = NULL;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database, N_("The Pb database (created when missing)"), N_("DB") },
    { "without-ballots", 0, 0, G_OPTION_ARG_NONE, &without_ballots,
      N_("Import the projects only; the process starts in the draft phase"), NULL },
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name, N_("Name of the new process (default: from the file)"),
      N_("NAME") },
    { NULL }
  };
  PbProcess *process;

  context = g_option_context_new (_("FILE.pb"));
  g_option_context_set_summary (context, _("Create a process from a Pabulib file: its budget and limits from META, "
                                           "its projects (titles from the name column, categories from category) "
                                           "and its ballots (method import). With ballots the process is closed; "
                                           "without, it starts as a draft."));
  g_option_context_add_main_entries (context, entries, PB_GETTEXT_PACKAGE);
  if (!pbtool_parse_options (context, &argc, &argv))
    return PBTOOL_EXIT_USAGE;
  if (database == NULL || argc != 2)
    {
      pbtool_print_error (_("Give one Pabulib file and the database with --database."));
      return PBTOOL_EXIT_USAGE;
    }

  /* Read the whole file before touching the database. */
  election = pb_pabulib_read_file (argv[1], &error);
  if (election == NULL)
    {
      pbtool_print_error ("%s: %s", argv[1], error->message);
      return PBTOOL_EXIT_FAILURE;
    }
  store = pb_store_open (database, &error);
  if (store == NULL)
    {
      pbtool_print_error ("%s", error->message);
      return PBTOOL_EXIT_FAILURE;
    }
  process = pb_store_import_election (store, election, name, !without_ballots, &error);
  if (process == NULL)
    {
      pbtool_print_error ("%s: %s", argv[1], error->message);
      return PBTOOL_EXIT_FAILURE;
    }
  printf (_("Imported “%s” (process %lld): %u projects, %u ballots, phase %s.\n"), pb_process_get_name (process),
          (long long) pb_process_get_id (process), g_list_model_get_n_items (pb_process_list_projects (process)),
          pb_process_get_ballot_count (process), pb_phase_get_label (pb_process_get_phase (process)));
  return PBTOOL_EXIT_OK;
}
