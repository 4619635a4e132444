/* pb-csv.h: reading comma-separated text (RFC 4180: quoted fields may hold
 * commas, quotes doubled, line breaks), as spreadsheets export it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PB_CSV_ERROR (pb_csv_error_quark ())

typedef enum {
  PB_CSV_ERROR_QUOTING,   /* a quote that is never closed */
  PB_CSV_ERROR_EMPTY,     /* no header row */
} PbCsvError;

GQuark     pb_csv_error_quark (void);

/* Splits @text into rows of fields (a GPtrArray of GStrv).  The separator
 * is a comma, or a semicolon when the first line has semicolons and no
 * commas.  Blank lines are skipped.  A UTF-8 byte-order mark is ignored. */
GPtrArray *pb_csv_parse       (const char  *text,
                               GError     **error);

G_END_DECLS
