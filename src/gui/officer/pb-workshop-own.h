/* pb-workshop-own.h: the participants' screen of the Own stage, a
 * separate full-screen window where each participant in turn writes their
 * own ideas privately ("What would good look like?").
 *
 * A turn starts with the participant's first name (typed, or picked from
 * the participants); each idea is stored at once through the store; the
 * screen lists only the ideas of this turn, which can be corrected or
 * removed until "I'm done — hand over" clears the screen for the next
 * person.  The facilitator closes it (Escape or the close button, then a
 * confirmation).  Everything is saved as it is written: closing loses
 * nothing. */
#pragma once

#include <gtk/gtk.h>

#include "pb-workshop.h"

G_BEGIN_DECLS

#define PB_TYPE_WORKSHOP_OWN (pb_workshop_own_get_type ())
G_DECLARE_FINAL_TYPE (PbWorkshopOwn, pb_workshop_own, PB, WORKSHOP_OWN, GtkWindow)

/* The screen for @workshop of @store (not yet shown nor full screen). */
PbWorkshopOwn *pb_workshop_own_new             (PbStore       *store,
                                                PbWorkshop    *workshop);
/* The participant writing now, or 0 while the screen asks for a name. */
gint64         pb_workshop_own_get_participant (PbWorkshopOwn *self);
/* The ideas of this turn, oldest first (transfer none; element gint64). */
GArray        *pb_workshop_own_get_turn_ideas  (PbWorkshopOwn *self);

G_END_DECLS
