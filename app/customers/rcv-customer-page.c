/* rcv-customer-page.c - one customer's account: contact, credit, balance by age, documents
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page of the main window, over its pages in a leaflet (rcv-window.ui): opened from the
 * Customers list or a notification, left by its back button, Escape or Alt+Left. Everything
 * here is read through the customer's own indexes (a few dozen rows even in a company of a
 * million invoices), so the page is read on the main thread, again after every commit that
 * touches the account: from a form opened here, the main window or another program. While the
 * page is not shown, a commit only marks it stale; it is read when it shows again. The
 * account's story (contacts, promises, letters, payments, disputes) is told once, in the
 * Collections History; the History group is the record of changes to the customer.
 */
#define G_LOG_DOMAIN "rcv-customer-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-account-collections.h"
#include "rcv-account.h"
#include "rcv-customer-editor.h"
#include "rcv-customer-page.h"
#include "rcv-statement-dialog.h"
#include "rcv-date.h"
#include "rcv-collections.h"
#include "rcv-database-changes.h"
#include "rcv-database-task.h"
#include "rcv-dunning.h"
#include "rcv-invoice-editor.h"
#include "rcv-ledger.h"
#include "rcv-mail-log.h"
#include "rcv-page-database.h"
#include "rcv-posting.h"
#include "rcv-money.h"
#include "rcv-open-items.h"
#include "rcv-payment-editor.h"
#include "rcv-plain-text.h"
#include "rcv-policy.h"
#include "rcv-toast.h"

#define N_EVENTS 30
#define N_OPEN_SHOWN 50

struct _RcvCustomerPage
{
  AdwBin parent_instance;

  RcvDatabase *database;
  gint64 customer_id;
  gboolean stale;           /* a commit touched the account while the page was not shown */
  GCancellable *advice;     /* the collections advice being worked out */
  guint changes_timeout;    /* gathers a burst of commits into one reading of the account */

  GPtrArray *rows;          /* the rows made for what the page lists, to go on reload */

  AdwWindowTitle *title_widget;
  GtkButton *back_button;
  GtkRevealer *hold_revealer;
  GtkLabel *hold_label;
  GtkBox *groups_box;
  AdwPreferencesGroup *balance_group;
  AdwPreferencesGroup *open_group;
  AdwPreferencesGroup *credit_group;
  AdwActionRow *policy_row;
  GtkLabel *policy_value;
  AdwActionRow *terms_row;
  GtkLabel *terms_value;
  AdwActionRow *limit_row;
  GtkLabel *limit_value;
  AdwActionRow *status_row;
  GtkLabel *status_value;
  AdwPreferencesGroup *contact_group;
  GtkLabel *code_value;
  AdwActionRow *email_row;
  GtkLabel *email_value;
  AdwActionRow *phone_row;
  GtkLabel *phone_value;
  AdwActionRow *address_row;
  AdwActionRow *archived_row;
  AdwPreferencesGroup *mail_group;
  AdwPreferencesGroup *history_group;
};

G_DEFINE_FINAL_TYPE (RcvCustomerPage, rcv_customer_page, ADW_TYPE_BIN)

/* the forms and dialogs opened from the page stand over the main window */
static GtkWindow *
parent_window (RcvCustomerPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static const RcvCurrency *
currency (RcvCustomerPage *self)
{
  return rcv_database_get_currency (self->database);
}

/* A row of what the page lists, made each time it is read (rcv-account-collections.c): user
 * text, never markup. */
static AdwActionRow *
add_row (RcvCustomerPage   *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle,
         const char          *value)
{
  AdwActionRow *row = rcv_account_add_row (group, title, subtitle, value);

  g_ptr_array_add (self->rows, row);
  gtk_widget_set_visible (GTK_WIDGET (group), TRUE);
  return row;
}

/* One of the template's rows: its subtitle (none when NULL or empty) and value. */
static void
set_row (AdwActionRow *row,
         GtkLabel     *value_label,
         const char   *subtitle,
         const char   *value)
{
  rcv_action_row_set_plain_subtitle (row, subtitle != NULL ? subtitle : "");
  if (value_label != NULL)
    gtk_label_set_text (value_label, value);
  gtk_widget_set_visible (GTK_WIDGET (row), TRUE);
}

/* The page as the template has it: the rows made for the last reading gone, the groups that
 * list something hidden until they have a row. */
static void
clear_page (RcvCustomerPage *self)
{
  GtkWidget *child;

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
  /* the Collections group and its story */
  while ((child = gtk_widget_get_next_sibling (GTK_WIDGET (self->credit_group))) !=
         GTK_WIDGET (self->contact_group))
    gtk_box_remove (self->groups_box, child);
  gtk_widget_set_visible (GTK_WIDGET (self->open_group), FALSE);
  adw_preferences_group_set_description (self->open_group, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->history_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->mail_group), FALSE);
}

static void
add_contact (RcvCustomerPage *self,
             const RcvCustomer *customer)
{
  gtk_label_set_text (self->code_value, customer->code);
  gtk_widget_set_visible (GTK_WIDGET (self->email_row), customer->email[0] != '\0');
  gtk_label_set_text (self->email_value, customer->email);
  gtk_widget_set_visible (GTK_WIDGET (self->phone_row), customer->phone[0] != '\0');
  gtk_label_set_text (self->phone_value, customer->phone);
  gtk_widget_set_visible (GTK_WIDGET (self->address_row), customer->address[0] != '\0');
  rcv_action_row_set_plain_subtitle (self->address_row, customer->address);
  gtk_widget_set_visible (GTK_WIDGET (self->archived_row), customer->archived);
}

static void
add_credit (RcvCustomerPage       *self,
            const RcvCustomer       *customer,
            const RcvAccountBalance *balance)
{
  g_autofree char *policy = NULL;
  g_autofree char *terms = NULL;
  g_autofree char *why = NULL;
  gint days = rcv_posting_get_terms (self->database, customer);
  RcvCreditCheck check;
  GDate today;

  if (!rcv_policy_describe (self->database, customer->policy_id, &policy, NULL))
    policy = g_strdup (_("None"));
  set_row (self->policy_row, self->policy_value,
           customer->policy_id == 0 ? _("The default policy") : NULL, policy);
  terms = g_strdup_printf (ngettext ("%d day", "%d days", (gulong) days), days);
  set_row (self->terms_row, self->terms_value,
           customer->terms_days >= 0 ? _("Set for this customer") : _("From the policy"), terms);

  /* the limit that applies and the hold: what invoice entry will say, the same check */
  rcv_date_set_today (&today);
  gtk_widget_set_visible (GTK_WIDGET (self->limit_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->status_row), FALSE);
  gtk_revealer_set_reveal_child (self->hold_revealer, FALSE);
  if (!rcv_credit_check (self->database, customer->id, 0, &today, &check, NULL))
    return;
  if (check.credit_limit < 0)
    set_row (self->limit_row, self->limit_value, NULL, _("No limit"));
  else
    {
      g_autofree char *available = rcv_money_format (check.credit_limit - balance->balance,
                                                     currency (self));
      /* Translators: the credit still available, e.g. "1,200.00 € available" */
      g_autofree char *subtitle = g_strdup_printf (_("%s available"), available);
      g_autofree char *limit_text = rcv_money_format (check.credit_limit, currency (self));

      set_row (self->limit_row, self->limit_value, subtitle, limit_text);
    }

  if (check.hold_days > 0 && check.days_overdue >= check.hold_days)
    why = g_strdup_printf (ngettext ("An invoice is %d day overdue; the policy holds "
                                     "from %d days",
                                     "An invoice is %d days overdue; the policy holds "
                                     "from %d days", (gulong) check.days_overdue),
                           check.days_overdue, check.hold_days);
  else if (check.credit_limit >= 0 && check.balance > check.credit_limit)
    why = g_strdup (_("It owes more than its credit limit"));
  set_row (self->status_row, self->status_value,
           why != NULL ? why : _("New invoices go out without confirmation"),
           why != NULL ? C_("customer", "On hold") : _("In good standing"));
  if (why != NULL)
    {
      /* Translators: the banner over a customer's page; %s says why, e.g. "It owes more
       * than its credit limit" */
      g_autofree char *banner = g_strdup_printf (_("On hold: %s. A new invoice asks for a "
                                                   "reason before it is posted."), why);

      gtk_label_set_text (self->hold_label, banner);
    }
  gtk_revealer_set_reveal_child (self->hold_revealer, why != NULL);
}

static void
add_balance (RcvCustomerPage       *self,
             const RcvAccountBalance *balance)
{
  AdwPreferencesGroup *group = self->balance_group;
  g_autofree char *total = rcv_money_format (balance->balance, currency (self));
  AdwActionRow *row;

  for (guint b = 0; b < balance->n_buckets; b++)
    {
      g_autofree char *label = NULL;
      g_autofree char *amount = NULL;

      if (balance->buckets[b] == 0)
        continue;
      label = rcv_aging_bucket_label (balance->boundaries, balance->n_boundaries, b);
      amount = rcv_money_format (balance->buckets[b], currency (self));
      add_row (self, group, label, NULL, amount);
    }
  if (balance->unapplied != 0)
    {
      g_autofree char *amount = rcv_money_format (balance->unapplied, currency (self));
      AdwActionRow *credit = add_row (self, group, _("Unapplied credit"),
                                      _("Payments and credit notes not yet allocated"), amount);

      if (balance->n_open > 0)
        {
          GtkWidget *button = gtk_button_new_with_mnemonic (_("_Apply to Invoices…"));

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "account.apply-credit");
          adw_action_row_add_suffix (credit, button);
        }
    }
  row = add_row (self, group, _("Balance"), NULL, total);
  gtk_widget_add_css_class (GTK_WIDGET (row), "heading");
}

static void
add_open_invoices (RcvCustomerPage *self,
                   GError           **error)
{
  g_autoptr(GPtrArray) open = rcv_open_items_list (self->database, self->customer_id,
                                                   RCV_INVOICE_KIND_INVOICE, error);
  AdwPreferencesGroup *group = self->open_group;

  if (open == NULL || open->len == 0)
    return;
  for (guint i = 0; i < MIN (open->len, N_OPEN_SHOWN); i++)
    {
      const RcvOpenItem *item = g_ptr_array_index (open, i);
      g_autofree char *due = rcv_date_format_locale (&item->due_date);
      /* Translators: %s is a date */
      g_autofree char *subtitle = g_strdup_printf (_("Due %s"), due);
      g_autofree char *amount = rcv_money_format (item->open, currency (self));
      AdwActionRow *row = add_row (self, group, item->number, subtitle, amount);

      /* the target first: a name without its target is a type mismatch */
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", item->id);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "account.show-invoice");
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
    }
  if (open->len > N_OPEN_SHOWN)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("and %u more open invoice",
                                                         "and %u more open invoices",
                                                         open->len - N_OPEN_SHOWN),
                                               open->len - N_OPEN_SHOWN);

      adw_preferences_group_set_description (group, more);
    }
}

static const char *
event_action (const RcvAccountEvent *event)
{
  gboolean customer = g_str_equal (event->table, "customers");
  gboolean payment = g_str_equal (event->table, "payments");

  if (g_str_equal (event->action, "insert"))
    return customer ? _("Customer created") : payment ? _("Payment recorded") : _("Posted");
  if (g_str_equal (event->action, "update"))
    return customer ? _("Details changed") : _("Changed");
  if (g_str_equal (event->action, "void"))
    return _("Voided");
  if (g_str_equal (event->action, "allocate"))
    return _("Allocated");
  return event->action;
}

static void
add_history (RcvCustomerPage *self,
             GError           **error)
{
  g_autoptr(GPtrArray) events = rcv_account_list_history (self->database, self->customer_id,
                                                          N_EVENTS, error);
  AdwPreferencesGroup *group = self->history_group;

  if (events == NULL || events->len == 0)
    return;
  for (guint i = 0; i < events->len; i++)
    {
      const RcvAccountEvent *event = g_ptr_array_index (events, i);
      g_autofree char *title = NULL;
      /* Translators: when and by whom: "2026-03-01T10:22:05Z · anna" */
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), event->at, event->user);

      title = event->what != NULL && event->what[0] != '\0'
                ? g_strdup_printf ("%s %s", event_action (event), event->what)
                : g_strdup (event_action (event));
      add_row (self, group, title, subtitle, NULL);
    }
}

/* What was sent to the customer by e-mail, the latest first, with the server's answer. */
static void
add_mail_log (RcvCustomerPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = rcv_mail_log_list (self->database, self->customer_id,
                                                    N_EVENTS, &error);

  if (entries == NULL)
    {
      g_warning ("The e-mail log of customer %" G_GINT64_FORMAT " cannot be read: %s",
                 self->customer_id, error->message);
      return;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      const RcvMailLogEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *subtitle = NULL;

      if (entry->sent)
        /* Translators: an e-mail sent: when, to whom */
        subtitle = g_strdup_printf (_("%s · to %s · sent"), entry->sent_at, entry->recipient);
      else
        /* Translators: an e-mail refused: when, to whom, the server's answer */
        subtitle = g_strdup_printf (_("%s · to %s · not sent: %s"), entry->sent_at,
                                    entry->recipient, entry->reply != NULL ? entry->reply : "");
      add_row (self, self->mail_group, entry->subject, subtitle, NULL);
    }
}

static void
reload_or_toast (RcvCustomerPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!rcv_customer_page_reload (self, &error))
    {
      rcv_toast_show_error (GTK_WIDGET (self), _("The customer cannot be shown"), error);
    }
}

/* the main window's pages follow the commit themselves (RcvDatabase::changed) */
static void
on_something_saved (RcvCustomerPage *self)
{
  g_clear_handle_id (&self->changes_timeout, g_source_remove);
  reload_or_toast (self);
}

static gboolean
on_changes_timeout (gpointer user_data)
{
  RcvCustomerPage *self = user_data;

  self->changes_timeout = 0;
  reload_or_toast (self);
  return G_SOURCE_REMOVE;
}

/* A commit elsewhere (the main window, another program through the poll) that may touch this
 * account: another customer's row alone does not. */
static void
on_database_changed (RcvCustomerPage *self,
                     RcvChangeSet      *changes,
                     RcvDatabase       *database)
{
  gboolean customer = rcv_change_set_touches (changes, "customers") &&
                      rcv_change_set_get_kind (changes, "customers", self->customer_id) != 0;

  if (!customer &&
      !rcv_change_set_touches_any (changes, "invoices", "payments", "allocations", "policies",
                                   "letters", "disputes", "payment_plans", "promises",
                                   "contacts", "collection_accounts", "mail_log", NULL))
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  rcv_page_coalesce_changes (self, &self->changes_timeout, on_changes_timeout);
}

/* Shows a form opened from this page; when it has written, the window and this page read the
 * company again. A form that could not be made says why in the main window. */
static void
present_form (RcvCustomerPage *self,
              GtkWindow         *form,
              const GError      *error,
              const char        *failure)
{
  if (form == NULL)
    {
      rcv_toast_show_error (GTK_WIDGET (self), failure, error);
      return;
    }
  g_signal_connect_object (form, "saved", G_CALLBACK (on_something_saved), self,
                           G_CONNECT_SWAPPED);
  if (RCV_IS_CUSTOMER_EDITOR (form))
    g_signal_connect_object (form, "archived", G_CALLBACK (on_something_saved), self,
                             G_CONNECT_SWAPPED);
  gtk_window_present (form);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RcvCustomerPage *self = RCV_CUSTOMER_PAGE (widget);
  g_autoptr(GError) error = NULL;
  RcvCustomerEditor *editor = rcv_customer_editor_new (parent_window (self), self->database,
                                                       self->customer_id, &error);

  present_form (self, GTK_WINDOW (editor), error, _("The customer cannot be opened"));
}

static void
new_invoice_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RcvCustomerPage *self = RCV_CUSTOMER_PAGE (widget);
  g_autoptr(GError) error = NULL;
  RcvInvoiceEditor *editor = rcv_invoice_editor_new (parent_window (self), self->database,
                                                     RCV_INVOICE_KIND_INVOICE, self->customer_id,
                                                     &error);

  present_form (self, GTK_WINDOW (editor), error, _("The invoice cannot be opened"));
}

static void
statement_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RcvCustomerPage *self = RCV_CUSTOMER_PAGE (widget);
  g_autoptr(GError) error = NULL;
  RcvStatementDialog *dialog = rcv_statement_dialog_new (parent_window (self), self->database,
                                                         self->customer_id, &error);

  if (dialog == NULL)
    rcv_toast_show_error (GTK_WIDGET (self), _("The statement cannot be shown"), error);
  else
    gtk_window_present (GTK_WINDOW (dialog));
}

static void
record_payment_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RcvCustomerPage *self = RCV_CUSTOMER_PAGE (widget);
  g_autoptr(GError) error = NULL;
  RcvPaymentEditor *editor = rcv_payment_editor_new (parent_window (self), self->database,
                                                     self->customer_id, &error);

  present_form (self, GTK_WINDOW (editor), error, _("The payment form cannot be opened"));
}

static void
show_invoice_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RcvCustomerPage *self = RCV_CUSTOMER_PAGE (widget);
  g_autoptr(GError) error = NULL;
  RcvInvoiceEditor *viewer = rcv_invoice_editor_new_viewer (parent_window (self), self->database,
                                                            g_variant_get_int64 (parameter),
                                                            &error);

  present_form (self, GTK_WINDOW (viewer), error, _("The invoice cannot be opened"));
}

static void
on_apply_credit_response (AdwMessageDialog  *dialog,
                          const char        *response,
                          RcvCustomerPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *title = NULL;
  gint64 applied = 0;

  if (g_strcmp0 (response, "apply") != 0)
    return;
  if (!rcv_open_items_apply_credit (self->database, self->customer_id, &applied, &error))
    {
      rcv_toast_show_error (GTK_WIDGET (self), _("The credit could not be applied"), error);
      return;
    }
  amount = rcv_money_format (applied, currency (self));
  /* Translators: %s is an amount */
  title = g_markup_printf_escaped (_("%s of credit applied"), amount);
  rcv_toast_add (GTK_WIDGET (self), adw_toast_new (title));
  on_something_saved (self);
}

static void
apply_credit_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RcvCustomerPage *self = RCV_CUSTOMER_PAGE (widget);
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), _("Apply the Credit?"),
                                              _("The customer’s unapplied payments and credit "
                                                "notes go to its open invoices, oldest due date "
                                                "first. Each allocation is recorded in the "
                                                "history."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "apply", _("_Apply"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_apply_credit_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_collections_changed (GObject *owner)
{
  on_something_saved (RCV_CUSTOMER_PAGE (owner));
}

static void
collections_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  static const struct
  {
    const char *action;
    RcvCollectionsDialog dialog;
  } dialogs[] = {
    { "account.log-contact", RCV_COLLECTIONS_LOG_CONTACT },
    { "account.add-promise", RCV_COLLECTIONS_PROMISE },
    { "account.add-plan", RCV_COLLECTIONS_PLAN },
    { "account.end-plan", RCV_COLLECTIONS_END_PLAN },
    { "account.hand-over", RCV_COLLECTIONS_HAND_OVER },
    { "account.export-agency", RCV_COLLECTIONS_EXPORT },
  };
  RcvCustomerPage *self = RCV_CUSTOMER_PAGE (widget);

  for (guint i = 0; i < G_N_ELEMENTS (dialogs); i++)
    if (g_str_equal (action_name, dialogs[i].action))
      rcv_account_collections_run (parent_window (self), self->database, self->customer_id,
                                   dialogs[i].dialog, on_collections_changed, G_OBJECT (self));
}

/* Back to the pages under this one (the leaflet of the main window). */
static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GtkWidget *leaflet = gtk_widget_get_ancestor (widget, ADW_TYPE_LEAFLET);

  if (leaflet != NULL)
    adw_leaflet_navigate (ADW_LEAFLET (leaflet), ADW_NAVIGATION_DIRECTION_BACK);
}

/* shown again after commits that touched the account while it was not shown */
static void
rcv_customer_page_map (GtkWidget *widget)
{
  RcvCustomerPage *self = RCV_CUSTOMER_PAGE (widget);

  GTK_WIDGET_CLASS (rcv_customer_page_parent_class)->map (widget);
  if (self->stale && self->database != NULL)
    {
      self->stale = FALSE;
      reload_or_toast (self);
    }
}

static void
rcv_customer_page_dispose (GObject *object)
{
  RcvCustomerPage *self = RCV_CUSTOMER_PAGE (object);

  rcv_cancel_and_clear (&self->advice);
  g_clear_handle_id (&self->changes_timeout, g_source_remove);
  if (self->database != NULL)
    g_signal_handlers_disconnect_by_data (self->database, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), RCV_TYPE_CUSTOMER_PAGE);
  g_clear_object (&self->database);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (rcv_customer_page_parent_class)->dispose (object);
}

static void
rcv_customer_page_class_init (RcvCustomerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rcv_customer_page_dispose;
  widget_class->map = rcv_customer_page_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/receivables/Receivables/"
                                               "rcv-customer-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerPage, groups_box);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerPage, balance_group);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerPage, open_group);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerPage, credit_group);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerPage, policy_row);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerPage, policy_value);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerPage, terms_row);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerPage, terms_value);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerPage, limit_row);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerPage, limit_value);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerPage, status_value);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerPage, contact_group);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerPage, code_value);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerPage, email_value);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerPage, phone_row);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerPage, phone_value);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerPage, address_row);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerPage, archived_row);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerPage, history_group);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerPage, mail_group);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerPage, title_widget);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerPage, hold_revealer);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerPage, hold_label);

  gtk_widget_class_install_action (widget_class, "account.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "account.new-invoice", NULL, new_invoice_action);
  gtk_widget_class_install_action (widget_class, "account.statement", NULL, statement_action);
  gtk_widget_class_install_action (widget_class, "account.record-payment", NULL,
                                   record_payment_action);
  gtk_widget_class_install_action (widget_class, "account.show-invoice", "x",
                                   show_invoice_action);
  gtk_widget_class_install_action (widget_class, "account.apply-credit", NULL,
                                   apply_credit_action);
  gtk_widget_class_install_action (widget_class, "account.log-contact", NULL, collections_action);
  gtk_widget_class_install_action (widget_class, "account.add-promise", NULL, collections_action);
  gtk_widget_class_install_action (widget_class, "account.add-plan", NULL, collections_action);
  gtk_widget_class_install_action (widget_class, "account.end-plan", NULL, collections_action);
  gtk_widget_class_install_action (widget_class, "account.hand-over", NULL, collections_action);
  gtk_widget_class_install_action (widget_class, "account.export-agency", NULL,
                                   collections_action);
  gtk_widget_class_install_action (widget_class, "account.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "account.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "account.back",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "account.new-invoice", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "account.record-payment", NULL);
}

static void
rcv_customer_page_init (RcvCustomerPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

/* Shows the account of `customer_id` in `database`; FALSE, the page as it was, when it cannot
 * be read. */
gboolean
rcv_customer_page_show (RcvCustomerPage  *self,
                        RcvDatabase      *database,
                        gint64            customer_id,
                        GError          **error)
{
  gint64 had = self->customer_id;

  g_return_val_if_fail (RCV_IS_CUSTOMER_PAGE (self), FALSE);
  g_return_val_if_fail (RCV_IS_DATABASE (database), FALSE);

  if (self->database != database)
    {
      if (self->database != NULL)
        g_signal_handlers_disconnect_by_data (self->database, self);
      g_set_object (&self->database, database);
      g_signal_connect_object (database, "changed", G_CALLBACK (on_database_changed), self,
                               G_CONNECT_SWAPPED);
    }
  self->customer_id = customer_id;
  if (!rcv_customer_page_reload (self, error))
    {
      self->customer_id = had;
      return FALSE;
    }
  self->stale = FALSE;
  return TRUE;
}

gint64
rcv_customer_page_get_customer_id (RcvCustomerPage *self)
{
  g_return_val_if_fail (RCV_IS_CUSTOMER_PAGE (self), 0);
  return self->customer_id;
}

/* What the account's state allows: a plan to end or one to start, a hand-over once. */
static void
update_collections_actions (RcvCustomerPage          *self,
                            const RcvCollectionsRecord *record)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.add-plan",
                                 record != NULL && record->plan_id == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.end-plan",
                                 record != NULL && record->plan_id > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.hand-over",
                                 record != NULL && record->agency == NULL);
}

/* Reads the account again and rebuilds the page. */
gboolean
rcv_customer_page_reload (RcvCustomerPage  *self,
                            GError            **error)
{
  g_autoptr(RcvCustomer) customer = NULL;
  g_autoptr(RcvCollectionsRecord) record = NULL;
  RcvAccountBalance balance;
  GDate today;

  g_return_val_if_fail (RCV_IS_CUSTOMER_PAGE (self), FALSE);

  customer = rcv_ledger_get_customer (self->database, self->customer_id, error);
  if (customer == NULL)
    return FALSE;
  rcv_date_set_today (&today);
  if (!rcv_account_get_balance (self->database, self->customer_id, &today, &balance, error))
    return FALSE;

  clear_page (self);
  adw_window_title_set_title (self->title_widget, customer->name);
  adw_window_title_set_subtitle (self->title_widget, customer->code);
  add_balance (self, &balance);
  add_open_invoices (self, NULL);
  add_credit (self, customer, &balance);
  rcv_cancel_and_clear (&self->advice);
  self->advice = g_cancellable_new ();
  record = rcv_account_collections_add (self->groups_box, GTK_WIDGET (self->credit_group),
                                        self->database, self->customer_id, self->advice);
  update_collections_actions (self, record);
  add_contact (self, customer);
  add_mail_log (self);
  add_history (self, NULL);
  return TRUE;
}
