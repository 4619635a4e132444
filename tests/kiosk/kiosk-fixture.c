/* kiosk-fixture.c: databases for the kiosk's tests. */

#include <sodium.h>
#include <string.h>

#include "kiosk-fixture.h"

static const char *categories[] = { "Parks", "Streets", "Culture", "Youth" };

PbProcess *
kiosk_fixture_add_process (PbStore        *store,
                           PbBallotFormat  format,
                           guint           n_projects,
                           gboolean        codes,
                           GError        **error)
{
  PbProcess *process;
  gint64 category_ids[G_N_ELEMENTS (categories)];
  g_autofree char *name = g_strdup_printf ("Test fund (%s, %u projects)",
                                           pb_ballot_format_to_string (format), n_projects);

  process = pb_store_create_process (store, name, "GBP", "50000", error);
  if (process == NULL)
    return NULL;
  if (!pb_store_edit_process (store, process, error,
                              "ballot-format", format,
                              "max-projects", format == PB_BALLOT_FORMAT_APPROVAL ? 5u : 0u,
                              "min-projects", format == PB_BALLOT_FORMAT_APPROVAL ? 1u : 0u,
                              "points-total", format == PB_BALLOT_FORMAT_CUMULATIVE ? 10u : 0u,
                              "points-per-project", format == PB_BALLOT_FORMAT_CUMULATIVE ? 5u : 0u,
                              "ranking-length", format == PB_BALLOT_FORMAT_RANKING ? 3u : 0u,
                              "voter-codes-required", codes,
                              NULL))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    {
      PbCategory *category = pb_store_add_category (store, process, categories[i], NULL, error);

      if (category == NULL)
        return NULL;
      category_ids[i] = pb_category_get_id (category);
    }
  if (!pb_store_set_phase (store, process, PB_PHASE_PROPOSALS, NULL, error))
    return NULL;
  for (guint i = 0; i < n_projects; i++)
    {
      g_autofree char *title = g_strdup_printf ("Project %u", i + 1);
      g_autofree char *summary = g_strdup_printf ("A short summary of project %u.", i + 1);
      g_autofree char *cost = g_strdup_printf ("%u", 4000 + (i % 12) * 2000);
      PbProject *project;

      if (i == 0)
        {
          g_free (title);
          title = g_strdup ("Riverside benches");
        }
      project = pb_store_add_project (store, process, error,
                                      "title", title,
                                      "summary", summary,
                                      "description", "A longer description of the project.",
                                      "cost", cost,
                                      "category-id", category_ids[i % G_N_ELEMENTS (categories)],
                                      NULL);
      if (project == NULL)
        return NULL;
    }
  if (!pb_store_set_phase (store, process, PB_PHASE_REVIEW, NULL, error))
    return NULL;
  for (guint i = 0; i < n_projects; i++)
    {
      g_autoptr(PbProject) project = g_list_model_get_item (pb_process_list_projects (process), i);

      if (!pb_store_set_project_status (store, project, PB_PROJECT_STATUS_FEASIBLE, NULL, error))
        return NULL;
    }
  if (!pb_store_set_phase (store, process, PB_PHASE_VOTING, NULL, error))
    return NULL;
  return process;
}

gboolean
kiosk_fixture_set_pin (PbStore     *store,
                       const char  *pin,
                       GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];

  g_assert (sodium_init () >= 0);
  g_assert (crypto_pwhash_str_alg (hash, pin, strlen (pin),
                                   crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                   crypto_pwhash_MEMLIMIT_INTERACTIVE,
                                   crypto_pwhash_ALG_ARGON2ID13) == 0);
  return pb_store_set_setting (store, "kiosk-pin-hash", hash, error);
}
