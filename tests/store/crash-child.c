/* crash-child.c: the casting loop that test-crash kills at random moments.
 *
 * Usage: crash-child DB SEED.  Opens the database, writes "ready", then
 * casts ballots for
 * its first process for ever, one in three with a voter code, and after
 * each pb_store_cast_ballot() has returned writes "UUID CHOICES\n" to
 * stdout in one write(2): a line the parent reads names a ballot the store
 * reported as committed. */

#include <glib.h>
#include <string.h>
#include <unistd.h>

#include "pb-core.h"
#include "pb-store-private.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PbProcess) process = NULL;
  sqlite3_stmt *stmt;
  guint n_projects;

  if (argc != 3)
    return 2;
  rand = g_rand_new_with_seed ((guint32) g_ascii_strtoull (argv[2], NULL, 10));
  store = pb_store_open (argv[1], &error);
  if (store == NULL)
    g_error ("%s", error->message);
  process = g_list_model_get_item (pb_store_list_processes (store), 0);
  n_projects = g_list_model_get_n_items (pb_process_list_projects (process));

  stmt = pb_store_prepare (store, "SELECT code FROM voter_codes WHERE state = 'issued' LIMIT 500;", &error);
  if (stmt == NULL)
    g_error ("%s", error->message);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (codes, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);

  /* The parent times most kills from here, so that they fall among the
   * ballots rather than in start-up. */
  if (write (STDOUT_FILENO, "ready\n", 6) != 6)
    return 1;

  for (guint n = 0;; n++)
    {
      g_autoptr(PbBallotChoices) choices = pb_ballot_choices_new (pb_process_get_ballot_format (process));
      g_autoptr(PbBallot) ballot = NULL;
      g_autofree char *text = NULL;
      g_autofree char *line = NULL;
      const char *code = NULL;

      for (guint i = 0; i < n_projects; i++)
        if (g_rand_boolean (rand))
          {
            g_autoptr(PbProject) project = g_list_model_get_item (pb_process_list_projects (process), i);

            pb_ballot_choices_add (choices, pb_project_get_id (project), 1);
          }
      if (pb_ballot_choices_get_n_entries (choices) == 0)
        {
          g_autoptr(PbProject) project = g_list_model_get_item (pb_process_list_projects (process), n % n_projects);

          pb_ballot_choices_add (choices, pb_project_get_id (project), 1);
        }
      if (n % 3 == 0 && n / 3 < codes->len)
        code = g_ptr_array_index (codes, n / 3);
      ballot = pb_store_cast_ballot (store, process, choices, PB_BALLOT_METHOD_KIOSK, code, &error);
      if (ballot == NULL)
        g_error ("%s", error->message);
      text = pb_ballot_choices_to_string (choices);
      line = g_strdup_printf ("%s %s\n", pb_ballot_get_uuid (ballot), text);
      if (write (STDOUT_FILENO, line, strlen (line)) != (ssize_t) strlen (line))
        return 1;
    }
}
