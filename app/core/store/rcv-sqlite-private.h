/* rcv-sqlite-private.h - SQLite itself and the connection's state, for app/core/store only
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An RcvStatement is an sqlite3_stmt; the connection is an sqlite3. No file outside
 * app/core/store includes this header (tests/check-layers.sh checks it).
 */
#pragma once

#include <sqlite3.h>

#include "rcv-database-check.h"
#include "rcv-database-private.h"

G_BEGIN_DECLS

struct _RcvDatabase
{
  GObject parent_instance;

  sqlite3 *handle;
  char *path;
  RcvDatabaseFlags flags;
  GHashTable *statements;  /* SQL literal (by address) → RcvStatement */
  guint transaction_depth;
  RcvCurrency currency;
  guint boundaries[RCV_AGING_MAX_BOUNDARIES];
  guint n_boundaries;
  RcvAgingBasis basis;
  gint64 busy_since;       /* on_busy (): when the current wait began */
  gboolean told_waiting;
  RcvFileState change_start; /* start_change (): the state a change of the file began from */
  gboolean change_chained;   /* …and whether that state was known to be sound */
  GHashTable *profile;     /* with RCV_PROFILE_SQL: SQL text → RcvProfileEntry */
};

typedef struct
{
  const char *sql;
  guint64 calls;
  guint64 nanoseconds;
} ProfileEntry;

typedef struct
{
  const char *sql;
  guint64 calls;
  guint64 nanoseconds;
} RcvProfileEntry;

sqlite3 *rcv_database_get_handle (RcvDatabase *self);
/* a GError for an SQLite result code, naming the file */
gboolean rcv_database_error_from_code   (GError    **error,
                                         int         code,
                                         const char *path,
                                         const char *detail);
/* a new company file, private to its owner from its first byte on */
gboolean rcv_database_create_empty_file (const char *path,
                                         gboolean    make_parents,
                                         GError    **error);
gboolean rcv_database_query_value       (RcvDatabase *self,
                                         const char  *sql,
                                         gint64      *value,
                                         GError     **error);
/* around anything that changes the file through SQLite: the state it is left in is
 * remembered as sound when the one it began from was (rcv-database-check.c) */
void     rcv_database_start_change     (RcvDatabase *self);
void     rcv_database_end_change       (RcvDatabase *self);
/* settings read once at opening (rcv-database-settings.c) */
void     rcv_database_default_settings (RcvDatabase *self);
void     rcv_database_load_settings    (RcvDatabase *self);
/* RCV_PROFILE_SQL=1 (rcv-database-profile.c) */
void     rcv_database_profile_start (RcvDatabase *self);
void     rcv_database_profile_print (RcvDatabase *self);
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
