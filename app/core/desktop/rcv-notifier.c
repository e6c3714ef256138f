/* rcv-notifier.c - alerts told as desktop notifications (libnotify), with actions that open
 * the account in the app through D-Bus activation
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One notification per crossing: the customer and the days in the summary, the customer, the
 * overdue amount and the oldest invoice in the body, and the actions "Open Account" (also the notification's
 * default action) and "Prepare Reminder". More than five crossings at once are one summary
 * notification naming the accounts, with "Show Accounts" and "Prepare Reminders".
 *
 * An action asks the app, through org.freedesktop.Application.ActivateAction on the session
 * bus, to run its action `open-customer` or `prepare-reminder` with (company file, customer).
 * D-Bus activation starts the app when it is not running, so this works the same from the
 * window and from `receivables-cli check --notify` run by a timer.
 *
 * The body is markup when the server says it understands markup ("body-markup"), so names
 * and numbers are escaped then; summaries are plain text by the specification. A name is
 * shortened to RCV_NOTIFIER_NAME_CHARS (a bubble shows a line or two, and a name of 4 000
 * characters would be all of it) and isolated (rcv_text_isolate ()): a right-to-left or
 * hostile name cannot reorder the words around it.
 */
#define G_LOG_DOMAIN "rcv-notifier"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libnotify/notify.h>

#include "rcv-date.h"
#include "rcv-notifier.h"
#include "rcv-text.h"

struct _RcvNotifier
{
  GObject parent_instance;

  GPtrArray *shown;        /* NotifyNotification, until the server closes them */
  guint n_pending;         /* ActivateAction calls not yet answered */
  gboolean has_actions;
  gboolean has_markup;
};

G_DEFINE_FINAL_TYPE (RcvNotifier, rcv_notifier, G_TYPE_OBJECT)

enum {
  ACTIVATED,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char *company_path;
  gint64 customer_id;      /* 0: the summary of several */
} Target;

typedef struct
{
  RcvNotifier *self;
  char *action;
  Target target;
} Activation;

static void
target_free (gpointer pointer)
{
  Target *target = pointer;

  g_free (target->company_path);
  g_free (target);
}

static void
activation_free (Activation *activation)
{
  g_object_unref (activation->self);
  g_free (activation->action);
  g_free (activation->target.company_path);
  g_free (activation);
}

/* The object path GApplication exports for an application ID. */
char *
rcv_notifier_dbus_path (const char *application_id)
{
  g_autofree char *path = g_strconcat ("/", application_id, NULL);

  g_return_val_if_fail (application_id != NULL, NULL);

  g_strdelimit (path, ".", '/');
  g_strdelimit (path, "-", '_');
  return g_steal_pointer (&path);
}

static void
on_activate_action_done (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  Activation *activation = user_data;
  RcvNotifier *self = activation->self;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    g_message ("Could not ask Receivables to %s: %s", activation->action, error->message);
  self->n_pending--;
  g_signal_emit (self, signals[ACTIVATED], 0, activation->action,
                 activation->target.company_path, activation->target.customer_id, error);
  g_signal_emit (self, signals[CHANGED], 0);
  activation_free (activation);
}

static void
on_action (NotifyNotification *notification,
           char               *action,
           gpointer            user_data)
{
  RcvNotifier *self = RCV_NOTIFIER (user_data);
  const Target *target = g_object_get_data (G_OBJECT (notification), "rcv-target");
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;
  GVariantBuilder platform;
  Activation *activation;
  const char *token;
  const char *app_action;
  g_autofree char *object_path = rcv_notifier_dbus_path (APPLICATION_ID);

  if (g_str_equal (action, "prepare-reminder") || g_str_equal (action, "prepare-reminders"))
    app_action = RCV_ACTION_PREPARE_REMINDER;
  else
    app_action = RCV_ACTION_OPEN_CUSTOMER;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus == NULL)
    {
      g_message ("Could not ask Receivables to %s: %s", app_action, error->message);
      return;
    }

  /* lets the app take the focus the user gave the notification */
  g_variant_builder_init (&platform, G_VARIANT_TYPE_VARDICT);
  token = notify_notification_get_activation_token (notification);
  if (token != NULL)
    {
      g_variant_builder_add (&platform, "{sv}", "activation-token", g_variant_new_string (token));
      g_variant_builder_add (&platform, "{sv}", "desktop-startup-id",
                             g_variant_new_string (token));
    }

  activation = g_new0 (Activation, 1);
  activation->self = g_object_ref (self);
  activation->action = g_strdup (app_action);
  activation->target.company_path = g_strdup (target->company_path);
  activation->target.customer_id = target->customer_id;
  self->n_pending++;
  g_dbus_connection_call (bus, APPLICATION_ID, object_path, "org.freedesktop.Application",
                          "ActivateAction",
                          g_variant_new ("(s@ava{sv})", app_action,
                                         g_variant_new_array (G_VARIANT_TYPE_VARIANT,
                                           (GVariant *[]) {
                                             g_variant_new_variant (
                                               g_variant_new ("(sx)", target->company_path,
                                                              (gint64) target->customer_id)) },
                                           1),
                                         &platform),
                          NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, on_activate_action_done,
                          activation);
}

static void
on_closed (NotifyNotification *notification,
           gpointer            user_data)
{
  RcvNotifier *self = RCV_NOTIFIER (user_data);

  g_signal_handlers_disconnect_by_data (notification, self);
  g_ptr_array_remove (self->shown, notification);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
rcv_notifier_dispose (GObject *object)
{
  RcvNotifier *self = RCV_NOTIFIER (object);

  if (self->shown != NULL)
    for (guint i = 0; i < self->shown->len; i++)
      g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->shown, i), self);
  g_clear_pointer (&self->shown, g_ptr_array_unref);

  G_OBJECT_CLASS (rcv_notifier_parent_class)->dispose (object);
}

static void
rcv_notifier_class_init (RcvNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rcv_notifier_dispose;

  /* An action was asked of the app: (app action, company file, customer ID, error or NULL). */
  signals[ACTIVATED] = g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 4, G_TYPE_STRING,
                                     G_TYPE_STRING, G_TYPE_INT64, G_TYPE_ERROR);
  /* A notification was closed, or an action's call answered: see rcv_notifier_is_busy(). */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rcv_notifier_init (RcvNotifier *self)
{
  self->shown = g_ptr_array_new_with_free_func (g_object_unref);
}

RcvNotifier *
rcv_notifier_new (void)
{
  if (!notify_is_initted ())
    notify_init (_("Receivables"));
  return g_object_new (RCV_TYPE_NOTIFIER, NULL);
}

/* Asks the server what it can do; FALSE (with error) when there is none. */
static gboolean
query_server (RcvNotifier  *self,
              GError      **error)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autofree const char **caps = NULL;

  /* libnotify warns rather than fails when there is no bus at all: ask first */
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, error);
  if (bus == NULL)
    return FALSE;
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.Notifications",
                                       "/org/freedesktop/Notifications",
                                       "org.freedesktop.Notifications", "GetCapabilities",
                                       NULL, G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE,
                                       5000, NULL, error);
  if (reply == NULL)
    return FALSE;
  g_variant_get (reply, "(^a&s)", &caps);
  self->has_actions = g_strv_contains (caps, "actions");
  self->has_markup = g_strv_contains (caps, "body-markup");
  return TRUE;
}

static void
append_text (RcvNotifier *self,
             GString     *body,
             const char  *text)
{
  if (self->has_markup)
    {
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      g_string_append (body, escaped);
    }
  else
    g_string_append (body, text);
}

/* A customer's name as a notification shows it. */
static char *
shown_name (const RcvAlert *alert)
{
  return rcv_text_isolate (alert->name, RCV_NOTIFIER_NAME_CHARS);
}

static NotifyNotification *
notification_for_one (RcvNotifier       *self,
                      const RcvAlert    *alert,
                      const RcvCurrency *currency)
{
  g_autofree char *summary = NULL;
  g_autofree char *amount = rcv_money_format (alert->overdue, currency);
  g_autofree char *due = rcv_date_format_locale (&alert->oldest_due);
  g_autofree char *overdue = NULL;
  g_autofree char *oldest = NULL;
  g_autofree char *name = shown_name (alert);
  g_autofree char *number = rcv_text_isolate (alert->oldest_number, 0);
  g_autoptr(GString) body = g_string_new (NULL);
  NotifyNotification *notification;

  if (alert->kind == RCV_ALERT_INSTALMENT)
    {
      /* Translators: the notification's title: a customer's name */
      summary = g_strdup_printf (_("%s missed an instalment"), name);
      /* Translators: the instalment's number in its payment plan, its date, and the amount
       * still missing */
      oldest = g_strdup_printf (_("Instalment %u, due %s: %s short"), alert->seq, due, amount);
      append_text (self, body, oldest);
      notification = notify_notification_new (summary, body->str, APPLICATION_ID);
      if (self->has_actions)
        {
          notify_notification_add_action (notification, "default", _("Open Account"),
                                          on_action, self, NULL);
          notify_notification_add_action (notification, "open-account", _("Open Account"),
                                          on_action, self, NULL);
        }
      return notification;
    }

  /* Translators: the notification's title: a customer's name and how late its oldest
   * invoice is */
  summary = g_strdup_printf (ngettext ("%s is %d day overdue", "%s is %d days overdue",
                                       alert->days_late),
                             name, alert->days_late);
  /* Translators: a customer's name, and the amount of its invoices that are overdue */
  overdue = g_strdup_printf (_("%s: %s overdue"), name, amount);
  /* Translators: an invoice number, and the date it was due */
  oldest = g_strdup_printf (_("Oldest invoice: %s, due %s"), number, due);
  append_text (self, body, overdue);
  g_string_append_c (body, '\n');
  append_text (self, body, oldest);

  notification = notify_notification_new (summary, body->str, APPLICATION_ID);
  if (self->has_actions)
    {
      notify_notification_add_action (notification, "default", _("Open Account"), on_action,
                                      self, NULL);
      notify_notification_add_action (notification, "open-account", _("Open Account"),
                                      on_action, self, NULL);
      notify_notification_add_action (notification, "prepare-reminder", _("Prepare Reminder"),
                                      on_action, self, NULL);
    }
  return notification;
}

static NotifyNotification *
notification_for_several (RcvNotifier       *self,
                          GPtrArray         *crossings,
                          const RcvCurrency *currency)
{
  g_autofree char *summary = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  NotifyNotification *notification;
  guint n = crossings->len;
  gboolean only_overdue = TRUE;

  for (guint i = 0; i < n; i++)
    only_overdue &= ((RcvAlert *) g_ptr_array_index (crossings, i))->kind == RCV_ALERT_OVERDUE;
  if (only_overdue)
    /* Translators: the title of one notification for several accounts */
    summary = g_strdup_printf (ngettext ("%u account passed an overdue alert",
                                         "%u accounts passed an overdue alert", n), n);
  else
    /* Translators: the title of one notification for several accounts, some of which missed
     * an instalment of a payment plan */
    summary = g_strdup_printf (ngettext ("%u account needs attention",
                                         "%u accounts need attention", n), n);
  for (guint i = 0; i < MIN (n, RCV_NOTIFIER_SUMMARY_LINES); i++)
    {
      const RcvAlert *alert = g_ptr_array_index (crossings, i);
      g_autofree char *amount = rcv_money_format (alert->overdue, currency);
      g_autofree char *name = shown_name (alert);
      g_autofree char *line = NULL;

      if (alert->kind == RCV_ALERT_INSTALMENT)
        /* Translators: one account in a list: name, and what it is short of an instalment */
        line = g_strdup_printf (_("%s: missed an instalment, %s short"), name, amount);
      else
        /* Translators: one account in a list: name, days overdue, amount overdue */
        line = g_strdup_printf (ngettext ("%s: %d day, %s", "%s: %d days, %s",
                                          alert->days_late),
                                name, alert->days_late, amount);
      if (i > 0)
        g_string_append_c (body, '\n');
      append_text (self, body, line);
    }
  if (n > RCV_NOTIFIER_SUMMARY_LINES)
    {
      guint more = n - RCV_NOTIFIER_SUMMARY_LINES;
      g_autofree char *line = g_strdup_printf (ngettext ("and %u more", "and %u more", more),
                                               more);

      g_string_append_c (body, '\n');
      append_text (self, body, line);
    }

  notification = notify_notification_new (summary, body->str, APPLICATION_ID);
  if (self->has_actions)
    {
      notify_notification_add_action (notification, "default", _("Show Accounts"), on_action,
                                      self, NULL);
      notify_notification_add_action (notification, "show-accounts", _("Show Accounts"),
                                      on_action, self, NULL);
      notify_notification_add_action (notification, "prepare-reminders",
                                      _("Prepare Reminders"), on_action, self, NULL);
    }
  return notification;
}

static gboolean
show (RcvNotifier        *self,
      NotifyNotification *notification,
      const char         *company_path,
      gint64              customer_id,
      GError            **error)
{
  Target *target = g_new0 (Target, 1);

  target->company_path = g_strdup (company_path);
  target->customer_id = customer_id;
  g_object_set_data_full (G_OBJECT (notification), "rcv-target", target, target_free);
  notify_notification_set_hint_string (notification, "desktop-entry", APPLICATION_ID);
  notify_notification_set_category (notification, "x-receivables.overdue");
  notify_notification_set_urgency (notification, NOTIFY_URGENCY_NORMAL);
  if (!notify_notification_show (notification, error))
    {
      g_object_unref (notification);
      return FALSE;
    }
  g_signal_connect (notification, "closed", G_CALLBACK (on_closed), self);
  g_ptr_array_add (self->shown, notification);
  return TRUE;
}

/* Tells the crossings of `company_path`: one notification each, or one summary of them all
 * when there are RCV_ALERTS_SUMMARY_MIN or more. `n_told` is set to how many crossings were
 * told: the first n_told of the array; on error (no notification server, say) the others were
 * not, and the caller gives them back with rcv_alerts_release(). */
gboolean
rcv_notifier_send (RcvNotifier       *self,
                   const char        *company_path,
                   const RcvCurrency *currency,
                   GPtrArray         *crossings,
                   guint             *n_told,
                   GError           **error)
{
  g_return_val_if_fail (RCV_IS_NOTIFIER (self), FALSE);
  g_return_val_if_fail (company_path != NULL, FALSE);
  g_return_val_if_fail (crossings != NULL, FALSE);
  g_return_val_if_fail (n_told != NULL, FALSE);

  *n_told = 0;
  if (crossings->len == 0)
    return TRUE;
  if (!query_server (self, error))
    return FALSE;

  if (crossings->len >= RCV_ALERTS_SUMMARY_MIN)
    {
      if (!show (self, notification_for_several (self, crossings, currency), company_path, 0,
                 error))
        return FALSE;
      *n_told = crossings->len;
      return TRUE;
    }

  for (guint i = 0; i < crossings->len; i++)
    {
      const RcvAlert *alert = g_ptr_array_index (crossings, i);

      if (!show (self, notification_for_one (self, alert, currency), company_path,
                 alert->customer_id, error))
        return FALSE;
      (*n_told)++;
    }
  return TRUE;
}

/* Whether a notification it showed is still open, or an action's call unanswered. */
gboolean
rcv_notifier_is_busy (RcvNotifier *self)
{
  g_return_val_if_fail (RCV_IS_NOTIFIER (self), FALSE);

  return self->shown->len > 0 || self->n_pending > 0;
}

/* Whether the server shows actions (known after the first rcv_notifier_send()). */
gboolean
rcv_notifier_server_has_actions (RcvNotifier *self)
{
  g_return_val_if_fail (RCV_IS_NOTIFIER (self), FALSE);

  return self->has_actions;
}
