/* rcv-payment-batch.c - many new payments, allocated in memory and written in one pass
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The allocation rules are the ledger's (rcv-ledger.c), applied to a whole import at once:
 * payments in date order (ties in file order); a payment that names an invoice goes to it up
 * to its open amount; one that names none goes to the customer's open invoices issued on or
 * before its date, oldest due date first, then issue date, then number; each allocation takes
 * effect on the later of the payment's date and the invoice's issue date.
 *
 * Row by row, a million payments cost a million reads, inserts and updates of payments and
 * invoices. Here the open invoices are read once, in allocation order; each payment is
 * written once with its final state (its ID assigned in file order up front, so that its
 * allocations can be written as they are found); each invoice that changed is updated once,
 * in ID order. A randomized test checks that both ways write the same company file.
 */
#define G_LOG_DOMAIN "rcv-payment-batch"

#include "config.h"

#include <string.h>

#include "rcv-database-private.h"
#include "rcv-date.h"
#include "rcv-ledger-private.h"
#include "rcv-payment-batch.h"

typedef struct
{
  gint64 id;
  gint64 customer_id;
  gint64 total;
  gint64 allocated;
  guint32 issue;       /* Julian days */
  guint32 due;
  guint32 last;        /* latest effective date, 0 for none */
  gboolean changed;
} OpenInvoice;

typedef struct
{
  gint64 invoice_id;
  gint64 amount;
  guint32 effective;
} Allocation;

typedef struct
{
  GArray *invoices;    /* OpenInvoice, by ID: as the table gives them */
  GArray *order;       /* guint32 indices into invoices: customer, due date, issue date, number */
  GArray *found;       /* Allocation: the current payment's, written after the payment */
  GHashTable *cursors; /* customer ID → guint *, its first position in order that may be open */
} OpenInvoices;

static int
compare_payments (gconstpointer a,
                  gconstpointer b)
{
  const RcvNewPayment *pa = a, *pb = b;

  if (pa->date != pb->date)
    return pa->date < pb->date ? -1 : 1;
  return pa->line < pb->line ? -1 : pa->line > pb->line;
}

static int
compare_payment_indices (gconstpointer a,
                         gconstpointer b,
                         gpointer      user_data)
{
  GArray *payments = user_data;

  return compare_payments (&g_array_index (payments, RcvNewPayment, *(const guint32 *) a),
                           &g_array_index (payments, RcvNewPayment, *(const guint32 *) b));
}

/* Date order, ties in file order: the order payments are applied in. */
void
rcv_new_payments_sort (GArray *payments)
{
  g_array_sort (payments, compare_payments);
}

static int
compare_allocation_order (gconstpointer a,
                          gconstpointer b,
                          gpointer      user_data)
{
  GArray *invoices = user_data;
  const OpenInvoice *ia = &g_array_index (invoices, OpenInvoice, *(const guint32 *) a);
  const OpenInvoice *ib = &g_array_index (invoices, OpenInvoice, *(const guint32 *) b);

  if (ia->customer_id != ib->customer_id)
    return ia->customer_id < ib->customer_id ? -1 : 1;
  if (ia->due != ib->due)
    return ia->due < ib->due ? -1 : 1;
  if (ia->issue != ib->issue)
    return ia->issue < ib->issue ? -1 : 1;
  return ia->id < ib->id ? -1 : ia->id > ib->id;   /* for now: see order_ties_by_number () */
}

typedef struct
{
  guint32 index;
  char *number;
} Numbered;

static int
compare_numbered (gconstpointer a,
                  gconstpointer b)
{
  return strcmp (((const Numbered *) a)->number, ((const Numbered *) b)->number);
}

/* Invoices of a customer due and issued on the same days go by number; the few runs of such
 * ties fetch their numbers, instead of every invoice carrying one in memory. */
static gboolean
order_ties_by_number (RcvDatabase  *db,
                      OpenInvoices *open,
                      GError      **error)
{
  guint n = open->order->len;
  guint32 *order = (guint32 *) (gpointer) open->order->data;

  for (guint start = 0; start < n;)
    {
      const OpenInvoice *first = &g_array_index (open->invoices, OpenInvoice, order[start]);
      guint end = start + 1;

      while (end < n)
        {
          const OpenInvoice *next = &g_array_index (open->invoices, OpenInvoice, order[end]);

          if (next->customer_id != first->customer_id || next->due != first->due ||
              next->issue != first->issue)
            break;
          end++;
        }

      if (end - start > 1)
        {
          g_autoptr(GArray) run = g_array_sized_new (FALSE, FALSE, sizeof (Numbered), end - start);

          for (guint i = start; i < end; i++)
            {
              const OpenInvoice *invoice = &g_array_index (open->invoices, OpenInvoice, order[i]);
              sqlite3_stmt *stmt = rcv_database_prepare (db,
                                                         "SELECT number FROM invoices WHERE id = ?1",
                                                         error);
              Numbered entry = { order[i], NULL };

              if (stmt == NULL)
                return FALSE;
              sqlite3_bind_int64 (stmt, 1, invoice->id);
              if (sqlite3_step (stmt) == SQLITE_ROW)
                entry.number = g_strdup (rcv_column_text (stmt, 0));
              else
                entry.number = g_strdup ("");
              sqlite3_reset (stmt);
              g_array_append_val (run, entry);
            }
          g_array_sort (run, compare_numbered);
          for (guint i = start; i < end; i++)
            {
              Numbered *entry = &g_array_index (run, Numbered, i - start);

              order[i] = entry->index;
              g_free (entry->number);
            }
        }
      start = end;
    }
  return TRUE;
}

/* The open invoices in one pass over the table in ID order (sequential: walking the partial
 * index instead reads every row at random to check its kind), then ordered for allocation. */
static gboolean
load_open_invoices (RcvDatabase  *db,
                    OpenInvoices *open,
                    GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = rcv_database_prepare (db,
                               "SELECT id, customer_id, issue_date, due_date, total, allocated,"
                               " last_allocation FROM invoices NOT INDEXED"
                               " WHERE settled_date IS NULL AND kind = 'invoice'"
                               " AND status = 'posted' ORDER BY id",
                               error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OpenInvoice invoice = { 0 };

      invoice.id = sqlite3_column_int64 (stmt, 0);
      invoice.customer_id = sqlite3_column_int64 (stmt, 1);
      invoice.issue = rcv_iso_to_julian (rcv_column_text (stmt, 2));
      invoice.due = rcv_iso_to_julian (rcv_column_text (stmt, 3));
      invoice.total = sqlite3_column_int64 (stmt, 4);
      invoice.allocated = sqlite3_column_int64 (stmt, 5);
      if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
        invoice.last = rcv_iso_to_julian (rcv_column_text (stmt, 6));
      g_array_append_val (open->invoices, invoice);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rcv_database_set_error (db, error);

  g_array_set_size (open->order, open->invoices->len);
  for (guint i = 0; i < open->invoices->len; i++)
    g_array_index (open->order, guint32, i) = i;
  g_array_sort_with_data (open->order, compare_allocation_order, open->invoices);
  if (!order_ties_by_number (db, open, error))
    return FALSE;

  for (guint i = 0; i < open->order->len; i++)
    {
      const OpenInvoice *invoice = &g_array_index (open->invoices, OpenInvoice,
                                                   g_array_index (open->order, guint32, i));

      if (!g_hash_table_contains (open->cursors, &invoice->customer_id))
        {
          guint *cursor = g_new (guint, 1);

          *cursor = i;
          g_hash_table_insert (open->cursors,
                               g_memdup2 (&invoice->customer_id, sizeof (gint64)), cursor);
        }
    }
  return TRUE;
}

static int
compare_invoice_id (gconstpointer a,
                    gconstpointer b)
{
  gint64 id = *(const gint64 *) a;
  gint64 other = ((const OpenInvoice *) b)->id;

  return id < other ? -1 : id > other;
}

static OpenInvoice *
find_invoice (OpenInvoices *open,
              gint64        id)
{
  return bsearch (&id, open->invoices->data, open->invoices->len, sizeof (OpenInvoice),
                  compare_invoice_id);
}

static gboolean
write_allocation (RcvDatabase *db,
                  gint64       invoice_id,
                  gint64       payment_id,
                  gint64       amount,
                  guint32      effective,
                  GError     **error)
{
  char date[RCV_ISO_DATE_LEN];
  sqlite3_stmt *stmt;

  stmt = rcv_database_prepare (db,
                               "INSERT INTO allocations (invoice_id, payment_id, amount,"
                               " effective_date) VALUES (?1, ?2, ?3, ?4)",
                               error);
  if (stmt == NULL)
    return FALSE;
  rcv_julian_to_iso (effective, date);
  sqlite3_bind_int64 (stmt, 1, invoice_id);
  sqlite3_bind_int64 (stmt, 2, payment_id);
  sqlite3_bind_int64 (stmt, 3, amount);
  rcv_bind_text (stmt, 4, date);
  return rcv_database_step_done (db, stmt, error);
}

/* Allocates what is left of a payment to one invoice; returns the amount. */
static gint64
allocate (OpenInvoice *invoice,
          guint32      date,
          gint64       remaining,
          guint32     *effective)
{
  gint64 amount = MIN (remaining, invoice->total - invoice->allocated);

  if (amount <= 0)
    return 0;
  *effective = MAX (date, invoice->issue);
  invoice->allocated += amount;
  invoice->last = MAX (invoice->last, *effective);
  invoice->changed = TRUE;
  return amount;
}

static gboolean
write_payment (RcvDatabase         *db,
               const RcvNewPayment *payment,
               const GString       *strings,
               gint64               allocated,
               guint32              last,
               GError             **error)
{
  char date[RCV_ISO_DATE_LEN], last_iso[RCV_ISO_DATE_LEN];
  gboolean whole = allocated == payment->amount;
  sqlite3_stmt *stmt;

  stmt = rcv_database_prepare (db,
                               "INSERT INTO payments (id, customer_id, date, amount, allocated,"
                               " last_allocation, settled_date, span_class, method, reference)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                               error);
  if (stmt == NULL)
    return FALSE;
  rcv_julian_to_iso (payment->date, date);
  if (last != 0)
    rcv_julian_to_iso (last, last_iso);

  sqlite3_bind_int64 (stmt, 1, payment->payment_id);
  sqlite3_bind_int64 (stmt, 2, payment->customer_id);
  rcv_bind_text (stmt, 3, date);
  sqlite3_bind_int64 (stmt, 4, payment->amount);
  sqlite3_bind_int64 (stmt, 5, allocated);
  rcv_bind_text (stmt, 6, last != 0 ? last_iso : NULL);
  rcv_bind_text (stmt, 7, whole ? last_iso : NULL);
  sqlite3_bind_int (stmt, 8, (int) rcv_settlement_span (payment->date, allocated, payment->amount,
                                                        last));
  rcv_bind_text (stmt, 9, strings->str + payment->method);
  rcv_bind_text (stmt, 10, strings->str + payment->reference);
  return rcv_database_step_done (db, stmt, error);
}

static OpenInvoice *
at_position (OpenInvoices *open,
             guint         position)
{
  return &g_array_index (open->invoices, OpenInvoice, g_array_index (open->order, guint32, position));
}

/* Allocates what is left of a payment to one invoice, and remembers the allocation. */
static void
take (OpenInvoices *open,
      OpenInvoice  *invoice,
      guint32       date,
      gint64       *remaining,
      guint32      *last)
{
  Allocation found;

  found.amount = allocate (invoice, date, *remaining, &found.effective);
  if (found.amount <= 0)
    return;
  found.invoice_id = invoice->id;
  g_array_append_val (open->found, found);
  *remaining -= found.amount;
  *last = MAX (*last, found.effective);
}

static gboolean
apply_payment (RcvDatabase   *db,
               OpenInvoices  *open,
               RcvNewPayment *payment,
               const GString *strings,
               GError       **error)
{
  gint64 remaining = payment->amount;
  guint32 last = 0;

  g_array_set_size (open->found, 0);

  if (payment->invoice_id != 0)
    {
      OpenInvoice *invoice = find_invoice (open, payment->invoice_id);

      /* not among the open invoices: already settled, nothing to take */
      if (invoice != NULL)
        take (open, invoice, payment->date, &remaining, &last);
    }
  else
    {
      guint *cursor = g_hash_table_lookup (open->cursors, &payment->customer_id);

      if (cursor != NULL)
        {
          guint first = *cursor;

          /* skip the invoices at the front that are settled by now, for later payments too */
          while (first < open->order->len)
            {
              OpenInvoice *invoice = at_position (open, first);

              if (invoice->customer_id != payment->customer_id ||
                  invoice->allocated < invoice->total)
                break;
              first++;
            }
          *cursor = first;

          for (guint i = first; i < open->order->len && remaining > 0; i++)
            {
              OpenInvoice *invoice = at_position (open, i);

              if (invoice->customer_id != payment->customer_id)
                break;
              if (invoice->issue <= payment->date)
                take (open, invoice, payment->date, &remaining, &last);
            }
        }
    }

  /* the payment first: its allocations refer to it */
  if (!write_payment (db, payment, strings, payment->amount - remaining, last, error))
    return FALSE;
  for (guint i = 0; i < open->found->len; i++)
    {
      const Allocation *found = &g_array_index (open->found, Allocation, i);

      if (!write_allocation (db, found->invoice_id, payment->payment_id, found->amount,
                             found->effective, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
update_invoices (RcvDatabase  *db,
                 OpenInvoices *open,
                 GError      **error)
{
  /* in ID order: the table's own order, so the updates walk its pages once */
  for (guint i = 0; i < open->invoices->len; i++)
    {
      const OpenInvoice *invoice = &g_array_index (open->invoices, OpenInvoice, i);

      if (invoice->changed &&
          !rcv_ledger_store_settlement (db, RCV_DOCUMENT_INVOICES, invoice->id, invoice->issue,
                                        invoice->allocated, invoice->total, invoice->last, error))
        return FALSE;
    }
  return TRUE;
}

/* Writes `payments` (in file order, checked) inside the caller's transaction, with their
 * allocations, in date order. `before_writes` runs after the open invoices are
 * read and before anything is written (the import drops indexes there). */
gboolean
rcv_payment_batch_write (RcvDatabase         *db,
                         GArray              *payments,
                         const GString       *strings,
                         RcvBatchPrepareFunc  before_writes,
                         gpointer             user_data,
                         GError             **error)
{
  g_autoptr(GArray) order = NULL;
  OpenInvoices open;
  sqlite3_stmt *stmt;
  gint64 next_id = 1;
  gboolean ok;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (payments != NULL, FALSE);

  stmt = rcv_database_prepare (db, "SELECT coalesce (max (id), 0) + 1 FROM payments", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    next_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  /* IDs in file order, as the row-by-row import gives them; the order of application sorted
   * as indices, 4 bytes a payment rather than a copy of them all */
  order = g_array_sized_new (FALSE, FALSE, sizeof (guint32), payments->len);
  for (guint i = 0; i < payments->len; i++)
    {
      g_array_index (payments, RcvNewPayment, i).payment_id = next_id + i;
      g_array_append_val (order, i);
    }
  g_array_sort_with_data (order, compare_payment_indices, payments);

  open.invoices = g_array_new (FALSE, FALSE, sizeof (OpenInvoice));
  open.order = g_array_new (FALSE, FALSE, sizeof (guint32));
  open.found = g_array_new (FALSE, FALSE, sizeof (Allocation));
  open.cursors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  ok = load_open_invoices (db, &open, error) &&
       (before_writes == NULL || before_writes (user_data, error));
  for (guint i = 0; ok && i < order->len; i++)
    ok = apply_payment (db, &open,
                        &g_array_index (payments, RcvNewPayment, g_array_index (order, guint32, i)),
                        strings, error);
  ok = ok && update_invoices (db, &open, error);

  g_array_unref (open.invoices);
  g_array_unref (open.order);
  g_array_unref (open.found);
  g_hash_table_unref (open.cursors);
  return ok;
}
