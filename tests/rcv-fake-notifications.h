/* rcv-fake-notifications.h - a stand-in org.freedesktop.Notifications server for the tests,
 * and stand-ins for the app, the systemd user manager and the Background portal, on the
 * test's session bus
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  guint32 id;
  char *app_name;
  char *app_icon;
  char *summary;
  char *body;
  char **actions;          /* key, label, key, label… */
  char *desktop_entry;     /* the hint, or NULL */
  gboolean closed;
} RcvFakeNotification;

typedef struct _RcvFakeNotifications RcvFakeNotifications;

typedef enum
{
  RCV_FAKE_ACTIONS = 1 << 0,     /* advertise "actions" */
  RCV_FAKE_MARKUP = 1 << 1,      /* advertise "body-markup" */
  RCV_FAKE_AUTO_CLOSE = 1 << 2,  /* close each notification as soon as it is shown */
  RCV_FAKE_HANG = 1 << 3,        /* take every call and never answer */
} RcvFakeFlags;

RcvFakeNotifications *rcv_fake_notifications_start  (RcvFakeFlags          flags);
void                  rcv_fake_notifications_stop   (RcvFakeNotifications *fake);
guint                 rcv_fake_notifications_count  (RcvFakeNotifications *fake);
RcvFakeNotification  *rcv_fake_notifications_get    (RcvFakeNotifications *fake,
                                                     guint                 index);
void                  rcv_fake_notification_free    (RcvFakeNotification  *notification);
void                  rcv_fake_notifications_invoke (RcvFakeNotifications *fake,
                                                     guint32               id,
                                                     const char           *action);
void                  rcv_fake_notifications_close_all (RcvFakeNotifications *fake);
void                  rcv_fake_notifications_clear  (RcvFakeNotifications *fake);

/* Stand-ins for the app (ActivateAction logged as "action [target] token"), the systemd user
 * manager and the Background portal: their calls are logged, in order. */
void                  rcv_fake_notifications_own_app (RcvFakeNotifications *fake,
                                                      const char           *application_id);
void                  rcv_fake_notifications_own_systemd (RcvFakeNotifications *fake);
void                  rcv_fake_notifications_own_portal (RcvFakeNotifications *fake,
                                                         gboolean              allow);
char                 *rcv_fake_notifications_next_call (RcvFakeNotifications *fake);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvFakeNotification, rcv_fake_notification_free)

G_END_DECLS
