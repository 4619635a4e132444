/* pb-screenshot.h: render a widget to a PNG file (for docs and tests). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean pb_widget_save_png (GtkWidget   *widget,
                             const char  *path,
                             GError     **error);

G_END_DECLS
