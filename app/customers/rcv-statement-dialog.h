/* rcv-statement-dialog.h - a customer's statement of account: previewed, printed, saved
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rcv-database.h"

G_BEGIN_DECLS

#define RCV_TYPE_STATEMENT_DIALOG (rcv_statement_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RcvStatementDialog, rcv_statement_dialog, RCV, STATEMENT_DIALOG, AdwWindow)

RcvStatementDialog *rcv_statement_dialog_new      (GtkWindow          *parent,
                                                   RcvDatabase        *database,
                                                   gint64              customer_id,
                                                   GError            **error);
void                rcv_statement_dialog_set_period (RcvStatementDialog *self,
                                                     const GDate        *from,
                                                     const GDate        *as_of);
gint64              rcv_statement_dialog_get_closing (RcvStatementDialog *self);
guint               rcv_statement_dialog_get_n_pages (RcvStatementDialog *self);
gboolean            rcv_statement_dialog_save_pdf  (RcvStatementDialog *self,
                                                    const char         *path,
                                                    GError            **error);
GtkPrintOperationResult rcv_statement_dialog_print (RcvStatementDialog      *self,
                                                    GtkPrintOperationAction  action,
                                                    const char              *export_path,
                                                    GError                 **error);

void                rcv_statement_dialog_compose  (RcvStatementDialog *self);

G_END_DECLS
