/* pb-results-page.h: the Results page: count, explain, compare, publish. */
#pragma once

#include "pb-count.h"
#include "pb-election.h"
#include "pb-page.h"

G_BEGIN_DECLS

#define PB_TYPE_RESULTS_PAGE (pb_results_page_get_type ())
G_DECLARE_FINAL_TYPE (PbResultsPage, pb_results_page, PB, RESULTS_PAGE, PbPage)

GtkWidget        *pb_results_page_new                 (void);

/* The rule of the main count and the rule it is compared with.  Setting a
 * rule that does not fit the ballots is ignored.  Changing a rule after a
 * count counts again. */
PbRule            pb_results_page_get_rule            (PbResultsPage *self);
void              pb_results_page_set_rule            (PbResultsPage *self,
                                                       PbRule         rule);
PbRule            pb_results_page_get_compare_rule    (PbResultsPage *self);
void              pb_results_page_set_compare_rule    (PbResultsPage *self,
                                                       PbRule         rule);

/* Starts counting (as the Count button does).  The count runs in a
 * thread; "counting" is notified when it ends. */
void              pb_results_page_count               (PbResultsPage *self);
gboolean          pb_results_page_get_counting        (PbResultsPage *self);
void              pb_results_page_cancel              (PbResultsPage *self);

/* The last count shown, or NULL: the election counted, the outcome under
 * the page's rule and under the compared rule. */
const PbElection *pb_results_page_get_election        (PbResultsPage *self);
const PbOutcome  *pb_results_page_get_outcome         (PbResultsPage *self);
const PbOutcome  *pb_results_page_get_compare_outcome (PbResultsPage *self);

/* The rows of the results table and of the comparison, unsorted (items
 * are PbResultsRow, transfer none). */
GListModel       *pb_results_page_get_rows            (PbResultsPage *self);
GListModel       *pb_results_page_get_compare_rows    (PbResultsPage *self);

/* Shows "table", "chart", "compare" or "ballots". */
void              pb_results_page_set_view            (PbResultsPage *self,
                                                       const char    *view);

G_END_DECLS
