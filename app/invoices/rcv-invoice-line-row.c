/* rcv-invoice-line-row.c - one line of the invoice editor
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Description, quantity, unit price and tax % as typed, and the line's net amount as the
 * editor computes it (the core does the arithmetic, not the row). The columns line up with the
 * editor's headings through size groups, as a grid's would. A read-only line (a posted
 * invoice viewed) keeps its texts and loses its remove button. The row says that it changed
 * or should go; the editor owns the lines and checks them all.
 */
#define G_LOG_DOMAIN "rcv-invoice-line-row"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-invoice-line-row.h"

struct _RcvInvoiceLineRow
{
  GtkWidget parent_instance;

  guint number;                /* 1-based, as the accessible names say it */
  gboolean editable;

  GtkEntry *description_entry;
  GtkEntry *quantity_entry;
  GtkEntry *price_entry;
  GtkEntry *tax_entry;
  GtkLabel *amount_label;
  GtkButton *remove_button;
};

G_DEFINE_FINAL_TYPE (RcvInvoiceLineRow, rcv_invoice_line_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NUMBER,
  PROP_EDITABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkEntry *
entry_of (RcvInvoiceLineRow *self,
          RcvLineField       field)
{
  switch (field)
    {
    case RCV_LINE_DESCRIPTION:
      return self->description_entry;
    case RCV_LINE_QUANTITY:
      return self->quantity_entry;
    case RCV_LINE_PRICE:
      return self->price_entry;
    case RCV_LINE_TAX:
    default:
      return self->tax_entry;
    }
}

/* "Quantity, line 2": a screen reader names the column and the line of each field. */
static void
name_fields (RcvInvoiceLineRow *self)
{
  const char *const columns[] = { N_("Description"), N_("Quantity"), N_("Unit price"),
                                  N_("Tax %") };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s, %s %u", _(columns[i]), _("line"),
                                               self->number);

      gtk_accessible_update_property (GTK_ACCESSIBLE (entry_of (self, (RcvLineField) i)),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
}

static void
on_entry_changed (RcvInvoiceLineRow *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_remove_clicked (RcvInvoiceLineRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
rcv_invoice_line_row_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RcvInvoiceLineRow *self = RCV_INVOICE_LINE_ROW (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      g_value_set_uint (value, self->number);
      break;
    case PROP_EDITABLE:
      g_value_set_boolean (value, self->editable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rcv_invoice_line_row_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  RcvInvoiceLineRow *self = RCV_INVOICE_LINE_ROW (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      /* construct-only: the names stay those of the line as it was added */
      self->number = g_value_get_uint (value);
      name_fields (self);
      break;
    case PROP_EDITABLE:
      if (self->editable == g_value_get_boolean (value))
        return;
      self->editable = g_value_get_boolean (value);
      for (guint i = RCV_LINE_DESCRIPTION; i <= RCV_LINE_TAX; i++)
        gtk_editable_set_editable (GTK_EDITABLE (entry_of (self, (RcvLineField) i)),
                                   self->editable);
      gtk_widget_set_visible (GTK_WIDGET (self->remove_button), self->editable);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rcv_invoice_line_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RCV_TYPE_INVOICE_LINE_ROW);

  G_OBJECT_CLASS (rcv_invoice_line_row_parent_class)->dispose (object);
}

static void
rcv_invoice_line_row_class_init (RcvInvoiceLineRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = rcv_invoice_line_row_get_property;
  object_class->set_property = rcv_invoice_line_row_set_property;
  object_class->dispose = rcv_invoice_line_row_dispose;

  properties[PROP_NUMBER] =
    g_param_spec_uint ("number", NULL, NULL, 1, G_MAXUINT, 1,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* FALSE for a posted document: its texts are read, not typed */
  properties[PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/receivables/Receivables/"
                                               "rcv-invoice-line-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceLineRow, description_entry);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceLineRow, quantity_entry);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceLineRow, price_entry);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceLineRow, tax_entry);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceLineRow, amount_label);
  gtk_widget_class_bind_template_child (widget_class, RcvInvoiceLineRow, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);
}

static void
rcv_invoice_line_row_init (RcvInvoiceLineRow *self)
{
  self->editable = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

RcvInvoiceLineRow *
rcv_invoice_line_row_new (guint number)
{
  return g_object_new (RCV_TYPE_INVOICE_LINE_ROW, "number", number, NULL);
}

/* The entry of `field`: where the editor shows a problem with it, or puts the focus. */
GtkEditable *
rcv_invoice_line_row_get_field (RcvInvoiceLineRow *self,
                                RcvLineField       field)
{
  g_return_val_if_fail (RCV_IS_INVOICE_LINE_ROW (self), NULL);
  return GTK_EDITABLE (entry_of (self, field));
}

const char *
rcv_invoice_line_row_get_text (RcvInvoiceLineRow *self,
                               RcvLineField       field)
{
  g_return_val_if_fail (RCV_IS_INVOICE_LINE_ROW (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (entry_of (self, field)));
}

/* Fills the line as typing would. */
void
rcv_invoice_line_row_set_texts (RcvInvoiceLineRow *self,
                                const char        *description,
                                const char        *quantity,
                                const char        *unit_price,
                                const char        *tax_rate)
{
  g_return_if_fail (RCV_IS_INVOICE_LINE_ROW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->description_entry), description);
  gtk_editable_set_text (GTK_EDITABLE (self->quantity_entry), quantity);
  gtk_editable_set_text (GTK_EDITABLE (self->price_entry), unit_price);
  gtk_editable_set_text (GTK_EDITABLE (self->tax_entry), tax_rate);
}

void
rcv_invoice_line_row_set_amount (RcvInvoiceLineRow *self,
                                 const char        *amount)
{
  g_return_if_fail (RCV_IS_INVOICE_LINE_ROW (self));
  gtk_label_set_text (self->amount_label, amount);
}

/* Puts the description, quantity, price, tax, amount and remove button into the size groups
 * of the editor's columns, so that the lines line up with the headings. */
void
rcv_invoice_line_row_align (RcvInvoiceLineRow *self,
                            GtkSizeGroup      *columns[6])
{
  GtkWidget *widgets[] = { GTK_WIDGET (self->description_entry),
                           GTK_WIDGET (self->quantity_entry), GTK_WIDGET (self->price_entry),
                           GTK_WIDGET (self->tax_entry), GTK_WIDGET (self->amount_label),
                           GTK_WIDGET (self->remove_button) };

  g_return_if_fail (RCV_IS_INVOICE_LINE_ROW (self));

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    gtk_size_group_add_widget (columns[i], widgets[i]);
}
