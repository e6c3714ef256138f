/* test-ui-invoices.c - the Invoices and Payments pages: an invoice entered, viewed and paid,
 * and invoice entry under a credit policy
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "rcv-company.h"
#include "rcv-customer-list.h"
#include "rcv-customer-row.h"
#include "rcv-customer-page.h"
#include "rcv-customers-page.h"
#include "rcv-invoice-editor.h"
#include "rcv-ledger.h"
#include "rcv-open-items.h"
#include "rcv-payment-editor.h"
#include "rcv-policy.h"
#include "rcv-ui-fixture.h"

/* A partial payment: 100.00 proposed against the invoice, recorded, and the balance drops;
 * then the customer's page: balance by age, the open invoice, the payment, the history. */
static void
record_partial_payment (RcvWindow   *window,
                        RcvDatabase *db,
                        gint64       invoice_id,
                        gint64       customer_id)
{
  g_autoptr(GError) error = NULL;
  gpointer customers = rcv_ui_child (window, "customers_page");
  g_autoptr(RcvInvoice) after = NULL;
  g_autoptr(RcvCustomerItem) row = NULL;
  g_autofree char *new_balance = NULL;
  RcvPaymentEditor *payment;
  gpointer payments;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "payments");
  payments = rcv_ui_child (window, "payments_page");
  rcv_ui_wait_for_page_stack (payments, "empty");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.record-payment", NULL));
  rcv_ui_settle ();
  payment = rcv_ui_find_toplevel (RCV_TYPE_PAYMENT_EDITOR);
  g_assert_nonnull (payment);
  /* before a customer is chosen, the allocation says where the invoices will show */
  g_assert_nonnull (rcv_ui_find_label (rcv_ui_child (payment, "allocation_grid"),
                                       "Choose the customer above: their open invoices show "
                                       "here, oldest due date first."));
  /* the customer typed by a few letters of the name, as it is found */
  rcv_ui_type_into (rcv_ui_child (payment, "customer_row"), "eins");
  g_assert_true (rcv_customer_row_resolve (rcv_ui_child (payment, "customer_row")));
  g_assert_cmpint (rcv_customer_item_get_id (rcv_customer_row_get_selected (
                     rcv_ui_child (payment, "customer_row"))), ==, customer_id);
  g_assert_cmpstr (gtk_editable_get_text (rcv_ui_child (payment, "customer_row")), ==,
                   "Kunde Eins");
  rcv_ui_type_into (rcv_ui_child (payment, "date_row"), "04/10/2026");
  rcv_ui_type_into (rcv_ui_child (payment, "reference_row"), "Überweisung 4711");
  /* the method chosen from a closed list, a bank transfer unless told otherwise */
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (
                     rcv_ui_child (payment, "method_row"))), ==, "Bank transfer");
  adw_combo_row_set_selected (rcv_ui_child (payment, "method_row"), 1);
  rcv_ui_type_into (rcv_ui_child (payment, "amount_row"), "100");
  g_assert_null (rcv_payment_editor_get_problem (payment));
  g_assert_nonnull (strstr (gtk_label_get_text (rcv_ui_child (payment, "unapplied_label")),
                            "0.00"));
  /* more than the payment, then more than is open: each refused, and said why */
  rcv_payment_editor_set_allocation (payment, 0, "150");
  g_assert_nonnull (strstr (rcv_payment_editor_get_problem (payment), "more than the payment"));
  g_assert_false (gtk_widget_is_sensitive (rcv_ui_child (payment, "save_button")));
  rcv_ui_type_into (rcv_ui_child (payment, "amount_row"), "1000");
  rcv_payment_editor_set_allocation (payment, 0, "400");
  g_assert_nonnull (strstr (rcv_payment_editor_get_problem (payment), "2026-0042"));
  rcv_ui_type_into (rcv_ui_child (payment, "amount_row"), "100");
  rcv_payment_editor_set_allocation (payment, 0, "100");
  g_assert_null (rcv_payment_editor_get_problem (payment));
  rcv_ui_screenshot (GTK_WIDGET (payment), "payment-editor");
  gtk_widget_activate_action (GTK_WIDGET (payment), "editor.save", NULL);
  rcv_ui_settle ();
  g_assert_null (rcv_ui_find_toplevel (RCV_TYPE_PAYMENT_EDITOR));

  after = rcv_ledger_get_invoice (db, invoice_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->allocated, ==, 10000);
  g_assert_cmpint (rcv_test_sql_int (rcv_database_get_path (db),
                                     "SELECT count (*) FROM payments WHERE method = 'Direct debit'"),
                   ==, 1);
  g_assert_cmpint (rcv_ledger_get_open_amount (db, invoice_id, NULL), ==, 28926);
  rcv_ui_wait_for_page_stack (payments, "list");
  g_assert_cmpuint (g_list_model_get_n_items (rcv_ui_child (payments, "selection")), ==, 1);
  rcv_ui_screenshot (GTK_WIDGET (window), "payments");

  /* the balance shown follows */
  for (gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;;)
    {
      g_clear_object (&row);
      g_clear_pointer (&new_balance, g_free);
      row = g_list_model_get_item (G_LIST_MODEL (rcv_ui_child (customers, "selection")), 0);
      g_object_get (row, "balance-text", &new_balance, NULL);
      if (strstr (new_balance, "289.26") != NULL)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }

  /* the customer's page: balance by age, the open invoice, the payment, the history */
  rcv_customers_page_show_customer (customers, customer_id);
  rcv_ui_settle ();
  {
    RcvCustomerPage *account = rcv_ui_child (window, "customer_page");

    /* a page of the window, over its pages, titled with the customer's name and number */
    g_assert_true (rcv_ui_customer_shown (window));
    g_assert_cmpstr (adw_window_title_get_title (rcv_ui_child (account, "title_widget")), ==,
                     "Kunde Eins");
    g_assert_cmpstr (adw_window_title_get_subtitle (rcv_ui_child (account, "title_widget")), ==,
                     "K1");
    /* long overdue, the account is on hold: a banner over the page says so, and why */
    g_assert_true (gtk_revealer_get_reveal_child (rcv_ui_child (account, "hold_revealer")));
    g_assert_true (g_str_has_prefix (gtk_label_get_text (rcv_ui_child (account, "hold_label")),
                                     "On hold: An invoice is "));
    /* the payment is told once, in the account's story, not in a list of its own too */
    g_assert_null (rcv_ui_find_label (GTK_WIDGET (account), "Latest Payments"));
    g_assert_nonnull (rcv_ui_find_label (GTK_WIDGET (account), "Collections History"));
    rcv_ui_wait_for_leaflet (window);
    rcv_ui_screenshot (GTK_WIDGET (window), "customer");
    rcv_ui_close_customer (window);
  }
}

/* A payment kept as credit (its allocation emptied), then applied from the customer page. */
static void
apply_credit_from_customer (RcvWindow   *window,
                            RcvDatabase *db,
                            gint64       invoice_id,
                            gint64       customer_id)
{
  RcvPaymentEditor *payment;
  RcvCustomerPage *account;
  AdwMessageDialog *confirm;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.record-payment", NULL);
  rcv_ui_settle ();
  payment = rcv_ui_find_toplevel (RCV_TYPE_PAYMENT_EDITOR);
  g_assert_true (rcv_customer_row_select_id (rcv_ui_child (payment, "customer_row"), customer_id));
  rcv_ui_type_into (rcv_ui_child (payment, "date_row"), "2026-04-20");
  rcv_ui_type_into (rcv_ui_child (payment, "amount_row"), "50");
  rcv_payment_editor_set_allocation (payment, 0, "");
  g_assert_nonnull (strstr (gtk_label_get_text (rcv_ui_child (payment, "unapplied_label")),
                            "50.00"));
  gtk_widget_activate_action (GTK_WIDGET (payment), "editor.save", NULL);
  rcv_ui_settle ();
  g_assert_cmpint (rcv_ledger_get_open_amount (db, invoice_id, NULL), ==, 28926);

  account = rcv_ui_open_customer (window, customer_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (account), "account.apply-credit",
                                             NULL));
  rcv_ui_settle ();
  confirm = rcv_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (confirm);
  adw_message_dialog_response (confirm, "apply");
  rcv_ui_settle ();
  g_assert_cmpint (rcv_ledger_get_open_amount (db, invoice_id, NULL), ==, 23926);
  /* said in the company's window, under the customer's (rcv-toast.c) */
  rcv_ui_wait_for_label (window, "50.00 of credit applied");
  rcv_ui_close_customer (window);
}

static void
test_enter_invoice (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvInvoice) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvCustomerItem) shown = NULL;
  RcvWindow *window;
  RcvInvoiceEditor *editor;
  gpointer invoices, customers;
  GListModel *rows;
  gint64 customer_id;
  g_autofree char *balance = NULL;

  g_assert_true (rcv_company_set (db, RCV_COMPANY_NAME, "Test GmbH", NULL));
  customer_id = rcv_test_customer (db, "K1", "Kunde Eins");
  window = rcv_ui_open_window (path);
  rcv_ui_wait_for_content (window, "ledger");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "invoices");
  invoices = rcv_ui_child (window, "invoices_page");
  rcv_ui_wait_for_page_stack (invoices, "empty");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-invoice", NULL));
  rcv_ui_settle ();
  editor = rcv_ui_find_toplevel (RCV_TYPE_INVOICE_EDITOR);
  g_assert_nonnull (editor);
  /* a new form opens without complaints, the focus in the customer field */
  g_assert_null (rcv_invoice_editor_get_problem (editor));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (editor)),
                                         rcv_ui_child (editor, "customer_row")));
  /* posting it as it is: every problem at once, a line each, the focus on the first */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  rcv_ui_settle ();
  g_assert_nonnull (rcv_ui_find_toplevel (RCV_TYPE_INVOICE_EDITOR));
  g_assert_nonnull (strstr (rcv_invoice_editor_get_problem (editor),
                            "Customer: type a name or number"));
  g_assert_nonnull (strstr (rcv_invoice_editor_get_problem (editor), "\nLine 1, Unit price"));
  g_assert_true (gtk_widget_has_css_class (rcv_ui_child (editor, "customer_row"), "error"));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (editor)),
                                         rcv_ui_child (editor, "customer_row")));
  /* the customer's number, typed whole, chooses it */
  rcv_ui_type_into (rcv_ui_child (editor, "customer_row"), "k1");
  g_assert_nonnull (rcv_customer_row_get_selected (rcv_ui_child (editor, "customer_row")));
  g_assert_null (strstr (rcv_invoice_editor_get_problem (editor), "Customer"));
  g_assert_false (gtk_widget_has_css_class (rcv_ui_child (editor, "customer_row"), "error"));
  rcv_ui_type_into (rcv_ui_child (editor, "number_row"), "2026-0042");
  rcv_ui_type_into (rcv_ui_child (editor, "issue_row"), "2026-03-01");
  /* the due date follows the issue date and the default policy's 30 days, written as the
   * locale (en_US) writes dates; the titles say which form the fields take */
  g_assert_cmpstr (gtk_editable_get_text (rcv_ui_child (editor, "due_row")), ==, "03/31/2026");
  g_assert_cmpstr (adw_preferences_row_get_title (rcv_ui_child (editor, "issue_row")), ==,
                   "Issue date (MM/DD/YYYY)");
  /* the locale's own form is taken as well as ISO; an impossible date is refused */
  rcv_ui_type_into (rcv_ui_child (editor, "issue_row"), "02/30/2026");
  g_assert_nonnull (strstr (rcv_invoice_editor_get_problem (editor),
                            "“02/30/2026” is not a date in the calendar"));
  rcv_ui_type_into (rcv_ui_child (editor, "issue_row"), "3/1/2026");
  g_assert_cmpstr (gtk_editable_get_text (rcv_ui_child (editor, "due_row")), ==, "03/31/2026");

  /* a wrong figure is named with its line and field, and blocks posting */
  rcv_invoice_editor_set_line (editor, 0, "Beratung", "2", "150,00x", "19");
  g_assert_nonnull (strstr (rcv_invoice_editor_get_problem (editor), "Line 1"));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  rcv_ui_settle ();
  g_assert_nonnull (rcv_ui_find_toplevel (RCV_TYPE_INVOICE_EDITOR));

  /* every problem at once: a date that is not one and a price too large, each named */
  rcv_ui_type_into (rcv_ui_child (editor, "due_row"), "31.31.2026");
  rcv_invoice_editor_set_line (editor, 0, "Beratung", "2", "1e30", "19");
  g_assert_nonnull (strstr (rcv_invoice_editor_get_problem (editor), "Due date: "));
  g_assert_nonnull (strstr (rcv_invoice_editor_get_problem (editor), "\nLine 1, Unit price: "));
  g_assert_true (gtk_widget_has_css_class (rcv_ui_child (editor, "due_row"), "error"));
  rcv_ui_type_into (rcv_ui_child (editor, "due_row"), "03/31/2026");

  /* a negative quantity is a discount line, shown as it counts: −3 × 10.00 is −30.00, and the
   * totals follow; an invoice below zero is refused in the form's own words */
  rcv_invoice_editor_set_line (editor, 0, "Rabatt", "-3", "10.00", "0");
  g_assert_nonnull (strstr (gtk_label_get_text (rcv_ui_child (editor, "total_label")), "30.00"));
  g_assert_nonnull (strstr (gtk_label_get_text (rcv_ui_child (editor, "total_label")), "-"));
  g_assert_nonnull (strstr (rcv_invoice_editor_get_problem (editor), "Total: "));
  g_assert_null (strstr (rcv_invoice_editor_get_problem (editor), "amount"));

  /* two lines with tax: 2 × 150.00 + 19 % and 1.5 × 20.10 = 30.15 + 7 % (2.1105 → 2.11) */
  rcv_invoice_editor_set_line (editor, 0, "Beratung", "2", "150.00", "19");
  rcv_invoice_editor_set_line (editor, 1, "Material", "1.5", "20.10", "7");
  g_assert_null (rcv_invoice_editor_get_problem (editor));
  g_assert_nonnull (strstr (gtk_label_get_text (rcv_ui_child (editor, "net_label")), "330.15"));
  g_assert_nonnull (strstr (gtk_label_get_text (rcv_ui_child (editor, "tax_label")), "59.11"));
  g_assert_nonnull (strstr (gtk_label_get_text (rcv_ui_child (editor, "total_label")), "389.26"));
  rcv_ui_screenshot (GTK_WIDGET (editor), "invoice-editor");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  rcv_ui_settle ();
  g_assert_null (rcv_ui_find_toplevel (RCV_TYPE_INVOICE_EDITOR));

  stored = rcv_ledger_find_invoice (db, "2026-0042", &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->total, ==, 38926);
  g_assert_cmpuint (stored->lines->len, ==, 2);
  g_assert_cmpint (g_array_index (stored->lines, RcvInvoiceLine, 1).tax, ==, 211);
  g_assert_cmpint (stored->customer_id, ==, customer_id);

  /* the list shows it, and the customer owes it */
  rcv_ui_wait_for_page_stack (invoices, "list");
  rows = G_LIST_MODEL (rcv_ui_child (invoices, "selection"));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  rcv_ui_screenshot (GTK_WIDGET (window), "invoices");
  customers = rcv_ui_child (window, "customers_page");
  rcv_ui_wait_for_n_items (G_LIST_MODEL (rcv_ui_child (customers, "selection")), 1);
  shown = g_list_model_get_item (G_LIST_MODEL (rcv_ui_child (customers, "selection")), 0);
  g_object_get (shown, "balance-text", &balance, NULL);
  g_assert_nonnull (strstr (balance, "389.26"));

  /* opened again, it is read-only, and can be voided with a reason while unpaid */
  gtk_column_view_sort_by_column (rcv_ui_child (invoices, "column_view"), NULL, GTK_SORT_ASCENDING);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-invoice", "x",
                                             stored->id));
  rcv_ui_settle ();
  editor = rcv_ui_find_toplevel (RCV_TYPE_INVOICE_EDITOR);
  g_assert_nonnull (editor);
  g_assert_false (gtk_widget_get_visible (rcv_ui_child (editor, "save_button")));
  g_assert_true (gtk_widget_get_visible (rcv_ui_child (editor, "void_button")));
  g_assert_false (gtk_editable_get_editable (rcv_ui_child (editor, "number_row")));
  /* its RF creditor reference, which a payer quotes (2026-0042 → RF.. 2026 0042) */
  g_assert_true (gtk_widget_get_visible (rcv_ui_child (editor, "reference_row")));
  g_assert_true (g_str_has_suffix (gtk_label_get_text (rcv_ui_child (editor, "reference_value")),
                                   " 2026 0042"));
  gtk_window_destroy (GTK_WINDOW (editor));
  rcv_ui_settle ();

  record_partial_payment (window, db, stored->id, customer_id);
  apply_credit_from_customer (window, db, stored->id, customer_id);

  /* and a paid-on invoice can no longer be voided */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-invoice", "x", stored->id);
  rcv_ui_settle ();
  editor = rcv_ui_find_toplevel (RCV_TYPE_INVOICE_EDITOR);
  g_assert_false (gtk_widget_get_visible (rcv_ui_child (editor, "void_button")));
  gtk_window_destroy (GTK_WINDOW (editor));

  rcv_ui_close_window (window);
  g_unlink (path);
}

static gboolean
no_invoice_editor (gpointer data)
{
  return rcv_ui_find_toplevel (RCV_TYPE_INVOICE_EDITOR) == NULL;
}

/* Invoice entry under a credit policy: the warning with the figures as the invoice is typed,
 * a reason asked for at posting, and kept in the audit */
static void
test_credit_at_entry (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvPolicy) policy = rcv_policy_new ();
  g_autoptr(GError) error = NULL;
  RcvWindow *window;
  RcvInvoiceEditor *editor;
  AdwMessageDialog *dialog;
  const char *warning;
  g_autoptr(GString) overrides = NULL;
  gint64 customer;

  g_assert_true (rcv_company_set (db, RCV_COMPANY_NAME, "Test GmbH", NULL));
  customer = rcv_test_customer (db, "K1", "Kunde Eins");
  g_free (policy->name);
  policy->name = g_strdup ("Tight");
  policy->credit_limit = 100000;
  g_assert_true (rcv_policy_save (db, policy, &error));
  g_assert_true (rcv_policy_assign (db, &customer, 1, policy->id, &error));
  rcv_test_invoice (db, customer, "OLD-1", "2026-01-01", "2099-12-31", 20000);
  window = rcv_ui_open_window (path);
  rcv_ui_wait_for_content (window, "ledger");

  editor = rcv_invoice_editor_new (GTK_WINDOW (window), db, RCV_INVOICE_KIND_INVOICE, customer,
                                   &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (editor));
  rcv_ui_type_into (rcv_ui_child (editor, "number_row"), "2026-0100");
  rcv_invoice_editor_set_line (editor, 0, "Beratung", "1", "700.00", "0");
  rcv_ui_settle ();
  g_assert_false (gtk_revealer_get_reveal_child (rcv_ui_child (editor, "credit_revealer")));
  rcv_invoice_editor_set_line (editor, 0, "Beratung", "1", "900.00", "0");
  rcv_ui_settle ();
  g_assert_true (gtk_revealer_get_reveal_child (rcv_ui_child (editor, "credit_revealer")));
  warning = gtk_label_get_text (rcv_ui_child (editor, "credit_label"));
  g_assert_nonnull (strstr (warning, "over its credit limit"));
  g_assert_nonnull (strstr (warning, "200.00"));     /* what it owes */
  g_assert_nonnull (strstr (warning, "1,000.00"));   /* its limit */
  g_assert_nonnull (strstr (warning, "100.00 too much"));
  rcv_ui_screenshot (GTK_WIDGET (editor), "invoice-credit-warning");

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  rcv_ui_settle ();
  dialog = rcv_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "post"));
  rcv_ui_type_into (adw_message_dialog_get_extra_child (dialog), "Agreed with the owner by phone");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "post"));
  rcv_ui_screenshot (GTK_WIDGET (dialog), "credit-override");
  adw_message_dialog_response (dialog, "post");
  rcv_test_wait_until (no_invoice_editor, NULL);

  overrides = g_string_new (NULL);
  rcv_test_dump (overrides, path, "SELECT count(*) FROM audit WHERE action = 'credit-override'"
                                  " AND new_values LIKE '%by phone%'");
  g_assert_cmpstr (overrides->str, ==, "1|\n");

  rcv_ui_close_window (window);
  g_unlink (path);
}

/* A field's problem shows once the person has been to it and left, not while it is typed in for
 * the first time, and never for a field not reached yet; posting shows them all. */
static void
test_problems_after_visit (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  RcvWindow *window;
  RcvInvoiceEditor *editor;
  const char *problem;

  rcv_test_customer (db, "K1", "Kunde Eins");
  window = rcv_ui_open_window (path);
  rcv_ui_wait_for_content (window, "ledger");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-invoice", NULL));
  rcv_ui_settle ();
  editor = rcv_ui_find_toplevel (RCV_TYPE_INVOICE_EDITOR);
  g_assert_nonnull (editor);

  /* the customer left empty for the number: flagged; the fields not reached yet are not */
  gtk_widget_grab_focus (rcv_ui_child (editor, "number_row"));
  problem = rcv_invoice_editor_get_problem (editor);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "Customer: "));
  g_assert_true (gtk_widget_has_css_class (rcv_ui_child (editor, "customer_row"), "error"));
  g_assert_null (strstr (problem, "Line 1"));

  /* the number emptied while the focus is in it: not yet a complaint; once left, it is */
  rcv_ui_type_into (rcv_ui_child (editor, "number_row"), "");
  g_assert_null (strstr (rcv_invoice_editor_get_problem (editor), "Number"));
  g_assert_false (gtk_widget_has_css_class (rcv_ui_child (editor, "number_row"), "error"));
  gtk_widget_grab_focus (rcv_ui_child (editor, "issue_row"));
  g_assert_nonnull (strstr (rcv_invoice_editor_get_problem (editor), "Number: is required"));
  g_assert_true (gtk_widget_has_css_class (rcv_ui_child (editor, "number_row"), "error"));
  g_assert_null (strstr (rcv_invoice_editor_get_problem (editor), "Line 1"));

  /* a wrong date typed into the row the focus is in waits until it is left */
  rcv_ui_type_into (rcv_ui_child (editor, "issue_row"), "13/45/2026");
  g_assert_null (strstr (rcv_invoice_editor_get_problem (editor), "Issue date"));
  gtk_widget_grab_focus (rcv_ui_child (editor, "notes_row"));
  g_assert_nonnull (strstr (rcv_invoice_editor_get_problem (editor), "Issue date: "));
  g_assert_true (gtk_widget_has_css_class (rcv_ui_child (editor, "issue_row"), "error"));

  /* posting: every problem, the lines' too */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  rcv_ui_settle ();
  problem = rcv_invoice_editor_get_problem (editor);
  g_assert_nonnull (strstr (problem, "Customer: "));
  g_assert_nonnull (strstr (problem, "Issue date: "));
  g_assert_nonnull (strstr (problem, "Line 1, Unit price: "));
  rcv_ui_screenshot (GTK_WIDGET (editor), "invoice-editor-problems");

  gtk_window_destroy (GTK_WINDOW (editor));
  rcv_ui_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  rcv_ui_init (&argc, &argv);
  g_test_add_func ("/ui/enter-invoice", test_enter_invoice);
  g_test_add_func ("/ui/credit-at-entry", test_credit_at_entry);
  g_test_add_func ("/ui/invoices/problems-after-visit", test_problems_after_visit);
  return rcv_ui_run ();
}
