/* rcv-collections.h - disputes, promises to pay, payment plans, hand-over to an agency, and the
 * recommendation per account
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rcv-database.h"
#include "rcv-money.h"

G_BEGIN_DECLS

typedef enum
{
  RCV_DISPUTE_BILLING_ERROR,
  RCV_DISPUTE_QUALITY,
  RCV_DISPUTE_NOT_RECEIVED,
  RCV_DISPUTE_OTHER,
} RcvDisputeReason;

typedef enum
{
  RCV_NONPAYMENT_UNKNOWN,
  RCV_NONPAYMENT_CANT_PAY,
  RCV_NONPAYMENT_WONT_PAY,
  RCV_NONPAYMENT_DISPUTE,
} RcvNonpayment;

typedef enum
{
  RCV_RECOMMEND_CHASE,
  RCV_RECOMMEND_FINAL_NOTICE,
  RCV_RECOMMEND_AGENCY,
} RcvRecommendation;

/* Your own chasing of an account is reckoned to take this much longer (the expected
 * recovery if you keep chasing is the collectability at its age plus this) */
#define RCV_COLLECTIONS_CHASE_DAYS 90
/* The agency's commission when none is known yet (basis points) */
#define RCV_COLLECTIONS_DEFAULT_COMMISSION_BP 2500
/* The default collectability-by-age curve: days overdue and the share still collected */
#define RCV_COLLECTIONS_DEFAULT_CURVE "90:73,180:50,365:25,730:10"
#define RCV_COLLECTIONS_MAX_POINTS 12

const char *rcv_dispute_reason_to_string  (RcvDisputeReason  reason);
gboolean    rcv_dispute_reason_from_string (const char       *text,
                                            RcvDisputeReason *reason);
const char *rcv_nonpayment_to_string      (RcvNonpayment     nonpayment);
gboolean    rcv_nonpayment_from_string    (const char       *text,
                                           RcvNonpayment    *nonpayment);
const char *rcv_recommendation_to_string  (RcvRecommendation recommendation);

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
void     rcv_collections_exclusions_free   (RcvCollectionsExclusions       *exclusions);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvCollectionsExclusions, rcv_collections_exclusions_free)

/* Writes: each one transaction, audited. */
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
  gint64 policy_id;          /* the credit policy that applies; 0: the default one */
  gint agency_days;          /* the policy's hand-over threshold; -1: never */
  gint final_days;           /* the last reminder level's delay; -1: no levels */
  RcvRecommendation recommendation;
  char *reasoning;           /* why, in a sentence or two, translated */
  gint commission_bp;
  gint64 recovery_chase;     /* expected if you keep chasing */
  gint64 recovery_agency;    /* expected through an agency, its commission deducted */
  /* payer behaviour over the 12 months before the date: invoices settled then */
  guint paid;
  guint paid_late;
  guint paid_past_60;
  gint64 days_late_total;    /* over the paid invoices: the average is this / paid */
} RcvCollectionsAccount;

void       rcv_collections_account_free (RcvCollectionsAccount *account);
GPtrArray *rcv_collections_report       (RcvDatabase  *db,
                                         const GDate  *as_of,
                                         GError      **error);
char      *rcv_collections_average_late (const RcvCollectionsAccount *account);
char      *rcv_collections_report_to_csv  (const GPtrArray   *report,
                                           const RcvCurrency *currency);
char      *rcv_collections_report_to_json (const GPtrArray   *report,
                                           const GDate       *as_of,
                                           const RcvCurrency *currency);

G_END_DECLS
