/* pb-kiosk-session.c: one resident's unfinished ballot at the kiosk. */

#include "pb-config.h"

#include <glib/gi18n.h>

#include "pb-decimal.h"
#include "pb-kiosk-session.h"

struct _PbKioskSession
{
  GObject           parent_instance;

  PbStore          *store;
  PbProcess        *process;
  PbBallotChoices  *choices;
  char             *voter_code;
};

G_DEFINE_FINAL_TYPE (PbKioskSession, pb_kiosk_session, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
pb_kiosk_session_emit_changed (PbKioskSession *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
pb_kiosk_session_finalize (GObject *object)
{
  PbKioskSession *self = PB_KIOSK_SESSION (object);

  g_clear_pointer (&self->choices, pb_ballot_choices_unref);
  g_clear_pointer (&self->voter_code, g_free);
  g_clear_object (&self->process);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pb_kiosk_session_parent_class)->finalize (object);
}

static void
pb_kiosk_session_class_init (PbKioskSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_kiosk_session_finalize;

  /* Emitted after the choices or the voter code changed. */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
pb_kiosk_session_init (PbKioskSession *self)
{
}

PbKioskSession *
pb_kiosk_session_new (PbStore   *store,
                      PbProcess *process)
{
  PbKioskSession *self;

  g_return_val_if_fail (PB_IS_STORE (store), NULL);
  g_return_val_if_fail (PB_IS_PROCESS (process), NULL);

  self = g_object_new (PB_TYPE_KIOSK_SESSION, NULL);
  self->store = g_object_ref (store);
  self->process = g_object_ref (process);
  self->choices = pb_ballot_choices_new (pb_process_get_ballot_format (process));
  return self;
}

PbStore *
pb_kiosk_session_get_store (PbKioskSession *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_SESSION (self), NULL);
  return self->store;
}

PbProcess *
pb_kiosk_session_get_process (PbKioskSession *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_SESSION (self), NULL);
  return self->process;
}

PbBallotFormat
pb_kiosk_session_get_format (PbKioskSession *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_SESSION (self), PB_BALLOT_FORMAT_APPROVAL);
  return pb_process_get_ballot_format (self->process);
}

const PbBallotChoices *
pb_kiosk_session_get_choices (PbKioskSession *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_SESSION (self), NULL);
  return self->choices;
}

gboolean
pb_kiosk_session_is_empty (PbKioskSession *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_SESSION (self), TRUE);
  return pb_ballot_choices_get_n_entries (self->choices) == 0 && self->voter_code == NULL;
}

const char *
pb_kiosk_session_get_voter_code (PbKioskSession *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_SESSION (self), NULL);
  return self->voter_code;
}

void
pb_kiosk_session_set_voter_code (PbKioskSession *self,
                                 const char     *code)
{
  g_return_if_fail (PB_IS_KIOSK_SESSION (self));

  if (g_strcmp0 (self->voter_code, code) == 0)
    return;
  g_free (self->voter_code);
  self->voter_code = g_strdup (code);
  pb_kiosk_session_emit_changed (self);
}

gboolean
pb_kiosk_session_set_points (PbKioskSession  *self,
                             PbProject       *project,
                             guint            points,
                             GError         **error)
{
  gint64 id;
  guint current;

  g_return_val_if_fail (PB_IS_KIOSK_SESSION (self), FALSE);
  g_return_val_if_fail (PB_IS_PROJECT (project), FALSE);

  id = pb_project_get_id (project);
  current = pb_ballot_choices_get_points_for (self->choices, id);
  if (points == current)
    return TRUE;

  /* Taking away never breaks an upper limit; adding is checked first so
   * that the resident hears which rule a choice would break. */
  if (points > current &&
      !pb_ballot_check_add (self->process, self->choices, id, points, error))
    return FALSE;

  pb_ballot_choices_set_points (self->choices, id, points);
  pb_kiosk_session_emit_changed (self);
  return TRUE;
}

guint
pb_kiosk_session_get_points (PbKioskSession *self,
                             PbProject      *project)
{
  g_return_val_if_fail (PB_IS_KIOSK_SESSION (self), 0);
  g_return_val_if_fail (PB_IS_PROJECT (project), 0);

  return pb_ballot_choices_get_points_for (self->choices, pb_project_get_id (project));
}

guint
pb_kiosk_session_get_rank (PbKioskSession *self,
                           PbProject      *project)
{
  gint64 id;
  guint n;

  g_return_val_if_fail (PB_IS_KIOSK_SESSION (self), 0);
  g_return_val_if_fail (PB_IS_PROJECT (project), 0);

  id = pb_project_get_id (project);
  n = pb_ballot_choices_get_n_entries (self->choices);
  for (guint i = 0; i < n; i++)
    if (pb_ballot_choices_get_project (self->choices, i) == id)
      return i + 1;
  return 0;
}

gboolean
pb_kiosk_session_move (PbKioskSession *self,
                       PbProject      *project,
                       int             delta)
{
  guint rank, n;
  int target;

  g_return_val_if_fail (PB_IS_KIOSK_SESSION (self), FALSE);
  g_return_val_if_fail (PB_IS_PROJECT (project), FALSE);

  rank = pb_kiosk_session_get_rank (self, project);
  n = pb_ballot_choices_get_n_entries (self->choices);
  if (rank == 0)
    return FALSE;
  target = (int) rank - 1 + delta;
  if (target < 0 || target >= (int) n)
    return FALSE;
  if (!pb_ballot_choices_move (self->choices, pb_project_get_id (project), (guint) target))
    return FALSE;
  pb_kiosk_session_emit_changed (self);
  return TRUE;
}

gboolean
pb_kiosk_session_validate (PbKioskSession  *self,
                           GError         **error)
{
  g_return_val_if_fail (PB_IS_KIOSK_SESSION (self), FALSE);

  return pb_ballot_validate (self->process, self->choices, error);
}

PbBallot *
pb_kiosk_session_cast (PbKioskSession  *self,
                       GError         **error)
{
  g_return_val_if_fail (PB_IS_KIOSK_SESSION (self), NULL);

  return pb_store_cast_ballot (self->store, self->process, self->choices,
                               PB_BALLOT_METHOD_KIOSK, self->voter_code, error);
}

void
pb_kiosk_session_reset (PbKioskSession *self)
{
  g_return_if_fail (PB_IS_KIOSK_SESSION (self));

  pb_ballot_choices_clear (self->choices);
  g_clear_pointer (&self->voter_code, g_free);
  pb_kiosk_session_emit_changed (self);
}

char *
pb_kiosk_session_format_money (PbKioskSession *self,
                               const char     *amount)
{
  g_return_val_if_fail (PB_IS_KIOSK_SESSION (self), NULL);

  return pb_money_format (amount, pb_process_get_currency (self->process));
}

char *
pb_kiosk_session_dup_project_cost (PbKioskSession *self,
                                   PbProject      *project)
{
  return pb_kiosk_session_format_money (self, pb_project_get_cost (project));
}

char *
pb_kiosk_session_dup_cost_limit (PbKioskSession *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_SESSION (self), NULL);

  return pb_process_dup_effective_cost_limit (self->process);
}

char *
pb_kiosk_session_dup_total_cost (PbKioskSession *self)
{
  g_return_val_if_fail (PB_IS_KIOSK_SESSION (self), NULL);

  return pb_ballot_choices_dup_total_cost (self->process, self->choices);
}

/* @limit minus @spent as a decimal string (negative when over). */
static char *
subtract_amounts (const char *limit,
                  const char *spent)
{
  mpq_t a, b;
  char *result;

  mpq_inits (a, b, NULL);
  pb_decimal_parse (limit, a, NULL);
  pb_decimal_parse (spent, b, NULL);
  mpq_sub (a, a, b);
  result = pb_decimal_to_string (a);
  mpq_clears (a, b, NULL);
  return result;
}

char *
pb_kiosk_session_dup_budget_text (PbKioskSession *self)
{
  g_autofree char *limit = NULL;
  g_autofree char *spent = NULL;
  g_autofree char *left = NULL;
  g_autofree char *left_text = NULL;
  g_autofree char *limit_text = NULL;

  g_return_val_if_fail (PB_IS_KIOSK_SESSION (self), NULL);

  limit = pb_kiosk_session_dup_cost_limit (self);
  if (limit == NULL)
    return NULL;
  spent = pb_kiosk_session_dup_total_cost (self);
  left = subtract_amounts (limit, spent);
  left_text = pb_kiosk_session_format_money (self, left);
  limit_text = pb_kiosk_session_format_money (self, limit);
  /* Translators: "£32,500 of £50,000 left" on the kiosk's budget bar. */
  return g_strdup_printf (_("%s of %s left"), left_text, limit_text);
}

double
pb_kiosk_session_get_spent_fraction (PbKioskSession *self)
{
  g_autofree char *limit = NULL;
  g_autofree char *spent = NULL;
  mpq_t a, b;
  double fraction = 0.0;

  g_return_val_if_fail (PB_IS_KIOSK_SESSION (self), 0.0);

  limit = pb_kiosk_session_dup_cost_limit (self);
  if (limit == NULL)
    return 0.0;
  spent = pb_kiosk_session_dup_total_cost (self);

  mpq_inits (a, b, NULL);
  pb_decimal_parse (limit, a, NULL);
  pb_decimal_parse (spent, b, NULL);
  if (mpq_sgn (a) > 0)
    {
      mpq_div (b, b, a);
      fraction = mpq_get_d (b);
    }
  mpq_clears (a, b, NULL);
  return CLAMP (fraction, 0.0, 1.0);
}

guint
pb_kiosk_session_get_points_left (PbKioskSession *self)
{
  guint total, given;

  g_return_val_if_fail (PB_IS_KIOSK_SESSION (self), 0);

  total = pb_process_get_points_total (self->process);
  given = pb_ballot_choices_get_total_points (self->choices);
  return given >= total ? 0 : total - given;
}

const char *
pb_kiosk_session_get_category_name (PbKioskSession *self,
                                    PbProject      *project)
{
  PbCategory *category;

  g_return_val_if_fail (PB_IS_KIOSK_SESSION (self), NULL);
  g_return_val_if_fail (PB_IS_PROJECT (project), NULL);

  if (pb_project_get_category_id (project) == 0)
    return NULL;
  category = pb_process_lookup_category (self->process, pb_project_get_category_id (project));
  return category != NULL ? pb_category_get_name (category) : NULL;
}

static gboolean
process_has_incompatibilities (PbProcess *process)
{
  GListModel *projects = pb_process_list_ballot_projects (process);
  guint n = g_list_model_get_n_items (projects);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbProject) project = g_list_model_get_item (projects, i);
      const char * const *groups = pb_project_get_incompatibility_groups (project);

      if (groups != NULL && groups[0] != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
append_count_rule (GString    *rules,
                   guint       min,
                   guint       max,
                   gboolean    ranking)
{
  if (min > 0 && max > 0 && min == max)
    g_string_append_printf (rules,
                            ranking ? ngettext ("Rank exactly %u project.", "Rank exactly %u projects.", max)
                                    : ngettext ("Choose exactly %u project.", "Choose exactly %u projects.", max),
                            max);
  else if (min > 0 && max > 0)
    g_string_append_printf (rules,
                            ranking ? _("Rank %u to %u projects.") : _("Choose %u to %u projects."),
                            min, max);
  else if (max > 0)
    g_string_append_printf (rules,
                            ranking ? ngettext ("Rank up to %u project.", "Rank up to %u projects.", max)
                                    : ngettext ("Choose up to %u project.", "Choose up to %u projects.", max),
                            max);
  else if (min > 0)
    g_string_append_printf (rules,
                            ranking ? ngettext ("Rank at least %u project.", "Rank at least %u projects.", min)
                                    : ngettext ("Choose at least %u project.", "Choose at least %u projects.", min),
                            min);
  else
    g_string_append (rules, ranking ? _("Rank as many projects as you like.")
                                    : _("Choose as many projects as you like."));
  g_string_append_c (rules, '\n');
}

char *
pb_kiosk_session_dup_rules_text (PbKioskSession *self)
{
  PbProcess *process;
  g_autoptr(GString) rules = g_string_new (NULL);
  g_autofree char *limit = NULL;
  GListModel *categories;
  guint n;

  g_return_val_if_fail (PB_IS_KIOSK_SESSION (self), NULL);

  process = self->process;
  limit = pb_process_dup_effective_cost_limit (process);

  switch (pb_process_get_ballot_format (process))
    {
    case PB_BALLOT_FORMAT_APPROVAL:
    case PB_BALLOT_FORMAT_KNAPSACK:
      append_count_rule (rules, pb_process_get_min_projects (process),
                         pb_process_get_max_projects (process), FALSE);
      break;

    case PB_BALLOT_FORMAT_CUMULATIVE:
      g_string_append_printf (rules,
                              ngettext ("You have %u point to give to the projects you like most.",
                                        "You have %u points to give to the projects you like most.",
                                        pb_process_get_points_total (process)),
                              pb_process_get_points_total (process));
      g_string_append_c (rules, '\n');
      if (pb_process_get_points_per_project (process) > 0)
        {
          g_string_append_printf (rules,
                                  ngettext ("Give at most %u point to one project.",
                                            "Give at most %u points to one project.",
                                            pb_process_get_points_per_project (process)),
                                  pb_process_get_points_per_project (process));
          g_string_append_c (rules, '\n');
        }
      break;

    case PB_BALLOT_FORMAT_RANKING:
      g_string_append (rules, _("Put the projects in order, the one you want most first."));
      g_string_append_c (rules, '\n');
      append_count_rule (rules, pb_process_get_min_projects (process),
                         pb_process_get_ranking_length (process), TRUE);
      break;

    default:
      g_assert_not_reached ();
    }

  if (limit != NULL)
    {
      g_autofree char *limit_text = pb_kiosk_session_format_money (self, limit);
      guint percent = pb_process_get_min_spent_percent (process);

      g_string_append_printf (rules, _("You can spend up to %s."), limit_text);
      g_string_append_c (rules, '\n');
      if (percent > 0)
        {
          mpq_t value, share;
          g_autofree char *least = NULL;
          g_autofree char *least_text = NULL;

          mpq_inits (value, share, NULL);
          pb_decimal_parse (limit, value, NULL);
          mpq_set_ui (share, percent, 100);
          mpq_mul (value, value, share);
          least = pb_decimal_to_string (value);
          mpq_clears (value, share, NULL);
          least_text = pb_kiosk_session_format_money (self, least);
          g_string_append_printf (rules, _("Spend at least %s."), least_text);
          g_string_append_c (rules, '\n');
        }
    }

  categories = pb_process_list_categories (process);
  n = g_list_model_get_n_items (categories);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbCategory) category = g_list_model_get_item (categories, i);
      const char *cap = pb_category_get_cap (category);
      g_autofree char *cap_text = NULL;

      if (cap == NULL || cap[0] == '\0')
        continue;
      cap_text = pb_kiosk_session_format_money (self, cap);
      /* Translators: a category's cap, e.g. "Spend at most £10,000 on Green spaces." */
      g_string_append_printf (rules, _("Spend at most %s on %s."), cap_text, pb_category_get_name (category));
      g_string_append_c (rules, '\n');
    }

  if (process_has_incompatibilities (process))
    {
      g_string_append (rules, _("Some projects share a site: you can choose only one of them."));
      g_string_append_c (rules, '\n');
    }

  if (rules->len > 0 && rules->str[rules->len - 1] == '\n')
    g_string_truncate (rules, rules->len - 1);
  return g_string_free (g_steal_pointer (&rules), FALSE);
}
