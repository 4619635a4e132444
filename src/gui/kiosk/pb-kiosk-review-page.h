/* pb-kiosk-review-page.h: the kiosk screen where a resident checks their
 * choices before casting.  Emits "change" (back to choosing, keeping the
 * choices) and "cast"; the window stores the ballot and, when the write
 * fails, calls pb_kiosk_review_page_show_error(). */
#pragma once

#include <gtk/gtk.h>

#include "pb-kiosk-session.h"

G_BEGIN_DECLS

#define PB_TYPE_KIOSK_REVIEW_PAGE (pb_kiosk_review_page_get_type ())
G_DECLARE_FINAL_TYPE (PbKioskReviewPage, pb_kiosk_review_page, PB, KIOSK_REVIEW_PAGE, GtkBox)

GtkWidget  *pb_kiosk_review_page_new         (PbKioskSession    *session);
/* Lists the session's current choices. */
void        pb_kiosk_review_page_update      (PbKioskReviewPage *self);
void        pb_kiosk_review_page_reset       (PbKioskReviewPage *self);
void        pb_kiosk_review_page_show_error  (PbKioskReviewPage *self,
                                              const char        *message);
const char *pb_kiosk_review_page_get_error   (PbKioskReviewPage *self);
guint       pb_kiosk_review_page_get_n_rows  (PbKioskReviewPage *self);
GtkWidget  *pb_kiosk_review_page_get_cast_button (PbKioskReviewPage *self);

G_END_DECLS
