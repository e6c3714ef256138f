/* rcv-letter-private.h - the text layouts the letters and the agency's summary share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pango.h>

#include "rcv-letter.h"

G_BEGIN_DECLS

/* What a block of a letter's flow belongs to, for the tests of its pagination. */
typedef enum
{
  RCV_LETTER_PART_SUBJECT,
  RCV_LETTER_PART_BODY,
  RCV_LETTER_PART_TABLE_HEADER,
  RCV_LETTER_PART_TABLE_ROW,
  RCV_LETTER_PART_TOTALS,
  RCV_LETTER_PART_PAYMENT,
  RCV_LETTER_PART_CLOSING,
  RCV_LETTER_PART_BASIS,
} RcvLetterPart;

typedef struct
{
  RcvLetterPart part;
  guint page;                  /* 0-based */
  double y, height;            /* the block's top on its page and its height, in points */
} RcvLetterBlockInfo;

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
GArray      *rcv_letter_layout_get_blocks (const RcvLetterLayout *layout);
void         rcv_letter_layout_get_return_line (const RcvLetterLayout  *layout,
                                                const char            **text,
                                                double                 *width,
                                                double                 *size,
                                                double                 *window_width,
                                                gboolean               *ellipsized);
double       rcv_letter_layout_get_recipient_size (const RcvLetterLayout *layout);

G_END_DECLS
