/* rcv-database-private.h - what the core's own files need of RcvDatabase: statements
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only files under app/core include this: the GUI and the CLI never see SQL.
 */
#pragma once

#include "rcv-database.h"

G_BEGIN_DECLS

/* A prepared statement of a connection, from its cache (rcv_database_prepare ()): the layers
 * above the store prepare, bind, step and read through these calls and never call SQLite
 * themselves, so that another backend changes only app/core/store and the SQL dialect. */
typedef struct _RcvStatement RcvStatement;

/* what rcv_statement_step () returns besides an error code */
enum
{
  RCV_ROW = 100,    /* a row is ready to be read */
  RCV_DONE = 101,   /* the statement has run to its end */
};

/* the kind of rule a failed write broke (rcv_database_get_constraint ()) */
typedef enum
{
  RCV_CONSTRAINT_NONE,
  RCV_CONSTRAINT_UNIQUE,
  RCV_CONSTRAINT_PRIMARY_KEY,
  RCV_CONSTRAINT_FOREIGN_KEY,
  RCV_CONSTRAINT_OTHER,
} RcvConstraint;

RcvStatement *rcv_database_prepare    (RcvDatabase *self,
                                       const char  *sql,
                                       GError     **error);
gboolean      rcv_database_exec       (RcvDatabase *self,
                                       const char  *sql,
                                       GError     **error);
gboolean      rcv_database_set_error  (RcvDatabase *self,
                                       GError     **error);
gboolean      rcv_database_step_done  (RcvDatabase  *self,
                                       RcvStatement *stmt,
                                       GError      **error);
gboolean      rcv_database_begin_read (RcvDatabase *self,
                                       gboolean    *started,
                                       GError     **error);
void          rcv_database_end_read   (RcvDatabase *self,
                                       gboolean     started);
/* the row ID of the connection's last INSERT, and the rows its last write changed */
gint64        rcv_database_last_insert_id (RcvDatabase *self);
gint64        rcv_database_changes        (RcvDatabase *self);
/* which rule the connection's last failed statement broke */
RcvConstraint rcv_database_get_constraint (RcvDatabase *self);

int           rcv_statement_step        (RcvStatement *stmt);
void          rcv_statement_reset       (RcvStatement *stmt);
void          rcv_statement_clear_bindings (RcvStatement *stmt);
int           rcv_statement_parameter_count (RcvStatement *stmt);
void          rcv_statement_bind_int64  (RcvStatement *stmt,
                                         int           index,
                                         gint64        value);
void          rcv_statement_bind_int    (RcvStatement *stmt,
                                         int           index,
                                         int           value);
void          rcv_statement_bind_null   (RcvStatement *stmt,
                                         int           index);
/* Binds without a copy (a million-row import felt the copies): the text must stay alive until
 * the statement has been stepped and reset, as it does in every caller; the statement cache
 * clears the bindings before the statement's next use. NULL binds NULL. */
void          rcv_statement_bind_text   (RcvStatement *stmt,
                                         int           index,
                                         const char   *text);
/* A C pointer for an SQL function of the store (rcv-sql-functions.h), of the given type. */
void          rcv_statement_bind_pointer (RcvStatement *stmt,
                                          int           index,
                                          gpointer      pointer,
                                          const char   *type);
gint64        rcv_statement_column_int64 (RcvStatement *stmt,
                                          int           column);
int           rcv_statement_column_int   (RcvStatement *stmt,
                                          int           column);
/* the column's text, "" for NULL; alive until the next step or reset */
const char   *rcv_statement_column_text  (RcvStatement *stmt,
                                          int           column);
gboolean      rcv_statement_column_is_null (RcvStatement *stmt,
                                            int           column);

gint64        rcv_database_query_int64 (RcvDatabase *self,
                                        const char  *sql,
                                        gint64       parameter,
                                        gint64       fallback);

gboolean      rcv_database_leave_wal     (RcvDatabase *self);
void          rcv_database_return_to_wal (RcvDatabase *self);
void          rcv_database_checkpoint    (RcvDatabase *self);

G_END_DECLS
