/* pb-results-columns.c: the columns of the Results page's tables (see
 * pb-results-columns.h). */

#include "pb-config.h"

#include <glib/gi18n.h>

#include "pb-decimal.h"
#include "pb-results-columns.h"
#include "pb-results-row.h"

/* @n with the locale's thousands separators, like the money. */
static char *
format_count (guint n)
{
  g_autofree char *digits = g_strdup_printf ("%u", n);

  return pb_decimal_format (digits);
}

typedef enum {
  COLUMN_TITLE,
  COLUMN_COST,
  COLUMN_SUPPORTERS,
  COLUMN_RESULT,
  COLUMN_WHY,
  COLUMN_RULE_A,
  COLUMN_RULE_B,
  COLUMN_DIFFERENCE,
} Column;

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  switch (column)
    {
    case COLUMN_COST:
    case COLUMN_SUPPORTERS:
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
      break;
    case COLUMN_TITLE:
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_width_chars (GTK_LABEL (label), 12);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
      break;
    case COLUMN_WHY:
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_width_chars (GTK_LABEL (label), 24);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 70);
      break;
    case COLUMN_RESULT:
    case COLUMN_RULE_A:
    case COLUMN_RULE_B:
    case COLUMN_DIFFERENCE:
    default:
      break;
    }
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_item_set_child (item, label);
}

static void
set_funded_label (GtkLabel *label,
                  gboolean  funded)
{
  gtk_label_set_text (label, funded ? _("Funded") : _("Not funded"));
  if (funded)
    {
      gtk_widget_add_css_class (GTK_WIDGET (label), "success");
      gtk_widget_add_css_class (GTK_WIDGET (label), "heading");
      gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (label), "success");
      gtk_widget_remove_css_class (GTK_WIDGET (label), "heading");
      gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
    }
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  PbResultsRow *row = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (label), "accent");
  switch (column)
    {
    case COLUMN_TITLE:
      gtk_label_set_text (label, pb_results_row_get_title (row));
      break;
    case COLUMN_COST:
      gtk_label_set_text (label, pb_results_row_get_cost_text (row));
      break;
    case COLUMN_SUPPORTERS:
      text = format_count (pb_results_row_get_supporters (row));
      gtk_label_set_text (label, text);
      break;
    case COLUMN_RESULT:
    case COLUMN_RULE_A:
      set_funded_label (label, pb_results_row_get_funded (row));
      break;
    case COLUMN_RULE_B:
      set_funded_label (label, pb_results_row_get_other_funded (row));
      break;
    case COLUMN_WHY:
      gtk_label_set_text (label, pb_results_row_get_explanation (row));
      break;
    case COLUMN_DIFFERENCE:
      switch (pb_results_row_get_difference (row))
        {
        case PB_RESULTS_DIFFERENCE_ONLY_A:
          gtk_label_set_text (label, _("Only rule A"));
          break;
        case PB_RESULTS_DIFFERENCE_ONLY_B:
          gtk_label_set_text (label, _("Only rule B"));
          break;
        case PB_RESULTS_DIFFERENCE_BOTH:
          gtk_label_set_text (label, _("Both"));
          break;
        case PB_RESULTS_DIFFERENCE_NEITHER:
        default:
          gtk_label_set_text (label, _("Neither"));
          break;
        }
      if (pb_results_row_get_difference (row) == PB_RESULTS_DIFFERENCE_ONLY_A
          || pb_results_row_get_difference (row) == PB_RESULTS_DIFFERENCE_ONLY_B)
        {
          gtk_widget_add_css_class (GTK_WIDGET (label), "accent");
          gtk_widget_add_css_class (GTK_WIDGET (label), "heading");
          gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
        }
      else
        {
          gtk_widget_remove_css_class (GTK_WIDGET (label), "heading");
          gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
        }
      break;
    default:
      break;
    }
}

static int
compare_rows_cb (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  PbResultsRow *x = PB_RESULTS_ROW ((gpointer) a);
  PbResultsRow *y = PB_RESULTS_ROW ((gpointer) b);
  int c = 0;

  switch (column)
    {
    case COLUMN_TITLE:
      c = g_utf8_collate (pb_results_row_get_title (x), pb_results_row_get_title (y));
      break;
    case COLUMN_COST:
      c = pb_results_row_compare_cost (x, y);
      break;
    case COLUMN_SUPPORTERS:
      c = (pb_results_row_get_supporters (x) > pb_results_row_get_supporters (y))
          - (pb_results_row_get_supporters (x) < pb_results_row_get_supporters (y));
      break;
    case COLUMN_RESULT:
    case COLUMN_RULE_A:
    case COLUMN_WHY:
      /* Funded first, in the order the rule funded them; then by support. */
      {
        guint px = pb_results_row_get_position (x), py = pb_results_row_get_position (y);

        if ((px > 0) != (py > 0))
          c = px > 0 ? -1 : 1;
        else if (px != py)
          c = px < py ? -1 : 1;
        else
          c = (pb_results_row_get_supporters (x) < pb_results_row_get_supporters (y))
              - (pb_results_row_get_supporters (x) > pb_results_row_get_supporters (y));
      }
      break;
    case COLUMN_RULE_B:
      c = pb_results_row_get_other_funded (y) - pb_results_row_get_other_funded (x);
      break;
    case COLUMN_DIFFERENCE:
      {
        /* The differences first, then both, then neither. */
        static const int order[] = {
          [PB_RESULTS_DIFFERENCE_ONLY_A] = 0,
          [PB_RESULTS_DIFFERENCE_ONLY_B] = 1,
          [PB_RESULTS_DIFFERENCE_BOTH] = 2,
          [PB_RESULTS_DIFFERENCE_NEITHER] = 3,
        };
        int ox = order[pb_results_row_get_difference (x)];
        int oy = order[pb_results_row_get_difference (y)];

        c = (ox > oy) - (ox < oy);
      }
      break;
    default:
      break;
    }
  if (c == 0)
    c = (pb_results_row_get_index (x) > pb_results_row_get_index (y))
        - (pb_results_row_get_index (x) < pb_results_row_get_index (y));
  return c < 0 ? GTK_ORDERING_SMALLER : c > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static GtkColumnViewColumn *
add_column (GtkColumnView *view,
            const char    *title,
            Column         column,
            gboolean       expand)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSorter) sorter = NULL;
  GtkColumnViewColumn *view_column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, g_object_ref (factory));
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_rows_cb, GINT_TO_POINTER (column), NULL));
  gtk_column_view_column_set_sorter (view_column, sorter);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (view, view_column);
  g_object_unref (view_column);
  return view_column;
}

static void
setup_view (GtkColumnView *view,
            GListModel    *rows)
{
  GtkSortListModel *sorted;
  GtkNoSelection *selection;

  sorted = gtk_sort_list_model_new (g_object_ref (rows), g_object_ref (gtk_column_view_get_sorter (view)));
  selection = gtk_no_selection_new (G_LIST_MODEL (sorted));
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
}

void
pb_results_columns_setup_table (GtkColumnView *view,
                                GListModel    *rows)
{
  GtkColumnViewColumn *result;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (G_IS_LIST_MODEL (rows));

  add_column (view, _("Project"), COLUMN_TITLE, FALSE);
  add_column (view, _("Cost"), COLUMN_COST, FALSE);
  add_column (view, _("Supporters"), COLUMN_SUPPORTERS, FALSE);
  result = add_column (view, _("Result"), COLUMN_RESULT, FALSE);
  add_column (view, _("Why"), COLUMN_WHY, TRUE);
  setup_view (view, rows);
  gtk_column_view_sort_by_column (view, result, GTK_SORT_ASCENDING);
}

void
pb_results_columns_setup_compare (GtkColumnView *view,
                                  GListModel    *rows)
{
  GtkColumnViewColumn *difference;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (G_IS_LIST_MODEL (rows));

  add_column (view, _("Project"), COLUMN_TITLE, TRUE);
  add_column (view, _("Cost"), COLUMN_COST, FALSE);
  add_column (view, _("Supporters"), COLUMN_SUPPORTERS, FALSE);
  add_column (view, _("Rule A"), COLUMN_RULE_A, FALSE);
  add_column (view, _("Rule B"), COLUMN_RULE_B, FALSE);
  difference = add_column (view, _("Difference"), COLUMN_DIFFERENCE, FALSE);
  setup_view (view, rows);
  gtk_column_view_sort_by_column (view, difference, GTK_SORT_ASCENDING);
}
