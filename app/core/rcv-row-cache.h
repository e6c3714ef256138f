/* rcv-row-cache.h - the IDs of a lazy list and the row objects alive for it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rcv-database.h"

G_BEGIN_DECLS

/* Reads the row with this ID into a new object, or NULL. */
typedef GObject *(*RcvRowReader) (gpointer owner,
                                  gint64   id);

typedef struct
{
  GArray *ids;          /* gint64, in list order */
  GHashTable *alive;    /* position → the row's weak record */
} RcvRowCache;

void     rcv_row_cache_init     (RcvRowCache   *cache);
void     rcv_row_cache_clear    (RcvRowCache   *cache);
gboolean rcv_row_cache_load_ids (RcvRowCache   *cache,
                                 RcvDatabase   *db,
                                 const char    *sql,
                                 const char    *text_1,
                                 const char    *text_2,
                                 GCancellable  *cancellable,
                                 GError       **error);
gpointer rcv_row_cache_get      (RcvRowCache   *cache,
                                 guint          position,
                                 RcvRowReader   read,
                                 gpointer       owner);

G_END_DECLS
