/* rcv-chart-file.c - a chart of the company's figures, read for a file or a command
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * render/ draws what it is given and reads nothing; this is where a chart's figures are read
 * from the company file for `receivables-cli chart`, which then exports it (rcv-chart.c).
 */
#include "config.h"

#include "rcv-aging.h"
#include "rcv-chart-file.h"
#include "rcv-trend.h"

/* The chart of a kind for a company as of a date; n is the customers (RCV_CHART_CUSTOMERS) or
 * months (RCV_CHART_TREND) shown, 0 for the default. Blocking: for a worker thread or a
 * command. */
RcvChart *
rcv_chart_new_for_database (RcvDatabase  *db,
                            RcvChartKind  kind,
                            const GDate  *as_of,
                            guint         n,
                            GError      **error)
{
  const RcvCurrency *currency;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);
  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), NULL);

  currency = rcv_database_get_currency (db);
  if (kind == RCV_CHART_TREND)
    {
      g_autoptr(RcvTrend) trend = rcv_trend_new (db, as_of, n > 0 ? n : 12, NULL, error);

      return trend != NULL ? rcv_chart_new_trend (trend, currency) : NULL;
    }
  else
    {
      g_autoptr(RcvAgingReport) report = rcv_aging_report_new (db, as_of, error);

      if (report == NULL)
        return NULL;
      if (kind == RCV_CHART_CUSTOMERS)
        return rcv_chart_new_customers (report, currency,
                                        n > 0 ? n : RCV_CHART_DEFAULT_CUSTOMERS);
      return rcv_chart_new_aging (report, currency);
    }
}
