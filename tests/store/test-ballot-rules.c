/* test-ballot-rules.c: every ballot rule, its error code and its message. */

#include "store-test-util.h"

#include <locale.h>
#include <string.h>

static PbBallotChoices *
choices_of (PbProcess      *process,
            PbBallotFormat  format,
            const int      *indices,
            const guint    *points)
{
  PbBallotChoices *choices = pb_ballot_choices_new (format);

  for (guint i = 0; indices[i] >= 0; i++)
    pb_ballot_choices_add (choices, project_id (process, indices[i]), points ? points[i] : 1);
  return choices;
}

static void
assert_violation (PbProcess       *process,
                  PbBallotChoices *choices,
                  int              code,
                  const char      *fragment)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (pb_ballot_validate (process, choices, &error));
  g_assert_error (error, PB_BALLOT_ERROR, code);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("message “%s” lacks “%s”", error->message, fragment);
}

static void
assert_valid (PbProcess       *process,
              PbBallotChoices *choices)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pb_ballot_validate (process, choices, &error));
  g_assert_no_error (error);
}

static void
test_approval (StoreFixture  *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PbProcess *process = make_process (f->store, PB_BALLOT_FORMAT_APPROVAL, PB_PHASE_DRAFT);
  PbProject *extra;
  g_autoptr(PbBallotChoices) c = NULL;
  const char *site[] = { "Depot", NULL };

  g_assert_true (pb_store_edit_process (f->store, process, &error, "min-projects", 2, "max-projects", 2, NULL));
  extra = pb_store_add_project (f->store, process, &error, "title", "Withdrawn idea", "cost", "5", NULL);
  g_assert_no_error (error);

  c = choices_of (process, PB_BALLOT_FORMAT_APPROVAL, (int[]) { 0, 1, -1 }, NULL);
  assert_valid (process, c);
  g_clear_pointer (&c, pb_ballot_choices_unref);

  c = choices_of (process, PB_BALLOT_FORMAT_APPROVAL, (int[]) { 0, -1 }, NULL);
  assert_violation (process, c, PB_BALLOT_ERROR_TOO_FEW_PROJECTS, "You chose 1 project; choose at least 2.");
  g_clear_pointer (&c, pb_ballot_choices_unref);

  c = choices_of (process, PB_BALLOT_FORMAT_APPROVAL, (int[]) { 0, 1, 2, -1 }, NULL);
  assert_violation (process, c, PB_BALLOT_ERROR_TOO_MANY_PROJECTS, "You chose 3 projects; at most 2 are allowed.");
  g_clear_pointer (&c, pb_ballot_choices_unref);

  c = choices_of (process, PB_BALLOT_FORMAT_APPROVAL, (int[]) { 0, 0, -1 }, NULL);
  assert_violation (process, c, PB_BALLOT_ERROR_REPEATED_PROJECT, "Project 1");
  g_clear_pointer (&c, pb_ballot_choices_unref);

  c = pb_ballot_choices_new (PB_BALLOT_FORMAT_APPROVAL);
  pb_ballot_choices_add (c, 999999, 1);
  assert_violation (process, c, PB_BALLOT_ERROR_UNKNOWN_PROJECT, "999999");
  g_clear_pointer (&c, pb_ballot_choices_unref);

  c = pb_ballot_choices_new (PB_BALLOT_FORMAT_APPROVAL);
  pb_ballot_choices_add (c, pb_project_get_id (extra), 1);
  pb_ballot_choices_add (c, project_id (process, 0), 1);
  assert_violation (process, c, PB_BALLOT_ERROR_PROJECT_NOT_ON_BALLOT, "Withdrawn idea");
  g_clear_pointer (&c, pb_ballot_choices_unref);

  c = choices_of (process, PB_BALLOT_FORMAT_RANKING, (int[]) { 0, 1, -1 }, NULL);
  assert_violation (process, c, PB_BALLOT_ERROR_WRONG_FORMAT, NULL);
  g_clear_pointer (&c, pb_ballot_choices_unref);

  /* Incompatible: two projects for one site. */
  g_assert_true (pb_store_edit_project (f->store, pb_process_lookup_project (process, project_id (process, 0)),
                                        &error, "incompatibility-groups", site, NULL));
  g_assert_true (pb_store_edit_project (f->store, pb_process_lookup_project (process, project_id (process, 1)),
                                        &error, "incompatibility-groups", site, NULL));
  c = choices_of (process, PB_BALLOT_FORMAT_APPROVAL, (int[]) { 0, 1, -1 }, NULL);
  assert_violation (process, c, PB_BALLOT_ERROR_INCOMPATIBLE, "cannot both be chosen");
  g_clear_pointer (&c, pb_ballot_choices_unref);
}

static void
test_knapsack (StoreFixture  *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PbProcess *process = make_process (f->store, PB_BALLOT_FORMAT_KNAPSACK, PB_PHASE_DRAFT);
  PbCategory *category;
  g_autoptr(PbBallotChoices) c = NULL;

  /* Budget 500; costs 100, 200, 300. */
  c = choices_of (process, PB_BALLOT_FORMAT_KNAPSACK, (int[]) { 1, 2, -1 }, NULL);
  assert_valid (process, c);
  g_clear_pointer (&c, pb_ballot_choices_unref);

  c = choices_of (process, PB_BALLOT_FORMAT_KNAPSACK, (int[]) { 0, 1, 2, -1 }, NULL);
  assert_violation (process, c, PB_BALLOT_ERROR_OVER_BUDGET, "£600");
  g_clear_pointer (&c, pb_ballot_choices_unref);

  /* A lower cost limit than the budget. */
  g_assert_true (pb_store_edit_process (f->store, process, &error, "cost-limit", "350", NULL));
  c = choices_of (process, PB_BALLOT_FORMAT_KNAPSACK, (int[]) { 1, 2, -1 }, NULL);
  assert_violation (process, c, PB_BALLOT_ERROR_OVER_BUDGET, "£350");
  g_clear_pointer (&c, pb_ballot_choices_unref);
  g_assert_true (pb_store_edit_process (f->store, process, &error, "cost-limit", "", NULL));

  /* At least 80 % of £500 must be spent. */
  g_assert_true (pb_store_edit_process (f->store, process, &error, "min-spent-percent", 80, NULL));
  c = choices_of (process, PB_BALLOT_FORMAT_KNAPSACK, (int[]) { 0, 2, -1 }, NULL);
  assert_valid (process, c);   /* exactly 80 % */
  g_clear_pointer (&c, pb_ballot_choices_unref);
  c = choices_of (process, PB_BALLOT_FORMAT_KNAPSACK, (int[]) { 0, 1, -1 }, NULL);
  assert_violation (process, c, PB_BALLOT_ERROR_TOO_LITTLE_SPENT, "£400");
  g_clear_pointer (&c, pb_ballot_choices_unref);
  g_assert_true (pb_store_edit_process (f->store, process, &error, "min-spent-percent", 0, NULL));

  /* A category capped at £250. */
  category = pb_store_add_category (f->store, process, "Parks", "250", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    g_assert_true (pb_store_edit_project (f->store, pb_process_lookup_project (process, project_id (process, i)),
                                          &error, "category-id", pb_category_get_id (category), NULL));
  c = choices_of (process, PB_BALLOT_FORMAT_KNAPSACK, (int[]) { 0, 1, -1 }, NULL);
  assert_violation (process, c, PB_BALLOT_ERROR_CATEGORY_CAP, "Parks");
  g_clear_pointer (&c, pb_ballot_choices_unref);

  /* The kiosk's question: what if I add project 1 to projects 2 and 3? */
  c = choices_of (process, PB_BALLOT_FORMAT_KNAPSACK, (int[]) { 1, 2, -1 }, NULL);
  g_assert_false (pb_ballot_check_add (process, c, project_id (process, 0), 1, &error));
  g_assert_error (error, PB_BALLOT_ERROR, PB_BALLOT_ERROR_OVER_BUDGET);
  g_assert_nonnull (strstr (error->message, "Adding “Project 1” would bring your total to £600"));
  g_clear_error (&error);
  g_clear_pointer (&c, pb_ballot_choices_unref);
  c = choices_of (process, PB_BALLOT_FORMAT_KNAPSACK, (int[]) { 1, -1 }, NULL);
  g_assert_true (pb_ballot_check_add (process, c, project_id (process, 0), 1, &error) == FALSE);
  g_assert_error (error, PB_BALLOT_ERROR, PB_BALLOT_ERROR_CATEGORY_CAP);
  g_clear_error (&error);
  g_clear_pointer (&c, pb_ballot_choices_unref);
  /* Minimums are not checked when adding. */
  g_assert_true (pb_store_edit_process (f->store, process, &error, "min-projects", 3, NULL));
  c = pb_ballot_choices_new (PB_BALLOT_FORMAT_KNAPSACK);
  g_assert_true (pb_ballot_check_add (process, c, project_id (process, 2), 1, &error));
  g_assert_no_error (error);
  {
    g_autofree char *total = NULL;

    pb_ballot_choices_add (c, project_id (process, 2), 1);
    pb_ballot_choices_add (c, project_id (process, 0), 1);
    total = pb_ballot_choices_dup_total_cost (process, c);
    g_assert_cmpstr (total, ==, "400");
  }
}

static void
test_cumulative (StoreFixture  *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PbProcess *process = make_process (f->store, PB_BALLOT_FORMAT_CUMULATIVE, PB_PHASE_DRAFT);
  g_autoptr(PbBallotChoices) c = NULL;

  g_assert_true (pb_store_edit_process (f->store, process, &error, "points-total", 10, "points-per-project", 6,
                                        NULL));
  g_assert_no_error (error);
  c = choices_of (process, PB_BALLOT_FORMAT_CUMULATIVE, (int[]) { 0, 1, -1 }, (guint[]) { 6, 4 });
  assert_valid (process, c);
  g_clear_pointer (&c, pb_ballot_choices_unref);

  c = choices_of (process, PB_BALLOT_FORMAT_CUMULATIVE, (int[]) { 0, 1, 2, -1 }, (guint[]) { 5, 4, 3 });
  assert_violation (process, c, PB_BALLOT_ERROR_POINTS_TOTAL, "You gave 12 points; you have 10 points in all.");
  g_clear_pointer (&c, pb_ballot_choices_unref);

  c = choices_of (process, PB_BALLOT_FORMAT_CUMULATIVE, (int[]) { 0, -1 }, (guint[]) { 7 });
  assert_violation (process, c, PB_BALLOT_ERROR_POINTS_PER_PROJECT, "at most 6 points");
  g_clear_pointer (&c, pb_ballot_choices_unref);

  c = choices_of (process, PB_BALLOT_FORMAT_CUMULATIVE, (int[]) { 0, -1 }, (guint[]) { 0 });
  assert_violation (process, c, PB_BALLOT_ERROR_ZERO_POINTS, NULL);
  g_clear_pointer (&c, pb_ballot_choices_unref);

  /* Text form round trip. */
  c = choices_of (process, PB_BALLOT_FORMAT_CUMULATIVE, (int[]) { 1, 0, -1 }, (guint[]) { 2, 3 });
  {
    g_autofree char *text = pb_ballot_choices_to_string (c);
    g_autoptr(PbBallotChoices) back = pb_ballot_choices_from_string (PB_BALLOT_FORMAT_CUMULATIVE, text);

    g_assert_nonnull (back);
    g_assert_true (pb_ballot_choices_equal (c, back));
    g_assert_cmpuint (pb_ballot_choices_get_points_for (back, project_id (process, 0)), ==, 3);
    g_assert_null (pb_ballot_choices_from_string (PB_BALLOT_FORMAT_CUMULATIVE, "1,2"));
    g_assert_null (pb_ballot_choices_from_string (PB_BALLOT_FORMAT_APPROVAL, "1,,2"));
    g_assert_null (pb_ballot_choices_from_string (PB_BALLOT_FORMAT_APPROVAL, "1,x"));
  }
}

static void
test_ranking (StoreFixture  *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PbProcess *process = make_process (f->store, PB_BALLOT_FORMAT_RANKING, PB_PHASE_DRAFT);
  g_autoptr(PbBallotChoices) c = NULL;

  g_assert_true (pb_store_edit_process (f->store, process, &error, "ranking-length", 2, NULL));
  c = choices_of (process, PB_BALLOT_FORMAT_RANKING, (int[]) { 2, 0, -1 }, NULL);
  assert_valid (process, c);
  {
    g_autofree char *text = pb_ballot_choices_to_string (c);
    g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
                                                 project_id (process, 2), project_id (process, 0));
    g_assert_cmpstr (text, ==, expected);   /* order kept */
  }
  g_assert_true (pb_ballot_choices_move (c, project_id (process, 0), 0));
  g_assert_cmpint (pb_ballot_choices_get_project (c, 0), ==, project_id (process, 0));
  g_clear_pointer (&c, pb_ballot_choices_unref);

  c = choices_of (process, PB_BALLOT_FORMAT_RANKING, (int[]) { 2, 0, 1, -1 }, NULL);
  assert_violation (process, c, PB_BALLOT_ERROR_RANKING_TOO_LONG, "You ranked 3 projects; a ranking holds at most 2.");
  g_clear_pointer (&c, pb_ballot_choices_unref);

  c = choices_of (process, PB_BALLOT_FORMAT_RANKING, (int[]) { 1, 1, -1 }, NULL);
  assert_violation (process, c, PB_BALLOT_ERROR_REPEATED_PROJECT, "ranked more than once");
  g_clear_pointer (&c, pb_ballot_choices_unref);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add (path, StoreFixture, NULL, store_fixture_set_up, func, store_fixture_tear_down)
  ADD ("/ballot-rules/approval", test_approval);
  ADD ("/ballot-rules/knapsack", test_knapsack);
  ADD ("/ballot-rules/cumulative", test_cumulative);
  ADD ("/ballot-rules/ranking", test_ranking);
#undef ADD
  return g_test_run ();
}
