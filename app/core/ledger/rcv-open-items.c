/* rcv-open-items.c - a customer's open invoices, the proposed allocation of a payment, voiding
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The payment form shows what DESIGN.md §3's automatic allocation would do (oldest due date
 * first, then issue date, then number; only invoices issued on or before the payment) and
 * lets the user change it before anything is written.
 */
#define G_LOG_DOMAIN "rcv-open-items"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rcv-database-private.h"
#include "rcv-date.h"
#include "rcv-error.h"
#include "rcv-json.h"
#include "rcv-open-items.h"

static void
open_item_free (gpointer pointer)
{
  RcvOpenItem *item = pointer;

  g_free (item->number);
  g_free (item);
}

/* The customer's posted invoices (or credit notes) with something left open today, in
 * allocation order. */
GPtrArray *
rcv_open_items_list (RcvDatabase    *db,
                     gint64          customer_id,
                     RcvInvoiceKind  kind,
                     GError        **error)
{
  g_autoptr(GPtrArray) items = NULL;
  RcvStatement *stmt;
  int rc;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);

  stmt = rcv_database_prepare (db,
                               "SELECT id, number, issue_date, due_date, total, allocated"
                               " FROM invoices INDEXED BY invoices_customer_unsettled"
                               " WHERE customer_id = ?1 AND settled_date IS NULL"
                               " AND status = 'posted' AND kind = ?2"
                               " ORDER BY due_date, issue_date, number",
                               error);
  if (stmt == NULL)
    return NULL;
  rcv_statement_bind_int64 (stmt, 1, customer_id);
  rcv_statement_bind_text (stmt, 2, rcv_enum_to_nick (RCV_TYPE_INVOICE_KIND, kind));

  items = g_ptr_array_new_with_free_func (open_item_free);
  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    {
      RcvOpenItem *item = g_new0 (RcvOpenItem, 1);
      gint64 allocated = rcv_statement_column_int64 (stmt, 5);

      item->id = rcv_statement_column_int64 (stmt, 0);
      item->number = g_strdup (rcv_statement_column_text (stmt, 1));
      item->kind = kind;
      rcv_date_parse_iso (rcv_statement_column_text (stmt, 2), &item->issue_date, NULL);
      rcv_date_parse_iso (rcv_statement_column_text (stmt, 3), &item->due_date, NULL);
      item->total = rcv_statement_column_int64 (stmt, 4);
      item->open = (item->total < 0 ? -item->total : item->total) - allocated;
      if (item->open > 0)
        g_ptr_array_add (items, item);
      else
        open_item_free (item);
    }
  if (rc != RCV_DONE)
    {
      rcv_database_set_error (db, error);
      rcv_statement_reset (stmt);
      return NULL;
    }
  rcv_statement_reset (stmt);
  return g_steal_pointer (&items);
}

/* The customer's unapplied credit today: payments and credit notes not yet allocated (≥ 0). */
gint64
rcv_open_items_get_unapplied (RcvDatabase *db,
                              gint64       customer_id)
{
  g_return_val_if_fail (RCV_IS_DATABASE (db), 0);

  return rcv_database_query_int64 (db,
                                   "SELECT coalesce ((SELECT sum (amount - allocated) FROM payments"
                                   "  WHERE customer_id = ?1 AND settled_date IS NULL), 0)"
                                   " + coalesce ((SELECT sum (-total - allocated) FROM invoices"
                                   "  WHERE customer_id = ?1 AND kind = 'credit-note'"
                                   "  AND status = 'posted' AND settled_date IS NULL), 0)",
                                   customer_id, 0);
}

/* Fills `requests` (RcvAllocationRequest) with the automatic allocation of `amount` paid on
 * `payment_date` to `open_invoices` (in allocation order, as listed above); returns what is
 * left unapplied. */
gint64
rcv_open_items_propose_allocation (GPtrArray   *open_invoices,
                                   const GDate *payment_date,
                                   gint64       amount,
                                   GArray      *requests)
{
  g_return_val_if_fail (open_invoices != NULL, amount);
  g_return_val_if_fail (payment_date != NULL && g_date_valid (payment_date), amount);
  g_return_val_if_fail (requests != NULL, amount);

  g_array_set_size (requests, 0);
  for (guint i = 0; i < open_invoices->len && amount > 0; i++)
    {
      const RcvOpenItem *item = g_ptr_array_index (open_invoices, i);
      RcvAllocationRequest request;

      if (item->kind != RCV_INVOICE_KIND_INVOICE ||
          g_date_compare (&item->issue_date, payment_date) > 0)
        continue;
      request.invoice_id = item->id;
      request.amount = MIN (amount, item->open);
      amount -= request.amount;
      g_array_append_val (requests, request);
    }
  return amount;
}

typedef struct
{
  gboolean is_payment;
  gint64 id;
  gint64 left;
} CreditSource;

/* Applies all of a customer's unapplied credit (payments first, then credit notes, each in
 * date order) to its open invoices, oldest due date first: one transaction, each allocation
 * audited and effective on the later of the two documents' dates. Returns the amount applied
 * in *applied. */
gboolean
rcv_open_items_apply_credit (RcvDatabase  *db,
                             gint64        customer_id,
                             gint64       *applied,
                             GError      **error)
{
  g_autoptr(GPtrArray) invoices = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GArray) sources = g_array_new (FALSE, FALSE, sizeof (CreditSource));
  RcvStatement *stmt;
  gint64 total = 0;
  guint next_invoice = 0;
  int rc;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);

  if (!rcv_database_begin (db, error))
    return FALSE;
  invoices = rcv_open_items_list (db, customer_id, RCV_INVOICE_KIND_INVOICE, error);
  notes = invoices != NULL ? rcv_open_items_list (db, customer_id,
                                                  RCV_INVOICE_KIND_CREDIT_NOTE, error)
                           : NULL;
  if (notes == NULL)
    goto fail;

  stmt = rcv_database_prepare (db,
                               "SELECT id, amount - allocated FROM payments"
                               " WHERE customer_id = ?1 AND settled_date IS NULL"
                               " ORDER BY date, id",
                               error);
  if (stmt == NULL)
    goto fail;
  rcv_statement_bind_int64 (stmt, 1, customer_id);
  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    {
      CreditSource source = { TRUE, rcv_statement_column_int64 (stmt, 0),
                              rcv_statement_column_int64 (stmt, 1) };

      if (source.left > 0)
        g_array_append_val (sources, source);
    }
  rcv_statement_reset (stmt);
  if (rc != RCV_DONE)
    {
      rcv_database_set_error (db, error);
      goto fail;
    }
  for (guint i = 0; i < notes->len; i++)
    {
      const RcvOpenItem *note = g_ptr_array_index (notes, i);
      CreditSource source = { FALSE, note->id, note->open };

      g_array_append_val (sources, source);
    }

  for (guint s = 0; s < sources->len && next_invoice < invoices->len; s++)
    {
      CreditSource *source = &g_array_index (sources, CreditSource, s);

      while (source->left > 0 && next_invoice < invoices->len)
        {
          RcvOpenItem *invoice = g_ptr_array_index (invoices, next_invoice);
          gint64 amount = MIN (source->left, invoice->open);
          gboolean ok = source->is_payment
                          ? rcv_ledger_allocate_payment (db, source->id, invoice->id, amount, error)
                          : rcv_ledger_allocate_credit_note (db, source->id, invoice->id, amount,
                                                             error);

          if (!ok)
            goto fail;
          source->left -= amount;
          invoice->open -= amount;
          total += amount;
          if (invoice->open == 0)
            next_invoice++;
        }
    }
  if (!rcv_database_commit (db, error))
    goto fail;
  if (applied != NULL)
    *applied = total;
  return TRUE;

fail:
  rcv_database_rollback (db);
  return FALSE;
}
