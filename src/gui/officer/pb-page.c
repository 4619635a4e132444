/* pb-page.c: the base class of the officer window's pages. */

#include "pb-config.h"

#include <glib/gi18n.h>

#include "pb-page.h"

typedef struct
{
  PbStore   *store;
  PbProcess *process;
} PbPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (PbPage, pb_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PROCESS,
  N_PROPS
};

enum {
  ADD_TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
pb_page_dispose (GObject *object)
{
  PbPage *self = PB_PAGE (object);
  PbPagePrivate *priv = pb_page_get_instance_private (self);

  g_clear_object (&priv->process);
  g_clear_object (&priv->store);

  G_OBJECT_CLASS (pb_page_parent_class)->dispose (object);
}

static void
pb_page_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  PbPage *self = PB_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, pb_page_get_store (self));
      break;
    case PROP_PROCESS:
      g_value_set_object (value, pb_page_get_process (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_page_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  PbPage *self = PB_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      pb_page_set_store (self, g_value_get_object (value));
      break;
    case PROP_PROCESS:
      pb_page_set_process (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_page_class_init (PbPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pb_page_dispose;
  object_class->get_property = pb_page_get_property;
  object_class->set_property = pb_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROCESS] =
    g_param_spec_object ("process", NULL, NULL, PB_TYPE_PROCESS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PbPage::add-toast:
   * @toast: the toast to show
   *
   * Asks the window to show @toast.
   */
  signals[ADD_TOAST] =
    g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);
}

static void
pb_page_init (PbPage *self)
{
}

PbStore *
pb_page_get_store (PbPage *self)
{
  PbPagePrivate *priv = pb_page_get_instance_private (self);

  g_return_val_if_fail (PB_IS_PAGE (self), NULL);

  return priv->store;
}

PbProcess *
pb_page_get_process (PbPage *self)
{
  PbPagePrivate *priv = pb_page_get_instance_private (self);

  g_return_val_if_fail (PB_IS_PAGE (self), NULL);

  return priv->process;
}

static void
pb_page_process_changed (PbPage *self)
{
  if (PB_PAGE_GET_CLASS (self)->process_changed != NULL)
    PB_PAGE_GET_CLASS (self)->process_changed (self);
}

void
pb_page_set_store (PbPage  *self,
                   PbStore *store)
{
  PbPagePrivate *priv = pb_page_get_instance_private (self);

  g_return_if_fail (PB_IS_PAGE (self));
  g_return_if_fail (store == NULL || PB_IS_STORE (store));

  if (g_set_object (&priv->store, store))
    {
      pb_page_process_changed (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }
}

void
pb_page_set_process (PbPage    *self,
                     PbProcess *process)
{
  PbPagePrivate *priv = pb_page_get_instance_private (self);

  g_return_if_fail (PB_IS_PAGE (self));
  g_return_if_fail (process == NULL || PB_IS_PROCESS (process));

  if (g_set_object (&priv->process, process))
    {
      pb_page_process_changed (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROCESS]);
    }
}

void
pb_page_add_toast (PbPage   *self,
                   AdwToast *toast)
{
  g_return_if_fail (PB_IS_PAGE (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  /* The handler takes its own reference; this one was given to us. */
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
  g_object_unref (toast);
}

void
pb_page_show_error (PbPage       *self,
                    const GError *error)
{
  AdwToast *toast;

  g_return_if_fail (PB_IS_PAGE (self));
  g_return_if_fail (error != NULL);

  toast = adw_toast_new (error->message);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  pb_page_add_toast (self, toast);
}
