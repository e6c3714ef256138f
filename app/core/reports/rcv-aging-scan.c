/* rcv-aging-scan.c - the documents open as of a date, the company's or one customer's
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Aging as of D (DESIGN.md §3) needs only the documents open at D: invoices issued on or
 * before D whose allocations effective by D do not cover them, and payments and credit notes
 * dated on or before D that are not yet fully allocated at D. Each document's open interval
 * is [start, settled_date); its span_class c says the interval is shorter than 2^c days, so
 * an interval of class c that contains D started after D − 2^c. One index range scan per
 * class on (span_class, start) therefore reads the open documents and about as many again,
 * never the whole history: the cost follows what is open at D, not how many invoices exist.
 * A document whose allocations all took effect by D (last_allocation <= D) is open by
 * total − allocated; only the others sum their allocations up to D. One customer's are read
 * through the customer's own indexes instead.
 */
#define G_LOG_DOMAIN "rcv-aging"

#include "config.h"

#include <string.h>

#include "rcv-aging-private.h"
#include "rcv-database-private.h"
#include "rcv-date.h"
#include "rcv-ledger-private.h"

/* With the documents' numbers and references, for aging by invoice … */
static const char open_invoices_sql[] =
  "SELECT i.id, i.customer_id, i.kind, i.number, i.issue_date, i.due_date," INVOICE_OPEN_AMOUNT
  OPEN_INVOICES_WHERE;
static const char open_payments_sql[] =
  "SELECT p.id, p.customer_id, p.reference, p.date," PAYMENT_OPEN_AMOUNT OPEN_PAYMENTS_WHERE;

/* … and without, for aging by customer, which needs only amounts and dates. */
static const char open_invoice_amounts_sql[] =
  "SELECT 0, i.customer_id, i.kind, NULL, i.issue_date, i.due_date," INVOICE_OPEN_AMOUNT
  OPEN_INVOICES_WHERE;
static const char open_payment_amounts_sql[] =
  "SELECT 0, p.customer_id, NULL, p.date," PAYMENT_OPEN_AMOUNT OPEN_PAYMENTS_WHERE;

/* One customer's: through the customer's own indexes (invoices_customer, payments_customer),
 * so that a customer's page costs what the account holds, not what the company does. */
static const char customer_invoices_sql[] =
  "SELECT i.id, i.customer_id, i.kind, i.number, i.issue_date, i.due_date," INVOICE_OPEN_AMOUNT
  " FROM invoices i WHERE i.customer_id = ?1 AND i.issue_date <= ?3"
  " AND (i.settled_date IS NULL OR i.settled_date > ?3) AND i.status = 'posted'";
static const char customer_payments_sql[] =
  "SELECT p.id, p.customer_id, p.reference, p.date," PAYMENT_OPEN_AMOUNT
  " FROM payments p WHERE p.customer_id = ?1 AND p.date <= ?3"
  " AND (p.settled_date IS NULL OR p.settled_date > ?3)";

static gboolean
scan_rows (RcvStatement         *stmt,
           gboolean              invoices,
           RcvOpenDocumentFunc   func,
           gpointer              user_data)
{
  int rc;

  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    {
      RcvOpenDocument doc;

      doc.id = rcv_statement_column_int64 (stmt, 0);
      doc.customer_id = rcv_statement_column_int64 (stmt, 1);
      if (invoices)
        {
          doc.kind = g_str_equal (rcv_statement_column_text (stmt, 2), "invoice")
                       ? RCV_AGING_ITEM_INVOICE : RCV_AGING_ITEM_CREDIT_NOTE;
          doc.number = rcv_statement_column_text (stmt, 3);
          doc.date = rcv_statement_column_text (stmt, 4);
          doc.due_date = rcv_statement_column_text (stmt, 5);
          doc.open = rcv_statement_column_int64 (stmt, 6);
        }
      else
        {
          doc.kind = RCV_AGING_ITEM_PAYMENT;
          doc.number = rcv_statement_column_text (stmt, 2);
          doc.date = rcv_statement_column_text (stmt, 3);
          doc.due_date = NULL;
          doc.open = rcv_statement_column_int64 (stmt, 4);
        }
      if (doc.open != 0)
        func (&doc, user_data);
    }
  rcv_statement_reset (stmt);
  return rc == RCV_DONE;
}

/* Calls `func` for each document of one customer open as of the date, with its details. */
gboolean
rcv_aging_scan_customer_open (RcvDatabase         *db,
                              const GDate         *as_of,
                              gint64               customer_id,
                              RcvOpenDocumentFunc  func,
                              gpointer             user_data,
                              GError             **error)
{
  char as_of_iso[RCV_ISO_DATE_LEN];

  rcv_date_to_iso (as_of, as_of_iso);
  for (guint q = 0; q < 2; q++)
    {
      RcvStatement *stmt = rcv_database_prepare (db, q == 0 ? customer_invoices_sql
                                                            : customer_payments_sql, error);

      if (stmt == NULL)
        return FALSE;
      rcv_statement_bind_int64 (stmt, 1, customer_id);
      rcv_statement_bind_text (stmt, 3, as_of_iso);
      if (!scan_rows (stmt, q == 0, func, user_data))
        return rcv_database_set_error (db, error);
    }
  return TRUE;
}

/* Calls `func` for each document open as of the date, in no particular order; `details` adds
 * the numbers and references. */
gboolean
rcv_aging_scan_open (RcvDatabase         *db,
                     const GDate         *as_of,
                     gboolean             details,
                     RcvOpenDocumentFunc  func,
                     gpointer             user_data,
                     GError             **error)
{
  char as_of_iso[RCV_ISO_DATE_LEN];
  guint32 as_of_julian = g_date_get_julian (as_of);

  rcv_date_to_iso (as_of, as_of_iso);

  for (guint span = 1; span <= RCV_SPAN_OPEN; span++)
    {
      char lower[RCV_ISO_DATE_LEN];
      RcvStatement *stmt;

      rcv_aging_span_lower_bound (span, as_of_julian, lower);

      for (guint q = 0; q < 2; q++)
        {
          gboolean invoices = q == 0;
          const char *sql = invoices ? (details ? open_invoices_sql : open_invoice_amounts_sql)
                                     : (details ? open_payments_sql : open_payment_amounts_sql);

          stmt = rcv_database_prepare (db, sql, error);
          if (stmt == NULL)
            return FALSE;
          rcv_statement_bind_int (stmt, 1, (int) span);
          rcv_statement_bind_text (stmt, 2, lower);
          rcv_statement_bind_text (stmt, 3, as_of_iso);

          if (!scan_rows (stmt, invoices, func, user_data))
            return rcv_database_set_error (db, error);
        }
    }
  return TRUE;
}

/* Documents of span_class `span` open at as_of started after this date (see above). */
void
rcv_aging_span_lower_bound (guint   span,
                            guint32 as_of_julian,
                            char    lower[RCV_ISO_DATE_LEN])
{
  if (span < RCV_SPAN_MAX_FINITE && as_of_julian > (1u << span))
    rcv_julian_to_iso (as_of_julian - (1u << span), lower);
  else
    strcpy (lower, "0000-00-00");
}

