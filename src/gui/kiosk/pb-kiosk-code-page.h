/* pb-kiosk-code-page.h: the kiosk screen where a resident types their
 * voter code.  Input is tolerant (case, spaces and dashes do not matter);
 * unknown, void and used codes are refused with a plain message.  The
 * code is only checked here: it is consumed with the ballot.  Emits
 * "accepted" with the canonical code, and "back". */
#pragma once

#include <gtk/gtk.h>

#include "pb-kiosk-session.h"

G_BEGIN_DECLS

#define PB_TYPE_KIOSK_CODE_PAGE (pb_kiosk_code_page_get_type ())
G_DECLARE_FINAL_TYPE (PbKioskCodePage, pb_kiosk_code_page, PB, KIOSK_CODE_PAGE, GtkBox)

GtkWidget  *pb_kiosk_code_page_new          (PbKioskSession  *session);
void        pb_kiosk_code_page_reset        (PbKioskCodePage *self);
/* Shows why a code cannot be used (e.g. used on another kiosk meanwhile). */
void        pb_kiosk_code_page_show_error   (PbKioskCodePage *self,
                                             const char      *message);
const char *pb_kiosk_code_page_get_error    (PbKioskCodePage *self);
/* Types @text and presses Continue, as a resident would. */
void        pb_kiosk_code_page_submit       (PbKioskCodePage *self,
                                             const char      *text);
GtkWidget  *pb_kiosk_code_page_get_entry    (PbKioskCodePage *self);

/* The plain message for a voter-code error. */
char       *pb_kiosk_code_page_describe_error (const GError  *error);

G_END_DECLS
