/* rcv-aging-private.h - the open-document SQL that aging and its trend share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rcv-aging.h"
#include "rcv-date.h"
#include "rcv-ledger-private.h"

G_BEGIN_DECLS

/* The open amount of a document as of ?3: total − allocated when all its allocations took
 * effect by then, else its allocations summed up to ?3. */
#define INVOICE_OPEN_AMOUNT \
  " CASE WHEN i.last_allocation IS NULL OR i.last_allocation <= ?3" \
  "  THEN (CASE i.kind WHEN 'invoice' THEN i.total - i.allocated ELSE i.total + i.allocated END)" \
  "  WHEN i.kind = 'invoice'" \
  "  THEN i.total - coalesce ((SELECT sum (a.amount) FROM allocations a" \
  "   WHERE a.invoice_id = i.id AND a.effective_date <= ?3), 0)" \
  "  ELSE i.total + coalesce ((SELECT sum (a.amount) FROM allocations a" \
  "   WHERE a.credit_note_id = i.id AND a.effective_date <= ?3), 0) END"
#define OPEN_INVOICES_WHERE \
  " FROM invoices i" \
  " WHERE i.span_class = ?1 AND i.issue_date > ?2 AND i.issue_date <= ?3" \
  " AND (i.settled_date IS NULL OR i.settled_date > ?3) AND i.status = 'posted'"
#define PAYMENT_OPEN_AMOUNT \
  " CASE WHEN p.last_allocation IS NULL OR p.last_allocation <= ?3 THEN p.allocated" \
  "  ELSE coalesce ((SELECT sum (a.amount) FROM allocations a" \
  "   WHERE a.payment_id = p.id AND a.effective_date <= ?3), 0) END - p.amount"
/* (span_class > 0, always true of ?1, is the payments_open index's own condition: SQLite reads
 * a partial index only for a query that states it.) */
#define OPEN_PAYMENTS_WHERE \
  " FROM payments p" \
  " WHERE p.span_class = ?1 AND p.span_class > 0 AND p.date > ?2 AND p.date <= ?3" \
  " AND (p.settled_date IS NULL OR p.settled_date > ?3)"

/* A document open as of a date, as the scan sees it: the strings live until the next one. */
typedef struct
{
  RcvAgingItemKind kind;
  gint64 id;
  gint64 customer_id;
  const char *number;      /* invoice or credit-note number, payment reference */
  const char *date;        /* ISO: issue date, payment date */
  const char *due_date;    /* ISO; NULL for payments */
  gint64 open;             /* < 0 for credit */
} RcvOpenDocument;

typedef void (*RcvOpenDocumentFunc) (const RcvOpenDocument *document,
                                     gpointer               user_data);

gboolean rcv_aging_scan_open (RcvDatabase         *db,
                              const GDate         *as_of,
                              gboolean             details,
                              RcvOpenDocumentFunc  func,
                              gpointer             user_data,
                              GError             **error);
gboolean rcv_aging_scan_customer_open (RcvDatabase         *db,
                                       const GDate         *as_of,
                                       gint64               customer_id,
                                       RcvOpenDocumentFunc  func,
                                       gpointer             user_data,
                                       GError             **error);
void rcv_aging_span_lower_bound (guint   span,
                                 guint32 as_of_julian,
                                 char    lower[RCV_ISO_DATE_LEN]);

G_END_DECLS
