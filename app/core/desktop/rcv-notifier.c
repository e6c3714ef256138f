/* rcv-notifier.c - alerts told as desktop notifications (org.freedesktop.Notifications over
 * GDBus), with actions that open the account in the app through D-Bus activation
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
 *
 * The window sends from its main loop (rcv_notifier_send_async ()): every call to the server
 * is asynchronous and has a timeout, so a notification daemon that hangs costs the window
 * nothing but the notifications, which the caller gives back for the next check. That is why
 * this speaks the protocol with GDBus rather than through libnotify, whose calls block.
 * receivables-cli, which has nothing else to do meanwhile, uses rcv_notifier_send ().
 */
#define G_LOG_DOMAIN "rcv-notifier"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rcv-date.h"
#include "rcv-notifier.h"
#include "rcv-text.h"

#define NOTIFICATIONS_NAME "org.freedesktop.Notifications"
#define NOTIFICATIONS_PATH "/org/freedesktop/Notifications"
#define NOTIFICATIONS_INTERFACE "org.freedesktop.Notifications"

struct _RcvNotifier
{
  GObject parent_instance;

  GDBusConnection *bus;    /* the session bus, once a send has found it */
  guint signals_id;        /* the server's signals, subscribed on bus */
  GHashTable *shown;       /* server's ID → Target, until the server closes them */
  GHashTable *tokens;      /* server's ID → activation token of the action on its way */
  guint n_pending;         /* ActivateAction calls not yet answered */
  int timeout_ms;
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

/* A notification to show: its words, its actions (key, label, key, label…), its account. */
typedef struct
{
  char *summary;
  char *body;
  GPtrArray *actions;
  gint64 customer_id;
} Message;

/* What a send works through: the messages built once the server's capabilities are known. */
typedef struct
{
  char *company_path;
  RcvCurrency currency;
  GPtrArray *crossings;
  GPtrArray *messages;     /* Message */
  guint next;              /* the message to show next */
  guint n_told;
} Send;

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

static void
message_free (gpointer pointer)
{
  Message *message = pointer;

  g_free (message->summary);
  g_free (message->body);
  g_ptr_array_unref (message->actions);
  g_free (message);
}

static void
send_free (gpointer pointer)
{
  Send *send = pointer;

  g_free (send->company_path);
  g_ptr_array_unref (send->crossings);
  g_clear_pointer (&send->messages, g_ptr_array_unref);
  g_free (send);
}

static Message *
message_new (char *summary,
             char *body)
{
  Message *message = g_new0 (Message, 1);

  message->summary = summary;
  message->body = body;
  message->actions = g_ptr_array_new_with_free_func (g_free);
  return message;
}

static void
message_add_action (Message    *message,
                    const char *key,
                    const char *label)
{
  g_ptr_array_add (message->actions, g_strdup (key));
  g_ptr_array_add (message->actions, g_strdup (label));
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

/* The user chose an action of notification `id` (or clicked it: "default"): the app is asked
 * to run its own action for the notification's account. */
static void
on_action (RcvNotifier *self,
           guint32      id,
           const char  *action)
{
  const Target *target = g_hash_table_lookup (self->shown, GUINT_TO_POINTER (id));
  g_autofree char *token = NULL;
  g_autofree char *object_path = rcv_notifier_dbus_path (APPLICATION_ID);
  GVariantBuilder platform;
  Activation *activation;
  const char *app_action;

  g_hash_table_steal_extended (self->tokens, GUINT_TO_POINTER (id), NULL, (gpointer *) &token);
  if (target == NULL)
    return;
  if (g_str_equal (action, "prepare-reminder") || g_str_equal (action, "prepare-reminders"))
    app_action = RCV_ACTION_PREPARE_REMINDER;
  else
    app_action = RCV_ACTION_OPEN_CUSTOMER;

  /* lets the app take the focus the user gave the notification */
  g_variant_builder_init (&platform, G_VARIANT_TYPE_VARDICT);
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
  g_dbus_connection_call (self->bus, APPLICATION_ID, object_path, "org.freedesktop.Application",
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

/* The server's signals: ActivationToken comes just before the ActionInvoked it belongs to;
 * NotificationClosed lets go of a notification. */
static void
on_server_signal (GDBusConnection *connection,
                  const char      *sender_name,
                  const char      *object_path,
                  const char      *interface_name,
                  const char      *signal_name,
                  GVariant        *parameters,
                  gpointer         user_data)
{
  RcvNotifier *self = RCV_NOTIFIER (user_data);
  guint32 id;

  if (g_str_equal (signal_name, "ActivationToken") &&
      g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(us)")))
    {
      const char *token;

      g_variant_get (parameters, "(u&s)", &id, &token);
      if (g_hash_table_contains (self->shown, GUINT_TO_POINTER (id)))
        g_hash_table_replace (self->tokens, GUINT_TO_POINTER (id), g_strdup (token));
    }
  else if (g_str_equal (signal_name, "ActionInvoked") &&
           g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(us)")))
    {
      const char *action;

      g_variant_get (parameters, "(u&s)", &id, &action);
      on_action (self, id, action);
    }
  else if (g_str_equal (signal_name, "NotificationClosed") &&
           g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(uu)")))
    {
      g_variant_get (parameters, "(uu)", &id, NULL);
      g_hash_table_remove (self->tokens, GUINT_TO_POINTER (id));
      if (g_hash_table_remove (self->shown, GUINT_TO_POINTER (id)))
        g_signal_emit (self, signals[CHANGED], 0);
    }
}

/* Keeps the bus, listening to the server's signals on it from the calling thread's context. */
static void
use_bus (RcvNotifier     *self,
         GDBusConnection *bus)
{
  if (self->bus == bus)
    return;
  if (self->bus != NULL && self->signals_id != 0)
    g_dbus_connection_signal_unsubscribe (self->bus, self->signals_id);
  g_set_object (&self->bus, bus);
  self->signals_id = g_dbus_connection_signal_subscribe (bus, NOTIFICATIONS_NAME,
                                                         NOTIFICATIONS_INTERFACE, NULL,
                                                         NOTIFICATIONS_PATH, NULL,
                                                         G_DBUS_SIGNAL_FLAGS_NONE,
                                                         on_server_signal, self, NULL);
}

static void
rcv_notifier_dispose (GObject *object)
{
  RcvNotifier *self = RCV_NOTIFIER (object);

  if (self->bus != NULL && self->signals_id != 0)
    g_dbus_connection_signal_unsubscribe (self->bus, self->signals_id);
  self->signals_id = 0;
  g_clear_object (&self->bus);
  g_clear_pointer (&self->shown, g_hash_table_unref);
  g_clear_pointer (&self->tokens, g_hash_table_unref);

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
  self->shown = g_hash_table_new_full (NULL, NULL, NULL, target_free);
  self->tokens = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->timeout_ms = RCV_NOTIFIER_TIMEOUT_MS;
}

RcvNotifier *
rcv_notifier_new (void)
{
  return g_object_new (RCV_TYPE_NOTIFIER, NULL);
}

/* How long each call to the notification server may take (the tests shorten it). */
void
rcv_notifier_set_timeout (RcvNotifier *self,
                          int          timeout_ms)
{
  g_return_if_fail (RCV_IS_NOTIFIER (self));
  g_return_if_fail (timeout_ms > 0);

  self->timeout_ms = timeout_ms;
}

/* The server's answer to GetCapabilities. */
static void
read_capabilities (RcvNotifier *self,
                   GVariant    *reply)
{
  g_autofree const char **caps = NULL;

  g_variant_get (reply, "(^a&s)", &caps);
  self->has_actions = g_strv_contains (caps, "actions");
  self->has_markup = g_strv_contains (caps, "body-markup");
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

static Message *
message_for_one (RcvNotifier       *self,
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
  Message *message;

  if (alert->kind == RCV_ALERT_INSTALMENT)
    {
      /* Translators: the notification's title: a customer's name */
      summary = g_strdup_printf (_("%s missed an instalment"), name);
      /* Translators: the instalment's number in its payment plan, its date, and the amount
       * still missing */
      oldest = g_strdup_printf (_("Instalment %u, due %s: %s short"), alert->seq, due, amount);
      append_text (self, body, oldest);
      message = message_new (g_steal_pointer (&summary), g_string_free (g_steal_pointer (&body),
                                                                        FALSE));
      message->customer_id = alert->customer_id;
      if (self->has_actions)
        {
          message_add_action (message, "default", _("Open Account"));
          message_add_action (message, "open-account", _("Open Account"));
        }
      return message;
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

  message = message_new (g_steal_pointer (&summary), g_string_free (g_steal_pointer (&body),
                                                                    FALSE));
  message->customer_id = alert->customer_id;
  if (self->has_actions)
    {
      message_add_action (message, "default", _("Open Account"));
      message_add_action (message, "open-account", _("Open Account"));
      message_add_action (message, "prepare-reminder", _("Prepare Reminder"));
    }
  return message;
}

static Message *
message_for_several (RcvNotifier       *self,
                     GPtrArray         *crossings,
                     const RcvCurrency *currency)
{
  g_autofree char *summary = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  Message *message;
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

  message = message_new (g_steal_pointer (&summary), g_string_free (g_steal_pointer (&body),
                                                                    FALSE));
  if (self->has_actions)
    {
      message_add_action (message, "default", _("Show Accounts"));
      message_add_action (message, "show-accounts", _("Show Accounts"));
      message_add_action (message, "prepare-reminders", _("Prepare Reminders"));
    }
  return message;
}

/* The notifications a send shows: one per crossing, or one summary of them all when there are
 * RCV_ALERTS_SUMMARY_MIN or more. */
static GPtrArray *
build_messages (RcvNotifier *self,
                Send        *send)
{
  GPtrArray *messages = g_ptr_array_new_with_free_func (message_free);

  if (send->crossings->len >= RCV_ALERTS_SUMMARY_MIN)
    {
      g_ptr_array_add (messages, message_for_several (self, send->crossings, &send->currency));
      return messages;
    }
  for (guint i = 0; i < send->crossings->len; i++)
    g_ptr_array_add (messages, message_for_one (self, g_ptr_array_index (send->crossings, i),
                                                &send->currency));
  return messages;
}

/* The Notify call's parameters, as libnotify would send them. */
static GVariant *
notify_parameters (const Message *message)
{
  GVariantBuilder actions, hints;

  g_variant_builder_init (&actions, G_VARIANT_TYPE_STRING_ARRAY);
  for (guint i = 0; i < message->actions->len; i++)
    g_variant_builder_add (&actions, "s", g_ptr_array_index (message->actions, i));
  g_variant_builder_init (&hints, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&hints, "{sv}", "desktop-entry", g_variant_new_string (APPLICATION_ID));
  g_variant_builder_add (&hints, "{sv}", "category",
                         g_variant_new_string ("x-receivables.overdue"));
  g_variant_builder_add (&hints, "{sv}", "urgency", g_variant_new_byte (1));   /* normal */
  return g_variant_new ("(susssasa{sv}i)", _("Receivables"), 0, APPLICATION_ID,
                        message->summary, message->body, &actions, &hints, -1);
}

/* Notification `id` is on screen: its actions are for the account of `message`. */
static void
remember_shown (RcvNotifier   *self,
                Send          *send,
                const Message *message,
                GVariant      *reply)
{
  Target *target = g_new0 (Target, 1);
  guint32 id;

  g_variant_get (reply, "(u)", &id);
  target->company_path = g_strdup (send->company_path);
  target->customer_id = message->customer_id;
  g_hash_table_replace (self->shown, GUINT_TO_POINTER (id), target);
  /* a summary tells all its crossings at once */
  send->n_told = send->crossings->len >= RCV_ALERTS_SUMMARY_MIN ? send->crossings->len
                                                                : send->n_told + 1;
}

static Send *
send_new (const char        *company_path,
          const RcvCurrency *currency,
          GPtrArray         *crossings)
{
  Send *send = g_new0 (Send, 1);

  send->company_path = g_strdup (company_path);
  send->currency = *currency;
  send->crossings = g_ptr_array_ref (crossings);
  return send;
}

/* Tells the crossings of `company_path`: one notification each, or one summary of them all
 * when there are RCV_ALERTS_SUMMARY_MIN or more. `n_told` is set to how many crossings were
 * told: the first n_told of the array; on error (no notification server, say) the others were
 * not, and the caller gives them back with rcv_alerts_release(). This blocks while the server
 * answers (at most the timeout per call): the window uses rcv_notifier_send_async(). */
gboolean
rcv_notifier_send (RcvNotifier       *self,
                   const char        *company_path,
                   const RcvCurrency *currency,
                   GPtrArray         *crossings,
                   guint             *n_told,
                   GError           **error)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) caps = NULL;
  Send *send;
  gboolean ok = TRUE;

  g_return_val_if_fail (RCV_IS_NOTIFIER (self), FALSE);
  g_return_val_if_fail (company_path != NULL, FALSE);
  g_return_val_if_fail (currency != NULL, FALSE);
  g_return_val_if_fail (crossings != NULL, FALSE);
  g_return_val_if_fail (n_told != NULL, FALSE);

  *n_told = 0;
  if (crossings->len == 0)
    return TRUE;
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, error);
  if (bus == NULL)
    return FALSE;
  caps = g_dbus_connection_call_sync (bus, NOTIFICATIONS_NAME, NOTIFICATIONS_PATH,
                                      NOTIFICATIONS_INTERFACE, "GetCapabilities", NULL,
                                      G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE,
                                      self->timeout_ms, NULL, error);
  if (caps == NULL)
    return FALSE;
  read_capabilities (self, caps);
  use_bus (self, bus);

  send = send_new (company_path, currency, crossings);
  send->messages = build_messages (self, send);
  for (guint i = 0; ok && i < send->messages->len; i++)
    {
      const Message *message = g_ptr_array_index (send->messages, i);
      g_autoptr(GVariant) reply = NULL;

      reply = g_dbus_connection_call_sync (bus, NOTIFICATIONS_NAME, NOTIFICATIONS_PATH,
                                           NOTIFICATIONS_INTERFACE, "Notify",
                                           notify_parameters (message), G_VARIANT_TYPE ("(u)"),
                                           G_DBUS_CALL_FLAGS_NONE, self->timeout_ms, NULL,
                                           error);
      if (reply != NULL)
        remember_shown (self, send, message, reply);
      ok = reply != NULL;
    }
  *n_told = send->n_told;
  send_free (send);
  return ok;
}

static void send_next (GTask *task);

static void
on_notify_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RcvNotifier *self = g_task_get_source_object (task);
  Send *send = g_task_get_task_data (task);
  g_autoptr(GVariant) reply = NULL;
  GError *error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  remember_shown (self, send, g_ptr_array_index (send->messages, send->next), reply);
  send->next++;
  send_next (g_steal_pointer (&task));
}

/* Shows the next message, one call at a time so that n_told follows the crossings' order. */
static void
send_next (GTask *task)
{
  RcvNotifier *self = g_task_get_source_object (task);
  Send *send = g_task_get_task_data (task);

  if (send->next >= send->messages->len)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  g_dbus_connection_call (self->bus, NOTIFICATIONS_NAME, NOTIFICATIONS_PATH,
                          NOTIFICATIONS_INTERFACE, "Notify",
                          notify_parameters (g_ptr_array_index (send->messages, send->next)),
                          G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, self->timeout_ms,
                          g_task_get_cancellable (task), on_notify_done, task);
}

static void
on_capabilities (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RcvNotifier *self = g_task_get_source_object (task);
  Send *send = g_task_get_task_data (task);
  g_autoptr(GVariant) caps = NULL;
  GError *error = NULL;

  caps = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (caps == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  read_capabilities (self, caps);
  send->messages = build_messages (self, send);
  send_next (g_steal_pointer (&task));
}

static void
on_bus (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RcvNotifier *self = g_task_get_source_object (task);
  g_autoptr(GDBusConnection) bus = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  bus = g_bus_get_finish (result, &error);
  if (bus == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  use_bus (self, bus);
  cancellable = g_task_get_cancellable (task);
  g_dbus_connection_call (bus, NOTIFICATIONS_NAME, NOTIFICATIONS_PATH, NOTIFICATIONS_INTERFACE,
                          "GetCapabilities", NULL, G_VARIANT_TYPE ("(as)"),
                          G_DBUS_CALL_FLAGS_NONE, self->timeout_ms, cancellable,
                          on_capabilities, g_steal_pointer (&task));
}

/* rcv_notifier_send() without blocking: each call to the server is asynchronous and gives up
 * after the timeout, so a server that never answers leaves the caller's main loop running.
 * The notifications' signals are heard in the thread-default main context of the caller. */
void
rcv_notifier_send_async (RcvNotifier        *self,
                         const char         *company_path,
                         const RcvCurrency  *currency,
                         GPtrArray          *crossings,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RCV_IS_NOTIFIER (self));
  g_return_if_fail (company_path != NULL);
  g_return_if_fail (currency != NULL);
  g_return_if_fail (crossings != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rcv_notifier_send_async);
  g_task_set_task_data (task, send_new (company_path, currency, crossings), send_free);
  if (crossings->len == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_bus_get (G_BUS_TYPE_SESSION, cancellable, on_bus, g_steal_pointer (&task));
}

/* `n_told` is set on error too: the first n_told crossings were told, the others were not. */
gboolean
rcv_notifier_send_finish (RcvNotifier  *self,
                          GAsyncResult *result,
                          guint        *n_told,
                          GError      **error)
{
  Send *send;

  g_return_val_if_fail (RCV_IS_NOTIFIER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (n_told != NULL, FALSE);

  send = g_task_get_task_data (G_TASK (result));
  *n_told = send->n_told;
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Whether a notification it showed is still open, or an action's call unanswered. */
gboolean
rcv_notifier_is_busy (RcvNotifier *self)
{
  g_return_val_if_fail (RCV_IS_NOTIFIER (self), FALSE);

  return g_hash_table_size (self->shown) > 0 || self->n_pending > 0;
}

/* Whether the server shows actions (known after the first rcv_notifier_send()). */
gboolean
rcv_notifier_server_has_actions (RcvNotifier *self)
{
  g_return_val_if_fail (RCV_IS_NOTIFIER (self), FALSE);

  return self->has_actions;
}
