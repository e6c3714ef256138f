/* rcv-customer-list-changes.c - the customer list following commits: merged with the list
 * read again, or its touched customers refreshed in place
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rcv-customer-list"

#include "config.h"

#include "rcv-account.h"
#include "rcv-customer-list.h"
#include "rcv-customer-list-private.h"
#include "rcv-database-changes.h"
#include "rcv-database-private.h"
#include "rcv-policy.h"

static gboolean
entry_equal (const Entry *a,
             const Entry *b)
{
  return a->id == b->id && a->balance == b->balance && a->oldest_days == b->oldest_days &&
         a->credit_limit == b->credit_limit && a->hold_days == b->hold_days &&
         a->hold == b->hold && a->late_tenths == b->late_tenths && a->archived == b->archived &&
         g_strcmp0 (a->code, b->code) == 0 && g_strcmp0 (a->name, b->name) == 0;
}

/* Takes the customers of `fresh`, the list read again after a commit (as of its date): a
 * customer whose figures changed is told as one items-changed at its position, one added or
 * gone as an insertion or a removal, so that the view keeps its selection, its sort and its
 * scroll. When names moved customers in the order, or too much changed for one by one,
 * everything from there on is replaced in one. */
void
rcv_customer_list_merge (RcvCustomerList *self,
                         RcvCustomerList *fresh)
{
  g_autoptr(GHashTable) had = NULL;
  guint i = 0, j = 0, n_told = 0;

  g_return_if_fail (RCV_IS_CUSTOMER_LIST (self));
  g_return_if_fail (RCV_IS_CUSTOMER_LIST (fresh));

  g_clear_pointer (&self->folded, g_ptr_array_unref);
  self->as_of = fresh->as_of;
  self->total = fresh->total;
  self->currency = fresh->currency;
  /* the IDs are copied: inserting into the array moves its entries */
  had = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint k = 0; k < self->entries->len; k++)
    g_hash_table_add (had, g_memdup2 (&g_array_index (self->entries, Entry, k).id,
                                      sizeof (gint64)));

  while (i < self->entries->len || j < fresh->entries->len)
    {
      Entry *mine = i < self->entries->len ? &g_array_index (self->entries, Entry, i) : NULL;
      Entry *theirs = j < fresh->entries->len ? &g_array_index (fresh->entries, Entry, j)
                                              : NULL;

      if (n_told > 1000)
        break;
      if (mine != NULL && theirs != NULL && mine->id == theirs->id)
        {
          if (!entry_equal (mine, theirs))
            {
              rcv_customer_list_replace_entry (self, i, theirs);
              n_told++;
            }
          i++;
          j++;
        }
      else if (mine != NULL && !g_hash_table_contains (fresh->by_id, &mine->id))
        {
          g_array_remove_index (self->entries, i);
          g_ptr_array_remove_index (self->items, i);
          g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 0);
          n_told++;
        }
      else if (theirs != NULL && !g_hash_table_contains (had, &theirs->id))
        {
          Entry copy = rcv_customer_entry_copy (theirs);

          g_array_insert_val (self->entries, i, copy);
          g_ptr_array_insert (self->items, (gint) i, NULL);
          g_list_model_items_changed (G_LIST_MODEL (self), i, 0, 1);
          n_told++;
          i++;
          j++;
        }
      else
        break;
    }

  if (i < self->entries->len || j < fresh->entries->len)
    {
      guint removed = self->entries->len - i;

      g_array_set_size (self->entries, i);
      g_ptr_array_set_size (self->items, (gint) i);
      for (guint k = j; k < fresh->entries->len; k++)
        {
          Entry copy = rcv_customer_entry_copy (&g_array_index (fresh->entries, Entry, k));

          g_array_append_val (self->entries, copy);
        }
      g_ptr_array_set_size (self->items, (gint) self->entries->len);
      rcv_customer_list_rebuild_index (self);
      g_list_model_items_changed (G_LIST_MODEL (self), i, removed, self->entries->len - i);
      return;
    }
  rcv_customer_list_rebuild_index (self);
}

/* Past this many documents changed in one go, the customers they belong to are not looked up
 * one by one: the list is read again whole (rcv_customer_list_merge ()). */
#define REFRESH_MAX_ROWS 64

static gboolean
add_customers_of (RcvDatabase        *db,
                  const RcvChangeSet *changes,
                  const char         *table,
                  const char         *sql,
                  GHashTable         *customers)
{
  g_autoptr(GArray) rows = NULL;

  if (!rcv_change_set_touches (changes, table))
    return TRUE;
  if (rcv_change_set_is_wholesale (changes, table))
    return FALSE;
  rows = rcv_change_set_dup_rows (changes, table);
  if (rows->len > REFRESH_MAX_ROWS)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      gint64 customer_id = rcv_database_query_int64 (db, sql,
                                                     g_array_index (rows, RcvRowChange, i).id,
                                                     0);

      if (customer_id > 0)
        g_hash_table_add (customers, g_memdup2 (&customer_id, sizeof customer_id));
    }
  return TRUE;
}

/* Right after this program's own commit, before the list is read again whole: the customers
 * whose invoices or payments `changes` names get their balance, age and hold anew, by point
 * queries on their own documents (a few milliseconds), so that a saved payment shows in its
 * customer's row at once. Their payer behaviour, a new customer, a name that moves the order,
 * or another program's commit wait for the whole read; FALSE when this one cannot tell which
 * customers changed. */
gboolean
rcv_customer_list_refresh_changed (RcvCustomerList    *self,
                                   RcvDatabase        *db,
                                   const RcvChangeSet *changes)
{
  g_autoptr(GHashTable) customers = NULL;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (RCV_IS_CUSTOMER_LIST (self), FALSE);
  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  if (rcv_change_set_is_external (changes) || !g_date_valid (&self->as_of))
    return FALSE;
  customers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  if (!add_customers_of (db, changes, "invoices",
                         "SELECT customer_id FROM invoices WHERE id = ?1", customers) ||
      !add_customers_of (db, changes, "payments",
                         "SELECT customer_id FROM payments WHERE id = ?1", customers))
    return FALSE;

  g_hash_table_iter_init (&iter, customers);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint position = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_id, key));
      RcvAccountBalance balance;
      Entry *old;
      Entry fresh;

      if (position == 0 || !rcv_account_get_balance (db, *(gint64 *) key, &self->as_of,
                                                     &balance, NULL))
        continue;
      old = &g_array_index (self->entries, Entry, position - 1);
      /* a copy: replace_entry () frees the old entry's strings */
      fresh = rcv_customer_entry_copy (old);
      fresh.balance = balance.balance;
      fresh.oldest_days = balance.n_open > 0 ? balance.oldest_days : G_MININT;
      /* the same rules as rcv_credit_check () and build () */
      fresh.hold = 0;
      if (fresh.hold_days > 0 && balance.n_open > 0 && balance.days_past_due >= fresh.hold_days)
        fresh.hold |= RCV_HOLD_OVERDUE;
      if (fresh.credit_limit >= 0 && balance.balance > fresh.credit_limit)
        fresh.hold |= RCV_HOLD_OVER_LIMIT;
      if (!entry_equal (&fresh, old))
        {
          self->total += fresh.balance - old->balance;
          rcv_customer_list_replace_entry (self, position - 1, &fresh);
        }
      rcv_customer_entry_clear (&fresh);
    }
  return TRUE;
}
