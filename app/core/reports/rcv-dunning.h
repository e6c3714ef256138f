/* rcv-dunning.h - which reminder letter is due for whom, with its interest and fees
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rcv-database.h"
#include "rcv-policy.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 invoice_id;
  char *number;
  GDate issue_date;
  GDate due_date;
  gint days_late;          /* ≥ 1 when overdue; ≤ 0 on a courtesy notice before the due date */
  gint64 total;            /* the invoice's total, which sets the UK compensation */
  gint64 open;
  gint64 interest;         /* claimed: open × rate × days late / 365, rounded once; 0 when the
                            * letter's level claims no interest */
  gint64 compensation;     /* claimed: the fixed sum for a late invoice, or 0 */
  gint64 interest_accrued; /* what the policy's rate gives, claimed or not */
  gint64 compensation_due; /* what the policy's compensation gives, claimed or not */
  GArray *periods;         /* RcvInterestPeriod of its late days; empty without interest */
  guint level;             /* the level recording the letter stores for it: the letter's */
  guint sent_level;        /* the highest level already sent for it; 0: none */
} RcvDunningItem;

typedef struct
{
  gint64 customer_id;
  char *code;
  char *name;
  char *address;
  char *email;
  char *policy_name;
  GDate date;              /* the as-of date: the letter's date */
  GDate deadline;          /* date + the level's deadline days */
  GDate oldest_due;
  guint level;             /* 1-based: the level it goes out at */
  guint suggested_level;   /* the level the rules give (one above the last one sent) */
  guint n_levels;          /* in its policy */
  char *title;             /* the level's title: the letter's subject */
  char *body;              /* the level's text with {placeholders}, the built-in one if none */
  gboolean claims_interest;
  gboolean claims_compensation;
  RcvInterestKind interest_kind;
  RcvCompensation compensation_kind;
  GArray *items;           /* RcvDunningItem: the invoices it is about, oldest due first */
  GArray *periods;         /* RcvInterestPeriod: the rates its interest runs at, by date */
  GArray *previous;        /* GDate: the letters already sent about these invoices, oldest
                            * first (the log's, dated by the as-of date) */
  gint64 last_letter_id;   /* the customer's latest letter when the log was read; 0: none */
  char *interest_problem;  /* why interest could not be worked out (a missing reference
                            * rate), or NULL; such a letter can only go out at a level that
                            * claims no interest */
  const RcvPolicy *policy; /* its policy, whose levels rcv_dunning_letter_set_level uses;
                            * the run's, shared by its letters */
  gint64 open;             /* Σ open of its invoices */
  gint64 interest;         /* Σ interest claimed */
  gint64 compensation;     /* Σ compensation claimed */
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
  GHashTable *policies;    /* policy ID → RcvPolicy: the letters' policies */
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

gboolean       rcv_dunning_letter_set_level (RcvDunningLetter *letter,
                                             guint             level,
                                             GError          **error);
const char    *rcv_dunning_default_body   (guint    level,
                                           guint    n_levels,
                                           gint     days_after_due,
                                           gboolean has_previous);
char          *rcv_dunning_letter_expand  (const RcvDunningLetter *letter,
                                           const char             *text,
                                           const char             *company,
                                           const char             *contact,
                                           const RcvCurrency      *currency);
char          *rcv_dunning_letter_reference (const RcvDunningLetter *letter);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvDunningRun, rcv_dunning_run_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvSentLetter, rcv_sent_letter_free)

G_END_DECLS
