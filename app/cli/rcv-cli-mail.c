/* rcv-cli-mail.c - receivables-cli mail: the outgoing mail account set up and tried; what a
 * batch sent by e-mail came to
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mail setup --from ADDRESS --server HOST[:PORT] --security tls|starttls|none [--user USER]
 * keeps the account in the company file (the password never: the login keyring keeps it, or
 * RECEIVABLES_SMTP_PASSWORD gives it to each run); `none` only for a server on the loopback.
 * mail test ADDRESS sends a short message through it.
 */
#define G_LOG_DOMAIN "receivables-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "rcv-cli.h"
#include "rcv-mail-account.h"
#include "rcv-mail-batch.h"

/* Prints what became of a batch: the messages sent on stdout, the customers without an address
 * and the failures on stderr. 0 when every customer with an address got its message, 1
 * otherwise (a failure, or the batch stopped). */
int
rcv_cli_report_mail (const RcvMailReport *report,
                     const char          *what)
{
  for (guint i = 0; i < report->results->len; i++)
    {
      const RcvMailResult *result = g_ptr_array_index (report->results, i);

      switch (result->outcome)
        {
        case RCV_MAIL_SENT:
          printf ("%s\t%s\t%s\n", result->code, result->address,
                  result->recorded ? _("sent, recorded") : _("sent"));
          break;
        case RCV_MAIL_FAILED:
          fprintf (stderr, _("%s (%s): not sent: %s\n"), result->code, result->address,
                   result->reply);
          break;
        case RCV_MAIL_NO_ADDRESS:
          fprintf (stderr, _("%s (%s) has no e-mail address: print it instead\n"), result->code,
                   result->name);
          break;
        case RCV_MAIL_NOT_TRIED:
        default:
          break;
        }
    }
  if (report->stopped != NULL)
    fprintf (stderr, ngettext ("receivables-cli: stopped: %s; %u %s not tried, still due\n",
                               "receivables-cli: stopped: %s; %u %s not tried, still due\n",
                               report->n_not_tried),
             report->stopped, report->n_not_tried, what);
  fprintf (stderr, _("Sent %u, failed %u, without an address %u, not tried %u\n"),
           report->n_sent, report->n_failed, report->n_no_address, report->n_not_tried);
  return report->n_failed > 0 || report->stopped != NULL ? EXIT_RUNTIME : EXIT_OK;
}

static int
mail_setup (const char  *database,
            int          argc,
            char       **argv)
{
  g_autoptr(RcvDatabase) db = NULL;
  g_autoptr(RcvMailAccount) account = rcv_mail_account_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *from = NULL;
  g_autofree char *server = NULL;
  g_autofree char *security = NULL;
  g_autofree char *user = NULL;
  int status = EXIT_OK;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("The address letters go from"), "ADDRESS" },
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, N_("The outgoing mail server"),
      "HOST[:PORT]" },
    { "security", 0, 0, G_OPTION_ARG_STRING, &security,
      N_("TLS from the start, STARTTLS, or none (a server on this computer only)"),
      "tls|starttls|none" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("The user to log in as (none: no login)"),
      "USER" },
    { NULL },
  };

  if (!rcv_cli_parse_options ("mail", entries, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return rcv_cli_usage_error (_("mail setup takes no arguments besides its options"));
  if (from == NULL || server == NULL || security == NULL)
    return rcv_cli_usage_error (_("mail setup needs --from, --server and --security"));
  if (!rcv_mail_security_from_nick (security, &account->security))
    return rcv_cli_usage_error (_("--security: use tls, starttls or none, not “%s”"), security);
  account->from = g_strdup (from);
  g_free (account->user);
  account->user = g_strdup (user != NULL ? user : "");
  if (!rcv_mail_account_parse_server (account, server, &error))
    return rcv_cli_report_error (error);
  db = rcv_cli_open_database (database, TRUE, &status);
  if (db == NULL)
    return status;
  if (!rcv_mail_account_save (db, account, &error))
    return rcv_cli_report_error (error);
  g_clear_pointer (&account, rcv_mail_account_free);
  account = rcv_mail_account_load (db);
  printf (_("Mail goes from %s through %s:%u (%s)%s%s\n"), account->from, account->server,
          account->port, rcv_mail_security_nick (account->security),
          account->user[0] != '\0' ? _(", as ") : "", account->user);
  return EXIT_OK;
}

static int
mail_test (const char  *database,
           int          argc,
           char       **argv)
{
  g_autoptr(RcvDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  int status = EXIT_OK;

  if (argc != 3)
    return rcv_cli_usage_error (_("mail test needs the address to send to: mail test ADDRESS"));
  db = rcv_cli_open_database (database, TRUE, &status);
  if (db == NULL)
    return status;
  if (!rcv_mail_send_test (db, argv[2], &error))
    return rcv_cli_report_error (error);
  printf (_("Sent a test message to %s\n"), argv[2]);
  return EXIT_OK;
}

int
command_mail (const char  *database,
              int          argc,
              char       **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "setup"))
    return mail_setup (database, argc, argv);
  if (argc >= 2 && g_str_equal (argv[1], "test"))
    return mail_test (database, argc, argv);
  return rcv_cli_usage_error (_("mail needs setup or test: mail setup --from ADDRESS --server "
                                "HOST[:PORT] --security tls|starttls|none [--user USER], or mail "
                                "test ADDRESS"));
}
