/* test-bank.c - bank statements read (camt.053/054, MT940 from peer fixtures and our own, CSV),
 * their receipts matched to invoices and applied
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rcv-bank-columns.h"
#include "rcv-bank-match.h"
#include "rcv-bank-statement.h"
#include "rcv-error.h"
#include "rcv-test-utils.h"

static RcvCurrency eur = { "EUR", 2 };

static RcvBankStatement *
read_fixture (const char *name,
              GError    **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bank", name, NULL);
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  return rcv_bank_statement_parse (data, length, name, &eur, NULL, error);
}

static RcvBankStatement *
read_text (const char *text,
           GError    **error)
{
  return rcv_bank_statement_parse (text, strlen (text), "typed.txt", &eur, NULL, error);
}

static const RcvBankEntry *
entry_at (RcvBankStatement *statement,
          guint         i)
{
  g_assert_cmpuint (i, <, statement->entries->len);
  return g_ptr_array_index (statement->entries, i);
}

/* Our statement of seven movements, read the same from each of the three formats. */
static void
check_our_statement (RcvBankStatement *statement)
{
  const RcvBankEntry *entry;

  g_assert_cmpuint (statement->entries->len, ==, 7);
  entry = entry_at (statement, 0);
  g_assert_cmpint (entry->amount, ==, 11900);
  g_assert_true (entry->credit);
  g_assert_cmpstr (entry->entry_ref, ==, "B001");
  g_assert_cmpint (g_date_get_day (&entry->booking_date), ==, 2);
  g_assert_cmpint (g_date_get_month (&entry->booking_date), ==, 3);
  g_assert_cmpint (g_date_get_year (&entry->booking_date), ==, 2026);
  g_assert_cmpstr (entry->payer_iban, ==, "DE89370400440532013000");
  g_assert_nonnull (strstr (entry->reference != NULL ? entry->reference : entry->remittance,
                            "RF31"));
  g_assert_null (entry->end_to_end);   /* NOTPROVIDED is none */
  entry = entry_at (statement, 1);
  g_assert_cmpint (entry->amount, ==, 73800);
  g_assert_cmpstr (entry->remittance, ==, "Invoices 2026-0003 and 2026-0004");
  g_assert_cmpstr (entry->payer_name, ==, "BRIGHTSIDE MEDIA LTD");
  entry = entry_at (statement, 4);
  g_assert_cmpint (entry->amount, ==, 119000);
  g_assert_cmpstr (entry->payer_iban, ==, "FR1420041010050500013M02606");
  entry = entry_at (statement, 6);
  g_assert_cmpint (entry->amount, ==, 1500);
  g_assert_false (entry->credit);
}

static void
test_camt053 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvBankStatement) statement = read_fixture ("statement.camt053.xml", &error);

  g_assert_no_error (error);
  g_assert_cmpint (statement->format, ==, RCV_BANK_CAMT053);
  g_assert_cmpstr (statement->account, ==, "DE02120300000000202051");
  g_assert_true (statement->has_balances);
  g_assert_cmpint (statement->opening, ==, 100000);
  g_assert_cmpint (statement->closing, ==, 381200);
  check_our_statement (statement);
  g_assert_cmpstr (entry_at (statement, 0)->reference, ==, "RF3120260001");
  g_assert_cmpstr (entry_at (statement, 1)->end_to_end, ==, "E2E-BS-17");
}

static void
test_mt940 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvBankStatement) statement = read_fixture ("statement.mt940", &error);

  g_assert_no_error (error);
  g_assert_cmpint (statement->format, ==, RCV_BANK_MT940);
  g_assert_cmpstr (statement->account, ==, "12030000/0000202051");
  check_our_statement (statement);
  g_assert_cmpstr (entry_at (statement, 1)->end_to_end, ==, "E2E-BS-17");
}

static void
test_csv (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvBankStatement) statement = read_fixture ("statement.csv", &error);

  g_assert_no_error (error);
  g_assert_cmpint (statement->format, ==, RCV_BANK_CSV);
  g_assert_cmpstr (statement->account, ==, "DE02120300000000202051");   /* above the header */
  check_our_statement (statement);
}

/* A batch entry gives one entry per transaction; a pending one is marked so. */
static void
test_camt054_batch (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvBankStatement) statement = read_fixture ("notification.camt054.xml", &error);

  g_assert_no_error (error);
  g_assert_cmpint (statement->format, ==, RCV_BANK_CAMT054);
  g_assert_false (statement->has_balances);
  g_assert_cmpuint (statement->entries->len, ==, 3);
  g_assert_cmpint (entry_at (statement, 0)->amount, ==, 11900);
  g_assert_cmpstr (entry_at (statement, 0)->entry_ref, ==, "BATCH-9-1");
  g_assert_cmpstr (entry_at (statement, 0)->end_to_end, ==, "INV 2026-0001");
  g_assert_cmpstr (entry_at (statement, 0)->payer_name, ==, "Mueller und Soehne GmbH");
  g_assert_cmpint (g_date_get_day (&entry_at (statement, 0)->booking_date), ==, 3);
  g_assert_cmpint (entry_at (statement, 1)->amount, ==, 23800);
  g_assert_cmpstr (entry_at (statement, 1)->entry_ref, ==, "BATCH-9/2");
  g_assert_cmpstr (entry_at (statement, 1)->reference, ==, "RF04 2026 0002");
  g_assert_false (entry_at (statement, 1)->pending);
  g_assert_true (entry_at (statement, 2)->pending);
}

/* The cmxl suite's MT940 sample (through wolph/mt940's fixtures): three statements, in DEM,
 * EUR and PLN, each adding up; the German :86: subfields of the second. */
static void
test_mt940_cmxl (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvBankStatement) statement = read_fixture ("cmxl-mt940.sta", &error);
  const RcvBankEntry *salary;

  g_assert_no_error (error);
  g_assert_cmpuint (statement->entries->len, ==, 11 + 2 + 3);
  g_assert_cmpstr (statement->account, ==, "45050050/76198810");
  g_assert_cmpint (entry_at (statement, 0)->amount, ==, 680000);
  g_assert_false (entry_at (statement, 0)->credit);
  g_assert_cmpint (entry_at (statement, 1)->amount, ==, 62030);
  salary = entry_at (statement, 12);
  g_assert_true (salary->credit);
  g_assert_cmpint (salary->amount, ==, 300000);
  g_assert_cmpstr (salary->entry_ref, ==, "55555");
  g_assert_cmpstr (salary->remittance, ==, "Gehalt OktoberFirmaMustermannGmbH");
  g_assert_cmpstr (salary->payer_name, ==, "MUELLER");
  /* the closing balance of the last statement */
  g_assert_cmpint (statement->closing, ==, 5004000);
}

/* betterplace's SEPA MT940 sample: debit balances, reversals (RC), the SEPA keys. */
static void
test_mt940_sepa (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvBankStatement) statement = read_fixture ("betterplace-sepa-mt940.sta", &error);
  gboolean seen_reversal = FALSE, seen_richter = FALSE;

  g_assert_no_error (error);
  g_assert_true (statement->has_balances);
  g_assert_cmpint (statement->opening, ==, -123471836);
  for (guint i = 0; i < statement->entries->len; i++)
    {
      const RcvBankEntry *entry = entry_at (statement, i);

      if (entry->reversal)
        seen_reversal = TRUE;
      if (g_strcmp0 (entry->payer_iban, "DE42100100100043921105") == 0 &&
          g_strcmp0 (entry->entry_ref, "0724710290621954") == 0)
        {
          seen_richter = TRUE;
          g_assert_cmpint (entry->amount, ==, 1500005);
          g_assert_cmpstr (entry->payer_name, ==,
                           "Richter Renate 70 Zeichen Beginn Fuellzeichen xxxxxxxx");
          g_assert_cmpstr (entry->end_to_end, ==, "EndToEndIdTFNR2000400001");
          g_assert_true (g_str_has_prefix (entry->remittance,
                                           "TO 13 TFNr 20004 Eingangskanal Mint"));
        }
    }
  g_assert_true (seen_reversal);
  g_assert_true (seen_richter);
}

/* Files that lie are refused with where and why, nothing taken. */
static void
test_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvBankStatement) statement = NULL;

  /* a closing balance that does not add up */
  statement = read_text (":20:X\n:25:1/2\n:60F:C260301EUR100,00\n:61:260302C50,00NTRFNONREF\n"
                         ":62F:C260302EUR160,00\n-\n", &error);
  g_assert_null (statement);
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_FILE);
  g_assert_nonnull (strstr (error->message, "do not add up"));
  g_assert_nonnull (strstr (error->message, "line 1"));
  g_clear_error (&error);

  /* an amount that does not read, with its line */
  statement = read_text (":20:X\n:25:1/2\n:60F:C260301EUR100,00\n:61:260302CXNTRF\n", &error);
  g_assert_null (statement);
  g_assert_nonnull (strstr (error->message, "line 4 (:61:)"));
  g_clear_error (&error);

  /* XML that is not well formed, and a camt of an unknown version */
  statement = read_text ("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">"
                         "<BkToCstmrStmt>\n<Stmt></BkToCstmrStmt>", &error);
  g_assert_null (statement);
  g_assert_nonnull (strstr (error->message, "not well-formed XML"));
  g_clear_error (&error);
  statement = read_text ("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.11\"/>",
                         &error);
  g_assert_null (statement);
  g_assert_nonnull (strstr (error->message, "versions 02 to 08"));
  g_clear_error (&error);

  /* an entity is not expanded: no file is read through XML */
  statement = read_text ("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM "
                         "\"file:///etc/passwd\">]><Document xmlns=\"urn:iso:std:iso:20022:"
                         "tech:xsd:camt.053.001.02\"><BkToCstmrStmt><Stmt><Ntry><Amt>&x;</Amt>"
                         "</Ntry></Stmt></BkToCstmrStmt></Document>", &error);
  g_assert_null (statement);
  g_assert_nonnull (strstr (error->message, "amount"));
  g_clear_error (&error);

  /* a CSV without a date and an amount column; a row whose date does not read */
  statement = read_text ("Name;Notes\nA;B\n", &error);
  g_assert_null (statement);
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_FILE);
  g_assert_nonnull (strstr (error->message, "no CSV table"));
  g_clear_error (&error);
  statement = read_text ("Name;Notes;When;How much\nA;B;today;5\n", &error);
  g_assert_null (statement);
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_COLUMNS);
  g_assert_nonnull (strstr (error->message, "columns of this CSV export are not known"));
  g_clear_error (&error);
  statement = read_text ("Date,Amount,Description\n2026-03-02,10.00,ok\n31/31/2026,5.00,bad\n",
                         &error);
  g_assert_null (statement);
  g_assert_nonnull (strstr (error->message, "line 3"));
  g_assert_nonnull (strstr (error->message, "31/31/2026"));
  g_clear_error (&error);
  statement = read_text ("", &error);
  g_assert_null (statement);
  g_assert_nonnull (strstr (error->message, "empty"));
}

/* An English export: ',' between fields, 1,190.00, ISO dates, credit and debit columns. */
static void
test_csv_english (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvBankStatement) statement =
    read_text ("Date,Description,Paid out,Paid in,Counterparty\n"
               "2026-03-02,\"Invoice 2026-0005, thanks\",,\"1,190.00\",Atelier Dubois\n"
               "2026-03-03,Fee,2.50,,Bank\n", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (statement->entries->len, ==, 2);
  g_assert_cmpint (entry_at (statement, 0)->amount, ==, 119000);
  g_assert_true (entry_at (statement, 0)->credit);
  g_assert_cmpstr (entry_at (statement, 0)->payer_name, ==, "Atelier Dubois");
  g_assert_cmpint (entry_at (statement, 1)->amount, ==, 250);
  g_assert_false (entry_at (statement, 1)->credit);
}

/* The company of the matching tests: three customers, five open invoices. */
typedef struct
{
  char *path;
  RcvDatabase *db;
  gint64 mueller, brightside, dubois;
  gint64 invoice[6];
} Company;

static void
company_open (Company *c)
{
  g_autoptr(GError) error = NULL;

  c->db = rcv_test_open_new (&c->path);
  g_assert_true (rcv_database_set_currency (c->db, "EUR", &error));
  c->mueller = rcv_test_customer (c->db, "K1", "Müller & Söhne GmbH");
  c->brightside = rcv_test_customer (c->db, "K2", "Brightside Media Ltd");
  c->dubois = rcv_test_customer (c->db, "K3", "Atelier Dubois SARL");
  c->invoice[1] = rcv_test_invoice (c->db, c->mueller, "2026-0001", "2026-01-10", "2026-02-09", 11900);
  c->invoice[2] = rcv_test_invoice (c->db, c->mueller, "2026-0002", "2026-01-20", "2026-02-19", 23800);
  c->invoice[3] = rcv_test_invoice (c->db, c->brightside, "2026-0003", "2026-01-05", "2026-02-04", 50000);
  c->invoice[4] = rcv_test_invoice (c->db, c->brightside, "2026-0004", "2026-01-15", "2026-02-14", 50000);
  c->invoice[5] = rcv_test_invoice (c->db, c->dubois, "2026-0005", "2026-01-25", "2026-02-24", 119000);
  /* Müller pays from this IBAN (as the customers CSV's iban column gives it) */
  g_assert_true (rcv_ledger_add_customer_iban (c->db, c->mueller, "DE89 3704 0044 0532 0130 00",
                                               &error));
  g_assert_no_error (error);
}

static void
company_close (Company *c)
{
  g_clear_object (&c->db);
  g_free (c->path);
}

static const RcvBankMatch *
match_at (GPtrArray *matches,
          guint      i)
{
  g_assert_cmpuint (i, <, matches->len);
  return g_ptr_array_index (matches, i);
}

static char *
numbers_of (const RcvBankMatch *match)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; match->invoice_numbers != NULL && i < match->invoice_numbers->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " " : "",
                            (const char *) g_ptr_array_index (match->invoice_numbers, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Our statement's seven entries, decided the same from each format: by RF reference, by the
 * numbers in the text, by a known IBAN and the exact open amount, a suggestion by name (two
 * invoices of that customer fit equally), by a number, none, and a debit skipped. */
static void
check_decisions (Company   *c,
                 GPtrArray *matches)
{
  const RcvBankMatch *m;
  char *numbers;

  g_assert_cmpuint (matches->len, ==, 7);
  m = match_at (matches, 0);
  g_assert_cmpint (m->decision, ==, RCV_BANK_AUTO);
  g_assert_cmpint (m->customer_id, ==, c->mueller);
  g_assert_nonnull (strstr (m->reason, "RF31 2026 0001"));
  numbers = numbers_of (m);
  g_assert_cmpstr (numbers, ==, "2026-0001");
  g_free (numbers);
  g_assert_cmpint (m->allocated, ==, 11900);
  g_assert_cmpint (m->unapplied, ==, 0);

  /* 738.00 across both of Brightside's, oldest due date first: 500.00 and 238.00 */
  m = match_at (matches, 1);
  g_assert_cmpint (m->decision, ==, RCV_BANK_AUTO);
  g_assert_cmpint (m->customer_id, ==, c->brightside);
  numbers = numbers_of (m);
  g_assert_cmpstr (numbers, ==, "2026-0003 2026-0004");
  g_free (numbers);
  g_assert_cmpint (g_array_index (m->allocations, RcvAllocationRequest, 1).amount, ==, 23800);
  g_assert_cmpint (m->unapplied, ==, 0);

  /* Müller's IBAN, 238.00: exactly what 2026-0002 has open */
  m = match_at (matches, 2);
  g_assert_cmpint (m->decision, ==, RCV_BANK_AUTO);
  numbers = numbers_of (m);
  g_assert_cmpstr (numbers, ==, "2026-0002");
  g_free (numbers);
  g_assert_nonnull (strstr (m->reason, "IBAN"));

  /* an unknown IBAN, the name close to Brightside's: a suggestion, never automatic */
  m = match_at (matches, 3);
  g_assert_cmpint (m->decision, ==, RCV_BANK_SUGGEST);
  g_assert_cmpint (m->customer_id, ==, c->brightside);
  g_assert_cmpint (m->allocated, ==, 0);

  m = match_at (matches, 4);
  g_assert_cmpint (m->decision, ==, RCV_BANK_AUTO);
  g_assert_cmpint (m->customer_id, ==, c->dubois);
  g_assert_cmpint (m->allocated, ==, 119000);

  g_assert_cmpint (match_at (matches, 5)->decision, ==, RCV_BANK_NONE);
  g_assert_cmpint (match_at (matches, 6)->decision, ==, RCV_BANK_SKIP);
}

static void
test_match_formats (void)
{
  const char *files[] = { "statement.camt053.xml", "statement.mt940", "statement.csv" };

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      Company c = { 0 };
      g_autoptr(GError) error = NULL;
      g_autoptr(RcvBankStatement) statement = NULL;
      g_autoptr(GPtrArray) matches = NULL;

      company_open (&c);
      statement = read_fixture (files[f], &error);
      g_assert_no_error (error);
      matches = rcv_bank_match_statement (c.db, statement, &error);
      g_assert_no_error (error);
      check_decisions (&c, matches);
      company_close (&c);
    }
}

/* Applied: the auto matches become payments in one transaction, the rest wait; the same
 * statement imported again adds nothing; the payer's IBAN is learned from a match. */
static void
test_apply_twice (void)
{
  Company c = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvBankStatement) statement = read_fixture ("statement.camt053.xml", &error);
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GPtrArray) again = NULL;
  guint recorded = 0;

  company_open (&c);
  matches = rcv_bank_match_statement (c.db, statement, &error);
  g_assert_no_error (error);
  g_assert_true (rcv_bank_apply (c.db, statement, matches, TRUE, &recorded, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (recorded, ==, 4);
  g_assert_cmpint (rcv_test_sql_int (c.path, "SELECT count (*) FROM payments"), ==, 4);
  g_assert_cmpint (rcv_test_sql_int (c.path, "SELECT count (*) FROM payments WHERE reference = 'B002'"
                                             " AND method = 'Bank transfer'"), ==, 1);
  g_assert_cmpint (rcv_ledger_get_open_amount (c.db, c.invoice[1], NULL), ==, 0);
  g_assert_cmpint (rcv_ledger_get_open_amount (c.db, c.invoice[4], NULL), ==, 50000 - 23800);
  g_assert_cmpint (rcv_test_sql_int (c.path, "SELECT count (*) FROM bank_entries"), ==, 7);
  g_assert_cmpint (rcv_test_sql_int (c.path, "SELECT count (*) FROM bank_entries"
                                             " WHERE status = 'pending'"), ==, 2);
  g_assert_cmpint (rcv_test_sql_int (c.path, "SELECT count (*) FROM bank_entries"
                                             " WHERE status = 'skipped'"), ==, 1);
  /* Dubois's IBAN, from the match by number */
  g_assert_cmpint (rcv_test_sql_int (c.path, "SELECT customer_id FROM customer_ibans"
                                             " WHERE iban = 'FR1420041010050500013M02606'"),
                   ==, c.dubois);

  /* the same file again: every entry a duplicate, nothing written */
  again = rcv_bank_match_statement (c.db, statement, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < again->len; i++)
    g_assert_cmpint (match_at (again, i)->decision, ==, RCV_BANK_DUPLICATE);
  g_assert_true (rcv_bank_apply (c.db, statement, again, TRUE, &recorded, &error));
  g_assert_cmpuint (recorded, ==, 0);
  g_assert_cmpint (rcv_test_sql_int (c.path, "SELECT count (*) FROM payments"), ==, 4);
  g_assert_cmpint (rcv_test_sql_int (c.path, "SELECT count (*) FROM bank_entries"), ==, 7);
  company_close (&c);
}

/* Two programs import the same statement at once: both matched it before either wrote; the
 * second to write finds the entries there and records nothing twice. */
static void
test_apply_concurrent (void)
{
  Company c = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvBankStatement) statement = read_fixture ("statement.mt940", &error);
  g_autoptr(RcvDatabase) other = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GPtrArray) theirs = NULL;
  guint recorded = 0;

  company_open (&c);
  other = rcv_database_open (c.path, RCV_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  mine = rcv_bank_match_statement (c.db, statement, &error);
  theirs = rcv_bank_match_statement (other, statement, &error);
  g_assert_no_error (error);
  g_assert_cmpint (match_at (mine, 0)->decision, ==, RCV_BANK_AUTO);
  g_assert_true (rcv_bank_apply (other, statement, theirs, TRUE, &recorded, &error));
  g_assert_cmpuint (recorded, ==, 4);
  g_assert_true (rcv_bank_apply (c.db, statement, mine, TRUE, &recorded, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (recorded, ==, 0);
  g_assert_cmpint (match_at (mine, 0)->decision, ==, RCV_BANK_DUPLICATE);
  g_assert_cmpint (rcv_test_sql_int (c.path, "SELECT count (*) FROM payments"), ==, 4);
  g_assert_cmpint (rcv_test_sql_int (c.path, "SELECT count (*) FROM bank_entries"), ==, 7);
  g_clear_object (&other);
  company_close (&c);
}

/* The ambiguous cases: a wrong RF check digit is no reference; a known IBAN with two
 * invoices open for the amount is a suggestion; an IBAN and the sum of the oldest two is
 * automatic; numbers of two customers' invoices are a suggestion. */
static void
test_match_ambiguous (void)
{
  Company c = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvBankStatement) statement = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  char *numbers;

  company_open (&c);
  g_assert_true (rcv_ledger_add_customer_iban (c.db, c.brightside, "GB82 WEST 1234 5698 7654 32",
                                               &error));
  statement = read_text ("Date;Amount;Purpose;IBAN;Reference\n"
                         "2026-03-05;119,00;RF32 2026 0001;;R1\n"
                         "2026-03-05;500,00;March;GB82WEST12345698765432;R2\n"
                         "2026-03-05;357,00;two;DE89370400440532013000;R3\n"
                         "2026-03-05;100,00;2026-0001 and 2026-0003;;R4\n"
                         "2026-03-05;100,00;Ref 2026-0005.;;R5\n", &error);
  g_assert_no_error (error);
  matches = rcv_bank_match_statement (c.db, statement, &error);
  g_assert_no_error (error);
  g_assert_cmpint (match_at (matches, 0)->decision, ==, RCV_BANK_NONE);
  g_assert_cmpint (match_at (matches, 1)->decision, ==, RCV_BANK_SUGGEST);
  g_assert_nonnull (strstr (match_at (matches, 1)->reason, "2 of its invoices"));
  g_assert_cmpint (match_at (matches, 2)->decision, ==, RCV_BANK_AUTO);
  numbers = numbers_of (match_at (matches, 2));
  g_assert_cmpstr (numbers, ==, "2026-0001 2026-0002");
  g_free (numbers);
  g_assert_cmpint (match_at (matches, 3)->decision, ==, RCV_BANK_SUGGEST);
  g_assert_nonnull (strstr (match_at (matches, 3)->reason, "several customers"));
  /* a number before a full stop; a partial payment leaves the invoice open */
  g_assert_cmpint (match_at (matches, 4)->decision, ==, RCV_BANK_AUTO);
  g_assert_cmpint (match_at (matches, 4)->customer_id, ==, c.dubois);
  company_close (&c);
}

static char *
fixture_text (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bank", name, NULL);
  char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  return data;
}

static RcvBankStatement *
read_in (Company    *c,
         const char *text,
         GError    **error)
{
  return rcv_bank_statement_read (c->db, text, strlen (text), "export.csv", error);
}

/* An export whose header the reader does not know: refused as asking for its columns; named
 * once (date=Buchung, amount=Summe, …) they are kept for its account, and its exports read by
 * them in any order, to the same matches as the other formats; another account's export with
 * the same header still asks; an export naming no account is known by its header row. */
static void
test_csv_columns (void)
{
  Company c = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvBankStatement) statement = NULL;
  g_autoptr(RcvBankCsvLayout) layout = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  g_autofree char *text = fixture_text ("unknown-columns.csv");
  g_autofree char *reordered = NULL;
  g_autofree char *other_account = NULL;
  g_autofree char *no_account = NULL;
  static const struct { RcvBankColumn column; const char *name; } named[] = {
    { RCV_BANK_COLUMN_DATE, "Buchung" }, { RCV_BANK_COLUMN_VALUE_DATE, "Wert" },
    { RCV_BANK_COLUMN_NAME, "Gegenkonto Name" }, { RCV_BANK_COLUMN_IBAN, "Gegenkonto" },
    { RCV_BANK_COLUMN_TEXT, "Text" }, { RCV_BANK_COLUMN_AMOUNT, "Summe" },
    { RCV_BANK_COLUMN_REFERENCE, "Ref" },
  };

  company_open (&c);
  statement = read_in (&c, text, &error);
  g_assert_null (statement);
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_COLUMNS);
  g_assert_nonnull (strstr (error->message, "export.csv"));
  g_clear_error (&error);

  /* what a person is shown: the account above the header, the header, the row below */
  layout = rcv_bank_columns_inspect (c.db, text, strlen (text), "export.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (layout->account, ==, "DE02120300000000202051");
  g_assert_cmpuint (layout->header_line, ==, 4);
  g_assert_cmpuint (g_strv_length (layout->header), ==, 7);
  g_assert_cmpstr (layout->header[2], ==, "Gegenkonto Name");
  g_assert_cmpstr (layout->sample[5], ==, "119,00");
  for (guint col = 0; col < RCV_BANK_N_COLUMNS; col++)
    g_assert_null (layout->columns->names[col]);

  /* named wrongly: no date; one column for two things; a column the file lacks */
  layout->columns->names[RCV_BANK_COLUMN_AMOUNT] = g_strdup ("Summe");
  g_assert_false (rcv_bank_csv_columns_check (layout->columns,
                                              (const char *const *) layout->header, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_COLUMNS);
  g_clear_error (&error);
  layout->columns->names[RCV_BANK_COLUMN_DATE] = g_strdup ("Summe");
  g_assert_false (rcv_bank_csv_columns_check (layout->columns,
                                              (const char *const *) layout->header, &error));
  g_assert_nonnull (strstr (error->message, "cannot be both"));
  g_clear_error (&error);
  g_free (layout->columns->names[RCV_BANK_COLUMN_DATE]);
  layout->columns->names[RCV_BANK_COLUMN_DATE] = g_strdup ("Datum der Buchung");
  g_assert_false (rcv_bank_csv_columns_check (layout->columns,
                                              (const char *const *) layout->header, &error));
  g_assert_nonnull (strstr (error->message, "no column “Datum der Buchung”"));
  g_clear_error (&error);
  {
    g_autoptr(RcvBankCsvColumns) nothing = rcv_bank_csv_columns_new ();

    nothing->account = g_strdup ("DE02120300000000202051");
    g_assert_false (rcv_bank_columns_remember (c.db, nothing, &error));
    g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_COLUMNS);
    g_clear_error (&error);
    g_assert_cmpint (rcv_test_sql_int (c.path, "SELECT count (*) FROM bank_csv_columns"), ==, 0);
  }

  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    {
      g_free (layout->columns->names[named[i].column]);
      layout->columns->names[named[i].column] = g_strdup (named[i].name);
    }
  g_assert_true (rcv_bank_csv_columns_check (layout->columns,
                                             (const char *const *) layout->header, &error));
  g_assert_true (rcv_bank_columns_remember (c.db, layout->columns, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rcv_test_sql_int (c.path, "SELECT count (*) FROM bank_csv_columns WHERE"
                                             " account = 'DE02120300000000202051'"), ==, 7);

  /* read by them now, to the same entries and matches as the other formats */
  statement = read_in (&c, text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (statement->account, ==, "DE02120300000000202051");
  check_our_statement (statement);
  matches = rcv_bank_match_statement (c.db, statement, &error);
  g_assert_no_error (error);
  check_decisions (&c, matches);
  g_clear_pointer (&statement, rcv_bank_statement_free);

  /* the same account's export with its columns in another order and case, some left out */
  reordered = g_strdup ("IBAN: DE02120300000000202051\n"
                        "summe;buchung;text\n"
                        "\"1.190,00\";02.03.2026;Facture 2026-0005\n");
  statement = read_in (&c, reordered, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (statement->entries->len, ==, 1);
  g_assert_cmpint (entry_at (statement, 0)->amount, ==, 119000);
  g_assert_cmpstr (entry_at (statement, 0)->remittance, ==, "Facture 2026-0005");
  g_clear_pointer (&statement, rcv_bank_statement_free);
  /* … but not without its amount */
  statement = read_in (&c, "IBAN: DE02120300000000202051\nbuchung;text;x\n02.03.2026;a;b\n",
                       &error);
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_COLUMNS);
  g_clear_error (&error);

  /* another account, the same header: its columns are not known */
  other_account = g_strdup ("Konto;DE89370400440532013000\n"
                            "Buchung;Summe;Text\n02.03.2026;5,00;x\n");
  statement = read_in (&c, other_account, &error);
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_COLUMNS);
  g_clear_error (&error);

  /* an export naming no account: remembered for its header row */
  no_account = g_strdup ("Buchung;Summe;Text\n02.03.2026;5,00;x\n");
  statement = read_in (&c, no_account, &error);
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_COLUMNS);
  g_clear_error (&error);
  g_clear_pointer (&layout, rcv_bank_csv_layout_free);
  layout = rcv_bank_columns_inspect (c.db, no_account, strlen (no_account), "x.csv", &error);
  g_assert_no_error (error);
  g_assert_null (layout->account);
  g_assert_cmpstr (layout->columns->header, ==, "buchung;summe;text");
  layout->columns->names[RCV_BANK_COLUMN_DATE] = g_strdup ("Buchung");
  layout->columns->names[RCV_BANK_COLUMN_AMOUNT] = g_strdup ("Summe");
  g_assert_true (rcv_bank_columns_remember (c.db, layout->columns, &error));
  statement = read_in (&c, no_account, &error);
  g_assert_no_error (error);
  g_assert_null (statement->account);
  g_assert_cmpint (entry_at (statement, 0)->amount, ==, 500);
  g_clear_pointer (&statement, rcv_bank_statement_free);
  /* … and only for it: a header with one more column asks again */
  statement = read_in (&c, "Buchung;Summe;Text;Mehr\n02.03.2026;5,00;x;y\n", &error);
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_COLUMNS);
  g_clear_error (&error);

  /* columns named again for the account replace the first ones, and win over the names the
   * reader knows: the statement.csv of this account read with name and text swapped */
  {
    g_autofree char *known = fixture_text ("statement.csv");
    g_autoptr(RcvBankCsvColumns) swapped = rcv_bank_csv_columns_new ();

    swapped->account = g_strdup ("DE02120300000000202051");
    swapped->names[RCV_BANK_COLUMN_DATE] = g_strdup ("Buchungstag");
    swapped->names[RCV_BANK_COLUMN_AMOUNT] = g_strdup ("Betrag (EUR)");
    swapped->names[RCV_BANK_COLUMN_TEXT] = g_strdup ("Beguenstigter/Zahlungspflichtiger");
    swapped->names[RCV_BANK_COLUMN_NAME] = g_strdup ("Verwendungszweck");
    g_assert_true (rcv_bank_columns_remember (c.db, swapped, &error));
    g_assert_cmpint (rcv_test_sql_int (c.path, "SELECT count (*) FROM bank_csv_columns WHERE"
                                               " account = 'DE02120300000000202051'"), ==, 4);
    statement = read_in (&c, known, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (entry_at (statement, 1)->remittance, ==, "BRIGHTSIDE MEDIA LTD");
    g_assert_null (entry_at (statement, 1)->entry_ref);   /* not named: not read */
  }
  company_close (&c);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/bank/camt053", test_camt053);
  g_test_add_func ("/core/bank/camt054-batch", test_camt054_batch);
  g_test_add_func ("/core/bank/mt940", test_mt940);
  g_test_add_func ("/core/bank/mt940-cmxl", test_mt940_cmxl);
  g_test_add_func ("/core/bank/mt940-sepa", test_mt940_sepa);
  g_test_add_func ("/core/bank/csv", test_csv);
  g_test_add_func ("/core/bank/csv-english", test_csv_english);
  g_test_add_func ("/core/bank/csv-columns", test_csv_columns);
  g_test_add_func ("/core/bank/refused", test_refused);
  g_test_add_func ("/core/bank/match-formats", test_match_formats);
  g_test_add_func ("/core/bank/match-ambiguous", test_match_ambiguous);
  g_test_add_func ("/core/bank/apply-twice", test_apply_twice);
  g_test_add_func ("/core/bank/apply-concurrent", test_apply_concurrent);
  return g_test_run ();
}
