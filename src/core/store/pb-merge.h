/* pb-merge.h: adding kiosk bundles to the master database.
 *
 * pb_bundle_merge() applies a bundle whole or not at all, in one
 * transaction: it checks that the kiosk is trusted, finds the master's
 * process by the bundle's fingerprint, validates every ballot with
 * pb_ballot_validate(), and inserts the ballots the master does not hold
 * yet (by UUID, so merging a bundle twice adds nothing), each with its
 * audit entry, and consumes the voter codes the kiosk used.
 *
 * A voter code the kiosk used that the master already counts as used (on
 * another kiosk or here), or that is void or unknown, is a conflict for an
 * officer to decide: the merge is refused (the master unchanged) and the
 * report lists each conflict with the kiosks involved and the ballots that
 * may have used the code.  Because no ballot records its code (secrecy),
 * those are the ballots of each kiosk that were cast with some code; when
 * a kiosk took one such ballot, it is the very ballot.  The officer may
 * then merge again with PB_MERGE_ACCEPT_CODE_CONFLICTS to count the
 * ballots anyway (each conflict is then recorded in the audit log).
 */
#pragma once

#include "pb-bundle.h"

G_BEGIN_DECLS

typedef enum {
  PB_MERGE_FLAGS_NONE              = 0,
  /* Trust the bundle's kiosk key when the master does not know it yet
   * (pbtool merge --trust, or the officer's confirmation). */
  PB_MERGE_TRUST_KIOSK             = 1 << 0,
  /* Count the ballots although some of the kiosk's codes conflict. */
  PB_MERGE_ACCEPT_CODE_CONFLICTS   = 1 << 1,
} PbMergeFlags;

/* Why a voter code the kiosk used conflicts with the master. */
typedef enum {
  PB_CODE_CONFLICT_USED_ELSEWHERE, /* already used, on another kiosk or on the master */
  PB_CODE_CONFLICT_VOID,           /* voided by an officer on the master */
  PB_CODE_CONFLICT_UNKNOWN,        /* not a code of the master's process */
} PbCodeConflictReason;

#define PB_TYPE_CODE_CONFLICT (pb_code_conflict_get_type ())
G_DECLARE_FINAL_TYPE (PbCodeConflict, pb_code_conflict, PB, CODE_CONFLICT, GObject)

/* The code (canonical form). */
const char           *pb_code_conflict_get_code           (PbCodeConflict *self);
PbCodeConflictReason  pb_code_conflict_get_reason         (PbCodeConflict *self);
/* The kiosk of the bundle being merged. */
const char           *pb_code_conflict_get_kiosk_id       (PbCodeConflict *self);
/* UUIDs of the bundle's new ballots cast with a code: one of them used
 * this code. */
const char * const   *pb_code_conflict_get_ballots        (PbCodeConflict *self);
/* For USED_ELSEWHERE: the kiosk whose merged bundle used it first, or the
 * master's own kiosk id when it was used on the master; NULL otherwise. */
const char           *pb_code_conflict_get_other_kiosk_id (PbCodeConflict *self);
/* UUIDs of that kiosk's ballots in the master cast with a code. */
const char * const   *pb_code_conflict_get_other_ballots  (PbCodeConflict *self);
/* A translated sentence for people naming the code, the kiosks and the
 * ballots. */
char                 *pb_code_conflict_describe           (PbCodeConflict *self);

#define PB_TYPE_MERGE_REPORT (pb_merge_report_get_type ())
G_DECLARE_FINAL_TYPE (PbMergeReport, pb_merge_report, PB, MERGE_REPORT, GObject)

/* The master's process the bundle belongs to (NULL when not found). */
PbProcess            *pb_merge_report_get_process          (PbMergeReport *self);
const char           *pb_merge_report_get_kiosk_id         (PbMergeReport *self);
/* Whether the kiosk key was unknown to the master before this merge. */
gboolean              pb_merge_report_get_kiosk_was_new    (PbMergeReport *self);
/* Ballots added, and ballots the master already held. */
guint                 pb_merge_report_get_n_added          (PbMergeReport *self);
guint                 pb_merge_report_get_n_present        (PbMergeReport *self);
/* The code conflicts: a GListModel of PbCodeConflict (transfer none). */
GListModel           *pb_merge_report_get_conflicts        (PbMergeReport *self);

/* Whether the master trusts the kiosk with id @kiosk_id (a key merged
 * before, or trusted with pb_bundle_trust_kiosk()). */
gboolean              pb_bundle_is_kiosk_trusted           (PbStore       *store,
                                                            const char    *kiosk_id);
/* Records @kiosk_id as trusted (with its audit entry); nothing happens
 * when it already is. */
gboolean              pb_bundle_trust_kiosk                (PbStore       *store,
                                                            const char    *kiosk_id,
                                                            GError       **error);

/* Merges @bundle into @store (see above).  Returns TRUE when it was
 * applied (possibly adding nothing); FALSE with @error otherwise, in which
 * case the master is unchanged.  @out_report (optional) receives a report
 * in both cases when the bundle's process was found, so that the GUI can
 * show the conflicts of a refused merge. */
gboolean              pb_bundle_merge                      (PbBundle       *bundle,
                                                            PbStore        *store,
                                                            PbMergeFlags    flags,
                                                            PbMergeReport **out_report,
                                                            GError        **error);

G_END_DECLS
