/* test-ui-bank.c - the Bank page: a statement imported, its entries decided, applied
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#ifdef HAVE_XTEST
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>
#endif
#include <string.h>

#include "rcv-bank-columns-dialog.h"
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

static gboolean
not_importing (gpointer bank)
{
  return !rcv_bank_page_is_importing (bank);
}

/* Imports in the page's worker thread, and waits until it is done. */
static void
import_and_wait (RcvBankPage *bank,
                 GFile       *file)
{
  g_assert_true (rcv_bank_page_import_file (bank, file));
  g_assert_true (rcv_bank_page_is_importing (bank));
  rcv_test_wait_until (not_importing, bank);
  rcv_ui_settle ();
}

/* The company of the page's tests: four customers, five open invoices, Müller's IBAN known. */
static char *
open_company (void)
{
  char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(GError) error = NULL;
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
  return path;
}

static RcvBankPage *
show_bank (RcvWindow *window)
{
  rcv_ui_wait_for_content (window, "ledger");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "bank"));
  rcv_ui_settle ();
  return rcv_ui_child (window, "bank_page");
}

/* From the empty page to nothing waiting: the statement's certain matches applied in one go,
 * a suggestion confirmed, an unknown payer recorded through the payment form (its amount and
 * date filled in), the debit never shown; the same statement again brings nothing back. */
static void
test_bank_page (void)
{
  g_autofree char *path = open_company ();
  g_autofree char *camt = fixture_path ("statement.camt053.xml");
  g_autoptr(GFile) file = g_file_new_for_path (camt);
  RcvWindow *window = rcv_ui_open_window (path);
  RcvBankPage *bank = show_bank (window);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (rcv_ui_child (bank, "stack")), ==, "empty");
  rcv_ui_screenshot (GTK_WIDGET (window), "bank-empty");

  /* imported: nothing recorded yet; six entries wait, the debit is not among them */
  import_and_wait (bank, file);
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
  import_and_wait (bank, file);
  g_assert_cmpuint (rcv_bank_page_get_n_waiting (bank), ==, 0);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM payments"), ==, 6);

  /* a file that is no statement: said, with where, and nothing kept */
  {
    g_autofree char *dir = rcv_test_tmpdir ();
    g_autofree char *bad_path = g_build_filename (dir, "bad.xml", NULL);
    g_autoptr(GFile) bad = NULL;

    rcv_test_write_file (bad_path, "<Document><oops></Document>");
    bad = g_file_new_for_path (bad_path);
    import_and_wait (bank, bad);
    rcv_ui_wait_for_label (window, "The statement was not imported");
    g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM bank_entries"), ==, 7);
  }
  rcv_ui_close_window (window);
}

#ifdef HAVE_XTEST
/* Presses keys on the X server's keyboard (XTEST), modifiers first, as a person does. */
static void
keyboard (KeySym modifier,
          KeySym key)
{
  Display *display = gdk_x11_display_get_xdisplay (gdk_display_get_default ());

  if (modifier != NoSymbol)
    XTestFakeKeyEvent (display, XKeysymToKeycode (display, modifier), True, CurrentTime);
  XTestFakeKeyEvent (display, XKeysymToKeycode (display, key), True, CurrentTime);
  XTestFakeKeyEvent (display, XKeysymToKeycode (display, key), False, CurrentTime);
  if (modifier != NoSymbol)
    XTestFakeKeyEvent (display, XKeysymToKeycode (display, modifier), False, CurrentTime);
  XFlush (display);
  rcv_ui_settle ();
}

static gboolean
is_active (gpointer window)
{
  return gtk_window_is_active (window);
}

static guint
selected (RcvBankPage *bank)
{
  GtkListView *list = rcv_ui_child (bank, "list");

  return gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (list)));
}
#endif

/* Deciding entry after entry by keyboard: arrows through the list, Ctrl+Enter accepts the
 * entry selected, Delete skips it, Enter opens the payment form; the focus stays in the list,
 * on the entry after the one decided. */
static void
test_bank_keys (void)
{
#ifdef HAVE_XTEST
  g_autofree char *path = NULL;
  g_autofree char *camt = fixture_path ("statement.camt053.xml");
  g_autoptr(GFile) file = g_file_new_for_path (camt);
  RcvWindow *window;
  RcvBankPage *bank;
  RcvPaymentEditor *editor;
  GtkWidget *list;

  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_test_skip ("not on an X server: no XTEST to press keys with");
      return;
    }
  path = open_company ();
  window = rcv_ui_open_window (path);
  bank = show_bank (window);
  import_and_wait (bank, file);
  g_assert_cmpuint (rcv_bank_page_get_n_waiting (bank), ==, 6);
  gtk_window_present (GTK_WINDOW (window));
  rcv_test_wait_until (is_active, window);
  list = rcv_ui_child (bank, "list");
  gtk_widget_grab_focus (list);
  rcv_ui_settle ();

  /* the certain four first, then the suggestion, then the unknown payer */
  for (int i = 0; i < 4; i++)
    keyboard (NoSymbol, XK_Down);
  g_assert_cmpuint (selected (bank), ==, 4);
  keyboard (XK_Control_L, XK_Return);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM payments"), ==, 1);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM bank_entries"
                                           " WHERE decision = 'suggest' AND status = 'applied'"),
                   ==, 1);
  g_assert_cmpuint (rcv_bank_page_get_n_waiting (bank), ==, 5);
  g_assert_cmpuint (selected (bank), ==, 4);
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)), list));

  keyboard (NoSymbol, XK_Delete);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM bank_entries"
                                           " WHERE decision = 'none' AND status = 'skipped'"),
                   ==, 1);
  g_assert_cmpuint (rcv_bank_page_get_n_waiting (bank), ==, 4);
  rcv_ui_wait_for_label (window, "Entry skipped");

  keyboard (NoSymbol, XK_Up);
  keyboard (NoSymbol, XK_Return);
  editor = rcv_ui_find_toplevel (RCV_TYPE_PAYMENT_EDITOR);
  g_assert_nonnull (editor);
  gtk_window_destroy (GTK_WINDOW (editor));
  rcv_ui_settle ();
  rcv_ui_close_window (window);
#else
  g_test_skip ("built without XTEST: no keys to press");
#endif
}

/* A CSV export of unknown columns opens the columns dialog: Import with no date chosen says so
 * and stays; the columns chosen are kept for the account, the file imported, and the account's
 * next export is read without asking. */
static void
test_bank_columns (void)
{
  g_autofree char *path = open_company ();
  g_autofree char *csv = fixture_path ("unknown-columns.csv");
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  RcvWindow *window = rcv_ui_open_window (path);
  RcvBankPage *bank = show_bank (window);
  RcvBankColumnsDialog *dialog;
  static const struct { RcvBankColumn column; guint cell; } chosen[] = {
    { RCV_BANK_COLUMN_DATE, 0 }, { RCV_BANK_COLUMN_NAME, 2 }, { RCV_BANK_COLUMN_IBAN, 3 },
    { RCV_BANK_COLUMN_TEXT, 4 }, { RCV_BANK_COLUMN_AMOUNT, 5 }, { RCV_BANK_COLUMN_REFERENCE, 6 },
  };

  import_and_wait (bank, file);
  dialog = rcv_ui_find_toplevel (RCV_TYPE_BANK_COLUMNS_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM bank_entries"), ==, 0);
  rcv_ui_screenshot (GTK_WIDGET (dialog), "bank-columns");

  /* nothing chosen: said, and the dialog stays */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "columns.import", NULL));
  rcv_ui_settle ();
  g_assert_nonnull (rcv_ui_find_toplevel (RCV_TYPE_BANK_COLUMNS_DIALOG));
  g_assert_nonnull (strstr (rcv_bank_columns_dialog_get_problem (dialog), "booking date"));

  /* the amount chosen for two columns: said too */
  adw_combo_row_set_selected (rcv_bank_columns_dialog_get_row (dialog, RCV_BANK_COLUMN_DATE), 6);
  adw_combo_row_set_selected (rcv_bank_columns_dialog_get_row (dialog, RCV_BANK_COLUMN_AMOUNT),
                              6);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "columns.import", NULL));
  rcv_ui_settle ();
  g_assert_nonnull (strstr (rcv_bank_columns_dialog_get_problem (dialog), "cannot be both"));

  for (guint i = 0; i < G_N_ELEMENTS (chosen); i++)
    adw_combo_row_set_selected (rcv_bank_columns_dialog_get_row (dialog, chosen[i].column),
                                chosen[i].cell + 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "columns.import", NULL));
  rcv_ui_settle ();
  g_assert_null (rcv_ui_find_toplevel (RCV_TYPE_BANK_COLUMNS_DIALOG));
  rcv_test_wait_until (not_importing, bank);
  rcv_ui_settle ();
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM bank_csv_columns"), ==, 6);
  g_assert_cmpuint (rcv_bank_page_get_n_waiting (bank), ==, 6);
  rcv_ui_wait_for_label (window, "4 certain, 1 to confirm, 1 unknown, 1 skipped");

  /* the account's next export: read by the columns kept, no dialog */
  {
    g_autofree char *dir = rcv_test_tmpdir ();
    g_autofree char *next_path = g_build_filename (dir, "next.csv", NULL);
    g_autoptr(GFile) next = NULL;

    rcv_test_write_file (next_path, "Konto: DE02 1203 0000 0000 2020 51\n"
                                    "Buchung;Summe;Text;Ref\n"
                                    "05.03.2026;42,00;Spende;B010\n");
    next = g_file_new_for_path (next_path);
    import_and_wait (bank, next);
    g_assert_null (rcv_ui_find_toplevel (RCV_TYPE_BANK_COLUMNS_DIALOG));
    g_assert_cmpuint (rcv_bank_page_get_n_waiting (bank), ==, 7);
  }
  rcv_ui_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  rcv_ui_init (&argc, &argv);
  g_test_add_func ("/ui/bank/page", test_bank_page);
  g_test_add_func ("/ui/bank/keys", test_bank_keys);
  g_test_add_func ("/ui/bank/columns", test_bank_columns);
  return rcv_ui_run ();
}
