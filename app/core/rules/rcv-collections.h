/* rcv-collections.h - disputes, promises to pay, payment plans, hand-over to an agency, and the
 * recommendation per account
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rcv-database.h"
#include "rcv-enum.h"
#include "rcv-money.h"

G_BEGIN_DECLS

/* Your own chasing of an account is reckoned to take this much longer, by default (the
 * expected recovery if you keep chasing is the collectability at its age plus this) */
#define RCV_COLLECTIONS_CHASE_DAYS 90
/* The agency's commission when none is known yet, by default (basis points) */
#define RCV_COLLECTIONS_DEFAULT_COMMISSION_BP 2500
/* The default collectability-by-age curve: days overdue and the share still collected */
#define RCV_COLLECTIONS_DEFAULT_CURVE "90:73,180:50,365:25,730:10"
#define RCV_COLLECTIONS_MAX_POINTS 12

/* for people, translated */
const char *rcv_dispute_reason_label      (RcvDisputeReason  reason);
const char *rcv_nonpayment_label          (RcvNonpayment     nonpayment);
const char *rcv_recommendation_label      (RcvRecommendation recommendation);

/* What dunning and alerts leave out as of a date: invoices under an unresolved dispute, and
 * accounts handed over to an agency. */
typedef struct _RcvCollectionsExclusions RcvCollectionsExclusions;

RcvCollectionsExclusions *rcv_collections_exclusions_new  (RcvDatabase  *db,
                                                           const GDate  *as_of,
                                                           GError      **error);
gboolean rcv_collections_excludes_invoice  (const RcvCollectionsExclusions *exclusions,
                                            gint64                          invoice_id);
gboolean rcv_collections_excludes_customer (const RcvCollectionsExclusions *exclusions,
                                            gint64                          customer_id);
/* The Julian day an open invoice counts as late from: its due date, or, when it was issued
 * by the start of a payment plan kept as of the date, the plan's first missed instalment (0
 * while none is missed: the plan is being kept, the invoice is not late). */
guint32  rcv_collections_late_from         (const RcvCollectionsExclusions *exclusions,
                                            gint64                          customer_id,
                                            const char                     *issue_date,
                                            const char                     *due_date);

typedef struct
{
  gint64 customer_id;
  gint64 plan_id;
  guint seq;                 /* 1-based */
  GDate due_date;
  gint64 amount;
  gint64 shortfall;          /* what the payments by its date fell short of, ≤ amount */
} RcvMissedInstalment;

/* The missed instalments of the plans kept as of the date, by plan and instalment. */
gboolean rcv_collections_is_under_plan     (const RcvCollectionsExclusions *exclusions,
                                           gint64                          customer_id);
const GArray *rcv_collections_get_missed   (const RcvCollectionsExclusions *exclusions);
void     rcv_collections_exclusions_free   (RcvCollectionsExclusions       *exclusions);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvCollectionsExclusions, rcv_collections_exclusions_free)

/* Writes: each one transaction, audited. */
gboolean rcv_collections_check_customer  (RcvDatabase      *db,
                                         gint64            customer_id,
                                         GError          **error);
gint64   rcv_collections_open_dispute    (RcvDatabase      *db,
                                          gint64            invoice_id,
                                          RcvDisputeReason  reason,
                                          const char       *notes,
                                          const GDate      *opened_on,
                                          GError          **error);
gboolean rcv_collections_resolve_dispute (RcvDatabase      *db,
                                          gint64            invoice_id,
                                          const GDate      *resolved_on,
                                          GError          **error);
gboolean rcv_collections_set_account     (RcvDatabase      *db,
                                          gint64            customer_id,
                                          RcvNonpayment     nonpayment,
                                          const char       *responsible,
                                          GError          **error);
gboolean rcv_collections_hand_over       (RcvDatabase      *db,
                                          gint64            customer_id,
                                          const char       *agency,
                                          const GDate      *date,
                                          gint              commission_bp,
                                          GError          **error);
gint64   rcv_collections_add_contact     (RcvDatabase      *db,
                                          gint64            customer_id,
                                          const GDate      *date,
                                          const char       *kind,
                                          const char       *notes,
                                          GError          **error);
gint64   rcv_collections_add_promise     (RcvDatabase      *db,
                                          gint64            customer_id,
                                          const GDate      *made_on,
                                          const GDate      *due_date,
                                          gint64            amount,
                                          GError          **error);

typedef struct
{
  GDate due_date;
  gint64 amount;
} RcvInstalment;

gint64   rcv_collections_add_plan        (RcvDatabase      *db,
                                          gint64            customer_id,
                                          const GDate      *created_on,
                                          const GArray     *instalments,
                                          GError          **error);
gboolean rcv_collections_end_plan        (RcvDatabase      *db,
                                          gint64            plan_id,
                                          const GDate      *ended_on,
                                          GError          **error);
/* Charges the agency's commission on every payment dated on or after its account's
 * hand-over that does not carry it yet, inside the caller's transaction. */
gboolean rcv_collections_charge_commission (RcvDatabase    *db,
                                            GError        **error);

/* The collectability curve: points of (days overdue, basis points still collected), days
 * increasing and shares falling; 0 days is 100 %. */
typedef struct
{
  guint n_points;
  guint days[RCV_COLLECTIONS_MAX_POINTS];
  guint bp[RCV_COLLECTIONS_MAX_POINTS];
} RcvCollectability;

gboolean rcv_collectability_parse  (const char            *text,
                                    RcvCollectability     *curve,
                                    GError               **error);
char    *rcv_collectability_format (const RcvCollectability *curve);
guint    rcv_collectability_at     (const RcvCollectability *curve,
                                    gint                     days);
void     rcv_collections_get_curve (RcvDatabase           *db,
                                    RcvCollectability     *curve);
gboolean rcv_collections_set_curve (RcvDatabase           *db,
                                    const char            *text,
                                    GError               **error);

/* The assumptions of the expected recovery, stored with the company: how many more days your
 * own chasing takes (1 to 730), and the agency's commission (basis points, under 100 %). */
typedef struct
{
  gint chase_days;
  gint commission_bp;
} RcvRecoveryAssumptions;

void     rcv_collections_get_assumptions (RcvDatabase                  *db,
                                          RcvRecoveryAssumptions       *assumptions);
gboolean rcv_collections_set_assumptions (RcvDatabase                  *db,
                                          const RcvRecoveryAssumptions *assumptions,
                                          GError                      **error);

/* The account's collections record and its plan being kept, for its page. */
typedef struct
{
  RcvNonpayment nonpayment;
  char *responsible;
  char *agency;              /* NULL: not handed over */
  GDate handed_over_on;
  gint commission_bp;
  gint64 plan_id;            /* the plan being kept; 0: none */
  GDate plan_created_on;
  GArray *instalments;       /* RcvInstalment of that plan, by date */
  gint64 plan_paid;          /* the payments since the plan's start, up to the date */
  GPtrArray *disputed;       /* the numbers of the invoices under a dispute now (char *) */
} RcvCollectionsRecord;

void                  rcv_collections_record_free (RcvCollectionsRecord *record);
RcvCollectionsRecord *rcv_collections_get_record  (RcvDatabase  *db,
                                                   gint64        customer_id,
                                                   const GDate  *as_of,
                                                   GError      **error);
/* The unresolved dispute of an invoice: its reason and notes; FALSE when it has none. */
gboolean rcv_collections_get_dispute (RcvDatabase      *db,
                                      gint64            invoice_id,
                                      RcvDisputeReason *reason,
                                      char            **notes,
                                      GDate            *opened_on);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvCollectionsRecord, rcv_collections_record_free)

G_END_DECLS
