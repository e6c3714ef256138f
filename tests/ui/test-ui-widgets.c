/* test-ui-widgets.c - the shared form widgets, driven by real key presses (XTEST)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#ifdef HAVE_XTEST
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>
#endif

#include "rcv-customer-row.h"
#include "rcv-date-row.h"
#include "rcv-date.h"
#include "rcv-plain-text.h"
#include "rcv-spin-row.h"
#include "rcv-ui-fixture.h"

#ifdef HAVE_XTEST
static void
press (KeySym key)
{
  Display *display = gdk_x11_display_get_xdisplay (gdk_display_get_default ());

  XTestFakeKeyEvent (display, XKeysymToKeycode (display, key), True, CurrentTime);
  XTestFakeKeyEvent (display, XKeysymToKeycode (display, key), False, CurrentTime);
  XFlush (display);
  rcv_ui_settle ();
}

static gboolean
is_active (gpointer window)
{
  return gtk_window_is_active (window);
}

static gboolean
is_visible (gpointer widget)
{
  return gtk_widget_get_visible (widget);
}

static gboolean
is_hidden (gpointer widget)
{
  return !gtk_widget_get_visible (widget);
}
#endif

/* A date row's calendar button: Space opens the month on the row's date, the arrows move the
 * day, Space chooses it; the row then holds that date as typed, and the focus is back in it. */
static void
test_date_row_calendar (void)
{
#ifdef HAVE_XTEST
  GtkWidget *window, *list, *row;
  GtkMenuButton *button;
  GtkPopover *popover;
  GDate date, chosen;

  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_test_skip ("not on an X server: no XTEST to press keys with");
      return;
    }
  window = gtk_window_new ();
  list = gtk_list_box_new ();
  row = adw_entry_row_new ();
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_window_set_child (GTK_WINDOW (window), list);
  rcv_date_row_setup (ADW_ENTRY_ROW (row), "Issue date");
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 28, G_DATE_FEBRUARY, 2026);
  rcv_date_row_set_date (ADW_ENTRY_ROW (row), &date);
  gtk_window_present (GTK_WINDOW (window));
  rcv_test_wait_until (is_active, window);

  button = rcv_date_row_get_calendar_button (ADW_ENTRY_ROW (row));
  g_assert_nonnull (button);
  /* the button says what it is for */
  g_assert_nonnull (gtk_widget_get_tooltip_text (GTK_WIDGET (button)));
  popover = gtk_menu_button_get_popover (button);
  gtk_widget_grab_focus (GTK_WIDGET (button));
  press (XK_space);
  rcv_test_wait_until (is_visible, popover);
  /* the calendar opens on the row's date and has the focus */
  {
    GtkWidget *calendar = gtk_popover_get_child (popover);
    g_autoptr(GDateTime) shown = gtk_calendar_get_date (GTK_CALENDAR (calendar));

    g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 28);
    g_assert_cmpint (g_date_time_get_month (shown), ==, 2);
    g_assert_true (gtk_widget_has_focus (calendar));
  }
  /* Right moves to 1 March, Space chooses it */
  press (XK_Right);
  press (XK_space);
  rcv_test_wait_until (is_hidden, popover);
  g_assert_true (rcv_date_row_get_date (ADW_ENTRY_ROW (row), &chosen, NULL));
  g_assert_cmpint (g_date_get_day (&chosen), ==, 1);
  g_assert_cmpint (g_date_get_month (&chosen), ==, G_DATE_MARCH);
  g_assert_cmpint (g_date_get_year (&chosen), ==, 2026);
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)), row));

  /* Page Down: a month on; End: that month's last day; Enter chooses it */
  gtk_widget_grab_focus (GTK_WIDGET (button));
  press (XK_space);
  rcv_test_wait_until (is_visible, popover);
  press (XK_Page_Down);
  press (XK_End);
  press (XK_Return);
  rcv_test_wait_until (is_hidden, popover);
  g_assert_true (rcv_date_row_get_date (ADW_ENTRY_ROW (row), &chosen, NULL));
  g_assert_cmpint (g_date_get_day (&chosen), ==, 30);
  g_assert_cmpint (g_date_get_month (&chosen), ==, G_DATE_APRIL);

  /* a row whose text is not a date opens the calendar on today */
  gtk_editable_set_text (GTK_EDITABLE (row), "soon");
  gtk_widget_grab_focus (GTK_WIDGET (button));
  press (XK_space);
  rcv_test_wait_until (is_visible, popover);
  {
    g_autoptr(GDateTime) shown = gtk_calendar_get_date (GTK_CALENDAR (gtk_popover_get_child (popover)));
    GDate today;

    rcv_date_set_today (&today);
    g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, g_date_get_day (&today));
    g_assert_cmpint (g_date_time_get_month (shown), ==, g_date_get_month (&today));
  }
  /* Escape closes the calendar and leaves the text as it was */
  press (XK_Escape);
  rcv_test_wait_until (is_hidden, popover);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "soon");

  gtk_window_destroy (GTK_WINDOW (window));
  rcv_ui_settle ();
#else
  g_test_skip ("built without XTEST: no keys to press");
#endif
}

#ifdef HAVE_XTEST
static void
type_text (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      char name[2] = { *p, '\0' };

      press (XStringToKeysym (name));
    }
}

static const char *
chosen_name (RcvCustomerRow *row)
{
  RcvCustomerItem *item = rcv_customer_row_get_selected (row);

  return item != NULL ? rcv_customer_item_get_name (item) : NULL;
}

static const char *
match_name (RcvCustomerRow *row,
            guint           position)
{
  g_autoptr(RcvCustomerItem) item = g_list_model_get_item (rcv_customer_row_get_matches (row),
                                                           position);

  return item != NULL ? rcv_customer_item_get_name (item) : NULL;
}

static gboolean
escape_pressed (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  (*(guint *) user_data)++;
  return TRUE;
}
#endif

/* The customer field, by keyboard alone: typed letters (accents aside) list the matches under
 * it while the focus stays in the field; Down and Enter choose one; Escape closes the list and
 * goes no further (a dialog's Escape would close the form); Tab chooses the highlighted match
 * and moves on; the customer's number typed whole chooses it; editing the text takes the
 * choice back. */
static void
test_customer_row_keys (void)
{
#ifdef HAVE_XTEST
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvCustomerList) customers = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window, *list, *after;
  RcvCustomerRow *row;
  GtkEventController *shortcuts;
  guint escapes = 0;

  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_test_skip ("not on an X server: no XTEST to press keys with");
      return;
    }
  rcv_test_customer (db, "K10", "Bäckerei Müller");
  rcv_test_customer (db, "K2", "Müller & Söhne");
  rcv_test_customer (db, "K3", "Hausmüller KG");
  rcv_test_customer (db, "M7", "Brightside Ltd");
  customers = rcv_customer_list_new_active (db, &error);
  g_assert_no_error (error);

  window = gtk_window_new ();
  list = gtk_list_box_new ();
  row = g_object_new (RCV_TYPE_CUSTOMER_ROW, "title", "Customer", NULL);
  after = adw_entry_row_new ();
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (row));
  gtk_list_box_append (GTK_LIST_BOX (list), after);
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 300);
  /* the Escape of a dialog: counted, so that the test sees whether a key went on to it */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                      gtk_callback_action_new (escape_pressed, &escapes, NULL)));
  gtk_widget_add_controller (window, shortcuts);
  rcv_customer_row_set_customers (row, customers);
  gtk_window_present (GTK_WINDOW (window));
  rcv_test_wait_until (is_active, window);
  gtk_widget_grab_focus (GTK_WIDGET (row));

  /* "mul" finds the three Müllers, the name that starts with it first, the focus in the row */
  type_text ("mul");
  rcv_test_wait_until (is_visible, rcv_ui_find_descendant (GTK_WIDGET (row), GTK_TYPE_POPOVER));
  g_assert_true (rcv_customer_row_get_popup_shown (row));
  g_assert_cmpuint (g_list_model_get_n_items (rcv_customer_row_get_matches (row)), ==, 3);
  g_assert_cmpstr (match_name (row, 0), ==, "Müller & Söhne");
  g_assert_cmpstr (match_name (row, 1), ==, "Bäckerei Müller");
  g_assert_cmpuint (rcv_customer_row_get_highlighted (row), ==, 0);
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)),
                                         GTK_WIDGET (row)));
  g_assert_null (chosen_name (row));
  rcv_ui_screenshot (GTK_WIDGET (window), "customer-row");
  rcv_ui_screenshot (rcv_ui_find_descendant (GTK_WIDGET (row), GTK_TYPE_POPOVER),
                     "customer-row-matches");

  /* Down, Down, Up, Enter: the second match is chosen, its name in the row */
  press (XK_Down);
  press (XK_Down);
  press (XK_Up);
  g_assert_cmpuint (rcv_customer_row_get_highlighted (row), ==, 1);
  press (XK_Return);
  g_assert_false (rcv_customer_row_get_popup_shown (row));
  g_assert_cmpstr (chosen_name (row), ==, "Bäckerei Müller");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Bäckerei Müller");

  /* editing the text takes the choice back */
  press (XK_BackSpace);
  g_assert_null (chosen_name (row));

  /* a text no customer has: the list says so; Escape closes it and goes no further */
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  type_text ("zz");
  g_assert_true (rcv_customer_row_get_popup_shown (row));
  g_assert_cmpuint (g_list_model_get_n_items (rcv_customer_row_get_matches (row)), ==, 0);
  g_assert_nonnull (rcv_ui_find_label (GTK_WIDGET (row), "No customer has this name or number"));
  press (XK_Escape);
  g_assert_false (rcv_customer_row_get_popup_shown (row));
  g_assert_cmpuint (escapes, ==, 0);
  /* with the list closed, Escape is the dialog's again */
  press (XK_Escape);
  g_assert_cmpuint (escapes, ==, 1);
  {
    g_autofree char *problem = rcv_customer_row_describe_problem (row);

    g_assert_cmpstr (problem, ==, "Customer: “zz” names no single customer; choose one from "
                                  "the list");
  }

  /* the number typed whole chooses its customer as it is typed; Tab moves on with it */
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  type_text ("k2");
  g_assert_cmpstr (chosen_name (row), ==, "Müller & Söhne");
  press (XK_Tab);
  g_assert_false (rcv_customer_row_get_popup_shown (row));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)), after));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Müller & Söhne");

  /* Down in an empty row lists every customer; Tab takes the highlighted one */
  gtk_widget_grab_focus (GTK_WIDGET (row));
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  press (XK_Down);
  g_assert_true (rcv_customer_row_get_popup_shown (row));
  g_assert_cmpuint (g_list_model_get_n_items (rcv_customer_row_get_matches (row)), ==, 4);
  press (XK_Down);
  press (XK_Tab);
  g_assert_cmpstr (chosen_name (row), ==, match_name (row, 1));

  gtk_window_destroy (GTK_WINDOW (window));
  rcv_ui_settle ();
#else
  g_test_skip ("built without XTEST: no keys to press");
#endif
}

static void
count_change (guint *n_changes)
{
  (*n_changes)++;
}

/* A spin row reads and writes as the forms' entry rows do (its text, "changed"), named by its
 * title; Up and Page Up step the number from what was typed, within its bounds. */
static void
test_spin_row_keys (void)
{
#ifdef HAVE_XTEST
  GtkWidget *window, *list;
  RcvSpinRow *row;
  guint n_changes = 0;

  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_test_skip ("not on an X server: no XTEST to press keys with");
      return;
    }
  window = gtk_window_new ();
  list = gtk_list_box_new ();
  row = g_object_new (RCV_TYPE_SPIN_ROW, "title", "Payment terms in days", "lower", 0,
                      "upper", 100, NULL);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (row));
  gtk_window_set_child (GTK_WINDOW (window), list);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (count_change), &n_changes);
  gtk_window_present (GTK_WINDOW (window));
  rcv_test_wait_until (is_active, window);

  gtk_editable_set_text (GTK_EDITABLE (row), "30");
  g_assert_cmpuint (n_changes, >, 0);
  g_assert_cmpfloat (gtk_spin_button_get_value (rcv_spin_row_get_spin_button (row)), ==, 30);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)),
                                         GTK_WIDGET (row)));
  press (XK_Up);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "31");
  press (XK_Page_Up);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "41");
  /* the bounds hold */
  gtk_editable_set_text (GTK_EDITABLE (row), "99");
  press (XK_Page_Up);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "100");

  gtk_window_destroy (GTK_WINDOW (window));
  rcv_ui_settle ();
#else
  g_test_skip ("built without XTEST: no keys to press");
#endif
}

/* A form that opens with a filled field focused puts the cursor at its end: the first key
 * typed adds to the text instead of replacing it. */
static void
test_focus_without_selecting (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *focus;

  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_editable_set_text (GTK_EDITABLE (row), "Standard");
  gtk_window_present (GTK_WINDOW (window));
  rcv_ui_settle ();
  rcv_focus_without_selecting (row);
  focus = gtk_window_get_focus (GTK_WINDOW (window));
  g_assert_true (gtk_widget_is_ancestor (focus, row));
  g_assert_false (gtk_editable_get_selection_bounds (GTK_EDITABLE (focus), NULL, NULL));
  g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (focus)), ==, 8);
  gtk_window_destroy (GTK_WINDOW (window));
  rcv_ui_settle ();
}

int
main (int   argc,
      char *argv[])
{
  rcv_ui_init (&argc, &argv);
  g_test_add_func ("/ui/widgets/date-row-calendar", test_date_row_calendar);
  g_test_add_func ("/ui/widgets/customer-row-keys", test_customer_row_keys);
  g_test_add_func ("/ui/widgets/spin-row-keys", test_spin_row_keys);
  g_test_add_func ("/ui/widgets/focus-without-selecting", test_focus_without_selecting);
  return rcv_ui_run ();
}
