/* rcv-database-changes-private.h - the hooks rcv-database.c gives the change notification
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "rcv-database-changes.h"

G_BEGIN_DECLS

/* class_init: RcvDatabase::changed */
void rcv_database_changes_class_init (GObjectClass *object_class);
/* once a writing connection is open and its schema up to date: from then on its commits are
 * told (SQLite's update, commit and rollback hooks on `handle`) */
void rcv_database_changes_attach     (RcvDatabase  *self,
                                      sqlite3      *handle);
/* after the outermost COMMIT: RcvDatabase::changed with what it committed, now */
void rcv_database_changes_flush      (RcvDatabase  *self);

/* a write the hooks may not see (a table WITHOUT ROWID without the pre-update hook), in the
 * transaction under way */
void rcv_database_changes_note_table (RcvDatabase  *self,
                                      const char   *table);

/* A worker's writing connection (rcv-database-task.c): its commits are kept, not emitted, to
 * be told on the owner's connection when the task is done … */
void          rcv_database_changes_record          (RcvDatabase *worker);
RcvChangeSet *rcv_database_changes_steal_recorded  (RcvDatabase *worker);
/* … whose poll then does not take them for another program's: whether it had seen every
 * commit when the task began, and what the worker committed */
gboolean      rcv_database_changes_is_current      (RcvDatabase  *owner);
void          rcv_database_changes_absorb          (RcvDatabase  *owner,
                                                    gboolean      was_current,
                                                    RcvChangeSet *worker_changes);

G_END_DECLS
