/* rcv-bank-csv.c - a bank's CSV export of the account's movements
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Banks write their exports each their own way: ';' or ',' between fields (rcv-csv.c finds
 * which), 1.190,00 or 1,190.00, dd.mm.yyyy, dd/mm/yyyy or ISO dates, lines of account details
 * before the header, one signed amount column or separate credit and debit columns. The
 * columns are found by the names banks give them in English, German and French, accents and
 * case aside (the first of the first 30 rows that names a date and an amount is the header);
 * a row whose date or amount does not read refuses the file with its line.
 */
#define G_LOG_DOMAIN "rcv-bank"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "rcv-csv.h"
#include "rcv-date.h"
#include "rcv-error.h"
#include "rcv-reference.h"
#include "rcv-bank-statement-private.h"
#include "rcv-text-match.h"

typedef enum
{
  COL_DATE,
  COL_VALUE_DATE,
  COL_AMOUNT,
  COL_CREDIT,
  COL_DEBIT,
  COL_TEXT,
  COL_NAME,
  COL_IBAN,
  COL_END_TO_END,
  COL_REFERENCE,
  COL_CURRENCY,
  N_COLUMNS
} Column;

/* the header names, folded (rcv_text_match_fold ()); a header that starts with one counts */
static const char *const names[N_COLUMNS][14] = {
  [COL_DATE] = { "booking date", "buchungstag", "buchungsdatum", "date", "datum",
                 "date de l'operation", "date operation", "date comptable", "transaction date",
                 "posting date", "date de comptabilisation", NULL },
  [COL_VALUE_DATE] = { "value date", "valuta", "valutadatum", "wertstellung",
                       "date de valeur", "date valeur", NULL },
  [COL_AMOUNT] = { "amount", "betrag", "umsatz", "montant", NULL },
  [COL_CREDIT] = { "credit", "haben", "gutschrift", "eingang", "paid in", NULL },
  [COL_DEBIT] = { "debit", "soll", "lastschrift", "ausgang", "paid out", NULL },
  [COL_TEXT] = { "purpose", "description", "details", "remittance", "verwendungszweck",
                 "libelle", "motif", "communication", "memo", "narrative", NULL },
  [COL_NAME] = { "name", "payer", "counterparty", "beguenstigter/zahlungspflichtiger",
                 "auftraggeber", "zahlungspflichtiger", "empfanger", "nom", "tiers",
                 "contrepartie", "emetteur", NULL },
  [COL_IBAN] = { "iban", "kontonummer/iban", "counterparty iban", "iban auftraggeber",
                 "iban contrepartie", "iban du tiers", NULL },
  [COL_END_TO_END] = { "end-to-end", "end to end", "eref", "reference de bout en bout", NULL },
  [COL_REFERENCE] = { "transaction id", "bank reference", "buchungsreferenz", "referenz",
                      "reference bancaire", "transaktions-id", NULL },
  [COL_CURRENCY] = { "currency", "wahrung", "devise", NULL },
};

static gboolean
header_matches (const char *folded,
                Column      column)
{
  for (guint i = 0; names[column][i] != NULL; i++)
    if (g_str_equal (folded, names[column][i]) ||
        (g_str_has_prefix (folded, names[column][i]) &&
         !g_ascii_isalnum (folded[strlen (names[column][i])])))
      return TRUE;
  return FALSE;
}

/* The columns of a header row (-1 where none); FALSE when it names no date and no amount. */
static gboolean
read_header (RcvCsvReader *reader,
             int           columns[N_COLUMNS])
{
  for (guint c = 0; c < N_COLUMNS; c++)
    columns[c] = -1;
  for (guint i = 0; i < rcv_csv_reader_get_n_fields (reader); i++)
    {
      g_autofree char *folded = rcv_text_match_fold (rcv_csv_reader_get_field (reader, i));

      g_strstrip (folded);
      for (guint c = 0; c < N_COLUMNS; c++)
        if (columns[c] < 0 && header_matches (folded, (Column) c))
          {
            columns[c] = (int) i;
            break;
          }
    }
  return columns[COL_DATE] >= 0 &&
         (columns[COL_AMOUNT] >= 0 || (columns[COL_CREDIT] >= 0 && columns[COL_DEBIT] >= 0) ||
          columns[COL_CREDIT] >= 0);
}

static const char *
cell (RcvCsvReader *reader,
      int           column)
{
  if (column < 0 || (guint) column >= rcv_csv_reader_get_n_fields (reader))
    return "";
  return rcv_csv_reader_get_field (reader, (guint) column);
}

/* dd.mm.yyyy, dd.mm.yy, yyyy-mm-dd, dd/mm/yyyy (mm/dd/yyyy when the day cannot be first) */
static gboolean
read_date (const char *text,
           GDate      *date)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  int a, b, c;
  char s1, s2;

  if (rcv_date_parse_iso (trimmed, date, NULL))
    return TRUE;
  if (sscanf (trimmed, "%d%c%d%c%d", &a, &s1, &b, &s2, &c) != 5 || s1 != s2 ||
      (s1 != '.' && s1 != '/' && s1 != '-'))
    return FALSE;
  if (c < 100)
    c += 2000;
  if (s1 == '/' && b > 12 && a <= 12)
    {
      int swap = a;

      a = b;
      b = swap;
    }
  if (!g_date_valid_dmy ((GDateDay) a, (GDateMonth) b, (GDateYear) c))
    return FALSE;
  g_date_set_dmy (date, (GDateDay) a, (GDateMonth) b, (GDateYear) c);
  return TRUE;
}

/* A signed amount as the export writes it: "-1.190,00", "1,190.00", "(50.00)", "12,50-". */
static gboolean
read_signed (const char        *text,
             const RcvCurrency *currency,
             gint64            *amount,
             gboolean          *negative)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *last_dot, *last_comma;
  char mark = '.';

  *negative = FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '-' || *p == '(' || *p == '\xe2')   /* '\xe2': the minus sign U+2212 */
        *negative = TRUE;
      else if (g_ascii_isdigit (*p) || *p == '.' || *p == ',')
        g_string_append_c (digits, *p);
    }
  if (digits->len == 0)
    return FALSE;
  last_dot = strrchr (digits->str, '.');
  last_comma = strrchr (digits->str, ',');
  if (last_dot != NULL && last_comma != NULL)
    mark = last_dot > last_comma ? '.' : ',';
  else if (last_comma != NULL)
    mark = strlen (last_comma + 1) == 3 && strchr (digits->str, ',') != last_comma ? '.'
           : strlen (last_comma + 1) == 3 && currency->decimals != 3 ? '.' : ',';
  else if (last_dot != NULL && strlen (last_dot + 1) == 3 && currency->decimals != 3)
    mark = ',';
  return rcv_bank_read_amount (digits->str, mark, currency, amount);
}

static gboolean
fail_row (RcvCsvReader *reader,
          const char   *column,
          const char   *problem,
          GError      **error)
{
  g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
               /* Translators: file, line, column, what is wrong */
               _("%s, line %u, %s: %s"), rcv_csv_reader_get_name (reader),
               rcv_csv_reader_get_line (reader), column, problem);
  return FALSE;
}

static gboolean
read_row (RcvCsvReader      *reader,
          const int          columns[N_COLUMNS],
          const RcvCurrency *currency,
          RcvBankStatement      *statement,
          GError           **error)
{
  g_autoptr(RcvBankEntry) entry = rcv_bank_entry_new ();
  const char *text;
  gboolean negative = FALSE;

  text = cell (reader, columns[COL_DATE]);
  if (!read_date (text, &entry->booking_date))
    {
      g_autofree char *problem = g_strdup_printf (_("“%s” is not a date"), text);

      return fail_row (reader, _("date"), problem, error);
    }
  if (columns[COL_VALUE_DATE] >= 0)
    read_date (cell (reader, columns[COL_VALUE_DATE]), &entry->value_date);
  if (columns[COL_AMOUNT] >= 0)
    {
      text = cell (reader, columns[COL_AMOUNT]);
      if (!read_signed (text, currency, &entry->amount, &negative))
        {
          g_autofree char *problem = g_strdup_printf (_("“%s” is not an amount"), text);

          return fail_row (reader, _("amount"), problem, error);
        }
      entry->credit = !negative;
    }
  else
    {
      const char *credit = cell (reader, columns[COL_CREDIT]);
      const char *debit = cell (reader, columns[COL_DEBIT]);
      gboolean credit_read = *credit != '\0' && read_signed (credit, currency, &entry->amount,
                                                             &negative) && entry->amount > 0;

      entry->credit = credit_read;
      if (!credit_read && (*debit == '\0' || !read_signed (debit, currency, &entry->amount,
                                                           &negative)))
        {
          g_autofree char *problem = g_strdup_printf (_("neither “%s” nor “%s” is an amount"),
                                                      credit, debit);

          return fail_row (reader, _("amount"), problem, error);
        }
    }
  if (entry->amount == 0)
    return TRUE;   /* a row of information, not a movement */
  g_free (entry->remittance);
  entry->remittance = g_strstrip (g_strdup (cell (reader, columns[COL_TEXT])));
  if (*cell (reader, columns[COL_NAME]) != '\0')
    entry->payer_name = g_strstrip (g_strdup (cell (reader, columns[COL_NAME])));
  if (*cell (reader, columns[COL_IBAN]) != '\0')
    entry->payer_iban = rcv_reference_compact (cell (reader, columns[COL_IBAN]));
  if (*cell (reader, columns[COL_END_TO_END]) != '\0')
    entry->end_to_end = g_strstrip (g_strdup (cell (reader, columns[COL_END_TO_END])));
  if (*cell (reader, columns[COL_REFERENCE]) != '\0')
    entry->entry_ref = g_strstrip (g_strdup (cell (reader, columns[COL_REFERENCE])));
  if (*cell (reader, columns[COL_CURRENCY]) != '\0')
    entry->currency = g_strstrip (g_strdup (cell (reader, columns[COL_CURRENCY])));
  entry->where = g_strdup_printf (_("line %u"), rcv_csv_reader_get_line (reader));
  g_ptr_array_add (statement->entries, g_steal_pointer (&entry));
  return TRUE;
}

RcvBankStatement *
rcv_bank_csv_parse (const char        *data,
                    gsize              length,
                    const char        *file_name,
                    const RcvCurrency *currency,
                    GError           **error)
{
  g_autoptr(RcvCsvReader) reader = rcv_csv_reader_new_for_data (data, length, file_name);
  g_autoptr(RcvBankStatement) statement = rcv_bank_statement_new (RCV_BANK_CSV);
  int columns[N_COLUMNS];
  gboolean header = FALSE;
  RcvCsvStatus status;

  for (guint row = 0; row < 30 && !header; row++)
    {
      status = rcv_csv_reader_next (reader, error);
      if (status == RCV_CSV_END)
        break;
      if (status == RCV_CSV_ERROR)
        return NULL;
      header = read_header (reader, columns);
    }
  if (!header)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_FILE,
                   _("%s: not a statement this program reads: no camt or MT940 content, and no "
                     "CSV header naming a date and an amount (Date, Buchungstag, Montant, "
                     "Betrag…) in its first 30 lines"), file_name);
      return NULL;
    }
  while ((status = rcv_csv_reader_next (reader, error)) == RCV_CSV_ROW)
    {
      if (rcv_csv_reader_get_n_fields (reader) <= 1 && *cell (reader, 0) == '\0')
        continue;
      if (!read_row (reader, columns, currency, statement, error))
        return NULL;
    }
  if (status == RCV_CSV_ERROR)
    return NULL;
  return g_steal_pointer (&statement);
}
