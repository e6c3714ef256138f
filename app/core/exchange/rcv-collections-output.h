/* rcv-collections-output.h - the collections report as CSV and JSON
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rcv-collections-report.h"

G_BEGIN_DECLS

char *rcv_collections_report_to_csv  (const GPtrArray   *report,
                                      const RcvCurrency *currency);
char *rcv_collections_report_to_json (const GPtrArray   *report,
                                      const GDate       *as_of,
                                      const RcvCurrency *currency);

G_END_DECLS
