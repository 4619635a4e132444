/* pb-kiosk-choose-page.c: the kiosk screen where a resident chooses. */

#include "pb-config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-kiosk-choose-page.h"
#include "pb-kiosk-project-card.h"
#include "pb-kiosk-rank-row.h"
#include "pb-kiosk-slot-model.h"

/* Search and the category filter appear when the list gets long. */
#define MANY_PROJECTS 8

struct _PbKioskChoosePage
{
  GtkBox              parent_instance;

  PbKioskSession     *session;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  GHashTable         *search_texts;   /* PbProject → its casefolded text */
  char               *search_key;     /* casefolded search text, or NULL */
  gint64              category_id;    /* 0: every category */
  GArray             *category_ids;   /* dropdown position → category id */

  /* Where keyboard focus goes after the ranking is rebuilt. */
  gint64              focus_project_id;
  PbKioskRankRowButton focus_button;

  GtkLabel           *title_label;
  GtkLabel           *rules_label;
  GtkBox             *budget_box;
  GtkLevelBar        *budget_bar;
  GtkLabel           *budget_label;
  GtkLabel           *count_label;
  GtkRevealer        *message_revealer;
  GtkLabel           *message_label;
  GtkButton          *message_button;
  GtkBox             *filter_box;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *category_dropdown;
  GtkStack           *inner_stack;
  GtkScrolledWindow  *list_scroller;
  GtkGridView        *project_grid;
  GtkBox             *details_box;
  GtkButton          *details_back_button;
  GtkBox             *ranking_panel;
  GtkLabel           *ranking_empty_label;
  GtkListBox         *ranking_list;
  GtkButton          *review_button;

  GtkWidget          *details_card;
};

G_DEFINE_FINAL_TYPE (PbKioskChoosePage, pb_kiosk_choose_page, GTK_TYPE_BOX)

enum {
  REVIEW,
  CANCEL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
pb_kiosk_choose_page_hide_message (PbKioskChoosePage *self)
{
  gtk_revealer_set_reveal_child (self->message_revealer, FALSE);
  gtk_label_set_label (self->message_label, "");
}

void
pb_kiosk_choose_page_show_message (PbKioskChoosePage *self,
                                   const char        *message)
{
  g_return_if_fail (PB_IS_KIOSK_CHOOSE_PAGE (self));

  gtk_label_set_label (self->message_label, message);
  gtk_revealer_set_reveal_child (self->message_revealer, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->message_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                  -1);
}

const char *
pb_kiosk_choose_page_get_message (PbKioskChoosePage *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_CHOOSE_PAGE (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->message_revealer))
    return NULL;
  return gtk_label_get_label (self->message_label);
}

static void
on_message_dismissed (PbKioskChoosePage *self)
{
  pb_kiosk_choose_page_hide_message (self);
}

static void
card_refused_cb (PbKioskChoosePage *self,
                 const char        *message)
{
  pb_kiosk_choose_page_show_message (self, message);
  /* Keyboard users land on the message so that they hear it. */
  gtk_widget_grab_focus (GTK_WIDGET (self->message_button));
}

static void
pb_kiosk_choose_page_show_list (PbKioskChoosePage *self)
{
  gboolean any = g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0;

  gtk_stack_set_visible_child_name (self->inner_stack, any ? "list" : "empty");
}

static void
on_details_back_clicked (PbKioskChoosePage *self)
{
  PbProject *project = NULL;

  if (self->details_card != NULL)
    project = pb_kiosk_project_card_get_project (PB_KIOSK_PROJECT_CARD (self->details_card));
  pb_kiosk_choose_page_show_list (self);

  /* Return the focus to the card the resident came from. */
  if (project != NULL)
    {
      GtkWidget *card = pb_kiosk_choose_page_get_card (self, project);

      if (card != NULL)
        gtk_widget_grab_focus (card);
    }
}

static void
card_show_details_cb (PbKioskChoosePage  *self,
                      PbKioskProjectCard *card)
{
  PbProject *project = pb_kiosk_project_card_get_project (card);

  if (self->details_card != NULL)
    gtk_box_remove (self->details_box, self->details_card);
  self->details_card = pb_kiosk_project_card_new (self->session, project, TRUE);
  g_signal_connect_swapped (self->details_card, "refused", G_CALLBACK (card_refused_cb), self);
  gtk_box_append (self->details_box, self->details_card);
  gtk_stack_set_visible_child_name (self->inner_stack, "details");
  gtk_widget_grab_focus (GTK_WIDGET (self->details_back_button));
}

/* The grid creates a card only for the projects on screen and fills it
 * again as the resident scrolls: 200 projects cost a screenful of cards. */
static void
setup_card_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               PbKioskChoosePage        *self)
{
  GtkWidget *card = pb_kiosk_project_card_new (self->session, NULL, FALSE);

  /* Tab goes straight to the buttons inside each card. */
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_selectable (item, FALSE);
  gtk_list_item_set_child (item, card);
  g_signal_connect_object (card, "refused", G_CALLBACK (card_refused_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (card, "show-details", G_CALLBACK (card_show_details_cb), self, G_CONNECT_SWAPPED);
}

/* A search gives a slot another project: its card shows that one. */
static void
slot_project_changed_cb (PbKioskSlot        *slot,
                         GParamSpec         *pspec,
                         PbKioskProjectCard *card)
{
  pb_kiosk_project_card_set_project (card, pb_kiosk_slot_get_project (slot));
}

static void
bind_card_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              PbKioskChoosePage        *self)
{
  PbKioskSlot *slot = PB_KIOSK_SLOT (gtk_list_item_get_item (item));
  GtkWidget *card = gtk_list_item_get_child (item);

  pb_kiosk_project_card_set_project (PB_KIOSK_PROJECT_CARD (card), pb_kiosk_slot_get_project (slot));
  g_signal_connect_object (slot, "notify::project", G_CALLBACK (slot_project_changed_cb), card, 0);
}

static void
unbind_card_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                PbKioskChoosePage        *self)
{
  GObject *slot = gtk_list_item_get_item (item);
  GtkWidget *card = gtk_list_item_get_child (item);

  if (slot != NULL)
    g_signal_handlers_disconnect_by_func (slot, slot_project_changed_cb, card);
  pb_kiosk_project_card_set_project (PB_KIOSK_PROJECT_CARD (card), NULL);
}

/* Everything a search looks in, casefolded once per project. */
static const char *
pb_kiosk_choose_page_get_search_text (PbKioskChoosePage *self,
                                      PbProject         *project)
{
  const char *fields[] = {
    pb_project_get_title (project),
    pb_project_get_summary (project),
    pb_project_get_description (project),
    pb_project_get_code (project),
    pb_kiosk_session_get_category_name (self->session, project),
  };
  g_autoptr(GString) text = NULL;
  char *folded;

  folded = g_hash_table_lookup (self->search_texts, project);
  if (folded != NULL)
    return folded;

  /* The fields are joined by a line break, which a search key cannot
   * hold (the entry has one line), so no match spans two fields. */
  text = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (fields[i] == NULL)
        continue;
      g_string_append (text, fields[i]);
      g_string_append_c (text, '\n');
    }
  folded = g_utf8_casefold (text->str, text->len);
  g_hash_table_insert (self->search_texts, g_object_ref (project), folded);
  return folded;
}

static gboolean
project_matches_cb (gpointer item,
                    gpointer user_data)
{
  PbKioskChoosePage *self = user_data;
  PbProject *project = item;

  if (self->category_id != 0 && pb_project_get_category_id (project) != self->category_id)
    return FALSE;

  if (self->search_key != NULL)
    return strstr (pb_kiosk_choose_page_get_search_text (self, project), self->search_key) != NULL;
  return TRUE;
}

static void
pb_kiosk_choose_page_scroll_to_top (PbKioskChoosePage *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->list_scroller);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

static void
pb_kiosk_choose_page_refilter (PbKioskChoosePage *self,
                               GtkFilterChange    change)
{
  /* A new search or category starts at the top of its results. */
  pb_kiosk_choose_page_scroll_to_top (self);
  gtk_filter_changed (GTK_FILTER (self->filter), change);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->inner_stack), "details") != 0)
    pb_kiosk_choose_page_show_list (self);
}

static void
on_search_changed (PbKioskChoosePage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *old_key = g_steal_pointer (&self->search_key);
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  if (stripped[0] != '\0')
    self->search_key = g_utf8_casefold (stripped, -1);
  if (g_strcmp0 (old_key, self->search_key) == 0)
    return;

  /* Typing on narrows the list and deleting widens it: the filter then
   * looks again only at the projects that can change, and the grid keeps
   * the cards of those that stay. */
  if (self->search_key == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (old_key == NULL || strstr (self->search_key, old_key) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (old_key, self->search_key) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  pb_kiosk_choose_page_refilter (self, change);
}

static void
category_selected_cb (PbKioskChoosePage *self)
{
  guint position = gtk_drop_down_get_selected (self->category_dropdown);

  self->category_id = position < self->category_ids->len
                    ? g_array_index (self->category_ids, gint64, position)
                    : 0;
  pb_kiosk_choose_page_refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
}

static void
rank_row_activated_button_cb (PbKioskChoosePage *self,
                              int                button,
                              PbKioskRankRow    *row)
{
  PbProject *project = pb_kiosk_rank_row_get_project (row);
  g_autoptr(GError) error = NULL;

  self->focus_project_id = pb_project_get_id (project);
  self->focus_button = button;

  switch (button)
    {
    case PB_KIOSK_RANK_ROW_UP:
      pb_kiosk_session_move (self->session, project, -1);
      break;
    case PB_KIOSK_RANK_ROW_DOWN:
      pb_kiosk_session_move (self->session, project, +1);
      break;
    case PB_KIOSK_RANK_ROW_REMOVE:
      pb_kiosk_session_set_points (self->session, project, 0, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  self->focus_project_id = 0;
}

static void
pb_kiosk_choose_page_rebuild_ranking (PbKioskChoosePage *self)
{
  const PbBallotChoices *choices = pb_kiosk_session_get_choices (self->session);
  PbProcess *process = pb_kiosk_session_get_process (self->session);
  guint n = pb_ballot_choices_get_n_entries (choices);
  GtkWidget *child;
  GtkWidget *focus = NULL;
  gint64 focus_id = self->focus_project_id;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->ranking_list))) != NULL)
    gtk_list_box_remove (self->ranking_list, child);

  for (guint i = 0; i < n; i++)
    {
      gint64 id = pb_ballot_choices_get_project (choices, i);
      PbProject *project = pb_process_lookup_project (process, id);
      GtkWidget *row;

      if (project == NULL)
        continue;
      row = pb_kiosk_rank_row_new (self->session, project, i + 1, n);
      g_signal_connect_swapped (row, "activated-button", G_CALLBACK (rank_row_activated_button_cb), self);
      gtk_list_box_append (self->ranking_list, row);

      /* Keep the keyboard focus on the project that was just moved, or
       * on the row that took the place of one just removed. */
      if (focus_id != 0 && focus == NULL)
        {
          PbKioskRankRow *rank_row = PB_KIOSK_RANK_ROW (row);

          if (id == focus_id)
            {
              focus = pb_kiosk_rank_row_get_button (rank_row, self->focus_button);
              if (!gtk_widget_get_sensitive (focus))
                focus = pb_kiosk_rank_row_get_button (rank_row,
                                                      self->focus_button == PB_KIOSK_RANK_ROW_UP
                                                      ? PB_KIOSK_RANK_ROW_DOWN : PB_KIOSK_RANK_ROW_UP);
            }
        }
    }
  if (focus_id != 0 && focus == NULL && self->focus_button == PB_KIOSK_RANK_ROW_REMOVE)
    {
      GtkWidget *last = gtk_widget_get_last_child (GTK_WIDGET (self->ranking_list));

      focus = last != NULL
            ? pb_kiosk_rank_row_get_button (PB_KIOSK_RANK_ROW (last), PB_KIOSK_RANK_ROW_REMOVE)
            : GTK_WIDGET (self->review_button);
    }
  if (focus != NULL)
    gtk_widget_grab_focus (focus);

  gtk_widget_set_visible (GTK_WIDGET (self->ranking_empty_label), n == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->ranking_list), n > 0);
}

static void
pb_kiosk_choose_page_update (PbKioskChoosePage *self)
{
  const PbBallotChoices *choices = pb_kiosk_session_get_choices (self->session);
  guint n = pb_ballot_choices_get_n_entries (choices);
  g_autofree char *budget = pb_kiosk_session_dup_budget_text (self->session);
  g_autofree char *count = NULL;
  gboolean show_budget = budget != NULL;

  switch (pb_kiosk_session_get_format (self->session))
    {
    case PB_BALLOT_FORMAT_APPROVAL:
    case PB_BALLOT_FORMAT_KNAPSACK:
      count = g_strdup_printf (ngettext ("You have chosen %u project", "You have chosen %u projects", n), n);
      break;

    case PB_BALLOT_FORMAT_CUMULATIVE:
      {
        guint left = pb_kiosk_session_get_points_left (self->session);

        count = g_strdup_printf (ngettext ("%u point left to give", "%u points left to give", left), left);
      }
      break;

    case PB_BALLOT_FORMAT_RANKING:
      count = g_strdup_printf (ngettext ("You have ranked %u project", "You have ranked %u projects", n), n);
      pb_kiosk_choose_page_rebuild_ranking (self);
      break;

    default:
      g_assert_not_reached ();
    }

  gtk_widget_set_visible (GTK_WIDGET (self->budget_box), show_budget);
  gtk_widget_set_visible (GTK_WIDGET (self->budget_label), show_budget);
  if (show_budget)
    {
      double fraction = pb_kiosk_session_get_spent_fraction (self->session);

      gtk_level_bar_set_value (self->budget_bar, fraction);
      gtk_label_set_label (self->budget_label, budget);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->budget_bar),
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, budget,
                                      -1);
    }
  gtk_label_set_label (self->count_label, count);
}

static void
session_changed_cb (PbKioskChoosePage *self)
{
  pb_kiosk_choose_page_update (self);
}

static void
on_review_clicked (PbKioskChoosePage *self)
{
  g_autoptr(GError) error = NULL;

  if (!pb_kiosk_session_validate (self->session, &error))
    {
      pb_kiosk_choose_page_show_message (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->message_button));
      return;
    }
  pb_kiosk_choose_page_hide_message (self);
  g_signal_emit (self, signals[REVIEW], 0);
}

static void
on_cancel_clicked (PbKioskChoosePage *self)
{
  g_signal_emit (self, signals[CANCEL], 0);
}

static void
pb_kiosk_choose_page_fill_categories (PbKioskChoosePage *self)
{
  PbProcess *process = pb_kiosk_session_get_process (self->session);
  GListModel *categories = pb_process_list_categories (process);
  guint n = g_list_model_get_n_items (categories);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 none = 0;

  g_array_set_size (self->category_ids, 0);
  gtk_string_list_append (names, _("All categories"));
  g_array_append_val (self->category_ids, none);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbCategory) category = g_list_model_get_item (categories, i);
      gint64 id = pb_category_get_id (category);

      gtk_string_list_append (names, pb_category_get_name (category));
      g_array_append_val (self->category_ids, id);
    }
  gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (names));
  gtk_widget_set_visible (GTK_WIDGET (self->category_dropdown), n > 1);
}

static void
pb_kiosk_choose_page_setup (PbKioskChoosePage *self)
{
  PbProcess *process = pb_kiosk_session_get_process (self->session);
  GListModel *projects = pb_process_list_ballot_projects (process);
  PbBallotFormat format = pb_kiosk_session_get_format (self->session);
  g_autofree char *rules = pb_kiosk_session_dup_rules_text (self->session);
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autoptr(PbKioskSlotModel) slots = NULL;

  switch (format)
    {
    case PB_BALLOT_FORMAT_APPROVAL:
    case PB_BALLOT_FORMAT_KNAPSACK:
      gtk_label_set_label (self->title_label, _("Choose the projects you want"));
      break;
    case PB_BALLOT_FORMAT_CUMULATIVE:
      gtk_label_set_label (self->title_label, _("Give points to the projects you want"));
      break;
    case PB_BALLOT_FORMAT_RANKING:
      gtk_label_set_label (self->title_label, _("Rank the projects you want"));
      gtk_widget_set_visible (GTK_WIDGET (self->ranking_panel), TRUE);
      gtk_grid_view_set_max_columns (self->project_grid, 2);
      break;
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_label (self->rules_label, rules);

  self->filter = gtk_custom_filter_new (project_matches_cb, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (projects),
                                              GTK_FILTER (g_object_ref (self->filter)));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_card_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_card_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_card_cb), self);
  gtk_grid_view_set_factory (self->project_grid, factory);
  /* The grid shows slots, not the filtered projects themselves: a search
   * then refills the cards on screen instead of making new ones. */
  slots = pb_kiosk_slot_model_new (G_LIST_MODEL (self->filtered));
  selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&slots)));
  gtk_grid_view_set_model (self->project_grid, GTK_SELECTION_MODEL (selection));

  pb_kiosk_choose_page_fill_categories (self);
  gtk_widget_set_visible (GTK_WIDGET (self->filter_box), g_list_model_get_n_items (projects) > MANY_PROJECTS);
  g_signal_connect_swapped (self->category_dropdown, "notify::selected",
                            G_CALLBACK (category_selected_cb), self);

  /* The bar shows spending, not a warning: no low/high colours. */
  gtk_level_bar_remove_offset_value (self->budget_bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->budget_bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->budget_bar, GTK_LEVEL_BAR_OFFSET_FULL);

  g_signal_connect_swapped (self->session, "changed", G_CALLBACK (session_changed_cb), self);
  pb_kiosk_choose_page_update (self);
  pb_kiosk_choose_page_show_list (self);
}

static void
pb_kiosk_choose_page_dispose (GObject *object)
{
  PbKioskChoosePage *self = PB_KIOSK_CHOOSE_PAGE (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  if (self->project_grid != NULL)
    {
      gtk_grid_view_set_model (self->project_grid, NULL);
      gtk_grid_view_set_factory (self->project_grid, NULL);
    }
  self->details_card = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_KIOSK_CHOOSE_PAGE);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->search_texts, g_hash_table_unref);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (pb_kiosk_choose_page_parent_class)->dispose (object);
}

static void
pb_kiosk_choose_page_finalize (GObject *object)
{
  PbKioskChoosePage *self = PB_KIOSK_CHOOSE_PAGE (object);

  g_clear_pointer (&self->search_key, g_free);
  g_clear_pointer (&self->category_ids, g_array_unref);

  G_OBJECT_CLASS (pb_kiosk_choose_page_parent_class)->finalize (object);
}

static void
pb_kiosk_choose_page_class_init (PbKioskChoosePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_kiosk_choose_page_dispose;
  object_class->finalize = pb_kiosk_choose_page_finalize;

  /* The choices pass every rule and the resident wants to review them. */
  signals[REVIEW] = g_signal_new ("review",
                                  G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 0);
  /* The resident wants to give up this ballot and start again. */
  signals[CANCEL] = g_signal_new ("cancel",
                                  G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Pb/kiosk/pb-kiosk-choose-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PbKioskChoosePage, title_label);
  gtk_widget_class_bind_template_child (widget_class, PbKioskChoosePage, rules_label);
  gtk_widget_class_bind_template_child (widget_class, PbKioskChoosePage, budget_box);
  gtk_widget_class_bind_template_child (widget_class, PbKioskChoosePage, budget_bar);
  gtk_widget_class_bind_template_child (widget_class, PbKioskChoosePage, budget_label);
  gtk_widget_class_bind_template_child (widget_class, PbKioskChoosePage, count_label);
  gtk_widget_class_bind_template_child (widget_class, PbKioskChoosePage, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, PbKioskChoosePage, message_label);
  gtk_widget_class_bind_template_child (widget_class, PbKioskChoosePage, message_button);
  gtk_widget_class_bind_template_child (widget_class, PbKioskChoosePage, filter_box);
  gtk_widget_class_bind_template_child (widget_class, PbKioskChoosePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PbKioskChoosePage, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PbKioskChoosePage, inner_stack);
  gtk_widget_class_bind_template_child (widget_class, PbKioskChoosePage, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, PbKioskChoosePage, project_grid);
  gtk_widget_class_bind_template_child (widget_class, PbKioskChoosePage, details_box);
  gtk_widget_class_bind_template_child (widget_class, PbKioskChoosePage, details_back_button);
  gtk_widget_class_bind_template_child (widget_class, PbKioskChoosePage, ranking_panel);
  gtk_widget_class_bind_template_child (widget_class, PbKioskChoosePage, ranking_empty_label);
  gtk_widget_class_bind_template_child (widget_class, PbKioskChoosePage, ranking_list);
  gtk_widget_class_bind_template_child (widget_class, PbKioskChoosePage, review_button);
  gtk_widget_class_bind_template_callback (widget_class, on_message_dismissed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_details_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_review_clicked);
}

static void
pb_kiosk_choose_page_init (PbKioskChoosePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->category_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->search_texts = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);
}

GtkWidget *
pb_kiosk_choose_page_new (PbKioskSession *session)
{
  PbKioskChoosePage *self;

  g_return_val_if_fail (PB_IS_KIOSK_SESSION (session), NULL);

  self = g_object_new (PB_TYPE_KIOSK_CHOOSE_PAGE, NULL);
  self->session = g_object_ref (session);
  pb_kiosk_choose_page_setup (self);
  return GTK_WIDGET (self);
}

void
pb_kiosk_choose_page_reset (PbKioskChoosePage *self)
{
  g_return_if_fail (PB_IS_KIOSK_CHOOSE_PAGE (self));

  pb_kiosk_choose_page_hide_message (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_clear_pointer (&self->search_key, g_free);
  gtk_drop_down_set_selected (self->category_dropdown, 0);
  self->category_id = 0;
  if (self->details_card != NULL)
    {
      gtk_box_remove (self->details_box, self->details_card);
      self->details_card = NULL;
    }
  pb_kiosk_choose_page_refilter (self, GTK_FILTER_CHANGE_LESS_STRICT);
  pb_kiosk_choose_page_show_list (self);
  pb_kiosk_choose_page_update (self);
}

GtkWidget *
pb_kiosk_choose_page_get_card (PbKioskChoosePage *self,
                               PbProject         *project)
{
  g_return_val_if_fail (PB_IS_KIOSK_CHOOSE_PAGE (self), NULL);

  /* The grid's children are its list items; each holds one card. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->project_grid));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *card = gtk_widget_get_first_child (child);

      if (card != NULL && PB_IS_KIOSK_PROJECT_CARD (card) && gtk_widget_get_visible (child) &&
          pb_kiosk_project_card_get_project (PB_KIOSK_PROJECT_CARD (card)) == project)
        return card;
    }
  return NULL;
}

gboolean
pb_kiosk_choose_page_scroll_to (PbKioskChoosePage *self,
                                PbProject         *project)
{
  GListModel *model;
  guint n;

  g_return_val_if_fail (PB_IS_KIOSK_CHOOSE_PAGE (self), FALSE);
  g_return_val_if_fail (PB_IS_PROJECT (project), FALSE);

  model = G_LIST_MODEL (self->filtered);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbProject) item = g_list_model_get_item (model, i);

      if (item == project)
        return gtk_widget_activate_action (GTK_WIDGET (self->project_grid), "list.scroll-to-item", "u", i);
    }
  return FALSE;
}

void
pb_kiosk_choose_page_set_search (PbKioskChoosePage *self,
                                 const char        *text)
{
  g_return_if_fail (PB_IS_KIOSK_CHOOSE_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  on_search_changed (self);
}

void
pb_kiosk_choose_page_set_category (PbKioskChoosePage *self,
                                   guint              position)
{
  g_return_if_fail (PB_IS_KIOSK_CHOOSE_PAGE (self));

  gtk_drop_down_set_selected (self->category_dropdown, position);
}

guint
pb_kiosk_choose_page_get_n_shown (PbKioskChoosePage *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_CHOOSE_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

GtkWidget *
pb_kiosk_choose_page_get_ranking_list (PbKioskChoosePage *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_CHOOSE_PAGE (self), NULL);

  return GTK_WIDGET (self->ranking_list);
}

const char *
pb_kiosk_choose_page_get_budget_text (PbKioskChoosePage *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_CHOOSE_PAGE (self), NULL);

  return gtk_label_get_label (self->budget_label);
}

GtkWidget *
pb_kiosk_choose_page_get_review_button (PbKioskChoosePage *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_CHOOSE_PAGE (self), NULL);

  return GTK_WIDGET (self->review_button);
}
