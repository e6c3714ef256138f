/* rcv-customer-row.h - an entry row that finds a customer by what is typed, name or number
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rcv-customer-list.h"

G_BEGIN_DECLS

#define RCV_TYPE_CUSTOMER_ROW (rcv_customer_row_get_type ())
G_DECLARE_FINAL_TYPE (RcvCustomerRow, rcv_customer_row, RCV, CUSTOMER_ROW, AdwEntryRow)

void             rcv_customer_row_set_customers   (RcvCustomerRow  *self,
                                                   RcvCustomerList *customers);
RcvCustomerItem *rcv_customer_row_get_selected    (RcvCustomerRow  *self);
gboolean         rcv_customer_row_select_id       (RcvCustomerRow  *self,
                                                   gint64           customer_id);
gboolean         rcv_customer_row_resolve         (RcvCustomerRow  *self);
char            *rcv_customer_row_describe_problem (RcvCustomerRow *self);
gboolean         rcv_customer_row_get_popup_shown (RcvCustomerRow  *self);
GListModel      *rcv_customer_row_get_matches     (RcvCustomerRow  *self);
guint            rcv_customer_row_get_highlighted (RcvCustomerRow  *self);

G_END_DECLS
