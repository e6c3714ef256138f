/* rcv-window-private.h - the window's state, shared by rcv-window.c and rcv-window-actions.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rcv-bank-page.h"
#include "rcv-customer-page.h"
#include "rcv-customers-page.h"
#include "rcv-invoices-page.h"
#include "rcv-payments-page.h"
#include "rcv-reminders-page.h"
#include "rcv-overview-page.h"
#include "rcv-window.h"

G_BEGIN_DECLS

struct _RcvWindow
{
  AdwApplicationWindow parent_instance;

  RcvDatabase *database;
  char *path;
  GSettings *settings;
  GCancellable *cancellable;   /* of the work on this company file; cancelled on close */
  gboolean empty;              /* no customer, invoice or payment yet, as last looked */
  guint alerts_timeout;        /* the hourly check for accounts passing an alert threshold */
  guint check_timeout;         /* shows the damage check's progress while it runs */
  guint poll_timeout;          /* looks for other programs' commits (rcv_database_poll_changes) */
  gint check_permille;         /* …as the worker reports it (atomic), -1 before the first */
  gboolean background_pending; /* the pages not in view wait for the Overview's reads */

  /* template widgets */
  AdwToastOverlay *toast_overlay;
  AdwLeaflet *leaflet;
  RcvCustomerPage *customer_page;
  GtkWidget *focus_before_customer; /* where the focus goes back to from a customer's page */
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar *switcher_bar;
  GtkStack *content_stack;
  AdwViewStack *view_stack;
  AdwStatusPage *welcome_page;
  GtkButton *profile_button;
  AdwStatusPage *error_page;
  GtkWidget *loading_spinner;
  GtkWidget *check_box;
  GtkProgressBar *check_progress;
  RcvOverviewPage *overview_page;
  RcvCustomersPage *customers_page;
  RcvInvoicesPage *invoices_page;
  RcvPaymentsPage *payments_page;
  RcvRemindersPage *reminders_page;
  RcvBankPage *bank_page;
};

void rcv_window_class_install_actions (GtkWidgetClass *widget_class);
void rcv_window_update_actions        (RcvWindow      *self);
void rcv_window_update_content        (RcvWindow      *self);
void rcv_window_show_page             (RcvWindow      *self,
                                       const char     *name);
void rcv_window_show_customer         (RcvWindow      *self,
                                       gint64          customer_id);
void rcv_window_prepare_reminder      (RcvWindow      *self,
                                       gint64          customer_id);

G_END_DECLS
