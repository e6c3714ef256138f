/* rcv-invoice-layout.h - an invoice or credit note as a document, laid out as the letters are
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rcv-ledger.h"
#include "rcv-letter.h"

G_BEGIN_DECLS

/* What an invoice's document shows: the invoice with its lines, the customer it goes to, and
 * what is still to pay on it (rcv-invoice-document.c reads them together). */
typedef struct
{
  RcvInvoice *invoice;
  RcvCustomer *customer;
  gint64 open;               /* invoices: total − settled so far */
} RcvInvoiceDocument;

void             rcv_invoice_document_free  (RcvInvoiceDocument *document);

RcvLetterLayout *rcv_invoice_layout_new     (const RcvLetterhead      *head,
                                             const RcvInvoiceDocument *document,
                                             cairo_t                  *cr);
char            *rcv_invoice_payment_reference (const RcvInvoice *invoice);
gboolean         rcv_invoices_write_pdf     (const RcvLetterhead             *head,
                                             const RcvInvoiceDocument *const *documents,
                                             guint                            n_documents,
                                             const char                      *path,
                                             guint                           *n_pages,
                                             GError                         **error);
GBytes          *rcv_invoice_pdf_bytes      (const RcvLetterhead      *head,
                                             const RcvInvoiceDocument *document,
                                             GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvInvoiceDocument, rcv_invoice_document_free)

G_END_DECLS
