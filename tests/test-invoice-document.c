/* test-invoice-document.c - invoices and credit notes as documents: their lines, the tax by
 * rate, what is still to pay, the RF reference to quote and the EPC QR code
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rcv-company.h"
#include "rcv-company-letterhead.h"
#include "rcv-epc-qr.h"
#include "rcv-error.h"
#include "rcv-invoice-document.h"
#include "rcv-letter-layout-private.h"
#include "rcv-reference.h"
#include "rcv-test-utils.h"

typedef struct
{
  char *path;
  RcvDatabase *db;
  char *dir;
  gint64 customer;
  gint64 invoice;      /* 2026-0158: two tax rates, partly paid */
  gint64 paid;         /* 2026-0159: paid in full */
  gint64 credit;       /* CN-7 */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RcvInvoice) invoice = rcv_invoice_new (RCV_INVOICE_KIND_INVOICE);
  g_autoptr(RcvCustomer) customer = rcv_customer_new ();
  g_autoptr(GError) error = NULL;

  f->db = rcv_test_open_new (&f->path);
  f->dir = rcv_test_tmpdir ();
  g_assert_true (rcv_database_set_currency (f->db, "EUR", &error));
  g_assert_true (rcv_company_set (f->db, RCV_COMPANY_NAME, "Beispiel Handel GmbH", &error));
  g_assert_true (rcv_company_set (f->db, RCV_COMPANY_ADDRESS, "Hauptstraße 1\n10115 Berlin",
                                  &error));
  g_assert_true (rcv_company_set (f->db, RCV_COMPANY_TAX_ID, "DE123456789", &error));
  g_assert_true (rcv_company_set (f->db, RCV_COMPANY_IBAN, "DE89370400440532013000", &error));
  g_assert_true (rcv_company_set (f->db, RCV_COMPANY_BIC, "COBADEFF", &error));

  customer->code = g_strdup ("K-100");
  customer->name = g_strdup ("Müller & Söhne KG");
  customer->address = g_strdup ("Industriestraße 7\n80331 München");
  g_assert_true (rcv_ledger_add_customer (f->db, customer, &error));
  g_assert_no_error (error);
  f->customer = customer->id;

  invoice->number = g_strdup ("2026-0158");
  invoice->customer_id = f->customer;
  invoice->issue_date = *rcv_test_date ("2026-11-02");
  invoice->due_date = *rcv_test_date ("2026-12-02");
  invoice->description = g_strdup ("Order 4711 of 28 October 2026");
  /* 2.5 × 120.00 at 19 %, 3 × 9.99 at 7 %, 1 × 0.00 at 0 % */
  rcv_invoice_add_line (invoice, "Consulting, hours", 2500, 12000, 1900);
  rcv_invoice_add_line (invoice, "Handbook", 3000, 999, 700);
  rcv_invoice_add_line (invoice, "Delivery <free> & \"%s\"", 1000, 0, 0);
  g_assert_true (rcv_ledger_add_invoice (f->db, invoice, &error));
  g_assert_no_error (error);
  f->invoice = invoice->id;
  /* 300.00 + 57.00 + 29.97 + 2.10 (2.0979 rounded) = 389.07; 100.00 paid */
  g_assert_cmpint (invoice->total, ==, 38907);
  rcv_test_payment (f->db, f->customer, "2026-11-20", 10000, f->invoice, FALSE);

  f->paid = rcv_test_invoice (f->db, f->customer, "2026-0159", "2026-11-03", "2026-12-03",
                              5000);
  rcv_test_payment (f->db, f->customer, "2026-11-21", 5000, f->paid, FALSE);
  f->credit = rcv_test_invoice (f->db, f->customer, "CN-7", "2026-11-10", NULL, -2500);
  {
    /* a credit note of a negative quantity: 2 returned at 12.50 */
    g_autoptr(RcvInvoice) returned = rcv_invoice_new (RCV_INVOICE_KIND_CREDIT_NOTE);

    returned->number = g_strdup ("CN-8");
    returned->customer_id = f->customer;
    returned->issue_date = *rcv_test_date ("2026-11-12");
    returned->due_date = returned->issue_date;
    rcv_invoice_add_line (returned, "Returned handbooks", -2000, 1250, 0);
    g_assert_true (rcv_ledger_add_invoice (f->db, returned, &error));
    g_assert_no_error (error);
  }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  g_free (f->path);
  g_free (f->dir);
}

/* The payload of the layout's EPC QR code, or NULL when it has none. */
static const char *
qr_payload (const RcvLetterLayout *layout)
{
  for (guint i = 0; i < layout->blocks->len; i++)
    {
      const Block *block = &g_array_index (layout->blocks, Block, i);

      if (block->kind == BLOCK_QR)
        return block->payload;
    }
  return NULL;
}

/* An invoice's document: the lines as stored, the tax by rate on its net, the total, what was
 * settled and what is still to pay, by its due date, quoting its RF reference, with the QR
 * code asking for exactly that; the company's tax ID; user text printed as text. */
static void
test_invoice_document_pdf (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvInvoiceDocument) document = rcv_invoice_document_read (f->db, f->invoice,
                                                                      &error);
  g_autoptr(RcvLetterhead) head = rcv_letterhead_new_for_company (f->db, RCV_PAPER_A4);
  g_autofree char *pdf = g_build_filename (f->dir, "invoice.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *expected = NULL;
  const RcvInvoiceDocument *documents[1];
  guint n_pages = 0;

  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_assert_cmpint (document->open, ==, 28907);
  g_assert_cmpstr (document->customer->code, ==, "K-100");
  documents[0] = document;
  g_assert_true (rcv_invoices_write_pdf (head, documents, 1, pdf, &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, ==, 1);

  reference = rcv_invoice_payment_reference (document->invoice);
  g_assert_cmpstr (reference, ==, "RF60 2026 0158");
  text = rcv_test_pdf_text (pdf, TRUE);
  g_assert_nonnull (strstr (text, "Invoice 2026-0158"));
  g_assert_nonnull (strstr (text, "Invoice no."));
  g_assert_nonnull (strstr (text, "Müller & Söhne KG"));
  g_assert_nonnull (strstr (text, "80331 München"));
  g_assert_nonnull (strstr (text, "Order 4711 of 28 October 2026"));
  g_assert_nonnull (strstr (text, "Consulting, hours"));
  g_assert_nonnull (strstr (text, "Delivery <free> & \"%s\""));
  g_assert_nonnull (strstr (text, "2.5"));
  g_assert_nonnull (strstr (text, "120.00"));
  g_assert_nonnull (strstr (text, "300.00"));
  g_assert_nonnull (strstr (text, "Net amount"));
  g_assert_nonnull (strstr (text, "329.97"));
  g_assert_nonnull (strstr (text, "Tax 19% on 300.00"));
  g_assert_nonnull (strstr (text, "57.00"));
  g_assert_nonnull (strstr (text, "Tax 7% on 29.97"));
  g_assert_nonnull (strstr (text, "2.10"));
  g_assert_nonnull (strstr (text, "Tax 0% on 0.00"));
  g_assert_nonnull (strstr (text, "389.07"));
  g_assert_nonnull (strstr (text, "Settled so far"));
  g_assert_nonnull (strstr (text, "-100.00"));
  g_assert_nonnull (strstr (text, "Still to pay"));
  g_assert_nonnull (strstr (text, "Please transfer 289.07"));
  g_assert_nonnull (strstr (text, "by 2 December 2026"));
  g_assert_nonnull (strstr (text, "RF60 2026 0158"));
  g_assert_nonnull (strstr (text, "DE89370400440532013000"));
  g_assert_nonnull (strstr (text, "DE123456789"));
  g_assert_nonnull (strstr (text, "Scan the code"));

  /* the code asks for what is still to pay, quoting the structured reference */
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 10, 10);
    cairo_t *cr = cairo_create (surface);
    g_autoptr(RcvLetterLayout) layout = rcv_invoice_layout_new (head, document, cr);
    RcvCurrency eur;

    g_assert_true (rcv_currency_init (&eur, "EUR", NULL));
    expected = rcv_epc_payload ("COBADEFF", "Beispiel Handel GmbH", "DE89370400440532013000",
                                28907, &eur, NULL, reference, NULL);
    g_assert_cmpstr (qr_payload (layout), ==, expected);
    g_assert_nonnull (strstr (expected, "EUR289.07"));
    g_assert_nonnull (strstr (expected, "RF6020260158"));
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
}

/* Paid in full: nothing is asked, no code; a credit note shows its credit, not a debt, and asks
 * for nothing; both into one PDF, each on its own page, by their numbers. */
static void
test_invoice_document_paid_and_credit (Fixture       *f,
                                       gconstpointer  data)
{
  const char *numbers[] = { "2026-0159", "CN-7", "CN-8", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = rcv_invoice_documents_find (f->db, numbers, &error);
  g_autoptr(RcvLetterhead) head = rcv_letterhead_new_for_company (f->db, RCV_PAPER_A4);
  g_autofree char *pdf = g_build_filename (f->dir, "two.pdf", NULL);
  g_autofree char *text = NULL;
  guint n_pages = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 3);
  g_assert_true (rcv_invoices_write_pdf (head,
                                         (const RcvInvoiceDocument *const *) documents->pdata,
                                         documents->len, pdf, &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, ==, 3);
  text = rcv_test_pdf_text (pdf, TRUE);
  g_assert_nonnull (strstr (text, "Invoice 2026-0159"));
  g_assert_nonnull (strstr (text, "This invoice is paid: nothing is due."));
  g_assert_nonnull (strstr (text, "Credit Note CN-7"));
  g_assert_nonnull (strstr (text, "Credit note no."));
  g_assert_nonnull (strstr (text, "Total credit"));
  g_assert_nonnull (strstr (text, "reduces what you owe us by 25.00"));
  g_assert_null (strstr (text, "-25.00"));
  /* the quantity credited at its price, the credit positive: none of it negative */
  g_assert_nonnull (strstr (text, "Returned handbooks"));
  g_assert_nonnull (strstr (text, "12.50"));
  g_assert_null (strstr (text, "-12.50"));
  g_assert_null (strstr (text, "-2 "));
  g_assert_null (strstr (text, "Scan the code"));
  g_assert_null (strstr (text, "Please transfer"));

  /* an invoice of many lines runs over pages, the lines' header atop each */
  {
    g_autoptr(RcvInvoice) invoice = rcv_invoice_new (RCV_INVOICE_KIND_INVOICE);
    g_autoptr(RcvInvoiceDocument) long_one = NULL;
    const RcvInvoiceDocument *one[1];
    g_autofree char *long_pdf = g_build_filename (f->dir, "long.pdf", NULL);
    const char *page2[] = { "pdftotext", "-f", "2", "-l", "2", long_pdf, "-", NULL };
    g_autofree char *second = NULL;

    invoice->number = g_strdup ("2026-0200");
    invoice->customer_id = f->customer;
    invoice->issue_date = *rcv_test_date ("2026-11-30");
    invoice->due_date = *rcv_test_date ("2026-12-30");
    for (guint i = 0; i < 80; i++)
      {
        g_autofree char *what = g_strdup_printf ("Part %u", i + 1);

        rcv_invoice_add_line (invoice, what, 1000, 100 + i, 1900);
      }
    g_assert_true (rcv_ledger_add_invoice (f->db, invoice, &error));
    g_assert_no_error (error);
    long_one = rcv_invoice_document_read (f->db, invoice->id, &error);
    g_assert_no_error (error);
    one[0] = long_one;
    g_assert_true (rcv_invoices_write_pdf (head, one, 1, long_pdf, &n_pages, &error));
    g_assert_cmpuint (n_pages, >=, 2);
    second = rcv_test_run (page2);
    g_assert_nonnull (strstr (second, "Unit price"));
    {
      g_autofree char *n = g_strdup_printf ("%u", n_pages);
      const char *last_page[] = { "pdftotext", "-f", n, "-l", n, long_pdf, "-", NULL };
      g_autofree char *last = rcv_test_run (last_page);

      /* the last line with the totals and the payment details */
      g_assert_nonnull (strstr (last, "Part 80"));
      g_assert_nonnull (strstr (last, "Total"));
      g_assert_nonnull (strstr (last, "RF"));
    }
  }
}

/* An unknown number, or a void document, reads as an input error, and nothing is returned;
 * nothing to write writes no file. */
static void
test_invoice_document_refused (Fixture       *f,
                               gconstpointer  data)
{
  const char *unknown[] = { "2026-0158", "NOPE", NULL };
  const char *voided[] = { "V-1", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvLetterhead) head = rcv_letterhead_new_for_company (f->db, RCV_PAPER_A4);
  g_autofree char *none = g_build_filename (f->dir, "none.pdf", NULL);
  gint64 v = rcv_test_invoice (f->db, f->customer, "V-1", "2026-11-11", NULL, 700);
  GPtrArray *documents;

  documents = rcv_invoice_documents_find (f->db, unknown, &error);
  g_assert_null (documents);
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "NOPE"));
  g_clear_error (&error);

  g_assert_true (rcv_ledger_void_invoice (f->db, v, "Typed twice", &error));
  g_assert_no_error (error);
  documents = rcv_invoice_documents_find (f->db, voided, &error);
  g_assert_null (documents);
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "void"));
  g_clear_error (&error);

  g_assert_false (rcv_invoices_write_pdf (head, NULL, 0, none, NULL, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID);
  g_assert_false (g_file_test (none, G_FILE_TEST_EXISTS));
}

/* The same document is the same bytes each time (an e-mail attachment, a file saved twice). */
static void
test_invoice_document_bytes (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvInvoiceDocument) document = rcv_invoice_document_read (f->db, f->invoice,
                                                                      &error);
  g_autoptr(RcvLetterhead) head = rcv_letterhead_new_for_company (f->db, RCV_PAPER_A4);
  g_autoptr(GBytes) first = rcv_invoice_pdf_bytes (head, document, &error);
  g_autoptr(GBytes) second = rcv_invoice_pdf_bytes (head, document, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (first), >, 1000);
  /* a second holder of the letterhead (a print outliving its window) keeps it whole */
  {
    RcvLetterhead *held = rcv_letterhead_ref (rcv_letterhead_new_for_company (f->db,
                                                                             RCV_PAPER_A4));
    g_autoptr(GBytes) third = NULL;

    rcv_letterhead_free (held);
    third = rcv_invoice_pdf_bytes (held, document, &error);
    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (first, third));
    rcv_letterhead_free (held);
  }
  g_assert_true (memcmp (g_bytes_get_data (first, NULL), "%PDF-", 5) == 0);
  g_assert_true (g_bytes_equal (first, second));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add ("/core/invoice-document/pdf", Fixture, NULL, fixture_set_up,
              test_invoice_document_pdf, fixture_tear_down);
  g_test_add ("/core/invoice-document/paid-and-credit", Fixture, NULL, fixture_set_up,
              test_invoice_document_paid_and_credit, fixture_tear_down);
  g_test_add ("/core/invoice-document/refused", Fixture, NULL, fixture_set_up,
              test_invoice_document_refused, fixture_tear_down);
  g_test_add ("/core/invoice-document/bytes", Fixture, NULL, fixture_set_up,
              test_invoice_document_bytes, fixture_tear_down);
  status = g_test_run ();
  rcv_test_release_fonts ();
  return status;
}
