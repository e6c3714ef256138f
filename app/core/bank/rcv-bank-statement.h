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

/* The columns of a bank's CSV export */
typedef enum
{
  RCV_BANK_COLUMN_DATE,
  RCV_BANK_COLUMN_VALUE_DATE,
  RCV_BANK_COLUMN_AMOUNT,       /* signed; or a credit and a debit column */
  RCV_BANK_COLUMN_CREDIT,
  RCV_BANK_COLUMN_DEBIT,
  RCV_BANK_COLUMN_TEXT,
  RCV_BANK_COLUMN_NAME,
  RCV_BANK_COLUMN_IBAN,
  RCV_BANK_COLUMN_END_TO_END,
  RCV_BANK_COLUMN_REFERENCE,
  RCV_BANK_COLUMN_CURRENCY,
  RCV_BANK_N_COLUMNS
} RcvBankColumn;

/* A CSV export's columns as a person named them, remembered for the bank account: its exports
 * are read by these header names whatever their order. */
typedef struct
{
  char *account;                        /* the account's IBAN, or NULL: for exports naming no
                                         * account, whose header row is `header` */
  char *header;                         /* the header row's cells, folded, joined by ';' */
  char *names[RCV_BANK_N_COLUMNS];      /* each column's header cell, NULL: not in the export */
} RcvBankCsvColumns;

/* What a CSV file looks like, for a person to name its columns */
typedef struct
{
  char *account;                  /* the account's IBAN, found above the header, or NULL */
  guint header_line;
  GStrv header;                   /* the header row's cells */
  GStrv sample;                   /* the row below it, one cell per header cell ("" if short) */
  RcvBankCsvColumns *columns;     /* as the file would be read now: remembered, or found by
                                   * the names banks use (names of columns not found NULL) */
} RcvBankCsvLayout;

RcvBankStatement *rcv_bank_statement_new         (RcvBankFormat  format);
void          rcv_bank_statement_free        (RcvBankStatement       *statement);
RcvBankEntry *rcv_bank_entry_new        (void);
void          rcv_bank_entry_free       (RcvBankEntry       *entry);
const char   *rcv_bank_format_name (RcvBankFormat  format);

RcvBankStatement *rcv_bank_statement_parse (const char         *data,
                                            gsize               length,
                                            const char         *file_name,
                                            const RcvCurrency  *currency,
                                            GPtrArray          *remembered,
                                            GError            **error);

const char        *rcv_bank_column_key       (RcvBankColumn            column);
const char        *rcv_bank_column_label     (RcvBankColumn            column);
gboolean           rcv_bank_column_from_key  (const char              *key,
                                              RcvBankColumn           *column);
RcvBankCsvColumns *rcv_bank_csv_columns_new  (void);
RcvBankCsvColumns *rcv_bank_csv_columns_copy (const RcvBankCsvColumns *columns);
void               rcv_bank_csv_columns_free (RcvBankCsvColumns       *columns);
gboolean           rcv_bank_csv_columns_check (const RcvBankCsvColumns *columns,
                                               const char              *const *header,
                                               GError                 **error);
RcvBankCsvLayout  *rcv_bank_csv_inspect      (const char              *data,
                                              gsize                    length,
                                              const char              *file_name,
                                              GPtrArray               *remembered,
                                              GError                 **error);
void               rcv_bank_csv_layout_free  (RcvBankCsvLayout        *layout);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvBankStatement, rcv_bank_statement_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvBankEntry, rcv_bank_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvBankCsvColumns, rcv_bank_csv_columns_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvBankCsvLayout, rcv_bank_csv_layout_free)

G_END_DECLS
