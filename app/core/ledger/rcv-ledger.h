/* rcv-ledger.h - customers, invoices and their lines, credit notes, payments, allocations
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rcv-database.h"
#include "rcv-enum.h"

G_BEGIN_DECLS

/* Limits on what a person may type, checked where the data enters. */
#define RCV_MAX_CODE_LENGTH 64
#define RCV_MAX_TEXT_LENGTH 4000
#define RCV_MAX_TERMS_DAYS 3650
#define RCV_MAX_QUANTITY_MILLI G_GINT64_CONSTANT (1000000000000)

typedef enum
{
  RCV_INVOICE_STATUS_POSTED,
  RCV_INVOICE_STATUS_VOID,
} RcvInvoiceStatus;

typedef struct
{
  gint64 id;
  char *code;          /* the customer's ID as people and files know it */
  char *name;
  char *email;
  char *phone;
  char *address;
  gint64 policy_id;    /* 0: the default policy */
  gint64 credit_limit; /* minor units; -1: the policy's */
  gint terms_days;     /* -1: the policy's */
  gboolean archived;
} RcvCustomer;

typedef struct
{
  char *description;
  gint64 quantity_milli; /* thousandths: 1500 is 1.5 */
  gint64 unit_price;     /* minor units */
  gint tax_bp;           /* basis points: 1900 is 19 % */
  gint64 net;            /* computed: round (quantity × price) */
  gint64 tax;            /* computed: round (net × rate) */
} RcvInvoiceLine;

typedef struct
{
  gint64 id;
  char *number;
  gint64 customer_id;
  RcvInvoiceKind kind;
  RcvInvoiceStatus status;
  GDate issue_date;
  GDate due_date;
  char *description;
  GArray *lines;       /* of RcvInvoiceLine */
  gint64 total;        /* computed: Σ (net + tax) */
  gint64 allocated;    /* settled so far by payments or credit (for a credit note: used) */
} RcvInvoice;

typedef struct
{
  gint64 id;
  gint64 customer_id;
  GDate date;
  gint64 amount;
  char *method;
  char *reference;
  gint64 allocated;
} RcvPayment;

typedef struct
{
  gint64 invoice_id;
  gint64 amount;
} RcvAllocationRequest;

RcvCustomer *rcv_customer_new            (void);
void         rcv_customer_free           (RcvCustomer *customer);
gboolean     rcv_customer_validate       (const RcvCustomer *customer,
                                          const char       **field,
                                          GError           **error);

RcvInvoice  *rcv_invoice_new             (RcvInvoiceKind kind);
void         rcv_invoice_free            (RcvInvoice *invoice);
void         rcv_invoice_add_line        (RcvInvoice *invoice,
                                          const char *description,
                                          gint64      quantity_milli,
                                          gint64      unit_price,
                                          gint        tax_bp);
gboolean     rcv_invoice_compute_totals  (RcvInvoice  *invoice,
                                          GError     **error);
gboolean     rcv_invoice_validate        (RcvInvoice  *invoice,
                                          const char **field,
                                          GError     **error);

RcvPayment  *rcv_payment_new             (void);
void         rcv_payment_free            (RcvPayment *payment);
gboolean     rcv_payment_validate        (const RcvPayment *payment,
                                          const char      **field,
                                          GError          **error);

gboolean     rcv_ledger_is_empty         (RcvDatabase *db);
gboolean     rcv_ledger_add_customer     (RcvDatabase *db,
                                          RcvCustomer *customer,
                                          GError     **error);
gboolean     rcv_ledger_update_customer  (RcvDatabase       *db,
                                          const RcvCustomer *customer,
                                          GError           **error);
gboolean     rcv_ledger_set_customer_archived (RcvDatabase *db,
                                               gint64       customer_id,
                                               gboolean     archived,
                                               GError     **error);
RcvCustomer *rcv_ledger_get_customer     (RcvDatabase *db,
                                          gint64       id,
                                          GError     **error);
RcvCustomer *rcv_ledger_find_customer    (RcvDatabase *db,
                                          const char  *code,
                                          GError     **error);
char        *rcv_ledger_propose_customer_code (RcvDatabase *db);
gboolean     rcv_ledger_add_customer_iban (RcvDatabase *db,
                                           gint64       customer_id,
                                           const char  *iban,
                                           GError     **error);

char        *rcv_ledger_propose_number   (RcvDatabase    *db,
                                          RcvInvoiceKind  kind,
                                          const GDate    *issue_date);
gboolean     rcv_ledger_add_invoice      (RcvDatabase *db,
                                          RcvInvoice  *invoice,
                                          GError     **error);
RcvInvoice  *rcv_ledger_get_invoice      (RcvDatabase *db,
                                          gint64       id,
                                          GError     **error);
RcvInvoice  *rcv_ledger_find_invoice     (RcvDatabase *db,
                                          const char  *number,
                                          GError     **error);

RcvPayment  *rcv_ledger_get_payment      (RcvDatabase *db,
                                          gint64       id,
                                          GError     **error);
gboolean     rcv_ledger_allocate_payment (RcvDatabase *db,
                                          gint64       payment_id,
                                          gint64       invoice_id,
                                          gint64       amount,
                                          GError     **error);
gboolean     rcv_ledger_allocate_credit_note (RcvDatabase *db,
                                              gint64       credit_note_id,
                                              gint64       invoice_id,
                                              gint64       amount,
                                              GError     **error);
gint64       rcv_ledger_get_open_amount  (RcvDatabase *db,
                                          gint64       invoice_id,
                                          const GDate *as_of);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvCustomer, rcv_customer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvInvoice, rcv_invoice_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvPayment, rcv_payment_free)

/* Voids an invoice nothing was paid on, with the reason in the audit table. */
gboolean     rcv_ledger_void_invoice     (RcvDatabase  *db,
                                          gint64        invoice_id,
                                          const char   *reason,
                                          GError      **error);

G_END_DECLS
