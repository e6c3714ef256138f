/* rcv-account.h - one customer's account: balance by age, recent payments, history
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rcv-aging.h"
#include "rcv-database.h"

G_BEGIN_DECLS

typedef struct
{
  guint boundaries[RCV_AGING_MAX_BOUNDARIES];
  guint n_boundaries;
  guint n_buckets;
  gint64 buckets[RCV_AGING_MAX_BUCKETS];
  gint64 unapplied;      /* ≤ 0, as in the aging report */
  gint64 balance;
  gint oldest_days;      /* G_MININT when nothing is open */
  gint days_past_due;    /* of the oldest open invoice by its due date; G_MININT: none */
  guint n_open;
} RcvAccountBalance;

typedef struct
{
  gint64 id;
  GDate date;
  gint64 amount;
  gint64 unapplied;
  char *method;
  char *reference;
} RcvAccountPayment;

typedef struct
{
  char *at;              /* UTC, ISO 8601 */
  char *user;
  char *action;          /* insert, update, void, … */
  char *table;           /* customers, invoices, payments */
  gint64 record_id;
  char *what;            /* the document's number or the customer's ID, when known */
} RcvAccountEvent;

gboolean   rcv_account_get_balance    (RcvDatabase       *db,
                                       gint64             customer_id,
                                       const GDate       *today,
                                       RcvAccountBalance *balance,
                                       GError           **error);
GPtrArray *rcv_account_list_payments  (RcvDatabase       *db,
                                       gint64             customer_id,
                                       guint              limit,
                                       GError           **error);
GPtrArray *rcv_account_list_history   (RcvDatabase       *db,
                                       gint64             customer_id,
                                       guint              limit,
                                       GError           **error);

G_END_DECLS
