/* rcv-bank-item.h - a bank entry waiting, as the Bank page lists it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rcv-bank-match.h"

G_BEGIN_DECLS

#define RCV_TYPE_BANK_ITEM (rcv_bank_item_get_type ())
G_DECLARE_FINAL_TYPE (RcvBankItem, rcv_bank_item, RCV, BANK_ITEM, GObject)

RcvBankItem          *rcv_bank_item_new         (RcvBankPending *pending);
const RcvBankPending *rcv_bank_item_get_pending (RcvBankItem    *self);

G_END_DECLS
