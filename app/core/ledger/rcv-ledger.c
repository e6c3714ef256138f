/* rcv-ledger.c - customers, invoices and their lines, credit notes, payments, allocations
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

/* Record numbers in messages as text: G_GINT64_FORMAT cannot stand inside a translatable
 * string, since xgettext does not expand macros. */
static char *
id_text (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

static void
line_clear (gpointer data)
{
  RcvInvoiceLine *line = data;

  g_clear_pointer (&line->description, g_free);
}

/* The bit length of the days a document stays open: class c holds intervals of
 * [2^(c-1), 2^c) days, so a document of class c open at D started after D − 2^c. Class 0
 * was never open; RCV_SPAN_OPEN has not been settled. */
guint
rcv_span_class (guint32 start_julian,
                guint32 settled_julian)
{
  guint32 length;
  guint c = 0;

  if (settled_julian == 0)
    return RCV_SPAN_OPEN;
  if (settled_julian <= start_julian)
    return 0;

  length = settled_julian - start_julian;
  while (length > 0)
    {
      c++;
      length >>= 1;
    }
  return MIN (c, RCV_SPAN_MAX_FINITE);
}

gboolean
rcv_ledger_check_text (const char  *value,
                       gboolean     required,
                       gsize        max_length,
                       const char  *field_name,
                       const char **field,
                       GError     **error)
{
  const char *v = value != NULL ? value : "";
  g_autofree char *trimmed = g_strstrip (g_strdup (v));

  if (required && trimmed[0] == '\0')
    {
      *field = field_name;
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID, _("is required"));
      return FALSE;
    }
  if (!g_utf8_validate (v, -1, NULL) || g_utf8_strlen (v, -1) > (glong) max_length)
    {
      *field = field_name;
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                   _("is longer than %u characters"), (guint) max_length);
      return FALSE;
    }
  return TRUE;
}

RcvCustomer *
rcv_customer_new (void)
{
  RcvCustomer *customer = g_new0 (RcvCustomer, 1);

  customer->credit_limit = -1;
  customer->terms_days = -1;
  return customer;
}

void
rcv_customer_free (RcvCustomer *customer)
{
  if (customer == NULL)
    return;
  g_free (customer->code);
  g_free (customer->name);
  g_free (customer->email);
  g_free (customer->phone);
  g_free (customer->address);
  g_free (customer);
}

/* On failure, *field names the offending field as in the CSV header. */
gboolean
rcv_customer_validate (const RcvCustomer *customer,
                       const char       **field,
                       GError           **error)
{
  const char *unused;

  g_return_val_if_fail (customer != NULL, FALSE);

  if (field == NULL)
    field = &unused;

  if (!rcv_ledger_check_text (customer->code, TRUE, RCV_MAX_CODE_LENGTH, "id", field, error) ||
      !rcv_ledger_check_text (customer->name, TRUE, RCV_MAX_TEXT_LENGTH, "name", field, error) ||
      !rcv_ledger_check_text (customer->email, FALSE, 320, "email", field, error) ||
      !rcv_ledger_check_text (customer->phone, FALSE, 64, "phone", field, error) ||
      !rcv_ledger_check_text (customer->address, FALSE, RCV_MAX_TEXT_LENGTH, "address", field,
                              error))
    return FALSE;

  for (const char *p = customer->code; *p; p++)
    if (g_ascii_iscntrl (*p))
      {
        *field = "id";
        g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                             _("contains a control character"));
        return FALSE;
      }

  if (customer->email != NULL && customer->email[0] != '\0' &&
      (strchr (customer->email, '@') == NULL || strchr (customer->email, ' ') != NULL))
    {
      *field = "email";
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                   _("“%s” is not an email address"), customer->email);
      return FALSE;
    }
  if (customer->terms_days < -1 || customer->terms_days > RCV_MAX_TERMS_DAYS)
    {
      *field = "terms_days";
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                   _("must be between 0 and %d days"), RCV_MAX_TERMS_DAYS);
      return FALSE;
    }
  if (customer->credit_limit < -1 || customer->credit_limit > RCV_MONEY_MAX)
    {
      *field = "credit_limit";
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                           _("must not be negative"));
      return FALSE;
    }
  return TRUE;
}

RcvInvoice *
rcv_invoice_new (RcvInvoiceKind kind)
{
  RcvInvoice *invoice = g_new0 (RcvInvoice, 1);

  invoice->kind = kind;
  invoice->status = RCV_INVOICE_STATUS_POSTED;
  g_date_clear (&invoice->issue_date, 1);
  g_date_clear (&invoice->due_date, 1);
  invoice->lines = g_array_new (FALSE, TRUE, sizeof (RcvInvoiceLine));
  g_array_set_clear_func (invoice->lines, line_clear);
  return invoice;
}

void
rcv_invoice_free (RcvInvoice *invoice)
{
  if (invoice == NULL)
    return;
  g_free (invoice->number);
  g_free (invoice->description);
  g_array_unref (invoice->lines);
  g_free (invoice);
}

void
rcv_invoice_add_line (RcvInvoice *invoice,
                      const char *description,
                      gint64      quantity_milli,
                      gint64      unit_price,
                      gint        tax_bp)
{
  RcvInvoiceLine line = { 0 };

  g_return_if_fail (invoice != NULL);

  line.description = g_strdup (description != NULL ? description : "");
  line.quantity_milli = quantity_milli;
  line.unit_price = unit_price;
  line.tax_bp = tax_bp;
  g_array_append_val (invoice->lines, line);
}

/* Line net = round (quantity × price); line tax = round (net × rate); total = Σ (net + tax). */
gboolean
rcv_invoice_compute_totals (RcvInvoice  *invoice,
                            GError     **error)
{
  gint64 total = 0;

  g_return_val_if_fail (invoice != NULL, FALSE);

  for (guint i = 0; i < invoice->lines->len; i++)
    {
      RcvInvoiceLine *line = &g_array_index (invoice->lines, RcvInvoiceLine, i);

      if (!rcv_mul_div_round (line->quantity_milli, line->unit_price, 1000, &line->net) ||
          !rcv_mul_div_round (line->net, line->tax_bp, 10000, &line->tax) ||
          line->net > RCV_MONEY_MAX || line->net < -RCV_MONEY_MAX ||
          (total += line->net + line->tax) > RCV_MONEY_MAX || total < -RCV_MONEY_MAX)
        {
          g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                       _("line %u: the amount is too large"), i + 1);
          return FALSE;
        }
    }

  invoice->total = total;
  return TRUE;
}

gboolean
rcv_invoice_validate (RcvInvoice  *invoice,
                      const char **field,
                      GError     **error)
{
  const char *unused;

  g_return_val_if_fail (invoice != NULL, FALSE);

  if (field == NULL)
    field = &unused;

  if (!rcv_ledger_check_text (invoice->number, TRUE, RCV_MAX_CODE_LENGTH, "number", field, error) ||
      !rcv_ledger_check_text (invoice->description, FALSE, RCV_MAX_TEXT_LENGTH, "description", field,
                   error))
    return FALSE;

  if (!g_date_valid (&invoice->issue_date))
    {
      *field = "issue_date";
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID, _("is required"));
      return FALSE;
    }
  if (!g_date_valid (&invoice->due_date))
    {
      *field = "due_date";
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID, _("is required"));
      return FALSE;
    }
  /* a date computed past 9999-12-31 (a due date from the terms) would be stored wrapped */
  if (!rcv_date_in_range (&invoice->issue_date) || !rcv_date_in_range (&invoice->due_date))
    {
      *field = rcv_date_in_range (&invoice->issue_date) ? "due_date" : "issue_date";
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                           _("is outside 1900-01-01 to 9999-12-31, the dates Receivables keeps"));
      return FALSE;
    }
  if (g_date_compare (&invoice->due_date, &invoice->issue_date) < 0)
    {
      *field = "due_date";
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                           _("is before the issue date"));
      return FALSE;
    }
  if (invoice->lines->len == 0)
    {
      *field = "lines";
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                           _("an invoice needs at least one line"));
      return FALSE;
    }
  for (guint i = 0; i < invoice->lines->len; i++)
    {
      RcvInvoiceLine *line = &g_array_index (invoice->lines, RcvInvoiceLine, i);

      if (line->tax_bp < 0 || line->tax_bp > 10000)
        {
          *field = "tax_rate";
          g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                               /* xgettext:no-c-format */
                               _("must be between 0 and 100 %"));
          return FALSE;
        }
      if (line->quantity_milli > RCV_MAX_QUANTITY_MILLI ||
          line->quantity_milli < -RCV_MAX_QUANTITY_MILLI ||
          line->unit_price > RCV_MONEY_MAX || line->unit_price < -RCV_MONEY_MAX)
        {
          *field = "amount";
          g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                       _("line %u: the amount is too large"), i + 1);
          return FALSE;
        }
    }

  if (!rcv_invoice_compute_totals (invoice, error))
    {
      *field = "amount";
      return FALSE;
    }

  if (invoice->kind == RCV_INVOICE_KIND_INVOICE && invoice->total < 0)
    {
      *field = "amount";
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                           _("an invoice cannot be negative: enter a credit note instead"));
      return FALSE;
    }
  /* nothing owed is no invoice, nothing credited no credit note: the rule is here, which the
   * editor, the import and every write go through */
  if (invoice->kind == RCV_INVOICE_KIND_INVOICE && invoice->total == 0)
    {
      *field = "amount";
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                           _("an invoice's total must be above zero"));
      return FALSE;
    }
  if (invoice->kind == RCV_INVOICE_KIND_CREDIT_NOTE && invoice->total >= 0)
    {
      *field = "amount";
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                           _("a credit note's total must be negative"));
      return FALSE;
    }
  return TRUE;
}

RcvPayment *
rcv_payment_new (void)
{
  RcvPayment *payment = g_new0 (RcvPayment, 1);

  g_date_clear (&payment->date, 1);
  return payment;
}

void
rcv_payment_free (RcvPayment *payment)
{
  if (payment == NULL)
    return;
  g_free (payment->method);
  g_free (payment->reference);
  g_free (payment);
}

gboolean
rcv_payment_validate (const RcvPayment *payment,
                      const char      **field,
                      GError          **error)
{
  const char *unused;

  g_return_val_if_fail (payment != NULL, FALSE);

  if (field == NULL)
    field = &unused;

  if (!g_date_valid (&payment->date))
    {
      *field = "date";
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID, _("is required"));
      return FALSE;
    }
  if (payment->amount <= 0)
    {
      *field = "amount";
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                           _("a payment must be more than zero"));
      return FALSE;
    }
  if (payment->amount > RCV_MONEY_MAX)
    {
      *field = "amount";
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                           _("the amount is too large"));
      return FALSE;
    }
  return rcv_ledger_check_text (payment->method, FALSE, 64, "method", field, error) &&
         rcv_ledger_check_text (payment->reference, FALSE, RCV_MAX_TEXT_LENGTH, "reference", field, error);
}

gboolean
rcv_ledger_is_empty (RcvDatabase *db)
{
  RcvStatement *stmt;
  gboolean empty = TRUE;

  g_return_val_if_fail (RCV_IS_DATABASE (db), TRUE);

  stmt = rcv_database_prepare (db,
                               "SELECT EXISTS (SELECT 1 FROM customers)"
                               " OR EXISTS (SELECT 1 FROM invoices)"
                               " OR EXISTS (SELECT 1 FROM payments)",
                               NULL);
  if (stmt != NULL && rcv_statement_step (stmt) == RCV_ROW)
    empty = rcv_statement_column_int (stmt, 0) == 0;
  if (stmt != NULL)
    rcv_statement_reset (stmt);
  return empty;
}

static gboolean
is_unique_violation (RcvDatabase *db)
{
  return rcv_database_get_constraint (db) == RCV_CONSTRAINT_UNIQUE;
}

/* ---- customers ---------------------------------------------------------------------- */

gboolean
rcv_ledger_insert_customer_row (RcvDatabase *db,
                                RcvCustomer *customer,
                                GError     **error)
{
  RcvStatement *stmt;
  const char *field;
  g_autoptr(GError) local_error = NULL;

  if (!rcv_customer_validate (customer, &field, &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", field);
      return FALSE;
    }

  stmt = rcv_database_prepare (db,
                               "INSERT INTO customers (code, name, email, phone, address,"
                               " policy_id, credit_limit, terms_days, archived)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                               error);
  if (stmt == NULL)
    return FALSE;

  rcv_statement_bind_text (stmt, 1, customer->code);
  rcv_statement_bind_text (stmt, 2, g_strstrip (customer->name));
  rcv_statement_bind_text (stmt, 3, customer->email != NULL ? customer->email : "");
  rcv_statement_bind_text (stmt, 4, customer->phone != NULL ? customer->phone : "");
  rcv_statement_bind_text (stmt, 5, customer->address != NULL ? customer->address : "");
  if (customer->policy_id > 0)
    rcv_statement_bind_int64 (stmt, 6, customer->policy_id);
  if (customer->credit_limit >= 0)
    rcv_statement_bind_int64 (stmt, 7, customer->credit_limit);
  if (customer->terms_days >= 0)
    rcv_statement_bind_int (stmt, 8, customer->terms_days);
  rcv_statement_bind_int (stmt, 9, customer->archived ? 1 : 0);

  if (rcv_statement_step (stmt) != RCV_DONE)
    {
      if (is_unique_violation (db))
        g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_DUPLICATE,
                     _("id: a customer with the ID “%s” already exists"), customer->code);
      else
        rcv_database_set_error (db, error);
      rcv_statement_reset (stmt);
      return FALSE;
    }
  rcv_statement_reset (stmt);
  customer->id = rcv_database_last_insert_id (db);
  return TRUE;
}

static char *
customer_to_json (const RcvCustomer *customer)
{
  g_autoptr(RcvJsonWriter) json = rcv_json_writer_new (FALSE);

  rcv_json_begin_object (json);
  rcv_json_key (json, "id");
  rcv_json_string (json, customer->code);
  rcv_json_key (json, "name");
  rcv_json_string (json, customer->name);
  rcv_json_key (json, "email");
  rcv_json_string (json, customer->email);
  rcv_json_key (json, "phone");
  rcv_json_string (json, customer->phone);
  rcv_json_key (json, "address");
  rcv_json_string (json, customer->address);
  rcv_json_key (json, "policy_id");
  rcv_json_int (json, customer->policy_id);
  rcv_json_key (json, "credit_limit");
  rcv_json_int (json, customer->credit_limit);
  rcv_json_key (json, "terms_days");
  rcv_json_int (json, customer->terms_days);
  rcv_json_key (json, "archived");
  rcv_json_bool (json, customer->archived);
  rcv_json_end_object (json);
  return rcv_json_writer_free_to_string (g_steal_pointer (&json));
}

gboolean
rcv_ledger_add_customer (RcvDatabase *db,
                         RcvCustomer *customer,
                         GError     **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (customer != NULL, FALSE);

  if (!rcv_database_begin (db, error))
    return FALSE;

  json = customer_to_json (customer);
  if (!rcv_ledger_insert_customer_row (db, customer, error) ||
      !rcv_database_audit (db, "insert", "customers", customer->id, NULL, json, error) ||
      !rcv_database_commit (db, error))
    {
      rcv_database_rollback (db);
      customer->id = 0;
      return FALSE;
    }
  return TRUE;
}

/* Changes a customer's details: one transaction, with the old and new values in the audit
 * table. The customer must exist; its ID (code) may change if the new one is free. */
gboolean
rcv_ledger_update_customer (RcvDatabase       *db,
                            const RcvCustomer *customer,
                            GError           **error)
{
  g_autoptr(RcvCustomer) old = NULL;
  g_autoptr(RcvCustomer) stored = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;
  g_autofree char *name = NULL;
  const char *field;
  RcvStatement *stmt;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (customer != NULL && customer->id > 0, FALSE);

  if (!rcv_customer_validate (customer, &field, &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", field);
      return FALSE;
    }
  if (!rcv_database_begin (db, error))
    return FALSE;

  old = rcv_ledger_get_customer (db, customer->id, error);
  if (old == NULL)
    goto fail;

  stmt = rcv_database_prepare (db,
                               "UPDATE customers SET code = ?2, name = ?3, email = ?4, phone = ?5,"
                               " address = ?6, policy_id = ?7, credit_limit = ?8, terms_days = ?9,"
                               " archived = ?10 WHERE id = ?1",
                               error);
  if (stmt == NULL)
    goto fail;
  name = g_strstrip (g_strdup (customer->name));
  rcv_statement_bind_int64 (stmt, 1, customer->id);
  rcv_statement_bind_text (stmt, 2, customer->code);
  rcv_statement_bind_text (stmt, 3, name);
  rcv_statement_bind_text (stmt, 4, customer->email != NULL ? customer->email : "");
  rcv_statement_bind_text (stmt, 5, customer->phone != NULL ? customer->phone : "");
  rcv_statement_bind_text (stmt, 6, customer->address != NULL ? customer->address : "");
  if (customer->policy_id > 0)
    rcv_statement_bind_int64 (stmt, 7, customer->policy_id);
  if (customer->credit_limit >= 0)
    rcv_statement_bind_int64 (stmt, 8, customer->credit_limit);
  if (customer->terms_days >= 0)
    rcv_statement_bind_int (stmt, 9, customer->terms_days);
  rcv_statement_bind_int (stmt, 10, customer->archived ? 1 : 0);
  if (rcv_statement_step (stmt) != RCV_DONE)
    {
      if (is_unique_violation (db))
        g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_DUPLICATE,
                     _("id: a customer with the ID “%s” already exists"), customer->code);
      else
        rcv_database_set_error (db, error);
      rcv_statement_reset (stmt);
      goto fail;
    }
  rcv_statement_reset (stmt);

  /* the values as stored (the name trimmed), read back inside the transaction */
  stored = rcv_ledger_get_customer (db, customer->id, error);
  if (stored == NULL)
    goto fail;
  old_json = customer_to_json (old);
  new_json = customer_to_json (stored);
  if (!rcv_database_audit (db, "update", "customers", customer->id, old_json, new_json, error) ||
      !rcv_database_commit (db, error))
    goto fail;
  return TRUE;

fail:
  rcv_database_rollback (db);
  return FALSE;
}

/* Archives a customer (hidden from the everyday lists, kept with its history), or brings it
 * back; the undo of an archive is the same call with FALSE. */
gboolean
rcv_ledger_set_customer_archived (RcvDatabase *db,
                                  gint64       customer_id,
                                  gboolean     archived,
                                  GError     **error)
{
  g_autoptr(RcvCustomer) customer = NULL;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);

  customer = rcv_ledger_get_customer (db, customer_id, error);
  if (customer == NULL)
    return FALSE;
  if (customer->archived == !!archived)
    return TRUE;
  customer->archived = !!archived;
  return rcv_ledger_update_customer (db, customer, error);
}

static RcvCustomer *
customer_from_row (RcvStatement *stmt)
{
  RcvCustomer *customer = rcv_customer_new ();

  customer->id = rcv_statement_column_int64 (stmt, 0);
  customer->code = g_strdup (rcv_statement_column_text (stmt, 1));
  customer->name = g_strdup (rcv_statement_column_text (stmt, 2));
  customer->email = g_strdup (rcv_statement_column_text (stmt, 3));
  customer->phone = g_strdup (rcv_statement_column_text (stmt, 4));
  customer->address = g_strdup (rcv_statement_column_text (stmt, 5));
  customer->policy_id = rcv_statement_column_int64 (stmt, 6);
  customer->credit_limit =
    rcv_statement_column_is_null (stmt, 7) ? -1 : rcv_statement_column_int64 (stmt, 7);
  customer->terms_days =
    rcv_statement_column_is_null (stmt, 8) ? -1 : rcv_statement_column_int (stmt, 8);
  customer->archived = rcv_statement_column_int (stmt, 9) != 0;
  return customer;
}

#define CUSTOMER_COLUMNS \
  "SELECT id, code, name, email, phone, address, policy_id, credit_limit, terms_days, archived" \
  " FROM customers "

RcvCustomer *
rcv_ledger_get_customer (RcvDatabase *db,
                         gint64       id,
                         GError     **error)
{
  RcvStatement *stmt;
  RcvCustomer *customer = NULL;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);

  stmt = rcv_database_prepare (db, CUSTOMER_COLUMNS "WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  rcv_statement_bind_int64 (stmt, 1, id);
  if (rcv_statement_step (stmt) == RCV_ROW)
    customer = customer_from_row (stmt);
  else
    {
      g_autofree char *id_string = id_text (id);
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_NOT_FOUND,
                   _("There is no customer number %s"), id_string);
    }
  rcv_statement_reset (stmt);
  return customer;
}

RcvCustomer *
rcv_ledger_find_customer (RcvDatabase *db,
                          const char  *code,
                          GError     **error)
{
  RcvStatement *stmt;
  RcvCustomer *customer = NULL;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  stmt = rcv_database_prepare (db, CUSTOMER_COLUMNS "WHERE code = ?1", error);
  if (stmt == NULL)
    return NULL;
  rcv_statement_bind_text (stmt, 1, code);
  if (rcv_statement_step (stmt) == RCV_ROW)
    customer = customer_from_row (stmt);
  else
    g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_NOT_FOUND,
                 _("There is no customer with the ID “%s”"), code);
  rcv_statement_reset (stmt);
  return customer;
}

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
          g_autofree char *id_string = id_text (id);
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
        g_autofree char *id_string = id_text (payment_id);
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
        g_autofree char *id_string = id_text (invoice_id);
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
        g_autofree char *id_string = id_text (id);
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
