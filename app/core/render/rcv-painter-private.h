/* rcv-painter-private.h - what the charts' drawing shares: the painter on a cairo_t, its
 * colours, text and axes (rcv-painter.c, rcv-chart-draw.c)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "rcv-chart-private.h"

G_BEGIN_DECLS

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

typedef enum
{
  ALIGN_START,
  ALIGN_CENTER,
  ALIGN_END,
} Align;

typedef struct
{
  gint64 step;
  gint64 max;
  guint n;
  double label_width;
  char *labels[12];
} Axis;

Rgb rcv_painter_ramp_colour (const Painter *p,
                             guint          index);
Rgb rcv_painter_bucket_colour (const Painter *p,
                               guint          bucket);
void rcv_painter_set_colour (const Painter *p,
                             Rgb            colour,
                             double         alpha);
void rcv_painter_set_fg (const Painter *p,
                         double         alpha);
void rcv_painter_fill_rect (const Painter *p,
                            double         x,
                            double         y,
                            double         w,
                            double         h);
void rcv_painter_hairline (const Painter *p,
                           double         x0,
                           double         y0,
                           double         x1,
                           double         y1);
PangoLayout *rcv_painter_text_layout (const Painter              *p,
                                      const char                 *text,
                                      const PangoFontDescription *font,
                                      double                      max_width,
                                      int                         max_lines);
void rcv_painter_layout_size (PangoLayout *layout,
                              double      *width,
                              double      *height);
double rcv_painter_text_width (const Painter              *p,
                               const char                 *text,
                               const PangoFontDescription *font);
double rcv_painter_line_height (const Painter              *p,
                                const PangoFontDescription *font);
void rcv_painter_show_layout (const Painter *p,
                              PangoLayout   *layout,
                              double         x,
                              double         y);
void rcv_painter_show_text (const Painter              *p,
                            const char                 *text,
                            const PangoFontDescription *font,
                            double                      x,
                            double                      y_middle,
                            Align                       align);
void rcv_painter_axis_clear (Axis *axis);
void rcv_painter_axis_init (Axis          *axis,
                            const Painter *p,
                            gint64         max,
                            guint          n_ticks);
double rcv_painter_axis_fraction (const Axis *axis,
                                  gint64      value);
void rcv_painter_draw_value_axis (const Painter *p,
                                  const Axis    *axis);
double rcv_painter_draw_legend (const Painter     *p,
                                const char *const *labels,
                                const Rgb         *colours,
                                guint              n,
                                double             y);
void rcv_painter_add_area (GArray *array,
                           double  x,
                           double  y,
                           double  w,
                           double  h);
void rcv_painter_outline_highlight (const Painter *p,
                                    double         x,
                                    double         y,
                                    double         w,
                                    double         h);

G_END_DECLS
