/* rcv-invoice-editor.h - a new invoice or credit note; or a posted one, to read, void or credit
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rcv-database.h"
#include "rcv-ledger.h"

G_BEGIN_DECLS

#define RCV_TYPE_INVOICE_EDITOR (rcv_invoice_editor_get_type ())
G_DECLARE_FINAL_TYPE (RcvInvoiceEditor, rcv_invoice_editor, RCV, INVOICE_EDITOR, AdwWindow)

RcvInvoiceEditor *rcv_invoice_editor_new         (GtkWindow       *parent,
                                                  RcvDatabase     *database,
                                                  RcvInvoiceKind   kind,
                                                  gint64           customer_id,
                                                  GError         **error);
RcvInvoiceEditor *rcv_invoice_editor_new_viewer  (GtkWindow       *parent,
                                                  RcvDatabase     *database,
                                                  gint64           invoice_id,
                                                  GError         **error);
void              rcv_invoice_editor_set_line    (RcvInvoiceEditor *self,
                                                  guint             line,
                                                  const char       *description,
                                                  const char       *quantity,
                                                  const char       *unit_price,
                                                  const char       *tax_rate);
const char       *rcv_invoice_editor_get_problem (RcvInvoiceEditor *self);
GtkPrintOperationResult rcv_invoice_editor_print (RcvInvoiceEditor        *self,
                                                  GtkPrintOperationAction  action,
                                                  const char              *export_path,
                                                  GError                 **error);
gboolean          rcv_invoice_editor_save_pdf    (RcvInvoiceEditor *self,
                                                  const char       *path,
                                                  GError          **error);

G_END_DECLS
