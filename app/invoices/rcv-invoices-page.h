/* rcv-invoices-page.h - every invoice and credit note, newest first, searchable and filtered
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rcv-database.h"

G_BEGIN_DECLS

#define RCV_TYPE_INVOICES_PAGE (rcv_invoices_page_get_type ())
G_DECLARE_FINAL_TYPE (RcvInvoicesPage, rcv_invoices_page, RCV, INVOICES_PAGE, GtkWidget)

void rcv_invoices_page_set_database (RcvInvoicesPage *self,
                                     RcvDatabase     *database);
void rcv_invoices_page_reload       (RcvInvoicesPage *self);
void rcv_invoices_page_focus_search (RcvInvoicesPage *self);
void rcv_invoices_page_show_aged    (RcvInvoicesPage *self,
                                     const GDate     *as_of,
                                     gint64           customer_id,
                                     int              bucket,
                                     const char      *what);

G_END_DECLS
