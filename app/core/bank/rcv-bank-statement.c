/* rcv-bank-statement.c - a bank statement: its entries, the format found from the content, the
 * balance check
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The readers (rcv-camt.c, rcv-mt940.c, rcv-bank-csv.c) give one model. The format is found
 * from the content, never from the file's name: XML is camt (its namespace says 053 or 054),
 * SWIFT tags (":20:", ":61:") are MT940, anything else is read as a CSV export. Where the file
 * has balances, opening + credits − debits must equal closing, or the whole file is refused:
 * a statement that does not add up is not one to record payments from.
 */
#define G_LOG_DOMAIN "rcv-bank"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rcv-error.h"
#include "rcv-bank-statement-private.h"

RcvBankStatement *
rcv_bank_statement_new (RcvBankFormat format)
{
  RcvBankStatement *statement = g_new0 (RcvBankStatement, 1);

  statement->format = format;
  statement->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) rcv_bank_entry_free);
  return statement;
}

void
rcv_bank_statement_free (RcvBankStatement *statement)
{
  if (statement == NULL)
    return;
  g_free (statement->account);
  g_free (statement->statement_id);
  g_ptr_array_unref (statement->entries);
  g_free (statement);
}

RcvBankEntry *
rcv_bank_entry_new (void)
{
  RcvBankEntry *entry = g_new0 (RcvBankEntry, 1);

  g_date_clear (&entry->booking_date, 1);
  g_date_clear (&entry->value_date, 1);
  entry->remittance = g_strdup ("");
  return entry;
}

void
rcv_bank_entry_free (RcvBankEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->entry_ref);
  g_free (entry->currency);
  g_free (entry->remittance);
  g_free (entry->reference);
  g_free (entry->end_to_end);
  g_free (entry->payer_name);
  g_free (entry->payer_iban);
  g_free (entry->where);
  g_free (entry);
}

const char *
rcv_bank_format_name (RcvBankFormat format)
{
  switch (format)
    {
    case RCV_BANK_CAMT053:
      return "camt.053";
    case RCV_BANK_CAMT054:
      return "camt.054";
    case RCV_BANK_MT940:
      return "MT940";
    case RCV_BANK_CSV:
    default:
      return "CSV";
    }
}

/* An amount as a bank file writes it ("1190.00", "1190,00", "1.190,00" with `decimal_mark`
 * ','), without a sign, in the currency's minor units. */
gboolean
rcv_bank_read_amount (const char        *text,
                           char               decimal_mark,
                           const RcvCurrency *currency,
                           gint64            *amount)
{
  g_autoptr(GString) plain = g_string_new (NULL);
  char grouping = decimal_mark == ',' ? '.' : ',';

  for (const char *p = text; *p != '\0'; p++)
    if (*p != grouping && *p != ' ' && *p != '\'')
      g_string_append_c (plain, *p);
  g_strstrip (plain->str);
  /* MT940 writes "1190," for whole amounts */
  if (plain->len > 0 && plain->str[plain->len - 1] == decimal_mark)
    g_string_truncate (plain, plain->len - 1);
  if (plain->len == 0 || plain->str[0] == '-' || plain->str[0] == '+')
    return FALSE;
  return rcv_money_parse_plain (plain->str, decimal_mark, currency, amount, NULL) && *amount >= 0;
}

/* `a` and `b` with a space between; either may be NULL or empty. */
char *
rcv_bank_join (const char *a,
                    const char *b)
{
  if (a == NULL || *a == '\0')
    return g_strdup (b != NULL ? b : "");
  if (b == NULL || *b == '\0')
    return g_strdup (a);
  return g_strconcat (a, " ", b, NULL);
}

static const char *
skip_bom_and_space (const char *data,
                    const char *end)
{
  if (end - data >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    data += 3;
  while (data < end && g_ascii_isspace (*data))
    data++;
  return data;
}

static gboolean
looks_like_mt940 (const char *data,
                  const char *end)
{
  g_autofree char *head = g_strndup (data, MIN ((gsize) (end - data), 4096));

  return g_str_has_prefix (head, "{1:") || g_str_has_prefix (head, ":20:") ||
         (strstr (head, "\n:20:") != NULL && (strstr (head, "\n:25:") != NULL ||
                                             strstr (head, "\n:61:") != NULL));
}

/* Reads a statement file, whichever of the formats it is in; NULL with the file, the line or
 * element and what is wrong, and nothing taken from it. Amounts are read in `currency`; a
 * CSV's columns by `remembered` (RcvBankCsvColumns a person named, or NULL), else by the names
 * banks give them (RCV_INPUT_ERROR_COLUMNS when neither finds them). */
RcvBankStatement *
rcv_bank_statement_parse (const char        *data,
                          gsize              length,
                          const char        *file_name,
                          const RcvCurrency *currency,
                          GPtrArray         *remembered,
                          GError           **error)
{
  const char *end = data + length;
  const char *start;
  RcvBankStatement *statement;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (file_name != NULL, NULL);
  g_return_val_if_fail (currency != NULL, NULL);

  start = skip_bom_and_space (data, end);
  if (start == end)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_FILE, _("%s: the file is empty"),
                   file_name);
      return NULL;
    }
  if (*start == '<')
    statement = rcv_camt_parse (data, length, file_name, currency, error);
  else if (looks_like_mt940 (start, end))
    statement = rcv_mt940_parse (start, (gsize) (end - start), file_name, currency, error);
  else
    statement = rcv_bank_csv_parse (data, length, file_name, currency, remembered, error);
  return statement;
}

/* A statement's balances (a file may hold several statements, each with its own): opening +
 * the credits − the debits of its entries, from `first` on, must equal closing. */
gboolean
rcv_bank_statement_check_range (const RcvBankStatement *statement,
                           guint               first,
                           gint64              opening,
                           gint64              closing,
                           const char         *where,
                           const char         *file_name,
                           const RcvCurrency  *currency,
                           GError            **error)
{
  gint64 sum = opening;

  for (guint i = first; i < statement->entries->len; i++)
    {
      const RcvBankEntry *entry = g_ptr_array_index (statement->entries, i);

      sum += entry->credit ? entry->amount : -entry->amount;
    }
  if (sum != closing)
    {
      g_autofree char *opening_text = rcv_money_format_plain (opening, currency);
      g_autofree char *closing_text = rcv_money_format_plain (closing, currency);
      g_autofree char *reached = rcv_money_format_plain (sum, currency);

      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_FILE,
                   /* Translators: a bank statement that does not add up; the second %s says
                    * where (a line or an element) */
                   _("%s, %s: the entries do not add up: the opening balance %s and the "
                     "entries give %s, the closing balance says %s; nothing was imported"),
                   file_name, where, opening_text, reached, closing_text);
      return FALSE;
    }
  return TRUE;
}
