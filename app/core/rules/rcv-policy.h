/* rcv-policy.h - credit policies: terms, limits, reminder levels, interest, and their store
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "rcv-credit.h"   /* the policy at work: RcvCreditCheck */
#include "rcv-database.h"
#include "rcv-rates.h"

G_BEGIN_DECLS

#define RCV_DEFAULT_TERMS_DAYS 30
#define RCV_MAX_POLICY_NAME 80
#define RCV_MAX_REMINDER_LEVELS 9
#define RCV_MAX_POLICY_DAYS 3650
#define RCV_DEFAULT_LETTER_INTERVAL_DAYS 14
#define RCV_DEFAULT_DEADLINE_DAYS 10
#define RCV_MIN_LEVEL_DAYS (-365)     /* a courtesy notice up to a year before the due date */

/* SQL: the ID of the policy that applies to the customer `c`, its own or else the default */
#define RCV_CUSTOMER_POLICY_SQL \
  "coalesce (c.policy_id, (SELECT id FROM policies WHERE is_default = 1))"

/* Whether a reminder level claims the policy's interest, or its fixed compensation. */
typedef enum
{
  RCV_CLAIM_AS_POLICY = -1,  /* what the policy sets: levels written before version 8 */
  RCV_CLAIM_NO = 0,
  RCV_CLAIM_YES = 1,
} RcvClaim;

typedef struct
{
  gint days_after_due;     /* below 1: a courtesy notice that many days before the due date */
  char *title;             /* "" for the built-in title of its place (rcv_reminder_level_title) */
  char *body;              /* "" for the built-in letter text of its level */
  gint64 fee;              /* minor units */
  RcvClaim claims_interest;
  RcvClaim claims_compensation;
  gint deadline_days;      /* the days the letter gives to pay, from its date */
} RcvReminderLevel;

typedef struct
{
  gint64 id;               /* 0 until stored */
  char *name;
  gboolean is_default;
  gint terms_days;
  gint discount_days;      /* early-payment discount: paid within these days… */
  gint discount_bp;        /* …this much off (basis points) */
  gint64 credit_limit;     /* minor units; -1: none */
  RcvInterestKind interest_kind;
  gint interest_bp;        /* the fixed annual rate */
  RcvCompensation compensation;
  gint alert_days_first;
  gint alert_days_second;
  gint hold_days;          /* -1: never on hold for lateness */
  gint agency_days;        /* -1: never handed to an agency */
  gint letter_interval_days; /* at least this many days between two letters to a customer */
  GArray *levels;          /* RcvReminderLevel, by level */
} RcvPolicy;

#define RCV_TYPE_POLICY (rcv_policy_get_type ())

GType      rcv_policy_get_type        (void) G_GNUC_CONST;
RcvPolicy *rcv_policy_new             (void);
RcvPolicy *rcv_policy_copy            (const RcvPolicy *policy);
void       rcv_policy_free            (RcvPolicy *policy);
RcvReminderLevel *rcv_policy_add_level (RcvPolicy  *policy,
                                       gint        days_after_due,
                                       const char *title,
                                       const char *body,
                                       gint64      fee);
void       rcv_policy_remove_level    (RcvPolicy *policy,
                                       guint      index);
void       rcv_policy_move_level      (RcvPolicy *policy,
                                       guint      from,
                                       guint      to);
const char *rcv_reminder_level_title   (const RcvPolicy *policy,
                                         guint            index);
gboolean   rcv_reminder_level_claims_interest     (const RcvPolicy *policy,
                                                   guint            index);
gboolean   rcv_reminder_level_claims_compensation (const RcvPolicy *policy,
                                                   guint            index);
const char *rcv_reminder_level_default_title (guint index,
                                              guint n_levels,
                                              gint  days_after_due);
gboolean   rcv_policy_validate        (const RcvPolicy  *policy,
                                       const char      **field,
                                       gint             *level,
                                       GError          **error);

const char *const *rcv_letter_placeholders (void);

GPtrArray *rcv_policy_list            (RcvDatabase  *db,
                                       GError      **error);
RcvPolicy *rcv_policy_load            (RcvDatabase  *db,
                                       gint64        policy_id,
                                       GError      **error);
gboolean   rcv_policy_save            (RcvDatabase  *db,
                                       RcvPolicy    *policy,
                                       GError      **error);
RcvPolicy *rcv_policy_duplicate       (RcvDatabase  *db,
                                       gint64        policy_id,
                                       GError      **error);
gboolean   rcv_policy_set_default     (RcvDatabase  *db,
                                       gint64        policy_id,
                                       GError      **error);
gboolean   rcv_policy_delete          (RcvDatabase  *db,
                                       gint64        policy_id,
                                       gint64        move_to,
                                       GError      **error);
gint64     rcv_policy_count_customers (RcvDatabase  *db,
                                       gint64        policy_id);
gboolean   rcv_policy_assign          (RcvDatabase  *db,
                                       const gint64 *customer_ids,
                                       guint         n_customers,
                                       gint64        policy_id,
                                       GError      **error);

gint64     rcv_policy_find_by_name    (RcvDatabase *db,
                                       const char  *name,
                                       GError     **error);
gint64     rcv_policy_get_default_id  (RcvDatabase *db);
gint       rcv_policy_get_terms       (RcvDatabase *db,
                                       gint64       policy_id);
gboolean   rcv_policy_describe        (RcvDatabase  *db,
                                       gint64        policy_id,
                                       char        **name,
                                       gint64       *credit_limit);

gboolean   rcv_policy_get_interest_rate (RcvDatabase     *db,
                                         const RcvPolicy *policy,
                                         const GDate     *date,
                                         gint            *rate_bp,
                                         GError         **error);
gint64     rcv_policy_get_compensation (const RcvPolicy   *policy,
                                        gint64             invoice_total,
                                        const RcvCurrency *currency);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvPolicy, rcv_policy_free)

G_END_DECLS
