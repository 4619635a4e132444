/* pb-store-record.c: audit entries for exports (see pb-store-record.h). */

#include "pb-config.h"

#include <sodium.h>

#include "pb-store-private.h"
#include "pb-store-record.h"

gboolean
pb_store_record_export (PbStore     *self,
                        PbProcess   *process,
                        const char  *format,
                        const char  *file_name,
                        GBytes      *content,
                        GError     **error)
{
  guint8 hash[PB_HASH_BYTES];
  g_autofree char *subject = NULL;
  g_autofree char *summary = NULL;
  gconstpointer data;
  gsize length;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_PROCESS (process), FALSE);
  g_return_val_if_fail (format != NULL, FALSE);
  g_return_val_if_fail (file_name != NULL, FALSE);
  g_return_val_if_fail (content != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = g_bytes_get_data (content, &length);
  crypto_generichash (hash, sizeof hash, data, length, NULL, 0);

  /* The log is a record, not a message for people: English, untranslated. */
  subject = g_strdup_printf ("export %s", format);
  summary = g_strdup_printf ("Exported as %s to “%s” (%" G_GSIZE_FORMAT " bytes)", format, file_name, length);

  if (!pb_store_begin (self, error))
    return FALSE;
  if (!pb_store_audit_append (self, pb_process_get_id (process), "export", subject, hash, summary, error)
      || !pb_store_commit (self, error))
    {
      pb_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}
