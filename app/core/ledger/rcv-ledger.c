/* rcv-ledger.c - the ledger's records: customers, invoices and their lines, credit notes,
 * payments; their checks
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The records are written and read in rcv-ledger-customers.c, rcv-ledger-invoices.c and
 * rcv-ledger-payments.c (with the allocation rules).
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

/* Record numbers in messages as text: G_GINT64_FORMAT cannot stand inside a translatable
 * string, since xgettext does not expand macros. */
char *
rcv_ledger_id_text (gint64 id)
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

gboolean
rcv_ledger_is_unique_violation (RcvDatabase *db)
{
  return rcv_database_get_constraint (db) == RCV_CONSTRAINT_UNIQUE;
}
