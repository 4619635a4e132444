/* fuzz-bundle.c: libFuzzer target for the kiosk bundle reader, as
 * `pbtool merge` and "Add ballots from kiosks" call it on a file.
 *
 * Any input must be refused with a PB_BUNDLE_ERROR (or, when signed,
 * read), never crash, leak or hit undefined behaviour. */

#include "fuzz-common.h"

#include "pb-bundle.h"

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
  g_autoptr(PbBundle) bundle = pb_bundle_new_from_data ((const char *) data, size, &error);

  if (bundle == NULL)
    {
      if (error == NULL || error->domain != PB_BUNDLE_ERROR || error->message[0] == '\0')
        abort ();
      return 0;
    }
  g_free (pb_bundle_to_data (bundle, NULL));
  return 0;
}
