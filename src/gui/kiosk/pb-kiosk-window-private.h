/* pb-kiosk-window-private.h: what the kiosk's UI tests look into. */
#pragma once

#include "pb-kiosk-window.h"

G_BEGIN_DECLS

/* Page names: "pin", "welcome", "code", "choose", "review", "thanks". */
GtkWidget   *pb_kiosk_window_get_page            (PbKioskWindow *self,
                                                  const char    *name);
const char  *pb_kiosk_window_get_page_name       (PbKioskWindow *self);
/* The idle countdown's text while it is shown, otherwise NULL. */
const char  *pb_kiosk_window_get_countdown_text  (PbKioskWindow *self);
gboolean     pb_kiosk_window_is_unlocked         (PbKioskWindow *self);
/* Tests shorten the idle timeout and countdown below what GSettings
 * allows (milliseconds; 0 goes back to the settings). */
void         pb_kiosk_window_set_idle_limits     (PbKioskWindow *self,
                                                  guint          timeout_ms,
                                                  guint          countdown_ms);

G_END_DECLS
