/* pb-application.h: Pb's AdwApplication: app actions, command line and
 * the open database. */
#pragma once

#include <adwaita.h>

#include "pb-store.h"

G_BEGIN_DECLS

#define PB_TYPE_APPLICATION (pb_application_get_type ())

G_DECLARE_FINAL_TYPE (PbApplication, pb_application, PB, APPLICATION, AdwApplication)

PbApplication *pb_application_new          (void);
GSettings     *pb_application_get_settings (PbApplication *self);
PbStore       *pb_application_get_store    (PbApplication *self);
gboolean       pb_application_open_database (PbApplication  *self,
                                             const char     *path,
                                             GError        **error);

G_END_DECLS
