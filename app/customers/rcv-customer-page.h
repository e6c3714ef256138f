/* rcv-customer-page.h - one customer's account, a page of the main window
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rcv-database.h"

G_BEGIN_DECLS

#define RCV_TYPE_CUSTOMER_PAGE (rcv_customer_page_get_type ())
G_DECLARE_FINAL_TYPE (RcvCustomerPage, rcv_customer_page, RCV, CUSTOMER_PAGE, AdwBin)

gboolean rcv_customer_page_show            (RcvCustomerPage  *self,
                                            RcvDatabase      *database,
                                            gint64            customer_id,
                                            GError          **error);
gint64   rcv_customer_page_get_customer_id (RcvCustomerPage  *self);
gboolean rcv_customer_page_reload          (RcvCustomerPage  *self,
                                            GError          **error);

G_END_DECLS
