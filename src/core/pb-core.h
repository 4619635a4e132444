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
#include "pb-file.h"

/* Counting: elections, Pabulib files, the rules and the exports. */
#include "pb-election.h"
#include "pb-pabulib.h"
#include "pb-count.h"
#include "pb-export.h"

/* The store: processes, projects, ballots, voter codes, the audit log,
 * kiosk bundles and merging them. */
#include "pb-store.h"
#include "pb-store-election.h"
#include "pb-bundle.h"
#include "pb-merge.h"
