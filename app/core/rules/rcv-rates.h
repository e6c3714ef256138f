/* rcv-rates.h - statutory late-payment interest: the regimes and their reference rates
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rcv-database.h"
#include "rcv-enum.h"
#include "rcv-money.h"

G_BEGIN_DECLS

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
