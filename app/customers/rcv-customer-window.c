/* rcv-customer-window.c - one customer's account: contact, credit, balance by age, documents
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here is read through the customer's own indexes (a few dozen rows even in a
 * company of a million invoices), so the page is read on the main thread, again each time the
 * window comes back to the front: after an invoice, a payment or an edit made from it or
 * elsewhere.
 */
#define G_LOG_DOMAIN "rcv-customer-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-account-collections.h"
#include "rcv-account.h"
#include "rcv-customer-editor.h"
#include "rcv-customer-window.h"
#include "rcv-date.h"
#include "rcv-collections.h"
#include "rcv-database-changes.h"
#include "rcv-database-task.h"
#include "rcv-dunning.h"
#include "rcv-invoice-editor.h"
#include "rcv-ledger.h"
#include "rcv-page-database.h"
#include "rcv-posting.h"
#include "rcv-money.h"
#include "rcv-open-items.h"
#include "rcv-payment-editor.h"
#include "rcv-plain-text.h"
#include "rcv-policy.h"
#include "rcv-toast.h"

#define N_PAYMENTS 20
#define N_EVENTS 30
#define N_OPEN_SHOWN 50

struct _RcvCustomerWindow
{
  AdwWindow parent_instance;

  RcvDatabase *database;
  gint64 customer_id;
  GCancellable *advice;     /* the collections advice being worked out */
  guint changes_timeout;    /* gathers a burst of commits into one reading of the account */

  GPtrArray *rows;          /* the rows made for what the page lists, to go on reload */

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
  AdwPreferencesGroup *payments_group;
  AdwPreferencesGroup *letters_group;
  AdwPreferencesGroup *history_group;
};

G_DEFINE_FINAL_TYPE (RcvCustomerWindow, rcv_customer_window, ADW_TYPE_WINDOW)

static const RcvCurrency *
currency (RcvCustomerWindow *self)
{
  return rcv_database_get_currency (self->database);
}

/* A row of what the page lists, made each time it is read (rcv-account-collections.c): user
 * text, never markup. */
static AdwActionRow *
add_row (RcvCustomerWindow   *self,
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
clear_page (RcvCustomerWindow *self)
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
  gtk_widget_set_visible (GTK_WIDGET (self->payments_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->letters_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->history_group), FALSE);
}

static void
add_contact (RcvCustomerWindow *self,
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
add_credit (RcvCustomerWindow       *self,
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
}

static void
add_balance (RcvCustomerWindow       *self,
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
add_open_invoices (RcvCustomerWindow *self,
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

static void
add_payments (RcvCustomerWindow *self,
              GError           **error)
{
  g_autoptr(GPtrArray) payments = rcv_account_list_payments (self->database, self->customer_id,
                                                             N_PAYMENTS, error);
  AdwPreferencesGroup *group = self->payments_group;

  if (payments == NULL || payments->len == 0)
    return;
  for (guint i = 0; i < payments->len; i++)
    {
      const RcvAccountPayment *payment = g_ptr_array_index (payments, i);
      g_autofree char *date = rcv_date_format_locale (&payment->date);
      g_autofree char *amount = rcv_money_format (payment->amount, currency (self));
      g_autofree char *subtitle = NULL;

      if (payment->unapplied > 0)
        {
          g_autofree char *left = rcv_money_format (payment->unapplied, currency (self));

          /* Translators: "Ref. 4711 · 20.00 € unapplied" */
          subtitle = g_strdup_printf (_("%s · %s unapplied"), payment->reference, left);
        }
      else
        subtitle = g_strdup (payment->reference);
      add_row (self, group, date, subtitle, amount);
    }
}

/* The reminder letters recorded as sent, the latest first: what the next one escalates from. */
static void
add_letters (RcvCustomerWindow *self,
             GError           **error)
{
  g_autoptr(GPtrArray) letters = rcv_dunning_list_sent (self->database, self->customer_id, error);
  AdwPreferencesGroup *group = self->letters_group;

  if (letters == NULL || letters->len == 0)
    return;
  for (guint i = 0; i < letters->len; i++)
    {
      const RcvSentLetter *letter = g_ptr_array_index (letters, i);
      g_autofree char *date = rcv_date_format_locale (&letter->date);
      g_autofree char *total = rcv_money_format (letter->total, currency (self));
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      /* Translators: a letter sent: its date, level number and title */
      title = g_strdup_printf (_("%s · %u. %s"), date, letter->level, letter->title);
      if (letter->interest > 0 || letter->fees > 0)
        {
          g_autofree char *interest = rcv_money_format (letter->interest, currency (self));
          g_autofree char *fees = rcv_money_format (letter->fees, currency (self));

          /* Translators: a letter sent: invoices, interest, fees */
          subtitle = g_strdup_printf (ngettext ("%u invoice · interest %s · fees %s",
                                                "%u invoices · interest %s · fees %s",
                                                letter->n_invoices),
                                      letter->n_invoices, interest, fees);
        }
      else
        subtitle = g_strdup_printf (ngettext ("%u invoice", "%u invoices", letter->n_invoices),
                                    letter->n_invoices);
      add_row (self, group, title, subtitle, total);
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
add_history (RcvCustomerWindow *self,
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

static void
reload_or_toast (RcvCustomerWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!rcv_customer_window_reload (self, &error))
    {
      rcv_toast_show_error (GTK_WIDGET (self), _("The customer cannot be shown"), error);
    }
}

static void
on_active_changed (RcvCustomerWindow *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)))
    reload_or_toast (self);
}

/* the main window's pages follow the commit themselves (RcvDatabase::changed) */
static void
on_something_saved (RcvCustomerWindow *self)
{
  g_clear_handle_id (&self->changes_timeout, g_source_remove);
  reload_or_toast (self);
}

static gboolean
on_changes_timeout (gpointer user_data)
{
  RcvCustomerWindow *self = user_data;

  self->changes_timeout = 0;
  reload_or_toast (self);
  return G_SOURCE_REMOVE;
}

/* A commit elsewhere (the main window, another program through the poll) that may touch this
 * account: another customer's row alone does not. */
static void
on_database_changed (RcvCustomerWindow *self,
                     RcvChangeSet      *changes,
                     RcvDatabase       *database)
{
  gboolean customer = rcv_change_set_touches (changes, "customers") &&
                      rcv_change_set_get_kind (changes, "customers", self->customer_id) != 0;

  if (!customer &&
      !rcv_change_set_touches_any (changes, "invoices", "payments", "allocations", "policies",
                                   "letters", "disputes", "payment_plans", "promises",
                                   "contacts", "collection_accounts", NULL))
    return;
  rcv_page_coalesce_changes (self, &self->changes_timeout, on_changes_timeout);
}

/* Shows a form opened from this page; when it has written, the window and this page read the
 * company again. A form that could not be made says why in the main window. */
static void
present_form (RcvCustomerWindow *self,
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
  RcvCustomerWindow *self = RCV_CUSTOMER_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  RcvCustomerEditor *editor = rcv_customer_editor_new (GTK_WINDOW (self), self->database,
                                                       self->customer_id, &error);

  present_form (self, GTK_WINDOW (editor), error, _("The customer cannot be opened"));
}

static void
new_invoice_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RcvCustomerWindow *self = RCV_CUSTOMER_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  RcvInvoiceEditor *editor = rcv_invoice_editor_new (GTK_WINDOW (self), self->database,
                                                     RCV_INVOICE_KIND_INVOICE, self->customer_id,
                                                     &error);

  present_form (self, GTK_WINDOW (editor), error, _("The invoice cannot be opened"));
}

static void
record_payment_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RcvCustomerWindow *self = RCV_CUSTOMER_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  RcvPaymentEditor *editor = rcv_payment_editor_new (GTK_WINDOW (self), self->database,
                                                     self->customer_id, &error);

  present_form (self, GTK_WINDOW (editor), error, _("The payment form cannot be opened"));
}

static void
show_invoice_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RcvCustomerWindow *self = RCV_CUSTOMER_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  RcvInvoiceEditor *viewer = rcv_invoice_editor_new_viewer (GTK_WINDOW (self), self->database,
                                                            g_variant_get_int64 (parameter),
                                                            &error);

  present_form (self, GTK_WINDOW (viewer), error, _("The invoice cannot be opened"));
}

static void
on_apply_credit_response (AdwMessageDialog  *dialog,
                          const char        *response,
                          RcvCustomerWindow *self)
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
  RcvCustomerWindow *self = RCV_CUSTOMER_WINDOW (widget);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Apply the Credit?"),
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
  on_something_saved (RCV_CUSTOMER_WINDOW (owner));
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
  RcvCustomerWindow *self = RCV_CUSTOMER_WINDOW (widget);

  for (guint i = 0; i < G_N_ELEMENTS (dialogs); i++)
    if (g_str_equal (action_name, dialogs[i].action))
      rcv_account_collections_run (GTK_WINDOW (self), self->database, self->customer_id,
                                   dialogs[i].dialog, on_collections_changed, G_OBJECT (self));
}

static void
rcv_customer_window_dispose (GObject *object)
{
  RcvCustomerWindow *self = RCV_CUSTOMER_WINDOW (object);

  rcv_cancel_and_clear (&self->advice);
  g_clear_handle_id (&self->changes_timeout, g_source_remove);
  if (self->database != NULL)
    g_signal_handlers_disconnect_by_data (self->database, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), RCV_TYPE_CUSTOMER_WINDOW);
  g_clear_object (&self->database);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (rcv_customer_window_parent_class)->dispose (object);
}

static void
rcv_customer_window_class_init (RcvCustomerWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rcv_customer_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/receivables/Receivables/"
                                               "rcv-customer-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerWindow, groups_box);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerWindow, balance_group);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerWindow, open_group);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerWindow, credit_group);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerWindow, policy_row);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerWindow, policy_value);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerWindow, terms_row);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerWindow, terms_value);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerWindow, limit_row);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerWindow, limit_value);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerWindow, status_row);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerWindow, status_value);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerWindow, contact_group);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerWindow, code_value);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerWindow, email_row);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerWindow, email_value);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerWindow, phone_row);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerWindow, phone_value);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerWindow, address_row);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerWindow, archived_row);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerWindow, payments_group);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerWindow, letters_group);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerWindow, history_group);
  gtk_widget_class_bind_template_callback (widget_class, on_active_changed);

  gtk_widget_class_install_action (widget_class, "account.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "account.new-invoice", NULL, new_invoice_action);
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
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "account.new-invoice", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "account.record-payment", NULL);
}

static void
rcv_customer_window_init (RcvCustomerWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

RcvCustomerWindow *
rcv_customer_window_new (GtkWindow    *parent,
                         RcvDatabase  *database,
                         gint64        customer_id,
                         GError      **error)
{
  RcvCustomerWindow *self;

  g_return_val_if_fail (RCV_IS_DATABASE (database), NULL);

  /* like every window, owned by GTK's list of toplevels until destroyed */
  self = g_object_new (RCV_TYPE_CUSTOMER_WINDOW, "transient-for", parent, NULL);
  self->database = g_object_ref (database);
  self->customer_id = customer_id;
  if (!rcv_customer_window_reload (self, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }
  g_signal_connect_object (database, "changed", G_CALLBACK (on_database_changed), self,
                           G_CONNECT_SWAPPED);
  return self;
}

gint64
rcv_customer_window_get_customer_id (RcvCustomerWindow *self)
{
  g_return_val_if_fail (RCV_IS_CUSTOMER_WINDOW (self), 0);
  return self->customer_id;
}

/* What the account's state allows: a plan to end or one to start, a hand-over once. */
static void
update_collections_actions (RcvCustomerWindow          *self,
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
rcv_customer_window_reload (RcvCustomerWindow  *self,
                            GError            **error)
{
  g_autoptr(RcvCustomer) customer = NULL;
  g_autoptr(RcvCollectionsRecord) record = NULL;
  RcvAccountBalance balance;
  GDate today;

  g_return_val_if_fail (RCV_IS_CUSTOMER_WINDOW (self), FALSE);

  customer = rcv_ledger_get_customer (self->database, self->customer_id, error);
  if (customer == NULL)
    return FALSE;
  rcv_date_set_today (&today);
  if (!rcv_account_get_balance (self->database, self->customer_id, &today, &balance, error))
    return FALSE;

  clear_page (self);
  gtk_window_set_title (GTK_WINDOW (self), customer->name);
  add_balance (self, &balance);
  add_open_invoices (self, NULL);
  add_credit (self, customer, &balance);
  rcv_cancel_and_clear (&self->advice);
  self->advice = g_cancellable_new ();
  record = rcv_account_collections_add (self->groups_box, GTK_WIDGET (self->credit_group),
                                        self->database, self->customer_id, self->advice);
  update_collections_actions (self, record);
  add_contact (self, customer);
  add_payments (self, NULL);
  add_letters (self, NULL);
  add_history (self, NULL);
  return TRUE;
}
