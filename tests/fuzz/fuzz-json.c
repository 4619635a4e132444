/* fuzz-json.c: libFuzzer target for the bundle's JSON reader and its
 * canonical form, below the signature check.
 *
 * The signature covers the canonical form the reader rebuilds from the
 * values it read, so the reader and the canonical serializer must agree:
 * for every document the reader accepts, its canonical form must read
 * back to the very same canonical form.  Otherwise a correctly signed
 * bundle could fail to verify, or two different documents share one
 * signature.  This target checks that on every input, signature aside. */

#include "fuzz-common.h"

#include <string.h>

#include "pb-bundle-private.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  pb_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbBundle) bundle = pb_bundle_read_unsigned ((const char *) data, size, &error);
  g_autoptr(PbBundle) again = NULL;
  g_autoptr(GString) first = NULL;
  g_autoptr(GString) second = NULL;
  g_autoptr(GString) document = NULL;

  if (bundle == NULL)
    {
      if (error == NULL || error->domain != PB_BUNDLE_ERROR || error->message[0] == '\0')
        abort ();
      return 0;
    }

  first = pb_bundle_canonical_form (bundle, FALSE);
  document = pb_bundle_canonical_form (bundle, TRUE);
  again = pb_bundle_read_unsigned (document->str, document->len, &error);
  if (again == NULL)
    abort ();
  second = pb_bundle_canonical_form (again, FALSE);
  if (first->len != second->len || memcmp (first->str, second->str, first->len) != 0)
    abort ();
  return 0;
}
