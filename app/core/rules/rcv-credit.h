/* rcv-credit.h - the credit check: may a customer be invoiced more today, under its policy
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rcv-database.h"

G_BEGIN_DECLS

/* Why a customer may not simply be invoiced. */
typedef enum
{
  RCV_HOLD_NONE = 0,
  RCV_HOLD_OVERDUE = 1 << 0,      /* an invoice is hold_days or more overdue */
  RCV_HOLD_OVER_LIMIT = 1 << 1,   /* the new invoice would take it over its credit limit */
} RcvHoldReason;

typedef struct
{
  gint64 policy_id;        /* the policy that applies (the default one when the customer has none) */
  gint64 credit_limit;     /* the customer's own, else its policy's; -1: none */
  gint64 balance;          /* what it owes today, unapplied credit deducted */
  gint64 amount;           /* the new invoice's total */
  gint64 available;        /* credit_limit - balance (may be negative); 0 without a limit */
  gint hold_days;          /* -1: never */
  gint days_overdue;       /* of its most overdue open invoice; 0 when none is overdue */
  RcvHoldReason reasons;
} RcvCreditCheck;

gboolean rcv_credit_check (RcvDatabase    *db,
                           gint64          customer_id,
                           gint64          amount,
                           const GDate    *today,
                           RcvCreditCheck *check,
                           GError        **error);

G_END_DECLS
