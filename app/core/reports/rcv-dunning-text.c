/* rcv-dunning-text.c - a letter's words: the built-in texts and the placeholders filled in
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rcv-dunning"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rcv-date.h"
#include "rcv-dunning.h"
#include "rcv-money.h"
#include "rcv-text.h"

/* The built-in text of a level, in the app's language: a courtesy notice before the due
 * date; a friendly first reminder; firm ones between; a final notice, the last of two or
 * more. Only a text for a letter with earlier letters in the log ({previous}) speaks of
 * them: no built-in text claims a reminder that was not sent. */
const char *
rcv_dunning_default_body (guint    level,
                          guint    n_levels,
                          gint     days_after_due,
                          gboolean has_previous)
{
  if (days_after_due < 1)
    return _("Dear Sir or Madam,\n\n"
             "this is a friendly note that the invoices below fall due soon or are due. We "
             "would be grateful if you would pay {total} by {deadline}.\n\n"
             "If you have already paid, thank you, and please disregard this note. If you have "
             "any question about these invoices, please contact us: {contact}.\n\n"
             "Kind regards\n{company}");
  if (level >= 2 && level == n_levels)
    return has_previous
             ? _("Dear Sir or Madam,\n\n"
                 "this is our final notice. {previous} The invoices below are still unpaid; "
                 "the oldest was due on {oldest_due}.\n\n"
                 "Unless we receive {total} by {deadline}, we will hand the matter to a "
                 "collection agency without further notice, which will cause you further "
                 "costs.\n\n"
                 "Yours faithfully\n{company}")
             : _("Dear Sir or Madam,\n\n"
                 "this is our final notice. The invoices below are still unpaid; the oldest "
                 "was due on {oldest_due}.\n\n"
                 "Unless we receive {total} by {deadline}, we will hand the matter to a "
                 "collection agency without further notice, which will cause you further "
                 "costs.\n\n"
                 "Yours faithfully\n{company}");
  if (level >= 2 && has_previous)
    return _("Dear Sir or Madam,\n\n"
             "{previous} We have not yet received payment for the invoices below, the oldest "
             "of which was due on {oldest_due}. Please pay {total} by {deadline} at the "
             "latest.\n\n"
             "If something about these invoices is not right, please tell us straight away: "
             "{contact}.\n\n"
             "Kind regards\n{company}");
  if (level >= 2)
    return _("Dear Sir or Madam,\n\n"
             "according to our records, the invoices below are still unpaid; the oldest was "
             "due on {oldest_due}. Please pay {total} by {deadline} at the latest.\n\n"
             "If something about these invoices is not right, please tell us straight away: "
             "{contact}.\n\n"
             "Kind regards\n{company}");
  return _("Dear Sir or Madam,\n\n"
           "perhaps it has escaped your notice: according to our records, the invoices below "
           "are past their due date. We would be grateful if you would pay {total} by "
           "{deadline}.\n\n"
           "If you have paid in the meantime, please disregard this letter. If you have any "
           "question about these invoices, please contact us: {contact}.\n\n"
           "Kind regards\n{company}");
}

/* “We wrote to you about these invoices on 3 November 2026 and 17 November 2026.”, from
 * the log; "" when there is no earlier letter. */
static char *
previous_sentence (const RcvDunningLetter *letter)
{
  g_autoptr(GString) dates = g_string_new (NULL);
  guint n = letter->previous != NULL ? letter->previous->len : 0;

  if (n == 0)
    return g_strdup ("");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *date = rcv_date_format_long (&g_array_index (letter->previous, GDate, i));

      if (i > 0)
        /* Translators: between the dates of earlier letters: “3 November 2026, 10 November
         * 2026 and 17 November 2026” */
        g_string_append (dates, i + 1 == n ? _(" and ") : _(", "));
      g_string_append (dates, date);
    }
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "We wrote to you about these invoices on %s.",
                                       "We wrote to you about these invoices on %s.", n),
                          dates->str);
}

/* The payment reference the letter asks for: the customer's ID and the letter's date. */
char *
rcv_dunning_letter_reference (const RcvDunningLetter *letter)
{
  g_return_val_if_fail (letter != NULL, NULL);

  return g_strdup_printf ("%s-%04u%02u%02u-%u", letter->code,
                          (guint) g_date_get_year (&letter->date),
                          (guint) g_date_get_month (&letter->date),
                          (guint) g_date_get_day (&letter->date), letter->level);
}

static char *
placeholder_value (const RcvDunningLetter *letter,
                   const char             *name,
                   const char             *company,
                   const char             *contact,
                   const RcvCurrency      *currency)
{
  /* the people's texts in a sentence are isolates of their own (rcv-text.c): a name that
   * is right-to-left, or carries an override, cannot reorder the sentence around it */
  if (g_str_equal (name, "customer"))
    return rcv_text_isolate (letter->name, 0);
  if (g_str_equal (name, "company"))
    return rcv_text_isolate (company, 0);
  if (g_str_equal (name, "contact"))
    return rcv_text_isolate (contact, 0);
  /* dates in a sentence are written out: "2 December 2026", "2. Dezember 2026" */
  if (g_str_equal (name, "date"))
    return rcv_date_format_long (&letter->date);
  if (g_str_equal (name, "deadline"))
    return rcv_date_format_long (&letter->deadline);
  if (g_str_equal (name, "oldest_due"))
    return rcv_date_format_long (&letter->oldest_due);
  if (g_str_equal (name, "level"))
    return g_strdup_printf ("%u", letter->level);
  if (g_str_equal (name, "previous"))
    return previous_sentence (letter);
  if (g_str_equal (name, "total"))
    return rcv_money_format (letter->total, currency);
  if (g_str_equal (name, "open"))
    return rcv_money_format (letter->open, currency);
  if (g_str_equal (name, "interest"))
    return rcv_money_format (letter->interest, currency);
  if (g_str_equal (name, "fees"))
    return rcv_money_format (letter->compensation + letter->fee, currency);
  if (g_str_equal (name, "reference"))
    {
      g_autofree char *reference = rcv_dunning_letter_reference (letter);
      return rcv_text_isolate (reference, 0);
    }
  return NULL;
}

/* The text with each {placeholder} filled in; “{{” and “}}” are braces, and anything else
 * between braces is kept as typed (the policy editor refuses it before it is saved). */
char *
rcv_dunning_letter_expand (const RcvDunningLetter *letter,
                           const char             *text,
                           const char             *company,
                           const char             *contact,
                           const RcvCurrency      *currency)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (letter != NULL && text != NULL && currency != NULL, NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      const char *close;

      if ((*p == '{' && p[1] == '{') || (*p == '}' && p[1] == '}'))
        {
          g_string_append_c (out, *p++);
          continue;
        }
      if (*p == '{' && (close = strchr (p, '}')) != NULL)
        {
          g_autofree char *name = g_strndup (p + 1, (gsize) (close - p - 1));
          g_autofree char *value = placeholder_value (letter, name, company ? company : "",
                                                      contact ? contact : "", currency);

          if (value != NULL)
            {
              g_string_append (out, value);
              p = close;
              continue;
            }
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}
