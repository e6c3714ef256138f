/* rcv-customer-editor.h - a customer's details, new or existing, checked as they are typed
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rcv-database.h"

G_BEGIN_DECLS

#define RCV_TYPE_CUSTOMER_EDITOR (rcv_customer_editor_get_type ())
G_DECLARE_FINAL_TYPE (RcvCustomerEditor, rcv_customer_editor, RCV, CUSTOMER_EDITOR, AdwWindow)

RcvCustomerEditor *rcv_customer_editor_new         (GtkWindow    *parent,
                                                    RcvDatabase  *database,
                                                    gint64        customer_id,
                                                    GError      **error);
const char        *rcv_customer_editor_get_problem (RcvCustomerEditor *self);

G_END_DECLS
