/* pb-kiosk-pin.h: the officer PIN that guards leaving the kiosk.
 *
 * The PIN is kept only as an Argon2id hash (libsodium crypto_pwhash_str())
 * in the store's "kiosk-pin-hash" setting.  Hashing and checking run in a
 * worker thread so that the kiosk stays responsive.  Five wrong PINs in a
 * row lock entry for a minute; each further lock lasts twice as long.  The
 * count and the lock are kept in the store ("kiosk-pin-lockout"), so that
 * they survive restarting the kiosk.
 */
#pragma once

#include <gio/gio.h>

#include "pb-store.h"

G_BEGIN_DECLS

#define PB_KIOSK_PIN_ERROR (pb_kiosk_pin_error_quark ())

typedef enum {
  PB_KIOSK_PIN_ERROR_UNACCEPTABLE,  /* not 4 to 12 digits */
  PB_KIOSK_PIN_ERROR_MISMATCH,      /* the two PINs typed at set-up differ */
  PB_KIOSK_PIN_ERROR_WRONG,         /* not the officer PIN */
  PB_KIOSK_PIN_ERROR_LOCKED,        /* too many wrong PINs: try later */
  PB_KIOSK_PIN_ERROR_FAILED,        /* hashing failed (out of memory) */
} PbKioskPinError;

GQuark        pb_kiosk_pin_error_quark  (void);

/* Wrong PINs allowed before entry locks. */
#define PB_KIOSK_PIN_MAX_ATTEMPTS 5
/* Length of the first lock, in seconds; each further lock doubles. */
#define PB_KIOSK_PIN_FIRST_LOCK_SECONDS 60

/* A clock in microseconds (wall-clock g_get_real_time() by default, as the
 * stored lockout must mean the same after a restart). */
typedef gint64 (*PbKioskPinClock) (gpointer user_data);

#define PB_TYPE_KIOSK_PIN (pb_kiosk_pin_get_type ())
G_DECLARE_FINAL_TYPE (PbKioskPin, pb_kiosk_pin, PB, KIOSK_PIN, GObject)

PbKioskPin   *pb_kiosk_pin_new              (PbStore              *store);

/* Tests drive time with their own clock. */
void          pb_kiosk_pin_set_clock        (PbKioskPin           *self,
                                             PbKioskPinClock       clock,
                                             gpointer              user_data);

gboolean      pb_kiosk_pin_is_set           (PbKioskPin           *self);

/* Whether @pin may be used as an officer PIN: 4 to 12 digits. */
gboolean      pb_kiosk_pin_is_acceptable    (const char           *pin,
                                             GError              **error);

/* Hashes @pin and stores the hash. */
void          pb_kiosk_pin_set_async        (PbKioskPin           *self,
                                             const char           *pin,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean      pb_kiosk_pin_set_finish       (PbKioskPin           *self,
                                             GAsyncResult         *result,
                                             GError              **error);

/* Checks @pin against the stored hash.  Finishes with TRUE when it
 * matches; otherwise FALSE with PB_KIOSK_PIN_ERROR_WRONG (saying how many
 * tries are left) or _LOCKED (saying for how long). */
void          pb_kiosk_pin_verify_async     (PbKioskPin           *self,
                                             const char           *pin,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean      pb_kiosk_pin_verify_finish    (PbKioskPin           *self,
                                             GAsyncResult         *result,
                                             GError              **error);

/* Seconds until entry unlocks (0 when it is not locked). */
guint         pb_kiosk_pin_get_seconds_locked (PbKioskPin         *self);

G_END_DECLS
