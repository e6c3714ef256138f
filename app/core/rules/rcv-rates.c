/* rcv-rates.c - statutory late-payment interest: the regimes and their reference rates
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A regime is a country's rule for interest on late payment between businesses: a series of
 * reference rates, the points it adds, and whether the rate follows each half-year or stays
 * the one in force when interest starts:
 *
 *   EU minimum   Directive 2011/7/EU art. 2 (6), 12   ECB rate + 8      per half-year
 *   Germany      § 288 (2) BGB, § 247 BGB               Basiszinssatz + 9 per half-year
 *   France       art. L441-10 Code de commerce          ECB rate + 10     per half-year
 *   Netherlands  art. 6:119a BW                         ECB rate + 8      per half-year
 *   Austria      § 456 UGB                              Basiszinssatz + 9.2 per half-year
 *   UK           SI 2002/1675 art. 4                    Bank Rate + 8     fixed at the start
 *
 * The UK's rate is the Bank Rate in force on the 30 June or 31 December immediately before
 * the day interest starts: one rate for the whole debt. Every other regime charges each
 * half-year's days at that half-year's rate.
 *
 * The reference rates known when this version was made ship in data/reference-rates.txt (a
 * resource of the core library). A company file may add half-years or correct one
 * (table reference_rates); its own rate wins. A rate that is neither is an error: interest
 * is never guessed.
 *
 * Interest is simple: amount × Σ (rate × days) / (10 000 × 365), rounded once, half away
 * from zero (rcv_mul_div_round). Every late day counts, 29 February too, and a year is 365
 * days in every regime, as DESIGN.md §3 says.
 */
#define G_LOG_DOMAIN "rcv-rates"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>

#include "rcv-core-resources.h"
#include "rcv-database-private.h"
#include "rcv-error.h"
#include "rcv-policy.h"
#include "rcv-rates.h"
#include "rcv-rates-private.h"

static const RcvStatutoryRegime regimes[] = {
  { RCV_INTEREST_STATUTORY_EU, "", RCV_RATE_REGION_EU, 800, RCV_RATE_RULE_PER_HALF,
    RCV_COMPENSATION_EU, N_("EU minimum (Directive 2011/7/EU)"),
    N_("Directive 2011/7/EU: the ECB reference rate of each half-year + 8 points"),
    N_("Directive 2011/7/EU, article 6: 40 EUR for each late invoice") },
  { RCV_INTEREST_STATUTORY_UK, "GB", RCV_RATE_REGION_UK, 800, RCV_RATE_RULE_FIXED_AT_START,
    RCV_COMPENSATION_UK, N_("United Kingdom (Late Payment Act)"),
    N_("Late Payment of Commercial Debts (Interest) Act 1998 and SI 2002/1675: the Bank of "
       "England rate in force before interest starts + 8 points"),
    N_("Late Payment of Commercial Debts (Interest) Act 1998, section 5A: 40, 70 or 100 GBP "
       "for each late invoice, by its size") },
  { RCV_INTEREST_STATUTORY_DE, "DE", RCV_RATE_REGION_DE, 900, RCV_RATE_RULE_PER_HALF,
    RCV_COMPENSATION_EU, N_("Germany (§ 288 BGB)"),
    N_("§ 288 (2) BGB: the base rate (§ 247 BGB) of each half-year + 9 points"),
    N_("§ 288 (5) BGB: 40 EUR for each late invoice") },
  { RCV_INTEREST_STATUTORY_FR, "FR", RCV_RATE_REGION_EU, 1000, RCV_RATE_RULE_PER_HALF,
    RCV_COMPENSATION_EU, N_("France (Code de commerce L441-10)"),
    N_("Article L441-10 Code de commerce: the ECB rate of each half-year + 10 points"),
    N_("Articles L441-10 and D441-5 Code de commerce: 40 EUR for each late invoice") },
  { RCV_INTEREST_STATUTORY_NL, "NL", RCV_RATE_REGION_EU, 800, RCV_RATE_RULE_PER_HALF,
    RCV_COMPENSATION_EU, N_("Netherlands (wettelijke handelsrente)"),
    N_("Article 6:119a BW (wettelijke handelsrente): the ECB rate of each half-year + 8 points"),
    N_("Article 6:96 BW and Directive 2011/7/EU: 40 EUR for each late invoice") },
  { RCV_INTEREST_STATUTORY_AT, "AT", RCV_RATE_REGION_AT, 920, RCV_RATE_RULE_PER_HALF,
    RCV_COMPENSATION_EU, N_("Austria (§ 456 UGB)"),
    N_("§ 456 UGB: the base rate on the last day of the half-year before + 9.2 points"),
    N_("§ 458 UGB: 40 EUR for each late invoice") },
};

/* The regime of a statutory interest kind, its texts translated; NULL for none and fixed. */
const RcvStatutoryRegime *
rcv_statutory_regime (RcvInterestKind kind)
{
  static RcvStatutoryRegime translated[G_N_ELEMENTS (regimes)];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (guint i = 0; i < G_N_ELEMENTS (regimes); i++)
        {
          translated[i] = regimes[i];
          translated[i].name = _(regimes[i].name);
          translated[i].interest_basis = _(regimes[i].interest_basis);
          translated[i].compensation_basis = _(regimes[i].compensation_basis);
        }
      g_once_init_leave (&done, 1);
    }
  for (guint i = 0; i < G_N_ELEMENTS (translated); i++)
    if (translated[i].kind == kind)
      return &translated[i];
  return NULL;
}

/* What the policy editor and the letters call an interest kind, translated. */
const char *
rcv_interest_kind_label (RcvInterestKind kind)
{
  const RcvStatutoryRegime *regime = rcv_statutory_regime (kind);

  if (regime != NULL)
    return regime->name;
  return kind == RCV_INTEREST_FIXED ? _("A fixed annual rate") : _("None");
}

/* The series' name as the Preferences list it. */
const char *
rcv_rate_region_label (RcvRateRegion region)
{
  switch (region)
    {
    case RCV_RATE_REGION_UK:
      return _("Bank of England rate");
    case RCV_RATE_REGION_DE:
      return _("German base rate");
    case RCV_RATE_REGION_AT:
      return _("Austrian base rate");
    case RCV_RATE_REGION_EU:
    case RCV_N_RATE_REGIONS:
    default:
      return _("ECB rate");
    }
}

/* ---- the rates shipped --------------------------------------------------------------- */

/* "2.15", "-0.88", "10" → basis points; FALSE on anything else. */
static gboolean
parse_percent_bp (const char *text,
                  gint       *bp)
{
  gboolean negative = FALSE;
  gint whole = 0, cents = 0, digits = 0;
  const char *p = text;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  if (!g_ascii_isdigit (*p))
    return FALSE;
  for (; g_ascii_isdigit (*p); p++)
    {
      whole = whole * 10 + (*p - '0');
      if (whole > 100)
        return FALSE;
    }
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p) && digits < 2; p++, digits++)
      cents = cents * 10 + (*p - '0');
  if (*p != '\0' || (digits == 0 && p[-1] == '.'))
    return FALSE;
  if (digits == 1)
    cents *= 10;
  *bp = (whole * 100 + cents) * (negative ? -1 : 1);
  return TRUE;
}

static GArray *
parse_built_in (GBytes *bytes)
{
  GArray *rates = g_array_new (FALSE, TRUE, sizeof (RcvReferenceRate));
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint n = 0; lines[n] != NULL; n++)
    {
      g_auto(GStrv) fields = NULL;
      RcvReferenceRate rate = { 0 };
      int region;
      char *end;

      g_strstrip (lines[n]);
      if (lines[n][0] == '\0' || lines[n][0] == '#')
        continue;
      fields = g_strsplit_set (lines[n], " \t", -1);
      if (g_strv_length (fields) != 4 ||
          !rcv_enum_from_nick (RCV_TYPE_RATE_REGION, fields[0], &region) ||
          !parse_percent_bp (fields[3], &rate.rate_bp))
        g_error ("reference-rates.txt line %u: not “series year half percent”", n + 1);
      rate.region = region;
      rate.year = (guint) strtoul (fields[1], &end, 10);
      rate.half = (guint) strtoul (fields[2], NULL, 10);
      if (*end != '\0' || rate.year < 1999 || rate.year > 2200 || rate.half < 1 || rate.half > 2)
        g_error ("reference-rates.txt line %u: bad year or half", n + 1);
      rate.built_in = TRUE;
      g_array_append_val (rates, rate);
    }
  return rates;
}

/* The rates shipped with the app, in file order. The file is part of the program, so a
 * mistake in it is the program's, found by the tests: g_error. */
const RcvReferenceRate *
rcv_reference_rates_built_in (guint *n_rates)
{
  static GArray *rates = NULL;

  if (g_once_init_enter (&rates))
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      bytes = g_resource_lookup_data (rcv_core_get_resource (),
                                      "/io/github/receivables/Receivables/core/reference-rates.txt",
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes == NULL)
        g_error ("The shipped reference rates are missing: %s", error->message);
      g_once_init_leave (&rates, parse_built_in (bytes));
    }
  *n_rates = rates->len;
  return (const RcvReferenceRate *) (gpointer) rates->data;
}

/* ---- the company's rates ------------------------------------------------------------- */

static int
compare_rates (gconstpointer a,
               gconstpointer b)
{
  const RcvReferenceRate *ra = a, *rb = b;

  if (ra->year != rb->year)
    return ra->year > rb->year ? -1 : 1;
  if (ra->half != rb->half)
    return ra->half > rb->half ? -1 : 1;
  return (int) ra->region - (int) rb->region;
}

static gboolean
same_half (const RcvReferenceRate *a,
           const RcvReferenceRate *b)
{
  return a->region == b->region && a->year == b->year && a->half == b->half;
}

/* Binds ?1, ?2 and ?3 to a series' half-year. */
static void
bind_half (RcvStatement *stmt,
           RcvRateRegion  region,
           guint          year,
           guint          half)
{
  rcv_statement_bind_text (stmt, 1, rcv_enum_to_nick (RCV_TYPE_RATE_REGION, region));
  rcv_statement_bind_int (stmt, 2, (int) year);
  rcv_statement_bind_int (stmt, 3, (int) half);
}

static void
set_missing_error (GError        **error,
                   RcvRateRegion   region,
                   guint           year,
                   guint           half)
{
  g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_NOT_FOUND,
               /* Translators: “There is no German base rate for 2027, half 1: …” */
               _("There is no %s for %u, half %u: enter it in Preferences, Credit Policies"),
               rcv_rate_region_label (region), year, half);
}

/* Every rate the company's interest uses: its own, and the shipped ones it has not
 * replaced; newest half-year first, then by series. */
GArray *
rcv_reference_rates_list (RcvDatabase  *db,
                          GError      **error)
{
  g_autoptr(GArray) rates = g_array_new (FALSE, FALSE, sizeof (RcvReferenceRate));
  const RcvReferenceRate *built_in;
  guint n_built_in, n_own;
  RcvStatement *stmt;
  int rc;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);

  stmt = rcv_database_prepare (db, "SELECT region, year, half, rate_bp FROM reference_rates",
                               error);
  if (stmt == NULL)
    return NULL;
  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    {
      RcvReferenceRate rate = { 0 };
      int region;

      if (!rcv_enum_from_nick (RCV_TYPE_RATE_REGION, rcv_statement_column_text (stmt, 0), &region))
        continue;   /* the schema's CHECK knows every series */
      rate.region = region;
      rate.year = (guint) rcv_statement_column_int (stmt, 1);
      rate.half = (guint) rcv_statement_column_int (stmt, 2);
      rate.rate_bp = rcv_statement_column_int (stmt, 3);
      g_array_append_val (rates, rate);
    }
  rcv_statement_reset (stmt);
  if (rc != RCV_DONE)
    {
      rcv_database_set_error (db, error);
      return NULL;
    }

  n_own = rates->len;
  built_in = rcv_reference_rates_built_in (&n_built_in);
  for (guint i = 0; i < n_built_in; i++)
    {
      gboolean replaced = FALSE;

      for (guint j = 0; j < n_own && !replaced; j++)
        replaced = same_half (&built_in[i], &g_array_index (rates, RcvReferenceRate, j));
      if (!replaced)
        g_array_append_val (rates, built_in[i]);
    }
  g_array_sort (rates, compare_rates);
  return g_steal_pointer (&rates);
}

/* The rate of a series for a half-year, the company's own before the shipped one. FALSE,
 * with RCV_INPUT_ERROR_NOT_FOUND, when there is neither. */
gboolean
rcv_reference_rate_lookup (RcvDatabase      *db,
                           RcvRateRegion     region,
                           guint             year,
                           guint             half,
                           RcvReferenceRate *rate,
                           GError          **error)
{
  const RcvReferenceRate *built_in;
  guint n_built_in;
  RcvStatement *stmt;
  int rc;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (rate != NULL, FALSE);

  *rate = (RcvReferenceRate) { region, year, half, 0, FALSE };
  stmt = rcv_database_prepare (db,
                               "SELECT rate_bp FROM reference_rates WHERE region = ?1"
                               " AND year = ?2 AND half = ?3",
                               error);
  if (stmt == NULL)
    return FALSE;
  bind_half (stmt, region, year, half);
  rc = rcv_statement_step (stmt);
  if (rc == RCV_ROW)
    rate->rate_bp = rcv_statement_column_int (stmt, 0);
  rcv_statement_reset (stmt);
  if (rc == RCV_ROW)
    return TRUE;
  if (rc != RCV_DONE)
    return rcv_database_set_error (db, error);

  built_in = rcv_reference_rates_built_in (&n_built_in);
  for (guint i = 0; i < n_built_in; i++)
    if (same_half (&built_in[i], rate))
      {
        *rate = built_in[i];
        return TRUE;
      }
  set_missing_error (error, region, year, half);
  return FALSE;
}

static gboolean
check_rate (const RcvReferenceRate *rate,
            GError                **error)
{
  if ((guint) rate->region >= RCV_N_RATE_REGIONS)
    {
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                           _("region: not a series of reference rates"));
      return FALSE;
    }
  if (rate->year < 1999 || rate->year > 2200)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                   _("year: %u is not a year between 1999 and 2200"), rate->year);
      return FALSE;
    }
  if (rate->half != 1 && rate->half != 2)
    {
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                           _("half: must be 1 (January to June) or 2 (July to December)"));
      return FALSE;
    }
  if (rate->rate_bp < -10000 || rate->rate_bp > 10000)
    {
      g_autofree char *low = rcv_percent_format (-10000);
      g_autofree char *high = rcv_percent_format (10000);

      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                   _("rate: must be between %s and %s"), low, high);
      return FALSE;
    }
  return TRUE;
}

/* Enters a rate inside the caller's transaction (a policy file's import). */
gboolean
rcv_reference_rate_write (RcvDatabase            *db,
                          const RcvReferenceRate *rate,
                          GError                **error)
{
  g_autofree char *json = NULL;
  RcvStatement *stmt;

  if (!check_rate (rate, error))
    return FALSE;
  stmt = rcv_database_prepare (db,
                               "INSERT OR REPLACE INTO reference_rates (region, year, half, rate_bp)"
                               " VALUES (?1, ?2, ?3, ?4)",
                               error);
  if (stmt == NULL)
    return FALSE;
  bind_half (stmt, rate->region, rate->year, rate->half);
  rcv_statement_bind_int (stmt, 4, rate->rate_bp);
  json = g_strdup_printf ("{\"region\":\"%s\",\"year\":%u,\"half\":%u,\"rate_bp\":%d}",
                          rcv_enum_to_nick (RCV_TYPE_RATE_REGION, rate->region), rate->year,
                          rate->half, rate->rate_bp);
  return rcv_database_step_done (db, stmt, error) &&
         rcv_database_audit (db, "update", "reference_rates", 0, NULL, json, error);
}

/* Enters (or corrects) a series' rate for a half-year in the company file. */
gboolean
rcv_reference_rate_set (RcvDatabase            *db,
                        const RcvReferenceRate *rate,
                        GError                **error)
{
  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (rate != NULL, FALSE);

  if (!rcv_database_begin (db, error))
    return FALSE;
  if (!rcv_reference_rate_write (db, rate, error) || !rcv_database_commit (db, error))
    {
      rcv_database_rollback (db);
      return FALSE;
    }
  return TRUE;
}

/* Removes the company's own rate for a half-year; a shipped one applies again. */
gboolean
rcv_reference_rate_delete (RcvDatabase   *db,
                           RcvRateRegion  region,
                           guint          year,
                           guint          half,
                           GError       **error)
{
  g_autofree char *json = NULL;
  RcvStatement *stmt;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);

  if (!rcv_database_begin (db, error))
    return FALSE;
  stmt = rcv_database_prepare (db,
                               "DELETE FROM reference_rates WHERE region = ?1 AND year = ?2"
                               " AND half = ?3",
                               error);
  if (stmt == NULL)
    goto fail;
  bind_half (stmt, region, year, half);
  json = g_strdup_printf ("{\"region\":\"%s\",\"year\":%u,\"half\":%u}",
                          rcv_enum_to_nick (RCV_TYPE_RATE_REGION, region), year, half);
  if (!rcv_database_step_done (db, stmt, error) ||
      !rcv_database_audit (db, "delete", "reference_rates", 0, json, NULL, error) ||
      !rcv_database_commit (db, error))
    goto fail;
  return TRUE;

fail:
  rcv_database_rollback (db);
  return FALSE;
}

/* ---- interest ------------------------------------------------------------------------ */

struct _RcvRateTable
{
  GHashTable *rates;       /* series × year × half → rate_bp + 100 001 */
};

static guint
rate_key (RcvRateRegion region,
          guint         year,
          guint         half)
{
  return ((guint) region * 10000 + year) * 2 + (half - 1);
}

RcvRateTable *
rcv_rate_table_new (RcvDatabase  *db,
                    GError      **error)
{
  g_autoptr(GArray) rates = rcv_reference_rates_list (db, error);
  RcvRateTable *table;

  if (rates == NULL)
    return NULL;
  table = g_new0 (RcvRateTable, 1);
  table->rates = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (guint i = 0; i < rates->len; i++)
    {
      const RcvReferenceRate *r = &g_array_index (rates, RcvReferenceRate, i);

      g_hash_table_insert (table->rates, GUINT_TO_POINTER (rate_key (r->region, r->year, r->half)),
                           GINT_TO_POINTER (r->rate_bp + 100001));
    }
  return table;
}

void
rcv_rate_table_free (RcvRateTable *table)
{
  if (table == NULL)
    return;
  g_hash_table_unref (table->rates);
  g_free (table);
}

static gboolean
table_rate (const RcvRateTable *table,
            RcvRateRegion       region,
            const GDate        *day,
            gint               *rate_bp,
            GError            **error)
{
  guint year = g_date_get_year (day), half = g_date_get_month (day) <= 6 ? 1 : 2;
  gpointer value = g_hash_table_lookup (table->rates,
                                        GUINT_TO_POINTER (rate_key (region, year, half)));

  if (value == NULL)
    {
      set_missing_error (error, region, year, half);
      return FALSE;
    }
  *rate_bp = GPOINTER_TO_INT (value) - 100001;
  return TRUE;
}

/* The stretches of the late days from `first` to `last` (inclusive) and their rates: one at
 * a fixed rate; at a statutory rate one per half-year, or one at the rate of the half-year
 * interest starts in (the UK). Empty without interest or when last < first. */
GArray *
rcv_rate_table_periods (const RcvRateTable *table,
                        RcvInterestKind     kind,
                        gint                fixed_bp,
                        const GDate        *first,
                        const GDate        *last,
                        GError            **error)
{
  g_autoptr(GArray) periods = g_array_new (FALSE, TRUE, sizeof (RcvInterestPeriod));
  const RcvStatutoryRegime *regime = rcv_statutory_regime (kind);
  GDate from = *first;

  g_return_val_if_fail (table != NULL, NULL);

  if (kind == RCV_INTEREST_NONE || g_date_compare (first, last) > 0)
    return g_steal_pointer (&periods);
  if (regime == NULL || regime->rule == RCV_RATE_RULE_FIXED_AT_START)
    {
      RcvInterestPeriod period = { .from = *first, .to = *last };

      period.days = (gint) (g_date_get_julian (last) - g_date_get_julian (first) + 1);
      if (regime == NULL)
        {
          period.rate_bp = fixed_bp;
          period.reference_bp = -1;
          period.fixed = TRUE;
        }
      else
        {
          if (!table_rate (table, regime->series, first, &period.reference_bp, error))
            return NULL;
          period.rate_bp = period.reference_bp + regime->margin_bp;
        }
      g_array_append_val (periods, period);
      return g_steal_pointer (&periods);
    }

  while (g_date_compare (&from, last) <= 0)
    {
      RcvInterestPeriod period = { .from = from };
      GDateYear year = g_date_get_year (&from);

      /* to 30 June or 31 December, or the last day */
      g_date_clear (&period.to, 1);
      if (g_date_get_month (&from) <= 6)
        g_date_set_dmy (&period.to, 30, G_DATE_JUNE, year);
      else
        g_date_set_dmy (&period.to, 31, G_DATE_DECEMBER, year);
      if (g_date_compare (&period.to, last) > 0)
        period.to = *last;
      period.days = (gint) (g_date_get_julian (&period.to) - g_date_get_julian (&from) + 1);
      if (!table_rate (table, regime->series, &from, &period.reference_bp, error))
        return NULL;
      period.rate_bp = period.reference_bp + regime->margin_bp;
      g_array_append_val (periods, period);
      from = period.to;
      g_date_add_days (&from, 1);
    }
  return g_steal_pointer (&periods);
}

/* amount × Σ (rate × days) / (10 000 × 365), rounded once; a negative rate charges nothing
 * for its days. FALSE when the result does not fit. */
gboolean
rcv_interest_on (gint64        amount,
                 const GArray *periods,
                 gint64       *interest)
{
  gint64 rate_days = 0;

  for (guint i = 0; i < periods->len; i++)
    {
      const RcvInterestPeriod *p = &g_array_index (periods, RcvInterestPeriod, i);

      rate_days += (gint64) MAX (p->rate_bp, 0) * p->days;
    }
  return rcv_mul_div_round (amount, rate_days, G_GINT64_CONSTANT (10000) * 365, interest);
}

/* The fixed compensation for one late invoice, in minor units of `currency`: EU 40; UK 40
 * under 1 000, 70 under 10 000, 100 from 10 000 (the Late Payment of Commercial Debts Act). */
gint64
rcv_compensation_amount (RcvCompensation    compensation,
                         gint64             invoice_total,
                         const RcvCurrency *currency)
{
  gint64 unit = 1;
  gint64 major;

  g_return_val_if_fail (currency != NULL, 0);

  for (guint i = 0; i < currency->decimals; i++)
    unit *= 10;
  switch (compensation)
    {
    case RCV_COMPENSATION_EU:
      major = 40;
      break;
    case RCV_COMPENSATION_UK:
      major = invoice_total < 1000 * unit ? 40 : invoice_total < 10000 * unit ? 70 : 100;
      break;
    case RCV_COMPENSATION_NONE:
    default:
      return 0;
    }
  return major * unit;
}
