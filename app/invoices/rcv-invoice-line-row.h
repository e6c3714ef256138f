/* rcv-invoice-line-row.h - one line of the invoice editor
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RCV_TYPE_INVOICE_LINE_ROW (rcv_invoice_line_row_get_type ())
G_DECLARE_FINAL_TYPE (RcvInvoiceLineRow, rcv_invoice_line_row, RCV, INVOICE_LINE_ROW, GtkWidget)

/* The fields of a line, in the order of its columns. */
typedef enum
{
  RCV_LINE_DESCRIPTION,
  RCV_LINE_QUANTITY,
  RCV_LINE_PRICE,
  RCV_LINE_TAX,
} RcvLineField;

RcvInvoiceLineRow *rcv_invoice_line_row_new        (guint              number);
GtkEditable       *rcv_invoice_line_row_get_field  (RcvInvoiceLineRow *self,
                                                    RcvLineField       field);
const char        *rcv_invoice_line_row_get_text   (RcvInvoiceLineRow *self,
                                                    RcvLineField       field);
void               rcv_invoice_line_row_set_texts  (RcvInvoiceLineRow *self,
                                                    const char        *description,
                                                    const char        *quantity,
                                                    const char        *unit_price,
                                                    const char        *tax_rate);
void               rcv_invoice_line_row_set_amount (RcvInvoiceLineRow *self,
                                                    const char        *amount);
void               rcv_invoice_line_row_align      (RcvInvoiceLineRow *self,
                                                    GtkSizeGroup      *columns[6]);

G_END_DECLS
