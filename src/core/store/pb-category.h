/* pb-category.h: a category of projects (e.g. "Green spaces") with an
 * optional cap on what one ballot may spend on it.
 *
 * Objects are owned by the store and kept up to date: every property
 * notifies when a store write changes it.  They are read-only for callers;
 * change them with pb_store_edit_category().
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PB_TYPE_CATEGORY (pb_category_get_type ())
G_DECLARE_FINAL_TYPE (PbCategory, pb_category, PB, CATEGORY, GObject)

/* Properties: "id" (gint64), "process-id" (gint64), "name" (string),
 * "cap" (string: a decimal amount, "" for no cap). */
gint64       pb_category_get_id          (PbCategory *self);
gint64       pb_category_get_process_id  (PbCategory *self);
const char  *pb_category_get_name        (PbCategory *self);
/* The most a ballot may spend on this category's projects, as a decimal
 * string, or "" when there is no cap. */
const char  *pb_category_get_cap         (PbCategory *self);

G_END_DECLS
