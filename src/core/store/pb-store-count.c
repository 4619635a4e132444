/* pb-store-count.c: the lot seed and count options of a stored process,
 * and its exports (see pb-store-count.h). */

#include "pb-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pb-export.h"
#include "pb-pabulib.h"
#include "pb-store-count.h"
#include "pb-store-election.h"
#include "pb-store-private.h"

/* Seeds live in the settings table, one key per process. */
static char *
seed_key (PbProcess *process)
{
  return g_strdup_printf ("lot-seed:%" G_GINT64_FORMAT, pb_process_get_id (process));
}

static gboolean
read_seed (PbStore    *self,
           const char *key,
           guint64    *out_seed)
{
  g_autofree char *value = pb_store_get_setting (self, key);

  return value != NULL && g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT64, out_seed, NULL);
}

gboolean
pb_store_get_lot_seed (PbStore   *self,
                       PbProcess *process,
                       guint64   *out_seed)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_PROCESS (process), FALSE);
  g_return_val_if_fail (out_seed != NULL, FALSE);

  key = seed_key (process);
  return read_seed (self, key, out_seed);
}

gboolean
pb_store_ensure_lot_seed (PbStore    *self,
                          PbProcess  *process,
                          guint64    *out_seed,
                          GError    **error)
{
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *summary = NULL;
  sqlite3_stmt *stmt;
  guint64 seed;
  int rc;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_PROCESS (process), FALSE);
  g_return_val_if_fail (out_seed != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  key = seed_key (process);
  if (read_seed (self, key, out_seed))
    return TRUE;

  if (!pb_store_begin (self, error))
    return FALSE;
  /* Another program may have recorded one since: the write lock is held
   * now, so look again before drawing. */
  if (read_seed (self, key, out_seed))
    {
      pb_store_rollback (self);
      return TRUE;
    }
  seed = pb_count_new_seed ();
  value = g_strdup_printf ("%" G_GUINT64_FORMAT, seed);
  stmt = pb_store_prepare (self, "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2);", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      pb_store_set_sqlite_error (self, rc, error);
      goto fail;
    }
  /* The seed itself goes in the log: it is what makes the lot checkable. */
  subject = g_strdup_printf ("lot-seed %" G_GINT64_FORMAT, pb_process_get_id (process));
  summary = g_strdup_printf ("Lot seed %s recorded for breaking ties in the count", value);
  if (!pb_store_audit_append (self, pb_process_get_id (process), "lot-seed", subject, NULL, summary, error)
      || !pb_store_commit (self, error))
    goto fail;
  *out_seed = seed;
  return TRUE;

fail:
  pb_store_rollback (self);
  return FALSE;
}

gboolean
pb_store_get_count_options (PbStore         *self,
                            PbProcess       *process,
                            PbCountOptions  *options,
                            GError         **error)
{
  const char *rule;
  const char *chain;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_PROCESS (process), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  rule = pb_process_get_counting_rule (process);
  chain = pb_process_get_tie_break (process);
  memset (options, 0, sizeof *options);
  if (rule == NULL || !pb_rule_from_string (rule, &options->rule))
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("The process “%s” records the counting rule “%s”, which Pb does not know."),
                   pb_process_get_name (process), rule != NULL ? rule : "");
      return FALSE;
    }
  if (chain == NULL || chain[0] == '\0')
    options->tie_break = PB_TIE_BREAK_DEFAULT;
  else if (!pb_tie_break_from_chain (chain, &options->tie_break))
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("The process “%s” records the tie-breaking chain “%s”, which Pb does not know."),
                   pb_process_get_name (process), chain);
      return FALSE;
    }
  if (pb_tie_break_uses_lot (options->tie_break))
    return pb_store_ensure_lot_seed (self, process, &options->seed, error);
  return TRUE;
}

static const char * const format_names[] = {
  [PB_STORE_EXPORT_JSON] = "json",
  [PB_STORE_EXPORT_PABULIB] = "pb",
  [PB_STORE_EXPORT_CSV] = "csv",
};

const char *
pb_store_export_format_to_string (PbStoreExportFormat format)
{
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (format_names), NULL);
  return format_names[format];
}

gboolean
pb_store_export_format_from_string (const char          *text,
                                    PbStoreExportFormat *out)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_ascii_strcasecmp (text, format_names[i]) == 0)
      {
        *out = (PbStoreExportFormat) i;
        return TRUE;
      }
  return FALSE;
}

GBytes *
pb_store_export_process (PbStore               *self,
                         PbProcess             *process,
                         PbStoreExportFormat    format,
                         const PbCountOptions  *options,
                         GError               **error)
{
  g_autoptr(PbElection) election = NULL;
  g_autoptr(PbOutcome) outcome = NULL;
  PbCountOptions recorded;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (PB_IS_PROCESS (process), NULL);
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (format_names), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  election = pb_store_load_election_full (self, process,
                                          format == PB_STORE_EXPORT_CSV ? PB_STORE_LOAD_DEFAULT
                                          : PB_STORE_LOAD_BALLOT_DETAILS, error);
  if (election == NULL)
    return NULL;

  if (format == PB_STORE_EXPORT_PABULIB)
    {
      GString *text = pb_pabulib_write (election);

      return g_string_free_to_bytes (text);
    }

  if (options == NULL)
    {
      if (!pb_store_get_count_options (self, process, &recorded, error))
        return NULL;
      options = &recorded;
    }
  outcome = pb_count (election, options, error);
  if (outcome == NULL)
    return NULL;

  if (format == PB_STORE_EXPORT_CSV)
    return g_string_free_to_bytes (pb_export_results_csv (election, outcome));
  else
    {
      PbOutcome *outcomes[] = { outcome };
      g_autoptr(JsonNode) node = pb_export_json (election, pb_process_get_name (process), outcomes, 1);
      gsize length = 0;
      char *text = pb_export_json_to_string (node, &length);

      return g_bytes_new_take (text, length);
    }
}
