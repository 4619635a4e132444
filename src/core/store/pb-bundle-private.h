/* pb-bundle-private.h: what pb-bundle.c and pb-merge.c share.
 *
 * The parsed content of a bundle, and the store look-ups both the writer
 * and the merge need.  Nothing outside src/core/store includes it.
 */
#pragma once

#include "pb-bundle.h"
#include "pb-store-private.h"

G_BEGIN_DECLS

/* One choice of a bundled ballot: a project by code, with its points. */
typedef struct {
  char   *project;
  guint   points;
} PbBundleChoice;

/* One ballot as the kiosk signed it. */
typedef struct {
  char     *uuid;
  gint64    cast_time;       /* µs since the Unix epoch, UTC */
  char     *method;          /* "kiosk", "paper" or "import" */
  char     *receipt;
  gboolean  code_used;
  GArray   *choices;         /* of PbBundleChoice, in ballot order */
} PbBundleBallot;

/* The ballots, in the kiosk's cast order (PbBundleBallot *). */
GPtrArray    *pb_bundle_get_ballots_internal (PbBundle *self);
/* The codes used on the kiosk, sorted (char *). */
GPtrArray    *pb_bundle_get_codes_internal   (PbBundle *self);

/* Reads a bundle's structure and values without checking its signature
 * (for pb_bundle_new_from_data() and the fuzz targets). */
PbBundle     *pb_bundle_read_unsigned        (const char  *data,
                                              gsize        length,
                                              GError     **error);
/* The canonical form (docs/security.md), with or without the signature
 * member. */
GString      *pb_bundle_canonical_form       (PbBundle    *self,
                                              gboolean     with_signature);

/* Settings key under which the master records the codes that bundles of
 * @kiosk_id consumed in @process_id, one per line, sorted. */
char         *pb_bundle_codes_key            (gint64      process_id,
                                              const char *kiosk_id);

/* UUIDs of the ballots of @process taken by the kiosk with row @kiosk_row
 * that were cast with a voter code: the store appends a "code-used" entry
 * right after such a ballot's entry.  A new set of char *. */
GHashTable   *pb_bundle_coded_ballots        (PbStore    *store,
                                              gint64      process_id,
                                              gint64      kiosk_row,
                                              GError    **error);

G_END_DECLS
