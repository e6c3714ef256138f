/* rcv-import-payments.c - a CSV import's payments: the invoices
 * they name (in bulk mode looked up on a thread of their own) and their allocation
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

/* What the checks need of the invoice a payment names: a million payments make a full load
 * per row count. */
#define NAMED_INVOICE_COLUMNS "id, customer_id, kind, status"

/* The invoice a payment names, as a row of NAMED_INVOICE_COLUMNS (all NULL: there is none):
 * NULL when it can take the payment (its ID in `invoice_id`), else what is wrong with it. */
static char *
judge_named_invoice (RcvStatement *row,
                     const char   *number,
                     gint64        customer_id,
                     const char   *customer_code,
                     gint64       *invoice_id)
{
  if (row == NULL || rcv_statement_column_is_null (row, 0))
    return g_strdup_printf (_("there is no invoice “%s”"), number);
  if (!g_str_equal (rcv_statement_column_text (row, 2), "invoice"))
    return g_strdup_printf (_("“%s” is a credit note, not an invoice"), number);
  if (g_str_equal (rcv_statement_column_text (row, 3), "void"))
    return g_strdup_printf (_("invoice “%s” is void"), number);
  if (customer_id != 0 && rcv_statement_column_int64 (row, 1) != customer_id)
    return g_strdup_printf (_("invoice “%s” belongs to another customer, not to “%s”"), number,
                            customer_code);
  *invoice_id = rcv_statement_column_int64 (row, 0);
  return NULL;
}

/* The invoice a payment names, looked up alone: see judge_named_invoice (). */
static char *
check_invoice_number (Import     *import,
                      const char *number,
                      gint64      customer_id,
                      const char *customer_code,
                      gint64     *invoice_id)
{
  RcvStatement *stmt = rcv_database_prepare (import_db (import),
                                             "SELECT " NAMED_INVOICE_COLUMNS
                                             " FROM invoices WHERE number = ?1",
                                             NULL);
  char *problem;

  if (stmt == NULL)
    return judge_named_invoice (NULL, number, customer_id, customer_code, invoice_id);
  rcv_statement_bind_text (stmt, 1, number);
  problem = judge_named_invoice (rcv_statement_step (stmt) == RCV_ROW ? stmt : NULL, number,
                                 customer_id, customer_code, invoice_id);
  rcv_statement_reset (stmt);
  return problem;
}

/* The end of the lookups, for the looking-up thread. */
static LookupBatch end_of_lookups;

static LookupBatch *
lookup_batch_new (void)
{
  LookupBatch *batch = g_new (LookupBatch, 1);

  batch->lookups = g_array_sized_new (FALSE, FALSE, sizeof (Lookup), LOOKUP_BATCH);
  batch->texts = g_string_new (NULL);
  return batch;
}

static void
lookup_batch_free (gpointer data)
{
  LookupBatch *batch = data;

  for (guint i = 0; i < batch->lookups->len; i++)
    g_free (g_array_index (batch->lookups, Lookup, i).problem);
  g_array_unref (batch->lookups);
  g_string_free (batch->texts, TRUE);
  g_free (batch);
}

/* The batch's invoice numbers, for one statement that looks them all up (rcv-bulk.c). */
typedef struct
{
  LookupBatch *batch;
  guint next;
} LookupCursor;

static gboolean
lookup_cursor_next (gpointer data)
{
  LookupCursor *self = data;

  return self->next++ < self->batch->lookups->len;
}

static void
lookup_cursor_column (gpointer         data,
                      int              column,
                      RcvBulkCell     *context)
{
  LookupCursor *self = data;
  const Lookup *lookup = &g_array_index (self->batch->lookups, Lookup, self->next - 1);

  /* the batch's texts do not move while its statement runs */
  rcv_bulk_result_static_text (context, self->batch->texts->str + lookup->number);
}

/* On the looking-up thread: one row per lookup, in their order (a number is unique), through
 * one statement instead of one each. */
static void
resolve_batch (Import      *import,
               LookupBatch *batch)
{
  LookupCursor cursor = { batch, 0 };
  RcvBulkSource source = { lookup_cursor_next, lookup_cursor_column, &cursor };
  RcvStatement *stmt;

  if (batch == &end_of_lookups)
    {
      import->lookups_ended = TRUE;
      return;
    }

  stmt = rcv_bulk_prepare (import_db (import),
                           "SELECT " NAMED_INVOICE_COLUMNS " FROM rcv_rows (?1) AS r"
                           " LEFT JOIN invoices ON invoices.number = r.c0",
                           &source, NULL);
  for (guint i = 0; i < batch->lookups->len; i++)
    {
      Lookup *lookup = &g_array_index (batch->lookups, Lookup, i);
      gboolean row = stmt != NULL && rcv_statement_step (stmt) == RCV_ROW;
      g_autofree char *problem = judge_named_invoice (row ? stmt : NULL,
                                                      batch->texts->str + lookup->number,
                                                      lookup->customer_id,
                                                      batch->texts->str + lookup->customer_code,
                                                      &lookup->invoice_id);

      if (problem != NULL)
        lookup->problem = rcv_import_format_problem (import, lookup->line, "invoice_number",
                                                     problem);
    }
  if (stmt != NULL)
    rcv_bulk_done (stmt);
  g_async_queue_push (import->resolved, batch);
}

/* While the open invoices are read: the batches waiting, so that they do not pile up. */
static void
resolve_waiting (gpointer data)
{
  Import *import = data;
  LookupBatch *batch;

  while (!import->lookups_ended && (batch = g_async_queue_try_pop (import->to_resolve)) != NULL)
    resolve_batch (import, batch);
}

/* The looking-up thread: the invoice numbers of each batch handed over, until the end; and
 * meanwhile the open invoices, which the payments go to once all rows are in. */
static gpointer
resolve_lookups (gpointer data)
{
  Import *import = data;
  RcvOpenInvoices *open;

  rcv_connection_holder_acquire (&import->connection);
  open = rcv_open_invoices_load (&import->connection, resolve_waiting, import,
                                 &import->resolver_error);
  while (!import->lookups_ended)
    resolve_batch (import, g_async_queue_pop (import->to_resolve));
  rcv_connection_holder_release (&import->connection);
  return open;
}

void
rcv_import_start_resolving (Import *import)
{
  import->to_resolve = g_async_queue_new ();
  import->resolved = g_async_queue_new ();
  import->spare_lookups = g_ptr_array_new_with_free_func (lookup_batch_free);
  import->lookups = lookup_batch_new ();
  rcv_connection_holder_release (&import->connection);
  import->resolver = g_thread_new ("rcv-import", resolve_lookups, import);
}

/* A batch back from the looking-up thread: its invoices go to their payments, its problems
 * to the report, in line order with the others. */
static void
merge_lookups (Import      *import,
               LookupBatch *batch)
{
  guint n_problems = import->report->n_problems;

  for (guint i = 0; i < batch->lookups->len; i++)
    {
      Lookup *lookup = &g_array_index (batch->lookups, Lookup, i);

      if (lookup->problem != NULL)
        rcv_import_add_problem (import, lookup->line, g_steal_pointer (&lookup->problem));
      else if (lookup->payment != NO_PAYMENT)
        g_array_index (import->pending_payments, RcvNewPayment, lookup->payment).invoice_id =
          lookup->invoice_id;
    }
  if (import->report->n_problems != n_problems)
    rcv_import_order_problems (import, 0);

  g_array_set_size (batch->lookups, 0);
  g_string_truncate (batch->texts, 0);
  g_ptr_array_add (import->spare_lookups, batch);
  import->n_resolving--;
}

void
rcv_import_hand_over_lookups (Import *import)
{
  LookupBatch *done;

  if (import->lookups->lookups->len == 0)
    return;
  g_async_queue_push (import->to_resolve, import->lookups);
  import->n_resolving++;
  import->lookups = import->spare_lookups->len > 0
                      ? g_ptr_array_steal_index_fast (import->spare_lookups,
                                                      import->spare_lookups->len - 1)
                      : lookup_batch_new ();
  while ((done = g_async_queue_try_pop (import->resolved)) != NULL)
    merge_lookups (import, done);
}

/* The last batch, and the wait for all of them; the connection is the reading thread's
 * again. */
void
rcv_import_finish_resolving (Import *import)
{
  rcv_import_hand_over_lookups (import);
  g_async_queue_push (import->to_resolve, &end_of_lookups);
  while (import->n_resolving > 0)
    merge_lookups (import, g_async_queue_pop (import->resolved));
  rcv_import_order_problems (import, 0);
  import->open = g_thread_join (g_steal_pointer (&import->resolver));
  rcv_connection_holder_acquire (&import->connection);
  g_clear_pointer (&import->lookups, lookup_batch_free);
  g_clear_pointer (&import->spare_lookups, g_ptr_array_unref);
  if (import->open == NULL)
    g_debug ("the open invoices are read again: %s", import->resolver_error->message);
}

/* Bulk mode: the row's invoice number, for the looking-up thread. */
static Lookup *
defer_lookup (Import             *import,
              guint               line,
              const char         *number,
              const CustomerInfo *customer,
              const char         *customer_code)
{
  LookupBatch *batch = import->lookups;
  Lookup lookup = { line, NO_PAYMENT, 0, 0, customer != NULL ? customer->id : 0, 0, NULL };

  lookup.number = (guint32) batch->texts->len;
  g_string_append_len (batch->texts, number, strlen (number) + 1);
  lookup.customer_code = (guint32) batch->texts->len;
  g_string_append_len (batch->texts, customer_code, strlen (customer_code) + 1);
  g_array_append_val (batch->lookups, lookup);
  return &g_array_index (batch->lookups, Lookup, batch->lookups->len - 1);
}

void
rcv_import_payment_row (Import *import,
                        guint   line)
{
  g_autoptr(RcvPayment) payment = rcv_payment_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *customer_code =
    g_strstrip (g_strdup (rcv_import_field (import, P_CUSTOMER_ID)));
  g_autofree char *invoice_number =
    g_strstrip (g_strdup (rcv_import_field (import, P_INVOICE_NUMBER)));
  const CustomerInfo *customer;
  guint n_before = import->report->n_problems;
  RcvNewPayment pending = { 0 };
  Lookup *lookup = NULL;
  RcvStatement *stmt;
  char date[RCV_ISO_DATE_LEN];

  customer = rcv_import_lookup_customer (import, line, customer_code);
  rcv_import_parse_date (import, line, P_DATE, &payment->date);
  if (rcv_import_parse_amount (import, line, P_AMOUNT, &payment->amount) && payment->amount <= 0)
    rcv_import_row_problem (import, line, "amount", _("a payment must be more than zero"));

  if (invoice_number[0] != '\0' && import->lookups != NULL)
    lookup = defer_lookup (import, line, invoice_number, customer, customer_code);
  else if (invoice_number[0] != '\0')
    {
      g_autofree char *problem = check_invoice_number (import, invoice_number,
                                                       customer != NULL ? customer->id : 0,
                                                       customer_code, &pending.invoice_id);

      if (problem != NULL)
        rcv_import_row_problem (import, line, "invoice_number", "%s", problem);
    }

  if (import->report->n_problems != n_before)
    return;

  payment->customer_id = customer->id;
  payment->reference = g_strdup (rcv_import_field (import, P_REFERENCE));
  payment->method = g_strdup (rcv_import_field (import, P_METHOD));

  /* the same file imported twice: a payment the company file already had */
  stmt = !import->had_payments ? NULL : rcv_database_prepare (import_db (import),
                               "SELECT 1 FROM payments WHERE customer_id = ?1 AND date = ?2"
                               " AND amount = ?3 AND reference = ?4 AND id < ?5",
                               NULL);
  if (stmt != NULL)
    {
      gboolean exists;

      rcv_date_to_iso (&payment->date, date);
      rcv_statement_bind_int64 (stmt, 1, payment->customer_id);
      rcv_statement_bind_text (stmt, 2, date);
      rcv_statement_bind_int64 (stmt, 3, payment->amount);
      rcv_statement_bind_text (stmt, 4, payment->reference);
      rcv_statement_bind_int64 (stmt, 5, import->first_new_id > 0 ? import->first_new_id : G_MAXINT64);
      exists = rcv_statement_step (stmt) == RCV_ROW;
      rcv_statement_reset (stmt);
      if (exists)
        {
          rcv_import_row_problem (import, line, NULL,
                                  _("the company file already has this payment (same customer, date, "
                                    "amount and reference)"));
          return;
        }
    }

  pending.date = g_date_get_julian (&payment->date);
  pending.customer_id = payment->customer_id;
  pending.amount = payment->amount;

  if (import->bulk)
    {
      /* written at the end, all at once (rcv-payment-batch.c) */
      pending.reference = (guint32) import->strings->len;
      g_string_append_len (import->strings, payment->reference, strlen (payment->reference) + 1);
      pending.method = (guint32) import->strings->len;
      g_string_append_len (import->strings, payment->method, strlen (payment->method) + 1);
    }
  else
    {
      if (!rcv_ledger_insert_payment_row (import_db (import), payment, &local_error))
        {
          rcv_import_ledger_problem (import, line, local_error);
          return;
        }
      rcv_import_note_new_row (import, payment->id, line);
      pending.payment_id = payment->id;
    }
  import->report->n_imported++;
  if (lookup != NULL)
    lookup->payment = import->pending_payments->len;
  g_array_append_val (import->pending_payments, pending);
}

gboolean
rcv_import_allocate_pending_payments (Import  *import,
                                      GError **error)
{
  if (import->kind != RCV_IMPORT_PAYMENTS)
    return TRUE;
  if (import->bulk)
    {
      g_autoptr(RcvOpenInvoices) open = g_steal_pointer (&import->open);

      /* the looking-up thread could not read them, or there was none */
      if (open == NULL)
        open = rcv_open_invoices_load (&import->connection, NULL, NULL, error);
      return open != NULL &&
             rcv_payment_batch_write (&import->connection, open, import->pending_payments,
                                      import->strings, rcv_import_drop_bulk_indexes, import, error);
    }

  rcv_new_payments_sort (import->pending_payments);
  for (guint i = 0; i < import->pending_payments->len; i++)
    {
      RcvNewPayment *pending = &g_array_index (import->pending_payments, RcvNewPayment, i);
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, pending->date);
      if (!rcv_ledger_allocate_new_payment (import_db (import), pending->payment_id, pending->customer_id,
                                            &date, pending->amount, pending->invoice_id, error))
        return FALSE;
    }
  return TRUE;
}
