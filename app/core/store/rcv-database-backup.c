/* rcv-database-backup.c - a copy of the company file while it is in use, and its integrity check
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rcv-database"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rcv-error.h"
#include "rcv-sqlite-private.h"

/* A consistent copy while the file is in use (SQLite's online backup), written beside the
 * destination first and renamed into place, so that a failed backup leaves no half file. */
gboolean
rcv_database_backup (RcvDatabase *self,
                     const char  *destination,
                     GError     **error)
{
  g_autofree char *partial = NULL;
  sqlite3 *target = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (RCV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  partial = g_strconcat (destination, ".partial", NULL);
  g_unlink (partial);
  if (!rcv_database_create_empty_file (partial, FALSE, error))
    return FALSE;

  rc = sqlite3_open_v2 (partial, &target, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (target, "main", self->handle, "main");
      if (backup != NULL)
        {
          do
            rc = sqlite3_backup_step (backup, 1024);
          while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
          sqlite3_backup_finish (backup);
          if (rc == RCV_DONE)
            rc = SQLITE_OK;
        }
      else
        rc = sqlite3_errcode (target);
    }

  if (rc != SQLITE_OK)
    {
      rcv_database_error_from_code (error, rc, destination, target ? sqlite3_errmsg (target) : "");
      sqlite3_close (target);
      g_unlink (partial);
      return FALSE;
    }
  sqlite3_close (target);

  if (g_rename (partial, destination) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, RCV_DATABASE_ERROR, RCV_DATABASE_ERROR_IO,
                   _("Cannot write “%s”: %s"), destination, g_strerror (saved_errno));
      g_unlink (partial);
      return FALSE;
    }
  return TRUE;
}

gboolean
rcv_database_check_integrity (RcvDatabase *self,
                              GError     **error)
{
  g_return_val_if_fail (RCV_IS_DATABASE (self), FALSE);

  return rcv_database_check_handle (self->handle, self->path, NULL, NULL, NULL, error);
}
