/* pb-results-chart.c: the results chart (see pb-results-chart.h). */

#include "pb-config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "pb-decimal.h"
#include "pb-results-chart.h"

#define PAD           8.0
#define ROW_NATURAL   28.0
#define ROW_MIN       3.0
#define ROW_LABELS    13.0   /* below this height rows carry no labels */
#define STRIP_HEIGHT  14.0
#define MARK_WIDTH    18.0

typedef struct {
  double r, g, b;
} Rgb;

typedef struct {
  Rgb    text;
  Rgb    funded;
  Rgb    outline;
  double dim_alpha;       /* secondary text */
  double unfunded_fill;   /* alpha of the unfunded bars' fill */
  double line_width;
} Palette;

static void
palette_init (Palette  *palette,
              gboolean  dark,
              gboolean  high_contrast)
{
  /* GNOME's blue 3 on light, blue 2 on dark: both keep a contrast of more
   * than 3:1 against the window background; text is the usual fg colour. */
  if (dark)
    {
      palette->text = (Rgb) { 1.0, 1.0, 1.0 };
      palette->funded = high_contrast ? (Rgb) { 1.0, 1.0, 1.0 } : (Rgb) { 0x78 / 255.0, 0xae / 255.0, 0xed / 255.0 };
    }
  else
    {
      palette->text = (Rgb) { 0.0, 0.0, 0.0 };
      palette->funded = high_contrast ? (Rgb) { 0.0, 0.0, 0.0 } : (Rgb) { 0x1c / 255.0, 0x71 / 255.0, 0xd8 / 255.0 };
    }
  palette->outline = palette->text;
  palette->dim_alpha = high_contrast ? 1.0 : (dark ? 0.7 : 0.65);
  palette->unfunded_fill = high_contrast ? 0.0 : 0.08;
  palette->line_width = high_contrast ? 2.0 : 1.0;
}

static void
set_rgb (cairo_t   *cr,
         const Rgb *rgb,
         double     alpha)
{
  cairo_set_source_rgba (cr, rgb->r, rgb->g, rgb->b, alpha);
}

static PangoLayout *
make_layout (cairo_t    *cr,
             double      size,
             gboolean    bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans");

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  return layout;
}

/* Draws @text at (@x, @y centre) in at most @max_width, ellipsized. */
static double
draw_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y_centre,
           double       max_width,
           gboolean     align_right)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_ellipsize (layout, max_width > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_width (layout, max_width > 0 ? (int) (max_width * PANGO_SCALE) : -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, align_right ? x - w : x, y_centre - h / 2.0);
  pango_cairo_show_layout (cr, layout);
  return w;
}

static double
text_width (PangoLayout *layout,
            const char  *text)
{
  int w, h;

  pango_layout_set_width (layout, -1);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  return w;
}

static void
draw_check (cairo_t *cr,
            double   x,
            double   y_centre,
            double   size)
{
  cairo_save (cr);
  cairo_set_line_width (cr, MAX (1.5, size / 6.0));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_move_to (cr, x, y_centre);
  cairo_line_to (cr, x + size * 0.35, y_centre + size * 0.35);
  cairo_line_to (cr, x + size, y_centre - size * 0.4);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_bar (cairo_t       *cr,
          const Palette *palette,
          double         x,
          double         y,
          double         w,
          double         h,
          gboolean       funded)
{
  if (w < 1.0)
    w = 1.0;
  cairo_rectangle (cr, x, y, w, h);
  if (funded)
    {
      set_rgb (cr, &palette->funded, 1.0);
      cairo_fill (cr);
    }
  else
    {
      double inset = palette->line_width / 2.0;

      set_rgb (cr, &palette->text, palette->unfunded_fill);
      cairo_fill (cr);
      cairo_rectangle (cr, x + inset, y + inset, MAX (w - 2 * inset, 0.5), MAX (h - 2 * inset, 0.5));
      cairo_set_line_width (cr, palette->line_width);
      set_rgb (cr, &palette->outline, palette->dim_alpha);
      cairo_stroke (cr);
    }
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const PbOutcome *outcome = user_data;
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;
  const PbProjectOutcome *px = &outcome->projects[x];
  const PbProjectOutcome *py = &outcome->projects[y];

  if (px->supporters != py->supporters)
    return px->supporters > py->supporters ? -1 : 1;
  return (x > y) - (x < y);
}

static char *
format_money (const mpq_t       value,
              const PbElection *election)
{
  g_autofree char *text = pb_decimal_to_string (value);

  return pb_money_format (text, pb_election_get_meta (election, "currency"));
}

/* @n with the locale's thousands separators, like the money. */
static char *
format_count (guint n)
{
  g_autofree char *digits = g_strdup_printf ("%u", n);

  return pb_decimal_format (digits);
}

static double
header_height (void)
{
  /* Legend, then the budget sentence and its strip. */
  return 18.0 + 6.0 + 18.0 + 4.0 + STRIP_HEIGHT + 12.0;
}

double
pb_results_chart_get_natural_height (const PbElection *election)
{
  g_return_val_if_fail (election != NULL, 0);

  return header_height () + MAX (election->n_projects, 1) * ROW_NATURAL + PAD;
}

static void
draw_header (cairo_t          *cr,
             const Palette    *palette,
             double            width,
             const PbElection *election,
             const PbOutcome  *outcome)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, 12.0, FALSE);
  g_autofree char *used = format_money (outcome->total_cost, election);
  g_autofree char *budget = format_money (outcome->budget, election);
  g_autofree char *sentence = NULL;
  double share = 0, x, y;
  double budget_d = mpq_get_d (outcome->budget);

  if (budget_d > 0)
    share = CLAMP (mpq_get_d (outcome->total_cost) / budget_d, 0.0, 1.0);

  /* The legend. */
  y = 9.0;
  x = 0;
  draw_bar (cr, palette, x, y - 6, 18, 12, TRUE);
  set_rgb (cr, &palette->text, 1.0);
  x += 24 + draw_text (cr, layout, _("Funded"), x + 24, y, -1, FALSE);
  x += 20;
  draw_bar (cr, palette, x, y - 6, 18, 12, FALSE);
  set_rgb (cr, &palette->text, 1.0);
  x += 24 + draw_text (cr, layout, _("Not funded"), x + 24, y, -1, FALSE);
  x += 20;
  set_rgb (cr, &palette->text, palette->dim_alpha);
  draw_text (cr, layout, _("Bar length: supporters"), x, y, MAX (width - x, 1), FALSE);

  /* The budget used. */
  y = 18.0 + 6.0 + 9.0;
  /* Translators: above the results chart: money used, the budget, and the
   * share used, e.g. "Budget used: £48,500 of £50,000 (97%)". */
  sentence = g_strdup_printf (_("Budget used: %s of %s (%.0f%%)"), used, budget, share * 100.0);
  set_rgb (cr, &palette->text, 1.0);
  draw_text (cr, layout, sentence, 0, y, width, FALSE);

  y = 18.0 + 6.0 + 18.0 + 4.0;
  cairo_rectangle (cr, 0, y, width * share, STRIP_HEIGHT);
  set_rgb (cr, &palette->funded, 1.0);
  cairo_fill (cr);
  cairo_rectangle (cr, palette->line_width / 2.0, y + palette->line_width / 2.0,
                   width - palette->line_width, STRIP_HEIGHT - palette->line_width);
  cairo_set_line_width (cr, palette->line_width);
  set_rgb (cr, &palette->outline, palette->dim_alpha);
  cairo_stroke (cr);
}

void
pb_results_chart_draw_full (cairo_t          *cr,
                            double            width,
                            double            height,
                            const PbElection *election,
                            const PbOutcome  *outcome,
                            gboolean          dark,
                            gboolean          high_contrast)
{
  g_autoptr(PangoLayout) name_layout = NULL;
  g_autoptr(PangoLayout) value_layout = NULL;
  g_autofree guint *order = NULL;
  Palette palette;
  guint n, max_supporters = 0;
  double row, top, name_width, value_width = 0, bar_x, bar_max, font_size;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (election != NULL);
  g_return_if_fail (outcome != NULL);
  g_return_if_fail (outcome->n_projects == election->n_projects);

  if (width <= 2 * PAD || height <= 2 * PAD)
    return;

  cairo_save (cr);
  palette_init (&palette, dark, high_contrast);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cairo_translate (cr, PAD, PAD);
  width -= 2 * PAD;
  height -= 2 * PAD;

  draw_header (cr, &palette, width, election, outcome);

  n = election->n_projects;
  top = header_height ();
  if (n == 0 || height <= top)
    {
      cairo_restore (cr);
      return;
    }

  row = MIN (ROW_NATURAL, (height - top) / n);
  row = MAX (row, ROW_MIN);
  font_size = CLAMP (row * 0.48, 7.0, 12.0);
  name_layout = make_layout (cr, font_size, FALSE);
  value_layout = make_layout (cr, font_size, TRUE);

  order = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    {
      order[i] = i;
      max_supporters = MAX (max_supporters, outcome->projects[i].supporters);
    }
  g_qsort_with_data (order, n, sizeof (guint), compare_rows, (gpointer) outcome);

  if (row >= ROW_LABELS)
    {
      g_autofree char *widest = format_count (max_supporters);

      value_width = text_width (value_layout, widest) + 6.0;
    }
  name_width = row >= ROW_LABELS ? MIN (width * 0.38, 280.0) : 0;
  bar_x = MARK_WIDTH + name_width + (name_width > 0 ? 8.0 : 0);
  bar_max = MAX (width - bar_x - value_width, 1.0);

  for (guint i = 0; i < n; i++)
    {
      guint p = order[i];
      const PbProjectOutcome *po = &outcome->projects[p];
      const PbElectionProject *project = &election->projects[p];
      double y = top + i * row;
      double y_centre = y + row / 2.0;
      double bar_h = MAX (row * 0.62, 1.0);
      double bar_w = max_supporters > 0 ? bar_max * po->supporters / max_supporters : 0;

      if (y + row > height + 0.5)
        break;

      if (po->funded && row >= ROW_LABELS)
        {
          set_rgb (cr, &palette.text, 1.0);
          draw_check (cr, 2.0, y_centre, MIN (row * 0.45, 12.0));
        }

      if (name_width > 0)
        {
          set_rgb (cr, &palette.text, po->funded ? 1.0 : palette.dim_alpha);
          draw_text (cr, name_layout, project->name != NULL ? project->name : project->id,
                     MARK_WIDTH, y_centre, name_width, FALSE);
        }

      draw_bar (cr, &palette, bar_x, y_centre - bar_h / 2.0, bar_w, bar_h, po->funded);

      if (value_width > 0)
        {
          g_autofree char *value = format_count (po->supporters);

          set_rgb (cr, &palette.text, 1.0);
          draw_text (cr, value_layout, value, bar_x + MAX (bar_w, 1.0) + 6.0, y_centre, -1, FALSE);
        }
    }

  cairo_restore (cr);
}

void
pb_results_chart_draw (cairo_t          *cr,
                       double            width,
                       double            height,
                       const PbElection *election,
                       const PbOutcome  *outcome,
                       gboolean          dark)
{
  pb_results_chart_draw_full (cr, width, height, election, outcome, dark, FALSE);
}
