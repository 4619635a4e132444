/* pb-audit.c: audit entries, and the canonical BLAKE2b hashes of the rows
 * the audit log records. */

#include "pb-config.h"

#include <sodium.h>
#include <string.h>

#include "pb-store-private.h"

G_DEFINE_QUARK (pb-audit-error-quark, pb_audit_error)

GDateTime *
pb_date_time_new_from_usec (gint64 usec)
{
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return g_date_time_add (seconds, usec % G_USEC_PER_SEC);
}

/* ---- Canonical hashes --------------------------------------------------- */

/* Fields are joined with the ASCII unit separator, which no field holds in
 * practice; a leading tag keeps a project's text from ever equalling a
 * category's. */
static void
hash_text (GString *text,
           guint8   out[PB_HASH_BYTES])
{
  crypto_generichash (out, PB_HASH_BYTES, (const guint8 *) text->str, text->len, NULL, 0);
}

static void
add_str (GString    *text,
         const char *value)
{
  g_string_append (text, value ? value : "");
  g_string_append_c (text, '\x1f');
}

static void
add_int (GString *text,
         gint64   value)
{
  g_string_append_printf (text, "%" G_GINT64_FORMAT "\x1f", value);
}

void
pb_hash_process_row (gint64               id,
                     const PbProcessData *d,
                     guint8               out[PB_HASH_BYTES])
{
  g_autoptr(GString) text = g_string_new ("process\x1f");

  add_int (text, id);
  add_str (text, d->name);
  add_str (text, d->description);
  add_str (text, d->currency);
  add_str (text, d->budget);
  add_str (text, pb_phase_to_string (d->phase));
  add_str (text, pb_ballot_format_to_string (d->format));
  add_int (text, d->min_projects);
  add_int (text, d->max_projects);
  add_int (text, d->min_spent_percent);
  add_str (text, d->cost_limit);
  add_int (text, d->points_total);
  add_int (text, d->points_per_project);
  add_int (text, d->ranking_length);
  add_str (text, d->counting_rule);
  add_str (text, d->tie_break);
  add_int (text, d->voter_codes_required ? 1 : 0);
  add_int (text, d->archived ? 1 : 0);
  add_int (text, d->created);
  hash_text (text, out);
}

void
pb_hash_project_row (gint64               id,
                     gint64               process_id,
                     const PbProjectData *d,
                     guint8               out[PB_HASH_BYTES])
{
  g_autoptr(GString) text = g_string_new ("project\x1f");
  g_autofree char *groups = pb_groups_join (d->groups);

  add_int (text, id);
  add_int (text, process_id);
  add_str (text, d->code);
  add_str (text, d->title);
  add_str (text, d->summary);
  add_str (text, d->description);
  add_str (text, d->cost);
  add_int (text, d->category_id);
  add_str (text, pb_project_status_to_string (d->status));
  add_str (text, d->status_reason);
  add_str (text, groups);
  add_str (text, d->image_path);
  add_str (text, d->location);
  add_int (text, d->position);
  hash_text (text, out);
}

void
pb_hash_category_row (gint64      id,
                      gint64      process_id,
                      const char *name,
                      const char *cap,
                      guint8      out[PB_HASH_BYTES])
{
  g_autoptr(GString) text = g_string_new ("category\x1f");

  add_int (text, id);
  add_int (text, process_id);
  add_str (text, name);
  add_str (text, cap);
  hash_text (text, out);
}

void
pb_hash_ballot_row (const char *uuid,
                    gint64      process_id,
                    const char *kiosk_id,
                    const char *method,
                    gint64      cast_time,
                    const char *choices,
                    const char *receipt,
                    guint8      out[PB_HASH_BYTES])
{
  g_autoptr(GString) text = g_string_sized_new (128);

  g_string_append (text, "ballot\x1f");
  add_str (text, uuid);
  add_int (text, process_id);
  add_str (text, kiosk_id);
  add_str (text, method);
  add_int (text, cast_time);
  add_str (text, choices);
  add_str (text, receipt);
  hash_text (text, out);
}

char *
pb_hash_to_hex (const guint8 hash[PB_HASH_BYTES])
{
  char hex[PB_HASH_BYTES * 2 + 1];

  sodium_bin2hex (hex, sizeof hex, hash, PB_HASH_BYTES);
  return g_strdup (hex);
}

char *
pb_receipt_from_ballot (const char *uuid,
                        const char *choices)
{
  static const char alphabet[] = PB_VOTER_CODE_ALPHABET;
  guint8 digest[8];
  guint64 value = 0;
  char receipt[10];
  g_autofree char *text = g_strconcat (uuid, "\x1f", choices, NULL);

  crypto_generichash (digest, sizeof digest, (const guint8 *) text, strlen (text), NULL, 0);
  for (guint i = 0; i < sizeof digest; i++)
    value = (value << 8) | digest[i];
  for (guint i = 0, j = 0; i < 8; i++)
    {
      if (i == 4)
        receipt[j++] = '-';
      receipt[j++] = alphabet[value % (sizeof alphabet - 1)];
      value /= sizeof alphabet - 1;
    }
  receipt[9] = '\0';
  return g_strdup (receipt);
}

char *
pb_groups_join (char * const *groups)
{
  if (groups == NULL)
    return g_strdup ("");
  return g_strjoinv ("\n", (char **) groups);
}

char **
pb_groups_split (const char *text)
{
  if (text == NULL || text[0] == '\0')
    return g_new0 (char *, 1);
  return g_strsplit (text, "\n", -1);
}

/* ---- PbAuditEntry ------------------------------------------------------- */

struct _PbAuditEntry {
  GObject     parent_instance;
  guint64     sequence;
  GDateTime  *time;
  gint64      process_id;
  char       *kind;
  char       *subject;
  char       *summary;
  char       *hash;
};

enum {
  PROP_0,
  PROP_SEQUENCE,
  PROP_TIME,
  PROP_PROCESS_ID,
  PROP_KIND,
  PROP_SUBJECT,
  PROP_SUMMARY,
  PROP_HASH,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PbAuditEntry, pb_audit_entry, G_TYPE_OBJECT)

static void
pb_audit_entry_finalize (GObject *object)
{
  PbAuditEntry *self = PB_AUDIT_ENTRY (object);

  g_clear_pointer (&self->time, g_date_time_unref);
  g_free (self->kind);
  g_free (self->subject);
  g_free (self->summary);
  g_free (self->hash);
  G_OBJECT_CLASS (pb_audit_entry_parent_class)->finalize (object);
}

static void
pb_audit_entry_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PbAuditEntry *self = PB_AUDIT_ENTRY (object);

  switch (prop_id)
    {
    case PROP_SEQUENCE: g_value_set_uint64 (value, self->sequence); break;
    case PROP_TIME: g_value_set_boxed (value, self->time); break;
    case PROP_PROCESS_ID: g_value_set_int64 (value, self->process_id); break;
    case PROP_KIND: g_value_set_string (value, self->kind); break;
    case PROP_SUBJECT: g_value_set_string (value, self->subject); break;
    case PROP_SUMMARY: g_value_set_string (value, self->summary); break;
    case PROP_HASH: g_value_set_string (value, self->hash); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_audit_entry_class_init (PbAuditEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  GParamSpec *props[N_PROPS] = { NULL, };

  object_class->finalize = pb_audit_entry_finalize;
  object_class->get_property = pb_audit_entry_get_property;
  props[PROP_SEQUENCE] = g_param_spec_uint64 ("sequence", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  props[PROP_TIME] = g_param_spec_boxed ("time", NULL, NULL, G_TYPE_DATE_TIME, flags);
  props[PROP_PROCESS_ID] = g_param_spec_int64 ("process-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  props[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, flags);
  props[PROP_SUBJECT] = g_param_spec_string ("subject", NULL, NULL, NULL, flags);
  props[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, flags);
  props[PROP_HASH] = g_param_spec_string ("hash", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
pb_audit_entry_init (PbAuditEntry *self)
{
}

PbAuditEntry *
pb_audit_entry_new_internal (guint64     seq,
                             gint64      time,
                             gint64      process_id,
                             const char *kind,
                             const char *subject,
                             const char *summary,
                             const char *hash)
{
  PbAuditEntry *self = g_object_new (PB_TYPE_AUDIT_ENTRY, NULL);

  self->sequence = seq;
  self->time = pb_date_time_new_from_usec (time);
  self->process_id = process_id;
  self->kind = g_strdup (kind);
  self->subject = g_strdup (subject);
  self->summary = g_strdup (summary);
  self->hash = g_strdup (hash);
  return self;
}

guint64
pb_audit_entry_get_sequence (PbAuditEntry *self)
{
  g_return_val_if_fail (PB_IS_AUDIT_ENTRY (self), 0);
  return self->sequence;
}

GDateTime *
pb_audit_entry_get_time (PbAuditEntry *self)
{
  g_return_val_if_fail (PB_IS_AUDIT_ENTRY (self), NULL);
  return self->time;
}

gint64
pb_audit_entry_get_process_id (PbAuditEntry *self)
{
  g_return_val_if_fail (PB_IS_AUDIT_ENTRY (self), 0);
  return self->process_id;
}

const char *
pb_audit_entry_get_kind (PbAuditEntry *self)
{
  g_return_val_if_fail (PB_IS_AUDIT_ENTRY (self), NULL);
  return self->kind;
}

const char *
pb_audit_entry_get_subject (PbAuditEntry *self)
{
  g_return_val_if_fail (PB_IS_AUDIT_ENTRY (self), NULL);
  return self->subject;
}

const char *
pb_audit_entry_get_summary (PbAuditEntry *self)
{
  g_return_val_if_fail (PB_IS_AUDIT_ENTRY (self), NULL);
  return self->summary;
}

const char *
pb_audit_entry_get_hash (PbAuditEntry *self)
{
  g_return_val_if_fail (PB_IS_AUDIT_ENTRY (self), NULL);
  return self->hash;
}
