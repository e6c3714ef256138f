/* rcv-letter-private.h - the text layouts the letters and the agency's summary share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pango.h>

#include "rcv-letter.h"

G_BEGIN_DECLS

PangoLayout *rcv_text_layout_new (PangoContext   *context,
                                  const char     *text,
                                  double          size,
                                  gboolean        bold,
                                  double          width,
                                  PangoAlignment  alignment);
double       rcv_layout_height   (PangoLayout    *layout);
void         rcv_letter_layout_get_texts (const RcvLetterLayout  *layout,
                                          const char            **recipient,
                                          const char            **running_head);

G_END_DECLS
