/* pb-bundle.c: writing, reading and checking kiosk bundles.
 *
 * The canonical form (what the kiosk signs and what the reader rebuilds
 * from the values it read) is written by the small serializer below rather
 * than by json-glib, so that it is defined by this file and
 * docs/security.md alone and cannot change with a library version:
 *
 *  - no whitespace; objects' members in the order written here;
 *  - strings in UTF-8 with only `"`, `\` and the control characters
 *    U+0000 to U+001F escaped (as \" \\ and \u00XX, lower-case hex);
 *  - integers in decimal, booleans as true and false.
 *
 * The file itself is that document plus a "signature" member, indented by
 * json-glib for people to read; the layout does not matter to the reader.
 */

#include "pb-config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>
#include <sodium.h>
#include <string.h>

#include "pb-bundle-private.h"
#include "pb-file.h"

#define KEY_HEX_LEN       (crypto_sign_PUBLICKEYBYTES * 2)
#define SIGNATURE_HEX_LEN (crypto_sign_BYTES * 2)

struct _PbBundle {
  GObject     parent_instance;
  char       *kiosk_id;
  char       *process_name;
  char       *fingerprint;
  gint64      created;
  GPtrArray  *ballots;       /* PbBundleBallot * */
  GPtrArray  *codes;         /* char *, sorted */
  guint8      signature[crypto_sign_BYTES];
  char       *hash;
};

G_DEFINE_TYPE (PbBundle, pb_bundle, G_TYPE_OBJECT)

G_DEFINE_QUARK (pb-bundle-error-quark, pb_bundle_error)

static void
bundle_ballot_free (gpointer data)
{
  PbBundleBallot *ballot = data;

  g_free (ballot->uuid);
  g_free (ballot->method);
  g_free (ballot->receipt);
  if (ballot->choices != NULL)
    g_array_unref (ballot->choices);
  g_free (ballot);
}

static void
bundle_choice_clear (gpointer data)
{
  PbBundleChoice *choice = data;

  g_free (choice->project);
}

static PbBundleBallot *
bundle_ballot_new (void)
{
  PbBundleBallot *ballot = g_new0 (PbBundleBallot, 1);

  ballot->choices = g_array_new (FALSE, TRUE, sizeof (PbBundleChoice));
  g_array_set_clear_func (ballot->choices, bundle_choice_clear);
  return ballot;
}

static void
pb_bundle_finalize (GObject *object)
{
  PbBundle *self = PB_BUNDLE (object);

  g_free (self->kiosk_id);
  g_free (self->process_name);
  g_free (self->fingerprint);
  g_ptr_array_unref (self->ballots);
  g_ptr_array_unref (self->codes);
  g_free (self->hash);
  G_OBJECT_CLASS (pb_bundle_parent_class)->finalize (object);
}

static void
pb_bundle_class_init (PbBundleClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_bundle_finalize;
}

static void
pb_bundle_init (PbBundle *self)
{
  self->ballots = g_ptr_array_new_with_free_func (bundle_ballot_free);
  self->codes = g_ptr_array_new_with_free_func (g_free);
}

/* ---- The canonical serializer ------------------------------------------- */

static void
cj_string (GString    *out,
           const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

/* Writes `"key":`, preceded by a comma unless it is the first member. */
static void
cj_key (GString    *out,
        gboolean   *first,
        const char *key)
{
  if (!*first)
    g_string_append_c (out, ',');
  *first = FALSE;
  cj_string (out, key);
  g_string_append_c (out, ':');
}

static void
cj_member_string (GString    *out,
                  gboolean   *first,
                  const char *key,
                  const char *value)
{
  cj_key (out, first, key);
  cj_string (out, value);
}

static void
cj_member_int (GString    *out,
               gboolean   *first,
               const char *key,
               gint64      value)
{
  cj_key (out, first, key);
  g_string_append_printf (out, "%" G_GINT64_FORMAT, value);
}

static void
cj_member_bool (GString    *out,
                gboolean   *first,
                const char *key,
                gboolean    value)
{
  cj_key (out, first, key);
  g_string_append (out, value ? "true" : "false");
}

static GString *
canonical_form (PbBundle *self,
                gboolean  with_signature)
{
  GString *out = g_string_sized_new (256 + self->ballots->len * 160);
  gboolean first = TRUE;
  gboolean inner;

  g_string_append_c (out, '{');
  cj_member_string (out, &first, "format", PB_BUNDLE_FORMAT);
  cj_member_int (out, &first, "version", PB_BUNDLE_VERSION);
  cj_member_string (out, &first, "kiosk", self->kiosk_id);
  cj_member_int (out, &first, "created", self->created);
  cj_key (out, &first, "process");
  inner = TRUE;
  g_string_append_c (out, '{');
  cj_member_string (out, &inner, "name", self->process_name);
  cj_member_string (out, &inner, "fingerprint", self->fingerprint);
  g_string_append_c (out, '}');

  cj_key (out, &first, "ballots");
  g_string_append_c (out, '[');
  for (guint i = 0; i < self->ballots->len; i++)
    {
      PbBundleBallot *ballot = g_ptr_array_index (self->ballots, i);

      if (i > 0)
        g_string_append_c (out, ',');
      inner = TRUE;
      g_string_append_c (out, '{');
      cj_member_string (out, &inner, "uuid", ballot->uuid);
      cj_member_int (out, &inner, "cast-time", ballot->cast_time);
      cj_member_string (out, &inner, "method", ballot->method);
      cj_member_string (out, &inner, "receipt", ballot->receipt);
      cj_member_bool (out, &inner, "code-used", ballot->code_used);
      cj_key (out, &inner, "choices");
      g_string_append_c (out, '[');
      for (guint j = 0; j < ballot->choices->len; j++)
        {
          PbBundleChoice *choice = &g_array_index (ballot->choices, PbBundleChoice, j);
          gboolean in_choice = TRUE;

          if (j > 0)
            g_string_append_c (out, ',');
          g_string_append_c (out, '{');
          cj_member_string (out, &in_choice, "project", choice->project);
          cj_member_int (out, &in_choice, "points", choice->points);
          g_string_append_c (out, '}');
        }
      g_string_append (out, "]}");
    }
  g_string_append_c (out, ']');

  cj_key (out, &first, "codes-used");
  g_string_append_c (out, '[');
  for (guint i = 0; i < self->codes->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      cj_string (out, g_ptr_array_index (self->codes, i));
    }
  g_string_append_c (out, ']');

  if (with_signature)
    {
      char hex[SIGNATURE_HEX_LEN + 1];

      sodium_bin2hex (hex, sizeof hex, self->signature, sizeof self->signature);
      cj_member_string (out, &first, "signature", hex);
    }
  g_string_append_c (out, '}');
  return out;
}

static char *
hash_hex (const char *data,
          gsize       length)
{
  guint8 hash[PB_HASH_BYTES];

  crypto_generichash (hash, sizeof hash, (const guint8 *) data, length, NULL, 0);
  return pb_hash_to_hex (hash);
}

/* ---- The process fingerprint -------------------------------------------- */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static int
compare_projects_by_code (gconstpointer a,
                          gconstpointer b)
{
  PbProject *pa = *(PbProject * const *) a;
  PbProject *pb = *(PbProject * const *) b;

  return strcmp (pb_project_get_code (pa), pb_project_get_code (pb));
}

static int
compare_categories_by_name (gconstpointer a,
                            gconstpointer b)
{
  PbCategory *ca = *(PbCategory * const *) a;
  PbCategory *cb = *(PbCategory * const *) b;

  return strcmp (pb_category_get_name (ca), pb_category_get_name (cb));
}

static GPtrArray *
sorted_items (GListModel   *model,
              GCompareFunc  compare)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));
  g_ptr_array_sort (items, compare);
  return items;
}

char *
pb_bundle_process_fingerprint (PbProcess *process)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  gboolean first = TRUE;

  g_return_val_if_fail (PB_IS_PROCESS (process), NULL);

  /* Only what pb_ballot_validate() reads: a change to any of it could
   * make a ballot valid on one side and not on the other. */
  g_string_append_c (out, '{');
  cj_member_string (out, &first, "currency", pb_process_get_currency (process));
  cj_member_string (out, &first, "budget", pb_process_get_budget (process));
  cj_member_string (out, &first, "format", pb_ballot_format_to_string (pb_process_get_ballot_format (process)));
  cj_member_int (out, &first, "min-projects", pb_process_get_min_projects (process));
  cj_member_int (out, &first, "max-projects", pb_process_get_max_projects (process));
  cj_member_int (out, &first, "min-spent-percent", pb_process_get_min_spent_percent (process));
  cj_member_string (out, &first, "cost-limit", pb_process_get_cost_limit (process));
  cj_member_int (out, &first, "points-total", pb_process_get_points_total (process));
  cj_member_int (out, &first, "points-per-project", pb_process_get_points_per_project (process));
  cj_member_int (out, &first, "ranking-length", pb_process_get_ranking_length (process));
  cj_member_bool (out, &first, "voter-codes-required", pb_process_get_voter_codes_required (process));

  cj_key (out, &first, "categories");
  g_string_append_c (out, '[');
  categories = sorted_items (pb_process_list_categories (process), compare_categories_by_name);
  for (guint i = 0; i < categories->len; i++)
    {
      PbCategory *category = g_ptr_array_index (categories, i);
      const char *cap = pb_category_get_cap (category);
      gboolean inner = TRUE;

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '{');
      cj_member_string (out, &inner, "name", pb_category_get_name (category));
      cj_member_string (out, &inner, "cap", cap != NULL ? cap : "");
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');

  cj_key (out, &first, "projects");
  g_string_append_c (out, '[');
  projects = sorted_items (pb_process_list_projects (process), compare_projects_by_code);
  for (guint i = 0; i < projects->len; i++)
    {
      PbProject *project = g_ptr_array_index (projects, i);
      PbCategory *category = pb_process_lookup_category (process, pb_project_get_category_id (project));
      const char * const *groups = pb_project_get_incompatibility_groups (project);
      g_autoptr(GPtrArray) sorted_groups = g_ptr_array_new ();
      gboolean inner = TRUE;

      for (guint g = 0; groups != NULL && groups[g] != NULL; g++)
        g_ptr_array_add (sorted_groups, (gpointer) groups[g]);
      g_ptr_array_sort (sorted_groups, compare_strings);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '{');
      cj_member_string (out, &inner, "code", pb_project_get_code (project));
      cj_member_string (out, &inner, "cost", pb_project_get_cost (project));
      cj_member_string (out, &inner, "status", pb_project_status_to_string (pb_project_get_status (project)));
      cj_member_string (out, &inner, "category", category != NULL ? pb_category_get_name (category) : "");
      cj_key (out, &inner, "groups");
      g_string_append_c (out, '[');
      for (guint g = 0; g < sorted_groups->len; g++)
        {
          if (g > 0)
            g_string_append_c (out, ',');
          cj_string (out, g_ptr_array_index (sorted_groups, g));
        }
      g_string_append (out, "]}");
    }
  g_string_append (out, "]}");

  return hash_hex (out->str, out->len);
}

/* ---- Store look-ups shared with the merge ------------------------------- */

char *
pb_bundle_codes_key (gint64      process_id,
                     const char *kiosk_id)
{
  return g_strdup_printf ("merged-codes/%" G_GINT64_FORMAT "/%s", process_id, kiosk_id);
}

GHashTable *
pb_bundle_coded_ballots (PbStore  *store,
                         gint64    process_id,
                         gint64    kiosk_row,
                         GError  **error)
{
  g_autoptr(GHashTable) coded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) result = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *previous = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = pb_store_prepare (store, "SELECT kind, subject FROM audit WHERE process_id = ? ORDER BY seq;", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *kind = pb_store_column_text (stmt, 0);
      const char *subject = pb_store_column_text (stmt, 1);

      if (strcmp (kind, "code-used") == 0 && previous != NULL)
        g_hash_table_add (coded, g_steal_pointer (&previous));
      g_clear_pointer (&previous, g_free);
      if (strcmp (kind, "ballot") == 0 && g_str_has_prefix (subject, "ballot "))
        previous = g_strdup (subject + strlen ("ballot "));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pb_store_set_sqlite_error (store, rc, error);
      return NULL;
    }

  stmt = pb_store_prepare (store, "SELECT uuid FROM ballots WHERE process_id = ? AND kiosk_id = ?;", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process_id);
  sqlite3_bind_int64 (stmt, 2, kiosk_row);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (g_hash_table_contains (coded, pb_store_column_text (stmt, 0)))
      g_hash_table_add (result, g_strdup (pb_store_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pb_store_set_sqlite_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&result);
}

/* ---- Writing ------------------------------------------------------------ */

GListModel *
pb_bundle_list_exportable (PbStore *store)
{
  GListStore *list = g_list_store_new (PB_TYPE_PROCESS);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PB_IS_STORE (store), NULL);

  stmt = pb_store_prepare (store, "SELECT DISTINCT process_id FROM ballots WHERE kiosk_id = ? ORDER BY process_id;",
                           NULL);
  if (stmt == NULL)
    return G_LIST_MODEL (list);
  sqlite3_bind_int64 (stmt, 1, pb_store_get_kiosk_row (store));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      PbProcess *process = pb_store_lookup_process (store, sqlite3_column_int64 (stmt, 0));

      if (process != NULL)
        g_list_store_append (list, process);
    }
  sqlite3_reset (stmt);
  return G_LIST_MODEL (list);
}

/* The codes of @process in state used, less those that merged bundles of
 * other kiosks consumed: the codes used on this kiosk. */
static gboolean
read_own_codes (PbStore    *store,
                PbProcess  *process,
                GPtrArray  *codes,
                GError    **error)
{
  g_autoptr(GHashTable) others = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *prefix = pb_bundle_codes_key (pb_process_get_id (process), "");
  sqlite3_stmt *stmt;
  int rc;

  stmt = pb_store_prepare (store, "SELECT value FROM settings WHERE substr (key, 1, length (?1)) = ?1;", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_auto(GStrv) lines = g_strsplit (pb_store_column_text (stmt, 0), "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        if (lines[i][0] != '\0')
          g_hash_table_add (others, g_strdup (lines[i]));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pb_store_set_sqlite_error (store, rc, error);
      return FALSE;
    }

  stmt = pb_store_prepare (store, "SELECT code FROM voter_codes WHERE process_id = ? AND state = 'used';", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pb_process_get_id (process));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!g_hash_table_contains (others, pb_store_column_text (stmt, 0)))
      g_ptr_array_add (codes, g_strdup (pb_store_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pb_store_set_sqlite_error (store, rc, error);
      return FALSE;
    }
  g_ptr_array_sort (codes, compare_strings);
  return TRUE;
}

static gboolean
read_own_ballots (PbStore    *store,
                  PbProcess  *process,
                  GPtrArray  *ballots,
                  GError    **error)
{
  g_autoptr(GHashTable) coded = NULL;
  sqlite3_stmt *stmt;
  int rc;

  coded = pb_bundle_coded_ballots (store, pb_process_get_id (process), pb_store_get_kiosk_row (store), error);
  if (coded == NULL)
    return FALSE;
  stmt = pb_store_prepare (store, "SELECT uuid, method, cast_time, choices, receipt FROM ballots"
                           " WHERE process_id = ? AND kiosk_id = ? ORDER BY id;", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pb_process_get_id (process));
  sqlite3_bind_int64 (stmt, 2, pb_store_get_kiosk_row (store));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(PbBallotChoices) choices = NULL;
      PbBundleBallot *ballot = bundle_ballot_new ();
      gboolean known = TRUE;

      g_ptr_array_add (ballots, ballot);
      ballot->uuid = g_strdup (pb_store_column_text (stmt, 0));
      ballot->method = g_strdup (pb_store_column_text (stmt, 1));
      ballot->cast_time = sqlite3_column_int64 (stmt, 2);
      ballot->receipt = g_strdup (pb_store_column_text (stmt, 4));
      ballot->code_used = g_hash_table_contains (coded, ballot->uuid);
      choices = pb_ballot_choices_from_string (pb_process_get_ballot_format (process), pb_store_column_text (stmt, 3));
      for (guint i = 0; choices != NULL && i < pb_ballot_choices_get_n_entries (choices); i++)
        {
          PbProject *project = pb_process_lookup_project (process, pb_ballot_choices_get_project (choices, i));
          PbBundleChoice choice;

          if (project == NULL)
            {
              known = FALSE;
              break;
            }
          choice.project = g_strdup (pb_project_get_code (project));
          choice.points = pb_ballot_choices_get_points (choices, i);
          g_array_append_val (ballot->choices, choice);
        }
      if (choices == NULL || !known)
        {
          sqlite3_reset (stmt);
          g_set_error (error, PB_BUNDLE_ERROR, PB_BUNDLE_ERROR_MALFORMED,
                       _("Ballot %s of “%s” names a project that is not in the process; run “pbtool verify” "
                         "on this database."), ballot->uuid, pb_process_get_name (process));
          return FALSE;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pb_store_set_sqlite_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

PbBundle *
pb_bundle_new_from_store (PbStore    *store,
                          PbProcess  *process,
                          GError    **error)
{
  g_autoptr(PbBundle) self = NULL;
  g_autoptr(GString) canonical = NULL;
  guint n_coded = 0;
  gboolean ok;

  g_return_val_if_fail (PB_IS_STORE (store), NULL);
  g_return_val_if_fail (PB_IS_PROCESS (process), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (pb_store_lookup_process (store, pb_process_get_id (process)) != process)
    {
      g_set_error (error, PB_BUNDLE_ERROR, PB_BUNDLE_ERROR_NO_PROCESS,
                   _("The process “%s” is not in this database."), pb_process_get_name (process));
      return NULL;
    }

  self = g_object_new (PB_TYPE_BUNDLE, NULL);
  self->kiosk_id = g_strdup (pb_store_get_kiosk_id (store));
  self->process_name = g_strdup (pb_process_get_name (process));
  self->fingerprint = pb_bundle_process_fingerprint (process);
  self->created = g_get_real_time ();

  /* One read transaction, so that the ballots and the codes agree. */
  if (!pb_store_exec (store, "BEGIN;", error))
    return NULL;
  ok = read_own_ballots (store, process, self->ballots, error)
    && read_own_codes (store, process, self->codes, error);
  pb_store_rollback (store);
  if (!ok)
    return NULL;

  for (guint i = 0; i < self->ballots->len; i++)
    n_coded += ((PbBundleBallot *) g_ptr_array_index (self->ballots, i))->code_used ? 1 : 0;
  if (n_coded != self->codes->len)
    {
      g_set_error (error, PB_BUNDLE_ERROR, PB_BUNDLE_ERROR_CODES_INCONSISTENT,
                   _("This kiosk has %u used voter codes for “%s” but %u ballots cast with a code; run "
                     "“pbtool verify” on this database."), self->codes->len, pb_process_get_name (process),
                   n_coded);
      return NULL;
    }

  canonical = canonical_form (self, FALSE);
  pb_store_kiosk_sign (store, (const guint8 *) canonical->str, canonical->len, self->signature);
  self->hash = hash_hex (canonical->str, canonical->len);
  return g_steal_pointer (&self);
}

char *
pb_bundle_to_data (PbBundle *self,
                   gsize    *out_length)
{
  g_autoptr(GString) document = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  GString *text;

  g_return_val_if_fail (PB_IS_BUNDLE (self), NULL);

  /* Our own canonical text always parses; json-glib only lays it out. */
  document = canonical_form (self, TRUE);
  if (!json_parser_load_from_data (parser, document->str, document->len, NULL))
    g_assert_not_reached ();
  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = g_string_new (NULL);
  json_generator_to_gstring (generator, text);
  g_string_append_c (text, '\n');
  if (out_length != NULL)
    *out_length = text->len;
  return g_string_free (text, FALSE);
}

gboolean
pb_bundle_save (PbBundle      *self,
                GFile         *file,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (PB_IS_BUNDLE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  data = pb_bundle_to_data (self, &length);
  /* Written to a temporary file and renamed, so that a crash or a full
   * disk never leaves half a bundle under the final name, nor damages the
   * file that was there. */
  if (!pb_file_replace_atomically (file, data, length, cancellable, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
        g_set_error (error, PB_BUNDLE_ERROR, PB_BUNDLE_ERROR_IO,
                     _("There is not enough space on the disk for the bundle “%s”. Free some space or choose "
                       "another place; nothing was written."), name);
      else
        g_set_error (error, PB_BUNDLE_ERROR, PB_BUNDLE_ERROR_IO,
                     _("Could not write the bundle “%s”: %s. Nothing was written."), name, local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
pb_bundle_record_export (PbBundle    *self,
                         PbStore     *store,
                         PbProcess   *process,
                         const char  *file_name,
                         GError     **error)
{
  guint8 hash[PB_HASH_BYTES];
  g_autofree char *data = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *summary = NULL;
  gsize length = 0;

  g_return_val_if_fail (PB_IS_BUNDLE (self), FALSE);
  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (PB_IS_PROCESS (process), FALSE);
  g_return_val_if_fail (file_name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The bytes pb_bundle_save() wrote: the document is a function of the
   * bundle alone. */
  data = pb_bundle_to_data (self, &length);
  crypto_generichash (hash, sizeof hash, (const guint8 *) data, length, NULL, 0);

  /* The log is a record, not a message for people: English, untranslated. */
  subject = g_strconcat ("bundle ", self->hash, NULL);
  summary = g_strdup_printf ("Bundle of %u ballots and %u voter codes from kiosk %.8s written to “%s” (%" G_GSIZE_FORMAT
                             " bytes)", self->ballots->len, self->codes->len, self->kiosk_id, file_name, length);

  if (!pb_store_begin (store, error))
    return FALSE;
  if (!pb_store_audit_append (store, pb_process_get_id (process), "bundle-export", subject, hash, summary, error)
      || !pb_store_commit (store, error))
    {
      pb_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/* ---- Reading ------------------------------------------------------------ */

static gboolean
malformed (GError     **error,
           const char  *where,
           const char  *what)
{
  g_set_error (error, PB_BUNDLE_ERROR, PB_BUNDLE_ERROR_MALFORMED,
               _("The bundle is damaged: %s %s. It was changed or cut short after the kiosk wrote it; "
                 "export it again from the kiosk."), where, what);
  return FALSE;
}

/* Refuses members other than @allowed, which an edit might have added. */
static gboolean
check_members (JsonObject          *object,
               const char * const  *allowed,
               const char          *where,
               GError             **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (!g_strv_contains (allowed, l->data))
        {
          g_autofree char *what = g_strdup_printf (_("has an unknown member “%s”"), (const char *) l->data);

          return malformed (error, where, what);
        }
    }
  return TRUE;
}

static JsonNode *
get_member (JsonObject  *object,
            const char  *name,
            const char  *where,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    {
      g_autofree char *what = g_strdup_printf (_("lacks “%s”"), name);

      malformed (error, where, what);
    }
  return node;
}

static gboolean
wrong_type (const char  *name,
            const char  *type,
            const char  *where,
            GError     **error)
{
  /* TRANSLATORS: “%s” is a member name, the second %s a JSON type such as
   * “a string”. */
  g_autofree char *what = g_strdup_printf (_("has “%s” that is not %s"), name, type);

  return malformed (error, where, what);
}

static const char *
get_string (JsonObject  *object,
            const char  *name,
            const char  *where,
            GError     **error)
{
  JsonNode *node = get_member (object, name, where, error);
  const char *value;

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      wrong_type (name, _("a string"), where, error);
      return NULL;
    }
  value = json_node_get_string (node);
  if (value == NULL || !g_utf8_validate (value, -1, NULL))
    {
      wrong_type (name, _("a string"), where, error);
      return NULL;
    }
  return value;
}

static gboolean
get_int (JsonObject  *object,
         const char  *name,
         gint64       min,
         gint64       max,
         const char  *where,
         gint64      *out,
         GError     **error)
{
  JsonNode *node = get_member (object, name, where, error);

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return wrong_type (name, _("a whole number"), where, error);
  *out = json_node_get_int (node);
  if (*out < min || *out > max)
    {
      g_autofree char *what = g_strdup_printf (_("has “%s” out of range"), name);

      return malformed (error, where, what);
    }
  return TRUE;
}

static gboolean
get_bool (JsonObject  *object,
          const char  *name,
          const char  *where,
          gboolean    *out,
          GError     **error)
{
  JsonNode *node = get_member (object, name, where, error);

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return wrong_type (name, _("true or false"), where, error);
  *out = json_node_get_boolean (node);
  return TRUE;
}

static JsonArray *
get_array (JsonObject  *object,
           const char  *name,
           const char  *where,
           GError     **error)
{
  JsonNode *node = get_member (object, name, where, error);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      wrong_type (name, _("a list"), where, error);
      return NULL;
    }
  return json_node_get_array (node);
}

static JsonObject *
get_object (JsonObject  *object,
            const char  *name,
            const char  *where,
            GError     **error)
{
  JsonNode *node = get_member (object, name, where, error);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      wrong_type (name, _("an object"), where, error);
      return NULL;
    }
  return json_node_get_object (node);
}

static gboolean
is_lower_hex (const char *text,
              gsize       length)
{
  if (strlen (text) != length)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isxdigit (text[i]) || g_ascii_isupper (text[i]))
      return FALSE;
  return TRUE;
}

/* A voter code or receipt exactly in its canonical form. */
static gboolean
is_canonical_code (const char *text)
{
  g_autofree char *normalized = pb_voter_code_normalize (text, NULL);

  return normalized != NULL && strcmp (normalized, text) == 0;
}

static gboolean
read_choices (JsonArray       *array,
              PbBundleBallot  *ballot,
              const char      *where,
              GError         **error)
{
  static const char * const members[] = { "project", "points", NULL };

  for (guint j = 0; j < json_array_get_length (array); j++)
    {
      JsonNode *node = json_array_get_element (array, j);
      JsonObject *object;
      const char *project;
      PbBundleChoice choice;
      gint64 points;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return wrong_type ("choices", _("a list of objects"), where, error);
      object = json_node_get_object (node);
      if (!check_members (object, members, where, error)
          || (project = get_string (object, "project", where, error)) == NULL
          || !get_int (object, "points", 0, G_MAXINT32, where, &points, error))
        return FALSE;
      if (project[0] == '\0')
        return malformed (error, where, _("names a project with an empty code"));
      choice.project = g_strdup (project);
      choice.points = (guint) points;
      g_array_append_val (ballot->choices, choice);
    }
  return TRUE;
}

static gboolean
read_ballot (JsonNode    *node,
             guint        index,
             GHashTable  *seen,
             PbBundle    *self,
             GError     **error)
{
  static const char * const members[] = { "uuid", "cast-time", "method", "receipt", "code-used", "choices", NULL };
  /* TRANSLATORS: the subject of “The bundle is damaged: %s %s”, e.g.
   * “ballot 3 lacks “uuid””. */
  g_autofree char *where = g_strdup_printf (_("ballot %u"), index + 1);
  PbBundleBallot *ballot;
  PbBallotMethod method;
  JsonObject *object;
  JsonArray *choices;
  const char *uuid, *method_name, *receipt;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return malformed (error, where, _("is not an object"));
  object = json_node_get_object (node);

  ballot = bundle_ballot_new ();
  g_ptr_array_add (self->ballots, ballot);
  if (!check_members (object, members, where, error)
      || (uuid = get_string (object, "uuid", where, error)) == NULL
      || !get_int (object, "cast-time", 1, G_MAXINT64, where, &ballot->cast_time, error)
      || (method_name = get_string (object, "method", where, error)) == NULL
      || (receipt = get_string (object, "receipt", where, error)) == NULL
      || !get_bool (object, "code-used", where, &ballot->code_used, error)
      || (choices = get_array (object, "choices", where, error)) == NULL)
    return FALSE;

  if (!g_uuid_string_is_valid (uuid))
    return malformed (error, where, _("has a UUID that is not valid"));
  if (g_hash_table_contains (seen, uuid))
    return malformed (error, where, _("repeats the UUID of an earlier ballot"));
  if (!pb_ballot_method_from_string (method_name, &method))
    return malformed (error, where, _("has an unknown method"));
  if (!is_canonical_code (receipt))
    return malformed (error, where, _("has a receipt that is not valid"));
  ballot->uuid = g_strdup (uuid);
  ballot->method = g_strdup (method_name);
  ballot->receipt = g_strdup (receipt);
  g_hash_table_add (seen, ballot->uuid);
  return read_choices (choices, ballot, where, error);
}

static gboolean
read_document (PbBundle    *self,
               JsonNode    *root,
               GError     **error)
{
  static const char * const members[] = {
    "format", "version", "kiosk", "created", "process", "ballots", "codes-used", "signature", NULL
  };
  static const char * const process_members[] = { "name", "fingerprint", NULL };
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  /* TRANSLATORS: the subject of “The bundle is damaged: %s %s”. */
  const char *where = _("it");
  JsonObject *object, *process;
  JsonArray *ballots, *codes;
  JsonNode *format;
  const char *kiosk, *name, *fingerprint, *signature;
  gint64 version;
  guint n_coded = 0;

  /* A document of only white space parses to no root at all. */
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || (format = json_object_get_member (json_node_get_object (root), "format")) == NULL
      || !JSON_NODE_HOLDS_VALUE (format) || json_node_get_value_type (format) != G_TYPE_STRING
      || g_strcmp0 (json_node_get_string (format), PB_BUNDLE_FORMAT) != 0)
    {
      g_set_error (error, PB_BUNDLE_ERROR, PB_BUNDLE_ERROR_NOT_A_BUNDLE,
                   _("This file is not a Pb kiosk bundle: use a file written by “Export ballots from this "
                     "kiosk” or “pbtool bundle”."));
      return FALSE;
    }
  object = json_node_get_object (root);
  if (!get_int (object, "version", G_MININT64, G_MAXINT64, where, &version, error))
    return FALSE;
  if (version != PB_BUNDLE_VERSION)
    {
      g_set_error (error, PB_BUNDLE_ERROR, PB_BUNDLE_ERROR_VERSION,
                   _("This bundle is of version %" PRId64 ", which this version of Pb cannot read "
                     "(it reads version %d). Update Pb on this computer."), version, PB_BUNDLE_VERSION);
      return FALSE;
    }
  if (!check_members (object, members, where, error)
      || (kiosk = get_string (object, "kiosk", where, error)) == NULL
      || !get_int (object, "created", 1, G_MAXINT64, where, &self->created, error)
      || (process = get_object (object, "process", where, error)) == NULL
      || !check_members (process, process_members, where, error)
      || (name = get_string (process, "name", where, error)) == NULL
      || (fingerprint = get_string (process, "fingerprint", where, error)) == NULL
      || (ballots = get_array (object, "ballots", where, error)) == NULL
      || (codes = get_array (object, "codes-used", where, error)) == NULL
      || (signature = get_string (object, "signature", where, error)) == NULL)
    return FALSE;
  if (!is_lower_hex (kiosk, KEY_HEX_LEN))
    return malformed (error, where, _("has a kiosk key that is not valid"));
  if (!is_lower_hex (fingerprint, PB_HASH_BYTES * 2))
    return malformed (error, where, _("has a process fingerprint that is not valid"));
  if (!is_lower_hex (signature, SIGNATURE_HEX_LEN))
    return malformed (error, where, _("has a signature that is not valid"));
  self->kiosk_id = g_strdup (kiosk);
  self->process_name = g_strdup (name);
  self->fingerprint = g_strdup (fingerprint);
  sodium_hex2bin (self->signature, sizeof self->signature, signature, SIGNATURE_HEX_LEN, NULL, NULL, NULL);

  for (guint i = 0; i < json_array_get_length (ballots); i++)
    {
      if (!read_ballot (json_array_get_element (ballots, i), i, seen, self, error))
        return FALSE;
      n_coded += ((PbBundleBallot *) g_ptr_array_index (self->ballots, i))->code_used ? 1 : 0;
    }
  for (guint i = 0; i < json_array_get_length (codes); i++)
    {
      JsonNode *node = json_array_get_element (codes, i);
      const char *code;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return wrong_type ("codes-used", _("a list of voter codes"), where, error);
      code = json_node_get_string (node);
      if (!is_canonical_code (code))
        return malformed (error, where, _("lists a voter code that is not valid"));
      /* Sorted and without repeats, so that the list gives away no order
       * of use and a code cannot count twice. */
      if (i > 0 && strcmp (g_ptr_array_index (self->codes, i - 1), code) >= 0)
        return malformed (error, where, _("lists voter codes out of order or twice"));
      g_ptr_array_add (self->codes, g_strdup (code));
    }
  if (n_coded != self->codes->len)
    {
      g_set_error (error, PB_BUNDLE_ERROR, PB_BUNDLE_ERROR_CODES_INCONSISTENT,
                   _("The bundle lists %u used voter codes but %u ballots cast with a code; it is not "
                     "consistent and cannot be added."), self->codes->len, n_coded);
      return FALSE;
    }
  return TRUE;
}

PbBundle *
pb_bundle_read_unsigned (const char  *data,
                         gsize        length,
                         GError     **error)
{
  g_autoptr(PbBundle) self = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;

  if (length > PB_BUNDLE_MAX_SIZE)
    {
      g_set_error (error, PB_BUNDLE_ERROR, PB_BUNDLE_ERROR_TOO_LARGE,
                   _("The bundle is larger than %d MiB; Pb does not read files this large."),
                   PB_BUNDLE_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  if (length == 0 || memchr (data, '\0', length) != NULL || !g_utf8_validate (data, length, NULL))
    {
      g_set_error (error, PB_BUNDLE_ERROR, PB_BUNDLE_ERROR_NOT_JSON,
                   _("The bundle is empty or not text: it is not a Pb kiosk bundle, or it was damaged."));
      return NULL;
    }
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, PB_BUNDLE_ERROR, PB_BUNDLE_ERROR_NOT_JSON,
                   _("The bundle cannot be read (%s): it is incomplete or not JSON. It may have been cut short "
                     "while copying; export it again from the kiosk."), local_error->message);
      return NULL;
    }

  self = g_object_new (PB_TYPE_BUNDLE, NULL);
  if (!read_document (self, json_parser_get_root (parser), error))
    return NULL;
  return g_steal_pointer (&self);
}

GString *
pb_bundle_canonical_form (PbBundle *self,
                          gboolean  with_signature)
{
  return canonical_form (self, with_signature);
}

PbBundle *
pb_bundle_new_from_data (const char  *data,
                         gsize        length,
                         GError     **error)
{
  g_autoptr(PbBundle) self = NULL;
  g_autoptr(GString) canonical = NULL;
  guint8 public_key[crypto_sign_PUBLICKEYBYTES];

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = pb_bundle_read_unsigned (data, length, error);
  if (self == NULL)
    return NULL;

  canonical = canonical_form (self, FALSE);
  sodium_hex2bin (public_key, sizeof public_key, self->kiosk_id, KEY_HEX_LEN, NULL, NULL, NULL);
  if (crypto_sign_verify_detached (self->signature, (const guint8 *) canonical->str, canonical->len,
                                   public_key) != 0)
    {
      g_set_error (error, PB_BUNDLE_ERROR, PB_BUNDLE_ERROR_BAD_SIGNATURE,
                   _("The bundle’s signature does not match its contents: it was changed after the kiosk "
                     "signed it. Nothing was added."));
      return NULL;
    }
  self->hash = hash_hex (canonical->str, canonical->len);
  return g_steal_pointer (&self);
}

PbBundle *
pb_bundle_new_from_file (GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (file);
  /* The size first, so that a huge file is refused before it is read. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, cancellable,
                            &local_error);
  if (info != NULL && g_file_info_get_size (info) > PB_BUNDLE_MAX_SIZE)
    {
      g_set_error (error, PB_BUNDLE_ERROR, PB_BUNDLE_ERROR_TOO_LARGE,
                   _("The bundle “%s” is larger than %d MiB; Pb does not read files this large."), name,
                   PB_BUNDLE_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  if (info == NULL || !g_file_load_contents (file, cancellable, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, PB_BUNDLE_ERROR, PB_BUNDLE_ERROR_IO, _("Could not read the bundle “%s”: %s"), name,
                   local_error->message);
      return NULL;
    }
  return pb_bundle_new_from_data (contents, length, error);
}

/* ---- Accessors ---------------------------------------------------------- */

const char *
pb_bundle_get_kiosk_id (PbBundle *self)
{
  g_return_val_if_fail (PB_IS_BUNDLE (self), NULL);
  return self->kiosk_id;
}

const char *
pb_bundle_get_process_name (PbBundle *self)
{
  g_return_val_if_fail (PB_IS_BUNDLE (self), NULL);
  return self->process_name;
}

const char *
pb_bundle_get_fingerprint (PbBundle *self)
{
  g_return_val_if_fail (PB_IS_BUNDLE (self), NULL);
  return self->fingerprint;
}

GDateTime *
pb_bundle_dup_created (PbBundle *self)
{
  g_return_val_if_fail (PB_IS_BUNDLE (self), NULL);
  return pb_date_time_new_from_usec (self->created);
}

guint
pb_bundle_get_n_ballots (PbBundle *self)
{
  g_return_val_if_fail (PB_IS_BUNDLE (self), 0);
  return self->ballots->len;
}

guint
pb_bundle_get_n_codes (PbBundle *self)
{
  g_return_val_if_fail (PB_IS_BUNDLE (self), 0);
  return self->codes->len;
}

const char *
pb_bundle_get_hash (PbBundle *self)
{
  g_return_val_if_fail (PB_IS_BUNDLE (self), NULL);
  return self->hash;
}

GPtrArray *
pb_bundle_get_ballots_internal (PbBundle *self)
{
  return self->ballots;
}

GPtrArray *
pb_bundle_get_codes_internal (PbBundle *self)
{
  return self->codes;
}
