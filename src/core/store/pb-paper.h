/* pb-paper.h: paper ballots entered twice.
 *
 * Paper ballots arrive in numbered batches.  Two officers type each batch
 * independently (entry 1 and entry 2); both entries are stored, and the
 * batch's ballots are counted only when the two agree ballot for ballot and
 * an officer commits the batch.  pb_store_paper_list_differences() tells
 * the GUI where the entries disagree.
 */
#pragma once

#include <glib-object.h>

#include "pb-ballot.h"

G_BEGIN_DECLS

#define PB_TYPE_PAPER_BATCH (pb_paper_batch_get_type ())
G_DECLARE_FINAL_TYPE (PbPaperBatch, pb_paper_batch, PB, PAPER_BATCH, GObject)

/* Properties, all read-only:
 *   "id"             gint64
 *   "process-id"     gint64
 *   "label"          string: the number written on the batch ("B-017")
 *   "ballot-count"   guint: ballots the batch holds, as counted by hand
 *   "entry1-count"   guint: ballots officer 1 has entered
 *   "entry2-count"   guint: ballots officer 2 has entered
 *   "entry1-officer", "entry2-officer"  strings: who typed each entry
 *   "committed"      gboolean: its ballots are in the count */
gint64       pb_paper_batch_get_id              (PbPaperBatch *self);
gint64       pb_paper_batch_get_process_id      (PbPaperBatch *self);
const char  *pb_paper_batch_get_label           (PbPaperBatch *self);
guint        pb_paper_batch_get_ballot_count    (PbPaperBatch *self);
guint        pb_paper_batch_get_entry_count     (PbPaperBatch *self,
                                                 guint         entry);
const char  *pb_paper_batch_get_officer         (PbPaperBatch *self,
                                                 guint         entry);
gboolean     pb_paper_batch_get_committed       (PbPaperBatch *self);

#define PB_TYPE_PAPER_DIFFERENCE (pb_paper_difference_get_type ())
G_DECLARE_FINAL_TYPE (PbPaperDifference, pb_paper_difference, PB, PAPER_DIFFERENCE, GObject)

/* One ballot number where the two entries disagree.  Properties:
 * "number" (guint, 1-based position in the batch), "entry1" and "entry2"
 * (PbBallotChoices, NULL when that officer has not entered it). */
guint             pb_paper_difference_get_number  (PbPaperDifference *self);
PbBallotChoices  *pb_paper_difference_get_entry   (PbPaperDifference *self,
                                                   guint              entry);

G_END_DECLS
