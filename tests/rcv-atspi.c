/* rcv-atspi.c - this process's accessibility tree as a screen reader reads it
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK exposes its widgets over AT-SPI on the accessibility bus (org.a11y.Bus). A worker thread
 * connects to that bus like Orca does and walks the tree from the registry's root, with
 * synchronous calls, while the main thread keeps running the main loop that answers them. A
 * focusable control whose name is empty, or only the widget's type name (GTK 4.8's fallback
 * when nothing names it), is one a screen reader announces as "button" and nothing more.
 *
 * GTK 4.8 marks the pages of a stack that are not on screen as visible, so the walk checks
 * them too; widgets hidden outright (gtk_widget_set_visible) are left out, with all in them.
 * GTK 4.8 names a control by its label property only, not by a labelled-by relation or its
 * tooltip: an icon-only button needs the label property.
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>
#include <unistd.h>

#include "rcv-atspi.h"
#include "rcv-test-utils.h"

/* AtspiStateType bits, from at-spi2-core's atspi-constants.h */
enum
{
  STATE_FOCUSABLE = 11,
  STATE_VISIBLE = 30,
};

#define TIMEOUT_MS 10000
/* rows of a list are alike: the first few of each stand for the rest */
#define MAX_ROWS 6

typedef struct
{
  const char *window;
  GDBusConnection *bus;
  RcvAtspiReport *report;
  GError *error;
  gboolean done;
} Walk;

void
rcv_atspi_report_free (RcvAtspiReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->unnamed);
  g_ptr_array_unref (report->names);
  g_free (report);
}

static GVariant *
call (Walk       *walk,
      const char *name,
      const char *path,
      const char *interface,
      const char *method,
      GVariant   *parameters,
      const char *reply_type)
{
  if (walk->error != NULL)
    {
      if (parameters != NULL)
        g_variant_unref (g_variant_ref_sink (parameters));
      return NULL;
    }
  return g_dbus_connection_call_sync (walk->bus, name, path, interface, method, parameters,
                                      G_VARIANT_TYPE (reply_type), G_DBUS_CALL_FLAGS_NONE,
                                      TIMEOUT_MS, NULL, &walk->error);
}

static char *
get_string (Walk       *walk,
            const char *name,
            const char *path,
            const char *property)
{
  g_autoptr(GVariant) reply = call (walk, name, path, "org.freedesktop.DBus.Properties", "Get",
                                    g_variant_new ("(ss)", "org.a11y.atspi.Accessible", property),
                                    "(v)");
  g_autoptr(GVariant) value = NULL;

  if (reply == NULL)
    return g_strdup ("");
  g_variant_get (reply, "(v)", &value);
  return g_variant_is_of_type (value, G_VARIANT_TYPE_STRING) ? g_variant_dup_string (value, NULL)
                                                              : g_strdup ("");
}

/* "GtkImage", "AdwEntryRow": what GTK 4.8 sends when nothing gives the node a name */
static gboolean
is_unnamed (const char *name)
{
  const char *p = name;

  if (*name == '\0')
    return TRUE;
  if (!g_str_has_prefix (name, "Gtk") && !g_str_has_prefix (name, "Adw") &&
      !g_str_has_prefix (name, "Rcv"))
    return FALSE;
  for (p = name + 3; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return g_ascii_isupper (name[3]);
}

/* Containers: a reader names the controls in them, not them. */
static gboolean
is_container (const char *role)
{
  static const char *const containers[] = {
    "application", "window", "dialog", "group", "panel", "filler", "scroll pane", "viewport",
    "list", "grid", "scroll bar", "separator", "tool bar", "split pane",
  };

  for (guint i = 0; i < G_N_ELEMENTS (containers); i++)
    if (g_str_equal (role, containers[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_list (const char *role)
{
  return g_str_equal (role, "list") || g_str_equal (role, "tree grid") ||
         g_str_equal (role, "table") || g_str_equal (role, "tree table") ||
         g_str_equal (role, "list box");
}

/* Roles that take their name from their content when nothing else names them (WAI-ARIA's
 * "name from content"): a row is read as its cells, a button as its label. */
static gboolean
named_by_content (const char *role)
{
  static const char *const roles[] = {
    "push button", "button", "toggle button", "check box", "radio button", "link", "menu item",
    "check menu item", "radio menu item", "page tab", "tab", "row", "table row", "grid cell",
    "table cell", "list item", "tree item", "column header", "switch",
  };

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (g_str_equal (role, roles[i]))
      return TRUE;
  return FALSE;
}

/* Visits a node and those under it; returns the text a reader finds in them (the names of
 * the labels), for the name-from-content rule. Parts of a named combo box (the button and
 * the item inside GtkDropDown) are read as the combo box. */
static char *
visit (Walk       *walk,
       const char *name,
       const char *path,
       GString    *trail,
       gboolean    in_named_combo,
       guint       depth)
{
  g_autofree char *label = get_string (walk, name, path, "Name");
  g_autoptr(GVariant) role_reply = NULL;
  g_autoptr(GVariant) state_reply = NULL;
  g_autoptr(GVariant) children = NULL;
  g_autoptr(GVariantIter) states = NULL;
  g_autoptr(GVariantIter) iter = NULL;
  g_autoptr(GString) content = g_string_new (NULL);
  const char *role = "";
  guint32 low = 0;
  gsize trail_len = trail->len;
  const char *child_name, *child_path;
  gboolean combo;

  role_reply = call (walk, name, path, "org.a11y.atspi.Accessible", "GetRoleName", NULL, "(s)");
  state_reply = call (walk, name, path, "org.a11y.atspi.Accessible", "GetState", NULL, "(au)");
  if (role_reply == NULL || state_reply == NULL || depth > 200)
    return g_strdup ("");
  g_variant_get (role_reply, "(&s)", &role);
  g_variant_get (state_reply, "(au)", &states);
  g_variant_iter_next (states, "u", &low);
  if ((low & (1u << STATE_VISIBLE)) == 0 && depth > 0)
    return g_strdup ("");  /* a window or a widget kept hidden, and all in it */
  if (depth == 1 && walk->window != NULL && g_strcmp0 (label, walk->window) != 0)
    return g_strdup ("");
  if (g_str_equal (role, "label") && !is_unnamed (label))
    return g_steal_pointer (&label);

  combo = in_named_combo || (g_str_equal (role, "combo box") && !is_unnamed (label));
  if (trail->len > 0)
    g_string_append (trail, " > ");
  g_string_append_printf (trail, "%s '%s'", role, label);
  children = call (walk, name, path, "org.a11y.atspi.Accessible", "GetChildren", NULL,
                   "(a(so))");
  if (children != NULL)
    {
      guint n_rows = 0;

      g_variant_get (children, "(a(so))", &iter);
      while (g_variant_iter_next (iter, "(&s&o)", &child_name, &child_path) &&
             (n_rows++ < MAX_ROWS || !is_list (role)))
        {
          g_autofree char *text = visit (walk, child_name, child_path, trail, combo, depth + 1);

          if (*text != '\0')
            g_string_append_printf (content, "%s%s", content->len > 0 ? " " : "", text);
        }
    }
  g_string_truncate (trail, trail_len);

  if ((low & (1u << STATE_FOCUSABLE)) != 0 && !is_container (role) && !in_named_combo)
    {
      gboolean image = g_str_equal (role, "image");
      g_autofree char *description = image ? get_string (walk, name, path, "Description") : NULL;
      const char *spoken = !is_unnamed (label) ? label
                         : named_by_content (role) ? content->str : "";

      walk->report->n_focusable++;
      walk->report->n_images += image;
      g_ptr_array_add (walk->report->names, g_strdup_printf ("%s '%s'", role, spoken));
      if (*spoken == '\0' || (image && *description == '\0'))
        g_ptr_array_add (walk->report->unnamed,
                         g_strdup_printf ("%s '%s'%s in %s", role, label,
                                          image && *description == '\0' ? " (no description)" : "",
                                          trail->str));
    }
  return g_string_free (g_steal_pointer (&content), FALSE);
}

/* This process among the registry's applications, by the process ID of its bus connection. */
static gboolean
is_this_process (Walk       *walk,
                 const char *name)
{
  g_autoptr(GVariant) reply = call (walk, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                    "org.freedesktop.DBus", "GetConnectionUnixProcessID",
                                    g_variant_new ("(s)", name), "(u)");
  guint32 pid = 0;

  if (reply == NULL)
    return FALSE;
  g_variant_get (reply, "(u)", &pid);
  return pid == (guint32) getpid ();
}

static gpointer
walk_thread (gpointer data)
{
  Walk *walk = data;
  g_autoptr(GVariant) apps = call (walk, "org.a11y.atspi.Registry",
                                   "/org/a11y/atspi/accessible/root",
                                   "org.a11y.atspi.Accessible", "GetChildren", NULL, "(a(so))");
  g_autoptr(GVariantIter) iter = NULL;
  const char *name, *path;

  if (apps != NULL)
    {
      g_variant_get (apps, "(a(so))", &iter);
      while (g_variant_iter_next (iter, "(&s&o)", &name, &path))
        if (is_this_process (walk, name))
          {
            g_autoptr(GString) trail = g_string_new (NULL);
            g_autofree char *text = visit (walk, name, path, trail, FALSE, 0);
          }
    }
  g_atomic_int_set (&walk->done, TRUE);
  g_main_context_wakeup (NULL);
  return NULL;
}

static GDBusConnection *
connect_accessibility_bus (GError **error)
{
  g_autoptr(GDBusConnection) session = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, error);
  g_autoptr(GVariant) reply = NULL;
  const char *address;

  if (session == NULL)
    return NULL;
  reply = g_dbus_connection_call_sync (session, "org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus",
                                       "GetAddress", NULL, G_VARIANT_TYPE ("(s)"),
                                       G_DBUS_CALL_FLAGS_NONE, TIMEOUT_MS, NULL, error);
  if (reply == NULL)
    return NULL;
  g_variant_get (reply, "(&s)", &address);
  return g_dbus_connection_new_for_address_sync (address,
                                                 G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                 G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                 NULL, NULL, error);
}

RcvAtspiReport *
rcv_atspi_walk (const char *window)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GThread) thread = NULL;
  Walk walk = { 0 };

  walk.window = window;
  walk.bus = connect_accessibility_bus (&error);
  if (walk.bus == NULL)
    {
      g_autofree char *why = g_strdup_printf ("no accessibility bus: %s", error->message);

      g_test_skip (why);
      return NULL;
    }
  walk.report = g_new0 (RcvAtspiReport, 1);
  walk.report->unnamed = g_ptr_array_new_with_free_func (g_free);
  walk.report->names = g_ptr_array_new_with_free_func (g_free);

  /* the main loop answers the walker's calls; it sleeps until one comes, not polling */
  thread = g_thread_new ("atspi-walk", walk_thread, &walk);
  while (!g_atomic_int_get (&walk.done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (g_steal_pointer (&thread));
  g_object_unref (walk.bus);

  g_assert_no_error (walk.error);
  g_assert_cmpuint (walk.report->n_focusable, >, 0);
  return walk.report;
}
