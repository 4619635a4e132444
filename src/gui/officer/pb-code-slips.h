/* pb-code-slips.h: printable voter-code slips as a PDF (cairo) and the
 * same codes as CSV. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writes @codes as cut-out slips, 3 × 8 to an A4 page, each with @title,
 * the code in large type and how to use it.  Runs in a worker thread;
 * cancelling stops between pages and leaves no file. */
void      pb_code_slips_write_pdf_async  (const char          *title,
                                          const char * const  *codes,
                                          GFile               *file,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean  pb_code_slips_write_pdf_finish (GAsyncResult        *result,
                                          GError             **error);

/* Writes the PDF now, on the calling thread. */
gboolean  pb_code_slips_write_pdf        (const char          *title,
                                          const char * const  *codes,
                                          const char          *path,
                                          GCancellable        *cancellable,
                                          GError             **error);

/* "code,batch,state" lines with a header row.  @batches and @states are
 * parallel to @codes. */
char     *pb_code_slips_to_csv           (const char * const  *codes,
                                          const guint         *batches,
                                          const char * const  *states);

G_END_DECLS
