/* pb-kiosk-pin.c: the officer PIN that guards leaving the kiosk. */

#include "pb-config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "pb-kiosk-pin.h"

#define PIN_HASH_SETTING "kiosk-pin-hash"
/* "FAILURES LOCKS LOCKED_UNTIL": the lockout, kept in the database so that
 * restarting the kiosk does not give a guesser five fresh tries. */
#define PIN_LOCKOUT_SETTING "kiosk-pin-lockout"

struct _PbKioskPin
{
  GObject          parent_instance;

  PbStore         *store;
  PbKioskPinClock  clock;
  gpointer         clock_data;

  guint            failures;      /* wrong PINs since the last success or lock */
  guint            locks;         /* locks so far: the next lasts 60 s × 2^locks */
  gint64           locked_until;  /* clock time when entry unlocks */
};

G_DEFINE_FINAL_TYPE (PbKioskPin, pb_kiosk_pin, G_TYPE_OBJECT)

G_DEFINE_QUARK (pb-kiosk-pin-error-quark, pb_kiosk_pin_error)

/* What a worker thread needs: a copy of the PIN in secure memory and, for
 * checking, the stored hash. */
typedef struct {
  char *pin;
  char *hash;
} PinJob;

static void
pin_job_free (PinJob *job)
{
  if (job->pin != NULL)
    sodium_free (job->pin);
  g_free (job->hash);
  g_free (job);
}

static PinJob *
pin_job_new (const char *pin,
             const char *hash)
{
  PinJob *job = g_new0 (PinJob, 1);
  gsize len = strlen (pin);

  job->pin = sodium_malloc (len + 1);
  memcpy (job->pin, pin, len + 1);
  job->hash = g_strdup (hash);
  return job;
}

/* Wall-clock time: unlike the monotonic clock it means the same after a
 * restart, which the stored lockout needs. */
static gint64
default_clock (gpointer user_data)
{
  return g_get_real_time ();
}

static gint64
pb_kiosk_pin_now (PbKioskPin *self)
{
  return self->clock (self->clock_data);
}

/* The length of the lock number @locks (1 for the first), in seconds. */
static guint
lock_seconds (guint locks)
{
  return PB_KIOSK_PIN_FIRST_LOCK_SECONDS << MIN (locks > 0 ? locks - 1 : 0, 16u);
}

static void
pb_kiosk_pin_load_lockout (PbKioskPin *self)
{
  g_autofree char *text = pb_store_get_setting (self->store, PIN_LOCKOUT_SETTING);
  g_auto(GStrv) fields = NULL;
  guint64 failures, locks;
  gint64 until;

  if (text == NULL)
    return;
  fields = g_strsplit (text, " ", -1);
  if (g_strv_length (fields) != 3 ||
      !g_ascii_string_to_unsigned (fields[0], 10, 0, PB_KIOSK_PIN_MAX_ATTEMPTS, &failures, NULL) ||
      !g_ascii_string_to_unsigned (fields[1], 10, 0, 64, &locks, NULL) ||
      !g_ascii_string_to_signed (fields[2], 10, 0, G_MAXINT64, &until, NULL))
    {
      /* Never a reason to let anyone in: a damaged value locks once. */
      g_message ("Kiosk PIN: the stored lockout “%s” is damaged; locking entry for a minute", text);
      self->failures = 0;
      self->locks = 1;
      self->locked_until = G_MININT64;
      return;
    }
  self->failures = (guint) failures;
  self->locks = (guint) locks;
  self->locked_until = until;
}

static void
pb_kiosk_pin_save_lockout (PbKioskPin *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (self->failures > 0 || self->locks > 0 || self->locked_until > 0)
    text = g_strdup_printf ("%u %u %" G_GINT64_FORMAT, self->failures, self->locks, self->locked_until);
  if (!pb_store_set_setting (self->store, PIN_LOCKOUT_SETTING, text, &error))
    /* The count still holds for as long as this kiosk runs. */
    g_message ("Kiosk PIN: the lockout could not be stored: %s", error->message);
}

static void
pb_kiosk_pin_finalize (GObject *object)
{
  PbKioskPin *self = PB_KIOSK_PIN (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (pb_kiosk_pin_parent_class)->finalize (object);
}

static void
pb_kiosk_pin_class_init (PbKioskPinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_kiosk_pin_finalize;

  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");
}

static void
pb_kiosk_pin_init (PbKioskPin *self)
{
  self->clock = default_clock;
}

PbKioskPin *
pb_kiosk_pin_new (PbStore *store)
{
  PbKioskPin *self;

  g_return_val_if_fail (PB_IS_STORE (store), NULL);

  self = g_object_new (PB_TYPE_KIOSK_PIN, NULL);
  self->store = g_object_ref (store);
  pb_kiosk_pin_load_lockout (self);
  return self;
}

void
pb_kiosk_pin_set_clock (PbKioskPin      *self,
                        PbKioskPinClock  clock,
                        gpointer         user_data)
{
  g_return_if_fail (PB_IS_KIOSK_PIN (self));

  self->clock = clock != NULL ? clock : default_clock;
  self->clock_data = user_data;
}

gboolean
pb_kiosk_pin_is_set (PbKioskPin *self)
{
  g_autofree char *hash = NULL;

  g_return_val_if_fail (PB_IS_KIOSK_PIN (self), FALSE);

  hash = pb_store_get_setting (self->store, PIN_HASH_SETTING);
  return hash != NULL && hash[0] != '\0';
}

gboolean
pb_kiosk_pin_is_acceptable (const char  *pin,
                            GError     **error)
{
  gsize len = pin != NULL ? strlen (pin) : 0;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (pin[i]))
      len = 0;

  if (len < 4 || len > 12)
    {
      g_set_error_literal (error, PB_KIOSK_PIN_ERROR, PB_KIOSK_PIN_ERROR_UNACCEPTABLE,
                           _("The PIN must be 4 to 12 digits."));
      return FALSE;
    }
  return TRUE;
}

static void
hash_pin_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  PinJob *job = task_data;
  char hash[crypto_pwhash_STRBYTES];

  if (crypto_pwhash_str_alg (hash, job->pin, strlen (job->pin),
                             crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE,
                             crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_task_return_new_error (task, PB_KIOSK_PIN_ERROR, PB_KIOSK_PIN_ERROR_FAILED,
                               "%s", _("The PIN could not be protected: the computer is out of memory."));
      return;
    }
  g_task_return_pointer (task, g_strdup (hash), g_free);
}

void
pb_kiosk_pin_set_async (PbKioskPin          *self,
                        const char          *pin,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (PB_IS_KIOSK_PIN (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_kiosk_pin_set_async);
  if (!pb_kiosk_pin_is_acceptable (pin, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, pin_job_new (pin, NULL), (GDestroyNotify) pin_job_free);
  g_task_run_in_thread (task, hash_pin_thread);
}

gboolean
pb_kiosk_pin_set_finish (PbKioskPin    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_autofree char *hash = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  hash = g_task_propagate_pointer (G_TASK (result), error);
  if (hash == NULL)
    return FALSE;
  if (!pb_store_set_setting (self->store, PIN_HASH_SETTING, hash, error))
    return FALSE;
  self->failures = 0;
  self->locks = 0;
  self->locked_until = 0;
  pb_kiosk_pin_save_lockout (self);
  return TRUE;
}

static void
verify_pin_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  PinJob *job = task_data;

  g_task_return_boolean (task, crypto_pwhash_str_verify (job->hash, job->pin, strlen (job->pin)) == 0);
}

guint
pb_kiosk_pin_get_seconds_locked (PbKioskPin *self)
{
  gint64 now;
  gint64 longest;

  g_return_val_if_fail (PB_IS_KIOSK_PIN (self), 0);

  now = pb_kiosk_pin_now (self);
  longest = (gint64) lock_seconds (self->locks) * G_USEC_PER_SEC;
  /* A damaged lockout, or a clock turned back, never locks for longer
   * than the current lock is meant to last. */
  if (self->locks > 0 && (self->locked_until == G_MININT64 || self->locked_until - now > longest))
    {
      self->locked_until = now + longest;
      pb_kiosk_pin_save_lockout (self);
    }
  if (now >= self->locked_until)
    return 0;
  return (guint) ((self->locked_until - now + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

static void
set_locked_error (PbKioskPin  *self,
                  GError     **error)
{
  guint seconds = pb_kiosk_pin_get_seconds_locked (self);

  g_set_error (error, PB_KIOSK_PIN_ERROR, PB_KIOSK_PIN_ERROR_LOCKED,
               ngettext ("Too many wrong PINs. Try again in %u second.",
                         "Too many wrong PINs. Try again in %u seconds.", seconds),
               seconds);
}

void
pb_kiosk_pin_verify_async (PbKioskPin          *self,
                           const char          *pin,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *hash = NULL;

  g_return_if_fail (PB_IS_KIOSK_PIN (self));
  g_return_if_fail (pin != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_kiosk_pin_verify_async);

  if (pb_kiosk_pin_get_seconds_locked (self) > 0)
    {
      GError *error = NULL;

      set_locked_error (self, &error);
      g_task_return_error (task, error);
      return;
    }

  hash = pb_store_get_setting (self->store, PIN_HASH_SETTING);
  if (hash == NULL)
    {
      /* No PIN has been set: nothing can match. */
      g_task_return_boolean (task, FALSE);
      return;
    }
  g_task_set_task_data (task, pin_job_new (pin, hash), (GDestroyNotify) pin_job_free);
  g_task_run_in_thread (task, verify_pin_thread);
}

gboolean
pb_kiosk_pin_verify_finish (PbKioskPin    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  GError *local_error = NULL;
  guint left;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (g_task_propagate_boolean (G_TASK (result), &local_error))
    {
      if (self->failures > 0 || self->locks > 0)
        {
          self->failures = 0;
          self->locks = 0;
          self->locked_until = 0;
          pb_kiosk_pin_save_lockout (self);
        }
      return TRUE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  self->failures++;
  if (self->failures >= PB_KIOSK_PIN_MAX_ATTEMPTS)
    {
      self->locks++;
      self->locked_until = pb_kiosk_pin_now (self) + (gint64) lock_seconds (self->locks) * G_USEC_PER_SEC;
      self->failures = 0;
      pb_kiosk_pin_save_lockout (self);
      set_locked_error (self, error);
      return FALSE;
    }
  pb_kiosk_pin_save_lockout (self);

  left = PB_KIOSK_PIN_MAX_ATTEMPTS - self->failures;
  g_set_error (error, PB_KIOSK_PIN_ERROR, PB_KIOSK_PIN_ERROR_WRONG,
               ngettext ("That is not the officer PIN. %u try left.",
                         "That is not the officer PIN. %u tries left.", left),
               left);
  return FALSE;
}
