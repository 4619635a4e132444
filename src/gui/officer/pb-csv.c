/* pb-csv.c: a small RFC 4180 reader for project lists. */

#include "pb-config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-csv.h"

G_DEFINE_QUARK (pb-csv-error-quark, pb_csv_error)

static char
detect_separator (const char *text)
{
  const char *end = strchr (text, '\n');
  gsize len = end != NULL ? (gsize) (end - text) : strlen (text);
  gboolean comma = memchr (text, ',', len) != NULL;
  gboolean semicolon = memchr (text, ';', len) != NULL;

  return semicolon && !comma ? ';' : ',';
}

static gboolean
row_is_blank (GPtrArray *fields)
{
  return fields->len == 1 && ((char *) g_ptr_array_index (fields, 0))[0] == '\0';
}

GPtrArray *
pb_csv_parse (const char  *text,
              GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p;
  char separator;
  guint line = 1;

  g_return_val_if_fail (text != NULL, NULL);

  if (g_str_has_prefix (text, "\xEF\xBB\xBF"))
    text += 3;
  separator = detect_separator (text);

  for (p = text; ; p++)
    {
      if (*p == '"' && field->len == 0)
        {
          guint start_line = line;

          for (p++; ; p++)
            {
              if (*p == '\0')
                {
                  g_set_error (error, PB_CSV_ERROR, PB_CSV_ERROR_QUOTING,
                               _("Line %u: a quoted field is never closed"), start_line);
                  return NULL;
                }
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p++;
                }
              else if (*p == '"')
                break;
              else
                {
                  if (*p == '\n')
                    line++;
                  g_string_append_c (field, *p);
                }
            }
          continue;
        }

      if (*p == separator)
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
        }
      else if (*p == '\n' || *p == '\0')
        {
          if (field->len > 0 && field->str[field->len - 1] == '\r')
            g_string_truncate (field, field->len - 1);
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          if (!row_is_blank (fields))
            {
              g_ptr_array_add (fields, NULL);
              g_ptr_array_add (rows, g_ptr_array_steal (fields, NULL));
            }
          else
            g_ptr_array_set_size (fields, 0);
          line++;
          if (*p == '\0')
            break;
        }
      else
        g_string_append_c (field, *p);
    }

  if (rows->len == 0)
    {
      g_set_error_literal (error, PB_CSV_ERROR, PB_CSV_ERROR_EMPTY,
                           _("The file has no header row"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}
