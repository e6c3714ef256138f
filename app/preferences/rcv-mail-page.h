/* rcv-mail-page.h - the outgoing mail account, on a page of the Preferences window
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rcv-database.h"

G_BEGIN_DECLS

#define RCV_TYPE_MAIL_PAGE (rcv_mail_page_get_type ())
G_DECLARE_FINAL_TYPE (RcvMailPage, rcv_mail_page, RCV, MAIL_PAGE, AdwPreferencesPage)

void     rcv_mail_page_set_database (RcvMailPage  *self,
                                     RcvDatabase  *database);
gboolean rcv_mail_page_save         (RcvMailPage  *self,
                                     GError      **error);
gboolean rcv_mail_page_is_busy      (RcvMailPage  *self);

G_END_DECLS
