/* rcv-payment-editor.c - a payment received, with its proposed allocation to open invoices
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Choosing the customer lists its open invoices (oldest due date first); the amount and the
 * date give the automatic allocation of DESIGN.md §3 (rcv_open_items_propose_allocation), shown in
 * editable fields. Each field is checked as typed: never more than an invoice's open amount,
 * never more in all than the payment; the rest stays as unapplied credit. Recording writes
 * the payment and its allocations in one transaction.
 */
#define G_LOG_DOMAIN "rcv-payment-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-customer-list.h"
#include "rcv-customer-row.h"
#include "rcv-date.h"
#include "rcv-date-row.h"
#include "rcv-form-problem.h"
#include "rcv-money.h"
#include "rcv-open-items.h"
#include "rcv-payment-editor.h"
#include "rcv-posting.h"

/* a customer with more open invoices shows the oldest ones; the rest goes by the automatic
 * rule if the user lets the payment allocate itself later */
#define MAX_SHOWN 200

struct _RcvPaymentEditor
{
  AdwWindow parent_instance;

  RcvDatabase *database;
  RcvCustomerList *customers;
  GPtrArray *open;             /* RcvOpenItem of the chosen customer, in allocation order */
  GPtrArray *entries;          /* GtkEntry, one per shown open invoice */
  gboolean allocation_typed;   /* the user changed an allocation: no automatic re-proposal */
  gboolean loading;
  gboolean touched;
  RcvFormProblem problem;

  GtkButton *save_button;
  RcvCustomerRow *customer_row;
  AdwEntryRow *date_row;
  AdwEntryRow *amount_row;
  AdwComboRow *method_row;
  AdwEntryRow *reference_row;
  AdwPreferencesGroup *allocation_group;
  GtkGrid *allocation_grid;
  GtkLabel *unapplied_label;
  GtkLabel *error_label;
};

G_DEFINE_FINAL_TYPE (RcvPaymentEditor, rcv_payment_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const RcvCurrency *
currency (RcvPaymentEditor *self)
{
  return rcv_database_get_currency (self->database);
}

static void
show_problem (RcvPaymentEditor *self,
              GtkWidget        *widget,
              const char       *message)
{
  rcv_form_problem_set (&self->problem, self->error_label, widget, g_strdup (message));
}

static gboolean
read_terms (RcvPaymentEditor  *self,
            GDate             *date,
            gint64            *amount,
            GtkWidget        **widget,
            char             **message)
{
  g_autoptr(GError) error = NULL;

  if (!rcv_date_row_get_date (self->date_row, date, &error))
    {
      *widget = GTK_WIDGET (self->date_row);
      *message = g_strdup_printf ("%s: %s", _("Date received"), error->message);
      return FALSE;
    }
  if (!rcv_money_parse_user (gtk_editable_get_text (GTK_EDITABLE (self->amount_row)),
                             currency (self), amount, &error))
    {
      *widget = GTK_WIDGET (self->amount_row);
      *message = g_strdup_printf ("%s: %s", _("Amount"), error->message);
      return FALSE;
    }
  if (*amount <= 0)
    {
      *widget = GTK_WIDGET (self->amount_row);
      *message = g_strdup_printf ("%s: %s", _("Amount"), _("a payment must be more than zero"));
      return FALSE;
    }
  return TRUE;
}

/* The payment and its allocation requests as the form gives them, or FALSE with why. */
static gboolean
read_form (RcvPaymentEditor  *self,
           RcvPayment        *payment,
           GArray            *requests,
           gint64            *unapplied,
           GtkWidget        **widget,
           char             **message)
{
  RcvCustomerItem *customer;
  gint64 left;

  *widget = NULL;
  rcv_customer_row_resolve (self->customer_row);
  customer = rcv_customer_row_get_selected (self->customer_row);
  if (customer == NULL)
    {
      *widget = GTK_WIDGET (self->customer_row);
      *message = rcv_customer_row_describe_problem (self->customer_row);
      return FALSE;
    }
  payment->customer_id = rcv_customer_item_get_id (customer);
  if (!read_terms (self, &payment->date, &payment->amount, widget, message))
    return FALSE;
  g_free (payment->method);
  /* kept as the person reads it, as the demo company and imports keep theirs */
  payment->method = g_strdup (gtk_string_object_get_string (
                                adw_combo_row_get_selected_item (self->method_row)));
  g_free (payment->reference);
  payment->reference = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reference_row))));

  left = payment->amount;
  g_array_set_size (requests, 0);
  for (guint i = 0; i < self->entries->len; i++)
    {
      GtkEntry *entry = g_ptr_array_index (self->entries, i);
      const RcvOpenItem *item = g_ptr_array_index (self->open, i);
      const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
      g_autoptr(GError) error = NULL;
      RcvAllocationRequest request = { item->id, 0 };

      if (text[0] == '\0')
        continue;
      if (!rcv_money_parse_user (text, currency (self), &request.amount, &error))
        {
          *widget = GTK_WIDGET (entry);
          *message = g_strdup_printf ("%s: %s", item->number, error->message);
          return FALSE;
        }
      if (request.amount < 0 || request.amount > item->open)
        {
          g_autofree char *open = rcv_money_format (item->open, currency (self));

          *widget = GTK_WIDGET (entry);
          /* Translators: "2026-0001: between 0 and 120.00 €" */
          *message = g_strdup_printf (_("%s: between 0 and %s, what is open"), item->number, open);
          return FALSE;
        }
      if (request.amount == 0)
        continue;
      left -= request.amount;
      if (left < 0)
        {
          *widget = GTK_WIDGET (entry);
          *message = g_strdup (_("The allocations add up to more than the payment"));
          return FALSE;
        }
      g_array_append_val (requests, request);
    }
  *unapplied = left;
  {
    g_autoptr(GError) error = NULL;
    const char *field = NULL;

    if (!rcv_payment_validate (payment, &field, &error))
      {
        *widget = g_strcmp0 (field, "reference") == 0 ? GTK_WIDGET (self->reference_row)
                : g_strcmp0 (field, "method") == 0 ? GTK_WIDGET (self->method_row) : NULL;
        *message = g_strdup_printf ("%s: %s", field, error->message);
        return FALSE;
      }
  }
  return TRUE;
}

static void
validate (RcvPaymentEditor *self)
{
  g_autoptr(RcvPayment) payment = rcv_payment_new ();
  g_autoptr(GArray) requests = g_array_new (FALSE, FALSE, sizeof (RcvAllocationRequest));
  g_autofree char *message = NULL;
  GtkWidget *widget = NULL;
  gint64 unapplied = 0;
  gboolean ok;

  if (self->loading)
    return;
  ok = read_form (self, payment, requests, &unapplied, &widget, &message);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", ok);
  if (ok)
    {
      g_autofree char *amount = rcv_money_format (unapplied, currency (self));
      /* Translators: %s is an amount */
      g_autofree char *text = g_strdup_printf (_("Left as credit on the account: %s"), amount);

      gtk_label_set_text (self->unapplied_label, text);
    }
  else
    gtk_label_set_text (self->unapplied_label, "");
  show_problem (self, widget, self->touched ? message : NULL);
}

/* Fills the allocation fields with the automatic allocation of the amount on the date. */
static void
propose (RcvPaymentEditor *self)
{
  g_autoptr(GArray) requests = g_array_new (FALSE, FALSE, sizeof (RcvAllocationRequest));
  g_autofree char *message = NULL;
  GtkWidget *widget;
  GDate date;
  gint64 amount;

  if (self->open == NULL)
    return;
  self->loading = TRUE;
  for (guint i = 0; i < self->entries->len; i++)
    gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (self->entries, i)), "");
  if (read_terms (self, &date, &amount, &widget, &message))
    {
      g_autoptr(GPtrArray) shown = g_ptr_array_new ();

      for (guint i = 0; i < self->entries->len; i++)
        g_ptr_array_add (shown, g_ptr_array_index (self->open, i));
      rcv_open_items_propose_allocation (shown, &date, amount, requests);
      for (guint r = 0; r < requests->len; r++)
        {
          const RcvAllocationRequest *request = &g_array_index (requests, RcvAllocationRequest, r);

          for (guint i = 0; i < self->entries->len; i++)
            if (((RcvOpenItem *) g_ptr_array_index (self->open, i))->id == request->invoice_id)
              {
                g_autofree char *text = rcv_money_format_plain (request->amount, currency (self));

                gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (self->entries, i)), text);
              }
        }
    }
  self->loading = FALSE;
  self->allocation_typed = FALSE;
}

static void
on_allocation_changed (RcvPaymentEditor *self)
{
  if (self->loading)
    return;
  self->allocation_typed = TRUE;
  self->touched = TRUE;
  validate (self);
}

static void
add_header (RcvPaymentEditor *self,
            const char       *text,
            int               column,
            float             xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_grid_attach (self->allocation_grid, label, column, 0, 1, 1);
}

static void
add_cell (RcvPaymentEditor *self,
          const char       *text,
          int               column,
          int               row,
          float             xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_widget_add_css_class (label, "numeric");
  if (column == 0)
    gtk_widget_set_hexpand (label, TRUE);
  gtk_grid_attach (self->allocation_grid, label, column, row, 1, 1);
}

/* A line of text where the allocation rows would be: why there are none. */
static void
allocation_note (RcvPaymentEditor *self,
                 const char       *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_grid_attach (self->allocation_grid, label, 0, 0, 4, 1);
}

/* The chosen customer's open invoices, one row each with its allocation field. */
static void
load_open_invoices (RcvPaymentEditor *self)
{
  RcvCustomerItem *customer = rcv_customer_row_get_selected (self->customer_row);
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->allocation_grid))) != NULL)
    gtk_grid_remove (self->allocation_grid, child);
  g_ptr_array_set_size (self->entries, 0);
  g_clear_pointer (&self->open, g_ptr_array_unref);
  if (customer == NULL)
    {
      allocation_note (self, _("Choose the customer above: their open invoices show here, "
                               "oldest due date first."));
      return;
    }

  self->open = rcv_open_items_list (self->database, rcv_customer_item_get_id (customer),
                                    RCV_INVOICE_KIND_INVOICE, &error);
  if (self->open == NULL)
    {
      show_problem (self, NULL, error->message);
      return;
    }
  if (self->open->len == 0)
    {
      allocation_note (self, _("This customer has no open invoice: the payment will be credit "
                               "on the account."));
      return;
    }

  add_header (self, _("Invoice"), 0, 0);
  add_header (self, _("Due"), 1, 0);
  add_header (self, _("Open"), 2, 1);
  add_header (self, _("Allocate"), 3, 1);
  for (guint i = 0; i < MIN (self->open->len, MAX_SHOWN); i++)
    {
      const RcvOpenItem *item = g_ptr_array_index (self->open, i);
      g_autofree char *open = rcv_money_format (item->open, currency (self));
      g_autofree char *accessible = g_strdup_printf (_("Amount allocated to %s"), item->number);
      g_autofree char *due = rcv_date_format_locale (&item->due_date);
      GtkWidget *entry = gtk_entry_new ();

      add_cell (self, item->number, 0, (int) i + 1, 0);
      add_cell (self, due, 1, (int) i + 1, 0);
      add_cell (self, open, 2, (int) i + 1, 1);
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 10);
      gtk_editable_set_alignment (GTK_EDITABLE (entry), 1.0);
      gtk_widget_add_css_class (entry, "numeric");
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      accessible, -1);
      g_signal_connect_object (entry, "changed", G_CALLBACK (on_allocation_changed), self,
                               G_CONNECT_SWAPPED);
      gtk_grid_attach (self->allocation_grid, entry, 3, (int) i + 1, 1, 1);
      g_ptr_array_add (self->entries, entry);
    }
}

static void
on_customer_selected (RcvPaymentEditor *self)
{
  if (self->loading || self->customer_row == NULL)
    return;
  load_open_invoices (self);
  propose (self);
  self->touched = TRUE;
  validate (self);
}

static void
on_terms_changed (RcvPaymentEditor *self)
{
  if (self->loading)
    return;
  if (!self->allocation_typed)
    propose (self);
  self->touched = TRUE;
  validate (self);
}

static void
on_field_changed (RcvPaymentEditor *self)
{
  if (self->loading)
    return;
  self->touched = TRUE;
  validate (self);
}

static void
propose_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RcvPaymentEditor *self = RCV_PAYMENT_EDITOR (widget);

  propose (self);
  validate (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RcvPaymentEditor *self = RCV_PAYMENT_EDITOR (widget);
  g_autoptr(RcvPayment) payment = rcv_payment_new ();
  g_autoptr(GArray) requests = g_array_new (FALSE, FALSE, sizeof (RcvAllocationRequest));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  GtkWidget *at_fault = NULL;
  gint64 unapplied;

  if (!read_form (self, payment, requests, &unapplied, &at_fault, &message))
    {
      show_problem (self, at_fault, message);
      return;
    }
  if (!rcv_posting_add_payment (self->database, payment,
                                (const RcvAllocationRequest *) (gpointer) requests->data,
                                requests->len, FALSE, &error))
    {
      show_problem (self, NULL, error->message);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, payment->id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
rcv_payment_editor_dispose (GObject *object)
{
  RcvPaymentEditor *self = RCV_PAYMENT_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RCV_TYPE_PAYMENT_EDITOR);
  g_clear_object (&self->customers);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (rcv_payment_editor_parent_class)->dispose (object);
}

static void
rcv_payment_editor_finalize (GObject *object)
{
  RcvPaymentEditor *self = RCV_PAYMENT_EDITOR (object);

  g_clear_pointer (&self->open, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  rcv_form_problem_clear (&self->problem);

  G_OBJECT_CLASS (rcv_payment_editor_parent_class)->finalize (object);
}

static void
rcv_payment_editor_class_init (RcvPaymentEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rcv_payment_editor_dispose;
  object_class->finalize = rcv_payment_editor_finalize;

  /* the payment's database ID */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (RCV_TYPE_CUSTOMER_ITEM);
  g_type_ensure (RCV_TYPE_CUSTOMER_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/receivables/Receivables/"
                                               "rcv-payment-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RcvPaymentEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, RcvPaymentEditor, customer_row);
  gtk_widget_class_bind_template_child (widget_class, RcvPaymentEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, RcvPaymentEditor, amount_row);
  gtk_widget_class_bind_template_child (widget_class, RcvPaymentEditor, method_row);
  gtk_widget_class_bind_template_child (widget_class, RcvPaymentEditor, reference_row);
  gtk_widget_class_bind_template_child (widget_class, RcvPaymentEditor, allocation_group);
  gtk_widget_class_bind_template_child (widget_class, RcvPaymentEditor, allocation_grid);
  gtk_widget_class_bind_template_child (widget_class, RcvPaymentEditor, unapplied_label);
  gtk_widget_class_bind_template_child (widget_class, RcvPaymentEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_customer_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_terms_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.propose", NULL, propose_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rcv_payment_editor_init (RcvPaymentEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->entries = g_ptr_array_new ();
  rcv_date_row_setup (self->date_row, _("Date received"));
}

/* A form for a payment received, from `customer_id` if it is not 0. */
RcvPaymentEditor *
rcv_payment_editor_new (GtkWindow    *parent,
                        RcvDatabase  *database,
                        gint64        customer_id,
                        GError      **error)
{
  g_autoptr(RcvCustomerList) customers = NULL;
  RcvPaymentEditor *self;
  GDate today;

  g_return_val_if_fail (RCV_IS_DATABASE (database), NULL);

  customers = rcv_customer_list_new_active (database, error);
  if (customers == NULL)
    return NULL;
  self = g_object_new (RCV_TYPE_PAYMENT_EDITOR, "transient-for", parent, NULL);
  self->database = g_object_ref (database);
  self->customers = g_steal_pointer (&customers);

  self->loading = TRUE;
  rcv_customer_row_set_customers (self->customer_row, self->customers);
  if (customer_id > 0)
    rcv_customer_row_select_id (self->customer_row, customer_id);
  rcv_date_set_today (&today);
  rcv_date_row_set_date (self->date_row, &today);
  self->loading = FALSE;
  load_open_invoices (self);
  validate (self);
  gtk_widget_grab_focus (customer_id > 0 ? GTK_WIDGET (self->amount_row)
                                         : GTK_WIDGET (self->customer_row));
  return self;
}

/* Types `amount` into the allocation field of the index-th open invoice shown. */
void
rcv_payment_editor_set_allocation (RcvPaymentEditor *self,
                                   guint             index,
                                   const char       *amount)
{
  g_return_if_fail (RCV_IS_PAYMENT_EDITOR (self));
  g_return_if_fail (index < self->entries->len);

  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (self->entries, index)), amount);
}

const char *
rcv_payment_editor_get_problem (RcvPaymentEditor *self)
{
  g_return_val_if_fail (RCV_IS_PAYMENT_EDITOR (self), NULL);
  return self->problem.text;
}

/* A receipt from the bank, filled in: its date, amount and reference, by bank transfer. */
void
rcv_payment_editor_set_receipt (RcvPaymentEditor *self,
                                const GDate      *date,
                                gint64            amount,
                                const char       *reference)
{
  g_autofree char *text = NULL;

  g_return_if_fail (RCV_IS_PAYMENT_EDITOR (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  text = rcv_decimal_format (amount, rcv_database_get_currency (self->database)->decimals, FALSE);
  rcv_date_row_set_date (self->date_row, date);
  gtk_editable_set_text (GTK_EDITABLE (self->amount_row), text);
  gtk_editable_set_text (GTK_EDITABLE (self->reference_row), reference != NULL ? reference : "");
  adw_combo_row_set_selected (self->method_row, 0);
}
