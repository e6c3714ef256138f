/* rcv-connection-holder.h - a company file's connection shared by a bulk import's threads,
 * one at a time
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rcv-database.h"

G_BEGIN_DECLS

/* A connection that a bulk import shares between its threads, one at a time: the thread that
 * has it uses it through rcv_connection_holder_get (), which aborts on any other thread (an
 * sqlite3 connection and its statement cache used by two threads at once corrupt each other's
 * statements); a thread lets it go with _release () before handing it over, the next one
 * takes it with _acquire (). */
typedef struct
{
  GMutex lock;
  GThread *owner;               /* NULL while it is being handed over */
  RcvDatabase *db;
} RcvConnectionHolder;

void         rcv_connection_holder_init    (RcvConnectionHolder *holder,
                                            RcvDatabase         *db);
void         rcv_connection_holder_clear   (RcvConnectionHolder *holder);
RcvDatabase *rcv_connection_holder_get     (RcvConnectionHolder *holder);
void         rcv_connection_holder_release (RcvConnectionHolder *holder);
void         rcv_connection_holder_acquire (RcvConnectionHolder *holder);

G_END_DECLS
