/* rcv-letter-row.h - a letter in the Reminders page's list
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rcv-letter-item.h"
#include "rcv-money.h"

G_BEGIN_DECLS

#define RCV_TYPE_LETTER_ROW (rcv_letter_row_get_type ())
G_DECLARE_FINAL_TYPE (RcvLetterRow, rcv_letter_row, RCV, LETTER_ROW, GtkBox)

RcvLetterRow  *rcv_letter_row_new      (void);
RcvLetterItem *rcv_letter_row_get_item (RcvLetterRow      *self);
void           rcv_letter_row_set_item (RcvLetterRow      *self,
                                        RcvLetterItem     *item,
                                        const RcvCurrency *currency);

G_END_DECLS
