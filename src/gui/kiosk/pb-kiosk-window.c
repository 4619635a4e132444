/* pb-kiosk-window.c: the full-screen voting kiosk.
 *
 * The window owns the resident's session and routes between its pages
 * (PIN set-up, welcome, voter code, choose, review, thanks, and the PIN
 * to leave); the pages never reach into the window, they emit signals.  It
 * also keeps residents in: it stays full screen, refuses to close until an
 * officer types the PIN, and discards an unfinished ballot after the idle
 * timeout with a visible countdown first.
 */

#include "pb-config.h"

#include <glib/gi18n.h>

#include "pb-kiosk-choose-page.h"
#include "pb-kiosk-code-page.h"
#include "pb-kiosk-languages.h"
#include "pb-kiosk-pin-page.h"
#include "pb-kiosk-review-page.h"
#include "pb-kiosk-session.h"
#include "pb-kiosk-thanks-page.h"
#include "pb-kiosk-welcome-page.h"
#include "pb-kiosk-window-private.h"

/* How often the idle countdown is checked, in milliseconds. */
#define IDLE_TICK_MS 250

struct _PbKioskWindow
{
  AdwApplicationWindow  parent_instance;

  PbStore              *store;
  PbProcess            *process;
  PbKioskSession       *session;
  PbKioskPin           *pin;
  GSettings            *settings;

  gboolean              unlocked;
  char                 *page_before_pin;
  char                 *first_language;   /* the kiosk's language at start */
  gint64                last_activity;
  guint                 test_timeout_ms;
  guint                 test_countdown_ms;
  guint                 idle_tick_id;
  guint                 rebuild_id;

  GtkStack             *stack;
  GtkRevealer          *idle_revealer;
  GtkLabel             *idle_title_label;
  GtkLabel             *idle_label;
  GtkButton            *idle_button;

  GtkWidget            *pin_page;
  GtkWidget            *welcome_page;
  GtkWidget            *code_page;
  GtkWidget            *choose_page;
  GtkWidget            *review_page;
  GtkWidget            *thanks_page;
};

G_DEFINE_FINAL_TYPE (PbKioskWindow, pb_kiosk_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PROCESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void pb_kiosk_window_build_pages (PbKioskWindow *self);

/* ---- Navigation --------------------------------------------------------- */

static void
pb_kiosk_window_show_page (PbKioskWindow *self,
                           const char    *name)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->stack, name);

  /* GTK 4.8 tells assistive technologies nothing about which stack page
   * is shown: mark the others hidden so that a screen reader (and the
   * end-to-end tests) find only what is on screen. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_accessible_update_state (GTK_ACCESSIBLE (child),
                                 GTK_ACCESSIBLE_STATE_HIDDEN, child != page,
                                 -1);
  gtk_stack_set_visible_child (self->stack, page);
  gtk_revealer_set_reveal_child (self->idle_revealer, FALSE);
  self->last_activity = g_get_monotonic_time ();

  /* Keyboard focus starts at the top of every screen. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
}

static gboolean rebuild_pages_cb (gpointer user_data);

/* Forgets everything of the last resident and shows a clean welcome. */
static void
pb_kiosk_window_start_over (PbKioskWindow *self)
{
  g_autofree char *language = pb_kiosk_languages_dup_current ();

  /* The next resident finds the kiosk in its own language again.  The
   * pages are built anew once the page that asked has finished its
   * signal. */
  if (self->first_language != NULL && g_strcmp0 (language, self->first_language) != 0)
    {
      pb_kiosk_languages_set_current (self->first_language);
      pb_kiosk_session_reset (self->session);
      pb_kiosk_welcome_page_set_large_text (PB_KIOSK_WELCOME_PAGE (self->welcome_page), FALSE);
      if (self->rebuild_id == 0)
        self->rebuild_id = g_idle_add (rebuild_pages_cb, self);
      return;
    }

  pb_kiosk_session_reset (self->session);
  pb_kiosk_choose_page_reset (PB_KIOSK_CHOOSE_PAGE (self->choose_page));
  pb_kiosk_review_page_reset (PB_KIOSK_REVIEW_PAGE (self->review_page));
  pb_kiosk_code_page_reset (PB_KIOSK_CODE_PAGE (self->code_page));
  pb_kiosk_thanks_page_reset (PB_KIOSK_THANKS_PAGE (self->thanks_page));
  pb_kiosk_welcome_page_set_large_text (PB_KIOSK_WELCOME_PAGE (self->welcome_page), FALSE);
  pb_kiosk_window_show_page (self, "welcome");
  gtk_widget_grab_focus (pb_kiosk_welcome_page_get_start_button (PB_KIOSK_WELCOME_PAGE (self->welcome_page)));
}

static void
pb_kiosk_window_ask_pin_to_leave (PbKioskWindow *self)
{
  const char *current = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (current, "pin") == 0)
    return;
  g_free (self->page_before_pin);
  self->page_before_pin = g_strdup (current);
  pb_kiosk_pin_page_set_mode (PB_KIOSK_PIN_PAGE (self->pin_page), PB_KIOSK_PIN_PAGE_UNLOCK);
  pb_kiosk_window_show_page (self, "pin");
  gtk_widget_grab_focus (pb_kiosk_pin_page_get_pin_entry (PB_KIOSK_PIN_PAGE (self->pin_page)));
}

static void
pb_kiosk_window_leave (PbKioskWindow *self)
{
  self->unlocked = TRUE;
  /* The PIN entry must not keep the focus of a window going away. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_window_unfullscreen (GTK_WINDOW (self));
  gtk_window_close (GTK_WINDOW (self));
}

/* ---- Page signals ------------------------------------------------------- */

static void
pin_done_cb (PbKioskWindow *self)
{
  if (pb_kiosk_pin_page_get_mode (PB_KIOSK_PIN_PAGE (self->pin_page)) == PB_KIOSK_PIN_PAGE_SETUP)
    pb_kiosk_window_start_over (self);
  else
    pb_kiosk_window_leave (self);
}

static void
pin_cancel_cb (PbKioskWindow *self)
{
  if (pb_kiosk_pin_page_get_mode (PB_KIOSK_PIN_PAGE (self->pin_page)) == PB_KIOSK_PIN_PAGE_SETUP)
    {
      /* No PIN yet: the kiosk never opened, so the officer may close it. */
      pb_kiosk_window_leave (self);
      return;
    }
  pb_kiosk_window_show_page (self, self->page_before_pin != NULL ? self->page_before_pin : "welcome");
}

static void
welcome_start_cb (PbKioskWindow *self)
{
  if (pb_process_get_voter_codes_required (self->process))
    {
      pb_kiosk_window_show_page (self, "code");
      gtk_widget_grab_focus (pb_kiosk_code_page_get_entry (PB_KIOSK_CODE_PAGE (self->code_page)));
    }
  else
    pb_kiosk_window_show_page (self, "choose");
}

static gboolean
rebuild_pages_cb (gpointer user_data)
{
  PbKioskWindow *self = user_data;
  gboolean large_text = pb_kiosk_welcome_page_get_large_text (PB_KIOSK_WELCOME_PAGE (self->welcome_page));

  self->rebuild_id = 0;
  pb_kiosk_window_build_pages (self);
  /* The window's own words, in the new language too. */
  gtk_window_set_title (GTK_WINDOW (self), _("Voting kiosk"));
  gtk_label_set_label (self->idle_title_label, _("Are you still there?"));
  gtk_button_set_label (self->idle_button, _("I'm still here"));
  pb_kiosk_welcome_page_set_large_text (PB_KIOSK_WELCOME_PAGE (self->welcome_page), large_text);
  pb_kiosk_window_show_page (self, "welcome");
  gtk_widget_grab_focus (pb_kiosk_welcome_page_get_start_button (PB_KIOSK_WELCOME_PAGE (self->welcome_page)));
  return G_SOURCE_REMOVE;
}

static void
welcome_language_changed_cb (PbKioskWindow *self,
                             const char    *code)
{
  g_autofree char *current = pb_kiosk_languages_dup_current ();

  if (g_strcmp0 (current, code) == 0)
    return;
  pb_kiosk_languages_set_current (code);
  /* Every page is built again in the new language, once the drop-down
   * that asked for it has finished its signal. */
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_pages_cb, self);
}

static void
welcome_large_text_cb (PbKioskWindow *self)
{
  if (pb_kiosk_welcome_page_get_large_text (PB_KIOSK_WELCOME_PAGE (self->welcome_page)))
    gtk_widget_add_css_class (GTK_WIDGET (self), "large-text");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "large-text");
}

static void
code_accepted_cb (PbKioskWindow *self,
                  const char    *code)
{
  pb_kiosk_session_set_voter_code (self->session, code);
  pb_kiosk_window_show_page (self, "choose");
}

static void
code_back_cb (PbKioskWindow *self)
{
  pb_kiosk_window_start_over (self);
}

static void
choose_review_cb (PbKioskWindow *self)
{
  pb_kiosk_review_page_update (PB_KIOSK_REVIEW_PAGE (self->review_page));
  pb_kiosk_window_show_page (self, "review");
}

static void
choose_cancel_cb (PbKioskWindow *self)
{
  pb_kiosk_window_start_over (self);
}

static void
review_change_cb (PbKioskWindow *self)
{
  pb_kiosk_window_show_page (self, "choose");
}

/* Why a ballot was not stored, in plain words.  The choices are kept. */
static char *
describe_cast_error (const GError *error)
{
  if (error->domain == PB_STORE_ERROR)
    switch ((PbStoreError) error->code)
      {
      case PB_STORE_ERROR_BUSY:
        return g_strdup (_("Your ballot was not stored: the database is busy. Your choices are still here. Please press “Cast my ballot” again in a moment, or ask a helper."));
      case PB_STORE_ERROR_DISK_FULL:
        return g_strdup (_("Your ballot was not stored: the computer’s disk is full. Your choices are still here. Please ask a helper."));
      case PB_STORE_ERROR_NOT_VOTING:
        return g_strdup (_("Your ballot was not stored: voting has closed. Please ask a helper."));
      default:
        return g_strdup_printf (_("Your ballot was not stored because of a problem with the computer (%s). Your choices are still here. Please ask a helper."),
                                error->message);
      }
  if (error->domain == PB_BALLOT_ERROR)
    return g_strdup_printf (_("Your ballot was not stored: %s Please change your choices."), error->message);
  return g_strdup_printf (_("Your ballot was not stored (%s). Your choices are still here. Please ask a helper."),
                          error->message);
}

static void
review_cast_cb (PbKioskWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbBallot) ballot = NULL;

  /* pb_store_cast_ballot() returns only after the commit: nothing below
   * says "recorded" unless the ballot is stored. */
  ballot = pb_kiosk_session_cast (self->session, &error);
  if (ballot == NULL)
    {
      if (error->domain == PB_VOTER_CODE_ERROR)
        {
          g_autofree char *reason = pb_kiosk_code_page_describe_error (error);
          g_autofree char *message = NULL;

          if (error->code == PB_VOTER_CODE_ERROR_USED)
            message = g_strdup (_("Your ballot was not stored: this code has just been used, perhaps on another kiosk. Your choices are still here. Please type another code, or ask a helper."));
          else
            message = g_strdup_printf (_("Your ballot was not stored. %s Your choices are still here."), reason);
          pb_kiosk_session_set_voter_code (self->session, NULL);
          pb_kiosk_code_page_reset (PB_KIOSK_CODE_PAGE (self->code_page));
          pb_kiosk_window_show_page (self, "code");
          pb_kiosk_code_page_show_error (PB_KIOSK_CODE_PAGE (self->code_page), message);
          gtk_widget_grab_focus (pb_kiosk_code_page_get_entry (PB_KIOSK_CODE_PAGE (self->code_page)));
        }
      else
        {
          g_autofree char *message = describe_cast_error (error);

          pb_kiosk_review_page_show_error (PB_KIOSK_REVIEW_PAGE (self->review_page), message);
        }
      /* The log names no voter code: a code and a time could be linked
       * to the ballot cast with that code. */
      if (error->domain == PB_VOTER_CODE_ERROR)
        g_message ("Kiosk: a ballot was not stored: its voter code was refused (%d)", error->code);
      else
        g_message ("Kiosk: a ballot was not stored: %s", error->message);
      return;
    }

  /* Stored: nothing of this ballot stays on screen but the receipt. */
  pb_kiosk_session_reset (self->session);
  pb_kiosk_choose_page_reset (PB_KIOSK_CHOOSE_PAGE (self->choose_page));
  pb_kiosk_review_page_reset (PB_KIOSK_REVIEW_PAGE (self->review_page));
  pb_kiosk_code_page_reset (PB_KIOSK_CODE_PAGE (self->code_page));
  pb_kiosk_thanks_page_start (PB_KIOSK_THANKS_PAGE (self->thanks_page),
                              pb_ballot_get_receipt (ballot),
                              g_settings_get_uint (self->settings, "kiosk-thank-you-seconds"));
  pb_kiosk_window_show_page (self, "thanks");
  gtk_widget_grab_focus (pb_kiosk_thanks_page_get_done_button (PB_KIOSK_THANKS_PAGE (self->thanks_page)));
}

static void
thanks_finished_cb (PbKioskWindow *self)
{
  pb_kiosk_window_start_over (self);
}

static void
pb_kiosk_window_remove_pages (PbKioskWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stack))) != NULL)
    gtk_stack_remove (self->stack, child);
  self->pin_page = NULL;
  self->welcome_page = NULL;
  self->code_page = NULL;
  self->choose_page = NULL;
  self->review_page = NULL;
  self->thanks_page = NULL;
}

/* Lets the text of every button under @widget wrap onto more lines.  A
 * button's text otherwise decides how narrow the screen may be: with
 * this, every screen fits 360 pixels, also with larger text or a
 * language with long words. */
static void
wrap_button_labels (GtkWidget *widget,
                    gboolean   in_button)
{
  in_button |= GTK_IS_BUTTON (widget);
  if (in_button && GTK_IS_LABEL (widget))
    {
      gtk_label_set_wrap (GTK_LABEL (widget), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (widget), PANGO_WRAP_WORD);
      /* …but only when there is no room for one line. */
      gtk_label_set_natural_wrap_mode (GTK_LABEL (widget), GTK_NATURAL_WRAP_NONE);
      gtk_label_set_justify (GTK_LABEL (widget), GTK_JUSTIFY_CENTER);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    wrap_button_labels (child, in_button);
}

static void
pb_kiosk_window_build_pages (PbKioskWindow *self)
{
  pb_kiosk_window_remove_pages (self);

  self->pin_page = pb_kiosk_pin_page_new (self->pin);
  self->welcome_page = pb_kiosk_welcome_page_new (self->session);
  self->code_page = pb_kiosk_code_page_new (self->session);
  self->choose_page = pb_kiosk_choose_page_new (self->session);
  self->review_page = pb_kiosk_review_page_new (self->session);
  self->thanks_page = pb_kiosk_thanks_page_new ();

  gtk_stack_add_named (self->stack, self->pin_page, "pin");
  gtk_stack_add_named (self->stack, self->welcome_page, "welcome");
  gtk_stack_add_named (self->stack, self->code_page, "code");
  gtk_stack_add_named (self->stack, self->choose_page, "choose");
  gtk_stack_add_named (self->stack, self->review_page, "review");
  gtk_stack_add_named (self->stack, self->thanks_page, "thanks");
  wrap_button_labels (GTK_WIDGET (self->stack), FALSE);

  g_signal_connect_swapped (self->pin_page, "done", G_CALLBACK (pin_done_cb), self);
  g_signal_connect_swapped (self->pin_page, "cancel", G_CALLBACK (pin_cancel_cb), self);
  g_signal_connect_swapped (self->welcome_page, "start", G_CALLBACK (welcome_start_cb), self);
  g_signal_connect_swapped (self->welcome_page, "language-changed", G_CALLBACK (welcome_language_changed_cb), self);
  g_signal_connect_swapped (self->welcome_page, "leave", G_CALLBACK (pb_kiosk_window_ask_pin_to_leave), self);
  g_signal_connect_swapped (self->welcome_page, "notify::large-text", G_CALLBACK (welcome_large_text_cb), self);
  g_signal_connect_swapped (self->code_page, "accepted", G_CALLBACK (code_accepted_cb), self);
  g_signal_connect_swapped (self->code_page, "back", G_CALLBACK (code_back_cb), self);
  g_signal_connect_swapped (self->choose_page, "review", G_CALLBACK (choose_review_cb), self);
  g_signal_connect_swapped (self->choose_page, "cancel", G_CALLBACK (choose_cancel_cb), self);
  g_signal_connect_swapped (self->review_page, "change", G_CALLBACK (review_change_cb), self);
  g_signal_connect_swapped (self->review_page, "cast", G_CALLBACK (review_cast_cb), self);
  g_signal_connect_swapped (self->thanks_page, "finished", G_CALLBACK (thanks_finished_cb), self);
}

/* ---- Idle timeout ------------------------------------------------------- */

static void
pb_kiosk_window_hide_countdown (PbKioskWindow *self)
{
  gtk_revealer_set_reveal_child (self->idle_revealer, FALSE);
}

static gboolean
idle_tick_cb (gpointer user_data)
{
  PbKioskWindow *self = user_data;
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gint64 timeout_us = self->test_timeout_ms > 0
                   ? (gint64) self->test_timeout_ms * 1000
                   : (gint64) g_settings_get_uint (self->settings, "kiosk-idle-timeout") * G_USEC_PER_SEC;
  gint64 countdown_us = self->test_countdown_ms > 0
                      ? (gint64) self->test_countdown_ms * 1000
                      : (gint64) g_settings_get_uint (self->settings, "kiosk-countdown") * G_USEC_PER_SEC;
  gint64 idle_us = g_get_monotonic_time () - self->last_activity;
  gint64 left_us = timeout_us - idle_us;

  /* Nothing to discard on the welcome and thank-you screens, nor before
   * the officer has set a PIN. */
  if (page == NULL || g_str_equal (page, "welcome") || g_str_equal (page, "thanks") ||
      (g_str_equal (page, "pin") &&
       pb_kiosk_pin_page_get_mode (PB_KIOSK_PIN_PAGE (self->pin_page)) == PB_KIOSK_PIN_PAGE_SETUP))
    {
      pb_kiosk_window_hide_countdown (self);
      return G_SOURCE_CONTINUE;
    }

  if (left_us <= 0)
    {
      pb_kiosk_window_start_over (self);
      return G_SOURCE_CONTINUE;
    }

  if (left_us <= MIN (countdown_us, timeout_us))
    {
      guint seconds = (guint) ((left_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
      g_autofree char *text = g_strdup_printf (ngettext ("Your choices will be cleared in %u second. Touch the screen to carry on.",
                                                         "Your choices will be cleared in %u seconds. Touch the screen to carry on.",
                                                         seconds),
                                               seconds);

      gtk_label_set_label (self->idle_label, text);
      gtk_revealer_set_reveal_child (self->idle_revealer, TRUE);
    }
  else
    pb_kiosk_window_hide_countdown (self);

  return G_SOURCE_CONTINUE;
}

static gboolean
activity_cb (GtkEventControllerLegacy *controller,
             GdkEvent                 *event,
             PbKioskWindow            *self)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
    case GDK_BUTTON_PRESS:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCH_UPDATE:
    case GDK_SCROLL:
    case GDK_MOTION_NOTIFY:
      self->last_activity = g_get_monotonic_time ();
      pb_kiosk_window_hide_countdown (self);
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
on_still_here_clicked (PbKioskWindow *self)
{
  self->last_activity = g_get_monotonic_time ();
  pb_kiosk_window_hide_countdown (self);
}

/* ---- Staying in --------------------------------------------------------- */

static void
leave_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  pb_kiosk_window_ask_pin_to_leave (PB_KIOSK_WINDOW (widget));
}

static void
escape_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PbKioskWindow *self = PB_KIOSK_WINDOW (widget);
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  /* Escape never leaves the kiosk; it only backs out of the PIN screen. */
  if (g_strcmp0 (page, "pin") == 0 &&
      pb_kiosk_pin_page_get_mode (PB_KIOSK_PIN_PAGE (self->pin_page)) == PB_KIOSK_PIN_PAGE_UNLOCK)
    pin_cancel_cb (self);
}

static void
fullscreened_cb (PbKioskWindow *self)
{
  if (!self->unlocked && !gtk_window_is_fullscreen (GTK_WINDOW (self)))
    gtk_window_fullscreen (GTK_WINDOW (self));
}

static gboolean
pb_kiosk_window_close_request (GtkWindow *window)
{
  PbKioskWindow *self = PB_KIOSK_WINDOW (window);

  /* Alt+F4, Ctrl+Q and the like end here: only the PIN lets an officer out. */
  if (!self->unlocked)
    {
      pb_kiosk_window_ask_pin_to_leave (self);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (pb_kiosk_window_parent_class)->close_request (window);
}

/* ---- GObject ------------------------------------------------------------ */

static void
load_css (void)
{
  static gboolean loaded;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (loaded || display == NULL)
    return;
  loaded = TRUE;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/com/example/Pb/kiosk/pb-kiosk.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
pb_kiosk_window_constructed (GObject *object)
{
  PbKioskWindow *self = PB_KIOSK_WINDOW (object);

  G_OBJECT_CLASS (pb_kiosk_window_parent_class)->constructed (object);

  g_assert (PB_IS_STORE (self->store));
  g_assert (PB_IS_PROCESS (self->process));

  self->session = pb_kiosk_session_new (self->store, self->process);
  self->pin = pb_kiosk_pin_new (self->store);
  self->first_language = pb_kiosk_languages_dup_current ();
  pb_kiosk_window_build_pages (self);

  if (pb_kiosk_pin_is_set (self->pin))
    pb_kiosk_window_start_over (self);
  else
    {
      pb_kiosk_pin_page_set_mode (PB_KIOSK_PIN_PAGE (self->pin_page), PB_KIOSK_PIN_PAGE_SETUP);
      pb_kiosk_window_show_page (self, "pin");
    }

  self->idle_tick_id = g_timeout_add (IDLE_TICK_MS, idle_tick_cb, self);
}

static void
pb_kiosk_window_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PbKioskWindow *self = PB_KIOSK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PROCESS:
      g_value_set_object (value, self->process);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_kiosk_window_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PbKioskWindow *self = PB_KIOSK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PROCESS:
      self->process = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_kiosk_window_dispose (GObject *object)
{
  PbKioskWindow *self = PB_KIOSK_WINDOW (object);

  g_clear_handle_id (&self->idle_tick_id, g_source_remove);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->stack != NULL)
    pb_kiosk_window_remove_pages (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_KIOSK_WINDOW);
  g_clear_object (&self->session);
  g_clear_object (&self->pin);
  g_clear_object (&self->settings);
  g_clear_object (&self->process);
  g_clear_object (&self->store);
  g_clear_pointer (&self->page_before_pin, g_free);
  g_clear_pointer (&self->first_language, g_free);

  G_OBJECT_CLASS (pb_kiosk_window_parent_class)->dispose (object);
}

static void
pb_kiosk_window_class_init (PbKioskWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = pb_kiosk_window_constructed;
  object_class->dispose = pb_kiosk_window_dispose;
  object_class->get_property = pb_kiosk_window_get_property;
  object_class->set_property = pb_kiosk_window_set_property;
  window_class->close_request = pb_kiosk_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROCESS] =
    g_param_spec_object ("process", NULL, NULL, PB_TYPE_PROCESS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "kiosk.leave", NULL, leave_action_cb);
  gtk_widget_class_install_action (widget_class, "kiosk.escape", NULL, escape_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "kiosk.leave", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F4, GDK_ALT_MASK, "kiosk.leave", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "kiosk.escape", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Pb/kiosk/pb-kiosk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PbKioskWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PbKioskWindow, idle_revealer);
  gtk_widget_class_bind_template_child (widget_class, PbKioskWindow, idle_title_label);
  gtk_widget_class_bind_template_child (widget_class, PbKioskWindow, idle_label);
  gtk_widget_class_bind_template_child (widget_class, PbKioskWindow, idle_button);
  gtk_widget_class_bind_template_callback (widget_class, on_still_here_clicked);
}

static void
pb_kiosk_window_init (PbKioskWindow *self)
{
  GtkEventController *activity;

  gtk_widget_init_template (GTK_WIDGET (self));
  load_css ();

  self->settings = g_settings_new (PB_APP_ID);
  self->last_activity = g_get_monotonic_time ();

  /* Any touch, click, key or pointer movement counts as the resident
   * still being there. */
  activity = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (activity, GTK_PHASE_CAPTURE);
  g_signal_connect (activity, "event", G_CALLBACK (activity_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), activity);

  g_signal_connect (self, "notify::fullscreened", G_CALLBACK (fullscreened_cb), NULL);
  gtk_window_fullscreen (GTK_WINDOW (self));
}

PbKioskWindow *
pb_kiosk_window_new (GtkApplication *application,
                     PbStore        *store,
                     PbProcess      *process)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (PB_IS_STORE (store), NULL);
  g_return_val_if_fail (PB_IS_PROCESS (process), NULL);

  return g_object_new (PB_TYPE_KIOSK_WINDOW,
                       "application", application,
                       "store", store,
                       "process", process,
                       NULL);
}

GtkWidget *
pb_kiosk_window_get_page (PbKioskWindow *self,
                          const char    *name)
{
  g_return_val_if_fail (PB_IS_KIOSK_WINDOW (self), NULL);
  return gtk_stack_get_child_by_name (self->stack, name);
}

const char *
pb_kiosk_window_get_page_name (PbKioskWindow *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
pb_kiosk_window_get_countdown_text (PbKioskWindow *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->idle_revealer))
    return NULL;
  return gtk_label_get_label (self->idle_label);
}

gboolean
pb_kiosk_window_is_unlocked (PbKioskWindow *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_WINDOW (self), FALSE);
  return self->unlocked;
}

void
pb_kiosk_window_set_idle_limits (PbKioskWindow *self,
                                 guint          timeout_ms,
                                 guint          countdown_ms)
{
  g_return_if_fail (PB_IS_KIOSK_WINDOW (self));

  self->test_timeout_ms = timeout_ms;
  self->test_countdown_ms = countdown_ms;
}
