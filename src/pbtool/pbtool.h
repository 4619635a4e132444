/* pbtool.h: shared declarations of the pbtool sub-commands.
 *
 * Every sub-command is a function that gets the arguments after its name
 * (argv[0] is "pbtool NAME") and returns the process exit code:
 * 0 success, 1 bad input or refused operation (message on stderr), 2 usage.
 */
#pragma once

#include <glib.h>
#include <glib/gi18n.h>

G_BEGIN_DECLS

#define PBTOOL_EXIT_OK      0
#define PBTOOL_EXIT_FAILURE 1
#define PBTOOL_EXIT_USAGE   2

typedef int (*PbtoolCommandFunc) (int argc, char **argv);

typedef struct {
  const char        *name;
  PbtoolCommandFunc  func;
  const char        *summary;   /* translatable, N_() */
} PbtoolCommand;

/* Parses @argv with @context; on a usage error prints it and returns FALSE. */
gboolean pbtool_parse_options (GOptionContext  *context,
                               int             *argc,
                               char          ***argv);

/* Prints "pbtool: MESSAGE" on stderr. */
void     pbtool_print_error   (const char *format,
                               ...) G_GNUC_PRINTF (1, 2);

#define PBTOOL_COMMAND(name, func, summary) int func (int argc, char **argv);
#include "pbtool-commands.def"
#undef PBTOOL_COMMAND

G_END_DECLS
