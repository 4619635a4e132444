/* pb-pabulib.h: reading and writing Pabulib .pb files.
 *
 * Pabulib (pabulib.org) is the open library of participatory-budgeting
 * data.  A .pb file has three sections, META, PROJECTS and VOTES, each a
 * header line followed by `;`-separated rows.  Columns are found by header
 * name; budgets and costs are kept as exact rationals; every vote type is
 * read; columns Pb does not interpret are kept and written back.
 *
 * A malformed file gives a PB_PABULIB_ERROR naming the line and the reason.
 */
#pragma once

#include <glib.h>

#include "pb-election.h"

G_BEGIN_DECLS

#define PB_PABULIB_ERROR (pb_pabulib_error_quark ())

typedef enum {
  PB_PABULIB_ERROR_IO,                /* the file cannot be read or written */
  PB_PABULIB_ERROR_ENCODING,          /* not UTF-8, or a NUL byte */
  PB_PABULIB_ERROR_NO_SECTION,        /* data before the first section title */
  PB_PABULIB_ERROR_DUPLICATE_SECTION, /* a section given twice */
  PB_PABULIB_ERROR_MISSING_SECTION,   /* META, PROJECTS or VOTES absent */
  PB_PABULIB_ERROR_SECTION_ORDER,     /* VOTES before PROJECTS or before vote_type */
  PB_PABULIB_ERROR_MISSING_COLUMN,    /* a required column is not in a header */
  PB_PABULIB_ERROR_DUPLICATE_COLUMN,  /* a header names a column twice */
  PB_PABULIB_ERROR_MISSING_META,      /* budget or vote_type absent */
  PB_PABULIB_ERROR_UNKNOWN_VOTE_TYPE, /* vote_type not one of the five */
  PB_PABULIB_ERROR_BAD_NUMBER,        /* a budget, cost or point value that is not a number */
  PB_PABULIB_ERROR_QUOTING,           /* an unterminated quote */
  PB_PABULIB_ERROR_TOO_MANY_FIELDS,   /* a row longer than its header */
  PB_PABULIB_ERROR_BAD_PROJECT,       /* an empty or repeated project id */
  PB_PABULIB_ERROR_UNKNOWN_PROJECT,   /* a vote names a project that is not listed */
  PB_PABULIB_ERROR_POINTS_MISMATCH,   /* points and projects of a vote differ in number */
  PB_PABULIB_ERROR_TOO_LARGE,         /* more rows than Pb can count */
} PbPabulibError;

GQuark      pb_pabulib_error_quark (void);

/* Reads the file at @path.  Returns a new election or NULL with @error set. */
PbElection *pb_pabulib_read_file   (const char        *path,
                                    GError           **error);

/* Reads @length bytes of @data (not necessarily NUL-terminated; copied). */
PbElection *pb_pabulib_read_data   (const char        *data,
                                    gsize              length,
                                    GError           **error);

/* The Pabulib text of @election: META (with budget and vote_type in step
 * with the fields), PROJECTS and VOTES, LF line endings, quoting where a
 * value needs it.  Reading it back gives the same instance and profile. */
GString    *pb_pabulib_write       (const PbElection  *election);

gboolean    pb_pabulib_write_file  (const PbElection  *election,
                                    const char        *path,
                                    GError           **error);

G_END_DECLS
