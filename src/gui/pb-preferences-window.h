/* pb-preferences-window.h: the application's preferences. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PB_TYPE_PREFERENCES_WINDOW (pb_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (PbPreferencesWindow, pb_preferences_window, PB, PREFERENCES_WINDOW, AdwPreferencesWindow)

PbPreferencesWindow *pb_preferences_window_new (GSettings *settings);

G_END_DECLS
