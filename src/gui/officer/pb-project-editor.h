/* pb-project-editor.h: the dialog that adds, edits, reviews, withdraws and
 * deletes one project. */
#pragma once

#include <adwaita.h>

#include "pb-store.h"

G_BEGIN_DECLS

#define PB_TYPE_PROJECT_EDITOR (pb_project_editor_get_type ())
G_DECLARE_FINAL_TYPE (PbProjectEditor, pb_project_editor, PB, PROJECT_EDITOR, AdwWindow)

/* @project NULL: a new project of @process. */
PbProjectEditor *pb_project_editor_new     (PbStore         *store,
                                            PbProcess       *process,
                                            PbProject       *project);
/* Fills the main fields (for tests). */
void             pb_project_editor_set_values (PbProjectEditor *self,
                                               const char      *title,
                                               const char      *summary,
                                               const char      *cost);
void             pb_project_editor_set_review (PbProjectEditor *self,
                                               PbProjectStatus  status,
                                               const char      *reason);
/* Saves as the Save button does; returns the project (transfer none) or
 * NULL, in which case the dialog shows why. */
PbProject       *pb_project_editor_save    (PbProjectEditor *self);

G_END_DECLS
