/* rcv-reference.h - ISO 7064 mod 97-10 check digits: IBANs (ISO 13616) and structured creditor
 * references (ISO 11649, "RF")
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An RF reference holds at most 21 letters and digits after "RF" and its two check digits. */
#define RCV_CREDITOR_REF_MAX_BODY 21

char     *rcv_reference_compact     (const char *text);
gboolean  rcv_iban_valid            (const char *text);
char     *rcv_creditor_ref_make     (const char *invoice_number,
                                     gint64      invoice_id);
char     *rcv_creditor_ref_format   (const char *reference);
gboolean  rcv_creditor_ref_valid    (const char *text,
                                     char      **body);
GPtrArray *rcv_creditor_ref_find    (const char *text);

G_END_DECLS
