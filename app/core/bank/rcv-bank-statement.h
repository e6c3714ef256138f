/* rcv-bank-statement.h - a bank statement as read from camt.053/054, MT940 or CSV
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rcv-money.h"

G_BEGIN_DECLS

typedef enum
{
  RCV_BANK_CAMT053,
  RCV_BANK_CAMT054,
  RCV_BANK_MT940,
  RCV_BANK_CSV,
} RcvBankFormat;

/* One movement on the account. A camt.054 batch entry with several transactions gives one
 * entry per transaction. */
typedef struct
{
  char *entry_ref;       /* the bank's reference of the entry, or NULL when it gives none */
  GDate booking_date;
  GDate value_date;      /* cleared when the file gives none */
  gint64 amount;         /* minor units of the company's currency, > 0 */
  gboolean credit;       /* money in; a debit is listed and skipped */
  gboolean reversal;     /* a return or a reversal: skipped too */
  gboolean pending;      /* not booked yet (camt's PDNG): skipped, to come again booked */
  char *currency;        /* as the file says, or NULL */
  char *remittance;      /* the unstructured remittance lines, joined by spaces ("" if none) */
  char *reference;       /* the structured creditor reference, or NULL */
  char *end_to_end;      /* the end-to-end ID (EREF), or NULL */
  char *payer_name;      /* or NULL */
  char *payer_iban;      /* compacted, or NULL */
  char *where;           /* where in the file: "line 12" or an element path */
} RcvBankEntry;

typedef struct
{
  RcvBankFormat format;
  char *account;         /* the statement's account: an IBAN, or the bank's account ID */
  char *statement_id;    /* or NULL */
  gboolean has_balances; /* the file gives balances (checked as it was read) */
  gint64 opening;        /* the first statement's opening balance, the last one's closing */
  gint64 closing;
  GPtrArray *entries;    /* RcvBankEntry, in the file's order */
} RcvBankStatement;

RcvBankStatement *rcv_bank_statement_new         (RcvBankFormat  format);
void          rcv_bank_statement_free        (RcvBankStatement       *statement);
RcvBankEntry *rcv_bank_entry_new        (void);
void          rcv_bank_entry_free       (RcvBankEntry       *entry);
const char   *rcv_bank_format_name (RcvBankFormat  format);

RcvBankStatement *rcv_bank_statement_parse       (const char         *data,
                                         gsize               length,
                                         const char         *file_name,
                                         const RcvCurrency  *currency,
                                         GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvBankStatement, rcv_bank_statement_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvBankEntry, rcv_bank_entry_free)

G_END_DECLS
