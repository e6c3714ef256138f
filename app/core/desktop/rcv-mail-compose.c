/* rcv-mail-compose.c - a new message in the user's own mail app: the Email portal, or
 * xdg-email
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * org.freedesktop.portal.Email.ComposeEmail opens the mail app the user chose, inside Flatpak
 * and wherever xdg-desktop-portal runs: the address, the subject, the text, and the PDF
 * passed as a file descriptor (the sandboxed app need not share its files). As the portal's
 * documentation asks, the Response signal of the request is listened to before the call, on
 * the path the handle token makes; 0 is done, 1 cancelled (the person closed the chooser), 2
 * anything else. Where no portal answers (no session bus, no xdg-desktop-portal, an old one
 * without the interface), `xdg-email` does it, its arguments as argv, never through a shell.
 * The person sends the message from the mail app: nothing is logged or recorded here.
 */
#define G_LOG_DOMAIN "rcv-mail"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixfdlist.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rcv-mail-compose.h"

#define PORTAL_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_PATH "/org/freedesktop/portal/desktop"
#define EMAIL_INTERFACE "org.freedesktop.portal.Email"
#define REQUEST_INTERFACE "org.freedesktop.portal.Request"

typedef struct
{
  GDBusConnection *bus;
  char *parent_window;
  char *address;
  char *subject;
  char *body;
  char *attachment_path;
  char *handle;                    /* the request's object path */
  guint response_id;               /* the Response signal's subscription */
  gulong cancelled_id;
  gboolean done;                   /* the task has returned */
} Compose;

static void
compose_free (gpointer data)
{
  Compose *compose = data;

  if (compose->response_id != 0)
    g_dbus_connection_signal_unsubscribe (compose->bus, compose->response_id);
  g_clear_object (&compose->bus);
  g_free (compose->parent_window);
  g_free (compose->address);
  g_free (compose->subject);
  g_free (compose->body);
  g_free (compose->attachment_path);
  g_free (compose->handle);
  g_free (compose);
}

/* Ends the task once, whichever comes first: the response, a failure, Cancel. */
static void
finish (GTask  *task,
        GError *error)
{
  Compose *compose = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (compose->done)
    {
      g_clear_error (&error);
      return;
    }
  compose->done = TRUE;
  if (compose->response_id != 0)
    {
      g_dbus_connection_signal_unsubscribe (compose->bus, compose->response_id);
      compose->response_id = 0;
    }
  if (compose->cancelled_id != 0 && cancellable != NULL)
    {
      g_cancellable_disconnect (cancellable, compose->cancelled_id);
      compose->cancelled_id = 0;
    }
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* ---- xdg-email ----------------------------------------------------------------------- */

static void
on_xdg_email_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_subprocess_wait_finish (G_SUBPROCESS (source), result, &error))
    {
      finish (task, error);
      return;
    }
  if (!g_subprocess_get_if_exited (G_SUBPROCESS (source)) ||
      g_subprocess_get_exit_status (G_SUBPROCESS (source)) != 0)
    {
      int status = g_subprocess_get_if_exited (G_SUBPROCESS (source))
                     ? g_subprocess_get_exit_status (G_SUBPROCESS (source)) : -1;

      finish (task, g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                                 /* Translators: %d is xdg-email's exit status */
                                 _("xdg-email could not open a mail app (exit status %d): save "
                                   "the PDF and attach it to a message yourself"), status));
      return;
    }
  finish (task, NULL);
}

static void
run_xdg_email (GTask *task)
{
  Compose *compose = g_task_get_task_data (task);
  g_autofree char *program = g_find_program_in_path ("xdg-email");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  GError *error = NULL;

  if (program == NULL)
    {
      finish (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                         _("Neither the desktop's Email portal nor xdg-email "
                                           "is there to open a mail app: save the PDF and "
                                           "attach it to a message yourself")));
      return;
    }
  g_ptr_array_add (argv, program);
  g_ptr_array_add (argv, (char *) "--utf8");
  g_ptr_array_add (argv, (char *) "--subject");
  g_ptr_array_add (argv, compose->subject);
  g_ptr_array_add (argv, (char *) "--body");
  g_ptr_array_add (argv, compose->body);
  g_ptr_array_add (argv, (char *) "--attach");
  g_ptr_array_add (argv, compose->attachment_path);
  if (compose->address[0] != '\0')
    g_ptr_array_add (argv, compose->address);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char *const *) argv->pdata, G_SUBPROCESS_FLAGS_NONE,
                               &error);
  if (process == NULL)
    {
      finish (task, error);
      return;
    }
  g_subprocess_wait_async (process, g_task_get_cancellable (task), on_xdg_email_done,
                           g_object_ref (task));
}

/* ---- the portal ---------------------------------------------------------------------- */

static gboolean
portal_missing (const GError *error)
{
  return g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_INTERFACE) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_CHILD_EXITED);
}

static void
on_response (GDBusConnection *bus,
             const char      *sender,
             const char      *path,
             const char      *interface,
             const char      *signal,
             GVariant        *parameters,
             gpointer         user_data)
{
  GTask *task = user_data;
  g_autoptr(GVariant) results = NULL;
  guint32 response = 2;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ua{sv})")))
    return;
  g_variant_get (parameters, "(u@a{sv})", &response, &results);
  g_object_ref (task);
  if (response == 0)
    finish (task, NULL);
  else if (response == 1)
    finish (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                       _("The message was not opened")));
  else
    finish (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                       _("The desktop could not open a mail app: save the PDF "
                                         "and attach it to a message yourself")));
  g_object_unref (task);
}

/* The request's path the portal will use: the caller's unique name without its ':' and with
 * '_' for '.', then the token. */
static char *
request_path (GDBusConnection *bus,
              const char      *token)
{
  g_autofree char *sender = g_strdup (g_dbus_connection_get_unique_name (bus) + 1);

  g_strdelimit (sender, ".", '_');
  return g_strdup_printf ("%s/request/%s/%s", PORTAL_PATH, sender, token);
}

static void
listen (GTask      *task,
        const char *handle)
{
  Compose *compose = g_task_get_task_data (task);

  if (compose->response_id != 0)
    g_dbus_connection_signal_unsubscribe (compose->bus, compose->response_id);
  g_free (compose->handle);
  compose->handle = g_strdup (handle);
  /* the subscription keeps the task until finish () ends it */
  compose->response_id = g_dbus_connection_signal_subscribe (compose->bus, PORTAL_NAME,
                                                             REQUEST_INTERFACE, "Response",
                                                             handle, NULL,
                                                             G_DBUS_SIGNAL_FLAGS_NO_MATCH_RULE,
                                                             on_response, g_object_ref (task),
                                                             g_object_unref);
}

static void
on_compose_called (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Compose *compose = g_task_get_task_data (task);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *handle = NULL;

  reply = g_dbus_connection_call_with_unix_fd_list_finish (G_DBUS_CONNECTION (source), NULL,
                                                           result, &error);
  if (compose->done)
    return;
  if (reply == NULL)
    {
      if (portal_missing (error))
        run_xdg_email (task);
      else
        finish (task, g_steal_pointer (&error));
      return;
    }
  g_variant_get (reply, "(&o)", &handle);
  /* an older portal makes its own path: follow it (a response on it before now is lost, as
   * the portal's documentation says, which is why the token is given) */
  if (g_strcmp0 (handle, compose->handle) != 0)
    listen (task, handle);
}

static void
on_closed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  /* the request may have ended on its own meanwhile: nothing to tell anyone */
  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    g_debug ("The portal's request was not closed: %s", error->message);
}

static void
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  GTask *task = user_data;
  Compose *compose = g_task_get_task_data (task);

  if (compose->handle != NULL && compose->bus != NULL)
    g_dbus_connection_call (compose->bus, PORTAL_NAME, compose->handle, REQUEST_INTERFACE,
                            "Close", NULL, NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, on_closed,
                            NULL);
}

static gboolean
finish_cancelled (gpointer user_data)
{
  GTask *task = user_data;

  finish (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                     _("The message was not opened")));
  return G_SOURCE_REMOVE;
}

static void
on_cancelled_idle (GCancellable *cancellable,
                   gpointer      user_data)
{
  GTask *task = user_data;

  on_cancelled (cancellable, task);
  /* the task ends from the main context, not from inside g_cancellable_cancel () */
  g_idle_add_full (G_PRIORITY_DEFAULT, finish_cancelled, g_object_ref (task), g_object_unref);
}

static void
call_portal (GTask *task)
{
  Compose *compose = g_task_get_task_data (task);
  g_autoptr(GUnixFDList) fds = g_unix_fd_list_new ();
  g_autofree char *token = g_strdup_printf ("receivables%u", g_random_int ());
  g_autofree char *path = NULL;
  GVariantBuilder options;
  GError *error = NULL;
  int fd, index;

  fd = g_open (compose->attachment_path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;

      finish (task, g_error_new (G_IO_ERROR, g_io_error_from_errno (saved),
                                 _("“%s” cannot be read: %s"), compose->attachment_path,
                                 g_strerror (saved)));
      return;
    }
  index = g_unix_fd_list_append (fds, fd, &error);
  g_close (fd, NULL);
  if (index < 0)
    {
      finish (task, error);
      return;
    }
  path = request_path (compose->bus, token);
  listen (task, path);

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  if (compose->address[0] != '\0')
    g_variant_builder_add (&options, "{sv}", "address", g_variant_new_string (compose->address));
  g_variant_builder_add (&options, "{sv}", "subject", g_variant_new_string (compose->subject));
  g_variant_builder_add (&options, "{sv}", "body", g_variant_new_string (compose->body));
  g_variant_builder_add (&options, "{sv}", "attachment_fds",
                         g_variant_new_fixed_array (G_VARIANT_TYPE_HANDLE, &index, 1,
                                                    sizeof (gint32)));
  g_dbus_connection_call_with_unix_fd_list (compose->bus, PORTAL_NAME, PORTAL_PATH,
                                            EMAIL_INTERFACE, "ComposeEmail",
                                            g_variant_new ("(sa{sv})", compose->parent_window,
                                                           &options),
                                            G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE,
                                            G_MAXINT, fds, g_task_get_cancellable (task),
                                            on_compose_called, g_object_ref (task));
}

/* Opens a new message in the user's mail app: to `address` ("" or NULL: none), `subject`,
 * `body`, the file at `attachment_path` attached; on `bus` (NULL: the session bus). Done once
 * the mail app has it, or the person cancelled (G_IO_ERROR_CANCELLED). */
void
rcv_mail_compose (GDBusConnection     *bus,
                  const char          *parent_window,
                  const char          *address,
                  const char          *subject,
                  const char          *body,
                  const char          *attachment_path,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Compose *compose;

  g_return_if_fail (bus == NULL || G_IS_DBUS_CONNECTION (bus));
  /* the request's path is made of the caller's unique name: a message bus connection */
  g_return_if_fail (bus == NULL || g_dbus_connection_get_unique_name (bus) != NULL);
  g_return_if_fail (subject != NULL && body != NULL && attachment_path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rcv_mail_compose);
  compose = g_new0 (Compose, 1);
  compose->parent_window = g_strdup (parent_window != NULL ? parent_window : "");
  compose->address = g_strdup (address != NULL ? address : "");
  compose->subject = g_strdup (subject);
  compose->body = g_strdup (body);
  compose->attachment_path = g_strdup (attachment_path);
  g_task_set_task_data (task, compose, compose_free);
  if (g_task_return_error_if_cancelled (task))
    return;
  if (cancellable != NULL)
    compose->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled_idle),
                                                   task, NULL);

  compose->bus = bus != NULL ? g_object_ref (bus) : g_bus_get_sync (G_BUS_TYPE_SESSION, NULL,
                                                                    NULL);
  if (compose->bus == NULL)
    run_xdg_email (task);
  else
    call_portal (task);
}

gboolean
rcv_mail_compose_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Writes `pdf` as `name` in the user's cache (…/receivables/mail/), for the mail app to read;
 * the path. */
char *
rcv_mail_compose_save_attachment (const char  *name,
                                  GBytes      *pdf,
                                  GError     **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "receivables", "mail",
                                           NULL);
  g_autofree char *safe = NULL;
  g_autofree char *path = NULL;
  gconstpointer data;
  gsize length = 0;

  g_return_val_if_fail (name != NULL && name[0] != '\0', NULL);
  g_return_val_if_fail (pdf != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* the name is the user's text (a customer's ID): it stays one file inside the folder */
  safe = g_strdup (name);
  data = g_bytes_get_data (pdf, &length);
  g_strdelimit (safe, "/\\", '-');
  while (safe[0] == '.')
    safe[0] = '_';
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("“%s” cannot be made: %s"), dir, g_strerror (saved));
      return NULL;
    }
  path = g_build_filename (dir, safe, NULL);
  if (!g_file_set_contents_full (path, data, (gssize) length, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0600, error))
    return NULL;
  return g_steal_pointer (&path);
}
