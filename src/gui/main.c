/* main.c: the `pb` executable: sets up translations and runs PbApplication. */

#include "pb-config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "pb-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(PbApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (PB_GETTEXT_PACKAGE, g_getenv ("PB_LOCALEDIR") ? g_getenv ("PB_LOCALEDIR") : PB_LOCALEDIR);
  bind_textdomain_codeset (PB_GETTEXT_PACKAGE, "UTF-8");
  textdomain (PB_GETTEXT_PACKAGE);

  app = pb_application_new ();

  /* A kiosk or a screenshot run is its own process, never a remote
   * call into an officer's window that is already open. */
  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--kiosk") || g_str_has_prefix (argv[i], "--screenshot") || g_str_equal (argv[i], "-k"))
      g_application_set_flags (G_APPLICATION (app),
                               g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
