/* rcv-mail-log.h - what was sent by e-mail, and what the server answered
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rcv-database.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 id;
  char *sent_at;        /* UTC, ISO 8601 */
  gint64 customer_id;   /* 0: none (a test message) */
  char *kind;           /* letter, statement, test */
  char *recipient;
  char *subject;
  char *message_id;
  gboolean sent;        /* the server accepted it */
  char *reply;          /* why not, as the server said */
} RcvMailLogEntry;

void       rcv_mail_log_entry_free (RcvMailLogEntry *entry);
gboolean   rcv_mail_log_add        (RcvDatabase     *db,
                                    gint64           customer_id,
                                    const char      *kind,
                                    const char      *recipient,
                                    const char      *subject,
                                    const char      *message_id,
                                    gboolean         sent,
                                    const char      *reply,
                                    GError         **error);
GPtrArray *rcv_mail_log_list       (RcvDatabase     *db,
                                    gint64           customer_id,
                                    guint            limit,
                                    GError         **error);

G_END_DECLS
