/* pb-kiosk-thanks-page.h: "Thank you — your ballot is recorded", shown only
 * after the store has committed the ballot, with its receipt code.  Emits
 * "finished" after the configured seconds, on a tap anywhere or on
 * "Finish". */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PB_TYPE_KIOSK_THANKS_PAGE (pb_kiosk_thanks_page_get_type ())
G_DECLARE_FINAL_TYPE (PbKioskThanksPage, pb_kiosk_thanks_page, PB, KIOSK_THANKS_PAGE, GtkBox)

GtkWidget  *pb_kiosk_thanks_page_new          (void);
/* Shows @receipt and starts counting down @seconds. */
void        pb_kiosk_thanks_page_start        (PbKioskThanksPage *self,
                                               const char        *receipt,
                                               guint              seconds);
/* Stops the countdown and forgets the receipt. */
void        pb_kiosk_thanks_page_reset        (PbKioskThanksPage *self);
const char *pb_kiosk_thanks_page_get_receipt  (PbKioskThanksPage *self);
GtkWidget  *pb_kiosk_thanks_page_get_done_button (PbKioskThanksPage *self);

G_END_DECLS
