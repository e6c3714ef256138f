/* rcv-smtp.h - messages sent to the outgoing mail server, one connection for a batch
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rcv-mail-account.h"

G_BEGIN_DECLS

#define RCV_SMTP_ERROR (rcv_smtp_error_quark ())

typedef enum
{
  RCV_SMTP_ERROR_REJECTED,     /* the server refused this message (its answer says why):
                                * the others may still go */
  RCV_SMTP_ERROR_CONNECTION,   /* no connection, or it broke: nothing more goes now */
  RCV_SMTP_ERROR_CERTIFICATE,  /* the server's certificate is not trusted */
  RCV_SMTP_ERROR_LOGIN,        /* the user and password were refused */
} RcvSmtpError;

typedef struct _RcvSmtpSession RcvSmtpSession;

GQuark          rcv_smtp_error_quark   (void);
RcvSmtpSession *rcv_smtp_session_new   (const RcvMailAccount *account,
                                        const char           *password,
                                        GError              **error);
gboolean        rcv_smtp_session_send  (RcvSmtpSession       *self,
                                        const char           *to,
                                        GBytes               *message,
                                        GCancellable         *cancellable,
                                        GError              **error);
void            rcv_smtp_session_free  (RcvSmtpSession       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvSmtpSession, rcv_smtp_session_free)

G_END_DECLS
