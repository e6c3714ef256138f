/* rcv-invoice-list.h - invoices and credit notes as a lazy GListModel, for a million of them
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rcv-database.h"
#include "rcv-row-list.h"

G_BEGIN_DECLS

typedef enum
{
  RCV_INVOICE_FILTER_ALL,
  RCV_INVOICE_FILTER_OPEN,
  RCV_INVOICE_FILTER_OVERDUE,
} RcvInvoiceFilter;

#define RCV_TYPE_INVOICE_ITEM (rcv_invoice_item_get_type ())
G_DECLARE_FINAL_TYPE (RcvInvoiceItem, rcv_invoice_item, RCV, INVOICE_ITEM, GObject)

#define RCV_TYPE_INVOICE_LIST (rcv_invoice_list_get_type ())
G_DECLARE_FINAL_TYPE (RcvInvoiceList, rcv_invoice_list, RCV, INVOICE_LIST, RcvRowList)

gint64          rcv_invoice_item_get_id       (RcvInvoiceItem *self);
const char     *rcv_invoice_item_get_number   (RcvInvoiceItem *self);
gint64          rcv_invoice_item_get_open     (RcvInvoiceItem *self);

RcvInvoiceList *rcv_invoice_list_new          (RcvDatabase      *db,
                                               RcvInvoiceFilter  filter,
                                               const char       *search,
                                               const GDate      *today,
                                               GCancellable     *cancellable,
                                               GError          **error);
void            rcv_invoice_list_new_async    (RcvDatabase         *db,
                                               RcvInvoiceFilter     filter,
                                               const char          *search,
                                               const GDate         *today,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
RcvInvoiceList *rcv_invoice_list_new_aged     (RcvDatabase      *db,
                                               const GDate      *as_of,
                                               gint64            customer_id,
                                               int               bucket,
                                               GCancellable     *cancellable,
                                               GError          **error);
void            rcv_invoice_list_new_aged_async (RcvDatabase         *db,
                                                 const GDate         *as_of,
                                                 gint64               customer_id,
                                                 int                  bucket,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
RcvInvoiceList *rcv_invoice_list_new_finish   (RcvDatabase   *db,
                                               GAsyncResult  *result,
                                               GError       **error);

G_END_DECLS
