/* rcv-invoice-document.h - invoices and credit notes read for their documents
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rcv-invoice-layout.h"

G_BEGIN_DECLS

RcvInvoiceDocument *rcv_invoice_document_read  (RcvDatabase  *db,
                                                gint64        invoice_id,
                                                GError      **error);
GPtrArray          *rcv_invoice_documents_find (RcvDatabase        *db,
                                                const char *const  *numbers,
                                                GError            **error);

G_END_DECLS
