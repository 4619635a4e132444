/* pb-file.h: writing a file so that it is either the old one or the new
 * one, whole.
 *
 * Exports, reports and kiosk bundles are handed to people and to other
 * databases; a full disk, a cancel or a crash while writing must not leave
 * half a file under the name, nor damage the file that was there.
 * pb_file_replace_atomically() writes a hidden temporary file next to the
 * target (".pb-export-XXXXXXXX.part"), flushes it to the disk and renames
 * it over the target; on any failure the temporary file is removed.
 * (g_file_replace_contents() writes a new file in place, so a full disk
 * leaves part of it.)
 *
 * Test seam: no test can fill a real disk, and root cannot mount a tiny
 * one in CI.  When the environment variable PB_TEST_DISK_SPACE holds a
 * number N, the file stream accepts N bytes and then fails with
 * G_IO_ERROR_NO_SPACE, exactly as write(2) does with ENOSPC.  Nothing else
 * reads the variable (tests/gui/test-exports.c, tests/store/test-bundle.c).
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Replaces @file by @length bytes of @data.  FALSE with GIO's error
 * (G_IO_ERROR_NO_SPACE, _PERMISSION_DENIED, _NOT_FOUND, _NOT_DIRECTORY,
 * _CANCELLED…) when it could not, @file then being as it was. */
gboolean  pb_file_replace_atomically  (GFile         *file,
                                       gconstpointer  data,
                                       gsize          length,
                                       GCancellable  *cancellable,
                                       GError       **error);

/* The same in a worker thread, for the main loop's callers. */
void      pb_file_replace_atomically_async  (GFile               *file,
                                             GBytes              *bytes,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean  pb_file_replace_atomically_finish (GFile               *file,
                                             GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
