/* rcv-customer-list-private.h - the customer list's insides, shared by rcv-customer-list.c
 * and rcv-customer-list-changes.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rcv-customer-list.h"
#include "rcv-money.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 id;
  char *code;
  char *name;
  gint64 balance;
  gint oldest_days;   /* G_MININT when nothing is open */
  gint64 credit_limit; /* its own, else its policy's; -1: none */
  gint hold_days;      /* its policy's; -1: never */
  guint hold;          /* RcvHoldReason as of the list's date */
  gint late_tenths;    /* average days late over 12 months, in tenths; G_MININT: none paid */
  gboolean archived;
} Entry;

struct _RcvCustomerList
{
  GObject parent_instance;

  GArray *entries;     /* Entry, by name */
  GPtrArray *items;    /* RcvCustomerItem or NULL, parallel to entries */
  GHashTable *by_id;   /* customer ID → position + 1 */
  GPtrArray *folded;   /* "code\nname" folded for matching, parallel to entries; NULL: not yet */
  RcvCurrency currency;
  GDate as_of;
  gint64 total;
};

void  rcv_customer_entry_clear        (gpointer         data);
Entry rcv_customer_entry_copy         (const Entry     *entry);
void  rcv_customer_list_replace_entry (RcvCustomerList *self,
                                       guint            position,
                                       const Entry     *entry);
void  rcv_customer_list_rebuild_index (RcvCustomerList *self);

G_END_DECLS
