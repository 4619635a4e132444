/* pb-overview-page.h: where a process stands and its next step. */
#pragma once

#include "pb-page.h"

G_BEGIN_DECLS

#define PB_TYPE_OVERVIEW_PAGE (pb_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (PbOverviewPage, pb_overview_page, PB, OVERVIEW_PAGE, PbPage)

GtkWidget *pb_overview_page_new (void);

/* Moves the process to its next phase after the officer confirms (as the
 * next-step button does). */
void       pb_overview_page_next_step (PbOverviewPage *self);

G_END_DECLS
