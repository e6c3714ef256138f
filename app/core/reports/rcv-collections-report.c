/* rcv-collections-report.c - the recommendation per account: agency, final notice or keep chasing, and the recovery expected
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules of collections are written out at the top of rcv-collections.c.
 */
#define G_LOG_DOMAIN "rcv-collections"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rcv-aging-private.h"
#include "rcv-collections-report.h"
#include "rcv-collections.h"
#include "rcv-database-private.h"
#include "rcv-database-task.h"
#include "rcv-date.h"
#include "rcv-error.h"
#include "rcv-json.h"
#include "rcv-ledger.h"
#include "rcv-money.h"
#include "rcv-policy.h"

/* ---- The report ---- */

void
rcv_collections_account_free (RcvCollectionsAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->code);
  g_free (account->name);
  g_free (account->oldest_number);
  g_free (account->reasoning);
  g_free (account->agency);
  g_free (account);
}

typedef struct
{
  const RcvCollectionsExclusions *exclusions;
  gint64 customer_id;       /* 0: every account not handed over */
  guint32 as_of_julian;
  GHashTable *accounts;     /* customer ID → RcvCollectionsAccount, owned */
  GHashTable *overdue;      /* the customer IDs with an overdue open invoice */
} Scan;

static RcvCollectionsAccount *
scan_account (Scan   *scan,
              gint64  customer_id)
{
  RcvCollectionsAccount *account = g_hash_table_lookup (scan->accounts, &customer_id);

  if (account == NULL)
    {
      account = g_new0 (RcvCollectionsAccount, 1);
      account->customer_id = customer_id;
      g_hash_table_insert (scan->accounts, &account->customer_id, account);
    }
  return account;
}

static void
add_open_document (const RcvOpenDocument *doc,
                   gpointer               user_data)
{
  Scan *scan = user_data;
  RcvCollectionsAccount *account;
  gboolean disputed;
  guint32 due;
  gint days;

  if (doc->kind != RCV_AGING_ITEM_INVOICE || doc->open <= 0)
    return;
  if (scan->customer_id != 0 ? doc->customer_id != scan->customer_id
                             : rcv_collections_excludes_customer (scan->exclusions,
                                                                  doc->customer_id))
    return;
  account = scan_account (scan, doc->customer_id);
  disputed = rcv_collections_excludes_invoice (scan->exclusions, doc->id);
  account->open += doc->open;
  if (disputed)
    {
      account->disputed += doc->open;
      account->n_disputes++;
    }
  due = rcv_collections_late_from (scan->exclusions, doc->customer_id, doc->date, doc->due_date);
  days = due != 0 && due < scan->as_of_julian ? (gint) (scan->as_of_julian - due) : 0;
  if (days > 0)
    g_hash_table_add (scan->overdue, &account->customer_id);
  if (!disputed && days > account->oldest_days)
    {
      account->oldest_days = days;
      g_free (account->oldest_number);
      account->oldest_number = g_strdup (doc->number);
    }
}

/* Runs a query over the whole company whose rows start with a customer ID (with up to two
 * text parameters), and hands each row of an account in the report to a function: one pass,
 * however many accounts. */
typedef void (*RowFunc) (gpointer      account,
                         RcvStatement *row);

/* The rows of a statement its caller bound, each to its account's record (made, zeroed, with
 * `create`); the statement is reset after. */
static gboolean
each_row_of (RcvDatabase  *db,
             RcvStatement *stmt,
             GHashTable   *lookup,
             gboolean      create,
             gsize         size,
             RowFunc       func,
             GError      **error)
{
  int rc;

  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    {
      gint64 id = rcv_statement_column_int64 (stmt, 0);
      gpointer account = g_hash_table_lookup (lookup, &id);

      if (account == NULL && create)
        {
          account = g_malloc0 (size);
          g_hash_table_insert (lookup, g_memdup2 (&id, sizeof id), account);
        }
      if (account != NULL)
        func (account, stmt);
    }
  rcv_statement_reset (stmt);
  if (rc != RCV_DONE)
    return rcv_database_set_error (db, error);
  return TRUE;
}

static gboolean
for_each_row (RcvDatabase *db,
              const char  *sql,
              const char  *first,
              const char  *second,
              GHashTable  *lookup,
              gboolean     create,
              gsize        size,
              RowFunc      func,
              gint64       customer_id,
              GError     **error)
{
  RcvStatement *stmt = rcv_database_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (first != NULL)
    rcv_statement_bind_text (stmt, 1, first);
  if (second != NULL)
    rcv_statement_bind_text (stmt, 2, second);
  if (customer_id != 0)
    rcv_statement_bind_int64 (stmt, 3, customer_id);
  return each_row_of (db, stmt, lookup, create, size, func, error);
}

static void
count_broken_promise (gpointer      account,
                      RcvStatement *row)
{
  ((RcvCollectionsAccount *) account)->broken_promises++;
}

/* A promise is broken when its date has passed and the payments from the day it was made to
 * its date add up to less than it. */
#define BROKEN_PROMISES_SQL \
  "SELECT pr.customer_id FROM promises pr WHERE pr.due_date < ?1" \
  " AND coalesce ((SELECT sum (p.amount) FROM payments p WHERE p.customer_id = pr.customer_id" \
  "  AND p.date >= pr.made_on AND p.date <= pr.due_date), 0) < pr.amount"
/* … and those of one customer (?3), through promises_customer */
#define CUSTOMER_BROKEN_PROMISES_SQL BROKEN_PROMISES_SQL " AND pr.customer_id = ?3"

static void
take_customer (gpointer      pointer,
               RcvStatement *row)
{
  RcvCollectionsAccount *account = pointer;

  account->code = g_strdup (rcv_statement_column_text (row, 1));
  account->name = g_strdup (rcv_statement_column_text (row, 2));
  account->policy_id = rcv_statement_column_int64 (row, 3);
  if (!rcv_statement_column_is_null (row, 4))
    {
      account->agency = g_strdup (rcv_statement_column_text (row, 4));
      g_date_clear (&account->handed_over_on, 1);
      g_date_set_julian (&account->handed_over_on, rcv_iso_to_julian (rcv_statement_column_text (row, 5)));
      account->commission_bp = rcv_statement_column_int (row, 6);
    }
}

static gint64
share_of (gint64 amount,
          guint  bp)
{
  gint64 result = 0;

  if (!rcv_mul_div_round (amount, bp, 10000, &result))
    return 0;
  return result;
}

static void
decide (RcvCollectionsAccount   *account,
        const RcvCollectability *curve)
{
  guint breaks = account->broken_promises + account->missed_instalments;
  gint64 base = account->open - account->disputed;
  guint now = rcv_collectability_at (curve, account->oldest_days);
  guint later = rcv_collectability_at (curve, account->oldest_days + account->chase_days);
  g_autofree char *age = NULL;

  if (account->oldest_days == 0)
    {
      account->recommendation = RCV_RECOMMEND_CHASE;
      account->reasoning = g_strdup (account->under_plan
                                       ? _("A payment plan is being kept: no instalment is "
                                           "missed.")
                                       : _("No undisputed invoice is overdue."));
      account->recovery_chase = share_of (base, later);
      account->recovery_agency = share_of (share_of (base, now), 10000 - account->commission_bp);
      return;
    }
  age = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "The oldest undisputed overdue invoice, %s, is %d day late",
                                      "The oldest undisputed overdue invoice, %s, is %d days late",
                                      account->oldest_days),
                         account->oldest_number, account->oldest_days);

  if (account->agency_days > 0 && account->oldest_days >= account->agency_days)
    {
      account->recommendation = RCV_RECOMMEND_AGENCY;
      account->reasoning = g_strdup_printf (_("%s: the policy hands accounts over at %d days."),
                                            age, account->agency_days);
    }
  else if (breaks >= 2)
    {
      account->recommendation = RCV_RECOMMEND_AGENCY;
      account->reasoning = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "%s, and promises or instalments were broken %u time: twice is enough.",
                                                         "%s, and promises or instalments were broken %u times: twice is enough.",
                                                         breaks),
                                            age, breaks);
    }
  else if (account->final_days >= 0 && account->oldest_days >= account->final_days &&
           account->oldest_days > 0)
    {
      account->recommendation = RCV_RECOMMEND_FINAL_NOTICE;
      account->reasoning = g_strdup_printf (_("%s: past the last reminder (%d days), not yet at "
                                              "the hand-over."), age, account->final_days);
    }
  else
    {
      account->recommendation = RCV_RECOMMEND_CHASE;
      account->reasoning = g_strdup_printf (_("%s: reminders still have a level to go."), age);
    }
  account->recovery_chase = share_of (base, later);
  account->recovery_agency = share_of (share_of (base, now), 10000 - account->commission_bp);
}

static void
add_settled_invoice (gpointer      pointer,
                     RcvStatement *row)
{
  RcvPayerBehaviour *payer = pointer;
  guint32 due = rcv_iso_to_julian (rcv_statement_column_text (row, 1));
  guint32 settled = rcv_iso_to_julian (rcv_statement_column_text (row, 2));
  gint late = due != 0 && settled > due ? (gint) (settled - due) : 0;

  payer->paid++;
  payer->days_late_total += late;
  payer->paid_late += late > 0;
  payer->paid_past_60 += late > 60;
}

/* The company's invoices settled in (from, to], through invoices_open alone, a span class at a
 * time: an invoice of class c (rcv_span_class ()) was settled less than 2^c days after it was
 * issued, so one settled after `from` was issued after from − 2^c. Each class reads the year's
 * settled invoices and that margin, not the whole history (a million invoices read for the
 * year's third, in a company of three years). */
static gboolean
read_settled_by_class (RcvDatabase  *db,
                       const GDate  *start,
                       const char   *from,
                       const char   *to,
                       GHashTable   *payers,
                       GError      **error)
{
  guint32 start_julian = g_date_get_julian (start);

  for (guint span = 0; span <= RCV_SPAN_MAX_FINITE; span++)
    {
      char lower[RCV_ISO_DATE_LEN];
      RcvStatement *stmt;

      stmt = rcv_database_prepare (db,
                                   "SELECT customer_id, due_date, settled_date FROM invoices"
                                   " WHERE span_class = ?3 AND issue_date > ?4"
                                   " AND issue_date <= ?2 AND settled_date > ?1"
                                   " AND settled_date <= ?2 AND kind = 'invoice'"
                                   " AND status = 'posted' AND total > 0", error);
      if (stmt == NULL)
        return FALSE;
      rcv_aging_span_lower_bound (span, start_julian, lower);
      rcv_statement_bind_text (stmt, 1, from);
      rcv_statement_bind_text (stmt, 2, to);
      rcv_statement_bind_int (stmt, 3, (int) span);
      rcv_statement_bind_text (stmt, 4, lower);
      if (!each_row_of (db, stmt, payers, TRUE, sizeof (RcvPayerBehaviour), add_settled_invoice,
                        error))
        return FALSE;
    }
  return TRUE;
}

/* The invoices settled in the 365 days up to the date; the days are counted here rather than
 * with SQLite's julianday(), which took most of the report's time on a million invoices.
 * customer ID → RcvPayerBehaviour, for the customers with an invoice settled then: the
 * company's by span class, one customer's through invoices_customer_settled. */
static GHashTable *
read_payers (RcvDatabase  *db,
             const GDate  *as_of,
             gint64        customer_id,
             GError      **error)
{
  g_autoptr(GHashTable) payers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        g_free);
  char from[RCV_ISO_DATE_LEN], to[RCV_ISO_DATE_LEN];
  GDate start = *as_of;

  g_date_subtract_days (&start, 365);
  rcv_date_to_iso (&start, from);
  rcv_date_to_iso (as_of, to);
  if (customer_id == 0)
    {
      gboolean started = FALSE, ok;

      /* the fifteen classes in one snapshot of the file, as one statement was */
      if (!rcv_database_begin_read (db, &started, error))
        return NULL;
      ok = read_settled_by_class (db, &start, from, to, payers, error);
      rcv_database_end_read (db, started);
      return ok ? g_steal_pointer (&payers) : NULL;
    }
  if (!for_each_row (db, "SELECT customer_id, due_date, settled_date FROM invoices"
                         " INDEXED BY invoices_customer_settled"
                         " WHERE customer_id = ?3 AND settled_date > ?1 AND settled_date <= ?2"
                         " AND kind = 'invoice' AND status = 'posted' AND total > 0",
                     from, to, payers, TRUE, sizeof (RcvPayerBehaviour), add_settled_invoice,
                     customer_id, error))
    return NULL;
  return g_steal_pointer (&payers);
}

GHashTable *
rcv_collections_payers (RcvDatabase  *db,
                        const GDate  *as_of,
                        GError      **error)
{
  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);

  return read_payers (db, as_of, 0, error);
}

static int
compare_accounts (gconstpointer a,
                  gconstpointer b)
{
  const RcvCollectionsAccount *x = *(RcvCollectionsAccount **) a;
  const RcvCollectionsAccount *y = *(RcvCollectionsAccount **) b;

  if (x->recommendation != y->recommendation)
    return x->recommendation > y->recommendation ? -1 : 1;
  if (x->oldest_days != y->oldest_days)
    return x->oldest_days > y->oldest_days ? -1 : 1;
  return (x->customer_id > y->customer_id) - (x->customer_id < y->customer_id);
}

/* The accounts of the report: every one not handed over with an overdue open invoice (disputed
 * or not), or the one asked for, whatever its state. */
static GPtrArray *
build_report (RcvDatabase  *db,
              const GDate  *as_of,
              gint64        customer_id,
              GError      **error)
{
  g_autoptr(RcvCollectionsExclusions) exclusions = NULL;
  g_autoptr(GHashTable) accounts = NULL;
  g_autoptr(GHashTable) overdue = NULL;
  g_autoptr(GHashTable) lookup = NULL;
  g_autoptr(GHashTable) policies = NULL;
  g_autoptr(GHashTable) payers = NULL;
  g_autoptr(GPtrArray) report = NULL;
  RcvRecoveryAssumptions assumptions;
  RcvCollectability curve;
  char iso[RCV_ISO_DATE_LEN];
  GHashTableIter iter;
  gpointer key, value;
  Scan scan = { 0 };

  exclusions = rcv_collections_exclusions_new (db, as_of, error);
  if (exclusions == NULL)
    return NULL;
  accounts = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                    (GDestroyNotify) rcv_collections_account_free);
  overdue = g_hash_table_new (g_int64_hash, g_int64_equal);
  scan.exclusions = exclusions;
  scan.customer_id = customer_id;
  scan.as_of_julian = g_date_get_julian (as_of);
  scan.accounts = accounts;
  scan.overdue = overdue;
  if (!(customer_id != 0
           ? rcv_aging_scan_customer_open (db, as_of, customer_id, add_open_document, &scan,
                                           error)
           : rcv_aging_scan_open (db, as_of, TRUE, add_open_document, &scan, error)))
    return NULL;
  if (customer_id != 0)
    g_hash_table_add (overdue, &scan_account (&scan, customer_id)->customer_id);

  /* the accounts with something overdue move to the report; the others go with the table */
  report = g_ptr_array_new_with_free_func ((GDestroyNotify) rcv_collections_account_free);
  lookup = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_hash_table_iter_init (&iter, accounts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_hash_table_contains (overdue, key))
      {
        g_hash_table_insert (lookup, key, value);
        g_ptr_array_add (report, value);
        g_hash_table_iter_steal (&iter);
      }

  rcv_date_to_iso (as_of, iso);
  rcv_collections_get_curve (db, &curve);
  rcv_collections_get_assumptions (db, &assumptions);
  for (guint i = 0; i < report->len; i++)
    {
      RcvCollectionsAccount *account = g_ptr_array_index (report, i);

      account->commission_bp = assumptions.commission_bp;
      account->chase_days = assumptions.chase_days;
    }
  if (!for_each_row (db, customer_id == 0
                           ? "SELECT c.id, c.code, c.name, coalesce (c.policy_id, 0), ca.agency,"
                             " ca.handed_over_on, ca.commission_bp FROM customers c"
                             " LEFT JOIN collection_accounts ca ON ca.customer_id = c.id"
                           : "SELECT c.id, c.code, c.name, coalesce (c.policy_id, 0), ca.agency,"
                             " ca.handed_over_on, ca.commission_bp FROM customers c"
                             " LEFT JOIN collection_accounts ca ON ca.customer_id = c.id"
                             " WHERE c.id = ?3",
                     NULL, NULL, lookup, FALSE, 0, take_customer, customer_id, error) ||
      !for_each_row (db, customer_id == 0 ? BROKEN_PROMISES_SQL : CUSTOMER_BROKEN_PROMISES_SQL,
                     iso, NULL, lookup, FALSE, 0, count_broken_promise, customer_id, error))
    return NULL;
  for (guint i = 0; i < rcv_collections_get_missed (exclusions)->len; i++)
    {
      const RcvMissedInstalment *missed = &g_array_index (rcv_collections_get_missed (exclusions),
                                                          RcvMissedInstalment, i);
      RcvCollectionsAccount *account = g_hash_table_lookup (lookup, &missed->customer_id);

      if (account != NULL)
        account->missed_instalments++;
    }
  for (guint i = 0; i < report->len; i++)
    {
      RcvCollectionsAccount *account = g_ptr_array_index (report, i);

      account->under_plan = rcv_collections_is_under_plan (exclusions, account->customer_id);
    }
  policies = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                    (GDestroyNotify) rcv_policy_free);
  for (guint i = 0; i < report->len; i++)
    {
      RcvCollectionsAccount *account = g_ptr_array_index (report, i);
      RcvPolicy *policy = g_hash_table_lookup (policies, &account->policy_id);

      if (policy == NULL)
        {
          policy = rcv_policy_load (db, account->policy_id, error);
          if (policy == NULL)
            return NULL;
          g_hash_table_insert (policies, g_memdup2 (&account->policy_id, sizeof (gint64)),
                               policy);
        }
      account->agency_days = policy->agency_days;
      account->final_days = policy->levels->len > 0
        ? g_array_index (policy->levels, RcvReminderLevel, policy->levels->len - 1).days_after_due
        : -1;
      decide (account, &curve);
    }
  payers = read_payers (db, as_of, customer_id, error);
  if (payers == NULL)
    return NULL;
  for (guint i = 0; i < report->len; i++)
    {
      RcvCollectionsAccount *account = g_ptr_array_index (report, i);
      const RcvPayerBehaviour *payer = g_hash_table_lookup (payers, &account->customer_id);

      if (payer != NULL)
        account->payer = *payer;
    }
  g_ptr_array_sort (report, compare_accounts);
  return g_steal_pointer (&report);
}

/* The accounts with an overdue open invoice as of a date (disputed or not), except those
 * handed over, each with its recommendation, most urgent first. */
GPtrArray *
rcv_collections_report (RcvDatabase  *db,
                        const GDate  *as_of,
                        GError      **error)
{
  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);
  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), NULL);

  return build_report (db, as_of, 0, error);
}

RcvCollectionsAccount *
rcv_collections_report_for (RcvDatabase  *db,
                            const GDate  *as_of,
                            gint64        customer_id,
                            GError      **error)
{
  g_autoptr(GPtrArray) report = NULL;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);
  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), NULL);
  g_return_val_if_fail (customer_id > 0, NULL);

  if (!rcv_collections_check_customer (db, customer_id, error))
    return NULL;
  report = build_report (db, as_of, customer_id, error);
  if (report == NULL)
    return NULL;
  return g_ptr_array_steal_index (report, 0);
}

typedef struct
{
  GDate as_of;
  gint64 customer_id;
} ReportData;

static gpointer
report_in_thread (RcvDatabase   *connection,
                  gpointer       pointer,
                  GCancellable  *cancellable,
                  GError       **error)
{
  ReportData *data = pointer;

  return rcv_collections_report_for (connection, &data->as_of, data->customer_id, error);
}

/* rcv_collections_report_for() in a worker thread, on a read connection of its own. */
void
rcv_collections_report_for_async (RcvDatabase         *db,
                                  const GDate         *as_of,
                                  gint64               customer_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  ReportData *data;

  g_return_if_fail (RCV_IS_DATABASE (db));
  g_return_if_fail (as_of != NULL && g_date_valid (as_of));

  data = g_new0 (ReportData, 1);
  data->as_of = *as_of;
  data->customer_id = customer_id;
  rcv_database_task_run (db, RCV_DATABASE_FLAGS_READ_ONLY, report_in_thread, data, g_free,
                         (GDestroyNotify) rcv_collections_account_free,
                         rcv_collections_report_for_async, cancellable, callback, user_data);
}

RcvCollectionsAccount *
rcv_collections_report_for_finish (RcvDatabase   *db,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return rcv_database_task_finish (db, result, rcv_collections_report_for_async, error);
}

/* The average days late over the paid invoices, to one decimal, as the files write it: "12.5" */
char *
rcv_collections_average_late (const RcvPayerBehaviour *payer)
{
  gint tenths = rcv_collections_average_tenths (payer);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (tenths == G_MININT)
    return g_strdup ("–");
  g_snprintf (buffer, sizeof buffer, "%d.%d", tenths / 10, tenths % 10);
  return g_strdup (buffer);
}

gint
rcv_collections_average_tenths (const RcvPayerBehaviour *payer)
{
  if (payer->paid == 0)
    return G_MININT;
  return (gint) rcv_round_div (payer->days_late_total * 10, payer->paid);
}

