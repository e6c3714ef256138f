/* rcv-bank-page.h - the Bank page: statements imported, their entries waiting for a decision
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rcv-database.h"

G_BEGIN_DECLS

#define RCV_TYPE_BANK_PAGE (rcv_bank_page_get_type ())
G_DECLARE_FINAL_TYPE (RcvBankPage, rcv_bank_page, RCV, BANK_PAGE, AdwBin)

void     rcv_bank_page_set_database (RcvBankPage  *self,
                                     RcvDatabase  *database);
void     rcv_bank_page_reload       (RcvBankPage  *self);
gboolean rcv_bank_page_import_file  (RcvBankPage  *self,
                                     GFile        *file);
guint    rcv_bank_page_get_n_waiting (RcvBankPage *self);
gboolean rcv_bank_page_is_importing  (RcvBankPage *self);

G_END_DECLS
