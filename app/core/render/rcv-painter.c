/* rcv-painter.c - the charts' painter: colours, crisp rectangles and hairlines, text, value
 * axes, legends and the areas a pointer finds
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

Rgb
rcv_painter_ramp_colour (const Painter *p,
                         guint          index)
{
  return p->style->dark ? ramp_dark[index] : ramp_light[index];
}

Rgb
rcv_painter_bucket_colour (const Painter *p,
                           guint          bucket)
{
  guint n = p->chart->n_buckets;
  guint index = n > 1 ? (bucket * (RCV_AGING_MAX_BUCKETS - 1) * 2 + (n - 1)) / (2 * (n - 1)) : 0;

  return rcv_painter_ramp_colour (p, MIN (index, RCV_AGING_MAX_BUCKETS - 1));
}

void
rcv_painter_set_colour (const Painter *p,
                        Rgb            colour,
                        double         alpha)
{
  cairo_set_source_rgba (p->cr, colour.r, colour.g, colour.b, alpha);
}

void
rcv_painter_set_fg (const Painter *p,
                    double         alpha)
{
  rcv_painter_set_colour (p, p->fg, alpha);
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

void
rcv_painter_fill_rect (const Painter *p,
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
void
rcv_painter_hairline (const Painter *p,
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

PangoLayout *
rcv_painter_text_layout (const Painter              *p,
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

void
rcv_painter_layout_size (PangoLayout *layout,
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

double
rcv_painter_text_width (const Painter              *p,
                        const char                 *text,
                        const PangoFontDescription *font)
{
  g_autoptr(PangoLayout) layout = rcv_painter_text_layout (p, text, font, -1, 1);
  double width;

  rcv_painter_layout_size (layout, &width, NULL);
  return width;
}

double
rcv_painter_line_height (const Painter              *p,
                         const PangoFontDescription *font)
{
  g_autoptr(PangoLayout) layout = rcv_painter_text_layout (p, "Ag", font, -1, 1);
  double height;

  rcv_painter_layout_size (layout, NULL, &height);
  return height;
}

/* Draws a layout with its top-left corner at (x, y), kept inside the drawing. */
void
rcv_painter_show_layout (const Painter *p,
                         PangoLayout   *layout,
                         double         x,
                         double         y)
{
  double w, h;

  rcv_painter_layout_size (layout, &w, &h);
  x = CLAMP (x, 0, MAX (p->width - w, 0));
  y = CLAMP (y, 0, MAX (p->height - h, 0));
  cairo_move_to (p->cr, x, y);
  pango_cairo_show_layout (p->cr, layout);
}

/* One line of text, aligned on x, its middle on y_middle. */
void
rcv_painter_show_text (const Painter              *p,
                       const char                 *text,
                       const PangoFontDescription *font,
                       double                      x,
                       double                      y_middle,
                       Align                       align)
{
  g_autoptr(PangoLayout) layout = rcv_painter_text_layout (p, text, font, -1, 1);
  double w, h;

  rcv_painter_layout_size (layout, &w, &h);
  if (align == ALIGN_CENTER)
    x -= w / 2;
  else if (align == ALIGN_END)
    x -= w;
  rcv_painter_show_layout (p, layout, x, y_middle - h / 2);
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

void
rcv_painter_axis_clear (Axis *axis)
{
  for (guint i = 0; i <= axis->n; i++)
    g_clear_pointer (&axis->labels[i], g_free);
}

/* Chooses the axis for values up to max with about n_ticks marks, and sets their labels:
 * whole currency units when the step is whole. */
void
rcv_painter_axis_init (Axis          *axis,
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
      axis->label_width = MAX (axis->label_width,
                               rcv_painter_text_width (p, axis->labels[i], p->small));
    }
}

double
rcv_painter_axis_fraction (const Axis *axis,
                           gint64      value)
{
  return (double) MAX (value, 0) / (double) axis->max;
}

void
rcv_painter_draw_value_axis (const Painter *p,
                             const Axis    *axis)
{
  const RcvChartArea *plot = &p->chart->plot;

  for (guint i = 0; i <= axis->n; i++)
    {
      double y = plot->y + plot->height - plot->height * i / axis->n;

      rcv_painter_set_fg (p, i == 0 ? 0.5 : 0.12);
      rcv_painter_hairline (p, plot->x, y, plot->x + plot->width, y);
      rcv_painter_set_fg (p, 0.7);
      rcv_painter_show_text (p, axis->labels[i], p->small, plot->x - GAP, y, ALIGN_END);
    }
}

/* Swatches and names in a row, wrapping; returns the height used. */
double
rcv_painter_draw_legend (const Painter     *p,
                         const char *const *labels,
                         const Rgb         *colours,
                         guint              n,
                         double             y)
{
  double line = rcv_painter_line_height (p, p->small);
  double swatch = MAX (line * 0.7, 4);
  double x = p->content.x;
  double rows = 1;

  for (guint i = 0; i < n; i++)
    {
      double w = swatch + 4 + rcv_painter_text_width (p, labels[i], p->small);

      if (x > p->content.x && x + w > p->content.x + p->content.width)
        {
          x = p->content.x;
          y += line + 2;
          rows++;
        }
      rcv_painter_set_colour (p, colours[i], 1);
      rcv_painter_fill_rect (p, x, y + (line - swatch) / 2, swatch, swatch);
      rcv_painter_set_fg (p, 0.8);
      rcv_painter_show_text (p, labels[i], p->small, x + swatch + 4, y + line / 2, ALIGN_START);
      x += w + 14;
    }
  return rows * (line + 2);
}

void
rcv_painter_add_area (GArray *array,
                      double  x,
                      double  y,
                      double  w,
                      double  h)
{
  RcvChartArea area = { x, y, w, h };

  g_array_append_val (array, area);
}

void
rcv_painter_outline_highlight (const Painter *p,
                               double         x,
                               double         y,
                               double         w,
                               double         h)
{
  rcv_painter_set_fg (p, 0.9);
  cairo_set_line_width (p->cr, 2);
  cairo_rectangle (p->cr, x - 2, y - 2, w + 4, h + 4);
  cairo_stroke (p->cr);
}
