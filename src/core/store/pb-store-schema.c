/* pb-store-schema.c: the SQLite schema and its migrations.
 *
 * migrations[N] turns a database of version N into one of version N + 1.
 * A migration is never edited once released: a change to the schema is a
 * new entry at the end, with a test that upgrades every earlier version.
 */

#include "pb-config.h"

#include <glib/gi18n-lib.h>

#include "pb-store-private.h"
#include "pb-store-schema.h"

/* Version 1: the domain, ballots, voter codes, kiosks, the audit chain and
 * settings.  Money is TEXT (exact decimal strings), times are INTEGER
 * microseconds since the Unix epoch (UTC). */
static const char migration_1[] =
  "CREATE TABLE kiosks ("
  "  id INTEGER PRIMARY KEY,"
  "  public_key TEXT NOT NULL UNIQUE,"     /* hex Ed25519 public key: the kiosk id */
  "  secret_key BLOB,"                     /* only for this database's own kiosk */
  "  name TEXT NOT NULL DEFAULT '',"
  "  is_local INTEGER NOT NULL DEFAULT 0,"
  "  created INTEGER NOT NULL);"
  "CREATE TABLE processes ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  currency TEXT NOT NULL DEFAULT '',"
  "  budget TEXT NOT NULL DEFAULT '0',"
  "  phase TEXT NOT NULL DEFAULT 'draft',"
  "  ballot_format TEXT NOT NULL DEFAULT 'approval',"
  "  min_projects INTEGER NOT NULL DEFAULT 0,"
  "  max_projects INTEGER NOT NULL DEFAULT 0,"
  "  min_spent_percent INTEGER NOT NULL DEFAULT 0,"
  "  cost_limit TEXT NOT NULL DEFAULT '',"
  "  points_total INTEGER NOT NULL DEFAULT 0,"
  "  points_per_project INTEGER NOT NULL DEFAULT 0,"
  "  ranking_length INTEGER NOT NULL DEFAULT 0,"
  "  counting_rule TEXT NOT NULL DEFAULT 'greedy-cost',"
  "  tie_break TEXT NOT NULL DEFAULT '',"
  "  voter_codes_required INTEGER NOT NULL DEFAULT 0,"
  "  archived INTEGER NOT NULL DEFAULT 0,"
  "  created INTEGER NOT NULL);"
  "CREATE TABLE phase_changes ("
  "  id INTEGER PRIMARY KEY,"
  "  process_id INTEGER NOT NULL REFERENCES processes (id) ON DELETE CASCADE,"
  "  from_phase TEXT NOT NULL,"
  "  to_phase TEXT NOT NULL,"
  "  time INTEGER NOT NULL,"
  "  reason TEXT NOT NULL DEFAULT '');"
  "CREATE INDEX phase_changes_process ON phase_changes (process_id);"
  "CREATE TABLE categories ("
  "  id INTEGER PRIMARY KEY,"
  "  process_id INTEGER NOT NULL REFERENCES processes (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  cap TEXT NOT NULL DEFAULT '',"
  "  UNIQUE (process_id, name));"
  "CREATE TABLE projects ("
  "  id INTEGER PRIMARY KEY,"
  "  process_id INTEGER NOT NULL REFERENCES processes (id) ON DELETE CASCADE,"
  "  code TEXT NOT NULL,"
  "  title TEXT NOT NULL,"
  "  summary TEXT NOT NULL DEFAULT '',"
  "  description TEXT NOT NULL DEFAULT '',"
  "  cost TEXT NOT NULL,"
  "  category_id INTEGER REFERENCES categories (id) ON DELETE SET NULL,"
  "  status TEXT NOT NULL DEFAULT 'proposed',"
  "  status_reason TEXT NOT NULL DEFAULT '',"
  "  groups TEXT NOT NULL DEFAULT '',"     /* incompatibility groups, one per line */
  "  image_path TEXT NOT NULL DEFAULT '',"
  "  location TEXT NOT NULL DEFAULT '',"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (process_id, code));"
  /* A ballot names no voter and no code.  Choices are one compact text
   * (see pb_ballot_choices_to_string()) so that 100 000 ballots load in a
   * single fast scan. */
  "CREATE TABLE ballots ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  process_id INTEGER NOT NULL REFERENCES processes (id),"
  "  kiosk_id INTEGER NOT NULL REFERENCES kiosks (id),"
  "  method TEXT NOT NULL,"
  "  cast_time INTEGER NOT NULL,"
  "  choices TEXT NOT NULL,"
  "  receipt TEXT NOT NULL);"
  "CREATE INDEX ballots_process ON ballots (process_id);"
  "CREATE INDEX ballots_receipt ON ballots (process_id, receipt);"
  /* A code records no ballot, no time of use and no order of use: its row
   * is written when the batch is issued and only its state changes. */
  "CREATE TABLE voter_codes ("
  "  id INTEGER PRIMARY KEY,"
  "  process_id INTEGER NOT NULL REFERENCES processes (id) ON DELETE CASCADE,"
  "  code TEXT NOT NULL,"
  "  batch INTEGER NOT NULL,"
  "  state TEXT NOT NULL DEFAULT 'issued',"
  "  UNIQUE (process_id, code));"
  "CREATE TABLE audit ("
  "  seq INTEGER PRIMARY KEY,"
  "  time INTEGER NOT NULL,"
  "  process_id INTEGER NOT NULL DEFAULT 0,"
  "  kind TEXT NOT NULL,"
  "  subject TEXT NOT NULL DEFAULT '',"
  "  summary TEXT NOT NULL DEFAULT '',"
  "  subject_hash TEXT NOT NULL DEFAULT '',"
  "  prev_hash TEXT NOT NULL,"
  "  hash TEXT NOT NULL);"
  "CREATE INDEX audit_subject ON audit (subject);"
  "CREATE TABLE settings ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL);";

/* Version 2: paper ballots entered twice.  Each officer's entry of each
 * ballot of a batch is kept, so that the GUI can show where they differ;
 * the batch's ballots are written to `ballots` only when both agree. */
static const char migration_2[] =
  "CREATE TABLE paper_batches ("
  "  id INTEGER PRIMARY KEY,"
  "  process_id INTEGER NOT NULL REFERENCES processes (id) ON DELETE CASCADE,"
  "  label TEXT NOT NULL,"
  "  ballot_count INTEGER NOT NULL,"
  "  committed INTEGER NOT NULL DEFAULT 0,"
  "  created INTEGER NOT NULL,"
  "  UNIQUE (process_id, label));"
  "CREATE TABLE paper_entries ("
  "  batch_id INTEGER NOT NULL REFERENCES paper_batches (id) ON DELETE CASCADE,"
  "  entry INTEGER NOT NULL CHECK (entry IN (1, 2)),"
  "  number INTEGER NOT NULL,"
  "  officer TEXT NOT NULL DEFAULT '',"
  "  choices TEXT NOT NULL,"
  "  PRIMARY KEY (batch_id, entry, number));";

/* Version 3: workshops (issue 8), the OPERA technique that produces
 * proposals: one workshop per process, its stage and timer, the key jar,
 * shared criteria, participants, their ideas, pairs, picks and merges, the
 * Explain order, dots, groups and the promotions of ideas and groups to
 * projects.  Every row follows its workshop when the process is deleted. */
static const char migration_3[] =
  "CREATE TABLE workshops ("
  "  id INTEGER PRIMARY KEY,"
  "  process_id INTEGER NOT NULL UNIQUE REFERENCES processes (id) ON DELETE CASCADE,"
  "  stage TEXT NOT NULL DEFAULT 'warm-up',"
  "  use_warm_up INTEGER NOT NULL DEFAULT 1,"
  "  use_criteria INTEGER NOT NULL DEFAULT 1,"
  "  dots_per_participant INTEGER NOT NULL DEFAULT 3,"
  "  timer_started INTEGER NOT NULL DEFAULT 0,"    /* µs when it last started, 0 when stopped */
  "  timer_elapsed INTEGER NOT NULL DEFAULT 0,"    /* µs run before the last start */
  "  timer_extended INTEGER NOT NULL DEFAULT 0,"   /* seconds added to the stage's length */
  "  explain_index INTEGER NOT NULL DEFAULT 0,"
  "  drawn_question_id INTEGER NOT NULL DEFAULT 0,"
  "  created INTEGER NOT NULL);"
  "CREATE TABLE workshop_stage_lengths ("
  "  workshop_id INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,"
  "  stage TEXT NOT NULL,"
  "  seconds INTEGER NOT NULL,"
  "  PRIMARY KEY (workshop_id, stage));"
  "CREATE TABLE workshop_questions ("
  "  id INTEGER PRIMARY KEY,"
  "  workshop_id INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,"
  "  text TEXT NOT NULL,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  drawn INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE workshop_criteria ("
  "  id INTEGER PRIMARY KEY,"
  "  workshop_id INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,"
  "  text TEXT NOT NULL,"
  "  position INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE workshop_participants ("
  "  id INTEGER PRIMARY KEY,"
  "  workshop_id INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  pair INTEGER NOT NULL DEFAULT 0,"             /* 0: not paired yet */
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (workshop_id, name));"
  "CREATE TABLE workshop_groups ("
  "  id INTEGER PRIMARY KEY,"
  "  workshop_id INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (workshop_id, name));"
  "CREATE TABLE workshop_ideas ("
  "  id INTEGER PRIMARY KEY,"
  "  workshop_id INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,"
  "  participant_id INTEGER REFERENCES workshop_participants (id),"   /* NULL: a merge */
  "  text TEXT NOT NULL,"
  "  origin TEXT NOT NULL DEFAULT 'own',"          /* own, merge */
  "  pair INTEGER NOT NULL DEFAULT 0,"             /* the pair of a merge */
  "  merged_a INTEGER NOT NULL DEFAULT 0,"         /* a merge's two ideas */
  "  merged_b INTEGER NOT NULL DEFAULT 0,"
  "  merged_into INTEGER NOT NULL DEFAULT 0,"      /* the merge this idea went into */
  "  picked INTEGER NOT NULL DEFAULT 0,"
  "  explain_position INTEGER NOT NULL DEFAULT -1,"
  "  group_id INTEGER REFERENCES workshop_groups (id) ON DELETE SET NULL,"
  "  created INTEGER NOT NULL);"
  "CREATE INDEX workshop_ideas_workshop ON workshop_ideas (workshop_id);"
  "CREATE TABLE workshop_dots ("
  "  workshop_id INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,"
  "  participant_id INTEGER NOT NULL REFERENCES workshop_participants (id) ON DELETE CASCADE,"
  "  idea_id INTEGER NOT NULL REFERENCES workshop_ideas (id) ON DELETE CASCADE,"
  "  count INTEGER NOT NULL CHECK (count > 0),"
  "  PRIMARY KEY (participant_id, idea_id));"
  "CREATE TABLE workshop_promotions ("
  "  id INTEGER PRIMARY KEY,"
  "  workshop_id INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,"
  "  project_id INTEGER REFERENCES projects (id) ON DELETE SET NULL,"
  "  idea_id INTEGER NOT NULL DEFAULT 0,"          /* one of idea_id, group_id */
  "  group_id INTEGER NOT NULL DEFAULT 0,"
  "  dots INTEGER NOT NULL DEFAULT 0,"
  "  origin TEXT NOT NULL DEFAULT '',"
  "  time INTEGER NOT NULL);";

/* Version 4: projects assessed in review against the workshop's shared
 * criteria (issue 8, step 0).  A row is a verdict; no row means not
 * assessed.  It goes with its project and with its criterion. */
static const char migration_4[] =
  "CREATE TABLE project_assessments ("
  "  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,"
  "  criterion_id INTEGER NOT NULL REFERENCES workshop_criteria (id) ON DELETE CASCADE,"
  "  verdict TEXT NOT NULL CHECK (verdict IN ('meets', 'partly', 'does-not-meet')),"
  "  note TEXT NOT NULL DEFAULT '',"
  "  time INTEGER NOT NULL,"
  "  PRIMARY KEY (project_id, criterion_id));"
  "CREATE INDEX project_assessments_criterion ON project_assessments (criterion_id);";

static const char * const migrations[] = {
  migration_1,
  migration_2,
  migration_3,
  migration_4,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == PB_STORE_SCHEMA_VERSION);

gboolean
pb_store_schema_migrate (sqlite3  *db,
                         guint     from_version,
                         GError  **error)
{
  for (guint v = from_version; v < PB_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u;", v + 1);
      char *message = NULL;
      int rc;

      rc = sqlite3_exec (db, "BEGIN IMMEDIATE;", NULL, NULL, &message);
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (db, migrations[v], NULL, NULL, &message);
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (db, set_version, NULL, NULL, &message);
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (db, "COMMIT;", NULL, NULL, &message);
      if (rc != SQLITE_OK)
        {
          g_autofree char *detail = g_strdup (message ? message : sqlite3_errstr (rc));

          sqlite3_free (message);
          if (!sqlite3_get_autocommit (db))
            sqlite3_exec (db, "ROLLBACK;", NULL, NULL, NULL);
          if (rc == SQLITE_FULL || rc == SQLITE_BUSY)
            pb_store_error_from_sqlite (rc, detail, error);
          else
            g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_MIGRATION,
                         _("Could not upgrade the database from version %u to %u: %s"),
                         v, v + 1, detail);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
pb_store_create_schema_at_version (const char  *path,
                                   guint        version,
                                   GError     **error)
{
  sqlite3 *db = NULL;
  gboolean ok;
  int rc;

  g_return_val_if_fail (version <= PB_STORE_SCHEMA_VERSION, FALSE);

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      pb_store_error_from_sqlite (rc, sqlite3_errmsg (db), error);
      sqlite3_close (db);
      return FALSE;
    }
  ok = sqlite3_exec (db, "PRAGMA journal_mode = WAL;", NULL, NULL, NULL) == SQLITE_OK;
  if (ok && version > 0)
    {
      g_autofree char *app_id = g_strdup_printf ("PRAGMA application_id = %d;", PB_STORE_APPLICATION_ID);

      ok = sqlite3_exec (db, app_id, NULL, NULL, NULL) == SQLITE_OK;
    }
  /* Apply the migrations one by one, exactly as an old Pb would have left
   * the file, by stopping at @version. */
  for (guint v = 0; ok && v < version; v++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u;", v + 1);

      ok = sqlite3_exec (db, migrations[v], NULL, NULL, NULL) == SQLITE_OK
        && sqlite3_exec (db, set_version, NULL, NULL, NULL) == SQLITE_OK;
    }
  if (!ok)
    pb_store_error_from_sqlite (sqlite3_errcode (db), sqlite3_errmsg (db), error);
  sqlite3_close (db);
  return ok;
}
