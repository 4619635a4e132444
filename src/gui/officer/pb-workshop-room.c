/* pb-workshop-room.c: the room view (see pb-workshop-room.h).
 *
 * Built in code: it is a few labels whose text follows the workshop.  The
 * style is its own (white and yellow on black, very large type) and does
 * not follow the light or dark scheme: it is meant for a projector.
 * Escape closes it, F11 leaves or enters full screen.
 */

#include "pb-config.h"

#include <glib/gi18n.h>

#include "pb-workshop-room.h"
#include "pb-officer-util.h"

struct _PbWorkshopRoom
{
  GtkWindow    parent_instance;

  PbWorkshop  *workshop;
  GtkLabel    *stage_label;
  GtkLabel    *main_label;
  GtkLabel    *detail_label;
  GtkLabel    *timer_label;
  GtkBox      *tally_box;
  guint        tick_id;
};

G_DEFINE_FINAL_TYPE (PbWorkshopRoom, pb_workshop_room, GTK_TYPE_WINDOW)

static const char room_css[] =
  ".pb-room { background-color: #000000; color: #ffffff; }"
  ".pb-room .room-stage { font-size: 28pt; font-weight: bold; color: #ffd500; }"
  ".pb-room .room-main { font-size: 48pt; font-weight: bold; }"
  ".pb-room .room-detail { font-size: 24pt; }"
  ".pb-room .room-timer { font-size: 40pt; font-weight: bold; font-feature-settings: \"tnum\"; color: #ffd500; }"
  ".pb-room .room-timer.over { color: #ff6b6b; }"
  ".pb-room .room-tally { font-size: 26pt; }"
  ".pb-room .room-dots { font-size: 26pt; font-weight: bold; color: #ffd500; }"
  ".pb-room levelbar trough { min-height: 24px; background-color: #333333; border: none; }"
  ".pb-room levelbar block.filled { background-color: #ffd500; }";


static char *
format_timer (gint64 remaining)
{
  gint64 abs_value = ABS (remaining);

  return g_strdup_printf ("%s%" G_GINT64_FORMAT ":%02d", remaining < 0 ? "−" : "", abs_value / 60,
                          (int) (abs_value % 60));
}

static void
update_timer (PbWorkshopRoom *self)
{
  gint64 remaining = pb_workshop_get_timer_remaining (self->workshop, g_get_real_time ());
  g_autofree char *text = format_timer (remaining);

  gtk_label_set_text (self->timer_label, text);
  if (remaining < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->timer_label), "over");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->timer_label), "over");
}

static gboolean
tick_cb (gpointer user_data)
{
  update_timer (user_data);
  return G_SOURCE_CONTINUE;
}

static void
rebuild_tally (PbWorkshopRoom *self)
{
  g_autoptr(GPtrArray) tally = pb_workshop_dup_tally (self->workshop);
  guint most = 1;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tally_box))) != NULL)
    gtk_box_remove (self->tally_box, child);
  for (guint i = 0; i < tally->len; i++)
    most = MAX (most, ((PbWorkshopIdea *) tally->pdata[i])->dots);
  for (guint i = 0; i < tally->len && i < 8; i++)
    {
      PbWorkshopIdea *idea = tally->pdata[i];
      GtkWidget *row = gtk_grid_new ();
      GtkWidget *dots, *text, *bar;
      g_autofree char *count = g_strdup_printf ("%u", idea->dots);

      gtk_grid_set_column_spacing (GTK_GRID (row), 24);
      dots = gtk_label_new (count);
      gtk_widget_add_css_class (dots, "room-dots");
      gtk_label_set_width_chars (GTK_LABEL (dots), 3);
      gtk_label_set_xalign (GTK_LABEL (dots), 1);
      text = gtk_label_new (idea->text);
      gtk_widget_add_css_class (text, "room-tally");
      gtk_label_set_xalign (GTK_LABEL (text), 0);
      gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (text, TRUE);
      bar = gtk_level_bar_new_for_interval (0, most);
      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), idea->dots);
      /* One colour for every bar: the lengths compare, not the levels. */
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
      gtk_widget_set_size_request (bar, 240, -1);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_grid_attach (GTK_GRID (row), dots, 0, 0, 1, 1);
      gtk_grid_attach (GTK_GRID (row), text, 1, 0, 1, 1);
      gtk_grid_attach (GTK_GRID (row), bar, 2, 0, 1, 1);
      gtk_box_append (self->tally_box, row);
    }
}

static void
workshop_changed_cb (PbWorkshopRoom *self)
{
  PbWorkshopStage stage = pb_workshop_get_stage (self->workshop);
  const char *main_text = pb_workshop_stage_get_prompt (stage);
  g_autofree char *detail = NULL;

  gtk_label_set_text (self->stage_label, pb_workshop_stage_get_label (stage));
  gtk_widget_set_visible (GTK_WIDGET (self->tally_box), FALSE);
  if (stage == PB_WORKSHOP_STAGE_WARM_UP)
    {
      const PbWorkshopQuestion *question = pb_workshop_get_drawn_question (self->workshop);

      if (question != NULL)
        main_text = question->text;
    }
  else if (stage == PB_WORKSHOP_STAGE_EXPLAIN)
    {
      const PbWorkshopIdea *idea = pb_workshop_get_explained_idea (self->workshop);
      g_autoptr(GPtrArray) order = pb_workshop_dup_explain_order (self->workshop);

      if (idea != NULL)
        {
          main_text = idea->text;
          /* Translators: in the room view: "Idea 2 of 7 · Pair 3". */
          detail = g_strdup_printf (_("Idea %u of %u · Pair %u"), pb_workshop_get_explain_index (self->workshop) + 1,
                                    order->len, idea->pair);
        }
    }
  else if (stage == PB_WORKSHOP_STAGE_RANK || stage == PB_WORKSHOP_STAGE_ARRANGE)
    {
      detail = g_strdup_printf (ngettext ("Each of you has %u dot.", "Each of you has %u dots.",
                                          pb_workshop_get_dots_per_participant (self->workshop)),
                                pb_workshop_get_dots_per_participant (self->workshop));
      if (stage == PB_WORKSHOP_STAGE_ARRANGE)
        g_clear_pointer (&detail, g_free);
      rebuild_tally (self);
      gtk_widget_set_visible (GTK_WIDGET (self->tally_box), TRUE);
    }
  gtk_label_set_text (self->main_label, main_text);
  gtk_label_set_text (self->detail_label, detail ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), detail != NULL);
  update_timer (self);
}

char *
pb_workshop_room_dup_text (PbWorkshopRoom *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (PB_IS_WORKSHOP_ROOM (self), NULL);
  g_string_append_printf (text, "%s\n%s\n%s\n%s\n", gtk_label_get_text (self->stage_label),
                          gtk_label_get_text (self->main_label), gtk_label_get_text (self->detail_label),
                          gtk_label_get_text (self->timer_label));
  if (gtk_widget_get_visible (GTK_WIDGET (self->tally_box)))
    for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->tally_box)); row != NULL;
         row = gtk_widget_get_next_sibling (row))
      g_string_append_printf (text, "%s %s\n",
                              gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (row), 0, 0))),
                              gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (row), 1, 0))));
  return g_string_free (text, FALSE);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                PbWorkshopRoom        *self)
{
  if (keyval == GDK_KEY_Escape)
    {
      gtk_window_close (GTK_WINDOW (self));
      return TRUE;
    }
  if (keyval == GDK_KEY_F11)
    {
      if (gtk_window_is_fullscreen (GTK_WINDOW (self)))
        gtk_window_unfullscreen (GTK_WINDOW (self));
      else
        gtk_window_fullscreen (GTK_WINDOW (self));
      return TRUE;
    }
  return FALSE;
}

static void
pb_workshop_room_dispose (GObject *object)
{
  PbWorkshopRoom *self = PB_WORKSHOP_ROOM (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->workshop != NULL)
    g_signal_handlers_disconnect_by_data (self->workshop, self);
  g_clear_object (&self->workshop);
  G_OBJECT_CLASS (pb_workshop_room_parent_class)->dispose (object);
}

static void
pb_workshop_room_class_init (PbWorkshopRoomClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pb_workshop_room_dispose;
}

static GtkLabel *
room_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, css_class);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  return GTK_LABEL (label);
}

static void
pb_workshop_room_init (PbWorkshopRoom *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 36);
  GtkWidget *top = gtk_center_box_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  pb_style_add_once (room_css);
  gtk_window_set_title (GTK_WINDOW (self), _("Workshop Room View"));
  gtk_window_set_default_size (GTK_WINDOW (self), 1280, 800);
  gtk_widget_add_css_class (GTK_WIDGET (self), "pb-room");
  gtk_widget_set_margin_start (box, 64);
  gtk_widget_set_margin_end (box, 64);
  gtk_widget_set_margin_top (box, 48);
  gtk_widget_set_margin_bottom (box, 48);

  self->stage_label = room_label ("room-stage");
  self->timer_label = room_label ("room-timer");
  gtk_center_box_set_start_widget (GTK_CENTER_BOX (top), GTK_WIDGET (self->stage_label));
  gtk_center_box_set_end_widget (GTK_CENTER_BOX (top), GTK_WIDGET (self->timer_label));
  gtk_box_append (GTK_BOX (box), top);

  self->main_label = room_label ("room-main");
  gtk_widget_set_vexpand (GTK_WIDGET (self->main_label), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->main_label));
  self->detail_label = room_label ("room-detail");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->detail_label));
  self->tally_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  gtk_widget_set_vexpand (GTK_WIDGET (self->tally_box), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->tally_box));
  gtk_window_set_child (GTK_WINDOW (self), box);

  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

PbWorkshopRoom *
pb_workshop_room_new (PbWorkshop *workshop)
{
  PbWorkshopRoom *self;

  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), NULL);

  self = g_object_new (PB_TYPE_WORKSHOP_ROOM, NULL);
  self->workshop = g_object_ref (workshop);
  g_signal_connect_swapped (workshop, "changed", G_CALLBACK (workshop_changed_cb), self);
  workshop_changed_cb (self);
  self->tick_id = g_timeout_add_seconds (1, tick_cb, self);
  return self;
}
