/* rcv-chart-view.h - a chart of the core on screen: hover for the figure, click or Enter to open it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rcv-chart.h"

G_BEGIN_DECLS

#define RCV_TYPE_CHART_VIEW (rcv_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (RcvChartView, rcv_chart_view, RCV, CHART_VIEW, GtkWidget)

GtkWidget      *rcv_chart_view_new       (void);
void            rcv_chart_view_set_chart (RcvChartView *self,
                                          RcvChart     *chart);
RcvChart       *rcv_chart_view_get_chart (RcvChartView *self);
int             rcv_chart_view_get_highlight (RcvChartView *self);

G_END_DECLS
