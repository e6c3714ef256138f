/* rcv-invoice-editor.c - a new invoice or credit note; or a posted one, to read, void or credit
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every keystroke rebuilds the invoice the form describes and asks the core to check it and
 * compute its totals (the one rounding rule, rcv-money.c): the totals follow as you type, the
 * first problem is shown under the form, and Post stays off while anything is wrong. The due
 * date follows the issue date and the customer's terms until it is typed in by hand. A posted
 * invoice opens read-only: it is changed by a credit note, or voided with a reason (audited)
 * while nothing has been paid on it.
 */
#define G_LOG_DOMAIN "rcv-invoice-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-collections.h"
#include "rcv-customer-list.h"
#include "rcv-date.h"
#include "rcv-date-row.h"
#include "rcv-form-problem.h"
#include "rcv-error.h"
#include "rcv-invoice-editor.h"
#include "rcv-money.h"
#include "rcv-open-items.h"
#include "rcv-policy.h"
#include "rcv-date.h"
#include "rcv-plain-text.h"
#include "rcv-posting.h"

#define MAX_LINES 200

typedef struct
{
  GtkEntry *description;
  GtkEntry *quantity;
  GtkEntry *price;
  GtkEntry *tax;
  GtkLabel *amount;
  GtkButton *remove;
} LineWidgets;

struct _RcvInvoiceEditor
{
  AdwWindow parent_instance;

  RcvDatabase *database;
  RcvInvoiceKind kind;
  RcvInvoice *viewed;          /* the posted invoice shown read-only, or NULL */
  RcvCustomerList *customers;
  GArray *lines;               /* LineWidgets */
  gboolean due_typed;          /* the due date no longer follows the issue date */
  gboolean loading;
  gboolean touched;
  RcvFormProblem problem;

  GtkButton *save_button;
  GtkButton *void_button;
  GtkButton *dispute_button;
  GtkButton *cancel_button;
  AdwActionRow *dispute_row;
  AdwActionRow *customer_row;
  GtkDropDown *customer_dropdown;
  AdwEntryRow *number_row;
  AdwEntryRow *issue_row;
  AdwEntryRow *due_row;
  GtkGrid *lines_grid;
  GtkButton *add_line_button;
  GtkLabel *net_label;
  GtkLabel *tax_label;
  GtkLabel *total_label;
  AdwEntryRow *notes_row;
  GtkRevealer *credit_revealer;
  GtkLabel *credit_label;
  GtkLabel *error_label;

  /* the selected customer's credit as of today, before this invoice */
  gint64 checked_customer;
  RcvCreditCheck credit;
};

G_DEFINE_FINAL_TYPE (RcvInvoiceEditor, rcv_invoice_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void validate (RcvInvoiceEditor *self);

static const RcvCurrency *
currency (RcvInvoiceEditor *self)
{
  return rcv_database_get_currency (self->database);
}

static RcvCustomerItem *
selected_customer (RcvInvoiceEditor *self)
{
  return gtk_drop_down_get_selected_item (self->customer_dropdown);
}

static gboolean
parse_date_row (AdwEntryRow *row,
                GDate       *date,
                GError     **error)
{
  return rcv_date_row_get_date (row, date, error);
}

static void
follow_due_date (RcvInvoiceEditor *self)
{
  g_autoptr(RcvCustomer) customer = NULL;
  RcvCustomerItem *item = selected_customer (self);
  GDate date;

  if (self->due_typed || self->viewed != NULL || !parse_date_row (self->issue_row, &date, NULL))
    return;
  if (self->kind == RCV_INVOICE_KIND_INVOICE && item != NULL)
    {
      customer = rcv_ledger_get_customer (self->database, rcv_customer_item_get_id (item), NULL);
      if (customer != NULL)
        g_date_add_days (&date, (guint) rcv_posting_get_terms (self->database, customer));
    }
  self->loading = TRUE;
  rcv_date_row_set_date (self->due_row, &date);
  self->loading = FALSE;
}

static void
show_problem (RcvInvoiceEditor *self,
              GtkWidget        *widget,
              const char       *message)
{
  rcv_form_problem_set (&self->problem, self->error_label, widget, g_strdup (message));
}

/* "Line 2, quantity: why" */
static char *
line_problem (guint       line,
              const char *field,
              const char *message)
{
  /* Translators: a problem in an invoice line: "Line 2, Quantity: is not a number" */
  return g_strdup_printf (_("Line %u, %s: %s"), line + 1, field, message);
}

/* The invoice the form describes (totals computed), or NULL with the widget at fault and why. */
static RcvInvoice *
invoice_from_fields (RcvInvoiceEditor  *self,
                     GtkWidget        **widget,
                     char             **message)
{
  g_autoptr(RcvInvoice) invoice = rcv_invoice_new (self->kind);
  g_autoptr(GError) error = NULL;
  RcvCustomerItem *customer = selected_customer (self);
  RcvCurrency quantity_units = { "QTY", 3 };
  const char *field = NULL;

  *widget = NULL;
  if (customer == NULL)
    {
      *widget = GTK_WIDGET (self->customer_row);
      *message = g_strdup (_("Customer: choose one"));
      return NULL;
    }
  invoice->customer_id = rcv_customer_item_get_id (customer);
  invoice->number = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->number_row))));
  invoice->description = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->notes_row)));
  if (!parse_date_row (self->issue_row, &invoice->issue_date, &error))
    {
      *widget = GTK_WIDGET (self->issue_row);
      *message = g_strdup_printf ("%s: %s", _("Issue date"), error->message);
      return NULL;
    }
  if (!parse_date_row (self->due_row, &invoice->due_date, &error))
    {
      *widget = GTK_WIDGET (self->due_row);
      *message = g_strdup_printf ("%s: %s", _("Due date"), error->message);
      return NULL;
    }

  for (guint i = 0; i < self->lines->len; i++)
    {
      LineWidgets *line = &g_array_index (self->lines, LineWidgets, i);
      const char *quantity_text = gtk_editable_get_text (GTK_EDITABLE (line->quantity));
      const char *price_text = gtk_editable_get_text (GTK_EDITABLE (line->price));
      const char *tax_text = gtk_editable_get_text (GTK_EDITABLE (line->tax));
      const char *description = gtk_editable_get_text (GTK_EDITABLE (line->description));
      gint64 quantity = 1000, price = 0;
      gint tax_bp = 0;

      /* an untouched empty line at the end is not a line */
      if (description[0] == '\0' && price_text[0] == '\0' && i + 1 == self->lines->len && i > 0)
        break;
      if (quantity_text[0] != '\0' &&
          !rcv_money_parse_user (quantity_text, &quantity_units, &quantity, &error))
        {
          *widget = GTK_WIDGET (line->quantity);
          *message = line_problem (i, _("Quantity"), error->message);
          return NULL;
        }
      if (!rcv_money_parse_user (price_text, currency (self), &price, &error))
        {
          *widget = GTK_WIDGET (line->price);
          *message = line_problem (i, _("Unit price"), error->message);
          return NULL;
        }
      if (price < 0)
        {
          *widget = GTK_WIDGET (line->price);
          *message = line_problem (i, _("Unit price"),
                                   self->kind == RCV_INVOICE_KIND_CREDIT_NOTE
                                     ? _("enter the amount credited, without a minus sign")
                                     : _("cannot be negative: issue a credit note instead"));
          return NULL;
        }
      if (tax_text[0] != '\0' && !rcv_percent_parse (tax_text, &tax_bp, &error))
        {
          *widget = GTK_WIDGET (line->tax);
          *message = line_problem (i, _("Tax %"), error->message);
          return NULL;
        }
      /* a credit note holds negative amounts; people type what they credit */
      rcv_invoice_add_line (invoice, description, quantity,
                            self->kind == RCV_INVOICE_KIND_CREDIT_NOTE ? -price : price, tax_bp);
    }

  if (!rcv_invoice_validate (invoice, &field, &error))
    {
      if (g_strcmp0 (field, "number") == 0)
        *widget = GTK_WIDGET (self->number_row);
      else if (g_strcmp0 (field, "due_date") == 0)
        *widget = GTK_WIDGET (self->due_row);
      else if (g_strcmp0 (field, "description") == 0)
        *widget = GTK_WIDGET (self->notes_row);
      *message = g_strdup_printf ("%s: %s", field != NULL ? field : _("Invoice"), error->message);
      return NULL;
    }
  return g_steal_pointer (&invoice);
}

static void
show_totals (RcvInvoiceEditor *self,
             RcvInvoice       *invoice)
{
  gint64 net = 0, tax = 0;
  g_autofree char *net_text = NULL;
  g_autofree char *tax_text = NULL;
  g_autofree char *total_text = NULL;

  for (guint i = 0; invoice != NULL && i < invoice->lines->len; i++)
    {
      const RcvInvoiceLine *line = &g_array_index (invoice->lines, RcvInvoiceLine, i);
      LineWidgets *widgets = &g_array_index (self->lines, LineWidgets, i);
      g_autofree char *amount = rcv_money_format (line->net, currency (self));

      gtk_label_set_text (widgets->amount, amount);
      net += line->net;
      tax += line->tax;
    }
  net_text = rcv_money_format (net, currency (self));
  tax_text = rcv_money_format (tax, currency (self));
  total_text = rcv_money_format (net + tax, currency (self));
  gtk_label_set_text (self->net_label, net_text);
  gtk_label_set_text (self->tax_label, tax_text);
  gtk_label_set_text (self->total_label, total_text);
}

/* The customer's credit policy as the invoice is typed: a warning with the figures when it
 * would go over the limit, or when the customer is on hold. Posting then asks for a reason
 * (save_action). The customer's side is read once per customer, the total weighed per key. */
static void
update_credit (RcvInvoiceEditor *self,
               RcvInvoice       *invoice)
{
  RcvCustomerItem *customer = selected_customer (self);
  const RcvCurrency *money = currency (self);
  g_autoptr(GString) text = g_string_new (NULL);
  gint64 total = invoice != NULL ? invoice->total : 0;

  if (customer == NULL || self->kind != RCV_INVOICE_KIND_INVOICE || self->viewed != NULL)
    {
      gtk_revealer_set_reveal_child (self->credit_revealer, FALSE);
      return;
    }
  if (self->checked_customer != rcv_customer_item_get_id (customer))
    {
      GDate today;

      rcv_date_set_today (&today);
      self->checked_customer = rcv_customer_item_get_id (customer);
      if (!rcv_credit_check (self->database, self->checked_customer, 0, &today, &self->credit,
                             NULL))
        memset (&self->credit, 0, sizeof self->credit);
    }

  if (self->credit.reasons & RCV_HOLD_OVERDUE)
    g_string_append_printf (text,
                            ngettext ("%s is on credit hold: an invoice is %d day overdue, and "
                                      "the policy holds from %d days.",
                                      "%s is on credit hold: an invoice is %d days overdue, and "
                                      "the policy holds from %d days.",
                                      (gulong) self->credit.days_overdue),
                            rcv_customer_item_get_name (customer), self->credit.days_overdue,
                            self->credit.hold_days);
  if (self->credit.credit_limit >= 0 && total > 0 &&
      self->credit.balance + total > self->credit.credit_limit)
    {
      g_autofree char *balance = rcv_money_format (self->credit.balance, money);
      g_autofree char *limit = rcv_money_format (self->credit.credit_limit, money);
      g_autofree char *amount = rcv_money_format (total, money);
      g_autofree char *over = rcv_money_format (self->credit.balance + total -
                                                self->credit.credit_limit, money);

      if (text->len > 0)
        g_string_append_c (text, ' ');
      /* Translators: the credit-limit warning: customer, balance, limit, invoice, excess */
      g_string_append_printf (text, _("This invoice takes %s over its credit limit: it owes "
                                      "%s of %s, and this invoice adds %s, %s too much."),
                              rcv_customer_item_get_name (customer), balance, limit, amount,
                              over);
    }
  if (text->len > 0)
    g_string_append_printf (text, " %s", _("Posting it asks for a reason, kept in the history."));
  gtk_label_set_text (self->credit_label, text->str);
  gtk_revealer_set_reveal_child (self->credit_revealer, text->len > 0);
}

static void
validate (RcvInvoiceEditor *self)
{
  g_autoptr(RcvInvoice) invoice = NULL;
  g_autofree char *message = NULL;
  GtkWidget *widget = NULL;

  if (self->loading || self->viewed != NULL)
    return;
  invoice = invoice_from_fields (self, &widget, &message);
  show_totals (self, invoice);
  update_credit (self, invoice);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", invoice != NULL);
  /* a new form does not open full of complaints: only once something was typed */
  show_problem (self, widget, self->touched ? message : NULL);
}

static void
on_field_changed (RcvInvoiceEditor *self)
{
  if (self->loading)
    return;
  self->touched = TRUE;
  validate (self);
}

static void
on_issue_changed (RcvInvoiceEditor *self)
{
  if (self->loading)
    return;
  follow_due_date (self);
  on_field_changed (self);
}

static void
on_due_changed (RcvInvoiceEditor *self)
{
  if (self->loading)
    return;
  self->due_typed = TRUE;
  on_field_changed (self);
}

static void
on_customer_selected (RcvInvoiceEditor *self)
{
  if (self->loading)
    return;
  follow_due_date (self);
  on_field_changed (self);
}

static GtkEntry *
line_entry (RcvInvoiceEditor *self,
            const char       *accessible_name,
            guint             line,
            gboolean          numeric,
            int               width_chars)
{
  GtkEntry *entry = GTK_ENTRY (gtk_entry_new ());
  g_autofree char *name = g_strdup_printf ("%s, %s %u", accessible_name, _("line"), line + 1);

  gtk_editable_set_width_chars (GTK_EDITABLE (entry), width_chars);
  if (numeric)
    {
      gtk_editable_set_alignment (GTK_EDITABLE (entry), 1.0);
      gtk_entry_set_input_purpose (entry, GTK_INPUT_PURPOSE_NUMBER);
      gtk_widget_add_css_class (GTK_WIDGET (entry), "numeric");
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_field_changed), self,
                           G_CONNECT_SWAPPED);
  /* Enter in a line moves on; Enter in the last field of the last line adds a line */
  gtk_entry_set_activates_default (entry, FALSE);
  return entry;
}

static void remove_line (RcvInvoiceEditor *self, guint index);

static void
on_remove_clicked (GtkButton        *button,
                   RcvInvoiceEditor *self)
{
  for (guint i = 0; i < self->lines->len; i++)
    if (g_array_index (self->lines, LineWidgets, i).remove == button)
      {
        remove_line (self, i);
        return;
      }
}

static void
attach_line (RcvInvoiceEditor *self,
             guint             i)
{
  LineWidgets *line = &g_array_index (self->lines, LineWidgets, i);
  int row = (int) i + 1;

  gtk_grid_attach (self->lines_grid, GTK_WIDGET (line->description), 0, row, 1, 1);
  gtk_grid_attach (self->lines_grid, GTK_WIDGET (line->quantity), 1, row, 1, 1);
  gtk_grid_attach (self->lines_grid, GTK_WIDGET (line->price), 2, row, 1, 1);
  gtk_grid_attach (self->lines_grid, GTK_WIDGET (line->tax), 3, row, 1, 1);
  gtk_grid_attach (self->lines_grid, GTK_WIDGET (line->amount), 4, row, 1, 1);
  gtk_grid_attach (self->lines_grid, GTK_WIDGET (line->remove), 5, row, 1, 1);
}

static void
detach_line (RcvInvoiceEditor *self,
             guint             i)
{
  LineWidgets *line = &g_array_index (self->lines, LineWidgets, i);

  gtk_grid_remove (self->lines_grid, GTK_WIDGET (line->description));
  gtk_grid_remove (self->lines_grid, GTK_WIDGET (line->quantity));
  gtk_grid_remove (self->lines_grid, GTK_WIDGET (line->price));
  gtk_grid_remove (self->lines_grid, GTK_WIDGET (line->tax));
  gtk_grid_remove (self->lines_grid, GTK_WIDGET (line->amount));
  gtk_grid_remove (self->lines_grid, GTK_WIDGET (line->remove));
}

static LineWidgets *
add_line (RcvInvoiceEditor *self)
{
  LineWidgets line;
  guint i = self->lines->len;

  if (i >= MAX_LINES)
    return NULL;
  line.description = line_entry (self, _("Description"), i, FALSE, 24);
  gtk_widget_set_hexpand (GTK_WIDGET (line.description), TRUE);
  line.quantity = line_entry (self, _("Quantity"), i, TRUE, 6);
  gtk_entry_set_placeholder_text (line.quantity, "1");
  line.price = line_entry (self, _("Unit price"), i, TRUE, 10);
  line.tax = line_entry (self, _("Tax %"), i, TRUE, 5);
  line.amount = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (line.amount, 1.0);
  gtk_widget_set_size_request (GTK_WIDGET (line.amount), 110, -1);
  gtk_widget_add_css_class (GTK_WIDGET (line.amount), "numeric");
  line.remove = GTK_BUTTON (gtk_button_new_from_icon_name ("edit-delete-symbolic"));
  gtk_widget_add_css_class (GTK_WIDGET (line.remove), "flat");
  gtk_widget_set_tooltip_text (GTK_WIDGET (line.remove), _("Remove Line"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (line.remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove Line"), -1);
  g_signal_connect_object (line.remove, "clicked", G_CALLBACK (on_remove_clicked), self, 0);
  g_array_append_val (self->lines, line);
  attach_line (self, i);
  return &g_array_index (self->lines, LineWidgets, i);
}

static void
remove_line (RcvInvoiceEditor *self,
             guint             index)
{
  /* the grid's rows move up: detach from here on, drop the line, attach again */
  for (guint i = index; i < self->lines->len; i++)
    detach_line (self, i);
  g_array_remove_index (self->lines, index);
  for (guint i = index; i < self->lines->len; i++)
    attach_line (self, i);
  if (self->lines->len == 0)
    add_line (self);
  self->touched = TRUE;
  validate (self);
}

static void
add_line_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RcvInvoiceEditor *self = RCV_INVOICE_EDITOR (widget);
  LineWidgets *line;

  if (self->viewed != NULL)
    return;
  line = add_line (self);
  if (line != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (line->description));
  validate (self);
}

static void ask_override (RcvInvoiceEditor *self, const RcvCreditCheck *check);

/* Posts through the core, which enforces the customer's credit policy: on hold or over the
 * limit, it asks for a reason first. */
static void
post (RcvInvoiceEditor *self,
      RcvInvoice       *invoice,
      const char       *reason)
{
  g_autoptr(GError) error = NULL;
  RcvCreditCheck check;
  GDate today;

  rcv_date_set_today (&today);
  if (!rcv_posting_post_invoice (self->database, invoice, &today, reason, &check, &error))
    {
      if (g_error_matches (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_CREDIT_HOLD))
        ask_override (self, &check);
      else
        show_problem (self,
                      g_error_matches (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_DUPLICATE)
                        ? GTK_WIDGET (self->number_row) : NULL,
                      error->message);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, invoice->id, invoice->number);
  gtk_window_close (GTK_WINDOW (self));
}

typedef struct
{
  RcvInvoiceEditor *self;
  char *reason;
} Override;

static void
override_free (gpointer data)
{
  Override *override = data;

  g_object_unref (override->self);
  g_free (override->reason);
  g_free (override);
}

/* after the dialog is done with its response: posting closes the editor, and the dialog with
 * it */
static gboolean
post_with_reason (gpointer data)
{
  Override *override = data;
  RcvInvoiceEditor *self = override->self;
  g_autoptr(RcvInvoice) invoice = NULL;
  g_autofree char *message = NULL;
  GtkWidget *at_fault = NULL;

  if (self->database == NULL)
    return G_SOURCE_REMOVE;   /* closed meanwhile */
  invoice = invoice_from_fields (self, &at_fault, &message);
  if (invoice == NULL)
    show_problem (self, at_fault, message);
  else
    post (self, invoice, override->reason);
  return G_SOURCE_REMOVE;
}

static void
on_override_response (AdwMessageDialog *dialog,
                      const char       *response,
                      RcvInvoiceEditor *self)
{
  GtkEditable *reason = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  Override *override;

  if (g_strcmp0 (response, "post") != 0)
    return;
  override = g_new0 (Override, 1);
  override->self = g_object_ref (self);
  override->reason = g_strdup (gtk_editable_get_text (reason));
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, post_with_reason, override, override_free);
}

static void
on_override_reason_changed (GtkEditable      *reason,
                            AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (reason)));

  adw_message_dialog_set_response_enabled (dialog, "post", text[0] != '\0');
}

static void
ask_override (RcvInvoiceEditor     *self,
              const RcvCreditCheck *check)
{
  GtkWidget *dialog, *reason;

  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   (check->reasons & RCV_HOLD_OVERDUE)
                                     ? _("Invoice a Customer on Credit Hold?")
                                     : _("Go Over the Credit Limit?"),
                                   gtk_label_get_text (self->credit_label));
  reason = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (reason), _("Why it goes out anyway"));
  gtk_entry_set_activates_default (GTK_ENTRY (reason), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (reason), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), reason);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "post", _("_Post Anyway"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "post",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "post", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "post");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (reason, "changed", G_CALLBACK (on_override_reason_changed), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_override_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (reason);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RcvInvoiceEditor *self = RCV_INVOICE_EDITOR (widget);
  g_autoptr(RcvInvoice) invoice = NULL;
  g_autofree char *message = NULL;
  GtkWidget *at_fault = NULL;

  if (self->viewed != NULL)
    return;
  invoice = invoice_from_fields (self, &at_fault, &message);
  if (invoice == NULL)
    {
      show_problem (self, at_fault, message);
      return;
    }
  post (self, invoice, NULL);
}

static void
on_void_response (AdwMessageDialog *dialog,
                  const char       *response,
                  RcvInvoiceEditor *self)
{
  g_autoptr(GError) error = NULL;
  GtkEditable *reason = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

  if (g_strcmp0 (response, "void") != 0 || self->viewed == NULL)
    return;
  if (!rcv_ledger_void_invoice (self->database, self->viewed->id,
                                gtk_editable_get_text (reason), &error))
    {
      show_problem (self, NULL, error->message);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, self->viewed->id, self->viewed->number);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_reason_changed (GtkEditable      *reason,
                   AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (reason)));

  adw_message_dialog_set_response_enabled (dialog, "void", text[0] != '\0');
}

static void
void_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RcvInvoiceEditor *self = RCV_INVOICE_EDITOR (widget);
  GtkWidget *dialog;
  GtkWidget *reason;

  if (self->viewed == NULL)
    return;
  /* Translators: %s is an invoice number */
  dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Void “%s”?"),
                                     self->viewed->number);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("A void invoice stays in the file but counts nowhere. "
                                 "Say why; the reason is kept in the audit history."));
  reason = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (reason), _("Reason"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (reason), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), reason);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "void", _("_Void"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "void",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "void", FALSE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (reason, "changed", G_CALLBACK (on_reason_changed), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_void_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- disputes (rcv-collections.c): opened or resolved as of today ---- */

/* Shows whether the invoice viewed is disputed, and offers to dispute or resolve. */
static void
show_dispute (RcvInvoiceEditor *self)
{
  g_autofree char *notes = NULL;
  RcvDisputeReason reason;
  GDate opened;
  gboolean open_invoice = self->viewed->kind == RCV_INVOICE_KIND_INVOICE &&
                          self->viewed->status == RCV_INVOICE_STATUS_POSTED;
  gboolean disputed = rcv_collections_get_dispute (self->database, self->viewed->id, &reason,
                                                   &notes, &opened);

  gtk_widget_set_visible (GTK_WIDGET (self->dispute_button), open_invoice);
  gtk_button_set_label (self->dispute_button, disputed ? _("_Resolve Dispute…")
                                                       : _("_Dispute…"));
  gtk_widget_set_visible (GTK_WIDGET (self->dispute_row), disputed);
  if (disputed)
    {
      g_autofree char *date = rcv_date_format_locale (&opened);
      /* Translators: the date a dispute was opened, and its reason */
      g_autofree char *title = g_strdup_printf (_("Disputed since %s: %s"), date,
                                                rcv_dispute_reason_label (reason));

      rcv_row_set_plain_title (self->dispute_row, title);
      rcv_action_row_set_plain_subtitle (self->dispute_row,
                                   *notes != '\0' ? notes
                                                  : _("No reminders or alerts until it is "
                                                      "resolved"));
    }
}

static void
on_dispute_response (AdwMessageDialog *dialog,
                     const char       *response,
                     RcvInvoiceEditor *self)
{
  g_autoptr(GError) error = NULL;
  GDate today;
  gboolean ok;

  if (self->viewed == NULL || g_strcmp0 (response, "cancel") == 0)
    return;
  rcv_date_set_today (&today);
  if (g_str_equal (response, "resolve"))
    ok = rcv_collections_resolve_dispute (self->database, self->viewed->id, &today, &error);
  else
    {
      GtkWidget *box = adw_message_dialog_get_extra_child (dialog);
      GtkDropDown *reasons = GTK_DROP_DOWN (gtk_widget_get_first_child (box));
      GtkEditable *notes = GTK_EDITABLE (gtk_widget_get_next_sibling (GTK_WIDGET (reasons)));

      ok = rcv_collections_open_dispute (self->database, self->viewed->id,
                                         (RcvDisputeReason) gtk_drop_down_get_selected (reasons),
                                         gtk_editable_get_text (notes), &today, &error) > 0;
    }
  if (!ok)
    {
      show_problem (self, NULL, error->message);
      return;
    }
  show_dispute (self);
  g_signal_emit (self, signals[SAVED], 0, self->viewed->id, self->viewed->number);
}

static void
dispute_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RcvInvoiceEditor *self = RCV_INVOICE_EDITOR (widget);
  GtkWidget *dialog;

  if (self->viewed == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL);
  if (rcv_collections_get_dispute (self->database, self->viewed->id, NULL, NULL, NULL))
    {
      /* Translators: %s is an invoice number */
      adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog),
                                         _("Resolve the Dispute on “%s”?"), self->viewed->number);
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                                   _("From today the invoice counts for reminders and alerts "
                                     "again. The dispute stays in the account’s history."));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                        "resolve", _("_Resolve"), NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "resolve",
                                                  ADW_RESPONSE_SUGGESTED);
    }
  else
    {
      const char *const labels[] = { rcv_dispute_reason_label (RCV_DISPUTE_BILLING_ERROR),
                                     rcv_dispute_reason_label (RCV_DISPUTE_QUALITY),
                                     rcv_dispute_reason_label (RCV_DISPUTE_NOT_RECEIVED),
                                     rcv_dispute_reason_label (RCV_DISPUTE_OTHER), NULL };
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
      GtkWidget *reasons = gtk_drop_down_new_from_strings (labels);
      GtkWidget *notes = gtk_entry_new ();

      adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Dispute “%s”?"),
                                         self->viewed->number);
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                                   _("The invoice stays in the balance and the aging, but gets "
                                     "no reminders and raises no alerts until the dispute is "
                                     "resolved."));
      gtk_accessible_update_property (GTK_ACCESSIBLE (reasons), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Reason"), -1);
      gtk_entry_set_placeholder_text (GTK_ENTRY (notes), _("Notes"));
      gtk_entry_set_activates_default (GTK_ENTRY (notes), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (notes), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Notes"), -1);
      gtk_box_append (GTK_BOX (box), reasons);
      gtk_box_append (GTK_BOX (box), notes);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                        "dispute", _("_Dispute"), NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "dispute",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "dispute");
    }
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_dispute_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
rcv_invoice_editor_dispose (GObject *object)
{
  RcvInvoiceEditor *self = RCV_INVOICE_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RCV_TYPE_INVOICE_EDITOR);
  g_clear_object (&self->customers);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (rcv_invoice_editor_parent_class)->dispose (object);
}

static void
rcv_invoice_editor_finalize (GObject *object)
{
  RcvInvoiceEditor *self = RCV_INVOICE_EDITOR (object);

  g_clear_pointer (&self->lines, g_array_unref);
  g_clear_pointer (&self->viewed, rcv_invoice_free);
  rcv_form_problem_clear (&self->problem);

  G_OBJECT_CLASS (rcv_invoice_editor_parent_class)->finalize (object);
}

static void
rcv_invoice_editor_class_init (RcvInvoiceEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rcv_invoice_editor_dispose;
  object_class->finalize = rcv_invoice_editor_finalize;

  /* the invoice's database ID and number, after it was posted or voided */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  g_type_ensure (RCV_TYPE_CUSTOMER_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/receivables/Receivables/"
                                               "rcv-invoice-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceEditor, void_button);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceEditor, dispute_button);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceEditor, dispute_row);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceEditor, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceEditor, customer_row);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceEditor, customer_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceEditor, number_row);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceEditor, issue_row);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceEditor, due_row);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceEditor, lines_grid);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceEditor, add_line_button);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceEditor, net_label);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceEditor, tax_label);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceEditor, total_label);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceEditor, notes_row);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceEditor, credit_revealer);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceEditor, credit_label);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_issue_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_due_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_customer_selected);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.add-line", NULL, add_line_action);
  gtk_widget_class_install_action (widget_class, "editor.void", NULL, void_action);
  gtk_widget_class_install_action (widget_class, "editor.dispute", NULL, dispute_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "editor.add-line", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rcv_invoice_editor_init (RcvInvoiceEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->lines = g_array_new (FALSE, TRUE, sizeof (LineWidgets));
  rcv_date_row_setup (self->issue_row, _("Issue date"));
  rcv_date_row_setup (self->due_row, _("Due date"));
}

static RcvInvoiceEditor *
editor_new (GtkWindow      *parent,
            RcvDatabase    *database,
            RcvInvoiceKind  kind,
            GError        **error)
{
  g_autoptr(RcvCustomerList) customers = rcv_customer_list_new_active (database, error);
  RcvInvoiceEditor *self;

  if (customers == NULL)
    return NULL;
  self = g_object_new (RCV_TYPE_INVOICE_EDITOR, "transient-for", parent, NULL);
  self->database = g_object_ref (database);
  self->kind = kind;
  self->customers = g_steal_pointer (&customers);
  self->loading = TRUE;
  gtk_drop_down_set_model (self->customer_dropdown, G_LIST_MODEL (self->customers));
  gtk_drop_down_set_selected (self->customer_dropdown, GTK_INVALID_LIST_POSITION);
  self->loading = FALSE;
  return self;
}

/* A form for a new invoice or credit note, for `customer_id` if it is not 0. */
RcvInvoiceEditor *
rcv_invoice_editor_new (GtkWindow       *parent,
                        RcvDatabase     *database,
                        RcvInvoiceKind   kind,
                        gint64           customer_id,
                        GError         **error)
{
  RcvInvoiceEditor *self;
  g_autofree char *number = NULL;
  GDate today;
  guint position;

  g_return_val_if_fail (RCV_IS_DATABASE (database), NULL);

  self = editor_new (parent, database, kind, error);
  if (self == NULL)
    return NULL;

  gtk_window_set_title (GTK_WINDOW (self), kind == RCV_INVOICE_KIND_CREDIT_NOTE
                                             ? _("New Credit Note") : _("New Invoice"));
  rcv_date_set_today (&today);
  number = rcv_ledger_propose_number (database, kind, &today);
  self->loading = TRUE;
  if (customer_id > 0 && rcv_customer_list_find (self->customers, customer_id, &position))
    gtk_drop_down_set_selected (self->customer_dropdown, position);
  gtk_editable_set_text (GTK_EDITABLE (self->number_row), number);
  rcv_date_row_set_date (self->issue_row, &today);
  self->loading = FALSE;
  follow_due_date (self);
  add_line (self);
  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (customer_id > 0 ? GTK_WIDGET (
                                       g_array_index (self->lines, LineWidgets, 0).description)
                                                     : GTK_WIDGET (self->customer_dropdown)));
  return self;
}

/* A posted (or void) invoice or credit note, read-only, with Void… while nothing is paid. */
RcvInvoiceEditor *
rcv_invoice_editor_new_viewer (GtkWindow    *parent,
                               RcvDatabase  *database,
                               gint64        invoice_id,
                               GError      **error)
{
  g_autoptr(RcvInvoice) invoice = NULL;
  RcvInvoiceEditor *self;
  guint position;
  g_autofree char *title = NULL;

  g_return_val_if_fail (RCV_IS_DATABASE (database), NULL);

  invoice = rcv_ledger_get_invoice (database, invoice_id, error);
  if (invoice == NULL)
    return NULL;
  self = editor_new (parent, database, invoice->kind, error);
  if (self == NULL)
    return NULL;

  self->loading = TRUE;
  title = g_strdup_printf (invoice->kind == RCV_INVOICE_KIND_CREDIT_NOTE
                             ? _("Credit Note %s") : _("Invoice %s"), invoice->number);
  gtk_window_set_title (GTK_WINDOW (self), title);
  if (rcv_customer_list_find (self->customers, invoice->customer_id, &position))
    gtk_drop_down_set_selected (self->customer_dropdown, position);
  gtk_editable_set_text (GTK_EDITABLE (self->number_row), invoice->number);
  rcv_date_row_set_date (self->issue_row, &invoice->issue_date);
  rcv_date_row_set_date (self->due_row, &invoice->due_date);
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), invoice->description);
  for (guint i = 0; i < invoice->lines->len; i++)
    {
      const RcvInvoiceLine *line = &g_array_index (invoice->lines, RcvInvoiceLine, i);
      LineWidgets *widgets = add_line (self);
      /* as the form takes them: the locale's decimal separator (1,5 and 19 in German) */
      g_autofree char *quantity = rcv_decimal_format (line->quantity_milli, 3, TRUE);
      gint64 shown_price = invoice->kind == RCV_INVOICE_KIND_CREDIT_NOTE ? -line->unit_price
                                                                         : line->unit_price;
      g_autofree char *price = rcv_decimal_format (shown_price, currency (self)->decimals, FALSE);
      g_autofree char *tax = rcv_decimal_format (line->tax_bp, 2, TRUE);

      if (widgets == NULL)
        break;
      gtk_editable_set_text (GTK_EDITABLE (widgets->description), line->description);
      gtk_editable_set_text (GTK_EDITABLE (widgets->quantity), quantity);
      gtk_editable_set_text (GTK_EDITABLE (widgets->price), price);
      gtk_editable_set_text (GTK_EDITABLE (widgets->tax), tax);
      gtk_editable_set_editable (GTK_EDITABLE (widgets->description), FALSE);
      gtk_editable_set_editable (GTK_EDITABLE (widgets->quantity), FALSE);
      gtk_editable_set_editable (GTK_EDITABLE (widgets->price), FALSE);
      gtk_editable_set_editable (GTK_EDITABLE (widgets->tax), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (widgets->remove), FALSE);
    }
  self->loading = FALSE;
  show_totals (self, invoice);

  gtk_widget_set_sensitive (GTK_WIDGET (self->customer_dropdown), FALSE);
  gtk_editable_set_editable (GTK_EDITABLE (self->number_row), FALSE);
  gtk_editable_set_editable (GTK_EDITABLE (self->issue_row), FALSE);
  gtk_editable_set_editable (GTK_EDITABLE (self->due_row), FALSE);
  gtk_editable_set_editable (GTK_EDITABLE (self->notes_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->add_line_button), FALSE);
  gtk_button_set_label (self->cancel_button, _("_Close"));
  gtk_widget_set_visible (GTK_WIDGET (self->void_button),
                          invoice->status == RCV_INVOICE_STATUS_POSTED && invoice->allocated == 0);
  if (invoice->status == RCV_INVOICE_STATUS_VOID)
    show_problem (self, NULL, _("This document is void: it counts in no balance."));
  else if (invoice->allocated != 0)
    show_problem (self, NULL, _("Payments or credit are allocated to this document: correct it "
                                "with a credit note."));
  self->viewed = g_steal_pointer (&invoice);
  show_dispute (self);
  return self;
}

/* Fills line `line` (0-based; lines are added as needed), as typing would. */
void
rcv_invoice_editor_set_line (RcvInvoiceEditor *self,
                             guint             line,
                             const char       *description,
                             const char       *quantity,
                             const char       *unit_price,
                             const char       *tax_rate)
{
  LineWidgets *widgets;

  g_return_if_fail (RCV_IS_INVOICE_EDITOR (self));
  g_return_if_fail (line < MAX_LINES);

  while (self->lines->len <= line)
    add_line (self);
  widgets = &g_array_index (self->lines, LineWidgets, line);
  gtk_editable_set_text (GTK_EDITABLE (widgets->description), description);
  gtk_editable_set_text (GTK_EDITABLE (widgets->quantity), quantity);
  gtk_editable_set_text (GTK_EDITABLE (widgets->price), unit_price);
  gtk_editable_set_text (GTK_EDITABLE (widgets->tax), tax_rate);
}

/* The problem the form shows, or NULL. */
const char *
rcv_invoice_editor_get_problem (RcvInvoiceEditor *self)
{
  g_return_val_if_fail (RCV_IS_INVOICE_EDITOR (self), NULL);
  return self->problem.text;
}
