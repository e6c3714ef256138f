/* test-chart.c - the trend, DSO and the cairo charts: figures, geometry, words and files
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <math.h>
#include <string.h>

#include "rcv-aging-summary.h"
#include "rcv-chart-file.h"
#include "rcv-chart.h"
#include "rcv-date.h"
#include "rcv-demo.h"
#include "rcv-error.h"
#include "rcv-test-utils.h"
#include "rcv-trend.h"

static const RcvCurrency eur = { "EUR", 2 };

/* An aging report made by hand: n customers, bucket amounts given row by row. */
static RcvAgingReport *
make_report (const char   *as_of,
             guint         n_rows,
             const gint64  amounts[][5],
             const char  **names)
{
  RcvAgingReport *report = g_new0 (RcvAgingReport, 1);
  static const guint boundaries[] = { 30, 60, 90 };

  report->as_of = *rcv_test_date (as_of);
  report->n_boundaries = 3;
  memcpy (report->boundaries, boundaries, sizeof boundaries);
  report->n_buckets = 5;
  report->rows = g_ptr_array_new ();
  for (guint i = 0; i < n_rows; i++)
    {
      RcvAgingRow *row = g_new0 (RcvAgingRow, 1);

      row->customer_id = i + 1;
      row->code = g_strdup_printf ("C%u", i + 1);
      row->name = g_strdup (names != NULL ? names[i] : row->code);
      for (guint b = 0; b < 5; b++)
        {
          row->buckets[b] = amounts[i][b];
          row->balance += amounts[i][b];
          report->total.buckets[b] += amounts[i][b];
        }
      report->total.balance += row->balance;
      g_ptr_array_add (report->rows, row);
    }
  return report;
}

static void
free_report (RcvAgingReport *report)
{
  for (guint i = 0; i < report->rows->len; i++)
    {
      RcvAgingRow *row = g_ptr_array_index (report->rows, i);

      g_free (row->code);
      g_free (row->name);
      g_free (row);
    }
  g_ptr_array_set_size (report->rows, 0);
  rcv_aging_report_free (report);
}

/* Draws the chart W × H into the middle of a surface twice as large, and checks that not one
 * pixel outside the W × H rectangle was touched; returns how many inside were. */
static guint
draw_and_check_inside (RcvChart            *chart,
                       int                  width,
                       int                  height,
                       const RcvChartStyle *style)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * 2,
                                                         height * 2);
  cairo_t *cr = cairo_create (surface);
  int ox = width / 2, oy = height / 2;
  guint inside = 0;
  const guint8 *data;
  int stride;

  cairo_translate (cr, ox, oy);
  rcv_chart_draw (chart, cr, width, height, style, -1);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height * 2; y++)
    for (int x = 0; x < width * 2; x++)
      {
        guint32 pixel = *(const guint32 *) (const void *) (data + y * stride + x * 4);
        gboolean in = x >= ox && x < ox + width && y >= oy && y < oy + height;

        if (!in && pixel != 0)
          g_error ("pixel (%d, %d) outside the chart's %d × %d area was drawn", x - ox, y - oy,
                   width, height);
        inside += in && pixel != 0;
      }
  cairo_surface_destroy (surface);
  return inside;
}

static void
assert_area_inside (const RcvChartArea *area,
                    const RcvChartArea *box)
{
  g_assert_cmpfloat (area->x, >=, box->x - 0.5);
  g_assert_cmpfloat (area->y, >=, box->y - 0.5);
  g_assert_cmpfloat (area->x + area->width, <=, box->x + box->width + 0.5);
  g_assert_cmpfloat (area->y + area->height, <=, box->y + box->height + 0.5);
}

static const gint64 five_customers[][5] = {
  { 120000, 30000, 0, 0, 0 },
  { 0, 50000, 25000, 0, 10000 },
  { 40000, 0, 0, 20000, 0 },
  { 0, 0, 0, 0, 90000 },
  { 1, 0, 0, 0, 0 },
};

/* Column heights follow the bucket totals: height / amount is the same for every column,
 * to the pixel; columns are as wide as each other and stand on the axis. */
static void
test_aging_geometry (void)
{
  RcvAgingReport *report = make_report ("2026-11-20", 5, five_customers, NULL);
  g_autoptr(RcvChart) chart = rcv_chart_new_aging (report, &eur);
  RcvChartArea plot, area, first;
  double scale = 0;

  g_assert_cmpuint (rcv_chart_get_n_elements (chart), ==, 5);
  g_assert_false (rcv_chart_is_empty (chart));
  g_assert_cmpint (rcv_chart_get_amount (chart, 0), ==, 160001);
  g_assert_cmpint (rcv_chart_hit (chart, 10, 10), ==, -1);

  g_assert_cmpuint (draw_and_check_inside (chart, 640, 400, NULL), >, 1000);
  g_assert_true (rcv_chart_get_plot_area (chart, &plot));
  g_assert_true (rcv_chart_get_element_area (chart, 0, &first));
  for (guint b = 0; b < 5; b++)
    {
      gint64 amount = rcv_chart_get_amount (chart, b);

      g_assert_true (rcv_chart_get_element_area (chart, b, &area));
      assert_area_inside (&area, &plot);
      g_assert_cmpfloat (fabs (area.width - first.width), <, 0.01);
      g_assert_cmpfloat (fabs (area.y + area.height - (plot.y + plot.height)), <, 0.01);
      if (b == 0)
        scale = area.height / (double) amount;
      else
        g_assert_cmpfloat (fabs (area.height - scale * (double) amount), <, 1.0);
      if (b > 0)
        {
          RcvChartArea before;

          g_assert_true (rcv_chart_get_element_area (chart, b - 1, &before));
          g_assert_cmpfloat (area.x, >, before.x + before.width);
        }
      /* the pointer over a column, or anywhere above it, means that bucket */
      g_assert_cmpint (rcv_chart_hit (chart, area.x + area.width / 2, area.y + area.height / 2),
                       ==, (int) b);
      g_assert_cmpint (rcv_chart_hit (chart, area.x + area.width / 2, plot.y + 1), ==, (int) b);
    }
  /* the tallest column is not taller than the plot and fills at least half of it */
  g_assert_true (rcv_chart_get_element_area (chart, 0, &area));
  g_assert_cmpfloat (area.height, <=, plot.height);
  g_assert_cmpfloat (area.height, >=, plot.height / 2);
  g_assert_false (rcv_chart_get_element_area (chart, 5, &area));

  free_report (report);
}

/* Bars follow each customer's open invoices, largest first, split by bucket; only the
 * largest n are kept. */
static void
test_customers_geometry (void)
{
  const char *names[] = { "Schreinerei Holzmann", "Atelier Dubois & Fils <b>not bold</b>",
                          "株式会社テスト", "A customer whose name is far too long to be shown "
                          "in full beside its bar in any chart of reasonable width", "Tiny" };
  RcvAgingReport *report = make_report ("2026-11-20", 5, five_customers, names);
  g_autoptr(RcvChart) chart = rcv_chart_new_customers (report, &eur, 4);
  g_autoptr(RcvChart) dark = rcv_chart_new_customers (report, &eur, 10);
  RcvChartStyle dark_style = { TRUE, TRUE, "Sans 9" };
  RcvChartArea plot, area;
  g_autofree char *tip = NULL;
  double scale = 0;

  g_assert_cmpuint (rcv_chart_get_n_elements (chart), ==, 4);
  /* 150 000, 85 000, 60 000, 90 000, 1 → by size: 1, 4, 2, 3 */
  g_assert_cmpint (rcv_chart_get_customer_id (chart, 0), ==, 1);
  g_assert_cmpint (rcv_chart_get_customer_id (chart, 1), ==, 4);
  g_assert_cmpint (rcv_chart_get_customer_id (chart, 2), ==, 2);
  g_assert_cmpint (rcv_chart_get_customer_id (chart, 3), ==, 3);
  g_assert_cmpint (rcv_chart_get_amount (chart, 1), ==, 90000);

  draw_and_check_inside (chart, 700, 360, NULL);
  g_assert_true (rcv_chart_get_plot_area (chart, &plot));
  for (guint i = 0; i < 4; i++)
    {
      g_assert_true (rcv_chart_get_element_area (chart, i, &area));
      assert_area_inside (&area, &plot);
      g_assert_cmpfloat (fabs (area.x - plot.x), <, 0.01);
      if (i == 0)
        scale = area.width / (double) rcv_chart_get_amount (chart, i);
      else
        g_assert_cmpfloat (fabs (area.width - scale * (double) rcv_chart_get_amount (chart, i)),
                           <, 1.0);
      g_assert_cmpint (rcv_chart_hit (chart, area.x + 1, area.y + area.height / 2), ==, (int) i);
    }

  /* names with markup characters, CJK and great length draw, and stay inside */
  g_assert_cmpuint (rcv_chart_get_n_elements (dark), ==, 5);
  draw_and_check_inside (dark, 420, 300, &dark_style);
  tip = rcv_chart_describe_element (dark, 2);
  /* the name is an isolate of its own (U+2068 … U+2069) */
  g_assert_nonnull (strstr (tip, "\u2068Atelier Dubois & Fils <b>not bold</b>\u2069: 850.00 €"));
  g_assert_nonnull (strstr (tip, "Over 90 days: 100.00 €"));

  free_report (report);
}

/* One customer, and nothing at all: both draw inside their area and say what they show. */
static void
test_empty_and_one_customer (void)
{
  static const gint64 one[][5] = { { 0, 0, 0, 0, 4200 } };
  RcvAgingReport *empty = make_report ("2026-11-20", 0, NULL, NULL);
  RcvAgingReport *single = make_report ("2026-11-20", 1, one, NULL);
  RcvChartKind kinds[] = { RCV_CHART_AGING, RCV_CHART_CUSTOMERS };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(RcvChart) none = kinds[k] == RCV_CHART_AGING
                                   ? rcv_chart_new_aging (empty, &eur)
                                   : rcv_chart_new_customers (empty, &eur, 10);
      g_autoptr(RcvChart) chart = kinds[k] == RCV_CHART_AGING
                                    ? rcv_chart_new_aging (single, &eur)
                                    : rcv_chart_new_customers (single, &eur, 10);
      g_autofree char *text = rcv_chart_describe (none);
      g_autofree char *single_text = rcv_chart_describe (chart);
      RcvChartArea area, plot;

      g_assert_true (rcv_chart_is_empty (none));
      /* the message is drawn, nothing else: no element to point at */
      g_assert_cmpuint (draw_and_check_inside (none, 400, 240, NULL), >, 50);
      g_assert_false (rcv_chart_get_element_area (none, 0, &area));
      g_assert_cmpint (rcv_chart_hit (none, 200, 120), ==, -1);
      g_assert_nonnull (strstr (text, "No open invoices."));

      g_assert_false (rcv_chart_is_empty (chart));
      draw_and_check_inside (chart, 400, 240, NULL);
      g_assert_true (rcv_chart_get_plot_area (chart, &plot));
      g_assert_nonnull (strstr (single_text, "42.00 €"));
      if (kinds[k] == RCV_CHART_CUSTOMERS)
        {
          g_assert_cmpuint (rcv_chart_get_n_elements (chart), ==, 1);
          g_assert_true (rcv_chart_get_element_area (chart, 0, &area));
          /* one bar reaches most of the axis, which ends on a round figure above it */
          g_assert_cmpfloat (area.width, >, plot.width / 2);
          g_assert_cmpfloat (area.width, <=, plot.width);
        }
      else
        {
          g_assert_true (rcv_chart_get_element_area (chart, 4, &area));
          g_assert_cmpfloat (area.height, >, plot.height / 2);
          g_assert_true (rcv_chart_get_element_area (chart, 0, &area));
          g_assert_cmpfloat (area.height, ==, 0);
        }
    }
  free_report (empty);
  free_report (single);
}

/* The largest amounts a company can hold and a single cent, side by side, in a tiny and a
 * huge area: proportions hold, nothing escapes, the labels do not overflow. */
static void
test_extreme_values (void)
{
  static const gint64 extreme[][5] = {
    { G_GINT64_CONSTANT (900000000000000000), 0, 0, 0, 1 },
    { 1, 1, 1, 1, 1 },
  };
  static const int sizes[][2] = { { 100, 100 }, { 160, 90 }, { 2000, 1200 } };
  RcvAgingReport *report = make_report ("2026-11-20", 2, extreme, NULL);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(RcvChart) aging = rcv_chart_new_aging (report, &eur);
      g_autoptr(RcvChart) customers = rcv_chart_new_customers (report, &eur, 10);
      RcvChartArea plot, area;

      draw_and_check_inside (aging, sizes[s][0], sizes[s][1], NULL);
      draw_and_check_inside (customers, sizes[s][0], sizes[s][1], NULL);
      g_assert_true (rcv_chart_get_plot_area (aging, &plot));
      g_assert_true (rcv_chart_get_element_area (aging, 0, &area));
      g_assert_cmpfloat (area.height, <=, plot.height + 0.5);
      g_assert_true (rcv_chart_get_element_area (aging, 1, &area));
      g_assert_cmpfloat (area.height, <, 1);
    }
  free_report (report);
}

static RcvTrend *
make_trend (guint         n,
            const gint64 *outstanding,
            const gint64 *overdue)
{
  RcvTrend *trend = g_new0 (RcvTrend, 1);
  GDate ends[RCV_TREND_MAX_MONTHS];
  static const guint boundaries[] = { 30, 60, 90 };

  trend->as_of = *rcv_test_date ("2026-11-20");
  memcpy (trend->boundaries, boundaries, sizeof boundaries);
  trend->n_boundaries = 3;
  trend->n_buckets = 5;
  trend->points = g_array_new (FALSE, TRUE, sizeof (RcvTrendPoint));
  rcv_trend_month_ends (&trend->as_of, n, ends);
  for (guint i = 0; i < n; i++)
    {
      RcvTrendPoint point = { ends[i], { 0, }, outstanding[i], overdue[i] };

      point.buckets[0] = outstanding[i] - overdue[i];
      point.buckets[1] = overdue[i];
      g_array_append_val (trend->points, point);
    }
  return trend;
}

/* Each month's point stands above the axis in proportion to its outstanding amount. */
static void
test_trend_geometry (void)
{
  static const gint64 outstanding[] = { 100000, 250000, 0, 400000, 320000, 310000,
                                        150000, 90000, 100000, 500000, 480000, 470000 };
  static const gint64 overdue[] = { 10000, 50000, 0, 300000, 20000, 10000,
                                    0, 0, 100000, 250000, 80000, 470000 };
  g_autoptr(RcvTrend) trend = make_trend (12, outstanding, overdue);
  g_autoptr(RcvChart) chart = rcv_chart_new_trend (trend, &eur);
  RcvChartStyle dark = { TRUE, FALSE, NULL };
  RcvChartArea plot, area, before;
  g_autofree char *tip = NULL;
  GDate date;
  double scale = 0;

  g_assert_cmpuint (rcv_chart_get_n_elements (chart), ==, 12);
  draw_and_check_inside (chart, 720, 320, &dark);
  g_assert_true (rcv_chart_get_plot_area (chart, &plot));
  g_assert_true (rcv_chart_get_element_area (chart, 1, &area));
  scale = area.height / 250000.0;
  for (guint i = 0; i < 12; i++)
    {
      g_assert_true (rcv_chart_get_element_area (chart, i, &area));
      assert_area_inside (&area, &plot);
      g_assert_cmpfloat (fabs (area.height - scale * (double) outstanding[i]), <, 1.0);
      g_assert_cmpfloat (fabs (area.y + area.height - (plot.y + plot.height)), <, 0.01);
      if (i > 0)
        {
          g_assert_true (rcv_chart_get_element_area (chart, i - 1, &before));
          g_assert_cmpfloat (area.x, >, before.x);
        }
      g_assert_cmpint (rcv_chart_hit (chart, area.x, plot.y + plot.height / 2), ==, (int) i);
    }
  g_assert_true (rcv_chart_get_date (chart, 11, &date));
  g_assert_cmpint (g_date_get_day (&date), ==, 31);
  g_assert_cmpint (g_date_get_month (&date), ==, G_DATE_OCTOBER);
  tip = rcv_chart_describe_element (chart, 3);
  g_assert_nonnull (strstr (tip, "Outstanding: 4,000.00 €"));
  g_assert_nonnull (strstr (tip, "Overdue: 3,000.00 € (75%)"));

  /* one month only, and a trend of nothing */
  {
    static const gint64 zero[] = { 0, 0 };
    g_autoptr(RcvTrend) one = make_trend (1, outstanding + 1, overdue + 1);
    g_autoptr(RcvTrend) none = make_trend (2, zero, zero);
    g_autoptr(RcvChart) one_chart = rcv_chart_new_trend (one, &eur);
    g_autoptr(RcvChart) none_chart = rcv_chart_new_trend (none, &eur);

    draw_and_check_inside (one_chart, 300, 200, NULL);
    g_assert_true (rcv_chart_get_element_area (one_chart, 0, &area));
    g_assert_true (rcv_chart_is_empty (none_chart));
    draw_and_check_inside (none_chart, 300, 200, NULL);
  }
}

/* Crisp at any scale factor: bar edges fall on device pixels at 1, 1.25 and 2. */
static void
test_hidpi_edges (void)
{
  RcvAgingReport *report = make_report ("2026-11-20", 5, five_customers, NULL);
  g_autoptr(RcvChart) chart = rcv_chart_new_aging (report, &eur);
  static const double scales[] = { 1, 1.25, 2 };

  for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
    {
      int w = (int) (500 * scales[s]), h = (int) (300 * scales[s]);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
      cairo_t *cr = cairo_create (surface);
      RcvChartArea area;
      const guint8 *data;
      int stride, x, top;
      guint32 inside_pixel, above_pixel;

      cairo_scale (cr, scales[s], scales[s]);
      rcv_chart_draw (chart, cr, 500, 300, NULL, -1);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      data = cairo_image_surface_get_data (surface);
      stride = cairo_image_surface_get_stride (surface);

      /* the first column's top edge: the pixel row just inside is fully the bar's colour,
       * the one above it is not blended with it */
      g_assert_true (rcv_chart_get_element_area (chart, 0, &area));
      x = (int) ((area.x + area.width / 2) * scales[s]);
      top = (int) lround (area.y * scales[s]);
      inside_pixel = *(const guint32 *) (const void *) (data + top * stride + x * 4);
      above_pixel = *(const guint32 *) (const void *) (data + (top - 1) * stride + x * 4);
      g_assert_cmphex (inside_pixel >> 24, ==, 0xff);
      g_assert_cmphex (above_pixel >> 24, !=, 0xff);
      cairo_surface_destroy (surface);
    }
  free_report (report);
}

static void
test_export (void)
{
  g_autofree char *dir = rcv_test_tmpdir ();
  RcvAgingReport *report = make_report ("2026-11-20", 5, five_customers, NULL);
  g_autoptr(RcvChart) chart = rcv_chart_new_customers (report, &eur, 10);
  g_autofree char *png = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "chart.SVG", NULL);
  g_autofree char *pdf = g_build_filename (dir, "chart.pdf", NULL);
  g_autofree char *bad = g_build_filename (dir, "chart.gif", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "chart.png", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;
  gsize length;

  g_assert_true (rcv_chart_export (chart, png, 640, 400, NULL, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 400);
  cairo_surface_destroy (image);

  g_assert_true (rcv_chart_export (chart, svg, 640, 400, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, &length, &error));
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "width=\"640\""));
  g_clear_pointer (&contents, g_free);

  g_assert_true (rcv_chart_export (chart, pdf, 640, 400, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, &error));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_clear_pointer (&contents, g_free);
  if (rcv_test_have_program ("pdftotext"))
    {
      g_autofree char *out = NULL;
      const char *argv[] = { "pdftotext", pdf, "-", NULL };
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   &out, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_nonnull (strstr (out, "Largest Balances by Age"));
      g_assert_nonnull (strstr (out, "1,500.00 €"));
      g_assert_nonnull (strstr (out, "Over 90 days"));
    }

  /* a name that chooses no format, an impossible size, a missing folder: errors, no file */
  g_assert_false (rcv_chart_export (chart, bad, 640, 400, NULL, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, ".png, .svg or .pdf"));
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  g_assert_false (rcv_chart_export (chart, png, 50, 400, NULL, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_false (rcv_chart_export (chart, missing, 640, 400, NULL, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  free_report (report);
  rcv_test_rmdir (dir);
}

/* The screen reader's text holds every figure, formatted like the rest of the app. */
static void
test_describe (void)
{
  RcvAgingReport *report = make_report ("2026-11-20", 5, five_customers, NULL);
  g_autoptr(RcvChart) chart = rcv_chart_new_aging (report, &eur);
  g_autofree char *text = rcv_chart_describe (chart);
  g_autofree char *tip = rcv_chart_describe_element (chart, 4);
  int kind;

  g_assert_nonnull (strstr (text, "Outstanding by Age, as of"));
  g_assert_nonnull (strstr (text, "Total outstanding 3,850.01 €."));
  g_assert_nonnull (strstr (text, "Current: 1,600.01 € (42%)."));
  g_assert_nonnull (strstr (text, "Over 90 days: 1,000.00 € (26%)."));
  g_assert_cmpstr (tip, ==, "Over 90 days: 1,000.00 € (26%)");

  g_assert_true (rcv_enum_from_nick (RCV_TYPE_CHART_KIND, "trend", &kind));
  g_assert_cmpint (kind, ==, RCV_CHART_TREND);
  g_assert_false (rcv_enum_from_nick (RCV_TYPE_CHART_KIND, "pie", &kind));
  free_report (report);
}

/* The trend's month ends: the as-of date itself when it ends a month, else the month before;
 * February in leap years. */
static void
test_month_ends (void)
{
  GDate ends[13];
  char iso[RCV_ISO_DATE_LEN];

  rcv_trend_month_ends (rcv_test_date ("2024-03-15"), 3, ends);
  rcv_date_to_iso (&ends[0], iso);
  g_assert_cmpstr (iso, ==, "2023-12-31");
  rcv_date_to_iso (&ends[1], iso);
  g_assert_cmpstr (iso, ==, "2024-01-31");
  rcv_date_to_iso (&ends[2], iso);
  g_assert_cmpstr (iso, ==, "2024-02-29");

  rcv_trend_month_ends (rcv_test_date ("2026-04-30"), 13, ends);
  rcv_date_to_iso (&ends[12], iso);
  g_assert_cmpstr (iso, ==, "2026-04-30");
  rcv_date_to_iso (&ends[10], iso);
  g_assert_cmpstr (iso, ==, "2026-02-28");
  rcv_date_to_iso (&ends[0], iso);
  g_assert_cmpstr (iso, ==, "2025-04-30");
}

/* The trend's totals are the aging report's, at every month end, whatever the buckets and
 * the basis: a realistic company (the demo) with partial payments and credit notes. */
static void
test_totals_match_report (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(GError) error = NULL;
  const GDate *as_of = rcv_test_date ("2026-11-20");

  g_assert_true (rcv_demo_fill (db, as_of, &error));
  g_assert_no_error (error);

  for (guint setting = 0; setting < 3; setting++)
    {
      g_autoptr(RcvTrend) trend = NULL;

      if (setting == 1)
        g_assert_true (rcv_database_set_aging_boundaries (db, "15, 45, 120, 365", &error));
      if (setting == 2)
        g_assert_true (rcv_database_set_aging_basis (db, RCV_AGING_BY_ISSUE_DATE, &error));
      g_assert_no_error (error);

      trend = rcv_trend_new (db, as_of, 24, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (trend->points->len, ==, 24);
      g_assert_cmpuint (trend->n_buckets, ==, setting == 0 ? 5 : 6);
      for (guint m = 0; m < trend->points->len; m++)
        {
          const RcvTrendPoint *point = &g_array_index (trend->points, RcvTrendPoint, m);
          g_autoptr(RcvAgingReport) report = rcv_aging_report_new (db, &point->date, &error);
          gint64 outstanding = 0;

          g_assert_no_error (error);
          for (guint b = 0; b < report->n_buckets; b++)
            {
              g_assert_cmpint (point->buckets[b], ==, report->total.buckets[b]);
              outstanding += report->total.buckets[b];
            }
          g_assert_cmpint (point->outstanding, ==, outstanding);
          g_assert_cmpint (point->overdue, ==, outstanding - report->total.buckets[0]);
        }
      /* the company has debts to show in the last year */
      g_assert_cmpint (g_array_index (trend->points, RcvTrendPoint, 23).outstanding, >, 0);
    }
}

/* DSO by countback against a worked example: sales of 3 000 in November to the 20th, 6 000
 * in October, 9 300 in September. Receivables of 7 500: November's 3 000 (20 days), then
 * 4 500 of October's 6 000 (31 × 4 500 / 6 000 = 23.25 days): 43.3 days (43.25 rounded). */
static void
test_dso (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  g_autoptr(GError) error = NULL;
  gint64 c = rcv_test_customer (db, "C1", "Customer");
  RcvDso dso;

  rcv_test_invoice (db, c, "N1", "2026-11-02", "2026-12-02", 100000);
  rcv_test_invoice (db, c, "N2", "2026-11-20", "2026-12-20", 200000);
  rcv_test_invoice (db, c, "N3", "2026-11-21", "2026-12-21", 999999); /* after the as-of */
  rcv_test_invoice (db, c, "O1", "2026-10-01", "2026-10-31", 600000);
  rcv_test_invoice (db, c, "S1", "2026-09-30", "2026-10-30", 930000);

  g_assert_true (rcv_aging_summary_dso (db, rcv_test_date ("2026-11-20"), 750000, &dso, &error));
  g_assert_no_error (error);
  g_assert_true (dso.complete);
  g_assert_cmpint (dso.tenths, ==, 433);

  /* exactly the month to date: 20 days */
  g_assert_true (rcv_aging_summary_dso (db, rcv_test_date ("2026-11-20"), 300000, &dso, &error));
  g_assert_cmpint (dso.tenths, ==, 200);
  /* nothing owed: 0 */
  g_assert_true (rcv_aging_summary_dso (db, rcv_test_date ("2026-11-20"), 0, &dso, &error));
  g_assert_cmpint (dso.tenths, ==, 0);
  /* more than every sale: the sales run out, DSO is a lower bound */
  g_assert_true (rcv_aging_summary_dso (db, rcv_test_date ("2026-11-20"), 10000000, &dso, &error));
  g_assert_false (dso.complete);
  g_assert_cmpint (dso.tenths, >=, (20 + 31 + 30) * 10);
}

/* A chart straight from a company file, as the CLI and the window make it. */
static void
test_from_database (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  g_autoptr(GError) error = NULL;
  gint64 c = rcv_test_customer (db, "C1", "Only Customer");
  g_autoptr(RcvChart) aging = NULL;
  g_autoptr(RcvChart) trend = NULL;
  g_autoptr(RcvChart) customers = NULL;

  rcv_test_invoice (db, c, "I1", "2026-08-01", "2026-08-31", 12345);
  aging = rcv_chart_new_for_database (db, RCV_CHART_AGING, rcv_test_date ("2026-11-20"), 0,
                                      &error);
  g_assert_no_error (error);
  g_assert_cmpint (rcv_chart_get_amount (aging, 3), ==, 12345);
  customers = rcv_chart_new_for_database (db, RCV_CHART_CUSTOMERS,
                                          rcv_test_date ("2026-11-20"), 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rcv_chart_get_customer_id (customers, 0), ==, c);
  trend = rcv_chart_new_for_database (db, RCV_CHART_TREND, rcv_test_date ("2026-11-20"), 6,
                                      &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rcv_chart_get_n_elements (trend), ==, 6);
  /* July's end knew nothing of the invoice; October's saw it 61 days late */
  g_assert_cmpint (rcv_chart_get_amount (trend, 2), ==, 0);
  g_assert_cmpint (rcv_chart_get_amount (trend, 5), ==, 12345);
}

/* The names handed to Pango are isolates without their overrides: “\u202Eevil\u202C Corp”
 * cannot turn into “Corp live”, nor reverse the amount beside it; Hebrew stays as written. */
static void
test_bidi_names (void)
{
  const char *names[] = { "\u202Eevil\u202C Corp", "חברה בע\"מ", "\u2067x\u2069\u2069y",
                          "Plain", "" };
  const char *shown[] = { "\u2068evil Corp\u2069", "\u2068חברה בע\"מ\u2069", "\u2068xy\u2069",
                          "\u2068Plain\u2069", "\u2068C5\u2069" };
  RcvAgingReport *report = make_report ("2026-11-20", 5, five_customers, names);
  g_autoptr(RcvChart) chart = rcv_chart_new_customers (report, &eur, 10);

  /* the description says the name as it is drawn */
  for (guint i = 0; i < rcv_chart_get_n_elements (chart); i++)
    {
      g_autofree char *tip = rcv_chart_describe_element (chart, i);
      g_autofree char *name = g_strconcat (shown[rcv_chart_get_customer_id (chart, i) - 1], ": ",
                                           NULL);

      g_assert_true (g_str_has_prefix (tip, name));
      g_assert_null (strstr (tip, "\u202E"));
    }
  draw_and_check_inside (chart, 420, 300, NULL);
  free_report (report);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/chart/aging-geometry", test_aging_geometry);
  g_test_add_func ("/core/chart/customers-geometry", test_customers_geometry);
  g_test_add_func ("/core/chart/empty-and-one-customer", test_empty_and_one_customer);
  g_test_add_func ("/core/chart/extreme-values", test_extreme_values);
  g_test_add_func ("/core/chart/trend-geometry", test_trend_geometry);
  g_test_add_func ("/core/chart/hidpi-edges", test_hidpi_edges);
  g_test_add_func ("/core/chart/export", test_export);
  g_test_add_func ("/core/chart/describe", test_describe);
  g_test_add_func ("/core/chart/bidi-names", test_bidi_names);
  g_test_add_func ("/core/chart/from-database", test_from_database);
  g_test_add_func ("/core/trend/month-ends", test_month_ends);
  g_test_add_func ("/core/trend/totals-match-report", test_totals_match_report);
  g_test_add_func ("/core/trend/dso", test_dso);

  status = g_test_run ();
  /* let go of the font caches, so that valgrind sees only what the charts might leak */
  rcv_test_release_fonts ();
  return status;
}
