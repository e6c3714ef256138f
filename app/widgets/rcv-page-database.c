/* rcv-page-database.c - a page's company file, whose commits it follows
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every page that shows the company's data holds its RcvDatabase and follows its `changed`
 * signal (RcvDatabase::changed) instead of being told to reload; these are the two steps they
 * all take.
 */
#include "config.h"

#include "rcv-database-changes.h"
#include "rcv-page-database.h"

/* Points `page` at `database` (kept in `*slot`): the old file's handlers dropped, a burst
 * being gathered for it forgotten (`changes_timeout`, may be NULL), and `on_changed`
 * (page, RcvChangeSet *, RcvDatabase *) connected to the new one's commits for as long as the
 * page lives. FALSE when the page already had that file. */
gboolean
rcv_page_set_database (gpointer      page,
                       RcvDatabase **slot,
                       RcvDatabase  *database,
                       guint        *changes_timeout,
                       GCallback     on_changed)
{
  g_return_val_if_fail (GTK_IS_WIDGET (page), FALSE);
  g_return_val_if_fail (database == NULL || RCV_IS_DATABASE (database), FALSE);

  if (*slot == database)
    return FALSE;
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_data (*slot, page);
  if (changes_timeout != NULL)
    g_clear_handle_id (changes_timeout, g_source_remove);
  g_set_object (slot, database);
  if (database != NULL)
    g_signal_connect_object (database, "changed", on_changed, page, G_CONNECT_SWAPPED);
  return TRUE;
}

/* Gathers a burst of commits (an import row by row, a batch of letters recorded) into one
 * call of `on_timeout` (page) a moment after the first; `on_timeout` clears the handle. */
void
rcv_page_coalesce_changes (gpointer     page,
                           guint       *changes_timeout,
                           GSourceFunc  on_timeout)
{
  if (*changes_timeout == 0)
    *changes_timeout = g_timeout_add (RCV_CHANGES_COALESCE_MILLISECONDS, on_timeout, page);
}
