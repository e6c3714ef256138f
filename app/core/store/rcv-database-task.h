/* rcv-database-task.h - slow work on a company file, in a worker thread with its own connection
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rcv-database.h"

G_BEGIN_DECLS

/* Runs in the worker thread on a connection of its own; returns the result (owned by the
 * caller of rcv_database_task_finish, freed with the task's result_free) or NULL with error. */
typedef gpointer (*RcvDatabaseTaskFunc) (RcvDatabase   *connection,
                                         gpointer       data,
                                         GCancellable  *cancellable,
                                         GError       **error);

void     rcv_database_task_run    (RcvDatabase         *db,
                                   RcvDatabaseFlags     flags,
                                   RcvDatabaseTaskFunc  func,
                                   gpointer             data,
                                   GDestroyNotify       data_free,
                                   GDestroyNotify       result_free,
                                   gpointer             source_tag,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gpointer rcv_database_task_finish (RcvDatabase   *db,
                                   GAsyncResult  *result,
                                   gpointer       source_tag,
                                   GError       **error);

void     rcv_cancel_and_clear     (GCancellable **cancellable);

G_END_DECLS
