/* test-expected.c: every rule on every shared Pabulib file gives exactly the
 * reference outcome recorded in ../shared/pabulib/expected/ (selected set,
 * selection order where the reference keeps one, total cost, and for
 * add1 the number of equal-shares runs), with lexicographic tie-breaking. */

#include "pb-config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "pb-count.h"
#include "pb-pabulib.h"

static const struct {
  const char *key;
  PbRule      rule;
} reference_rules[] = {
  { "greedy_cost", PB_RULE_GREEDY_COST },
  { "greedy_card", PB_RULE_GREEDY_CARD },
  { "greedy_points", PB_RULE_GREEDY_POINTS },
  { "mes_cost", PB_RULE_MES_COST },
  { "mes_card", PB_RULE_MES_CARD },
  { "mes_points", PB_RULE_MES_POINTS },
  { "mes_cost_add1", PB_RULE_MES_COST_ADD1 },
  { "mes_cost_add1_greedy", PB_RULE_MES_COST_ADD1_GREEDY },
  { "phragmen", PB_RULE_PHRAGMEN },
};

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static void
check_rule (const PbElection *election,
            PbRule            rule,
            JsonObject       *expected,
            const char       *file)
{
  PbCountOptions options = { rule, PB_TIE_BREAK_LEXICO, 0 };
  g_autoptr(PbOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *selected = json_object_get_array_member (expected, "selected");
  JsonArray *order = json_object_get_array_member (expected, "selection_order");
  g_autofree const char **ours = NULL;
  mpq_t expected_cost;

  outcome = pb_count (election, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (outcome);

  if (json_array_get_length (selected) != outcome->n_selected)
    g_test_message ("%s %s: %u selected, expected %u", file, pb_rule_to_string (rule),
                    outcome->n_selected, json_array_get_length (selected));
  g_assert_cmpuint (outcome->n_selected, ==, json_array_get_length (selected));

  ours = g_new0 (const char *, outcome->n_selected + 1);
  for (guint i = 0; i < outcome->n_selected; i++)
    ours[i] = election->projects[outcome->selected[i]].id;
  if (pb_rule_has_order (rule))
    {
      for (guint i = 0; i < outcome->n_selected; i++)
        {
          const char *want = json_array_get_string_element (order, i);

          if (strcmp (ours[i], want) != 0)
            g_test_message ("%s %s: position %u is %s, expected %s", file,
                            pb_rule_to_string (rule), i + 1, ours[i], want);
          g_assert_cmpstr (ours[i], ==, want);
        }
    }
  qsort (ours, outcome->n_selected, sizeof (char *), compare_strings);
  for (guint i = 0; i < outcome->n_selected; i++)
    g_assert_cmpstr (ours[i], ==, json_array_get_string_element (selected, i));

  mpq_init (expected_cost);
  g_assert_cmpint (mpq_set_str (expected_cost, json_object_get_string_member (expected, "total_cost"), 10), ==, 0);
  mpq_canonicalize (expected_cost);
  g_assert_true (mpq_equal (expected_cost, outcome->total_cost));
  mpq_clear (expected_cost);

  if (json_object_has_member (expected, "mes_runs"))
    g_assert_cmpint (outcome->mes_runs, ==, json_object_get_int_member (expected, "mes_runs"));
}

static void
test_file (gconstpointer data)
{
  const char *json_path = data;
  g_autofree char *base = g_path_get_basename (json_path);
  g_autofree char *dir = g_path_get_dirname (json_path);
  g_autofree char *pb_name = g_strndup (base, strlen (base) - strlen (".json"));
  g_autofree char *pb_path = g_build_filename (dir, "..", pb_name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PbElection) election = NULL;
  JsonObject *rules;
  guint checked = 0;

  g_assert_true (json_parser_load_from_file (parser, json_path, &error));
  g_assert_no_error (error);
  election = pb_pabulib_read_file (pb_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (election->n_ballots, ==,
                    json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)), "num_voters"));

  rules = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "rules");
  for (guint i = 0; i < G_N_ELEMENTS (reference_rules); i++)
    {
      JsonObject *expected;

      if (!json_object_has_member (rules, reference_rules[i].key))
        continue;
      expected = json_object_get_object_member (rules, reference_rules[i].key);
      /* A rule the reference did not finish has no outcome to compare. */
      if (!json_object_has_member (expected, "selected"))
        continue;
      check_rule (election, reference_rules[i].rule, expected, pb_name);
      checked++;
    }
  g_assert_cmpuint (checked, >, 0);
}

int
main (int    argc,
      char **argv)
{
  const char *shared = g_getenv ("PB_SHARED_DIR");
  g_autofree char *expected_dir = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *name;

  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (shared);
  expected_dir = g_build_filename (shared, "pabulib", "expected", NULL);
  dir = g_dir_open (expected_dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".pb.json"))
      g_ptr_array_add (names, g_build_filename (expected_dir, name, NULL));
  g_ptr_array_sort (names, (GCompareFunc) compare_strings);
  g_assert_cmpuint (names->len, >, 0);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *base = g_path_get_basename (names->pdata[i]);
      g_autofree char *test_path = g_strdup_printf ("/count/expected/%s", base);

      g_test_add_data_func (test_path, names->pdata[i], test_file);
    }
  return g_test_run ();
}
