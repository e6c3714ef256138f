/* rcv-spin-row.h - a preferences row for a whole number, with a spin button
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RCV_TYPE_SPIN_ROW (rcv_spin_row_get_type ())
G_DECLARE_FINAL_TYPE (RcvSpinRow, rcv_spin_row, RCV, SPIN_ROW, AdwActionRow)

GtkSpinButton *rcv_spin_row_get_spin_button (RcvSpinRow *self);

G_END_DECLS
