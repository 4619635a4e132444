/* pb-pabulib.c: the Pabulib .pb reader and writer.
 *
 * The reader takes the whole file into one buffer and cuts it in place:
 * fields become NUL-terminated slices of the buffer, so a row costs no
 * allocation until its values are stored in the election.  Rows without a
 * quote (all VOTES rows in practice) take a fast path that only looks for
 * `;`; rows with quotes go through a small RFC 4180 state machine that may
 * span lines.  See docs on the format in ../shared/docs/pabulib-format.md.
 */

#include "pb-config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pb-decimal.h"
#include "pb-pabulib.h"

G_DEFINE_QUARK (pb-pabulib-error-quark, pb_pabulib_error)

typedef enum {
  SECTION_NONE,
  SECTION_META,
  SECTION_PROJECTS,
  SECTION_VOTES,
} Section;

typedef struct {
  char      *pos;
  char      *end;
  guint      line;        /* the line number of pos */
  guint      row_line;    /* the line on which the last row started */
  char     **fields;
  gboolean  *quoted;
  guint      n_fields;
  guint      fields_capacity;
} Reader;

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static void
add_field (Reader *reader,
           char   *field,
           gboolean quoted)
{
  if (reader->n_fields == reader->fields_capacity)
    {
      reader->fields_capacity = MAX (16, reader->fields_capacity * 2);
      reader->fields = g_renew (char *, reader->fields, reader->fields_capacity);
      reader->quoted = g_renew (gboolean, reader->quoted, reader->fields_capacity);
    }
  reader->fields[reader->n_fields] = field;
  reader->quoted[reader->n_fields] = quoted;
  reader->n_fields++;
}

/* Trims white space from the slice [start, stop) in place and terminates it. */
static char *
trim (char *start,
      char *stop)
{
  while (start < stop && is_space (*start))
    start++;
  while (stop > start && is_space (stop[-1]))
    stop--;
  *stop = '\0';
  return start;
}

/* The fast path: a line without quotes, cut at every `;`. */
static void
split_plain (Reader *reader,
             char   *line,
             char   *line_end)
{
  char *field = line;
  char *c;

  while ((c = memchr (field, ';', line_end - field)) != NULL)
    {
      add_field (reader, trim (field, c), FALSE);
      field = c + 1;
    }
  add_field (reader, trim (field, line_end), FALSE);
}

/* The general path: quoted fields with `""` escapes, `;` and line breaks
 * inside quotes.  Unquoted text is written back in place, behind the read
 * position, so the buffer is never grown. */
static gboolean
split_quoted (Reader  *reader,
              GError **error)
{
  char *r = reader->pos;
  char *end = reader->end;

  for (;;)
    {
      char *w;
      char *field;

      while (r < end && (*r == ' ' || *r == '\t'))
        r++;
      if (r < end && *r == '"')
        {
          guint quote_line = reader->line;

          field = w = r;
          r++;
          for (;;)
            {
              if (r >= end)
                {
                  g_set_error (error, PB_PABULIB_ERROR, PB_PABULIB_ERROR_QUOTING,
                               _("Line %u: the quote opened here is never closed"), quote_line);
                  return FALSE;
                }
              if (*r == '"')
                {
                  if (r + 1 < end && r[1] == '"')
                    {
                      *w++ = '"';
                      r += 2;
                      continue;
                    }
                  r++;
                  break;
                }
              if (*r == '\n')
                reader->line++;
              *w++ = *r++;
            }
          /* Text after the closing quote is kept as written, as Python's
           * csv module does: "Odkupmy" i my gives «Odkupmy i my». */
          while (r < end && *r != ';' && *r != '\n')
            *w++ = *r++;
          while (w > field && is_space (w[-1]))
            w--;
          *w = '\0';
          add_field (reader, field, TRUE);
        }
      else
        {
          field = r;
          while (r < end && *r != ';' && *r != '\n')
            r++;
          {
            char stop = r < end ? *r : '\0';

            add_field (reader, trim (field, r), FALSE);
            /* trim() wrote a NUL at or before r; restore the separator we
             * still need to read. */
            if (r < end)
              *r = stop;
          }
        }

      if (r >= end)
        {
          reader->pos = end;
          return TRUE;
        }
      if (*r == '\n')
        {
          *r = '\0';
          reader->pos = r + 1;
          reader->line++;
          return TRUE;
        }
      /* A `;`: the next field starts after it. */
      *r = '\0';
      r++;
    }
}

/* Reads the next row into reader->fields.  Returns 1 for a row, 0 at the
 * end of the data, -1 on error. */
static int
read_row (Reader  *reader,
          GError **error)
{
  char *line_end;

  reader->n_fields = 0;
  if (reader->pos >= reader->end)
    return 0;

  reader->row_line = reader->line;
  line_end = memchr (reader->pos, '\n', reader->end - reader->pos);
  if (line_end == NULL)
    line_end = reader->end;

  if (memchr (reader->pos, '"', line_end - reader->pos) == NULL)
    {
      split_plain (reader, reader->pos, line_end);
      reader->pos = line_end < reader->end ? line_end + 1 : reader->end;
      reader->line++;
      return 1;
    }
  return split_quoted (reader, error) ? 1 : -1;
}

static gboolean
row_is_blank (const Reader *reader)
{
  return reader->n_fields == 1 && !reader->quoted[0] && reader->fields[0][0] == '\0';
}

/* Pabulib writes "none" (any case) for a missing value. */
static gboolean
is_missing (const char *value)
{
  return value == NULL || value[0] == '\0'
         || ((value[0] == 'n' || value[0] == 'N') && g_ascii_strcasecmp (value, "none") == 0);
}

static Section
section_of_title (const Reader *reader)
{
  const char *title;

  if (reader->n_fields == 0 || reader->quoted[0])
    return SECTION_NONE;
  title = reader->fields[0];
  /* Most rows are data: rule them out on the first letter. */
  switch (title[0])
    {
    case 'm': case 'M': case 'p': case 'P': case 'v': case 'V':
      break;
    default:
      return SECTION_NONE;
    }
  if (g_ascii_strcasecmp (title, "meta") == 0)
    return SECTION_META;
  if (g_ascii_strcasecmp (title, "projects") == 0)
    return SECTION_PROJECTS;
  if (g_ascii_strcasecmp (title, "votes") == 0)
    return SECTION_VOTES;
  return SECTION_NONE;
}

static const char *
section_name (Section section)
{
  switch (section)
    {
    case SECTION_META:
      return "META";
    case SECTION_PROJECTS:
      return "PROJECTS";
    case SECTION_VOTES:
      return "VOTES";
    case SECTION_NONE:
    default:
      return "";
    }
}

/* Ignores surplus empty fields (a trailing `;`) and refuses other ones. */
static gboolean
check_row_length (const Reader  *reader,
                  guint          n_columns,
                  GError       **error)
{
  for (guint i = n_columns; i < reader->n_fields; i++)
    {
      if (reader->fields[i][0] != '\0')
        {
          g_set_error (error, PB_PABULIB_ERROR, PB_PABULIB_ERROR_TOO_MANY_FIELDS,
                       _("Line %u: %u fields, but the header has %u columns"),
                       reader->row_line, reader->n_fields, n_columns);
          return FALSE;
        }
    }
  return TRUE;
}

static const char *
field_at (const Reader *reader,
          int           index)
{
  if (index < 0 || (guint) index >= reader->n_fields)
    return NULL;
  return reader->fields[index];
}

/* A header's column layout: where the known columns are and which extra
 * column each other header position fills. */
typedef struct {
  guint  n_columns;
  int    known[4];
  int   *extra_of;     /* per header position: extra column index, or -1 */
} Header;

static gboolean
read_header (const Reader       *reader,
             const char *const  *known_names,
             guint               n_known,
             Header             *header,
             GError            **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  header->n_columns = reader->n_fields;
  /* A trailing `;` on the header line adds no column. */
  while (header->n_columns > 0 && reader->fields[header->n_columns - 1][0] == '\0')
    header->n_columns--;
  for (guint k = 0; k < G_N_ELEMENTS (header->known); k++)
    header->known[k] = -1;
  header->extra_of = g_new (int, MAX (header->n_columns, 1));

  for (guint i = 0; i < header->n_columns; i++)
    {
      const char *name = reader->fields[i];

      header->extra_of[i] = -1;
      if (!g_hash_table_add (seen, (gpointer) name))
        {
          g_set_error (error, PB_PABULIB_ERROR, PB_PABULIB_ERROR_DUPLICATE_COLUMN,
                       _("Line %u: the column “%s” is named twice"), reader->row_line, name);
          return FALSE;
        }
      for (guint k = 0; k < n_known; k++)
        if (strcmp (name, known_names[k]) == 0)
          header->known[k] = (int) i;
    }
  return TRUE;
}

typedef struct {
  PbElection *election;
  Reader      reader;
  Section     section;
  gboolean    expect_header;
  gboolean    seen[4];
  Header      header;
  const char *budget_text;
  guint       budget_line;
  gboolean    has_vote_type;
  GArray     *ballot_projects;
  GArray     *ballot_points;
  /* When every project id is a plain number below numeric_limit, the
   * index of project n + 1 is numeric_ids[n] (0 for none): a vote's items
   * are then found without hashing. */
  guint32    *numeric_ids;
  guint32     numeric_limit;
  /* Otherwise an open-addressing table of (hash, index + 1) pairs: no
   * function pointers and one string comparison per hit. */
  guint32    *id_table;
  guint32     id_mask;
  /* Per extra VOTES column, the last interned values by a hash of their
   * text: columns such as age or district repeat a few values thousands
   * of times, and interning each through the election's hash table costs
   * more than reading the row. */
  const char **extra_cache;   /* n_voter_columns × EXTRA_CACHE_SIZE */
  gsize       *extra_cache_length;
} Parser;

#define EXTRA_CACHE_SIZE 256

static void
parser_clear (Parser *parser)
{
  g_free (parser->reader.fields);
  g_free (parser->reader.quoted);
  g_free (parser->header.extra_of);
  g_clear_pointer (&parser->ballot_projects, g_array_unref);
  g_clear_pointer (&parser->ballot_points, g_array_unref);
  g_clear_pointer (&parser->numeric_ids, g_free);
  g_clear_pointer (&parser->id_table, g_free);
  g_clear_pointer (&parser->extra_cache, g_free);
  g_clear_pointer (&parser->extra_cache_length, g_free);
  g_clear_pointer (&parser->election, pb_election_free);
}

#define NUMERIC_ID_LIMIT (1u << 20)

/* The value of @id when it is a number written without leading zeros and
 * below NUMERIC_ID_LIMIT, else -1. */
static gint64
numeric_id (const char *id)
{
  guint64 value = 0;
  const char *c = id;

  if (*c < '0' || *c > '9' || (*c == '0' && c[1] != '\0'))
    return -1;
  for (; *c >= '0' && *c <= '9'; c++)
    {
      value = value * 10 + (guint64) (*c - '0');
      if (value >= NUMERIC_ID_LIMIT)
        return -1;
    }
  return *c == '\0' ? (gint64) value : -1;
}

static guint32
hash_id (const char *id)
{
  guint32 h = 2166136261u;

  for (const char *c = id; *c != '\0'; c++)
    h = (h ^ (guint8) *c) * 16777619u;
  return h;
}

static void
build_id_tables (Parser *parser)
{
  const PbElection *election = parser->election;
  gboolean numeric = election->n_projects > 0;
  gint64 max = -1;
  guint32 size = 16;

  g_clear_pointer (&parser->numeric_ids, g_free);
  g_clear_pointer (&parser->id_table, g_free);
  for (guint p = 0; p < election->n_projects && numeric; p++)
    {
      gint64 value = numeric_id (election->projects[p].id);

      numeric = value >= 0;
      max = MAX (max, value);
    }
  if (numeric)
    {
      parser->numeric_limit = (guint32) max + 1;
      parser->numeric_ids = g_new0 (guint32, parser->numeric_limit);
      for (guint p = 0; p < election->n_projects; p++)
        parser->numeric_ids[numeric_id (election->projects[p].id)] = p + 1;
      return;
    }

  while (size < 4 * election->n_projects)
    size *= 2;
  parser->id_mask = size - 1;
  parser->id_table = g_new0 (guint32, 2 * (gsize) size);
  for (guint p = 0; p < election->n_projects; p++)
    {
      guint32 h = hash_id (election->projects[p].id);
      guint32 slot = h & parser->id_mask;

      while (parser->id_table[2 * slot + 1] != 0)
        slot = (slot + 1) & parser->id_mask;
      parser->id_table[2 * slot] = h;
      parser->id_table[2 * slot + 1] = p + 1;
    }
}

static int
lookup_project (Parser     *parser,
                const char *id)
{
  if (parser->numeric_ids != NULL)
    {
      gint64 value = numeric_id (id);

      /* Every project id is numeric: a text that is not cannot match. */
      if (value < 0 || value >= parser->numeric_limit)
        return -1;
      return (int) parser->numeric_ids[value] - 1;
    }
  if (parser->id_table != NULL)
    {
      guint32 h = hash_id (id);

      for (guint32 slot = h & parser->id_mask; parser->id_table[2 * slot + 1] != 0;
           slot = (slot + 1) & parser->id_mask)
        {
          guint32 p = parser->id_table[2 * slot + 1] - 1;

          if (parser->id_table[2 * slot] == h && strcmp (parser->election->projects[p].id, id) == 0)
            return (int) p;
        }
      return -1;
    }
  return pb_election_lookup_project (parser->election, id);
}

static const char *const project_known[] = { "project_id", "cost", "name", "category" };
static const char *const vote_known[] = { "voter_id", "vote", "points" };

enum { PROJECT_ID, PROJECT_COST, PROJECT_NAME, PROJECT_CATEGORY };
enum { VOTE_VOTER_ID, VOTE_VOTE, VOTE_POINTS };

static gboolean
start_section (Parser   *parser,
               Section   section,
               GError  **error)
{
  const Reader *reader = &parser->reader;

  if (parser->seen[section])
    {
      g_set_error (error, PB_PABULIB_ERROR, PB_PABULIB_ERROR_DUPLICATE_SECTION,
                   _("Line %u: the section %s appears a second time"),
                   reader->row_line, section_name (section));
      return FALSE;
    }
  /* The format fixes the order META, PROJECTS, VOTES: ballots can only be
   * read once the projects and the vote type are known. */
  if (section < parser->section || (section > SECTION_META && !parser->seen[section - 1]))
    {
      g_set_error (error, PB_PABULIB_ERROR, PB_PABULIB_ERROR_SECTION_ORDER,
                   _("Line %u: the section %s is out of order (expected META, PROJECTS, VOTES)"),
                   reader->row_line, section_name (section));
      return FALSE;
    }
  if (section == SECTION_VOTES && !parser->has_vote_type)
    {
      g_set_error (error, PB_PABULIB_ERROR, PB_PABULIB_ERROR_MISSING_META,
                   _("Line %u: the META section gives no vote_type"), reader->row_line);
      return FALSE;
    }
  parser->seen[section] = TRUE;
  parser->section = section;
  parser->expect_header = TRUE;
  return TRUE;
}

static gboolean
read_meta_row (Parser  *parser,
               GError **error)
{
  const Reader *reader = &parser->reader;
  const char *key = reader->fields[0];
  const char *value = reader->n_fields > 1 ? reader->fields[1] : "";

  if (!check_row_length (reader, 2, error))
    return FALSE;

  if (strcmp (key, "vote_type") == 0)
    {
      if (!pb_vote_type_from_string (value, &parser->election->vote_type))
        {
          g_set_error (error, PB_PABULIB_ERROR, PB_PABULIB_ERROR_UNKNOWN_VOTE_TYPE,
                       _("Line %u: “%s” is not a vote type (approval, choose-1, cumulative, ordinal or scoring)"),
                       reader->row_line, value);
          return FALSE;
        }
      parser->has_vote_type = TRUE;
    }
  pb_election_set_meta (parser->election, key, value);
  if (strcmp (key, "budget") == 0)
    {
      parser->budget_text = pb_election_get_meta (parser->election, "budget");
      parser->budget_line = reader->row_line;
    }
  return TRUE;
}

static gboolean
read_projects_header (Parser  *parser,
                      GError **error)
{
  Header *header = &parser->header;

  if (!read_header (&parser->reader, project_known, G_N_ELEMENTS (project_known), header, error))
    return FALSE;
  if (header->known[PROJECT_ID] < 0 || header->known[PROJECT_COST] < 0)
    {
      g_set_error (error, PB_PABULIB_ERROR, PB_PABULIB_ERROR_MISSING_COLUMN,
                   _("Line %u: the PROJECTS header needs the columns project_id and cost"),
                   parser->reader.row_line);
      return FALSE;
    }
  for (guint i = 0; i < header->n_columns; i++)
    {
      gboolean known = FALSE;

      for (guint k = 0; k < G_N_ELEMENTS (project_known); k++)
        known |= header->known[k] == (int) i;
      if (!known)
        header->extra_of[i] = (int) pb_election_add_project_column (parser->election,
                                                                    parser->reader.fields[i]);
    }
  return TRUE;
}

static gboolean
read_project_row (Parser  *parser,
                  GError **error)
{
  const Reader *reader = &parser->reader;
  const Header *header = &parser->header;
  const char *id = field_at (reader, header->known[PROJECT_ID]);
  const char *cost_text = field_at (reader, header->known[PROJECT_COST]);
  const char *name = field_at (reader, header->known[PROJECT_NAME]);
  const char *category = field_at (reader, header->known[PROJECT_CATEGORY]);
  g_autoptr(GError) local_error = NULL;
  mpq_t cost;
  int index;

  if (!check_row_length (reader, header->n_columns, error))
    return FALSE;
  if (is_missing (id))
    {
      g_set_error (error, PB_PABULIB_ERROR, PB_PABULIB_ERROR_BAD_PROJECT,
                   _("Line %u: the project has no id"), reader->row_line);
      return FALSE;
    }
  if (is_missing (cost_text))
    {
      g_set_error (error, PB_PABULIB_ERROR, PB_PABULIB_ERROR_BAD_NUMBER,
                   _("Line %u: project “%s” has no cost"), reader->row_line, id);
      return FALSE;
    }

  mpq_init (cost);
  if (!pb_decimal_parse_nonneg (cost_text, cost, &local_error))
    {
      mpq_clear (cost);
      g_set_error (error, PB_PABULIB_ERROR, PB_PABULIB_ERROR_BAD_NUMBER,
                   _("Line %u: the cost “%s” of project “%s” is not a valid amount: %s"),
                   reader->row_line, cost_text, id, local_error->message);
      return FALSE;
    }
  index = pb_election_add_project (parser->election, id, cost,
                                   is_missing (name) ? NULL : name,
                                   is_missing (category) ? NULL : category,
                                   &local_error);
  mpq_clear (cost);
  if (index < 0)
    {
      g_set_error (error, PB_PABULIB_ERROR, PB_PABULIB_ERROR_BAD_PROJECT,
                   _("Line %u: %s"), reader->row_line, local_error->message);
      return FALSE;
    }
  for (guint i = 0; i < header->n_columns && i < reader->n_fields; i++)
    if (header->extra_of[i] >= 0 && reader->fields[i][0] != '\0')
      pb_election_set_project_extra (parser->election, index, header->extra_of[i], reader->fields[i]);
  return TRUE;
}

static gboolean
read_votes_header (Parser  *parser,
                   GError **error)
{
  Header *header = &parser->header;
  gboolean has_points = pb_vote_type_has_points (parser->election->vote_type);

  g_clear_pointer (&header->extra_of, g_free);
  if (!read_header (&parser->reader, vote_known, G_N_ELEMENTS (vote_known), header, error))
    return FALSE;
  if (header->known[VOTE_VOTER_ID] < 0 || header->known[VOTE_VOTE] < 0)
    {
      g_set_error (error, PB_PABULIB_ERROR, PB_PABULIB_ERROR_MISSING_COLUMN,
                   _("Line %u: the VOTES header needs the columns voter_id and vote"),
                   parser->reader.row_line);
      return FALSE;
    }
  if (has_points && header->known[VOTE_POINTS] < 0)
    {
      g_set_error (error, PB_PABULIB_ERROR, PB_PABULIB_ERROR_MISSING_COLUMN,
                   _("Line %u: a %s vote needs a points column"),
                   parser->reader.row_line, pb_vote_type_to_string (parser->election->vote_type));
      return FALSE;
    }
  /* Points on a ballot type without points are kept as an extra column. */
  if (!has_points)
    header->known[VOTE_POINTS] = -1;
  build_id_tables (parser);

  for (guint i = 0; i < header->n_columns; i++)
    {
      if ((int) i != header->known[VOTE_VOTER_ID] && (int) i != header->known[VOTE_VOTE]
          && (int) i != header->known[VOTE_POINTS])
        header->extra_of[i] = (int) pb_election_add_voter_column (parser->election,
                                                                  parser->reader.fields[i]);
    }
  g_clear_pointer (&parser->extra_cache, g_free);
  g_clear_pointer (&parser->extra_cache_length, g_free);
  parser->extra_cache = g_new0 (const char *,
                                (gsize) MAX (parser->election->n_voter_columns, 1) * EXTRA_CACHE_SIZE);
  parser->extra_cache_length = g_new0 (gsize, (gsize) MAX (parser->election->n_voter_columns, 1) * EXTRA_CACHE_SIZE);
  return TRUE;
}

/* Parses a whole number of points: an optional sign and digits. */
static gboolean
parse_points (const char *text,
              gint64     *out)
{
  const char *c = text;
  gboolean negative = FALSE;
  guint64 value = 0;

  if (*c == '+' || *c == '-')
    negative = *c++ == '-';
  if (*c == '\0')
    return FALSE;
  for (; *c != '\0'; c++)
    {
      if (*c < '0' || *c > '9' || value > G_MAXINT64 / 10 - 10)
        return FALSE;
      value = value * 10 + (guint64) (*c - '0');
    }
  *out = negative ? -(gint64) value : (gint64) value;
  return TRUE;
}

/* Splits a comma list in place, calling back on each trimmed item. */
static guint
split_commas (char   *text,
              char ***items_out,
              GPtrArray *scratch)
{
  char *item = text;

  char *c;

  g_ptr_array_set_size (scratch, 0);
  while ((c = strchr (item, ',')) != NULL)
    {
      g_ptr_array_add (scratch, trim (item, c));
      item = c + 1;
    }
  g_ptr_array_add (scratch, trim (item, item + strlen (item)));
  *items_out = (char **) scratch->pdata;
  return scratch->len;
}

static gboolean
read_vote_row (Parser     *parser,
               GPtrArray  *scratch,
               GError    **error)
{
  Reader *reader = &parser->reader;
  const Header *header = &parser->header;
  PbElection *election = parser->election;
  const char *voter_id = field_at (reader, header->known[VOTE_VOTER_ID]);
  char *vote = (char *) field_at (reader, header->known[VOTE_VOTE]);
  char *points = (char *) field_at (reader, header->known[VOTE_POINTS]);
  gboolean has_points = header->known[VOTE_POINTS] >= 0;
  guint n = 0;
  int ballot;
  g_autoptr(GError) local_error = NULL;

  if (!check_row_length (reader, header->n_columns, error))
    return FALSE;

  g_array_set_size (parser->ballot_points, 0);
  /* A missing vote, or a cumulative vote with missing points, is an empty
   * ballot: it still counts in the number of voters. */
  if (!is_missing (vote) && !(has_points && is_missing (points)))
    {
      char **items;

      char *item = vote;
      gboolean last = FALSE;

      /* Each item is looked up as it is cut out: no list of items. */
      while (!last)
        {
          char *comma = strchr (item, ',');
          char *text;
          int project;

          last = comma == NULL;
          text = trim (item, last ? item + strlen (item) : comma);
          project = lookup_project (parser, text);
          if (project < 0)
            {
              g_set_error (error, PB_PABULIB_ERROR, PB_PABULIB_ERROR_UNKNOWN_PROJECT,
                           _("Line %u: the vote names project “%s”, which is not in PROJECTS"),
                           reader->row_line, text);
              return FALSE;
            }
          if (n == parser->ballot_projects->len)
            g_array_set_size (parser->ballot_projects, MAX (16, 2 * n));
          g_array_index (parser->ballot_projects, guint32, n++) = (guint32) project;
          if (!last)
            item = comma + 1;
        }
      if (has_points)
        {
          guint n_points = split_commas (points, &items, scratch);

          if (n_points != n)
            {
              g_set_error (error, PB_PABULIB_ERROR, PB_PABULIB_ERROR_POINTS_MISMATCH,
                           _("Line %u: the vote lists %u projects but %u point values"),
                           reader->row_line, n, n_points);
              return FALSE;
            }
          for (guint i = 0; i < n; i++)
            {
              gint64 value;

              if (!parse_points (items[i], &value))
                {
                  g_set_error (error, PB_PABULIB_ERROR, PB_PABULIB_ERROR_BAD_NUMBER,
                               _("Line %u: “%s” is not a whole number of points"),
                               reader->row_line, items[i]);
                  return FALSE;
                }
              g_array_append_val (parser->ballot_points, value);
            }
        }
    }

  if (election->n_ballots >= G_MAXUINT32 - 1
      || (guint64) election->n_choices + n >= G_MAXUINT32)
    {
      g_set_error (error, PB_PABULIB_ERROR, PB_PABULIB_ERROR_TOO_LARGE,
                   _("Line %u: the file holds more votes than Pb can count"), reader->row_line);
      return FALSE;
    }
  ballot = pb_election_add_ballot (election, voter_id != NULL ? voter_id : "",
                                   (const guint32 *) parser->ballot_projects->data,
                                   has_points ? (const gint64 *) parser->ballot_points->data : NULL,
                                   n, &local_error);
  g_assert (ballot >= 0);
  for (guint i = 0; i < header->n_columns && i < reader->n_fields; i++)
    if (header->extra_of[i] >= 0 && reader->fields[i][0] != '\0')
      {
        const char *value = reader->fields[i];
        guint column = (guint) header->extra_of[i];
        const char **slot;
        gsize length = strlen (value);
        /* A cheap hash: the length and the first and last two bytes. */
        guint32 h = (guint32) length * 2654435761u ^ (guint8) value[0] * 40503u
                    ^ (guint8) value[length - 1] * 9973u ^ (length > 1 ? (guint8) value[1] * 131u : 0)
                    ^ (length > 2 ? (guint8) value[length - 2] * 31u : 0);

        guint index = column * EXTRA_CACHE_SIZE + ((h ^ (h >> 13)) % EXTRA_CACHE_SIZE);

        slot = &parser->extra_cache[index];
        if (*slot != NULL && parser->extra_cache_length[index] == length && memcmp (*slot, value, length) == 0)
          {
            /* The same interned string the election already holds. */
            election->voter_extra[(gsize) ballot * election->n_voter_columns + column] = *slot;
            continue;
          }
        pb_election_set_voter_extra (election, ballot, column, value);
        *slot = pb_election_voter_extra (election, ballot, column);
        parser->extra_cache_length[index] = length;
      }
  return TRUE;
}

static guint
line_of_offset (const char *data,
                gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    line += data[i] == '\n';
  return line;
}

/* g_utf8_validate_len() on the lines that are not plain ASCII: most of a
 * file is, and eight bytes are checked at once.  A line break is ASCII and
 * never inside a character, so lines are validated one by one. */
static gboolean
validate_utf8 (const char  *buffer,
               gsize        length,
               const char **invalid)
{
  const char *p = buffer;
  const char *end = buffer + length;

  while (p < end)
    {
      const char *line_end;
      guint64 word;

      if (end - p >= 8)
        {
          memcpy (&word, p, 8);
          /* No byte with its high bit set, and no zero byte. */
          if (((word | ((word - G_GUINT64_CONSTANT (0x0101010101010101)) & ~word))
               & G_GUINT64_CONSTANT (0x8080808080808080)) == 0)
            {
              p += 8;
              continue;
            }
        }
      line_end = memchr (p, '\n', end - p);
      line_end = line_end != NULL ? line_end + 1 : end;
      if (!g_utf8_validate_len (p, line_end - p, invalid))
        return FALSE;
      p = line_end;
    }
  return TRUE;
}

/* Parses @buffer (NUL-terminated at @length, modified in place). */
static PbElection *
parse_buffer (char    *buffer,
              gsize    length,
              GError **error)
{
  Parser parser = { 0 };
  g_autoptr(GPtrArray) scratch = g_ptr_array_new ();
  const char *invalid = NULL;
  char *data = buffer;
  mpq_t budget;
  g_autoptr(GError) local_error = NULL;
  PbElection *result;

  if (!validate_utf8 (buffer, length, &invalid))
    {
      g_set_error (error, PB_PABULIB_ERROR, PB_PABULIB_ERROR_ENCODING,
                   _("Line %u: the text is not valid UTF-8"),
                   line_of_offset (buffer, invalid - buffer));
      return NULL;
    }
  /* A UTF-8 byte order mark is allowed, and skipped. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    data += 3;

  parser.election = pb_election_new (PB_VOTE_TYPE_APPROVAL);
  parser.reader.pos = data;
  parser.reader.end = buffer + length;
  parser.reader.line = 1;
  parser.ballot_projects = g_array_new (FALSE, FALSE, sizeof (guint32));
  parser.ballot_points = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (;;)
    {
      int status = read_row (&parser.reader, error);
      Section title;
      gboolean ok = TRUE;

      if (status < 0)
        goto fail;
      if (status == 0)
        break;
      if (row_is_blank (&parser.reader))
        continue;

      title = section_of_title (&parser.reader);
      if (title != SECTION_NONE)
        {
          if (!start_section (&parser, title, error))
            goto fail;
          continue;
        }

      switch (parser.section)
        {
        case SECTION_NONE:
          g_set_error (error, PB_PABULIB_ERROR, PB_PABULIB_ERROR_NO_SECTION,
                       _("Line %u: data before the first section title (META)"),
                       parser.reader.row_line);
          ok = FALSE;
          break;
        case SECTION_META:
          if (parser.expect_header)
            parser.expect_header = FALSE;
          else
            ok = read_meta_row (&parser, error);
          break;
        case SECTION_PROJECTS:
          if (parser.expect_header)
            {
              parser.expect_header = FALSE;
              ok = read_projects_header (&parser, error);
            }
          else
            ok = read_project_row (&parser, error);
          break;
        case SECTION_VOTES:
          if (parser.expect_header)
            {
              parser.expect_header = FALSE;
              ok = read_votes_header (&parser, error);
            }
          else
            ok = read_vote_row (&parser, scratch, error);
          break;
        default:
          g_assert_not_reached ();
        }
      if (!ok)
        goto fail;
    }

  for (Section s = SECTION_META; s <= SECTION_VOTES; s++)
    {
      if (!parser.seen[s])
        {
          g_set_error (error, PB_PABULIB_ERROR, PB_PABULIB_ERROR_MISSING_SECTION,
                       _("Line %u: the file ends without a %s section"),
                       parser.reader.line, section_name (s));
          goto fail;
        }
      if (s != SECTION_META && parser.section == s && parser.expect_header)
        {
          g_set_error (error, PB_PABULIB_ERROR, PB_PABULIB_ERROR_MISSING_COLUMN,
                       _("Line %u: the %s section has no header line"),
                       parser.reader.line, section_name (s));
          goto fail;
        }
    }
  if (parser.budget_text == NULL)
    {
      g_set_error (error, PB_PABULIB_ERROR, PB_PABULIB_ERROR_MISSING_META,
                   _("Line %u: the META section gives no budget"), parser.reader.line);
      goto fail;
    }
  mpq_init (budget);
  if (!pb_decimal_parse_nonneg (parser.budget_text, budget, &local_error))
    {
      mpq_clear (budget);
      g_set_error (error, PB_PABULIB_ERROR, PB_PABULIB_ERROR_BAD_NUMBER,
                   _("Line %u: the budget “%s” is not a valid amount: %s"),
                   parser.budget_line, parser.budget_text, local_error->message);
      goto fail;
    }
  pb_election_set_budget (parser.election, budget);
  mpq_clear (budget);

  result = g_steal_pointer (&parser.election);
  parser_clear (&parser);
  return result;

fail:
  parser_clear (&parser);
  return NULL;
}

PbElection *
pb_pabulib_read_data (const char  *data,
                      gsize        length,
                      GError     **error)
{
  g_autofree char *buffer = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  buffer = g_malloc (length + 1);
  if (length > 0)
    memcpy (buffer, data, length);
  buffer[length] = '\0';
  return parse_buffer (buffer, length, error);
}

PbElection *
pb_pabulib_read_file (const char  *path,
                      GError     **error)
{
  g_autofree char *buffer = NULL;
  gsize length = 0;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &buffer, &length, &local_error))
    {
      g_set_error (error, PB_PABULIB_ERROR, PB_PABULIB_ERROR_IO,
                   _("Cannot read “%s”: %s"), path, local_error->message);
      return NULL;
    }
  return parse_buffer (buffer, length, error);
}

/* ---- Writing ------------------------------------------------------------ */

static void
append_field (GString    *out,
              const char *value,
              gboolean    first)
{
  gboolean quote = FALSE;

  if (!first)
    g_string_append_c (out, ';');
  if (value == NULL)
    return;
  /* The reader trims unquoted white space and takes an unquoted section
   * name at the start of a row as a title: quote whatever would change. */
  quote = strpbrk (value, ";\"\n\r") != NULL
          || (value[0] != '\0' && (is_space (value[0]) || value[0] == '\n'
                                   || is_space (value[strlen (value) - 1])));
  if (first && (g_ascii_strcasecmp (value, "meta") == 0
                || g_ascii_strcasecmp (value, "projects") == 0
                || g_ascii_strcasecmp (value, "votes") == 0))
    quote = TRUE;
  if (!quote)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *c = value; *c != '\0'; c++)
    {
      if (*c == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *c);
    }
  g_string_append_c (out, '"');
}

/* Whether the META text @text still says @value exactly. */
static gboolean
meta_amount_matches (const char  *text,
                     const mpq_t  value)
{
  mpq_t parsed;
  gboolean same;

  if (text == NULL)
    return FALSE;
  mpq_init (parsed);
  same = pb_decimal_parse_nonneg (text, parsed, NULL) && mpq_equal (parsed, value);
  mpq_clear (parsed);
  return same;
}

GString *
pb_pabulib_write (const PbElection *election)
{
  GString *out;
  g_autofree char *budget = NULL;
  const char *vote_type;
  gboolean has_name = FALSE;
  gboolean has_category = FALSE;
  gboolean has_points;
  gboolean wrote_budget = FALSE;
  gboolean wrote_vote_type = FALSE;
  g_autoptr(GString) list = g_string_new (NULL);

  g_return_val_if_fail (election != NULL, NULL);

  out = g_string_sized_new (4096 + (gsize) election->n_ballots * 32);
  budget = pb_decimal_to_string (election->budget);
  vote_type = pb_vote_type_to_string (election->vote_type);
  has_points = pb_vote_type_has_points (election->vote_type);

  g_string_append (out, "META\nkey;value\n");
  for (guint i = 0; i < election->n_meta; i++)
    {
      const char *key = election->meta_keys[i];
      const char *value = election->meta_values[i];

      if (strcmp (key, "budget") == 0)
        {
          if (!meta_amount_matches (value, election->budget))
            value = budget;
          wrote_budget = TRUE;
        }
      else if (strcmp (key, "vote_type") == 0)
        {
          value = vote_type;
          wrote_vote_type = TRUE;
        }
      append_field (out, key, TRUE);
      append_field (out, value, FALSE);
      g_string_append_c (out, '\n');
    }
  if (!wrote_budget)
    g_string_append_printf (out, "budget;%s\n", budget);
  if (!wrote_vote_type)
    g_string_append_printf (out, "vote_type;%s\n", vote_type);

  for (guint i = 0; i < election->n_projects; i++)
    {
      has_name |= election->projects[i].name != NULL;
      has_category |= election->projects[i].category != NULL;
    }
  g_string_append (out, "PROJECTS\nproject_id;cost");
  if (has_name)
    g_string_append (out, ";name");
  if (has_category)
    g_string_append (out, ";category");
  for (guint c = 0; c < election->n_project_columns; c++)
    append_field (out, election->project_columns[c], FALSE);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < election->n_projects; i++)
    {
      const PbElectionProject *project = &election->projects[i];
      g_autofree char *cost = pb_decimal_to_string (project->cost);

      append_field (out, project->id, TRUE);
      append_field (out, cost, FALSE);
      if (has_name)
        append_field (out, project->name, FALSE);
      if (has_category)
        append_field (out, project->category, FALSE);
      for (guint c = 0; c < election->n_project_columns; c++)
        append_field (out, project->extra[c], FALSE);
      g_string_append_c (out, '\n');
    }

  g_string_append (out, "VOTES\nvoter_id;vote");
  if (has_points)
    g_string_append (out, ";points");
  for (guint c = 0; c < election->n_voter_columns; c++)
    append_field (out, election->voter_columns[c], FALSE);
  g_string_append_c (out, '\n');
  for (guint b = 0; b < election->n_ballots; b++)
    {
      const PbElectionBallot *ballot = &election->ballots[b];
      const guint32 *projects = pb_election_ballot_projects (election, b);
      const gint64 *points = pb_election_ballot_points (election, b);

      append_field (out, ballot->voter_id, TRUE);
      g_string_truncate (list, 0);
      for (guint i = 0; i < ballot->n_choices; i++)
        {
          if (i > 0)
            g_string_append_c (list, ',');
          g_string_append (list, election->projects[projects[i]].id);
        }
      append_field (out, list->str, FALSE);
      if (has_points)
        {
          g_string_append_c (out, ';');
          for (guint i = 0; i < ballot->n_choices; i++)
            g_string_append_printf (out, i > 0 ? ",%" G_GINT64_FORMAT : "%" G_GINT64_FORMAT,
                                    points[i]);
        }
      for (guint c = 0; c < election->n_voter_columns; c++)
        append_field (out, pb_election_voter_extra (election, b, c), FALSE);
      g_string_append_c (out, '\n');
    }
  return out;
}

gboolean
pb_pabulib_write_file (const PbElection  *election,
                       const char        *path,
                       GError           **error)
{
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (election != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  text = pb_pabulib_write (election);
  if (!g_file_set_contents (path, text->str, text->len, &local_error))
    {
      g_set_error (error, PB_PABULIB_ERROR, PB_PABULIB_ERROR_IO,
                   _("Cannot write “%s”: %s"), path, local_error->message);
      return FALSE;
    }
  return TRUE;
}
