/* rcv-payments-page.c - payments received, newest first, searchable
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Like the Invoices page: the search runs as SQL in a worker thread (rcv-payment-list.c), the
 * view reads only the rows it shows, and Record Payment opens the payment form. A commit is
 * followed in place as there (rcv-invoices-page.c).
 */
#define G_LOG_DOMAIN "rcv-payments-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-database-changes.h"
#include "rcv-database-task.h"
#include "rcv-list-page.h"
#include "rcv-page-database.h"
#include "rcv-payment-list.h"
#include "rcv-payments-page.h"

struct _RcvPaymentsPage
{
  GtkWidget parent_instance;

  RcvDatabase *database;
  RcvPaymentList *list;
  GCancellable *cancellable;
  gint64 started;              /* of the read under way, for the debug log */
  gboolean reading;            /* a read of the list is under way */
  gboolean merging;            /* …and follows a commit: merged, not replaced */

  GtkSearchEntry *search_entry;
  GtkStack *stack;
  GtkSpinner *spinner;
  AdwStatusPage *empty_page;
  AdwStatusPage *error_page;
  GtkColumnView *column_view;
  GtkSingleSelection *selection;
  GtkLabel *summary_label;
};

G_DEFINE_FINAL_TYPE (RcvPaymentsPage, rcv_payments_page, GTK_TYPE_WIDGET)

static void
show_count (RcvPaymentsPage *self,
            guint            n)
{
  g_autofree char *summary = NULL;

  summary = g_strdup_printf (ngettext ("%u payment", "%u payments", (gulong) n), n);
  gtk_label_set_text (self->summary_label, summary);
}

static void
on_list_ready (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RcvPaymentsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvPaymentList) list = NULL;
  RcvListPage page = { self->stack, self->spinner, self->empty_page, self->error_page,
                       self->selection };
  gboolean searching;
  int n;

  list = rcv_payment_list_new_finish (RCV_DATABASE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      RCV_DATABASE (source) != self->database)
    return;
  self->reading = FALSE;
  if (self->merging && self->list != NULL && list != NULL)
    {
      /* the list shown takes what came and went, keeping its selection and scroll */
      self->merging = FALSE;
      rcv_row_list_merge (RCV_ROW_LIST (self->list), RCV_ROW_LIST (list));
      n = (int) g_list_model_get_n_items (G_LIST_MODEL (self->list));
      gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
    }
  else
    {
      self->merging = FALSE;
      searching = gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0';
      n = rcv_list_page_show (&page, self->database, RCV_ROW_LIST (list), error,
                              searching ? _("No payment matches. Try another reference or name.")
                                        : _("Record a payment with Record Payment (Ctrl+P), or import them with receivables-cli."));
      if (n < 0)
        return;
      g_set_object (&self->list, list);
    }
  g_debug ("%d payments listed in %.3f s", n, (g_get_monotonic_time () - self->started) / 1e6);
  show_count (self, (guint) n);
}

/* A commit: the payments it wrote follow in place (rcv-row-list.c); another program's, whose
 * rows are not known, reads the rows on screen again and the IDs in a worker thread. */
static void
on_database_changed (RcvPaymentsPage *self,
                     RcvChangeSet    *changes,
                     RcvDatabase     *database)
{
  g_autoptr(GArray) rows = NULL;

  if (!rcv_change_set_touches_any (changes, "payments", "customers", "settings", NULL))
    return;
  /* the currency's format is in every row */
  if (!rcv_change_set_is_external (changes) && rcv_change_set_touches (changes, "settings"))
    {
      rcv_payments_page_reload (self);
      return;
    }
  if (self->list == NULL || (self->reading && !self->merging))
    {
      rcv_payments_page_reload (self);
      return;
    }
  rows = rcv_change_set_dup_rows (changes, "payments");
  if (rows == NULL)
    {
      rcv_row_list_refresh_alive (RCV_ROW_LIST (self->list));
      rcv_payments_page_reload (self);
      self->merging = TRUE;
    }
  else
    {
      guint n;

      rcv_row_list_update_rows (RCV_ROW_LIST (self->list), rows);
      if (rcv_change_set_touches (changes, "customers"))
        rcv_row_list_refresh_alive (RCV_ROW_LIST (self->list));
      n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
      show_count (self, n);
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "error") != 0)
        gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
    }
}

static void
on_search_entry_search_changed (RcvPaymentsPage *self,
                                GtkSearchEntry  *entry)
{
  rcv_payments_page_reload (self);
}

static void
on_search_entry_stop_search (GtkSearchEntry  *entry,
                             RcvPaymentsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
rcv_payments_page_dispose (GObject *object)
{
  RcvPaymentsPage *self = RCV_PAYMENTS_PAGE (object);

  rcv_cancel_and_clear (&self->cancellable);
  if (self->database != NULL)
    g_signal_handlers_disconnect_by_data (self->database, self);
  rcv_page_dispose_template (GTK_WIDGET (self), RCV_TYPE_PAYMENTS_PAGE);
  g_clear_object (&self->list);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (rcv_payments_page_parent_class)->dispose (object);
}

static void
rcv_payments_page_class_init (RcvPaymentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rcv_payments_page_dispose;

  g_type_ensure (RCV_TYPE_PAYMENT_ITEM);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/receivables/Receivables/"
                                               "rcv-payments-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RcvPaymentsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RcvPaymentsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RcvPaymentsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, RcvPaymentsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RcvPaymentsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, RcvPaymentsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, RcvPaymentsPage, selection);
  gtk_widget_class_bind_template_child (widget_class, RcvPaymentsPage, summary_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search);
}

static void
rcv_payments_page_init (RcvPaymentsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

void
rcv_payments_page_set_database (RcvPaymentsPage *self,
                                RcvDatabase     *database)
{
  g_return_if_fail (RCV_IS_PAYMENTS_PAGE (self));
  g_return_if_fail (database == NULL || RCV_IS_DATABASE (database));

  if (!rcv_page_set_database (self, &self->database, database, NULL,
                              G_CALLBACK (on_database_changed)))
    return;
  gtk_single_selection_set_model (self->selection, NULL);
  g_clear_object (&self->list);
}

/* Lists the payments again with the current search, in a worker thread; a read
 * still running is cancelled. */
void
rcv_payments_page_reload (RcvPaymentsPage *self)
{
  g_return_if_fail (RCV_IS_PAYMENTS_PAGE (self));

  rcv_cancel_and_clear (&self->cancellable);
  self->merging = FALSE;
  self->reading = FALSE;
  if (self->database == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  self->started = g_get_monotonic_time ();
  self->reading = TRUE;
  if (self->list == NULL)
    {
      gtk_spinner_start (self->spinner);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }
  rcv_payment_list_new_async (self->database,
                              gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                              self->cancellable, on_list_ready, g_object_ref (self));
}

void
rcv_payments_page_focus_search (RcvPaymentsPage *self)
{
  g_return_if_fail (RCV_IS_PAYMENTS_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
