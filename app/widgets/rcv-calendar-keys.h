/* rcv-calendar-keys.h - a calendar's keys moving its selected day, as its highlight shows
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void     rcv_calendar_keys_attach    (GtkCalendar *calendar);
gboolean rcv_calendar_keys_is_moving (GtkCalendar *calendar);
gboolean rcv_calendar_keys_get_chosen (GtkCalendar *calendar,
                                       GDate       *date);

G_END_DECLS
