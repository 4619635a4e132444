/* pb-store-rows.c: the rows of processes, categories and projects:
 * reading, binding, checking values, writing and auditing them. */

#include "pb-config.h"

#include <glib/gi18n-lib.h>
#include <gobject/gvaluecollector.h>
#include <string.h>

#include "pb-decimal.h"
#include "pb-store-rows.h"

/* ---- Rows <-> data ------------------------------------------------------ */

const char *
pb_row_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text ? text : "";
}

/* Reads PROCESS_COLUMNS starting at @first.  Strings point into @stmt:
 * copy with pb_process_data_copy() before stepping. */
void
pb_row_read_process (sqlite3_stmt  *stmt,
                   int            first,
                   PbProcessData *d)
{
  int c = first;

  d->name = (char *) pb_row_text (stmt, c++);
  d->description = (char *) pb_row_text (stmt, c++);
  d->currency = (char *) pb_row_text (stmt, c++);
  d->budget = (char *) pb_row_text (stmt, c++);
  if (!pb_phase_from_string (pb_row_text (stmt, c++), &d->phase))
    d->phase = PB_PHASE_DRAFT;
  if (!pb_ballot_format_from_string (pb_row_text (stmt, c++), &d->format))
    d->format = PB_BALLOT_FORMAT_APPROVAL;
  d->min_projects = sqlite3_column_int (stmt, c++);
  d->max_projects = sqlite3_column_int (stmt, c++);
  d->min_spent_percent = sqlite3_column_int (stmt, c++);
  d->cost_limit = (char *) pb_row_text (stmt, c++);
  d->points_total = sqlite3_column_int (stmt, c++);
  d->points_per_project = sqlite3_column_int (stmt, c++);
  d->ranking_length = sqlite3_column_int (stmt, c++);
  d->counting_rule = (char *) pb_row_text (stmt, c++);
  d->tie_break = (char *) pb_row_text (stmt, c++);
  d->voter_codes_required = sqlite3_column_int (stmt, c++) != 0;
  d->archived = sqlite3_column_int (stmt, c++) != 0;
  d->created = sqlite3_column_int64 (stmt, c++);
}

void
pb_row_bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  sqlite3_bind_text (stmt, column, text ? text : "", -1, SQLITE_TRANSIENT);
}

void
pb_row_bind_process (sqlite3_stmt        *stmt,
                   const PbProcessData *d)
{
  int c = 1;

  pb_row_bind_text (stmt, c++, d->name);
  pb_row_bind_text (stmt, c++, d->description);
  pb_row_bind_text (stmt, c++, d->currency);
  pb_row_bind_text (stmt, c++, d->budget);
  sqlite3_bind_text (stmt, c++, pb_phase_to_string (d->phase), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, c++, pb_ballot_format_to_string (d->format), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, c++, d->min_projects);
  sqlite3_bind_int64 (stmt, c++, d->max_projects);
  sqlite3_bind_int64 (stmt, c++, d->min_spent_percent);
  pb_row_bind_text (stmt, c++, d->cost_limit);
  sqlite3_bind_int64 (stmt, c++, d->points_total);
  sqlite3_bind_int64 (stmt, c++, d->points_per_project);
  sqlite3_bind_int64 (stmt, c++, d->ranking_length);
  pb_row_bind_text (stmt, c++, d->counting_rule);
  pb_row_bind_text (stmt, c++, d->tie_break);
  sqlite3_bind_int (stmt, c++, d->voter_codes_required ? 1 : 0);
  sqlite3_bind_int (stmt, c++, d->archived ? 1 : 0);
  sqlite3_bind_int64 (stmt, c++, d->created);
}

/* Reads PROJECT_COLUMNS starting at @first into @d (copies). */
void
pb_row_read_project (sqlite3_stmt  *stmt,
                   int            first,
                   PbProjectData *d)
{
  int c = first;

  d->code = g_strdup (pb_row_text (stmt, c++));
  d->title = g_strdup (pb_row_text (stmt, c++));
  d->summary = g_strdup (pb_row_text (stmt, c++));
  d->description = g_strdup (pb_row_text (stmt, c++));
  d->cost = g_strdup (pb_row_text (stmt, c++));
  d->category_id = sqlite3_column_int64 (stmt, c++);
  if (!pb_project_status_from_string (pb_row_text (stmt, c++), &d->status))
    d->status = PB_PROJECT_STATUS_PROPOSED;
  d->status_reason = g_strdup (pb_row_text (stmt, c++));
  d->groups = pb_groups_split (pb_row_text (stmt, c++));
  d->image_path = g_strdup (pb_row_text (stmt, c++));
  d->location = g_strdup (pb_row_text (stmt, c++));
  d->position = sqlite3_column_int (stmt, c++);
}

void
pb_row_bind_project (sqlite3_stmt        *stmt,
                   const PbProjectData *d)
{
  int c = 1;

  pb_row_bind_text (stmt, c++, d->code);
  pb_row_bind_text (stmt, c++, d->title);
  pb_row_bind_text (stmt, c++, d->summary);
  pb_row_bind_text (stmt, c++, d->description);
  pb_row_bind_text (stmt, c++, d->cost);
  if (d->category_id > 0)
    sqlite3_bind_int64 (stmt, c++, d->category_id);
  else
    sqlite3_bind_null (stmt, c++);
  sqlite3_bind_text (stmt, c++, pb_project_status_to_string (d->status), -1, SQLITE_STATIC);
  pb_row_bind_text (stmt, c++, d->status_reason);
  {
    g_autofree char *groups = pb_groups_join (d->groups);

    sqlite3_bind_text (stmt, c++, groups, -1, SQLITE_TRANSIENT);
  }
  pb_row_bind_text (stmt, c++, d->image_path);
  pb_row_bind_text (stmt, c++, d->location);
  sqlite3_bind_int64 (stmt, c++, d->position);
}

/* Runs a prepared write that returns no rows. */
gboolean
pb_row_step_done (PbStore       *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (pb_store_get_db (self)) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_DUPLICATE,
                     _("That name or code is already used in this process."));
      else
        pb_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Appends the audit entry of the row @id of @table, whose subject is
 * "@table @id" (what pb_store_verify() reads back); @hash is NULL for a
 * deletion. */
static gboolean
audit_row (PbStore       *self,
           gint64         process_id,
           const char    *table,
           gint64         id,
           const guint8  *hash,
           const char    *kind,
           const char    *summary,
           GError       **error)
{
  g_autofree char *subject = g_strdup_printf ("%s %" G_GINT64_FORMAT, table, id);

  return pb_store_audit_append (self, process_id, kind, subject, hash, summary, error);
}

gboolean
pb_row_audit_process (PbStore              *self,
                      gint64                id,
                      const PbProcessData  *d,
                      const char           *kind,
                      const char           *summary,
                      GError              **error)
{
  guint8 hash[PB_HASH_BYTES];

  pb_hash_process_row (id, d, hash);
  return audit_row (self, id, "process", id, hash, kind, summary, error);
}

gboolean
pb_row_audit_project (PbStore              *self,
                      gint64                id,
                      gint64                process_id,
                      const PbProjectData  *d,
                      const char           *kind,
                      const char           *summary,
                      GError              **error)
{
  guint8 hash[PB_HASH_BYTES];

  if (d != NULL)
    pb_hash_project_row (id, process_id, d, hash);
  return audit_row (self, process_id, "project", id, d != NULL ? hash : NULL, kind, summary, error);
}

gboolean
pb_row_audit_category (PbStore     *self,
                       gint64       id,
                       gint64       process_id,
                       const char  *name,
                       const char  *cap,
                       const char  *kind,
                       const char  *summary,
                       GError     **error)
{
  guint8 hash[PB_HASH_BYTES];

  if (name != NULL)
    pb_hash_category_row (id, process_id, name, cap, hash);
  return audit_row (self, process_id, "category", id, name != NULL ? hash : NULL, kind, summary, error);
}

gboolean
pb_row_check_amount (const char  *text,
              gboolean     allow_empty,
              const char  *what,
              char       **out_canonical,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  mpq_t value;

  if (allow_empty && (text == NULL || text[0] == '\0'))
    {
      *out_canonical = g_strdup ("");
      return TRUE;
    }
  mpq_init (value);
  if (!pb_decimal_parse_nonneg (text, value, &local_error))
    {
      mpq_clear (value);
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   /* Translators: the first %s is what the amount is for ("budget", "cost"). */
                   _("The %s “%s” is not an amount: %s"), what, text ? text : "", local_error->message);
      return FALSE;
    }
  *out_canonical = pb_decimal_to_string (value);
  mpq_clear (value);
  return TRUE;
}

gboolean
pb_row_insert_process (PbStore        *self,
                PbProcessData  *d,
                const char     *kind,
                const char     *summary,
                gint64         *out_id,
                GError        **error)
{
  sqlite3_stmt *stmt = pb_store_prepare (self, "INSERT INTO processes (" PROCESS_COLUMNS ")"
                                         " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);",
                                         error);

  if (stmt == NULL)
    return FALSE;
  pb_row_bind_process (stmt, d);
  if (!pb_row_step_done (self, stmt, error))
    return FALSE;
  *out_id = sqlite3_last_insert_rowid (pb_store_get_db (self));
  return pb_row_audit_process (self, *out_id, d, kind, summary, error);
}

gboolean
pb_row_update_process (PbStore              *self,
                    gint64                id,
                    const PbProcessData  *d,
                    GError              **error)
{
  sqlite3_stmt *stmt = pb_store_prepare (self, "UPDATE processes SET (" PROCESS_COLUMNS ")"
                                         " = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                         " WHERE id = ?19;", error);

  if (stmt == NULL)
    return FALSE;
  pb_row_bind_process (stmt, d);
  sqlite3_bind_int64 (stmt, 19, id);
  return pb_row_step_done (self, stmt, error);
}

gboolean
pb_row_set_string (char       **field,
            const GValue *value)
{
  g_free (*field);
  *field = g_strdup (g_value_get_string (value) ? g_value_get_string (value) : "");
  return TRUE;
}

/* Converts @value to the type of the property @name of @klass. */
gboolean
pb_row_convert_value (GObjectClass  *klass,
               const char    *type_name,
               const char    *name,
               const GValue  *value,
               GValue        *out,
               GError       **error)
{
  GParamSpec *pspec = g_object_class_find_property (klass, name);

  if (pspec == NULL)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("A %s has no setting called “%s”."), type_name, name);
      return FALSE;
    }
  g_value_init (out, pspec->value_type);
  if (!g_value_transform (value, out))
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("The value given for “%s” has the wrong type."), name);
      return FALSE;
    }
  return TRUE;
}

static void
clear_gvalue (gpointer data)
{
  g_value_unset (data);
}

gboolean
pb_row_collect_properties (GType          type,
                           const char    *first_property_name,
                           va_list        args,
                           GPtrArray    **out_names,
                           GArray       **out_values,
                           GError       **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
  GObjectClass *klass = g_type_class_ref (type);
  const char *name = first_property_name;
  gboolean ok = TRUE;

  g_array_set_clear_func (values, clear_gvalue);

  while (name != NULL)
    {
      GParamSpec *pspec = g_object_class_find_property (klass, name);
      GValue value = G_VALUE_INIT;
      g_autofree char *collect_error = NULL;

      if (pspec == NULL)
        {
          g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                       _("A %s has no setting called “%s”."), g_type_name (type), name);
          ok = FALSE;
          break;
        }
      G_VALUE_COLLECT_INIT (&value, pspec->value_type, args, 0, &collect_error);
      if (collect_error != NULL)
        {
          g_critical ("%s: %s", G_STRFUNC, collect_error);
          ok = FALSE;
          break;
        }
      g_ptr_array_add (names, (gpointer) name);
      g_array_append_val (values, value);
      name = va_arg (args, const char *);
    }
  g_type_class_unref (klass);
  if (!ok)
    return FALSE;
  *out_names = g_steal_pointer (&names);
  *out_values = g_steal_pointer (&values);
  return TRUE;
}

char *
pb_row_strip_name (const char  *name,
                   const char  *empty_message,
                   GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name ? name : ""));

  if (stripped[0] == '\0')
    {
      g_set_error_literal (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID, empty_message);
      return NULL;
    }
  return g_steal_pointer (&stripped);
}

gboolean
pb_row_insert_category (PbStore     *self,
                 gint64       process_id,
                 const char  *name,
                 const char  *cap,
                 gint64      *out_id,
                 GError     **error)
{
  sqlite3_stmt *stmt = pb_store_prepare (self, "INSERT INTO categories (process_id, name, cap) VALUES (?, ?, ?);",
                                         error);
  g_autofree char *summary = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, process_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, cap, -1, SQLITE_TRANSIENT);
  if (!pb_row_step_done (self, stmt, error))
    return FALSE;
  *out_id = sqlite3_last_insert_rowid (pb_store_get_db (self));
  summary = g_strdup_printf ("Category “%s” added", name);
  return pb_row_audit_category (self, *out_id, process_id, name, cap, "category-add", summary, error);
}

gboolean
pb_row_insert_project (PbStore              *self,
                gint64                process_id,
                const PbProjectData  *d,
                const char           *kind,
                gint64               *out_id,
                GError              **error)
{
  sqlite3_stmt *stmt = pb_store_prepare (self, "INSERT INTO projects (process_id, " PROJECT_COLUMNS ")"
                                         " VALUES (?13, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12);",
                                         error);
  g_autofree char *summary = NULL;

  if (stmt == NULL)
    return FALSE;
  pb_row_bind_project (stmt, d);
  sqlite3_bind_int64 (stmt, 13, process_id);
  if (!pb_row_step_done (self, stmt, error))
    return FALSE;
  *out_id = sqlite3_last_insert_rowid (pb_store_get_db (self));
  summary = g_strdup_printf ("Project %s “%s” added, cost %s", d->code, d->title, d->cost);
  return pb_row_audit_project (self, *out_id, process_id, d, kind, summary, error);
}

gboolean
pb_row_update_project (PbStore              *self,
                    PbProject            *project,
                    const PbProjectData  *d,
                    const char           *kind,
                    const char           *summary,
                    GError              **error)
{
  sqlite3_stmt *stmt = pb_store_prepare (self, "UPDATE projects SET (" PROJECT_COLUMNS ")"
                                         " = (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
                                         " WHERE id = ?13;", error);

  if (stmt == NULL)
    return FALSE;
  pb_row_bind_project (stmt, d);
  sqlite3_bind_int64 (stmt, 13, project->id);
  return pb_row_step_done (self, stmt, error)
    && pb_row_audit_project (self, project->id, project->process_id, d, kind, summary, error);
}

gboolean
pb_store_insert_process_internal (PbStore        *self,
                                  PbProcessData  *d,
                                  const char     *summary,
                                  gint64         *out_id,
                                  GError        **error)
{
  return pb_row_insert_process (self, d, "import", summary, out_id, error);
}

gboolean
pb_store_insert_category_internal (PbStore     *self,
                                   gint64       process_id,
                                   const char  *name,
                                   gint64      *out_id,
                                   GError     **error)
{
  return pb_row_insert_category (self, process_id, name, "", out_id, error);
}

gboolean
pb_store_insert_project_internal (PbStore              *self,
                                  gint64                process_id,
                                  const PbProjectData  *d,
                                  gint64               *out_id,
                                  GError              **error)
{
  return pb_row_insert_project (self, process_id, d, "project-add", out_id, error);
}

/* Whether sqlite3_step() gave the row of @id that a reader asked for:
 * no row is "There is no @table …", any other failure SQLite's error. */
static gboolean
row_found (PbStore     *self,
           int          rc,
           const char  *table,
           gint64       id,
           GError     **error)
{
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    pb_store_set_sqlite_error (self, rc, error);
  else if (g_str_equal (table, "project"))
    g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND, _("There is no project %lld."), (long long) id);
  else
    g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND, _("There is no process %lld."), (long long) id);
  return FALSE;
}

/* Reads a process row back from the database (for verification). */
gboolean
pb_store_read_process_row (PbStore        *self,
                           gint64          id,
                           PbProcessData  *out,
                           GError        **error)
{
  sqlite3_stmt *stmt = pb_store_prepare (self, "SELECT " PROCESS_COLUMNS " FROM processes WHERE id = ?;", error);
  PbProcessData d;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      pb_row_read_process (stmt, 0, &d);
      pb_process_data_copy (out, &d);
    }
  sqlite3_reset (stmt);
  return row_found (self, rc, "process", id, error);
}

gboolean
pb_store_read_project_row (PbStore        *self,
                           gint64          id,
                           gint64         *out_process_id,
                           PbProjectData  *out,
                           GError        **error)
{
  sqlite3_stmt *stmt = pb_store_prepare (self, "SELECT process_id, " PROJECT_COLUMNS " FROM projects WHERE id = ?;",
                                         error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_process_id = sqlite3_column_int64 (stmt, 0);
      pb_row_read_project (stmt, 1, out);
    }
  sqlite3_reset (stmt);
  return row_found (self, rc, "project", id, error);
}

gboolean
pb_row_insert_phase_change (PbStore     *self,
                            gint64       process_id,
                            PbPhase      from,
                            PbPhase      to,
                            const char  *reason,
                            GError     **error)
{
  sqlite3_stmt *stmt = pb_store_prepare (self, "INSERT INTO phase_changes (process_id, from_phase, to_phase,"
                                         " time, reason) VALUES (?, ?, ?, ?, ?);", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, process_id);
  sqlite3_bind_text (stmt, 2, pb_phase_to_string (from), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, pb_phase_to_string (to), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
  sqlite3_bind_text (stmt, 5, reason ? reason : "", -1, SQLITE_TRANSIENT);
  return pb_row_step_done (self, stmt, error);
}
