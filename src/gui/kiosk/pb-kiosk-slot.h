/* pb-kiosk-slot.h: one place in the kiosk's project grid.
 *
 * A slot holds whichever project is shown at its position just now; a
 * search or a category changes the project and keeps the slot, so the
 * grid keeps the card it made for it (see PbKioskSlotModel).
 */
#pragma once

#include <glib-object.h>

#include "pb-core.h"

G_BEGIN_DECLS

#define PB_TYPE_KIOSK_SLOT (pb_kiosk_slot_get_type ())
G_DECLARE_FINAL_TYPE (PbKioskSlot, pb_kiosk_slot, PB, KIOSK_SLOT, GObject)

PbKioskSlot *pb_kiosk_slot_new         (PbProject   *project);
PbProject   *pb_kiosk_slot_get_project (PbKioskSlot *self);
void         pb_kiosk_slot_set_project (PbKioskSlot *self,
                                        PbProject   *project);

G_END_DECLS
