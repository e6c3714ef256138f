/* rcv-agency.h - what a collection agency needs to take an account over: a PDF summary and a
 * CSV of the open invoices with their history
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rcv-database.h"
#include "rcv-letter.h"

G_BEGIN_DECLS

/* The CSV's header: one row per open invoice, oldest due first. */
#define RCV_AGENCY_CSV_HEADER \
  "invoice,issue_date,due_date,total,open,days_overdue,disputed,reminders,last_reminder,history"

/* Everything the files say about one account, read once for both. */
typedef struct _RcvAgencyFile RcvAgencyFile;

RcvAgencyFile *rcv_agency_file_new       (RcvDatabase          *db,
                                          gint64                customer_id,
                                          const GDate          *as_of,
                                          GError              **error);
char          *rcv_agency_file_to_csv    (const RcvAgencyFile  *file);
gboolean       rcv_agency_file_write_csv (const RcvAgencyFile  *file,
                                          const char           *path,
                                          GError              **error);
gboolean       rcv_agency_file_write_pdf (const RcvAgencyFile  *file,
                                          RcvPaper              paper,
                                          const char           *path,
                                          GError              **error);
void           rcv_agency_file_free      (RcvAgencyFile        *file);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvAgencyFile, rcv_agency_file_free)

/* The same in one call each. */
char    *rcv_agency_csv         (RcvDatabase  *db,
                                 gint64        customer_id,
                                 const GDate  *as_of,
                                 GError      **error);
/* Writes the files asked for (either path may be NULL), each whole or not at all. */
gboolean rcv_agency_export      (RcvDatabase  *db,
                                 gint64        customer_id,
                                 const GDate  *as_of,
                                 RcvPaper      paper,
                                 const char   *pdf_path,
                                 const char   *csv_path,
                                 GError      **error);
void     rcv_agency_export_async  (RcvDatabase         *db,
                                   gint64               customer_id,
                                   const GDate         *as_of,
                                   RcvPaper             paper,
                                   const char          *pdf_path,
                                   const char          *csv_path,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gboolean rcv_agency_export_finish (RcvDatabase   *db,
                                   GAsyncResult  *result,
                                   GError       **error);

G_END_DECLS
