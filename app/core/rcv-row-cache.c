/* rcv-row-cache.c - the IDs of a lazy list and the row objects alive for it
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The invoice and payment lists (a million rows each) hold only their IDs, 8 bytes a row. A
 * row's object is read when asked for and remembered only while someone holds it (a weak
 * reference), so that asking twice gives the same object and scrolling through every row
 * leaves nothing behind.
 */
#define G_LOG_DOMAIN "rcv-row-cache"

#include "config.h"

#include "rcv-database-private.h"
#include "rcv-row-cache.h"

typedef struct
{
  RcvRowCache *cache;
  GObject *row;
  guint position;
} Alive;

static void
on_row_gone (gpointer  data,
             GObject  *where_the_object_was)
{
  Alive *alive = data;

  g_hash_table_remove (alive->cache->alive, GUINT_TO_POINTER (alive->position));
  g_free (alive);
}

void
rcv_row_cache_init (RcvRowCache *cache)
{
  cache->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  cache->alive = g_hash_table_new (NULL, NULL);
}

static gboolean
forget (gpointer key,
        gpointer value,
        gpointer user_data)
{
  Alive *alive = value;

  g_object_weak_unref (alive->row, on_row_gone, alive);
  g_free (alive);
  return TRUE;
}

/* The rows still held elsewhere live on, unknown to the cache. */
void
rcv_row_cache_clear (RcvRowCache *cache)
{
  if (cache->alive != NULL)
    g_hash_table_foreach_remove (cache->alive, forget, NULL);
  g_clear_pointer (&cache->alive, g_hash_table_unref);
  g_clear_pointer (&cache->ids, g_array_unref);
}

/* Appends the IDs `sql` selects (its first column), with ?1 and ?2 bound to the texts; stops
 * early, with G_IO_ERROR_CANCELLED, when `cancellable` is. */
gboolean
rcv_row_cache_load_ids (RcvRowCache   *cache,
                        RcvDatabase   *db,
                        const char    *sql,
                        const char    *text_1,
                        const char    *text_2,
                        GCancellable  *cancellable,
                        GError       **error)
{
  sqlite3_stmt *stmt = rcv_database_prepare (db, sql, error);
  guint n = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  rcv_bind_text (stmt, 1, text_1);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    rcv_bind_text (stmt, 2, text_2);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (cache->ids, id);
      if (++n % 65536 == 0 && g_cancellable_is_cancelled (cancellable))
        break;
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      rcv_database_set_error (db, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* The row at `position` (a new reference), read with `read` unless it is alive already. */
gpointer
rcv_row_cache_get (RcvRowCache  *cache,
                   guint         position,
                   RcvRowReader  read,
                   gpointer      owner)
{
  Alive *alive;
  GObject *row;

  if (position >= cache->ids->len)
    return NULL;
  alive = g_hash_table_lookup (cache->alive, GUINT_TO_POINTER (position));
  if (alive != NULL)
    return g_object_ref (alive->row);

  row = read (owner, g_array_index (cache->ids, gint64, position));
  if (row == NULL)
    return NULL;
  alive = g_new (Alive, 1);
  alive->cache = cache;
  alive->row = row;
  alive->position = position;
  g_hash_table_insert (cache->alive, GUINT_TO_POINTER (position), alive);
  g_object_weak_ref (row, on_row_gone, alive);
  return row;
}
