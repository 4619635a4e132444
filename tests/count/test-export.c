/* test-export.c: the CSV export quotes as RFC 4180 says, the JSON export
 * gives the same bytes for the same data, and every rule gives each
 * project the facts behind its fate, consistent with the outcome. */

#include "pb-config.h"

#include <string.h>

#include "pb-count.h"
#include "pb-export.h"
#include "pb-pabulib.h"

static char *
shared_file (const char *name)
{
  const char *shared = g_getenv ("PB_SHARED_DIR");

  return g_build_filename (shared ? shared : "../shared", "pabulib", name, NULL);
}

/* ---- CSV -------------------------------------------------------------- */

/* Splits RFC 4180 text (CRLF rows) into rows of fields. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *c = text;

  while (*c != '\0')
    {
      if (*c == '"')
        {
          /* A quote opens a field only at its start. */
          g_assert_cmpuint (field->len, ==, 0);
          for (c++; *c != '\0'; c++)
            {
              if (*c == '"' && c[1] == '"')
                {
                  g_string_append_c (field, '"');
                  c++;
                }
              else if (*c == '"')
                break;
              else
                g_string_append_c (field, *c);
            }
          g_assert_cmpint (*c, ==, '"');
          c++;
          g_assert_true (*c == ',' || *c == '\r');
          continue;
        }
      if (*c == ',' || (*c == '\r' && c[1] == '\n'))
        {
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
          if (*c == '\r')
            {
              g_ptr_array_add (rows, row);
              row = g_ptr_array_new_with_free_func (g_free);
              c++;
            }
          c++;
          continue;
        }
      g_assert_cmpint (*c, !=, '\n');
      g_assert_cmpint (*c, !=, '\r');
      g_string_append_c (field, *c);
      c++;
    }
  g_assert_cmpuint (row->len, ==, 0);
  g_ptr_array_unref (row);
  g_string_free (field, TRUE);
  return rows;
}

static void
test_csv_quoting (void)
{
  static const char * const names[] = {
    "Plain",
    "Trees, benches and bins",
    "The \"Green\" corridor",
    "Two\nlines",
    "Windows\r\nline",
    "\"Quoted\", with, commas",
    "",
  };
  g_autoptr(PbElection) election = pb_election_new (PB_VOTE_TYPE_APPROVAL);
  g_autoptr(PbOutcome) outcome = NULL;
  g_autoptr(GString) csv = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  PbCountOptions options = { PB_RULE_GREEDY_COST, PB_TIE_BREAK_LEXICO, 0 };
  GPtrArray *header;
  mpq_t value;

  mpq_init (value);
  mpq_set_ui (value, 1000, 1);
  pb_election_set_budget (election, value);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *id = g_strdup_printf ("p,%u", i);
      guint32 project;

      mpq_set_ui (value, 100 + i, 1);
      project = (guint32) pb_election_add_project (election, id, value, names[i][0] ? names[i] : NULL, NULL, &error);
      g_assert_no_error (error);
      /* Project i gets i + 1 supporters, so the order is known. */
      for (guint v = 0; v <= i; v++)
        {
          g_autofree char *voter = g_strdup_printf ("%u-%u", i, v);

          pb_election_add_ballot (election, voter, &project, NULL, 1, &error);
          g_assert_no_error (error);
        }
    }
  mpq_clear (value);

  outcome = pb_count (election, &options, &error);
  g_assert_no_error (error);
  csv = pb_export_results_csv (election, outcome);
  g_assert_true (g_str_has_suffix (csv->str, "\r\n"));
  rows = parse_csv (csv->str);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (names) + 1);
  header = rows->pdata[0];
  g_assert_cmpstr (header->pdata[1], ==, "project_id");
  g_assert_cmpstr (header->pdata[2], ==, "name");
  for (guint r = 1; r < rows->len; r++)
    {
      GPtrArray *row = rows->pdata[r];
      guint i = G_N_ELEMENTS (names) - r;   /* most supporters first */
      g_autofree char *id = g_strdup_printf ("p,%u", i);

      g_assert_cmpuint (row->len, ==, header->len);
      g_assert_cmpstr (row->pdata[0], ==, row == rows->pdata[1] ? "1" : row->pdata[0]);
      g_assert_cmpstr (row->pdata[1], ==, id);
      g_assert_cmpstr (row->pdata[2], ==, names[i]);
      g_assert_cmpstr (row->pdata[6], ==, "yes");
    }
}

/* ---- JSON: the same data gives the same bytes ------------------------- */

static char *
export_all (const PbElection *election)
{
  PbOutcome *outcomes[3] = { NULL, };
  const PbRule rules[3] = { PB_RULE_GREEDY_COST, PB_RULE_MES_COST, PB_RULE_PHRAGMEN };
  g_autoptr(JsonNode) node = NULL;
  char *text;

  for (guint i = 0; i < 3; i++)
    {
      PbCountOptions options = { rules[i], PB_TIE_BREAK_DEFAULT, 42 };
      g_autoptr(GError) error = NULL;

      outcomes[i] = pb_count (election, &options, &error);
      g_assert_no_error (error);
    }
  node = pb_export_json (election, NULL, outcomes, 3);
  text = pb_export_json_to_string (node, NULL);
  for (guint i = 0; i < 3; i++)
    pb_outcome_free (outcomes[i]);
  return text;
}

static void
test_json_stable (void)
{
  g_autofree char *file = shared_file ("France_Toulouse_2019.pb");
  g_autoptr(GError) error = NULL;
  g_autoptr(PbElection) election = NULL;
  g_autoptr(PbElection) again = NULL;
  g_autoptr(GString) pabulib = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;

  if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("the shared Pabulib files are not available");
      return;
    }
  election = pb_pabulib_read_file (file, &error);
  g_assert_no_error (error);
  first = export_all (election);
  second = export_all (election);
  g_assert_cmpstr (first, ==, second);
  /* Through the Pabulib writer and reader: the same data again. */
  pabulib = pb_pabulib_write (election);
  again = pb_pabulib_read_data (pabulib->str, pabulib->len, &error);
  g_assert_no_error (error);
  third = export_all (again);
  g_assert_cmpstr (first, ==, third);
  /* The seed is a string and the chain is spelled out. */
  g_assert_nonnull (strstr (first, "\"seed\" : \"42\""));
  g_assert_nonnull (strstr (first, "\"most-supporters\""));
}

/* ---- Explanations ----------------------------------------------------- */

static gboolean
is_greedy (PbRule rule)
{
  return rule == PB_RULE_GREEDY_COST || rule == PB_RULE_GREEDY_CARD || rule == PB_RULE_GREEDY_POINTS;
}

static gboolean
is_equal_shares (PbRule rule)
{
  return rule == PB_RULE_MES_COST || rule == PB_RULE_MES_CARD || rule == PB_RULE_MES_POINTS
         || rule == PB_RULE_MES_COST_ADD1 || rule == PB_RULE_MES_COST_ADD1_GREEDY;
}

static void
check_facts (const PbElection *election,
             const PbOutcome  *outcome)
{
  PbRule rule = outcome->rule;
  gboolean points = rule == PB_RULE_GREEDY_POINTS || rule == PB_RULE_MES_POINTS;
  g_autofree guint *supporters = g_new0 (guint, MAX (election->n_projects, 1));
  g_autofree gboolean *rank_seen = g_new0 (gboolean, election->n_projects + 1);
  gint64 optimum = 0;
  mpq_t total, left, one;

  /* Supporters, counted here from the ballots. */
  for (guint b = 0; b < election->n_ballots; b++)
    {
      const guint32 *projects = pb_election_ballot_projects (election, b);
      const gint64 *values = pb_election_ballot_points (election, b);

      for (guint i = 0; i < election->ballots[b].n_choices; i++)
        if (!points || values[i] > 0)
          supporters[projects[i]]++;
    }

  mpq_init (total);
  mpq_init (left);
  mpq_init (one);
  mpq_set_ui (one, 1, 1);
  for (guint i = 0; i < outcome->n_selected; i++)
    {
      const PbProjectOutcome *po = &outcome->projects[outcome->selected[i]];

      g_assert_true (po->funded);
      g_assert_cmpuint (po->position, ==, i + 1);
      mpq_add (total, total, election->projects[outcome->selected[i]].cost);
    }
  g_assert_true (mpq_equal (total, outcome->total_cost));
  g_assert_cmpint (mpq_cmp (total, election->budget), <=, 0);
  mpq_sub (left, election->budget, total);
  for (guint i = 0; i < outcome->n_selected; i++)
    optimum += supporters[outcome->selected[i]];

  for (guint p = 0; p < election->n_projects; p++)
    {
      const PbProjectOutcome *po = &outcome->projects[p];
      const mpq_t *cost = &election->projects[p].cost;

      g_test_message ("%s: project %s, fate %s", pb_rule_to_string (rule), election->projects[p].id,
                      pb_project_fate_to_string (po->fate));
      g_assert_cmpuint (po->supporters, ==, supporters[p]);
      g_assert_cmpint (po->funded, ==, po->fate == PB_PROJECT_FATE_FUNDED);
      g_assert_cmpint (po->funded, ==, po->position > 0);
      if (po->fate == PB_PROJECT_FATE_OVER_BUDGET)
        g_assert_cmpint (mpq_cmp (*cost, election->budget), >, 0);
      if (po->fate == PB_PROJECT_FATE_NO_SUPPORT)
        g_assert_cmpuint (po->supporters, ==, 0);
      if (po->beaten_by >= 0)
        {
          /* Beaten by a project the rule funded in that round; the
           * project's own round is that one or a later one (when it was
           * funded after all, or found short). */
          g_assert_true (is_equal_shares (rule) || rule == PB_RULE_PHRAGMEN);
          g_assert_true (outcome->projects[po->beaten_by].funded);
          g_assert_cmpuint (outcome->projects[po->beaten_by].round, >=, 1);
          g_assert_cmpuint (outcome->projects[po->beaten_by].round, <=, po->round);
        }

      if (is_greedy (rule) || (rule == PB_RULE_MES_COST_ADD1_GREEDY && po->rank > 0))
        {
          /* Greedy: its rank and the money left when it was considered. */
          g_assert_cmpuint (po->rank, >=, 1);
          g_assert_false (rank_seen[po->rank]);
          rank_seen[po->rank] = TRUE;
          if (po->funded)
            g_assert_cmpint (mpq_cmp (po->money_left, *cost), >=, 0);
          else
            {
              g_assert_cmpint (mpq_cmp (po->money_left, *cost), <, 0);
              g_assert_true (po->fate == PB_PROJECT_FATE_DID_NOT_FIT || po->fate == PB_PROJECT_FATE_OVER_BUDGET);
            }
        }
      if (is_equal_shares (rule) && !(rule == PB_RULE_MES_COST_ADD1_GREEDY && po->rank > 0))
        {
          /* Equal shares: what its supporters could pay, and when. */
          if (po->funded && mpq_sgn (*cost) > 0)
            {
              g_assert_true (mpq_equal (po->share, one));
              g_assert_cmpint (mpq_sgn (po->rho), >, 0);
              g_assert_cmpuint (po->round, >=, 1);
            }
          else if (!po->funded && po->supporters > 0 && mpq_sgn (*cost) > 0 && mpz_sgn (mpq_numref (po->score)) > 0)
            {
              g_assert_cmpint (po->fate, ==, PB_PROJECT_FATE_SUPPORTERS_SHORT);
              g_assert_cmpint (mpq_sgn (po->share), >=, 0);
              g_assert_cmpint (mpq_cmp (po->share, one), <, 0);
              g_assert_cmpuint (po->round, >=, 1);
            }
        }
      if (rule == PB_RULE_PHRAGMEN)
        {
          /* Phragmén: the load of its supporters and the round. */
          if (po->funded && po->supporters > 0)
            {
              g_assert_cmpint (mpq_sgn (po->rho), >, 0);
              g_assert_cmpuint (po->round, >=, 1);
            }
          else if (!po->funded && po->supporters > 0 && po->fate != PB_PROJECT_FATE_OVER_BUDGET)
            {
              g_assert_cmpint (po->fate, ==, PB_PROJECT_FATE_STOPPED);
              g_assert_cmpint (mpq_sgn (po->rho), >, 0);
              g_assert_cmpuint (po->round, >=, 1);
            }
        }
      if (rule == PB_RULE_UTILITARIAN_MAX && !po->funded)
        {
          /* Not in the optimum: then it cannot simply be added to it. */
          g_assert_true (po->fate == PB_PROJECT_FATE_NOT_OPTIMAL || po->fate == PB_PROJECT_FATE_OVER_BUDGET);
          if (po->supporters > 0)
            g_assert_cmpint (mpq_cmp (*cost, left), >, 0);
        }
      if (rule == PB_RULE_UTILITARIAN_MAX)
        {
          /* The best totals with and without it: its own side is the
           * optimum's total, the other no more; none with it over budget. */
          g_assert_cmpint (po->funded ? po->best_with : po->best_without, ==, optimum);
          if (po->fate == PB_PROJECT_FATE_OVER_BUDGET)
            g_assert_cmpint (po->best_with, ==, -1);
          else
            g_assert_cmpint (po->funded ? po->best_without : po->best_with, <=, optimum);
          if (po->best_with == po->best_without)
            g_assert_cmpint (mpq_cmp (po->alternative_cost, outcome->total_cost), >=, 0);
        }
      else
        {
          g_assert_cmpint (po->best_with, ==, -1);
          g_assert_cmpint (po->best_without, ==, -1);
        }
    }
  mpq_clear (total);
  mpq_clear (left);
  mpq_clear (one);
}

static void
test_explanations (gconstpointer data)
{
  g_autofree char *file = shared_file (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(PbElection) election = NULL;

  if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("the shared Pabulib files are not available");
      return;
    }
  election = pb_pabulib_read_file (file, &error);
  g_assert_no_error (error);
  for (guint r = 0; r < PB_N_RULES; r++)
    for (guint t = 0; t < 2; t++)
      {
        PbCountOptions options = { (PbRule) r, t == 0 ? PB_TIE_BREAK_LEXICO : PB_TIE_BREAK_DEFAULT, 7 };
        g_autoptr(PbOutcome) outcome = NULL;
        g_autoptr(GError) count_error = NULL;

        outcome = pb_count (election, &options, &count_error);
        if (outcome == NULL)
          {
            g_assert_error (count_error, PB_COUNT_ERROR, PB_COUNT_ERROR_NEEDS_POINTS);
            g_assert_false (pb_vote_type_has_points (election->vote_type));
            continue;
          }
        check_facts (election, outcome);
      }
}

int
main (int   argc,
      char *argv[])
{
  static const char * const files[] = {
    "Poland_Warszawa_2017_Plac_Wojska_Polskiego.pb",
    "France_Toulouse_2019.pb",
    "Netherlands_Assen_2024.pb",
    "Poland_Czestochowa_2020_Grabowka.pb",
    "Switzerland_Zurich_S5.pb",
    "Worldwide_Mechanical_Turk_Utilities_7.pb",
  };

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/export/csv-quoting", test_csv_quoting);
  g_test_add_func ("/export/json-stable", test_json_stable);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_strdup_printf ("/explain/%s", files[i]);

      g_test_add_data_func (path, files[i], test_explanations);
    }
  return g_test_run ();
}
