/* pb-results-chart.h: the results chart, drawn with cairo.
 *
 * One horizontal bar per project, longest first: the length is the number
 * of supporters, funded projects are solid bars with a check mark, projects
 * that were not funded are outlined bars, so the difference does not rest
 * on colour alone.  Above the bars a strip shows the share of the budget
 * that the funded projects use.
 *
 * The drawing is a plain function of a cairo context so that the officer's
 * Results page (a GtkDrawingArea) and the printable PDF report (a cairo PDF
 * surface) draw the very same chart.  Units are the context's: pixels on
 * screen, points in a PDF.  The signature of pb_results_chart_draw() is
 * stable: other code depends on it.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "pb-count.h"
#include "pb-election.h"

G_BEGIN_DECLS

/* Draws the chart of @outcome (a count of @election) into the rectangle
 * (0, 0, @width, @height) of @cr.  @dark picks light text on a dark
 * background; the background itself is not painted.  The rows shrink to
 * fit @height (use pb_results_chart_get_natural_height() for room enough
 * for every label).  @cr's state is saved and restored. */
void    pb_results_chart_draw                (cairo_t           *cr,
                                              double             width,
                                              double             height,
                                              const PbElection  *election,
                                              const PbOutcome   *outcome,
                                              gboolean           dark);

/* The same, with the stronger colours and heavier outlines used when the
 * desktop asks for high contrast. */
void    pb_results_chart_draw_full           (cairo_t           *cr,
                                              double             width,
                                              double             height,
                                              const PbElection  *election,
                                              const PbOutcome   *outcome,
                                              gboolean           dark,
                                              gboolean           high_contrast);

/* The height at which every project gets a comfortable row. */
double  pb_results_chart_get_natural_height  (const PbElection  *election);

G_END_DECLS
