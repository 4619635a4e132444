/* pb-kiosk-test-db.c: prepares a database for the kiosk's end-to-end tests.
 *
 *   pb-kiosk-test-db PATH [--demo | --format NAME --projects N] [--codes N] [--pin PIN]
 *
 * --demo seeds the demo process; otherwise a test process is created.
 * Voter codes issued with --codes are printed, one a line.
 */

#include <locale.h>

#include "kiosk-fixture.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GOptionContext) context = NULL;
  gboolean demo = FALSE;
  char *format_name = NULL;
  int n_projects = 12;
  int n_codes = 0;
  char *pin = NULL;
  PbProcess *process;
  PbBallotFormat format = PB_BALLOT_FORMAT_KNAPSACK;
  GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, "Seed the demo process", NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, "Ballot format", "NAME" },
    { "projects", 0, 0, G_OPTION_ARG_INT, &n_projects, "Number of projects", "N" },
    { "codes", 0, 0, G_OPTION_ARG_INT, &n_codes, "Require and issue N voter codes", "N" },
    { "pin", 0, 0, G_OPTION_ARG_STRING, &pin, "Set the kiosk PIN", "PIN" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  context = g_option_context_new ("PATH");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("%s\n", error ? error->message : "usage: pb-kiosk-test-db PATH [options]");
      return 2;
    }
  if (format_name != NULL && !pb_ballot_format_from_string (format_name, &format))
    {
      g_printerr ("unknown format %s\n", format_name);
      return 2;
    }

  store = pb_store_open (argv[1], &error);
  if (store == NULL)
    goto fail;
  if (demo)
    process = pb_store_seed_demo (store, &error);
  else
    process = kiosk_fixture_add_process (store, format, (guint) n_projects, n_codes > 0, &error);
  if (process == NULL)
    goto fail;
  if (demo && n_codes > 0)
    {
      g_printerr ("--codes needs a test process\n");
      return 2;
    }
  if (n_codes > 0)
    {
      g_autoptr(GListModel) codes = pb_store_issue_voter_codes (store, process, (guint) n_codes, NULL, &error);

      if (codes == NULL)
        goto fail;
      for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
        {
          g_autoptr(PbVoterCode) code = g_list_model_get_item (codes, i);

          g_print ("%s\n", pb_voter_code_get_code (code));
        }
    }
  if (pin != NULL && !kiosk_fixture_set_pin (store, pin, &error))
    goto fail;
  return 0;

fail:
  g_printerr ("pb-kiosk-test-db: %s\n", error->message);
  return 1;
}
