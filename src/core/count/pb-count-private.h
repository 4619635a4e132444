/* pb-count-private.h: what the rule implementations share.
 *
 * Before any rule runs, identical ballots are merged into weighted groups:
 * real profiles have far fewer distinct ballots than voters (Wrocław 2022:
 * 79,738 voters, 94 distinct ballots), and every rule here treats voters
 * with the same ballot alike.  Each project then knows its supporting
 * groups (a compressed sparse row table) and the tie-breaking chain is
 * turned into one fixed rank per project.
 */
#pragma once

#include "pb-count.h"

G_BEGIN_DECLS

typedef struct {
  const PbElection     *election;
  const PbCountOptions *options;
  guint                 n_projects;
  guint                 n_voters;
  gboolean              with_points;     /* groups keyed by points (the *-points rules) */

  /* Groups of identical ballots. */
  guint                 n_groups;
  guint64              *group_weight;
  guint32              *group_start;     /* n_groups + 1 offsets into group_projects */
  guint32              *group_projects;
  gint64               *group_points;    /* aligned with group_projects when with_points */

  /* Per project: its supporting groups and what each gives it. */
  guint32              *support_start;   /* n_projects + 1 offsets */
  guint32              *support_groups;
  gint64               *support_points;  /* the group's points, or 1 */
  guint64              *supporters;      /* voters supporting each project */
  mpz_t                *score;           /* total satisfaction units (approvals or points) */

  /* The tie-breaking chain as a rank: the lower rank wins a tie. */
  guint                *tie_rank;
  guint                *by_tie_rank;     /* projects sorted by tie rank */

  PbOutcome            *outcome;
  GArray               *ties;            /* PbTie */
  GCancellable         *cancellable;     /* may be NULL */
} PbCount;

/* Whether the count was asked to stop (pb_count_cancellable()); a rule
 * that sees it may stop at once, leaving its outcome unfinished. */
static inline gboolean
pb_count_is_cancelled (const PbCount *count)
{
  return count->cancellable != NULL && g_cancellable_is_cancelled (count->cancellable);
}

/* Records a tie among @projects (sorted by tie rank in place). */
void     pb_count_record_tie     (PbCount       *count,
                                  guint         *projects,
                                  guint          n,
                                  guint          round);
/* Appends @project to the outcome's selection. */
void     pb_count_select         (PbCount       *count,
                                  guint          project);
/* Sets the outcome's total cost and whether it is exhaustive with respect
 * to @eligible (NULL: every project). */
void     pb_count_finish         (PbCount       *count,
                                  const gboolean *eligible);

void     pb_rule_greedy          (PbCount       *count,
                                  PbRule         rule);
/* Greedy by supporters over the projects not yet funded, with what is left
 * of the budget (the completion of mes-cost-add1-greedy). */
void     pb_rule_greedy_complete (PbCount       *count);
void     pb_rule_equal_shares    (PbCount       *count,
                                  PbRule         rule);
void     pb_rule_phragmen        (PbCount       *count);
gboolean pb_rule_utilitarian_max (PbCount       *count,
                                  GError       **error);

G_END_DECLS
