/* rcv-number-list.c - a short list of numbers (or pairs), a row each, to add to and remove from
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Preferences' age buckets (where each bucket ends, in days) and collectability curve
 * (days overdue and the share still collected) were once typed as "30, 60, 90" and
 * "90:73, 180:50". Here each is a boxed list: a row per bucket or point with a spin button per
 * number, a button to remove the row, and an Add row at the end. What is typed or stepped is
 * told by "changed" once the person pauses (a write to the company file, and the aging read
 * again, per pause, not per arrow press); adding or removing a row tells it at once.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rcv-number-list.h"
#include "rcv-plain-text.h"

#define MAX_COLUMNS 2
#define PAUSE_MS 700

struct _RcvNumberList
{
  GtkWidget parent_instance;

  GtkListBox *list;
  GtkWidget *add_row;
  RcvNumberColumn columns[MAX_COLUMNS];
  guint n_columns;
  char *row_title;           /* with {n} for the row's number */
  guint max_rows;
  GPtrArray *rows;           /* AdwActionRow, in order */
  guint loading;
  guint pause_timeout;
};

G_DEFINE_FINAL_TYPE (RcvNumberList, rcv_number_list, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkSpinButton *
spin_of (GtkWidget *row,
         guint      column)
{
  return g_object_get_data (G_OBJECT (row), column == 0 ? "rcv-spin-0" : "rcv-spin-1");
}

static gboolean
on_pause_timeout (gpointer user_data)
{
  RcvNumberList *self = user_data;

  self->pause_timeout = 0;
  g_signal_emit (self, signals[CHANGED], 0);
  return G_SOURCE_REMOVE;
}

static void
tell_now (RcvNumberList *self)
{
  g_clear_handle_id (&self->pause_timeout, g_source_remove);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_value_changed (RcvNumberList *self)
{
  if (self->loading > 0)
    return;
  g_clear_handle_id (&self->pause_timeout, g_source_remove);
  self->pause_timeout = g_timeout_add (PAUSE_MS, on_pause_timeout, self);
}

static void
retitle (RcvNumberList *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autoptr(GString) title_text = g_string_new (self->row_title);
      const char *title;

      g_string_replace (title_text, "{n}", number, 0);
      title = title_text->str;

      rcv_row_set_plain_title (g_ptr_array_index (self->rows, i), title);
      for (guint c = 0; c < self->n_columns; c++)
        {
          /* Translators: a number of a list row for screen readers: "Bucket 2: days" */
          g_autofree char *name = g_strdup_printf (_("%s: %s"), title,
                                                   self->columns[c].accessible_name);

          gtk_accessible_update_property (GTK_ACCESSIBLE (spin_of (g_ptr_array_index (self->rows,
                                                                                     i), c)),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
        }
    }
  gtk_widget_set_sensitive (self->add_row, self->rows->len < self->max_rows);
}

static void
on_remove_clicked (GtkButton *button,
                   gpointer   user_data)
{
  RcvNumberList *self = user_data;
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);
  guint index;

  if (row != NULL && g_ptr_array_find (self->rows, row, &index))
    rcv_number_list_remove_row (self, index);
}

static GtkWidget *
new_row (RcvNumberList *self,
         const int     *values)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  for (guint c = 0; c < self->n_columns; c++)
    {
      const RcvNumberColumn *column = &self->columns[c];
      GtkAdjustment *adjustment = gtk_adjustment_new (values[c], column->lower, column->upper,
                                                      1, 10, 0);
      GtkWidget *spin = gtk_spin_button_new (adjustment, 1, 0);
      GtkWidget *unit = gtk_label_new (column->unit);

      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (unit, "dim-label");
      g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (on_value_changed), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), unit);
      g_object_set_data (G_OBJECT (row), c == 0 ? "rcv-spin-0" : "rcv-spin-1", spin);
    }
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove"), -1);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
on_row_activated (RcvNumberList *self,
                  GtkListBoxRow *row)
{
  if (GTK_WIDGET (row) == self->add_row)
    rcv_number_list_add_row (self);
}

static void
rcv_number_list_dispose (GObject *object)
{
  RcvNumberList *self = RCV_NUMBER_LIST (object);
  GtkWidget *child;

  g_clear_handle_id (&self->pause_timeout, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (rcv_number_list_parent_class)->dispose (object);
}

static void
rcv_number_list_finalize (GObject *object)
{
  RcvNumberList *self = RCV_NUMBER_LIST (object);

  g_free (self->row_title);
  for (guint c = 0; c < self->n_columns; c++)
    {
      g_free ((char *) self->columns[c].unit);
      g_free ((char *) self->columns[c].accessible_name);
    }

  G_OBJECT_CLASS (rcv_number_list_parent_class)->finalize (object);
}

static void
rcv_number_list_class_init (RcvNumberListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rcv_number_list_dispose;
  object_class->finalize = rcv_number_list_finalize;

  /* the numbers were changed by the person: after a pause, or at once for a row added or
   * removed */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rcv_number_list_init (RcvNumberList *self)
{
  GtkWidget *add_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *add_label = gtk_label_new_with_mnemonic (_("_Add"));

  self->rows = g_ptr_array_new ();
  self->max_rows = 8;
  self->row_title = g_strdup ("{n}");
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_parent (GTK_WIDGET (self->list), GTK_WIDGET (self));
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (on_row_activated), self);

  gtk_box_append (GTK_BOX (add_box), gtk_image_new_from_icon_name ("list-add-symbolic"));
  gtk_box_append (GTK_BOX (add_box), add_label);
  gtk_widget_set_halign (add_box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (add_box, 12);
  gtk_widget_set_margin_bottom (add_box, 12);
  self->add_row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self->add_row), add_box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->add_row), TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->add_row),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, add_label, NULL, -1);
  gtk_list_box_append (self->list, self->add_row);
}

/* What a row holds: `n_columns` numbers (1 or 2), the rows' title (with {n} for the row's
 * number, from 1), and how many rows there may be. */
void
rcv_number_list_setup (RcvNumberList         *self,
                       const RcvNumberColumn *columns,
                       guint                  n_columns,
                       const char            *row_title,
                       guint                  max_rows)
{
  g_return_if_fail (RCV_IS_NUMBER_LIST (self));
  g_return_if_fail (n_columns >= 1 && n_columns <= MAX_COLUMNS);
  g_return_if_fail (self->n_columns == 0);

  for (guint c = 0; c < n_columns; c++)
    {
      self->columns[c] = columns[c];
      self->columns[c].unit = g_strdup (columns[c].unit);
      self->columns[c].accessible_name = g_strdup (columns[c].accessible_name);
    }
  self->n_columns = n_columns;
  g_free (self->row_title);
  self->row_title = g_strdup (row_title);
  self->max_rows = max_rows;
}

/* The rows, as the company file has them: `n_rows` × the columns' numbers, row by row. */
void
rcv_number_list_set_values (RcvNumberList *self,
                            const int     *values,
                            guint          n_rows)
{
  g_return_if_fail (RCV_IS_NUMBER_LIST (self));
  g_return_if_fail (self->n_columns > 0);

  self->loading++;
  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (self->list, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; i < n_rows && i < self->max_rows; i++)
    {
      GtkWidget *row = new_row (self, values + i * self->n_columns);

      gtk_list_box_insert (self->list, row, (int) i);
      g_ptr_array_add (self->rows, row);
    }
  retitle (self);
  self->loading--;
}

/* The numbers as they stand: n_rows × n_columns ints, row by row. */
GArray *
rcv_number_list_get_values (RcvNumberList *self)
{
  GArray *values;

  g_return_val_if_fail (RCV_IS_NUMBER_LIST (self), NULL);

  values = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < self->rows->len; i++)
    for (guint c = 0; c < self->n_columns; c++)
      {
        GtkSpinButton *spin = spin_of (g_ptr_array_index (self->rows, i), c);
        int value;

        gtk_spin_button_update (spin);
        value = gtk_spin_button_get_value_as_int (spin);
        g_array_append_val (values, value);
      }
  return values;
}

guint
rcv_number_list_get_n_rows (RcvNumberList *self)
{
  g_return_val_if_fail (RCV_IS_NUMBER_LIST (self), 0);

  return self->rows->len;
}

/* Marks the list's numbers as refused (the "error" style), or clears the mark. */
void
rcv_number_list_set_error (RcvNumberList *self,
                           gboolean       error)
{
  g_return_if_fail (RCV_IS_NUMBER_LIST (self));

  for (guint i = 0; i < self->rows->len; i++)
    for (guint c = 0; c < self->n_columns; c++)
      {
        GtkWidget *spin = GTK_WIDGET (spin_of (g_ptr_array_index (self->rows, i), c));

        if (error)
          gtk_widget_add_css_class (spin, "error");
        else
          gtk_widget_remove_css_class (spin, "error");
      }
}

/* A row after the last, each number one step past the last row's (or its column's lowest
 * plus a step), the focus in it; told at once. */
void
rcv_number_list_add_row (RcvNumberList *self)
{
  int values[MAX_COLUMNS];
  GtkWidget *row;

  g_return_if_fail (RCV_IS_NUMBER_LIST (self));

  if (self->rows->len >= self->max_rows)
    return;
  for (guint c = 0; c < self->n_columns; c++)
    {
      const RcvNumberColumn *column = &self->columns[c];
      int last = self->rows->len > 0
                   ? gtk_spin_button_get_value_as_int (spin_of (g_ptr_array_index (self->rows,
                                                                                   self->rows->len - 1),
                                                                c))
                   : column->lower;

      values[c] = CLAMP (last + column->step, column->lower, column->upper);
    }
  self->loading++;
  row = new_row (self, values);
  gtk_list_box_insert (self->list, row, (int) self->rows->len);
  g_ptr_array_add (self->rows, row);
  retitle (self);
  self->loading--;
  gtk_widget_grab_focus (GTK_WIDGET (spin_of (row, 0)));
  tell_now (self);
}

/* Removes the row-th row (from 0); told at once. */
void
rcv_number_list_remove_row (RcvNumberList *self,
                            guint          row)
{
  g_return_if_fail (RCV_IS_NUMBER_LIST (self));
  g_return_if_fail (row < self->rows->len);

  gtk_list_box_remove (self->list, g_ptr_array_index (self->rows, row));
  g_ptr_array_remove_index (self->rows, row);
  retitle (self);
  if (self->rows->len > 0)
    gtk_widget_grab_focus (GTK_WIDGET (spin_of (g_ptr_array_index (self->rows,
                                                                   MIN (row, self->rows->len - 1)),
                                                0)));
  else
    gtk_widget_grab_focus (self->add_row);
  tell_now (self);
}

/* For tests: the spin button of a row's number. */
GtkSpinButton *
rcv_number_list_get_spin (RcvNumberList *self,
                          guint          row,
                          guint          column)
{
  g_return_val_if_fail (RCV_IS_NUMBER_LIST (self), NULL);
  g_return_val_if_fail (row < self->rows->len && column < self->n_columns, NULL);

  return spin_of (g_ptr_array_index (self->rows, row), column);
}
