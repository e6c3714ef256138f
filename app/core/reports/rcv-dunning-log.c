/* rcv-dunning-log.c - the letters sent: recorded once, listed per customer, read for a run
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What rcv-dunning.c's runs escalate from (rcv-dunning.c's header has the rules).
 */
#define G_LOG_DOMAIN "rcv-dunning"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rcv-database-private.h"
#include "rcv-date.h"
#include "rcv-dunning.h"
#include "rcv-dunning-private.h"
#include "rcv-error.h"

void
rcv_sent_letter_free (RcvSentLetter *letter)
{
  if (letter == NULL)
    return;
  g_free (letter->title);
  g_free (letter);
}

static gboolean
record_one (RcvDatabase            *db,
            const RcvDunningLetter *letter,
            GError                **error)
{
  g_autofree char *summary = NULL;
  char date[RCV_ISO_DATE_LEN];
  RcvStatement *stmt;
  gint64 letter_id;
  int rc;

  rcv_date_to_iso (&letter->date, date);
  stmt = rcv_database_prepare (db,
                               "INSERT INTO letters (customer_id, date, level, title, open,"
                               " interest, fees, credit, total)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                               error);
  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_int64 (stmt, 1, letter->customer_id);
  rcv_statement_bind_text (stmt, 2, date);
  rcv_statement_bind_int (stmt, 3, (int) letter->level);
  rcv_statement_bind_text (stmt, 4, letter->title);
  rcv_statement_bind_int64 (stmt, 5, letter->open);
  rcv_statement_bind_int64 (stmt, 6, letter->interest);
  rcv_statement_bind_int64 (stmt, 7, letter->compensation + letter->fee);
  rcv_statement_bind_int64 (stmt, 8, letter->credit);
  rcv_statement_bind_int64 (stmt, 9, letter->total);
  rc = rcv_statement_step (stmt);
  rcv_statement_reset (stmt);
  if (rc != RCV_DONE && rcv_database_get_constraint (db) != RCV_CONSTRAINT_NONE)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_DUPLICATE,
                   _("A level %u letter to %s dated %s is already recorded"), letter->level,
                   letter->name, date);
      return FALSE;
    }
  if (rc != RCV_DONE)
    return rcv_database_set_error (db, error);
  letter_id = rcv_database_last_insert_id (db);

  stmt = rcv_database_prepare (db,
                               "INSERT INTO letter_items (letter_id, invoice_id, level, days_late,"
                               " open, interest, fees) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                               error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < letter->items->len; i++)
    {
      const RcvDunningItem *item = &g_array_index (letter->items, RcvDunningItem, i);

      rcv_statement_bind_int64 (stmt, 1, letter_id);
      rcv_statement_bind_int64 (stmt, 2, item->invoice_id);
      rcv_statement_bind_int (stmt, 3, (int) item->level);
      rcv_statement_bind_int (stmt, 4, item->days_late);
      rcv_statement_bind_int64 (stmt, 5, item->open);
      rcv_statement_bind_int64 (stmt, 6, item->interest);
      rcv_statement_bind_int64 (stmt, 7, item->compensation);
      if (!rcv_database_step_done (db, stmt, error))
        return FALSE;
    }

  summary = g_strdup_printf ("date=%s level=%u invoices=%u total=%" G_GINT64_FORMAT, date,
                             letter->level, letter->items->len, letter->total);
  return rcv_database_audit (db, "insert", "letters", letter_id, NULL, summary, error);
}

/* Whether a letter computed from an earlier read of the log is still due: no letter to the
 * customer has been recorded since, by another program or another connection, on any date.
 * Otherwise recording it would send a level twice and charge its fee twice. */
static gboolean
still_due (RcvDatabase            *db,
           const RcvDunningLetter *letter,
           gboolean               *due,
           GError                **error)
{
  RcvStatement *stmt = rcv_database_prepare (db,
                                             "SELECT EXISTS (SELECT 1 FROM letters"
                                             " WHERE customer_id = ?1 AND id > ?2)",
                                             error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_int64 (stmt, 1, letter->customer_id);
  rcv_statement_bind_int64 (stmt, 2, letter->last_letter_id);
  rc = rcv_statement_step (stmt);
  if (rc == RCV_ROW)
    *due = rcv_statement_column_int (stmt, 0) == 0;
  rcv_statement_reset (stmt);
  return rc == RCV_ROW || rcv_database_set_error (db, error);
}

/* Records the letters as sent, all or none of those still due: the next run escalates from
 * them. The letters were computed before this transaction, and another program (the window
 * and a timer, two bookkeepers) may have recorded the same levels in between; BEGIN
 * IMMEDIATE serialises the writers, and the log is read again inside, so that each letter
 * no longer due is skipped (recorded[i] FALSE, counted in n_skipped) instead of recorded
 * twice. A letter given twice in one batch is still an error: that is the caller's mistake,
 * not a race. */
gboolean
rcv_dunning_record (RcvDatabase                   *db,
                    const RcvDunningLetter *const *letters,
                    guint                          n_letters,
                    gboolean                      *recorded,
                    guint                         *n_skipped,
                    GError                       **error)
{
  g_autofree gboolean *due = NULL;
  guint skipped = 0;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (letters != NULL || n_letters == 0, FALSE);

  due = g_new0 (gboolean, MAX (n_letters, 1));
  if (!rcv_database_begin (db, error))
    return FALSE;
  /* every letter is checked against the log as it was when the transaction began, before
   * any of this batch is written */
  for (guint i = 0; i < n_letters; i++)
    {
      if (!still_due (db, letters[i], &due[i], error))
        {
          rcv_database_rollback (db);
          return FALSE;
        }
      if (!due[i])
        skipped++;
    }
  for (guint i = 0; i < n_letters; i++)
    if (due[i] && !record_one (db, letters[i], error))
      {
        rcv_database_rollback (db);
        return FALSE;
      }
  if (!rcv_database_commit (db, error))
    return FALSE;
  if (recorded != NULL)
    memcpy (recorded, due, n_letters * sizeof *recorded);
  if (n_skipped != NULL)
    *n_skipped = skipped;
  return TRUE;
}

/* The letters recorded for a customer, the latest first. */
GPtrArray *
rcv_dunning_list_sent (RcvDatabase  *db,
                       gint64        customer_id,
                       GError      **error)
{
  g_autoptr(GPtrArray) sent = g_ptr_array_new_with_free_func ((GDestroyNotify) rcv_sent_letter_free);
  RcvStatement *stmt;
  int rc;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);

  stmt = rcv_database_prepare (db,
                               "SELECT l.id, l.date, l.level, l.title, l.interest, l.fees, l.total,"
                               " (SELECT count (*) FROM letter_items li WHERE li.letter_id = l.id)"
                               " FROM letters l WHERE l.customer_id = ?1"
                               " ORDER BY l.date DESC, l.level DESC",
                               error);
  if (stmt == NULL)
    return NULL;
  rcv_statement_bind_int64 (stmt, 1, customer_id);
  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    {
      RcvSentLetter *letter = g_new0 (RcvSentLetter, 1);

      letter->id = rcv_statement_column_int64 (stmt, 0);
      g_date_clear (&letter->date, 1);
      g_date_set_julian (&letter->date, rcv_iso_to_julian (rcv_statement_column_text (stmt, 1)));
      letter->level = (guint) rcv_statement_column_int (stmt, 2);
      letter->title = g_strdup (rcv_statement_column_text (stmt, 3));
      letter->interest = rcv_statement_column_int64 (stmt, 4);
      letter->fees = rcv_statement_column_int64 (stmt, 5);
      letter->total = rcv_statement_column_int64 (stmt, 6);
      letter->n_invoices = (guint) rcv_statement_column_int (stmt, 7);
      g_ptr_array_add (sent, letter);
    }
  rcv_statement_reset (stmt);
  if (rc != RCV_DONE)
    {
      rcv_database_set_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&sent);
}

void
rcv_sent_log_clear (RcvSentLog *log)
{
  g_clear_pointer (&log->levels, g_hash_table_unref);
  g_clear_pointer (&log->dates, g_hash_table_unref);
}

/* What was sent about the account's open invoices up to the date, from the letters since the
 * oldest of them was issued, and the day of its latest letter: what is open, not every letter
 * ever sent to the customer. */
gboolean
rcv_sent_log_read (RcvDatabase  *db,
                   gint64        customer_id,
                   GArray       *items,
                   const char   *as_of_iso,
                   RcvSentLog   *log,
                   GError      **error)
{
  RcvStatement *stmt;
  char oldest_iso[RCV_ISO_DATE_LEN];
  GDate oldest;
  int rc;

  log->levels = NULL;
  log->dates = NULL;
  log->last_date = 0;
  log->last_id = 0;

  /* of any date: recording checks that no letter came after this one (still_due); a
   * customer never written to (most of them) needs nothing more */
  stmt = rcv_database_prepare (db,
                               "SELECT coalesce (max (id), 0) FROM letters WHERE customer_id = ?1",
                               error);
  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_int64 (stmt, 1, customer_id);
  rc = rcv_statement_step (stmt);
  if (rc == RCV_ROW)
    log->last_id = rcv_statement_column_int64 (stmt, 0);
  rcv_statement_reset (stmt);
  if (rc != RCV_ROW)
    return rcv_database_set_error (db, error);
  if (log->last_id == 0)
    return TRUE;
  log->levels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  log->dates = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                      (GDestroyNotify) g_array_unref);

  /* the latest letter about any invoice, from the newest down: the first one found */
  stmt = rcv_database_prepare (db,
                               "SELECT l.date FROM letters l"
                               " WHERE l.customer_id = ?1 AND l.date <= ?2"
                               " AND EXISTS (SELECT 1 FROM letter_items li"
                               "  WHERE li.letter_id = l.id)"
                               " ORDER BY l.date DESC LIMIT 1",
                               error);
  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_int64 (stmt, 1, customer_id);
  rcv_statement_bind_text (stmt, 2, as_of_iso);
  rc = rcv_statement_step (stmt);
  if (rc == RCV_ROW)
    log->last_date = rcv_iso_to_julian (rcv_statement_column_text (stmt, 0));
  rcv_statement_reset (stmt);
  if (rc != RCV_ROW && rc != RCV_DONE)
    return rcv_database_set_error (db, error);

  if (items->len == 0)
    return TRUE;
  /* the letters since the account's oldest open invoice was issued: none before can be about
   * an invoice open now */
  stmt = rcv_database_prepare (db,
                               "SELECT li.invoice_id, li.level, l.date FROM letters l"
                               " JOIN letter_items li ON li.letter_id = l.id"
                               " WHERE l.customer_id = ?1 AND l.date >= ?3 AND l.date <= ?2"
                               " ORDER BY l.date, l.id",
                               error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      const GDate *issued = &g_array_index (items, RcvDunningItem, i).issue_date;

      if (i == 0 || g_date_compare (issued, &oldest) < 0)
        oldest = *issued;
    }
  rcv_date_to_iso (&oldest, oldest_iso);
  rcv_statement_bind_int64 (stmt, 1, customer_id);
  rcv_statement_bind_text (stmt, 2, as_of_iso);
  rcv_statement_bind_text (stmt, 3, oldest_iso);
  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    {
      gint64 id = rcv_statement_column_int64 (stmt, 0);
      guint level = (guint) rcv_statement_column_int (stmt, 1);
      guint32 day = rcv_iso_to_julian (rcv_statement_column_text (stmt, 2));
      GArray *days = g_hash_table_lookup (log->dates, &id);

      if (level > GPOINTER_TO_UINT (g_hash_table_lookup (log->levels, &id)))
        g_hash_table_insert (log->levels, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (level));
      if (days == NULL)
        {
          days = g_array_new (FALSE, FALSE, sizeof (guint32));
          g_hash_table_insert (log->dates, g_memdup2 (&id, sizeof id), days);
        }
      if (days->len == 0 || g_array_index (days, guint32, days->len - 1) != day)
        g_array_append_val (days, day);
    }
  rcv_statement_reset (stmt);
  return rc == RCV_DONE || rcv_database_set_error (db, error);
}
