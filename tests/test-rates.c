/* test-rates.c - statutory late-payment interest: each regime's worked example, the shipped
 * reference rates, the company's own ones
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rcv-dunning.h"
#include "rcv-error.h"
#include "rcv-policy.h"
#include "rcv-rates.h"
#include "rcv-test-utils.h"

/* The interest on `amount` from the day after `due` to `as_of` under a regime, with the
 * periods it was charged at. */
static gint64
interest_under (RcvDatabase     *db,
                RcvInterestKind  kind,
                gint64           amount,
                const char      *due,
                const char      *as_of,
                GArray         **periods_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvRateTable) table = rcv_rate_table_new (db, &error);
  g_autoptr(GArray) periods = NULL;
  GDate first = *rcv_test_date (due);
  gint64 interest = -1;

  g_assert_no_error (error);
  g_date_add_days (&first, 1);
  periods = rcv_rate_table_periods (table, kind, 0, &first, rcv_test_date (as_of), &error);
  g_assert_no_error (error);
  g_assert_nonnull (periods);
  g_assert_true (rcv_interest_on (amount, periods, &interest));
  if (periods_out != NULL)
    *periods_out = g_steal_pointer (&periods);
  return interest;
}

static void
assert_period (GArray     *periods,
               guint       index,
               const char *from,
               const char *to,
               gint        days,
               gint        reference_bp,
               gint        rate_bp)
{
  const RcvInterestPeriod *p = &g_array_index (periods, RcvInterestPeriod, index);

  g_assert_cmpuint (index, <, periods->len);
  g_assert_cmpint (g_date_compare (&p->from, rcv_test_date (from)), ==, 0);
  g_assert_cmpint (g_date_compare (&p->to, rcv_test_date (to)), ==, 0);
  g_assert_cmpint (p->days, ==, days);
  g_assert_cmpint (p->reference_bp, ==, reference_bp);
  g_assert_cmpint (p->rate_bp, ==, rate_bp);
}

/* One debt under every regime, with the shipped rates: 1 000.00 due 2025-05-31, as of
 * 2025-08-31 (92 late days: 30 in the first half-year, 62 in the second).
 *   EU   30 × (3.15 + 8) + 62 × (2.15 + 8)    → 26.41
 *   DE   30 × (2.27 + 9) + 62 × (1.27 + 9)    → 26.71  (Basiszinssatz, § 288 (2) BGB)
 *   FR   30 × (3.15 + 10) + 62 × (2.15 + 10)  → 31.45  (L441-10 Code de commerce)
 *   NL   as the EU minimum                     → 26.41
 *   AT   30 × (2.53 + 9.2) + 62 × (1.53 + 9.2) → 27.87 (§ 456 UGB)
 *   UK   92 × (4.75 + 8), one rate: the one in force on 31 December before interest
 *        started (SI 2002/1675 art. 4)         → 32.14; the half-yearly rule gave 31.29 */
static void
test_regimes (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  static const struct
  {
    RcvInterestKind kind;
    gint64 interest;
    gint reference[2];
    gint rate[2];
  } cases[] = {
    { RCV_INTEREST_STATUTORY_EU, 2641, { 315, 215 }, { 1115, 1015 } },
    { RCV_INTEREST_STATUTORY_DE, 2671, { 227, 127 }, { 1127, 1027 } },
    { RCV_INTEREST_STATUTORY_FR, 3145, { 315, 215 }, { 1315, 1215 } },
    { RCV_INTEREST_STATUTORY_NL, 2641, { 315, 215 }, { 1115, 1015 } },
    { RCV_INTEREST_STATUTORY_AT, 2787, { 253, 153 }, { 1173, 1073 } },
  };
  g_autoptr(GArray) uk = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) periods = NULL;

      g_test_message ("regime %s", rcv_enum_to_nick (RCV_TYPE_INTEREST_KIND, cases[i].kind));
      g_assert_cmpint (interest_under (db, cases[i].kind, 100000, "2025-05-31", "2025-08-31",
                                       &periods), ==, cases[i].interest);
      g_assert_cmpuint (periods->len, ==, 2);
      assert_period (periods, 0, "2025-06-01", "2025-06-30", 30, cases[i].reference[0],
                     cases[i].rate[0]);
      assert_period (periods, 1, "2025-07-01", "2025-08-31", 62, cases[i].reference[1],
                     cases[i].rate[1]);
    }

  g_assert_cmpint (interest_under (db, RCV_INTEREST_STATUTORY_UK, 100000, "2025-05-31",
                                   "2025-08-31", &uk), ==, 3214);
  g_assert_cmpuint (uk->len, ==, 1);
  assert_period (uk, 0, "2025-06-01", "2025-08-31", 92, 475, 1275);
}

/* A debt across 29 February and a change of rate. Every late day counts and the year is 365
 * days, as everywhere (DESIGN.md §3).
 *   DE: 1 000.00 due 2024-01-31, as of 2024-07-31: 151 days (29 of them in February) at
 *       3.62 + 9, then 31 at 3.37 + 9: 100 000 × (151 × 1262 + 31 × 1237) / 3 650 000 = 62.71.
 *   UK: 2 500.00 due 2023-12-20, as of 2024-03-20: 91 days, all at the rate of the half-year
 *       interest started in (5.00 + 8 = 13 %), although 2024 brought 5.25: 81.03. */
static void
test_leap_year (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  g_autoptr(GArray) de = NULL;
  g_autoptr(GArray) uk = NULL;

  g_assert_cmpint (interest_under (db, RCV_INTEREST_STATUTORY_DE, 100000, "2024-01-31",
                                   "2024-07-31", &de), ==, 6271);
  g_assert_cmpuint (de->len, ==, 2);
  assert_period (de, 0, "2024-02-01", "2024-06-30", 151, 362, 1262);
  assert_period (de, 1, "2024-07-01", "2024-07-31", 31, 337, 1237);

  g_assert_cmpint (interest_under (db, RCV_INTEREST_STATUTORY_UK, 250000, "2023-12-20",
                                   "2024-03-20", &uk), ==, 8103);
  g_assert_cmpuint (uk->len, ==, 1);
  assert_period (uk, 0, "2023-12-21", "2024-03-20", 91, 500, 1300);
}

/* The German base rate was below zero from 2013 to 2022: the regime's rate is still
 * 9 points above it. 10 000.00 due 2020-12-31, as of 2021-03-01: 60 days at −0.88 + 9. */
static void
test_negative_reference (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  g_autoptr(GArray) periods = NULL;

  /* 1 000 000 × 812 × 60 / 3 650 000 = 13 347.9 */
  g_assert_cmpint (interest_under (db, RCV_INTEREST_STATUTORY_DE, 1000000, "2020-12-31",
                                   "2021-03-01", &periods), ==, 13348);
  assert_period (periods, 0, "2021-01-01", "2021-03-01", 60, -88, 812);
}

/* The shipped file: every series from 2013 to its last half-year without a gap, each
 * half-year once. */
static void
test_shipped_rates (void)
{
  guint n = 0;
  const RcvReferenceRate *rates = rcv_reference_rates_built_in (&n);

  g_assert_cmpuint (n, >=, 4 * 26);
  for (guint region = 0; region < RCV_N_RATE_REGIONS; region++)
    {
      guint expected = 2013 * 2;

      for (guint i = 0; i < n; i++)
        {
          if (rates[i].region != region)
            continue;
          g_assert_true (rates[i].built_in);
          g_assert_cmpuint (rates[i].year * 2 + rates[i].half - 1, ==, expected);
          g_assert_cmpint (rates[i].rate_bp, >=, -100);
          g_assert_cmpint (rates[i].rate_bp, <=, 600);
          expected++;
        }
      g_assert_cmpuint (expected, >=, 2025 * 2 + 2);   /* up to 2025's second half at least */
    }
}

/* A company adds a half-year the app does not ship, or corrects one: its own rate wins, and
 * deleting it brings the shipped one back. A half-year nobody knows is an error that says
 * which rate to enter. */
static void
test_company_rates (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  g_autoptr(GError) error = NULL;
  RcvReferenceRate rate, corrected = { RCV_RATE_REGION_DE, 2025, 2, 130, FALSE };
  RcvReferenceRate later = { RCV_RATE_REGION_AT, 2031, 1, -25, FALSE };

  g_assert_true (rcv_reference_rate_lookup (db, RCV_RATE_REGION_DE, 2025, 2, &rate, &error));
  g_assert_true (rate.built_in);
  g_assert_cmpint (rate.rate_bp, ==, 127);
  g_assert_true (rcv_reference_rate_set (db, &corrected, &error));
  g_assert_no_error (error);
  g_assert_true (rcv_reference_rate_lookup (db, RCV_RATE_REGION_DE, 2025, 2, &rate, &error));
  g_assert_false (rate.built_in);
  g_assert_cmpint (rate.rate_bp, ==, 130);
  g_assert_true (rcv_reference_rate_delete (db, RCV_RATE_REGION_DE, 2025, 2, &error));
  g_assert_true (rcv_reference_rate_lookup (db, RCV_RATE_REGION_DE, 2025, 2, &rate, &error));
  g_assert_true (rate.built_in);

  g_assert_false (rcv_reference_rate_lookup (db, RCV_RATE_REGION_AT, 2031, 1, &rate, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Austrian base rate for 2031, half 1"));
  g_clear_error (&error);
  g_assert_true (rcv_reference_rate_set (db, &later, &error));
  g_assert_no_error (error);
  g_assert_true (rcv_reference_rate_lookup (db, RCV_RATE_REGION_AT, 2031, 1, &rate, &error));
  g_assert_cmpint (rate.rate_bp, ==, -25);

  later.rate_bp = -10001;
  g_assert_false (rcv_reference_rate_set (db, &later, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE);
}

/* Each regime's series, points, rule, compensation and texts. */
static void
test_regime_table (void)
{
  static const struct
  {
    RcvInterestKind kind;
    RcvRateRegion series;
    gint margin;
    RcvRateRule rule;
    RcvCompensation compensation;
  } expected[] = {
    { RCV_INTEREST_STATUTORY_EU, RCV_RATE_REGION_EU, 800, RCV_RATE_RULE_PER_HALF,
      RCV_COMPENSATION_EU },
    { RCV_INTEREST_STATUTORY_UK, RCV_RATE_REGION_UK, 800, RCV_RATE_RULE_FIXED_AT_START,
      RCV_COMPENSATION_UK },
    { RCV_INTEREST_STATUTORY_DE, RCV_RATE_REGION_DE, 900, RCV_RATE_RULE_PER_HALF,
      RCV_COMPENSATION_EU },
    { RCV_INTEREST_STATUTORY_FR, RCV_RATE_REGION_EU, 1000, RCV_RATE_RULE_PER_HALF,
      RCV_COMPENSATION_EU },
    { RCV_INTEREST_STATUTORY_NL, RCV_RATE_REGION_EU, 800, RCV_RATE_RULE_PER_HALF,
      RCV_COMPENSATION_EU },
    { RCV_INTEREST_STATUTORY_AT, RCV_RATE_REGION_AT, 920, RCV_RATE_RULE_PER_HALF,
      RCV_COMPENSATION_EU },
  };

  g_assert_null (rcv_statutory_regime (RCV_INTEREST_NONE));
  g_assert_null (rcv_statutory_regime (RCV_INTEREST_FIXED));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const RcvStatutoryRegime *regime = rcv_statutory_regime (expected[i].kind);
      const char *nick;
      int parsed;

      g_assert_nonnull (regime);
      g_assert_cmpint (regime->series, ==, expected[i].series);
      g_assert_cmpint (regime->margin_bp, ==, expected[i].margin);
      g_assert_cmpint (regime->rule, ==, expected[i].rule);
      g_assert_cmpint (regime->compensation, ==, expected[i].compensation);
      g_assert_cmpuint (strlen (regime->interest_basis), >, 20);
      g_assert_cmpuint (strlen (regime->compensation_basis), >, 10);
      nick = rcv_enum_to_nick (RCV_TYPE_INTEREST_KIND, expected[i].kind);
      g_assert_true (rcv_enum_from_nick (RCV_TYPE_INTEREST_KIND, nick, &parsed));
      g_assert_cmpint (parsed, ==, expected[i].kind);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rates/regimes", test_regimes);
  g_test_add_func ("/rates/leap-year", test_leap_year);
  g_test_add_func ("/rates/negative-reference", test_negative_reference);
  g_test_add_func ("/rates/shipped", test_shipped_rates);
  g_test_add_func ("/rates/company", test_company_rates);
  g_test_add_func ("/rates/regime-table", test_regime_table);

  return g_test_run ();
}
