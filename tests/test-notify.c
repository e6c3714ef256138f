/* test-notify.c - alerts sent as desktop notifications: what a notification server receives,
 * its actions reaching the app through D-Bus, receivables-cli check end to end
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs on a D-Bus session bus of its own (dbus-run-session), with the stand-in server of
 * rcv-fake-notifications.c in place of the desktop's.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "rcv-alerts.h"
#include "rcv-collections.h"
#include "rcv-daily-check.h"
#include "rcv-fake-notifications.h"
#include "rcv-notifier.h"
#include "rcv-test-utils.h"

#define AS_OF "2026-06-01"
/* each name in a notification is a directional isolate of its own */
#define FSI "\u2068"
#define PDI "\u2069"

/* the first customer's name, when a test wants another one */
static const char *first_name = NULL;

/* A company whose first `n` customers are late: customer i's oldest invoice is 95 days late
 * for even i, 65 for odd i; the first one's name needs escaping in markup. */
static RcvDatabase *
company_with_late_accounts (guint   n,
                            char  **path)
{
  RcvDatabase *db = rcv_test_open_new (path);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *code = g_strdup_printf ("K%02u", i + 1);
      g_autofree char *name = i == 0 ? g_strdup (first_name != NULL ? first_name : "Smith & <Sons>")
                                     : g_strdup_printf ("Customer %u", i + 1);
      g_autofree char *number = g_strdup_printf ("R-%02u", i + 1);
      gint64 customer = rcv_test_customer (db, code, name);

      rcv_test_invoice (db, customer, number, "2026-01-01", i % 2 == 0 ? "2026-02-26"
                                                                       : "2026-03-28",
                        100000 + i);
    }
  return db;
}

static RcvAlertCheck *
claim (RcvDatabase *db)
{
  g_autoptr(GError) error = NULL;
  RcvAlertCheck *check = rcv_alerts_check (db, rcv_test_date (AS_OF), TRUE, NULL, &error);

  g_assert_no_error (error);
  return check;
}

static void
send_all (RcvNotifier *notifier,
          RcvDatabase *db,
          GPtrArray   *crossings)
{
  g_autoptr(GError) error = NULL;
  guint n_told = 0;

  rcv_notifier_send (notifier, rcv_database_get_path (db), rcv_database_get_currency (db),
                     crossings, &n_told, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_told, ==, crossings->len);
}

static gboolean
notifier_idle (gpointer data)
{
  return !rcv_notifier_is_busy (data);
}

static gboolean
has_notification (gpointer data)
{
  return rcv_fake_notifications_count (data) > 0;
}

/* One notification per account: the name in summary and body (escaped in the body, which is
 * markup), the amount, the oldest invoice, the actions, the app's name and icon. */
static void
test_one_each (void)
{
  RcvFakeNotifications *fake = rcv_fake_notifications_start (RCV_FAKE_ACTIONS | RCV_FAKE_MARKUP);
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = company_with_late_accounts (2, &path);
  g_autoptr(RcvAlertCheck) check = claim (db);
  g_autoptr(RcvNotifier) notifier = rcv_notifier_new ();
  g_autoptr(RcvFakeNotification) first = NULL;
  g_autoptr(RcvFakeNotification) second = NULL;
  const char *actions[] = { "default", "Open Account", "open-account", "Open Account",
                            "prepare-reminder", "Prepare Reminder", NULL };

  g_assert_cmpuint (check->crossings->len, ==, 2);
  send_all (notifier, db, check->crossings);
  g_assert_cmpuint (rcv_fake_notifications_count (fake), ==, 2);

  first = rcv_fake_notifications_get (fake, 0);
  g_assert_cmpstr (first->summary, ==, FSI "Smith & <Sons>" PDI " is 95 days overdue");
  g_assert_cmpstr (first->body, ==, FSI "Smith &amp; &lt;Sons&gt;" PDI ": 1,000.00 € overdue\n"
                                    "Oldest invoice: " FSI "R-01" PDI ", due 02/26/2026");   /* C, 4-digit year */
  g_assert_cmpstr (first->app_name, ==, "Receivables");
  g_assert_cmpstr (first->app_icon, ==, APPLICATION_ID);
  g_assert_cmpstr (first->desktop_entry, ==, APPLICATION_ID);
  g_assert_cmpstrv (first->actions, actions);

  second = rcv_fake_notifications_get (fake, 1);
  g_assert_cmpstr (second->summary, ==, FSI "Customer 2" PDI " is 65 days overdue");
  g_assert_nonnull (strstr (second->body, "1,000.01 € overdue"));
  g_assert_true (rcv_notifier_is_busy (notifier));

  /* dismissed by the user: the notifier lets go of them */
  rcv_fake_notifications_close_all (fake);
  rcv_test_wait_until (notifier_idle, notifier);
  rcv_fake_notifications_stop (fake);
}

/* A server without markup or actions gets plain text and no actions. */
static void
test_plain_server (void)
{
  RcvFakeNotifications *fake = rcv_fake_notifications_start (0);
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = company_with_late_accounts (1, &path);
  g_autoptr(RcvAlertCheck) check = claim (db);
  g_autoptr(RcvNotifier) notifier = rcv_notifier_new ();
  g_autoptr(RcvFakeNotification) n = NULL;

  send_all (notifier, db, check->crossings);
  n = rcv_fake_notifications_get (fake, 0);
  g_assert_true (g_str_has_prefix (n->body, FSI "Smith & <Sons>" PDI ": 1,000.00 € overdue"));
  g_assert_cmpuint (g_strv_length (n->actions), ==, 0);
  g_assert_false (rcv_notifier_server_has_actions (notifier));
  rcv_fake_notifications_stop (fake);
}

/* Six accounts or more at once: one summary naming them, eight at most, then a count. */
static void
test_summary (void)
{
  RcvFakeNotifications *fake = rcv_fake_notifications_start (RCV_FAKE_ACTIONS | RCV_FAKE_MARKUP);
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = company_with_late_accounts (11, &path);
  g_autoptr(RcvAlertCheck) check = claim (db);
  g_autoptr(RcvNotifier) notifier = rcv_notifier_new ();
  g_autoptr(RcvFakeNotification) n = NULL;
  g_auto(GStrv) lines = NULL;
  const char *actions[] = { "default", "Show Accounts", "show-accounts", "Show Accounts",
                            "prepare-reminders", "Prepare Reminders", NULL };

  g_assert_cmpuint (check->crossings->len, ==, 11);
  send_all (notifier, db, check->crossings);
  g_assert_cmpuint (rcv_fake_notifications_count (fake), ==, 1);
  n = rcv_fake_notifications_get (fake, 0);
  g_assert_cmpstr (n->summary, ==, "11 accounts passed an overdue alert");
  lines = g_strsplit (n->body, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, RCV_NOTIFIER_SUMMARY_LINES + 1);
  /* the 90-day accounts first, the larger amount first among them */
  g_assert_cmpstr (lines[0], ==, FSI "Customer 11" PDI ": 95 days, 1,000.10 €");
  g_assert_nonnull (strstr (n->body, FSI "Smith &amp; &lt;Sons&gt;" PDI ": 95 days, 1,000.00 €"));
  g_assert_cmpstr (lines[RCV_NOTIFIER_SUMMARY_LINES], ==, "and 3 more");
  g_assert_cmpstrv (n->actions, actions);

  /* exactly five stay five notifications */
  rcv_fake_notifications_clear (fake);
  g_ptr_array_set_size (check->crossings, RCV_ALERTS_SUMMARY_MIN - 1);
  send_all (notifier, db, check->crossings);
  g_assert_cmpuint (rcv_fake_notifications_count (fake), ==, RCV_ALERTS_SUMMARY_MIN - 1);
  rcv_fake_notifications_stop (fake);
}

static void
on_activated (RcvNotifier  *notifier,
              const char   *action,
              const char   *company_path,
              gint64        customer_id,
              const GError *error,
              gpointer      user_data)
{
  char **text = user_data;

  g_assert_no_error ((GError *) error);
  *text = g_strdup_printf ("%s %s %" G_GINT64_FORMAT, action, company_path, customer_id);
}

/* Clicking "Prepare Reminder" asks the app, on the bus, for that customer's reminder. */
static void
test_action_reaches_app (void)
{
  RcvFakeNotifications *fake = rcv_fake_notifications_start (RCV_FAKE_ACTIONS);
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = company_with_late_accounts (1, &path);
  g_autoptr(RcvAlertCheck) check = claim (db);
  g_autoptr(RcvNotifier) notifier = rcv_notifier_new ();
  g_autoptr(RcvFakeNotification) n = NULL;
  g_autofree char *activated = NULL;
  g_autofree char *call = NULL;
  g_autofree char *expected = NULL;
  const RcvAlert *alert = g_ptr_array_index (check->crossings, 0);

  rcv_fake_notifications_own_app (fake, APPLICATION_ID);
  g_signal_connect (notifier, "activated", G_CALLBACK (on_activated), &activated);
  send_all (notifier, db, check->crossings);
  n = rcv_fake_notifications_get (fake, 0);
  rcv_fake_notifications_invoke (fake, n->id, "prepare-reminder");
  rcv_test_wait_until (notifier_idle, notifier);

  expected = g_strdup_printf ("prepare-reminder %s %" G_GINT64_FORMAT, path, alert->customer_id);
  g_assert_cmpstr (activated, ==, expected);
  call = rcv_fake_notifications_next_call (fake);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("prepare-reminder [<('%s', int64 %" G_GINT64_FORMAT ")>] "
                              "fake-token-%u", path, alert->customer_id, n->id);
  g_assert_cmpstr (call, ==, expected);
  rcv_fake_notifications_stop (fake);
}

/* No notification server: an error, and nothing shown. */
static void
test_no_server (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = company_with_late_accounts (1, &path);
  g_autoptr(RcvAlertCheck) check = claim (db);
  g_autoptr(RcvNotifier) notifier = rcv_notifier_new ();
  g_autoptr(GError) error = NULL;
  guint n_told = 7;

  g_assert_false (rcv_notifier_send (notifier, path, rcv_database_get_currency (db),
                                     check->crossings, &n_told, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (n_told, ==, 0);
  g_assert_false (rcv_notifier_is_busy (notifier));
}

/* ---- from a main loop ---------------------------------------------------------------- */

typedef struct
{
  gboolean done;
  gboolean ok;
  guint n_told;
  guint ticks;             /* the main loop's heartbeat while the send was under way */
  GError *error;
} Sent;

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Sent *sent = user_data;

  sent->ok = rcv_notifier_send_finish (RCV_NOTIFIER (source), result, &sent->n_told,
                                       &sent->error);
  sent->done = TRUE;
}

static gboolean
on_tick (gpointer user_data)
{
  Sent *sent = user_data;

  sent->ticks++;
  return G_SOURCE_CONTINUE;
}

/* Sends asynchronously and runs the main loop until the answer, counting its turns. */
static void
send_and_wait (RcvNotifier  *notifier,
               RcvDatabase  *db,
               GPtrArray    *crossings,
               GCancellable *cancellable,
               Sent         *sent)
{
  guint tick = g_timeout_add (20, on_tick, sent);

  rcv_notifier_send_async (notifier, rcv_database_get_path (db), rcv_database_get_currency (db),
                           crossings, cancellable, on_sent, sent);
  /* nothing is asked of the server before the main loop runs */
  g_assert_false (sent->done);
  while (!sent->done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

static gboolean
is_set (gpointer text)
{
  return *(char **) text != NULL;
}

/* The window's way: sent from the main loop, the same notifications, the actions working. */
static void
test_async (void)
{
  RcvFakeNotifications *fake = rcv_fake_notifications_start (RCV_FAKE_ACTIONS | RCV_FAKE_MARKUP);
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = company_with_late_accounts (2, &path);
  g_autoptr(RcvAlertCheck) check = claim (db);
  g_autoptr(RcvNotifier) notifier = rcv_notifier_new ();
  g_autoptr(RcvFakeNotification) first = NULL;
  g_autofree char *activated = NULL;
  g_autofree char *expected = NULL;
  const RcvAlert *alert = g_ptr_array_index (check->crossings, 0);
  Sent sent = { 0 };

  rcv_fake_notifications_own_app (fake, APPLICATION_ID);
  g_signal_connect (notifier, "activated", G_CALLBACK (on_activated), &activated);
  send_and_wait (notifier, db, check->crossings, NULL, &sent);
  g_assert_no_error (sent.error);
  g_assert_true (sent.ok);
  g_assert_cmpuint (sent.n_told, ==, 2);
  g_assert_cmpuint (rcv_fake_notifications_count (fake), ==, 2);
  g_assert_true (rcv_notifier_server_has_actions (notifier));
  first = rcv_fake_notifications_get (fake, 0);
  g_assert_cmpstr (first->summary, ==, FSI "Smith & <Sons>" PDI " is 95 days overdue");
  g_assert_cmpstr (first->desktop_entry, ==, APPLICATION_ID);

  rcv_fake_notifications_invoke (fake, first->id, "open-account");
  rcv_test_wait_until (is_set, &activated);
  rcv_fake_notifications_close_all (fake);
  rcv_test_wait_until (notifier_idle, notifier);
  expected = g_strdup_printf ("open-customer %s %" G_GINT64_FORMAT, path, alert->customer_id);
  g_assert_cmpstr (activated, ==, expected);
  rcv_fake_notifications_stop (fake);
}

static void
cancel_now (gpointer cancellable)
{
  g_cancellable_cancel (cancellable);
}

/* A notification server that takes the call and never answers: the main loop goes on
 * running all the while, the send gives up after its timeout with nothing told, and a send
 * cancelled (the window closed) ends at once. */
static void
test_server_hangs (void)
{
  RcvFakeNotifications *fake = rcv_fake_notifications_start (RCV_FAKE_HANG);
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = company_with_late_accounts (2, &path);
  g_autoptr(RcvAlertCheck) check = claim (db);
  g_autoptr(RcvNotifier) notifier = rcv_notifier_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Sent sent = { 0 };
  Sent cancelled = { 0 };
  gint64 start = g_get_monotonic_time ();

  rcv_notifier_set_timeout (notifier, 1000);
  send_and_wait (notifier, db, check->crossings, NULL, &sent);
  g_assert_error (sent.error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_false (sent.ok);
  g_assert_cmpuint (sent.n_told, ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 900 * 1000);
  /* a 20 ms heartbeat through a second of waiting: the loop never stalled for long */
  g_assert_cmpuint (sent.ticks, >=, 20);
  g_assert_false (rcv_notifier_is_busy (notifier));
  g_clear_error (&sent.error);

  rcv_notifier_set_timeout (notifier, 60 * 1000);
  start = g_get_monotonic_time ();
  g_timeout_add_once (100, cancel_now, cancellable);
  send_and_wait (notifier, db, check->crossings, cancellable, &cancelled);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (cancelled.n_told, ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_clear_error (&cancelled.error);
  rcv_fake_notifications_stop (fake);
}

/* ---- receivables-cli check ----------------------------------------------------------- */

static GSubprocess *
spawn_cli (const char *path,
           gboolean    send)
{
  const char *argv[] = { g_getenv ("RCV_CLI"), "--database", path, "check", "--as-of", AS_OF,
                         send ? "--notify" : NULL, NULL };
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_assert_nonnull (argv[0]);
  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  return process;
}

static int
finish_cli (GSubprocess  *process,
            char        **out,
            char        **err)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

static int
run_cli (const char  *path,
         gboolean     send,
         char       **out,
         char       **err)
{
  g_autoptr(GSubprocess) process = spawn_cli (path, send);

  return finish_cli (process, out, err);
}

/* check alone prints and writes nothing; --notify sends and remembers, once; a payment
 * resets the account, which is told again when it passes anew. */
static void
test_cli_check (void)
{
  RcvFakeNotifications *fake = rcv_fake_notifications_start (RCV_FAKE_ACTIONS |
                                                             RCV_FAKE_AUTO_CLOSE);
  g_autofree char *path = NULL;
  RcvDatabase *db = company_with_late_accounts (2, &path);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_object_unref (db);
  g_assert_cmpint (run_cli (path, FALSE, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "Accounts that passed an alert threshold as of " AS_OF));
  g_assert_nonnull (strstr (out, "K01       Smith & <Sons>"));
  g_assert_nonnull (strstr (out, "90 days"));
  g_assert_nonnull (strstr (out, "Nothing was sent"));
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM alerts"), ==, 0);
  g_assert_cmpuint (rcv_fake_notifications_count (fake), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (path, TRUE, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "Sent notifications for 2 accounts."));
  g_assert_cmpuint (rcv_fake_notifications_count (fake), ==, 2);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM alerts"), ==, 3);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* the timer again the same day: nothing new */
  g_assert_cmpint (run_cli (path, TRUE, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "No account passed an alert threshold as of " AS_OF));
  g_assert_nonnull (strstr (out, "2 more accounts are past a threshold and were told before."));
  g_assert_cmpuint (rcv_fake_notifications_count (fake), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Smith pays: a check resets the account; it owes again: told again */
  db = rcv_database_open (path, RCV_DATABASE_FLAGS_NONE, NULL);
  rcv_test_payment (db, 1, "2026-05-30", 100000, 0, TRUE);
  g_assert_cmpint (run_cli (path, TRUE, &out, &err), ==, 0);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM alerts"), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  rcv_test_invoice (db, 1, "R-NEW", "2026-01-15", "2026-02-26", 5000);
  g_object_unref (db);
  g_assert_cmpint (run_cli (path, TRUE, &out, &err), ==, 0);
  g_assert_cmpuint (rcv_fake_notifications_count (fake), ==, 3);
  {
    g_autoptr(RcvFakeNotification) n = rcv_fake_notifications_get (fake, 2);

    g_assert_cmpstr (n->summary, ==, FSI "Smith & <Sons>" PDI " is 95 days overdue");
    g_assert_nonnull (strstr (n->body, "R-NEW"));
  }
  rcv_fake_notifications_stop (fake);
}

/* No notification server: a warning, exit 0, and the crossings stay untold for next time. */
static void
test_cli_no_server (void)
{
  g_autofree char *path = NULL;
  RcvDatabase *db = company_with_late_accounts (2, &path);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  RcvFakeNotifications *fake;

  g_object_unref (db);
  g_assert_cmpint (run_cli (path, TRUE, &out, &err), ==, 0);
  g_assert_nonnull (strstr (err, "warning: no notification could be shown"));
  g_assert_nonnull (strstr (out, "Smith & <Sons>"));
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM alerts WHERE threshold = 2"),
                   ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  fake = rcv_fake_notifications_start (RCV_FAKE_AUTO_CLOSE);
  g_assert_cmpint (run_cli (path, TRUE, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpuint (rcv_fake_notifications_count (fake), ==, 2);
  rcv_fake_notifications_stop (fake);
}

/* The timer's process stays while its notification is shown; "Open Account" asks the app,
 * through D-Bus activation, to open that customer, and the process ends. */
static void
test_cli_open_account (void)
{
  RcvFakeNotifications *fake = rcv_fake_notifications_start (RCV_FAKE_ACTIONS);
  g_autofree char *path = NULL;
  RcvDatabase *db = company_with_late_accounts (1, &path);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(RcvFakeNotification) n = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *call = NULL;
  g_autofree char *expected = NULL;

  g_object_unref (db);
  rcv_fake_notifications_own_app (fake, APPLICATION_ID);
  process = spawn_cli (path, TRUE);
  rcv_test_wait_until (has_notification, fake);
  n = rcv_fake_notifications_get (fake, 0);
  rcv_fake_notifications_invoke (fake, n->id, "open-account");
  g_assert_cmpint (finish_cli (process, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");

  call = rcv_fake_notifications_next_call (fake);
  expected = g_strdup_printf ("open-customer [<('%s', int64 1)>] fake-token-%u", path, n->id);
  g_assert_cmpstr (call, ==, expected);
  rcv_fake_notifications_stop (fake);
}

/* ---- the daily check ------------------------------------------------------------------ */

static void
on_set (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  gpointer *out = user_data;
  g_autofree char *notice = NULL;
  GError *error = NULL;

  rcv_daily_check_set_finish (result, &notice, &error);
  out[0] = error;
  out[1] = g_steal_pointer (&notice);
  out[2] = GINT_TO_POINTER (TRUE);
}

static gboolean
set_done (gpointer data)
{
  return ((gpointer *) data)[2] != NULL;
}

/* Turns the daily check on or off and waits; returns the notice, sets the error. */
static char *
set_daily_check (gboolean    enabled,
                 const char *company_path,
                 GError    **error)
{
  gpointer out[3] = { NULL, NULL, NULL };

  rcv_daily_check_set_async (enabled, company_path, NULL, NULL, on_set, out);
  rcv_test_wait_until (set_done, out);
  if (out[0] != NULL)
    g_propagate_error (error, out[0]);
  return out[1];
}

static void
assert_next_call (RcvFakeNotifications *fake,
                  const char           *expected)
{
  g_autofree char *call = rcv_fake_notifications_next_call (fake);

  g_assert_cmpstr (call, ==, expected);
}

static void
test_systemd_quote (void)
{
  g_autofree char *plain = rcv_systemd_quote ("/home/a/company.db");
  g_autofree char *odd = rcv_systemd_quote ("/a b/\"q\"\\100% $HOME.db");

  g_assert_cmpstr (plain, ==, "\"/home/a/company.db\"");
  g_assert_cmpstr (odd, ==, "\"/a b/\\\"q\\\"\\\\100%% $$HOME.db\"");
}

/* On: the service and the timer are written and enabled, and systemd reloads and starts the
 * timer; off: stopped, and every file gone. */
static void
test_daily_check_systemd (void)
{
  RcvFakeNotifications *fake = rcv_fake_notifications_start (0);
  g_autofree char *dir = rcv_daily_check_get_unit_dir ();
  g_autofree char *service = g_build_filename (dir, "receivables-check.service", NULL);
  g_autofree char *timer = g_build_filename (dir, "receivables-check.timer", NULL);
  g_autofree char *link = g_build_filename (dir, "timers.target.wants",
                                            "receivables-check.timer", NULL);
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *target = NULL;
  g_autoptr(GError) error = NULL;
  const char *company = "/srv/books/Müller & Söhne 100%.db";

  g_setenv ("RCV_DAILY_CHECK", "systemd", TRUE);
  rcv_fake_notifications_own_systemd (fake);
  g_assert_false (rcv_daily_check_is_installed ());

  notice = set_daily_check (TRUE, company, &error);
  g_assert_no_error (error);
  g_assert_null (notice);
  g_assert_true (rcv_daily_check_is_installed ());
  g_assert_true (g_file_get_contents (service, &text, NULL, NULL));
  expected = g_strdup_printf ("ExecStart=\"%s\" --database \"/srv/books/Müller & Söhne 100%%%%.db\""
                              " check --notify\n", g_getenv ("RCV_CLI"));
  g_assert_nonnull (strstr (text, expected));
  g_assert_nonnull (strstr (text, "Type=oneshot\n"));
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (timer, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "OnCalendar=*-*-* 09:00:00\nPersistent=true\n"));
  g_assert_nonnull (strstr (text, "WantedBy=timers.target\n"));
  /* systemd reads them as written (when systemd-analyze is there to ask) */
  if (rcv_test_have_program ("systemd-analyze"))
    {
      const char *argv[] = { "systemd-analyze", "verify", service, timer, NULL };
      g_autofree char *err = NULL;
      int wait_status = 0;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                                   G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                                   &wait_status, NULL));
      g_assert_cmpstr (err, ==, "");
      g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
    }
  target = g_file_read_link (link, NULL);
  g_assert_cmpstr (target, ==, timer);
  assert_next_call (fake, "Reload");
  assert_next_call (fake, "StartUnit receivables-check.timer replace");
  assert_next_call (fake, NULL);

  notice = (g_free (notice), set_daily_check (FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (rcv_daily_check_is_installed ());
  g_assert_false (g_file_test (service, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (timer, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  assert_next_call (fake, "StopUnit receivables-check.timer replace");
  assert_next_call (fake, "Reload");
  rcv_fake_notifications_stop (fake);
}

/* No systemd user manager on the bus: the timer is in place for the next login, and the
 * caller is told so. */
static void
test_daily_check_no_systemd (void)
{
  g_autofree char *notice = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("RCV_DAILY_CHECK", "systemd", TRUE);
  notice = set_daily_check (TRUE, "/srv/books/company.db", &error);
  g_assert_no_error (error);
  g_assert_nonnull (notice);
  g_assert_true (g_str_has_prefix (notice, "The daily check starts with your next login"));
  g_assert_true (rcv_daily_check_is_installed ());
  g_clear_pointer (&notice, g_free);
  notice = set_daily_check (FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (rcv_daily_check_is_installed ());
}

/* Inside Flatpak: the Background portal is asked to run the check at login; a refusal is an
 * error that says where to allow it. */
static void
test_daily_check_portal (void)
{
  RcvFakeNotifications *fake = rcv_fake_notifications_start (0);
  g_autofree char *notice = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("RCV_DAILY_CHECK", "portal", TRUE);
  rcv_fake_notifications_own_portal (fake, TRUE);
  notice = set_daily_check (TRUE, "/srv/books/company.db", &error);
  g_assert_no_error (error);
  assert_next_call (fake, "RequestBackground autostart=1 ['receivables-cli', '--database', "
                          "'/srv/books/company.db', 'check', '--notify']");
  notice = (g_free (notice), set_daily_check (FALSE, NULL, &error));
  g_assert_no_error (error);
  assert_next_call (fake, "RequestBackground autostart=0 none");
  rcv_fake_notifications_stop (fake);

  fake = rcv_fake_notifications_start (0);
  rcv_fake_notifications_own_portal (fake, FALSE);
  notice = set_daily_check (TRUE, "/srv/books/company.db", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_null (notice);
  rcv_fake_notifications_stop (fake);
  g_unsetenv ("RCV_DAILY_CHECK");
}

/* A missed instalment of a payment plan: one notification with the shortfall and Open
 * Account, listed by `check` as "instalment N", and told once. */
static void
test_missed_instalment (void)
{
  RcvFakeNotifications *fake = rcv_fake_notifications_start (RCV_FAKE_ACTIONS |
                                                             RCV_FAKE_AUTO_CLOSE);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) instalments = g_array_new (FALSE, FALSE, sizeof (RcvInstalment));
  g_autoptr(RcvFakeNotification) n = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  RcvDatabase *db = rcv_test_open_new (&path);
  gint64 customer = rcv_test_customer (db, "K01", "Smith & <Sons>");
  RcvInstalment instalment = { *rcv_test_date ("2026-05-01"), 50000 };
  const char *actions[] = { "default", "Open Account", "open-account", "Open Account", NULL };

  rcv_test_invoice (db, customer, "R-01", "2026-01-01", "2026-01-31", 100000);
  g_array_append_val (instalments, instalment);
  g_assert_cmpint (rcv_collections_add_plan (db, customer, rcv_test_date ("2026-03-01"),
                                             instalments, &error), >, 0);
  g_assert_no_error (error);
  rcv_test_payment (db, customer, "2026-04-20", 20000, 0, TRUE);
  g_object_unref (db);

  /* the plan keeps the invoice out of the 60/90-day alerts: only the instalment is told */
  g_assert_cmpint (run_cli (path, TRUE, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "instalment 1"));
  g_assert_nonnull (strstr (out, "2026-05-01"));
  g_assert_nonnull (strstr (out, "300.00"));
  g_assert_cmpuint (rcv_fake_notifications_count (fake), ==, 1);
  n = rcv_fake_notifications_get (fake, 0);
  g_assert_cmpstr (n->summary, ==, FSI "Smith & <Sons>" PDI " missed an instalment");
  g_assert_true (g_str_has_prefix (n->body, "Instalment 1, due "));
  g_assert_true (g_str_has_suffix (n->body, ": 300.00 € short"));
  g_assert_cmpstrv (n->actions, actions);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM instalment_alerts"), ==, 1);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM alerts"), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* told once */
  g_assert_cmpint (run_cli (path, TRUE, &out, &err), ==, 0);
  g_assert_cmpuint (rcv_fake_notifications_count (fake), ==, 1);
  rcv_fake_notifications_stop (fake);
  g_unlink (path);
}

/* A name of 4 000 characters is shown by its first 60 and “…”, cut between characters; a
 * name with a right-to-left override is isolated and loses the override, so “Corp” stays
 * after it and the words around it keep their order; an Arabic name is kept as it is. */
static void
test_long_and_bidi_names (void)
{
  RcvFakeNotifications *fake = rcv_fake_notifications_start (RCV_FAKE_ACTIONS | RCV_FAKE_MARKUP);
  g_autoptr(GString) long_name = g_string_new (NULL);
  const char *const names[] = { NULL, "\u202Eevil\u202C Corp\u2069\u202E", "شركة الأمل" };
  const char *const shown[] = { NULL, FSI "evil Corp" PDI, FSI "شركة الأمل" PDI };

  while (g_utf8_strlen (long_name->str, -1) < 4000)
    g_string_append (long_name, "Müller ");
  g_string_truncate (long_name, (gsize) (g_utf8_offset_to_pointer (long_name->str, 4000) -
                                         long_name->str));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = NULL;
      g_autoptr(RcvDatabase) db = NULL;
      g_autoptr(RcvAlertCheck) check = NULL;
      g_autoptr(RcvNotifier) notifier = rcv_notifier_new ();
      g_autoptr(RcvFakeNotification) one = NULL;
      g_autoptr(RcvFakeNotification) summary = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *summary_line = NULL;

      first_name = names[i] != NULL ? names[i] : long_name->str;
      db = company_with_late_accounts (6, &path);
      check = claim (db);
      if (names[i] != NULL)
        expected = g_strdup (shown[i]);
      else
        {
          g_autofree char *sixty = g_utf8_substring (long_name->str, 0, 60);
          expected = g_strconcat (FSI, sixty, "…", PDI, NULL);
        }

      /* one notification, then the summary of six */
      {
        g_autoptr(GPtrArray) first = g_ptr_array_new ();

        for (guint c = 0; c < check->crossings->len; c++)
          if (g_str_equal (((RcvAlert *) g_ptr_array_index (check->crossings, c))->name,
                           first_name))
            g_ptr_array_add (first, g_ptr_array_index (check->crossings, c));
        g_assert_cmpuint (first->len, ==, 1);
        send_all (notifier, db, first);
      }
      send_all (notifier, db, check->crossings);
      g_assert_cmpuint (rcv_fake_notifications_count (fake), ==, 2);
      one = rcv_fake_notifications_get (fake, 0);
      summary = rcv_fake_notifications_get (fake, 1);
      g_test_message ("%s | %s", one->summary, summary->body);

      g_assert_true (g_str_has_prefix (one->summary, expected));
      g_assert_cmpstr (one->summary + strlen (expected), ==, " is 95 days overdue");
      g_assert_true (g_str_has_prefix (one->body, expected));
      g_assert_cmpuint (g_utf8_strlen (one->body, -1), <, 200);
      summary_line = g_strconcat (expected, ": 95 days, 1,000.00 €", NULL);
      g_assert_nonnull (strstr (summary->body, summary_line));
      g_assert_cmpuint (strlen (summary->body), <, 1000);
      /* nothing but the isolate's own controls reaches the server */
      g_assert_null (strstr (summary->body, "\u202E"));
      g_assert_null (strstr (one->summary, "\u202C"));

      rcv_fake_notifications_close_all (fake);
      rcv_test_wait_until (notifier_idle, notifier);
      rcv_fake_notifications_clear (fake);
    }
  first_name = NULL;
  rcv_fake_notifications_stop (fake);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *config = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  /* the systemd units go to a folder of the test's own */
  config = rcv_test_tmpdir ();
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);

  g_test_add_func ("/notify/one-each", test_one_each);
  g_test_add_func ("/notify/plain-server", test_plain_server);
  g_test_add_func ("/notify/summary", test_summary);
  g_test_add_func ("/notify/long-and-bidi-names", test_long_and_bidi_names);
  g_test_add_func ("/notify/action-reaches-app", test_action_reaches_app);
  g_test_add_func ("/notify/no-server", test_no_server);
  g_test_add_func ("/notify/async", test_async);
  g_test_add_func ("/notify/server-hangs", test_server_hangs);
  g_test_add_func ("/notify/cli-check", test_cli_check);
  g_test_add_func ("/notify/cli-no-server", test_cli_no_server);
  g_test_add_func ("/notify/cli-open-account", test_cli_open_account);
  g_test_add_func ("/daily-check/systemd-quote", test_systemd_quote);
  g_test_add_func ("/daily-check/systemd", test_daily_check_systemd);
  g_test_add_func ("/daily-check/no-systemd", test_daily_check_no_systemd);
  g_test_add_func ("/daily-check/portal", test_daily_check_portal);
  g_test_add_func ("/notify/missed-instalment", test_missed_instalment);

  status = g_test_run ();
  rcv_test_rmdir (config);
  return status;
}
