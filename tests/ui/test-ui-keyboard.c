/* test-ui-keyboard.c - the main pages walked with the keyboard alone, real key presses through
 * the X server (XTEST)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#ifdef HAVE_XTEST
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>
#endif
#include <glib/gstdio.h>
#include <math.h>

#include "rcv-chart-view.h"
#include "rcv-customer-row.h"
#include "rcv-customer-page.h"
#include "rcv-invoice-editor.h"
#include "rcv-letter-preview.h"
#include "rcv-payment-editor.h"
#include "rcv-preferences-window.h"
#include "rcv-ui-fixture.h"

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
  rcv_ui_settle ();
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
  other = rcv_ui_find_toplevel (type);
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
  g_assert_null (rcv_ui_find_toplevel (type));
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
  return adw_view_stack_get_visible_child_name (rcv_ui_child (window, "view_stack"));
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
  window = rcv_ui_open_sample (&path);
  /* the pointer away from the window, in the screen's far corner: the keyboard alone */
  {
    Display *display = gdk_x11_display_get_xdisplay (gdk_display_get_default ());

    XTestFakeMotionEvent (display, -1, DisplayWidth (display, DefaultScreen (display)) - 1,
                          DisplayHeight (display, DefaultScreen (display)) - 1, CurrentTime);
  }
  refocus (window);

  /* Alt+2: the customers; Tab into the list, Down, Enter opens the account as a page of the
   * window, the focus in it; Ctrl+N there is a new invoice for that customer; Esc goes back
   * to the list, the focus on the row it came from; Enter and Alt+Left likewise */
  alt (XK_2);
  g_assert_cmpstr (visible_page (window), ==, "customers");
  customers = rcv_ui_child (window, "customers_page");
  tab_to (window, rcv_ui_child (customers, "column_view"));
  key (XK_Down);
  {
    GtkWidget *row_focus = focus_of (window);
    RcvCustomerPage *account = rcv_ui_child (window, "customer_page");
    RcvInvoiceEditor *editor;
    RcvCustomerItem *chosen;

    key (XK_Return);
    g_assert_true (rcv_ui_customer_shown (window));
    g_assert_true (gtk_widget_is_ancestor (focus_of (window), GTK_WIDGET (account)));
    editor = keys_open (XK_Control_L, NoSymbol, XK_n, RCV_TYPE_INVOICE_EDITOR);
    chosen = rcv_customer_row_get_selected (rcv_ui_child (editor, "customer_row"));
    g_assert_nonnull (chosen);
    g_assert_cmpint (rcv_customer_item_get_id (chosen), ==,
                     rcv_customer_page_get_customer_id (account));
    escape_closes (window, RCV_TYPE_INVOICE_EDITOR);
    gtk_widget_grab_focus (GTK_WIDGET (account));
    key (XK_Escape);
    g_assert_false (rcv_ui_customer_shown (window));
    g_assert_true (focus_of (window) == row_focus);
    key (XK_Return);
    g_assert_true (rcv_ui_customer_shown (window));
    alt (XK_Left);
    g_assert_false (rcv_ui_customer_shown (window));
  }

  /* Ctrl+F: the search of the page shown; typing filters it */
  ctrl (XK_f);
  g_assert_true (gtk_widget_is_ancestor (focus_of (window),
                                         rcv_ui_child (customers, "search_entry")));
  key (XK_z);
  key (XK_z);
  key (XK_z);
  rcv_ui_wait_for_page_stack (customers, "no-results");
  key (XK_BackSpace);
  key (XK_BackSpace);
  key (XK_BackSpace);
  rcv_ui_wait_for_page_stack (customers, "list");

  /* Ctrl+N: a new invoice, its first field focused; Esc closes it, nothing typed */
  other = keys_open (XK_Control_L, NoSymbol, XK_n, RCV_TYPE_INVOICE_EDITOR);
  g_assert_nonnull (focus_of (other));
  /* the customer by typing: a letter lists the matches, the focus stays in the field; Escape
   * closes the list, not the form; Down and Enter choose the second match */
  {
    RcvCustomerRow *row = rcv_ui_child (other, "customer_row");
    g_autoptr(RcvCustomerItem) second = NULL;

    g_assert_true (gtk_widget_is_ancestor (focus_of (other), GTK_WIDGET (row)));
    key (XK_e);
    g_assert_true (rcv_customer_row_get_popup_shown (row));
    g_assert_cmpuint (g_list_model_get_n_items (rcv_customer_row_get_matches (row)), >, 1);
    g_assert_true (gtk_widget_is_ancestor (focus_of (other), GTK_WIDGET (row)));
    key (XK_Escape);
    g_assert_false (rcv_customer_row_get_popup_shown (row));
    g_assert_nonnull (rcv_ui_find_toplevel (RCV_TYPE_INVOICE_EDITOR));
    key (XK_Down);
    key (XK_Down);
    second = g_list_model_get_item (rcv_customer_row_get_matches (row), 1);
    key (XK_Return);
    g_assert_nonnull (rcv_ui_find_toplevel (RCV_TYPE_INVOICE_EDITOR));
    g_assert_true (rcv_customer_row_get_selected (row) == second);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==,
                     rcv_customer_item_get_name (second));
  }
  escape_closes (window, RCV_TYPE_INVOICE_EDITOR);

  /* Alt+3: the invoices, into the list; Alt+4 and Ctrl+R: record a payment, closed by Esc */
  alt (XK_3);
  g_assert_cmpstr (visible_page (window), ==, "invoices");
  invoices = rcv_ui_child (window, "invoices_page");
  tab_to (window, rcv_ui_child (invoices, "column_view"));
  alt (XK_4);
  g_assert_cmpstr (visible_page (window), ==, "payments");
  keys_open (XK_Control_L, NoSymbol, XK_r, RCV_TYPE_PAYMENT_EDITOR);
  escape_closes (window, RCV_TYPE_PAYMENT_EDITOR);

  /* Alt+5: the letters due; Tab into the list, Down moves the preview to the next letter */
  alt (XK_5);
  g_assert_cmpstr (visible_page (window), ==, "reminders");
  reminders = rcv_ui_child (window, "reminders_page");
  rcv_ui_wait_for_page_stack (reminders, "letters");
  tab_to (window, rcv_ui_child (reminders, "list_view"));
  {
    GtkSelectionModel *letters = gtk_list_view_get_model (rcv_ui_child (reminders, "list_view"));
    gboolean first_selected;

    key (XK_Home);
    first_selected = gtk_selection_model_is_selected (letters, 0);
    key (XK_Down);
    g_assert_true (first_selected);
    g_assert_true (gtk_selection_model_is_selected (letters, 1));
  }

  /* Tab on to the preview: Ctrl+plus zooms in, Ctrl+minus out, Ctrl+0 fits the width again */
  {
    gpointer preview = rcv_ui_child (reminders, "preview");
    double fit;

    tab_to (window, preview);
    rcv_ui_settle ();
    fit = rcv_letter_preview_get_scale (preview);
    ctrl (XK_plus);
    rcv_ui_settle ();
    g_assert_cmpfloat (rcv_letter_preview_get_scale (preview), >, fit * 1.2);
    ctrl (XK_minus);
    ctrl (XK_minus);
    rcv_ui_settle ();
    g_assert_cmpfloat (rcv_letter_preview_get_scale (preview), <, fit);
    ctrl (XK_0);
    rcv_ui_settle ();
    g_assert_cmpfloat (fabs (rcv_letter_preview_get_scale (preview) - fit), <, 0.01);
  }

  /* Alt+1: the overview; Tab to the aging chart, arrows move between its buckets */
  alt (XK_1);
  g_assert_cmpstr (visible_page (window), ==, "overview");
  overview = rcv_ui_child (window, "overview_page");
  chart = rcv_ui_child (overview, "aging_chart");
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
  rcv_ui_screenshot (GTK_WIDGET (other), "shortcuts");
  escape_closes (window, GTK_TYPE_SHORTCUTS_WINDOW);

  rcv_ui_close_window (window);
  g_unlink (path);
#else
  g_test_skip ("built without XTEST: no keys to press");
#endif
}

int
main (int   argc,
      char *argv[])
{
  rcv_ui_init (&argc, &argv);
  g_test_add_func ("/ui/keyboard", test_keyboard);
  return rcv_ui_run ();
}
