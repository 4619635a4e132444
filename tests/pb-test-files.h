/* pb-test-files.h: temporary folders for tests (a database with its -wal
 * and -shm files, exports, bundles), removed with everything in them. */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

/* Removes @path and everything under it (symbolic links are not followed). */
static inline void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}
