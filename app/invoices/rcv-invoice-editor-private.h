/* rcv-invoice-editor-private.h - what the invoice editor's files share: the form and its
 * dialogs (rcv-invoice-editor-actions.c)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rcv-customer-list.h"
#include "rcv-customer-row.h"
#include "rcv-form-problem.h"
#include "rcv-invoice-editor.h"
#include "rcv-ledger.h"
#include "rcv-letter.h"
#include "rcv-policy.h"

G_BEGIN_DECLS

struct _RcvInvoiceEditor
{
  AdwWindow parent_instance;

  RcvDatabase *database;
  RcvInvoiceKind kind;
  RcvInvoice *viewed;          /* the posted invoice shown read-only, or NULL */
  RcvLetterhead *head;         /* its document's, once printed or saved */
  RcvCustomerList *customers;
  GPtrArray *lines;            /* RcvInvoiceLineRow, in order */
  gboolean due_typed;          /* the due date no longer follows the issue date */
  gboolean loading;
  GHashTable *visited;         /* the widgets the focus has left: their problems show */
  GtkWidget *last_focus;
  gboolean show_all_problems;  /* posting was tried: every problem shows */
  RcvFormProblem problem;

  GtkButton *save_button;
  GtkButton *void_button;
  GtkButton *dispute_button;
  GtkButton *cancel_button;
  GtkButton *print_button;
  GtkButton *pdf_button;
  AdwActionRow *dispute_row;
  RcvCustomerRow *customer_row;
  AdwEntryRow *number_row;
  AdwActionRow *reference_row;
  GtkLabel *reference_value;
  AdwEntryRow *issue_row;
  AdwEntryRow *due_row;
  GtkBox *lines_box;
  GtkWidget *remove_heading;
  GtkSizeGroup *columns[6];    /* description, quantity, price, tax, amount, remove */
  GtkButton *add_line_button;
  GtkLabel *net_label;
  GtkLabel *tax_label;
  GtkLabel *total_label;
  AdwEntryRow *notes_row;
  GtkRevealer *credit_revealer;
  GtkLabel *credit_label;
  GtkLabel *error_label;

  /* the selected customer's credit as of today, before this invoice */
  gint64 checked_customer;
  RcvCreditCheck credit;
};

/* rcv-invoice-editor.c */
RcvInvoice *rcv_invoice_editor_read_fields        (RcvInvoiceEditor  *self,
                                                   GPtrArray         *problems,
                                                   RcvInvoice       **as_typed);
void        rcv_invoice_editor_show_problems      (RcvInvoiceEditor  *self,
                                                   GPtrArray         *problems);
void        rcv_invoice_editor_show_problem       (RcvInvoiceEditor  *self,
                                                   GtkWidget         *widget,
                                                   const char        *message);
void        rcv_invoice_editor_emit_saved         (RcvInvoiceEditor  *self,
                                                   gint64             id,
                                                   const char        *number);

/* rcv-invoice-editor-actions.c */
void        rcv_invoice_editor_class_init_actions (GtkWidgetClass    *widget_class);
void        rcv_invoice_editor_show_dispute       (RcvInvoiceEditor  *self);

/* rcv-invoice-document-actions.c */
void        rcv_invoice_editor_class_init_document (GtkWidgetClass   *widget_class);
void        rcv_invoice_editor_enable_document    (RcvInvoiceEditor  *self);

G_END_DECLS
