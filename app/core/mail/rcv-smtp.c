/* rcv-smtp.c - messages sent to the outgoing mail server, one connection for a batch
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libcurl's SMTP on one easy handle, which keeps its connection between the messages of a
 * batch. TLS from the start (smtps://) or STARTTLS required, the server's certificate always
 * verified against the system's authorities (RECEIVABLES_SMTP_CA_FILE names another bundle:
 * a company's own authority, the tests' one), never turned off. Each error says what the
 * server answered: a message it refused (a wrong address) is that message's failure and the
 * batch goes on; a connection that cannot be made or breaks, a certificate not trusted or a
 * login refused stop it, the messages after it not tried. Blocking: called from a worker
 * thread or the command line; a GCancellable stops a transfer under way.
 */
#define G_LOG_DOMAIN "rcv-mail"

#include "config.h"

#include <curl/curl.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "rcv-smtp.h"

G_DEFINE_QUARK (rcv-smtp-error-quark, rcv_smtp_error)

struct _RcvSmtpSession
{
  CURL *curl;
  char *server;
  char *from;
  GString *last_reply;         /* the server's last line */
  GString *refusal;            /* its last answer refusing something (4xx, 5xx) */
  const char *data;            /* the message being sent */
  gsize length, sent;
  GCancellable *cancellable;
};

static gsize
read_message (char   *buffer,
              size_t  size,
              size_t  n_items,
              void   *user_data)
{
  RcvSmtpSession *self = user_data;
  gsize n = MIN (size * n_items, self->length - self->sent);

  memcpy (buffer, self->data + self->sent, n);
  self->sent += n;
  return n;
}

/* the server's lines as they come: the last one says why a command failed */
static int
on_debug (CURL          *curl,
          curl_infotype  type,
          char          *data,
          size_t         size,
          void          *user_data)
{
  RcvSmtpSession *self = user_data;

  if (type == CURLINFO_HEADER_IN && size > 0)
    {
      g_string_truncate (self->last_reply, 0);
      g_string_append_len (self->last_reply, data, (gssize) size);
      while (self->last_reply->len > 0 &&
             (self->last_reply->str[self->last_reply->len - 1] == '\n' ||
              self->last_reply->str[self->last_reply->len - 1] == '\r'))
        g_string_truncate (self->last_reply, self->last_reply->len - 1);
      if (data[0] == '4' || data[0] == '5')
        g_string_assign (self->refusal, self->last_reply->str);
    }
  return 0;
}

static int
on_progress (void       *user_data,
             curl_off_t  download_total,
             curl_off_t  downloaded,
             curl_off_t  upload_total,
             curl_off_t  uploaded)
{
  RcvSmtpSession *self = user_data;

  return g_cancellable_is_cancelled (self->cancellable) ? 1 : 0;
}

static gpointer
init_curl (gpointer data)
{
  curl_global_init (CURL_GLOBAL_DEFAULT);
  return NULL;
}

/* A session on the account; no connection is made until the first message. */
RcvSmtpSession *
rcv_smtp_session_new (const RcvMailAccount *account,
                      const char           *password,
                      GError              **error)
{
  static GOnce once = G_ONCE_INIT;
  RcvSmtpSession *self;
  g_autofree char *url = NULL;
  g_autofree char *from = NULL;
  const char *ca_file = g_getenv ("RECEIVABLES_SMTP_CA_FILE");
  gboolean literal_v6;

  g_return_val_if_fail (account != NULL, NULL);

  if (!rcv_mail_account_check (account, error))
    return NULL;
  g_once (&once, init_curl, NULL);
  self = g_new0 (RcvSmtpSession, 1);
  self->curl = curl_easy_init ();
  self->server = g_strdup (account->server);
  self->last_reply = g_string_new (NULL);
  self->refusal = g_string_new (NULL);
  if (self->curl == NULL)
    {
      rcv_smtp_session_free (self);
      g_set_error_literal (error, RCV_SMTP_ERROR, RCV_SMTP_ERROR_CONNECTION,
                           _("The mail library could not start"));
      return NULL;
    }
  literal_v6 = strchr (account->server, ':') != NULL;
  url = g_strdup_printf ("%s://%s%s%s:%u", account->security == RCV_MAIL_TLS ? "smtps" : "smtp",
                         literal_v6 ? "[" : "", account->server, literal_v6 ? "]" : "",
                         account->port != 0 ? account->port
                                            : rcv_mail_security_default_port (account->security));
  from = g_strdup_printf ("<%s>", account->from);
  self->from = g_steal_pointer (&from);
  curl_easy_setopt (self->curl, CURLOPT_URL, url);
  curl_easy_setopt (self->curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt (self->curl, CURLOPT_USE_SSL, account->security == RCV_MAIL_NONE
                                                   ? (long) CURLUSESSL_NONE
                                                   : (long) CURLUSESSL_ALL);
  curl_easy_setopt (self->curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (self->curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (ca_file != NULL && ca_file[0] != '\0')
    curl_easy_setopt (self->curl, CURLOPT_CAINFO, ca_file);
  if (account->user != NULL && account->user[0] != '\0')
    {
      curl_easy_setopt (self->curl, CURLOPT_USERNAME, account->user);
      curl_easy_setopt (self->curl, CURLOPT_PASSWORD, password != NULL ? password : "");
    }
  curl_easy_setopt (self->curl, CURLOPT_MAIL_FROM, self->from);
  curl_easy_setopt (self->curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt (self->curl, CURLOPT_READFUNCTION, read_message);
  curl_easy_setopt (self->curl, CURLOPT_READDATA, self);
  curl_easy_setopt (self->curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (self->curl, CURLOPT_CONNECTTIMEOUT, 30L);
  curl_easy_setopt (self->curl, CURLOPT_TIMEOUT, 120L);
  curl_easy_setopt (self->curl, CURLOPT_VERBOSE, 1L);
  curl_easy_setopt (self->curl, CURLOPT_DEBUGFUNCTION, on_debug);
  curl_easy_setopt (self->curl, CURLOPT_DEBUGDATA, self);
  curl_easy_setopt (self->curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (self->curl, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt (self->curl, CURLOPT_XFERINFODATA, self);
  return self;
}

void
rcv_smtp_session_free (RcvSmtpSession *self)
{
  if (self == NULL)
    return;
  if (self->curl != NULL)
    curl_easy_cleanup (self->curl);
  g_string_free (self->last_reply, TRUE);
  g_string_free (self->refusal, TRUE);
  g_free (self->server);
  g_free (self->from);
  g_free (self);
}

/* Sends one message to `to`; the error's code says whether the batch may go on
 * (RCV_SMTP_ERROR_REJECTED) and its message what the server answered. */
gboolean
rcv_smtp_session_send (RcvSmtpSession *self,
                       const char     *to,
                       GBytes         *message,
                       GCancellable   *cancellable,
                       GError        **error)
{
  struct curl_slist *recipients = NULL;
  g_autofree char *rcpt = NULL;
  CURLcode code;

  g_return_val_if_fail (self != NULL && to != NULL && message != NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  rcpt = g_strdup_printf ("<%s>", to);
  recipients = curl_slist_append (NULL, rcpt);
  self->data = g_bytes_get_data (message, &self->length);
  self->sent = 0;
  self->cancellable = cancellable;
  g_string_truncate (self->last_reply, 0);
  g_string_truncate (self->refusal, 0);
  curl_easy_setopt (self->curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt (self->curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t) self->length);
  code = curl_easy_perform (self->curl);
  curl_easy_setopt (self->curl, CURLOPT_MAIL_RCPT, NULL);
  curl_slist_free_all (recipients);
  self->data = NULL;
  self->cancellable = NULL;
  if (code == CURLE_OK)
    return TRUE;

  switch (code)
    {
    case CURLE_ABORTED_BY_CALLBACK:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Sending was cancelled"));
      break;
    case CURLE_PEER_FAILED_VERIFICATION:
      g_set_error (error, RCV_SMTP_ERROR, RCV_SMTP_ERROR_CERTIFICATE,
                   _("The certificate of %s is not trusted (self-signed, or of an authority "
                     "this computer does not know), so nothing was sent to it: %s"),
                   self->server, curl_easy_strerror (code));
      break;
    case CURLE_LOGIN_DENIED:
      g_set_error (error, RCV_SMTP_ERROR, RCV_SMTP_ERROR_LOGIN,
                   _("%s refused the user and password: %s"), self->server,
                   self->refusal->len > 0 ? self->refusal->str : curl_easy_strerror (code));
      break;
    default:
      /* the server answered this message with a refusal (curl says "send error" for a
       * recipient refused): only this one failed; 421 is the server closing, for all */
      if (self->refusal->len > 0 && code != CURLE_GOT_NOTHING &&
          !g_str_has_prefix (self->refusal->str, "421"))
        /* Translators: a message the mail server refused: the recipient, its answer */
        g_set_error (error, RCV_SMTP_ERROR, RCV_SMTP_ERROR_REJECTED,
                     _("The server refused the message to %s: %s"), to, self->refusal->str);
      else
        g_set_error (error, RCV_SMTP_ERROR, RCV_SMTP_ERROR_CONNECTION,
                     _("The connection to %s failed: %s"), self->server,
                     curl_easy_strerror (code));
      break;
    }
  return FALSE;
}
