/* pb-store-assessment.c: projects assessed against the shared criteria
 * (see pb-assessment.h).
 *
 * A verdict is a row of project_assessments (schema version 4).  Each
 * change is one transaction with a "project-assessment" audit entry whose
 * subject is "assessment PROJECT CRITERION" and whose hash is that of the
 * row (none when the verdict is removed).
 */

#include "pb-config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "pb-assessment.h"
#include "pb-store-private.h"

#define MAX_NOTE_LENGTH 2000

G_DEFINE_QUARK (pb-assessment-error-quark, pb_assessment_error)

static const char * const verdict_names[] = {
  [PB_ASSESSMENT_NONE] = "",
  [PB_ASSESSMENT_MEETS] = "meets",
  [PB_ASSESSMENT_PARTLY] = "partly",
  [PB_ASSESSMENT_DOES_NOT_MEET] = "does-not-meet",
};

const char *
pb_assessment_to_string (PbAssessment verdict)
{
  g_return_val_if_fail (verdict <= PB_ASSESSMENT_LAST, "");
  return verdict_names[verdict];
}

gboolean
pb_assessment_from_string (const char   *name,
                           PbAssessment *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (verdict_names); i++)
    if (g_strcmp0 (name, verdict_names[i]) == 0)
      {
        *out = (PbAssessment) i;
        return TRUE;
      }
  return FALSE;
}

const char *
pb_assessment_get_label (PbAssessment verdict)
{
  switch (verdict)
    {
    case PB_ASSESSMENT_NONE:
      return C_("assessment", "Not assessed");
    case PB_ASSESSMENT_MEETS:
      return C_("assessment", "Meets");
    case PB_ASSESSMENT_PARTLY:
      return C_("assessment", "Partly meets");
    case PB_ASSESSMENT_DOES_NOT_MEET:
      return C_("assessment", "Does not meet");
    default:
      g_return_val_if_reached ("");
    }
}

void
pb_project_assessment_free (PbProjectAssessment *assessment)
{
  if (assessment == NULL)
    return;
  g_free (assessment->criterion_text);
  g_free (assessment->note);
  g_free (assessment);
}

void
pb_hash_assessment_row (gint64      project_id,
                        gint64      criterion_id,
                        const char *verdict,
                        const char *note,
                        guint8      out[PB_HASH_BYTES])
{
  g_autoptr(GString) text = g_string_new ("assessment\x1f");

  g_string_append_printf (text, "%" G_GINT64_FORMAT "\x1f%" G_GINT64_FORMAT "\x1f%s\x1f%s\x1f",
                          project_id, criterion_id, verdict, note);
  crypto_generichash (out, PB_HASH_BYTES, (const guint8 *) text->str, text->len, NULL, 0);
}

gboolean
pb_store_check_can_assess (PbStore    *store,
                           PbProcess  *process,
                           GError    **error)
{
  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (PB_IS_PROCESS (process), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (pb_process_get_phase (process) != PB_PHASE_REVIEW)
    {
      g_set_error (error, PB_ASSESSMENT_ERROR, PB_ASSESSMENT_ERROR_NOT_REVIEW,
                   _("Projects are assessed against the shared criteria in review, "
                     "but “%s” is in the %s phase."),
                   pb_process_get_name (process), pb_phase_get_label (pb_process_get_phase (process)));
      return FALSE;
    }
  return TRUE;
}

/* The text of criterion @criterion_id of the workshop of @process_id, or
 * NULL with NOT_FOUND. */
static char *
lookup_criterion (PbStore  *store,
                  gint64    process_id,
                  gint64    criterion_id,
                  GError  **error)
{
  sqlite3_stmt *stmt = pb_store_prepare (store, "SELECT c.text FROM workshop_criteria c"
                                         " JOIN workshops w ON w.id = c.workshop_id"
                                         " WHERE c.id = ? AND w.process_id = ?;", error);
  char *text = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, criterion_id);
  sqlite3_bind_int64 (stmt, 2, process_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    text = g_strdup (pb_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc == SQLITE_ROW)
    return text;
  if (rc == SQLITE_DONE)
    g_set_error (error, PB_ASSESSMENT_ERROR, PB_ASSESSMENT_ERROR_NOT_FOUND,
                 _("This criterion is not one of the shared criteria of this project’s process "
                   "(it may have been removed)."));
  else
    pb_store_set_sqlite_error (store, rc, error);
  return NULL;
}

/* The stored verdict and note (NONE and NULL when there is no row). */
static gboolean
read_verdict (PbStore       *store,
              gint64         project_id,
              gint64         criterion_id,
              PbAssessment  *out_verdict,
              char         **out_note,
              GError       **error)
{
  sqlite3_stmt *stmt = pb_store_prepare (store, "SELECT verdict, note FROM project_assessments"
                                         " WHERE project_id = ? AND criterion_id = ?;", error);
  int rc;

  *out_verdict = PB_ASSESSMENT_NONE;
  *out_note = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, project_id);
  sqlite3_bind_int64 (stmt, 2, criterion_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (!pb_assessment_from_string (pb_store_column_text (stmt, 0), out_verdict))
        *out_verdict = PB_ASSESSMENT_NONE;
      *out_note = g_strdup (pb_store_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      pb_store_set_sqlite_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
pb_store_assess_project (PbStore       *store,
                         PbProject     *project,
                         gint64         criterion_id,
                         PbAssessment   verdict,
                         const char    *note,
                         GError       **error)
{
  gint64 project_id, process_id;
  g_autofree char *criterion = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *old_note = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *summary = NULL;
  PbAssessment old_verdict;
  PbProcess *process;
  sqlite3_stmt *stmt;
  guint8 hash[PB_HASH_BYTES];

  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (PB_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((guint) verdict > PB_ASSESSMENT_LAST)
    {
      g_set_error (error, PB_ASSESSMENT_ERROR, PB_ASSESSMENT_ERROR_INVALID,
                   _("This is not a verdict: choose meets, partly meets or does not meet."));
      return FALSE;
    }
  if (note != NULL && !g_utf8_validate (note, -1, NULL))
    {
      g_set_error (error, PB_ASSESSMENT_ERROR, PB_ASSESSMENT_ERROR_INVALID,
                   _("The note is not valid text."));
      return FALSE;
    }
  clean = g_strstrip (g_strdup (note ? note : ""));
  if (g_utf8_strlen (clean, -1) > MAX_NOTE_LENGTH)
    {
      g_set_error (error, PB_ASSESSMENT_ERROR, PB_ASSESSMENT_ERROR_INVALID,
                   ngettext ("The note is too long: keep it under %u character.",
                             "The note is too long: keep it under %u characters.", MAX_NOTE_LENGTH),
                   (guint) MAX_NOTE_LENGTH);
      return FALSE;
    }
  if (verdict == PB_ASSESSMENT_NONE)
    clean[0] = '\0';

  project_id = pb_project_get_id (project);
  process_id = pb_project_get_process_id (project);
  process = pb_store_lookup_process (store, process_id);
  if (process == NULL)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND,
                   _("The process of this project no longer exists."));
      return FALSE;
    }
  if (!pb_store_check_can_assess (store, process, error))
    return FALSE;

  if (!pb_store_begin (store, error))
    return FALSE;
  criterion = lookup_criterion (store, process_id, criterion_id, error);
  if (criterion == NULL
      || !read_verdict (store, project_id, criterion_id, &old_verdict, &old_note, error))
    goto fail;
  if (old_verdict == verdict && (verdict == PB_ASSESSMENT_NONE || g_strcmp0 (old_note, clean) == 0))
    {
      pb_store_rollback (store);
      return TRUE;
    }

  subject = g_strdup_printf ("assessment %" G_GINT64_FORMAT " %" G_GINT64_FORMAT, project_id, criterion_id);
  if (verdict == PB_ASSESSMENT_NONE)
    {
      summary = g_strdup_printf ("Project %s no longer assessed against “%s”",
                                 pb_project_get_code (project), criterion);
      stmt = pb_store_prepare (store, "DELETE FROM project_assessments"
                               " WHERE project_id = ? AND criterion_id = ?;", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, project_id);
      sqlite3_bind_int64 (stmt, 2, criterion_id);
      if (!pb_store_step_done (store, stmt, error)
          || !pb_store_audit_append (store, process_id, "project-assessment", subject, NULL, summary, error))
        goto fail;
    }
  else
    {
      summary = g_strdup_printf ("Project %s assessed against “%s”: %s%s%s", pb_project_get_code (project),
                                 criterion, pb_assessment_to_string (verdict), clean[0] ? ": " : "", clean);
      stmt = pb_store_prepare (store, "INSERT INTO project_assessments"
                               " (project_id, criterion_id, verdict, note, time) VALUES (?, ?, ?, ?, ?)"
                               " ON CONFLICT (project_id, criterion_id) DO UPDATE"
                               " SET verdict = excluded.verdict, note = excluded.note, time = excluded.time;",
                               error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, project_id);
      sqlite3_bind_int64 (stmt, 2, criterion_id);
      sqlite3_bind_text (stmt, 3, pb_assessment_to_string (verdict), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, clean, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 5, g_get_real_time ());
      pb_hash_assessment_row (project_id, criterion_id, pb_assessment_to_string (verdict), clean, hash);
      if (!pb_store_step_done (store, stmt, error)
          || !pb_store_audit_append (store, process_id, "project-assessment", subject, hash, summary, error))
        goto fail;
    }
  if (!pb_store_commit (store, error))
    goto fail;
  return TRUE;

fail:
  pb_store_rollback (store);
  return FALSE;
}

GPtrArray *
pb_store_get_project_assessments (PbStore    *store,
                                  PbProject  *project,
                                  GError    **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) pb_project_assessment_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PB_IS_STORE (store), NULL);
  g_return_val_if_fail (PB_IS_PROJECT (project), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = pb_store_prepare (store, "SELECT a.criterion_id, c.text, a.verdict, a.note, a.time"
                           " FROM project_assessments a JOIN workshop_criteria c ON c.id = a.criterion_id"
                           " WHERE a.project_id = ? ORDER BY c.position, c.id;", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, pb_project_get_id (project));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PbProjectAssessment *a = g_new0 (PbProjectAssessment, 1);

      a->criterion_id = sqlite3_column_int64 (stmt, 0);
      a->criterion_text = g_strdup (pb_store_column_text (stmt, 1));
      if (!pb_assessment_from_string (pb_store_column_text (stmt, 2), &a->verdict))
        a->verdict = PB_ASSESSMENT_NONE;
      a->note = g_strdup (pb_store_column_text (stmt, 3));
      a->time = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (rows, a);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      pb_store_set_sqlite_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}
