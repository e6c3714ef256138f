/* test-ui.c - the real window under Xvfb: welcome, sample company, customers, preferences
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives the widgets the way a person does (typing into the rows, activating actions), then
 * checks the company file and what the window shows. With RCV_SCREENSHOT_DIR set, it also
 * saves each page, in light and dark style, as PNG (see README).
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>
#ifdef HAVE_XTEST
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>
#endif

#include "rcv-aging.h"
#include "rcv-application.h"
#include "rcv-atspi.h"
#include "rcv-chart-view.h"
#include "rcv-collections-report.h"
#include "rcv-collections.h"
#include "rcv-company.h"
#include "rcv-customer-editor.h"
#include "rcv-customer-window.h"
#include "rcv-customer-list.h"
#include "rcv-customers-page.h"
#include "rcv-daily-check.h"
#include "rcv-date.h"
#include "rcv-demo.h"
#include "rcv-dunning.h"
#include "rcv-error.h"
#include "rcv-fake-notifications.h"
#include "rcv-invoice-editor.h"
#include "rcv-invoice-list.h"
#include "rcv-payment-editor.h"
#include "rcv-ledger.h"
#include "rcv-letter-preview.h"
#include "rcv-list-page.h"
#include "rcv-open-items.h"
#include "rcv-overview-page.h"
#include "rcv-policies-page.h"
#include "rcv-policy.h"
#include "rcv-policy-editor.h"
#include "rcv-preferences-window.h"
#include "rcv-reminders-page.h"
#include "rcv-test-utils.h"
#include "rcv-window.h"

typedef RcvTestCondition Condition;

static RcvApplication *app;

static void
settle (void)
{
  for (int i = 0; i < 50; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

static gpointer
child (gpointer    widget,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), G_OBJECT_TYPE (widget),
                                                   name);

  g_assert_nonnull (object);
  return object;
}

static gboolean
content_is (gpointer data)
{
  const char **args = data;
  RcvWindow *window = (RcvWindow *) args[0];

  return g_strcmp0 (gtk_stack_get_visible_child_name (child (window, "content_stack")),
                    args[1]) == 0;
}

static void
wait_for_content (RcvWindow  *window,
                  const char *name)
{
  const char *args[] = { (const char *) window, name };

  rcv_test_wait_until (content_is, args);
}

static gboolean
page_stack_is (gpointer data)
{
  const char **args = data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (child ((gpointer) args[0], "stack")),
                    args[1]) == 0;
}

static void
wait_for_page_stack (gpointer    page,
                     const char *name)
{
  const char *args[] = { page, name };

  rcv_test_wait_until (page_stack_is, args);
}

static gboolean
n_rows_is (gpointer data)
{
  gpointer *args = data;

  return g_list_model_get_n_items (args[0]) == GPOINTER_TO_UINT (args[1]);
}

static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static gboolean
toplevel_is_shown (gpointer type)
{
  return find_toplevel ((GType) GPOINTER_TO_SIZE (type)) != NULL;
}

/* The first widget of a type under another, depth first. */
static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = G_TYPE_CHECK_INSTANCE_TYPE (c, type) ? c : find_descendant (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
type_into (gpointer    editable,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

/* The window as a PNG, when RCV_SCREENSHOT_DIR asks for it. */
static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  const char *dir = g_getenv ("RCV_SCREENSHOT_DIR");
  AdwStyleManager *style = adw_style_manager_get_default ();

  if (dir == NULL)
    return;
  for (int dark = 0; dark < 2; dark++)
    {
      g_autoptr(GdkPaintable) paintable = NULL;
      g_autoptr(GtkSnapshot) snapshot = NULL;
      g_autoptr(GskRenderNode) node = NULL;
      g_autoptr(GdkTexture) texture = NULL;
      g_autofree char *file = NULL;
      g_autofree char *path = NULL;
      int width, height;

      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                      : ADW_COLOR_SCHEME_FORCE_LIGHT);
      settle ();
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      paintable = gtk_widget_paintable_new (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_to_node (snapshot);
      g_assert_nonnull (node);
      texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                             node, &GRAPHENE_RECT_INIT (0, 0, width, height));
      file = g_strdup_printf ("%s-%s.png", name, dark ? "dark" : "light");
      path = g_build_filename (dir, file, NULL);
      g_assert_true (gdk_texture_save_to_png (texture, path));
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  settle ();
}

static RcvWindow *
open_window (const char *path)
{
  GtkWindow *window = rcv_application_open_company (app, path);

  g_assert_true (RCV_IS_WINDOW (window));
  gtk_window_set_default_size (window, 1100, 720);
  return RCV_WINDOW (window);
}

static void
close_window (RcvWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

static void
test_welcome_then_sample (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  RcvWindow *window;
  gpointer overview, customers;
  GListModel *rows;

  g_clear_object (&db);
  window = open_window (path);
  wait_for_content (window, "welcome");
  /* no page switcher over an empty company */
  g_assert_null (adw_view_switcher_title_get_stack (child (window, "switcher_title")));
  screenshot (GTK_WIDGET (window), "welcome");

  /* "Open Sample Company" fills the file off the main thread, then shows the overview */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL));
  wait_for_content (window, "ledger");
  overview = child (window, "overview_page");
  wait_for_page_stack (overview, "figures");
  /* five key figures, and the window titled with the sample company's name */
  g_assert_nonnull (gtk_flow_box_get_child_at_index (child (overview, "figures_box"), 4));
  g_assert_null (gtk_flow_box_get_child_at_index (child (overview, "figures_box"), 5));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Beispiel Handel GmbH");
  screenshot (GTK_WIDGET (window), "overview");

  /* the customers page lists the sample's 36 customers, largest balance first on request */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "customers");
  customers = child (window, "customers_page");
  wait_for_page_stack (customers, "list");
  rows = G_LIST_MODEL (child (customers, "selection"));
  {
    gpointer args[] = { rows, GUINT_TO_POINTER (36) };

    rcv_test_wait_until (n_rows_is, args);
  }
  gtk_column_view_sort_by_column (child (customers, "column_view"),
                                  child (customers, "balance_column"), GTK_SORT_ASCENDING);
  settle ();
  {
    g_autoptr(RcvCustomerItem) first = g_list_model_get_item (rows, 0);
    g_autoptr(RcvCustomerItem) last = g_list_model_get_item (rows, 35);

    /* the balance column sorts descending by default: its ascending click shows the most first */
    g_assert_cmpint (rcv_customer_item_get_balance (first), >=,
                     rcv_customer_item_get_balance (last));
  }
  screenshot (GTK_WIDGET (window), "customers");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "reminders");
  screenshot (GTK_WIDGET (window), "reminders");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "customers");

  /* search answers as you type */
  type_into (child (customers, "search_entry"), "zzz-no-such-customer");
  wait_for_page_stack (customers, "no-results");
  type_into (child (customers, "search_entry"), "");
  {
    gpointer args[] = { rows, GUINT_TO_POINTER (36) };

    rcv_test_wait_until (n_rows_is, args);
  }
  wait_for_page_stack (customers, "list");

  close_window (window);
  g_unlink (path);
}

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
  window = open_window (path);
  wait_for_content (window, "ledger");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "customers");
  customers = child (window, "customers_page");
  wait_for_page_stack (customers, "list");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-customer", NULL));
  settle ();
  editor = find_toplevel (RCV_TYPE_CUSTOMER_EDITOR);
  g_assert_nonnull (editor);
  g_assert_false (gtk_widget_is_sensitive (child (editor, "save_button")));

  /* a taken ID is refused by the core and shown on the ID field */
  type_into (child (editor, "code_row"), "K1");
  type_into (child (editor, "name_row"), "Müller & Söhne <KG>");
  type_into (child (editor, "email_row"), "not an address");
  g_assert_nonnull (rcv_customer_editor_get_problem (editor));
  g_assert_nonnull (strstr (rcv_customer_editor_get_problem (editor), "Email"));
  g_assert_false (gtk_widget_is_sensitive (child (editor, "save_button")));
  type_into (child (editor, "email_row"), "buchhaltung@mueller.example");
  g_assert_null (rcv_customer_editor_get_problem (editor));
  g_assert_true (gtk_widget_is_sensitive (child (editor, "save_button")));
  type_into (child (editor, "terms_row"), "14");
  type_into (child (editor, "limit_row"), "2500.50");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (child (editor, "address_view")),
                            "Hauptstraße 5\n80331 München", -1);
  screenshot (GTK_WIDGET (editor), "customer-editor");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  settle ();
  g_assert_nonnull (strstr (rcv_customer_editor_get_problem (editor), "already exists"));
  g_assert_true (gtk_widget_has_css_class (child (editor, "code_row"), "error"));

  type_into (child (editor, "code_row"), "K2");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  settle ();
  g_assert_null (find_toplevel (RCV_TYPE_CUSTOMER_EDITOR));

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
  rows = G_LIST_MODEL (child (customers, "selection"));
  {
    gpointer args[] = { rows, GUINT_TO_POINTER (2) };

    rcv_test_wait_until (n_rows_is, args);
  }

  /* archiving hides it from the list, with an undo */
  rcv_customers_page_edit_customer (customers, stored->id);
  settle ();
  editor = find_toplevel (RCV_TYPE_CUSTOMER_EDITOR);
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_editable_get_text (child (editor, "name_row")), ==, "Müller & Söhne <KG>");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.archive", NULL);
  settle ();
  {
    gpointer args[] = { rows, GUINT_TO_POINTER (1) };

    rcv_test_wait_until (n_rows_is, args);
  }
  g_clear_pointer (&stored, rcv_customer_free);
  stored = rcv_ledger_find_customer (db, "K2", NULL);
  g_assert_true (stored->archived);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.unarchive-customer", "x",
                                             stored->id));
  {
    gpointer args[] = { rows, GUINT_TO_POINTER (2) };

    rcv_test_wait_until (n_rows_is, args);
  }

  close_window (window);
  g_unlink (path);
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
  guint position;
  gint64 customer_id;
  g_autofree char *balance = NULL;

  g_assert_true (rcv_company_set (db, RCV_COMPANY_NAME, "Test GmbH", NULL));
  customer_id = rcv_test_customer (db, "K1", "Kunde Eins");
  window = open_window (path);
  wait_for_content (window, "ledger");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "invoices");
  invoices = child (window, "invoices_page");
  wait_for_page_stack (invoices, "empty");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-invoice", NULL));
  settle ();
  editor = find_toplevel (RCV_TYPE_INVOICE_EDITOR);
  g_assert_nonnull (editor);
  /* no customer yet: nothing to post */
  g_assert_false (gtk_widget_is_sensitive (child (editor, "save_button")));
  g_assert_true (rcv_customer_list_find (RCV_CUSTOMER_LIST (gtk_drop_down_get_model (
                                           child (editor, "customer_dropdown"))),
                                         customer_id, &position));
  gtk_drop_down_set_selected (child (editor, "customer_dropdown"), position);
  type_into (child (editor, "number_row"), "2026-0042");
  type_into (child (editor, "issue_row"), "2026-03-01");
  /* the due date follows the issue date and the default policy's 30 days, written as the
   * locale (en_US) writes dates; the titles say which form the fields take */
  g_assert_cmpstr (gtk_editable_get_text (child (editor, "due_row")), ==, "03/31/2026");
  g_assert_cmpstr (adw_preferences_row_get_title (child (editor, "issue_row")), ==,
                   "Issue date (MM/DD/YYYY)");
  /* the locale's own form is taken as well as ISO; an impossible date is refused */
  type_into (child (editor, "issue_row"), "02/30/2026");
  g_assert_nonnull (strstr (rcv_invoice_editor_get_problem (editor),
                            "“02/30/2026” is not a date in the calendar"));
  type_into (child (editor, "issue_row"), "3/1/2026");
  g_assert_cmpstr (gtk_editable_get_text (child (editor, "due_row")), ==, "03/31/2026");

  /* a wrong figure is named with its line and field, and blocks posting */
  rcv_invoice_editor_set_line (editor, 0, "Beratung", "2", "150,00x", "19");
  g_assert_nonnull (strstr (rcv_invoice_editor_get_problem (editor), "Line 1"));
  g_assert_false (gtk_widget_is_sensitive (child (editor, "save_button")));

  /* two lines with tax: 2 × 150.00 + 19 % and 1.5 × 20.10 = 30.15 + 7 % (2.1105 → 2.11) */
  rcv_invoice_editor_set_line (editor, 0, "Beratung", "2", "150.00", "19");
  rcv_invoice_editor_set_line (editor, 1, "Material", "1.5", "20.10", "7");
  g_assert_null (rcv_invoice_editor_get_problem (editor));
  g_assert_nonnull (strstr (gtk_label_get_text (child (editor, "net_label")), "330.15"));
  g_assert_nonnull (strstr (gtk_label_get_text (child (editor, "tax_label")), "59.11"));
  g_assert_nonnull (strstr (gtk_label_get_text (child (editor, "total_label")), "389.26"));
  screenshot (GTK_WIDGET (editor), "invoice-editor");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  settle ();
  g_assert_null (find_toplevel (RCV_TYPE_INVOICE_EDITOR));

  stored = rcv_ledger_find_invoice (db, "2026-0042", &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->total, ==, 38926);
  g_assert_cmpuint (stored->lines->len, ==, 2);
  g_assert_cmpint (g_array_index (stored->lines, RcvInvoiceLine, 1).tax, ==, 211);
  g_assert_cmpint (stored->customer_id, ==, customer_id);

  /* the list shows it, and the customer owes it */
  wait_for_page_stack (invoices, "list");
  rows = G_LIST_MODEL (child (invoices, "selection"));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  screenshot (GTK_WIDGET (window), "invoices");
  customers = child (window, "customers_page");
  {
    gpointer args[] = { G_LIST_MODEL (child (customers, "selection")), GUINT_TO_POINTER (1) };

    rcv_test_wait_until (n_rows_is, args);
  }
  shown = g_list_model_get_item (G_LIST_MODEL (child (customers, "selection")), 0);
  g_object_get (shown, "balance-text", &balance, NULL);
  g_assert_nonnull (strstr (balance, "389.26"));

  /* opened again, it is read-only, and can be voided with a reason while unpaid */
  gtk_column_view_sort_by_column (child (invoices, "column_view"), NULL, GTK_SORT_ASCENDING);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-invoice", "x",
                                             stored->id));
  settle ();
  editor = find_toplevel (RCV_TYPE_INVOICE_EDITOR);
  g_assert_nonnull (editor);
  g_assert_false (gtk_widget_get_visible (child (editor, "save_button")));
  g_assert_true (gtk_widget_get_visible (child (editor, "void_button")));
  g_assert_false (gtk_editable_get_editable (child (editor, "number_row")));
  gtk_window_destroy (GTK_WINDOW (editor));
  settle ();

  /* a partial payment: 100.00 proposed against the invoice, recorded, and the balance drops */
  {
    g_autoptr(RcvInvoice) after = NULL;
    g_autoptr(RcvCustomerItem) row = NULL;
    g_autofree char *new_balance = NULL;
    RcvPaymentEditor *payment;
    gpointer payments;

    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "payments");
    payments = child (window, "payments_page");
    wait_for_page_stack (payments, "empty");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.record-payment", NULL));
    settle ();
    payment = find_toplevel (RCV_TYPE_PAYMENT_EDITOR);
    g_assert_nonnull (payment);
    g_assert_true (rcv_customer_list_find (RCV_CUSTOMER_LIST (gtk_drop_down_get_model (
                                             child (payment, "customer_dropdown"))),
                                           customer_id, &position));
    gtk_drop_down_set_selected (child (payment, "customer_dropdown"), position);
    type_into (child (payment, "date_row"), "04/10/2026");
    type_into (child (payment, "reference_row"), "Überweisung 4711");
    type_into (child (payment, "amount_row"), "100");
    g_assert_null (rcv_payment_editor_get_problem (payment));
    g_assert_nonnull (strstr (gtk_label_get_text (child (payment, "unapplied_label")), "0.00"));
    /* more than the payment, then more than is open: each refused, and said why */
    rcv_payment_editor_set_allocation (payment, 0, "150");
    g_assert_nonnull (strstr (rcv_payment_editor_get_problem (payment), "more than the payment"));
    g_assert_false (gtk_widget_is_sensitive (child (payment, "save_button")));
    type_into (child (payment, "amount_row"), "1000");
    rcv_payment_editor_set_allocation (payment, 0, "400");
    g_assert_nonnull (strstr (rcv_payment_editor_get_problem (payment), "2026-0042"));
    type_into (child (payment, "amount_row"), "100");
    rcv_payment_editor_set_allocation (payment, 0, "100");
    g_assert_null (rcv_payment_editor_get_problem (payment));
    screenshot (GTK_WIDGET (payment), "payment-editor");
    gtk_widget_activate_action (GTK_WIDGET (payment), "editor.save", NULL);
    settle ();
    g_assert_null (find_toplevel (RCV_TYPE_PAYMENT_EDITOR));

    after = rcv_ledger_get_invoice (db, stored->id, &error);
    g_assert_no_error (error);
    g_assert_cmpint (after->allocated, ==, 10000);
    g_assert_cmpint (rcv_ledger_get_open_amount (db, stored->id, NULL), ==, 28926);
    wait_for_page_stack (payments, "list");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (child (payments, "selection"))), ==, 1);
    screenshot (GTK_WIDGET (window), "payments");

    /* the balance shown follows */
    for (gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;;)
      {
        g_clear_object (&row);
        g_clear_pointer (&new_balance, g_free);
        row = g_list_model_get_item (G_LIST_MODEL (child (customers, "selection")), 0);
        g_object_get (row, "balance-text", &new_balance, NULL);
        if (strstr (new_balance, "289.26") != NULL)
          break;
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        g_main_context_iteration (NULL, FALSE);
      }

    /* the customer's page: balance by age, the open invoice, the payment, the history */
    rcv_customers_page_show_customer (customers, customer_id);
    settle ();
    {
      RcvCustomerWindow *account = find_toplevel (RCV_TYPE_CUSTOMER_WINDOW);

      g_assert_nonnull (account);
      g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (account)), ==, "Kunde Eins");
      gtk_window_set_default_size (GTK_WINDOW (account), 760, 1100);
      screenshot (GTK_WIDGET (account), "customer");
      gtk_window_destroy (GTK_WINDOW (account));
      settle ();
    }

    /* a payment kept as credit (its allocation emptied), then applied from the customer page */
    {
      RcvCustomerWindow *account;
      AdwMessageDialog *confirm;

      gtk_widget_activate_action (GTK_WIDGET (window), "win.record-payment", NULL);
      settle ();
      payment = find_toplevel (RCV_TYPE_PAYMENT_EDITOR);
      gtk_drop_down_set_selected (child (payment, "customer_dropdown"), position);
      type_into (child (payment, "date_row"), "2026-04-20");
      type_into (child (payment, "amount_row"), "50");
      rcv_payment_editor_set_allocation (payment, 0, "");
      g_assert_nonnull (strstr (gtk_label_get_text (child (payment, "unapplied_label")), "50.00"));
      gtk_widget_activate_action (GTK_WIDGET (payment), "editor.save", NULL);
      settle ();
      g_assert_cmpint (rcv_ledger_get_open_amount (db, stored->id, NULL), ==, 28926);

      rcv_customers_page_show_customer (customers, customer_id);
      settle ();
      account = find_toplevel (RCV_TYPE_CUSTOMER_WINDOW);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (account), "account.apply-credit",
                                                 NULL));
      settle ();
      confirm = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
      g_assert_nonnull (confirm);
      adw_message_dialog_response (confirm, "apply");
      settle ();
      g_assert_cmpint (rcv_ledger_get_open_amount (db, stored->id, NULL), ==, 23926);
      gtk_window_destroy (GTK_WINDOW (account));
      settle ();
    }

    /* and a paid-on invoice can no longer be voided */
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-invoice", "x", stored->id);
    settle ();
    editor = find_toplevel (RCV_TYPE_INVOICE_EDITOR);
    g_assert_false (gtk_widget_get_visible (child (editor, "void_button")));
    gtk_window_destroy (GTK_WINDOW (editor));
  }

  close_window (window);
  g_unlink (path);
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
  window = open_window (path);
  wait_for_content (window, "welcome");

  /* "Enter Company Profile…" opens the preferences; a name leaves the welcome */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  settle ();
  preferences = find_toplevel (RCV_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  type_into (child (preferences, "name_row"), "Beispiel & Partner");
  g_signal_emit_by_name (child (preferences, "name_row"), "apply");
  type_into (child (preferences, "iban_row"), "DE89 3704 0044 0532 0130 00");
  g_signal_emit_by_name (child (preferences, "iban_row"), "apply");
  g_assert_false (gtk_widget_has_css_class (child (preferences, "iban_row"), "error"));
  /* a wrong check digit is refused, and the good value stays in the file */
  type_into (child (preferences, "iban_row"), "DE88 3704 0044 0532 0130 00");
  g_signal_emit_by_name (child (preferences, "iban_row"), "apply");
  g_assert_true (gtk_widget_has_css_class (child (preferences, "iban_row"), "error"));
  type_into (child (preferences, "boundaries_row"), "30,60, 90,120");
  g_signal_emit_by_name (child (preferences, "boundaries_row"), "apply");
  screenshot (GTK_WIDGET (preferences), "preferences");
  gtk_window_destroy (GTK_WINDOW (preferences));
  wait_for_content (window, "ledger");

  db = rcv_database_open (path, RCV_DATABASE_FLAGS_READ_ONLY, NULL);
  name = rcv_database_get_setting (db, RCV_COMPANY_NAME);
  iban = rcv_database_get_setting (db, RCV_COMPANY_IBAN);
  g_assert_cmpstr (name, ==, "Beispiel & Partner");
  g_assert_cmpstr (iban, ==, "DE89 3704 0044 0532 0130 00");
  rcv_database_get_aging_boundaries (db, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Beispiel & Partner");

  close_window (window);
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
  window = open_window (path);
  wait_for_content (window, "ledger");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  settle ();
  preferences = find_toplevel (RCV_TYPE_PREFERENCES_WINDOW);
  row = child (preferences, "daily_check_row");
  toggle = child (preferences, "daily_check_switch");
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
  screenshot (GTK_WIDGET (preferences), "preferences-alerts");

  /* off: gone */
  g_assert_true (gtk_widget_activate (row));
  {
    gpointer args[] = { toggle, row, GINT_TO_POINTER (FALSE) };
    rcv_test_wait_until (daily_check_settled, args);
  }
  g_assert_false (rcv_daily_check_is_installed ());
  gtk_window_destroy (GTK_WINDOW (preferences));
  close_window (window);
  rcv_fake_notifications_stop (fake);
  g_unsetenv ("RCV_DAILY_CHECK");
}

static gboolean
no_policy_editor (gpointer data)
{
  return find_toplevel (RCV_TYPE_POLICY_EDITOR) == NULL;
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
  window = open_window (path);
  wait_for_content (window, "ledger");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  settle ();
  preferences = find_toplevel (RCV_TYPE_PREFERENCES_WINDOW);
  page = child (preferences, "policies_page");
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences), page);

  g_assert_true (gtk_widget_activate_action (page, "policies.new", NULL));
  settle ();
  editor = find_toplevel (RCV_TYPE_POLICY_EDITOR);
  g_assert_nonnull (editor);
  /* no complaint before anything is typed, but nothing to save either */
  g_assert_null (rcv_policy_editor_get_problem (editor));
  g_assert_false (gtk_widget_is_sensitive (child (editor, "save_button")));
  type_into (child (editor, "name_row"), "Trade");
  g_assert_null (rcv_policy_editor_get_problem (editor));
  g_assert_true (gtk_widget_is_sensitive (child (editor, "save_button")));

  /* each field checked as it is typed, with the reason shown and the field marked */
  type_into (child (editor, "terms_row"), "two weeks");
  g_assert_nonnull (strstr (rcv_policy_editor_get_problem (editor), "Payment terms"));
  g_assert_true (gtk_widget_has_css_class (child (editor, "terms_row"), "error"));
  g_assert_false (gtk_widget_is_sensitive (child (editor, "save_button")));
  type_into (child (editor, "terms_row"), "14");
  type_into (child (editor, "alert_second_row"), "45");
  type_into (child (editor, "alert_first_row"), "60");
  g_assert_nonnull (strstr (rcv_policy_editor_get_problem (editor), "Second alert"));
  type_into (child (editor, "alert_second_row"), "90");
  type_into (child (editor, "discount_percent_row"), "2");
  g_assert_nonnull (strstr (rcv_policy_editor_get_problem (editor), "within days"));
  type_into (child (editor, "discount_days_row"), "7");
  adw_combo_row_set_selected (child (editor, "interest_row"), RCV_INTEREST_FIXED);
  g_assert_true (gtk_widget_get_visible (child (editor, "rate_row")));
  g_assert_nonnull (strstr (rcv_policy_editor_get_problem (editor), "interest rate"));
  type_into (child (editor, "rate_row"), "9.5");
  type_into (child (editor, "limit_row"), "5000");
  type_into (child (editor, "agency_row"), "30");
  g_assert_nonnull (strstr (rcv_policy_editor_get_problem (editor), "last reminder"));
  type_into (child (editor, "agency_row"), "120");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-level", NULL));
  settle ();
  g_assert_null (rcv_policy_editor_get_problem (editor));

  /* the first level's letter text: the built-in one put in, a placeholder inserted */
  {
    GtkWidget *text_view = find_descendant (GTK_WIDGET (editor), GTK_TYPE_TEXT_VIEW);
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (gtk_widget_get_ancestor (text_view,
                                                                              ADW_TYPE_EXPANDER_ROW)),
                                   TRUE);
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
  screenshot (GTK_WIDGET (editor), "policy-editor");
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
  screenshot (GTK_WIDGET (preferences), "policies");

  /* the customers page gives the selected customers a policy */
  gtk_window_destroy (GTK_WINDOW (preferences));
  settle ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "customers");
  customers = child (window, "customers_page");
  wait_for_page_stack (customers, "list");
  /* nothing selected, nothing to ask */
  gtk_widget_activate_action (customers, "customers.assign-policy", NULL);
  settle ();
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  gtk_selection_model_select_all (child (customers, "selection"));
  g_assert_true (gtk_widget_activate_action (customers, "customers.assign-policy", NULL));
  settle ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog)), 2);
  screenshot (GTK_WIDGET (dialog), "assign-policy");
  adw_message_dialog_response (dialog, "assign");
  gtk_window_destroy (GTK_WINDOW (dialog));   /* a button's click closes it; a call does not */
  settle ();
  g_assert_cmpint (rcv_policy_count_customers (db, trade->id), ==, 1);

  /* deleting a policy in use asks where its customers go: nothing points at it after */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  settle ();
  preferences = find_toplevel (RCV_TYPE_PREFERENCES_WINDOW);
  page = child (preferences, "policies_page");
  g_assert_true (gtk_widget_activate_action (page, "policies.delete", "x", trade->id));
  settle ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (GTK_IS_DROP_DOWN (adw_message_dialog_get_extra_child (dialog)));
  adw_message_dialog_response (dialog, "delete");
  settle ();
  moved = rcv_ledger_get_customer (db, customer, &error);
  g_assert_cmpint (moved->policy_id, ==, 0);
  g_assert_cmpint (rcv_policy_count_customers (db, 0), ==, 1);
  g_clear_pointer (&policies, g_ptr_array_unref);
  policies = rcv_policy_list (db, &error);
  g_assert_cmpuint (policies->len, ==, 1);

  gtk_window_destroy (GTK_WINDOW (preferences));
  close_window (window);
  g_unlink (path);
}

static gboolean
no_invoice_editor (gpointer data)
{
  return find_toplevel (RCV_TYPE_INVOICE_EDITOR) == NULL;
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
  window = open_window (path);
  wait_for_content (window, "ledger");

  editor = rcv_invoice_editor_new (GTK_WINDOW (window), db, RCV_INVOICE_KIND_INVOICE, customer,
                                   &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (editor));
  type_into (child (editor, "number_row"), "2026-0100");
  rcv_invoice_editor_set_line (editor, 0, "Beratung", "1", "700.00", "0");
  settle ();
  g_assert_false (gtk_revealer_get_reveal_child (child (editor, "credit_revealer")));
  rcv_invoice_editor_set_line (editor, 0, "Beratung", "1", "900.00", "0");
  settle ();
  g_assert_true (gtk_revealer_get_reveal_child (child (editor, "credit_revealer")));
  warning = gtk_label_get_text (child (editor, "credit_label"));
  g_assert_nonnull (strstr (warning, "over its credit limit"));
  g_assert_nonnull (strstr (warning, "200.00"));     /* what it owes */
  g_assert_nonnull (strstr (warning, "1,000.00"));   /* its limit */
  g_assert_nonnull (strstr (warning, "100.00 too much"));
  screenshot (GTK_WIDGET (editor), "invoice-credit-warning");

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  settle ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "post"));
  type_into (adw_message_dialog_get_extra_child (dialog), "Agreed with the owner by phone");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "post"));
  screenshot (GTK_WIDGET (dialog), "credit-override");
  adw_message_dialog_response (dialog, "post");
  rcv_test_wait_until (no_invoice_editor, NULL);

  overrides = g_string_new (NULL);
  rcv_test_dump (overrides, path, "SELECT count(*) FROM audit WHERE action = 'credit-override'"
                                  " AND new_values LIKE '%by phone%'");
  g_assert_cmpstr (overrides->str, ==, "1|\n");

  close_window (window);
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
  window = open_window (path);
  wait_for_content (window, "error");
  g_assert_nonnull (adw_status_page_get_description (child (window, "error_page")));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Receivables");
  screenshot (GTK_WIDGET (window), "error");
  after = rcv_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  close_window (window);
  rcv_test_rmdir (dir);
}

/* Open invoices on a date, of a customer (0: all) and a bucket (−1: all), as the core ages
 * them: what the list behind a chart's element must show. */
static guint
count_open_invoices (RcvDatabase *db,
                     const GDate *as_of,
                     gint64       customer_id,
                     int          bucket)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = rcv_aging_list_items (db, as_of, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    {
      const RcvAgingItem *item = g_ptr_array_index (items, i);

      n += item->kind == RCV_AGING_ITEM_INVOICE &&
           (customer_id == 0 || item->customer_id == customer_id) &&
           (bucket < 0 || item->bucket == bucket);
    }
  return n;
}

/* Presses a key on a widget, through its key controller, as the keyboard would. */
static gboolean
press_key (gpointer widget,
           guint    keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  return handled;
}

/* Scrolls the page holding a widget so that the widget is at its top. */
static void
scroll_to (gpointer widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (widget, content, &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (adjustment, point.y - 60);
  settle ();
}

static gboolean
trend_is_drawn (gpointer overview)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (child (overview, "trend_stack")),
                    "chart") == 0;
}

static gboolean
revealed (gpointer revealer)
{
  return gtk_revealer_get_reveal_child (revealer);
}

static gboolean
chart_as_of_is (gpointer data)
{
  gpointer *args = data;
  RcvChart *chart = rcv_chart_view_get_chart (args[0]);

  return chart != NULL && g_date_compare (rcv_chart_get_as_of (chart), args[1]) == 0;
}

/* Lists the invoices behind a chart's element (as a click or Enter does) and waits for the
 * Invoices page to show exactly as many as the core counts. */
static void
activate_and_count (RcvWindow  *window,
                    gpointer    view,
                    guint       element,
                    guint       expected)
{
  gpointer invoices = child (window, "invoices_page");
  GListModel *rows = G_LIST_MODEL (child (invoices, "selection"));
  gpointer args[] = { rows, GUINT_TO_POINTER (expected) };

  g_signal_emit_by_name (view, "activated", element);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (child (window, "view_stack")), ==,
                   "invoices");
  rcv_test_wait_until (revealed, child (invoices, "scope_revealer"));
  rcv_test_wait_until (n_rows_is, args);
  wait_for_page_stack (invoices, expected > 0 ? "list" : "empty");
  for (guint i = 0; i < MIN (expected, 20); i++)
    {
      g_autoptr(RcvInvoiceItem) item = g_list_model_get_item (rows, i);

      g_assert_cmpint (rcv_invoice_item_get_open (item), >, 0);
    }
}

static void
test_overview_charts (void)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = rcv_test_tmpdir ();
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvAgingReport) report = NULL;
  g_autoptr(RcvChart) top = NULL;
  RcvWindow *window;
  gpointer overview, invoices, aging, customers, trend;
  RcvChartArea area;
  GDate today, month_end, past;
  guint n_bucket, n_bucket_3, n_customer, n_month, n_all;
  gint64 top_customer;
  const char *formats[] = { "png", "svg", "pdf" };

  rcv_date_set_today (&today);
  g_assert_true (rcv_demo_fill (db, &today, &error));
  g_assert_no_error (error);
  report = rcv_aging_report_new (db, &today, &error);
  top = rcv_chart_new_customers (report, rcv_database_get_currency (db), 10);
  top_customer = rcv_chart_get_customer_id (top, 0);
  n_bucket = count_open_invoices (db, &today, 0, 2);
  n_bucket_3 = count_open_invoices (db, &today, 0, 3);
  n_customer = count_open_invoices (db, &today, top_customer, -1);
  rcv_trend_month_ends (&today, 1, &month_end);
  n_month = count_open_invoices (db, &month_end, 0, -1);
  n_all = (guint) rcv_test_sql_int (path, "SELECT count (*) FROM invoices");
  g_assert_cmpuint (n_bucket, >, 0);
  g_assert_cmpuint (n_customer, >, 0);
  g_clear_object (&db);

  window = open_window (path);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 900);
  wait_for_content (window, "ledger");
  overview = child (window, "overview_page");
  invoices = child (window, "invoices_page");
  aging = child (overview, "aging_chart");
  customers = child (overview, "customers_chart");
  trend = child (overview, "trend_chart");
  wait_for_page_stack (overview, "figures");
  rcv_test_wait_until (trend_is_drawn, overview);
  settle ();

  /* the charts are drawn from today's figures, and their layout answers the pointer */
  g_assert_cmpuint (rcv_chart_get_n_elements (rcv_chart_view_get_chart (aging)), ==, 5);
  g_assert_cmpuint (rcv_chart_get_n_elements (rcv_chart_view_get_chart (customers)), ==, 10);
  g_assert_cmpuint (rcv_chart_get_n_elements (rcv_chart_view_get_chart (trend)), ==, 12);
  g_assert_true (rcv_chart_get_element_area (rcv_chart_view_get_chart (aging), 2, &area));
  g_assert_cmpint (rcv_chart_hit (rcv_chart_view_get_chart (aging), area.x + area.width / 2,
                                  area.y + area.height - 1), ==, 2);
  g_assert_true (gtk_widget_get_focusable (aging));
  screenshot (GTK_WIDGET (window), "overview");
  scroll_to (customers);
  screenshot (GTK_WIDGET (window), "chart-customers");
  scroll_to (child (overview, "trend_stack"));
  screenshot (GTK_WIDGET (window), "chart-trend");

  /* a bucket, a customer, a month: each lists its open invoices, as the core counts them */
  activate_and_count (window, aging, 2, n_bucket);
  screenshot (GTK_WIDGET (window), "invoices-from-chart");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview");
  activate_and_count (window, customers, 0, n_customer);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview");
  activate_and_count (window, trend, 11, n_month);

  /* by keyboard: the arrows move through the columns, Enter opens the one reached */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview");
  gtk_widget_grab_focus (aging);
  g_assert_true (press_key (aging, GDK_KEY_Right));
  g_assert_cmpint (rcv_chart_view_get_highlight (aging), ==, 0);
  g_assert_true (press_key (aging, GDK_KEY_Right));
  g_assert_cmpint (rcv_chart_view_get_highlight (aging), ==, 1);
  g_assert_true (press_key (aging, GDK_KEY_End));
  g_assert_cmpint (rcv_chart_view_get_highlight (aging), ==, 4);
  g_assert_true (press_key (aging, GDK_KEY_Right));
  g_assert_cmpint (rcv_chart_view_get_highlight (aging), ==, 4);
  g_assert_true (press_key (aging, GDK_KEY_Left));
  g_assert_cmpint (rcv_chart_view_get_highlight (aging), ==, 3);
  g_assert_false (press_key (aging, GDK_KEY_a));
  screenshot (GTK_WIDGET (window), "chart-keyboard");
  {
    gpointer args[] = { child (invoices, "selection"),
                        GUINT_TO_POINTER (n_bucket_3) };

    g_assert_true (press_key (aging, GDK_KEY_Return));
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (child (window, "view_stack")), ==,
                     "invoices");
    rcv_test_wait_until (n_rows_is, args);
  }

  /* Show All Invoices goes back to the whole ledger */
  g_assert_true (gtk_widget_activate_action (invoices, "invoices.clear-scope", NULL));
  g_assert_false (gtk_revealer_get_reveal_child (child (invoices, "scope_revealer")));
  {
    gpointer args[] = { child (invoices, "selection"), GUINT_TO_POINTER (n_all) };

    rcv_test_wait_until (n_rows_is, args);
  }

  /* another date in the calendar: the charts follow */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview");
  past = today;
  g_date_subtract_months (&past, 2);
  {
    g_autoptr(GDateTime) day = g_date_time_new_local (g_date_get_year (&past),
                                                       g_date_get_month (&past),
                                                       g_date_get_day (&past), 0, 0, 0);
    gpointer args[] = { aging, &past };

    gtk_calendar_select_day (child (child (overview, "date_button"), "calendar"), day);
    g_signal_emit_by_name (child (child (overview, "date_button"), "calendar"), "day-selected");
    rcv_test_wait_until (chart_as_of_is, args);
    args[0] = customers;
    rcv_test_wait_until (chart_as_of_is, args);
    rcv_test_wait_until (trend_is_drawn, overview);
  }
  g_assert_true (g_str_has_prefix (gtk_menu_button_get_label (child (child (overview,
                                                                          "date_button"),
                                                                   "menu_button")),
                                   "As of "));
  /* a date typed above the calendar, as en_US writes it; one that is not a day is refused */
  {
    GtkWidget *entry = child (child (overview, "date_button"), "entry");
    char typed[16];
    gpointer args[] = { aging, &today };

    type_into (entry, "02/30/2026");
    g_signal_emit_by_name (entry, "activate");
    g_assert_true (gtk_widget_has_css_class (entry, "error"));
    g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (entry), "not a date in the calendar"));
    g_snprintf (typed, sizeof typed, "%u/%u/%u", g_date_get_month (&today),
                g_date_get_day (&today), g_date_get_year (&today));
    type_into (entry, typed);
    g_assert_false (gtk_widget_has_css_class (entry, "error"));
    g_signal_emit_by_name (entry, "activate");
    rcv_test_wait_until (chart_as_of_is, args);
    g_assert_true (g_str_has_prefix (gtk_menu_button_get_label (child (child (overview,
                                                                            "date_button"),
                                                                     "menu_button")),
                                     "Today, "));
  }
  /* and back to the other date, for Today below */
  {
    gpointer args[] = { aging, &past };
    g_autoptr(GDateTime) day = g_date_time_new_local (g_date_get_year (&past),
                                                       g_date_get_month (&past),
                                                       g_date_get_day (&past), 0, 0, 0);

    gtk_calendar_select_day (child (child (overview, "date_button"), "calendar"), day);
    g_signal_emit_by_name (child (child (overview, "date_button"), "calendar"), "day-selected");
    rcv_test_wait_until (chart_as_of_is, args);
  }
  g_assert_true (gtk_widget_activate_action (child (overview, "date_button"),
                                             "date-button.today", NULL));
  {
    gpointer args[] = { aging, &today };

    rcv_test_wait_until (chart_as_of_is, args);
  }

  /* export in the three formats, as the file chooser's answer does */
  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree char *name = g_strdup_printf ("aging.%s", formats[f]);
      g_autofree char *file = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (rcv_overview_page_export_chart (overview, aging, file, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (file, &contents, &length, NULL));
      g_assert_cmpuint (length, >, 1000);
    }
  {
    g_autofree char *bad = g_build_filename (dir, "aging.bmp", NULL);

    g_assert_false (rcv_overview_page_export_chart (overview, aging, bad, &error));
    g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID);
    g_clear_error (&error);
  }

  close_window (window);
  rcv_test_rmdir (dir);
}

static gboolean
batch_is_done (gpointer data)
{
  return !gtk_revealer_get_reveal_child (child (data, "progress_revealer"));
}

static gboolean
n_letters_is (gpointer data)
{
  gpointer *args = data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (child (args[0], "stack")), "loading") != 0 &&
         rcv_reminders_page_get_n_letters (args[0]) == GPOINTER_TO_UINT (args[1]);
}

static GtkWidget *find_label     (GtkWidget  *widget,
                                  const char *text);
static void       wait_for_label (gpointer    widget,
                                  const char *text);

/* The Reminders page on the demo company: the letters due as the core counts them, a
 * preview, a print through GtkPrintOperation to a PDF, a PDF saved in a worker thread, and
 * the letters recorded, after which only the one left out is still due and the customer's
 * window lists the letter sent. */
static void
test_reminders (void)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = rcv_test_tmpdir ();
  g_autofree char *printed = g_build_filename (dir, "printed.pdf", NULL);
  g_autofree char *saved = g_build_filename (dir, "saved.pdf", NULL);
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvDunningRun) run = NULL;
  g_autoptr(GError) error = NULL;
  const RcvDunningLetter *first, *second, *third;
  RcvWindow *window;
  gpointer reminders, preview, level_drop_down;
  GDate today;
  gint64 lost;
  guint n;

  rcv_date_set_today (&today);
  g_assert_true (rcv_demo_fill (db, &today, &error));
  g_assert_no_error (error);
  /* a customer without an address: its letter is flagged before it is printed */
  lost = rcv_test_customer (db, "Z99", "Ohne Adresse GmbH");
  rcv_test_invoice (db, lost, "Z-1", "2020-01-01", "2020-01-31", 10000);
  run = rcv_dunning_run_new (db, &today, 0, NULL, &error);
  g_assert_no_error (error);
  n = run->letters->len;
  g_assert_cmpuint (n, >=, 3);
  first = g_ptr_array_index (run->letters, 0);
  second = g_ptr_array_index (run->letters, 1);
  third = g_ptr_array_index (run->letters, 2);
  g_clear_object (&db);

  window = open_window (path);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 900);
  wait_for_content (window, "ledger");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s",
                                             "reminders"));
  reminders = child (window, "reminders_page");
  preview = child (reminders, "preview");
  {
    gpointer args[] = { reminders, GUINT_TO_POINTER (n) };
    rcv_test_wait_until (n_letters_is, args);
  }
  wait_for_page_stack (reminders, "letters");
  g_assert_cmpuint (rcv_reminders_page_get_n_selected (reminders), ==, n);
  g_assert_cmpuint (rcv_letter_preview_get_n_pages (preview), >=, 1);
  g_assert_nonnull (strstr (gtk_label_get_text (child (reminders, "summary_label")),
                            "letters due"));
  /* named before printing: the letter without an address, and the demo's British ones
   * without a country; not the German ones, written like the company's own */
  g_assert_true (gtk_revealer_get_reveal_child (child (reminders, "address_revealer")));
  {
    const char *warning = gtk_label_get_text (child (reminders, "address_label"));

    g_assert_nonnull (strstr (warning, "Ohne Adresse GmbH"));
    g_assert_null (strstr (warning, "Malerbetrieb Farbenfroh"));
  }
  settle ();
  screenshot (GTK_WIDGET (window), "reminders");

  /* Enter on the first row leaves its letter out; select none and all */
  gtk_widget_grab_focus (child (reminders, "list_view"));
  g_signal_emit_by_name (child (reminders, "list_view"), "activate", 0);
  g_assert_cmpuint (rcv_reminders_page_get_n_selected (reminders), ==, n - 1);
  g_assert_true (gtk_widget_activate_action (reminders, "reminders.select-none", NULL));
  g_assert_cmpuint (rcv_reminders_page_get_n_selected (reminders), ==, 0);
  g_assert_false (gtk_revealer_get_reveal_child (child (reminders, "address_revealer")));
  g_assert_true (gtk_widget_activate_action (reminders, "reminders.select-all", NULL));
  rcv_reminders_page_set_selected (reminders, 0, FALSE);
  g_assert_cmpuint (rcv_reminders_page_get_n_selected (reminders), ==, n - 1);

  /* the third letter previewed goes out as the final notice: the level drop-down lists its
   * policy's levels, the one in turn marked */
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (
                                       child (reminders, "list_view"))), 2);
  level_drop_down = child (reminders, "level_drop_down");
  g_assert_true (gtk_widget_get_sensitive (level_drop_down));
  g_assert_cmpuint (gtk_drop_down_get_selected (level_drop_down), ==, third->level - 1);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (level_drop_down)), ==,
                    third->n_levels);
  {
    g_autoptr(GtkStringObject) in_turn =
      g_list_model_get_item (gtk_drop_down_get_model (level_drop_down), third->level - 1);

    g_assert_nonnull (strstr (gtk_string_object_get_string (in_turn), "(next in turn)"));
  }
  gtk_drop_down_set_selected (level_drop_down, third->n_levels - 1);
  settle ();

  /* printed through the print operation, exported to a PDF file */
  g_assert_cmpint (rcv_reminders_page_print (reminders, GTK_PRINT_OPERATION_ACTION_EXPORT,
                                             printed, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  g_assert_true (g_file_test (printed, G_FILE_TEST_EXISTS));
  if (rcv_test_have_program ("pdftotext"))
    {
      const char *argv[] = { "pdftotext", printed, "-", NULL };
      g_autofree char *text = rcv_test_run (argv);

      g_assert_nonnull (strstr (text, second->name));
      g_assert_null (strstr (text, first->name));
      g_assert_nonnull (strstr (text, g_array_index (second->items, RcvDunningItem, 0).number));
      g_assert_nonnull (strstr (text, "Beispiel Handel GmbH"));
    }

  /* saved as a PDF by a worker thread, with its progress */
  rcv_reminders_page_save_pdf (reminders, saved);
  g_assert_true (gtk_revealer_get_reveal_child (child (reminders, "progress_revealer")));
  rcv_test_wait_until (batch_is_done, reminders);
  g_assert_true (g_file_test (saved, G_FILE_TEST_EXISTS));
  if (rcv_test_have_program ("pdftotext"))
    {
      const char *argv[] = { "pdftotext", saved, "-", NULL };
      g_autofree char *text = rcv_test_run (argv);

      g_assert_nonnull (strstr (text, second->name));
      g_assert_null (strstr (text, first->name));
    }

  /* another connection (a timer, a second bookkeeper) records one of the chosen letters
   * meanwhile: the window records the others, not that one a second time, and says so. (In
   * this process: the real receivables-cli would meet issue 23's first point, the window's
   * POSIX locks dropped by rcv-database.c, which another branch fixes.) */
  {
    g_autoptr(RcvDatabase) other = rcv_database_open (path, RCV_DATABASE_FLAGS_NONE, &error);
    g_autoptr(RcvDunningRun) other_run = NULL;
    guint n_skipped = G_MAXUINT;

    g_assert_no_error (error);
    other_run = rcv_dunning_run_new (other, &today, second->customer_id, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (other_run->letters->len, ==, 1);
    g_assert_true (rcv_dunning_record (other,
                                       (const RcvDunningLetter *const *) other_run->letters->pdata,
                                       1, NULL, &n_skipped, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_skipped, ==, 0);
  }

  /* recorded: only the letter left out is still due */
  g_assert_true (rcv_reminders_page_record_selected (reminders, &error));
  g_assert_no_error (error);
  wait_for_label (window, "1 letter was not recorded: another program recorded it as sent "
                          "meanwhile");
  {
    gpointer args[] = { reminders, GUINT_TO_POINTER (1) };
    rcv_test_wait_until (n_letters_is, args);
  }
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM letters"), ==, n - 1);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT level FROM letters WHERE customer_id = %"
                                            G_GINT64_FORMAT, third->customer_id);

    g_assert_cmpint (rcv_test_sql_int (path, sql), ==, third->n_levels);
  }
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM (SELECT 1 FROM letter_items"
                                           " GROUP BY invoice_id, level HAVING count (*) > 1)"),
                   ==, 0);

  /* the customer's window lists the letter sent */
  {
    RcvCustomerWindow *account = rcv_customer_window_new (GTK_WINDOW (window),
                                                          rcv_window_get_database (window),
                                                          second->customer_id, &error);
    gboolean found = FALSE;

    g_assert_no_error (error);
    gtk_window_present (GTK_WINDOW (account));
    settle ();
    for (GtkWidget *group = gtk_widget_get_first_child (child (account, "groups_box"));
         group != NULL; group = gtk_widget_get_next_sibling (group))
      if (g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)),
                     "Letters Sent") == 0)
        found = TRUE;
    g_assert_true (found);
    screenshot (GTK_WIDGET (account), "customer-letters");
    gtk_window_destroy (GTK_WINDOW (account));
  }

  close_window (window);
  rcv_test_rmdir (dir);
}

static gboolean
n_notifications_is (gpointer data)
{
  gpointer *args = data;

  return rcv_fake_notifications_count (args[0]) == GPOINTER_TO_UINT (args[1]);
}

static gboolean
customer_window_shown (gpointer data)
{
  RcvCustomerWindow *window = find_toplevel (RCV_TYPE_CUSTOMER_WINDOW);

  return window != NULL && rcv_customer_window_get_customer_id (window) == *(gint64 *) data;
}

static gboolean
one_letter_chosen (gpointer reminders)
{
  return rcv_reminders_page_get_n_letters (reminders) > 0 &&
         rcv_reminders_page_get_n_selected (reminders) == 1;
}

/* The window checks at start: a notification per account past 60 or 90 days; "Open
 * Account" on one, through D-Bus, opens that customer; "Prepare Reminder" chooses its
 * letter alone on the Reminders page. */
static void
test_notifications (void)
{
  RcvFakeNotifications *fake = rcv_fake_notifications_start (RCV_FAKE_ACTIONS | RCV_FAKE_MARKUP);
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvFakeNotification) first = NULL;
  g_autoptr(RcvFakeNotification) second = NULL;
  char issue[RCV_ISO_DATE_LEN], due_95[RCV_ISO_DATE_LEN], due_65[RCV_ISO_DATE_LEN];
  gint64 smith, jones;
  RcvWindow *window;
  gpointer reminders;
  GDate day;

  rcv_date_set_today (&day);
  g_date_subtract_days (&day, 95);
  rcv_date_to_iso (&day, due_95);
  g_date_add_days (&day, 30);
  rcv_date_to_iso (&day, due_65);
  g_date_subtract_days (&day, 60);
  rcv_date_to_iso (&day, issue);
  smith = rcv_test_customer (db, "K1", "Smith & <Sons>");
  jones = rcv_test_customer (db, "K2", "Jones Ltd");
  rcv_test_invoice (db, smith, "R-1", issue, due_95, 120000);
  rcv_test_invoice (db, jones, "R-2", issue, due_65, 30000);
  g_clear_object (&db);

  window = open_window (path);
  wait_for_content (window, "ledger");
  {
    gpointer args[] = { fake, GUINT_TO_POINTER (2) };
    rcv_test_wait_until (n_notifications_is, args);
  }
  first = rcv_fake_notifications_get (fake, 0);
  second = rcv_fake_notifications_get (fake, 1);
  /* names and numbers are isolates of their own (U+2068 … U+2069), see rcv-text.c */
  g_assert_cmpstr (first->summary, ==, "\u2068Smith & <Sons>\u2069 is 95 days overdue");
  g_assert_true (g_str_has_prefix (first->body, "\u2068Smith &amp; &lt;Sons&gt;\u2069: "));
  g_assert_nonnull (strstr (first->body,
                            "1,200.00 overdue\nOldest invoice: \u2068R-1\u2069, due "));
  g_assert_cmpstr (second->summary, ==, "\u2068Jones Ltd\u2069 is 65 days overdue");
  g_assert_cmpstr (first->app_icon, ==, APPLICATION_ID);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM alerts"), ==, 3);

  /* Open Account: the customer's window, over the company's */
  rcv_fake_notifications_invoke (fake, second->id, "open-account");
  rcv_test_wait_until (customer_window_shown, &jones);
  gtk_window_destroy (GTK_WINDOW (find_toplevel (RCV_TYPE_CUSTOMER_WINDOW)));

  /* Prepare Reminder: Smith's letter alone, on the Reminders page */
  reminders = child (window, "reminders_page");
  rcv_fake_notifications_invoke (fake, first->id, "prepare-reminder");
  rcv_test_wait_until (one_letter_chosen, reminders);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (child (window, "view_stack")), ==,
                   "reminders");
  wait_for_page_stack (reminders, "letters");
  screenshot (GTK_WIDGET (window), "reminder-from-notification");

  /* a second window start the same day tells nothing again */
  close_window (window);
  window = open_window (path);
  wait_for_content (window, "ledger");
  settle ();
  g_assert_cmpuint (rcv_fake_notifications_count (fake), ==, 2);
  close_window (window);
  rcv_fake_notifications_stop (fake);
}

/* A window on the sample company, filled and showing its overview. */
static RcvWindow *
open_sample (char **out_path)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (out_path);
  RcvWindow *window;

  g_clear_object (&db);
  window = open_window (*out_path);
  wait_for_content (window, "welcome");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL));
  wait_for_content (window, "ledger");
  wait_for_page_stack (child (window, "overview_page"), "figures");
  return window;
}

/* Counts the focusable controls of a window that a screen reader reaches, and those of them
 * without a name (or, for a chart, without a description), each listed. */
static void
check_all_named (gpointer  window,
                 guint    *n_checked,
                 guint    *n_unnamed)
{
  const char *title = gtk_window_get_title (window);
  g_autoptr(RcvAtspiReport) report = NULL;

  settle ();
  report = rcv_atspi_walk (title);
  if (report == NULL)
    return;
  for (guint i = 0; i < report->unnamed->len; i++)
    {
      const char *problem = g_ptr_array_index (report->unnamed, i);

      /* libadwaita 1.2's own search entry of a preferences window, switched off here
       * (search-enabled is FALSE) and never shown, but visible to GTK 4.8's AT-SPI */
      if (RCV_IS_PREFERENCES_WINDOW (window) &&
          g_str_has_prefix (problem, "search box 'GtkSearchEntry' in "))
        continue;
      g_test_message ("%s: unnamed %s", title, problem);
      *n_unnamed += 1;
    }
  g_test_message ("%s: %u focusable controls, %u charts", title, report->n_focusable,
                  report->n_images);
  g_assert_cmpuint (report->n_focusable, >, 0);
  *n_checked += report->n_focusable;
}

static void
test_accessibility (void)
{
  g_autofree char *path = NULL;
  static const char *pages[][3] = {
    { "overview", "overview_page", "figures" }, { "customers", "customers_page", "list" },
    { "invoices", "invoices_page", "list" }, { "payments", "payments_page", "list" },
    { "reminders", "reminders_page", "letters" },
  };
  static const char *editors[] = { "win.new-customer", "win.new-invoice", "win.new-credit-note",
                                   "win.record-payment" };
  GType editor_types[] = { RCV_TYPE_CUSTOMER_EDITOR, RCV_TYPE_INVOICE_EDITOR,
                           RCV_TYPE_INVOICE_EDITOR, RCV_TYPE_PAYMENT_EDITOR };
  RcvWindow *window;
  RcvPreferencesWindow *preferences;
  GtkWindow *dialog;
  guint n_checked = 0, n_unnamed = 0;

  if (g_strcmp0 (g_getenv ("GTK_A11Y"), "none") == 0)
    {
      g_test_skip ("accessibility is off in this run: the ui-a11y test runs this one");
      return;
    }
  window = open_sample (&path);
  /* AT-SPI shows the pages that are not on screen too: one walk after each has been shown */
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", pages[i][0]);
      wait_for_page_stack (child (window, pages[i][1]), pages[i][2]);
    }
  check_all_named (window, &n_checked, &n_unnamed);

  for (guint i = 0; i < G_N_ELEMENTS (editors); i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), editors[i], NULL));
      settle ();
      dialog = find_toplevel (editor_types[i]);
      g_assert_nonnull (dialog);
      check_all_named (dialog, &n_checked, &n_unnamed);
      gtk_window_destroy (dialog);
    }

  rcv_customers_page_show_customer (child (window, "customers_page"), 1);
  settle ();
  dialog = find_toplevel (RCV_TYPE_CUSTOMER_WINDOW);
  g_assert_nonnull (dialog);
  check_all_named (dialog, &n_checked, &n_unnamed);
  gtk_window_destroy (dialog);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  settle ();
  preferences = find_toplevel (RCV_TYPE_PREFERENCES_WINDOW);
  /* its three pages are all in the tree, shown or not */
  check_all_named (preferences, &n_checked, &n_unnamed);
  gtk_widget_activate_action (child (preferences, "policies_page"), "policies.new", NULL);
  settle ();
  dialog = find_toplevel (RCV_TYPE_POLICY_EDITOR);
  g_assert_nonnull (dialog);
  check_all_named (dialog, &n_checked, &n_unnamed);
  gtk_window_destroy (dialog);
  gtk_window_destroy (GTK_WINDOW (preferences));

  /* GtkShortcutsWindow is GTK's own: in 4.8 its search entry, search button and section
   * menu have no names, which no application can give them. It is left out. */

  g_test_message ("%u controls in all, %u without a name", n_checked, n_unnamed);
  g_assert_cmpuint (n_unnamed, ==, 0);
  g_assert_cmpuint (n_checked, >, 100);
  close_window (window);
  g_unlink (path);
}

#ifdef HAVE_XTEST
/* Presses keys on the X server's keyboard (XTEST), modifiers first, as a person does: the
 * events reach the focused window through X, GTK's shortcuts and focus handling. */
static void
keyboard (KeySym modifier1,
          KeySym modifier2,
          KeySym key)
{
  Display *display = gdk_x11_display_get_xdisplay (gdk_display_get_default ());
  KeySym keys[] = { modifier1, modifier2, key };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (keys[i] != NoSymbol)
      XTestFakeKeyEvent (display, XKeysymToKeycode (display, keys[i]), True, CurrentTime);
  for (guint i = G_N_ELEMENTS (keys); i-- > 0;)
    if (keys[i] != NoSymbol)
      XTestFakeKeyEvent (display, XKeysymToKeycode (display, keys[i]), False, CurrentTime);
  XFlush (display);
  settle ();
}

#define key(k) keyboard (NoSymbol, NoSymbol, (k))
#define ctrl(k) keyboard (XK_Control_L, NoSymbol, (k))
#define alt(k) keyboard (XK_Alt_L, NoSymbol, (k))

static gboolean
is_active (gpointer window)
{
  return gtk_window_is_active (window);
}

/* Xvfb runs no window manager: when a window closes, nobody gives the focus back to the one
 * below, so the test does what the window manager would. */
static void
refocus (gpointer window)
{
  gtk_window_present (window);
  rcv_test_wait_until (is_active, window);
}

/* Keys that open a window of a type: the window, with the focus */
static gpointer
keys_open (KeySym modifier1,
           KeySym modifier2,
           KeySym key,
           GType  type)
{
  gpointer other;

  keyboard (modifier1, modifier2, key);
  other = find_toplevel (type);
  g_assert_nonnull (other);
  refocus (other);
  return other;
}

/* Esc closes the window of a type on top, and the focus goes back to the window below */
static void
escape_closes (gpointer below,
               GType    type)
{
  key (XK_Escape);
  g_assert_null (find_toplevel (type));
  refocus (below);
}

static GtkWidget *
focus_of (gpointer window)
{
  return gtk_window_get_focus (GTK_WINDOW (window));
}

/* Presses Tab until the focus is inside a widget; fails after as many presses as a page has
 * controls, and checks on the way that the focus only lands on controls one can see. */
static void
tab_to (gpointer window,
        gpointer target)
{
  for (int i = 0; i < 60; i++)
    {
      GtkWidget *focus = focus_of (window);

      if (focus != NULL && (focus == target || gtk_widget_is_ancestor (focus, target)))
        return;
      if (focus != NULL)
        g_assert_true (gtk_widget_is_drawable (focus));
      key (XK_Tab);
    }
  g_assert_not_reached ();
}

static const char *
visible_page (RcvWindow *window)
{
  return adw_view_stack_get_visible_child_name (child (window, "view_stack"));
}
#endif

/* The main pages walked with the keyboard alone: pages by Alt+number, Tab to the lists and
 * charts, arrows and Enter in them, the editors opened by their shortcuts and closed by Esc. */
static void
test_keyboard (void)
{
#ifdef HAVE_XTEST
  g_autofree char *path = NULL;
  RcvWindow *window;
  gpointer customers, invoices, reminders, overview, chart;
  GtkWindow *other;
  int highlight;

  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_test_skip ("not on an X server: no XTEST to press keys with");
      return;
    }
  window = open_sample (&path);
  /* the pointer away from the window, in the screen's far corner: the keyboard alone */
  {
    Display *display = gdk_x11_display_get_xdisplay (gdk_display_get_default ());

    XTestFakeMotionEvent (display, -1, DisplayWidth (display, DefaultScreen (display)) - 1,
                          DisplayHeight (display, DefaultScreen (display)) - 1, CurrentTime);
  }
  refocus (window);

  /* Alt+2: the customers; Tab into the list, Down, Enter opens the account; Esc closes it */
  alt (XK_2);
  g_assert_cmpstr (visible_page (window), ==, "customers");
  customers = child (window, "customers_page");
  tab_to (window, child (customers, "column_view"));
  key (XK_Down);
  keys_open (NoSymbol, NoSymbol, XK_Return, RCV_TYPE_CUSTOMER_WINDOW);
  escape_closes (window, RCV_TYPE_CUSTOMER_WINDOW);

  /* Ctrl+F: the search of the page shown; typing filters it */
  ctrl (XK_f);
  g_assert_true (gtk_widget_is_ancestor (focus_of (window), child (customers, "search_entry")));
  key (XK_z);
  key (XK_z);
  key (XK_z);
  wait_for_page_stack (customers, "no-results");
  key (XK_BackSpace);
  key (XK_BackSpace);
  key (XK_BackSpace);
  wait_for_page_stack (customers, "list");

  /* Ctrl+N: a new invoice, its first field focused; Esc closes it, nothing typed */
  other = keys_open (XK_Control_L, NoSymbol, XK_n, RCV_TYPE_INVOICE_EDITOR);
  g_assert_nonnull (focus_of (other));
  escape_closes (window, RCV_TYPE_INVOICE_EDITOR);

  /* Alt+3: the invoices, into the list; Alt+4 and Ctrl+P: a payment, closed by Esc */
  alt (XK_3);
  g_assert_cmpstr (visible_page (window), ==, "invoices");
  invoices = child (window, "invoices_page");
  tab_to (window, child (invoices, "column_view"));
  alt (XK_4);
  g_assert_cmpstr (visible_page (window), ==, "payments");
  keys_open (XK_Control_L, NoSymbol, XK_p, RCV_TYPE_PAYMENT_EDITOR);
  escape_closes (window, RCV_TYPE_PAYMENT_EDITOR);

  /* Alt+5: the letters due; Tab into the list, Down moves the preview to the next letter */
  alt (XK_5);
  g_assert_cmpstr (visible_page (window), ==, "reminders");
  reminders = child (window, "reminders_page");
  wait_for_page_stack (reminders, "letters");
  tab_to (window, child (reminders, "list_view"));
  {
    GtkSelectionModel *letters = gtk_list_view_get_model (child (reminders, "list_view"));
    gboolean first_selected;

    key (XK_Home);
    first_selected = gtk_selection_model_is_selected (letters, 0);
    key (XK_Down);
    g_assert_true (first_selected);
    g_assert_true (gtk_selection_model_is_selected (letters, 1));
  }

  /* Alt+1: the overview; Tab to the aging chart, arrows move between its buckets */
  alt (XK_1);
  g_assert_cmpstr (visible_page (window), ==, "overview");
  overview = child (window, "overview_page");
  chart = child (overview, "aging_chart");
  tab_to (window, chart);
  key (XK_Home);
  highlight = rcv_chart_view_get_highlight (chart);
  key (XK_Right);
  g_assert_cmpint (rcv_chart_view_get_highlight (chart), ==, highlight + 1);
  /* Enter lists the bucket's invoices on the Invoices page */
  key (XK_Return);
  g_assert_cmpstr (visible_page (window), ==, "invoices");

  /* Ctrl+comma: the preferences, closed by Esc */
  keys_open (XK_Control_L, NoSymbol, XK_comma, RCV_TYPE_PREFERENCES_WINDOW);
  escape_closes (window, RCV_TYPE_PREFERENCES_WINDOW);

  /* Ctrl+?: the keyboard shortcuts, closed by Esc */
  other = keys_open (XK_Control_L, XK_Shift_L, XK_question, GTK_TYPE_SHORTCUTS_WINDOW);
  screenshot (GTK_WIDGET (other), "shortcuts");
  escape_closes (window, GTK_TYPE_SHORTCUTS_WINDOW);

  close_window (window);
  g_unlink (path);
#else
  g_test_skip ("built without XTEST: no keys to press");
#endif
}

/* The first label under a widget whose text contains a string, depth first. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = NULL;

      if (GTK_IS_LABEL (c) && strstr (gtk_label_get_text (GTK_LABEL (c)), text) != NULL)
        return c;
      found = find_label (c, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
page_title (RcvWindow  *window,
            const char *name)
{
  AdwViewStack *stack = child (window, "view_stack");

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
  gpointer customers;
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
  rcv_test_invoice (db, customer, "R-1", "2026-01-05", "2026-02-04", 123456);
  g_clear_object (&db);

  window = open_window (path);
  wait_for_content (window, "ledger");
  wait_for_page_stack (child (window, "overview_page"), "figures");
  g_assert_cmpstr (page_title (window, "overview"), ==, "Übersicht");
  g_assert_cmpstr (page_title (window, "customers"), ==, "Kunden");
  g_assert_cmpstr (page_title (window, "invoices"), ==, "Rechnungen");
  g_assert_cmpstr (page_title (window, "payments"), ==, "Zahlungen");
  g_assert_cmpstr (page_title (window, "reminders"), ==, "Mahnungen");
  /* the total outstanding in the overview's figures */
  g_assert_nonnull (find_label (child (child (window, "overview_page"), "figures_box"),
                                "1.234,56 €"));
  screenshot (GTK_WIDGET (window), "overview-de");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "customers");
  customers = child (window, "customers_page");
  wait_for_page_stack (customers, "list");
  settle ();
  g_assert_nonnull (find_label (child (customers, "column_view"), "1.234,56 €"));
  g_assert_nonnull (find_label (child (customers, "column_view"), "Erste Kundin"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "invoices");
  wait_for_page_stack (child (window, "invoices_page"), "list");
  settle ();
  /* the due date as Germans write it */
  g_assert_nonnull (find_label (child (child (window, "invoices_page"), "column_view"),
                                "04.02.2026"));
  screenshot (GTK_WIDGET (window), "invoices-de");

  /* the letter's level in the window's language: a built-in title is stored as "" and shown
   * translated, whatever language the company was created in */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "reminders");
  {
    gpointer reminders = child (window, "reminders_page");
    gpointer args[] = { reminders, GUINT_TO_POINTER (1) };
    g_autoptr(GtkStringObject) level = NULL;

    rcv_test_wait_until (n_letters_is, args);
    wait_for_page_stack (reminders, "letters");
    settle ();
    level = g_list_model_get_item (gtk_drop_down_get_model (child (reminders, "level_drop_down")),
                                   0);
    g_assert_cmpstr (gtk_string_object_get_string (level), ==,
                     "1. Zahlungserinnerung (ist an der Reihe)");
    screenshot (GTK_WIDGET (window), "reminders-de");
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
    settle ();
    screenshot (GTK_WIDGET (editor), "policy-editor-de");
    gtk_window_destroy (GTK_WINDOW (editor));
  }

  close_window (window);
  g_unlink (path);
}

/* GTK 4.8 with libadwaita 1.2's stylesheet measures a key cap label of the shortcuts window
 * at -3 pixels and warns; that warning (and only that) is written, not made fatal. */
static GLogWriterOutput
log_writer (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         data)
{
  const char *domain = NULL, *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
      domain = fields[i].value;
    else if (g_str_equal (fields[i].key, "MESSAGE"))
      message = fields[i].value;
  if (g_strcmp0 (domain, "Gtk") == 0 && message != NULL &&
      g_str_has_prefix (message, "GtkLabel ") && strstr (message, "reported min width -") != NULL)
    return g_log_writer_standard_streams (level & ~G_LOG_FLAG_FATAL, fields, n_fields, data);
  return g_log_writer_default (level, fields, n_fields, data);
}


static gboolean
label_shown (gpointer data)
{
  gpointer *args = data;

  return find_label (args[0], args[1]) != NULL;
}

static void
wait_for_label (gpointer    widget,
                const char *text)
{
  gpointer args[] = { widget, (gpointer) text };


  rcv_test_wait_until (label_shown, args);
}

static AdwMessageDialog *
open_dialog (gpointer    window,
             const char *action)
{
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  settle ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
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
  settle ();
}

/* Scrolls a window's page to the group with this title. */
static void
scroll_to_group (gpointer    window,
                 const char *title)
{
  GtkWidget *box = child (window, "groups_box");
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
        settle ();
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
  RcvWindow *window = open_sample (&path);
  RcvDatabase *db = rcv_window_get_database (window);
  const RcvCollectionsAccount *urgent;
  g_autofree char *suggested = NULL;
  RcvCustomerWindow *account;
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

  account = rcv_customer_window_new (GTK_WINDOW (window), db, urgent->customer_id, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (account));
  wait_for_label (account, "Advice: ");
  g_assert_nonnull (find_label (GTK_WIDGET (account), urgent->reasoning));
  g_assert_nonnull (find_label (GTK_WIDGET (account), "Payer behaviour, last 12 months"));
  g_assert_nonnull (find_label (GTK_WIDGET (account), "Through an agency now"));

  /* a call logged: in the file and in the page's history */
  dialog = open_dialog (account, "account.log-contact");
  type_into (entry_row_of (dialog, 0), "Promised to call back on Friday");
  respond (dialog, "save");
  wait_for_label (account, "Promised to call back on Friday");
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM contacts WHERE kind = 'call'"),
                   ==, 1);

  /* a plan: refused while the amount is not one, then three instalments */
  dialog = open_dialog (account, "account.add-plan");
  type_into (entry_row_of (dialog, 0), "abc");
  settle ();
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  type_into (entry_row_of (dialog, 0), "300.00");
  settle ();
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  screenshot (GTK_WIDGET (dialog), "payment-plan");
  respond (dialog, "save");
  wait_for_label (account, "Payment plan since");
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM plan_instalments"), ==, 3);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT sum (amount) FROM plan_instalments"), ==,
                   30000);
  wait_for_label (account, "Payer behaviour");
  scroll_to_group (account, "Collections");
  screenshot (GTK_WIDGET (account), "customer-collections");

  /* the hand-over: refused without an agency */
  dialog = open_dialog (account, "account.hand-over");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  type_into (entry_row_of (dialog, 0), "Inkasso Nord");
  settle ();
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  respond (dialog, "save");
  wait_for_label (account, "With Inkasso Nord since");
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT commission_bp FROM collection_accounts"
                                           " WHERE agency = 'Inkasso Nord'"), ==, 2500);

  /* Export for the Agency… asks for the summary's PDF, named after the customer; cancelled,
   * it leaves no chooser behind (the last test to open one: under Xvfb without a window
   * manager, a chooser once shown leaves the keyboard tests' key presses astray) */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (account), "account.export-agency",
                                             NULL));
  rcv_test_wait_until (toplevel_is_shown, GSIZE_TO_POINTER (GTK_TYPE_FILE_CHOOSER_DIALOG));
  chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (chooser), ==, "Export for the Agency");
  suggested = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_true (g_str_has_suffix (suggested, " for the agency.pdf"));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  settle ();
  g_assert_null (find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  gtk_window_destroy (GTK_WINDOW (account));

  /* a dispute from the invoice's viewer */
  open = rcv_ledger_list_open_items (db, urgent->customer_id, RCV_INVOICE_KIND_INVOICE, &error);
  g_assert_no_error (error);
  viewer = rcv_invoice_editor_new_viewer (GTK_WINDOW (window), db,
                                          ((RcvOpenItem *) g_ptr_array_index (open, 0))->id,
                                          &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (viewer));
  settle ();
  g_assert_true (gtk_widget_get_visible (child (viewer, "dispute_button")));
  g_assert_false (gtk_widget_get_visible (child (viewer, "dispute_row")));
  dialog = open_dialog (viewer, "editor.dispute");
  type_into (find_descendant (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_ENTRY),
             "Delivered damaged");
  respond (dialog, "dispute");
  g_assert_true (gtk_widget_get_visible (child (viewer, "dispute_row")));
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM disputes"
                                           " WHERE resolved_on IS NULL"), ==, 1);
  screenshot (GTK_WIDGET (viewer), "invoice-disputed");
  gtk_window_destroy (GTK_WINDOW (viewer));

  /* the curve in Preferences: a bad one refused, a good one kept as the file keeps it */
  preferences = rcv_preferences_window_new (GTK_WINDOW (window), db);
  gtk_window_present (GTK_WINDOW (preferences));
  settle ();
  g_assert_cmpstr (gtk_editable_get_text (child (preferences, "curve_row")), ==,
                   "90:73, 180:50, 365:25, 730:10");
  type_into (child (preferences, "curve_row"), "90:73, 60:80");
  g_signal_emit_by_name (child (preferences, "curve_row"), "apply");
  settle ();
  g_assert_true (gtk_widget_has_css_class (child (preferences, "curve_row"), "error"));
  type_into (child (preferences, "curve_row"), "60:80,365:30");
  g_signal_emit_by_name (child (preferences, "curve_row"), "apply");
  settle ();
  g_assert_false (gtk_widget_has_css_class (child (preferences, "curve_row"), "error"));
  g_assert_cmpstr (gtk_editable_get_text (child (preferences, "curve_row")), ==, "60:80, 365:30");
  gtk_window_destroy (GTK_WINDOW (preferences));

  /* the customer list sorts by payer behaviour */
  {
    RcvCustomersPage *customers = child (window, "customers_page");
    GListModel *columns = gtk_column_view_get_columns (child (customers, "column_view"));
    GtkColumnViewColumn *late = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
      {
        g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

        if (g_strcmp0 (gtk_column_view_column_get_title (column), "Avg. Days Late") == 0)
          late = column;
      }
    g_assert_nonnull (late);
    g_assert_nonnull (gtk_column_view_column_get_sorter (late));
    adw_view_stack_set_visible_child_name (child (window, "view_stack"), "customers");
    gtk_column_view_sort_by_column (child (customers, "column_view"), late,
                                    GTK_SORT_DESCENDING);
    settle ();
    screenshot (GTK_WIDGET (window), "customers-by-lateness");
  }

  close_window (window);
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
  settle ();
  editor = find_toplevel (RCV_TYPE_CUSTOMER_EDITOR);
  g_assert_nonnull (editor);
  type_into (child (editor, "code_row"), code);
  type_into (child (editor, "name_row"), name);
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
  window = open_window (path);
  wait_for_content (window, "ledger");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "customers");
  customers = child (window, "customers_page");
  wait_for_page_stack (customers, "list");
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
  settle ();
  g_assert_null (find_toplevel (RCV_TYPE_CUSTOMER_EDITOR));
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM customers WHERE code = 'K3'"),
                   ==, 1);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM customers"), ==, 3);
  rows = G_LIST_MODEL (child (customers, "selection"));
  {
    gpointer args[] = { rows, GUINT_TO_POINTER (3) };

    rcv_test_wait_until (n_rows_is, args);
  }
  wait_for_page_stack (customers, "list");

  /* another program writing for longer than the window waits: nothing is reported saved */
  g_assert_cmpint (sqlite3_open (path, &holder), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder, "BEGIN EXCLUSIVE; INSERT INTO settings (key, value)"
                                 " VALUES ('held', 'by another program')", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  editor = new_customer_typed (window, "K4", "Nicht gespeichert");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  settle ();
  g_assert_true (find_toplevel (RCV_TYPE_CUSTOMER_EDITOR) == editor);
  g_assert_nonnull (strstr (rcv_customer_editor_get_problem (editor), "locked"));
  sqlite3_exec (holder, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (holder);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  settle ();
  g_assert_null (find_toplevel (RCV_TYPE_CUSTOMER_EDITOR));
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM customers WHERE code = 'K4'"),
                   ==, 1);

  close_window (window);
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

  window = open_window (path);
  wait_for_content (window, "ledger");

  /* the policy's row in the preferences, the level's row in its editor */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  settle ();
  preferences = find_toplevel (RCV_TYPE_PREFERENCES_WINDOW);
  page = child (preferences, "policies_page");
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences), page);
  settle ();
  g_assert_true (shows_text (page, policy_name));
  editor = rcv_policy_editor_new (GTK_WINDOW (preferences), rcv_window_get_database (window),
                                  policy->id, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (editor));
  settle ();
  expander = find_descendant (GTK_WIDGET (editor), ADW_TYPE_EXPANDER_ROW);
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
  close_window (window);
}

static void
on_page_finalized (gpointer  data,
                   GObject  *where_the_object_was)
{
  GThread **thread = data;

  *thread = g_thread_self ();
}

static gboolean
thread_is_set (gpointer data)
{
  return *(GThread **) data != NULL;
}

/* The window closed while the Reminders page's PDF batch runs in its worker thread: the page
 * goes on the main thread, never on the worker (whose task data holds only plain data), and
 * nothing logs a critical (G_DEBUG=fatal-criticals). Which thread drops the task last is up
 * to the scheduler, so the test cannot force the old fault; it runs the race a few times. */
static void
test_pdf_batch_closed (void)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = rcv_test_tmpdir ();
  g_autoptr(GError) error = NULL;
  GDate today;

  {
    g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);

    rcv_date_set_today (&today);
    g_assert_true (rcv_demo_fill (db, &today, &error));
    g_assert_no_error (error);
  }
  for (guint round = 0; round < 3; round++)
    {
      g_autofree char *name = g_strdup_printf ("batch-%u.pdf", round);
      g_autofree char *saved = g_build_filename (dir, name, NULL);
      GThread *finalized_on = NULL;
      RcvWindow *window = open_window (path);
      gpointer reminders;

      wait_for_content (window, "ledger");
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s",
                                                 "reminders"));
      reminders = child (window, "reminders_page");
      wait_for_page_stack (reminders, "letters");
      g_object_weak_ref (reminders, on_page_finalized, &finalized_on);
      rcv_reminders_page_save_pdf (reminders, saved);
      g_assert_true (gtk_revealer_get_reveal_child (child (reminders, "progress_revealer")));
      gtk_window_destroy (GTK_WINDOW (window));
      rcv_test_wait_until (thread_is_set, &finalized_on);
      g_assert_true (finalized_on == g_thread_self ());
    }
  rcv_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *config = NULL;
  int status;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* the daily check's systemd units go to a folder of the test's own */
  config = rcv_test_tmpdir ();
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  /* the window as screen readers see it in the ui-a11y test only: it needs a bus of its own */
  if (g_getenv ("RCV_TEST_A11Y") == NULL)
    g_setenv ("GTK_A11Y", "none", TRUE);
  g_log_set_writer_func (log_writer, NULL, NULL);
  gtk_test_init (&argc, &argv, NULL);
  /* gtk_test_init sets en_US.UTF-8; the ui-de test asks for another locale, with the
   * translations as built */
  if (g_getenv ("RCV_TEST_LOCALE") != NULL &&
      setlocale (LC_ALL, g_getenv ("RCV_TEST_LOCALE")) != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("RCV_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }

  app = rcv_application_new ();
  /* the app's name on the test's own bus: notifications reach it through D-Bus */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_COMMAND_LINE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/ui/welcome-then-sample", test_welcome_then_sample);
  g_test_add_func ("/ui/create-customer", test_create_customer);
  g_test_add_func ("/ui/enter-invoice", test_enter_invoice);
  g_test_add_func ("/ui/preferences", test_preferences);
  g_test_add_func ("/ui/daily-check", test_daily_check);
  g_test_add_func ("/ui/policy-editor", test_policy_editor);
  g_test_add_func ("/ui/credit-at-entry", test_credit_at_entry);
  g_test_add_func ("/ui/overview-charts", test_overview_charts);
  g_test_add_func ("/ui/reminders", test_reminders);
  g_test_add_func ("/ui/pdf-batch-closed", test_pdf_batch_closed);
  g_test_add_func ("/ui/refuses-bad-file", test_refuses_bad_file);
  g_test_add_func ("/ui/markup-escaped", test_markup_escaped);
  g_test_add_func ("/ui/notifications", test_notifications);
  g_test_add_func ("/ui/accessibility", test_accessibility);
  g_test_add_func ("/ui/keyboard", test_keyboard);
  g_test_add_func ("/ui/german", test_german);
  g_test_add_func ("/ui/collections", test_collections);
  g_test_add_func ("/ui/shared-with-cli", test_shared_with_cli);
  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  rcv_test_rmdir (config);
  return status;
}
