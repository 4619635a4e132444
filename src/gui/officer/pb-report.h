/* pb-report.h: the printable results report, as an A4 PDF.
 *
 * The report is what an officer hands to councillors and residents: the
 * process (name, description, budget, phase), the counting rule with a
 * plain-words explanation, the tie-breaking chain and the lot's seed, the
 * results table (project, cost, supporters, funded, why), the chart,
 * ballots by method and by kiosk, and the verification status with the
 * head of the audit chain.
 *
 * A PbReport is gathered from a store and a count (pb_report_new()) and
 * rendered with cairo's PDF surface and Pango (pb_report_render_pdf()),
 * over as many pages as it needs, each numbered "Page N of M".  Both run
 * in any thread, as long as the store was opened in that thread.
 */
#pragma once

#include <gio/gio.h>

#include "pb-count.h"
#include "pb-election.h"
#include "pb-store.h"

G_BEGIN_DECLS

typedef struct _PbReport PbReport;

/* Gathers what the report shows.  @election and @outcome (a count of
 * @election under @options, NULL when the rule could not be applied) are
 * borrowed and must outlive the report.  Runs pb_store_verify(). */
PbReport   *pb_report_new             (PbStore               *store,
                                       PbProcess             *process,
                                       const PbElection      *election,
                                       const PbOutcome       *outcome,
                                       const PbCountOptions  *options);
void        pb_report_free            (PbReport              *report);

/* The PDF document.  @out_n_pages (optional) receives its page count. */
GBytes     *pb_report_render_pdf      (PbReport              *report,
                                       guint                 *out_n_pages,
                                       GError               **error);

/* A plain-words explanation of @rule for residents (translated). */
const char *pb_report_explain_rule    (PbRule                 rule);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbReport, pb_report_free)

G_END_DECLS
