/* rcv-database.h - one company file: an SQLite connection, its schema and its settings
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rcv-money.h"

G_BEGIN_DECLS

#define RCV_TYPE_DATABASE (rcv_database_get_type ())
G_DECLARE_FINAL_TYPE (RcvDatabase, rcv_database, RCV, DATABASE, GObject)

/* The file format this program writes; a file with a larger user_version is refused. */
#define RCV_SCHEMA_VERSION 13
/* PRAGMA application_id of a company file: "RCVB" */
#define RCV_APPLICATION_ID 0x52435642

#define RCV_AGING_MAX_BOUNDARIES 8

typedef enum
{
  RCV_DATABASE_FLAGS_NONE = 0,
  RCV_DATABASE_FLAGS_READ_ONLY = 1 << 0,
} RcvDatabaseFlags;

typedef enum
{
  RCV_AGING_BY_DUE_DATE,
  RCV_AGING_BY_ISSUE_DATE,
} RcvAgingBasis;

/* rcv_database_set_wait_policy (): called once a connection has waited a second for another
 * program's write */
typedef void (*RcvDatabaseWaitFunc) (const char *path,
                                     gpointer    user_data);

void               rcv_database_set_wait_policy   (guint               limit_seconds,
                                                   RcvDatabaseWaitFunc func,
                                                   gpointer            user_data);
guint              rcv_database_get_wait_limit    (void);

char              *rcv_database_default_path      (void);
RcvDatabase       *rcv_database_open              (const char       *path,
                                                   RcvDatabaseFlags  flags,
                                                   GError          **error);
RcvDatabase       *rcv_database_open_reader       (RcvDatabase      *self,
                                                   GError          **error);
const char        *rcv_database_get_path          (RcvDatabase *self);
gboolean           rcv_database_is_read_only      (RcvDatabase *self);

gboolean           rcv_database_begin             (RcvDatabase *self,
                                                   GError     **error);
gboolean           rcv_database_commit            (RcvDatabase *self,
                                                   GError     **error);
void               rcv_database_rollback          (RcvDatabase *self);

char              *rcv_database_get_setting       (RcvDatabase *self,
                                                   const char  *key);
gboolean           rcv_database_set_setting       (RcvDatabase *self,
                                                   const char  *key,
                                                   const char  *value,
                                                   GError     **error);
const RcvCurrency *rcv_database_get_currency      (RcvDatabase *self);
gboolean           rcv_database_set_currency      (RcvDatabase *self,
                                                   const char  *code,
                                                   GError     **error);
const guint       *rcv_database_get_aging_boundaries (RcvDatabase *self,
                                                      guint       *n_boundaries);
gboolean           rcv_database_set_aging_boundaries (RcvDatabase *self,
                                                      const char  *text,
                                                      GError     **error);
RcvAgingBasis      rcv_database_get_aging_basis   (RcvDatabase *self);
gboolean           rcv_database_set_aging_basis   (RcvDatabase   *self,
                                                   RcvAgingBasis  basis,
                                                   GError       **error);

gboolean           rcv_database_audit             (RcvDatabase *self,
                                                   const char  *action,
                                                   const char  *table,
                                                   gint64       record_id,
                                                   const char  *old_values,
                                                   const char  *new_values,
                                                   GError     **error);
gboolean           rcv_database_backup            (RcvDatabase *self,
                                                   const char  *destination,
                                                   GError     **error);
gboolean           rcv_database_check_integrity   (RcvDatabase *self,
                                                   GError     **error);

/* The fraction done of a damage check, 0 to 1 */
typedef void (*RcvCheckProgressFunc) (double   fraction,
                                      gpointer user_data);

gboolean           rcv_database_check_file        (const char            *path,
                                                   RcvCheckProgressFunc   progress_func,
                                                   gpointer               user_data,
                                                   GCancellable          *cancellable,
                                                   GError               **error);
void               rcv_database_check_file_async  (const char            *path,
                                                   RcvCheckProgressFunc   progress_func,
                                                   gpointer               progress_data,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
gboolean           rcv_database_check_file_finish (GAsyncResult          *result,
                                                   GError               **error);

G_END_DECLS
