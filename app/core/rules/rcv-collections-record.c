/* rcv-collections-record.c - what dunning and alerts leave out, and the collections record of an account
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules of collections are written out at the top of rcv-collections.c.
 */
#define G_LOG_DOMAIN "rcv-collections"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rcv-collections.h"
#include "rcv-database-private.h"
#include "rcv-date.h"
#include "rcv-error.h"
#include "rcv-json.h"
#include "rcv-ledger.h"
#include "rcv-money.h"
#include "rcv-policy.h"

#define COMMISSION_SETTING "collections.commission_bp"

/* ---- What dunning and alerts leave out ---- */

typedef struct
{
  gint64 plan_id;
  guint32 created;          /* Julian day */
  guint32 first_missed;     /* the first missed instalment's date; 0: none */
} Plan;

struct _RcvCollectionsExclusions
{
  GHashTable *invoices;
  GHashTable *customers;
  GHashTable *plans;        /* customer ID → Plan: the plan kept as of the date */
  GArray *missed;           /* RcvMissedInstalment, by plan and instalment */
};

static gboolean
collect_ids (RcvDatabase *db,
             const char  *sql,
             const char  *as_of,
             GHashTable  *into,
             GError     **error)
{
  RcvStatement *stmt = rcv_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_text (stmt, 1, as_of);
  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    {
      gint64 id = rcv_statement_column_int64 (stmt, 0);

      g_hash_table_add (into, g_memdup2 (&id, sizeof id));
    }
  rcv_statement_reset (stmt);
  if (rc != RCV_DONE)
    return rcv_database_set_error (db, error);
  return TRUE;
}

/* The plans kept as of the date, each with its instalments due before it (or one row with no
 * instalment): the running total due by each instalment's date, and what the customer's
 * payments from the plan's start reach by then. */
#define KEPT_PLANS_SQL \
  "SELECT pl.customer_id, pl.id, pl.created_on, i.seq, i.due_date, i.amount," \
  "       (SELECT sum (i2.amount) FROM plan_instalments i2" \
  "        WHERE i2.plan_id = i.plan_id AND i2.seq <= i.seq)," \
  "       coalesce ((SELECT sum (p.amount) FROM payments p WHERE p.customer_id = pl.customer_id" \
  "        AND p.date >= pl.created_on AND p.date <= i.due_date), 0)" \
  " FROM payment_plans pl LEFT JOIN plan_instalments i ON i.plan_id = pl.id AND i.due_date < ?1" \
  " WHERE pl.created_on <= ?1 AND (pl.ended_on IS NULL OR pl.ended_on > ?1)" \
  " ORDER BY pl.id, i.seq"

static gboolean
collect_plans (RcvDatabase              *db,
               const char               *as_of,
               RcvCollectionsExclusions *exclusions,
               GError                  **error)
{
  RcvStatement *stmt = rcv_database_prepare (db, KEPT_PLANS_SQL, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_text (stmt, 1, as_of);
  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    {
      gint64 customer_id = rcv_statement_column_int64 (stmt, 0);
      Plan *plan = g_hash_table_lookup (exclusions->plans, &customer_id);
      gint64 due_by, paid_by;
      RcvMissedInstalment missed = { 0 };

      if (plan == NULL)
        {
          gint64 *key = g_memdup2 (&customer_id, sizeof customer_id);

          plan = g_new0 (Plan, 1);
          plan->plan_id = rcv_statement_column_int64 (stmt, 1);
          plan->created = rcv_iso_to_julian (rcv_statement_column_text (stmt, 2));
          g_hash_table_insert (exclusions->plans, key, plan);
        }
      if (rcv_statement_column_is_null (stmt, 3))
        continue;
      due_by = rcv_statement_column_int64 (stmt, 6);
      paid_by = rcv_statement_column_int64 (stmt, 7);
      if (paid_by >= due_by)
        continue;
      missed.customer_id = customer_id;
      missed.plan_id = plan->plan_id;
      missed.seq = (guint) rcv_statement_column_int (stmt, 3);
      g_date_clear (&missed.due_date, 1);
      g_date_set_julian (&missed.due_date, rcv_iso_to_julian (rcv_statement_column_text (stmt, 4)));
      missed.amount = rcv_statement_column_int64 (stmt, 5);
      missed.shortfall = MIN (due_by - paid_by, missed.amount);
      g_array_append_val (exclusions->missed, missed);
      if (plan->first_missed == 0)
        plan->first_missed = g_date_get_julian (&missed.due_date);
    }
  rcv_statement_reset (stmt);
  if (rc != RCV_DONE)
    return rcv_database_set_error (db, error);
  return TRUE;
}

RcvCollectionsExclusions *
rcv_collections_exclusions_new (RcvDatabase  *db,
                                const GDate  *as_of,
                                GError      **error)
{
  g_autoptr(RcvCollectionsExclusions) exclusions = g_new0 (RcvCollectionsExclusions, 1);
  char iso[RCV_ISO_DATE_LEN];

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);
  rcv_date_to_iso (as_of, iso);
  exclusions->invoices = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  exclusions->customers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  exclusions->plans = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  exclusions->missed = g_array_new (FALSE, FALSE, sizeof (RcvMissedInstalment));
  if (!collect_ids (db, "SELECT invoice_id FROM disputes WHERE opened_on <= ?1"
                        " AND (resolved_on IS NULL OR resolved_on > ?1)",
                    iso, exclusions->invoices, error) ||
      !collect_ids (db, "SELECT customer_id FROM collection_accounts"
                        " WHERE handed_over_on IS NOT NULL AND handed_over_on <= ?1",
                    iso, exclusions->customers, error) ||
      !collect_plans (db, iso, exclusions, error))
    return NULL;
  return g_steal_pointer (&exclusions);
}

gboolean
rcv_collections_excludes_invoice (const RcvCollectionsExclusions *exclusions,
                                  gint64                          invoice_id)
{
  return g_hash_table_contains (exclusions->invoices, &invoice_id);
}

gboolean
rcv_collections_excludes_customer (const RcvCollectionsExclusions *exclusions,
                                   gint64                          customer_id)
{
  return g_hash_table_contains (exclusions->customers, &customer_id);
}

guint32
rcv_collections_late_from (const RcvCollectionsExclusions *exclusions,
                           gint64                          customer_id,
                           const char                     *issue_date,
                           const char                     *due_date)
{
  const Plan *plan = g_hash_table_lookup (exclusions->plans, &customer_id);

  if (plan != NULL && rcv_iso_to_julian (issue_date) <= plan->created)
    return plan->first_missed;
  return rcv_iso_to_julian (due_date);
}

/* whether the customer keeps a payment plan as of the exclusions' date */
gboolean
rcv_collections_is_under_plan (const RcvCollectionsExclusions *exclusions,
                               gint64                          customer_id)
{
  return g_hash_table_contains (exclusions->plans, &customer_id);
}

const GArray *
rcv_collections_get_missed (const RcvCollectionsExclusions *exclusions)
{
  return exclusions->missed;
}

void
rcv_collections_exclusions_free (RcvCollectionsExclusions *exclusions)
{
  if (exclusions == NULL)
    return;
  g_clear_pointer (&exclusions->invoices, g_hash_table_unref);
  g_clear_pointer (&exclusions->customers, g_hash_table_unref);
  g_clear_pointer (&exclusions->plans, g_hash_table_unref);
  g_clear_pointer (&exclusions->missed, g_array_unref);
  g_free (exclusions);
}

/* ---- The record ---- */


void
rcv_collections_record_free (RcvCollectionsRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->responsible);
  g_free (record->agency);
  g_clear_pointer (&record->instalments, g_array_unref);
  g_clear_pointer (&record->disputed, g_ptr_array_unref);
  g_free (record);
}

RcvCollectionsRecord *
rcv_collections_get_record (RcvDatabase  *db,
                            gint64        customer_id,
                            const GDate  *as_of,
                            GError      **error)
{
  g_autoptr(RcvCollectionsRecord) record = g_new0 (RcvCollectionsRecord, 1);
  char iso[RCV_ISO_DATE_LEN];
  RcvStatement *stmt;
  int rc;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);
  rcv_date_to_iso (as_of, iso);
  record->responsible = g_strdup ("");
  record->instalments = g_array_new (FALSE, FALSE, sizeof (RcvInstalment));
  record->disputed = g_ptr_array_new_with_free_func (g_free);

  stmt = rcv_database_prepare (db, "SELECT nonpayment, responsible, agency, handed_over_on,"
                                   " commission_bp FROM collection_accounts"
                                   " WHERE customer_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  rcv_statement_bind_int64 (stmt, 1, customer_id);
  rc = rcv_statement_step (stmt);
  if (rc == RCV_ROW)
    {
      record->nonpayment = rcv_enum_from_nick_or (RCV_TYPE_NONPAYMENT,
                                                  rcv_statement_column_text (stmt, 0),
                                                  record->nonpayment);
      g_free (record->responsible);
      record->responsible = g_strdup (rcv_statement_column_text (stmt, 1));
      if (!rcv_statement_column_is_null (stmt, 2))
        {
          record->agency = g_strdup (rcv_statement_column_text (stmt, 2));
          g_date_clear (&record->handed_over_on, 1);
          g_date_set_julian (&record->handed_over_on,
                             rcv_iso_to_julian (rcv_statement_column_text (stmt, 3)));
          record->commission_bp = rcv_statement_column_int (stmt, 4);
        }
    }
  rcv_statement_reset (stmt);
  if (rc != RCV_ROW && rc != RCV_DONE)
    {
      rcv_database_set_error (db, error);
      return NULL;
    }

  /* the plan being kept and what was paid towards it, then its instalments */
  stmt = rcv_database_prepare (db, "SELECT pl.id, pl.created_on,"
                                   " coalesce ((SELECT sum (p.amount) FROM payments p"
                                   "  WHERE p.customer_id = pl.customer_id"
                                   "  AND p.date >= pl.created_on AND p.date <= ?2), 0)"
                                   " FROM payment_plans pl"
                                   " WHERE pl.customer_id = ?1 AND pl.ended_on IS NULL", error);
  if (stmt == NULL)
    return NULL;
  rcv_statement_bind_int64 (stmt, 1, customer_id);
  rcv_statement_bind_text (stmt, 2, iso);
  rc = rcv_statement_step (stmt);
  if (rc == RCV_ROW)
    {
      record->plan_id = rcv_statement_column_int64 (stmt, 0);
      g_date_clear (&record->plan_created_on, 1);
      g_date_set_julian (&record->plan_created_on, rcv_iso_to_julian (rcv_statement_column_text (stmt, 1)));
      record->plan_paid = rcv_statement_column_int64 (stmt, 2);
    }
  rcv_statement_reset (stmt);
  if (rc != RCV_ROW && rc != RCV_DONE)
    {
      rcv_database_set_error (db, error);
      return NULL;
    }
  stmt = rcv_database_prepare (db, "SELECT due_date, amount FROM plan_instalments"
                                   " WHERE plan_id = ?1 ORDER BY seq", error);
  if (stmt == NULL)
    return NULL;
  rcv_statement_bind_int64 (stmt, 1, record->plan_id);
  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    {
      RcvInstalment instalment;

      g_date_clear (&instalment.due_date, 1);
      g_date_set_julian (&instalment.due_date, rcv_iso_to_julian (rcv_statement_column_text (stmt, 0)));
      instalment.amount = rcv_statement_column_int64 (stmt, 1);
      g_array_append_val (record->instalments, instalment);
    }
  rcv_statement_reset (stmt);
  if (rc != RCV_DONE)
    {
      rcv_database_set_error (db, error);
      return NULL;
    }

  stmt = rcv_database_prepare (db, "SELECT i.number FROM disputes d JOIN invoices i"
                                   " ON i.id = d.invoice_id WHERE i.customer_id = ?1"
                                   " AND d.resolved_on IS NULL ORDER BY i.number", error);
  if (stmt == NULL)
    return NULL;
  rcv_statement_bind_int64 (stmt, 1, customer_id);
  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    g_ptr_array_add (record->disputed, g_strdup (rcv_statement_column_text (stmt, 0)));
  rcv_statement_reset (stmt);
  if (rc != RCV_DONE)
    {
      rcv_database_set_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&record);
}

gboolean
rcv_collections_get_dispute (RcvDatabase      *db,
                             gint64            invoice_id,
                             RcvDisputeReason *reason,
                             char            **notes,
                             GDate            *opened_on)
{
  RcvStatement *stmt = rcv_database_prepare (db, "SELECT reason, notes, opened_on FROM disputes"
                                                 " WHERE invoice_id = ?1 AND resolved_on IS NULL",
                                             NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_int64 (stmt, 1, invoice_id);
  found = rcv_statement_step (stmt) == RCV_ROW;
  if (found)
    {
      if (reason != NULL)
        *reason = rcv_enum_from_nick_or (RCV_TYPE_DISPUTE_REASON,
                                         rcv_statement_column_text (stmt, 0), RCV_DISPUTE_OTHER);
      if (notes != NULL)
        *notes = g_strdup (rcv_statement_column_text (stmt, 1));
      if (opened_on != NULL)
        {
          g_date_clear (opened_on, 1);
          g_date_set_julian (opened_on, rcv_iso_to_julian (rcv_statement_column_text (stmt, 2)));
        }
    }
  rcv_statement_reset (stmt);
  return found;
}

