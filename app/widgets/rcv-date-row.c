/* rcv-date-row.c - an entry row for a date, as the locale writes dates or as ISO
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The forms show every date as the locale writes it (02.12.2026 in German), so their date
 * fields take that form too, and ISO (2026-12-02) in any language. AdwEntryRow has no
 * placeholder in libadwaita 1.2: the form expected is part of the row's title, which is also
 * its accessible name, and the accessible description says both forms in words.
 */
#define G_LOG_DOMAIN "receivables"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-date-row.h"
#include "rcv-date.h"
#include "rcv-plain-text.h"

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
