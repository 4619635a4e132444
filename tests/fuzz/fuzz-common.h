/* fuzz-common.h: set-up shared by Pb's libFuzzer targets.
 *
 * Warnings and criticals abort, so that a g_return_if_fail() reached from
 * input counts as a crash; messages are silenced otherwise. */
#pragma once

#include <glib.h>
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static inline void
pb_fuzz_init (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  if (sodium_init () < 0)
    abort ();
}
