/* rcv-bank-columns.h - the columns of a bank's CSV export, named once, remembered
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rcv-bank-statement.h"
#include "rcv-database.h"

G_BEGIN_DECLS

GPtrArray        *rcv_bank_columns_load     (RcvDatabase             *db,
                                             GError                 **error);
gboolean          rcv_bank_columns_remember (RcvDatabase             *db,
                                             const RcvBankCsvColumns *columns,
                                             GError                 **error);
RcvBankStatement *rcv_bank_statement_read   (RcvDatabase             *db,
                                             const char              *data,
                                             gsize                    length,
                                             const char              *file_name,
                                             GError                 **error);
RcvBankCsvLayout *rcv_bank_columns_inspect  (RcvDatabase             *db,
                                             const char              *data,
                                             gsize                    length,
                                             const char              *file_name,
                                             GError                 **error);

G_END_DECLS
