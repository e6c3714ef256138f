/* rcv-date-button.h - "Today, …" or "As of …": a button that opens a calendar
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RCV_TYPE_DATE_BUTTON (rcv_date_button_get_type ())
G_DECLARE_FINAL_TYPE (RcvDateButton, rcv_date_button, RCV, DATE_BUTTON, GtkWidget)

void        rcv_date_button_get_date     (RcvDateButton *self,
                                          GDate         *date);
void        rcv_date_button_set_date     (RcvDateButton *self,
                                          const GDate   *date);
void        rcv_date_button_follow_today (RcvDateButton *self);
void        rcv_date_button_set_plain    (RcvDateButton *self,
                                          gboolean       plain);
const char *rcv_date_button_get_hint     (RcvDateButton *self);

G_END_DECLS
