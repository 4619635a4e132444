/* test-pabulib.c: the Pabulib reader and writer: every shared file reads,
 * writes and reads back to the same instance and profile, and malformed
 * files fail with the line number and the reason. */

#include "pb-config.h"

#include <string.h>

#include "pb-pabulib.h"

static void
assert_same_election (const PbElection *a,
                      const PbElection *b)
{
  g_assert_true (mpq_equal (a->budget, b->budget));
  g_assert_cmpint (a->vote_type, ==, b->vote_type);
  g_assert_cmpuint (a->n_projects, ==, b->n_projects);
  g_assert_cmpuint (a->n_project_columns, ==, b->n_project_columns);
  for (guint p = 0; p < a->n_projects; p++)
    {
      g_assert_cmpstr (a->projects[p].id, ==, b->projects[p].id);
      g_assert_true (mpq_equal (a->projects[p].cost, b->projects[p].cost));
      g_assert_cmpstr (a->projects[p].name, ==, b->projects[p].name);
      g_assert_cmpstr (a->projects[p].category, ==, b->projects[p].category);
      for (guint c = 0; c < a->n_project_columns; c++)
        g_assert_cmpstr (a->projects[p].extra[c], ==, b->projects[p].extra[c]);
    }
  g_assert_cmpuint (a->n_ballots, ==, b->n_ballots);
  g_assert_cmpuint (a->n_voter_columns, ==, b->n_voter_columns);
  for (guint v = 0; v < a->n_ballots; v++)
    {
      g_assert_cmpstr (a->ballots[v].voter_id, ==, b->ballots[v].voter_id);
      g_assert_cmpuint (a->ballots[v].n_choices, ==, b->ballots[v].n_choices);
      g_assert_cmpmem (pb_election_ballot_projects (a, v), a->ballots[v].n_choices * sizeof (guint32),
                       pb_election_ballot_projects (b, v), b->ballots[v].n_choices * sizeof (guint32));
      if (a->choice_points != NULL)
        g_assert_cmpmem (pb_election_ballot_points (a, v), a->ballots[v].n_choices * sizeof (gint64),
                         pb_election_ballot_points (b, v), b->ballots[v].n_choices * sizeof (gint64));
      for (guint c = 0; c < a->n_voter_columns; c++)
        g_assert_cmpstr (pb_election_voter_extra (a, v, c), ==, pb_election_voter_extra (b, v, c));
    }
  for (guint i = 0; i < a->n_meta; i++)
    if (strcmp (a->meta_keys[i], "budget") != 0)
      g_assert_cmpstr (a->meta_values[i], ==, pb_election_get_meta (b, a->meta_keys[i]));
}

static void
test_round_trip (gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbElection) first = pb_pabulib_read_file (data, &error);
  g_autoptr(PbElection) second = NULL;
  g_autoptr(GString) text = NULL;

  g_assert_no_error (error);
  text = pb_pabulib_write (first);
  second = pb_pabulib_read_data (text->str, text->len, &error);
  g_assert_no_error (error);
  assert_same_election (first, second);
}

static void
test_missing_cost (void)
{
  const char *text = "\xEF\xBB\xBF" "META\r\nkey;value\r\nbudget;1000,5\r\nvote_type;cumulative\r\n"
                     "description;\"a; b \"\"c\"\"\"\r\n"
                     "PROJECTS\r\nproject_id;cost;name;note\r\n"
                     "1;100.25;\"Park; \"\"big\"\"\";x\r\n2;none;;\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(PbElection) election = pb_pabulib_read_data (text, strlen (text), &error);

  /* Project 2 has no cost: refused with its line. */
  g_assert_null (election);
  g_assert_error (error, PB_PABULIB_ERROR, PB_PABULIB_ERROR_BAD_NUMBER);
  g_assert_nonnull (strstr (error->message, "Line 9"));
}

static void
test_quoting_and_duplicates (void)
{
  const char *text = "\xEF\xBB\xBF" "META\r\nkey;value\r\nbudget;1000,5\r\nvote_type;cumulative\r\n"
                     "description;\"a; b \"\"c\"\"\"\r\n"
                     "PROJECTS\r\nproject_id;cost;name;note\r\n"
                     "1;100.25;\"Park; \"\"big\"\"\";x\r\n2;7;\"multi\nline\";\r\n"
                     "VOTES\nvoter_id;vote;points;age\n"
                     "a;1,2,1;3,4,5;30\nb;2;1;\nc;;;\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(PbElection) election = pb_pabulib_read_data (text, strlen (text), &error);
  g_autoptr(PbElection) again = NULL;
  g_autoptr(GString) written = NULL;
  mpq_t expected;

  g_assert_no_error (error);
  mpq_init (expected);
  mpq_set_ui (expected, 2001, 2);
  g_assert_true (mpq_equal (election->budget, expected));
  mpq_set_ui (expected, 401, 4);
  g_assert_true (mpq_equal (election->projects[0].cost, expected));
  mpq_clear (expected);
  g_assert_cmpstr (pb_election_get_meta (election, "description"), ==, "a; b \"c\"");
  g_assert_cmpstr (election->projects[0].name, ==, "Park; \"big\"");
  g_assert_cmpstr (election->projects[1].name, ==, "multi\nline");
  g_assert_cmpuint (election->n_ballots, ==, 3);
  /* A repeated project keeps its first place and its last points. */
  g_assert_cmpuint (election->ballots[0].n_choices, ==, 2);
  g_assert_cmpint (pb_election_ballot_points (election, 0)[0], ==, 5);
  g_assert_cmpint (pb_election_ballot_points (election, 0)[1], ==, 4);
  g_assert_cmpuint (election->ballots[2].n_choices, ==, 0);
  g_assert_cmpstr (pb_election_voter_extra (election, 0, 0), ==, "30");

  written = pb_pabulib_write (election);
  again = pb_pabulib_read_data (written->str, written->len, &error);
  g_assert_no_error (error);
  assert_same_election (election, again);
}

static const struct {
  const char *text;
  int         code;
  const char *line;
} malformed[] = {
  { "", PB_PABULIB_ERROR_MISSING_SECTION, "Line 1" },
  { "hello\n", PB_PABULIB_ERROR_NO_SECTION, "Line 1" },
  { "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;5\nVOTES\nvoter_id;vote\nv;9\n",
    PB_PABULIB_ERROR_UNKNOWN_PROJECT, "Line 10" },
  { "META\nkey;value\nbudget;x\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;5\nVOTES\nvoter_id;vote\n",
    PB_PABULIB_ERROR_BAD_NUMBER, "Line 3" },
  { "META\nkey;value\nbudget;1\nvote_type;plurality\n", PB_PABULIB_ERROR_UNKNOWN_VOTE_TYPE, "Line 4" },
  { "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;name\n", PB_PABULIB_ERROR_MISSING_COLUMN, "Line 6" },
  { "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;1\n1;2\n", PB_PABULIB_ERROR_BAD_PROJECT, "Line 8" },
  { "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;\"1\n", PB_PABULIB_ERROR_QUOTING, "Line 7" },
  { "META\nkey;value\nbudget;1\nvote_type;cumulative\nPROJECTS\nproject_id;cost\n1;1\nVOTES\nvoter_id;vote;points\nv;1;1,2\n",
    PB_PABULIB_ERROR_POINTS_MISMATCH, "Line 10" },
  { "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;1;4\n", PB_PABULIB_ERROR_TOO_MANY_FIELDS, "Line 7" },
  { "META\nkey;value\nbudget;1\n\xff\n", PB_PABULIB_ERROR_ENCODING, "Line 4" },
  { "VOTES\nvoter_id;vote\n", PB_PABULIB_ERROR_SECTION_ORDER, "Line 1" },
};

static void
test_malformed (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PbElection) election = pb_pabulib_read_data (malformed[i].text, strlen (malformed[i].text), &error);

      g_assert_null (election);
      g_assert_error (error, PB_PABULIB_ERROR, malformed[i].code);
      if (strstr (error->message, malformed[i].line) == NULL)
        g_error ("case %u: “%s” does not name %s", i, error->message, malformed[i].line);
    }
}

int
main (int    argc,
      char **argv)
{
  const char *shared = g_getenv ("PB_SHARED_DIR");
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pabulib/missing-cost", test_missing_cost);
  g_test_add_func ("/pabulib/quoting-and-duplicates", test_quoting_and_duplicates);
  g_test_add_func ("/pabulib/malformed", test_malformed);

  g_assert_nonnull (shared);
  dir_path = g_build_filename (shared, "pabulib", NULL);
  dir = g_dir_open (dir_path, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".pb"))
      g_ptr_array_add (paths, g_build_filename (dir_path, name, NULL));
  g_assert_cmpuint (paths->len, >, 30);
  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *base = g_path_get_basename (paths->pdata[i]);
      g_autofree char *test_path = g_strdup_printf ("/pabulib/round-trip/%s", base);

      g_test_add_data_func (test_path, paths->pdata[i], test_round_trip);
    }
  return g_test_run ();
}
