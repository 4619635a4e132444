/* pb-store-process.c: writing processes and their phases.
 *
 * Each public function here is one transaction: it checks the request
 * against the phase (rules frozen from voting on, nothing changes once
 * published), writes the rows, appends the audit entries with the rows'
 * hashes, commits, and only then updates the live objects.
 */

#include "pb-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pb-decimal.h"
#include "pb-store-rows.h"

/* ---- Loading ------------------------------------------------------------ */

typedef void (*ReadRowFunc) (PbStore      *self,
                             sqlite3_stmt *stmt);

/* Runs the query @sql and gives each of its rows to @read_row. */
static gboolean
read_rows (PbStore      *self,
           const char   *sql,
           ReadRowFunc   read_row,
           GError      **error)
{
  sqlite3_stmt *stmt = pb_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    read_row (self, stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pb_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

static void
read_process_row (PbStore      *self,
                  sqlite3_stmt *stmt)
{
  PbProcessData d;

  pb_row_read_process (stmt, 1, &d);
  pb_store_add_process_object (self, pb_process_new_internal (sqlite3_column_int64 (stmt, 0), &d));
}

/* A category, project or ballot count whose process was not read is
 * passed over. */
static void
read_category_row (PbStore      *self,
                   sqlite3_stmt *stmt)
{
  PbProcess *process = pb_store_lookup_process (self, sqlite3_column_int64 (stmt, 1));

  if (process != NULL)
    pb_process_take_category (process,
                              pb_category_new_internal (sqlite3_column_int64 (stmt, 0), process->id,
                                                        pb_row_text (stmt, 2), pb_row_text (stmt, 3)));
}

static void
read_project_row (PbStore      *self,
                  sqlite3_stmt *stmt)
{
  PbProcess *process = pb_store_lookup_process (self, sqlite3_column_int64 (stmt, 1));
  PbProjectData d = { NULL, };

  pb_row_read_project (stmt, 2, &d);
  if (process != NULL)
    pb_process_take_project (process, pb_project_new_internal (sqlite3_column_int64 (stmt, 0), process->id, &d));
  pb_project_data_clear (&d);
}

static void
read_ballot_count_row (PbStore      *self,
                       sqlite3_stmt *stmt)
{
  PbProcess *process = pb_store_lookup_process (self, sqlite3_column_int64 (stmt, 0));

  if (process != NULL)
    pb_process_set_ballot_count (process, sqlite3_column_int (stmt, 1));
}

gboolean
pb_store_load_processes (PbStore  *self,
                         GError  **error)
{
  return read_rows (self, "SELECT id, " PROCESS_COLUMNS " FROM processes ORDER BY id;", read_process_row, error)
    && read_rows (self, "SELECT id, process_id, name, cap FROM categories ORDER BY id;", read_category_row, error)
    && read_rows (self, "SELECT id, process_id, " PROJECT_COLUMNS " FROM projects ORDER BY id;", read_project_row,
                  error)
    && read_rows (self, "SELECT process_id, count(*) FROM ballots GROUP BY process_id;", read_ballot_count_row,
                  error);
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

/* ---- Processes ---------------------------------------------------------- */

static void
process_data_init_defaults (PbProcessData *d)
{
  memset (d, 0, sizeof *d);
  d->phase = PB_PHASE_DRAFT;
  d->format = PB_BALLOT_FORMAT_APPROVAL;
  d->counting_rule = (char *) "greedy-cost";
  d->tie_break = (char *) "cost,votes,lot";  /* lowest cost, most supporters, lot (issue 7) */
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

  stripped = pb_row_strip_name (name, _("A process needs a name."), error);
  if (stripped == NULL)
    return NULL;
  if (!pb_row_check_amount (budget ? budget : "0", FALSE, _("budget"), &canonical_budget, error))
    return NULL;

  process_data_init_defaults (&d);
  d.name = stripped;
  d.currency = (char *) (currency ? currency : "");
  d.budget = canonical_budget;

  summary = g_strdup_printf ("Process “%s” created with a budget of %s %s", stripped, canonical_budget,
                             d.currency);
  if (!pb_store_begin (self, error))
    return NULL;
  if (!pb_row_insert_process (self, &d, "process-create", summary, &id, error)
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
apply_process_value (PbProcessData  *d,
                     const char     *name,
                     const GValue   *value,
                     GError        **error)
{
  g_auto(GValue) v = G_VALUE_INIT;

  if (!pb_row_convert_value (g_type_class_peek (PB_TYPE_PROCESS), C_("object", "process"), name, value, &v, error))
    return FALSE;

  if (g_str_equal (name, "name"))
    {
      g_autofree char *stripped = pb_row_strip_name (g_value_get_string (&v), _("A process needs a name."), error);

      if (stripped == NULL)
        return FALSE;
      g_free (d->name);
      d->name = g_steal_pointer (&stripped);
    }
  else if (g_str_equal (name, "description"))
    pb_row_set_string (&d->description, &v);
  else if (g_str_equal (name, "currency"))
    pb_row_set_string (&d->currency, &v);
  else if (g_str_equal (name, "budget") || g_str_equal (name, "cost-limit"))
    {
      gboolean is_budget = g_str_equal (name, "budget");
      char *canonical;

      if (!pb_row_check_amount (g_value_get_string (&v), !is_budget, is_budget ? _("budget") : _("cost limit"),
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
    pb_row_set_string (&d->counting_rule, &v);
  else if (g_str_equal (name, "tie-break"))
    pb_row_set_string (&d->tie_break, &v);
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

/* Writes @d over the row of @process in a transaction of its own, with
 * the record of its phase change (when @d moves it, for @reason) and its
 * audit entry, and only then updates the live object. */
static gboolean
write_process (PbStore              *self,
               PbProcess            *process,
               const PbProcessData  *d,
               const char           *reason,
               const char           *kind,
               const char           *summary,
               GError              **error)
{
  PbPhase from = process->data.phase;

  if (!pb_store_begin (self, error))
    return FALSE;
  if (!pb_row_update_process (self, process->id, d, error)
      || (d->phase != from && !pb_row_insert_phase_change (self, process->id, from, d->phase, reason, error))
      || !pb_row_audit_process (self, process->id, d, kind, summary, error)
      || !pb_store_commit (self, error))
    {
      pb_store_rollback (self);
      return FALSE;
    }
  pb_process_update (process, d);
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
  gboolean ok = FALSE;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_PROCESS (process), FALSE);
  g_return_val_if_fail (n_properties == 0 || (names != NULL && values != NULL), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  pb_process_data_copy (&d, &process->data);
  for (guint i = 0; i < n_properties; i++)
    {
      if (!apply_process_value (&d, names[i], &values[i], error))
        goto out;
      if (!g_str_equal (names[i], "archived"))
        only_archive = FALSE;
      g_string_append_printf (changed, "%s%s", changed->len ? ", " : "", names[i]);
    }
  if (!only_archive && !pb_store_check_not_published (process, error))
    goto out;
  if (process_rules_changed (&d, &process->data) && !pb_store_check_not_frozen (process, error))
    goto out;
  if (!check_process_consistent (&d, error))
    goto out;

  summary = g_strdup_printf ("Process settings changed: %s", changed->str);
  ok = write_process (self, process, &d, NULL, "process-edit", summary, error);

out:
  pb_process_data_clear (&d);
  return ok;
}

/* Collects "name", value, … pairs into arrays of GValues, like
 * g_object_set() does, using the property types of PbProcess. */
gboolean
pb_store_edit_process (PbStore     *self,
                       PbProcess   *process,
                       GError     **error,
                       const char  *first_property_name,
                       ...)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GArray) values = NULL;
  va_list args;
  gboolean ok;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_PROCESS (process), FALSE);

  va_start (args, first_property_name);
  ok = pb_row_collect_properties (PB_TYPE_PROCESS, first_property_name, args, &names, &values, error);
  va_end (args);
  if (!ok)
    return FALSE;
  return pb_store_edit_processv (self, process, names->len, (const char **) names->pdata,
                                 (const GValue *) values->data, error);
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
  gboolean ok;

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
  ok = write_process (self, process, &d, reason, phase == PB_PHASE_PUBLISHED ? "publish" : "phase", summary,
                      error);
  pb_process_data_clear (&d);
  return ok;
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

      pb_phase_from_string (pb_row_text (stmt, 0), &from);
      pb_phase_from_string (pb_row_text (stmt, 1), &to);
      change = pb_phase_change_new_internal (from, to, sqlite3_column_int64 (stmt, 2), pb_row_text (stmt, 3));
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

  stripped = pb_row_strip_name (name, _("A process needs a name."), error);
  if (stripped == NULL)
    return NULL;

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
  if (!pb_row_insert_process (self, &d, "process-create", summary, &id, error))
    goto fail;

  n = g_list_model_get_n_items (G_LIST_MODEL (process->categories));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbCategory) category = g_list_model_get_item (G_LIST_MODEL (process->categories), i);
      gint64 new_id;

      if (!pb_row_insert_category (self, id, category->name, category->cap, &new_id, error))
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
      if (!pb_row_insert_project (self, id, &pd, "project-add", &new_id, error))
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
  if (!pb_row_step_done (self, stmt, error)
      || !pb_store_audit_append (self, process->id, "process-delete", subject, NULL, summary, error)
      || !pb_store_commit (self, error))
    goto fail;
  pb_store_remove_process_object (self, process);
  return TRUE;

fail:
  pb_store_rollback (self);
  return FALSE;
}
