/* test-decimal.c: exact amounts: parsing, canonical text, sums, formatting. */

#include <locale.h>

#include "pb-core.h"

static void
test_parse_canonical (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "4500", "4500" },
    { " 4500 ", "4500" },
    { "4000.0", "4000" },
    { "921012.06", "921012.06" },
    { "2838616,34", "2838616.34" },
    { "0.5", "0.5" },
    { ".25", "0.25" },
    { "12.", "12" },
    { "-3.10", "-3.1" },
    { "1/3", "1/3" },
    { "6/4", "1.5" },
    { "007", "7" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = pb_decimal_normalize (cases[i].in, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_parse_invalid (void)
{
  static const char *bad[] = { "", " ", ".", "abc", "1e3", "12.3.4", "1/0", "£5", "5 000", "--1", "1/", NULL };

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = pb_decimal_normalize (bad[i], &error);

      g_assert_null (out);
      g_assert_error (error, PB_DECIMAL_ERROR, PB_DECIMAL_ERROR_INVALID);
      g_assert_false (pb_decimal_is_valid (bad[i]));
    }
}

static void
test_nonneg (void)
{
  g_autoptr(GError) error = NULL;
  mpq_t v;

  mpq_init (v);
  g_assert_false (pb_decimal_parse_nonneg ("-1", v, &error));
  g_assert_error (error, PB_DECIMAL_ERROR, PB_DECIMAL_ERROR_NEGATIVE);
  g_assert_true (pb_decimal_parse_nonneg ("0", v, NULL));
  mpq_clear (v);
}

static void
test_arithmetic (void)
{
  g_autofree char *sum = pb_decimal_add ("0.1", "0.2");
  g_autofree char *sum2 = pb_decimal_add ("1/3", "2/3");

  /* The classic float trap: exact here. */
  g_assert_cmpstr (sum, ==, "0.3");
  g_assert_cmpstr (sum2, ==, "1");
  g_assert_cmpint (pb_decimal_compare ("10", "9.99"), ==, 1);
  g_assert_cmpint (pb_decimal_compare ("4000.0", "4000"), ==, 0);
  g_assert_cmpint (pb_decimal_compare ("1/3", "0.34"), ==, -1);
}

static void
test_money_format (void)
{
  g_autofree char *a = pb_money_format ("4500", "GBP");
  g_autofree char *b = pb_money_format ("1234567.5", "EUR");
  g_autofree char *c = pb_money_format ("250000", "PLN");
  g_autofree char *d = pb_money_format ("12", NULL);
  g_autofree char *e = pb_money_format ("1/3", "USD");
  g_autofree char *f = pb_money_format ("999", "XYZ");

  /* The tests run in C.UTF-8, where Pb falls back to "," grouping. */
  g_assert_cmpstr (a, ==, "£4,500");
  g_assert_cmpstr (b, ==, "€1,234,567.50");
  g_assert_cmpstr (c, ==, "250,000\u00a0zł");
  g_assert_cmpstr (d, ==, "12");
  g_assert_cmpstr (e, ==, "$0.33");
  g_assert_cmpstr (f, ==, "999\u00a0XYZ");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/decimal/parse-canonical", test_parse_canonical);
  g_test_add_func ("/decimal/parse-invalid", test_parse_invalid);
  g_test_add_func ("/decimal/nonneg", test_nonneg);
  g_test_add_func ("/decimal/arithmetic", test_arithmetic);
  g_test_add_func ("/decimal/money-format", test_money_format);

  return g_test_run ();
}
