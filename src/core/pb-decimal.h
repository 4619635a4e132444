/* pb-decimal.h: exact amounts of money.
 *
 * Budgets and costs are never floats in Pb.  They travel as decimal strings
 * ("4500", "2838616.34") and are computed with GMP rationals, so sums and
 * comparisons are exact whatever the currency's minor unit is.
 */
#pragma once

#include <glib.h>
#include <gmp.h>

G_BEGIN_DECLS

#define PB_DECIMAL_ERROR (pb_decimal_error_quark ())

typedef enum {
  PB_DECIMAL_ERROR_INVALID,   /* not a number */
  PB_DECIMAL_ERROR_NEGATIVE,  /* a negative amount where none is allowed */
} PbDecimalError;

GQuark    pb_decimal_error_quark (void);

/* Parses "123", "123.45", "123,45", " 1e3 " is refused, "7/3" (a rational as
 * written by pb_decimal_to_string) into @out, which must be initialised.
 * Surrounding white space is ignored.  Returns FALSE with @error set on
 * anything else; @out is then left unchanged. */
gboolean  pb_decimal_parse       (const char  *text,
                                  mpq_t        out,
                                  GError     **error);

/* Like pb_decimal_parse() but refuses negative values. */
gboolean  pb_decimal_parse_nonneg (const char  *text,
                                   mpq_t        out,
                                   GError     **error);

/* The canonical exact text: "12", "12.5", "-0.25", or "p/q" when the value
 * has no finite decimal expansion.  pb_decimal_parse() reads it back. */
char     *pb_decimal_to_string   (const mpq_t  value);

/* Canonical form of @text, or NULL with @error set. */
char     *pb_decimal_normalize   (const char  *text,
                                  GError     **error);

gboolean  pb_decimal_is_valid    (const char  *text);

/* Compares two valid decimal strings; invalid ones sort as zero. */
int       pb_decimal_compare     (const char  *a,
                                  const char  *b);

/* Sum of two decimal strings, canonical.  Invalid inputs count as zero. */
char     *pb_decimal_add         (const char  *a,
                                  const char  *b);

/* Amount formatted for people in the current locale, with the currency's
 * symbol: "£4,500", "4 500 zł", "€12,000.50".  Whole amounts show no
 * decimals; others show at least two.  @currency is an ISO 4217 code or a
 * free-text unit; NULL or "" gives the bare number. */
char     *pb_money_format        (const char  *amount,
                                  const char  *currency);

/* The plain number in the current locale with thousands separators. */
char     *pb_decimal_format      (const char  *amount);

G_END_DECLS
