/* test-types.c - the core's enums and their nicks, the spelling of the company file and files
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The nicks are stored data: the company file's columns, CSV and JSON files, the command line.
 * Each is written out here by hand, so that a renamed enum value that would change one fails.
 */
#include "config.h"

#include <locale.h>

#include "rcv-enum.h"

typedef struct
{
  int value;
  const char *nick;
} Nick;

typedef struct
{
  const char *name;
  GType (*get_type) (void);
  const Nick *nicks;
  guint n_nicks;
} EnumCase;

static const Nick invoice_kinds[] = {
  { RCV_INVOICE_KIND_INVOICE, "invoice" },
  { RCV_INVOICE_KIND_CREDIT_NOTE, "credit-note" },
};
static const Nick interest_kinds[] = {
  { RCV_INTEREST_NONE, "none" },
  { RCV_INTEREST_FIXED, "fixed" },
  { RCV_INTEREST_STATUTORY_EU, "statutory-eu" },
  { RCV_INTEREST_STATUTORY_UK, "statutory-uk" },
  { RCV_INTEREST_STATUTORY_DE, "statutory-de" },
  { RCV_INTEREST_STATUTORY_FR, "statutory-fr" },
  { RCV_INTEREST_STATUTORY_NL, "statutory-nl" },
  { RCV_INTEREST_STATUTORY_AT, "statutory-at" },
};
static const Nick compensations[] = {
  { RCV_COMPENSATION_NONE, "none" },
  { RCV_COMPENSATION_EU, "eu" },
  { RCV_COMPENSATION_UK, "uk" },
};
static const Nick rate_regions[] = {
  { RCV_RATE_REGION_EU, "eu" },
  { RCV_RATE_REGION_UK, "uk" },
  { RCV_RATE_REGION_DE, "de" },
  { RCV_RATE_REGION_AT, "at" },
};
static const Nick dispute_reasons[] = {
  { RCV_DISPUTE_BILLING_ERROR, "billing-error" },
  { RCV_DISPUTE_QUALITY, "quality" },
  { RCV_DISPUTE_NOT_RECEIVED, "not-received" },
  { RCV_DISPUTE_OTHER, "other" },
};
static const Nick nonpayments[] = {
  { RCV_NONPAYMENT_UNKNOWN, "unknown" },
  { RCV_NONPAYMENT_CANT_PAY, "cant-pay" },
  { RCV_NONPAYMENT_WONT_PAY, "wont-pay" },
  { RCV_NONPAYMENT_DISPUTE, "dispute" },
};
static const Nick recommendations[] = {
  { RCV_RECOMMEND_CHASE, "chase" },
  { RCV_RECOMMEND_FINAL_NOTICE, "final-notice" },
  { RCV_RECOMMEND_AGENCY, "agency" },
};
static const Nick aging_item_kinds[] = {
  { RCV_AGING_ITEM_INVOICE, "invoice" },
  { RCV_AGING_ITEM_CREDIT_NOTE, "credit-note" },
  { RCV_AGING_ITEM_PAYMENT, "payment" },
};
static const Nick chart_kinds[] = {
  { RCV_CHART_AGING, "aging" },
  { RCV_CHART_CUSTOMERS, "customers" },
  { RCV_CHART_TREND, "trend" },
};
static const Nick papers[] = {
  { RCV_PAPER_A4, "a4" },
  { RCV_PAPER_US_LETTER, "letter" },
};
static const Nick import_kinds[] = {
  { RCV_IMPORT_CUSTOMERS, "customers" },
  { RCV_IMPORT_INVOICES, "invoices" },
  { RCV_IMPORT_PAYMENTS, "payments" },
};
static const Nick export_kinds[] = {
  { RCV_EXPORT_CUSTOMERS, "customers" },
  { RCV_EXPORT_INVOICES, "invoices" },
  { RCV_EXPORT_PAYMENTS, "payments" },
  { RCV_EXPORT_AGING, "aging" },
};

#define ENUM_CASE(name, type, nicks) { name, type, nicks, G_N_ELEMENTS (nicks) }

static const EnumCase cases[] = {
  ENUM_CASE ("RcvInvoiceKind", rcv_invoice_kind_get_type, invoice_kinds),
  ENUM_CASE ("RcvInterestKind", rcv_interest_kind_get_type, interest_kinds),
  ENUM_CASE ("RcvCompensation", rcv_compensation_get_type, compensations),
  ENUM_CASE ("RcvRateRegion", rcv_rate_region_get_type, rate_regions),
  ENUM_CASE ("RcvDisputeReason", rcv_dispute_reason_get_type, dispute_reasons),
  ENUM_CASE ("RcvNonpayment", rcv_nonpayment_get_type, nonpayments),
  ENUM_CASE ("RcvRecommendation", rcv_recommendation_get_type, recommendations),
  ENUM_CASE ("RcvAgingItemKind", rcv_aging_item_kind_get_type, aging_item_kinds),
  ENUM_CASE ("RcvChartKind", rcv_chart_kind_get_type, chart_kinds),
  ENUM_CASE ("RcvPaper", rcv_paper_get_type, papers),
  ENUM_CASE ("RcvImportKind", rcv_import_kind_get_type, import_kinds),
  ENUM_CASE ("RcvExportKind", rcv_export_kind_get_type, export_kinds),
};

/* Every value to its nick and back, and no value the table here does not know. */
static void
test_nicks (void)
{
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      GType type = cases[c].get_type ();
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);

      g_assert_cmpstr (g_type_name (type), ==, cases[c].name);
      g_assert_cmpuint (klass->n_values, ==, cases[c].n_nicks);
      for (guint i = 0; i < cases[c].n_nicks; i++)
        {
          const Nick *nick = &cases[c].nicks[i];
          int value = -1;

          g_assert_cmpstr (rcv_enum_to_nick (type, nick->value), ==, nick->nick);
          g_assert_true (rcv_enum_from_nick (type, nick->nick, &value));
          g_assert_cmpint (value, ==, nick->value);
          g_assert_cmpint (rcv_enum_from_nick_or (type, nick->nick, -1), ==, nick->value);
        }
    }
}

/* Only a nick as written: no other case, no value's C name, no padding, nothing empty. */
static void
test_unknown (void)
{
  static const char *const strangers[] = {
    "", " invoice", "invoice ", "Invoice", "CREDIT-NOTE", "credit_note", "creditnote",
    "RCV_INVOICE_KIND_INVOICE", "0", "statutory", "us-letter", "A4", "pie", "n-interest-kinds",
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      GType type = cases[c].get_type ();
      int value = 12345;

      g_assert_false (rcv_enum_from_nick (type, NULL, &value));
      g_assert_cmpint (rcv_enum_from_nick_or (type, NULL, 7), ==, 7);
      for (guint s = 0; s < G_N_ELEMENTS (strangers); s++)
        {
          g_assert_false (rcv_enum_from_nick (type, strangers[s], &value));
          g_assert_cmpint (rcv_enum_from_nick_or (type, strangers[s], 7), ==, 7);
        }
      g_assert_cmpint (value, ==, 12345);
    }
  /* the counts after the last value are no values of their own */
  g_assert_cmpint (RCV_N_INTEREST_KINDS, ==, G_N_ELEMENTS (interest_kinds));
  g_assert_cmpint (RCV_N_RATE_REGIONS, ==, G_N_ELEMENTS (rate_regions));
}

/* A value the type does not have has no nick, and says so. */
static void
test_unknown_value (void)
{
  if (g_test_subprocess ())
    {
      rcv_enum_to_nick (RCV_TYPE_INVOICE_KIND, 2);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*rcv_enum_to_nick*");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/types/nicks", test_nicks);
  g_test_add_func ("/core/types/unknown", test_unknown);
  g_test_add_func ("/core/types/unknown-value", test_unknown_value);

  return g_test_run ();
}
