/* pb-store-election.c: loading a process into the counting engine's
 * PbElection, and creating a process from one (Pabulib import). */

#include "pb-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pb-decimal.h"
#include "pb-store-election.h"
#include "pb-store-private.h"
#include "pb-store-rows.h"

static PbVoteType
vote_type_for_format (PbBallotFormat format)
{
  switch (format)
    {
    case PB_BALLOT_FORMAT_CUMULATIVE: return PB_VOTE_TYPE_CUMULATIVE;
    case PB_BALLOT_FORMAT_RANKING: return PB_VOTE_TYPE_ORDINAL;
    case PB_BALLOT_FORMAT_APPROVAL:
    case PB_BALLOT_FORMAT_KNAPSACK:
    default: return PB_VOTE_TYPE_APPROVAL;
    }
}

static void
set_meta_uint (PbElection *election,
               const char *key,
               guint       value)
{
  g_autofree char *text = NULL;

  if (value == 0)
    return;
  text = g_strdup_printf ("%u", value);
  pb_election_set_meta (election, key, text);
}

/* "2026-11-29T17:20:51.123456Z" from microseconds since the epoch. */
static char *
format_cast_at (gint64 usec)
{
  g_autoptr(GDateTime) time = pb_date_time_new_from_usec (usec);

  return time != NULL ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%S.%fZ") : g_strdup ("");
}

PbElection *
pb_store_load_election (PbStore    *self,
                        PbProcess  *process,
                        GError    **error)
{
  return pb_store_load_election_full (self, process, PB_STORE_LOAD_DEFAULT, error);
}

PbElection *
pb_store_load_election_full (PbStore           *self,
                             PbProcess         *process,
                             PbStoreLoadFlags   flags,
                             GError           **error)
{
  g_autoptr(PbElection) election = NULL;
  g_autoptr(GHashTable) index_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) projects = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *limit = NULL;
  const PbProcessData *d;
  GListModel *ballot_projects;
  sqlite3_stmt *stmt;
  gboolean has_points;
  gboolean details = (flags & PB_STORE_LOAD_BALLOT_DETAILS) != 0;
  guint method_column = 0, kiosk_column = 0, cast_at_column = 0;
  guint n;
  int rc;
  mpq_t amount;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (PB_IS_PROCESS (process), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  d = &process->data;
  election = pb_election_new (vote_type_for_format (d->format));
  has_points = pb_vote_type_has_points (election->vote_type);

  mpq_init (amount);
  if (!pb_decimal_parse (d->budget, amount, NULL))
    mpq_set_ui (amount, 0, 1);
  pb_election_set_budget (election, amount);

  pb_election_set_meta (election, "description", d->name);
  pb_election_set_meta (election, "vote_type", pb_vote_type_to_string (election->vote_type));
  if (d->currency[0] != '\0')
    pb_election_set_meta (election, "currency", d->currency);
  if (d->counting_rule[0] != '\0')
    pb_election_set_meta (election, "rule", d->counting_rule);
  set_meta_uint (election, "min_length", d->min_projects);
  set_meta_uint (election, "max_length", d->format == PB_BALLOT_FORMAT_RANKING && d->ranking_length > 0
                 ? (d->max_projects > 0 ? MIN (d->max_projects, d->ranking_length) : d->ranking_length)
                 : d->max_projects);
  limit = pb_process_dup_effective_cost_limit (process);
  if (limit != NULL)
    pb_election_set_meta (election, "max_sum_cost", limit);
  if (d->format == PB_BALLOT_FORMAT_CUMULATIVE)
    {
      set_meta_uint (election, "max_sum_points", d->points_total);
      set_meta_uint (election, "max_points", d->points_per_project);
    }

  /* The projects on the ballot, in list order. */
  ballot_projects = G_LIST_MODEL (process->ballot_projects);
  n = g_list_model_get_n_items (ballot_projects);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbProject) project = g_list_model_get_item (ballot_projects, i);
      PbCategory *category = pb_process_lookup_category (process, project->data.category_id);
      int index;

      if (!pb_decimal_parse (project->data.cost, amount, NULL))
        mpq_set_ui (amount, 0, 1);
      index = pb_election_add_project (election, project->data.code, amount, project->data.title,
                                       category ? category->name : NULL, error);
      if (index < 0)
        {
          mpq_clear (amount);
          return NULL;
        }
      g_hash_table_insert (index_of, g_memdup2 (&project->id, sizeof (gint64)), GINT_TO_POINTER (index + 1));
    }
  mpq_clear (amount);

  /* How, where and when each ballot was cast: never who cast it (a
   * ballot row records no voter code). */
  if (details)
    {
      method_column = pb_election_add_voter_column (election, "method");
      kiosk_column = pb_election_add_voter_column (election, "kiosk");
      cast_at_column = pb_election_add_voter_column (election, "cast_at");
      stmt = pb_store_prepare (self, "SELECT b.uuid, b.choices, b.method, k.public_key, b.cast_time"
                               " FROM ballots b JOIN kiosks k ON k.id = b.kiosk_id"
                               " WHERE b.process_id = ? ORDER BY b.id;", error);
    }
  else
    stmt = pb_store_prepare (self, "SELECT uuid, choices FROM ballots WHERE process_id = ? ORDER BY id;", error);
  pb_election_reserve (election, process->ballot_count, (gsize) process->ballot_count * 4);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *p = (const char *) sqlite3_column_text (stmt, 1);
      int ballot;

      /* Parsed in place rather than through PbBallotChoices: this loop
       * runs once per ballot and must stay fast. */
      g_array_set_size (projects, 0);
      g_array_set_size (points, 0);
      while (p != NULL && *p != '\0')
        {
          char *end;
          gint64 id = g_ascii_strtoll (p, &end, 10);
          gint64 value = 1;
          guint32 index;

          if (end == p)
            break;
          p = end;
          if (*p == ':')
            {
              value = g_ascii_strtoll (p + 1, &end, 10);
              p = end;
            }
          if (*p == ',')
            p++;
          index = GPOINTER_TO_INT (g_hash_table_lookup (index_of, &id));
          if (index == 0)
            {
              g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                           _("Ballot %s names a project that is not on the ballot of “%s”."),
                           (const char *) sqlite3_column_text (stmt, 0), d->name);
              sqlite3_reset (stmt);
              return NULL;
            }
          index--;
          g_array_append_val (projects, index);
          g_array_append_val (points, value);
        }
      ballot = pb_election_add_ballot (election, (const char *) sqlite3_column_text (stmt, 0),
                                       (const guint32 *) projects->data,
                                       has_points ? (const gint64 *) points->data : NULL, projects->len, error);
      if (ballot < 0)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      if (details)
        {
          g_autofree char *cast_at = format_cast_at (sqlite3_column_int64 (stmt, 4));

          pb_election_set_voter_extra (election, (guint) ballot, method_column,
                                       (const char *) sqlite3_column_text (stmt, 2));
          pb_election_set_voter_extra (election, (guint) ballot, kiosk_column,
                                       (const char *) sqlite3_column_text (stmt, 3));
          pb_election_set_voter_extra (election, (guint) ballot, cast_at_column, cast_at);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pb_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&election);
}

/* ---- Import ------------------------------------------------------------- */

static guint
meta_uint (const PbElection *election,
           const char       *key)
{
  const char *value = pb_election_get_meta (election, key);
  guint64 number = 0;

  /* Pabulib writes some integers as "5.0". */
  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &number, NULL))
    {
      mpq_t q;

      mpq_init (q);
      if (value != NULL && pb_decimal_parse_nonneg (value, q, NULL) && mpz_cmp_ui (mpq_denref (q), 1) == 0
          && mpz_fits_uint_p (mpq_numref (q)))
        number = mpz_get_ui (mpq_numref (q));
      mpq_clear (q);
    }
  return (guint) number;
}

static char *
import_name (const PbElection *election)
{
  const char *description = pb_election_get_meta (election, "description");
  const char *unit = pb_election_get_meta (election, "unit");
  const char *instance = pb_election_get_meta (election, "instance");

  if (description != NULL && description[0] != '\0')
    return g_strdup (description);
  if (unit != NULL && unit[0] != '\0')
    return g_strdup_printf ("%s%s%s", unit, instance ? " " : "", instance ? instance : "");
  return g_strdup (_("Imported process"));
}

PbProcess *
pb_store_import_election (PbStore           *self,
                          const PbElection  *election,
                          const char        *name,
                          gboolean           with_ballots,
                          GError           **error)
{
  PbProcessData d = { NULL, };
  g_autofree char *process_name = NULL;
  g_autofree char *budget = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(PbProcess) process = NULL;
  g_autoptr(GHashTable) category_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree gint64 *project_ids = NULL;
  const char *currency;
  const char *max_sum_cost;
  gint64 process_id;
  guint n_zero_points = 0;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (election != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  process_name = name != NULL && name[0] != '\0' ? g_strdup (name) : import_name (election);
  budget = pb_decimal_to_string (election->budget);
  currency = pb_election_get_meta (election, "currency");
  max_sum_cost = pb_election_get_meta (election, "max_sum_cost");

  d.name = process_name;
  d.description = (char *) (pb_election_get_meta (election, "comment") ? pb_election_get_meta (election, "comment")
                            : "");
  d.currency = (char *) (currency ? currency : "");
  d.budget = budget;
  d.phase = with_ballots ? PB_PHASE_CLOSED : PB_PHASE_DRAFT;
  d.counting_rule = (char *) "greedy-cost";
  d.tie_break = (char *) "cost,votes,lot";
  d.created = g_get_real_time ();
  d.min_projects = meta_uint (election, "min_length");
  d.max_projects = meta_uint (election, "max_length");
  switch (election->vote_type)
    {
    case PB_VOTE_TYPE_CHOOSE_ONE:
      d.format = PB_BALLOT_FORMAT_APPROVAL;
      d.max_projects = 1;
      break;
    case PB_VOTE_TYPE_CUMULATIVE:
    case PB_VOTE_TYPE_SCORING:
      d.format = PB_BALLOT_FORMAT_CUMULATIVE;
      d.points_total = meta_uint (election, "max_sum_points");
      d.points_per_project = meta_uint (election, "max_points");
      break;
    case PB_VOTE_TYPE_ORDINAL:
      d.format = PB_BALLOT_FORMAT_RANKING;
      d.ranking_length = d.max_projects;
      break;
    case PB_VOTE_TYPE_APPROVAL:
    default:
      d.format = PB_BALLOT_FORMAT_APPROVAL;
      break;
    }
  if (max_sum_cost != NULL && pb_decimal_is_valid (max_sum_cost))
    d.cost_limit = pb_decimal_normalize (max_sum_cost, NULL);
  else
    d.cost_limit = g_strdup ("");

  summary = g_strdup_printf ("Process “%s” imported from a Pabulib file: %u projects, %u ballots%s", process_name,
                             election->n_projects, election->n_ballots, with_ballots ? "" : " (left out)");
  project_ids = g_new0 (gint64, MAX (election->n_projects, 1));

  if (!pb_store_begin (self, error))
    goto fail_early;
  if (!pb_store_insert_process_internal (self, &d, summary, &process_id, error))
    goto fail;
  if (with_ballots && !pb_row_insert_phase_change (self, process_id, PB_PHASE_DRAFT, PB_PHASE_CLOSED,
                                                          "Imported with its ballots", error))
    goto fail;
  process = pb_process_new_internal (process_id, &d);

  for (guint i = 0; i < election->n_projects; i++)
    {
      const PbElectionProject *ep = &election->projects[i];
      g_auto(GStrv) categories = ep->category ? g_strsplit (ep->category, ",", 2) : NULL;
      g_autofree char *category = categories && categories[0] ? g_strstrip (g_strdup (categories[0])) : NULL;
      PbProjectData pd = { NULL, };
      gint64 category_id = 0;
      gint64 project_id;
      const char *empty[] = { NULL };

      if (category != NULL && category[0] != '\0')
        {
          gint64 *known = g_hash_table_lookup (category_ids, category);

          if (known != NULL)
            category_id = *known;
          else
            {
              if (!pb_store_insert_category_internal (self, process_id, category, &category_id, error))
                goto fail;
              g_hash_table_insert (category_ids, g_strdup (category), g_memdup2 (&category_id, sizeof category_id));
              pb_process_take_category (process, pb_category_new_internal (category_id, process_id, category, ""));
            }
        }
      pd.code = (char *) ep->id;
      pd.title = (char *) (ep->name && ep->name[0] ? ep->name : ep->id);
      pd.cost = pb_decimal_to_string (ep->cost);
      pd.category_id = category_id;
      pd.status = PB_PROJECT_STATUS_FEASIBLE;
      pd.status_reason = (char *) "Imported from a Pabulib file";
      pd.groups = (char **) empty;
      pd.position = i;
      if (!pb_store_insert_project_internal (self, process_id, &pd, &project_id, error))
        {
          g_free (pd.cost);
          goto fail;
        }
      project_ids[i] = project_id;
      pb_process_take_project (process, pb_project_new_internal (project_id, process_id, &pd));
      g_free (pd.cost);
    }

  if (with_ballots)
    {
      gint64 now = g_get_real_time ();

      for (guint b = 0; b < election->n_ballots; b++)
        {
          const guint32 *bp = pb_election_ballot_projects (election, b);
          const gint64 *points = pb_election_ballot_points (election, b);
          g_autoptr(PbBallotChoices) choices = pb_ballot_choices_new (d.format);
          g_autoptr(GError) rule_error = NULL;
          g_autofree char *text = NULL;
          g_autofree char *uuid = NULL;

          for (guint k = 0; k < election->ballots[b].n_choices; k++)
            {
              /* Pabulib files may list a project with 0 points; it gives
               * the project no support, and Pb's ballots list only
               * projects that get points, so it is left out (and
               * counted in the audit entry). */
              if (points != NULL && points[k] <= 0)
                {
                  n_zero_points++;
                  continue;
                }
              pb_ballot_choices_add (choices, project_ids[bp[k]],
                                     points != NULL ? (guint) MIN (points[k], G_MAXUINT) : 1);
            }
          if (!pb_ballot_validate (process, choices, &rule_error))
            {
              g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                           _("The ballot of voter “%s” breaks the rules of the file: %s"),
                           election->ballots[b].voter_id, rule_error->message);
              goto fail;
            }
          text = pb_ballot_choices_to_string (choices);
          uuid = g_uuid_string_random ();
          if (!pb_store_insert_ballot (self, process, uuid, pb_store_get_kiosk_row (self),
                                       pb_store_get_kiosk_id (self), PB_BALLOT_METHOD_IMPORT, now, text, FALSE, NULL,
                                       error))
            goto fail;
        }
    }
  if (n_zero_points > 0)
    {
      g_autofree char *note = g_strdup_printf ("%u ballot entries with 0 points were left out of the import",
                                               n_zero_points);

      if (!pb_store_audit_append (self, process_id, "import", "", NULL, note, error))
        goto fail;
    }
  if (!pb_store_commit (self, error))
    goto fail;

  if (with_ballots)
    pb_process_set_ballot_count (process, election->n_ballots);
  pb_store_add_process_object (self, g_object_ref (process));
  g_free (d.cost_limit);
  return process;

fail:
  pb_store_rollback (self);
fail_early:
  g_free (d.cost_limit);
  return NULL;
}
