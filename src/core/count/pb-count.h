/* pb-count.h: counting a participatory budget.
 *
 * pb_count() applies one counting rule to a PbElection and returns a
 * PbOutcome: the funded projects in the order the rule picked them, the
 * exact total cost, every tie the rule had to break, and for every project
 * the facts behind its fate (its rank and whether it fitted for greedy; for
 * the Method of Equal Shares what its supporters could still pay and which
 * project beat it).
 *
 * All amounts are exact GMP rationals: an official count never rounds.
 * The rules reproduce pabutools 1.2.3 with its default arguments (see
 * docs/counting-rules.md for the rules in plain words).
 */
#pragma once

#include <gio/gio.h>
#include <gmp.h>

#include "pb-election.h"

G_BEGIN_DECLS

#define PB_COUNT_ERROR (pb_count_error_quark ())

typedef enum {
  PB_COUNT_ERROR_NEEDS_POINTS,   /* a *-points rule on ballots without points */
  PB_COUNT_ERROR_TOO_LARGE,      /* the exact optimum is out of reach for this instance */
} PbCountError;

GQuark pb_count_error_quark (void);

typedef enum {
  PB_RULE_GREEDY_COST,          /* greedy by number of supporters */
  PB_RULE_GREEDY_CARD,          /* greedy by supporters per unit of cost */
  PB_RULE_GREEDY_POINTS,        /* greedy by points per unit of cost */
  PB_RULE_MES_COST,             /* equal shares, satisfaction = cost */
  PB_RULE_MES_CARD,             /* equal shares, satisfaction = 1 per project */
  PB_RULE_MES_POINTS,           /* equal shares, satisfaction = points */
  PB_RULE_MES_COST_ADD1,        /* equal shares (cost), budget raised by 1 until exhaustive */
  PB_RULE_MES_COST_ADD1_GREEDY, /* the above, completed by greedy-cost */
  PB_RULE_PHRAGMEN,             /* sequential Phragmén */
  PB_RULE_UTILITARIAN_MAX,      /* the affordable set with the most approvals */
} PbRule;

#define PB_N_RULES (PB_RULE_UTILITARIAN_MAX + 1)

/* "greedy-cost", "mes-cost-add1", … as used by `pbtool tally --rule`. */
const char *pb_rule_to_string    (PbRule       rule);
gboolean    pb_rule_from_string  (const char  *text,
                                  PbRule      *out);
/* A one-line translated description of @rule. */
const char *pb_rule_describe     (PbRule       rule);
/* Whether the rule records the order it picked projects in (all except
 * Phragmén, whose reference lists its selection sorted by id). */
gboolean    pb_rule_has_order    (PbRule       rule);

typedef enum {
  /* Compare project ids as byte strings: "104" before "7".  The reference
   * implementation's default. */
  PB_TIE_BREAK_LEXICO,
  /* The chain used in practice: lowest cost first, then most supporters,
   * then a lot drawn from the recorded seed. */
  PB_TIE_BREAK_DEFAULT,
  /* Lowest cost first, then the lot. */
  PB_TIE_BREAK_COST_LOT,
  /* Most supporters first, then lowest cost, then the lot. */
  PB_TIE_BREAK_VOTES_COST_LOT,
} PbTieBreak;

/* "lexico", "default", "cost-lot", "votes-cost-lot". */
const char *pb_tie_break_to_string   (PbTieBreak   tie_break);
gboolean    pb_tie_break_from_string (const char  *text,
                                      PbTieBreak  *out);
/* The chain as a process records it ("lexico", "cost,votes,lot",
 * "cost,lot", "votes,cost,lot"); from_chain also takes the names above. */
const char *pb_tie_break_to_chain    (PbTieBreak   tie_break);
gboolean    pb_tie_break_from_chain  (const char  *chain,
                                      PbTieBreak  *out);
/* Whether the chain ends in a lot, so that the seed matters. */
gboolean    pb_tie_break_uses_lot    (PbTieBreak   tie_break);

typedef struct {
  PbRule      rule;
  PbTieBreak  tie_break;
  guint64     seed;       /* the lot's seed; recorded in the outcome */
} PbCountOptions;

/* Why a project ended up where it did. */
typedef enum {
  PB_PROJECT_FATE_FUNDED,
  PB_PROJECT_FATE_DID_NOT_FIT,       /* greedy: less money was left than it costs */
  PB_PROJECT_FATE_NO_SUPPORT,        /* nobody supports it, so equal shares never funds it */
  PB_PROJECT_FATE_SUPPORTERS_SHORT,  /* equal shares: its supporters could not pay for it */
  PB_PROJECT_FATE_OVER_BUDGET,       /* it costs more than the whole budget */
  PB_PROJECT_FATE_STOPPED,           /* Phragmén stopped before it could be funded */
  PB_PROJECT_FATE_NOT_OPTIMAL,       /* utilitarian optimum: not in the best set */
} PbProjectFate;

const char *pb_project_fate_to_string (PbProjectFate fate);

typedef struct {
  PbProjectFate fate;
  gboolean      funded;
  guint         position;      /* 1-based place in the selection order; 0 if not funded */
  guint         supporters;    /* voters who support it under the rule (points rules: > 0 points) */
  mpq_t         score;         /* total satisfaction: approvals, points, or cost × approvals */
  /* Greedy rules: place in the order of consideration and the money left
   * when it was considered.  Other rules: 0 and the money left after the
   * last funded project before it (greedy completions only). */
  guint         rank;
  mpq_t         money_left;
  /* Equal shares and Phragmén: the round it was funded in, or the round
   * in which it was last considered. */
  guint         round;
  /* Equal shares: the price per unit of satisfaction (ρ) at which it was
   * funded or last found affordable; Phragmén: the load of its supporters
   * once funded.  0 when never computed. */
  mpq_t         rho;
  /* Equal shares: what its supporters could still pay, as a share of its
   * cost, when it was last considered (1 when funded). */
  mpq_t         share;
  /* The project that was picked in the last round where this one was
   * affordable but not the cheapest per unit of satisfaction; -1 if none. */
  int           beaten_by;
  /* Utilitarian optimum: the most approvals any set of projects within the
   * budget reaches with this project in it, and without it.  One of the
   * two is the optimum's own total (best_with for a funded project,
   * best_without for one left out), so the difference is what funding it
   * would cost, or what dropping it would lose.  -1 when there is no such
   * set (best_with of a project costing more than the budget) or when the
   * instance was too large to work them out; -1 for every other rule. */
  gint64        best_with;
  gint64        best_without;
  /* Utilitarian optimum, when best_with == best_without (another set
   * reaches as many approvals, with this project if it was left out,
   * without it if it was funded): the least that such a set costs, never
   * less than the chosen set's cost; equal means the tie-breaking chain
   * chose.  0 otherwise. */
  mpq_t         alternative_cost;
} PbProjectOutcome;

typedef struct {
  guint  n_projects;
  guint *projects;   /* the tied projects, in the order the chain ranks them */
  guint  round;      /* the round (greedy: position) where the tie occurred */
} PbTie;

typedef struct {
  PbRule             rule;
  PbTieBreak         tie_break;
  guint64            seed;
  guint              n_voters;
  mpq_t              budget;
  guint              n_selected;
  guint             *selected;          /* project indices in selection order */
  mpq_t              total_cost;
  gboolean           exhaustive;        /* no unfunded project fits in what is left */
  guint              mes_runs;          /* equal-shares runs performed (add1: ≥ 1) */
  mpq_t              voter_budget;      /* equal shares: each voter's starting budget in the kept run */
  guint              n_ties;
  PbTie             *ties;
  guint              n_projects;
  PbProjectOutcome  *projects;          /* indexed like the election's projects */
} PbOutcome;

/* Counts @election under @options.  Returns NULL with @error set when the
 * rule cannot apply (see PbCountError). */
PbOutcome *pb_count         (const PbElection      *election,
                             const PbCountOptions  *options,
                             GError               **error);
/* pb_count(), giving up as soon as it can once @cancellable (may be NULL)
 * is cancelled, from any thread: it then returns NULL with
 * G_IO_ERROR_CANCELLED.  The add1 rules look at it before every run. */
PbOutcome *pb_count_cancellable (const PbElection      *election,
                                 const PbCountOptions  *options,
                                 GCancellable          *cancellable,
                                 GError               **error);
void       pb_outcome_free  (PbOutcome             *outcome);

/* A seed for the lot, from the system's random source. */
guint64    pb_count_new_seed (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbOutcome, pb_outcome_free)

G_END_DECLS
