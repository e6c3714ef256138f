/* rcv-mail-draft.c - what an e-mailed letter or statement says: its subject, its text and the
 * name of its PDF
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One place for the words of a message, so that a batch sent by the app (rcv-mail-batch.c)
 * and a message opened in the user's own mail app (rcv-mail-compose.c) say the same: a
 * letter's text is its level's, filled in as on paper, in the app's language; a statement's
 * says its period and balance.
 */
#define G_LOG_DOMAIN "rcv-mail"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rcv-date.h"
#include "rcv-mail-draft.h"
#include "rcv-money.h"

void
rcv_mail_draft_free (RcvMailDraft *draft)
{
  if (draft == NULL)
    return;
  g_free (draft->subject);
  g_free (draft->body);
  g_free (draft->attachment_name);
  g_free (draft);
}

/* The letter's text fills its placeholders with the user's text between Unicode isolates
 * (U+2066–U+2069), for Pango's paragraph direction; a plain-text message goes without them,
 * as mail apps lay each line out on their own and some show them as boxes. */
static char *
without_isolates (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x2066 || c > 0x2069)
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

RcvMailDraft *
rcv_mail_draft_for_letter (const RcvLetterhead    *head,
                           const RcvDunningLetter *letter)
{
  RcvMailDraft *draft = g_new0 (RcvMailDraft, 1);
  g_autofree char *expanded = rcv_dunning_letter_expand (letter, letter->body,
                                                         rcv_letterhead_get_name (head),
                                                         rcv_letterhead_get_contact (head),
                                                         rcv_letterhead_get_currency (head));
  g_autofree char *body = without_isolates (expanded);
  char iso[RCV_ISO_DATE_LEN];

  rcv_date_to_iso (&letter->date, iso);
  /* Translators: an e-mailed letter's subject: the level's title, the company */
  draft->subject = g_strdup_printf (_("%s – %s"), letter->title, rcv_letterhead_get_name (head));
  /* Translators: below an e-mailed letter's text */
  draft->body = g_strdup_printf ("%s\n\n%s", body, _("The letter is attached as a PDF file."));
  /* Translators: the file name of an e-mailed letter: the customer's ID, the date */
  draft->attachment_name = g_strdup_printf (_("Reminder %s %s.pdf"), letter->code, iso);
  return draft;
}

RcvMailDraft *
rcv_mail_draft_for_statement (const RcvLetterhead       *head,
                              const RcvAccountStatement *statement)
{
  RcvMailDraft *draft = g_new0 (RcvMailDraft, 1);
  g_autofree char *from = rcv_date_format_long (&statement->from);
  g_autofree char *to = rcv_date_format_long (&statement->as_of);
  g_autofree char *closing = rcv_money_format (statement->closing,
                                               rcv_letterhead_get_currency (head));
  char iso[RCV_ISO_DATE_LEN];

  rcv_date_to_iso (&statement->as_of, iso);
  /* Translators: an e-mailed statement's subject: the company, the date */
  draft->subject = g_strdup_printf (_("Statement of account – %s – %s"),
                                    rcv_letterhead_get_name (head), to);
  /* Translators: an e-mailed statement's text: the period's first and last day, the
   * balance, the company and its contact */
  draft->body = g_strdup_printf (_("Dear Sir or Madam,\n\nattached is the statement of your "
                                   "account with us from %s to %s. The balance on %s is %s.\n\n"
                                   "Kind regards\n%s\n%s"), from, to, to, closing,
                                 rcv_letterhead_get_name (head),
                                 rcv_letterhead_get_contact (head));
  /* Translators: the file name of an e-mailed statement: the customer's ID, the date */
  draft->attachment_name = g_strdup_printf (_("Statement %s %s.pdf"), statement->code, iso);
  return draft;
}
