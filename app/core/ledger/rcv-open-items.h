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

GPtrArray *rcv_ledger_list_open_items (RcvDatabase    *db,
                                       gint64          customer_id,
                                       RcvInvoiceKind  kind,
                                       GError        **error);
gint64     rcv_ledger_get_unapplied   (RcvDatabase    *db,
                                       gint64          customer_id);
gint64     rcv_propose_allocation     (GPtrArray      *open_invoices,
                                       const GDate    *payment_date,
                                       gint64          amount,
                                       GArray         *requests);
gboolean   rcv_ledger_apply_credit    (RcvDatabase    *db,
                                       gint64          customer_id,
                                       gint64         *applied,
                                       GError        **error);
gboolean   rcv_ledger_void_invoice    (RcvDatabase    *db,
                                       gint64          invoice_id,
                                       const char     *reason,
                                       GError        **error);

G_END_DECLS
