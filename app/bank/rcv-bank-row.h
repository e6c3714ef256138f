/* rcv-bank-row.h - a bank entry in the Bank page's list: its decision, why, and what to do
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rcv-bank-item.h"
#include "rcv-money.h"

G_BEGIN_DECLS

#define RCV_TYPE_BANK_ROW (rcv_bank_row_get_type ())
G_DECLARE_FINAL_TYPE (RcvBankRow, rcv_bank_row, RCV, BANK_ROW, GtkBox)

GtkWidget *rcv_bank_row_new      (void);
void       rcv_bank_row_set_item (RcvBankRow        *self,
                                  RcvBankItem       *item,
                                  const RcvCurrency *currency);

G_END_DECLS
