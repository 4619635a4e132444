/* pb-officer-util.h: small helpers shared by the officer's pages: the
 * phase steps, the choices offered for counting rules and tie-breaking,
 * money in the process's currency, and marking a field as wrong. */
#pragma once

#include <gtk/gtk.h>

#include "pb-store.h"

G_BEGIN_DECLS

/* The phase that normally follows @phase, or @phase itself when published. */
PbPhase      pb_phase_get_next                  (PbPhase      phase);
/* The words on the button that moves a process on from @phase ("Open
 * Voting", "Close Voting", "Publish Results"), or NULL when published. */
const char  *pb_phase_get_next_step_label       (PbPhase      phase);
/* One sentence saying what happens in @phase and what the officer does. */
const char  *pb_phase_get_explanation           (PbPhase      phase);

/* The counting rules a process can use, as machine names ("greedy-cost"…)
 * and translated labels, in the same order; NULL-terminated. */
const char * const *pb_counting_rule_names      (void);
const char  *pb_counting_rule_get_label         (const char  *name);

/* Tie-breaking chains offered in Setup (machine strings such as
 * "cost,votes,lot") and their labels; NULL-terminated. */
const char * const *pb_tie_break_chains         (void);
const char  *pb_tie_break_chain_get_label       (const char  *chain);
/* The chain for the "default-tie-break" preference ("default", "lexico"). */
const char  *pb_tie_break_chain_for_preference  (const char  *nick);

/* "EUR", "GBP"… from the locale; "EUR" when the locale names none. */
const char  *pb_default_currency                (void);

/* @amount in @process's currency, locale-aware (pb_money_format()). */
char        *pb_process_format_money            (PbProcess   *process,
                                                 const char  *amount);

/* Adds @css (a static string) to the default display's style, once. */
void         pb_style_add_once                  (const char  *css);

/* Adds or removes the "error" style class. */
void         pb_widget_set_error                (GtkWidget   *widget,
                                                 gboolean     error);

G_END_DECLS
