/* rcv-date-row.h - an entry row for a date, as the locale writes dates or as ISO
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void     rcv_date_row_setup    (AdwEntryRow  *row,
                                const char   *label);
gboolean rcv_date_row_get_date (AdwEntryRow  *row,
                                GDate        *date,
                                GError      **error);
void     rcv_date_row_set_date (AdwEntryRow  *row,
                                const GDate  *date);

GtkMenuButton *rcv_date_row_get_calendar_button (AdwEntryRow *row);

G_END_DECLS
