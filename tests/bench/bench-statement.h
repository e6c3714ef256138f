/* bench-statement.h - the benchmark's bank statement, written from a company's open invoices
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rcv-database.h"

G_BEGIN_DECLS

GString *bench_statement_camt053 (RcvDatabase *db,
                                  guint        n_entries);

G_END_DECLS
