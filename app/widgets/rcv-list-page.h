/* rcv-list-page.h - what the window's pages share: their disposal, and showing a lazy list
 * read in a worker thread
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rcv-row-list.h"

G_BEGIN_DECLS

/* The widgets of a page showing a lazy list: a stack with the pages "error", "empty" and
 * "list" (and "loading" with the spinner). */
typedef struct
{
  GtkStack *stack;
  GtkSpinner *spinner;
  AdwStatusPage *empty_page;
  AdwStatusPage *error_page;
  GtkSingleSelection *selection;
} RcvListPage;

int rcv_list_page_show (const RcvListPage *page,
                        RcvDatabase       *database,
                        RcvRowList        *list,
                        const GError      *error,
                        const char        *empty_text);

void rcv_page_dispose_template (GtkWidget *page,
                                GType      type);

G_END_DECLS
