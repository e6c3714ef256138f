/* rcv-plain-text.h - text into the libadwaita widgets that would read it as Pango markup
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void rcv_row_set_plain_title               (gpointer        row,
                                            const char     *text);
void rcv_action_row_set_plain_subtitle     (AdwActionRow   *row,
                                            const char     *text);
void rcv_expander_row_set_plain_subtitle   (AdwExpanderRow *row,
                                            const char     *text);
void rcv_status_page_set_plain_description (AdwStatusPage  *page,
                                            const char     *text);
void rcv_status_page_set_markup_description (AdwStatusPage *page,
                                             const char    *markup);

void rcv_focus_without_selecting           (GtkWidget      *widget);
void rcv_window_deselect_focus             (GtkWindow      *window);

G_END_DECLS
