/* rcv-bank-match.h - the receipts of a bank statement matched to invoices, and applied
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rcv-bank-statement.h"
#include "rcv-database.h"
#include "rcv-ledger.h"

G_BEGIN_DECLS

typedef enum
{
  RCV_BANK_AUTO,       /* certain: recorded when the statement is applied */
  RCV_BANK_SUGGEST,    /* a likely customer (and invoices), for a person to confirm */
  RCV_BANK_NONE,       /* no idea whose it is */
  RCV_BANK_SKIP,       /* not a receipt: a debit, a reversal, not booked yet */
  RCV_BANK_DUPLICATE,  /* this bank entry was imported before */
} RcvBankDecision;

typedef struct
{
  const RcvBankEntry *entry;  /* of the statement matched */
  char *entry_key;            /* the bank's reference, or one made from its content */
  RcvBankDecision decision;
  char *reason;               /* why, in words */
  gint64 customer_id;         /* 0 for none */
  GArray *allocations;        /* RcvAllocationRequest: recorded (auto) or proposed (suggest) */
  GPtrArray *invoice_numbers; /* of the allocations, in their order */
  gint64 allocated;           /* 0 for a suggestion */
  gint64 unapplied;
} RcvBankMatch;

const char *rcv_bank_decision_nick    (RcvBankDecision  decision);
GPtrArray  *rcv_bank_match_statement  (RcvDatabase            *db,
                                       const RcvBankStatement *statement,
                                       GError                **error);
gboolean    rcv_bank_apply            (RcvDatabase            *db,
                                       const RcvBankStatement *statement,
                                       GPtrArray              *matches,
                                       gboolean                record_auto,
                                       guint                  *n_recorded,
                                       GError                **error);

/* An entry imported and waiting in the company file (bank_entries, status 'pending'). */
typedef struct
{
  gint64 id;
  GDate date;
  gint64 amount;
  char *payer_name;
  char *payer_iban;
  char *remittance;
  char *entry_key;
  RcvBankDecision decision;
  char *reason;
  gint64 customer_id;        /* 0 for none */
  char *customer_name;       /* or NULL */
  char *invoices;            /* the invoice numbers proposed, space separated */
} RcvBankPending;

void        rcv_bank_pending_free     (RcvBankPending *pending);
GPtrArray  *rcv_bank_list_pending     (RcvDatabase  *db,
                                       GError      **error);
gboolean    rcv_bank_confirm          (RcvDatabase  *db,
                                       gint64        entry_id,
                                       gint64       *payment_id,
                                       GError      **error);
gboolean    rcv_bank_apply_pending    (RcvDatabase  *db,
                                       guint        *n_recorded,
                                       GError      **error);
gboolean    rcv_bank_skip             (RcvDatabase  *db,
                                       gint64        entry_id,
                                       GError      **error);
gboolean    rcv_bank_unskip           (RcvDatabase  *db,
                                       gint64        entry_id,
                                       GError      **error);
gboolean    rcv_bank_mark_recorded    (RcvDatabase  *db,
                                       gint64        entry_id,
                                       gint64        payment_id,
                                       GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvBankPending, rcv_bank_pending_free)

G_END_DECLS
