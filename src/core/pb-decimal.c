/* pb-decimal.c: exact amounts of money as decimal strings and GMP rationals. */

#include "pb-config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "pb-decimal.h"

G_DEFINE_QUARK (pb-decimal-error-quark, pb_decimal_error)

static gboolean
parse_digits (const char *p, const char *end, mpz_t out)
{
  g_autofree char *digits = NULL;

  if (p == end)
    return FALSE;
  for (const char *q = p; q < end; q++)
    if (!g_ascii_isdigit (*q))
      return FALSE;
  digits = g_strndup (p, end - p);
  return mpz_set_str (out, digits, 10) == 0;
}

gboolean
pb_decimal_parse (const char  *text,
                  mpq_t        out,
                  GError     **error)
{
  g_autofree char *copy = NULL;
  const char *p, *end, *sep;
  gboolean negative = FALSE;
  gboolean ok = FALSE;
  mpz_t num, den, frac;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL)
    text = "";
  copy = g_strstrip (g_strdup (text));
  p = copy;
  end = p + strlen (p);

  if (*p == '-' || *p == '+')
    {
      negative = *p == '-';
      p++;
    }

  mpz_inits (num, den, frac, NULL);

  if ((sep = strchr (p, '/')) != NULL)
    {
      ok = parse_digits (p, sep, num) && parse_digits (sep + 1, end, den) && mpz_sgn (den) != 0;
      if (ok)
        {
          mpq_set_num (out, num);
          mpq_set_den (out, den);
          mpq_canonicalize (out);
        }
    }
  else
    {
      sep = strpbrk (p, ".,");
      if (sep == NULL)
        {
          ok = parse_digits (p, end, num);
          if (ok)
            mpq_set_z (out, num);
        }
      else
        {
          /* "12." and ".5" are accepted, "." alone is not. */
          gboolean has_int = sep > p;
          gboolean has_frac = sep + 1 < end;

          ok = (has_int || has_frac)
            && (!has_int || parse_digits (p, sep, num))
            && (!has_frac || parse_digits (sep + 1, end, frac));
          if (ok)
            {
              mpz_ui_pow_ui (den, 10, end - (sep + 1));
              mpz_mul (num, num, den);
              mpz_add (num, num, frac);
              mpq_set_num (out, num);
              mpq_set_den (out, den);
              mpq_canonicalize (out);
            }
        }
    }

  if (ok && negative)
    mpq_neg (out, out);

  mpz_clears (num, den, frac, NULL);

  if (!ok)
    g_set_error (error, PB_DECIMAL_ERROR, PB_DECIMAL_ERROR_INVALID,
                 _("“%s” is not an amount: use digits with an optional decimal point, such as 4500 or 4500.50"),
                 copy);
  return ok;
}

gboolean
pb_decimal_parse_nonneg (const char  *text,
                         mpq_t        out,
                         GError     **error)
{
  mpq_t tmp;
  gboolean ok;

  mpq_init (tmp);
  ok = pb_decimal_parse (text, tmp, error);
  if (ok && mpq_sgn (tmp) < 0)
    {
      g_set_error (error, PB_DECIMAL_ERROR, PB_DECIMAL_ERROR_NEGATIVE,
                   _("The amount %s is negative; amounts must be zero or more"), text);
      ok = FALSE;
    }
  if (ok)
    mpq_set (out, tmp);
  mpq_clear (tmp);
  return ok;
}

char *
pb_decimal_to_string (const mpq_t value)
{
  mpz_t den, scale, scaled;
  unsigned long twos, fives, digits;
  char *result;

  if (mpz_cmp_ui (mpq_denref (value), 1) == 0)
    {
      char *s = mpz_get_str (NULL, 10, mpq_numref (value));
      result = g_strdup (s);
      free (s);
      return result;
    }

  /* A finite decimal exists only when the denominator is 2^a·5^b. */
  mpz_inits (den, scale, scaled, NULL);
  mpz_set (den, mpq_denref (value));
  {
    mpz_t two, five;
    mpz_init_set_ui (two, 2);
    mpz_init_set_ui (five, 5);
    twos = mpz_remove (den, den, two);
    fives = mpz_remove (den, den, five);
    mpz_clears (two, five, NULL);
  }

  if (mpz_cmp_ui (den, 1) != 0)
    {
      char *s = mpq_get_str (NULL, 10, value);
      result = g_strdup (s);
      free (s);
    }
  else
    {
      GString *str;
      char *s;
      size_t len;

      digits = MAX (twos, fives);
      mpz_ui_pow_ui (scale, 10, digits);
      mpz_mul (scaled, mpq_numref (value), scale);
      mpz_divexact (scaled, scaled, mpq_denref (value));
      mpz_abs (scaled, scaled);
      s = mpz_get_str (NULL, 10, scaled);
      len = strlen (s);
      str = g_string_new (mpq_sgn (value) < 0 ? "-" : "");
      if (len <= digits)
        {
          g_string_append (str, "0.");
          for (size_t i = len; i < digits; i++)
            g_string_append_c (str, '0');
          g_string_append (str, s);
        }
      else
        {
          g_string_append_len (str, s, len - digits);
          g_string_append_c (str, '.');
          g_string_append (str, s + len - digits);
        }
      free (s);
      result = g_string_free (str, FALSE);
    }

  mpz_clears (den, scale, scaled, NULL);
  return result;
}

char *
pb_decimal_normalize (const char  *text,
                      GError     **error)
{
  mpq_t v;
  char *result = NULL;

  mpq_init (v);
  if (pb_decimal_parse (text, v, error))
    result = pb_decimal_to_string (v);
  mpq_clear (v);
  return result;
}

gboolean
pb_decimal_is_valid (const char *text)
{
  mpq_t v;
  gboolean ok;

  mpq_init (v);
  ok = pb_decimal_parse (text, v, NULL);
  mpq_clear (v);
  return ok;
}

int
pb_decimal_compare (const char *a,
                    const char *b)
{
  mpq_t x, y;
  int cmp;

  mpq_inits (x, y, NULL);
  pb_decimal_parse (a, x, NULL);
  pb_decimal_parse (b, y, NULL);
  cmp = mpq_cmp (x, y);
  mpq_clears (x, y, NULL);
  return cmp < 0 ? -1 : cmp > 0 ? 1 : 0;
}

char *
pb_decimal_add (const char *a,
                const char *b)
{
  mpq_t x, y;
  char *result;

  mpq_inits (x, y, NULL);
  pb_decimal_parse (a, x, NULL);
  pb_decimal_parse (b, y, NULL);
  mpq_add (x, x, y);
  result = pb_decimal_to_string (x);
  mpq_clears (x, y, NULL);
  return result;
}

/* Groups the digits of @int_part (no sign) with @sep every three digits. */
static void
append_grouped (GString    *out,
                const char *int_part,
                const char *sep)
{
  size_t len = strlen (int_part);

  for (size_t i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, sep);
      g_string_append_c (out, int_part[i]);
    }
}

char *
pb_decimal_format (const char *amount)
{
  struct lconv *lc = localeconv ();
  const char *point = (lc->decimal_point && *lc->decimal_point) ? lc->decimal_point : ".";
  const char *sep = lc->thousands_sep;
  g_autofree char *canon = NULL;
  g_auto(GStrv) parts = NULL;
  GString *out = g_string_new (NULL);
  mpq_t v;
  gboolean negative;

  /* The C locale has no grouping; people still expect "4,500". */
  if (sep == NULL || *sep == '\0')
    sep = g_str_equal (point, ",") ? "\u202f" : ",";

  mpq_init (v);
  if (!pb_decimal_parse (amount, v, NULL))
    mpq_set_ui (v, 0, 1);
  negative = mpq_sgn (v) < 0;
  mpq_abs (v, v);

  if (mpz_cmp_ui (mpq_denref (v), 1) != 0)
    {
      /* Show at least two decimals, more only when the amount has them. */
      canon = pb_decimal_to_string (v);
      if (strchr (canon, '/') != NULL)
        {
          /* No finite decimal: round to two places for display only. */
          mpz_t cents;
          mpz_init (cents);
          mpz_mul_ui (cents, mpq_numref (v), 200);
          mpz_add (cents, cents, mpq_denref (v));
          mpz_fdiv_q (cents, cents, mpq_denref (v));
          mpz_fdiv_q_ui (cents, cents, 2);
          {
            char *s = mpz_get_str (NULL, 10, cents);
            size_t len = strlen (s);
            g_free (canon);
            canon = len > 2 ? g_strdup_printf ("%.*s.%s", (int) (len - 2), s, s + len - 2)
                            : g_strdup_printf ("0.%02d", atoi (s));
            free (s);
          }
          mpz_clear (cents);
        }
    }
  else
    canon = pb_decimal_to_string (v);
  mpq_clear (v);

  parts = g_strsplit (canon, ".", 2);
  if (negative)
    g_string_append (out, "−");
  append_grouped (out, parts[0], sep);
  if (parts[1] != NULL)
    {
      g_string_append (out, point);
      g_string_append (out, parts[1]);
      if (strlen (parts[1]) == 1)
        g_string_append_c (out, '0');
    }
  return g_string_free (out, FALSE);
}

typedef struct {
  const char *code;
  const char *symbol;
  gboolean    prefix;
  gboolean    spaced;   /* "CHF 500" rather than "£500" */
} CurrencySymbol;

static const CurrencySymbol currencies[] = {
  { "GBP", "£", TRUE, FALSE },
  { "USD", "$", TRUE, FALSE },
  { "EUR", "€", TRUE, FALSE },
  { "CHF", "CHF", TRUE, TRUE },
  { "PLN", "zł", FALSE, TRUE },
  { "HUF", "Ft", FALSE, TRUE },
  { "CZK", "Kč", FALSE, TRUE },
  { "SEK", "kr", FALSE, TRUE },
};

char *
pb_money_format (const char *amount,
                 const char *currency)
{
  g_autofree char *number = pb_decimal_format (amount);
  const char *point = localeconv ()->decimal_point;
  gboolean comma_locale = point != NULL && g_str_equal (point, ",");

  if (currency == NULL || *currency == '\0')
    return g_steal_pointer (&number);

  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    {
      const CurrencySymbol *c = &currencies[i];

      if (g_ascii_strcasecmp (currency, c->code) != 0 && g_strcmp0 (currency, c->symbol) != 0)
        continue;
      /* Locales that write a decimal comma put the symbol after the number. */
      if (c->prefix && !comma_locale)
        return g_strconcat (c->symbol, c->spaced ? "\u00a0" : "", number, NULL);
      return g_strconcat (number, "\u00a0", c->symbol, NULL);
    }

  return g_strconcat (number, "\u00a0", currency, NULL);
}
