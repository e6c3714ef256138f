/* rcv-import.h - CSV import of customers, invoices and payments: all or nothing
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rcv-csv.h"
#include "rcv-database.h"
#include "rcv-enum.h"

G_BEGIN_DECLS

/* Problems beyond this many are counted, not kept. */
#define RCV_IMPORT_MAX_PROBLEMS 1000

typedef struct
{
  guint n_rows;        /* data rows read */
  guint n_imported;    /* rows written: 0 unless the whole file was good */
  guint n_problems;    /* every problem found */
  GPtrArray *problems; /* the first RCV_IMPORT_MAX_PROBLEMS, as “file:line: field “x”: …” */
} RcvImportReport;

RcvImportReport *rcv_import_report_new       (void);
void             rcv_import_report_free      (RcvImportReport *report);
gboolean         rcv_import_csv              (RcvDatabase     *db,
                                              RcvImportKind    kind,
                                              RcvCsvReader    *reader,
                                              RcvImportReport *report,
                                              GError         **error);
gboolean         rcv_import_csv_file         (RcvDatabase     *db,
                                              RcvImportKind    kind,
                                              const char      *path,
                                              RcvImportReport *report,
                                              GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvImportReport, rcv_import_report_free)

G_END_DECLS
