/* rcv-sqlite-private.h - SQLite itself, for the files of app/core/store only
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An RcvStatement is an sqlite3_stmt; the connection is an sqlite3. No file outside
 * app/core/store includes this header (tests/check-layers.sh checks it).
 */
#pragma once

#include <sqlite3.h>

#include "rcv-database-private.h"

G_BEGIN_DECLS

sqlite3 *rcv_database_get_handle (RcvDatabase *self);
/* on each new connection: rcv_rows and rcv_row (rcv-bulk.c), the store's SQL functions
 * (rcv-sql-functions.c) */
void     rcv_bulk_register          (sqlite3 *handle);
void     rcv_sql_functions_register (sqlite3 *handle);

static inline sqlite3_stmt *
rcv_statement_sqlite (RcvStatement *stmt)
{
  return (sqlite3_stmt *) stmt;
}

G_END_DECLS
