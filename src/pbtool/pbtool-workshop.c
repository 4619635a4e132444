/* pbtool-workshop.c: `pbtool workshop status|export --database DB
 * [--process ID] [-o FILE]`, reading the OPERA workshop of a process. */

#include "pb-config.h"

#include <stdio.h>
#include <string.h>

#include "pb-store.h"
#include "pb-workshop.h"
#include "pbtool.h"
#include "pbtool-process.h"

/* The process named by --process (id or name), or the only one holding a
 * workshop. */
static PbProcess *
find_process (PbStore    *store,
              const char *wanted)
{
  GListModel *processes = pb_store_list_processes (store);
  guint n = g_list_model_get_n_items (processes);
  g_autoptr(GPtrArray) with_workshop = g_ptr_array_new_with_free_func (g_object_unref);

  if (wanted != NULL)
    return pbtool_lookup_process (store, wanted);
  for (guint i = 0; i < n; i++)
    {
      PbProcess *process = g_list_model_get_item (processes, i);

      if (pb_store_get_workshop (store, process, NULL) != NULL)
        g_ptr_array_add (with_workshop, process);
      else
        g_object_unref (process);
    }
  if (with_workshop->len == 1)
    return with_workshop->pdata[0];
  if (with_workshop->len == 0)
    pbtool_print_error (_("No process in the database holds a workshop."));
  else
    {
      pbtool_print_error (_("%u processes hold a workshop; choose one with --process ID:"), with_workshop->len);
      for (guint i = 0; i < with_workshop->len; i++)
        {
          PbProcess *process = with_workshop->pdata[i];

          g_printerr ("  %" G_GINT64_FORMAT "  %s\n", pb_process_get_id (process), pb_process_get_name (process));
        }
    }
  return NULL;
}

static void
print_status (PbWorkshop *workshop,
              PbProcess  *process)
{
  PbWorkshopStage stage = pb_workshop_get_stage (workshop);
  GPtrArray *ideas = pb_workshop_get_ideas (workshop);
  g_autoptr(GPtrArray) tally = pb_workshop_dup_tally (workshop);
  gint64 remaining = pb_workshop_get_timer_remaining (workshop, g_get_real_time ());
  guint live = 0, picked = 0;

  for (guint i = 0; i < ideas->len; i++)
    {
      const PbWorkshopIdea *idea = ideas->pdata[i];

      if (idea->merged_into != 0)
        continue;
      live++;
      picked += idea->picked ? 1 : 0;
    }

  printf (_("Workshop of “%s”\n"), pb_process_get_name (process));
  printf (_("Stage: %s\n"), pb_workshop_stage_get_label (stage));
  /* Translators: the timer: "4:30 left (running)". */
  printf (_("Timer: %s%d:%02d %s (%s)\n"), remaining < 0 ? "-" : "",
          (int) (ABS (remaining) / 60), (int) (ABS (remaining) % 60), remaining < 0 ? _("over") : _("left"),
          pb_workshop_get_timer_running (workshop) ? _("running") : _("stopped"));
  printf (_("Participants: %u, in %u pairs\n"), pb_workshop_get_participants (workshop)->len,
          pb_workshop_get_n_pairs (workshop));
  printf (_("Criteria: %u\n"), pb_workshop_get_criteria (workshop)->len);
  printf (_("Ideas: %u, of which %u picked\n"), live, picked);
  printf (_("Groups: %u\n"), pb_workshop_get_groups (workshop)->len);
  printf (_("Projects promoted: %u\n"), pb_workshop_get_promotions (workshop)->len);
  if (tally->len > 0 && stage >= PB_WORKSHOP_STAGE_RANK)
    {
      printf (_("Tally:\n"));
      for (guint i = 0; i < tally->len; i++)
        {
          const PbWorkshopIdea *idea = tally->pdata[i];
          g_autofree char *line = g_strndup (idea->text, strcspn (idea->text, "\n"));

          printf ("  %3u  %s\n", idea->dots, line);
        }
    }
}

int
pbtool_cmd_workshop (int    argc,
                     char **argv)
{
  g_autofree char *database = NULL;
  g_autofree char *process_name = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database, N_("The Pb database"), N_("DB") },
    { "process", 'p', 0, G_OPTION_ARG_STRING, &process_name,
      N_("The process (id or name) when several hold a workshop"), N_("PROCESS") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the export to FILE instead of the standard output"),
      N_("FILE") },
    { NULL }
  };
  PbProcess *process;
  PbWorkshop *workshop;
  const char *command;

  context = g_option_context_new (_("status|export"));
  g_option_context_set_summary (context, _("Show the state of a process’s OPERA workshop (status), or write its "
                                           "whole record as JSON (export): questions, criteria, participants, "
                                           "ideas, pairs, dots, groups and the projects promoted."));
  g_option_context_add_main_entries (context, entries, PB_GETTEXT_PACKAGE);
  if (!pbtool_parse_options (context, &argc, &argv))
    return PBTOOL_EXIT_USAGE;
  if (database == NULL || argc != 2)
    {
      pbtool_print_error (_("Give the database with --database and one of status or export."));
      return PBTOOL_EXIT_USAGE;
    }
  command = argv[1];
  if (!g_str_equal (command, "status") && !g_str_equal (command, "export"))
    {
      pbtool_print_error (_("“%s” is not a workshop command: use status or export."), command);
      return PBTOOL_EXIT_USAGE;
    }

  store = pbtool_open_database (database);
  if (store == NULL)
    return PBTOOL_EXIT_FAILURE;
  process = find_process (store, process_name);
  if (process == NULL)
    return PBTOOL_EXIT_FAILURE;
  workshop = pb_store_get_workshop (store, process, &error);
  if (workshop == NULL)
    {
      if (error != NULL)
        pbtool_print_error ("%s", error->message);
      else
        pbtool_print_error (_("“%s” holds no workshop."), pb_process_get_name (process));
      return PBTOOL_EXIT_FAILURE;
    }

  if (g_str_equal (command, "status"))
    {
      print_status (workshop, process);
      return PBTOOL_EXIT_OK;
    }
  else
    {
      g_autofree char *json = pb_workshop_to_json (workshop, store);

      if (output == NULL)
        {
          fputs (json, stdout);
          fputc ('\n', stdout);
          return fflush (stdout) == 0 ? PBTOOL_EXIT_OK : PBTOOL_EXIT_FAILURE;
        }
      if (!g_file_set_contents (output, json, -1, &error))
        {
          pbtool_print_error (_("Could not write “%s”: %s"), output, error->message);
          return PBTOOL_EXIT_FAILURE;
        }
      return PBTOOL_EXIT_OK;
    }
}
