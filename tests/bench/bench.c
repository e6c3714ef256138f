/* bench.c - the scale benchmark: a company of a million invoices, timed (DESIGN.md §5)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generates 50 000 customers, 1 000 000 invoices and 1 000 000 payments over three years as
 * CSV files, then times their import, aging as of three dates, aging by invoice, the trend's
 * twelve month-end agings, a sample of statements of account (each checked against the aging
 * report) and a thousand of them to PDF, the dunning run and a thousand letters to PDF, the alerts check,
 * the collections report, the export of the invoices and the matching of a 10 000-entry bank
 * statement (camt.053) against the company, and prints the peak memory.
 * Run by hand:
 *   meson test -C _build --benchmark --verbose     or     _build/tests/bench/rcv-bench
 * Options: --invoices N (default 1000000; customers are N/20, payments about N), --keep DIR,
 * --import-only (time the import and stop), --shape standard|heavy (one shape; default each,
 * each in a process of its own). The heavy shape (issue 29): a tenth of the customers hold a
 * hundred times the median number of invoices, a third of the payments name no invoice,
 * partial payments are common, 2 % are credit notes.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-statement.h"
#include "rcv-account.h"
#include "rcv-account-statement.h"
#include "rcv-aging.h"
#include "rcv-bank-match.h"
#include "rcv-reference.h"
#include "rcv-chart.h"
#include "rcv-collections-report.h"
#include "rcv-company-letterhead.h"
#include "rcv-database.h"
#include "rcv-database-private.h"
#include "rcv-date.h"
#include "rcv-alerts.h"
#include "rcv-collections.h"
#include "rcv-customer-list.h"
#include "rcv-dunning.h"
#include "rcv-export.h"
#include "rcv-import.h"
#include "rcv-letter.h"
#include "rcv-mail-account.h"
#include "rcv-mail-batch.h"
#include "rcv-open-items.h"
#include "rcv-statement-layout.h"
#include "rcv-trend.h"

#define END_DATE "2026-11-20"

typedef struct
{
  const char *what;
  double seconds;
  const char *target;
  gboolean met;
} Figure;

static GArray *figures;

static double
now (void)
{
  return (double) g_get_monotonic_time () / G_USEC_PER_SEC;
}

static void
record (const char *what,
        double      seconds,
        double      limit)
{
  Figure f = { what, seconds, limit > 0 ? g_strdup_printf ("(target < %g s)", limit) : "",
                TRUE };

  f.met = limit <= 0 || seconds < limit;
  g_array_append_val (figures, f);
  printf ("  %-44s %8.3f s  %s\n", what, seconds, f.target);
  fflush (stdout);
}

static long
peak_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

static GDate *
bench_date (const char *iso)
{
  static GDate date;

  g_assert_true (rcv_date_parse_iso (iso, &date, NULL));
  return &date;
}

/* The shapes of company the benchmark generates (issue 29): the same size, other books. */
typedef enum
{
  SHAPE_STANDARD,       /* invoices spread evenly; 60 % of the payments name their invoice */
  SHAPE_HEAVY,          /* a tenth of the customers hold a hundred times the median number of
                         * invoices; a third of the payments name none; partial payments
                         * common; 2 % credit notes */
  N_SHAPES
} Shape;

static const char *const shape_names[N_SHAPES] = { "standard", "heavy" };

/* Which customer the i-th invoice goes to: evenly, or (heavy) 10/10.9 of the invoices to the
 * tenth of the customers whose number ends in 0, so that each of those holds about a hundred
 * times what each of the others does. */
static guint
pick_customer (GRand *rand,
               Shape  shape,
               guint  n_customers)
{
  guint n_heavy = MAX (n_customers / 10, 1);

  if (shape != SHAPE_HEAVY || n_customers < 10)
    return (guint) g_rand_int_range (rand, 0, (gint32) n_customers);
  if (g_rand_int_range (rand, 0, 1090) < 1000)
    return 10 * (guint) g_rand_int_range (rand, 0, (gint32) n_heavy);
  for (;;)
    {
      guint c = (guint) g_rand_int_range (rand, 0, (gint32) n_customers);

      if (c % 10 != 0)
        return c;
    }
}

static void
generate (const char *dir,
          guint       n_invoices,
          Shape       shape)
{
  g_autofree char *customers_path = g_build_filename (dir, "customers.csv", NULL);
  g_autofree char *invoices_path = g_build_filename (dir, "invoices.csv", NULL);
  g_autofree char *payments_path = g_build_filename (dir, "payments.csv", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42 + shape);
  guint n_customers = MAX (n_invoices / 20, 1);
  guint32 end = rcv_iso_to_julian (END_DATE);
  guint32 start = end - 3 * 365;
  FILE *customers = fopen (customers_path, "w");
  FILE *invoices = fopen (invoices_path, "w");
  FILE *payments = fopen (payments_path, "w");
  gboolean heavy = shape == SHAPE_HEAVY;

  g_assert (customers && invoices && payments);

  fprintf (customers, "id,name,email,terms_days\n");
  for (guint c = 0; c < n_customers; c++)
    fprintf (customers, "K%06u,Customer %u GmbH,ap%u@example.com,%s\n", c, c, c,
             c % 5 == 0 ? "14" : "");

  fprintf (invoices, heavy ? "number,customer_id,issue_date,amount,description,applies_to\n"
                           : "number,customer_id,issue_date,amount,description\n");
  fprintf (payments, "date,customer_id,amount,invoice_number,reference\n");
  for (guint i = 0; i < n_invoices; i++)
    {
      guint c = pick_customer (rand, shape, n_customers);
      guint32 issue = start + (guint32) ((guint64) i * (end - start) / n_invoices);
      gint64 cents = g_rand_int_range (rand, 1000, 500000);
      guint32 paid = issue + 30 + (guint32) g_rand_int_range (rand, -20, 120);
      char issue_iso[RCV_ISO_DATE_LEN], paid_iso[RCV_ISO_DATE_LEN];
      gboolean named = g_rand_int_range (rand, 0, 10) < 6;
      gboolean credit_note = heavy && i > 0 && g_rand_int_range (rand, 0, 50) == 0;

      rcv_julian_to_iso (issue, issue_iso);
      if (credit_note)
        {
          /* a credit note of a part of the invoice before it, the customer's own */
          fprintf (invoices, "INV-%07u,K%06u,%s,-%" G_GINT64_FORMAT ".%02d,Credit,\n", i, c,
                   issue_iso, cents / 1000, (int) (cents / 10 % 100));
          continue;
        }
      fprintf (invoices, "INV-%07u,K%06u,%s,%" G_GINT64_FORMAT ".%02d,Goods and services%s\n",
               i, c, issue_iso, cents / 100, (int) (cents % 100), heavy ? "," : "");

      if (heavy)
        {
          int roll = g_rand_int_range (rand, 0, 100);

          /* a third name no invoice; a fifth pay part; some never pay at all */
          named = roll >= 33;
          if (roll % 5 == 0)
            cents = cents * g_rand_int_range (rand, 30, 90) / 100;
          if (roll >= 96)
            continue;
        }
      /* one payment per invoice; the ones not due yet by the end are partial */
      if (paid > end)
        {
          paid = issue + (guint32) g_rand_int_range (rand, 0, (gint32) (end - issue + 1));
          cents /= 2;
          named = !heavy || named;
        }
      rcv_julian_to_iso (paid, paid_iso);
      fprintf (payments, "%s,K%06u,%" G_GINT64_FORMAT ".%02d,", paid_iso, c, cents / 100,
               (int) (cents % 100));
      if (named)
        fprintf (payments, "INV-%07u", i);   /* empty: a payment on account */
      fprintf (payments, ",TRX %u\n", i);
    }
  fclose (customers);
  fclose (invoices);
  fclose (payments);
}

static void
import_file (RcvDatabase   *db,
             RcvImportKind  kind,
             const char    *dir,
             const char    *name,
             const char    *label)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(RcvImportReport) report = rcv_import_report_new ();
  g_autoptr(GError) error = NULL;
  double t = now ();

  if (!rcv_import_csv_file (db, kind, path, report, &error))
    {
      for (guint i = 0; i < MIN (report->problems->len, 5u); i++)
        g_printerr ("%s\n", (char *) g_ptr_array_index (report->problems, i));
      g_error ("import of %s failed: %s", name, error->message);
    }
  record (label, now () - t, 0);
  printf ("    peak memory so far: %ld MB (SQLite's heap at most %lld MB)\n", peak_rss_mb (),
          (long long) (sqlite3_memory_highwater (TRUE) / (1024 * 1024)));
}

/* The same 1 000 letters sent by e-mail to a real SMTP server on the loopback
 * (tests/smtp-server.py, STARTTLS with the tests' authority and a login), on one connection,
 * not recorded; skipped without Debian's python3-aiosmtpd. */
static void
bench_mail (RcvDatabase *db,
            GPtrArray   *letters)
{
  const char *argv[] = { "/usr/bin/python3", RCV_SMTP_SERVER, "--maildir", NULL, "--starttls",
                         RCV_MAIL_DATA "/server.pem", RCV_MAIL_DATA "/server.key", "--auth",
                         "bench:secret", NULL };
  g_autofree char *maildir = g_dir_make_tmp (NULL, NULL);
  g_autoptr(RcvMailAccount) account = rcv_mail_account_new ();
  g_autoptr(RcvMailReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) out = NULL;
  g_autofree char *line = NULL;
  g_autofree char *server = NULL;
  int stdin_fd, stdout_fd, status = 1;
  GPid pid;
  double t;

  g_spawn_command_line_sync ("/usr/bin/python3 -c 'import aiosmtpd'", NULL, NULL, &status, NULL);
  if (status != 0)
    {
      printf ("  (e-mail: skipped, no python3-aiosmtpd for the loopback server)\n");
      return;
    }
  argv[3] = maildir;
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, 0, NULL, NULL, &pid,
                                           &stdin_fd, &stdout_fd, NULL, &error));
  out = g_io_channel_unix_new (stdout_fd);
  g_io_channel_set_close_on_unref (out, TRUE);
  g_assert_cmpint (g_io_channel_read_line (out, &line, NULL, NULL, NULL), ==, G_IO_STATUS_NORMAL);
  server = g_strdup_printf ("127.0.0.1:%s", g_strstrip (line));
  g_setenv ("RECEIVABLES_SMTP_CA_FILE", RCV_MAIL_DATA "/ca.pem", TRUE);
  g_setenv ("RECEIVABLES_SMTP_PASSWORD", "secret", TRUE);
  account->from = g_strdup ("ar@bench.example");
  account->security = RCV_MAIL_STARTTLS;
  g_free (account->user);
  account->user = g_strdup ("bench");
  g_assert_true (rcv_mail_account_parse_server (account, server, &error));
  g_assert_true (rcv_mail_account_save (db, account, &error));

  t = now ();
  report = rcv_mail_send_letters (db, (const RcvDunningLetter *const *) letters->pdata,
                                  letters->len, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  record ("1000 letters sent by e-mail (STARTTLS, one connection)", now () - t, 30.0);
  printf ("    %u sent, %u failed%s%s\n", report->n_sent, report->n_failed,
          report->stopped != NULL ? "; stopped: " : "",
          report->stopped != NULL ? report->stopped : "");
  close (stdin_fd);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
  {
    g_autoptr(GDir) dir = g_dir_open (maildir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *file = g_build_filename (maildir, name, NULL);

        g_unlink (file);
      }
    g_rmdir (maildir);
  }
}

/* The statements of a sample of customers (every 250th of those the aging report lists) as of
 * its date: each closes on the aging report's balance, checked; then 1 000 statements into one
 * PDF, timed. */
static void
bench_statements (RcvDatabase          *db,
                  const RcvAgingReport *report,
                  const char           *dir)
{
  g_autoptr(GPtrArray) sample = g_ptr_array_new_with_free_func ((GDestroyNotify) rcv_account_statement_free);
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  g_autoptr(RcvLetterhead) head = rcv_letterhead_new_for_company (db, RCV_PAPER_A4);
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (dir, "statements.pdf", NULL);
  GDate from;
  guint n_pages = 0;
  double t;

  rcv_account_statement_default_from (&report->as_of, &from);
  t = now ();
  for (guint i = 0; i < report->rows->len; i += 250)
    {
      const RcvAgingRow *row = g_ptr_array_index (report->rows, i);
      RcvAccountStatement *statement = rcv_account_statement_read (db, row->customer_id, &from,
                                                                   &report->as_of, &error);

      g_assert_no_error (error);
      if (statement->closing != row->balance)
        g_error ("the statement of %s closes on %" G_GINT64_FORMAT ", the aging report says %"
                 G_GINT64_FORMAT, row->code, statement->closing, row->balance);
      g_ptr_array_add (sample, statement);
    }
  record ("statements of every 250th customer, each read", (now () - t), 0);
  printf ("    %u statements, each closing on its aging balance\n", sample->len);
  for (guint i = 0; i < 1000; i++)
    g_ptr_array_add (batch, g_ptr_array_index (sample, i % sample->len));
  t = now ();
  g_assert_true (rcv_statements_write_pdf (head, (const RcvAccountStatement *const *) batch->pdata,
                                           batch->len, pdf, &n_pages, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  record ("1000 statements to one PDF", now () - t, 0);
  printf ("    %u pages\n", n_pages);
  g_unlink (pdf);
}

/* Everything after the import: agings, trend, dunning, letters, alerts, collections, export. */
/* The benchmark's camt.053 of 10 000 receipts (bench-statement.c), read and matched (not
 * applied), timed. */
static void
bench_bank (RcvDatabase *db)
{
  g_autoptr(GString) xml = bench_statement_camt053 (db, 10000);
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvBankStatement) statement = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  guint counts[RCV_BANK_DUPLICATE + 1] = { 0 };
  double t;

  t = now ();
  statement = rcv_bank_statement_parse (xml->str, xml->len, "bench.xml",
                                        rcv_database_get_currency (db), NULL, &error);
  g_assert_no_error (error);
  matches = rcv_bank_match_statement (db, statement, &error);
  g_assert_no_error (error);
  record ("read and match a bank statement of 10 000", now () - t, 2.0);
  for (guint i = 0; i < matches->len; i++)
    counts[((RcvBankMatch *) g_ptr_array_index (matches, i))->decision]++;
  printf ("    %u entries: %u auto, %u suggest, %u none\n", matches->len, counts[RCV_BANK_AUTO],
          counts[RCV_BANK_SUGGEST], counts[RCV_BANK_NONE]);
}

/* The dunning run again after a year of letters (issue 29): each account with an invoice
 * still open was written to every month, about one of its old invoices, and the run costs
 * what is open, not what was sent before. */
static void
bench_letter_history (RcvDatabase *db)
{
  g_autoptr(RcvDunningRun) run = NULL;
  g_autoptr(GError) error = NULL;
  double t;

  t = now ();
  g_assert_true (rcv_database_exec (db,
    "BEGIN IMMEDIATE;"
    "WITH RECURSIVE months (n) AS (SELECT 2 UNION ALL SELECT n + 1 FROM months WHERE n < 13)"
    " INSERT INTO letters (customer_id, date, level, title, open, interest, fees, credit, total)"
    " SELECT c.id, date ('" END_DATE "', '-' || n || ' months'), 1, 'History', 100, 0, 0, 0,"
    "  100 FROM customers c, months WHERE c.id IN"
    "  (SELECT customer_id FROM invoices WHERE settled_date IS NULL);"
    "INSERT INTO letter_items (letter_id, invoice_id, level, days_late, open, interest, fees)"
    " SELECT l.id, (SELECT min (i.id) FROM invoices i WHERE i.customer_id = l.customer_id),"
    "  1, 30, 100, 0, 0 FROM letters l WHERE l.title = 'History';"
    "COMMIT", &error));
  g_assert_no_error (error);
  {
    RcvStatement *stmt = rcv_database_prepare (db, "SELECT count (*) FROM letters", &error);

    g_assert_no_error (error);
    g_assert_true (rcv_statement_step (stmt) == RCV_ROW);
    printf ("    (%" G_GINT64_FORMAT " letters of a year logged in %.1f s)\n",
            rcv_statement_column_int64 (stmt, 0), now () - t);
    rcv_statement_reset (stmt);
  }
  t = now ();
  run = rcv_dunning_run_new (db, bench_date (END_DATE), 0, NULL, &error);
  g_assert_no_error (error);
  record ("dunning run, a year of letters logged", now () - t, 0);
  printf ("    %u letters due\n", run->letters->len);
}

/* What one customer's page reads (issue 29: at the cost of what the account holds): its
 * balance, open invoices, collections record and advice, story and statement, for the
 * customer whose invoices are nearest 50 and for the one with the most. */
static void
bench_account (RcvDatabase *db)
{
  const char *sql[] = {
    "SELECT customer_id, count (*) AS n FROM invoices GROUP BY customer_id"
    " ORDER BY abs (n - 50), customer_id LIMIT 1",
    "SELECT customer_id, count (*) AS n FROM invoices GROUP BY customer_id"
    " ORDER BY n DESC, customer_id LIMIT 1",
  };
  const char *labels[] = { "a customer's page, ~50 invoices", "the largest customer's page" };
  const double limits[] = { 0.05, 0.3 };
  g_autoptr(GError) error = NULL;

  for (guint k = 0; k < G_N_ELEMENTS (sql); k++)
    {
      RcvStatement *stmt = rcv_database_prepare (db, sql[k], &error);
      gint64 customer_id, n_invoices;
      GDate from;
      RcvAccountBalance balance;
      double t, parts[5];

      g_assert_no_error (error);
      g_assert_true (rcv_statement_step (stmt) == RCV_ROW);
      customer_id = rcv_statement_column_int64 (stmt, 0);
      n_invoices = rcv_statement_column_int64 (stmt, 1);
      rcv_statement_reset (stmt);
      rcv_account_statement_default_from (bench_date (END_DATE), &from);

      t = now ();
      g_assert_true (rcv_account_get_balance (db, customer_id, bench_date (END_DATE), &balance,
                                              &error));
      g_ptr_array_unref (rcv_open_items_list (db, customer_id, RCV_INVOICE_KIND_INVOICE,
                                              &error));
      parts[0] = now () - t;
      t = now ();
      rcv_collections_record_free (rcv_collections_get_record (db, customer_id,
                                                               bench_date (END_DATE), &error));
      parts[1] = now () - t;
      t = now ();
      rcv_collections_account_free (rcv_collections_report_for (db, bench_date (END_DATE),
                                                                customer_id, &error));
      parts[2] = now () - t;
      t = now ();
      g_ptr_array_unref (rcv_collections_timeline (db, customer_id, bench_date (END_DATE), 50,
                                                   &error));
      parts[3] = now () - t;
      t = now ();
      rcv_account_statement_free (rcv_account_statement_read (db, customer_id, &from,
                                                              bench_date (END_DATE), &error));
      parts[4] = now () - t;
      g_assert_no_error (error);
      record (labels[k], parts[0] + parts[1] + parts[2] + parts[3] + parts[4], limits[k]);
      printf ("    %" G_GINT64_FORMAT " invoices: balance and open items %.3f, record %.3f,"
              " advice %.3f, story %.3f, statement %.3f s\n", n_invoices, parts[0], parts[1],
              parts[2], parts[3], parts[4]);
    }
}

static void
run_reports (RcvDatabase *db,
             const char  *dir)
{
  const char *dates[] = { END_DATE, "2026-05-20", "2025-11-20" };
  g_autofree char *export_path = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  double t;

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(RcvAgingReport) report = NULL;
      g_autofree char *label = g_strdup_printf ("aging by customer as of %s", dates[i]);

      t = now ();
      report = rcv_aging_report_new (db, bench_date (dates[i]), &error);
      g_assert_no_error (error);
      record (g_steal_pointer (&label), now () - t, 0.5);
      printf ("    %u customers owe %.2f (total balance)\n", report->rows->len,
              (double) report->total.balance / 100.0);
      if (i == 0)
        bench_statements (db, report, dir);
    }

  {
    g_autoptr(GPtrArray) items = NULL;

    t = now ();
    items = rcv_aging_list_items (db, bench_date (END_DATE), &error);
    g_assert_no_error (error);
    record ("aging by invoice as of " END_DATE, now () - t, 0);
    printf ("    %u open items\n", items->len);
  }

  {
    g_autoptr(RcvTrend) trend = NULL;
    g_autoptr(RcvChart) chart = NULL;
    g_autofree char *png = g_build_filename (dir, "trend.png", NULL);

    t = now ();
    trend = rcv_trend_new (db, bench_date (END_DATE), 12, NULL, &error);
    g_assert_no_error (error);
    record ("trend: aging at 12 month ends", now () - t, 2.0);
    chart = rcv_chart_new_trend (trend, rcv_database_get_currency (db));
    t = now ();
    g_assert_true (rcv_chart_export (chart, png, 1000, 600, NULL, &error));
    record ("trend chart to PNG", now () - t, 0);
    g_unlink (png);
  }

  {
    g_autoptr(RcvDunningRun) run = NULL;
    g_autoptr(RcvLetterhead) head = NULL;
    g_autoptr(GPtrArray) batch = g_ptr_array_new ();
    g_autofree char *pdf = g_build_filename (dir, "letters.pdf", NULL);
    guint n_pages;

    t = now ();
    run = rcv_dunning_run_new (db, bench_date (END_DATE), 0, NULL, &error);
    g_assert_no_error (error);
    record ("dunning run: the letters due", now () - t, 0);
    printf ("    %u letters due\n", run->letters->len);
    g_assert_cmpuint (run->letters->len, >, 0);
    /* a thousand letters, the run's first ones (again from the start if it has fewer) */
    for (guint i = 0; i < 1000; i++)
      g_ptr_array_add (batch, g_ptr_array_index (run->letters, i % run->letters->len));
    head = rcv_letterhead_new_for_company (db, RCV_PAPER_A4);
    t = now ();
    g_assert_true (rcv_letters_write_pdf (head, (const RcvDunningLetter *const *) batch->pdata,
                                          batch->len, pdf, &n_pages, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    record ("1000 reminder letters to one PDF", now () - t, 5.0);
    g_stat (pdf, &st);
    printf ("    %u pages, %ld KB\n", n_pages, (long) (st.st_size / 1024));
    g_unlink (pdf);
    bench_mail (db, batch);
  }

  /* the alerts: the first check claims every crossing (as the window's first start would),
   * the next one finds them told */
  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(RcvAlertCheck) check = NULL;

      t = now ();
      check = rcv_alerts_check (db, bench_date (END_DATE), TRUE, NULL, &error);
      g_assert_no_error (error);
      record (pass == 0 ? "alerts check, first (claims every crossing)"
                        : "alerts check, again (nothing new)", now () - t, 0);
      printf ("    %u crossings, %u accounts past a threshold\n", check->crossings->len,
              check->n_passed);
    }

  /* as if those had been told a month before: each account told reads its days below from
   * the ledger of that month */
  {
    g_autoptr(RcvAlertCheck) check = NULL;

    g_assert_true (rcv_database_exec (db, "UPDATE alerts SET as_of = date (as_of, '-30 days')",
                                      &error));
    g_assert_no_error (error);
    t = now ();
    check = rcv_alerts_check (db, bench_date (END_DATE), TRUE, NULL, &error);
    g_assert_no_error (error);
    record ("alerts check, told a month before", now () - t, 0);
    printf ("    %u crossings, %u of them anew after a drop\n", check->crossings->len,
            check->n_renewed);
  }

  /* the collections advice for every overdue account, with payer behaviour over 12 months */
  {
    g_autoptr(GPtrArray) report = NULL;
    guint agency = 0;

    t = now ();
    report = rcv_collections_report (db, bench_date (END_DATE), &error);
    g_assert_no_error (error);
    record ("collections report as of the last day", now () - t, 0);
    for (guint i = 0; i < report->len; i++)
      agency += ((RcvCollectionsAccount *) g_ptr_array_index (report, i))->recommendation ==
                RCV_RECOMMEND_AGENCY;
    printf ("    %u accounts, %u to hand to an agency\n", report->len, agency);

    /* what a customer's page waits for (in a worker thread): its advice and payer behaviour */
    if (report->len > 0)
      {
        g_autoptr(RcvCollectionsAccount) account = NULL;

        t = now ();
        account = rcv_collections_report_for (db, bench_date (END_DATE),
                                              ((RcvCollectionsAccount *)
                                                 g_ptr_array_index (report, 0))->customer_id,
                                              &error);
        g_assert_no_error (error);
        record ("one account's collections advice", now () - t, 0);
        bench_account (db);
      }
  }

  /* the Customers page's list: balances, holds and payer behaviour (a worker thread) */
  {
    g_autoptr(RcvCustomerList) customers = NULL;

    t = now ();
    customers = rcv_customer_list_new (db, bench_date (END_DATE), &error);
    g_assert_no_error (error);
    record ("customer list with payer behaviour", now () - t, 0);
  }

  bench_bank (db);

  export_path = g_build_filename (dir, "export-invoices.csv", NULL);
  t = now ();
  g_assert_true (rcv_export_csv (db, RCV_EXPORT_INVOICES, NULL, export_path, NULL, &error));
  g_assert_no_error (error);
  record ("export invoices", now () - t, 0);
  printf ("  peak memory before the letters' history: %ld MB\n", peak_rss_mb ());

  bench_letter_history (db);
}

/* The floor under the import (issue 29): what one SQLite writer needs for the same rows and
 * indexes, with none of the import's reading, checking and allocating: the imported rows
 * copied as they are into a new company file of the same schema, in one transaction, the way
 * SQLite writes a million rows fastest: into the bare tables, then each secondary index built
 * by one sort (kept up to date row by row instead, the same copy took 38 s), with the settings
 * the import writes in bulk with. */
static void
bench_writer_floor (RcvDatabase *db,
                    const char  *dir)
{
  const char *tables[] = { "customers", "invoices", "invoice_lines", "payments", "allocations" };
  g_autofree char *path = g_build_filename (dir, "floor.db", NULL);
  g_autofree char *attach = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) creates = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  RcvStatement *stmt;
  double t;

  g_unlink (path);
  {
    RcvDatabase *empty = rcv_database_open (path, RCV_DATABASE_FLAGS_NONE, &error);

    g_assert_no_error (error);
    g_object_unref (empty);
  }
  /* the import's own settings for a bulk write: out of WAL mode (the file is the writer's
   * alone), no zeroing of freed pages, temporary files on disk, the index builds sorting in
   * runs of 8 MB on two threads (rcv-import.c) */
  attach = g_strdup_printf ("ATTACH DATABASE '%s' AS floor; PRAGMA floor.journal_mode = DELETE;"
                            " PRAGMA floor.secure_delete = FAST; PRAGMA temp_store = FILE;"
                            " PRAGMA floor.cache_size = -16384", path);
  g_assert_true (rcv_database_exec (db, attach, &error));
  stmt = rcv_database_prepare (db, "SELECT name, sql FROM floor.sqlite_master"
                                   " WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN"
                                   " ('customers', 'invoices', 'invoice_lines', 'payments',"
                                   " 'allocations')", &error);
  g_assert_no_error (error);
  while (rcv_statement_step (stmt) == RCV_ROW)
    {
      const char *sql = rcv_statement_column_text (stmt, 1);
      gboolean unique = g_str_has_prefix (sql, "CREATE UNIQUE INDEX ");

      g_ptr_array_add (names, g_strdup (rcv_statement_column_text (stmt, 0)));
      g_ptr_array_add (creates, g_strconcat (unique ? "CREATE UNIQUE INDEX floor."
                                                    : "CREATE INDEX floor.",
                                             sql + strlen (unique ? "CREATE UNIQUE INDEX "
                                                                  : "CREATE INDEX "), NULL));
    }
  rcv_statement_reset (stmt);

  t = now ();
  g_assert_true (rcv_database_exec (db, "BEGIN IMMEDIATE", &error));
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("DROP INDEX floor.%s",
                                              (char *) g_ptr_array_index (names, i));

      g_assert_true (rcv_database_exec (db, sql, &error));
    }
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      /* "WHERE 1": not SQLite's transfer optimization, which copies a table's pages as they
       * are into an empty one, faster than any writer of new rows */
      g_autofree char *sql = g_strdup_printf ("INSERT INTO floor.%s SELECT * FROM main.%s"
                                              " WHERE 1", tables[i], tables[i]);

      g_assert_true (rcv_database_exec (db, sql, &error));
    }
  g_assert_true (rcv_database_exec (db, "PRAGMA floor.cache_size = -8192; PRAGMA threads = 2",
                                    &error));
  for (guint i = 0; i < creates->len; i++)
    g_assert_true (rcv_database_exec (db, g_ptr_array_index (creates, i), &error));
  g_assert_true (rcv_database_exec (db, "COMMIT; PRAGMA temp_store = MEMORY; PRAGMA threads = 0",
                                    &error));
  g_assert_no_error (error);
  record ("one SQLite writer: the same rows, then the same indexes", now () - t, 0);
  printf ("    %u secondary indexes built after the rows\n", names->len);
  g_assert_true (rcv_database_exec (db, "DETACH DATABASE floor", &error));
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

/* One shape's company: generated, imported, measured; TRUE when its targets were met. */
static gboolean
run_shape (const char *base,
           Shape       shape,
           guint       n_invoices,
           gboolean    import_only,
           gboolean    keep)
{
  g_autofree char *dir = g_build_filename (base, shape_names[shape], NULL);
  g_autofree char *db_path = g_build_filename (dir, "bench.db", NULL);
  g_autoptr(RcvDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  gboolean all_met = TRUE;
  double t, import_start;
  GStatBuf st;

  g_mkdir_with_parents (dir, 0700);
  g_unlink (db_path);
  g_array_set_size (figures, 0);
  printf ("\n== shape “%s”: %u invoices, %u customers ==\n", shape_names[shape], n_invoices,
          MAX (n_invoices / 20, 1));
  t = now ();
  generate (dir, n_invoices, shape);
  printf ("  (CSV files generated in %.1f s, in %s)\n", now () - t, dir);

  db = rcv_database_open (db_path, RCV_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);

  import_start = now ();
  import_file (db, RCV_IMPORT_CUSTOMERS, dir, "customers.csv", "import customers");
  import_file (db, RCV_IMPORT_INVOICES, dir, "invoices.csv", "import invoices");
  import_file (db, RCV_IMPORT_PAYMENTS, dir, "payments.csv", "import payments");
  record ("import, all three files", now () - import_start, 15.0);
  printf ("  peak memory after import: %ld MB\n", peak_rss_mb ());
  /* in a process of its own, on a connection of its own: the floor's caches and writes are
   * no part of the app's peak memory; this process's connection closed meanwhile, since none
   * should cross a fork () */
  fflush (stdout);
  g_clear_object (&db);
  {
    pid_t child = fork ();
    int status = 0;

    g_assert (child >= 0);
    if (child == 0)
      {
        g_autoptr(RcvDatabase) own = rcv_database_open (db_path, RCV_DATABASE_FLAGS_NONE,
                                                        &error);

        g_assert_no_error (error);
        bench_writer_floor (own, dir);
        printf ("    (its own peak memory: %ld MB)\n", peak_rss_mb ());
        fflush (stdout);
        _exit (0);
      }
    g_assert (waitpid (child, &status, 0) == child);
    g_assert (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  }
  db = rcv_database_open (db_path, RCV_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);

  if (!import_only)
    run_reports (db, dir);

  g_stat (db_path, &st);
  printf ("  company file: %ld MB\n", (long) (st.st_size / (1024 * 1024)));
  printf ("  peak memory: %ld MB (target < 200 MB)\n", peak_rss_mb ());

  for (guint i = 0; i < figures->len; i++)
    all_met &= g_array_index (figures, Figure, i).met;
  all_met &= peak_rss_mb () < 200;
  printf ("  shape “%s”: %s\n", shape_names[shape],
          all_met ? "all targets met" : "some targets were missed");

  if (!keep)
    {
      const char *names[] = { "customers.csv", "invoices.csv", "payments.csv",
                              "export-invoices.csv", "bench.db", "bench.db-wal", "bench.db-shm" };

      g_clear_object (&db);
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *path = g_build_filename (dir, names[i], NULL);
          g_unlink (path);
        }
      g_rmdir (dir);
    }
  return all_met;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *keep = NULL;
  g_autofree char *shape_name = NULL;
  gint n_invoices = 1000000;
  gboolean import_only = FALSE;
  GOptionEntry entries[] = {
    { "invoices", 0, 0, G_OPTION_ARG_INT, &n_invoices, "Invoices (and payments)", "N" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Keep the files in this folder", "DIR" },
    { "import-only", 0, 0, G_OPTION_ARG_NONE, &import_only, "Time the import alone", NULL },
    { "shape", 0, 0, G_OPTION_ARG_STRING, &shape_name,
      "Only this shape of company: standard or heavy (default: each)", "NAME" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- the scale benchmark");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  gboolean all_met = TRUE;
  int only = -1;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  for (int i = 0; shape_name != NULL && i < N_SHAPES; i++)
    if (g_str_equal (shape_name, shape_names[i]))
      only = i;
  if (shape_name != NULL && only < 0)
    g_error ("--shape: standard or heavy, not “%s”", shape_name);

  figures = g_array_new (FALSE, FALSE, sizeof (Figure));
  /* the default name pattern: a new folder of its own in the temporary directory */
  dir = keep != NULL ? g_strdup (keep) : g_dir_make_tmp (NULL, &error);
  g_assert_no_error (error);
  g_mkdir_with_parents (dir, 0700);

  printf ("Receivables benchmark: %d invoices, about as many payments, %d customers, in %s\n",
          n_invoices, MAX (n_invoices / 20, 1), only >= 0 ? "one shape" : "each shape");
  for (int shape = 0; shape < N_SHAPES; shape++)
    {
      pid_t child;
      int status = 0;

      if (only >= 0 && only != shape)
        continue;
      if (only >= 0)
        {
          all_met &= run_shape (dir, (Shape) shape, (guint) n_invoices, import_only,
                                keep != NULL);
          continue;
        }
      /* each shape in a process of its own, so that its peak memory is its own */
      fflush (stdout);
      child = fork ();
      g_assert (child >= 0);
      if (child == 0)
        {
          gboolean met = run_shape (dir, (Shape) shape, (guint) n_invoices, import_only,
                                    keep != NULL);

          /* _exit () flushes nothing: the shape's last lines would be lost in a log file */
          fflush (stdout);
          fflush (stderr);
          _exit (met ? 0 : 1);
        }
      g_assert (waitpid (child, &status, 0) == child);
      all_met &= WIFEXITED (status) && WEXITSTATUS (status) == 0;
    }

  if (keep == NULL)
    g_rmdir (dir);
  printf ("%s\n", all_met ? "All targets met." : "Some targets were missed.");
  return all_met ? 0 : 1;
}
