/* pbtool-export.c: `pbtool export --database DB --format json|pb|csv`,
 * writing a process (and its results) to a file or standard output, and
 * recording the export in the audit log. */

#include "pb-config.h"

#include <errno.h>
#include <stdio.h>

#include "pb-store-count.h"
#include "pb-store-record.h"
#include "pbtool.h"
#include "pbtool-process.h"

int
pbtool_cmd_export (int    argc,
                   char **argv)
{
  g_autofree char *database = NULL;
  g_autofree char *process_name = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *rule_name = NULL;
  g_autofree char *tie_break_name = NULL;
  g_autofree char *output = NULL;
  g_autofree char *file_name = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  PbStoreExportFormat format;
  PbCountOptions options = { 0 };
  PbRule rule = 0;
  PbTieBreak tie_break = 0;
  PbProcess *process;
  gconstpointer data;
  gsize length;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database, N_("The Pb database"), N_("DB") },
    { "process", 'p', 0, G_OPTION_ARG_STRING, &process_name,
      N_("The process (id or name) when the database holds several"), N_("PROCESS") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("json (process, projects, ballots and results), pb (Pabulib) or csv (results)"), N_("FORMAT") },
    { "rule", 'r', 0, G_OPTION_ARG_STRING, &rule_name,
      N_("The counting rule of the results (default: the process's own)"), N_("RULE") },
    { "tie-break", 't', 0, G_OPTION_ARG_STRING, &tie_break_name,
      N_("The tie-breaking chain of the results (default: the process's own)"), N_("CHAIN") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of standard output"),
      N_("FILE") },
    { NULL }
  };

  g_option_context_set_summary (context, _("Export a process: json holds the process, its projects, its ballots "
                                           "(how, where and when each was cast, never a voter code) and the "
                                           "results; pb is the Pabulib file; csv the results. The export is "
                                           "recorded in the audit log with the hash of what was written."));
  g_option_context_add_main_entries (context, entries, PB_GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, PB_GETTEXT_PACKAGE);
  if (!pbtool_parse_options (context, &argc, &argv))
    return PBTOOL_EXIT_USAGE;
  if (database == NULL || format_name == NULL || argc != 1)
    {
      pbtool_print_error (_("Give the database with --database and the format with --format."));
      return PBTOOL_EXIT_USAGE;
    }
  if (!pb_store_export_format_from_string (format_name, &format))
    {
      pbtool_print_error (_("“%s” is not an export format (json, pb or csv)."), format_name);
      return PBTOOL_EXIT_USAGE;
    }
  if (rule_name != NULL && !pb_rule_from_string (rule_name, &rule))
    {
      pbtool_print_error (_("“%s” is not a counting rule (see pbtool tally --help)."), rule_name);
      return PBTOOL_EXIT_USAGE;
    }
  if (tie_break_name != NULL && !pb_tie_break_from_chain (tie_break_name, &tie_break))
    {
      pbtool_print_error (_("“%s” is not a tie-breaking chain (lexico, default, cost-lot or votes-cost-lot)."),
                          tie_break_name);
      return PBTOOL_EXIT_USAGE;
    }

  store = pbtool_open_database (database);
  if (store == NULL)
    return PBTOOL_EXIT_FAILURE;
  process = pbtool_find_process (store, process_name);
  if (process == NULL)
    return PBTOOL_EXIT_FAILURE;

  if (format != PB_STORE_EXPORT_PABULIB
      && !pbtool_process_count_options (store, process, rule_name ? &rule : NULL,
                                        tie_break_name ? &tie_break : NULL, &options))
    return PBTOOL_EXIT_FAILURE;

  bytes = pb_store_export_process (store, process, format, &options, &error);
  if (bytes == NULL)
    {
      pbtool_print_error ("%s", error->message);
      return PBTOOL_EXIT_FAILURE;
    }
  data = g_bytes_get_data (bytes, &length);
  if (output != NULL && g_strcmp0 (output, "-") != 0)
    {
      if (!g_file_set_contents (output, data, (gssize) length, &error))
        {
          pbtool_print_error ("%s", error->message);
          return PBTOOL_EXIT_FAILURE;
        }
      file_name = g_path_get_basename (output);
    }
  else
    {
      if (fwrite (data, 1, length, stdout) != length || fflush (stdout) != 0)
        {
          pbtool_print_error (_("Cannot write to standard output: %s"), g_strerror (errno));
          return PBTOOL_EXIT_FAILURE;
        }
      file_name = g_strdup ("(standard output)");
    }

  /* Recorded once written, so the log names only files that exist. */
  if (!pb_store_record_export (store, process, format == PB_STORE_EXPORT_PABULIB ? "pabulib" : pb_store_export_format_to_string (format),
                               file_name,
                               bytes, &error))
    {
      pbtool_print_error (_("The export was written but could not be recorded in the audit log: %s"),
                          error->message);
      return PBTOOL_EXIT_FAILURE;
    }
  return PBTOOL_EXIT_OK;
}
