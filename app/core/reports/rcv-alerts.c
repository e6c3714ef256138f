/* rcv-alerts.c - accounts passing their alert thresholds (60 and 90 days), each told once
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules (DESIGN.md §3, "Alerts"):
 * - An account passes N days when its oldest open overdue invoice is N or more days past its
 *   due date, as of the check's date. N is the first or the second alert threshold of the
 *   customer's policy (60 and 90 unless the policy says otherwise).
 * - A check tells each account once about the highest threshold it has newly passed, and
 *   marks the lower one as passed too, so that 60 never follows 90.
 * - The table `alerts` remembers what was told: a row (customer, threshold, as_of) says that
 *   the account was told as of that day about passing that threshold.
 * - Whether an account dropped below a threshold told and passed it again is read from the
 *   ledger, not from which checks happened to run: a check as of D tells threshold N again
 *   when the account passes N on D (as above) and was below N on some day t with
 *   as_of < t < D (D itself is judged as above). On day t the account is at or past N when one of its invoices is open on
 *   t and due N or more days before t, that is when t lies in [due + N, settled_date) of a
 *   posted invoice (settled_date NULL: still open). An invoice stays open until allocations
 *   (payments, credit notes, each from its effective date) settle it in full; unapplied
 *   credit does not shorten it, as it does not change the oldest open invoice on D. The
 *   row is then renewed (as_of D), and so are the lower ones marked with it. Days up to and
 *   including the one told were told: a payment recorded later but dated before it makes a
 *   new crossing only if the account is below on a day after it. Disputes, hand-overs and
 *   payment plans (rcv-collections.c) count on D alone, as they always did: between two
 *   checks only the ledger is read.
 * - When an account is below a threshold on D, the row of that threshold goes, as the
 *   account's next pass is new anyway; a check as of a day before the one told neither
 *   resets nor tells that threshold again (`check --as-of` a past date undoes nothing).
 * - Finding a day below is cheap: most accounts told before still owe, on D, an invoice that
 *   was past N already on the day after the one told, so that no day between can be below,
 *   and need no query; the others read their own invoices (invoices_customer, one customer).
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
  gint threshold_days[3];  /* the days of the policy's first and second thresholds */
  guint32 min_due;         /* the earliest due date (Julian) of the invoices counted above */
  guint32 drop_told;       /* the day told that `dropped` was found for (0: not yet) */
  gboolean dropped;        /* below its highest threshold passed on a day since then */
} Account;

typedef struct
{
  guint bits;              /* the thresholds told, as (1 << threshold) */
  guint32 as_of[3];        /* the Julian day each was told as of */
} Told;

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
      account->min_due = G_MAXUINT32;
      g_hash_table_insert (scan->accounts, &account->customer_id, account);
    }
  account->overdue += doc->open;
  account->min_due = MIN (account->min_due, rcv_iso_to_julian (doc->due_date));
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
  RcvStatement *stmt;
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

      rcv_statement_bind_int64 (stmt, 1, account->customer_id);
      rc = rcv_statement_step (stmt);
      if (rc == RCV_ROW)
        {
          gint first = rcv_statement_column_int (stmt, 0);
          gint second = rcv_statement_column_int (stmt, 1);

          account->threshold_days[1] = first;
          account->threshold_days[2] = second;

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
      rcv_statement_reset (stmt);
      if (rc != RCV_ROW && rc != RCV_DONE)
        return rcv_database_set_error (db, error);
    }
  return TRUE;
}

/* customer ID → Told */
static GHashTable *
load_told (RcvDatabase *db,
           GError     **error)
{
  g_autoptr(GHashTable) told = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                      g_free);
  RcvStatement *stmt = rcv_database_prepare (db, "SELECT customer_id, threshold, as_of"
                                                 " FROM alerts", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    {
      gint64 id = rcv_statement_column_int64 (stmt, 0);
      guint threshold = (guint) rcv_statement_column_int (stmt, 1);
      Told *row = g_hash_table_lookup (told, &id);

      if (threshold < 1 || threshold > 2)
        continue;   /* the schema allows no other */
      if (row == NULL)
        {
          row = g_new0 (Told, 1);
          g_hash_table_insert (told, g_memdup2 (&id, sizeof id), row);
        }
      row->bits |= 1u << threshold;
      row->as_of[threshold] = rcv_iso_to_julian (rcv_statement_column_text (stmt, 2));
    }
  rcv_statement_reset (stmt);
  if (rc != RCV_DONE)
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
  RcvStatement *stmt = rcv_database_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_int64 (stmt, 1, customer_id);
  rcv_statement_bind_int (stmt, 2, (int) threshold);
  if (as_of_iso != NULL)
    {
      rcv_statement_bind_int (stmt, 3, days);
      rcv_statement_bind_text (stmt, 4, as_of_iso);
    }
  return rcv_database_step_done (db, stmt, error);
}

/* Whether the account was below `days` on a day after `told` and before `as_of`, from its
 * invoices' open intervals (see the rules at the top). */
static gboolean
dropped_below (RcvDatabase   *db,
               const Account *account,
               gint           days,
               guint32        told,
               guint32        as_of,
               gboolean      *dropped,
               GError       **error)
{
  guint32 first = told + 1, last = as_of - 1;
  guint32 covered = first;          /* the days before this one are known to be past `days` */
  char latest_due[RCV_ISO_DATE_LEN], first_iso[RCV_ISO_DATE_LEN];
  RcvStatement *stmt;
  int rc = RCV_DONE;

  g_assert (days > 0);

  *dropped = FALSE;
  if (first > last)
    return TRUE;
  /* an invoice open on D and past `days` by the first day was open and past them since */
  if (account->min_due <= first && first - account->min_due >= (guint32) days)
    return TRUE;
  *dropped = TRUE;
  if (last <= (guint32) days)
    return TRUE;    /* no invoice can be due that early */

  rcv_julian_to_iso (last - (guint32) days, latest_due);
  rcv_julian_to_iso (first, first_iso);
  /* the invoices still open and those settled since the first day: the account's open items
   * and a month's, each through its index, not the account's history */
  stmt = rcv_database_prepare (db,
                               "SELECT due_date, settled_date FROM invoices"
                               " INDEXED BY invoices_customer_unsettled"
                               " WHERE customer_id = ?1 AND settled_date IS NULL"
                               " AND due_date <= ?2 AND issue_date <= ?2"
                               " AND kind = 'invoice' AND status = 'posted'"
                               " UNION ALL SELECT due_date, settled_date FROM invoices"
                               " INDEXED BY invoices_customer_settled"
                               " WHERE customer_id = ?1 AND settled_date > ?3"
                               " AND due_date <= ?2 AND issue_date <= ?2"
                               " AND kind = 'invoice' AND status = 'posted'"
                               " ORDER BY 1",
                               error);
  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_int64 (stmt, 1, account->customer_id);
  rcv_statement_bind_text (stmt, 2, latest_due);
  rcv_statement_bind_text (stmt, 3, first_iso);

  /* the intervals [due + days, settled) by their start: a gap before `last` is a day below */
  while (covered <= last && (rc = rcv_statement_step (stmt)) == RCV_ROW)
    {
      guint32 start = rcv_iso_to_julian (rcv_statement_column_text (stmt, 0)) + (guint32) days;

      if (start > covered)
        break;
      if (rcv_statement_column_is_null (stmt, 1))
        covered = G_MAXUINT32;
      else
        covered = MAX (covered, rcv_iso_to_julian (rcv_statement_column_text (stmt, 1)));
    }
  rcv_statement_reset (stmt);
  if (rc != RCV_ROW && rc != RCV_DONE)
    return rcv_database_set_error (db, error);
  *dropped = covered <= last;
  return TRUE;
}

/* dropped_below() for the account's highest threshold passed, remembered for one day told */
static gboolean
account_dropped (RcvDatabase *db,
                 Account     *account,
                 guint32      told,
                 guint32      as_of,
                 gboolean    *dropped,
                 GError     **error)
{
  if (account->drop_told != told)
    {
      if (!dropped_below (db, account, account->days, told, as_of, &account->dropped, error))
        return FALSE;
      account->drop_told = told;
    }
  *dropped = account->dropped;
  return TRUE;
}

/* Finds the drops before a claiming check takes the write lock, so that it holds it for the
 * writes alone; inside, only the rows another check renewed meanwhile are looked at again. */
static gboolean
find_drops (RcvDatabase *db,
            Scan        *scan,
            GError     **error)
{
  g_autoptr(GHashTable) told = load_told (db, error);
  GHashTableIter iter;
  gpointer value;

  if (told == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, scan->accounts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Account *account = value;
      const Told *row = g_hash_table_lookup (told, &account->customer_id);
      gboolean dropped;

      if (account->passed > 0 && row != NULL && (row->bits & (1u << account->passed)) &&
          !account_dropped (db, account, row->as_of[account->passed], scan->as_of_julian,
                            &dropped, error))
        return FALSE;
    }
  return TRUE;
}

static RcvAlert *
alert_new (RcvDatabase   *db,
           const Account *account,
           guint32        as_of_julian,
           GError       **error)
{
  g_autoptr(RcvAlert) alert = g_new0 (RcvAlert, 1);
  RcvStatement *stmt = rcv_database_prepare (db, "SELECT code, name FROM customers WHERE id = ?1",
                                             error);

  if (stmt == NULL)
    return NULL;
  rcv_statement_bind_int64 (stmt, 1, account->customer_id);
  if (rcv_statement_step (stmt) != RCV_ROW)
    {
      rcv_statement_reset (stmt);
      rcv_database_set_error (db, error);
      return NULL;
    }
  alert->customer_id = account->customer_id;
  alert->code = g_strdup (rcv_statement_column_text (stmt, 0));
  alert->name = g_strdup (rcv_statement_column_text (stmt, 1));
  rcv_statement_reset (stmt);
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
      RcvStatement *stmt;
      int rc;

      stmt = rcv_database_prepare (db, "SELECT 1 FROM instalment_alerts"
                                       " WHERE plan_id = ?1 AND seq = ?2", error);
      if (stmt == NULL)
        return FALSE;
      rcv_statement_bind_int64 (stmt, 1, instalment->plan_id);
      rcv_statement_bind_int (stmt, 2, (int) instalment->seq);
      rc = rcv_statement_step (stmt);
      rcv_statement_reset (stmt);
      if (rc == RCV_ROW)
        continue;
      if (rc != RCV_DONE)
        return rcv_database_set_error (db, error);

      stmt = rcv_database_prepare (db, "SELECT code, name FROM customers WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      rcv_statement_bind_int64 (stmt, 1, instalment->customer_id);
      if (rcv_statement_step (stmt) != RCV_ROW)
        {
          rcv_statement_reset (stmt);
          return rcv_database_set_error (db, error);
        }
      alert = g_new0 (RcvAlert, 1);
      alert->kind = RCV_ALERT_INSTALMENT;
      alert->customer_id = instalment->customer_id;
      alert->code = g_strdup (rcv_statement_column_text (stmt, 0));
      alert->name = g_strdup (rcv_statement_column_text (stmt, 1));
      rcv_statement_reset (stmt);
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
          rcv_statement_bind_int64 (stmt, 1, instalment->plan_id);
          rcv_statement_bind_int (stmt, 2, (int) instalment->seq);
          rcv_statement_bind_text (stmt, 3, as_of_iso);
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

/* Marks a threshold (with its own days) as told as of the check's date, or renews it; a row
 * told as of that day or a later one (a check as of a past date) stays as it is. */
#define MARK_TOLD_SQL \
  "INSERT INTO alerts (customer_id, threshold, days, as_of) VALUES (?1, ?2, ?3, ?4)" \
  " ON CONFLICT (customer_id, threshold) DO UPDATE SET days = excluded.days," \
  " as_of = excluded.as_of, notified_at = excluded.notified_at" \
  " WHERE excluded.as_of > alerts.as_of"

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

  /* resets: a threshold told that the account is no longer past, unless it was told as of a
   * later day than this check's */
  g_hash_table_iter_init (&iter, told);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 customer_id = *(gint64 *) key;
      Account *account = g_hash_table_lookup (scan->accounts, &customer_id);
      guint passed = account != NULL ? account->passed : 0;
      const Told *row = value;

      for (guint t = passed + 1; t <= 2; t++)
        if ((row->bits & (1u << t)) && row->as_of[t] <= scan->as_of_julian)
          {
            check->n_reset++;
            if (claim && !run_statement (db, "DELETE FROM alerts"
                                         " WHERE customer_id = ?1 AND threshold = ?2",
                                         customer_id, t, 0, NULL, error))
              return FALSE;
          }
    }

  /* crossings: the highest threshold passed, when it was not told or the account dropped
   * below it since; the lower one is marked (or renewed) with it */
  g_hash_table_iter_init (&iter, scan->accounts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Account *account = value;
      const Told *row = g_hash_table_lookup (told, &account->customer_id);
      RcvAlert *alert;

      if (account->passed == 0)
        continue;
      check->n_passed++;
      if (row != NULL && (row->bits & (1u << account->passed)))
        {
          gboolean dropped;

          if (!account_dropped (db, account, row->as_of[account->passed], scan->as_of_julian,
                                &dropped, error))
            return FALSE;
          if (!dropped)
            continue;
          check->n_renewed++;
        }
      alert = alert_new (db, account, scan->as_of_julian, error);
      if (alert == NULL)
        return FALSE;
      g_ptr_array_add (check->crossings, alert);
      if (!claim)
        continue;
      for (guint t = 1; t <= account->passed; t++)
        if (!run_statement (db, MARK_TOLD_SQL, account->customer_id, t,
                            account->threshold_days[t], as_of_iso, error))
          return FALSE;
    }
  return add_missed_instalments (db, scan->exclusions, claim, check, error);
}

/* The thresholds newly passed as of a date. With `claim`, they are marked as told (and the
 * thresholds an account is below are reset) in one transaction: the caller tells
 * them, or gives back those it could not tell with rcv_alerts_release(). Without, nothing is
 * written. Blocking: a million invoices take about a second, two when every account past a
 * threshold was told a month before (the benchmark's 36 000; rcv_alerts_check_async()). */
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
      if (!find_drops (db, &scan, error) ||
          g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
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
