/* rcv-mail-batch-dialog.h - letters or statements sent by e-mail: what will go, the progress,
 * and what became of each
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rcv-database.h"
#include "rcv-mail-batch.h"

G_BEGIN_DECLS

#define RCV_TYPE_MAIL_BATCH_DIALOG (rcv_mail_batch_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RcvMailBatchDialog, rcv_mail_batch_dialog, RCV, MAIL_BATCH_DIALOG, AdwWindow)

RcvMailBatchDialog  *rcv_mail_batch_dialog_new_for_letters    (GtkWindow          *parent,
                                                               RcvDatabase        *database,
                                                               GPtrArray          *letters,
                                                               gpointer            keep,
                                                               GDestroyNotify      keep_free);
RcvMailBatchDialog  *rcv_mail_batch_dialog_new_for_statements (GtkWindow          *parent,
                                                               RcvDatabase        *database,
                                                               GArray             *customer_ids);
void                 rcv_mail_batch_dialog_send               (RcvMailBatchDialog *self);
gboolean             rcv_mail_batch_dialog_is_sending         (RcvMailBatchDialog *self);
const RcvMailReport *rcv_mail_batch_dialog_get_report         (RcvMailBatchDialog *self);

G_END_DECLS
