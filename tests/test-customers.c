/* test-customers.c - the customer list model, customer changes and the company profile
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "rcv-account.h"
#include "rcv-company.h"
#include "rcv-customer-list.h"
#include "rcv-database-changes.h"
#include "rcv-error.h"
#include "rcv-invoice-list.h"
#include "rcv-open-items.h"
#include "rcv-payment-list.h"
#include "rcv-ledger.h"
#include "rcv-test-utils.h"

static RcvCustomerItem *
item_at (RcvCustomerList *list,
         guint            position)
{
  RcvCustomerItem *item = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_assert_nonnull (item);
  /* the list keeps its items: the same object each time */
  g_assert_true (item == g_list_model_get_item (G_LIST_MODEL (list), position));
  g_object_unref (item);
  g_object_unref (item);
  return item;
}

static void
test_list_balances (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvCustomerList) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 zed, anna, paid;
  guint position;
  RcvCustomerItem *item;
  g_autofree char *balance = NULL;

  zed = rcv_test_customer (db, "K3", "Zeder AG");
  anna = rcv_test_customer (db, "K1", "anna Berg");
  paid = rcv_test_customer (db, "K2", "Bezahlt GmbH");
  rcv_test_invoice (db, zed, "R1", "2026-01-01", "2026-01-31", 10000);
  rcv_test_invoice (db, zed, "R2", "2026-03-01", "2026-03-31", 5000);
  rcv_test_invoice (db, anna, "R3", "2026-03-20", "2026-04-19", 2500);
  rcv_test_payment (db, paid, "2026-02-01", 700, 0, TRUE);   /* unapplied credit only */

  list = rcv_customer_list_new (db, rcv_test_date ("2026-04-01"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == RCV_TYPE_CUSTOMER_ITEM);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 3));

  /* by name, ignoring case */
  g_assert_cmpstr (rcv_customer_item_get_name (item_at (list, 0)), ==, "anna Berg");
  g_assert_cmpstr (rcv_customer_item_get_name (item_at (list, 1)), ==, "Bezahlt GmbH");
  g_assert_cmpstr (rcv_customer_item_get_name (item_at (list, 2)), ==, "Zeder AG");

  g_assert_true (rcv_customer_list_find (list, zed, &position));
  item = item_at (list, position);
  g_assert_cmpint (rcv_customer_item_get_balance (item), ==, 15000);
  /* R1 due 2026-01-31 is 60 days overdue on 2026-04-01 */
  g_assert_cmpint (rcv_customer_item_get_oldest_days (item), ==, 60);
  g_object_get (item, "balance-text", &balance, NULL);
  g_assert_nonnull (strstr (balance, "150"));

  g_assert_true (rcv_customer_list_find (list, anna, &position));
  g_assert_cmpint (rcv_customer_item_get_oldest_days (item_at (list, position)), <=, 0);
  g_assert_true (rcv_customer_list_find (list, paid, &position));
  g_assert_cmpint (rcv_customer_item_get_balance (item_at (list, position)), ==, -700);
  g_assert_cmpint (rcv_customer_item_get_oldest_days (item_at (list, position)), ==, G_MININT);
  g_assert_cmpint (rcv_customer_list_get_total (list), ==, 15000 + 2500 - 700);
  g_assert_false (rcv_customer_list_find (list, 999, NULL));
}

static void
on_list_ready (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  RcvCustomerList **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = rcv_customer_list_new_finish (RCV_DATABASE (source), result, &error);
  g_assert_no_error (error);
}

static void
on_changed_keep (RcvDatabase  *db,
                 RcvChangeSet *changes,
                 gpointer      user_data)
{
  RcvChangeSet **out = user_data;

  g_clear_pointer (out, rcv_change_set_unref);
  *out = rcv_change_set_ref (changes);
}

/* RcvDatabase::changed comes after the commit, at once or from the main loop */
static void
wait_for_changes (RcvChangeSet **changes)
{
  for (guint i = 0; *changes == NULL && i < 5000; i++)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_nonnull (*changes);
}

static void
on_items_changed_count (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        gpointer    user_data)
{
  guint *count = user_data;

  g_assert_cmpuint (removed, ==, 1);
  g_assert_cmpuint (added, ==, 1);
  (*count)++;
}

/* A saved payment shows in its customer's row at once, by the customer's own documents: the
 * same figures as the whole list read again, the other rows untouched. */
static void
test_list_refresh_changed (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvCustomerList) list = NULL;
  g_autoptr(RcvCustomerList) fresh = NULL;
  g_autoptr(RcvChangeSet) changes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 zed, anna;
  guint position, fresh_position, n_changed = 0;
  RcvCustomerItem *item;

  zed = rcv_test_customer (db, "K3", "Zeder AG");
  anna = rcv_test_customer (db, "K1", "anna Berg");
  rcv_test_invoice (db, zed, "R1", "2026-01-01", "2026-01-31", 10000);
  rcv_test_invoice (db, zed, "R2", "2026-03-01", "2026-03-31", 5000);
  rcv_test_invoice (db, anna, "R3", "2026-03-20", "2026-04-19", 2500);
  list = rcv_customer_list_new (db, rcv_test_date ("2026-04-01"), &error);
  g_assert_no_error (error);
  g_assert_true (rcv_customer_list_find (list, zed, &position));
  item = item_at (list, position);
  g_assert_cmpint (rcv_customer_item_get_oldest_days (item), ==, 60);

  g_signal_connect (db, "changed", G_CALLBACK (on_changed_keep), &changes);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_count), &n_changed);
  /* pays R1 (oldest first): what is left is R2, 1 day overdue */
  rcv_test_payment (db, zed, "2026-03-15", 10000, 0, TRUE);
  wait_for_changes (&changes);
  g_assert_true (rcv_customer_list_refresh_changed (list, db, changes));
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpint (rcv_customer_item_get_balance (item), ==, 5000);
  g_assert_cmpint (rcv_customer_item_get_oldest_days (item), ==, 1);
  g_assert_cmpint (rcv_customer_list_get_total (list), ==, 5000 + 2500);

  fresh = rcv_customer_list_new (db, rcv_test_date ("2026-04-01"), &error);
  g_assert_no_error (error);
  g_assert_true (rcv_customer_list_find (fresh, zed, &fresh_position));
  g_assert_cmpint (rcv_customer_item_get_balance (item_at (fresh, fresh_position)), ==, 5000);
  g_assert_cmpint (rcv_customer_item_get_oldest_days (item_at (fresh, fresh_position)), ==, 1);
  g_assert_cmpint (rcv_customer_list_get_total (fresh), ==, rcv_customer_list_get_total (list));

  /* another program's commit names no rows: the whole list must be read */
  g_clear_pointer (&changes, rcv_change_set_unref);
  changes = rcv_change_set_new_external ();
  g_assert_false (rcv_customer_list_refresh_changed (list, db, changes));
  g_signal_handlers_disconnect_by_data (db, &changes);
}

static void
test_list_async (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  RcvCustomerList *list = NULL;

  rcv_test_customer (db, "K1", "Eins");
  rcv_customer_list_new_async (db, rcv_test_date ("2026-04-01"), NULL, on_list_ready, &list);
  while (list == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_object_unref (list);
}

static void
test_update_and_archive (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvCustomer) customer = NULL;
  g_autoptr(RcvCustomer) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GString *audit = g_string_new (NULL);
  gint64 id;

  id = rcv_test_customer (db, "K1", "Alt");
  rcv_test_customer (db, "K2", "Andere");
  customer = rcv_ledger_get_customer (db, id, &error);
  g_assert_no_error (error);

  g_free (customer->name);
  customer->name = g_strdup ("  Neu & Co  ");
  customer->terms_days = 10;
  g_assert_true (rcv_ledger_update_customer (db, customer, &error));
  g_assert_no_error (error);
  stored = rcv_ledger_get_customer (db, id, NULL);
  g_assert_cmpstr (stored->name, ==, "Neu & Co");
  g_assert_cmpint (stored->terms_days, ==, 10);

  /* the audit table has the old and the new values */
  rcv_test_dump (audit, path, "SELECT action, old_values, new_values FROM audit"
                              " WHERE table_name = 'customers' AND action = 'update'");
  g_assert_nonnull (strstr (audit->str, "\"Alt\""));
  g_assert_nonnull (strstr (audit->str, "\"Neu & Co\""));
  g_string_free (audit, TRUE);

  /* a taken ID, or a bad field, changes nothing */
  before = rcv_test_fingerprint (path);
  g_free (customer->code);
  customer->code = g_strdup ("K2");
  g_assert_false (rcv_ledger_update_customer (db, customer, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_free (customer->code);
  customer->code = g_strdup ("K1");
  g_free (customer->email);
  customer->email = g_strdup ("kein at");
  g_assert_false (rcv_ledger_update_customer (db, customer, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "email: "));
  g_clear_error (&error);
  after = rcv_test_fingerprint (path);
  g_assert_cmpstr (before, ==, after);

  /* archive, and back */
  g_assert_true (rcv_ledger_set_customer_archived (db, id, TRUE, &error));
  g_clear_pointer (&stored, rcv_customer_free);
  stored = rcv_ledger_get_customer (db, id, NULL);
  g_assert_true (stored->archived);
  g_assert_true (rcv_ledger_set_customer_archived (db, id, FALSE, &error));
  g_clear_pointer (&stored, rcv_customer_free);
  stored = rcv_ledger_get_customer (db, id, NULL);
  g_assert_false (stored->archived);
  g_assert_false (rcv_ledger_set_customer_archived (db, 4242, TRUE, &error));
  g_assert_nonnull (error);
}

static void
test_company_profile (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) logo = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GBytes) not_image = NULL;
  g_autofree char *name = NULL;
  g_autofree char *address = NULL;
  static const guchar png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13 };

  g_assert_true (rcv_company_set (db, RCV_COMPANY_NAME, "  Muster GmbH ", &error));
  name = rcv_database_get_setting (db, RCV_COMPANY_NAME);
  g_assert_cmpstr (name, ==, "Muster GmbH");
  g_assert_true (rcv_company_set (db, RCV_COMPANY_ADDRESS, "Weg 1\n12345 Ort", &error));
  address = rcv_database_get_setting (db, RCV_COMPANY_ADDRESS);
  g_assert_cmpstr (address, ==, "Weg 1\n12345 Ort");

  /* each rule, with the value left as it was */
  g_assert_false (rcv_company_set (db, RCV_COMPANY_NAME, "   ", &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rcv_company_set (db, RCV_COMPANY_TAX_ID, "DE\n123", &error));
  g_clear_error (&error);
  g_assert_false (rcv_company_set (db, RCV_COMPANY_EMAIL, "nobody", &error));
  g_clear_error (&error);
  g_assert_true (rcv_company_check (RCV_COMPANY_IBAN, "DE89 3704 0044 0532 0130 00", NULL));
  g_assert_true (rcv_company_check (RCV_COMPANY_IBAN, "GB82WEST12345698765432", NULL));
  g_assert_false (rcv_company_check (RCV_COMPANY_IBAN, "DE89 3704 0044 0532 0130 01", NULL));
  g_assert_false (rcv_company_check (RCV_COMPANY_IBAN, "GB82WEST1234569876543", NULL));
  /* not IBAN-shaped: a plain account number is accepted as typed */
  g_assert_true (rcv_company_check (RCV_COMPANY_IBAN, "12345678", NULL));
  g_clear_pointer (&name, g_free);
  name = rcv_database_get_setting (db, RCV_COMPANY_NAME);
  g_assert_cmpstr (name, ==, "Muster GmbH");

  /* the logo: images only, kept byte for byte, removable */
  g_assert_null (rcv_company_get_logo (db));
  not_image = g_bytes_new_static ("hello", 5);
  g_assert_false (rcv_company_set_logo (db, not_image, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  logo = g_bytes_new_static (png, sizeof png);
  g_assert_true (rcv_company_set_logo (db, logo, &error));
  stored = rcv_company_get_logo (db);
  g_assert_true (g_bytes_equal (logo, stored));
  g_assert_true (rcv_company_set_logo (db, NULL, &error));
  g_assert_null (rcv_company_get_logo (db));
}

static RcvInvoiceList *
invoices (RcvDatabase      *db,
          RcvInvoiceFilter  filter,
          const char       *search)
{
  g_autoptr(GError) error = NULL;
  RcvInvoiceList *list = rcv_invoice_list_new (db, filter, search, rcv_test_date ("2026-04-01"),
                                               NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  return list;
}

/* The number of the invoice at a position (static: the item is let go at once). */
static const char *
number_at (RcvInvoiceList *list,
           guint           position)
{
  static char number[64];
  g_autoptr(RcvInvoiceItem) item = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_assert_nonnull (item);
  g_strlcpy (number, rcv_invoice_item_get_number (item), sizeof number);
  return number;
}

static void
test_invoice_list (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvInvoiceList) all = NULL;
  g_autoptr(RcvInvoiceList) open = NULL;
  g_autoptr(RcvInvoiceList) overdue = NULL;
  g_autoptr(RcvInvoiceList) by_number = NULL;
  g_autoptr(RcvInvoiceList) by_name = NULL;
  g_autoptr(RcvInvoiceItem) first = NULL;
  g_autoptr(RcvInvoiceItem) again = NULL;
  g_autofree char *status = NULL;
  gint64 a, b, r1;

  a = rcv_test_customer (db, "K1", "Anna Berg");
  b = rcv_test_customer (db, "K2", "Zeder AG");
  r1 = rcv_test_invoice (db, a, "2026-0001", "2026-01-01", "2026-01-31", 10000);
  rcv_test_invoice (db, a, "2026-0002", "2026-03-20", "2026-04-19", 2500);
  rcv_test_invoice (db, b, "2026-0003", "2026-03-01", "2026-03-10", 4000);
  rcv_test_payment (db, b, "2026-03-05", 4000, 0, TRUE);   /* pays 2026-0003 */

  all = invoices (db, RCV_INVOICE_FILTER_ALL, NULL);
  open = invoices (db, RCV_INVOICE_FILTER_OPEN, "");
  overdue = invoices (db, RCV_INVOICE_FILTER_OVERDUE, "");
  by_number = invoices (db, RCV_INVOICE_FILTER_ALL, "2026-000");
  by_name = invoices (db, RCV_INVOICE_FILTER_ALL, "zeder");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (open)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (overdue)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (by_number)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (by_name)), ==, 1);

  /* newest first; an item lives as long as it is held, and is the same object meanwhile */
  first = g_list_model_get_item (G_LIST_MODEL (all), 2);
  g_assert_cmpint (rcv_invoice_item_get_id (first), ==, r1);
  again = g_list_model_get_item (G_LIST_MODEL (all), 2);
  g_assert_true (first == again);
  g_assert_cmpint (rcv_invoice_item_get_open (first), ==, 10000);
  g_object_get (first, "status-text", &status, NULL);
  g_assert_cmpstr (status, ==, "60 days overdue");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (all), 3));

  /* in date order, newest first, whatever the order of entry: 0002 (20 March), 0003 (1 March),
   * 0001 (1 January); one entered later for 15 February goes to its place in the list kept */
  g_assert_cmpstr (number_at (all, 0), ==, "2026-0002");
  g_assert_cmpstr (number_at (all, 1), ==, "2026-0003");
  g_assert_cmpstr (number_at (all, 2), ==, "2026-0001");
  {
    g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (RcvRowChange));
    RcvRowChange change = { 0, RCV_CHANGE_INSERT };

    change.id = rcv_test_invoice (db, b, "2026-0004", "2026-02-15", "2026-03-15", 900);
    g_array_append_val (changes, change);
    rcv_row_list_update_rows (RCV_ROW_LIST (all), changes);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==, 4);
    g_assert_cmpstr (number_at (all, 2), ==, "2026-0004");
    g_assert_cmpstr (number_at (all, 3), ==, "2026-0001");
    /* a row gone is found without its date */
    {
      sqlite3 *other = NULL;

      g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (other, "DELETE FROM invoice_lines WHERE invoice_id IN"
                                     " (SELECT id FROM invoices WHERE number = '2026-0004');"
                                     " DELETE FROM invoices WHERE number = '2026-0004'",
                                     NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (other);
    }
    change.kind = RCV_CHANGE_DELETE;
    g_array_index (changes, RcvRowChange, 0) = change;
    rcv_row_list_update_rows (RCV_ROW_LIST (all), changes);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==, 3);
    g_assert_cmpstr (number_at (all, 2), ==, "2026-0001");
  }
}

static void
test_payment_list (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvPaymentList) all = NULL;
  g_autoptr(RcvPaymentList) by_name = NULL;
  g_autoptr(RcvPaymentItem) newest = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *customer = NULL;
  gint64 a, b, last;

  a = rcv_test_customer (db, "K1", "Anna Berg");
  b = rcv_test_customer (db, "K2", "Zeder AG");
  rcv_test_invoice (db, a, "R1", "2026-01-01", "2026-01-31", 10000);
  rcv_test_payment (db, a, "2026-02-01", 4000, 0, TRUE);
  last = rcv_test_payment (db, b, "2026-02-02", 700, 0, TRUE);

  all = rcv_payment_list_new (db, "", NULL, &error);
  g_assert_no_error (error);
  by_name = rcv_payment_list_new (db, "berg", NULL, &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (by_name)), ==, 1);
  newest = g_list_model_get_item (G_LIST_MODEL (all), 0);
  g_assert_cmpint (rcv_payment_item_get_id (newest), ==, last);
  /* by date, newest first: one entered last but received earlier comes after */
  {
    g_autoptr(RcvPaymentList) again = NULL;
    g_autoptr(RcvPaymentItem) third = NULL;
    gint64 early = rcv_test_payment (db, a, "2026-01-15", 100, 0, TRUE);

    again = rcv_payment_list_new (db, "", NULL, &error);
    g_assert_no_error (error);
    third = g_list_model_get_item (G_LIST_MODEL (again), 2);
    g_assert_cmpint (rcv_payment_item_get_id (third), ==, early);
  }
  /* nothing open for Zeder: all of it is unapplied credit */
  g_assert_cmpint (rcv_payment_item_get_unapplied (newest), ==, 700);
  g_object_get (newest, "customer", &customer, NULL);
  g_assert_cmpstr (customer, ==, "Zeder AG");
}

static void
test_open_items_and_void (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GArray) requests = g_array_new (FALSE, FALSE, sizeof (RcvAllocationRequest));
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 k, late, early, future, paid;

  k = rcv_test_customer (db, "K1", "Anna");
  late = rcv_test_invoice (db, k, "R2", "2026-02-01", "2026-03-15", 3000);
  early = rcv_test_invoice (db, k, "R1", "2026-01-01", "2026-01-31", 5000);
  future = rcv_test_invoice (db, k, "R3", "2026-05-01", "2026-05-31", 1000);
  paid = rcv_test_invoice (db, k, "R0", "2025-12-01", "2025-12-31", 700);
  rcv_test_payment (db, k, "2026-01-02", 700, paid, FALSE);

  items = rcv_open_items_list (db, k, RCV_INVOICE_KIND_INVOICE, &error);
  g_assert_no_error (error);
  /* oldest due date first; the paid one is not open */
  g_assert_cmpuint (items->len, ==, 3);
  g_assert_cmpint (((RcvOpenItem *) g_ptr_array_index (items, 0))->id, ==, early);
  g_assert_cmpint (((RcvOpenItem *) g_ptr_array_index (items, 1))->id, ==, late);

  /* 6000 on 2026-04-01: R1 in full, 1000 of R2; R3 is issued later and gets nothing */
  g_assert_cmpint (rcv_open_items_propose_allocation (items, rcv_test_date ("2026-04-01"), 6000, requests),
                                                      ==, 0);
  g_assert_cmpuint (requests->len, ==, 2);
  g_assert_cmpint (g_array_index (requests, RcvAllocationRequest, 0).amount, ==, 5000);
  g_assert_cmpint (g_array_index (requests, RcvAllocationRequest, 1).amount, ==, 1000);
  /* too much: the rest is unapplied */
  g_assert_cmpint (rcv_open_items_propose_allocation (items, rcv_test_date ("2026-04-01"), 9000, requests),
                                                      ==, 1000);

  /* void: a reason is required; a paid invoice cannot be voided; nothing changes on refusal */
  before = rcv_test_fingerprint (path);
  g_assert_false (rcv_ledger_void_invoice (db, future, "  ", &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rcv_ledger_void_invoice (db, paid, "typo", &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_CONFLICT);
  g_clear_error (&error);
  after = rcv_test_fingerprint (path);
  g_assert_cmpstr (before, ==, after);

  g_assert_true (rcv_ledger_void_invoice (db, future, "entered twice", &error));
  g_assert_no_error (error);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = rcv_open_items_list (db, k, RCV_INVOICE_KIND_INVOICE, NULL);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_false (rcv_ledger_void_invoice (db, future, "again", &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_CONFLICT);
  g_assert_cmpint (rcv_open_items_get_unapplied (db, k), ==, 0);
}

static void
test_account (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvCustomer) customer = NULL;
  g_autoptr(GPtrArray) payments = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvAgingReport) report = NULL;
  RcvAccountBalance balance;
  const RcvAgingRow *row = NULL;
  gint64 k;

  k = rcv_test_customer (db, "K1", "Anna");
  rcv_test_customer (db, "K2", "Berta");
  rcv_test_invoice (db, k, "R1", "2026-01-01", "2026-01-31", 10000);   /* 60 days on 04-01 */
  rcv_test_invoice (db, k, "R2", "2026-03-20", "2026-04-19", 2500);    /* current */
  rcv_test_payment (db, k, "2026-02-10", 3000, 0, TRUE);               /* 3000 of R1 */
  rcv_test_payment (db, k, "2026-03-25", 20000, 0, FALSE);             /* unapplied */

  /* a customer edit is in the history too */
  customer = rcv_ledger_get_customer (db, k, NULL);
  g_free (customer->phone);
  customer->phone = g_strdup ("+49 30 1234");
  g_assert_true (rcv_ledger_update_customer (db, customer, &error));

  g_assert_true (rcv_account_get_balance (db, k, rcv_test_date ("2026-04-01"), &balance, &error));
  g_assert_no_error (error);
  g_assert_cmpint (balance.buckets[0], ==, 2500);
  g_assert_cmpint (balance.buckets[2], ==, 7000);
  g_assert_cmpint (balance.unapplied, ==, -20000);
  g_assert_cmpint (balance.balance, ==, 2500 + 7000 - 20000);
  g_assert_cmpint (balance.oldest_days, ==, 60);
  g_assert_cmpuint (balance.n_open, ==, 2);

  /* the same figures as the aging report as of that date */
  report = rcv_aging_report_new (db, rcv_test_date ("2026-04-01"), &error);
  for (guint i = 0; i < report->rows->len; i++)
    if (((RcvAgingRow *) g_ptr_array_index (report->rows, i))->customer_id == k)
      row = g_ptr_array_index (report->rows, i);
  g_assert_nonnull (row);
  g_assert_cmpint (row->balance, ==, balance.balance);
  for (guint b = 0; b < balance.n_buckets; b++)
    g_assert_cmpint (row->buckets[b], ==, balance.buckets[b]);

  payments = rcv_account_list_payments (db, k, 10, &error);
  g_assert_cmpuint (payments->len, ==, 2);
  g_assert_cmpint (((RcvAccountPayment *) g_ptr_array_index (payments, 0))->unapplied, ==, 20000);

  history = rcv_account_list_history (db, k, 50, &error);
  g_assert_no_error (error);
  /* customer insert and update, two invoices, two payments: newest first */
  g_assert_cmpuint (history->len, ==, 6);
  g_assert_cmpstr (((RcvAccountEvent *) g_ptr_array_index (history, 0))->action, ==, "update");
  g_assert_cmpstr (((RcvAccountEvent *) g_ptr_array_index (history, 0))->what, ==, "K1");
}

static void
test_apply_credit (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvInvoice) note = rcv_invoice_new (RCV_INVOICE_KIND_CREDIT_NOTE);
  g_autoptr(GError) error = NULL;
  gint64 k, r1, r2, r3, applied = 0;

  k = rcv_test_customer (db, "K1", "Anna");
  r1 = rcv_test_invoice (db, k, "R1", "2026-01-01", "2026-01-31", 5000);
  r2 = rcv_test_invoice (db, k, "R2", "2026-02-01", "2026-02-28", 4000);
  r3 = rcv_test_invoice (db, k, "R3", "2026-03-01", "2026-03-31", 3000);
  rcv_test_payment (db, k, "2026-01-15", 6000, 0, FALSE);      /* unapplied */
  note->number = g_strdup ("CN-1");
  note->customer_id = k;
  g_date_set_dmy (&note->issue_date, 10, 2, 2026);
  note->due_date = note->issue_date;
  note->description = g_strdup ("");
  rcv_invoice_add_line (note, "Rabatt", 1000, -2000, 0);
  g_assert_true (rcv_ledger_add_invoice (db, note, &error));

  /* 6000 + 2000 of credit go to the oldest due dates first: R1 in full, 3000 of R2 */
  g_assert_true (rcv_open_items_apply_credit (db, k, &applied, &error));
  g_assert_no_error (error);
  g_assert_cmpint (applied, ==, 8000);
  g_assert_cmpint (rcv_ledger_get_open_amount (db, r1, NULL), ==, 0);
  g_assert_cmpint (rcv_ledger_get_open_amount (db, r2, NULL), ==, 1000);
  g_assert_cmpint (rcv_ledger_get_open_amount (db, r3, NULL), ==, 3000);
  g_assert_cmpint (rcv_open_items_get_unapplied (db, k), ==, 0);

  /* nothing left to apply: a no-op */
  g_assert_true (rcv_open_items_apply_credit (db, k, &applied, &error));
  g_assert_cmpint (applied, ==, 0);
}

/* The names of the customers `rcv_customer_list_match` finds for `text`, as one string. */
static char *
matches (RcvCustomerList *list,
         const char      *text,
         guint            max,
         guint           *n_matches)
{
  g_autoptr(GArray) found = rcv_customer_list_match (list, text, max, n_matches);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < found->len; i++)
    {
      RcvCustomerItem *item = item_at (list, g_array_index (found, guint, i));

      g_string_append_printf (names, "%s%s", i > 0 ? "|" : "", rcv_customer_item_get_name (item));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* The next customer ID: the latest one's number, one up, as wide as it was, past IDs taken. */
static void
test_propose_code (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  char *code;

  code = rcv_ledger_propose_customer_code (db);
  g_assert_cmpstr (code, ==, "C001");
  g_free (code);
  rcv_test_customer (db, "C009", "Neun");
  code = rcv_ledger_propose_customer_code (db);
  g_assert_cmpstr (code, ==, "C010");
  g_free (code);
  rcv_test_customer (db, "K-12", "Zwölf");
  rcv_test_customer (db, "K-13", "Dreizehn");
  rcv_test_customer (db, "K-11", "Elf");
  /* after K-11 comes K-12, taken, then K-13, taken: K-14 */
  code = rcv_ledger_propose_customer_code (db);
  g_assert_cmpstr (code, ==, "K-14");
  g_free (code);
  rcv_test_customer (db, "ACME", "Acme");
  code = rcv_ledger_propose_customer_code (db);
  g_assert_cmpstr (code, ==, "C001");
  g_free (code);
}

static void
test_list_match (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvCustomerList) list = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;
  char *text;

  rcv_test_customer (db, "K10", "Bäckerei Müller");
  rcv_test_customer (db, "K1", "Élan Studio");
  rcv_test_customer (db, "K2", "Müller & Söhne");
  rcv_test_customer (db, "K3", "Hausmüller KG");
  rcv_test_customer (db, "M1", "Brightside Ltd");
  list = rcv_customer_list_new_active (db, &error);
  g_assert_no_error (error);

  /* accents and case aside: the start of a name, then a word's start, then anywhere */
  text = matches (list, "muller", 10, &n);
  g_assert_cmpstr (text, ==, "Müller & Söhne|Bäckerei Müller|Hausmüller KG");
  g_assert_cmpuint (n, ==, 3);
  g_free (text);
  text = matches (list, "  ELAN ", 10, &n);
  g_assert_cmpstr (text, ==, "Élan Studio");
  g_free (text);
  text = matches (list, "bäck", 10, &n);
  g_assert_cmpstr (text, ==, "Bäckerei Müller");
  g_free (text);

  /* a number typed whole comes first, then the numbers that start with it */
  text = matches (list, "k1", 10, &n);
  g_assert_cmpstr (text, ==, "Élan Studio|Bäckerei Müller");
  g_assert_cmpuint (n, ==, 2);
  g_free (text);

  /* at most `max`, but the count says how many there are */
  text = matches (list, "", 2, &n);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpuint (strlen (text) > 0, ==, TRUE);
  g_assert_nonnull (strchr (text, '|'));
  g_assert_null (strchr (strchr (text, '|') + 1, '|'));
  g_free (text);
  text = matches (list, "zzz", 10, &n);
  g_assert_cmpstr (text, ==, "");
  g_assert_cmpuint (n, ==, 0);
  g_free (text);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/customers/list-balances", test_list_balances);
  g_test_add_func ("/core/customers/list-async", test_list_async);
  g_test_add_func ("/core/customers/list-refresh-changed", test_list_refresh_changed);
  g_test_add_func ("/core/customers/list-match", test_list_match);
  g_test_add_func ("/core/customers/propose-code", test_propose_code);
  g_test_add_func ("/core/customers/update-and-archive", test_update_and_archive);
  g_test_add_func ("/core/customers/company-profile", test_company_profile);
  g_test_add_func ("/core/customers/account", test_account);
  g_test_add_func ("/core/customers/apply-credit", test_apply_credit);
  g_test_add_func ("/core/invoices/list", test_invoice_list);
  g_test_add_func ("/core/payments/list", test_payment_list);
  g_test_add_func ("/core/invoices/open-items-and-void", test_open_items_and_void);
  return g_test_run ();
}
