/* pb-page.h: the base class of the pages of the officer's window.
 *
 * Each page shows one side of the process that is open (its overview, its
 * projects, its rules…).  The window hands every page the store and the
 * current process through the "store" and "process" properties, and routes
 * the toasts a page emits with "add-toast": pages never reach into the
 * window.  Subclasses override process_changed() to rebind their widgets.
 */
#pragma once

#include <adwaita.h>

#include "pb-store.h"

G_BEGIN_DECLS

#define PB_TYPE_PAGE (pb_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (PbPage, pb_page, PB, PAGE, AdwBin)

struct _PbPageClass
{
  AdwBinClass parent_class;

  /* Called after "store" or "process" changed (either may be NULL). */
  void (*process_changed) (PbPage *self);

  gpointer padding[4];
};

PbStore    *pb_page_get_store    (PbPage    *self);
void        pb_page_set_store    (PbPage    *self,
                                  PbStore   *store);
PbProcess  *pb_page_get_process  (PbPage    *self);
void        pb_page_set_process  (PbPage    *self,
                                  PbProcess *process);

/* Emits "add-toast"; takes ownership of @toast (transfer full). */
void        pb_page_add_toast    (PbPage    *self,
                                  AdwToast  *toast);
/* Shows @error's message in a toast, prefixed by nothing: store messages
 * are complete, translated sentences. */
void        pb_page_show_error   (PbPage       *self,
                                  const GError *error);

G_END_DECLS
