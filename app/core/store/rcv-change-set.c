/* rcv-change-set.c - RcvChangeSet: the tables, rows and kinds one or more commits wrote
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A value, ref-counted and immutable once emitted (RcvDatabase::changed); the connection that
 * fills it is in rcv-database-changes.c.
 */
#define G_LOG_DOMAIN "rcv-database"

#include "config.h"

#include <string.h>

#include "rcv-change-set-private.h"

G_DEFINE_BOXED_TYPE (RcvChangeSet, rcv_change_set, rcv_change_set_ref, rcv_change_set_unref)

static void
table_changes_free (gpointer data)
{
  TableChanges *table = data;

  g_clear_pointer (&table->rows, g_array_unref);
  g_free (table);
}

static int
compare_row_changes (gconstpointer a,
                     gconstpointer b)
{
  const RcvRowChange *ra = a, *rb = b;

  return ra->id < rb->id ? -1 : ra->id > rb->id;
}

/* Sorted by ID, the kinds of one ID joined; over the cap, wholesale. */
static void
table_normalize (TableChanges *table)
{
  guint kept = 0;

  if (table->normalized || table->wholesale)
    return;
  g_array_sort (table->rows, compare_row_changes);
  for (guint i = 0; i < table->rows->len; i++)
    {
      RcvRowChange *row = &g_array_index (table->rows, RcvRowChange, i);

      if (kept > 0 && g_array_index (table->rows, RcvRowChange, kept - 1).id == row->id)
        g_array_index (table->rows, RcvRowChange, kept - 1).kind |= row->kind;
      else
        g_array_index (table->rows, RcvRowChange, kept++) = *row;
    }
  g_array_set_size (table->rows, kept);
  table->normalized = TRUE;
  if (kept > RCV_CHANGE_SET_MAX_ROWS)
    {
      table->wholesale = TRUE;
      g_clear_pointer (&table->rows, g_array_unref);
    }
}

TableChanges *
rcv_change_set_lookup_table (RcvChangeSet *self,
              const char   *name,
              gboolean      create)
{
  const char *interned = g_intern_string (name);
  TableChanges *table = g_hash_table_lookup (self->tables, interned);

  if (table == NULL && create)
    {
      table = g_new0 (TableChanges, 1);
      table->rows = g_array_new (FALSE, FALSE, sizeof (RcvRowChange));
      table->normalized = TRUE;
      g_hash_table_insert (self->tables, (gpointer) interned, table);
    }
  return table;
}

void
rcv_change_set_table_add_row (TableChanges  *table,
               gint64         id,
               RcvChangeKind  kind)
{
  RcvRowChange row = { id, kind };

  if (table->wholesale)
    return;
  g_array_append_val (table->rows, row);
  table->normalized = FALSE;
  /* the same rows written again and again (a batch settling one invoice) are folded first */
  if (table->rows->len > 2 * RCV_CHANGE_SET_MAX_ROWS)
    table_normalize (table);
}

void
rcv_change_set_table_set_wholesale (TableChanges *table)
{
  table->wholesale = TRUE;
  g_clear_pointer (&table->rows, g_array_unref);
}

/* Every table's rows in order, so that the set is read without changing it. */
void
rcv_change_set_normalize (RcvChangeSet *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->tables);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    table_normalize (value);
}

/* An empty set, to gather the sets of a burst into (rcv_change_set_merge ()). */
RcvChangeSet *
rcv_change_set_new (void)
{
  RcvChangeSet *self = g_new0 (RcvChangeSet, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->tables = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, table_changes_free);
  return self;
}

/* What another connection committed: unknown, so every table may have changed. */
RcvChangeSet *
rcv_change_set_new_external (void)
{
  RcvChangeSet *self = rcv_change_set_new ();

  self->external = TRUE;
  self->everything = TRUE;
  return self;
}

RcvChangeSet *
rcv_change_set_ref (RcvChangeSet *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
rcv_change_set_unref (RcvChangeSet *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_hash_table_unref (self->tables);
  g_free (self);
}

void
rcv_change_set_add_row (RcvChangeSet  *self,
                        const char    *table,
                        gint64         id,
                        RcvChangeKind  kind)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (table != NULL);

  rcv_change_set_table_add_row (rcv_change_set_lookup_table (self, table, TRUE), id, kind);
}

/* The table as changed wholesale: any of its rows may be new, changed or gone. */
void
rcv_change_set_add_table (RcvChangeSet *self,
                          const char   *table)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (table != NULL);

  rcv_change_set_table_set_wholesale (rcv_change_set_lookup_table (self, table, TRUE));
}

void
rcv_change_set_merge (RcvChangeSet       *self,
                      const RcvChangeSet *other)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (self != NULL);
  g_return_if_fail (other != NULL);

  self->external |= other->external;
  self->everything |= other->everything;
  g_hash_table_iter_init (&iter, other->tables);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const TableChanges *from = value;
      TableChanges *into = rcv_change_set_lookup_table (self, key, TRUE);

      if (from->wholesale)
        rcv_change_set_table_set_wholesale (into);
      else
        for (guint i = 0; i < from->rows->len && !into->wholesale; i++)
          {
            const RcvRowChange *row = &g_array_index (from->rows, RcvRowChange, i);

            rcv_change_set_table_add_row (into, row->id, row->kind);
          }
    }
}

gboolean
rcv_change_set_is_empty (const RcvChangeSet *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return !self->everything && g_hash_table_size (self->tables) == 0;
}

/* Whether the set comes from another connection's commit (the poll), whose rows are unknown. */
gboolean
rcv_change_set_is_external (const RcvChangeSet *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->external;
}

/* Whether a row of `table` may have changed. */
gboolean
rcv_change_set_touches (const RcvChangeSet *self,
                        const char         *table)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (table != NULL, FALSE);

  return self->everything ||
         g_hash_table_contains (self->tables, g_intern_string (table));
}

/* Whether a row of any of the tables named (up to a NULL) may have changed. */
gboolean
rcv_change_set_touches_any (const RcvChangeSet *self,
                            const char         *table,
                            ...)
{
  va_list args;
  gboolean touched = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);

  va_start (args, table);
  for (const char *name = table; name != NULL && !touched; name = va_arg (args, const char *))
    touched = rcv_change_set_touches (self, name);
  va_end (args);
  return touched;
}

/* Whether the rows of `table` that changed are unknown (too many, or another connection's):
 * a view then reads the table again instead of row by row. */
gboolean
rcv_change_set_is_wholesale (const RcvChangeSet *self,
                             const char         *table)
{
  TableChanges *changes;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (table != NULL, FALSE);

  if (self->everything)
    return TRUE;
  changes = g_hash_table_lookup (self->tables, g_intern_string (table));
  if (changes == NULL)
    return FALSE;
  table_normalize (changes);
  return changes->wholesale;
}

/* What happened to one row: 0 when it did not change, every kind when that is not known. */
RcvChangeKind
rcv_change_set_get_kind (const RcvChangeSet *self,
                         const char         *table,
                         gint64              id)
{
  TableChanges *changes;
  guint lo = 0, hi;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (table != NULL, 0);

  if (rcv_change_set_is_wholesale (self, table))
    return RCV_CHANGE_INSERT | RCV_CHANGE_UPDATE | RCV_CHANGE_DELETE;
  changes = g_hash_table_lookup (self->tables, g_intern_string (table));
  if (changes == NULL)
    return 0;
  hi = changes->rows->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const RcvRowChange *row = &g_array_index (changes->rows, RcvRowChange, mid);

      if (row->id == id)
        return row->kind;
      if (row->id < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return 0;
}

/* The rows of `table` that changed (RcvRowChange, by ID; empty when none did), or NULL when
 * the table changed wholesale. */
GArray *
rcv_change_set_dup_rows (const RcvChangeSet *self,
                         const char         *table)
{
  TableChanges *changes;
  GArray *rows;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (table != NULL, NULL);

  if (rcv_change_set_is_wholesale (self, table))
    return NULL;
  rows = g_array_new (FALSE, FALSE, sizeof (RcvRowChange));
  changes = g_hash_table_lookup (self->tables, g_intern_string (table));
  if (changes != NULL)
    g_array_append_vals (rows, changes->rows->data, changes->rows->len);
  return rows;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* The tables named, sorted; NULL when any table may have changed. */
char **
rcv_change_set_dup_tables (const RcvChangeSet *self)
{
  g_autoptr(GPtrArray) names = NULL;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->everything)
    return NULL;
  names = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->tables);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (names, g_strdup (key));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/* “invoices 1, payments 1, allocations all” for the debug log */
char *
rcv_change_set_describe (const RcvChangeSet *self)
{
  g_auto(GStrv) tables = NULL;
  GString *text;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->everything)
    return g_strdup (self->external ? "another connection's commit" : "every table");
  text = g_string_new (NULL);
  tables = rcv_change_set_dup_tables (self);
  for (guint i = 0; tables[i] != NULL; i++)
    {
      TableChanges *changes = g_hash_table_lookup (self->tables, g_intern_string (tables[i]));

      table_normalize (changes);
      if (changes->wholesale)
        g_string_append_printf (text, "%s%s all", i > 0 ? ", " : "", tables[i]);
      else
        g_string_append_printf (text, "%s%s %u", i > 0 ? ", " : "", tables[i],
                                changes->rows->len);
    }
  return g_string_free (text, FALSE);
}
