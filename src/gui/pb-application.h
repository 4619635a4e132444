/* pb-application.h: Pb's AdwApplication: app actions and command line. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PB_TYPE_APPLICATION (pb_application_get_type ())

G_DECLARE_FINAL_TYPE (PbApplication, pb_application, PB, APPLICATION, AdwApplication)

PbApplication *pb_application_new          (void);
GSettings     *pb_application_get_settings (PbApplication *self);

G_END_DECLS
