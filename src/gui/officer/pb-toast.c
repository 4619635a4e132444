/* pb-toast.c: toasts that report long work (see pb-toast.h for why). */

#include "pb-config.h"

#include "pb-toast.h"

/* How often an expiring toast looks whether it is on screen.  Any period
 * works for safety (see expiry_tick_cb()); this one is short next to a
 * toast's life and costs nothing. */
#define EXPIRY_POLL_MS 250

typedef struct {
  AdwToast  *toast;
  GWeakRef   overlay;
  GWeakRef   widget;       /* the toast's widget when first seen */
  gint64     seen_at;      /* when that widget was first seen (µs) */
  gint64     duration;     /* µs on screen before the toast goes */
  gboolean   frame_passed; /* a frame at seen_at + duration was drawn */
  gulong     dismissed_id;
  guint      source_id;
  guint      tick_id;      /* on the overlay, waiting for that frame */
} Expiry;

void
pb_toast_update (AdwToast   *toast,
                 const char *title,
                 const char *button_label)
{
  g_return_if_fail (ADW_IS_TOAST (toast));

  /* The toast's widget binds its label and button to these properties. */
  adw_toast_set_title (toast, title);
  adw_toast_set_button_label (toast, button_label);
}

GtkWidget *
pb_toast_get_widget (AdwToastOverlay *overlay,
                     AdwToast        *toast)
{
  g_return_val_if_fail (ADW_IS_TOAST_OVERLAY (overlay), NULL);
  g_return_val_if_fail (ADW_IS_TOAST (toast), NULL);

  /* The overlay's children are its content and one private widget per
   * toast on screen, with a "toast" property. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (overlay));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (child), "toast");
      g_autoptr(AdwToast) shown = NULL;

      if (pspec == NULL || pspec->value_type != ADW_TYPE_TOAST)
        continue;
      g_object_get (child, "toast", &shown, NULL);
      if (shown == toast)
        return child;
    }
  return NULL;
}

static void
expiry_remove_tick (Expiry *expiry)
{
  g_autoptr(GtkWidget) overlay = g_weak_ref_get (&expiry->overlay);

  if (expiry->tick_id != 0 && overlay != NULL)
    gtk_widget_remove_tick_callback (overlay, expiry->tick_id);
  expiry->tick_id = 0;
}

static void
expiry_free (Expiry *expiry)
{
  expiry_remove_tick (expiry);
  g_clear_handle_id (&expiry->source_id, g_source_remove);
  g_clear_signal_handler (&expiry->dismissed_id, expiry->toast);
  g_weak_ref_clear (&expiry->overlay);
  g_weak_ref_clear (&expiry->widget);
  g_clear_object (&expiry->toast);
  g_free (expiry);
}

/* Dismissed otherwise (closed by the officer, its button, the overlay
 * going away): nothing left to do. */
static void
expiry_dismissed_cb (AdwToast *toast,
                     Expiry   *expiry)
{
  expiry_free (expiry);
}

/* Once a frame at seen_at + duration has been drawn, the show animation
 * of the widget seen then has ended: it started (on the same frame clock)
 * before the widget was first seen and lasts 500 ms at most, and its own
 * tick ran in that frame too.  Timers alone would not do: the frame clock
 * can lag behind a busy main loop, and libadwaita 1.2 ends a hide
 * animation before a show animation that ends in the same frame. */
static gboolean
expiry_frame_cb (GtkWidget     *overlay,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  Expiry *expiry = user_data;

  if (gdk_frame_clock_get_frame_time (clock) < expiry->seen_at + expiry->duration)
    return G_SOURCE_CONTINUE;
  expiry->frame_passed = TRUE;
  expiry->tick_id = 0;
  return G_SOURCE_REMOVE;
}

/* The toast goes only once the widget it has been shown with the whole
 * time has been there for the duration and a frame drawn since says its
 * show animation is over (and so is any earlier one).  A toast still in
 * the queue is not dismissed here: it might appear just before the next
 * tick.  The dismissal itself happens outside any frame. */
static gboolean
expiry_tick_cb (gpointer user_data)
{
  Expiry *expiry = user_data;
  g_autoptr(GtkWidget) overlay = g_weak_ref_get (&expiry->overlay);
  g_autoptr(GtkWidget) seen = g_weak_ref_get (&expiry->widget);
  GtkWidget *widget;
  gint64 now = g_get_monotonic_time ();

  if (overlay == NULL || gtk_widget_in_destruction (overlay))
    {
      expiry->source_id = 0;
      expiry_free (expiry);
      return G_SOURCE_REMOVE;
    }

  widget = pb_toast_get_widget (ADW_TOAST_OVERLAY (overlay), expiry->toast);
  if (widget == NULL || widget != seen)
    {
      expiry_remove_tick (expiry);
      expiry->frame_passed = FALSE;
      g_weak_ref_set (&expiry->widget, widget);
      expiry->seen_at = now;
      return G_SOURCE_CONTINUE;
    }
  if (now - expiry->seen_at < expiry->duration)
    return G_SOURCE_CONTINUE;
  /* Unmapped, the overlay has ended its animations (and plays none). */
  if (!expiry->frame_passed && gtk_widget_get_mapped (overlay))
    {
      if (expiry->tick_id == 0)
        expiry->tick_id = gtk_widget_add_tick_callback (overlay, expiry_frame_cb, expiry, NULL);
      return G_SOURCE_CONTINUE;
    }

  /* Frees @expiry through expiry_dismissed_cb(); this source ends by
   * returning. */
  expiry->source_id = 0;
  {
    g_autoptr(AdwToast) toast = g_object_ref (expiry->toast);

    adw_toast_dismiss (toast);
  }
  return G_SOURCE_REMOVE;
}

void
pb_toast_expire (AdwToast  *toast,
                 GtkWidget *within,
                 guint      seconds)
{
  GtkWidget *overlay;
  Expiry *expiry;

  g_return_if_fail (ADW_IS_TOAST (toast));
  g_return_if_fail (GTK_IS_WIDGET (within));

  overlay = ADW_IS_TOAST_OVERLAY (within) ? within : gtk_widget_get_ancestor (within, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      /* Not in an overlay: nothing shows it. */
      adw_toast_dismiss (toast);
      return;
    }

  expiry = g_new0 (Expiry, 1);
  expiry->toast = g_object_ref (toast);
  g_weak_ref_init (&expiry->overlay, overlay);
  g_weak_ref_init (&expiry->widget, NULL);
  expiry->duration = (gint64) MAX (seconds, 1) * G_USEC_PER_SEC;
  expiry->dismissed_id = g_signal_connect (toast, "dismissed", G_CALLBACK (expiry_dismissed_cb), expiry);
  expiry->source_id = g_timeout_add (EXPIRY_POLL_MS, expiry_tick_cb, expiry);
  /* Seen now if on screen now: the count starts at the earliest here. */
  {
    GtkWidget *widget = pb_toast_get_widget (ADW_TOAST_OVERLAY (overlay), toast);

    if (widget != NULL)
      {
        g_weak_ref_set (&expiry->widget, widget);
        expiry->seen_at = g_get_monotonic_time ();
      }
  }
}
