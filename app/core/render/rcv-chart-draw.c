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

#define PADDING 12.0
#define GAP 8.0

typedef struct
{
  double r, g, b;
} Rgb;

typedef struct
{
  RcvChart *chart;
  cairo_t *cr;
  const RcvChartStyle *style;
  PangoFontDescription *font;
  PangoFontDescription *small;
  PangoFontDescription *bold;
  PangoFontDescription *title;
  Rgb fg;
  double width;
  double height;
  int highlight;
  RcvChartArea content;
} Painter;

/* From cool to warm; n buckets take evenly spaced entries, so that five give blue, sky blue,
 * orange, vermillion and wine whatever the boundaries. */
static const Rgb ramp_light[] = {
  { 0.000, 0.447, 0.698 },   /* blue #0072B2 */
  { 0.180, 0.580, 0.800 },
  { 0.337, 0.706, 0.914 },   /* sky blue #56B4E9 */
  { 0.000, 0.620, 0.451 },   /* bluish green #009E73 */
  { 0.780, 0.690, 0.000 },   /* dark yellow */
  { 0.902, 0.624, 0.000 },   /* orange #E69F00 */
  { 0.870, 0.490, 0.000 },
  { 0.835, 0.369, 0.000 },   /* vermillion #D55E00 */
  { 0.800, 0.475, 0.655 },   /* reddish purple #CC79A7 */
  { 0.533, 0.133, 0.333 },   /* wine #882255 */
};
static const Rgb ramp_dark[] = {
  { 0.290, 0.620, 0.870 },
  { 0.380, 0.690, 0.910 },
  { 0.486, 0.780, 0.949 },
  { 0.180, 0.769, 0.596 },
  { 0.941, 0.894, 0.259 },
  { 0.949, 0.702, 0.239 },
  { 0.941, 0.600, 0.250 },
  { 0.941, 0.486, 0.227 },
  { 0.886, 0.608, 0.769 },
  { 0.816, 0.376, 0.604 },
};
G_STATIC_ASSERT (G_N_ELEMENTS (ramp_light) == RCV_AGING_MAX_BUCKETS);
G_STATIC_ASSERT (G_N_ELEMENTS (ramp_dark) == RCV_AGING_MAX_BUCKETS);

/* Outstanding and overdue in the trend: blue and vermillion, as current and late above. */
#define OUTSTANDING_COLOUR 0
#define OVERDUE_COLOUR 7

static Rgb
ramp_colour (const Painter *p,
             guint          index)
{
  return p->style->dark ? ramp_dark[index] : ramp_light[index];
}

static Rgb
bucket_colour (const Painter *p,
               guint          bucket)
{
  guint n = p->chart->n_buckets;
  guint index = n > 1 ? (bucket * (RCV_AGING_MAX_BUCKETS - 1) * 2 + (n - 1)) / (2 * (n - 1)) : 0;

  return ramp_colour (p, MIN (index, RCV_AGING_MAX_BUCKETS - 1));
}

static void
set_colour (const Painter *p,
            Rgb            colour,
            double         alpha)
{
  cairo_set_source_rgba (p->cr, colour.r, colour.g, colour.b, alpha);
}

static void
set_fg (const Painter *p,
        double         alpha)
{
  set_colour (p, p->fg, alpha);
}

/* Rounds a rectangle's edges to device pixels: crisp at scale 1, 2 or 1.25. */
static void
snap_rect (cairo_t *cr,
           double  *x,
           double  *y,
           double  *w,
           double  *h)
{
  double x0 = *x, y0 = *y, x1 = *x + *w, y1 = *y + *h;

  cairo_user_to_device (cr, &x0, &y0);
  cairo_user_to_device (cr, &x1, &y1);
  x0 = round (x0);
  y0 = round (y0);
  x1 = round (x1);
  y1 = round (y1);
  cairo_device_to_user (cr, &x0, &y0);
  cairo_device_to_user (cr, &x1, &y1);
  *x = x0;
  *y = y0;
  *w = x1 - x0;
  *h = y1 - y0;
}

static void
fill_rect (const Painter *p,
           double         x,
           double         y,
           double         w,
           double         h)
{
  if (w <= 0 || h <= 0)
    return;
  snap_rect (p->cr, &x, &y, &w, &h);
  cairo_rectangle (p->cr, x, y, w, h);
  cairo_fill (p->cr);
}

/* A one-device-pixel line through the middle of a pixel row or column. */
static void
hairline (const Painter *p,
          double         x0,
          double         y0,
          double         x1,
          double         y1)
{
  double dx = 1, dy = 1;

  cairo_user_to_device (p->cr, &x0, &y0);
  cairo_user_to_device (p->cr, &x1, &y1);
  if (x0 == x1)
    x0 = x1 = floor (x0) + 0.5;
  else
    y0 = y1 = floor (y0) + 0.5;
  cairo_device_to_user (p->cr, &x0, &y0);
  cairo_device_to_user (p->cr, &x1, &y1);
  cairo_device_to_user_distance (p->cr, &dx, &dy);
  cairo_set_line_width (p->cr, MIN (fabs (dx), fabs (dy)));
  cairo_move_to (p->cr, x0, y0);
  cairo_line_to (p->cr, x1, y1);
  cairo_stroke (p->cr);
}

static PangoLayout *
text_layout (const Painter              *p,
             const char                 *text,
             const PangoFontDescription *font,
             double                      max_width,
             int                         max_lines)
{
  PangoLayout *layout = pango_cairo_create_layout (p->cr);

  pango_layout_set_font_description (layout, font);
  /* plain text: names come from users and are never markup */
  pango_layout_set_text (layout, text, -1);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (layout, -MAX (max_lines, 1));
    }
  return layout;
}

static void
layout_size (PangoLayout *layout,
             double      *width,
             double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

static double
text_width (const Painter              *p,
            const char                 *text,
            const PangoFontDescription *font)
{
  g_autoptr(PangoLayout) layout = text_layout (p, text, font, -1, 1);
  double width;

  layout_size (layout, &width, NULL);
  return width;
}

static double
line_height (const Painter              *p,
             const PangoFontDescription *font)
{
  g_autoptr(PangoLayout) layout = text_layout (p, "Ag", font, -1, 1);
  double height;

  layout_size (layout, NULL, &height);
  return height;
}

/* Draws a layout with its top-left corner at (x, y), kept inside the drawing. */
static void
show_layout (const Painter *p,
             PangoLayout   *layout,
             double         x,
             double         y)
{
  double w, h;

  layout_size (layout, &w, &h);
  x = CLAMP (x, 0, MAX (p->width - w, 0));
  y = CLAMP (y, 0, MAX (p->height - h, 0));
  cairo_move_to (p->cr, x, y);
  pango_cairo_show_layout (p->cr, layout);
}

typedef enum
{
  ALIGN_START,
  ALIGN_CENTER,
  ALIGN_END,
} Align;

/* One line of text, aligned on x, its middle on y_middle. */
static void
show_text (const Painter              *p,
           const char                 *text,
           const PangoFontDescription *font,
           double                      x,
           double                      y_middle,
           Align                       align)
{
  g_autoptr(PangoLayout) layout = text_layout (p, text, font, -1, 1);
  double w, h;

  layout_size (layout, &w, &h);
  if (align == ALIGN_CENTER)
    x -= w / 2;
  else if (align == ALIGN_END)
    x -= w;
  show_layout (p, layout, x, y_middle - h / 2);
}

/* An axis step of 1, 2 or 5 × 10ⁿ minor units, giving at most n_ticks steps up to max. */
static gint64
nice_step (gint64 max,
           guint  n_ticks)
{
  gint64 raw = MAX ((max + n_ticks - 1) / n_ticks, 1);
  gint64 magnitude = 1;

  if (raw > G_MAXINT64 / 20)
    return raw;
  while (magnitude <= raw / 10)
    magnitude *= 10;
  if (raw <= magnitude)
    return magnitude;
  if (raw <= 2 * magnitude)
    return 2 * magnitude;
  if (raw <= 5 * magnitude)
    return 5 * magnitude;
  return 10 * magnitude;
}

typedef struct
{
  gint64 step;
  gint64 max;
  guint n;
  double label_width;
  char *labels[12];
} Axis;

static void
axis_clear (Axis *axis)
{
  for (guint i = 0; i <= axis->n; i++)
    g_clear_pointer (&axis->labels[i], g_free);
}

/* Chooses the axis for values up to max with about n_ticks marks, and sets their labels:
 * whole currency units when the step is whole. */
static void
axis_init (Axis          *axis,
           const Painter *p,
           gint64         max,
           guint          n_ticks)
{
  gint64 unit = 1;

  for (guint d = 0; d < p->chart->currency.decimals; d++)
    unit *= 10;
  n_ticks = CLAMP (n_ticks, 1, 10);
  axis->step = nice_step (MAX (max, 1), n_ticks);
  axis->n = (guint) ((MAX (max, 1) + axis->step - 1) / axis->step);
  axis->max = axis->step * axis->n;
  axis->label_width = 0;
  for (guint i = 0; i <= axis->n; i++)
    {
      gint64 value = axis->step * i;

      axis->labels[i] = axis->step % unit == 0
                          ? rcv_money_format_whole (value, &p->chart->currency)
                          : rcv_money_format (value, &p->chart->currency);
      axis->label_width = MAX (axis->label_width, text_width (p, axis->labels[i], p->small));
    }
}

static double
axis_fraction (const Axis *axis,
               gint64      value)
{
  return (double) MAX (value, 0) / (double) axis->max;
}

static void
draw_value_axis (const Painter *p,
                 const Axis    *axis)
{
  const RcvChartArea *plot = &p->chart->plot;

  for (guint i = 0; i <= axis->n; i++)
    {
      double y = plot->y + plot->height - plot->height * i / axis->n;

      set_fg (p, i == 0 ? 0.5 : 0.12);
      hairline (p, plot->x, y, plot->x + plot->width, y);
      set_fg (p, 0.7);
      show_text (p, axis->labels[i], p->small, plot->x - GAP, y, ALIGN_END);
    }
}

/* Swatches and names in a row, wrapping; returns the height used. */
static double
draw_legend (const Painter     *p,
             const char *const *labels,
             const Rgb         *colours,
             guint              n,
             double             y)
{
  double line = line_height (p, p->small);
  double swatch = MAX (line * 0.7, 4);
  double x = p->content.x;
  double rows = 1;

  for (guint i = 0; i < n; i++)
    {
      double w = swatch + 4 + text_width (p, labels[i], p->small);

      if (x > p->content.x && x + w > p->content.x + p->content.width)
        {
          x = p->content.x;
          y += line + 2;
          rows++;
        }
      set_colour (p, colours[i], 1);
      fill_rect (p, x, y + (line - swatch) / 2, swatch, swatch);
      set_fg (p, 0.8);
      show_text (p, labels[i], p->small, x + swatch + 4, y + line / 2, ALIGN_START);
      x += w + 14;
    }
  return rows * (line + 2);
}

static void
add_area (GArray *array,
          double  x,
          double  y,
          double  w,
          double  h)
{
  RcvChartArea area = { x, y, w, h };

  g_array_append_val (array, area);
}

static void
outline_highlight (const Painter *p,
                   double         x,
                   double         y,
                   double         w,
                   double         h)
{
  set_fg (p, 0.9);
  cairo_set_line_width (p->cr, 2);
  cairo_rectangle (p->cr, x - 2, y - 2, w + 4, h + 4);
  cairo_stroke (p->cr);
}

static void
paint_aging (Painter *p)
{
  RcvChart *chart = p->chart;
  double small_line = line_height (p, p->small);
  double top = 2 * small_line + 4;
  double bottom = 2 * small_line + GAP;
  double slot, bar_w;
  gint64 max = 0;
  Axis axis = { 0, };

  for (guint b = 0; b < chart->n_buckets; b++)
    max = MAX (max, chart->buckets[b]);
  axis_init (&axis, p, max, p->content.height > 200 ? 5 : 3);

  chart->plot.x = p->content.x + axis.label_width + GAP;
  chart->plot.y = p->content.y + top;
  chart->plot.width = MAX (p->content.width - axis.label_width - GAP, 1);
  chart->plot.height = MAX (p->content.height - top - bottom, 1);
  draw_value_axis (p, &axis);

  slot = chart->plot.width / chart->n_buckets;
  bar_w = MAX (slot * 0.62, 1);
  for (guint b = 0; b < chart->n_buckets; b++)
    {
      double h = chart->plot.height * axis_fraction (&axis, chart->buckets[b]);
      double x = chart->plot.x + slot * b + (slot - bar_w) / 2;
      double y = chart->plot.y + chart->plot.height - h;
      g_autofree char *amount = rcv_money_format (chart->buckets[b], &chart->currency);
      g_autofree char *share = chart->outstanding > 0
                                 ? rcv_percent_format_share (chart->buckets[b],
                                                             chart->outstanding)
                                 : g_strdup ("");
      g_autoptr(PangoLayout) label = NULL;

      set_colour (p, bucket_colour (p, b), 1);
      fill_rect (p, x, y, bar_w, h);
      add_area (chart->areas, x, y, bar_w, h);
      add_area (chart->targets, chart->plot.x + slot * b, p->content.y, slot,
                p->content.height);
      if ((int) b == p->highlight)
        outline_highlight (p, x, MIN (y, chart->plot.y + chart->plot.height - 1), bar_w,
                           MAX (h, 1));

      set_fg (p, 0.9);
      show_text (p, amount, p->bold, x + bar_w / 2, y - small_line * 1.5 - 2, ALIGN_CENTER);
      set_fg (p, 0.6);
      show_text (p, share, p->small, x + bar_w / 2, y - small_line * 0.5 - 2, ALIGN_CENTER);

      label = text_layout (p, chart->bucket_labels[b], p->small, slot - 4, 2);
      pango_layout_set_alignment (label, PANGO_ALIGN_CENTER);
      set_fg (p, 0.8);
      show_layout (p, label, chart->plot.x + slot * b + 2,
                   chart->plot.y + chart->plot.height + GAP / 2);
    }
  axis_clear (&axis);
}

static void
paint_customers (Painter *p)
{
  RcvChart *chart = p->chart;
  const char *labels[RCV_AGING_MAX_BUCKETS];
  Rgb colours[RCV_AGING_MAX_BUCKETS];
  double small_line = line_height (p, p->small);
  double legend_h, name_w = 0, amount_w = 0, band, bar_h, plot_bottom;
  guint n = chart->customers->len, n_ticks;
  gint64 max = 0;
  Axis axis = { 0, };

  for (guint b = 0; b < chart->n_buckets; b++)
    {
      labels[b] = chart->bucket_labels[b];
      colours[b] = bucket_colour (p, b);
    }
  legend_h = draw_legend (p, labels, colours, chart->n_buckets, p->content.y);

  for (guint i = 0; i < n; i++)
    {
      const RcvChartCustomer *c = &g_array_index (chart->customers, RcvChartCustomer, i);
      g_autofree char *amount = rcv_money_format (c->outstanding, &chart->currency);

      name_w = MAX (name_w, text_width (p, c->name, p->font));
      amount_w = MAX (amount_w, text_width (p, amount, p->small));
      max = MAX (max, c->outstanding);
    }
  name_w = MIN (name_w, p->content.width * 0.32);

  /* as many axis marks as their labels leave room for */
  n_ticks = 5;
  do
    {
      axis_clear (&axis);
      axis_init (&axis, p, max, n_ticks);
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

      set_fg (p, i == 0 ? 0.5 : 0.12);
      hairline (p, x, chart->plot.y, x, chart->plot.y + chart->plot.height);
      set_fg (p, 0.7);
      show_text (p, axis.labels[i], p->small, x, plot_bottom + 4 + small_line / 2,
                 ALIGN_CENTER);
    }

  /* the largest customers that fit, one line of text each at least */
  n = CLAMP ((guint) (chart->plot.height / (line_height (p, p->font) * 1.1)), 1, n);
  band = MIN (chart->plot.height / n, line_height (p, p->font) * 2.4);
  bar_h = MAX (band * 0.62, 1);
  for (guint i = 0; i < n; i++)
    {
      const RcvChartCustomer *c = &g_array_index (chart->customers, RcvChartCustomer, i);
      g_autofree char *amount = rcv_money_format (c->outstanding, &chart->currency);
      g_autoptr(PangoLayout) name = text_layout (p, c->name, p->font, name_w, 1);
      double y = chart->plot.y + band * i + (band - bar_h) / 2;
      double x = chart->plot.x, total_w = 0, name_h;
      gint64 cumulative = 0;

      /* segments end at the cumulative sum, so that rounding never opens a gap */
      for (guint b = 0; b < chart->n_buckets; b++)
        {
          double x0 = chart->plot.x + chart->plot.width * axis_fraction (&axis, cumulative);
          double x1;

          cumulative += c->buckets[b];
          x1 = chart->plot.x + chart->plot.width * axis_fraction (&axis, cumulative);
          set_colour (p, bucket_colour (p, b), 1);
          fill_rect (p, x0, y, x1 - x0, bar_h);
          total_w = x1 - chart->plot.x;
        }
      add_area (chart->areas, x, y, total_w, bar_h);
      add_area (chart->targets, p->content.x, chart->plot.y + band * i, p->content.width,
                band);
      if ((int) i == p->highlight)
        outline_highlight (p, x, y, MAX (total_w, 1), bar_h);

      layout_size (name, NULL, &name_h);
      set_fg (p, 0.9);
      show_layout (p, name, p->content.x, y + bar_h / 2 - name_h / 2);
      set_fg (p, 0.8);
      show_text (p, amount, p->small, x + total_w + GAP / 2, y + bar_h / 2, ALIGN_START);
    }
  axis_clear (&axis);
}

static double
trend_y (const Painter       *p,
         const Axis          *axis,
         const RcvChartMonth *month,
         gboolean             overdue)
{
  const RcvChartArea *plot = &p->chart->plot;

  return plot->y + plot->height -
         plot->height * axis_fraction (axis, overdue ? month->overdue : month->outstanding);
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
  Rgb colours[2] = { ramp_colour (p, OUTSTANDING_COLOUR), ramp_colour (p, OVERDUE_COLOUR) };
  double small_line = line_height (p, p->small);
  double legend_h, slot, base, month_w = 0;
  guint n = chart->months->len, every;
  GDateYear last_year = 0;
  gint64 max = 0;
  Axis axis = { 0, };

  legend_h = draw_legend (p, labels, colours, 2, p->content.y);
  for (guint i = 0; i < n; i++)
    {
      const RcvChartMonth *m = &g_array_index (chart->months, RcvChartMonth, i);
      char month[64];

      max = MAX (max, m->outstanding);
      g_date_strftime (month, sizeof month, "%b", &m->date);
      month_w = MAX (month_w, text_width (p, month, p->small));
    }
  axis_init (&axis, p, max, p->content.height > 200 ? 5 : 3);

  chart->plot.x = p->content.x + axis.label_width + GAP;
  chart->plot.y = p->content.y + legend_h + GAP + small_line / 2;
  chart->plot.width = MAX (p->content.width - axis.label_width - GAP, 1);
  chart->plot.height = MAX (p->content.height - legend_h - GAP - small_line / 2 -
                            2 * small_line - GAP, 1);
  draw_value_axis (p, &axis);

  slot = chart->plot.width / n;
  base = chart->plot.y + chart->plot.height;
  every = (guint) ceil ((month_w + GAP) / slot);
  every = MAX (every, 1);

  for (guint s = 0; s < 2; s++)
    {
      Rgb colour = colours[s];

      trend_path (p, &axis, s == 1, TRUE);
      set_colour (p, colour, p->style->dark ? 0.28 : 0.22);
      cairo_fill (p->cr);
      trend_path (p, &axis, s == 1, FALSE);
      set_colour (p, colour, 1);
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

      add_area (chart->areas, x, y_out, 0, base - y_out);
      add_area (chart->targets, chart->plot.x + slot * i, p->content.y, slot,
                p->content.height);
      if (lit)
        {
          set_fg (p, 0.5);
          hairline (p, x, chart->plot.y, x, base);
        }
      set_colour (p, colours[0], 1);
      cairo_arc (p->cr, x, y_out, lit ? 5 : 3, 0, 2 * G_PI);
      cairo_fill (p->cr);
      set_colour (p, colours[1], 1);
      cairo_arc (p->cr, x, y_over, lit ? 5 : 3, 0, 2 * G_PI);
      cairo_fill (p->cr);

      /* month names from the newest backwards, as many as fit; the year under the first
       * one labelled and wherever it changes */
      if ((n - 1 - i) % every == 0)
        {
          char month[64], year[16];

          g_date_strftime (month, sizeof month, "%b", &m->date);
          set_fg (p, 0.8);
          show_text (p, month, p->small, x, base + GAP / 2 + small_line / 2, ALIGN_CENTER);
          if (g_date_get_year (&m->date) != last_year)
            {
              last_year = g_date_get_year (&m->date);
              g_date_strftime (year, sizeof year, "%Y", &m->date);
              set_fg (p, 0.6);
              show_text (p, year, p->small, x, base + GAP / 2 + small_line * 1.5, ALIGN_CENTER);
            }
        }
    }
  axis_clear (&axis);
}

static void
paint_title (Painter *p)
{
  g_autofree char *date = rcv_date_format_locale (&p->chart->as_of);
  /* Translators: under a chart's title in an exported file; %s is a date */
  g_autofree char *as_of = g_strdup_printf (_("As of %s"), date);
  g_autoptr(PangoLayout) title = text_layout (p, rcv_chart_get_title (p->chart), p->title,
                                              p->content.width, 1);
  double title_h = line_height (p, p->title), small_h = line_height (p, p->small);

  set_fg (p, 0.9);
  show_layout (p, title, p->content.x, p->content.y);
  set_fg (p, 0.6);
  show_text (p, as_of, p->small, p->content.x, p->content.y + title_h + small_h / 2,
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
      set_fg (&p, 0.55);
      show_text (&p, _("No open invoices"), p.font, p.content.x + p.content.width / 2,
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
