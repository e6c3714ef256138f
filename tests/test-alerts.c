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

typedef struct
{
  const char *path;
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
  check = rcv_alerts_check (db, rcv_test_date ("2026-05-01"), TRUE, NULL, &error);
  g_assert_no_error (error);
  racer->told = check->crossings->len;
  return NULL;
}

/* The window and the timer checking at the same moment: each crossing is claimed once. */
static void
test_race (void)
{
  g_autofree char *path = NULL;
  RcvDatabase *db = rcv_test_open_new (&path);
  Racer racers[4] = { 0 };
  GThread *threads[G_N_ELEMENTS (racers)];
  guint told = 0;

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *code = g_strdup_printf ("K%u", i);
      g_autofree char *number = g_strdup_printf ("R-%u", i);
      gint64 customer = rcv_test_customer (db, code, code);

      rcv_test_invoice (db, customer, number, "2026-01-01", "2026-01-31", 1000 + i);
    }
  g_object_unref (db);

  for (guint i = 0; i < G_N_ELEMENTS (racers); i++)
    {
      racers[i].path = path;
      threads[i] = g_thread_new ("racer", race, &racers[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (racers); i++)
    {
      g_thread_join (threads[i]);
      told += racers[i].told;
    }
  g_assert_cmpuint (told, ==, 40);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM alerts"), ==, 80);
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
  g_test_add_func ("/alerts/race", test_race);

  return g_test_run ();
}
