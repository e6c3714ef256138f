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
#include "rcv-import-private.h"
#include "rcv-json.h"
#include "rcv-ledger-private.h"
#include "rcv-payment-batch.h"
#include "rcv-policy.h"
#include "rcv-posting.h"
#include "rcv-schema.h"

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
 * the first row out of order drops it too (rcv-import-invoices.c); and it keeps
 * invoices_customer_settled, which a new invoice, open, is not in */
static const char *const bulk_indexes_invoices[] = {
  "invoices_customer", "invoices_customer_unsettled", NULL,
};

/* a payments' import in bulk mode allocates in memory (rcv-payment-batch.c), after reading
 * the open invoices through invoices_customer_unsettled; it keeps payments_customer when it
 * must look for payments the company file already has */
static const char *const bulk_indexes_payments[] = {
  "invoices_open", "invoices_customer_unsettled", "invoices_customer_settled", "payments_open",
  "allocations_invoice", "allocations_payment", "allocations_credit_note", "payments_customer",
  NULL,
};

static const ColumnSpec customer_columns[] = {
  { "id", TRUE }, { "name", TRUE }, { "email", FALSE }, { "phone", FALSE },
  { "address", FALSE }, { "policy", FALSE }, { "credit_limit", FALSE },
  { "terms_days", FALSE }, { "iban", FALSE }, { NULL, FALSE },
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
void
rcv_import_add_problem (Import     *import,
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
void
rcv_import_order_problems (Import *import,
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
char *
rcv_import_format_problem (Import     *import,
                           guint       line,
                           const char *field,
                           const char *text)
{
  if (field != NULL)
    return g_strdup_printf (_("%s:%u: field “%s”: %s"), rcv_csv_reader_get_name (import->reader),
                            line, field, text);
  return g_strdup_printf (_("%s:%u: %s"), rcv_csv_reader_get_name (import->reader), line, text);
}

void G_GNUC_PRINTF (4, 5)
rcv_import_row_problem (Import     *import,
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

  rcv_import_add_problem (import, line, rcv_import_format_problem (import, line, field, text));
}

/* The ledger's messages start with the field (“number: …”): keep it as the field. */
void
rcv_import_ledger_problem (Import       *import,
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
      rcv_import_row_problem (import, line, field, "%s", colon + 2);
    }
  else
    rcv_import_row_problem (import, line, NULL, "%s", error->message);
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
      rcv_import_add_problem (import, 1,
                              g_strdup_printf (_("%s: the file is empty: it needs a header row (%s)"),
                                                       rcv_csv_reader_get_name (import->reader), known->str));
      goto fail;
    }
  if (status == RCV_CSV_ERROR)
    {
      rcv_import_add_problem (import, 1, g_strdup (local_error->message));
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
              rcv_import_row_problem (import, 1, NULL, _("the column “%s” appears twice"),
                                      name);
            import->column_of[s] = (int) f;
          }

      if (!found)
        rcv_import_row_problem (import, 1, NULL,
                                _("unknown column “%s” (a %s file has the columns %s)"),
                                name, kind_table (import->kind), known->str);
    }

  for (guint s = 0; import->spec[s].name != NULL; s++)
    if (import->spec[s].required && import->column_of[s] < 0)
      rcv_import_row_problem (import, 1, NULL, _("the required column “%s” is missing"),
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
const char *
rcv_import_field (Import *import,
                  guint   spec_index)
{
  int f = import->column_of[spec_index];

  return f < 0 ? "" : rcv_csv_text_of_cell (rcv_csv_reader_get_field (import->reader, (guint) f));
}



gboolean
rcv_import_parse_amount (Import     *import,
                         guint       line,
                         guint       column,
                         gint64     *amount)
{
  g_autoptr(GError) local_error = NULL;
  const char *name = import->spec[column].name;
  const char *text = rcv_import_field (import, column);

  if (rcv_money_parse_plain (text, '.', import->currency, amount, &local_error))
    return TRUE;
  if (import->decimal == ',' && strchr (text, ',') != NULL)
    {
      g_clear_error (&local_error);
      if (rcv_money_parse_plain (text, ',', import->currency, amount, &local_error))
        return TRUE;
    }
  rcv_import_row_problem (import, line, name, "%s", local_error->message);
  return FALSE;
}

gboolean
rcv_import_parse_date (Import     *import,
                       guint       line,
                       guint       column,
                       GDate      *date)
{
  g_autoptr(GError) local_error = NULL;
  const char *name = import->spec[column].name;
  g_autofree char *text = g_strstrip (g_strdup (rcv_import_field (import, column)));

  if (rcv_date_parse_iso (text, date, &local_error))
    return TRUE;
  rcv_import_row_problem (import, line, name, "%s", local_error->message);
  return FALSE;
}

gboolean
rcv_import_drop_indexes (Import            *import,
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

gboolean
rcv_import_drop_bulk_indexes (gpointer   user_data,
                              GError   **error)
{
  Import *import = user_data;

  return rcv_import_drop_indexes (import,
                                  import->kind == RCV_IMPORT_INVOICES ? bulk_indexes_invoices
                                                                      : bulk_indexes_payments,
                                  error);
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

/* The import's state, before its header is read */
static void
import_init (Import          *import,
             RcvDatabase     *db,
             RcvImportKind    kind,
             RcvCsvReader    *reader,
             RcvImportReport *report)
{
  rcv_connection_holder_init (&import->connection, db);
  import->secure_delete = 1;
  import->kind = kind;
  import->reader = reader;
  import->report = report;
  import->currency = rcv_database_get_currency (import_db (import));
  import->spec = kind == RCV_IMPORT_CUSTOMERS ? customer_columns
              : kind == RCV_IMPORT_INVOICES ? invoice_columns : payment_columns;
  import->customers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import->policies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import->line_of_new_row = g_array_new (FALSE, TRUE, sizeof (guint32));
  import->problem_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  import->pending_credits = g_array_new (FALSE, FALSE, sizeof (PendingCredit));
  /* a payments' import keeps its rows' texts to the end: sized for them up front, as the rows
   * below are (a few bytes of each row's 40 or so) */
  import->strings = g_string_sized_new (kind == RCV_IMPORT_PAYMENTS
                                         ? (gsize) MIN (rcv_csv_reader_get_size (reader) / 3,
                                                        G_MAXUINT / 2)
                                         : 0);
  g_array_set_clear_func (import->pending_credits, rcv_import_pending_credit_clear);
  /* sized for the file up front: the pages never used are never touched, and a million rows
   * are not copied while the array doubles */
  import->pending_payments =
    g_array_sized_new (FALSE, FALSE, sizeof (RcvNewPayment),
                       kind == RCV_IMPORT_PAYMENTS
                         ? (guint) MIN (rcv_csv_reader_get_size (reader) / 24, G_MAXUINT / 2)
                         : 0);

}

/* The header, the bulk mode's choice and its preparations, and the transaction (`begun` once
 * it is). */
static gboolean
import_start (Import    *import,
              gboolean  *begun,
              GError   **error)
{
  import->started = g_get_monotonic_time ();
  if (!read_header (import, error))
    return FALSE;
  import->decimal = rcv_csv_reader_get_separator (import->reader) == ';' ? ',' : '.';

  decide_bulk_mode (import);
  import->had_payments = import->kind == RCV_IMPORT_PAYMENTS && import->max_id > 0;
  /* Every reference of a row is checked by the import itself before the row is written, so
   * in bulk mode SQLite's own foreign-key probes (a random read of a large table per row)
   * are left out; the pragma only changes outside a transaction. */
  if (import->bulk &&
      !rcv_database_exec (import_db (import), "PRAGMA foreign_keys = OFF", error))
    return FALSE;
  /* its hundreds of megabytes written once, not through the WAL, when nothing else has the
   * file open (see rcv_database_leave_wal ()) */
  if (import->bulk)
    import->left_wal = rcv_database_leave_wal (import_db (import));
  if (!rcv_database_begin (import_db (import), error))
    return FALSE;
  *begun = TRUE;
  /* an invoices' import drops the indexes now; a payments' import once it has read the open
   * invoices through one of them */
  if (import->bulk && import->kind == RCV_IMPORT_INVOICES)
    {
      /* written a batch at a time, with IDs given here in file order as the table would;
       * the rows are read and checked without the connection, which the writing thread has */
      if (!rcv_import_drop_bulk_indexes (import, error) ||
          !rcv_import_load_customers (import, error))
        return FALSE;
      rcv_import_invoice_batch_init (&import->batches[0], import);
      rcv_import_invoice_batch_init (&import->batches[1], import);
      import->reading = &import->batches[0];
      import->next_invoice_id = import->max_id + 1;
    }
  /* into a table without payments (no looking for one already there), a payments' import
   * reads and checks its rows without the connection too */
  if (import->bulk && import->kind == RCV_IMPORT_PAYMENTS && !import->had_payments)
    {
      /* the cache at its size for the writes from the start: the looking-up thread fills
       * it, and shrinking it later would free its pages where the writes cannot reuse them */
      if (!rcv_import_load_customers (import, error) ||
          !rcv_database_exec (import_db (import), BULK_CACHE_PRAGMA, error))
        return FALSE;
      rcv_import_start_resolving (import);
    }

  return TRUE;
}

/* Every row, read, checked and written or queued; FALSE only when the company file failed. */
static gboolean
import_read_rows (Import  *import,
                  GError **error)
{
  g_autoptr(GError) local_error = NULL;

  for (;;)
    {
      RcvCsvStatus status = rcv_csv_reader_next (import->reader, &local_error);
      guint line = rcv_csv_reader_get_line (import->reader);

      if (status == RCV_CSV_END)
        break;
      import->report->n_rows++;
      if (status == RCV_CSV_ERROR)
        {
          rcv_import_add_problem (import, line, g_strdup (local_error->message));
          g_clear_error (&local_error);
          continue;
        }
      if (rcv_csv_reader_get_n_fields (import->reader) != import->n_header_fields)
        {
          rcv_import_row_problem (import, line, NULL,
                                  _("the row has %u fields, the header has %u"),
                                  rcv_csv_reader_get_n_fields (import->reader),
                                  import->n_header_fields);
          continue;
        }

      if (import->fatal != NULL)
        break;

      switch (import->kind)
        {
        case RCV_IMPORT_CUSTOMERS:
          rcv_import_customer_row (import, line);
          break;
        case RCV_IMPORT_INVOICES:
          rcv_import_invoice_row (import, line);
          if (import->reading != NULL && import->reading->rows->len >= INVOICE_BATCH &&
              !rcv_import_write_invoice_batch_async (import, error))
            return FALSE;
          break;
        case RCV_IMPORT_PAYMENTS:
          rcv_import_payment_row (import, line);
          if (import->lookups != NULL && import->lookups->lookups->len >= LOOKUP_BATCH)
            rcv_import_hand_over_lookups (import);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return TRUE;
}

/* What waits for all the rows: the last batch, the look-ups, the credit notes' targets and
 * the payments' allocations; then, for a file without problems, the commit. */
static gboolean
import_finish (Import  *import,
               GError **error)
{
  /* the invoice numbers' problems are the rows' problems too */
  if (import->resolver != NULL)
    {
      log_phase (import, "read, waiting for the look-ups");
      rcv_import_finish_resolving (import);
    }

  g_debug ("%s: %u rows read and checked in %.2f s%s", rcv_csv_reader_get_name (import->reader),
           import->report->n_rows, (g_get_monotonic_time () - import->started) / 1e6,
           import->bulk ? " (bulk)" : "");

  if (import->reading != NULL)
    {
      /* the last batch, and the wait for it */
      if (!rcv_import_write_invoice_batch_async (import, error) ||
          !rcv_import_finish_invoice_batch (import, error))
        return FALSE;
      import->reading = NULL;
    }

  /* the credit notes' targets are checked even when rows were bad, to report every problem;
   * payments have nothing left to check and are allocated only for a good file */
  if (!rcv_import_apply_pending_credits (import, error) ||
      (import->report->n_problems == 0 && !rcv_import_allocate_pending_payments (import, error)))
    return FALSE;

  if (import->fatal != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&import->fatal));
      return FALSE;
    }
  if (import->report->n_problems > 0)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                   ngettext ("%s has %u problem; nothing was imported",
                             "%s has %u problems; nothing was imported", import->report->n_problems),
                   rcv_csv_reader_get_name (import->reader), import->report->n_problems);
      return FALSE;
    }

  log_phase (import, "allocated");
  /* written: their memory goes back before the index builds take theirs */
  g_clear_pointer (&import->pending_payments, g_array_unref);
  g_string_free (g_steal_pointer (&import->strings), TRUE);
  if (!end_bulk_mode (import, error))
    return FALSE;
  log_phase (import, "indexes rebuilt");
  if (!rcv_collections_charge_commission (import_db (import), error) ||
      !audit_import (import, error))
    return FALSE;
  log_phase (import, "commission and audit");
  if (!rcv_database_commit (import_db (import), error))
    return FALSE;
  log_phase (import, "committed");

  /* a bulk import that went through the WAL wrote hundreds of megabytes to it: fold them
   * into the file and give the space back now, if no reader is in the way (otherwise the
   * next write does it) */
  if (import->bulk && !import->left_wal)
    {
      rcv_database_checkpoint (import_db (import));
      log_phase (import, "checkpointed");
    }
  return TRUE;
}

/* Nothing was imported. */
static void
import_rollback (Import *import)
{
  /* the threads that may hold the connection give it back first */
  if (import->resolver != NULL)
    rcv_import_finish_resolving (import);
  if (import->writing != NULL)
    rcv_import_finish_invoice_batch (import, NULL);
  rcv_database_rollback (import_db (import));
  import->report->n_imported = 0;
}

static void
import_clear (Import *import)
{
  if (import->resolver != NULL)
    rcv_import_finish_resolving (import);
  g_clear_pointer (&import->open, rcv_open_invoices_free);
  g_clear_error (&import->resolver_error);
  g_clear_error (&import->fatal);
  g_clear_pointer (&import->to_resolve, g_async_queue_unref);
  g_clear_pointer (&import->resolved, g_async_queue_unref);
  if (import->bulk)
    rcv_database_exec (import_db (import), "PRAGMA foreign_keys = ON", NULL);
  if (import->left_wal)
    rcv_database_return_to_wal (import_db (import));
  /* a rollback has brought any dropped index back with the rest */
  if (import->dropped_indexes != NULL)
    {
      /* whichever way the import ended, the connection's settings are as they were */
      g_autofree char *restore =
        g_strdup_printf ("PRAGMA secure_delete = %d; PRAGMA temp_store = MEMORY; %s",
                         (int) import->secure_delete, NORMAL_CACHE_PRAGMA);

      rcv_database_exec (import_db (import), restore, NULL);
      g_ptr_array_unref (import->dropped_indexes);
    }
  if (import->strings != NULL)
    g_string_free (import->strings, TRUE);
  g_hash_table_unref (import->customers);
  g_hash_table_unref (import->policies);
  g_array_unref (import->line_of_new_row);
  g_array_unref (import->problem_lines);
  g_array_unref (import->pending_credits);
  g_clear_pointer (&import->pending_payments, g_array_unref);
  rcv_import_invoice_batch_clear (&import->batches[0]);
  rcv_import_invoice_batch_clear (&import->batches[1]);
  rcv_connection_holder_clear (&import->connection);
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
  Import import = { 0 };
  gboolean begun = FALSE;
  gboolean ok;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  import_init (&import, db, kind, reader, report);
  ok = import_start (&import, &begun, error) && import_read_rows (&import, error) &&
       import_finish (&import, error);
  if (!ok && begun)
    import_rollback (&import);
  import_clear (&import);
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
