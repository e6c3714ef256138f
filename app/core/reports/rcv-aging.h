/* rcv-aging.h - who owes what, and for how long, as of any date
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rcv-database.h"
#include "rcv-enum.h"

G_BEGIN_DECLS

#define RCV_AGING_MAX_BUCKETS (RCV_AGING_MAX_BOUNDARIES + 2)

typedef struct
{
  gint64 customer_id;
  char *code;
  char *name;
  gint64 buckets[RCV_AGING_MAX_BUCKETS]; /* 0 is Current, the last is Over <last boundary> */
  gint64 unapplied;                      /* unapplied credit, ≤ 0 */
  gint64 balance;                        /* Σ buckets + unapplied */
  gint oldest_days;                      /* days overdue of the oldest open invoice */
  gint days_past_due;                    /* the same, always from the due date (whatever the
                                          * aging basis); G_MININT when nothing is open */
  guint n_open_invoices;
} RcvAgingRow;

typedef struct
{
  GDate as_of;
  RcvAgingBasis basis;
  guint boundaries[RCV_AGING_MAX_BOUNDARIES];
  guint n_boundaries;
  guint n_buckets;
  GPtrArray *rows;   /* of RcvAgingRow, by customer ID (digit runs as numbers) */
  RcvAgingRow total;
} RcvAgingReport;

typedef struct
{
  gint64 customer_id;
  char *customer_code;
  char *customer_name;
  RcvAgingItemKind kind;
  gint64 document_id;
  char *document;    /* invoice or credit-note number, payment reference */
  GDate date;        /* issue date, payment date */
  GDate due_date;    /* invoices only */
  gint days_overdue;
  gint bucket;       /* -1 for credit */
  gint64 open;       /* < 0 for credit */
} RcvAgingItem;

RcvAgingReport *rcv_aging_report_new      (RcvDatabase *db,
                                           const GDate *as_of,
                                           GError     **error);
void            rcv_aging_report_free     (RcvAgingReport *report);
GPtrArray      *rcv_aging_list_items      (RcvDatabase *db,
                                           const GDate *as_of,
                                           GError     **error);
guint           rcv_aging_bucket_for_days (const guint *boundaries,
                                           guint        n_boundaries,
                                           gint         days);
char           *rcv_aging_bucket_key      (const guint *boundaries,
                                           guint        n_boundaries,
                                           guint        bucket);
char           *rcv_aging_bucket_label    (const guint *boundaries,
                                           guint        n_boundaries,
                                           guint        bucket);
char           *rcv_aging_report_to_csv   (const RcvAgingReport *report,
                                           const RcvCurrency    *currency);
char           *rcv_aging_report_to_json  (const RcvAgingReport *report,
                                           const RcvCurrency    *currency);
char           *rcv_aging_items_to_csv    (GPtrArray            *items,
                                           const guint          *boundaries,
                                           guint                 n_boundaries,
                                           const RcvCurrency    *currency);
char           *rcv_aging_items_to_json   (GPtrArray            *items,
                                           const GDate          *as_of,
                                           const guint          *boundaries,
                                           guint                 n_boundaries,
                                           const RcvCurrency    *currency);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvAgingReport, rcv_aging_report_free)

G_END_DECLS
