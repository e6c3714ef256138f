/* rcv-list-page.c - what the window's pages share: their disposal, and showing a lazy list
 * read in a worker thread
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rcv-list-page"

#include "config.h"

#include "rcv-list-page.h"
#include "rcv-plain-text.h"

/* Shows a list that a worker thread has built (or the error it met): the list reads its rows
 * through `database` from now on and goes into the view, the stack shows "list", or "empty"
 * with `empty_text`. Returns the number of rows, or −1 after an error. */
int
rcv_list_page_show (const RcvListPage *page,
                    RcvDatabase       *database,
                    RcvRowList        *list,
                    const GError      *error,
                    const char        *empty_text)
{
  guint n;

  g_return_val_if_fail (page != NULL, -1);
  g_return_val_if_fail (list != NULL || error != NULL, -1);

  gtk_spinner_stop (page->spinner);
  if (list == NULL)
    {
      rcv_status_page_set_plain_description (page->error_page, error->message);
      gtk_stack_set_visible_child_name (page->stack, "error");
      return -1;
    }

  rcv_row_list_set_database (list, database);
  gtk_single_selection_set_model (page->selection, G_LIST_MODEL (list));
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  if (n == 0)
    {
      rcv_status_page_set_plain_description (page->empty_page, empty_text);
      gtk_stack_set_visible_child_name (page->stack, "empty");
    }
  else
    gtk_stack_set_visible_child_name (page->stack, "list");
  return (int) n;
}

/* From a page's dispose: its template's objects go, and so does every child the page holds
 * in its bin layout (a GtkWidget leaves its children to the subclass). */
void
rcv_page_dispose_template (GtkWidget *page,
                           GType      type)
{
  GtkWidget *child;

  gtk_widget_dispose_template (page, type);
  while ((child = gtk_widget_get_first_child (page)) != NULL)
    gtk_widget_unparent (child);
}
