/* rcv-cli-check.c - receivables-cli check: the accounts that passed an alert threshold, told
 * as desktop notifications with --notify (for a daily timer while the app is closed)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "receivables-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <stdio.h>
#include <unistd.h>

#include "rcv-alerts.h"
#include "rcv-cli.h"
#include "rcv-date.h"
#include "rcv-notifier.h"

/* How long `check --notify` stays to carry out a notification's action: the notifications
 * live in the desktop's message list, and an action needs this process to answer it. */
#define WAIT_FOR_ACTIONS_SECONDS 3600

static const RcvCliColumn columns[] = {
  { N_("ID"), 8, FALSE }, { N_("Customer"), 28, FALSE }, { N_("Passed"), 13, TRUE },
  { N_("Days late"), 10, TRUE }, { N_("Oldest"), 12, FALSE }, { N_("Overdue"), 16, TRUE },
};

static char *
check_to_text (const RcvAlertCheck *check,
               const RcvCurrency   *currency)
{
  GString *out = g_string_new (NULL);
  char date[RCV_ISO_DATE_LEN];
  guint n_thresholds = 0;

  rcv_date_to_iso (&check->as_of, date);
  if (check->crossings->len == 0)
    g_string_append_printf (out, _("No account passed an alert threshold as of %s.\n"), date);
  else
    {
      g_string_append_printf (out, _("Accounts that passed an alert threshold as of %s\n\n"),
                              date);
      rcv_cli_append_header (out, columns, G_N_ELEMENTS (columns));
    }
  for (guint i = 0; i < check->crossings->len; i++)
    {
      const RcvAlert *alert = g_ptr_array_index (check->crossings, i);
      gboolean instalment = alert->kind == RCV_ALERT_INSTALMENT;
      g_autofree char *passed = NULL;
      g_autofree char *late = g_strdup_printf ("%d", alert->days_late);
      g_autofree char *overdue = rcv_money_format (alert->overdue, currency);
      char due[RCV_ISO_DATE_LEN];
      const char *texts[6];

      /* a missed instalment: its number in the plan, and its date in the "Oldest" column */
      passed = instalment ? g_strdup_printf (_("instalment %u"), alert->seq)
                          : g_strdup_printf (ngettext ("%d day", "%d days", alert->days),
                                             alert->days);
      rcv_date_to_iso (&alert->oldest_due, due);
      texts[0] = alert->code;
      texts[1] = alert->name;
      texts[2] = passed;
      texts[3] = late;
      texts[4] = instalment ? due : alert->oldest_number;
      texts[5] = overdue;
      rcv_cli_append_row (out, columns, G_N_ELEMENTS (columns), texts);
      n_thresholds += !instalment;
    }
  if (check->n_passed > n_thresholds)
    {
      guint before = check->n_passed - n_thresholds;

      g_string_append_printf (out, ngettext ("%u more account is past a threshold and was told "
                                             "before.\n",
                                             "%u more accounts are past a threshold and were "
                                             "told before.\n", before),
                              before);
    }
  return g_string_free (out, FALSE);
}

typedef struct
{
  GMainLoop *loop;
  RcvNotifier *notifier;
} Wait;

static void
on_changed (RcvNotifier *notifier,
            gpointer     user_data)
{
  Wait *wait = user_data;

  if (!rcv_notifier_is_busy (notifier))
    g_main_loop_quit (wait->loop);
}

static void
on_activated (RcvNotifier  *notifier,
              const char   *action,
              const char   *company_path,
              gint64        customer_id,
              const GError *error,
              gpointer      user_data)
{
  if (error != NULL)
    g_printerr (_("receivables-cli: could not open Receivables: %s\n"), error->message);
}

static gboolean
on_stop (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

/* Stays while a notification is shown, so that its actions reach the app. */
static void
wait_for_actions (RcvNotifier *notifier)
{
  Wait wait = { g_main_loop_new (NULL, FALSE), notifier };
  guint sources[3];

  if (isatty (STDOUT_FILENO))
    g_print (_("Waiting for the notifications to be closed (at most an hour; Ctrl+C stops)…\n"));
  fflush (stdout);
  g_signal_connect (notifier, "changed", G_CALLBACK (on_changed), &wait);
  sources[0] = g_timeout_add_seconds (WAIT_FOR_ACTIONS_SECONDS, on_stop, wait.loop);
  sources[1] = g_unix_signal_add (SIGINT, on_stop, wait.loop);
  sources[2] = g_unix_signal_add (SIGTERM, on_stop, wait.loop);
  g_main_loop_run (wait.loop);
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    g_source_remove (sources[i]);
  g_signal_handlers_disconnect_by_data (notifier, &wait);
  g_main_loop_unref (wait.loop);
}

/* Sends the crossings claimed; gives back those it could not send. */
static int
notify (RcvDatabase   *db,
        RcvAlertCheck *check)
{
  g_autoptr(RcvNotifier) notifier = rcv_notifier_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) release_error = NULL;
  guint n_told = 0;

  if (check->crossings->len == 0)
    return EXIT_OK;
  g_print ("\n");
  g_signal_connect (notifier, "activated", G_CALLBACK (on_activated), NULL);
  if (rcv_notifier_send (notifier, rcv_database_get_path (db), rcv_database_get_currency (db),
                         check->crossings, &n_told, &error))
    {
      g_print (ngettext ("Sent a notification for %u account.\n",
                         "Sent notifications for %u accounts.\n", n_told), n_told);
      if (rcv_notifier_server_has_actions (notifier) && rcv_notifier_is_busy (notifier))
        wait_for_actions (notifier);
      return EXIT_OK;
    }

  /* no notification server is not a failure of the check: the next one tells them */
  g_printerr (_("receivables-cli: warning: no notification could be shown (%s); the next "
                "check will tell these accounts again\n"), error->message);
  if (!rcv_alerts_release (db, check->crossings, n_told, &release_error))
    return rcv_cli_report_error (release_error);
  return EXIT_OK;
}

int
command_check (const char  *database,
               int          argc,
               char       **argv)
{
  g_autoptr(RcvDatabase) db = NULL;
  g_autoptr(RcvAlertCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *as_of_text = NULL;
  g_autofree char *output = NULL;
  gboolean send = FALSE;
  int status = EXIT_OK;
  GDate as_of;
  GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text,
      N_("Check as of this date (default: today)"), "YYYY-MM-DD" },
    { "notify", 0, 0, G_OPTION_ARG_NONE, &send,
      N_("Send the alerts as desktop notifications, and remember them as told"), NULL },
    { NULL }
  };

  if (!rcv_cli_parse_options ("check", entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return rcv_cli_usage_error (_("check takes no arguments besides its options"));
  if (!rcv_cli_parse_as_of (as_of_text, &as_of, &status))
    return status;

  db = rcv_cli_open_database (database, send, &status);
  if (db == NULL)
    return status;
  check = rcv_alerts_check (db, &as_of, send, NULL, &error);
  if (check == NULL)
    return rcv_cli_report_error (error);

  output = check_to_text (check, rcv_database_get_currency (db));
  fputs (output, stdout);
  if (!send)
    {
      if (check->crossings->len > 0)
        g_print (_("\nNothing was sent: --notify sends these and remembers them as told.\n"));
      return EXIT_OK;
    }
  return notify (db, check);
}
