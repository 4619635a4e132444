/* pb-results-row.h: one project in the Results page's tables.
 *
 * An immutable item built from a count: the project's title, cost,
 * supporters, whether the rule funded it and why, and, for the comparison
 * of two rules, whether the other rule funded it.
 */
#pragma once

#include <glib-object.h>
#include <gmp.h>

G_BEGIN_DECLS

typedef enum {
  PB_RESULTS_DIFFERENCE_BOTH,      /* funded by both rules */
  PB_RESULTS_DIFFERENCE_ONLY_A,    /* funded only by the first rule */
  PB_RESULTS_DIFFERENCE_ONLY_B,    /* funded only by the second rule */
  PB_RESULTS_DIFFERENCE_NEITHER,
} PbResultsDifference;

#define PB_TYPE_RESULTS_ROW (pb_results_row_get_type ())
G_DECLARE_FINAL_TYPE (PbResultsRow, pb_results_row, PB, RESULTS_ROW, GObject)

/* @cost is copied; @cost_text is the money formatted for people. */
PbResultsRow        *pb_results_row_new             (guint         index,
                                                     const char   *title,
                                                     const mpq_t   cost,
                                                     const char   *cost_text,
                                                     guint         supporters,
                                                     gboolean      funded,
                                                     guint         position,
                                                     const char   *explanation);
/* Whether the other rule of a comparison funded the project. */
void                 pb_results_row_set_other       (PbResultsRow *self,
                                                     gboolean      funded);

/* The project's index in the counted election. */
guint                pb_results_row_get_index       (PbResultsRow *self);
const char          *pb_results_row_get_title       (PbResultsRow *self);
const char          *pb_results_row_get_cost_text   (PbResultsRow *self);
/* -1, 0, 1 as the costs compare. */
int                  pb_results_row_compare_cost    (PbResultsRow *a,
                                                     PbResultsRow *b);
guint                pb_results_row_get_supporters  (PbResultsRow *self);
gboolean             pb_results_row_get_funded      (PbResultsRow *self);
/* 1-based place in the order the rule funded projects; 0 if not funded. */
guint                pb_results_row_get_position    (PbResultsRow *self);
const char          *pb_results_row_get_explanation (PbResultsRow *self);
gboolean             pb_results_row_get_other_funded (PbResultsRow *self);
PbResultsDifference  pb_results_row_get_difference  (PbResultsRow *self);

G_END_DECLS
