/* rcv-bank-row.c - a bank entry in the Bank page's list: its decision, why, and what to do
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The decision as a tag (certain, to confirm, unknown payer), the amount and the payer, the
 * date and the reason, the customer and invoices proposed, the remittance text; then Accept
 * (with a customer proposed), Change… or Record… (the payment form) and Skip, acting on the
 * entry through the page's actions. A list item's row is used again for other entries: it
 * shows whatever item it is given last. The buttons carry no mnemonics, which a list of many
 * would share: the page's keys (Enter, Ctrl+Enter, Delete) act on the entry selected.
 */
#define G_LOG_DOMAIN "rcv-bank-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-bank-row.h"
#include "rcv-date.h"

struct _RcvBankRow
{
  GtkBox parent_instance;

  GtkLabel *tag;
  GtkLabel *title_label;
  GtkLabel *subtitle_label;
  GtkButton *accept_button;
  GtkButton *change_button;
  GtkButton *skip_button;
};

G_DEFINE_FINAL_TYPE (RcvBankRow, rcv_bank_row, GTK_TYPE_BOX)

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

static GtkButton *
add_button (RcvBankRow *self,
            const char *label,
            const char *tooltip,
            const char *action)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  g_object_set_data (G_OBJECT (button), "rcv-action", (gpointer) action);
  gtk_box_append (GTK_BOX (self), button);
  return GTK_BUTTON (button);
}

static void
rcv_bank_row_class_init (RcvBankRowClass *klass)
{
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "rcvbankrow");
}

static void
rcv_bank_row_init (RcvBankRow *self)
{
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_box_set_spacing (GTK_BOX (self), 12);
  g_object_set (self, "margin-top", 8, "margin-bottom", 8, "margin-start", 6, "margin-end", 6,
                NULL);

  /* the tags in one column, so that the texts beside them line up */
  self->tag = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->tag), "tag");
  gtk_widget_set_valign (GTK_WIDGET (self->tag), GTK_ALIGN_CENTER);
  gtk_widget_set_halign (GTK_WIDGET (self->tag), GTK_ALIGN_START);
  {
    GtkWidget *column = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

    gtk_widget_set_size_request (column, 140, -1);
    gtk_box_append (GTK_BOX (column), GTK_WIDGET (self->tag));
    gtk_box_append (GTK_BOX (self), column);
  }

  gtk_widget_set_hexpand (texts, TRUE);
  self->title_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title_label, 0);
  gtk_label_set_ellipsize (self->title_label, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "heading");
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (self->title_label));
  self->subtitle_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->subtitle_label, 0);
  gtk_label_set_wrap (self->subtitle_label, TRUE);
  gtk_label_set_wrap_mode (self->subtitle_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (self->subtitle_label, 4);
  gtk_label_set_ellipsize (self->subtitle_label, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle_label), "dim-label");
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (self->subtitle_label));
  gtk_box_append (GTK_BOX (self), texts);

  self->accept_button = add_button (self, _("Accept"),
                                    _("Record this payment as proposed (Ctrl+Enter)"),
                                    "bank.confirm");
  self->change_button = add_button (self, _("Change…"),
                                    _("Choose the customer and the invoices in the payment form "
                                      "(Enter)"), "bank.record-form");
  self->skip_button = add_button (self, _("Skip"), _("Not a payment to record (Delete)"),
                                  "bank.skip");
}

GtkWidget *
rcv_bank_row_new (void)
{
  return g_object_new (RCV_TYPE_BANK_ROW, NULL);
}

/* The target first: the page's actions take the entry's ID, and a button naming one without
 * it would be refused. */
static void
set_target (GtkButton *button,
            gint64     entry_id)
{
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new_int64 (entry_id));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button),
                                  g_object_get_data (G_OBJECT (button), "rcv-action"));
}

/* Shows `item` (NULL: nothing, while the row waits to be used again). */
void
rcv_bank_row_set_item (RcvBankRow        *self,
                       RcvBankItem       *item,
                       const RcvCurrency *currency)
{
  const RcvBankPending *pending;
  g_autofree char *amount = NULL;
  g_autofree char *date = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);

  g_return_if_fail (RCV_IS_BANK_ROW (self));

  if (item == NULL)
    return;
  pending = rcv_bank_item_get_pending (item);
  amount = rcv_money_format (pending->amount, currency);
  date = rcv_date_format_locale (&pending->date);
  /* Translators: a bank entry: the amount and who paid it */
  title = g_strdup_printf (_("%s from %s"), amount,
                           *pending->payer_name != '\0' ? pending->payer_name
                                                        : _("an unnamed payer"));
  gtk_label_set_text (self->title_label, title);
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
  gtk_label_set_text (self->subtitle_label, subtitle->str);

  gtk_label_set_text (self->tag, decision_text (pending->decision));
  if (pending->decision == RCV_BANK_SUGGEST)
    gtk_widget_add_css_class (GTK_WIDGET (self->tag), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->tag), "warning");

  gtk_widget_set_visible (GTK_WIDGET (self->accept_button), pending->customer_id > 0);
  gtk_button_set_label (self->change_button, pending->customer_id > 0 ? _("Change…")
                                                                       : _("Record…"));
  set_target (self->accept_button, pending->id);
  set_target (self->change_button, pending->id);
  set_target (self->skip_button, pending->id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle->str, -1);
}
