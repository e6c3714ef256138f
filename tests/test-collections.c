/* test-collections.c - disputes, hand-over, promises, plans, the recommendation at its
 * boundaries, expected recovery, payer behaviour, and `receivables-cli collections`
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "rcv-agency.h"
#include "rcv-aging.h"
#include "rcv-alerts.h"
#include "rcv-collections-report.h"
#include "rcv-collections.h"
#include "rcv-database-private.h"
#include "rcv-dunning.h"
#include "rcv-error.h"
#include "rcv-demo.h"
#include "rcv-test-utils.h"

/* The default policy: reminders at 7, 21 and 45 days, alerts at 60 and 90, hand-over at 90. */

static GPtrArray *
report_as_of (RcvDatabase *db,
              const char  *as_of)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *report = rcv_collections_report (db, rcv_test_date (as_of), &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static const RcvCollectionsAccount *
account_of (GPtrArray *report,
            gint64     customer_id)
{
  for (guint i = 0; i < report->len; i++)
    {
      const RcvCollectionsAccount *account = g_ptr_array_index (report, i);

      if (account->customer_id == customer_id)
        return account;
    }
  return NULL;
}

static guint
letters_for (RcvDatabase *db,
             const char  *as_of,
             gint64       customer_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvDunningRun) run = rcv_dunning_run_new (db, rcv_test_date (as_of), customer_id,
                                                      NULL, &error);

  g_assert_no_error (error);
  return run->letters->len;
}

static guint
crossings_as_of (RcvDatabase *db,
                 const char  *as_of)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvAlertCheck) check = rcv_alerts_check (db, rcv_test_date (as_of), FALSE, NULL,
                                                     &error);

  g_assert_no_error (error);
  return check->crossings->len;
}

static RcvRecommendation
recommendation_at (RcvDatabase *db,
                   const char  *as_of,
                   gint64       customer_id)
{
  g_autoptr(GPtrArray) report = report_as_of (db, as_of);
  const RcvCollectionsAccount *account = account_of (report, customer_id);

  g_assert_nonnull (account);
  g_test_message ("%s: %s — %s", as_of,
                  rcv_enum_to_nick (RCV_TYPE_RECOMMENDATION, account->recommendation),
                  account->reasoning);
  return account->recommendation;
}

/* A disputed invoice leaves dunning and alerts until the dispute is resolved; it stays in
 * aging and in the account's open amount. */
static void
test_dispute (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) report = NULL;
  gint64 customer = rcv_test_customer (db, "K1", "Kundin");
  gint64 invoice = rcv_test_invoice (db, customer, "R-1", "2026-01-01", "2026-01-31", 10000);
  const RcvCollectionsAccount *account;

  /* 95 days late: a letter, and a crossing of 90 */
  g_assert_cmpuint (letters_for (db, "2026-05-06", customer), ==, 1);
  g_assert_cmpuint (crossings_as_of (db, "2026-05-06"), ==, 1);

  g_assert_cmpint (rcv_collections_open_dispute (db, invoice, RCV_DISPUTE_QUALITY,
                                                 "Goods damaged", rcv_test_date ("2026-03-01"),
                                                 &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (letters_for (db, "2026-05-06", customer), ==, 0);
  g_assert_cmpuint (crossings_as_of (db, "2026-05-06"), ==, 0);
  /* before the dispute was opened, it still counted */
  g_assert_cmpuint (letters_for (db, "2026-02-28", customer), ==, 1);
  /* in aging still */
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM disputes"), ==, 1);

  report = report_as_of (db, "2026-05-06");
  account = account_of (report, customer);
  g_assert_nonnull (account);
  g_assert_cmpint (account->open, ==, 10000);
  g_assert_cmpint (account->disputed, ==, 10000);
  g_assert_cmpuint (account->n_disputes, ==, 1);
  g_assert_cmpint (account->oldest_days, ==, 0);
  g_assert_cmpint (account->recommendation, ==, RCV_RECOMMEND_CHASE);
  g_assert_cmpint (account->recovery_chase, ==, 0);

  /* a second dispute on the same invoice is refused, and nothing is written */
  g_assert_cmpint (rcv_collections_open_dispute (db, invoice, RCV_DISPUTE_OTHER, NULL,
                                                 rcv_test_date ("2026-03-02"), &error), ==, 0);
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM disputes"), ==, 1);
  /* resolved before it was opened: refused */
  g_assert_false (rcv_collections_resolve_dispute (db, invoice, rcv_test_date ("2026-02-01"),
                                                   &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE);
  g_clear_error (&error);

  g_assert_true (rcv_collections_resolve_dispute (db, invoice, rcv_test_date ("2026-05-10"),
                                                  &error));
  g_assert_no_error (error);
  /* still out on the day before it was resolved, back in from that day */
  g_assert_cmpuint (letters_for (db, "2026-05-09", customer), ==, 0);
  g_assert_cmpuint (letters_for (db, "2026-05-10", customer), ==, 1);
  g_assert_cmpuint (crossings_as_of (db, "2026-05-10"), ==, 1);
  /* audited */
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM audit WHERE action IN"
                                           " ('dispute', 'resolve-dispute')"), ==, 2);

  /* an unknown invoice */
  g_assert_cmpint (rcv_collections_open_dispute (db, 999, RCV_DISPUTE_OTHER, NULL,
                                                 rcv_test_date ("2026-03-02"), &error), ==, 0);
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_NOT_FOUND);
  g_unlink (path);
}

/* A handed-over account leaves dunning, alerts and the report from the hand-over date. */
static void
test_hand_over (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(GError) error = NULL;
  gint64 customer = rcv_test_customer (db, "K1", "Kundin");

  rcv_test_invoice (db, customer, "R-1", "2026-01-01", "2026-01-31", 10000);
  g_assert_false (rcv_collections_hand_over (db, customer, "  ", rcv_test_date ("2026-05-01"),
                                             3000, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rcv_collections_hand_over (db, customer, "Inkasso AG",
                                             rcv_test_date ("2026-05-01"), 10000, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM collection_accounts"), ==, 0);

  g_assert_true (rcv_collections_hand_over (db, customer, " Inkasso AG ",
                                            rcv_test_date ("2026-05-01"), 3000, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (letters_for (db, "2026-04-30", customer), ==, 1);
  g_assert_cmpuint (letters_for (db, "2026-05-01", customer), ==, 0);
  g_assert_cmpuint (crossings_as_of (db, "2026-05-06"), ==, 0);
  {
    g_autoptr(GPtrArray) report = report_as_of (db, "2026-05-06");

    g_assert_null (account_of (report, customer));
  }
  /* a second hand-over is refused */
  g_assert_false (rcv_collections_hand_over (db, customer, "Other", rcv_test_date ("2026-06-01"),
                                             2000, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_DUPLICATE);
  g_unlink (path);
}

/* The recommendation at its boundaries: chase before the last reminder's 45 days,
 * final-notice from 45 to 89, agency from 90 (the hand-over threshold). */
static void
test_recommendation_boundaries (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  gint64 customer = rcv_test_customer (db, "K1", "Kundin");

  rcv_test_invoice (db, customer, "R-1", "2026-01-01", "2026-01-31", 10000);
  /* due 2026-01-31: 44 days late on 2026-03-16 */
  g_assert_cmpint (recommendation_at (db, "2026-03-16", customer), ==, RCV_RECOMMEND_CHASE);
  g_assert_cmpint (recommendation_at (db, "2026-03-17", customer), ==,
                   RCV_RECOMMEND_FINAL_NOTICE);
  /* 89 and 90 days */
  g_assert_cmpint (recommendation_at (db, "2026-04-30", customer), ==,
                   RCV_RECOMMEND_FINAL_NOTICE);
  g_assert_cmpint (recommendation_at (db, "2026-05-01", customer), ==, RCV_RECOMMEND_AGENCY);
  /* not yet overdue: not listed at all */
  {
    g_autoptr(GPtrArray) report = report_as_of (db, "2026-01-31");

    g_assert_null (account_of (report, customer));
  }
  g_unlink (path);
}

/* Promises: broken when their date has passed unpaid; twice broken is agency, once is not. */
static void
test_promises (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(GError) error = NULL;
  gint64 customer = rcv_test_customer (db, "K1", "Kundin");
  g_autoptr(GPtrArray) report = NULL;

  rcv_test_invoice (db, customer, "R-1", "2026-03-01", "2026-03-10", 50000);
  /* 5 000.00 promised by 03-20, 100.00 paid on 03-20 */
  g_assert_cmpint (rcv_collections_add_promise (db, customer, rcv_test_date ("2026-03-12"),
                                                rcv_test_date ("2026-03-20"), 500000, &error),
                   >, 0);
  g_assert_no_error (error);
  rcv_test_payment (db, customer, "2026-03-20", 10000, 0, TRUE);
  /* on its date it is not broken yet; the day after, it is */
  report = report_as_of (db, "2026-03-20");
  g_assert_cmpuint (account_of (report, customer)->broken_promises, ==, 0);
  g_clear_pointer (&report, g_ptr_array_unref);
  report = report_as_of (db, "2026-03-21");
  g_assert_cmpuint (account_of (report, customer)->broken_promises, ==, 1);
  g_assert_cmpint (account_of (report, customer)->recommendation, ==, RCV_RECOMMEND_CHASE);
  g_clear_pointer (&report, g_ptr_array_unref);

  /* a promise kept: 200.00 by 03-25, paid 03-24 */
  g_assert_cmpint (rcv_collections_add_promise (db, customer, rcv_test_date ("2026-03-21"),
                                                rcv_test_date ("2026-03-25"), 20000, &error),
                   >, 0);
  rcv_test_payment (db, customer, "2026-03-24", 20000, 0, TRUE);
  report = report_as_of (db, "2026-03-26");
  g_assert_cmpuint (account_of (report, customer)->broken_promises, ==, 1);
  g_clear_pointer (&report, g_ptr_array_unref);

  /* a second broken promise: agency, though only 20 days late */
  g_assert_cmpint (rcv_collections_add_promise (db, customer, rcv_test_date ("2026-03-26"),
                                                rcv_test_date ("2026-03-28"), 20000, &error),
                   >, 0);
  g_assert_cmpint (recommendation_at (db, "2026-03-29", customer), ==, RCV_RECOMMEND_AGENCY);

  /* bad promises are refused whole */
  g_assert_cmpint (rcv_collections_add_promise (db, customer, rcv_test_date ("2026-03-26"),
                                                rcv_test_date ("2026-03-25"), 100, &error), ==, 0);
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_cmpint (rcv_collections_add_promise (db, customer, rcv_test_date ("2026-03-26"),
                                                rcv_test_date ("2026-03-27"), 0, &error), ==, 0);
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM promises"), ==, 3);
  g_unlink (path);
}

/* A payment plan's instalments: missed when the running total is not paid by each date. */
static void
test_plan (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) instalments = g_array_new (FALSE, FALSE, sizeof (RcvInstalment));
  gint64 customer = rcv_test_customer (db, "K1", "Kundin");
  const char *dates[] = { "2026-04-01", "2026-05-01", "2026-06-01" };

  rcv_test_invoice (db, customer, "R-1", "2026-01-01", "2026-01-31", 30000);
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      RcvInstalment instalment = { *rcv_test_date (dates[i]), 10000 };

      g_array_append_val (instalments, instalment);
    }
  g_assert_cmpint (rcv_collections_add_plan (db, customer, rcv_test_date ("2026-03-01"),
                                             instalments, &error), >, 0);
  g_assert_no_error (error);
  /* the first instalment paid on time, the second late */
  rcv_test_payment (db, customer, "2026-04-01", 10000, 0, TRUE);
  rcv_test_payment (db, customer, "2026-05-05", 10000, 0, TRUE);
  {
    g_autoptr(GPtrArray) report = report_as_of (db, "2026-05-02");

    g_assert_cmpuint (account_of (report, customer)->missed_instalments, ==, 1);
  }
  {
    /* the third not paid either: missed twice, agency */
    g_autoptr(GPtrArray) report = report_as_of (db, "2026-06-02");

    g_assert_cmpuint (account_of (report, customer)->missed_instalments, ==, 2);
    g_assert_cmpint (account_of (report, customer)->recommendation, ==, RCV_RECOMMEND_AGENCY);
  }
  /* instalments out of order are refused */
  g_array_index (instalments, RcvInstalment, 2).due_date = *rcv_test_date ("2026-04-15");
  g_assert_cmpint (rcv_collections_add_plan (db, customer, rcv_test_date ("2026-03-01"),
                                             instalments, &error), ==, 0);
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM payment_plans"), ==, 1);
  g_unlink (path);
}

/* The curve: 100 % at 0 days, linear between points, flat after the last. */
static void
test_curve (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  RcvCollectability curve;
  const char *bad[] = { "", "90", "90:73,80:50", "90:73,180:80", "x:1", "90:101", "0:50" };

  g_assert_true (rcv_collectability_parse (RCV_COLLECTIONS_DEFAULT_CURVE, &curve, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rcv_collectability_at (&curve, 0), ==, 10000);
  g_assert_cmpuint (rcv_collectability_at (&curve, -5), ==, 10000);
  g_assert_cmpuint (rcv_collectability_at (&curve, 45), ==, 8650);
  g_assert_cmpuint (rcv_collectability_at (&curve, 90), ==, 7300);
  g_assert_cmpuint (rcv_collectability_at (&curve, 135), ==, 6150);
  g_assert_cmpuint (rcv_collectability_at (&curve, 365), ==, 2500);
  g_assert_cmpuint (rcv_collectability_at (&curve, 730), ==, 1000);
  g_assert_cmpuint (rcv_collectability_at (&curve, 5000), ==, 1000);
  text = rcv_collectability_format (&curve);
  g_assert_cmpstr (text, ==, RCV_COLLECTIONS_DEFAULT_CURVE);

  g_assert_true (rcv_collectability_parse ("30:95.5, 60:80", &curve, &error));
  g_assert_cmpuint (curve.bp[0], ==, 9550);
  g_clear_pointer (&text, g_free);
  text = rcv_collectability_format (&curve);
  g_assert_cmpstr (text, ==, "30:95.5,60:80");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (rcv_collectability_parse (bad[i], &curve, &error));
      g_assert_nonnull (error);
      g_clear_error (&error);
    }
}

/* Expected recovery of 1 000.00, 90 days late, commission 25 %: chasing another 90 days
 * reaches 50 % (500.00); an agency now gets 73 % less 25 % (547.50). */
static void
test_recovery (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(GPtrArray) report = NULL;
  g_autoptr(GError) error = NULL;
  gint64 customer = rcv_test_customer (db, "K1", "Kundin");
  const RcvCollectionsAccount *account;

  rcv_test_invoice (db, customer, "R-1", "2026-01-01", "2026-01-31", 100000);
  report = report_as_of (db, "2026-05-01");
  account = account_of (report, customer);
  g_assert_cmpint (account->oldest_days, ==, 90);
  g_assert_cmpint (account->commission_bp, ==, 2500);
  g_assert_cmpint (account->recovery_chase, ==, 50000);
  g_assert_cmpint (account->recovery_agency, ==, 54750);
  g_clear_pointer (&report, g_ptr_array_unref);

  /* an edited curve is used */
  g_assert_true (rcv_collections_set_curve (db, "90:80", &error));
  g_assert_no_error (error);
  report = report_as_of (db, "2026-05-01");
  account = account_of (report, customer);
  g_assert_cmpint (account->recovery_chase, ==, 80000);
  g_assert_cmpint (account->recovery_agency, ==, 60000);
  g_assert_false (rcv_collections_set_curve (db, "90:80,60:70", &error));
  g_assert_nonnull (error);
  g_unlink (path);
}

/* Payer behaviour over the 12 months before the date: invoices settled then. */
static void
test_payer_behaviour (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(GPtrArray) report = NULL;
  g_autofree char *average = NULL;
  gint64 customer = rcv_test_customer (db, "K1", "Kundin");
  gint64 a = rcv_test_invoice (db, customer, "R-1", "2026-01-01", "2026-01-31", 1000);
  gint64 b = rcv_test_invoice (db, customer, "R-2", "2026-02-01", "2026-02-28", 1000);
  gint64 c = rcv_test_invoice (db, customer, "R-3", "2026-03-01", "2026-03-31", 1000);
  const RcvCollectionsAccount *account;

  rcv_test_invoice (db, customer, "R-4", "2026-04-01", "2026-04-30", 1000);   /* open */
  rcv_test_payment (db, customer, "2026-01-30", 1000, a, FALSE);   /* early: 0 days */
  rcv_test_payment (db, customer, "2026-03-10", 1000, b, FALSE);   /* 10 days late */
  rcv_test_payment (db, customer, "2026-06-05", 1000, c, FALSE);   /* 66 days late */
  report = report_as_of (db, "2026-06-30");
  account = account_of (report, customer);
  g_assert_nonnull (account);
  g_assert_cmpuint (account->payer.paid, ==, 3);
  g_assert_cmpuint (account->payer.paid_late, ==, 2);
  g_assert_cmpuint (account->payer.paid_past_60, ==, 1);
  g_assert_cmpint (account->payer.days_late_total, ==, 76);
  average = rcv_collections_average_late (&account->payer);
  g_assert_cmpstr (average, ==, "25.3");
  g_unlink (path);
}

/* `receivables-cli collections --format csv`: the columns the issue names, one row each. */
static void
test_cli (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;
  g_autofree char *bad = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 first = rcv_test_customer (db, "K1", "Erste, GmbH");
  gint64 second = rcv_test_customer (db, "K2", "Zweite");
  const char *cli = g_getenv ("RCV_CLI");

  rcv_test_invoice (db, first, "R-1", "2026-01-01", "2026-01-31", 100000);
  rcv_test_invoice (db, second, "R-2", "2026-04-01", "2026-04-20", 2500);
  g_clear_object (&db);
  {
    const char *argv[] = { cli, "--database", path, "collections", "--as-of", "2026-05-01",
                           "--format", "csv", NULL };

    csv = rcv_test_run (argv);
  }
  lines = g_strsplit (csv, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "customer_id,customer,oldest_days,open,"
                                             "recommendation,"));
  g_assert_true (g_str_has_prefix (lines[1], "K1,\"Erste, GmbH\",90,1000.00,agency,"));
  g_assert_true (g_str_has_prefix (lines[2], "K2,Zweite,11,25.00,chase,"));
  g_assert_cmpstr (lines[3], ==, "");
  {
    const char *argv[] = { cli, "--database", path, "collections", "--as-of", "2026-05-01",
                           "--format", "json", NULL };

    json = rcv_test_run (argv);
  }
  g_assert_nonnull (strstr (json, "\"recommendation\": \"agency\""));
  g_assert_nonnull (strstr (json, "\"recovery_agency\": 547.50"));
  {
    const char *argv[] = { "/bin/sh", "-c", NULL, NULL };
    g_autofree char *command = g_strdup_printf ("'%s' --database '%s' collections --format xml"
                                                " 2>&1; echo \"exit $?\"", cli, path);

    argv[2] = command;
    bad = rcv_test_run (argv);
  }
  g_assert_nonnull (strstr (bad, "--format: use text, csv or json"));
  g_assert_nonnull (strstr (bad, "exit 2"));
  g_unlink (path);
}

static GArray *
instalments_of (const char *const *dates,
                guint              n,
                gint64             amount)
{
  GArray *instalments = g_array_new (FALSE, FALSE, sizeof (RcvInstalment));

  for (guint i = 0; i < n; i++)
    {
      RcvInstalment instalment = { *rcv_test_date (dates[i]), amount };

      g_array_append_val (instalments, instalment);
    }
  return instalments;
}

static RcvAlertCheck *
claim_as_of (RcvDatabase *db,
             const char  *as_of)
{
  g_autoptr(GError) error = NULL;
  RcvAlertCheck *check = rcv_alerts_check (db, rcv_test_date (as_of), TRUE, NULL, &error);

  g_assert_no_error (error);
  return check;
}

/* While a plan is kept, its instalments drive dunning and alerts: the invoices it covers are
 * not late while no instalment is missed, and late from the first missed one after; a missed
 * instalment is told once. An invoice issued after the plan's start keeps its own due date,
 * and ending the plan brings the due dates back. */
static void
test_plan_drives_dunning (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(GError) error = NULL;
  const char *dates[] = { "2026-04-01", "2026-05-01", "2026-06-01" };
  g_autoptr(GArray) instalments = instalments_of (dates, G_N_ELEMENTS (dates), 10000);
  gint64 customer = rcv_test_customer (db, "K1", "Kundin");
  gint64 plan;

  rcv_test_invoice (db, customer, "R-1", "2026-01-01", "2026-01-31", 30000);
  /* 59 days late on 03-31: a letter at level 3, no alert yet */
  g_assert_cmpuint (letters_for (db, "2026-03-31", customer), ==, 1);
  plan = rcv_collections_add_plan (db, customer, rcv_test_date ("2026-03-01"), instalments,
                                   &error);
  g_assert_no_error (error);
  g_assert_cmpint (plan, >, 0);

  /* kept: no letter, no alert, not in the report (though the invoice is 90 days old) */
  g_assert_cmpuint (letters_for (db, "2026-03-31", customer), ==, 0);
  rcv_test_payment (db, customer, "2026-04-01", 10000, 0, TRUE);
  g_assert_cmpuint (crossings_as_of (db, "2026-05-01"), ==, 0);
  g_assert_cmpuint (letters_for (db, "2026-05-01", customer), ==, 0);
  {
    g_autoptr(GPtrArray) report = report_as_of (db, "2026-05-01");

    g_assert_null (account_of (report, customer));
  }

  /* the second instalment missed: 7 days after it, the first reminder level */
  g_assert_cmpuint (letters_for (db, "2026-05-07", customer), ==, 0);
  {
    g_autoptr(RcvDunningRun) run = rcv_dunning_run_new (db, rcv_test_date ("2026-05-08"),
                                                        customer, NULL, &error);
    const RcvDunningLetter *letter;

    g_assert_no_error (error);
    g_assert_cmpuint (run->letters->len, ==, 1);
    letter = g_ptr_array_index (run->letters, 0);
    g_assert_cmpuint (letter->level, ==, 1);
    g_assert_cmpint (g_array_index (letter->items, RcvDunningItem, 0).days_late, ==, 7);
  }
  {
    g_autoptr(RcvAlertCheck) first = claim_as_of (db, "2026-05-02");
    g_autoptr(RcvAlertCheck) again = claim_as_of (db, "2026-05-03");
    const RcvAlert *alert;

    g_assert_cmpuint (first->crossings->len, ==, 1);
    alert = g_ptr_array_index (first->crossings, 0);
    g_assert_cmpint (alert->kind, ==, RCV_ALERT_INSTALMENT);
    g_assert_cmpuint (alert->seq, ==, 2);
    g_assert_cmpint (alert->overdue, ==, 10000);
    g_assert_cmpint (alert->days_late, ==, 1);
    /* told once */
    g_assert_cmpuint (again->crossings->len, ==, 0);
    g_assert_true (rcv_alerts_release (db, first->crossings, 0, &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(RcvAlertCheck) released = claim_as_of (db, "2026-05-03");

    g_assert_cmpuint (released->crossings->len, ==, 1);
  }
  {
    g_autoptr(GPtrArray) report = report_as_of (db, "2026-05-08");

    g_assert_cmpint (account_of (report, customer)->oldest_days, ==, 7);
  }

  /* a new invoice after the plan's start keeps its own due date */
  rcv_test_invoice (db, customer, "R-2", "2026-03-15", "2026-04-14", 5000);
  {
    g_autoptr(RcvDunningRun) run = rcv_dunning_run_new (db, rcv_test_date ("2026-04-30"),
                                                        customer, NULL, &error);

    g_assert_cmpuint (run->letters->len, ==, 1);
    g_assert_cmpuint (((RcvDunningLetter *) g_ptr_array_index (run->letters, 0))->items->len,
                      ==, 1);
  }

  /* one plan at a time */
  g_assert_cmpint (rcv_collections_add_plan (db, customer, rcv_test_date ("2026-03-20"),
                                             instalments, &error), ==, 0);
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_DUPLICATE);
  g_clear_error (&error);
  /* ended: the due dates count again from the end on */
  g_assert_false (rcv_collections_end_plan (db, plan, rcv_test_date ("2026-02-01"), &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_true (rcv_collections_end_plan (db, plan, rcv_test_date ("2026-04-10"), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (letters_for (db, "2026-04-05", customer), ==, 0);
  g_assert_cmpuint (letters_for (db, "2026-04-10", customer), ==, 1);
  g_assert_false (rcv_collections_end_plan (db, plan, rcv_test_date ("2026-04-11"), &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_NOT_FOUND);
  g_unlink (path);
}

/* From the hand-over on, each payment carries the agency's commission, rounded half away from
 * zero; the debt still goes down by the whole payment. */
static void
test_commission (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(GError) error = NULL;
  gint64 customer = rcv_test_customer (db, "K1", "Kundin");
  gint64 other = rcv_test_customer (db, "K2", "Andere");
  gint64 before, after;

  rcv_test_invoice (db, customer, "R-1", "2026-01-01", "2026-01-31", 100000);
  rcv_test_invoice (db, other, "R-2", "2026-01-01", "2026-01-31", 100000);
  before = rcv_test_payment (db, customer, "2026-04-30", 10000, 0, TRUE);
  after = rcv_test_payment (db, customer, "2026-05-10", 10005, 0, TRUE);
  rcv_test_payment (db, other, "2026-05-10", 10005, 0, TRUE);

  /* handed over on 05-01 at 30 %: the payment of 05-10 already recorded is charged */
  g_assert_true (rcv_collections_hand_over (db, customer, "Inkasso AG",
                                            rcv_test_date ("2026-05-01"), 3000, &error));
  g_assert_no_error (error);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT commission FROM payments WHERE id = %"
                                            G_GINT64_FORMAT, before);

    g_assert_cmpint (rcv_test_sql_int (path, sql), ==, 0);
  }
  {
    /* 100.05 × 30 % = 30.015: 30.02 */
    g_autofree char *sql = g_strdup_printf ("SELECT commission FROM payments WHERE id = %"
                                            G_GINT64_FORMAT, after);

    g_assert_cmpint (rcv_test_sql_int (path, sql), ==, 3002);
  }
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT commission FROM payments WHERE customer_id ="
                                           " (SELECT id FROM customers WHERE code = 'K2')"), ==, 0);
  /* a payment recorded later: charged as it is recorded; 0.01 × 30 % rounds to 0.00 */
  rcv_test_payment (db, customer, "2026-06-01", 5000, 0, TRUE);
  rcv_test_payment (db, customer, "2026-06-02", 1, 0, TRUE);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT commission FROM payments"
                                           " WHERE date = '2026-06-01'"), ==, 1500);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT commission FROM payments"
                                           " WHERE date = '2026-06-02'"), ==, 0);
  /* the whole payments settle the invoice */
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT allocated FROM invoices WHERE number = 'R-1'"),
                   ==, 10000 + 10005 + 5000 + 1);
  g_unlink (path);
}

/* The recovery's assumptions are the company's: another horizon and commission change the
 * figures; values out of range are refused. */
static void
test_assumptions (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(GError) error = NULL;
  RcvRecoveryAssumptions assumptions;
  gint64 customer = rcv_test_customer (db, "K1", "Kundin");

  rcv_test_invoice (db, customer, "R-1", "2026-01-01", "2026-01-31", 100000);
  rcv_collections_get_assumptions (db, &assumptions);
  g_assert_cmpint (assumptions.chase_days, ==, 90);
  g_assert_cmpint (assumptions.commission_bp, ==, 2500);

  assumptions.chase_days = 180;
  assumptions.commission_bp = 2000;
  g_assert_true (rcv_collections_set_assumptions (db, &assumptions, &error));
  g_assert_no_error (error);
  {
    /* 90 days: agency 73 % less 20 % = 584.00; chasing to 270 days, between 180:50 and
     * 365:25, 50 − 25 × 90 / 185 = 37.84 % = 378.40 */
    g_autoptr(GPtrArray) report = report_as_of (db, "2026-05-01");
    const RcvCollectionsAccount *account = account_of (report, customer);

    g_assert_cmpint (account->chase_days, ==, 180);
    g_assert_cmpint (account->recovery_agency, ==, 58400);
    g_assert_cmpint (account->recovery_chase, ==, 37840);
  }
  assumptions.chase_days = 0;
  g_assert_false (rcv_collections_set_assumptions (db, &assumptions, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE);
  g_clear_error (&error);
  assumptions.chase_days = 90;
  assumptions.commission_bp = 10000;
  g_assert_false (rcv_collections_set_assumptions (db, &assumptions, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE);
  rcv_collections_get_assumptions (db, &assumptions);
  g_assert_cmpint (assumptions.chase_days, ==, 180);
  g_assert_cmpint (assumptions.commission_bp, ==, 2000);
  g_unlink (path);
}

/* One account for its page: overdue or not, handed over or not; its record and its story. */
static void
test_account_page (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvCollectionsAccount) account = NULL;
  g_autoptr(RcvCollectionsRecord) record = NULL;
  g_autoptr(GPtrArray) events = NULL;
  const char *dates[] = { "2026-03-01", "2026-04-01" };
  g_autoptr(GArray) instalments = instalments_of (dates, G_N_ELEMENTS (dates), 5000);
  gint64 customer = rcv_test_customer (db, "K1", "Kundin");
  gint64 invoice = rcv_test_invoice (db, customer, "R-1", "2026-01-01", "2026-01-31", 10000);
  const RcvCollectionsEvent *event;

  /* not overdue yet, still an account */
  account = rcv_collections_report_for (db, rcv_test_date ("2026-01-15"), customer, &error);
  g_assert_no_error (error);
  g_assert_cmpint (account->open, ==, 10000);
  g_assert_cmpint (account->oldest_days, ==, 0);
  g_assert_null (account->agency);
  g_clear_pointer (&account, rcv_collections_account_free);
  g_assert_null (rcv_collections_report_for (db, rcv_test_date ("2026-01-15"), 999, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (rcv_collections_set_account (db, customer, RCV_NONPAYMENT_CANT_PAY, "Ana",
                                              &error));
  g_assert_cmpint (rcv_collections_add_contact (db, customer, rcv_test_date ("2026-02-05"),
                                                "call", "Said she would pay", &error), >, 0);
  g_assert_cmpint (rcv_collections_add_promise (db, customer, rcv_test_date ("2026-02-05"),
                                                rcv_test_date ("2026-02-10"), 10000, &error),
                   >, 0);
  g_assert_cmpint (rcv_collections_add_plan (db, customer, rcv_test_date ("2026-02-15"),
                                             instalments, &error), >, 0);
  rcv_test_payment (db, customer, "2026-03-01", 5000, 0, TRUE);
  g_assert_cmpint (rcv_collections_open_dispute (db, invoice, RCV_DISPUTE_BILLING_ERROR,
                                                 "Wrong rate", rcv_test_date ("2026-03-05"),
                                                 &error), >, 0);
  g_assert_true (rcv_collections_hand_over (db, customer, "Inkasso AG",
                                            rcv_test_date ("2026-05-01"), 2500, &error));
  g_assert_no_error (error);

  record = rcv_collections_get_record (db, customer, rcv_test_date ("2026-03-10"), &error);
  g_assert_no_error (error);
  g_assert_cmpint (record->nonpayment, ==, RCV_NONPAYMENT_CANT_PAY);
  g_assert_cmpstr (record->responsible, ==, "Ana");
  g_assert_cmpstr (record->agency, ==, "Inkasso AG");
  g_assert_cmpint (record->commission_bp, ==, 2500);
  g_assert_cmpint (record->plan_id, >, 0);
  g_assert_cmpuint (record->instalments->len, ==, 2);
  g_assert_cmpint (record->plan_paid, ==, 5000);
  g_assert_cmpuint (record->disputed->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (record->disputed, 0), ==, "R-1");

  account = rcv_collections_report_for (db, rcv_test_date ("2026-05-02"), customer, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (account->agency, ==, "Inkasso AG");
  g_assert_cmpint (account->commission_bp, ==, 2500);
  g_assert_cmpint (account->disputed, ==, 5000);

  /* the story, newest first; the promise broken */
  events = rcv_collections_timeline (db, customer, rcv_test_date ("2026-05-02"), 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 6);
  event = g_ptr_array_index (events, 0);
  g_assert_cmpint (event->kind, ==, RCV_EVENT_HAND_OVER);
  g_assert_cmpstr (event->title, ==, "Handed over to Inkasso AG");
  event = g_ptr_array_index (events, 1);
  g_assert_cmpint (event->kind, ==, RCV_EVENT_DISPUTE);
  g_assert_cmpstr (event->detail, ==, "Wrong rate");
  event = g_ptr_array_index (events, 2);
  g_assert_cmpint (event->kind, ==, RCV_EVENT_PAYMENT);
  event = g_ptr_array_index (events, 3);
  g_assert_cmpint (event->kind, ==, RCV_EVENT_PLAN);
  event = g_ptr_array_index (events, 4);
  g_assert_cmpint (event->kind, ==, RCV_EVENT_PROMISE);
  g_assert_true (event->flagged);
  event = g_ptr_array_index (events, 5);
  g_assert_cmpint (event->kind, ==, RCV_EVENT_CONTACT);
  g_assert_cmpstr (event->detail, ==, "Said she would pay");
  g_clear_pointer (&events, g_ptr_array_unref);
  events = rcv_collections_timeline (db, customer, rcv_test_date ("2026-05-02"), 2, &error);
  g_assert_cmpuint (events->len, ==, 2);
  g_unlink (path);
}

/* The agency's files: the CSV of the open invoices with their history, exactly; the PDF a real
 * one; and both through `receivables-cli agency`. */
static void
test_agency_export (void)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = rcv_test_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "summary.pdf", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "open.csv", NULL);
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *written = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *out = NULL;
  gsize length;
  gint64 customer = rcv_test_customer (db, "K1", "Kundin, \"Die\"");
  gint64 invoice = rcv_test_invoice (db, customer, "R-1", "2026-01-01", "2026-01-31", 10000);
  const char *cli = g_getenv ("RCV_CLI");

  rcv_test_invoice (db, customer, "R-2", "2026-02-01", "2026-03-03", 2000);
  rcv_test_payment (db, customer, "2026-02-10", 2500, invoice, FALSE);
  {
    g_autoptr(RcvDunningRun) run = rcv_dunning_run_new (db, rcv_test_date ("2026-02-08"),
                                                        customer, NULL, &error);

    g_assert_cmpuint (run->letters->len, ==, 1);
    g_assert_true (rcv_dunning_record (db, (const RcvDunningLetter *const *) run->letters->pdata,
                                       run->letters->len, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (rcv_collections_open_dispute (db, invoice, RCV_DISPUTE_QUALITY, "",
                                                 rcv_test_date ("2026-03-01"), &error), >, 0);

  csv = rcv_agency_csv (db, customer, rcv_test_date ("2026-04-01"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (csv, ==,
                   RCV_AGENCY_CSV_HEADER "\n"
                   "R-1,2026-01-01,2026-01-31,100.00,75.00,60,yes,1,2026-02-08,"
                   "2026-02-08 reminder 1; 2026-02-10 payment 25.00; 2026-03-01 disputed (Quality)\n"
                   "R-2,2026-02-01,2026-03-03,20.00,20.00,29,no,0,,\n");

  g_assert_true (rcv_agency_export (db, customer, rcv_test_date ("2026-04-01"), RCV_PAPER_A4,
                                    pdf, csv_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_true (g_file_get_contents (csv_path, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, csv);
  g_unlink (pdf);
  g_unlink (csv_path);

  /* an unknown customer: nothing written */
  g_assert_false (rcv_agency_export (db, 999, rcv_test_date ("2026-04-01"), RCV_PAPER_A4, pdf,
                                     csv_path, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  g_clear_object (&db);
  {
    const char *argv[] = { cli, "--database", path, "agency", "--customer", "K1", "--as-of",
                           "2026-04-01", "--pdf", pdf, "--csv", "-", NULL };

    out = rcv_test_run (argv);
  }
  g_assert_cmpstr (out, ==, csv);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
  {
    const char *argv[] = { "/bin/sh", "-c", NULL, NULL };
    g_autofree char *command = g_strdup_printf ("'%s' --database '%s' agency --customer K9"
                                                " --csv - 2>&1; echo \"exit $?\"", cli, path);
    g_autofree char *bad = NULL;

    argv[2] = command;
    bad = rcv_test_run (argv);
    g_assert_nonnull (strstr (bad, "--customer: There is no customer with the ID “K9”"));
    g_assert_nonnull (strstr (bad, "exit 2"));
  }
  g_unlink (pdf);
  rcv_test_rmdir (dir);
  g_unlink (path);
}

/* One account's advice (a customer's page) reads only that customer's rows; it must say what
 * the whole company's report says of that account, field for field: on the demo company,
 * with a dispute and a broken promise added, at three dates. */
static void
test_one_account_as_report (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(GError) error = NULL;
  const char *dates[] = { "2026-11-20", "2026-06-30", "2025-12-31" };
  gboolean saw_dispute = FALSE, saw_broken = FALSE;

  g_assert_true (rcv_demo_fill (db, rcv_test_date ("2026-11-20"), &error));
  g_assert_no_error (error);
  {
    gint64 invoice = rcv_test_sql_int (path, "SELECT id FROM invoices WHERE kind = 'invoice'"
                                             " AND settled_date IS NULL ORDER BY due_date LIMIT 1");
    gint64 other = rcv_test_sql_int (path, "SELECT customer_id FROM invoices WHERE kind ="
                                           " 'invoice' AND settled_date IS NULL ORDER BY"
                                           " due_date LIMIT 1 OFFSET 5");

    g_assert_cmpint (rcv_collections_open_dispute (db, invoice, RCV_DISPUTE_QUALITY, "Damaged",
                                                   rcv_test_date ("2026-06-01"), &error), >, 0);
    g_assert_cmpint (rcv_collections_add_promise (db, other, rcv_test_date ("2026-05-01"),
                                                  rcv_test_date ("2026-05-20"), 100000000,
                                                  &error), >, 0);
    g_assert_no_error (error);
  }
  for (guint d = 0; d < G_N_ELEMENTS (dates); d++)
    {
      g_autoptr(GPtrArray) report = rcv_collections_report (db, rcv_test_date (dates[d]), &error);

      g_assert_no_error (error);
      g_assert_cmpuint (report->len, >, 3);
      for (guint i = 0; i < report->len; i++)
        {
          const RcvCollectionsAccount *all = g_ptr_array_index (report, i);
          g_autoptr(RcvCollectionsAccount) one =
            rcv_collections_report_for (db, rcv_test_date (dates[d]), all->customer_id, &error);

          g_assert_no_error (error);
          g_assert_cmpstr (one->code, ==, all->code);
          g_assert_cmpint (one->oldest_days, ==, all->oldest_days);
          g_assert_cmpstr (one->oldest_number, ==, all->oldest_number);
          g_assert_cmpint (one->open, ==, all->open);
          g_assert_cmpint (one->disputed, ==, all->disputed);
          g_assert_cmpuint (one->n_disputes, ==, all->n_disputes);
          g_assert_cmpuint (one->broken_promises, ==, all->broken_promises);
          g_assert_cmpuint (one->missed_instalments, ==, all->missed_instalments);
          g_assert_cmpint (one->under_plan, ==, all->under_plan);
          g_assert_cmpint (one->recommendation, ==, all->recommendation);
          g_assert_cmpstr (one->reasoning, ==, all->reasoning);
          g_assert_cmpint (one->recovery_chase, ==, all->recovery_chase);
          g_assert_cmpint (one->recovery_agency, ==, all->recovery_agency);
          g_assert_cmpuint (one->payer.paid, ==, all->payer.paid);
          g_assert_cmpuint (one->payer.paid_late, ==, all->payer.paid_late);
          g_assert_cmpuint (one->payer.paid_past_60, ==, all->payer.paid_past_60);
          g_assert_cmpint (one->payer.days_late_total, ==, all->payer.days_late_total);
          saw_dispute |= all->disputed > 0;
          saw_broken |= all->broken_promises > 0;
        }
    }
  g_assert_true (saw_dispute);
  g_assert_true (saw_broken);
}

/* The company's payer behaviour, read a span class at a time through invoices_open, is what
 * SQL counts straight from the invoices settled in the year, customer by customer, at dates
 * where the year starts before, inside and after the company's history. */
static void
test_payers_by_span_class (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(GError) error = NULL;
  const char *dates[] = { "2026-11-20", "2026-03-31", "2025-06-30", "2024-12-31" };

  g_assert_true (rcv_demo_fill (db, rcv_test_date ("2026-11-20"), &error));
  g_assert_no_error (error);
  for (guint d = 0; d < G_N_ELEMENTS (dates); d++)
    {
      g_autoptr(GHashTable) payers = rcv_collections_payers (db, rcv_test_date (dates[d]),
                                                             &error);
      RcvStatement *stmt;
      guint n = 0;

      g_assert_no_error (error);
      stmt = rcv_database_prepare (db,
        "SELECT customer_id, count (*), sum (late > 0), sum (late > 60), sum (late) FROM ("
        " SELECT customer_id, max (0, CAST (julianday (settled_date) - julianday (due_date)"
        "  AS INTEGER)) AS late FROM invoices WHERE kind = 'invoice' AND status = 'posted'"
        "  AND total > 0 AND settled_date > date (?1, '-365 days') AND settled_date <= ?1)"
        " GROUP BY customer_id", &error);
      g_assert_no_error (error);
      rcv_statement_bind_text (stmt, 1, dates[d]);
      while (rcv_statement_step (stmt) == RCV_ROW)
        {
          gint64 id = rcv_statement_column_int64 (stmt, 0);
          const RcvPayerBehaviour *payer = g_hash_table_lookup (payers, &id);

          g_assert_nonnull (payer);
          g_assert_cmpuint (payer->paid, ==, (guint) rcv_statement_column_int64 (stmt, 1));
          g_assert_cmpuint (payer->paid_late, ==, (guint) rcv_statement_column_int64 (stmt, 2));
          g_assert_cmpuint (payer->paid_past_60, ==,
                            (guint) rcv_statement_column_int64 (stmt, 3));
          g_assert_cmpint (payer->days_late_total, ==, rcv_statement_column_int64 (stmt, 4));
          n++;
        }
      rcv_statement_reset (stmt);
      g_assert_cmpuint (g_hash_table_size (payers), ==, n);
      /* the demo company's year of settled invoices, but for the date before it began */
      if (d < 3)
        g_assert_cmpuint (n, >, 10);
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/collections/dispute", test_dispute);
  g_test_add_func ("/collections/hand-over", test_hand_over);
  g_test_add_func ("/collections/recommendation-boundaries", test_recommendation_boundaries);
  g_test_add_func ("/collections/promises", test_promises);
  g_test_add_func ("/collections/plan", test_plan);
  g_test_add_func ("/collections/curve", test_curve);
  g_test_add_func ("/collections/recovery", test_recovery);
  g_test_add_func ("/collections/payer-behaviour", test_payer_behaviour);
  g_test_add_func ("/collections/cli", test_cli);
  g_test_add_func ("/collections/plan-drives-dunning", test_plan_drives_dunning);
  g_test_add_func ("/collections/commission", test_commission);
  g_test_add_func ("/collections/assumptions", test_assumptions);
  g_test_add_func ("/collections/account-page", test_account_page);
  g_test_add_func ("/collections/agency-export", test_agency_export);
  g_test_add_func ("/collections/one-account-as-report", test_one_account_as_report);
  g_test_add_func ("/collections/payers-by-span-class", test_payers_by_span_class);
  status = g_test_run ();
  rcv_test_release_fonts ();
  return status;
}
