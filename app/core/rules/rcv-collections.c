/* rcv-collections.c - disputes, promises, payment plans, hand-over: the writes, and the rules
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

#include "rcv-collections-private.h"
#include "rcv-database-private.h"
#include "rcv-date.h"
#include "rcv-error.h"
#include "rcv-json.h"
#include "rcv-ledger.h"
#include "rcv-money.h"
#include "rcv-policy.h"

#define CURVE_SETTING "collections.curve"
#define CHASE_DAYS_SETTING "collections.chase_days"
#define COMMISSION_SETTING "collections.commission_bp"

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
  RcvStatement *stmt = rcv_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  rcv_statement_bind_int64 (stmt, 1, id);
  rc = rcv_statement_step (stmt);
  rcv_statement_reset (stmt);
  if (rc == RCV_ROW)
    return 1;
  if (rc != RCV_DONE)
    {
      rcv_database_set_error (db, error);
      return -1;
    }
  return 0;
}

/* FALSE, saying so, when there is no customer `customer_id`. */
gboolean
rcv_collections_check_customer (RcvDatabase *db,
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
      RcvStatement *stmt,
      GError      **error)
{
  return stmt != NULL && rcv_database_step_done (db, stmt, error);
}

/* Commits when `ok`, else rolls back: FALSE when anything failed. */
gboolean
rcv_collections_finish (RcvDatabase *db,
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
  RcvStatement *stmt;
  gint64 id = 0;
  char number[24];
  const char *nick;
  int found;
  gboolean ok;

  g_return_val_if_fail (RCV_IS_DATABASE (db), 0);
  g_return_val_if_fail ((guint) reason <= RCV_DISPUTE_OTHER, 0);
  nick = rcv_enum_to_nick (RCV_TYPE_DISPUTE_REASON, reason);
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
          rcv_statement_bind_int64 (stmt, 1, invoice_id);
          rcv_statement_bind_text (stmt, 2, nick);
          rcv_statement_bind_text (stmt, 3, notes != NULL ? notes : "");
          rcv_statement_bind_text (stmt, 4, iso);
        }
      ok = step (db, stmt, error);
      id = rcv_database_last_insert_id (db);
    }
  ok = ok && audit (db, "dispute", "invoices", invoice_id, error, "reason", nick,
                    "opened_on", iso, "notes", notes != NULL ? notes : "", NULL);
  return rcv_collections_finish (db, ok, error) ? id : 0;
}

gboolean
rcv_collections_resolve_dispute (RcvDatabase  *db,
                                 gint64        invoice_id,
                                 const GDate  *resolved_on,
                                 GError      **error)
{
  char iso[RCV_ISO_DATE_LEN];
  RcvStatement *stmt;
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
          rcv_statement_bind_int64 (stmt, 1, invoice_id);
          rcv_statement_bind_text (stmt, 2, iso);
        }
      ok = step (db, stmt, error);
      if (ok && rcv_database_changes (db) == 0)
        {
          g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                       _("A dispute cannot be resolved before it was opened"));
          ok = FALSE;
        }
    }
  ok = ok && audit (db, "resolve-dispute", "invoices", invoice_id, error, "resolved_on", iso, NULL);
  return rcv_collections_finish (db, ok, error);
}

/* The account's collections record, created with its defaults when it has none. */
static gboolean
ensure_account (RcvDatabase *db,
                gint64       customer_id,
                GError     **error)
{
  RcvStatement *stmt = rcv_database_prepare (db, "INSERT OR IGNORE INTO collection_accounts"
                                                 " (customer_id) VALUES (?1)", error);

  if (stmt != NULL)
    rcv_statement_bind_int64 (stmt, 1, customer_id);
  return step (db, stmt, error);
}

gboolean
rcv_collections_set_account (RcvDatabase    *db,
                             gint64          customer_id,
                             RcvNonpayment   nonpayment,
                             const char     *responsible,
                             GError        **error)
{
  RcvStatement *stmt;
  const char *nick;
  gboolean ok;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail ((guint) nonpayment <= RCV_NONPAYMENT_DISPUTE, FALSE);
  nick = rcv_enum_to_nick (RCV_TYPE_NONPAYMENT, nonpayment);
  if (!text_ok (_("Responsible"), responsible, FALSE, error) || !rcv_database_begin (db, error))
    return FALSE;
  ok = rcv_collections_check_customer (db, customer_id, error) && ensure_account (db, customer_id, error);
  if (ok)
    {
      stmt = rcv_database_prepare (db, "UPDATE collection_accounts SET nonpayment = ?2,"
                                       " responsible = ?3 WHERE customer_id = ?1", error);
      if (stmt != NULL)
        {
          rcv_statement_bind_int64 (stmt, 1, customer_id);
          rcv_statement_bind_text (stmt, 2, nick);
          rcv_statement_bind_text (stmt, 3, responsible != NULL ? responsible : "");
        }
      ok = step (db, stmt, error);
    }
  ok = ok && audit (db, "collections", "customers", customer_id, error, "nonpayment",
                    nick, "responsible", responsible != NULL ? responsible : "", NULL);
  return rcv_collections_finish (db, ok, error);
}

/* The percentages as the locale writes them (“100 %” in German, “100%” in English). */
gboolean
rcv_collections_commission_error (GError **error)
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
  RcvStatement *stmt;
  gboolean ok;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  if (!text_ok (_("Agency"), agency, TRUE, error))
    return FALSE;
  name = g_strstrip (g_strdup (agency));
  if (commission_bp < 0 || commission_bp >= 10000)
    return rcv_collections_commission_error (error);
  if (!rcv_database_begin (db, error))
    return FALSE;
  rcv_date_to_iso (date, iso);
  commission = rcv_percent_format (commission_bp);
  ok = rcv_collections_check_customer (db, customer_id, error) && ensure_account (db, customer_id, error);
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
          rcv_statement_bind_int64 (stmt, 1, customer_id);
          rcv_statement_bind_text (stmt, 2, name);
          rcv_statement_bind_text (stmt, 3, iso);
          rcv_statement_bind_int (stmt, 4, commission_bp);
        }
      ok = step (db, stmt, error);
    }
  ok = ok && rcv_collections_charge_commission (db, error);
  ok = ok && audit (db, "hand-over", "customers", customer_id, error, "agency", name,
                    "date", iso, "commission", commission, NULL);
  return rcv_collections_finish (db, ok, error);
}

gint64
rcv_collections_add_contact (RcvDatabase  *db,
                             gint64        customer_id,
                             const GDate  *date,
                             const char   *kind,
                             const char   *notes,
                             GError      **error)
{
  static const char *const kinds[] = { "call", "email", "letter", "visit", "note", NULL };
  char iso[RCV_ISO_DATE_LEN];
  RcvStatement *stmt;
  gint64 id = 0;
  gboolean ok;

  g_return_val_if_fail (RCV_IS_DATABASE (db), 0);
  if (kind == NULL || !g_strv_contains (kinds, kind))
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                   _("“%s” is not one of call, email, letter, visit, note"), kind);
      return 0;
    }
  if (!text_ok (_("Notes"), notes, FALSE, error) || !rcv_database_begin (db, error))
    return 0;
  rcv_date_to_iso (date, iso);
  ok = rcv_collections_check_customer (db, customer_id, error);
  if (ok)
    {
      stmt = rcv_database_prepare (db, "INSERT INTO contacts (customer_id, date, kind, notes)"
                                       " VALUES (?1, ?2, ?3, ?4)", error);
      if (stmt != NULL)
        {
          rcv_statement_bind_int64 (stmt, 1, customer_id);
          rcv_statement_bind_text (stmt, 2, iso);
          rcv_statement_bind_text (stmt, 3, kind);
          rcv_statement_bind_text (stmt, 4, notes != NULL ? notes : "");
        }
      ok = step (db, stmt, error);
      id = rcv_database_last_insert_id (db);
    }
  ok = ok && audit (db, "contact", "customers", customer_id, error, "date", iso, "kind",
                    kind, NULL);
  return rcv_collections_finish (db, ok, error) ? id : 0;
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
  RcvStatement *stmt;
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
  ok = rcv_collections_check_customer (db, customer_id, error);
  if (ok)
    {
      stmt = rcv_database_prepare (db, "INSERT INTO promises (customer_id, made_on, due_date,"
                                       " amount) VALUES (?1, ?2, ?3, ?4)", error);
      if (stmt != NULL)
        {
          rcv_statement_bind_int64 (stmt, 1, customer_id);
          rcv_statement_bind_text (stmt, 2, made);
          rcv_statement_bind_text (stmt, 3, due);
          rcv_statement_bind_int64 (stmt, 4, amount);
        }
      ok = step (db, stmt, error);
      id = rcv_database_last_insert_id (db);
    }
  ok = ok && audit (db, "promise", "customers", customer_id, error, "made_on", made, "due_date",
                    due, "amount", shown, NULL);
  return rcv_collections_finish (db, ok, error) ? id : 0;
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
  RcvStatement *stmt;
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
  ok = rcv_collections_check_customer (db, customer_id, error);
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
          rcv_statement_bind_int64 (stmt, 1, customer_id);
          rcv_statement_bind_text (stmt, 2, created);
        }
      ok = step (db, stmt, error);
      plan_id = rcv_database_last_insert_id (db);
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
          rcv_statement_bind_int64 (stmt, 1, plan_id);
          rcv_statement_bind_int (stmt, 2, (int) i + 1);
          rcv_statement_bind_text (stmt, 3, due);
          rcv_statement_bind_int64 (stmt, 4, instalment->amount);
        }
      ok = step (db, stmt, error);
    }
  count = g_strdup_printf ("%u", instalments->len);
  ok = ok && audit (db, "payment-plan", "customers", customer_id, error, "created_on", created,
                    "instalments", count, NULL);
  return rcv_collections_finish (db, ok, error) ? plan_id : 0;
}

gboolean
rcv_collections_end_plan (RcvDatabase  *db,
                          gint64        plan_id,
                          const GDate  *ended_on,
                          GError      **error)
{
  char iso[RCV_ISO_DATE_LEN];
  RcvStatement *stmt;
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
          rcv_statement_bind_int64 (stmt, 1, plan_id);
          rcv_statement_bind_text (stmt, 2, iso);
        }
      ok = step (db, stmt, error);
      if (ok && rcv_database_changes (db) == 0)
        {
          g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                       _("A payment plan cannot end before it started"));
          ok = FALSE;
        }
    }
  ok = ok && audit (db, "end-payment-plan", "customers", customer_id, error, "ended_on", iso,
                    NULL);
  return rcv_collections_finish (db, ok, error);
}

/* The commission rounds half away from zero (payments are positive: + 5000, then down);
 * RCV_MONEY_MAX × 10 000 stays well inside SQLite's integers. */
gboolean
rcv_collections_charge_commission (RcvDatabase  *db,
                                   GError      **error)
{
  /* from the few handed-over accounts to their payments (payments_customer), not through
   * every payment: this runs on each payment recorded */
  RcvStatement *stmt = rcv_database_prepare (db,
    "UPDATE payments SET commission = (amount * (SELECT commission_bp FROM collection_accounts"
    "  WHERE customer_id = payments.customer_id) + 5000) / 10000"
    " WHERE id IN (SELECT p.id FROM collection_accounts ca CROSS JOIN payments p"
    "  WHERE p.customer_id = ca.customer_id AND p.date >= ca.handed_over_on"
    "  AND ca.handed_over_on IS NOT NULL AND ca.commission_bp > 0 AND p.commission = 0)", error);

  return step (db, stmt, error);
}

/* ---- Labels ---- */

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

