/* test-ui-german.c - the window in German (the ui-de test: RCV_TEST_LOCALE=de_DE.UTF-8, the
 * translations as built)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "rcv-bank-columns-dialog.h"
#include "rcv-bank-page.h"
#include "rcv-company.h"
#include "rcv-policy-editor.h"
#include "rcv-customer-list.h"
#include "rcv-customer-row.h"
#include "rcv-invoice-editor.h"
#include "rcv-ledger.h"
#include "rcv-mail-account.h"
#include "rcv-mail-batch-dialog.h"
#include "rcv-preferences-window.h"
#include "rcv-reminders-page.h"
#include "rcv-ui-fixture.h"

static gboolean
bank_idle (gpointer bank)
{
  return !rcv_bank_page_is_importing (bank);
}

static const char *
page_title (RcvWindow  *window,
            const char *name)
{
  AdwViewStack *stack = rcv_ui_child (window, "view_stack");

  return adw_view_stack_page_get_title (adw_view_stack_get_page (stack,
                                          adw_view_stack_get_child_by_name (stack, name)));
}

/* The window in German (the ui-de test runs this one with RCV_TEST_LOCALE=de_DE.UTF-8): German
 * words from the translations, and money and dates as Germans write them. */
static void
test_german (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  const char *locale = setlocale (LC_MESSAGES, NULL);
  RcvWindow *window;
  gpointer overview, customers, invoices;
  gint64 customer;

  if (locale == NULL || !g_str_has_prefix (locale, "de_DE"))
    {
      g_test_skip ("not in the German locale: the ui-de test runs this one");
      return;
    }
  db = rcv_test_open_new (&path);
  g_assert_true (rcv_database_set_currency (db, "EUR", &error));
  g_assert_no_error (error);
  g_assert_true (rcv_company_set (db, RCV_COMPANY_NAME, "Muster GmbH", NULL));
  customer = rcv_test_customer (db, "K1", "Erste Kundin");
  rcv_test_customer (db, "K2", "Zeta Handel");
  rcv_test_customer (db, "K3", "Brightside Media");
  rcv_test_customer (db, "K4", "Bäckerei Krume");
  rcv_test_invoice (db, customer, "R-1", "2026-01-05", "2026-02-04", 123456);
  {
    g_autoptr(RcvMailAccount) account = rcv_mail_account_new ();

    rcv_test_set_email (db, customer, "buchhaltung@erste.example");
    account->from = g_strdup ("mahnwesen@muster.example");
    account->security = RCV_MAIL_STARTTLS;
    g_assert_true (rcv_mail_account_parse_server (account, "smtp.muster.example", &error));
    account->port = 587;
    g_assert_true (rcv_mail_account_save (db, account, &error));
    g_assert_no_error (error);
  }
  g_clear_object (&db);

  window = rcv_ui_open_window (path);
  rcv_ui_wait_for_content (window, "ledger");
  rcv_ui_wait_for_page_stack (rcv_ui_child (window, "overview_page"), "figures");
  g_assert_cmpstr (page_title (window, "overview"), ==, "Übersicht");
  g_assert_cmpstr (page_title (window, "customers"), ==, "Kunden");
  g_assert_cmpstr (page_title (window, "invoices"), ==, "Rechnungen");
  g_assert_cmpstr (page_title (window, "payments"), ==, "Zahlungen");
  g_assert_cmpstr (page_title (window, "reminders"), ==, "Mahnungen");
  /* the total outstanding in the overview's figures */
  overview = rcv_ui_child (window, "overview_page");
  g_assert_nonnull (rcv_ui_find_label (rcv_ui_child (overview, "figures_box"), "1.234,56 €"));
  rcv_ui_screenshot (GTK_WIDGET (window), "overview-de");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "customers");
  customers = rcv_ui_child (window, "customers_page");
  rcv_ui_wait_for_page_stack (customers, "list");
  rcv_ui_settle ();
  g_assert_nonnull (rcv_ui_find_label (rcv_ui_child (customers, "column_view"), "1.234,56 €"));
  g_assert_nonnull (rcv_ui_find_label (rcv_ui_child (customers, "column_view"), "Erste Kundin"));
  /* sorted by name as the locale collates (the header's arrow on Name): Bäckerei before
   * Brightside, not after as bytes would have it */
  {
    GListModel *rows = G_LIST_MODEL (rcv_ui_child (customers, "selection"));
    const char *expected[] = { "Bäckerei Krume", "Brightside Media", "Erste Kundin",
                               "Zeta Handel" };

    rcv_ui_wait_for_n_items (rows, 4);
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        g_autoptr(RcvCustomerItem) item = g_list_model_get_item (rows, i);

        g_assert_cmpstr (rcv_customer_item_get_name (item), ==, expected[i]);
      }
  }

  /* the customer's page over the pages: German words, the banner of an account on hold */
  {
    RcvCustomerPage *account = rcv_ui_open_customer (window, customer);

    g_assert_cmpstr (gtk_widget_get_tooltip_text (rcv_ui_child (account, "back_button")), ==,
                     "Zurück zu den Kunden");
    g_assert_true (g_str_has_prefix (gtk_label_get_text (rcv_ui_child (account, "hold_label")),
                                     "Gesperrt: "));
    rcv_ui_screenshot (GTK_WIDGET (window), "customer-de");
    rcv_ui_close_customer (window);
  }

  /* the customer field of a new invoice finds "Bäckerei" typed without its accent */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-invoice", NULL));
  rcv_ui_settle ();
  {
    RcvInvoiceEditor *editor = rcv_ui_find_toplevel (RCV_TYPE_INVOICE_EDITOR);
    RcvCustomerRow *row = rcv_ui_child (editor, "customer_row");
    g_autoptr(RcvCustomerItem) first = NULL;

    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                     "Kunde (Name oder Nummer)");
    gtk_widget_grab_focus (GTK_WIDGET (row));
    rcv_ui_type_into (row, "backerei");
    rcv_ui_settle ();
    g_assert_true (rcv_customer_row_get_popup_shown (row));
    first = g_list_model_get_item (rcv_customer_row_get_matches (row), 0);
    g_assert_cmpstr (rcv_customer_item_get_name (first), ==, "Bäckerei Krume");
    rcv_ui_screenshot (rcv_ui_find_descendant (GTK_WIDGET (row), GTK_TYPE_POPOVER),
                       "customer-matches-de");
    gtk_window_destroy (GTK_WINDOW (editor));
    rcv_ui_settle ();
  }

  /* the Bank page with a statement imported: its words German, its amounts as Germans write */
  {
    g_autofree char *mt940 = g_test_build_filename (G_TEST_DIST, "data", "bank",
                                                    "statement.mt940", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (mt940);
    RcvBankPage *bank = rcv_ui_child (window, "bank_page");

    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "bank");
    g_assert_true (rcv_bank_page_import_file (bank, file));
    rcv_test_wait_until (bank_idle, bank);
    rcv_ui_settle ();
    g_assert_true (g_str_has_prefix (gtk_label_get_text (rcv_ui_child (bank, "summary_label")),
                                     "6 Einträge warten"));
    g_assert_nonnull (rcv_ui_find_label (GTK_WIDGET (bank), "1.190,00 €"));
    rcv_ui_screenshot (GTK_WIDGET (window), "bank-de");

    /* a CSV export of unknown columns: the dialog naming them, in German */
    {
      g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "bank",
                                                    "unknown-columns.csv", NULL);
      g_autoptr(GFile) unknown = g_file_new_for_path (csv);
      GtkWindow *dialog;

      g_assert_true (rcv_bank_page_import_file (bank, unknown));
      rcv_test_wait_until (bank_idle, bank);
      rcv_ui_settle ();
      dialog = rcv_ui_find_toplevel (RCV_TYPE_BANK_COLUMNS_DIALOG);
      g_assert_nonnull (dialog);
      g_assert_cmpstr (gtk_window_get_title (dialog), ==, "Spalten des Bankexports");
      rcv_ui_screenshot (GTK_WIDGET (dialog), "bank-columns-de");
      gtk_window_destroy (dialog);
      rcv_ui_settle ();
    }
  }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "invoices");
  rcv_ui_wait_for_page_stack (rcv_ui_child (window, "invoices_page"), "list");
  rcv_ui_settle ();
  /* the due date as Germans write it */
  invoices = rcv_ui_child (window, "invoices_page");
  g_assert_nonnull (rcv_ui_find_label (rcv_ui_child (invoices, "column_view"), "04.02.2026"));
  rcv_ui_screenshot (GTK_WIDGET (window), "invoices-de");

  /* the letter's level in the window's language: a built-in title is stored as "" and shown
   * translated, whatever language the company was created in */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "reminders");
  {
    gpointer reminders = rcv_ui_child (window, "reminders_page");
    GtkDropDown *level_drop_down = rcv_ui_child (reminders, "level_drop_down");
    g_autoptr(GtkStringObject) level = NULL;

    rcv_ui_wait_for_n_letters (reminders, 1);
    rcv_ui_wait_for_page_stack (reminders, "letters");
    rcv_ui_settle ();
    level = g_list_model_get_item (gtk_drop_down_get_model (level_drop_down), 0);
    g_assert_cmpstr (gtk_string_object_get_string (level), ==,
                     "1. Zahlungserinnerung (ist an der Reihe)");
    rcv_ui_screenshot (GTK_WIDGET (window), "reminders-de");
    /* the letters by e-mail, before they go */
    {
      RcvMailBatchDialog *dialog = rcv_reminders_page_send_email (reminders);

      rcv_ui_settle ();
      g_assert_cmpstr (gtk_label_get_text (rcv_ui_child (dialog, "heading_label")), ==,
                       "1 Brief per E-Mail senden?");
      rcv_ui_screenshot (GTK_WIDGET (dialog), "mail-letters-de");
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  }
  /* the outgoing mail account in Preferences */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  rcv_ui_settle ();
  {
    RcvPreferencesWindow *preferences = rcv_ui_find_toplevel (RCV_TYPE_PREFERENCES_WINDOW);

    adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences),
                                             rcv_ui_child (preferences, "mail_page"));
    rcv_ui_settle ();
    g_assert_nonnull (rcv_ui_find_label (GTK_WIDGET (preferences), "Postausgang"));
    rcv_ui_screenshot (GTK_WIDGET (preferences), "mail-preferences-de");
    gtk_window_destroy (GTK_WINDOW (preferences));
  }
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM reminder_levels"
                                           " WHERE title <> ''"), ==, 0);
  {
    RcvPolicyEditor *editor = rcv_policy_editor_new (GTK_WINDOW (window),
                                                     rcv_window_get_database (window), 0,
                                                     &error);

    g_assert_no_error (error);
    gtk_window_set_default_size (GTK_WINDOW (editor), 600, 1100);
    gtk_window_present (GTK_WINDOW (editor));
    rcv_ui_settle ();
    rcv_ui_screenshot (GTK_WIDGET (editor), "policy-editor-de");
    gtk_window_destroy (GTK_WINDOW (editor));
  }

  rcv_ui_close_window (window);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  rcv_ui_init (&argc, &argv);
  g_test_add_func ("/ui/german", test_german);
  return rcv_ui_run ();
}
