/* rcv-daily-check.c - `receivables-cli check --notify` run daily while the app is closed: a
 * systemd user timer, or inside Flatpak the Background portal
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Outside a sandbox, turning the check on writes two units into the user's systemd folder
 * ($XDG_CONFIG_HOME/systemd/user): receivables-check.service, which runs the CLI on the
 * company file, and receivables-check.timer, at 09:00 each day (Persistent: a day the
 * computer was off is caught up at the next start). The timer is enabled as `systemctl --user
 * enable --now` would (a link in timers.target.wants/, then Reload and StartUnit through
 * org.freedesktop.systemd1 on the session bus). Turning it off stops the timer and removes
 * all three files. Without a running systemd user manager the files still take effect at
 * the next login, and the caller is told so.
 *
 * A Flatpak cannot write systemd units: it asks org.freedesktop.portal.Background to start
 * the same command line at each login (autostart), the nearest the portal offers to a timer.
 * RCV_DAILY_CHECK=systemd|portal overrides the choice (for tests, and sandboxes that are not
 * Flatpak's).
 */
#define G_LOG_DOMAIN "rcv-daily-check"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "rcv-daily-check.h"

#define SYSTEMD_NAME "org.freedesktop.systemd1"
#define SYSTEMD_PATH "/org/freedesktop/systemd1"
#define SYSTEMD_MANAGER "org.freedesktop.systemd1.Manager"
#define PORTAL_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_PATH "/org/freedesktop/portal/desktop"

RcvDailyCheckKind
rcv_daily_check_get_kind (void)
{
  const char *forced = g_getenv ("RCV_DAILY_CHECK");

  if (forced != NULL && forced[0] != '\0')
    return g_str_equal (forced, "portal") ? RCV_DAILY_CHECK_PORTAL : RCV_DAILY_CHECK_SYSTEMD;
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS) ? RCV_DAILY_CHECK_PORTAL
                                                            : RCV_DAILY_CHECK_SYSTEMD;
}

char *
rcv_daily_check_get_unit_dir (void)
{
  return g_build_filename (g_get_user_config_dir (), "systemd", "user", NULL);
}

static char *
unit_path (const char *suffix)
{
  g_autofree char *dir = rcv_daily_check_get_unit_dir ();
  g_autofree char *name = g_strconcat (RCV_DAILY_CHECK_UNIT, suffix, NULL);

  return g_build_filename (dir, name, NULL);
}

static char *
wants_link_path (void)
{
  g_autofree char *dir = rcv_daily_check_get_unit_dir ();

  return g_build_filename (dir, "timers.target.wants", RCV_DAILY_CHECK_UNIT ".timer", NULL);
}

/* Whether the timer is in place (outside Flatpak). */
gboolean
rcv_daily_check_is_installed (void)
{
  g_autofree char *timer = unit_path (".timer");
  g_autofree char *link = wants_link_path ();

  return g_file_test (timer, G_FILE_TEST_IS_REGULAR) &&
         g_file_test (link, G_FILE_TEST_IS_SYMLINK);
}

/* The receivables-cli the timer runs: $RCV_CLI (a build tree's), the installed one, the one
 * next to the running program, or the first on PATH. */
char *
rcv_daily_check_find_cli (void)
{
  const char *forced = g_getenv ("RCV_CLI");
  g_autofree char *installed = g_build_filename (BINDIR, "receivables-cli", NULL);
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

  if (forced != NULL && g_file_test (forced, G_FILE_TEST_IS_EXECUTABLE))
    return g_strdup (forced);
  if (g_file_test (installed, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&installed);
  if (self != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self);
      g_autofree char *sibling = g_build_filename (dir, "receivables-cli", NULL);

      if (g_file_test (sibling, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&sibling);
    }
  return g_find_program_in_path ("receivables-cli");
}

/* One ExecStart= argument: in double quotes, with \ and " escaped, and % and $ doubled so
 * that systemd takes neither for a specifier or a variable. */
char *
rcv_systemd_quote (const char *argument)
{
  GString *out = g_string_new ("\"");

  for (const char *p = argument; *p != '\0'; p++)
    {
      if (*p == '\\' || *p == '"')
        g_string_append_c (out, '\\');
      else if (*p == '%' || *p == '$')
        g_string_append_c (out, *p);
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

char *
rcv_daily_check_service_text (const char *cli,
                              const char *company_path)
{
  g_autofree char *quoted_cli = rcv_systemd_quote (cli);
  g_autofree char *quoted_path = rcv_systemd_quote (company_path);

  return g_strdup_printf ("# Written by Receivables (Preferences: Check for overdue accounts "
                          "daily),\n# removed when that is turned off.\n"
                          "[Unit]\n"
                          "Description=Receivables: check for overdue accounts\n"
                          "\n"
                          "[Service]\n"
                          "Type=oneshot\n"
                          "ExecStart=%s --database %s check --notify\n",
                          quoted_cli, quoted_path);
}

const char *
rcv_daily_check_timer_text (void)
{
  return "# Written by Receivables (Preferences: Check for overdue accounts daily),\n"
         "# removed when that is turned off.\n"
         "[Unit]\n"
         "Description=Receivables: check for overdue accounts daily\n"
         "\n"
         "[Timer]\n"
         "OnCalendar=*-*-* 09:00:00\n"
         "Persistent=true\n"
         "RandomizedDelaySec=10min\n"
         "\n"
         "[Install]\n"
         "WantedBy=timers.target\n";
}

/* ---- systemd ------------------------------------------------------------------------- */

static gboolean
systemd_call (GDBusConnection  *bus,
              const char       *method,
              GVariant         *parameters,
              GError          **error)
{
  g_autoptr(GVariant) reply = NULL;

  reply = g_dbus_connection_call_sync (bus, SYSTEMD_NAME, SYSTEMD_PATH, SYSTEMD_MANAGER, method,
                                       parameters, NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START, 25000,
                                       NULL, error);
  return reply != NULL;
}

static gboolean
remove_file (const char  *path,
             GError     **error)
{
  if (g_unlink (path) == 0 || errno == ENOENT)
    return TRUE;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), _("Could not remove %s: %s"),
               path, g_strerror (errno));
  return FALSE;
}

static gboolean
systemd_install (const char  *company_path,
                 char       **notice,
                 GError     **error)
{
  g_autofree char *cli = rcv_daily_check_find_cli ();
  g_autofree char *service = unit_path (".service");
  g_autofree char *timer = unit_path (".timer");
  g_autofree char *link = wants_link_path ();
  g_autofree char *wants = g_path_get_dirname (link);
  g_autofree char *service_text = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) local_error = NULL;

  if (cli == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("receivables-cli, which the daily check runs, is not installed"));
      return FALSE;
    }
  if (g_mkdir_with_parents (wants, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _("Could not create %s: %s"), wants, g_strerror (errno));
      return FALSE;
    }
  service_text = rcv_daily_check_service_text (cli, company_path);
  if (!g_file_set_contents (service, service_text, -1, error) ||
      !g_file_set_contents (timer, rcv_daily_check_timer_text (), -1, error) ||
      !remove_file (link, error))
    return FALSE;
  if (symlink (timer, link) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _("Could not enable the timer %s: %s"), link, g_strerror (errno));
      return FALSE;
    }

  /* systemctl --user daemon-reload; systemctl --user start receivables-check.timer */
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &local_error);
  if (bus == NULL || !systemd_call (bus, "Reload", NULL, &local_error) ||
      !systemd_call (bus, "StartUnit", g_variant_new ("(ss)", RCV_DAILY_CHECK_UNIT ".timer",
                                                      "replace"), &local_error))
    {
      g_dbus_error_strip_remote_error (local_error);
      *notice = g_strdup_printf (_("The daily check starts with your next login (systemd did "
                                   "not answer: %s)"), local_error->message);
    }
  return TRUE;
}

static gboolean
systemd_remove (GError **error)
{
  g_autofree char *service = unit_path (".service");
  g_autofree char *timer = unit_path (".timer");
  g_autofree char *link = wants_link_path ();
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);

  /* a timer that is not running, or no systemd: nothing to stop */
  if (bus != NULL)
    systemd_call (bus, "StopUnit", g_variant_new ("(ss)", RCV_DAILY_CHECK_UNIT ".timer",
                                                  "replace"), NULL);
  if (!remove_file (link, error) || !remove_file (timer, error) || !remove_file (service, error))
    return FALSE;
  if (bus != NULL)
    systemd_call (bus, "Reload", NULL, NULL);
  return TRUE;
}

/* ---- the Background portal ----------------------------------------------------------- */

typedef struct
{
  GMainLoop *loop;
  guint response;
  GVariant *results;
} PortalReply;

static void
on_portal_response (GDBusConnection *connection,
                    const char      *sender,
                    const char      *object_path,
                    const char      *interface_name,
                    const char      *signal_name,
                    GVariant        *parameters,
                    gpointer         user_data)
{
  PortalReply *reply = user_data;

  g_variant_get (parameters, "(u@a{sv})", &reply->response, &reply->results);
  g_main_loop_quit (reply->loop);
}

static void
on_portal_cancelled (GCancellable *cancellable,
                     gpointer      user_data)
{
  g_main_loop_quit (user_data);
}

static gboolean
portal_request (gboolean       enabled,
                const char    *company_path,
                const char    *parent_window,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, cancellable, error);
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(GVariant) call = NULL;
  g_autofree char *sender = NULL;
  g_autofree char *token = NULL;
  g_autofree char *handle = NULL;
  const char *commandline[] = { "receivables-cli", "--database", company_path, "check",
                                "--notify", NULL };
  PortalReply reply = { NULL, G_MAXUINT, NULL };
  GVariantBuilder options;
  gulong cancelled = 0;
  guint subscription;

  if (bus == NULL)
    return FALSE;

  /* the request's object path, known before the call so that no answer is missed */
  sender = g_strdup (g_dbus_connection_get_unique_name (bus) + 1);
  g_strdelimit (sender, ".", '_');
  token = g_strdup_printf ("receivables_%u", g_random_int ());
  handle = g_strdup_printf ("%s/request/%s/%s", PORTAL_PATH, sender, token);

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  reply.loop = g_main_loop_new (context, FALSE);
  subscription = g_dbus_connection_signal_subscribe (bus, PORTAL_NAME,
                                                     "org.freedesktop.portal.Request",
                                                     "Response", handle, NULL,
                                                     G_DBUS_SIGNAL_FLAGS_NONE,
                                                     on_portal_response, &reply, NULL);

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("Check for overdue accounts when you log in")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (enabled));
  if (enabled)
    g_variant_builder_add (&options, "{sv}", "commandline",
                           g_variant_new_strv (commandline, -1));
  g_variant_builder_add (&options, "{sv}", "dbus-activatable", g_variant_new_boolean (FALSE));
  call = g_dbus_connection_call_sync (bus, PORTAL_NAME, PORTAL_PATH,
                                      "org.freedesktop.portal.Background", "RequestBackground",
                                      g_variant_new ("(sa{sv})", parent_window ? parent_window
                                                                               : "",
                                                     &options),
                                      G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                      cancellable, error);
  if (call != NULL)
    {
      if (cancellable != NULL)
        cancelled = g_cancellable_connect (cancellable, G_CALLBACK (on_portal_cancelled),
                                           reply.loop, NULL);
      if (!g_cancellable_is_cancelled (cancellable))
        g_main_loop_run (reply.loop);
      g_cancellable_disconnect (cancellable, cancelled);
    }
  g_dbus_connection_signal_unsubscribe (bus, subscription);
  g_main_context_pop_thread_default (context);
  g_main_loop_unref (reply.loop);
  if (call == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_clear_pointer (&reply.results, g_variant_unref);
      return FALSE;
    }

  if (reply.response == 0)
    {
      gboolean autostart = FALSE;

      g_variant_lookup (reply.results, "autostart", "b", &autostart);
      g_variant_unref (reply.results);
      if (autostart == enabled)
        return TRUE;
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                           _("Receivables may not run in the background: allow it in the "
                             "Settings, under Apps"));
      return FALSE;
    }
  g_clear_pointer (&reply.results, g_variant_unref);
  if (reply.response == 1)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                         _("Running in the background was not allowed"));
  else
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                         _("The background portal could not set up the check"));
  return FALSE;
}

/* ---- turning it on or off ------------------------------------------------------------ */

typedef struct
{
  gboolean enabled;
  char *company_path;
  char *parent_window;
  char *notice;
} SetData;

static void
set_data_free (gpointer pointer)
{
  SetData *data = pointer;

  g_free (data->company_path);
  g_free (data->parent_window);
  g_free (data->notice);
  g_free (data);
}

static void
set_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      pointer,
               GCancellable *cancellable)
{
  SetData *data = pointer;
  g_autoptr(GError) error = NULL;
  gboolean done;

  if (rcv_daily_check_get_kind () == RCV_DAILY_CHECK_PORTAL)
    done = portal_request (data->enabled, data->company_path, data->parent_window, cancellable,
                           &error);
  else if (data->enabled)
    done = systemd_install (data->company_path, &data->notice, &error);
  else
    done = systemd_remove (&error);

  if (done)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* Turns the daily check of `company_path` on or off, in a worker thread (the portal may ask
 * the user). `parent_window` is the portal's window handle, or NULL. */
void
rcv_daily_check_set_async (gboolean             enabled,
                           const char          *company_path,
                           const char          *parent_window,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  SetData *data = g_new0 (SetData, 1);

  g_return_if_fail (!enabled || company_path != NULL);

  data->enabled = enabled;
  data->company_path = g_strdup (company_path);
  data->parent_window = g_strdup (parent_window);
  g_task_set_source_tag (task, rcv_daily_check_set_async);
  g_task_set_task_data (task, data, set_data_free);
  g_task_run_in_thread (task, set_in_thread);
}

/* `notice` (may be NULL) receives what the user should know when it worked only in part:
 * systemd did not answer, and the timer starts at the next login. */
gboolean
rcv_daily_check_set_finish (GAsyncResult  *result,
                            char         **notice,
                            GError       **error)
{
  SetData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  if (notice != NULL)
    *notice = g_steal_pointer (&data->notice);
  return TRUE;
}
