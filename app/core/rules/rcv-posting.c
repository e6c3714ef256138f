/* rcv-posting.c - entering invoices and payments under the customer's credit policy
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ledger (app/core/ledger) writes records and knows no policy; what a person enters goes
 * through here, where the rules apply: the terms that set the due date, the credit check
 * before an invoice, the agency's commission on a payment.
 */
#define G_LOG_DOMAIN "rcv-posting"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rcv-collections.h"
#include "rcv-database-private.h"
#include "rcv-error.h"
#include "rcv-json.h"
#include "rcv-ledger-private.h"
#include "rcv-policy.h"
#include "rcv-posting.h"

/* The customer's own terms, else its policy's, else the default policy's. */
gint
rcv_posting_get_terms (RcvDatabase       *db,
                       const RcvCustomer *customer)
{
  g_return_val_if_fail (RCV_IS_DATABASE (db), 30);
  g_return_val_if_fail (customer != NULL, 30);

  if (customer->terms_days >= 0)
    return customer->terms_days;
  return rcv_policy_get_terms (db, customer->policy_id);
}

/* Posts an invoice or credit note where a person enters it: the customer's credit policy is
 * enforced. An invoice for a customer on credit hold (an invoice overdue past the policy's
 * hold, or over the credit limit with this one) fails with RCV_INPUT_ERROR_CREDIT_HOLD and
 * `check` filled in, unless `override_reason` says why it goes out anyway: then the audit
 * table records who posted it, why, and the figures. */
gboolean
rcv_posting_post_invoice (RcvDatabase    *db,
                          RcvInvoice     *invoice,
                          const GDate    *today,
                          const char     *override_reason,
                          RcvCreditCheck *check,
                          GError        **error)
{
  g_autofree char *reason = NULL;
  RcvCreditCheck local_check;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (invoice != NULL, FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  if (check == NULL)
    check = &local_check;
  reason = g_strstrip (g_strdup (override_reason != NULL ? override_reason : ""));

  /* the total the check weighs; a bad invoice is refused by the insert below */
  rcv_invoice_compute_totals (invoice, NULL);
  if (!rcv_database_begin (db, error))
    return FALSE;
  if (!rcv_credit_check (db, invoice->customer_id,
                         invoice->kind == RCV_INVOICE_KIND_INVOICE ? invoice->total : 0, today,
                         check, error))
    goto fail;
  if (invoice->kind == RCV_INVOICE_KIND_INVOICE && check->reasons != RCV_HOLD_NONE &&
      reason[0] == '\0')
    {
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_CREDIT_HOLD,
                           (check->reasons & RCV_HOLD_OVERDUE)
                             ? _("The customer is on credit hold: an invoice is overdue past "
                                 "its policy’s limit")
                             : _("The invoice would take the customer over its credit limit"));
      goto fail;
    }

  if (!rcv_ledger_write_invoice (db, invoice, error))
    goto fail;
  if (invoice->kind == RCV_INVOICE_KIND_INVOICE && check->reasons != RCV_HOLD_NONE)
    {
      g_autoptr(RcvJsonWriter) writer = rcv_json_writer_new (FALSE);
      const RcvCurrency *currency = rcv_database_get_currency (db);
      g_autofree char *override = NULL;

      rcv_json_begin_object (writer);
      rcv_json_key (writer, "reason");
      rcv_json_string (writer, reason);
      rcv_json_key (writer, "on_hold");
      rcv_json_bool (writer, (check->reasons & RCV_HOLD_OVERDUE) != 0);
      rcv_json_key (writer, "over_limit");
      rcv_json_bool (writer, (check->reasons & RCV_HOLD_OVER_LIMIT) != 0);
      rcv_json_key (writer, "days_overdue");
      rcv_json_int (writer, check->days_overdue);
      rcv_json_key (writer, "balance");
      rcv_json_money (writer, check->balance, currency);
      rcv_json_key (writer, "credit_limit");
      if (check->credit_limit >= 0)
        rcv_json_money (writer, check->credit_limit, currency);
      else
        rcv_json_null (writer);
      rcv_json_key (writer, "amount");
      rcv_json_money (writer, invoice->total, currency);
      rcv_json_end_object (writer);
      override = rcv_json_writer_free_to_string (g_steal_pointer (&writer));
      if (!rcv_database_audit (db, "credit-override", "invoices", invoice->id, NULL, override,
                               error))
        goto fail;
    }
  if (!rcv_database_commit (db, error))
    goto fail;
  return TRUE;

fail:
  rcv_database_rollback (db);
  invoice->id = 0;
  return FALSE;
}

/* Records a payment where a person or a bank file enters it: `requests` allocate it to named
 * invoices (each at most its open amount), and with `allocate_rest` what is left goes oldest
 * first; the rest is unapplied credit. On an account with an agency, the agency keeps its
 * commission (rcv-collections.c), in the same transaction. */
gboolean
rcv_posting_add_payment (RcvDatabase                *db,
                         RcvPayment                 *payment,
                         const RcvAllocationRequest *requests,
                         guint                       n_requests,
                         gboolean                    allocate_rest,
                         GError                    **error)
{
  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (payment != NULL, FALSE);
  g_return_val_if_fail (requests != NULL || n_requests == 0, FALSE);

  if (!rcv_database_begin (db, error))
    return FALSE;
  if (!rcv_ledger_write_payment (db, payment, requests, n_requests, allocate_rest, error) ||
      !rcv_collections_charge_commission (db, error) ||
      !rcv_database_commit (db, error))
    {
      rcv_database_rollback (db);
      payment->id = 0;
      return FALSE;
    }
  rcv_ledger_refresh_allocated (db, payment);
  return TRUE;
}
