/* pbtool-phase.c: `pbtool phase --database DB PHASE`, moving a process to
 * another phase (draft, proposals, review, voting, closed, published). */

#include "pb-config.h"

#include <stdio.h>

#include "pb-store.h"
#include "pbtool.h"

/* The process named by --process, or the only one in the database. */
static PbProcess *
find_process (PbStore    *store,
              const char *wanted)
{
  GListModel *processes = pb_store_list_processes (store);
  guint n = g_list_model_get_n_items (processes);

  if (wanted != NULL)
    {
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
