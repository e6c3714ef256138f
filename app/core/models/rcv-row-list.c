/* rcv-row-list.c - a lazy GListModel of database rows: their IDs, and the row objects alive
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The invoice and payment lists (a million rows each) hold only their IDs, 8 bytes a row. A
 * row's object is read when asked for, by ID on the list's connection (a point query, a few
 * microseconds), and remembered only while someone holds it (a weak reference), so that
 * asking twice gives the same object and scrolling through every row leaves nothing behind.
 * A list built in a worker thread has no connection until its owner gives it one
 * (rcv_row_list_set_database()): until then it has rows but reads none.
 *
 * After a commit the list follows what changed in place (rcv_row_list_update_rows ()): a row
 * changed is read again into the object already shown, one that no longer belongs (its
 * filter, or deleted) is removed, and one that now belongs goes to its place, newest first,
 * each as one items-changed, so that the view keeps its selection and its scroll. A list
 * read again after another program's commit is merged the same way (rcv_row_list_merge ()).
 *
 * A list in date order (the Invoices and Payments pages, newest first) holds a key for each
 * row instead of its bare ID: the date's Julian day above the ID's 40 bits, so that the keys
 * in descending order are the rows by date then entry, and the same binary search and merge
 * serve both orders (rcv_row_list_set_key_query ()).
 */
#define G_LOG_DOMAIN "rcv-row-list"

#include "config.h"

#include "rcv-database-changes.h"
#include "rcv-database-private.h"
#include "rcv-row-list.h"

typedef struct
{
  GArray *ids;          /* gint64, in list order */
  GHashTable *alive;    /* position → the row's Alive record */
  RcvDatabase *db;      /* reads the rows */
  const char *member_sql; /* whether a row belongs: ?1, ?2 the texts, ?3 its ID; newest first */
  char *member_text_1;
  char *member_text_2;
  const char *key_sql;  /* a row's key: ?1 its ID; NULL: the key is the ID */
} RcvRowListPrivate;

#define ID_BITS 40

static inline gint64
row_id (gint64 key)
{
  return key & ((G_GINT64_CONSTANT (1) << ID_BITS) - 1);
}

typedef struct
{
  GHashTable *alive;
  GObject *row;
  guint position;
} Alive;

static void rcv_row_list_model_init (GListModelInterface *iface);

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (RcvRowList, rcv_row_list, G_TYPE_OBJECT,
                                  G_ADD_PRIVATE (RcvRowList)
                                  G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                         rcv_row_list_model_init))

static void
on_row_gone (gpointer  data,
             GObject  *where_the_object_was)
{
  Alive *alive = data;

  g_hash_table_remove (alive->alive, GUINT_TO_POINTER (alive->position));
  g_free (alive);
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

static GType
rcv_row_list_get_item_type (GListModel *model)
{
  return RCV_ROW_LIST_GET_CLASS (model)->item_type;
}

static guint
rcv_row_list_get_n_items (GListModel *model)
{
  RcvRowListPrivate *priv = rcv_row_list_get_instance_private (RCV_ROW_LIST (model));

  return priv->ids->len;
}

/* The row at `position` (a new reference), read unless it is alive already. */
static gpointer
rcv_row_list_get_item (GListModel *model,
                       guint       position)
{
  RcvRowList *self = RCV_ROW_LIST (model);
  RcvRowListPrivate *priv = rcv_row_list_get_instance_private (self);
  Alive *alive;
  GObject *row;

  if (priv->db == NULL || position >= priv->ids->len)
    return NULL;
  alive = g_hash_table_lookup (priv->alive, GUINT_TO_POINTER (position));
  if (alive != NULL)
    return g_object_ref (alive->row);

  row = RCV_ROW_LIST_GET_CLASS (self)->read_row (self, priv->db,
                                                 row_id (g_array_index (priv->ids, gint64,
                                                                        position)));
  if (row == NULL)
    return NULL;
  alive = g_new (Alive, 1);
  alive->alive = priv->alive;
  alive->row = row;
  alive->position = position;
  g_hash_table_insert (priv->alive, GUINT_TO_POINTER (position), alive);
  g_object_weak_ref (row, on_row_gone, alive);
  return row;
}

static void
rcv_row_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = rcv_row_list_get_item_type;
  iface->get_n_items = rcv_row_list_get_n_items;
  iface->get_item = rcv_row_list_get_item;
}

/* The rows still held elsewhere live on, unknown to the list. */
static void
rcv_row_list_finalize (GObject *object)
{
  RcvRowListPrivate *priv = rcv_row_list_get_instance_private (RCV_ROW_LIST (object));

  g_hash_table_foreach_remove (priv->alive, forget, NULL);
  g_hash_table_unref (priv->alive);
  g_array_unref (priv->ids);
  g_clear_object (&priv->db);
  g_free (priv->member_text_1);
  g_free (priv->member_text_2);

  G_OBJECT_CLASS (rcv_row_list_parent_class)->finalize (object);
}

static void
rcv_row_list_class_init (RcvRowListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rcv_row_list_finalize;
  klass->item_type = G_TYPE_OBJECT;
}

static void
rcv_row_list_init (RcvRowList *self)
{
  RcvRowListPrivate *priv = rcv_row_list_get_instance_private (self);

  priv->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  priv->alive = g_hash_table_new (NULL, NULL);
}

RcvDatabase *
rcv_row_list_get_database (RcvRowList *self)
{
  RcvRowListPrivate *priv;

  g_return_val_if_fail (RCV_IS_ROW_LIST (self), NULL);

  priv = rcv_row_list_get_instance_private (self);
  return priv->db;
}

/* The connection the rows are read through; NULL reads none (a list leaving the worker
 * thread whose connection closes with it). */
void
rcv_row_list_set_database (RcvRowList  *self,
                           RcvDatabase *db)
{
  RcvRowListPrivate *priv;

  g_return_if_fail (RCV_IS_ROW_LIST (self));
  g_return_if_fail (db == NULL || RCV_IS_DATABASE (db));

  priv = rcv_row_list_get_instance_private (self);
  g_set_object (&priv->db, db);
}

/* Appends the IDs `sql` selects (its first column), with ?1 and ?2 bound to the texts; stops
 * early, with G_IO_ERROR_CANCELLED, when `cancellable` is. */
gboolean
rcv_row_list_load_ids (RcvRowList    *self,
                       RcvDatabase   *db,
                       const char    *sql,
                       const char    *text_1,
                       const char    *text_2,
                       GCancellable  *cancellable,
                       GError       **error)
{
  RcvRowListPrivate *priv;
  RcvStatement *stmt;
  guint n = 0;
  int rc;

  g_return_val_if_fail (RCV_IS_ROW_LIST (self), FALSE);
  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);

  priv = rcv_row_list_get_instance_private (self);
  stmt = rcv_database_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_text (stmt, 1, text_1);
  if (rcv_statement_parameter_count (stmt) >= 2)
    rcv_statement_bind_text (stmt, 2, text_2);
  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    {
      gint64 id = rcv_statement_column_int64 (stmt, 0);

      g_array_append_val (priv->ids, id);
      if (++n % 65536 == 0 && g_cancellable_is_cancelled (cancellable))
        break;
    }
  if (rc != RCV_ROW && rc != RCV_DONE)
    {
      rcv_database_set_error (db, error);
      rcv_statement_reset (stmt);
      return FALSE;
    }
  rcv_statement_reset (stmt);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

void
rcv_row_list_append_id (RcvRowList *self,
                        gint64      id)
{
  RcvRowListPrivate *priv;

  g_return_if_fail (RCV_IS_ROW_LIST (self));

  priv = rcv_row_list_get_instance_private (self);
  g_array_append_val (priv->ids, id);
}

/* How rcv_row_list_update_rows () tells whether a row belongs to the list: `sql` (a literal)
 * selects a row when it does, with ?1 and ?2 bound to the texts (as the list's own query) and
 * ?3 to the row's ID. Such a list is in the order of its IDs, newest (highest) first; one
 * without a query (in another order) follows its rows' changes and deletions only. */
void
rcv_row_list_set_member_query (RcvRowList *self,
                               const char *sql,
                               const char *text_1,
                               const char *text_2)
{
  RcvRowListPrivate *priv;

  g_return_if_fail (RCV_IS_ROW_LIST (self));

  priv = rcv_row_list_get_instance_private (self);
  priv->member_sql = sql;
  g_free (priv->member_text_1);
  g_free (priv->member_text_2);
  priv->member_text_1 = g_strdup (text_1);
  priv->member_text_2 = g_strdup (text_2);
}

/* A row's key in the list's order: its ID, or (rcv_row_list_set_key_query ()) its date above
 * its ID; FALSE when the row is gone from its table. */
static gboolean
key_of (RcvRowListPrivate *priv,
        gint64             id,
        gint64            *key)
{
  RcvStatement *stmt;
  gboolean found;

  *key = id;
  if (priv->key_sql == NULL)
    return TRUE;
  stmt = rcv_database_prepare (priv->db, priv->key_sql, NULL);
  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_int64 (stmt, 1, id);
  found = rcv_statement_step (stmt) == RCV_ROW;
  if (found)
    *key = rcv_statement_column_int64 (stmt, 0);
  rcv_statement_reset (stmt);
  return found;
}

static gboolean
find_linear (RcvRowListPrivate *priv,
             gint64             id,
             guint             *position)
{
  for (guint i = 0; i < priv->ids->len; i++)
    if (row_id (g_array_index (priv->ids, gint64, i)) == id)
      {
        *position = i;
        return TRUE;
      }
  *position = priv->ids->len;
  return FALSE;
}

/* The position of the row `id` of key `key`, or where it would go when absent (highest key
 * first); a row whose key is not known (deleted) is looked for one by one. */
static gboolean
find_id (RcvRowListPrivate *priv,
         gint64             id,
         gint64             key,
         gboolean           key_known,
         guint             *position)
{
  guint lo = 0, hi = priv->ids->len;

  if (priv->member_sql == NULL || !key_known)
    return find_linear (priv, id, position);
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 at = g_array_index (priv->ids, gint64, mid);

      if (at == key)
        {
          *position = mid;
          return TRUE;
        }
      if (at > key)
        lo = mid + 1;
      else
        hi = mid;
    }
  *position = lo;
  return FALSE;
}

/* Orders the list by key (see the top of this file): `sql` (a literal) selects a row's key,
 * ?1 bound to its ID, as the list's own query selects the keys of its rows. */
void
rcv_row_list_set_key_query (RcvRowList *self,
                            const char *sql)
{
  RcvRowListPrivate *priv;

  g_return_if_fail (RCV_IS_ROW_LIST (self));

  priv = rcv_row_list_get_instance_private (self);
  priv->key_sql = sql;
}

static gboolean
belongs (RcvRowListPrivate *priv,
         gint64             id)
{
  RcvStatement *stmt = rcv_database_prepare (priv->db, priv->member_sql, NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_text (stmt, 1, priv->member_text_1 != NULL ? priv->member_text_1 : "");
  if (rcv_statement_parameter_count (stmt) >= 3)
    {
      rcv_statement_bind_text (stmt, 2, priv->member_text_2 != NULL ? priv->member_text_2 : "");
      rcv_statement_bind_int64 (stmt, 3, id);
    }
  found = rcv_statement_step (stmt) == RCV_ROW;
  rcv_statement_reset (stmt);
  return found;
}

/* The rows alive from `from` on move by `delta` (a row inserted or removed before them). */
static void
shift_alive (RcvRowListPrivate *priv,
             guint              from,
             int                delta)
{
  g_autoptr(GPtrArray) moved = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, priv->alive);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Alive *alive = value;

      if (alive->position >= from)
        {
          g_ptr_array_add (moved, alive);
          g_hash_table_iter_steal (&iter);
        }
    }
  for (guint i = 0; i < moved->len; i++)
    {
      Alive *alive = g_ptr_array_index (moved, i);

      alive->position = (guint) ((int) alive->position + delta);
      g_hash_table_insert (priv->alive, GUINT_TO_POINTER (alive->position), alive);
    }
}

static void
forget_position (RcvRowListPrivate *priv,
                 guint              position)
{
  Alive *alive = g_hash_table_lookup (priv->alive, GUINT_TO_POINTER (position));

  if (alive == NULL)
    return;
  g_hash_table_steal (priv->alive, GUINT_TO_POINTER (position));
  g_object_weak_unref (alive->row, on_row_gone, alive);
  g_free (alive);
}

/* The row at `position` read again: into its object when one is shown, so that the view
 * keeps it (and its selection); the view is told either way. FALSE when it is gone. */
static gboolean
refresh_position (RcvRowList *self,
                  guint       position)
{
  RcvRowListPrivate *priv = rcv_row_list_get_instance_private (self);
  RcvRowListClass *klass = RCV_ROW_LIST_GET_CLASS (self);
  Alive *alive = g_hash_table_lookup (priv->alive, GUINT_TO_POINTER (position));
  g_autoptr(GObject) fresh = NULL;

  fresh = klass->read_row (self, priv->db, row_id (g_array_index (priv->ids, gint64, position)));
  if (fresh == NULL)
    return FALSE;
  if (alive != NULL && klass->update_row != NULL)
    klass->update_row (self, alive->row, fresh);
  else
    forget_position (priv, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
  return TRUE;
}

static void
remove_position (RcvRowList *self,
                 guint       position)
{
  RcvRowListPrivate *priv = rcv_row_list_get_instance_private (self);

  forget_position (priv, position);
  g_array_remove_index (priv->ids, position);
  shift_alive (priv, position + 1, -1);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}

static void
insert_position (RcvRowList *self,
                 guint       position,
                 gint64      id)
{
  RcvRowListPrivate *priv = rcv_row_list_get_instance_private (self);

  shift_alive (priv, position, 1);
  g_array_insert_val (priv->ids, position, id);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

/* Follows the rows of its table that a commit changed (RcvRowChange, from
 * rcv_change_set_dup_rows ()): each is read again, removed or inserted in place, by point
 * queries on the list's connection (a few microseconds a row). */
void
rcv_row_list_update_rows (RcvRowList   *self,
                          const GArray *changes)
{
  RcvRowListPrivate *priv;

  g_return_if_fail (RCV_IS_ROW_LIST (self));
  g_return_if_fail (changes != NULL);

  priv = rcv_row_list_get_instance_private (self);
  if (priv->db == NULL)
    return;
  for (guint i = 0; i < changes->len; i++)
    {
      gint64 id = g_array_index (changes, RcvRowChange, i).id;
      gint64 key;
      gboolean key_known = key_of (priv, id, &key);
      guint position;
      gboolean found = find_id (priv, id, key, key_known, &position);
      gboolean member = priv->member_sql != NULL ? key_known && belongs (priv, id) : found;

      if (found && member)
        {
          if (!refresh_position (self, position))
            remove_position (self, position);
        }
      else if (found)
        remove_position (self, position);
      else if (member)
        insert_position (self, position, key);
    }
}

/* Every row shown read again (after another program's commit, whose rows are not known). */
void
rcv_row_list_refresh_alive (RcvRowList *self)
{
  RcvRowListPrivate *priv;
  g_autoptr(GArray) positions = NULL;
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (RCV_IS_ROW_LIST (self));

  priv = rcv_row_list_get_instance_private (self);
  if (priv->db == NULL)
    return;
  positions = g_array_new (FALSE, FALSE, sizeof (guint));
  g_hash_table_iter_init (&iter, priv->alive);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint position = GPOINTER_TO_UINT (key);

      g_array_append_val (positions, position);
    }
  for (guint i = 0; i < positions->len; i++)
    refresh_position (self, g_array_index (positions, guint, i));
}

/* Takes the rows of `fresh`, the same list read again: only the IDs that came or went are
 * told, as runs, so that a million rows with one new is one items-changed. Lists in another
 * order than newest first are replaced in one. */
void
rcv_row_list_merge (RcvRowList *self,
                    RcvRowList *fresh)
{
  RcvRowListPrivate *priv, *other;
  guint i = 0, j = 0;

  g_return_if_fail (RCV_IS_ROW_LIST (self));
  g_return_if_fail (RCV_IS_ROW_LIST (fresh));

  priv = rcv_row_list_get_instance_private (self);
  other = rcv_row_list_get_instance_private (fresh);
  if (priv->member_sql == NULL)
    {
      guint removed = priv->ids->len;

      g_hash_table_foreach_remove (priv->alive, forget, NULL);
      g_array_set_size (priv->ids, 0);
      g_array_append_vals (priv->ids, other->ids->data, other->ids->len);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, priv->ids->len);
      return;
    }
  while (i < priv->ids->len || j < other->ids->len)
    {
      gint64 mine = i < priv->ids->len ? g_array_index (priv->ids, gint64, i) : G_MININT64;
      gint64 theirs = j < other->ids->len ? g_array_index (other->ids, gint64, j) : G_MININT64;
      guint run = 0;

      if (mine == theirs)
        {
          i++;
          j++;
          continue;
        }
      if (mine > theirs)
        {
          /* gone: the run of IDs before the next one still there */
          while (i + run < priv->ids->len &&
                 g_array_index (priv->ids, gint64, i + run) > theirs)
            forget_position (priv, i + run++);
          g_array_remove_range (priv->ids, i, run);
          shift_alive (priv, i + run, -(int) run);
          g_list_model_items_changed (G_LIST_MODEL (self), i, run, 0);
        }
      else
        {
          while (j + run < other->ids->len &&
                 g_array_index (other->ids, gint64, j + run) > mine)
            run++;
          shift_alive (priv, i, (int) run);
          g_array_insert_vals (priv->ids, i, &g_array_index (other->ids, gint64, j), run);
          g_list_model_items_changed (G_LIST_MODEL (self), i, 0, run);
          i += run;
          j += run;
        }
    }
}
