/* rcv-notifier.h - alerts told as desktop notifications (org.freedesktop.Notifications over
 * GDBus), with actions that open the account in the app through D-Bus activation
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rcv-alerts.h"
#include "rcv-money.h"

G_BEGIN_DECLS

/* The app's actions a notification asks for (org.freedesktop.Application.ActivateAction),
 * each with the target (s company file, x customer ID; 0 for all accounts). */
#define RCV_ACTION_OPEN_CUSTOMER   "open-customer"
#define RCV_ACTION_PREPARE_REMINDER "prepare-reminder"

/* At most this many accounts are named in a summary's body; the rest are counted. */
#define RCV_NOTIFIER_SUMMARY_LINES 8
/* how many characters of a customer's name a notification shows */
#define RCV_NOTIFIER_NAME_CHARS 60
/* how long a call to the notification server may take before it counts as no server (ms) */
#define RCV_NOTIFIER_TIMEOUT_MS 10000

#define RCV_TYPE_NOTIFIER (rcv_notifier_get_type ())
G_DECLARE_FINAL_TYPE (RcvNotifier, rcv_notifier, RCV, NOTIFIER, GObject)

RcvNotifier *rcv_notifier_new            (void);
gboolean     rcv_notifier_send           (RcvNotifier       *self,
                                          const char        *company_path,
                                          const RcvCurrency *currency,
                                          GPtrArray         *crossings,
                                          guint             *n_told,
                                          GError           **error);
void         rcv_notifier_send_async     (RcvNotifier       *self,
                                          const char        *company_path,
                                          const RcvCurrency *currency,
                                          GPtrArray         *crossings,
                                          GCancellable      *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer           user_data);
gboolean     rcv_notifier_send_finish    (RcvNotifier       *self,
                                          GAsyncResult      *result,
                                          guint             *n_told,
                                          GError           **error);
void         rcv_notifier_set_timeout    (RcvNotifier       *self,
                                          int                timeout_ms);
gboolean     rcv_notifier_is_busy        (RcvNotifier       *self);
gboolean     rcv_notifier_server_has_actions (RcvNotifier   *self);

char        *rcv_notifier_dbus_path      (const char        *application_id);

G_END_DECLS
