/* rcv-customer-list.h - every customer with its balance, as a lazy GListModel
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rcv-database-changes.h"
#include "rcv-database.h"
#include "rcv-policy.h"

G_BEGIN_DECLS

#define RCV_TYPE_CUSTOMER_ITEM (rcv_customer_item_get_type ())
G_DECLARE_FINAL_TYPE (RcvCustomerItem, rcv_customer_item, RCV, CUSTOMER_ITEM, GObject)

#define RCV_TYPE_CUSTOMER_LIST (rcv_customer_list_get_type ())
G_DECLARE_FINAL_TYPE (RcvCustomerList, rcv_customer_list, RCV, CUSTOMER_LIST, GObject)

gint64           rcv_customer_item_get_id          (RcvCustomerItem *self);
const char      *rcv_customer_item_get_code        (RcvCustomerItem *self);
const char      *rcv_customer_item_get_name        (RcvCustomerItem *self);
gint64           rcv_customer_item_get_balance     (RcvCustomerItem *self);
gint             rcv_customer_item_get_oldest_days (RcvCustomerItem *self);
gboolean         rcv_customer_item_get_archived    (RcvCustomerItem *self);
RcvHoldReason    rcv_customer_item_get_hold        (RcvCustomerItem *self);

RcvCustomerList *rcv_customer_list_new             (RcvDatabase  *db,
                                                    const GDate  *as_of,
                                                    GError      **error);
RcvCustomerList *rcv_customer_list_new_active      (RcvDatabase  *db,
                                                    GError      **error);
void             rcv_customer_list_new_async       (RcvDatabase         *db,
                                                    const GDate         *as_of,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
RcvCustomerList *rcv_customer_list_new_finish      (RcvDatabase   *db,
                                                    GAsyncResult  *result,
                                                    GError       **error);
const GDate     *rcv_customer_list_get_as_of       (RcvCustomerList *self);
gint64           rcv_customer_list_get_total       (RcvCustomerList *self);
gboolean         rcv_customer_list_find            (RcvCustomerList *self,
                                                    gint64           customer_id,
                                                    guint           *position);
GArray          *rcv_customer_list_match           (RcvCustomerList *self,
                                                    const char      *text,
                                                    guint            max,
                                                    guint           *n_matches);
gboolean         rcv_customer_list_refresh_changed (RcvCustomerList    *self,
                                                    RcvDatabase        *db,
                                                    const RcvChangeSet *changes);
void             rcv_customer_list_merge           (RcvCustomerList *self,
                                                    RcvCustomerList *fresh);

G_END_DECLS
