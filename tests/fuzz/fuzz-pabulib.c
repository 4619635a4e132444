/* fuzz-pabulib.c: libFuzzer target for the Pabulib reader.
 *
 * Any input must be read or refused with an error, never crash, leak or
 * hit undefined behaviour; what is read is written back out, to run the
 * writer over whatever the reader accepted. */

#include "fuzz-common.h"

#include "pb-pabulib.h"

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
  g_autoptr(PbElection) election = pb_pabulib_read_data ((const char *) data, size, &error);

  if (election == NULL)
    {
      /* A refusal must say why. */
      if (error == NULL || error->message == NULL || error->message[0] == '\0')
        abort ();
      return 0;
    }
  g_string_free (pb_pabulib_write (election), TRUE);
  return 0;
}
