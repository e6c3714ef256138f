/* rcv-level-row.h - one reminder level of the policy editor, as an expander row
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rcv-money.h"
#include "rcv-policy.h"

G_BEGIN_DECLS

#define RCV_TYPE_LEVEL_ROW (rcv_level_row_get_type ())
G_DECLARE_FINAL_TYPE (RcvLevelRow, rcv_level_row, RCV, LEVEL_ROW, AdwExpanderRow)

RcvLevelRow *rcv_level_row_new          (const RcvPolicy   *policy,
                                         guint              index,
                                         const RcvCurrency *currency);
guint        rcv_level_row_get_position (RcvLevelRow       *self);
gboolean     rcv_level_row_check        (RcvLevelRow       *self,
                                         const RcvCurrency *currency,
                                         const char       **field,
                                         GError           **error);
void         rcv_level_row_add_to       (RcvLevelRow       *self,
                                         RcvPolicy         *policy,
                                         const RcvCurrency *currency);
GtkWidget   *rcv_level_row_get_field    (RcvLevelRow       *self,
                                         const char        *field);

G_END_DECLS
