/* rcv-mail-account.h - the outgoing mail account: the company file's, its password the keyring's
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rcv-database.h"

G_BEGIN_DECLS

typedef enum
{
  RCV_MAIL_TLS,         /* TLS from the first byte (SMTPS, port 465) */
  RCV_MAIL_STARTTLS,    /* STARTTLS, required (submission, port 587) */
  RCV_MAIL_NONE,        /* plain text: only to a server on the loopback */
} RcvMailSecurity;

typedef struct
{
  char *from;           /* the sender's address */
  char *server;         /* host name or address */
  guint port;
  RcvMailSecurity security;
  char *user;           /* "" for none: no authentication */
} RcvMailAccount;

RcvMailAccount *rcv_mail_account_new          (void);
void            rcv_mail_account_free         (RcvMailAccount       *account);
RcvMailAccount *rcv_mail_account_load         (RcvDatabase          *db);
gboolean        rcv_mail_account_check        (const RcvMailAccount *account,
                                               GError              **error);
gboolean        rcv_mail_account_save         (RcvDatabase          *db,
                                               const RcvMailAccount *account,
                                               GError              **error);
gboolean        rcv_mail_account_parse_server (RcvMailAccount       *account,
                                               const char           *text,
                                               GError              **error);
gboolean        rcv_mail_security_from_nick   (const char           *nick,
                                               RcvMailSecurity      *security);
const char     *rcv_mail_security_nick        (RcvMailSecurity       security);
guint           rcv_mail_security_default_port (RcvMailSecurity      security);
gboolean        rcv_mail_host_is_loopback     (const char           *host);
char           *rcv_mail_password_lookup      (const RcvMailAccount *account,
                                               GError              **error);
gboolean        rcv_mail_password_store       (const RcvMailAccount *account,
                                               const char           *password,
                                               GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvMailAccount, rcv_mail_account_free)

G_END_DECLS
