/* rcv-import-invoices.c - a CSV import's invoices and credit notes:
 * checked rows, in bulk mode written in batches on a thread of their own
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rcv-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rcv-collections.h"
#include "rcv-date.h"
#include "rcv-error.h"
#include "rcv-import-private.h"
#include "rcv-ledger-private.h"
#include "rcv-policy.h"
#include "rcv-posting.h"
#include "rcv-schema.h"

static const char *const bulk_indexes_unsorted_invoices[] = { "invoices_open", NULL };

/* A row that wrote (or, in bulk mode, will write) the document `id`. */
static void
invoice_imported (Import *import,
                  gint64  id,
                  guint   line)
{
  const char *applies_to = rcv_import_field (import, I_APPLIES_TO);

  rcv_import_note_new_row (import, id, line);
  import->report->n_imported++;
  if (applies_to[0] != '\0')
    {
      PendingCredit pending = { id, g_strstrip (g_strdup (applies_to)), line };
      g_array_append_val (import->pending_credits, pending);
    }
}

/* Bulk mode: the rows of a batch, for one statement that writes them all (rcv-bulk.c). */
typedef struct
{
  InvoiceBatch *batch;
  guint next;
  NewInvoice *row;
} InvoiceCursor;

static gboolean
invoice_cursor_next (gpointer data)
{
  InvoiceCursor *self = data;
  GArray *rows = self->batch->rows;

  if (self->next >= rows->len)
    return FALSE;
  self->row = &g_array_index (rows, NewInvoice, self->next);
  self->next++;
  return TRUE;
}

/* Only the invoices that were written get their line. */
static gboolean
invoice_cursor_next_written (gpointer data)
{
  InvoiceCursor *self = data;

  while (invoice_cursor_next (data))
    if (self->row->written)
      return TRUE;
  return FALSE;
}

static void
invoice_cursor_text (InvoiceCursor   *self,
                     guint32          offset,
                     RcvBulkCell     *context)
{
  /* the batch's texts do not move while its statement runs */
  rcv_bulk_result_static_text (context, self->batch->strings->str + offset);
}

/* As rcv_ledger_insert_invoice_row () writes them. */
static void
invoice_cursor_column (gpointer         data,
                       int              column,
                       RcvBulkCell     *context)
{
  InvoiceCursor *self = data;
  const NewInvoice *row = self->row;

  switch (column)
    {
    case 0: rcv_bulk_result_int64 (context, row->id); break;
    case 1: invoice_cursor_text (self, row->number, context); break;
    case 2: rcv_bulk_result_int64 (context, row->customer_id); break;
    case 3:
      rcv_bulk_result_static_text (context,
                                   rcv_enum_to_nick (RCV_TYPE_INVOICE_KIND,
                                                     row->credit_note
                                                     ? RCV_INVOICE_KIND_CREDIT_NOTE
                                                     : RCV_INVOICE_KIND_INVOICE));
      break;
    case 4: rcv_bulk_result_date (context, row->issue); break;
    case 5: rcv_bulk_result_date (context, row->due); break;
    case 6: rcv_bulk_result_int64 (context, row->total); break;
    /* nothing to settle: never open */
    case 7: rcv_bulk_result_date (context, row->total == 0 ? row->issue : 0); break;
    case 8: rcv_bulk_result_int (context, row->total == 0 ? 0 : RCV_SPAN_OPEN); break;
    case 9: invoice_cursor_text (self, row->description, context); break;
    default: rcv_bulk_result_null (context); break;
    }
}

static void
invoice_cursor_line_column (gpointer         data,
                            int              column,
                            RcvBulkCell     *context)
{
  InvoiceCursor *self = data;
  const NewInvoice *row = self->row;

  switch (column)
    {
    case 0: rcv_bulk_result_int64 (context, row->id); break;
    case 1: invoice_cursor_text (self, row->description, context); break;
    case 2: rcv_bulk_result_int64 (context, row->unit_price); break;
    case 3: rcv_bulk_result_int (context, row->tax_bp); break;
    case 4: rcv_bulk_result_int64 (context, row->net); break;
    case 5: rcv_bulk_result_int64 (context, row->tax); break;
    default: rcv_bulk_result_null (context); break;
    }
}

/* A credit note that was not written applies to nothing. */
static void
forget_pending_credit (Import *import,
                       gint64  credit_note_id)
{
  for (guint i = import->pending_credits->len; i > 0; i--)
    if (g_array_index (import->pending_credits, PendingCredit, i - 1).credit_note_id ==
        credit_note_id)
      {
        g_array_remove_index (import->pending_credits, i - 1);
        return;
      }
}

/* On the writing thread: the batch's invoices, then their lines. A row the table refuses (a
 * number the company file or an earlier row already has) is noted, and the rest of the batch
 * goes on, so that every such row is named; FALSE only when the file itself fails. */
static gpointer
write_invoice_batch_held (InvoiceBatch *batch)
{
  Import *import = batch->import;
  InvoiceCursor cursor = { batch, 0, NULL };
  RcvBulkSource invoices = { invoice_cursor_next, invoice_cursor_column, &cursor };
  RcvBulkSource lines = { invoice_cursor_next_written, invoice_cursor_line_column, &cursor };

  if (batch->drop_open_index && !import->open_index_dropped)
    {
      if (!rcv_import_drop_indexes (import, bulk_indexes_unsorted_invoices, &batch->error))
        return GINT_TO_POINTER (FALSE);
      import->open_index_dropped = TRUE;
    }

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      Refusal refusal = { 0 };
      RcvConstraint constraint;

      /* OR FAIL: a refused row ends the statement and keeps the rows before it, without the
       * statement journal that undoing them would need */
      if (rcv_bulk_run (import_db (import),
                        "INSERT OR FAIL INTO invoices (id, number, customer_id, kind, status,"
                        " issue_date, due_date, total, allocated, settled_date, span_class,"
                        " description) SELECT c0, c1, c2, c3, 'posted', c4, c5, c6, 0, c7, c8, c9"
                        " FROM rcv_rows (?1)",
                        &invoices, &local_error))
        break;
      constraint = rcv_database_get_constraint (import_db (import));
      if (constraint == RCV_CONSTRAINT_NONE || cursor.row == NULL)
        {
          g_propagate_error (&batch->error, g_steal_pointer (&local_error));
          return GINT_TO_POINTER (FALSE);
        }

      cursor.row->written = FALSE;
      refusal.index = cursor.next - 1;
      if (constraint == RCV_CONSTRAINT_UNIQUE || constraint == RCV_CONSTRAINT_PRIMARY_KEY)
        refusal.existing_id = rcv_import_find_row_id (import, FIND_INVOICE_SQL,
                                                      batch->strings->str + cursor.row->number);
      else
        refusal.error = g_steal_pointer (&local_error);
      g_array_append_val (batch->refusals, refusal);
      cursor.row = NULL;   /* the statement goes on after it */
    }

  cursor.next = 0;
  return GINT_TO_POINTER (rcv_bulk_run (import_db (import),
                                        "INSERT OR FAIL INTO invoice_lines (invoice_id, position,"
                                        " description, quantity_milli, unit_price, tax_bp, net,"
                                        " tax) SELECT c0, 1, c1, 1000, c2, c3, c4, c5"
                                        " FROM rcv_rows (?1)",
                                        &lines, &batch->error));
}

/* The writing thread: it holds the connection while it writes the batch. */
static gpointer
write_invoice_batch (gpointer data)
{
  InvoiceBatch *batch = data;
  gpointer ok;

  rcv_connection_holder_acquire (&batch->import->connection);
  ok = write_invoice_batch_held (batch);
  rcv_connection_holder_release (&batch->import->connection);
  return ok;
}

/* Waits for the batch being written, if any, and reports the rows it refused; the batch is
 * then empty, for the reading thread to fill again. */
gboolean
rcv_import_finish_invoice_batch (Import  *import,
                                 GError **error)
{
  InvoiceBatch *batch = import->writing;
  gboolean ok;

  if (batch == NULL)
    return TRUE;
  ok = GPOINTER_TO_INT (g_thread_join (g_steal_pointer (&import->writer)));
  rcv_connection_holder_acquire (&import->connection);
  import->writing = NULL;

  for (guint i = 0; i < batch->refusals->len; i++)
    {
      Refusal *refusal = &g_array_index (batch->refusals, Refusal, i);
      const NewInvoice *row = &g_array_index (batch->rows, NewInvoice, refusal->index);

      forget_pending_credit (import, row->id);
      if (refusal->error != NULL)
        {
          rcv_import_ledger_problem (import, row->line, refusal->error);
          g_clear_error (&refusal->error);
        }
      else
        rcv_import_duplicate_problem (import, row->line, "number",
                                      batch->strings->str + row->number, refusal->existing_id);
    }
  /* the problems of the rows read meanwhile came first: all in line order again */
  rcv_import_order_problems (import, 0);

  g_array_set_size (batch->refusals, 0);
  g_array_set_size (batch->rows, 0);
  g_string_truncate (batch->strings, 0);
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&batch->error));
  return ok;
}

/* Hands the batch read to a writing thread, once the one before it is written, and reads the
 * next into the other. */
gboolean
rcv_import_write_invoice_batch_async (Import  *import,
                                      GError **error)
{
  InvoiceBatch *batch = import->reading;

  if (!rcv_import_finish_invoice_batch (import, error))
    return FALSE;
  if (batch->rows->len == 0)
    return TRUE;

  batch->drop_open_index = import->unsorted;
  import->writing = batch;
  rcv_connection_holder_release (&import->connection);
  import->writer = g_thread_new ("rcv-import", write_invoice_batch, batch);
  import->reading = batch == &import->batches[0] ? &import->batches[1] : &import->batches[0];
  return TRUE;
}

void
rcv_import_invoice_batch_init (InvoiceBatch *batch,
                               Import       *import)
{
  batch->import = import;
  batch->rows = g_array_sized_new (FALSE, FALSE, sizeof (NewInvoice), INVOICE_BATCH);
  batch->strings = g_string_new (NULL);
  batch->refusals = g_array_new (FALSE, FALSE, sizeof (Refusal));
}

void
rcv_import_invoice_batch_clear (InvoiceBatch *batch)
{
  if (batch->rows == NULL)
    return;
  g_array_unref (batch->refusals);
  g_array_unref (batch->rows);
  g_string_free (batch->strings, TRUE);
  g_clear_error (&batch->error);
}

/* Bulk mode: checks the row as the ledger would, and adds it to the batch. */
static void
add_pending_invoice (Import     *import,
                     RcvInvoice *invoice,
                     guint       line)
{
  g_autoptr(GError) local_error = NULL;
  InvoiceBatch *batch = import->reading;
  const RcvInvoiceLine *first;
  const char *field_name;
  NewInvoice row = { 0 };

  if (!rcv_invoice_validate (invoice, &field_name, &local_error))
    {
      g_prefix_error (&local_error, "%s: ", field_name);
      rcv_import_ledger_problem (import, line, local_error);
      return;
    }

  first = &g_array_index (invoice->lines, RcvInvoiceLine, 0);
  row.id = import->next_invoice_id++;
  row.customer_id = invoice->customer_id;
  row.unit_price = first->unit_price;
  row.net = first->net;
  row.tax = first->tax;
  row.total = invoice->total;
  row.issue = g_date_get_julian (&invoice->issue_date);
  row.due = g_date_get_julian (&invoice->due_date);
  row.line = line;
  row.tax_bp = first->tax_bp;
  row.credit_note = invoice->kind == RCV_INVOICE_KIND_CREDIT_NOTE;
  row.written = TRUE;   /* until its batch's statement refuses it */
  if (row.issue < import->last_issue)
    import->unsorted = TRUE;
  import->last_issue = row.issue;
  row.number = (guint32) batch->strings->len;
  g_string_append_len (batch->strings, invoice->number, strlen (invoice->number) + 1);
  row.description = (guint32) batch->strings->len;
  g_string_append_len (batch->strings, invoice->description, strlen (invoice->description) + 1);
  g_array_append_val (batch->rows, row);
  invoice_imported (import, row.id, line);
}

void
rcv_import_invoice_row (Import *import,
                        guint   line)
{
  g_autoptr(RcvInvoice) invoice = NULL;
  g_autoptr(GError) local_error = NULL;
  const CustomerInfo *customer;
  const char *tax_rate = rcv_import_field (import, I_TAX_RATE);
  const char *applies_to = rcv_import_field (import, I_APPLIES_TO);
  g_autofree char *number = g_strstrip (g_strdup (rcv_import_field (import, I_NUMBER)));
  g_autofree char *customer_code = g_strstrip (g_strdup (rcv_import_field (import, I_CUSTOMER_ID)));
  guint n_before = import->report->n_problems;
  GDate issue, due;
  gint64 amount = 0;
  gint tax_bp = 0;

  g_date_clear (&issue, 1);
  g_date_clear (&due, 1);

  if (number[0] == '\0')
    rcv_import_row_problem (import, line, "number", _("is required"));
  customer = rcv_import_lookup_customer (import, line, customer_code);
  rcv_import_parse_date (import, line, I_ISSUE_DATE, &issue);
  rcv_import_parse_amount (import, line, I_AMOUNT, &amount);
  if (rcv_import_field (import, I_DUE_DATE)[0] != '\0')
    rcv_import_parse_date (import, line, I_DUE_DATE, &due);
  if (tax_rate[0] != '\0' && !rcv_percent_parse_plain (tax_rate, &tax_bp, &local_error))
    {
      rcv_import_row_problem (import, line, "tax_rate", "%s", local_error->message);
      g_clear_error (&local_error);
    }
  if (applies_to[0] != '\0' && amount >= 0 && import->report->n_problems == n_before)
    rcv_import_row_problem (import, line, "applies_to",
                            _("only a credit note (a negative amount) applies to an invoice"));

  if (import->report->n_problems != n_before)
    return;

  invoice = rcv_invoice_new (amount < 0 ? RCV_INVOICE_KIND_CREDIT_NOTE : RCV_INVOICE_KIND_INVOICE);
  invoice->number = g_steal_pointer (&number);
  invoice->customer_id = customer->id;
  invoice->issue_date = issue;
  if (g_date_valid (&due))
    invoice->due_date = due;
  else if (invoice->kind == RCV_INVOICE_KIND_CREDIT_NOTE)
    invoice->due_date = issue;   /* credit is not “due”: it counts from its date */
  else
    {
      invoice->due_date = issue;
      if (!rcv_date_add_days (&invoice->due_date, customer->terms, &local_error))
        {
          /* the due date the terms give is the row's problem, at its issue date */
          rcv_import_row_problem (import, line, "issue_date",
                                  _("the due date by the customer's terms: %s"),
                                  local_error->message);
          return;
        }
    }
  invoice->description = g_strdup (rcv_import_field (import, I_DESCRIPTION));
  rcv_invoice_add_line (invoice, invoice->description, 1000, amount, tax_bp);

  if (import->reading != NULL)
    {
      add_pending_invoice (import, invoice, line);
      return;
    }
  if (!rcv_ledger_insert_invoice_row (import_db (import), invoice, &local_error))
    {
      if (g_error_matches (local_error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_DUPLICATE))
        rcv_import_duplicate_problem (import, line, "number", invoice->number,
                                      rcv_import_find_row_id (import, FIND_INVOICE_SQL,
                                                              invoice->number));
      else
        rcv_import_ledger_problem (import, line, local_error);
      return;
    }
  invoice_imported (import, invoice->id, line);
}

gboolean
rcv_import_apply_pending_credits (Import  *import,
                                  GError **error)
{
  for (guint i = 0; i < import->pending_credits->len; i++)
    {
      PendingCredit *pending = &g_array_index (import->pending_credits, PendingCredit, i);
      g_autoptr(RcvInvoice) target = NULL;
      g_autoptr(GError) local_error = NULL;

      target = rcv_ledger_find_invoice (import_db (import), pending->target, NULL);
      if (target == NULL)
        {
          rcv_import_row_problem (import, pending->line, "applies_to",
                                  _("there is no invoice “%s”"), pending->target);
          continue;
        }
      if (!rcv_ledger_allocate_row (import_db (import), RCV_SOURCE_CREDIT_NOTE, pending->credit_note_id,
                                    target->id, 0, TRUE, NULL, &local_error))
        {
          if (local_error->domain != RCV_INPUT_ERROR)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          rcv_import_row_problem (import, pending->line, "applies_to", "%s", local_error->message);
        }
    }
  return TRUE;
}

void
rcv_import_pending_credit_clear (gpointer data)
{
  g_free (((PendingCredit *) data)->target);
}
