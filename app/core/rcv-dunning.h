/* rcv-dunning.h - which reminder letter is due for whom, with its interest and fees
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rcv-database.h"
#include "rcv-policy.h"

G_BEGIN_DECLS

/* Days a letter gives the customer to pay, from its date. */
#define RCV_DUNNING_DEADLINE_DAYS 10

typedef struct
{
  gint64 invoice_id;
  char *number;
  GDate issue_date;
  GDate due_date;
  gint days_late;          /* ≥ 1 */
  gint64 total;            /* the invoice's total, which sets the UK compensation */
  gint64 open;
  gint64 interest;         /* open × rate × days late / 365, rounded once */
  gint64 compensation;     /* the fixed sum for a late invoice, when the policy claims it */
  guint level;             /* the highest level whose delay it has reached; 0: none yet */
  guint sent_level;        /* the highest level already sent for it; 0: none */
} RcvDunningItem;

/* A stretch of the late days charged at one rate: statutory interest changes each half-year. */
typedef struct
{
  GDate from;
  GDate to;                /* inclusive */
  gint rate_bp;            /* the annual rate charged */
  gint reference_bp;       /* the reference rate it adds 8 points to; -1 for a fixed rate */
} RcvInterestPeriod;

typedef struct
{
  gint64 customer_id;
  char *code;
  char *name;
  char *address;
  char *email;
  char *policy_name;
  GDate date;              /* the as-of date: the letter's date */
  GDate deadline;          /* date + RCV_DUNNING_DEADLINE_DAYS */
  GDate oldest_due;
  guint level;             /* 1-based: the highest level among its invoices */
  guint n_levels;          /* in its policy */
  char *title;             /* the level's title: the letter's subject */
  char *body;              /* the level's text with {placeholders}, the built-in one if none */
  RcvInterestKind interest_kind;
  RcvCompensation compensation_kind;
  GArray *items;           /* RcvDunningItem: every overdue open invoice, oldest due first */
  GArray *periods;         /* RcvInterestPeriod the interest was charged at, in date order */
  gint64 open;             /* Σ open of the overdue invoices */
  gint64 interest;         /* Σ interest */
  gint64 compensation;     /* Σ compensation */
  gint64 fee;              /* the level's reminder fee */
  gint64 credit;           /* unapplied credit (≥ 0), deducted */
  gint64 total;            /* what the letter asks for: open + interest + compensation + fee
                            * − credit */
} RcvDunningLetter;

/* A customer with overdue invoices whose unapplied credit covers them: no letter, but the
 * credit should be applied. */
typedef struct
{
  gint64 customer_id;
  char *code;
  char *name;
  gint64 overdue;
  gint64 credit;
} RcvDunningCovered;

typedef struct
{
  GDate as_of;
  GPtrArray *letters;      /* RcvDunningLetter, by customer ID */
  GPtrArray *covered;      /* RcvDunningCovered, by customer ID */
} RcvDunningRun;

typedef struct
{
  gint64 id;
  GDate date;
  guint level;
  char *title;
  guint n_invoices;
  gint64 interest;
  gint64 fees;
  gint64 total;
} RcvSentLetter;

RcvDunningRun *rcv_dunning_run_new        (RcvDatabase   *db,
                                           const GDate   *as_of,
                                           gint64         customer_id,
                                           GCancellable  *cancellable,
                                           GError       **error);
void           rcv_dunning_run_new_async  (RcvDatabase         *db,
                                           const GDate         *as_of,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
RcvDunningRun *rcv_dunning_run_new_finish (RcvDatabase   *db,
                                           GAsyncResult  *result,
                                           GError       **error);
void           rcv_dunning_run_free       (RcvDunningRun *run);

char          *rcv_dunning_run_to_text    (const RcvDunningRun *run,
                                           const RcvCurrency   *currency);
char          *rcv_dunning_run_to_csv     (const RcvDunningRun *run,
                                           const RcvCurrency   *currency);
char          *rcv_dunning_run_to_json    (const RcvDunningRun *run,
                                           const RcvCurrency   *currency);

gboolean       rcv_dunning_record         (RcvDatabase             *db,
                                           const RcvDunningLetter *const *letters,
                                           guint                    n_letters,
                                           gboolean                *recorded,
                                           guint                   *n_skipped,
                                           GError                 **error);
GPtrArray     *rcv_dunning_list_sent      (RcvDatabase  *db,
                                           gint64        customer_id,
                                           GError      **error);
void           rcv_sent_letter_free       (RcvSentLetter *letter);

const char    *rcv_dunning_default_body   (guint level,
                                           guint n_levels);
char          *rcv_dunning_letter_expand  (const RcvDunningLetter *letter,
                                           const char             *text,
                                           const char             *company,
                                           const char             *contact,
                                           const RcvCurrency      *currency);
char          *rcv_dunning_letter_reference (const RcvDunningLetter *letter);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvDunningRun, rcv_dunning_run_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvSentLetter, rcv_sent_letter_free)

G_END_DECLS
