/* rcv-window.c - a window on one company file
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window owns the company file's writing connection; its pages read through worker
 * threads (rcv-database-task.c) and follow what each commit changed (RcvDatabase::changed,
 * rcv-database-changes.c) instead of reading everything again. Other programs' commits (the
 * daily check, receivables-cli, a second window) are found by polling the file's data version
 * every two seconds and whenever the window comes back to the front. Its actions are in
 * rcv-window-actions.c.
 */
#define G_LOG_DOMAIN "rcv-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-alerts.h"
#include "rcv-database-changes.h"
#include "rcv-database-task.h"
#include "rcv-date.h"
#include "rcv-ledger.h"
#include "rcv-toast.h"
#include "rcv-window-private.h"
#include "rcv-plain-text.h"

G_DEFINE_FINAL_TYPE (RcvWindow, rcv_window, ADW_TYPE_APPLICATION_WINDOW)

static void on_active_changed (RcvWindow  *self,
                               GParamSpec *pspec,
                               gpointer    user_data);

static void
save_window_state (RcvWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

/* The company's name (NULL or empty for none) as the window's title, the file's below it. */
static void
update_title (RcvWindow  *self,
              const char *company_name)
{
  const char *name = company_name != NULL && company_name[0] != '\0' ? company_name
                                                                     : _("Receivables");
  g_autofree char *basename = NULL;

  gtk_window_set_title (GTK_WINDOW (self), name);
  adw_view_switcher_title_set_title (self->switcher_title, name);
  if (self->path != NULL)
    basename = g_filename_display_basename (self->path);
  adw_view_switcher_title_set_subtitle (self->switcher_title, basename);
}

/* for the README's figure: the first frame, with G_MESSAGES_DEBUG=rcv-window */
static void
on_first_paint (GdkFrameClock *clock,
                RcvWindow     *self)
{
  g_debug ("first frame painted");
  g_signal_handlers_disconnect_by_func (clock, on_first_paint, self);
}

static void
rcv_window_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (rcv_window_parent_class)->realize (widget);
  g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                           G_CALLBACK (on_first_paint), widget, 0);
}

static gboolean
rcv_window_close_request (GtkWindow *window)
{
  RcvWindow *self = RCV_WINDOW (window);

  save_window_state (self);
  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (rcv_window_parent_class)->close_request (window);
}

static void on_leaflet_child_changed (RcvWindow *self);

static void
rcv_window_dispose (GObject *object)
{
  RcvWindow *self = RCV_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->alerts_timeout, g_source_remove);
  g_clear_handle_id (&self->check_timeout, g_source_remove);
  g_clear_handle_id (&self->poll_timeout, g_source_remove);
  /* the switchers let go of the stack before it goes: libadwaita 1.2 would otherwise reach
   * into a disposed stack from the bar's dispose */
  if (self->switcher_bar != NULL)
    adw_view_switcher_bar_set_stack (self->switcher_bar, NULL);
  if (self->switcher_title != NULL)
    adw_view_switcher_title_set_stack (self->switcher_title, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RCV_TYPE_WINDOW);
  g_clear_object (&self->focus_before_customer);

  G_OBJECT_CLASS (rcv_window_parent_class)->dispose (object);
}

static void
rcv_window_finalize (GObject *object)
{
  RcvWindow *self = RCV_WINDOW (object);

  g_clear_object (&self->database);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_free (self->path);

  G_OBJECT_CLASS (rcv_window_parent_class)->finalize (object);
}

/* The welcome page's suggested button has the focus, so Enter starts on the company's
 * profile: set once the window is mapped, else GTK gives it to the header's first button. */
static void
focus_welcome (RcvWindow *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "welcome") == 0)
    gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->profile_button));
}

static void
rcv_window_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (rcv_window_parent_class)->map (widget);
  focus_welcome (RCV_WINDOW (widget));
}

static void
rcv_window_class_init (RcvWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rcv_window_dispose;
  object_class->finalize = rcv_window_finalize;
  window_class->close_request = rcv_window_close_request;
  widget_class->realize = rcv_window_realize;
  widget_class->map = rcv_window_map;

  g_type_ensure (RCV_TYPE_OVERVIEW_PAGE);
  g_type_ensure (RCV_TYPE_CUSTOMERS_PAGE);
  g_type_ensure (RCV_TYPE_INVOICES_PAGE);
  g_type_ensure (RCV_TYPE_PAYMENTS_PAGE);
  g_type_ensure (RCV_TYPE_REMINDERS_PAGE);
  g_type_ensure (RCV_TYPE_CUSTOMER_PAGE);
  g_type_ensure (RCV_TYPE_BANK_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/receivables/Receivables/rcv-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RcvWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RcvWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RcvWindow, customer_page);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_child_changed);
  gtk_widget_class_bind_template_child (widget_class, RcvWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, RcvWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, RcvWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, RcvWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, RcvWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, RcvWindow, profile_button);
  gtk_widget_class_bind_template_child (widget_class, RcvWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, RcvWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, RcvWindow, check_box);
  gtk_widget_class_bind_template_child (widget_class, RcvWindow, check_progress);
  gtk_widget_class_bind_template_child (widget_class, RcvWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, RcvWindow, customers_page);
  gtk_widget_class_bind_template_child (widget_class, RcvWindow, invoices_page);
  gtk_widget_class_bind_template_child (widget_class, RcvWindow, payments_page);
  gtk_widget_class_bind_template_child (widget_class, RcvWindow, reminders_page);
  gtk_widget_class_bind_template_child (widget_class, RcvWindow, bank_page);

  rcv_window_class_install_actions (widget_class);
}

/* ---- the pages' first reads ----------------------------------------------------------- */

static void check_alerts (RcvWindow *self);

/* The page in view is read first: the customer list, the invoice and payment lists (a million
 * rows each) and the alerts check after the Overview's figures and trend, which on a
 * two-core machine they would otherwise slow down by a second or more. */
static void
start_background (RcvWindow *self)
{
  if (!self->background_pending || self->database == NULL)
    return;
  self->background_pending = FALSE;
  rcv_customers_page_reload (self->customers_page);
  rcv_invoices_page_reload (self->invoices_page);
  rcv_payments_page_reload (self->payments_page);
  check_alerts (self);
}

static void
start_background_if_shown (RcvWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  if (g_strcmp0 (name, "overview") != 0 ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "welcome") == 0)
    start_background (self);
}

static void
on_visible_page_changed (RcvWindow *self)
{
  start_background_if_shown (self);
}

static void
rcv_window_init (RcvWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (BASE_APPLICATION_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  if (g_strcmp0 (APPLICATION_ID, BASE_APPLICATION_ID) != 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  /* the toasts of the pages, and of the windows opened over this one (rcv-toast.c) */
  rcv_toast_set_overlay (GTK_WINDOW (self), self->toast_overlay);
  gtk_stack_set_visible_child_name (self->content_stack, "loading");
  rcv_window_update_actions (self);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_active_changed), NULL);
  g_signal_connect_object (self->overview_page, "read", G_CALLBACK (start_background), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (on_visible_page_changed), self, G_CONNECT_SWAPPED);
}

/* ---- alerts -------------------------------------------------------------------------- */

/* A check's crossings on their way to the notification server. */
typedef struct
{
  RcvDatabase *database;
  RcvAlertCheck *check;
} AlertsSent;

static void
alerts_sent_free (AlertsSent *sent)
{
  g_object_unref (sent->database);
  rcv_alert_check_free (sent->check);
  g_free (sent);
}

static void
on_alerts_sent (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AlertsSent *sent = user_data;
  g_autoptr(GError) error = NULL;
  guint n_told = 0;

  if (!rcv_notifier_send_finish (RCV_NOTIFIER (source), result, &n_told, &error))
    {
      /* no notification server, one that does not answer, or the window gone: the next check
       * tells them */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Could not show notifications for overdue accounts: %s", error->message);
      g_clear_error (&error);
      if (!rcv_alerts_release (sent->database, sent->check->crossings, n_told, &error))
        g_warning ("Could not give back the alerts not shown: %s", error->message);
    }
  alerts_sent_free (sent);
}

static void
on_alerts_checked (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(RcvWindow) self = user_data;
  RcvDatabase *database = RCV_DATABASE (source);
  g_autoptr(RcvAlertCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  GtkApplication *application;
  AlertsSent *sent;

  check = rcv_alerts_check_finish (database, result, &error);
  if (check == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Could not check for overdue accounts: %s", error->message);
      return;
    }
  g_debug ("alerts: %u new crossings (%u of them again after a drop), %u accounts past a "
           "threshold, %u reset", check->crossings->len, check->n_renewed, check->n_passed,
           check->n_reset);
  application = gtk_window_get_application (GTK_WINDOW (self));
  if (check->crossings->len == 0 || !RCV_IS_APPLICATION (application) ||
      database != self->database)
    return;
  /* asynchronous: a notification server that hangs must not hang the window */
  sent = g_new0 (AlertsSent, 1);
  sent->database = g_object_ref (database);
  sent->check = g_steal_pointer (&check);
  rcv_notifier_send_async (rcv_application_get_notifier (RCV_APPLICATION (application)),
                           rcv_database_get_path (database), rcv_database_get_currency (database),
                           sent->check->crossings, self->cancellable, on_alerts_sent, sent);
}

/* Claims the accounts that passed an alert threshold as of today (in a worker thread) and
 * tells them as notifications. */
static void
check_alerts (RcvWindow *self)
{
  GDate today;

  if (self->database == NULL || rcv_database_is_read_only (self->database))
    return;
  rcv_date_set_today (&today);
  rcv_alerts_check_async (self->database, &today, TRUE, self->cancellable, on_alerts_checked,
                          g_object_ref (self));
}

static gboolean
on_alerts_timeout (gpointer user_data)
{
  check_alerts (user_data);
  return G_SOURCE_CONTINUE;
}

/* Opens the customer's account (from the Customers list or a notification): its page over
 * the window's pages, the focus on its back button; or the Customers page for 0. */
void
rcv_window_show_customer (RcvWindow *self,
                          gint64     customer_id)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RCV_IS_WINDOW (self));

  if (self->database == NULL)
    return;
  rcv_window_show_page (self, "customers");
  if (customer_id == 0)
    return;
  if (!rcv_customer_page_show (self->customer_page, self->database, customer_id, &error))
    {
      rcv_toast_show_error (GTK_WIDGET (self), _("The customer cannot be shown"), error);
      return;
    }
  if (adw_leaflet_get_visible_child (self->leaflet) != GTK_WIDGET (self->customer_page))
    {
      g_set_object (&self->focus_before_customer, gtk_window_get_focus (GTK_WINDOW (self)));
      adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->customer_page));
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->customer_page));
}

/* Back from a customer's page: the focus where it was (the row of the customers list). */
static void
on_leaflet_child_changed (RcvWindow *self)
{
  if (self->leaflet == NULL || self->customer_page == NULL)
    return;
  if (adw_leaflet_get_visible_child (self->leaflet) == GTK_WIDGET (self->customer_page))
    return;
  if (self->focus_before_customer != NULL &&
      gtk_widget_get_root (self->focus_before_customer) == GTK_ROOT (self))
    gtk_widget_grab_focus (self->focus_before_customer);
  g_clear_object (&self->focus_before_customer);
}

/* The window's pages in view, the customer's page left (another company, the welcome page). */
static void
leave_customer_page (RcvWindow *self)
{
  if (adw_leaflet_get_visible_child (self->leaflet) == GTK_WIDGET (self->customer_page))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* The Reminders page with the customer's letter chosen alone (all letters for 0). */
void
rcv_window_prepare_reminder (RcvWindow *self,
                             gint64     customer_id)
{
  g_return_if_fail (RCV_IS_WINDOW (self));

  if (self->database == NULL)
    return;
  rcv_window_show_page (self, "reminders");
  if (customer_id != 0)
    rcv_reminders_page_focus_customer (self->reminders_page, customer_id);
}

RcvWindow *
rcv_window_new (RcvApplication *application)
{
  return g_object_new (RCV_TYPE_WINDOW, "application", application, NULL);
}

static void
show_open_error (RcvWindow    *self,
                 const char   *path,
                 const GError *error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *description = g_markup_printf_escaped ("%s\n<small>%s</small>",
                                                          error->message, display);

  rcv_status_page_set_markup_description (self->error_page, description);
  gtk_stack_set_visible_child_name (self->content_stack, "error");
  adw_view_switcher_title_set_stack (self->switcher_title, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_bar), FALSE);
  rcv_window_update_actions (self);
}

/* What another program committed since the last look (the pages then follow it). */
static void
poll_changes (RcvWindow *self)
{
  if (self->database != NULL && rcv_database_poll_changes (self->database))
    g_debug ("change noticed: another program committed");
}

static gboolean
on_poll_timeout (gpointer user_data)
{
  poll_changes (user_data);
  return G_SOURCE_CONTINUE;
}

static void
on_active_changed (RcvWindow  *self,
                   GParamSpec *pspec,
                   gpointer    user_data)
{
  if (gtk_window_is_active (GTK_WINDOW (self)))
    poll_changes (self);
}

/* A commit: the welcome page gives way to the pages (or back), the title follows the
 * company's name. The pages follow the commit themselves. */
static void
on_database_changed (RcvWindow    *self,
                     RcvChangeSet *changes,
                     RcvDatabase  *database)
{
  if (rcv_change_set_touches_any (changes, "customers", "invoices", "payments", "settings",
                                  NULL))
    rcv_window_update_content (self);
}

static void
set_database (RcvWindow   *self,
              RcvDatabase *database)
{
  if (self->database != NULL)
    g_signal_handlers_disconnect_by_data (self->database, self);
  g_clear_handle_id (&self->poll_timeout, g_source_remove);
  leave_customer_page (self);
  g_set_object (&self->database, database);
  if (database != NULL)
    {
      g_signal_connect_object (database, "changed", G_CALLBACK (on_database_changed), self,
                               G_CONNECT_SWAPPED);
      self->poll_timeout = g_timeout_add (RCV_CHANGES_POLL_MILLISECONDS, on_poll_timeout, self);
    }
  rcv_overview_page_set_database (self->overview_page, database);
  rcv_customers_page_set_database (self->customers_page, database);
  rcv_invoices_page_set_database (self->invoices_page, database);
  rcv_payments_page_set_database (self->payments_page, database);
  rcv_reminders_page_set_database (self->reminders_page, database);
  rcv_bank_page_set_database (self->bank_page, database);
}

static void
stop_check_progress (RcvWindow *self)
{
  g_clear_handle_id (&self->check_timeout, g_source_remove);
  gtk_widget_set_visible (self->check_box, FALSE);
  gtk_widget_set_visible (self->loading_spinner, TRUE);
}

/* The damage check's worker reports its progress here (any thread) … */
static void
on_check_progress (double   fraction,
                   gpointer user_data)
{
  RcvWindow *self = user_data;

  g_atomic_int_set (&self->check_permille, (gint) (fraction * 1000));
}

/* … and the main loop shows it, once the check has taken long enough to be worth a word. */
static gboolean
on_check_timeout (gpointer user_data)
{
  RcvWindow *self = user_data;
  gint permille = g_atomic_int_get (&self->check_permille);

  if (permille < 0)
    return G_SOURCE_CONTINUE;
  gtk_widget_set_visible (self->loading_spinner, FALSE);
  gtk_widget_set_visible (self->check_box, TRUE);
  gtk_progress_bar_set_fraction (self->check_progress, permille / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
open_checked (RcvWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvDatabase) database = NULL;

  database = rcv_database_open (self->path, RCV_DATABASE_FLAGS_NONE, &error);
  set_database (self, database);
  if (database == NULL)
    {
      show_open_error (self, self->path, error);
      return;
    }

  if (g_getenv ("RECEIVABLES_DB") == NULL)
    g_settings_set_string (self->settings, "last-company-file", self->path);
  /* the pages' first reads, each in its worker thread; from now on they follow the commits */
  rcv_window_update_content (self);
  rcv_overview_page_reload (self->overview_page);
  /* the other pages and the alerts check come after the Overview's reads, unless another page
   * is shown first; the Reminders page runs the letters when it is shown */
  self->background_pending = TRUE;
  start_background_if_shown (self);
  rcv_reminders_page_reload_when_shown (self->reminders_page);

  /* every hour while the window is open (the first at start_background ()) */
  g_clear_handle_id (&self->alerts_timeout, g_source_remove);
  self->alerts_timeout = g_timeout_add_seconds (RCV_ALERTS_CHECK_SECONDS, on_alerts_timeout,
                                                self);
}

static void
on_file_checked (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RcvWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean sound = rcv_database_check_file_finish (result, &error);

  /* a check of a file the window no longer opens (another one was chosen, or it closed) */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  stop_check_progress (self);
  if (!sound)
    {
      show_open_error (self, self->path, error);
      return;
    }
  open_checked (self);
}

/* Opens `path` (created when missing) in this window: first the damage check, in a worker
 * thread with its progress shown when it takes a while (a large file changed outside
 * Receivables), then the file itself. A file that cannot be opened leaves the window on its
 * error page, saying why; nothing is written to it. */
void
rcv_window_open_company (RcvWindow  *self,
                         const char *path)
{
  g_return_if_fail (RCV_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  /* the work on the previous file is of no use any more */
  rcv_cancel_and_clear (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->alerts_timeout, g_source_remove);
  set_database (self, NULL);
  g_free (self->path);
  self->path = g_strdup (path);
  self->empty = FALSE;
  update_title (self, NULL);
  adw_view_switcher_title_set_stack (self->switcher_title, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_bar), FALSE);
  gtk_stack_set_visible_child_name (self->content_stack, "loading");
  rcv_window_update_actions (self);

  stop_check_progress (self);
  g_atomic_int_set (&self->check_permille, -1);
  /* progress only from the second half-second on: most checks are over before */
  self->check_timeout = g_timeout_add (500, on_check_timeout, self);
  rcv_database_check_file_async (path, on_check_progress, self, self->cancellable,
                                 on_file_checked, g_object_ref (self));
}

/* The welcome page for a company file with nothing in it, else the pages. */
void
rcv_window_update_content (RcvWindow *self)
{
  g_autofree char *name = NULL;
  gboolean welcome, was_welcome;

  g_assert (RCV_IS_WINDOW (self));

  if (self->database == NULL)
    return;
  name = rcv_database_get_setting (self->database, "company.name");
  self->empty = rcv_ledger_is_empty (self->database);
  welcome = self->empty && (name == NULL || name[0] == '\0');
  was_welcome = g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "welcome") == 0;
  gtk_stack_set_visible_child_name (self->content_stack, welcome ? "welcome" : "ledger");
  adw_view_switcher_title_set_stack (self->switcher_title, welcome ? NULL : self->view_stack);
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_bar), !welcome);
  update_title (self, name);
  rcv_window_update_actions (self);
  if (welcome && !was_welcome)
    focus_welcome (self);
}

const char *
rcv_window_get_path (RcvWindow *self)
{
  g_return_val_if_fail (RCV_IS_WINDOW (self), NULL);
  return self->path;
}

RcvDatabase *
rcv_window_get_database (RcvWindow *self)
{
  g_return_val_if_fail (RCV_IS_WINDOW (self), NULL);
  return self->database;
}

void
rcv_window_show_page (RcvWindow  *self,
                      const char *name)
{
  g_return_if_fail (RCV_IS_WINDOW (self));
  leave_customer_page (self);
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}
