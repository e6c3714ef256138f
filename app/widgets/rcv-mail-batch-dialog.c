/* rcv-mail-batch-dialog.c - letters or statements sent by e-mail: what will go, the progress,
 * and what became of each
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Reminders page's chosen letters, or the statements of the customers chosen on the
 * Customers page, sent one message per customer through the outgoing account (the core's
 * rcv-mail-batch.c) on a connection of the worker's own, in a worker thread, with a progress
 * bar and Cancel. Before: how many go, through which server, and the customers without an
 * address, to print instead. After: how many went, each refusal with the server's answer
 * (still due), the customers without an address, and what was not tried when the batch
 * stopped (the connection, the login, Cancel). Each letter the server accepted is recorded as
 * sent as it goes, so that the next run escalates. Without an account, the dialog says so and
 * offers the Preferences. The worker holds plain data and a weak box of the dialog only.
 */
#define G_LOG_DOMAIN "rcv-mail-batch-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-account-statement.h"
#include "rcv-database-task.h"
#include "rcv-date.h"
#include "rcv-mail-account.h"
#include "rcv-mail-batch-dialog.h"
#include "rcv-plain-text.h"
#include "rcv-weak-box.h"

struct _RcvMailBatchDialog
{
  AdwWindow parent_instance;

  RcvDatabase *database;
  GPtrArray *letters;              /* const RcvDunningLetter *, kept alive by `keep`; or NULL */
  gpointer keep;
  GDestroyNotify keep_free;
  GArray *customer_ids;            /* statements: gint64; NULL: every customer with a balance */
  gboolean statements;
  gboolean can_send;               /* an account, and something to send */
  GCancellable *cancellable;       /* while sending */
  RcvMailReport *report;           /* once sent */

  GtkStack *stack;
  GtkButton *cancel_button;
  GtkButton *send_button;
  GtkButton *close_button;
  GtkLabel *heading_label;
  GtkLabel *summary_label;
  GtkWidget *progress_box;
  GtkProgressBar *progress_bar;
  AdwPreferencesGroup *failed_group;
  AdwPreferencesGroup *no_address_group;
  AdwPreferencesGroup *not_tried_group;
  GPtrArray *rows;                 /* the rows added to the groups, to take out again */
};

G_DEFINE_FINAL_TYPE (RcvMailBatchDialog, rcv_mail_batch_dialog, ADW_TYPE_WINDOW)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- the worker ---------------------------------------------------------------------- */

typedef struct
{
  GPtrArray *letters;              /* borrowed from `keep` */
  gpointer keep;
  GDestroyNotify keep_free;
  GArray *customer_ids;
  gboolean statements;
  GCancellable *cancellable;       /* the dialog's Cancel: the worker stops between messages */
  RcvWeakBox *dialog;
} Batch;

static void
batch_free (gpointer data)
{
  Batch *batch = data;

  g_clear_pointer (&batch->letters, g_ptr_array_unref);
  if (batch->keep_free != NULL)
    batch->keep_free (batch->keep);
  g_clear_pointer (&batch->customer_ids, g_array_unref);
  g_clear_object (&batch->cancellable);
  rcv_weak_box_release (batch->dialog);
  g_free (batch);
}

static void
show_progress (gpointer object,
               guint    done,
               guint    total)
{
  RcvMailBatchDialog *self = object;
  g_autofree char *text = NULL;

  if (self->cancellable == NULL)
    return;
  /* Translators: progress of a batch of e-mails: done, total */
  text = g_strdup_printf (_("Message %u of %u"), done, total);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) done / MAX (1, total));
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
report_progress (guint    done,
                 guint    total,
                 gpointer user_data)
{
  rcv_weak_box_progress (((Batch *) user_data)->dialog, show_progress, done, total);
}

static gpointer
send_in_thread (RcvDatabase   *connection,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  Batch *batch = data;
  g_autoptr(GPtrArray) statements = NULL;
  GDate today, from;

  /* the task's own cancellable is NULL: a batch cancelled halfway still returns its report,
   * which says what went before Cancel and what was not tried */
  cancellable = batch->cancellable;

  if (!batch->statements)
    return rcv_mail_send_letters (connection,
                                  (const RcvDunningLetter *const *) batch->letters->pdata,
                                  batch->letters->len, TRUE, report_progress, batch,
                                  cancellable, error);
  rcv_date_set_today (&today);
  rcv_account_statement_default_from (&today, &from);
  statements = rcv_account_statements_read (connection, batch->customer_ids, &from, &today,
                                            cancellable, error);
  if (statements == NULL)
    return NULL;
  return rcv_mail_send_statements (connection,
                                   (const RcvAccountStatement *const *) statements->pdata,
                                   statements->len, report_progress, batch, cancellable, error);
}

/* ---- what it shows ------------------------------------------------------------------- */

static void
add_row (RcvMailBatchDialog  *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  rcv_row_set_plain_title (row, title);
  if (subtitle != NULL && subtitle[0] != '\0')
    rcv_action_row_set_plain_subtitle (row, subtitle);
  adw_preferences_group_add (group, GTK_WIDGET (row));
  gtk_widget_set_visible (GTK_WIDGET (group), TRUE);
  g_ptr_array_add (self->rows, g_object_ref (row));
}

static void
clear_rows (RcvMailBatchDialog *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->failed_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->no_address_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->not_tried_group), FALSE);
}

static char *
customer_title (const char *name,
                const char *code)
{
  /* Translators: a customer in a list of e-mails: the name, the customer's ID */
  return g_strdup_printf (_("%s (%s)"), name, code);
}

static void
set_buttons (RcvMailBatchDialog *self,
             gboolean            can_send,
             gboolean            done)
{
  self->can_send = can_send && !done;
  gtk_widget_set_visible (GTK_WIDGET (self->send_button), !done);
  gtk_widget_set_visible (GTK_WIDGET (self->close_button), done);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !done);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mail-batch.send",
                                 can_send && self->cancellable == NULL);
  if (done)
    gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->close_button));
  else if (can_send)
    gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->send_button));
}

/* Before sending: how many go, through which server, and who has no address. */
static void
show_before (RcvMailBatchDialog *self)
{
  g_autoptr(RcvMailAccount) account = rcv_mail_account_load (self->database);
  g_autofree char *heading = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *server = NULL;
  guint n_with = 0, n_without = 0;

  clear_rows (self);
  if (account == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "no-account");
      set_buttons (self, FALSE, FALSE);
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "report");
  server = g_strdup_printf ("%s:%u", account->server, account->port);
  if (self->statements)
    {
      guint n = self->customer_ids != NULL ? self->customer_ids->len : 0;

      heading = n > 0 ? g_strdup_printf (ngettext ("Send %u Statement by E-mail?",
                                                   "Send %u Statements by E-mail?", n), n)
                      : g_strdup (_("Send the Statements by E-mail?"));
      /* Translators: the sender's address, the server */
      summary = g_strdup_printf (n > 0 ? _("Each customer’s statement of the last three months, "
                                           "as a PDF, goes from %s through %s. Customers "
                                           "without an e-mail address are named afterwards.")
                                       : _("The statement of every customer with a balance, of "
                                           "the last three months, as a PDF, goes from %s "
                                           "through %s. Customers without an e-mail address "
                                           "are named afterwards."),
                                 account->from, server);
    }
  else
    {
      for (guint i = 0; i < self->letters->len; i++)
        {
          const RcvDunningLetter *letter = g_ptr_array_index (self->letters, i);

          if (letter->email != NULL && letter->email[0] != '\0')
            n_with++;
          else
            {
              g_autofree char *title = customer_title (letter->name, letter->code);

              add_row (self, self->no_address_group, title, NULL);
              n_without++;
            }
        }
      heading = g_strdup_printf (ngettext ("Send %u Letter by E-mail?",
                                           "Send %u Letters by E-mail?", n_with), n_with);
      /* Translators: the sender's address, the server */
      summary = g_strdup_printf (_("Each letter goes to its customer as a PDF, from %s through "
                                   "%s. Each one the server accepts is recorded as sent, so "
                                   "that the customer’s next letter escalates."),
                                 account->from, server);
      adw_preferences_group_set_description (self->no_address_group,
                                             ngettext ("This customer has no e-mail address: "
                                                       "print the letter instead.",
                                                       "These customers have no e-mail "
                                                       "address: print their letters instead.",
                                                       n_without));
    }
  gtk_label_set_text (self->heading_label, heading);
  gtk_label_set_text (self->summary_label, summary);
  set_buttons (self, self->statements || n_with > 0, FALSE);
}

/* After: what became of each. */
static void
show_report (RcvMailBatchDialog *self,
             const GError       *error)
{
  RcvMailReport *report = self->report;
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autofree char *heading = NULL;

  clear_rows (self);
  gtk_widget_set_visible (self->progress_box, FALSE);
  set_buttons (self, FALSE, TRUE);
  if (report == NULL)
    {
      gtk_label_set_text (self->heading_label, g_error_matches (error, G_IO_ERROR,
                                                                G_IO_ERROR_CANCELLED)
                                                 ? _("Nothing Was Sent")
                                                 : _("Nothing Could Be Sent"));
      gtk_label_set_text (self->summary_label, error->message);
      return;
    }
  {
    guint total = report->results->len;

    heading = g_strdup_printf (self->statements
                                 ? ngettext ("Sent %u of %u Statement", "Sent %u of %u Statements",
                                             total)
                                 : ngettext ("Sent %u of %u Letter", "Sent %u of %u Letters",
                                             total),
                               report->n_sent, total);
  }
  if (!self->statements && report->n_sent > 0)
    g_string_append (summary, _("Each letter sent is recorded as sent."));
  if (report->stopped != NULL)
    {
      if (summary->len > 0)
        g_string_append_c (summary, ' ');
      /* Translators: %s says why a batch of e-mails stopped */
      g_string_append_printf (summary, _("Sending stopped: %s. What was not tried is still due: "
                                         "send again to try it."), report->stopped);
    }
  for (guint i = 0; i < report->results->len; i++)
    {
      RcvMailResult *result = g_ptr_array_index (report->results, i);
      g_autofree char *title = customer_title (result->name, result->code);

      switch (result->outcome)
        {
        case RCV_MAIL_FAILED:
          {
            g_autofree char *subtitle = g_strdup_printf ("%s: %s", result->address,
                                                         result->reply);

            add_row (self, self->failed_group, title, subtitle);
          }
          break;
        case RCV_MAIL_NO_ADDRESS:
          add_row (self, self->no_address_group, title, NULL);
          break;
        case RCV_MAIL_NOT_TRIED:
          add_row (self, self->not_tried_group, title, result->address);
          break;
        case RCV_MAIL_SENT:
        default:
          break;
        }
    }
  adw_preferences_group_set_description (self->no_address_group,
                                         self->statements
                                           ? _("Print or save these statements instead.")
                                           : _("Print these letters instead: they are still "
                                               "due."));
  gtk_label_set_text (self->heading_label, heading);
  gtk_label_set_text (self->summary_label, summary->str);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(RcvMailBatchDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->rows == NULL)   /* disposed meanwhile */
    {
      rcv_mail_report_free (rcv_database_task_finish (RCV_DATABASE (source), result,
                                                      rcv_mail_batch_dialog_send, NULL));
      return;
    }
  g_clear_pointer (&self->report, rcv_mail_report_free);
  self->report = rcv_database_task_finish (RCV_DATABASE (source), result,
                                           rcv_mail_batch_dialog_send, &error);
  g_clear_object (&self->cancellable);
  show_report (self, error);
  g_signal_emit (self, signals[FINISHED], 0, self->report != NULL ? self->report->n_sent : 0);
}

/* Sends the batch, as the Send button does. */
void
rcv_mail_batch_dialog_send (RcvMailBatchDialog *self)
{
  Batch *batch;

  g_return_if_fail (RCV_IS_MAIL_BATCH_DIALOG (self));

  if (self->cancellable != NULL || self->report != NULL || !self->can_send)
    return;
  batch = g_new0 (Batch, 1);
  batch->statements = self->statements;
  if (self->letters != NULL)
    batch->letters = g_ptr_array_ref (self->letters);
  batch->keep = g_steal_pointer (&self->keep);
  batch->keep_free = g_steal_pointer (&self->keep_free);
  batch->customer_ids = self->customer_ids != NULL ? g_array_ref (self->customer_ids) : NULL;
  batch->dialog = rcv_weak_box_new (self);

  self->cancellable = g_cancellable_new ();
  batch->cancellable = g_object_ref (self->cancellable);
  clear_rows (self);
  gtk_widget_set_visible (self->progress_box, TRUE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, self->statements
                                                   ? _("Preparing the statements…")
                                                   : _("Connecting…"));
  gtk_label_set_text (self->heading_label, _("Sending…"));
  set_buttons (self, FALSE, FALSE);
  rcv_database_task_run (self->database, RCV_DATABASE_FLAGS_NONE, send_in_thread, batch,
                         batch_free, (GDestroyNotify) rcv_mail_report_free,
                         rcv_mail_batch_dialog_send, NULL, on_sent, g_object_ref (self));
}

/* What the batch came to, once sent; NULL before. */
const RcvMailReport *
rcv_mail_batch_dialog_get_report (RcvMailBatchDialog *self)
{
  g_return_val_if_fail (RCV_IS_MAIL_BATCH_DIALOG (self), NULL);

  return self->report;
}

gboolean
rcv_mail_batch_dialog_is_sending (RcvMailBatchDialog *self)
{
  g_return_val_if_fail (RCV_IS_MAIL_BATCH_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  rcv_mail_batch_dialog_send (RCV_MAIL_BATCH_DIALOG (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RcvMailBatchDialog *self = RCV_MAIL_BATCH_DIALOG (widget);

  /* while sending, Cancel stops after the message under way; the report then says so */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (widget));

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.preferences", NULL);
  gtk_window_close (GTK_WINDOW (widget));
}

static gboolean
rcv_mail_batch_dialog_close_request (GtkWindow *window)
{
  RcvMailBatchDialog *self = RCV_MAIL_BATCH_DIALOG (window);

  /* not closed under a batch: it stops first, and the report says what went */
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (rcv_mail_batch_dialog_parent_class)->close_request (window);
}

static void
rcv_mail_batch_dialog_dispose (GObject *object)
{
  RcvMailBatchDialog *self = RCV_MAIL_BATCH_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RCV_TYPE_MAIL_BATCH_DIALOG);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->letters, g_ptr_array_unref);
  if (self->keep_free != NULL)
    g_clear_pointer (&self->keep, self->keep_free);
  g_clear_pointer (&self->customer_ids, g_array_unref);
  g_clear_pointer (&self->report, rcv_mail_report_free);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (rcv_mail_batch_dialog_parent_class)->dispose (object);
}

static void
rcv_mail_batch_dialog_class_init (RcvMailBatchDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rcv_mail_batch_dialog_dispose;
  window_class->close_request = rcv_mail_batch_dialog_close_request;

  /**
   * RcvMailBatchDialog::finished:
   * @n_sent: how many messages the server accepted
   *
   * The batch is over, whole, stopped or refused.
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/receivables/Receivables/"
                                               "rcv-mail-batch-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RcvMailBatchDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RcvMailBatchDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RcvMailBatchDialog, send_button);
  gtk_widget_class_bind_template_child (widget_class, RcvMailBatchDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, RcvMailBatchDialog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, RcvMailBatchDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RcvMailBatchDialog, progress_box);
  gtk_widget_class_bind_template_child (widget_class, RcvMailBatchDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RcvMailBatchDialog, failed_group);
  gtk_widget_class_bind_template_child (widget_class, RcvMailBatchDialog, no_address_group);
  gtk_widget_class_bind_template_child (widget_class, RcvMailBatchDialog, not_tried_group);
  gtk_widget_class_install_action (widget_class, "mail-batch.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "mail-batch.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "mail-batch.preferences", NULL,
                                   preferences_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "mail-batch.cancel",
                                       NULL);
}

static void
rcv_mail_batch_dialog_init (RcvMailBatchDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sending"), -1);
}

static RcvMailBatchDialog *
dialog_new (GtkWindow   *parent,
            RcvDatabase *database)
{
  RcvMailBatchDialog *self = g_object_new (RCV_TYPE_MAIL_BATCH_DIALOG, "transient-for", parent,
                                           NULL);

  self->database = g_object_ref (database);
  return self;
}

/* The dialog for `letters` (const RcvDunningLetter *, borrowed; `keep`, freed with `keep_free`
 * on whichever thread lets go of it last, keeps them alive). */
RcvMailBatchDialog *
rcv_mail_batch_dialog_new_for_letters (GtkWindow      *parent,
                                       RcvDatabase    *database,
                                       GPtrArray      *letters,
                                       gpointer        keep,
                                       GDestroyNotify  keep_free)
{
  RcvMailBatchDialog *self;

  g_return_val_if_fail (RCV_IS_DATABASE (database), NULL);
  g_return_val_if_fail (letters != NULL, NULL);

  self = dialog_new (parent, database);
  self->letters = g_ptr_array_ref (letters);
  self->keep = keep;
  self->keep_free = keep_free;
  show_before (self);
  return self;
}

/* The dialog for the statements of `customer_ids` (gint64; NULL: every customer with a
 * balance), of the last three months to today. */
RcvMailBatchDialog *
rcv_mail_batch_dialog_new_for_statements (GtkWindow   *parent,
                                          RcvDatabase *database,
                                          GArray      *customer_ids)
{
  RcvMailBatchDialog *self;

  g_return_val_if_fail (RCV_IS_DATABASE (database), NULL);

  self = dialog_new (parent, database);
  self->statements = TRUE;
  self->customer_ids = customer_ids != NULL && customer_ids->len > 0 ? g_array_ref (customer_ids)
                                                                     : NULL;
  show_before (self);
  return self;
}
