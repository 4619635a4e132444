/* pb-workshop-room.h: the room view of a workshop, a separate full-screen
 * window in large type and high contrast for the back of a hall: the
 * question drawn from the key jar, the idea being explained with its
 * timer, the live tally of dots, or the stage and its prompt. */
#pragma once

#include <gtk/gtk.h>

#include "pb-workshop.h"

G_BEGIN_DECLS

#define PB_TYPE_WORKSHOP_ROOM (pb_workshop_room_get_type ())
G_DECLARE_FINAL_TYPE (PbWorkshopRoom, pb_workshop_room, PB, WORKSHOP_ROOM, GtkWindow)

/* A room view following @workshop (not yet shown nor full screen). */
PbWorkshopRoom *pb_workshop_room_new          (PbWorkshop     *workshop);
/* What the room shows now, one line per label (for tests). */
char           *pb_workshop_room_dup_text     (PbWorkshopRoom *self);

G_END_DECLS
