/* rcv-database-changes.h - what a commit changed: tables, rows and kinds, for views to follow
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rcv-database.h"

G_BEGIN_DECLS

/* What happened to a row in the writes a change set tells; one row may have seen several. */
typedef enum
{
  RCV_CHANGE_INSERT = 1 << 0,
  RCV_CHANGE_UPDATE = 1 << 1,
  RCV_CHANGE_DELETE = 1 << 2,
} RcvChangeKind;

typedef struct
{
  gint64 id;           /* the row's ID (rowid) */
  RcvChangeKind kind;
} RcvRowChange;

/* Past this many rows of one table in one set, the table counts as changed wholesale: a
 * million-row import is one word, not a million. */
#define RCV_CHANGE_SET_MAX_ROWS 10000

/* How long a view waits after a commit for more before it reads again: a burst of commits
 * (an import row by row, a batch of letters recorded) is one read. */
#define RCV_CHANGES_COALESCE_MILLISECONDS 50

/* How often a window asks whether another program committed (rcv_database_poll_changes ()). */
#define RCV_CHANGES_POLL_MILLISECONDS 2000

/* The changes of one or more commits, as emitted by RcvDatabase::changed. Immutable once
 * emitted; a consumer that gathers a burst makes its own with rcv_change_set_new () and
 * rcv_change_set_merge (). */
typedef struct _RcvChangeSet RcvChangeSet;

#define RCV_TYPE_CHANGE_SET (rcv_change_set_get_type ())

GType         rcv_change_set_get_type     (void) G_GNUC_CONST;
RcvChangeSet *rcv_change_set_new          (void);
RcvChangeSet *rcv_change_set_new_external (void);
RcvChangeSet *rcv_change_set_ref          (RcvChangeSet       *self);
void          rcv_change_set_unref        (RcvChangeSet       *self);
void          rcv_change_set_add_row      (RcvChangeSet       *self,
                                           const char         *table,
                                           gint64              id,
                                           RcvChangeKind       kind);
void          rcv_change_set_add_table    (RcvChangeSet       *self,
                                           const char         *table);
void          rcv_change_set_merge        (RcvChangeSet       *self,
                                           const RcvChangeSet *other);
gboolean      rcv_change_set_is_empty     (const RcvChangeSet *self);
gboolean      rcv_change_set_is_external  (const RcvChangeSet *self);
gboolean      rcv_change_set_touches      (const RcvChangeSet *self,
                                           const char         *table);
gboolean      rcv_change_set_touches_any  (const RcvChangeSet *self,
                                           const char         *table,
                                           ...) G_GNUC_NULL_TERMINATED;
gboolean      rcv_change_set_is_wholesale (const RcvChangeSet *self,
                                           const char         *table);
RcvChangeKind rcv_change_set_get_kind     (const RcvChangeSet *self,
                                           const char         *table,
                                           gint64              id);
GArray       *rcv_change_set_dup_rows     (const RcvChangeSet *self,
                                           const char         *table);
char        **rcv_change_set_dup_tables   (const RcvChangeSet *self);
char         *rcv_change_set_describe     (const RcvChangeSet *self);

gboolean      rcv_database_poll_changes   (RcvDatabase        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvChangeSet, rcv_change_set_unref)

G_END_DECLS
