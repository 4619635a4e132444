/* pb-export.h: the JSON and CSV exports of a process and its results.
 *
 * The JSON export is described by docs/export-schema.json.  Keys come out
 * in a fixed order and numbers that must stay exact (money, ρ, seeds) are
 * strings, so the same data always gives the same bytes.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pb-count.h"
#include "pb-election.h"

G_BEGIN_DECLS

/* The object describing one count: rule, parameters, tie-breaking chain and
 * seed, selection in order, total cost, ties and the facts per project. */
JsonNode *pb_export_outcome_json   (const PbElection  *election,
                                    const PbOutcome   *outcome);

/* The whole export: {"process", "projects", "ballots", "results"}.
 * @process_name may be NULL (META "description" is used, then "").
 * @outcomes holds @n_outcomes counts to list under "results". */
JsonNode *pb_export_json           (const PbElection  *election,
                                    const char        *process_name,
                                    PbOutcome *const  *outcomes,
                                    guint              n_outcomes);

/* @node as pretty-printed text ending in a newline. */
char     *pb_export_json_to_string (JsonNode          *node,
                                    gsize             *length);

/* The results as CSV (RFC 4180: commas, quotes and line breaks quoted),
 * one row per project in selection order then id order. */
GString  *pb_export_results_csv    (const PbElection  *election,
                                    const PbOutcome   *outcome);

/* A readable table of the results, for terminals. */
GString  *pb_export_results_text   (const PbElection  *election,
                                    const PbOutcome   *outcome);

G_END_DECLS
