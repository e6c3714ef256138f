/* rcv-invoice-editor-actions.c - the invoice editor's actions: posting (with the reason a
 * credit hold asks for), voiding, and opening or resolving a dispute
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each asks in a message dialog first where the core wants a reason, and writes one audited
 * transaction; the form itself (rcv-invoice-editor.c) only builds the invoice it describes.
 */
#define G_LOG_DOMAIN "rcv-invoice-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-collections.h"
#include "rcv-date.h"
#include "rcv-error.h"
#include "rcv-invoice-editor-private.h"
#include "rcv-open-items.h"
#include "rcv-plain-text.h"
#include "rcv-posting.h"

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
        rcv_invoice_editor_show_problem (self,
                                         g_error_matches (error, RCV_INPUT_ERROR,
                                                          RCV_INPUT_ERROR_DUPLICATE)
                                           ? GTK_WIDGET (self->number_row) : NULL,
                                         error->message);
      return;
    }
  rcv_invoice_editor_emit_saved (self, invoice->id, invoice->number);
  gtk_window_close (GTK_WINDOW (self));
}

/* The invoice to post, or NULL when the form has problems: then every one of them shows (not
 * only those of the fields visited), and the focus goes to the first field at fault. */
static RcvInvoice *
read_for_posting (RcvInvoiceEditor *self)
{
  g_autoptr(GPtrArray) problems = rcv_field_problems_new ();
  RcvInvoice *invoice;

  rcv_customer_row_resolve (self->customer_row);
  invoice = rcv_invoice_editor_read_fields (self, problems, NULL);
  if (invoice != NULL)
    return invoice;
  self->show_all_problems = TRUE;
  rcv_invoice_editor_show_problems (self, problems);
  for (guint i = 0; i < problems->len; i++)
    {
      RcvFieldProblem *one = g_ptr_array_index (problems, i);

      if (one->widget != NULL)
        {
          gtk_widget_grab_focus (one->widget);
          break;
        }
    }
  return NULL;
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

  if (self->database == NULL)
    return G_SOURCE_REMOVE;   /* closed meanwhile */
  invoice = read_for_posting (self);
  if (invoice != NULL)
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

  if (self->viewed != NULL)
    return;
  invoice = read_for_posting (self);
  if (invoice == NULL)
    return;
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
      rcv_invoice_editor_show_problem (self, NULL, error->message);
      return;
    }
  rcv_invoice_editor_emit_saved (self, self->viewed->id, self->viewed->number);
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
void
rcv_invoice_editor_show_dispute (RcvInvoiceEditor *self)
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
      rcv_invoice_editor_show_problem (self, NULL, error->message);
      return;
    }
  rcv_invoice_editor_show_dispute (self);
  rcv_invoice_editor_emit_saved (self, self->viewed->id, self->viewed->number);
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

void
rcv_invoice_editor_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.void", NULL, void_action);
  gtk_widget_class_install_action (widget_class, "editor.dispute", NULL, dispute_action);
}
