/* pb-assessment.h: projects assessed against a workshop's shared criteria.
 *
 * A workshop group may agree a short list of criteria a good project
 * should meet (see pb-workshop.h).  In the review phase officers assess
 * each project of the process against each criterion: it meets it, partly
 * meets it or does not meet it, with an optional note.  A criterion with
 * no verdict is not assessed.  Each change is one transaction with a
 * "project-assessment" audit entry; a verdict goes with its project and
 * with its criterion when either is deleted.
 */
#pragma once

#include <glib-object.h>

#include "pb-project.h"
#include "pb-store.h"

G_BEGIN_DECLS

#define PB_ASSESSMENT_ERROR (pb_assessment_error_quark ())

typedef enum {
  PB_ASSESSMENT_ERROR_NOT_REVIEW,   /* the process is not in the review phase */
  PB_ASSESSMENT_ERROR_NOT_FOUND,    /* no such criterion for this project's process */
  PB_ASSESSMENT_ERROR_INVALID,      /* a bad verdict or a note too long */
} PbAssessmentError;

GQuark pb_assessment_error_quark (void);

typedef enum {
  PB_ASSESSMENT_NONE,               /* not assessed (no row) */
  PB_ASSESSMENT_MEETS,
  PB_ASSESSMENT_PARTLY,
  PB_ASSESSMENT_DOES_NOT_MEET,
} PbAssessment;

#define PB_ASSESSMENT_LAST PB_ASSESSMENT_DOES_NOT_MEET

/* "", "meets", "partly", "does-not-meet" (the stored names). */
const char *pb_assessment_to_string   (PbAssessment  verdict);
gboolean    pb_assessment_from_string (const char   *name,
                                       PbAssessment *out);
/* Translated: "Not assessed", "Meets", "Partly meets", "Does not meet". */
const char *pb_assessment_get_label   (PbAssessment  verdict);

/* One verdict of a project. */
typedef struct {
  gint64        criterion_id;
  char         *criterion_text;
  PbAssessment  verdict;
  char         *note;
  gint64        time;           /* µs since the epoch, UTC, of the last change */
} PbProjectAssessment;

void pb_project_assessment_free (PbProjectAssessment *assessment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbProjectAssessment, pb_project_assessment_free)

/* Whether the projects of @process can be assessed now: it is in the
 * review phase (PB_ASSESSMENT_ERROR_NOT_REVIEW, naming the phase,
 * otherwise). */
gboolean    pb_store_check_can_assess        (PbStore      *store,
                                              PbProcess    *process,
                                              GError      **error);

/* Sets the verdict of @project against the criterion @criterion_id of its
 * process's workshop, with an optional @note (stripped, at most 2000
 * characters; NULL is empty).  PB_ASSESSMENT_NONE removes the verdict.
 * Setting what is already stored changes nothing and writes no entry. */
gboolean    pb_store_assess_project          (PbStore      *store,
                                              PbProject    *project,
                                              gint64        criterion_id,
                                              PbAssessment  verdict,
                                              const char   *note,
                                              GError      **error);

/* The verdicts of @project, in the order of the criteria (transfer full,
 * a GPtrArray of PbProjectAssessment that frees its elements; empty when
 * nothing is assessed). */
GPtrArray  *pb_store_get_project_assessments (PbStore      *store,
                                              PbProject    *project,
                                              GError      **error);

G_END_DECLS
