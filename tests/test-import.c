/* test-import.c - CSV import: all or nothing, every bad row reported with line and field
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rcv-aging.h"
#include "rcv-database-private.h"
#include "rcv-date.h"
#include "rcv-error.h"
#include "rcv-import.h"
#include "rcv-ledger.h"
#include "rcv-payment-batch.h"
#include "rcv-policy.h"
#include "rcv-test-utils.h"

typedef struct
{
  char *path;
  RcvDatabase *db;
} Fixture;

static const char customers_csv[] =
  "id,name,email,terms_days\n"
  "C1,Alpha GmbH,billing@alpha.example,14\n"
  "C2,\"Beta, Inc.\",,\n"
  "C3,Gamma SARL,,60\n";

static const char invoices_csv[] =
  "number,customer_id,issue_date,amount,due_date,description\n"
  "I-1,C1,2026-01-10,1000.00,,January\n"
  "I-2,C1,2026-02-10,500.00,,February\n"
  "I-3,C2,2026-01-05,250.50,2026-01-20,\n"
  "I-4,C3,2026-03-01,80.00,,\n";

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->db = rcv_test_open_new (&fixture->path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->db);
  g_free (fixture->path);
}

/* Imports `csv`; returns the report, with the outcome in *ok. */
static RcvImportReport *
import (Fixture       *fixture,
        RcvImportKind  kind,
        const char    *csv,
        gboolean      *ok,
        GError       **error)
{
  RcvImportReport *report = rcv_import_report_new ();
  g_autoptr(RcvCsvReader) reader = rcv_csv_reader_new_for_data (csv, strlen (csv), "in.csv");

  *ok = rcv_import_csv (fixture->db, kind, reader, report, error);
  return report;
}

static void
import_ok (Fixture       *fixture,
           RcvImportKind  kind,
           const char    *csv,
           guint          expected_rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvImportReport) report = NULL;
  gboolean ok;

  report = import (fixture, kind, csv, &ok, &error);
  if (!ok)
    for (guint i = 0; i < report->problems->len; i++)
      g_test_message ("%s", (char *) g_ptr_array_index (report->problems, i));
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (report->n_imported, ==, expected_rows);
  g_assert_cmpuint (report->n_problems, ==, 0);
}

/* The import must fail, write nothing, and report exactly these problems (in order). */
static void
import_fails (Fixture           *fixture,
              RcvImportKind      kind,
              const char        *csv,
              const char *const *problems)
{
  g_autofree char *before = rcv_test_fingerprint (fixture->path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvImportReport) report = NULL;
  gboolean ok;
  guint n = g_strv_length ((char **) problems);

  report = import (fixture, kind, csv, &ok, &error);
  g_assert_false (ok);
  g_assert_error (error, RCV_INPUT_ERROR, error->code);
  for (guint i = 0; i < report->problems->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (report->problems, i));
  g_assert_cmpuint (report->problems->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (g_ptr_array_index (report->problems, i), ==, problems[i]);
  g_assert_cmpuint (report->n_imported, ==, 0);

  after = rcv_test_fingerprint (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

#define FAILS(kind, csv, ...) \
  G_STMT_START { \
    const char *const expected_[] = { __VA_ARGS__, NULL }; \
    import_fails (fixture, kind, csv, expected_); \
  } G_STMT_END

static void
test_customers (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(RcvCustomer) beta = NULL;

  import_ok (fixture, RCV_IMPORT_CUSTOMERS, customers_csv, 3);
  beta = rcv_ledger_find_customer (fixture->db, "C2", NULL);
  g_assert_nonnull (beta);
  g_assert_cmpstr (beta->name, ==, "Beta, Inc.");
  g_assert_cmpint (beta->terms_days, ==, -1);
}

static void
test_customer_columns (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(RcvCustomer) c = NULL;

  /* any order, any case, all optional columns, a policy by name */
  import_ok (fixture, RCV_IMPORT_CUSTOMERS,
             "Terms_Days,policy,credit_limit,Address,phone,email,name,id\n"
             "30,Standard,5000.00,\"Road 1\nTown\",+49 1,a@b.example,Delta,D1\n", 1);
  c = rcv_ledger_find_customer (fixture->db, "D1", NULL);
  g_assert_cmpint (c->credit_limit, ==, 500000);
  g_assert_cmpint (c->terms_days, ==, 30);
  g_assert_cmpstr (c->address, ==, "Road 1\nTown");
  g_assert_cmpint (c->policy_id, >, 0);
}

static void
test_customer_errors (Fixture       *fixture,
                      gconstpointer  data)
{
  import_ok (fixture, RCV_IMPORT_CUSTOMERS, customers_csv, 3);

  FAILS (RCV_IMPORT_CUSTOMERS,
         "id,name,terms_days,credit_limit,policy\n"
         "C4,Delta,,,\n"
         "C1,Alpha again,,,\n"
         "C5,,,,\n"
         "C4,Delta twice,,,\n"
         "C6,Epsilon,9999,,\n"
         "C7,Zeta,,-5.00,\n"
         "C8,Eta,,,Gold\n",
         "in.csv:3: field “id”: “C1” is already in the company file",
         "in.csv:4: field “name”: is required",
         "in.csv:5: field “id”: “C4” is already on line 2 of this file",
         "in.csv:6: field “terms_days”: “9999” is out of range (0 to 3650)",
         "in.csv:7: field “credit_limit”: must not be negative",
         "in.csv:8: field “policy”: there is no credit policy named “Gold”");
}

static void
test_header_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  FAILS (RCV_IMPORT_CUSTOMERS, "id,nom,colour\nC1,Alpha,red\n",
         "in.csv:1: unknown column “nom” (a customers file has the columns id, name, email, "
         "phone, address, policy, credit_limit, terms_days, iban)",
         "in.csv:1: unknown column “colour” (a customers file has the columns id, name, email, "
         "phone, address, policy, credit_limit, terms_days, iban)",
         "in.csv:1: the required column “name” is missing");
  FAILS (RCV_IMPORT_CUSTOMERS, "id,name,id\n", "in.csv:1: the column “id” appears twice");
  FAILS (RCV_IMPORT_CUSTOMERS, "",
         "in.csv: the file is empty: it needs a header row (id, name, email, phone, address, "
         "policy, credit_limit, terms_days, iban)");
}

static void
test_invoices (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(RcvInvoice) i1 = NULL;
  g_autoptr(RcvInvoice) i4 = NULL;
  g_autoptr(RcvInvoice) i3 = NULL;
  g_autoptr(RcvInvoice) i5 = NULL;
  g_autoptr(RcvPolicy) policy = NULL;
  g_autoptr(GError) error = NULL;

  /* a customer on a policy of its own, with its own terms */
  policy = rcv_policy_load (fixture->db, 0, &error);
  g_assert_no_error (error);
  g_free (policy->name);
  policy->name = g_strdup ("Gold");
  policy->id = 0;
  policy->is_default = FALSE;
  policy->terms_days = 45;
  g_assert_true (rcv_policy_save (fixture->db, policy, &error));
  g_assert_no_error (error);

  import_ok (fixture, RCV_IMPORT_CUSTOMERS, customers_csv, 3);
  import_ok (fixture, RCV_IMPORT_CUSTOMERS, "id,name,policy\nC4,Delta,Gold\n", 1);
  import_ok (fixture, RCV_IMPORT_INVOICES, invoices_csv, 4);
  import_ok (fixture, RCV_IMPORT_INVOICES,
             "number,customer_id,issue_date,amount\nI-5,C4,2026-03-01,10.00\n", 1);
  i5 = rcv_ledger_find_invoice (fixture->db, "I-5", NULL);
  g_assert_cmpint (g_date_compare (&i5->due_date, rcv_test_date ("2026-04-15")), ==, 0);

  /* due date from the customer's terms, the policy's (30 days), or the file */
  i1 = rcv_ledger_find_invoice (fixture->db, "I-1", NULL);
  g_assert_cmpint (g_date_compare (&i1->due_date, rcv_test_date ("2026-01-24")), ==, 0);
  g_assert_cmpint (i1->total, ==, 100000);
  i3 = rcv_ledger_find_invoice (fixture->db, "I-3", NULL);
  g_assert_cmpint (g_date_compare (&i3->due_date, rcv_test_date ("2026-01-20")), ==, 0);
  i4 = rcv_ledger_find_invoice (fixture->db, "I-4", NULL);
  g_assert_cmpint (g_date_compare (&i4->due_date, rcv_test_date ("2026-04-30")), ==, 0);
}

static void
test_invoice_tax_and_credit_notes (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(RcvInvoice) taxed = NULL;
  g_autoptr(RcvInvoice) credit = NULL;

  import_ok (fixture, RCV_IMPORT_CUSTOMERS, customers_csv, 3);
  import_ok (fixture, RCV_IMPORT_INVOICES,
             "number,customer_id,issue_date,amount,tax_rate,applies_to\n"
             "CN-1,C1,2026-02-01,-100.00,,T-1\n"
             "T-1,C1,2026-01-15,100.00,19,\n"
             "CN-2,C2,2026-02-01,-30.00,,\n", 3);

  /* amount is the net, the tax rate adds tax */
  taxed = rcv_ledger_find_invoice (fixture->db, "T-1", NULL);
  g_assert_cmpint (taxed->total, ==, 11900);
  g_assert_cmpuint (g_array_index (taxed->lines, RcvInvoiceLine, 0).tax_bp, ==, 1900);
  /* applies_to may name an invoice further down the file */
  g_assert_cmpint (rcv_ledger_get_open_amount (fixture->db, taxed->id, NULL), ==, 1900);
  credit = rcv_ledger_find_invoice (fixture->db, "CN-1", NULL);
  g_assert_cmpint (credit->kind, ==, RCV_INVOICE_KIND_CREDIT_NOTE);
  g_assert_cmpint (credit->allocated, ==, 10000);
}

/* An invoice issued at the calendar's end whose terms take its due date past it is refused
 * with its line, not by the file's CHECK constraint; a due date given in the file is fine. */
static void
test_end_of_calendar (Fixture       *fixture,
                      gconstpointer  data)
{
  import_ok (fixture, RCV_IMPORT_CUSTOMERS, customers_csv, 3);
  FAILS (RCV_IMPORT_INVOICES,
         "number,customer_id,issue_date,amount,due_date\n"
         "E-1,C1,9999-12-31,10.00,9999-12-31\n"
         "E-2,C1,9999-12-31,10.00,\n",
         "in.csv:3: field “issue_date”: the due date by the customer's terms: 9999-12-31 and 14 "
         "days after it is past 9999-12-31, the last date Receivables keeps");
  import_ok (fixture, RCV_IMPORT_INVOICES,
             "number,customer_id,issue_date,amount,due_date\nE-1,C1,9999-12-31,10.00,9999-12-31\n",
             1);
}

/* An invoice of 0 is refused with its line, in the normal and in the bulk path alike. */
static void
test_zero_invoice (Fixture       *fixture,
                   gconstpointer  data)
{
  import_ok (fixture, RCV_IMPORT_CUSTOMERS, customers_csv, 3);
  FAILS (RCV_IMPORT_INVOICES,
         "number,customer_id,issue_date,amount,tax_rate\n"
         "Z-1,C1,2026-02-01,10.00,\n"
         "Z-2,C1,2026-02-01,0.00,\n"
         "Z-3,C1,2026-02-01,0,19\n"
         "Z-4,C1,2026-02-01,-0.00,\n",
         "in.csv:3: field “amount”: an invoice's total must be above zero",
         "in.csv:4: field “amount”: an invoice's total must be above zero",
         "in.csv:5: field “amount”: an invoice's total must be above zero");
}

static void
test_invoice_errors (Fixture       *fixture,
                     gconstpointer  data)
{
  import_ok (fixture, RCV_IMPORT_CUSTOMERS, customers_csv, 3);
  import_ok (fixture, RCV_IMPORT_INVOICES, invoices_csv, 4);

  FAILS (RCV_IMPORT_INVOICES,
         "number,customer_id,issue_date,amount,due_date,tax_rate,applies_to\n"
         "N-1,C1,2026-02-30,10.00,,,\n"
         "N-2,C9,2026-02-01,10.00,,,\n"
         "N-3,C1,2026-02-01,ten,,,\n"
         "N-4,C1,2026-02-01,10.001,,,\n"
         "N-5,C1,2026-02-01,99999999999999.00,,,\n"
         "I-1,C1,2026-02-01,10.00,,,\n"
         "N-6,C1,2026-02-01,10.00,2026-01-01,,\n"
         "N-7,C1,2026-02-01,10.00,,120,\n"
         "N-8,C1,2026-02-01,10.00,,,I-2\n"
         "N-9,C1,2026-02-01,-10.00,,,I-3\n"
         "N-9,C1,2026-02-01,5.00,,,\n"
         ",C1,2026-02-01,5.00,,,\n"
         "N-10,C1,01/02/2026,5.00,,,\n"
         "N-11,C1,2026-02-01,5.00,,\n"
         "N-12,C2,2026-02-01,-1.00,,,NOPE\n",
         "in.csv:2: field “issue_date”: “2026-02-30” is not a date in the calendar",
         "in.csv:3: field “customer_id”: there is no customer with the ID “C9” (import the "
         "customers first)",
         "in.csv:4: field “amount”: “ten” is not an amount",
         "in.csv:5: field “amount”: “10.001” has more decimals than EUR allows (2)",
         "in.csv:6: field “amount”: “99999999999999.00” is too large (the largest amount is "
         "10000000000.00)",
         "in.csv:7: field “number”: “I-1” is already in the company file",
         "in.csv:8: field “due_date”: is before the issue date",
         "in.csv:9: field “tax_rate”: “120” is not a percentage between 0% and 100%",
         "in.csv:10: field “applies_to”: only a credit note (a negative amount) applies to an "
         "invoice",
         "in.csv:12: field “number”: “N-9” is already on line 11 of this file",
         "in.csv:13: field “number”: is required",
         "in.csv:14: field “issue_date”: “01/02/2026” is not a date (write it YYYY-MM-DD)",
         "in.csv:15: the row has 6 fields, the header has 7",
         "in.csv:11: field “applies_to”: invoice “I-3” belongs to another customer",
         "in.csv:16: field “applies_to”: there is no invoice “NOPE”");
}

static void
test_structural_errors (Fixture       *fixture,
                        gconstpointer  data)
{
  import_ok (fixture, RCV_IMPORT_CUSTOMERS, customers_csv, 3);

  FAILS (RCV_IMPORT_INVOICES,
         "number,customer_id,issue_date,amount\n"
         "N-1,C1,2026-02-01,1\"0\n"
         "N-2,C1,2026-02-01,10.00\n"
         "N-3,C1,\"2026-02-01,10.00\n",
         "in.csv:2:20: a quote inside an unquoted field (quote the whole field and double the "
         "quote)",
         "in.csv:4:8: a quoted field is never closed (its quote opens here)");
}

/* Semicolons, decimal commas, a BOM and CRLF: a spreadsheet's export in a German locale. */
static void
test_semicolon_file (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(RcvInvoice) invoice = NULL;
  g_autoptr(RcvCustomer) customer = NULL;

  import_ok (fixture, RCV_IMPORT_CUSTOMERS,
             "\xEF\xBB\xBFid;name\r\nK1;\"Müller & Söhne; GmbH\"\r\nK2;中村デザイン\r\n", 2);
  import_ok (fixture, RCV_IMPORT_INVOICES,
             "number;customer_id;issue_date;amount\r\nR-1;K1;2026-03-01;1234,56\r\n"
             "R-2;K2;2026-03-02;7.5\r\n", 2);
  customer = rcv_ledger_find_customer (fixture->db, "K1", NULL);
  g_assert_cmpstr (customer->name, ==, "Müller & Söhne; GmbH");
  invoice = rcv_ledger_find_invoice (fixture->db, "R-1", NULL);
  g_assert_cmpint (invoice->total, ==, 123456);
}

static void
test_payments (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(RcvAgingReport) report = NULL;
  g_autoptr(RcvInvoice) i1 = NULL;

  import_ok (fixture, RCV_IMPORT_CUSTOMERS, customers_csv, 3);
  import_ok (fixture, RCV_IMPORT_INVOICES, invoices_csv, 4);

  /* in date order: the 03-01 payment on account first takes I-1 (due 01-24), then the
   * named one goes to I-2 only; the later payment on account finds I-2 partly open */
  import_ok (fixture, RCV_IMPORT_PAYMENTS,
             "date,customer_id,amount,invoice_number,reference,method\n"
             "2026-03-05,C1,300.00,I-2,Transfer 2,bank\n"
             "2026-03-01,C1,1100.00,,Transfer 1,bank\n"
             "2026-03-10,C1,50.00,,Cash,cash\n"
             "2026-03-01,C2,300.00,I-3,,\n", 4);

  i1 = rcv_ledger_find_invoice (fixture->db, "I-1", NULL);
  g_assert_cmpint (rcv_ledger_get_open_amount (fixture->db, i1->id, NULL), ==, 0);
  report = rcv_aging_report_new (fixture->db, rcv_test_date ("2026-03-20"), NULL);
  /* C1: 1500 invoiced, 1450 paid; C2: 250.50 invoiced, 300 paid to it: 49.50 unapplied */
  g_assert_cmpint (((RcvAgingRow *) g_ptr_array_index (report->rows, 0))->balance, ==, 5000);
  g_assert_cmpint (((RcvAgingRow *) g_ptr_array_index (report->rows, 1))->unapplied, ==, -4950);
}

static void
test_payment_ties_in_file_order (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(RcvInvoice) invoice = NULL;

  import_ok (fixture, RCV_IMPORT_CUSTOMERS, customers_csv, 3);
  import_ok (fixture, RCV_IMPORT_INVOICES, invoices_csv, 4);
  /* same date: the first row of the file is applied first and takes I-1 */
  import_ok (fixture, RCV_IMPORT_PAYMENTS,
             "date,customer_id,amount,reference\n"
             "2026-03-01,C1,1000.00,first\n"
             "2026-03-01,C1,200.00,second\n", 2);
  invoice = rcv_ledger_find_invoice (fixture->db, "I-2", NULL);
  g_assert_cmpint (invoice->allocated, ==, 20000);
}

/* Same due date, same issue date: the number decides, not the order of entry. */
static void
test_payment_ties_by_number (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(RcvInvoice) b1 = NULL;
  g_autoptr(RcvInvoice) b2 = NULL;

  import_ok (fixture, RCV_IMPORT_CUSTOMERS, customers_csv, 3);
  import_ok (fixture, RCV_IMPORT_INVOICES,
             "number,customer_id,issue_date,amount,due_date\n"
             "B-2,C1,2026-01-10,100.00,2026-02-10\n"
             "B-1,C1,2026-01-10,100.00,2026-02-10\n", 2);
  import_ok (fixture, RCV_IMPORT_PAYMENTS,
             "date,customer_id,amount\n2026-03-01,C1,150.00\n", 1);

  b1 = rcv_ledger_find_invoice (fixture->db, "B-1", NULL);
  b2 = rcv_ledger_find_invoice (fixture->db, "B-2", NULL);
  g_assert_cmpint (b1->id, >, b2->id);
  g_assert_cmpint (b1->allocated, ==, 10000);
  g_assert_cmpint (b2->allocated, ==, 5000);
}

static void
test_payment_errors (Fixture       *fixture,
                     gconstpointer  data)
{
  import_ok (fixture, RCV_IMPORT_CUSTOMERS, customers_csv, 3);
  import_ok (fixture, RCV_IMPORT_INVOICES, invoices_csv, 4);
  import_ok (fixture, RCV_IMPORT_INVOICES,
             "number,customer_id,issue_date,amount\nCN-1,C1,2026-01-01,-5.00\n", 1);

  FAILS (RCV_IMPORT_PAYMENTS,
         "date,customer_id,amount,invoice_number\n"
         "2026-03-01,C1,10.00,I-3\n"
         "2026-03-01,C1,10.00,I-99\n"
         "2026-03-01,C1,0.00,\n"
         "2026-03-01,C1,-4.00,\n"
         "2026-03-01,C7,4.00,\n"
         "2026-13-01,C1,4.00,\n"
         "2026-03-01,C1,4.00,CN-1\n",
         "in.csv:2: field “invoice_number”: invoice “I-3” belongs to another customer, not to “C1”",
         "in.csv:3: field “invoice_number”: there is no invoice “I-99”",
         "in.csv:4: field “amount”: a payment must be more than zero",
         "in.csv:5: field “amount”: a payment must be more than zero",
         "in.csv:6: field “customer_id”: there is no customer with the ID “C7” (import the "
         "customers first)",
         "in.csv:7: field “date”: “2026-13-01” is not a date in the calendar",
         "in.csv:8: field “invoice_number”: “CN-1” is a credit note, not an invoice");
}

/* The same file twice is refused row by row, not doubled. */
static void
test_same_file_twice (Fixture       *fixture,
                      gconstpointer  data)
{
  const char payments[] = "date,customer_id,amount,reference\n"
                          "2026-03-01,C1,10.00,T1\n"
                          "2026-03-02,C2,20.00,T2\n";

  import_ok (fixture, RCV_IMPORT_CUSTOMERS, customers_csv, 3);
  import_ok (fixture, RCV_IMPORT_INVOICES, invoices_csv, 4);
  import_ok (fixture, RCV_IMPORT_PAYMENTS, payments, 2);

  FAILS (RCV_IMPORT_CUSTOMERS, customers_csv,
         "in.csv:2: field “id”: “C1” is already in the company file",
         "in.csv:3: field “id”: “C2” is already in the company file",
         "in.csv:4: field “id”: “C3” is already in the company file");
  FAILS (RCV_IMPORT_INVOICES, invoices_csv,
         "in.csv:2: field “number”: “I-1” is already in the company file",
         "in.csv:3: field “number”: “I-2” is already in the company file",
         "in.csv:4: field “number”: “I-3” is already in the company file",
         "in.csv:5: field “number”: “I-4” is already in the company file");
  FAILS (RCV_IMPORT_PAYMENTS, payments,
         "in.csv:2: the company file already has this payment (same customer, date, amount and "
         "reference)",
         "in.csv:3: the company file already has this payment (same customer, date, amount and "
         "reference)");
}

/* Every bad row is reported, however many; only the first thousand are kept. */
static void
test_many_problems (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("id,name\n");
  g_autoptr(RcvImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  for (guint i = 0; i < 1500; i++)
    g_string_append_printf (csv, "X%u,\n", i);
  report = import (fixture, RCV_IMPORT_CUSTOMERS, csv->str, &ok, &error);
  g_assert_false (ok);
  g_assert_cmpuint (report->n_problems, ==, 1500);
  g_assert_cmpuint (report->problems->len, ==, RCV_IMPORT_MAX_PROBLEMS);
  g_assert_true (rcv_ledger_is_empty (fixture->db));
}

/* More rows than a bulk import writes in one batch (16 384), with a row out of issue date
 * order in the second: a number taken by an earlier batch is found when its batch is written,
 * after the problems of the rows around it, and still reported in line order. */
static GString *
batched_invoices (guint out_of_order_row)
{
  GString *csv = g_string_new ("number,customer_id,issue_date,amount\n");
  guint32 start = rcv_iso_to_julian ("2025-01-01");

  for (guint i = 0; i < 20000; i++)
    {
      char issue[RCV_ISO_DATE_LEN];

      rcv_julian_to_iso (i == out_of_order_row ? start : start + i / 100, issue);
      g_string_append_printf (csv, "B%05u,C1,%s,10.00\n", i, issue);
    }
  return csv;
}

static void
replace_row (GString    *csv,
             guint       line,
             const char *row)
{
  const char *at = csv->str;
  const char *end;

  for (guint l = 1; l < line; l++)
    at = strchr (at, '\n') + 1;
  end = strchr (at, '\n');
  g_string_erase (csv, at - csv->str, end - at);
  g_string_insert (csv, at - csv->str, row);
}

static void
test_invoice_batches (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GString) bad = batched_invoices (17000);
  g_autoptr(GString) good = batched_invoices (17000);
  g_autoptr(RcvAgingReport) aging = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;

  import_ok (fixture, RCV_IMPORT_CUSTOMERS, "id,name\nC1,Batch GmbH\n", 1);

  replace_row (bad, 5, "B00003,C1,2025-02-30,10.00");
  replace_row (bad, 16392, "B00002,C1,2025-06-01,10.00");
  replace_row (bad, 16397, "B16395,C1,2025-06-01,ten");
  FAILS (RCV_IMPORT_INVOICES, bad->str,
         "in.csv:5: field “issue_date”: “2025-02-30” is not a date in the calendar",
         "in.csv:16392: field “number”: “B00002” is already on line 4 of this file",
         "in.csv:16397: field “amount”: “ten” is not an amount");

  /* the same rows, good: all written, every index whole again */
  import_ok (fixture, RCV_IMPORT_INVOICES, good->str, 20000);
  g_assert_cmpint (rcv_test_sql_int (fixture->path, "SELECT count (*) FROM invoices"), ==, 20000);
  g_assert_cmpint (rcv_test_sql_int (fixture->path,
                                     "SELECT count (*) FROM sqlite_schema WHERE type = 'index'"
                                     " AND name IN ('invoices_open', 'invoices_customer',"
                                     " 'invoices_customer_unsettled')"), ==, 3);
  g_assert_cmpint (rcv_test_sql_int (fixture->path,
                                     "SELECT count (*) FROM invoice_lines WHERE net = 1000"),
                   ==, 20000);
  g_assert_cmpint (rcv_test_sql_int (fixture->path,
                                     "SELECT max (id) - min (id) FROM invoices"), ==, 19999);
  g_assert_cmpint (rcv_test_sql_int (fixture->path,
                                     "SELECT count (*) FROM pragma_integrity_check"
                                     " WHERE integrity_check <> 'ok'"), ==, 0);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, 1, 2027);
  aging = rcv_aging_report_new (fixture->db, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpint (aging->total.balance, ==, 20000 * 1000);
}

/* 20 000 payments, each of one invoice of batched_invoices () */
static GString *
batched_payments (void)
{
  GString *csv = g_string_new ("date,customer_id,amount,invoice_number,reference\n");

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (csv, "2026-01-01,C1,10.00,B%05u,B%05u\n", i, i);
  return csv;
}

/* Bulk mode looks the invoice numbers up on a second thread, a batch at a time: their
 * problems still come in line order among the others, whichever batch they are in. */
static void
test_payment_batches (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GString) invoices = batched_invoices (0);
  g_autoptr(GString) bad = batched_payments ();
  g_autoptr(GString) good = batched_payments ();
  g_autoptr(RcvAgingReport) aging = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;

  import_ok (fixture, RCV_IMPORT_CUSTOMERS, "id,name\nC1,Batch GmbH\nC2,Other AG\n", 2);
  import_ok (fixture, RCV_IMPORT_INVOICES, invoices->str, 20000);

  replace_row (bad, 3, "2026-01-01,C1,10.00,NOPE,x");
  replace_row (bad, 16388, "2026-01-01,C9,10.00,B16386,x");
  replace_row (bad, 16390, "2026-02-30,C1,10.00,B16388,x");
  replace_row (bad, 16400, "2026-01-01,C2,10.00,B00010,x");
  replace_row (bad, 20001, "2026-01-01,C1,10.00,B99999,x");
  FAILS (RCV_IMPORT_PAYMENTS, bad->str,
         "in.csv:3: field “invoice_number”: there is no invoice “NOPE”",
         "in.csv:16388: field “customer_id”: there is no customer with the ID “C9” (import the "
         "customers first)",
         "in.csv:16390: field “date”: “2026-02-30” is not a date in the calendar",
         "in.csv:16400: field “invoice_number”: invoice “B00010” belongs to another customer, "
         "not to “C2”",
         "in.csv:20001: field “invoice_number”: there is no invoice “B99999”");
  g_assert_cmpint (rcv_test_sql_int (fixture->path, "SELECT count (*) FROM payments"), ==, 0);

  /* the same rows, good: each payment goes to the invoice it names */
  import_ok (fixture, RCV_IMPORT_PAYMENTS, good->str, 20000);
  g_assert_cmpint (rcv_test_sql_int (fixture->path,
                                     "SELECT count (*) FROM allocations AS a"
                                     " JOIN payments AS p ON p.id = a.payment_id"
                                     " JOIN invoices AS i ON i.id = a.invoice_id"
                                     " WHERE p.reference = i.number AND a.amount = 1000"),
                   ==, 20000);
  g_assert_cmpint (rcv_test_sql_int (fixture->path,
                                     "SELECT count (*) FROM invoices"
                                     " WHERE settled_date IS NULL"), ==, 0);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, 1, 2027);
  aging = rcv_aging_report_new (fixture->db, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpint (aging->total.balance, ==, 0);
}

static void
test_missing_file (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(RcvImportReport) report = rcv_import_report_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (rcv_import_csv_file (fixture->db, RCV_IMPORT_CUSTOMERS, "/nonexistent.csv",
                                       report, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "/nonexistent.csv"));
}

static void
assert_wal_and_no_journal (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *mode = rcv_test_journal_mode (path);

  g_assert_cmpstr (mode, ==, "wal");
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
}

/* A bulk import goes through a rollback journal while nothing else has the file open
 * (rcv_database_leave_wal ()), through the WAL otherwise: either way, whether it succeeds or
 * fails, the file is in WAL mode after it, with no journal left beside it. */
static void
test_journal_mode (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(RcvDatabase) reader = NULL;
  g_autoptr(GError) error = NULL;

  import_ok (fixture, RCV_IMPORT_CUSTOMERS, customers_csv, 3);
  FAILS (RCV_IMPORT_INVOICES, "number,customer_id,issue_date,amount\nI-1,C9,2026-01-10,1.00\n",
         "in.csv:2: field “customer_id”: there is no customer with the ID “C9” (import the "
         "customers first)");
  assert_wal_and_no_journal (fixture->path);
  import_ok (fixture, RCV_IMPORT_INVOICES, invoices_csv, 4);
  assert_wal_and_no_journal (fixture->path);

  reader = rcv_database_open_reader (fixture->db, &error);
  g_assert_no_error (error);
  import_ok (fixture, RCV_IMPORT_PAYMENTS, "date,customer_id,amount\n2026-03-01,C1,100.00\n", 1);
  assert_wal_and_no_journal (fixture->path);
  g_assert_cmpint (rcv_database_query_int64 (reader, "SELECT count (*) FROM payments", 0, -1),
                   ==, 1);
}

/* What allocation wrote: equal strings mean both imports booked the same. */
static char *
booked (const char *path)
{
  GString *out = g_string_new (NULL);

  rcv_test_dump (out, path,
                 "SELECT id, customer_id, date, amount, allocated, last_allocation, settled_date,"
                 " span_class, method, reference FROM payments ORDER BY id");
  rcv_test_dump (out, path,
                 "SELECT invoice_id, payment_id, credit_note_id, amount, effective_date"
                 " FROM allocations ORDER BY payment_id, invoice_id, credit_note_id, effective_date");
  rcv_test_dump (out, path,
                 "SELECT id, allocated, last_allocation, settled_date, span_class FROM invoices"
                 " ORDER BY id");
  return g_string_free (out, FALSE);
}

/* The bulk path allocates in memory (rcv-payment-batch.c), the other row by row through the
 * ledger: on a random company both must book exactly the same. */
static void
test_bulk_matches_row_by_row (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4711);
  g_autoptr(GString) customers = g_string_new ("id,name\n");
  g_autoptr(GString) invoices = g_string_new ("number,customer_id,issue_date,amount,due_date,"
                                              "applies_to\n");
  g_autoptr(GString) payments = g_string_new ("date,customer_id,amount,invoice_number,"
                                              "reference,method\n");
  char *results[2] = { NULL, NULL };
  guint32 start = rcv_iso_to_julian ("2025-01-01");
  const guint n_customers = 6, n_invoices = 400, n_payments = 500;

  for (guint c = 0; c < n_customers; c++)
    g_string_append_printf (customers, "C%u,Customer %u\n", c, c);
  for (guint i = 0; i < n_invoices; i++)
    {
      char issue[RCV_ISO_DATE_LEN], due[RCV_ISO_DATE_LEN];
      guint32 day = start + (guint32) g_rand_int_range (rand, 0, 500);
      guint c = (guint) g_rand_int_range (rand, 0, n_customers);

      rcv_julian_to_iso (day, issue);
      /* same due dates and issue dates often, so that the tie-breaks matter; numbers in
       * another order than the rows, so that breaking ties by number is not by ID */
      rcv_julian_to_iso (day + 30 * (guint32) g_rand_int_range (rand, 0, 3), due);
      if (i % 25 == 24)
        g_string_append_printf (invoices, "N%03u,C%u,%s,-%d.00,,\n", (i * 7919) % n_invoices,
                                c, issue, g_rand_int_range (rand, 1, 50));
      else
        g_string_append_printf (invoices, "N%03u,C%u,%s,%d.%02d,%s,\n", (i * 7919) % n_invoices,
                                c, issue,
                                g_rand_int_range (rand, 1, 900), g_rand_int_range (rand, 0, 100),
                                due);
    }
  for (guint p = 0; p < n_payments; p++)
    {
      char date[RCV_ISO_DATE_LEN];
      guint c = (guint) g_rand_int_range (rand, 0, n_customers);
      guint pick = (guint) g_rand_int_range (rand, 0, n_invoices);
      guint named = (pick * 7919) % n_invoices;
      gboolean names_one = g_rand_int_range (rand, 0, 3) == 0 && pick % 25 != 24;

      rcv_julian_to_iso (start + (guint32) g_rand_int_range (rand, -30, 600), date);
      if (names_one)
        {
          /* the named invoice's own customer: find it in the file */
          g_autofree char *needle = g_strdup_printf ("\nN%03u,C", named);
          const char *row = strstr (invoices->str, needle);
          guint owner = (guint) g_ascii_strtoull (row + strlen (needle), NULL, 10);

          g_string_append_printf (payments, "%s,C%u,%d.00,N%03u,T%u,bank\n", date, owner,
                                  g_rand_int_range (rand, 1, 1200), named, p);
        }
      else
        g_string_append_printf (payments, "%s,C%u,%d.00,,T%u,cash\n", date, c,
                                g_rand_int_range (rand, 1, 1200), p);
    }

  /* in bulk, then row by row */
  for (guint run = 0; run < 2; run++)
    {
      Fixture fixture = { NULL, NULL };

      fixture_set_up (&fixture, NULL);
      g_setenv ("RCV_IMPORT_BULK_MIN_ROWS", run == 0 ? "1" : "999999999", TRUE);
      import_ok (&fixture, RCV_IMPORT_CUSTOMERS, customers->str, n_customers);
      import_ok (&fixture, RCV_IMPORT_INVOICES, invoices->str, n_invoices);
      import_ok (&fixture, RCV_IMPORT_PAYMENTS, payments->str, n_payments);
      g_clear_object (&fixture.db);
      results[run] = booked (fixture.path);
      fixture_tear_down (&fixture, NULL);
    }
  g_unsetenv ("RCV_IMPORT_BULK_MIN_ROWS");

  g_assert_cmpuint (strlen (results[0]), >, 10000);
  g_assert_cmpstr (results[0], ==, results[1]);
  for (guint run = 0; run < 2; run++)
    g_free (results[run]);
}

static gpointer
use_connection (gpointer data)
{
  return rcv_connection_holder_get (data);
}

static gpointer
take_connection (gpointer data)
{
  rcv_connection_holder_acquire (data);
  return NULL;
}

/* The connection a bulk import shares between its threads is used by one at a time, and the
 * rule is enforced: a thread that uses it without holding it (another thread has it, or the
 * holder let it go to hand it over) aborts the program instead of corrupting the connection's
 * statements. A handing over as the import does it works. */
static void
test_connection_holder (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  RcvConnectionHolder holder;

  rcv_connection_holder_init (&holder, db);
  if (g_test_subprocess ())
    {
      const char *how = g_getenv ("RCV_TEST_MISUSE");

      if (g_strcmp0 (how, "other-thread") == 0)
        g_thread_join (g_thread_new ("misuse", use_connection, &holder));
      else if (g_strcmp0 (how, "released") == 0)
        {
          rcv_connection_holder_release (&holder);
          rcv_connection_holder_get (&holder);
        }
      else
        {
          rcv_connection_holder_acquire (&holder);   /* it holds it already */
        }
      return;
    }

  /* handed over to a thread and back, as the import's writing thread has it */
  g_assert_true (rcv_connection_holder_get (&holder) == db);
  rcv_connection_holder_release (&holder);
  {
    GThread *thread;

    rcv_connection_holder_acquire (&holder);
    rcv_connection_holder_release (&holder);
    thread = g_thread_new ("holder", take_connection, &holder);
    g_thread_join (thread);
  }
  /* the thread above took it and ended holding it: nobody else may */
  g_assert_true (holder.owner != NULL && holder.owner != g_thread_self ());
  holder.owner = g_thread_self ();
  rcv_connection_holder_clear (&holder);

  for (guint i = 0; i < 3; i++)
    {
      const char *misuses[] = { "other-thread", "released", "taken-twice" };
      g_setenv ("RCV_TEST_MISUSE", misuses[i], TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_failed ();
      g_test_trap_assert_stderr ("*the import's connection to *company.db*while thread*has it*");
    }
  g_unsetenv ("RCV_TEST_MISUSE");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/core/import/customers", test_customers);
  ADD ("/core/import/customer-columns", test_customer_columns);
  ADD ("/core/import/customer-errors", test_customer_errors);
  ADD ("/core/import/header-errors", test_header_errors);
  ADD ("/core/import/invoices", test_invoices);
  ADD ("/core/import/invoice-tax-and-credit-notes", test_invoice_tax_and_credit_notes);
  ADD ("/core/import/invoice-errors", test_invoice_errors);
  ADD ("/core/import/zero-invoice", test_zero_invoice);
  ADD ("/core/import/end-of-calendar", test_end_of_calendar);
  ADD ("/core/import/structural-errors", test_structural_errors);
  ADD ("/core/import/semicolon-file", test_semicolon_file);
  ADD ("/core/import/payments", test_payments);
  ADD ("/core/import/payment-ties-in-file-order", test_payment_ties_in_file_order);
  ADD ("/core/import/payment-ties-by-number", test_payment_ties_by_number);
  ADD ("/core/import/payment-errors", test_payment_errors);
  ADD ("/core/import/same-file-twice", test_same_file_twice);
  ADD ("/core/import/many-problems", test_many_problems);
  ADD ("/core/import/invoice-batches", test_invoice_batches);
  ADD ("/core/import/payment-batches", test_payment_batches);
  ADD ("/core/import/missing-file", test_missing_file);
  ADD ("/core/import/journal-mode", test_journal_mode);
  g_test_add_func ("/core/import/bulk-matches-row-by-row", test_bulk_matches_row_by_row);
  g_test_add_func ("/core/import/connection-holder", test_connection_holder);

  return g_test_run ();
}
