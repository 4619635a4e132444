/* pb-workshop-report.h: the printable summary of a workshop (A4 PDF):
 * criteria, ideas with their authors, pairs, picks and merges, the ranks
 * (dots), the groups and the projects that came out of it, with their
 * verdicts against the shared criteria when they were assessed in review. */
#pragma once

#include <gio/gio.h>

#include "pb-workshop.h"

G_BEGIN_DECLS

typedef struct _PbWorkshopReport PbWorkshopReport;

/* Takes a copy of everything the summary shows (on the main thread). */
PbWorkshopReport *pb_workshop_report_new        (PbWorkshop        *workshop,
                                                 PbStore           *store);
void              pb_workshop_report_free       (PbWorkshopReport  *report);
/* The summary as plain text, one paragraph a line (for tests). */
char             *pb_workshop_report_to_text    (PbWorkshopReport  *report);
/* Draws the PDF (any thread); @out_n_pages optional. */
GBytes           *pb_workshop_report_render_pdf (PbWorkshopReport  *report,
                                                 guint             *out_n_pages,
                                                 GError           **error);

/* Draws the PDF in a worker thread and writes it to @file atomically. */
void              pb_workshop_report_write_async  (PbWorkshop          *workshop,
                                                   PbStore             *store,
                                                   GFile               *file,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean          pb_workshop_report_write_finish (GAsyncResult        *result,
                                                   GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbWorkshopReport, pb_workshop_report_free)

G_END_DECLS
