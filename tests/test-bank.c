/* test-bank.c - bank statements read: camt.053/054, MT940 (peer fixtures and our own), CSV
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rcv-error.h"
#include "rcv-statement.h"

static RcvCurrency eur = { "EUR", 2 };

static RcvStatement *
read_fixture (const char *name,
              GError    **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bank", name, NULL);
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  return rcv_statement_parse (data, length, name, &eur, error);
}

static RcvStatement *
read_text (const char *text,
           GError    **error)
{
  return rcv_statement_parse (text, strlen (text), "typed.txt", &eur, error);
}

static const RcvBankEntry *
entry_at (RcvStatement *statement,
          guint         i)
{
  g_assert_cmpuint (i, <, statement->entries->len);
  return g_ptr_array_index (statement->entries, i);
}

/* Our statement of seven movements, read the same from each of the three formats. */
static void
check_our_statement (RcvStatement *statement)
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
  g_autoptr(RcvStatement) statement = read_fixture ("statement.camt053.xml", &error);

  g_assert_no_error (error);
  g_assert_cmpint (statement->format, ==, RCV_STATEMENT_CAMT053);
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
  g_autoptr(RcvStatement) statement = read_fixture ("statement.mt940", &error);

  g_assert_no_error (error);
  g_assert_cmpint (statement->format, ==, RCV_STATEMENT_MT940);
  g_assert_cmpstr (statement->account, ==, "12030000/0000202051");
  check_our_statement (statement);
  g_assert_cmpstr (entry_at (statement, 1)->end_to_end, ==, "E2E-BS-17");
}

static void
test_csv (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvStatement) statement = read_fixture ("statement.csv", &error);

  g_assert_no_error (error);
  g_assert_cmpint (statement->format, ==, RCV_STATEMENT_CSV);
  check_our_statement (statement);
}

/* A batch entry gives one entry per transaction; a pending one is marked so. */
static void
test_camt054_batch (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvStatement) statement = read_fixture ("notification.camt054.xml", &error);

  g_assert_no_error (error);
  g_assert_cmpint (statement->format, ==, RCV_STATEMENT_CAMT054);
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
  g_autoptr(RcvStatement) statement = read_fixture ("cmxl-mt940.sta", &error);
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
  g_autoptr(RcvStatement) statement = read_fixture ("betterplace-sepa-mt940.sta", &error);
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
  g_autoptr(RcvStatement) statement = NULL;

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
  g_assert_nonnull (strstr (error->message, "no CSV header"));
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
  g_autoptr(RcvStatement) statement =
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
  g_test_add_func ("/core/bank/refused", test_refused);
  return g_test_run ();
}
