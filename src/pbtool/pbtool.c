/* pbtool.c: the command-line tool's entry point and sub-command dispatch.
 *
 * pbtool links only the GTK-free core: it runs on a server or in CI with no
 * display.  Each sub-command lives in its own pbtool-*.c file.
 */

#include "pb-config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "pb-core.h"
#include "pbtool.h"

static const PbtoolCommand commands[] = {
#define PBTOOL_COMMAND(name, func, summary) { name, func, summary },
#include "pbtool-commands.def"
#undef PBTOOL_COMMAND
};

gboolean
pbtool_parse_options (GOptionContext  *context,
                      int             *argc,
                      char          ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      pbtool_print_error ("%s", error->message);
      g_printerr (_("Run “%s --help” to see the options.\n"), (*argv)[0]);
      return FALSE;
    }
  return TRUE;
}

void
pbtool_print_error (const char *format,
                    ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("pbtool: %s\n", message);
}

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n", _("Usage: pbtool COMMAND [OPTION…]"));
  fprintf (out, "\n%s\n\n", _("Pb’s command-line tool for participatory budgeting: count, import, export and check processes."));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Options:"));
  fprintf (out, "  %-10s %s\n", "--help", _("Show this help"));
  fprintf (out, "  %-10s %s\n", "--version", _("Show the version"));
  fprintf (out, "\n%s\n", _("Run “pbtool COMMAND --help” for the options of a command."));
  fprintf (out, "%s\n", _("Exit status: 0 success, 1 bad input or refused operation, 2 usage error."));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *sub_name = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (PB_GETTEXT_PACKAGE, g_getenv ("PB_LOCALEDIR") ? g_getenv ("PB_LOCALEDIR") : PB_LOCALEDIR);
  bind_textdomain_codeset (PB_GETTEXT_PACKAGE, "UTF-8");
  textdomain (PB_GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return PBTOOL_EXIT_USAGE;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 || strcmp (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return PBTOOL_EXIT_OK;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("pbtool %s\n", PB_VERSION);
      return PBTOOL_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (strcmp (argv[1], commands[i].name) == 0)
        {
          sub_name = g_strdup_printf ("pbtool %s", commands[i].name);
          argv[1] = sub_name;
          return commands[i].func (argc - 1, argv + 1);
        }
    }

  pbtool_print_error (_("“%s” is not a command."), argv[1]);
  print_usage (stderr);
  return PBTOOL_EXIT_USAGE;
}
