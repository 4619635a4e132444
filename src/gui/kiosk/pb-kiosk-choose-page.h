/* pb-kiosk-choose-page.h: the kiosk screen where a resident chooses.
 *
 * Shows the rules in plain words, a live budget bar (or points left), the
 * project cards (filtered by category and search when there are many), a
 * details view, and for ranking ballots the ranking with move buttons.
 * Emits "review" when the choices pass every rule, "cancel" when the
 * resident starts again.
 */
#pragma once

#include <gtk/gtk.h>

#include "pb-kiosk-session.h"

G_BEGIN_DECLS

#define PB_TYPE_KIOSK_CHOOSE_PAGE (pb_kiosk_choose_page_get_type ())
G_DECLARE_FINAL_TYPE (PbKioskChoosePage, pb_kiosk_choose_page, PB, KIOSK_CHOOSE_PAGE, GtkBox)

GtkWidget  *pb_kiosk_choose_page_new            (PbKioskSession    *session);
/* Back to the full list with no search, filter, details or message. */
void        pb_kiosk_choose_page_reset          (PbKioskChoosePage *self);
/* Shows a message that explains a refused choice. */
void        pb_kiosk_choose_page_show_message   (PbKioskChoosePage *self,
                                                 const char        *message);
/* The message shown, or NULL. */
const char *pb_kiosk_choose_page_get_message    (PbKioskChoosePage *self);
/* The card showing @project in the list, or NULL when it is filtered out
 * or not on screen (the grid makes cards only for what is shown). */
GtkWidget  *pb_kiosk_choose_page_get_card       (PbKioskChoosePage *self,
                                                 PbProject         *project);
/* Scrolls the list so that @project's card is made and shown; FALSE when
 * the project is filtered out. */
gboolean    pb_kiosk_choose_page_scroll_to      (PbKioskChoosePage *self,
                                                 PbProject         *project);
void        pb_kiosk_choose_page_set_search     (PbKioskChoosePage *self,
                                                 const char        *text);
/* Shows the category at @position in the drop-down (0: all of them). */
void        pb_kiosk_choose_page_set_category   (PbKioskChoosePage *self,
                                                 guint              position);
guint       pb_kiosk_choose_page_get_n_shown    (PbKioskChoosePage *self);
GtkWidget  *pb_kiosk_choose_page_get_ranking_list (PbKioskChoosePage *self);
const char *pb_kiosk_choose_page_get_budget_text (PbKioskChoosePage *self);
GtkWidget  *pb_kiosk_choose_page_get_review_button (PbKioskChoosePage *self);

G_END_DECLS
