/* rcv-export.h - CSV export of customers, invoices, payments and aging
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rcv-database.h"
#include "rcv-enum.h"

G_BEGIN_DECLS

gboolean rcv_export_csv              (RcvDatabase   *db,
                                      RcvExportKind  kind,
                                      const GDate   *as_of,
                                      const char    *path,
                                      guint         *n_rows,
                                      GError       **error);

G_END_DECLS
