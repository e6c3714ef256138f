/* rcv-alerts.h - accounts passing their alert thresholds (60 and 90 days), each told once
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rcv-database.h"

G_BEGIN_DECLS

/* More crossings than this in one check are told in one summary notification. */
#define RCV_ALERTS_SUMMARY_MIN 6

typedef enum
{
  RCV_ALERT_OVERDUE,       /* an account passed an alert threshold */
  RCV_ALERT_INSTALMENT,    /* an instalment of a payment plan was missed */
} RcvAlertKind;

typedef struct
{
  RcvAlertKind kind;
  gint64 customer_id;
  char *code;
  char *name;
  /* an instalment missed: threshold and days are 0, days_late counts from the instalment's
   * date (oldest_due), overdue is what the payments fell short of, oldest_number is NULL */
  gint64 plan_id;
  guint seq;
  guint threshold;         /* 1: the policy's first threshold, 2: its second */
  gint days;               /* that threshold, in days overdue */
  gint days_late;          /* how late the oldest open overdue invoice is */
  char *oldest_number;     /* that invoice */
  GDate oldest_due;
  gint64 overdue;          /* the open amount of the account's overdue invoices */
} RcvAlert;

typedef struct
{
  GDate as_of;
  GPtrArray *crossings;    /* RcvAlert: the thresholds newly passed, one per account, then
                            * the instalments newly missed */
  guint n_passed;          /* accounts at or past a threshold, told before or now */
  guint n_reset;           /* thresholds an account dropped back below */
  guint n_renewed;         /* of the crossings, those told before: the account dropped below
                            * and passed again since, by the ledger */
} RcvAlertCheck;

void           rcv_alert_free             (RcvAlert *alert);
void           rcv_alert_check_free       (RcvAlertCheck *check);

RcvAlertCheck *rcv_alerts_check           (RcvDatabase   *db,
                                           const GDate   *as_of,
                                           gboolean       claim,
                                           GCancellable  *cancellable,
                                           GError       **error);
void           rcv_alerts_check_async     (RcvDatabase         *db,
                                           const GDate         *as_of,
                                           gboolean             claim,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
RcvAlertCheck *rcv_alerts_check_finish    (RcvDatabase   *db,
                                           GAsyncResult  *result,
                                           GError       **error);
gboolean       rcv_alerts_release         (RcvDatabase   *db,
                                           GPtrArray     *crossings,
                                           guint          first,
                                           GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvAlert, rcv_alert_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvAlertCheck, rcv_alert_check_free)

G_END_DECLS
