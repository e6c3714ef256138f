/* rcv-export.h - CSV export of customers, invoices, payments and aging
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rcv-database.h"

G_BEGIN_DECLS

typedef enum
{
  RCV_EXPORT_CUSTOMERS,
  RCV_EXPORT_INVOICES,
  RCV_EXPORT_PAYMENTS,
  RCV_EXPORT_AGING,
} RcvExportKind;

gboolean rcv_export_kind_from_string (const char    *text,
                                      RcvExportKind *kind);
gboolean rcv_export_csv              (RcvDatabase   *db,
                                      RcvExportKind  kind,
                                      const GDate   *as_of,
                                      const char    *path,
                                      guint         *n_rows,
                                      GError       **error);

G_END_DECLS
