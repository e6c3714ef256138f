/* rcv-customer-editor.c - a customer's details, new or existing, checked as they are typed
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change builds the customer the fields describe and asks the core whether it is valid
 * (the same rules an import applies); the first problem is shown under the form, its field is
 * marked, and Save stays off until the form is right. A field is only marked once it has been
 * typed in, so a new form does not open full of complaints.
 */
#define G_LOG_DOMAIN "rcv-customer-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rcv-customer-editor.h"
#include "rcv-plain-text.h"
#include "rcv-error.h"
#include "rcv-form-problem.h"
#include "rcv-ledger.h"
#include "rcv-money.h"
#include "rcv-policy-choices.h"
#include "rcv-policy.h"

struct _RcvCustomerEditor
{
  AdwWindow parent_instance;

  RcvDatabase *database;
  RcvCustomer *customer;      /* as loaded; id 0 for a new one */
  GHashTable *touched;        /* field names typed in */
  RcvFormProblem problem;
  gboolean loading;

  AdwEntryRow *code_row;
  AdwEntryRow *name_row;
  AdwEntryRow *email_row;
  AdwEntryRow *phone_row;
  GtkTextView *address_view;
  AdwComboRow *policy_row;
  GArray *policy_ids;         /* gint64 per policy_row entry; 0: follow the default policy */
  AdwEntryRow *terms_row;
  AdwEntryRow *limit_row;
  GtkLabel *error_label;
  GtkButton *save_button;
  GtkButton *archive_button;
};

G_DEFINE_FINAL_TYPE (RcvCustomerEditor, rcv_customer_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  ARCHIVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
address_text (RcvCustomerEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->address_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static GtkWidget *
widget_for_field (RcvCustomerEditor *self,
                  const char        *field)
{
  if (g_strcmp0 (field, "id") == 0)
    return GTK_WIDGET (self->code_row);
  if (g_strcmp0 (field, "name") == 0)
    return GTK_WIDGET (self->name_row);
  if (g_strcmp0 (field, "email") == 0)
    return GTK_WIDGET (self->email_row);
  if (g_strcmp0 (field, "phone") == 0)
    return GTK_WIDGET (self->phone_row);
  if (g_strcmp0 (field, "address") == 0)
    return GTK_WIDGET (self->address_view);
  if (g_strcmp0 (field, "terms_days") == 0)
    return GTK_WIDGET (self->terms_row);
  if (g_strcmp0 (field, "credit_limit") == 0)
    return GTK_WIDGET (self->limit_row);
  return NULL;
}

static const char *
label_for_field (RcvCustomerEditor *self,
                 const char        *field)
{
  GtkWidget *widget = widget_for_field (self, field);

  if (ADW_IS_PREFERENCES_ROW (widget))
    return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  if (widget == GTK_WIDGET (self->address_view))
    return _("Postal address");
  return field;
}

/* The customer the fields describe, or NULL with the field and the problem. */
static RcvCustomer *
customer_from_fields (RcvCustomerEditor  *self,
                      const char        **field,
                      GError            **error)
{
  g_autoptr(RcvCustomer) customer = rcv_customer_new ();
  g_autofree char *terms = g_strstrip (g_strdup (text_of (self->terms_row)));
  g_autofree char *limit = g_strstrip (g_strdup (text_of (self->limit_row)));

  customer->id = self->customer->id;
  customer->policy_id = self->customer->policy_id;
  if (self->policy_ids != NULL &&
      adw_combo_row_get_selected (self->policy_row) < self->policy_ids->len)
    customer->policy_id = g_array_index (self->policy_ids, gint64,
                                         adw_combo_row_get_selected (self->policy_row));
  customer->archived = self->customer->archived;
  customer->code = g_strstrip (g_strdup (text_of (self->code_row)));
  customer->name = g_strdup (text_of (self->name_row));
  customer->email = g_strstrip (g_strdup (text_of (self->email_row)));
  customer->phone = g_strstrip (g_strdup (text_of (self->phone_row)));
  customer->address = address_text (self);

  customer->terms_days = -1;
  if (terms[0] != '\0')
    {
      gint64 days;

      if (!rcv_parse_int (terms, 0, RCV_MAX_TERMS_DAYS, &days, error))
        {
          *field = "terms_days";
          return NULL;
        }
      customer->terms_days = (gint) days;
    }
  customer->credit_limit = -1;
  if (limit[0] != '\0')
    {
      if (!rcv_money_parse_user (limit, rcv_database_get_currency (self->database),
                                 &customer->credit_limit, error))
        {
          *field = "credit_limit";
          return NULL;
        }
      if (customer->credit_limit < 0)
        {
          *field = "credit_limit";
          g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                               _("cannot be negative"));
          return NULL;
        }
    }

  if (!rcv_customer_validate (customer, field, error))
    return NULL;
  return g_steal_pointer (&customer);
}

static void
show_problem (RcvCustomerEditor *self,
              const char        *field,
              const char        *message)
{
  GtkWidget *widget = field != NULL ? widget_for_field (self, field) : NULL;
  char *text = NULL;

  if (message != NULL && field != NULL)
    /* Translators: a form's problem: "Field name: what is wrong" */
    text = g_strdup_printf (_("%s: %s"), label_for_field (self, field), message);
  else
    text = g_strdup (message);
  rcv_form_problem_set (&self->problem, self->error_label, widget, text);
}

static void
validate (RcvCustomerEditor *self)
{
  g_autoptr(RcvCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  const char *field = NULL;

  customer = customer_from_fields (self, &field, &error);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", customer != NULL);
  if (customer != NULL || !g_hash_table_contains (self->touched, field))
    show_problem (self, NULL, NULL);
  else
    show_problem (self, field, error->message);
}

static void
on_row_changed (RcvCustomerEditor *self,
                GtkEditable       *editable)
{
  static const struct { const char *row; const char *field; } fields[] = {
    { "code_row", "id" }, { "name_row", "name" }, { "email_row", "email" },
    { "phone_row", "phone" }, { "terms_row", "terms_days" }, { "limit_row", "credit_limit" },
  };

  if (self->loading)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (widget_for_field (self, fields[i].field) == GTK_WIDGET (editable))
      g_hash_table_add (self->touched, (gpointer) fields[i].field);
  validate (self);
}

static void
on_policy_selected (RcvCustomerEditor *self)
{
  if (!self->loading)
    validate (self);
}

/* The policies to choose from; selects the customer's. */
static void
load_policies (RcvCustomerEditor *self)
{
  g_autoptr(GtkStringList) names = NULL;
  guint selected = 0;

  g_clear_pointer (&self->policy_ids, g_array_unref);
  names = rcv_policy_choices_new (self->database, 0, &self->policy_ids);
  for (guint i = 1; i < self->policy_ids->len; i++)
    if (g_array_index (self->policy_ids, gint64, i) == self->customer->policy_id)
      selected = i;
  adw_combo_row_set_model (self->policy_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->policy_row, selected);
}

static void
on_address_changed (RcvCustomerEditor *self,
                    GtkTextBuffer     *buffer)
{
  if (self->loading)
    return;
  g_hash_table_add (self->touched, (gpointer) "address");
  validate (self);
}

static void
on_row_activated (RcvCustomerEditor *self,
                  AdwEntryRow       *row)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RcvCustomerEditor *self = RCV_CUSTOMER_EDITOR (widget);
  g_autoptr(RcvCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  const char *field = NULL;
  gboolean ok;

  customer = customer_from_fields (self, &field, &error);
  if (customer == NULL)
    {
      show_problem (self, field, error->message);
      return;
    }
  if (customer->id == 0)
    ok = rcv_ledger_add_customer (self->database, customer, &error);
  else
    ok = rcv_ledger_update_customer (self->database, customer, &error);
  if (!ok)
    {
      /* "id: a customer with … already exists" is shown at the ID */
      const char *rest;
      g_autofree char *prefix = rcv_error_split_field (error->message, &rest);

      if (prefix != NULL && widget_for_field (self, prefix) != NULL)
        show_problem (self, prefix, rest);
      else
        show_problem (self, NULL, error->message);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, customer->id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RcvCustomerEditor *self = RCV_CUSTOMER_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (self->customer->id == 0)
    return;
  if (!rcv_ledger_set_customer_archived (self->database, self->customer->id,
                                         !self->customer->archived, &error))
    {
      show_problem (self, NULL, error->message);
      return;
    }
  if (!self->customer->archived)
    g_signal_emit (self, signals[ARCHIVED], 0, self->customer->id, self->customer->name);
  else
    g_signal_emit (self, signals[SAVED], 0, self->customer->id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
rcv_customer_editor_dispose (GObject *object)
{
  RcvCustomerEditor *self = RCV_CUSTOMER_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RCV_TYPE_CUSTOMER_EDITOR);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (rcv_customer_editor_parent_class)->dispose (object);
}

static void
rcv_customer_editor_finalize (GObject *object)
{
  RcvCustomerEditor *self = RCV_CUSTOMER_EDITOR (object);

  g_clear_pointer (&self->customer, rcv_customer_free);
  g_clear_pointer (&self->touched, g_hash_table_unref);
  g_clear_pointer (&self->policy_ids, g_array_unref);
  rcv_form_problem_clear (&self->problem);

  G_OBJECT_CLASS (rcv_customer_editor_parent_class)->finalize (object);
}

static void
rcv_customer_editor_class_init (RcvCustomerEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rcv_customer_editor_dispose;
  object_class->finalize = rcv_customer_editor_finalize;

  /* the customer's database ID */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /* the customer's database ID and name */
  signals[ARCHIVED] = g_signal_new ("archived", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64,
                                    G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/receivables/Receivables/"
                                               "rcv-customer-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerEditor, code_row);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerEditor, address_view);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerEditor, policy_row);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerEditor, terms_row);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerEditor, limit_row);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, RcvCustomerEditor, archive_button);
  gtk_widget_class_bind_template_callback (widget_class, on_row_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_policy_selected);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.archive", NULL, archive_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rcv_customer_editor_init (RcvCustomerEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->touched = g_hash_table_new (g_str_hash, g_str_equal);
  g_signal_connect_object (gtk_text_view_get_buffer (self->address_view), "changed",
                           G_CALLBACK (on_address_changed), self, G_CONNECT_SWAPPED);
}

static char *
format_limit (RcvCustomerEditor *self,
              gint64             limit)
{
  /* plain digits (no currency sign): what a person types back in */
  return rcv_money_format_plain (limit, rcv_database_get_currency (self->database));
}

/* An editor for a new customer (customer_id 0) or an existing one; NULL with error when the
 * customer cannot be read. */
RcvCustomerEditor *
rcv_customer_editor_new (GtkWindow    *parent,
                         RcvDatabase  *database,
                         gint64        customer_id,
                         GError      **error)
{
  g_autoptr(RcvCustomer) customer = NULL;
  RcvCustomerEditor *self;

  g_return_val_if_fail (RCV_IS_DATABASE (database), NULL);

  if (customer_id > 0)
    {
      customer = rcv_ledger_get_customer (database, customer_id, error);
      if (customer == NULL)
        return NULL;
    }
  else
    customer = rcv_customer_new ();

  self = g_object_new (RCV_TYPE_CUSTOMER_EDITOR, "transient-for", parent, NULL);
  self->database = g_object_ref (database);
  self->customer = g_steal_pointer (&customer);

  self->loading = TRUE;
  load_policies (self);
  if (self->customer->id > 0)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Customer"));
      gtk_editable_set_text (GTK_EDITABLE (self->code_row), self->customer->code);
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), self->customer->name);
      gtk_editable_set_text (GTK_EDITABLE (self->email_row), self->customer->email);
      gtk_editable_set_text (GTK_EDITABLE (self->phone_row), self->customer->phone);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->address_view),
                                self->customer->address, -1);
      if (self->customer->terms_days >= 0)
        {
          g_autofree char *terms = g_strdup_printf ("%d", self->customer->terms_days);

          gtk_editable_set_text (GTK_EDITABLE (self->terms_row), terms);
        }
      if (self->customer->credit_limit >= 0)
        {
          g_autofree char *limit = format_limit (self, self->customer->credit_limit);

          gtk_editable_set_text (GTK_EDITABLE (self->limit_row), limit);
        }
      gtk_button_set_label (self->archive_button, self->customer->archived
                                                    ? _("_Restore Customer")
                                                    : _("_Archive Customer"));
      gtk_widget_set_visible (GTK_WIDGET (self->archive_button), TRUE);
    }
  else
    {
      /* the next ID proposed, as a new invoice's number is; the name is what is typed first */
      g_autofree char *code = rcv_ledger_propose_customer_code (database);

      gtk_window_set_title (GTK_WINDOW (self), _("New Customer"));
      gtk_editable_set_text (GTK_EDITABLE (self->code_row), code);
    }
  self->loading = FALSE;

  validate (self);
  rcv_focus_without_selecting (GTK_WIDGET (self->name_row));
  return self;
}

/* The problem the form shows, or NULL: for tests and accessibility checks. */
const char *
rcv_customer_editor_get_problem (RcvCustomerEditor *self)
{
  g_return_val_if_fail (RCV_IS_CUSTOMER_EDITOR (self), NULL);
  return self->problem.text;
}
