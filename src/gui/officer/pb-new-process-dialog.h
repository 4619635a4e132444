/* pb-new-process-dialog.h: asks for the name, currency and budget of a new
 * process and creates it. */
#pragma once

#include <adwaita.h>

#include "pb-store.h"

G_BEGIN_DECLS

#define PB_TYPE_NEW_PROCESS_DIALOG (pb_new_process_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PbNewProcessDialog, pb_new_process_dialog, PB, NEW_PROCESS_DIALOG, AdwWindow)

/* @settings (nullable) gives the default tie-breaking for new processes. */
PbNewProcessDialog *pb_new_process_dialog_new    (PbStore            *store,
                                                  GSettings          *settings);
/* Fills the fields, for tests and keyboard-less callers. */
void                pb_new_process_dialog_set_values (PbNewProcessDialog *self,
                                                      const char         *name,
                                                      const char         *currency,
                                                      const char         *budget);
/* Creates the process as the Create button does; returns it or NULL, in
 * which case the dialog shows why (transfer none). */
PbProcess          *pb_new_process_dialog_create (PbNewProcessDialog *self);

G_END_DECLS
