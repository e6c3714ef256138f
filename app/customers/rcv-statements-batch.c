/* rcv-statements-batch.c - statements of many customers into one PDF, in a worker thread
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Customers page's *Statements…*: the statements as of today (the last three months) of
 * the customers chosen, or of every customer owing or owed anything when none is, read and
 * written into one PDF on a read-only connection of the worker's own, whole or not at all.
 * The worker holds plain data only; the page hears of the end through its callback.
 */
#define G_LOG_DOMAIN "rcv-statement"

#include "config.h"

#include "rcv-account-statement.h"
#include "rcv-company-letterhead.h"
#include "rcv-database-task.h"
#include "rcv-date.h"
#include "rcv-statement-layout.h"
#include "rcv-statements-batch.h"

typedef struct
{
  GArray *ids;          /* gint64; NULL: every customer with a balance */
  char *path;
} Batch;

typedef struct
{
  guint n_statements;
  guint n_pages;
} Written;

static void
batch_free (gpointer data)
{
  Batch *batch = data;

  g_clear_pointer (&batch->ids, g_array_unref);
  g_free (batch->path);
  g_free (batch);
}

static gpointer
write_in_thread (RcvDatabase   *connection,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  Batch *batch = data;
  g_autoptr(GPtrArray) statements = NULL;
  g_autoptr(RcvLetterhead) head = rcv_letterhead_new_for_company (connection,
                                                                  rcv_paper_for_locale ());
  Written *written;
  GDate today, from;

  rcv_date_set_today (&today);
  rcv_account_statement_default_from (&today, &from);
  statements = rcv_account_statements_read (connection, batch->ids, &from, &today, cancellable,
                                            error);
  if (statements == NULL)
    return NULL;
  written = g_new0 (Written, 1);
  written->n_statements = statements->len;
  if (!rcv_statements_write_pdf (head, (const RcvAccountStatement *const *) statements->pdata,
                                 statements->len, batch->path, &written->n_pages, NULL, NULL,
                                 cancellable, error))
    {
      g_free (written);
      return NULL;
    }
  return written;
}

/* Starts the batch: the statements of `customer_ids` (NULL: every customer with a balance),
 * written to `path`; `on_done` (a GAsyncReadyCallback) is called with `owner` as its data. */
void
rcv_statements_batch_save (GtkWidget    *owner,
                           RcvDatabase  *database,
                           GArray       *customer_ids,
                           const char   *path,
                           GCallback     on_done,
                           GCancellable *cancellable)
{
  Batch *batch;

  g_return_if_fail (GTK_IS_WIDGET (owner));
  g_return_if_fail (RCV_IS_DATABASE (database));
  g_return_if_fail (path != NULL);

  batch = g_new0 (Batch, 1);
  batch->ids = customer_ids != NULL ? g_array_ref (customer_ids) : NULL;
  batch->path = g_strdup (path);
  rcv_database_task_run (database, RCV_DATABASE_FLAGS_READ_ONLY, write_in_thread, batch,
                         batch_free, g_free, rcv_statements_batch_save, cancellable,
                         (GAsyncReadyCallback) on_done, g_object_ref (owner));
}

/* Called from on_done: whether the file was written, how many statements and pages. */
gboolean
rcv_statements_batch_finish (GObject       *source,
                             GAsyncResult  *result,
                             guint         *n_statements,
                             guint         *n_pages,
                             GError       **error)
{
  g_autofree Written *written =
    rcv_database_task_finish (RCV_DATABASE (source), result, rcv_statements_batch_save, error);

  if (written == NULL)
    return FALSE;
  *n_statements = written->n_statements;
  *n_pages = written->n_pages;
  return TRUE;
}
