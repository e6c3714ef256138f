/* rcv-open-items.h - a customer's open invoices, the proposed allocation of a payment, voiding
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rcv-database.h"
#include "rcv-ledger.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 id;
  char *number;
  RcvInvoiceKind kind;
  GDate issue_date;
  GDate due_date;
  gint64 total;     /* a credit note's is negative */
  gint64 open;      /* what is left: > 0 for an invoice, the unused credit (> 0) for a note */
} RcvOpenItem;

GPtrArray *rcv_open_items_list               (RcvDatabase    *db,
                                              gint64          customer_id,
                                              RcvInvoiceKind  kind,
                                              GError        **error);
gint64     rcv_open_items_get_unapplied      (RcvDatabase    *db,
                                              gint64          customer_id);
gint64     rcv_open_items_propose_allocation (GPtrArray      *open_invoices,
                                              const GDate    *payment_date,
                                              gint64          amount,
                                              GArray         *requests);

/* Applies the customer's unapplied payments and credit notes to its open invoices, oldest due
 * date first; `applied` (may be NULL) is what was applied. */
gboolean   rcv_open_items_apply_credit       (RcvDatabase    *db,
                                              gint64          customer_id,
                                              gint64         *applied,
                                              GError        **error);

G_END_DECLS
