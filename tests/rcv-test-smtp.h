/* rcv-test-smtp.h - a real SMTP server on the loopback for the tests (smtp-server.py)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  GPid pid;
  int stdin_fd;
  guint port;
  char *maildir;
} RcvTestSmtp;

gboolean rcv_test_smtp_start    (RcvTestSmtp *server,
                                 const char  *first_option,
                                 ...);
void     rcv_test_smtp_stop     (RcvTestSmtp *server);
char    *rcv_test_smtp_received (RcvTestSmtp *server,
                                 guint        n);
guint    rcv_test_smtp_count    (RcvTestSmtp *server);

G_END_DECLS
