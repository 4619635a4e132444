/* pb-window.h: the officer's main window. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PB_TYPE_WINDOW (pb_window_get_type ())

G_DECLARE_FINAL_TYPE (PbWindow, pb_window, PB, WINDOW, AdwApplicationWindow)

PbWindow *pb_window_new        (GtkApplication *application);
void      pb_window_add_toast  (PbWindow       *self,
                                AdwToast       *toast);

G_END_DECLS
