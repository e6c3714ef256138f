/* rcv-import-private.h - what the files of a CSV import share: the import's state, its rows'
 * checks and problems (rcv-import.c, rcv-import-customers.c, rcv-import-invoices.c,
 * rcv-import-payments.c)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rcv-bulk.h"
#include "rcv-csv.h"
#include "rcv-database-private.h"
#include "rcv-import.h"
#include "rcv-payment-batch.h"

G_BEGIN_DECLS

#define MAX_COLUMNS 16

typedef struct
{
  const char *name;
  gboolean required;
} ColumnSpec;

/* Column positions in the specs below, so that a row's fields are found without comparing
 * names (a million rows ask for eight fields each). */
enum { C_ID, C_NAME, C_EMAIL, C_PHONE, C_ADDRESS, C_POLICY, C_CREDIT_LIMIT, C_TERMS_DAYS,
       C_IBAN };
enum { I_NUMBER, I_CUSTOMER_ID, I_ISSUE_DATE, I_AMOUNT, I_DUE_DATE, I_DESCRIPTION, I_TAX_RATE,
       I_APPLIES_TO };
enum { P_DATE, P_CUSTOMER_ID, P_AMOUNT, P_INVOICE_NUMBER, P_REFERENCE, P_METHOD };

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

#define FIND_CUSTOMER_SQL "SELECT id FROM customers WHERE code = ?1"
#define FIND_INVOICE_SQL "SELECT id FROM invoices WHERE number = ?1"

/* rcv-import.c: problems, fields, the bulk mode's indexes */
void rcv_import_add_problem (Import     *import,
                             guint       line,
                             char       *message);
void rcv_import_order_problems (Import *import,
                                guint   first);
char *rcv_import_format_problem (Import     *import,
                                 guint       line,
                                 const char *field,
                                 const char *text);
void rcv_import_row_problem (Import     *import,
                             guint       line,
                             const char *field,
                             const char *format,
                             ...) G_GNUC_PRINTF (4, 5);
void rcv_import_ledger_problem (Import       *import,
                                guint         line,
                                const GError *error);
const char *rcv_import_field (Import *import,
                              guint   spec_index);
gboolean rcv_import_parse_amount (Import     *import,
                                  guint       line,
                                  guint       column,
                                  gint64     *amount);
gboolean rcv_import_parse_date (Import     *import,
                                guint       line,
                                guint       column,
                                GDate      *date);
gboolean rcv_import_drop_indexes (Import            *import,
                                  const char *const *names,
                                  GError           **error);
gboolean rcv_import_drop_bulk_indexes (gpointer   user_data,
                                       GError   **error);

/* rcv-import-customers.c */
const CustomerInfo *rcv_import_lookup_customer (Import     *import,
                                                guint       line,
                                                const char *code);
gboolean rcv_import_load_customers (Import  *import,
                                    GError **error);
void rcv_import_note_new_row (Import *import,
                              gint64  id,
                              guint   line);
gint64 rcv_import_find_row_id (Import     *import,
                               const char *sql,
                               const char *value);
void rcv_import_duplicate_problem (Import     *import,
                                   guint       line,
                                   const char *field_name,
                                   const char *value,
                                   gint64      id);
void rcv_import_customer_row (Import *import,
                              guint   line);

/* rcv-import-invoices.c */
gboolean rcv_import_finish_invoice_batch (Import  *import,
                                          GError **error);
gboolean rcv_import_write_invoice_batch_async (Import  *import,
                                               GError **error);
void rcv_import_invoice_batch_init (InvoiceBatch *batch,
                                    Import       *import);
void rcv_import_invoice_batch_clear (InvoiceBatch *batch);
void rcv_import_invoice_row (Import *import,
                             guint   line);
gboolean rcv_import_apply_pending_credits (Import  *import,
                                           GError **error);
void rcv_import_pending_credit_clear (gpointer data);

/* rcv-import-payments.c */
void rcv_import_start_resolving (Import *import);
void rcv_import_hand_over_lookups (Import *import);
void rcv_import_finish_resolving (Import *import);
void rcv_import_payment_row (Import *import,
                             guint   line);
gboolean rcv_import_allocate_pending_payments (Import  *import,
                                               GError **error);

G_END_DECLS
