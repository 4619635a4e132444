/* kiosk-fixture.h: databases for the kiosk's tests. */
#pragma once

#include "pb-store.h"

G_BEGIN_DECLS

/* A process in the voting phase with @n_projects feasible projects (the
 * first twelve from the demo's kind of costs), a £50,000 budget, the given
 * ballot format, and voter codes when @codes. */
PbProcess  *kiosk_fixture_add_process  (PbStore        *store,
                                        PbBallotFormat  format,
                                        guint           n_projects,
                                        gboolean        codes,
                                        GError        **error);
/* Stores @pin's Argon2id hash as the kiosk PIN. */
gboolean    kiosk_fixture_set_pin      (PbStore        *store,
                                        const char     *pin,
                                        GError        **error);

G_END_DECLS
