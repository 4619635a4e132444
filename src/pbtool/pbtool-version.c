/* pbtool-version.c: `pbtool version`, the versions of Pb and what it links. */

#include "pb-config.h"

#include <glib/gi18n.h>
#include <gmp.h>
#include <json-glib/json-glib.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>

#include "pbtool.h"

int
pbtool_cmd_version (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);

  g_option_context_set_summary (context, _("Show the version of Pb and of the libraries it uses."));
  if (!pbtool_parse_options (context, &argc, &argv))
    return PBTOOL_EXIT_USAGE;

  printf ("pbtool %s\n", PB_VERSION);
  printf ("GLib %u.%u.%u\n", glib_major_version, glib_minor_version, glib_micro_version);
  printf ("json-glib %s\n", JSON_VERSION_S);
  printf ("SQLite %s\n", sqlite3_libversion ());
  printf ("libsodium %s\n", sodium_version_string ());
  printf ("GMP %s\n", gmp_version);
  return PBTOOL_EXIT_OK;
}
