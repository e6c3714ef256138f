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

G_END_DECLS
