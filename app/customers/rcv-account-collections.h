/* rcv-account-collections.h - the collections part of a customer's page: the advice, the
 * expected recovery, payer behaviour, the plan and the hand-over, the account's story, and the
 * dialogs that add to it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rcv-collections.h"
#include "rcv-database.h"

G_BEGIN_DECLS

AdwActionRow *rcv_account_add_row (AdwPreferencesGroup *group,
                                   const char          *title,
                                   const char          *subtitle,
                                   const char          *value);

/* Adds the Collections group and the story to `box` after `after` (NULL: first), and returns
 * the account's record that they show (NULL when it cannot be read; the group says why), for
 * the page's actions. The advice scans the company's open items, so it arrives from a worker
 * thread; `cancellable` stops it when the page goes. */
RcvCollectionsRecord *rcv_account_collections_add (GtkBox       *box,
                                                   GtkWidget    *after,
                                                   RcvDatabase  *database,
                                                   gint64        customer_id,
                                                   GCancellable *cancellable);

/* The dialogs, each writing one audited transaction; `done` runs after a write. */
typedef enum
{
  RCV_COLLECTIONS_LOG_CONTACT,
  RCV_COLLECTIONS_PROMISE,
  RCV_COLLECTIONS_PLAN,
  RCV_COLLECTIONS_END_PLAN,
  RCV_COLLECTIONS_HAND_OVER,
  RCV_COLLECTIONS_EXPORT,
} RcvCollectionsDialog;

typedef void (*RcvCollectionsDone) (GObject *owner);

/* `owner` (the page) is held weakly: `done` is not called once it is gone. */
void rcv_account_collections_run (GtkWindow            *parent,
                                  RcvDatabase          *database,
                                  gint64                customer_id,
                                  RcvCollectionsDialog  dialog,
                                  RcvCollectionsDone    done,
                                  GObject              *owner);

G_END_DECLS
