/* pb-bundle.h: a kiosk's ballots as a signed, readable JSON document.
 *
 * When several laptops take ballots for one process, each writes a bundle
 * of the ballots it took (pb_bundle_new_from_store()), signed with its
 * Ed25519 kiosk key, and the officer adds the bundles to the master
 * database (pb_bundle_merge(), in pb-merge.h).
 *
 * A bundle names its process by a fingerprint of the rules the ballots
 * were validated against (pb_bundle_process_fingerprint()), and each
 * ballot's choices by project code, so that the master can check that the
 * bundle belongs to the same process even though its row ids differ.
 *
 * The signature covers the bundle's canonical form, defined in
 * docs/security.md: compact JSON, members in a fixed order, without the
 * "signature" member.  The reader rebuilds that form from the values it
 * read, so a bundle whose content was edited after signing (or truncated)
 * is refused, whatever its layout.
 *
 * Ballot secrecy: a bundle lists the voter codes used on the kiosk as a
 * sorted list apart from the ballots; nothing in it says which code went
 * with which ballot.
 */
#pragma once

#include <gio/gio.h>

#include "pb-store.h"

G_BEGIN_DECLS

#define PB_BUNDLE_ERROR (pb_bundle_error_quark ())

typedef enum {
  PB_BUNDLE_ERROR_IO,                 /* the file cannot be read or written */
  PB_BUNDLE_ERROR_TOO_LARGE,          /* larger than PB_BUNDLE_MAX_SIZE */
  PB_BUNDLE_ERROR_NOT_JSON,           /* not JSON at all (or cut short) */
  PB_BUNDLE_ERROR_NOT_A_BUNDLE,       /* JSON, but not a Pb kiosk bundle */
  PB_BUNDLE_ERROR_VERSION,            /* a bundle version this Pb does not read */
  PB_BUNDLE_ERROR_MALFORMED,          /* a member missing, unknown or of the wrong type */
  PB_BUNDLE_ERROR_BAD_SIGNATURE,      /* the content does not match the signature */
  PB_BUNDLE_ERROR_NO_PROCESS,         /* writing: no process, or several, to export */
  PB_BUNDLE_ERROR_WRONG_PROCESS,      /* merging: no process of the master matches */
  PB_BUNDLE_ERROR_AMBIGUOUS_PROCESS,  /* merging: several processes of the master match */
  PB_BUNDLE_ERROR_PHASE,              /* merging: the master's process takes no ballots now */
  PB_BUNDLE_ERROR_OWN_KIOSK,          /* merging a database's own bundle into itself */
  PB_BUNDLE_ERROR_UNKNOWN_KIOSK,      /* a kiosk key the master does not trust yet */
  PB_BUNDLE_ERROR_INVALID_BALLOT,     /* a ballot that breaks the process's rules */
  PB_BUNDLE_ERROR_BALLOT_CONFLICT,    /* a ballot UUID already in the master with other content */
  PB_BUNDLE_ERROR_CODES_INCONSISTENT, /* codes listed do not match the ballots cast with a code */
  PB_BUNDLE_ERROR_CODE_CONFLICT,      /* codes already used elsewhere, void or unknown */
  PB_BUNDLE_ERROR_RECORD_ALTERED,     /* the master's record of merged codes was changed */
} PbBundleError;

GQuark        pb_bundle_error_quark            (void);

/* The "format" and "version" members of a bundle. */
#define PB_BUNDLE_FORMAT  "pb-kiosk-bundle"
#define PB_BUNDLE_VERSION 1

/* Bundles larger than this are refused before parsing (64 MiB: about
 * 300 000 ballots). */
#define PB_BUNDLE_MAX_SIZE (64 * 1024 * 1024)

#define PB_TYPE_BUNDLE (pb_bundle_get_type ())
G_DECLARE_FINAL_TYPE (PbBundle, pb_bundle, PB, BUNDLE, GObject)

/* The fingerprint of what a ballot of @process is validated against: the
 * ballot format and limits, budget and currency, the categories with
 * their caps, and the projects by code with cost, review status,
 * category and incompatibility groups (not names, texts or row ids).
 * Hex of BLAKE2b-256 over a canonical JSON text (docs/security.md). */
char         *pb_bundle_process_fingerprint    (PbProcess    *process);

/* The processes of @store that hold ballots taken by its own kiosk, for
 * choosing what to export: a new GListModel of PbProcess. */
GListModel   *pb_bundle_list_exportable        (PbStore      *store);

/* Writes a signed bundle of every ballot @store's own kiosk took for
 * @process, with the voter codes used there.  Reads one snapshot. */
PbBundle     *pb_bundle_new_from_store         (PbStore      *store,
                                                PbProcess    *process,
                                                GError      **error);

/* Reads and checks a bundle: its structure, every value's type and form,
 * and the signature over its canonical form.  A bundle returned by these
 * was signed by the key it names (whether that kiosk is trusted is the
 * master's decision, see pb_bundle_merge()). */
PbBundle     *pb_bundle_new_from_data          (const char   *data,
                                                gsize         length,
                                                GError      **error);
PbBundle     *pb_bundle_new_from_file          (GFile        *file,
                                                GCancellable *cancellable,
                                                GError      **error);

/* The readable JSON document (indented, UTF-8, ending in a newline). */
char         *pb_bundle_to_data                (PbBundle     *self,
                                                gsize        *out_length);
/* Writes the document to @file, replacing it atomically. */
gboolean      pb_bundle_save                   (PbBundle     *self,
                                                GFile        *file,
                                                GCancellable *cancellable,
                                                GError      **error);

/* Appends an audit entry of kind "bundle-export" to @store (the kiosk's
 * own database) for @process, saying that @self was written to a file
 * named @file_name: subject "bundle HASH" (pb_bundle_get_hash(), the same
 * subject as the master's "merge" entry, so the two logs can be matched),
 * the entry's hash the BLAKE2b-256 of the document's bytes as written
 * (pb_bundle_to_data(), as for pb_store_record_export()).  One
 * transaction, allowed in every phase; call it once the file is saved. */
gboolean      pb_bundle_record_export          (PbBundle     *self,
                                                PbStore      *store,
                                                PbProcess    *process,
                                                const char   *file_name,
                                                GError      **error);

/* The signed kiosk key (hex of the Ed25519 public key: a kiosk id). */
const char   *pb_bundle_get_kiosk_id           (PbBundle     *self);
/* The name the process had on the kiosk, and its fingerprint. */
const char   *pb_bundle_get_process_name       (PbBundle     *self);
const char   *pb_bundle_get_fingerprint        (PbBundle     *self);
/* When the kiosk wrote the bundle (a new UTC date-time). */
GDateTime    *pb_bundle_dup_created            (PbBundle     *self);
guint         pb_bundle_get_n_ballots          (PbBundle     *self);
guint         pb_bundle_get_n_codes            (PbBundle     *self);
/* Hex of BLAKE2b-256 over the canonical form: names this bundle in the
 * master's audit log. */
const char   *pb_bundle_get_hash               (PbBundle     *self);

G_END_DECLS
