/* rcv-chart.h - the aging charts, drawn with cairo on any surface: widget, PNG, SVG, PDF
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "rcv-aging.h"
#include "rcv-enum.h"
#include "rcv-money.h"
#include "rcv-trend.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean dark;         /* colours for a dark background */
  gboolean background;   /* paint the background and a title (files); a widget has its own */
  const char *font;      /* a Pango font description; NULL is "Sans 10" */
} RcvChartStyle;

/* A rectangle in the units of the last rcv_chart_draw(). */
typedef struct
{
  double x;
  double y;
  double width;
  double height;
} RcvChartArea;

typedef struct _RcvChart RcvChart;

#define RCV_CHART_DEFAULT_CUSTOMERS 10

RcvChart     *rcv_chart_new_aging          (const RcvAgingReport *report,
                                            const RcvCurrency    *currency);
RcvChart     *rcv_chart_new_customers      (const RcvAgingReport *report,
                                            const RcvCurrency    *currency,
                                            guint                 n_customers);
RcvChart     *rcv_chart_new_trend          (const RcvTrend       *trend,
                                            const RcvCurrency    *currency);
void          rcv_chart_free               (RcvChart             *chart);

RcvChartKind  rcv_chart_get_kind           (const RcvChart       *chart);
const char   *rcv_chart_get_title          (const RcvChart       *chart);
guint         rcv_chart_get_n_elements     (const RcvChart       *chart);
gboolean      rcv_chart_is_empty           (const RcvChart       *chart);
const GDate  *rcv_chart_get_as_of          (const RcvChart       *chart);
gint64        rcv_chart_get_amount         (const RcvChart       *chart,
                                            guint                 element);
gint64        rcv_chart_get_customer_id    (const RcvChart       *chart,
                                            guint                 element);
gboolean      rcv_chart_get_date           (const RcvChart       *chart,
                                            guint                 element,
                                            GDate                *date);
char         *rcv_chart_describe           (const RcvChart       *chart);
char         *rcv_chart_describe_element   (const RcvChart       *chart,
                                            guint                 element);

void          rcv_chart_draw               (RcvChart             *chart,
                                            cairo_t              *cr,
                                            double                width,
                                            double                height,
                                            const RcvChartStyle  *style,
                                            int                   highlight);
int           rcv_chart_hit                (const RcvChart       *chart,
                                            double                x,
                                            double                y);
gboolean      rcv_chart_get_plot_area      (const RcvChart       *chart,
                                            RcvChartArea         *area);
gboolean      rcv_chart_get_element_area   (const RcvChart       *chart,
                                            guint                 element,
                                            RcvChartArea         *area);
gboolean      rcv_chart_export             (RcvChart             *chart,
                                            const char           *path,
                                            int                   width,
                                            int                   height,
                                            const RcvChartStyle  *style,
                                            GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvChart, rcv_chart_free)

G_END_DECLS
