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
                                       guint                  *n_recorded,
                                       GError                **error);

G_END_DECLS
