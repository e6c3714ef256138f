/* rcv-reminders-batch.c - the Reminders page's batches: the chosen letters printed, saved as
 * one PDF, or recorded as sent
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Printing goes through the GTK print dialog, laid out a few letters at a time (the "paginate"
 * signal) so that a batch of a thousand never holds up the window. Saving writes one PDF in a
 * worker thread with its own connection, with a progress bar and Cancel; the worker holds the
 * letters and a weak box of the page, never the page itself. Recording, after a
 * confirmation, logs the letters so that the next run escalates.
 */
#define G_LOG_DOMAIN "receivables"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-company-letterhead.h"
#include "rcv-database-task.h"
#include "rcv-date.h"
#include "rcv-document-print.h"
#include "rcv-dunning.h"
#include "rcv-file-chooser.h"
#include "rcv-reminders-page-private.h"
#include "rcv-weak-box.h"

/* ---- save as PDF --------------------------------------------------------------------- */

/* The task data of a batch: plain data only (the letters, the path, the paper, the weak box
 * above), freed on whichever thread drops the task last. The page itself is kept by the
 * callback's reference, which the main loop drops. */
typedef struct
{
  GPtrArray *items;                /* RcvLetterItem: plain GObjects holding the letters */
  char *path;
  RcvPaper paper;
  RcvWeakBox *page;                /* for the progress, shown from the main loop */
} Batch;

static void
batch_free (gpointer data)
{
  Batch *batch = data;

  g_ptr_array_unref (batch->items);
  g_free (batch->path);
  rcv_weak_box_release (batch->page);
  g_free (batch);
}

static void
show_progress (gpointer object,
               guint    done,
               guint    total)
{
  RcvRemindersPage *self = object;
  g_autofree char *text = NULL;

  if (!rcv_reminders_page_is_busy (self))
    return;
  /* Translators: progress of a batch of letters: done, total */
  text = g_strdup_printf (_("Letter %u of %u"), done, total);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) done / MAX (1, total));
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
report_progress (guint    done,
                 guint    total,
                 gpointer user_data)
{
  Batch *batch = user_data;

  /* every letter of a small batch, every 1 % of a large one */
  if (done != total && total > 100 && done % (total / 100) != 0)
    return;
  rcv_weak_box_progress (batch->page, show_progress, done, total);
}

static gpointer
write_in_thread (RcvDatabase   *connection,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  Batch *batch = data;
  g_autoptr(RcvLetterhead) head = rcv_letterhead_new_for_company (connection, batch->paper);
  g_autoptr(GPtrArray) letters = rcv_letter_items_get_letters (batch->items);
  guint *n_pages = g_new0 (guint, 1);

  if (!rcv_letters_write_pdf (head, (const RcvDunningLetter *const *) letters->pdata,
                              letters->len, batch->path, n_pages, report_progress, batch,
                              cancellable, error))
    {
      g_free (n_pages);
      return NULL;
    }
  return n_pages;
}

static void
on_pdf_written (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RcvRemindersPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree guint *n_pages = rcv_database_task_finish (RCV_DATABASE (source), result,
                                                        rcv_reminders_page_save_pdf, &error);
  g_autofree char *text = NULL;
  guint n = rcv_reminders_page_get_n_selected (self);

  rcv_cancel_and_clear (&self->batch);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  rcv_reminders_page_update_actions (self);
  if (n_pages == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        rcv_reminders_page_toast (self, error->message, FALSE);
      return;
    }
  /* Translators: after saving letters into a PDF: letters, pages */
  text = g_strdup_printf (ngettext ("Saved %u letter on %u pages", "Saved %u letters on %u pages",
                                    n),
                          n, *n_pages);
  rcv_reminders_page_toast (self, text, TRUE);
}

/* Writes the chosen letters into one PDF in a worker thread, with the progress shown. */
void
rcv_reminders_page_save_pdf (RcvRemindersPage *self,
                             const char       *path)
{
  Batch *batch;

  g_return_if_fail (RCV_IS_REMINDERS_PAGE (self));
  g_return_if_fail (path != NULL);

  if (self->database == NULL || rcv_reminders_page_is_busy (self))
    return;
  batch = g_new0 (Batch, 1);
  batch->items = rcv_reminders_page_chosen_items (self);
  batch->path = g_strdup (path);
  batch->paper = rcv_letterhead_get_paper (self->head);
  batch->page = rcv_weak_box_new (self);
  if (batch->items->len == 0)
    {
      batch_free (batch);
      return;
    }

  self->batch = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Preparing the letters…"));
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  rcv_reminders_page_update_actions (self);
  rcv_database_task_run (self->database, RCV_DATABASE_FLAGS_READ_ONLY, write_in_thread, batch,
                         batch_free, g_free, rcv_reminders_page_save_pdf, self->batch,
                         on_pdf_written, g_object_ref (self));
}

static void
on_save_response (GtkNativeDialog  *chooser,
                  int               response,
                  RcvRemindersPage *self)
{
  g_autofree char *path = rcv_file_chooser_get_path (chooser, response);

  if (path != NULL)
    rcv_reminders_page_save_pdf (self, path);
  g_object_unref (chooser);
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RcvRemindersPage *self = RCV_REMINDERS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  char iso[RCV_ISO_DATE_LEN];

  rcv_date_to_iso (&self->as_of, iso);
  /* Translators: the suggested name of a PDF of reminder letters; %s is the date */
  name = g_strdup_printf (_("Reminders %s.pdf"), iso);
  chooser = rcv_pdf_chooser_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 _("Save Letters as PDF"), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_save_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RcvRemindersPage *self = RCV_REMINDERS_PAGE (widget);

  if (self->batch != NULL)
    g_cancellable_cancel (self->batch);
}

/* ---- print --------------------------------------------------------------------------- */

static RcvLetterLayout *
item_layout (const RcvLetterhead *head,
             gconstpointer        data,
             guint                i,
             cairo_t             *cr)
{
  GPtrArray *items = (GPtrArray *) data;

  return rcv_letter_layout_new (head, rcv_letter_item_get_letter (g_ptr_array_index (items, i)),
                                cr);
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               RcvRemindersPage        *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      rcv_reminders_page_toast (self, error->message, FALSE);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    rcv_reminders_page_toast (self, _("The letters are printing"), TRUE);
}

/* Prints the chosen letters: through the print dialog, or (for the tests) exported to a PDF
 * file through the same print operation. */
GtkPrintOperationResult
rcv_reminders_page_print (RcvRemindersPage        *self,
                          GtkPrintOperationAction  action,
                          const char              *export_path,
                          GError                 **error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GPtrArray *items;

  g_return_val_if_fail (RCV_IS_REMINDERS_PAGE (self), GTK_PRINT_OPERATION_RESULT_ERROR);

  items = rcv_reminders_page_chosen_items (self);
  return rcv_document_print (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->head,
                             items->len, item_layout, items, (GDestroyNotify) g_ptr_array_unref,
                             _("Reminder letters"), action, export_path,
                             G_CALLBACK (on_print_done), self, error);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_autoptr(GError) error = NULL;

  if (rcv_reminders_page_print (RCV_REMINDERS_PAGE (widget),
                                GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL)
    rcv_reminders_page_toast (RCV_REMINDERS_PAGE (widget), error->message, FALSE);
}

/* ---- record -------------------------------------------------------------------------- */

/* Logs the chosen letters as sent, all or none of those still due (another program may have
 * recorded some since the page read them: those are skipped and the toast says how many), and
 * reads everything again. */
gboolean
rcv_reminders_page_record_selected (RcvRemindersPage  *self,
                                    GError           **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) letters = NULL;
  g_autofree char *text = NULL;
  guint n_skipped = 0;

  g_return_val_if_fail (RCV_IS_REMINDERS_PAGE (self), FALSE);

  items = rcv_reminders_page_chosen_items (self);
  letters = rcv_letter_items_get_letters (items);
  if (!rcv_dunning_record (self->database, (const RcvDunningLetter *const *) letters->pdata,
                           letters->len, NULL, &n_skipped, error))
    return FALSE;
  if (n_skipped == 0)
    text = g_strdup_printf (ngettext ("Recorded %u letter as sent",
                                      "Recorded %u letters as sent", letters->len),
                            letters->len);
  else
    /* Translators: %u is a number of letters; the toast tells how many of those chosen were
     * left out */
    text = g_strdup_printf (ngettext ("%u letter was not recorded: another program recorded it "
                                      "as sent meanwhile",
                                      "%u letters were not recorded: another program recorded "
                                      "them as sent meanwhile",
                                      n_skipped),
                            n_skipped);
  /* shown at once, not queued behind the offer to record (which does not time out) */
  rcv_reminders_page_toast_full (self, text, FALSE, ADW_TOAST_PRIORITY_HIGH);
  gtk_widget_remove_css_class (GTK_WIDGET (self->record_button), "suggested-action");
  /* the other pages follow the commit (RcvDatabase::changed); this one reads at once */
  rcv_reminders_page_reload (self);
  return TRUE;
}

static void
on_record_response (AdwMessageDialog *dialog,
                    const char       *response,
                    RcvRemindersPage *self)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "record") && !rcv_reminders_page_record_selected (self, &error))
    rcv_reminders_page_toast (self, error->message, FALSE);
}

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RcvRemindersPage *self = RCV_REMINDERS_PAGE (widget);
  guint n = rcv_reminders_page_get_n_selected (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *heading = NULL;
  g_autofree char *date = rcv_date_format_locale (&self->as_of);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (n == 0 || rcv_reminders_page_is_busy (self))
    return;
  heading = g_strdup_printf (ngettext ("Record %u Letter as Sent?", "Record %u Letters as Sent?",
                                       n),
                             n);
  /* Translators: %s is the letters' date */
  body = g_strdup_printf (_("The letters are logged as sent on %s, each with its invoices and "
                            "amounts. Each customer's next letter will then escalate, and these "
                            "will not be offered again. Record them once they are printed or "
                            "saved."),
                          date);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "record", _("_Record"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "record", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "record");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_record_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
rcv_reminders_page_class_init_batch (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "reminders.save-pdf", NULL, save_pdf_action);
  gtk_widget_class_install_action (widget_class, "reminders.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "reminders.record", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "reminders.cancel", NULL, cancel_action);
}
