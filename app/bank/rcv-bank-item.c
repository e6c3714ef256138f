/* rcv-bank-item.c - a bank entry waiting, as the Bank page lists it
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plain GObject over the entry read from the company file, for the page's list model: the
 * list view makes rows only for the entries in sight, however many a statement brought.
 */
#define G_LOG_DOMAIN "rcv-bank-page"

#include "config.h"

#include "rcv-bank-item.h"

struct _RcvBankItem
{
  GObject parent_instance;

  RcvBankPending *pending;
};

G_DEFINE_FINAL_TYPE (RcvBankItem, rcv_bank_item, G_TYPE_OBJECT)

static void
rcv_bank_item_finalize (GObject *object)
{
  RcvBankItem *self = RCV_BANK_ITEM (object);

  rcv_bank_pending_free (self->pending);

  G_OBJECT_CLASS (rcv_bank_item_parent_class)->finalize (object);
}

static void
rcv_bank_item_class_init (RcvBankItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rcv_bank_item_finalize;
}

static void
rcv_bank_item_init (RcvBankItem *self)
{
}

/* Takes `pending`. */
RcvBankItem *
rcv_bank_item_new (RcvBankPending *pending)
{
  RcvBankItem *self;

  g_return_val_if_fail (pending != NULL, NULL);

  self = g_object_new (RCV_TYPE_BANK_ITEM, NULL);
  self->pending = pending;
  return self;
}

const RcvBankPending *
rcv_bank_item_get_pending (RcvBankItem *self)
{
  g_return_val_if_fail (RCV_IS_BANK_ITEM (self), NULL);

  return self->pending;
}
