/* rcv-dunning-private.h - what the dunning's files share: what the letter log says about a
 * customer (rcv-dunning-log.c), read by the run (rcv-dunning.c)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rcv-database.h"

G_BEGIN_DECLS

/* What the letter log says about a customer, by the as-of date. */
typedef struct
{
  GHashTable *levels;      /* invoice ID → the highest level sent for it */
  GHashTable *dates;       /* invoice ID → GArray of the Julian days of its letters */
  guint32 last_date;       /* of the customer's latest letter; 0: none */
  gint64 last_id;          /* the ID of its latest letter of any date; 0: none */
} RcvSentLog;

void     rcv_sent_log_clear (RcvSentLog *log);
gboolean rcv_sent_log_read  (RcvDatabase  *db,
                             gint64        customer_id,
                             GArray       *items,
                             const char   *as_of_iso,
                             RcvSentLog   *log,
                             GError      **error);

G_END_DECLS
