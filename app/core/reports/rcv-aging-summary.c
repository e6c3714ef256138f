/* rcv-aging-summary.c - what the Overview shows as of a date: the aging report, and days
 * sales outstanding
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DSO by the countback method: the open invoices are set against the sales of the current
 * month to date, then of each month before, until they are used up; DSO is the days of the
 * months used, the last one pro rata. Sales are the invoices issued (credit notes left out,
 * as they are no sale), read per month through the index on (span_class, issue_date).
 */
#define G_LOG_DOMAIN "rcv-trend"

#include "config.h"

#include "rcv-aging-summary.h"
#include "rcv-database-private.h"
#include "rcv-database-task.h"
#include "rcv-date.h"

/* Sales are counted back at most this far: a company whose receivables exceed ten years of
 * sales has a DSO of “more than” that. */
#define DSO_MAX_MONTHS 120

static gboolean
sales_between (RcvDatabase *db,
               const GDate *after,
               const GDate *until,
               gint64      *sales,
               GError     **error)
{
  char after_iso[RCV_ISO_DATE_LEN], until_iso[RCV_ISO_DATE_LEN];
  RcvStatement *stmt;
  int rc;

  stmt = rcv_database_prepare (db,
                               "SELECT coalesce (sum (total), 0) FROM invoices"
                               " WHERE span_class IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,"
                               "  13, 14, 15)"
                               " AND issue_date > ?1 AND issue_date <= ?2"
                               " AND kind = 'invoice' AND status = 'posted'",
                               error);
  if (stmt == NULL)
    return FALSE;
  rcv_date_to_iso (after, after_iso);
  rcv_date_to_iso (until, until_iso);
  rcv_statement_bind_text (stmt, 1, after_iso);
  rcv_statement_bind_text (stmt, 2, until_iso);
  rc = rcv_statement_step (stmt);
  *sales = rc == RCV_ROW ? rcv_statement_column_int64 (stmt, 0) : 0;
  rcv_statement_reset (stmt);
  if (rc != RCV_ROW)
    return rcv_database_set_error (db, error);
  return TRUE;
}

/* DSO as of a date for the given receivables (the open invoices then), by countback: the
 * month to date first, then whole months before it. */
gboolean
rcv_aging_summary_dso (RcvDatabase  *db,
                       const GDate  *as_of,
                       gint64        receivables,
                       RcvDso       *dso,
                       GError      **error)
{
  gint64 remaining = receivables;
  GDate until = *as_of;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), FALSE);
  g_return_val_if_fail (dso != NULL, FALSE);

  dso->receivables = receivables;
  dso->tenths = 0;
  dso->complete = TRUE;

  for (guint m = 0; remaining > 0 && m < DSO_MAX_MONTHS; m++)
    {
      GDate after = until;
      gint64 sales, days;

      /* the period is (after, until]: the month to date, then each whole month before */
      g_date_set_day (&after, 1);
      g_date_subtract_days (&after, 1);
      days = (gint64) g_date_days_between (&after, &until);
      if (!sales_between (db, &after, &until, &sales, error))
        return FALSE;

      if (sales > 0 && remaining <= sales)
        {
          gint64 part;

          /* the last month counts pro rata: days × remaining / sales, in tenths */
          if (!rcv_mul_div_round (remaining, days * 10, sales, &part))
            part = days * 10;
          dso->tenths += part;
          remaining = 0;
        }
      else
        {
          dso->tenths += days * 10;
          remaining -= MAX (sales, 0);
        }
      until = after;
    }
  dso->complete = remaining <= 0;
  return TRUE;
}

void
rcv_aging_summary_free (RcvAgingSummary *summary)
{
  if (summary == NULL)
    return;
  g_clear_pointer (&summary->report, rcv_aging_report_free);
  g_free (summary);
}

static gpointer
summary_in_thread (RcvDatabase   *connection,
                   gpointer       pointer,
                   GCancellable  *cancellable,
                   GError       **error)
{
  const GDate *as_of = pointer;
  g_autoptr(RcvAgingSummary) summary = g_new0 (RcvAgingSummary, 1);
  gint64 outstanding = 0;

  summary->report = rcv_aging_report_new (connection, as_of, error);
  if (summary->report == NULL)
    return NULL;
  for (guint b = 0; b < summary->report->n_buckets; b++)
    outstanding += summary->report->total.buckets[b];
  if (!rcv_aging_summary_dso (connection, as_of, outstanding, &summary->dso, error))
    return NULL;
  return g_steal_pointer (&summary);
}

/* The aging report as of a date and its DSO, in a worker thread. */
void
rcv_aging_summary_new_async (RcvDatabase         *db,
                             const GDate         *as_of,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (RCV_IS_DATABASE (db));
  g_return_if_fail (as_of != NULL && g_date_valid (as_of));

  rcv_database_task_run (db, RCV_DATABASE_FLAGS_READ_ONLY, summary_in_thread,
                         g_memdup2 (as_of, sizeof (GDate)), g_free,
                         (GDestroyNotify) rcv_aging_summary_free, rcv_aging_summary_new_async,
                         cancellable, callback, user_data);
}

RcvAgingSummary *
rcv_aging_summary_new_finish (RcvDatabase   *db,
                              GAsyncResult  *result,
                              GError       **error)
{
  return rcv_database_task_finish (db, result, rcv_aging_summary_new_async, error);
}
