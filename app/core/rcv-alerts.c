/* rcv-alerts.c - accounts passing their alert thresholds (60 and 90 days), each told once
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules (DESIGN.md §3, "Alerts"):
 * - An account passes N days when its oldest open overdue invoice is N or more days past its
 *   due date, as of the check's date. N is the first or the second alert threshold of the
 *   customer's policy (60 and 90 unless the policy says otherwise).
 * - A check tells each account once about the highest threshold it has newly passed, and
 *   marks the lower one as passed too, so that 60 never follows 90.
 * - The table `alerts` remembers what was told. When an account drops back below a threshold
 *   (paid, credited), that row goes, and passing it again later is a new crossing.
 * - A claiming check (the GUI's, or `receivables-cli check --notify`) resets and marks in one
 *   IMMEDIATE transaction, so of two processes checking at once only one claims a crossing:
 *   the app and the daily timer never tell the same crossing twice. A crossing that could not
 *   be delivered is released again (rcv_alerts_release) for the next check to tell.
 * - A check that does not claim (`receivables-cli check` alone) writes nothing and reports
 *   what a claiming check would tell.
 * - A missed instalment of a payment plan (rcv-collections.c) is told once, remembered in
 *   `instalment_alerts`; it stays missed, so there is nothing to reset.
 */
#define G_LOG_DOMAIN "rcv-alerts"

#include "config.h"

#include "rcv-aging-private.h"
#include "rcv-alerts.h"
#include "rcv-collections.h"
#include "rcv-database-private.h"
#include "rcv-database-task.h"
#include "rcv-date.h"
#include "rcv-policy.h"

typedef struct
{
  gint64 customer_id;
  guint32 oldest_due;      /* Julian day */
  char *oldest_number;
  gint64 overdue;
  guint passed;            /* the highest threshold passed: 0, 1 or 2 */
  gint days;               /* its days */
} Account;

typedef struct
{
  guint32 as_of_julian;
  GHashTable *accounts;    /* customer ID → Account */
  const RcvCollectionsExclusions *exclusions;   /* disputes, hand-overs, payment plans */
} Scan;

static void
account_free (gpointer pointer)
{
  Account *account = pointer;

  g_free (account->oldest_number);
  g_free (account);
}

void
rcv_alert_free (RcvAlert *alert)
{
  if (alert == NULL)
    return;
  g_free (alert->code);
  g_free (alert->name);
  g_free (alert->oldest_number);
  g_free (alert);
}

void
rcv_alert_check_free (RcvAlertCheck *check)
{
  if (check == NULL)
    return;
  g_clear_pointer (&check->crossings, g_ptr_array_unref);
  g_free (check);
}

static void
add_open_document (const RcvOpenDocument *doc,
                   gpointer               user_data)
{
  Scan *scan = user_data;
  Account *account;
  guint32 due;

  if (doc->kind != RCV_AGING_ITEM_INVOICE || doc->open <= 0 ||
      rcv_collections_excludes_invoice (scan->exclusions, doc->id) ||
      rcv_collections_excludes_customer (scan->exclusions, doc->customer_id))
    return;
  due = rcv_collections_late_from (scan->exclusions, doc->customer_id, doc->date,
                                   doc->due_date);
  if (due == 0 || due >= scan->as_of_julian)
    return;   /* not overdue, or under a payment plan being kept */

  account = g_hash_table_lookup (scan->accounts, &doc->customer_id);
  if (account == NULL)
    {
      account = g_new0 (Account, 1);
      account->customer_id = doc->customer_id;
      g_hash_table_insert (scan->accounts, &account->customer_id, account);
    }
  account->overdue += doc->open;
  if (account->oldest_due == 0 || due < account->oldest_due ||
      (due == account->oldest_due && g_strcmp0 (doc->number, account->oldest_number) < 0))
    {
      account->oldest_due = due;
      g_free (account->oldest_number);
      account->oldest_number = g_strdup (doc->number);
    }
}

/* Which threshold each overdue account has passed, from its policy's thresholds. */
static gboolean
find_passed (RcvDatabase *db,
             Scan        *scan,
             GError     **error)
{
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer value;

  stmt = rcv_database_prepare (db,
                               "SELECT p.alert_days_first, p.alert_days_second"
                               " FROM customers c JOIN policies p ON p.id = "
                               RCV_CUSTOMER_POLICY_SQL
                               " WHERE c.id = ?1",
                               error);
  if (stmt == NULL)
    return FALSE;

  g_hash_table_iter_init (&iter, scan->accounts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Account *account = value;
      gint days_late = (gint) (scan->as_of_julian - account->oldest_due);
      int rc;

      sqlite3_bind_int64 (stmt, 1, account->customer_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          gint first = sqlite3_column_int (stmt, 0);
          gint second = sqlite3_column_int (stmt, 1);

          if (days_late >= second)
            {
              account->passed = 2;
              account->days = second;
            }
          else if (days_late >= first)
            {
              account->passed = 1;
              account->days = first;
            }
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return rcv_database_set_error (db, error);
    }
  return TRUE;
}

/* customer ID → the thresholds told, as bits (1 << threshold) */
static GHashTable *
load_told (RcvDatabase *db,
           GError     **error)
{
  g_autoptr(GHashTable) told = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt = rcv_database_prepare (db, "SELECT customer_id, threshold FROM alerts",
                                             error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      guint bits = GPOINTER_TO_UINT (g_hash_table_lookup (told, &id));

      bits |= 1u << sqlite3_column_int (stmt, 1);
      g_hash_table_replace (told, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (bits));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rcv_database_set_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&told);
}

static gboolean
run_statement (RcvDatabase *db,
               const char  *sql,
               gint64       customer_id,
               guint        threshold,
               gint         days,
               const char  *as_of_iso,
               GError     **error)
{
  sqlite3_stmt *stmt = rcv_database_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int (stmt, 2, (int) threshold);
  if (as_of_iso != NULL)
    {
      sqlite3_bind_int (stmt, 3, days);
      rcv_bind_text (stmt, 4, as_of_iso);
    }
  return rcv_database_step_done (db, stmt, error);
}

static RcvAlert *
alert_new (RcvDatabase   *db,
           const Account *account,
           guint32        as_of_julian,
           GError       **error)
{
  g_autoptr(RcvAlert) alert = g_new0 (RcvAlert, 1);
  sqlite3_stmt *stmt = rcv_database_prepare (db, "SELECT code, name FROM customers WHERE id = ?1",
                                             error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, account->customer_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      rcv_database_set_error (db, error);
      return NULL;
    }
  alert->customer_id = account->customer_id;
  alert->code = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  alert->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  sqlite3_reset (stmt);
  alert->threshold = account->passed;
  alert->days = account->days;
  alert->days_late = (gint) (as_of_julian - account->oldest_due);
  alert->oldest_number = g_strdup (account->oldest_number);
  g_date_clear (&alert->oldest_due, 1);
  g_date_set_julian (&alert->oldest_due, account->oldest_due);
  alert->overdue = account->overdue;
  return g_steal_pointer (&alert);
}

/* The missed instalments not told yet; with `claim`, marked as told (in the caller's
 * transaction). */
static gboolean
add_missed_instalments (RcvDatabase                    *db,
                        const RcvCollectionsExclusions *exclusions,
                        gboolean                        claim,
                        RcvAlertCheck                  *check,
                        GError                        **error)
{
  const GArray *missed = rcv_collections_get_missed (exclusions);
  char as_of_iso[RCV_ISO_DATE_LEN];

  rcv_date_to_iso (&check->as_of, as_of_iso);
  for (guint i = 0; i < missed->len; i++)
    {
      const RcvMissedInstalment *instalment = &g_array_index (missed, RcvMissedInstalment, i);
      g_autoptr(RcvAlert) alert = NULL;
      sqlite3_stmt *stmt;
      int rc;

      stmt = rcv_database_prepare (db, "SELECT 1 FROM instalment_alerts"
                                       " WHERE plan_id = ?1 AND seq = ?2", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, instalment->plan_id);
      sqlite3_bind_int (stmt, 2, (int) instalment->seq);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_ROW)
        continue;
      if (rc != SQLITE_DONE)
        return rcv_database_set_error (db, error);

      stmt = rcv_database_prepare (db, "SELECT code, name FROM customers WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, instalment->customer_id);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          return rcv_database_set_error (db, error);
        }
      alert = g_new0 (RcvAlert, 1);
      alert->kind = RCV_ALERT_INSTALMENT;
      alert->customer_id = instalment->customer_id;
      alert->code = g_strdup (rcv_column_text (stmt, 0));
      alert->name = g_strdup (rcv_column_text (stmt, 1));
      sqlite3_reset (stmt);
      alert->plan_id = instalment->plan_id;
      alert->seq = instalment->seq;
      alert->oldest_due = instalment->due_date;
      alert->days_late = (gint) (g_date_get_julian (&check->as_of) -
                                 g_date_get_julian (&instalment->due_date));
      alert->overdue = instalment->shortfall;

      if (claim)
        {
          stmt = rcv_database_prepare (db, "INSERT INTO instalment_alerts (plan_id, seq, as_of)"
                                           " VALUES (?1, ?2, ?3)", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, instalment->plan_id);
          sqlite3_bind_int (stmt, 2, (int) instalment->seq);
          rcv_bind_text (stmt, 3, as_of_iso);
          if (!rcv_database_step_done (db, stmt, error))
            return FALSE;
        }
      g_ptr_array_add (check->crossings, g_steal_pointer (&alert));
    }
  return TRUE;
}

static int
compare_alerts (gconstpointer a,
                gconstpointer b)
{
  const RcvAlert *x = *(RcvAlert *const *) a, *y = *(RcvAlert *const *) b;

  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  if (x->threshold != y->threshold)
    return x->threshold > y->threshold ? -1 : 1;
  if (x->overdue != y->overdue)
    return x->overdue > y->overdue ? -1 : 1;
  return x->customer_id < y->customer_id ? -1 : x->customer_id > y->customer_id;
}

/* Compares what the accounts have passed with what was told; with `claim`, writes the
 * difference (inside the caller's transaction). */
static gboolean
compare_with_told (RcvDatabase   *db,
                   Scan          *scan,
                   gboolean       claim,
                   RcvAlertCheck *check,
                   GError       **error)
{
  g_autoptr(GHashTable) told = load_told (db, error);
  char as_of_iso[RCV_ISO_DATE_LEN];
  GHashTableIter iter;
  gpointer key, value;

  if (told == NULL)
    return FALSE;
  rcv_date_to_iso (&check->as_of, as_of_iso);

  /* resets: a threshold told that the account is no longer past */
  g_hash_table_iter_init (&iter, told);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 customer_id = *(gint64 *) key;
      Account *account = g_hash_table_lookup (scan->accounts, &customer_id);
      guint passed = account != NULL ? account->passed : 0;
      guint bits = GPOINTER_TO_UINT (value);

      for (guint t = passed + 1; t <= 2; t++)
        if (bits & (1u << t))
          {
            check->n_reset++;
            if (claim && !run_statement (db, "DELETE FROM alerts"
                                         " WHERE customer_id = ?1 AND threshold = ?2",
                                         customer_id, t, 0, NULL, error))
              return FALSE;
          }
    }

  /* crossings: the highest threshold passed and not told; the lower one is marked with it */
  g_hash_table_iter_init (&iter, scan->accounts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Account *account = value;
      guint bits = GPOINTER_TO_UINT (g_hash_table_lookup (told, &account->customer_id));
      RcvAlert *alert;

      if (account->passed == 0)
        continue;
      check->n_passed++;
      if (bits & (1u << account->passed))
        continue;
      alert = alert_new (db, account, scan->as_of_julian, error);
      if (alert == NULL)
        return FALSE;
      g_ptr_array_add (check->crossings, alert);
      if (!claim)
        continue;
      for (guint t = 1; t <= account->passed; t++)
        if (!(bits & (1u << t)) &&
            !run_statement (db, "INSERT INTO alerts (customer_id, threshold, days, as_of)"
                            " VALUES (?1, ?2, ?3, ?4)",
                            account->customer_id, t, account->days, as_of_iso, error))
          return FALSE;
    }
  return add_missed_instalments (db, scan->exclusions, claim, check, error);
}

/* The thresholds newly passed as of a date. With `claim`, they are marked as told (and the
 * accounts that dropped below a threshold are reset) in one transaction: the caller tells
 * them, or gives back those it could not tell with rcv_alerts_release(). Without, nothing is
 * written. Blocking: a million invoices take about a second (rcv_alerts_check_async()). */
RcvAlertCheck *
rcv_alerts_check (RcvDatabase   *db,
                  const GDate   *as_of,
                  gboolean       claim,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(RcvAlertCheck) check = NULL;
  g_autoptr(GHashTable) accounts = NULL;
  g_autoptr(RcvCollectionsExclusions) exclusions = NULL;
  Scan scan;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);
  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), NULL);

  check = g_new0 (RcvAlertCheck, 1);
  check->as_of = *as_of;
  check->crossings = g_ptr_array_new_with_free_func ((GDestroyNotify) rcv_alert_free);

  exclusions = rcv_collections_exclusions_new (db, as_of, error);
  if (exclusions == NULL)
    return NULL;
  accounts = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, account_free);
  scan.as_of_julian = g_date_get_julian (as_of);
  scan.accounts = accounts;
  scan.exclusions = exclusions;
  if (!rcv_aging_scan_open (db, as_of, TRUE, add_open_document, &scan, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (!find_passed (db, &scan, error))
    return NULL;

  if (!claim)
    {
      if (!compare_with_told (db, &scan, FALSE, check, error))
        return NULL;
    }
  else
    {
      if (!rcv_database_begin (db, error))
        return NULL;
      if (!compare_with_told (db, &scan, TRUE, check, error))
        {
          rcv_database_rollback (db);
          return NULL;
        }
      if (!rcv_database_commit (db, error))
        return NULL;
    }
  g_ptr_array_sort (check->crossings, compare_alerts);
  return g_steal_pointer (&check);
}

typedef struct
{
  GDate as_of;
  gboolean claim;
} CheckData;

static gpointer
check_in_thread (RcvDatabase   *connection,
                 gpointer       pointer,
                 GCancellable  *cancellable,
                 GError       **error)
{
  CheckData *data = pointer;

  return rcv_alerts_check (connection, &data->as_of, data->claim, cancellable, error);
}

/* rcv_alerts_check() in a worker thread, on a connection of its own. */
void
rcv_alerts_check_async (RcvDatabase         *db,
                        const GDate         *as_of,
                        gboolean             claim,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  CheckData *data;

  g_return_if_fail (RCV_IS_DATABASE (db));
  g_return_if_fail (as_of != NULL && g_date_valid (as_of));

  data = g_new0 (CheckData, 1);
  data->as_of = *as_of;
  data->claim = claim;
  rcv_database_task_run (db, claim ? RCV_DATABASE_FLAGS_NONE : RCV_DATABASE_FLAGS_READ_ONLY,
                         check_in_thread, data, g_free, (GDestroyNotify) rcv_alert_check_free,
                         rcv_alerts_check_async, cancellable, callback, user_data);
}

RcvAlertCheck *
rcv_alerts_check_finish (RcvDatabase   *db,
                         GAsyncResult  *result,
                         GError       **error)
{
  return rcv_database_task_finish (db, result, rcv_alerts_check_async, error);
}

/* Gives back the crossings claimed and not told, from index `first` on (those the notifier
 * could not show), in one transaction: the next check tells them. Only each crossing's own threshold is given back; a
 * lower one marked with it stays marked, as the next check tells the higher one anyway. */
gboolean
rcv_alerts_release (RcvDatabase  *db,
                    GPtrArray    *crossings,
                    guint         first,
                    GError      **error)
{
  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (crossings != NULL, FALSE);

  if (!rcv_database_begin (db, error))
    return FALSE;
  for (guint i = first; i < crossings->len; i++)
    {
      const RcvAlert *alert = g_ptr_array_index (crossings, i);
      gboolean ok;

      if (alert->kind == RCV_ALERT_INSTALMENT)
        ok = run_statement (db, "DELETE FROM instalment_alerts WHERE plan_id = ?1 AND seq = ?2",
                            alert->plan_id, alert->seq, 0, NULL, error);
      else
        ok = run_statement (db, "DELETE FROM alerts WHERE customer_id = ?1 AND threshold = ?2",
                            alert->customer_id, alert->threshold, 0, NULL, error);
      if (!ok)
        {
          rcv_database_rollback (db);
          return FALSE;
        }
    }
  return rcv_database_commit (db, error);
}
