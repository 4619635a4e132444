/* pb-file.c: replacing a file atomically (see pb-file.h). */

#include "pb-config.h"

#include <errno.h>
#include <fcntl.h>

#include <glib/gstdio.h>

#include "pb-file.h"

/* The test seam (see pb-file.h): a stream with room for so many bytes. */
#define PB_TYPE_SPACE_STREAM (pb_space_stream_get_type ())
G_DECLARE_FINAL_TYPE (PbSpaceStream, pb_space_stream, PB, SPACE_STREAM, GFilterOutputStream)

struct _PbSpaceStream
{
  GFilterOutputStream parent_instance;
  guint64             room;
};

G_DEFINE_FINAL_TYPE (PbSpaceStream, pb_space_stream, G_TYPE_FILTER_OUTPUT_STREAM)

static gssize
pb_space_stream_write (GOutputStream  *stream,
                       const void     *buffer,
                       gsize           count,
                       GCancellable   *cancellable,
                       GError        **error)
{
  PbSpaceStream *self = PB_SPACE_STREAM (stream);
  GOutputStream *base = g_filter_output_stream_get_base_stream (G_FILTER_OUTPUT_STREAM (stream));
  gssize written;

  if (self->room == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, g_strerror (ENOSPC));
      return -1;
    }
  written = g_output_stream_write (base, buffer, MIN (count, self->room), cancellable, error);
  if (written > 0)
    self->room -= (guint64) written;
  return written;
}

static void
pb_space_stream_class_init (PbSpaceStreamClass *klass)
{
  G_OUTPUT_STREAM_CLASS (klass)->write_fn = pb_space_stream_write;
}

static void
pb_space_stream_init (PbSpaceStream *self)
{
}

static GOutputStream *
wrap_for_test (GOutputStream *stream)
{
  const char *space = g_getenv ("PB_TEST_DISK_SPACE");
  PbSpaceStream *limited;

  if (space == NULL || space[0] == '\0')
    return g_object_ref (stream);
  limited = g_object_new (PB_TYPE_SPACE_STREAM, "base-stream", stream, NULL);
  limited->room = g_ascii_strtoull (space, NULL, 10);
  return G_OUTPUT_STREAM (limited);
}

gboolean
pb_file_replace_atomically (GFile         *file,
                            gconstpointer  data,
                            gsize          length,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GFile) tmp = NULL;
  g_autoptr(GFileOutputStream) created = NULL;
  g_autoptr(GOutputStream) out = NULL;
  GError *local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (parent == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, g_strerror (EISDIR));
      return FALSE;
    }
  for (guint attempt = 0; created == NULL; attempt++)
    {
      g_autofree char *name = g_strdup_printf (".pb-export-%08x.part", g_random_int ());

      g_clear_object (&tmp);
      g_clear_error (&local_error);
      tmp = g_file_get_child (parent, name);
      created = g_file_create (tmp, G_FILE_CREATE_NONE, cancellable, &local_error);
      if (created == NULL
          && (attempt >= 8 || !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS)))
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
    }

  out = wrap_for_test (G_OUTPUT_STREAM (created));
  ok = g_output_stream_write_all (out, data, length, NULL,
                                  cancellable, &local_error);
  if (!g_output_stream_close (out, NULL, ok ? &local_error : NULL))
    ok = FALSE;
  if (ok && g_file_peek_path (tmp) != NULL)
    {
      /* On the disk before the rename, so a power cut cannot leave an
       * empty file under the name. */
      int fd = g_open (g_file_peek_path (tmp), O_RDONLY, 0);

      if (fd < 0 || g_fsync (fd) != 0)
        {
          int saved = errno;

          g_set_error_literal (&local_error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
          ok = FALSE;
        }
      if (fd >= 0)
        g_close (fd, NULL);
    }
  if (ok && g_cancellable_set_error_if_cancelled (cancellable, &local_error))
    ok = FALSE;
  if (ok)
    ok = g_file_move (tmp, file, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NO_FALLBACK_FOR_MOVE, NULL, NULL, NULL,
                      &local_error);
  if (!ok)
    {
      g_file_delete (tmp, NULL, NULL);
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

static void
replace_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GBytes *bytes = task_data;
  GError *error = NULL;
  gsize length;
  gconstpointer data = g_bytes_get_data (bytes, &length);

  if (pb_file_replace_atomically (G_FILE (source_object), data, length, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
pb_file_replace_atomically_async (GFile               *file,
                                  GBytes              *bytes,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (bytes != NULL);

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_file_replace_atomically_async);
  g_task_set_task_data (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, replace_thread);
}

gboolean
pb_file_replace_atomically_finish (GFile         *file,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, file), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
