/* rcv-invoices-page.c - every invoice and credit note, newest first, searchable and filtered
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The filter and the search run as SQL in a worker thread (rcv-invoice-list.c), a new search
 * cancelling the one before; the view then reads only the rows it shows. A company of a
 * million invoices lists in a few tenths of a second and scrolls without reading ahead.
 *
 * A commit (RcvDatabase::changed) is followed in place: the invoices it wrote are read again,
 * dropped from or put into the list as the filter and search say, by point queries on the
 * window's connection; another program's commit, whose rows are not known, reads the rows on
 * screen again at once and the IDs in a worker thread, merged into the list shown.
 */
#define G_LOG_DOMAIN "rcv-invoices-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-database-changes.h"
#include "rcv-database-task.h"
#include "rcv-date.h"
#include "rcv-invoice-editor.h"
#include "rcv-invoice-list.h"
#include "rcv-invoices-page.h"
#include "rcv-list-page.h"
#include "rcv-page-database.h"

struct _RcvInvoicesPage
{
  GtkWidget parent_instance;

  RcvDatabase *database;
  RcvInvoiceList *list;
  GCancellable *cancellable;
  gint64 started;              /* of the read under way, for the debug log */
  gboolean reading;            /* a read of the list is under way */
  gboolean merging;            /* …and follows a commit: merged, not replaced */

  GtkSearchEntry *search_entry;
  GtkDropDown *filter_dropdown;
  GtkStack *stack;
  GtkSpinner *spinner;
  AdwStatusPage *empty_page;
  AdwStatusPage *error_page;
  GtkColumnView *column_view;
  GtkSingleSelection *selection;
  GtkLabel *summary_label;
  GtkRevealer *scope_revealer;
  GtkLabel *scope_label;

  /* the invoices behind a chart: open on a date, of a customer (0: all), in a bucket (−1: all) */
  gboolean scoped;
  GDate scope_as_of;
  gint64 scope_customer;
  int scope_bucket;
};

G_DEFINE_FINAL_TYPE (RcvInvoicesPage, rcv_invoices_page, GTK_TYPE_WIDGET)

static void
show_count (RcvInvoicesPage *self,
            guint            n)
{
  g_autofree char *summary = NULL;

  summary = g_strdup_printf (ngettext ("%u invoice or credit note", "%u invoices and credit notes",
                                       (gulong) n), n);
  gtk_label_set_text (self->summary_label, summary);
}

static void
on_list_ready (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RcvInvoicesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvInvoiceList) list = NULL;
  RcvListPage page = { self->stack, self->spinner, self->empty_page, self->error_page,
                       self->selection };
  gboolean searching;
  int n;

  list = rcv_invoice_list_new_finish (RCV_DATABASE (source), result, &error);
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
      g_debug ("invoice rows merged in %.3f s", (g_get_monotonic_time () - self->started) / 1e6);
    }
  else
    {
      self->merging = FALSE;
      searching = self->scoped ||
                  gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0' ||
                  gtk_drop_down_get_selected (self->filter_dropdown) != RCV_INVOICE_FILTER_ALL;
      n = rcv_list_page_show (&page, self->database, RCV_ROW_LIST (list), error,
                              searching ? _("No invoice matches. Try another number or name, or show all invoices.")
                                        : _("Enter an invoice with New Invoice (Ctrl+N), or import them with receivables-cli."));
      if (n < 0)
        return;
      g_set_object (&self->list, list);
    }
  g_debug ("%d invoices listed in %.3f s", n, (g_get_monotonic_time () - self->started) / 1e6);
  show_count (self, (guint) n);
}

static void
clear_scope (RcvInvoicesPage *self)
{
  self->scoped = FALSE;
  gtk_revealer_set_reveal_child (self->scope_revealer, FALSE);
}

/* A search or another filter leaves the chart's list for the whole ledger. */
static void
on_search_entry_search_changed (RcvInvoicesPage *self,
                                GtkSearchEntry  *entry)
{
  clear_scope (self);
  rcv_invoices_page_reload (self);
}

static void
on_search_entry_stop_search (GtkSearchEntry  *entry,
                             RcvInvoicesPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_filter_dropdown_selected (RcvInvoicesPage *self,
                             GParamSpec      *pspec,
                             GtkDropDown     *dropdown)
{
  clear_scope (self);
  rcv_invoices_page_reload (self);
}

static void
clear_scope_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RcvInvoicesPage *self = RCV_INVOICES_PAGE (widget);

  clear_scope (self);
  rcv_invoices_page_reload (self);
}

static void
on_column_view_activate (GtkColumnView   *view,
                         guint            position,
                         RcvInvoicesPage *self)
{
  g_autoptr(RcvInvoiceItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection),
                                                          position);

  /* the window opens it (its viewer over the window) */
  if (item != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-invoice", "x",
                                rcv_invoice_item_get_id (item));
}

static void
rcv_invoices_page_dispose (GObject *object)
{
  RcvInvoicesPage *self = RCV_INVOICES_PAGE (object);

  rcv_cancel_and_clear (&self->cancellable);
  if (self->database != NULL)
    g_signal_handlers_disconnect_by_data (self->database, self);
  rcv_page_dispose_template (GTK_WIDGET (self), RCV_TYPE_INVOICES_PAGE);
  g_clear_object (&self->list);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (rcv_invoices_page_parent_class)->dispose (object);
}

static void
rcv_invoices_page_class_init (RcvInvoicesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rcv_invoices_page_dispose;

  g_type_ensure (RCV_TYPE_INVOICE_ITEM);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/receivables/Receivables/"
                                               "rcv-invoices-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RcvInvoicesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoicesPage, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoicesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoicesPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoicesPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoicesPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoicesPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoicesPage, selection);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoicesPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoicesPage, scope_revealer);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoicesPage, scope_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_dropdown_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate);

  gtk_widget_class_install_action (widget_class, "invoices.clear-scope", NULL,
                                   clear_scope_action);
}

static void
rcv_invoices_page_init (RcvInvoicesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

/* A commit: the invoices it wrote follow in place; a customer renamed shows in the rows on
 * screen. */
static void
on_database_changed (RcvInvoicesPage *self,
                     RcvChangeSet    *changes,
                     RcvDatabase     *database)
{
  g_autoptr(GArray) rows = NULL;
  gint64 started;

  if (!rcv_change_set_touches_any (changes, "invoices", "customers", "settings", NULL))
    return;
  /* the currency's format is in every row */
  if (!rcv_change_set_is_external (changes) && rcv_change_set_touches (changes, "settings"))
    {
      rcv_invoices_page_reload (self);
      return;
    }
  /* a read under way may have begun before the commit; the invoices behind a chart are
   * amounts as of a date, read in one go */
  if (self->list == NULL || self->scoped || (self->reading && !self->merging))
    {
      rcv_invoices_page_reload (self);
      return;
    }
  started = g_get_monotonic_time ();
  rows = rcv_change_set_dup_rows (changes, "invoices");
  if (rows == NULL)
    {
      rcv_row_list_refresh_alive (RCV_ROW_LIST (self->list));
      rcv_invoices_page_reload (self);
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
  g_debug ("invoice rows updated in %.3f s (%u rows)",
           (g_get_monotonic_time () - started) / 1e6, rows != NULL ? rows->len : 0);
}

void
rcv_invoices_page_set_database (RcvInvoicesPage *self,
                                RcvDatabase     *database)
{
  g_return_if_fail (RCV_IS_INVOICES_PAGE (self));
  g_return_if_fail (database == NULL || RCV_IS_DATABASE (database));

  if (!rcv_page_set_database (self, &self->database, database, NULL,
                              G_CALLBACK (on_database_changed)))
    return;
  gtk_single_selection_set_model (self->selection, NULL);
  g_clear_object (&self->list);
}

/* Lists the invoices again with the current search and filter, in a worker thread; a read
 * still running is cancelled. */
void
rcv_invoices_page_reload (RcvInvoicesPage *self)
{
  GDate today;

  g_return_if_fail (RCV_IS_INVOICES_PAGE (self));

  rcv_cancel_and_clear (&self->cancellable);
  self->merging = FALSE;
  self->reading = FALSE;
  if (self->database == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  self->started = g_get_monotonic_time ();
  self->reading = TRUE;
  if (self->list == NULL || self->scoped)
    {
      gtk_spinner_start (self->spinner);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }
  if (self->scoped)
    {
      rcv_invoice_list_new_aged_async (self->database, &self->scope_as_of, self->scope_customer,
                                       self->scope_bucket, self->cancellable, on_list_ready,
                                       g_object_ref (self));
      return;
    }
  rcv_date_set_today (&today);
  rcv_invoice_list_new_async (self->database, gtk_drop_down_get_selected (self->filter_dropdown),
                              gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), &today,
                              self->cancellable, on_list_ready, g_object_ref (self));
}

void
rcv_invoices_page_focus_search (RcvInvoicesPage *self)
{
  g_return_if_fail (RCV_IS_INVOICES_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Lists the invoices that were open on a date (as its aging report counts them), of one
 * customer (0: all) and one age bucket (−1: all), oldest due date first; `what` names the
 * customer or the bucket in the bar above the list. A search, another filter or "Show All
 * Invoices" goes back to the whole list. */
void
rcv_invoices_page_show_aged (RcvInvoicesPage *self,
                             const GDate     *as_of,
                             gint64           customer_id,
                             int              bucket,
                             const char      *what)
{
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (RCV_IS_INVOICES_PAGE (self));
  g_return_if_fail (as_of != NULL && g_date_valid (as_of));

  self->scoped = TRUE;
  self->scope_as_of = *as_of;
  self->scope_customer = customer_id;
  self->scope_bucket = bucket;
  date = rcv_date_format_locale (as_of);
  if (what != NULL && what[0] != '\0')
    /* Translators: above the invoices behind a chart: a date, then a customer or an age bucket */
    text = g_strdup_printf (_("Open on %s: %s"), date, what);
  else
    /* Translators: above the invoices behind a chart; %s is a date */
    text = g_strdup_printf (_("Open on %s"), date);
  gtk_label_set_text (self->scope_label, text);
  gtk_revealer_set_reveal_child (self->scope_revealer, TRUE);
  rcv_invoices_page_reload (self);
}
