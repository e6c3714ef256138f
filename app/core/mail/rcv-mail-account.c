/* rcv-mail-account.c - the outgoing mail account: the company file's, its password the keyring's
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The address letters go from, the server, its port, how the connection is secured and the
 * user are settings of the company file (mail.*), so that the window, the command line and a
 * timer send alike. The password never is: it is kept in the login keyring (libsecret; inside
 * Flatpak through the Secret portal) under the server and the user, or given to the command
 * line by RECEIVABLES_SMTP_PASSWORD. A connection without TLS is accepted only to a server on
 * the loopback (a local relay, the tests' server).
 */
#define G_LOG_DOMAIN "rcv-mail"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <stdlib.h>
#include <string.h>

#include "rcv-error.h"
#include "rcv-mail-account.h"
#include "rcv-mail-message.h"

#define KEY_FROM "mail.from"
#define KEY_SERVER "mail.server"
#define KEY_PORT "mail.port"
#define KEY_SECURITY "mail.security"
#define KEY_USER "mail.user"

static const SecretSchema password_schema = {
  "io.github.receivables.Receivables.Smtp", SECRET_SCHEMA_NONE,
  {
    { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
  0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
};

static const char *const nicks[] = { "tls", "starttls", "none" };

RcvMailAccount *
rcv_mail_account_new (void)
{
  RcvMailAccount *account = g_new0 (RcvMailAccount, 1);

  account->user = g_strdup ("");
  account->security = RCV_MAIL_STARTTLS;
  return account;
}

void
rcv_mail_account_free (RcvMailAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->from);
  g_free (account->server);
  g_free (account->user);
  g_free (account);
}

const char *
rcv_mail_security_nick (RcvMailSecurity security)
{
  g_return_val_if_fail (security <= RCV_MAIL_NONE, NULL);

  return nicks[security];
}

gboolean
rcv_mail_security_from_nick (const char      *nick,
                             RcvMailSecurity *security)
{
  for (guint i = 0; i < G_N_ELEMENTS (nicks); i++)
    if (g_strcmp0 (nick, nicks[i]) == 0)
      {
        *security = (RcvMailSecurity) i;
        return TRUE;
      }
  return FALSE;
}

guint
rcv_mail_security_default_port (RcvMailSecurity security)
{
  return security == RCV_MAIL_TLS ? 465 : security == RCV_MAIL_STARTTLS ? 587 : 25;
}

/* localhost, 127.0.0.0/8, ::1 */
gboolean
rcv_mail_host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* The account in the company file, or NULL when none is set up. */
RcvMailAccount *
rcv_mail_account_load (RcvDatabase *db)
{
  g_autoptr(RcvMailAccount) account = rcv_mail_account_new ();
  g_autofree char *port = NULL;
  g_autofree char *security = NULL;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);

  account->from = rcv_database_get_setting (db, KEY_FROM);
  account->server = rcv_database_get_setting (db, KEY_SERVER);
  if (account->from == NULL || account->server == NULL || account->server[0] == '\0')
    return NULL;
  security = rcv_database_get_setting (db, KEY_SECURITY);
  if (!rcv_mail_security_from_nick (security, &account->security))
    account->security = RCV_MAIL_STARTTLS;
  port = rcv_database_get_setting (db, KEY_PORT);
  account->port = port != NULL ? (guint) g_ascii_strtoull (port, NULL, 10) : 0;
  if (account->port == 0 || account->port > 65535)
    account->port = rcv_mail_security_default_port (account->security);
  g_free (account->user);
  account->user = rcv_database_get_setting (db, KEY_USER);
  if (account->user == NULL)
    account->user = g_strdup ("");
  return g_steal_pointer (&account);
}

/* "host", "host:port", "[::1]:port" into the account's server and port (0: the security's
 * default port). */
gboolean
rcv_mail_account_parse_server (RcvMailAccount *account,
                               const char     *text,
                               GError        **error)
{
  g_autofree char *host = NULL;
  const char *colon;
  guint64 port = 0;

  g_return_val_if_fail (account != NULL && text != NULL, FALSE);

  if (text[0] == '[' && (colon = strchr (text, ']')) != NULL)
    {
      host = g_strndup (text + 1, (gsize) (colon - text - 1));
      colon = colon[1] == ':' ? colon + 1 : NULL;
    }
  else if ((colon = strrchr (text, ':')) != NULL && strchr (text, ':') == colon)
    host = g_strndup (text, (gsize) (colon - text));
  else
    {
      host = g_strdup (text);
      colon = NULL;
    }
  if (colon != NULL &&
      (!g_ascii_string_to_unsigned (colon + 1, 10, 1, 65535, &port, NULL)))
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                   _("“%s”: the port is not a number from 1 to 65535"), text);
      return FALSE;
    }
  g_strstrip (host);
  if (host[0] == '\0' || strpbrk (host, " /@") != NULL)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                   _("“%s” is not a mail server's name or address"), text);
      return FALSE;
    }
  g_free (account->server);
  account->server = g_steal_pointer (&host);
  account->port = (guint) port;
  return TRUE;
}

/* Whether the account can be used: an address to send from, a server, and TLS unless the
 * server is on the loopback. */
gboolean
rcv_mail_account_check (const RcvMailAccount *account,
                        GError              **error)
{
  g_return_val_if_fail (account != NULL, FALSE);

  if (!rcv_mail_address_valid (account->from))
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                   _("The sender “%s” is not an e-mail address"),
                   account->from != NULL ? account->from : "");
      return FALSE;
    }
  if (account->server == NULL || account->server[0] == '\0')
    {
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                           _("No mail server is set"));
      return FALSE;
    }
  if (account->security == RCV_MAIL_NONE && !rcv_mail_host_is_loopback (account->server))
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                   _("%s is not on this computer: mail to it goes over TLS or STARTTLS, never "
                     "in plain text (the password and the letters would be readable on the "
                     "way)"), account->server);
      return FALSE;
    }
  return TRUE;
}

/* Writes the account into the company file, in one transaction, once checked. */
gboolean
rcv_mail_account_save (RcvDatabase          *db,
                       const RcvMailAccount *account,
                       GError              **error)
{
  g_autofree char *port = NULL;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);

  if (!rcv_mail_account_check (account, error))
    return FALSE;
  port = g_strdup_printf ("%u", account->port != 0 ? account->port
                                                   : rcv_mail_security_default_port (account->security));
  if (!rcv_database_begin (db, error))
    return FALSE;
  if (!rcv_database_set_setting (db, KEY_FROM, account->from, error) ||
      !rcv_database_set_setting (db, KEY_SERVER, account->server, error) ||
      !rcv_database_set_setting (db, KEY_PORT, port, error) ||
      !rcv_database_set_setting (db, KEY_SECURITY, rcv_mail_security_nick (account->security),
                                 error) ||
      !rcv_database_set_setting (db, KEY_USER, account->user != NULL ? account->user : "",
                                 error) ||
      !rcv_database_commit (db, error))
    {
      rcv_database_rollback (db);
      return FALSE;
    }
  return TRUE;
}

/* The account's password: RECEIVABLES_SMTP_PASSWORD when set (a timer, a script, the tests),
 * else the keyring's. NULL without an error when none is kept (or the account has no user). */
char *
rcv_mail_password_lookup (const RcvMailAccount *account,
                          GError              **error)
{
  const char *from_environment = g_getenv ("RECEIVABLES_SMTP_PASSWORD");
  g_autoptr(GError) local_error = NULL;
  char *password;

  g_return_val_if_fail (account != NULL, NULL);

  if (account->user == NULL || account->user[0] == '\0')
    return NULL;
  if (from_environment != NULL)
    return g_strdup (from_environment);
  password = secret_password_lookup_sync (&password_schema, NULL, &local_error,
                                          "server", account->server, "user", account->user,
                                          NULL);
  if (local_error != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The password of %s on %s cannot be read from the keyring: %s"),
                   account->user, account->server, local_error->message);
      return NULL;
    }
  if (password == NULL)
    return NULL;
  {
    char *copy = g_strdup (password);

    secret_password_free (password);
    return copy;
  }
}

/* Keeps the password in the login keyring, under the account's server and user. */
gboolean
rcv_mail_password_store (const RcvMailAccount *account,
                         const char           *password,
                         GError              **error)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (account != NULL && password != NULL, FALSE);

  /* Translators: the keyring's name of the mail password; user, then server */
  label = g_strdup_printf (_("Receivables: mail password of %s on %s"), account->user,
                           account->server);
  return secret_password_store_sync (&password_schema, SECRET_COLLECTION_DEFAULT, label,
                                     password, NULL, error, "server", account->server,
                                     "user", account->user, NULL);
}
