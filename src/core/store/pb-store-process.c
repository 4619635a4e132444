/* pb-store-process.c: writing processes, phases, categories and projects.
 *
 * Each public function here is one transaction: it checks the request
 * against the phase (rules frozen from voting on, nothing changes once
 * published), writes the rows, appends the audit entries with the rows'
 * hashes, commits, and only then updates the live objects.
 */

#include "pb-config.h"

#include <glib/gi18n-lib.h>
#include <gobject/gvaluecollector.h>
#include <string.h>

#include "pb-decimal.h"
#include "pb-store-private.h"

#define PROCESS_COLUMNS \
  "name, description, currency, budget, phase, ballot_format, min_projects, max_projects," \
  " min_spent_percent, cost_limit, points_total, points_per_project, ranking_length," \
  " counting_rule, tie_break, voter_codes_required, archived, created"

#define PROJECT_COLUMNS \
  "code, title, summary, description, cost, category_id, status, status_reason, groups," \
  " image_path, location, position"

/* ---- Rows <-> data ------------------------------------------------------ */

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text ? text : "";
}

/* Reads PROCESS_COLUMNS starting at @first.  Strings point into @stmt:
 * copy with pb_process_data_copy() before stepping. */
static void
read_process_data (sqlite3_stmt  *stmt,
                   int            first,
                   PbProcessData *d)
{
  int c = first;

  d->name = (char *) column_text (stmt, c++);
  d->description = (char *) column_text (stmt, c++);
  d->currency = (char *) column_text (stmt, c++);
  d->budget = (char *) column_text (stmt, c++);
  if (!pb_phase_from_string (column_text (stmt, c++), &d->phase))
    d->phase = PB_PHASE_DRAFT;
  if (!pb_ballot_format_from_string (column_text (stmt, c++), &d->format))
    d->format = PB_BALLOT_FORMAT_APPROVAL;
  d->min_projects = sqlite3_column_int (stmt, c++);
  d->max_projects = sqlite3_column_int (stmt, c++);
  d->min_spent_percent = sqlite3_column_int (stmt, c++);
  d->cost_limit = (char *) column_text (stmt, c++);
  d->points_total = sqlite3_column_int (stmt, c++);
  d->points_per_project = sqlite3_column_int (stmt, c++);
  d->ranking_length = sqlite3_column_int (stmt, c++);
  d->counting_rule = (char *) column_text (stmt, c++);
  d->tie_break = (char *) column_text (stmt, c++);
  d->voter_codes_required = sqlite3_column_int (stmt, c++) != 0;
  d->archived = sqlite3_column_int (stmt, c++) != 0;
  d->created = sqlite3_column_int64 (stmt, c++);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  sqlite3_bind_text (stmt, column, text ? text : "", -1, SQLITE_TRANSIENT);
}

static void
bind_process_data (sqlite3_stmt        *stmt,
                   const PbProcessData *d)
{
  int c = 1;

  bind_text (stmt, c++, d->name);
  bind_text (stmt, c++, d->description);
  bind_text (stmt, c++, d->currency);
  bind_text (stmt, c++, d->budget);
  sqlite3_bind_text (stmt, c++, pb_phase_to_string (d->phase), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, c++, pb_ballot_format_to_string (d->format), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, c++, d->min_projects);
  sqlite3_bind_int64 (stmt, c++, d->max_projects);
  sqlite3_bind_int64 (stmt, c++, d->min_spent_percent);
  bind_text (stmt, c++, d->cost_limit);
  sqlite3_bind_int64 (stmt, c++, d->points_total);
  sqlite3_bind_int64 (stmt, c++, d->points_per_project);
  sqlite3_bind_int64 (stmt, c++, d->ranking_length);
  bind_text (stmt, c++, d->counting_rule);
  bind_text (stmt, c++, d->tie_break);
  sqlite3_bind_int (stmt, c++, d->voter_codes_required ? 1 : 0);
  sqlite3_bind_int (stmt, c++, d->archived ? 1 : 0);
  sqlite3_bind_int64 (stmt, c++, d->created);
}

/* Reads PROJECT_COLUMNS starting at @first into @d (copies). */
static void
read_project_data (sqlite3_stmt  *stmt,
                   int            first,
                   PbProjectData *d)
{
  int c = first;

  d->code = g_strdup (column_text (stmt, c++));
  d->title = g_strdup (column_text (stmt, c++));
  d->summary = g_strdup (column_text (stmt, c++));
  d->description = g_strdup (column_text (stmt, c++));
  d->cost = g_strdup (column_text (stmt, c++));
  d->category_id = sqlite3_column_int64 (stmt, c++);
  if (!pb_project_status_from_string (column_text (stmt, c++), &d->status))
    d->status = PB_PROJECT_STATUS_PROPOSED;
  d->status_reason = g_strdup (column_text (stmt, c++));
  d->groups = pb_groups_split (column_text (stmt, c++));
  d->image_path = g_strdup (column_text (stmt, c++));
  d->location = g_strdup (column_text (stmt, c++));
  d->position = sqlite3_column_int (stmt, c++);
}

static void
bind_project_data (sqlite3_stmt        *stmt,
                   const PbProjectData *d)
{
  int c = 1;

  bind_text (stmt, c++, d->code);
  bind_text (stmt, c++, d->title);
  bind_text (stmt, c++, d->summary);
  bind_text (stmt, c++, d->description);
  bind_text (stmt, c++, d->cost);
  if (d->category_id > 0)
    sqlite3_bind_int64 (stmt, c++, d->category_id);
  else
    sqlite3_bind_null (stmt, c++);
  sqlite3_bind_text (stmt, c++, pb_project_status_to_string (d->status), -1, SQLITE_STATIC);
  bind_text (stmt, c++, d->status_reason);
  {
    g_autofree char *groups = pb_groups_join (d->groups);

    sqlite3_bind_text (stmt, c++, groups, -1, SQLITE_TRANSIENT);
  }
  bind_text (stmt, c++, d->image_path);
  bind_text (stmt, c++, d->location);
  sqlite3_bind_int64 (stmt, c++, d->position);
}

/* Runs a prepared write that returns no rows. */
static gboolean
step_done (PbStore       *self,
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

static gboolean
audit_process (PbStore              *self,
               gint64                id,
               const PbProcessData  *d,
               const char           *kind,
               const char           *summary,
               GError              **error)
{
  guint8 hash[PB_HASH_BYTES];
  g_autofree char *subject = g_strdup_printf ("process %" G_GINT64_FORMAT, id);

  pb_hash_process_row (id, d, hash);
  return pb_store_audit_append (self, id, kind, subject, hash, summary, error);
}

static gboolean
audit_project (PbStore              *self,
               gint64                id,
               gint64                process_id,
               const PbProjectData  *d,
               const char           *kind,
               const char           *summary,
               GError              **error)
{
  guint8 hash[PB_HASH_BYTES];
  g_autofree char *subject = g_strdup_printf ("project %" G_GINT64_FORMAT, id);

  if (d == NULL)
    return pb_store_audit_append (self, process_id, kind, subject, NULL, summary, error);
  pb_hash_project_row (id, process_id, d, hash);
  return pb_store_audit_append (self, process_id, kind, subject, hash, summary, error);
}

static gboolean
audit_category (PbStore     *self,
                gint64       id,
                gint64       process_id,
                const char  *name,
                const char  *cap,
                const char  *kind,
                const char  *summary,
                GError     **error)
{
  guint8 hash[PB_HASH_BYTES];
  g_autofree char *subject = g_strdup_printf ("category %" G_GINT64_FORMAT, id);

  if (name == NULL)
    return pb_store_audit_append (self, process_id, kind, subject, NULL, summary, error);
  pb_hash_category_row (id, process_id, name, cap, hash);
  return pb_store_audit_append (self, process_id, kind, subject, hash, summary, error);
}

/* ---- Loading ------------------------------------------------------------ */

gboolean
pb_store_load_processes (PbStore  *self,
                         GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = pb_store_prepare (self, "SELECT id, " PROCESS_COLUMNS " FROM processes ORDER BY id;", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PbProcessData d;

      read_process_data (stmt, 1, &d);
      pb_store_add_process_object (self, pb_process_new_internal (sqlite3_column_int64 (stmt, 0), &d));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto fail;

  stmt = pb_store_prepare (self, "SELECT id, process_id, name, cap FROM categories ORDER BY id;", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PbProcess *process = pb_store_lookup_process (self, sqlite3_column_int64 (stmt, 1));

      if (process != NULL)
        pb_process_take_category (process,
                                  pb_category_new_internal (sqlite3_column_int64 (stmt, 0), process->id,
                                                            column_text (stmt, 2), column_text (stmt, 3)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto fail;

  stmt = pb_store_prepare (self, "SELECT id, process_id, " PROJECT_COLUMNS " FROM projects ORDER BY id;",
                           error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PbProcess *process = pb_store_lookup_process (self, sqlite3_column_int64 (stmt, 1));
      PbProjectData d = { NULL, };

      read_project_data (stmt, 2, &d);
      if (process != NULL)
        pb_process_take_project (process, pb_project_new_internal (sqlite3_column_int64 (stmt, 0),
                                                                   process->id, &d));
      pb_project_data_clear (&d);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto fail;

  stmt = pb_store_prepare (self, "SELECT process_id, count(*) FROM ballots GROUP BY process_id;", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PbProcess *process = pb_store_lookup_process (self, sqlite3_column_int64 (stmt, 0));

      if (process != NULL)
        pb_process_set_ballot_count (process, sqlite3_column_int (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto fail;
  return TRUE;

fail:
  pb_store_set_sqlite_error (self, rc, error);
  return FALSE;
}

/* ---- Refusals ----------------------------------------------------------- */

gboolean
pb_store_check_not_published (PbProcess  *process,
                              GError    **error)
{
  if (process->data.phase == PB_PHASE_PUBLISHED)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_READ_ONLY,
                   _("“%s” is published: it can no longer be changed."), process->data.name);
      return FALSE;
    }
  return TRUE;
}

gboolean
pb_store_check_not_frozen (PbProcess  *process,
                           GError    **error)
{
  if (!pb_store_check_not_published (process, error))
    return FALSE;
  if (process->data.phase >= PB_PHASE_VOTING)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_FROZEN,
                   _("The rules and projects of “%s” are frozen in the %s phase: the budget, ballot format, "
                     "rules, projects and costs cannot change once voting has opened."),
                   process->data.name, pb_phase_get_label (process->data.phase));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_amount (const char  *text,
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

/* ---- Processes ---------------------------------------------------------- */

static gboolean
insert_process (PbStore        *self,
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
  bind_process_data (stmt, d);
  if (!step_done (self, stmt, error))
    return FALSE;
  *out_id = sqlite3_last_insert_rowid (pb_store_get_db (self));
  return audit_process (self, *out_id, d, kind, summary, error);
}

static gboolean
update_process_row (PbStore              *self,
                    gint64                id,
                    const PbProcessData  *d,
                    GError              **error)
{
  sqlite3_stmt *stmt = pb_store_prepare (self, "UPDATE processes SET (" PROCESS_COLUMNS ")"
                                         " = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                         " WHERE id = ?19;", error);

  if (stmt == NULL)
    return FALSE;
  bind_process_data (stmt, d);
  sqlite3_bind_int64 (stmt, 19, id);
  return step_done (self, stmt, error);
}

static void
process_data_init_defaults (PbProcessData *d)
{
  memset (d, 0, sizeof *d);
  d->phase = PB_PHASE_DRAFT;
  d->format = PB_BALLOT_FORMAT_APPROVAL;
  d->counting_rule = (char *) "greedy-cost";
  d->tie_break = (char *) "cost,lot";
  d->created = g_get_real_time ();
}

PbProcess *
pb_store_create_process (PbStore     *self,
                         const char  *name,
                         const char  *currency,
                         const char  *budget,
                         GError     **error)
{
  PbProcessData d;
  g_autofree char *canonical_budget = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *stripped = NULL;
  gint64 id;
  PbProcess *process;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stripped = g_strstrip (g_strdup (name ? name : ""));
  if (stripped[0] == '\0')
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID, _("A process needs a name."));
      return NULL;
    }
  if (!check_amount (budget ? budget : "0", FALSE, _("budget"), &canonical_budget, error))
    return NULL;

  process_data_init_defaults (&d);
  d.name = stripped;
  d.currency = (char *) (currency ? currency : "");
  d.budget = canonical_budget;

  summary = g_strdup_printf ("Process “%s” created with a budget of %s %s", stripped, canonical_budget,
                             d.currency);
  if (!pb_store_begin (self, error))
    return NULL;
  if (!insert_process (self, &d, "process-create", summary, &id, error)
      || !pb_store_commit (self, error))
    {
      pb_store_rollback (self);
      return NULL;
    }
  process = pb_process_new_internal (id, &d);
  pb_store_add_process_object (self, process);
  return process;
}

/* The properties of a process that are rules: frozen from voting on. */
static gboolean
process_rules_changed (const PbProcessData *a,
                       const PbProcessData *b)
{
  return g_strcmp0 (a->budget, b->budget) != 0
    || g_strcmp0 (a->currency, b->currency) != 0
    || a->format != b->format
    || a->min_projects != b->min_projects
    || a->max_projects != b->max_projects
    || a->min_spent_percent != b->min_spent_percent
    || g_strcmp0 (a->cost_limit, b->cost_limit) != 0
    || a->points_total != b->points_total
    || a->points_per_project != b->points_per_project
    || a->ranking_length != b->ranking_length
    || g_strcmp0 (a->counting_rule, b->counting_rule) != 0
    || g_strcmp0 (a->tie_break, b->tie_break) != 0
    || a->voter_codes_required != b->voter_codes_required;
}

static gboolean
set_string (char       **field,
            const GValue *value)
{
  g_free (*field);
  *field = g_strdup (g_value_get_string (value) ? g_value_get_string (value) : "");
  return TRUE;
}

/* Converts @value to the type of the property @name of @klass. */
static gboolean
convert_value (GObjectClass  *klass,
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

static gboolean
apply_process_value (PbProcessData  *d,
                     const char     *name,
                     const GValue   *value,
                     GError        **error)
{
  g_auto(GValue) v = G_VALUE_INIT;

  if (!convert_value (g_type_class_peek (PB_TYPE_PROCESS), C_("object", "process"), name, value, &v, error))
    return FALSE;

  if (g_str_equal (name, "name"))
    {
      g_autofree char *stripped = g_strstrip (g_strdup (g_value_get_string (&v) ? g_value_get_string (&v) : ""));

      if (stripped[0] == '\0')
        {
          g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID, _("A process needs a name."));
          return FALSE;
        }
      g_free (d->name);
      d->name = g_steal_pointer (&stripped);
    }
  else if (g_str_equal (name, "description"))
    set_string (&d->description, &v);
  else if (g_str_equal (name, "currency"))
    set_string (&d->currency, &v);
  else if (g_str_equal (name, "budget") || g_str_equal (name, "cost-limit"))
    {
      gboolean is_budget = g_str_equal (name, "budget");
      char *canonical;

      if (!check_amount (g_value_get_string (&v), !is_budget, is_budget ? _("budget") : _("cost limit"),
                         &canonical, error))
        return FALSE;
      if (is_budget)
        {
          g_free (d->budget);
          d->budget = canonical;
        }
      else
        {
          g_free (d->cost_limit);
          d->cost_limit = canonical;
        }
    }
  else if (g_str_equal (name, "ballot-format"))
    d->format = g_value_get_enum (&v);
  else if (g_str_equal (name, "min-projects"))
    d->min_projects = g_value_get_uint (&v);
  else if (g_str_equal (name, "max-projects"))
    d->max_projects = g_value_get_uint (&v);
  else if (g_str_equal (name, "min-spent-percent"))
    {
      if (g_value_get_uint (&v) > 100)
        {
          g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                       _("The minimum share of the budget spent is a percentage from 0 to 100, not %u."),
                       g_value_get_uint (&v));
          return FALSE;
        }
      d->min_spent_percent = g_value_get_uint (&v);
    }
  else if (g_str_equal (name, "points-total"))
    d->points_total = g_value_get_uint (&v);
  else if (g_str_equal (name, "points-per-project"))
    d->points_per_project = g_value_get_uint (&v);
  else if (g_str_equal (name, "ranking-length"))
    d->ranking_length = g_value_get_uint (&v);
  else if (g_str_equal (name, "counting-rule"))
    set_string (&d->counting_rule, &v);
  else if (g_str_equal (name, "tie-break"))
    set_string (&d->tie_break, &v);
  else if (g_str_equal (name, "voter-codes-required"))
    d->voter_codes_required = g_value_get_boolean (&v);
  else if (g_str_equal (name, "archived"))
    d->archived = g_value_get_boolean (&v);
  else
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("The setting “%s” of a process cannot be changed this way."), name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_process_consistent (const PbProcessData  *d,
                          GError              **error)
{
  if (d->max_projects > 0 && d->min_projects > d->max_projects)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("The minimum number of projects (%u) is above the maximum (%u)."),
                   d->min_projects, d->max_projects);
      return FALSE;
    }
  if (d->format == PB_BALLOT_FORMAT_CUMULATIVE && d->points_per_project > 0 && d->points_total > 0
      && d->points_per_project > d->points_total)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("A project cannot get more points (%u) than a ballot has in all (%u)."),
                   d->points_per_project, d->points_total);
      return FALSE;
    }
  return TRUE;
}

gboolean
pb_store_edit_processv (PbStore      *self,
                        PbProcess    *process,
                        guint         n_properties,
                        const char   *names[],
                        const GValue  values[],
                        GError      **error)
{
  PbProcessData d;
  g_autoptr(GString) changed = g_string_new (NULL);
  g_autofree char *summary = NULL;
  gboolean only_archive = TRUE;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_PROCESS (process), FALSE);
  g_return_val_if_fail (n_properties == 0 || (names != NULL && values != NULL), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  pb_process_data_copy (&d, &process->data);
  for (guint i = 0; i < n_properties; i++)
    {
      if (!apply_process_value (&d, names[i], &values[i], error))
        goto fail_early;
      if (!g_str_equal (names[i], "archived"))
        only_archive = FALSE;
      g_string_append_printf (changed, "%s%s", changed->len ? ", " : "", names[i]);
    }
  if (!only_archive && !pb_store_check_not_published (process, error))
    goto fail_early;
  if (process_rules_changed (&d, &process->data) && !pb_store_check_not_frozen (process, error))
    goto fail_early;
  if (!check_process_consistent (&d, error))
    goto fail_early;

  summary = g_strdup_printf ("Process settings changed: %s", changed->str);
  if (!pb_store_begin (self, error))
    goto fail_early;
  if (!update_process_row (self, process->id, &d, error)
      || !audit_process (self, process->id, &d, "process-edit", summary, error)
      || !pb_store_commit (self, error))
    {
      pb_store_rollback (self);
      goto fail_early;
    }
  pb_process_update (process, &d);
  pb_process_data_clear (&d);
  return TRUE;

fail_early:
  pb_process_data_clear (&d);
  return FALSE;
}

/* Collects "name", value, … pairs into arrays of GValues, like
 * g_object_set() does, using the property types of @type. */
static gboolean
collect_properties (GType         type,
                    const char   *first_property_name,
                    va_list       args,
                    GPtrArray    *names,
                    GArray       *values,
                    GError      **error)
{
  GObjectClass *klass = g_type_class_ref (type);
  const char *name = first_property_name;
  gboolean ok = TRUE;

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
  return ok;
}

static void
clear_gvalue (gpointer data)
{
  g_value_unset (data);
}

gboolean
pb_store_edit_process (PbStore     *self,
                       PbProcess   *process,
                       GError     **error,
                       const char  *first_property_name,
                       ...)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
  va_list args;
  gboolean ok;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_PROCESS (process), FALSE);

  g_array_set_clear_func (values, clear_gvalue);
  va_start (args, first_property_name);
  ok = collect_properties (PB_TYPE_PROCESS, first_property_name, args, names, values, error);
  va_end (args);
  if (!ok)
    return FALSE;
  return pb_store_edit_processv (self, process, names->len, (const char **) names->pdata,
                                 (const GValue *) values->data, error);
}

static gboolean
insert_phase_change (PbStore     *self,
                     PbProcess   *process,
                     PbPhase      from,
                     PbPhase      to,
                     gint64       time,
                     const char  *reason,
                     GError     **error)
{
  sqlite3_stmt *stmt = pb_store_prepare (self, "INSERT INTO phase_changes (process_id, from_phase, to_phase,"
                                         " time, reason) VALUES (?, ?, ?, ?, ?);", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, process->id);
  sqlite3_bind_text (stmt, 2, pb_phase_to_string (from), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, pb_phase_to_string (to), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, time);
  sqlite3_bind_text (stmt, 5, reason ? reason : "", -1, SQLITE_TRANSIENT);
  return step_done (self, stmt, error);
}

gboolean
pb_store_set_phase (PbStore     *self,
                    PbProcess   *process,
                    PbPhase      phase,
                    const char  *reason,
                    GError     **error)
{
  PbPhase from;
  PbProcessData d;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_PROCESS (process), FALSE);
  g_return_val_if_fail (phase <= PB_PHASE_LAST, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  from = process->data.phase;
  if (from == PB_PHASE_PUBLISHED)
    return pb_store_check_not_published (process, error);
  if (!pb_phase_can_move (from, phase))
    {
      if (phase == from)
        g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_ILLEGAL_PHASE,
                     _("“%s” is already in the %s phase."), process->data.name, pb_phase_get_label (from));
      else
        g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_ILLEGAL_PHASE,
                     _("“%s” cannot go back from the %s phase to the %s phase: phases only move forward, "
                       "except that a closed vote can be re-opened before publication."),
                     process->data.name, pb_phase_get_label (from), pb_phase_get_label (phase));
      return FALSE;
    }
  if (from < PB_PHASE_VOTING && phase >= PB_PHASE_VOTING)
    {
      mpq_t budget;
      gboolean positive;

      mpq_init (budget);
      positive = pb_decimal_parse (process->data.budget, budget, NULL) && mpq_sgn (budget) > 0;
      mpq_clear (budget);
      if (!positive)
        {
          g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                       _("Voting cannot open for “%s”: its budget is not set."), process->data.name);
          return FALSE;
        }
      if (g_list_model_get_n_items (G_LIST_MODEL (process->ballot_projects)) == 0)
        {
          g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                       _("Voting cannot open for “%s”: no project has been reviewed as feasible."),
                       process->data.name);
          return FALSE;
        }
    }

  pb_process_data_copy (&d, &process->data);
  d.phase = phase;
  summary = g_strdup_printf ("Phase changed from %s to %s%s%s", pb_phase_to_string (from),
                             pb_phase_to_string (phase), reason && reason[0] ? ": " : "",
                             reason ? reason : "");
  if (!pb_store_begin (self, error))
    goto fail_early;
  if (!update_process_row (self, process->id, &d, error)
      || !insert_phase_change (self, process, from, phase, g_get_real_time (), reason, error)
      || !audit_process (self, process->id, &d, phase == PB_PHASE_PUBLISHED ? "publish" : "phase",
                         summary, error)
      || !pb_store_commit (self, error))
    {
      pb_store_rollback (self);
      goto fail_early;
    }
  pb_process_update (process, &d);
  pb_process_data_clear (&d);
  return TRUE;

fail_early:
  pb_process_data_clear (&d);
  return FALSE;
}

GListModel *
pb_store_list_phase_changes (PbStore    *self,
                             PbProcess  *process,
                             GError    **error)
{
  g_autoptr(GListStore) list = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (PB_IS_PROCESS (process), NULL);

  stmt = pb_store_prepare (self, "SELECT from_phase, to_phase, time, reason FROM phase_changes"
                           " WHERE process_id = ? ORDER BY id;", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process->id);
  list = g_list_store_new (PB_TYPE_PHASE_CHANGE);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PbPhase from = PB_PHASE_DRAFT, to = PB_PHASE_DRAFT;
      g_autoptr(PbPhaseChange) change = NULL;

      pb_phase_from_string (column_text (stmt, 0), &from);
      pb_phase_from_string (column_text (stmt, 1), &to);
      change = pb_phase_change_new_internal (from, to, sqlite3_column_int64 (stmt, 2), column_text (stmt, 3));
      g_list_store_append (list, change);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pb_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

static gboolean
insert_category (PbStore     *self,
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
  if (!step_done (self, stmt, error))
    return FALSE;
  *out_id = sqlite3_last_insert_rowid (pb_store_get_db (self));
  summary = g_strdup_printf ("Category “%s” added", name);
  return audit_category (self, *out_id, process_id, name, cap, "category-add", summary, error);
}

static gboolean
insert_project (PbStore              *self,
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
  bind_project_data (stmt, d);
  sqlite3_bind_int64 (stmt, 13, process_id);
  if (!step_done (self, stmt, error))
    return FALSE;
  *out_id = sqlite3_last_insert_rowid (pb_store_get_db (self));
  summary = g_strdup_printf ("Project %s “%s” added, cost %s", d->code, d->title, d->cost);
  return audit_project (self, *out_id, process_id, d, kind, summary, error);
}

PbProcess *
pb_store_duplicate_process (PbStore     *self,
                            PbProcess   *process,
                            const char  *name,
                            GError     **error)
{
  PbProcessData d;
  g_autofree char *stripped = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(GHashTable) category_map = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GPtrArray) new_projects = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) new_categories = g_ptr_array_new_with_free_func (g_object_unref);
  PbProcess *copy;
  gint64 id;
  guint n;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (PB_IS_PROCESS (process), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stripped = g_strstrip (g_strdup (name ? name : ""));
  if (stripped[0] == '\0')
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID, _("A process needs a name."));
      return NULL;
    }

  pb_process_data_copy (&d, &process->data);
  g_free (d.name);
  d.name = g_strdup (stripped);
  d.phase = PB_PHASE_DRAFT;
  d.archived = FALSE;
  d.created = g_get_real_time ();
  summary = g_strdup_printf ("Process “%s” created as a copy of process %" G_GINT64_FORMAT, stripped,
                             process->id);

  if (!pb_store_begin (self, error))
    goto fail_early;
  if (!insert_process (self, &d, "process-create", summary, &id, error))
    goto fail;

  n = g_list_model_get_n_items (G_LIST_MODEL (process->categories));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbCategory) category = g_list_model_get_item (G_LIST_MODEL (process->categories), i);
      gint64 new_id;

      if (!insert_category (self, id, category->name, category->cap, &new_id, error))
        goto fail;
      g_hash_table_insert (category_map, g_memdup2 (&category->id, sizeof (gint64)),
                           g_memdup2 (&new_id, sizeof (gint64)));
      g_ptr_array_add (new_categories, pb_category_new_internal (new_id, id, category->name, category->cap));
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (process->projects));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbProject) project = g_list_model_get_item (G_LIST_MODEL (process->projects), i);
      PbProjectData pd;
      gint64 *mapped;
      gint64 new_id;

      pb_project_data_copy (&pd, &project->data);
      mapped = g_hash_table_lookup (category_map, &pd.category_id);
      pd.category_id = mapped ? *mapped : 0;
      if (!insert_project (self, id, &pd, "project-add", &new_id, error))
        {
          pb_project_data_clear (&pd);
          goto fail;
        }
      g_ptr_array_add (new_projects, pb_project_new_internal (new_id, id, &pd));
      pb_project_data_clear (&pd);
    }
  if (!pb_store_commit (self, error))
    goto fail;

  copy = pb_process_new_internal (id, &d);
  for (guint i = 0; i < new_categories->len; i++)
    pb_process_take_category (copy, g_object_ref (new_categories->pdata[i]));
  for (guint i = 0; i < new_projects->len; i++)
    pb_process_take_project (copy, g_object_ref (new_projects->pdata[i]));
  pb_store_add_process_object (self, copy);
  pb_process_data_clear (&d);
  return copy;

fail:
  pb_store_rollback (self);
fail_early:
  pb_process_data_clear (&d);
  return NULL;
}

gboolean
pb_store_delete_process (PbStore    *self,
                         PbProcess  *process,
                         GError    **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *subject = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_PROCESS (process), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (process->ballot_count > 0)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_HAS_BALLOTS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "“%s” holds %u ballot and cannot be deleted; archive it instead.",
                                "“%s” holds %u ballots and cannot be deleted; archive it instead.",
                                process->ballot_count),
                   process->data.name, process->ballot_count);
      return FALSE;
    }

  subject = g_strdup_printf ("process %" G_GINT64_FORMAT, process->id);
  summary = g_strdup_printf ("Process “%s” deleted", process->data.name);
  if (!pb_store_begin (self, error))
    return FALSE;
  stmt = pb_store_prepare (self, "DELETE FROM processes WHERE id = ?;", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, process->id);
  if (!step_done (self, stmt, error)
      || !pb_store_audit_append (self, process->id, "process-delete", subject, NULL, summary, error)
      || !pb_store_commit (self, error))
    goto fail;
  pb_store_remove_process_object (self, process);
  return TRUE;

fail:
  pb_store_rollback (self);
  return FALSE;
}

/* ---- Categories --------------------------------------------------------- */

PbCategory *
pb_store_add_category (PbStore     *self,
                       PbProcess   *process,
                       const char  *name,
                       const char  *cap,
                       GError     **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *canonical_cap = NULL;
  PbCategory *category;
  gint64 id;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (PB_IS_PROCESS (process), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!pb_store_check_not_frozen (process, error))
    return NULL;
  stripped = g_strstrip (g_strdup (name ? name : ""));
  if (stripped[0] == '\0')
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID, _("A category needs a name."));
      return NULL;
    }
  if (!check_amount (cap, TRUE, _("category cap"), &canonical_cap, error))
    return NULL;

  if (!pb_store_begin (self, error))
    return NULL;
  if (!insert_category (self, process->id, stripped, canonical_cap, &id, error)
      || !pb_store_commit (self, error))
    {
      pb_store_rollback (self);
      return NULL;
    }
  category = pb_category_new_internal (id, process->id, stripped, canonical_cap);
  pb_process_take_category (process, category);
  return category;
}

gboolean
pb_store_edit_category (PbStore     *self,
                        PbCategory  *category,
                        const char  *name,
                        const char  *cap,
                        GError     **error)
{
  PbProcess *process;
  sqlite3_stmt *stmt;
  g_autofree char *stripped = NULL;
  g_autofree char *canonical_cap = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_CATEGORY (category), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  process = pb_store_lookup_process (self, category->process_id);
  g_return_val_if_fail (process != NULL, FALSE);

  stripped = g_strstrip (g_strdup (name ? name : ""));
  if (stripped[0] == '\0')
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID, _("A category needs a name."));
      return FALSE;
    }
  if (!check_amount (cap, TRUE, _("category cap"), &canonical_cap, error))
    return FALSE;
  if (!pb_store_check_not_published (process, error))
    return FALSE;
  if (g_strcmp0 (canonical_cap, category->cap) != 0 && !pb_store_check_not_frozen (process, error))
    return FALSE;

  summary = g_strdup_printf ("Category “%s” changed (cap “%s”)", stripped, canonical_cap);
  if (!pb_store_begin (self, error))
    return FALSE;
  stmt = pb_store_prepare (self, "UPDATE categories SET name = ?, cap = ? WHERE id = ?;", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, stripped, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, canonical_cap, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, category->id);
  if (!step_done (self, stmt, error)
      || !audit_category (self, category->id, process->id, stripped, canonical_cap, "category-edit", summary,
                          error)
      || !pb_store_commit (self, error))
    goto fail;
  pb_category_update (category, stripped, canonical_cap);
  return TRUE;

fail:
  pb_store_rollback (self);
  return FALSE;
}

static gboolean
update_project_row (PbStore              *self,
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
  bind_project_data (stmt, d);
  sqlite3_bind_int64 (stmt, 13, project->id);
  return step_done (self, stmt, error)
    && audit_project (self, project->id, project->process_id, d, kind, summary, error);
}

gboolean
pb_store_delete_category (PbStore     *self,
                          PbCategory  *category,
                          GError     **error)
{
  PbProcess *process;
  sqlite3_stmt *stmt;
  g_autofree char *summary = NULL;
  g_autoptr(GPtrArray) moved = g_ptr_array_new ();
  guint n;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_CATEGORY (category), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  process = pb_store_lookup_process (self, category->process_id);
  g_return_val_if_fail (process != NULL, FALSE);
  if (!pb_store_check_not_frozen (process, error))
    return FALSE;

  summary = g_strdup_printf ("Category “%s” deleted", category->name);
  if (!pb_store_begin (self, error))
    return FALSE;

  /* Its projects are written (and audited) without a category first, so
   * that every project row still matches its last audit entry. */
  n = g_list_model_get_n_items (G_LIST_MODEL (process->projects));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbProject) project = g_list_model_get_item (G_LIST_MODEL (process->projects), i);
      PbProjectData pd;
      gboolean ok;

      if (project->data.category_id != category->id)
        continue;
      pb_project_data_copy (&pd, &project->data);
      pd.category_id = 0;
      ok = update_project_row (self, project, &pd, "project-edit", "Project left without a category", error);
      pb_project_data_clear (&pd);
      if (!ok)
        goto fail;
      g_ptr_array_add (moved, project);
    }

  stmt = pb_store_prepare (self, "DELETE FROM categories WHERE id = ?;", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, category->id);
  if (!step_done (self, stmt, error)
      || !audit_category (self, category->id, process->id, NULL, NULL, "category-delete", summary, error)
      || !pb_store_commit (self, error))
    goto fail;

  for (guint i = 0; i < moved->len; i++)
    {
      PbProject *project = moved->pdata[i];
      PbProjectData pd;

      pb_project_data_copy (&pd, &project->data);
      pd.category_id = 0;
      pb_project_update (project, &pd);
      pb_project_data_clear (&pd);
    }
  pb_process_remove_category (process, category);
  return TRUE;

fail:
  pb_store_rollback (self);
  return FALSE;
}

/* ---- Projects ----------------------------------------------------------- */

/* Which project properties are rules (frozen from voting on). */
static gboolean
project_rules_changed (const PbProjectData *a,
                       const PbProjectData *b)
{
  return g_strcmp0 (a->cost, b->cost) != 0
    || a->category_id != b->category_id
    || a->status != b->status
    || !g_strv_equal ((const char * const *) a->groups, (const char * const *) b->groups);
}

static gboolean
apply_project_value (PbProcess      *process,
                     PbProjectData  *d,
                     const char     *name,
                     const GValue   *value,
                     GError        **error)
{
  g_auto(GValue) v = G_VALUE_INIT;

  if (!convert_value (g_type_class_peek (PB_TYPE_PROJECT), C_("object", "project"), name, value, &v, error))
    return FALSE;

  if (g_str_equal (name, "title") || g_str_equal (name, "code"))
    {
      g_autofree char *stripped = g_strstrip (g_strdup (g_value_get_string (&v) ? g_value_get_string (&v) : ""));

      if (stripped[0] == '\0')
        {
          if (g_str_equal (name, "title"))
            g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID, _("A project needs a title."));
          else
            g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID, _("A project’s code cannot be empty."));
          return FALSE;
        }
      if (g_str_equal (name, "title"))
        {
          g_free (d->title);
          d->title = g_steal_pointer (&stripped);
        }
      else
        {
          g_free (d->code);
          d->code = g_steal_pointer (&stripped);
        }
    }
  else if (g_str_equal (name, "summary"))
    set_string (&d->summary, &v);
  else if (g_str_equal (name, "description"))
    set_string (&d->description, &v);
  else if (g_str_equal (name, "cost"))
    {
      char *canonical;

      if (!check_amount (g_value_get_string (&v), FALSE, _("cost"), &canonical, error))
        return FALSE;
      g_free (d->cost);
      d->cost = canonical;
    }
  else if (g_str_equal (name, "category-id"))
    {
      gint64 category_id = g_value_get_int64 (&v);

      if (category_id != 0 && pb_process_lookup_category (process, category_id) == NULL)
        {
          g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND,
                       _("There is no category %lld in “%s”."), (long long) category_id,
                       process->data.name);
          return FALSE;
        }
      d->category_id = category_id;
    }
  else if (g_str_equal (name, "incompatibility-groups"))
    {
      const char * const *groups = g_value_get_boxed (&v);
      g_autoptr(GPtrArray) clean = g_ptr_array_new_with_free_func (g_free);

      /* Blank names and repeats carry no meaning; drop them. */
      for (guint i = 0; groups != NULL && groups[i] != NULL; i++)
        {
          char *group = g_strstrip (g_strdup (groups[i]));

          g_strdelimit (group, "\n\r", ' ');
          if (group[0] == '\0' || g_ptr_array_find_with_equal_func (clean, group, g_str_equal, NULL))
            g_free (group);
          else
            g_ptr_array_add (clean, group);
        }
      g_ptr_array_add (clean, NULL);
      g_strfreev (d->groups);
      d->groups = (char **) g_ptr_array_free (g_steal_pointer (&clean), FALSE);
    }
  else if (g_str_equal (name, "image-path"))
    set_string (&d->image_path, &v);
  else if (g_str_equal (name, "location"))
    set_string (&d->location, &v);
  else if (g_str_equal (name, "position"))
    d->position = g_value_get_uint (&v);
  else
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("The setting “%s” of a project cannot be changed this way."), name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
code_taken (PbProcess   *process,
            const char  *code,
            PbProject   *except)
{
  PbProject *other = pb_process_lookup_project_by_code (process, code);

  return other != NULL && other != except;
}

static PbProject *
add_projectv (PbStore       *self,
              PbProcess     *process,
              guint          n_properties,
              const char    *names[],
              const GValue   values[],
              GError       **error)
{
  PbProjectData d = { NULL, };
  PbProjectData empty = { NULL, };
  gboolean has_title = FALSE, has_cost = FALSE;
  PbProject *project = NULL;
  guint n, max_position = 0;
  gint64 id;

  if (!pb_store_check_not_frozen (process, error))
    return NULL;

  pb_project_data_copy (&d, &empty);
  n = g_list_model_get_n_items (G_LIST_MODEL (process->projects));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbProject) other = g_list_model_get_item (G_LIST_MODEL (process->projects), i);
      max_position = MAX (max_position, other->data.position + 1);
    }
  d.position = max_position;

  for (guint i = 0; i < n_properties; i++)
    {
      if (!apply_project_value (process, &d, names[i], &values[i], error))
        goto out;
      has_title |= g_str_equal (names[i], "title");
      has_cost |= g_str_equal (names[i], "cost");
    }
  if (!has_title || !has_cost)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID, _("A project needs a title and a cost."));
      goto out;
    }
  if (d.code[0] == '\0')
    {
      for (guint k = n + 1; d.code[0] == '\0' || code_taken (process, d.code, NULL); k++)
        {
          g_free (d.code);
          d.code = g_strdup_printf ("P%u", k);
        }
    }
  else if (code_taken (process, d.code, NULL))
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_DUPLICATE,
                   _("Another project of “%s” already has the code “%s”."), process->data.name, d.code);
      goto out;
    }

  if (!pb_store_begin (self, error))
    goto out;
  if (!insert_project (self, process->id, &d, "project-add", &id, error)
      || !pb_store_commit (self, error))
    {
      pb_store_rollback (self);
      goto out;
    }
  project = pb_project_new_internal (id, process->id, &d);
  pb_process_take_project (process, project);

out:
  pb_project_data_clear (&d);
  return project;
}

PbProject *
pb_store_add_project (PbStore     *self,
                      PbProcess   *process,
                      GError     **error,
                      const char  *first_property_name,
                      ...)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
  va_list args;
  gboolean ok;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (PB_IS_PROCESS (process), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_array_set_clear_func (values, clear_gvalue);
  va_start (args, first_property_name);
  ok = collect_properties (PB_TYPE_PROJECT, first_property_name, args, names, values, error);
  va_end (args);
  if (!ok)
    return NULL;
  return add_projectv (self, process, names->len, (const char **) names->pdata,
                       (const GValue *) values->data, error);
}

gboolean
pb_store_edit_projectv (PbStore      *self,
                        PbProject    *project,
                        guint         n_properties,
                        const char   *names[],
                        const GValue  values[],
                        GError      **error)
{
  PbProcess *process;
  PbProjectData d;
  g_autoptr(GString) changed = g_string_new (NULL);
  g_autofree char *summary = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (n_properties == 0 || (names != NULL && values != NULL), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  process = pb_store_lookup_process (self, project->process_id);
  g_return_val_if_fail (process != NULL, FALSE);
  if (!pb_store_check_not_published (process, error))
    return FALSE;

  pb_project_data_copy (&d, &project->data);
  for (guint i = 0; i < n_properties; i++)
    {
      if (!apply_project_value (process, &d, names[i], &values[i], error))
        goto out;
      g_string_append_printf (changed, "%s%s", changed->len ? ", " : "", names[i]);
    }
  if (project_rules_changed (&d, &project->data) && !pb_store_check_not_frozen (process, error))
    goto out;
  if (code_taken (process, d.code, project))
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_DUPLICATE,
                   _("Another project of “%s” already has the code “%s”."), process->data.name, d.code);
      goto out;
    }

  summary = g_strdup_printf ("Project %s changed: %s", d.code, changed->str);
  if (!pb_store_begin (self, error))
    goto out;
  if (!update_project_row (self, project, &d, "project-edit", summary, error)
      || !pb_store_commit (self, error))
    {
      pb_store_rollback (self);
      goto out;
    }
  pb_project_update (project, &d);
  pb_process_projects_changed (process);
  ok = TRUE;

out:
  pb_project_data_clear (&d);
  return ok;
}

gboolean
pb_store_edit_project (PbStore     *self,
                       PbProject   *project,
                       GError     **error,
                       const char  *first_property_name,
                       ...)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
  va_list args;
  gboolean ok;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_PROJECT (project), FALSE);

  g_array_set_clear_func (values, clear_gvalue);
  va_start (args, first_property_name);
  ok = collect_properties (PB_TYPE_PROJECT, first_property_name, args, names, values, error);
  va_end (args);
  if (!ok)
    return FALSE;
  return pb_store_edit_projectv (self, project, names->len, (const char **) names->pdata,
                                 (const GValue *) values->data, error);
}

gboolean
pb_store_set_project_status (PbStore          *self,
                             PbProject        *project,
                             PbProjectStatus   status,
                             const char       *reason,
                             GError          **error)
{
  PbProcess *process;
  PbProjectData d;
  g_autofree char *summary = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (status <= PB_PROJECT_STATUS_WITHDRAWN, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  process = pb_store_lookup_process (self, project->process_id);
  g_return_val_if_fail (process != NULL, FALSE);
  if (!pb_store_check_not_frozen (process, error))
    return FALSE;

  pb_project_data_copy (&d, &project->data);
  d.status = status;
  g_free (d.status_reason);
  d.status_reason = g_strdup (reason ? reason : "");
  summary = g_strdup_printf ("Project %s reviewed as %s%s%s", d.code, pb_project_status_to_string (status),
                             d.status_reason[0] ? ": " : "", d.status_reason);
  if (!pb_store_begin (self, error))
    goto out;
  if (!update_project_row (self, project, &d, "project-status", summary, error)
      || !pb_store_commit (self, error))
    {
      pb_store_rollback (self);
      goto out;
    }
  pb_project_update (project, &d);
  pb_process_projects_changed (process);
  ok = TRUE;

out:
  pb_project_data_clear (&d);
  return ok;
}

gboolean
pb_store_delete_project (PbStore    *self,
                         PbProject  *project,
                         GError    **error)
{
  PbProcess *process;
  sqlite3_stmt *stmt;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  process = pb_store_lookup_process (self, project->process_id);
  g_return_val_if_fail (process != NULL, FALSE);
  if (!pb_store_check_not_frozen (process, error))
    return FALSE;

  summary = g_strdup_printf ("Project %s “%s” deleted", project->data.code, project->data.title);
  if (!pb_store_begin (self, error))
    return FALSE;
  stmt = pb_store_prepare (self, "DELETE FROM projects WHERE id = ?;", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, project->id);
  if (!step_done (self, stmt, error)
      || !audit_project (self, project->id, process->id, NULL, "project-delete", summary, error)
      || !pb_store_commit (self, error))
    goto fail;
  pb_process_remove_project (process, project);
  return TRUE;

fail:
  pb_store_rollback (self);
  return FALSE;
}

/* For import: adds a process with its categories and projects inside the
 * caller's transaction. */
gboolean
pb_store_insert_process_internal (PbStore        *self,
                                  PbProcessData  *d,
                                  const char     *summary,
                                  gint64         *out_id,
                                  GError        **error)
{
  return insert_process (self, d, "import", summary, out_id, error);
}

gboolean
pb_store_insert_category_internal (PbStore     *self,
                                   gint64       process_id,
                                   const char  *name,
                                   gint64      *out_id,
                                   GError     **error)
{
  return insert_category (self, process_id, name, "", out_id, error);
}

gboolean
pb_store_insert_project_internal (PbStore              *self,
                                  gint64                process_id,
                                  const PbProjectData  *d,
                                  gint64               *out_id,
                                  GError              **error)
{
  return insert_project (self, process_id, d, "project-add", out_id, error);
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
      read_process_data (stmt, 0, &d);
      pb_process_data_copy (out, &d);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND, _("There is no process %lld."),
                     (long long) id);
      else
        pb_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
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
      read_project_data (stmt, 1, out);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND, _("There is no project %lld."),
                     (long long) id);
      else
        pb_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}
