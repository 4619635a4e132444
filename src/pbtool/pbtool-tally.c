/* pbtool-tally.c: `pbtool tally`, counting a Pabulib file under one rule. */

#include "pb-config.h"

#include <stdio.h>

#include "pb-count.h"
#include "pb-export.h"
#include "pb-pabulib.h"
#include "pbtool.h"

int
pbtool_cmd_tally (int    argc,
                  char **argv)
{
  g_autofree char *rule_name = NULL;
  g_autofree char *tie_break_name = NULL;
  g_autofree char *format = NULL;
  g_autofree char *seed_text = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE.pb"));
  g_autoptr(PbElection) election = NULL;
  g_autoptr(PbOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  PbCountOptions options = { 0 };
  GOptionEntry entries[] = {
    { "rule", 'r', 0, G_OPTION_ARG_STRING, &rule_name,
      N_("The counting rule: greedy-cost, greedy-card, greedy-points, mes-cost, mes-card, mes-points, mes-cost-add1, mes-cost-add1-greedy, phragmen, utilitarian-max"), N_("RULE") },
    { "tie-break", 't', 0, G_OPTION_ARG_STRING, &tie_break_name,
      N_("How ties are broken: lexico (by project id) or default (lowest cost, most supporters, then a lot)"), N_("CHAIN") },
    { "seed", 's', 0, G_OPTION_ARG_STRING, &seed_text,
      N_("The seed of the lot (default: a new random seed, shown in the result)"), N_("NUMBER") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("Output format: text or json"), N_("FORMAT") },
    { NULL }
  };

  g_option_context_set_summary (context, _("Count the ballots of a Pabulib file under one rule."));
  g_option_context_add_main_entries (context, entries, PB_GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, PB_GETTEXT_PACKAGE);
  if (!pbtool_parse_options (context, &argc, &argv))
    return PBTOOL_EXIT_USAGE;

  if (argc != 2)
    {
      pbtool_print_error (_("Give exactly one Pabulib file."));
      return PBTOOL_EXIT_USAGE;
    }
  if (rule_name == NULL || !pb_rule_from_string (rule_name, &options.rule))
    {
      pbtool_print_error (_("Give a known rule with --rule (see --help)."));
      return PBTOOL_EXIT_USAGE;
    }
  options.tie_break = PB_TIE_BREAK_DEFAULT;
  if (tie_break_name != NULL && !pb_tie_break_from_string (tie_break_name, &options.tie_break))
    {
      pbtool_print_error (_("“%s” is not a tie-breaking chain (lexico or default)."), tie_break_name);
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
  else if (options.tie_break == PB_TIE_BREAK_DEFAULT)
    options.seed = pb_count_new_seed ();

  election = pb_pabulib_read_file (argv[1], &error);
  if (election == NULL)
    {
      pbtool_print_error ("%s: %s", argv[1], error->message);
      return PBTOOL_EXIT_FAILURE;
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
