/* rcv-epc-qr.c - the EPC QR code (EPC069-12, "GiroCode") that a payer's banking app reads to
 * fill a SEPA credit transfer in
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The payload is the guideline's version 002 in UTF-8 (character set 1), a line each: BCD, 002,
 * 1, SCT, the BIC (may be empty in 002), the beneficiary's name (70 characters at most), the
 * IBAN, the amount in euro ("EUR12.3": a point, no needless zeros; 0.01 to 999999999.99), the
 * purpose code, then either the structured creditor reference (an RF reference, ISO 11649) or
 * an unstructured remittance text (140 characters), never both. The code is made with
 * libqrencode at error correction level M, as the guideline asks, and drawn with cairo as the
 * rest of the letter is: a square per dark module, with the quiet zone of four modules the
 * standard wants around it.
 */
#include "config.h"

#include <qrencode.h>
#include <string.h>

#include "rcv-epc-qr.h"
#include "rcv-reference.h"

static char *
truncate_chars (const char *text,
                glong       max_chars)
{
  const char *end = text;

  if (g_utf8_strlen (text, -1) <= max_chars)
    return g_strdup (text);
  end = g_utf8_offset_to_pointer (text, max_chars);
  return g_strndup (text, (gsize) (end - text));
}

/* The payload for a transfer of `amount` (minor units of euro) to `name` at `iban`; NULL when
 * no EPC code can carry it: another currency than the euro, no IBAN, an amount out of range.
 * `reference` (an RF reference) wins over `text`; `bic` and `purpose` may be NULL. */
char *
rcv_epc_payload (const char        *bic,
                 const char        *name,
                 const char        *iban,
                 gint64             amount,
                 const RcvCurrency *currency,
                 const char        *purpose,
                 const char        *reference,
                 const char        *text)
{
  g_autofree char *compact_iban = NULL;
  g_autofree char *compact_bic = NULL;
  g_autofree char *short_name = NULL;
  g_autofree char *compact_ref = NULL;
  g_autofree char *short_text = NULL;
  g_autoptr(GString) euros = g_string_new (NULL);

  g_return_val_if_fail (name != NULL && currency != NULL, NULL);

  if (iban == NULL || !rcv_iban_valid (iban) || strcmp (currency->code, "EUR") != 0 ||
      currency->decimals != 2 || amount < 1 || amount > G_GINT64_CONSTANT (99999999999))
    return NULL;
  compact_iban = rcv_reference_compact (iban);
  compact_bic = rcv_reference_compact (bic != NULL ? bic : "");
  short_name = truncate_chars (name, 70);
  g_string_append_printf (euros, "EUR%" G_GINT64_FORMAT, amount / 100);
  if (amount % 100 != 0)
    {
      g_string_append_printf (euros, ".%02d", (int) (amount % 100));
      if (euros->str[euros->len - 1] == '0')
        g_string_truncate (euros, euros->len - 1);
    }
  if (reference != NULL && rcv_creditor_ref_valid (reference, NULL))
    compact_ref = rcv_reference_compact (reference);
  else if (text != NULL)
    short_text = truncate_chars (text, 140);
  {
    GString *payload = g_string_new (NULL);

    g_string_printf (payload, "BCD\n002\n1\nSCT\n%s\n%s\n%s\n%s\n%s\n%s\n%s", compact_bic,
                     short_name, compact_iban, euros->str, purpose != NULL ? purpose : "",
                     compact_ref != NULL ? compact_ref : "", short_text != NULL ? short_text : "");
    /* the last element filled in is followed by nothing */
    while (payload->len > 0 && payload->str[payload->len - 1] == '\n')
      g_string_truncate (payload, payload->len - 1);
    return g_string_free (payload, FALSE);
  }
}

/* Draws the code of `payload` as a square of `size` points at (x, y), its quiet zone inside;
 * FALSE when libqrencode cannot encode it. */
gboolean
rcv_epc_qr_draw (cairo_t    *cr,
                 const char *payload,
                 double      x,
                 double      y,
                 double      size)
{
  QRcode *code;
  double module;
  int width;

  g_return_val_if_fail (cr != NULL && payload != NULL, FALSE);

  code = QRcode_encodeString8bit (payload, 0, QR_ECLEVEL_M);
  if (code == NULL)
    return FALSE;
  width = code->width;
  module = size / (width + 8);
  cairo_save (cr);
  /* modules side by side, without seams between them */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, size, size);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int row = 0; row < width; row++)
    for (int column = 0; column < width; column++)
      if (code->data[row * width + column] & 1)
        cairo_rectangle (cr, x + (column + 4) * module, y + (row + 4) * module, module, module);
  cairo_fill (cr);
  cairo_restore (cr);
  QRcode_free (code);
  return TRUE;
}
