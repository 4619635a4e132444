/* pb-kiosk-code-page.c: the kiosk screen for the voter code. */

#include "pb-config.h"

#include <glib/gi18n.h>

#include "pb-kiosk-code-page.h"

struct _PbKioskCodePage
{
  GtkBox           parent_instance;

  PbKioskSession  *session;

  GtkEntry        *code_entry;
  GtkRevealer     *error_revealer;
  GtkLabel        *error_label;
};

G_DEFINE_FINAL_TYPE (PbKioskCodePage, pb_kiosk_code_page, GTK_TYPE_BOX)

enum {
  ACCEPTED,
  BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

char *
pb_kiosk_code_page_describe_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == PB_VOTER_CODE_ERROR)
    switch ((PbVoterCodeError) error->code)
      {
      case PB_VOTER_CODE_ERROR_MALFORMED:
        return g_strdup (_("That is not a voter code. A code has 8 letters and numbers, like K7MX-Q4PR. Please check it and try again."));
      case PB_VOTER_CODE_ERROR_REQUIRED:
        return g_strdup (_("Please type the voter code from your slip."));
      case PB_VOTER_CODE_ERROR_UNKNOWN:
        return g_strdup (_("This code is not one of ours. Please check it and try again, or ask a helper."));
      case PB_VOTER_CODE_ERROR_USED:
        return g_strdup (_("This code has already been used to vote. Each code works once. If you have not voted, please ask a helper."));
      case PB_VOTER_CODE_ERROR_VOID:
        return g_strdup (_("This code has been cancelled. Please ask a helper for a new one."));
      default:
        break;
      }
  return g_strdup (error->message);
}

void
pb_kiosk_code_page_show_error (PbKioskCodePage *self,
                               const char      *message)
{
  g_return_if_fail (PB_IS_KIOSK_CODE_PAGE (self));

  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->code_entry),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                  -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->code_entry),
                               GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                               -1);
}

const char *
pb_kiosk_code_page_get_error (PbKioskCodePage *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_CODE_PAGE (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->error_revealer))
    return NULL;
  return gtk_label_get_label (self->error_label);
}

static void
pb_kiosk_code_page_hide_error (PbKioskCodePage *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  gtk_label_set_label (self->error_label, "");
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->code_entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_accessible_reset_state (GTK_ACCESSIBLE (self->code_entry), GTK_ACCESSIBLE_STATE_INVALID);
}

static void
on_continue_clicked (PbKioskCodePage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->code_entry));
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;

  code = pb_voter_code_normalize (text, &error);
  if (code != NULL &&
      pb_store_check_voter_code (pb_kiosk_session_get_store (self->session),
                                 pb_kiosk_session_get_process (self->session),
                                 code, &error))
    {
      pb_kiosk_code_page_hide_error (self);
      g_signal_emit (self, signals[ACCEPTED], 0, code);
      return;
    }

  message = pb_kiosk_code_page_describe_error (error);
  pb_kiosk_code_page_show_error (self, message);
  gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
}

static void
on_back_clicked (PbKioskCodePage *self)
{
  g_signal_emit (self, signals[BACK], 0);
}

static void
pb_kiosk_code_page_dispose (GObject *object)
{
  PbKioskCodePage *self = PB_KIOSK_CODE_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_KIOSK_CODE_PAGE);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (pb_kiosk_code_page_parent_class)->dispose (object);
}

static void
pb_kiosk_code_page_class_init (PbKioskCodePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_kiosk_code_page_dispose;

  /* A code that may be used now was typed (its canonical form). */
  signals[ACCEPTED] = g_signal_new ("accepted",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[BACK] = g_signal_new ("back",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL,
                                G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Pb/kiosk/pb-kiosk-code-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PbKioskCodePage, code_entry);
  gtk_widget_class_bind_template_child (widget_class, PbKioskCodePage, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, PbKioskCodePage, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_continue_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
}

static void
pb_kiosk_code_page_init (PbKioskCodePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pb_kiosk_code_page_new (PbKioskSession *session)
{
  PbKioskCodePage *self;

  g_return_val_if_fail (PB_IS_KIOSK_SESSION (session), NULL);

  self = g_object_new (PB_TYPE_KIOSK_CODE_PAGE, NULL);
  self->session = g_object_ref (session);
  return GTK_WIDGET (self);
}

void
pb_kiosk_code_page_reset (PbKioskCodePage *self)
{
  g_return_if_fail (PB_IS_KIOSK_CODE_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), "");
  pb_kiosk_code_page_hide_error (self);
}

void
pb_kiosk_code_page_submit (PbKioskCodePage *self,
                           const char      *text)
{
  g_return_if_fail (PB_IS_KIOSK_CODE_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), text);
  on_continue_clicked (self);
}

GtkWidget *
pb_kiosk_code_page_get_entry (PbKioskCodePage *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_CODE_PAGE (self), NULL);
  return GTK_WIDGET (self->code_entry);
}
