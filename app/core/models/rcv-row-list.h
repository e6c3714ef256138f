/* rcv-row-list.h - a lazy GListModel of database rows: their IDs, and the row objects alive
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rcv-database.h"

G_BEGIN_DECLS

#define RCV_TYPE_ROW_LIST (rcv_row_list_get_type ())
G_DECLARE_DERIVABLE_TYPE (RcvRowList, rcv_row_list, RCV, ROW_LIST, GObject)

struct _RcvRowListClass
{
  GObjectClass parent_class;

  /* the type of the rows, set in the subclass's class_init */
  GType item_type;
  /* reads the row with this ID through `db` into a new object, or NULL */
  GObject *(*read_row) (RcvRowList  *self,
                        RcvDatabase *db,
                        gint64       id);
  /* takes the values of `fresh`, read again, into `row`, the object already shown, and
   * notifies them: the view keeps its selection on the same object */
  void     (*update_row) (RcvRowList *self,
                          GObject    *row,
                          GObject    *fresh);
};

RcvDatabase *rcv_row_list_get_database (RcvRowList    *self);
void         rcv_row_list_set_database (RcvRowList    *self,
                                        RcvDatabase   *db);
gboolean     rcv_row_list_load_ids     (RcvRowList    *self,
                                        RcvDatabase   *db,
                                        const char    *sql,
                                        const char    *text_1,
                                        const char    *text_2,
                                        GCancellable  *cancellable,
                                        GError       **error);
void         rcv_row_list_append_id    (RcvRowList    *self,
                                        gint64         id);
void         rcv_row_list_set_member_query (RcvRowList *self,
                                            const char *sql,
                                            const char *text_1,
                                            const char *text_2);
void         rcv_row_list_set_key_query (RcvRowList *self,
                                         const char *sql);
void         rcv_row_list_update_rows  (RcvRowList    *self,
                                        const GArray  *changes);
void         rcv_row_list_refresh_alive (RcvRowList   *self);
void         rcv_row_list_merge        (RcvRowList    *self,
                                        RcvRowList    *fresh);

G_END_DECLS
