/* pb-kiosk-pin-page.h: the officer's PIN screen.
 *
 * In set-up mode (the kiosk's first start) the officer chooses a PIN and
 * types it twice; in unlock mode they type it to leave the kiosk, with
 * the lockout of PbKioskPin after repeated wrong PINs.  Emits "done" when
 * the PIN was set or matched, "cancel" otherwise.
 */
#pragma once

#include <gtk/gtk.h>

#include "pb-kiosk-pin.h"

G_BEGIN_DECLS

typedef enum {
  PB_KIOSK_PIN_PAGE_SETUP,
  PB_KIOSK_PIN_PAGE_UNLOCK,
} PbKioskPinPageMode;

#define PB_TYPE_KIOSK_PIN_PAGE (pb_kiosk_pin_page_get_type ())
G_DECLARE_FINAL_TYPE (PbKioskPinPage, pb_kiosk_pin_page, PB, KIOSK_PIN_PAGE, GtkBox)

GtkWidget          *pb_kiosk_pin_page_new        (PbKioskPin         *pin);
/* Clears the entries and switches to @mode. */
void                pb_kiosk_pin_page_set_mode   (PbKioskPinPage     *self,
                                                  PbKioskPinPageMode  mode);
PbKioskPinPageMode  pb_kiosk_pin_page_get_mode   (PbKioskPinPage     *self);
/* Types @pin (and @confirm in set-up mode) and presses the main button. */
void                pb_kiosk_pin_page_submit     (PbKioskPinPage     *self,
                                                  const char         *pin,
                                                  const char         *confirm);
const char         *pb_kiosk_pin_page_get_error  (PbKioskPinPage     *self);
gboolean            pb_kiosk_pin_page_is_busy    (PbKioskPinPage     *self);
GtkWidget          *pb_kiosk_pin_page_get_pin_entry (PbKioskPinPage  *self);

G_END_DECLS
