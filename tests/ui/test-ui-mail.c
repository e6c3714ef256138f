/* test-ui-mail.c - e-mail in the window: the outgoing account in Preferences and its test
 * message, the chosen letters and a batch of statements sent through a real SMTP server on
 * the loopback (tests/smtp-server.py), a batch cut short, the log on the customer's page, and
 * a letter and a statement handed to the mail app through a stand-in Email portal
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rcv-company.h"
#include "rcv-customer-page.h"
#include "rcv-customers-page.h"
#include "rcv-fake-email-portal.h"
#include "rcv-ledger.h"
#include "rcv-mail-account.h"
#include "rcv-mail-batch-dialog.h"
#include "rcv-mail-page.h"
#include "rcv-preferences-window.h"
#include "rcv-reminders-page.h"
#include "rcv-spin-row.h"
#include "rcv-statement-dialog.h"
#include "rcv-test-smtp.h"
#include "rcv-ui-fixture.h"

#define SENDER "buchhaltung@beispiel-handel.example"

static char *
data_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "mail", name, NULL);
}

/* The test authority's certificate, and the password as a timer would have it. */
static void
use_test_authority (void)
{
  g_autofree char *ca = data_file ("ca.pem");

  g_setenv ("RECEIVABLES_SMTP_CA_FILE", ca, TRUE);
  g_setenv ("RECEIVABLES_SMTP_PASSWORD", "geheim", TRUE);
}

static gboolean
start_starttls (RcvTestSmtp *server,
                const char  *first_option,
                const char  *second_option)
{
  g_autofree char *cert = data_file ("server.pem");
  g_autofree char *key = data_file ("server.key");

  use_test_authority ();
  return rcv_test_smtp_start (server, "--starttls", cert, key, "--auth", "buchhaltung:geheim",
                              first_option, second_option, NULL);
}

/* Four customers with an overdue invoice each, three with an address; the account set up
 * when `server` is given. */
static char *
company_new (RcvTestSmtp *server,
             gint64      *customers)
{
  static const char *const names[] = { "Müller & Söhne GmbH", "Brightside <Ltd>",
                                       "Atelier Dubois", "Ohne Adresse KG" };
  static const char *const emails[] = { "buchhaltung@mueller.example", "ap@brightside.example",
                                        "compta@dubois.example", NULL };
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);

  g_assert_true (rcv_database_set_currency (db, "EUR", &error));
  g_assert_true (rcv_company_set (db, RCV_COMPANY_NAME, "Beispiel Handel GmbH", &error));
  g_assert_true (rcv_company_set (db, RCV_COMPANY_IBAN, "DE89370400440532013000", &error));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *code = g_strdup_printf ("K%u", i + 1);
      g_autofree char *number = g_strdup_printf ("2026-%04u", i + 1);

      customers[i] = rcv_test_customer (db, code, names[i]);
      if (emails[i] != NULL)
        rcv_test_set_email (db, customers[i], emails[i]);
      rcv_test_invoice (db, customers[i], number, "2026-09-01", "2026-10-01", 10000 * (i + 1));
    }
  if (server != NULL)
    {
      g_autoptr(RcvMailAccount) account = rcv_mail_account_new ();
      g_autofree char *address = g_strdup_printf ("127.0.0.1:%u", server->port);

      account->from = g_strdup (SENDER);
      account->security = RCV_MAIL_STARTTLS;
      g_free (account->user);
      account->user = g_strdup ("buchhaltung");
      g_assert_true (rcv_mail_account_parse_server (account, address, &error));
      g_assert_true (rcv_mail_account_save (db, account, &error));
      g_assert_no_error (error);
    }
  return path;
}

static gboolean
batch_done (gpointer dialog)
{
  return rcv_mail_batch_dialog_get_report (dialog) != NULL ||
         (!rcv_mail_batch_dialog_is_sending (dialog) &&
          g_strcmp0 (gtk_label_get_text (rcv_ui_child (dialog, "heading_label")),
                     "Nothing Could Be Sent") == 0);
}

static gboolean
mail_page_idle (gpointer page)
{
  return !rcv_mail_page_is_busy (page);
}

static RcvRemindersPage *
show_reminders (RcvWindow *window,
                guint      n_letters)
{
  RcvRemindersPage *reminders;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s",
                                             "reminders"));
  reminders = rcv_ui_child (window, "reminders_page");
  rcv_ui_wait_for_n_letters (reminders, n_letters);
  rcv_ui_wait_for_page_stack (reminders, "letters");
  return reminders;
}

/* Preferences, E-mail: plain text to a server elsewhere refused, the field marked and nothing
 * written; the account saved; the test message received by the server. */
static void
test_preferences (void)
{
  RcvTestSmtp server = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *address = NULL;
  g_autofree char *message = NULL;
  gint64 customers[4];
  RcvPreferencesWindow *preferences;
  RcvMailPage *page;
  RcvWindow *window;

  if (!start_starttls (&server, NULL, NULL))
    return;
  path = company_new (NULL, customers);
  window = rcv_ui_open_window (path);
  rcv_ui_wait_for_content (window, "ledger");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  rcv_ui_settle ();
  preferences = rcv_ui_find_toplevel (RCV_TYPE_PREFERENCES_WINDOW);
  page = rcv_ui_child (preferences, "mail_page");
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences),
                                           ADW_PREFERENCES_PAGE (page));

  /* plain text to a server that is not this computer: refused, marked, nothing written */
  rcv_ui_type_into (rcv_ui_child (page, "from_row"), SENDER);
  rcv_ui_type_into (rcv_ui_child (page, "server_row"), "smtp.beispiel-handel.example");
  adw_combo_row_set_selected (rcv_ui_child (page, "security_row"), 2);
  g_assert_false (rcv_mail_page_save (page, NULL));
  g_assert_true (gtk_widget_get_visible (rcv_ui_child (page, "problem_label")));
  g_assert_nonnull (strstr (gtk_label_get_text (rcv_ui_child (page, "problem_label")),
                            "never in plain text"));
  g_assert_true (rcv_ui_is_marked (rcv_ui_child (page, "security_row")));
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM settings WHERE key ="
                                           " 'mail.server'"), ==, 0);

  /* a sender that is no address: that field marked */
  rcv_ui_type_into (rcv_ui_child (page, "from_row"), "buchhaltung");
  g_assert_false (rcv_mail_page_save (page, NULL));
  g_assert_true (rcv_ui_is_marked (rcv_ui_child (page, "from_row")));

  /* STARTTLS to the loopback server, its port typed with the host: saved, and tested */
  rcv_ui_type_into (rcv_ui_child (page, "from_row"), SENDER);
  adw_combo_row_set_selected (rcv_ui_child (page, "security_row"), 1);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (
                     rcv_spin_row_get_spin_button (rcv_ui_child (page, "port_row"))), ==, 587);
  address = g_strdup_printf ("127.0.0.1:%u", server.port);
  rcv_ui_type_into (rcv_ui_child (page, "server_row"), address);
  rcv_ui_type_into (rcv_ui_child (page, "user_row"), "buchhaltung");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "mail.test", NULL));
  rcv_test_wait_until (mail_page_idle, page);
  g_assert_false (gtk_widget_get_visible (rcv_ui_child (page, "problem_label")));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (
                     rcv_spin_row_get_spin_button (rcv_ui_child (page, "port_row"))), ==,
                   (int) server.port);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM settings WHERE key ="
                                           " 'mail.server' AND value = '127.0.0.1'"), ==, 1);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM settings WHERE key ="
                                           " 'mail.security' AND value = 'starttls'"), ==, 1);
  g_assert_cmpuint (rcv_test_smtp_count (&server), ==, 1);
  message = rcv_test_smtp_received (&server, 0);
  g_assert_nonnull (strstr (message, "To: <" SENDER ">"));
  g_assert_nonnull (strstr (message, "Subject: Receivables: test message"));
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM mail_log WHERE kind = 'test'"
                                           " AND result = 'sent'"), ==, 1);
  rcv_ui_settle ();
  rcv_ui_screenshot (GTK_WIDGET (preferences), "mail-preferences");

  /* the login refused: said under the fields, with the server's answer */
  g_setenv ("RECEIVABLES_SMTP_PASSWORD", "falsch", TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "mail.test", NULL));
  rcv_test_wait_until (mail_page_idle, page);
  g_assert_true (gtk_widget_get_visible (rcv_ui_child (page, "problem_label")));
  g_assert_nonnull (strstr (gtk_label_get_text (rcv_ui_child (page, "problem_label")),
                            "refused the user and password"));
  g_assert_cmpuint (rcv_test_smtp_count (&server), ==, 1);
  g_setenv ("RECEIVABLES_SMTP_PASSWORD", "geheim", TRUE);

  gtk_window_destroy (GTK_WINDOW (preferences));
  rcv_ui_close_window (window);
  rcv_test_smtp_stop (&server);
}

/* The chosen letters by e-mail: before, the one without an address named; after, three sent
 * and recorded, that one still due; the customer's page lists what was sent. */
static void
test_letters (void)
{
  RcvTestSmtp server = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *first = NULL;
  gint64 customers[4];
  RcvRemindersPage *reminders;
  RcvMailBatchDialog *dialog;
  const RcvMailReport *report;
  RcvCustomerPage *account;
  RcvWindow *window;

  if (!start_starttls (&server, NULL, NULL))
    return;
  path = company_new (&server, customers);
  window = rcv_ui_open_window (path);
  rcv_ui_wait_for_content (window, "ledger");
  reminders = show_reminders (window, 4);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (reminders), "reminders.select-all",
                                             NULL));
  dialog = rcv_reminders_page_send_email (reminders);
  g_assert_nonnull (dialog);
  rcv_ui_settle ();
  g_assert_cmpstr (gtk_label_get_text (rcv_ui_child (dialog, "heading_label")), ==,
                   "Send 3 Letters by E-mail?");
  g_assert_nonnull (strstr (gtk_label_get_text (rcv_ui_child (dialog, "summary_label")),
                            SENDER));
  g_assert_true (gtk_widget_get_visible (rcv_ui_child (dialog, "no_address_group")));
  rcv_ui_wait_for_label (dialog, "Ohne Adresse KG (K4)");
  rcv_ui_screenshot (GTK_WIDGET (dialog), "mail-letters");

  rcv_mail_batch_dialog_send (dialog);
  rcv_test_wait_until (batch_done, dialog);
  report = rcv_mail_batch_dialog_get_report (dialog);
  g_assert_cmpuint (report->n_sent, ==, 3);
  g_assert_cmpuint (report->n_no_address, ==, 1);
  g_assert_cmpuint (report->n_failed, ==, 0);
  g_assert_cmpstr (gtk_label_get_text (rcv_ui_child (dialog, "heading_label")), ==,
                   "Sent 3 of 4 Letters");
  g_assert_true (gtk_widget_get_visible (rcv_ui_child (dialog, "close_button")));
  g_assert_false (gtk_widget_get_visible (rcv_ui_child (dialog, "failed_group")));
  rcv_ui_wait_for_label (dialog, "Ohne Adresse KG (K4)");
  g_assert_cmpuint (rcv_test_smtp_count (&server), ==, 3);
  first = rcv_test_smtp_received (&server, 0);
  g_assert_nonnull (strstr (first, "<buchhaltung@mueller.example>"));
  g_assert_nonnull (strstr (first, "Content-Type: application/pdf"));
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM letters"), ==, 3);
  rcv_ui_settle ();
  rcv_ui_screenshot (GTK_WIDGET (dialog), "mail-letters-sent");
  gtk_window_close (GTK_WINDOW (dialog));
  rcv_ui_settle ();
  g_assert_null (rcv_ui_find_toplevel (RCV_TYPE_MAIL_BATCH_DIALOG));

  /* the page follows the commits: only the letter not sent is still due */
  rcv_ui_wait_for_n_letters (reminders, 1);

  /* the customer's page lists the message sent, to whom */
  account = rcv_ui_open_customer (window, customers[0]);
  g_assert_true (gtk_widget_get_visible (rcv_ui_child (account, "mail_group")));
  rcv_ui_wait_for_label (account, "to buchhaltung@mueller.example · sent");
  rcv_ui_screenshot (rcv_ui_child (account, "mail_group"), "mail-log");

  rcv_ui_close_window (window);
  rcv_test_smtp_stop (&server);
}

/* A server that drops the connection after the first message: that one recorded, the rest
 * listed as not tried and still due; sending again sends only those. */
static void
test_dropped (void)
{
  RcvTestSmtp server = { 0 };
  g_autofree char *path = NULL;
  gint64 customers[4];
  RcvRemindersPage *reminders;
  RcvMailBatchDialog *dialog;
  const RcvMailReport *report;
  RcvWindow *window;

  if (!start_starttls (&server, "--drop-after", "1"))
    return;
  path = company_new (&server, customers);
  window = rcv_ui_open_window (path);
  rcv_ui_wait_for_content (window, "ledger");
  reminders = show_reminders (window, 4);

  /* Cancel at once: the report still comes, nothing sent, everything still due */
  dialog = rcv_reminders_page_send_email (reminders);
  rcv_mail_batch_dialog_send (dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "mail-batch.cancel", NULL));
  rcv_test_wait_until (batch_done, dialog);
  report = rcv_mail_batch_dialog_get_report (dialog);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->n_sent, ==, 0);
  g_assert_cmpuint (report->n_not_tried, ==, 3);
  g_assert_nonnull (strstr (gtk_label_get_text (rcv_ui_child (dialog, "summary_label")),
                            "cancelled"));
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM letters"), ==, 0);
  gtk_window_close (GTK_WINDOW (dialog));
  rcv_ui_settle ();

  dialog = rcv_reminders_page_send_email (reminders);
  rcv_mail_batch_dialog_send (dialog);
  rcv_test_wait_until (batch_done, dialog);
  report = rcv_mail_batch_dialog_get_report (dialog);
  g_assert_cmpuint (report->n_sent, ==, 1);
  g_assert_nonnull (report->stopped);
  g_assert_cmpuint (report->n_not_tried, ==, 2);
  g_assert_true (gtk_widget_get_visible (rcv_ui_child (dialog, "not_tried_group")));
  rcv_ui_wait_for_label (dialog, "Atelier Dubois (K3)");
  g_assert_nonnull (strstr (gtk_label_get_text (rcv_ui_child (dialog, "summary_label")),
                            "Sending stopped"));
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM letters"), ==, 1);
  rcv_ui_settle ();
  rcv_ui_screenshot (GTK_WIDGET (dialog), "mail-stopped");
  gtk_window_close (GTK_WINDOW (dialog));
  rcv_ui_wait_for_n_letters (reminders, 3);

  rcv_ui_close_window (window);
  rcv_test_smtp_stop (&server);
}

/* Statements of every customer with a balance, from the Customers page; and a batch without
 * an account: said, with the way to Preferences. */
static void
test_statements (void)
{
  RcvTestSmtp server = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *first = NULL;
  gint64 customers[4];
  RcvCustomersPage *page;
  RcvMailBatchDialog *dialog;
  const RcvMailReport *report;
  RcvWindow *window;

  if (!start_starttls (&server, NULL, NULL))
    return;
  path = company_new (&server, customers);
  window = rcv_ui_open_window (path);
  rcv_ui_wait_for_content (window, "ledger");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s",
                                             "customers"));
  page = rcv_ui_child (window, "customers_page");
  dialog = rcv_customers_page_email_statements (page);
  rcv_ui_settle ();
  g_assert_cmpstr (gtk_label_get_text (rcv_ui_child (dialog, "heading_label")), ==,
                   "Send the Statements by E-mail?");
  rcv_mail_batch_dialog_send (dialog);
  rcv_test_wait_until (batch_done, dialog);
  report = rcv_mail_batch_dialog_get_report (dialog);
  g_assert_cmpuint (report->n_sent, ==, 3);
  g_assert_cmpuint (report->n_no_address, ==, 1);
  g_assert_cmpstr (gtk_label_get_text (rcv_ui_child (dialog, "heading_label")), ==,
                   "Sent 3 of 4 Statements");
  first = rcv_test_smtp_received (&server, 0);
  g_assert_nonnull (strstr (first, "Subject: =?UTF-8?"));
  g_assert_nonnull (strstr (first, "Statement K1 "));
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM mail_log WHERE kind ="
                                           " 'statement' AND result = 'sent'"), ==, 3);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM letters"), ==, 0);
  gtk_window_close (GTK_WINDOW (dialog));
  rcv_ui_close_window (window);
  rcv_test_smtp_stop (&server);

  /* no account: nothing to send, the Preferences offered */
  {
    g_autofree char *bare = company_new (NULL, customers);
    RcvWindow *other = rcv_ui_open_window (bare);

    rcv_ui_wait_for_content (other, "ledger");
    {
      RcvRemindersPage *reminders = show_reminders (other, 4);

      dialog = rcv_reminders_page_send_email (reminders);
      rcv_ui_settle ();
      g_assert_cmpstr (gtk_stack_get_visible_child_name (rcv_ui_child (dialog, "stack")), ==,
                       "no-account");
      g_assert_false (gtk_widget_is_sensitive (rcv_ui_child (dialog, "send_button")));
      rcv_ui_screenshot (GTK_WIDGET (dialog), "mail-no-account");
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "mail-batch.preferences",
                                                 NULL));
      rcv_ui_settle ();
      g_assert_null (rcv_ui_find_toplevel (RCV_TYPE_MAIL_BATCH_DIALOG));
      g_assert_nonnull (rcv_ui_find_toplevel (RCV_TYPE_PREFERENCES_WINDOW));
      gtk_window_destroy (rcv_ui_find_toplevel (RCV_TYPE_PREFERENCES_WINDOW));
    }
    rcv_ui_close_window (other);
  }
}

static gboolean
toast_said (gpointer data)
{
  gpointer *args = data;

  return rcv_fake_email_portal_count (args[0]) >= GPOINTER_TO_UINT (args[1]);
}

/* Open in My Mail App… on the letter shown, and Send by E-mail… in a statement: the stand-in
 * portal gets the customer's address, the batch's subject and text, and the PDF. */
static void
test_compose (void)
{
  RcvFakeEmailPortal *portal = rcv_fake_email_portal_start (0);
  g_autofree char *path = NULL;
  gint64 customers[4];
  RcvRemindersPage *reminders;
  RcvStatementDialog *statement;
  RcvWindow *window;
  gpointer args[2] = { portal, GUINT_TO_POINTER (1) };

  path = company_new (NULL, customers);
  window = rcv_ui_open_window (path);
  rcv_ui_wait_for_content (window, "ledger");
  reminders = show_reminders (window, 4);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (reminders), "reminders.compose", NULL));
  rcv_test_wait_until (toast_said, args);
  {
    g_autoptr(RcvFakeEmail) email = rcv_fake_email_portal_get (portal, 0);
    GBytes *pdf = g_ptr_array_index (email->attachments, 0);

    g_assert_cmpstr (email->address, ==, "buchhaltung@mueller.example");
    g_assert_true (g_str_has_suffix (email->subject, " – Beispiel Handel GmbH"));
    g_assert_true (g_str_has_suffix (email->body, "The letter is attached as a PDF file."));
    g_assert_cmpuint (email->attachments->len, ==, 1);
    g_assert_cmpmem (g_bytes_get_data (pdf, NULL), 5, "%PDF-", 5);
    g_assert_true (g_str_has_prefix (email->parent_window, "x11:"));
  }
  rcv_ui_wait_for_label (window, "The message is open in your mail app");
  /* nothing is recorded: the person sends it from the mail app */
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM letters"), ==, 0);

  rcv_ui_open_customer (window, customers[2]);
  g_assert_true (gtk_widget_activate_action (rcv_ui_child (window, "customer_page"),
                                             "account.statement", NULL));
  rcv_ui_settle ();
  statement = rcv_ui_find_toplevel (RCV_TYPE_STATEMENT_DIALOG);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (statement), "statement.compose", NULL));
  args[1] = GUINT_TO_POINTER (2);
  rcv_test_wait_until (toast_said, args);
  {
    g_autoptr(RcvFakeEmail) email = rcv_fake_email_portal_get (portal, 1);

    g_assert_cmpstr (email->address, ==, "compta@dubois.example");
    g_assert_true (g_str_has_prefix (email->subject, "Statement of account – Beispiel Handel"));
    g_assert_cmpuint (email->attachments->len, ==, 1);
  }
  rcv_ui_wait_for_label (statement, "The message is open in your mail app");
  gtk_window_destroy (GTK_WINDOW (statement));

  /* the portal refusing: said, with the way out */
  rcv_fake_email_portal_set_response (portal, 2);
  reminders = show_reminders (window, 4);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (reminders), "reminders.compose", NULL));
  rcv_ui_wait_for_label (window, "attach it to a message yourself");

  rcv_ui_close_window (window);
  rcv_fake_email_portal_stop (portal);
}

int
main (int   argc,
      char *argv[])
{
  rcv_ui_init (&argc, &argv);
  g_test_add_func ("/ui/mail/preferences", test_preferences);
  g_test_add_func ("/ui/mail/letters", test_letters);
  g_test_add_func ("/ui/mail/dropped", test_dropped);
  g_test_add_func ("/ui/mail/statements", test_statements);
  g_test_add_func ("/ui/mail/compose", test_compose);
  return rcv_ui_run ();
}
