/* pb-store-workshop.c: writing a workshop (see pb-workshop.h).
 *
 * Every public function checks its rules against the snapshot, then makes
 * its change in one transaction, then reloads the snapshot.  A promotion
 * writes its project with the store's own project writer, so the project
 * has its ordinary audit entry, and adds a "workshop-promotion" entry that
 * says where it came from.
 */

#include "pb-config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

#include "pb-store-rows.h"
#include "pb-workshop-private.h"

#define MAX_TEXT_LENGTH 2000
#define MAX_NAME_LENGTH 200
#define TITLE_LENGTH 80

/* ---- Helpers ------------------------------------------------------------ */

/* Prepares @sql and binds the arguments described by @format: 'i' a
 * gint64, 't' a text (NULL binds NULL). */
static sqlite3_stmt *
prepare_bound (PbStore     *store,
               GError     **error,
               const char  *sql,
               const char  *format,
               va_list      args)
{
  sqlite3_stmt *stmt = pb_store_prepare (store, sql, error);

  if (stmt == NULL)
    return NULL;
  for (int i = 0; format[i] != '\0'; i++)
    {
      if (format[i] == 'i')
        sqlite3_bind_int64 (stmt, i + 1, va_arg (args, gint64));
      else
        {
          const char *text = va_arg (args, const char *);

          if (text == NULL)
            sqlite3_bind_null (stmt, i + 1);
          else
            sqlite3_bind_text (stmt, i + 1, text, -1, SQLITE_TRANSIENT);
        }
    }
  return stmt;
}

/* Runs a write. */
static gboolean
run (PbStore     *store,
     GError     **error,
     const char  *sql,
     const char  *format,
     ...)
{
  sqlite3_stmt *stmt;
  va_list args;

  va_start (args, format);
  stmt = prepare_bound (store, error, sql, format, args);
  va_end (args);
  return stmt != NULL && pb_row_step_done (store, stmt, error);
}

/* Runs a query of one integer (0 when there is no row). */
static gboolean
query_int (PbStore     *store,
           GError     **error,
           gint64      *out,
           const char  *sql,
           const char  *format,
           ...)
{
  sqlite3_stmt *stmt;
  va_list args;
  int rc;

  va_start (args, format);
  stmt = prepare_bound (store, error, sql, format, args);
  va_end (args);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  *out = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      pb_store_set_sqlite_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* A workshop is run, and changed, only while its process takes proposals. */
static gboolean
check_proposals (PbProcess  *process,
                 GError    **error)
{
  if (pb_process_get_phase (process) == PB_PHASE_PROPOSALS)
    return TRUE;
  g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_NOT_PROPOSALS,
               _("A workshop runs while “%s” takes proposals, but it is in the %s phase."),
               pb_process_get_name (process), pb_phase_get_label (pb_process_get_phase (process)));
  return FALSE;
}

static PbProcess *
workshop_process (PbStore     *store,
                  PbWorkshop  *workshop,
                  GError     **error)
{
  PbProcess *process = pb_store_lookup_process (store, pb_workshop_get_process_id (workshop));

  if (process == NULL)
    {
      g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_NOT_FOUND,
                   _("The process of this workshop no longer exists."));
      return NULL;
    }
  if (!check_proposals (process, error))
    return NULL;
  return process;
}

static gboolean
check_stage (PbWorkshop       *workshop,
             PbWorkshopStage   stage,
             GError          **error)
{
  PbWorkshopStage current = pb_workshop_get_stage (workshop);

  if (current == stage)
    return TRUE;
  /* Translators: "This is done in the Rank stage; the workshop is in the Pair stage." */
  g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_WRONG_STAGE,
               _("This is done in the %s stage; the workshop is in the %s stage."),
               pb_workshop_stage_get_label (stage), pb_workshop_stage_get_label (current));
  return FALSE;
}

static gboolean
check_stage2 (PbWorkshop       *workshop,
              PbWorkshopStage   a,
              PbWorkshopStage   b,
              GError          **error)
{
  PbWorkshopStage current = pb_workshop_get_stage (workshop);

  if (current == a || current == b)
    return TRUE;
  g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_WRONG_STAGE,
               _("This is done in the %s and %s stages; the workshop is in the %s stage."),
               pb_workshop_stage_get_label (a), pb_workshop_stage_get_label (b),
               pb_workshop_stage_get_label (current));
  return FALSE;
}

/* Strips @text; an empty or too long text is refused. */
static char *
clean_text (const char  *text,
            gsize        max_chars,
            const char  *empty_message,
            GError     **error)
{
  g_autofree char *stripped = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_EMPTY, empty_message);
      return NULL;
    }
  stripped = g_strstrip (g_strdup (text));
  if (stripped[0] == '\0')
    {
      g_set_error_literal (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_EMPTY, empty_message);
      return NULL;
    }
  if ((gsize) g_utf8_strlen (stripped, -1) > max_chars)
    {
      g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_INVALID,
                   ngettext ("This text is too long: keep it under %u character.",
                             "This text is too long: keep it under %u characters.", (gulong) max_chars),
                   (guint) max_chars);
      return NULL;
    }
  return g_steal_pointer (&stripped);
}

static gboolean
fail (PbStore *store)
{
  pb_store_rollback (store);
  return FALSE;
}

/* Commits and reloads the snapshot (which emits "changed"). */
static gboolean
finish (PbStore     *store,
        PbWorkshop  *workshop,
        GError     **error)
{
  g_autoptr(GError) reload_error = NULL;

  if (!pb_store_commit (store, error))
    {
      pb_store_rollback (store);
      return FALSE;
    }
  if (!pb_workshop_load_internal (workshop, store, &reload_error))
    g_warning ("Could not reread the workshop after a change: %s", reload_error->message);
  return TRUE;
}

/* Makes a change of one statement in a transaction of its own and
 * finishes it: most changes to a workshop are a single UPDATE. */
static gboolean
run_and_finish (PbStore     *store,
                PbWorkshop  *workshop,
                GError     **error,
                const char  *sql,
                const char  *format,
                ...)
{
  sqlite3_stmt *stmt;
  va_list args;

  if (!pb_store_begin (store, error))
    return FALSE;
  va_start (args, format);
  stmt = prepare_bound (store, error, sql, format, args);
  va_end (args);
  if (stmt == NULL || !pb_row_step_done (store, stmt, error))
    return fail (store);
  return finish (store, workshop, error);
}

/* Finishes a change to a row named by its id, unless no row changed:
 * the row is gone (another window removed it since the snapshot). */
static gboolean
finish_if_found (PbStore     *store,
                 PbWorkshop  *workshop,
                 GError     **error)
{
  if (sqlite3_changes (pb_store_get_db (store)) == 0)
    {
      pb_store_rollback (store);
      g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_NOT_FOUND, _("That item no longer exists."));
      return FALSE;
    }
  return finish (store, workshop, error);
}

/* Finishes a change whose last statement inserted a row, and returns
 * that row's id (0 when the change could not be committed). */
static gint64
finish_insert (PbStore     *store,
               PbWorkshop  *workshop,
               GError     **error)
{
  gint64 id = sqlite3_last_insert_rowid (pb_store_get_db (store));

  if (!finish (store, workshop, error))
    return 0;
  return id;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static const PbWorkshopIdea *
find_idea (PbWorkshop  *workshop,
           gint64       idea_id,
           GError     **error)
{
  const PbWorkshopIdea *idea = pb_workshop_lookup_idea (workshop, idea_id);

  if (idea == NULL)
    g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_NOT_FOUND,
                 _("There is no idea %" PRId64 " in this workshop."), (int64_t) idea_id);
  return idea;
}

static const PbWorkshopParticipant *
find_participant (PbWorkshop  *workshop,
                  gint64       participant_id,
                  GError     **error)
{
  const PbWorkshopParticipant *p = pb_workshop_lookup_participant (workshop, participant_id);

  if (p == NULL)
    g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_NOT_FOUND,
                 _("There is no participant %" PRId64 " in this workshop."), (int64_t) participant_id);
  return p;
}

static const PbWorkshopGroup *
find_group (PbWorkshop  *workshop,
            gint64       group_id,
            GError     **error)
{
  const PbWorkshopGroup *g = pb_workshop_lookup_group (workshop, group_id);

  if (g == NULL)
    g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_NOT_FOUND,
                 _("There is no group %" PRId64 " in this workshop."), (int64_t) group_id);
  return g;
}

/* The idea @idea_id, unless it went into a merged idea: the merged idea
 * is then the one to remove or (@to_pick) to pick. */
static const PbWorkshopIdea *
find_unmerged_idea (PbWorkshop  *workshop,
                    gint64       idea_id,
                    gboolean     to_pick,
                    GError     **error)
{
  const PbWorkshopIdea *idea = find_idea (workshop, idea_id, error);

  if (idea == NULL || idea->merged_into == 0)
    return idea;
  if (to_pick)
    g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_ALREADY_MERGED,
                 _("The idea “%s” went into a merged idea: pick the merged idea instead."), idea->text);
  else
    g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_ALREADY_MERGED,
                 _("The idea “%s” went into a merged idea: remove the merged idea first."), idea->text);
  return NULL;
}

static gboolean
idea_in_explain_order (const PbWorkshopIdea  *idea,
                       GError               **error)
{
  if (idea->picked && idea->explain_position >= 0)
    return TRUE;
  g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_NOT_PICKED,
               _("The idea “%s” was not picked by its pair, so it is not ranked or arranged."), idea->text);
  return FALSE;
}

/* Moves the workshop to @stage, whose timer starts from nothing. */
static gboolean
set_stage (PbStore          *store,
           PbWorkshop       *workshop,
           PbWorkshopStage   stage,
           GError          **error)
{
  return run (store, error, "UPDATE workshops SET stage = ?, timer_started = 0, timer_elapsed = 0,"
              " timer_extended = 0 WHERE id = ?;", "ti", pb_workshop_stage_to_string (stage),
              pb_workshop_get_id (workshop));
}

static char *
cache_key (gint64 process_id)
{
  return g_strdup_printf ("pb-workshop-%" G_GINT64_FORMAT, process_id);
}

/* ---- Getting and starting ----------------------------------------------- */

/* A project deleted (or added) elsewhere changes what the workshop shows
 * (an idea's project): reread it. */
static void
projects_changed_cb (PbWorkshop *workshop,
                     guint       position,
                     guint       removed,
                     guint       added,
                     GListModel *projects)
{
  PbStore *store = g_object_get_data (G_OBJECT (workshop), "pb-store");
  g_autoptr(GError) error = NULL;

  if (removed == 0 || store == NULL)
    return;
  if (!pb_workshop_load_internal (workshop, store, &error))
    g_warning ("Could not reread the workshop after a project changed: %s", error->message);
}

PbWorkshop *
pb_store_get_workshop (PbStore     *store,
                       PbProcess   *process,
                       GError     **error)
{
  g_autofree char *key = NULL;
  g_autoptr(PbWorkshop) workshop = NULL;
  PbWorkshop *cached;
  gint64 id = 0;

  g_return_val_if_fail (PB_IS_STORE (store), NULL);
  g_return_val_if_fail (PB_IS_PROCESS (process), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  key = cache_key (pb_process_get_id (process));
  cached = g_object_get_data (G_OBJECT (store), key);
  if (!query_int (store, error, &id, "SELECT id FROM workshops WHERE process_id = ?;", "i",
                  pb_process_get_id (process)))
    return NULL;
  /* The cached object is this process's workshop only while its row is:
   * a deleted process's id can be given to a new one. */
  if (cached != NULL && pb_workshop_get_id (cached) == id)
    return cached;
  if (cached != NULL)
    g_object_set_data (G_OBJECT (store), key, NULL);
  if (id == 0)
    return NULL;
  workshop = pb_workshop_new_internal (id, pb_process_get_id (process));
  if (!pb_workshop_load_internal (workshop, store, error))
    return NULL;
  g_object_set_data_full (G_OBJECT (store), key, g_object_ref (workshop), g_object_unref);
  /* The store owns the workshop, so it outlives it. */
  g_object_set_data (G_OBJECT (workshop), "pb-store", store);
  g_signal_connect_object (pb_process_list_projects (process), "items-changed", G_CALLBACK (projects_changed_cb),
                           workshop, G_CONNECT_SWAPPED);
  return workshop;
}

PbWorkshop *
pb_store_start_workshop (PbStore     *store,
                         PbProcess   *process,
                         GError     **error)
{
  const char * const *starters = pb_workshop_get_starter_questions ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *summary = NULL;
  PbWorkshop *existing;
  gint64 id;

  g_return_val_if_fail (PB_IS_STORE (store), NULL);
  g_return_val_if_fail (PB_IS_PROCESS (process), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  existing = pb_store_get_workshop (store, process, &local_error);
  if (existing != NULL)
    return existing;
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!check_proposals (process, error))
    return NULL;

  summary = g_strdup_printf ("Workshop started for “%s”", pb_process_get_name (process));
  if (!pb_store_begin (store, error))
    return NULL;
  if (!run (store, error, "INSERT INTO workshops (process_id, created) VALUES (?, ?);", "ii",
            pb_process_get_id (process), g_get_real_time ()))
    {
      fail (store);
      return NULL;
    }
  id = sqlite3_last_insert_rowid (pb_store_get_db (store));
  for (guint i = 0; starters[i] != NULL; i++)
    if (!run (store, error, "INSERT INTO workshop_questions (workshop_id, text, position) VALUES (?, ?, ?);",
              "iti", id, _(starters[i]), (gint64) i))
      {
        fail (store);
        return NULL;
      }
  if (!pb_store_audit_append (store, pb_process_get_id (process), "workshop-start", "", NULL, summary, error)
      || !pb_store_commit (store, error))
    {
      fail (store);
      return NULL;
    }
  return pb_store_get_workshop (store, process, error);
}

gboolean
pb_store_workshop_reload (PbStore     *store,
                          PbWorkshop  *workshop,
                          GError     **error)
{
  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), FALSE);
  return pb_workshop_load_internal (workshop, store, error);
}

/* ---- Settings ----------------------------------------------------------- */

gboolean
pb_store_workshop_configure (PbStore     *store,
                             PbWorkshop  *workshop,
                             gboolean     use_warm_up,
                             gboolean     use_criteria,
                             guint        dots_per_participant,
                             GError     **error)
{
  GPtrArray *participants;
  PbWorkshopStage stage;

  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), FALSE);

  if (workshop_process (store, workshop, error) == NULL)
    return FALSE;
  if (dots_per_participant < 1 || dots_per_participant > 99)
    {
      g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_INVALID,
                   _("Each participant needs between 1 and 99 dots, not %u."), dots_per_participant);
      return FALSE;
    }
  participants = pb_workshop_get_participants (workshop);
  for (guint i = 0; i < participants->len; i++)
    {
      const PbWorkshopParticipant *p = participants->pdata[i];

      if (p->dots_used > dots_per_participant)
        {
          g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_TOO_MANY_DOTS,
                       ngettext ("%s has already placed %u dot; take dots back before giving fewer.",
                                 "%s has already placed %u dots; take dots back before giving fewer.",
                                 p->dots_used),
                       p->name, p->dots_used);
          return FALSE;
        }
    }

  /* An optional stage switched off while it is on moves to the next one. */
  stage = pb_workshop_get_stage (workshop);
  if ((stage == PB_WORKSHOP_STAGE_WARM_UP && !use_warm_up)
      || (stage == PB_WORKSHOP_STAGE_CRITERIA && !use_criteria))
    stage = (stage == PB_WORKSHOP_STAGE_WARM_UP && use_criteria) ? PB_WORKSHOP_STAGE_CRITERIA
                                                                 : PB_WORKSHOP_STAGE_OWN;

  if (!pb_store_begin (store, error))
    return FALSE;
  if (!run (store, error, "UPDATE workshops SET use_warm_up = ?, use_criteria = ?, dots_per_participant = ?"
            " WHERE id = ?;", "iiii", (gint64) (use_warm_up != FALSE), (gint64) (use_criteria != FALSE),
            (gint64) dots_per_participant, pb_workshop_get_id (workshop))
      || (stage != pb_workshop_get_stage (workshop) && !set_stage (store, workshop, stage, error)))
    return fail (store);
  return finish (store, workshop, error);
}

gboolean
pb_store_workshop_set_stage_length (PbStore          *store,
                                    PbWorkshop       *workshop,
                                    PbWorkshopStage   stage,
                                    guint             seconds,
                                    GError          **error)
{
  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), FALSE);
  g_return_val_if_fail (stage <= PB_WORKSHOP_STAGE_LAST, FALSE);

  if (workshop_process (store, workshop, error) == NULL)
    return FALSE;
  if (seconds < 10 || seconds > 4 * 3600)
    {
      g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_INVALID,
                   _("A stage lasts between 10 seconds and 4 hours."));
      return FALSE;
    }
  return run_and_finish (store, workshop, error,
                         "INSERT OR REPLACE INTO workshop_stage_lengths (workshop_id, stage, seconds)"
                         " VALUES (?, ?, ?);", "iti", pb_workshop_get_id (workshop),
                         pb_workshop_stage_to_string (stage), (gint64) seconds);
}

/* ---- Stages ------------------------------------------------------------- */

static gboolean
pair_everyone_internal (PbStore     *store,
                        PbWorkshop  *workshop,
                        GError     **error)
{
  GPtrArray *participants = pb_workshop_get_participants (workshop);
  guint n = participants->len;

  for (guint i = 0; i < n; i++)
    {
      const PbWorkshopParticipant *p = participants->pdata[i];
      guint pair = i / 2 + 1;

      /* An odd one out joins the last pair as a trio. */
      if (n % 2 == 1 && n >= 3 && i == n - 1)
        pair = (n - 1) / 2;
      if (!run (store, error, "UPDATE workshop_participants SET pair = ? WHERE id = ?;", "ii", (gint64) pair, p->id))
        return FALSE;
    }
  return TRUE;
}

/* Gives every picked idea a place in the Explain order, keeping the
 * places of those that had one, and takes the others out. */
static gboolean
set_explain_order (PbStore     *store,
                   PbWorkshop  *workshop,
                   GError     **error)
{
  g_autoptr(GPtrArray) order = pb_workshop_dup_explain_order (workshop);
  g_autoptr(GPtrArray) fresh = g_ptr_array_new ();
  GPtrArray *ideas = pb_workshop_get_ideas (workshop);
  guint position = 0;

  for (guint i = 0; i < ideas->len; i++)
    {
      PbWorkshopIdea *idea = ideas->pdata[i];

      if (idea->picked && idea->merged_into == 0 && idea->explain_position < 0)
        g_ptr_array_add (fresh, idea);
    }
  /* New ones by pair, then as written. */
  for (guint pair = 0; pair <= pb_workshop_get_n_pairs (workshop); pair++)
    for (guint i = 0; i < fresh->len; i++)
      if (((PbWorkshopIdea *) fresh->pdata[i])->pair == pair)
        g_ptr_array_add (order, fresh->pdata[i]);

  /* Ideas no longer picked lose their dots and their group. */
  if (!run (store, error, "UPDATE workshop_ideas SET explain_position = -1 WHERE workshop_id = ?;", "i",
            pb_workshop_get_id (workshop))
      || !run (store, error, "UPDATE workshop_ideas SET group_id = NULL WHERE workshop_id = ?"
               " AND (picked = 0 OR merged_into != 0);", "i", pb_workshop_get_id (workshop))
      || !run (store, error, "DELETE FROM workshop_dots WHERE idea_id IN (SELECT id FROM workshop_ideas"
               " WHERE workshop_id = ? AND (picked = 0 OR merged_into != 0));", "i", pb_workshop_get_id (workshop)))
    return FALSE;
  for (guint i = 0; i < order->len; i++)
    {
      PbWorkshopIdea *idea = order->pdata[i];

      if (!idea->picked || idea->merged_into != 0)
        continue;
      if (!run (store, error, "UPDATE workshop_ideas SET explain_position = ? WHERE id = ?;", "ii",
                (gint64) position++, idea->id))
        return FALSE;
    }
  return TRUE;
}

static guint
count_live_ideas (PbWorkshop *workshop,
                  gboolean    picked_only)
{
  GPtrArray *ideas = pb_workshop_get_ideas (workshop);
  guint n = 0;

  for (guint i = 0; i < ideas->len; i++)
    {
      PbWorkshopIdea *idea = ideas->pdata[i];

      if (idea->merged_into == 0 && (!picked_only || idea->picked))
        n++;
    }
  return n;
}

gboolean
pb_store_workshop_next_stage (PbStore     *store,
                              PbWorkshop  *workshop,
                              GError     **error)
{
  PbWorkshopStage current, next;
  gboolean pair_all = FALSE;

  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), FALSE);

  if (workshop_process (store, workshop, error) == NULL)
    return FALSE;
  current = pb_workshop_get_stage (workshop);
  next = current + 1;
  while (next <= PB_WORKSHOP_STAGE_LAST && !pb_workshop_stage_is_used (workshop, next))
    next++;
  if (next > PB_WORKSHOP_STAGE_LAST)
    {
      g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_NO_NEXT_STAGE,
                   _("Arrange is the last stage: promote ideas or groups to projects."));
      return FALSE;
    }
  if (current == PB_WORKSHOP_STAGE_OWN && count_live_ideas (workshop, FALSE) == 0)
    {
      g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_NO_IDEAS,
                   _("Nobody has written an idea yet: add the participants’ ideas before pairing."));
      return FALSE;
    }
  if (current == PB_WORKSHOP_STAGE_PAIR && count_live_ideas (workshop, TRUE) == 0)
    {
      g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_NONE_PICKED,
                   _("No pair has picked an idea yet: pick at least one idea to explain."));
      return FALSE;
    }
  if (next == PB_WORKSHOP_STAGE_PAIR)
    {
      GPtrArray *participants = pb_workshop_get_participants (workshop);

      pair_all = TRUE;
      for (guint i = 0; i < participants->len; i++)
        if (((PbWorkshopParticipant *) participants->pdata[i])->pair != 0)
          pair_all = FALSE;
    }

  if (!pb_store_begin (store, error))
    return FALSE;
  if (!set_stage (store, workshop, next, error)
      || (pair_all && !pair_everyone_internal (store, workshop, error))
      || (current == PB_WORKSHOP_STAGE_PAIR && !set_explain_order (store, workshop, error))
      || (next == PB_WORKSHOP_STAGE_EXPLAIN
          && !run (store, error, "UPDATE workshops SET explain_index = 0 WHERE id = ?;", "i",
                   pb_workshop_get_id (workshop))))
    return fail (store);
  return finish (store, workshop, error);
}

gboolean
pb_store_workshop_previous_stage (PbStore     *store,
                                  PbWorkshop  *workshop,
                                  GError     **error)
{
  PbWorkshopStage current;
  int previous;

  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), FALSE);

  if (workshop_process (store, workshop, error) == NULL)
    return FALSE;
  current = pb_workshop_get_stage (workshop);
  previous = (int) current - 1;
  while (previous >= 0 && !pb_workshop_stage_is_used (workshop, (PbWorkshopStage) previous))
    previous--;
  if (previous < 0)
    {
      g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_NO_PREVIOUS_STAGE,
                   _("%s is the first stage of this workshop."), pb_workshop_stage_get_label (current));
      return FALSE;
    }
  if (!pb_store_begin (store, error))
    return FALSE;
  if (!set_stage (store, workshop, (PbWorkshopStage) previous, error))
    return fail (store);
  return finish (store, workshop, error);
}

/* ---- The timer ---------------------------------------------------------- */

gboolean
pb_store_workshop_timer_start (PbStore     *store,
                               PbWorkshop  *workshop,
                               GError     **error)
{
  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), FALSE);

  if (workshop_process (store, workshop, error) == NULL)
    return FALSE;
  if (pb_workshop_get_timer_running (workshop))
    return TRUE;
  return run_and_finish (store, workshop, error,
                         "UPDATE workshops SET timer_started = ? WHERE id = ?;", "ii", g_get_real_time (),
                         pb_workshop_get_id (workshop));
}

gboolean
pb_store_workshop_timer_pause (PbStore     *store,
                               PbWorkshop  *workshop,
                               GError     **error)
{
  gint64 elapsed;

  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), FALSE);

  if (workshop_process (store, workshop, error) == NULL)
    return FALSE;
  if (!pb_workshop_get_timer_running (workshop))
    return TRUE;
  elapsed = pb_workshop_get_timer_elapsed_internal (workshop, g_get_real_time ());
  return run_and_finish (store, workshop, error,
                         "UPDATE workshops SET timer_started = 0, timer_elapsed = ? WHERE id = ?;", "ii", elapsed,
                         pb_workshop_get_id (workshop));
}

gboolean
pb_store_workshop_timer_extend (PbStore     *store,
                                PbWorkshop  *workshop,
                                guint        seconds,
                                GError     **error)
{
  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), FALSE);

  if (workshop_process (store, workshop, error) == NULL)
    return FALSE;
  if (seconds < 1 || seconds > 3600)
    {
      g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_INVALID,
                   _("Extend the timer by between 1 second and 1 hour."));
      return FALSE;
    }
  return run_and_finish (store, workshop, error,
                         "UPDATE workshops SET timer_extended = timer_extended + ? WHERE id = ?;", "ii",
                         (gint64) seconds, pb_workshop_get_id (workshop));
}

/* ---- Key jar and criteria ----------------------------------------------- */

/* Appends a row whose @column holds @value to this workshop's list in
 * @table (questions, criteria, participants, groups), after its last
 * row, and returns the new row's id (0 on error). */
static gint64
append_row (PbStore     *store,
            PbWorkshop  *workshop,
            const char  *table,
            const char  *column,
            const char  *value,
            GError     **error)
{
  g_autofree char *max = NULL;
  g_autofree char *insert = NULL;
  gint64 position = 0;

  max = g_strdup_printf ("SELECT coalesce (max (position) + 1, 0) FROM %s WHERE workshop_id = ?;", table);
  insert = g_strdup_printf ("INSERT INTO %s (workshop_id, %s, position) VALUES (?, ?, ?);", table, column);
  if (!pb_store_begin (store, error))
    return 0;
  if (!query_int (store, error, &position, max, "i", pb_workshop_get_id (workshop))
      || !run (store, error, insert, "iti", pb_workshop_get_id (workshop), value, position))
    {
      fail (store);
      return 0;
    }
  return finish_insert (store, workshop, error);
}

static gint64
add_text_row (PbStore     *store,
              PbWorkshop  *workshop,
              const char  *table,
              const char  *text,
              const char  *empty_message,
              GError     **error)
{
  g_autofree char *clean = NULL;

  if (workshop_process (store, workshop, error) == NULL)
    return 0;
  clean = clean_text (text, MAX_TEXT_LENGTH, empty_message, error);
  if (clean == NULL)
    return 0;
  return append_row (store, workshop, table, "text", clean, error);
}

static gboolean
edit_text_row (PbStore     *store,
               PbWorkshop  *workshop,
               const char  *table,
               gint64       id,
               const char  *text,
               const char  *empty_message,
               GError     **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *update = NULL;

  if (workshop_process (store, workshop, error) == NULL)
    return FALSE;
  clean = clean_text (text, MAX_TEXT_LENGTH, empty_message, error);
  if (clean == NULL)
    return FALSE;
  update = g_strdup_printf ("UPDATE %s SET text = ? WHERE id = ? AND workshop_id = ?;", table);
  if (!pb_store_begin (store, error))
    return FALSE;
  if (!run (store, error, update, "tii", clean, id, pb_workshop_get_id (workshop)))
    return fail (store);
  return finish_if_found (store, workshop, error);
}

static gboolean
remove_row (PbStore     *store,
            PbWorkshop  *workshop,
            const char  *table,
            gint64       id,
            GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = ? AND workshop_id = ?;", table);

  if (workshop_process (store, workshop, error) == NULL)
    return FALSE;
  if (!pb_store_begin (store, error))
    return FALSE;
  if (!run (store, error, sql, "ii", id, pb_workshop_get_id (workshop)))
    return fail (store);
  return finish_if_found (store, workshop, error);
}

gint64
pb_store_workshop_add_question (PbStore     *store,
                                PbWorkshop  *workshop,
                                const char  *text,
                                GError     **error)
{
  g_return_val_if_fail (PB_IS_STORE (store), 0);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), 0);
  return add_text_row (store, workshop, "workshop_questions", text, _("A question cannot be empty."), error);
}

gboolean
pb_store_workshop_edit_question (PbStore     *store,
                                 PbWorkshop  *workshop,
                                 gint64       question_id,
                                 const char  *text,
                                 GError     **error)
{
  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), FALSE);
  return edit_text_row (store, workshop, "workshop_questions", question_id, text,
                        _("A question cannot be empty."), error);
}

gboolean
pb_store_workshop_remove_question (PbStore     *store,
                                   PbWorkshop  *workshop,
                                   gint64       question_id,
                                   GError     **error)
{
  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), FALSE);
  return remove_row (store, workshop, "workshop_questions", question_id, error);
}

gboolean
pb_store_workshop_draw_question (PbStore     *store,
                                 PbWorkshop  *workshop,
                                 GError     **error)
{
  GPtrArray *questions;
  g_autoptr(GPtrArray) left = g_ptr_array_new ();
  const PbWorkshopQuestion *drawn;

  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), FALSE);

  if (workshop_process (store, workshop, error) == NULL
      || !check_stage (workshop, PB_WORKSHOP_STAGE_WARM_UP, error))
    return FALSE;
  questions = pb_workshop_get_questions (workshop);
  for (guint i = 0; i < questions->len; i++)
    if (!((PbWorkshopQuestion *) questions->pdata[i])->drawn)
      g_ptr_array_add (left, questions->pdata[i]);
  if (left->len == 0)
    {
      g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_JAR_EMPTY,
                   _("Every question has been drawn: put them back in the jar or add new ones."));
      return FALSE;
    }
  drawn = left->pdata[g_random_int_range (0, (gint32) left->len)];
  if (!pb_store_begin (store, error))
    return FALSE;
  if (!run (store, error, "UPDATE workshop_questions SET drawn = 1 WHERE id = ?;", "i", drawn->id)
      || !run (store, error, "UPDATE workshops SET drawn_question_id = ? WHERE id = ?;", "ii", drawn->id,
               pb_workshop_get_id (workshop)))
    return fail (store);
  return finish (store, workshop, error);
}

gboolean
pb_store_workshop_refill_jar (PbStore     *store,
                              PbWorkshop  *workshop,
                              GError     **error)
{
  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), FALSE);

  if (workshop_process (store, workshop, error) == NULL)
    return FALSE;
  if (!pb_store_begin (store, error))
    return FALSE;
  if (!run (store, error, "UPDATE workshop_questions SET drawn = 0 WHERE workshop_id = ?;", "i",
            pb_workshop_get_id (workshop))
      || !run (store, error, "UPDATE workshops SET drawn_question_id = 0 WHERE id = ?;", "i",
               pb_workshop_get_id (workshop)))
    return fail (store);
  return finish (store, workshop, error);
}

gint64
pb_store_workshop_add_criterion (PbStore     *store,
                                 PbWorkshop  *workshop,
                                 const char  *text,
                                 GError     **error)
{
  g_return_val_if_fail (PB_IS_STORE (store), 0);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), 0);
  return add_text_row (store, workshop, "workshop_criteria", text, _("A criterion cannot be empty."), error);
}

gboolean
pb_store_workshop_edit_criterion (PbStore     *store,
                                  PbWorkshop  *workshop,
                                  gint64       criterion_id,
                                  const char  *text,
                                  GError     **error)
{
  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), FALSE);
  return edit_text_row (store, workshop, "workshop_criteria", criterion_id, text,
                        _("A criterion cannot be empty."), error);
}

gboolean
pb_store_workshop_remove_criterion (PbStore     *store,
                                    PbWorkshop  *workshop,
                                    gint64       criterion_id,
                                    GError     **error)
{
  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), FALSE);
  return remove_row (store, workshop, "workshop_criteria", criterion_id, error);
}

/* ---- Participants ------------------------------------------------------- */

/* Strips the new @name of a participant or (@is_group) a group and
 * refuses an empty or too long one, or one that another participant or
 * group already has, letter case aside; @except_id is the one renamed. */
static char *
clean_name (PbWorkshop  *workshop,
            const char  *name,
            gboolean     is_group,
            gint64       except_id,
            GError     **error)
{
  GPtrArray *rows = is_group ? pb_workshop_get_groups (workshop) : pb_workshop_get_participants (workshop);
  gsize name_offset = is_group ? G_STRUCT_OFFSET (PbWorkshopGroup, name)
                               : G_STRUCT_OFFSET (PbWorkshopParticipant, name);
  g_autofree char *clean = NULL;
  g_autofree char *folded = NULL;

  clean = clean_text (name, MAX_NAME_LENGTH,
                      is_group ? _("A group needs a name.")
                               : _("A participant needs a name (a first name or initials will do)."),
                      error);
  if (clean == NULL)
    return NULL;
  folded = g_utf8_casefold (clean, -1);
  for (guint i = 0; i < rows->len; i++)
    {
      /* Both row structs start with their id. */
      gint64 id = *(gint64 *) rows->pdata[i];
      const char *other = *(const char **) ((char *) rows->pdata[i] + name_offset);
      g_autofree char *other_folded = g_utf8_casefold (other, -1);

      if (id != except_id && strcmp (folded, other_folded) == 0)
        {
          if (is_group)
            g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_DUPLICATE,
                         _("There is already a group called “%s”."), clean);
          else
            g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_DUPLICATE,
                         _("There is already a participant called “%s”."), clean);
          return NULL;
        }
    }
  return g_steal_pointer (&clean);
}

gint64
pb_store_workshop_add_participant (PbStore     *store,
                                   PbWorkshop  *workshop,
                                   const char  *name,
                                   GError     **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (PB_IS_STORE (store), 0);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), 0);

  if (workshop_process (store, workshop, error) == NULL)
    return 0;
  clean = clean_name (workshop, name, FALSE, 0, error);
  if (clean == NULL)
    return 0;
  return append_row (store, workshop, "workshop_participants", "name", clean, error);
}

gboolean
pb_store_workshop_rename_participant (PbStore     *store,
                                      PbWorkshop  *workshop,
                                      gint64       participant_id,
                                      const char  *name,
                                      GError     **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), FALSE);

  if (workshop_process (store, workshop, error) == NULL || find_participant (workshop, participant_id, error) == NULL)
    return FALSE;
  clean = clean_name (workshop, name, FALSE, participant_id, error);
  if (clean == NULL)
    return FALSE;
  return run_and_finish (store, workshop, error,
                         "UPDATE workshop_participants SET name = ? WHERE id = ?;", "ti", clean, participant_id);
}

gboolean
pb_store_workshop_remove_participant (PbStore     *store,
                                      PbWorkshop  *workshop,
                                      gint64       participant_id,
                                      GError     **error)
{
  const PbWorkshopParticipant *p;
  GPtrArray *ideas;

  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), FALSE);

  if (workshop_process (store, workshop, error) == NULL)
    return FALSE;
  p = find_participant (workshop, participant_id, error);
  if (p == NULL)
    return FALSE;
  ideas = pb_workshop_get_ideas (workshop);
  for (guint i = 0; i < ideas->len; i++)
    if (((PbWorkshopIdea *) ideas->pdata[i])->participant_id == participant_id)
      {
        g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_HAS_IDEAS,
                     _("%s has written ideas: remove their ideas first, or keep them."), p->name);
        return FALSE;
      }
  return run_and_finish (store, workshop, error,
                         "DELETE FROM workshop_participants WHERE id = ?;", "i", participant_id);
}

/* ---- Own ---------------------------------------------------------------- */

gint64
pb_store_workshop_add_idea (PbStore     *store,
                            PbWorkshop  *workshop,
                            gint64       participant_id,
                            const char  *text,
                            GError     **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (PB_IS_STORE (store), 0);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), 0);

  if (workshop_process (store, workshop, error) == NULL
      || !check_stage (workshop, PB_WORKSHOP_STAGE_OWN, error)
      || find_participant (workshop, participant_id, error) == NULL)
    return 0;
  clean = clean_text (text, MAX_TEXT_LENGTH, _("An idea cannot be empty."), error);
  if (clean == NULL)
    return 0;
  if (!pb_store_begin (store, error))
    return 0;
  if (!run (store, error, "INSERT INTO workshop_ideas (workshop_id, participant_id, text, created)"
            " VALUES (?, ?, ?, ?);", "iiti", pb_workshop_get_id (workshop), participant_id, clean,
            g_get_real_time ()))
    {
      fail (store);
      return 0;
    }
  return finish_insert (store, workshop, error);
}

gboolean
pb_store_workshop_edit_idea (PbStore     *store,
                             PbWorkshop  *workshop,
                             gint64       idea_id,
                             const char  *text,
                             GError     **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), FALSE);

  if (workshop_process (store, workshop, error) == NULL
      || !check_stage2 (workshop, PB_WORKSHOP_STAGE_OWN, PB_WORKSHOP_STAGE_PAIR, error)
      || find_idea (workshop, idea_id, error) == NULL)
    return FALSE;
  clean = clean_text (text, MAX_TEXT_LENGTH, _("An idea cannot be empty."), error);
  if (clean == NULL)
    return FALSE;
  return run_and_finish (store, workshop, error,
                         "UPDATE workshop_ideas SET text = ? WHERE id = ?;", "ti", clean, idea_id);
}

gboolean
pb_store_workshop_remove_idea (PbStore     *store,
                               PbWorkshop  *workshop,
                               gint64       idea_id,
                               GError     **error)
{
  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), FALSE);

  if (workshop_process (store, workshop, error) == NULL
      || !check_stage (workshop, PB_WORKSHOP_STAGE_OWN, error)
      || find_unmerged_idea (workshop, idea_id, FALSE, error) == NULL)
    return FALSE;
  if (!pb_store_begin (store, error))
    return FALSE;
  /* Removing a merge gives its two ideas back to their pair. */
  if (!run (store, error, "UPDATE workshop_ideas SET merged_into = 0 WHERE merged_into = ?;", "i", idea_id)
      || !run (store, error, "DELETE FROM workshop_ideas WHERE id = ?;", "i", idea_id))
    return fail (store);
  return finish (store, workshop, error);
}

/* ---- Pair --------------------------------------------------------------- */

gboolean
pb_store_workshop_pair_everyone (PbStore     *store,
                                 PbWorkshop  *workshop,
                                 GError     **error)
{
  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), FALSE);

  if (workshop_process (store, workshop, error) == NULL
      || !check_stage2 (workshop, PB_WORKSHOP_STAGE_OWN, PB_WORKSHOP_STAGE_PAIR, error))
    return FALSE;
  if (!pb_store_begin (store, error))
    return FALSE;
  if (!pair_everyone_internal (store, workshop, error))
    return fail (store);
  return finish (store, workshop, error);
}

gboolean
pb_store_workshop_set_pair (PbStore     *store,
                            PbWorkshop  *workshop,
                            gint64       participant_id,
                            guint        pair,
                            GError     **error)
{
  guint n;

  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), FALSE);

  if (workshop_process (store, workshop, error) == NULL
      || !check_stage2 (workshop, PB_WORKSHOP_STAGE_OWN, PB_WORKSHOP_STAGE_PAIR, error)
      || find_participant (workshop, participant_id, error) == NULL)
    return FALSE;
  n = pb_workshop_get_participants (workshop)->len;
  if (pair < 1 || pair > n)
    {
      g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_INVALID,
                   ngettext ("Pairs are numbered from 1 to %u.", "Pairs are numbered from 1 to %u.", n), n);
      return FALSE;
    }
  return run_and_finish (store, workshop, error,
                         "UPDATE workshop_participants SET pair = ? WHERE id = ?;", "ii", (gint64) pair,
                         participant_id);
}

gboolean
pb_store_workshop_set_picked (PbStore     *store,
                              PbWorkshop  *workshop,
                              gint64       idea_id,
                              gboolean     picked,
                              GError     **error)
{
  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), FALSE);

  if (workshop_process (store, workshop, error) == NULL
      || !check_stage (workshop, PB_WORKSHOP_STAGE_PAIR, error)
      || find_unmerged_idea (workshop, idea_id, TRUE, error) == NULL)
    return FALSE;
  return run_and_finish (store, workshop, error,
                         "UPDATE workshop_ideas SET picked = ? WHERE id = ?;", "ii", (gint64) (picked != FALSE),
                         idea_id);
}

gint64
pb_store_workshop_merge_ideas (PbStore     *store,
                               PbWorkshop  *workshop,
                               gint64       idea_a,
                               gint64       idea_b,
                               const char  *text,
                               GError     **error)
{
  const PbWorkshopIdea *a, *b;
  g_autofree char *clean = NULL;
  guint pair;
  gint64 id;

  g_return_val_if_fail (PB_IS_STORE (store), 0);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), 0);

  if (workshop_process (store, workshop, error) == NULL
      || !check_stage (workshop, PB_WORKSHOP_STAGE_PAIR, error))
    return 0;
  a = find_idea (workshop, idea_a, error);
  b = a ? find_idea (workshop, idea_b, error) : NULL;
  if (a == NULL || b == NULL)
    return 0;
  if (a == b)
    {
      g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_INVALID, _("Choose two different ideas to merge."));
      return 0;
    }
  if (a->merged_into != 0 || b->merged_into != 0)
    {
      g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_ALREADY_MERGED,
                   _("The idea “%s” has already gone into a merged idea."), a->merged_into ? a->text : b->text);
      return 0;
    }
  if (a->pair == 0 || a->pair != b->pair)
    {
      g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_NOT_SAME_PAIR,
                   _("Only ideas of the same pair can be merged."));
      return 0;
    }
  pair = a->pair;
  if (is_blank (text))
    {
      g_autofree char *joined = g_strdup_printf ("%s\n%s", a->text, b->text);

      clean = clean_text (joined, 2 * MAX_TEXT_LENGTH + 1, _("An idea cannot be empty."), error);
    }
  else
    clean = clean_text (text, MAX_TEXT_LENGTH, _("An idea cannot be empty."), error);
  if (clean == NULL)
    return 0;

  if (!pb_store_begin (store, error))
    return 0;
  if (!run (store, error, "INSERT INTO workshop_ideas (workshop_id, participant_id, text, origin, pair, merged_a,"
            " merged_b, picked, created) VALUES (?, NULL, ?, 'merge', ?, ?, ?, 1, ?);", "itiiii",
            pb_workshop_get_id (workshop), clean, (gint64) pair, idea_a, idea_b, g_get_real_time ()))
    {
      fail (store);
      return 0;
    }
  id = sqlite3_last_insert_rowid (pb_store_get_db (store));
  if (!run (store, error, "UPDATE workshop_ideas SET merged_into = ?, picked = 0, explain_position = -1,"
            " group_id = NULL WHERE id IN (?, ?);", "iii", id, idea_a, idea_b)
      || !run (store, error, "DELETE FROM workshop_dots WHERE idea_id IN (?, ?);", "ii", idea_a, idea_b))
    {
      fail (store);
      return 0;
    }
  if (!finish (store, workshop, error))
    return 0;
  return id;
}

/* ---- Explain ------------------------------------------------------------ */

gboolean
pb_store_workshop_explain_step (PbStore     *store,
                                PbWorkshop  *workshop,
                                int          delta,
                                GError     **error)
{
  g_autoptr(GPtrArray) order = NULL;
  gint64 index;

  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), FALSE);

  if (workshop_process (store, workshop, error) == NULL
      || !check_stage (workshop, PB_WORKSHOP_STAGE_EXPLAIN, error))
    return FALSE;
  order = pb_workshop_dup_explain_order (workshop);
  index = (gint64) pb_workshop_get_explain_index (workshop) + delta;
  if (index < 0 || index >= (gint64) order->len)
    {
      g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_INVALID,
                   delta > 0 ? _("This is the last idea to explain: go on to Rank.")
                             : _("This is the first idea to explain."));
      return FALSE;
    }
  /* The timer starts again for the next idea, running if it ran. */
  return run_and_finish (store, workshop, error,
                         "UPDATE workshops SET explain_index = ?, timer_started = ?, timer_elapsed = 0,"
                         " timer_extended = 0 WHERE id = ?;", "iii", index,
                         pb_workshop_get_timer_running (workshop) ? g_get_real_time () : (gint64) 0,
                         pb_workshop_get_id (workshop));
}

gboolean
pb_store_workshop_explain_move (PbStore     *store,
                                PbWorkshop  *workshop,
                                gint64       idea_id,
                                int          delta,
                                GError     **error)
{
  g_autoptr(GPtrArray) order = NULL;
  const PbWorkshopIdea *idea;
  guint from = 0;
  gint64 to;

  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), FALSE);

  if (workshop_process (store, workshop, error) == NULL
      || !check_stage (workshop, PB_WORKSHOP_STAGE_EXPLAIN, error))
    return FALSE;
  idea = find_idea (workshop, idea_id, error);
  if (idea == NULL || !idea_in_explain_order (idea, error))
    return FALSE;
  order = pb_workshop_dup_explain_order (workshop);
  g_ptr_array_find (order, idea, &from);
  to = (gint64) from + delta;
  if (to < 0 || to >= (gint64) order->len)
    {
      g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_INVALID,
                   _("The idea cannot move further in the order."));
      return FALSE;
    }
  g_ptr_array_remove_index (order, from);
  g_ptr_array_insert (order, (int) to, (gpointer) idea);
  if (!pb_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < order->len; i++)
    if (!run (store, error, "UPDATE workshop_ideas SET explain_position = ? WHERE id = ?;", "ii", (gint64) i,
              ((PbWorkshopIdea *) order->pdata[i])->id))
      return fail (store);
  return finish (store, workshop, error);
}

/* ---- Rank --------------------------------------------------------------- */

gboolean
pb_store_workshop_set_dots (PbStore     *store,
                            PbWorkshop  *workshop,
                            gint64       participant_id,
                            gint64       idea_id,
                            guint        dots,
                            GError     **error)
{
  const PbWorkshopParticipant *p;
  const PbWorkshopIdea *idea;
  guint limit, others;
  gboolean ok;

  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), FALSE);

  if (workshop_process (store, workshop, error) == NULL
      || !check_stage (workshop, PB_WORKSHOP_STAGE_RANK, error))
    return FALSE;
  p = find_participant (workshop, participant_id, error);
  idea = p ? find_idea (workshop, idea_id, error) : NULL;
  if (idea == NULL || !idea_in_explain_order (idea, error))
    return FALSE;
  limit = pb_workshop_get_dots_per_participant (workshop);
  others = p->dots_used - pb_workshop_get_dots (workshop, participant_id, idea_id);
  if (others + dots > limit)
    {
      guint left = limit - MIN (p->dots_used, limit);

      if (left == 0)
        g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_TOO_MANY_DOTS,
                     ngettext ("%s has placed their %u dot already: take it back to place it elsewhere.",
                               "%s has placed all %u dots already: take one back to place it elsewhere.", limit),
                     p->name, limit);
      else
        g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_TOO_MANY_DOTS,
                     ngettext ("%s has only %u dot left.", "%s has only %u dots left.", left), p->name, left);
      return FALSE;
    }
  if (!pb_store_begin (store, error))
    return FALSE;
  if (dots == 0)
    ok = run (store, error, "DELETE FROM workshop_dots WHERE participant_id = ? AND idea_id = ?;", "ii",
              participant_id, idea_id);
  else
    ok = run (store, error, "INSERT OR REPLACE INTO workshop_dots (workshop_id, participant_id, idea_id, count)"
              " VALUES (?, ?, ?, ?);", "iiii", pb_workshop_get_id (workshop), participant_id, idea_id, (gint64) dots);
  if (!ok)
    return fail (store);
  return finish (store, workshop, error);
}

/* ---- Arrange ------------------------------------------------------------ */

gint64
pb_store_workshop_add_group (PbStore     *store,
                             PbWorkshop  *workshop,
                             const char  *name,
                             GError     **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (PB_IS_STORE (store), 0);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), 0);

  if (workshop_process (store, workshop, error) == NULL
      || !check_stage (workshop, PB_WORKSHOP_STAGE_ARRANGE, error))
    return 0;
  clean = clean_name (workshop, name, TRUE, 0, error);
  if (clean == NULL)
    return 0;
  return append_row (store, workshop, "workshop_groups", "name", clean, error);
}

gboolean
pb_store_workshop_rename_group (PbStore     *store,
                                PbWorkshop  *workshop,
                                gint64       group_id,
                                const char  *name,
                                GError     **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), FALSE);

  if (workshop_process (store, workshop, error) == NULL
      || !check_stage (workshop, PB_WORKSHOP_STAGE_ARRANGE, error)
      || find_group (workshop, group_id, error) == NULL)
    return FALSE;
  clean = clean_name (workshop, name, TRUE, group_id, error);
  if (clean == NULL)
    return FALSE;
  return run_and_finish (store, workshop, error,
                         "UPDATE workshop_groups SET name = ? WHERE id = ?;", "ti", clean, group_id);
}

gboolean
pb_store_workshop_remove_group (PbStore     *store,
                                PbWorkshop  *workshop,
                                gint64       group_id,
                                GError     **error)
{
  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), FALSE);

  if (workshop_process (store, workshop, error) == NULL
      || !check_stage (workshop, PB_WORKSHOP_STAGE_ARRANGE, error)
      || find_group (workshop, group_id, error) == NULL)
    return FALSE;
  /* Its ideas stay, in no group (ON DELETE SET NULL). */
  return run_and_finish (store, workshop, error, "DELETE FROM workshop_groups WHERE id = ?;", "i", group_id);
}

gboolean
pb_store_workshop_move_to_group (PbStore     *store,
                                 PbWorkshop  *workshop,
                                 gint64       idea_id,
                                 gint64       group_id,
                                 GError     **error)
{
  const PbWorkshopIdea *idea;

  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), FALSE);

  if (workshop_process (store, workshop, error) == NULL
      || !check_stage (workshop, PB_WORKSHOP_STAGE_ARRANGE, error))
    return FALSE;
  idea = find_idea (workshop, idea_id, error);
  if (idea == NULL || !idea_in_explain_order (idea, error))
    return FALSE;
  if (group_id != 0 && find_group (workshop, group_id, error) == NULL)
    return FALSE;
  if (!pb_store_begin (store, error))
    return FALSE;
  if (!run (store, error, "UPDATE workshop_ideas SET group_id = ? WHERE id = ?;", "ti", NULL, idea_id)
      || (group_id != 0
          && !run (store, error, "UPDATE workshop_ideas SET group_id = ? WHERE id = ?;", "ii", group_id, idea_id)))
    return fail (store);
  return finish (store, workshop, error);
}

/* ---- Promotion ---------------------------------------------------------- */

/* The first line of @text, at most TITLE_LENGTH characters. */
static char *
title_from_text (const char *text)
{
  g_autofree char *line = g_strndup (text, strcspn (text, "\n"));

  if (g_utf8_strlen (line, -1) > TITLE_LENGTH)
    {
      g_autofree char *cut = g_utf8_substring (line, 0, TITLE_LENGTH - 1);

      return g_strconcat (g_strchomp (cut), "…", NULL);
    }
  return g_steal_pointer (&line);
}

static const char *
participant_name (PbWorkshop *workshop,
                  gint64      id)
{
  const PbWorkshopParticipant *p = pb_workshop_lookup_participant (workshop, id);

  return p ? p->name : "";
}

/* A free code "P<n>" for a new project of @process. */
static char *
free_project_code (PbProcess *process)
{
  guint n = g_list_model_get_n_items (pb_process_list_projects (process));
  char *code = NULL;

  for (guint k = n + 1; code == NULL || pb_process_lookup_project_by_code (process, code) != NULL; k++)
    {
      g_free (code);
      code = g_strdup_printf ("P%u", k);
    }
  return code;
}

static PbProject *
promote (PbStore     *store,
         PbWorkshop  *workshop,
         PbProcess   *process,
         const char  *title,
         const char  *summary,
         const char  *origin,
         guint        dots,
         gint64       idea_id,
         gint64       group_id,
         GError     **error)
{
  PbProjectData d = { NULL, };
  GListModel *projects = pb_process_list_projects (process);
  g_autofree char *audit_summary = NULL;
  g_autofree char *subject = NULL;
  PbProject *project = NULL;
  guint max_position = 0;
  gint64 project_id, promotion_id;
  char *no_groups[] = { NULL };

  for (guint i = 0; i < g_list_model_get_n_items (projects); i++)
    {
      g_autoptr(PbProject) other = g_list_model_get_item (projects, i);

      max_position = MAX (max_position, pb_project_get_position (other) + 1);
    }
  d.code = free_project_code (process);
  d.title = g_strdup (title);
  d.summary = g_strdup (summary);
  d.description = g_strdup (origin);
  d.cost = g_strdup ("0");
  d.category_id = 0;
  d.status = PB_PROJECT_STATUS_PROPOSED;
  d.status_reason = g_strdup ("");
  d.groups = g_strdupv (no_groups);
  d.image_path = g_strdup ("");
  d.location = g_strdup ("");
  d.position = max_position;

  if (!pb_store_begin (store, error))
    goto out;
  if (!pb_row_insert_project (store, pb_process_get_id (process), &d, "workshop-promote", &project_id, error)
      || !run (store, error, "INSERT INTO workshop_promotions (workshop_id, project_id, idea_id, group_id, dots,"
               " origin, time) VALUES (?, ?, ?, ?, ?, ?, ?);", "iiiiiti", pb_workshop_get_id (workshop), project_id,
               idea_id, group_id, (gint64) dots, origin, g_get_real_time ()))
    {
      fail (store);
      goto out;
    }
  promotion_id = sqlite3_last_insert_rowid (pb_store_get_db (store));
  subject = g_strdup_printf ("workshop-promotion %" G_GINT64_FORMAT, promotion_id);
  audit_summary = g_strdup_printf ("Workshop %s %" G_GINT64_FORMAT " promoted to project %s with %u dots: %s",
                                   idea_id ? "idea" : "group", idea_id ? idea_id : group_id, d.code, dots, origin);
  if (!pb_store_audit_append (store, pb_process_get_id (process), "workshop-promotion", subject, NULL,
                              audit_summary, error)
      || !pb_store_commit (store, error))
    {
      fail (store);
      goto out;
    }
  project = pb_project_new_internal (project_id, pb_process_get_id (process), &d);
  pb_process_take_project (process, project);
  {
    g_autoptr(GError) reload_error = NULL;

    if (!pb_workshop_load_internal (workshop, store, &reload_error))
      g_warning ("Could not reread the workshop after a promotion: %s", reload_error->message);
  }

out:
  pb_project_data_clear (&d);
  return project;
}

PbProject *
pb_store_workshop_promote_idea (PbStore     *store,
                                PbWorkshop  *workshop,
                                gint64       idea_id,
                                GError     **error)
{
  const PbWorkshopIdea *idea;
  PbProcess *process;
  g_autofree char *title = NULL;
  g_autofree char *origin = NULL;

  g_return_val_if_fail (PB_IS_STORE (store), NULL);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), NULL);

  process = workshop_process (store, workshop, error);
  if (process == NULL || !check_stage (workshop, PB_WORKSHOP_STAGE_ARRANGE, error))
    return NULL;
  idea = find_idea (workshop, idea_id, error);
  if (idea == NULL || !idea_in_explain_order (idea, error))
    return NULL;
  if (idea->project_id != 0)
    {
      PbProject *project = pb_process_lookup_project (process, idea->project_id);

      g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_ALREADY_PROMOTED,
                   _("The idea “%s” is already the project %s."), idea->text,
                   project ? pb_project_get_code (project) : "");
      return NULL;
    }
  if (idea->group_id != 0 && pb_workshop_lookup_group (workshop, idea->group_id) != NULL
      && pb_workshop_lookup_group (workshop, idea->group_id)->project_id != 0)
    {
      const PbWorkshopGroup *group = pb_workshop_lookup_group (workshop, idea->group_id);
      PbProject *project = pb_process_lookup_project (process, group->project_id);

      g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_ALREADY_PROMOTED,
                   _("The idea “%s” is part of the group “%s”, already the project %s."), idea->text, group->name,
                   project ? pb_project_get_code (project) : "");
      return NULL;
    }
  title = title_from_text (idea->text);
  if (idea->origin == PB_WORKSHOP_ORIGIN_MERGE)
    {
      const PbWorkshopIdea *a = pb_workshop_lookup_idea (workshop, idea->merged_a);
      const PbWorkshopIdea *b = pb_workshop_lookup_idea (workshop, idea->merged_b);

      origin = g_strdup_printf (ngettext ("From the workshop: an idea of pair %u, merged from ideas by %s and %s; "
                                          "%u dot.",
                                          "From the workshop: an idea of pair %u, merged from ideas by %s and %s; "
                                          "%u dots.", idea->dots),
                                idea->pair, a ? participant_name (workshop, a->participant_id) : "",
                                b ? participant_name (workshop, b->participant_id) : "", idea->dots);
    }
  else
    origin = g_strdup_printf (ngettext ("From the workshop: an idea by %s (pair %u); %u dot.",
                                        "From the workshop: an idea by %s (pair %u); %u dots.", idea->dots),
                              participant_name (workshop, idea->participant_id), idea->pair, idea->dots);
  return promote (store, workshop, process, title, idea->text, origin, idea->dots, idea_id, 0, error);
}

PbProject *
pb_store_workshop_promote_group (PbStore     *store,
                                 PbWorkshop  *workshop,
                                 gint64       group_id,
                                 GError     **error)
{
  const PbWorkshopGroup *group;
  PbProcess *process;
  GPtrArray *ideas;
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autofree char *origin = NULL;
  guint n = 0;

  g_return_val_if_fail (PB_IS_STORE (store), NULL);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), NULL);

  process = workshop_process (store, workshop, error);
  if (process == NULL || !check_stage (workshop, PB_WORKSHOP_STAGE_ARRANGE, error))
    return NULL;
  group = find_group (workshop, group_id, error);
  if (group == NULL)
    return NULL;
  if (group->project_id != 0)
    {
      PbProject *project = pb_process_lookup_project (process, group->project_id);

      g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_ALREADY_PROMOTED,
                   _("The group “%s” is already the project %s."), group->name,
                   project ? pb_project_get_code (project) : "");
      return NULL;
    }
  ideas = pb_workshop_get_ideas (workshop);
  for (guint i = 0; i < ideas->len; i++)
    {
      const PbWorkshopIdea *idea = ideas->pdata[i];

      if (idea->group_id != group_id)
        continue;
      if (idea->project_id != 0)
        {
          PbProject *project = pb_process_lookup_project (process, idea->project_id);

          g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_ALREADY_PROMOTED,
                       _("The idea “%s” of this group is already the project %s: take it out of the group first."),
                       idea->text, project ? pb_project_get_code (project) : "");
          return NULL;
        }
      g_string_append_printf (summary, "%s• %s", n ? "\n" : "", idea->text);
      n++;
    }
  if (n == 0)
    {
      g_set_error (error, PB_WORKSHOP_ERROR, PB_WORKSHOP_ERROR_EMPTY,
                   _("The group “%s” holds no idea yet: move ideas into it first."), group->name);
      return NULL;
    }
  origin = g_strdup_printf (ngettext ("From the workshop: the group “%s” of %u idea; %u dots.",
                                      "From the workshop: the group “%s” of %u ideas; %u dots.", n),
                            group->name, n, group->dots);
  return promote (store, workshop, process, group->name, summary->str, origin, group->dots, 0, group_id, error);
}
