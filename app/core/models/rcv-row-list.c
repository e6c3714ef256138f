/* rcv-row-list.c - a lazy GListModel of database rows: their IDs, and the row objects alive
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The invoice and payment lists (a million rows each) hold only their IDs, 8 bytes a row. A
 * row's object is read when asked for, by ID on the list's connection (a point query, a few
 * microseconds), and remembered only while someone holds it (a weak reference), so that
 * asking twice gives the same object and scrolling through every row leaves nothing behind.
 * A list built in a worker thread has no connection until its owner gives it one
 * (rcv_row_list_set_database()): until then it has rows but reads none.
 */
#define G_LOG_DOMAIN "rcv-row-list"

#include "config.h"

#include "rcv-database-private.h"
#include "rcv-row-list.h"

typedef struct
{
  GArray *ids;          /* gint64, in list order */
  GHashTable *alive;    /* position → the row's Alive record */
  RcvDatabase *db;      /* reads the rows */
} RcvRowListPrivate;

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
                                                 g_array_index (priv->ids, gint64, position));
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
