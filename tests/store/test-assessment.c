/* test-assessment.c: projects assessed against a workshop's shared
 * criteria in review: setting, changing and removing a verdict, the
 * refusals (phase, criterion, note), the audit entry and pb_store_verify(),
 * the cascade when a project or a criterion is deleted, and the migration
 * from every earlier schema version. */

#include "store-test-util.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "pb-assessment.h"
#include "pb-workshop.h"

typedef struct {
  StoreFixture  base;
  PbProcess    *process;
  PbWorkshop   *workshop;
  PbProject    *project;
  PbProject    *other;
  gint64        serves;
  gint64        means;
} Fixture;

static gint64
add_criterion (PbStore    *store,
               PbWorkshop *workshop,
               const char *text)
{
  g_autoptr(GError) error = NULL;
  gint64 id = pb_store_workshop_add_criterion (store, workshop, text, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* A process with a workshop, two criteria and two projects, moved to
 * review. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PbStore *store;

  store_fixture_set_up (&fixture->base, data);
  store = fixture->base.store;
  fixture->process = pb_store_create_process (store, "Street fund", "GBP", "1000", &error);
  g_assert_no_error (error);
  g_assert_true (pb_store_set_phase (store, fixture->process, PB_PHASE_PROPOSALS, "workshop", &error));
  g_assert_no_error (error);
  fixture->workshop = pb_store_start_workshop (store, fixture->process, &error);
  g_assert_no_error (error);
  fixture->serves = add_criterion (store, fixture->workshop, "Serves the people who use it");
  fixture->means = add_criterion (store, fixture->workshop, "Within our means");
  fixture->project = pb_store_add_project (store, fixture->process, &error,
                                           "title", "Benches", "cost", "200", NULL);
  g_assert_no_error (error);
  fixture->other = pb_store_add_project (store, fixture->process, &error,
                                         "title", "Trees", "cost", "300", NULL);
  g_assert_no_error (error);
  g_assert_true (pb_store_set_phase (store, fixture->process, PB_PHASE_REVIEW, "review", &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  store_fixture_tear_down (&fixture->base, data);
}

static GPtrArray *
get (Fixture   *fixture,
     PbProject *project)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = pb_store_get_project_assessments (fixture->base.store, project, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static void
assess (Fixture      *fixture,
        PbProject    *project,
        gint64        criterion,
        PbAssessment  verdict,
        const char   *note)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pb_store_assess_project (fixture->base.store, project, criterion, verdict, note, &error));
  g_assert_no_error (error);
}

static guint
count_rows (PbStore    *store,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  guint n;

  g_assert_cmpint (sqlite3_prepare_v2 (pb_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static guint
count_assessment_entries (PbStore *store)
{
  return count_rows (store, "SELECT count(*) FROM audit WHERE kind = 'project-assessment';");
}

static void
verify (PbStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pb_store_verify (store, NULL, &error));
  g_assert_no_error (error);
}

static void
test_names (void)
{
  for (PbAssessment v = 0; v <= PB_ASSESSMENT_LAST; v++)
    {
      PbAssessment back = PB_ASSESSMENT_LAST;

      g_assert_true (pb_assessment_from_string (pb_assessment_to_string (v), &back));
      g_assert_cmpint (back, ==, v);
      g_assert_cmpstr (pb_assessment_get_label (v), !=, "");
    }
  g_assert_false (pb_assessment_from_string ("excellent", &(PbAssessment) { 0 }));
}

/* Assess, change, remove, each with its audit entry; the chain verifies. */
static void
test_assess (Fixture       *fixture,
             gconstpointer  data)
{
  PbStore *store = fixture->base.store;
  g_autoptr(GPtrArray) none = get (fixture, fixture->project);
  g_autoptr(GPtrArray) one = NULL;
  g_autoptr(GPtrArray) two = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(GPtrArray) removed = NULL;
  g_autoptr(GListModel) audit = NULL;
  g_autoptr(PbAuditEntry) last = NULL;
  const PbProjectAssessment *a;
  guint entries = count_assessment_entries (store);

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (entries, ==, 0);

  /* The second criterion first: rows come back in the criteria's order. */
  assess (fixture, fixture->project, fixture->means, PB_ASSESSMENT_PARTLY, "  Needs a cheaper supplier  ");
  one = get (fixture, fixture->project);
  g_assert_cmpuint (one->len, ==, 1);
  a = g_ptr_array_index (one, 0);
  g_assert_cmpint (a->criterion_id, ==, fixture->means);
  g_assert_cmpstr (a->criterion_text, ==, "Within our means");
  g_assert_cmpint (a->verdict, ==, PB_ASSESSMENT_PARTLY);
  g_assert_cmpstr (a->note, ==, "Needs a cheaper supplier");
  g_assert_cmpint (a->time, >, 0);
  g_assert_cmpuint (count_assessment_entries (store), ==, 1);

  audit = pb_store_list_audit (store, fixture->process, NULL);
  last = g_list_model_get_item (audit, g_list_model_get_n_items (audit) - 1);
  g_assert_cmpstr (pb_audit_entry_get_kind (last), ==, "project-assessment");
  g_assert_nonnull (strstr (pb_audit_entry_get_summary (last), "Within our means"));
  g_assert_nonnull (strstr (pb_audit_entry_get_summary (last), "partly"));
  verify (store);

  assess (fixture, fixture->project, fixture->serves, PB_ASSESSMENT_MEETS, NULL);
  two = get (fixture, fixture->project);
  g_assert_cmpuint (two->len, ==, 2);
  g_assert_cmpint (((PbProjectAssessment *) g_ptr_array_index (two, 0))->criterion_id, ==, fixture->serves);
  g_assert_cmpint (((PbProjectAssessment *) g_ptr_array_index (two, 0))->verdict, ==, PB_ASSESSMENT_MEETS);
  g_assert_cmpstr (((PbProjectAssessment *) g_ptr_array_index (two, 0))->note, ==, "");
  g_assert_cmpint (((PbProjectAssessment *) g_ptr_array_index (two, 1))->criterion_id, ==, fixture->means);
  /* The other project is not touched. */
  g_clear_pointer (&none, g_ptr_array_unref);
  none = get (fixture, fixture->other);
  g_assert_cmpuint (none->len, ==, 0);

  /* Setting the same again writes nothing. */
  assess (fixture, fixture->project, fixture->serves, PB_ASSESSMENT_MEETS, "");
  g_assert_cmpuint (count_assessment_entries (store), ==, 2);

  /* Changing the verdict and the note. */
  assess (fixture, fixture->project, fixture->serves, PB_ASSESSMENT_DOES_NOT_MEET, "Only for drivers");
  changed = get (fixture, fixture->project);
  g_assert_cmpuint (changed->len, ==, 2);
  a = g_ptr_array_index (changed, 0);
  g_assert_cmpint (a->verdict, ==, PB_ASSESSMENT_DOES_NOT_MEET);
  g_assert_cmpstr (a->note, ==, "Only for drivers");
  g_assert_cmpuint (count_assessment_entries (store), ==, 3);
  verify (store);

  /* The workshop record lists the verdicts. */
  {
    g_autofree char *json = pb_workshop_to_json (fixture->workshop, store);
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;
    JsonArray *verdicts;
    JsonObject *first;

    g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
    g_assert_no_error (error);
    verdicts = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "assessments");
    g_assert_cmpuint (json_array_get_length (verdicts), ==, 2);
    first = json_array_get_object_element (verdicts, 0);
    g_assert_cmpint (json_object_get_int_member (first, "project"), ==, pb_project_get_id (fixture->project));
    g_assert_cmpint (json_object_get_int_member (first, "criterion"), ==, fixture->serves);
    g_assert_cmpstr (json_object_get_string_member (first, "verdict"), ==, "does-not-meet");
    g_assert_cmpstr (json_object_get_string_member (first, "note"), ==, "Only for drivers");
  }

  /* NONE removes it; removing what is not there writes nothing. */
  assess (fixture, fixture->project, fixture->serves, PB_ASSESSMENT_NONE, "ignored");
  removed = get (fixture, fixture->project);
  g_assert_cmpuint (removed->len, ==, 1);
  g_assert_cmpint (((PbProjectAssessment *) g_ptr_array_index (removed, 0))->criterion_id, ==, fixture->means);
  g_assert_cmpuint (count_assessment_entries (store), ==, 4);
  assess (fixture, fixture->project, fixture->serves, PB_ASSESSMENT_NONE, NULL);
  g_assert_cmpuint (count_assessment_entries (store), ==, 4);
  verify (store);

  /* Kept across a restart. */
  g_assert_finalize_object (fixture->base.store);
  fixture->base.store = pb_store_open (fixture->base.path, NULL);
  g_assert_nonnull (fixture->base.store);
  {
    g_autoptr(PbProcess) process = g_list_model_get_item (pb_store_list_processes (fixture->base.store), 0);
    g_autoptr(PbProject) project = g_list_model_get_item (pb_process_list_projects (process), 0);
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) reopened = pb_store_get_project_assessments (fixture->base.store, project, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (reopened->len, ==, 1);
    g_assert_cmpstr (((PbProjectAssessment *) g_ptr_array_index (reopened, 0))->note, ==,
                     "Needs a cheaper supplier");
    verify (fixture->base.store);
  }
}

/* Outside review: refused with NOT_REVIEW naming the phase; nothing
 * written.  A criterion of another process, a bad verdict or a long note
 * is refused too. */
static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  PbStore *store = fixture->base.store;
  g_autoptr(GError) error = NULL;
  g_autofree char *long_note = g_strnfill (2001, 'x');
  g_autoptr(GPtrArray) rows = NULL;
  PbProcess *elsewhere;
  PbWorkshop *other_workshop;
  gint64 foreign;

  assess (fixture, fixture->project, fixture->serves, PB_ASSESSMENT_MEETS, "Kept");

  /* A criterion of another process's workshop. */
  elsewhere = pb_store_create_process (store, "Park fund", "GBP", "500", &error);
  g_assert_no_error (error);
  g_assert_true (pb_store_set_phase (store, elsewhere, PB_PHASE_PROPOSALS, "workshop", &error));
  g_assert_no_error (error);
  other_workshop = pb_store_start_workshop (store, elsewhere, &error);
  g_assert_no_error (error);
  foreign = add_criterion (store, other_workshop, "Quiet");
  g_assert_false (pb_store_assess_project (store, fixture->project, foreign, PB_ASSESSMENT_MEETS, NULL, &error));
  g_assert_error (error, PB_ASSESSMENT_ERROR, PB_ASSESSMENT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (pb_store_assess_project (store, fixture->project, 999999, PB_ASSESSMENT_MEETS, NULL, &error));
  g_assert_error (error, PB_ASSESSMENT_ERROR, PB_ASSESSMENT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (pb_store_assess_project (store, fixture->project, fixture->means, PB_ASSESSMENT_MEETS,
                                           long_note, &error));
  g_assert_error (error, PB_ASSESSMENT_ERROR, PB_ASSESSMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pb_store_assess_project (store, fixture->project, fixture->means, PB_ASSESSMENT_MEETS,
                                           "bad \xff text", &error));
  g_assert_error (error, PB_ASSESSMENT_ERROR, PB_ASSESSMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pb_store_assess_project (store, fixture->project, fixture->means, (PbAssessment) 17,
                                           NULL, &error));
  g_assert_error (error, PB_ASSESSMENT_ERROR, PB_ASSESSMENT_ERROR_INVALID);
  g_clear_error (&error);

  /* Before review (a project of the process still taking proposals). */
  {
    PbProject *early = pb_store_add_project (store, elsewhere, &error, "title", "Swings", "cost", "50", NULL);

    g_assert_no_error (error);
    g_assert_false (pb_store_check_can_assess (store, elsewhere, &error));
    g_assert_error (error, PB_ASSESSMENT_ERROR, PB_ASSESSMENT_ERROR_NOT_REVIEW);
    g_assert_nonnull (strstr (error->message, pb_phase_get_label (PB_PHASE_PROPOSALS)));
    g_assert_nonnull (strstr (error->message, "Park fund"));
    g_clear_error (&error);
    g_assert_false (pb_store_assess_project (store, early, foreign, PB_ASSESSMENT_MEETS, NULL, &error));
    g_assert_error (error, PB_ASSESSMENT_ERROR, PB_ASSESSMENT_ERROR_NOT_REVIEW);
    g_clear_error (&error);
  }

  /* After review (voting): no assessing, no removing. */
  g_assert_true (pb_store_check_can_assess (store, fixture->process, &error));
  g_assert_no_error (error);
  g_assert_true (pb_store_set_project_status (store, fixture->project, PB_PROJECT_STATUS_FEASIBLE, "ok", &error));
  g_assert_no_error (error);
  g_assert_true (pb_store_set_phase (store, fixture->process, PB_PHASE_VOTING, "vote", &error));
  g_assert_no_error (error);
  g_assert_false (pb_store_check_can_assess (store, fixture->process, &error));
  g_assert_error (error, PB_ASSESSMENT_ERROR, PB_ASSESSMENT_ERROR_NOT_REVIEW);
  g_assert_nonnull (strstr (error->message, pb_phase_get_label (PB_PHASE_VOTING)));
  g_clear_error (&error);
  g_assert_false (pb_store_assess_project (store, fixture->project, fixture->means, PB_ASSESSMENT_MEETS,
                                           NULL, &error));
  g_assert_error (error, PB_ASSESSMENT_ERROR, PB_ASSESSMENT_ERROR_NOT_REVIEW);
  g_assert_nonnull (strstr (error->message, "Street fund"));
  g_clear_error (&error);
  g_assert_false (pb_store_assess_project (store, fixture->project, fixture->serves, PB_ASSESSMENT_NONE,
                                           NULL, &error));
  g_assert_error (error, PB_ASSESSMENT_ERROR, PB_ASSESSMENT_ERROR_NOT_REVIEW);
  g_clear_error (&error);

  rows = get (fixture, fixture->project);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((PbProjectAssessment *) g_ptr_array_index (rows, 0))->note, ==, "Kept");
  g_assert_cmpuint (count_assessment_entries (store), ==, 1);
  verify (store);
}

/* Deleting a project, a criterion or the whole process takes its
 * verdicts with it, and the chain still verifies. */
static void
test_cascade (Fixture       *fixture,
              gconstpointer  data)
{
  PbStore *store = fixture->base.store;
  g_autoptr(GError) error = NULL;

  assess (fixture, fixture->project, fixture->serves, PB_ASSESSMENT_MEETS, NULL);
  assess (fixture, fixture->project, fixture->means, PB_ASSESSMENT_PARTLY, NULL);
  assess (fixture, fixture->other, fixture->serves, PB_ASSESSMENT_DOES_NOT_MEET, "No");
  assess (fixture, fixture->other, fixture->means, PB_ASSESSMENT_MEETS, NULL);
  g_assert_cmpuint (count_rows (store, "SELECT count(*) FROM project_assessments;"), ==, 4);

  g_assert_true (pb_store_delete_project (store, fixture->project, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_rows (store, "SELECT count(*) FROM project_assessments;"), ==, 2);
  verify (store);

  /* Criteria are removed only while the process takes proposals, and
   * phases move forward: delete one as the database would. */
  g_assert_cmpuint (count_rows (store, "PRAGMA foreign_keys;"), ==, 1);
  {
    g_autofree char *sql = g_strdup_printf ("DELETE FROM workshop_criteria WHERE id = %" G_GINT64_FORMAT ";",
                                            fixture->means);

    g_assert_cmpint (sqlite3_exec (pb_store_get_db (store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  g_assert_cmpuint (count_rows (store, "SELECT count(*) FROM project_assessments;"), ==, 1);
  {
    g_autoptr(GPtrArray) rows = get (fixture, fixture->other);

    g_assert_cmpuint (rows->len, ==, 1);
    g_assert_cmpint (((PbProjectAssessment *) g_ptr_array_index (rows, 0))->criterion_id, ==, fixture->serves);
  }

  g_assert_true (pb_store_delete_process (store, fixture->process, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_rows (store, "SELECT count(*) FROM project_assessments;"), ==, 0);
  verify (store);
}

/* A verdict changed or added with the sqlite3 shell is caught by
 * pb_store_verify(). */
static void
test_tamper (Fixture       *fixture,
             gconstpointer  data)
{
  PbStore *store = fixture->base.store;
  g_autoptr(GError) error = NULL;
  g_autofree char *change = NULL;
  g_autofree char *add = NULL;

  assess (fixture, fixture->project, fixture->serves, PB_ASSESSMENT_DOES_NOT_MEET, "Only for drivers");
  verify (store);

  change = g_strdup_printf ("UPDATE project_assessments SET verdict = 'meets' WHERE project_id = %" G_GINT64_FORMAT ";",
                            pb_project_get_id (fixture->project));
  g_assert_cmpint (sqlite3_exec (pb_store_get_db (store), change, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (pb_store_verify (store, NULL, &error));
  g_assert_error (error, PB_AUDIT_ERROR, PB_AUDIT_ERROR_ROW_ALTERED);
  g_assert_nonnull (strstr (error->message, "assessment"));
  g_clear_error (&error);

  /* Put back through Pb (a new entry), then a row added outside Pb. */
  assess (fixture, fixture->project, fixture->serves, PB_ASSESSMENT_PARTLY, NULL);
  verify (store);
  add = g_strdup_printf ("INSERT INTO project_assessments (project_id, criterion_id, verdict, time)"
                         " VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'meets', 0);",
                         pb_project_get_id (fixture->other), fixture->means);
  g_assert_cmpint (sqlite3_exec (pb_store_get_db (store), add, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (pb_store_verify (store, NULL, &error));
  g_assert_error (error, PB_AUDIT_ERROR, PB_AUDIT_ERROR_ROW_ALTERED);
  g_assert_nonnull (strstr (error->message, "no audit entry"));
}

/* A database of every earlier version, with a process, a workshop (from
 * version 3) and a project in it, upgrades keeping them, and its projects
 * can then be assessed. */
static void
test_migrations (void)
{
  for (guint version = 0; version < PB_STORE_SCHEMA_VERSION; version++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("pb-assessment-migrate-XXXXXX", &error);
      g_autofree char *path = g_build_filename (dir, "pb.db", NULL);
      g_autofree char *backup = g_strdup_printf ("%s.v%u.bak", path, version);
      g_autoptr(GPtrArray) rows = NULL;
      PbStore *store;
      PbProcess *process;
      PbProject *project;
      PbWorkshop *workshop;
      gint64 criterion;

      g_assert_no_error (error);
      g_test_message ("upgrading from version %u", version);
      g_assert_true (pb_store_create_schema_at_version (path, version, &error));
      g_assert_no_error (error);
      if (version >= 1)
        exec_raw (path, "INSERT INTO processes (id, name, budget, phase, created)"
                  " VALUES (1, 'Old fund', '900', 'proposals', 0);"
                  "INSERT INTO projects (id, process_id, code, title, cost)"
                  " VALUES (1, 1, 'P1', 'Old benches', '100');");
      if (version >= 3)
        exec_raw (path, "INSERT INTO workshops (id, process_id, created) VALUES (1, 1, 0);"
                  "INSERT INTO workshop_criteria (workshop_id, text) VALUES (1, 'Old criterion');");

      store = pb_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_nonnull (store);
      g_assert_cmpuint (count_rows (store, "PRAGMA user_version;"), ==, PB_STORE_SCHEMA_VERSION);
      g_assert_cmpint (g_file_test (backup, G_FILE_TEST_IS_REGULAR), ==, version >= 1);
      if (version >= 1)
        {
          process = pb_store_lookup_process (store, 1);
          g_assert_nonnull (process);
          g_assert_cmpstr (pb_process_get_name (process), ==, "Old fund");
          project = g_list_model_get_item (pb_process_list_projects (process), 0);
          g_object_unref (project);
          g_assert_cmpstr (pb_project_get_title (project), ==, "Old benches");
        }
      else
        {
          process = pb_store_create_process (store, "New fund", "GBP", "900", &error);
          g_assert_no_error (error);
          g_assert_true (pb_store_set_phase (store, process, PB_PHASE_PROPOSALS, "test", &error));
          g_assert_no_error (error);
          project = pb_store_add_project (store, process, &error, "title", "New benches", "cost", "100", NULL);
          g_assert_no_error (error);
        }
      workshop = pb_store_start_workshop (store, process, &error);
      g_assert_no_error (error);
      if (version >= 3)
        {
          g_assert_cmpuint (pb_workshop_get_criteria (workshop)->len, ==, 1);
          criterion = ((PbWorkshopCriterion *) g_ptr_array_index (pb_workshop_get_criteria (workshop), 0))->id;
        }
      else
        criterion = add_criterion (store, workshop, "New criterion");

      /* Rows added outside Pb have no audit entries: only the new
       * verdict is checked here, not the chain. */
      g_assert_true (pb_store_set_phase (store, process, PB_PHASE_REVIEW, "test", &error));
      g_assert_no_error (error);
      g_assert_true (pb_store_assess_project (store, project, criterion, PB_ASSESSMENT_PARTLY, "ok", &error));
      g_assert_no_error (error);
      rows = pb_store_get_project_assessments (store, project, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, 1);
      g_assert_cmpstr (((PbProjectAssessment *) g_ptr_array_index (rows, 0))->criterion_text, ==,
                       version >= 3 ? "Old criterion" : "New criterion");
      g_assert_finalize_object (store);
      remove_tree (dir);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/assessment/names", test_names);
  g_test_add ("/assessment/assess", Fixture, NULL, fixture_set_up, test_assess, fixture_tear_down);
  g_test_add ("/assessment/refusals", Fixture, NULL, fixture_set_up, test_refusals, fixture_tear_down);
  g_test_add ("/assessment/tamper", Fixture, NULL, fixture_set_up, test_tamper, fixture_tear_down);
  g_test_add ("/assessment/cascade", Fixture, NULL, fixture_set_up, test_cascade, fixture_tear_down);
  g_test_add_func ("/assessment/migrations", test_migrations);
  return g_test_run ();
}
