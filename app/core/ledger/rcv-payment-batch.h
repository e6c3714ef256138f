/* rcv-payment-batch.h - many new payments, allocated in memory and written in one pass
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rcv-connection-holder.h"
#include "rcv-database.h"

G_BEGIN_DECLS

/* A payment of an import, checked and waiting to be written. */
typedef struct
{
  guint32 date;         /* Julian day */
  guint32 last;         /* the latest effective date of its allocations, 0 for none */
  gint64 customer_id;
  gint64 amount;
  gint64 invoice_id;    /* the invoice it names, 0 for oldest first */
  gint64 payment_id;    /* given in file order: breaks ties between payments of a date */
  gint64 allocated;     /* by the batch */
  guint32 reference;    /* offsets in the batch's strings */
  guint32 method;
} RcvNewPayment;

typedef gboolean (*RcvBatchPrepareFunc) (gpointer   user_data,
                                         GError   **error);

/* The open invoices, in memory, in the order payments go to them. */
typedef struct _RcvOpenInvoices RcvOpenInvoices;
typedef void (*RcvMeanwhile) (gpointer user_data);

RcvOpenInvoices *rcv_open_invoices_load (RcvConnectionHolder  *connection,
                                         RcvMeanwhile          meanwhile,
                                         gpointer              user_data,
                                         GError              **error);
void             rcv_open_invoices_free (RcvOpenInvoices *open);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvOpenInvoices, rcv_open_invoices_free)

void     rcv_new_payments_sort   (GArray *payments);
gboolean rcv_payment_batch_write (RcvConnectionHolder *connection,
                                  RcvOpenInvoices     *open,
                                  GArray              *payments,
                                  const GString       *strings,
                                  RcvBatchPrepareFunc  before_writes,
                                  gpointer             user_data,
                                  GError             **error);

G_END_DECLS
