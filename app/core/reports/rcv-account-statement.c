/* rcv-account-statement.c - a customer's statement of account for a period
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a customer's accounting department asks for before it pays: what was owed when the
 * period began, every invoice, credit note and payment of the period in date order with the
 * balance after each (and what each payment or credit note settled), what is owed at its end,
 * the invoices still open with their days overdue, the open items by age and the credit not
 * applied. Read in one snapshot of the file.
 *
 * The balance owed at the end of a day D is the customer's posted invoices and credit notes
 * issued by D less its payments dated by D: an allocation takes effect on the later of its
 * two documents' dates, so by D it only moves an amount between two documents both counted.
 * That is the aging report's balance as of D (its open documents' amounts), which the
 * statement's closing balance therefore equals (tests/test-statement.c checks it).
 */
#define G_LOG_DOMAIN "rcv-statement"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rcv-account-statement.h"
#include "rcv-database-private.h"
#include "rcv-date.h"
#include "rcv-error.h"
#include "rcv-ledger.h"

static void
line_clear (gpointer pointer)
{
  RcvStatementLine *line = pointer;

  g_free (line->number);
  g_free (line->method);
  g_free (line->applied);
}

static void
item_clear (gpointer pointer)
{
  RcvStatementItem *item = pointer;

  g_free (item->number);
}

void
rcv_account_statement_free (RcvAccountStatement *statement)
{
  if (statement == NULL)
    return;
  g_free (statement->code);
  g_free (statement->name);
  g_free (statement->address);
  g_free (statement->email);
  g_clear_pointer (&statement->lines, g_array_unref);
  g_clear_pointer (&statement->items, g_array_unref);
  g_free (statement);
}

/* The period a statement covers unless asked otherwise: the three months up to as_of (from
 * the day after the same day three months before). */
void
rcv_account_statement_default_from (const GDate *as_of,
                                    GDate       *from)
{
  g_return_if_fail (as_of != NULL && g_date_valid (as_of) && from != NULL);

  *from = *as_of;
  g_date_subtract_months (from, 3);
  g_date_add_days (from, 1);
}

/* Owed at the end of `day` (see the top of the file). */
static gboolean
balance_at (RcvDatabase *db,
            gint64       customer_id,
            const char  *day,
            gint64      *balance,
            GError     **error)
{
  RcvStatement *stmt = rcv_database_prepare (db,
    "SELECT (SELECT coalesce (sum (total), 0) FROM invoices"
    "         WHERE customer_id = ?1 AND issue_date <= ?2 AND status = 'posted')"
    "     - (SELECT coalesce (sum (amount), 0) FROM payments"
    "         WHERE customer_id = ?1 AND date <= ?2)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_int64 (stmt, 1, customer_id);
  rcv_statement_bind_text (stmt, 2, day);
  rc = rcv_statement_step (stmt);
  if (rc == RCV_ROW)
    *balance = rcv_statement_column_int64 (stmt, 0);
  rcv_statement_reset (stmt);
  if (rc != RCV_ROW)
    {
      rcv_database_set_error (db, error);
      return FALSE;
    }
  return TRUE;
}

/* The invoices a payment (or credit note) settled in the period, by number. */
static char *
applied_numbers (RcvDatabase *db,
                 const char  *sql,
                 gint64       source_id,
                 const char  *from,
                 const char  *to,
                 GError     **error)
{
  g_autoptr(GString) numbers = g_string_new (NULL);
  RcvStatement *stmt = rcv_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  rcv_statement_bind_int64 (stmt, 1, source_id);
  rcv_statement_bind_text (stmt, 2, from);
  rcv_statement_bind_text (stmt, 3, to);
  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    g_string_append_printf (numbers, "%s%s", numbers->len > 0 ? ", " : "",
                            rcv_statement_column_text (stmt, 0));
  rcv_statement_reset (stmt);
  if (rc != RCV_DONE)
    {
      rcv_database_set_error (db, error);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&numbers), FALSE);
}

static const char applied_by_payment_sql[] =
  "SELECT i.number FROM allocations a JOIN invoices i ON i.id = a.invoice_id"
  " WHERE a.payment_id = ?1 AND a.effective_date BETWEEN ?2 AND ?3 ORDER BY i.due_date, i.id";
static const char applied_by_credit_note_sql[] =
  "SELECT i.number FROM allocations a JOIN invoices i ON i.id = a.invoice_id"
  " WHERE a.credit_note_id = ?1 AND a.effective_date BETWEEN ?2 AND ?3"
  " ORDER BY i.due_date, i.id";

/* The period's documents: invoices and credit notes by issue date, payments by date; a day's
 * invoices before its payments. */
static gboolean
read_lines (RcvDatabase         *db,
            RcvAccountStatement *statement,
            const char          *from,
            const char          *to,
            GError             **error)
{
  RcvStatement *stmt = rcv_database_prepare (db,
    "SELECT 0, id, kind, issue_date, due_date, number, NULL, total FROM invoices"
    " WHERE customer_id = ?1 AND issue_date BETWEEN ?2 AND ?3 AND status = 'posted'"
    " UNION ALL"
    " SELECT 1, id, 'payment', date, NULL, reference, method, -amount FROM payments"
    " WHERE customer_id = ?1 AND date BETWEEN ?2 AND ?3"
    " ORDER BY 4, 1, 2", error);
  gint64 balance = statement->opening;
  int rc;

  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_int64 (stmt, 1, statement->customer_id);
  rcv_statement_bind_text (stmt, 2, from);
  rcv_statement_bind_text (stmt, 3, to);
  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    {
      RcvStatementLine line = { 0 };
      const char *kind = rcv_statement_column_text (stmt, 2);

      line.kind = g_str_equal (kind, "payment") ? RCV_STATEMENT_PAYMENT
                  : g_str_equal (kind, "credit-note") ? RCV_STATEMENT_CREDIT_NOTE
                  : RCV_STATEMENT_INVOICE;
      line.id = rcv_statement_column_int64 (stmt, 1);
      g_date_clear (&line.date, 1);
      g_date_clear (&line.due_date, 1);
      rcv_date_parse_iso (rcv_statement_column_text (stmt, 3), &line.date, NULL);
      if (line.kind == RCV_STATEMENT_INVOICE)
        rcv_date_parse_iso (rcv_statement_column_text (stmt, 4), &line.due_date, NULL);
      line.number = g_strdup (rcv_statement_column_text (stmt, 5));
      line.method = line.kind == RCV_STATEMENT_PAYMENT
                      ? g_strdup (rcv_statement_column_text (stmt, 6)) : NULL;
      line.amount = rcv_statement_column_int64 (stmt, 7);
      balance += line.amount;
      line.balance = balance;
      g_array_append_val (statement->lines, line);
    }
  rcv_statement_reset (stmt);
  if (rc != RCV_DONE)
    {
      rcv_database_set_error (db, error);
      return FALSE;
    }
  /* what each payment and credit note settled: read after the loop, which holds its
   * statement */
  for (guint i = 0; i < statement->lines->len; i++)
    {
      RcvStatementLine *line = &g_array_index (statement->lines, RcvStatementLine, i);
      char *applied;

      if (line->kind == RCV_STATEMENT_INVOICE)
        continue;
      applied = applied_numbers (db, line->kind == RCV_STATEMENT_PAYMENT
                                       ? applied_by_payment_sql : applied_by_credit_note_sql,
                                 line->id, from, to, error);
      if (applied == NULL)
        return FALSE;
      if (*applied != '\0')
        line->applied = applied;
      else
        g_free (applied);
    }
  return TRUE;
}

/* The invoices open at the end of as_of, and the credit not applied by then. */
static gboolean
read_open (RcvDatabase         *db,
           RcvAccountStatement *statement,
           const char          *to,
           GError             **error)
{
  RcvStatement *stmt = rcv_database_prepare (db,
    "SELECT i.id, i.kind, i.number, i.issue_date, i.due_date,"
    "  i.total + CASE WHEN i.kind = 'invoice'"
    "   THEN -coalesce ((SELECT sum (a.amount) FROM allocations a"
    "                    WHERE a.invoice_id = i.id AND a.effective_date <= ?2), 0)"
    "   ELSE coalesce ((SELECT sum (a.amount) FROM allocations a"
    "                   WHERE a.credit_note_id = i.id AND a.effective_date <= ?2), 0) END"
    " FROM invoices i"
    " WHERE i.customer_id = ?1 AND i.issue_date <= ?2 AND i.status = 'posted'"
    "   AND (i.settled_date IS NULL OR i.settled_date > ?2)"
    " UNION ALL"
    " SELECT p.id, 'payment', p.reference, p.date, p.date,"
    "  coalesce ((SELECT sum (a.amount) FROM allocations a"
    "             WHERE a.payment_id = p.id AND a.effective_date <= ?2), 0) - p.amount"
    " FROM payments p"
    " WHERE p.customer_id = ?1 AND p.date <= ?2"
    "   AND (p.settled_date IS NULL OR p.settled_date > ?2)"
    " ORDER BY 5, 1", error);
  gboolean by_issue = rcv_database_get_aging_basis (db) == RCV_AGING_BY_ISSUE_DATE;
  guint32 as_of = g_date_get_julian (&statement->as_of);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_int64 (stmt, 1, statement->customer_id);
  rcv_statement_bind_text (stmt, 2, to);
  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    {
      RcvStatementItem item = { 0 };
      gint64 open = rcv_statement_column_int64 (stmt, 5);

      if (open == 0)
        continue;
      if (!g_str_equal (rcv_statement_column_text (stmt, 1), "invoice"))
        {
          statement->unapplied += open;   /* a payment's or a credit note's: ≤ 0 */
          continue;
        }
      item.invoice_id = rcv_statement_column_int64 (stmt, 0);
      item.number = g_strdup (rcv_statement_column_text (stmt, 2));
      g_date_clear (&item.issue_date, 1);
      g_date_clear (&item.due_date, 1);
      rcv_date_parse_iso (rcv_statement_column_text (stmt, 3), &item.issue_date, NULL);
      rcv_date_parse_iso (rcv_statement_column_text (stmt, 4), &item.due_date, NULL);
      item.open = open;
      item.days_overdue = (gint) as_of - (gint) g_date_get_julian (&item.due_date);
      statement->buckets[rcv_aging_bucket_for_days (
        statement->boundaries, statement->n_boundaries,
        (gint) as_of - (gint) g_date_get_julian (by_issue ? &item.issue_date
                                                          : &item.due_date))] += open;
      g_array_append_val (statement->items, item);
    }
  rcv_statement_reset (stmt);
  if (rc != RCV_DONE)
    {
      rcv_database_set_error (db, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_all (RcvDatabase         *db,
          RcvAccountStatement *statement,
          GError             **error)
{
  g_autoptr(RcvCustomer) customer = rcv_ledger_get_customer (db, statement->customer_id, error);
  char from[RCV_ISO_DATE_LEN], to[RCV_ISO_DATE_LEN], before[RCV_ISO_DATE_LEN];
  GDate day_before = statement->from;
  const guint *boundaries;

  if (customer == NULL)
    return FALSE;
  statement->code = g_strdup (customer->code);
  statement->name = g_strdup (customer->name);
  statement->address = g_strdup (customer->address);
  statement->email = g_strdup (customer->email);
  boundaries = rcv_database_get_aging_boundaries (db, &statement->n_boundaries);
  memcpy (statement->boundaries, boundaries, statement->n_boundaries * sizeof (guint));
  statement->n_buckets = statement->n_boundaries + 2;

  g_date_subtract_days (&day_before, 1);
  rcv_date_to_iso (&statement->from, from);
  rcv_date_to_iso (&statement->as_of, to);
  rcv_date_to_iso (&day_before, before);
  return balance_at (db, statement->customer_id, before, &statement->opening, error) &&
         read_lines (db, statement, from, to, error) &&
         balance_at (db, statement->customer_id, to, &statement->closing, error) &&
         read_open (db, statement, to, error);
}

/* The customer's statement for from … as_of (both included), in one snapshot of the file. */
RcvAccountStatement *
rcv_account_statement_read (RcvDatabase  *db,
                            gint64        customer_id,
                            const GDate  *from,
                            const GDate  *as_of,
                            GError      **error)
{
  g_autoptr(RcvAccountStatement) statement = NULL;
  gboolean started = FALSE, ok;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);
  g_return_val_if_fail (from != NULL && g_date_valid (from), NULL);
  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), NULL);

  if (g_date_compare (from, as_of) > 0)
    {
      g_autofree char *from_text = rcv_date_format_locale (from);
      g_autofree char *as_of_text = rcv_date_format_locale (as_of);

      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                   _("A statement from %s to %s: the period ends before it begins"),
                   from_text, as_of_text);
      return NULL;
    }
  statement = g_new0 (RcvAccountStatement, 1);
  statement->customer_id = customer_id;
  statement->from = *from;
  statement->as_of = *as_of;
  statement->lines = g_array_new (FALSE, TRUE, sizeof (RcvStatementLine));
  g_array_set_clear_func (statement->lines, line_clear);
  statement->items = g_array_new (FALSE, TRUE, sizeof (RcvStatementItem));
  g_array_set_clear_func (statement->items, item_clear);

  if (!rcv_database_begin_read (db, &started, error))
    return NULL;
  ok = read_all (db, statement, error);
  rcv_database_end_read (db, started);
  return ok ? g_steal_pointer (&statement) : NULL;
}

/* The customers owed or owing anything at the end of as_of (IDs, by customer ID): those a
 * batch of statements goes to. */
GArray *
rcv_account_statement_list_customers (RcvDatabase  *db,
                                      const GDate  *as_of,
                                      GError      **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  char to[RCV_ISO_DATE_LEN];
  RcvStatement *stmt;
  int rc;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);

  rcv_date_to_iso (as_of, to);
  stmt = rcv_database_prepare (db,
    "SELECT customer_id FROM ("
    " SELECT customer_id, total AS amount FROM invoices"
    "  WHERE issue_date <= ?1 AND status = 'posted'"
    " UNION ALL SELECT customer_id, -amount FROM payments WHERE date <= ?1)"
    " GROUP BY customer_id HAVING sum (amount) <> 0 ORDER BY customer_id", error);
  if (stmt == NULL)
    return NULL;
  rcv_statement_bind_text (stmt, 1, to);
  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    {
      gint64 id = rcv_statement_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  rcv_statement_reset (stmt);
  if (rc != RCV_DONE)
    {
      rcv_database_set_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* The statements of `customer_ids` (gint64; NULL: every customer owing or owed anything at the
 * end of as_of) for the period, in that order: a batch's, all or nothing. */
GPtrArray *
rcv_account_statements_read (RcvDatabase   *db,
                             GArray        *customer_ids,
                             const GDate   *from,
                             const GDate   *as_of,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GPtrArray) statements = NULL;
  g_autoptr(GArray) all = NULL;
  GArray *ids = customer_ids;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);

  if (ids == NULL && (ids = all = rcv_account_statement_list_customers (db, as_of, error)) == NULL)
    return NULL;
  statements = g_ptr_array_new_full (ids->len, (GDestroyNotify) rcv_account_statement_free);
  for (guint i = 0; i < ids->len; i++)
    {
      RcvAccountStatement *statement =
        rcv_account_statement_read (db, g_array_index (ids, gint64, i), from, as_of, error);

      if (statement == NULL)
        return NULL;
      g_ptr_array_add (statements, statement);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }
  return g_steal_pointer (&statements);
}
