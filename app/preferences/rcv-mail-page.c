/* rcv-mail-page.c - the outgoing mail account, on a page of the Preferences window
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sender, the server, its port and security, and the user are one account, checked by the
 * core and saved together (Save, or Enter in a field) into the company file; the password goes
 * to the login keyring in a worker thread (the keyring may ask to be unlocked), never into the
 * file, and an empty password field keeps the one kept. A refusal is shown under the fields,
 * the field marked, and nothing is written. Send Test Message saves, then sends a short
 * message to the sender address on a connection of its own in a worker thread.
 */
#define G_LOG_DOMAIN "rcv-mail-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-database-task.h"
#include "rcv-error.h"
#include "rcv-form-problem.h"
#include "rcv-mail-account.h"
#include "rcv-mail-batch.h"
#include "rcv-mail-message.h"
#include "rcv-mail-page.h"
#include "rcv-spin-row.h"

struct _RcvMailPage
{
  AdwPreferencesPage parent_instance;

  RcvDatabase *database;
  GCancellable *cancellable;       /* the keyring or the test message, while under way */
  gboolean loading;
  gboolean test_pending;           /* Send Test Message waits for the password to be kept */
  guint default_port;              /* the port the security chosen suggests */

  AdwEntryRow *from_row;
  AdwEntryRow *server_row;
  AdwComboRow *security_row;
  RcvSpinRow *port_row;
  AdwEntryRow *user_row;
  AdwPasswordEntryRow *password_row;
  GtkLabel *problem_label;
  GtkSpinner *spinner;
  RcvFormProblem problem;
};

G_DEFINE_FINAL_TYPE (RcvMailPage, rcv_mail_page, ADW_TYPE_PREFERENCES_PAGE)

/* The combo row's order */
static const RcvMailSecurity securities[] = { RCV_MAIL_TLS, RCV_MAIL_STARTTLS, RCV_MAIL_NONE };

static RcvMailSecurity
chosen_security (RcvMailPage *self)
{
  guint i = adw_combo_row_get_selected (self->security_row);

  return securities[i < G_N_ELEMENTS (securities) ? i : 1];
}

static void
toast (RcvMailPage *self,
       const char  *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (escaped));
}

static void
show_problem (RcvMailPage  *self,
              GtkWidget    *row,
              const char   *what,
              const GError *error)
{
  /* Translators: what failed, then why: "The account was not saved: disk full" */
  rcv_form_problem_set (&self->problem, self->problem_label, row,
                        what != NULL ? g_strdup_printf (_("%s: %s"), what, error->message)
                                     : g_strdup (error->message));
}

static void
clear_problem (RcvMailPage *self)
{
  rcv_form_problem_set (&self->problem, self->problem_label, NULL, NULL);
}

gboolean
rcv_mail_page_is_busy (RcvMailPage *self)
{
  g_return_val_if_fail (RCV_IS_MAIL_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

static void
set_busy (RcvMailPage  *self,
          GCancellable *cancellable)
{
  g_set_object (&self->cancellable, cancellable);
  gtk_spinner_set_spinning (self->spinner, cancellable != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mail.save", cancellable == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mail.test", cancellable == NULL);
}

static void
on_field_changed (RcvMailPage *self)
{
  if (!self->loading)
    clear_problem (self);
}

static void
on_security_changed (RcvMailPage *self)
{
  guint port = rcv_mail_security_default_port (chosen_security (self));
  GtkSpinButton *spin = rcv_spin_row_get_spin_button (self->port_row);

  /* a port the person chose stays; the one the last security suggested follows the new one */
  if (self->loading || (guint) gtk_spin_button_get_value_as_int (spin) == self->default_port)
    gtk_spin_button_set_value (spin, port);
  self->default_port = port;
  on_field_changed (self);
}

static void
load (RcvMailPage *self)
{
  g_autoptr(RcvMailAccount) account = rcv_mail_account_load (self->database);
  RcvMailSecurity security = account != NULL ? account->security : RCV_MAIL_STARTTLS;

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->from_row), account != NULL ? account->from : "");
  gtk_editable_set_text (GTK_EDITABLE (self->server_row),
                         account != NULL ? account->server : "");
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), account != NULL ? account->user : "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  for (guint i = 0; i < G_N_ELEMENTS (securities); i++)
    if (securities[i] == security)
      adw_combo_row_set_selected (self->security_row, i);
  on_security_changed (self);
  if (account != NULL)
    gtk_spin_button_set_value (rcv_spin_row_get_spin_button (self->port_row), account->port);
  clear_problem (self);
  self->loading = FALSE;
}

/* The account as the fields have it, checked; NULL with the problem shown. */
static RcvMailAccount *
account_from_fields (RcvMailPage *self)
{
  g_autoptr(RcvMailAccount) account = rcv_mail_account_new ();
  g_autoptr(GError) error = NULL;
  GtkSpinButton *spin = rcv_spin_row_get_spin_button (self->port_row);
  g_autofree char *server = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->server_row))));

  gtk_spin_button_update (spin);
  g_free (account->from);
  account->from = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->from_row))));
  g_free (account->user);
  account->user = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_row))));
  account->security = chosen_security (self);
  if (server[0] != '\0' && !rcv_mail_account_parse_server (account, server, &error))
    {
      show_problem (self, GTK_WIDGET (self->server_row), NULL, error);
      return NULL;
    }
  /* "host:port" typed in the server's field wins over the port's */
  if (account->port != 0)
    gtk_spin_button_set_value (spin, account->port);
  else
    account->port = (guint) gtk_spin_button_get_value_as_int (spin);
  if (!rcv_mail_account_check (account, &error))
    {
      GtkWidget *row = GTK_WIDGET (self->server_row);

      /* the field of the core's first refusal: the sender, the server, then the security */
      if (!rcv_mail_address_valid (account->from))
        row = GTK_WIDGET (self->from_row);
      else if (account->server != NULL && account->server[0] != '\0')
        row = GTK_WIDGET (self->security_row);
      show_problem (self, row, NULL, error);
      return NULL;
    }
  return g_steal_pointer (&account);
}

typedef struct
{
  RcvMailAccount *account;
  char *password;
} Keep;

static void
keep_free (gpointer data)
{
  Keep *keep = data;

  rcv_mail_account_free (keep->account);
  if (keep->password != NULL)
    memset (keep->password, 0, strlen (keep->password));
  g_free (keep->password);
  g_free (keep);
}

static void
store_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  Keep *keep = data;
  GError *error = NULL;

  if (rcv_mail_password_store (keep->account, keep->password, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void start_test (RcvMailPage *self);

static void
on_password_stored (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(RcvMailPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean test = self->test_pending;

  self->test_pending = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* the window closed: nothing left to show it in */
  set_busy (self, NULL);
  if (error != NULL)
    {
      show_problem (self, GTK_WIDGET (self->password_row),
                    _("The account is saved, but the password could not be kept in the keyring"),
                    error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  if (test)
    start_test (self);
  else
    toast (self, _("Saved; the password is in the login keyring"));
}

/* Saves the account as the fields have it (and, in a worker thread, the password typed):
 * FALSE, with the problem shown, when it is refused or cannot be written. */
gboolean
rcv_mail_page_save (RcvMailPage  *self,
                    GError      **error)
{
  g_autoptr(RcvMailAccount) account = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *password;

  g_return_val_if_fail (RCV_IS_MAIL_PAGE (self), FALSE);

  if (self->database == NULL || rcv_mail_page_is_busy (self))
    return FALSE;
  clear_problem (self);
  account = account_from_fields (self);
  if (account == NULL)
    {
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                           gtk_label_get_text (self->problem_label));
      return FALSE;
    }
  if (!rcv_mail_account_save (self->database, account, &local_error))
    {
      show_problem (self, NULL, _("The account was not saved"), local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  if (password[0] != '\0' && account->user[0] != '\0')
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      /* the page is the callback's data, not the task's source: its last reference is let go
       * on the main loop, never on the keyring's thread */
      g_autoptr(GTask) task = g_task_new (NULL, cancellable, on_password_stored,
                                          g_object_ref (self));
      Keep *keep = g_new0 (Keep, 1);

      keep->account = g_steal_pointer (&account);
      keep->password = g_strdup (password);
      g_task_set_task_data (task, keep, keep_free);
      g_task_set_source_tag (task, rcv_mail_page_save);
      set_busy (self, cancellable);
      g_task_run_in_thread (task, store_in_thread);
    }
  else
    toast (self, _("The mail account is saved"));
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  rcv_mail_page_save (RCV_MAIL_PAGE (widget), NULL);
}

static gpointer
test_in_thread (RcvDatabase   *connection,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return rcv_mail_send_test (connection, data, error) ? g_strdup (data) : NULL;
}

static void
on_test_sent (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RcvMailPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *to = rcv_database_task_finish (RCV_DATABASE (source), result,
                                                  rcv_mail_page_save, &error);
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* the window closed */
  set_busy (self, NULL);
  if (to == NULL)
    {
      show_problem (self, NULL, _("The test message was not sent"), error);
      return;
    }
  /* Translators: %s is the address the test message went to */
  text = g_strdup_printf (_("Sent a test message to %s"), to);
  toast (self, text);
}

static void
start_test (RcvMailPage *self)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  set_busy (self, cancellable);
  rcv_database_task_run (self->database, RCV_DATABASE_FLAGS_NONE, test_in_thread,
                         g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->from_row)))),
                         g_free, g_free, rcv_mail_page_save, cancellable, on_test_sent,
                         g_object_ref (self));
}

static void
test_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RcvMailPage *self = RCV_MAIL_PAGE (widget);

  /* the message goes as the account is saved: saved first, and a password typed kept in the
   * keyring before it */
  if (!rcv_mail_page_save (self, NULL))
    return;
  if (rcv_mail_page_is_busy (self))
    self->test_pending = TRUE;
  else
    start_test (self);
}

void
rcv_mail_page_set_database (RcvMailPage *self,
                            RcvDatabase *database)
{
  g_return_if_fail (RCV_IS_MAIL_PAGE (self));

  g_set_object (&self->database, database);
  if (database != NULL)
    load (self);
}

static void
on_entry_activated (RcvMailPage *self)
{
  rcv_mail_page_save (self, NULL);
}

static void
rcv_mail_page_dispose (GObject *object)
{
  RcvMailPage *self = RCV_MAIL_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RCV_TYPE_MAIL_PAGE);
  rcv_form_problem_clear (&self->problem);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (rcv_mail_page_parent_class)->dispose (object);
}

static void
rcv_mail_page_class_init (RcvMailPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rcv_mail_page_dispose;

  g_type_ensure (RCV_TYPE_SPIN_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/receivables/Receivables/"
                                               "rcv-mail-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RcvMailPage, from_row);
  gtk_widget_class_bind_template_child (widget_class, RcvMailPage, server_row);
  gtk_widget_class_bind_template_child (widget_class, RcvMailPage, security_row);
  gtk_widget_class_bind_template_child (widget_class, RcvMailPage, port_row);
  gtk_widget_class_bind_template_child (widget_class, RcvMailPage, user_row);
  gtk_widget_class_bind_template_child (widget_class, RcvMailPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, RcvMailPage, problem_label);
  gtk_widget_class_bind_template_child (widget_class, RcvMailPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_security_changed);
  gtk_widget_class_install_action (widget_class, "mail.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "mail.test", NULL, test_action);
}

/* libadwaita 1.2 leaves the password row's Show button without a name for screen readers. */
static void
name_peek_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      /* the peek button is shown; the row's apply button, hidden, is left alone */
      if (gtk_widget_get_visible (child) &&
          gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (child)) ==
            GTK_ACCESSIBLE_ROLE_BUTTON)
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _("Show or hide the password"), -1);
      name_peek_button (child);
    }
}

static void
rcv_mail_page_init (RcvMailPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  name_peek_button (GTK_WIDGET (self->password_row));
  gtk_editable_set_width_chars (GTK_EDITABLE (rcv_spin_row_get_spin_button (self->port_row)), 5);
  {
    AdwEntryRow *rows[] = { self->from_row, self->server_row, self->user_row,
                            ADW_ENTRY_ROW (self->password_row) };

    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      g_signal_connect_swapped (rows[i], "entry-activated", G_CALLBACK (on_entry_activated),
                                self);
  }
}
