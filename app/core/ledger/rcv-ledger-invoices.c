/* rcv-ledger-invoices.c - invoices and credit notes in the company file: numbers, writing
 * one with its lines, reading it back, its open amount
 * SPDX-License-Identifier: GPL-3.0-or-later
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
/* ---- invoices ----------------------------------------------------------------------- */

/* The next number of the year's sequence: 2026-0001, or CN-2026-0001 for a credit note. */
char *
rcv_ledger_propose_number (RcvDatabase    *db,
                           RcvInvoiceKind  kind,
                           const GDate    *issue_date)
{
  g_autofree char *prefix = NULL;
  g_autofree char *upper = NULL;
  RcvStatement *stmt;
  gint64 last = 0;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);
  g_return_val_if_fail (issue_date != NULL && g_date_valid (issue_date), NULL);

  prefix = g_strdup_printf ("%s%04u-", kind == RCV_INVOICE_KIND_CREDIT_NOTE ? "CN-" : "",
                            (guint) g_date_get_year (issue_date));
  upper = g_strdup (prefix);
  upper[strlen (upper) - 1] = '.'; /* the character after '-' */

  stmt = rcv_database_prepare (db,
                               "SELECT max (CAST (substr (number, ?3) AS INTEGER)) FROM invoices"
                               " WHERE number >= ?1 AND number < ?2"
                               " AND substr (number, ?3) NOT GLOB '*[^0-9]*'",
                               NULL);
  if (stmt != NULL)
    {
      rcv_statement_bind_text (stmt, 1, prefix);
      rcv_statement_bind_text (stmt, 2, upper);
      rcv_statement_bind_int (stmt, 3, (int) strlen (prefix) + 1);
      if (rcv_statement_step (stmt) == RCV_ROW)
        last = rcv_statement_column_int64 (stmt, 0);
      rcv_statement_reset (stmt);
    }

  return g_strdup_printf ("%s%04" G_GINT64_FORMAT, prefix, last + 1);
}

gboolean
rcv_ledger_insert_invoice_row (RcvDatabase *db,
                               RcvInvoice  *invoice,
                               GError     **error)
{
  char issue[RCV_ISO_DATE_LEN], due[RCV_ISO_DATE_LEN];
  RcvStatement *stmt;
  const char *field;
  g_autoptr(GError) local_error = NULL;

  if (!rcv_invoice_validate (invoice, &field, &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", field);
      return FALSE;
    }

  rcv_date_to_iso (&invoice->issue_date, issue);
  rcv_date_to_iso (&invoice->due_date, due);

  stmt = rcv_database_prepare (db,
                               "INSERT INTO invoices (number, customer_id, kind, status,"
                               " issue_date, due_date, total, allocated, settled_date, span_class,"
                               " description) VALUES (?1, ?2, ?3, 'posted', ?4, ?5, ?6, 0, ?7, ?8,"
                               " ?9)",
                               error);
  if (stmt == NULL)
    return FALSE;

  rcv_statement_bind_text (stmt, 1, invoice->number);
  rcv_statement_bind_int64 (stmt, 2, invoice->customer_id);
  rcv_statement_bind_text (stmt, 3, rcv_enum_to_nick (RCV_TYPE_INVOICE_KIND, invoice->kind));
  rcv_statement_bind_text (stmt, 4, issue);
  rcv_statement_bind_text (stmt, 5, due);
  rcv_statement_bind_int64 (stmt, 6, invoice->total);
  if (invoice->total == 0)
    {
      /* nothing to settle: never open */
      rcv_statement_bind_text (stmt, 7, issue);
      rcv_statement_bind_int (stmt, 8, 0);
    }
  else
    rcv_statement_bind_int (stmt, 8, RCV_SPAN_OPEN);
  rcv_statement_bind_text (stmt, 9, invoice->description != NULL ? invoice->description : "");

  if (rcv_statement_step (stmt) != RCV_DONE)
    {
      RcvConstraint constraint = rcv_database_get_constraint (db);

      if (constraint == RCV_CONSTRAINT_UNIQUE)
        g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_DUPLICATE,
                     _("number: the number “%s” is already taken"), invoice->number);
      else if (constraint == RCV_CONSTRAINT_FOREIGN_KEY)
        g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_NOT_FOUND,
                     _("customer_id: there is no such customer"));
      else
        rcv_database_set_error (db, error);
      rcv_statement_reset (stmt);
      return FALSE;
    }
  rcv_statement_reset (stmt);
  invoice->id = rcv_database_last_insert_id (db);
  invoice->allocated = 0;

  for (guint i = 0; i < invoice->lines->len; i++)
    {
      RcvInvoiceLine *line = &g_array_index (invoice->lines, RcvInvoiceLine, i);

      stmt = rcv_database_prepare (db,
                                   "INSERT INTO invoice_lines (invoice_id, position, description,"
                                   " quantity_milli, unit_price, tax_bp, net, tax)"
                                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                   error);
      if (stmt == NULL)
        return FALSE;
      rcv_statement_bind_int64 (stmt, 1, invoice->id);
      rcv_statement_bind_int (stmt, 2, (int) i + 1);
      rcv_statement_bind_text (stmt, 3, line->description);
      rcv_statement_bind_int64 (stmt, 4, line->quantity_milli);
      rcv_statement_bind_int64 (stmt, 5, line->unit_price);
      rcv_statement_bind_int (stmt, 6, line->tax_bp);
      rcv_statement_bind_int64 (stmt, 7, line->net);
      rcv_statement_bind_int64 (stmt, 8, line->tax);
      if (!rcv_database_step_done (db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static char *
invoice_to_json (RcvDatabase      *db,
                 const RcvInvoice *invoice)
{
  g_autoptr(RcvJsonWriter) json = rcv_json_writer_new (FALSE);
  const RcvCurrency *currency = rcv_database_get_currency (db);
  char date[RCV_ISO_DATE_LEN];

  rcv_json_begin_object (json);
  rcv_json_key (json, "number");
  rcv_json_string (json, invoice->number);
  rcv_json_key (json, "kind");
  rcv_json_string (json, rcv_enum_to_nick (RCV_TYPE_INVOICE_KIND, invoice->kind));
  rcv_json_key (json, "customer_id");
  rcv_json_int (json, invoice->customer_id);
  rcv_date_to_iso (&invoice->issue_date, date);
  rcv_json_key (json, "issue_date");
  rcv_json_string (json, date);
  rcv_date_to_iso (&invoice->due_date, date);
  rcv_json_key (json, "due_date");
  rcv_json_string (json, date);
  rcv_json_key (json, "total");
  rcv_json_money (json, invoice->total, currency);
  rcv_json_key (json, "lines");
  rcv_json_begin_array (json);
  for (guint i = 0; i < invoice->lines->len; i++)
    {
      RcvInvoiceLine *line = &g_array_index (invoice->lines, RcvInvoiceLine, i);

      rcv_json_begin_object (json);
      rcv_json_key (json, "description");
      rcv_json_string (json, line->description);
      rcv_json_key (json, "quantity_milli");
      rcv_json_int (json, line->quantity_milli);
      rcv_json_key (json, "unit_price");
      rcv_json_money (json, line->unit_price, currency);
      rcv_json_key (json, "tax_bp");
      rcv_json_int (json, line->tax_bp);
      rcv_json_end_object (json);
    }
  rcv_json_end_array (json);
  rcv_json_end_object (json);
  return rcv_json_writer_free_to_string (g_steal_pointer (&json));
}

/* Inside the caller's transaction: the invoice's rows and its audit record. */
gboolean
rcv_ledger_write_invoice (RcvDatabase *db,
                          RcvInvoice  *invoice,
                          GError     **error)
{
  g_autofree char *json = NULL;

  if (!rcv_ledger_insert_invoice_row (db, invoice, error))
    return FALSE;
  json = invoice_to_json (db, invoice);
  return rcv_database_audit (db, "insert", "invoices", invoice->id, NULL, json, error);
}

gboolean
rcv_ledger_add_invoice (RcvDatabase *db,
                        RcvInvoice  *invoice,
                        GError     **error)
{
  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (invoice != NULL, FALSE);

  if (!rcv_database_begin (db, error))
    return FALSE;

  if (!rcv_ledger_write_invoice (db, invoice, error) || !rcv_database_commit (db, error))
    goto fail;
  return TRUE;

fail:
  rcv_database_rollback (db);
  invoice->id = 0;
  return FALSE;
}

static RcvInvoice *
get_invoice (RcvDatabase *db,
             const char  *sql,
             gint64       id,
             const char  *number,
             GError     **error)
{
  g_autoptr(RcvInvoice) invoice = NULL;
  RcvStatement *stmt;

  stmt = rcv_database_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  if (number != NULL)
    rcv_statement_bind_text (stmt, 1, number);
  else
    rcv_statement_bind_int64 (stmt, 1, id);

  if (rcv_statement_step (stmt) != RCV_ROW)
    {
      rcv_statement_reset (stmt);
      if (number != NULL)
        g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_NOT_FOUND,
                     _("There is no invoice “%s”"), number);
      else
        {
          g_autofree char *id_string = rcv_ledger_id_text (id);
          g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_NOT_FOUND,
                       _("There is no invoice number %s"), id_string);
        }
      return NULL;
    }

  invoice = rcv_invoice_new (g_str_equal (rcv_statement_column_text (stmt, 3), "credit-note")
                               ? RCV_INVOICE_KIND_CREDIT_NOTE : RCV_INVOICE_KIND_INVOICE);
  invoice->id = rcv_statement_column_int64 (stmt, 0);
  invoice->number = g_strdup (rcv_statement_column_text (stmt, 1));
  invoice->customer_id = rcv_statement_column_int64 (stmt, 2);
  invoice->status = g_str_equal (rcv_statement_column_text (stmt, 4), "void")
                      ? RCV_INVOICE_STATUS_VOID : RCV_INVOICE_STATUS_POSTED;
  rcv_date_parse_iso (rcv_statement_column_text (stmt, 5), &invoice->issue_date, NULL);
  rcv_date_parse_iso (rcv_statement_column_text (stmt, 6), &invoice->due_date, NULL);
  invoice->total = rcv_statement_column_int64 (stmt, 7);
  invoice->allocated = rcv_statement_column_int64 (stmt, 8);
  invoice->description = g_strdup (rcv_statement_column_text (stmt, 9));
  rcv_statement_reset (stmt);

  stmt = rcv_database_prepare (db,
                               "SELECT description, quantity_milli, unit_price, tax_bp, net, tax"
                               " FROM invoice_lines WHERE invoice_id = ?1 ORDER BY position",
                               error);
  if (stmt == NULL)
    return NULL;
  rcv_statement_bind_int64 (stmt, 1, invoice->id);
  while (rcv_statement_step (stmt) == RCV_ROW)
    {
      RcvInvoiceLine line = { 0 };

      line.description = g_strdup (rcv_statement_column_text (stmt, 0));
      line.quantity_milli = rcv_statement_column_int64 (stmt, 1);
      line.unit_price = rcv_statement_column_int64 (stmt, 2);
      line.tax_bp = rcv_statement_column_int (stmt, 3);
      line.net = rcv_statement_column_int64 (stmt, 4);
      line.tax = rcv_statement_column_int64 (stmt, 5);
      g_array_append_val (invoice->lines, line);
    }
  rcv_statement_reset (stmt);
  return g_steal_pointer (&invoice);
}

#define INVOICE_COLUMNS \
  "SELECT id, number, customer_id, kind, status, issue_date, due_date, total, allocated," \
  " description FROM invoices "

RcvInvoice *
rcv_ledger_get_invoice (RcvDatabase *db,
                        gint64       id,
                        GError     **error)
{
  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);

  return get_invoice (db, INVOICE_COLUMNS "WHERE id = ?1", id, NULL, error);
}

RcvInvoice *
rcv_ledger_find_invoice (RcvDatabase *db,
                         const char  *number,
                         GError     **error)
{
  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);
  g_return_val_if_fail (number != NULL, NULL);

  return get_invoice (db, INVOICE_COLUMNS "WHERE number = ?1", 0, number, error);
}

/* Open amount of an invoice as of a date (NULL: all allocations so far). */
gint64
rcv_ledger_get_open_amount (RcvDatabase *db,
                            gint64       invoice_id,
                            const GDate *as_of)
{
  char date[RCV_ISO_DATE_LEN] = "9999-12-31";
  RcvStatement *stmt;
  gint64 open = 0;

  g_return_val_if_fail (RCV_IS_DATABASE (db), 0);

  if (as_of != NULL)
    rcv_date_to_iso (as_of, date);

  stmt = rcv_database_prepare (db,
                               "SELECT i.total - coalesce ((SELECT sum (a.amount) FROM allocations a"
                               "  WHERE a.invoice_id = i.id AND a.effective_date <= ?2), 0)"
                               " FROM invoices i WHERE i.id = ?1 AND i.issue_date <= ?2"
                               " AND i.status = 'posted'",
                               NULL);
  if (stmt == NULL)
    return 0;
  rcv_statement_bind_int64 (stmt, 1, invoice_id);
  rcv_statement_bind_text (stmt, 2, date);
  if (rcv_statement_step (stmt) == RCV_ROW)
    open = rcv_statement_column_int64 (stmt, 0);
  rcv_statement_reset (stmt);
  return open;
}

/* Voids a posted invoice or credit note that nothing has been allocated to (else a credit
 * note is the way): it stays in the file, out of every balance, with the reason audited. */
gboolean
rcv_ledger_void_invoice (RcvDatabase *db,
                         gint64       invoice_id,
                         const char  *reason,
                         GError     **error)
{
  g_autoptr(RcvInvoice) invoice = NULL;
  g_autoptr(RcvJsonWriter) json = NULL;
  g_autofree char *json_text = NULL;
  g_autofree char *stripped = NULL;
  RcvStatement *stmt;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);

  stripped = g_strstrip (g_strdup (reason != NULL ? reason : ""));
  if (stripped[0] == '\0')
    {
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                           _("reason: is required"));
      return FALSE;
    }
  if (!rcv_database_begin (db, error))
    return FALSE;
  invoice = rcv_ledger_get_invoice (db, invoice_id, error);
  if (invoice == NULL)
    goto fail;
  if (invoice->status == RCV_INVOICE_STATUS_VOID)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_CONFLICT, _("“%s” is already void"),
                   invoice->number);
      goto fail;
    }
  if (invoice->allocated != 0)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_CONFLICT,
                   _("“%s” has payments or credit allocated to it: issue a credit note instead"),
                   invoice->number);
      goto fail;
    }

  stmt = rcv_database_prepare (db, "UPDATE invoices SET status = 'void' WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  rcv_statement_bind_int64 (stmt, 1, invoice_id);
  if (!rcv_database_step_done (db, stmt, error))
    goto fail;

  json = rcv_json_writer_new (FALSE);
  rcv_json_begin_object (json);
  rcv_json_key (json, "number");
  rcv_json_string (json, invoice->number);
  rcv_json_key (json, "status");
  rcv_json_string (json, "void");
  rcv_json_key (json, "reason");
  rcv_json_string (json, stripped);
  rcv_json_end_object (json);
  json_text = rcv_json_writer_free_to_string (g_steal_pointer (&json));
  if (!rcv_database_audit (db, "void", "invoices", invoice_id, NULL, json_text, error) ||
      !rcv_database_commit (db, error))
    goto fail;
  return TRUE;

fail:
  rcv_database_rollback (db);
  return FALSE;
}
