/* rcv-plain-text.c - text into the libadwaita widgets that would read it as Pango markup
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In libadwaita 1.2 a row's title and subtitle, a status page's description and a toast's
 * title are Pango markup by default: "Fees & costs" is a markup error and shows as an empty
 * title, "<b>" changes the text. Names, references, level titles and error messages (which
 * quote paths) are text, so the window's code sets them here and nowhere else (the style
 * test plain-text checks that no other file calls the setters). A row is switched out of
 * markup (AdwPreferencesRow:use-markup, 1.2), so that it keeps the text as given and its
 * accessible name is that text; a status page has no such switch, so its text is escaped.
 */
#include "config.h"

#include "rcv-plain-text.h"

/* The title of an AdwPreferencesRow (an action, expander, entry or combo row), as text. */
void
rcv_row_set_plain_title (gpointer    row,
                         const char *text)
{
  g_return_if_fail (ADW_IS_PREFERENCES_ROW (row));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text != NULL ? text : "");
}

void
rcv_action_row_set_plain_subtitle (AdwActionRow *row,
                                   const char   *text)
{
  g_return_if_fail (ADW_IS_ACTION_ROW (row));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (row, text);
}

/* An expander row passes its use-markup on to the row it shows, subtitle included. */
void
rcv_expander_row_set_plain_subtitle (AdwExpanderRow *row,
                                     const char     *text)
{
  g_return_if_fail (ADW_IS_EXPANDER_ROW (row));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_expander_row_set_subtitle (row, text != NULL ? text : "");
}

void
rcv_status_page_set_plain_description (AdwStatusPage *page,
                                       const char    *text)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (ADW_IS_STATUS_PAGE (page));

  if (text != NULL)
    escaped = g_markup_escape_text (text, -1);
  adw_status_page_set_description (page, escaped);
}

/* For a description that is markup on purpose: built with g_markup_printf_escaped (), which
 * escapes every text it puts in. */
void
rcv_status_page_set_markup_description (AdwStatusPage *page,
                                        const char    *markup)
{
  g_return_if_fail (ADW_IS_STATUS_PAGE (page));

  adw_status_page_set_description (page, markup);
}

/* GTK selects an entry's whole text when it takes the focus (gtk-entry-select-on-focus), which
 * is right for Tab but not for a form or a page that opens with its first field focused: the
 * first key typed would replace what is there. These put the cursor at the end instead. */
void
rcv_focus_without_selecting (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_widget_grab_focus (widget);
  rcv_window_deselect_focus (GTK_WINDOW (gtk_widget_get_root (widget)));
}

void
rcv_window_deselect_focus (GtkWindow *window)
{
  GtkWidget *focus;

  if (window == NULL)
    return;
  focus = gtk_window_get_focus (window);
  if (focus != NULL && GTK_IS_EDITABLE (focus))
    gtk_editable_set_position (GTK_EDITABLE (focus), -1);
}
