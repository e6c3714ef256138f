/* rcv-ledger-private.h - the ledger's row-level writes, for bulk work inside one transaction
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * These neither open a transaction nor write the audit: the caller (an import, the demo)
 * holds the transaction and audits the batch.
 */
#pragma once

#include "rcv-ledger.h"

G_BEGIN_DECLS

/* span_class of a document whose open interval has not ended */
#define RCV_SPAN_OPEN 15
/* the largest finite span_class: intervals of 2^13 days and more */
#define RCV_SPAN_MAX_FINITE 14

typedef enum
{
  RCV_SOURCE_PAYMENT,
  RCV_SOURCE_CREDIT_NOTE,
} RcvSourceKind;

typedef enum
{
  RCV_DOCUMENT_INVOICES,   /* invoices and credit notes */
  RCV_DOCUMENT_PAYMENTS,
} RcvDocumentTable;

guint    rcv_span_class              (guint32 start_julian,
                                      guint32 settled_julian);
guint    rcv_settlement_span         (guint32 start_julian,
                                      gint64  allocated,
                                      gint64  full,
                                      guint32 last_julian);
gboolean rcv_ledger_store_settlement (RcvDatabase     *db,
                                      RcvDocumentTable table,
                                      gint64           id,
                                      guint32          start_julian,
                                      gint64           allocated,
                                      gint64           full,
                                      guint32          last_julian,
                                      GError         **error);
gboolean rcv_ledger_insert_customer_row (RcvDatabase *db,
                                         RcvCustomer *customer,
                                         GError     **error);
gboolean rcv_ledger_insert_invoice_row (RcvDatabase *db,
                                        RcvInvoice  *invoice,
                                        GError     **error);
gboolean rcv_ledger_insert_payment_row (RcvDatabase *db,
                                        RcvPayment  *payment,
                                        GError     **error);
gboolean rcv_ledger_allocate_row     (RcvDatabase   *db,
                                      RcvSourceKind  source_kind,
                                      gint64         source_id,
                                      gint64         invoice_id,
                                      gint64         amount,
                                      gboolean       clamp,
                                      gint64        *allocated,
                                      GError       **error);
gboolean rcv_ledger_auto_allocate_row (RcvDatabase *db,
                                       gint64       payment_id,
                                       GError     **error);
gboolean rcv_ledger_allocate_new_payment (RcvDatabase *db,
                                          gint64       payment_id,
                                          gint64       customer_id,
                                          const GDate *date,
                                          gint64       amount,
                                          gint64       invoice_id,
                                          GError     **error);

gboolean rcv_ledger_write_invoice (RcvDatabase *db,
                                   RcvInvoice  *invoice,
                                   GError     **error);
gboolean rcv_ledger_write_payment (RcvDatabase                *db,
                                   RcvPayment                 *payment,
                                   const RcvAllocationRequest *requests,
                                   guint                       n_requests,
                                   gboolean                    allocate_rest,
                                   GError                    **error);
void     rcv_ledger_refresh_allocated (RcvDatabase *db,
                                       RcvPayment  *payment);

gboolean rcv_ledger_check_text (const char  *value,
                                gboolean     required,
                                gsize        max_length,
                                const char  *field_name,
                                const char **field,
                                GError     **error);

/* for the ledger's own files (rcv-ledger.c, rcv-ledger-customers.c, rcv-ledger-invoices.c,
 * rcv-ledger-payments.c) */
char    *rcv_ledger_id_text             (gint64       id);
gboolean rcv_ledger_is_unique_violation (RcvDatabase *db);

G_END_DECLS
