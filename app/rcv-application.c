/* rcv-application.c - the Receivables application: one instance, a window per company file
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A second start (from the shell, the command line or D-Bus activation) reaches the running
 * instance: it raises the window of the company file asked for, or opens one. The file is
 * --database FILE, else $RECEIVABLES_DB, else the one opened last, else the default file.
 */
#define G_LOG_DOMAIN "rcv-application"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-application.h"
#include "rcv-database.h"
#include "rcv-notifier.h"
#include "rcv-window.h"

struct _RcvApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
  RcvNotifier *notifier;
};

G_DEFINE_FINAL_TYPE (RcvApplication, rcv_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("The company file to open"), N_("FILE") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and quit"), NULL },
  { NULL }
};

static char *
default_company_path (RcvApplication *self)
{
  const char *env = g_getenv ("RECEIVABLES_DB");
  g_autofree char *last = g_settings_get_string (self->settings, "last-company-file");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);
  if (last[0] != '\0' && g_file_test (last, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&last);
  return rcv_database_default_path ();
}

static void
on_quit_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
on_about_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Receivables developers", NULL };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (about), gtk_application_get_active_window (app));
  adw_about_window_set_application_name (about, _("Receivables"));
  adw_about_window_set_application_icon (about, BASE_APPLICATION_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The Receivables developers"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_comments (about, _("See who owes you money, how late each account is, "
                                          "and what to do next."));
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_website (about, "https://github.com/receivables/receivables");
  /* Translators: your names, one per line */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  gtk_window_present (GTK_WINDOW (about));
}

/* From a notification, through D-Bus activation: (company file, customer ID; 0 for all). */
static void
on_open_customer_activated (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  RcvApplication *self = RCV_APPLICATION (user_data);
  const char *path;
  gint64 customer_id;
  GtkWindow *window;

  g_variant_get (parameter, "(&sx)", &path, &customer_id);
  window = rcv_application_open_company (self, path);
  if (!RCV_IS_WINDOW (window))
    return;
  if (g_str_equal (g_action_get_name (G_ACTION (action)), RCV_ACTION_PREPARE_REMINDER))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.prepare-reminder", "x", customer_id);
  else
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-customer", "x", customer_id);
}

static const GActionEntry app_actions[] = {
  { "quit", on_quit_activated },
  { "about", on_about_activated },
  { RCV_ACTION_OPEN_CUSTOMER, on_open_customer_activated, "(sx)" },
  { RCV_ACTION_PREPARE_REMINDER, on_open_customer_activated, "(sx)" },
};

static int
rcv_application_handle_local_options (GApplication *application,
                                      GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("receivables %s\n", PACKAGE_VERSION);
      return 0;
    }
  return G_APPLICATION_CLASS (rcv_application_parent_class)->handle_local_options (application,
                                                                                  options);
}

static int
rcv_application_command_line (GApplication            *application,
                              GApplicationCommandLine *command_line)
{
  RcvApplication *self = RCV_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree char *database = NULL;

  if (g_variant_dict_lookup (options, "database", "^ay", &database))
    {
      /* relative to where the command was typed, not to the running instance */
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line,
                                                                              database);
      g_autofree char *path = g_file_get_path (file);

      rcv_application_open_company (self, path);
    }
  else
    g_application_activate (application);
  return 0;
}

static void
rcv_application_activate (GApplication *application)
{
  RcvApplication *self = RCV_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));
  g_autofree char *path = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  path = default_company_path (self);
  rcv_application_open_company (self, path);
}

static void
rcv_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };
  static const char *new_customer_accels[] = { "<Control><Shift>n", NULL };
  static const char *new_invoice_accels[] = { "<Control>n", NULL };
  static const char *record_payment_accels[] = { "<Control>r", NULL };
  static const char *page_accels[][2] = {
    { "<Alt>1", NULL }, { "<Alt>2", NULL }, { "<Alt>3", NULL }, { "<Alt>4", NULL },
    { "<Alt>5", NULL }, { "<Alt>6", NULL },
  };
  static const char *pages[] = { "overview", "customers", "invoices", "payments", "reminders",
                                 "bank" };
  GtkApplication *app = GTK_APPLICATION (application);

  G_APPLICATION_CLASS (rcv_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (app, "app.quit", quit_accels);
  gtk_application_set_accels_for_action (app, "window.close", close_accels);
  gtk_application_set_accels_for_action (app, "win.preferences", preferences_accels);
  gtk_application_set_accels_for_action (app, "win.open-company", open_accels);
  gtk_application_set_accels_for_action (app, "win.search", search_accels);
  gtk_application_set_accels_for_action (app, "win.new-customer", new_customer_accels);
  gtk_application_set_accels_for_action (app, "win.new-invoice", new_invoice_accels);
  gtk_application_set_accels_for_action (app, "win.record-payment", record_payment_accels);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *detailed = g_strdup_printf ("win.show-page::%s", pages[i]);

      gtk_application_set_accels_for_action (app, detailed, page_accels[i]);
    }
}

static void
rcv_application_dispose (GObject *object)
{
  RcvApplication *self = RCV_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->notifier);

  G_OBJECT_CLASS (rcv_application_parent_class)->dispose (object);
}

static void
rcv_application_class_init (RcvApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = rcv_application_dispose;
  app_class->activate = rcv_application_activate;
  app_class->startup = rcv_application_startup;
  app_class->command_line = rcv_application_command_line;
  app_class->handle_local_options = rcv_application_handle_local_options;
}

static void
rcv_application_init (RcvApplication *self)
{
  self->settings = g_settings_new (BASE_APPLICATION_ID);
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
}

RcvApplication *
rcv_application_new (void)
{
  return g_object_new (RCV_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", "/io/github/receivables/Receivables",
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       NULL);
}

GSettings *
rcv_application_get_settings (RcvApplication *self)
{
  g_return_val_if_fail (RCV_IS_APPLICATION (self), NULL);
  return self->settings;
}

/* The one notifier of the app's windows: it keeps their notifications until they close. */
RcvNotifier *
rcv_application_get_notifier (RcvApplication *self)
{
  g_return_val_if_fail (RCV_IS_APPLICATION (self), NULL);

  if (self->notifier == NULL)
    self->notifier = rcv_notifier_new ();
  return self->notifier;
}

/* Raises the window that has `path` open, or opens a new one on it. */
GtkWindow *
rcv_application_open_company (RcvApplication *self,
                              const char     *path)
{
  RcvWindow *window;

  g_return_val_if_fail (RCV_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (RCV_IS_WINDOW (l->data) &&
        g_strcmp0 (rcv_window_get_path (l->data), path) == 0)
      {
        gtk_window_present (l->data);
        return l->data;
      }

  window = rcv_window_new (self);
  rcv_window_open_company (window, path);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}
