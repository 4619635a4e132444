/* pb-kiosk-welcome-page.c: the kiosk's first screen. */

#include "pb-config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pb-kiosk-languages.h"
#include "pb-kiosk-welcome-page.h"

struct _PbKioskWelcomePage
{
  GtkBox           parent_instance;

  PbKioskSession  *session;
  GStrv            languages;

  GtkImage        *app_icon;
  GtkLabel        *process_label;
  GtkLabel        *intro_label;
  AdwActionRow    *language_row;
  GtkDropDown     *language_dropdown;
  GtkSwitch       *large_text_switch;
  GtkButton       *start_button;
};

G_DEFINE_FINAL_TYPE (PbKioskWelcomePage, pb_kiosk_welcome_page, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_LARGE_TEXT,
  N_PROPS
};

enum {
  START,
  LANGUAGE_CHANGED,
  LEAVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
on_start_clicked (PbKioskWelcomePage *self)
{
  g_signal_emit (self, signals[START], 0);
}

static void
on_officer_clicked (PbKioskWelcomePage *self)
{
  g_signal_emit (self, signals[LEAVE], 0);
}

static void
language_selected_cb (PbKioskWelcomePage *self)
{
  guint position = gtk_drop_down_get_selected (self->language_dropdown);

  if (position < g_strv_length (self->languages))
    g_signal_emit (self, signals[LANGUAGE_CHANGED], 0, self->languages[position]);
}

static void
large_text_cb (PbKioskWelcomePage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LARGE_TEXT]);
}

static char *
dup_intro (PbKioskSession *session)
{
  PbProcess *process = pb_kiosk_session_get_process (session);
  g_autofree char *budget = pb_kiosk_session_format_money (session, pb_process_get_budget (process));

  switch (pb_process_get_ballot_format (process))
    {
    case PB_BALLOT_FORMAT_APPROVAL:
    case PB_BALLOT_FORMAT_KNAPSACK:
      return g_strdup_printf (_("Choose the projects you would like the %s to pay for. It takes a few minutes."), budget);
    case PB_BALLOT_FORMAT_CUMULATIVE:
      return g_strdup_printf (_("Give points to the projects you would like the %s to pay for. It takes a few minutes."), budget);
    case PB_BALLOT_FORMAT_RANKING:
      return g_strdup_printf (_("Put in order the projects you would like the %s to pay for. It takes a few minutes."), budget);
    default:
      g_assert_not_reached ();
    }
}

static void
pb_kiosk_welcome_page_setup (PbKioskWelcomePage *self)
{
  PbProcess *process = pb_kiosk_session_get_process (self->session);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *intro = dup_intro (self->session);
  g_autofree char *current = pb_kiosk_languages_dup_current ();
  guint selected = 0;

  gtk_label_set_label (self->process_label, pb_process_get_name (process));
  /* Without the installed icon, no "missing image" picture. */
  gtk_widget_set_visible (GTK_WIDGET (self->app_icon),
                          gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self))),
                                                   PB_APP_ID));
  gtk_label_set_label (self->intro_label, intro);

  self->languages = pb_kiosk_languages_list ();
  for (guint i = 0; self->languages[i] != NULL; i++)
    {
      gtk_string_list_append (names, pb_kiosk_languages_get_name (self->languages[i]));
      if (g_str_equal (self->languages[i], current))
        selected = i;
    }
  gtk_drop_down_set_model (self->language_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->language_dropdown, selected);
  gtk_widget_set_visible (GTK_WIDGET (self->language_row), g_strv_length (self->languages) > 1);

  g_signal_connect_swapped (self->language_dropdown, "notify::selected", G_CALLBACK (language_selected_cb), self);
  g_signal_connect_swapped (self->large_text_switch, "notify::active", G_CALLBACK (large_text_cb), self);
}

static void
pb_kiosk_welcome_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PbKioskWelcomePage *self = PB_KIOSK_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_LARGE_TEXT:
      g_value_set_boolean (value, pb_kiosk_welcome_page_get_large_text (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_kiosk_welcome_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PbKioskWelcomePage *self = PB_KIOSK_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_LARGE_TEXT:
      pb_kiosk_welcome_page_set_large_text (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_kiosk_welcome_page_dispose (GObject *object)
{
  PbKioskWelcomePage *self = PB_KIOSK_WELCOME_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_KIOSK_WELCOME_PAGE);
  g_clear_object (&self->session);
  g_clear_pointer (&self->languages, g_strfreev);

  G_OBJECT_CLASS (pb_kiosk_welcome_page_parent_class)->dispose (object);
}

static void
pb_kiosk_welcome_page_class_init (PbKioskWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_kiosk_welcome_page_dispose;
  object_class->get_property = pb_kiosk_welcome_page_get_property;
  object_class->set_property = pb_kiosk_welcome_page_set_property;

  properties[PROP_LARGE_TEXT] =
    g_param_spec_boolean ("large-text", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[START] = g_signal_new ("start",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 0);
  signals[LANGUAGE_CHANGED] = g_signal_new ("language-changed",
                                            G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[LEAVE] = g_signal_new ("leave",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Pb/kiosk/pb-kiosk-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PbKioskWelcomePage, app_icon);
  gtk_widget_class_bind_template_child (widget_class, PbKioskWelcomePage, process_label);
  gtk_widget_class_bind_template_child (widget_class, PbKioskWelcomePage, intro_label);
  gtk_widget_class_bind_template_child (widget_class, PbKioskWelcomePage, language_row);
  gtk_widget_class_bind_template_child (widget_class, PbKioskWelcomePage, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PbKioskWelcomePage, large_text_switch);
  gtk_widget_class_bind_template_child (widget_class, PbKioskWelcomePage, start_button);
  gtk_widget_class_bind_template_callback (widget_class, on_start_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_officer_clicked);
}

static void
pb_kiosk_welcome_page_init (PbKioskWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pb_kiosk_welcome_page_new (PbKioskSession *session)
{
  PbKioskWelcomePage *self;

  g_return_val_if_fail (PB_IS_KIOSK_SESSION (session), NULL);

  self = g_object_new (PB_TYPE_KIOSK_WELCOME_PAGE, NULL);
  self->session = g_object_ref (session);
  pb_kiosk_welcome_page_setup (self);
  return GTK_WIDGET (self);
}

gboolean
pb_kiosk_welcome_page_get_large_text (PbKioskWelcomePage *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_WELCOME_PAGE (self), FALSE);
  return gtk_switch_get_active (self->large_text_switch);
}

void
pb_kiosk_welcome_page_set_large_text (PbKioskWelcomePage *self,
                                      gboolean            large_text)
{
  g_return_if_fail (PB_IS_KIOSK_WELCOME_PAGE (self));
  gtk_switch_set_active (self->large_text_switch, large_text);
}

GtkWidget *
pb_kiosk_welcome_page_get_start_button (PbKioskWelcomePage *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_WELCOME_PAGE (self), NULL);
  return GTK_WIDGET (self->start_button);
}
