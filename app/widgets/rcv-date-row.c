/* rcv-date-row.c - an entry row for a date, as the locale writes dates or as ISO
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The forms show every date as the locale writes it (02.12.2026 in German), so their date
 * fields take that form too, and ISO (2026-12-02) in any language. AdwEntryRow has no
 * placeholder in libadwaita 1.2: the form expected is part of the row's title, which is also
 * its accessible name, and the accessible description says both forms in words. A calendar
 * button at the row's end opens a month to choose the day from (the arrows move the day,
 * Space, Enter or a click chooses it, as in the Overview's date button); the day chosen is
 * written into the row as if typed.
 */
#define G_LOG_DOMAIN "receivables"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-calendar-keys.h"
#include "rcv-date-row.h"
#include "rcv-date.h"
#include "rcv-plain-text.h"

static gboolean
read_row_date (AdwEntryRow *row,
               GDate       *date)
{
  return rcv_date_parse_user (gtk_editable_get_text (GTK_EDITABLE (row)), date, NULL);
}

/* The calendar opens on the row's date, or on today's when the row holds none that reads. */
static void
on_popover_show (GtkPopover *popover,
                 AdwEntryRow *row)
{
  GtkCalendar *calendar = GTK_CALENDAR (gtk_popover_get_child (popover));
  g_autoptr(GDateTime) selected = NULL;
  GDate date;

  if (!read_row_date (row, &date))
    rcv_date_set_today (&date);
  selected = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                    g_date_get_day (&date), 0, 0, 0);
  g_signal_handlers_block_matched (calendar, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, row);
  gtk_calendar_select_day (calendar, selected);
  g_signal_handlers_unblock_matched (calendar, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, row);
}

static void
on_calendar_day_selected (GtkCalendar *calendar,
                          AdwEntryRow *row)
{
  GtkWidget *popover;
  GDate date;

  if (!rcv_calendar_keys_get_chosen (calendar, &date))
    return;
  rcv_date_row_set_date (row, &date);
  popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  gtk_widget_grab_focus (GTK_WIDGET (row));
  gtk_editable_set_position (GTK_EDITABLE (row), -1);
}

static void
add_calendar_button (AdwEntryRow *row,
                     const char  *label)
{
  g_autofree char *name = NULL;
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();

  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  rcv_calendar_keys_attach (GTK_CALENDAR (calendar));
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Choose a date from a calendar"));
  /* Translators: the accessible name of a date field's calendar button; %s is the field's
   * name (“Issue date”) */
  name = g_strdup_printf (C_("date field", "Calendar: %s"), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  g_signal_connect_object (popover, "show", G_CALLBACK (on_popover_show), row, 0);
  g_signal_connect_object (calendar, "day-selected", G_CALLBACK (on_calendar_day_selected), row,
                           0);
  adw_entry_row_add_suffix (row, button);
  g_object_set_data (G_OBJECT (row), "rcv-date-row-calendar-button", button);
}

/* Titles the row “Issue date (DD.MM.YYYY)”, the pattern in the locale's order and letters. */
void
rcv_date_row_setup (AdwEntryRow *row,
                    const char  *label)
{
  g_autofree char *hint = NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *sample = NULL;
  GDate date;

  g_return_if_fail (ADW_IS_ENTRY_ROW (row));
  g_return_if_fail (label != NULL);

  hint = rcv_date_format_hint ();
  /* the fields are ISO where a date is filled in as ISO (the C locale) */
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 31, G_DATE_DECEMBER, 2026);
  sample = rcv_date_format_user (&date);
  /* Translators: a date field's title: its name (“Issue date”), then the form of date it
   * takes (“DD.MM.YYYY”, in your letters) */
  title = g_strdup_printf (C_("date field", "%s (%s)"), label, hint);
  rcv_row_set_plain_title (row, title);
  if (g_str_equal (sample, "2026-12-31"))
    description = g_strdup (_("Write the date as year, month and day: YYYY-MM-DD"));
  else
    /* Translators: a date field's accessible description; %s is the locale's pattern
     * (DD.MM.YYYY) */
    description = g_strdup_printf (_("Write the date as %s, or as YYYY-MM-DD"), hint);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
  if (g_object_get_data (G_OBJECT (row), "rcv-date-row-calendar-button") == NULL)
    add_calendar_button (row, label);
}

/* The row's calendar button, for tests and for a mnemonic. */
GtkMenuButton *
rcv_date_row_get_calendar_button (AdwEntryRow *row)
{
  g_return_val_if_fail (ADW_IS_ENTRY_ROW (row), NULL);

  return g_object_get_data (G_OBJECT (row), "rcv-date-row-calendar-button");
}

gboolean
rcv_date_row_get_date (AdwEntryRow  *row,
                       GDate        *date,
                       GError      **error)
{
  g_return_val_if_fail (ADW_IS_ENTRY_ROW (row), FALSE);
  g_return_val_if_fail (date != NULL, FALSE);

  return rcv_date_parse_user (gtk_editable_get_text (GTK_EDITABLE (row)), date, error);
}

/* Fills the row as the locale writes a date, with a four-digit year, which reads back. */
void
rcv_date_row_set_date (AdwEntryRow *row,
                       const GDate *date)
{
  g_autofree char *text = NULL;

  g_return_if_fail (ADW_IS_ENTRY_ROW (row));
  g_return_if_fail (date != NULL && g_date_valid (date));

  text = rcv_date_format_user (date);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}
