/* rcv-reminders-mail.c - the Reminders page's letters by e-mail: the chosen ones sent by the
 * app in a batch, or the one previewed opened in the user's own mail app
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Send the Chosen Letters… opens the batch dialog (rcv-mail-batch-dialog.c) on the chosen
 * letters; it records each one the server accepts, and the page reads its run again from the
 * commit as it does for any other. Open in My Mail App… hands the previewed letter, its PDF
 * and the text of its level to the user's mail app; the person sends it and records it there.
 */
#define G_LOG_DOMAIN "receivables"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-company-letterhead.h"
#include "rcv-document-mail.h"
#include "rcv-mail-batch-dialog.h"
#include "rcv-reminders-page-private.h"

static void
on_batch_finished (RcvMailBatchDialog *dialog,
                   guint               n_sent,
                   RcvRemindersPage   *self)
{
  g_autofree char *text = NULL;

  if (n_sent == 0)
    return;
  text = g_strdup_printf (ngettext ("Sent %u letter by e-mail", "Sent %u letters by e-mail",
                                    n_sent),
                          n_sent);
  rcv_reminders_page_toast (self, text, FALSE);
}

/* Opens the batch dialog on the chosen letters; NULL when none is chosen. */
RcvMailBatchDialog *
rcv_reminders_page_send_email (RcvRemindersPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) letters = NULL;
  RcvMailBatchDialog *dialog;

  g_return_val_if_fail (RCV_IS_REMINDERS_PAGE (self), NULL);

  if (self->database == NULL || rcv_reminders_page_is_busy (self))
    return NULL;
  items = rcv_reminders_page_chosen_items (self);
  if (items->len == 0)
    return NULL;
  letters = rcv_letter_items_get_letters (items);
  dialog = rcv_mail_batch_dialog_new_for_letters (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                  self->database, letters,
                                                  g_steal_pointer (&items),
                                                  (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "finished", G_CALLBACK (on_batch_finished), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
send_email_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  rcv_reminders_page_send_email (RCV_REMINDERS_PAGE (widget));
}

/* Opens the letter previewed in the user's mail app. */
void
rcv_reminders_page_compose (RcvRemindersPage *self)
{
  RcvLetterItem *item;
  const RcvDunningLetter *letter;
  g_autoptr(RcvMailDraft) draft = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RCV_IS_REMINDERS_PAGE (self));

  item = gtk_single_selection_get_selected_item (self->selection);
  if (item == NULL || self->head == NULL)
    return;
  letter = rcv_letter_item_get_letter (item);
  pdf = rcv_letter_pdf_bytes (self->head, letter, &error);
  if (pdf == NULL)
    {
      rcv_reminders_page_toast (self, error->message, FALSE);
      return;
    }
  draft = rcv_mail_draft_for_letter (self->head, letter);
  rcv_document_compose (GTK_WIDGET (self), letter->email, draft, pdf);
}

static void
compose_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  rcv_reminders_page_compose (RCV_REMINDERS_PAGE (widget));
}

void
rcv_reminders_page_class_init_mail (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "reminders.send-email", NULL,
                                   send_email_action);
  gtk_widget_class_install_action (widget_class, "reminders.compose", NULL, compose_action);
}
