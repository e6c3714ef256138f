/* rcv-account.c - one customer's account: balance by age, recent payments, history
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the customer page shows. The balance is today's: the customer's open documents
 * (found through invoices_customer_unsettled, a handful of rows, not the company's million)
 * put in the aging buckets as of `today`, and the unapplied credit; it matches the aging
 * report as of today for every allocation dated today or earlier.
 */
#define G_LOG_DOMAIN "rcv-account"

#include "config.h"

#include <string.h>

#include "rcv-account.h"
#include "rcv-database-private.h"
#include "rcv-date.h"
#include "rcv-ledger.h"
#include "rcv-open-items.h"

gboolean
rcv_account_get_balance (RcvDatabase       *db,
                         gint64             customer_id,
                         const GDate       *today,
                         RcvAccountBalance *balance,
                         GError           **error)
{
  g_autoptr(GPtrArray) open = NULL;
  const guint *boundaries;
  gboolean by_issue;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);
  g_return_val_if_fail (balance != NULL, FALSE);

  memset (balance, 0, sizeof *balance);
  boundaries = rcv_database_get_aging_boundaries (db, &balance->n_boundaries);
  memcpy (balance->boundaries, boundaries, balance->n_boundaries * sizeof (guint));
  balance->n_buckets = balance->n_boundaries + 2;
  balance->oldest_days = G_MININT;
  balance->days_past_due = G_MININT;
  by_issue = rcv_database_get_aging_basis (db) == RCV_AGING_BY_ISSUE_DATE;

  open = rcv_open_items_list (db, customer_id, RCV_INVOICE_KIND_INVOICE, error);
  if (open == NULL)
    return FALSE;
  for (guint i = 0; i < open->len; i++)
    {
      const RcvOpenItem *item = g_ptr_array_index (open, i);
      const GDate *from = by_issue ? &item->issue_date : &item->due_date;
      gint days;

      if (g_date_compare (&item->issue_date, today) > 0)
        continue;   /* not issued yet as of today */
      days = (gint) g_date_get_julian (today) - (gint) g_date_get_julian (from);
      balance->buckets[rcv_aging_bucket_for_days (balance->boundaries, balance->n_boundaries,
                                                  days)] += item->open;
      balance->oldest_days = MAX (balance->oldest_days, days);
      balance->days_past_due = MAX (balance->days_past_due,
                                    (gint) g_date_get_julian (today) -
                                    (gint) g_date_get_julian (&item->due_date));
      balance->n_open++;
    }
  balance->unapplied = -rcv_open_items_get_unapplied (db, customer_id);
  balance->balance = balance->unapplied;
  for (guint b = 0; b < balance->n_buckets; b++)
    balance->balance += balance->buckets[b];
  return TRUE;
}

static void
payment_free (gpointer pointer)
{
  RcvAccountPayment *payment = pointer;

  g_free (payment->method);
  g_free (payment->reference);
  g_free (payment);
}

/* The customer's latest payments, newest first. */
GPtrArray *
rcv_account_list_payments (RcvDatabase  *db,
                           gint64        customer_id,
                           guint         limit,
                           GError      **error)
{
  g_autoptr(GPtrArray) payments = NULL;
  RcvStatement *stmt;
  int rc;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);

  stmt = rcv_database_prepare (db,
                               "SELECT id, date, amount, allocated, method, reference"
                               " FROM payments WHERE customer_id = ?1"
                               " ORDER BY date DESC, id DESC LIMIT ?2",
                               error);
  if (stmt == NULL)
    return NULL;
  rcv_statement_bind_int64 (stmt, 1, customer_id);
  rcv_statement_bind_int (stmt, 2, (int) MIN (limit, G_MAXINT));
  payments = g_ptr_array_new_with_free_func (payment_free);
  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    {
      RcvAccountPayment *payment = g_new0 (RcvAccountPayment, 1);

      payment->id = rcv_statement_column_int64 (stmt, 0);
      rcv_date_parse_iso (rcv_statement_column_text (stmt, 1), &payment->date, NULL);
      payment->amount = rcv_statement_column_int64 (stmt, 2);
      payment->unapplied = payment->amount - rcv_statement_column_int64 (stmt, 3);
      payment->method = g_strdup (rcv_statement_column_text (stmt, 4));
      payment->reference = g_strdup (rcv_statement_column_text (stmt, 5));
      g_ptr_array_add (payments, payment);
    }
  if (rc != RCV_DONE)
    {
      rcv_database_set_error (db, error);
      rcv_statement_reset (stmt);
      return NULL;
    }
  rcv_statement_reset (stmt);
  return g_steal_pointer (&payments);
}

static void
event_free (gpointer pointer)
{
  RcvAccountEvent *event = pointer;

  g_free (event->at);
  g_free (event->user);
  g_free (event->action);
  g_free (event->table);
  g_free (event->what);
  g_free (event);
}

/* The audit entries of the customer and of its invoices and payments, newest first (a bulk
 * import is one entry for its whole file, not one per document). */
GPtrArray *
rcv_account_list_history (RcvDatabase  *db,
                          gint64        customer_id,
                          guint         limit,
                          GError      **error)
{
  g_autoptr(GPtrArray) events = NULL;
  RcvStatement *stmt;
  int rc;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);

  stmt = rcv_database_prepare (db,
                               "SELECT a.at, a.user, a.action, a.table_name, a.record_id,"
                               " CASE a.table_name"
                               "  WHEN 'customers' THEN (SELECT code FROM customers WHERE id = a.record_id)"
                               "  WHEN 'invoices' THEN (SELECT number FROM invoices WHERE id = a.record_id)"
                               "  ELSE (SELECT reference FROM payments WHERE id = a.record_id) END"
                               " FROM audit a WHERE"
                               " (a.table_name = 'customers' AND a.record_id = ?1)"
                               " OR (a.table_name = 'invoices' AND a.record_id IN"
                               "  (SELECT id FROM invoices WHERE customer_id = ?1))"
                               " OR (a.table_name = 'payments' AND a.record_id IN"
                               "  (SELECT id FROM payments WHERE customer_id = ?1))"
                               " ORDER BY a.id DESC LIMIT ?2",
                               error);
  if (stmt == NULL)
    return NULL;
  rcv_statement_bind_int64 (stmt, 1, customer_id);
  rcv_statement_bind_int (stmt, 2, (int) MIN (limit, G_MAXINT));
  events = g_ptr_array_new_with_free_func (event_free);
  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    {
      RcvAccountEvent *event = g_new0 (RcvAccountEvent, 1);

      event->at = g_strdup (rcv_statement_column_text (stmt, 0));
      event->user = g_strdup (rcv_statement_column_text (stmt, 1));
      event->action = g_strdup (rcv_statement_column_text (stmt, 2));
      event->table = g_strdup (rcv_statement_column_text (stmt, 3));
      event->record_id = rcv_statement_column_int64 (stmt, 4);
      event->what = g_strdup (rcv_statement_column_text (stmt, 5));
      g_ptr_array_add (events, event);
    }
  if (rc != RCV_DONE)
    {
      rcv_database_set_error (db, error);
      rcv_statement_reset (stmt);
      return NULL;
    }
  rcv_statement_reset (stmt);
  return g_steal_pointer (&events);
}
