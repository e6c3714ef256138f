/* test-statement.c - a customer's statement of account: its lines, balances and open items
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rcv-account-statement.h"
#include "rcv-company.h"
#include "rcv-company-letterhead.h"
#include "rcv-statement-layout.h"
#include "rcv-aging.h"
#include "rcv-date.h"
#include "rcv-error.h"
#include "rcv-ledger.h"
#include "rcv-test-utils.h"

static RcvAccountStatement *
statement_of (RcvDatabase *db,
              gint64       customer_id,
              const char  *from,
              const char  *to)
{
  g_autoptr(GError) error = NULL;
  const GDate *from_date = rcv_test_date (from);
  const GDate *to_date = rcv_test_date (to);
  RcvAccountStatement *statement = rcv_account_statement_read (db, customer_id, from_date,
                                                               to_date, &error);

  g_assert_no_error (error);
  g_assert_nonnull (statement);
  return statement;
}

static const RcvStatementLine *
line_at (RcvAccountStatement *statement,
         guint                i)
{
  g_assert_cmpuint (i, <, statement->lines->len);
  return &g_array_index (statement->lines, RcvStatementLine, i);
}

/* The aging report's balance of a customer as of a day (0 when it has no row). */
static gint64
aging_balance (RcvDatabase *db,
               gint64       customer_id,
               const GDate *as_of)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvAgingReport) report = rcv_aging_report_new (db, as_of, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < report->rows->len; i++)
    {
      const RcvAgingRow *row = g_ptr_array_index (report->rows, i);

      if (row->customer_id == customer_id)
        return row->balance;
    }
  return 0;
}

/* Opening balance, the period's documents in date order with the balance after each and what
 * each payment or credit note settled, the closing balance, the open items, the buckets and
 * the credit not applied. */
static void
test_statement_lines (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  g_autoptr(RcvAccountStatement) statement = NULL;
  g_autoptr(GError) error = NULL;
  gint64 c = rcv_test_customer (db, "C1", "Alpha");
  gint64 i2, cn;
  const RcvStatementLine *line;
  const RcvStatementItem *item;

  rcv_test_invoice (db, c, "I-1", "2026-01-10", "2026-02-09", 1000);
  i2 = rcv_test_invoice (db, c, "I-2", "2026-02-15", "2026-03-17", 2000);
  rcv_test_payment (db, c, "2026-02-20", 1500, 0, TRUE);   /* I-1 1000, I-2 500 */
  cn = rcv_test_invoice (db, c, "CN-1", "2026-03-05", NULL, -300);
  g_assert_true (rcv_ledger_allocate_credit_note (db, cn, i2, 300, &error));
  g_assert_no_error (error);
  rcv_test_invoice (db, c, "I-3", "2026-04-01", "2026-05-01", 700);
  rcv_test_payment (db, c, "2026-04-10", 200, 0, FALSE);   /* not applied */
  rcv_test_invoice (db, c, "I-4", "2026-05-02", "2026-06-01", 999);   /* after the period */

  statement = statement_of (db, c, "2026-02-01", "2026-04-30");
  g_assert_cmpstr (statement->code, ==, "C1");
  g_assert_cmpint (statement->opening, ==, 1000);
  g_assert_cmpuint (statement->lines->len, ==, 5);
  line = line_at (statement, 0);
  g_assert_cmpint (line->kind, ==, RCV_STATEMENT_INVOICE);
  g_assert_cmpstr (line->number, ==, "I-2");
  g_assert_cmpint (line->amount, ==, 2000);
  g_assert_cmpint (line->balance, ==, 3000);
  g_assert_cmpint (g_date_get_day (&line->due_date), ==, 17);
  line = line_at (statement, 1);
  g_assert_cmpint (line->kind, ==, RCV_STATEMENT_PAYMENT);
  g_assert_cmpint (line->amount, ==, -1500);
  g_assert_cmpint (line->balance, ==, 1500);
  g_assert_cmpstr (line->applied, ==, "I-1, I-2");
  line = line_at (statement, 2);
  g_assert_cmpint (line->kind, ==, RCV_STATEMENT_CREDIT_NOTE);
  g_assert_cmpstr (line->applied, ==, "I-2");
  g_assert_cmpint (line->balance, ==, 1200);
  g_assert_cmpint (line_at (statement, 3)->balance, ==, 1900);
  line = line_at (statement, 4);
  g_assert_null (line->applied);
  g_assert_cmpint (line->balance, ==, 1700);
  g_assert_cmpint (statement->closing, ==, 1700);

  /* open: the rest of I-2 (due 17 March: 44 days overdue at the end of April) and I-3 */
  g_assert_cmpuint (statement->items->len, ==, 2);
  item = &g_array_index (statement->items, RcvStatementItem, 0);
  g_assert_cmpstr (item->number, ==, "I-2");
  g_assert_cmpint (item->open, ==, 1200);
  g_assert_cmpint (item->days_overdue, ==, 44);
  item = &g_array_index (statement->items, RcvStatementItem, 1);
  g_assert_cmpint (item->open, ==, 700);
  g_assert_cmpint (item->days_overdue, ==, -1);
  g_assert_cmpint (statement->unapplied, ==, -200);
  g_assert_cmpuint (statement->n_buckets, ==, 5);
  g_assert_cmpint (statement->buckets[0], ==, 700);    /* current */
  g_assert_cmpint (statement->buckets[2], ==, 1200);   /* 31–60 */
  g_assert_cmpint (statement->closing, ==, 1200 + 700 - 200);

  /* a period that ends before it begins */
  {
    const GDate *from = rcv_test_date ("2026-05-01");
    const GDate *to = rcv_test_date ("2026-04-01");

    g_assert_null (rcv_account_statement_read (db, c, from, to, &error));
    g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE);
  }
}

/* On a company of random documents, every customer's statement closes on the aging report's
 * balance, opens on the one of the day before, and its lines add up, for every month end. */
static void
test_statement_matches_aging (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (27);
  gint64 customers[12];
  guint n_invoices = 0;

  for (guint c = 0; c < G_N_ELEMENTS (customers); c++)
    {
      g_autofree char *code = g_strdup_printf ("C%02u", c);

      customers[c] = rcv_test_customer (db, code, code);
    }
  for (guint day = 0; day < 300; day += 3)
    {
      g_autoptr(GDate) date = g_date_new_dmy (1, 1, 2025);
      char iso[RCV_ISO_DATE_LEN], due[RCV_ISO_DATE_LEN];
      gint64 customer = customers[g_rand_int_range (rand, 0, G_N_ELEMENTS (customers))];
      g_autofree char *number = g_strdup_printf ("R-%04u", n_invoices++);

      g_date_add_days (date, day);
      rcv_date_to_iso (date, iso);
      g_date_add_days (date, 30);
      rcv_date_to_iso (date, due);
      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:
        case 1:
          rcv_test_invoice (db, customer, number, iso, due, g_rand_int_range (rand, 100, 90000));
          break;
        case 2:
          rcv_test_payment (db, customer, iso, g_rand_int_range (rand, 100, 60000), 0,
                            g_rand_boolean (rand));
          break;
        default:
          rcv_test_invoice (db, customer, number, iso, NULL, -g_rand_int_range (rand, 100, 5000));
          break;
        }
    }

  for (guint month = 1; month <= 12; month++)
    {
      g_autoptr(GDate) as_of = g_date_new_dmy (1, (GDateMonth) month, 2025);
      g_autoptr(GDate) from = g_date_new ();
      g_autoptr(GDate) day_before = NULL;

      g_date_set_day (as_of, g_date_get_days_in_month ((GDateMonth) month, 2025));
      rcv_account_statement_default_from (as_of, from);
      day_before = g_date_copy (from);
      g_date_subtract_days (day_before, 1);
      for (guint c = 0; c < G_N_ELEMENTS (customers); c++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(RcvAccountStatement) statement =
            rcv_account_statement_read (db, customers[c], from, as_of, &error);
          gint64 sum = 0, running;

          g_assert_no_error (error);
          g_assert_cmpint (statement->closing, ==, aging_balance (db, customers[c], as_of));
          g_assert_cmpint (statement->opening, ==, aging_balance (db, customers[c], day_before));
          running = statement->opening;
          for (guint l = 0; l < statement->lines->len; l++)
            {
              running += line_at (statement, l)->amount;
              g_assert_cmpint (line_at (statement, l)->balance, ==, running);
            }
          g_assert_cmpint (running, ==, statement->closing);
          for (guint b = 0; b < statement->n_buckets; b++)
            sum += statement->buckets[b];
          g_assert_cmpint (sum + statement->unapplied, ==, statement->closing);
        }
    }
}

/* The statement as a PDF: its title, the balance brought forward and the closing one, the
 * open items, the buckets, what to quote (the RF reference of the one invoice open) and the
 * QR code's caption; a statement of many documents runs over pages, the table's header
 * repeated atop each. */
static void
test_statement_pdf (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvLetterhead) head = NULL;
  g_autoptr(RcvAccountStatement) one = NULL;
  g_autoptr(RcvAccountStatement) many = NULL;
  g_autofree char *dir = rcv_test_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "statements.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *second_page = NULL;
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  const char *page2[] = { "pdftotext", "-f", "2", "-l", "2", pdf, "-", NULL };
  const RcvAccountStatement *both[2];
  gint64 c = rcv_test_customer (db, "C1", "Alpha GmbH");
  gint64 d = rcv_test_customer (db, "C2", "Beta SARL");
  guint n_pages = 0;

  g_assert_true (rcv_database_set_currency (db, "EUR", &error));
  g_assert_true (rcv_company_set (db, RCV_COMPANY_NAME, "Seller AG", &error));
  g_assert_true (rcv_company_set (db, RCV_COMPANY_IBAN, "DE89370400440532013000", &error));
  rcv_test_invoice (db, c, "2026-0001", "2026-03-01", "2026-03-31", 119000);
  rcv_test_payment (db, c, "2026-03-20", 19000, 0, TRUE);
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *number = g_strdup_printf ("B-%03u", i);

      rcv_test_invoice (db, d, number, "2026-02-01", "2026-03-03", 1000 + i);
      rcv_test_payment (db, d, "2026-02-10", 1000 + i, 0, TRUE);
    }
  one = statement_of (db, c, "2026-03-01", "2026-04-30");
  many = statement_of (db, d, "2026-02-01", "2026-04-30");
  g_assert_cmpint (one->closing, ==, 100000);
  g_assert_cmpint (many->closing, ==, 0);
  head = rcv_letterhead_new_for_company (db, RCV_PAPER_A4);
  both[0] = one;
  both[1] = many;
  g_assert_true (rcv_statements_write_pdf (head, both, 2, pdf, &n_pages, NULL, NULL, NULL,
                                           &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, >=, 4);   /* one, then many over three pages at least */

  text = rcv_test_run (argv);
  g_assert_nonnull (strstr (text, "Statement of Account"));
  g_assert_nonnull (strstr (text, "Balance brought forward"));
  g_assert_nonnull (strstr (text, "Balance on 04/30/2026"));
  g_assert_nonnull (strstr (text, "1,000.00"));
  g_assert_nonnull (strstr (text, "Days overdue"));
  g_assert_nonnull (strstr (text, "quoting the reference"));
  g_assert_nonnull (strstr (text, "RF31 2026 0001"));   /* 2026-0001's, the one invoice open */
  g_assert_nonnull (strstr (text, "Scan the code"));
  g_assert_nonnull (strstr (text, "Your account is settled: nothing is due."));
  g_assert_nonnull (strstr (text, "C1-20260430-S"));
  second_page = rcv_test_run (page2);
  g_assert_nonnull (strstr (second_page, "Beta SARL"));
  g_assert_nonnull (strstr (second_page, "Balance brought forward"));

  /* nothing to write: refused, no file */
  {
    g_autofree char *none = g_build_filename (dir, "none.pdf", NULL);

    g_assert_false (rcv_statements_write_pdf (head, NULL, 0, none, NULL, NULL, NULL, NULL,
                                              &error));
    g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID);
    g_assert_false (g_file_test (none, G_FILE_TEST_EXISTS));
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/statement/lines", test_statement_lines);
  g_test_add_func ("/core/statement/matches-aging", test_statement_matches_aging);
  g_test_add_func ("/core/statement/pdf", test_statement_pdf);
  status = g_test_run ();
  /* let go of the font caches, so that valgrind sees only what the documents might leak */
  rcv_test_release_fonts ();
  return status;
}
