/* rcv-payments-page.h - payments received, newest first, searchable
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rcv-database.h"

G_BEGIN_DECLS

#define RCV_TYPE_PAYMENTS_PAGE (rcv_payments_page_get_type ())
G_DECLARE_FINAL_TYPE (RcvPaymentsPage, rcv_payments_page, RCV, PAYMENTS_PAGE, GtkWidget)

void rcv_payments_page_set_database (RcvPaymentsPage *self,
                                     RcvDatabase     *database);
void rcv_payments_page_reload       (RcvPaymentsPage *self);
void rcv_payments_page_focus_search (RcvPaymentsPage *self);

G_END_DECLS
