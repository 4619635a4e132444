/* pb-store-project.c: writing categories and projects.
 *
 * Like every writer of the store, each public function is one
 * transaction with its audit entries, and the live objects change only
 * after the commit.  Costs, categories, caps, review status and
 * incompatibility groups are rules: frozen from the voting phase on.
 */

#include "pb-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pb-decimal.h"
#include "pb-store-rows.h"

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
  stripped = pb_row_strip_name (name, _("A category needs a name."), error);
  if (stripped == NULL)
    return NULL;
  if (!pb_row_check_amount (cap, TRUE, _("category cap"), &canonical_cap, error))
    return NULL;

  if (!pb_store_begin (self, error))
    return NULL;
  if (!pb_row_insert_category (self, process->id, stripped, canonical_cap, &id, error)
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

  stripped = pb_row_strip_name (name, _("A category needs a name."), error);
  if (stripped == NULL)
    return FALSE;
  if (!pb_row_check_amount (cap, TRUE, _("category cap"), &canonical_cap, error))
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
  if (!pb_row_step_done (self, stmt, error)
      || !pb_row_audit_category (self, category->id, process->id, stripped, canonical_cap, "category-edit", summary,
                          error)
      || !pb_store_commit (self, error))
    goto fail;
  pb_category_update (category, stripped, canonical_cap);
  return TRUE;

fail:
  pb_store_rollback (self);
  return FALSE;
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
      ok = pb_row_update_project (self, project, &pd, "project-edit", "Project left without a category", error);
      pb_project_data_clear (&pd);
      if (!ok)
        goto fail;
      g_ptr_array_add (moved, project);
    }

  stmt = pb_store_prepare (self, "DELETE FROM categories WHERE id = ?;", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, category->id);
  if (!pb_row_step_done (self, stmt, error)
      || !pb_row_audit_category (self, category->id, process->id, NULL, NULL, "category-delete", summary, error)
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

  if (!pb_row_convert_value (g_type_class_peek (PB_TYPE_PROJECT), C_("object", "project"), name, value, &v, error))
    return FALSE;

  if (g_str_equal (name, "title") || g_str_equal (name, "code"))
    {
      g_autofree char *stripped = NULL;

      stripped = pb_row_strip_name (g_value_get_string (&v),
                                    g_str_equal (name, "title") ? _("A project needs a title.")
                                                                : _("A project’s code cannot be empty."),
                                    error);
      if (stripped == NULL)
        return FALSE;
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
    pb_row_set_string (&d->summary, &v);
  else if (g_str_equal (name, "description"))
    pb_row_set_string (&d->description, &v);
  else if (g_str_equal (name, "cost"))
    {
      char *canonical;

      if (!pb_row_check_amount (g_value_get_string (&v), FALSE, _("cost"), &canonical, error))
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
    pb_row_set_string (&d->image_path, &v);
  else if (g_str_equal (name, "location"))
    pb_row_set_string (&d->location, &v);
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

/* Writes @d over the row of @project in a transaction of its own, with
 * its audit entry, and only then updates the live objects. */
static gboolean
write_project (PbStore              *self,
               PbProcess            *process,
               PbProject            *project,
               const PbProjectData  *d,
               const char           *kind,
               const char           *summary,
               GError              **error)
{
  if (!pb_store_begin (self, error))
    return FALSE;
  if (!pb_row_update_project (self, project, d, kind, summary, error)
      || !pb_store_commit (self, error))
    {
      pb_store_rollback (self);
      return FALSE;
    }
  pb_project_update (project, d);
  pb_process_projects_changed (process);
  return TRUE;
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
  if (!pb_row_insert_project (self, process->id, &d, "project-add", &id, error)
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
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GArray) values = NULL;
  va_list args;
  gboolean ok;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (PB_IS_PROCESS (process), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  va_start (args, first_property_name);
  ok = pb_row_collect_properties (PB_TYPE_PROJECT, first_property_name, args, &names, &values, error);
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
  ok = write_project (self, process, project, &d, "project-edit", summary, error);

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
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GArray) values = NULL;
  va_list args;
  gboolean ok;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_PROJECT (project), FALSE);

  va_start (args, first_property_name);
  ok = pb_row_collect_properties (PB_TYPE_PROJECT, first_property_name, args, &names, &values, error);
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
  gboolean ok;

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
  ok = write_project (self, process, project, &d, "project-status", summary, error);
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
  if (!pb_row_step_done (self, stmt, error)
      || !pb_row_audit_project (self, project->id, process->id, NULL, "project-delete", summary, error)
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
