/* rcv-change-set-private.h - the inside of an RcvChangeSet, for the connection that fills it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rcv-database-changes.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean wholesale;   /* past the cap: every row may have changed */
  gboolean normalized;  /* rows sorted by ID, one entry per ID */
  GArray *rows;         /* RcvRowChange, NULL when wholesale */
} TableChanges;

struct _RcvChangeSet
{
  gatomicrefcount ref_count;
  gboolean external;    /* told by the poll: another connection committed */
  gboolean everything;  /* the tables are not known: any of them may have changed */
  GHashTable *tables;   /* interned table name → TableChanges */
};

TableChanges *rcv_change_set_lookup_table        (RcvChangeSet  *self,
                                                 const char    *name,
                                                 gboolean       create);
void          rcv_change_set_table_add_row       (TableChanges  *table,
                                                 gint64         id,
                                                 RcvChangeKind  kind);
void          rcv_change_set_table_set_wholesale (TableChanges  *table);
void          rcv_change_set_normalize           (RcvChangeSet  *self);

G_END_DECLS
