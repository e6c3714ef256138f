/* rcv-mail-message.h - an e-mail message: a plain-text body and a PDF attached, as MIME
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *from_name;       /* the company's name, or NULL */
  const char *from_address;
  const char *to_name;         /* the customer's name, or NULL */
  const char *to_address;
  const char *subject;
  const char *body;            /* plain text, "\n" between lines */
  const char *attachment_name; /* the PDF's file name, or NULL for none */
  GBytes *attachment;          /* application/pdf, or NULL */
  GDateTime *date;             /* NULL: now */
  gboolean smtputf8;           /* the server takes UTF-8 headers (RFC 6532): an address that is
                                * not ASCII may go as it is */
} RcvMailParts;

gboolean  rcv_mail_address_valid (const char          *address);
char     *rcv_mail_encode_words  (const char          *text);
GBytes   *rcv_mail_message_build (const RcvMailParts  *parts,
                                  char               **message_id,
                                  GError             **error);

G_END_DECLS
