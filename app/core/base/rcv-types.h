/* rcv-types.h - the core's enums, with GTypes from glib-mkenums (rcv-enum-types.h)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each value's nick is its spelling in the company file and in CSV and JSON files, and on the
 * command line: rcv_enum_to_nick () and rcv_enum_from_nick () (rcv-enum.h) turn one into the
 * other. A nick is stored data: never change one, only add values.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ledger/: a document's kind (invoices.kind) */
typedef enum
{
  RCV_INVOICE_KIND_INVOICE,
  RCV_INVOICE_KIND_CREDIT_NOTE,
} RcvInvoiceKind;

/* rules/: late-payment interest */
typedef enum
{
  RCV_INTEREST_NONE,
  RCV_INTEREST_FIXED,
  RCV_INTEREST_STATUTORY_EU,   /* Directive 2011/7/EU minimum: ECB rate + 8 */
  RCV_INTEREST_STATUTORY_UK,   /* Bank of England rate + 8, fixed when interest starts */
  RCV_INTEREST_STATUTORY_DE,   /* § 288 (2) BGB: Basiszinssatz + 9 */
  RCV_INTEREST_STATUTORY_FR,   /* L441-10 Code de commerce: ECB rate + 10 */
  RCV_INTEREST_STATUTORY_NL,   /* wettelijke handelsrente: ECB rate + 8 */
  RCV_INTEREST_STATUTORY_AT,   /* § 456 UGB: Basiszinssatz + 9.2 */
  RCV_N_INTEREST_KINDS /*< skip >*/
} RcvInterestKind;

/* rules/: fixed compensation per late invoice */
typedef enum
{
  RCV_COMPENSATION_NONE,
  RCV_COMPENSATION_EU,     /* 40 per late invoice */
  RCV_COMPENSATION_UK,     /* 40, 70 or 100 by the invoice's size */
} RcvCompensation;

/* rules/: a series of reference rates, one per half-year. */
typedef enum
{
  RCV_RATE_REGION_EU,      /* the ECB's main refinancing rate on 1 January and 1 July */
  RCV_RATE_REGION_UK,      /* the Bank of England's rate on 31 December and 30 June */
  RCV_RATE_REGION_DE,      /* the Bundesbank's Basiszinssatz (§ 247 BGB) */
  RCV_RATE_REGION_AT,      /* the OeNB's Basiszinssatz on the half-year's eve (§ 456 UGB) */
  RCV_N_RATE_REGIONS /*< skip >*/
} RcvRateRegion;

/* rules/: why an invoice is disputed */
typedef enum
{
  RCV_DISPUTE_BILLING_ERROR,
  RCV_DISPUTE_QUALITY,
  RCV_DISPUTE_NOT_RECEIVED,
  RCV_DISPUTE_OTHER,
} RcvDisputeReason;

/* rules/: why a customer does not pay */
typedef enum
{
  RCV_NONPAYMENT_UNKNOWN,
  RCV_NONPAYMENT_CANT_PAY,
  RCV_NONPAYMENT_WONT_PAY,
  RCV_NONPAYMENT_DISPUTE,
} RcvNonpayment;

/* rules/: the collections advice */
typedef enum
{
  RCV_RECOMMEND_CHASE,
  RCV_RECOMMEND_FINAL_NOTICE,
  RCV_RECOMMEND_AGENCY,
} RcvRecommendation;

/* reports/: an open item's kind in the aging report */
typedef enum
{
  RCV_AGING_ITEM_INVOICE,
  RCV_AGING_ITEM_CREDIT_NOTE,
  RCV_AGING_ITEM_PAYMENT,
} RcvAgingItemKind;

/* render/: a chart */
typedef enum
{
  RCV_CHART_AGING,       /* outstanding by age bucket: one column a bucket */
  RCV_CHART_CUSTOMERS,   /* the largest balances, one bar a customer split by bucket */
  RCV_CHART_TREND,       /* outstanding and overdue at each month end */
} RcvChartKind;

/* render/: a letter's paper */
typedef enum
{
  RCV_PAPER_A4,                         /* DIN 5008 form B: the address in a DL window envelope */
  RCV_PAPER_US_LETTER /*< nick=letter >*/, /* the address in a #10 window envelope */
} RcvPaper;

/* exchange/: what an import reads */
typedef enum
{
  RCV_IMPORT_CUSTOMERS,
  RCV_IMPORT_INVOICES,
  RCV_IMPORT_PAYMENTS,
} RcvImportKind;

/* exchange/: what an export writes */
typedef enum
{
  RCV_EXPORT_CUSTOMERS,
  RCV_EXPORT_INVOICES,
  RCV_EXPORT_PAYMENTS,
  RCV_EXPORT_AGING,
} RcvExportKind;

G_END_DECLS
