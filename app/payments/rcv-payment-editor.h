/* rcv-payment-editor.h - a payment received, with its proposed allocation to open invoices
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rcv-database.h"

G_BEGIN_DECLS

#define RCV_TYPE_PAYMENT_EDITOR (rcv_payment_editor_get_type ())
G_DECLARE_FINAL_TYPE (RcvPaymentEditor, rcv_payment_editor, RCV, PAYMENT_EDITOR, AdwWindow)

RcvPaymentEditor *rcv_payment_editor_new          (GtkWindow    *parent,
                                                   RcvDatabase  *database,
                                                   gint64        customer_id,
                                                   GError      **error);
void              rcv_payment_editor_set_allocation (RcvPaymentEditor *self,
                                                     guint             index,
                                                     const char       *amount);
void              rcv_payment_editor_set_receipt  (RcvPaymentEditor *self,
                                                   const GDate      *date,
                                                   gint64            amount,
                                                   const char       *reference);
const char       *rcv_payment_editor_get_problem  (RcvPaymentEditor *self);

G_END_DECLS
