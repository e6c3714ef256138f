/* rcv-collections.c - disputes, promises, payment plans, hand-over, and the recommendation
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules, as of a date D (DESIGN.md §3 and issue 9):
 * - A dispute holds its invoice out of dunning and alerts from the day it is opened to the day
 *   it is resolved (exclusive). The invoice stays in aging.
 * - An account handed over to an agency leaves dunning and alerts from the hand-over date, and
 *   this report.
 * - A promise to pay (made on M, amount A, by date P) is broken as of D when P < D and the
 *   customer's payments dated M to P add up to less than A.
 * - An instalment of a payment plan (created on C, not ended by D) is missed as of D when its
 *   date T < D and the customer's payments dated C to T add up to less than the instalments
 *   due up to T. A customer keeps one plan at a time.
 * - While a plan is kept, the instalments drive dunning, alerts and this report: the invoices
 *   issued by C count as late from the first missed instalment's date, and not at all while
 *   none is missed (rcv_collections_late_from). Each missed instalment is told once as a
 *   notification (rcv-alerts.c).
 * - From the hand-over date on, each payment of the account carries the agency's commission
 *   (amount × commission, half away from zero): the customer's debt goes down by the whole
 *   payment, and what reaches you is the payment less the commission.
 * - The recommendation: "agency" when the oldest undisputed open overdue invoice has reached
 *   the policy's hand-over threshold, or when promises and instalments have been broken
 *   twice or more; "final-notice" when it has reached the last reminder level's delay but not
 *   the threshold; "chase" otherwise.
 * - Expected recovery, of the undisputed open amount: keeping on chasing yourself, the
 *   collectability at the oldest invoice's age plus RCV_COLLECTIONS_CHASE_DAYS (the months
 *   your own chasing takes, during which collectability keeps falling); through an agency,
 *   the collectability at its age now, less the agency's commission. The curve is linear
 *   between its points, 100 % at 0 days and flat after its last point; amounts are rounded
 *   once, half away from zero.
 * - Payer behaviour: the customer's invoices settled in the 365 days up to D; days late is the
 *   settlement date less the due date (0 when on time).
 */
#define G_LOG_DOMAIN "rcv-collections"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "rcv-aging-private.h"
#include "rcv-collections.h"
#include "rcv-csv.h"
#include "rcv-database-private.h"
#include "rcv-database-task.h"
#include "rcv-date.h"
#include "rcv-error.h"
#include "rcv-json.h"
#include "rcv-ledger.h"
#include "rcv-money.h"
#include "rcv-policy.h"

#define CURVE_SETTING "collections.curve"
#define CHASE_DAYS_SETTING "collections.chase_days"
#define COMMISSION_SETTING "collections.commission_bp"

static const char *const dispute_reasons[] = { "billing-error", "quality", "not-received", "other" };
static const char *const nonpayments[] = { "unknown", "cant-pay", "wont-pay", "dispute" };
static const char *const recommendations[] = { "chase", "final-notice", "agency" };

const char *
rcv_dispute_reason_to_string (RcvDisputeReason reason)
{
  g_return_val_if_fail (reason < G_N_ELEMENTS (dispute_reasons), NULL);
  return dispute_reasons[reason];
}

gboolean
rcv_dispute_reason_from_string (const char       *text,
                                RcvDisputeReason *reason)
{
  guint index;

  if (!rcv_name_index (dispute_reasons, G_N_ELEMENTS (dispute_reasons), text, &index))
    return FALSE;
  *reason = (RcvDisputeReason) index;
  return TRUE;
}

const char *
rcv_nonpayment_to_string (RcvNonpayment nonpayment)
{
  g_return_val_if_fail (nonpayment < G_N_ELEMENTS (nonpayments), NULL);
  return nonpayments[nonpayment];
}

gboolean
rcv_nonpayment_from_string (const char    *text,
                            RcvNonpayment *nonpayment)
{
  guint index;

  if (!rcv_name_index (nonpayments, G_N_ELEMENTS (nonpayments), text, &index))
    return FALSE;
  *nonpayment = (RcvNonpayment) index;
  return TRUE;
}

const char *
rcv_recommendation_to_string (RcvRecommendation recommendation)
{
  g_return_val_if_fail (recommendation < G_N_ELEMENTS (recommendations), NULL);
  return recommendations[recommendation];
}

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
  sqlite3_stmt *stmt = rcv_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rcv_bind_text (stmt, 1, as_of);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_hash_table_add (into, g_memdup2 (&id, sizeof id));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
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
  sqlite3_stmt *stmt = rcv_database_prepare (db, KEPT_PLANS_SQL, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rcv_bind_text (stmt, 1, as_of);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 customer_id = sqlite3_column_int64 (stmt, 0);
      Plan *plan = g_hash_table_lookup (exclusions->plans, &customer_id);
      gint64 due_by, paid_by;
      RcvMissedInstalment missed = { 0 };

      if (plan == NULL)
        {
          gint64 *key = g_memdup2 (&customer_id, sizeof customer_id);

          plan = g_new0 (Plan, 1);
          plan->plan_id = sqlite3_column_int64 (stmt, 1);
          plan->created = rcv_iso_to_julian (rcv_column_text (stmt, 2));
          g_hash_table_insert (exclusions->plans, key, plan);
        }
      if (sqlite3_column_type (stmt, 3) == SQLITE_NULL)
        continue;
      due_by = sqlite3_column_int64 (stmt, 6);
      paid_by = sqlite3_column_int64 (stmt, 7);
      if (paid_by >= due_by)
        continue;
      missed.customer_id = customer_id;
      missed.plan_id = plan->plan_id;
      missed.seq = (guint) sqlite3_column_int (stmt, 3);
      g_date_clear (&missed.due_date, 1);
      g_date_set_julian (&missed.due_date, rcv_iso_to_julian (rcv_column_text (stmt, 4)));
      missed.amount = sqlite3_column_int64 (stmt, 5);
      missed.shortfall = MIN (due_by - paid_by, missed.amount);
      g_array_append_val (exclusions->missed, missed);
      if (plan->first_missed == 0)
        plan->first_missed = g_date_get_julian (&missed.due_date);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
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

/* ---- Writes ---- */

/* The audit entry of a write: its new values as a JSON object of (key, text) pairs. */
static gboolean
audit (RcvDatabase *db,
       const char  *action,
       const char  *table,
       gint64       record_id,
       GError     **error,
       ...)
{
  g_autoptr(RcvJsonWriter) json = rcv_json_writer_new (FALSE);
  g_autofree char *text = NULL;
  const char *key;
  va_list args;

  rcv_json_begin_object (json);
  va_start (args, error);
  while ((key = va_arg (args, const char *)) != NULL)
    {
      rcv_json_key (json, key);
      rcv_json_string (json, va_arg (args, const char *));
    }
  va_end (args);
  rcv_json_end_object (json);
  text = rcv_json_writer_free_to_string (g_steal_pointer (&json));
  return rcv_database_audit (db, action, table, record_id, NULL, text, error);
}

/* Whether a query by ID finds a row: 1, 0, or -1 on an error (set). */
static int
row_exists (RcvDatabase *db,
            const char  *sql,
            gint64       id,
            GError     **error)
{
  sqlite3_stmt *stmt = rcv_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return 1;
  if (rc != SQLITE_DONE)
    {
      rcv_database_set_error (db, error);
      return -1;
    }
  return 0;
}

static gboolean
customer_exists (RcvDatabase *db,
                 gint64       customer_id,
                 GError     **error)
{
  int found = row_exists (db, "SELECT 1 FROM customers WHERE id = ?1", customer_id, error);
  char number[24];

  if (found == 0)
    {
      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, customer_id);
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_NOT_FOUND,
                   _("There is no customer number %s"), number);
    }
  return found > 0;
}

static gboolean
text_ok (const char  *field,
         const char  *text,
         gboolean     required,
         GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID, _("%s: is not valid UTF-8 text"),
                   field);
      return FALSE;
    }
  if (required && *stripped == '\0')
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID, _("%s: is required"), field);
      return FALSE;
    }
  if (text != NULL && g_utf8_strlen (text, -1) > 2000)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                   _("%s: is longer than %d characters"), field, 2000);
      return FALSE;
    }
  return TRUE;
}

/* Runs one INSERT or UPDATE already bound, in the open transaction. */
static gboolean
step (RcvDatabase  *db,
      sqlite3_stmt *stmt,
      GError      **error)
{
  return stmt != NULL && rcv_database_step_done (db, stmt, error);
}

static gboolean
finish (RcvDatabase *db,
        gboolean     ok,
        GError     **error)
{
  if (ok && rcv_database_commit (db, error))
    return TRUE;
  rcv_database_rollback (db);
  return FALSE;
}

gint64
rcv_collections_open_dispute (RcvDatabase      *db,
                              gint64            invoice_id,
                              RcvDisputeReason  reason,
                              const char       *notes,
                              const GDate      *opened_on,
                              GError          **error)
{
  char iso[RCV_ISO_DATE_LEN];
  sqlite3_stmt *stmt;
  gint64 id = 0;
  char number[24];
  int found;
  gboolean ok;

  g_return_val_if_fail (RCV_IS_DATABASE (db), 0);
  g_return_val_if_fail (reason < G_N_ELEMENTS (dispute_reasons), 0);
  if (!text_ok (_("Notes"), notes, FALSE, error) || !rcv_database_begin (db, error))
    return 0;
  rcv_date_to_iso (opened_on, iso);
  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, invoice_id);
  found = row_exists (db, "SELECT 1 FROM invoices WHERE id = ?1 AND kind = 'invoice'",
                      invoice_id, error);
  if (found == 0)
    g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_NOT_FOUND,
                 _("There is no invoice number %s"), number);
  ok = found > 0;
  if (ok)
    {
      /* one unresolved dispute per invoice (the index disputes_unresolved), said plainly */
      found = row_exists (db, "SELECT 1 FROM disputes WHERE resolved_on IS NULL"
                              " AND invoice_id = ?1", invoice_id, error);
      if (found > 0)
        g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_DUPLICATE,
                     _("The invoice is already disputed"));
      ok = found == 0;
    }
  if (ok)
    {
      stmt = rcv_database_prepare (db, "INSERT INTO disputes (invoice_id, reason, notes, opened_on)"
                                       " VALUES (?1, ?2, ?3, ?4)", error);
      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, invoice_id);
          rcv_bind_text (stmt, 2, dispute_reasons[reason]);
          rcv_bind_text (stmt, 3, notes != NULL ? notes : "");
          rcv_bind_text (stmt, 4, iso);
        }
      ok = step (db, stmt, error);
      id = sqlite3_last_insert_rowid (rcv_database_get_handle (db));
    }
  ok = ok && audit (db, "dispute", "invoices", invoice_id, error, "reason", dispute_reasons[reason],
                    "opened_on", iso, "notes", notes != NULL ? notes : "", NULL);
  return finish (db, ok, error) ? id : 0;
}

gboolean
rcv_collections_resolve_dispute (RcvDatabase  *db,
                                 gint64        invoice_id,
                                 const GDate  *resolved_on,
                                 GError      **error)
{
  char iso[RCV_ISO_DATE_LEN];
  sqlite3_stmt *stmt;
  char number[24];
  int found;
  gboolean ok;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  if (!rcv_database_begin (db, error))
    return FALSE;
  rcv_date_to_iso (resolved_on, iso);
  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, invoice_id);
  found = row_exists (db, "SELECT 1 FROM disputes WHERE invoice_id = ?1 AND resolved_on IS NULL",
                      invoice_id, error);
  if (found == 0)
    g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_NOT_FOUND,
                 _("Invoice number %s is not disputed"), number);
  ok = found > 0;
  if (ok)
    {
      stmt = rcv_database_prepare (db, "UPDATE disputes SET resolved_on = ?2"
                                       " WHERE invoice_id = ?1 AND resolved_on IS NULL"
                                       " AND opened_on <= ?2", error);
      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, invoice_id);
          rcv_bind_text (stmt, 2, iso);
        }
      ok = step (db, stmt, error);
      if (ok && sqlite3_changes (rcv_database_get_handle (db)) == 0)
        {
          g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                       _("A dispute cannot be resolved before it was opened"));
          ok = FALSE;
        }
    }
  ok = ok && audit (db, "resolve-dispute", "invoices", invoice_id, error, "resolved_on", iso, NULL);
  return finish (db, ok, error);
}

/* The account's collections record, created with its defaults when it has none. */
static gboolean
ensure_account (RcvDatabase *db,
                gint64       customer_id,
                GError     **error)
{
  sqlite3_stmt *stmt = rcv_database_prepare (db, "INSERT OR IGNORE INTO collection_accounts"
                                                 " (customer_id) VALUES (?1)", error);

  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, customer_id);
  return step (db, stmt, error);
}

gboolean
rcv_collections_set_account (RcvDatabase    *db,
                             gint64          customer_id,
                             RcvNonpayment   nonpayment,
                             const char     *responsible,
                             GError        **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (nonpayment < G_N_ELEMENTS (nonpayments), FALSE);
  if (!text_ok (_("Responsible"), responsible, FALSE, error) || !rcv_database_begin (db, error))
    return FALSE;
  ok = customer_exists (db, customer_id, error) && ensure_account (db, customer_id, error);
  if (ok)
    {
      stmt = rcv_database_prepare (db, "UPDATE collection_accounts SET nonpayment = ?2,"
                                       " responsible = ?3 WHERE customer_id = ?1", error);
      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, customer_id);
          rcv_bind_text (stmt, 2, nonpayments[nonpayment]);
          rcv_bind_text (stmt, 3, responsible != NULL ? responsible : "");
        }
      ok = step (db, stmt, error);
    }
  ok = ok && audit (db, "collections", "customers", customer_id, error, "nonpayment",
                    nonpayments[nonpayment], "responsible", responsible != NULL ? responsible : "",
                    NULL);
  return finish (db, ok, error);
}

/* The percentages as the locale writes them (“100 %” in German, “100%” in English). */
static gboolean
set_commission_error (GError **error)
{
  g_autofree char *low = rcv_percent_format (0);
  g_autofree char *high = rcv_percent_format (10000);

  /* Translators: %s are the percentages 0 % and 100 % as your language writes them */
  g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
               _("Commission: must be at least %s and less than %s"), low, high);
  return FALSE;
}

gboolean
rcv_collections_hand_over (RcvDatabase  *db,
                           gint64        customer_id,
                           const char   *agency,
                           const GDate  *date,
                           gint          commission_bp,
                           GError      **error)
{
  g_autofree char *commission = NULL;
  g_autofree char *name = NULL;
  char iso[RCV_ISO_DATE_LEN];
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  if (!text_ok (_("Agency"), agency, TRUE, error))
    return FALSE;
  name = g_strstrip (g_strdup (agency));
  if (commission_bp < 0 || commission_bp >= 10000)
    return set_commission_error (error);
  if (!rcv_database_begin (db, error))
    return FALSE;
  rcv_date_to_iso (date, iso);
  commission = rcv_percent_format (commission_bp);
  ok = customer_exists (db, customer_id, error) && ensure_account (db, customer_id, error);
  if (ok)
    {
      int found = row_exists (db, "SELECT 1 FROM collection_accounts"
                                  " WHERE customer_id = ?1 AND agency IS NOT NULL",
                              customer_id, error);

      if (found > 0)
        g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_DUPLICATE,
                     _("The account is already with an agency"));
      ok = found == 0;
    }
  if (ok)
    {
      stmt = rcv_database_prepare (db, "UPDATE collection_accounts SET agency = ?2,"
                                       " handed_over_on = ?3, commission_bp = ?4"
                                       " WHERE customer_id = ?1", error);
      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, customer_id);
          rcv_bind_text (stmt, 2, name);
          rcv_bind_text (stmt, 3, iso);
          sqlite3_bind_int (stmt, 4, commission_bp);
        }
      ok = step (db, stmt, error);
    }
  ok = ok && rcv_collections_charge_commission (db, error);
  ok = ok && audit (db, "hand-over", "customers", customer_id, error, "agency", name,
                    "date", iso, "commission", commission, NULL);
  return finish (db, ok, error);
}

gint64
rcv_collections_add_contact (RcvDatabase  *db,
                             gint64        customer_id,
                             const GDate  *date,
                             const char   *kind,
                             const char   *notes,
                             GError      **error)
{
  static const char *const kinds[] = { "call", "email", "letter", "visit", "note" };
  char iso[RCV_ISO_DATE_LEN];
  sqlite3_stmt *stmt;
  gint64 id = 0;
  guint index;
  gboolean ok;

  g_return_val_if_fail (RCV_IS_DATABASE (db), 0);
  if (!rcv_name_index (kinds, G_N_ELEMENTS (kinds), kind, &index))
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                   _("“%s” is not one of call, email, letter, visit, note"), kind);
      return 0;
    }
  if (!text_ok (_("Notes"), notes, FALSE, error) || !rcv_database_begin (db, error))
    return 0;
  rcv_date_to_iso (date, iso);
  ok = customer_exists (db, customer_id, error);
  if (ok)
    {
      stmt = rcv_database_prepare (db, "INSERT INTO contacts (customer_id, date, kind, notes)"
                                       " VALUES (?1, ?2, ?3, ?4)", error);
      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, customer_id);
          rcv_bind_text (stmt, 2, iso);
          rcv_bind_text (stmt, 3, kinds[index]);
          rcv_bind_text (stmt, 4, notes != NULL ? notes : "");
        }
      ok = step (db, stmt, error);
      id = sqlite3_last_insert_rowid (rcv_database_get_handle (db));
    }
  ok = ok && audit (db, "contact", "customers", customer_id, error, "date", iso, "kind",
                    kinds[index], NULL);
  return finish (db, ok, error) ? id : 0;
}

gint64
rcv_collections_add_promise (RcvDatabase  *db,
                             gint64        customer_id,
                             const GDate  *made_on,
                             const GDate  *due_date,
                             gint64        amount,
                             GError      **error)
{
  char made[RCV_ISO_DATE_LEN], due[RCV_ISO_DATE_LEN];
  g_autofree char *shown = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  gboolean ok;

  g_return_val_if_fail (RCV_IS_DATABASE (db), 0);
  if (amount <= 0)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                   _("Amount: a promise must be more than zero"));
      return 0;
    }
  if (g_date_compare (due_date, made_on) < 0)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                   _("Date: a promise cannot fall due before it was made"));
      return 0;
    }
  if (!rcv_database_begin (db, error))
    return 0;
  rcv_date_to_iso (made_on, made);
  rcv_date_to_iso (due_date, due);
  shown = rcv_money_format_plain (amount, rcv_database_get_currency (db));
  ok = customer_exists (db, customer_id, error);
  if (ok)
    {
      stmt = rcv_database_prepare (db, "INSERT INTO promises (customer_id, made_on, due_date,"
                                       " amount) VALUES (?1, ?2, ?3, ?4)", error);
      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, customer_id);
          rcv_bind_text (stmt, 2, made);
          rcv_bind_text (stmt, 3, due);
          sqlite3_bind_int64 (stmt, 4, amount);
        }
      ok = step (db, stmt, error);
      id = sqlite3_last_insert_rowid (rcv_database_get_handle (db));
    }
  ok = ok && audit (db, "promise", "customers", customer_id, error, "made_on", made, "due_date",
                    due, "amount", shown, NULL);
  return finish (db, ok, error) ? id : 0;
}

gint64
rcv_collections_add_plan (RcvDatabase   *db,
                          gint64         customer_id,
                          const GDate   *created_on,
                          const GArray  *instalments,
                          GError       **error)
{
  char created[RCV_ISO_DATE_LEN];
  g_autofree char *count = NULL;
  sqlite3_stmt *stmt;
  gint64 plan_id = 0;
  gboolean ok;

  g_return_val_if_fail (RCV_IS_DATABASE (db), 0);
  g_return_val_if_fail (instalments != NULL, 0);
  if (instalments->len == 0)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                   _("A payment plan needs at least one instalment"));
      return 0;
    }
  for (guint i = 0; i < instalments->len; i++)
    {
      const RcvInstalment *instalment = &g_array_index (instalments, RcvInstalment, i);
      const RcvInstalment *before = i > 0 ? instalment - 1 : NULL;

      if (instalment->amount <= 0 || g_date_compare (&instalment->due_date, created_on) < 0 ||
          (before != NULL && g_date_compare (&instalment->due_date, &before->due_date) <= 0))
        {
          g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                       _("Instalment %u: needs an amount over zero and a date after the one "
                         "before, not before the plan"), i + 1);
          return 0;
        }
    }
  if (!rcv_database_begin (db, error))
    return 0;
  rcv_date_to_iso (created_on, created);
  ok = customer_exists (db, customer_id, error);
  if (ok)
    {
      /* one plan at a time: the one kept must end first */
      int found = row_exists (db, "SELECT 1 FROM payment_plans WHERE customer_id = ?1"
                                  " AND ended_on IS NULL", customer_id, error);

      if (found > 0)
        g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_DUPLICATE,
                     _("The account already has a payment plan: end it first"));
      ok = found == 0;
    }
  if (ok)
    {
      stmt = rcv_database_prepare (db, "INSERT INTO payment_plans (customer_id, created_on)"
                                       " VALUES (?1, ?2)", error);
      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, customer_id);
          rcv_bind_text (stmt, 2, created);
        }
      ok = step (db, stmt, error);
      plan_id = sqlite3_last_insert_rowid (rcv_database_get_handle (db));
    }
  for (guint i = 0; ok && i < instalments->len; i++)
    {
      const RcvInstalment *instalment = &g_array_index (instalments, RcvInstalment, i);
      char due[RCV_ISO_DATE_LEN];

      rcv_date_to_iso (&instalment->due_date, due);
      stmt = rcv_database_prepare (db, "INSERT INTO plan_instalments (plan_id, seq, due_date,"
                                       " amount) VALUES (?1, ?2, ?3, ?4)", error);
      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, plan_id);
          sqlite3_bind_int (stmt, 2, (int) i + 1);
          rcv_bind_text (stmt, 3, due);
          sqlite3_bind_int64 (stmt, 4, instalment->amount);
        }
      ok = step (db, stmt, error);
    }
  count = g_strdup_printf ("%u", instalments->len);
  ok = ok && audit (db, "payment-plan", "customers", customer_id, error, "created_on", created,
                    "instalments", count, NULL);
  return finish (db, ok, error) ? plan_id : 0;
}

gboolean
rcv_collections_end_plan (RcvDatabase  *db,
                          gint64        plan_id,
                          const GDate  *ended_on,
                          GError      **error)
{
  char iso[RCV_ISO_DATE_LEN];
  sqlite3_stmt *stmt;
  gint64 customer_id;
  gboolean ok;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  if (!rcv_database_begin (db, error))
    return FALSE;
  rcv_date_to_iso (ended_on, iso);
  customer_id = rcv_database_query_int64 (db, "SELECT customer_id FROM payment_plans"
                                              " WHERE id = ?1 AND ended_on IS NULL",
                                          plan_id, 0);
  ok = customer_id > 0;
  if (!ok)
    g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_NOT_FOUND,
                 _("There is no payment plan being kept with that number"));
  if (ok)
    {
      stmt = rcv_database_prepare (db, "UPDATE payment_plans SET ended_on = ?2"
                                       " WHERE id = ?1 AND created_on <= ?2", error);
      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, plan_id);
          rcv_bind_text (stmt, 2, iso);
        }
      ok = step (db, stmt, error);
      if (ok && sqlite3_changes (rcv_database_get_handle (db)) == 0)
        {
          g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                       _("A payment plan cannot end before it started"));
          ok = FALSE;
        }
    }
  ok = ok && audit (db, "end-payment-plan", "customers", customer_id, error, "ended_on", iso,
                    NULL);
  return finish (db, ok, error);
}

/* The commission rounds half away from zero (payments are positive: + 5000, then down);
 * RCV_MONEY_MAX × 10 000 stays well inside SQLite's integers. */
gboolean
rcv_collections_charge_commission (RcvDatabase  *db,
                                   GError      **error)
{
  /* from the few handed-over accounts to their payments (payments_customer), not through
   * every payment: this runs on each payment recorded */
  sqlite3_stmt *stmt = rcv_database_prepare (db,
    "UPDATE payments SET commission = (amount * (SELECT commission_bp FROM collection_accounts"
    "  WHERE customer_id = payments.customer_id) + 5000) / 10000"
    " WHERE id IN (SELECT p.id FROM collection_accounts ca CROSS JOIN payments p"
    "  WHERE p.customer_id = ca.customer_id AND p.date >= ca.handed_over_on"
    "  AND ca.handed_over_on IS NOT NULL AND ca.commission_bp > 0 AND p.commission = 0)", error);

  return step (db, stmt, error);
}

/* ---- The collectability curve ---- */

gboolean
rcv_collectability_parse (const char         *text,
                          RcvCollectability  *curve,
                          GError            **error)
{
  g_auto(GStrv) points = g_strsplit (text, ",", -1);
  RcvCollectability parsed = { 0 };

  for (guint i = 0; points[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (g_strstrip (points[i]), ":", 2);
      gint64 days;
      gint bp;

      if (*points[i] == '\0' && points[i + 1] == NULL && i > 0)
        break;
      if (parsed.n_points == RCV_COLLECTIONS_MAX_POINTS || g_strv_length (pair) != 2 ||
          !g_ascii_string_to_signed (g_strstrip (pair[0]), 10, 1, 36500, &days, NULL) ||
          !rcv_percent_parse (g_strstrip (pair[1]), &bp, NULL) || bp > 10000)
        {
          g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                       _("“%s” is not a point of the curve: write days:percent, such as 90:73"),
                       points[i]);
          return FALSE;
        }
      if (parsed.n_points > 0 && ((guint) days <= parsed.days[parsed.n_points - 1] ||
                                  (guint) bp > parsed.bp[parsed.n_points - 1]))
        {
          g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                       _("“%s”: the days must increase and the share must not rise"), points[i]);
          return FALSE;
        }
      parsed.days[parsed.n_points] = (guint) days;
      parsed.bp[parsed.n_points] = (guint) bp;
      parsed.n_points++;
    }
  if (parsed.n_points == 0)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                   _("The curve needs at least one point, such as 90:73"));
      return FALSE;
    }
  *curve = parsed;
  return TRUE;
}

char *
rcv_collectability_format (const RcvCollectability *curve)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < curve->n_points; i++)
    {
      guint whole = curve->bp[i] / 100, hundredths = curve->bp[i] % 100;

      g_string_append_printf (out, "%s%u:%u", i > 0 ? "," : "", curve->days[i], whole);
      if (hundredths != 0)
        g_string_append_printf (out, hundredths % 10 == 0 ? ".%u" : ".%02u",
                                hundredths % 10 == 0 ? hundredths / 10 : hundredths);
    }
  return g_string_free (out, FALSE);
}

/* The share still collected after so many days overdue, in basis points: linear between the
 * points, from 100 % at 0 days, and the last point's share after it. */
guint
rcv_collectability_at (const RcvCollectability *curve,
                       gint                     days)
{
  guint from_days = 0, from_bp = 10000;

  if (days <= 0)
    return 10000;
  for (guint i = 0; i < curve->n_points; i++)
    {
      if ((guint) days <= curve->days[i])
        {
          gint64 span = curve->days[i] - from_days;
          gint64 drop = (gint64) from_bp - curve->bp[i];

          return from_bp - (guint) rcv_round_div (drop * (days - (gint64) from_days), span);
        }
      from_days = curve->days[i];
      from_bp = curve->bp[i];
    }
  return from_bp;
}

void
rcv_collections_get_curve (RcvDatabase       *db,
                           RcvCollectability *curve)
{
  g_autofree char *text = rcv_database_get_setting (db, CURVE_SETTING);

  if (text == NULL || !rcv_collectability_parse (text, curve, NULL))
    g_assert_true (rcv_collectability_parse (RCV_COLLECTIONS_DEFAULT_CURVE, curve, NULL));
}

gboolean
rcv_collections_set_curve (RcvDatabase  *db,
                           const char   *text,
                           GError      **error)
{
  RcvCollectability curve;
  g_autofree char *normal = NULL;

  if (!rcv_collectability_parse (text, &curve, error))
    return FALSE;
  normal = rcv_collectability_format (&curve);
  return rcv_database_set_setting (db, CURVE_SETTING, normal, error);
}

void
rcv_collections_get_assumptions (RcvDatabase            *db,
                                 RcvRecoveryAssumptions *assumptions)
{
  g_autofree char *chase = rcv_database_get_setting (db, CHASE_DAYS_SETTING);
  g_autofree char *commission = rcv_database_get_setting (db, COMMISSION_SETTING);
  gint64 value;

  assumptions->chase_days = RCV_COLLECTIONS_CHASE_DAYS;
  assumptions->commission_bp = RCV_COLLECTIONS_DEFAULT_COMMISSION_BP;
  if (chase != NULL && g_ascii_string_to_signed (chase, 10, 1, 730, &value, NULL))
    assumptions->chase_days = (gint) value;
  if (commission != NULL && g_ascii_string_to_signed (commission, 10, 0, 9999, &value, NULL))
    assumptions->commission_bp = (gint) value;
}

gboolean
rcv_collections_set_assumptions (RcvDatabase                  *db,
                                 const RcvRecoveryAssumptions *assumptions,
                                 GError                      **error)
{
  char chase[16], commission[16];

  if (assumptions->chase_days < 1 || assumptions->chase_days > 730)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                   _("Chasing time: must be from 1 to 730 days"));
      return FALSE;
    }
  if (assumptions->commission_bp < 0 || assumptions->commission_bp >= 10000)
    return set_commission_error (error);
  g_snprintf (chase, sizeof chase, "%d", assumptions->chase_days);
  g_snprintf (commission, sizeof commission, "%d", assumptions->commission_bp);
  if (!rcv_database_begin (db, error))
    return FALSE;
  return finish (db, rcv_database_set_setting (db, CHASE_DAYS_SETTING, chase, error) &&
                     rcv_database_set_setting (db, COMMISSION_SETTING, commission, error),
                 error);
}

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
                         sqlite3_stmt *row);

static gboolean
for_each_row (RcvDatabase *db,
              const char  *sql,
              const char  *first,
              const char  *second,
              GHashTable  *lookup,
              gboolean     create,
              gsize        size,
              RowFunc      func,
              GError     **error)
{
  sqlite3_stmt *stmt = rcv_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (first != NULL)
    rcv_bind_text (stmt, 1, first);
  if (second != NULL)
    rcv_bind_text (stmt, 2, second);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gpointer account = g_hash_table_lookup (lookup, &id);

      if (account == NULL && create)
        {
          account = g_malloc0 (size);
          g_hash_table_insert (lookup, g_memdup2 (&id, sizeof id), account);
        }
      if (account != NULL)
        func (account, stmt);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rcv_database_set_error (db, error);
  return TRUE;
}

static void
count_broken_promise (gpointer      account,
                      sqlite3_stmt *row)
{
  ((RcvCollectionsAccount *) account)->broken_promises++;
}

/* A promise is broken when its date has passed and the payments from the day it was made to
 * its date add up to less than it. */
#define BROKEN_PROMISES_SQL \
  "SELECT pr.customer_id FROM promises pr WHERE pr.due_date < ?1" \
  " AND coalesce ((SELECT sum (p.amount) FROM payments p WHERE p.customer_id = pr.customer_id" \
  "  AND p.date >= pr.made_on AND p.date <= pr.due_date), 0) < pr.amount"

static void
take_customer (gpointer      pointer,
               sqlite3_stmt *row)
{
  RcvCollectionsAccount *account = pointer;

  account->code = g_strdup (rcv_column_text (row, 1));
  account->name = g_strdup (rcv_column_text (row, 2));
  account->policy_id = sqlite3_column_int64 (row, 3);
  if (sqlite3_column_type (row, 4) != SQLITE_NULL)
    {
      account->agency = g_strdup (rcv_column_text (row, 4));
      g_date_clear (&account->handed_over_on, 1);
      g_date_set_julian (&account->handed_over_on, rcv_iso_to_julian (rcv_column_text (row, 5)));
      account->commission_bp = sqlite3_column_int (row, 6);
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
                     sqlite3_stmt *row)
{
  RcvPayerBehaviour *payer = pointer;
  guint32 due = rcv_iso_to_julian (rcv_column_text (row, 1));
  guint32 settled = rcv_iso_to_julian (rcv_column_text (row, 2));
  gint late = due != 0 && settled > due ? (gint) (settled - due) : 0;

  payer->paid++;
  payer->days_late_total += late;
  payer->paid_late += late > 0;
  payer->paid_past_60 += late > 60;
}

/* The invoices settled in the 365 days up to the date; the days are counted here rather than
 * with SQLite's julianday(), which took most of the report's time on a million invoices.
 * customer ID → RcvPayerBehaviour, for the customers with an invoice settled then. */
GHashTable *
rcv_collections_payers (RcvDatabase  *db,
                        const GDate  *as_of,
                        GError      **error)
{
  g_autoptr(GHashTable) payers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        g_free);
  char from[RCV_ISO_DATE_LEN], to[RCV_ISO_DATE_LEN];
  GDate start = *as_of;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);
  g_date_subtract_days (&start, 365);
  rcv_date_to_iso (&start, from);
  rcv_date_to_iso (as_of, to);
  if (!for_each_row (db, "SELECT customer_id, due_date, settled_date FROM invoices"
                         " WHERE kind = 'invoice' AND status = 'posted' AND total > 0"
                         " AND settled_date > ?1 AND settled_date <= ?2",
                     from, to, payers, TRUE, sizeof (RcvPayerBehaviour), add_settled_invoice,
                     error))
    return NULL;
  return g_steal_pointer (&payers);
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
  if (!rcv_aging_scan_open (db, as_of, TRUE, add_open_document, &scan, error))
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
  if (!for_each_row (db, "SELECT c.id, c.code, c.name, coalesce (c.policy_id, 0), ca.agency,"
                         " ca.handed_over_on, ca.commission_bp FROM customers c"
                         " LEFT JOIN collection_accounts ca ON ca.customer_id = c.id",
                     NULL, NULL, lookup, FALSE, 0, take_customer, error) ||
      !for_each_row (db, BROKEN_PROMISES_SQL, iso, NULL, lookup, FALSE, 0, count_broken_promise,
                     error))
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

      account->under_plan = g_hash_table_contains (exclusions->plans, &account->customer_id);
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
  payers = rcv_collections_payers (db, as_of, error);
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

  if (!customer_exists (db, customer_id, error))
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

/* ---- The account's story ---- */

void
rcv_collections_event_free (RcvCollectionsEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->title);
  g_free (event->detail);
  g_free (event);
}

#define TIMELINE_SQL \
  "SELECT 0, date, id, 0, 0, kind, notes, NULL FROM contacts WHERE customer_id = ?1" \
  " UNION ALL SELECT 1, made_on, id, amount," \
  "  coalesce ((SELECT sum (p.amount) FROM payments p WHERE p.customer_id = ?1" \
  "   AND p.date >= pr.made_on AND p.date <= pr.due_date), 0), due_date, notes, NULL" \
  "  FROM promises pr WHERE customer_id = ?1" \
  " UNION ALL SELECT 2, created_on, id," \
  "  (SELECT sum (amount) FROM plan_instalments WHERE plan_id = pl.id)," \
  "  (SELECT count (*) FROM plan_instalments WHERE plan_id = pl.id), ended_on," \
  "  (SELECT max (due_date) FROM plan_instalments WHERE plan_id = pl.id), NULL" \
  "  FROM payment_plans pl WHERE customer_id = ?1" \
  " UNION ALL SELECT 3, date, id, total, level, title, NULL, NULL FROM letters" \
  "  WHERE customer_id = ?1" \
  " UNION ALL SELECT 4, date, id, amount, commission, reference, method, NULL FROM payments" \
  "  WHERE customer_id = ?1" \
  " UNION ALL SELECT 5, d.opened_on, d.id, i.total, 0, i.number, d.reason, d.notes" \
  "  FROM disputes d JOIN invoices i ON i.id = d.invoice_id WHERE i.customer_id = ?1" \
  " UNION ALL SELECT 6, d.resolved_on, d.id, i.total, 0, i.number, d.reason, NULL" \
  "  FROM disputes d JOIN invoices i ON i.id = d.invoice_id" \
  "  WHERE i.customer_id = ?1 AND d.resolved_on IS NOT NULL" \
  " UNION ALL SELECT 7, handed_over_on, customer_id, 0, commission_bp, agency, NULL, NULL" \
  "  FROM collection_accounts WHERE customer_id = ?1 AND agency IS NOT NULL" \
  " ORDER BY 2 DESC, 1 DESC, 3 DESC LIMIT ?2"

static const char *
contact_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "call") == 0)
    return C_("contact", "Call");
  if (g_strcmp0 (kind, "email") == 0)
    return C_("contact", "Email");
  if (g_strcmp0 (kind, "letter") == 0)
    return C_("contact", "Letter");
  if (g_strcmp0 (kind, "visit") == 0)
    return C_("contact", "Visit");
  return C_("contact", "Note");
}

const char *
rcv_dispute_reason_label (RcvDisputeReason reason)
{
  switch (reason)
    {
    case RCV_DISPUTE_BILLING_ERROR:
      return _("Billing error");
    case RCV_DISPUTE_QUALITY:
      return _("Quality");
    case RCV_DISPUTE_NOT_RECEIVED:
      return _("Not received");
    case RCV_DISPUTE_OTHER:
    default:
      return _("Other");
    }
}

const char *
rcv_nonpayment_label (RcvNonpayment nonpayment)
{
  switch (nonpayment)
    {
    case RCV_NONPAYMENT_CANT_PAY:
      return _("Cannot pay");
    case RCV_NONPAYMENT_WONT_PAY:
      return _("Will not pay");
    case RCV_NONPAYMENT_DISPUTE:
      return _("Disputes the debt");
    case RCV_NONPAYMENT_UNKNOWN:
    default:
      return _("Unknown");
    }
}

const char *
rcv_recommendation_label (RcvRecommendation recommendation)
{
  switch (recommendation)
    {
    case RCV_RECOMMEND_AGENCY:
      return _("Hand over to an agency");
    case RCV_RECOMMEND_FINAL_NOTICE:
      return _("Send a final notice");
    case RCV_RECOMMEND_CHASE:
    default:
      return _("Keep chasing");
    }
}

static RcvCollectionsEvent *
event_from_row (sqlite3_stmt      *row,
                const RcvCurrency *currency,
                const char        *as_of)
{
  RcvCollectionsEvent *event = g_new0 (RcvCollectionsEvent, 1);
  gint64 extra = sqlite3_column_int64 (row, 4);
  const char *t1 = rcv_column_text (row, 5);
  const char *t2 = rcv_column_text (row, 6);
  const char *t3 = rcv_column_text (row, 7);
  g_autofree char *amount = NULL;
  RcvDisputeReason reason = RCV_DISPUTE_OTHER;

  event->kind = (RcvEventKind) sqlite3_column_int (row, 0);
  g_date_clear (&event->date, 1);
  g_date_set_julian (&event->date, rcv_iso_to_julian (rcv_column_text (row, 1)));
  event->id = sqlite3_column_int64 (row, 2);
  event->amount = sqlite3_column_int64 (row, 3);
  amount = rcv_money_format (event->amount, currency);
  switch (event->kind)
    {
    case RCV_EVENT_CONTACT:
      event->title = g_strdup (contact_kind_label (t1));
      event->detail = g_strdup (t2);
      break;
    case RCV_EVENT_PROMISE:
      {
        GDate due;
        g_autofree char *shown = NULL;

        g_date_clear (&due, 1);
        g_date_set_julian (&due, rcv_iso_to_julian (t1));
        shown = rcv_date_format_locale (&due);
        event->flagged = g_strcmp0 (t1, as_of) < 0 && extra < event->amount;
        /* Translators: a promise to pay: the amount, and the date it was promised by */
        event->title = g_strdup_printf (_("Promised %s by %s"), amount, shown);
        event->detail = g_strdup (event->flagged ? _("Broken: not paid in full by its date")
                                                 : t2);
      }
      break;
    case RCV_EVENT_PLAN:
      event->title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "Payment plan: %s in %u instalment",
                                                   "Payment plan: %s in %u instalments",
                                                   (gulong) extra),
                                      amount, (guint) extra);
      if (*t1 != '\0')
        {
          GDate ended;
          g_autofree char *shown = NULL;

          g_date_clear (&ended, 1);
          g_date_set_julian (&ended, rcv_iso_to_julian (t1));
          shown = rcv_date_format_locale (&ended);
          event->detail = g_strdup_printf (_("Ended on %s"), shown);
        }
      else
        event->detail = g_strdup ("");
      break;
    case RCV_EVENT_LETTER:
      /* Translators: a reminder letter sent: its level and its title */
      event->title = g_strdup_printf (_("Reminder %u: %s"), (guint) extra, t1);
      event->detail = g_strdup_printf (_("Asked for %s"), amount);
      break;
    case RCV_EVENT_PAYMENT:
      event->title = g_strdup_printf (_("Paid %s"), amount);
      if (extra > 0)
        {
          g_autofree char *commission = rcv_money_format (extra, currency);
          g_autofree char *net = rcv_money_format (event->amount - extra, currency);

          /* Translators: a payment through a collection agency */
          event->detail = g_strdup_printf (_("Through the agency: %s commission, %s received"),
                                           commission, net);
        }
      else
        event->detail = g_strdup (t1);
      break;
    case RCV_EVENT_DISPUTE:
      rcv_dispute_reason_from_string (t2, &reason);
      /* Translators: an invoice number and why it is disputed */
      event->title = g_strdup_printf (_("Invoice %s disputed: %s"), t1,
                                      rcv_dispute_reason_label (reason));
      event->detail = g_strdup (t3);
      break;
    case RCV_EVENT_DISPUTE_RESOLVED:
      event->title = g_strdup_printf (_("Dispute on invoice %s resolved"), t1);
      event->detail = g_strdup ("");
      break;
    case RCV_EVENT_HAND_OVER:
    default:
      {
        g_autofree char *commission = rcv_percent_format ((gint) extra);

        event->title = g_strdup_printf (_("Handed over to %s"), t1);
        event->detail = g_strdup_printf (_("Commission %s"), commission);
      }
      break;
    }
  return event;
}

GPtrArray *
rcv_collections_timeline (RcvDatabase  *db,
                          gint64        customer_id,
                          const GDate  *as_of,
                          guint         limit,
                          GError      **error)
{
  g_autoptr(GPtrArray) events = NULL;
  char iso[RCV_ISO_DATE_LEN];
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);
  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), NULL);

  rcv_date_to_iso (as_of, iso);
  stmt = rcv_database_prepare (db, TIMELINE_SQL, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);
  events = g_ptr_array_new_with_free_func ((GDestroyNotify) rcv_collections_event_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (events, event_from_row (stmt, rcv_database_get_currency (db), iso));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rcv_database_set_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&events);
}

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
  sqlite3_stmt *stmt;
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
  sqlite3_bind_int64 (stmt, 1, customer_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      rcv_nonpayment_from_string (rcv_column_text (stmt, 0), &record->nonpayment);
      g_free (record->responsible);
      record->responsible = g_strdup (rcv_column_text (stmt, 1));
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        {
          record->agency = g_strdup (rcv_column_text (stmt, 2));
          g_date_clear (&record->handed_over_on, 1);
          g_date_set_julian (&record->handed_over_on,
                             rcv_iso_to_julian (rcv_column_text (stmt, 3)));
          record->commission_bp = sqlite3_column_int (stmt, 4);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
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
  sqlite3_bind_int64 (stmt, 1, customer_id);
  rcv_bind_text (stmt, 2, iso);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      record->plan_id = sqlite3_column_int64 (stmt, 0);
      g_date_clear (&record->plan_created_on, 1);
      g_date_set_julian (&record->plan_created_on, rcv_iso_to_julian (rcv_column_text (stmt, 1)));
      record->plan_paid = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      rcv_database_set_error (db, error);
      return NULL;
    }
  stmt = rcv_database_prepare (db, "SELECT due_date, amount FROM plan_instalments"
                                   " WHERE plan_id = ?1 ORDER BY seq", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, record->plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RcvInstalment instalment;

      g_date_clear (&instalment.due_date, 1);
      g_date_set_julian (&instalment.due_date, rcv_iso_to_julian (rcv_column_text (stmt, 0)));
      instalment.amount = sqlite3_column_int64 (stmt, 1);
      g_array_append_val (record->instalments, instalment);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rcv_database_set_error (db, error);
      return NULL;
    }

  stmt = rcv_database_prepare (db, "SELECT i.number FROM disputes d JOIN invoices i"
                                   " ON i.id = d.invoice_id WHERE i.customer_id = ?1"
                                   " AND d.resolved_on IS NULL ORDER BY i.number", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (record->disputed, g_strdup (rcv_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
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
  sqlite3_stmt *stmt = rcv_database_prepare (db, "SELECT reason, notes, opened_on FROM disputes"
                                                 " WHERE invoice_id = ?1 AND resolved_on IS NULL",
                                             NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, invoice_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      if (reason != NULL)
        rcv_dispute_reason_from_string (rcv_column_text (stmt, 0), reason);
      if (notes != NULL)
        *notes = g_strdup (rcv_column_text (stmt, 1));
      if (opened_on != NULL)
        {
          g_date_clear (opened_on, 1);
          g_date_set_julian (opened_on, rcv_iso_to_julian (rcv_column_text (stmt, 2)));
        }
    }
  sqlite3_reset (stmt);
  return found;
}

/* ---- Output ---- */

/* customer_id,customer,oldest_days,open,recommendation,disputed,disputes,broken_promises,
 * missed_instalments,recovery_chase,recovery_agency,commission,paid_12m,paid_late_12m,
 * past_60_12m,avg_days_late,reasoning: one row per account, most urgent first */
char *
rcv_collections_report_to_csv (const GPtrArray   *report,
                               const RcvCurrency *currency)
{
  GString *out = g_string_new ("customer_id,customer,oldest_days,open,recommendation,disputed,"
                               "disputes,broken_promises,missed_instalments,recovery_chase,"
                               "recovery_agency,commission,paid_12m,paid_late_12m,past_60_12m,"
                               "avg_days_late,reasoning\n");

  for (guint i = 0; i < report->len; i++)
    {
      const RcvCollectionsAccount *account = g_ptr_array_index (report, i);
      g_autofree char *average = rcv_collections_average_late (&account->payer);

      rcv_csv_append_field (out, account->code, ',');
      g_string_append_c (out, ',');
      rcv_csv_append_field (out, account->name, ',');
      g_string_append_printf (out, ",%d", account->oldest_days);
      rcv_csv_append_money (out, account->open, currency);
      g_string_append_printf (out, ",%s", recommendations[account->recommendation]);
      rcv_csv_append_money (out, account->disputed, currency);
      g_string_append_printf (out, ",%u,%u,%u", account->n_disputes, account->broken_promises,
                              account->missed_instalments);
      rcv_csv_append_money (out, account->recovery_chase, currency);
      rcv_csv_append_money (out, account->recovery_agency, currency);
      g_string_append_printf (out, ",%d.%02d,%u,%u,%u,%s,", account->commission_bp / 100,
                              account->commission_bp % 100, account->payer.paid,
                              account->payer.paid_late, account->payer.paid_past_60,
                              account->payer.paid > 0 ? average : "");
      rcv_csv_append_field (out, account->reasoning, ',');
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

char *
rcv_collections_report_to_json (const GPtrArray   *report,
                                const GDate       *as_of,
                                const RcvCurrency *currency)
{
  g_autoptr(RcvJsonWriter) json = rcv_json_writer_new (TRUE);
  char date[RCV_ISO_DATE_LEN];

  rcv_date_to_iso (as_of, date);
  rcv_json_begin_object (json);
  rcv_json_key (json, "as_of");
  rcv_json_string (json, date);
  rcv_json_key (json, "currency");
  rcv_json_string (json, currency->code);
  rcv_json_key (json, "accounts");
  rcv_json_begin_array (json);
  for (guint i = 0; i < report->len; i++)
    {
      const RcvCollectionsAccount *account = g_ptr_array_index (report, i);

      rcv_json_begin_object (json);
      rcv_json_key (json, "customer_id");
      rcv_json_string (json, account->code);
      rcv_json_key (json, "customer");
      rcv_json_string (json, account->name);
      rcv_json_key (json, "oldest_days");
      rcv_json_int (json, account->oldest_days);
      rcv_json_key (json, "oldest_invoice");
      if (account->oldest_number != NULL)
        rcv_json_string (json, account->oldest_number);
      else
        rcv_json_null (json);
      rcv_json_key (json, "open");
      rcv_json_money (json, account->open, currency);
      rcv_json_key (json, "recommendation");
      rcv_json_string (json, recommendations[account->recommendation]);
      rcv_json_key (json, "reasoning");
      rcv_json_string (json, account->reasoning);
      rcv_json_key (json, "disputed");
      rcv_json_money (json, account->disputed, currency);
      rcv_json_key (json, "disputes");
      rcv_json_int (json, account->n_disputes);
      rcv_json_key (json, "broken_promises");
      rcv_json_int (json, account->broken_promises);
      rcv_json_key (json, "missed_instalments");
      rcv_json_int (json, account->missed_instalments);
      rcv_json_key (json, "recovery_chase");
      rcv_json_money (json, account->recovery_chase, currency);
      rcv_json_key (json, "recovery_agency");
      rcv_json_money (json, account->recovery_agency, currency);
      rcv_json_key (json, "commission_bp");
      rcv_json_int (json, account->commission_bp);
      rcv_json_key (json, "paid_12m");
      rcv_json_int (json, account->payer.paid);
      rcv_json_key (json, "paid_late_12m");
      rcv_json_int (json, account->payer.paid_late);
      rcv_json_key (json, "past_60_12m");
      rcv_json_int (json, account->payer.paid_past_60);
      rcv_json_key (json, "days_late_total_12m");
      rcv_json_int (json, account->payer.days_late_total);
      rcv_json_end_object (json);
    }
  rcv_json_end_array (json);
  rcv_json_end_object (json);
  return rcv_json_writer_free_to_string (g_steal_pointer (&json));
}
