/* rcv-payment-batch.h - many new payments, allocated in memory and written in one pass
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

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

/* A connection that a bulk import shares between its threads, one at a time: the thread that
 * has it uses it through rcv_connection_holder_get (), which aborts on any other thread (an
 * sqlite3 connection and its statement cache used by two threads at once corrupt each other's
 * statements); a thread lets it go with _release () before handing it over, the next one
 * takes it with _acquire (). */
typedef struct
{
  GMutex lock;
  GThread *owner;               /* NULL while it is being handed over */
  RcvDatabase *db;
} RcvConnectionHolder;

void         rcv_connection_holder_init    (RcvConnectionHolder *holder,
                                            RcvDatabase         *db);
void         rcv_connection_holder_clear   (RcvConnectionHolder *holder);
RcvDatabase *rcv_connection_holder_get     (RcvConnectionHolder *holder);
void         rcv_connection_holder_release (RcvConnectionHolder *holder);
void         rcv_connection_holder_acquire (RcvConnectionHolder *holder);

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
