/* rcv-fake-notifications.c - a stand-in org.freedesktop.Notifications server for the tests,
 * and stand-ins for the app, the systemd user manager and the Background portal, on the
 * test's session bus
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * It runs in a thread of its own, with its own main context and its own connection to the
 * bus, so that a test (or the window it drives) can call it synchronously, as
 * receivables-cli's notifier does.
 * It implements the Desktop Notifications Specification 1.2 far enough for the notifier:
 * GetCapabilities, GetServerInformation, Notify, CloseNotification, and the signals
 * ActivationToken, ActionInvoked and NotificationClosed; with RCV_FAKE_HANG it takes every
 * call and answers none, as a daemon that hangs.
 */
#include "config.h"

#include "rcv-fake-notifications.h"

#define NOTIFICATIONS_NAME "org.freedesktop.Notifications"
#define NOTIFICATIONS_PATH "/org/freedesktop/Notifications"

static const char notifications_xml[] =
  "<node>"
  " <interface name='org.freedesktop.Notifications'>"
  "  <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "  <method name='Notify'>"
  "   <arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "   <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "   <arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "   <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "   <arg type='u' direction='out'/>"
  "  </method>"
  "  <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "  <method name='GetServerInformation'>"
  "   <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "   <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "  </method>"
  "  <signal name='NotificationClosed'><arg type='u'/><arg type='u'/></signal>"
  "  <signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
  "  <signal name='ActivationToken'><arg type='u'/><arg type='s'/></signal>"
  " </interface>"
  "</node>";

static const char application_xml[] =
  "<node>"
  " <interface name='org.freedesktop.Application'>"
  "  <method name='Activate'><arg type='a{sv}' direction='in'/></method>"
  "  <method name='Open'>"
  "   <arg type='as' direction='in'/><arg type='a{sv}' direction='in'/>"
  "  </method>"
  "  <method name='ActivateAction'>"
  "   <arg type='s' direction='in'/><arg type='av' direction='in'/>"
  "   <arg type='a{sv}' direction='in'/>"
  "  </method>"
  " </interface>"
  "</node>";

struct _RcvFakeNotifications
{
  RcvFakeFlags flags;
  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  GDBusConnection *connection;
  GMutex mutex;
  GCond cond;
  gboolean ready;
  guint owners;            /* names owned, when counted by `ready` */
  GPtrArray *notifications;  /* RcvFakeNotification */
  GQueue calls;            /* char *: the calls to the stand-in app, systemd, portal */
  gboolean allow_background;
  guint32 last_id;
  GPtrArray *held;         /* GDBusMethodInvocation never answered (RCV_FAKE_HANG) */
};

static void
fake_notification_free (gpointer pointer)
{
  rcv_fake_notification_free (pointer);
}

void
rcv_fake_notification_free (RcvFakeNotification *notification)
{
  if (notification == NULL)
    return;
  g_free (notification->app_name);
  g_free (notification->app_icon);
  g_free (notification->summary);
  g_free (notification->body);
  g_strfreev (notification->actions);
  g_free (notification->desktop_entry);
  g_free (notification);
}

static void
emit (RcvFakeNotifications *fake,
      const char           *signal,
      GVariant             *parameters)
{
  g_dbus_connection_emit_signal (fake->connection, NULL, NOTIFICATIONS_PATH, NOTIFICATIONS_NAME,
                                 signal, parameters, NULL);
}

static void
close_one (RcvFakeNotifications *fake,
           guint32               id,
           guint32               reason)
{
  gboolean found = FALSE;

  g_mutex_lock (&fake->mutex);
  for (guint i = 0; i < fake->notifications->len; i++)
    {
      RcvFakeNotification *n = g_ptr_array_index (fake->notifications, i);

      if (n->id == id && !n->closed)
        {
          n->closed = TRUE;
          found = TRUE;
        }
    }
  g_mutex_unlock (&fake->mutex);
  if (found)
    emit (fake, "NotificationClosed", g_variant_new ("(uu)", id, reason));
}

static void
notifications_method (GDBusConnection       *connection,
                      const char            *sender,
                      const char            *object_path,
                      const char            *interface_name,
                      const char            *method_name,
                      GVariant              *parameters,
                      GDBusMethodInvocation *invocation,
                      gpointer               user_data)
{
  RcvFakeNotifications *fake = user_data;

  /* a daemon that hangs: the call is taken and never answered, until the server stops */
  if (fake->flags & RCV_FAKE_HANG)
    {
      g_mutex_lock (&fake->mutex);
      g_ptr_array_add (fake->held, invocation);
      g_mutex_unlock (&fake->mutex);
      return;
    }
  if (g_str_equal (method_name, "GetCapabilities"))
    {
      GVariantBuilder caps;

      g_variant_builder_init (&caps, G_VARIANT_TYPE ("as"));
      g_variant_builder_add (&caps, "s", "body");
      if (fake->flags & RCV_FAKE_ACTIONS)
        g_variant_builder_add (&caps, "s", "actions");
      if (fake->flags & RCV_FAKE_MARKUP)
        g_variant_builder_add (&caps, "s", "body-markup");
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(as)", &caps));
    }
  else if (g_str_equal (method_name, "GetServerInformation"))
    g_dbus_method_invocation_return_value (invocation,
                                           g_variant_new ("(ssss)", "rcv-fake", "Receivables",
                                                          "1", "1.2"));
  else if (g_str_equal (method_name, "CloseNotification"))
    {
      guint32 id;

      g_variant_get (parameters, "(u)", &id);
      close_one (fake, id, 3);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method_name, "Notify"))
    {
      RcvFakeNotification *n = g_new0 (RcvFakeNotification, 1);
      g_autoptr(GVariant) hints = NULL;
      guint32 replaces;
      gint32 timeout;

      g_variant_get (parameters, "(susss^as@a{sv}i)", &n->app_name, &replaces, &n->app_icon,
                     &n->summary, &n->body, &n->actions, &hints, &timeout);
      g_variant_lookup (hints, "desktop-entry", "s", &n->desktop_entry);
      g_mutex_lock (&fake->mutex);
      n->id = replaces != 0 ? replaces : ++fake->last_id;
      g_ptr_array_add (fake->notifications, n);
      g_mutex_unlock (&fake->mutex);
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", n->id));
      if (fake->flags & RCV_FAKE_AUTO_CLOSE)
        close_one (fake, n->id, 1);
    }
}

static void
log_call (RcvFakeNotifications *fake,
          char                 *text)
{
  g_mutex_lock (&fake->mutex);
  g_queue_push_tail (&fake->calls, text);
  g_mutex_unlock (&fake->mutex);
}

static void
application_method (GDBusConnection       *connection,
                    const char            *sender,
                    const char            *object_path,
                    const char            *interface_name,
                    const char            *method_name,
                    GVariant              *parameters,
                    GDBusMethodInvocation *invocation,
                    gpointer               user_data)
{
  RcvFakeNotifications *fake = user_data;
  g_autofree char *text = NULL;

  if (g_str_equal (method_name, "ActivateAction"))
    {
      g_autoptr(GVariant) targets = NULL;
      g_autoptr(GVariant) platform = NULL;
      g_autofree char *target = NULL;
      const char *action;
      const char *token = "";

      g_variant_get (parameters, "(&s@av@a{sv})", &action, &targets, &platform);
      target = g_variant_print (targets, FALSE);
      g_variant_lookup (platform, "activation-token", "&s", &token);
      text = g_strdup_printf ("%s %s %s", action, target, token);
    }
  else
    text = g_strdup (method_name);
  log_call (fake, g_steal_pointer (&text));
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static const char systemd_xml[] =
  "<node>"
  " <interface name='org.freedesktop.systemd1.Manager'>"
  "  <method name='Reload'/>"
  "  <method name='StartUnit'>"
  "   <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "   <arg type='o' direction='out'/>"
  "  </method>"
  "  <method name='StopUnit'>"
  "   <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "   <arg type='o' direction='out'/>"
  "  </method>"
  " </interface>"
  "</node>";

static const char portal_xml[] =
  "<node>"
  " <interface name='org.freedesktop.portal.Background'>"
  "  <method name='RequestBackground'>"
  "   <arg type='s' direction='in'/><arg type='a{sv}' direction='in'/>"
  "   <arg type='o' direction='out'/>"
  "  </method>"
  " </interface>"
  "</node>";

static void
systemd_method (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  RcvFakeNotifications *fake = user_data;

  if (g_str_equal (method_name, "Reload"))
    {
      log_call (fake, g_strdup ("Reload"));
      g_dbus_method_invocation_return_value (invocation, NULL);
      return;
    }
  {
    const char *unit, *mode;

    g_variant_get (parameters, "(&s&s)", &unit, &mode);
    log_call (fake, g_strdup_printf ("%s %s %s", method_name, unit, mode));
    g_dbus_method_invocation_return_value (invocation,
                                           g_variant_new ("(o)", "/org/freedesktop/systemd1/"
                                                          "job/1"));
  }
}

static void
portal_method (GDBusConnection       *connection,
               const char            *sender,
               const char            *object_path,
               const char            *interface_name,
               const char            *method_name,
               GVariant              *parameters,
               GDBusMethodInvocation *invocation,
               gpointer               user_data)
{
  RcvFakeNotifications *fake = user_data;
  g_autoptr(GVariant) options = NULL;
  g_autofree char *commandline = NULL;
  g_autofree char *handle = NULL;
  g_autofree char *name = g_strdup (sender + 1);
  g_autoptr(GVariant) strv = NULL;
  GVariantBuilder results;
  const char *parent, *token = "t", *reason = "";
  gboolean autostart = FALSE;

  g_variant_get (parameters, "(&s@a{sv})", &parent, &options);
  g_variant_lookup (options, "handle_token", "&s", &token);
  g_variant_lookup (options, "reason", "&s", &reason);
  g_variant_lookup (options, "autostart", "b", &autostart);
  strv = g_variant_lookup_value (options, "commandline", G_VARIANT_TYPE_STRING_ARRAY);
  commandline = strv != NULL ? g_variant_print (strv, FALSE) : g_strdup ("none");
  log_call (fake, g_strdup_printf ("RequestBackground autostart=%d %s", autostart, commandline));

  g_strdelimit (name, ".", '_');
  handle = g_strdup_printf ("/org/freedesktop/portal/desktop/request/%s/%s", name, token);
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", handle));

  g_variant_builder_init (&results, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&results, "{sv}", "background",
                         g_variant_new_boolean (fake->allow_background));
  g_variant_builder_add (&results, "{sv}", "autostart",
                         g_variant_new_boolean (fake->allow_background && autostart));
  g_dbus_connection_emit_signal (connection, sender, handle, "org.freedesktop.portal.Request",
                                 "Response", g_variant_new ("(ua{sv})", 0, &results), NULL);
}

static void
on_name_acquired (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  RcvFakeNotifications *fake = user_data;

  g_mutex_lock (&fake->mutex);
  fake->owners++;
  g_cond_broadcast (&fake->cond);
  g_mutex_unlock (&fake->mutex);
}

static void
on_name_lost (GDBusConnection *connection,
              const char      *name,
              gpointer         user_data)
{
  g_error ("the stand-in could not own %s on the test bus", name);
}

static void
export (RcvFakeNotifications    *fake,
        const char              *xml,
        const char              *path,
        const char              *name,
        GDBusInterfaceMethodCallFunc method)
{
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (xml, NULL);
  GDBusInterfaceVTable vtable = { method, NULL, NULL, { 0 } };
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (info);
  g_dbus_connection_register_object (fake->connection, path, info->interfaces[0], &vtable, fake,
                                     NULL, &error);
  g_assert_no_error (error);
  g_bus_own_name_on_connection (fake->connection, name, G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE,
                                on_name_acquired, on_name_lost, fake, NULL);
}

static gpointer
serve (gpointer data)
{
  RcvFakeNotifications *fake = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;

  g_main_context_push_thread_default (fake->context);
  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  fake->connection = g_dbus_connection_new_for_address_sync (
    address,
    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
    G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
    NULL, NULL, &error);
  g_assert_no_error (error);
  export (fake, notifications_xml, NOTIFICATIONS_PATH, NOTIFICATIONS_NAME, notifications_method);

  g_main_loop_run (fake->loop);

  g_dbus_connection_close_sync (fake->connection, NULL, NULL);
  g_clear_object (&fake->connection);
  g_main_context_pop_thread_default (fake->context);
  return NULL;
}

static void
wait_for_owners (RcvFakeNotifications *fake,
                 guint                 owners)
{
  g_mutex_lock (&fake->mutex);
  while (fake->owners < owners)
    g_cond_wait (&fake->cond, &fake->mutex);
  g_mutex_unlock (&fake->mutex);
}

/* Lets the calling thread's D-Bus subscriptions see who owns the names now: the bus
 * sent NameOwnerChanged before it answers this call, and the loop then dispatches it. */
static void
settle (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;

  g_assert_nonnull (bus);
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "GetId", NULL, NULL,
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  for (guint i = 0; i < 10; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

/* Starts the server on the session bus; it owns the name when this returns. */
RcvFakeNotifications *
rcv_fake_notifications_start (RcvFakeFlags flags)
{
  RcvFakeNotifications *fake = g_new0 (RcvFakeNotifications, 1);

  fake->flags = flags;
  fake->context = g_main_context_new ();
  fake->loop = g_main_loop_new (fake->context, FALSE);
  fake->notifications = g_ptr_array_new_with_free_func (fake_notification_free);
  fake->held = g_ptr_array_new_with_free_func (g_object_unref);
  g_mutex_init (&fake->mutex);
  g_cond_init (&fake->cond);
  g_queue_init (&fake->calls);
  fake->thread = g_thread_new ("fake-notifications", serve, fake);
  wait_for_owners (fake, 1);
  settle ();
  return fake;
}

/* Stops the server; its names are released with its connection. */
void
rcv_fake_notifications_stop (RcvFakeNotifications *fake)
{
  g_main_loop_quit (fake->loop);
  g_thread_join (fake->thread);
  g_main_loop_unref (fake->loop);
  g_main_context_unref (fake->context);
  g_ptr_array_unref (fake->notifications);
  g_ptr_array_unref (fake->held);
  g_queue_clear_full (&fake->calls, g_free);
  g_mutex_clear (&fake->mutex);
  g_cond_clear (&fake->cond);
  g_free (fake);
  settle ();
}

guint
rcv_fake_notifications_count (RcvFakeNotifications *fake)
{
  guint n;

  g_mutex_lock (&fake->mutex);
  n = fake->notifications->len;
  g_mutex_unlock (&fake->mutex);
  return n;
}

/* A copy of the index-th notification received. */
RcvFakeNotification *
rcv_fake_notifications_get (RcvFakeNotifications *fake,
                            guint                 index)
{
  RcvFakeNotification *copy = g_new0 (RcvFakeNotification, 1);
  const RcvFakeNotification *n;

  g_mutex_lock (&fake->mutex);
  g_assert_cmpuint (index, <, fake->notifications->len);
  n = g_ptr_array_index (fake->notifications, index);
  copy->id = n->id;
  copy->app_name = g_strdup (n->app_name);
  copy->app_icon = g_strdup (n->app_icon);
  copy->summary = g_strdup (n->summary);
  copy->body = g_strdup (n->body);
  copy->actions = g_strdupv (n->actions);
  copy->desktop_entry = g_strdup (n->desktop_entry);
  copy->closed = n->closed;
  g_mutex_unlock (&fake->mutex);
  return copy;
}

/* What a click on an action does: a token, the action, and the notification closes. */
void
rcv_fake_notifications_invoke (RcvFakeNotifications *fake,
                               guint32               id,
                               const char           *action)
{
  g_autofree char *token = g_strdup_printf ("fake-token-%u", id);

  emit (fake, "ActivationToken", g_variant_new ("(us)", id, token));
  emit (fake, "ActionInvoked", g_variant_new ("(us)", id, action));
  close_one (fake, id, 2);
}

/* The user dismisses every notification still shown. */
void
rcv_fake_notifications_close_all (RcvFakeNotifications *fake)
{
  guint n = rcv_fake_notifications_count (fake);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RcvFakeNotification) notification = rcv_fake_notifications_get (fake, i);

      close_one (fake, notification->id, 2);
    }
}

/* Forgets the notifications received (they count from 0 again). */
void
rcv_fake_notifications_clear (RcvFakeNotifications *fake)
{
  g_mutex_lock (&fake->mutex);
  g_ptr_array_set_size (fake->notifications, 0);
  g_mutex_unlock (&fake->mutex);
}

typedef struct
{
  RcvFakeNotifications *fake;
  const char *xml;
  char *path;
  char *name;
  GDBusInterfaceMethodCallFunc method;
} Own;

static gboolean
own_in_thread (gpointer data)
{
  Own *own = data;

  export (own->fake, own->xml, own->path, own->name, own->method);
  g_free (own->path);
  g_free (own->name);
  g_free (own);
  return G_SOURCE_REMOVE;
}

static void
own (RcvFakeNotifications         *fake,
     const char                   *xml,
     const char                   *path,
     const char                   *name,
     GDBusInterfaceMethodCallFunc  method)
{
  Own *request = g_new0 (Own, 1);
  guint owners;

  g_mutex_lock (&fake->mutex);
  owners = fake->owners;
  g_mutex_unlock (&fake->mutex);
  request->fake = fake;
  request->xml = xml;
  request->path = g_strdup (path);
  request->name = g_strdup (name);
  request->method = method;
  g_main_context_invoke (fake->context, own_in_thread, request);
  wait_for_owners (fake, owners + 1);
  settle ();
}

/* Owns the app's name, answering org.freedesktop.Application in its place. */
void
rcv_fake_notifications_own_app (RcvFakeNotifications *fake,
                                const char           *application_id)
{
  g_autofree char *path = g_strconcat ("/", application_id, NULL);

  g_strdelimit (path, ".", '/');
  g_strdelimit (path, "-", '_');
  own (fake, application_xml, path, application_id, application_method);
}

/* Stands in for the systemd user manager: Reload, StartUnit and StopUnit are logged. */
void
rcv_fake_notifications_own_systemd (RcvFakeNotifications *fake)
{
  own (fake, systemd_xml, "/org/freedesktop/systemd1", "org.freedesktop.systemd1",
       systemd_method);
}

/* Stands in for the Background portal, which allows (or refuses) what is asked. */
void
rcv_fake_notifications_own_portal (RcvFakeNotifications *fake,
                                   gboolean              allow)
{
  fake->allow_background = allow;
  own (fake, portal_xml, "/org/freedesktop/portal/desktop", "org.freedesktop.portal.Desktop",
       portal_method);
}

/* The oldest call to a stand-in (app, systemd, portal) not yet taken, or NULL. */
char *
rcv_fake_notifications_next_call (RcvFakeNotifications *fake)
{
  char *text;

  g_mutex_lock (&fake->mutex);
  text = g_queue_pop_head (&fake->calls);
  g_mutex_unlock (&fake->mutex);
  return text;
}
