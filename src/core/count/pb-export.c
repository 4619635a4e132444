/* pb-export.c: the JSON, CSV and text exports of a count. */

#include "pb-config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "pb-decimal.h"
#include "pb-export.h"

static void
add_amount (JsonBuilder *builder,
            const char  *key,
            const mpq_t  value)
{
  g_autofree char *text = pb_decimal_to_string (value);

  json_builder_set_member_name (builder, key);
  json_builder_add_string_value (builder, text);
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *key,
                    const char  *value)
{
  json_builder_set_member_name (builder, key);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_count_or_null (JsonBuilder *builder,
                   const char  *key,
                   gint64       value)
{
  json_builder_set_member_name (builder, key);
  if (value >= 0)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* Utilitarian optimum: another set reaches as many approvals, with this
 * project if it was left out, without it if it was funded. */
static gboolean
has_alternative (const PbProjectOutcome *po)
{
  return po->best_with >= 0 && po->best_with == po->best_without;
}

static void
build_tie_breaking (JsonBuilder     *builder,
                    const PbOutcome *outcome)
{
  g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, outcome->seed);

  json_builder_set_member_name (builder, "tie_breaking");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, pb_tie_break_to_string (outcome->tie_break));
  json_builder_set_member_name (builder, "chain");
  json_builder_begin_array (builder);
  switch (outcome->tie_break)
    {
    case PB_TIE_BREAK_LEXICO:
      json_builder_add_string_value (builder, "project-id");
      break;
    case PB_TIE_BREAK_COST_LOT:
      json_builder_add_string_value (builder, "lowest-cost");
      json_builder_add_string_value (builder, "lot");
      break;
    case PB_TIE_BREAK_VOTES_COST_LOT:
      json_builder_add_string_value (builder, "most-supporters");
      json_builder_add_string_value (builder, "lowest-cost");
      json_builder_add_string_value (builder, "lot");
      break;
    case PB_TIE_BREAK_DEFAULT:
    default:
      json_builder_add_string_value (builder, "lowest-cost");
      json_builder_add_string_value (builder, "most-supporters");
      json_builder_add_string_value (builder, "lot");
      break;
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "seed");
  if (pb_tie_break_uses_lot (outcome->tie_break))
    json_builder_add_string_value (builder, seed);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

static void
build_outcome (JsonBuilder      *builder,
               const PbElection *election,
               const PbOutcome  *outcome)
{
  gboolean equal_shares = outcome->mes_runs > 0
                          || outcome->rule == PB_RULE_MES_COST || outcome->rule == PB_RULE_MES_CARD
                          || outcome->rule == PB_RULE_MES_POINTS;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "rule");
  json_builder_add_string_value (builder, pb_rule_to_string (outcome->rule));
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, pb_rule_describe (outcome->rule));

  json_builder_set_member_name (builder, "parameters");
  json_builder_begin_object (builder);
  add_amount (builder, "budget", outcome->budget);
  json_builder_set_member_name (builder, "voters");
  json_builder_add_int_value (builder, outcome->n_voters);
  json_builder_set_member_name (builder, "vote_type");
  json_builder_add_string_value (builder, pb_vote_type_to_string (election->vote_type));
  if (equal_shares)
    {
      add_amount (builder, "voter_budget", outcome->voter_budget);
      json_builder_set_member_name (builder, "mes_runs");
      json_builder_add_int_value (builder, outcome->mes_runs);
    }
  json_builder_end_object (builder);

  build_tie_breaking (builder, outcome);

  json_builder_set_member_name (builder, "selected");
  json_builder_begin_array (builder);
  for (guint i = 0; i < outcome->n_selected; i++)
    json_builder_add_string_value (builder, election->projects[outcome->selected[i]].id);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "selection_order_meaningful");
  json_builder_add_boolean_value (builder, pb_rule_has_order (outcome->rule));
  add_amount (builder, "total_cost", outcome->total_cost);
  json_builder_set_member_name (builder, "exhaustive");
  json_builder_add_boolean_value (builder, outcome->exhaustive);

  json_builder_set_member_name (builder, "ties");
  json_builder_begin_array (builder);
  for (guint t = 0; t < outcome->n_ties; t++)
    {
      const PbTie *tie = &outcome->ties[t];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "round");
      json_builder_add_int_value (builder, tie->round);
      json_builder_set_member_name (builder, "projects");
      json_builder_begin_array (builder);
      for (guint i = 0; i < tie->n_projects; i++)
        json_builder_add_string_value (builder, election->projects[tie->projects[i]].id);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "projects");
  json_builder_begin_array (builder);
  for (guint p = 0; p < outcome->n_projects; p++)
    {
      const PbProjectOutcome *po = &outcome->projects[p];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, election->projects[p].id);
      add_amount (builder, "cost", election->projects[p].cost);
      json_builder_set_member_name (builder, "supporters");
      json_builder_add_int_value (builder, po->supporters);
      add_amount (builder, "score", po->score);
      json_builder_set_member_name (builder, "funded");
      json_builder_add_boolean_value (builder, po->funded);
      json_builder_set_member_name (builder, "position");
      if (po->funded)
        json_builder_add_int_value (builder, po->position);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "fate");
      json_builder_add_string_value (builder, pb_project_fate_to_string (po->fate));
      json_builder_set_member_name (builder, "rank");
      if (po->rank > 0)
        json_builder_add_int_value (builder, po->rank);
      else
        json_builder_add_null_value (builder);
      if (po->rank > 0)
        add_amount (builder, "money_left", po->money_left);
      else
        add_string_or_null (builder, "money_left", NULL);
      json_builder_set_member_name (builder, "round");
      if (po->round > 0)
        json_builder_add_int_value (builder, po->round);
      else
        json_builder_add_null_value (builder);
      if (mpq_sgn (po->rho) != 0)
        add_amount (builder, "rho", po->rho);
      else
        add_string_or_null (builder, "rho", NULL);
      if (equal_shares && po->fate != PB_PROJECT_FATE_NO_SUPPORT)
        add_amount (builder, "share", po->share);
      else
        add_string_or_null (builder, "share", NULL);
      add_string_or_null (builder, "beaten_by",
                          po->beaten_by >= 0 ? election->projects[po->beaten_by].id : NULL);
      add_count_or_null (builder, "best_with", po->best_with);
      add_count_or_null (builder, "best_without", po->best_without);
      if (has_alternative (po))
        add_amount (builder, "alternative_cost", po->alternative_cost);
      else
        add_string_or_null (builder, "alternative_cost", NULL);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

JsonNode *
pb_export_outcome_json (const PbElection *election,
                        const PbOutcome  *outcome)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (election != NULL, NULL);
  g_return_val_if_fail (outcome != NULL, NULL);

  build_outcome (builder, election, outcome);
  return json_builder_get_root (builder);
}

static const char *
voter_column (const PbElection *election,
              guint             ballot,
              int               column)
{
  return column >= 0 ? pb_election_voter_extra (election, ballot, (guint) column) : NULL;
}

static int
find_voter_column (const PbElection *election,
                   const char       *name)
{
  for (guint c = 0; c < election->n_voter_columns; c++)
    if (strcmp (election->voter_columns[c], name) == 0)
      return (int) c;
  return -1;
}

JsonNode *
pb_export_json (const PbElection  *election,
                const char        *process_name,
                PbOutcome *const  *outcomes,
                guint              n_outcomes)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  int method_column, kiosk_column, cast_at_column;
  gboolean has_points, ordinal;

  g_return_val_if_fail (election != NULL, NULL);
  g_return_val_if_fail (n_outcomes == 0 || outcomes != NULL, NULL);

  if (process_name == NULL)
    process_name = pb_election_get_meta (election, "description");
  method_column = find_voter_column (election, "voting_method");
  if (method_column < 0)
    method_column = find_voter_column (election, "method");
  kiosk_column = find_voter_column (election, "kiosk");
  cast_at_column = find_voter_column (election, "cast_at");
  has_points = pb_vote_type_has_points (election->vote_type);
  ordinal = election->vote_type == PB_VOTE_TYPE_ORDINAL;

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "process");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, process_name != NULL ? process_name : "");
  add_amount (builder, "budget", election->budget);
  add_string_or_null (builder, "currency", pb_election_get_meta (election, "currency"));
  json_builder_set_member_name (builder, "vote_type");
  json_builder_add_string_value (builder, pb_vote_type_to_string (election->vote_type));
  json_builder_set_member_name (builder, "meta");
  json_builder_begin_object (builder);
  for (guint i = 0; i < election->n_meta; i++)
    {
      json_builder_set_member_name (builder, election->meta_keys[i]);
      json_builder_add_string_value (builder, election->meta_values[i]);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "projects");
  json_builder_begin_array (builder);
  for (guint p = 0; p < election->n_projects; p++)
    {
      const PbElectionProject *project = &election->projects[p];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, project->id);
      add_string_or_null (builder, "name", project->name);
      add_amount (builder, "cost", project->cost);
      add_string_or_null (builder, "category", project->category);
      json_builder_set_member_name (builder, "extra");
      json_builder_begin_object (builder);
      for (guint c = 0; c < election->n_project_columns; c++)
        if (project->extra[c] != NULL)
          {
            json_builder_set_member_name (builder, election->project_columns[c]);
            json_builder_add_string_value (builder, project->extra[c]);
          }
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "ballots");
  json_builder_begin_array (builder);
  for (guint b = 0; b < election->n_ballots; b++)
    {
      const guint32 *projects = pb_election_ballot_projects (election, b);
      const gint64 *points = pb_election_ballot_points (election, b);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, election->ballots[b].voter_id);
      add_string_or_null (builder, "method", voter_column (election, b, method_column));
      add_string_or_null (builder, "kiosk", voter_column (election, b, kiosk_column));
      add_string_or_null (builder, "cast_at", voter_column (election, b, cast_at_column));
      json_builder_set_member_name (builder, "choices");
      json_builder_begin_array (builder);
      for (guint i = 0; i < election->ballots[b].n_choices; i++)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "project");
          json_builder_add_string_value (builder, election->projects[projects[i]].id);
          if (has_points)
            {
              json_builder_set_member_name (builder, "points");
              json_builder_add_int_value (builder, points[i]);
            }
          if (ordinal)
            {
              json_builder_set_member_name (builder, "rank");
              json_builder_add_int_value (builder, i + 1);
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_outcomes; i++)
    build_outcome (builder, election, outcomes[i]);
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
pb_export_json_to_string (JsonNode *node,
                          gsize    *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  char *result;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  result = g_strconcat (text, "\n", NULL);
  if (length != NULL)
    *length = strlen (result);
  return result;
}

/* ---- CSV -------------------------------------------------------------------- */

static void
csv_field (GString    *out,
           const char *value,
           gboolean    first)
{
  if (!first)
    g_string_append_c (out, ',');
  if (value == NULL)
    return;
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *c = value; *c != '\0'; c++)
    {
      if (*c == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *c);
    }
  g_string_append_c (out, '"');
}

static void
csv_amount (GString     *out,
            const mpq_t  value,
            gboolean     present)
{
  g_autofree char *text = present ? pb_decimal_to_string (value) : NULL;

  csv_field (out, text, FALSE);
}

static void
csv_project (GString          *out,
             const PbElection *election,
             const PbOutcome  *outcome,
             guint             p)
{
  const PbProjectOutcome *po = &outcome->projects[p];
  g_autofree char *position = po->funded ? g_strdup_printf ("%u", po->position) : NULL;
  g_autofree char *supporters = g_strdup_printf ("%u", po->supporters);
  g_autofree char *rank = po->rank > 0 ? g_strdup_printf ("%u", po->rank) : NULL;
  g_autofree char *round = po->round > 0 ? g_strdup_printf ("%u", po->round) : NULL;
  g_autofree char *best_with = po->best_with >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, po->best_with) : NULL;
  g_autofree char *best_without = po->best_without >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, po->best_without) : NULL;

  csv_field (out, position, TRUE);
  csv_field (out, election->projects[p].id, FALSE);
  csv_field (out, election->projects[p].name, FALSE);
  csv_amount (out, election->projects[p].cost, TRUE);
  csv_field (out, supporters, FALSE);
  csv_amount (out, po->score, TRUE);
  csv_field (out, po->funded ? "yes" : "no", FALSE);
  csv_field (out, pb_project_fate_to_string (po->fate), FALSE);
  csv_field (out, rank, FALSE);
  csv_amount (out, po->money_left, po->rank > 0);
  csv_field (out, round, FALSE);
  csv_amount (out, po->rho, mpq_sgn (po->rho) != 0);
  csv_amount (out, po->share, mpq_sgn (po->share) != 0);
  csv_field (out, po->beaten_by >= 0 ? election->projects[po->beaten_by].id : NULL, FALSE);
  csv_field (out, best_with, FALSE);
  csv_field (out, best_without, FALSE);
  csv_amount (out, po->alternative_cost, has_alternative (po));
  g_string_append (out, "\r\n");
}

GString *
pb_export_results_csv (const PbElection *election,
                       const PbOutcome  *outcome)
{
  GString *out = g_string_new ("position,project_id,name,cost,supporters,score,funded,fate,"
                               "rank,money_left,round,rho,share,beaten_by,"
                               "best_with,best_without,alternative_cost\r\n");

  g_return_val_if_fail (election != NULL, NULL);
  g_return_val_if_fail (outcome != NULL, NULL);

  for (guint i = 0; i < outcome->n_selected; i++)
    csv_project (out, election, outcome, outcome->selected[i]);
  for (guint p = 0; p < outcome->n_projects; p++)
    if (!outcome->projects[p].funded)
      csv_project (out, election, outcome, p);
  return out;
}

/* ---- Text ------------------------------------------------------------------- */

static const char *
fate_label (PbProjectFate fate)
{
  switch (fate)
    {
    case PB_PROJECT_FATE_FUNDED:
      return _("funded");
    case PB_PROJECT_FATE_DID_NOT_FIT:
      return _("did not fit");
    case PB_PROJECT_FATE_NO_SUPPORT:
      return _("no support");
    case PB_PROJECT_FATE_SUPPORTERS_SHORT:
      return _("supporters could not pay");
    case PB_PROJECT_FATE_OVER_BUDGET:
      return _("over the whole budget");
    case PB_PROJECT_FATE_STOPPED:
      return _("count stopped");
    case PB_PROJECT_FATE_NOT_OPTIMAL:
      return _("not in the optimum");
    default:
      g_return_val_if_reached ("");
    }
}

/* Utilitarian optimum: the best total with or without the project, against
 * the optimum's. */
static char *
optimum_detail (const PbProjectOutcome *po)
{
  gint64 other = po->funded ? po->best_without : po->best_with;
  gint64 optimum = po->funded ? po->best_with : po->best_without;

  if (other == optimum)
    {
      g_autofree char *cost = pb_decimal_to_string (po->alternative_cost);

      return g_strdup_printf (po->funded
                              /* Translators: utilitarian-max, a tie: a set
                               * without this funded project has as many
                               * approvals; %s is the least such a set costs. */
                              ? _("without it also %" PRId64 " approvals, for %s at least")
                              : _("with it also %" PRId64 " approvals, for %s at least"),
                              other, cost);
    }
  return g_strdup_printf (po->funded
                          /* Translators: utilitarian-max: the best total of
                           * approvals without this funded project, and how
                           * many fewer that is than the optimum's. */
                          ? _("without it at most %" PRId64 " approvals, %" PRId64 " fewer")
                          : _("with it at most %" PRId64 " approvals, %" PRId64 " fewer"),
                          other, optimum - other);
}

static void
text_row (GString          *out,
          const PbElection *election,
          const PbOutcome  *outcome,
          guint             p)
{
  const PbProjectOutcome *po = &outcome->projects[p];
  g_autofree char *cost = pb_decimal_to_string (election->projects[p].cost);
  g_autofree char *position = po->funded ? g_strdup_printf ("%u", po->position) : g_strdup ("-");
  g_autofree char *detail = NULL;

  if (po->rank > 0)
    {
      g_autofree char *left = pb_decimal_to_string (po->money_left);

      detail = g_strdup_printf (_("rank %u, %s left"), po->rank, left);
    }
  else if (po->beaten_by >= 0)
    detail = g_strdup_printf (_("beaten by %s"), election->projects[po->beaten_by].id);
  else if (po->best_with >= 0 && po->best_without >= 0)
    detail = optimum_detail (po);
  else if (po->fate == PB_PROJECT_FATE_SUPPORTERS_SHORT)
    {
      mpq_t percent;

      mpq_init (percent);
      mpq_set_ui (percent, 100, 1);
      mpq_mul (percent, percent, po->share);
      detail = g_strdup_printf (_("supporters had %.1f%% of its cost"), mpq_get_d (percent));
      mpq_clear (percent);
    }
  g_string_append_printf (out, "%4s  %-16s %14s %10u  %-24s %s\n", position,
                          election->projects[p].id, cost, po->supporters, fate_label (po->fate),
                          detail != NULL ? detail : "");
}

GString *
pb_export_results_text (const PbElection *election,
                        const PbOutcome  *outcome)
{
  GString *out = g_string_new (NULL);
  g_autofree char *total = NULL;
  g_autofree char *budget = NULL;

  g_return_val_if_fail (election != NULL, NULL);
  g_return_val_if_fail (outcome != NULL, NULL);

  total = pb_decimal_to_string (outcome->total_cost);
  budget = pb_decimal_to_string (outcome->budget);
  g_string_append_printf (out, "%s: %s\n", _("Rule"), pb_rule_to_string (outcome->rule));
  g_string_append_printf (out, "%s: %s\n", _("Tie-breaking"), pb_tie_break_to_string (outcome->tie_break));
  if (pb_tie_break_uses_lot (outcome->tie_break))
    g_string_append_printf (out, "%s: %" G_GUINT64_FORMAT "\n", _("Seed"), outcome->seed);
  g_string_append_printf (out, "%s: %s / %s\n", _("Total cost"), total, budget);
  g_string_append_printf (out, "%s: %u / %u\n\n", _("Funded"), outcome->n_selected, outcome->n_projects);
  g_string_append_printf (out, "%4s  %-16s %14s %10s  %-24s %s\n", "#", _("Project"), _("Cost"),
                          _("Supporters"), _("Result"), _("Why"));
  for (guint i = 0; i < outcome->n_selected; i++)
    text_row (out, election, outcome, outcome->selected[i]);
  for (guint p = 0; p < outcome->n_projects; p++)
    if (!outcome->projects[p].funded)
      text_row (out, election, outcome, p);
  return out;
}
