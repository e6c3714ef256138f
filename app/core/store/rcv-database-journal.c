/* rcv-database-journal.c - the company file's journal: out of WAL mode for a bulk import,
 * back into it, and checkpoints
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rcv-database"

#include "config.h"

#include "rcv-sqlite-private.h"

/* A transaction that writes hundreds of megabytes (a bulk import, rcv-import.c) goes faster
 * through a rollback journal than through the WAL. In WAL mode every page it writes goes to
 * the WAL, is read back from there whenever SQLite needs it again (an index build reads each
 * table it indexes), and is copied into the file at the checkpoint: twice the writes, and
 * reads through the WAL. With a rollback journal, the pages the file did not have before go
 * straight into it, once; only the pages it already had are saved to the journal first.
 * (Measured, the benchmark's million invoices and million payments, in turns with the WAL
 * build: 13.5–16.0 s instead of 17.5–18.9 s.)
 *
 * SQLite changes the mode only for a connection that is the file's only one, and refuses at
 * once, without waiting, while another program has the file open: the transaction then goes
 * through the WAL like any other. While the file is out of WAL mode, another program that
 * opens it waits for the transaction (up to the busy timeout, then the file is reported
 * locked), as with any file in that mode. A crash in between leaves a journal that the next
 * opening rolls back, and every opening puts the file in WAL mode again. */
gboolean
rcv_database_leave_wal (RcvDatabase *self)
{
  RcvStatement *stmt;
  gboolean left = FALSE;

  g_return_val_if_fail (RCV_IS_DATABASE (self), FALSE);

  if (self->transaction_depth > 0 || rcv_database_is_read_only (self))
    return FALSE;
  stmt = rcv_database_prepare (self, "PRAGMA journal_mode = DELETE", NULL);
  if (stmt == NULL)
    return FALSE;
  rcv_database_start_change (self);
  if (rcv_statement_step (stmt) == RCV_ROW)
    left = g_str_equal (rcv_statement_column_text (stmt, 0), "delete");
  rcv_statement_reset (stmt);
  rcv_database_end_change (self);
  g_debug ("%s: %s", self->path, left ? "out of WAL mode" : "left in WAL mode");
  return left;
}

/* After rcv_database_leave_wal (). Should another program have opened the file in between
 * (and so put it back in WAL mode already, or be reading it), the file stays as it is until
 * it is next opened. */
void
rcv_database_return_to_wal (RcvDatabase *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RCV_IS_DATABASE (self));

  rcv_database_start_change (self);
  if (!rcv_database_exec (self, "PRAGMA journal_mode = WAL", &error))
    g_debug ("%s", error->message);
  rcv_database_end_change (self);
}

/* Folds the WAL into the file and empties it (after a bulk import). */
void
rcv_database_checkpoint (RcvDatabase *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RCV_IS_DATABASE (self));

  rcv_database_start_change (self);
  if (!rcv_database_exec (self, "PRAGMA wal_checkpoint(TRUNCATE)", &error))
    g_debug ("%s", error->message);
  rcv_database_end_change (self);
}
