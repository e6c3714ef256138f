/* test-ledger.c - customers, invoices, payments and every allocation rule
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rcv-error.h"
#include "rcv-ledger.h"
#include "rcv-posting.h"
#include "rcv-test-utils.h"

static gint64
open_now (RcvDatabase *db,
          gint64       invoice)
{
  return rcv_ledger_get_open_amount (db, invoice, NULL);
}

static gint64
payment_allocated (RcvDatabase *db,
                   gint64       payment_id)
{
  g_autoptr(RcvPayment) payment = rcv_ledger_get_payment (db, payment_id, NULL);

  g_assert_nonnull (payment);
  return payment->allocated;
}

static void
test_customer_validation (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  g_autoptr(RcvCustomer) customer = rcv_customer_new ();
  g_autoptr(GError) error = NULL;
  const char *field = NULL;

  customer->code = g_strdup ("C1");
  customer->name = g_strdup ("   ");
  g_assert_false (rcv_customer_validate (customer, &field, &error));
  g_assert_cmpstr (field, ==, "name");
  g_clear_error (&error);

  g_free (customer->name);
  customer->name = g_strdup ("Alpha");
  customer->email = g_strdup ("not an address");
  g_assert_false (rcv_customer_validate (customer, &field, &error));
  g_assert_cmpstr (field, ==, "email");
  g_clear_error (&error);

  g_free (customer->email);
  customer->email = g_strdup ("billing@alpha.example");
  customer->terms_days = 5000;
  g_assert_false (rcv_customer_validate (customer, &field, &error));
  g_assert_cmpstr (field, ==, "terms_days");
  g_clear_error (&error);

  customer->terms_days = 14;
  g_assert_true (rcv_ledger_add_customer (db, customer, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rcv_posting_get_terms (db, customer), ==, 14);

  /* the same ID twice */
  customer->id = 0;
  g_assert_false (rcv_ledger_add_customer (db, customer, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_DUPLICATE);
  g_assert_cmpint (customer->id, ==, 0);
}

static void
test_invoice_round_trip (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  g_autoptr(RcvInvoice) invoice = rcv_invoice_new (RCV_INVOICE_KIND_INVOICE);
  g_autoptr(RcvInvoice) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 customer = rcv_test_customer (db, "C1", "Alpha");

  invoice->number = g_strdup ("2026-0001");
  invoice->customer_id = customer;
  invoice->issue_date = *rcv_test_date ("2026-03-01");
  invoice->due_date = *rcv_test_date ("2026-03-31");
  invoice->description = g_strdup ("March work");
  rcv_invoice_add_line (invoice, "Consulting", 2500, 9500, 1900);  /* 237.50 + 45.13 */
  rcv_invoice_add_line (invoice, "Books", 2000, 1250, 700);        /*  25.00 +  1.75 */
  g_assert_true (rcv_ledger_add_invoice (db, invoice, &error));
  g_assert_no_error (error);
  g_assert_cmpint (invoice->total, ==, 23750 + 4513 + 2500 + 175);

  loaded = rcv_ledger_find_invoice (db, "2026-0001", &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->total, ==, invoice->total);
  g_assert_cmpuint (loaded->lines->len, ==, 2);
  g_assert_cmpstr (g_array_index (loaded->lines, RcvInvoiceLine, 1).description, ==, "Books");
  g_assert_cmpint (g_array_index (loaded->lines, RcvInvoiceLine, 0).tax, ==, 4513);
  g_assert_cmpint (g_date_compare (&loaded->due_date, &invoice->due_date), ==, 0);
  g_assert_cmpint (open_now (db, invoice->id), ==, invoice->total);
}

static void
test_invoice_validation (void)
{
  g_autoptr(RcvInvoice) invoice = rcv_invoice_new (RCV_INVOICE_KIND_INVOICE);
  g_autoptr(GError) error = NULL;
  const char *field = NULL;

  invoice->number = g_strdup ("X");
  invoice->issue_date = *rcv_test_date ("2026-03-10");
  invoice->due_date = *rcv_test_date ("2026-03-01");
  rcv_invoice_add_line (invoice, "x", 1000, 100, 0);
  g_assert_false (rcv_invoice_validate (invoice, &field, &error));
  g_assert_cmpstr (field, ==, "due_date");
  g_clear_error (&error);

  /* the editor's due date from the terms, past the calendar's end, is refused at the field */
  g_date_set_dmy (&invoice->due_date, 10, G_DATE_JANUARY, 10000);
  g_assert_false (rcv_invoice_validate (invoice, &field, &error));
  g_assert_cmpstr (field, ==, "due_date");
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE);
  g_clear_error (&error);

  invoice->due_date = *rcv_test_date ("2026-03-20");
  g_array_index (invoice->lines, RcvInvoiceLine, 0).unit_price = -100;
  g_assert_false (rcv_invoice_validate (invoice, &field, &error));
  g_assert_cmpstr (field, ==, "amount");
  g_clear_error (&error);

  g_array_set_size (invoice->lines, 0);
  g_assert_false (rcv_invoice_validate (invoice, &field, &error));
  g_assert_cmpstr (field, ==, "lines");
  g_clear_error (&error);

  /* nothing owed: no invoice, and no credit note either (lines may still cancel out) */
  rcv_invoice_add_line (invoice, "x", 1000, 100, 0);
  rcv_invoice_add_line (invoice, "y", 1000, -100, 0);
  g_assert_false (rcv_invoice_validate (invoice, &field, &error));
  g_assert_cmpstr (field, ==, "amount");
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "an invoice's total must be above zero");
  g_clear_error (&error);
  invoice->kind = RCV_INVOICE_KIND_CREDIT_NOTE;
  g_assert_false (rcv_invoice_validate (invoice, &field, &error));
  g_assert_cmpstr (field, ==, "amount");
  g_assert_cmpstr (error->message, ==, "a credit note's total must be negative");
}

/* The rule holds for every write, not only for the forms that validate first. */
static void
test_zero_invoice (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  g_autoptr(RcvInvoice) invoice = rcv_invoice_new (RCV_INVOICE_KIND_INVOICE);
  g_autoptr(GError) error = NULL;
  gint64 customer = rcv_test_customer (db, "C1", "Alpha");

  invoice->number = g_strdup ("Z-1");
  invoice->customer_id = customer;
  invoice->issue_date = *rcv_test_date ("2026-03-10");
  invoice->due_date = *rcv_test_date ("2026-03-20");
  rcv_invoice_add_line (invoice, "free", 1000, 0, 1900);
  /* posted from the editor, or added as the import adds it */
  g_assert_false (rcv_posting_post_invoice (db, invoice, rcv_test_date ("2026-03-10"), NULL, NULL,
                                            &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "an invoice's total must be above zero"));
  g_clear_error (&error);
  g_assert_false (rcv_ledger_add_invoice (db, invoice, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID);
  g_assert_null (rcv_ledger_find_invoice (db, "Z-1", NULL));
}

static void
test_propose_number (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  gint64 customer = rcv_test_customer (db, "C1", "Alpha");
  g_autofree char *first = rcv_ledger_propose_number (db, RCV_INVOICE_KIND_INVOICE,
                                                      rcv_test_date ("2026-05-01"));
  g_autofree char *next = NULL;
  g_autofree char *credit = NULL;
  g_autofree char *other_year = NULL;

  g_assert_cmpstr (first, ==, "2026-0001");
  rcv_test_invoice (db, customer, "2026-0001", "2026-05-01", NULL, 100);
  rcv_test_invoice (db, customer, "2026-0009", "2026-05-01", NULL, 100);
  rcv_test_invoice (db, customer, "2026-SPECIAL", "2026-05-01", NULL, 100);
  next = rcv_ledger_propose_number (db, RCV_INVOICE_KIND_INVOICE, rcv_test_date ("2026-06-01"));
  credit = rcv_ledger_propose_number (db, RCV_INVOICE_KIND_CREDIT_NOTE,
                                      rcv_test_date ("2026-06-01"));
  other_year = rcv_ledger_propose_number (db, RCV_INVOICE_KIND_INVOICE,
                                          rcv_test_date ("2027-01-02"));
  g_assert_cmpstr (next, ==, "2026-0010");
  g_assert_cmpstr (credit, ==, "CN-2026-0001");
  g_assert_cmpstr (other_year, ==, "2027-0001");
}

static void
test_explicit_partial_payment (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  gint64 customer = rcv_test_customer (db, "C1", "Alpha");
  gint64 invoice = rcv_test_invoice (db, customer, "A", "2026-01-10", "2026-02-10", 100000);
  gint64 payment = rcv_test_payment (db, customer, "2026-02-01", 40000, invoice, FALSE);

  g_assert_cmpint (open_now (db, invoice), ==, 60000);
  g_assert_cmpint (payment_allocated (db, payment), ==, 40000);
  /* before the payment's date the invoice was whole */
  g_assert_cmpint (rcv_ledger_get_open_amount (db, invoice, rcv_test_date ("2026-01-31")), ==,
                   100000);
}

static void
test_allocation_limits (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvPayment) payment = rcv_payment_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 alpha = rcv_test_customer (db, "C1", "Alpha");
  gint64 beta = rcv_test_customer (db, "C2", "Beta");
  gint64 invoice = rcv_test_invoice (db, alpha, "A", "2026-01-10", "2026-02-10", 1000);
  gint64 other = rcv_test_invoice (db, beta, "B", "2026-01-10", "2026-02-10", 1000);
  RcvAllocationRequest too_much = { invoice, 1500 };
  RcvAllocationRequest foreign = { other, 100 };

  before = rcv_test_fingerprint (path);

  /* more than the invoice's open amount */
  payment->customer_id = alpha;
  payment->date = *rcv_test_date ("2026-02-01");
  payment->amount = 2000;
  g_assert_false (rcv_posting_add_payment (db, payment, &too_much, 1, FALSE, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE);
  g_clear_error (&error);

  /* another customer's invoice */
  g_assert_false (rcv_posting_add_payment (db, payment, &foreign, 1, FALSE, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "another customer"));
  g_clear_error (&error);

  /* a payment of nothing */
  payment->amount = 0;
  g_assert_false (rcv_posting_add_payment (db, payment, NULL, 0, TRUE, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID);
  g_clear_error (&error);

  after = rcv_test_fingerprint (path);
  g_assert_cmpstr (before, ==, after);

  /* more than the payment has left */
  payment->amount = 500;
  g_assert_true (rcv_posting_add_payment (db, payment, NULL, 0, FALSE, &error));
  g_assert_false (rcv_ledger_allocate_payment (db, payment->id, invoice, 600, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_true (rcv_ledger_allocate_payment (db, payment->id, invoice, 500, &error));
  g_assert_no_error (error);
  g_assert_cmpint (open_now (db, invoice), ==, 500);
}

/* Oldest due date first, then issue date, then number; only invoices issued on or before the
 * payment date; what is left stays unapplied. */
static void
test_auto_allocation_order (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  gint64 c = rcv_test_customer (db, "C1", "Alpha");
  gint64 late_due = rcv_test_invoice (db, c, "N-1", "2026-01-01", "2026-03-01", 1000);
  gint64 early_due = rcv_test_invoice (db, c, "N-2", "2026-01-20", "2026-02-01", 500);
  gint64 tie_later_issue = rcv_test_invoice (db, c, "N-3", "2026-01-15", "2026-02-15", 300);
  gint64 tie_earlier_issue = rcv_test_invoice (db, c, "N-4", "2026-01-05", "2026-02-15", 300);
  gint64 tie_number_b = rcv_test_invoice (db, c, "N-6", "2026-01-05", "2026-02-20", 200);
  gint64 tie_number_a = rcv_test_invoice (db, c, "N-5", "2026-01-05", "2026-02-20", 200);
  gint64 future = rcv_test_invoice (db, c, "N-7", "2026-02-10", "2026-02-11", 100);
  gint64 payment;

  /* 500 + 300 + 300 + 200 + 100 (of 200): N-2, N-4, N-3, N-5, then N-6 in part */
  payment = rcv_test_payment (db, c, "2026-02-05", 1400, 0, TRUE);
  g_assert_cmpint (open_now (db, early_due), ==, 0);
  g_assert_cmpint (open_now (db, tie_earlier_issue), ==, 0);
  g_assert_cmpint (open_now (db, tie_later_issue), ==, 0);
  g_assert_cmpint (open_now (db, tie_number_a), ==, 0);
  g_assert_cmpint (open_now (db, tie_number_b), ==, 100);
  g_assert_cmpint (open_now (db, late_due), ==, 1000);
  g_assert_cmpint (open_now (db, future), ==, 100);
  g_assert_cmpint (payment_allocated (db, payment), ==, 1400);

  /* more than is open on or before the date: the rest is unapplied, and N-7 (issued after
   * the payment) is left alone */
  payment = rcv_test_payment (db, c, "2026-02-06", 5000, 0, TRUE);
  g_assert_cmpint (open_now (db, tie_number_b), ==, 0);
  g_assert_cmpint (open_now (db, late_due), ==, 0);
  g_assert_cmpint (open_now (db, future), ==, 100);
  g_assert_cmpint (payment_allocated (db, payment), ==, 1100);
}

static void
test_auto_allocation_skips_credit_notes (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  gint64 c = rcv_test_customer (db, "C1", "Alpha");
  gint64 credit = rcv_test_invoice (db, c, "CN-1", "2026-01-01", NULL, -300);
  gint64 invoice = rcv_test_invoice (db, c, "I-1", "2026-01-02", "2026-01-30", 1000);
  gint64 payment = rcv_test_payment (db, c, "2026-01-10", 400, 0, TRUE);
  g_autoptr(RcvInvoice) cn = rcv_ledger_get_invoice (db, credit, NULL);

  g_assert_cmpint (open_now (db, invoice), ==, 600);
  g_assert_cmpint (payment_allocated (db, payment), ==, 400);
  g_assert_cmpint (cn->allocated, ==, 0);
}

static void
test_credit_note_allocation (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvInvoice) cn = NULL;
  gint64 c = rcv_test_customer (db, "C1", "Alpha");
  gint64 invoice = rcv_test_invoice (db, c, "I-1", "2026-01-02", "2026-01-30", 1000);
  gint64 credit = rcv_test_invoice (db, c, "CN-1", "2026-01-05", NULL, -300);

  g_assert_false (rcv_ledger_allocate_credit_note (db, credit, invoice, 400, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_false (rcv_ledger_allocate_credit_note (db, invoice, credit, 100, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_CONFLICT);
  g_clear_error (&error);

  g_assert_true (rcv_ledger_allocate_credit_note (db, credit, invoice, 300, &error));
  g_assert_no_error (error);
  g_assert_cmpint (open_now (db, invoice), ==, 700);
  /* from the credit note's date on, not before */
  g_assert_cmpint (rcv_ledger_get_open_amount (db, invoice, rcv_test_date ("2026-01-04")), ==,
                   1000);
  cn = rcv_ledger_get_invoice (db, credit, NULL);
  g_assert_cmpint (cn->allocated, ==, 300);
}

/* An allocation takes effect on the later of the payment's date and the invoice's issue
 * date. */
static void
test_effective_date (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  g_autoptr(GError) error = NULL;
  gint64 c = rcv_test_customer (db, "C1", "Alpha");
  gint64 payment = rcv_test_payment (db, c, "2026-01-01", 800, 0, TRUE);
  gint64 invoice = rcv_test_invoice (db, c, "I-1", "2026-01-15", "2026-02-15", 1000);

  /* automatic allocation found nothing issued by the payment date */
  g_assert_cmpint (payment_allocated (db, payment), ==, 0);

  g_assert_true (rcv_ledger_allocate_payment (db, payment, invoice, 800, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rcv_ledger_get_open_amount (db, invoice, rcv_test_date ("2026-01-15")), ==,
                   200);
  g_assert_cmpint (rcv_ledger_get_open_amount (db, invoice, rcv_test_date ("2026-01-14")), ==, 0);
}

static void
test_several_invoices_one_payment (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  g_autoptr(RcvPayment) payment = rcv_payment_new ();
  g_autoptr(GError) error = NULL;
  gint64 c = rcv_test_customer (db, "C1", "Alpha");
  gint64 a = rcv_test_invoice (db, c, "A", "2026-01-01", "2026-01-31", 1000);
  gint64 b = rcv_test_invoice (db, c, "B", "2026-01-02", "2026-02-01", 2000);
  gint64 d = rcv_test_invoice (db, c, "D", "2026-01-03", "2026-02-02", 3000);
  RcvAllocationRequest requests[] = { { d, 3000 }, { a, 250 } };

  /* named invoices first, the rest oldest first: A's remaining 750 */
  payment->customer_id = c;
  payment->date = *rcv_test_date ("2026-02-10");
  payment->amount = 4000;
  payment->reference = g_strdup ("Transfer 4711");
  g_assert_true (rcv_posting_add_payment (db, payment, requests, G_N_ELEMENTS (requests), TRUE,
                                          &error));
  g_assert_no_error (error);
  g_assert_cmpint (open_now (db, d), ==, 0);
  g_assert_cmpint (open_now (db, a), ==, 0);
  g_assert_cmpint (open_now (db, b), ==, 2000);
  g_assert_cmpint (payment->allocated, ==, 4000);
}

static void
test_settlement_across_later_allocation (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  g_autoptr(GError) error = NULL;
  gint64 c = rcv_test_customer (db, "C1", "Alpha");
  gint64 invoice = rcv_test_invoice (db, c, "I", "2026-01-01", "2026-01-31", 1000);
  gint64 late = rcv_test_payment (db, c, "2026-03-01", 600, invoice, FALSE);

  /* an earlier payment recorded afterwards: the invoice is settled on the later date */
  rcv_test_payment (db, c, "2026-02-01", 400, invoice, FALSE);
  g_assert_cmpint (late, >, 0);
  g_assert_cmpint (rcv_ledger_get_open_amount (db, invoice, rcv_test_date ("2026-02-15")), ==,
                   600);
  g_assert_cmpint (rcv_ledger_get_open_amount (db, invoice, rcv_test_date ("2026-03-01")), ==, 0);
  g_assert_false (rcv_ledger_allocate_payment (db, late, invoice, 1, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/ledger/customer-validation", test_customer_validation);
  g_test_add_func ("/core/ledger/invoice-round-trip", test_invoice_round_trip);
  g_test_add_func ("/core/ledger/invoice-validation", test_invoice_validation);
  g_test_add_func ("/core/ledger/zero-invoice", test_zero_invoice);
  g_test_add_func ("/core/ledger/propose-number", test_propose_number);
  g_test_add_func ("/core/ledger/explicit-partial-payment", test_explicit_partial_payment);
  g_test_add_func ("/core/ledger/allocation-limits", test_allocation_limits);
  g_test_add_func ("/core/ledger/auto-allocation-order", test_auto_allocation_order);
  g_test_add_func ("/core/ledger/auto-allocation-skips-credit-notes",
                   test_auto_allocation_skips_credit_notes);
  g_test_add_func ("/core/ledger/credit-note-allocation", test_credit_note_allocation);
  g_test_add_func ("/core/ledger/effective-date", test_effective_date);
  g_test_add_func ("/core/ledger/several-invoices-one-payment", test_several_invoices_one_payment);
  g_test_add_func ("/core/ledger/settlement-across-later-allocation",
                   test_settlement_across_later_allocation);

  return g_test_run ();
}
