/* test-integrity.c: the officer's window shows the verification status of
 * the open database (and a ballot edited with the sqlite3 shell turns it
 * into a clear error naming that ballot), exports this kiosk's ballots as
 * a signed bundle, and adds bundles from other kiosks: an unknown kiosk
 * is trusted only when the officer confirms, a bundle added twice adds
 * nothing, and an edited or truncated bundle is refused with nothing
 * changed.  Opening a Pabulib file runs off the main thread.  Runs under
 * Xvfb. */

#include <adwaita.h>
#include <glib/gstdio.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <sodium.h>
#include <sqlite3.h>

#include "pb-application.h"
#include "pb-bundle.h"
#include "pb-integrity-group.h"
#include "pb-integrity.h"
#include "pb-preferences-window.h"
#include "pb-screenshot.h"
#include "pb-toast.h"
#include "pb-window.h"

typedef struct {
  char      *dir;
  char      *path;
  PbStore   *store;
  PbProcess *demo;
  PbProcess *fresh;     /* voting, no ballots: for bundles */
  PbProcess *coded;     /* the same with voter codes required */
  GListModel *codes;    /* two codes of @coded, issued before any kiosk was set up */
  PbWindow  *window;
} Fixture;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  g_rmdir (path);
}

/* A process open for voting with two feasible projects and no ballots. */
static PbProcess *
make_voting_process (PbStore    *store,
                     const char *name,
                     gboolean    codes)
{
  g_autoptr(GError) error = NULL;
  PbProcess *process = pb_store_create_process (store, name, "GBP", "10000", &error);
  const char *titles[] = { "Park benches", "Library books" };

  g_assert_no_error (error);
  if (codes)
    g_assert_true (pb_store_edit_process (store, process, &error, "voter-codes-required", TRUE, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *code = g_strdup_printf ("P%u", i + 1);
      PbProject *project = pb_store_add_project (store, process, &error, "code", code, "title", titles[i],
                                                 "cost", "3000", NULL);

      g_assert_no_error (error);
      g_assert_true (pb_store_set_project_status (store, project, PB_PROJECT_STATUS_FEASIBLE, NULL, &error));
    }
  g_assert_true (pb_store_set_phase (store, process, PB_PHASE_PROPOSALS, NULL, &error));
  g_assert_true (pb_store_set_phase (store, process, PB_PHASE_REVIEW, NULL, &error));
  g_assert_true (pb_store_set_phase (store, process, PB_PHASE_VOTING, NULL, &error));
  g_assert_no_error (error);
  return process;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pb-integrity-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "master.db", NULL);
  f->store = pb_store_open (f->path, &error);
  g_assert_no_error (error);
  f->demo = pb_store_seed_demo (f->store, &error);
  g_assert_no_error (error);
  f->fresh = make_voting_process (f->store, "Elm Street Fund", FALSE);
  f->coded = make_voting_process (f->store, "Oak Street Fund", TRUE);
  f->codes = pb_store_issue_voter_codes (f->store, f->coded, 2, NULL, &error);
  g_assert_no_error (error);
  f->window = g_object_ref_sink (pb_window_new (NULL));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->window);
  g_clear_object (&f->codes);
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Runs the main loop until @done says so; a guard ends a hung test. */
static void
iterate_until (gboolean (*done) (gpointer), gpointer data)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
check_finished (gpointer data)
{
  PbIntegrityState state = pb_integrity_get_state (data);

  return state != PB_INTEGRITY_UNKNOWN && state != PB_INTEGRITY_CHECKING;
}

static PbIntegrityGroup *
find_group (GtkWidget *widget)
{
  if (PB_IS_INTEGRITY_GROUP (widget))
    return PB_INTEGRITY_GROUP (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      PbIntegrityGroup *group = find_group (child);

      if (group != NULL)
        return group;
    }
  return NULL;
}

static void
sqlite_exec (const char *path,
             const char *sql)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = { "sqlite3", path, sql, NULL };

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error))
    {
      /* Without the shell, the same statement through the library. */
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);
      return;
    }
  g_assert_cmpint (status, ==, 0);
}

/* ---- Pictures for the docs ---------------------------------------------- */

static gboolean
widget_drawn (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

/* With PB_TEST_SCREENSHOT_DIR set, saves @widget as NAME.png there (or
 * NAME-dark.png under ADW_DEBUG_COLOR_SCHEME=prefer-dark): how the
 * pictures in docs/screenshots/ are made.  Otherwise does nothing. */
static void
shoot (GtkWidget  *widget,
       const char *name)
{
  const char *dir = g_getenv ("PB_TEST_SCREENSHOT_DIR");
  gboolean dark = g_strcmp0 (g_getenv ("ADW_DEBUG_COLOR_SCHEME"), "prefer-dark") == 0;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (dir == NULL)
    return;
  iterate_until (widget_drawn, widget);
  for (guint i = 0; i < 50; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  file = g_strconcat (name, dark ? "-dark" : "", ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  if (!pb_widget_save_png (widget, path, &error))
    g_printerr ("%s\n", error->message);
}

/* The Overview says the log is intact; after a ballot is edited with the
 * sqlite3 shell and the check runs again, it names that ballot. */
static void
test_status_and_tamper (Fixture       *f,
                        gconstpointer  data)
{
  PbIntegrity *integrity = pb_integrity_get_for_store (f->store);
  PbIntegrityGroup *group;
  g_autofree char *uuid = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GListModel) ballots = NULL;
  g_autoptr(PbBallot) second = NULL;
  g_autoptr(GError) error = NULL;

  pb_window_set_store (f->window, f->store);
  if (g_getenv ("PB_TEST_SCREENSHOT_DIR") != NULL)
    gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 1500);
  gtk_window_present (GTK_WINDOW (f->window));
  iterate_until (check_finished, integrity);
  g_assert_cmpint (pb_integrity_get_state (integrity), ==, PB_INTEGRITY_INTACT);

  group = find_group (GTK_WIDGET (f->window));
  g_assert_nonnull (group);
  g_assert_true (g_str_has_prefix (pb_integrity_group_get_status (group), "Audit log intact — "));
  g_assert_nonnull (strstr (pb_integrity_group_get_status (group), "5 ballots checked"));
  shoot (GTK_WIDGET (f->window), "officer-integrity");
  g_assert_nonnull (pb_integrity_get_head_hash (integrity));

  ballots = pb_store_list_ballots (f->store, f->demo, &error);
  g_assert_no_error (error);
  second = g_list_model_get_item (ballots, 1);
  uuid = g_strdup (pb_ballot_get_uuid (second));
  sql = g_strdup_printf ("UPDATE ballots SET choices = (SELECT choices FROM ballots ORDER BY id LIMIT 1)"
                         " WHERE uuid = '%s';", uuid);
  sqlite_exec (f->path, sql);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.verify", NULL));
  iterate_until (check_finished, integrity);
  g_assert_cmpint (pb_integrity_get_state (integrity), ==, PB_INTEGRITY_BROKEN);
  g_assert_true (g_str_has_prefix (pb_integrity_group_get_status (group), "Audit log damaged"));
  g_assert_nonnull (strstr (pb_integrity_get_description (integrity), uuid));
  shoot (GTK_WIDGET (f->window), "officer-integrity-damaged");
}

/* ---- Bundles ------------------------------------------------------------ */

/* A second kiosk: a copy of the master with a key pair of its own, and
 * one ballot cast on it. */
static char *
make_kiosk_bundle_full (Fixture    *f,
                        const char *name,
                        PbProcess  *master_process,
                        const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kiosk_path = g_build_filename (f->dir, "kiosk.db", NULL);
  g_autofree char *bundle_path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GFile) bundle_file = g_file_new_for_path (bundle_path);
  guint8 public_key[crypto_sign_PUBLICKEYBYTES];
  guint8 secret_key[crypto_sign_SECRETKEYBYTES];
  char hex[crypto_sign_PUBLICKEYBYTES * 2 + 1];
  sqlite3 *source = NULL, *db = NULL;
  sqlite3_backup *backup;
  sqlite3_stmt *stmt;
  g_autoptr(PbStore) kiosk = NULL;
  g_autoptr(PbBallotChoices) choices = NULL;
  g_autoptr(PbBallot) ballot = NULL;
  PbWindow *kiosk_window;
  PbProcess *process;
  PbProject *project;

  g_assert_cmpint (sqlite3_open (f->path, &source), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_open (kiosk_path, &db), ==, SQLITE_OK);
  backup = sqlite3_backup_init (db, "main", source, "main");
  g_assert_nonnull (backup);
  g_assert_cmpint (sqlite3_backup_step (backup, -1), ==, SQLITE_DONE);
  sqlite3_backup_finish (backup);
  sqlite3_close (source);
  g_assert_cmpint (sodium_init (), >=, 0);
  crypto_sign_keypair (public_key, secret_key);
  sodium_bin2hex (hex, sizeof hex, public_key, sizeof public_key);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE kiosks SET public_key = ?, secret_key = ? WHERE is_local = 1;",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, hex, -1, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 2, secret_key, sizeof secret_key, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  kiosk = pb_store_open (kiosk_path, &error);
  g_assert_no_error (error);
  process = pb_store_lookup_process (kiosk, pb_process_get_id (master_process));
  project = g_list_model_get_item (pb_process_list_ballot_projects (process), 0);
  choices = pb_ballot_choices_new (pb_process_get_ballot_format (process));
  pb_ballot_choices_add (choices, pb_project_get_id (project), 1);
  g_object_unref (project);
  ballot = pb_store_cast_ballot (kiosk, process, choices, PB_BALLOT_METHOD_KIOSK, code, &error);
  g_assert_no_error (error);

  /* "Export Ballots from This Kiosk" in the kiosk's own window. */
  kiosk_window = g_object_ref_sink (pb_window_new (NULL));
  pb_window_set_store (kiosk_window, kiosk);
  pb_window_set_process (kiosk_window, process);
  pb_window_export_bundle (kiosk_window, bundle_file);
  gtk_window_destroy (GTK_WINDOW (kiosk_window));
  g_object_unref (kiosk_window);
  iterate_until (check_finished, pb_integrity_get_for_store (kiosk));
  g_assert_true (g_file_test (bundle_path, G_FILE_TEST_IS_REGULAR));

  /* The kiosk's audit log records the bundle it wrote (that the log still
   * verifies is tests/store/test-bundle.c's: this copy's ballots were
   * hashed under the master's key). */
  {
    g_autoptr(GListModel) audit = pb_store_list_audit (kiosk, process, NULL);
    g_autoptr(PbAuditEntry) last = g_list_model_get_item (audit, g_list_model_get_n_items (audit) - 1);
    g_autoptr(PbBundle) written = pb_bundle_new_from_file (bundle_file, NULL, &error);
    g_autofree char *subject = NULL;

    g_assert_no_error (error);
    subject = g_strconcat ("bundle ", pb_bundle_get_hash (written), NULL);
    g_assert_cmpstr (pb_audit_entry_get_kind (last), ==, "bundle-export");
    g_assert_cmpstr (pb_audit_entry_get_subject (last), ==, subject);
    g_assert_nonnull (strstr (pb_audit_entry_get_summary (last), name));
  }
  return g_steal_pointer (&bundle_path);
}

static char *
make_kiosk_bundle (Fixture    *f,
                   const char *name)
{
  return make_kiosk_bundle_full (f, name, f->fresh, NULL);
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

/* Waits for the next dialog and returns its heading and body. */
static AdwMessageDialog *
wait_dialog (void)
{
  iterate_until (dialog_shown, NULL);
  return find_dialog ();
}

static void
answer (AdwMessageDialog *dialog,
        const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
add_bundle (Fixture    *f,
            const char *path)
{
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_list_store_append (files, file);
  pb_window_add_bundles (f->window, G_LIST_MODEL (files));
}

/* Trusting a new kiosk adds its ballot; the same bundle again adds
 * nothing and asks nothing. */
static void
test_bundle_trust_and_again (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *bundle = make_kiosk_bundle (f, "kiosk-2.json");
  AdwMessageDialog *dialog;
  GtkWidget *extra;
  guint before = pb_process_get_ballot_count (f->fresh);

  pb_window_set_store (f->window, f->store);
  add_bundle (f, bundle);

  dialog = wait_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Trust This Kiosk?");
  extra = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_LABEL (extra));
  /* The fingerprint: 64 hex digits in groups of four. */
  g_assert_cmpuint (strlen (gtk_label_get_text (GTK_LABEL (extra))), ==, 64 + 15);
  shoot (GTK_WIDGET (dialog), "officer-add-bundles-trust");
  answer (dialog, "trust");

  dialog = wait_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Ballots Added");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "1 ballot added, 0 already present.");
  shoot (GTK_WIDGET (dialog), "officer-add-bundles-summary");
  answer (dialog, "close");
  g_assert_cmpuint (pb_process_get_ballot_count (f->fresh), ==, before + 1);

  add_bundle (f, bundle);
  dialog = wait_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Ballots Added");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "0 ballots added, 1 already present.");
  answer (dialog, "close");
  g_assert_cmpuint (pb_process_get_ballot_count (f->fresh), ==, before + 1);

  /* The merge was checked again: still intact. */
  iterate_until (check_finished, pb_integrity_get_for_store (f->store));
  g_assert_cmpint (pb_integrity_get_state (pb_integrity_get_for_store (f->store)), ==, PB_INTEGRITY_INTACT);
}

/* Not trusting the kiosk adds nothing. */
static void
test_bundle_not_trusted (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *bundle = make_kiosk_bundle (f, "kiosk-2.json");
  AdwMessageDialog *dialog;
  guint before = pb_process_get_ballot_count (f->fresh);

  pb_window_set_store (f->window, f->store);
  add_bundle (f, bundle);
  answer (wait_dialog (), "cancel");

  dialog = wait_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "No Ballots Added");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "kiosk-2.json: not added, because its kiosk was not trusted"));
  answer (dialog, "close");
  g_assert_cmpuint (pb_process_get_ballot_count (f->fresh), ==, before);
}

/* An edited and a truncated bundle are refused, each with its reason,
 * and nothing is added. */
static void
test_bundle_edited_or_truncated (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *bundle = make_kiosk_bundle (f, "kiosk-2.json");
  g_autofree char *edited = g_build_filename (f->dir, "edited.json", NULL);
  g_autofree char *truncated = g_build_filename (f->dir, "truncated.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GString) changed = NULL;
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
  AdwMessageDialog *dialog;
  const char *body;
  gsize length;
  guint before = pb_process_get_ballot_count (f->fresh);
  char *receipt;

  g_assert_true (g_file_get_contents (bundle, &contents, &length, NULL));
  /* Change the last digit of one ballot's cast time. */
  changed = g_string_new (contents);
  receipt = strstr (changed->str, "\"cast-time\"");
  g_assert_nonnull (receipt);
  receipt = strpbrk (receipt, "0123456789");
  while (g_ascii_isdigit (receipt[1]))
    receipt++;
  *receipt = *receipt == '1' ? '2' : '1';
  g_assert_true (g_file_set_contents (edited, changed->str, changed->len, NULL));
  g_assert_true (g_file_set_contents (truncated, contents, length / 2, NULL));

  pb_window_set_store (f->window, f->store);
  {
    g_autoptr(GFile) a = g_file_new_for_path (edited);
    g_autoptr(GFile) b = g_file_new_for_path (truncated);
    g_list_store_append (files, a);
    g_list_store_append (files, b);
  }
  pb_window_add_bundles (f->window, G_LIST_MODEL (files));

  dialog = wait_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "No Ballots Added");
  body = adw_message_dialog_get_body (dialog);
  g_assert_true (g_str_has_prefix (body, "0 ballots added, 0 already present."));
  g_assert_nonnull (strstr (body, "• edited.json: "));
  g_assert_nonnull (strstr (body, "• truncated.json: "));
  shoot (GTK_WIDGET (dialog), "officer-add-bundles-refused");
  answer (dialog, "close");
  g_assert_cmpuint (pb_process_get_ballot_count (f->fresh), ==, before);
}

/* A voter code used both on the master and on the kiosk: the officer sees
 * the conflict, naming the code; leaving the bundle out adds nothing,
 * counting it anyway adds the ballot. */
static void
test_bundle_code_conflict (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(PbVoterCode) code = g_list_model_get_item (f->codes, 0);
  const char *text = pb_voter_code_get_code (code);
  g_autofree char *bundle = make_kiosk_bundle_full (f, "kiosk-codes.json", f->coded, text);
  g_autoptr(PbBallotChoices) choices = pb_ballot_choices_new (pb_process_get_ballot_format (f->coded));
  g_autoptr(PbProject) project = g_list_model_get_item (pb_process_list_ballot_projects (f->coded), 1);
  g_autoptr(PbBallot) ballot = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *extra;
  GtkWidget *label;

  /* The same code, used on the master too. */
  pb_ballot_choices_add (choices, pb_project_get_id (project), 1);
  ballot = pb_store_cast_ballot (f->store, f->coded, choices, PB_BALLOT_METHOD_KIOSK, text, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pb_process_get_ballot_count (f->coded), ==, 1);

  pb_window_set_store (f->window, f->store);
  add_bundle (f, bundle);
  answer (wait_dialog (), "trust");
  dialog = wait_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Voter Codes Used Twice");
  extra = adw_message_dialog_get_extra_child (dialog);
  label = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (extra));
  if (GTK_IS_VIEWPORT (label))
    label = gtk_viewport_get_child (GTK_VIEWPORT (label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), text));
  shoot (GTK_WIDGET (dialog), "officer-add-bundles-conflict");
  answer (dialog, "leave");
  dialog = wait_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "No Ballots Added");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "kiosk-codes.json: left out"));
  answer (dialog, "close");
  g_assert_cmpuint (pb_process_get_ballot_count (f->coded), ==, 1);

  add_bundle (f, bundle);
  answer (wait_dialog (), "trust");
  answer (wait_dialog (), "count");
  dialog = wait_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Ballots Added");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "1 ballot added, 0 already present.");
  answer (dialog, "close");
  g_assert_cmpuint (pb_process_get_ballot_count (f->coded), ==, 2);
}

/* ---- The Export menu ---------------------------------------------------- */

static GtkMenuButton *
find_menu_button (GtkWidget  *widget,
                  const char *tooltip)
{
  if (GTK_IS_MENU_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return GTK_MENU_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *button = find_menu_button (child, tooltip);

      if (button != NULL)
        return button;
    }
  return NULL;
}

static void
collect_actions (GMenuModel *model,
                 GPtrArray  *actions)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      char *action = NULL;

      if (section != NULL)
        collect_actions (section, actions);
      else if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action))
        g_ptr_array_add (actions, action);
    }
}

typedef struct {
  PbStore   *store;
  PbProcess *process;
  guint      wanted;
  PbWindow  *window;
} ExportCount;

static guint
count_exports (PbStore   *store,
               PbProcess *process)
{
  g_autoptr(GListModel) audit = pb_store_list_audit (store, process, NULL);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (audit); i++)
    {
      g_autoptr(PbAuditEntry) entry = g_list_model_get_item (audit, i);

      n += g_str_equal (pb_audit_entry_get_kind (entry), "export");
    }
  return n;
}

static gboolean
exports_reached (gpointer data)
{
  ExportCount *count = data;

  /* The job records the export itself; the window is done once it has
   * shown where the file went. */
  return count_exports (count->store, count->process) >= count->wanted && !pb_window_get_exporting (count->window);
}

/* The window and its open menu are two surfaces: paint the menu's picture
 * over the window's where it opens. */
static void
compose_menu_picture (double x,
                      double y)
{
  const char *dir = g_getenv ("PB_TEST_SCREENSHOT_DIR");
  const char *suffix = g_strcmp0 (g_getenv ("ADW_DEBUG_COLOR_SCHEME"), "prefer-dark") == 0 ? "-dark" : "";
  g_autofree char *window_path = g_strdup_printf ("%s/officer-export-menu-window%s.png", dir, suffix);
  g_autofree char *popover_path = g_strdup_printf ("%s/officer-export-menu-popover%s.png", dir, suffix);
  g_autofree char *out_path = g_strdup_printf ("%s/officer-export-menu%s.png", dir, suffix);
  cairo_surface_t *window = cairo_image_surface_create_from_png (window_path);
  cairo_surface_t *popover = cairo_image_surface_create_from_png (popover_path);
  cairo_t *cr = cairo_create (window);

  cairo_set_source_surface (cr, popover, x, y);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_write_to_png (window, out_path);
  cairo_surface_destroy (window);
  cairo_surface_destroy (popover);
  g_unlink (window_path);
  g_unlink (popover_path);
}

/* The header bar's Export menu offers every export and the bundle
 * actions, enabled once a process is shown. */
static void
test_export_menu (Fixture       *f,
                  gconstpointer  data)
{
  static const char * const expected[] = {
    "win.export-report", "win.export-json", "win.export-csv", "win.export-pabulib",
    "win.export-bundle", "win.add-bundles", "win.verify",
  };
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);
  GtkMenuButton *button;

  pb_window_set_store (f->window, f->store);
  button = find_menu_button (GTK_WIDGET (f->window), "Export");
  g_assert_nonnull (button);
  collect_actions (gtk_menu_button_get_menu_model (button), actions);
  g_assert_cmpuint (actions->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (actions->pdata[i], ==, expected[i]);

  /* Each export writes its file under its default name (the test folder
   * stands for the file chooser) and is recorded in the audit log. */
  g_setenv ("PB_TEST_EXPORT_DIR", f->dir, TRUE);
  for (guint i = 0; i < 4; i++)
    {
      static const char * const files[] = {
        "riverside-neighbourhood-fund-2026-report.pdf", "riverside-neighbourhood-fund-2026-results.json",
        "riverside-neighbourhood-fund-2026-results.csv", "riverside-neighbourhood-fund-2026.pb",
      };
      g_autofree char *path = g_build_filename (f->dir, files[i], NULL);
      ExportCount count = { f->store, f->demo, count_exports (f->store, f->demo) + 1, f->window };

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), expected[i], NULL));
      iterate_until (exports_reached, &count);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
  g_unsetenv ("PB_TEST_EXPORT_DIR");

  pb_window_set_process (f->window, NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (button)));


  if (g_getenv ("PB_TEST_SCREENSHOT_DIR") != NULL)
    {
      GtkPopover *popover;
      double sx, sy, wx, wy;

      pb_window_set_process (f->window, f->demo);
      gtk_window_present (GTK_WINDOW (f->window));
      iterate_until (widget_drawn, button);
      gtk_menu_button_popup (button);
      popover = gtk_menu_button_get_popover (button);
      shoot (GTK_WIDGET (popover), "officer-export-menu-popover");
      shoot (GTK_WIDGET (f->window), "officer-export-menu-window");
      gtk_native_get_surface_transform (GTK_NATIVE (popover), &sx, &sy);
      gtk_native_get_surface_transform (GTK_NATIVE (f->window), &wx, &wy);
      compose_menu_picture (gdk_popup_get_position_x (GDK_POPUP (gtk_native_get_surface (GTK_NATIVE (popover)))) + sx - wx,
                            gdk_popup_get_position_y (GDK_POPUP (gtk_native_get_surface (GTK_NATIVE (popover)))) + sy - wy);
    }
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Closing the window while an export runs: the export finishes, is
 * recorded in the audit log, and the window then goes away. */
static void
test_close_during_export (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "closing.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PbWindow *window = g_object_ref_sink (pb_window_new (NULL));
  gpointer weak = window;

  pb_window_set_store (window, f->store);
  pb_window_set_process (window, f->demo);
  pb_window_export (window, PB_EXPORT_FORMAT_JSON, file);
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  iterate_until (pointer_cleared, &weak);

  /* Closing did not stop it: the file is there, and the job recorded it
   * in the audit log on its own connection. */
  {
    g_autoptr(GListModel) audit = pb_store_list_audit (f->store, f->demo, NULL);
    g_autoptr(PbAuditEntry) last = g_list_model_get_item (audit, g_list_model_get_n_items (audit) - 1);

    g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    g_assert_cmpstr (pb_audit_entry_get_kind (last), ==, "export");
    g_assert_nonnull (strstr (pb_audit_entry_get_summary (last), "closing.json"));
  }
}


/* ---- Toasts that still move when the window closes ---------------------- */

static AdwToastOverlay *
find_overlay (GtkWidget *widget)
{
  if (ADW_IS_TOAST_OVERLAY (widget))
    return ADW_TOAST_OVERLAY (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwToastOverlay *found = find_overlay (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct {
  AdwToastOverlay *overlay;
  AdwToast        *toast;
  gint64           until;
} ToastWait;

static gboolean
toast_on_screen (gpointer data)
{
  ToastWait *wait = data;

  return pb_toast_get_widget (wait->overlay, wait->toast) != NULL && g_get_monotonic_time () >= wait->until;
}

/* Records the time of the last frame drawn: once a frame is drawn well
 * after a toast appeared, its slide-in has ended (its own tick ran in that
 * frame), whatever the main loop's load. */
static gboolean
record_frame_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       data)
{
  *(gint64 *) data = gdk_frame_clock_get_frame_time (clock);
  return G_SOURCE_CONTINUE;
}

typedef struct {
  gint64 frame_time;
  gint64 until;
} FrameWait;

static gboolean
frame_reached (gpointer data)
{
  FrameWait *wait = data;

  return wait->frame_time >= wait->until;
}

static gboolean
toast_gone_or_time (gpointer data)
{
  ToastWait *wait = data;

  return pb_toast_get_widget (wait->overlay, wait->toast) == NULL || g_get_monotonic_time () >= wait->until;
}

/* The toast on screen in @overlay whose title starts with @prefix. */
static AdwToast *
find_toast_titled (AdwToastOverlay *overlay,
                   const char      *prefix)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (overlay)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_object_class_find_property (G_OBJECT_GET_CLASS (child), "toast") != NULL)
      {
        g_autoptr(AdwToast) toast = NULL;

        g_object_get (child, "toast", &toast, NULL);
        if (g_str_has_prefix (adw_toast_get_title (toast), prefix))
          return g_steal_pointer (&toast);
      }
  return NULL;
}

static gboolean
export_recorded (gpointer data)
{
  ExportCount *count = data;

  return count_exports (count->store, count->process) >= count->wanted;
}

/* Waits for @done without running the main loop. */
static void
wait_outside_loop (gboolean (*done) (gpointer), gpointer data)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_usleep (5000);
    }
}

/* The window is on screen; an earlier toast fades out just as an export
 * ends, so the export's toast slides in for 500 ms (libadwaita 1.2) and
 * the export is done at once.  Then the window closes while the toasts
 * still move.  Dismissing the export's toast then (as Pb did) freed
 * libadwaita's record of it under its still-running slide, and closing
 * the window crashed (pb-toast.h); now the toast becomes the "Exported"
 * one, and the window closes cleanly. */
static void
test_export_toasts_while_closing (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "moving.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AdwToast) earlier = adw_toast_new ("Earlier");
  ExportCount count = { f->store, f->demo, count_exports (f->store, f->demo) + 1, f->window };
  PbWindow *old = f->window;
  ToastWait wait = { NULL, earlier, 0 };
  g_autoptr(AdwToast) progress = NULL;
  g_autoptr(AdwToast) shown = NULL;
  gint64 slide_start;

  pb_window_set_store (f->window, f->store);
  pb_window_set_process (f->window, f->demo);
  gtk_window_present (GTK_WINDOW (f->window));
  iterate_until (widget_drawn, f->window);
  wait.overlay = find_overlay (GTK_WIDGET (f->window));
  g_assert_nonnull (wait.overlay);

  /* An earlier toast, on screen and done sliding in (a frame drawn well
   * after it appeared says so). */
  adw_toast_set_timeout (earlier, 0);
  pb_window_add_toast (f->window, g_object_ref (earlier));
  wait.until = 0;
  iterate_until (toast_on_screen, &wait);
  {
    FrameWait frame = { 0, g_get_monotonic_time () + 700 * 1000 };
    guint tick = gtk_widget_add_tick_callback (GTK_WIDGET (wait.overlay), record_frame_cb, &frame.frame_time, NULL);

    iterate_until (frame_reached, &frame);
    gtk_widget_remove_tick_callback (GTK_WIDGET (wait.overlay), tick);
  }

  /* The export waits behind it and ends before the loop runs again. */
  pb_window_export (f->window, PB_EXPORT_FORMAT_JSON, file);
  wait_outside_loop (export_recorded, &count);
  g_usleep (200 * 1000);

  /* The earlier toast goes: the export's toast slides in, and the
   * export's end is handled at once. */
  adw_toast_dismiss (earlier);
  progress = find_toast_titled (wait.overlay, "Exporting");
  g_assert_nonnull (progress);
  slide_start = g_get_monotonic_time ();
  iterate_until (exports_reached, &count);

  /* Which toast says where the file went. */
  shown = find_toast_titled (wait.overlay, "Exported to");
  g_assert_nonnull (shown);
  g_assert_cmpstr (adw_toast_get_title (shown), ==, "Exported to “moving.json”");
  g_assert_cmpstr (adw_toast_get_button_label (shown), ==, "_Open");

  /* Close the window while the export's toast still slides in (500 ms),
   * once a toast dismissed at the export's end would have faded out
   * (300 ms). */
  wait.toast = progress;
  wait.until = slide_start + 420 * 1000;
  iterate_until (toast_gone_or_time, &wait);
  gtk_window_destroy (GTK_WINDOW (f->window));
  for (guint i = 0; i < 100; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  f->window = g_object_ref_sink (pb_window_new (NULL));
  g_assert_finalize_object (old);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* ---- Deleting a process, with Undo -------------------------------------- */

static GtkWidget *
find_button_labelled (GtkWidget  *widget,
                      const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_labelled (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
row_titled (GtkWidget  *widget,
            const char *title)
{
  if (ADW_IS_ACTION_ROW (widget) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (row_titled (child, title))
      return TRUE;
  return FALSE;
}

static gboolean
no_dialog (gpointer data)
{
  return find_dialog () == NULL;
}

/* A process with two projects and no ballots. */
static PbProcess *
make_spare (PbStore *store)
{
  g_autoptr(GError) error = NULL;
  PbProcess *spare = pb_store_create_process (store, "Spare Fund", "GBP", "100", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *code = g_strdup_printf ("S%u", i + 1);

      g_assert_nonnull (pb_store_add_project (store, spare, &error, "code", code, "title", "Bench", "cost", "10",
                                              NULL));
      g_assert_no_error (error);
    }
  return spare;
}

/* Whether a connection of its own finds process @id in @path. */
static gboolean
stored_elsewhere (const char *path,
                  gint64      id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = pb_store_open (path, &error);

  g_assert_no_error (error);
  return pb_store_lookup_process (store, id) != NULL;
}

/* Asks for the deletion and answers the dialog with @response. */
static void
delete_answering (PbWindow   *window,
                  const char *response)
{
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-process", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  answer (dialog, response);
  iterate_until (no_dialog, NULL);
}

/* Deleting asks first, naming the process and what goes with it, with
 * Cancel as the default; Cancel keeps everything.  Confirmed, the process
 * disappears at once; Undo brings it back; otherwise it is deleted from
 * the database, at the latest when the window closes, and stays deleted. */
static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  PbProcess *spare = make_spare (f->store);
  gint64 id = pb_process_get_id (spare);
  AdwMessageDialog *dialog;
  GtkWidget *undo;

  pb_window_set_store (f->window, f->store);
  pb_window_set_process (f->window, spare);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (row_titled (GTK_WIDGET (f->window), "Spare Fund"));

  /* The dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-process", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete “Spare Fund”?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Its 2 projects will be deleted with it."));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "No ballots have been cast"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "delete"), ==, ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "delete"), ==, "_Delete");
  /* Nothing happens before the answer. */
  g_assert_true (pb_window_get_process (f->window) == spare);
  shoot (GTK_WIDGET (dialog), "officer-delete-process");

  /* Cancel keeps everything. */
  answer (dialog, "cancel");
  iterate_until (no_dialog, NULL);
  g_assert_true (pb_window_get_process (f->window) == spare);
  g_assert_true (row_titled (GTK_WIDGET (f->window), "Spare Fund"));
  g_assert_nonnull (pb_store_lookup_process (f->store, id));

  /* Confirmed: hidden at once, still stored until the toast goes. */
  delete_answering (f->window, "delete");
  g_assert_true (pb_window_get_process (f->window) != spare);
  g_assert_false (row_titled (GTK_WIDGET (f->window), "Spare Fund"));
  g_assert_nonnull (pb_store_lookup_process (f->store, id));

  undo = find_button_labelled (GTK_WIDGET (f->window), "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  g_assert_true (pb_window_get_process (f->window) == spare);
  g_assert_true (row_titled (GTK_WIDGET (f->window), "Spare Fund"));
  g_assert_nonnull (pb_store_lookup_process (f->store, id));

  /* Deleted for good when the window closes before the toast has gone,
   * and a connection opened afterwards does not find it. */
  delete_answering (f->window, "delete");
  g_assert_nonnull (pb_store_lookup_process (f->store, id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "window.close", NULL));
  g_assert_null (pb_store_lookup_process (f->store, id));
  g_assert_false (stored_elsewhere (f->path, id));
  {
    PbWindow *old = f->window;

    f->window = g_object_ref_sink (pb_window_new (NULL));
    g_assert_finalize_object (old);
  }
}

/* The window closes while the dialog asks: nothing is deleted. */
static void
test_delete_dialog_closed (Fixture       *f,
                           gconstpointer  data)
{
  PbProcess *spare = make_spare (f->store);
  gint64 id = pb_process_get_id (spare);
  PbWindow *old = f->window;

  pb_window_set_store (f->window, f->store);
  pb_window_set_process (f->window, spare);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-process", NULL));
  g_assert_nonnull (find_dialog ());

  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = g_object_ref_sink (pb_window_new (NULL));
  g_assert_finalize_object (old);
  iterate_until (no_dialog, NULL);
  g_assert_nonnull (pb_store_lookup_process (f->store, id));
  g_assert_true (stored_elsewhere (f->path, id));
}

static gboolean
app_has_no_window (gpointer data)
{
  return gtk_application_get_windows (data) == NULL;
}

/* Quitting the application (Ctrl+Q) while the Undo toast still shows
 * carries out the confirmed deletion: it does not come back. */
static void
test_delete_then_quit (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PbApplication) app = pb_application_new ();
  g_autoptr(GError) error = NULL;
  PbProcess *spare = make_spare (f->store);
  gint64 id = pb_process_get_id (spare);
  PbWindow *window;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  window = pb_window_new (GTK_APPLICATION (app));
  g_object_ref (window);
  pb_window_set_store (window, f->store);
  pb_window_set_process (window, spare);
  gtk_window_present (GTK_WINDOW (window));

  delete_answering (window, "delete");
  g_assert_nonnull (pb_store_lookup_process (f->store, id));
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  iterate_until (app_has_no_window, app);
  g_assert_finalize_object (window);

  g_assert_null (pb_store_lookup_process (f->store, id));
  g_assert_false (stored_elsewhere (f->path, id));
}

/* ---- Preferences -------------------------------------------------------- */

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

/* Every preference is bound both ways to its setting. */
static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("com.example.Pb");
  PbPreferencesWindow *prefs = g_object_ref_sink (pb_preferences_window_new (settings));
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  g_autoptr(GPtrArray) combos = g_ptr_array_new ();
  const char *keys[] = { "kiosk-idle-timeout", "kiosk-countdown", "kiosk-thank-you-seconds" };
  const guint values[] = { 240, 20, 7 };

  collect (GTK_WIDGET (prefs), GTK_TYPE_SPIN_BUTTON, spins);
  collect (GTK_WIDGET (prefs), ADW_TYPE_COMBO_ROW, combos);
  g_assert_cmpuint (spins->len, ==, G_N_ELEMENTS (keys));
  g_assert_cmpuint (combos->len, ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkSpinButton *spin = spins->pdata[i];

      g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, (int) g_settings_get_uint (settings, keys[i]));
      gtk_spin_button_set_value (spin, values[i]);
      g_assert_cmpuint (g_settings_get_uint (settings, keys[i]), ==, values[i]);
      g_settings_set_uint (settings, keys[i], values[i] + 1);
      g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, (int) values[i] + 1);
    }

  adw_combo_row_set_selected (combos->pdata[0], 1);
  {
    g_autofree char *nick = g_settings_get_string (settings, "default-tie-break");
    g_assert_cmpstr (nick, ==, "lexico");
  }
  g_settings_set_string (settings, "default-tie-break", "default");
  g_assert_cmpuint (adw_combo_row_get_selected (combos->pdata[0]), ==, 0);
  if (g_getenv ("PB_TEST_SCREENSHOT_DIR") != NULL)
    {
      gtk_window_present (GTK_WINDOW (prefs));
      shoot (GTK_WIDGET (prefs), "officer-preferences");
    }

  gtk_window_destroy (GTK_WINDOW (prefs));
  g_assert_finalize_object (prefs);
}

/* ---- Following every write ---------------------------------------------- */

typedef struct {
  PbIntegrity      *integrity;
  PbIntegrityGroup *group;
  char             *wanted;   /* "61 entries" */
  guint             n_checks;
} Follow;

static guint
count_entries (PbStore *store)
{
  g_autoptr(GListModel) audit = pb_store_list_audit (store, NULL, NULL);

  return g_list_model_get_n_items (audit);
}

static gboolean
status_shows (gpointer data)
{
  Follow *follow = data;

  return pb_integrity_get_state (follow->integrity) == PB_INTEGRITY_INTACT
         && strstr (pb_integrity_group_get_status (follow->group), follow->wanted) != NULL;
}

static void
state_changed_cb (PbIntegrity *integrity,
                  GParamSpec  *pspec,
                  Follow      *follow)
{
  follow->n_checks += pb_integrity_get_state (integrity) == PB_INTEGRITY_CHECKING;
}

/* Waits until the Overview shows the log's current entry count and head. */
static void
wait_for_current (Fixture *f,
                  Follow  *follow)
{
  g_autoptr(GListModel) audit = pb_store_list_audit (f->store, NULL, NULL);
  g_autoptr(PbAuditEntry) last = g_list_model_get_item (audit, g_list_model_get_n_items (audit) - 1);

  g_free (follow->wanted);
  follow->wanted = g_strdup_printf ("%u entries", g_list_model_get_n_items (audit));
  iterate_until (status_shows, follow);
  g_assert_cmpstr (pb_integrity_get_head_hash (follow->integrity), ==, pb_audit_entry_get_hash (last));
}

/* Nobody asks for a check: a phase change, a burst of project edits and
 * an export (written on the job's own connection) each bring the
 * Overview's count and head up to date, the burst with one check. */
static void
test_follows_writes (Fixture       *f,
                     gconstpointer  data)
{
  Follow follow = { pb_integrity_get_for_store (f->store), NULL, NULL, 0 };
  PbProcess *birch;
  guint n_before, n_checks;
  g_autoptr(GError) error = NULL;

  pb_window_set_store (f->window, f->store);
  pb_window_set_process (f->window, f->demo);
  gtk_window_present (GTK_WINDOW (f->window));
  follow.group = find_group (GTK_WIDGET (f->window));
  g_assert_nonnull (follow.group);
  iterate_until (check_finished, follow.integrity);
  wait_for_current (f, &follow);
  g_signal_connect (follow.integrity, "notify::state", G_CALLBACK (state_changed_cb), &follow);

  /* A phase change. */
  n_before = count_entries (f->store);
  g_assert_true (pb_store_set_phase (f->store, f->fresh, PB_PHASE_CLOSED, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (f->store), ==, n_before + 1);
  wait_for_current (f, &follow);
  g_assert_cmpuint (follow.n_checks, >=, 1);

  /* Three writes in a row (a new process and two projects): one check
   * sees them all. */
  n_before = count_entries (f->store);
  n_checks = follow.n_checks;
  birch = pb_store_create_process (f->store, "Birch Fund", "GBP", "5000", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *code = g_strdup_printf ("B%u", i + 1);

      g_assert_nonnull (pb_store_add_project (f->store, birch, &error, "code", code, "title", "Trees",
                                              "cost", "100", NULL));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (count_entries (f->store), >=, n_before + 3);
  wait_for_current (f, &follow);
  g_assert_cmpuint (follow.n_checks, ==, n_checks + 1);

  /* An export, recorded by the job on its own connection. */
  {
    ExportCount count = { f->store, f->demo, count_exports (f->store, f->demo) + 1, f->window };

    g_setenv ("PB_TEST_EXPORT_DIR", f->dir, TRUE);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-json", NULL));
    iterate_until (exports_reached, &count);
    g_unsetenv ("PB_TEST_EXPORT_DIR");
  }
  wait_for_current (f, &follow);
  g_assert_cmpuint (follow.n_checks, >, n_checks + 1);

  g_signal_handlers_disconnect_by_func (follow.integrity, state_changed_cb, &follow);
  g_free (follow.wanted);
}

static gboolean
head_is_last_entry (gpointer data)
{
  Fixture *f = data;
  PbIntegrity *integrity = pb_integrity_get_for_store (f->store);
  g_autoptr(GListModel) audit = pb_store_list_audit (f->store, NULL, NULL);
  g_autoptr(PbAuditEntry) last = g_list_model_get_item (audit, g_list_model_get_n_items (audit) - 1);

  return pb_integrity_get_state (integrity) == PB_INTEGRITY_INTACT
         && g_strcmp0 (pb_integrity_get_head_hash (integrity), pb_audit_entry_get_hash (last)) == 0;
}

/* An export is the only write (the lot seed is recorded already): the
 * Overview still shows the log with the export's entry.  And an export
 * that ends after its window closed reaches the Overview of another
 * window on the same database. */
static void
test_follows_exports (Fixture       *f,
                      gconstpointer  data)
{
  Follow follow = { pb_integrity_get_for_store (f->store), NULL, NULL, 0 };
  g_autofree char *path = g_build_filename (f->dir, "after-close.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  PbCountOptions options;
  PbWindow *closing;

  g_assert_true (pb_export_options_for_process (f->store, f->demo, &options, &error));
  g_assert_no_error (error);
  pb_window_set_store (f->window, f->store);
  pb_window_set_process (f->window, f->demo);
  gtk_window_present (GTK_WINDOW (f->window));
  follow.group = find_group (GTK_WIDGET (f->window));
  g_assert_nonnull (follow.group);
  iterate_until (check_finished, follow.integrity);
  wait_for_current (f, &follow);

  /* From the window's Export menu. */
  {
    ExportCount count = { f->store, f->demo, count_exports (f->store, f->demo) + 1, f->window };

    g_setenv ("PB_TEST_EXPORT_DIR", f->dir, TRUE);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-json", NULL));
    iterate_until (exports_reached, &count);
    g_unsetenv ("PB_TEST_EXPORT_DIR");
  }
  wait_for_current (f, &follow);

  /* From a second window, closed at once; the first one's Overview
   * follows when the job has written its entry. */
  closing = g_object_ref_sink (pb_window_new (NULL));
  pb_window_set_store (closing, f->store);
  pb_window_set_process (closing, f->demo);
  iterate_until (check_finished, follow.integrity);
  {
    ExportCount count = { f->store, f->demo, count_exports (f->store, f->demo) + 1, closing };

    pb_window_export (closing, PB_EXPORT_FORMAT_JSON, file);
    gtk_window_destroy (GTK_WINDOW (closing));
    g_object_unref (closing);
    iterate_until (export_recorded, &count);
  }
  iterate_until (head_is_last_entry, f);
  wait_for_current (f, &follow);

  /* From another program on the same database, as `pbtool export` is:
   * noticed within PB_INTEGRITY_POLL_SECONDS. */
  {
    g_autofree char *other_path = g_build_filename (f->dir, "from-pbtool.json", NULL);
    g_autoptr(GFile) other_file = g_file_new_for_path (other_path);
    g_autoptr(PbStore) other = pb_store_open (f->path, &error);
    g_autoptr(GBytes) bytes = NULL;
    PbProcess *demo;

    g_assert_no_error (error);
    demo = pb_store_lookup_process (other, pb_process_get_id (f->demo));
    bytes = pb_export_process_sync (other, demo, PB_EXPORT_FORMAT_CSV, &options, other_file, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (bytes);
  }
  iterate_until (head_is_last_entry, f);
  wait_for_current (f, &follow);
  g_free (follow.wanted);
}

/* ---- Opening a Pabulib file --------------------------------------------- */

static gboolean
process_named_oak (gpointer data)
{
  PbProcess *process = pb_window_get_process (data);

  return process != NULL && g_strcmp0 (pb_process_get_name (process), "Oak Lane Fund") == 0;
}

/* The file is read and written in a worker thread; the window then shows
 * the new process with every ballot, and the chain is still intact. */
static void
test_open_pabulib (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("META\nkey;value\ndescription;Oak Lane Fund\nbudget;1000\n"
                                          "vote_type;approval\nPROJECTS\nproject_id;cost;name\n"
                                          "1;300;Benches\n2;400;Trees\n3;500;Lights\nVOTES\nvoter_id;vote\n");
  g_autofree char *path = g_build_filename (f->dir, "oak.pb", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  guint n_before = g_list_model_get_n_items (pb_store_list_processes (f->store));
  PbProcess *process;

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (text, "v%u;%u\n", i, 1 + i % 3);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));

  pb_window_set_store (f->window, f->store);
  pb_window_import_pabulib (f->window, file);
  iterate_until (process_named_oak, f->window);

  process = pb_window_get_process (f->window);
  g_assert_cmpuint (g_list_model_get_n_items (pb_store_list_processes (f->store)), ==, n_before + 1);
  g_assert_cmpuint (pb_process_get_ballot_count (process), ==, 2000);
  g_assert_cmpuint (pb_store_count_ballots (f->store, process, PB_BALLOT_METHOD_IMPORT), ==, 2000);
  g_assert_cmpuint (g_list_model_get_n_items (pb_process_list_ballot_projects (process)), ==, 3);
  iterate_until (check_finished, pb_integrity_get_for_store (f->store));
  g_assert_cmpint (pb_integrity_get_state (pb_integrity_get_for_store (f->store)), ==, PB_INTEGRITY_INTACT);
}

int
main (int   argc,
      char *argv[])
{
#ifdef __GLIBC__
  /* Freed memory is scribbled over, so that a use after free crashes
   * every time instead of now and then. */
  mallopt (M_PERTURB, 0xa5);
#endif
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/integrity/status-and-tamper", test_status_and_tamper);
  ADD ("/integrity/follows-writes", test_follows_writes);
  ADD ("/integrity/follows-exports", test_follows_exports);
  ADD ("/integrity/bundle-trust-and-again", test_bundle_trust_and_again);
  ADD ("/integrity/bundle-not-trusted", test_bundle_not_trusted);
  ADD ("/integrity/bundle-edited-or-truncated", test_bundle_edited_or_truncated);
  ADD ("/integrity/bundle-code-conflict", test_bundle_code_conflict);
  ADD ("/window/open-pabulib", test_open_pabulib);
  ADD ("/window/preferences", test_preferences);
  ADD ("/window/export-menu", test_export_menu);
  ADD ("/window/close-during-export", test_close_during_export);
  ADD ("/window/export-toasts-while-closing", test_export_toasts_while_closing);
  ADD ("/window/delete-undo", test_delete_undo);
  ADD ("/window/delete-dialog-closed", test_delete_dialog_closed);
  ADD ("/window/delete-then-quit", test_delete_then_quit);
#undef ADD

  return g_test_run ();
}
