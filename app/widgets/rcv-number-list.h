/* rcv-number-list.h - a short list of numbers (or pairs), a row each, to add to and remove from
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RCV_TYPE_NUMBER_LIST (rcv_number_list_get_type ())
G_DECLARE_FINAL_TYPE (RcvNumberList, rcv_number_list, RCV, NUMBER_LIST, GtkWidget)

/* One number of a row: what follows it ("days", "%"), its bounds, the step a new row adds. */
typedef struct
{
  const char *unit;
  const char *accessible_name;
  int lower;
  int upper;
  int step;
} RcvNumberColumn;

void     rcv_number_list_setup      (RcvNumberList         *self,
                                     const RcvNumberColumn *columns,
                                     guint                  n_columns,
                                     const char            *row_title,
                                     guint                  max_rows);
void     rcv_number_list_set_values (RcvNumberList         *self,
                                     const int             *values,
                                     guint                  n_rows);
GArray  *rcv_number_list_get_values (RcvNumberList         *self);
guint    rcv_number_list_get_n_rows (RcvNumberList         *self);
void     rcv_number_list_set_error  (RcvNumberList         *self,
                                     gboolean               error);
void     rcv_number_list_add_row    (RcvNumberList         *self);
void     rcv_number_list_remove_row (RcvNumberList         *self,
                                     guint                  row);
GtkSpinButton *rcv_number_list_get_spin (RcvNumberList     *self,
                                         guint              row,
                                         guint              column);

G_END_DECLS
