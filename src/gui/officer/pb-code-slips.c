/* pb-code-slips.c: voter-code slips as PDF, with cairo's PDF surface.
 *
 * Each slip is a dashed rectangle to cut along, holding the process name,
 * the code in large monospace type and one sentence on how to use it.
 */

#include "pb-config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "pb-code-slips.h"
#include "pb-file.h"

#define PAGE_WIDTH   595.0   /* A4 in points */
#define PAGE_HEIGHT  842.0
#define MARGIN        28.0
#define COLUMNS        3
#define ROWS           8

static void
draw_text (cairo_t    *cr,
           const char *text,
           const char *font,
           double      x,
           double      y,
           double      width)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (description);
}

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

gboolean
pb_code_slips_write_pdf (const char         *title,
                         const char * const *codes,
                         const char         *path,
                         GCancellable       *cancellable,
                         GError            **error)
{
  const double slip_w = (PAGE_WIDTH - 2 * MARGIN) / COLUMNS;
  const double slip_h = (PAGE_HEIGHT - 2 * MARGIN) / ROWS;
  const double dashes[] = { 4.0, 3.0 };
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) write_error = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  guint n = codes != NULL ? g_strv_length ((char **) codes) : 0;

  /* Drawn in memory, then written whole (pb-file.h): a full disk or a
   * cancel leaves no part of a file, and the file that was there as it
   * was. */
  surface = cairo_pdf_surface_create_for_stream (append_to_array, pdf, PAGE_WIDTH, PAGE_HEIGHT);
  cr = cairo_create (surface);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Pb");

  for (guint i = 0; i < n; i++)
    {
      guint on_page = i % (COLUMNS * ROWS);
      double x = MARGIN + (on_page % COLUMNS) * slip_w;
      double y = MARGIN + (on_page / COLUMNS) * slip_h;

      if (i > 0 && on_page == 0)
        {
          cairo_show_page (cr);
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              cairo_destroy (cr);
              cairo_surface_destroy (surface);
              return FALSE;
            }
        }

      cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
      cairo_set_line_width (cr, 0.6);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_rectangle (cr, x, y, slip_w, slip_h);
      cairo_stroke (cr);

      cairo_set_source_rgb (cr, 0, 0, 0);
      draw_text (cr, title, "Sans 7", x + 6, y + 6, slip_w - 12);
      draw_text (cr, codes[i], "Monospace Bold 17", x + 6, y + 26, slip_w - 12);
      draw_text (cr, _("Your voter code: type it at the kiosk. It works once."),
                 "Sans 6", x + 6, y + slip_h - 22, slip_w - 12);
    }

  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The PDF could not be written: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  if (!pb_file_replace_atomically (file, pdf->data, pdf->len, cancellable, &write_error))
    {
      g_autofree char *name = g_path_get_basename (path);

      if (g_error_matches (write_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                     _("There is not enough space on the disk for “%s”. Free some space or choose another place; nothing was written."),
                     name);
      else if (g_error_matches (write_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&write_error));
      else
        g_set_error (error, write_error->domain, write_error->code,
                     _("The PDF could not be saved as “%s”: %s"), path, write_error->message);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  char  *title;
  char **codes;
  char  *path;
} WriteData;

static void
write_data_free (gpointer data)
{
  WriteData *d = data;

  g_free (d->title);
  g_strfreev (d->codes);
  g_free (d->path);
  g_free (d);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *d = task_data;
  GError *error = NULL;

  if (pb_code_slips_write_pdf (d->title, (const char * const *) d->codes, d->path, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
pb_code_slips_write_pdf_async (const char          *title,
                               const char * const  *codes,
                               GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  WriteData *d = g_new0 (WriteData, 1);

  d->title = g_strdup (title);
  d->codes = g_strdupv ((char **) codes);
  d->path = g_file_get_path (file);
  g_task_set_source_tag (task, pb_code_slips_write_pdf_async);
  g_task_set_task_data (task, d, write_data_free);
  if (d->path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Only files on this computer can be written"));
      return;
    }
  g_task_run_in_thread (task, write_thread);
}

gboolean
pb_code_slips_write_pdf_finish (GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

char *
pb_code_slips_to_csv (const char * const *codes,
                      const guint        *batches,
                      const char * const *states)
{
  GString *csv = g_string_new ("code,batch,state\n");

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    g_string_append_printf (csv, "%s,%u,%s\n", codes[i], batches[i], states[i]);
  return g_string_free (csv, FALSE);
}
