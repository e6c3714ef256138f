/* rcv-customers-page.h - every customer with balance and oldest days overdue
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rcv-database.h"
#include "rcv-mail-batch-dialog.h"

G_BEGIN_DECLS

#define RCV_TYPE_CUSTOMERS_PAGE (rcv_customers_page_get_type ())
G_DECLARE_FINAL_TYPE (RcvCustomersPage, rcv_customers_page, RCV, CUSTOMERS_PAGE, GtkWidget)

void rcv_customers_page_set_database  (RcvCustomersPage *self,
                                       RcvDatabase      *database);
void rcv_customers_page_reload        (RcvCustomersPage *self);
void rcv_customers_page_focus_search  (RcvCustomersPage *self);
void rcv_customers_page_new_customer  (RcvCustomersPage *self);
void rcv_customers_page_show_customer (RcvCustomersPage *self,
                                       gint64            customer_id);
void rcv_customers_page_edit_customer (RcvCustomersPage *self,
                                       gint64            customer_id);

void     rcv_customers_page_save_statements (RcvCustomersPage *self,
                                            const char       *path);
gboolean rcv_customers_page_is_saving       (RcvCustomersPage *self);
RcvMailBatchDialog *rcv_customers_page_email_statements (RcvCustomersPage *self);

G_END_DECLS
