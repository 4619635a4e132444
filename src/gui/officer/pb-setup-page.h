/* pb-setup-page.h: the rules of a process (budget, ballot, counting). */
#pragma once

#include "pb-page.h"

G_BEGIN_DECLS

#define PB_TYPE_SETUP_PAGE (pb_setup_page_get_type ())
G_DECLARE_FINAL_TYPE (PbSetupPage, pb_setup_page, PB, SETUP_PAGE, PbPage)

GtkWidget *pb_setup_page_new        (void);
/* Whether the rules are shown as frozen (voting open or later). */
gboolean   pb_setup_page_get_frozen (PbSetupPage *self);

G_END_DECLS
