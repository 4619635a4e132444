/* pb-voter-code.h: one-time voter codes.
 *
 * Codes are printed on slips and handed to residents; a code lets one
 * ballot be cast.  They use an alphabet without look-alikes (no 0/O, 1/l/I)
 * in two groups of four ("K7MX-Q4PR", about 40 bits), and typed input is
 * normalised so that case, spaces and dashes do not matter.
 *
 * A code is consumed in the same transaction as its ballot, and the store
 * keeps nothing that links the two: see pb-store.h.
 */
#pragma once

#include <glib-object.h>

#include "pb-store-types.h"

G_BEGIN_DECLS

#define PB_VOTER_CODE_ERROR (pb_voter_code_error_quark ())

typedef enum {
  PB_VOTER_CODE_ERROR_MALFORMED,  /* not a code: wrong length or letters */
  PB_VOTER_CODE_ERROR_REQUIRED,   /* the process requires a code and none was given */
  PB_VOTER_CODE_ERROR_UNKNOWN,    /* no such code in this process */
  PB_VOTER_CODE_ERROR_USED,       /* the code has already been used */
  PB_VOTER_CODE_ERROR_VOID,       /* the code was voided by an officer */
} PbVoterCodeError;

GQuark       pb_voter_code_error_quark  (void);

/* The letters codes are made of: digits and capitals without 0, O, 1, I, L. */
#define PB_VOTER_CODE_ALPHABET "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

/* A new random code, canonical form "XXXX-XXXX". */
char        *pb_voter_code_generate     (void);

/* Canonical form of typed input: case, spaces and dashes do not matter
 * ("k7mx q4pr", "K7MXQ4PR" and " k7mx-q4pr " all give "K7MX-Q4PR").
 * Characters outside the alphabet (including 0, O, 1, I, L) are refused
 * rather than guessed at.  Returns NULL with @error (PB_VOTER_CODE_ERROR_MALFORMED) when the input
 * is not a code. */
char        *pb_voter_code_normalize    (const char  *input,
                                         GError     **error);

#define PB_TYPE_VOTER_CODE (pb_voter_code_get_type ())
G_DECLARE_FINAL_TYPE (PbVoterCode, pb_voter_code, PB, VOTER_CODE, GObject)

/* Properties, all read-only: "code" (canonical), "batch" (guint, the batch
 * number it was issued in), "state" (PbVoterCodeState). */
const char        *pb_voter_code_get_code   (PbVoterCode *self);
guint              pb_voter_code_get_batch  (PbVoterCode *self);
PbVoterCodeState   pb_voter_code_get_state  (PbVoterCode *self);

G_END_DECLS
