/* rcv-bulk.h - many rows from memory written by one SQL statement
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rcv-database-private.h"

G_BEGIN_DECLS

/* The most columns a source gives: c0 … c11 in SQL. */
#define RCV_BULK_MAX_COLUMNS 12

/* Rows from memory, one at a time: `next` moves to the next row (the first call to the
 * first) and returns FALSE after the last; `column` sets column `column` of the current row
 * as the value of `cell` (rcv_bulk_result_int64 (), rcv_bulk_result_text (), …). */

/* the value of one column of a row from memory, being asked for by SQL */
typedef struct _RcvBulkCell RcvBulkCell;
typedef struct
{
  gboolean (*next)   (gpointer data);
  void     (*column) (gpointer         data,
                      int              column,
                      RcvBulkCell     *cell);
  gpointer data;
} RcvBulkSource;

/* Rows from memory found by key, for a one-pass UPDATE that asks for each of the table's rows
 * in turn (rcv_row (?1, key, column) in SQL): `seek` makes the row with `key` current and
 * returns FALSE when there is none; `column` as above. */
typedef struct
{
  gboolean (*seek)   (gpointer data,
                      gint64   key);
  void     (*column) (gpointer         data,
                      int              column,
                      RcvBulkCell     *cell);
  gpointer data;
} RcvBulkLookup;

RcvStatement *rcv_bulk_prepare  (RcvDatabase    *db,
                                 const char     *sql,
                                 RcvBulkSource  *source,
                                 GError        **error);
void          rcv_bulk_done     (RcvStatement *stmt);
gboolean      rcv_bulk_run      (RcvDatabase    *db,
                                 const char     *sql,
                                 RcvBulkSource  *source,
                                 GError        **error);

gboolean      rcv_bulk_update   (RcvDatabase    *db,
                                 const char     *sql,
                                 RcvBulkLookup  *lookup,
                                 gint64          first,
                                 gint64          last,
                                 GError        **error);

void     rcv_bulk_result_int64 (RcvBulkCell *cell,
                                gint64       value);
void     rcv_bulk_result_int   (RcvBulkCell *cell,
                                int          value);
void     rcv_bulk_result_null  (RcvBulkCell *cell);
/* a copy of `text` (NULL: NULL) */
void     rcv_bulk_result_text  (RcvBulkCell *cell,
                                const char  *text);
/* `text` itself, which stays alive until the statement has run */
void     rcv_bulk_result_static_text (RcvBulkCell *cell,
                                      const char  *text);
void     rcv_bulk_result_date  (RcvBulkCell *cell,
                                guint32      julian);

G_END_DECLS
