/* rcv-chart-draw.c - the aging charts' drawing, the same on a widget, a PNG, an SVG or a PDF
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Units are the cairo_t's user units: logical pixels on a widget (GTK scales them for HiDPI),
 * pixels for a PNG, points for SVG and PDF. Edges of bars and hairlines are snapped to the
 * device's pixels so that they stay crisp at any scale factor. Geometry is computed in
 * doubles: it only places marks, every amount a person reads is formatted from the exact
 * gint64 figures.
 *
 * The palette is Okabe and Ito's, which people with any common colour-vision deficiency can
 * tell apart, ordered from cool (current) to warm (oldest), in a lighter variant for the dark
 * style. Labels are set with Pango as plain text: customer names are never markup.
 */
#define G_LOG_DOMAIN "rcv-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "rcv-chart-private.h"
#include "rcv-date.h"
#include "rcv-painter-private.h"

#define PADDING 12.0

/* Outstanding and overdue in the trend: blue and vermillion, as current and late above. */
#define OUTSTANDING_COLOUR 0
#define OVERDUE_COLOUR 7

static void
paint_aging (Painter *p)
{
  RcvChart *chart = p->chart;
  double small_line = rcv_painter_line_height (p, p->small);
  double top = 2 * small_line + 4;
  double bottom = 2 * small_line + GAP;
  double slot, bar_w;
  gint64 max = 0;
  Axis axis = { 0, };

  for (guint b = 0; b < chart->n_buckets; b++)
    max = MAX (max, chart->buckets[b]);
  rcv_painter_axis_init (&axis, p, max, p->content.height > 200 ? 5 : 3);

  chart->plot.x = p->content.x + axis.label_width + GAP;
  chart->plot.y = p->content.y + top;
  chart->plot.width = MAX (p->content.width - axis.label_width - GAP, 1);
  chart->plot.height = MAX (p->content.height - top - bottom, 1);
  rcv_painter_draw_value_axis (p, &axis);

  slot = chart->plot.width / chart->n_buckets;
  bar_w = MAX (slot * 0.62, 1);
  for (guint b = 0; b < chart->n_buckets; b++)
    {
      double h = chart->plot.height * rcv_painter_axis_fraction (&axis, chart->buckets[b]);
      double x = chart->plot.x + slot * b + (slot - bar_w) / 2;
      double y = chart->plot.y + chart->plot.height - h;
      g_autofree char *amount = rcv_money_format (chart->buckets[b], &chart->currency);
      g_autofree char *share = chart->outstanding > 0
                                 ? rcv_percent_format_share (chart->buckets[b],
                                                             chart->outstanding)
                                 : g_strdup ("");
      g_autoptr(PangoLayout) label = NULL;

      rcv_painter_set_colour (p, rcv_painter_bucket_colour (p, b), 1);
      rcv_painter_fill_rect (p, x, y, bar_w, h);
      rcv_painter_add_area (chart->areas, x, y, bar_w, h);
      rcv_painter_add_area (chart->targets, chart->plot.x + slot * b, p->content.y, slot,
                            p->content.height);
      if ((int) b == p->highlight)
        rcv_painter_outline_highlight (p, x, MIN (y, chart->plot.y + chart->plot.height - 1), bar_w,
                                       MAX (h, 1));

      rcv_painter_set_fg (p, 0.9);
      rcv_painter_show_text (p, amount, p->bold, x + bar_w / 2, y - small_line * 1.5 - 2,
                             ALIGN_CENTER);
      rcv_painter_set_fg (p, 0.6);
      rcv_painter_show_text (p, share, p->small, x + bar_w / 2, y - small_line * 0.5 - 2,
                             ALIGN_CENTER);

      label = rcv_painter_text_layout (p, chart->bucket_labels[b], p->small, slot - 4, 2);
      pango_layout_set_alignment (label, PANGO_ALIGN_CENTER);
      rcv_painter_set_fg (p, 0.8);
      rcv_painter_show_layout (p, label, chart->plot.x + slot * b + 2,
                               chart->plot.y + chart->plot.height + GAP / 2);
    }
  rcv_painter_axis_clear (&axis);
}

static void
paint_customers (Painter *p)
{
  RcvChart *chart = p->chart;
  const char *labels[RCV_AGING_MAX_BUCKETS];
  Rgb colours[RCV_AGING_MAX_BUCKETS];
  double small_line = rcv_painter_line_height (p, p->small);
  double legend_h, name_w = 0, amount_w = 0, band, bar_h, plot_bottom;
  guint n = chart->customers->len, n_ticks;
  gint64 max = 0;
  Axis axis = { 0, };

  for (guint b = 0; b < chart->n_buckets; b++)
    {
      labels[b] = chart->bucket_labels[b];
      colours[b] = rcv_painter_bucket_colour (p, b);
    }
  legend_h = rcv_painter_draw_legend (p, labels, colours, chart->n_buckets, p->content.y);

  for (guint i = 0; i < n; i++)
    {
      const RcvChartCustomer *c = &g_array_index (chart->customers, RcvChartCustomer, i);
      g_autofree char *amount = rcv_money_format (c->outstanding, &chart->currency);

      name_w = MAX (name_w, rcv_painter_text_width (p, c->name, p->font));
      amount_w = MAX (amount_w, rcv_painter_text_width (p, amount, p->small));
      max = MAX (max, c->outstanding);
    }
  name_w = MIN (name_w, p->content.width * 0.32);

  /* as many axis marks as their labels leave room for */
  n_ticks = 5;
  do
    {
      rcv_painter_axis_clear (&axis);
      rcv_painter_axis_init (&axis, p, max, n_ticks);
    }
  while (n_ticks-- > 1 &&
         (axis.label_width + GAP * 2) * (axis.n + 1) > p->content.width - name_w - amount_w);

  chart->plot.x = p->content.x + name_w + GAP;
  chart->plot.y = p->content.y + legend_h + GAP;
  chart->plot.width = MAX (p->content.width - name_w - GAP - amount_w - GAP, 1);
  plot_bottom = p->content.y + p->content.height - small_line - 4;
  chart->plot.height = MAX (plot_bottom - chart->plot.y, 1);

  for (guint i = 0; i <= axis.n; i++)
    {
      double x = chart->plot.x + chart->plot.width * i / axis.n;

      rcv_painter_set_fg (p, i == 0 ? 0.5 : 0.12);
      rcv_painter_hairline (p, x, chart->plot.y, x, chart->plot.y + chart->plot.height);
      rcv_painter_set_fg (p, 0.7);
      rcv_painter_show_text (p, axis.labels[i], p->small, x, plot_bottom + 4 + small_line / 2,
                             ALIGN_CENTER);
    }

  /* the largest customers that fit, one line of text each at least */
  n = CLAMP ((guint) (chart->plot.height / (rcv_painter_line_height (p, p->font) * 1.1)), 1, n);
  band = MIN (chart->plot.height / n, rcv_painter_line_height (p, p->font) * 2.4);
  bar_h = MAX (band * 0.62, 1);
  for (guint i = 0; i < n; i++)
    {
      const RcvChartCustomer *c = &g_array_index (chart->customers, RcvChartCustomer, i);
      g_autofree char *amount = rcv_money_format (c->outstanding, &chart->currency);
      g_autoptr(PangoLayout) name = rcv_painter_text_layout (p, c->name, p->font, name_w, 1);
      double y = chart->plot.y + band * i + (band - bar_h) / 2;
      double x = chart->plot.x, total_w = 0, name_h;
      gint64 cumulative = 0;

      /* segments end at the cumulative sum, so that rounding never opens a gap */
      for (guint b = 0; b < chart->n_buckets; b++)
        {
          double x0 = chart->plot.x +
                      chart->plot.width * rcv_painter_axis_fraction (&axis, cumulative);
          double x1;

          cumulative += c->buckets[b];
          x1 = chart->plot.x + chart->plot.width * rcv_painter_axis_fraction (&axis, cumulative);
          rcv_painter_set_colour (p, rcv_painter_bucket_colour (p, b), 1);
          rcv_painter_fill_rect (p, x0, y, x1 - x0, bar_h);
          total_w = x1 - chart->plot.x;
        }
      rcv_painter_add_area (chart->areas, x, y, total_w, bar_h);
      rcv_painter_add_area (chart->targets, p->content.x, chart->plot.y + band * i,
                            p->content.width, band);
      if ((int) i == p->highlight)
        rcv_painter_outline_highlight (p, x, y, MAX (total_w, 1), bar_h);

      rcv_painter_layout_size (name, NULL, &name_h);
      rcv_painter_set_fg (p, 0.9);
      rcv_painter_show_layout (p, name, p->content.x, y + bar_h / 2 - name_h / 2);
      rcv_painter_set_fg (p, 0.8);
      rcv_painter_show_text (p, amount, p->small, x + total_w + GAP / 2, y + bar_h / 2,
                             ALIGN_START);
    }
  rcv_painter_axis_clear (&axis);
}

static double
trend_y (const Painter       *p,
         const Axis          *axis,
         const RcvChartMonth *month,
         gboolean             overdue)
{
  const RcvChartArea *plot = &p->chart->plot;

  return plot->y + plot->height -
         plot->height * rcv_painter_axis_fraction (axis, overdue ? month->overdue
                                                                 : month->outstanding);
}

/* The line of one series, or (band) the area between it and the series below it: overdue
 * lies under outstanding, the axis under overdue. The areas stack, so no colours mix. */
static void
trend_path (const Painter *p,
            const Axis    *axis,
            gboolean       overdue,
            gboolean       band)
{
  RcvChart *chart = p->chart;
  double slot = chart->plot.width / chart->months->len;
  double base = chart->plot.y + chart->plot.height;
  guint n = chart->months->len;

  cairo_new_path (p->cr);
  for (guint i = 0; i < n; i++)
    {
      const RcvChartMonth *m = &g_array_index (chart->months, RcvChartMonth, i);

      cairo_line_to (p->cr, chart->plot.x + slot * (i + 0.5), trend_y (p, axis, m, overdue));
    }
  if (!band)
    return;
  for (guint i = n; i > 0; i--)
    {
      const RcvChartMonth *m = &g_array_index (chart->months, RcvChartMonth, i - 1);

      cairo_line_to (p->cr, chart->plot.x + slot * (i - 0.5),
                     overdue ? base : trend_y (p, axis, m, TRUE));
    }
  cairo_close_path (p->cr);
}

static void
paint_trend (Painter *p)
{
  RcvChart *chart = p->chart;
  const char *labels[2] = { _("Outstanding"), _("Overdue") };
  Rgb colours[2] = { rcv_painter_ramp_colour (p, OUTSTANDING_COLOUR),
                     rcv_painter_ramp_colour (p, OVERDUE_COLOUR) };
  double small_line = rcv_painter_line_height (p, p->small);
  double legend_h, slot, base, month_w = 0;
  guint n = chart->months->len, every;
  GDateYear last_year = 0;
  gint64 max = 0;
  Axis axis = { 0, };

  legend_h = rcv_painter_draw_legend (p, labels, colours, 2, p->content.y);
  for (guint i = 0; i < n; i++)
    {
      const RcvChartMonth *m = &g_array_index (chart->months, RcvChartMonth, i);
      char month[64];

      max = MAX (max, m->outstanding);
      g_date_strftime (month, sizeof month, "%b", &m->date);
      month_w = MAX (month_w, rcv_painter_text_width (p, month, p->small));
    }
  rcv_painter_axis_init (&axis, p, max, p->content.height > 200 ? 5 : 3);

  chart->plot.x = p->content.x + axis.label_width + GAP;
  chart->plot.y = p->content.y + legend_h + GAP + small_line / 2;
  chart->plot.width = MAX (p->content.width - axis.label_width - GAP, 1);
  chart->plot.height = MAX (p->content.height - legend_h - GAP - small_line / 2 -
                            2 * small_line - GAP, 1);
  rcv_painter_draw_value_axis (p, &axis);

  slot = chart->plot.width / n;
  base = chart->plot.y + chart->plot.height;
  every = (guint) ceil ((month_w + GAP) / slot);
  every = MAX (every, 1);

  for (guint s = 0; s < 2; s++)
    {
      Rgb colour = colours[s];

      trend_path (p, &axis, s == 1, TRUE);
      rcv_painter_set_colour (p, colour, p->style->dark ? 0.28 : 0.22);
      cairo_fill (p->cr);
      trend_path (p, &axis, s == 1, FALSE);
      rcv_painter_set_colour (p, colour, 1);
      cairo_set_line_width (p->cr, 2);
      cairo_set_line_join (p->cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (p->cr);
    }

  for (guint i = 0; i < n; i++)
    {
      const RcvChartMonth *m = &g_array_index (chart->months, RcvChartMonth, i);
      double x = chart->plot.x + slot * (i + 0.5);
      double y_out = trend_y (p, &axis, m, FALSE);
      double y_over = trend_y (p, &axis, m, TRUE);
      gboolean lit = (int) i == p->highlight;

      rcv_painter_add_area (chart->areas, x, y_out, 0, base - y_out);
      rcv_painter_add_area (chart->targets, chart->plot.x + slot * i, p->content.y, slot,
                            p->content.height);
      if (lit)
        {
          rcv_painter_set_fg (p, 0.5);
          rcv_painter_hairline (p, x, chart->plot.y, x, base);
        }
      rcv_painter_set_colour (p, colours[0], 1);
      cairo_arc (p->cr, x, y_out, lit ? 5 : 3, 0, 2 * G_PI);
      cairo_fill (p->cr);
      rcv_painter_set_colour (p, colours[1], 1);
      cairo_arc (p->cr, x, y_over, lit ? 5 : 3, 0, 2 * G_PI);
      cairo_fill (p->cr);

      /* month names from the newest backwards, as many as fit; the year under the first
       * one labelled and wherever it changes */
      if ((n - 1 - i) % every == 0)
        {
          char month[64], year[16];

          g_date_strftime (month, sizeof month, "%b", &m->date);
          rcv_painter_set_fg (p, 0.8);
          rcv_painter_show_text (p, month, p->small, x, base + GAP / 2 + small_line / 2,
                                 ALIGN_CENTER);
          if (g_date_get_year (&m->date) != last_year)
            {
              last_year = g_date_get_year (&m->date);
              g_date_strftime (year, sizeof year, "%Y", &m->date);
              rcv_painter_set_fg (p, 0.6);
              rcv_painter_show_text (p, year, p->small, x, base + GAP / 2 + small_line * 1.5,
                                     ALIGN_CENTER);
            }
        }
    }
  rcv_painter_axis_clear (&axis);
}

static void
paint_title (Painter *p)
{
  g_autofree char *date = rcv_date_format_locale (&p->chart->as_of);
  /* Translators: under a chart's title in an exported file; %s is a date */
  g_autofree char *as_of = g_strdup_printf (_("As of %s"), date);
  g_autoptr(PangoLayout) title = rcv_painter_text_layout (p, rcv_chart_get_title (p->chart),
                                                          p->title, p->content.width, 1);
  double title_h = rcv_painter_line_height (p, p->title);
  double small_h = rcv_painter_line_height (p, p->small);

  rcv_painter_set_fg (p, 0.9);
  rcv_painter_show_layout (p, title, p->content.x, p->content.y);
  rcv_painter_set_fg (p, 0.6);
  rcv_painter_show_text (p, as_of, p->small, p->content.x, p->content.y + title_h + small_h / 2,
                         ALIGN_START);
  p->content.y += title_h + small_h + GAP * 1.5;
  p->content.height -= title_h + small_h + GAP * 1.5;
}

void
rcv_chart_paint (RcvChart            *chart,
                 cairo_t             *cr,
                 double               width,
                 double               height,
                 const RcvChartStyle *style,
                 int                  highlight)
{
  Painter p = { 0, };
  double padding = MIN (PADDING, MIN (width, height) / 10);

  p.chart = chart;
  p.cr = cr;
  p.style = style;
  p.width = width;
  p.height = height;
  p.highlight = highlight;
  p.fg = style->dark ? (Rgb) { 1, 1, 1 } : (Rgb) { 0, 0, 0 };
  p.font = pango_font_description_from_string (style->font != NULL ? style->font : "Sans 10");
  p.small = pango_font_description_copy (p.font);
  pango_font_description_set_size (p.small,
                                   (int) (pango_font_description_get_size (p.font) * 0.88));
  p.bold = pango_font_description_copy (p.small);
  pango_font_description_set_weight (p.bold, PANGO_WEIGHT_BOLD);
  p.title = pango_font_description_copy (p.font);
  pango_font_description_set_size (p.title,
                                   (int) (pango_font_description_get_size (p.font) * 1.3));
  pango_font_description_set_weight (p.title, PANGO_WEIGHT_BOLD);
  p.content = (RcvChartArea) { padding, padding, width - 2 * padding, height - 2 * padding };

  g_array_set_size (chart->areas, 0);
  g_array_set_size (chart->targets, 0);
  chart->plot = p.content;

  /* nothing may land outside the rectangle handed to us */
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  if (style->background)
    {
      if (style->dark)
        cairo_set_source_rgb (cr, 0.141, 0.141, 0.141);
      else
        cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      paint_title (&p);
    }

  if (rcv_chart_is_empty (chart))
    {
      chart->plot = p.content;
      rcv_painter_set_fg (&p, 0.55);
      rcv_painter_show_text (&p, _("No open invoices"), p.font, p.content.x + p.content.width / 2,
                             p.content.y + p.content.height / 2, ALIGN_CENTER);
    }
  else
    switch (chart->kind)
      {
      case RCV_CHART_AGING:
        paint_aging (&p);
        break;
      case RCV_CHART_CUSTOMERS:
        paint_customers (&p);
        break;
      case RCV_CHART_TREND:
      default:
        paint_trend (&p);
        break;
      }

  pango_font_description_free (p.font);
  pango_font_description_free (p.small);
  pango_font_description_free (p.bold);
  pango_font_description_free (p.title);
}

