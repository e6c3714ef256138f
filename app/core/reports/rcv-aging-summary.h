/* rcv-aging-summary.h - what the Overview shows as of a date: the aging report, and days
 * sales outstanding
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rcv-aging.h"

G_BEGIN_DECLS

/* Days sales outstanding by the countback method, in tenths of a day. */
typedef struct
{
  gint64 receivables;     /* the open invoices counted back */
  gint64 tenths;          /* 10 × days */
  gboolean complete;      /* FALSE when the sales ran out first: DSO is at least this */
} RcvDso;

/* What the overview shows: the aging report and the DSO as of one date. */
typedef struct
{
  RcvAgingReport *report;
  RcvDso dso;
} RcvAgingSummary;

gboolean         rcv_aging_summary_dso       (RcvDatabase  *db,
                                              const GDate  *as_of,
                                              gint64        receivables,
                                              RcvDso       *dso,
                                              GError      **error);

void             rcv_aging_summary_new_async (RcvDatabase         *db,
                                              const GDate         *as_of,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
RcvAgingSummary *rcv_aging_summary_new_finish (RcvDatabase   *db,
                                               GAsyncResult  *result,
                                               GError       **error);
void             rcv_aging_summary_free      (RcvAgingSummary *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvAgingSummary, rcv_aging_summary_free)

G_END_DECLS
