/* rcv-bank-columns-dialog.h - naming the columns of a bank's CSV export, once per account
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rcv-bank-statement.h"
#include "rcv-database.h"

G_BEGIN_DECLS

#define RCV_TYPE_BANK_COLUMNS_DIALOG (rcv_bank_columns_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RcvBankColumnsDialog, rcv_bank_columns_dialog, RCV, BANK_COLUMNS_DIALOG,
                      AdwWindow)

RcvBankColumnsDialog *rcv_bank_columns_dialog_new      (GtkWindow            *parent,
                                                        RcvDatabase          *database,
                                                        RcvBankCsvLayout     *layout,
                                                        const char           *file_name);
AdwComboRow          *rcv_bank_columns_dialog_get_row  (RcvBankColumnsDialog *self,
                                                        RcvBankColumn         column);
const char           *rcv_bank_columns_dialog_get_problem (RcvBankColumnsDialog *self);

G_END_DECLS
