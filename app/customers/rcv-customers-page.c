/* rcv-customers-page.c - every customer with balance and oldest days overdue
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows come from the core's RcvCustomerList, read in a worker thread; a customer's item
 * object is made when its row is first shown or sorted. Search and the archived switch filter
 * in the list models, incrementally, so typing never waits for 50 000 customers. A commit
 * (RcvDatabase::changed) that touches the customers or their balances, gathered for a moment,
 * reads the list again in a worker thread and merges it into the one shown: only the
 * customers whose figures changed are told, and the selection, sort and scroll stay.
 */
#define G_LOG_DOMAIN "rcv-customers-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-customer-editor.h"
#include "rcv-customer-list.h"
#include "rcv-customers-page.h"
#include "rcv-database-changes.h"
#include "rcv-database-task.h"
#include "rcv-date.h"
#include "rcv-file-chooser.h"
#include "rcv-list-page.h"
#include "rcv-money.h"
#include "rcv-page-database.h"
#include "rcv-policy-choices.h"
#include "rcv-policy.h"
#include "rcv-toast.h"
#include "rcv-plain-text.h"
#include "rcv-mail-batch-dialog.h"
#include "rcv-statements-batch.h"

struct _RcvCustomersPage
{
  GtkWidget parent_instance;

  RcvDatabase *database;
  RcvCustomerList *list;
  GCancellable *cancellable;
  gint64 started;              /* of the read under way, for the debug log */
  guint changes_timeout;       /* gathers a burst of commits into one read */
  GtkStringFilter *search_filter;
  GtkCustomFilter *archived_filter;

  GtkSearchEntry *search_entry;
  GtkToggleButton *archived_button;
  GtkStack *stack;
  GtkSpinner *spinner;
  AdwStatusPage *error_page;
  GtkColumnView *column_view;
  GtkMultiSelection *selection;
  GtkFilterListModel *filter_model;
  GtkLabel *summary_label;
  GCancellable *statements;    /* the batch of statements being written, or NULL */
};

G_DEFINE_FINAL_TYPE (RcvCustomersPage, rcv_customers_page, GTK_TYPE_WIDGET)

static gboolean
archived_filter_match (gpointer item,
                       gpointer user_data)
{
  RcvCustomersPage *self = user_data;

  return gtk_toggle_button_get_active (self->archived_button) ||
         !rcv_customer_item_get_archived (item);
}

static void
update_state (RcvCustomersPage *self)
{
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint n_all = self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;
  g_autofree char *summary = NULL;
  g_autofree char *total = NULL;

  if (self->list == NULL)
    return;
  if (n_all == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (n_shown == 0 && !gtk_filter_list_model_get_pending (self->filter_model))
    gtk_stack_set_visible_child_name (self->stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->stack, "list");

  total = rcv_money_format (rcv_customer_list_get_total (self->list),
                            rcv_database_get_currency (self->database));
  /* Translators: "12 of 36 customers · 1,234.56 € in total" */
  summary = g_strdup_printf (ngettext ("%u of %u customer · %s owed in total",
                                       "%u of %u customers · %s owed in total", n_all),
                             n_shown, n_all, total);
  gtk_label_set_text (self->summary_label, summary);
}

static void
on_filter_model_items_changed (RcvCustomersPage *self,
                               guint             position,
                               guint             removed,
                               guint             added,
                               GListModel       *model)
{
  update_state (self);
}

static void
on_filter_model_pending (RcvCustomersPage *self,
                         GParamSpec       *pspec,
                         GObject          *model)
{
  update_state (self);
}

static void
on_search_entry_search_changed (GtkSearchEntry   *entry,
                                RcvCustomersPage *self)
{
  gtk_string_filter_set_search (self->search_filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_search_entry_activate (GtkSearchEntry   *entry,
                          RcvCustomersPage *self)
{
  /* Enter in the search moves to the first match */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    return;
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), 0, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
on_search_entry_stop_search (GtkSearchEntry   *entry,
                             RcvCustomersPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_archived_button_toggled (GtkToggleButton  *button,
                            RcvCustomersPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->archived_filter),
                      gtk_toggle_button_get_active (button) ? GTK_FILTER_CHANGE_LESS_STRICT
                                                            : GTK_FILTER_CHANGE_MORE_STRICT);
}

static void
on_column_view_activate (GtkColumnView    *view,
                         guint             position,
                         RcvCustomersPage *self)
{
  g_autoptr(RcvCustomerItem) item =
    g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (item != NULL)
    rcv_customers_page_show_customer (self, rcv_customer_item_get_id (item));
}

/* The first selected customer, or NULL. */
static RcvCustomerItem *
first_selected (RcvCustomersPage *self)
{
  g_autoptr(GtkBitset) selected =
    gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  if (gtk_bitset_is_empty (selected))
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (self->selection),
                                gtk_bitset_get_minimum (selected));
}

static void
on_selection_changed (RcvCustomersPage *self)
{
  g_autoptr(GtkBitset) selected =
    gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customers.assign-policy",
                                 !gtk_bitset_is_empty (selected));
}

static void
on_assign_response (AdwMessageDialog *dialog,
                    const char       *response,
                    RcvCustomersPage *self)
{
  GArray *ids = g_object_get_data (G_OBJECT (dialog), "customers");
  GArray *targets = g_object_get_data (G_OBJECT (dialog), "targets");
  GtkDropDown *target = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "assign") != 0)
    return;
  if (!rcv_policy_assign (self->database, (const gint64 *) (gpointer) ids->data, ids->len,
                          g_array_index (targets, gint64, gtk_drop_down_get_selected (target)),
                          &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *failed = adw_message_dialog_new (GTK_WINDOW (root),
                                                  _("The Policy Cannot Be Assigned"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (failed), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (failed));
    }
}

/* The IDs of the selected customers; NULL when none is. */
static GArray *
selected_ids (RcvCustomersPage *self)
{
  g_autoptr(GtkBitset) selected =
    gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GArray *ids;
  GtkBitsetIter iter;
  guint position;

  if (gtk_bitset_is_empty (selected))
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(RcvCustomerItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection),
                                                               position);
      gint64 id = rcv_customer_item_get_id (item);

      g_array_append_val (ids, id);
    }
  return ids;
}

static void
on_statements_written (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(RcvCustomersPage) self = user_data;
  g_autoptr(GError) error = NULL;
  guint n_statements = 0, n_pages = 0;
  g_autofree char *text = NULL;

  g_clear_object (&self->statements);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customers.statements", TRUE);
  if (!rcv_statements_batch_finish (source, result, &n_statements, &n_pages, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        rcv_toast_show_error (GTK_WIDGET (self), _("The statements were not saved"), error);
      return;
    }
  /* Translators: after saving statements into a PDF: statements, pages */
  text = g_strdup_printf (ngettext ("Saved %u statement on %u pages",
                                    "Saved %u statements on %u pages", n_statements),
                          n_statements, n_pages);
  rcv_toast_add (GTK_WIDGET (self), adw_toast_new (text));
}

/* Writes the statements of the selected customers (of every customer with a balance when none
 * is) into one PDF, in a worker thread. */
void
rcv_customers_page_save_statements (RcvCustomersPage *self,
                                    const char       *path)
{
  g_autoptr(GArray) ids = NULL;

  g_return_if_fail (RCV_IS_CUSTOMERS_PAGE (self));

  if (self->database == NULL || self->statements != NULL)
    return;
  ids = selected_ids (self);
  self->statements = g_cancellable_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customers.statements", FALSE);
  rcv_toast_add (GTK_WIDGET (self), adw_toast_new (_("Writing the statements…")));
  rcv_statements_batch_save (GTK_WIDGET (self), self->database, ids, path,
                             G_CALLBACK (on_statements_written), self->statements);
}

gboolean
rcv_customers_page_is_saving (RcvCustomersPage *self)
{
  g_return_val_if_fail (RCV_IS_CUSTOMERS_PAGE (self), FALSE);

  return self->statements != NULL;
}

static void
on_statements_response (GtkNativeDialog  *chooser,
                        int               response,
                        RcvCustomersPage *self)
{
  g_autofree char *path = rcv_file_chooser_get_path (chooser, response);

  if (path != NULL)
    rcv_customers_page_save_statements (self, path);
  g_object_unref (chooser);
}

static void
statements_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RcvCustomersPage *self = RCV_CUSTOMERS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  char iso[RCV_ISO_DATE_LEN];
  GDate today;

  rcv_date_set_today (&today);
  rcv_date_to_iso (&today, iso);
  /* Translators: the suggested name of a PDF of statements; %s is the date */
  name = g_strdup_printf (_("Statements %s.pdf"), iso);
  chooser = rcv_pdf_chooser_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 _("Save Statements as PDF"), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_statements_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Opens the dialog that sends the statements of the selected customers (of every customer
 * with a balance when none is) by e-mail, each to its customer. */
RcvMailBatchDialog *
rcv_customers_page_email_statements (RcvCustomersPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GArray) ids = NULL;
  RcvMailBatchDialog *dialog;

  g_return_val_if_fail (RCV_IS_CUSTOMERS_PAGE (self), NULL);

  if (self->database == NULL)
    return NULL;
  ids = selected_ids (self);
  dialog = rcv_mail_batch_dialog_new_for_statements (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                          : NULL,
                                                     self->database, ids);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
email_statements_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  rcv_customers_page_email_statements (RCV_CUSTOMERS_PAGE (widget));
}

/* Gives the selected customers (one or thousands) a credit policy, in one transaction. */
static void
assign_policy_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RcvCustomersPage *self = RCV_CUSTOMERS_PAGE (widget);
  g_autoptr(GtkStringList) names = NULL;
  g_autofree char *heading = NULL;
  GArray *ids, *targets;
  GtkWidget *dialog, *drop_down;

  if (self->database == NULL || (ids = selected_ids (self)) == NULL)
    return;

  names = rcv_policy_choices_new (self->database, 0, &targets);

  if (ids->len == 1)
    {
      g_autoptr(RcvCustomerItem) item = first_selected (self);

      heading = g_strdup_printf (_("Credit Policy for “%s”"), rcv_customer_item_get_name (item));
    }
  else
    heading = g_strdup_printf (ngettext ("Credit Policy for %u Customer",
                                         "Credit Policy for %u Customers", ids->len), ids->len);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading,
                                   _("Terms, limit, reminders and interest then follow the "
                                     "policy, except terms or a limit set for a customer."));
  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Credit policy"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), drop_down);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "assign", _("_Assign"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "assign",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "assign");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "customers", ids, (GDestroyNotify) g_array_unref);
  g_object_set_data_full (G_OBJECT (dialog), "targets", targets, (GDestroyNotify) g_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_assign_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_list_ready (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RcvCustomersPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvCustomerList) list = NULL;
  gint64 selected_id = 0;
  RcvCustomerItem *selected;

  list = rcv_customer_list_new_finish (RCV_DATABASE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      RCV_DATABASE (source) != self->database)
    return;
  gtk_spinner_stop (self->spinner);
  if (list == NULL)
    {
      rcv_status_page_set_plain_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  if (self->list != NULL)
    {
      /* read again after a commit: the list shown takes only what changed */
      rcv_customer_list_merge (self->list, list);
      update_state (self);
      g_debug ("customers updated in %.3f s", (g_get_monotonic_time () - self->started) / 1e6);
      return;
    }
  g_debug ("customers read in %.3f s", (g_get_monotonic_time () - self->started) / 1e6);

  /* the (first) selected customer survives a reload */
  selected = first_selected (self);
  if (selected != NULL)
    selected_id = rcv_customer_item_get_id (selected);
  g_clear_object (&selected);

  g_set_object (&self->list, list);
  gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (list));
  update_state (self);

  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  if (selected_id != 0)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(RcvCustomerItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

          if (rcv_customer_item_get_id (item) == selected_id)
            {
              gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), i, TRUE);
              break;
            }
        }
    }
}

static void
on_editor_archived (RcvCustomerEditor *editor,
                    gint64             customer_id,
                    const char        *name,
                    RcvCustomersPage  *self)
{
  g_autofree char *title = NULL;
  AdwToast *toast;

  /* Translators: %s is a customer's name */
  title = g_markup_printf_escaped (_("“%s” archived"), name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.unarchive-customer");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (customer_id));
  rcv_toast_add (GTK_WIDGET (self), toast);
}

/* The form closes only when its commit succeeded: then the page says so. */
static void
on_editor_saved (RcvCustomersPage *self)
{
  rcv_toast_add (GTK_WIDGET (self), adw_toast_new (_("Customer saved")));
}

static void
open_editor (RcvCustomersPage *self,
             gint64            customer_id)
{
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  RcvCustomerEditor *editor;

  if (self->database == NULL)
    return;
  editor = rcv_customer_editor_new (GTK_WINDOW (root), self->database, customer_id, &error);
  if (editor == NULL)
    {
      rcv_toast_show_error (GTK_WIDGET (self), _("The customer cannot be opened"), error);
      return;
    }
  g_signal_connect_object (editor, "archived", G_CALLBACK (on_editor_archived), self, 0);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
rcv_customers_page_dispose (GObject *object)
{
  RcvCustomersPage *self = RCV_CUSTOMERS_PAGE (object);

  rcv_cancel_and_clear (&self->cancellable);
  rcv_cancel_and_clear (&self->statements);
  g_clear_handle_id (&self->changes_timeout, g_source_remove);
  if (self->database != NULL)
    g_signal_handlers_disconnect_by_data (self->database, self);
  rcv_page_dispose_template (GTK_WIDGET (self), RCV_TYPE_CUSTOMERS_PAGE);
  g_clear_object (&self->list);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (rcv_customers_page_parent_class)->dispose (object);
}

static void
rcv_customers_page_class_init (RcvCustomersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rcv_customers_page_dispose;

  g_type_ensure (RCV_TYPE_CUSTOMER_ITEM);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/receivables/Receivables/"
                                               "rcv-customers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RcvCustomersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomersPage, archived_button);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomersPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomersPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomersPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomersPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomersPage, selection);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomersPage, filter_model);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomersPage, summary_label);
  /* not kept in the struct, but reachable for the widget tests */
  gtk_widget_class_bind_template_child_full (widget_class, "balance_column", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "name_column", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_archived_button_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_model_items_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_model_pending);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed);
  gtk_widget_class_install_action (widget_class, "customers.statements", NULL,
                                   statements_action);
  gtk_widget_class_install_action (widget_class, "customers.email-statements", NULL,
                                   email_statements_action);
  gtk_widget_class_install_action (widget_class, "customers.assign-policy", NULL,
                                   assign_policy_action);
}

static void
rcv_customers_page_init (RcvCustomersPage *self)
{
  GtkEveryFilter *filter;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->search_filter =
    gtk_string_filter_new (gtk_property_expression_new (RCV_TYPE_CUSTOMER_ITEM, NULL,
                                                        "search-text"));
  gtk_string_filter_set_match_mode (self->search_filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->search_filter, TRUE);
  self->archived_filter = gtk_custom_filter_new (archived_filter_match, self, NULL);

  filter = gtk_every_filter_new ();
  gtk_multi_filter_append (GTK_MULTI_FILTER (filter), GTK_FILTER (self->search_filter));
  gtk_multi_filter_append (GTK_MULTI_FILTER (filter), GTK_FILTER (self->archived_filter));
  gtk_filter_list_model_set_filter (self->filter_model, GTK_FILTER (filter));
  g_object_unref (filter);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customers.assign-policy", FALSE);

  /* by name at first, as the header's arrow shows: the column's string sorter collates as
   * the locale does ("Bäckerei" before "Brightside"), each name's key made once per row */
  gtk_column_view_sort_by_column (self->column_view,
                                  GTK_COLUMN_VIEW_COLUMN (gtk_widget_get_template_child (
                                    GTK_WIDGET (self), RCV_TYPE_CUSTOMERS_PAGE, "name_column")),
                                  GTK_SORT_ASCENDING);
}

static gboolean
on_changes_timeout (gpointer user_data)
{
  RcvCustomersPage *self = user_data;

  self->changes_timeout = 0;
  rcv_customers_page_reload (self);
  return G_SOURCE_REMOVE;
}

/* A customer's row shows its balance, age, payer behaviour and hold: the customers, their
 * documents and allocations, and the policies decide them. */
static void
on_database_changed (RcvCustomersPage *self,
                     RcvChangeSet     *changes,
                     RcvDatabase      *database)
{
  if (!rcv_change_set_touches_any (changes, "customers", "invoices", "payments", "allocations",
                                   "policies", "settings", NULL))
    return;
  /* the customers of a saved invoice or payment at once, then the whole list in a worker */
  if (self->list != NULL)
    {
      gint64 began = g_get_monotonic_time ();

      if (rcv_customer_list_refresh_changed (self->list, database, changes))
        g_debug ("customers updated in %.3f s, by their own documents",
                 (g_get_monotonic_time () - began) / 1e6);
    }
  rcv_page_coalesce_changes (self, &self->changes_timeout, on_changes_timeout);
}

void
rcv_customers_page_set_database (RcvCustomersPage *self,
                                 RcvDatabase      *database)
{
  g_return_if_fail (RCV_IS_CUSTOMERS_PAGE (self));
  g_return_if_fail (database == NULL || RCV_IS_DATABASE (database));

  if (!rcv_page_set_database (self, &self->database, database, &self->changes_timeout,
                              G_CALLBACK (on_database_changed)))
    return;
  g_clear_object (&self->list);
  gtk_filter_list_model_set_model (self->filter_model, NULL);
}

/* Reads the customers and their balances again, in a worker thread. */
void
rcv_customers_page_reload (RcvCustomersPage *self)
{
  GDate today;

  g_return_if_fail (RCV_IS_CUSTOMERS_PAGE (self));

  rcv_cancel_and_clear (&self->cancellable);
  g_clear_handle_id (&self->changes_timeout, g_source_remove);
  if (self->database == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  self->started = g_get_monotonic_time ();
  if (self->list == NULL)
    {
      gtk_spinner_start (self->spinner);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }
  rcv_date_set_today (&today);
  rcv_customer_list_new_async (self->database, &today, self->cancellable, on_list_ready,
                               g_object_ref (self));
}

void
rcv_customers_page_focus_search (RcvCustomersPage *self)
{
  g_return_if_fail (RCV_IS_CUSTOMERS_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
rcv_customers_page_new_customer (RcvCustomersPage *self)
{
  g_return_if_fail (RCV_IS_CUSTOMERS_PAGE (self));
  open_editor (self, 0);
}

/* The customer's account: its page over the window's pages (rcv_window_show_customer ()). */
void
rcv_customers_page_show_customer (RcvCustomersPage *self,
                                  gint64            customer_id)
{
  g_return_if_fail (RCV_IS_CUSTOMERS_PAGE (self));

  if (self->database == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-customer", "x", customer_id);
}

void
rcv_customers_page_edit_customer (RcvCustomersPage *self,
                                  gint64            customer_id)
{
  g_return_if_fail (RCV_IS_CUSTOMERS_PAGE (self));
  open_editor (self, customer_id);
}
