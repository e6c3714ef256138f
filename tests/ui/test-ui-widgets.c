/* test-ui-widgets.c - the shared form widgets, driven by real key presses (XTEST)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#ifdef HAVE_XTEST
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>
#endif

#include "rcv-date-row.h"
#include "rcv-date.h"
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

int
main (int   argc,
      char *argv[])
{
  rcv_ui_init (&argc, &argv);
  g_test_add_func ("/ui/widgets/date-row-calendar", test_date_row_calendar);
  return rcv_ui_run ();
}
