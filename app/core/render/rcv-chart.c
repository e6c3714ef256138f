/* rcv-chart.c - the aging charts: their figures, their words, hit tests and file export
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A chart copies the figures it shows out of a report or a trend, so that it can be drawn
 * again (a resize, a highlight, the dark style) without the database. The drawing itself is
 * in rcv-chart-draw.c; everything a person reads besides it (the accessible description, the
 * figure under the pointer) is here, from the same exact amounts.
 */
#define G_LOG_DOMAIN "rcv-chart"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "rcv-chart-private.h"
#include "rcv-date.h"
#include "rcv-error.h"
#include "rcv-file.h"
#include "rcv-text.h"

static RcvChart *
chart_new (RcvChartKind       kind,
           const RcvCurrency *currency,
           const GDate       *as_of,
           const guint       *boundaries,
           guint              n_boundaries)
{
  RcvChart *chart = g_new0 (RcvChart, 1);

  chart->kind = kind;
  chart->currency = *currency;
  chart->as_of = *as_of;
  chart->n_buckets = n_boundaries + 2;
  for (guint b = 0; b < chart->n_buckets; b++)
    chart->bucket_labels[b] = rcv_aging_bucket_label (boundaries, n_boundaries, b);
  chart->areas = g_array_new (FALSE, TRUE, sizeof (RcvChartArea));
  chart->targets = g_array_new (FALSE, TRUE, sizeof (RcvChartArea));
  return chart;
}

RcvChart *
rcv_chart_new_aging (const RcvAgingReport *report,
                     const RcvCurrency    *currency)
{
  RcvChart *chart;

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (currency != NULL, NULL);

  chart = chart_new (RCV_CHART_AGING, currency, &report->as_of, report->boundaries,
                     report->n_boundaries);
  for (guint b = 0; b < report->n_buckets; b++)
    {
      chart->buckets[b] = report->total.buckets[b];
      chart->outstanding += report->total.buckets[b];
    }
  return chart;
}

static int
compare_customers (gconstpointer a,
                   gconstpointer b)
{
  const RcvChartCustomer *ca = a, *cb = b;

  if (ca->outstanding != cb->outstanding)
    return ca->outstanding < cb->outstanding ? 1 : -1;
  return ca->customer_id < cb->customer_id ? -1 : ca->customer_id > cb->customer_id;
}

static void
customer_clear (gpointer data)
{
  RcvChartCustomer *customer = data;

  g_free (customer->name);
}

/* The n customers with the most open invoices (unapplied credit left out: it is no debt),
 * largest first, ties by ID. */
RcvChart *
rcv_chart_new_customers (const RcvAgingReport *report,
                         const RcvCurrency    *currency,
                         guint                 n_customers)
{
  RcvChart *chart;

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (currency != NULL, NULL);
  g_return_val_if_fail (n_customers > 0, NULL);

  chart = chart_new (RCV_CHART_CUSTOMERS, currency, &report->as_of, report->boundaries,
                     report->n_boundaries);
  chart->customers = g_array_new (FALSE, TRUE, sizeof (RcvChartCustomer));
  g_array_set_clear_func (chart->customers, customer_clear);
  for (guint i = 0; i < report->rows->len; i++)
    {
      const RcvAgingRow *row = g_ptr_array_index (report->rows, i);
      RcvChartCustomer customer = { 0, };

      for (guint b = 0; b < report->n_buckets; b++)
        customer.outstanding += row->buckets[b];
      if (customer.outstanding <= 0)
        continue;
      customer.customer_id = row->customer_id;
      memcpy (customer.buckets, row->buckets, sizeof customer.buckets);
      g_array_append_val (chart->customers, customer);
    }
  g_array_sort (chart->customers, compare_customers);
  if (chart->customers->len > n_customers)
    g_array_set_size (chart->customers, n_customers);

  /* names only for the rows kept: a report may hold fifty thousand */
  for (guint i = 0, j = 0; i < report->rows->len && j < chart->customers->len; i++)
    {
      const RcvAgingRow *row = g_ptr_array_index (report->rows, i);

      for (guint c = 0; c < chart->customers->len; c++)
        {
          RcvChartCustomer *customer = &g_array_index (chart->customers, RcvChartCustomer, c);

          if (customer->customer_id == row->customer_id)
            {
              /* isolated: a label cannot reorder what is drawn or said around it */
              customer->name = rcv_text_isolate (row->name != NULL && row->name[0] != '\0'
                                                   ? row->name : row->code, 0);
              j++;
              break;
            }
        }
    }
  return chart;
}

RcvChart *
rcv_chart_new_trend (const RcvTrend    *trend,
                     const RcvCurrency *currency)
{
  RcvChart *chart;

  g_return_val_if_fail (trend != NULL, NULL);
  g_return_val_if_fail (currency != NULL, NULL);

  chart = chart_new (RCV_CHART_TREND, currency, &trend->as_of, trend->boundaries,
                     trend->n_boundaries);
  chart->months = g_array_new (FALSE, TRUE, sizeof (RcvChartMonth));
  for (guint i = 0; i < trend->points->len; i++)
    {
      const RcvTrendPoint *point = &g_array_index (trend->points, RcvTrendPoint, i);
      RcvChartMonth month = { point->date, point->outstanding, point->overdue };

      g_array_append_val (chart->months, month);
    }
  return chart;
}

void
rcv_chart_free (RcvChart *chart)
{
  if (chart == NULL)
    return;
  for (guint b = 0; b < chart->n_buckets; b++)
    g_free (chart->bucket_labels[b]);
  g_clear_pointer (&chart->customers, g_array_unref);
  g_clear_pointer (&chart->months, g_array_unref);
  g_array_unref (chart->areas);
  g_array_unref (chart->targets);
  g_free (chart);
}

RcvChartKind
rcv_chart_get_kind (const RcvChart *chart)
{
  g_return_val_if_fail (chart != NULL, RCV_CHART_AGING);
  return chart->kind;
}

const char *
rcv_chart_get_title (const RcvChart *chart)
{
  g_return_val_if_fail (chart != NULL, NULL);

  switch (chart->kind)
    {
    case RCV_CHART_AGING:
      return _("Outstanding by Age");
    case RCV_CHART_CUSTOMERS:
      return _("Largest Balances by Age");
    case RCV_CHART_TREND:
    default:
      return _("Outstanding and Overdue at Month End");
    }
}

guint
rcv_chart_get_n_elements (const RcvChart *chart)
{
  g_return_val_if_fail (chart != NULL, 0);

  switch (chart->kind)
    {
    case RCV_CHART_AGING:
      return chart->n_buckets;
    case RCV_CHART_CUSTOMERS:
      return chart->customers->len;
    case RCV_CHART_TREND:
    default:
      return chart->months->len;
    }
}

/* Nothing to draw: no open invoice (at any month end, for the trend). */
gboolean
rcv_chart_is_empty (const RcvChart *chart)
{
  g_return_val_if_fail (chart != NULL, TRUE);

  switch (chart->kind)
    {
    case RCV_CHART_AGING:
      return chart->outstanding <= 0;
    case RCV_CHART_CUSTOMERS:
      return chart->customers->len == 0;
    case RCV_CHART_TREND:
    default:
      for (guint i = 0; i < chart->months->len; i++)
        if (g_array_index (chart->months, RcvChartMonth, i).outstanding > 0)
          return FALSE;
      return TRUE;
    }
}

const GDate *
rcv_chart_get_as_of (const RcvChart *chart)
{
  g_return_val_if_fail (chart != NULL, NULL);
  return &chart->as_of;
}

/* The element's amount: a bucket's total, a customer's open invoices, a month's outstanding. */
gint64
rcv_chart_get_amount (const RcvChart *chart,
                      guint           element)
{
  g_return_val_if_fail (chart != NULL, 0);
  g_return_val_if_fail (element < rcv_chart_get_n_elements (chart), 0);

  switch (chart->kind)
    {
    case RCV_CHART_AGING:
      return chart->buckets[element];
    case RCV_CHART_CUSTOMERS:
      return g_array_index (chart->customers, RcvChartCustomer, element).outstanding;
    case RCV_CHART_TREND:
    default:
      return g_array_index (chart->months, RcvChartMonth, element).outstanding;
    }
}

gint64
rcv_chart_get_customer_id (const RcvChart *chart,
                           guint           element)
{
  g_return_val_if_fail (chart != NULL && chart->kind == RCV_CHART_CUSTOMERS, 0);
  g_return_val_if_fail (element < chart->customers->len, 0);

  return g_array_index (chart->customers, RcvChartCustomer, element).customer_id;
}

gboolean
rcv_chart_get_date (const RcvChart *chart,
                    guint           element,
                    GDate          *date)
{
  g_return_val_if_fail (chart != NULL && date != NULL, FALSE);

  if (chart->kind != RCV_CHART_TREND)
    {
      *date = chart->as_of;
      return TRUE;
    }
  if (element >= chart->months->len)
    return FALSE;
  *date = g_array_index (chart->months, RcvChartMonth, element).date;
  return TRUE;
}

static char *
share_text (gint64 part,
            gint64 whole)
{
  return rcv_percent_format_share (part, whole);
}

static void
append_bucket_amounts (GString                *out,
                       const RcvChart         *chart,
                       const gint64           *buckets,
                       const char             *separator)
{
  gboolean first = TRUE;

  for (guint b = 0; b < chart->n_buckets; b++)
    {
      g_autofree char *amount = NULL;

      if (buckets[b] == 0)
        continue;
      amount = rcv_money_format (buckets[b], &chart->currency);
      /* Translators: an age bucket and its amount, e.g. "31–60 days: €1,200.00" */
      g_string_append_printf (out, _("%s%s: %s"), first ? "" : separator,
                              chart->bucket_labels[b], amount);
      first = FALSE;
    }
}

/* The figure a person points at, in words: the tooltip. */
char *
rcv_chart_describe_element (const RcvChart *chart,
                            guint           element)
{
  GString *out;

  g_return_val_if_fail (chart != NULL, NULL);
  g_return_val_if_fail (element < rcv_chart_get_n_elements (chart), NULL);

  out = g_string_new (NULL);
  switch (chart->kind)
    {
    case RCV_CHART_AGING:
      {
        g_autofree char *amount = rcv_money_format (chart->buckets[element], &chart->currency);
        g_autofree char *share = share_text (chart->buckets[element], chart->outstanding);

        /* Translators: an age bucket, its amount and its share, e.g. "1–30 days: €500.00 (12 %)" */
        g_string_append_printf (out, _("%s: %s (%s)"), chart->bucket_labels[element], amount,
                                share);
      }
      break;
    case RCV_CHART_CUSTOMERS:
      {
        const RcvChartCustomer *customer = &g_array_index (chart->customers, RcvChartCustomer,
                                                           element);
        g_autofree char *amount = rcv_money_format (customer->outstanding, &chart->currency);

        /* Translators: a customer and its open invoices, e.g. "Acme Ltd: €1,500.00" */
        g_string_append_printf (out, _("%s: %s"), customer->name, amount);
        g_string_append_c (out, '\n');
        append_bucket_amounts (out, chart, customer->buckets, "\n");
      }
      break;
    case RCV_CHART_TREND:
    default:
      {
        const RcvChartMonth *month = &g_array_index (chart->months, RcvChartMonth, element);
        g_autofree char *date = rcv_date_format_locale (&month->date);
        g_autofree char *outstanding = rcv_money_format (month->outstanding, &chart->currency);
        g_autofree char *overdue = rcv_money_format (month->overdue, &chart->currency);
        g_autofree char *share = share_text (month->overdue, month->outstanding);

        /* Translators: a month end, then the amounts open and overdue then */
        g_string_append_printf (out, _("%s\nOutstanding: %s\nOverdue: %s (%s)"), date,
                                outstanding, overdue, share);
      }
      break;
    }
  return g_string_free (out, FALSE);
}

/* Every figure of the chart in words, for screen readers (and the export's alt text). */
char *
rcv_chart_describe (const RcvChart *chart)
{
  g_autofree char *date = NULL;
  GString *out;
  guint n;

  g_return_val_if_fail (chart != NULL, NULL);

  date = rcv_date_format_locale (&chart->as_of);
  out = g_string_new (NULL);
  /* Translators: a chart's title and its date, e.g. "Outstanding by Age, as of 23/11/2026." */
  g_string_append_printf (out, _("%s, as of %s."), rcv_chart_get_title (chart), date);
  if (rcv_chart_is_empty (chart))
    {
      g_string_append_printf (out, " %s", _("No open invoices."));
      return g_string_free (out, FALSE);
    }

  n = rcv_chart_get_n_elements (chart);
  if (chart->kind == RCV_CHART_AGING)
    {
      g_autofree char *total = rcv_money_format (chart->outstanding, &chart->currency);

      /* Translators: the total of the open invoices, in a chart's description */
      g_string_append_printf (out, _(" Total outstanding %s."), total);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *element = rcv_chart_describe_element (chart, i);

      g_strdelimit (element, "\n", ';');
      g_string_append_printf (out, " %s.", element);
    }
  return g_string_free (out, FALSE);
}

/* Draws the chart into the rectangle (0, 0, width, height) of cr, in the style asked for,
 * with one element highlighted (−1: none), and keeps the layout for rcv_chart_hit(). */
void
rcv_chart_draw (RcvChart            *chart,
                cairo_t             *cr,
                double               width,
                double               height,
                const RcvChartStyle *style,
                int                  highlight)
{
  static const RcvChartStyle default_style = { FALSE, FALSE, NULL };

  g_return_if_fail (chart != NULL);
  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  rcv_chart_paint (chart, cr, MAX (width, 1), MAX (height, 1),
                   style != NULL ? style : &default_style, highlight);
  cairo_restore (cr);
  chart->drawn = TRUE;
}

static gboolean
area_contains (const RcvChartArea *area,
               double              x,
               double              y)
{
  return x >= area->x && x < area->x + area->width &&
         y >= area->y && y < area->y + area->height;
}

/* The element under (x, y) in the last drawing, or −1. */
int
rcv_chart_hit (const RcvChart *chart,
               double          x,
               double          y)
{
  g_return_val_if_fail (chart != NULL, -1);

  if (!chart->drawn)
    return -1;
  for (guint i = 0; i < chart->targets->len; i++)
    if (area_contains (&g_array_index (chart->targets, RcvChartArea, i), x, y))
      return (int) i;
  return -1;
}

gboolean
rcv_chart_get_plot_area (const RcvChart *chart,
                         RcvChartArea   *area)
{
  g_return_val_if_fail (chart != NULL && area != NULL, FALSE);

  if (!chart->drawn)
    return FALSE;
  *area = chart->plot;
  return TRUE;
}

/* The mark drawn for an element in the last drawing: a column, a bar, or a month's point
 * down to the axis (zero width). */
gboolean
rcv_chart_get_element_area (const RcvChart *chart,
                            guint           element,
                            RcvChartArea   *area)
{
  g_return_val_if_fail (chart != NULL && area != NULL, FALSE);

  if (!chart->drawn || element >= chart->areas->len)
    return FALSE;
  *area = g_array_index (chart->areas, RcvChartArea, element);
  return TRUE;
}

static cairo_status_t
append_to_bytes (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Writes the chart to a PNG, SVG or PDF file, by the name's extension, all or nothing: the
 * file appears complete or not at all. Sizes are pixels for PNG, points otherwise. */
gboolean
rcv_chart_export (RcvChart            *chart,
                  const char          *path,
                  int                  width,
                  int                  height,
                  const RcvChartStyle *style,
                  GError             **error)
{
  static const RcvChartStyle file_style = { FALSE, TRUE, NULL };
  g_autoptr(GByteArray) bytes = NULL;
  g_autofree char *lower = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (chart != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (width < 100 || height < 100 || width > 10000 || height > 10000)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                   _("%s: the size %d × %d is outside 100 × 100 to 10000 × 10000"), path, width,
                   height);
      return FALSE;
    }

  lower = g_ascii_strdown (path, -1);
  bytes = g_byte_array_new ();
  if (g_str_has_suffix (lower, ".png"))
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  else if (g_str_has_suffix (lower, ".svg"))
    surface = cairo_svg_surface_create_for_stream (append_to_bytes, bytes, width, height);
  else if (g_str_has_suffix (lower, ".pdf"))
    {
      surface = cairo_pdf_surface_create_for_stream (append_to_bytes, bytes, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                      rcv_chart_get_title (chart));
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Receivables");
    }
  else
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                   _("%s: the name must end in .png, .svg or .pdf, which chooses the format"),
                   path);
      return FALSE;
    }

  cr = cairo_create (surface);
  if (style == NULL)
    style = &file_style;
  rcv_chart_draw (chart, cr, width, height, style, -1);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && g_str_has_suffix (lower, ".png"))
    status = cairo_surface_write_to_png_stream (surface, append_to_bytes, bytes);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s: the chart could not be drawn: %s"),
                   path, cairo_status_to_string (status));
      return FALSE;
    }

  /* a temporary file renamed over the name, 0600: the chart shows names and balances */
  return rcv_file_write_private (path, (const char *) bytes->data, (gssize) bytes->len, error);
}
