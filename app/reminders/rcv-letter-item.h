/* rcv-letter-item.h - a letter of a dunning run, as the Reminders page lists it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rcv-dunning.h"
#include "rcv-letter.h"

G_BEGIN_DECLS

/* The run, shared by the items of its letters and by a batch still writing them: an atomic
 * reference-counted box (g_atomic_rc_box_*), released with rcv_run_box_clear. */
typedef struct
{
  RcvDunningRun *run;
} RcvRunBox;

void rcv_run_box_clear (gpointer data);

#define RCV_TYPE_LETTER_ITEM (rcv_letter_item_get_type ())
G_DECLARE_FINAL_TYPE (RcvLetterItem, rcv_letter_item, RCV, LETTER_ITEM, GObject)

RcvLetterItem          *rcv_letter_item_new         (RcvRunBox              *box,
                                                     const RcvDunningLetter *letter,
                                                     RcvAddressProblem       problem);
const RcvDunningLetter *rcv_letter_item_get_letter  (RcvLetterItem          *self);
const char             *rcv_letter_item_get_problem (RcvLetterItem          *self);
gboolean                rcv_letter_item_get_chosen  (RcvLetterItem          *self);
void                    rcv_letter_item_set_chosen  (RcvLetterItem          *self,
                                                     gboolean                chosen);
GPtrArray              *rcv_letter_items_get_letters (GPtrArray             *items);

G_END_DECLS
