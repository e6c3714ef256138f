/* rcv-rates.h - statutory late-payment interest: the regimes and their reference rates
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rcv-database.h"
#include "rcv-money.h"

G_BEGIN_DECLS

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
  RCV_N_INTEREST_KINDS
} RcvInterestKind;

typedef enum
{
  RCV_COMPENSATION_NONE,
  RCV_COMPENSATION_EU,     /* 40 per late invoice */
  RCV_COMPENSATION_UK,     /* 40, 70 or 100 by the invoice's size */
} RcvCompensation;

/* A series of reference rates, one per half-year. */
typedef enum
{
  RCV_RATE_REGION_EU,      /* the ECB's main refinancing rate on 1 January and 1 July */
  RCV_RATE_REGION_UK,      /* the Bank of England's rate on 31 December and 30 June */
  RCV_RATE_REGION_DE,      /* the Bundesbank's Basiszinssatz (§ 247 BGB) */
  RCV_RATE_REGION_AT,      /* the OeNB's Basiszinssatz on the half-year's eve (§ 456 UGB) */
  RCV_N_RATE_REGIONS
} RcvRateRegion;

typedef enum
{
  RCV_RATE_RULE_PER_HALF,        /* each half-year at its own rate */
  RCV_RATE_RULE_FIXED_AT_START,  /* the whole debt at the rate of the half interest starts in */
} RcvRateRule;

typedef struct
{
  RcvInterestKind kind;
  const char *country;           /* ISO 3166 code; "" for the EU minimum */
  RcvRateRegion series;
  gint margin_bp;                /* points added to the reference rate */
  RcvRateRule rule;
  RcvCompensation compensation;  /* the fixed compensation the regime grants */
  const char *name;              /* translated: "Germany (§ 288 BGB)" */
  const char *interest_basis;    /* translated: the law and its rule, for the letter */
  const char *compensation_basis;/* translated: the law that grants the compensation */
} RcvStatutoryRegime;

typedef struct
{
  RcvRateRegion region;
  guint year;
  guint half;              /* 1: January to June, 2: July to December */
  gint rate_bp;            /* may be below zero */
  gboolean built_in;       /* shipped with the app, not entered in this company file */
} RcvReferenceRate;

/* A stretch of the late days charged at one rate. */
typedef struct
{
  GDate from;
  GDate to;                /* inclusive */
  gint days;               /* to − from + 1 */
  gint rate_bp;            /* the annual rate charged */
  gint reference_bp;       /* the reference rate under it; -1 for a fixed rate */
  gboolean fixed;          /* the policy's own rate, no reference rate */
} RcvInterestPeriod;

/* Every reference rate known to a company, read once for a run of many invoices. */
typedef struct _RcvRateTable RcvRateTable;

const RcvStatutoryRegime *rcv_statutory_regime      (RcvInterestKind kind);
const char               *rcv_interest_kind_label   (RcvInterestKind kind);
const char               *rcv_rate_region_to_string (RcvRateRegion region);
gboolean                  rcv_rate_region_from_string (const char    *text,
                                                       RcvRateRegion *region);
const char               *rcv_rate_region_label     (RcvRateRegion region);

const RcvReferenceRate   *rcv_reference_rates_built_in (guint *n_rates);

GArray   *rcv_reference_rates_list   (RcvDatabase             *db,
                                      GError                 **error);
gboolean  rcv_reference_rate_lookup  (RcvDatabase             *db,
                                      RcvRateRegion            region,
                                      guint                    year,
                                      guint                    half,
                                      RcvReferenceRate        *rate,
                                      GError                 **error);
gboolean  rcv_reference_rate_set     (RcvDatabase             *db,
                                      const RcvReferenceRate  *rate,
                                      GError                 **error);
gboolean  rcv_reference_rate_delete  (RcvDatabase             *db,
                                      RcvRateRegion            region,
                                      guint                    year,
                                      guint                    half,
                                      GError                 **error);

RcvRateTable *rcv_rate_table_new     (RcvDatabase             *db,
                                      GError                 **error);
void          rcv_rate_table_free    (RcvRateTable            *table);
GArray       *rcv_rate_table_periods (const RcvRateTable      *table,
                                      RcvInterestKind          kind,
                                      gint                     fixed_bp,
                                      const GDate             *first,
                                      const GDate             *last,
                                      GError                 **error);
gboolean      rcv_interest_on        (gint64                   amount,
                                      const GArray            *periods,
                                      gint64                  *interest);

gint64    rcv_compensation_amount    (RcvCompensation          compensation,
                                      gint64                   invoice_total,
                                      const RcvCurrency       *currency);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvRateTable, rcv_rate_table_free)

G_END_DECLS
