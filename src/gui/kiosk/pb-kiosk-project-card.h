/* pb-kiosk-project-card.h: one project on the kiosk's choose screen.
 *
 * Shows the title, cost, category and summary (and, in the detailed form,
 * the description and picture) with the control the ballot format needs:
 * a "Choose" toggle (approval, knapsack), a points stepper (cumulative) or
 * an "Add to my ranking" toggle (ranking).  It follows the session; a
 * choice the rules refuse is undone and reported with "refused".
 */
#pragma once

#include <gtk/gtk.h>

#include "pb-kiosk-session.h"

G_BEGIN_DECLS

#define PB_TYPE_KIOSK_PROJECT_CARD (pb_kiosk_project_card_get_type ())
G_DECLARE_FINAL_TYPE (PbKioskProjectCard, pb_kiosk_project_card, PB, KIOSK_PROJECT_CARD, GtkBox)

/* @project may be NULL for a card that a list view fills later. */
GtkWidget  *pb_kiosk_project_card_new                (PbKioskSession     *session,
                                                      PbProject          *project,
                                                      gboolean            detailed);
/* Shows another project (list views reuse their cards). */
void        pb_kiosk_project_card_set_project        (PbKioskProjectCard *self,
                                                      PbProject          *project);
PbProject  *pb_kiosk_project_card_get_project        (PbKioskProjectCard *self);
/* The toggle of approval, knapsack and ranking ballots. */
GtkWidget  *pb_kiosk_project_card_get_choose_button  (PbKioskProjectCard *self);
/* The points stepper's buttons (cumulative ballots). */
GtkWidget  *pb_kiosk_project_card_get_plus_button    (PbKioskProjectCard *self);
GtkWidget  *pb_kiosk_project_card_get_minus_button   (PbKioskProjectCard *self);

G_END_DECLS
