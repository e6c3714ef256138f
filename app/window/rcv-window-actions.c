/* rcv-window-actions.c - what the window's menu, buttons and shortcuts do
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rcv-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-application.h"
#include "rcv-database-changes.h"
#include "rcv-database-task.h"
#include "rcv-date.h"
#include "rcv-demo.h"
#include "rcv-file-chooser.h"
#include "rcv-invoice-editor.h"
#include "rcv-ledger.h"
#include "rcv-payment-editor.h"
#include "rcv-preferences-window.h"
#include "rcv-toast.h"
#include "rcv-window-private.h"

static GtkFileFilter *
company_file_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Company files"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_filter_add_pattern (filter, "*.sqlite");
  gtk_file_filter_add_mime_type (filter, "application/vnd.sqlite3");
  return filter;
}

static GtkFileChooserNative *
file_chooser_new (RcvWindow           *self,
                  const char          *title,
                  GtkFileChooserAction action,
                  const char          *accept)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = company_file_filter ();

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  return chooser;
}

static void
on_new_company_response (GtkNativeDialog *dialog,
                         int              response,
                         RcvWindow       *self)
{
  g_autofree char *path = rcv_file_chooser_get_path (dialog, response);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  g_object_unref (dialog);
  if (path == NULL)
    return;
  /* a file chooser has asked before replacing a file: a new company starts empty */
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;

      if (!g_file_trash (file, NULL, &error) && !g_file_delete (file, NULL, &error))
        {
          rcv_toast_show_error (GTK_WIDGET (self), _("The old file could not be replaced"), error);
          return;
        }
    }
  rcv_application_open_company (RCV_APPLICATION (app), path);
}

static void
new_company_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RcvWindow *self = RCV_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = file_chooser_new (self, _("New Company"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Create"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("Company.db"));
  g_signal_connect (chooser, "response", G_CALLBACK (on_new_company_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_open_company_response (GtkNativeDialog *dialog,
                          int              response,
                          RcvWindow       *self)
{
  g_autofree char *path = rcv_file_chooser_get_path (dialog, response);

  g_object_unref (dialog);
  if (path == NULL)
    return;
  /* the window on a file that failed to open is of no use: it takes the new one */
  if (self->database == NULL)
    rcv_window_open_company (self, path);
  else
    rcv_application_open_company (RCV_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))),
                                  path);
}

static void
open_company_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RcvWindow *self = RCV_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = file_chooser_new (self, _("Open Company"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));
  g_signal_connect (chooser, "response", G_CALLBACK (on_open_company_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gpointer
back_up_in_thread (RcvDatabase   *connection,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  if (!rcv_database_backup (connection, data, error))
    return NULL;
  return g_strdup (data);
}

static void
on_back_up_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RcvWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = rcv_database_task_finish (RCV_DATABASE (source), result,
                                                   back_up_in_thread, &error);
  g_autofree char *display = NULL;
  g_autofree char *title = NULL;

  if (path == NULL)
    {
      rcv_toast_show_error (GTK_WIDGET (self), _("The backup failed"), error);
      return;
    }
  display = g_filename_display_basename (path);
  /* Translators: %s is a file name */
  title = g_markup_printf_escaped (_("Backed up to “%s”"), display);
  rcv_toast_add (GTK_WIDGET (self), adw_toast_new (title));
}

static void
on_back_up_response (GtkNativeDialog *dialog,
                     int              response,
                     RcvWindow       *self)
{
  g_autofree char *path = rcv_file_chooser_get_path (dialog, response);

  g_object_unref (dialog);
  if (path == NULL || self->database == NULL)
    return;
  rcv_database_task_run (self->database, RCV_DATABASE_FLAGS_READ_ONLY, back_up_in_thread,
                         g_steal_pointer (&path), g_free, g_free, back_up_in_thread,
                         self->cancellable, on_back_up_done, g_object_ref (self));
}

static void
back_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RcvWindow *self = RCV_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  GDate today;
  char iso[RCV_ISO_DATE_LEN];

  rcv_date_set_today (&today);
  rcv_date_to_iso (&today, iso);
  /* Translators: the suggested name of a backup file; %s is today's date */
  name = g_strdup_printf (_("Backup %s.db"), iso);
  chooser = file_chooser_new (self, _("Back Up Company"), GTK_FILE_CHOOSER_ACTION_SAVE,
                              _("_Back Up"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_back_up_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Preferences write through the window's connection: the pages follow the commit. What they
 * wrote through another (a worker's) is found by the poll. */
static void
on_preferences_changed (RcvPreferencesWindow *preferences,
                        RcvWindow            *self)
{
  if (self->database != NULL)
    rcv_database_poll_changes (self->database);
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RcvWindow *self = RCV_WINDOW (widget);
  RcvPreferencesWindow *preferences;

  if (self->database == NULL)
    return;
  preferences = rcv_preferences_window_new (GTK_WINDOW (self), self->database);
  g_signal_connect_object (preferences, "changed", G_CALLBACK (on_preferences_changed), self, 0);
  gtk_window_present (GTK_WINDOW (preferences));
}

static gpointer
sample_in_thread (RcvDatabase   *connection,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  GDate today;

  rcv_date_set_today (&today);
  if (!rcv_demo_fill (connection, &today, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
on_sample_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RcvWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (rcv_database_task_finish (RCV_DATABASE (source), result, sample_in_thread, &error) == NULL)
    {
      rcv_window_update_content (self);
      rcv_toast_show_error (GTK_WIDGET (self), _("The sample company could not be made"), error);
      return;
    }
  /* written on the worker's own connection: another connection's commit to this one */
  rcv_database_poll_changes (self->database);
  rcv_window_show_page (self, "overview");
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RcvWindow *self = RCV_WINDOW (widget);

  if (self->database == NULL || !rcv_ledger_is_empty (self->database))
    return;
  gtk_stack_set_visible_child_name (self->content_stack, "loading");
  gtk_widget_action_set_enabled (widget, "win.open-sample", FALSE);
  /* a few thousand invoices: written on a connection of its own, off the main thread */
  rcv_database_task_run (self->database, RCV_DATABASE_FLAGS_NONE, sample_in_thread, NULL, NULL,
                         NULL, sample_in_thread, self->cancellable, on_sample_done,
                         g_object_ref (self));
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RcvWindow *self = RCV_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "ledger") != 0)
    return;
  rcv_window_show_page (self, g_variant_get_string (parameter, NULL));
}

/* From a notification's "Open Account" (through RcvApplication): the customer's window. */
static void
show_customer_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  rcv_window_show_customer (RCV_WINDOW (widget), g_variant_get_int64 (parameter));
}

/* From a notification's "Prepare Reminder": the customer's letter chosen alone. */
static void
prepare_reminder_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  rcv_window_prepare_reminder (RCV_WINDOW (widget), g_variant_get_int64 (parameter));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RcvWindow *self = RCV_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "ledger") != 0)
    return;
  rcv_window_show_page (self, "customers");
  rcv_customers_page_focus_search (self->customers_page);
}

static void
new_customer_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RcvWindow *self = RCV_WINDOW (widget);

  if (self->database == NULL)
    return;
  rcv_customers_page_new_customer (self->customers_page);
}

static void
on_invoice_saved (RcvInvoiceEditor *editor,
                  gint64            invoice_id,
                  const char       *number,
                  RcvWindow        *self)
{
  g_autofree char *title = NULL;

  /* Translators: %s is an invoice number */
  title = g_markup_printf_escaped (_("“%s” saved"), number);
  rcv_toast_add (GTK_WIDGET (self), adw_toast_new (title));
}

/* Shows a form, told to call on_saved when it has written; or, when it could not be made,
 * says why. */
static void
present_form (RcvWindow    *self,
              GtkWindow    *form,
              const GError *error,
              const char   *failure,
              GCallback     on_saved)
{
  if (form == NULL)
    {
      rcv_toast_show_error (GTK_WIDGET (self), failure, error);
      return;
    }
  g_signal_connect_object (form, "saved", on_saved, self, 0);
  gtk_window_present (form);
}

/* The customer whose page is in view, for whom New Invoice and Record Payment are; or 0. */
static gint64
customer_in_view (RcvWindow *self)
{
  if (adw_leaflet_get_visible_child (self->leaflet) != GTK_WIDGET (self->customer_page))
    return 0;
  return rcv_customer_page_get_customer_id (self->customer_page);
}

static void
new_invoice_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RcvWindow *self = RCV_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  RcvInvoiceEditor *editor;
  RcvInvoiceKind kind = g_str_equal (action_name, "win.new-credit-note")
                          ? RCV_INVOICE_KIND_CREDIT_NOTE : RCV_INVOICE_KIND_INVOICE;

  if (self->database == NULL)
    return;
  editor = rcv_invoice_editor_new (GTK_WINDOW (self), self->database, kind,
                                   customer_in_view (self), &error);
  present_form (self, GTK_WINDOW (editor), error, _("The invoice cannot be opened"),
                G_CALLBACK (on_invoice_saved));
}

static void
show_invoice_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RcvWindow *self = RCV_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  RcvInvoiceEditor *editor;

  if (self->database == NULL)
    return;
  editor = rcv_invoice_editor_new_viewer (GTK_WINDOW (self), self->database,
                                          g_variant_get_int64 (parameter), &error);
  present_form (self, GTK_WINDOW (editor), error, _("The invoice cannot be opened"),
                G_CALLBACK (on_invoice_saved));
}

/* (date, customer, bucket, what): the invoices behind an element of the overview's charts */
static void
show_aged_invoices_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  RcvWindow *self = RCV_WINDOW (widget);
  const char *iso, *what;
  gint64 customer_id;
  gint32 bucket;
  GDate as_of;

  g_variant_get (parameter, "(&sxi&s)", &iso, &customer_id, &bucket, &what);
  if (self->database == NULL || !rcv_date_parse_iso (iso, &as_of, NULL))
    return;
  rcv_invoices_page_show_aged (self->invoices_page, &as_of, customer_id, bucket, what);
  rcv_window_show_page (self, "invoices");
}

static void
on_payment_saved (RcvPaymentEditor *editor,
                  gint64            payment_id,
                  RcvWindow        *self)
{
  rcv_toast_add (GTK_WIDGET (self), adw_toast_new (_("Payment recorded")));
}

static void
record_payment_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RcvWindow *self = RCV_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  RcvPaymentEditor *editor;

  if (self->database == NULL)
    return;
  editor = rcv_payment_editor_new (GTK_WINDOW (self), self->database, customer_in_view (self),
                                   &error);
  present_form (self, GTK_WINDOW (editor), error, _("The payment form cannot be opened"),
                G_CALLBACK (on_payment_saved));
}

static void
unarchive_customer_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  RcvWindow *self = RCV_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->database == NULL)
    return;
  if (!rcv_ledger_set_customer_archived (self->database, g_variant_get_int64 (parameter), FALSE,
                                         &error))
    {
      rcv_toast_show_error (GTK_WIDGET (self), _("The customer could not be restored"), error);
      return;
    }
}

void
rcv_window_update_actions (RcvWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean open = self->database != NULL;

  gtk_widget_action_set_enabled (widget, "win.back-up", open);
  gtk_widget_action_set_enabled (widget, "win.preferences", open);
  gtk_widget_action_set_enabled (widget, "win.new-customer", open);
  gtk_widget_action_set_enabled (widget, "win.new-invoice", open);
  gtk_widget_action_set_enabled (widget, "win.new-credit-note", open);
  gtk_widget_action_set_enabled (widget, "win.record-payment", open);
  gtk_widget_action_set_enabled (widget, "win.open-sample",
                                 open && self->empty);
}

void
rcv_window_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-company", NULL, new_company_action);
  gtk_widget_class_install_action (widget_class, "win.open-company", NULL, open_company_action);
  gtk_widget_class_install_action (widget_class, "win.back-up", NULL, back_up_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL, open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-customer", "x",
                                   show_customer_action);
  gtk_widget_class_install_action (widget_class, "win.prepare-reminder", "x",
                                   prepare_reminder_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.new-customer", NULL, new_customer_action);
  gtk_widget_class_install_action (widget_class, "win.new-invoice", NULL, new_invoice_action);
  gtk_widget_class_install_action (widget_class, "win.new-credit-note", NULL, new_invoice_action);
  gtk_widget_class_install_action (widget_class, "win.show-invoice", "x", show_invoice_action);
  gtk_widget_class_install_action (widget_class, "win.show-aged-invoices", "(sxis)",
                                   show_aged_invoices_action);
  gtk_widget_class_install_action (widget_class, "win.record-payment", NULL,
                                   record_payment_action);
  gtk_widget_class_install_action (widget_class, "win.unarchive-customer", "x",
                                   unarchive_customer_action);
}
