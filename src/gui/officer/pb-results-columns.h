/* pb-results-columns.h: the columns of the Results page's tables.
 *
 * Both tables show PbResultsRow items through a GtkSortListModel driven by
 * the column headers: the results (project, cost, supporters, result and
 * why, funded projects first in the order the rule funded them) and the
 * comparison of two rules (project, cost, supporters, rule A, rule B and
 * the difference, projects only one rule funds first).  Numbers are
 * right-aligned; funded is said in words and in colour.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void  pb_results_columns_setup_table    (GtkColumnView *view,
                                         GListModel    *rows);
void  pb_results_columns_setup_compare  (GtkColumnView *view,
                                         GListModel    *rows);

G_END_DECLS
