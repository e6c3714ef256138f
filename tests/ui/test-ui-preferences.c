/* test-ui-preferences.c - Preferences: the company profile, the daily check, the Credit
 * Policies page and the policy editor, and user text shown as typed in their rows
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "rcv-company.h"
#include "rcv-daily-check.h"
#include "rcv-dunning.h"
#include "rcv-fake-notifications.h"
#include "rcv-ledger.h"
#include "rcv-list-page.h"
#include "rcv-policies-page.h"
#include "rcv-policy.h"
#include "rcv-policy-editor.h"
#include "rcv-preferences-window.h"
#include "rcv-number-list.h"
#include "rcv-ui-fixture.h"

/* Whether the window's focus is a field with its text selected (as GTK does on focus). */
static gboolean
focus_has_selection (gpointer window)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (window));

  return focus != NULL && GTK_IS_EDITABLE (focus) &&
         gtk_editable_get_selection_bounds (GTK_EDITABLE (focus), NULL, NULL);
}

static void
test_preferences (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autofree char *name = NULL;
  g_autofree char *iban = NULL;
  RcvWindow *window;
  RcvPreferencesWindow *preferences;
  guint n;

  g_clear_object (&db);
  window = rcv_ui_open_window (path);
  rcv_ui_wait_for_content (window, "welcome");

  /* "Enter Company Profile…" opens the preferences; a name leaves the welcome */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  rcv_ui_settle ();
  preferences = rcv_ui_find_toplevel (RCV_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  rcv_ui_type_into (rcv_ui_child (preferences, "name_row"), "Beispiel & Partner");
  g_signal_emit_by_name (rcv_ui_child (preferences, "name_row"), "apply");
  rcv_ui_type_into (rcv_ui_child (preferences, "iban_row"), "DE89 3704 0044 0532 0130 00");
  g_signal_emit_by_name (rcv_ui_child (preferences, "iban_row"), "apply");
  g_assert_false (gtk_widget_has_css_class (rcv_ui_child (preferences, "iban_row"), "error"));
  /* a wrong check digit is refused, and the good value stays in the file */
  rcv_ui_type_into (rcv_ui_child (preferences, "iban_row"), "DE88 3704 0044 0532 0130 00");
  g_signal_emit_by_name (rcv_ui_child (preferences, "iban_row"), "apply");
  g_assert_true (gtk_widget_has_css_class (rcv_ui_child (preferences, "iban_row"), "error"));
  /* the Aging page opened: whatever field takes the focus, its text is not selected */
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences),
                                           ADW_PREFERENCES_PAGE (gtk_widget_get_ancestor (
                                             rcv_ui_child (preferences, "boundaries_list"),
                                             ADW_TYPE_PREFERENCES_PAGE)));
  rcv_ui_settle ();
  g_assert_false (focus_has_selection (preferences));
  /* the address is kept when the window closes, with no button to press */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (rcv_ui_child (preferences, "address_view")),
                            "Marktplatz 1\n04109 Leipzig", -1);
  /* the buckets, a row each: a fourth one added ends 30 days after the last */
  {
    RcvNumberList *buckets = rcv_ui_child (preferences, "boundaries_list");

    g_assert_cmpuint (rcv_number_list_get_n_rows (buckets), ==, 3);
    rcv_number_list_add_row (buckets);
    g_assert_cmpint (gtk_spin_button_get_value_as_int (rcv_number_list_get_spin (buckets, 3, 0)),
                     ==, 120);
    /* a bucket that ends before the one above it is refused once the typing pauses, marked */
    gtk_spin_button_set_value (rcv_number_list_get_spin (buckets, 1, 0), 20);
    rcv_test_wait_until (rcv_ui_is_marked, buckets);
    gtk_spin_button_set_value (rcv_number_list_get_spin (buckets, 1, 0), 60);
    rcv_test_wait_until (rcv_ui_is_unmarked, buckets);
  }
  /* the currency is chosen from a list, the company's own chosen */
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (
                     rcv_ui_child (preferences, "currency_row"))), ==,
                   rcv_database_get_currency (rcv_window_get_database (window))->code);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (
                      rcv_ui_child (preferences, "currency_row"))), >=, 15);
  rcv_ui_screenshot (GTK_WIDGET (preferences), "preferences");
  gtk_window_close (GTK_WINDOW (preferences));
  rcv_ui_settle ();
  rcv_ui_wait_for_content (window, "ledger");

  db = rcv_database_open (path, RCV_DATABASE_FLAGS_READ_ONLY, NULL);
  name = rcv_database_get_setting (db, RCV_COMPANY_NAME);
  iban = rcv_database_get_setting (db, RCV_COMPANY_IBAN);
  g_assert_cmpstr (name, ==, "Beispiel & Partner");
  g_assert_cmpstr (iban, ==, "DE89 3704 0044 0532 0130 00");
  rcv_database_get_aging_boundaries (db, &n);
  g_assert_cmpuint (n, ==, 4);
  {
    g_autofree char *address = rcv_database_get_setting (db, RCV_COMPANY_ADDRESS);

    g_assert_cmpstr (address, ==, "Marktplatz 1\n04109 Leipzig");
  }
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Beispiel & Partner");

  rcv_ui_close_window (window);
  g_unlink (path);
}

static gboolean
daily_check_settled (gpointer data)
{
  gpointer *args = data;
  GtkSwitch *toggle = args[0];

  return gtk_widget_get_sensitive (GTK_WIDGET (args[1])) &&
         gtk_switch_get_state (toggle) == GPOINTER_TO_INT (args[2]);
}

/* Preferences › Aging › "Check for overdue accounts daily" installs the systemd timer for
 * the company file, and removes it. */
static void
test_daily_check (void)
{
  RcvFakeNotifications *fake = rcv_fake_notifications_start (0);
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autofree char *dir = rcv_daily_check_get_unit_dir ();
  g_autofree char *service = g_build_filename (dir, "receivables-check.service", NULL);
  g_autofree char *text = NULL;
  g_autofree char *call = NULL;
  RcvPreferencesWindow *preferences;
  GtkWidget *row, *toggle;
  RcvWindow *window;

  g_setenv ("RCV_DAILY_CHECK", "systemd", TRUE);
  rcv_fake_notifications_own_systemd (fake);
  rcv_test_customer (db, "K1", "Kunde Eins");
  g_clear_object (&db);
  window = rcv_ui_open_window (path);
  rcv_ui_wait_for_content (window, "ledger");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  rcv_ui_settle ();
  preferences = rcv_ui_find_toplevel (RCV_TYPE_PREFERENCES_WINDOW);
  row = rcv_ui_child (preferences, "daily_check_row");
  toggle = rcv_ui_child (preferences, "daily_check_switch");
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences),
                                           ADW_PREFERENCES_PAGE (gtk_widget_get_ancestor (
                                             row, ADW_TYPE_PREFERENCES_PAGE)));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));

  /* on: the row waits for systemd, then the timer is there */
  g_assert_true (gtk_widget_activate (row));
  {
    gpointer args[] = { toggle, row, GINT_TO_POINTER (TRUE) };
    rcv_test_wait_until (daily_check_settled, args);
  }
  g_assert_true (rcv_daily_check_is_installed ());
  g_assert_true (g_file_get_contents (service, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, path));
  call = rcv_fake_notifications_next_call (fake);
  g_assert_cmpstr (call, ==, "Reload");
  rcv_ui_screenshot (GTK_WIDGET (preferences), "preferences-alerts");

  /* off: gone */
  g_assert_true (gtk_widget_activate (row));
  {
    gpointer args[] = { toggle, row, GINT_TO_POINTER (FALSE) };
    rcv_test_wait_until (daily_check_settled, args);
  }
  g_assert_false (rcv_daily_check_is_installed ());
  gtk_window_destroy (GTK_WINDOW (preferences));
  rcv_ui_close_window (window);
  rcv_fake_notifications_stop (fake);
  g_unsetenv ("RCV_DAILY_CHECK");
}

static gboolean
no_policy_editor (gpointer data)
{
  return rcv_ui_find_toplevel (RCV_TYPE_POLICY_EDITOR) == NULL;
}

/* The Credit Policies page of the preferences and the policy editor: a new policy typed in,
 * checked field by field, saved; a policy in use deleted, its customers moved */
static void
test_policy_editor (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(GPtrArray) policies = NULL;
  g_autoptr(RcvCustomer) moved = NULL;
  g_autoptr(GError) error = NULL;
  const RcvPolicy *trade;
  RcvWindow *window;
  RcvPreferencesWindow *preferences;
  RcvPolicyEditor *editor;
  AdwMessageDialog *dialog;
  gpointer page, customers;
  gint64 customer;

  g_assert_true (rcv_company_set (db, RCV_COMPANY_NAME, "Test GmbH", NULL));
  customer = rcv_test_customer (db, "K1", "Erste Kundin");
  window = rcv_ui_open_window (path);
  rcv_ui_wait_for_content (window, "ledger");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  rcv_ui_settle ();
  preferences = rcv_ui_find_toplevel (RCV_TYPE_PREFERENCES_WINDOW);
  page = rcv_ui_child (preferences, "policies_page");
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences), page);

  g_assert_true (gtk_widget_activate_action (page, "policies.new", NULL));
  rcv_ui_settle ();
  editor = rcv_ui_find_toplevel (RCV_TYPE_POLICY_EDITOR);
  g_assert_nonnull (editor);
  /* no complaint before anything is typed, but nothing to save either */
  g_assert_null (rcv_policy_editor_get_problem (editor));
  g_assert_false (gtk_widget_is_sensitive (rcv_ui_child (editor, "save_button")));
  rcv_ui_type_into (rcv_ui_child (editor, "name_row"), "Trade");
  g_assert_null (rcv_policy_editor_get_problem (editor));
  g_assert_true (gtk_widget_is_sensitive (rcv_ui_child (editor, "save_button")));

  /* each field checked as it is typed, with the reason shown and the field marked */
  rcv_ui_type_into (rcv_ui_child (editor, "terms_row"), "two weeks");
  g_assert_nonnull (strstr (rcv_policy_editor_get_problem (editor), "Payment terms"));
  g_assert_true (gtk_widget_has_css_class (rcv_ui_child (editor, "terms_row"), "error"));
  g_assert_false (gtk_widget_is_sensitive (rcv_ui_child (editor, "save_button")));
  rcv_ui_type_into (rcv_ui_child (editor, "terms_row"), "14");
  rcv_ui_type_into (rcv_ui_child (editor, "alert_second_row"), "45");
  rcv_ui_type_into (rcv_ui_child (editor, "alert_first_row"), "60");
  g_assert_nonnull (strstr (rcv_policy_editor_get_problem (editor), "Second alert"));
  rcv_ui_type_into (rcv_ui_child (editor, "alert_second_row"), "90");
  rcv_ui_type_into (rcv_ui_child (editor, "discount_percent_row"), "2");
  g_assert_nonnull (strstr (rcv_policy_editor_get_problem (editor), "within days"));
  rcv_ui_type_into (rcv_ui_child (editor, "discount_days_row"), "7");
  adw_combo_row_set_selected (rcv_ui_child (editor, "interest_row"), RCV_INTEREST_FIXED);
  g_assert_true (gtk_widget_get_visible (rcv_ui_child (editor, "rate_row")));
  g_assert_nonnull (strstr (rcv_policy_editor_get_problem (editor), "interest rate"));
  rcv_ui_type_into (rcv_ui_child (editor, "rate_row"), "9.5");
  rcv_ui_type_into (rcv_ui_child (editor, "limit_row"), "5000");
  rcv_ui_type_into (rcv_ui_child (editor, "agency_row"), "30");
  g_assert_nonnull (strstr (rcv_policy_editor_get_problem (editor), "last reminder"));
  rcv_ui_type_into (rcv_ui_child (editor, "agency_row"), "120");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-level", NULL));
  rcv_ui_settle ();
  g_assert_null (rcv_policy_editor_get_problem (editor));

  /* the first level's letter text: the built-in one put in, a placeholder inserted */
  {
    GtkWidget *text_view = rcv_ui_find_descendant (GTK_WIDGET (editor), GTK_TYPE_TEXT_VIEW);
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
    GtkWidget *expander = gtk_widget_get_ancestor (text_view, ADW_TYPE_EXPANDER_ROW);
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
    g_assert_true (gtk_widget_activate_action (text_view, "level.builtin", NULL));
    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (text, ==, rcv_dunning_default_body (1, 4, 7, FALSE));
    gtk_text_buffer_set_text (buffer, "Dear ", -1);
    g_assert_true (gtk_widget_activate_action (text_view, "level.insert", "s", "contact"));
    g_assert_null (rcv_policy_editor_get_problem (editor));
    gtk_text_buffer_insert_at_cursor (buffer, ", please pay {total} by {deadline}.", -1);
  }
  gtk_window_set_default_size (GTK_WINDOW (editor), 600, 1400);
  rcv_ui_screenshot (GTK_WIDGET (editor), "policy-editor");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  rcv_test_wait_until (no_policy_editor, NULL);

  policies = rcv_policy_list (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (policies->len, ==, 2);
  trade = g_ptr_array_index (policies, 1);
  g_assert_cmpstr (trade->name, ==, "Trade");
  g_assert_cmpstr (g_array_index (trade->levels, RcvReminderLevel, 0).body, ==,
                   "Dear {contact}, please pay {total} by {deadline}.");
  g_assert_cmpint (trade->terms_days, ==, 14);
  g_assert_cmpint (trade->discount_days, ==, 7);
  g_assert_cmpint (trade->discount_bp, ==, 200);
  g_assert_cmpint (trade->credit_limit, ==, 500000);
  g_assert_cmpint (trade->interest_kind, ==, RCV_INTEREST_FIXED);
  g_assert_cmpint (trade->interest_bp, ==, 950);
  g_assert_cmpint (trade->agency_days, ==, 120);
  g_assert_cmpuint (trade->levels->len, ==, 4);
  g_assert_cmpint (g_array_index (trade->levels, RcvReminderLevel, 3).days_after_due, ==, 59);
  rcv_ui_screenshot (GTK_WIDGET (preferences), "policies");

  /* the customers page gives the selected customers a policy */
  gtk_window_destroy (GTK_WINDOW (preferences));
  rcv_ui_settle ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "customers");
  customers = rcv_ui_child (window, "customers_page");
  rcv_ui_wait_for_page_stack (customers, "list");
  /* nothing selected, nothing to ask */
  gtk_widget_activate_action (customers, "customers.assign-policy", NULL);
  rcv_ui_settle ();
  g_assert_null (rcv_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  gtk_selection_model_select_all (rcv_ui_child (customers, "selection"));
  g_assert_true (gtk_widget_activate_action (customers, "customers.assign-policy", NULL));
  rcv_ui_settle ();
  dialog = rcv_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog)), 2);
  rcv_ui_screenshot (GTK_WIDGET (dialog), "assign-policy");
  adw_message_dialog_response (dialog, "assign");
  gtk_window_destroy (GTK_WINDOW (dialog));   /* a button's click closes it; a call does not */
  rcv_ui_settle ();
  g_assert_cmpint (rcv_policy_count_customers (db, trade->id), ==, 1);

  /* deleting a policy in use asks where its customers go: nothing points at it after */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  rcv_ui_settle ();
  preferences = rcv_ui_find_toplevel (RCV_TYPE_PREFERENCES_WINDOW);
  page = rcv_ui_child (preferences, "policies_page");
  g_assert_true (gtk_widget_activate_action (page, "policies.delete", "x", trade->id));
  rcv_ui_settle ();
  dialog = rcv_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (GTK_IS_DROP_DOWN (adw_message_dialog_get_extra_child (dialog)));
  adw_message_dialog_response (dialog, "delete");
  rcv_ui_settle ();
  moved = rcv_ledger_get_customer (db, customer, &error);
  g_assert_cmpint (moved->policy_id, ==, 0);
  g_assert_cmpint (rcv_policy_count_customers (db, 0), ==, 1);
  g_clear_pointer (&policies, g_ptr_array_unref);
  policies = rcv_policy_list (db, &error);
  g_assert_cmpuint (policies->len, ==, 1);

  gtk_window_destroy (GTK_WINDOW (preferences));
  rcv_ui_close_window (window);
  g_unlink (path);
}

/* Whether a label under a widget shows exactly this text (what a person reads, after any
 * markup the label parsed). */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if ((GTK_IS_LABEL (c) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (c)), text) == 0) ||
        shows_text (c, text))
      return TRUE;
  return FALSE;
}

/* User text in rows and status pages is shown as typed: libadwaita 1.2 parses row titles and
 * subtitles, status page descriptions and toast titles as markup, where "Fees & costs"
 * would be an error and an empty title. A policy named and a level titled with markup
 * characters (as `policies import` or typing would give them), and an error quoting a path
 * with "&" and "<" in a status page. */
static void
test_markup_escaped (void)
{
  const char *level_title = "Fees & costs <b>";
  const char *policy_name = "Trade & <i>retail</i>";
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvPolicy) policy = rcv_policy_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) read_error = NULL;
  g_autofree char *expander_title = g_strdup_printf ("1. %s", level_title);
  RcvPolicyEditor *editor;
  GtkWidget *expander;
  RcvWindow *window;
  gpointer preferences, page;

  g_free (policy->name);
  policy->name = g_strdup (policy_name);
  policy->terms_days = 30;
  while (policy->levels->len > 0)
    rcv_policy_remove_level (policy, 0);
  rcv_policy_add_level (policy, 7, level_title, "", 500);
  rcv_policy_save (db, policy, &error);
  g_assert_no_error (error);
  rcv_test_customer (db, "K1", "Kunde & Söhne");
  g_clear_object (&db);

  window = rcv_ui_open_window (path);
  rcv_ui_wait_for_content (window, "ledger");

  /* the policy's row in the preferences, the level's row in its editor */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  rcv_ui_settle ();
  preferences = rcv_ui_find_toplevel (RCV_TYPE_PREFERENCES_WINDOW);
  page = rcv_ui_child (preferences, "policies_page");
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences), page);
  rcv_ui_settle ();
  g_assert_true (shows_text (page, policy_name));
  editor = rcv_policy_editor_new (GTK_WINDOW (preferences), rcv_window_get_database (window),
                                  policy->id, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (editor));
  rcv_ui_settle ();
  expander = rcv_ui_find_descendant (GTK_WIDGET (editor), ADW_TYPE_EXPANDER_ROW);
  g_assert_nonnull (expander);
  g_assert_true (shows_text (expander, expander_title));
  gtk_window_destroy (GTK_WINDOW (editor));
  gtk_window_destroy (GTK_WINDOW (preferences));

  /* an error quoting a path, in a list page's status page */
  {
    RcvListPage list_page = { 0 };
    GtkWidget *stack = gtk_stack_new ();
    const char *message = "“/tmp/R&D <2026>/company.db” cannot be read";

    list_page.stack = GTK_STACK (stack);
    list_page.spinner = GTK_SPINNER (gtk_spinner_new ());
    list_page.error_page = ADW_STATUS_PAGE (adw_status_page_new ());
    list_page.empty_page = ADW_STATUS_PAGE (adw_status_page_new ());
    gtk_stack_add_named (list_page.stack, GTK_WIDGET (list_page.spinner), "loading");
    gtk_stack_add_named (list_page.stack, GTK_WIDGET (list_page.error_page), "error");
    gtk_stack_add_named (list_page.stack, GTK_WIDGET (list_page.empty_page), "empty");
    g_object_ref_sink (stack);
    g_set_error_literal (&read_error, G_IO_ERROR, G_IO_ERROR_FAILED, message);
    g_assert_cmpint (rcv_list_page_show (&list_page, NULL, NULL, read_error, NULL), ==, -1);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (list_page.stack), ==, "error");
    g_assert_true (shows_text (GTK_WIDGET (list_page.error_page), message));
    g_object_unref (stack);
  }
  rcv_ui_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  rcv_ui_init (&argc, &argv);
  g_test_add_func ("/ui/preferences", test_preferences);
  g_test_add_func ("/ui/daily-check", test_daily_check);
  g_test_add_func ("/ui/policy-editor", test_policy_editor);
  g_test_add_func ("/ui/markup-escaped", test_markup_escaped);
  return rcv_ui_run ();
}
