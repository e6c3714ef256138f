/* rcv-ui-fixture.h - what every widget test shares: the application, its windows, waiting
 * for widgets and screenshots
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rcv-application.h"
#include "rcv-customer-page.h"
#include "rcv-test-utils.h"
#include "rcv-window.h"

G_BEGIN_DECLS

void       rcv_ui_init                (int         *argc,
                                       char      ***argv);
int        rcv_ui_run                 (void);
RcvApplication *rcv_ui_get_application (void);

void       rcv_ui_settle              (void);
gpointer   rcv_ui_child               (gpointer     widget,
                                       const char  *name);
gpointer   rcv_ui_find_toplevel       (GType        type);
gboolean   rcv_ui_toplevel_is_shown   (gpointer     type);
GtkWidget *rcv_ui_find_descendant     (GtkWidget   *widget,
                                       GType        type);
GtkWidget *rcv_ui_find_label          (GtkWidget   *widget,
                                       const char  *text);
void       rcv_ui_type_into           (gpointer     editable,
                                       const char  *text);
void       rcv_ui_screenshot          (GtkWidget   *widget,
                                       const char  *name);

void       rcv_ui_wait_for_content    (RcvWindow   *window,
                                       const char  *name);
void       rcv_ui_wait_for_page_stack (gpointer     page,
                                       const char  *name);
void       rcv_ui_wait_for_n_items    (gpointer     model,
                                       guint        n_items);
void       rcv_ui_wait_for_n_letters  (gpointer     reminders,
                                       guint        n_letters);
void       rcv_ui_wait_for_label      (gpointer     widget,
                                       const char  *text);
gboolean   rcv_ui_is_marked           (gpointer     widget);
gboolean   rcv_ui_is_unmarked         (gpointer     widget);

RcvWindow *rcv_ui_open_window         (const char  *path);
RcvWindow *rcv_ui_open_sample         (char       **out_path);
void       rcv_ui_close_window        (RcvWindow   *window);

RcvCustomerPage *rcv_ui_open_customer (RcvWindow   *window,
                                       gint64       customer_id);
gboolean   rcv_ui_customer_shown      (RcvWindow   *window);
void       rcv_ui_wait_for_leaflet    (RcvWindow   *window);
void       rcv_ui_close_customer      (RcvWindow   *window);

G_END_DECLS
