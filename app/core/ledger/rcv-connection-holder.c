/* rcv-connection-holder.c - a company file's connection shared by a bulk import's threads,
 * one at a time
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rcv-payment-batch"

#include "config.h"

#include "rcv-connection-holder.h"

static G_NORETURN void
misused (RcvConnectionHolder *holder,
         const char          *what)
{
  g_error ("the import's connection to %s %s on thread %p while thread %p has it",
           rcv_database_get_path (holder->db), what, (gpointer) g_thread_self (),
           (gpointer) holder->owner);
}

/* Starts with the calling thread holding the connection (a reference of its own). */
void
rcv_connection_holder_init (RcvConnectionHolder *holder,
                            RcvDatabase         *db)
{
  g_return_if_fail (holder != NULL);
  g_return_if_fail (RCV_IS_DATABASE (db));

  g_mutex_init (&holder->lock);
  holder->owner = g_thread_self ();
  holder->db = g_object_ref (db);
}

void
rcv_connection_holder_clear (RcvConnectionHolder *holder)
{
  g_return_if_fail (holder != NULL);

  if (holder->db == NULL)
    return;
  g_mutex_lock (&holder->lock);
  if (holder->owner != g_thread_self ())
    misused (holder, "closed");
  g_mutex_unlock (&holder->lock);
  g_mutex_clear (&holder->lock);
  g_clear_object (&holder->db);
}

/* The connection, for the thread that holds it; any other thread aborts the program. */
RcvDatabase *
rcv_connection_holder_get (RcvConnectionHolder *holder)
{
  RcvDatabase *db;

  g_return_val_if_fail (holder != NULL, NULL);

  g_mutex_lock (&holder->lock);
  if (holder->owner != g_thread_self ())
    misused (holder, "used");
  db = holder->db;
  g_mutex_unlock (&holder->lock);
  return db;
}

/* Lets the connection go, before another thread takes it. */
void
rcv_connection_holder_release (RcvConnectionHolder *holder)
{
  g_return_if_fail (holder != NULL);

  g_mutex_lock (&holder->lock);
  if (holder->owner != g_thread_self ())
    misused (holder, "handed over");
  holder->owner = NULL;
  g_mutex_unlock (&holder->lock);
}

/* Takes the connection once the thread that had it has let it go. */
void
rcv_connection_holder_acquire (RcvConnectionHolder *holder)
{
  g_return_if_fail (holder != NULL);

  g_mutex_lock (&holder->lock);
  if (holder->owner != NULL)
    misused (holder, "taken");
  holder->owner = g_thread_self ();
  g_mutex_unlock (&holder->lock);
}
