/* rcv-test-smtp.c - a real SMTP server on the loopback for the tests (smtp-server.py)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Debian's python3-aiosmtpd behind tests/smtp-server.py, started by the test that needs it
 * on a free port; what it accepts is kept as files, read back here. Without aiosmtpd the test
 * is skipped, saying why.
 */
#include "config.h"

#include <stdarg.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rcv-test-smtp.h"
#include "rcv-test-utils.h"

/* Starts tests/smtp-server.py with `options` (NULL-terminated); skips the test when
 * aiosmtpd is not installed. */
gboolean
rcv_test_smtp_start (RcvTestSmtp *server,
                     const char  *first_option,
                     ...)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "smtp-server.py", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) out = NULL;
  g_autofree char *line = NULL;
  int stdout_fd;
  va_list args;

  {
    int status = 1;

    g_spawn_command_line_sync ("/usr/bin/python3 -c 'import aiosmtpd'", NULL, NULL, &status,
                               NULL);
    if (status != 0)
      {
        g_test_skip ("no aiosmtpd (python3-aiosmtpd) for the loopback SMTP server");
        return FALSE;
      }
  }
  server->maildir = rcv_test_tmpdir ();
  g_ptr_array_add (argv, "/usr/bin/python3");
  g_ptr_array_add (argv, script);
  g_ptr_array_add (argv, "--maildir");
  g_ptr_array_add (argv, server->maildir);
  va_start (args, first_option);
  for (const char *option = first_option; option != NULL; option = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) option);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv->pdata, NULL,
                                           G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &server->pid,
                                           &server->stdin_fd, &stdout_fd, NULL, &error));
  g_assert_no_error (error);
  out = g_io_channel_unix_new (stdout_fd);
  g_io_channel_set_close_on_unref (out, TRUE);
  g_assert_cmpint (g_io_channel_read_line (out, &line, NULL, NULL, &error), ==,
                   G_IO_STATUS_NORMAL);
  server->port = (guint) g_ascii_strtoull (line, NULL, 10);
  g_assert_cmpuint (server->port, >, 0);
  return TRUE;
}

void
rcv_test_smtp_stop (RcvTestSmtp *server)
{
  int status;

  if (server->pid == 0)
    return;
  close (server->stdin_fd);
  waitpid (server->pid, &status, 0);
  g_spawn_close_pid (server->pid);
  server->pid = 0;
  rcv_test_rmdir (server->maildir);
  g_clear_pointer (&server->maildir, g_free);
}

/* The n-th message the server kept, or NULL. */
char *
rcv_test_smtp_received (RcvTestSmtp *server,
                        guint        n)
{
  g_autofree char *name = g_strdup_printf ("%04u.eml", n);
  g_autofree char *path = g_build_filename (server->maildir, name, NULL);
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return contents;
}

guint
rcv_test_smtp_count (RcvTestSmtp *server)
{
  guint n = 0;
  g_autofree char *message = NULL;

  while ((message = rcv_test_smtp_received (server, n)) != NULL)
    {
      g_clear_pointer (&message, g_free);
      n++;
    }
  return n;
}

