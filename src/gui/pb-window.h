/* pb-window.h: the officer's main window: the processes of a database
 * and the pages of the selected one. */
#pragma once

#include <adwaita.h>

#include "pb-export-job.h"
#include "pb-store.h"

G_BEGIN_DECLS

#define PB_TYPE_WINDOW (pb_window_get_type ())

G_DECLARE_FINAL_TYPE (PbWindow, pb_window, PB, WINDOW, AdwApplicationWindow)

PbWindow *pb_window_new        (GtkApplication *application);
void      pb_window_add_toast  (PbWindow       *self,
                                AdwToast       *toast);

void        pb_window_set_store         (PbWindow   *self,
                                         PbStore    *store);
PbStore    *pb_window_get_store         (PbWindow   *self);
void        pb_window_set_process       (PbWindow   *self,
                                         PbProcess  *process);
PbProcess  *pb_window_get_process       (PbWindow   *self);
void        pb_window_set_visible_page  (PbWindow   *self,
                                         const char *name);
const char *pb_window_get_visible_page  (PbWindow   *self);
void        pb_window_show_error        (PbWindow   *self,
                                         const char *title,
                                         const char *message,
                                         const char *path);
const char *pb_window_get_state         (PbWindow   *self);
void        pb_window_import_pabulib    (PbWindow   *self,
                                         GFile      *file);

/* Exports the current process to @file in a worker thread (the actions
 * win.export-json, -pabulib, -csv and -report ask for the file first). */
void        pb_window_export            (PbWindow       *self,
                                         PbExportFormat  format,
                                         GFile          *file);
/* Whether an export started by pb_window_export() is still running (until
 * its toast says where the file went). */
gboolean    pb_window_get_exporting     (PbWindow       *self);
/* Writes this kiosk's signed bundle of the current process's ballots. */
void        pb_window_export_bundle     (PbWindow   *self,
                                         GFile      *file);
/* Merges kiosk bundles (a GListModel of GFile), asking the officer. */
void        pb_window_add_bundles       (PbWindow   *self,
                                         GListModel *files);

G_END_DECLS
