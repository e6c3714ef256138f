/* rcv-customer-list.c - every customer with its balance, as a lazy GListModel
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list is read once (a scan of the customers, one aging report and one pass over the
 * invoices settled in the last year for payer behaviour, fit for a worker
 * thread with its own read connection) into a plain array; an item object is made only when
 * a row is asked for, and kept, so a list of 50 000 customers costs 50 000 small structs and
 * as many objects as have been shown or sorted. How the list follows commits (a merge with the
 * list read again, or point refreshes of the customers a commit touched) is in
 * rcv-customer-list-changes.c.
 */
#define G_LOG_DOMAIN "rcv-customer-list"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rcv-account.h"
#include "rcv-aging.h"
#include "rcv-collections-report.h"
#include "rcv-collections.h"
#include "rcv-customer-list.h"
#include "rcv-customer-list-private.h"
#include "rcv-database-changes.h"
#include "rcv-database-private.h"
#include "rcv-database-task.h"
#include "rcv-money.h"
#include "rcv-policy.h"
#include "rcv-text-match.h"


struct _RcvCustomerItem
{
  GObject parent_instance;

  Entry entry;
  char *balance_text;
  char *oldest_text;
  char *late_text;
  char *search_text;
};


static void rcv_customer_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE (RcvCustomerItem, rcv_customer_item, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE_WITH_CODE (RcvCustomerList, rcv_customer_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      rcv_customer_list_model_init))

enum {
  ITEM_PROP_0,
  ITEM_PROP_ID,
  ITEM_PROP_CODE,
  ITEM_PROP_NAME,
  ITEM_PROP_BALANCE,
  ITEM_PROP_BALANCE_TEXT,
  ITEM_PROP_OLDEST_DAYS,
  ITEM_PROP_OLDEST_TEXT,
  ITEM_PROP_DAYS_LATE,
  ITEM_PROP_DAYS_LATE_TEXT,
  ITEM_PROP_ARCHIVED,
  ITEM_PROP_ON_HOLD,
  ITEM_PROP_SEARCH_TEXT,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

void
rcv_customer_entry_clear (gpointer data)
{
  Entry *entry = data;

  g_free (entry->code);
  g_free (entry->name);
}

static void
rcv_customer_item_finalize (GObject *object)
{
  RcvCustomerItem *self = RCV_CUSTOMER_ITEM (object);

  rcv_customer_entry_clear (&self->entry);
  g_free (self->balance_text);
  g_free (self->oldest_text);
  g_free (self->late_text);
  g_free (self->search_text);

  G_OBJECT_CLASS (rcv_customer_item_parent_class)->finalize (object);
}

static void
rcv_customer_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RcvCustomerItem *self = RCV_CUSTOMER_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_ID:
      g_value_set_int64 (value, self->entry.id);
      break;
    case ITEM_PROP_CODE:
      g_value_set_string (value, self->entry.code);
      break;
    case ITEM_PROP_NAME:
      g_value_set_string (value, self->entry.name);
      break;
    case ITEM_PROP_BALANCE:
      g_value_set_int64 (value, self->entry.balance);
      break;
    case ITEM_PROP_BALANCE_TEXT:
      g_value_set_string (value, self->balance_text);
      break;
    case ITEM_PROP_OLDEST_DAYS:
      g_value_set_int (value, self->entry.oldest_days);
      break;
    case ITEM_PROP_OLDEST_TEXT:
      g_value_set_string (value, self->oldest_text);
      break;
    case ITEM_PROP_DAYS_LATE:
      g_value_set_int (value, self->entry.late_tenths);
      break;
    case ITEM_PROP_DAYS_LATE_TEXT:
      g_value_set_string (value, self->late_text);
      break;
    case ITEM_PROP_ARCHIVED:
      g_value_set_boolean (value, self->entry.archived);
      break;
    case ITEM_PROP_ON_HOLD:
      g_value_set_boolean (value, self->entry.hold != RCV_HOLD_NONE);
      break;
    case ITEM_PROP_SEARCH_TEXT:
      g_value_set_string (value, self->search_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rcv_customer_item_class_init (RcvCustomerItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rcv_customer_item_finalize;
  object_class->get_property = rcv_customer_item_get_property;

  item_properties[ITEM_PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  item_properties[ITEM_PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_BALANCE] =
    g_param_spec_int64 ("balance", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  item_properties[ITEM_PROP_BALANCE_TEXT] =
    g_param_spec_string ("balance-text", NULL, NULL, NULL, flags);
  /* G_MININT when nothing is open, so that a sort by days puts such customers last */
  item_properties[ITEM_PROP_OLDEST_DAYS] =
    g_param_spec_int ("oldest-days", NULL, NULL, G_MININT, G_MAXINT, G_MININT, flags);
  item_properties[ITEM_PROP_OLDEST_TEXT] =
    g_param_spec_string ("oldest-text", NULL, NULL, NULL, flags);
  /* payer behaviour: the average days late of the invoices paid in the 12 months before the
   * list's date, in tenths of a day; G_MININT when none was paid, so that they sort last */
  item_properties[ITEM_PROP_DAYS_LATE] =
    g_param_spec_int ("days-late", NULL, NULL, G_MININT, G_MAXINT, G_MININT, flags);
  item_properties[ITEM_PROP_DAYS_LATE_TEXT] =
    g_param_spec_string ("days-late-text", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_ARCHIVED] =
    g_param_spec_boolean ("archived", NULL, NULL, FALSE, flags);
  /* on credit hold: an invoice overdue past its policy's hold, or over its credit limit */
  item_properties[ITEM_PROP_ON_HOLD] =
    g_param_spec_boolean ("on-hold", NULL, NULL, FALSE, flags);
  /* what a search matches: the ID and the name */
  item_properties[ITEM_PROP_SEARCH_TEXT] =
    g_param_spec_string ("search-text", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
rcv_customer_item_init (RcvCustomerItem *self)
{
}

static void
item_set_entry (RcvCustomerItem   *self,
                const Entry       *entry,
                const RcvCurrency *currency)
{
  rcv_customer_entry_clear (&self->entry);
  g_free (self->balance_text);
  g_free (self->search_text);
  g_free (self->oldest_text);
  g_free (self->late_text);
  self->entry = *entry;
  self->entry.code = g_strdup (entry->code);
  self->entry.name = g_strdup (entry->name);
  self->balance_text = rcv_money_format (entry->balance, currency);
  self->search_text = g_strconcat (entry->code, " ", entry->name, NULL);
  if (entry->oldest_days == G_MININT)
    self->oldest_text = g_strdup ("");
  else if (entry->oldest_days <= 0)
    self->oldest_text = g_strdup (C_("days overdue", "not due"));
  else
    self->oldest_text = g_strdup_printf (ngettext ("%d day", "%d days", (gulong) entry->oldest_days),
                                         entry->oldest_days);
  if (entry->late_tenths == G_MININT)
    self->late_text = g_strdup ("");
  else
    /* Translators: average days late, with one decimal */
    self->late_text = g_strdup_printf (_("%d.%d days"), entry->late_tenths / 10,
                                       entry->late_tenths % 10);
}

static RcvCustomerItem *
item_new (const Entry       *entry,
          const RcvCurrency *currency)
{
  RcvCustomerItem *self = g_object_new (RCV_TYPE_CUSTOMER_ITEM, NULL);

  item_set_entry (self, entry, currency);
  return self;
}

gint64
rcv_customer_item_get_id (RcvCustomerItem *self)
{
  g_return_val_if_fail (RCV_IS_CUSTOMER_ITEM (self), 0);
  return self->entry.id;
}

const char *
rcv_customer_item_get_code (RcvCustomerItem *self)
{
  g_return_val_if_fail (RCV_IS_CUSTOMER_ITEM (self), NULL);
  return self->entry.code;
}

const char *
rcv_customer_item_get_name (RcvCustomerItem *self)
{
  g_return_val_if_fail (RCV_IS_CUSTOMER_ITEM (self), NULL);
  return self->entry.name;
}

gint64
rcv_customer_item_get_balance (RcvCustomerItem *self)
{
  g_return_val_if_fail (RCV_IS_CUSTOMER_ITEM (self), 0);
  return self->entry.balance;
}

gint
rcv_customer_item_get_oldest_days (RcvCustomerItem *self)
{
  g_return_val_if_fail (RCV_IS_CUSTOMER_ITEM (self), G_MININT);
  return self->entry.oldest_days;
}

gboolean
rcv_customer_item_get_archived (RcvCustomerItem *self)
{
  g_return_val_if_fail (RCV_IS_CUSTOMER_ITEM (self), FALSE);
  return self->entry.archived;
}

/* Why the customer is on credit hold as of the list's date (RCV_HOLD_OVER_LIMIT: its
 * balance is over its limit already), or RCV_HOLD_NONE. */
RcvHoldReason
rcv_customer_item_get_hold (RcvCustomerItem *self)
{
  g_return_val_if_fail (RCV_IS_CUSTOMER_ITEM (self), RCV_HOLD_NONE);
  return (RcvHoldReason) self->entry.hold;
}

static GType
rcv_customer_list_get_item_type (GListModel *model)
{
  return RCV_TYPE_CUSTOMER_ITEM;
}

static guint
rcv_customer_list_get_n_items (GListModel *model)
{
  return RCV_CUSTOMER_LIST (model)->entries->len;
}

static gpointer
rcv_customer_list_get_item (GListModel *model,
                            guint       position)
{
  RcvCustomerList *self = RCV_CUSTOMER_LIST (model);

  if (position >= self->entries->len)
    return NULL;
  if (g_ptr_array_index (self->items, position) == NULL)
    g_ptr_array_index (self->items, position) =
      item_new (&g_array_index (self->entries, Entry, position), &self->currency);
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
rcv_customer_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = rcv_customer_list_get_item_type;
  iface->get_n_items = rcv_customer_list_get_n_items;
  iface->get_item = rcv_customer_list_get_item;
}

/* the array holds NULL for the items not made yet */
static void
item_unref (gpointer item)
{
  if (item != NULL)
    g_object_unref (item);
}

static void
rcv_customer_list_finalize (GObject *object)
{
  RcvCustomerList *self = RCV_CUSTOMER_LIST (object);

  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->folded, g_ptr_array_unref);

  G_OBJECT_CLASS (rcv_customer_list_parent_class)->finalize (object);
}

static void
rcv_customer_list_class_init (RcvCustomerListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rcv_customer_list_finalize;
}

static void
rcv_customer_list_init (RcvCustomerList *self)
{
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->entries, rcv_customer_entry_clear);
  self->items = g_ptr_array_new_with_free_func (item_unref);
  self->by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
}

static RcvCustomerList *
build (RcvDatabase  *db,
       const GDate  *as_of,
       gboolean      active_only,
       GError      **error)
{
  /* with the limit and the hold that apply: the customer's own, else its policy's, else the
   * default policy's */
  static const char *const sql[] = {
    "SELECT c.id, c.code, c.name, c.archived, coalesce (c.credit_limit, p.credit_limit),"
    " p.hold_days FROM customers c LEFT JOIN policies p"
    " ON p.id = " RCV_CUSTOMER_POLICY_SQL
    " ORDER BY c.name COLLATE NOCASE, c.id",
    "SELECT id, code, name, archived, NULL, NULL FROM customers WHERE archived = 0"
    " ORDER BY name COLLATE NOCASE, id",
  };
  g_autoptr(RcvCustomerList) self = NULL;
  g_autoptr(RcvAgingReport) report = NULL;
  RcvStatement *stmt;
  int rc;

  self = g_object_new (RCV_TYPE_CUSTOMER_LIST, NULL);
  if (as_of != NULL)
    self->as_of = *as_of;
  self->currency = *rcv_database_get_currency (db);

  if (as_of != NULL)
    {
      report = rcv_aging_report_new (db, as_of, error);
      if (report == NULL)
        return NULL;
      self->total = report->total.balance;
    }

  stmt = rcv_database_prepare (db, sql[active_only ? 1 : 0], error);
  if (stmt == NULL)
    return NULL;
  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    {
      Entry entry = { 0 };

      entry.id = rcv_statement_column_int64 (stmt, 0);
      entry.code = g_strdup (rcv_statement_column_text (stmt, 1));
      entry.name = g_strdup (rcv_statement_column_text (stmt, 2));
      entry.archived = rcv_statement_column_int (stmt, 3) != 0;
      entry.oldest_days = G_MININT;
      entry.late_tenths = G_MININT;
      entry.credit_limit = rcv_statement_column_is_null (stmt, 4)
                             ? -1 : rcv_statement_column_int64 (stmt, 4);
      entry.hold_days = rcv_statement_column_is_null (stmt, 5)
                          ? -1 : rcv_statement_column_int (stmt, 5);
      g_array_append_val (self->entries, entry);
    }
  if (rc != RCV_DONE)
    {
      rcv_database_set_error (db, error);
      rcv_statement_reset (stmt);
      return NULL;
    }
  rcv_statement_reset (stmt);

  rcv_customer_list_rebuild_index (self);
  /* the report holds the customers with a non-zero balance */
  for (guint i = 0; report != NULL && i < report->rows->len; i++)
    {
      const RcvAgingRow *row = g_ptr_array_index (report->rows, i);
      guint position = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_id, &row->customer_id));
      Entry *entry;

      if (position == 0)
        continue;
      entry = &g_array_index (self->entries, Entry, position - 1);
      entry->balance = row->balance;
      if (row->n_open_invoices > 0)
        entry->oldest_days = row->oldest_days;
      /* the same rules as rcv_credit_check() */
      if (entry->hold_days > 0 && row->n_open_invoices > 0 &&
          row->days_past_due >= entry->hold_days)
        entry->hold |= RCV_HOLD_OVERDUE;
      if (entry->credit_limit >= 0 && row->balance > entry->credit_limit)
        entry->hold |= RCV_HOLD_OVER_LIMIT;
    }
  if (as_of != NULL)
    {
      g_autoptr(GHashTable) payers = rcv_collections_payers (db, as_of, error);
      GHashTableIter iter;
      gpointer key, value;

      if (payers == NULL)
        return NULL;
      g_hash_table_iter_init (&iter, payers);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          guint position = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_id, key));

          if (position > 0)
            g_array_index (self->entries, Entry, position - 1).late_tenths =
              rcv_collections_average_tenths (value);
        }
    }
  g_ptr_array_set_size (self->items, (gint) self->entries->len);
  return g_steal_pointer (&self);
}

/* Reads every customer, archived ones included (the widget filters them), with its balance
 * and oldest days overdue as of `as_of`. Blocking: call it from a worker thread on a large
 * company, or use rcv_customer_list_new_async(). */
RcvCustomerList *
rcv_customer_list_new (RcvDatabase  *db,
                       const GDate  *as_of,
                       GError      **error)
{
  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);
  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), NULL);

  return build (db, as_of, FALSE, error);
}

/* The customers that are not archived, by name, without balances: a quick read (tens of
 * milliseconds for 50 000) for choosing a customer in a form. */
RcvCustomerList *
rcv_customer_list_new_active (RcvDatabase  *db,
                              GError      **error)
{
  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);

  return build (db, NULL, TRUE, error);
}

/* The customers whose number or name holds `text`, accents and case aside, best first
 * (rcv_text_match_ranked ()), as positions in the list; at most `max`, `n_matches` getting how
 * many there are in all. The folded names are made once per list (a few tens of milliseconds
 * for 50 000), so each key typed costs one scan of plain strings. */
GArray *
rcv_customer_list_match (RcvCustomerList *self,
                         const char      *text,
                         guint            max,
                         guint           *n_matches)
{
  g_return_val_if_fail (RCV_IS_CUSTOMER_LIST (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (self->folded == NULL)
    {
      self->folded = g_ptr_array_new_full (self->entries->len, g_free);
      for (guint i = 0; i < self->entries->len; i++)
        {
          const Entry *entry = &g_array_index (self->entries, Entry, i);

          g_ptr_array_add (self->folded, rcv_text_match_fold_pair (entry->code, entry->name));
        }
    }
  return rcv_text_match_ranked (self->folded, text, max, n_matches);
}

const GDate *
rcv_customer_list_get_as_of (RcvCustomerList *self)
{
  g_return_val_if_fail (RCV_IS_CUSTOMER_LIST (self), NULL);
  return &self->as_of;
}

/* The sum of every customer's balance. */
gint64
rcv_customer_list_get_total (RcvCustomerList *self)
{
  g_return_val_if_fail (RCV_IS_CUSTOMER_LIST (self), 0);
  return self->total;
}

gboolean
rcv_customer_list_find (RcvCustomerList *self,
                        gint64           customer_id,
                        guint           *position)
{
  guint found;

  g_return_val_if_fail (RCV_IS_CUSTOMER_LIST (self), FALSE);

  found = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_id, &customer_id));
  if (found == 0)
    return FALSE;
  if (position != NULL)
    *position = found - 1;
  return TRUE;
}

static gpointer
load_in_thread (RcvDatabase   *connection,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return rcv_customer_list_new (connection, data, error);
}

/* rcv_customer_list_new() in a worker thread, on a read connection of its own. */
void
rcv_customer_list_new_async (RcvDatabase         *db,
                             const GDate         *as_of,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (RCV_IS_DATABASE (db));
  g_return_if_fail (as_of != NULL && g_date_valid (as_of));

  rcv_database_task_run (db, RCV_DATABASE_FLAGS_READ_ONLY, load_in_thread,
                         g_memdup2 (as_of, sizeof *as_of), g_free, g_object_unref,
                         rcv_customer_list_new_async, cancellable, callback, user_data);
}

RcvCustomerList *
rcv_customer_list_new_finish (RcvDatabase   *db,
                              GAsyncResult  *result,
                              GError       **error)
{
  return rcv_database_task_finish (db, result, rcv_customer_list_new_async, error);
}

Entry
rcv_customer_entry_copy (const Entry *entry)
{
  Entry copy = *entry;

  copy.code = g_strdup (entry->code);
  copy.name = g_strdup (entry->name);
  return copy;
}

/* A customer whose figures changed: its item, when made, takes them and says so, so that the
 * view keeps it (selected, in its place). */
void
rcv_customer_list_replace_entry (RcvCustomerList *self,
                                 guint            position,
                                 const Entry     *entry)
{
  Entry *old = &g_array_index (self->entries, Entry, position);
  RcvCustomerItem *item = g_ptr_array_index (self->items, position);

  rcv_customer_entry_clear (old);
  *old = rcv_customer_entry_copy (entry);
  g_clear_pointer (&self->folded, g_ptr_array_unref);
  if (item != NULL)
    {
      item_set_entry (item, old, &self->currency);
      g_object_freeze_notify (G_OBJECT (item));
      for (guint i = ITEM_PROP_ID; i < ITEM_N_PROPS; i++)
        g_object_notify_by_pspec (G_OBJECT (item), item_properties[i]);
      g_object_thaw_notify (G_OBJECT (item));
    }
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}

void
rcv_customer_list_rebuild_index (RcvCustomerList *self)
{
  g_hash_table_remove_all (self->by_id);
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);

      g_hash_table_insert (self->by_id, &entry->id, GUINT_TO_POINTER (i + 1));
    }
}
