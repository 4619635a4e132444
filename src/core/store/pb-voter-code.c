/* pb-voter-code.c: generating and reading one-time voter codes. */

#include "pb-config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "pb-store-private.h"

#define CODE_GROUP   4
#define CODE_LENGTH  (2 * CODE_GROUP)

G_DEFINE_QUARK (pb-voter-code-error-quark, pb_voter_code_error)

char *
pb_voter_code_generate (void)
{
  static const char alphabet[] = PB_VOTER_CODE_ALPHABET;
  char code[CODE_LENGTH + 2];
  guint j = 0;

  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");

  for (guint i = 0; i < CODE_LENGTH; i++)
    {
      if (i == CODE_GROUP)
        code[j++] = '-';
      /* randombytes_uniform() has no modulo bias. */
      code[j++] = alphabet[randombytes_uniform (sizeof alphabet - 1)];
    }
  code[j] = '\0';
  return g_strdup (code);
}

char *
pb_voter_code_normalize (const char  *input,
                         GError     **error)
{
  char letters[CODE_LENGTH];
  guint n = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (input == NULL)
    input = "";
  for (const char *p = input; *p != '\0'; p++)
    {
      char c = g_ascii_toupper (*p);

      if (c == ' ' || c == '-' || c == '\t')
        continue;
      if (strchr (PB_VOTER_CODE_ALPHABET, c) == NULL || c == '\0' || n == CODE_LENGTH)
        {
          g_set_error (error, PB_VOTER_CODE_ERROR, PB_VOTER_CODE_ERROR_MALFORMED,
                       _("“%s” is not a voter code: a code is eight letters and digits, like K7MX-Q4PR."),
                       input);
          return NULL;
        }
      letters[n++] = c;
    }
  if (n != CODE_LENGTH)
    {
      g_set_error (error, PB_VOTER_CODE_ERROR, PB_VOTER_CODE_ERROR_MALFORMED,
                   _("“%s” is not a voter code: a code is eight letters and digits, like K7MX-Q4PR."),
                   input);
      return NULL;
    }
  return g_strdup_printf ("%.*s-%.*s", CODE_GROUP, letters, CODE_GROUP, letters + CODE_GROUP);
}

/* ---- PbVoterCode -------------------------------------------------------- */

struct _PbVoterCode {
  GObject            parent_instance;
  char              *code;
  guint              batch;
  PbVoterCodeState   state;
};

enum {
  PROP_0,
  PROP_CODE,
  PROP_BATCH,
  PROP_STATE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PbVoterCode, pb_voter_code, G_TYPE_OBJECT)

static void
pb_voter_code_finalize (GObject *object)
{
  g_free (PB_VOTER_CODE (object)->code);
  G_OBJECT_CLASS (pb_voter_code_parent_class)->finalize (object);
}

static void
pb_voter_code_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PbVoterCode *self = PB_VOTER_CODE (object);

  switch (prop_id)
    {
    case PROP_CODE: g_value_set_string (value, self->code); break;
    case PROP_BATCH: g_value_set_uint (value, self->batch); break;
    case PROP_STATE: g_value_set_enum (value, self->state); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_voter_code_class_init (PbVoterCodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  GParamSpec *props[N_PROPS] = { NULL, };

  object_class->finalize = pb_voter_code_finalize;
  object_class->get_property = pb_voter_code_get_property;
  props[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  props[PROP_BATCH] = g_param_spec_uint ("batch", NULL, NULL, 0, G_MAXUINT, 0, flags);
  props[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, PB_TYPE_VOTER_CODE_STATE,
                                         PB_VOTER_CODE_STATE_ISSUED, flags);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
pb_voter_code_init (PbVoterCode *self)
{
}

PbVoterCode *
pb_voter_code_new_internal (const char       *code,
                            guint             batch,
                            PbVoterCodeState  state)
{
  PbVoterCode *self = g_object_new (PB_TYPE_VOTER_CODE, NULL);

  self->code = g_strdup (code);
  self->batch = batch;
  self->state = state;
  return self;
}

const char *
pb_voter_code_get_code (PbVoterCode *self)
{
  g_return_val_if_fail (PB_IS_VOTER_CODE (self), NULL);
  return self->code;
}

guint
pb_voter_code_get_batch (PbVoterCode *self)
{
  g_return_val_if_fail (PB_IS_VOTER_CODE (self), 0);
  return self->batch;
}

PbVoterCodeState
pb_voter_code_get_state (PbVoterCode *self)
{
  g_return_val_if_fail (PB_IS_VOTER_CODE (self), PB_VOTER_CODE_STATE_ISSUED);
  return self->state;
}
