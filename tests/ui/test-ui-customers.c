/* test-ui-customers.c - the Customers page, the customer form, the customer's page and its
 * collections, and the window beside receivables-cli on one file
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "rcv-collections-report.h"
#include "rcv-collections.h"
#include "rcv-company.h"
#include "rcv-customer-editor.h"
#include "rcv-customer-page.h"
#include "rcv-customers-page.h"
#include "rcv-date.h"
#include "rcv-invoice-editor.h"
#include "rcv-ledger.h"
#include "rcv-open-items.h"
#include "rcv-preferences-window.h"
#include "rcv-number-list.h"
#include "rcv-ui-fixture.h"

static void
test_create_customer (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvCustomer) stored = NULL;
  g_autoptr(GError) error = NULL;
  RcvWindow *window;
  RcvCustomerEditor *editor;
  gpointer customers;
  GListModel *rows;

  /* a company with a name and one customer skips the welcome */
  g_assert_true (rcv_company_set (db, RCV_COMPANY_NAME, "Test GmbH", NULL));
  rcv_test_customer (db, "K1", "Erste Kundin");
  window = rcv_ui_open_window (path);
  rcv_ui_wait_for_content (window, "ledger");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "customers");
  customers = rcv_ui_child (window, "customers_page");
  rcv_ui_wait_for_page_stack (customers, "list");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-customer", NULL));
  rcv_ui_settle ();
  editor = rcv_ui_find_toplevel (RCV_TYPE_CUSTOMER_EDITOR);
  g_assert_nonnull (editor);
  g_assert_false (gtk_widget_is_sensitive (rcv_ui_child (editor, "save_button")));
  /* the next ID is proposed (after K1, K2); the focus is in the name, its text not selected */
  g_assert_cmpstr (gtk_editable_get_text (rcv_ui_child (editor, "code_row")), ==, "K2");
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (editor)),
                                         rcv_ui_child (editor, "name_row")));
  /* the policy chosen shows whole, as the row's subtitle */
  g_assert_true (adw_combo_row_get_use_subtitle (rcv_ui_child (editor, "policy_row")));

  /* a taken ID is refused by the core and shown on the ID field */
  rcv_ui_type_into (rcv_ui_child (editor, "code_row"), "K1");
  rcv_ui_type_into (rcv_ui_child (editor, "name_row"), "Müller & Söhne <KG>");
  rcv_ui_type_into (rcv_ui_child (editor, "email_row"), "not an address");
  g_assert_nonnull (rcv_customer_editor_get_problem (editor));
  g_assert_nonnull (strstr (rcv_customer_editor_get_problem (editor), "Email"));
  g_assert_false (gtk_widget_is_sensitive (rcv_ui_child (editor, "save_button")));
  rcv_ui_type_into (rcv_ui_child (editor, "email_row"), "buchhaltung@mueller.example");
  g_assert_null (rcv_customer_editor_get_problem (editor));
  g_assert_true (gtk_widget_is_sensitive (rcv_ui_child (editor, "save_button")));
  rcv_ui_type_into (rcv_ui_child (editor, "terms_row"), "14");
  rcv_ui_type_into (rcv_ui_child (editor, "limit_row"), "2500.50");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (rcv_ui_child (editor, "address_view")),
                            "Hauptstraße 5\n80331 München", -1);
  rcv_ui_screenshot (GTK_WIDGET (editor), "customer-editor");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  rcv_ui_settle ();
  g_assert_nonnull (strstr (rcv_customer_editor_get_problem (editor), "already exists"));
  g_assert_true (gtk_widget_has_css_class (rcv_ui_child (editor, "code_row"), "error"));

  rcv_ui_type_into (rcv_ui_child (editor, "code_row"), "K2");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  rcv_ui_settle ();
  g_assert_null (rcv_ui_find_toplevel (RCV_TYPE_CUSTOMER_EDITOR));
  /* the commit is confirmed in a toast */
  rcv_ui_wait_for_label (window, "Customer saved");

  /* in the file, exactly as typed */
  stored = rcv_ledger_find_customer (db, "K2", &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_cmpstr (stored->name, ==, "Müller & Söhne <KG>");
  g_assert_cmpstr (stored->email, ==, "buchhaltung@mueller.example");
  g_assert_cmpstr (stored->address, ==, "Hauptstraße 5\n80331 München");
  g_assert_cmpint (stored->terms_days, ==, 14);
  g_assert_cmpint (stored->credit_limit, ==, 250050);

  /* and in the list, after the reload the save asked for */
  rows = G_LIST_MODEL (rcv_ui_child (customers, "selection"));
  rcv_ui_wait_for_n_items (rows, 2);

  /* archiving hides it from the list, with an undo */
  rcv_customers_page_edit_customer (customers, stored->id);
  rcv_ui_settle ();
  editor = rcv_ui_find_toplevel (RCV_TYPE_CUSTOMER_EDITOR);
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_editable_get_text (rcv_ui_child (editor, "name_row")), ==,
                   "Müller & Söhne <KG>");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.archive", NULL);
  rcv_ui_settle ();
  rcv_ui_wait_for_n_items (rows, 1);
  g_clear_pointer (&stored, rcv_customer_free);
  stored = rcv_ledger_find_customer (db, "K2", NULL);
  g_assert_true (stored->archived);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.unarchive-customer", "x",
                                             stored->id));
  rcv_ui_wait_for_n_items (rows, 2);

  rcv_ui_close_window (window);
  g_unlink (path);
}

static AdwMessageDialog *
open_dialog (gpointer    window,
             const char *action)
{
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  rcv_ui_settle ();
  dialog = rcv_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  return dialog;
}

/* The entry rows of a dialog, in order. */
static void
collect_entry_rows (GtkWidget *widget,
                    GPtrArray *rows)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      if (ADW_IS_ENTRY_ROW (c))
        g_ptr_array_add (rows, c);
      else
        collect_entry_rows (c, rows);
    }
}

static GtkWidget *
entry_row_of (AdwMessageDialog *dialog,
              guint             index)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_entry_rows (adw_message_dialog_get_extra_child (dialog), rows);
  g_assert_cmpuint (index, <, rows->len);
  return g_ptr_array_index (rows, index);
}

/* Answers a dialog as its button would: the response, then the dialog closes. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  rcv_ui_settle ();
}

/* Scrolls a window's page to the group with this title. */
static void
scroll_to_group (gpointer    window,
                 const char *title)
{
  GtkWidget *box = rcv_ui_child (window, "groups_box");
  GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (box,
                                                       GTK_TYPE_SCROLLED_WINDOW));

  for (GtkWidget *group = gtk_widget_get_first_child (box); group != NULL;
       group = gtk_widget_get_next_sibling (group))
    if (g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), title) == 0)
      {
        graphene_point_t point;

        g_assert_true (gtk_widget_compute_point (group, box, &GRAPHENE_POINT_INIT (0, 0),
                                                 &point));
        gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scrolled), point.y);
        rcv_ui_settle ();
        return;
      }
  g_assert_not_reached ();
}

/* Collections on the customer's page: the advice arrives from its worker thread; a contact, a
 * payment plan and a hand-over go through their dialogs into the file and the page; an
 * invoice is disputed from its viewer; Preferences edit the curve; the customer list sorts by
 * payer behaviour. */
static void
test_collections (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) report = NULL;
  g_autoptr(GPtrArray) open = NULL;
  RcvWindow *window = rcv_ui_open_sample (&path);
  RcvDatabase *db = rcv_window_get_database (window);
  const RcvCollectionsAccount *urgent;
  g_autofree char *suggested = NULL;
  RcvCustomerPage *account;
  AdwMessageDialog *dialog;
  RcvInvoiceEditor *viewer;
  RcvPreferencesWindow *preferences;
  gpointer chooser;
  GDate today;

  rcv_date_set_today (&today);
  report = rcv_collections_report (db, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->len, >, 0);
  urgent = g_ptr_array_index (report, 0);

  account = rcv_ui_open_customer (window, urgent->customer_id);
  rcv_ui_wait_for_label (account, "Advice: ");
  g_assert_nonnull (rcv_ui_find_label (GTK_WIDGET (account), urgent->reasoning));
  g_assert_nonnull (rcv_ui_find_label (GTK_WIDGET (account), "Payer behaviour, last 12 months"));
  g_assert_nonnull (rcv_ui_find_label (GTK_WIDGET (account), "Through an agency now"));

  /* a call logged: in the file and in the page's history */
  dialog = open_dialog (account, "account.log-contact");
  rcv_ui_type_into (entry_row_of (dialog, 0), "Promised to call back on Friday");
  respond (dialog, "save");
  rcv_ui_wait_for_label (account, "Promised to call back on Friday");
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM contacts WHERE kind = 'call'"),
                   ==, 1);

  /* a plan: refused while the amount is not one, then three instalments */
  dialog = open_dialog (account, "account.add-plan");
  rcv_ui_type_into (entry_row_of (dialog, 0), "abc");
  rcv_ui_settle ();
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  rcv_ui_type_into (entry_row_of (dialog, 0), "300.00");
  rcv_ui_settle ();
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  rcv_ui_screenshot (GTK_WIDGET (dialog), "payment-plan");
  respond (dialog, "save");
  rcv_ui_wait_for_label (account, "Payment plan since");
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM plan_instalments"), ==, 3);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT sum (amount) FROM plan_instalments"), ==,
                   30000);
  rcv_ui_wait_for_label (account, "Payer behaviour");
  scroll_to_group (account, "Collections");
  rcv_ui_screenshot (GTK_WIDGET (account), "customer-collections");

  /* the hand-over: refused without an agency */
  dialog = open_dialog (account, "account.hand-over");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  rcv_ui_type_into (entry_row_of (dialog, 0), "Inkasso Nord");
  rcv_ui_settle ();
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  respond (dialog, "save");
  rcv_ui_wait_for_label (account, "With Inkasso Nord since");
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT commission_bp FROM collection_accounts"
                                           " WHERE agency = 'Inkasso Nord'"), ==, 2500);

  /* Export for the Agency… asks for the summary's PDF, named after the customer; cancelled,
   * it leaves no chooser behind (under Xvfb without a window manager, a chooser once shown
   * leaves later key presses astray; the keyboard walk runs in a program of its own) */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (account), "account.export-agency",
                                             NULL));
  rcv_test_wait_until (rcv_ui_toplevel_is_shown, GSIZE_TO_POINTER (GTK_TYPE_FILE_CHOOSER_DIALOG));
  chooser = rcv_ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (chooser), ==, "Export for the Agency");
  suggested = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_true (g_str_has_suffix (suggested, " for the agency.pdf"));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  rcv_ui_settle ();
  g_assert_null (rcv_ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  rcv_ui_close_customer (window);

  /* a dispute from the invoice's viewer */
  open = rcv_open_items_list (db, urgent->customer_id, RCV_INVOICE_KIND_INVOICE, &error);
  g_assert_no_error (error);
  viewer = rcv_invoice_editor_new_viewer (GTK_WINDOW (window), db,
                                          ((RcvOpenItem *) g_ptr_array_index (open, 0))->id,
                                          &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (viewer));
  rcv_ui_settle ();
  g_assert_true (gtk_widget_get_visible (rcv_ui_child (viewer, "dispute_button")));
  g_assert_false (gtk_widget_get_visible (rcv_ui_child (viewer, "dispute_row")));
  dialog = open_dialog (viewer, "editor.dispute");
  rcv_ui_type_into (rcv_ui_find_descendant (adw_message_dialog_get_extra_child (dialog),
                                            GTK_TYPE_ENTRY),
                    "Delivered damaged");
  respond (dialog, "dispute");
  g_assert_true (gtk_widget_get_visible (rcv_ui_child (viewer, "dispute_row")));
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM disputes"
                                           " WHERE resolved_on IS NULL"), ==, 1);
  rcv_ui_screenshot (GTK_WIDGET (viewer), "invoice-disputed");
  gtk_window_destroy (GTK_WINDOW (viewer));

  /* the curve in Preferences, a row per point: a bad one refused, a good one kept */
  preferences = rcv_preferences_window_new (GTK_WINDOW (window), db);
  gtk_window_present (GTK_WINDOW (preferences));
  rcv_ui_settle ();
  {
    RcvNumberList *curve = rcv_ui_child (preferences, "curve_list");
    RcvCollectability kept;
    g_autofree char *text = NULL;

    g_assert_cmpuint (rcv_number_list_get_n_rows (curve), ==, 4);
    g_assert_cmpint (gtk_spin_button_get_value_as_int (rcv_number_list_get_spin (curve, 1, 0)),
                     ==, 180);
    g_assert_cmpint (gtk_spin_button_get_value_as_int (rcv_number_list_get_spin (curve, 1, 1)),
                     ==, 50);
    /* days that go back are refused, marked, and the file keeps its curve */
    gtk_spin_button_set_value (rcv_number_list_get_spin (curve, 1, 0), 60);
    rcv_test_wait_until (rcv_ui_is_marked, curve);
    rcv_collections_get_curve (db, &kept);
    text = rcv_collectability_format (&kept);
    g_assert_cmpstr (text, ==, "90:73,180:50,365:25,730:10");
    /* two points left, 60:80 and 365:30 */
    rcv_number_list_remove_row (curve, 3);
    rcv_number_list_remove_row (curve, 2);
    gtk_spin_button_set_value (rcv_number_list_get_spin (curve, 0, 0), 60);
    gtk_spin_button_set_value (rcv_number_list_get_spin (curve, 0, 1), 80);
    gtk_spin_button_set_value (rcv_number_list_get_spin (curve, 1, 0), 365);
    gtk_spin_button_set_value (rcv_number_list_get_spin (curve, 1, 1), 30);
    rcv_test_wait_until (rcv_ui_is_unmarked, curve);
    rcv_collections_get_curve (db, &kept);
    g_free (text);
    text = rcv_collectability_format (&kept);
    g_assert_cmpstr (text, ==, "60:80,365:30");
  }
  gtk_window_destroy (GTK_WINDOW (preferences));

  /* the customer list sorts by payer behaviour */
  {
    RcvCustomersPage *customers = rcv_ui_child (window, "customers_page");
    GListModel *columns = gtk_column_view_get_columns (rcv_ui_child (customers, "column_view"));
    GtkColumnViewColumn *late = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
      {
        g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

        if (g_strcmp0 (gtk_column_view_column_get_title (column), "Avg. Days Late") == 0)
          late = column;
      }
    g_assert_nonnull (late);
    g_assert_nonnull (gtk_column_view_column_get_sorter (late));
    adw_view_stack_set_visible_child_name (rcv_ui_child (window, "view_stack"), "customers");
    gtk_column_view_sort_by_column (rcv_ui_child (customers, "column_view"), late,
                                    GTK_SORT_DESCENDING);
    rcv_ui_settle ();
    rcv_ui_screenshot (GTK_WIDGET (window), "customers-by-lateness");
  }

  rcv_ui_close_window (window);
  g_unlink (path);
}

static char *
run_cli (const char *path,
         const char *command,
         const char *argument,
         const char *file)
{
  const char *argv[] = { g_getenv ("RCV_CLI"), "--database", path, command, argument, file,
                         NULL };

  g_assert_nonnull (argv[0]);
  return rcv_test_run (argv);
}

static RcvCustomerEditor *
new_customer_typed (RcvWindow  *window,
                    const char *code,
                    const char *name)
{
  RcvCustomerEditor *editor;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-customer", NULL));
  rcv_ui_settle ();
  editor = rcv_ui_find_toplevel (RCV_TYPE_CUSTOMER_EDITOR);
  g_assert_nonnull (editor);
  rcv_ui_type_into (rcv_ui_child (editor, "code_row"), code);
  rcv_ui_type_into (rcv_ui_child (editor, "name_row"), name);
  g_assert_null (rcv_customer_editor_get_problem (editor));
  return editor;
}

/* The window and the command line on one file, as the daily timer and a script use it: the
 * window's pages read through worker connections, the real receivables-cli reads and writes
 * beside it, and what the window saves afterwards is in the file. A save that cannot be
 * written (another program holds the file) keeps the form open with the reason. */
static void
test_shared_with_cli (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *csv = g_build_filename (dir, "from-cli.csv", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *out = NULL;
  RcvWindow *window;
  RcvCustomerEditor *editor;
  gpointer customers;
  GListModel *rows;
  sqlite3 *holder = NULL;

  g_assert_true (rcv_company_set (db, RCV_COMPANY_NAME, "Geteilt GmbH", NULL));
  rcv_test_customer (db, "K1", "Erste Kundin");
  /* the window's connection is the process's only one, as in the app */
  g_clear_object (&db);
  window = rcv_ui_open_window (path);
  rcv_ui_wait_for_content (window, "ledger");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "customers");
  customers = rcv_ui_child (window, "customers_page");
  rcv_ui_wait_for_page_stack (customers, "list");
  g_assert_true (rcv_test_holds_lock (path));

  out = run_cli (path, "export", "invoices", "-");
  g_clear_pointer (&out, g_free);
  out = run_cli (path, "aging", NULL, NULL);
  g_clear_pointer (&out, g_free);
  rcv_test_write_file (csv, "id,name\nK2,Vom Skript\n");
  out = run_cli (path, "import", "customers", csv);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (rcv_test_holds_lock (path));

  editor = new_customer_typed (window, "K3", "Aus dem Fenster");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  rcv_ui_settle ();
  g_assert_null (rcv_ui_find_toplevel (RCV_TYPE_CUSTOMER_EDITOR));
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM customers WHERE code = 'K3'"),
                   ==, 1);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM customers"), ==, 3);
  rows = G_LIST_MODEL (rcv_ui_child (customers, "selection"));
  rcv_ui_wait_for_n_items (rows, 3);
  rcv_ui_wait_for_page_stack (customers, "list");

  /* another program writing for longer than the window waits: nothing is reported saved */
  g_assert_cmpint (sqlite3_open (path, &holder), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder, "BEGIN EXCLUSIVE; INSERT INTO settings (key, value)"
                                 " VALUES ('held', 'by another program')", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  editor = new_customer_typed (window, "K4", "Nicht gespeichert");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  rcv_ui_settle ();
  g_assert_true (rcv_ui_find_toplevel (RCV_TYPE_CUSTOMER_EDITOR) == editor);
  g_assert_nonnull (strstr (rcv_customer_editor_get_problem (editor), "locked"));
  sqlite3_exec (holder, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (holder);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  rcv_ui_settle ();
  g_assert_null (rcv_ui_find_toplevel (RCV_TYPE_CUSTOMER_EDITOR));
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM customers WHERE code = 'K4'"),
                   ==, 1);

  rcv_ui_close_window (window);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  rcv_ui_init (&argc, &argv);
  g_test_add_func ("/ui/create-customer", test_create_customer);
  g_test_add_func ("/ui/collections", test_collections);
  g_test_add_func ("/ui/shared-with-cli", test_shared_with_cli);
  return rcv_ui_run ();
}
