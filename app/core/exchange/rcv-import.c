/* rcv-import.c - CSV import of customers, invoices and payments: all or nothing
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One import is one transaction. Every row is checked (values, references, duplicates
 * against the company file and within the file) and written inside the transaction, so that
 * later rows can refer to earlier ones; at the end, one problem anywhere rolls everything
 * back and every problem is reported with the file, line and field. Allocations that follow
 * from the file (credit notes' applies_to, payments) are made after all rows are in, payments
 * in date order, ties in file order.
 */
#define G_LOG_DOMAIN "rcv-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rcv-bulk.h"
#include "rcv-collections.h"
#include "rcv-database-private.h"
#include "rcv-date.h"
#include "rcv-error.h"
#include "rcv-import.h"
#include "rcv-json.h"
#include "rcv-ledger-private.h"
#include "rcv-payment-batch.h"
#include "rcv-policy.h"
#include "rcv-posting.h"
#include "rcv-schema.h"

#define MAX_COLUMNS 16

/* An import of at least this many rows (estimated from the file size, RCV_IMPORT_BULK_MIN_ROWS
 * overrides it) that is also large next to what the table holds runs in bulk mode: the
 * secondary indexes it does not read are dropped inside its transaction and built once at
 * its end, a sorted build instead of a million scattered B-tree inserts. */
#define BULK_MIN_ROWS 20000
#define BYTES_PER_ROW_ESTIMATE 32
#define BULK_CACHE_PRAGMA "PRAGMA cache_size = -16384"
#define NORMAL_CACHE_PRAGMA "PRAGMA cache_size = -32768"

/* an invoices' import keeps invoices_open while its rows come in issue date order: each new
 * entry then goes next to the one before (all are open), cheaper than building it again;
 * the first row out of order drops it too */
static const char *const bulk_indexes_invoices[] = {
  "invoices_customer", "invoices_customer_unsettled", NULL,
};
static const char *const bulk_indexes_unsorted_invoices[] = { "invoices_open", NULL };

/* a payments' import in bulk mode allocates in memory (rcv-payment-batch.c), after reading
 * the open invoices through invoices_customer_unsettled; it keeps payments_customer when it
 * must look for payments the company file already has */
static const char *const bulk_indexes_payments[] = {
  "invoices_open", "invoices_customer_unsettled", "payments_open", "allocations_invoice",
  "allocations_payment", "allocations_credit_note", "payments_customer", NULL,
};

typedef struct
{
  const char *name;
  gboolean required;
} ColumnSpec;

/* Column positions in the specs below, so that a row's fields are found without comparing
 * names (a million rows ask for eight fields each). */
enum { C_ID, C_NAME, C_EMAIL, C_PHONE, C_ADDRESS, C_POLICY, C_CREDIT_LIMIT, C_TERMS_DAYS };
enum { I_NUMBER, I_CUSTOMER_ID, I_ISSUE_DATE, I_AMOUNT, I_DUE_DATE, I_DESCRIPTION, I_TAX_RATE,
       I_APPLIES_TO };
enum { P_DATE, P_CUSTOMER_ID, P_AMOUNT, P_INVOICE_NUMBER, P_REFERENCE, P_METHOD };

static const ColumnSpec customer_columns[] = {
  { "id", TRUE }, { "name", TRUE }, { "email", FALSE }, { "phone", FALSE },
  { "address", FALSE }, { "policy", FALSE }, { "credit_limit", FALSE },
  { "terms_days", FALSE }, { NULL, FALSE },
};

static const ColumnSpec invoice_columns[] = {
  { "number", TRUE }, { "customer_id", TRUE }, { "issue_date", TRUE }, { "amount", TRUE },
  { "due_date", FALSE }, { "description", FALSE }, { "tax_rate", FALSE },
  { "applies_to", FALSE }, { NULL, FALSE },
};

static const ColumnSpec payment_columns[] = {
  { "date", TRUE }, { "customer_id", TRUE }, { "amount", TRUE }, { "invoice_number", FALSE },
  { "reference", FALSE }, { "method", FALSE }, { NULL, FALSE },
};

typedef struct
{
  gint64 id;
  gint terms;
} CustomerInfo;

/* A credit note whose applies_to waits for all invoices of the file. */
typedef struct
{
  gint64 credit_note_id;
  char *target;
  guint line;
} PendingCredit;

/* An invoice or credit note of a bulk import, checked and waiting for its batch: one line,
 * as every imported invoice has. */
typedef struct
{
  gint64 id;
  gint64 customer_id;
  gint64 unit_price;
  gint64 net;
  gint64 tax;
  gint64 total;
  guint32 issue;                /* Julian days */
  guint32 due;
  guint32 line;                 /* of the file */
  gint tax_bp;
  guint32 number;               /* offsets in the batch's strings */
  guint32 description;
  gboolean credit_note;
  gboolean written;
} NewInvoice;

/* Rows a batch holds: written by one statement per table, then the batch starts again. */
#define INVOICE_BATCH 16384

/* A row of a batch that the table refused: its number already taken (by the row with
 * `existing_id`, 0 when it could not be found again), or another constraint (`error`). */
typedef struct
{
  guint index;                  /* in the batch */
  gint64 existing_id;
  GError *error;
} Refusal;

/* Bulk mode: a batch of checked rows. While one batch is written on a thread of its own, the
 * next is read and checked; the reading thread leaves the connection alone meanwhile, and
 * what the writing thread found out (refused rows, a failure) it reads only once that thread
 * has ended. */
typedef struct
{
  struct _Import *import;
  GArray *rows;                 /* NewInvoice */
  GString *strings;             /* the rows' texts */
  gboolean drop_open_index;     /* a row came before the one before it */
  GArray *refusals;             /* Refusal, from the writing thread */
  GError *error;                /* the writing thread's, when the file itself failed */
} InvoiceBatch;

/* Bulk mode, payments: invoice numbers are looked up on a thread of their own, a batch at a
 * time, while the reading thread goes on (it leaves the connection alone meanwhile). */
#define LOOKUP_BATCH 16384
#define NO_PAYMENT G_MAXUINT32

typedef struct
{
  guint32 line;
  guint32 payment;              /* its row in pending_payments; NO_PAYMENT: the row was refused */
  guint32 number;               /* offsets in the batch's texts */
  guint32 customer_code;
  gint64 customer_id;           /* 0: the row's customer is unknown */
  gint64 invoice_id;            /* found by the looking-up thread */
  char *problem;                /* or what is wrong with the number, also from that thread */
} Lookup;

typedef struct
{
  GArray *lookups;              /* Lookup */
  GString *texts;
} LookupBatch;

typedef struct _Import
{
  /* The connection, held by one thread at a time: the reading thread, or in bulk mode the
   * writing or the looking-up thread while the reading thread goes on without it. Every use
   * goes through import_db (), which aborts on a thread that does not hold it. */
  RcvConnectionHolder connection;
  RcvImportKind kind;
  RcvCsvReader *reader;
  RcvImportReport *report;
  const RcvCurrency *currency;
  char decimal;                 /* also accepted besides '.' */
  const ColumnSpec *spec;
  int column_of[MAX_COLUMNS];   /* spec index → CSV field index, -1 when absent */
  guint n_header_fields;
  GHashTable *customers;        /* code → CustomerInfo */
  gboolean all_customers;       /* the company's customers are all in `customers` */
  GHashTable *policies;         /* name → gint64 id (0: unknown) */
  gint64 first_new_id;          /* rows with this ID and above were written by this import */
  GArray *line_of_new_row;      /* guint32 line of each new row, by ID - first_new_id */
  GArray *pending_credits;
  GArray *pending_payments;           /* RcvNewPayment */
  GString *strings;                   /* the pending rows' texts, in bulk mode */
  InvoiceBatch batches[2];            /* in bulk mode: the one read, the one written */
  InvoiceBatch *reading;              /* NULL outside an invoices' import in bulk mode */
  InvoiceBatch *writing;              /* NULL when no batch is being written */
  GThread *writer;
  GArray *problem_lines;              /* guint: the line of each problem in the report */
  gint64 next_invoice_id;             /* in bulk mode: the ID the next invoice is given */
  guint32 last_issue;                 /* in bulk mode: the issue date of the latest row */
  gboolean unsorted;                  /* in bulk mode: a row came before the one before it */
  gboolean open_index_dropped;
  gboolean bulk;
  gboolean left_wal;                  /* in bulk mode: the file is out of WAL mode for it */
  GPtrArray *dropped_indexes;         /* in bulk mode, once dropped */
  gboolean had_payments;              /* before this import */
  GThread *resolver;                  /* in bulk mode, payments: looks up the invoice numbers */
  GAsyncQueue *to_resolve;            /* LookupBatch, for it */
  GAsyncQueue *resolved;              /* LookupBatch, back from it */
  LookupBatch *lookups;               /* being filled by the reading thread */
  GPtrArray *spare_lookups;           /* LookupBatch, merged, to fill again */
  guint n_resolving;                  /* handed over and not merged back yet */
  RcvOpenInvoices *open;              /* read by the looking-up thread first */
  GError *resolver_error;             /* why it could not read them */
  gboolean lookups_ended;             /* on the looking-up thread: all batches are done */
  gint64 max_id;                      /* the highest ID the import's table had before it */
  gint64 started;                     /* monotonic time, for the phases' debug messages */
  gint64 secure_delete;               /* as it was, restored after the drops */
  GError *fatal;                      /* the company file failed: no row is to blame */
} Import;

static inline RcvDatabase *
import_db (Import *import)
{
  return rcv_connection_holder_get (&import->connection);
}

static const char *
kind_table (RcvImportKind kind)
{
  switch (kind)
    {
    case RCV_IMPORT_CUSTOMERS: return "customers";
    case RCV_IMPORT_INVOICES: return "invoices";
    case RCV_IMPORT_PAYMENTS: return "payments";
    default: g_return_val_if_reached ("customers");
    }
}

RcvImportReport *
rcv_import_report_new (void)
{
  RcvImportReport *report = g_new0 (RcvImportReport, 1);

  report->problems = g_ptr_array_new_with_free_func (g_free);
  return report;
}

void
rcv_import_report_free (RcvImportReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->problems);
  g_free (report);
}

/* The problems a report keeps are the first ones by line. In bulk mode a batch's refused rows
 * (or its payments' invoice numbers) are known only when it is written (or looked up), after
 * the problems of the rows that follow them: the problems are all kept until then, put in
 * line order, and only then cut. */
static void
add_problem (Import     *import,
             guint       line,
             char       *message)
{
  import->report->n_problems++;
  if (import->report->problems->len < RCV_IMPORT_MAX_PROBLEMS || import->reading != NULL ||
      import->resolver != NULL)
    {
      g_ptr_array_add (import->report->problems, message);
      g_array_append_val (import->problem_lines, line);
    }
  else
    g_free (message);
}

typedef struct
{
  guint line;
  guint index;
  char *message;
} Problem;

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const Problem *pa = a, *pb = b;

  if (pa->line != pb->line)
    return pa->line < pb->line ? -1 : 1;
  return pa->index < pb->index ? -1 : pa->index > pb->index;
}

/* The problems from `first` on in line order (ties as they came), then the report's cut. */
static void
order_problems (Import *import,
                guint   first)
{
  GPtrArray *problems = import->report->problems;
  g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (Problem));

  for (guint i = first; i < problems->len; i++)
    {
      Problem problem = { g_array_index (import->problem_lines, guint, i), i,
                          g_ptr_array_index (problems, i) };
      g_array_append_val (sorted, problem);
    }
  g_array_sort (sorted, compare_problems);
  for (guint i = 0; i < sorted->len; i++)
    {
      const Problem *problem = &g_array_index (sorted, Problem, i);

      problems->pdata[first + i] = problem->message;
      g_array_index (import->problem_lines, guint, first + i) = problem->line;
    }
  if (problems->len > RCV_IMPORT_MAX_PROBLEMS)
    {
      g_ptr_array_set_size (problems, RCV_IMPORT_MAX_PROBLEMS);
      g_array_set_size (import->problem_lines, RCV_IMPORT_MAX_PROBLEMS);
    }
}

/* “file:line: field “x”: text”, as the report gives every problem */
static char *
format_problem (Import     *import,
                guint       line,
                const char *field,
                const char *text)
{
  if (field != NULL)
    return g_strdup_printf (_("%s:%u: field “%s”: %s"), rcv_csv_reader_get_name (import->reader),
                            line, field, text);
  return g_strdup_printf (_("%s:%u: %s"), rcv_csv_reader_get_name (import->reader), line, text);
}

static void G_GNUC_PRINTF (4, 5)
row_problem (Import     *import,
             guint       line,
             const char *field,
             const char *format,
             ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  add_problem (import, line, format_problem (import, line, field, text));
}

/* The ledger's messages start with the field (“number: …”): keep it as the field. */
static void
ledger_problem (Import       *import,
                guint         line,
                const GError *error)
{
  const char *colon = strstr (error->message, ": ");
  gboolean has_field = colon != NULL && (gsize) (colon - error->message) < 20 &&
                       strspn (error->message, "abcdefghijklmnopqrstuvwxyz_") ==
                         (gsize) (colon - error->message);

  /* the ledger reports bad values as RCV_INPUT_ERROR; anything else is the company file
   * itself (read-only, full, failing), which ends the import as a runtime error */
  if (error->domain != RCV_INPUT_ERROR)
    {
      if (import->fatal == NULL)
        import->fatal = g_error_copy (error);
      return;
    }

  if (has_field)
    {
      g_autofree char *field = g_strndup (error->message, (gsize) (colon - error->message));
      row_problem (import, line, field, "%s", colon + 2);
    }
  else
    row_problem (import, line, NULL, "%s", error->message);
}

static gboolean
read_header (Import  *import,
             GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) known = g_string_new (NULL);
  RcvCsvStatus status;
  guint n_before = import->report->n_problems;

  for (guint s = 0; s < MAX_COLUMNS; s++)
    import->column_of[s] = -1;
  for (guint s = 0; import->spec[s].name != NULL; s++)
    g_string_append_printf (known, "%s%s", s > 0 ? ", " : "", import->spec[s].name);

  status = rcv_csv_reader_next (import->reader, &local_error);
  if (status == RCV_CSV_END)
    {
      add_problem (import, 1,
                   g_strdup_printf (_("%s: the file is empty: it needs a header row (%s)"),
                                            rcv_csv_reader_get_name (import->reader), known->str));
      goto fail;
    }
  if (status == RCV_CSV_ERROR)
    {
      add_problem (import, 1, g_strdup (local_error->message));
      goto fail;
    }

  import->n_header_fields = rcv_csv_reader_get_n_fields (import->reader);
  for (guint f = 0; f < import->n_header_fields; f++)
    {
      g_autofree char *name =
        g_strstrip (g_ascii_strdown (rcv_csv_reader_get_field (import->reader, f), -1));
      gboolean found = FALSE;

      for (guint s = 0; import->spec[s].name != NULL; s++)
        if (g_str_equal (name, import->spec[s].name))
          {
            found = TRUE;
            if (import->column_of[s] >= 0)
              row_problem (import, 1, NULL, _("the column “%s” appears twice"), name);
            import->column_of[s] = (int) f;
          }

      if (!found)
        row_problem (import, 1, NULL,
                     _("unknown column “%s” (a %s file has the columns %s)"),
                     name, kind_table (import->kind), known->str);
    }

  for (guint s = 0; import->spec[s].name != NULL; s++)
    if (import->spec[s].required && import->column_of[s] < 0)
      row_problem (import, 1, NULL, _("the required column “%s” is missing"),
                   import->spec[s].name);

  if (import->report->n_problems == n_before)
    return TRUE;

fail:
  g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_FILE,
               _("%s cannot be imported: its header is wrong; nothing was imported"),
               rcv_csv_reader_get_name (import->reader));
  return FALSE;
}

/* The value of a column in the current row; "" when the column is absent or empty. A cell
 * our export neutralised as a formula ('=…) is read as the text it stands for, so that an
 * export imports back as it was (the README's round trip). */
static const char *
field (Import *import,
       guint   spec_index)
{
  int f = import->column_of[spec_index];

  return f < 0 ? "" : rcv_csv_text_of_cell (rcv_csv_reader_get_field (import->reader, (guint) f));
}



static gboolean
parse_amount (Import     *import,
              guint       line,
              guint       column,
              gint64     *amount)
{
  g_autoptr(GError) local_error = NULL;
  const char *name = import->spec[column].name;
  const char *text = field (import, column);

  if (rcv_money_parse_plain (text, '.', import->currency, amount, &local_error))
    return TRUE;
  if (import->decimal == ',' && strchr (text, ',') != NULL)
    {
      g_clear_error (&local_error);
      if (rcv_money_parse_plain (text, ',', import->currency, amount, &local_error))
        return TRUE;
    }
  row_problem (import, line, name, "%s", local_error->message);
  return FALSE;
}

static gboolean
parse_date (Import     *import,
            guint       line,
            guint       column,
            GDate      *date)
{
  g_autoptr(GError) local_error = NULL;
  const char *name = import->spec[column].name;
  g_autofree char *text = g_strstrip (g_strdup (field (import, column)));

  if (rcv_date_parse_iso (text, date, &local_error))
    return TRUE;
  row_problem (import, line, name, "%s", local_error->message);
  return FALSE;
}

static const CustomerInfo *
lookup_customer (Import     *import,
                 guint       line,
                 const char *code)
{
  static const CustomerInfo unknown = { 0 };
  const CustomerInfo *info = g_hash_table_lookup (import->customers, code);

  if (info == NULL && import->all_customers)
    info = &unknown;
  else if (info == NULL)
    {
      g_autoptr(RcvCustomer) customer = rcv_ledger_find_customer (import_db (import), code, NULL);
      CustomerInfo *found = g_new0 (CustomerInfo, 1);

      if (customer != NULL)
        {
          found->id = customer->id;
          found->terms = rcv_posting_get_terms (import_db (import), customer);
        }
      g_hash_table_insert (import->customers, g_strdup (code), found);
      info = found;
    }

  if (info->id == 0)
    {
      row_problem (import, line, "customer_id",
                   _("there is no customer with the ID “%s” (import the customers first)"),
                   code);
      return NULL;
    }
  return info;
}

/* All the company's customers, as lookup_customer () finds them one by one: their terms are
 * their own, else their policy's, else the default policy's (rcv_posting_get_terms ()). */
static gboolean
load_customers (Import  *import,
                GError **error)
{
  RcvStatement *stmt = rcv_database_prepare (import_db (import),
                                             "SELECT c.code, c.id,"
                                             " coalesce (c.terms_days, p.terms_days, ?1)"
                                             " FROM customers AS c LEFT JOIN policies AS p"
                                             " ON p.id = " RCV_CUSTOMER_POLICY_SQL,
                                             error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_int (stmt, 1, RCV_DEFAULT_TERMS_DAYS);
  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    {
      CustomerInfo *info = g_new (CustomerInfo, 1);

      info->id = rcv_statement_column_int64 (stmt, 1);
      info->terms = rcv_statement_column_int (stmt, 2);
      g_hash_table_insert (import->customers, g_strdup (rcv_statement_column_text (stmt, 0)), info);
    }
  if (rc != RCV_DONE)
    rcv_database_set_error (import_db (import), error);
  rcv_statement_reset (stmt);
  import->all_customers = rc == RCV_DONE;
  return import->all_customers;
}

/* Remember which line wrote the row with this ID, to name it in a later duplicate. */
static void
note_new_row (Import *import,
              gint64  id,
              guint   line)
{
  guint32 value = line;

  if (import->first_new_id == 0)
    import->first_new_id = id;
  if (id >= import->first_new_id)
    {
      guint index = (guint) (id - import->first_new_id);

      if (index >= import->line_of_new_row->len)
        g_array_set_size (import->line_of_new_row, index + 1);
      g_array_index (import->line_of_new_row, guint32, index) = value;
    }
}

/* The ID of the row that has `value`, by `sql` (one text parameter); 0 when none has. */
static gint64
find_row_id (Import     *import,
             const char *sql,
             const char *value)
{
  RcvStatement *stmt = rcv_database_prepare (import_db (import), sql, NULL);
  gint64 id = 0;

  if (stmt != NULL)
    {
      rcv_statement_bind_text (stmt, 1, value);
      if (rcv_statement_step (stmt) == RCV_ROW)
        id = rcv_statement_column_int64 (stmt, 0);
      rcv_statement_reset (stmt);
    }
  return id;
}

#define FIND_CUSTOMER_SQL "SELECT id FROM customers WHERE code = ?1"
#define FIND_INVOICE_SQL "SELECT id FROM invoices WHERE number = ?1"

/* The row on `line` repeats `value`, which the row with ID `id` has. */
static void
duplicate_problem (Import     *import,
                   guint       line,
                   const char *field_name,
                   const char *value,
                   gint64      id)
{
  if (import->first_new_id > 0 && id >= import->first_new_id &&
      (guint) (id - import->first_new_id) < import->line_of_new_row->len)
    row_problem (import, line, field_name, _("“%s” is already on line %u of this file"), value,
                 g_array_index (import->line_of_new_row, guint32, id - import->first_new_id));
  else
    row_problem (import, line, field_name, _("“%s” is already in the company file"), value);
}

static void
import_customer_row (Import *import,
                     guint   line)
{
  g_autoptr(RcvCustomer) customer = rcv_customer_new ();
  g_autoptr(GError) local_error = NULL;
  const char *policy = field (import, C_POLICY);
  const char *terms = field (import, C_TERMS_DAYS);
  guint n_before = import->report->n_problems;

  customer->code = g_strstrip (g_strdup (field (import, C_ID)));
  customer->name = g_strdup (field (import, C_NAME));
  customer->email = g_strstrip (g_strdup (field (import, C_EMAIL)));
  customer->phone = g_strdup (field (import, C_PHONE));
  customer->address = g_strdup (field (import, C_ADDRESS));

  if (policy[0] != '\0')
    {
      gpointer id;

      if (!g_hash_table_lookup_extended (import->policies, policy, NULL, &id))
        {
          gint64 found = rcv_policy_find_by_name (import_db (import), policy, NULL);
          id = GSIZE_TO_POINTER ((gsize) found);
          g_hash_table_insert (import->policies, g_strdup (policy), id);
        }
      customer->policy_id = (gint64) GPOINTER_TO_SIZE (id);
      if (customer->policy_id == 0)
        row_problem (import, line, "policy", _("there is no credit policy named “%s”"), policy);
    }

  if (field (import, C_CREDIT_LIMIT)[0] != '\0' &&
      parse_amount (import, line, C_CREDIT_LIMIT, &customer->credit_limit) &&
      customer->credit_limit < 0)
    row_problem (import, line, "credit_limit", _("must not be negative"));

  if (terms[0] != '\0')
    {
      gint64 days;

      if (rcv_parse_int (terms, 0, 3650, &days, &local_error))
        customer->terms_days = (gint) days;
      else
        {
          row_problem (import, line, "terms_days", "%s", local_error->message);
          g_clear_error (&local_error);
        }
    }

  if (import->report->n_problems != n_before)
    return;

  if (!rcv_ledger_insert_customer_row (import_db (import), customer, &local_error))
    {
      if (g_error_matches (local_error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_DUPLICATE))
        duplicate_problem (import, line, "id", customer->code,
                           find_row_id (import, FIND_CUSTOMER_SQL, customer->code));
      else
        ledger_problem (import, line, local_error);
      return;
    }
  note_new_row (import, customer->id, line);
  import->report->n_imported++;
}

/* A row that wrote (or, in bulk mode, will write) the document `id`. */
static void
invoice_imported (Import *import,
                  gint64  id,
                  guint   line)
{
  const char *applies_to = field (import, I_APPLIES_TO);

  note_new_row (import, id, line);
  import->report->n_imported++;
  if (applies_to[0] != '\0')
    {
      PendingCredit pending = { id, g_strstrip (g_strdup (applies_to)), line };
      g_array_append_val (import->pending_credits, pending);
    }
}

static gboolean
drop_indexes (Import            *import,
              const char *const *names,
              GError           **error)
{
  /* Dropping a million-entry index frees its pages inside the transaction: Debian's SQLite
   * zeroes each freed page (secure_delete), and the statement journal keeps every page's
   * original, in memory with temp_store = MEMORY: 60 MB and more. The dropped pages are
   * rewritten by the rebuild at the end anyway; so no zeroing, and the journal on disk. */
  g_autofree char *restore = NULL;

  import->secure_delete = rcv_database_query_int64 (import_db (import), "PRAGMA secure_delete", 0, 0);
  if (!rcv_database_exec (import_db (import), "PRAGMA secure_delete = FAST; PRAGMA temp_store = FILE",
                          error))
    return FALSE;

  if (import->dropped_indexes == NULL)
    import->dropped_indexes = g_ptr_array_new ();
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *sql = NULL;

      if (g_str_equal (names[i], "payments_customer") && import->had_payments)
        continue;
      sql = g_strdup_printf ("DROP INDEX IF EXISTS %s", names[i]);
      if (!rcv_database_exec (import_db (import), sql, error))
        return FALSE;
      g_ptr_array_add (import->dropped_indexes, (gpointer) names[i]);
    }
  /* and the writes' statement journals on disk too, for the same reason */
  restore = g_strdup_printf ("PRAGMA secure_delete = %d; %s", (int) import->secure_delete,
                             BULK_CACHE_PRAGMA);
  return rcv_database_exec (import_db (import), restore, error);
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
      if (!drop_indexes (import, bulk_indexes_unsorted_invoices, &batch->error))
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
        refusal.existing_id = find_row_id (import, FIND_INVOICE_SQL,
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
static gboolean
finish_invoice_batch (Import  *import,
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
          ledger_problem (import, row->line, refusal->error);
          g_clear_error (&refusal->error);
        }
      else
        duplicate_problem (import, row->line, "number", batch->strings->str + row->number,
                           refusal->existing_id);
    }
  /* the problems of the rows read meanwhile came first: all in line order again */
  order_problems (import, 0);

  g_array_set_size (batch->refusals, 0);
  g_array_set_size (batch->rows, 0);
  g_string_truncate (batch->strings, 0);
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&batch->error));
  return ok;
}

/* Hands the batch read to a writing thread, once the one before it is written, and reads the
 * next into the other. */
static gboolean
write_invoice_batch_async (Import  *import,
                           GError **error)
{
  InvoiceBatch *batch = import->reading;

  if (!finish_invoice_batch (import, error))
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

static void
invoice_batch_init (InvoiceBatch *batch,
                    Import       *import)
{
  batch->import = import;
  batch->rows = g_array_sized_new (FALSE, FALSE, sizeof (NewInvoice), INVOICE_BATCH);
  batch->strings = g_string_new (NULL);
  batch->refusals = g_array_new (FALSE, FALSE, sizeof (Refusal));
}

static void
invoice_batch_clear (InvoiceBatch *batch)
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
      ledger_problem (import, line, local_error);
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

static void
import_invoice_row (Import *import,
                    guint   line)
{
  g_autoptr(RcvInvoice) invoice = NULL;
  g_autoptr(GError) local_error = NULL;
  const CustomerInfo *customer;
  const char *tax_rate = field (import, I_TAX_RATE);
  const char *applies_to = field (import, I_APPLIES_TO);
  g_autofree char *number = g_strstrip (g_strdup (field (import, I_NUMBER)));
  g_autofree char *customer_code = g_strstrip (g_strdup (field (import, I_CUSTOMER_ID)));
  guint n_before = import->report->n_problems;
  GDate issue, due;
  gint64 amount = 0;
  gint tax_bp = 0;

  g_date_clear (&issue, 1);
  g_date_clear (&due, 1);

  if (number[0] == '\0')
    row_problem (import, line, "number", _("is required"));
  customer = lookup_customer (import, line, customer_code);
  parse_date (import, line, I_ISSUE_DATE, &issue);
  parse_amount (import, line, I_AMOUNT, &amount);
  if (field (import, I_DUE_DATE)[0] != '\0')
    parse_date (import, line, I_DUE_DATE, &due);
  if (tax_rate[0] != '\0' && !rcv_percent_parse_plain (tax_rate, &tax_bp, &local_error))
    {
      row_problem (import, line, "tax_rate", "%s", local_error->message);
      g_clear_error (&local_error);
    }
  if (applies_to[0] != '\0' && amount >= 0 && import->report->n_problems == n_before)
    row_problem (import, line, "applies_to",
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
          row_problem (import, line, "issue_date", _("the due date by the customer's terms: %s"),
                       local_error->message);
          return;
        }
    }
  invoice->description = g_strdup (field (import, I_DESCRIPTION));
  rcv_invoice_add_line (invoice, invoice->description, 1000, amount, tax_bp);

  if (import->reading != NULL)
    {
      add_pending_invoice (import, invoice, line);
      return;
    }
  if (!rcv_ledger_insert_invoice_row (import_db (import), invoice, &local_error))
    {
      if (g_error_matches (local_error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_DUPLICATE))
        duplicate_problem (import, line, "number", invoice->number,
                           find_row_id (import, FIND_INVOICE_SQL, invoice->number));
      else
        ledger_problem (import, line, local_error);
      return;
    }
  invoice_imported (import, invoice->id, line);
}

static gboolean
apply_pending_credits (Import  *import,
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
          row_problem (import, pending->line, "applies_to", _("there is no invoice “%s”"),
                       pending->target);
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
          row_problem (import, pending->line, "applies_to", "%s", local_error->message);
        }
    }
  return TRUE;
}

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
        lookup->problem = format_problem (import, lookup->line, "invoice_number", problem);
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

static void
start_resolving (Import *import)
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
        add_problem (import, lookup->line, g_steal_pointer (&lookup->problem));
      else if (lookup->payment != NO_PAYMENT)
        g_array_index (import->pending_payments, RcvNewPayment, lookup->payment).invoice_id =
          lookup->invoice_id;
    }
  if (import->report->n_problems != n_problems)
    order_problems (import, 0);

  g_array_set_size (batch->lookups, 0);
  g_string_truncate (batch->texts, 0);
  g_ptr_array_add (import->spare_lookups, batch);
  import->n_resolving--;
}

static void
hand_over_lookups (Import *import)
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
static void
finish_resolving (Import *import)
{
  hand_over_lookups (import);
  g_async_queue_push (import->to_resolve, &end_of_lookups);
  while (import->n_resolving > 0)
    merge_lookups (import, g_async_queue_pop (import->resolved));
  order_problems (import, 0);
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

static void
import_payment_row (Import *import,
                    guint   line)
{
  g_autoptr(RcvPayment) payment = rcv_payment_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *customer_code = g_strstrip (g_strdup (field (import, P_CUSTOMER_ID)));
  g_autofree char *invoice_number = g_strstrip (g_strdup (field (import, P_INVOICE_NUMBER)));
  const CustomerInfo *customer;
  guint n_before = import->report->n_problems;
  RcvNewPayment pending = { 0 };
  Lookup *lookup = NULL;
  RcvStatement *stmt;
  char date[RCV_ISO_DATE_LEN];

  customer = lookup_customer (import, line, customer_code);
  parse_date (import, line, P_DATE, &payment->date);
  if (parse_amount (import, line, P_AMOUNT, &payment->amount) && payment->amount <= 0)
    row_problem (import, line, "amount", _("a payment must be more than zero"));

  if (invoice_number[0] != '\0' && import->lookups != NULL)
    lookup = defer_lookup (import, line, invoice_number, customer, customer_code);
  else if (invoice_number[0] != '\0')
    {
      g_autofree char *problem = check_invoice_number (import, invoice_number,
                                                       customer != NULL ? customer->id : 0,
                                                       customer_code, &pending.invoice_id);

      if (problem != NULL)
        row_problem (import, line, "invoice_number", "%s", problem);
    }

  if (import->report->n_problems != n_before)
    return;

  payment->customer_id = customer->id;
  payment->reference = g_strdup (field (import, P_REFERENCE));
  payment->method = g_strdup (field (import, P_METHOD));

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
          row_problem (import, line, NULL,
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
          ledger_problem (import, line, local_error);
          return;
        }
      note_new_row (import, payment->id, line);
      pending.payment_id = payment->id;
    }
  import->report->n_imported++;
  if (lookup != NULL)
    lookup->payment = import->pending_payments->len;
  g_array_append_val (import->pending_payments, pending);
}

static gboolean
drop_bulk_indexes (gpointer   user_data,
                   GError   **error)
{
  Import *import = user_data;

  return drop_indexes (import,
                       import->kind == RCV_IMPORT_INVOICES ? bulk_indexes_invoices
                                                           : bulk_indexes_payments,
                       error);
}

static gboolean
allocate_pending_payments (Import  *import,
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
                                      import->strings, drop_bulk_indexes, import, error);
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

static void
pending_credit_clear (gpointer data)
{
  g_free (((PendingCredit *) data)->target);
}

/* Bulk mode for a file that is large, and large next to what the table holds: rebuilding a
 * big table's indexes for a small file would cost more than it saves. */
static void
decide_bulk_mode (Import *import)
{
  const char *min_rows_env = g_getenv ("RCV_IMPORT_BULK_MIN_ROWS");
  guint64 min_rows = min_rows_env != NULL ? g_ascii_strtoull (min_rows_env, NULL, 10)
                                          : BULK_MIN_ROWS;
  guint64 expected = rcv_csv_reader_get_size (import->reader) / BYTES_PER_ROW_ESTIMATE;

  if (import->kind == RCV_IMPORT_INVOICES)
    import->max_id = rcv_database_query_int64 (import_db (import), "SELECT max (id) FROM invoices", 0, 0);
  else if (import->kind == RCV_IMPORT_PAYMENTS)
    import->max_id = rcv_database_query_int64 (import_db (import), "SELECT max (id) FROM payments", 0, 0);
  else
    return;

  import->bulk = expected >= MAX (min_rows, 1) && expected * 4 >= (guint64) import->max_id;
}

static gboolean
end_bulk_mode (Import  *import,
               GError **error)
{
  g_autofree char *threads = NULL;
  gboolean ok = TRUE;

  if (import->dropped_indexes == NULL)
    return TRUE;

  /* the index builds sort a million keys: with a small cache (which also bounds the sorter's
   * memory) and their runs on disk, not in memory. Runs of 8 MB sort faster than larger
   * ones (measured: a million payments' seven builds in 4.3 s against 5.1 s with 16 MB and
   * 5.6 s with 64 MB), being closer to the processor's caches. */
  if (!rcv_database_exec (import_db (import), "PRAGMA cache_size = -8192; PRAGMA temp_store = FILE",
                          error))
    return FALSE;
  /* each build sorts its keys on a second thread while the first reads the table */
  threads = g_strdup_printf ("PRAGMA threads = %u", MIN (g_get_num_processors (), 4));
  if (!rcv_database_exec (import_db (import), threads, error))
    return FALSE;
  for (guint i = 0; ok && i < import->dropped_indexes->len; i++)
    {
      const char *name = g_ptr_array_index (import->dropped_indexes, i);
      gint64 start = g_get_monotonic_time ();

      ok = rcv_database_exec (import_db (import), rcv_schema_find_index (name)->create, error);
      g_debug ("%s built in %.2f s", name, (g_get_monotonic_time () - start) / 1e6);
    }
  return rcv_database_exec (import_db (import), "PRAGMA temp_store = MEMORY; PRAGMA threads = 0",
                            ok ? error : NULL) && ok;
}

/* G_MESSAGES_DEBUG=rcv-import: how long the import took to reach `phase`. */
static void
log_phase (Import     *import,
           const char *phase)
{
  g_debug ("%s: %s after %.2f s", rcv_csv_reader_get_name (import->reader), phase,
           (g_get_monotonic_time () - import->started) / 1e6);
}

static gboolean
audit_import (Import  *import,
              GError **error)
{
  g_autoptr(RcvJsonWriter) json = rcv_json_writer_new (FALSE);
  g_autofree char *text = NULL;

  rcv_json_begin_object (json);
  rcv_json_key (json, "file");
  rcv_json_string (json, rcv_csv_reader_get_name (import->reader));
  rcv_json_key (json, "rows");
  rcv_json_int (json, import->report->n_imported);
  rcv_json_key (json, "first_id");
  rcv_json_int (json, import->first_new_id);
  rcv_json_end_object (json);
  text = rcv_json_writer_free_to_string (g_steal_pointer (&json));

  return rcv_database_audit (import_db (import), "import", kind_table (import->kind), 0, NULL, text,
                             error);
}

/* Imports a whole file or nothing. On bad rows returns FALSE with RCV_INPUT_ERROR and the
 * problems in `report`; on a database failure, FALSE with RCV_DATABASE_ERROR. */
gboolean
rcv_import_csv (RcvDatabase     *db,
                RcvImportKind    kind,
                RcvCsvReader    *reader,
                RcvImportReport *report,
                GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  Import import = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  rcv_connection_holder_init (&import.connection, db);
  import.secure_delete = 1;
  import.kind = kind;
  import.reader = reader;
  import.report = report;
  import.currency = rcv_database_get_currency (import_db (&import));
  import.spec = kind == RCV_IMPORT_CUSTOMERS ? customer_columns
              : kind == RCV_IMPORT_INVOICES ? invoice_columns : payment_columns;
  import.customers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import.policies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import.line_of_new_row = g_array_new (FALSE, TRUE, sizeof (guint32));
  import.problem_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  import.pending_credits = g_array_new (FALSE, FALSE, sizeof (PendingCredit));
  /* a payments' import keeps its rows' texts to the end: sized for them up front, as the rows
   * below are (a few bytes of each row's 40 or so) */
  import.strings = g_string_sized_new (kind == RCV_IMPORT_PAYMENTS
                                         ? (gsize) MIN (rcv_csv_reader_get_size (reader) / 3,
                                                        G_MAXUINT / 2)
                                         : 0);
  g_array_set_clear_func (import.pending_credits, pending_credit_clear);
  /* sized for the file up front: the pages never used are never touched, and a million rows
   * are not copied while the array doubles */
  import.pending_payments =
    g_array_sized_new (FALSE, FALSE, sizeof (RcvNewPayment),
                       kind == RCV_IMPORT_PAYMENTS
                         ? (guint) MIN (rcv_csv_reader_get_size (reader) / 24, G_MAXUINT / 2)
                         : 0);

  import.started = g_get_monotonic_time ();
  if (!read_header (&import, error))
    goto out;
  import.decimal = rcv_csv_reader_get_separator (reader) == ';' ? ',' : '.';

  decide_bulk_mode (&import);
  import.had_payments = kind == RCV_IMPORT_PAYMENTS && import.max_id > 0;
  /* Every reference of a row is checked by the import itself before the row is written, so
   * in bulk mode SQLite's own foreign-key probes (a random read of a large table per row)
   * are left out; the pragma only changes outside a transaction. */
  if (import.bulk &&
      !rcv_database_exec (import_db (&import), "PRAGMA foreign_keys = OFF", error))
    goto out;
  /* its hundreds of megabytes written once, not through the WAL, when nothing else has the
   * file open (see rcv_database_leave_wal ()) */
  if (import.bulk)
    import.left_wal = rcv_database_leave_wal (import_db (&import));
  if (!rcv_database_begin (import_db (&import), error))
    goto out;
  /* an invoices' import drops the indexes now; a payments' import once it has read the open
   * invoices through one of them */
  if (import.bulk && kind == RCV_IMPORT_INVOICES)
    {
      /* written a batch at a time, with IDs given here in file order as the table would;
       * the rows are read and checked without the connection, which the writing thread has */
      if (!drop_bulk_indexes (&import, error) || !load_customers (&import, error))
        goto rollback;
      invoice_batch_init (&import.batches[0], &import);
      invoice_batch_init (&import.batches[1], &import);
      import.reading = &import.batches[0];
      import.next_invoice_id = import.max_id + 1;
    }
  /* into a table without payments (no looking for one already there), a payments' import
   * reads and checks its rows without the connection too */
  if (import.bulk && kind == RCV_IMPORT_PAYMENTS && !import.had_payments)
    {
      /* the cache at its size for the writes from the start: the looking-up thread fills
       * it, and shrinking it later would free its pages where the writes cannot reuse them */
      if (!load_customers (&import, error) ||
          !rcv_database_exec (import_db (&import), BULK_CACHE_PRAGMA, error))
        goto rollback;
      start_resolving (&import);
    }

  for (;;)
    {
      RcvCsvStatus status = rcv_csv_reader_next (reader, &local_error);
      guint line = rcv_csv_reader_get_line (reader);

      if (status == RCV_CSV_END)
        break;
      report->n_rows++;
      if (status == RCV_CSV_ERROR)
        {
          add_problem (&import, line, g_strdup (local_error->message));
          g_clear_error (&local_error);
          continue;
        }
      if (rcv_csv_reader_get_n_fields (reader) != import.n_header_fields)
        {
          row_problem (&import, line, NULL, _("the row has %u fields, the header has %u"),
                       rcv_csv_reader_get_n_fields (reader), import.n_header_fields);
          continue;
        }

      if (import.fatal != NULL)
        break;

      switch (kind)
        {
        case RCV_IMPORT_CUSTOMERS:
          import_customer_row (&import, line);
          break;
        case RCV_IMPORT_INVOICES:
          import_invoice_row (&import, line);
          if (import.reading != NULL && import.reading->rows->len >= INVOICE_BATCH &&
              !write_invoice_batch_async (&import, error))
            goto rollback;
          break;
        case RCV_IMPORT_PAYMENTS:
          import_payment_row (&import, line);
          if (import.lookups != NULL && import.lookups->lookups->len >= LOOKUP_BATCH)
            hand_over_lookups (&import);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  /* the invoice numbers' problems are the rows' problems too */
  if (import.resolver != NULL)
    {
      log_phase (&import, "read, waiting for the look-ups");
      finish_resolving (&import);
    }

  g_debug ("%s: %u rows read and checked in %.2f s%s", rcv_csv_reader_get_name (reader),
           report->n_rows, (g_get_monotonic_time () - import.started) / 1e6,
           import.bulk ? " (bulk)" : "");

  if (import.reading != NULL)
    {
      /* the last batch, and the wait for it */
      if (!write_invoice_batch_async (&import, error) || !finish_invoice_batch (&import, error))
        goto rollback;
      import.reading = NULL;
    }

  /* the credit notes' targets are checked even when rows were bad, to report every problem;
   * payments have nothing left to check and are allocated only for a good file */
  if (!apply_pending_credits (&import, error) ||
      (report->n_problems == 0 && !allocate_pending_payments (&import, error)))
    goto rollback;

  if (import.fatal != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&import.fatal));
      goto rollback;
    }
  if (report->n_problems > 0)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                   ngettext ("%s has %u problem; nothing was imported",
                             "%s has %u problems; nothing was imported", report->n_problems),
                   rcv_csv_reader_get_name (reader), report->n_problems);
      goto rollback;
    }

  log_phase (&import, "allocated");
  /* written: their memory goes back before the index builds take theirs */
  g_clear_pointer (&import.pending_payments, g_array_unref);
  g_string_free (g_steal_pointer (&import.strings), TRUE);
  if (!end_bulk_mode (&import, error))
    goto rollback;
  log_phase (&import, "indexes rebuilt");
  if (!rcv_collections_charge_commission (import_db (&import), error) ||
      !audit_import (&import, error))
    goto rollback;
  log_phase (&import, "commission and audit");
  if (!rcv_database_commit (import_db (&import), error))
    goto rollback;
  ok = TRUE;
  log_phase (&import, "committed");

  /* a bulk import that went through the WAL wrote hundreds of megabytes to it: fold them
   * into the file and give the space back now, if no reader is in the way (otherwise the
   * next write does it) */
  if (import.bulk && !import.left_wal)
    {
      rcv_database_checkpoint (import_db (&import));
      log_phase (&import, "checkpointed");
    }
  goto out;

  /* nothing was imported */
rollback:
  /* the threads that may hold the connection give it back first */
  if (import.resolver != NULL)
    finish_resolving (&import);
  if (import.writing != NULL)
    finish_invoice_batch (&import, NULL);
  rcv_database_rollback (import_db (&import));
  report->n_imported = 0;

out:
  if (import.resolver != NULL)
    finish_resolving (&import);
  g_clear_pointer (&import.open, rcv_open_invoices_free);
  g_clear_error (&import.resolver_error);
  g_clear_error (&import.fatal);
  g_clear_pointer (&import.to_resolve, g_async_queue_unref);
  g_clear_pointer (&import.resolved, g_async_queue_unref);
  if (import.bulk)
    rcv_database_exec (import_db (&import), "PRAGMA foreign_keys = ON", NULL);
  if (import.left_wal)
    rcv_database_return_to_wal (import_db (&import));
  /* a rollback has brought any dropped index back with the rest */
  if (import.dropped_indexes != NULL)
    {
      /* whichever way the import ended, the connection's settings are as they were */
      g_autofree char *restore =
        g_strdup_printf ("PRAGMA secure_delete = %d; PRAGMA temp_store = MEMORY; %s",
                         (int) import.secure_delete, NORMAL_CACHE_PRAGMA);

      rcv_database_exec (import_db (&import), restore, NULL);
      g_ptr_array_unref (import.dropped_indexes);
    }
  if (import.strings != NULL)
    g_string_free (import.strings, TRUE);
  g_hash_table_unref (import.customers);
  g_hash_table_unref (import.policies);
  g_array_unref (import.line_of_new_row);
  g_array_unref (import.problem_lines);
  g_array_unref (import.pending_credits);
  g_clear_pointer (&import.pending_payments, g_array_unref);
  invoice_batch_clear (&import.batches[0]);
  invoice_batch_clear (&import.batches[1]);
  rcv_connection_holder_clear (&import.connection);
  return ok;
}

gboolean
rcv_import_csv_file (RcvDatabase     *db,
                     RcvImportKind    kind,
                     const char      *path,
                     RcvImportReport *report,
                     GError         **error)
{
  g_autoptr(RcvCsvReader) reader = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  reader = rcv_csv_reader_new_for_path (path, error);
  if (reader == NULL)
    return FALSE;
  return rcv_import_csv (db, kind, reader, report, error);
}
