/* test-policy.c - credit policies: storage, every rule, enforcement, the JSON policy file
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "rcv-customer-list.h"
#include "rcv-database-private.h"
#include "rcv-error.h"
#include "rcv-json.h"
#include "rcv-ledger.h"
#include "rcv-posting.h"
#include "rcv-policy.h"
#include "rcv-policy-file.h"
#include "rcv-schema.h"
#include "rcv-test-utils.h"

static RcvPolicy *
saved_policy (RcvDatabase *db,
              const char  *name)
{
  g_autoptr(GError) error = NULL;
  RcvPolicy *policy = rcv_policy_new ();

  g_free (policy->name);
  policy->name = g_strdup (name);
  g_assert_true (rcv_policy_save (db, policy, &error));
  g_assert_no_error (error);
  g_assert_cmpint (policy->id, >, 0);
  return policy;
}

static void
test_default_policy (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) policies = rcv_policy_list (db, &error);
  const RcvPolicy *standard;

  /* a new company has one policy, the default one, as DESIGN.md §3 describes it */
  g_assert_no_error (error);
  g_assert_cmpuint (policies->len, ==, 1);
  standard = g_ptr_array_index (policies, 0);
  g_assert_true (standard->is_default);
  g_assert_cmpint (standard->terms_days, ==, 30);
  g_assert_cmpint (standard->credit_limit, ==, -1);
  g_assert_cmpint (standard->alert_days_first, ==, 60);
  g_assert_cmpint (standard->alert_days_second, ==, 90);
  g_assert_cmpint (standard->hold_days, ==, 90);
  g_assert_cmpint (standard->agency_days, ==, 90);
  g_assert_cmpint (standard->interest_kind, ==, RCV_INTEREST_NONE);
  g_assert_cmpuint (standard->levels->len, ==, 3);
  g_assert_cmpint (g_array_index (standard->levels, RcvReminderLevel, 0).days_after_due, ==, 7);
  g_assert_cmpint (g_array_index (standard->levels, RcvReminderLevel, 1).days_after_due, ==, 21);
  g_assert_cmpint (g_array_index (standard->levels, RcvReminderLevel, 2).days_after_due, ==, 45);
  /* built-in titles, shown in the app's language; the first level claims nothing */
  g_assert_cmpstr (g_array_index (standard->levels, RcvReminderLevel, 2).title, ==, "");
  g_assert_cmpstr (rcv_reminder_level_title (standard, 2), ==, "Final notice");
  g_assert_cmpstr (rcv_reminder_level_title (standard, 0), ==, "Payment reminder");
  g_assert_cmpint (g_array_index (standard->levels, RcvReminderLevel, 0).claims_interest, ==,
                   RCV_CLAIM_NO);
  g_assert_cmpint (g_array_index (standard->levels, RcvReminderLevel, 0).claims_compensation, ==,
                   RCV_CLAIM_NO);
  g_assert_cmpint (g_array_index (standard->levels, RcvReminderLevel, 1).claims_interest, ==,
                   RCV_CLAIM_YES);
  g_assert_cmpint (g_array_index (standard->levels, RcvReminderLevel, 2).claims_compensation, ==,
                   RCV_CLAIM_YES);
  g_assert_cmpint (g_array_index (standard->levels, RcvReminderLevel, 2).deadline_days, ==, 10);
  g_assert_cmpint (standard->letter_interval_days, ==, 14);
  g_assert_cmpint (rcv_policy_get_default_id (db), ==, standard->id);
  g_assert_true (rcv_policy_validate (standard, NULL, NULL, NULL));
}

static void
test_crud (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvPolicy) trade = saved_policy (db, "  Trade  ");
  g_autoptr(RcvPolicy) loaded = NULL;
  g_autoptr(RcvPolicy) clash = NULL;
  g_autoptr(RcvPolicy) copy = NULL;
  g_autoptr(RcvPolicy) copy2 = NULL;
  g_autoptr(GPtrArray) policies = NULL;
  gint64 standard = rcv_policy_get_default_id (db);

  /* stored trimmed, with every field and level as given */
  g_assert_cmpstr (trade->name, ==, "Trade");
  trade->terms_days = 14;
  trade->discount_days = 7;
  trade->discount_bp = 200;
  trade->credit_limit = 500000;
  trade->interest_kind = RCV_INTEREST_FIXED;
  trade->interest_bp = 950;
  trade->compensation = RCV_COMPENSATION_EU;
  trade->hold_days = -1;
  trade->agency_days = 120;
  g_array_index (trade->levels, RcvReminderLevel, 0).fee = 500;
  g_free (g_array_index (trade->levels, RcvReminderLevel, 0).body);
  g_array_index (trade->levels, RcvReminderLevel, 0).body =
    g_strdup ("Dear {customer}, {{not a placeholder}} please pay {total} by {deadline}.");
  rcv_policy_move_level (trade, 2, 0);   /* the order breaks the rule… */
  g_assert_false (rcv_policy_save (db, trade, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE);
  g_assert_nonnull (strstr (error->message, "reminder level 2, days_after_due"));
  g_clear_error (&error);
  rcv_policy_move_level (trade, 0, 2);   /* …and moving it back mends it */
  g_assert_true (rcv_policy_save (db, trade, &error));
  g_assert_no_error (error);

  loaded = rcv_policy_load (db, trade->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->terms_days, ==, 14);
  g_assert_cmpint (loaded->discount_days, ==, 7);
  g_assert_cmpint (loaded->discount_bp, ==, 200);
  g_assert_cmpint (loaded->credit_limit, ==, 500000);
  g_assert_cmpint (loaded->interest_kind, ==, RCV_INTEREST_FIXED);
  g_assert_cmpint (loaded->interest_bp, ==, 950);
  g_assert_cmpint (loaded->compensation, ==, RCV_COMPENSATION_EU);
  g_assert_cmpint (loaded->hold_days, ==, -1);
  g_assert_cmpint (loaded->agency_days, ==, 120);
  g_assert_false (loaded->is_default);
  g_assert_cmpint (g_array_index (loaded->levels, RcvReminderLevel, 0).fee, ==, 500);
  g_assert_cmpstr (rcv_reminder_level_title (loaded, 0), ==, "Payment reminder");
  g_assert_nonnull (strstr (g_array_index (loaded->levels, RcvReminderLevel, 0).body,
                            "{customer}"));
  g_assert_cmpint (rcv_test_sql_int (path,
                                     "SELECT count(*) FROM audit WHERE table_name = 'policies'"),
                   ==, 2);

  /* names are unique whatever their case */
  clash = rcv_policy_new ();
  g_free (clash->name);
  clash->name = g_strdup ("TRADE");
  g_assert_false (rcv_policy_save (db, clash, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_DUPLICATE);
  g_assert_true (g_str_has_prefix (error->message, "name:"));
  g_assert_cmpint (clash->id, ==, 0);
  g_clear_error (&error);

  /* a duplicate takes a free name and is never the default one */
  copy = rcv_policy_duplicate (db, trade->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (copy->name, ==, "Trade (copy)");
  g_assert_cmpint (copy->credit_limit, ==, 500000);
  copy2 = rcv_policy_duplicate (db, trade->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (copy2->name, ==, "Trade (copy 2)");

  /* the default moves; the old default cannot simply stop being it */
  g_assert_true (rcv_policy_set_default (db, trade->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rcv_policy_get_default_id (db), ==, trade->id);
  g_assert_cmpint (rcv_test_sql_int (path,
                                     "SELECT count(*) FROM policies WHERE is_default = 1"),
                   ==, 1);
  loaded->is_default = TRUE;
  g_clear_pointer (&loaded, rcv_policy_free);
  loaded = rcv_policy_load (db, trade->id, &error);
  loaded->is_default = FALSE;
  g_assert_false (rcv_policy_save (db, loaded, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_CONFLICT);
  g_clear_error (&error);

  /* the default policy first, then by name */
  policies = rcv_policy_list (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (policies->len, ==, 4);
  g_assert_cmpstr (((RcvPolicy *) g_ptr_array_index (policies, 0))->name, ==, "Trade");
  g_assert_cmpstr (((RcvPolicy *) g_ptr_array_index (policies, 1))->name, ==, "Standard");
  g_assert_cmpint (((RcvPolicy *) g_ptr_array_index (policies, 1))->id, ==, standard);
}

static void
test_delete_and_assign (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvPolicy) trade = saved_policy (db, "Trade");
  g_autoptr(RcvPolicy) retail = saved_policy (db, "Retail");
  g_autoptr(RcvCustomer) customer = NULL;
  gint64 a = rcv_test_customer (db, "A", "Anna");
  gint64 b = rcv_test_customer (db, "B", "Bert");
  gint64 c = rcv_test_customer (db, "C", "Cleo");
  gint64 ids[] = { a, b };
  gint64 bad_ids[] = { c, 9999 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* many at once, each change in the audit */
  g_assert_true (rcv_policy_assign (db, ids, G_N_ELEMENTS (ids), trade->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rcv_policy_count_customers (db, trade->id), ==, 2);
  g_assert_cmpint (rcv_policy_count_customers (db, 0), ==, 1);
  g_assert_cmpint (rcv_test_sql_int (path,
                                     "SELECT count(*) FROM audit WHERE table_name = 'customers'"
                                     " AND action = 'update' AND new_values LIKE '%Trade%'"),
                   ==, 2);

  /* all or nothing: an unknown customer, or an unknown policy, changes no one */
  before = rcv_test_fingerprint (path);
  g_assert_false (rcv_policy_assign (db, bad_ids, G_N_ELEMENTS (bad_ids), retail->id, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (rcv_policy_assign (db, ids, 1, 4242, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  after = rcv_test_fingerprint (path);
  g_assert_cmpstr (before, ==, after);

  /* the default policy stays; another moves its customers where asked */
  g_assert_false (rcv_policy_delete (db, rcv_policy_get_default_id (db), 0, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (rcv_policy_delete (db, trade->id, trade->id, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_true (rcv_policy_delete (db, trade->id, retail->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rcv_policy_count_customers (db, retail->id), ==, 2);
  customer = rcv_ledger_get_customer (db, a, &error);
  g_assert_cmpint (customer->policy_id, ==, retail->id);

  /* to the default one: nothing points at a deleted policy */
  g_assert_true (rcv_policy_delete (db, retail->id, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rcv_policy_count_customers (db, 0), ==, 3);
  g_assert_cmpint (rcv_test_sql_int (path,
                                     "SELECT count(*) FROM customers c WHERE policy_id IS NOT NULL"
                                     " AND NOT EXISTS (SELECT 1 FROM policies p"
                                     " WHERE p.id = c.policy_id)"),
                   ==, 0);
  g_assert_cmpint (rcv_test_sql_int (path,
                                     "SELECT count(*) FROM reminder_levels WHERE policy_id NOT IN"
                                     " (SELECT id FROM policies)"),
                   ==, 0);
}

typedef struct
{
  const char *name;
  void (*change) (RcvPolicy *policy);
  const char *field;
  gint level;
} Rule;

static void no_name (RcvPolicy *p) { g_free (p->name); p->name = g_strdup ("   "); }
static void long_name (RcvPolicy *p) { g_free (p->name); p->name = g_strnfill (81, 'x'); }
static void negative_terms (RcvPolicy *p) { p->terms_days = -1; }
static void huge_terms (RcvPolicy *p) { p->terms_days = 3651; }
static void discount_no_days (RcvPolicy *p) { p->discount_bp = 200; }
static void days_no_discount (RcvPolicy *p) { p->discount_days = 10; }
static void discount_after_terms (RcvPolicy *p) { p->discount_days = 30; p->discount_bp = 200; }
static void discount_all (RcvPolicy *p) { p->discount_days = 5; p->discount_bp = 10000; }
static void negative_limit (RcvPolicy *p) { p->credit_limit = -5; }
static void level_too_early (RcvPolicy *p)
{ g_array_index (p->levels, RcvReminderLevel, 0).days_after_due = -366; }
static void level_no_deadline (RcvPolicy *p)
{ g_array_index (p->levels, RcvReminderLevel, 1).deadline_days = 0; }
static void level_long_deadline (RcvPolicy *p)
{ g_array_index (p->levels, RcvReminderLevel, 2).deadline_days = 366; }
static void interval_negative (RcvPolicy *p) { p->letter_interval_days = -1; }
static void level_not_later (RcvPolicy *p)
{ g_array_index (p->levels, RcvReminderLevel, 2).days_after_due = 21; }
static void level_long_title (RcvPolicy *p)
{ g_free (g_array_index (p->levels, RcvReminderLevel, 1).title);
  g_array_index (p->levels, RcvReminderLevel, 1).title = g_strnfill (201, 'x'); }
static void level_unknown_placeholder (RcvPolicy *p)
{ g_free (g_array_index (p->levels, RcvReminderLevel, 1).body);
  g_array_index (p->levels, RcvReminderLevel, 1).body = g_strdup ("Hello {nmae}"); }
static void level_open_brace (RcvPolicy *p)
{ g_free (g_array_index (p->levels, RcvReminderLevel, 0).body);
  g_array_index (p->levels, RcvReminderLevel, 0).body = g_strdup ("Pay {total"); }
static void level_negative_fee (RcvPolicy *p)
{ g_array_index (p->levels, RcvReminderLevel, 2).fee = -1; }
static void too_many_levels (RcvPolicy *p)
{ for (gint i = 0; i < 7; i++) rcv_policy_add_level (p, 50 + i, "More", "", 0); }
static void fixed_without_rate (RcvPolicy *p) { p->interest_kind = RCV_INTEREST_FIXED; }
static void fixed_too_high (RcvPolicy *p)
{ p->interest_kind = RCV_INTEREST_FIXED; p->interest_bp = 10001; }
static void alert_zero (RcvPolicy *p) { p->alert_days_first = 0; }
static void alerts_reversed (RcvPolicy *p) { p->alert_days_second = 60; }
static void hold_zero (RcvPolicy *p) { p->hold_days = 0; }
static void agency_zero (RcvPolicy *p) { p->agency_days = 0; }
static void agency_before_last_level (RcvPolicy *p) { p->agency_days = 30; }

static void
test_validation (void)
{
  static const Rule rules[] = {
    { "no name", no_name, "name", -1 },
    { "long name", long_name, "name", -1 },
    { "negative terms", negative_terms, "terms_days", -1 },
    { "huge terms", huge_terms, "terms_days", -1 },
    { "discount without days", discount_no_days, "discount_days", -1 },
    { "days without discount", days_no_discount, "discount_percent", -1 },
    { "discount after the terms", discount_after_terms, "discount_days", -1 },
    { "discount of 100 %", discount_all, "discount_percent", -1 },
    { "negative limit", negative_limit, "credit_limit", -1 },
    { "level a year and a day before the due date", level_too_early, "days_after_due", 0 },
    { "no days to pay", level_no_deadline, "deadline_days", 1 },
    { "a year and a day to pay", level_long_deadline, "deadline_days", 2 },
    { "negative days between letters", interval_negative, "days_between_letters", -1 },
    { "level not later", level_not_later, "days_after_due", 2 },
    { "level with a long title", level_long_title, "title", 1 },
    { "unknown placeholder", level_unknown_placeholder, "text", 1 },
    { "unclosed brace", level_open_brace, "text", 0 },
    { "negative fee", level_negative_fee, "fee", 2 },
    { "ten levels", too_many_levels, "reminder_levels", -1 },
    { "fixed rate of 0", fixed_without_rate, "interest_rate_percent", -1 },
    { "fixed rate over 100 %", fixed_too_high, "interest_rate_percent", -1 },
    { "first alert at 0", alert_zero, "alert_days_first", -1 },
    { "alerts reversed", alerts_reversed, "alert_days_second", -1 },
    { "hold at 0", hold_zero, "hold_after_days", -1 },
    { "agency at 0", agency_zero, "agency_after_days", -1 },
    { "agency before the last reminder", agency_before_last_level, "agency_after_days", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autoptr(RcvPolicy) policy = rcv_policy_new ();
      g_autoptr(GError) error = NULL;
      const char *field = NULL;
      gint level = 99;

      g_free (policy->name);
      policy->name = g_strdup ("Valid");
      g_assert_true (rcv_policy_validate (policy, NULL, NULL, NULL));
      rules[i].change (policy);
      g_test_message ("rule: %s", rules[i].name);
      g_assert_false (rcv_policy_validate (policy, &field, &level, &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == RCV_INPUT_ERROR);
      g_assert_cmpstr (field, ==, rules[i].field);
      g_assert_cmpint (level, ==, rules[i].level);
      g_assert_cmpuint (strlen (error->message), >, 5);
    }
}

static void
test_interest_and_compensation (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvPolicy) policy = rcv_policy_new ();
  g_autoptr(GArray) rates = NULL;
  /* years the shipped rates do not reach */
  RcvReferenceRate eu = { RCV_RATE_REGION_EU, 2030, 2, 215, FALSE };
  RcvReferenceRate uk = { RCV_RATE_REGION_UK, 2030, 1, 400, FALSE };
  RcvReferenceRate bad = { RCV_RATE_REGION_EU, 2030, 3, 100, FALSE };
  RcvCurrency eur, jpy;
  guint n_own = 0;
  gint rate = -1;

  g_assert_true (rcv_policy_get_interest_rate (db, policy, rcv_test_date ("2030-08-01"), &rate,
                                               &error));
  g_assert_cmpint (rate, ==, 0);

  policy->interest_kind = RCV_INTEREST_FIXED;
  policy->interest_bp = 950;
  g_assert_true (rcv_policy_get_interest_rate (db, policy, rcv_test_date ("2030-08-01"), &rate,
                                               &error));
  g_assert_cmpint (rate, ==, 950);

  /* statutory: never guessed; the half-year's reference rate plus 8 points */
  policy->interest_kind = RCV_INTEREST_STATUTORY_EU;
  g_assert_false (rcv_policy_get_interest_rate (db, policy, rcv_test_date ("2030-08-01"), &rate,
                                                &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (rcv_reference_rate_set (db, &eu, &error));
  g_assert_true (rcv_reference_rate_set (db, &uk, &error));
  g_assert_false (rcv_reference_rate_set (db, &bad, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_true (rcv_policy_get_interest_rate (db, policy, rcv_test_date ("2030-07-01"), &rate,
                                               &error));
  g_assert_cmpint (rate, ==, 1015);
  g_assert_true (rcv_policy_get_interest_rate (db, policy, rcv_test_date ("2030-12-31"), &rate,
                                               &error));
  g_assert_cmpint (rate, ==, 1015);
  g_assert_false (rcv_policy_get_interest_rate (db, policy, rcv_test_date ("2030-06-30"), &rate,
                                                &error));
  g_clear_error (&error);
  policy->interest_kind = RCV_INTEREST_STATUTORY_UK;
  g_assert_true (rcv_policy_get_interest_rate (db, policy, rcv_test_date ("2030-06-30"), &rate,
                                               &error));
  g_assert_cmpint (rate, ==, 1200);

  /* corrected in place, listed newest first, deleted */
  eu.rate_bp = 200;
  g_assert_true (rcv_reference_rate_set (db, &eu, &error));
  rates = rcv_reference_rates_list (db, &error);
  g_assert_cmpuint (rates->len, >, 2);
  g_assert_cmpint (g_array_index (rates, RcvReferenceRate, 0).rate_bp, ==, 200);
  g_assert_false (g_array_index (rates, RcvReferenceRate, 0).built_in);
  g_assert_cmpint (g_array_index (rates, RcvReferenceRate, 1).region, ==, RCV_RATE_REGION_UK);
  g_assert_false (g_array_index (rates, RcvReferenceRate, 1).built_in);
  g_assert_true (g_array_index (rates, RcvReferenceRate, 2).built_in);
  g_assert_true (rcv_reference_rate_delete (db, RCV_RATE_REGION_UK, 2030, 1, &error));
  g_clear_pointer (&rates, g_array_unref);
  rates = rcv_reference_rates_list (db, &error);
  for (guint i = 0; i < rates->len; i++)
    n_own += !g_array_index (rates, RcvReferenceRate, i).built_in;
  g_assert_cmpuint (n_own, ==, 1);

  /* EU 40, UK 40/70/100 by size, in the currency's minor units */
  g_assert_true (rcv_currency_init (&eur, "EUR", NULL));
  g_assert_true (rcv_currency_init (&jpy, "JPY", NULL));
  g_assert_cmpint (rcv_policy_get_compensation (policy, 99999, &eur), ==, 0);
  policy->compensation = RCV_COMPENSATION_EU;
  g_assert_cmpint (rcv_policy_get_compensation (policy, 99999999, &eur), ==, 4000);
  policy->compensation = RCV_COMPENSATION_UK;
  g_assert_cmpint (rcv_policy_get_compensation (policy, 99999, &eur), ==, 4000);
  g_assert_cmpint (rcv_policy_get_compensation (policy, 100000, &eur), ==, 7000);
  g_assert_cmpint (rcv_policy_get_compensation (policy, 999999, &eur), ==, 7000);
  g_assert_cmpint (rcv_policy_get_compensation (policy, 1000000, &eur), ==, 10000);
  g_assert_cmpint (rcv_policy_get_compensation (policy, 1000, &jpy), ==, 70);
}

static RcvInvoice *
invoice_for (gint64      customer_id,
             const char *number,
             gint64      amount)
{
  RcvInvoice *invoice = rcv_invoice_new (RCV_INVOICE_KIND_INVOICE);

  invoice->number = g_strdup (number);
  invoice->customer_id = customer_id;
  invoice->issue_date = *rcv_test_date ("2026-06-01");
  invoice->due_date = *rcv_test_date ("2026-07-01");
  rcv_invoice_add_line (invoice, "Work", 1000, amount, 0);
  return invoice;
}

static void
test_enforcement (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvPolicy) policy = saved_policy (db, "Tight");
  g_autoptr(RcvInvoice) first = NULL;
  g_autoptr(RcvInvoice) second = NULL;
  g_autoptr(RcvInvoice) third = NULL;
  g_autoptr(RcvInvoice) note = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 customer = rcv_test_customer (db, "K1", "Kunde");
  const GDate *today = rcv_test_date ("2026-07-10");
  RcvCreditCheck check;

  policy->credit_limit = 100000;
  policy->hold_days = 30;
  g_assert_true (rcv_policy_save (db, policy, &error));
  g_assert_true (rcv_policy_assign (db, &customer, 1, policy->id, &error));
  rcv_test_payment (db, customer, "2026-05-01", 10000, 0, TRUE);   /* unapplied credit */

  /* within the limit: posted, no override in the audit */
  first = invoice_for (customer, "R1", 80000);
  g_assert_true (rcv_posting_post_invoice (db, first, today, NULL, &check, &error));
  g_assert_no_error (error);
  g_assert_cmpint (check.reasons, ==, RCV_HOLD_NONE);
  g_assert_cmpint (check.credit_limit, ==, 100000);

  /* over the limit: the figures, and nothing written without a reason */
  second = invoice_for (customer, "R2", 40000);
  before = rcv_test_fingerprint (path);
  g_assert_false (rcv_posting_post_invoice (db, second, today, "   ", &check, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_CREDIT_HOLD);
  g_clear_error (&error);
  after = rcv_test_fingerprint (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (check.reasons, ==, RCV_HOLD_OVER_LIMIT);
  g_assert_cmpint (check.balance, ==, 70000);     /* 80 000 open less 10 000 unapplied */
  g_assert_cmpint (check.available, ==, 30000);
  g_assert_cmpint (check.amount, ==, 40000);
  g_assert_cmpint (second->id, ==, 0);

  /* confirmed with a reason: posted, and the audit says who, why and the figures */
  g_assert_true (rcv_posting_post_invoice (db, second, today, "Agreed by phone", &check, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rcv_test_sql_int (path,
                                     "SELECT count(*) FROM audit WHERE action = 'credit-override'"
                                     " AND new_values LIKE '%Agreed by phone%'"
                                     " AND new_values LIKE '%\"over_limit\":true%'"
                                     " AND length(user) > 0"),
                   ==, 1);

  /* 30 days after R1's due date the customer is on hold, limit or not */
  policy->credit_limit = -1;
  g_assert_true (rcv_policy_save (db, policy, &error));
  third = invoice_for (customer, "R3", 100);
  g_assert_true (rcv_credit_check (db, customer, 100, rcv_test_date ("2026-07-30"), &check,
                                   &error));
  g_assert_cmpint (check.reasons, ==, RCV_HOLD_NONE);
  g_assert_cmpint (check.days_overdue, ==, 29);
  g_assert_false (rcv_posting_post_invoice (db, third, rcv_test_date ("2026-07-31"), NULL, &check,
                                            &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_CREDIT_HOLD);
  g_clear_error (&error);
  g_assert_cmpint (check.reasons, ==, RCV_HOLD_OVERDUE);
  g_assert_cmpint (check.days_overdue, ==, 30);

  /* a credit note is never held back */
  note = rcv_invoice_new (RCV_INVOICE_KIND_CREDIT_NOTE);
  note->number = g_strdup ("CN1");
  note->customer_id = customer;
  note->issue_date = *rcv_test_date ("2026-07-31");
  note->due_date = note->issue_date;
  rcv_invoice_add_line (note, "Refund", 1000, -500, 0);
  g_assert_true (rcv_posting_post_invoice (db, note, rcv_test_date ("2026-07-31"), NULL, &check,
                                           &error));
  g_assert_no_error (error);
}

static void
test_list_marks_hold (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvCustomerList) list = NULL;
  g_autoptr(RcvPolicy) policy = saved_policy (db, "Limited");
  gint64 late = rcv_test_customer (db, "A", "Late");
  gint64 big = rcv_test_customer (db, "B", "Big");
  gint64 fine = rcv_test_customer (db, "C", "Fine");
  RcvCustomerItem *item;

  policy->credit_limit = 5000;
  g_assert_true (rcv_policy_save (db, policy, &error));
  g_assert_true (rcv_policy_assign (db, &big, 1, policy->id, &error));
  rcv_test_invoice (db, late, "R1", "2026-01-01", "2026-01-31", 1000);   /* 90 days late */
  rcv_test_invoice (db, big, "R2", "2026-04-01", "2026-04-30", 6000);    /* over 5 000 */
  rcv_test_invoice (db, fine, "R3", "2026-02-01", "2026-03-02", 1000);   /* 59 days late */

  list = rcv_customer_list_new (db, rcv_test_date ("2026-05-01"), &error);
  g_assert_no_error (error);
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (rcv_customer_item_get_name (item), ==, "Big");
  g_assert_cmpint (rcv_customer_item_get_hold (item), ==, RCV_HOLD_OVER_LIMIT);
  g_object_unref (item);
  item = g_list_model_get_item (G_LIST_MODEL (list), 1);
  g_assert_cmpint (rcv_customer_item_get_hold (item), ==, RCV_HOLD_NONE);
  g_object_unref (item);
  item = g_list_model_get_item (G_LIST_MODEL (list), 2);
  g_assert_cmpstr (rcv_customer_item_get_name (item), ==, "Late");
  g_assert_cmpint (rcv_customer_item_get_hold (item), ==, RCV_HOLD_OVERDUE);
  g_object_unref (item);
}

static void
test_json_round_trip (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  g_autoptr(RcvDatabase) other = rcv_test_open_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvPolicy) trade = saved_policy (db, "Trade «Ünïcode» \"quoted\"");
  RcvReferenceRate eu = { RCV_RATE_REGION_EU, 2026, 2, 215, FALSE };
  RcvReferenceRate negative = { RCV_RATE_REGION_DE, 2031, 1, -88, FALSE };
  g_autoptr(RcvPolicy) imported = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;
  g_autofree char *third = NULL;
  guint created = 0, updated = 0;

  trade->credit_limit = 1234567;
  trade->discount_days = 10;
  trade->discount_bp = 250;
  trade->interest_kind = RCV_INTEREST_STATUTORY_EU;
  trade->compensation = RCV_COMPENSATION_UK;
  trade->hold_days = -1;
  trade->agency_days = -1;
  g_free (g_array_index (trade->levels, RcvReminderLevel, 1).body);
  g_array_index (trade->levels, RcvReminderLevel, 1).body =
    g_strdup ("Line one\nLine two\twith {total} and \\ backslash");
  g_array_index (trade->levels, RcvReminderLevel, 1).fee = 1550;
  /* issue 24's fields: a courtesy notice, claims, deadlines, the days between letters, a
   * German rate below zero, a level from before version 8 (claims as its policy) */
  trade->interest_kind = RCV_INTEREST_STATUTORY_DE;
  trade->letter_interval_days = 21;
  g_array_index (trade->levels, RcvReminderLevel, 0).days_after_due = -3;
  g_array_index (trade->levels, RcvReminderLevel, 0).deadline_days = 3;
  g_array_index (trade->levels, RcvReminderLevel, 1).claims_interest = RCV_CLAIM_NO;
  g_array_index (trade->levels, RcvReminderLevel, 2).claims_interest = RCV_CLAIM_AS_POLICY;
  g_array_index (trade->levels, RcvReminderLevel, 2).claims_compensation = RCV_CLAIM_AS_POLICY;
  g_assert_true (rcv_policy_save (db, trade, &error));
  g_assert_no_error (error);
  g_assert_true (rcv_reference_rate_set (db, &eu, &error));
  g_assert_true (rcv_reference_rate_set (db, &negative, &error));
  g_assert_true (rcv_policy_set_default (db, trade->id, &error));

  json = rcv_policy_export_json (db, &error);
  g_assert_no_error (error);

  /* into another company: the same file comes out of it */
  g_assert_true (rcv_policy_import_json (other, json, -1, "policies.json", &created, &updated,
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpuint (created, ==, 1);   /* Trade */
  g_assert_cmpuint (updated, ==, 1);   /* Standard */
  again = rcv_policy_export_json (other, &error);
  g_assert_cmpstr (json, ==, again);
  g_assert_nonnull (strstr (json, "\"rate_percent\": -0.88"));
  g_assert_nonnull (strstr (json, "\"days_between_letters\": 21"));
  g_assert_nonnull (strstr (json, "\"interest\": \"statutory-de\""));
  imported = rcv_policy_load (other, rcv_policy_get_default_id (other), &error);
  g_assert_no_error (error);
  g_assert_cmpint (imported->letter_interval_days, ==, 21);
  g_assert_cmpint (g_array_index (imported->levels, RcvReminderLevel, 0).days_after_due, ==, -3);
  g_assert_cmpint (g_array_index (imported->levels, RcvReminderLevel, 0).deadline_days, ==, 3);
  g_assert_cmpint (g_array_index (imported->levels, RcvReminderLevel, 1).claims_interest, ==,
                   RCV_CLAIM_NO);
  g_assert_cmpint (g_array_index (imported->levels, RcvReminderLevel, 2).claims_interest, ==,
                   RCV_CLAIM_AS_POLICY);

  /* importing again updates in place */
  g_assert_true (rcv_policy_import_json (other, json, -1, "policies.json", &created, &updated,
                                         &error));
  g_assert_cmpuint (created, ==, 0);
  g_assert_cmpuint (updated, ==, 2);
  third = rcv_policy_export_json (other, &error);
  g_assert_cmpstr (json, ==, third);
}

/* A policy file written before version 8: its levels claim what the policy sets (here a
 * fixed rate, from the first level on), give 10 days, and 14 days pass between letters. */
static void
test_json_before_version_8 (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvPolicy) old = NULL;
  guint created = 0, updated = 0;
  static const char json[] =
    "{\"format\": \"receivables-policies\", \"version\": 1, \"currency\": \"EUR\","
    " \"policies\": [{\"name\": \"Old\", \"interest\": \"fixed\","
    " \"interest_rate_percent\": 8, \"compensation\": \"eu\","
    " \"reminder_levels\": [{\"days_after_due\": 7, \"title\": \"Payment reminder\","
    " \"text\": \"\", \"fee\": 0}]}],"
    " \"reference_rates\": [{\"region\": \"eu\", \"year\": 2026, \"half\": 2,"
    " \"rate_percent\": 2.15}]}";

  g_assert_true (rcv_policy_import_json (db, json, -1, "old.json", &created, &updated, &error));
  g_assert_no_error (error);
  old = rcv_policy_load (db, rcv_policy_find_by_name (db, "Old", NULL), &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_array_index (old->levels, RcvReminderLevel, 0).claims_interest, ==,
                   RCV_CLAIM_AS_POLICY);
  g_assert_true (rcv_reminder_level_claims_interest (old, 0));
  g_assert_true (rcv_reminder_level_claims_compensation (old, 0));
  g_assert_cmpint (g_array_index (old->levels, RcvReminderLevel, 0).deadline_days, ==, 10);
  g_assert_cmpint (old->letter_interval_days, ==, 14);
}

typedef struct
{
  const char *json;
  const char *expected;   /* in the message, with the position */
} BadFile;

static void
test_json_bad_files (void)
{
  static const BadFile files[] = {
    { "", "p.json:1:1: expected a value" },
    { "[1, 2", "p.json:1:6: expected “,” or “]”" },
    { "{\"format\": \"receivables-policies\",}",
      "p.json:1:35: expected a quoted name, found “}”" },
    { "{\n  \"a\": 1,\n  \"a\": 2\n}", "p.json:3:3: the name “a” appears twice" },
    { "{\"a\": \"open", "p.json:1:12: the text is not closed by a quote" },
    { "{\"a\": \"\\x\"}", "p.json:1:8: “\\x” is not an escape" },
    /* the whole character after the backslash, not its first byte (found by fuzz-json) */
    { "{\"a\": \"\\é\"}", "p.json:1:8: “\\é” is not an escape" },
    { "{\"a\": \"\\ud800\"}", "unpaired UTF-16 surrogate" },
    { "{\"a\": 01}", "p.json:1:8: expected “,” or “}”" },
    { "{\"a\": 1.}", "expected a digit" },
    { "{\"a\": tru}", "p.json:1:7: expected a value" },
    { "{} []", "p.json:1:4: more text after the end of the value" },
    { "{\"a\": \"\xff\"}", "p.json:1:8: the file is not UTF-8 text" },
    { "[]", "p.json:1:1: must be an object, not a list" },
    { "{\"format\": \"csv\", \"version\": 1, \"currency\": \"EUR\", \"policies\": []}",
      "format: must be “receivables-policies”" },
    { "{\"format\": \"receivables-policies\", \"version\": 2, \"currency\": \"EUR\","
      " \"policies\": []}", "version 2 is not known" },
    { "{\"format\": \"receivables-policies\", \"version\": 1, \"currency\": \"USD\","
      " \"policies\": []}", "the file’s amounts are in USD, this company keeps EUR" },
    { "{\"format\": \"receivables-policies\", \"version\": 1, \"currency\": \"EUR\"}",
      "policies: is required" },
    { "{\"format\": \"receivables-policies\", \"version\": 1, \"currency\": \"EUR\","
      " \"policies\": [{\"terms_days\": 10}]}", "name: is required" },
    { "{\"format\": \"receivables-policies\", \"version\": 1, \"currency\": \"EUR\","
      " \"policies\": [{\"name\": \"A\", \"terms_days\": \"10\"}]}",
      "policy “A”, terms_days: must be a number, not a text" },
    { "{\"format\": \"receivables-policies\", \"version\": 1, \"currency\": \"EUR\","
      " \"policies\": [{\"name\": \"A\", \"terms_days\": 1e3}]}",
      "terms_days: 1e3 is not a whole number" },
    { "{\"format\": \"receivables-policies\", \"version\": 1, \"currency\": \"EUR\","
      " \"policies\": [{\"name\": \"A\", \"credit_limit\": 99999999999999999999}]}",
      "credit_limit:" },
    { "{\"format\": \"receivables-policies\", \"version\": 1, \"currency\": \"EUR\","
      " \"policies\": [{\"name\": \"A\", \"interest\": \"usury\"}]}",
      "interest: “usury” is not one of" },
    { "{\"format\": \"receivables-policies\", \"version\": 1, \"currency\": \"EUR\","
      " \"policies\": [{\"name\": \"A\", \"reminder_levels\": [{\"title\": \"x\"}]}]}",
      "days_after_due is required" },
    { "{\"format\": \"receivables-policies\", \"version\": 1, \"currency\": \"EUR\","
      " \"policies\": [{\"name\": \"A\", \"reminder_levels\": [{\"days_after_due\": 5,"
      " \"title\": \"x\", \"text\": \"{oops}\"}]}]}",
      "reminder_levels[0].text: {oops} is not a placeholder" },
    { "{\"format\": \"receivables-policies\", \"version\": 1, \"currency\": \"EUR\","
      " \"policies\": [{\"name\": \"A\"}, {\"name\": \"a\"}]}",
      "the policy “a” appears twice" },
    { "{\"format\": \"receivables-policies\", \"version\": 1, \"currency\": \"EUR\","
      " \"policies\": [{\"name\": \"A\", \"default\": true},"
      " {\"name\": \"B\", \"default\": true}]}",
      "only one policy can be the default one" },
    { "{\"format\": \"receivables-policies\", \"version\": 1, \"currency\": \"EUR\","
      " \"policies\": [], \"reference_rates\": [{\"region\": \"eu\", \"year\": 2026,"
      " \"half\": 1}]}", "rate_percent: is required" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = NULL;
      g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
      g_autoptr(GError) error = NULL;
      g_autofree char *before = rcv_test_fingerprint (path);
      g_autofree char *after = NULL;

      g_test_message ("file %u", i);
      g_assert_false (rcv_policy_import_json (db, files[i].json, -1, "p.json", NULL, NULL,
                                              &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == RCV_INPUT_ERROR);
      if (strstr (error->message, files[i].expected) == NULL)
        g_error ("“%s” is not in “%s”", files[i].expected, error->message);
      g_assert_true (g_str_has_prefix (error->message, "p.json:"));
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      after = rcv_test_fingerprint (path);
      g_assert_cmpstr (before, ==, after);
    }
}

static void
test_json_reader (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvJsonNode) root = NULL;
  g_autoptr(GString) deep = g_string_new (NULL);
  RcvJsonNode *node;

  root = rcv_json_parse ("\xEF\xBB\xBF{\"t\": \"a\\u00e9\\ud83d\\ude00\\n\", \"n\": -12.50e1,"
                         " \"b\": [true, false, null]}", -1, "x", &error);
  g_assert_no_error (error);
  node = rcv_json_object_get (root, "t");
  g_assert_cmpstr (node->text, ==, "a\xC3\xA9\xF0\x9F\x98\x80\n");
  node = rcv_json_object_get (root, "n");
  g_assert_cmpint (node->type, ==, RCV_JSON_NUMBER);
  g_assert_cmpstr (node->text, ==, "-12.50e1");   /* kept as written: no double */
  node = rcv_json_object_get (root, "b");
  g_assert_cmpuint (node->children->len, ==, 3);
  g_assert_true (((RcvJsonNode *) g_ptr_array_index (node->children, 0))->boolean);
  g_assert_cmpint (((RcvJsonNode *) g_ptr_array_index (node->children, 2))->type, ==,
                   RCV_JSON_NULL);
  g_assert_null (rcv_json_object_get (root, "missing"));

  /* too deep is an error, not a stack overflow */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  g_assert_null (rcv_json_parse (deep->str, -1, "deep", &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_FILE);
}

/* A policy file on one line of 5 MB: the reader counts columns on from where it last stopped,
 * so it is read in linear time (it took minutes). Speed is measured by the README's
 * benchmark; the bound here only catches a quadratic return. */
static void
test_json_one_line (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvJsonNode) root = NULL;
  g_autoptr(GString) json = g_string_new ("{\"format\": \"receivables-policies\", \"version\": 1, "
                                          "\"currency\": \"EUR\", \"policies\": [");
  g_autofree char *padding = g_strnfill (600, 'x');
  g_autofree char *where = NULL;
  guint created = 0, updated = 0, n = 0;
  gint64 start;

  while (json->len < 5 * 1024 * 1024)
    {
      g_string_append_printf (json, "%s{\"name\": \"Policy %u\", \"terms_days\": %u, "
                              "\"reminder_levels\": [{\"days_after_due\": 7, \"title\": "
                              "\"Reminder ü\", \"text\": \"%s\", \"fee\": 1.50}]}",
                              n > 0 ? ", " : "", n, n % 90, padding);
      n++;
    }
  g_string_append (json, ", 7]}");
  g_assert_null (strchr (json->str, '\n'));

  start = g_get_monotonic_time ();
  root = rcv_json_parse (json->str, (gssize) json->len, "one-line.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rcv_json_object_get (root, "policies")->children->len, ==, n + 1);
  g_test_message ("%u policies, %" G_GSIZE_FORMAT " bytes on one line, parsed in %.2f s", n,
                  json->len, (g_get_monotonic_time () - start) / 1e6);

  /* more policies than a file may hold are refused whole, saying where */
  g_assert_false (rcv_policy_import_json (db, json->str, (gssize) json->len, "one-line.json",
                                          NULL, NULL, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID);
  where = g_strdup_printf ("one-line.json:1:81: policies: a file holds at most 1000 policies, "
                           "this one %u", n + 1);
  g_assert_cmpstr (error->message, ==, where);
  g_clear_error (&error);

  /* 999 of them on one line are read; an error at the end says where in characters */
  g_string_truncate (json, (gsize) (strstr (json->str, "{\"name\": \"Policy 999\"") - json->str));
  g_string_append (json, "7]}");
  g_assert_false (rcv_policy_import_json (db, json->str, (gssize) json->len, "one-line.json",
                                          NULL, NULL, &error));
  g_clear_pointer (&where, g_free);
  where = g_strdup_printf ("one-line.json:1:%ld: policies[999]: must be an object, not a "
                           "number", g_utf8_strlen (json->str, -1) - 2);
  g_assert_cmpstr (error->message, ==, where);
  g_clear_error (&error);
  g_string_truncate (json, json->len - 5);
  g_string_append (json, "]}");
  g_assert_true (rcv_policy_import_json (db, json->str, (gssize) json->len, "one-line.json",
                                         &created, &updated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (created, ==, 999);
  /* its time is told, not asserted: speed is the benchmark's to measure */
  g_test_message ("and refused, then 999 imported, in %.2f s in all",
                  (g_get_monotonic_time () - start) / 1e6);
}

/* Values are counted: many small ones are refused, not held in memory. */
static void
test_json_many_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new ("[");

  for (guint i = 0; i <= RCV_JSON_MAX_VALUES; i++)
    g_string_append (json, "0,");
  g_string_append (json, "0]");
  g_assert_null (rcv_json_parse (json->str, (gssize) json->len, "many.json", &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_FILE);
  g_assert_cmpstr (error->message, ==,
                   "many.json:1:500000: more than 250000 values: this is not a file to read");
}

/* A value of a megabyte is quoted by its first 40 characters, cut on a character boundary. */
static void
test_json_long_values (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = NULL;
  g_autoptr(GString) value = g_string_new ("é");
  g_autofree char *forty = NULL;
  g_autofree char *sixty = NULL;

  while (value->len < 1024 * 1024)
    g_string_append (value, "ab€");
  forty = g_strndup (value->str, (gsize) (g_utf8_offset_to_pointer (value->str, 40) - value->str));

  /* a name of 60 characters is a good one (the limit is 80), given twice */
  sixty = g_strndup (value->str, (gsize) (g_utf8_offset_to_pointer (value->str, 60) - value->str));
  json = g_string_new (NULL);
  g_string_append_printf (json, "{\"format\": \"receivables-policies\", \"version\": 1, "
                          "\"currency\": \"EUR\", \"policies\": [{\"name\": \"%s\", "
                          "\"interest\": \"%s\", \"%s\": 1}, {\"name\": \"%s\"}, "
                          "{\"name\": \"%s\"}]}",
                          value->str, value->str, value->str, sixty, sixty);
  g_assert_false (rcv_policy_import_json (db, json->str, -1, "long.json", NULL, NULL, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID);
  g_assert_cmpuint (strlen (error->message), <, 2000);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  {
    g_autofree char *policy = g_strdup_printf ("policy “%s…”", forty);
    g_autofree char *interest = g_strdup_printf ("interest: “%s…” is not one of", forty);
    g_autofree char *field = g_strdup_printf (", %s…: is not a known field", forty);
    g_autofree char *twice = g_strdup_printf ("the policy “%s…” appears twice", forty);

    g_assert_nonnull (strstr (error->message, policy));
    g_assert_nonnull (strstr (error->message, interest));
    g_assert_nonnull (strstr (error->message, field));
    g_assert_nonnull (strstr (error->message, twice));
  }
  g_clear_error (&error);

  /* the reader's own message about a repeated name */
  g_string_printf (json, "{\"%s\": 1, \"%s\": 2}", value->str, value->str);
  g_assert_null (rcv_json_parse (json->str, -1, "twice.json", &error));
  {
    g_autofree char *twice = g_strdup_printf ("the name “%s…” appears twice", forty);

    g_assert_nonnull (strstr (error->message, twice));
    g_assert_cmpuint (strlen (error->message), <, 300);
  }
}

static void
test_migration_from_1 (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  RcvDatabase *db = rcv_test_open_new (&path);
  sqlite3 *handle;

  /* a version-1 file: before the reference rates, the letters, the alerts and collections */
  g_object_unref (db);
  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle,
                                 "DROP TABLE instalment_alerts;"
                                 " ALTER TABLE payments DROP COLUMN commission;"
                                 " DROP TABLE plan_instalments; DROP TABLE payment_plans;"
                                 " DROP TABLE promises; DROP TABLE contacts;"
                                 " DROP TABLE collection_accounts; DROP TABLE disputes;"
                                 " DROP TABLE alerts; DROP TABLE letter_items; DROP TABLE letters;"
                                 " DROP TABLE reference_rates; PRAGMA user_version = 1",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
  g_assert_cmpint (rcv_test_sql_int (path, "PRAGMA user_version"), ==, 1);

  db = rcv_database_open (path, RCV_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rcv_test_sql_int (path, "PRAGMA user_version"), ==, RCV_SCHEMA_VERSION);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM reference_rates"), ==, 0);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM letters"), ==, 0);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM alerts"), ==, 0);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM disputes"), ==, 0);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM plan_instalments"), ==, 0);
  g_object_unref (db);
}

/* A company file of version 7, as that version wrote it: its default policy with the titles
 * stored in English, a policy of its own with statutory interest, a customer on it. */
static char *
version_7_file (void)
{
  g_autofree char *dir = rcv_test_tmpdir ();
  char *path = g_build_filename (dir, "seven.receivables", NULL);
  sqlite3 *handle;

  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  for (guint v = 1; v <= 7; v++)
    {
      g_assert_cmpint (sqlite3_exec (handle, rcv_schema_get_migration (v), NULL, NULL, NULL),
                       ==, SQLITE_OK);
      if (v == 1)
        for (const RcvSchemaIndex *index = rcv_schema_get_indexes (); index->name != NULL;
             index++)
          g_assert_cmpint (sqlite3_exec (handle, index->create, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  g_assert_cmpint (sqlite3_exec (handle,
                                 "INSERT INTO settings VALUES ('company.currency', 'EUR');"
                                 "INSERT INTO policies (id, name, is_default) VALUES (1, 'Standard', 1);"
                                 "INSERT INTO reminder_levels (policy_id, level, days_after_due, title)"
                                 " VALUES (1, 1, 7, 'Payment reminder'), (1, 2, 21, 'Second reminder'),"
                                 " (1, 3, 45, 'Final notice');"
                                 "INSERT INTO policies (id, name, interest_kind, compensation)"
                                 " VALUES (2, 'Trade', 'statutory-eu', 'eu');"
                                 "INSERT INTO reminder_levels (policy_id, level, days_after_due, title, fee)"
                                 " VALUES (2, 1, 10, 'Erinnerung', 0), (2, 2, 30, 'Final notice', 500);"
                                 "INSERT INTO reference_rates VALUES ('eu', 2030, 1, 300);"
                                 "INSERT INTO customers (id, code, name, policy_id)"
                                 " VALUES (1, 'K1', 'Kunde', 2);"
                                 "PRAGMA application_id = 1380144706; PRAGMA user_version = 7;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
  return path;
}

/* Version 8 rebuilds policies, reminder_levels and reference_rates: nothing is lost, the
 * built-in titles become built-in (shown in the app's language), a level of before claims
 * what its policy sets, and the customers still point at their policy. */
static void
test_migration_from_7 (void)
{
  g_autofree char *path = version_7_file ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvDatabase) db = NULL;
  g_autoptr(RcvPolicy) standard = NULL;
  g_autoptr(RcvPolicy) trade = NULL;
  g_autoptr(RcvCustomer) customer = NULL;
  RcvReferenceRate rate;

  db = rcv_database_open (path, RCV_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rcv_test_sql_int (path, "PRAGMA user_version"), ==, RCV_SCHEMA_VERSION);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM reminder_levels"), ==, 5);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM reminder_levels"
                                           " WHERE title = ''"), ==, 3);

  standard = rcv_policy_load (db, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_array_index (standard->levels, RcvReminderLevel, 0).title, ==, "");
  g_assert_cmpstr (rcv_reminder_level_title (standard, 2), ==, "Final notice");
  g_assert_cmpint (g_array_index (standard->levels, RcvReminderLevel, 0).claims_interest, ==,
                   RCV_CLAIM_AS_POLICY);
  g_assert_cmpint (g_array_index (standard->levels, RcvReminderLevel, 0).deadline_days, ==, 10);
  g_assert_cmpint (standard->letter_interval_days, ==, 14);

  trade = rcv_policy_load (db, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (trade->interest_kind, ==, RCV_INTEREST_STATUTORY_EU);
  g_assert_cmpint (trade->compensation, ==, RCV_COMPENSATION_EU);
  /* a user's title stays, even a built-in one's words at another place (level 2 of 2) */
  g_assert_cmpstr (g_array_index (trade->levels, RcvReminderLevel, 0).title, ==, "Erinnerung");
  g_assert_cmpstr (g_array_index (trade->levels, RcvReminderLevel, 1).title, ==, "Final notice");
  g_assert_cmpint (g_array_index (trade->levels, RcvReminderLevel, 1).fee, ==, 500);
  /* as before version 8, its first level claims the policy's interest and compensation */
  g_assert_true (rcv_reminder_level_claims_interest (trade, 0));
  g_assert_true (rcv_reminder_level_claims_compensation (trade, 0));

  customer = rcv_ledger_get_customer (db, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (customer->policy_id, ==, 2);
  g_assert_true (rcv_reference_rate_lookup (db, RCV_RATE_REGION_EU, 2030, 1, &rate, &error));
  g_assert_cmpint (rate.rate_bp, ==, 300);
  g_assert_false (rate.built_in);
  /* foreign keys are on again: a level of a missing policy is refused */
  g_assert_false (rcv_database_exec (db, "INSERT INTO reminder_levels (policy_id, level,"
                                         " days_after_due) VALUES (99, 1, 7)", &error));
  g_clear_error (&error);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/policy/default", test_default_policy);
  g_test_add_func ("/policy/crud", test_crud);
  g_test_add_func ("/policy/delete-and-assign", test_delete_and_assign);
  g_test_add_func ("/policy/validation", test_validation);
  g_test_add_func ("/policy/interest-and-compensation", test_interest_and_compensation);
  g_test_add_func ("/policy/enforcement", test_enforcement);
  g_test_add_func ("/policy/list-marks-hold", test_list_marks_hold);
  g_test_add_func ("/policy/json-round-trip", test_json_round_trip);
  g_test_add_func ("/policy/json-bad-files", test_json_bad_files);
  g_test_add_func ("/policy/json-before-version-8", test_json_before_version_8);
  g_test_add_func ("/policy/json-reader", test_json_reader);
  g_test_add_func ("/policy/json-one-line", test_json_one_line);
  g_test_add_func ("/policy/json-long-values", test_json_long_values);
  g_test_add_func ("/policy/json-many-values", test_json_many_values);
  g_test_add_func ("/policy/migration-from-1", test_migration_from_1);
  g_test_add_func ("/policy/migration-from-7", test_migration_from_7);

  return g_test_run ();
}
