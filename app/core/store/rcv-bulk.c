/* rcv-bulk.c - many rows from memory written by one SQL statement
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A million single-row INSERTs or UPDATEs pay SQLite's per-statement work (bind, step,
 * reset, halt) a million times. rcv_rows is a table-valued function over rows held in
 * memory (an RcvBulkSource, passed as a pointer bound to its one argument), so that
 *
 *   INSERT INTO allocations (invoice_id, …) SELECT c0, … FROM rcv_rows (?1)
 *   UPDATE invoices SET allocated = r.c1, … FROM rcv_rows (?1) AS r WHERE invoices.id = r.c0
 *
 * write them all in one statement, the table's own loop.
 *
 * An UPDATE … FROM, though, gathers every row of its join before it writes the first (SQLite
 * plans it in two passes). rcv_row (?1, key, column) is a function that gives one column of
 * the row with that key instead, so that
 *
 *   UPDATE invoices SET allocated = rcv_row (?1, id, 1), …
 *    WHERE id BETWEEN ?2 AND ?3 AND rcv_row (?1, id, 0) IS NOT NULL
 *
 * updates each row as its scan reaches it: half the time for a million invoices.
 *
 * The pointers travel as sqlite3_bind_pointer ()s of types "rcv-bulk-source" and
 * "rcv-bulk-lookup", which SQL text cannot forge; both are registered per connection and
 * marked direct-only, so the schema (triggers, views) cannot call them.
 */
#define G_LOG_DOMAIN "rcv-bulk"

#include "config.h"

#include <string.h>

#include "rcv-bulk.h"
#include "rcv-sqlite-private.h"
#include "rcv-date.h"

#define POINTER_TYPE "rcv-bulk-source"
#define LOOKUP_POINTER_TYPE "rcv-bulk-lookup"
#define SOURCE_COLUMN RCV_BULK_MAX_COLUMNS   /* the hidden argument column */

typedef struct
{
  sqlite3_vtab_cursor base;
  RcvBulkSource *source;
  sqlite3_int64 rowid;
  gboolean eof;
} Cursor;

static int
rows_connect (sqlite3            *handle,
              void               *aux,
              int                 argc,
              const char *const  *argv,
              sqlite3_vtab      **vtab,
              char              **error)
{
  int rc = sqlite3_declare_vtab (handle,
                                 "CREATE TABLE x (c0, c1, c2, c3, c4, c5, c6, c7, c8, c9,"
                                 " c10, c11, source HIDDEN)");

  if (rc != SQLITE_OK)
    return rc;
  *vtab = sqlite3_malloc (sizeof (sqlite3_vtab));
  if (*vtab == NULL)
    return SQLITE_NOMEM;
  memset (*vtab, 0, sizeof (sqlite3_vtab));
  sqlite3_vtab_config (handle, SQLITE_VTAB_DIRECTONLY);
  return SQLITE_OK;
}

static int
rows_disconnect (sqlite3_vtab *vtab)
{
  sqlite3_free (vtab);
  return SQLITE_OK;
}

/* Only a plan that gives the source is usable: rcv_rows (?1). */
static int
rows_best_index (sqlite3_vtab       *vtab,
                 sqlite3_index_info *info)
{
  for (int i = 0; i < info->nConstraint; i++)
    {
      const struct sqlite3_index_constraint *constraint = &info->aConstraint[i];

      if (constraint->iColumn != SOURCE_COLUMN || constraint->op != SQLITE_INDEX_CONSTRAINT_EQ)
        continue;
      if (!constraint->usable)
        return SQLITE_CONSTRAINT;
      info->aConstraintUsage[i].argvIndex = 1;
      info->aConstraintUsage[i].omit = 1;
      info->idxNum = 1;
      /* read once, in its own order: cheap as an outer loop, useless as an inner one */
      info->estimatedCost = 1e6;
      info->estimatedRows = 1000000;
      return SQLITE_OK;
    }
  return SQLITE_CONSTRAINT;
}

static int
rows_open (sqlite3_vtab         *vtab,
           sqlite3_vtab_cursor **cursor)
{
  Cursor *self = sqlite3_malloc (sizeof (Cursor));

  if (self == NULL)
    return SQLITE_NOMEM;
  memset (self, 0, sizeof (Cursor));
  *cursor = &self->base;
  return SQLITE_OK;
}

static int
rows_close (sqlite3_vtab_cursor *cursor)
{
  sqlite3_free (cursor);
  return SQLITE_OK;
}

static int
rows_next (sqlite3_vtab_cursor *cursor)
{
  Cursor *self = (Cursor *) cursor;

  self->eof = self->source == NULL || !self->source->next (self->source->data);
  self->rowid++;
  return SQLITE_OK;
}

static int
rows_filter (sqlite3_vtab_cursor  *cursor,
             int                   idx_num,
             const char           *idx_str,
             int                   argc,
             sqlite3_value       **argv)
{
  Cursor *self = (Cursor *) cursor;

  self->source = argc == 1 ? sqlite3_value_pointer (argv[0], POINTER_TYPE) : NULL;
  self->rowid = 0;
  return rows_next (cursor);
}

static int
rows_eof (sqlite3_vtab_cursor *cursor)
{
  return ((Cursor *) cursor)->eof;
}

static int
rows_column (sqlite3_vtab_cursor *cursor,
             sqlite3_context     *context,
             int                  column)
{
  Cursor *self = (Cursor *) cursor;

  if (column < SOURCE_COLUMN)
    self->source->column (self->source->data, column, (RcvBulkCell *) context);
  else
    sqlite3_result_null (context);
  return SQLITE_OK;
}

static int
rows_rowid (sqlite3_vtab_cursor *cursor,
            sqlite3_int64       *rowid)
{
  *rowid = ((Cursor *) cursor)->rowid;
  return SQLITE_OK;
}

static const sqlite3_module rows_module = {
  .iVersion = 0,
  .xCreate = NULL,          /* eponymous only: rcv_rows exists on every connection */
  .xConnect = rows_connect,
  .xBestIndex = rows_best_index,
  .xDisconnect = rows_disconnect,
  .xDestroy = rows_disconnect,
  .xOpen = rows_open,
  .xClose = rows_close,
  .xFilter = rows_filter,
  .xNext = rows_next,
  .xEof = rows_eof,
  .xColumn = rows_column,
  .xRowid = rows_rowid,
};

/* rcv_row (lookup, key, column): NULL when the lookup has no row with that key. */
static void
row_function (sqlite3_context  *context,
              int               argc,
              sqlite3_value   **argv)
{
  RcvBulkLookup *lookup = sqlite3_value_pointer (argv[0], LOOKUP_POINTER_TYPE);
  int column = sqlite3_value_int (argv[2]);

  if (lookup == NULL || column < 0 || column >= RCV_BULK_MAX_COLUMNS)
    sqlite3_result_error (context, "rcv_row (): no rows bound, or no such column", -1);
  else if (!lookup->seek (lookup->data, sqlite3_value_int64 (argv[1])))
    sqlite3_result_null (context);
  else
    lookup->column (lookup->data, column, (RcvBulkCell *) context);
}

void
rcv_bulk_register (sqlite3 *handle)
{
  sqlite3_create_module_v2 (handle, "rcv_rows", &rows_module, NULL, NULL);
  sqlite3_create_function_v2 (handle, "rcv_row", 3, SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL,
                              row_function, NULL, NULL, NULL);
}

/* `sql` (static text: it is prepared once per connection) with `source` bound to ?1, for the
 * caller to step through its rows; then rcv_bulk_done (). */
RcvStatement *
rcv_bulk_prepare (RcvDatabase   *db,
                  const char    *sql,
                  RcvBulkSource *source,
                  GError       **error)
{
  RcvStatement *stmt;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);
  g_return_val_if_fail (source != NULL && source->next != NULL && source->column != NULL, NULL);

  stmt = rcv_database_prepare (db, sql, error);
  if (stmt != NULL)
    rcv_statement_bind_pointer (stmt, 1, source, POINTER_TYPE);
  return stmt;
}

void
rcv_bulk_done (RcvStatement *stmt)
{
  rcv_statement_reset (stmt);
  rcv_statement_clear_bindings (stmt);   /* the source is the caller's, and short-lived */
}

/* Steps `stmt`, a statement without rows (INSERT, UPDATE), to its end, then unbinds what was
 * bound to it: the caller's, and short-lived. The statement is reset in
 * rcv_database_step_done (), before the connection's error code is read (a second reset
 * would clear it). */
static gboolean
run_and_unbind (RcvDatabase  *db,
                RcvStatement *stmt,
                GError      **error)
{
  gboolean ok = rcv_database_step_done (db, stmt, error);

  rcv_statement_clear_bindings (stmt);
  return ok;
}

/* Runs `sql`, a statement without rows (INSERT, UPDATE), as rcv_bulk_prepare () says. */
gboolean
rcv_bulk_run (RcvDatabase   *db,
              const char    *sql,
              RcvBulkSource *source,
              GError       **error)
{
  RcvStatement *stmt = rcv_bulk_prepare (db, sql, source, error);

  return stmt != NULL && run_and_unbind (db, stmt, error);
}

/* Runs `sql`, an UPDATE that reads `lookup` through rcv_row (?1, …) for the keys from ?2 =
 * `first` to ?3 = `last`. */
gboolean
rcv_bulk_update (RcvDatabase    *db,
                 const char     *sql,
                 RcvBulkLookup  *lookup,
                 gint64          first,
                 gint64          last,
                 GError        **error)
{
  RcvStatement *stmt;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (lookup != NULL && lookup->seek != NULL && lookup->column != NULL, FALSE);

  stmt = rcv_database_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_pointer (stmt, 1, lookup, LOOKUP_POINTER_TYPE);
  rcv_statement_bind_int64 (stmt, 2, first);
  rcv_statement_bind_int64 (stmt, 3, last);
  return run_and_unbind (db, stmt, error);
}

static inline sqlite3_context *
cell_context (RcvBulkCell *cell)
{
  return (sqlite3_context *) cell;
}

void
rcv_bulk_result_int64 (RcvBulkCell *cell,
                       gint64       value)
{
  sqlite3_result_int64 (cell_context (cell), value);
}

void
rcv_bulk_result_int (RcvBulkCell *cell,
                     int          value)
{
  sqlite3_result_int (cell_context (cell), value);
}

void
rcv_bulk_result_null (RcvBulkCell *cell)
{
  sqlite3_result_null (cell_context (cell));
}

/* Text that lives at least until the statement has moved to the next row. */
void
rcv_bulk_result_text (RcvBulkCell *cell,
                      const char  *text)
{
  if (text == NULL)
    sqlite3_result_null (cell_context (cell));
  else
    sqlite3_result_text (cell_context (cell), text, -1, SQLITE_TRANSIENT);
}

void
rcv_bulk_result_static_text (RcvBulkCell *cell,
                             const char  *text)
{
  if (text == NULL)
    sqlite3_result_null (cell_context (cell));
  else
    sqlite3_result_text (cell_context (cell), text, -1, SQLITE_STATIC);
}

/* A Julian day as an ISO date; 0 is NULL. */
void
rcv_bulk_result_date (RcvBulkCell *cell,
                      guint32      julian)
{
  char iso[RCV_ISO_DATE_LEN];

  if (julian == 0)
    {
      sqlite3_result_null (cell_context (cell));
      return;
    }
  rcv_julian_to_iso (julian, iso);
  sqlite3_result_text (cell_context (cell), iso, RCV_ISO_DATE_LEN - 1, SQLITE_TRANSIENT);
}
