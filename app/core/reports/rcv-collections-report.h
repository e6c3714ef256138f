/* rcv-collections-report.h - the recommendation per account, payer behaviour, and an account's
 * story
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rcv-collections.h"

G_BEGIN_DECLS

typedef struct
{
  guint paid;                /* invoices settled in the period */
  guint paid_late;           /* of which after their due date */
  guint paid_past_60;        /* of which more than 60 days after it */
  gint64 days_late_total;    /* over the paid invoices: the average is this / paid */
} RcvPayerBehaviour;

typedef struct
{
  gint64 customer_id;
  char *code;
  char *name;
  gint oldest_days;          /* of the oldest undisputed open overdue invoice; 0: none */
  char *oldest_number;       /* that invoice, or NULL */
  gint64 open;               /* every open invoice, disputed or not */
  gint64 disputed;           /* of which under an unresolved dispute */
  guint n_disputes;
  guint broken_promises;
  guint missed_instalments;
  gboolean under_plan;       /* a payment plan is kept as of the date */
  gint64 policy_id;          /* the credit policy that applies; 0: the default one */
  gint agency_days;          /* the policy's hand-over threshold; -1: never */
  gint final_days;           /* the last reminder level's delay; -1: no levels */
  RcvRecommendation recommendation;
  char *reasoning;           /* why, in a sentence or two, translated */
  gint commission_bp;
  gint64 recovery_chase;     /* expected if you keep chasing */
  gint64 recovery_agency;    /* expected through an agency, its commission deducted */
  RcvPayerBehaviour payer;
  /* the hand-over, for an account asked for by rcv_collections_report_for() */
  char *agency;              /* NULL: not handed over */
  GDate handed_over_on;
  gint chase_days;           /* the horizon of recovery_chase */
} RcvCollectionsAccount;

/* Payer behaviour over the 365 days up to a date: the customer's invoices settled then. */
GHashTable *rcv_collections_payers      (RcvDatabase  *db,
                                         const GDate  *as_of,
                                         GError      **error);
char       *rcv_collections_average_late (const RcvPayerBehaviour *payer);
/* The average days late in tenths of a day, G_MININT when nothing was paid (for sorting). */
gint        rcv_collections_average_tenths (const RcvPayerBehaviour *payer);

void       rcv_collections_account_free (RcvCollectionsAccount *account);
GPtrArray *rcv_collections_report       (RcvDatabase  *db,
                                         const GDate  *as_of,
                                         GError      **error);
/* One account as of a date, overdue or not, handed over or not; blocking (it scans the
 * company's open items): rcv_collections_report_for_async() from the GUI. */
RcvCollectionsAccount *rcv_collections_report_for (RcvDatabase  *db,
                                                   const GDate  *as_of,
                                                   gint64        customer_id,
                                                   GError      **error);
void       rcv_collections_report_for_async  (RcvDatabase         *db,
                                              const GDate         *as_of,
                                              gint64               customer_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
RcvCollectionsAccount *rcv_collections_report_for_finish (RcvDatabase   *db,
                                                          GAsyncResult  *result,
                                                          GError       **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvCollectionsAccount, rcv_collections_account_free)

/* The account's story, newest first: contacts, promises (broken or kept as of the date),
 * payment plans, letters, payments (with the agency's commission), disputes and the
 * hand-over. */
typedef enum
{
  RCV_EVENT_CONTACT,
  RCV_EVENT_PROMISE,
  RCV_EVENT_PLAN,
  RCV_EVENT_LETTER,
  RCV_EVENT_PAYMENT,
  RCV_EVENT_DISPUTE,
  RCV_EVENT_DISPUTE_RESOLVED,
  RCV_EVENT_HAND_OVER,
} RcvEventKind;

typedef struct
{
  RcvEventKind kind;
  GDate date;
  gint64 id;                 /* the contact, promise, plan, letter, payment or dispute */
  gint64 amount;             /* promised, planned, asked for, paid or disputed; 0: none */
  char *title;               /* what happened, in a few words, translated */
  char *detail;              /* notes, reference, or "" */
  gboolean flagged;          /* a broken promise, a plan with a missed instalment */
} RcvCollectionsEvent;

void       rcv_collections_event_free (RcvCollectionsEvent *event);
GPtrArray *rcv_collections_timeline   (RcvDatabase  *db,
                                       gint64        customer_id,
                                       const GDate  *as_of,
                                       guint         limit,
                                       GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvCollectionsEvent, rcv_collections_event_free)

G_END_DECLS
