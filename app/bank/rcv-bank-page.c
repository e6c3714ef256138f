/* rcv-bank-page.c - the Bank page: statements imported, their entries waiting for a decision
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import Statement… (or a file dropped on the page) reads a camt.053/054, MT940 or CSV file,
 * matches its receipts (rcv-bank-match.c) and keeps every entry not imported before in the
 * company file, waiting: nothing is recorded yet. The list shows them surest first, each with
 * its decision and why: Apply Matches records the certain ones in one transaction; Accept
 * records one as proposed (a suggestion confirmed); Change… (Record… when no customer is
 * proposed; also Enter on the row) opens the payment form with the receipt filled in, to choose
 * the customer and the invoices; Skip puts one aside (undone from its toast). The page follows the company file's commits, so a statement imported by
 * receivables-cli shows here too.
 */
#define G_LOG_DOMAIN "rcv-bank-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-bank-match.h"
#include "rcv-bank-page.h"
#include "rcv-database-changes.h"
#include "rcv-date.h"
#include "rcv-money.h"
#include "rcv-page-database.h"
#include "rcv-payment-editor.h"
#include "rcv-plain-text.h"
#include "rcv-toast.h"

struct _RcvBankPage
{
  AdwBin parent_instance;

  RcvDatabase *database;
  guint changes_timeout;
  GPtrArray *waiting;      /* RcvBankPending shown */
  AdwToast *last_toast;    /* weak: the page's toast shown, replaced by the next */

  GtkStack *stack;
  GtkLabel *summary_label;
  GtkButton *apply_button;
  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (RcvBankPage, rcv_bank_page, ADW_TYPE_BIN)

static GtkWindow *
parent_window (RcvBankPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Entries are decided one after the other: each toast replaces the page's one before it,
 * instead of queueing behind it. */
static void
say (RcvBankPage *self,
     AdwToast    *toast)
{
  if (self->last_toast != NULL)
    {
      adw_toast_dismiss (self->last_toast);
      g_object_remove_weak_pointer (G_OBJECT (self->last_toast), (gpointer *) &self->last_toast);
    }
  self->last_toast = toast;
  g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &self->last_toast);
  rcv_toast_add (GTK_WIDGET (self), toast);
}

static const char *
decision_text (RcvBankDecision decision)
{
  switch (decision)
    {
    case RCV_BANK_AUTO:
      return C_("bank entry", "Certain");
    case RCV_BANK_SUGGEST:
      return C_("bank entry", "To confirm");
    case RCV_BANK_NONE:
    default:
      return C_("bank entry", "Unknown payer");
    }
}

static GtkWidget *
row_button (const char *label,
            const char *tooltip,
            const char *action,
            gint64      entry_id)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new_int64 (entry_id));
  return button;
}

static GtkWidget *
make_row (RcvBankPage          *self,
          const RcvBankPending *pending)
{
  const RcvCurrency *currency = rcv_database_get_currency (self->database);
  g_autofree char *amount = rcv_money_format (pending->amount, currency);
  g_autofree char *date = rcv_date_format_locale (&pending->date);
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *tag = gtk_label_new (decision_text (pending->decision));

  /* Translators: a bank entry: the amount and who paid it */
  title = g_strdup_printf (_("%s from %s"), amount,
                           *pending->payer_name != '\0' ? pending->payer_name
                                                        : _("an unnamed payer"));
  rcv_row_set_plain_title (row, title);
  g_string_append_printf (subtitle, "%s · %s", date, pending->reason);
  if (pending->customer_name != NULL)
    {
      g_string_append_c (subtitle, '\n');
      if (*pending->invoices != '\0')
        /* Translators: the customer and the invoices proposed for a bank entry */
        g_string_append_printf (subtitle, _("For %s: %s"), pending->customer_name,
                                pending->invoices);
      else
        g_string_append_printf (subtitle, _("For %s, as credit on the account"),
                                pending->customer_name);
    }
  if (*pending->remittance != '\0')
    {
      /* Translators: the remittance text of a bank entry, quoted as your language quotes */
      g_autofree char *quoted = g_strdup_printf (_("“%s”"), pending->remittance);

      g_string_append_printf (subtitle, "\n%s", quoted);
    }
  rcv_action_row_set_plain_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);

  gtk_widget_add_css_class (tag, "tag");
  if (pending->decision == RCV_BANK_SUGGEST)
    gtk_widget_add_css_class (tag, "warning");
  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), tag);

  if (pending->customer_id > 0)
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button (_("_Accept"), _("Record this payment as proposed"),
                                             "bank.confirm", pending->id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button (_("_Change…"),
                                             _("Choose the customer and the invoices in the "
                                               "payment form"),
                                             "bank.record-form", pending->id));
    }
  else
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               row_button (_("_Record…"),
                                           _("Choose the customer and the invoices in the "
                                             "payment form"),
                                           "bank.record-form", pending->id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button (_("S_kip"), _("Not a payment to record"),
                                         "bank.skip", pending->id));
  /* Enter on the row: the payment form */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "bank.record-form");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row),
                                          g_variant_new_int64 (pending->id));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

/* Reads the waiting entries again and shows them (a few hundred at most in use: a
 * statement's receipts not yet decided). */
void
rcv_bank_page_reload (RcvBankPage *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  guint n_auto = 0, n_suggest = 0;

  g_return_if_fail (RCV_IS_BANK_PAGE (self));

  g_clear_pointer (&self->waiting, g_ptr_array_unref);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  if (self->database == NULL)
    return;
  self->waiting = rcv_bank_list_pending (self->database, &error);
  if (self->waiting == NULL)
    {
      rcv_toast_show_error (GTK_WIDGET (self), _("The bank entries cannot be read"), error);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  for (guint i = 0; i < self->waiting->len; i++)
    {
      const RcvBankPending *pending = g_ptr_array_index (self->waiting, i);

      n_auto += pending->decision == RCV_BANK_AUTO;
      n_suggest += pending->decision == RCV_BANK_SUGGEST;
      gtk_list_box_append (self->list, make_row (self, pending));
    }
  {
    g_autofree char *summary =
      /* Translators: the Bank page's summary: all entries waiting, then the certain ones */
      g_strdup_printf (ngettext ("%u entry waiting: %u certain, %u to confirm",
                                 "%u entries waiting: %u certain, %u to confirm",
                                 self->waiting->len),
                       self->waiting->len, n_auto, n_suggest);
    g_autofree char *apply = g_strdup_printf (ngettext ("_Apply %u Match", "_Apply %u Matches",
                                                        n_auto), n_auto);

    gtk_label_set_text (self->summary_label, summary);
    gtk_button_set_label (self->apply_button, apply);
  }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bank.apply", n_auto > 0);
  gtk_stack_set_visible_child_name (self->stack, self->waiting->len > 0 ? "entries" : "empty");
}

static gboolean
on_changes_timeout (gpointer user_data)
{
  RcvBankPage *self = user_data;

  self->changes_timeout = 0;
  rcv_bank_page_reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_database_changed (RcvBankPage  *self,
                     RcvChangeSet *changes,
                     RcvDatabase  *database)
{
  if (!rcv_change_set_touches_any (changes, "bank_entries", "customers", "settings", NULL))
    return;
  rcv_page_coalesce_changes (self, &self->changes_timeout, on_changes_timeout);
}

void
rcv_bank_page_set_database (RcvBankPage *self,
                            RcvDatabase *database)
{
  g_return_if_fail (RCV_IS_BANK_PAGE (self));

  if (!rcv_page_set_database (self, &self->database, database, &self->changes_timeout,
                              G_CALLBACK (on_database_changed)))
    return;
  rcv_bank_page_reload (self);
}

guint
rcv_bank_page_get_n_waiting (RcvBankPage *self)
{
  g_return_val_if_fail (RCV_IS_BANK_PAGE (self), 0);

  return self->waiting != NULL ? self->waiting->len : 0;
}

/* Reads, matches and keeps a statement's entries; the toast says what came of it. FALSE when
 * the file was refused (said in a toast, with its line or element). */
gboolean
rcv_bank_page_import_file (RcvBankPage *self,
                           GFile       *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvBankStatement) statement = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  g_autofree char *data = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  guint counts[RCV_BANK_DUPLICATE + 1] = { 0 };
  gsize length = 0;

  g_return_val_if_fail (RCV_IS_BANK_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->database == NULL)
    return FALSE;
  name = g_file_get_basename (file);
  if (!g_file_load_contents (file, NULL, &data, &length, NULL, &error) ||
      (statement = rcv_bank_statement_parse (data, length, name,
                                             rcv_database_get_currency (self->database),
                                             &error)) == NULL ||
      (matches = rcv_bank_match_statement (self->database, statement, &error)) == NULL ||
      !rcv_bank_apply (self->database, statement, matches, FALSE, NULL, &error))
    {
      rcv_toast_show_error (GTK_WIDGET (self), _("The statement was not imported"), error);
      return FALSE;
    }
  for (guint i = 0; i < matches->len; i++)
    counts[((RcvBankMatch *) g_ptr_array_index (matches, i))->decision]++;
  /* Translators: after a statement's import: its name, then how its entries were decided (a
   * toast's title is markup: the name is escaped) */
  message = g_markup_printf_escaped (_("%s: %u certain, %u to confirm, %u unknown, %u skipped, "
                                       "%u imported before"), name, counts[RCV_BANK_AUTO], counts[RCV_BANK_SUGGEST],
                             counts[RCV_BANK_NONE], counts[RCV_BANK_SKIP],
                             counts[RCV_BANK_DUPLICATE]);
  say (self, adw_toast_new (message));
  rcv_bank_page_reload (self);
  return TRUE;
}

static void
on_import_response (GtkNativeDialog *dialog,
                    int              response,
                    RcvBankPage     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        rcv_bank_page_import_file (self, file);
    }
  g_object_unref (dialog);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RcvBankPage *self = RCV_BANK_PAGE (widget);
  GtkFileChooserNative *dialog =
    gtk_file_chooser_native_new (_("Import a Bank Statement"), parent_window (self),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  GtkFileFilter *statements = gtk_file_filter_new ();
  GtkFileFilter *all = gtk_file_filter_new ();

  gtk_file_filter_set_name (statements, _("Bank statements (camt, MT940, CSV)"));
  for (const char *const *p = (const char *const[]) { "*.xml", "*.XML", "*.sta", "*.STA",
                                                       "*.mt940", "*.940", "*.txt", "*.csv",
                                                       "*.CSV", NULL }; *p != NULL; p++)
    gtk_file_filter_add_pattern (statements, *p);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), statements);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);
  g_object_unref (statements);
  g_object_unref (all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_import_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RcvBankPage *self = RCV_BANK_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint recorded = 0;

  if (!rcv_bank_apply_pending (self->database, &recorded, &error))
    {
      rcv_toast_show_error (GTK_WIDGET (self), _("Nothing was recorded"), error);
      return;
    }
  message = g_strdup_printf (ngettext ("%u payment recorded", "%u payments recorded", recorded),
                             recorded);
  say (self, adw_toast_new (message));
  rcv_bank_page_reload (self);
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RcvBankPage *self = RCV_BANK_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!rcv_bank_confirm (self->database, g_variant_get_int64 (parameter), NULL, &error))
    {
      rcv_toast_show_error (GTK_WIDGET (self), _("The payment was not recorded"), error);
      return;
    }
  say (self, adw_toast_new (_("Payment recorded")));
  rcv_bank_page_reload (self);
}

/* Undo holds the company file, not the page: the page follows the commit by itself. */
static void
on_undo_skip (AdwToast *toast,
              gpointer  user_data)
{
  RcvDatabase *database = g_object_get_data (G_OBJECT (toast), "rcv-database");
  gint64 id = (gint64) GPOINTER_TO_SIZE (user_data);

  if (database != NULL)
    rcv_bank_unskip (database, id, NULL);
}

static void
skip_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RcvBankPage *self = RCV_BANK_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gint64 id = g_variant_get_int64 (parameter);
  AdwToast *toast;

  if (!rcv_bank_skip (self->database, id, &error))
    {
      rcv_toast_show_error (GTK_WIDGET (self), _("The entry was not skipped"), error);
      return;
    }
  toast = adw_toast_new (_("Entry skipped"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "rcv-database", g_object_ref (self->database),
                          g_object_unref);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (on_undo_skip),
                    GSIZE_TO_POINTER ((gsize) id));
  say (self, toast);
  rcv_bank_page_reload (self);
}

typedef struct
{
  RcvBankPage *self;
  gint64 entry_id;
} FormContext;

static void
on_form_saved (RcvPaymentEditor *editor,
               gint64            payment_id,
               FormContext      *context)
{
  g_autoptr(GError) error = NULL;

  if (!rcv_bank_mark_recorded (context->self->database, context->entry_id, payment_id, &error))
    rcv_toast_show_error (GTK_WIDGET (context->self), _("The entry is still waiting"), error);
  rcv_bank_page_reload (context->self);
}

static void
form_context_free (gpointer data,
                   GClosure *closure)
{
  FormContext *context = data;

  g_object_unref (context->self);
  g_free (context);
}

static void
record_form_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RcvBankPage *self = RCV_BANK_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  const RcvBankPending *pending = NULL;
  g_autoptr(GError) error = NULL;
  RcvPaymentEditor *editor;
  FormContext *context;

  for (guint i = 0; self->waiting != NULL && i < self->waiting->len; i++)
    if (((RcvBankPending *) g_ptr_array_index (self->waiting, i))->id == id)
      pending = g_ptr_array_index (self->waiting, i);
  if (pending == NULL)
    return;
  editor = rcv_payment_editor_new (parent_window (self), self->database, pending->customer_id,
                                   &error);
  if (editor == NULL)
    {
      rcv_toast_show_error (GTK_WIDGET (self), _("The payment form cannot be opened"), error);
      return;
    }
  rcv_payment_editor_set_receipt (editor, &pending->date, pending->amount, pending->entry_key);
  context = g_new0 (FormContext, 1);
  context->self = g_object_ref (self);
  context->entry_id = id;
  g_signal_connect_data (editor, "saved", G_CALLBACK (on_form_saved), context,
                         form_context_free, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         RcvBankPage   *self)
{
  if (!G_VALUE_HOLDS (value, G_TYPE_FILE))
    return FALSE;
  return rcv_bank_page_import_file (self, g_value_get_object (value));
}

static void
rcv_bank_page_dispose (GObject *object)
{
  RcvBankPage *self = RCV_BANK_PAGE (object);

  g_clear_handle_id (&self->changes_timeout, g_source_remove);
  if (self->last_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->last_toast), (gpointer *) &self->last_toast);
  self->last_toast = NULL;
  if (self->database != NULL)
    g_signal_handlers_disconnect_by_data (self->database, self);
  g_clear_object (&self->database);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), RCV_TYPE_BANK_PAGE);

  G_OBJECT_CLASS (rcv_bank_page_parent_class)->dispose (object);
}

static void
rcv_bank_page_class_init (RcvBankPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rcv_bank_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/receivables/Receivables/"
                                               "rcv-bank-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RcvBankPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RcvBankPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RcvBankPage, apply_button);
  gtk_widget_class_bind_template_child (widget_class, RcvBankPage, list);

  gtk_widget_class_install_action (widget_class, "bank.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "bank.apply", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "bank.confirm", "x", confirm_action);
  gtk_widget_class_install_action (widget_class, "bank.record-form", "x", record_form_action);
  gtk_widget_class_install_action (widget_class, "bank.skip", "x", skip_action);
}

static void
rcv_bank_page_init (RcvBankPage *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bank.apply", FALSE);
}
