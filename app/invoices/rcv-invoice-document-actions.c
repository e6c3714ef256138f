/* rcv-invoice-document-actions.c - a posted invoice's or credit note's document, from its
 * viewer: Print… (Ctrl+P) through the print dialog, Save as PDF… (Ctrl+Shift+S)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The document is read again when asked for (rcv-invoice-document.c, one snapshot), so that
 * what is still to pay is today's, not what it was when the viewer opened: a payment recorded
 * meanwhile by the Bank page, the command line or another window is on it. It is laid out by
 * the same code as the command line's PDF (rcv-invoice-layout.c). Nothing is written to the
 * company file; the PDF is written whole or not at all.
 */
#define G_LOG_DOMAIN "rcv-invoice"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-company-letterhead.h"
#include "rcv-date.h"
#include "rcv-document-print.h"
#include "rcv-file-chooser.h"
#include "rcv-invoice-document.h"
#include "rcv-invoice-editor-private.h"
#include "rcv-toast.h"

static RcvLetterhead *
letterhead (RcvInvoiceEditor *self)
{
  if (self->head == NULL)
    self->head = rcv_letterhead_new_for_company (self->database, rcv_paper_for_locale ());
  return self->head;
}

static RcvInvoiceDocument *
read_document (RcvInvoiceEditor  *self,
               GError           **error)
{
  if (self->viewed == NULL || self->viewed->status != RCV_INVOICE_STATUS_POSTED)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Only a posted invoice or credit note has a document"));
      return NULL;
    }
  return rcv_invoice_document_read (self->database, self->viewed->id, error);
}

static RcvLetterLayout *
document_layout (const RcvLetterhead *head,
                 gconstpointer        data,
                 guint                i,
                 cairo_t             *cr)
{
  return rcv_invoice_layout_new (head, data, cr);
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               RcvInvoiceEditor        *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      rcv_toast_show_error (GTK_WIDGET (self), _("Not printed"), error);
    }
}

/* Prints the document: through the print dialog, or (for the tests) exported to a PDF file
 * through the same print operation. */
GtkPrintOperationResult
rcv_invoice_editor_print (RcvInvoiceEditor        *self,
                          GtkPrintOperationAction  action,
                          const char              *export_path,
                          GError                 **error)
{
  RcvInvoiceDocument *document;

  g_return_val_if_fail (RCV_IS_INVOICE_EDITOR (self), GTK_PRINT_OPERATION_RESULT_ERROR);

  document = read_document (self, error);
  if (document == NULL)
    return GTK_PRINT_OPERATION_RESULT_ERROR;
  /* the document is the print's, and it holds a reference to the letterhead: the viewer may
   * be closed before the pages are drawn */
  return rcv_document_print (GTK_WINDOW (self), letterhead (self), 1, document_layout, document,
                             (GDestroyNotify) rcv_invoice_document_free, self->viewed->number,
                             action, export_path, G_CALLBACK (on_print_done), self, error);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RcvInvoiceEditor *self = RCV_INVOICE_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (rcv_invoice_editor_print (self, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL,
                                &error) == GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL)
    rcv_toast_show_error (widget, _("Not printed"), error);
}

/* Writes the document, as it is today, to `path`. */
gboolean
rcv_invoice_editor_save_pdf (RcvInvoiceEditor  *self,
                             const char        *path,
                             GError           **error)
{
  g_autoptr(RcvInvoiceDocument) document = NULL;
  const RcvInvoiceDocument *documents[1];

  g_return_val_if_fail (RCV_IS_INVOICE_EDITOR (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  document = read_document (self, error);
  if (document == NULL)
    return FALSE;
  documents[0] = document;
  return rcv_invoices_write_pdf (letterhead (self), documents, 1, path, NULL, error);
}

static void
on_save_response (GtkNativeDialog  *chooser,
                  int               response,
                  RcvInvoiceEditor *self)
{
  g_autofree char *path = rcv_file_chooser_get_path (chooser, response);
  g_autoptr(GError) error = NULL;

  if (path != NULL)
    {
      if (rcv_invoice_editor_save_pdf (self, path, &error))
        rcv_toast_add (GTK_WIDGET (self), rcv_toast_new_saved (path));
      else
        rcv_toast_show_error (GTK_WIDGET (self), _("Not saved"), error);
    }
  g_object_unref (chooser);
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RcvInvoiceEditor *self = RCV_INVOICE_EDITOR (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  g_autofree char *safe = NULL;

  if (self->viewed == NULL)
    return;
  /* a number may hold a "/": not in a file's name */
  safe = g_strdelimit (g_strdup (self->viewed->number), "/\\", '-');
  name = g_strdup_printf (self->viewed->kind == RCV_INVOICE_KIND_CREDIT_NOTE
                            /* Translators: the suggested name of a credit note's PDF */
                            ? _("Credit Note %s.pdf")
                            /* Translators: the suggested name of an invoice's PDF */
                            : _("Invoice %s.pdf"), safe);
  chooser = rcv_pdf_chooser_new (GTK_WINDOW (self),
                                 self->viewed->kind == RCV_INVOICE_KIND_CREDIT_NOTE
                                   ? _("Save Credit Note as PDF") : _("Save Invoice as PDF"),
                                 name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_save_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Print… and Save as PDF… are there for a posted document only. */
void
rcv_invoice_editor_enable_document (RcvInvoiceEditor *self)
{
  gboolean posted = self->viewed != NULL && self->viewed->status == RCV_INVOICE_STATUS_POSTED;

  gtk_widget_set_visible (GTK_WIDGET (self->print_button), posted);
  gtk_widget_set_visible (GTK_WIDGET (self->pdf_button), posted);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.print", posted);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save-pdf", posted);
}

void
rcv_invoice_editor_class_init_document (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "editor.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "editor.save-pdf", NULL, save_pdf_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "editor.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "editor.save-pdf",
                                       NULL);
}
