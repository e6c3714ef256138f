/* rcv-statements-batch.h - statements of many customers into one PDF, in a worker thread
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rcv-database.h"

G_BEGIN_DECLS

void     rcv_statements_batch_save   (GtkWidget     *owner,
                                      RcvDatabase   *database,
                                      GArray        *customer_ids,
                                      const char    *path,
                                      GCallback      on_done,
                                      GCancellable  *cancellable);
gboolean rcv_statements_batch_finish (GObject       *source,
                                      GAsyncResult  *result,
                                      guint         *n_statements,
                                      guint         *n_pages,
                                      GError       **error);

G_END_DECLS
