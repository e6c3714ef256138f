/* rcv-bank-statement-private.h - what the bank layer's files share: the statement readers'
 * helpers, the IBANs learned
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rcv-bank-statement.h"
#include "rcv-database.h"

G_BEGIN_DECLS

RcvBankStatement *rcv_camt_parse  (const char         *data,
                               gsize               length,
                               const char         *file_name,
                               const RcvCurrency  *currency,
                               GError            **error);
RcvBankStatement *rcv_mt940_parse (const char         *data,
                               gsize               length,
                               const char         *file_name,
                               const RcvCurrency  *currency,
                               GError            **error);
RcvBankStatement *rcv_bank_csv_parse (const char        *data,
                                      gsize              length,
                                      const char        *file_name,
                                      const RcvCurrency *currency,
                                      GPtrArray         *remembered,
                                      GError           **error);

gboolean rcv_bank_read_amount (const char         *text,
                                    char                decimal_mark,
                                    const RcvCurrency  *currency,
                                    gint64             *amount);
char    *rcv_bank_join        (const char         *a,
                                    const char         *b);
gboolean rcv_bank_statement_check_range (const RcvBankStatement *statement,
                                    guint               first,
                                    gint64              opening,
                                    gint64              closing,
                                    const char         *where,
                                    const char         *file_name,
                                    const RcvCurrency  *currency,
                                    GError            **error);

gboolean rcv_bank_learn_iban (RcvDatabase  *db,
                              const char   *iban,
                              gint64        customer_id,
                              GError      **error);

G_END_DECLS
