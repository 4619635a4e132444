/* pb-codes-page.h: one-time voter codes: generate, print, void. */
#pragma once

#include "pb-page.h"

G_BEGIN_DECLS

#define PB_TYPE_CODES_PAGE (pb_codes_page_get_type ())
G_DECLARE_FINAL_TYPE (PbCodesPage, pb_codes_page, PB, CODES_PAGE, PbPage)

GtkWidget *pb_codes_page_new          (void);
/* Issues a batch of @n codes as the Generate button does. */
gboolean   pb_codes_page_generate     (PbCodesPage *self,
                                       guint        n);
/* How many batch rows the page shows. */
guint      pb_codes_page_get_n_batches (PbCodesPage *self);

G_END_DECLS
