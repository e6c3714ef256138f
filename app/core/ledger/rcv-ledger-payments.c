/* rcv-ledger-payments.c - payments and allocations: writing a payment, allocating it or a
 * credit note, by hand or oldest first, and each document's settlement
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Allocation rules (DESIGN.md §3): an allocation never exceeds the invoice's open amount nor
 * the source's unapplied amount; it takes effect on the later of the source's date and the
 * invoice's issue date. Automatic allocation of a payment goes to the customer's open
 * invoices issued on or before the payment date, oldest due date first, then issue date, then
 * number.
 *
 * Every document keeps `allocated`, `settled_date` (the day its allocations made it whole,
 * NULL while open) and `span_class` (see rcv_span_class()), so that aging finds the
 * documents open at any date through an index instead of reading the history.
 */
#define G_LOG_DOMAIN "rcv-ledger"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rcv-database-private.h"
#include "rcv-date.h"
#include "rcv-error.h"
#include "rcv-json.h"
#include "rcv-ledger-private.h"

/* One side of an allocation: the invoice, or the payment or credit note that settles it. */
typedef struct
{
  const char *table;       /* "invoices" or "payments" */
  gint64 id;
  gint64 customer_id;
  char start[RCV_ISO_DATE_LEN];
  gint64 full;             /* invoice total, payment amount, credit note −total */
  gint64 allocated;
  char last[RCV_ISO_DATE_LEN]; /* latest effective date of its allocations, "" for none */
  gboolean is_credit_note;
  char number[RCV_MAX_CODE_LENGTH * 4 + 1];
} Side;

/* ---- payments and allocations ------------------------------------------------------- */

gboolean
rcv_ledger_insert_payment_row (RcvDatabase *db,
                               RcvPayment  *payment,
                               GError     **error)
{
  char date[RCV_ISO_DATE_LEN];
  RcvStatement *stmt;
  const char *field;
  g_autoptr(GError) local_error = NULL;

  if (!rcv_payment_validate (payment, &field, &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", field);
      return FALSE;
    }

  rcv_date_to_iso (&payment->date, date);
  stmt = rcv_database_prepare (db,
                               "INSERT INTO payments (customer_id, date, amount, allocated,"
                               " settled_date, span_class, method, reference)"
                               " VALUES (?1, ?2, ?3, 0, NULL, ?4, ?5, ?6)",
                               error);
  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_int64 (stmt, 1, payment->customer_id);
  rcv_statement_bind_text (stmt, 2, date);
  rcv_statement_bind_int64 (stmt, 3, payment->amount);
  rcv_statement_bind_int (stmt, 4, RCV_SPAN_OPEN);
  rcv_statement_bind_text (stmt, 5, payment->method != NULL ? payment->method : "");
  rcv_statement_bind_text (stmt, 6, payment->reference != NULL ? payment->reference : "");

  if (rcv_statement_step (stmt) != RCV_DONE)
    {
      if (rcv_database_get_constraint (db) == RCV_CONSTRAINT_FOREIGN_KEY)
        g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_NOT_FOUND,
                     _("customer_id: there is no such customer"));
      else
        rcv_database_set_error (db, error);
      rcv_statement_reset (stmt);
      return FALSE;
    }
  rcv_statement_reset (stmt);
  payment->id = rcv_database_last_insert_id (db);
  payment->allocated = 0;
  return TRUE;
}

static gboolean
load_payment_side (RcvDatabase *db,
                   gint64       payment_id,
                   Side        *side,
                   GError     **error)
{
  RcvStatement *stmt;

  stmt = rcv_database_prepare (db,
                               "SELECT customer_id, date, amount, allocated, last_allocation"
                               " FROM payments WHERE id = ?1",
                               error);
  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_int64 (stmt, 1, payment_id);
  if (rcv_statement_step (stmt) != RCV_ROW)
    {
      rcv_statement_reset (stmt);
      {
        g_autofree char *id_string = rcv_ledger_id_text (payment_id);
        g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_NOT_FOUND,
                     _("There is no payment number %s"), id_string);
      }
      return FALSE;
    }
  side->table = "payments";
  side->id = payment_id;
  side->customer_id = rcv_statement_column_int64 (stmt, 0);
  g_strlcpy (side->start, rcv_statement_column_text (stmt, 1), sizeof side->start);
  side->full = rcv_statement_column_int64 (stmt, 2);
  side->allocated = rcv_statement_column_int64 (stmt, 3);
  g_strlcpy (side->last, rcv_statement_column_text (stmt, 4), sizeof side->last);
  side->is_credit_note = FALSE;
  side->number[0] = '\0';
  rcv_statement_reset (stmt);
  return TRUE;
}

/* An invoice, or a credit note used as a source (`as_credit`). */
static gboolean
load_invoice_side (RcvDatabase *db,
                   gint64       invoice_id,
                   gboolean     as_credit,
                   Side        *side,
                   GError     **error)
{
  RcvStatement *stmt;
  gboolean is_credit_note, is_void;

  stmt = rcv_database_prepare (db,
                               "SELECT customer_id, issue_date, total, allocated, kind, status,"
                               " number, last_allocation FROM invoices WHERE id = ?1",
                               error);
  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_int64 (stmt, 1, invoice_id);
  if (rcv_statement_step (stmt) != RCV_ROW)
    {
      rcv_statement_reset (stmt);
      {
        g_autofree char *id_string = rcv_ledger_id_text (invoice_id);
        g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_NOT_FOUND,
                     _("There is no invoice number %s"), id_string);
      }
      return FALSE;
    }

  side->table = "invoices";
  side->id = invoice_id;
  side->customer_id = rcv_statement_column_int64 (stmt, 0);
  g_strlcpy (side->start, rcv_statement_column_text (stmt, 1), sizeof side->start);
  side->full = rcv_statement_column_int64 (stmt, 2);
  side->allocated = rcv_statement_column_int64 (stmt, 3);
  is_credit_note = g_str_equal (rcv_statement_column_text (stmt, 4), "credit-note");
  is_void = g_str_equal (rcv_statement_column_text (stmt, 5), "void");
  g_strlcpy (side->number, rcv_statement_column_text (stmt, 6), sizeof side->number);
  g_strlcpy (side->last, rcv_statement_column_text (stmt, 7), sizeof side->last);
  side->is_credit_note = is_credit_note;
  if (is_credit_note)
    side->full = -side->full;
  rcv_statement_reset (stmt);

  if (is_void)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_CONFLICT,
                   _("“%s” is void"), side->number);
      return FALSE;
    }
  if (as_credit && !is_credit_note)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_CONFLICT,
                   _("“%s” is an invoice, not a credit note"), side->number);
      return FALSE;
    }
  if (!as_credit && is_credit_note)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_CONFLICT,
                   _("“%s” is a credit note, not an invoice"), side->number);
      return FALSE;
    }
  return TRUE;
}

/* The span class a document has once `allocated` of its `full` amount is settled, the
 * latest allocation taking effect on `last`: open until whole, then [start, last). */
guint
rcv_settlement_span (guint32 start_julian,
                     gint64  allocated,
                     gint64  full,
                     guint32 last_julian)
{
  return allocated == full ? rcv_span_class (start_julian, last_julian) : RCV_SPAN_OPEN;
}

/* The one place that writes how far a document is settled: its allocated sum, its latest
 * effective date and, once whole, the day it became so (the latest effective date: earlier
 * allocations may take effect later) and its span class. */
gboolean
rcv_ledger_store_settlement (RcvDatabase    *db,
                             RcvDocumentTable table,
                             gint64          id,
                             guint32         start_julian,
                             gint64          allocated,
                             gint64          full,
                             guint32         last_julian,
                             GError        **error)
{
  static const char *const update_sql[] = {
    "UPDATE invoices SET allocated = ?1, last_allocation = ?2, settled_date = ?3, span_class = ?4"
    " WHERE id = ?5",
    "UPDATE payments SET allocated = ?1, last_allocation = ?2, settled_date = ?3, span_class = ?4"
    " WHERE id = ?5",
  };
  char last[RCV_ISO_DATE_LEN];
  RcvStatement *stmt;

  g_assert (allocated <= full);

  stmt = rcv_database_prepare (db, update_sql[table], error);
  if (stmt == NULL)
    return FALSE;
  rcv_julian_to_iso (last_julian, last);
  rcv_statement_bind_int64 (stmt, 1, allocated);
  rcv_statement_bind_text (stmt, 2, last);
  rcv_statement_bind_text (stmt, 3, allocated == full ? last : NULL);
  rcv_statement_bind_int (stmt, 4, (int) rcv_settlement_span (start_julian, allocated, full,
                                                        last_julian));
  rcv_statement_bind_int64 (stmt, 5, id);
  return rcv_database_step_done (db, stmt, error);
}

/* After `amount` more is allocated with effect from `effective`, store the side's new state. */
static gboolean
update_side (RcvDatabase *db,
             Side        *side,
             const char  *effective,
             gint64       amount,
             GError     **error)
{
  side->allocated += amount;
  if (strcmp (effective, side->last) > 0)
    g_strlcpy (side->last, effective, sizeof side->last);

  return rcv_ledger_store_settlement (db,
                                      g_str_equal (side->table, "payments")
                                        ? RCV_DOCUMENT_PAYMENTS : RCV_DOCUMENT_INVOICES,
                                      side->id, rcv_iso_to_julian (side->start), side->allocated,
                                      side->full, rcv_iso_to_julian (side->last), error);
}

/* Allocates `amount` of `source` to `invoice`. With `clamp`, less when less is open (and
 * amount <= 0 means as much as possible); without it, more than is open is an error. */
static gboolean
allocate_sides (RcvDatabase *db,
                Side        *source,
                Side        *invoice,
                gint64       amount,
                gboolean     clamp,
                gint64      *allocated,
                GError     **error)
{
  const RcvCurrency *currency = rcv_database_get_currency (db);
  gint64 invoice_open = invoice->full - invoice->allocated;
  gint64 source_open = source->full - source->allocated;
  const char *effective;
  RcvStatement *stmt;

  if (allocated != NULL)
    *allocated = 0;

  if (source->customer_id != invoice->customer_id)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_CONFLICT,
                   _("invoice “%s” belongs to another customer"), invoice->number);
      return FALSE;
    }

  if (clamp)
    {
      if (amount <= 0 || amount > invoice_open)
        amount = invoice_open;
      amount = MIN (amount, source_open);
      if (amount <= 0)
        return TRUE;
    }
  else
    {
      if (amount <= 0)
        {
          g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                               _("an allocation must be more than zero"));
          return FALSE;
        }
      if (amount > invoice_open)
        {
          g_autofree char *open = rcv_money_format (invoice_open, currency);
          g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                       _("invoice “%s” has only %s open"), invoice->number, open);
          return FALSE;
        }
      if (amount > source_open)
        {
          g_autofree char *open = rcv_money_format (source_open, currency);
          g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                       _("only %s is left to allocate"), open);
          return FALSE;
        }
    }

  effective = strcmp (source->start, invoice->start) >= 0 ? source->start : invoice->start;

  stmt = rcv_database_prepare (db,
                               "INSERT INTO allocations (invoice_id, payment_id, credit_note_id,"
                               " amount, effective_date) VALUES (?1, ?2, ?3, ?4, ?5)",
                               error);
  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_int64 (stmt, 1, invoice->id);
  if (source->is_credit_note)
    rcv_statement_bind_int64 (stmt, 3, source->id);
  else
    rcv_statement_bind_int64 (stmt, 2, source->id);
  rcv_statement_bind_int64 (stmt, 4, amount);
  rcv_statement_bind_text (stmt, 5, effective);
  if (!rcv_database_step_done (db, stmt, error) ||
      !update_side (db, invoice, effective, amount, error) ||
      !update_side (db, source, effective, amount, error))
    return FALSE;

  if (allocated != NULL)
    *allocated = amount;
  return TRUE;
}

gboolean
rcv_ledger_allocate_row (RcvDatabase   *db,
                         RcvSourceKind  source_kind,
                         gint64         source_id,
                         gint64         invoice_id,
                         gint64         amount,
                         gboolean       clamp,
                         gint64        *allocated,
                         GError       **error)
{
  Side source, invoice;

  if (source_kind == RCV_SOURCE_PAYMENT)
    {
      if (!load_payment_side (db, source_id, &source, error))
        return FALSE;
    }
  else if (!load_invoice_side (db, source_id, TRUE, &source, error))
    return FALSE;

  if (!load_invoice_side (db, invoice_id, FALSE, &invoice, error))
    return FALSE;

  return allocate_sides (db, &source, &invoice, amount, clamp, allocated, error);
}

/* Oldest due date first, then issue date, then number; only invoices issued on or before the
 * payment date. */
static gboolean
auto_allocate (RcvDatabase *db,
               Side        *payment_side,
               GError     **error)
{
  g_autoptr(GArray) targets = g_array_new (FALSE, FALSE, sizeof (Side));
  Side payment = *payment_side;
  RcvStatement *stmt;
  gint64 wanted, found = 0;

  wanted = payment.full - payment.allocated;
  if (wanted <= 0)
    return TRUE;

  stmt = rcv_database_prepare (db,
                               "SELECT id, issue_date, total, allocated, number, last_allocation"
                               " FROM invoices INDEXED BY invoices_customer_unsettled"
                               " WHERE customer_id = ?1 AND settled_date IS NULL"
                               " AND kind = 'invoice' AND status = 'posted' AND issue_date <= ?2"
                               " ORDER BY due_date, issue_date, number",
                               error);
  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_int64 (stmt, 1, payment.customer_id);
  rcv_statement_bind_text (stmt, 2, payment.start);

  /* read the targets first: the allocations below change the rows this query walks */
  while (found < wanted && rcv_statement_step (stmt) == RCV_ROW)
    {
      Side invoice = { 0 };

      invoice.table = "invoices";
      invoice.id = rcv_statement_column_int64 (stmt, 0);
      invoice.customer_id = payment.customer_id;
      g_strlcpy (invoice.start, rcv_statement_column_text (stmt, 1), sizeof invoice.start);
      invoice.full = rcv_statement_column_int64 (stmt, 2);
      invoice.allocated = rcv_statement_column_int64 (stmt, 3);
      g_strlcpy (invoice.number, rcv_statement_column_text (stmt, 4), sizeof invoice.number);
      g_strlcpy (invoice.last, rcv_statement_column_text (stmt, 5), sizeof invoice.last);
      found += invoice.full - invoice.allocated;
      g_array_append_val (targets, invoice);
    }
  rcv_statement_reset (stmt);

  for (guint i = 0; i < targets->len && payment.allocated < payment.full; i++)
    if (!allocate_sides (db, &payment, &g_array_index (targets, Side, i), 0, TRUE, NULL, error))
      return FALSE;

  *payment_side = payment;
  return TRUE;
}

gboolean
rcv_ledger_auto_allocate_row (RcvDatabase *db,
                              gint64       payment_id,
                              GError     **error)
{
  Side payment;

  return load_payment_side (db, payment_id, &payment, error) &&
         auto_allocate (db, &payment, error);
}

/* A payment this transaction has just inserted (nothing allocated yet), allocated to one
 * invoice up to its open amount, or oldest first when invoice_id is 0; without reading the
 * payment back, which a million-row import would feel. */
gboolean
rcv_ledger_allocate_new_payment (RcvDatabase *db,
                                 gint64       payment_id,
                                 gint64       customer_id,
                                 const GDate *date,
                                 gint64       amount,
                                 gint64       invoice_id,
                                 GError     **error)
{
  Side payment = { 0 };

  payment.table = "payments";
  payment.id = payment_id;
  payment.customer_id = customer_id;
  rcv_date_to_iso (date, payment.start);
  payment.full = amount;

  if (invoice_id == 0)
    return auto_allocate (db, &payment, error);
  else
    {
      Side invoice;

      return load_invoice_side (db, invoice_id, FALSE, &invoice, error) &&
             allocate_sides (db, &payment, &invoice, 0, TRUE, NULL, error);
    }
}

/* Inside the caller's transaction: a payment's row, its allocations (`requests`, each at most
 * its invoice's open amount; with `allocate_rest` what is left goes oldest first) and its
 * audit record. The rest is unapplied credit. */
gboolean
rcv_ledger_write_payment (RcvDatabase                *db,
                          RcvPayment                 *payment,
                          const RcvAllocationRequest *requests,
                          guint                       n_requests,
                          gboolean                    allocate_rest,
                          GError                    **error)
{
  g_autoptr(RcvJsonWriter) json = NULL;
  g_autofree char *json_text = NULL;
  char date[RCV_ISO_DATE_LEN];

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (payment != NULL, FALSE);
  g_return_val_if_fail (requests != NULL || n_requests == 0, FALSE);

  if (!rcv_ledger_insert_payment_row (db, payment, error))
    return FALSE;

  for (guint i = 0; i < n_requests; i++)
    if (!rcv_ledger_allocate_row (db, RCV_SOURCE_PAYMENT, payment->id, requests[i].invoice_id,
                                  requests[i].amount, FALSE, NULL, error))
      return FALSE;

  if (allocate_rest && !rcv_ledger_auto_allocate_row (db, payment->id, error))
    return FALSE;

  json = rcv_json_writer_new (FALSE);
  rcv_date_to_iso (&payment->date, date);
  rcv_json_begin_object (json);
  rcv_json_key (json, "customer_id");
  rcv_json_int (json, payment->customer_id);
  rcv_json_key (json, "date");
  rcv_json_string (json, date);
  rcv_json_key (json, "amount");
  rcv_json_money (json, payment->amount, rcv_database_get_currency (db));
  rcv_json_key (json, "method");
  rcv_json_string (json, payment->method);
  rcv_json_key (json, "reference");
  rcv_json_string (json, payment->reference);
  rcv_json_end_object (json);
  json_text = rcv_json_writer_free_to_string (g_steal_pointer (&json));

  return rcv_database_audit (db, "insert", "payments", payment->id, NULL, json_text, error);
}

/* The payment's allocated amount as the file has it now. */
void
rcv_ledger_refresh_allocated (RcvDatabase *db,
                              RcvPayment  *payment)
{
  Side side;

  if (load_payment_side (db, payment->id, &side, NULL))
    payment->allocated = side.allocated;
}

RcvPayment *
rcv_ledger_get_payment (RcvDatabase *db,
                        gint64       id,
                        GError     **error)
{
  g_autoptr(RcvPayment) payment = rcv_payment_new ();
  RcvStatement *stmt;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);

  stmt = rcv_database_prepare (db,
                               "SELECT customer_id, date, amount, allocated, method, reference"
                               " FROM payments WHERE id = ?1",
                               error);
  if (stmt == NULL)
    return NULL;
  rcv_statement_bind_int64 (stmt, 1, id);
  if (rcv_statement_step (stmt) != RCV_ROW)
    {
      rcv_statement_reset (stmt);
      {
        g_autofree char *id_string = rcv_ledger_id_text (id);
        g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_NOT_FOUND,
                     _("There is no payment number %s"), id_string);
      }
      return NULL;
    }
  payment->id = id;
  payment->customer_id = rcv_statement_column_int64 (stmt, 0);
  rcv_date_parse_iso (rcv_statement_column_text (stmt, 1), &payment->date, NULL);
  payment->amount = rcv_statement_column_int64 (stmt, 2);
  payment->allocated = rcv_statement_column_int64 (stmt, 3);
  payment->method = g_strdup (rcv_statement_column_text (stmt, 4));
  payment->reference = g_strdup (rcv_statement_column_text (stmt, 5));
  rcv_statement_reset (stmt);
  return g_steal_pointer (&payment);
}

static gboolean
allocate_audited (RcvDatabase   *db,
                  RcvSourceKind  kind,
                  gint64         source_id,
                  gint64         invoice_id,
                  gint64         amount,
                  GError       **error)
{
  g_autofree char *json = NULL;

  if (!rcv_database_begin (db, error))
    return FALSE;

  json = g_strdup_printf ("{\"%s\":%" G_GINT64_FORMAT ",\"invoice_id\":%" G_GINT64_FORMAT
                          ",\"amount\":%" G_GINT64_FORMAT "}",
                          kind == RCV_SOURCE_PAYMENT ? "payment_id" : "credit_note_id",
                          source_id, invoice_id, amount);

  if (!rcv_ledger_allocate_row (db, kind, source_id, invoice_id, amount, FALSE, NULL, error) ||
      !rcv_database_audit (db, "allocate", "allocations",
                           rcv_database_last_insert_id (db),
                           NULL, json, error) ||
      !rcv_database_commit (db, error))
    {
      rcv_database_rollback (db);
      return FALSE;
    }
  return TRUE;
}

/* Applies unapplied credit of a payment to an invoice. */
gboolean
rcv_ledger_allocate_payment (RcvDatabase *db,
                             gint64       payment_id,
                             gint64       invoice_id,
                             gint64       amount,
                             GError     **error)
{
  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);

  return allocate_audited (db, RCV_SOURCE_PAYMENT, payment_id, invoice_id, amount, error);
}

/* Applies a credit note's credit to an invoice. */
gboolean
rcv_ledger_allocate_credit_note (RcvDatabase *db,
                                 gint64       credit_note_id,
                                 gint64       invoice_id,
                                 gint64       amount,
                                 GError     **error)
{
  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);

  return allocate_audited (db, RCV_SOURCE_CREDIT_NOTE, credit_note_id, invoice_id, amount,
                           error);
}
