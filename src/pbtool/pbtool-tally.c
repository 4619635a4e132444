/* pbtool-tally.c: `pbtool tally`, counting a Pabulib file or a stored
 * process under one rule. */

#include "pb-config.h"

#include <stdio.h>

#include "pb-count.h"
#include "pb-export.h"
#include "pb-pabulib.h"
#include "pb-store-count.h"
#include "pb-store-election.h"
#include "pbtool.h"
#include "pbtool-process.h"

int
pbtool_cmd_tally (int    argc,
                  char **argv)
{
  g_autofree char *rule_name = NULL;
  g_autofree char *tie_break_name = NULL;
  g_autofree char *format = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *database = NULL;
  g_autofree char *process_name = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (_("[FILE.pb]"));
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbElection) election = NULL;
  g_autoptr(PbOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  PbCountOptions options = { 0 };
  gboolean have_rule, have_tie_break;
  GOptionEntry entries[] = {
    { "rule", 'r', 0, G_OPTION_ARG_STRING, &rule_name,
      N_("The counting rule: greedy-cost, greedy-card, greedy-points, mes-cost, mes-card, mes-points, mes-cost-add1, mes-cost-add1-greedy, phragmen, utilitarian-max (default for a process: its own)"), N_("RULE") },
    { "tie-break", 't', 0, G_OPTION_ARG_STRING, &tie_break_name,
      N_("How ties are broken: lexico (by project id), default (lowest cost, most supporters, then a lot), cost-lot or votes-cost-lot (default for a process: its own)"), N_("CHAIN") },
    { "seed", 's', 0, G_OPTION_ARG_STRING, &seed_text,
      N_("For a file, the seed of the lot (default: a new random seed, shown in the result); a process always uses its recorded seed"), N_("NUMBER") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("Output format: text or json"), N_("FORMAT") },
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database,
      N_("Count a process of this Pb database instead of a file"), N_("DB") },
    { "process", 'p', 0, G_OPTION_ARG_STRING, &process_name,
      N_("The process (id or name) when the database holds several"), N_("PROCESS") },
    { NULL }
  };

  g_option_context_set_summary (context, _("Count the ballots of a Pabulib file, or of a process with --database, "
                                           "under one rule. With a process, a tie-breaking chain that ends in a lot "
                                           "uses the seed recorded for the process (one is recorded at the first "
                                           "count)."));
  g_option_context_add_main_entries (context, entries, PB_GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, PB_GETTEXT_PACKAGE);
  if (!pbtool_parse_options (context, &argc, &argv))
    return PBTOOL_EXIT_USAGE;

  if (database == NULL && argc != 2)
    {
      pbtool_print_error (_("Give exactly one Pabulib file, or a database with --database."));
      return PBTOOL_EXIT_USAGE;
    }
  if (database != NULL && argc != 1)
    {
      pbtool_print_error (_("Give either a Pabulib file or --database, not both."));
      return PBTOOL_EXIT_USAGE;
    }
  if (database == NULL && process_name != NULL)
    {
      pbtool_print_error (_("--process needs --database."));
      return PBTOOL_EXIT_USAGE;
    }
  if (database != NULL && seed_text != NULL)
    {
      pbtool_print_error (_("A process's lot always uses its recorded seed: --seed is only for files."));
      return PBTOOL_EXIT_USAGE;
    }
  have_rule = rule_name != NULL;
  if ((have_rule && !pb_rule_from_string (rule_name, &options.rule)) || (!have_rule && database == NULL))
    {
      pbtool_print_error (_("Give a known rule with --rule (see --help)."));
      return PBTOOL_EXIT_USAGE;
    }
  have_tie_break = tie_break_name != NULL;
  options.tie_break = PB_TIE_BREAK_DEFAULT;
  if (have_tie_break && !pb_tie_break_from_chain (tie_break_name, &options.tie_break))
    {
      pbtool_print_error (_("“%s” is not a tie-breaking chain (lexico, default, cost-lot or votes-cost-lot)."),
                          tie_break_name);
      return PBTOOL_EXIT_USAGE;
    }
  if (format != NULL && g_strcmp0 (format, "text") != 0 && g_strcmp0 (format, "json") != 0)
    {
      pbtool_print_error (_("“%s” is not an output format (text or json)."), format);
      return PBTOOL_EXIT_USAGE;
    }
  if (seed_text != NULL)
    {
      if (!g_ascii_string_to_unsigned (seed_text, 10, 0, G_MAXUINT64, &options.seed, &error))
        {
          pbtool_print_error (_("The seed must be a whole number: %s"), error->message);
          return PBTOOL_EXIT_USAGE;
        }
    }

  if (database != NULL)
    {
      PbProcess *process;

      store = pbtool_open_database (database);
      if (store == NULL)
        return PBTOOL_EXIT_FAILURE;
      process = pbtool_find_process (store, process_name);
      if (process == NULL)
        return PBTOOL_EXIT_FAILURE;
      /* What the process records, then what the options override; the
       * seed is always the process's own. */
      if (!pbtool_process_count_options (store, process, have_rule ? &options.rule : NULL,
                                         have_tie_break ? &options.tie_break : NULL, &options))
        return PBTOOL_EXIT_FAILURE;
      election = pb_store_load_election (store, process, &error);
      if (election == NULL)
        {
          pbtool_print_error ("%s", error->message);
          return PBTOOL_EXIT_FAILURE;
        }
    }
  else
    {
      if (seed_text == NULL && pb_tie_break_uses_lot (options.tie_break))
        options.seed = pb_count_new_seed ();
      election = pb_pabulib_read_file (argv[1], &error);
      if (election == NULL)
        {
          pbtool_print_error ("%s: %s", argv[1], error->message);
          return PBTOOL_EXIT_FAILURE;
        }
    }

  outcome = pb_count (election, &options, &error);
  if (outcome == NULL)
    {
      pbtool_print_error ("%s", error->message);
      return PBTOOL_EXIT_FAILURE;
    }

  if (g_strcmp0 (format, "json") == 0)
    {
      g_autoptr(JsonNode) node = pb_export_outcome_json (election, outcome);
      g_autofree char *text = pb_export_json_to_string (node, NULL);

      fputs (text, stdout);
    }
  else
    {
      g_autoptr(GString) text = pb_export_results_text (election, outcome);

      fputs (text->str, stdout);
    }
  return PBTOOL_EXIT_OK;
}
