/* pb-ballot-rules.c: checking a ballot against its process's rules.
 *
 * The kiosk, paper entry, import and merge all call pb_ballot_validate(),
 * so that one ballot is valid or not whatever way it arrived.  Amounts are
 * summed exactly (GMP rationals) and messages show them formatted in the
 * process's currency.
 */

#include "pb-config.h"

#include <glib/gi18n-lib.h>

#include "pb-decimal.h"
#include "pb-store-private.h"

G_DEFINE_QUARK (pb-ballot-error-quark, pb_ballot_error)

/* Which rules to check: all of them, or only those more choices cannot
 * repair (for the kiosk's "can I add this?"). */
typedef enum {
  CHECK_ALL,
  CHECK_UPPER_LIMITS,
} CheckMode;

static char *
money (PbProcess  *process,
       const mpq_t value)
{
  g_autofree char *text = pb_decimal_to_string (value);

  return pb_money_format (text, process->data.currency);
}

static gboolean
parse_amount (const char *text,
              mpq_t       out)
{
  return text != NULL && text[0] != '\0' && pb_decimal_parse (text, out, NULL);
}

static gboolean
check_projects (PbProcess              *process,
                const PbBallotChoices  *choices,
                GError                **error)
{
  guint n = pb_ballot_choices_get_n_entries (choices);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < n; i++)
    {
      gint64 id = pb_ballot_choices_get_project (choices, i);
      PbProject *project = pb_process_lookup_project (process, id);

      if (project == NULL)
        {
          g_set_error (error, PB_BALLOT_ERROR, PB_BALLOT_ERROR_UNKNOWN_PROJECT,
                       _("The ballot names project %lld, which is not part of “%s”."),
                       (long long) id, process->data.name);
          return FALSE;
        }
      if (!pb_project_is_on_ballot (project))
        {
          g_set_error (error, PB_BALLOT_ERROR, PB_BALLOT_ERROR_PROJECT_NOT_ON_BALLOT,
                       _("“%s” is not on the ballot (it is %s)."), project->data.title,
                       pb_project_status_get_label (project->data.status));
          return FALSE;
        }
    }
  for (guint i = 0; i < n; i++)
    {
      gint64 id = pb_ballot_choices_get_project (choices, i);
      PbProject *project = pb_process_lookup_project (process, id);

      if (g_hash_table_contains (seen, &project->id))
        {
          if (process->data.format == PB_BALLOT_FORMAT_RANKING)
            g_set_error (error, PB_BALLOT_ERROR, PB_BALLOT_ERROR_REPEATED_PROJECT,
                         _("“%s” is ranked more than once; each project can have only one place."),
                         project->data.title);
          else
            g_set_error (error, PB_BALLOT_ERROR, PB_BALLOT_ERROR_REPEATED_PROJECT,
                         _("“%s” is chosen more than once."), project->data.title);
          return FALSE;
        }
      g_hash_table_add (seen, &project->id);
    }
  return TRUE;
}

static gboolean
check_counts (PbProcess              *process,
              const PbBallotChoices  *choices,
              CheckMode               mode,
              GError                **error)
{
  const PbProcessData *d = &process->data;
  guint n = pb_ballot_choices_get_n_entries (choices);

  if (d->format == PB_BALLOT_FORMAT_CUMULATIVE)
    for (guint i = 0; i < n; i++)
      if (pb_ballot_choices_get_points (choices, i) == 0)
        {
          PbProject *project = pb_process_lookup_project (process, pb_ballot_choices_get_project (choices, i));

          g_set_error (error, PB_BALLOT_ERROR, PB_BALLOT_ERROR_ZERO_POINTS,
                       _("“%s” is on the ballot with no points; give it at least one point or leave it out."),
                       project->data.title);
          return FALSE;
        }

  if (mode == CHECK_ALL && d->min_projects > 0 && n < d->min_projects)
    {
      /* Translators: the whole sentence is "You chose 2 projects; choose at least 3." */
      g_autofree char *chose = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "You chose %u project;",
                                                             "You chose %u projects;", n), n);
      g_set_error (error, PB_BALLOT_ERROR, PB_BALLOT_ERROR_TOO_FEW_PROJECTS,
                   g_dngettext (GETTEXT_PACKAGE, "%s choose at least %u.", "%s choose at least %u.",
                                d->min_projects),
                   chose, d->min_projects);
      return FALSE;
    }
  if (d->max_projects > 0 && n > d->max_projects)
    {
      g_autofree char *chose = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "You chose %u project;",
                                                             "You chose %u projects;", n), n);
      g_set_error (error, PB_BALLOT_ERROR, PB_BALLOT_ERROR_TOO_MANY_PROJECTS,
                   g_dngettext (GETTEXT_PACKAGE, "%s at most %u is allowed.", "%s at most %u are allowed.",
                                d->max_projects),
                   chose, d->max_projects);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_costs (PbProcess              *process,
             const PbBallotChoices  *choices,
             CheckMode               mode,
             gint64                  added,
             GError                **error)
{
  const PbProcessData *d = &process->data;
  guint n = pb_ballot_choices_get_n_entries (choices);
  g_autofree char *limit_text = pb_process_dup_effective_cost_limit (process);
  g_autoptr(GHashTable) category_sums = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  gboolean ok = TRUE;
  mpq_t total, cost, limit, threshold;
  GHashTableIter iter;
  gpointer key, value;

  mpq_inits (total, cost, limit, threshold, NULL);
  for (guint i = 0; i < n; i++)
    {
      PbProject *project = pb_process_lookup_project (process, pb_ballot_choices_get_project (choices, i));
      mpq_t *sum;

      if (!parse_amount (project->data.cost, cost))
        mpq_set_ui (cost, 0, 1);
      mpq_add (total, total, cost);
      if (project->data.category_id != 0)
        {
          sum = g_hash_table_lookup (category_sums, &project->data.category_id);
          if (sum == NULL)
            {
              /* mpq_t is an array type: keep one per category on the heap. */
              sum = g_new (mpq_t, 1);
              mpq_init (*sum);
              g_hash_table_insert (category_sums, &project->data.category_id, sum);
            }
          mpq_add (*sum, *sum, cost);
        }
    }

  if (limit_text != NULL && parse_amount (limit_text, limit) && mpq_cmp (total, limit) > 0)
    {
      g_autofree char *total_text = money (process, total);
      g_autofree char *limit_money = money (process, limit);
      PbProject *project = added ? pb_process_lookup_project (process, added) : NULL;

      if (project != NULL)
        g_set_error (error, PB_BALLOT_ERROR, PB_BALLOT_ERROR_OVER_BUDGET,
                     _("Adding “%s” would bring your total to %s; the limit is %s."),
                     project->data.title, total_text, limit_money);
      else
        g_set_error (error, PB_BALLOT_ERROR, PB_BALLOT_ERROR_OVER_BUDGET,
                     _("Your choices cost %s in all; the limit is %s."), total_text, limit_money);
      ok = FALSE;
      goto out;
    }

  if (mode == CHECK_ALL && d->min_spent_percent > 0)
    {
      if (limit_text == NULL || !parse_amount (limit_text, limit))
        parse_amount (d->budget, limit);
      mpq_set_ui (threshold, d->min_spent_percent, 100);
      mpq_mul (threshold, threshold, limit);
      if (mpq_cmp (total, threshold) < 0)
        {
          g_autofree char *total_text = money (process, total);
          g_autofree char *threshold_text = money (process, threshold);
          g_autofree char *limit_money = money (process, limit);

          g_set_error (error, PB_BALLOT_ERROR, PB_BALLOT_ERROR_TOO_LITTLE_SPENT,
                       _("Your choices cost %s; choose projects worth at least %s (%u%% of %s)."),
                       total_text, threshold_text, d->min_spent_percent,
                       limit_money);
          ok = FALSE;
          goto out;
        }
    }

  g_hash_table_iter_init (&iter, category_sums);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      PbCategory *category = pb_process_lookup_category (process, *(gint64 *) key);
      mpq_t *sum = value;

      if (category != NULL && parse_amount (category->cap, limit) && mpq_cmp (*sum, limit) > 0)
        {
          g_autofree char *sum_text = money (process, *sum);
          g_autofree char *cap_text = money (process, limit);

          g_set_error (error, PB_BALLOT_ERROR, PB_BALLOT_ERROR_CATEGORY_CAP,
                       _("Your choices in “%s” cost %s; at most %s may go to that category."),
                       category->name, sum_text, cap_text);
          ok = FALSE;
          break;
        }
    }

out:
  g_hash_table_iter_init (&iter, category_sums);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    mpq_clear (*(mpq_t *) value);
  mpq_clears (total, cost, limit, threshold, NULL);
  return ok;
}

static gboolean
check_points_and_ranking (PbProcess              *process,
                          const PbBallotChoices  *choices,
                          GError                **error)
{
  const PbProcessData *d = &process->data;
  guint n = pb_ballot_choices_get_n_entries (choices);

  if (d->format == PB_BALLOT_FORMAT_CUMULATIVE)
    {
      guint total = pb_ballot_choices_get_total_points (choices);

      if (d->points_total > 0 && total > d->points_total)
        {
          g_autofree char *gave = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "You gave %u point;",
                                                                "You gave %u points;", total), total);
          g_set_error (error, PB_BALLOT_ERROR, PB_BALLOT_ERROR_POINTS_TOTAL,
                       g_dngettext (GETTEXT_PACKAGE, "%s you have %u point in all.",
                                    "%s you have %u points in all.", d->points_total),
                       gave, d->points_total);
          return FALSE;
        }
      for (guint i = 0; d->points_per_project > 0 && i < n; i++)
        {
          guint points = pb_ballot_choices_get_points (choices, i);

          if (points > d->points_per_project)
            {
              PbProject *project = pb_process_lookup_project (process, pb_ballot_choices_get_project (choices, i));
              g_autofree char *gave = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "You gave “%s” %u point;",
                                                                    "You gave “%s” %u points;", points),
                                                       project->data.title, points);
              g_set_error (error, PB_BALLOT_ERROR, PB_BALLOT_ERROR_POINTS_PER_PROJECT,
                           g_dngettext (GETTEXT_PACKAGE, "%s one project can get at most %u point.",
                                        "%s one project can get at most %u points.", d->points_per_project),
                           gave, d->points_per_project);
              return FALSE;
            }
        }
    }

  if (d->format == PB_BALLOT_FORMAT_RANKING && d->ranking_length > 0 && n > d->ranking_length)
    {
      g_autofree char *ranked = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "You ranked %u project;",
                                                              "You ranked %u projects;", n), n);
      g_set_error (error, PB_BALLOT_ERROR, PB_BALLOT_ERROR_RANKING_TOO_LONG,
                   g_dngettext (GETTEXT_PACKAGE, "%s a ranking holds at most %u.",
                                "%s a ranking holds at most %u.", d->ranking_length),
                   ranked, d->ranking_length);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_incompatible (PbProcess              *process,
                    const PbBallotChoices  *choices,
                    GError                **error)
{
  guint n = pb_ballot_choices_get_n_entries (choices);

  for (guint i = 0; i < n; i++)
    {
      PbProject *a = pb_process_lookup_project (process, pb_ballot_choices_get_project (choices, i));

      if (a->data.groups[0] == NULL)
        continue;
      for (guint j = i + 1; j < n; j++)
        {
          PbProject *b = pb_process_lookup_project (process, pb_ballot_choices_get_project (choices, j));

          if (pb_project_is_incompatible_with (a, b))
            {
              g_set_error (error, PB_BALLOT_ERROR, PB_BALLOT_ERROR_INCOMPATIBLE,
                           _("“%s” and “%s” cannot both be chosen: they are alternatives for the same place."),
                           a->data.title, b->data.title);
              return FALSE;
            }
        }
    }
  return TRUE;
}

static gboolean
check (PbProcess              *process,
       const PbBallotChoices  *choices,
       CheckMode               mode,
       gint64                  added,
       GError                **error)
{
  PbBallotFormat format = pb_ballot_choices_get_format (choices);

  if (format != process->data.format)
    {
      g_set_error (error, PB_BALLOT_ERROR, PB_BALLOT_ERROR_WRONG_FORMAT,
                   _("This is a %s ballot, but “%s” uses %s ballots."),
                   pb_ballot_format_get_label (format), process->data.name,
                   pb_ballot_format_get_label (process->data.format));
      return FALSE;
    }
  return check_projects (process, choices, error)
    && check_counts (process, choices, mode, error)
    && check_costs (process, choices, mode, added, error)
    && check_points_and_ranking (process, choices, error)
    && check_incompatible (process, choices, error);
}

gboolean
pb_ballot_validate (PbProcess              *process,
                    const PbBallotChoices  *choices,
                    GError                **error)
{
  g_return_val_if_fail (PB_IS_PROCESS (process), FALSE);
  g_return_val_if_fail (choices != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return check (process, choices, CHECK_ALL, 0, error);
}

gboolean
pb_ballot_check_add (PbProcess              *process,
                     const PbBallotChoices  *choices,
                     gint64                  project_id,
                     guint                   points,
                     GError                **error)
{
  g_autoptr(PbBallotChoices) next = NULL;

  g_return_val_if_fail (PB_IS_PROCESS (process), FALSE);
  g_return_val_if_fail (choices != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  next = pb_ballot_choices_copy (choices);
  if (process->data.format == PB_BALLOT_FORMAT_CUMULATIVE)
    pb_ballot_choices_set_points (next, project_id, MAX (points, 1));
  else
    pb_ballot_choices_add (next, project_id, 1);
  return check (process, next, CHECK_UPPER_LIMITS, project_id, error);
}

char *
pb_ballot_choices_dup_total_cost (PbProcess             *process,
                                  const PbBallotChoices *choices)
{
  guint n;
  mpq_t total, cost;
  char *text;

  g_return_val_if_fail (PB_IS_PROCESS (process), NULL);
  g_return_val_if_fail (choices != NULL, NULL);

  mpq_inits (total, cost, NULL);
  n = pb_ballot_choices_get_n_entries (choices);
  for (guint i = 0; i < n; i++)
    {
      PbProject *project = pb_process_lookup_project (process, pb_ballot_choices_get_project (choices, i));

      if (project != NULL && parse_amount (project->data.cost, cost))
        mpq_add (total, total, cost);
    }
  text = pb_decimal_to_string (total);
  mpq_clears (total, cost, NULL);
  return text;
}
