/* pb-workshop-page.h: the Workshop page: running an OPERA workshop (warm-up
 * key jar, criteria, Own, Pair, Explain, Rank, Arrange) for a process in
 * the proposals phase and promoting its ideas to projects. */
#pragma once

#include "pb-page.h"
#include "pb-workshop.h"

G_BEGIN_DECLS

#define PB_TYPE_WORKSHOP_PAGE (pb_workshop_page_get_type ())
G_DECLARE_FINAL_TYPE (PbWorkshopPage, pb_workshop_page, PB, WORKSHOP_PAGE, PbPage)

GtkWidget  *pb_workshop_page_new            (void);
/* The workshop shown, or NULL (transfer none). */
PbWorkshop *pb_workshop_page_get_workshop   (PbWorkshopPage *self);
/* The room view window while it is open, or NULL (transfer none). */
GtkWindow  *pb_workshop_page_get_room       (PbWorkshopPage *self);
/* The participants' screen of Own while it is open, or NULL (transfer none). */
GtkWindow  *pb_workshop_page_get_own_screen (PbWorkshopPage *self);
/* The participant whose turn it is in Own, and whose dots Rank places. */
gint64      pb_workshop_page_get_own_participant  (PbWorkshopPage *self);
void        pb_workshop_page_set_own_participant  (PbWorkshopPage *self,
                                                   gint64          participant_id);
gint64      pb_workshop_page_get_rank_participant (PbWorkshopPage *self);
void        pb_workshop_page_set_rank_participant (PbWorkshopPage *self,
                                                   gint64          participant_id);
/* Writes the record as JSON, or the summary as PDF, to @file (in the
 * background; a toast says when it is done or what went wrong). */
void        pb_workshop_page_export         (PbWorkshopPage *self,
                                             GFile          *file,
                                             gboolean        pdf);
/* The text of the timer label ("4:59"). */
const char *pb_workshop_page_get_timer_text (PbWorkshopPage *self);

G_END_DECLS
