/* test-ui-changes.c - the window follows what commits change, its own and other programs',
 * without reading its pages again
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "rcv-customer-list.h"
#include "rcv-database-changes.h"
#include "rcv-invoice-list.h"
#include "rcv-ledger.h"
#include "rcv-money.h"
#include "rcv-payment-list.h"
#include "rcv-ui-fixture.h"

typedef struct
{
  GListModel *model;
  const char *code;
} FindCustomer;

static gboolean
customer_listed (gpointer data)
{
  FindCustomer *find = data;
  guint n = g_list_model_get_n_items (find->model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RcvCustomerItem) item = g_list_model_get_item (find->model, i);

      if (g_strcmp0 (rcv_customer_item_get_code (item), find->code) == 0)
        return TRUE;
    }
  return FALSE;
}

static GListModel *
customers_model (RcvWindow *window)
{
  GtkFilterListModel *filter = rcv_ui_child (rcv_ui_child (window, "customers_page"),
                                             "filter_model");

  return gtk_filter_list_model_get_model (filter);
}

/* receivables-cli imports a customer while the window is open on the company: the window
 * finds the other program's commit by itself (the poll of the file's data version) and the
 * customer appears in the list shown, the same list object, the customer selected before
 * still selected. */
static void
test_external_import (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *csv = g_build_filename (dir, "new-customer.csv", NULL);
  g_autofree char *out = NULL;
  const char *cli = g_getenv ("RCV_CLI");
  gpointer customers;
  GtkMultiSelection *selection;
  GListModel *before;
  RcvWindow *window;
  FindCustomer find = { NULL, "EXT-1" };

  g_assert_nonnull (cli);
  rcv_test_customer (db, "C1", "Alpha");
  rcv_test_customer (db, "C2", "Beta");
  g_clear_object (&db);

  window = rcv_ui_open_window (path);
  rcv_ui_wait_for_content (window, "ledger");
  customers = rcv_ui_child (window, "customers_page");
  rcv_ui_wait_for_page_stack (customers, "list");
  before = customers_model (window);
  g_assert_cmpuint (g_list_model_get_n_items (before), ==, 2);
  selection = rcv_ui_child (customers, "selection");
  rcv_ui_wait_for_n_items (selection, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(RcvCustomerItem) item = g_list_model_get_item (G_LIST_MODEL (selection), i);

      if (g_str_equal (rcv_customer_item_get_code (item), "C2"))
        gtk_selection_model_select_item (GTK_SELECTION_MODEL (selection), i, TRUE);
    }

  /* "Aardvark" sorts first: the customers already shown move down by one */
  rcv_test_write_file (csv, "id,name\nEXT-1,Aardvark Imports\n");
  {
    const char *argv[] = { cli, "--database", path, "import", "customers", csv, NULL };

    out = rcv_test_run (argv);
  }
  find.model = before;
  rcv_test_wait_until (customer_listed, &find);

  g_assert_true (customers_model (window) == before);
  g_assert_cmpuint (g_list_model_get_n_items (before), ==, 3);
  {
    g_autoptr(RcvCustomerItem) first = g_list_model_get_item (before, 0);

    g_assert_cmpstr (rcv_customer_item_get_code (first), ==, "EXT-1");
  }
  /* the view's models (filter, sort) take the new row as well; the selection stays on C2 */
  rcv_ui_wait_for_n_items (selection, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(RcvCustomerItem) item = g_list_model_get_item (G_LIST_MODEL (selection), i);

      g_assert_cmpint (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (selection), i), ==,
                       g_str_equal (rcv_customer_item_get_code (item), "C2"));
    }
  rcv_ui_close_window (window);
}

typedef struct
{
  RcvInvoiceItem *item;
  const char *text;
} OpenText;

static gboolean
open_text_is (gpointer data)
{
  OpenText *wait = data;
  g_autofree char *text = NULL;

  g_object_get (wait->item, "open-text", &text, NULL);
  return g_strcmp0 (text, wait->text) == 0;
}

/* A payment saved in the window: the invoice's row shows the new open amount in the object
 * the view already held (its selection kept), a new invoice goes to the top of the list in
 * place, and the Overview's figure follows, all without reading the lists again. */
static void
test_payment_updates_rows (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvInvoiceItem) row = NULL;
  g_autofree char *before_text = NULL;
  g_autofree char *after_text = NULL;
  g_autofree char *total_text = NULL;
  const RcvCurrency *currency;
  gpointer invoices, payments, overview;
  GtkSingleSelection *selection;
  GListModel *list, *payment_list;
  RcvDatabase *own;
  RcvWindow *window;
  gint64 customer, invoice;
  OpenText wait;

  customer = rcv_test_customer (db, "C1", "Alpha");
  rcv_test_invoice (db, customer, "2026-0001", "2026-01-05", "2026-02-04", 50000);
  invoice = rcv_test_invoice (db, customer, "2026-0002", "2026-01-10", "2026-02-09", 100000);
  g_clear_object (&db);

  window = rcv_ui_open_window (path);
  rcv_ui_wait_for_content (window, "ledger");
  invoices = rcv_ui_child (window, "invoices_page");
  payments = rcv_ui_child (window, "payments_page");
  overview = rcv_ui_child (window, "overview_page");
  rcv_ui_wait_for_page_stack (invoices, "list");
  rcv_ui_wait_for_page_stack (payments, "empty");
  rcv_ui_wait_for_page_stack (overview, "figures");
  own = rcv_window_get_database (window);
  currency = rcv_database_get_currency (own);
  total_text = rcv_money_format (150000, currency);
  rcv_ui_wait_for_label (overview, total_text);

  selection = rcv_ui_child (invoices, "selection");
  list = gtk_single_selection_get_model (selection);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  /* newest first: 2026-0002 at the top, selected */
  gtk_single_selection_set_selected (selection, 0);
  row = g_list_model_get_item (list, 0);
  g_assert_cmpstr (rcv_invoice_item_get_number (row), ==, "2026-0002");
  g_object_get (row, "open-text", &before_text, NULL);
  {
    g_autofree char *expected = rcv_money_format (100000, currency);

    g_assert_cmpstr (before_text, ==, expected);
  }
  payment_list = gtk_single_selection_get_model (rcv_ui_child (payments, "selection"));

  /* as the payment form saves: the ledger on the window's own connection */
  rcv_test_payment (own, customer, "2026-02-01", 40000, invoice, FALSE);

  after_text = rcv_money_format (60000, currency);
  wait.item = row;
  wait.text = after_text;
  rcv_test_wait_until (open_text_is, &wait);
  g_assert_true (gtk_single_selection_get_model (selection) == list);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 0);
  g_assert_true (gtk_single_selection_get_selected_item (selection) == (gpointer) row);
  g_assert_cmpint (rcv_invoice_item_get_open (row), ==, 60000);

  /* the Overview's total follows; the payments list gains the payment in place */
  g_clear_pointer (&total_text, g_free);
  total_text = rcv_money_format (110000, currency);
  rcv_ui_wait_for_label (overview, total_text);
  rcv_ui_wait_for_page_stack (payments, "list");
  if (payment_list != NULL)
    g_assert_true (gtk_single_selection_get_model (rcv_ui_child (payments, "selection")) ==
                   payment_list);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_single_selection_get_model (
                      rcv_ui_child (payments, "selection"))), ==, 1);

  /* a new invoice: at the top, the selected row moves down with its object */
  rcv_test_invoice (own, customer, "2026-0003", "2026-02-15", "2026-03-17", 2500);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  {
    g_autoptr(RcvInvoiceItem) top = g_list_model_get_item (list, 0);

    g_assert_cmpstr (rcv_invoice_item_get_number (top), ==, "2026-0003");
  }
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 1);
  g_assert_true (gtk_single_selection_get_selected_item (selection) == (gpointer) row);
  g_clear_pointer (&total_text, g_free);
  total_text = rcv_money_format (112500, currency);
  rcv_ui_wait_for_label (overview, total_text);

  rcv_ui_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  rcv_ui_init (&argc, &argv);
  g_test_add_func ("/ui/changes/external-import", test_external_import);
  g_test_add_func ("/ui/changes/payment-updates-rows", test_payment_updates_rows);
  return rcv_ui_run ();
}
