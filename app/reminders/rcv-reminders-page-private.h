/* rcv-reminders-page-private.h - what the Reminders page's files share: the page (letters,
 * preview, choosing), its batches (rcv-reminders-batch.c: print, save as PDF, record) and
 * e-mail (rcv-reminders-mail.c)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rcv-date-button.h"
#include "rcv-letter-item.h"
#include "rcv-letter-preview.h"
#include "rcv-letter.h"
#include "rcv-reminders-page.h"

G_BEGIN_DECLS

struct _RcvRemindersPage
{
  GtkWidget parent_instance;

  RcvDatabase *database;
  GCancellable *cancellable;       /* reading the run */
  GCancellable *batch;             /* writing a PDF */
  GListStore *letters;             /* RcvLetterItem */
  GtkSingleSelection *selection;   /* the letter previewed */
  RcvLetterhead *head;
  GDate as_of;
  gint64 started;
  gint64 focus_customer;           /* to choose alone when the run is read; 0: none */
  guint changes_timeout;           /* gathers a burst of commits into one run */
  gboolean stale;                  /* a commit came while the page was hidden */

  RcvDateButton *date_button;
  GtkLabel *summary_label;
  GtkButton *record_button;
  GtkRevealer *progress_revealer;
  GtkProgressBar *progress_bar;
  GtkRevealer *covered_revealer;
  GtkLabel *covered_label;
  GtkRevealer *address_revealer;
  GtkLabel *address_label;
  GtkStack *stack;
  GtkSpinner *spinner;
  AdwStatusPage *error_page;
  GtkListView *list_view;
  RcvLetterPreview *preview;
  GtkLabel *page_label;
  GtkDropDown *level_drop_down;
  gboolean showing_level;          /* filling the drop-down: not the user's choice */
};

/* rcv-reminders-page.c */
GPtrArray *rcv_reminders_page_chosen_items    (RcvRemindersPage *self);
gboolean   rcv_reminders_page_is_busy         (RcvRemindersPage *self);
void       rcv_reminders_page_update_actions  (RcvRemindersPage *self);
void       rcv_reminders_page_toast           (RcvRemindersPage *self,
                                               const char       *text,
                                               gboolean          offer_record);
void       rcv_reminders_page_toast_full      (RcvRemindersPage *self,
                                               const char       *text,
                                               gboolean          offer_record,
                                               AdwToastPriority  priority);

/* rcv-reminders-batch.c */
void       rcv_reminders_page_class_init_batch (GtkWidgetClass  *widget_class);

/* rcv-reminders-mail.c */
void       rcv_reminders_page_class_init_mail  (GtkWidgetClass  *widget_class);

G_END_DECLS
