/* rcv-database-task.c - slow work on a company file, in a worker thread with its own connection
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GUI must not wait for a query over a million invoices, nor share its connection with a
 * thread: each task opens the file again (read-only, or for writing when it must write; WAL
 * lets readers run beside the GUI's writes) and closes it when done. What a writing task
 * committed is told on the caller's connection when it is done (rcv-database-changes.c).
 */
#define G_LOG_DOMAIN "rcv-database-task"

#include "config.h"

#include "rcv-database-changes-private.h"
#include "rcv-database-task.h"

typedef struct
{
  char *path;
  RcvDatabaseFlags flags;
  RcvDatabaseTaskFunc func;
  gpointer data;
  GDestroyNotify data_free;
  GDestroyNotify result_free;
  RcvChangeSet *changes;          /* what a writing task committed */
  gboolean owner_current;         /* the caller's connection had seen every commit */
  GAsyncReadyCallback callback;
  gpointer user_data;
} TaskData;

static void
task_data_free (gpointer pointer)
{
  TaskData *task_data = pointer;

  if (task_data->data_free != NULL && task_data->data != NULL)
    task_data->data_free (task_data->data);
  g_clear_pointer (&task_data->changes, rcv_change_set_unref);
  g_free (task_data->path);
  g_free (task_data);
}

/* In the caller's thread: the worker's commits told on the caller's connection, then the
 * caller's own callback. */
static void
on_task_done (GObject      *source,
              GAsyncResult *result,
              gpointer      pointer)
{
  TaskData *task_data = g_task_get_task_data (G_TASK (result));

  if ((task_data->flags & RCV_DATABASE_FLAGS_READ_ONLY) == 0)
    rcv_database_changes_absorb (RCV_DATABASE (source), task_data->owner_current,
                                 task_data->changes);
  if (task_data->callback != NULL)
    task_data->callback (source, result, task_data->user_data);
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      pointer,
               GCancellable *cancellable)
{
  TaskData *task_data = pointer;
  g_autoptr(RcvDatabase) connection = NULL;
  g_autoptr(GError) error = NULL;
  gpointer result;

  connection = rcv_database_open (task_data->path, task_data->flags, &error);
  if (connection == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if ((task_data->flags & RCV_DATABASE_FLAGS_READ_ONLY) == 0)
    rcv_database_changes_record (connection);
  result = task_data->func (connection, task_data->data, cancellable, &error);
  if ((task_data->flags & RCV_DATABASE_FLAGS_READ_ONLY) == 0)
    task_data->changes = rcv_database_changes_steal_recorded (connection);
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, task_data->result_free);
}

/* Calls func (connection, data, cancellable, error) in a worker thread, on a new connection
 * to db's file opened with `flags`, and then `callback` in the calling thread's main context. */
void
rcv_database_task_run (RcvDatabase         *db,
                       RcvDatabaseFlags     flags,
                       RcvDatabaseTaskFunc  func,
                       gpointer             data,
                       GDestroyNotify       data_free,
                       GDestroyNotify       result_free,
                       gpointer             source_tag,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *task_data;

  g_return_if_fail (RCV_IS_DATABASE (db));
  g_return_if_fail (func != NULL);

  task_data = g_new0 (TaskData, 1);
  task_data->path = g_strdup (rcv_database_get_path (db));
  task_data->flags = flags;
  task_data->func = func;
  task_data->data = data;
  task_data->data_free = data_free;
  task_data->result_free = result_free;
  task_data->callback = callback;
  task_data->user_data = user_data;
  if ((flags & RCV_DATABASE_FLAGS_READ_ONLY) == 0)
    task_data->owner_current = rcv_database_changes_is_current (db);

  task = g_task_new (db, cancellable, on_task_done, NULL);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, task_data, task_data_free);
  g_task_run_in_thread (task, run_in_thread);
}

gpointer
rcv_database_task_finish (RcvDatabase   *db,
                          GAsyncResult  *result,
                          gpointer       source_tag,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Cancels the work `*cancellable` stands for, if any, and forgets it: what a page does before
 * it starts a newer read, or when it goes away. */
void
rcv_cancel_and_clear (GCancellable **cancellable)
{
  g_return_if_fail (cancellable != NULL);

  if (*cancellable != NULL)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
}
