/* rcv-invoice-editor.c - a new invoice or credit note; or a posted one, to read, void or credit
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every keystroke rebuilds the invoice the form describes and asks the core to check it and
 * compute its totals (the one rounding rule, rcv-money.c): the totals follow as you type, the
 * first problem is shown under the form, and Post stays off while anything is wrong. The due
 * date follows the issue date and the customer's terms until it is typed in by hand. A posted
 * invoice opens read-only: it is changed by a credit note, or voided with a reason (audited)
 * while nothing has been paid on it. A line is an RcvInvoiceLineRow (rcv-invoice-line-row.c);
 * posting, voiding and disputes, with their dialogs, are in rcv-invoice-editor-actions.c.
 */
#define G_LOG_DOMAIN "rcv-invoice-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-customer-list.h"
#include "rcv-customer-row.h"
#include "rcv-date.h"
#include "rcv-date-row.h"
#include "rcv-form-problem.h"
#include "rcv-invoice-editor-private.h"
#include "rcv-invoice-layout.h"
#include "rcv-invoice-line-row.h"
#include "rcv-money.h"
#include "rcv-open-items.h"
#include "rcv-policy.h"
#include "rcv-posting.h"

#define MAX_LINES 200

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
  return rcv_customer_row_get_selected (self->customer_row);
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

void
rcv_invoice_editor_show_problem (RcvInvoiceEditor *self,
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

/* The name of a field of the ledger's rules, as the form calls it. */
static const char *
field_label (const char *field)
{
  if (g_strcmp0 (field, "number") == 0)
    return _("Number");
  if (g_strcmp0 (field, "due_date") == 0)
    return _("Due date");
  if (g_strcmp0 (field, "description") == 0)
    return _("Notes");
  if (g_strcmp0 (field, "amount") == 0)
    return _("Total");
  return _("Invoice");
}

/* The invoice the form describes (totals computed), or NULL with every problem added to
 * `problems` (RcvFieldProblem: each field that does not read, in the form's order; then, once
 * all read, the first of the ledger's rules it breaks). `as_typed` (may be NULL) then gets the
 * invoice as far as it reads, a line's unreadable amount as 0, so that its totals can show. */
RcvInvoice *
rcv_invoice_editor_read_fields (RcvInvoiceEditor  *self,
                                GPtrArray         *problems,
                                RcvInvoice       **as_typed)
{
  g_autoptr(RcvInvoice) invoice = rcv_invoice_new (self->kind);
  RcvCustomerItem *customer = selected_customer (self);
  RcvCurrency quantity_units = { "QTY", 3 };
  const char *field = NULL;
  guint had = problems->len;

  if (customer == NULL)
    rcv_field_problems_add (problems, GTK_WIDGET (self->customer_row),
                            rcv_customer_row_describe_problem (self->customer_row));
  else
    invoice->customer_id = rcv_customer_item_get_id (customer);
  invoice->number = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->number_row))));
  if (invoice->number[0] == '\0')
    rcv_field_problems_add (problems, GTK_WIDGET (self->number_row),
                            g_strdup_printf ("%s: %s", field_label ("number"), _("is required")));
  invoice->description = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->notes_row)));
  {
    g_autoptr(GError) error = NULL;

    if (!parse_date_row (self->issue_row, &invoice->issue_date, &error))
      rcv_field_problems_add (problems, GTK_WIDGET (self->issue_row),
                              g_strdup_printf ("%s: %s", _("Issue date"), error->message));
  }
  {
    g_autoptr(GError) error = NULL;

    if (!parse_date_row (self->due_row, &invoice->due_date, &error))
      rcv_field_problems_add (problems, GTK_WIDGET (self->due_row),
                              g_strdup_printf ("%s: %s", _("Due date"), error->message));
  }

  for (guint i = 0; i < self->lines->len; i++)
    {
      RcvInvoiceLineRow *line = g_ptr_array_index (self->lines, i);
      const char *quantity_text = rcv_invoice_line_row_get_text (line, RCV_LINE_QUANTITY);
      const char *price_text = rcv_invoice_line_row_get_text (line, RCV_LINE_PRICE);
      const char *tax_text = rcv_invoice_line_row_get_text (line, RCV_LINE_TAX);
      const char *description = rcv_invoice_line_row_get_text (line, RCV_LINE_DESCRIPTION);
      gint64 quantity = 1000, price = 0;
      gint tax_bp = 0;
      gboolean line_ok = TRUE;
      g_autoptr(GError) error = NULL;

      /* an untouched empty line at the end is not a line */
      if (description[0] == '\0' && price_text[0] == '\0' && i + 1 == self->lines->len && i > 0)
        break;
      if (quantity_text[0] != '\0' &&
          !rcv_money_parse_user (quantity_text, &quantity_units, &quantity, &error))
        {
          rcv_field_problems_add (problems,
                                  GTK_WIDGET (rcv_invoice_line_row_get_field (line, RCV_LINE_QUANTITY)),
                                  line_problem (i, _("Quantity"), error->message));
          g_clear_error (&error);
          line_ok = FALSE;
        }
      if (!rcv_money_parse_user (price_text, currency (self), &price, &error))
        {
          rcv_field_problems_add (problems,
                                  GTK_WIDGET (rcv_invoice_line_row_get_field (line, RCV_LINE_PRICE)),
                                  line_problem (i, _("Unit price"), error->message));
          g_clear_error (&error);
          line_ok = FALSE;
        }
      else if (price < 0)
        {
          rcv_field_problems_add (problems,
                                  GTK_WIDGET (rcv_invoice_line_row_get_field (line, RCV_LINE_PRICE)),
                                  line_problem (i, _("Unit price"),
                                                self->kind == RCV_INVOICE_KIND_CREDIT_NOTE
                                                  ? _("enter the amount credited, without a minus sign")
                                                  : _("cannot be negative: issue a credit note instead")));
          line_ok = FALSE;
        }
      if (tax_text[0] != '\0' && !rcv_percent_parse (tax_text, &tax_bp, &error))
        {
          rcv_field_problems_add (problems,
                                  GTK_WIDGET (rcv_invoice_line_row_get_field (line, RCV_LINE_TAX)),
                                  line_problem (i, _("Tax %"), error->message));
          g_clear_error (&error);
          line_ok = FALSE;
        }
      /* a credit note holds negative amounts; people type what they credit. A line with a
       * field that does not read still counts, as 0, so that the others' totals show. */
      if (!line_ok)
        price = 0;
      rcv_invoice_add_line (invoice, description, quantity,
                            self->kind == RCV_INVOICE_KIND_CREDIT_NOTE ? -price : price, tax_bp);
    }

  /* the ledger's own rules, once every field reads: one problem, as the ledger sees it */
  if (problems->len == had)
    {
      g_autoptr(GError) error = NULL;

      if (!rcv_invoice_validate (invoice, &field, &error))
        {
          GtkWidget *widget = NULL;

          if (g_strcmp0 (field, "number") == 0)
            widget = GTK_WIDGET (self->number_row);
          else if (g_strcmp0 (field, "due_date") == 0)
            widget = GTK_WIDGET (self->due_row);
          else if (g_strcmp0 (field, "description") == 0)
            widget = GTK_WIDGET (self->notes_row);
          rcv_field_problems_add (problems, widget,
                                  g_strdup_printf ("%s: %s", field_label (field), error->message));
        }
    }
  if (problems->len > had)
    {
      if (as_typed != NULL)
        *as_typed = g_steal_pointer (&invoice);
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
      g_autofree char *amount = rcv_money_format (line->net, currency (self));

      rcv_invoice_line_row_set_amount (g_ptr_array_index (self->lines, i), amount);
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

/* Whether the person has been to the field `widget` and left it (or tried to post). */
static gboolean
was_visited (RcvInvoiceEditor *self,
             GtkWidget        *widget)
{
  GHashTableIter iter;
  gpointer visited;

  if (self->show_all_problems || widget == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, self->visited);
  while (g_hash_table_iter_next (&iter, &visited, NULL))
    if (visited == widget || gtk_widget_is_ancestor (visited, widget))
      return TRUE;
  return FALSE;
}

/* Shows the problems of `problems` that are about fields the person has left, or all of them
 * once posting was tried: a new form does not open full of complaints, and a field is not
 * flagged while it is being typed in for the first time. */
void
rcv_invoice_editor_show_problems (RcvInvoiceEditor *self,
                                  GPtrArray        *problems)
{
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();

  for (guint i = 0; i < problems->len; i++)
    {
      RcvFieldProblem *one = g_ptr_array_index (problems, i);

      if (was_visited (self, one->widget))
        g_ptr_array_add (shown, one);
    }
  rcv_form_problem_set_many (&self->problem, self->error_label, shown);
}

static void
validate (RcvInvoiceEditor *self)
{
  g_autoptr(RcvInvoice) invoice = NULL;
  g_autoptr(GPtrArray) problems = rcv_field_problems_new ();
  g_autoptr(RcvInvoice) as_typed = NULL;

  if (self->loading || self->viewed != NULL)
    return;
  invoice = rcv_invoice_editor_read_fields (self, problems, &as_typed);
  show_totals (self, invoice != NULL ? invoice : as_typed);
  update_credit (self, invoice);
  rcv_invoice_editor_show_problems (self, problems);
}

/* The focus moved on: the field it left counts as visited, and its problems show. */
static void
on_focus_moved (RcvInvoiceEditor *self)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));

  if (self->last_focus != NULL && self->last_focus != focus)
    g_hash_table_add (self->visited, g_object_ref (self->last_focus));
  g_set_object (&self->last_focus, focus);
  validate (self);
}

static void
on_field_changed (RcvInvoiceEditor *self)
{
  if (self->loading)
    return;
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
  if (self->loading || self->customer_row == NULL)
    return;
  follow_due_date (self);
  on_field_changed (self);
}

static void remove_line (RcvInvoiceEditor *self, RcvInvoiceLineRow *line);

static RcvInvoiceLineRow *
add_line (RcvInvoiceEditor *self)
{
  RcvInvoiceLineRow *line;

  if (self->lines->len >= MAX_LINES)
    return NULL;
  line = rcv_invoice_line_row_new (self->lines->len + 1);
  rcv_invoice_line_row_align (line, self->columns);
  g_signal_connect_object (line, "changed", G_CALLBACK (on_field_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (line, "remove", G_CALLBACK (remove_line), self, G_CONNECT_SWAPPED);
  g_ptr_array_add (self->lines, g_object_ref_sink (line));
  gtk_box_append (self->lines_box, GTK_WIDGET (line));
  return line;
}

static void
remove_line (RcvInvoiceEditor  *self,
             RcvInvoiceLineRow *line)
{
  gtk_box_remove (self->lines_box, GTK_WIDGET (line));
  g_ptr_array_remove (self->lines, line);
  if (self->lines->len == 0)
    add_line (self);
  validate (self);
}

static void
add_line_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RcvInvoiceEditor *self = RCV_INVOICE_EDITOR (widget);
  RcvInvoiceLineRow *line;

  if (self->viewed != NULL)
    return;
  line = add_line (self);
  if (line != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (rcv_invoice_line_row_get_field (line,
                                                                       RCV_LINE_DESCRIPTION)));
  validate (self);
}

static void
rcv_invoice_editor_dispose (GObject *object)
{
  RcvInvoiceEditor *self = RCV_INVOICE_EDITOR (object);

  g_signal_handlers_disconnect_by_func (self, on_focus_moved, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), RCV_TYPE_INVOICE_EDITOR);
  g_clear_object (&self->last_focus);
  g_clear_pointer (&self->visited, g_hash_table_unref);
  g_clear_object (&self->customers);
  g_clear_object (&self->database);
  g_clear_pointer (&self->head, rcv_letterhead_free);

  G_OBJECT_CLASS (rcv_invoice_editor_parent_class)->dispose (object);
}

static void
rcv_invoice_editor_finalize (GObject *object)
{
  RcvInvoiceEditor *self = RCV_INVOICE_EDITOR (object);

  g_clear_pointer (&self->lines, g_ptr_array_unref);
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
  g_type_ensure (RCV_TYPE_CUSTOMER_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/receivables/Receivables/"
                                               "rcv-invoice-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceEditor, void_button);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceEditor, dispute_button);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceEditor, dispute_row);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceEditor, reference_row);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceEditor, reference_value);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceEditor, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceEditor, print_button);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceEditor, pdf_button);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceEditor, customer_row);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceEditor, number_row);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceEditor, issue_row);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceEditor, due_row);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceEditor, lines_box);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceEditor, remove_heading);
  gtk_widget_class_bind_template_child_full (widget_class, "description_column", FALSE,
                                             G_STRUCT_OFFSET (RcvInvoiceEditor, columns[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "quantity_column", FALSE,
                                             G_STRUCT_OFFSET (RcvInvoiceEditor, columns[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "price_column", FALSE,
                                             G_STRUCT_OFFSET (RcvInvoiceEditor, columns[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "tax_column", FALSE,
                                             G_STRUCT_OFFSET (RcvInvoiceEditor, columns[3]));
  gtk_widget_class_bind_template_child_full (widget_class, "amount_column", FALSE,
                                             G_STRUCT_OFFSET (RcvInvoiceEditor, columns[4]));
  gtk_widget_class_bind_template_child_full (widget_class, "remove_column", FALSE,
                                             G_STRUCT_OFFSET (RcvInvoiceEditor, columns[5]));
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

  rcv_invoice_editor_class_init_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "editor.add-line", NULL, add_line_action);
  rcv_invoice_editor_class_init_document (widget_class);
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
  self->lines = g_ptr_array_new_with_free_func (g_object_unref);
  self->visited = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  rcv_date_row_setup (self->issue_row, _("Issue date"));
  rcv_date_row_setup (self->due_row, _("Due date"));
  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (on_focus_moved), self);
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
  rcv_customer_row_set_customers (self->customer_row, self->customers);
  self->loading = FALSE;
  rcv_invoice_editor_enable_document (self);   /* none until it is posted */
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

  g_return_val_if_fail (RCV_IS_DATABASE (database), NULL);

  self = editor_new (parent, database, kind, error);
  if (self == NULL)
    return NULL;

  gtk_window_set_title (GTK_WINDOW (self), kind == RCV_INVOICE_KIND_CREDIT_NOTE
                                             ? _("New Credit Note") : _("New Invoice"));
  rcv_date_set_today (&today);
  number = rcv_ledger_propose_number (database, kind, &today);
  self->loading = TRUE;
  if (customer_id > 0)
    rcv_customer_row_select_id (self->customer_row, customer_id);
  gtk_editable_set_text (GTK_EDITABLE (self->number_row), number);
  rcv_date_row_set_date (self->issue_row, &today);
  self->loading = FALSE;
  follow_due_date (self);
  add_line (self);
  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (customer_id > 0 ? GTK_WIDGET (
                                       rcv_invoice_line_row_get_field (
                                         g_ptr_array_index (self->lines, 0),
                                         RCV_LINE_DESCRIPTION))
                                                     : GTK_WIDGET (self->customer_row)));
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
  if (!rcv_customer_row_select_id (self->customer_row, invoice->customer_id))
    {
      /* archived since: not among the customers to choose, but its name is shown */
      g_autoptr(RcvCustomer) customer = rcv_ledger_get_customer (database, invoice->customer_id,
                                                                 NULL);

      gtk_editable_set_text (GTK_EDITABLE (self->customer_row),
                             customer != NULL ? customer->name : "");
    }
  gtk_editable_set_text (GTK_EDITABLE (self->number_row), invoice->number);
  rcv_date_row_set_date (self->issue_row, &invoice->issue_date);
  rcv_date_row_set_date (self->due_row, &invoice->due_date);
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), invoice->description);
  for (guint i = 0; i < invoice->lines->len; i++)
    {
      const RcvInvoiceLine *line = &g_array_index (invoice->lines, RcvInvoiceLine, i);
      RcvInvoiceLineRow *widgets = add_line (self);
      /* as the form takes them: the locale's decimal separator (1,5 and 19 in German) */
      g_autofree char *quantity = rcv_decimal_format (line->quantity_milli, 3, TRUE);
      gint64 shown_price = invoice->kind == RCV_INVOICE_KIND_CREDIT_NOTE ? -line->unit_price
                                                                         : line->unit_price;
      g_autofree char *price = rcv_decimal_format (shown_price, currency (self)->decimals, FALSE);
      g_autofree char *tax = rcv_decimal_format (line->tax_bp, 2, TRUE);

      if (widgets == NULL)
        break;
      rcv_invoice_line_row_set_texts (widgets, line->description, quantity, price, tax);
      g_object_set (widgets, "editable", FALSE, NULL);
    }
  /* no remove buttons under the heading's empty column */
  gtk_widget_set_visible (self->remove_heading, FALSE);
  self->loading = FALSE;
  show_totals (self, invoice);

  gtk_editable_set_editable (GTK_EDITABLE (self->customer_row), FALSE);
  gtk_editable_set_editable (GTK_EDITABLE (self->number_row), FALSE);
  if (invoice->kind == RCV_INVOICE_KIND_INVOICE)
    {
      g_autofree char *shown = rcv_invoice_payment_reference (invoice);

      gtk_label_set_text (self->reference_value, shown);
      gtk_widget_set_visible (GTK_WIDGET (self->reference_row), TRUE);
    }
  gtk_editable_set_editable (GTK_EDITABLE (self->issue_row), FALSE);
  gtk_editable_set_editable (GTK_EDITABLE (self->due_row), FALSE);
  gtk_editable_set_editable (GTK_EDITABLE (self->notes_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->add_line_button), FALSE);
  gtk_button_set_label (self->cancel_button, _("_Close"));
  gtk_widget_set_visible (GTK_WIDGET (self->void_button),
                          invoice->status == RCV_INVOICE_STATUS_POSTED && invoice->allocated == 0);
  if (invoice->status == RCV_INVOICE_STATUS_VOID)
    rcv_invoice_editor_show_problem (self, NULL,
                                     _("This document is void: it counts in no balance."));
  else if (invoice->allocated != 0)
    rcv_invoice_editor_show_problem (self, NULL,
                                     _("Payments or credit are allocated to this document: "
                                       "correct it with a credit note."));
  self->viewed = g_steal_pointer (&invoice);
  rcv_invoice_editor_show_dispute (self);
  rcv_invoice_editor_enable_document (self);
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
  g_return_if_fail (RCV_IS_INVOICE_EDITOR (self));
  g_return_if_fail (line < MAX_LINES);

  while (self->lines->len <= line)
    add_line (self);
  rcv_invoice_line_row_set_texts (g_ptr_array_index (self->lines, line), description, quantity,
                                  unit_price, tax_rate);
}

/* After a write: the invoice's database ID and number. */
void
rcv_invoice_editor_emit_saved (RcvInvoiceEditor *self,
                               gint64            id,
                               const char       *number)
{
  g_signal_emit (self, signals[SAVED], 0, id, number);
}

/* The problem the form shows, or NULL. */
const char *
rcv_invoice_editor_get_problem (RcvInvoiceEditor *self)
{
  g_return_val_if_fail (RCV_IS_INVOICE_EDITOR (self), NULL);
  return self->problem.text;
}
