/* rcv-mail-compose.h - a new message in the user's own mail app: the Email portal, or
 * xdg-email
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void     rcv_mail_compose                 (GDBusConnection     *bus,
                                           const char          *parent_window,
                                           const char          *address,
                                           const char          *subject,
                                           const char          *body,
                                           const char          *attachment_path,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean rcv_mail_compose_finish          (GAsyncResult        *result,
                                           GError             **error);
char    *rcv_mail_compose_save_attachment (const char          *name,
                                           GBytes              *pdf,
                                           GError             **error);

G_END_DECLS
