/* test-alerts.c - accounts passing 60 and 90 days: crossings, told once, reset, races
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rcv-alerts.h"
#include "rcv-policy.h"
#include "rcv-test-utils.h"

static RcvAlertCheck *
check_as_of (RcvDatabase *db,
             const char  *as_of,
             gboolean     claim)
{
  g_autoptr(GError) error = NULL;
  RcvAlertCheck *check = rcv_alerts_check (db, rcv_test_date (as_of), claim, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (check);
  return check;
}

/* The crossings a claiming check tells, as "CODE:days" joined by spaces. */
static char *
claim_as_of (RcvDatabase *db,
             const char  *as_of)
{
  g_autoptr(RcvAlertCheck) check = check_as_of (db, as_of, TRUE);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < check->crossings->len; i++)
    {
      const RcvAlert *alert = g_ptr_array_index (check->crossings, i);

      g_string_append_printf (out, "%s%s:%d", i > 0 ? " " : "", alert->code, alert->days);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define assert_claim(db, as_of, expected) \
  G_STMT_START { \
    g_autofree char *got_ = claim_as_of ((db), (as_of)); \
    g_assert_cmpstr (got_, ==, (expected)); \
  } G_STMT_END

/* An invoice due 2026-01-31 is 59 days late on 2026-03-31 and 60 on 2026-04-01. */
static void
test_thresholds (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  gint64 customer = rcv_test_customer (db, "K1", "Kunde Eins");

  rcv_test_invoice (db, customer, "R-1", "2026-01-01", "2026-01-31", 100000);
  rcv_test_invoice (db, customer, "R-2", "2026-02-01", "2026-03-03", 50000);

  assert_claim (db, "2026-03-31", "");                 /* 59 days */
  assert_claim (db, "2026-04-01", "K1:60");            /* 60 */
  assert_claim (db, "2026-04-01", "");                 /* told */
  assert_claim (db, "2026-04-29", "");                 /* 88 */
  assert_claim (db, "2026-05-01", "K1:90");            /* 90 */
  assert_claim (db, "2026-06-30", "");
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM alerts"), ==, 2);
}

/* The details of a crossing: oldest invoice, its days, the overdue amount of the account. */
static void
test_crossing_details (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  gint64 customer = rcv_test_customer (db, "K1", "Kunde Eins");
  g_autoptr(RcvAlertCheck) check = NULL;
  const RcvAlert *alert;

  rcv_test_invoice (db, customer, "R-2", "2026-02-01", "2026-03-03", 50000);
  rcv_test_invoice (db, customer, "R-1", "2026-01-01", "2026-01-31", 100000);
  rcv_test_invoice (db, customer, "R-3", "2026-04-01", "2026-05-01", 7000);     /* not yet due */
  rcv_test_payment (db, customer, "2026-03-10", 30000, 0, TRUE);      /* on R-1, oldest first */

  check = check_as_of (db, "2026-04-05", FALSE);
  g_assert_cmpuint (check->crossings->len, ==, 1);
  alert = g_ptr_array_index (check->crossings, 0);
  g_assert_cmpstr (alert->code, ==, "K1");
  g_assert_cmpstr (alert->name, ==, "Kunde Eins");
  g_assert_cmpuint (alert->threshold, ==, 1);
  g_assert_cmpint (alert->days, ==, 60);
  g_assert_cmpint (alert->days_late, ==, 64);
  g_assert_cmpstr (alert->oldest_number, ==, "R-1");
  g_assert_cmpint (g_date_get_day (&alert->oldest_due), ==, 31);
  g_assert_cmpint (alert->overdue, ==, 70000 + 50000);
  g_assert_cmpuint (check->n_passed, ==, 1);
}

/* Straight past 90: the 90-day alert alone, and 60 is marked so that it never follows. */
static void
test_highest_only (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  gint64 customer = rcv_test_customer (db, "K1", "Kunde Eins");

  rcv_test_invoice (db, customer, "R-1", "2026-01-01", "2026-01-31", 100000);

  assert_claim (db, "2026-06-01", "K1:90");
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM alerts"), ==, 2);
  assert_claim (db, "2026-06-02", "");
}

/* Paid: the thresholds reset, and a new invoice passing 60 later is told again. A part
 * payment that leaves a younger invoice past 60 resets 90 only. */
static void
test_reset (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  gint64 customer = rcv_test_customer (db, "K1", "Kunde Eins");
  gint64 first = rcv_test_invoice (db, customer, "R-1", "2026-01-01", "2026-01-31", 100000);
  g_autoptr(RcvAlertCheck) preview = NULL;

  rcv_test_invoice (db, customer, "R-2", "2026-02-10", "2026-03-02", 20000);
  assert_claim (db, "2026-05-05", "K1:90");

  /* R-1 paid: R-2 is 64 days late, below 90 and past 60 */
  rcv_test_payment (db, customer, "2026-05-05", 100000, first, FALSE);
  preview = check_as_of (db, "2026-05-05", FALSE);
  g_assert_cmpuint (preview->crossings->len, ==, 0);
  g_assert_cmpuint (preview->n_reset, ==, 1);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM alerts"), ==, 2); /* a preview */
  assert_claim (db, "2026-05-05", "");
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT max(threshold) FROM alerts"), ==, 1);
  assert_claim (db, "2026-05-31", "K1:90");            /* R-2 at 90 */

  /* all paid: both reset; a new invoice crosses anew */
  rcv_test_payment (db, customer, "2026-06-01", 20000, 0, TRUE);
  assert_claim (db, "2026-06-01", "");
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM alerts"), ==, 0);
  rcv_test_invoice (db, customer, "R-3", "2026-06-01", "2026-06-15", 5000);
  assert_claim (db, "2026-08-14", "K1:60");
}

static void
set_thresholds (RcvPolicy *policy)
{
  policy->alert_days_first = 30;
  policy->alert_days_second = 45;
}

/* A policy's own thresholds; customers of the default policy keep 60 and 90. Several
 * accounts come out the highest threshold first, then the largest amount. */
static void
test_policy_thresholds (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvPolicy) policy = NULL;
  g_autoptr(RcvCustomer) strict = NULL;
  g_autoptr(GError) error = NULL;
  gint64 a = rcv_test_customer (db, "A", "Alpha");
  gint64 b = rcv_test_customer (db, "B", "Beta");
  gint64 c = rcv_test_customer (db, "C", "Gamma");

  policy = rcv_policy_load (db, 0, &error);
  g_assert_no_error (error);
  g_clear_pointer (&policy->name, g_free);
  policy->name = g_strdup ("Strict");
  policy->id = 0;
  policy->is_default = FALSE;
  set_thresholds (policy);
  g_assert_true (rcv_policy_save (db, policy, &error));
  g_assert_no_error (error);
  strict = rcv_ledger_get_customer (db, b, &error);
  strict->policy_id = policy->id;
  g_assert_true (rcv_ledger_update_customer (db, strict, &error));
  g_assert_no_error (error);

  rcv_test_invoice (db, a, "R-A", "2026-01-01", "2026-01-31", 1000);
  rcv_test_invoice (db, b, "R-B", "2026-01-01", "2026-01-31", 1000);
  rcv_test_invoice (db, c, "R-C", "2026-01-01", "2026-01-31", 9000);
  assert_claim (db, "2026-03-02", "B:30");             /* 30 days */
  assert_claim (db, "2026-03-17", "B:45");             /* 45 */
  assert_claim (db, "2026-04-01", "C:60 A:60");        /* 60: the larger amount first */
}

/* A past as-of date sees neither later invoices nor later payments. */
static void
test_past_as_of (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  gint64 customer = rcv_test_customer (db, "K1", "Kunde Eins");
  g_autoptr(RcvAlertCheck) check = NULL;

  rcv_test_invoice (db, customer, "R-1", "2026-01-01", "2026-01-31", 100000);
  rcv_test_payment (db, customer, "2026-05-01", 100000, 0, TRUE);
  rcv_test_invoice (db, customer, "R-2", "2026-06-01", "2026-06-02", 100000);

  check = check_as_of (db, "2026-04-15", FALSE);
  g_assert_cmpuint (check->crossings->len, ==, 1);
  g_assert_cmpstr (((RcvAlert *) g_ptr_array_index (check->crossings, 0))->oldest_number, ==,
                   "R-1");
  g_clear_pointer (&check, rcv_alert_check_free);
  check = check_as_of (db, "2026-05-15", FALSE);
  g_assert_cmpuint (check->crossings->len, ==, 0);
}

/* Crossings not told (no notification server) are given back and told by the next check. */
static void
test_release (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  gint64 customer = rcv_test_customer (db, "K1", "Kunde Eins");
  g_autoptr(RcvAlertCheck) check = NULL;
  g_autoptr(GError) error = NULL;

  rcv_test_invoice (db, customer, "R-1", "2026-01-01", "2026-01-31", 100000);
  check = check_as_of (db, "2026-04-01", TRUE);
  g_assert_cmpuint (check->crossings->len, ==, 1);
  g_assert_true (rcv_alerts_release (db, check->crossings, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM alerts"), ==, 0);
  assert_claim (db, "2026-04-01", "K1:60");
}

/* The thresholds told, as "threshold|as_of|" lines. */
static char *
told_rows (const char *path)
{
  GString *out = g_string_new (NULL);

  rcv_test_dump (out, path, "SELECT threshold, as_of FROM alerts ORDER BY customer_id, threshold");
  return g_string_free (out, FALSE);
}

#define assert_told(path, expected) \
  G_STMT_START { \
    g_autofree char *got_ = told_rows (path); \
    g_assert_cmpstr (got_, ==, (expected)); \
  } G_STMT_END

static void
allocate_credit_note (RcvDatabase *db,
                      gint64       credit_note,
                      gint64       invoice,
                      gint64       amount)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rcv_ledger_allocate_credit_note (db, credit_note, invoice, amount, &error));
  g_assert_no_error (error);
}

/* Issue 24.5: told at 60 on 04-01; R-1 paid on 04-06, so the account was below 60 until R-2
 * reached 60 on 04-21; no check ran in between. The check of 04-30 tells it again, from the
 * ledger. A part payment leaves its invoice open: K2 never dropped below. */
static void
test_crossing_between_checks (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  gint64 k1 = rcv_test_customer (db, "K1", "Kunde Eins");
  gint64 k2 = rcv_test_customer (db, "K2", "Kunde Zwei");
  gint64 first = rcv_test_invoice (db, k1, "R-1", "2026-01-01", "2026-01-31", 100000);
  gint64 other = rcv_test_invoice (db, k2, "S-1", "2026-01-01", "2026-01-31", 100000);
  g_autoptr(RcvAlertCheck) preview = NULL;

  rcv_test_invoice (db, k1, "R-2", "2026-01-21", "2026-02-20", 50000);  /* 60 days on 04-21 */
  rcv_test_invoice (db, k2, "S-2", "2026-01-21", "2026-02-20", 50000);
  assert_claim (db, "2026-04-01", "K1:60 K2:60");
  rcv_test_payment (db, k1, "2026-04-06", 100000, first, FALSE);
  rcv_test_payment (db, k2, "2026-04-06", 99999, other, FALSE);

  /* a preview reports the new crossing and writes nothing */
  preview = check_as_of (db, "2026-04-30", FALSE);
  g_assert_cmpuint (preview->crossings->len, ==, 1);
  g_assert_cmpstr (((RcvAlert *) g_ptr_array_index (preview->crossings, 0))->oldest_number, ==,
                   "R-2");
  g_assert_cmpuint (preview->n_renewed, ==, 1);
  g_assert_cmpuint (preview->n_passed, ==, 2);
  assert_told (path, "1|2026-04-01|\n1|2026-04-01|\n");

  assert_claim (db, "2026-04-30", "K1:60");
  assert_told (path, "1|2026-04-30|\n1|2026-04-01|\n");
  assert_claim (db, "2026-05-01", "K2:90");            /* S-1 at 90 */
  assert_claim (db, "2026-05-21", "K1:90");            /* R-2 at 90 */
}

/* A day counts as below when no invoice is N days late on it: paid on the day the next one
 * reaches 60 (K1) is no drop; paid the day before (K2) is. */
static void
test_same_day (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  gint64 k1 = rcv_test_customer (db, "K1", "Kunde Eins");
  gint64 k2 = rcv_test_customer (db, "K2", "Kunde Zwei");
  gint64 r1 = rcv_test_invoice (db, k1, "R-1", "2026-01-01", "2026-01-31", 100000);
  gint64 s1 = rcv_test_invoice (db, k2, "S-1", "2026-01-01", "2026-01-31", 100000);

  rcv_test_invoice (db, k1, "R-2", "2026-01-21", "2026-02-20", 50000);  /* 60 days on 04-21 */
  rcv_test_invoice (db, k2, "S-2", "2026-01-21", "2026-02-20", 50000);
  assert_claim (db, "2026-04-01", "K1:60 K2:60");
  rcv_test_payment (db, k1, "2026-04-21", 100000, r1, FALSE);
  rcv_test_payment (db, k2, "2026-04-20", 100000, s1, FALSE);
  assert_claim (db, "2026-05-01", "K2:60");
  assert_claim (db, "2026-05-01", "");
}

/* Below 90 for a while but never below 60: 90 is told again, and 60 is not. */
static void
test_second_threshold_only (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  gint64 customer = rcv_test_customer (db, "K1", "Kunde Eins");
  gint64 first = rcv_test_invoice (db, customer, "R-1", "2025-12-01", "2025-12-31", 100000);
  g_autoptr(RcvAlertCheck) check = NULL;
  const RcvAlert *alert;

  rcv_test_invoice (db, customer, "R-2", "2026-01-01", "2026-01-20", 50000); /* 90 on 04-20 */
  assert_claim (db, "2026-04-01", "K1:90");            /* R-1 at 91, R-2 at 71 */
  rcv_test_payment (db, customer, "2026-04-06", 100000, first, FALSE);  /* R-2 at 76 */

  check = check_as_of (db, "2026-05-01", TRUE);
  g_assert_cmpuint (check->crossings->len, ==, 1);
  alert = g_ptr_array_index (check->crossings, 0);
  g_assert_cmpuint (alert->threshold, ==, 2);
  g_assert_cmpint (alert->days_late, ==, 101);
  g_assert_cmpstr (alert->oldest_number, ==, "R-2");
  assert_told (path, "1|2026-05-01|\n2|2026-05-01|\n");
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT days FROM alerts WHERE threshold = 1"), ==,
                   60);
  assert_claim (db, "2026-06-01", "");
}

/* A payment recorded after the check, dated before the day told: the days up to the one
 * told were told; only the days after it count. K1 was below after it (R-2 reached 60 on
 * 04-21) and is told again; K2 was below only before it (S-2 reached 60 on 04-02). */
static void
test_back_dated_payment (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  gint64 k1 = rcv_test_customer (db, "K1", "Kunde Eins");
  gint64 k2 = rcv_test_customer (db, "K2", "Kunde Zwei");
  gint64 r1 = rcv_test_invoice (db, k1, "R-1", "2026-01-01", "2026-01-31", 100000);
  gint64 s1 = rcv_test_invoice (db, k2, "S-1", "2026-01-01", "2026-01-31", 100000);

  rcv_test_invoice (db, k1, "R-2", "2026-01-21", "2026-02-20", 50000);  /* 60 days on 04-21 */
  rcv_test_invoice (db, k2, "S-2", "2026-01-21", "2026-02-01", 50000);  /* 60 days on 04-02 */
  assert_claim (db, "2026-04-01", "K1:60 K2:60");
  rcv_test_payment (db, k1, "2026-03-25", 100000, r1, FALSE);
  rcv_test_payment (db, k2, "2026-03-25", 100000, s1, FALSE);
  assert_claim (db, "2026-05-01", "K1:60");
}

/* A credit note allocated to the oldest invoice settles it as a payment would (K1); one left
 * unapplied does not lower the account's oldest open invoice (K2), as on the check's date. */
static void
test_credit_note (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  gint64 k1 = rcv_test_customer (db, "K1", "Kunde Eins");
  gint64 k2 = rcv_test_customer (db, "K2", "Kunde Zwei");
  gint64 r1 = rcv_test_invoice (db, k1, "R-1", "2026-01-01", "2026-01-31", 100000);
  gint64 g1;

  rcv_test_invoice (db, k2, "S-1", "2026-01-01", "2026-01-31", 100000);
  rcv_test_invoice (db, k1, "R-2", "2026-01-21", "2026-02-20", 50000);  /* 60 days on 04-21 */
  rcv_test_invoice (db, k2, "S-2", "2026-01-21", "2026-02-20", 50000);
  assert_claim (db, "2026-04-01", "K1:60 K2:60");
  g1 = rcv_test_invoice (db, k1, "G-1", "2026-04-06", NULL, -100000);
  rcv_test_invoice (db, k2, "G-2", "2026-04-06", NULL, -100000);
  allocate_credit_note (db, g1, r1, 100000);
  assert_claim (db, "2026-04-30", "K1:60");
}

/* Monthly checks, each after a crossing in between: each is told, once. */
static void
test_month_apart (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  gint64 customer = rcv_test_customer (db, "K1", "Kunde Eins");
  gint64 r1 = rcv_test_invoice (db, customer, "R-1", "2026-01-01", "2026-01-31", 100000);
  gint64 r2 = rcv_test_invoice (db, customer, "R-2", "2026-01-21", "2026-02-20", 50000);

  rcv_test_invoice (db, customer, "R-3", "2026-02-25", "2026-03-25", 20000); /* 60 on 05-24 */
  assert_claim (db, "2026-04-01", "K1:60");
  rcv_test_payment (db, customer, "2026-04-06", 100000, r1, FALSE);
  assert_claim (db, "2026-05-01", "K1:60");            /* R-2 from 04-21 */
  rcv_test_payment (db, customer, "2026-05-10", 50000, r2, FALSE);
  assert_claim (db, "2026-06-01", "K1:60");            /* R-3 from 05-24 */
  assert_claim (db, "2026-06-15", "");
  assert_told (path, "1|2026-06-01|\n");
}

/* Told on 04-01; R-1, past 60 since then, paid on 04-03, the day R-2 reaches 60: the account
 * was never below, and the check a month later tells nothing anew. The invoice settled on the
 * second day after the one told is what covers the first: read with those settled since. */
static void
test_paid_the_day_after (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  gint64 customer = rcv_test_customer (db, "K1", "Kunde Eins");
  gint64 r1 = rcv_test_invoice (db, customer, "R-1", "2026-01-01", "2026-01-31", 100000);

  rcv_test_invoice (db, customer, "R-2", "2026-01-03", "2026-02-02", 50000); /* 60 on 04-03 */
  assert_claim (db, "2026-04-01", "K1:60");
  rcv_test_payment (db, customer, "2026-04-03", 100000, r1, FALSE);
  assert_claim (db, "2026-05-01", "");
  assert_told (path, "1|2026-04-01|\n");
}

/* Above 60 throughout (R-2 past 60 before R-1 was paid): never told twice, not even after a
 * check as of an earlier date, when the account was below: a check as of a day before the
 * one told neither resets nor tells that threshold. */
static void
test_above_throughout (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  gint64 customer = rcv_test_customer (db, "K1", "Kunde Eins");
  gint64 first = rcv_test_invoice (db, customer, "R-1", "2026-01-01", "2026-01-31", 100000);
  g_autoptr(RcvAlertCheck) check = NULL;

  rcv_test_invoice (db, customer, "R-2", "2026-01-21", "2026-02-01", 50000); /* 60 on 04-02 */
  assert_claim (db, "2026-04-01", "K1:60");
  rcv_test_payment (db, customer, "2026-04-10", 100000, first, FALSE);
  check = check_as_of (db, "2026-03-15", TRUE);        /* R-1 at 43 days */
  g_assert_cmpuint (check->crossings->len, ==, 0);
  g_assert_cmpuint (check->n_reset, ==, 0);
  assert_claim (db, "2026-04-15", "");
  assert_claim (db, "2026-04-30", "");
  assert_told (path, "1|2026-04-01|\n");
}

typedef struct
{
  const char *path;
  const char *as_of;
  guint told;
} Racer;

static gpointer
race (gpointer pointer)
{
  Racer *racer = pointer;
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvDatabase) db = rcv_database_open (racer->path, RCV_DATABASE_FLAGS_NONE, &error);
  g_autoptr(RcvAlertCheck) check = NULL;

  g_assert_no_error (error);
  check = rcv_alerts_check (db, rcv_test_date (racer->as_of), TRUE, NULL, &error);
  g_assert_no_error (error);
  racer->told = check->crossings->len;
  return NULL;
}

/* Four checks claiming as of one date at the same moment: how many crossings they told. */
static guint
race_as_of (const char *path,
            const char *as_of)
{
  Racer racers[4] = { 0 };
  GThread *threads[G_N_ELEMENTS (racers)];
  guint told = 0;

  for (guint i = 0; i < G_N_ELEMENTS (racers); i++)
    {
      racers[i].path = path;
      racers[i].as_of = as_of;
      threads[i] = g_thread_new ("racer", race, &racers[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (racers); i++)
    {
      g_thread_join (threads[i]);
      told += racers[i].told;
    }
  return told;
}

/* The window and the timer checking at the same moment: each crossing is claimed once, and
 * so is each crossing anew after a drop (the drops are found before the write lock). */
static void
test_race (void)
{
  g_autofree char *path = NULL;
  RcvDatabase *db = rcv_test_open_new (&path);
  gint64 customers[40], firsts[40];

  for (guint i = 0; i < G_N_ELEMENTS (customers); i++)
    {
      g_autofree char *code = g_strdup_printf ("K%u", i);
      g_autofree char *number = g_strdup_printf ("R-%u", i);
      g_autofree char *next = g_strdup_printf ("S-%u", i);

      customers[i] = rcv_test_customer (db, code, code);
      firsts[i] = rcv_test_invoice (db, customers[i], number, "2026-01-01", "2026-01-31",
                                    1000 + i);
      rcv_test_invoice (db, customers[i], next, "2026-02-01", "2026-02-10", 500);
    }

  g_assert_cmpuint (race_as_of (path, "2026-05-01"), ==, 40);     /* R-i at 90 */
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM alerts"), ==, 80);

  /* R-i paid on 05-02: S-i, 81 days late, is below 90 until 05-11 */
  for (guint i = 0; i < G_N_ELEMENTS (customers); i++)
    rcv_test_payment (db, customers[i], "2026-05-02", 1000 + i, firsts[i], FALSE);
  g_object_unref (db);
  g_assert_cmpuint (race_as_of (path, "2026-05-20"), ==, 40);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM alerts"
                                           " WHERE as_of = '2026-05-20'"), ==, 80);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alerts/thresholds", test_thresholds);
  g_test_add_func ("/alerts/crossing-details", test_crossing_details);
  g_test_add_func ("/alerts/highest-only", test_highest_only);
  g_test_add_func ("/alerts/reset", test_reset);
  g_test_add_func ("/alerts/policy-thresholds", test_policy_thresholds);
  g_test_add_func ("/alerts/past-as-of", test_past_as_of);
  g_test_add_func ("/alerts/release", test_release);
  g_test_add_func ("/alerts/crossing-between-checks", test_crossing_between_checks);
  g_test_add_func ("/alerts/same-day", test_same_day);
  g_test_add_func ("/alerts/second-threshold-only", test_second_threshold_only);
  g_test_add_func ("/alerts/back-dated-payment", test_back_dated_payment);
  g_test_add_func ("/alerts/credit-note", test_credit_note);
  g_test_add_func ("/alerts/month-apart", test_month_apart);
  g_test_add_func ("/alerts/paid-the-day-after", test_paid_the_day_after);
  g_test_add_func ("/alerts/above-throughout", test_above_throughout);
  g_test_add_func ("/alerts/race", test_race);

  return g_test_run ();
}
