/* pb-workshop-private.h: what pb-workshop.c and pb-store-workshop.c share. */
#pragma once

#include "pb-store-private.h"
#include "pb-workshop.h"

G_BEGIN_DECLS

/* A workshop object for the row @id (nothing loaded yet). */
PbWorkshop *pb_workshop_new_internal   (gint64 id,
                                        gint64 process_id);
/* Reads the whole state from the database; on success replaces the
 * snapshot and emits "changed". */
gboolean    pb_workshop_load_internal  (PbWorkshop *self,
                                        PbStore    *store,
                                        GError    **error);

/* µs the timer has run at @now. */
gint64      pb_workshop_get_timer_elapsed_internal (PbWorkshop *self,
                                                    gint64      now);

G_END_DECLS
