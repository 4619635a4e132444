/* pb-kiosk-rank-row.c: one place in a resident's ranking. */

#include "pb-config.h"

#include <glib/gi18n.h>

#include "pb-kiosk-rank-row.h"

struct _PbKioskRankRow
{
  GtkListBoxRow    parent_instance;

  PbKioskSession  *session;
  PbProject       *project;

  GtkLabel        *rank_label;
  GtkLabel        *title_label;
  GtkLabel        *cost_label;
  GtkButton       *up_button;
  GtkButton       *down_button;
  GtkButton       *remove_button;
};

G_DEFINE_FINAL_TYPE (PbKioskRankRow, pb_kiosk_rank_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  ACTIVATED_BUTTON,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_up_clicked (PbKioskRankRow *self)
{
  g_signal_emit (self, signals[ACTIVATED_BUTTON], 0, PB_KIOSK_RANK_ROW_UP);
}

static void
on_down_clicked (PbKioskRankRow *self)
{
  g_signal_emit (self, signals[ACTIVATED_BUTTON], 0, PB_KIOSK_RANK_ROW_DOWN);
}

static void
on_remove_clicked (PbKioskRankRow *self)
{
  g_signal_emit (self, signals[ACTIVATED_BUTTON], 0, PB_KIOSK_RANK_ROW_REMOVE);
}

static void
pb_kiosk_rank_row_dispose (GObject *object)
{
  PbKioskRankRow *self = PB_KIOSK_RANK_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_KIOSK_RANK_ROW);
  g_clear_object (&self->session);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (pb_kiosk_rank_row_parent_class)->dispose (object);
}

static void
pb_kiosk_rank_row_class_init (PbKioskRankRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_kiosk_rank_row_dispose;

  /* One of the row's buttons was used (a PbKioskRankRowButton). */
  signals[ACTIVATED_BUTTON] = g_signal_new ("activated-button",
                                            G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Pb/kiosk/pb-kiosk-rank-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PbKioskRankRow, rank_label);
  gtk_widget_class_bind_template_child (widget_class, PbKioskRankRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, PbKioskRankRow, cost_label);
  gtk_widget_class_bind_template_child (widget_class, PbKioskRankRow, up_button);
  gtk_widget_class_bind_template_child (widget_class, PbKioskRankRow, down_button);
  gtk_widget_class_bind_template_child (widget_class, PbKioskRankRow, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, on_up_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_down_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);
}

static void
pb_kiosk_rank_row_init (PbKioskRankRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
set_label (GtkButton  *button,
           const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

GtkWidget *
pb_kiosk_rank_row_new (PbKioskSession *session,
                       PbProject      *project,
                       guint           rank,
                       guint           n_ranked)
{
  PbKioskRankRow *self;
  const char *title;
  g_autofree char *rank_text = NULL;
  g_autofree char *cost = NULL;
  g_autofree char *up = NULL;
  g_autofree char *down = NULL;
  g_autofree char *remove = NULL;

  g_return_val_if_fail (PB_IS_KIOSK_SESSION (session), NULL);
  g_return_val_if_fail (PB_IS_PROJECT (project), NULL);

  self = g_object_new (PB_TYPE_KIOSK_RANK_ROW, NULL);
  self->session = g_object_ref (session);
  self->project = g_object_ref (project);

  title = pb_project_get_title (project);
  rank_text = g_strdup_printf ("%u", rank);
  cost = pb_kiosk_session_dup_project_cost (session, project);
  gtk_label_set_label (self->rank_label, rank_text);
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->cost_label, cost);

  up = g_strdup_printf (_("Move %s up"), title);
  down = g_strdup_printf (_("Move %s down"), title);
  remove = g_strdup_printf (_("Remove %s from my ranking"), title);
  set_label (self->up_button, up);
  set_label (self->down_button, down);
  set_label (self->remove_button, remove);
  gtk_widget_set_sensitive (GTK_WIDGET (self->up_button), rank > 1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->down_button), rank < n_ranked);

  return GTK_WIDGET (self);
}

PbProject *
pb_kiosk_rank_row_get_project (PbKioskRankRow *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_RANK_ROW (self), NULL);
  return self->project;
}

GtkWidget *
pb_kiosk_rank_row_get_button (PbKioskRankRow       *self,
                              PbKioskRankRowButton  button)
{
  g_return_val_if_fail (PB_IS_KIOSK_RANK_ROW (self), NULL);

  switch (button)
    {
    case PB_KIOSK_RANK_ROW_UP:
      return GTK_WIDGET (self->up_button);
    case PB_KIOSK_RANK_ROW_DOWN:
      return GTK_WIDGET (self->down_button);
    case PB_KIOSK_RANK_ROW_REMOVE:
      return GTK_WIDGET (self->remove_button);
    default:
      g_return_val_if_reached (NULL);
    }
}
