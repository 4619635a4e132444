/* pb-kiosk-window.h: the full-screen voting kiosk residents use. */
#pragma once

#include <adwaita.h>

#include "pb-store.h"

G_BEGIN_DECLS

#define PB_TYPE_KIOSK_WINDOW (pb_kiosk_window_get_type ())
G_DECLARE_FINAL_TYPE (PbKioskWindow, pb_kiosk_window, PB, KIOSK_WINDOW, AdwApplicationWindow)

/* A kiosk for @process (in the voting phase) of @store.  The caller
 * presents it with gtk_window_present(); the window goes full screen, asks
 * for an officer PIN on first start and refuses to close until an officer
 * unlocks it with that PIN. */
PbKioskWindow *pb_kiosk_window_new (GtkApplication *application,
                                    PbStore        *store,
                                    PbProcess      *process);

G_END_DECLS
