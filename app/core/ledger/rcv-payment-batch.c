/* rcv-payment-batch.c - many new payments, allocated in memory and written in one pass
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The allocation rules are the ledger's (rcv-ledger-payments.c), for a whole import at once:
 * payments in date order (ties in file order); a payment that names an invoice goes to it up
 * to its open amount; one that names none goes to the customer's open invoices issued on or
 * before its date, oldest due date first, then issue date, then number; each allocation takes
 * effect on the later of the payment's date and the invoice's issue date.
 *
 * Row by row, a million payments cost a million reads, inserts and updates of payments and
 * invoices. Here the open invoices are read once, in allocation order, and three statements
 * write the rest (rcv-bulk.c): through rcv_rows, the allocations, found one by one as SQLite
 * asks for the next row, and the payments, each once with its final state, in ID order (IDs
 * in file order, given up front so that the allocations can name them); through rcv_row, each
 * invoice that changed, once, as one pass over the table reaches it. A randomized test checks
 * that both ways write the same company file.
 */
#define G_LOG_DOMAIN "rcv-payment-batch"

#include "config.h"

#include <string.h>

#include "rcv-bulk.h"
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

struct _RcvOpenInvoices
{
  GArray *invoices;    /* OpenInvoice, by ID: as the table gives them */
  GArray *order;       /* guint32 indices into invoices: customer, due date, issue date, number */
  GHashTable *cursors; /* customer ID → guint *, its first position in order that may be open */
};

static int
compare_payments (gconstpointer a,
                  gconstpointer b)
{
  const RcvNewPayment *pa = a, *pb = b;

  if (pa->date != pb->date)
    return pa->date < pb->date ? -1 : 1;
  return pa->payment_id < pb->payment_id ? -1 : pa->payment_id > pb->payment_id;
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
order_ties_by_number (RcvDatabase      *db,
                      RcvOpenInvoices  *open,
                      GError          **error)
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
              RcvStatement *stmt = rcv_database_prepare (db,
                                                         "SELECT number FROM invoices WHERE id = ?1",
                                                         error);
              Numbered entry = { order[i], NULL };

              if (stmt == NULL)
                return FALSE;
              rcv_statement_bind_int64 (stmt, 1, invoice->id);
              if (rcv_statement_step (stmt) == RCV_ROW)
                entry.number = g_strdup (rcv_statement_column_text (stmt, 0));
              else
                entry.number = g_strdup ("");
              rcv_statement_reset (stmt);
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

#define MEANWHILE_ROWS 4096

/* The open invoices in one pass over the table in ID order (sequential: walking the partial
 * index instead reads every row at random to check its kind), then ordered for allocation. */
static gboolean
load_open_invoices (RcvConnectionHolder  *connection,
                    RcvOpenInvoices      *open,
                    RcvMeanwhile          meanwhile,
                    gpointer              user_data,
                    GError              **error)
{
  RcvDatabase *db = rcv_connection_holder_get (connection);
  RcvStatement *stmt;
  guint n_rows = 0;
  int rc;

  stmt = rcv_database_prepare (db,
                               "SELECT id, customer_id, issue_date, due_date, total, allocated,"
                               " last_allocation FROM invoices NOT INDEXED"
                               " WHERE settled_date IS NULL AND kind = 'invoice'"
                               " AND status = 'posted' ORDER BY id",
                               error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    {
      OpenInvoice invoice = { 0 };

      if (meanwhile != NULL && ++n_rows % MEANWHILE_ROWS == 0)
        {
          meanwhile (user_data);
          /* still this thread's: the callback uses it, and must not have handed it on */
          db = rcv_connection_holder_get (connection);
        }

      invoice.id = rcv_statement_column_int64 (stmt, 0);
      invoice.customer_id = rcv_statement_column_int64 (stmt, 1);
      invoice.issue = rcv_iso_to_julian (rcv_statement_column_text (stmt, 2));
      invoice.due = rcv_iso_to_julian (rcv_statement_column_text (stmt, 3));
      invoice.total = rcv_statement_column_int64 (stmt, 4);
      invoice.allocated = rcv_statement_column_int64 (stmt, 5);
      if (!rcv_statement_column_is_null (stmt, 6))
        invoice.last = rcv_iso_to_julian (rcv_statement_column_text (stmt, 6));
      g_array_append_val (open->invoices, invoice);
    }
  rcv_statement_reset (stmt);
  if (rc != RCV_DONE)
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

/* By ID, in the array in ID order. Where the open invoices' IDs have no gaps (a company's
 * invoices all imported, none paid yet: the payments' import that follows), an invoice's
 * place is its distance from the first, one look instead of a search through a million. */
static OpenInvoice *
find_invoice (RcvOpenInvoices *open,
              gint64           id)
{
  GArray *invoices = open->invoices;
  gint64 place;

  if (invoices->len == 0)
    return NULL;
  place = id - g_array_index (invoices, OpenInvoice, 0).id;
  if (place >= 0 && place < invoices->len &&
      g_array_index (invoices, OpenInvoice, place).id == id)
    return &g_array_index (invoices, OpenInvoice, place);
  return bsearch (&id, invoices->data, invoices->len, sizeof (OpenInvoice), compare_invoice_id);
}

static OpenInvoice *
at_position (RcvOpenInvoices *open,
             guint            position)
{
  guint32 index = g_array_index (open->order, guint32, position);

  return &g_array_index (open->invoices, OpenInvoice, index);
}

/* The allocations, found one at a time while SQLite writes them (see allocations_next ()). */
typedef enum
{
  PAYMENT_DONE,         /* move on to the next payment */
  PAYMENT_NAMED,        /* its named invoice is still to take from */
  PAYMENT_OLDEST_FIRST, /* its customer's open invoices, from `position` on */
} PaymentState;

typedef struct
{
  RcvOpenInvoices *open;
  GArray *payments;
  const GArray *order;        /* guint32 indices into payments: the order of application */
  guint next;                 /* in order: the payment after the current one */
  RcvNewPayment *payment;     /* the current one */
  PaymentState state;
  guint position;             /* in open->order */
  gint64 remaining;
  Allocation found;           /* the current row */
} Allocator;

/* Allocates what is left of the current payment to `invoice`; TRUE when it took some. */
static gboolean
take (Allocator   *self,
      OpenInvoice *invoice)
{
  RcvNewPayment *payment = self->payment;
  gint64 amount = MIN (self->remaining, invoice->total - invoice->allocated);

  if (amount <= 0)
    return FALSE;
  self->found.invoice_id = invoice->id;
  self->found.amount = amount;
  self->found.effective = MAX (payment->date, invoice->issue);
  invoice->allocated += amount;
  invoice->last = MAX (invoice->last, self->found.effective);
  invoice->changed = TRUE;
  self->remaining -= amount;
  payment->allocated += amount;
  payment->last = MAX (payment->last, self->found.effective);
  return TRUE;
}

static void
start_payment (Allocator *self)
{
  RcvNewPayment *payment = self->payment;
  guint *cursor;

  payment->allocated = 0;
  payment->last = 0;
  self->remaining = payment->amount;
  if (payment->invoice_id != 0)
    {
      self->state = PAYMENT_NAMED;
      return;
    }

  self->state = PAYMENT_DONE;
  cursor = g_hash_table_lookup (self->open->cursors, &payment->customer_id);
  if (cursor == NULL)
    return;

  /* skip the invoices at the front that are settled by now, for later payments too */
  while (*cursor < self->open->order->len)
    {
      OpenInvoice *invoice = at_position (self->open, *cursor);

      if (invoice->customer_id != payment->customer_id || invoice->allocated < invoice->total)
        break;
      (*cursor)++;
    }
  self->position = *cursor;
  self->state = PAYMENT_OLDEST_FIRST;
}

/* The next allocation: payments in date order (ties in file order); a payment that names an
 * invoice takes from it alone, one that names none from its customer's open invoices issued
 * by its date, in allocation order. */
static gboolean
allocations_next (gpointer data)
{
  Allocator *self = data;

  for (;;)
    {
      switch (self->state)
        {
        case PAYMENT_DONE:
          if (self->next >= self->order->len)
            return FALSE;
          self->payment = &g_array_index (self->payments, RcvNewPayment,
                                          g_array_index (self->order, guint32, self->next));
          self->next++;
          start_payment (self);
          break;

        case PAYMENT_NAMED:
          {
            /* not among the open invoices: already settled, nothing to take */
            OpenInvoice *invoice = find_invoice (self->open, self->payment->invoice_id);

            self->state = PAYMENT_DONE;
            if (invoice != NULL && take (self, invoice))
              return TRUE;
          }
          break;

        case PAYMENT_OLDEST_FIRST:
          while (self->remaining > 0 && self->position < self->open->order->len)
            {
              OpenInvoice *invoice = at_position (self->open, self->position);

              if (invoice->customer_id != self->payment->customer_id)
                break;
              self->position++;
              if (invoice->issue <= self->payment->date && take (self, invoice))
                return TRUE;
            }
          self->state = PAYMENT_DONE;
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

static void
allocations_column (gpointer         data,
                    int              column,
                    RcvBulkCell     *context)
{
  Allocator *self = data;

  switch (column)
    {
    case 0: rcv_bulk_result_int64 (context, self->found.invoice_id); break;
    case 1: rcv_bulk_result_int64 (context, self->payment->payment_id); break;
    case 2: rcv_bulk_result_int64 (context, self->found.amount); break;
    case 3: rcv_bulk_result_date (context, self->found.effective); break;
    default: rcv_bulk_result_null (context); break;
    }
}

/* The payments in file order, which is ID order: the table is written front to back. */
typedef struct
{
  GArray *payments;
  const GString *strings;
  guint next;
  RcvNewPayment *payment;
} PaymentRows;

static gboolean
payments_next (gpointer data)
{
  PaymentRows *self = data;

  if (self->next >= self->payments->len)
    return FALSE;
  self->payment = &g_array_index (self->payments, RcvNewPayment, self->next);
  self->next++;
  return TRUE;
}

/* A document's settlement, as rcv_ledger_store_settlement () writes it, from its start date
 * and its amount: 0 what is allocated, 1 the last allocation's date, 2 the date it was settled
 * in whole (NULL until then), 3 its span class. */
static void
settlement_column (RcvBulkCell     *context,
                   int              column,
                   guint32          start,
                   gint64           amount,
                   gint64           allocated,
                   guint32          last)
{
  switch (column)
    {
    case 0: rcv_bulk_result_int64 (context, allocated); break;
    case 1: rcv_bulk_result_date (context, last); break;
    case 2: rcv_bulk_result_date (context, allocated == amount ? last : 0); break;
    case 3:
      rcv_bulk_result_int (context, (int) rcv_settlement_span (start, allocated, amount, last));
      break;
    default: rcv_bulk_result_null (context); break;
    }
}

static void
payments_column (gpointer         data,
                 int              column,
                 RcvBulkCell     *context)
{
  PaymentRows *self = data;
  const RcvNewPayment *payment = self->payment;

  switch (column)
    {
    case 0: rcv_bulk_result_int64 (context, payment->payment_id); break;
    case 1: rcv_bulk_result_int64 (context, payment->customer_id); break;
    case 2: rcv_bulk_result_date (context, payment->date); break;
    case 3: rcv_bulk_result_int64 (context, payment->amount); break;
    case 4:
    case 5:
    case 6:
    case 7:
      settlement_column (context, column - 4, payment->date, payment->amount, payment->allocated,
                         payment->last);
      break;
    case 8:
      rcv_bulk_result_static_text (context, self->strings->str + payment->method);
      break;
    case 9:
      rcv_bulk_result_static_text (context, self->strings->str + payment->reference);
      break;
    default: rcv_bulk_result_null (context); break;
    }
}

/* The invoices that changed, found by ID as the update's scan of the table reaches them. */
typedef struct
{
  RcvOpenInvoices *open;
  guint next;                 /* where the next ID is looked for first */
  const OpenInvoice *invoice; /* the current one */
} InvoiceRows;

static gboolean
invoices_seek (gpointer data,
               gint64   id)
{
  InvoiceRows *self = data;
  const GArray *invoices = self->open->invoices;
  const OpenInvoice *invoice;

  /* each row asks once per column */
  if (self->invoice != NULL && self->invoice->id == id)
    return TRUE;
  /* the scan goes in ID order, as the array does: the next row is usually the next one */
  if (self->next < invoices->len && g_array_index (invoices, OpenInvoice, self->next).id == id)
    invoice = &g_array_index (invoices, OpenInvoice, self->next);
  else
    invoice = find_invoice (self->open, id);
  if (invoice == NULL || !invoice->changed)
    return FALSE;
  self->invoice = invoice;
  self->next = (guint) (invoice - (const OpenInvoice *) invoices->data) + 1;
  return TRUE;
}

/* As rcv_ledger_store_settlement () writes them. */
static void
invoices_column (gpointer         data,
                 int              column,
                 RcvBulkCell     *context)
{
  const OpenInvoice *invoice = ((InvoiceRows *) data)->invoice;

  if (column == 0)
    rcv_bulk_result_int64 (context, invoice->id);
  else
    settlement_column (context, column - 1, invoice->issue, invoice->total, invoice->allocated,
                       invoice->last);
}

/* One statement's share of the invoices that changed: SQLite's heap holds on to what a
 * statement changes until it ends (a million invoices in one statement took it from 16 MB to
 * 122 MB; a share of this many, to 31 MB). */
#define UPDATE_SHARE 65536

/* Each invoice that changed, once: one pass over the table's rows from the first to the last
 * of them, each found as the scan reaches it (rcv_bulk_update ()), a share at a time. */
static gboolean
update_invoices (RcvDatabase      *db,
                 RcvOpenInvoices  *open,
                 GError          **error)
{
  InvoiceRows rows = { open, 0, NULL };
  RcvBulkLookup lookup = { invoices_seek, invoices_column, &rows };
  const GArray *invoices = open->invoices;
  guint i = 0;

  for (;;)
    {
      gint64 first = 0, last = 0;

      /* from the next one that changed to the share's last that did */
      for (guint n = 0; i < invoices->len && n < UPDATE_SHARE; i++)
        {
          const OpenInvoice *invoice = &g_array_index (invoices, OpenInvoice, i);

          if (!invoice->changed)
            continue;
          if (n++ == 0)
            first = invoice->id;
          last = invoice->id;
        }
      if (first == 0)
        return TRUE;
      if (!rcv_bulk_update (db,
                            "UPDATE OR FAIL invoices SET allocated = rcv_row (?1, id, 1),"
                            " last_allocation = rcv_row (?1, id, 2),"
                            " settled_date = rcv_row (?1, id, 3), span_class = rcv_row (?1, id, 4)"
                            " WHERE id BETWEEN ?2 AND ?3 AND rcv_row (?1, id, 0) IS NOT NULL",
                            &lookup, first, last, error))
        return FALSE;
    }
}

static gboolean
write_all (RcvDatabase      *db,
           RcvOpenInvoices  *open,
           GArray           *payments,
           const GArray     *order,
           const GString    *strings,
           GError          **error)
{
  Allocator allocator = { open, payments, order, 0, NULL, PAYMENT_DONE, 0, 0, { 0, 0, 0 } };
  PaymentRows payment_rows = { payments, strings, 0, NULL };
  RcvBulkSource allocations = { allocations_next, allocations_column, &allocator };
  RcvBulkSource payment_source = { payments_next, payments_column, &payment_rows };

  gint64 started = g_get_monotonic_time ();
  gboolean ok;

  /* the allocations first, found as they are written: they settle the payments' and the
   * invoices' states that the next two statements write (the import's foreign keys are
   * its own checks, and the transaction is whole either way) */
  ok = rcv_bulk_run (db,
                     "INSERT OR FAIL INTO allocations (invoice_id, payment_id, amount,"
                     " effective_date) SELECT c0, c1, c2, c3 FROM rcv_rows (?1)",
                     &allocations, error);
  g_debug ("allocations written in %.2f s", (g_get_monotonic_time () - started) / 1e6);
  ok = ok && rcv_bulk_run (db,
                           "INSERT OR FAIL INTO payments (id, customer_id, date, amount, allocated,"
                           " last_allocation, settled_date, span_class, method, reference)"
                           " SELECT c0, c1, c2, c3, c4, c5, c6, c7, c8, c9 FROM rcv_rows (?1)",
                           &payment_source, error);
  g_debug ("payments written after %.2f s", (g_get_monotonic_time () - started) / 1e6);
  ok = ok && update_invoices (db, open, error);
  g_debug ("invoices updated after %.2f s", (g_get_monotonic_time () - started) / 1e6);
  return ok;
}

/* The order payments are applied in, as indices into `payments` (4 bytes a payment rather
 * than a copy of them all): by date, ties in file order, as compare_payments () has it. A
 * counting sort over the days, one pass and stable, where a comparison sort of a million
 * indices took a fifth of a second; its counts take 4 bytes a day from the first date to the
 * last, at most 15 MB for dates from year 1 to 9999. */
static GArray *
order_of_application (GArray *payments)
{
  guint n = payments->len;
  GArray *order = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n);
  g_autofree guint32 *starts = NULL;
  guint32 first = G_MAXUINT32, last = 0;

  if (n == 0)
    return order;
  for (guint i = 0; i < n; i++)
    {
      guint32 date = g_array_index (payments, RcvNewPayment, i).date;

      first = MIN (first, date);
      last = MAX (last, date);
    }

  /* starts[d]: where the payments of the d-th day from the first begin in the order */
  starts = g_new0 (guint32, (gsize) (last - first) + 2);
  for (guint i = 0; i < n; i++)
    starts[g_array_index (payments, RcvNewPayment, i).date - first + 1]++;
  for (guint32 d = 1; d <= last - first; d++)
    starts[d] += starts[d - 1];

  g_array_set_size (order, n);
  for (guint i = 0; i < n; i++)
    {
      guint32 day = g_array_index (payments, RcvNewPayment, i).date - first;

      g_array_index (order, guint32, starts[day]++) = i;
    }
  return order;
}

/* Writes `payments` (in file order, checked) inside the caller's transaction, with their
 * allocations, in date order, to the invoices of `open` (read in this transaction, before
 * anything was written; allocating changes it). `before_writes` runs before anything is
 * written (the import drops indexes there). */
gboolean
rcv_payment_batch_write (RcvConnectionHolder *connection,
                         RcvOpenInvoices     *open,
                         GArray              *payments,
                         const GString       *strings,
                         RcvBatchPrepareFunc  before_writes,
                         gpointer             user_data,
                         GError             **error)
{
  g_autoptr(GArray) order = NULL;
  RcvDatabase *db;
  RcvStatement *stmt;
  gint64 next_id = 1;
  gint64 started;
  gboolean ok;

  g_return_val_if_fail (connection != NULL, FALSE);
  g_return_val_if_fail (open != NULL, FALSE);
  g_return_val_if_fail (payments != NULL, FALSE);

  db = rcv_connection_holder_get (connection);
  stmt = rcv_database_prepare (db, "SELECT coalesce (max (id), 0) + 1 FROM payments", error);
  if (stmt == NULL)
    return FALSE;
  if (rcv_statement_step (stmt) == RCV_ROW)
    next_id = rcv_statement_column_int64 (stmt, 0);
  rcv_statement_reset (stmt);

  /* IDs in file order, as the row-by-row import gives them */
  for (guint i = 0; i < payments->len; i++)
    g_array_index (payments, RcvNewPayment, i).payment_id = next_id + i;
  order = order_of_application (payments);

  started = g_get_monotonic_time ();
  ok = before_writes == NULL || before_writes (user_data, error);
  g_debug ("ready to write after %.2f s", (g_get_monotonic_time () - started) / 1e6);
  return ok && write_all (rcv_connection_holder_get (connection), open, payments, order,
                          strings, error);
}

/* The invoices a payment can go to: open, posted, not credit notes. `meanwhile`, when not
 * NULL, is called every few thousand rows, and may use the connection (the import looks up
 * invoice numbers there, on the thread that reads these, which holds it). */
RcvOpenInvoices *
rcv_open_invoices_load (RcvConnectionHolder  *connection,
                        RcvMeanwhile          meanwhile,
                        gpointer              user_data,
                        GError              **error)
{
  g_autoptr(RcvOpenInvoices) open = NULL;
  gint64 started = g_get_monotonic_time ();
  RcvDatabase *db;

  g_return_val_if_fail (connection != NULL, NULL);

  db = rcv_connection_holder_get (connection);
  open = g_new0 (RcvOpenInvoices, 1);
  /* sized once, by a count over the partial index of the unsettled (5 MB for a million):
   * grown by doubling instead, a step could leave the array before it in the heap */
  open->invoices = g_array_sized_new (FALSE, FALSE, sizeof (OpenInvoice),
                                      (guint) rcv_database_query_int64 (db,
                                                                        "SELECT count (*)"
                                                                        " FROM invoices WHERE"
                                                                        " settled_date IS NULL",
                                                                        0, 0));
  open->order = g_array_new (FALSE, FALSE, sizeof (guint32));
  open->cursors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  if (!load_open_invoices (connection, open, meanwhile, user_data, error))
    return NULL;
  g_debug ("%u open invoices read in %.2f s", open->invoices->len,
           (g_get_monotonic_time () - started) / 1e6);
  return g_steal_pointer (&open);
}

void
rcv_open_invoices_free (RcvOpenInvoices *open)
{
  if (open == NULL)
    return;
  g_clear_pointer (&open->invoices, g_array_unref);
  g_clear_pointer (&open->order, g_array_unref);
  g_clear_pointer (&open->cursors, g_hash_table_unref);
  g_free (open);
}
