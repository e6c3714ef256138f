/* rcv-page-database.h - a page's company file, whose commits it follows
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rcv-database.h"

G_BEGIN_DECLS

gboolean rcv_page_set_database     (gpointer      page,
                                    RcvDatabase **slot,
                                    RcvDatabase  *database,
                                    guint        *changes_timeout,
                                    GCallback     on_changed);
void     rcv_page_coalesce_changes (gpointer      page,
                                    guint        *changes_timeout,
                                    GSourceFunc   on_timeout);

G_END_DECLS
