/* pb-results-explain.h: why a project was or was not funded, in words.
 *
 * One plain sentence per project, built from the facts the counting
 * engine records (PbProjectOutcome), in the same language as the kiosk:
 * no "allocation", no "ρ".  Used by the Results page; GTK-free so that a
 * printed report or an export can say exactly the same.
 */
#pragma once

#include <glib.h>

#include "pb-count.h"
#include "pb-election.h"

G_BEGIN_DECLS

/* The sentence for project @index of @election in @outcome.  @currency
 * (ISO 4217 code or free unit, may be NULL) formats money.  Free with
 * g_free(). */
char  *pb_results_explain_project  (const PbElection  *election,
                                    const PbOutcome   *outcome,
                                    guint              index,
                                    const char        *currency);

/* Short words for the result column: "Funded" or "Not funded". */
const char *pb_results_fate_label  (const PbProjectOutcome *project);

G_END_DECLS
