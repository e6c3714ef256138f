/* rcv-letter-preview.h - one page of a reminder letter, drawn as it will print
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rcv-account-statement.h"
#include "rcv-letter.h"

G_BEGIN_DECLS

#define RCV_TYPE_LETTER_PREVIEW (rcv_letter_preview_get_type ())
G_DECLARE_FINAL_TYPE (RcvLetterPreview, rcv_letter_preview, RCV, LETTER_PREVIEW, GtkWidget)

void  rcv_letter_preview_set_letter  (RcvLetterPreview       *self,
                                      const RcvLetterhead    *head,
                                      const RcvDunningLetter *letter);
void  rcv_letter_preview_set_statement (RcvLetterPreview          *self,
                                        const RcvLetterhead       *head,
                                        const RcvAccountStatement *statement);
guint rcv_letter_preview_get_n_pages (RcvLetterPreview *self);
guint rcv_letter_preview_get_page    (RcvLetterPreview *self);
double rcv_letter_preview_get_scale  (RcvLetterPreview *self);
void  rcv_letter_preview_set_page    (RcvLetterPreview *self,
                                      guint             page);

G_END_DECLS
