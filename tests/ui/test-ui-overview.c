/* test-ui-overview.c - the Overview: its charts, by pointer and keyboard, the invoices
 * behind a figure, another date, export
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rcv-aging.h"
#include "rcv-chart-view.h"
#include "rcv-date.h"
#include "rcv-demo.h"
#include "rcv-error.h"
#include "rcv-invoice-list.h"
#include "rcv-overview-page.h"
#include "rcv-ui-fixture.h"

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

static double
card_top (GtkWidget *box,
          int        index)
{
  GtkWidget *card = GTK_WIDGET (gtk_flow_box_get_child_at_index (GTK_FLOW_BOX (box), index));
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (card, box, &GRAPHENE_POINT_INIT (0, 0), &point));
  return point.y;
}

/* The six figure cards: the unapplied credit has its own card beside the total (the open
 * invoices less the credit), and the cards stand three to a line, none alone on a line. */
static void
check_figure_cards (gpointer              overview,
                    const RcvAgingReport *report,
                    const RcvCurrency    *currency)
{
  GtkWidget *box = rcv_ui_child (overview, "figures_box");
  g_autofree char *credit = rcv_money_format (-report->total.unapplied, currency);
  g_autofree char *total = rcv_money_format (report->total.balance, currency);

  g_assert_nonnull (gtk_flow_box_get_child_at_index (GTK_FLOW_BOX (box), 5));
  g_assert_null (gtk_flow_box_get_child_at_index (GTK_FLOW_BOX (box), 6));
  g_assert_nonnull (rcv_ui_find_label (box, credit));
  g_assert_nonnull (rcv_ui_find_label (box, total));
  g_assert_nonnull (rcv_ui_find_label (box, "Unapplied credit"));
  g_assert_cmpfloat (card_top (box, 0), ==, card_top (box, 2));
  g_assert_cmpfloat (card_top (box, 3), ==, card_top (box, 5));
  g_assert_cmpfloat (card_top (box, 3), >, card_top (box, 0));
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
  rcv_ui_settle ();
}

static gboolean
trend_is_drawn (gpointer overview)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (rcv_ui_child (overview, "trend_stack")),
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

static const char *
visible_page (RcvWindow *window)
{
  return adw_view_stack_get_visible_child_name (rcv_ui_child (window, "view_stack"));
}

/* Lists the invoices behind a chart's element (as a click or Enter does) and waits for the
 * Invoices page to show exactly as many as the core counts. */
static void
activate_and_count (RcvWindow  *window,
                    gpointer    view,
                    guint       element,
                    guint       expected)
{
  gpointer invoices = rcv_ui_child (window, "invoices_page");
  GListModel *rows = G_LIST_MODEL (rcv_ui_child (invoices, "selection"));

  g_signal_emit_by_name (view, "activated", element);
  g_assert_cmpstr (visible_page (window), ==, "invoices");
  rcv_test_wait_until (revealed, rcv_ui_child (invoices, "scope_revealer"));
  rcv_ui_wait_for_n_items (rows, expected);
  rcv_ui_wait_for_page_stack (invoices, expected > 0 ? "list" : "empty");
  for (guint i = 0; i < MIN (expected, 20); i++)
    {
      g_autoptr(RcvInvoiceItem) item = g_list_model_get_item (rows, i);

      g_assert_cmpint (rcv_invoice_item_get_open (item), >, 0);
    }
}

/* A day chosen in the Overview's date button, as a click in its calendar does. */
static void
choose_day (gpointer     overview,
            const GDate *date)
{
  GtkWidget *calendar = rcv_ui_child (rcv_ui_child (overview, "date_button"), "calendar");
  g_autoptr(GDateTime) day = g_date_time_new_local (g_date_get_year (date),
                                                     g_date_get_month (date),
                                                     g_date_get_day (date), 0, 0, 0);

  gtk_calendar_select_day (GTK_CALENDAR (calendar), day);
  g_signal_emit_by_name (calendar, "day-selected");
}

static const char *
date_button_label (gpointer overview)
{
  return gtk_menu_button_get_label (rcv_ui_child (rcv_ui_child (overview, "date_button"),
                                                  "menu_button"));
}

/* By keyboard: the arrows move through the aging chart's columns, Enter opens the one
 * reached (the fourth bucket: n_bucket_3 invoices); Show All Invoices goes back to all n_all. */
static void
check_chart_keys (RcvWindow *window,
                  guint      n_bucket_3,
                  guint      n_all)
{
  gpointer overview = rcv_ui_child (window, "overview_page");
  gpointer invoices = rcv_ui_child (window, "invoices_page");
  gpointer aging = rcv_ui_child (overview, "aging_chart");

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
  rcv_ui_screenshot (GTK_WIDGET (window), "chart-keyboard");
  g_assert_true (press_key (aging, GDK_KEY_Return));
  g_assert_cmpstr (visible_page (window), ==, "invoices");
  rcv_ui_wait_for_n_items (rcv_ui_child (invoices, "selection"), n_bucket_3);

  /* Show All Invoices goes back to the whole ledger */
  g_assert_true (gtk_widget_activate_action (invoices, "invoices.clear-scope", NULL));
  g_assert_false (gtk_revealer_get_reveal_child (rcv_ui_child (invoices, "scope_revealer")));
  rcv_ui_wait_for_n_items (rcv_ui_child (invoices, "selection"), n_all);
}

/* Another date in the calendar, then one typed (as en_US writes it), then Today: the charts
 * follow each. */
static void
check_other_dates (RcvWindow   *window,
                   const GDate *today)
{
  gpointer overview = rcv_ui_child (window, "overview_page");
  gpointer aging = rcv_ui_child (overview, "aging_chart");
  GtkWidget *entry = rcv_ui_child (rcv_ui_child (overview, "date_button"), "entry");
  GDate past = *today;
  char typed[16];

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview");
  g_date_subtract_months (&past, 2);
  choose_day (overview, &past);
  {
    gpointer args[] = { aging, &past };

    rcv_test_wait_until (chart_as_of_is, args);
    args[0] = rcv_ui_child (overview, "customers_chart");
    rcv_test_wait_until (chart_as_of_is, args);
    rcv_test_wait_until (trend_is_drawn, overview);
  }
  g_assert_true (g_str_has_prefix (date_button_label (overview), "As of "));

  /* one that is not a day is refused */
  rcv_ui_type_into (entry, "02/30/2026");
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (entry), "not a date in the calendar"));
  g_snprintf (typed, sizeof typed, "%u/%u/%u", g_date_get_month (today),
              g_date_get_day (today), g_date_get_year (today));
  rcv_ui_type_into (entry, typed);
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_signal_emit_by_name (entry, "activate");
  {
    gpointer args[] = { aging, (gpointer) today };

    rcv_test_wait_until (chart_as_of_is, args);
  }
  g_assert_true (g_str_has_prefix (date_button_label (overview), "Today, "));

  /* and back to the other date, for Today */
  choose_day (overview, &past);
  {
    gpointer args[] = { aging, &past };

    rcv_test_wait_until (chart_as_of_is, args);
  }
  g_assert_true (gtk_widget_activate_action (rcv_ui_child (overview, "date_button"),
                                             "date-button.today", NULL));
  {
    gpointer args[] = { aging, (gpointer) today };

    rcv_test_wait_until (chart_as_of_is, args);
  }
}

/* Export in the three formats, as the file chooser's answer does; an unknown one refused. */
static void
check_export (gpointer    overview,
              const char *dir)
{
  const char *formats[] = { "png", "svg", "pdf" };
  gpointer aging = rcv_ui_child (overview, "aging_chart");
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = g_build_filename (dir, "aging.bmp", NULL);

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
  /* the page's toast, in its window */
  rcv_ui_wait_for_label (gtk_widget_get_root (overview), "Chart exported to aging.pdf");
  g_assert_false (rcv_overview_page_export_chart (overview, aging, bad, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID);
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
  gpointer overview, aging, customers, trend;
  RcvChartArea area;
  GDate today, month_end;
  guint n_bucket, n_bucket_3, n_customer, n_month, n_all;
  gint64 top_customer;

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

  window = rcv_ui_open_window (path);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 900);
  rcv_ui_wait_for_content (window, "ledger");
  overview = rcv_ui_child (window, "overview_page");
  aging = rcv_ui_child (overview, "aging_chart");
  customers = rcv_ui_child (overview, "customers_chart");
  trend = rcv_ui_child (overview, "trend_chart");
  rcv_ui_wait_for_page_stack (overview, "figures");
  rcv_test_wait_until (trend_is_drawn, overview);
  rcv_ui_settle ();

  /* the charts are drawn from today's figures, and their layout answers the pointer */
  g_assert_cmpuint (rcv_chart_get_n_elements (rcv_chart_view_get_chart (aging)), ==, 5);
  g_assert_cmpuint (rcv_chart_get_n_elements (rcv_chart_view_get_chart (customers)), ==, 10);
  g_assert_cmpuint (rcv_chart_get_n_elements (rcv_chart_view_get_chart (trend)), ==, 12);
  g_assert_true (rcv_chart_get_element_area (rcv_chart_view_get_chart (aging), 2, &area));
  g_assert_cmpint (rcv_chart_hit (rcv_chart_view_get_chart (aging), area.x + area.width / 2,
                                  area.y + area.height - 1), ==, 2);
  g_assert_true (gtk_widget_get_focusable (aging));
  check_figure_cards (overview, report, rcv_database_get_currency (rcv_window_get_database (window)));
  rcv_ui_screenshot (GTK_WIDGET (window), "overview");
  scroll_to (customers);
  rcv_ui_screenshot (GTK_WIDGET (window), "chart-customers");
  scroll_to (rcv_ui_child (overview, "trend_stack"));
  rcv_ui_screenshot (GTK_WIDGET (window), "chart-trend");

  /* a bucket, a customer, a month: each lists its open invoices, as the core counts them */
  activate_and_count (window, aging, 2, n_bucket);
  rcv_ui_screenshot (GTK_WIDGET (window), "invoices-from-chart");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview");
  activate_and_count (window, customers, 0, n_customer);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview");
  activate_and_count (window, trend, 11, n_month);

  check_chart_keys (window, n_bucket_3, n_all);
  check_other_dates (window, &today);
  check_export (overview, dir);

  rcv_ui_close_window (window);
  rcv_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  rcv_ui_init (&argc, &argv);
  g_test_add_func ("/ui/overview-charts", test_overview_charts);
  return rcv_ui_run ();
}
