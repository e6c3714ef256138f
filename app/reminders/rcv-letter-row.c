/* rcv-letter-row.c - a letter in the Reminders page's list
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The check box chooses the letter for the batch; beside it the customer, the level and the
 * invoices, a warning sign when the address may not reach the customer through a window
 * envelope, and the amount asked for. A list item's row is used again for other letters: it
 * shows whatever item it is given last, and "toggled" tells the page that the check box
 * chose or left out its letter.
 */
#define G_LOG_DOMAIN "receivables"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-letter-row.h"

struct _RcvLetterRow
{
  GtkBox parent_instance;

  RcvLetterItem *item;

  GtkCheckButton *check;
  GtkLabel *title_label;
  GtkLabel *subtitle_label;
  GtkImage *warning;
  GtkLabel *amount_label;
};

G_DEFINE_FINAL_TYPE (RcvLetterRow, rcv_letter_row, GTK_TYPE_BOX)

enum {
  TOGGLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_check_toggled (RcvLetterRow *self)
{
  gboolean active = gtk_check_button_get_active (self->check);

  if (self->item == NULL || rcv_letter_item_get_chosen (self->item) == active)
    return;
  rcv_letter_item_set_chosen (self->item, active);
  g_signal_emit (self, signals[TOGGLED], 0);
}

static void
rcv_letter_row_dispose (GObject *object)
{
  RcvLetterRow *self = RCV_LETTER_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RCV_TYPE_LETTER_ROW);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (rcv_letter_row_parent_class)->dispose (object);
}

static void
rcv_letter_row_class_init (RcvLetterRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rcv_letter_row_dispose;

  /* the check box chose the letter or left it out */
  signals[TOGGLED] = g_signal_new ("toggled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/receivables/Receivables/"
                                               "rcv-letter-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RcvLetterRow, check);
  gtk_widget_class_bind_template_child (widget_class, RcvLetterRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, RcvLetterRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, RcvLetterRow, warning);
  gtk_widget_class_bind_template_child (widget_class, RcvLetterRow, amount_label);
  gtk_widget_class_bind_template_callback (widget_class, on_check_toggled);
}

static void
rcv_letter_row_init (RcvLetterRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

RcvLetterRow *
rcv_letter_row_new (void)
{
  return g_object_new (RCV_TYPE_LETTER_ROW, NULL);
}

RcvLetterItem *
rcv_letter_row_get_item (RcvLetterRow *self)
{
  g_return_val_if_fail (RCV_IS_LETTER_ROW (self), NULL);
  return self->item;
}

/* Shows `item`'s letter, its amounts in `currency`; NULL lets go of the item shown last. */
void
rcv_letter_row_set_item (RcvLetterRow      *self,
                         RcvLetterItem     *item,
                         const RcvCurrency *currency)
{
  const RcvDunningLetter *letter;
  const char *problem;
  g_autofree char *total = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *check_label = NULL;

  g_return_if_fail (RCV_IS_LETTER_ROW (self));
  g_return_if_fail (item == NULL || RCV_IS_LETTER_ITEM (item));

  g_set_object (&self->item, item);
  if (item == NULL)
    return;
  letter = rcv_letter_item_get_letter (item);
  problem = rcv_letter_item_get_problem (item);
  total = rcv_money_format (letter->total, currency);
  if (letter->interest > 0 || letter->compensation + letter->fee > 0)
    {
      g_autofree char *interest = rcv_money_format (letter->interest, currency);
      g_autofree char *fees = rcv_money_format (letter->compensation + letter->fee, currency);

      /* Translators: a letter's line: level number and title, invoices, interest, fees */
      subtitle = g_strdup_printf (ngettext ("%u. %s · %u invoice · interest %s · fees %s",
                                            "%u. %s · %u invoices · interest %s · fees %s",
                                            letter->items->len),
                                  letter->level, letter->title, letter->items->len, interest,
                                  fees);
    }
  else
    /* Translators: a letter's line: level number and title, number of invoices */
    subtitle = g_strdup_printf (ngettext ("%u. %s · %u invoice", "%u. %s · %u invoices",
                                          letter->items->len),
                                letter->level, letter->title, letter->items->len);
  gtk_label_set_text (self->title_label, letter->name);
  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_label_set_text (self->amount_label, total);
  gtk_check_button_set_active (self->check, rcv_letter_item_get_chosen (item));
  /* Translators: the accessible name of a letter's check box */
  check_label = g_strdup_printf (_("Include the letter to %s"), letter->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  check_label, -1);

  /* the tooltip is plain text: the problem's sentences hold no markup */
  gtk_widget_set_visible (GTK_WIDGET (self->warning), problem != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->warning), problem);
  if (problem != NULL)
    {
      /* Translators: the accessible name of the warning sign on a letter's row; %s says what
       * is wrong with the address */
      g_autofree char *label = g_strdup_printf (_("Address problem: %s"), problem);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self->warning),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      /* told with the check box too, which is what the keyboard reaches */
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->check),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, label, -1);
    }
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->check),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}
