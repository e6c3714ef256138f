/* rcv-bank-pending.c - the bank entries waiting in the company file for a person's decision
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A statement imported in the window keeps its entries (rcv_bank_apply () without recording):
 * the auto matches to apply in one go, the suggestions to confirm, the rest to record through
 * the payment form or to skip. Confirming records the receipt as a payment to the customer
 * proposed, across the invoices proposed (oldest due date first, each up to what it has open
 * now: the company may have changed since the import), the rest unapplied; the payer's IBAN is
 * learned for that customer. Each of these is one transaction.
 */
#define G_LOG_DOMAIN "rcv-bank"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rcv-bank-match.h"
#include "rcv-bank-statement-private.h"
#include "rcv-collections.h"
#include "rcv-database-private.h"
#include "rcv-date.h"
#include "rcv-error.h"
#include "rcv-ledger-private.h"
#include "rcv-reference.h"

void
rcv_bank_pending_free (RcvBankPending *pending)
{
  if (pending == NULL)
    return;
  g_free (pending->payer_name);
  g_free (pending->payer_iban);
  g_free (pending->remittance);
  g_free (pending->entry_key);
  g_free (pending->reason);
  g_free (pending->customer_name);
  g_free (pending->invoices);
  g_free (pending);
}

static RcvBankDecision
decision_of (const char *nick)
{
  for (RcvBankDecision d = RCV_BANK_AUTO; d <= RCV_BANK_DUPLICATE; d++)
    if (g_strcmp0 (nick, rcv_bank_decision_nick (d)) == 0)
      return d;
  return RCV_BANK_NONE;
}

#define PENDING_COLUMNS \
  "SELECT b.id, b.booking_date, b.amount, b.payer_name, b.payer_iban, b.remittance," \
  " b.entry_key, b.decision, b.reason, b.customer_id, c.name, b.invoices" \
  " FROM bank_entries b LEFT JOIN customers c ON c.id = b.customer_id "

static RcvBankPending *
pending_from_row (RcvStatement *stmt)
{
  RcvBankPending *pending = g_new0 (RcvBankPending, 1);

  pending->id = rcv_statement_column_int64 (stmt, 0);
  g_date_clear (&pending->date, 1);
  rcv_date_parse_iso (rcv_statement_column_text (stmt, 1), &pending->date, NULL);
  pending->amount = rcv_statement_column_int64 (stmt, 2);
  pending->payer_name = g_strdup (rcv_statement_column_text (stmt, 3));
  pending->payer_iban = g_strdup (rcv_statement_column_text (stmt, 4));
  pending->remittance = g_strdup (rcv_statement_column_text (stmt, 5));
  pending->entry_key = g_strdup (rcv_statement_column_text (stmt, 6));
  pending->decision = decision_of (rcv_statement_column_text (stmt, 7));
  pending->reason = g_strdup (rcv_statement_column_text (stmt, 8));
  pending->customer_id = rcv_statement_column_is_null (stmt, 9)
                           ? 0 : rcv_statement_column_int64 (stmt, 9);
  pending->customer_name = rcv_statement_column_is_null (stmt, 10)
                             ? NULL : g_strdup (rcv_statement_column_text (stmt, 10));
  pending->invoices = g_strdup (rcv_statement_column_text (stmt, 11));
  return pending;
}

/* The entries waiting, the surest first (auto, then suggestions, then none), by date. */
GPtrArray *
rcv_bank_list_pending (RcvDatabase  *db,
                       GError      **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) rcv_bank_pending_free);
  RcvStatement *stmt;
  int rc;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);

  stmt = rcv_database_prepare (db, PENDING_COLUMNS "WHERE b.status = 'pending'"
                                   " ORDER BY CASE b.decision WHEN 'auto' THEN 0"
                                   " WHEN 'suggest' THEN 1 ELSE 2 END, b.booking_date, b.id",
                               error);
  if (stmt == NULL)
    return NULL;
  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    g_ptr_array_add (list, pending_from_row (stmt));
  rcv_statement_reset (stmt);
  if (rc != RCV_DONE)
    {
      rcv_database_set_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

static RcvBankPending *
get_pending (RcvDatabase  *db,
             gint64        entry_id,
             GError      **error)
{
  RcvStatement *stmt = rcv_database_prepare (db, PENDING_COLUMNS "WHERE b.id = ?1"
                                                 " AND b.status = 'pending'", error);
  RcvBankPending *pending = NULL;

  if (stmt == NULL)
    return NULL;
  rcv_statement_bind_int64 (stmt, 1, entry_id);
  if (rcv_statement_step (stmt) == RCV_ROW)
    pending = pending_from_row (stmt);
  else
    g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_NOT_FOUND,
                 _("This bank entry is no longer waiting: it was recorded or skipped meanwhile"));
  rcv_statement_reset (stmt);
  return pending;
}

static gboolean
set_status (RcvDatabase *db,
            gint64       entry_id,
            const char  *status,
            gint64       payment_id,
            GError     **error)
{
  RcvStatement *stmt = rcv_database_prepare (db, "UPDATE bank_entries SET status = ?2,"
                                                 " payment_id = ?3 WHERE id = ?1"
                                                 " AND status = 'pending'", error);

  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_int64 (stmt, 1, entry_id);
  rcv_statement_bind_text (stmt, 2, status);
  if (payment_id > 0)
    rcv_statement_bind_int64 (stmt, 3, payment_id);
  else
    rcv_statement_bind_null (stmt, 3);
  return rcv_database_step_done (db, stmt, error);
}

/* The payer's IBAN, once a receipt from it is recorded for a customer, is that customer's (an
 * IBAN already known stays whose it was); nothing for none or an invalid one. */
gboolean
rcv_bank_learn_iban (RcvDatabase  *db,
                     const char   *iban,
                     gint64        customer_id,
                     GError      **error)
{
  RcvStatement *stmt;

  if (iban == NULL || *iban == '\0' || !rcv_iban_valid (iban))
    return TRUE;
  stmt = rcv_database_prepare (db, "INSERT OR IGNORE INTO customer_ibans (iban, customer_id,"
                                   " learned) VALUES (?1, ?2, 1)", error);
  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_text (stmt, 1, iban);
  rcv_statement_bind_int64 (stmt, 2, customer_id);
  return rcv_database_step_done (db, stmt, error);
}

/* Records one waiting entry as the payment proposed; inside the caller's transaction. */
static gboolean
record (RcvDatabase    *db,
        RcvBankPending *pending,
        gint64         *payment_id,
        GError        **error)
{
  g_autoptr(RcvPayment) payment = rcv_payment_new ();
  g_autoptr(GArray) requests = g_array_new (FALSE, FALSE, sizeof (RcvAllocationRequest));
  g_auto(GStrv) numbers = g_strsplit (pending->invoices, " ", -1);
  g_autoptr(GPtrArray) invoices = g_ptr_array_new_with_free_func ((GDestroyNotify) rcv_invoice_free);
  gint64 left = pending->amount;

  if (pending->customer_id <= 0)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                   _("No customer is proposed for this bank entry: record it with the payment "
                     "form"));
      return FALSE;
    }
  for (guint i = 0; numbers[i] != NULL; i++)
    {
      RcvInvoice *invoice = *numbers[i] != '\0' ? rcv_ledger_find_invoice (db, numbers[i], NULL)
                                                : NULL;

      if (invoice != NULL && invoice->customer_id == pending->customer_id)
        g_ptr_array_add (invoices, invoice);
      else
        rcv_invoice_free (invoice);
    }
  for (guint i = 0; i < invoices->len && left > 0; i++)
    {
      RcvInvoice *invoice = g_ptr_array_index (invoices, i);
      RcvAllocationRequest request = { invoice->id,
                                       MIN (left, rcv_ledger_get_open_amount (db, invoice->id,
                                                                              NULL)) };

      if (request.amount <= 0)
        continue;
      g_array_append_val (requests, request);
      left -= request.amount;
    }
  payment->customer_id = pending->customer_id;
  payment->date = pending->date;
  payment->amount = pending->amount;
  payment->method = g_strdup (_("Bank transfer"));
  payment->reference = g_strdup (pending->entry_key);
  if (!rcv_ledger_write_payment (db, payment, (const RcvAllocationRequest *) requests->data,
                                 requests->len, FALSE, error))
    return FALSE;
  if (!rcv_bank_learn_iban (db, pending->payer_iban, pending->customer_id, error))
    return FALSE;
  *payment_id = payment->id;
  return set_status (db, pending->id, "applied", payment->id, error);
}

/* Records one waiting entry (auto, or a suggestion confirmed) as the payment it proposes. */
gboolean
rcv_bank_confirm (RcvDatabase  *db,
                  gint64        entry_id,
                  gint64       *payment_id,
                  GError      **error)
{
  g_autoptr(RcvBankPending) pending = NULL;
  gint64 recorded = 0;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);

  if (!rcv_database_begin (db, error))
    return FALSE;
  pending = get_pending (db, entry_id, error);
  if (pending == NULL || !record (db, pending, &recorded, error) ||
      !rcv_collections_charge_commission (db, error) || !rcv_database_commit (db, error))
    {
      rcv_database_rollback (db);
      return FALSE;
    }
  if (payment_id != NULL)
    *payment_id = recorded;
  return TRUE;
}

/* Records every waiting auto match, all in one transaction or none. */
gboolean
rcv_bank_apply_pending (RcvDatabase  *db,
                        guint        *n_recorded,
                        GError      **error)
{
  g_autoptr(GPtrArray) list = NULL;
  guint recorded = 0;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);

  if (!rcv_database_begin (db, error))
    return FALSE;
  list = rcv_bank_list_pending (db, error);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      RcvBankPending *pending = g_ptr_array_index (list, i);
      gint64 payment_id = 0;

      if (pending->decision != RCV_BANK_AUTO)
        continue;
      if (!record (db, pending, &payment_id, error))
        {
          g_prefix_error (error, _("Bank entry %s: "), pending->entry_key);
          g_clear_pointer (&list, g_ptr_array_unref);
          break;
        }
      recorded++;
    }
  if (list == NULL || !rcv_collections_charge_commission (db, error) ||
      !rcv_database_commit (db, error))
    {
      rcv_database_rollback (db);
      return FALSE;
    }
  if (n_recorded != NULL)
    *n_recorded = recorded;
  return TRUE;
}

/* Marks a waiting entry as not a receipt to record. */
gboolean
rcv_bank_skip (RcvDatabase  *db,
               gint64        entry_id,
               GError      **error)
{
  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);

  return set_status (db, entry_id, "skipped", 0, error);
}

/* A waiting entry recorded through the payment form, as `payment_id`. */
gboolean
rcv_bank_mark_recorded (RcvDatabase  *db,
                        gint64        entry_id,
                        gint64        payment_id,
                        GError      **error)
{
  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);

  return set_status (db, entry_id, "applied", payment_id, error);
}

/* A skipped entry waiting again (the toast's Undo). */
gboolean
rcv_bank_unskip (RcvDatabase  *db,
                 gint64        entry_id,
                 GError      **error)
{
  RcvStatement *stmt;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);

  stmt = rcv_database_prepare (db, "UPDATE bank_entries SET status = 'pending' WHERE id = ?1"
                                   " AND status = 'skipped'", error);
  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_int64 (stmt, 1, entry_id);
  return rcv_database_step_done (db, stmt, error);
}
