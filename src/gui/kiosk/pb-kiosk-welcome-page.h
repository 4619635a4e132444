/* pb-kiosk-welcome-page.h: the kiosk's first screen.
 *
 * The process name, one sentence on what to do, the language choice and a
 * larger-text switch.  Emits "start" (the resident begins),
 * "language-changed" (with the chosen code) and "leave" (an officer wants
 * to leave the kiosk).
 */
#pragma once

#include <gtk/gtk.h>

#include "pb-kiosk-session.h"

G_BEGIN_DECLS

#define PB_TYPE_KIOSK_WELCOME_PAGE (pb_kiosk_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (PbKioskWelcomePage, pb_kiosk_welcome_page, PB, KIOSK_WELCOME_PAGE, GtkBox)

GtkWidget  *pb_kiosk_welcome_page_new             (PbKioskSession     *session);
gboolean    pb_kiosk_welcome_page_get_large_text  (PbKioskWelcomePage *self);
void        pb_kiosk_welcome_page_set_large_text  (PbKioskWelcomePage *self,
                                                   gboolean            large_text);
GtkWidget  *pb_kiosk_welcome_page_get_start_button (PbKioskWelcomePage *self);

G_END_DECLS
