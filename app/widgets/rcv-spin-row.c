/* rcv-spin-row.c - a preferences row for a whole number, with a spin button
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libadwaita 1.2 has no AdwSpinRow (1.4): this is an action row with a spin button at its end,
 * the row's title its accessible name. The row is a GtkEditable that hands everything to the
 * spin button, so that a form reads and writes it as it does its entry rows (the text, the
 * "changed" signal, the "error" style on the row), and the arrows, Up and Down, Page Up and
 * Page Down step the number within the row's bounds ("lower", "upper").
 */
#include "config.h"

#include "rcv-spin-row.h"

struct _RcvSpinRow
{
  AdwActionRow parent_instance;

  GtkSpinButton *spin;
  gboolean syncing;
};

static void rcv_spin_row_editable_init (GtkEditableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RcvSpinRow, rcv_spin_row, ADW_TYPE_ACTION_ROW,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_EDITABLE,
                                                      rcv_spin_row_editable_init))

enum {
  PROP_0,
  PROP_LOWER,
  PROP_UPPER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkEditable *
rcv_spin_row_get_delegate (GtkEditable *editable)
{
  return GTK_EDITABLE (RCV_SPIN_ROW (editable)->spin);
}

static void
rcv_spin_row_editable_init (GtkEditableInterface *iface)
{
  iface->get_delegate = rcv_spin_row_get_delegate;
}

static void
rcv_spin_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RcvSpinRow *self = RCV_SPIN_ROW (object);
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (self->spin);

  if (gtk_editable_delegate_get_property (object, prop_id, value, pspec))
    return;
  switch (prop_id)
    {
    case PROP_LOWER:
      g_value_set_int (value, (int) gtk_adjustment_get_lower (adjustment));
      break;
    case PROP_UPPER:
      g_value_set_int (value, (int) gtk_adjustment_get_upper (adjustment));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rcv_spin_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  RcvSpinRow *self = RCV_SPIN_ROW (object);
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (self->spin);

  if (gtk_editable_delegate_set_property (object, prop_id, value, pspec))
    return;
  switch (prop_id)
    {
    case PROP_LOWER:
      if (gtk_adjustment_get_lower (adjustment) != g_value_get_int (value))
        {
          gtk_adjustment_set_lower (adjustment, g_value_get_int (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_UPPER:
      if (gtk_adjustment_get_upper (adjustment) != g_value_get_int (value))
        {
          gtk_adjustment_set_upper (adjustment, g_value_get_int (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rcv_spin_row_dispose (GObject *object)
{
  RcvSpinRow *self = RCV_SPIN_ROW (object);

  if (self->spin != NULL)
    gtk_editable_finish_delegate (GTK_EDITABLE (self));
  self->spin = NULL;

  G_OBJECT_CLASS (rcv_spin_row_parent_class)->dispose (object);
}

static gboolean
rcv_spin_row_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (RCV_SPIN_ROW (widget)->spin));
}

static void
rcv_spin_row_class_init (RcvSpinRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rcv_spin_row_dispose;
  object_class->get_property = rcv_spin_row_get_property;
  object_class->set_property = rcv_spin_row_set_property;
  widget_class->grab_focus = rcv_spin_row_grab_focus;

  properties[PROP_LOWER] =
    g_param_spec_int ("lower", NULL, NULL, G_MININT, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPPER] =
    g_param_spec_int ("upper", NULL, NULL, G_MININT, G_MAXINT, 9999,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_editable_install_properties (object_class, N_PROPS);
}

/* the row's title names the spin button for screen readers */
static void
on_title_changed (RcvSpinRow *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self)), -1);
}

/* A number typed (or set as text by the form) is the spin button's value at once, so that the
 * arrows step from it and the spin button never puts back an older value. */
static void
on_spin_text_changed (RcvSpinRow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->spin));
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (self->spin);
  char *end = NULL;
  gint64 typed;

  if (self->syncing)
    return;
  typed = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0' || typed < gtk_adjustment_get_lower (adjustment) ||
      typed > gtk_adjustment_get_upper (adjustment) ||
      typed == (gint64) gtk_adjustment_get_value (adjustment))
    return;
  self->syncing = TRUE;
  gtk_adjustment_set_value (adjustment, (double) typed);
  self->syncing = FALSE;
}

static void
rcv_spin_row_init (RcvSpinRow *self)
{
  GtkAdjustment *adjustment = gtk_adjustment_new (0, 0, 9999, 1, 10, 0);

  self->spin = GTK_SPIN_BUTTON (gtk_spin_button_new (adjustment, 1, 0));
  gtk_spin_button_set_numeric (self->spin, TRUE);
  gtk_spin_button_set_update_policy (self->spin, GTK_UPDATE_IF_VALID);
  gtk_widget_set_valign (GTK_WIDGET (self->spin), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), GTK_WIDGET (self->spin));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), GTK_WIDGET (self->spin));
  gtk_editable_init_delegate (GTK_EDITABLE (self));
  g_signal_connect_swapped (self->spin, "changed", G_CALLBACK (on_spin_text_changed), self);
  g_signal_connect (self, "notify::title", G_CALLBACK (on_title_changed), NULL);
}

GtkSpinButton *
rcv_spin_row_get_spin_button (RcvSpinRow *self)
{
  g_return_val_if_fail (RCV_IS_SPIN_ROW (self), NULL);

  return self->spin;
}
