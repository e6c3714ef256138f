/* rcv-statement.c - prepared statements for the layers above the store
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Thin calls into SQLite: the layers above prepare, bind, step and read through them, so that
 * SQLite's C API is called only in app/core/store.
 */
#include "config.h"

#include "rcv-sqlite-private.h"

G_STATIC_ASSERT (RCV_ROW == SQLITE_ROW);
G_STATIC_ASSERT (RCV_DONE == SQLITE_DONE);

int
rcv_statement_step (RcvStatement *stmt)
{
  return sqlite3_step (rcv_statement_sqlite (stmt));
}

void
rcv_statement_reset (RcvStatement *stmt)
{
  sqlite3_reset (rcv_statement_sqlite (stmt));
}

void
rcv_statement_clear_bindings (RcvStatement *stmt)
{
  sqlite3_clear_bindings (rcv_statement_sqlite (stmt));
}

int
rcv_statement_parameter_count (RcvStatement *stmt)
{
  return sqlite3_bind_parameter_count (rcv_statement_sqlite (stmt));
}

void
rcv_statement_bind_int64 (RcvStatement *stmt,
                          int           index,
                          gint64        value)
{
  sqlite3_bind_int64 (rcv_statement_sqlite (stmt), index, value);
}

void
rcv_statement_bind_int (RcvStatement *stmt,
                        int           index,
                        int           value)
{
  sqlite3_bind_int (rcv_statement_sqlite (stmt), index, value);
}

void
rcv_statement_bind_null (RcvStatement *stmt,
                         int           index)
{
  sqlite3_bind_null (rcv_statement_sqlite (stmt), index);
}

void
rcv_statement_bind_text (RcvStatement *stmt,
                         int           index,
                         const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (rcv_statement_sqlite (stmt), index);
  else
    sqlite3_bind_text (rcv_statement_sqlite (stmt), index, text, -1, SQLITE_STATIC);
}

void
rcv_statement_bind_pointer (RcvStatement *stmt,
                            int           index,
                            gpointer      pointer,
                            const char   *type)
{
  sqlite3_bind_pointer (rcv_statement_sqlite (stmt), index, pointer, type, NULL);
}

gint64
rcv_statement_column_int64 (RcvStatement *stmt,
                            int           column)
{
  return sqlite3_column_int64 (rcv_statement_sqlite (stmt), column);
}

int
rcv_statement_column_int (RcvStatement *stmt,
                          int           column)
{
  return sqlite3_column_int (rcv_statement_sqlite (stmt), column);
}

const char *
rcv_statement_column_text (RcvStatement *stmt,
                           int           column)
{
  const unsigned char *text = sqlite3_column_text (rcv_statement_sqlite (stmt), column);

  return text != NULL ? (const char *) text : "";
}

gboolean
rcv_statement_column_is_null (RcvStatement *stmt,
                              int           column)
{
  return sqlite3_column_type (rcv_statement_sqlite (stmt), column) == SQLITE_NULL;
}

gint64
rcv_database_last_insert_id (RcvDatabase *self)
{
  return sqlite3_last_insert_rowid (rcv_database_get_handle (self));
}

gint64
rcv_database_changes (RcvDatabase *self)
{
  return sqlite3_changes64 (rcv_database_get_handle (self));
}

RcvConstraint
rcv_database_get_constraint (RcvDatabase *self)
{
  int code = sqlite3_extended_errcode (rcv_database_get_handle (self));

  switch (code)
    {
    case SQLITE_CONSTRAINT_UNIQUE:
      return RCV_CONSTRAINT_UNIQUE;
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return RCV_CONSTRAINT_PRIMARY_KEY;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return RCV_CONSTRAINT_FOREIGN_KEY;
    default:
      return (code & 0xff) == SQLITE_CONSTRAINT ? RCV_CONSTRAINT_OTHER : RCV_CONSTRAINT_NONE;
    }
}
