/* pb-workshop-page.c: the Workshop page (see pb-workshop-page.h).
 *
 * The skeleton (stage stepper, timer, stage buttons) is the template; the
 * content of the current stage is built in code from the workshop's
 * snapshot and rebuilt at every "changed".  Every control is an action of
 * the "workshop" group with the id of what it acts on, so that buttons,
 * menus and tests share one path; the widget that had the keyboard focus
 * gets it back after a rebuild.  Every change goes through the store and
 * a refusal shows its translated message in a toast.
 */

#include "pb-config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-file.h"
#include "pb-workshop-page.h"
#include "pb-workshop-own.h"
#include "pb-workshop-report.h"
#include "pb-workshop-room.h"

#define FOCUS_KEY "pb-workshop-focus-key"

struct _PbWorkshopPage
{
  PbPage          parent_instance;

  PbWorkshop     *workshop;
  PbProcess      *bound_process;
  PbWorkshopRoom *room;             /* weak */
  PbWorkshopOwn  *own_screen;       /* weak */
  guint           tick_id;
  gint64          own_participant;
  gint64          rank_participant;
  guint           rebuild_id;
  GCancellable   *cancellable;

  GtkStack       *main_stack;
  AdwStatusPage  *unavailable_page;
  GtkButton      *start_button;
  GtkBox         *stepper_box;
  GtkLabel       *timer_label;
  GtkButton      *timer_button;
  GtkButton      *back_button;
  GtkButton      *next_button;
  GtkLabel       *prompt_label;
  GtkLabel       *frozen_label;
  GtkBox         *content_box;
};

G_DEFINE_FINAL_TYPE (PbWorkshopPage, pb_workshop_page, PB_TYPE_PAGE)

static void rebuild (PbWorkshopPage *self);
static void workshop_changed_cb (PbWorkshopPage *self);

/* ---- Helpers ------------------------------------------------------------ */

static PbStore *
store_of (PbWorkshopPage *self)
{
  return pb_page_get_store (PB_PAGE (self));
}

/* Shows @error when @ok is FALSE; returns @ok. */
static gboolean
check (PbWorkshopPage *self,
       gboolean        ok,
       GError         *error)
{
  if (!ok && error != NULL)
    pb_page_show_error (PB_PAGE (self), error);
  return ok;
}

static GtkWindow *
parent_window (PbWorkshopPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
set_focus_key (gpointer    widget,
               const char *format,
               ...) G_GNUC_PRINTF (2, 3);

static void
set_focus_key (gpointer    widget,
               const char *format,
               ...)
{
  va_list args;

  va_start (args, format);
  g_object_set_data_full (G_OBJECT (widget), FOCUS_KEY, g_strdup_vprintf (format, args), g_free);
  va_end (args);
}

static GtkWidget *
find_by_focus_key (GtkWidget  *widget,
                   const char *key)
{
  const char *own = g_object_get_data (G_OBJECT (widget), FOCUS_KEY);

  if (own != NULL && g_str_equal (own, key))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_focus_key (child, key);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static char *
format_timer (gint64 remaining)
{
  gint64 abs_value = ABS (remaining);

  return g_strdup_printf ("%s%" G_GINT64_FORMAT ":%02d", remaining < 0 ? "−" : "", abs_value / 60,
                          (int) (abs_value % 60));
}

static GtkWidget *
new_group (const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

static GtkWidget *
new_row (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

/* A button that runs @action with an int64 target. */
static GtkWidget *
id_button (const char *icon_name,
           const char *label,
           const char *accessible_label,
           const char *action,
           gint64      id)
{
  GtkWidget *button = icon_name ? gtk_button_new_from_icon_name (icon_name) : gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (id));
  if (accessible_label != NULL)
    {
      gtk_widget_set_tooltip_text (button, accessible_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
    }
  if (icon_name != NULL)
    gtk_widget_add_css_class (button, "flat");
  set_focus_key (button, "%s:%" G_GINT64_FORMAT, action, id);
  return button;
}

/* A dim line in @group that says why it has no rows (yet). */
static void
add_placeholder (GtkWidget  *group,
                 const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), label);
}

/* Adds to @group the row of an item of an editable list (a question, a
 * criterion, a participant), with buttons to edit and remove it. */
static void
add_item_row (GtkWidget  *group,
              const char *title,
              const char *subtitle,
              const char *edit_label,
              const char *edit_action,
              const char *remove_label,
              const char *remove_action,
              gint64      id)
{
  GtkWidget *row = new_row (title, subtitle);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), id_button ("document-edit-symbolic", NULL, edit_label,
                                                              edit_action, id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), id_button ("user-trash-symbolic", NULL, remove_label,
                                                              remove_action, id));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

/* Greys out an action button (the action would set it sensitive again). */
static void
disable_button (GtkWidget *button)
{
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), NULL);
  gtk_widget_set_sensitive (button, FALSE);
}

typedef gboolean (*ApplyFunc) (PbWorkshopPage *self, const char *text);

static void
entry_apply_cb (AdwEntryRow    *row,
                PbWorkshopPage *self);

static void
add_clicked_cb (GtkButton      *button,
                PbWorkshopPage *self)
{
  entry_apply_cb (g_object_get_data (G_OBJECT (button), "row"), self);
}

static void
entry_apply_cb (AdwEntryRow    *row,
                PbWorkshopPage *self)
{
  ApplyFunc apply = g_object_get_data (G_OBJECT (row), "apply");
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  if (apply (self, text))
    gtk_editable_set_text (GTK_EDITABLE (row), "");
}

static GtkWidget *
entry_row (PbWorkshopPage *self,
           const char     *title,
           const char     *focus_key,
           ApplyFunc       apply)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_object_set_data (G_OBJECT (row), "apply", apply);
  g_signal_connect (row, "entry-activated", G_CALLBACK (entry_apply_cb), self);
  /* A visible button as well as Enter, named like the field. */
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_tooltip_text (add, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_object_set_data (G_OBJECT (add), "row", row);
  g_signal_connect (add, "clicked", G_CALLBACK (add_clicked_cb), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), add);
  set_focus_key (row, "%s", focus_key);
  return row;
}

static GtkWidget *
big_card (const char *text,
          const char *detail)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_widget_add_css_class (label, "title-1");
  gtk_widget_set_margin_top (label, 36);
  gtk_widget_set_margin_bottom (label, detail ? 0 : 36);
  gtk_widget_set_margin_start (label, 24);
  gtk_widget_set_margin_end (label, 24);
  gtk_box_append (GTK_BOX (box), label);
  if (detail != NULL)
    {
      GtkWidget *sub = gtk_label_new (detail);

      gtk_widget_add_css_class (sub, "dim-label");
      gtk_widget_set_margin_bottom (sub, 24);
      gtk_box_append (GTK_BOX (box), sub);
    }
  return box;
}

static GtkWidget *
button_box (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  return box;
}

static GtkWidget *
action_button (const char *label,
               const char *action,
               gboolean    suggested)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_add_css_class (button, "pill");
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  set_focus_key (button, "%s", action);
  return button;
}

static const char *
participant_name (PbWorkshopPage *self,
                  gint64          id)
{
  const PbWorkshopParticipant *p = pb_workshop_lookup_participant (self->workshop, id);

  return p ? p->name : "";
}

/* ---- Stage: warm-up (the key jar) --------------------------------------- */

static gboolean
add_question (PbWorkshopPage *self,
              const char     *text)
{
  g_autoptr(GError) error = NULL;

  return check (self, pb_store_workshop_add_question (store_of (self), self->workshop, text, &error) != 0, error);
}

static void
build_warm_up (PbWorkshopPage *self)
{
  GPtrArray *questions = pb_workshop_get_questions (self->workshop);
  const PbWorkshopQuestion *drawn = pb_workshop_get_drawn_question (self->workshop);
  GtkWidget *buttons = button_box ();
  GtkWidget *group;
  g_autofree char *description = NULL;
  guint left = 0;

  for (guint i = 0; i < questions->len; i++)
    left += ((PbWorkshopQuestion *) questions->pdata[i])->drawn ? 0 : 1;

  gtk_box_append (self->content_box,
                  big_card (drawn ? drawn->text : _("Draw a question from the key jar to warm up the room."),
                            NULL));
  gtk_box_append (GTK_BOX (buttons), action_button (_("_Draw a Question"), "workshop.draw", TRUE));
  gtk_box_append (GTK_BOX (buttons), action_button (_("_Put All Back in the Jar"), "workshop.refill", FALSE));
  gtk_box_append (self->content_box, buttons);

  description = g_strdup_printf (ngettext ("%u question, %u still in the jar.", "%u questions, %u still in the jar.",
                                           questions->len), questions->len, left);
  group = new_group (_("Key Jar"), description);
  for (guint i = 0; i < questions->len; i++)
    {
      PbWorkshopQuestion *q = questions->pdata[i];

      add_item_row (group, q->text, q->drawn ? _("Drawn") : NULL, _("Edit this question"),
                    "workshop.edit-question", _("Remove this question"), "workshop.remove-question", q->id);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             entry_row (self, _("Add a question"), "add-question", add_question));
  gtk_box_append (self->content_box, group);
}

/* ---- Stage: criteria ---------------------------------------------------- */

static gboolean
add_criterion (PbWorkshopPage *self,
               const char     *text)
{
  g_autoptr(GError) error = NULL;

  return check (self, pb_store_workshop_add_criterion (store_of (self), self->workshop, text, &error) != 0, error);
}

static void
build_criteria (PbWorkshopPage *self)
{
  GPtrArray *criteria = pb_workshop_get_criteria (self->workshop);
  GtkWidget *group = new_group (_("Shared Criteria"),
                                _("For example “serves the people who use it”, “within our means”, “does no harm "
                                  "to each other’s work”. Projects can be assessed against them in review."));

  for (guint i = 0; i < criteria->len; i++)
    {
      PbWorkshopCriterion *c = criteria->pdata[i];

      add_item_row (group, c->text, NULL, _("Edit this criterion"), "workshop.edit-criterion",
                    _("Remove this criterion"), "workshop.remove-criterion", c->id);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             entry_row (self, _("Add a criterion"), "add-criterion", add_criterion));
  gtk_box_append (self->content_box, group);
}

/* ---- Stage: Own --------------------------------------------------------- */

static gboolean
add_participant (PbWorkshopPage *self,
                 const char     *name)
{
  g_autoptr(GError) error = NULL;
  gint64 id = pb_store_workshop_add_participant (store_of (self), self->workshop, name, &error);

  if (id != 0 && self->own_participant == 0)
    {
      self->own_participant = id;
      workshop_changed_cb (self);
    }
  return check (self, id != 0, error);
}

static guint
count_ideas_of (PbWorkshopPage *self,
                gint64          participant_id)
{
  GPtrArray *ideas = pb_workshop_get_ideas (self->workshop);
  guint n = 0;

  for (guint i = 0; i < ideas->len; i++)
    n += ((PbWorkshopIdea *) ideas->pdata[i])->participant_id == participant_id ? 1 : 0;
  return n;
}

/* The participant after @id, turn by turn (the first after the last). */
static gint64
next_participant (PbWorkshopPage *self,
                  gint64          id)
{
  GPtrArray *participants = pb_workshop_get_participants (self->workshop);

  for (guint i = 0; i < participants->len; i++)
    if (((PbWorkshopParticipant *) participants->pdata[i])->id == id)
      return ((PbWorkshopParticipant *) participants->pdata[(i + 1) % participants->len])->id;
  return participants->len ? ((PbWorkshopParticipant *) participants->pdata[0])->id : 0;
}

static gboolean
add_idea (PbWorkshopPage *self,
          const char     *text)
{
  g_autoptr(GError) error = NULL;
  gint64 id = pb_store_workshop_add_idea (store_of (self), self->workshop, self->own_participant, text, &error);

  if (id != 0)
    {
      /* Turn by turn: the next participant writes next. */
      self->own_participant = next_participant (self, self->own_participant);
      workshop_changed_cb (self);
    }
  return check (self, id != 0, error);
}

static void
participant_selected_cb (GtkDropDown    *dropdown,
                        GParamSpec     *pspec,
                        PbWorkshopPage *self)
{
  GPtrArray *participants = pb_workshop_get_participants (self->workshop);
  guint index = gtk_drop_down_get_selected (dropdown);
  gboolean rank = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dropdown), "rank"));
  gint64 id;

  if (index >= participants->len)
    return;
  id = ((PbWorkshopParticipant *) participants->pdata[index])->id;
  if (rank && id != self->rank_participant)
    pb_workshop_page_set_rank_participant (self, id);
  else if (!rank && id != self->own_participant)
    pb_workshop_page_set_own_participant (self, id);
}

static GtkWidget *
participant_dropdown (PbWorkshopPage *self,
                      gint64          selected,
                      gboolean        rank)
{
  GPtrArray *participants = pb_workshop_get_participants (self->workshop);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *dropdown;
  guint index = 0;

  for (guint i = 0; i < participants->len; i++)
    {
      PbWorkshopParticipant *p = participants->pdata[i];

      gtk_string_list_append (names, p->name);
      if (p->id == selected)
        index = i;
    }
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), index);
  g_object_set_data (G_OBJECT (dropdown), "rank", GINT_TO_POINTER (rank));
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (participant_selected_cb), self);
  set_focus_key (dropdown, rank ? "rank-participant" : "own-participant");
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  rank ? _("Whose dots") : _("Whose idea"), -1);
  return dropdown;
}

static void
build_own (PbWorkshopPage *self)
{
  GPtrArray *participants = pb_workshop_get_participants (self->workshop);
  GPtrArray *ideas = pb_workshop_get_ideas (self->workshop);
  GtkWidget *group, *row;

  if (participants->len > 0 && pb_workshop_lookup_participant (self->workshop, self->own_participant) == NULL)
    self->own_participant = ((PbWorkshopParticipant *) participants->pdata[0])->id;

  group = new_group (_("Write an Idea"),
                     _("Each participant writes their own ideas, turn by turn on the participants’ screen, where "
                       "nobody sees the others’ ideas, or the facilitator types them in from the cards."));
  {
    GtkWidget *button = gtk_button_new_with_mnemonic (_("_Let Participants Type Their Ideas"));

    gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "workshop.own-screen");
    gtk_widget_set_halign (button, GTK_ALIGN_START);
    gtk_widget_set_margin_top (button, 12);
    gtk_widget_add_css_class (button, "pill");
    gtk_widget_add_css_class (button, "suggested-action");
    set_focus_key (button, "own-screen");
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), button);
  }
  if (participants->len == 0)
    add_placeholder (group, _("Add the participants first, below."));
  else
    {
      g_autofree char *title = NULL;

      row = new_row (_("Whose turn"), NULL);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), participant_dropdown (self, self->own_participant, FALSE));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      /* Translators: the entry of an idea: "Ana’s idea". */
      title = g_strdup_printf (_("%s’s idea"), participant_name (self, self->own_participant));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), entry_row (self, title, "add-idea", add_idea));
    }
  gtk_box_append (self->content_box, group);

  group = new_group (_("Ideas"), NULL);
  for (guint i = 0; i < ideas->len; i++)
    {
      PbWorkshopIdea *idea = ideas->pdata[i];
      g_autofree char *subtitle = NULL;

      if (idea->origin == PB_WORKSHOP_ORIGIN_MERGE)
        subtitle = g_strdup_printf (_("Merged by pair %u"), idea->pair);
      else
        subtitle = g_strdup_printf (_("By %s"), participant_name (self, idea->participant_id));
      row = new_row (idea->text, subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), id_button ("document-edit-symbolic", NULL,
                                                                  _("Edit this idea"),
                                                                  "workshop.edit-idea", idea->id));
      if (idea->merged_into == 0)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), id_button ("user-trash-symbolic", NULL,
                                                                    _("Remove this idea"),
                                                                    "workshop.remove-idea", idea->id));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  if (ideas->len == 0)
    add_placeholder (group, _("No ideas yet. What would good look like?"));
  gtk_box_append (self->content_box, group);

  group = new_group (_("Participants"), NULL);
  for (guint i = 0; i < participants->len; i++)
    {
      PbWorkshopParticipant *p = participants->pdata[i];
      guint n = count_ideas_of (self, p->id);
      g_autofree char *subtitle = g_strdup_printf (ngettext ("%u idea", "%u ideas", n), n);

      add_item_row (group, p->name, subtitle, _("Rename this participant"), "workshop.edit-participant",
                    _("Remove this participant"), "workshop.remove-participant", p->id);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             entry_row (self, _("Add a participant"), "add-participant", add_participant));
  gtk_box_append (self->content_box, group);
}

/* ---- Stage: Pair -------------------------------------------------------- */

static char *
pair_title (PbWorkshopPage *self,
            guint           pair)
{
  GPtrArray *participants = pb_workshop_get_participants (self->workshop);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < participants->len; i++)
    {
      PbWorkshopParticipant *p = participants->pdata[i];

      if (p->pair == pair)
        g_string_append_printf (names, "%s%s", names->len ? ", " : "", p->name);
    }
  /* Translators: "Pair 2: Ana, Ben". */
  return g_strdup_printf (_("Pair %u: %s"), pair, names->str);
}

static void
pick_toggled_cb (GtkToggleButton *button,
                 PbWorkshopPage  *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "idea"));
  const PbWorkshopIdea *idea = pb_workshop_lookup_idea (self->workshop, id);
  gboolean active = gtk_toggle_button_get_active (button);
  g_autoptr(GError) error = NULL;

  if (idea == NULL || idea->picked == active)
    return;
  if (!check (self, pb_store_workshop_set_picked (store_of (self), self->workshop, id, active, &error), error))
    workshop_changed_cb (self);
}

static void
pair_spin_changed_cb (GtkSpinButton  *spin,
                      PbWorkshopPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (spin), "participant"));
  const PbWorkshopParticipant *p = pb_workshop_lookup_participant (self->workshop, id);
  guint pair = (guint) gtk_spin_button_get_value_as_int (spin);
  g_autoptr(GError) error = NULL;

  if (p == NULL || p->pair == pair)
    return;
  if (!check (self, pb_store_workshop_set_pair (store_of (self), self->workshop, id, pair, &error), error))
    workshop_changed_cb (self);
}

static GtkWidget *
merge_button (PbWorkshopPage       *self,
              const PbWorkshopIdea *idea)
{
  GPtrArray *ideas = pb_workshop_get_ideas (self->workshop);
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *button;
  guint n = 0;

  for (guint i = 0; i < ideas->len; i++)
    {
      PbWorkshopIdea *other = ideas->pdata[i];
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      if (other == idea || other->pair != idea->pair || other->merged_into != 0)
        continue;
      /* Translators: a menu item: merge this idea with the one named. */
      label = g_strdup_printf (_("Merge with “%s”"), other->text);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "workshop.merge", g_variant_new ("(xx)", idea->id, other->id));
      g_menu_append_item (menu, item);
      n++;
    }
  if (n == 0)
    return NULL;
  button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Merge…"));
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Merge this idea with another of the pair"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Merge this idea with another of the pair"), -1);
  set_focus_key (button, "merge:%" G_GINT64_FORMAT, idea->id);
  return button;
}

static void
build_pair (PbWorkshopPage *self)
{
  GPtrArray *participants = pb_workshop_get_participants (self->workshop);
  GPtrArray *ideas = pb_workshop_get_ideas (self->workshop);
  guint n_pairs = pb_workshop_get_n_pairs (self->workshop);
  GtkWidget *group, *buttons;

  for (guint pair = 0; pair <= n_pairs; pair++)
    {
      g_autofree char *title = NULL;
      guint n = 0;

      for (guint i = 0; i < ideas->len; i++)
        n += ((PbWorkshopIdea *) ideas->pdata[i])->pair == pair ? 1 : 0;
      if (n == 0)
        continue;
      title = pair == 0 ? g_strdup (_("Not in a pair")) : pair_title (self, pair);
      group = new_group (title, pair == 1 ? _("Tick ✓ the ideas each pair picks as its best.") : NULL);
      for (guint i = 0; i < ideas->len; i++)
        {
          PbWorkshopIdea *idea = ideas->pdata[i];
          g_autofree char *subtitle = NULL;
          GtkWidget *row, *tick, *merge;

          if (idea->pair != pair)
            continue;
          if (idea->merged_into != 0)
            subtitle = g_strdup (_("Went into a merged idea"));
          else if (idea->origin == PB_WORKSHOP_ORIGIN_MERGE)
            subtitle = g_strdup (_("Merged idea"));
          else
            subtitle = g_strdup_printf (_("By %s"), participant_name (self, idea->participant_id));
          row = new_row (idea->text, subtitle);
          if (idea->merged_into != 0)
            {
              gtk_widget_add_css_class (row, "dim-label");
              adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
              continue;
            }
          /* A toggle button (a check button offers no action to
           * assistive technologies in GTK 4.8). */
          tick = gtk_toggle_button_new ();
          gtk_button_set_child (GTK_BUTTON (tick), gtk_image_new_from_icon_name ("object-select-symbolic"));
          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (tick), idea->picked);
          gtk_widget_set_valign (tick, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (tick, "circular");
          if (idea->picked)
            gtk_widget_add_css_class (tick, "suggested-action");
          gtk_widget_set_tooltip_text (tick, _("Picked by the pair"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (tick), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Picked"), -1);
          g_object_set_data (G_OBJECT (tick), "idea", GSIZE_TO_POINTER ((gsize) idea->id));
          g_signal_connect (tick, "toggled", G_CALLBACK (pick_toggled_cb), self);
          set_focus_key (tick, "pick:%" G_GINT64_FORMAT, idea->id);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), tick);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), tick);
          merge = merge_button (self, idea);
          if (merge != NULL)
            adw_action_row_add_suffix (ADW_ACTION_ROW (row), merge);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), id_button ("document-edit-symbolic", NULL,
                                                                      _("Edit this idea"),
                                                                      "workshop.edit-idea", idea->id));
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
        }
      gtk_box_append (self->content_box, group);
    }

  group = new_group (_("Who Is in Which Pair"), _("An odd one out makes a trio."));
  for (guint i = 0; i < participants->len; i++)
    {
      PbWorkshopParticipant *p = participants->pdata[i];
      GtkWidget *row = new_row (p->name, NULL);
      GtkWidget *spin = gtk_spin_button_new_with_range (1, MAX (1, participants->len), 1);

      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), MAX (1, p->pair));
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (spin), "participant", GSIZE_TO_POINTER ((gsize) p->id));
      g_signal_connect (spin, "value-changed", G_CALLBACK (pair_spin_changed_cb), self);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pair number"), -1);
      set_focus_key (spin, "pair-of:%" G_GINT64_FORMAT, p->id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (self->content_box, group);
  buttons = button_box ();
  gtk_box_append (GTK_BOX (buttons), action_button (_("Pair _Everyone Again"), "workshop.pair-everyone", FALSE));
  gtk_box_append (self->content_box, buttons);
}

/* ---- Stage: Explain ----------------------------------------------------- */

static void
build_explain (PbWorkshopPage *self)
{
  g_autoptr(GPtrArray) order = pb_workshop_dup_explain_order (self->workshop);
  const PbWorkshopIdea *current = pb_workshop_get_explained_idea (self->workshop);
  GtkWidget *buttons = button_box ();
  GtkWidget *group, *button;
  g_autofree char *detail = NULL;

  if (current != NULL)
    detail = g_strdup_printf (_("Idea %u of %u · Pair %u"), pb_workshop_get_explain_index (self->workshop) + 1,
                              order->len, current->pair);
  gtk_box_append (self->content_box, big_card (current ? current->text : _("No idea to explain."), detail));
  button = id_button (NULL, _("_Previous Idea"), NULL, "workshop.explain-step", -1);
  gtk_widget_add_css_class (button, "pill");
  gtk_box_append (GTK_BOX (buttons), button);
  button = id_button (NULL, _("Next _Idea"), NULL, "workshop.explain-step", 1);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), button);
  gtk_box_append (self->content_box, buttons);

  group = new_group (_("Order of Explaining"), _("The timer starts again for each idea."));
  for (guint i = 0; i < order->len; i++)
    {
      PbWorkshopIdea *idea = order->pdata[i];
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1, idea->text);
      GtkWidget *row = new_row (title, idea == current ? _("Being explained now") : NULL);
      GtkWidget *up = id_button ("go-up-symbolic", NULL, _("Explain earlier"), "workshop.explain-earlier", idea->id);
      GtkWidget *down = id_button ("go-down-symbolic", NULL, _("Explain later"), "workshop.explain-later", idea->id);

      if (i == 0)
        disable_button (up);
      if (i + 1 == order->len)
        disable_button (down);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), up);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), down);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (self->content_box, group);
}

/* ---- Stage: Rank -------------------------------------------------------- */

static void
build_rank (PbWorkshopPage *self)
{
  GPtrArray *participants = pb_workshop_get_participants (self->workshop);
  g_autoptr(GPtrArray) order = pb_workshop_dup_explain_order (self->workshop);
  g_autoptr(GPtrArray) tally = pb_workshop_dup_tally (self->workshop);
  guint limit = pb_workshop_get_dots_per_participant (self->workshop);
  const PbWorkshopParticipant *who;
  GtkWidget *group, *row;
  guint most = 1;

  if (participants->len > 0 && pb_workshop_lookup_participant (self->workshop, self->rank_participant) == NULL)
    self->rank_participant = ((PbWorkshopParticipant *) participants->pdata[0])->id;
  who = pb_workshop_lookup_participant (self->workshop, self->rank_participant);

  if (who != NULL)
    {
      g_autofree char *description = NULL;
      g_autofree char *title = NULL;
      guint left = limit - MIN (limit, who->dots_used);

      description = g_strdup_printf (ngettext ("%s has %u dot left of %u.", "%s has %u dots left of %u.", left),
                                     who->name, left, limit);
      group = new_group (_("Place Dots"), description);
      row = new_row (_("Whose dots"), NULL);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), participant_dropdown (self, who->id, TRUE));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      for (guint i = 0; i < order->len; i++)
        {
          PbWorkshopIdea *idea = order->pdata[i];
          guint mine = pb_workshop_get_dots (self->workshop, who->id, idea->id);
          g_autofree char *count = g_strdup_printf ("%u", mine);
          GtkWidget *label = gtk_label_new (count);
          GtkWidget *minus = id_button ("list-remove-symbolic", NULL, _("Take a dot back"), "workshop.dot-remove",
                                        idea->id);
          GtkWidget *plus = id_button ("list-add-symbolic", NULL, _("Place a dot"), "workshop.dot-add", idea->id);

          row = new_row (idea->text, NULL);
          gtk_widget_add_css_class (label, "title-3");
          gtk_widget_add_css_class (label, "numeric");
          gtk_label_set_width_chars (GTK_LABEL (label), 2);
          if (mine == 0)
            disable_button (minus);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), minus);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), plus);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
        }
      gtk_box_append (self->content_box, group);
    }

  group = new_group (_("Tally"), NULL);
  for (guint i = 0; i < tally->len; i++)
    most = MAX (most, ((PbWorkshopIdea *) tally->pdata[i])->dots);
  for (guint i = 0; i < tally->len; i++)
    {
      PbWorkshopIdea *idea = tally->pdata[i];
      g_autofree char *subtitle = g_strdup_printf (ngettext ("%u dot", "%u dots", idea->dots), idea->dots);
      GtkWidget *bar = gtk_level_bar_new_for_interval (0, most);

      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), idea->dots);
      /* One colour for every bar: the lengths compare, not the levels. */
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
      gtk_widget_set_size_request (bar, 160, -1);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      row = new_row (idea->text, subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (self->content_box, group);
}

/* ---- Stage: Arrange ----------------------------------------------------- */

static gboolean
add_group (PbWorkshopPage *self,
           const char     *name)
{
  g_autoptr(GError) error = NULL;

  return check (self, pb_store_workshop_add_group (store_of (self), self->workshop, name, &error) != 0, error);
}

static GtkWidget *
move_button (PbWorkshopPage       *self,
             const PbWorkshopIdea *idea)
{
  GPtrArray *groups = pb_workshop_get_groups (self->workshop);
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *button = gtk_menu_button_new ();

  for (guint i = 0; i < groups->len; i++)
    {
      PbWorkshopGroup *group = groups->pdata[i];
      g_autoptr(GMenuItem) item = NULL;

      if (group->id == idea->group_id)
        continue;
      item = g_menu_item_new (group->name, NULL);
      g_menu_item_set_action_and_target_value (item, "workshop.move-to-group",
                                               g_variant_new ("(xx)", idea->id, group->id));
      g_menu_append_item (menu, item);
    }
  if (idea->group_id != 0)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("Out of Its Group"), NULL);

      g_menu_item_set_action_and_target_value (item, "workshop.move-to-group",
                                               g_variant_new ("(xx)", idea->id, (gint64) 0));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Move to Group"));
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (button, g_menu_model_get_n_items (G_MENU_MODEL (menu)) > 0);
  set_focus_key (button, "move:%" G_GINT64_FORMAT, idea->id);
  return button;
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource  *source,
                 double          x,
                 double          y,
                 PbWorkshopPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (source), "idea"));

  return gdk_content_provider_new_typed (G_TYPE_INT64, id);
}

static gboolean
drop_cb (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         PbWorkshopPage *self)
{
  gint64 group_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (target), "group"));
  g_autoptr(GError) error = NULL;

  if (!G_VALUE_HOLDS_INT64 (value))
    return FALSE;
  return check (self, pb_store_workshop_move_to_group (store_of (self), self->workshop, g_value_get_int64 (value),
                                                       group_id, &error), error);
}

static void
add_drop_target (PbWorkshopPage *self,
                 GtkWidget      *widget,
                 gint64          group_id)
{
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);

  g_object_set_data (G_OBJECT (target), "group", GSIZE_TO_POINTER ((gsize) group_id));
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (target));
}

static GtkWidget *
arrange_idea_row (PbWorkshopPage       *self,
                  const PbWorkshopIdea *idea)
{
  const PbWorkshopGroup *group = pb_workshop_lookup_group (self->workshop, idea->group_id);
  gboolean in_promoted_group = group != NULL && group->project_id != 0;
  g_autofree char *subtitle = NULL;
  GtkWidget *row;
  GtkDragSource *source;

  if (idea->project_id != 0)
    {
      PbProject *project = pb_process_lookup_project (self->bound_process, idea->project_id);

      subtitle = g_strdup_printf (ngettext ("%u dot · project %s", "%u dots · project %s", idea->dots), idea->dots,
                                  project ? pb_project_get_code (project) : "");
    }
  else
    subtitle = g_strdup_printf (ngettext ("%u dot", "%u dots", idea->dots), idea->dots);
  row = new_row (idea->text, subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), move_button (self, idea));
  if (idea->project_id == 0 && !in_promoted_group)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), id_button (NULL, _("_Make Project"),
                                                                _("Make this idea a project"),
                                                                "workshop.promote-idea", idea->id));
  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_object_set_data (G_OBJECT (source), "idea", GSIZE_TO_POINTER ((gsize) idea->id));
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), self);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));
  return row;
}

static void
build_arrange (PbWorkshopPage *self)
{
  GPtrArray *groups = pb_workshop_get_groups (self->workshop);
  g_autoptr(GPtrArray) order = pb_workshop_dup_explain_order (self->workshop);
  GtkWidget *group;
  guint ungrouped = 0;

  group = new_group (_("Groups"), _("Drag ideas onto a group, or use “Move to Group”. Make a project from a whole "
                                    "group or from one idea: it goes to review with its dots and origin."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             entry_row (self, _("New group name"), "add-group", add_group));
  gtk_box_append (self->content_box, group);

  for (guint g = 0; g < groups->len; g++)
    {
      PbWorkshopGroup *wg = groups->pdata[g];
      g_autofree char *description = g_strdup_printf (ngettext ("%u dot", "%u dots", wg->dots), wg->dots);
      GtkWidget *suffix = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      guint n = 0;

      if (wg->project_id != 0)
        {
          PbProject *project = pb_process_lookup_project (self->bound_process, wg->project_id);
          g_autofree char *more = g_strdup_printf (_("%s · project %s"), description,
                                                   project ? pb_project_get_code (project) : "");

          g_free (description);
          description = g_steal_pointer (&more);
        }
      group = new_group (wg->name, description);
      if (wg->project_id == 0)
        gtk_box_append (GTK_BOX (suffix), id_button (NULL, _("Make Group a _Project"), _("Make this group a project"),
                                                     "workshop.promote-group", wg->id));
      gtk_box_append (GTK_BOX (suffix), id_button ("document-edit-symbolic", NULL, _("Rename this group"),
                                                   "workshop.edit-group", wg->id));
      gtk_box_append (GTK_BOX (suffix), id_button ("user-trash-symbolic", NULL, _("Remove this group"),
                                                   "workshop.remove-group", wg->id));
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), suffix);
      for (guint i = 0; i < order->len; i++)
        {
          PbWorkshopIdea *idea = order->pdata[i];

          if (idea->group_id != wg->id)
            continue;
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), arrange_idea_row (self, idea));
          n++;
        }
      if (n == 0)
        add_placeholder (group, _("Drop ideas here."));
      add_drop_target (self, group, wg->id);
      gtk_box_append (self->content_box, group);
    }

  group = new_group (_("Not in a Group"), NULL);
  for (guint i = 0; i < order->len; i++)
    {
      PbWorkshopIdea *idea = order->pdata[i];

      if (idea->group_id != 0)
        continue;
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), arrange_idea_row (self, idea));
      ungrouped++;
    }
  if (ungrouped == 0)
    add_placeholder (group, _("Every idea is in a group."));
  add_drop_target (self, group, 0);
  gtk_box_append (self->content_box, group);
}

/* ---- Settings (every stage) --------------------------------------------- */

static void
setting_changed_cb (PbWorkshopPage *self)
{
  GtkWidget *warm = g_object_get_data (G_OBJECT (self->content_box), "warm-up-switch");
  GtkWidget *criteria = g_object_get_data (G_OBJECT (self->content_box), "criteria-switch");
  GtkWidget *dots = g_object_get_data (G_OBJECT (self->content_box), "dots-spin");
  GtkWidget *length = g_object_get_data (G_OBJECT (self->content_box), "length-spin");
  g_autoptr(GError) error = NULL;
  PbWorkshopStage stage = pb_workshop_get_stage (self->workshop);
  gboolean use_warm = gtk_switch_get_active (GTK_SWITCH (warm));
  gboolean use_criteria = gtk_switch_get_active (GTK_SWITCH (criteria));
  guint n_dots = (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (dots));
  guint seconds = (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (length)) * 60;

  if (seconds != pb_workshop_get_stage_length (self->workshop, stage))
    {
      if (!check (self, pb_store_workshop_set_stage_length (store_of (self), self->workshop, stage, seconds, &error),
                  error))
        workshop_changed_cb (self);
      return;
    }
  if (use_warm != pb_workshop_get_uses_warm_up (self->workshop)
      || use_criteria != pb_workshop_get_uses_criteria (self->workshop)
      || n_dots != pb_workshop_get_dots_per_participant (self->workshop))
    if (!check (self, pb_store_workshop_configure (store_of (self), self->workshop, use_warm, use_criteria, n_dots,
                                                   &error), error))
      workshop_changed_cb (self);
}

/* Adds the row @title to the settings, with @widget (a switch or a spin
 * button) at its end: a change to it applies the settings, and
 * setting_changed_cb() finds it under @key. */
static void
add_setting_row (PbWorkshopPage *self,
                 GtkWidget      *expander,
                 const char     *title,
                 GtkWidget      *widget,
                 const char     *key,
                 const char     *focus_key)
{
  GtkWidget *row = new_row (title, NULL);

  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  if (GTK_IS_SWITCH (widget))
    g_signal_connect_swapped (widget, "notify::active", G_CALLBACK (setting_changed_cb), self);
  else
    {
      g_signal_connect_swapped (widget, "value-changed", G_CALLBACK (setting_changed_cb), self);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
    }
  g_object_set_data (G_OBJECT (self->content_box), key, widget);
  set_focus_key (widget, "%s", focus_key);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), widget);
  /* A switch's whole row toggles it. */
  if (GTK_IS_SWITCH (widget))
    adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), widget);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
}

static void
build_settings (PbWorkshopPage *self)
{
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *group = new_group (NULL, NULL);
  GtkWidget *widget;
  PbWorkshopStage stage = pb_workshop_get_stage (self->workshop);
  g_autofree char *length_title = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Workshop Settings"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), _("Optional stages, dots and timer length"));
  set_focus_key (expander, "settings");

  widget = gtk_switch_new ();
  gtk_switch_set_active (GTK_SWITCH (widget), pb_workshop_get_uses_warm_up (self->workshop));
  add_setting_row (self, expander, _("Warm-up with the key jar"), widget, "warm-up-switch", "use-warm-up");

  widget = gtk_switch_new ();
  gtk_switch_set_active (GTK_SWITCH (widget), pb_workshop_get_uses_criteria (self->workshop));
  add_setting_row (self, expander, _("Agree shared criteria"), widget, "criteria-switch", "use-criteria");

  widget = gtk_spin_button_new_with_range (1, 99, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), pb_workshop_get_dots_per_participant (self->workshop));
  add_setting_row (self, expander, _("Dots per participant"), widget, "dots-spin", "dots");

  /* Translators: "Minutes for Own" (the timer length of a stage). */
  length_title = g_strdup_printf (stage == PB_WORKSHOP_STAGE_EXPLAIN ? _("Minutes for each idea in %s")
                                                                     : _("Minutes for %s"),
                                  pb_workshop_stage_get_label (stage));
  widget = gtk_spin_button_new_with_range (1, 240, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget),
                             MAX (1, pb_workshop_get_stage_length (self->workshop, stage) / 60));
  add_setting_row (self, expander, length_title, widget, "length-spin", "length");

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);
  gtk_box_append (self->content_box, group);
}

/* ---- The skeleton ------------------------------------------------------- */

static void
update_timer (PbWorkshopPage *self)
{
  g_autofree char *text = NULL;
  gint64 remaining;

  if (self->workshop == NULL)
    return;
  remaining = pb_workshop_get_timer_remaining (self->workshop, g_get_real_time ());
  text = format_timer (remaining);
  gtk_label_set_text (self->timer_label, text);
  if (remaining < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->timer_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->timer_label), "error");
}

static gboolean
tick_cb (gpointer user_data)
{
  update_timer (user_data);
  return G_SOURCE_CONTINUE;
}

static void
build_stepper (PbWorkshopPage *self)
{
  PbWorkshopStage current = pb_workshop_get_stage (self->workshop);
  GtkWidget *child;
  guint number = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stepper_box))) != NULL)
    gtk_box_remove (self->stepper_box, child);
  for (PbWorkshopStage s = 0; s <= PB_WORKSHOP_STAGE_LAST; s++)
    {
      g_autofree char *text = NULL;
      GtkWidget *label;

      if (!pb_workshop_stage_is_used (self->workshop, s))
        continue;
      if (number > 0)
        {
          GtkWidget *arrow = gtk_label_new ("›");

          gtk_widget_add_css_class (arrow, "dim-label");
          gtk_box_append (self->stepper_box, arrow);
        }
      number++;
      text = g_strdup (pb_workshop_stage_get_label (s));
      label = gtk_label_new (text);
      gtk_widget_set_margin_start (label, 3);
      gtk_widget_set_margin_end (label, 3);
      if (s == current)
        {
          gtk_widget_add_css_class (label, "heading");
          gtk_widget_add_css_class (label, "accent");
          gtk_accessible_update_state (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_STATE_SELECTED, TRUE, -1);
        }
      else if (s > current)
        gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (self->stepper_box, label);
    }
}

static void
rebuild (PbWorkshopPage *self)
{
  PbProcess *process = self->bound_process;
  g_autofree char *focus_key = NULL;
  GtkWidget *child;
  GtkRoot *root;
  PbWorkshopStage stage;
  gboolean frozen;
  static const char * const changing_actions[] = {
    "workshop.next-stage", "workshop.previous-stage", "workshop.toggle-timer", "workshop.extend",
  };

  /* Which control had the focus, to give it back. */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (root != NULL)
    for (GtkWidget *w = gtk_root_get_focus (root); w != NULL; w = gtk_widget_get_parent (w))
      {
        const char *key = g_object_get_data (G_OBJECT (w), FOCUS_KEY);

        if (key != NULL)
          {
            focus_key = g_strdup (key);
            break;
          }
        if (w == GTK_WIDGET (self))
          break;
      }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content_box))) != NULL)
    gtk_box_remove (self->content_box, child);

  if (self->workshop == NULL)
    {
      gboolean proposals = process != NULL && pb_process_get_phase (process) == PB_PHASE_PROPOSALS;

      gtk_stack_set_visible_child_name (self->main_stack, "unavailable");
      gtk_widget_set_visible (GTK_WIDGET (self->start_button), proposals);
      if (process == NULL)
        adw_status_page_set_description (self->unavailable_page, _("Choose a process."));
      else if (proposals)
        adw_status_page_set_description (self->unavailable_page,
                                         _("Gather proposals with the people of the neighbourhood using the OPERA "
                                           "technique: Own, Pair, Explain, Rank, Arrange. Everything is saved as "
                                           "it happens."));
      else
        adw_status_page_set_description (self->unavailable_page,
                                         _("A workshop runs while the process takes proposals. Move the process "
                                           "to the proposals phase on the Overview page to start one."));
      return;
    }

  gtk_stack_set_visible_child_name (self->main_stack, "workshop");
  stage = pb_workshop_get_stage (self->workshop);
  build_stepper (self);
  gtk_label_set_text (self->prompt_label, pb_workshop_stage_get_prompt (stage));
  gtk_button_set_icon_name (self->timer_button, pb_workshop_get_timer_running (self->workshop)
                                                ? "media-playback-pause-symbolic"
                                                : "media-playback-start-symbolic");
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button), stage != pb_workshop_get_first_stage (self->workshop));
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), stage != PB_WORKSHOP_STAGE_LAST);
  update_timer (self);

  /* Once the process has moved on, the record stays readable and
   * exportable, and says why nothing can change. */
  frozen = process == NULL || pb_process_get_phase (process) != PB_PHASE_PROPOSALS;
  gtk_widget_set_visible (GTK_WIDGET (self->frozen_label), frozen);
  gtk_widget_set_sensitive (GTK_WIDGET (self->content_box), !frozen);
  for (guint i = 0; i < G_N_ELEMENTS (changing_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), changing_actions[i], !frozen);

  switch (stage)
    {
    case PB_WORKSHOP_STAGE_WARM_UP: build_warm_up (self); break;
    case PB_WORKSHOP_STAGE_CRITERIA: build_criteria (self); break;
    case PB_WORKSHOP_STAGE_OWN: build_own (self); break;
    case PB_WORKSHOP_STAGE_PAIR: build_pair (self); break;
    case PB_WORKSHOP_STAGE_EXPLAIN: build_explain (self); break;
    case PB_WORKSHOP_STAGE_RANK: build_rank (self); break;
    case PB_WORKSHOP_STAGE_ARRANGE: build_arrange (self); break;
    default: break;
    }
  build_settings (self);

  if (focus_key != NULL)
    {
      GtkWidget *target = find_by_focus_key (GTK_WIDGET (self->content_box), focus_key);

      if (target != NULL)
        gtk_widget_grab_focus (target);
    }
}

static gboolean
rebuild_idle_cb (gpointer user_data)
{
  PbWorkshopPage *self = user_data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* The workshop changed: rebuild once the handler that changed it (often a
 * signal of a widget about to be replaced) has returned. */
static void
workshop_changed_cb (PbWorkshopPage *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, rebuild_idle_cb, self, NULL);
}

static void
set_workshop (PbWorkshopPage *self,
              PbWorkshop     *workshop)
{
  if (self->workshop == workshop)
    return;
  if (self->workshop != NULL)
    g_signal_handlers_disconnect_by_func (self->workshop, workshop_changed_cb, self);
  g_set_object (&self->workshop, workshop);
  if (self->room != NULL)
    gtk_window_destroy (GTK_WINDOW (self->room));
  if (self->own_screen != NULL)
    gtk_window_destroy (GTK_WINDOW (self->own_screen));
  if (workshop != NULL)
    g_signal_connect_swapped (workshop, "changed", G_CALLBACK (workshop_changed_cb), self);
}

static void
process_notify_cb (PbWorkshopPage *self)
{
  rebuild (self);
}

static void
pb_workshop_page_process_changed (PbPage *page)
{
  PbWorkshopPage *self = PB_WORKSHOP_PAGE (page);
  PbProcess *process = pb_page_get_process (page);
  PbStore *store = pb_page_get_store (page);
  PbWorkshop *workshop = NULL;

  if (self->bound_process != NULL)
    g_signal_handlers_disconnect_by_func (self->bound_process, process_notify_cb, self);
  g_set_object (&self->bound_process, process);
  if (process != NULL)
    g_signal_connect_swapped (process, "notify::phase", G_CALLBACK (process_notify_cb), self);
  if (store != NULL && process != NULL)
    {
      g_autoptr(GError) error = NULL;

      workshop = pb_store_get_workshop (store, process, &error);
      if (error != NULL)
        pb_page_show_error (page, error);
    }
  self->own_participant = 0;
  self->rank_participant = 0;
  set_workshop (self, workshop);
  rebuild (self);
}

/* ---- Actions ------------------------------------------------------------ */

#define WORKSHOP_OR_RETURN(self) \
  G_STMT_START { if ((self)->workshop == NULL || store_of (self) == NULL) return; } G_STMT_END

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PbWorkshopPage *self = PB_WORKSHOP_PAGE (widget);
  g_autoptr(GError) error = NULL;
  PbWorkshop *workshop;

  if (self->bound_process == NULL || store_of (self) == NULL)
    return;
  workshop = pb_store_start_workshop (store_of (self), self->bound_process, &error);
  if (!check (self, workshop != NULL, error))
    return;
  set_workshop (self, workshop);
  rebuild (self);
}

static void
room_destroyed_cb (PbWorkshopPage *self)
{
  self->room = NULL;
}

static void
room_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PbWorkshopPage *self = PB_WORKSHOP_PAGE (widget);

  WORKSHOP_OR_RETURN (self);
  if (self->room == NULL)
    {
      self->room = pb_workshop_room_new (self->workshop);
      g_signal_connect_object (self->room, "destroy", G_CALLBACK (room_destroyed_cb), self, G_CONNECT_SWAPPED);
      gtk_window_fullscreen (GTK_WINDOW (self->room));
    }
  gtk_window_present (GTK_WINDOW (self->room));
}

static void
own_screen_destroyed_cb (PbWorkshopPage *self)
{
  self->own_screen = NULL;
}

/* The participants' screen of Own: full screen, each writes in turn. */
static void
own_screen_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PbWorkshopPage *self = PB_WORKSHOP_PAGE (widget);

  WORKSHOP_OR_RETURN (self);
  if (self->own_screen == NULL)
    {
      self->own_screen = pb_workshop_own_new (store_of (self), self->workshop);
      g_signal_connect_object (self->own_screen, "destroy", G_CALLBACK (own_screen_destroyed_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_window_fullscreen (GTK_WINDOW (self->own_screen));
    }
  gtk_window_present (GTK_WINDOW (self->own_screen));
}

static void
undo_promotion_cb (AdwToast       *toast,
                   PbWorkshopPage *self)
{
  PbProject *project = g_object_get_data (G_OBJECT (toast), "project");
  g_autoptr(GError) error = NULL;

  if (store_of (self) == NULL || project == NULL)
    return;
  check (self, pb_store_delete_project (store_of (self), project, &error), error);
}

/* Actions taking one id. */
static void
id_action (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  PbWorkshopPage *self = PB_WORKSHOP_PAGE (widget);
  PbStore *store = store_of (self);
  g_autoptr(GError) error = NULL;
  gint64 id = g_variant_get_int64 (parameter);
  gboolean ok = TRUE;

  WORKSHOP_OR_RETURN (self);
  if (g_str_equal (action_name, "workshop.remove-question"))
    ok = pb_store_workshop_remove_question (store, self->workshop, id, &error);
  else if (g_str_equal (action_name, "workshop.remove-criterion"))
    ok = pb_store_workshop_remove_criterion (store, self->workshop, id, &error);
  else if (g_str_equal (action_name, "workshop.remove-participant"))
    ok = pb_store_workshop_remove_participant (store, self->workshop, id, &error);
  else if (g_str_equal (action_name, "workshop.remove-idea"))
    ok = pb_store_workshop_remove_idea (store, self->workshop, id, &error);
  else if (g_str_equal (action_name, "workshop.remove-group"))
    ok = pb_store_workshop_remove_group (store, self->workshop, id, &error);
  else if (g_str_equal (action_name, "workshop.explain-step"))
    ok = pb_store_workshop_explain_step (store, self->workshop, (int) id, &error);
  else if (g_str_equal (action_name, "workshop.explain-earlier"))
    ok = pb_store_workshop_explain_move (store, self->workshop, id, -1, &error);
  else if (g_str_equal (action_name, "workshop.explain-later"))
    ok = pb_store_workshop_explain_move (store, self->workshop, id, 1, &error);
  else if (g_str_equal (action_name, "workshop.dot-add") || g_str_equal (action_name, "workshop.dot-remove"))
    {
      guint now = pb_workshop_get_dots (self->workshop, self->rank_participant, id);

      if (g_str_equal (action_name, "workshop.dot-add"))
        ok = pb_store_workshop_set_dots (store, self->workshop, self->rank_participant, id, now + 1, &error);
      else if (now > 0)
        ok = pb_store_workshop_set_dots (store, self->workshop, self->rank_participant, id, now - 1, &error);
    }
  else if (g_str_equal (action_name, "workshop.promote-idea") || g_str_equal (action_name, "workshop.promote-group"))
    {
      PbProject *project = g_str_equal (action_name, "workshop.promote-idea")
                           ? pb_store_workshop_promote_idea (store, self->workshop, id, &error)
                           : pb_store_workshop_promote_group (store, self->workshop, id, &error);

      ok = project != NULL;
      if (ok)
        {
          /* Translators: a toast: "Project P4 “Benches” added for review". */
          g_autofree char *message = g_strdup_printf (_("Project %s “%s” added for review"),
                                                      pb_project_get_code (project), pb_project_get_title (project));
          AdwToast *toast = adw_toast_new (message);

          /* Undo deletes the project again (audited); the idea or group
           * can then be made a project anew. */
          adw_toast_set_button_label (toast, _("_Undo"));
          g_object_set_data_full (G_OBJECT (toast), "project", g_object_ref (project), g_object_unref);
          g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_promotion_cb), self, 0);
          pb_page_add_toast (PB_PAGE (self), toast);
        }
    }
  check (self, ok, error);
}

/* The actions without a parameter that make one change to the workshop. */
static void
simple_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PbWorkshopPage *self = PB_WORKSHOP_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  WORKSHOP_OR_RETURN (self);
  if (g_str_equal (action_name, "workshop.next-stage"))
    ok = pb_store_workshop_next_stage (store_of (self), self->workshop, &error);
  else if (g_str_equal (action_name, "workshop.previous-stage"))
    ok = pb_store_workshop_previous_stage (store_of (self), self->workshop, &error);
  else if (g_str_equal (action_name, "workshop.extend"))
    ok = pb_store_workshop_timer_extend (store_of (self), self->workshop, 60, &error);
  else if (g_str_equal (action_name, "workshop.toggle-timer"))
    ok = pb_workshop_get_timer_running (self->workshop)
         ? pb_store_workshop_timer_pause (store_of (self), self->workshop, &error)
         : pb_store_workshop_timer_start (store_of (self), self->workshop, &error);
  else if (g_str_equal (action_name, "workshop.draw"))
    ok = pb_store_workshop_draw_question (store_of (self), self->workshop, &error);
  else if (g_str_equal (action_name, "workshop.refill"))
    ok = pb_store_workshop_refill_jar (store_of (self), self->workshop, &error);
  else if (g_str_equal (action_name, "workshop.pair-everyone"))
    ok = pb_store_workshop_pair_everyone (store_of (self), self->workshop, &error);
  check (self, ok, error);
}

static void
move_to_group_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PbWorkshopPage *self = PB_WORKSHOP_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gint64 idea, group;

  WORKSHOP_OR_RETURN (self);
  g_variant_get (parameter, "(xx)", &idea, &group);
  check (self, pb_store_workshop_move_to_group (store_of (self), self->workshop, idea, group, &error), error);
}

/* A dialog that asks for a text in an entry, first @text; @response
 * (labelled @response_label) is its suggested default, and the entry is
 * the dialog's data "entry" for @response_cb. */
static GtkWidget *
text_dialog (PbWorkshopPage *self,
             const char     *heading,
             const char     *body,
             const char     *entry_label,
             const char     *text,
             const char     *response,
             const char     *response_label,
             GCallback       response_cb)
{
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), heading, body);
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, entry_label, -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), response, response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), response);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect_object (dialog, "response", response_cb, self, 0);
  return dialog;
}

static void
merge_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   PbWorkshopPage   *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  gint64 a = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "a"));
  gint64 b = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "b"));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "merge") || self->workshop == NULL)
    return;
  check (self, pb_store_workshop_merge_ideas (store_of (self), self->workshop, a, b, gtk_editable_get_text (entry),
                                              &error) != 0, error);
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PbWorkshopPage *self = PB_WORKSHOP_PAGE (widget);
  const PbWorkshopIdea *a, *b;
  GtkWidget *dialog;
  g_autofree char *joined = NULL;
  gint64 id_a, id_b;

  WORKSHOP_OR_RETURN (self);
  g_variant_get (parameter, "(xx)", &id_a, &id_b);
  a = pb_workshop_lookup_idea (self->workshop, id_a);
  b = pb_workshop_lookup_idea (self->workshop, id_b);
  if (a == NULL || b == NULL)
    return;
  joined = g_strdup_printf ("%s; %s", a->text, b->text);
  dialog = text_dialog (self, _("Merge Two Ideas"),
                        _("The pair writes the merged idea in its own words. It replaces the two ideas "
                          "and is picked."),
                        _("Merged idea"), joined, "merge", _("_Merge"), G_CALLBACK (merge_response_cb));
  g_object_set_data (G_OBJECT (dialog), "a", GSIZE_TO_POINTER ((gsize) id_a));
  g_object_set_data (G_OBJECT (dialog), "b", GSIZE_TO_POINTER ((gsize) id_b));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Editing a text ----------------------------------------------------- */

static void
edit_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  PbWorkshopPage   *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  const char *kind = g_object_get_data (G_OBJECT (dialog), "kind");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "id"));
  const char *text = gtk_editable_get_text (entry);
  PbStore *store = store_of (self);
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;

  if (!g_str_equal (response, "save") || self->workshop == NULL || store == NULL)
    return;
  if (g_str_equal (kind, "workshop.edit-question"))
    ok = pb_store_workshop_edit_question (store, self->workshop, id, text, &error);
  else if (g_str_equal (kind, "workshop.edit-criterion"))
    ok = pb_store_workshop_edit_criterion (store, self->workshop, id, text, &error);
  else if (g_str_equal (kind, "workshop.edit-participant"))
    ok = pb_store_workshop_rename_participant (store, self->workshop, id, text, &error);
  else if (g_str_equal (kind, "workshop.edit-idea"))
    ok = pb_store_workshop_edit_idea (store, self->workshop, id, text, &error);
  else if (g_str_equal (kind, "workshop.edit-group"))
    ok = pb_store_workshop_rename_group (store, self->workshop, id, text, &error);
  check (self, ok, error);
}

static const char *
text_of (PbWorkshopPage *self,
         const char     *kind,
         gint64          id)
{
  if (g_str_equal (kind, "workshop.edit-question"))
    {
      GPtrArray *questions = pb_workshop_get_questions (self->workshop);

      for (guint i = 0; i < questions->len; i++)
        if (((PbWorkshopQuestion *) questions->pdata[i])->id == id)
          return ((PbWorkshopQuestion *) questions->pdata[i])->text;
    }
  else if (g_str_equal (kind, "workshop.edit-criterion"))
    {
      GPtrArray *criteria = pb_workshop_get_criteria (self->workshop);

      for (guint i = 0; i < criteria->len; i++)
        if (((PbWorkshopCriterion *) criteria->pdata[i])->id == id)
          return ((PbWorkshopCriterion *) criteria->pdata[i])->text;
    }
  else if (g_str_equal (kind, "workshop.edit-participant"))
    return pb_workshop_lookup_participant (self->workshop, id)
           ? pb_workshop_lookup_participant (self->workshop, id)->name : NULL;
  else if (g_str_equal (kind, "workshop.edit-idea"))
    return pb_workshop_lookup_idea (self->workshop, id) ? pb_workshop_lookup_idea (self->workshop, id)->text : NULL;
  else if (g_str_equal (kind, "workshop.edit-group"))
    return pb_workshop_lookup_group (self->workshop, id) ? pb_workshop_lookup_group (self->workshop, id)->name
                                                         : NULL;
  return NULL;
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PbWorkshopPage *self = PB_WORKSHOP_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  const char *text;
  const char *heading;
  GtkWidget *dialog;

  WORKSHOP_OR_RETURN (self);
  text = text_of (self, action_name, id);
  if (text == NULL)
    return;
  if (g_str_equal (action_name, "workshop.edit-question"))
    heading = _("Edit the Question");
  else if (g_str_equal (action_name, "workshop.edit-criterion"))
    heading = _("Edit the Criterion");
  else if (g_str_equal (action_name, "workshop.edit-participant"))
    heading = _("Rename the Participant");
  else if (g_str_equal (action_name, "workshop.edit-group"))
    heading = _("Rename the Group");
  else
    heading = _("Edit the Idea");
  dialog = text_dialog (self, heading, NULL, heading, text, "save", _("_Save"), G_CALLBACK (edit_response_cb));
  g_object_set_data_full (G_OBJECT (dialog), "kind", g_strdup (action_name), g_free);
  g_object_set_data (G_OBJECT (dialog), "id", GSIZE_TO_POINTER ((gsize) id));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Exports ------------------------------------------------------------ */

/* Says how an export ended: @saved_message, or the error (a cancelled
 * export says nothing). */
static void
export_finished (PbWorkshopPage *self,
                 gboolean        ok,
                 const GError   *error,
                 const char     *saved_message)
{
  if (ok)
    pb_page_add_toast (PB_PAGE (self), adw_toast_new (saved_message));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    pb_page_show_error (PB_PAGE (self), error);
}

static void
json_written_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PbWorkshopPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = pb_file_replace_atomically_finish (G_FILE (source), result, &error);

  export_finished (self, ok, error, _("Workshop record saved as JSON"));
}

static void
pdf_written_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PbWorkshopPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = pb_workshop_report_write_finish (result, &error);

  export_finished (self, ok, error, _("Workshop summary saved as PDF"));
}

static void
export_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  PbWorkshopPage  *self)
{
  gboolean pdf = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "pdf"));
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT || self->workshop == NULL)
    return;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  pb_workshop_page_export (self, file, pdf);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PbWorkshopPage *self = PB_WORKSHOP_PAGE (widget);
  gboolean pdf = g_str_equal (action_name, "workshop.export-pdf");
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  WORKSHOP_OR_RETURN (self);
  /* Translators: a file name; %s is the process. */
  name = g_strdup_printf (pdf ? _("%s – workshop.pdf") : _("%s – workshop.json"),
                          pb_process_get_name (self->bound_process));
  /* Tests cannot drive a native file chooser: PB_TEST_EXPORT_DIR stands
   * for the officer's choice of folder, with the default name. */
  if (g_getenv ("PB_TEST_EXPORT_DIR") != NULL && g_getenv ("PB_TEST_EXPORT_DIR")[0] != '\0')
    {
      g_autoptr(GFile) file = g_file_new_build_filename (g_getenv ("PB_TEST_EXPORT_DIR"), name, NULL);

      pb_workshop_page_export (self, file, pdf);
      return;
    }
  chooser = gtk_file_chooser_native_new (pdf ? _("Save Workshop Summary") : _("Save Workshop Record"),
                                         parent_window (self), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                         _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "pdf", GINT_TO_POINTER (pdf));
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_chosen_cb), self, 0);
  g_signal_connect (chooser, "response", G_CALLBACK (g_object_unref), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
pb_workshop_page_export (PbWorkshopPage *self,
                         GFile          *file,
                         gboolean        pdf)
{
  g_return_if_fail (PB_IS_WORKSHOP_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->workshop == NULL)
    return;
  if (pdf)
    pb_workshop_report_write_async (self->workshop, store_of (self), file, self->cancellable, pdf_written_cb,
                                    g_object_ref (self));
  else
    {
      char *json = pb_workshop_to_json (self->workshop, store_of (self));
      gsize length = strlen (json);
      g_autoptr(GBytes) bytes = g_bytes_new_take (json, length);

      pb_file_replace_atomically_async (file, bytes, self->cancellable, json_written_cb, g_object_ref (self));
    }
}

/* ---- Object ------------------------------------------------------------- */

PbWorkshop *
pb_workshop_page_get_workshop (PbWorkshopPage *self)
{
  g_return_val_if_fail (PB_IS_WORKSHOP_PAGE (self), NULL);
  return self->workshop;
}

GtkWindow *
pb_workshop_page_get_room (PbWorkshopPage *self)
{
  g_return_val_if_fail (PB_IS_WORKSHOP_PAGE (self), NULL);
  return self->room ? GTK_WINDOW (self->room) : NULL;
}

GtkWindow *
pb_workshop_page_get_own_screen (PbWorkshopPage *self)
{
  g_return_val_if_fail (PB_IS_WORKSHOP_PAGE (self), NULL);
  return self->own_screen ? GTK_WINDOW (self->own_screen) : NULL;
}

gint64
pb_workshop_page_get_own_participant (PbWorkshopPage *self)
{
  g_return_val_if_fail (PB_IS_WORKSHOP_PAGE (self), 0);
  return self->own_participant;
}

void
pb_workshop_page_set_own_participant (PbWorkshopPage *self,
                                      gint64          participant_id)
{
  g_return_if_fail (PB_IS_WORKSHOP_PAGE (self));
  self->own_participant = participant_id;
  workshop_changed_cb (self);
}

gint64
pb_workshop_page_get_rank_participant (PbWorkshopPage *self)
{
  g_return_val_if_fail (PB_IS_WORKSHOP_PAGE (self), 0);
  return self->rank_participant;
}

void
pb_workshop_page_set_rank_participant (PbWorkshopPage *self,
                                       gint64          participant_id)
{
  g_return_if_fail (PB_IS_WORKSHOP_PAGE (self));
  self->rank_participant = participant_id;
  workshop_changed_cb (self);
}

const char *
pb_workshop_page_get_timer_text (PbWorkshopPage *self)
{
  g_return_val_if_fail (PB_IS_WORKSHOP_PAGE (self), NULL);
  return gtk_label_get_text (self->timer_label);
}

static void
pb_workshop_page_dispose (GObject *object)
{
  PbWorkshopPage *self = PB_WORKSHOP_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->room != NULL)
    gtk_window_destroy (GTK_WINDOW (self->room));
  if (self->own_screen != NULL)
    gtk_window_destroy (GTK_WINDOW (self->own_screen));
  if (self->bound_process != NULL)
    g_signal_handlers_disconnect_by_func (self->bound_process, process_notify_cb, self);
  g_clear_object (&self->bound_process);
  if (self->workshop != NULL)
    g_signal_handlers_disconnect_by_func (self->workshop, workshop_changed_cb, self);
  g_clear_object (&self->workshop);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_WORKSHOP_PAGE);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pb_workshop_page_parent_class)->dispose (object);
}

static void
pb_workshop_page_class_init (PbWorkshopPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PbPageClass *page_class = PB_PAGE_CLASS (klass);

  object_class->dispose = pb_workshop_page_dispose;
  page_class->process_changed = pb_workshop_page_process_changed;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Pb/officer/pb-workshop-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PbWorkshopPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PbWorkshopPage, unavailable_page);
  gtk_widget_class_bind_template_child (widget_class, PbWorkshopPage, start_button);
  gtk_widget_class_bind_template_child (widget_class, PbWorkshopPage, stepper_box);
  gtk_widget_class_bind_template_child (widget_class, PbWorkshopPage, timer_label);
  gtk_widget_class_bind_template_child (widget_class, PbWorkshopPage, timer_button);
  gtk_widget_class_bind_template_child (widget_class, PbWorkshopPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, PbWorkshopPage, next_button);
  gtk_widget_class_bind_template_child (widget_class, PbWorkshopPage, prompt_label);
  gtk_widget_class_bind_template_child (widget_class, PbWorkshopPage, frozen_label);
  gtk_widget_class_bind_template_child (widget_class, PbWorkshopPage, content_box);

  gtk_widget_class_install_action (widget_class, "workshop.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "workshop.next-stage", NULL, simple_action);
  gtk_widget_class_install_action (widget_class, "workshop.previous-stage", NULL, simple_action);
  gtk_widget_class_install_action (widget_class, "workshop.toggle-timer", NULL, simple_action);
  gtk_widget_class_install_action (widget_class, "workshop.extend", NULL, simple_action);
  gtk_widget_class_install_action (widget_class, "workshop.room-view", NULL, room_view_action);
  gtk_widget_class_install_action (widget_class, "workshop.own-screen", NULL, own_screen_action);
  gtk_widget_class_install_action (widget_class, "workshop.export-json", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "workshop.export-pdf", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "workshop.draw", NULL, simple_action);
  gtk_widget_class_install_action (widget_class, "workshop.refill", NULL, simple_action);
  gtk_widget_class_install_action (widget_class, "workshop.pair-everyone", NULL, simple_action);
  gtk_widget_class_install_action (widget_class, "workshop.merge", "(xx)", merge_action);
  {
    const char *edit_actions[] = {
      "workshop.edit-question", "workshop.edit-criterion", "workshop.edit-participant", "workshop.edit-idea",
      "workshop.edit-group",
    };

    for (guint i = 0; i < G_N_ELEMENTS (edit_actions); i++)
      gtk_widget_class_install_action (widget_class, edit_actions[i], "x", edit_action);
  }
  gtk_widget_class_install_action (widget_class, "workshop.move-to-group", "(xx)", move_to_group_action);
  {
    const char *id_actions[] = {
      "workshop.remove-question", "workshop.remove-criterion", "workshop.remove-participant",
      "workshop.remove-idea", "workshop.remove-group", "workshop.explain-step", "workshop.explain-earlier",
      "workshop.explain-later", "workshop.dot-add", "workshop.dot-remove", "workshop.promote-idea",
      "workshop.promote-group",
    };

    for (guint i = 0; i < G_N_ELEMENTS (id_actions); i++)
      gtk_widget_class_install_action (widget_class, id_actions[i], "x", id_action);
  }
}

static void
pb_workshop_page_init (PbWorkshopPage *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->tick_id = g_timeout_add_seconds (1, tick_cb, self);
  rebuild (self);
}

GtkWidget *
pb_workshop_page_new (void)
{
  return g_object_new (PB_TYPE_WORKSHOP_PAGE, NULL);
}
