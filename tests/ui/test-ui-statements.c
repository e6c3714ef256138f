/* test-ui-statements.c - a customer's statement of account in the window: previewed,
 * printed, saved; an invoice's document printed and saved from its viewer
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rcv-aging.h"
#include "rcv-company.h"
#include "rcv-date.h"
#include "rcv-customer-page.h"
#include "rcv-customers-page.h"
#include "rcv-invoice-editor.h"
#include "rcv-invoice-layout.h"
#include "rcv-statement-dialog.h"
#include "rcv-ui-fixture.h"

static gboolean
starts_as_pdf (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  return g_file_get_contents (path, &contents, &length, NULL) && length > 5 &&
         memcmp (contents, "%PDF-", 5) == 0;
}

/* The button that activates `action` under `widget`, or NULL. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *action)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Statement… on the customer's page: the last three months to today, closing on the aging
 * report's balance; the period changed; a period backwards said, with Print and Save off;
 * printed (exported through the print operation) and saved as PDF. */
static void
test_statement_dialog (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = rcv_test_tmpdir ();
  g_autofree char *printed = g_build_filename (dir, "printed.pdf", NULL);
  g_autofree char *saved = g_build_filename (dir, "saved.pdf", NULL);
  RcvStatementDialog *dialog;
  RcvWindow *window;
  GDate today, from, later;
  gint64 c;

  g_assert_true (rcv_database_set_currency (db, "EUR", &error));
  g_assert_true (rcv_company_set (db, RCV_COMPANY_NAME, "Seller AG", &error));
  g_assert_true (rcv_company_set (db, RCV_COMPANY_IBAN, "DE89370400440532013000", &error));
  c = rcv_test_customer (db, "K1", "Müller & Söhne GmbH");
  rcv_date_set_today (&today);
  {
    char iso[RCV_ISO_DATE_LEN], due[RCV_ISO_DATE_LEN];
    GDate day = today;

    for (guint i = 0; i < 40; i++)
      {
        g_autofree char *number = g_strdup_printf ("2026-%04u", i + 1);

        day = today;
        g_date_subtract_days (&day, 80 - 2 * i);
        rcv_date_to_iso (&day, iso);
        g_date_add_days (&day, 30);
        rcv_date_to_iso (&day, due);
        rcv_test_invoice (db, c, number, iso, due, 10000 + 100 * i);
        if (i % 3 == 0)
          rcv_test_payment (db, c, iso, 5000, 0, TRUE);
      }
  }
  g_clear_object (&db);

  window = rcv_ui_open_window (path);
  rcv_ui_wait_for_content (window, "ledger");
  rcv_ui_open_customer (window, c);
  g_assert_true (gtk_widget_activate_action (rcv_ui_child (window, "customer_page"),
                                             "account.statement", NULL));
  rcv_ui_settle ();
  dialog = rcv_ui_find_toplevel (RCV_TYPE_STATEMENT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==,
                   "Statement of Müller & Söhne GmbH");
  {
    g_autoptr(RcvAgingReport) report = rcv_aging_report_new (rcv_window_get_database (window),
                                                             &today, &error);

    g_assert_no_error (error);
    g_assert_cmpint (rcv_statement_dialog_get_closing (dialog), ==,
                     ((RcvAgingRow *) g_ptr_array_index (report->rows, 0))->balance);
  }
  g_assert_cmpuint (rcv_statement_dialog_get_n_pages (dialog), >=, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "statement.next-page", NULL));
  rcv_ui_wait_for_label (dialog, "Page 2 of");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "statement.previous-page",
                                             NULL));
  rcv_ui_settle ();
  rcv_ui_screenshot (GTK_WIDGET (dialog), "statement");

  /* a period backwards: said, nothing to print */
  later = today;
  g_date_add_days (&later, 5);
  rcv_statement_dialog_set_period (dialog, &later, &today);
  rcv_ui_settle ();
  rcv_ui_wait_for_label (dialog, "the period ends before it begins");
  g_assert_false (gtk_widget_is_sensitive (find_button (GTK_WIDGET (dialog), "statement.print")));

  /* one month: printed through the print operation (exported), and saved */
  from = today;
  g_date_subtract_months (&from, 1);
  rcv_statement_dialog_set_period (dialog, &from, &today);
  rcv_ui_settle ();
  g_assert_cmpint (rcv_statement_dialog_print (dialog, GTK_PRINT_OPERATION_ACTION_EXPORT, printed,
                                               &error), ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  g_assert_true (starts_as_pdf (printed));
  g_assert_true (rcv_statement_dialog_save_pdf (dialog, saved, &error));
  g_assert_no_error (error);
  g_assert_true (starts_as_pdf (saved));

  gtk_window_destroy (GTK_WINDOW (dialog));
  rcv_ui_settle ();
  rcv_ui_close_window (window);
}

static gboolean
not_saving (gpointer page)
{
  return !rcv_customers_page_is_saving (page);
}

static guint
count (const char *text,
       const char *word)
{
  guint n = 0;

  for (const char *p = strstr (text, word); p != NULL; p = strstr (p + 1, word))
    n++;
  return n;
}

/* Statements… on the Customers page: every customer with a balance when none is selected
 * (not the one whose account is settled), the selected ones otherwise; one PDF, in a worker. */
static void
test_statements_batch (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autofree char *dir = rcv_test_tmpdir ();
  g_autofree char *all = g_build_filename (dir, "all.pdf", NULL);
  g_autofree char *one = g_build_filename (dir, "one.pdf", NULL);
  g_autofree char *all_text = NULL;
  g_autofree char *one_text = NULL;
  const char *all_argv[] = { "pdftotext", all, "-", NULL };
  const char *one_argv[] = { "pdftotext", one, "-", NULL };
  RcvCustomersPage *page;
  RcvWindow *window;
  GtkSelectionModel *selection;
  gint64 a, b, c;

  a = rcv_test_customer (db, "K1", "Alpha");
  b = rcv_test_customer (db, "K2", "Beta");
  c = rcv_test_customer (db, "K3", "Gamma");
  rcv_test_invoice (db, a, "A-1", "2026-11-01", "2026-12-01", 10000);
  rcv_test_invoice (db, b, "B-1", "2026-11-02", "2026-12-02", 20000);
  rcv_test_invoice (db, c, "C-1", "2026-11-03", "2026-12-03", 30000);
  rcv_test_payment (db, c, "2026-11-10", 30000, 0, TRUE);   /* settled */
  g_clear_object (&db);

  window = rcv_ui_open_window (path);
  rcv_ui_wait_for_content (window, "ledger");
  page = rcv_ui_child (window, "customers_page");
  rcv_customers_page_save_statements (page, all);
  g_assert_true (rcv_customers_page_is_saving (page));
  rcv_test_wait_until (not_saving, page);
  rcv_ui_wait_for_label (window, "Saved 2 statements");
  all_text = rcv_test_run (all_argv);
  g_assert_cmpuint (count (all_text, "Statement of Account"), ==, 2);
  g_assert_null (strstr (all_text, "Gamma"));

  selection = GTK_SELECTION_MODEL (rcv_ui_child (page, "selection"));
  rcv_ui_wait_for_n_items (selection, 3);
  gtk_selection_model_select_item (selection, 1, TRUE);
  rcv_customers_page_save_statements (page, one);
  rcv_test_wait_until (not_saving, page);
  one_text = rcv_test_run (one_argv);
  g_assert_cmpuint (count (one_text, "Statement of Account"), ==, 1);
  rcv_ui_close_window (window);
}

/* An open invoice's viewer prints and saves its document, with what is still to pay and its
 * RF reference; read again each time, so that a payment another program records meanwhile is
 * on the next one. A form for a new invoice has neither. */
static void
test_invoice_document (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvInvoice) invoice = NULL;
  g_autoptr(RcvDatabase) other = NULL;
  g_autofree char *dir = rcv_test_tmpdir ();
  g_autofree char *saved = g_build_filename (dir, "invoice.pdf", NULL);
  g_autofree char *printed = g_build_filename (dir, "printed.pdf", NULL);
  g_autofree char *paid = g_build_filename (dir, "paid.pdf", NULL);
  g_autofree char *reference = NULL;
  g_autofree char *text = NULL;
  RcvWindow *window = rcv_ui_open_sample (&path);
  RcvDatabase *db = rcv_window_get_database (window);
  RcvInvoiceEditor *viewer;
  gint64 id;
  RcvInvoiceEditor *form;

  /* an invoice of the sample company still open, not disputed */
  id = rcv_test_sql_int (path, "SELECT id FROM invoices WHERE kind = 'invoice'"
                               " AND status = 'posted' AND total > allocated"
                               " AND id NOT IN (SELECT invoice_id FROM disputes)"
                               " ORDER BY id LIMIT 1");
  g_assert_cmpint (id, >, 0);
  invoice = rcv_ledger_get_invoice (db, id, &error);
  g_assert_no_error (error);
  reference = rcv_invoice_payment_reference (invoice);

  viewer = rcv_invoice_editor_new_viewer (GTK_WINDOW (window), db, id, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (viewer));
  rcv_ui_settle ();
  g_assert_true (gtk_widget_get_visible (rcv_ui_child (viewer, "print_button")));
  g_assert_true (gtk_widget_get_visible (rcv_ui_child (viewer, "pdf_button")));
  rcv_ui_screenshot (GTK_WIDGET (viewer), "invoice-viewer");

  g_assert_true (rcv_invoice_editor_save_pdf (viewer, saved, &error));
  g_assert_no_error (error);
  text = rcv_test_pdf_text (saved, FALSE);
  g_assert_nonnull (strstr (text, invoice->number));
  g_assert_nonnull (strstr (text, reference));
  g_assert_nonnull (strstr (text, "quoting the reference"));
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (rcv_invoice_editor_print (viewer, GTK_PRINT_OPERATION_ACTION_EXPORT, printed,
                                             &error), ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  g_assert_true (starts_as_pdf (printed));

  /* paid in full by another program while the viewer is open: the next document says so */
  other = rcv_database_open (path, RCV_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  rcv_test_payment (other, invoice->customer_id, "2026-01-01",
                    invoice->total - invoice->allocated, id, FALSE);
  g_assert_true (rcv_invoice_editor_save_pdf (viewer, paid, &error));
  g_assert_no_error (error);
  text = rcv_test_pdf_text (paid, FALSE);
  g_assert_nonnull (strstr (text, "This invoice is paid: nothing is due."));
  g_assert_null (strstr (text, "quoting the reference"));
  gtk_window_destroy (GTK_WINDOW (viewer));

  /* a form for a new invoice: nothing to print yet */
  form = rcv_invoice_editor_new (GTK_WINDOW (window), db, RCV_INVOICE_KIND_INVOICE, 0, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (form));
  rcv_ui_settle ();
  g_assert_false (gtk_widget_get_visible (rcv_ui_child (form, "print_button")));
  g_assert_false (gtk_widget_is_sensitive (rcv_ui_child (form, "print_button")));
  gtk_window_destroy (GTK_WINDOW (form));
  rcv_ui_settle ();
  rcv_ui_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  rcv_ui_init (&argc, &argv);
  g_test_add_func ("/ui/statements/dialog", test_statement_dialog);
  g_test_add_func ("/ui/statements/batch", test_statements_batch);
  g_test_add_func ("/ui/invoices/document", test_invoice_document);
  return rcv_ui_run ();
}
