/* rcv-epc-qr.h - the EPC QR code (EPC069-12, "GiroCode") that a payer's banking app reads to
 * fill a SEPA credit transfer in
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "rcv-money.h"

G_BEGIN_DECLS

char    *rcv_epc_payload (const char        *bic,
                          const char        *name,
                          const char        *iban,
                          gint64             amount,
                          const RcvCurrency *currency,
                          const char        *purpose,
                          const char        *reference,
                          const char        *text);
gboolean rcv_epc_qr_draw (cairo_t           *cr,
                          const char        *payload,
                          double             x,
                          double             y,
                          double             size);

G_END_DECLS
