/* rcv-bank-columns-dialog.c - naming the columns of a bank's CSV export, once per account
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shown when a CSV export's header names its columns in words the reader does not know: one
 * row per column a statement can have, each offering the export's header cells with the value
 * below them, those found already chosen. Import keeps the columns in the company file for the
 * export's account (or, when it names none, for exports with this header) and emits "saved"
 * once that commit succeeded; the page then imports the file. A problem (no date, no amount, a
 * column chosen twice, the write failing) is shown in the dialog, which stays open.
 */
#define G_LOG_DOMAIN "rcv-bank-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-bank-columns.h"
#include "rcv-bank-columns-dialog.h"
#include "rcv-plain-text.h"

struct _RcvBankColumnsDialog
{
  AdwWindow parent_instance;

  RcvDatabase *database;
  RcvBankCsvLayout *layout;

  GtkLabel *problem_label;
  AdwComboRow *rows[RCV_BANK_N_COLUMNS];
};

G_DEFINE_FINAL_TYPE (RcvBankColumnsDialog, rcv_bank_columns_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_problem (RcvBankColumnsDialog *self,
              const char           *text)
{
  gtk_label_set_text (self->problem_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), text != NULL);
}

/* The columns as the rows choose them: position 0 is "not in this export", n + 1 the n-th
 * header cell. */
static RcvBankCsvColumns *
chosen_columns (RcvBankColumnsDialog *self)
{
  RcvBankCsvColumns *columns = rcv_bank_csv_columns_copy (self->layout->columns);

  for (guint c = 0; c < RCV_BANK_N_COLUMNS; c++)
    {
      guint position = adw_combo_row_get_selected (self->rows[c]);

      g_clear_pointer (&columns->names[c], g_free);
      if (position != GTK_INVALID_LIST_POSITION && position > 0)
        columns->names[c] = g_strdup (self->layout->header[position - 1]);
    }
  return columns;
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RcvBankColumnsDialog *self = RCV_BANK_COLUMNS_DIALOG (widget);
  g_autoptr(RcvBankCsvColumns) columns = chosen_columns (self);
  g_autoptr(GError) error = NULL;

  if (!rcv_bank_csv_columns_check (columns, (const char *const *) self->layout->header, &error))
    {
      show_problem (self, error->message);
      return;
    }
  if (!rcv_bank_columns_remember (self->database, columns, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The columns were not kept: %s"),
                                               error->message);

      show_problem (self, text);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
rcv_bank_columns_dialog_dispose (GObject *object)
{
  RcvBankColumnsDialog *self = RCV_BANK_COLUMNS_DIALOG (object);

  g_clear_object (&self->database);
  g_clear_pointer (&self->layout, rcv_bank_csv_layout_free);

  G_OBJECT_CLASS (rcv_bank_columns_dialog_parent_class)->dispose (object);
}

static void
rcv_bank_columns_dialog_class_init (RcvBankColumnsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rcv_bank_columns_dialog_dispose;

  /* the columns were kept in the company file: the file can be imported */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "columns.import", NULL, import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rcv_bank_columns_dialog_init (RcvBankColumnsDialog *self)
{
}

static GtkWidget *
header_bar (void)
{
  GtkWidget *bar = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *import = gtk_button_new_with_mnemonic (_("_Import"));

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (bar), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (bar), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (import), "columns.import");
  gtk_widget_add_css_class (import, "suggested-action");
  adw_header_bar_pack_start (ADW_HEADER_BAR (bar), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (bar), import);
  return bar;
}

static void
build (RcvBankColumnsDialog *self,
       const char           *file_name)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *heading, *explanation;
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  gtk_string_list_append (choices, C_("bank column", "Not in this export"));
  for (guint i = 0; self->layout->header[i] != NULL; i++)
    {
      const char *sample = self->layout->sample[i];
      /* Translators: a CSV column offered for a meaning: its header, and the value below it */
      g_autofree char *text = *sample != '\0' ? g_strdup_printf (_("%s (e.g. %s)"),
                                                                 self->layout->header[i], sample)
                                              : g_strdup (self->layout->header[i]);

      gtk_string_list_append (choices, text);
    }

  /* Translators: the title of the group of columns; %s is the file's name */
  title = g_strdup_printf (_("The Columns of “%s”"), file_name);
  if (self->layout->account != NULL)
    /* Translators: %s is the bank account's IBAN */
    description = g_strdup_printf (_("Choose what each column holds. They are remembered for "
                                     "the account %s: its next exports are read by them."),
                                   self->layout->account);
  else
    description = g_strdup (_("Choose what each column holds. The export names no account: "
                              "they are remembered for exports with these columns."));
  /* the file's name is the user's text: a plain label, not the group's title (markup) */
  heading = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (heading), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (heading, "title-4");
  g_object_set (heading, "margin-start", 24, "margin-end", 24, "margin-top", 18, NULL);
  explanation = gtk_label_new (description);
  gtk_label_set_xalign (GTK_LABEL (explanation), 0);
  gtk_label_set_wrap (GTK_LABEL (explanation), TRUE);
  gtk_widget_add_css_class (explanation, "dim-label");
  g_object_set (explanation, "margin-start", 24, "margin-end", 24, "margin-top", 6, NULL);

  for (guint c = 0; c < RCV_BANK_N_COLUMNS; c++)
    {
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
      guint chosen = 0;

      rcv_row_set_plain_title (row, rcv_bank_column_label (c));
      adw_combo_row_set_model (row, G_LIST_MODEL (choices));
      for (guint i = 0; self->layout->columns->names[c] != NULL && self->layout->header[i] != NULL;
           i++)
        if (chosen == 0 && g_str_equal (self->layout->header[i], self->layout->columns->names[c]))
          chosen = i + 1;
      adw_combo_row_set_selected (row, chosen);
      self->rows[c] = row;
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (row));
    }

  self->problem_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->problem_label, TRUE);
  gtk_label_set_xalign (self->problem_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->problem_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Problem"), -1);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (content), header_bar ());
  gtk_box_append (GTK_BOX (content), heading);
  gtk_box_append (GTK_BOX (content), explanation);
  g_object_set (self->problem_label, "margin-start", 24, "margin-end", 24, "margin-top", 12,
                NULL);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->problem_label));
  gtk_box_append (GTK_BOX (content), page);
  adw_window_set_content (ADW_WINDOW (self), content);
}

/* Takes `layout` (what rcv_bank_columns_inspect () found in the file). */
RcvBankColumnsDialog *
rcv_bank_columns_dialog_new (GtkWindow        *parent,
                             RcvDatabase      *database,
                             RcvBankCsvLayout *layout,
                             const char       *file_name)
{
  RcvBankColumnsDialog *self;

  g_return_val_if_fail (RCV_IS_DATABASE (database), NULL);
  g_return_val_if_fail (layout != NULL, NULL);

  self = g_object_new (RCV_TYPE_BANK_COLUMNS_DIALOG, "transient-for", parent, "modal", TRUE,
                       "default-width", 560, "default-height", 640,
                       "title", _("Columns of the Bank Export"), NULL);
  self->database = g_object_ref (database);
  self->layout = layout;
  build (self, file_name);
  return self;
}

AdwComboRow *
rcv_bank_columns_dialog_get_row (RcvBankColumnsDialog *self,
                                 RcvBankColumn         column)
{
  g_return_val_if_fail (RCV_IS_BANK_COLUMNS_DIALOG (self), NULL);
  g_return_val_if_fail (column < RCV_BANK_N_COLUMNS, NULL);

  return self->rows[column];
}

/* The problem shown, or NULL. */
const char *
rcv_bank_columns_dialog_get_problem (RcvBankColumnsDialog *self)
{
  g_return_val_if_fail (RCV_IS_BANK_COLUMNS_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->problem_label))
           ? gtk_label_get_text (self->problem_label) : NULL;
}
