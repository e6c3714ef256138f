/* rcv-credit.c - the credit check: may a customer be invoiced more today, under its policy
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rcv-policy"

#include "config.h"

#include <string.h>

#include "rcv-credit.h"
#include "rcv-ledger.h"
#include "rcv-open-items.h"
#include "rcv-policy.h"

/* Whether the customer may be invoiced `amount` more today: its balance, limit and most
 * overdue invoice against its policy. `check->reasons` says what stands in the way. */
gboolean
rcv_credit_check (RcvDatabase    *db,
                  gint64          customer_id,
                  gint64          amount,
                  const GDate    *today,
                  RcvCreditCheck *check,
                  GError        **error)
{
  g_autoptr(RcvCustomer) customer = NULL;
  g_autoptr(RcvPolicy) policy = NULL;
  g_autoptr(GPtrArray) open = NULL;
  guint32 today_julian;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);
  g_return_val_if_fail (check != NULL, FALSE);

  memset (check, 0, sizeof *check);
  customer = rcv_ledger_get_customer (db, customer_id, error);
  if (customer == NULL)
    return FALSE;
  policy = rcv_policy_load (db, customer->policy_id, error);
  if (policy == NULL)
    return FALSE;
  open = rcv_open_items_list (db, customer_id, RCV_INVOICE_KIND_INVOICE, error);
  if (open == NULL)
    return FALSE;

  check->policy_id = policy->id;
  check->credit_limit = customer->credit_limit >= 0 ? customer->credit_limit : policy->credit_limit;
  check->hold_days = policy->hold_days;
  check->amount = amount;
  today_julian = g_date_get_julian (today);
  for (guint i = 0; i < open->len; i++)
    {
      const RcvOpenItem *item = g_ptr_array_index (open, i);
      guint32 due = g_date_get_julian (&item->due_date);

      check->balance += item->open;
      if (due < today_julian)
        check->days_overdue = MAX (check->days_overdue, (gint) (today_julian - due));
    }
  check->balance -= rcv_open_items_get_unapplied (db, customer_id);

  if (check->hold_days > 0 && check->days_overdue >= check->hold_days)
    check->reasons |= RCV_HOLD_OVERDUE;
  if (check->credit_limit >= 0)
    {
      check->available = check->credit_limit - check->balance;
      if (amount > 0 && check->balance + amount > check->credit_limit)
        check->reasons |= RCV_HOLD_OVER_LIMIT;
    }
  return TRUE;
}
