/* pb-kiosk-languages.c: the languages the kiosk can speak. */

#include "pb-config.h"

#include <glib/gi18n.h>
#include <libintl.h>
#include <locale.h>

#include "pb-kiosk-languages.h"

/* Each language's own name.  A translation shipped without an entry here
 * is still offered, under its code. */
static const struct {
  const char *code;
  const char *name;
} language_names[] = {
  { "ar", "العربية" },
  { "bn", "বাংলা" },
  { "ca", "Català" },
  { "cs", "Čeština" },
  { "cy", "Cymraeg" },
  { "da", "Dansk" },
  { "de", "Deutsch" },
  { "el", "Ελληνικά" },
  { "en", "English" },
  { "es", "Español" },
  { "eu", "Euskara" },
  { "fi", "Suomi" },
  { "fr", "Français" },
  { "ga", "Gaeilge" },
  { "gl", "Galego" },
  { "hi", "हिन्दी" },
  { "hu", "Magyar" },
  { "it", "Italiano" },
  { "ja", "日本語" },
  { "ko", "한국어" },
  { "lt", "Lietuvių" },
  { "nl", "Nederlands" },
  { "nb", "Norsk bokmål" },
  { "pa", "ਪੰਜਾਬੀ" },
  { "pl", "Polski" },
  { "pt", "Português" },
  { "pt_BR", "Português do Brasil" },
  { "ro", "Română" },
  { "ru", "Русский" },
  { "so", "Soomaali" },
  { "sk", "Slovenčina" },
  { "sv", "Svenska" },
  { "tr", "Türkçe" },
  { "uk", "Українська" },
  { "ur", "اردو" },
  { "zh_CN", "简体中文" },
  { "zh_TW", "繁體中文" },
};

static const char *
locale_dir (void)
{
  const char *dir = g_getenv ("PB_LOCALEDIR");

  return dir != NULL && dir[0] != '\0' ? dir : PB_LOCALEDIR;
}

GStrv
pb_kiosk_languages_list (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GDir) dir = g_dir_open (locale_dir (), 0, NULL);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_strv_builder_add (builder, "en");
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *mo = g_build_filename (locale_dir (), name, "LC_MESSAGES",
                                              PB_GETTEXT_PACKAGE ".mo", NULL);

      if (!g_str_equal (name, "en") && g_file_test (mo, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (found, g_strdup (name));
    }
  g_ptr_array_sort (found, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < found->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (found, i));
  return g_strv_builder_end (builder);
}

const char *
pb_kiosk_languages_get_name (const char *code)
{
  g_return_val_if_fail (code != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (language_names); i++)
    if (g_str_equal (language_names[i].code, code))
      return language_names[i].name;
  return code;
}

char *
pb_kiosk_languages_dup_current (void)
{
  const char * const *names = g_get_language_names ();
  g_auto(GStrv) available = pb_kiosk_languages_list ();

  /* The first of the user's languages that the kiosk has. */
  for (guint i = 0; names[i] != NULL; i++)
    for (guint j = 0; available[j] != NULL; j++)
      if (g_str_equal (names[i], available[j]))
        return g_strdup (available[j]);
  return g_strdup ("en");
}

void
pb_kiosk_languages_set_current (const char *code)
{
  g_return_if_fail (code != NULL);

  /* LANGUAGE takes precedence over LC_MESSAGES for gettext; setting the
   * text domain again makes gettext drop the messages it has cached. */
  g_setenv ("LANGUAGE", code, TRUE);
  textdomain (textdomain (NULL));
}
