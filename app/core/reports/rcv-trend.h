/* rcv-trend.h - receivables over time: month-end totals by age
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rcv-aging.h"

G_BEGIN_DECLS

#define RCV_TREND_MAX_MONTHS 60

typedef struct
{
  GDate date;                              /* a month's last day */
  gint64 buckets[RCV_AGING_MAX_BUCKETS];   /* open invoices by age, as in an aging report */
  gint64 outstanding;                      /* Σ buckets */
  gint64 overdue;                          /* outstanding − current */
} RcvTrendPoint;

typedef struct
{
  GDate as_of;
  guint boundaries[RCV_AGING_MAX_BOUNDARIES];
  guint n_boundaries;
  guint n_buckets;
  GArray *points;                          /* of RcvTrendPoint, oldest first */
} RcvTrend;

gboolean         rcv_trend_total_buckets     (RcvDatabase  *db,
                                              const GDate  *as_of,
                                              gint64        buckets[RCV_AGING_MAX_BUCKETS],
                                              GError      **error);
void             rcv_trend_month_ends        (const GDate  *as_of,
                                              guint         n_months,
                                              GDate        *month_ends);

RcvTrend        *rcv_trend_new               (RcvDatabase  *db,
                                              const GDate  *as_of,
                                              guint         n_months,
                                              GCancellable *cancellable,
                                              GError      **error);
void             rcv_trend_new_async         (RcvDatabase         *db,
                                              const GDate         *as_of,
                                              guint                n_months,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
RcvTrend        *rcv_trend_new_finish        (RcvDatabase   *db,
                                              GAsyncResult  *result,
                                              GError       **error);
void             rcv_trend_free              (RcvTrend *trend);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvTrend, rcv_trend_free)

G_END_DECLS
