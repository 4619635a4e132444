/* pbtool-verify.c: `pbtool verify --database DB`, checking the audit chain
 * and every ballot against it. */

#include "pb-config.h"

#include <stdio.h>

#include "pb-store.h"
#include "pbtool.h"

int
pbtool_cmd_verify (int    argc,
                   char **argv)
{
  g_autofree char *database = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database, N_("The Pb database"), N_("DB") },
    { NULL }
  };
  guint64 n_entries = 0;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Recompute the audit log’s hash chain and the hash of every ballot, "
                                           "process, project and category. Exit status 0 when all match, 1 naming "
                                           "the first entry or ballot that does not."));
  g_option_context_add_main_entries (context, entries, PB_GETTEXT_PACKAGE);
  if (!pbtool_parse_options (context, &argc, &argv))
    return PBTOOL_EXIT_USAGE;
  if (database == NULL || argc != 1)
    {
      pbtool_print_error (_("Give the database with --database."));
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
  if (!pb_store_verify (store, &n_entries, &error))
    {
      pbtool_print_error (_("Verification failed: %s"), error->message);
      return PBTOOL_EXIT_FAILURE;
    }
  printf (g_dngettext (PB_GETTEXT_PACKAGE, "Intact: %llu audit entry and everything it records match.\n",
                       "Intact: %llu audit entries and everything they record match.\n", n_entries),
          (unsigned long long) n_entries);
  return PBTOOL_EXIT_OK;
}
