/* rcv-posting.h - entering invoices and payments under the customer's credit policy
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rcv-ledger.h"
#include "rcv-policy.h"

G_BEGIN_DECLS

/* The customer's own terms, else its policy's, else the default policy's. */
gint     rcv_posting_get_terms    (RcvDatabase       *db,
                                   const RcvCustomer *customer);
gboolean rcv_posting_post_invoice (RcvDatabase    *db,
                                   RcvInvoice     *invoice,
                                   const GDate    *today,
                                   const char     *override_reason,
                                   RcvCreditCheck *check,
                                   GError        **error);
gboolean rcv_posting_add_payment  (RcvDatabase                *db,
                                   RcvPayment                 *payment,
                                   const RcvAllocationRequest *requests,
                                   guint                       n_requests,
                                   gboolean                    allocate_rest,
                                   GError                    **error);

G_END_DECLS
