/* rcv-customer-window.h - one customer's account: contact, credit, balance by age, documents
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rcv-database.h"

G_BEGIN_DECLS

#define RCV_TYPE_CUSTOMER_WINDOW (rcv_customer_window_get_type ())
G_DECLARE_FINAL_TYPE (RcvCustomerWindow, rcv_customer_window, RCV, CUSTOMER_WINDOW, AdwWindow)

RcvCustomerWindow *rcv_customer_window_new      (GtkWindow    *parent,
                                                 RcvDatabase  *database,
                                                 gint64        customer_id,
                                                 GError      **error);
gint64             rcv_customer_window_get_customer_id (RcvCustomerWindow *self);
gboolean           rcv_customer_window_reload   (RcvCustomerWindow  *self,
                                                 GError            **error);

G_END_DECLS
