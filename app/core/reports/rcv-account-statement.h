/* rcv-account-statement.h - a customer's statement of account for a period
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rcv-aging.h"
#include "rcv-database.h"

G_BEGIN_DECLS

typedef enum
{
  RCV_STATEMENT_INVOICE,
  RCV_STATEMENT_CREDIT_NOTE,
  RCV_STATEMENT_PAYMENT,
} RcvStatementLineKind;

/* A document of the period, with the balance after it. */
typedef struct
{
  RcvStatementLineKind kind;
  gint64 id;                /* the invoice's or the payment's */
  GDate date;
  GDate due_date;           /* an invoice's; cleared otherwise */
  char *number;             /* the invoice's or credit note's number, the payment's reference */
  char *method;             /* a payment's ("" if none); NULL otherwise */
  gint64 amount;            /* + what it adds to what is owed, − what it takes off */
  gint64 balance;           /* owed after it */
  char *applied;            /* a payment's or credit note's allocations in the period
                             * ("2026-0001, 2026-0002"); NULL: none */
} RcvStatementLine;

/* An invoice open as of the statement's date. */
typedef struct
{
  gint64 invoice_id;
  char *number;
  GDate issue_date;
  GDate due_date;
  gint64 open;
  gint days_overdue;        /* ≤ 0: not due yet */
} RcvStatementItem;

typedef struct
{
  gint64 customer_id;
  char *code;
  char *name;
  char *address;
  char *email;
  GDate from;               /* the period: from … as_of, both included */
  GDate as_of;
  gint64 opening;           /* owed at the end of the day before `from` */
  gint64 closing;           /* owed at the end of `as_of`: the aging report's balance */
  GArray *lines;            /* RcvStatementLine, by date (a day's invoices first), then ID */
  GArray *items;            /* RcvStatementItem, oldest due date first */
  guint boundaries[RCV_AGING_MAX_BOUNDARIES];
  guint n_boundaries;
  guint n_buckets;
  gint64 buckets[RCV_AGING_MAX_BUCKETS];  /* the open items by age, as the aging report */
  gint64 unapplied;         /* ≤ 0: payments and credit notes not applied as of as_of */
} RcvAccountStatement;

void                 rcv_account_statement_default_from (const GDate  *as_of,
                                                         GDate        *from);
RcvAccountStatement *rcv_account_statement_read (RcvDatabase         *db,
                                                 gint64               customer_id,
                                                 const GDate         *from,
                                                 const GDate         *as_of,
                                                 GError             **error);
void                 rcv_account_statement_free (RcvAccountStatement *statement);
GArray              *rcv_account_statement_list_customers (RcvDatabase  *db,
                                                           const GDate  *as_of,
                                                           GError      **error);
GPtrArray           *rcv_account_statements_read (RcvDatabase   *db,
                                                  GArray        *customer_ids,
                                                  const GDate   *from,
                                                  const GDate   *as_of,
                                                  GCancellable  *cancellable,
                                                  GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvAccountStatement, rcv_account_statement_free)

G_END_DECLS
