/* rcv-chart-private.h - what a chart holds: its figures and the layout of its last drawing
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rcv-chart.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 customer_id;
  char *name;
  gint64 buckets[RCV_AGING_MAX_BUCKETS];
  gint64 outstanding;               /* Σ buckets */
} RcvChartCustomer;

typedef struct
{
  GDate date;
  gint64 outstanding;
  gint64 overdue;
} RcvChartMonth;

struct _RcvChart
{
  RcvChartKind kind;
  RcvCurrency currency;
  GDate as_of;
  guint n_buckets;
  char *bucket_labels[RCV_AGING_MAX_BUCKETS];

  gint64 buckets[RCV_AGING_MAX_BUCKETS];   /* aging: the company's open invoices by age */
  gint64 outstanding;                      /* aging: Σ buckets */
  GArray *customers;                       /* customers: RcvChartCustomer, largest first */
  GArray *months;                          /* trend: RcvChartMonth, oldest first */

  /* the layout of the last rcv_chart_draw(), for hit tests and tests of the geometry */
  gboolean drawn;
  RcvChartArea plot;
  GArray *areas;     /* RcvChartArea: the element's mark (column, bar, point to baseline) */
  GArray *targets;   /* RcvChartArea: where a pointer means the element (its whole band) */
};

void rcv_chart_paint (RcvChart            *chart,
                      cairo_t             *cr,
                      double               width,
                      double               height,
                      const RcvChartStyle *style,
                      int                  highlight);

G_END_DECLS
