/* rcv-mail-log.c - what was sent by e-mail, and what the server answered
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per message tried: the customer, to whom, the subject, the Message-ID, whether the
 * server accepted it and, if not, its answer. The customer's page lists them; a letter the
 * server accepted is recorded as sent in the same transaction as its row (rcv-mail-batch.c).
 */
#define G_LOG_DOMAIN "rcv-mail"

#include "config.h"

#include "rcv-database-private.h"
#include "rcv-mail-log.h"

void
rcv_mail_log_entry_free (RcvMailLogEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->sent_at);
  g_free (entry->kind);
  g_free (entry->recipient);
  g_free (entry->subject);
  g_free (entry->message_id);
  g_free (entry->reply);
  g_free (entry);
}

static gboolean
insert (RcvDatabase *db,
        gint64       customer_id,
        const char  *kind,
        const char  *recipient,
        const char  *subject,
        const char  *message_id,
        gboolean     sent,
        const char  *reply,
        GError     **error)
{
  RcvStatement *stmt;

  stmt = rcv_database_prepare (db, "INSERT INTO mail_log (customer_id, kind, recipient, subject,"
                                   " message_id, result, reply) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                               error);
  if (stmt == NULL)
    return FALSE;
  if (customer_id > 0)
    rcv_statement_bind_int64 (stmt, 1, customer_id);
  else
    rcv_statement_bind_null (stmt, 1);
  rcv_statement_bind_text (stmt, 2, kind);
  rcv_statement_bind_text (stmt, 3, recipient != NULL ? recipient : "");
  rcv_statement_bind_text (stmt, 4, subject != NULL ? subject : "");
  rcv_statement_bind_text (stmt, 5, message_id != NULL ? message_id : "");
  rcv_statement_bind_text (stmt, 6, sent ? "sent" : "failed");
  rcv_statement_bind_text (stmt, 7, reply != NULL ? reply : "");
  return rcv_database_step_done (db, stmt, error);
}

/* One row, in a transaction of its own (or the caller's). */
gboolean
rcv_mail_log_add (RcvDatabase *db,
                  gint64       customer_id,
                  const char  *kind,
                  const char  *recipient,
                  const char  *subject,
                  const char  *message_id,
                  gboolean     sent,
                  const char  *reply,
                  GError     **error)
{
  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);

  if (!rcv_database_begin (db, error))
    return FALSE;
  if (!insert (db, customer_id, kind, recipient, subject, message_id, sent, reply, error) ||
      !rcv_database_commit (db, error))
    {
      rcv_database_rollback (db);
      return FALSE;
    }
  return TRUE;
}

/* The customer's messages, newest first (at most `limit`, 0: all). */
GPtrArray *
rcv_mail_log_list (RcvDatabase  *db,
                   gint64        customer_id,
                   guint         limit,
                   GError      **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) rcv_mail_log_entry_free);
  RcvStatement *stmt;
  int rc;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);

  stmt = rcv_database_prepare (db, "SELECT id, sent_at, coalesce (customer_id, 0), kind,"
                                   " recipient, subject, message_id, result, reply FROM mail_log"
                                   " WHERE customer_id = ?1 ORDER BY sent_at DESC, id DESC"
                                   " LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  rcv_statement_bind_int64 (stmt, 1, customer_id);
  rcv_statement_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);
  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    {
      RcvMailLogEntry *entry = g_new0 (RcvMailLogEntry, 1);

      entry->id = rcv_statement_column_int64 (stmt, 0);
      entry->sent_at = g_strdup (rcv_statement_column_text (stmt, 1));
      entry->customer_id = rcv_statement_column_int64 (stmt, 2);
      entry->kind = g_strdup (rcv_statement_column_text (stmt, 3));
      entry->recipient = g_strdup (rcv_statement_column_text (stmt, 4));
      entry->subject = g_strdup (rcv_statement_column_text (stmt, 5));
      entry->message_id = g_strdup (rcv_statement_column_text (stmt, 6));
      entry->sent = g_str_equal (rcv_statement_column_text (stmt, 7), "sent");
      entry->reply = g_strdup (rcv_statement_column_text (stmt, 8));
      g_ptr_array_add (list, entry);
    }
  rcv_statement_reset (stmt);
  if (rc != RCV_DONE)
    {
      rcv_database_set_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}
