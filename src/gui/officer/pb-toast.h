/* pb-toast.h: toasts that report long work, made safe for libadwaita 1.2.
 *
 * libadwaita 1.2.2's AdwToastOverlay keeps a record per toast, and gives
 * each shown toast a "show" animation whose "done" handler points at that
 * record.  When the toast's "hide" animation ends, the record is freed,
 * but the show animation (which keeps itself alive while it plays) is
 * not told.  A toast that appears while another one fades out slides in
 * for 500 ms and fades out in 300 ms; dismissed less than 200 ms after it
 * appeared, its record is freed while it is still sliding in, and the end
 * of that slide (on the next frames, or at once when the overlay is
 * unmapped because the window closes) writes to the freed record and
 * unreferences a stale pointer.  Later libadwaita releases disconnect
 * that handler; Debian 12 ships 1.2.2.
 *
 * A progress toast ("Exporting…", dismissed when the work ends, which can
 * be at once) is exactly such a toast.  So Pb never dismisses a toast
 * that may still be sliding in: the progress toast becomes the toast with
 * the outcome (pb_toast_update()), and it goes away after a timeout that
 * counts only while it is on screen (pb_toast_expire()), which is at
 * least a second after it appeared.  Toasts that libadwaita itself times
 * out, or that the officer closes, need nothing of this.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Gives @toast a new @title and button (@button_label NULL: no button);
 * shown or queued, it follows at once. */
void        pb_toast_update     (AdwToast        *toast,
                                 const char      *title,
                                 const char      *button_label);

/* Dismisses @toast, already added to the overlay around @within (or to
 * @within itself) with a timeout of 0, once it has been on screen for
 * @seconds (at least one), counted from when it appeared; at once when
 * @within is in no overlay.  Stops early when the toast is dismissed
 * otherwise or the overlay goes away. */
void        pb_toast_expire     (AdwToast        *toast,
                                 GtkWidget       *within,
                                 guint            seconds);

/* The widget @overlay shows @toast with (while it is on screen or fading
 * out), or NULL while the toast waits in the queue or is gone.  For the
 * above, and for tests. */
GtkWidget  *pb_toast_get_widget (AdwToastOverlay *overlay,
                                 AdwToast        *toast);

G_END_DECLS
