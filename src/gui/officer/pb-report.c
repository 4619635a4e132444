/* pb-report.c: the printable results report (see pb-report.h).
 *
 * The document is laid out twice: once to count its pages, then for real,
 * so that every footer can say "Page N of M".  Text is set with Pango at
 * 72 dpi so that font sizes are points on the page.
 */

#include "pb-config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "pb-decimal.h"
#include "pb-integrity.h"
#include "pb-officer-util.h"
#include "pb-report.h"
#include "pb-results-chart.h"
#include "pb-results-explain.h"

#define PAGE_WIDTH    595.0   /* A4 in points */
#define PAGE_HEIGHT   842.0
#define MARGIN         56.0
#define FOOTER_HEIGHT  28.0
#define CONTENT_WIDTH (PAGE_WIDTH - 2 * MARGIN)
#define CONTENT_BOTTOM (PAGE_HEIGHT - MARGIN - FOOTER_HEIGHT)
#define CHART_SCALE    0.75

typedef struct {
  char  *name;
  guint  count;
} KioskCount;

struct _PbReport
{
  char              *name;
  char              *description;
  char              *currency;
  char              *budget;
  char              *phase;
  char              *ballot_format;
  char              *rule_label;
  const char        *rule_explanation;
  char              *tie_break;
  char              *seed;
  gboolean           uses_lot;
  char              *generated;
  const PbElection  *election;
  const PbOutcome   *outcome;
  guint              n_ballots;
  guint              n_by_method[3];
  GArray            *kiosks;          /* KioskCount, most ballots first */
  PbVerifySummary   *verify;
};

/* ---- Words -------------------------------------------------------------- */

const char *
pb_report_explain_rule (PbRule rule)
{
  switch (rule)
    {
    case PB_RULE_GREEDY_COST:
      return _("Projects are taken in order of how many residents chose them, most first. Each one is funded if it "
               "still fits in the money that is left; one that does not fit is skipped and the next one is tried.");
    case PB_RULE_GREEDY_CARD:
      return _("Projects are taken in order of supporters for each unit of money they cost, best value first. Each one "
               "is funded if it still fits in the money that is left; one that does not fit is skipped.");
    case PB_RULE_GREEDY_POINTS:
      return _("Projects are taken in order of points received for each unit of money they cost, best value first. "
               "Each one is funded if it still fits in the money that is left; one that does not fit is skipped.");
    case PB_RULE_MES_COST:
    case PB_RULE_MES_CARD:
    case PB_RULE_MES_POINTS:
      return _("The budget is shared out equally among all voters (the Method of Equal Shares). A project is funded "
               "when its supporters can pay for it together from their shares; at each step the project that is "
               "cheapest for its supporters is funded first. No group of voters can take more than its fair share.");
    case PB_RULE_MES_COST_ADD1:
      return _("The budget is shared out equally among all voters (the Method of Equal Shares). A project is funded "
               "when its supporters can pay for it together from their shares; at each step the project that is "
               "cheapest for its supporters is funded first. When money is left over, every voter’s share is raised "
               "a little and the count is run again, until the budget is used as fully as it can be.");
    case PB_RULE_MES_COST_ADD1_GREEDY:
      return _("The budget is shared out equally among all voters (the Method of Equal Shares), with every voter’s "
               "share raised until the budget is used as fully as it can be. Whatever is still left then goes to the "
               "projects with the most supporters that fit.");
    case PB_RULE_PHRAGMEN:
      return _("The cost of each funded project is spread over its supporters as evenly as possible. At each step the "
               "project whose supporters would carry the lightest load is funded, while the money lasts.");
    case PB_RULE_UTILITARIAN_MAX:
      return _("Of all the sets of projects that fit in the budget, the one chosen by the most residents in total is "
               "funded.");
    default:
      return "";
    }
}

/* ---- Gathering ---------------------------------------------------------- */

static int
kiosk_count_compare (gconstpointer a,
                     gconstpointer b)
{
  const KioskCount *ka = a, *kb = b;

  if (ka->count != kb->count)
    return ka->count > kb->count ? -1 : 1;
  return g_strcmp0 (ka->name, kb->name);
}

static void
kiosk_count_clear (gpointer data)
{
  g_free (((KioskCount *) data)->name);
}

PbReport *
pb_report_new (PbStore              *store,
               PbProcess            *process,
               const PbElection     *election,
               const PbOutcome      *outcome,
               const PbCountOptions *options)
{
  PbReport *self;
  g_autoptr(GHashTable) by_kiosk = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GHashTableIter iter;
  gpointer key, value;
  PbRule rule = options->rule;

  g_return_val_if_fail (PB_IS_STORE (store), NULL);
  g_return_val_if_fail (PB_IS_PROCESS (process), NULL);
  g_return_val_if_fail (election != NULL, NULL);

  self = g_new0 (PbReport, 1);
  self->name = g_strdup (pb_process_get_name (process));
  self->description = g_strdup (pb_process_get_description (process));
  self->currency = g_strdup (pb_process_get_currency (process));
  self->budget = pb_process_format_money (process, pb_process_get_budget (process));
  self->phase = g_strdup (pb_phase_get_label (pb_process_get_phase (process)));
  self->ballot_format = g_strdup (pb_ballot_format_get_label (pb_process_get_ballot_format (process)));
  self->rule_label = g_strdup (pb_counting_rule_get_label (pb_rule_to_string (rule)));
  self->rule_explanation = pb_report_explain_rule (rule);
  self->tie_break = g_strdup (pb_tie_break_chain_get_label (pb_process_get_tie_break (process)));
  self->uses_lot = options->tie_break != PB_TIE_BREAK_LEXICO;
  self->seed = g_strdup_printf ("%" G_GUINT64_FORMAT, options->seed);
  /* Translators: a date and time in the report's header; see g_date_time_format(). */
  self->generated = g_date_time_format (now, _("%e %B %Y, %H:%M"));
  self->election = election;
  self->outcome = outcome;

  self->n_ballots = pb_store_count_ballots (store, process, PB_BALLOT_METHOD_ANY);
  self->n_by_method[0] = pb_store_count_ballots (store, process, PB_BALLOT_METHOD_KIOSK);
  self->n_by_method[1] = pb_store_count_ballots (store, process, PB_BALLOT_METHOD_PAPER);
  self->n_by_method[2] = pb_store_count_ballots (store, process, PB_BALLOT_METHOD_IMPORT);

  self->kiosks = g_array_new (FALSE, FALSE, sizeof (KioskCount));
  g_array_set_clear_func (self->kiosks, kiosk_count_clear);
  by_kiosk = pb_store_count_ballots_by_kiosk (store, process);
  g_hash_table_iter_init (&iter, by_kiosk);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      KioskCount k = { g_strdup (key), GPOINTER_TO_UINT (value) };
      g_array_append_val (self->kiosks, k);
    }
  g_array_sort (self->kiosks, kiosk_count_compare);

  self->verify = pb_verify_summary_compute (store);
  return self;
}

void
pb_report_free (PbReport *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->description);
  g_free (self->currency);
  g_free (self->budget);
  g_free (self->phase);
  g_free (self->ballot_format);
  g_free (self->rule_label);
  g_free (self->tie_break);
  g_free (self->seed);
  g_free (self->generated);
  g_clear_pointer (&self->kiosks, g_array_unref);
  pb_verify_summary_free (self->verify);
  g_free (self);
}

/* ---- Layout ------------------------------------------------------------- */

typedef struct {
  cairo_t   *cr;
  PbReport  *report;
  double     y;
  guint      page;       /* 1-based */
  guint      n_pages;    /* 0 while counting */
} Doc;

static PangoLayout *
doc_layout (Doc        *doc,
            const char *text,
            const char *font,
            double      width,
            gboolean    markup)
{
  PangoLayout *layout = pango_cairo_create_layout (doc->cr);
  PangoFontDescription *description = pango_font_description_from_string (font);

  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72.0);
  pango_layout_context_changed (layout);
  pango_layout_set_font_description (layout, description);
  pango_font_description_free (description);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (markup)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static void
set_grey (cairo_t *cr,
          double   level)
{
  cairo_set_source_rgb (cr, level, level, level);
}

static void
doc_footer (Doc *doc)
{
  g_autofree char *page = NULL;
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) right = NULL;
  double y = PAGE_HEIGHT - MARGIN;

  if (doc->n_pages > 0)
    /* Translators: the page number in the report's footer. */
    page = g_strdup_printf (_("Page %u of %u"), doc->page, doc->n_pages);
  else
    page = g_strdup_printf (_("Page %u of %u"), doc->page, doc->page);

  cairo_save (doc->cr);
  set_grey (doc->cr, 0.75);
  cairo_set_line_width (doc->cr, 0.5);
  cairo_move_to (doc->cr, MARGIN, y - 14);
  cairo_line_to (doc->cr, PAGE_WIDTH - MARGIN, y - 14);
  cairo_stroke (doc->cr);
  set_grey (doc->cr, 0.35);
  left = doc_layout (doc, doc->report->name, "Sans 8", CONTENT_WIDTH * 0.7, FALSE);
  pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);
  cairo_move_to (doc->cr, MARGIN, y - 8);
  pango_cairo_show_layout (doc->cr, left);
  right = doc_layout (doc, page, "Sans 8", CONTENT_WIDTH * 0.3, FALSE);
  pango_layout_set_alignment (right, PANGO_ALIGN_RIGHT);
  cairo_move_to (doc->cr, MARGIN + CONTENT_WIDTH * 0.7, y - 8);
  pango_cairo_show_layout (doc->cr, right);
  cairo_restore (doc->cr);
}

static void
doc_new_page (Doc *doc)
{
  doc_footer (doc);
  cairo_show_page (doc->cr);
  doc->page++;
  doc->y = MARGIN;
}

/* Starts a new page unless @height fits below the cursor. */
static void
doc_need (Doc    *doc,
          double  height)
{
  if (doc->y + height > CONTENT_BOTTOM && doc->y > MARGIN)
    doc_new_page (doc);
}

static void
doc_paragraph (Doc        *doc,
               const char *text,
               const char *font,
               double      grey,
               double      space_after)
{
  g_autoptr(PangoLayout) layout = doc_layout (doc, text, font, CONTENT_WIDTH, FALSE);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  /* Line by line, so that a long description may cross a page. */
  set_grey (doc->cr, grey);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      int baseline = pango_layout_iter_get_baseline (iter);
      int top;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      top = logical.y;
      doc_need (doc, (double) logical.height / PANGO_SCALE);
      set_grey (doc->cr, grey);
      cairo_move_to (doc->cr, MARGIN, doc->y + (double) (baseline - top) / PANGO_SCALE);
      pango_cairo_show_layout_line (doc->cr, line);
      doc->y += (double) logical.height / PANGO_SCALE;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  doc->y += space_after;
}

static void
doc_heading (Doc        *doc,
             const char *text)
{
  g_autoptr(PangoLayout) layout = doc_layout (doc, text, "Sans Bold 13", CONTENT_WIDTH, FALSE);
  double h = layout_height (layout);

  /* Keep a heading with at least a few lines of what follows. */
  doc_need (doc, h + 60);
  doc->y += 6;
  set_grey (doc->cr, 0.1);
  cairo_move_to (doc->cr, MARGIN, doc->y);
  pango_cairo_show_layout (doc->cr, layout);
  doc->y += h + 6;
}

/* A table row: cells of the given widths (fractions of the content width),
 * right-aligned where @right says so.  Returns the row height. */
static double
doc_row_height (Doc          *doc,
                const char  **cells,
                const double *widths,
                guint         n,
                const char   *font)
{
  double height = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PangoLayout) layout = doc_layout (doc, cells[i], font, widths[i] * CONTENT_WIDTH - 8, FALSE);
      height = MAX (height, layout_height (layout));
    }
  return height + 8;
}

static void
doc_row (Doc            *doc,
         const char    **cells,
         const double   *widths,
         const gboolean *right,
         guint           n,
         const char     *font,
         double          shade)
{
  double height = doc_row_height (doc, cells, widths, n, font);
  double x = MARGIN;

  if (shade < 1.0)
    {
      set_grey (doc->cr, shade);
      cairo_rectangle (doc->cr, MARGIN, doc->y, CONTENT_WIDTH, height);
      cairo_fill (doc->cr);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PangoLayout) layout = doc_layout (doc, cells[i], font, widths[i] * CONTENT_WIDTH - 8, FALSE);

      if (right != NULL && right[i])
        pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      set_grey (doc->cr, 0.1);
      cairo_move_to (doc->cr, x + 4, doc->y + 4);
      pango_cairo_show_layout (doc->cr, layout);
      x += widths[i] * CONTENT_WIDTH;
    }
  doc->y += height;
}

/* Label/value pairs, two columns. */
static void
doc_facts (Doc         *doc,
           const char **pairs,
           guint        n_pairs)
{
  static const double widths[] = { 0.3, 0.7 };

  for (guint i = 0; i < n_pairs; i++)
    {
      const char *cells[] = { pairs[2 * i], pairs[2 * i + 1] };

      doc_need (doc, doc_row_height (doc, cells, widths, 2, "Sans 10"));
      doc_row (doc, cells, widths, NULL, 2, "Sans 10", i % 2 == 0 ? 0.95 : 1.0);
    }
  doc->y += 8;
}

/* ---- The chart ---------------------------------------------------------- */

/* The chart the Results page shows (pb-results-chart.h), at three
 * quarters of its screen size.  When it is taller than a page it runs on
 * over the next pages: it is drawn whole each time and clipped to the rows
 * that fit, cut between rows.  REPORT_CHART_ROW and REPORT_CHART_PAD must
 * match ROW_NATURAL and PAD in pb-results-chart.c; were they to differ, a
 * bar could be cut across a page break, nothing worse. */
#define REPORT_CHART_ROW 28.0
#define REPORT_CHART_PAD  8.0

static void
doc_chart_slice (Doc    *doc,
                 double  natural,
                 double  offset,
                 double  slice)
{
  cairo_save (doc->cr);
  cairo_translate (doc->cr, MARGIN, doc->y);
  cairo_scale (doc->cr, CHART_SCALE, CHART_SCALE);
  cairo_rectangle (doc->cr, 0, 0, CONTENT_WIDTH / CHART_SCALE, slice);
  cairo_clip (doc->cr);
  cairo_translate (doc->cr, 0, -offset);
  pb_results_chart_draw (doc->cr, CONTENT_WIDTH / CHART_SCALE, natural,
                         doc->report->election, doc->report->outcome, FALSE);
  cairo_restore (doc->cr);
  doc->y += slice * CHART_SCALE;
}

static void
doc_chart (Doc *doc)
{
  const PbOutcome *outcome = doc->report->outcome;
  double natural, header, offset;
  guint left;

  if (outcome == NULL || outcome->n_projects == 0)
    return;
  /* pb_results_chart_draw() keeps a margin of PAD all round and gives
   * each row ROW_NATURAL once the height allows: draw it that tall, so
   * that rows fall on known lines. */
  natural = pb_results_chart_get_natural_height (doc->report->election) + REPORT_CHART_PAD;
  header = natural - outcome->n_projects * REPORT_CHART_ROW - REPORT_CHART_PAD;

  doc_heading (doc, _("Supporters per Project"));
  /* The header and a few rows together, or the whole chart if it is short. */
  doc_need (doc, MIN (natural, header + 4 * REPORT_CHART_ROW) * CHART_SCALE);

  offset = 0;
  left = outcome->n_projects;
  while (left > 0)
    {
      double space = (CONTENT_BOTTOM - doc->y) / CHART_SCALE;
      double top = offset == 0 ? header : 0;
      guint rows = (guint) MAX ((space - top) / REPORT_CHART_ROW, 1);
      double slice;

      rows = MIN (rows, left);
      slice = top + rows * REPORT_CHART_ROW + (rows == left ? REPORT_CHART_PAD : 0);
      doc_chart_slice (doc, natural, offset, slice);
      offset += slice;
      left -= rows;
      if (left > 0)
        doc_new_page (doc);
    }
  doc->y += 12;
}

/* ---- Sections ----------------------------------------------------------- */

static void
doc_results_table (Doc *doc)
{
  static const double widths[] = { 0.27, 0.16, 0.13, 0.10, 0.34 };
  static const gboolean right[] = { FALSE, TRUE, TRUE, FALSE, FALSE };
  const char *header[] = { _("Project"), _("Cost"), _("Supporters"), _("Funded"), _("Why") };
  PbReport *r = doc->report;
  const PbOutcome *outcome = r->outcome;
  g_autofree guint *order = NULL;
  guint n = 0;
  g_autofree char *total = NULL;
  g_autofree char *total_money = NULL;
  g_autofree char *summary = NULL;
  g_autofree gboolean *listed = NULL;

  if (outcome == NULL)
    return;

  /* Funded projects in the order they were picked, then the others. */
  order = g_new (guint, outcome->n_projects);
  listed = g_new0 (gboolean, outcome->n_projects);
  for (guint i = 0; i < outcome->n_selected; i++)
    {
      order[n++] = outcome->selected[i];
      listed[outcome->selected[i]] = TRUE;
    }
  for (guint i = 0; i < outcome->n_projects; i++)
    if (!listed[i])
      order[n++] = i;

  total = pb_decimal_to_string (outcome->total_cost);
  total_money = pb_money_format (total, r->currency);
  /* Translators: "3 projects funded, costing £41,000 of £50,000." */
  summary = g_strdup_printf (ngettext ("%u project funded, costing %s of %s.",
                                       "%u projects funded, costing %s of %s.", outcome->n_selected),
                             outcome->n_selected, total_money, r->budget);
  doc_paragraph (doc, summary, "Sans 10", 0.1, 8);

  doc_need (doc, 60);
  doc_row (doc, header, widths, right, G_N_ELEMENTS (header), "Sans Bold 8.5", 0.88);
  for (guint k = 0; k < n; k++)
    {
      guint i = order[k];
      const PbElectionProject *project = &r->election->projects[i];
      const PbProjectOutcome *p = &outcome->projects[i];
      g_autofree char *cost = pb_decimal_to_string (project->cost);
      g_autofree char *cost_money = pb_money_format (cost, r->currency);
      g_autofree char *supporters = g_strdup_printf ("%'u", p->supporters);
      g_autofree char *why = pb_results_explain_project (r->election, outcome, i, r->currency);
      const char *title = project->name != NULL && project->name[0] != '\0' ? project->name : project->id;
      const char *cells[] = { title, cost_money, supporters, p->funded ? _("Yes") : _("No"), why };
      double height = doc_row_height (doc, cells, widths, G_N_ELEMENTS (cells), "Sans 9");

      if (doc->y + height > CONTENT_BOTTOM)
        {
          doc_new_page (doc);
          doc_row (doc, header, widths, right, G_N_ELEMENTS (header), "Sans Bold 8.5", 0.88);
        }
      doc_row (doc, cells, widths, right, G_N_ELEMENTS (cells), "Sans 9", k % 2 == 1 ? 0.96 : 1.0);
    }
  doc->y += 12;
}

static void
doc_ballots (Doc *doc)
{
  PbReport *r = doc->report;
  g_autofree char *total = g_strdup_printf ("%'u", r->n_ballots);
  g_autofree char *kiosk = g_strdup_printf ("%'u", r->n_by_method[0]);
  g_autofree char *paper = g_strdup_printf ("%'u", r->n_by_method[1]);
  g_autofree char *import = g_strdup_printf ("%'u", r->n_by_method[2]);
  const char *methods[] = {
    _("All ballots"), total,
    _("Kiosk"), kiosk,
    _("Paper (entered twice)"), paper,
    _("Imported"), import,
  };

  doc_heading (doc, _("Ballots"));
  doc_facts (doc, methods, G_N_ELEMENTS (methods) / 2);

  if (r->kiosks->len > 0)
    {
      g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);

      doc_paragraph (doc, _("By kiosk (each kiosk signs its ballots with its own key; the name is the start of that key):"),
                     "Sans 9", 0.35, 4);
      for (guint i = 0; i < r->kiosks->len; i++)
        {
          KioskCount *k = &g_array_index (r->kiosks, KioskCount, i);

          /* Translators: a kiosk named by the start of its key. */
          g_ptr_array_add (pairs, g_strdup_printf (_("Kiosk %.8s"), k->name));
          g_ptr_array_add (pairs, g_strdup_printf ("%'u", k->count));
        }
      doc_facts (doc, (const char **) pairs->pdata, pairs->len / 2);
    }
}

static void
doc_verification (Doc *doc)
{
  PbReport *r = doc->report;
  g_autofree char *status = pb_verify_summary_describe (r->verify);

  doc_heading (doc, _("Verification"));
  doc_paragraph (doc, status, r->verify->intact ? "Sans Bold 10" : "Sans Bold 10", r->verify->intact ? 0.1 : 0.0, 4);
  doc_paragraph (doc, _("Every change to this process, every ballot and every export is an entry in an audit log in which "
                        "each entry carries the hash of the one before. The hash of the last entry below changes if "
                        "anything before it is changed; “pbtool verify” recomputes it."),
                 "Sans 9", 0.35, 4);
  if (r->verify->head_hash != NULL)
    {
      /* Translators: followed by a long hexadecimal hash. */
      g_autofree char *head = g_strdup_printf (_("Head of the audit chain: %s"), r->verify->head_hash);
      doc_paragraph (doc, head, "Monospace 8", 0.1, 4);
    }
  doc_paragraph (doc, _("Anyone can re-count this result from the Pabulib export with “pbtool tally”."),
                 "Sans 9", 0.35, 4);
}

static void
doc_render (Doc *doc)
{
  PbReport *r = doc->report;
  g_autofree char *subtitle = NULL;
  g_autofree char *ballots = g_strdup_printf ("%'u", r->n_ballots);
  const char *facts[] = {
    _("Budget"), r->budget,
    _("Phase"), r->phase,
    _("Ballot"), r->ballot_format,
    _("Ballots cast"), ballots,
    _("Counting rule"), r->rule_label,
    _("Tie-breaking"), r->tie_break,
    _("Seed of the lot"), r->uses_lot ? r->seed : _("Not used: no lot in this chain"),
  };

  doc->y = MARGIN;
  doc->page = 1;

  doc_paragraph (doc, r->name, "Sans Bold 22", 0.05, 2);
  /* Translators: under the report's title; %s is a date and time. */
  subtitle = g_strdup_printf (_("Participatory budgeting results · report made on %s"), r->generated);
  doc_paragraph (doc, subtitle, "Sans 9", 0.4, 12);
  if (r->description != NULL && r->description[0] != '\0')
    doc_paragraph (doc, r->description, "Sans 10", 0.15, 12);

  doc_facts (doc, facts, G_N_ELEMENTS (facts) / 2);

  doc_heading (doc, _("How the Projects Were Chosen"));
  doc_paragraph (doc, r->rule_explanation, "Sans 10", 0.1, 6);
  doc_paragraph (doc, r->uses_lot
                      ? _("When two projects are tied, the tie-breaking chain above decides; if they are still tied, a lot "
                          "is drawn from the recorded seed, so that anyone re-counting gets the same result.")
                      : _("When two projects are tied, the tie-breaking chain above decides."),
                 "Sans 10", 0.1, 6);

  doc_heading (doc, _("Results"));
  if (r->outcome == NULL)
    doc_paragraph (doc, _("These ballots cannot be counted with this rule."), "Sans 10", 0.1, 8);
  doc_results_table (doc);
  doc_chart (doc);
  doc_ballots (doc);
  doc_verification (doc);
  doc_footer (doc);
  cairo_show_page (doc->cr);
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  if (closure != NULL)
    g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
pb_report_render_pdf (PbReport  *report,
                      guint     *out_n_pages,
                      GError   **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  Doc doc = { 0 };
  guint n_pages;

  g_return_val_if_fail (report != NULL, NULL);

  /* First pass: count the pages, writing nowhere. */
  surface = cairo_pdf_surface_create_for_stream (append_cb, NULL, PAGE_WIDTH, PAGE_HEIGHT);
  doc.cr = cairo_create (surface);
  doc.report = report;
  doc_render (&doc);
  n_pages = doc.page;
  cairo_destroy (doc.cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  surface = cairo_pdf_surface_create_for_stream (append_cb, bytes, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, report->name);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Pb " PB_VERSION);
  doc.cr = cairo_create (surface);
  doc.n_pages = n_pages;
  doc_render (&doc);
  cairo_destroy (doc.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The report could not be drawn: %s."), cairo_status_to_string (status));
      return NULL;
    }
  if (out_n_pages != NULL)
    *out_n_pages = n_pages;
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}
