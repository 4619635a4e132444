/* pb-kiosk-slot-model.h: the kiosk's projects, position by position.
 *
 * Mirrors a list model of PbProject (the projects that pass the search
 * and category) as a list of PbKioskSlot: the slot at position i holds
 * the source's i-th project.  When the source changes, the slots that
 * stay only get their new project, and the list itself changes only at
 * its end.  GTK 4.8's list views make a fresh widget for every item an
 * items-changed signal brings in; through this model a search refills
 * the project cards the grid already has instead of building new ones.
 */
#pragma once

#include <gio/gio.h>

#include "pb-kiosk-slot.h"

G_BEGIN_DECLS

#define PB_TYPE_KIOSK_SLOT_MODEL (pb_kiosk_slot_model_get_type ())
G_DECLARE_FINAL_TYPE (PbKioskSlotModel, pb_kiosk_slot_model, PB, KIOSK_SLOT_MODEL, GObject)

PbKioskSlotModel *pb_kiosk_slot_model_new (GListModel *projects);

G_END_DECLS
