/* test-mail.c - letters and statements sent by e-mail, against a real SMTP server on the
 * loopback (tests/smtp-server.py, aiosmtpd), with TLS and a login
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rcv-account-statement.h"
#include "rcv-company.h"
#include "rcv-company-letterhead.h"
#include "rcv-dunning.h"
#include "rcv-error.h"
#include "rcv-ledger.h"
#include "rcv-mail-account.h"
#include "rcv-mail-batch.h"
#include "rcv-mail-log.h"
#include "rcv-mail-message.h"
#include "rcv-smtp.h"
#include "rcv-statement-layout.h"
#include "rcv-test-smtp.h"
#include "rcv-test-utils.h"

/* ---- the server (rcv-test-smtp.c) --------------------------------------------------- */

static char *
data_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "mail", name, NULL);
}

#define Server RcvTestSmtp
#define server_start rcv_test_smtp_start
#define server_stop rcv_test_smtp_stop
#define received rcv_test_smtp_received
#define n_received rcv_test_smtp_count

/* The base64 part after `header` in a message, decoded. */
static GBytes *
part_bytes (const char *message,
            const char *header)
{
  const char *start = strstr (message, header);
  const char *body, *end;
  g_autofree char *encoded = NULL;
  gsize length = 0;
  guchar *decoded;

  g_assert_nonnull (start);
  body = strstr (start, "\r\n\r\n");
  g_assert_nonnull (body);
  body += 4;
  end = strstr (body, "\r\n--");
  g_assert_nonnull (end);
  encoded = g_strndup (body, (gsize) (end - body));
  decoded = g_base64_decode (encoded, &length);
  return g_bytes_new_take (decoded, length);
}

/* ---- the company --------------------------------------------------------------------- */

typedef struct
{
  char *path;
  RcvDatabase *db;
  gint64 customers[4];
} Company;

/* Four customers with an overdue invoice each; three with an address. */
static void
company_open (Company *c)
{
  static const char *const names[] = { "Müller & Söhne GmbH", "Brightside Ltd",
                                       "Atelier Dubois", "Ohne Adresse KG" };
  static const char *const emails[] = { "buchhaltung@mueller.example", "ap@brightside.example",
                                        "compta@dubois.example", NULL };
  g_autoptr(GError) error = NULL;

  c->db = rcv_test_open_new (&c->path);
  g_assert_true (rcv_database_set_currency (c->db, "EUR", &error));
  g_assert_true (rcv_company_set (c->db, RCV_COMPANY_NAME, "Beispiel Handel GmbH", &error));
  g_assert_true (rcv_company_set (c->db, RCV_COMPANY_IBAN, "DE89370400440532013000", &error));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *code = g_strdup_printf ("K%u", i + 1);
      g_autofree char *number = g_strdup_printf ("2026-%04u", i + 1);

      c->customers[i] = rcv_test_customer (c->db, code, names[i]);
      if (emails[i] != NULL)
        rcv_test_set_email (c->db, c->customers[i], emails[i]);
      rcv_test_invoice (c->db, c->customers[i], number, "2026-09-01", "2026-10-01",
                        10000 * (i + 1));
    }
}

static void
company_close (Company *c)
{
  g_clear_object (&c->db);
  g_free (c->path);
}

static void
setup_account (Company    *c,
               Server     *server,
               const char *security,
               const char *user)
{
  g_autoptr(RcvMailAccount) account = rcv_mail_account_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_strdup_printf ("127.0.0.1:%u", server->port);

  account->from = g_strdup ("buchhaltung@beispiel-handel.example");
  g_assert_true (rcv_mail_security_from_nick (security, &account->security));
  g_free (account->user);
  account->user = g_strdup (user);
  g_assert_true (rcv_mail_account_parse_server (account, address, &error));
  g_assert_true (rcv_mail_account_save (c->db, account, &error));
  g_assert_no_error (error);
}

static RcvDunningRun *
letters_due (Company *c)
{
  g_autoptr(GError) error = NULL;
  RcvDunningRun *run = rcv_dunning_run_new (c->db, rcv_test_date ("2026-11-15"), 0, NULL, &error);

  g_assert_no_error (error);
  return run;
}

static void
use_test_authority (void)
{
  g_autofree char *ca = data_file ("ca.pem");

  g_setenv ("RECEIVABLES_SMTP_CA_FILE", ca, TRUE);
  g_setenv ("RECEIVABLES_SMTP_PASSWORD", "geheim", TRUE);
}

/* ---- the tests ----------------------------------------------------------------------- */

/* The message as built: its headers (the subject and the name encoded, the date, the ID), the
 * text quoted-printable, the PDF byte for byte; a line break in a subject adds no header. */
static void
test_message (void)
{
  g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.5 not really\n\xff\x00\x01", 23);
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 12, 3, 8, 50, 0);
  g_autoptr(GBytes) message = NULL;
  g_autoptr(GBytes) attachment = NULL;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  RcvMailParts parts = {
    .from_name = "Beispiel Handel GmbH", .from_address = "a@beispiel.example",
    .to_name = "Müller & Söhne GmbH", .to_address = "b@mueller.example",
    .subject = "Zahlungserinnerung – Rechnung 2026-0001\r\nBcc: evil@example.com",
    .body = "Sehr geehrte Damen und Herren,\nbitte zahlen Sie 119,00 € bis morgen.\n"
            "Eine sehr lange Zeile, die weit über die sechsundsiebzig Zeichen hinausgeht, die "
            "eine Zeile in quoted-printable haben darf.",
    .attachment_name = "Mahnung K1 2026-12-03.pdf", .attachment = pdf, .date = date,
  };

  message = rcv_mail_message_build (&parts, &id, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (message, NULL), g_bytes_get_size (message));
  g_assert_true (g_str_has_prefix (text, "Date: Thu, 03 Dec 2026 08:50:00 +0000\r\n"));
  g_assert_nonnull (strstr (text, "\r\nFrom: Beispiel Handel GmbH <a@beispiel.example>\r\n"));
  g_assert_nonnull (strstr (text, "\r\nTo: =?UTF-8?B?"));
  g_assert_nonnull (strstr (text, "<b@mueller.example>\r\n"));
  g_assert_nonnull (strstr (text, "\r\nSubject: =?UTF-8?B?"));
  g_assert_null (strstr (text, "\r\nBcc:"));
  g_assert_true (g_str_has_suffix (id, "@beispiel.example"));
  g_assert_nonnull (strstr (text, "Message-ID: <"));
  g_assert_nonnull (strstr (text, "MIME-Version: 1.0\r\n"));
  g_assert_nonnull (strstr (text, "Content-Transfer-Encoding: quoted-printable"));
  g_assert_nonnull (strstr (text, "119,00 =E2=82=AC"));
  /* no line over 78 characters, CRLF everywhere */
  for (const char *line = text; *line != '\0';)
    {
      const char *end = strstr (line, "\r\n");

      g_assert_nonnull (end);
      g_assert_cmpint (end - line, <=, 78);
      g_assert_null (memchr (line, '\n', (gsize) (end - line)));
      line = end + 2;
    }
  attachment = part_bytes (text, "Content-Type: application/pdf");
  g_assert_true (g_bytes_equal (attachment, pdf));
  g_assert_nonnull (strstr (text, "filename=\"Mahnung K1 2026-12-03.pdf\""));

  /* the subject decodes back */
  {
    const char *start = strstr (text, "Subject: =?UTF-8?B?") + strlen ("Subject: =?UTF-8?B?");
    g_autofree char *word = g_strndup (start, (gsize) (strstr (start, "?=") - start));
    gsize length = 0;
    g_autofree guchar *decoded = g_base64_decode (word, &length);

    g_assert_true (g_str_has_prefix ((const char *) decoded, "Zahlungserinnerung – Rech"));
  }

  /* an address that is none, and one not ASCII to a server without SMTPUTF8 */
  parts.to_address = "nobody";
  g_assert_null (rcv_mail_message_build (&parts, NULL, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  parts.to_address = "jürgen@müller.example";
  g_assert_null (rcv_mail_message_build (&parts, NULL, &error));
  g_assert_nonnull (strstr (error->message, "SMTPUTF8"));
  g_clear_error (&error);
  parts.smtputf8 = TRUE;
  g_clear_pointer (&message, g_bytes_unref);
  message = rcv_mail_message_build (&parts, NULL, &error);
  g_assert_no_error (error);
}

/* The account: kept in the company file, a server with its port, no plain text but to the
 * loopback, the password from the environment. */
static void
test_account (void)
{
  Company c = { 0 };
  g_autoptr(RcvMailAccount) account = rcv_mail_account_new ();
  g_autoptr(RcvMailAccount) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;

  company_open (&c);
  g_assert_null (rcv_mail_account_load (c.db));
  account->from = g_strdup ("a@beispiel.example");
  account->security = RCV_MAIL_NONE;
  g_assert_true (rcv_mail_account_parse_server (account, "smtp.example.com:2525", &error));
  g_assert_cmpuint (account->port, ==, 2525);
  g_assert_false (rcv_mail_account_save (c.db, account, &error));
  g_assert_nonnull (strstr (error->message, "never in plain text"));
  g_clear_error (&error);
  g_assert_false (rcv_mail_account_parse_server (account, "smtp.example.com:99999", &error));
  g_clear_error (&error);
  g_assert_true (rcv_mail_account_parse_server (account, "[::1]:25", &error));
  g_assert_cmpstr (account->server, ==, "::1");
  g_assert_true (rcv_mail_account_save (c.db, account, &error));
  account->security = RCV_MAIL_TLS;
  g_assert_true (rcv_mail_account_parse_server (account, "smtp.example.com", &error));
  g_free (account->user);
  account->user = g_strdup ("buchhaltung");
  g_assert_true (rcv_mail_account_save (c.db, account, &error));
  loaded = rcv_mail_account_load (c.db);
  g_assert_cmpstr (loaded->server, ==, "smtp.example.com");
  g_assert_cmpuint (loaded->port, ==, 465);
  g_assert_cmpint (loaded->security, ==, RCV_MAIL_TLS);
  g_assert_cmpstr (loaded->user, ==, "buchhaltung");
  g_assert_cmpint (rcv_test_sql_int (c.path, "SELECT count (*) FROM settings WHERE key LIKE"
                                             " 'mail.%' AND value LIKE '%geheim%'"), ==, 0);
  g_setenv ("RECEIVABLES_SMTP_PASSWORD", "geheim", TRUE);
  password = rcv_mail_password_lookup (loaded, &error);
  g_assert_cmpstr (password, ==, "geheim");
  g_unsetenv ("RECEIVABLES_SMTP_PASSWORD");
  company_close (&c);
}

/* A batch over STARTTLS with a login: one message per customer with an address, the letter's
 * PDF attached byte for byte, each accepted recorded as sent and logged; the customer without
 * an address named; the next run escalates only those sent. */
static void
test_send_letters (void)
{
  Company c = { 0 };
  Server server = { 0 };
  g_autofree char *cert = data_file ("server.pem");
  g_autofree char *key = data_file ("server.key");
  g_autoptr(RcvDunningRun) run = NULL;
  g_autoptr(RcvMailReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;

  if (!server_start (&server, "--starttls", cert, key, "--auth", "buchhaltung:geheim", NULL))
    return;
  use_test_authority ();
  company_open (&c);
  setup_account (&c, &server, "starttls", "buchhaltung");
  run = letters_due (&c);
  g_assert_cmpuint (run->letters->len, ==, 4);
  report = rcv_mail_send_letters (c.db, (const RcvDunningLetter *const *) run->letters->pdata,
                                  run->letters->len, TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (report->stopped);
  g_assert_cmpuint (report->n_sent, ==, 3);
  g_assert_cmpuint (report->n_no_address, ==, 1);
  g_assert_cmpuint (n_received (&server), ==, 3);
  g_assert_cmpint (rcv_test_sql_int (c.path, "SELECT count (*) FROM letters"), ==, 3);
  g_assert_cmpint (rcv_test_sql_int (c.path, "SELECT count (*) FROM mail_log WHERE result ="
                                             " 'sent' AND kind = 'letter'"), ==, 3);

  /* the first message: to Müller, its name and subject encoded, the PDF as made */
  first = received (&server, 0);
  g_assert_nonnull (strstr (first, "<buchhaltung@mueller.example>"));
  g_assert_nonnull (strstr (first, "To: =?UTF-8?B?"));
  g_assert_nonnull (strstr (first, "Content-Type: text/plain; charset=UTF-8"));
  {
    g_autoptr(RcvLetterhead) head = rcv_letterhead_new_for_company (c.db, rcv_paper_for_locale ());
    g_autoptr(GBytes) expected = rcv_letter_pdf_bytes (head, g_ptr_array_index (run->letters, 0),
                                                       &error);
    g_autoptr(GBytes) attached = part_bytes (first, "Content-Type: application/pdf");

    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (attached, expected));
  }

  /* the one without an address is still due; the others wait for their next level */
  {
    g_autoptr(RcvDunningRun) again = letters_due (&c);

    g_assert_cmpuint (again->letters->len, ==, 1);
    g_assert_cmpint (((RcvDunningLetter *) g_ptr_array_index (again->letters, 0))->customer_id,
                     ==, c.customers[3]);
  }
  {
    g_autoptr(GPtrArray) log = rcv_mail_log_list (c.db, c.customers[0], 10, &error);

    g_assert_cmpuint (log->len, ==, 1);
    g_assert_true (((RcvMailLogEntry *) g_ptr_array_index (log, 0))->sent);
  }
  company_close (&c);
  server_stop (&server);
}

/* A login refused: said so, nothing sent, nothing recorded. */
static void
test_login_refused (void)
{
  Company c = { 0 };
  Server server = { 0 };
  g_autofree char *cert = data_file ("server.pem");
  g_autofree char *key = data_file ("server.key");
  g_autoptr(RcvDunningRun) run = NULL;
  g_autoptr(RcvMailReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (!server_start (&server, "--starttls", cert, key, "--auth", "buchhaltung:anders", NULL))
    return;
  use_test_authority ();
  company_open (&c);
  setup_account (&c, &server, "starttls", "buchhaltung");
  run = letters_due (&c);
  report = rcv_mail_send_letters (c.db, (const RcvDunningLetter *const *) run->letters->pdata,
                                  run->letters->len, TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report->stopped);
  g_assert_nonnull (strstr (report->stopped, "refused the user and password"));
  g_assert_cmpuint (report->n_sent, ==, 0);
  g_assert_cmpuint (n_received (&server), ==, 0);
  g_assert_cmpint (rcv_test_sql_int (c.path, "SELECT count (*) FROM letters"), ==, 0);
  company_close (&c);
  server_stop (&server);
}

/* The server falls over after the first message: that one is recorded, the rest stay due and
 * a second run sends only those. */
static void
test_connection_dropped (void)
{
  Company c = { 0 };
  Server server = { 0 };
  Server again = { 0 };
  g_autoptr(RcvDunningRun) run = NULL;
  g_autoptr(RcvDunningRun) retry = NULL;
  g_autoptr(RcvMailReport) report = NULL;
  g_autoptr(RcvMailReport) second = NULL;
  g_autoptr(GError) error = NULL;

  if (!server_start (&server, "--drop-after", "1", NULL))
    return;
  company_open (&c);
  setup_account (&c, &server, "none", "");
  run = letters_due (&c);
  report = rcv_mail_send_letters (c.db, (const RcvDunningLetter *const *) run->letters->pdata,
                                  run->letters->len, TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_sent, ==, 1);
  g_assert_nonnull (report->stopped);
  g_assert_cmpuint (report->n_not_tried, ==, 2);
  g_assert_cmpint (rcv_test_sql_int (c.path, "SELECT count (*) FROM letters"), ==, 1);
  server_stop (&server);

  g_assert_true (server_start (&again, NULL));
  setup_account (&c, &again, "none", "");
  retry = letters_due (&c);
  g_assert_cmpuint (retry->letters->len, ==, 3);   /* two not sent, one without an address */
  second = rcv_mail_send_letters (c.db, (const RcvDunningLetter *const *) retry->letters->pdata,
                                  retry->letters->len, TRUE, NULL, NULL, NULL, &error);
  g_assert_cmpuint (second->n_sent, ==, 2);
  g_assert_cmpuint (n_received (&again), ==, 2);
  g_assert_cmpint (rcv_test_sql_int (c.path, "SELECT count (*) FROM letters"), ==, 3);
  company_close (&c);
  server_stop (&again);
}

/* A self-signed certificate is refused, saying so; a recipient the server refuses is that
 * letter's failure, logged with the answer, and the others go. */
static void
test_certificate_and_rejected (void)
{
  Company c = { 0 };
  Server self_signed = { 0 };
  Server rejecting = { 0 };
  g_autofree char *self_cert = data_file ("selfsigned.pem");
  g_autofree char *self_key = data_file ("selfsigned.key");
  g_autofree char *cert = data_file ("server.pem");
  g_autofree char *key = data_file ("server.key");
  g_autoptr(RcvDunningRun) run = NULL;
  g_autoptr(RcvMailReport) refused = NULL;
  g_autoptr(RcvMailReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (!server_start (&self_signed, "--tls", self_cert, self_key, NULL))
    return;
  use_test_authority ();
  company_open (&c);
  setup_account (&c, &self_signed, "tls", "");
  run = letters_due (&c);
  refused = rcv_mail_send_letters (c.db, (const RcvDunningLetter *const *) run->letters->pdata,
                                   run->letters->len, TRUE, NULL, NULL, NULL, &error);
  g_assert_nonnull (refused->stopped);
  g_assert_nonnull (strstr (refused->stopped, "is not trusted"));
  g_assert_cmpuint (refused->n_sent, ==, 0);
  g_assert_cmpuint (n_received (&self_signed), ==, 0);
  g_assert_false (rcv_mail_send_test (c.db, "x@example.org", &error));
  g_assert_error (error, RCV_SMTP_ERROR, RCV_SMTP_ERROR_CERTIFICATE);
  g_clear_error (&error);
  server_stop (&self_signed);

  g_assert_true (server_start (&rejecting, "--tls", cert, key, "--reject",
                               "ap@brightside.example", NULL));
  setup_account (&c, &rejecting, "tls", "");
  report = rcv_mail_send_letters (c.db, (const RcvDunningLetter *const *) run->letters->pdata,
                                  run->letters->len, TRUE, NULL, NULL, NULL, &error);
  if (report->stopped != NULL)
    g_test_message ("stopped: %s", report->stopped);
  g_assert_null (report->stopped);
  g_assert_cmpuint (report->n_sent, ==, 2);
  g_assert_cmpuint (report->n_failed, ==, 1);
  {
    const RcvMailResult *result = g_ptr_array_index (report->results, 1);

    g_assert_cmpint (result->outcome, ==, RCV_MAIL_FAILED);
    g_test_message ("refused: %s", result->reply);
    g_assert_nonnull (strstr (result->reply, "550"));
  }
  g_assert_cmpint (rcv_test_sql_int (c.path, "SELECT count (*) FROM mail_log WHERE result ="
                                             " 'failed' AND reply LIKE '%550%'"), ==, 1);
  g_assert_cmpint (rcv_test_sql_int (c.path, "SELECT count (*) FROM letters"), ==, 2);
  g_assert_true (rcv_mail_send_test (c.db, "test@beispiel-handel.example", &error));
  g_assert_no_error (error);
  company_close (&c);
  server_stop (&rejecting);
}

/* Statements by e-mail: the statement's PDF attached, its balance in the text. */
static void
test_send_statements (void)
{
  Company c = { 0 };
  Server server = { 0 };
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func ((GDestroyNotify) rcv_account_statement_free);
  g_autoptr(RcvMailReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;

  if (!server_start (&server, NULL))
    return;
  company_open (&c);
  setup_account (&c, &server, "none", "");
  for (guint i = 0; i < 4; i++)
    g_ptr_array_add (statements,
                     rcv_account_statement_read (c.db, c.customers[i],
                                                 rcv_test_date ("2026-09-01"),
                                                 rcv_test_date ("2026-11-30"), &error));
  report = rcv_mail_send_statements (c.db,
                                     (const RcvAccountStatement *const *) statements->pdata,
                                     statements->len, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_sent, ==, 3);
  g_assert_cmpuint (report->n_no_address, ==, 1);
  first = received (&server, 0);
  g_assert_nonnull (strstr (first, "The balance on"));
  g_assert_true (strstr (first, "100.00") != NULL || strstr (first, "100,00") != NULL);
  {
    g_autoptr(RcvLetterhead) head = rcv_letterhead_new_for_company (c.db, rcv_paper_for_locale ());
    g_autoptr(GBytes) expected = rcv_statement_pdf_bytes (head, g_ptr_array_index (statements, 0),
                                                          &error);
    g_autoptr(GBytes) attached = part_bytes (first, "Content-Type: application/pdf");

    g_assert_true (g_bytes_equal (attached, expected));
  }
  g_assert_cmpint (rcv_test_sql_int (c.path, "SELECT count (*) FROM mail_log WHERE kind ="
                                             " 'statement'"), ==, 3);
  company_close (&c);
  server_stop (&server);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/mail/message", test_message);
  g_test_add_func ("/core/mail/account", test_account);
  g_test_add_func ("/core/mail/send-letters", test_send_letters);
  g_test_add_func ("/core/mail/login-refused", test_login_refused);
  g_test_add_func ("/core/mail/connection-dropped", test_connection_dropped);
  g_test_add_func ("/core/mail/certificate-and-rejected", test_certificate_and_rejected);
  g_test_add_func ("/core/mail/send-statements", test_send_statements);
  status = g_test_run ();
  /* let go of the font caches, so that valgrind sees only what the documents might leak */
  rcv_test_release_fonts ();
  return status;
}
