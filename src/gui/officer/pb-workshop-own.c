/* pb-workshop-own.c: the participants' screen of Own (see pb-workshop-own.h).
 *
 * Built in code, like the room view: three pages in a stack, "who" (the
 * first name), "write" (the prompt, the entry and this turn's ideas) and
 * "closed" (while the workshop is in another stage).  Large plain type
 * that follows the light or dark scheme and the text size; every control
 * has an accessible name and the keyboard does everything (Enter adds,
 * Escape asks to close).  The entries keep no undo history, so that
 * Ctrl+Z cannot bring back the previous participant's text.
 */

#include "pb-config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "pb-workshop-own.h"
#include "pb-officer-util.h"

struct _PbWorkshopOwn
{
  GtkWindow    parent_instance;

  PbStore     *store;
  PbWorkshop  *workshop;
  gint64       participant;
  GArray      *turn_ideas;      /* gint64 */
  char        *names_shown;     /* the participants' names the buttons show */
  GtkWidget   *confirm;         /* weak: the close confirmation */

  GtkStack    *stack;
  GtkEntry    *name_entry;
  GtkLabel    *name_error;
  GtkWidget   *names_heading;
  GtkFlowBox  *names_box;
  GtkLabel    *hello_label;
  GtkEntry    *idea_entry;
  GtkLabel    *idea_error;
  GtkWidget   *ideas_heading;
  GtkBox      *ideas_box;
};

G_DEFINE_FINAL_TYPE (PbWorkshopOwn, pb_workshop_own, GTK_TYPE_WINDOW)

static const char own_css[] =
  ".pb-own .own-title { font-size: 20pt; font-weight: bold; }"
  ".pb-own .own-prompt { font-size: 30pt; font-weight: 800; }"
  ".pb-own .own-text { font-size: 16pt; }"
  ".pb-own .own-error { font-size: 16pt; font-weight: bold; color: @error_color; }"
  ".pb-own entry { font-size: 18pt; min-height: 48px; }"
  ".pb-own button.own-big { font-size: 18pt; padding: 12px 24px; }"
  ".pb-own flowboxchild button { font-size: 16pt; }";


/* ---- Helpers ------------------------------------------------------------ */

static GtkWidget *
text_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, css_class);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  return label;
}

/* A label that screen readers announce when its text is set. */
static GtkLabel *
error_label (void)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL, "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT, "wrap", TRUE,
                                   "wrap-mode", PANGO_WRAP_WORD_CHAR, "xalign", 0.0f, "visible", FALSE, NULL);

  gtk_widget_add_css_class (label, "own-error");
  return GTK_LABEL (label);
}

static void
show_error (GtkLabel   *label,
            const char *message)
{
  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

/* A button whose label wraps on a narrow screen. */
static GtkWidget *
big_button (const char *label,
            const char *action)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *child = gtk_label_new_with_mnemonic (label);
  g_autoptr(GString) name = g_string_new (label);

  g_string_replace (name, "_", "", 0);
  gtk_label_set_wrap (GTK_LABEL (child), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (child), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (child), GTK_JUSTIFY_CENTER);
  gtk_label_set_mnemonic_widget (GTK_LABEL (child), button);
  gtk_button_set_child (GTK_BUTTON (button), child);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name->str, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_add_css_class (button, "own-big");
  gtk_widget_add_css_class (button, "pill");
  return button;
}

static GtkWidget *
private_entry (const char *accessible_name,
               const char *widget_name)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_enable_undo (GTK_EDITABLE (entry), FALSE);
  gtk_entry_set_max_length (GTK_ENTRY (entry), 500);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 8);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_widget_set_name (entry, widget_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name, -1);
  return entry;
}

static gboolean
same_name (const char *a,
           const char *b)
{
  g_autofree char *na = g_utf8_normalize (a, -1, G_NORMALIZE_ALL);
  g_autofree char *nb = g_utf8_normalize (b, -1, G_NORMALIZE_ALL);
  g_autofree char *fa = na ? g_utf8_casefold (na, -1) : NULL;
  g_autofree char *fb = nb ? g_utf8_casefold (nb, -1) : NULL;

  return fa != NULL && fb != NULL && g_str_equal (fa, fb);
}

static gboolean
is_own_stage (PbWorkshopOwn *self)
{
  return pb_workshop_get_stage (self->workshop) == PB_WORKSHOP_STAGE_OWN;
}

/* ---- This turn's ideas -------------------------------------------------- */

static void rebuild_ideas (PbWorkshopOwn *self);

/* Stores the text of an idea entry when the participant changed it (the
 * entry remembers the text it showed: a correction the facilitator made
 * meanwhile is not undone); FALSE (and the error shown) when the store
 * refuses it. */
static gboolean
save_edit (PbWorkshopOwn *self,
           GtkEntry      *entry)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (entry), "idea-id");
  const char *shown = g_object_get_data (G_OBJECT (entry), "shown-text");
  const PbWorkshopIdea *idea = self->workshop ? pb_workshop_lookup_idea (self->workshop, id) : NULL;
  const char *current = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *text = g_strstrip (g_strdup (current));
  g_autoptr(GError) error = NULL;

  if (idea == NULL || self->store == NULL || g_strcmp0 (shown, current) == 0 || g_str_equal (idea->text, text))
    return TRUE;
  if (!pb_store_workshop_edit_idea (self->store, self->workshop, id, text, &error))
    {
      show_error (self->idea_error, error->message);
      return FALSE;
    }
  g_object_set_data_full (G_OBJECT (entry), "shown-text", g_strdup (current), g_free);
  show_error (self->idea_error, NULL);
  return TRUE;
}

/* Shows corrections made on the facilitator's page in the entries the
 * participant has not touched. */
static void
follow_edits (PbWorkshopOwn *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->ideas_box)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *entry = gtk_widget_get_first_child (row);
      gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (entry), "idea-id");
      const char *shown = g_object_get_data (G_OBJECT (entry), "shown-text");
      const PbWorkshopIdea *idea = pb_workshop_lookup_idea (self->workshop, id);

      if (idea != NULL && g_strcmp0 (shown, gtk_editable_get_text (GTK_EDITABLE (entry))) == 0 &&
          g_strcmp0 (shown, idea->text) != 0)
        {
          g_object_set_data_full (G_OBJECT (entry), "shown-text", g_strdup (idea->text), g_free);
          gtk_editable_set_text (GTK_EDITABLE (entry), idea->text);
        }
    }
}

static gboolean
save_edits (PbWorkshopOwn *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->ideas_box)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (!save_edit (self, GTK_ENTRY (gtk_widget_get_first_child (row))))
      {
        gtk_widget_grab_focus (gtk_widget_get_first_child (row));
        return FALSE;
      }
  return TRUE;
}

static void
idea_entry_activate_cb (GtkEntry      *entry,
                        PbWorkshopOwn *self)
{
  if (save_edit (self, entry))
    gtk_widget_grab_focus (GTK_WIDGET (self->idea_entry));
}

static void
idea_entry_leave_cb (GtkEventControllerFocus *controller,
                     PbWorkshopOwn           *self)
{
  save_edit (self, GTK_ENTRY (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))));
}

static void
remove_clicked_cb (GtkButton     *button,
                   PbWorkshopOwn *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "idea-id");
  g_autoptr(GError) error = NULL;

  if (!pb_store_workshop_remove_idea (self->store, self->workshop, id, &error))
    {
      show_error (self->idea_error, error->message);
      return;
    }
  show_error (self->idea_error, NULL);
  for (guint i = 0; i < self->turn_ideas->len; i++)
    if (g_array_index (self->turn_ideas, gint64, i) == id)
      g_array_remove_index (self->turn_ideas, i--);
  rebuild_ideas (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->idea_entry));
}

static void
rebuild_ideas (PbWorkshopOwn *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->ideas_box))) != NULL)
    gtk_box_remove (self->ideas_box, child);
  for (guint i = 0; i < self->turn_ideas->len; i++)
    {
      gint64 id = g_array_index (self->turn_ideas, gint64, i);
      const PbWorkshopIdea *idea = pb_workshop_lookup_idea (self->workshop, id);
      GtkWidget *row, *entry, *remove;
      GtkEventController *focus;
      /* Translators: the accessible name of the entry of a participant's
       * idea on the participants' screen: "Your idea 2". */
      g_autofree char *name = g_strdup_printf (_("Your idea %u"), i + 1);
      /* Translators: the accessible name of its remove button. */
      g_autofree char *remove_name = g_strdup_printf (_("Remove your idea %u"), i + 1);

      if (idea == NULL)
        continue;
      row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      entry = private_entry (name, "turn-idea");
      gtk_editable_set_text (GTK_EDITABLE (entry), idea->text);
      g_object_set_data_full (G_OBJECT (entry), "shown-text", g_strdup (idea->text), g_free);
      g_object_set_data_full (G_OBJECT (entry), "idea-id", g_memdup2 (&id, sizeof id), g_free);
      g_signal_connect (entry, "activate", G_CALLBACK (idea_entry_activate_cb), self);
      focus = gtk_event_controller_focus_new ();
      g_signal_connect (focus, "leave", G_CALLBACK (idea_entry_leave_cb), self);
      gtk_widget_add_controller (entry, focus);
      remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gtk_widget_set_name (remove, "turn-idea-remove");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "own-big");
      gtk_widget_set_tooltip_text (remove, _("Remove This Idea"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name, -1);
      g_object_set_data_full (G_OBJECT (remove), "idea-id", g_memdup2 (&id, sizeof id), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
      gtk_box_append (GTK_BOX (row), entry);
      gtk_box_append (GTK_BOX (row), remove);
      gtk_box_append (self->ideas_box, row);
    }
  gtk_widget_set_visible (self->ideas_heading, self->turn_ideas->len > 0);
}

static void
add_idea_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PbWorkshopOwn *self = PB_WORKSHOP_OWN (widget);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->idea_entry))));
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->participant == 0)
    return;
  if (text[0] == '\0')
    {
      show_error (self->idea_error, _("Write your idea first, then add it."));
      gtk_widget_grab_focus (GTK_WIDGET (self->idea_entry));
      return;
    }
  id = pb_store_workshop_add_idea (self->store, self->workshop, self->participant, text, &error);
  if (id == 0)
    {
      /* Nothing is lost: the text stays in the entry. */
      show_error (self->idea_error, error->message);
      return;
    }
  show_error (self->idea_error, NULL);
  g_array_append_val (self->turn_ideas, id);
  gtk_editable_set_text (GTK_EDITABLE (self->idea_entry), "");
  rebuild_ideas (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->idea_entry));
}

/* ---- Turns -------------------------------------------------------------- */

static void
rebuild_names (PbWorkshopOwn *self)
{
  GPtrArray *participants = pb_workshop_get_participants (self->workshop);
  g_autoptr(GString) names = g_string_new (NULL);
  GtkWidget *child;

  for (guint i = 0; i < participants->len; i++)
    g_string_append_printf (names, "%s\n", ((PbWorkshopParticipant *) participants->pdata[i])->name);
  if (g_strcmp0 (names->str, self->names_shown) == 0)
    return;
  g_free (self->names_shown);
  self->names_shown = g_strdup (names->str);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->names_box))) != NULL)
    gtk_flow_box_remove (self->names_box, child);
  for (guint i = 0; i < participants->len; i++)
    {
      PbWorkshopParticipant *p = participants->pdata[i];
      GtkWidget *button = gtk_button_new_with_label (p->name);

      gtk_widget_set_name (button, "pick-name");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "own.pick");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (p->id));
      gtk_flow_box_append (self->names_box, button);
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }
  gtk_widget_set_visible (self->names_heading, participants->len > 0);
}

/* Empties the screen completely: the next person sees nothing. */
static void
clear_turn (PbWorkshopOwn *self)
{
  self->participant = 0;
  g_array_set_size (self->turn_ideas, 0);
  rebuild_ideas (self);
  gtk_editable_set_text (GTK_EDITABLE (self->idea_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
  gtk_label_set_text (self->hello_label, "");
  show_error (self->idea_error, NULL);
  show_error (self->name_error, NULL);
}

static void
show_who (PbWorkshopOwn *self)
{
  clear_turn (self);
  rebuild_names (self);
  gtk_stack_set_visible_child_name (self->stack, "who");
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
}

static void
begin_turn (PbWorkshopOwn *self,
            gint64         participant_id)
{
  const PbWorkshopParticipant *p = pb_workshop_lookup_participant (self->workshop, participant_id);
  g_autofree char *hello = NULL;

  if (p == NULL)
    return;
  clear_turn (self);
  self->participant = participant_id;
  /* Translators: the heading of a participant's turn: "Ana, it is your turn". */
  hello = g_strdup_printf (_("%s, it is your turn"), p->name);
  gtk_label_set_text (self->hello_label, hello);
  gtk_stack_set_visible_child_name (self->stack, "write");
  gtk_widget_grab_focus (GTK_WIDGET (self->idea_entry));
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PbWorkshopOwn *self = PB_WORKSHOP_OWN (widget);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  GPtrArray *participants = pb_workshop_get_participants (self->workshop);
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  if (!is_own_stage (self))
    return;
  if (name[0] == '\0')
    {
      show_error (self->name_error, _("Write your first name, or pick it below."));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
      return;
    }
  /* The same name, whatever its case, is the same participant. */
  for (guint i = 0; i < participants->len && id == 0; i++)
    if (same_name (((PbWorkshopParticipant *) participants->pdata[i])->name, name))
      id = ((PbWorkshopParticipant *) participants->pdata[i])->id;
  if (id == 0)
    id = pb_store_workshop_add_participant (self->store, self->workshop, name, &error);
  if (id == 0)
    {
      show_error (self->name_error, error->message);
      return;
    }
  begin_turn (self, id);
}

static void
pick_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PbWorkshopOwn *self = PB_WORKSHOP_OWN (widget);

  if (is_own_stage (self))
    begin_turn (self, g_variant_get_int64 (parameter));
}

static void
hand_over_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PbWorkshopOwn *self = PB_WORKSHOP_OWN (widget);

  /* A correction the store refuses (an emptied idea) stays on screen. */
  if (!save_edits (self))
    return;
  show_who (self);
}

static gboolean
destroy_idle_cb (gpointer user_data)
{
  gtk_window_destroy (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     PbWorkshopOwn    *self)
{
  if (g_str_equal (response, "close"))
    {
      save_edits (self);
      /* Once the dialog is done with its parent. */
      g_idle_add_full (G_PRIORITY_DEFAULT, destroy_idle_cb, g_object_ref (self), g_object_unref);
    }
}

static void
leave_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PbWorkshopOwn *self = PB_WORKSHOP_OWN (widget);
  GtkWidget *dialog;

  if (self->confirm != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->confirm));
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Close the Participants’ Screen?"),
                                   _("This is for the facilitator. Every idea is already saved."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Keep Writing"), "close",
                                    _("_Close Screen"), NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  self->confirm = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->confirm);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
fullscreen_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  if (gtk_window_is_fullscreen (GTK_WINDOW (widget)))
    gtk_window_unfullscreen (GTK_WINDOW (widget));
  else
    gtk_window_fullscreen (GTK_WINDOW (widget));
}

/* The facilitator may change the workshop meanwhile: another stage closes
 * the writing (and empties the screen); ideas removed there leave the
 * list, ideas corrected there show the correction. */
static void
workshop_changed_cb (PbWorkshopOwn *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean gone = FALSE;

  if (!is_own_stage (self))
    {
      if (!g_str_equal (page, "closed"))
        {
          clear_turn (self);
          gtk_stack_set_visible_child_name (self->stack, "closed");
        }
      return;
    }
  if (g_str_equal (page, "closed"))
    {
      show_who (self);
      return;
    }
  if (self->participant != 0 && pb_workshop_lookup_participant (self->workshop, self->participant) == NULL)
    {
      show_who (self);
      return;
    }
  if (g_str_equal (page, "who"))
    rebuild_names (self);
  for (guint i = 0; i < self->turn_ideas->len; i++)
    if (pb_workshop_lookup_idea (self->workshop, g_array_index (self->turn_ideas, gint64, i)) == NULL)
      {
        g_array_remove_index (self->turn_ideas, i--);
        gone = TRUE;
      }
  if (gone)
    rebuild_ideas (self);
  else
    follow_edits (self);
}

/* ---- Object ------------------------------------------------------------- */

gint64
pb_workshop_own_get_participant (PbWorkshopOwn *self)
{
  g_return_val_if_fail (PB_IS_WORKSHOP_OWN (self), 0);
  return self->participant;
}

GArray *
pb_workshop_own_get_turn_ideas (PbWorkshopOwn *self)
{
  g_return_val_if_fail (PB_IS_WORKSHOP_OWN (self), NULL);
  return self->turn_ideas;
}

static void
pb_workshop_own_dispose (GObject *object)
{
  PbWorkshopOwn *self = PB_WORKSHOP_OWN (object);

  if (self->confirm != NULL)
    gtk_window_destroy (GTK_WINDOW (self->confirm));
  if (self->workshop != NULL)
    g_signal_handlers_disconnect_by_data (self->workshop, self);
  g_clear_object (&self->workshop);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (pb_workshop_own_parent_class)->dispose (object);
}

static void
pb_workshop_own_finalize (GObject *object)
{
  PbWorkshopOwn *self = PB_WORKSHOP_OWN (object);

  g_array_unref (self->turn_ideas);
  g_free (self->names_shown);
  G_OBJECT_CLASS (pb_workshop_own_parent_class)->finalize (object);
}

static void
pb_workshop_own_class_init (PbWorkshopOwnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_workshop_own_dispose;
  object_class->finalize = pb_workshop_own_finalize;

  gtk_widget_class_install_action (widget_class, "own.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "own.pick", "x", pick_action);
  gtk_widget_class_install_action (widget_class, "own.add-idea", NULL, add_idea_action);
  gtk_widget_class_install_action (widget_class, "own.hand-over", NULL, hand_over_action);
  gtk_widget_class_install_action (widget_class, "own.leave", NULL, leave_action);
  gtk_widget_class_install_action (widget_class, "own.fullscreen", NULL, fullscreen_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "own.leave", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "own.fullscreen", NULL);
}

static GtkWidget *
page_box (GtkStack   *stack,
          const char *name)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 36);
  gtk_widget_set_margin_bottom (box, 36);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_stack_add_named (stack, scrolled, name);
  return box;
}

static GtkWidget *
entry_with_button (GtkEntry   *entry,
                   const char *label,
                   const char *action)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *button = big_button (label, action);

  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (entry));
  gtk_box_append (GTK_BOX (box), button);
  return box;
}

static void
name_activate_cb (PbWorkshopOwn *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "own.start", NULL);
}

static void
idea_activate_cb (PbWorkshopOwn *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "own.add-idea", NULL);
}

static void
pb_workshop_own_init (PbWorkshopOwn *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *box, *label, *button, *bottom;

  pb_style_add_once (own_css);
  self->turn_ideas = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_window_set_title (GTK_WINDOW (self), _("Write Your Ideas"));
  gtk_window_set_default_size (GTK_WINDOW (self), 1024, 768);
  gtk_widget_add_css_class (GTK_WIDGET (self), "pb-own");

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_box_append (GTK_BOX (outer), GTK_WIDGET (self->stack));

  /* Who writes now. */
  box = page_box (self->stack, "who");
  gtk_box_append (GTK_BOX (box), text_label (_("Your turn to write ideas"), "own-title"));
  label = text_label (_("What is your first name?"), "own-prompt");
  gtk_box_append (GTK_BOX (box), label);
  self->name_entry = GTK_ENTRY (private_entry (_("Your first name"), "name-entry"));
  gtk_entry_set_max_length (self->name_entry, 80);
  gtk_entry_set_placeholder_text (self->name_entry, _("First name"));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->name_entry), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, label,
                                  NULL, -1);
  g_signal_connect_swapped (self->name_entry, "activate", G_CALLBACK (name_activate_cb), self);
  gtk_box_append (GTK_BOX (box), entry_with_button (self->name_entry, _("_Start Writing"), "own.start"));
  self->name_error = error_label ();
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->name_error));
  self->names_heading = text_label (_("Or pick your name:"), "own-text");
  gtk_box_append (GTK_BOX (box), self->names_heading);
  self->names_box = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->names_box, GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (self->names_box, 6);
  gtk_flow_box_set_min_children_per_line (self->names_box, 1);
  gtk_flow_box_set_column_spacing (self->names_box, 6);
  gtk_flow_box_set_row_spacing (self->names_box, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->names_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Participants"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->names_box));

  /* Writing. */
  box = page_box (self->stack, "write");
  self->hello_label = GTK_LABEL (text_label (NULL, "own-title"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->hello_label));
  label = text_label (_("What would good look like?"), "own-prompt");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), text_label (_("Write one idea at a time. Only you see them here, and each is "
                                               "saved as soon as you add it."), "own-text"));
  self->idea_entry = GTK_ENTRY (private_entry (_("Your idea"), "idea-entry"));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->idea_entry), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, label,
                                  NULL, -1);
  gtk_entry_set_placeholder_text (self->idea_entry, _("One idea"));
  g_signal_connect_swapped (self->idea_entry, "activate", G_CALLBACK (idea_activate_cb), self);
  gtk_box_append (GTK_BOX (box), entry_with_button (self->idea_entry, _("_Add Idea"), "own.add-idea"));
  self->idea_error = error_label ();
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->idea_error));
  self->ideas_heading = text_label (_("Your ideas (you can still correct or remove them)"), "own-text");
  gtk_box_append (GTK_BOX (box), self->ideas_heading);
  self->ideas_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->ideas_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Your ideas"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->ideas_box));
  button = big_button (_("I’m _Done — Hand Over"), "own.hand-over");
  gtk_widget_set_name (button, "hand-over");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (button, 12);
  gtk_box_append (GTK_BOX (box), button);

  /* Another stage. */
  box = page_box (self->stack, "closed");
  gtk_box_append (GTK_BOX (box), text_label (_("Writing ideas is over for now."), "own-prompt"));
  gtk_box_append (GTK_BOX (box), text_label (_("Your ideas are saved. The facilitator leads the next step."),
                                             "own-text"));

  /* The facilitator's way out. */
  bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_halign (bottom, GTK_ALIGN_END);
  gtk_widget_set_margin_start (bottom, 6);
  gtk_widget_set_margin_end (bottom, 6);
  gtk_widget_set_margin_bottom (bottom, 6);
  button = gtk_button_new_with_mnemonic (_("Facilitator: C_lose This Screen"));
  gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), TRUE);
  gtk_widget_set_name (button, "leave");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "own.leave");
  gtk_widget_add_css_class (button, "flat");
  gtk_box_append (GTK_BOX (bottom), button);
  gtk_box_append (GTK_BOX (outer), bottom);
  gtk_window_set_child (GTK_WINDOW (self), outer);
  rebuild_ideas (self);
}

PbWorkshopOwn *
pb_workshop_own_new (PbStore    *store,
                     PbWorkshop *workshop)
{
  PbWorkshopOwn *self;

  g_return_val_if_fail (PB_IS_STORE (store), NULL);
  g_return_val_if_fail (PB_IS_WORKSHOP (workshop), NULL);

  self = g_object_new (PB_TYPE_WORKSHOP_OWN, NULL);
  self->store = g_object_ref (store);
  self->workshop = g_object_ref (workshop);
  g_signal_connect_swapped (workshop, "changed", G_CALLBACK (workshop_changed_cb), self);
  if (is_own_stage (self))
    show_who (self);
  else
    gtk_stack_set_visible_child_name (self->stack, "closed");
  return self;
}
