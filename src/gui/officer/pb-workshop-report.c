/* pb-workshop-report.c: the workshop's summary as an A4 PDF.
 *
 * The summary is a list of paragraphs with a style, copied from the
 * workshop on the main thread; drawing it with Pango and cairo needs no
 * store, so it runs in a worker thread.
 */

#include "pb-config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "pb-assessment.h"
#include "pb-file.h"
#include "pb-workshop-report.h"

#define PAGE_WIDTH 595.0    /* A4 in points */
#define PAGE_HEIGHT 842.0
#define MARGIN 56.0

typedef enum {
  STYLE_TITLE,
  STYLE_HEADING,
  STYLE_BODY,
  STYLE_ITEM,
  STYLE_NOTE,
} Style;

typedef struct {
  Style  style;
  char  *text;
} Paragraph;

struct _PbWorkshopReport {
  char       *title;
  GPtrArray  *paragraphs;
};

static void
paragraph_free (gpointer data)
{
  Paragraph *p = data;

  g_free (p->text);
  g_free (p);
}

static void
add (PbWorkshopReport *report,
     Style             style,
     const char       *format,
     ...) G_GNUC_PRINTF (3, 4);

static void
add (PbWorkshopReport *report,
     Style             style,
     const char       *format,
     ...)
{
  Paragraph *p = g_new0 (Paragraph, 1);
  va_list args;

  va_start (args, format);
  p->style = style;
  p->text = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (report->paragraphs, p);
}

static const char *
name_of (PbWorkshop *workshop,
         gint64      participant_id)
{
  const PbWorkshopParticipant *p = pb_workshop_lookup_participant (workshop, participant_id);

  return p ? p->name : "";
}

/* "Ana, Ben and Cleo" for pair @pair. */
static char *
pair_members (PbWorkshop *workshop,
              guint       pair)
{
  GPtrArray *participants = pb_workshop_get_participants (workshop);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < participants->len; i++)
    {
      PbWorkshopParticipant *p = participants->pdata[i];

      if (p->pair == pair)
        g_ptr_array_add (names, p->name);
    }
  if (names->len == 0)
    return g_strdup ("");
  if (names->len == 1)
    return g_strdup (names->pdata[0]);
  {
    g_autoptr(GString) s = g_string_new (NULL);

    for (guint i = 0; i + 1 < names->len; i++)
      g_string_append_printf (s, "%s%s", i ? ", " : "", (char *) names->pdata[i]);
    /* Translators: the last two names of a list: "Ana, Ben and Cleo". */
    return g_strdup_printf (_("%s and %s"), s->str, (char *) names->pdata[names->len - 1]);
  }
}

/* The verdicts of @project against the shared criteria, one note each:
 * "Within our means: Partly meets — the lights cost more". */
static void
add_verdicts (PbWorkshopReport *report,
              PbStore          *store,
              PbProject        *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) verdicts = pb_store_get_project_assessments (store, project, &error);

  if (verdicts == NULL)
    {
      g_warning ("Could not read the assessments of a project: %s", error->message);
      return;
    }
  for (guint i = 0; i < verdicts->len; i++)
    {
      const PbProjectAssessment *a = g_ptr_array_index (verdicts, i);
      const char *label = pb_assessment_get_label (a->verdict);

      if (a->verdict == PB_ASSESSMENT_NONE)
        continue;
      if (a->note != NULL && a->note[0] != '\0')
        /* Translators: a project's verdict against a shared criterion in
         * the workshop summary: "Within our means: Partly meets — the
         * lights cost more". */
        add (report, STYLE_NOTE, _("%s: %s — %s"), a->criterion_text, label, a->note);
      else
        /* Translators: "Within our means: Meets". */
        add (report, STYLE_NOTE, _("%s: %s"), a->criterion_text, label);
    }
}

PbWorkshopReport *
pb_workshop_report_new (PbWorkshop *workshop,
                        PbStore    *store)
{
  PbWorkshopReport *report = g_new0 (PbWorkshopReport, 1);
  PbProcess *process = pb_store_lookup_process (store, pb_workshop_get_process_id (workshop));
  GPtrArray *criteria = pb_workshop_get_criteria (workshop);
  GPtrArray *ideas = pb_workshop_get_ideas (workshop);
  GPtrArray *groups = pb_workshop_get_groups (workshop);
  GPtrArray *promotions = pb_workshop_get_promotions (workshop);
  g_autoptr(GPtrArray) tally = pb_workshop_dup_tally (workshop);
  guint n_pairs = pb_workshop_get_n_pairs (workshop);

  report->paragraphs = g_ptr_array_new_with_free_func (paragraph_free);
  report->title = g_strdup_printf (_("Workshop of “%s”"), process ? pb_process_get_name (process) : "");
  add (report, STYLE_TITLE, "%s", report->title);
  add (report, STYLE_NOTE, _("Stage reached: %s · %u participants · %u dots each"),
       pb_workshop_stage_get_label (pb_workshop_get_stage (workshop)), pb_workshop_get_participants (workshop)->len,
       pb_workshop_get_dots_per_participant (workshop));

  if (criteria->len > 0)
    {
      add (report, STYLE_HEADING, "%s", _("Shared criteria"));
      for (guint i = 0; i < criteria->len; i++)
        add (report, STYLE_ITEM, "• %s", ((PbWorkshopCriterion *) criteria->pdata[i])->text);
    }

  add (report, STYLE_HEADING, "%s", _("Own: the ideas written"));
  if (ideas->len == 0)
    add (report, STYLE_BODY, "%s", _("No ideas were written."));
  for (guint i = 0; i < ideas->len; i++)
    {
      PbWorkshopIdea *idea = ideas->pdata[i];

      if (idea->origin == PB_WORKSHOP_ORIGIN_OWN)
        add (report, STYLE_ITEM, "• %s — %s", idea->text, name_of (workshop, idea->participant_id));
    }

  if (n_pairs > 0)
    {
      add (report, STYLE_HEADING, "%s", _("Pair: what each pair picked"));
      for (guint pair = 1; pair <= n_pairs; pair++)
        {
          g_autofree char *members = pair_members (workshop, pair);

          add (report, STYLE_BODY, _("Pair %u: %s"), pair, members);
          for (guint i = 0; i < ideas->len; i++)
            {
              PbWorkshopIdea *idea = ideas->pdata[i];

              if (idea->pair != pair)
                continue;
              if (idea->origin == PB_WORKSHOP_ORIGIN_MERGE)
                add (report, STYLE_ITEM, _("✓ %s (merged from two ideas)"), idea->text);
              else if (idea->picked)
                add (report, STYLE_ITEM, _("✓ %s"), idea->text);
              else if (idea->merged_into != 0)
                add (report, STYLE_ITEM, _("→ %s (went into a merged idea)"), idea->text);
              else
                add (report, STYLE_ITEM, _("– %s (not picked)"), idea->text);
            }
        }
    }

  if (tally->len > 0)
    {
      add (report, STYLE_HEADING, "%s", _("Rank: dots per idea"));
      for (guint i = 0; i < tally->len; i++)
        {
          PbWorkshopIdea *idea = tally->pdata[i];

          add (report, STYLE_ITEM, ngettext ("%u. %s — %u dot", "%u. %s — %u dots", idea->dots), i + 1, idea->text,
               idea->dots);
        }
    }

  if (groups->len > 0)
    {
      add (report, STYLE_HEADING, "%s", _("Arrange: the groups"));
      for (guint g = 0; g < groups->len; g++)
        {
          PbWorkshopGroup *group = groups->pdata[g];

          add (report, STYLE_BODY, ngettext ("%s (%u dot)", "%s (%u dots)", group->dots), group->name, group->dots);
          for (guint i = 0; i < ideas->len; i++)
            if (((PbWorkshopIdea *) ideas->pdata[i])->group_id == group->id)
              add (report, STYLE_ITEM, "• %s", ((PbWorkshopIdea *) ideas->pdata[i])->text);
        }
    }

  add (report, STYLE_HEADING, "%s", _("Projects proposed"));
  if (promotions->len == 0)
    add (report, STYLE_BODY, "%s", _("No idea has been made a project yet."));
  for (guint i = 0; i < promotions->len; i++)
    {
      PbWorkshopPromotion *promotion = promotions->pdata[i];
      PbProject *project = process && promotion->project_id ? pb_process_lookup_project (process,
                                                                                         promotion->project_id)
                                                            : NULL;

      if (project != NULL)
        add (report, STYLE_ITEM, "%s  %s", pb_project_get_code (project), pb_project_get_title (project));
      else
        add (report, STYLE_ITEM, "%s", _("(a project since deleted)"));
      add (report, STYLE_NOTE, "%s", promotion->origin);
      if (project != NULL && criteria->len > 0)
        add_verdicts (report, store, project);
    }
  return report;
}

void
pb_workshop_report_free (PbWorkshopReport *report)
{
  if (report == NULL)
    return;
  g_free (report->title);
  g_ptr_array_unref (report->paragraphs);
  g_free (report);
}

char *
pb_workshop_report_to_text (PbWorkshopReport *report)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < report->paragraphs->len; i++)
    g_string_append_printf (text, "%s\n", ((Paragraph *) report->paragraphs->pdata[i])->text);
  return g_string_free (text, FALSE);
}

/* ---- Drawing ------------------------------------------------------------ */

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
pb_workshop_report_render_pdf (PbWorkshopReport  *report,
                               guint             *out_n_pages,
                               GError           **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double y = MARGIN;
  guint n_pages = 1;

  surface = cairo_pdf_surface_create_for_stream (append_cb, bytes, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, report->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Pb " PB_VERSION);
  cr = cairo_create (surface);

  for (guint i = 0; i < report->paragraphs->len; i++)
    {
      Paragraph *p = report->paragraphs->pdata[i];
      g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
      PangoFontDescription *font;
      const char *font_name = "Sans 10";
      double indent = 0, space_before = 2, grey = 0.0;
      int width, height;

      switch (p->style)
        {
        case STYLE_TITLE: font_name = "Sans Bold 18"; break;
        case STYLE_HEADING: font_name = "Sans Bold 13"; space_before = 14; break;
        case STYLE_BODY: font_name = "Sans Bold 10"; space_before = 6; break;
        case STYLE_ITEM: indent = 14; break;
        case STYLE_NOTE: font_name = "Sans Italic 9"; indent = 14; grey = 0.35; break;
        default: break;
        }
      pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72.0);
      font = pango_font_description_from_string (font_name);
      pango_layout_set_font_description (layout, font);
      pango_font_description_free (font);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_width (layout, (int) ((PAGE_WIDTH - 2 * MARGIN - indent) * PANGO_SCALE));
      pango_layout_set_text (layout, p->text, -1);
      pango_layout_get_size (layout, &width, &height);

      if (i > 0 && y + space_before + (double) height / PANGO_SCALE > PAGE_HEIGHT - MARGIN)
        {
          cairo_show_page (cr);
          n_pages++;
          y = MARGIN;
        }
      else if (i > 0)
        y += space_before;
      cairo_set_source_rgb (cr, grey, grey, grey);
      cairo_move_to (cr, MARGIN + indent, y);
      pango_cairo_show_layout (cr, layout);
      y += (double) height / PANGO_SCALE;
    }
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The summary could not be drawn: %s."),
                   cairo_status_to_string (status));
      return NULL;
    }
  if (out_n_pages != NULL)
    *out_n_pages = n_pages;
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/* ---- Writing ------------------------------------------------------------ */

static void
render_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *bytes = pb_workshop_report_render_pdf (task_data, NULL, &error);

  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

static void
replaced_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!pb_file_replace_atomically_finish (G_FILE (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
rendered_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  GFile *file = g_object_get_data (G_OBJECT (task), "file");

  bytes = g_task_propagate_pointer (G_TASK (result), &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  pb_file_replace_atomically_async (file, bytes, g_task_get_cancellable (task), replaced_cb,
                                    g_object_ref (task));
}

void
pb_workshop_report_write_async (PbWorkshop          *workshop,
                                PbStore             *store,
                                GFile               *file,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GTask) render = g_task_new (NULL, cancellable, rendered_cb, g_object_ref (task));

  g_task_set_source_tag (task, pb_workshop_report_write_async);
  g_object_set_data_full (G_OBJECT (task), "file", g_object_ref (file), g_object_unref);
  g_task_set_task_data (render, pb_workshop_report_new (workshop, store), (GDestroyNotify) pb_workshop_report_free);
  g_task_run_in_thread (render, render_thread);
}

gboolean
pb_workshop_report_write_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
