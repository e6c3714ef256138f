/* rcv-chart-file.h - a chart of the company's figures, read for a file or a command
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rcv-chart.h"
#include "rcv-database.h"

G_BEGIN_DECLS

RcvChart *rcv_chart_new_for_database (RcvDatabase  *db,
                                      RcvChartKind  kind,
                                      const GDate  *as_of,
                                      guint         n,
                                      GError      **error);

G_END_DECLS
