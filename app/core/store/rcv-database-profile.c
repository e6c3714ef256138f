/* rcv-database-profile.c - RCV_PROFILE_SQL=1: where a run spent its time in SQLite, statement by statement
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rcv-database"

#include "config.h"

#include "rcv-sqlite-private.h"

static int
compare_profile (gconstpointer a,
                 gconstpointer b)
{
  const RcvProfileEntry *pa = *(RcvProfileEntry **) a, *pb = *(RcvProfileEntry **) b;

  return pa->nanoseconds < pb->nanoseconds ? 1 : pa->nanoseconds > pb->nanoseconds ? -1 : 0;
}

/* RCV_PROFILE_SQL=1: where a run spent its time in SQLite, statement by statement. */
void
rcv_database_profile_print (RcvDatabase *self)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->profile);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (entries, value);
  g_ptr_array_sort (entries, compare_profile);
  g_printerr ("SQL profile of %s (total ms, calls, µs per call, statement):\n", self->path);
  for (guint i = 0; i < MIN (entries->len, 25u); i++)
    {
      const RcvProfileEntry *e = g_ptr_array_index (entries, i);
      g_printerr ("%9.1f %9" G_GUINT64_FORMAT " %8.2f  %.110s\n", e->nanoseconds / 1e6,
                  e->calls, e->nanoseconds / 1e3 / (double) e->calls, e->sql);
    }
}

static int
on_trace (unsigned int  type,
          void         *user_data,
          void         *p,
          void         *x)
{
  RcvDatabase *self = user_data;
  const char *sql = sqlite3_sql (p);
  RcvProfileEntry *entry;

  if (sql == NULL)
    return 0;
  entry = g_hash_table_lookup (self->profile, sql);
  if (entry == NULL)
    {
      entry = g_new0 (RcvProfileEntry, 1);
      entry->sql = g_strdup (sql);
      g_hash_table_insert (self->profile, (gpointer) sql, entry);
    }
  entry->calls++;
  entry->nanoseconds += *(sqlite3_int64 *) x;
  return 0;
}

static void
profile_entry_free (gpointer data)
{
  RcvProfileEntry *entry = data;

  g_free ((char *) entry->sql);
  g_free (entry);
}

void
rcv_database_profile_start (RcvDatabase *self)
{
  /* keyed by the statement's SQL pointer, stable while the statement lives */
  self->profile = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                         profile_entry_free);
  sqlite3_trace_v2 (self->handle, SQLITE_TRACE_PROFILE, on_trace, self);
}
