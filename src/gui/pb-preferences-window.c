/* pb-preferences-window.c: the kiosk's timings (idle timeout, countdown,
 * thank-you screen) and the default tie-breaking for new processes. */

#include "pb-config.h"

#include <glib/gi18n.h>

#include "pb-preferences-window.h"

struct _PbPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  GtkSpinButton        *idle_timeout_spin;
  GtkSpinButton        *countdown_spin;
  GtkSpinButton        *thank_you_spin;
  AdwComboRow          *tie_break_row;
};

G_DEFINE_FINAL_TYPE (PbPreferencesWindow, pb_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
tie_break_get_mapping (GValue   *value,
                       GVariant *variant,
                       gpointer  user_data)
{
  g_value_set_uint (value, g_str_equal (g_variant_get_string (variant, NULL), "lexico") ? 1 : 0);
  return TRUE;
}

static GVariant *
tie_break_set_mapping (const GValue       *value,
                       const GVariantType *expected_type,
                       gpointer            user_data)
{
  return g_variant_new_string (g_value_get_uint (value) == 1 ? "lexico" : "default");
}

static void
pb_preferences_window_constructed (GObject *object)
{
  PbPreferencesWindow *self = PB_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (pb_preferences_window_parent_class)->constructed (object);

  g_settings_bind (self->settings, "kiosk-idle-timeout",
                   gtk_spin_button_get_adjustment (self->idle_timeout_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "kiosk-countdown",
                   gtk_spin_button_get_adjustment (self->countdown_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "kiosk-thank-you-seconds",
                   gtk_spin_button_get_adjustment (self->thank_you_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "default-tie-break",
                                self->tie_break_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                tie_break_get_mapping, tie_break_set_mapping,
                                NULL, NULL);
}

static void
pb_preferences_window_dispose (GObject *object)
{
  PbPreferencesWindow *self = PB_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pb_preferences_window_parent_class)->dispose (object);
}

static void
pb_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PbPreferencesWindow *self = PB_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PbPreferencesWindow *self = PB_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_preferences_window_class_init (PbPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pb_preferences_window_constructed;
  object_class->dispose = pb_preferences_window_dispose;
  object_class->set_property = pb_preferences_window_set_property;
  object_class->get_property = pb_preferences_window_get_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Pb/pb-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PbPreferencesWindow, idle_timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, PbPreferencesWindow, countdown_spin);
  gtk_widget_class_bind_template_child (widget_class, PbPreferencesWindow, thank_you_spin);
  gtk_widget_class_bind_template_child (widget_class, PbPreferencesWindow, tie_break_row);
}

static void
pb_preferences_window_init (PbPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

PbPreferencesWindow *
pb_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (PB_TYPE_PREFERENCES_WINDOW, "settings", settings, NULL);
}
