/* pb-kiosk-languages.h: the languages the kiosk can speak.
 *
 * English (the source language) plus every translation shipped: a
 * language is offered when its pb.mo is installed in the locale folder.
 * Each is named in its own language ("Polski", "Deutsch").
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A new NULL-terminated array of language codes, "en" first. */
GStrv        pb_kiosk_languages_list          (void);
/* The name of @code in that language, or @code itself when unknown. */
const char  *pb_kiosk_languages_get_name      (const char *code);
/* The code of the language messages are shown in now ("en" by default). */
char        *pb_kiosk_languages_dup_current   (void);
/* Shows messages in @code from now on (widgets built later use it). */
void         pb_kiosk_languages_set_current   (const char *code);

G_END_DECLS
