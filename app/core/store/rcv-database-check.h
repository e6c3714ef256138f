/* rcv-database-check.h - the damage check's own parts, for rcv-database.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "rcv-database.h"

G_BEGIN_DECLS

/* What identifies one state of a company file and its WAL (see rcv-database-check.c). */
typedef struct
{
  guint64 values[10];
} RcvFileState;

void     rcv_file_state_read            (const char         *path,
                                         RcvFileState       *state);
gboolean rcv_file_state_equal           (const RcvFileState *a,
                                         const RcvFileState *b);

gboolean rcv_database_check_is_current  (const char         *path,
                                         const RcvFileState *state);
void     rcv_database_check_remember    (const char         *path,
                                         const RcvFileState *state);
void     rcv_database_check_forget      (const char         *path);
gboolean rcv_database_check_handle      (sqlite3              *handle,
                                         const char           *path,
                                         RcvCheckProgressFunc  progress_func,
                                         gpointer              user_data,
                                         GCancellable         *cancellable,
                                         GError              **error);

gboolean rcv_database_check_if_needed   (sqlite3              *handle,
                                         const char           *path,
                                         RcvCheckProgressFunc  progress_func,
                                         gpointer              user_data,
                                         GCancellable         *cancellable,
                                         GError              **error);

G_END_DECLS
