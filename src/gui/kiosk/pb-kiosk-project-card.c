/* pb-kiosk-project-card.c: one project on the kiosk's choose screen. */

#include "pb-config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pb-kiosk-project-card.h"

struct _PbKioskProjectCard
{
  GtkBox             parent_instance;

  PbKioskSession    *session;
  PbProject         *project;
  gboolean           detailed;
  gboolean           syncing;

  GtkPicture        *picture;
  GtkLabel          *title_label;
  GtkLabel          *cost_label;
  GtkLabel          *category_label;
  GtkLabel          *summary_label;
  GtkLabel          *description_label;
  GtkButton         *details_button;
  GtkToggleButton   *choose_button;
  AdwButtonContent  *choose_content;
  GtkBox            *points_box;
  GtkButton         *minus_button;
  GtkLabel          *points_label;
  GtkButton         *plus_button;
};

G_DEFINE_FINAL_TYPE (PbKioskProjectCard, pb_kiosk_project_card, GTK_TYPE_BOX)

enum {
  REFUSED,
  SHOW_DETAILS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_label (GtkWidget  *widget,
           const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
pb_kiosk_project_card_sync (PbKioskProjectCard *self)
{
  PbBallotFormat format = pb_kiosk_session_get_format (self->session);
  guint points = pb_kiosk_session_get_points (self->session, self->project);
  gboolean chosen = points > 0;

  self->syncing = TRUE;
  gtk_toggle_button_set_active (self->choose_button, chosen);
  self->syncing = FALSE;

  if (chosen)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "chosen");
      gtk_widget_add_css_class (GTK_WIDGET (self->choose_button), "suggested-action");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "chosen");
      gtk_widget_remove_css_class (GTK_WIDGET (self->choose_button), "suggested-action");
    }

  switch (format)
    {
    case PB_BALLOT_FORMAT_APPROVAL:
    case PB_BALLOT_FORMAT_KNAPSACK:
      adw_button_content_set_label (self->choose_content, chosen ? _("Chosen") : _("Choose"));
      adw_button_content_set_icon_name (self->choose_content,
                                        chosen ? "object-select-symbolic" : "list-add-symbolic");
      break;

    case PB_BALLOT_FORMAT_RANKING:
      {
        g_autofree char *ranked = NULL;

        if (chosen)
          /* Translators: on a project card once the resident ranked it. */
          ranked = g_strdup_printf (_("Ranked number %u"), pb_kiosk_session_get_rank (self->session, self->project));
        adw_button_content_set_label (self->choose_content, chosen ? ranked : _("Add to my ranking"));
        adw_button_content_set_icon_name (self->choose_content,
                                          chosen ? "object-select-symbolic" : "list-add-symbolic");
      }
      break;

    case PB_BALLOT_FORMAT_CUMULATIVE:
      {
        g_autofree char *text = g_strdup_printf (ngettext ("%u point", "%u points", points), points);
        g_autofree char *label = g_strdup_printf (_("%s: %s"), pb_project_get_title (self->project), text);

        gtk_label_set_label (self->points_label, text);
        set_label (GTK_WIDGET (self->points_label), label);
        gtk_widget_set_sensitive (GTK_WIDGET (self->minus_button), points > 0);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
session_changed_cb (PbKioskProjectCard *self)
{
  if (self->project != NULL)
    pb_kiosk_project_card_sync (self);
}

static void
pb_kiosk_project_card_change_points (PbKioskProjectCard *self,
                                     guint               points)
{
  g_autoptr(GError) error = NULL;

  if (!pb_kiosk_session_set_points (self->session, self->project, points, &error))
    {
      /* The rule is not broken silently: the choice is undone and the
       * resident hears which rule refused it. */
      pb_kiosk_project_card_sync (self);
      g_signal_emit (self, signals[REFUSED], 0, error->message);
    }
}

static void
on_choose_toggled (PbKioskProjectCard *self)
{
  if (self->syncing)
    return;
  pb_kiosk_project_card_change_points (self, gtk_toggle_button_get_active (self->choose_button) ? 1 : 0);
}

static void
on_plus_clicked (PbKioskProjectCard *self)
{
  pb_kiosk_project_card_change_points (self, pb_kiosk_session_get_points (self->session, self->project) + 1);
}

static void
on_minus_clicked (PbKioskProjectCard *self)
{
  guint points = pb_kiosk_session_get_points (self->session, self->project);

  if (points > 0)
    pb_kiosk_project_card_change_points (self, points - 1);
}

static void
on_details_clicked (PbKioskProjectCard *self)
{
  g_signal_emit (self, signals[SHOW_DETAILS], 0);
}

/* Shows @project (self->project); a list view fills the same card again
 * with another project as the resident scrolls. */
static void
pb_kiosk_project_card_fill_project (PbKioskProjectCard *self,
                                    PbProject          *project)
{
  const char *title = pb_project_get_title (project);
  const char *category = pb_kiosk_session_get_category_name (self->session, project);
  const char *summary = pb_project_get_summary (project);
  const char *description = pb_project_get_description (project);
  const char *image = pb_project_get_image_path (project);
  PbBallotFormat format = pb_kiosk_session_get_format (self->session);
  g_autofree char *cost = pb_kiosk_session_dup_project_cost (self->session, project);
  g_autofree char *choose_label = NULL;
  g_autofree char *details_label = NULL;

  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->cost_label, cost);
  gtk_label_set_label (self->category_label, category != NULL ? category : "");
  gtk_label_set_label (self->summary_label, summary != NULL ? summary : "");
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), summary != NULL && summary[0] != '\0');

  if (self->detailed)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->details_button), FALSE);
      gtk_widget_set_vexpand (GTK_WIDGET (self->summary_label), FALSE);
      gtk_label_set_label (self->description_label, description != NULL ? description : "");
      gtk_widget_set_visible (GTK_WIDGET (self->description_label), description != NULL && description[0] != '\0');
      if (image != NULL && image[0] != '\0' && g_file_test (image, G_FILE_TEST_IS_REGULAR))
        {
          g_autofree char *alt = g_strdup_printf (_("Picture of %s"), title);

          gtk_picture_set_filename (self->picture, image);
          gtk_picture_set_alternative_text (self->picture, alt);
          gtk_widget_set_visible (GTK_WIDGET (self->picture), TRUE);
        }
      gtk_label_set_max_width_chars (self->title_label, -1);
      gtk_label_set_max_width_chars (self->summary_label, -1);
      gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "title-1");
      gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "title-3");
    }
  else
    {
      details_label = g_strdup_printf (_("More about %s"), title);
      set_label (GTK_WIDGET (self->details_button), details_label);
    }

  switch (format)
    {
    case PB_BALLOT_FORMAT_APPROVAL:
    case PB_BALLOT_FORMAT_KNAPSACK:
      /* Translators: the accessible name of a project's choose button,
       * e.g. "Choose Riverside benches, £4,500". */
      choose_label = g_strdup_printf (_("Choose %s, %s"), title, cost);
      set_label (GTK_WIDGET (self->choose_button), choose_label);
      break;

    case PB_BALLOT_FORMAT_RANKING:
      choose_label = g_strdup_printf (_("Add %s, %s, to my ranking"), title, cost);
      set_label (GTK_WIDGET (self->choose_button), choose_label);
      break;

    case PB_BALLOT_FORMAT_CUMULATIVE:
      {
        g_autofree char *plus = g_strdup_printf (_("Give one more point to %s"), title);
        g_autofree char *minus = g_strdup_printf (_("Take one point away from %s"), title);

        gtk_widget_set_visible (GTK_WIDGET (self->choose_button), FALSE);
        gtk_widget_set_visible (GTK_WIDGET (self->points_box), TRUE);
        set_label (GTK_WIDGET (self->plus_button), plus);
        set_label (GTK_WIDGET (self->minus_button), minus);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  pb_kiosk_project_card_sync (self);
}

static void
pb_kiosk_project_card_fill (PbKioskProjectCard *self)
{
  if (self->project != NULL)
    pb_kiosk_project_card_fill_project (self, self->project);
}

static void
pb_kiosk_project_card_dispose (GObject *object)
{
  PbKioskProjectCard *self = PB_KIOSK_PROJECT_CARD (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_KIOSK_PROJECT_CARD);
  g_clear_object (&self->session);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (pb_kiosk_project_card_parent_class)->dispose (object);
}

static void
pb_kiosk_project_card_class_init (PbKioskProjectCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_kiosk_project_card_dispose;

  /* A choice was refused; the argument says which rule and why. */
  signals[REFUSED] = g_signal_new ("refused",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The resident asked for the description and picture. */
  signals[SHOW_DETAILS] = g_signal_new ("show-details",
                                        G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Pb/kiosk/pb-kiosk-project-card.ui");
  gtk_widget_class_bind_template_child (widget_class, PbKioskProjectCard, picture);
  gtk_widget_class_bind_template_child (widget_class, PbKioskProjectCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, PbKioskProjectCard, cost_label);
  gtk_widget_class_bind_template_child (widget_class, PbKioskProjectCard, category_label);
  gtk_widget_class_bind_template_child (widget_class, PbKioskProjectCard, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PbKioskProjectCard, description_label);
  gtk_widget_class_bind_template_child (widget_class, PbKioskProjectCard, details_button);
  gtk_widget_class_bind_template_child (widget_class, PbKioskProjectCard, choose_button);
  gtk_widget_class_bind_template_child (widget_class, PbKioskProjectCard, choose_content);
  gtk_widget_class_bind_template_child (widget_class, PbKioskProjectCard, points_box);
  gtk_widget_class_bind_template_child (widget_class, PbKioskProjectCard, minus_button);
  gtk_widget_class_bind_template_child (widget_class, PbKioskProjectCard, points_label);
  gtk_widget_class_bind_template_child (widget_class, PbKioskProjectCard, plus_button);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_plus_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_minus_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_details_clicked);
}

static void
pb_kiosk_project_card_init (PbKioskProjectCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pb_kiosk_project_card_new (PbKioskSession *session,
                           PbProject      *project,
                           gboolean        detailed)
{
  PbKioskProjectCard *self;

  g_return_val_if_fail (PB_IS_KIOSK_SESSION (session), NULL);
  g_return_val_if_fail (project == NULL || PB_IS_PROJECT (project), NULL);

  self = g_object_new (PB_TYPE_KIOSK_PROJECT_CARD, NULL);
  self->session = g_object_ref (session);
  self->project = project != NULL ? g_object_ref (project) : NULL;
  self->detailed = detailed;
  g_signal_connect_swapped (session, "changed", G_CALLBACK (session_changed_cb), self);
  pb_kiosk_project_card_fill (self);
  return GTK_WIDGET (self);
}

void
pb_kiosk_project_card_set_project (PbKioskProjectCard *self,
                                   PbProject          *project)
{
  g_return_if_fail (PB_IS_KIOSK_PROJECT_CARD (self));
  g_return_if_fail (project == NULL || PB_IS_PROJECT (project));

  if (!g_set_object (&self->project, project))
    return;
  pb_kiosk_project_card_fill (self);
}

PbProject *
pb_kiosk_project_card_get_project (PbKioskProjectCard *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_PROJECT_CARD (self), NULL);
  return self->project;
}

GtkWidget *
pb_kiosk_project_card_get_choose_button (PbKioskProjectCard *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_PROJECT_CARD (self), NULL);
  return GTK_WIDGET (self->choose_button);
}

GtkWidget *
pb_kiosk_project_card_get_plus_button (PbKioskProjectCard *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_PROJECT_CARD (self), NULL);
  return GTK_WIDGET (self->plus_button);
}

GtkWidget *
pb_kiosk_project_card_get_minus_button (PbKioskProjectCard *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_PROJECT_CARD (self), NULL);
  return GTK_WIDGET (self->minus_button);
}
