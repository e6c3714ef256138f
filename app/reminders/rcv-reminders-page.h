/* rcv-reminders-page.h - the letters due as of a date: choose, preview, print, save, e-mail,
 * record
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rcv-database.h"
#include "rcv-mail-batch-dialog.h"

G_BEGIN_DECLS

#define RCV_TYPE_REMINDERS_PAGE (rcv_reminders_page_get_type ())
G_DECLARE_FINAL_TYPE (RcvRemindersPage, rcv_reminders_page, RCV, REMINDERS_PAGE, GtkWidget)

void                    rcv_reminders_page_set_database   (RcvRemindersPage *self,
                                                           RcvDatabase      *database);
void                    rcv_reminders_page_reload         (RcvRemindersPage *self);
void                    rcv_reminders_page_reload_when_shown (RcvRemindersPage *self);
guint                   rcv_reminders_page_get_n_letters  (RcvRemindersPage *self);
guint                   rcv_reminders_page_get_n_selected (RcvRemindersPage *self);
void                    rcv_reminders_page_set_selected   (RcvRemindersPage *self,
                                                           guint             position,
                                                           gboolean          selected);
void                    rcv_reminders_page_save_pdf       (RcvRemindersPage *self,
                                                           const char       *path);
GtkPrintOperationResult rcv_reminders_page_print          (RcvRemindersPage        *self,
                                                           GtkPrintOperationAction  action,
                                                           const char              *export_path,
                                                           GError                 **error);
void                    rcv_reminders_page_focus_customer (RcvRemindersPage *self,
                                                           gint64            customer_id);
gboolean                rcv_reminders_page_record_selected (RcvRemindersPage *self,
                                                            GError          **error);
RcvMailBatchDialog     *rcv_reminders_page_send_email     (RcvRemindersPage *self);
void                    rcv_reminders_page_compose        (RcvRemindersPage *self);

G_END_DECLS
