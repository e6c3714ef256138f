/* rcv-ui-fixture.c - what every widget test shares: the application, its windows, waiting
 * for widgets and screenshots
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test-ui-*.c drives the widgets of one page the way a person does (typing into the
 * rows, activating actions), then checks the company file and what the window shows. With
 * RCV_SCREENSHOT_DIR set, rcv_ui_screenshot() also saves what it is given, in light and dark
 * style, as PNG (see README).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "rcv-overview-page.h"
#include "rcv-reminders-page.h"
#include "rcv-ui-fixture.h"

static RcvApplication *app;
static char *config_dir;

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
content_is (gpointer data)
{
  const char **args = data;
  RcvWindow *window = (RcvWindow *) args[0];

  return g_strcmp0 (gtk_stack_get_visible_child_name (rcv_ui_child (window, "content_stack")),
                    args[1]) == 0;
}

static gboolean
page_stack_is (gpointer data)
{
  const char **args = data;

  /* the Overview shows its figures' places before their values: those are what is awaited */
  if (RCV_IS_OVERVIEW_PAGE ((gpointer) args[0]) &&
      rcv_overview_page_is_reading (RCV_OVERVIEW_PAGE ((gpointer) args[0])))
    return FALSE;
  return g_strcmp0 (gtk_stack_get_visible_child_name (rcv_ui_child ((gpointer) args[0],
                                                                    "stack")),
                    args[1]) == 0;
}

static gboolean
n_items_is (gpointer data)
{
  gpointer *args = data;

  return g_list_model_get_n_items (args[0]) == GPOINTER_TO_UINT (args[1]);
}

static gboolean
n_letters_is (gpointer data)
{
  gpointer *args = data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (rcv_ui_child (args[0], "stack")),
                    "loading") != 0 &&
         rcv_reminders_page_get_n_letters (args[0]) == GPOINTER_TO_UINT (args[1]);
}

static gboolean
label_shown (gpointer data)
{
  gpointer *args = data;

  return rcv_ui_find_label (args[0], args[1]) != NULL;
}

/* The application on the test's own session bus and display, in the locale the test asks
 * for; call first in main(), before g_test_add_func(). */
void
rcv_ui_init (int    *argc,
             char ***argv)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* the daily check's systemd units go to a folder of the test's own */
  config_dir = rcv_test_tmpdir ();
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);
  /* the window as screen readers see it in the ui-a11y test only: it needs a bus of its own */
  if (g_getenv ("RCV_TEST_A11Y") == NULL)
    g_setenv ("GTK_A11Y", "none", TRUE);
  g_log_set_writer_func (log_writer, NULL, NULL);
  gtk_test_init (argc, argv, NULL);
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
}

/* Runs the tests added, then lets go of the application. */
int
rcv_ui_run (void)
{
  int status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  rcv_test_rmdir (config_dir);
  g_clear_pointer (&config_dir, g_free);
  return status;
}

RcvApplication *
rcv_ui_get_application (void)
{
  return app;
}

/* Lets the main loop run a while: redraws, idles, replies that arrive quickly. */
void
rcv_ui_settle (void)
{
  for (int i = 0; i < 50; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

/* A template child of a widget, by its id in the .ui file. */
gpointer
rcv_ui_child (gpointer    widget,
              const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), G_OBJECT_TYPE (widget),
                                                   name);

  g_assert_nonnull (object);
  return object;
}

gpointer
rcv_ui_find_toplevel (GType type)
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

/* A condition for rcv_test_wait_until(): a window of the type (GSIZE_TO_POINTER) is shown. */
gboolean
rcv_ui_toplevel_is_shown (gpointer type)
{
  return rcv_ui_find_toplevel ((GType) GPOINTER_TO_SIZE (type)) != NULL;
}

/* The first widget of a type under another, depth first. */
GtkWidget *
rcv_ui_find_descendant (GtkWidget *widget,
                        GType      type)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = G_TYPE_CHECK_INSTANCE_TYPE (c, type) ? c
                                                              : rcv_ui_find_descendant (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first label under a widget whose text contains a string, depth first. */
GtkWidget *
rcv_ui_find_label (GtkWidget  *widget,
                   const char *text)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = NULL;

      if (GTK_IS_LABEL (c) && strstr (gtk_label_get_text (GTK_LABEL (c)), text) != NULL)
        return c;
      found = rcv_ui_find_label (c, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

void
rcv_ui_type_into (gpointer    editable,
                  const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

/* The widget as a PNG, light and dark, when RCV_SCREENSHOT_DIR asks for it. */
void
rcv_ui_screenshot (GtkWidget  *widget,
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
      GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
      int width, height;

      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                      : ADW_COLOR_SCHEME_FORCE_LIGHT);
      rcv_ui_settle ();
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      paintable = gtk_widget_paintable_new (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_to_node (snapshot);
      if (node == NULL)
        g_test_message ("%s: %d x %d, mapped %d, drawable %d", name, width, height, gtk_widget_get_mapped (widget), gtk_widget_is_drawable (widget));
      g_assert_nonnull (node);
      texture = gsk_renderer_render_texture (renderer, node,
                                             &GRAPHENE_RECT_INIT (0, 0, width, height));
      file = g_strdup_printf ("%s-%s.png", name, dark ? "dark" : "light");
      path = g_build_filename (dir, file, NULL);
      g_assert_true (gdk_texture_save_to_png (texture, path));
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  rcv_ui_settle ();
}

/* Waits until the window shows "welcome", "ledger" or "error". */
void
rcv_ui_wait_for_content (RcvWindow  *window,
                         const char *name)
{
  const char *args[] = { (const char *) window, name };

  rcv_test_wait_until (content_is, args);
}

/* Waits until a page's stack (its "stack" child) shows the child of that name. */
void
rcv_ui_wait_for_page_stack (gpointer    page,
                            const char *name)
{
  const char *args[] = { page, name };

  rcv_test_wait_until (page_stack_is, args);
}

void
rcv_ui_wait_for_n_items (gpointer model,
                         guint    n_items)
{
  gpointer args[] = { model, GUINT_TO_POINTER (n_items) };

  rcv_test_wait_until (n_items_is, args);
}

/* Waits until the Reminders page has read the letters due and holds that many. */
void
rcv_ui_wait_for_n_letters (gpointer reminders,
                           guint    n_letters)
{
  gpointer args[] = { reminders, GUINT_TO_POINTER (n_letters) };

  rcv_test_wait_until (n_letters_is, args);
}

void
rcv_ui_wait_for_label (gpointer    widget,
                       const char *text)
{
  gpointer args[] = { widget, (gpointer) text };

  rcv_test_wait_until (label_shown, args);
}

/* A window on the company file, at the size the screenshots have. */
RcvWindow *
rcv_ui_open_window (const char *path)
{
  GtkWindow *window = rcv_application_open_company (app, path);

  g_assert_true (RCV_IS_WINDOW (window));
  gtk_window_set_default_size (window, 1100, 720);
  return RCV_WINDOW (window);
}

/* A window on the sample company, filled and showing its overview. */
RcvWindow *
rcv_ui_open_sample (char **out_path)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (out_path);
  RcvWindow *window;

  g_clear_object (&db);
  window = rcv_ui_open_window (*out_path);
  rcv_ui_wait_for_content (window, "welcome");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL));
  rcv_ui_wait_for_content (window, "ledger");
  rcv_ui_wait_for_page_stack (rcv_ui_child (window, "overview_page"), "figures");
  return window;
}

void
rcv_ui_close_window (RcvWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  rcv_ui_settle ();
}

/* The customer's page, opened as the Customers list opens it (win.show-customer): shown over
 * the window's pages, read. */
RcvCustomerPage *
rcv_ui_open_customer (RcvWindow *window,
                      gint64     customer_id)
{
  RcvCustomerPage *page = rcv_ui_child (window, "customer_page");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-customer", "x",
                                             customer_id));
  rcv_ui_wait_for_leaflet (window);
  g_assert_true (rcv_ui_customer_shown (window));
  g_assert_cmpint (rcv_customer_page_get_customer_id (page), ==, customer_id);
  return page;
}

static gboolean
leaflet_still (gpointer leaflet)
{
  return !adw_leaflet_get_child_transition_running (leaflet);
}

/* Waits for the window's leaflet to be done sliding a page in or out. */
void
rcv_ui_wait_for_leaflet (RcvWindow *window)
{
  rcv_test_wait_until (leaflet_still, rcv_ui_child (window, "leaflet"));
}

/* Whether the customer's page is the one in view. */
gboolean
rcv_ui_customer_shown (RcvWindow *window)
{
  AdwLeaflet *leaflet = rcv_ui_child (window, "leaflet");

  return g_strcmp0 (adw_leaflet_get_visible_child_name (leaflet), "customer") == 0;
}

/* Back from the customer's page to the window's pages, as its back button goes. */
void
rcv_ui_close_customer (RcvWindow *window)
{
  g_assert_true (gtk_widget_activate_action (rcv_ui_child (window, "customer_page"),
                                             "account.back", NULL));
  rcv_ui_settle ();
  g_assert_false (rcv_ui_customer_shown (window));
}

/* Whether a field is marked as refused (the "error" style), for rcv_test_wait_until (). */
gboolean
rcv_ui_is_marked (gpointer widget)
{
  return gtk_widget_has_css_class (widget, "error");
}

gboolean
rcv_ui_is_unmarked (gpointer widget)
{
  return !gtk_widget_has_css_class (widget, "error");
}
