/* pbtool-phase.c: `pbtool phase --database DB PHASE`, moving a process to
 * another phase (draft, proposals, review, voting, closed, published). */

#include "pb-config.h"

#include <stdio.h>

#include "pb-store.h"
#include "pbtool.h"
#include "pbtool-process.h"

int
pbtool_cmd_phase (int    argc,
                  char **argv)
{
  g_autofree char *database = NULL;
  g_autofree char *process_name = NULL;
  g_autofree char *reason = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database, N_("The Pb database"), N_("DB") },
    { "process", 'p', 0, G_OPTION_ARG_STRING, &process_name,
      N_("The process (id or name) when the database holds several"), N_("PROCESS") },
    { "reason", 'r', 0, G_OPTION_ARG_STRING, &reason, N_("Why the phase changes (recorded)"), N_("TEXT") },
    { NULL }
  };
  PbProcess *process;
  PbPhase phase, from;

  context = g_option_context_new (_("PHASE"));
  g_option_context_set_summary (context, _("Move a process to a phase: draft, proposals, review, voting, closed or "
                                           "published. Phases only move forward, except that a closed vote can be "
                                           "re-opened (closed → voting) before publication."));
  g_option_context_add_main_entries (context, entries, PB_GETTEXT_PACKAGE);
  if (!pbtool_parse_options (context, &argc, &argv))
    return PBTOOL_EXIT_USAGE;
  if (database == NULL || argc != 2)
    {
      pbtool_print_error (_("Give the database with --database and one phase."));
      return PBTOOL_EXIT_USAGE;
    }
  if (!pb_phase_from_string (argv[1], &phase))
    {
      pbtool_print_error (_("“%s” is not a phase: use draft, proposals, review, voting, closed or published."),
                          argv[1]);
      return PBTOOL_EXIT_USAGE;
    }

  store = pbtool_open_database (database);
  if (store == NULL)
    return PBTOOL_EXIT_FAILURE;
  process = pbtool_find_process (store, process_name);
  if (process == NULL)
    return PBTOOL_EXIT_FAILURE;
  from = pb_process_get_phase (process);
  if (!pb_store_set_phase (store, process, phase, reason, &error))
    {
      pbtool_print_error ("%s", error->message);
      return PBTOOL_EXIT_FAILURE;
    }
  /* Translators: "“Riverside Fund”: Review → Voting". */
  printf (_("“%s”: %s → %s\n"), pb_process_get_name (process), pb_phase_get_label (from), pb_phase_get_label (phase));
  return PBTOOL_EXIT_OK;
}
