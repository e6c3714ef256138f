/* rcv-mail-batch.h - reminder letters and statements sent by e-mail, in batches
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rcv-account-statement.h"
#include "rcv-dunning.h"
#include "rcv-letter.h"

G_BEGIN_DECLS

typedef enum
{
  RCV_MAIL_SENT,
  RCV_MAIL_FAILED,        /* the server refused it: its answer says why */
  RCV_MAIL_NO_ADDRESS,    /* the customer has no e-mail address: to print instead */
  RCV_MAIL_NOT_TRIED,     /* the batch stopped before it (connection, login, cancel) */
} RcvMailOutcome;

typedef struct
{
  gint64 customer_id;
  char *code;
  char *name;
  char *address;          /* "" when the customer has none */
  RcvMailOutcome outcome;
  char *reply;            /* a failure's, as the server answered; NULL otherwise */
  gboolean recorded;      /* a letter: recorded as sent, so that the next run escalates */
} RcvMailResult;

typedef struct
{
  GPtrArray *results;     /* RcvMailResult: one per document, in the batch's order */
  guint n_sent;
  guint n_failed;
  guint n_no_address;
  guint n_not_tried;
  char *stopped;          /* why the batch stopped before its end, or NULL */
} RcvMailReport;

void           rcv_mail_report_free     (RcvMailReport                    *report);
RcvMailReport *rcv_mail_send_letters    (RcvDatabase                      *db,
                                         const RcvDunningLetter *const    *letters,
                                         guint                             n_letters,
                                         gboolean                          record,
                                         RcvProgressFunc                   progress,
                                         gpointer                          user_data,
                                         GCancellable                     *cancellable,
                                         GError                          **error);
RcvMailReport *rcv_mail_send_statements (RcvDatabase                      *db,
                                         const RcvAccountStatement *const *statements,
                                         guint                             n_statements,
                                         RcvProgressFunc                   progress,
                                         gpointer                          user_data,
                                         GCancellable                     *cancellable,
                                         GError                          **error);
gboolean       rcv_mail_send_test       (RcvDatabase                      *db,
                                         const char                       *to,
                                         GError                          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvMailReport, rcv_mail_report_free)

G_END_DECLS
