/* rcv-database-private.h - what the core's own files need of RcvDatabase: statements
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only files under app/core include this: the GUI and the CLI never see SQL.
 */
#pragma once

#include <sqlite3.h>

#include "rcv-database.h"

G_BEGIN_DECLS

sqlite3      *rcv_database_get_handle (RcvDatabase *self);
sqlite3_stmt *rcv_database_prepare    (RcvDatabase *self,
                                       const char  *sql,
                                       GError     **error);
gboolean      rcv_database_exec       (RcvDatabase *self,
                                       const char  *sql,
                                       GError     **error);
gboolean      rcv_database_set_error  (RcvDatabase *self,
                                       GError     **error);
gboolean      rcv_database_step_done  (RcvDatabase  *self,
                                       sqlite3_stmt *stmt,
                                       GError      **error);
gboolean      rcv_database_begin_read (RcvDatabase *self,
                                       gboolean    *started,
                                       GError     **error);
void          rcv_database_end_read   (RcvDatabase *self,
                                       gboolean     started);

static inline const char *
rcv_column_text (sqlite3_stmt *stmt,
                 int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? (const char *) text : "";
}

/* Binds without a copy (a million-row import felt the copies): the text must stay alive until
 * the statement has been stepped and reset, as it does in every caller; the statement cache
 * clears the bindings before the statement's next use. */
static inline void
rcv_bind_text (sqlite3_stmt *stmt,
               int           index,
               const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

gint64        rcv_database_query_int64 (RcvDatabase *self,
                                        const char  *sql,
                                        gint64       parameter,
                                        gint64       fallback);

gboolean      rcv_database_leave_wal     (RcvDatabase *self);
void          rcv_database_return_to_wal (RcvDatabase *self);
void          rcv_database_checkpoint    (RcvDatabase *self);

G_END_DECLS
