/* rcv-mail-batch.c - reminder letters and statements sent by e-mail, in batches
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One message per customer, on one connection to the account's server (rcv-smtp.c): the
 * letter's text (its level's, filled in) or a statement's, in the app's language, as the body,
 * the document as a PDF attached, the company as the sender. A customer without an e-mail
 * address is named, to print instead. Each message the server accepted is logged and, for a
 * letter and when asked, recorded as sent in the same transaction at once, so that a batch cut
 * short keeps what went (and the next run escalates only those); a message the server refused
 * is logged with its answer and stays due. A connection that breaks, a certificate not
 * trusted or a login refused stop the batch: the rest is not tried, to be sent again.
 * Blocking: for a worker thread or the command line.
 */
#define G_LOG_DOMAIN "rcv-mail"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rcv-company-letterhead.h"
#include "rcv-error.h"
#include "rcv-mail-account.h"
#include "rcv-mail-batch.h"
#include "rcv-mail-draft.h"
#include "rcv-mail-log.h"
#include "rcv-mail-message.h"
#include "rcv-smtp.h"
#include "rcv-statement-layout.h"

/* One message to go: who to, what it says, and how its PDF is made. */
typedef struct
{
  gint64 customer_id;
  const char *code;
  const char *name;
  const char *address;
  RcvMailDraft *draft;                       /* the subject, the text, the PDF's name */
  const RcvDunningLetter *letter;            /* or */
  const RcvAccountStatement *statement;
} Outgoing;

static void
outgoing_clear (gpointer pointer)
{
  Outgoing *outgoing = pointer;

  g_clear_pointer (&outgoing->draft, rcv_mail_draft_free);
}

static void
result_free (gpointer pointer)
{
  RcvMailResult *result = pointer;

  g_free (result->code);
  g_free (result->name);
  g_free (result->address);
  g_free (result->reply);
  g_free (result);
}

void
rcv_mail_report_free (RcvMailReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->results);
  g_free (report->stopped);
  g_free (report);
}

static RcvMailResult *
add_result (RcvMailReport  *report,
            const Outgoing *outgoing,
            RcvMailOutcome  outcome)
{
  RcvMailResult *result = g_new0 (RcvMailResult, 1);

  result->customer_id = outgoing->customer_id;
  result->code = g_strdup (outgoing->code);
  result->name = g_strdup (outgoing->name);
  result->address = g_strdup (outgoing->address != NULL ? outgoing->address : "");
  result->outcome = outcome;
  g_ptr_array_add (report->results, result);
  switch (outcome)
    {
    case RCV_MAIL_SENT:
      report->n_sent++;
      break;
    case RCV_MAIL_FAILED:
      report->n_failed++;
      break;
    case RCV_MAIL_NO_ADDRESS:
      report->n_no_address++;
      break;
    case RCV_MAIL_NOT_TRIED:
    default:
      report->n_not_tried++;
      break;
    }
  return result;
}

/* What the server accepted, written at once: the log's row and, for a letter, its record. */
static gboolean
keep_sent (RcvDatabase    *db,
           const Outgoing *outgoing,
           const char     *message_id,
           gboolean        record,
           gboolean       *recorded,
           GError        **error)
{
  *recorded = FALSE;
  if (!rcv_database_begin (db, error))
    return FALSE;
  if (!rcv_mail_log_add (db, outgoing->customer_id,
                         outgoing->letter != NULL ? "letter" : "statement", outgoing->address,
                         outgoing->draft->subject, message_id, TRUE, NULL, error))
    goto failed;
  if (record && outgoing->letter != NULL)
    {
      const RcvDunningLetter *letters[1] = { outgoing->letter };
      gboolean done[1] = { FALSE };
      guint skipped = 0;

      if (!rcv_dunning_record (db, letters, 1, done, &skipped, error))
        goto failed;
      *recorded = done[0];
    }
  if (!rcv_database_commit (db, error))
    goto failed;
  return TRUE;

failed:
  rcv_database_rollback (db);
  return FALSE;
}

static RcvMailReport *
send_all (RcvDatabase         *db,
          const RcvLetterhead *head,
          GArray              *outgoing,
          gboolean             record,
          RcvProgressFunc      progress,
          gpointer             user_data,
          GCancellable        *cancellable,
          GError             **error)
{
  g_autoptr(RcvMailAccount) account = rcv_mail_account_load (db);
  g_autoptr(RcvSmtpSession) session = NULL;
  g_autofree char *password = NULL;
  g_autoptr(GError) local_error = NULL;
  RcvMailReport *report;
  guint i = 0;

  if (account == NULL)
    {
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                           _("No outgoing mail account is set up: set it in Preferences, or "
                             "with “receivables-cli mail setup”"));
      return NULL;
    }
  password = rcv_mail_password_lookup (account, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  session = rcv_smtp_session_new (account, password, error);
  if (session == NULL)
    return NULL;

  report = g_new0 (RcvMailReport, 1);
  report->results = g_ptr_array_new_with_free_func (result_free);
  for (; i < outgoing->len && report->stopped == NULL; i++)
    {
      Outgoing *out = &g_array_index (outgoing, Outgoing, i);
      g_autoptr(GBytes) pdf = NULL;
      g_autoptr(GBytes) message = NULL;
      g_autofree char *message_id = NULL;
      RcvMailParts parts = { 0 };

      if (out->address == NULL || out->address[0] == '\0')
        {
          add_result (report, out, RCV_MAIL_NO_ADDRESS);
          continue;
        }
      pdf = out->letter != NULL ? rcv_letter_pdf_bytes (head, out->letter, &local_error)
                                : rcv_statement_pdf_bytes (head, out->statement, &local_error);
      parts.from_name = rcv_letterhead_get_name (head);
      parts.from_address = account->from;
      parts.to_name = out->name;
      parts.to_address = out->address;
      parts.subject = out->draft->subject;
      parts.body = out->draft->body;
      parts.attachment_name = out->draft->attachment_name;
      parts.attachment = pdf;
      parts.smtputf8 = TRUE;
      if (pdf != NULL)
        message = rcv_mail_message_build (&parts, &message_id, &local_error);
      if (message == NULL ||
          !rcv_smtp_session_send (session, out->address, message, cancellable, &local_error))
        {
          gboolean goes_on = g_error_matches (local_error, RCV_SMTP_ERROR, RCV_SMTP_ERROR_REJECTED) ||
                             g_error_matches (local_error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID);
          RcvMailResult *result = add_result (report, out, goes_on ? RCV_MAIL_FAILED
                                                                   : RCV_MAIL_NOT_TRIED);

          result->reply = g_strdup (local_error->message);
          if (goes_on)
            {
              g_autoptr(GError) log_error = NULL;

              if (!rcv_mail_log_add (db, out->customer_id,
                                     out->letter != NULL ? "letter" : "statement", out->address,
                                     out->draft->subject, message_id, FALSE, local_error->message,
                                     &log_error))
                g_warning ("%s", log_error->message);
            }
          else
            report->stopped = g_strdup (local_error->message);
          g_clear_error (&local_error);
        }
      else
        {
          RcvMailResult *result = add_result (report, out, RCV_MAIL_SENT);

          if (!keep_sent (db, out, message_id, record, &result->recorded, &local_error))
            {
              /* sent, but not written: said, and the batch stops rather than send more that
               * would not be recorded either */
              report->stopped = g_strdup_printf (_("The message to %s was sent, but it could "
                                                   "not be recorded: %s"), out->address,
                                                 local_error->message);
              g_clear_error (&local_error);
            }
        }
      if (progress != NULL)
        progress (i + 1, outgoing->len, user_data);
    }
  for (; i < outgoing->len; i++)
    add_result (report, &g_array_index (outgoing, Outgoing, i),
                g_array_index (outgoing, Outgoing, i).address == NULL ||
                g_array_index (outgoing, Outgoing, i).address[0] == '\0'
                  ? RCV_MAIL_NO_ADDRESS : RCV_MAIL_NOT_TRIED);
  return report;
}

static GArray *
outgoing_new (void)
{
  GArray *outgoing = g_array_new (FALSE, TRUE, sizeof (Outgoing));

  g_array_set_clear_func (outgoing, outgoing_clear);
  return outgoing;
}

/* Sends each letter to its customer, the PDF attached; with `record`, each accepted is
 * recorded as sent. NULL with an error only when nothing could be tried (no account, the
 * keyring); otherwise the report says what became of each. */
RcvMailReport *
rcv_mail_send_letters (RcvDatabase                   *db,
                       const RcvDunningLetter *const *letters,
                       guint                          n_letters,
                       gboolean                       record,
                       RcvProgressFunc                progress,
                       gpointer                       user_data,
                       GCancellable                  *cancellable,
                       GError                       **error)
{
  g_autoptr(RcvLetterhead) head = NULL;
  g_autoptr(GArray) outgoing = outgoing_new ();

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);

  head = rcv_letterhead_new_for_company (db, rcv_paper_for_locale ());
  for (guint i = 0; i < n_letters; i++)
    {
      const RcvDunningLetter *letter = letters[i];
      Outgoing out = { 0 };

      out.customer_id = letter->customer_id;
      out.code = letter->code;
      out.name = letter->name;
      out.address = letter->email;
      out.draft = rcv_mail_draft_for_letter (head, letter);
      out.letter = letter;
      g_array_append_val (outgoing, out);
    }
  return send_all (db, head, outgoing, record, progress, user_data, cancellable, error);
}

/* Sends each statement to its customer, the PDF attached. */
RcvMailReport *
rcv_mail_send_statements (RcvDatabase                      *db,
                          const RcvAccountStatement *const *statements,
                          guint                             n_statements,
                          RcvProgressFunc                   progress,
                          gpointer                          user_data,
                          GCancellable                     *cancellable,
                          GError                          **error)
{
  g_autoptr(RcvLetterhead) head = NULL;
  g_autoptr(GArray) outgoing = outgoing_new ();

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);

  head = rcv_letterhead_new_for_company (db, rcv_paper_for_locale ());
  for (guint i = 0; i < n_statements; i++)
    {
      const RcvAccountStatement *statement = statements[i];
      Outgoing out = { 0 };

      out.customer_id = statement->customer_id;
      out.code = statement->code;
      out.name = statement->name;
      out.address = statement->email;
      out.draft = rcv_mail_draft_for_statement (head, statement);
      out.statement = statement;
      g_array_append_val (outgoing, out);
    }
  return send_all (db, head, outgoing, FALSE, progress, user_data, cancellable, error);
}

/* A short message to `to` through the account, to see that it works; logged. */
gboolean
rcv_mail_send_test (RcvDatabase  *db,
                    const char   *to,
                    GError      **error)
{
  g_autoptr(RcvMailAccount) account = rcv_mail_account_load (db);
  g_autoptr(RcvSmtpSession) session = NULL;
  g_autoptr(RcvLetterhead) head = NULL;
  g_autoptr(GBytes) message = NULL;
  g_autofree char *password = NULL;
  g_autofree char *message_id = NULL;
  g_autoptr(GError) local_error = NULL;
  RcvMailParts parts = { 0 };
  gboolean sent;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);

  if (account == NULL)
    {
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                           _("No outgoing mail account is set up"));
      return FALSE;
    }
  password = rcv_mail_password_lookup (account, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  head = rcv_letterhead_new_for_company (db, rcv_paper_for_locale ());
  parts.from_name = rcv_letterhead_get_name (head);
  parts.from_address = account->from;
  parts.to_address = to;
  parts.subject = _("Receivables: test message");
  parts.body = _("This message was sent by Receivables to check the outgoing mail account. "
                 "Letters and statements will go out the same way.");
  parts.smtputf8 = TRUE;
  message = rcv_mail_message_build (&parts, &message_id, error);
  if (message == NULL)
    return FALSE;
  session = rcv_smtp_session_new (account, password, error);
  if (session == NULL)
    return FALSE;
  sent = rcv_smtp_session_send (session, to, message, NULL, &local_error);
  if (!sent)
    {
      /* the failure is what matters: a log that cannot be written is only warned about */
      g_autoptr(GError) log_error = NULL;

      if (!rcv_mail_log_add (db, 0, "test", to, parts.subject, message_id, FALSE,
                             local_error->message, &log_error))
        g_warning ("%s", log_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return rcv_mail_log_add (db, 0, "test", to, parts.subject, message_id, TRUE, NULL, error);
}
