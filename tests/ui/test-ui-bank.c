/* test-ui-bank.c - the Bank page: a statement imported, its entries decided, applied
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rcv-bank-match.h"
#include "rcv-bank-page.h"
#include "rcv-customer-row.h"
#include "rcv-ledger.h"
#include "rcv-payment-editor.h"
#include "rcv-ui-fixture.h"

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "bank", name, NULL);
}

/* From the empty page to nothing waiting: the statement's certain matches applied in one go,
 * a suggestion confirmed, an unknown payer recorded through the payment form (its amount and
 * date filled in), the debit never shown; the same statement again brings nothing back. */
static void
test_bank_page (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autofree char *camt = fixture_path ("statement.camt053.xml");
  g_autoptr(GFile) file = g_file_new_for_path (camt);
  g_autoptr(GError) error = NULL;
  RcvWindow *window;
  RcvBankPage *bank;
  gint64 mueller;

  g_assert_true (rcv_database_set_currency (db, "EUR", &error));
  mueller = rcv_test_customer (db, "K1", "Müller & Söhne GmbH");
  rcv_test_customer (db, "K2", "Brightside Media Ltd");
  rcv_test_customer (db, "K3", "Atelier Dubois SARL");
  rcv_test_customer (db, "K4", "Kleine Spende e.V.");
  rcv_test_invoice (db, mueller, "2026-0001", "2026-01-10", "2026-02-09", 11900);
  rcv_test_invoice (db, mueller, "2026-0002", "2026-01-20", "2026-02-19", 23800);
  rcv_test_invoice (db, 2, "2026-0003", "2026-01-05", "2026-02-04", 50000);
  rcv_test_invoice (db, 2, "2026-0004", "2026-01-15", "2026-02-14", 50000);
  rcv_test_invoice (db, 3, "2026-0005", "2026-01-25", "2026-02-24", 119000);
  g_assert_true (rcv_ledger_add_customer_iban (db, mueller, "DE89370400440532013000", &error));
  g_clear_object (&db);

  window = rcv_ui_open_window (path);
  rcv_ui_wait_for_content (window, "ledger");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "bank"));
  bank = rcv_ui_child (window, "bank_page");
  rcv_ui_settle ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (rcv_ui_child (bank, "stack")), ==, "empty");
  rcv_ui_screenshot (GTK_WIDGET (window), "bank-empty");

  /* imported: nothing recorded yet; six entries wait, the debit is not among them */
  g_assert_true (rcv_bank_page_import_file (bank, file));
  rcv_ui_settle ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (rcv_ui_child (bank, "stack")), ==, "entries");
  g_assert_cmpuint (rcv_bank_page_get_n_waiting (bank), ==, 6);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM payments"), ==, 0);
  g_assert_nonnull (strstr (gtk_label_get_text (rcv_ui_child (bank, "summary_label")),
                            "6 entries waiting: 4 certain, 1 to confirm"));
  g_assert_cmpstr (gtk_button_get_label (rcv_ui_child (bank, "apply_button")), ==,
                   "_Apply 4 Matches");
  rcv_ui_wait_for_label (window, "4 certain, 1 to confirm, 1 unknown, 1 skipped, 0 imported before");
  rcv_ui_screenshot (GTK_WIDGET (window), "bank");

  /* Apply Matches: the four certain ones recorded at once */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bank), "bank.apply", NULL));
  rcv_ui_settle ();
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM payments"), ==, 4);
  g_assert_cmpuint (rcv_bank_page_get_n_waiting (bank), ==, 2);
  g_assert_false (gtk_widget_is_sensitive (rcv_ui_child (bank, "apply_button")));

  /* the suggestion (Brightside's name) confirmed as proposed */
  {
    gint64 id = rcv_test_sql_int (path, "SELECT id FROM bank_entries WHERE decision = 'suggest'");

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bank), "bank.confirm", "x", id));
    rcv_ui_settle ();
    g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM payments"), ==, 5);
    g_assert_cmpuint (rcv_bank_page_get_n_waiting (bank), ==, 1);
  }

  /* skipped, and back from the toast's Undo */
  {
    gint64 id = rcv_test_sql_int (path, "SELECT id FROM bank_entries WHERE decision = 'none'");
    RcvPaymentEditor *editor;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bank), "bank.skip", "x", id));
    rcv_ui_settle ();
    g_assert_cmpuint (rcv_bank_page_get_n_waiting (bank), ==, 0);
    g_assert_true (rcv_bank_unskip (rcv_window_get_database (window), id, NULL));
    rcv_ui_settle ();
    rcv_bank_page_reload (bank);
    g_assert_cmpuint (rcv_bank_page_get_n_waiting (bank), ==, 1);

    /* Record…: the payment form with the receipt filled in; the customer chosen by typing */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bank), "bank.record-form", "x", id));
    rcv_ui_settle ();
    editor = rcv_ui_find_toplevel (RCV_TYPE_PAYMENT_EDITOR);
    g_assert_nonnull (editor);
    g_assert_cmpstr (gtk_editable_get_text (rcv_ui_child (editor, "amount_row")), ==, "42.00");
    g_assert_cmpstr (gtk_editable_get_text (rcv_ui_child (editor, "reference_row")), ==, "B006");
    rcv_ui_type_into (rcv_ui_child (editor, "customer_row"), "K4");
    g_assert_nonnull (rcv_customer_row_get_selected (rcv_ui_child (editor, "customer_row")));
    g_assert_null (rcv_payment_editor_get_problem (editor));
    gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
    rcv_ui_settle ();
    g_assert_null (rcv_ui_find_toplevel (RCV_TYPE_PAYMENT_EDITOR));
    g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM payments"), ==, 6);
    g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM bank_entries"
                                             " WHERE status = 'applied'"), ==, 6);
  }
  g_assert_cmpuint (rcv_bank_page_get_n_waiting (bank), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (rcv_ui_child (bank, "stack")), ==, "empty");

  /* the same statement again: every entry imported before, nothing waits */
  g_assert_true (rcv_bank_page_import_file (bank, file));
  rcv_ui_settle ();
  g_assert_cmpuint (rcv_bank_page_get_n_waiting (bank), ==, 0);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM payments"), ==, 6);

  /* a file that is no statement: said, with where, and nothing kept */
  {
    g_autofree char *dir = rcv_test_tmpdir ();
    g_autofree char *bad_path = g_build_filename (dir, "bad.xml", NULL);
    g_autoptr(GFile) bad = NULL;

    rcv_test_write_file (bad_path, "<Document><oops></Document>");
    bad = g_file_new_for_path (bad_path);
    g_assert_false (rcv_bank_page_import_file (bank, bad));
    rcv_ui_settle ();
    rcv_ui_wait_for_label (window, "The statement was not imported");
  }
  rcv_ui_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  rcv_ui_init (&argc, &argv);
  g_test_add_func ("/ui/bank/page", test_bank_page);
  return rcv_ui_run ();
}
