/* pb-paper-page.h: paper ballots entered twice, batch by batch. */
#pragma once

#include "pb-page.h"

G_BEGIN_DECLS

#define PB_TYPE_PAPER_PAGE (pb_paper_page_get_type ())
G_DECLARE_FINAL_TYPE (PbPaperPage, pb_paper_page, PB, PAPER_PAGE, PbPage)

GtkWidget    *pb_paper_page_new            (void);

/* For tests: the batch being typed, and typing without the mouse. */
PbPaperBatch *pb_paper_page_get_batch      (PbPaperPage  *self);
gboolean      pb_paper_page_add_batch      (PbPaperPage  *self,
                                            const char   *label,
                                            guint         ballot_count);
/* Ticks @project_id with @points (1 for approval) in the entry form. */
void          pb_paper_page_tick           (PbPaperPage  *self,
                                            gint64        project_id,
                                            guint         points);
void          pb_paper_page_set_entry      (PbPaperPage  *self,
                                            guint         entry,
                                            const char   *officer,
                                            guint         number);
gboolean      pb_paper_page_save_ballot    (PbPaperPage  *self);
guint         pb_paper_page_get_n_differences (PbPaperPage *self);
gboolean      pb_paper_page_commit         (PbPaperPage  *self);

G_END_DECLS
