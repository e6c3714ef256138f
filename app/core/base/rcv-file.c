/* rcv-file.c - files the core writes for the user: private to the user, never half-written
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exports, charts, policy files, letters and the agency's files hold customers' names and
 * balances, so they are written 0600 like the company file, whatever the umask allows: the
 * user shares one on purpose, never by default.
 */
#define G_LOG_DOMAIN "rcv-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rcv-file.h"

#define PRIVATE_MODE 0600

/* Writes `data` to `path` by a temporary file renamed over it (a reader sees the old file or
 * the new one), mode 0600. */
gboolean
rcv_file_write_private (const char  *path,
                        const char  *data,
                        gssize       length,
                        GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  return g_file_set_contents_full (path, data != NULL ? data : "", length,
                                   G_FILE_SET_CONTENTS_CONSISTENT, PRIVATE_MODE, error);
}

/* Creates (or empties) `path` to be written as a stream, mode 0600 even when it was there
 * with another mode: the caller writes it beside its destination and renames it into place. */
FILE *
rcv_file_create_private (const char  *path,
                         GError     **error)
{
  FILE *file;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, PRIVATE_MODE);
  if (fd < 0 || fchmod (fd, PRIVATE_MODE) != 0 || (file = fdopen (fd, "wb")) == NULL)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Cannot write “%s”: %s"), path, g_strerror (saved_errno));
      return NULL;
    }
  return file;
}
