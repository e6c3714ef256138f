/* rcv-statement-dialog.c - a customer's statement of account: previewed, printed, saved
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opened from the customer's page (*Statement…*): the statement of the last three months to
 * today, drawn by the same code as the PDF and the print (rcv-statement-layout.c). The period's
 * two dates read it again (one customer's documents: a moment). Print… (Ctrl+P) goes through
 * the print dialog, Save as PDF… (Ctrl+Shift+S) writes one file, whole or not at all; Page
 * Up/Down turn the preview's pages. A statement is read, never written: nothing here changes
 * the company file.
 */
#define G_LOG_DOMAIN "rcv-statement"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-account-statement.h"
#include "rcv-company-letterhead.h"
#include "rcv-date.h"
#include "rcv-date-button.h"
#include "rcv-document-mail.h"
#include "rcv-document-print.h"
#include "rcv-file-chooser.h"
#include "rcv-letter-preview.h"
#include "rcv-statement-dialog.h"
#include "rcv-statement-layout.h"
#include "rcv-toast.h"

struct _RcvStatementDialog
{
  AdwWindow parent_instance;

  RcvDatabase *database;
  gint64 customer_id;
  RcvLetterhead *head;
  RcvAccountStatement *statement;

  RcvDateButton *from_button;
  RcvDateButton *to_button;
  RcvLetterPreview *preview;
  GtkLabel *page_label;
  GtkLabel *problem_label;
  AdwToastOverlay *toasts;
};

G_DEFINE_FINAL_TYPE (RcvStatementDialog, rcv_statement_dialog, ADW_TYPE_WINDOW)

static void
update_page (RcvStatementDialog *self)
{
  guint n = rcv_letter_preview_get_n_pages (self->preview);
  g_autofree char *text = NULL;

  /* Translators: the statement preview's page, of its pages */
  text = g_strdup_printf (_("Page %u of %u"), rcv_letter_preview_get_page (self->preview) + 1,
                          MAX (n, 1));
  gtk_label_set_text (self->page_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "statement.previous-page",
                                 rcv_letter_preview_get_page (self->preview) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "statement.next-page",
                                 rcv_letter_preview_get_page (self->preview) + 1 < n);
}

/* Reads the statement of the period the buttons show, and shows it; a problem (the period
 * backwards, the file unreadable) is said in the dialog instead. */
static void
reload (RcvStatementDialog *self)
{
  g_autoptr(GError) error = NULL;
  GDate from, as_of;

  rcv_date_button_get_date (self->from_button, &from);
  rcv_date_button_get_date (self->to_button, &as_of);
  g_clear_pointer (&self->statement, rcv_account_statement_free);
  self->statement = rcv_account_statement_read (self->database, self->customer_id, &from,
                                                &as_of, &error);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), self->statement == NULL);
  if (self->statement == NULL)
    gtk_label_set_text (self->problem_label, error->message);
  rcv_letter_preview_set_statement (self->preview, self->head, self->statement);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "statement.print", self->statement != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "statement.save-pdf",
                                 self->statement != NULL);
  update_page (self);
}

static void
page_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RcvStatementDialog *self = RCV_STATEMENT_DIALOG (widget);
  guint page = rcv_letter_preview_get_page (self->preview);

  if (g_str_equal (action_name, "statement.next-page"))
    rcv_letter_preview_set_page (self->preview, page + 1);
  else if (page > 0)
    rcv_letter_preview_set_page (self->preview, page - 1);
  update_page (self);
}

static RcvLetterLayout *
statement_layout (const RcvLetterhead *head,
                  gconstpointer        data,
                  guint                i,
                  cairo_t             *cr)
{
  return rcv_statement_layout_new (head, data, cr);
}

/* A problem in the dialog's own toasts: as text (libadwaita 1.2 parses a toast's title as
 * markup). */
static void
show_error (RcvStatementDialog *self,
            const GError       *error)
{
  g_autofree char *title = g_markup_escape_text (error->message, -1);

  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (title));
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               RcvStatementDialog      *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      show_error (self, error);
    }
}

/* Prints the statement: through the print dialog, or (for the tests) exported to a PDF file
 * through the same print operation. */
GtkPrintOperationResult
rcv_statement_dialog_print (RcvStatementDialog      *self,
                            GtkPrintOperationAction  action,
                            const char              *export_path,
                            GError                 **error)
{
  RcvAccountStatement *printed;

  g_return_val_if_fail (RCV_IS_STATEMENT_DIALOG (self), GTK_PRINT_OPERATION_RESULT_ERROR);

  if (self->statement == NULL)
    return GTK_PRINT_OPERATION_RESULT_CANCEL;
  /* the print's own statement of the period shown, and a reference to the letterhead: the
   * dialog may be closed, or its period changed, before the pages are drawn */
  printed = rcv_account_statement_read (self->database, self->customer_id,
                                        &self->statement->from, &self->statement->as_of, error);
  if (printed == NULL)
    return GTK_PRINT_OPERATION_RESULT_ERROR;
  return rcv_document_print (GTK_WINDOW (self), self->head, 1, statement_layout, printed,
                             (GDestroyNotify) rcv_account_statement_free,
                             C_("statement", "Statement of Account"), action, export_path,
                             G_CALLBACK (on_print_done), self, error);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RcvStatementDialog *self = RCV_STATEMENT_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  if (rcv_statement_dialog_print (self, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL,
                                  &error) == GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL)
    show_error (self, error);
}

/* Opens the statement in the user's mail app, to the customer, the PDF attached. */
void
rcv_statement_dialog_compose (RcvStatementDialog *self)
{
  g_autoptr(RcvMailDraft) draft = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RCV_IS_STATEMENT_DIALOG (self));

  if (self->statement == NULL)
    return;
  pdf = rcv_statement_pdf_bytes (self->head, self->statement, &error);
  if (pdf == NULL)
    {
      show_error (self, error);
      return;
    }
  draft = rcv_mail_draft_for_statement (self->head, self->statement);
  /* the preview, inside the dialog's toast overlay, tells how it went */
  rcv_document_compose (GTK_WIDGET (self->preview), self->statement->email, draft, pdf);
}

static void
compose_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  rcv_statement_dialog_compose (RCV_STATEMENT_DIALOG (widget));
}

gboolean
rcv_statement_dialog_save_pdf (RcvStatementDialog *self,
                               const char         *path,
                               GError            **error)
{
  const RcvAccountStatement *statements[1];

  g_return_val_if_fail (RCV_IS_STATEMENT_DIALOG (self), FALSE);
  g_return_val_if_fail (self->statement != NULL, FALSE);

  statements[0] = self->statement;
  return rcv_statements_write_pdf (self->head, statements, 1, path, NULL, NULL, NULL, NULL,
                                   error);
}

static void
on_save_response (GtkNativeDialog    *chooser,
                  int                 response,
                  RcvStatementDialog *self)
{
  g_autofree char *path = rcv_file_chooser_get_path (chooser, response);
  g_autoptr(GError) error = NULL;

  if (path != NULL)
    {
      if (rcv_statement_dialog_save_pdf (self, path, &error))
        adw_toast_overlay_add_toast (self->toasts, rcv_toast_new_saved (path));
      else
        {
          /* Translators: the statement was not saved; %s says why and where */
          g_autofree char *text = g_markup_printf_escaped (_("Not saved: %s"), error->message);

          adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
        }
    }
  g_object_unref (chooser);
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RcvStatementDialog *self = RCV_STATEMENT_DIALOG (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  char iso[RCV_ISO_DATE_LEN];

  if (self->statement == NULL)
    return;
  rcv_date_to_iso (&self->statement->as_of, iso);
  /* Translators: the suggested name of a statement's PDF: the customer's ID, the date */
  name = g_strdup_printf (_("Statement %s %s.pdf"), self->statement->code, iso);
  chooser = rcv_pdf_chooser_new (GTK_WINDOW (self), _("Save Statement as PDF"), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_save_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
rcv_statement_dialog_dispose (GObject *object)
{
  RcvStatementDialog *self = RCV_STATEMENT_DIALOG (object);

  g_clear_pointer (&self->statement, rcv_account_statement_free);
  g_clear_pointer (&self->head, rcv_letterhead_free);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (rcv_statement_dialog_parent_class)->dispose (object);
}

static void
rcv_statement_dialog_class_init (RcvStatementDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rcv_statement_dialog_dispose;

  gtk_widget_class_install_action (widget_class, "statement.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "statement.save-pdf", NULL, save_pdf_action);
  gtk_widget_class_install_action (widget_class, "statement.compose", NULL, compose_action);
  gtk_widget_class_install_action (widget_class, "statement.previous-page", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "statement.next-page", NULL, page_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "statement.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "statement.save-pdf",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK,
                                       "statement.next-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK,
                                       "statement.previous-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rcv_statement_dialog_init (RcvStatementDialog *self)
{
}

static GtkWidget *
labelled (const char *label,
          GtkWidget  *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *text = gtk_label_new_with_mnemonic (label);

  gtk_label_set_mnemonic_widget (GTK_LABEL (text), widget);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), widget);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (GTK_LABEL (text)), -1);
  return box;
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip,
             const char *action)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  return button;
}

static void
build (RcvStatementDialog *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = adw_header_bar_new ();
  GtkWidget *print = gtk_button_new_with_mnemonic (_("_Print…"));
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save as PDF…"));
  GtkWidget *compose = gtk_button_new_with_mnemonic (_("Send by _E-mail…"));
  GtkWidget *tools = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *pages = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (print), "statement.print");
  gtk_widget_set_tooltip_text (print, _("Print the statement (Ctrl+P)"));
  gtk_widget_add_css_class (print, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "statement.save-pdf");
  gtk_widget_set_tooltip_text (save, _("Save the statement as a PDF file (Shift+Ctrl+S)"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (compose), "statement.compose");
  gtk_widget_set_tooltip_text (compose, _("Open the statement in your mail app, to the customer, "
                                          "the PDF attached"));
  adw_header_bar_pack_end (ADW_HEADER_BAR (bar), print);
  adw_header_bar_pack_end (ADW_HEADER_BAR (bar), save);
  adw_header_bar_pack_end (ADW_HEADER_BAR (bar), compose);

  self->from_button = g_object_new (RCV_TYPE_DATE_BUTTON, NULL);
  self->to_button = g_object_new (RCV_TYPE_DATE_BUTTON, NULL);
  rcv_date_button_set_plain (self->from_button, TRUE);
  rcv_date_button_set_plain (self->to_button, TRUE);
  g_object_set (tools, "margin-start", 12, "margin-end", 12, "margin-top", 6, "margin-bottom", 6,
                NULL);
  gtk_box_append (GTK_BOX (tools), labelled (C_("statement period", "_From"),
                                             GTK_WIDGET (self->from_button)));
  gtk_box_append (GTK_BOX (tools), labelled (C_("statement period", "_To"),
                                             GTK_WIDGET (self->to_button)));
  self->page_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_hexpand (pages, TRUE);
  gtk_widget_set_halign (pages, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (pages), icon_button ("go-previous-symbolic", _("Previous Page"),
                                                "statement.previous-page"));
  gtk_box_append (GTK_BOX (pages), GTK_WIDGET (self->page_label));
  gtk_box_append (GTK_BOX (pages), icon_button ("go-next-symbolic", _("Next Page"),
                                                "statement.next-page"));
  gtk_box_append (GTK_BOX (tools), pages);

  self->problem_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->problem_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);

  self->preview = g_object_new (RCV_TYPE_LETTER_PREVIEW, NULL);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->preview));
  gtk_widget_add_css_class (scrolled, "view");

  gtk_box_append (GTK_BOX (content), bar);
  gtk_box_append (GTK_BOX (content), tools);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->problem_label));
  gtk_box_append (GTK_BOX (content), scrolled);
  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, content);
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->toasts));
}

/* The statement of the customer's last three months to today. */
RcvStatementDialog *
rcv_statement_dialog_new (GtkWindow    *parent,
                          RcvDatabase  *database,
                          gint64        customer_id,
                          GError      **error)
{
  RcvStatementDialog *self;
  GDate today, from;

  g_return_val_if_fail (RCV_IS_DATABASE (database), NULL);

  self = g_object_new (RCV_TYPE_STATEMENT_DIALOG, "transient-for", parent, "modal", TRUE,
                       "default-width", 760, "default-height", 860, NULL);
  self->database = g_object_ref (database);
  self->customer_id = customer_id;
  self->head = rcv_letterhead_new_for_company (database, rcv_paper_for_locale ());
  build (self);
  rcv_date_set_today (&today);
  rcv_account_statement_default_from (&today, &from);
  rcv_date_button_set_date (self->from_button, &from);
  rcv_date_button_set_date (self->to_button, &today);
  reload (self);
  if (self->statement == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           gtk_label_get_text (self->problem_label));
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }
  {
    /* Translators: the statement window's title; %s is the customer's name */
    g_autofree char *title = g_strdup_printf (_("Statement of %s"), self->statement->name);

    gtk_window_set_title (GTK_WINDOW (self), title);
  }
  g_signal_connect_object (self->from_button, "date-changed", G_CALLBACK (reload), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->to_button, "date-changed", G_CALLBACK (reload), self,
                           G_CONNECT_SWAPPED);
  return self;
}

void
rcv_statement_dialog_set_period (RcvStatementDialog *self,
                                 const GDate        *from,
                                 const GDate        *as_of)
{
  g_return_if_fail (RCV_IS_STATEMENT_DIALOG (self));

  rcv_date_button_set_date (self->from_button, from);
  rcv_date_button_set_date (self->to_button, as_of);
  reload (self);
}

/* The closing balance shown, for the tests (0 with no statement). */
gint64
rcv_statement_dialog_get_closing (RcvStatementDialog *self)
{
  g_return_val_if_fail (RCV_IS_STATEMENT_DIALOG (self), 0);

  return self->statement != NULL ? self->statement->closing : 0;
}

guint
rcv_statement_dialog_get_n_pages (RcvStatementDialog *self)
{
  g_return_val_if_fail (RCV_IS_STATEMENT_DIALOG (self), 0);

  return rcv_letter_preview_get_n_pages (self->preview);
}
