/* pb-projects-page.h: the projects of a process: list, search, review. */
#pragma once

#include "pb-page.h"

G_BEGIN_DECLS

#define PB_TYPE_PROJECTS_PAGE (pb_projects_page_get_type ())
G_DECLARE_FINAL_TYPE (PbProjectsPage, pb_projects_page, PB, PROJECTS_PAGE, PbPage)

GtkWidget  *pb_projects_page_new             (void);

/* The projects shown after search, filter and sort (transfer none). */
GListModel *pb_projects_page_get_shown       (PbProjectsPage *self);
void        pb_projects_page_set_search      (PbProjectsPage *self,
                                              const char     *text);
/* Shows only projects in @status, or all when @status is -1. */
void        pb_projects_page_set_status_filter (PbProjectsPage *self,
                                                int             status);
/* The Criteria column's text for @project: "2 of 3 met, 1 partly", "Not
 * assessed", or NULL when the process has no shared criteria (the column
 * is hidden then). */
char       *pb_projects_page_get_criteria_summary (PbProjectsPage *self,
                                                   PbProject      *project);
/* Opens the editor for @project, or for a new project when NULL. */
GtkWindow  *pb_projects_page_edit            (PbProjectsPage *self,
                                              PbProject      *project);
/* Adds projects from CSV text (header row naming title, cost, summary,
 * description, category, location, code); returns how many. */
gboolean    pb_projects_page_import_csv_text (PbProjectsPage *self,
                                              const char     *text,
                                              guint          *out_n_added,
                                              GError        **error);

G_END_DECLS
