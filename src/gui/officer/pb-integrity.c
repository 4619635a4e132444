/* pb-integrity.c: verifying the open database off the main thread. */

#include "pb-config.h"

#include <glib/gi18n.h>

#include "pb-integrity.h"

struct _PbIntegrity
{
  GObject           parent_instance;

  char             *path;
  PbIntegrityState  state;
  char             *title;
  char             *description;
  char             *head_hash;
  GCancellable     *cancellable;
  guint             queued_id;    /* a debounced check to come */
  PbStore          *store;        /* owns self */
  guint             poll_id;      /* asking the store about other writers */
};

G_DEFINE_FINAL_TYPE (PbIntegrity, pb_integrity, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_HEAD_HASH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- Verification ------------------------------------------------------- */

PbVerifySummary *
pb_verify_summary_compute (PbStore *store)
{
  PbVerifySummary *summary = g_new0 (PbVerifySummary, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) audit = NULL;
  GListModel *processes;
  guint n_audit;

  g_return_val_if_fail (PB_IS_STORE (store), summary);

  summary->intact = pb_store_verify (store, &summary->n_entries, &error);
  if (!summary->intact)
    summary->message = g_strdup (error->message);

  processes = pb_store_list_processes (store);
  for (guint i = 0; i < g_list_model_get_n_items (processes); i++)
    {
      g_autoptr(PbProcess) process = g_list_model_get_item (processes, i);

      summary->n_ballots += pb_store_count_ballots (store, process, PB_BALLOT_METHOD_ANY);
    }

  audit = pb_store_list_audit (store, NULL, NULL);
  n_audit = audit != NULL ? g_list_model_get_n_items (audit) : 0;
  if (n_audit > 0)
    {
      g_autoptr(PbAuditEntry) last = g_list_model_get_item (audit, n_audit - 1);

      summary->head_hash = g_strdup (pb_audit_entry_get_hash (last));
    }
  return summary;
}

void
pb_verify_summary_free (PbVerifySummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->head_hash);
  g_free (summary->message);
  g_free (summary);
}

char *
pb_verify_summary_describe (const PbVerifySummary *summary)
{
  g_autofree char *entries = NULL;
  g_autofree char *ballots = NULL;

  g_return_val_if_fail (summary != NULL, NULL);

  if (!summary->intact)
    /* Translators: %s is the reason, naming the first bad entry or ballot. */
    return g_strdup_printf (_("Audit log damaged: %s"), summary->message);

  entries = g_strdup_printf (g_dngettext (NULL, "%'llu entry", "%'llu entries", summary->n_entries),
                             (unsigned long long) summary->n_entries);
  ballots = g_strdup_printf (ngettext ("%'u ballot checked", "%'u ballots checked", summary->n_ballots),
                             summary->n_ballots);
  /* Translators: "Audit log intact — 12 entries, 3 ballots checked". */
  return g_strdup_printf (_("Audit log intact — %s, %s"), entries, ballots);
}

typedef struct {
  char            *path;
  PbVerifySummary *summary;
  char            *open_error;
} CheckData;

static void
check_data_free (gpointer data)
{
  CheckData *d = data;

  g_free (d->path);
  pb_verify_summary_free (d->summary);
  g_free (d->open_error);
  g_free (d);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckData *d = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;

  /* Never create a database by checking a path that has gone. */
  if (!g_file_test (d->path, G_FILE_TEST_IS_REGULAR))
    {
      d->open_error = g_strdup_printf (_("The database “%s” is no longer there."), d->path);
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* A connection of this thread's own: the store is for the main thread. */
  store = pb_store_open (d->path, &error);
  if (store == NULL)
    d->open_error = g_strdup (error->message);
  else
    d->summary = pb_verify_summary_compute (store);
  g_task_return_boolean (task, TRUE);
}

/* g_set_str() is GLib 2.76. */
static gboolean
set_str (char       **field,
         const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
pb_integrity_set (PbIntegrity      *self,
                  PbIntegrityState  state,
                  const char       *title,
                  const char       *description,
                  const char       *head_hash)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (set_str (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  if (set_str (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
  if (set_str (&self->head_hash, head_hash))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEAD_HASH]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  PbIntegrity *self = PB_INTEGRITY (source);
  CheckData *d = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    return;   /* cancelled: a newer check is running */
  g_clear_object (&self->cancellable);

  if (d->open_error != NULL)
    {
      pb_integrity_set (self, PB_INTEGRITY_FAILED, _("The audit log could not be checked"),
                        d->open_error, NULL);
      return;
    }

  description = pb_verify_summary_describe (d->summary);
  if (d->summary->intact)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *time = g_date_time_format (now, "%H:%M");
      /* Translators: %s is the time of the check, e.g. "17:45". */
      g_autofree char *detail = g_strdup_printf (_("Checked at %s: every ballot and every change matches what was "
                                                   "recorded when it happened."), time);

      pb_integrity_set (self, PB_INTEGRITY_INTACT, description, detail, d->summary->head_hash);
    }
  else
    pb_integrity_set (self, PB_INTEGRITY_BROKEN, _("Audit log damaged: something was changed outside Pb"),
                      d->summary->message, d->summary->head_hash);
}

void
pb_integrity_check (PbIntegrity *self)
{
  g_autoptr(GTask) task = NULL;
  CheckData *d;

  g_return_if_fail (PB_IS_INTEGRITY (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  pb_integrity_set (self, PB_INTEGRITY_CHECKING, _("Checking the audit log…"),
                    _("Every entry and every ballot is recomputed."), self->head_hash);

  d = g_new0 (CheckData, 1);
  d->path = g_strdup (self->path);
  task = g_task_new (self, self->cancellable, check_done_cb, NULL);
  g_task_set_source_tag (task, pb_integrity_check);
  g_task_set_task_data (task, d, check_data_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, check_thread);
}

static gboolean
queued_check_cb (gpointer user_data)
{
  PbIntegrity *self = user_data;

  self->queued_id = 0;
  pb_integrity_check (self);
  return G_SOURCE_REMOVE;
}

void
pb_integrity_queue_check (PbIntegrity *self)
{
  g_return_if_fail (PB_IS_INTEGRITY (self));

  if (self->queued_id != 0)
    return;   /* the queued check will see this change too */
  self->queued_id = g_timeout_add (PB_INTEGRITY_DEBOUNCE_MS, queued_check_cb, self);
}

static void
audit_changed_cb (PbStore     *store,
                  PbIntegrity *self)
{
  pb_integrity_queue_check (self);
}

/* Emits "audit-changed" (so queues a check) when another connection
 * appended to the log. */
static gboolean
poll_other_writers_cb (gpointer user_data)
{
  PbIntegrity *self = user_data;

  pb_store_notice_other_writers (self->store);
  return G_SOURCE_CONTINUE;
}

/* ---- GObject ------------------------------------------------------------ */

static void
pb_integrity_finalize (GObject *object)
{
  PbIntegrity *self = PB_INTEGRITY (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->queued_id, g_source_remove);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_free (self->path);
  g_free (self->title);
  g_free (self->description);
  g_free (self->head_hash);

  G_OBJECT_CLASS (pb_integrity_parent_class)->finalize (object);
}

static void
pb_integrity_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PbIntegrity *self = PB_INTEGRITY (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_HEAD_HASH:
      g_value_set_string (value, self->head_hash);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_integrity_class_init (PbIntegrityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pb_integrity_finalize;
  object_class->get_property = pb_integrity_get_property;

  properties[PROP_STATE] = g_param_spec_int ("state", NULL, NULL, PB_INTEGRITY_UNKNOWN, PB_INTEGRITY_FAILED,
                                             PB_INTEGRITY_UNKNOWN, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_HEAD_HASH] = g_param_spec_string ("head-hash", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_integrity_init (PbIntegrity *self)
{
  self->title = g_strdup (_("The audit log has not been checked yet"));
  self->description = g_strdup ("");
}

/* ---- Public API --------------------------------------------------------- */

PbIntegrity *
pb_integrity_get_for_store (PbStore *store)
{
  PbIntegrity *self;

  g_return_val_if_fail (PB_IS_STORE (store), NULL);

  self = g_object_get_data (G_OBJECT (store), "pb-integrity");
  if (self == NULL)
    {
      self = g_object_new (PB_TYPE_INTEGRITY, NULL);
      self->path = g_strdup (pb_store_get_path (store));
      g_object_set_data_full (G_OBJECT (store), "pb-integrity", self, g_object_unref);
      /* The store owns self: the handler goes with the store. */
      g_signal_connect (store, "audit-changed", G_CALLBACK (audit_changed_cb), self);
      self->store = store;
      pb_store_notice_other_writers (store);
      self->poll_id = g_timeout_add_seconds (PB_INTEGRITY_POLL_SECONDS, poll_other_writers_cb, self);
    }
  return self;
}

PbIntegrityState
pb_integrity_get_state (PbIntegrity *self)
{
  g_return_val_if_fail (PB_IS_INTEGRITY (self), PB_INTEGRITY_UNKNOWN);
  return self->state;
}

const char *
pb_integrity_get_title (PbIntegrity *self)
{
  g_return_val_if_fail (PB_IS_INTEGRITY (self), NULL);
  return self->title;
}

const char *
pb_integrity_get_description (PbIntegrity *self)
{
  g_return_val_if_fail (PB_IS_INTEGRITY (self), NULL);
  return self->description;
}

const char *
pb_integrity_get_head_hash (PbIntegrity *self)
{
  g_return_val_if_fail (PB_IS_INTEGRITY (self), NULL);
  return self->head_hash;
}
