/* pb-core.h: umbrella header of Pb's GTK-free core library.
 *
 * The core owns the participatory-budgeting domain: projects, ballots,
 * processes and their SQLite store, ballot validation, the counting rules
 * and the file formats.  Nothing here may include a GTK or libadwaita
 * header: the command-line tool and most tests link it without a display.
 */
#pragma once

#include <glib.h>

#include "pb-decimal.h"
