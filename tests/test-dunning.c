/* test-dunning.c - which letter is due for whom: levels, escalation, interest, fees, credit
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rcv-dunning.h"
#include "rcv-error.h"
#include "rcv-json.h"
#include "rcv-policy.h"
#include "rcv-test-utils.h"

/* The default policy, changed by `change` and saved. */
static void
change_default_policy (RcvDatabase *db,
                       void       (*change) (RcvPolicy *policy))
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvPolicy) policy = rcv_policy_load (db, 0, &error);

  g_assert_no_error (error);
  change (policy);
  rcv_policy_save (db, policy, &error);
  g_assert_no_error (error);
}

static RcvDunningRun *
run_as_of (RcvDatabase *db,
           const char  *as_of)
{
  g_autoptr(GError) error = NULL;
  RcvDunningRun *run = rcv_dunning_run_new (db, rcv_test_date (as_of), 0, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (run);
  return run;
}

/* The level of the one letter due as of the date, 0 when none is. */
static guint
level_as_of (RcvDatabase *db,
             const char  *as_of)
{
  g_autoptr(RcvDunningRun) run = run_as_of (db, as_of);

  g_assert_cmpuint (run->letters->len, <=, 1);
  if (run->letters->len == 0)
    return 0;
  return ((RcvDunningLetter *) g_ptr_array_index (run->letters, 0))->level;
}

/* Records every letter of the run; `skipped` letters were recorded by another connection. */
#define RECORD_ALL(db, run, skipped) \
  G_STMT_START { \
    g_autoptr(GError) record_error = NULL; \
    g_autofree gboolean *recorded = g_new0 (gboolean, (run)->letters->len); \
    guint n_skipped = G_MAXUINT; \
    g_assert_true (rcv_dunning_record (db, (const RcvDunningLetter *const *) (run)->letters->pdata, \
                                       (run)->letters->len, recorded, &n_skipped, \
                                       &record_error)); \
    g_assert_no_error (record_error); \
    g_assert_cmpuint (n_skipped, ==, (skipped)); \
    for (guint r = 0; r < (run)->letters->len; r++) \
      g_assert_cmpint (recorded[r], ==, (skipped) == 0); \
  } G_STMT_END

static void
record_as_of (RcvDatabase *db,
              const char  *as_of)
{
  g_autoptr(RcvDunningRun) run = run_as_of (db, as_of);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (run->letters->len, >, 0);
  g_assert_true (rcv_dunning_record (db, (const RcvDunningLetter *const *) run->letters->pdata,
                                     run->letters->len, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* The default levels at 7, 21 and 45 days after the due date: a customer never written to
 * gets level 1, whatever the invoice's age (issue 24: a 93-day-old invoice got a "final
 * notice" that claimed earlier reminders); never on the due date. */
static void
test_levels_at_boundaries (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  gint64 customer = rcv_test_customer (db, "K1", "Kunde Eins");

  rcv_test_invoice (db, customer, "R-1", "2026-01-01", "2026-01-31", 100000);

  g_assert_cmpuint (level_as_of (db, "2026-01-30"), ==, 0);
  g_assert_cmpuint (level_as_of (db, "2026-01-31"), ==, 0);   /* due, not late */
  g_assert_cmpuint (level_as_of (db, "2026-02-06"), ==, 0);   /* 6 days */
  g_assert_cmpuint (level_as_of (db, "2026-02-07"), ==, 1);   /* 7 */
  g_assert_cmpuint (level_as_of (db, "2026-02-21"), ==, 1);   /* 21: still the first letter */
  g_assert_cmpuint (level_as_of (db, "2026-03-17"), ==, 1);   /* 45 */
  g_assert_cmpuint (level_as_of (db, "2026-05-04"), ==, 1);   /* 93 */
  g_assert_cmpuint (level_as_of (db, "2027-03-17"), ==, 1);

  /* paid: nothing is due any more, as of the payment; before it, still */
  rcv_test_payment (db, customer, "2026-03-01", 100000, 0, TRUE);
  g_assert_cmpuint (level_as_of (db, "2026-03-17"), ==, 0);
  g_assert_cmpuint (level_as_of (db, "2026-02-21"), ==, 1);
}

static void
one_day_level (RcvPolicy *policy)
{
  g_array_index (policy->levels, RcvReminderLevel, 0).days_after_due = 1;
}

/* A level 1 day after the due date is reached the first day late, not on the due date. */
static void
test_level_one_day (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  gint64 customer = rcv_test_customer (db, "K1", "Kunde Eins");

  change_default_policy (db, one_day_level);
  rcv_test_invoice (db, customer, "R-1", "2026-01-01", "2026-01-31", 100000);
  g_assert_cmpuint (level_as_of (db, "2026-01-31"), ==, 0);
  g_assert_cmpuint (level_as_of (db, "2026-02-01"), ==, 1);
}

/* Recording makes the next run escalate one level, once the invoice has reached that level's
 * days and 14 days have passed since the last letter; after the last level, a new invoice
 * joins the final notice once it has reached its days. */
static void
test_escalation (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvDunningRun) run = NULL;
  g_autoptr(GPtrArray) sent = NULL;
  g_autoptr(GError) error = NULL;
  gint64 customer = rcv_test_customer (db, "K1", "Kunde Eins");
  const RcvDunningLetter *letter;

  rcv_test_invoice (db, customer, "R-1", "2026-01-01", "2026-01-31", 100000);

  record_as_of (db, "2026-02-07");
  g_assert_cmpuint (level_as_of (db, "2026-02-08"), ==, 0);   /* no repeat */
  g_assert_cmpuint (level_as_of (db, "2026-02-20"), ==, 0);
  g_assert_cmpuint (level_as_of (db, "2026-02-21"), ==, 2);   /* escalates */
  g_assert_cmpuint (level_as_of (db, "2026-02-07"), ==, 0);   /* run again the same day */

  record_as_of (db, "2026-02-25");
  g_assert_cmpuint (level_as_of (db, "2026-03-16"), ==, 0);
  /* a run as of a date before a letter does not see it */
  g_assert_cmpuint (level_as_of (db, "2026-02-24"), ==, 2);
  g_assert_cmpuint (level_as_of (db, "2026-03-17"), ==, 3);
  record_as_of (db, "2026-03-20");
  g_assert_cmpuint (level_as_of (db, "2026-06-30"), ==, 0);   /* the last level was sent */

  /* a second invoice while the first is still open: the account is at its last level, so
   * the new one joins a final notice once it is 45 days late, not a first reminder */
  rcv_test_invoice (db, customer, "R-2", "2026-05-01", "2026-05-31", 20000);
  g_assert_cmpuint (level_as_of (db, "2026-06-07"), ==, 0);
  g_assert_cmpuint (level_as_of (db, "2026-07-14"), ==, 0);   /* 44 days */
  run = run_as_of (db, "2026-07-15");
  g_assert_cmpuint (run->letters->len, ==, 1);
  letter = g_ptr_array_index (run->letters, 0);
  g_assert_cmpuint (letter->level, ==, 3);
  g_assert_cmpuint (letter->items->len, ==, 2);
  g_assert_cmpstr (g_array_index (letter->items, RcvDunningItem, 0).number, ==, "R-1");
  g_assert_cmpuint (g_array_index (letter->items, RcvDunningItem, 0).sent_level, ==, 3);
  g_assert_cmpuint (g_array_index (letter->items, RcvDunningItem, 1).sent_level, ==, 0);
  g_assert_cmpuint (g_array_index (letter->items, RcvDunningItem, 1).level, ==, 3);
  g_assert_cmpint (letter->open, ==, 120000);
  /* its text speaks of the three letters the log holds */
  g_assert_cmpuint (letter->previous->len, ==, 3);

  /* recording the same letter again skips it (its levels are in the log now), and the first
   * stays as it was */
  RECORD_ALL (db, run, 0);
  RECORD_ALL (db, run, 1);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM letters"), ==, 4);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM letter_items"), ==, 5);

  sent = rcv_dunning_list_sent (db, customer, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sent->len, ==, 4);
  g_assert_cmpuint (((RcvSentLetter *) g_ptr_array_index (sent, 0))->n_invoices, ==, 2);
  g_assert_cmpuint (((RcvSentLetter *) g_ptr_array_index (sent, 3))->level, ==, 1);
  g_assert_cmpstr (((RcvSentLetter *) g_ptr_array_index (sent, 3))->title, ==,
                   "Payment reminder");
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM audit WHERE table_name ="
                                           " 'letters'"), ==, 4);
}

/* A batch is recorded whole or not at all. */
static void
test_record_all_or_nothing (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvDunningRun) run = NULL;
  g_autoptr(GError) error = NULL;
  gint64 a = rcv_test_customer (db, "K1", "Kunde Eins");
  gint64 b = rcv_test_customer (db, "K2", "Kunde Zwei");
  const RcvDunningLetter *letters[3];

  rcv_test_invoice (db, a, "R-1", "2026-01-01", "2026-01-31", 100000);
  rcv_test_invoice (db, b, "R-2", "2026-01-01", "2026-01-31", 100000);
  run = run_as_of (db, "2026-02-10");
  g_assert_cmpuint (run->letters->len, ==, 2);
  letters[0] = g_ptr_array_index (run->letters, 0);
  letters[1] = g_ptr_array_index (run->letters, 1);
  letters[2] = g_ptr_array_index (run->letters, 0);   /* the first again */
  g_assert_false (rcv_dunning_record (db, letters, 3, NULL, NULL, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_DUPLICATE);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM letters"), ==, 0);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM letter_items"), ==, 0);
}

/* Levels as a company file from before version 8 holds them: each claims what its policy
 * sets, the first one included. */
static void
claims_as_before (RcvPolicy *policy)
{
  for (guint i = 0; i < policy->levels->len; i++)
    {
      RcvReminderLevel *level = &g_array_index (policy->levels, RcvReminderLevel, i);

      level->claims_interest = level->claims_compensation = RCV_CLAIM_AS_POLICY;
    }
}

static void
fixed_eight_percent (RcvPolicy *policy)
{
  claims_as_before (policy);
  policy->interest_kind = RCV_INTEREST_FIXED;
  policy->interest_bp = 800;
}

static void
fixed_ten_percent (RcvPolicy *policy)
{
  claims_as_before (policy);
  policy->interest_kind = RCV_INTEREST_FIXED;
  policy->interest_bp = 1000;
}

/* Worked examples of simple interest: open × rate × days / 365, rounded once per invoice. */
static void
test_fixed_interest (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvDunningRun) run = NULL;
  gint64 customer = rcv_test_customer (db, "K1", "Kunde Eins");
  const RcvDunningLetter *letter;
  const RcvInterestPeriod *period;

  change_default_policy (db, fixed_eight_percent);
  /* 1 000.00 at 8 % for 30 days: 100000 × 0.08 × 30 / 365 = 657.53… → 6.58 */
  rcv_test_invoice (db, customer, "R-1", "2026-01-01", "2026-01-31", 100000);
  /* 250.00 for 10 days: 25000 × 0.08 × 10 / 365 = 54.79… → 0.55 */
  rcv_test_invoice (db, customer, "R-2", "2026-02-01", "2026-02-20", 25000);
  run = run_as_of (db, "2026-03-02");
  letter = g_ptr_array_index (run->letters, 0);
  g_assert_cmpint (g_array_index (letter->items, RcvDunningItem, 0).days_late, ==, 30);
  g_assert_cmpint (g_array_index (letter->items, RcvDunningItem, 0).interest, ==, 658);
  g_assert_cmpint (g_array_index (letter->items, RcvDunningItem, 1).days_late, ==, 10);
  g_assert_cmpint (g_array_index (letter->items, RcvDunningItem, 1).interest, ==, 55);
  g_assert_cmpint (letter->interest, ==, 713);
  g_assert_cmpint (letter->total, ==, 125000 + 713);
  g_assert_cmpuint (letter->periods->len, ==, 1);
  period = &g_array_index (letter->periods, RcvInterestPeriod, 0);
  g_assert_cmpint (period->rate_bp, ==, 800);
  g_assert_cmpint (period->reference_bp, ==, -1);
}

/* Half a cent rounds away from zero: 18.25 at 10 % for one day is 0.5 cent → 1 cent. */
static void
test_interest_rounding (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvDunningRun) run = NULL;
  gint64 customer = rcv_test_customer (db, "K1", "Kunde Eins");

  change_default_policy (db, fixed_ten_percent);
  change_default_policy (db, one_day_level);
  rcv_test_invoice (db, customer, "R-1", "2026-01-01", "2026-01-31", 1825);
  run = run_as_of (db, "2026-02-01");
  g_assert_cmpint (((RcvDunningLetter *) g_ptr_array_index (run->letters, 0))->interest, ==, 1);
}

static void
statutory_eu (RcvPolicy *policy)
{
  claims_as_before (policy);
  policy->interest_kind = RCV_INTEREST_STATUTORY_EU;
  policy->compensation = RCV_COMPENSATION_EU;
  g_array_index (policy->levels, RcvReminderLevel, 1).fee = 500;
}

static void
set_rate (RcvDatabase   *db,
          RcvRateRegion  region,
          guint          year,
          guint          half,
          gint           rate_bp)
{
  g_autoptr(GError) error = NULL;
  RcvReferenceRate rate = { region, year, half, rate_bp };

  g_assert_true (rcv_reference_rate_set (db, &rate, &error));
  g_assert_no_error (error);
}

/* Statutory interest changes with the half-year: 15 days at 4 % + 8 and 15 days at
 * 2.5 % + 8 on 1 000.00 is 100000 × (15 × 0.12 + 15 × 0.105) / 365 = 924.66 → 9.25. The EU's
 * 40 EUR per late invoice, once per invoice; the level's fee once per letter. */
static void
test_statutory_interest (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvDunningRun) run = NULL;
  g_autoptr(RcvDunningRun) second = NULL;
  g_autoptr(GError) error = NULL;
  gint64 customer = rcv_test_customer (db, "K1", "Kunde Eins");
  const RcvDunningLetter *letter;
  const RcvInterestPeriod *period;

  change_default_policy (db, statutory_eu);
  /* years the shipped rates do not reach, so that the rates are this test's own */
  rcv_test_invoice (db, customer, "R-1", "2029-11-01", "2029-12-16", 100000);

  /* without the reference rate the run says which one is missing, and guesses nothing */
  g_assert_null (rcv_dunning_run_new (db, rcv_test_date ("2030-01-15"), 0, NULL, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "ECB rate for 2029, half 2"));
  g_clear_error (&error);

  set_rate (db, RCV_RATE_REGION_EU, 2029, 2, 400);
  set_rate (db, RCV_RATE_REGION_EU, 2030, 1, 250);
  run = run_as_of (db, "2030-01-15");
  letter = g_ptr_array_index (run->letters, 0);
  g_assert_cmpuint (letter->level, ==, 1);
  g_assert_cmpint (g_array_index (letter->items, RcvDunningItem, 0).days_late, ==, 30);
  g_assert_cmpint (letter->interest, ==, 925);
  g_assert_cmpuint (letter->periods->len, ==, 2);
  period = &g_array_index (letter->periods, RcvInterestPeriod, 0);
  g_assert_cmpint (g_date_get_day (&period->from), ==, 17);
  g_assert_cmpint (g_date_get_month (&period->to), ==, 12);
  g_assert_cmpint (g_date_get_day (&period->to), ==, 31);
  g_assert_cmpint (period->rate_bp, ==, 1200);
  g_assert_cmpint (period->reference_bp, ==, 400);
  period = &g_array_index (letter->periods, RcvInterestPeriod, 1);
  g_assert_cmpint (g_date_get_day (&period->from), ==, 1);
  g_assert_cmpint (g_date_get_day (&period->to), ==, 15);
  g_assert_cmpint (period->rate_bp, ==, 1050);
  g_assert_cmpint (letter->compensation, ==, 4000);
  g_assert_cmpint (letter->fee, ==, 0);
  g_assert_cmpint (letter->total, ==, 100000 + 925 + 4000);

  /* the next letter claims the same 40 once, not a second time, and its level's fee */
  g_assert_true (rcv_dunning_record (db, (const RcvDunningLetter *const *) run->letters->pdata,
                                     1, NULL, NULL, &error));
  g_assert_no_error (error);
  second = run_as_of (db, "2030-01-30");
  letter = g_ptr_array_index (second->letters, 0);
  g_assert_cmpuint (letter->level, ==, 2);
  g_assert_cmpint (letter->compensation, ==, 4000);
  g_assert_cmpint (letter->fee, ==, 500);
}

static void
uk_compensation (RcvPolicy *policy)
{
  claims_as_before (policy);
  policy->interest_kind = RCV_INTEREST_STATUTORY_UK;
  policy->compensation = RCV_COMPENSATION_UK;
}

/* UK: 40 under 1 000, 70 under 10 000, 100 from 10 000, by the invoice's total; interest at
 * the Bank of England base rate + 8: 5.25 % + 8 on 999.99 for 10 days = 363.01 → 3.63. */
static void
test_uk_compensation (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvDunningRun) run = NULL;
  g_autoptr(GError) error = NULL;
  gint64 customer = rcv_test_customer (db, "K1", "Kunde Eins");
  const RcvDunningLetter *letter;
  static const gint64 totals[] = { 99999, 100000, 999999, 1000000 };
  static const gint64 expected[] = { 4000, 7000, 7000, 10000 };

  g_assert_true (rcv_database_set_currency (db, "GBP", &error));
  g_assert_no_error (error);
  change_default_policy (db, uk_compensation);
  set_rate (db, RCV_RATE_REGION_UK, 2030, 1, 525);
  for (guint i = 0; i < G_N_ELEMENTS (totals); i++)
    {
      g_autofree char *number = g_strdup_printf ("UK-%u", i);
      rcv_test_invoice (db, customer, number, "2030-03-01", "2030-03-31", totals[i]);
    }
  run = run_as_of (db, "2030-04-10");
  letter = g_ptr_array_index (run->letters, 0);
  g_assert_cmpuint (letter->items->len, ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (totals); i++)
    {
      const RcvDunningItem *item = &g_array_index (letter->items, RcvDunningItem, i);
      g_assert_cmpint (item->total, ==, totals[i]);
      g_assert_cmpint (item->compensation, ==, expected[i]);
    }
  g_assert_cmpint (g_array_index (letter->items, RcvDunningItem, 0).interest, ==, 363);
  g_assert_cmpint (letter->compensation, ==, 28000);
}

/* Unapplied credit is deducted; when it covers every overdue invoice there is no letter. */
static void
test_credit (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvDunningRun) run = NULL;
  g_autoptr(RcvDunningRun) covered = NULL;
  gint64 customer = rcv_test_customer (db, "K1", "Kunde Eins");
  const RcvDunningLetter *letter;
  const RcvDunningCovered *entry;

  rcv_test_invoice (db, customer, "R-1", "2026-01-01", "2026-01-31", 100000);
  rcv_test_invoice (db, customer, "R-2", "2026-02-20", "2026-03-20", 50000);  /* not yet due */
  rcv_test_payment (db, customer, "2026-02-01", 30000, 0, FALSE);             /* on account */
  run = run_as_of (db, "2026-02-10");
  letter = g_ptr_array_index (run->letters, 0);
  g_assert_cmpuint (letter->items->len, ==, 1);
  g_assert_cmpint (letter->credit, ==, 30000);
  g_assert_cmpint (letter->total, ==, 70000);

  rcv_test_invoice (db, customer, "G-1", "2026-02-05", NULL, -80000);          /* credit note */
  covered = run_as_of (db, "2026-02-10");
  g_assert_cmpuint (covered->letters->len, ==, 0);
  g_assert_cmpuint (covered->covered->len, ==, 1);
  entry = g_ptr_array_index (covered->covered, 0);
  g_assert_cmpstr (entry->code, ==, "K1");
  g_assert_cmpint (entry->overdue, ==, 100000);
  g_assert_cmpint (entry->credit, ==, 110000);
}

static void
custom_body (RcvPolicy *policy)
{
  RcvReminderLevel *level = &g_array_index (policy->levels, RcvReminderLevel, 0);

  g_free (level->body);
  level->body = g_strdup ("{customer}: {total} by {deadline}, {{ref}} {reference} "
                          "{oldest_due} {open}");
}

/* The level's own text, or the built-in one, with its placeholders filled in. */
static void
test_letter_text (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvDunningRun) run = NULL;
  g_autoptr(RcvDunningRun) again = NULL;
  g_autoptr(GError) error = NULL;
  gint64 customer = rcv_test_customer (db, "K1", "<b>Kunde</b> & Co");
  const RcvDunningLetter *letter;
  g_autofree char *text = NULL;
  g_autofree char *custom = NULL;
  g_autoptr(RcvPolicy) check = rcv_policy_new ();

  rcv_test_invoice (db, customer, "R-1", "2026-01-01", "2026-01-31", 123456);
  run = run_as_of (db, "2026-02-10");
  letter = g_ptr_array_index (run->letters, 0);
  g_assert_cmpstr (letter->body, ==, rcv_dunning_default_body (1, 3, 7, FALSE));
  text = rcv_dunning_letter_expand (letter, letter->body, "Firma", "mail@firma.example",
                                    rcv_database_get_currency (db));
  g_assert_nonnull (strstr (text, "1,234.56"));
  g_assert_nonnull (strstr (text, "mail@firma.example"));
  g_assert_nonnull (strstr (text, "Firma"));
  g_assert_null (strchr (text, '{'));
  g_assert_cmpstr (rcv_dunning_default_body (2, 3, 21, TRUE), !=, rcv_dunning_default_body (1, 3, 7, FALSE));
  g_assert_cmpstr (rcv_dunning_default_body (3, 3, 45, TRUE), !=, rcv_dunning_default_body (2, 3, 21, TRUE));

  change_default_policy (db, custom_body);
  again = run_as_of (db, "2026-02-10");
  letter = g_ptr_array_index (again->letters, 0);
  custom = rcv_dunning_letter_expand (letter, letter->body, "Firma", "",
                                      rcv_database_get_currency (db));
  /* the customer's name and the reference are isolates (U+2068 … U+2069) in the sentence */
  g_assert_cmpstr (custom, ==, "\u2068<b>Kunde</b> & Co\u2069: 1,234.56 € by 20 February 2026, "
                               "{ref} \u2068K1-20260210-1\u2069 31 January 2026 1,234.56 €");
  /* what is not a placeholder stays as typed */
  g_clear_pointer (&custom, g_free);
  custom = rcv_dunning_letter_expand (letter, "{unknown} {", NULL, NULL,
                                      rcv_database_get_currency (db));
  g_assert_cmpstr (custom, ==, "{unknown} {");

  /* the placeholders the editor offers all pass the policy's check */
  g_free (check->name);
  check->name = g_strdup ("Check");
  for (const char *const *name = rcv_letter_placeholders (); *name != NULL; name++)
    {
      RcvReminderLevel *level = &g_array_index (check->levels, RcvReminderLevel, 0);

      g_free (level->body);
      level->body = g_strdup_printf ("x {%s} y", *name);
      g_assert_true (rcv_policy_validate (check, NULL, NULL, &error));
      g_assert_no_error (error);
    }
}

/* CSV columns start customer_id,customer,level; JSON carries the same numbers. */
static void
test_output (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvDunningRun) run = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;
  g_autoptr(RcvJsonNode) root = NULL;
  gint64 a = rcv_test_customer (db, "K1", "Kunde, Eins");
  gint64 b = rcv_test_customer (db, "K2", "Kunde Zwei");

  change_default_policy (db, fixed_eight_percent);
  rcv_test_invoice (db, a, "R-1", "2026-01-01", "2026-01-31", 100000);
  rcv_test_invoice (db, b, "R-2", "2026-01-01", "2026-01-20", 5000);
  run = run_as_of (db, "2026-03-02");
  csv = rcv_dunning_run_to_csv (run, rcv_database_get_currency (db));
  g_assert_cmpstr (csv, ==,
                   "customer_id,customer,level,title,invoices,oldest_due,days_late,open,"
                   "interest,fees,credit,total,deadline\n"
                   "K1,\"Kunde, Eins\",1,Payment reminder,1,2026-01-31,30,1000.00,6.58,0.00,0.00,"
                   "1006.58,2026-03-12\n"
                   "K2,Kunde Zwei,1,Payment reminder,1,2026-01-20,41,50.00,0.45,0.00,0.00,50.45,"
                   "2026-03-12\n");

  json = rcv_dunning_run_to_json (run, rcv_database_get_currency (db));
  root = rcv_json_parse (json, -1, "dunning", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (json, "\"as_of\": \"2026-03-02\""));
  g_assert_nonnull (strstr (json, "\"total\": 1006.58"));
  g_assert_nonnull (strstr (json, "\"number\": \"R-2\""));
}

/* As of the calendar's last day the letters' deadline would be in the year 10000, printed
 * 0000-01-10: the run is refused, saying why. */
static void
test_end_of_calendar (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvDunningRun) run = NULL;
  gint64 customer = rcv_test_customer (db, "K1", "Kunde Eins");

  rcv_test_invoice (db, customer, "R-1", "9999-01-01", "9999-01-31", 100000);
  run = rcv_dunning_run_new (db, rcv_test_date ("9999-12-21"), 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (run->letters->len, ==, 1);
  g_clear_pointer (&run, rcv_dunning_run_free);

  run = rcv_dunning_run_new (db, rcv_test_date ("9999-12-31"), 0, NULL, &error);
  g_assert_null (run);
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==, "The letters' payment deadline: 9999-12-31 and 10 days "
                                       "after it is past 9999-12-31, the last date Receivables "
                                       "keeps");
}

/* Two programs on one file (the window's Record as Sent and a timer): both compute the letters
 * due, then both record them. The second finds, inside its write transaction, that every
 * (invoice, level) it would claim was recorded meanwhile, and records nothing twice. */
static void
test_record_concurrent (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) first = rcv_test_open_new (&path);
  g_autoptr(RcvDatabase) second = NULL;
  g_autoptr(RcvDunningRun) run_first = NULL;
  g_autoptr(RcvDunningRun) run_second = NULL;
  g_autoptr(GError) error = NULL;
  gint64 a = rcv_test_customer (first, "K1", "Kunde Eins");
  gint64 b = rcv_test_customer (first, "K2", "Kunde Zwei");

  rcv_test_invoice (first, a, "R-1", "2026-05-01", "2026-05-31", 100000);
  rcv_test_invoice (first, b, "R-2", "2026-05-01", "2026-05-31", 50000);
  second = rcv_database_open (path, RCV_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);

  run_first = run_as_of (first, "2026-06-30");
  run_second = run_as_of (second, "2026-07-01");
  g_assert_cmpuint (run_first->letters->len, ==, 2);
  g_assert_cmpuint (run_second->letters->len, ==, 2);

  RECORD_ALL (first, run_first, 0);
  RECORD_ALL (second, run_second, 2);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM letters"), ==, 2);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM (SELECT 1 FROM letter_items"
                                           " GROUP BY invoice_id, level HAVING count(*) > 1)"),
                   ==, 0);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM audit WHERE table_name ="
                                           " 'letters'"), ==, 2);

  /* the other way round: the later date recorded first, the earlier one is no longer due
   * (level 2: 21 days late, 14 days since the first letter) */
  g_clear_pointer (&run_first, rcv_dunning_run_free);
  g_clear_pointer (&run_second, rcv_dunning_run_free);
  run_first = run_as_of (first, "2026-07-15");
  run_second = run_as_of (second, "2026-07-16");
  g_assert_cmpuint (run_first->letters->len, ==, 2);
  RECORD_ALL (second, run_second, 0);
  RECORD_ALL (first, run_first, 2);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM letters"), ==, 4);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM letters WHERE level = 2"),
                   ==, 2);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM letters"
                                           " WHERE level = 2 AND date = '2026-07-16'"), ==, 2);
}

/* The first letter that lied: a customer 93 days late, never written to, gets the
 * first level and its friendly text, which speaks of no earlier letter and threatens no
 * agency. Raised to the final notice by the user, the text still claims no reminder the log
 * does not hold; once letters are in the log, {previous} names their dates. */
static void
test_first_letter_honest (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvDunningRun) run = NULL;
  g_autoptr(RcvDunningRun) later = NULL;
  g_autoptr(GError) error = NULL;
  gint64 customer = rcv_test_customer (db, "K1", "Kunde Eins");
  const RcvCurrency *currency = rcv_database_get_currency (db);
  RcvDunningLetter *letter;
  g_autofree char *text = NULL;
  g_autofree char *raised = NULL;
  g_autofree char *escalated = NULL;

  rcv_test_invoice (db, customer, "R-1", "2026-01-01", "2026-01-31", 100000);
  run = run_as_of (db, "2026-05-04");   /* 93 days */
  letter = g_ptr_array_index (run->letters, 0);
  g_assert_cmpuint (letter->level, ==, 1);
  g_assert_cmpuint (letter->suggested_level, ==, 1);
  g_assert_cmpstr (letter->title, ==, "Payment reminder");
  g_assert_cmpuint (letter->previous->len, ==, 0);
  text = rcv_dunning_letter_expand (letter, letter->body, "Firma", "", currency);
  g_assert_null (strstr (text, "remind"));
  g_assert_null (strstr (text, "agency"));
  g_assert_null (strstr (text, "We wrote"));

  /* the user sends it as the final notice */
  g_assert_true (rcv_dunning_letter_set_level (letter, 3, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (letter->level, ==, 3);
  g_assert_cmpstr (letter->title, ==, "Final notice");
  raised = rcv_dunning_letter_expand (letter, letter->body, "Firma", "", currency);
  g_assert_nonnull (strstr (raised, "final notice"));
  g_assert_null (strstr (raised, "remind"));
  g_assert_null (strstr (raised, "We wrote"));
  g_assert_false (rcv_dunning_letter_set_level (letter, 4, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE);
  g_clear_error (&error);

  /* recorded at level 1: the log holds what was sent */
  g_assert_true (rcv_dunning_letter_set_level (letter, 1, &error));
  RECORD_ALL (db, run, 0);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT level FROM letters"), ==, 1);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT level FROM letter_items"), ==, 1);

  later = run_as_of (db, "2026-05-18");
  letter = g_ptr_array_index (later->letters, 0);
  g_assert_cmpuint (letter->level, ==, 2);
  g_assert_cmpuint (letter->previous->len, ==, 1);
  escalated = rcv_dunning_letter_expand (letter, letter->body, "Firma", "", currency);
  g_assert_nonnull (strstr (escalated, "We wrote to you about these invoices on 4 May 2026."));
}

static void
interval_ten_days (RcvPolicy *policy)
{
  policy->letter_interval_days = 10;
}

/* The next level waits for its days and for the days between letters, whichever is later. */
static void
test_interval (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  gint64 customer = rcv_test_customer (db, "K1", "Kunde Eins");

  rcv_test_invoice (db, customer, "R-1", "2026-01-01", "2026-01-31", 100000);
  record_as_of (db, "2026-02-19");                              /* 19 days: level 1 */
  g_assert_cmpuint (level_as_of (db, "2026-02-21"), ==, 0);   /* 21 days, 2 since */
  g_assert_cmpuint (level_as_of (db, "2026-03-04"), ==, 0);   /* 13 since */
  g_assert_cmpuint (level_as_of (db, "2026-03-05"), ==, 2);   /* 14 since */

  /* a policy of 10 days between letters */
  change_default_policy (db, interval_ten_days);
  g_assert_cmpuint (level_as_of (db, "2026-02-28"), ==, 0);   /* 9 since */
  g_assert_cmpuint (level_as_of (db, "2026-03-01"), ==, 2);   /* 10 since, 29 days late */
}

static void
german_statutory (RcvPolicy *policy)
{
  policy->interest_kind = RCV_INTEREST_STATUTORY_DE;
  policy->compensation = RCV_COMPENSATION_EU;
}

/* The default policy's first level claims neither interest nor compensation, its later ones
 * both; the letter's totals follow the level it is sent at. */
static void
test_level_claims (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvDunningRun) run = NULL;
  g_autoptr(GError) error = NULL;
  gint64 customer = rcv_test_customer (db, "K1", "Kunde Eins");
  RcvDunningLetter *letter;
  const RcvDunningItem *item;

  g_assert_true (rcv_database_set_currency (db, "EUR", &error));
  change_default_policy (db, german_statutory);
  /* 1 000.00 due 2025-05-31 and 200.00 due 2025-08-29 (2 days late) */
  rcv_test_invoice (db, customer, "R-1", "2025-05-01", "2025-05-31", 100000);
  rcv_test_invoice (db, customer, "R-2", "2025-08-01", "2025-08-29", 20000);
  run = run_as_of (db, "2025-08-31");
  letter = g_ptr_array_index (run->letters, 0);
  g_assert_cmpuint (letter->level, ==, 1);
  g_assert_false (letter->claims_interest);
  g_assert_false (letter->claims_compensation);
  g_assert_cmpint (letter->interest, ==, 0);
  g_assert_cmpint (letter->compensation, ==, 0);
  g_assert_cmpint (letter->total, ==, 120000);
  item = &g_array_index (letter->items, RcvDunningItem, 0);
  g_assert_cmpint (item->interest, ==, 0);
  g_assert_cmpint (item->interest_accrued, ==, 2671);   /* test-rates.c's German example */
  g_assert_cmpint (item->compensation_due, ==, 4000);

  /* sent as the second level: it claims both, the basis per invoice */
  g_assert_true (rcv_dunning_letter_set_level (letter, 2, &error));
  g_assert_no_error (error);
  g_assert_true (letter->claims_interest);
  g_assert_cmpint (item->interest, ==, 2671);
  g_assert_cmpuint (item->periods->len, ==, 2);
  g_assert_cmpint (g_array_index (item->periods, RcvInterestPeriod, 0).rate_bp, ==, 1127);
  g_assert_cmpint (letter->compensation, ==, 8000);
  /* 100 × (1.27 + 9) % × 2 / 365 rounds to 0.11 */
  g_assert_cmpint (letter->interest, ==, 2671 + 11);
  g_assert_cmpint (letter->total, ==, 120000 + 2682 + 8000);
}

static void
courtesy_notice (RcvPolicy *policy)
{
  RcvReminderLevel *first = &g_array_index (policy->levels, RcvReminderLevel, 0);
  RcvReminderLevel *second = &g_array_index (policy->levels, RcvReminderLevel, 1);

  first->days_after_due = -5;
  first->deadline_days = 5;
  second->days_after_due = 7;
  second->deadline_days = 7;
}

/* A level before the due date: a courtesy notice five days before it, about the invoices
 * not yet due, with no interest; each level its own deadline. */
static void
test_courtesy_and_deadlines (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvDunningRun) run = NULL;
  g_autoptr(RcvDunningRun) second = NULL;
  g_autoptr(GError) error = NULL;
  gint64 customer = rcv_test_customer (db, "K1", "Kunde Eins");
  RcvDunningLetter *letter;
  g_autofree char *text = NULL;

  change_default_policy (db, courtesy_notice);
  rcv_test_invoice (db, customer, "R-1", "2026-01-01", "2026-01-31", 100000);
  g_assert_cmpuint (level_as_of (db, "2026-01-25"), ==, 0);   /* 6 days before */
  run = run_as_of (db, "2026-01-26");                         /* 5 days before */
  g_assert_cmpuint (run->letters->len, ==, 1);
  letter = g_ptr_array_index (run->letters, 0);
  g_assert_cmpuint (letter->level, ==, 1);
  g_assert_cmpstr (letter->title, ==, "Payment due soon");
  g_assert_cmpint (g_array_index (letter->items, RcvDunningItem, 0).days_late, ==, -5);
  g_assert_cmpint (letter->interest, ==, 0);
  g_assert_cmpint (g_date_compare (&letter->deadline, rcv_test_date ("2026-01-31")), ==, 0);
  text = rcv_dunning_letter_expand (letter, letter->body, "Firma", "", rcv_database_get_currency (db));
  g_assert_nonnull (strstr (text, "fall due soon"));
  RECORD_ALL (db, run, 0);

  /* the next one once 7 days late and 14 days after the first, with its own 7 days to pay */
  g_assert_cmpuint (level_as_of (db, "2026-02-07"), ==, 0);
  second = run_as_of (db, "2026-02-09");
  g_assert_cmpuint (second->letters->len, ==, 1);
  letter = g_ptr_array_index (second->letters, 0);
  g_assert_cmpuint (letter->level, ==, 2);
  g_assert_cmpint (g_date_compare (&letter->deadline, rcv_test_date ("2026-02-16")), ==, 0);
}

static void
uk_as_before (RcvPolicy *policy)
{
  claims_as_before (policy);
  policy->interest_kind = RCV_INTEREST_STATUTORY_UK;
}

/* The UK example through a run: 1 000.00 due 2025-05-31, as of 2025-08-31, claimed
 * by a level from before version 8: 32.14 (it gave 31.29 at a new rate each half-year). */
static void
test_uk_fixed_rate (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvDunningRun) run = NULL;
  gint64 customer = rcv_test_customer (db, "K1", "Kunde Eins");
  const RcvDunningLetter *letter;

  change_default_policy (db, uk_as_before);
  rcv_test_invoice (db, customer, "R-1", "2025-05-01", "2025-05-31", 100000);
  run = run_as_of (db, "2025-08-31");
  letter = g_ptr_array_index (run->letters, 0);
  g_assert_cmpint (letter->interest, ==, 3214);
  g_assert_cmpuint (letter->periods->len, ==, 1);
  g_assert_cmpint (g_array_index (letter->periods, RcvInterestPeriod, 0).rate_bp, ==, 1275);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dunning/levels", test_levels_at_boundaries);
  g_test_add_func ("/dunning/end-of-calendar", test_end_of_calendar);
  g_test_add_func ("/dunning/level-one-day", test_level_one_day);
  g_test_add_func ("/dunning/escalation", test_escalation);
  g_test_add_func ("/dunning/first-letter-honest", test_first_letter_honest);
  g_test_add_func ("/dunning/interval", test_interval);
  g_test_add_func ("/dunning/level-claims", test_level_claims);
  g_test_add_func ("/dunning/courtesy-and-deadlines", test_courtesy_and_deadlines);
  g_test_add_func ("/dunning/uk-fixed-rate", test_uk_fixed_rate);
  g_test_add_func ("/dunning/record-all-or-nothing", test_record_all_or_nothing);
  g_test_add_func ("/dunning/record-concurrent", test_record_concurrent);
  g_test_add_func ("/dunning/fixed-interest", test_fixed_interest);
  g_test_add_func ("/dunning/interest-rounding", test_interest_rounding);
  g_test_add_func ("/dunning/statutory-interest", test_statutory_interest);
  g_test_add_func ("/dunning/uk-compensation", test_uk_compensation);
  g_test_add_func ("/dunning/credit", test_credit);
  g_test_add_func ("/dunning/letter-text", test_letter_text);
  g_test_add_func ("/dunning/output", test_output);

  return g_test_run ();
}
