/* rcv-overview-page.h - where the money stands: key figures and the aging charts, as of any date
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rcv-chart-view.h"
#include "rcv-database.h"

G_BEGIN_DECLS

#define RCV_TYPE_OVERVIEW_PAGE (rcv_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (RcvOverviewPage, rcv_overview_page, RCV, OVERVIEW_PAGE, GtkWidget)

void     rcv_overview_page_set_database (RcvOverviewPage *self,
                                         RcvDatabase     *database);
void     rcv_overview_page_reload       (RcvOverviewPage *self);
gboolean rcv_overview_page_export_chart (RcvOverviewPage *self,
                                         RcvChartView    *view,
                                         const char      *path,
                                         GError         **error);

gboolean         rcv_overview_page_is_reading (RcvOverviewPage *self);

G_END_DECLS
