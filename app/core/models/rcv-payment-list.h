/* rcv-payment-list.h - payments received as a lazy GListModel, newest first
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rcv-database.h"
#include "rcv-row-list.h"

G_BEGIN_DECLS

#define RCV_TYPE_PAYMENT_ITEM (rcv_payment_item_get_type ())
G_DECLARE_FINAL_TYPE (RcvPaymentItem, rcv_payment_item, RCV, PAYMENT_ITEM, GObject)

#define RCV_TYPE_PAYMENT_LIST (rcv_payment_list_get_type ())
G_DECLARE_FINAL_TYPE (RcvPaymentList, rcv_payment_list, RCV, PAYMENT_LIST, RcvRowList)

gint64          rcv_payment_item_get_id        (RcvPaymentItem *self);
gint64          rcv_payment_item_get_unapplied (RcvPaymentItem *self);

RcvPaymentList *rcv_payment_list_new           (RcvDatabase   *db,
                                                const char    *search,
                                                GCancellable  *cancellable,
                                                GError       **error);
void            rcv_payment_list_new_async     (RcvDatabase         *db,
                                                const char          *search,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
RcvPaymentList *rcv_payment_list_new_finish    (RcvDatabase   *db,
                                                GAsyncResult  *result,
                                                GError       **error);

G_END_DECLS
