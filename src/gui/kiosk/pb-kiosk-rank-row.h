/* pb-kiosk-rank-row.h: one place in a resident's ranking, with buttons to
 * move the project up or down or take it out (keyboard-accessible, not
 * drag and drop). */
#pragma once

#include <gtk/gtk.h>

#include "pb-kiosk-session.h"

G_BEGIN_DECLS

typedef enum {
  PB_KIOSK_RANK_ROW_UP,
  PB_KIOSK_RANK_ROW_DOWN,
  PB_KIOSK_RANK_ROW_REMOVE,
} PbKioskRankRowButton;

#define PB_TYPE_KIOSK_RANK_ROW (pb_kiosk_rank_row_get_type ())
G_DECLARE_FINAL_TYPE (PbKioskRankRow, pb_kiosk_rank_row, PB, KIOSK_RANK_ROW, GtkListBoxRow)

GtkWidget  *pb_kiosk_rank_row_new          (PbKioskSession       *session,
                                            PbProject            *project,
                                            guint                 rank,
                                            guint                 n_ranked);
PbProject  *pb_kiosk_rank_row_get_project  (PbKioskRankRow       *self);
GtkWidget  *pb_kiosk_rank_row_get_button   (PbKioskRankRow       *self,
                                            PbKioskRankRowButton  button);

G_END_DECLS
