/* rcv-letter-private.h - what the letter's files, the agency's summary and the tests share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pango.h>

#include "rcv-letter.h"

G_BEGIN_DECLS

/* The recipient in the window, and the smallest size it may shrink to to fit. */
#define RCV_LETTER_RECIPIENT_SIZE 10.0
#define RCV_LETTER_RECIPIENT_MIN_SIZE 8.0

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

PangoContext *rcv_letter_context_new (cairo_t *cr);
const char  *rcv_letterhead_get_address (const RcvLetterhead *head);
void         rcv_paper_get_window (RcvPaper  paper,
                                   double   *width,
                                   double   *height);
GStrv        rcv_letter_address_lines (const char *address);
gboolean     rcv_letter_address_has_country (const char *const *lines);
RcvAddressProblem rcv_letter_fit_recipient (PangoContext           *context,
                                            double                  width,
                                            double                  height,
                                            const RcvDunningLetter *letter,
                                            PangoLayout           **layout,
                                            double                 *size);

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
