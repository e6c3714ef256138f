/* test-ui-welcome.c - the window over an empty company, the sample company, a file refused
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "rcv-customer-list.h"
#include "rcv-ui-fixture.h"

static void
test_welcome_then_sample (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  RcvWindow *window;
  gpointer overview, customers;
  GListModel *rows;

  g_clear_object (&db);
  window = rcv_ui_open_window (path);
  rcv_ui_wait_for_content (window, "welcome");
  /* no page switcher over an empty company */
  g_assert_null (adw_view_switcher_title_get_stack (rcv_ui_child (window, "switcher_title")));
  rcv_ui_screenshot (GTK_WIDGET (window), "welcome");
  /* the suggested button has the focus: Enter starts on the company's profile */
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) ==
                 rcv_ui_child (window, "profile_button"));
  /* About shows the application's icon, from the resources when run from the build tree */
  {
    AdwAboutWindow *about;

    g_action_group_activate_action (G_ACTION_GROUP (g_application_get_default ()), "about", NULL);
    rcv_ui_settle ();
    about = rcv_ui_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
    g_assert_nonnull (about);
    g_assert_true (gtk_icon_theme_has_icon (
      gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (about))),
      adw_about_window_get_application_icon (about)));
    gtk_window_destroy (GTK_WINDOW (about));
    rcv_ui_settle ();
  }

  /* "Open Sample Company" fills the file off the main thread, then shows the overview */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL));
  rcv_ui_wait_for_content (window, "ledger");
  overview = rcv_ui_child (window, "overview_page");
  rcv_ui_wait_for_page_stack (overview, "figures");
  /* six key figures, and the window titled with the sample company's name */
  g_assert_nonnull (gtk_flow_box_get_child_at_index (rcv_ui_child (overview, "figures_box"), 5));
  g_assert_null (gtk_flow_box_get_child_at_index (rcv_ui_child (overview, "figures_box"), 6));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Beispiel Handel GmbH");
  /* the Overview's and the Reminders page's screenshots are test-ui-overview.c's and
   * test-ui-reminders.c's: the suites run side by side, and one file has one writer */

  /* the customers page lists the sample's 36 customers, largest balance first on request */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "customers");
  customers = rcv_ui_child (window, "customers_page");
  rcv_ui_wait_for_page_stack (customers, "list");
  rows = G_LIST_MODEL (rcv_ui_child (customers, "selection"));
  rcv_ui_wait_for_n_items (rows, 36);
  gtk_column_view_sort_by_column (rcv_ui_child (customers, "column_view"),
                                  rcv_ui_child (customers, "balance_column"), GTK_SORT_ASCENDING);
  rcv_ui_settle ();
  {
    g_autoptr(RcvCustomerItem) first = g_list_model_get_item (rows, 0);
    g_autoptr(RcvCustomerItem) last = g_list_model_get_item (rows, 35);

    /* the balance column sorts descending by default: its ascending click shows the most first */
    g_assert_cmpint (rcv_customer_item_get_balance (first), >=,
                     rcv_customer_item_get_balance (last));
  }
  rcv_ui_screenshot (GTK_WIDGET (window), "customers");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "reminders");
  rcv_ui_settle ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "customers");

  /* search answers as you type */
  rcv_ui_type_into (rcv_ui_child (customers, "search_entry"), "zzz-no-such-customer");
  rcv_ui_wait_for_page_stack (customers, "no-results");
  rcv_ui_type_into (rcv_ui_child (customers, "search_entry"), "");
  rcv_ui_wait_for_n_items (rows, 36);
  rcv_ui_wait_for_page_stack (customers, "list");

  rcv_ui_close_window (window);
  g_unlink (path);
}

static void
test_refuses_bad_file (void)
{
  g_autofree char *dir = rcv_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "not-a-company.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  RcvWindow *window;

  rcv_test_write_file (path, "This is a letter, not a company file.\n");
  before = rcv_test_file_checksum (path);
  window = rcv_ui_open_window (path);
  rcv_ui_wait_for_content (window, "error");
  g_assert_nonnull (adw_status_page_get_description (rcv_ui_child (window, "error_page")));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Receivables");
  rcv_ui_screenshot (GTK_WIDGET (window), "error");
  after = rcv_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  rcv_ui_close_window (window);
  rcv_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  rcv_ui_init (&argc, &argv);
  g_test_add_func ("/ui/welcome-then-sample", test_welcome_then_sample);
  g_test_add_func ("/ui/refuses-bad-file", test_refuses_bad_file);
  return rcv_ui_run ();
}
