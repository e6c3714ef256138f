/* rcv-payment-list.c - payments received as a lazy GListModel, newest first
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built like the invoice list (rcv-invoice-list.c): the matching IDs are read in a worker
 * thread, a row when it is shown, and an item lives only while it is held.
 */
#define G_LOG_DOMAIN "rcv-payment-list"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rcv-database-private.h"
#include "rcv-database-task.h"
#include "rcv-date.h"
#include "rcv-money.h"
#include "rcv-payment-list.h"

struct _RcvPaymentItem
{
  GObject parent_instance;

  gint64 id;
  gint64 unapplied;
  char *date_text;
  char *customer;
  char *amount_text;
  char *unapplied_text;
  char *method;
  char *reference;
};

struct _RcvPaymentList
{
  RcvRowList parent_instance;
};

G_DEFINE_FINAL_TYPE (RcvPaymentItem, rcv_payment_item, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (RcvPaymentList, rcv_payment_list, RCV_TYPE_ROW_LIST)

enum {
  ITEM_PROP_0,
  ITEM_PROP_DATE_TEXT,
  ITEM_PROP_CUSTOMER,
  ITEM_PROP_AMOUNT_TEXT,
  ITEM_PROP_UNAPPLIED_TEXT,
  ITEM_PROP_METHOD,
  ITEM_PROP_REFERENCE,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

static void
rcv_payment_item_finalize (GObject *object)
{
  RcvPaymentItem *self = RCV_PAYMENT_ITEM (object);

  g_free (self->date_text);
  g_free (self->customer);
  g_free (self->amount_text);
  g_free (self->unapplied_text);
  g_free (self->method);
  g_free (self->reference);

  G_OBJECT_CLASS (rcv_payment_item_parent_class)->finalize (object);
}

static void
rcv_payment_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RcvPaymentItem *self = RCV_PAYMENT_ITEM (object);
  const char *strings[] = {
    NULL, self->date_text, self->customer, self->amount_text, self->unapplied_text,
    self->method, self->reference,
  };

  if (prop_id > 0 && prop_id < ITEM_N_PROPS)
    g_value_set_string (value, strings[prop_id]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
rcv_payment_item_class_init (RcvPaymentItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rcv_payment_item_finalize;
  object_class->get_property = rcv_payment_item_get_property;

  item_properties[ITEM_PROP_DATE_TEXT] = g_param_spec_string ("date-text", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_CUSTOMER] = g_param_spec_string ("customer", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_AMOUNT_TEXT] =
    g_param_spec_string ("amount-text", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_UNAPPLIED_TEXT] =
    g_param_spec_string ("unapplied-text", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_METHOD] = g_param_spec_string ("method", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_REFERENCE] =
    g_param_spec_string ("reference", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
rcv_payment_item_init (RcvPaymentItem *self)
{
}

gint64
rcv_payment_item_get_id (RcvPaymentItem *self)
{
  g_return_val_if_fail (RCV_IS_PAYMENT_ITEM (self), 0);
  return self->id;
}

gint64
rcv_payment_item_get_unapplied (RcvPaymentItem *self)
{
  g_return_val_if_fail (RCV_IS_PAYMENT_ITEM (self), 0);
  return self->unapplied;
}

static GObject *
read_row (RcvRowList  *list,
          RcvDatabase *db,
          gint64       id)
{
  const RcvCurrency *currency = rcv_database_get_currency (db);
  RcvPaymentItem *item;
  RcvStatement *stmt;
  gint64 amount;
  GDate date;

  stmt = rcv_database_prepare (db,
                               "SELECT p.date, c.name, p.amount, p.allocated, p.method,"
                               " p.reference FROM payments p"
                               " JOIN customers c ON c.id = p.customer_id WHERE p.id = ?1",
                               NULL);
  if (stmt == NULL)
    return NULL;
  rcv_statement_bind_int64 (stmt, 1, id);
  if (rcv_statement_step (stmt) != RCV_ROW)
    {
      rcv_statement_reset (stmt);
      return NULL;
    }
  item = g_object_new (RCV_TYPE_PAYMENT_ITEM, NULL);
  item->id = id;
  if (rcv_date_parse_iso (rcv_statement_column_text (stmt, 0), &date, NULL))
    item->date_text = rcv_date_format_locale (&date);
  else
    item->date_text = g_strdup (rcv_statement_column_text (stmt, 0));
  item->customer = g_strdup (rcv_statement_column_text (stmt, 1));
  amount = rcv_statement_column_int64 (stmt, 2);
  item->unapplied = amount - rcv_statement_column_int64 (stmt, 3);
  item->method = g_strdup (rcv_statement_column_text (stmt, 4));
  item->reference = g_strdup (rcv_statement_column_text (stmt, 5));
  rcv_statement_reset (stmt);
  item->amount_text = rcv_money_format (amount, currency);
  item->unapplied_text = item->unapplied != 0 ? rcv_money_format (item->unapplied, currency)
                                              : g_strdup ("");
  return G_OBJECT (item);
}

/* A row read again after a commit, taken into the item the view shows. */
static void
update_row (RcvRowList *list,
            GObject    *row,
            GObject    *fresh)
{
  RcvPaymentItem *self = RCV_PAYMENT_ITEM (row), *other = RCV_PAYMENT_ITEM (fresh);

  self->unapplied = other->unapplied;
#define TAKE(field) \
  do { char *swap = self->field; self->field = other->field; other->field = swap; } while (0)
  TAKE (date_text);
  TAKE (customer);
  TAKE (amount_text);
  TAKE (unapplied_text);
  TAKE (method);
  TAKE (reference);
#undef TAKE
  g_object_freeze_notify (row);
  for (guint i = ITEM_PROP_DATE_TEXT; i < ITEM_N_PROPS; i++)
    g_object_notify_by_pspec (row, item_properties[i]);
  g_object_thaw_notify (row);
}

static void
rcv_payment_list_class_init (RcvPaymentListClass *klass)
{
  RcvRowListClass *row_list_class = RCV_ROW_LIST_CLASS (klass);

  row_list_class->item_type = RCV_TYPE_PAYMENT_ITEM;
  row_list_class->read_row = read_row;
  row_list_class->update_row = update_row;
}

static void
rcv_payment_list_init (RcvPaymentList *self)
{
}

/* The payments whose reference starts with `search`, or whose customer's name holds it or
 * whose ID it is; newest first. Blocking: see rcv_payment_list_new_async(). */
RcvPaymentList *
rcv_payment_list_new (RcvDatabase   *db,
                      const char    *search,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(RcvPaymentList) self = NULL;
  g_autofree char *needle = NULL;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);

  self = g_object_new (RCV_TYPE_PAYMENT_LIST, NULL);
  rcv_row_list_set_database (RCV_ROW_LIST (self), db);
  needle = g_strstrip (g_strdup (search != NULL ? search : ""));
#define SEARCH_SQL \
  " (?1 = '' OR (reference >= ?1 AND reference < ?1 || x'f48fbfbf')" \
  "  OR customer_id IN (SELECT id FROM customers" \
  "   WHERE instr (lower (name), lower (?1)) > 0 OR lower (code) = lower (?1)))"
  /* newest first by date, then by entry: each row's key is its date above its ID (see
   * rcv-row-list.c), read in the order of the payments_dated index */
#define KEY_SQL "((CAST (julianday (date) AS INTEGER) << 40) | id)"
  rcv_row_list_set_key_query (RCV_ROW_LIST (self), "SELECT " KEY_SQL " FROM payments WHERE id = ?1");
  if (!rcv_row_list_load_ids (RCV_ROW_LIST (self), db,
                               "SELECT " KEY_SQL " FROM payments WHERE" SEARCH_SQL
                               " ORDER BY date DESC, id DESC",
                               needle, NULL, cancellable, error))
    return NULL;
  /* a payment that changed belongs when the same search selects it */
  rcv_row_list_set_member_query (RCV_ROW_LIST (self),
                                 "SELECT 1 FROM payments WHERE id = ?3 AND ?2 IS ?2 AND"
                                 SEARCH_SQL,
                                 needle, "");
#undef SEARCH_SQL
#undef KEY_SQL
  return g_steal_pointer (&self);
}

static gpointer
load_in_thread (RcvDatabase   *connection,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  RcvPaymentList *list = rcv_payment_list_new (connection, data, cancellable, error);

  /* the thread's connection closes with the task: the owner gives the list another */
  if (list != NULL)
    rcv_row_list_set_database (RCV_ROW_LIST (list), NULL);
  return list;
}

void
rcv_payment_list_new_async (RcvDatabase         *db,
                            const char          *search,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (RCV_IS_DATABASE (db));

  rcv_database_task_run (db, RCV_DATABASE_FLAGS_READ_ONLY, load_in_thread,
                         g_strdup (search != NULL ? search : ""), g_free, g_object_unref,
                         rcv_payment_list_new_async, cancellable, callback, user_data);
}

/* The list, without a connection to read its rows: see rcv_row_list_set_database(). */
RcvPaymentList *
rcv_payment_list_new_finish (RcvDatabase   *db,
                             GAsyncResult  *result,
                             GError       **error)
{
  return rcv_database_task_finish (db, result, rcv_payment_list_new_async, error);
}
