/* pb-kiosk-review-page.c: the kiosk screen to check choices before casting. */

#include "pb-config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pb-kiosk-review-page.h"

struct _PbKioskReviewPage
{
  GtkBox           parent_instance;

  PbKioskSession  *session;
  guint            n_rows;

  GtkLabel        *intro_label;
  GtkListBox      *choices_list;
  GtkLabel        *total_label;
  GtkRevealer     *error_revealer;
  GtkLabel        *error_label;
  GtkButton       *change_button;
  GtkButton       *cast_button;
};

G_DEFINE_FINAL_TYPE (PbKioskReviewPage, pb_kiosk_review_page, GTK_TYPE_BOX)

enum {
  CHANGE,
  CAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_change_clicked (PbKioskReviewPage *self)
{
  g_signal_emit (self, signals[CHANGE], 0);
}

static void
on_cast_clicked (PbKioskReviewPage *self)
{
  g_signal_emit (self, signals[CAST], 0);
}

static void
pb_kiosk_review_page_hide_error (PbKioskReviewPage *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  gtk_label_set_label (self->error_label, "");
}

void
pb_kiosk_review_page_show_error (PbKioskReviewPage *self,
                                 const char        *message)
{
  g_return_if_fail (PB_IS_KIOSK_REVIEW_PAGE (self));

  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->cast_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                  -1);
}

const char *
pb_kiosk_review_page_get_error (PbKioskReviewPage *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_REVIEW_PAGE (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->error_revealer))
    return NULL;
  return gtk_label_get_label (self->error_label);
}

static void
pb_kiosk_review_page_clear (PbKioskReviewPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->choices_list))) != NULL)
    gtk_list_box_remove (self->choices_list, child);
  self->n_rows = 0;
  gtk_label_set_label (self->intro_label, "");
  gtk_label_set_label (self->total_label, "");
}

static GtkWidget *
suffix_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "numeric");
  return label;
}

void
pb_kiosk_review_page_update (PbKioskReviewPage *self)
{
  const PbBallotChoices *choices;
  PbProcess *process;
  PbBallotFormat format;
  guint n;
  g_autofree char *total = NULL;

  g_return_if_fail (PB_IS_KIOSK_REVIEW_PAGE (self));

  pb_kiosk_review_page_clear (self);
  pb_kiosk_review_page_hide_error (self);

  choices = pb_kiosk_session_get_choices (self->session);
  process = pb_kiosk_session_get_process (self->session);
  format = pb_kiosk_session_get_format (self->session);
  n = pb_ballot_choices_get_n_entries (choices);

  for (guint i = 0; i < n; i++)
    {
      PbProject *project = pb_process_lookup_project (process, pb_ballot_choices_get_project (choices, i));
      const char *category;
      g_autofree char *cost = NULL;
      GtkWidget *row;

      if (project == NULL)
        continue;
      category = pb_kiosk_session_get_category_name (self->session, project);
      cost = pb_kiosk_session_dup_project_cost (self->session, project);

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pb_project_get_title (project));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), category != NULL ? category : "");
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

      switch (format)
        {
        case PB_BALLOT_FORMAT_APPROVAL:
        case PB_BALLOT_FORMAT_KNAPSACK:
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix_label (cost));
          break;

        case PB_BALLOT_FORMAT_CUMULATIVE:
          {
            guint points = pb_ballot_choices_get_points (choices, i);
            g_autofree char *text = g_strdup_printf (ngettext ("%u point", "%u points", points), points);

            adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix_label (text));
          }
          break;

        case PB_BALLOT_FORMAT_RANKING:
          {
            g_autofree char *rank = g_strdup_printf ("%u", i + 1);
            GtkWidget *label = gtk_label_new (rank);

            gtk_widget_add_css_class (label, "title-2");
            gtk_widget_add_css_class (label, "numeric");
            gtk_label_set_width_chars (GTK_LABEL (label), 2);
            adw_action_row_add_prefix (ADW_ACTION_ROW (row), label);
            adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix_label (cost));
          }
          break;

        default:
          g_assert_not_reached ();
        }

      gtk_list_box_append (self->choices_list, row);
      self->n_rows++;
    }

  switch (format)
    {
    case PB_BALLOT_FORMAT_APPROVAL:
    case PB_BALLOT_FORMAT_KNAPSACK:
      {
        g_autofree char *spent = pb_kiosk_session_dup_total_cost (self->session);
        g_autofree char *spent_text = pb_kiosk_session_format_money (self->session, spent);
        g_autofree char *limit = pb_kiosk_session_dup_cost_limit (self->session);

        if (n == 0)
          gtk_label_set_label (self->intro_label, _("You have not chosen any project."));
        else
          {
            g_autofree char *intro = g_strdup_printf (ngettext ("You chose %u project.", "You chose these %u projects.", n), n);

            gtk_label_set_label (self->intro_label, intro);
          }
        if (limit != NULL)
          {
            g_autofree char *limit_text = pb_kiosk_session_format_money (self->session, limit);

            /* Translators: "Total: £32,500 of £50,000". */
            total = g_strdup_printf (_("Total: %s of %s"), spent_text, limit_text);
          }
        else
          total = g_strdup_printf (_("Total: %s"), spent_text);
      }
      break;

    case PB_BALLOT_FORMAT_CUMULATIVE:
      {
        guint given = pb_ballot_choices_get_total_points (choices);
        guint all = pb_process_get_points_total (process);

        gtk_label_set_label (self->intro_label, _("You gave your points like this."));
        total = g_strdup_printf (ngettext ("Points given: %u of %u", "Points given: %u of %u", all), given, all);
      }
      break;

    case PB_BALLOT_FORMAT_RANKING:
      gtk_label_set_label (self->intro_label, _("Your ranking, the project you want most first."));
      total = g_strdup_printf (ngettext ("%u project ranked", "%u projects ranked", n), n);
      break;

    default:
      g_assert_not_reached ();
    }
  gtk_label_set_label (self->total_label, total);
}

static void
pb_kiosk_review_page_dispose (GObject *object)
{
  PbKioskReviewPage *self = PB_KIOSK_REVIEW_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_KIOSK_REVIEW_PAGE);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (pb_kiosk_review_page_parent_class)->dispose (object);
}

static void
pb_kiosk_review_page_class_init (PbKioskReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_kiosk_review_page_dispose;

  signals[CHANGE] = g_signal_new ("change",
                                  G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 0);
  signals[CAST] = g_signal_new ("cast",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL,
                                G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Pb/kiosk/pb-kiosk-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PbKioskReviewPage, intro_label);
  gtk_widget_class_bind_template_child (widget_class, PbKioskReviewPage, choices_list);
  gtk_widget_class_bind_template_child (widget_class, PbKioskReviewPage, total_label);
  gtk_widget_class_bind_template_child (widget_class, PbKioskReviewPage, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, PbKioskReviewPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, PbKioskReviewPage, change_button);
  gtk_widget_class_bind_template_child (widget_class, PbKioskReviewPage, cast_button);
  gtk_widget_class_bind_template_callback (widget_class, on_change_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cast_clicked);
}

static void
pb_kiosk_review_page_init (PbKioskReviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pb_kiosk_review_page_new (PbKioskSession *session)
{
  PbKioskReviewPage *self;

  g_return_val_if_fail (PB_IS_KIOSK_SESSION (session), NULL);

  self = g_object_new (PB_TYPE_KIOSK_REVIEW_PAGE, NULL);
  self->session = g_object_ref (session);
  return GTK_WIDGET (self);
}

void
pb_kiosk_review_page_reset (PbKioskReviewPage *self)
{
  g_return_if_fail (PB_IS_KIOSK_REVIEW_PAGE (self));

  pb_kiosk_review_page_clear (self);
  pb_kiosk_review_page_hide_error (self);
}

guint
pb_kiosk_review_page_get_n_rows (PbKioskReviewPage *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_REVIEW_PAGE (self), 0);
  return self->n_rows;
}

GtkWidget *
pb_kiosk_review_page_get_cast_button (PbKioskReviewPage *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_REVIEW_PAGE (self), NULL);
  return GTK_WIDGET (self->cast_button);
}
