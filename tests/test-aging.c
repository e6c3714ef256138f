/* test-aging.c - aging as of any date: buckets, boundaries, past dates, unapplied credit
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "rcv-aging-private.h"
#include "rcv-aging.h"
#include "rcv-date.h"
#include "rcv-error.h"
#include "rcv-import.h"
#include "rcv-ledger.h"
#include "rcv-test-utils.h"

static const RcvAgingRow *
find_row (RcvAgingReport *report,
          const char     *code)
{
  for (guint i = 0; i < report->rows->len; i++)
    {
      const RcvAgingRow *row = g_ptr_array_index (report->rows, i);
      if (g_str_equal (row->code, code))
        return row;
    }
  return NULL;
}

static RcvAgingReport *
age (RcvDatabase *db,
     const char  *as_of)
{
  g_autoptr(GError) error = NULL;
  RcvAgingReport *report = rcv_aging_report_new (db, rcv_test_date (as_of), &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* Days overdue 0 | 1, 30 | 31, 60 | 61, 90 | 91 fall on either side of each boundary. */
static void
test_bucket_boundaries (void)
{
  static const struct { const char *due; gint days; guint bucket; } cases[] = {
    { "2026-07-05", -5, 0 }, { "2026-06-30", 0, 0 }, { "2026-06-29", 1, 1 },
    { "2026-05-31", 30, 1 }, { "2026-05-30", 31, 2 }, { "2026-05-01", 60, 2 },
    { "2026-04-30", 61, 3 }, { "2026-04-01", 90, 3 }, { "2026-03-31", 91, 4 },
    { "2025-06-30", 365, 4 },
  };
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  g_autoptr(RcvAgingReport) report = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  gint64 expected[5] = { 0 };
  const RcvAgingRow *row;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *code = g_strdup_printf ("C%u", i + 1);
      g_autofree char *number = g_strdup_printf ("I-%u", i + 1);
      gint64 c = rcv_test_customer (db, code, code);

      rcv_test_invoice (db, c, number, "2025-01-01", cases[i].due, 100 * (i + 1));
      expected[cases[i].bucket] += 100 * (i + 1);
    }

  report = age (db, "2026-06-30");
  g_assert_cmpuint (report->rows->len, ==, G_N_ELEMENTS (cases));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *code = g_strdup_printf ("C%u", i + 1);

      row = find_row (report, code);
      g_assert_nonnull (row);
      for (guint b = 0; b < 5; b++)
        g_assert_cmpint (row->buckets[b], ==, b == cases[i].bucket ? 100 * (i + 1) : 0);
      g_assert_cmpint (row->oldest_days, ==, cases[i].days);
    }
  for (guint b = 0; b < 5; b++)
    g_assert_cmpint (report->total.buckets[b], ==, expected[b]);

  items = rcv_aging_list_items (db, rcv_test_date ("2026-06-30"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, G_N_ELEMENTS (cases));
  for (guint i = 0; i < items->len; i++)
    {
      const RcvAgingItem *item = g_ptr_array_index (items, i);
      guint index = (guint) g_ascii_strtoull (item->document + 2, NULL, 10) - 1;

      g_assert_cmpint (item->days_overdue, ==, cases[index].days);
      g_assert_cmpint (item->bucket, ==, (gint) cases[index].bucket);
    }
}

/* As of a past date, later invoices and payments do not exist yet. */
static void
test_past_as_of (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  g_autoptr(RcvAgingReport) before = NULL;
  g_autoptr(RcvAgingReport) between = NULL;
  g_autoptr(RcvAgingReport) after = NULL;
  gint64 c = rcv_test_customer (db, "C1", "Alpha");
  gint64 first = rcv_test_invoice (db, c, "I-1", "2026-01-10", "2026-02-09", 1000);

  rcv_test_invoice (db, c, "I-2", "2026-03-01", "2026-03-31", 500);
  rcv_test_payment (db, c, "2026-03-15", 1000, first, FALSE);

  before = age (db, "2026-01-09");
  g_assert_cmpuint (before->rows->len, ==, 0);

  between = age (db, "2026-03-10");      /* I-1 29 days late, I-2 current, nothing paid */
  g_assert_cmpint (find_row (between, "C1")->buckets[1], ==, 1000);
  g_assert_cmpint (find_row (between, "C1")->buckets[0], ==, 500);
  g_assert_cmpint (find_row (between, "C1")->balance, ==, 1500);

  after = age (db, "2026-03-15");        /* I-1 paid that day */
  g_assert_cmpint (find_row (after, "C1")->buckets[1], ==, 0);
  g_assert_cmpint (find_row (after, "C1")->buckets[0], ==, 500);
  g_assert_cmpint (find_row (after, "C1")->balance, ==, 500);
}

static void
test_partial_payment (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  g_autoptr(RcvAgingReport) report = NULL;
  gint64 c = rcv_test_customer (db, "C1", "Alpha");
  gint64 invoice = rcv_test_invoice (db, c, "I-1", "2026-01-01", "2026-01-31", 100000);

  rcv_test_payment (db, c, "2026-02-15", 30000, invoice, FALSE);
  report = age (db, "2026-04-01");       /* 60 days late */
  g_assert_cmpint (find_row (report, "C1")->buckets[2], ==, 70000);
  g_assert_cmpint (find_row (report, "C1")->balance, ==, 70000);
}

/* Unapplied payments and credit notes are their own negative column, part of the balance. */
static void
test_unapplied (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  g_autoptr(RcvAgingReport) report = NULL;
  g_autoptr(RcvAgingReport) earlier = NULL;
  g_autofree char *csv = NULL;
  gint64 c = rcv_test_customer (db, "C1", "Alpha");
  gint64 d = rcv_test_customer (db, "C2", "Beta");
  const RcvAgingRow *row;

  rcv_test_invoice (db, c, "I-1", "2026-01-01", "2026-01-31", 1000);
  rcv_test_payment (db, c, "2026-02-10", 1500, 0, TRUE);     /* 500 too much */
  rcv_test_invoice (db, d, "CN-1", "2026-02-20", NULL, -250); /* credit, not applied */
  rcv_test_invoice (db, d, "I-2", "2026-02-01", "2026-03-03", 900);

  report = age (db, "2026-03-01");
  row = find_row (report, "C1");
  g_assert_cmpint (row->unapplied, ==, -500);
  g_assert_cmpint (row->balance, ==, -500);
  row = find_row (report, "C2");
  g_assert_cmpint (row->buckets[0], ==, 900);
  g_assert_cmpint (row->unapplied, ==, -250);
  g_assert_cmpint (row->balance, ==, 650);
  g_assert_cmpint (report->total.unapplied, ==, -750);
  g_assert_cmpint (report->total.balance, ==, 150);

  csv = rcv_aging_report_to_csv (report, rcv_database_get_currency (db));
  g_assert_cmpstr (csv, ==,
                   "customer_id,customer,current,1-30,31-60,61-90,over_90,unapplied,balance\n"
                   "C1,Alpha,0.00,0.00,0.00,0.00,0.00,-5.00,-5.00\n"
                   "C2,Beta,9.00,0.00,0.00,0.00,0.00,-2.50,6.50\n"
                   "TOTAL,,9.00,0.00,0.00,0.00,0.00,-7.50,1.50\n");

  /* before the credit note existed */
  earlier = age (db, "2026-02-19");
  g_assert_cmpint (find_row (earlier, "C2")->unapplied, ==, 0);
  g_assert_cmpint (find_row (earlier, "C1")->unapplied, ==, -500);
}

/* A prepayment allocated to an invoice issued later is unapplied until the issue date. */
static void
test_prepayment (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  g_autoptr(RcvAgingReport) early = NULL;
  g_autoptr(RcvAgingReport) late = NULL;
  g_autoptr(GError) error = NULL;
  gint64 c = rcv_test_customer (db, "C1", "Alpha");
  gint64 payment = rcv_test_payment (db, c, "2026-01-01", 1000, 0, FALSE);
  gint64 invoice = rcv_test_invoice (db, c, "I-1", "2026-01-20", "2026-02-19", 1000);

  g_assert_true (rcv_ledger_allocate_payment (db, payment, invoice, 1000, &error));
  early = age (db, "2026-01-10");
  g_assert_cmpint (find_row (early, "C1")->unapplied, ==, -1000);
  late = age (db, "2026-01-20");
  g_assert_null (find_row (late, "C1"));
}

static void
test_order_and_zero_balances (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  g_autoptr(RcvAgingReport) report = NULL;
  const char *codes[] = { "C10", "C2", "C1", "B7" };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      gint64 c = rcv_test_customer (db, codes[i], codes[i]);
      g_autofree char *number = g_strdup_printf ("N%u", i);
      gint64 invoice = rcv_test_invoice (db, c, number, "2026-01-01", "2026-01-31", 100);

      if (i == 3)
        rcv_test_payment (db, c, "2026-01-15", 100, invoice, FALSE);   /* paid: not listed */
    }

  report = age (db, "2026-02-01");
  g_assert_cmpuint (report->rows->len, ==, 3);
  g_assert_cmpstr (((RcvAgingRow *) g_ptr_array_index (report->rows, 0))->code, ==, "C1");
  g_assert_cmpstr (((RcvAgingRow *) g_ptr_array_index (report->rows, 1))->code, ==, "C2");
  g_assert_cmpstr (((RcvAgingRow *) g_ptr_array_index (report->rows, 2))->code, ==, "C10");
}

static void
test_custom_boundaries_and_basis (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  g_autoptr(RcvAgingReport) report = NULL;
  g_autoptr(RcvAgingReport) by_issue = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  gint64 c = rcv_test_customer (db, "C1", "Alpha");

  rcv_test_invoice (db, c, "I-1", "2026-01-01", "2026-01-31", 100);   /* 100 days late */
  rcv_test_invoice (db, c, "I-2", "2026-01-01", "2026-03-31", 200);   /*  41 days late */
  g_assert_true (rcv_database_set_aging_boundaries (db, "30,60,90,120", &error));

  report = age (db, "2026-05-11");
  g_assert_cmpuint (report->n_buckets, ==, 6);
  g_assert_cmpint (find_row (report, "C1")->buckets[4], ==, 100);     /* 91-120 */
  g_assert_cmpint (find_row (report, "C1")->buckets[2], ==, 200);     /* 31-60 */
  csv = rcv_aging_report_to_csv (report, rcv_database_get_currency (db));
  g_assert_true (g_str_has_prefix (csv, "customer_id,customer,current,1-30,31-60,61-90,91-120,"
                                        "over_120,unapplied,balance\n"));

  /* by issue date both are 130 days old */
  g_assert_true (rcv_database_set_aging_basis (db, RCV_AGING_BY_ISSUE_DATE, &error));
  by_issue = age (db, "2026-05-11");
  g_assert_cmpint (find_row (by_issue, "C1")->buckets[5], ==, 300);
}

static void
test_json (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  g_autoptr(RcvAgingReport) report = NULL;
  g_autofree char *json = NULL;
  gint64 c = rcv_test_customer (db, "C1", "Quote \" and \\ backslash");

  rcv_test_invoice (db, c, "I-1", "2026-01-01", "2026-01-31", 123456);
  report = age (db, "2026-03-01");
  json = rcv_aging_report_to_json (report, rcv_database_get_currency (db));

  g_assert_nonnull (strstr (json, "\"as_of\": \"2026-03-01\""));
  g_assert_nonnull (strstr (json, "\"bucket_boundaries\": [\n    30,\n    60,\n    90\n  ]"));
  g_assert_nonnull (strstr (json, "\"customer\": \"Quote \\\" and \\\\ backslash\""));
  g_assert_nonnull (strstr (json, "\"1-30\": 1234.56"));
  g_assert_nonnull (strstr (json, "\"oldest_days_overdue\": 29"));
  g_assert_nonnull (strstr (json, "\"balance\": 1234.56"));
}

static void
test_empty_company (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  g_autoptr(RcvAgingReport) report = age (db, "2026-03-01");
  g_autofree char *csv = rcv_aging_report_to_csv (report, rcv_database_get_currency (db));

  g_assert_cmpuint (report->rows->len, ==, 0);
  g_assert_cmpstr (csv, ==, "customer_id,customer,current,1-30,31-60,61-90,over_90,unapplied,"
                            "balance\nTOTAL,,0.00,0.00,0.00,0.00,0.00,0.00,0.00\n");
}

/* Thousands of customers owing: names come from one pass over the customers. */
static void
test_many_customers (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  g_autoptr(GString) customers = g_string_new ("id,name\n");
  g_autoptr(GString) invoices = g_string_new ("number,customer_id,issue_date,amount\n");
  g_autoptr(RcvImportReport) report_c = rcv_import_report_new ();
  g_autoptr(RcvImportReport) report_i = rcv_import_report_new ();
  g_autoptr(RcvCsvReader) reader_c = NULL;
  g_autoptr(RcvCsvReader) reader_i = NULL;
  g_autoptr(RcvAgingReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const guint n = 2500;

  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (customers, "K%u,Kunde Nummer %u\n", i, i);
      /* every other one owes something */
      if (i % 2 == 0)
        g_string_append_printf (invoices, "R%u,K%u,2026-01-01,%u.00\n", i, i, i + 1);
    }
  reader_c = rcv_csv_reader_new_for_data (customers->str, customers->len, "c.csv");
  reader_i = rcv_csv_reader_new_for_data (invoices->str, invoices->len, "i.csv");
  g_assert_true (rcv_import_csv (db, RCV_IMPORT_CUSTOMERS, reader_c, report_c, &error));
  g_assert_true (rcv_import_csv (db, RCV_IMPORT_INVOICES, reader_i, report_i, &error));
  g_assert_no_error (error);

  report = age (db, "2026-06-30");
  g_assert_cmpuint (report->rows->len, ==, n / 2);
  for (guint r = 0; r < report->rows->len; r++)
    {
      const RcvAgingRow *row = g_ptr_array_index (report->rows, r);
      guint i = (guint) g_ascii_strtoull (row->code + 1, NULL, 10);
      g_autofree char *name = g_strdup_printf ("Kunde Nummer %u", i);

      g_assert_cmpstr (row->name, ==, name);
      g_assert_cmpint (row->balance, ==, (gint64) (i + 1) * 100);
    }
  /* K0, K2, … K10 in natural order */
  g_assert_cmpstr (((RcvAgingRow *) g_ptr_array_index (report->rows, 5))->code, ==, "K10");
}

/* ---- the indexed query against the definition, on random ledgers -------------------- */

typedef struct
{
  gint64 buckets[5];
  gint64 unapplied;
} Expected;

/* DESIGN.md §3 taken literally: every document, every allocation, nothing clever. */
static GHashTable *
brute_force (const char *path,
             const char *as_of)
{
  GHashTable *result = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  guint32 d = rcv_iso_to_julian (as_of);
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  static const char *const sql[] = {
    "SELECT customer_id, kind, due_date, total - (SELECT coalesce (sum (amount), 0) FROM"
    " allocations WHERE invoice_id = invoices.id AND effective_date <= ?1) FROM invoices"
    " WHERE kind = 'invoice' AND issue_date <= ?1",
    "SELECT customer_id, kind, due_date, total + (SELECT coalesce (sum (amount), 0) FROM"
    " allocations WHERE credit_note_id = invoices.id AND effective_date <= ?1) FROM invoices"
    " WHERE kind = 'credit-note' AND issue_date <= ?1",
    "SELECT customer_id, 'payment', NULL, (SELECT coalesce (sum (amount), 0) FROM allocations"
    " WHERE payment_id = payments.id AND effective_date <= ?1) - amount FROM payments"
    " WHERE date <= ?1",
  };

  g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint q = 0; q < G_N_ELEMENTS (sql); q++)
    {
      g_assert_cmpint (sqlite3_prepare_v2 (handle, sql[q], -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, as_of, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 customer = sqlite3_column_int64 (stmt, 0);
          gint64 open = sqlite3_column_int64 (stmt, 3);
          Expected *e;

          if (open == 0)
            continue;
          e = g_hash_table_lookup (result, &customer);
          if (e == NULL)
            {
              e = g_new0 (Expected, 1);
              g_hash_table_insert (result, g_memdup2 (&customer, sizeof customer), e);
            }
          if (q == 0)
            {
              gint days = (gint) d - (gint) rcv_iso_to_julian ((const char *) sqlite3_column_text (stmt, 2));
              guint bucket = days <= 0 ? 0 : days <= 30 ? 1 : days <= 60 ? 2 : days <= 90 ? 3 : 4;
              e->buckets[bucket] += open;
            }
          else
            e->unapplied += open;
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (handle);
  return result;
}

static void
random_date (GRand  *rand,
             guint32 from,
             guint32 span,
             char    out[RCV_ISO_DATE_LEN])
{
  rcv_julian_to_iso (from + (guint32) g_rand_int_range (rand, 0, (gint32) span), out);
}

static void
test_matches_definition (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261123);
  g_autoptr(GArray) invoices = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint32 start = rcv_iso_to_julian ("2018-01-01");
  guint32 span = 8 * 365;
  gint64 customers[12];
  guint n_checks = 0;

  for (guint i = 0; i < G_N_ELEMENTS (customers); i++)
    {
      g_autofree char *code = g_strdup_printf ("C%u", i);
      customers[i] = rcv_test_customer (db, code, code);
    }

  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *number = g_strdup_printf ("I%u", i);
      char issue[RCV_ISO_DATE_LEN], due[RCV_ISO_DATE_LEN];
      guint32 issue_julian = start + (guint32) g_rand_int_range (rand, 0, (gint32) span);
      gint64 c = customers[g_rand_int_range (rand, 0, G_N_ELEMENTS (customers))];
      gint64 amount = g_rand_int_range (rand, 1, 5000) * 10;
      gint64 id;

      rcv_julian_to_iso (issue_julian, issue);
      rcv_julian_to_iso (issue_julian + (guint32) g_rand_int_range (rand, 0, 90), due);
      if (g_rand_int_range (rand, 0, 10) == 0)
        {
          rcv_test_invoice (db, c, number, issue, NULL, -amount);
          continue;
        }
      id = rcv_test_invoice (db, c, number, issue, due, amount);
      g_array_append_val (invoices, id);

      /* pay it in up to three parts, a day to about eight years later, or never */
      for (guint p = 0, n = (guint) g_rand_int_range (rand, 0, 4); p < n; p++)
        {
          g_autoptr(RcvInvoice) invoice = rcv_ledger_get_invoice (db, id, NULL);
          gint64 open = invoice->total - invoice->allocated;
          gint64 part = p + 1 == n ? open : open / 2;
          guint32 exponent = (guint32) g_rand_int_range (rand, 0, 13);
          char date[RCV_ISO_DATE_LEN];

          if (part <= 0)
            break;
          rcv_julian_to_iso (issue_julian + (guint32) g_rand_int_range (rand, 0, 1 << exponent),
                             date);
          rcv_test_payment (db, invoice->customer_id, date, part, id, FALSE);
        }
    }

  /* payments on account, oldest first, some before the invoices they end up paying */
  for (guint i = 0; i < 150; i++)
    {
      char date[RCV_ISO_DATE_LEN];
      random_date (rand, start, span + 400, date);
      rcv_test_payment (db, customers[g_rand_int_range (rand, 0, G_N_ELEMENTS (customers))], date,
                        g_rand_int_range (rand, 1, 8000) * 10, 0, TRUE);
    }

  for (guint i = 0; i < 60; i++)
    {
      char as_of[RCV_ISO_DATE_LEN];
      g_autoptr(GHashTable) expected = NULL;
      g_autoptr(RcvAgingReport) report = NULL;

      random_date (rand, start - 10, span + 3000, as_of);
      expected = brute_force (path, as_of);
      report = age (db, as_of);

      for (guint r = 0; r < report->rows->len; r++)
        {
          const RcvAgingRow *row = g_ptr_array_index (report->rows, r);
          Expected *e = g_hash_table_lookup (expected, &row->customer_id);

          g_assert_nonnull (e);
          for (guint b = 0; b < 5; b++)
            g_assert_cmpint (row->buckets[b], ==, e->buckets[b]);
          g_assert_cmpint (row->unapplied, ==, e->unapplied);
          g_hash_table_remove (expected, &row->customer_id);
          n_checks++;
        }
      /* nobody the definition lists was left out */
      g_assert_cmpuint (g_hash_table_size (expected), ==, 0);
    }
  g_assert_cmpuint (n_checks, >, 200);
}

/* Aging reads the open documents through their (span_class, start) indexes, payments_open a
 * partial one that SQLite reads only for a query stating its condition: never the tables. */
static void
test_query_plans (void)
{
  static const char *const queries[][2] = {
    { "SELECT i.id," INVOICE_OPEN_AMOUNT OPEN_INVOICES_WHERE, "USING COVERING INDEX invoices_open " },
    { "SELECT p.id," PAYMENT_OPEN_AMOUNT OPEN_PAYMENTS_WHERE, "USING INDEX payments_open " },
  };
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GString) plan = g_string_new (NULL);
      g_autofree char *sql = g_strconcat ("EXPLAIN QUERY PLAN ", queries[i][0], NULL);

      rcv_test_dump (plan, path, sql);
      g_test_message ("%s", plan->str);
      g_assert_nonnull (strstr (plan->str, queries[i][1]));
      g_assert_null (strstr (plan->str, "SCAN i|"));
      g_assert_null (strstr (plan->str, "SCAN p|"));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/aging/bucket-boundaries", test_bucket_boundaries);
  g_test_add_func ("/core/aging/past-as-of", test_past_as_of);
  g_test_add_func ("/core/aging/partial-payment", test_partial_payment);
  g_test_add_func ("/core/aging/unapplied", test_unapplied);
  g_test_add_func ("/core/aging/prepayment", test_prepayment);
  g_test_add_func ("/core/aging/order-and-zero-balances", test_order_and_zero_balances);
  g_test_add_func ("/core/aging/custom-boundaries-and-basis", test_custom_boundaries_and_basis);
  g_test_add_func ("/core/aging/json", test_json);
  g_test_add_func ("/core/aging/empty-company", test_empty_company);
  g_test_add_func ("/core/aging/many-customers", test_many_customers);
  g_test_add_func ("/core/aging/matches-definition", test_matches_definition);
  g_test_add_func ("/core/aging/query-plans", test_query_plans);

  return g_test_run ();
}
