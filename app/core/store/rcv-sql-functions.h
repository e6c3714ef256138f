/* rcv-sql-functions.h - the SQL functions the store adds to each connection
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rcv-database-private.h"
#include "rcv-date.h"

G_BEGIN_DECLS

/* The sums of rcv_age_sum (sums, basis_date, amount), an aggregate that adds each amount into
 * the bucket of its date: bucket b takes the dates ≥ thresholds[b] (b < n_thresholds), the
 * last bucket the older ones. Sorting the rows by bucket for a GROUP BY cost as much as
 * reading them. */
typedef struct
{
  char thresholds[RCV_AGING_MAX_BOUNDARIES + 1][RCV_ISO_DATE_LEN];
  guint n_thresholds;
  gint64 buckets[RCV_AGING_MAX_BOUNDARIES + 2];
} RcvAgeSums;

/* binds `sums` to the parameter `index` of a statement that calls rcv_age_sum () */
void rcv_statement_bind_age_sums (RcvStatement *stmt,
                                  int           index,
                                  RcvAgeSums   *sums);

G_END_DECLS
