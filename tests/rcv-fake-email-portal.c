/* rcv-fake-email-portal.c - a stand-in org.freedesktop.portal.Email on the test's session bus
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As xdg-desktop-portal does it, far enough for rcv-mail-compose.c: it owns
 * org.freedesktop.portal.Desktop, takes ComposeEmail (s parent_window, a{sv} options) with
 * the attachments as file descriptors (read here to their end, as a mail app would), makes the
 * request object at the path the handle token names (org.freedesktop.portal.Request, with
 * Close), answers the call with that path and then emits Response with the code the test
 * chose (0 done, 1 cancelled, 2 failed), or never (RCV_FAKE_EMAIL_NO_RESPONSE). With "own
 * handles" it ignores the token and names the request itself, as portals before 0.9 did, and
 * answers a moment after the call, the caller having to follow the handle returned. It runs in a
 * thread of its own with its own main context and connection, so that the caller's loop is
 * the only thing the test drives.
 */
#include "config.h"

#include <gio/gunixfdlist.h>
#include <unistd.h>

#include "rcv-fake-email-portal.h"

#define PORTAL_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_PATH "/org/freedesktop/portal/desktop"

static const char email_xml[] =
  "<node>"
  " <interface name='org.freedesktop.portal.Email'>"
  "  <method name='ComposeEmail'>"
  "   <arg type='s' direction='in'/><arg type='a{sv}' direction='in'/>"
  "   <arg type='o' direction='out'/>"
  "  </method>"
  "  <property name='version' type='u' access='read'/>"
  " </interface>"
  "</node>";

static const char request_xml[] =
  "<node>"
  " <interface name='org.freedesktop.portal.Request'>"
  "  <method name='Close'/>"
  "  <signal name='Response'><arg type='u'/><arg type='a{sv}'/></signal>"
  " </interface>"
  "</node>";

struct _RcvFakeEmailPortal
{
  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  GDBusConnection *connection;
  GDBusNodeInfo *request_info;
  GMutex mutex;
  GCond cond;
  gboolean ready;
  guint response;
  gboolean own_handles;
  GPtrArray *emails;       /* RcvFakeEmail */
};

void
rcv_fake_email_free (RcvFakeEmail *email)
{
  if (email == NULL)
    return;
  g_free (email->parent_window);
  g_free (email->address);
  g_free (email->subject);
  g_free (email->body);
  g_ptr_array_unref (email->attachments);
  g_free (email);
}

static GBytes *
read_to_end (int fd)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint8 buffer[8192];
  gssize n;

  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    g_byte_array_append (bytes, buffer, (guint) n);
  g_assert_cmpint (n, ==, 0);
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

typedef struct
{
  RcvFakeEmailPortal *fake;
  guint index;             /* of the email it belongs to */
  guint registration;
} Request;

/* A Response to send later, from the stand-in's own context. */
typedef struct
{
  GDBusConnection *connection;
  char *sender;
  char *path;
  guint response;
  guint registration;
} Answer;

static void
answer_free (gpointer data)
{
  Answer *answer = data;

  g_object_unref (answer->connection);
  g_free (answer->sender);
  g_free (answer->path);
  g_free (answer);
}

static void
respond (GDBusConnection *connection,
         const char      *sender,
         const char      *path,
         guint            response,
         guint            registration)
{
  /* to the caller alone, as xdg-desktop-portal does: the caller needs no match rule */
  g_dbus_connection_emit_signal (connection, sender, path, "org.freedesktop.portal.Request",
                                 "Response",
                                 g_variant_new ("(u@a{sv})", response,
                                                g_variant_new_array (G_VARIANT_TYPE ("{sv}"),
                                                                     NULL, 0)),
                                 NULL);
  g_dbus_connection_unregister_object (connection, registration);
}

static gboolean
on_answer_due (gpointer data)
{
  Answer *answer = data;

  respond (answer->connection, answer->sender, answer->path, answer->response,
           answer->registration);
  return G_SOURCE_REMOVE;
}

static void
request_method (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  Request *request = user_data;
  RcvFakeEmailPortal *fake = request->fake;

  g_assert_cmpstr (method_name, ==, "Close");
  g_mutex_lock (&fake->mutex);
  ((RcvFakeEmail *) g_ptr_array_index (fake->emails, request->index))->closed = TRUE;
  g_mutex_unlock (&fake->mutex);
  g_dbus_method_invocation_return_value (invocation, NULL);
  g_dbus_connection_unregister_object (connection, request->registration);
}

static void
email_method (GDBusConnection       *connection,
              const char            *sender,
              const char            *object_path,
              const char            *interface_name,
              const char            *method_name,
              GVariant              *parameters,
              GDBusMethodInvocation *invocation,
              gpointer               user_data)
{
  RcvFakeEmailPortal *fake = user_data;
  GUnixFDList *fds = g_dbus_message_get_unix_fd_list (g_dbus_method_invocation_get_message (invocation));
  g_autoptr(GVariant) options = NULL;
  g_autofree char *unique = g_strdup (sender + 1);
  g_autofree char *path = NULL;
  GDBusInterfaceVTable vtable = { request_method, NULL, NULL, { 0 } };
  RcvFakeEmail *email = g_new0 (RcvFakeEmail, 1);
  const char *parent = NULL, *token = NULL, *text = NULL;
  GVariant *handles;
  Request *request;
  guint response;
  gboolean own_handles;

  g_assert_cmpstr (method_name, ==, "ComposeEmail");
  g_variant_get (parameters, "(&s@a{sv})", &parent, &options);
  email->parent_window = g_strdup (parent);
  email->address = g_strdup (g_variant_lookup (options, "address", "&s", &text) ? text : "");
  email->subject = g_strdup (g_variant_lookup (options, "subject", "&s", &text) ? text : NULL);
  email->body = g_strdup (g_variant_lookup (options, "body", "&s", &text) ? text : NULL);
  email->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  handles = g_variant_lookup_value (options, "attachment_fds", G_VARIANT_TYPE ("ah"));
  if (handles != NULL)
    {
      gsize n = 0;
      const gint32 *indices = g_variant_get_fixed_array (handles, &n, sizeof (gint32));

      g_assert_nonnull (fds);
      for (gsize i = 0; i < n; i++)
        {
          g_autoptr(GError) error = NULL;
          int fd = g_unix_fd_list_get (fds, indices[i], &error);

          g_assert_no_error (error);
          g_ptr_array_add (email->attachments, read_to_end (fd));
          close (fd);
        }
      g_variant_unref (handles);
    }

  request = g_new0 (Request, 1);
  request->fake = fake;
  g_mutex_lock (&fake->mutex);
  request->index = fake->emails->len;
  g_ptr_array_add (fake->emails, email);
  response = fake->response;
  own_handles = fake->own_handles;
  g_mutex_unlock (&fake->mutex);

  g_strdelimit (unique, ".", '_');
  if (own_handles || !g_variant_lookup (options, "handle_token", "&s", &token))
    path = g_strdup_printf ("%s/request/%s/own%u", PORTAL_PATH, unique, request->index);
  else
    path = g_strdup_printf ("%s/request/%s/%s", PORTAL_PATH, unique, token);
  request->registration = g_dbus_connection_register_object (connection, path,
                                                             fake->request_info->interfaces[0],
                                                             &vtable, request, g_free, NULL);
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", path));
  if (response == RCV_FAKE_EMAIL_NO_RESPONSE)
    return;
  if (!own_handles)
    {
      respond (connection, sender, path, response, request->registration);
      return;
    }
  /* a caller that listened on the path of its token only would miss this */
  {
    Answer *answer = g_new0 (Answer, 1);
    g_autoptr(GSource) source = g_timeout_source_new (200);

    answer->connection = g_object_ref (connection);
    answer->sender = g_strdup (sender);
    answer->path = g_strdup (path);
    answer->response = response;
    answer->registration = request->registration;
    g_source_set_callback (source, on_answer_due, answer, answer_free);
    g_source_attach (source, fake->context);
  }
}

static GVariant *
email_property (GDBusConnection  *connection,
                const char       *sender,
                const char       *object_path,
                const char       *interface_name,
                const char       *property_name,
                GError          **error,
                gpointer          user_data)
{
  return g_variant_new_uint32 (3);
}

static void
on_name_acquired (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  RcvFakeEmailPortal *fake = user_data;

  g_mutex_lock (&fake->mutex);
  fake->ready = TRUE;
  g_cond_signal (&fake->cond);
  g_mutex_unlock (&fake->mutex);
}

static void
on_name_lost (GDBusConnection *connection,
              const char      *name,
              gpointer         user_data)
{
  g_error ("the stand-in could not own %s on the test bus", name);
}

static gpointer
serve (gpointer data)
{
  RcvFakeEmailPortal *fake = data;
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (email_xml, NULL);
  GDBusInterfaceVTable vtable = { email_method, email_property, NULL, { 0 } };
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
  g_dbus_connection_register_object (fake->connection, PORTAL_PATH, info->interfaces[0], &vtable,
                                     fake, NULL, &error);
  g_assert_no_error (error);
  g_bus_own_name_on_connection (fake->connection, PORTAL_NAME,
                                G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE, on_name_acquired,
                                on_name_lost, fake, NULL);

  g_main_loop_run (fake->loop);

  g_dbus_connection_close_sync (fake->connection, NULL, NULL);
  g_clear_object (&fake->connection);
  g_main_context_pop_thread_default (fake->context);
  return NULL;
}

/* Starts the stand-in, which answers each request with `response`; it owns the portal's name
 * when this returns. */
RcvFakeEmailPortal *
rcv_fake_email_portal_start (guint response)
{
  RcvFakeEmailPortal *fake = g_new0 (RcvFakeEmailPortal, 1);

  fake->response = response;
  fake->context = g_main_context_new ();
  fake->loop = g_main_loop_new (fake->context, FALSE);
  fake->request_info = g_dbus_node_info_new_for_xml (request_xml, NULL);
  fake->emails = g_ptr_array_new_with_free_func ((GDestroyNotify) rcv_fake_email_free);
  g_mutex_init (&fake->mutex);
  g_cond_init (&fake->cond);
  fake->thread = g_thread_new ("fake-email-portal", serve, fake);
  g_mutex_lock (&fake->mutex);
  while (!fake->ready)
    g_cond_wait (&fake->cond, &fake->mutex);
  g_mutex_unlock (&fake->mutex);
  return fake;
}

/* Stops it; the name goes with its connection. */
void
rcv_fake_email_portal_stop (RcvFakeEmailPortal *fake)
{
  g_main_loop_quit (fake->loop);
  g_thread_join (fake->thread);
  g_main_loop_unref (fake->loop);
  g_main_context_unref (fake->context);
  g_dbus_node_info_unref (fake->request_info);
  g_ptr_array_unref (fake->emails);
  g_mutex_clear (&fake->mutex);
  g_cond_clear (&fake->cond);
  g_free (fake);
}

void
rcv_fake_email_portal_set_response (RcvFakeEmailPortal *fake,
                                    guint               response)
{
  g_mutex_lock (&fake->mutex);
  fake->response = response;
  g_mutex_unlock (&fake->mutex);
}

/* With `own`, requests are named by the stand-in, not by the caller's handle_token, and
 * answered 200 ms after the call. */
void
rcv_fake_email_portal_set_own_handles (RcvFakeEmailPortal *fake,
                                       gboolean            own)
{
  g_mutex_lock (&fake->mutex);
  fake->own_handles = own;
  g_mutex_unlock (&fake->mutex);
}

guint
rcv_fake_email_portal_count (RcvFakeEmailPortal *fake)
{
  guint n;

  g_mutex_lock (&fake->mutex);
  n = fake->emails->len;
  g_mutex_unlock (&fake->mutex);
  return n;
}

/* A copy of the index-th message the stand-in was asked to open. */
RcvFakeEmail *
rcv_fake_email_portal_get (RcvFakeEmailPortal *fake,
                           guint               index)
{
  RcvFakeEmail *copy = NULL;

  g_mutex_lock (&fake->mutex);
  if (index < fake->emails->len)
    {
      RcvFakeEmail *email = g_ptr_array_index (fake->emails, index);

      copy = g_new0 (RcvFakeEmail, 1);
      copy->parent_window = g_strdup (email->parent_window);
      copy->address = g_strdup (email->address);
      copy->subject = g_strdup (email->subject);
      copy->body = g_strdup (email->body);
      copy->attachments = g_ptr_array_ref (email->attachments);
      copy->closed = email->closed;
    }
  g_mutex_unlock (&fake->mutex);
  return copy;
}
