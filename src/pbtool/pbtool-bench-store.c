/* pbtool-bench-store.c: `pbtool bench-store`, the store's benchmark.
 *
 * It fills a fresh database with a voting process holding --preload
 * ballots, then casts --ballots more, one transaction each (validation,
 * audit entry, synchronous=FULL commit), and reports the p50, p99 and
 * worst latency; then it times loading every ballot into a PbElection.
 */

#include "pb-config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "pb-store-election.h"
#include "pb-store-private.h"
#include "pbtool.h"

#define N_PROJECTS 24

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
remove_database (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

/* Random approval choices of 1 to 5 projects. */
static PbBallotChoices *
random_choices (GRand         *rand,
                const gint64  *project_ids)
{
  PbBallotChoices *choices = pb_ballot_choices_new (PB_BALLOT_FORMAT_APPROVAL);
  guint n = g_rand_int_range (rand, 1, 6);

  while (pb_ballot_choices_get_n_entries (choices) < n)
    {
      gint64 id = project_ids[g_rand_int_range (rand, 0, N_PROJECTS)];

      if (!pb_ballot_choices_contains (choices, id))
        pb_ballot_choices_add (choices, id, 1);
    }
  return choices;
}

int
pbtool_cmd_bench_store (int    argc,
                        char **argv)
{
  int n_ballots = 10000;
  int n_preload = 100000;
  g_autofree char *dir_option = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GArray) latencies = NULL;
  g_autoptr(PbElection) election = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  GOptionEntry entries[] = {
    { "ballots", 'n', 0, G_OPTION_ARG_INT, &n_ballots, N_("Ballots to cast, one transaction each"), N_("N") },
    { "preload", 'p', 0, G_OPTION_ARG_INT, &n_preload, N_("Ballots stored before timing"), N_("N") },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir_option, N_("Folder for the temporary database (default: a new "
                                                            "folder under the temporary folder)"), N_("DIR") },
    { NULL }
  };
  gint64 project_ids[N_PROJECTS];
  PbProcess *process;
  gint64 start, elapsed;
  double load_ms;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Measure the store: ballot casting latency (one durable transaction per "
                                           "ballot) and loading all ballots for a count."));
  g_option_context_add_main_entries (context, entries, PB_GETTEXT_PACKAGE);
  if (!pbtool_parse_options (context, &argc, &argv))
    return PBTOOL_EXIT_USAGE;
  if (argc != 1 || n_ballots < 1 || n_preload < 0)
    {
      pbtool_print_error (_("--ballots must be at least 1 and --preload at least 0."));
      return PBTOOL_EXIT_USAGE;
    }

  dir = dir_option ? g_strdup (dir_option) : g_dir_make_tmp ("pb-bench-XXXXXX", &error);
  if (dir == NULL)
    {
      pbtool_print_error ("%s", error->message);
      return PBTOOL_EXIT_FAILURE;
    }
  path = g_build_filename (dir, "bench.db", NULL);
  remove_database (path);
  store = pb_store_open (path, &error);
  if (store == NULL)
    {
      pbtool_print_error ("%s", error->message);
      return PBTOOL_EXIT_FAILURE;
    }

  process = pb_store_create_process (store, "Benchmark fund", "EUR", "1000000", &error);
  for (guint i = 0; process != NULL && i < N_PROJECTS; i++)
    {
      g_autofree char *title = g_strdup_printf ("Project %u", i + 1);
      g_autofree char *cost = g_strdup_printf ("%u", 10000 + 1000 * i);
      PbProject *project = pb_store_add_project (store, process, &error, "title", title, "cost", cost, NULL);

      if (project == NULL || !pb_store_set_project_status (store, project, PB_PROJECT_STATUS_FEASIBLE, NULL, &error))
        {
          process = NULL;
          break;
        }
      project_ids[i] = pb_project_get_id (project);
    }
  if (process == NULL || !pb_store_set_phase (store, process, PB_PHASE_VOTING, NULL, &error))
    {
      pbtool_print_error ("%s", error->message);
      return PBTOOL_EXIT_FAILURE;
    }

  /* Preloading goes through the same writer as casting, in one
   * transaction, so that the table and the audit chain are realistic. */
  start = g_get_monotonic_time ();
  if (!pb_store_begin (store, &error))
    {
      pbtool_print_error ("%s", error->message);
      return PBTOOL_EXIT_FAILURE;
    }
  for (int i = 0; i < n_preload; i++)
    {
      g_autoptr(PbBallotChoices) choices = random_choices (rand, project_ids);
      g_autofree char *text = pb_ballot_choices_to_string (choices);
      g_autofree char *uuid = g_uuid_string_random ();

      if (!pb_store_insert_ballot (store, process, uuid, pb_store_get_kiosk_row (store), pb_store_get_kiosk_id (store),
                                   PB_BALLOT_METHOD_KIOSK, g_get_real_time (), text, FALSE, NULL, &error))
        {
          pb_store_rollback (store);
          pbtool_print_error ("%s", error->message);
          return PBTOOL_EXIT_FAILURE;
        }
    }
  if (!pb_store_commit (store, &error))
    {
      pbtool_print_error ("%s", error->message);
      return PBTOOL_EXIT_FAILURE;
    }
  pb_process_set_ballot_count (process, n_preload);
  printf ("preloaded %d ballots in %.1f s\n", n_preload, (g_get_monotonic_time () - start) / 1e6);

  latencies = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ballots);
  start = g_get_monotonic_time ();
  for (int i = 0; i < n_ballots; i++)
    {
      g_autoptr(PbBallotChoices) choices = random_choices (rand, project_ids);
      g_autoptr(PbBallot) ballot = NULL;
      gint64 t0 = g_get_monotonic_time ();

      ballot = pb_store_cast_ballot (store, process, choices, PB_BALLOT_METHOD_KIOSK, NULL, &error);
      elapsed = g_get_monotonic_time () - t0;
      if (ballot == NULL)
        {
          pbtool_print_error ("%s", error->message);
          return PBTOOL_EXIT_FAILURE;
        }
      g_array_append_val (latencies, elapsed);
    }
  elapsed = g_get_monotonic_time () - start;
  g_array_sort (latencies, compare_gint64);
  printf ("cast %d ballots (one transaction each, synchronous=FULL) in %.1f s with %d already stored\n",
          n_ballots, elapsed / 1e6, n_preload);
  printf ("  p50 %.2f ms   p99 %.2f ms   max %.2f ms\n",
          g_array_index (latencies, gint64, latencies->len / 2) / 1000.0,
          g_array_index (latencies, gint64, MIN (latencies->len - 1, latencies->len * 99 / 100)) / 1000.0,
          g_array_index (latencies, gint64, latencies->len - 1) / 1000.0);

  start = g_get_monotonic_time ();
  election = pb_store_load_election (store, process, &error);
  load_ms = (g_get_monotonic_time () - start) / 1000.0;
  if (election == NULL)
    {
      pbtool_print_error ("%s", error->message);
      return PBTOOL_EXIT_FAILURE;
    }
  printf ("loaded %u ballots into a counting profile in %.1f ms\n", election->n_ballots, load_ms);

  g_clear_object (&store);
  remove_database (path);
  if (dir_option == NULL)
    g_rmdir (dir);
  return PBTOOL_EXIT_OK;
}
