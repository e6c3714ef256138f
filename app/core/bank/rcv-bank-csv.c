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

/* the header names, folded (rcv_text_match_fold ()); a header that starts with one counts */
static const char *const names[RCV_BANK_N_COLUMNS][14] = {
  [RCV_BANK_COLUMN_DATE] = { "booking date", "buchungstag", "buchungsdatum", "date", "datum",
                             "date de l'operation", "date operation", "date comptable",
                             "transaction date", "posting date", "date de comptabilisation",
                             NULL },
  [RCV_BANK_COLUMN_VALUE_DATE] = { "value date", "valuta", "valutadatum", "wertstellung",
                                   "date de valeur", "date valeur", NULL },
  [RCV_BANK_COLUMN_AMOUNT] = { "amount", "betrag", "umsatz", "montant", NULL },
  [RCV_BANK_COLUMN_CREDIT] = { "credit", "haben", "gutschrift", "eingang", "paid in", NULL },
  [RCV_BANK_COLUMN_DEBIT] = { "debit", "soll", "lastschrift", "ausgang", "paid out", NULL },
  [RCV_BANK_COLUMN_TEXT] = { "purpose", "description", "details", "remittance",
                             "verwendungszweck", "libelle", "motif", "communication", "memo",
                             "narrative", NULL },
  [RCV_BANK_COLUMN_NAME] = { "name", "payer", "counterparty", "beguenstigter/zahlungspflichtiger",
                             "auftraggeber", "zahlungspflichtiger", "empfanger", "nom", "tiers",
                             "contrepartie", "emetteur", NULL },
  [RCV_BANK_COLUMN_IBAN] = { "iban", "kontonummer/iban", "counterparty iban", "iban auftraggeber",
                             "iban contrepartie", "iban du tiers", NULL },
  [RCV_BANK_COLUMN_END_TO_END] = { "end-to-end", "end to end", "eref",
                                   "reference de bout en bout", NULL },
  [RCV_BANK_COLUMN_REFERENCE] = { "transaction id", "bank reference", "buchungsreferenz",
                                  "referenz", "reference bancaire", "transaktions-id", NULL },
  [RCV_BANK_COLUMN_CURRENCY] = { "currency", "wahrung", "devise", NULL },
};

static const char *const keys[RCV_BANK_N_COLUMNS] = {
  "date", "value_date", "amount", "credit", "debit", "text", "name", "iban", "end_to_end",
  "reference", "currency",
};

/* The column's name in `receivables-cli bank columns` and in the company file. */
const char *
rcv_bank_column_key (RcvBankColumn column)
{
  g_return_val_if_fail (column < RCV_BANK_N_COLUMNS, NULL);

  return keys[column];
}

gboolean
rcv_bank_column_from_key (const char    *key,
                          RcvBankColumn *column)
{
  for (guint c = 0; c < RCV_BANK_N_COLUMNS; c++)
    if (g_str_equal (key, keys[c]))
      {
        *column = (RcvBankColumn) c;
        return TRUE;
      }
  return FALSE;
}

/* What a person sees the column as, translated. */
const char *
rcv_bank_column_label (RcvBankColumn column)
{
  switch (column)
    {
    case RCV_BANK_COLUMN_DATE:
      return C_("bank column", "Booking date");
    case RCV_BANK_COLUMN_VALUE_DATE:
      return C_("bank column", "Value date");
    case RCV_BANK_COLUMN_AMOUNT:
      return C_("bank column", "Amount (signed)");
    case RCV_BANK_COLUMN_CREDIT:
      return C_("bank column", "Credit (paid in)");
    case RCV_BANK_COLUMN_DEBIT:
      return C_("bank column", "Debit (paid out)");
    case RCV_BANK_COLUMN_TEXT:
      return C_("bank column", "Remittance text");
    case RCV_BANK_COLUMN_NAME:
      return C_("bank column", "Payer’s name");
    case RCV_BANK_COLUMN_IBAN:
      return C_("bank column", "Payer’s IBAN");
    case RCV_BANK_COLUMN_END_TO_END:
      return C_("bank column", "End-to-end ID");
    case RCV_BANK_COLUMN_REFERENCE:
      return C_("bank column", "Bank’s reference");
    case RCV_BANK_COLUMN_CURRENCY:
      return C_("bank column", "Currency");
    case RCV_BANK_N_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

RcvBankCsvColumns *
rcv_bank_csv_columns_new (void)
{
  return g_new0 (RcvBankCsvColumns, 1);
}

RcvBankCsvColumns *
rcv_bank_csv_columns_copy (const RcvBankCsvColumns *columns)
{
  RcvBankCsvColumns *copy = rcv_bank_csv_columns_new ();

  copy->account = g_strdup (columns->account);
  copy->header = g_strdup (columns->header);
  for (guint c = 0; c < RCV_BANK_N_COLUMNS; c++)
    copy->names[c] = g_strdup (columns->names[c]);
  return copy;
}

void
rcv_bank_csv_columns_free (RcvBankCsvColumns *columns)
{
  if (columns == NULL)
    return;
  g_free (columns->account);
  g_free (columns->header);
  for (guint c = 0; c < RCV_BANK_N_COLUMNS; c++)
    g_free (columns->names[c]);
  g_free (columns);
}

void
rcv_bank_csv_layout_free (RcvBankCsvLayout *layout)
{
  if (layout == NULL)
    return;
  g_free (layout->account);
  g_strfreev (layout->header);
  g_strfreev (layout->sample);
  rcv_bank_csv_columns_free (layout->columns);
  g_free (layout);
}

static char *
fold (const char *text)
{
  return g_strstrip (rcv_text_match_fold (text));
}

/* Whether the columns named can read a statement: a date, and an amount or a credit column,
 * each a cell of `header` (when given), none named twice. */
gboolean
rcv_bank_csv_columns_check (const RcvBankCsvColumns *columns,
                            const char              *const *header,
                            GError                 **error)
{
  g_return_val_if_fail (columns != NULL, FALSE);

  if (columns->names[RCV_BANK_COLUMN_DATE] == NULL ||
      (columns->names[RCV_BANK_COLUMN_AMOUNT] == NULL &&
       columns->names[RCV_BANK_COLUMN_CREDIT] == NULL))
    {
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_COLUMNS,
                           _("A statement needs its booking date column, and its amount column "
                             "or its credit column"));
      return FALSE;
    }
  for (guint c = 0; c < RCV_BANK_N_COLUMNS; c++)
    {
      const char *name = columns->names[c];
      g_autofree char *wanted = NULL;
      gboolean found = header == NULL;

      if (name == NULL)
        continue;
      wanted = fold (name);
      for (guint i = 0; header != NULL && header[i] != NULL && !found; i++)
        {
          g_autofree char *folded = fold (header[i]);

          found = g_str_equal (folded, wanted);
        }
      if (!found)
        {
          g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_COLUMNS,
                       /* Translators: a column named for a bank's CSV export: the column, the
                        * header name given */
                       _("%s: the file has no column “%s”"), rcv_bank_column_label (c), name);
          return FALSE;
        }
      for (guint d = c + 1; d < RCV_BANK_N_COLUMNS; d++)
        if (columns->names[d] != NULL && g_ascii_strcasecmp (columns->names[d], name) == 0)
          {
            g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_COLUMNS,
                         /* Translators: one CSV column named for two meanings */
                         _("The column “%s” cannot be both the %s and the %s"), name,
                         rcv_bank_column_label (c), rcv_bank_column_label (d));
            return FALSE;
          }
    }
  return TRUE;
}

static gboolean
header_matches (const char   *folded,
                RcvBankColumn column)
{
  for (guint i = 0; names[column][i] != NULL; i++)
    if (g_str_equal (folded, names[column][i]) ||
        (g_str_has_prefix (folded, names[column][i]) &&
         !g_ascii_isalnum (folded[strlen (names[column][i])])))
      return TRUE;
  return FALSE;
}

static gboolean
columns_complete (const int columns[RCV_BANK_N_COLUMNS])
{
  return columns[RCV_BANK_COLUMN_DATE] >= 0 &&
         (columns[RCV_BANK_COLUMN_AMOUNT] >= 0 || columns[RCV_BANK_COLUMN_CREDIT] >= 0);
}

/* The columns a header row names by the names banks use (-1 where none); FALSE when it names
 * no date or no amount. */
static gboolean
read_header (RcvCsvReader *reader,
             int           columns[RCV_BANK_N_COLUMNS])
{
  for (guint c = 0; c < RCV_BANK_N_COLUMNS; c++)
    columns[c] = -1;
  for (guint i = 0; i < rcv_csv_reader_get_n_fields (reader); i++)
    {
      g_autofree char *folded = fold (rcv_csv_reader_get_field (reader, i));

      for (guint c = 0; c < RCV_BANK_N_COLUMNS; c++)
        if (columns[c] < 0 && header_matches (folded, (RcvBankColumn) c))
          {
            columns[c] = (int) i;
            break;
          }
    }
  return columns_complete (columns);
}

/* The row's cells folded and joined by ';', trailing empty cells left out: what identifies an
 * export that names no account. */
static char *
row_signature (RcvCsvReader *reader)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint n = rcv_csv_reader_get_n_fields (reader);

  while (n > 0 && *rcv_csv_reader_get_field (reader, n - 1) == '\0')
    n--;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *folded = fold (rcv_csv_reader_get_field (reader, i));

      if (i > 0)
        g_string_append_c (out, ';');
      g_string_append (out, folded);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The columns of a header row as `remembered` names them, whatever their order; FALSE when
 * the date or an amount column named is not in the row (another column named but missing is
 * not read: an export may drop one). */
static gboolean
read_remembered (RcvCsvReader            *reader,
                 const RcvBankCsvColumns *remembered,
                 int                      columns[RCV_BANK_N_COLUMNS])
{
  for (guint c = 0; c < RCV_BANK_N_COLUMNS; c++)
    {
      g_autofree char *wanted = NULL;

      columns[c] = -1;
      if (remembered->names[c] == NULL)
        continue;
      wanted = fold (remembered->names[c]);
      for (guint i = 0; i < rcv_csv_reader_get_n_fields (reader) && columns[c] < 0; i++)
        {
          g_autofree char *folded = fold (rcv_csv_reader_get_field (reader, i));

          if (g_str_equal (folded, wanted))
            columns[c] = (int) i;
        }
      if (columns[c] < 0 && (c == RCV_BANK_COLUMN_DATE || c == RCV_BANK_COLUMN_AMOUNT ||
                             c == RCV_BANK_COLUMN_CREDIT || c == RCV_BANK_COLUMN_DEBIT))
        return FALSE;
    }
  return columns_complete (columns);
}

/* The columns remembered for this account (found above the header), or for an export with
 * this header row; NULL when none fits the row. */
static const RcvBankCsvColumns *
find_remembered (RcvCsvReader *reader,
                 GPtrArray    *remembered,
                 const char   *account,
                 int           columns[RCV_BANK_N_COLUMNS])
{
  g_autofree char *signature = NULL;

  for (guint i = 0; remembered != NULL && i < remembered->len; i++)
    {
      const RcvBankCsvColumns *candidate = g_ptr_array_index (remembered, i);

      if (account != NULL && g_strcmp0 (candidate->account, account) == 0 &&
          read_remembered (reader, candidate, columns))
        return candidate;
    }
  for (guint i = 0; remembered != NULL && i < remembered->len; i++)
    {
      const RcvBankCsvColumns *candidate = g_ptr_array_index (remembered, i);

      if (candidate->account != NULL || candidate->header == NULL)
        continue;
      if (signature == NULL)
        signature = row_signature (reader);
      if (g_str_equal (candidate->header, signature) && read_remembered (reader, candidate, columns))
        return candidate;
    }
  return NULL;
}

/* The account a CSV export is of: the first IBAN whose check digits hold in a row above the
 * header ("Konto;DE89 3704 0044 0532 0130 00", "IBAN: FR76 …"). */
static char *
find_account (RcvCsvReader *reader)
{
  for (guint i = 0; i < rcv_csv_reader_get_n_fields (reader); i++)
    {
      g_auto(GStrv) parts = g_strsplit (rcv_csv_reader_get_field (reader, i), ":", -1);

      for (guint p = 0; parts[p] != NULL; p++)
        if (rcv_iban_valid (parts[p]))
          return rcv_reference_compact (g_strstrip (parts[p]));
    }
  return NULL;
}

/* Finds the header among the first 30 rows: by the columns remembered for the account or the
 * header, else by the names banks use. The account is the one named above it, if any. */
static gboolean
find_header (RcvCsvReader  *reader,
             GPtrArray     *remembered,
             char         **account,
             int            columns[RCV_BANK_N_COLUMNS],
             gboolean      *by_person,
             GError       **error)
{
  *account = NULL;
  *by_person = FALSE;
  for (guint row = 0; row < 30; row++)
    {
      RcvCsvStatus status = rcv_csv_reader_next (reader, error);

      if (status == RCV_CSV_ERROR)
        return FALSE;
      if (status == RCV_CSV_END)
        break;
      if (find_remembered (reader, remembered, *account, columns) != NULL)
        {
          *by_person = TRUE;
          return TRUE;
        }
      if (read_header (reader, columns))
        return TRUE;
      if (*account == NULL)
        *account = find_account (reader);
    }
  g_clear_pointer (account, g_free);
  return FALSE;
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
          const int          columns[RCV_BANK_N_COLUMNS],
          const RcvCurrency *currency,
          RcvBankStatement      *statement,
          GError           **error)
{
  g_autoptr(RcvBankEntry) entry = rcv_bank_entry_new ();
  const char *text;
  gboolean negative = FALSE;

  text = cell (reader, columns[RCV_BANK_COLUMN_DATE]);
  if (!read_date (text, &entry->booking_date))
    {
      g_autofree char *problem = g_strdup_printf (_("“%s” is not a date"), text);

      return fail_row (reader, _("date"), problem, error);
    }
  if (columns[RCV_BANK_COLUMN_VALUE_DATE] >= 0)
    read_date (cell (reader, columns[RCV_BANK_COLUMN_VALUE_DATE]), &entry->value_date);
  if (columns[RCV_BANK_COLUMN_AMOUNT] >= 0)
    {
      text = cell (reader, columns[RCV_BANK_COLUMN_AMOUNT]);
      if (!read_signed (text, currency, &entry->amount, &negative))
        {
          g_autofree char *problem = g_strdup_printf (_("“%s” is not an amount"), text);

          return fail_row (reader, _("amount"), problem, error);
        }
      entry->credit = !negative;
    }
  else
    {
      const char *credit = cell (reader, columns[RCV_BANK_COLUMN_CREDIT]);
      const char *debit = cell (reader, columns[RCV_BANK_COLUMN_DEBIT]);
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
  entry->remittance = g_strstrip (g_strdup (cell (reader, columns[RCV_BANK_COLUMN_TEXT])));
  if (*cell (reader, columns[RCV_BANK_COLUMN_NAME]) != '\0')
    entry->payer_name = g_strstrip (g_strdup (cell (reader, columns[RCV_BANK_COLUMN_NAME])));
  if (*cell (reader, columns[RCV_BANK_COLUMN_IBAN]) != '\0')
    entry->payer_iban = rcv_reference_compact (cell (reader, columns[RCV_BANK_COLUMN_IBAN]));
  if (*cell (reader, columns[RCV_BANK_COLUMN_END_TO_END]) != '\0')
    entry->end_to_end = g_strstrip (g_strdup (cell (reader, columns[RCV_BANK_COLUMN_END_TO_END])));
  if (*cell (reader, columns[RCV_BANK_COLUMN_REFERENCE]) != '\0')
    entry->entry_ref = g_strstrip (g_strdup (cell (reader, columns[RCV_BANK_COLUMN_REFERENCE])));
  if (*cell (reader, columns[RCV_BANK_COLUMN_CURRENCY]) != '\0')
    entry->currency = g_strstrip (g_strdup (cell (reader, columns[RCV_BANK_COLUMN_CURRENCY])));
  entry->where = g_strdup_printf (_("line %u"), rcv_csv_reader_get_line (reader));
  g_ptr_array_add (statement->entries, g_steal_pointer (&entry));
  return TRUE;
}

/* A file of fewer than three columns in its first rows is not a bank's export: it is refused
 * as a file, not asked for its columns. */
static gboolean
fail_header (guint         widest,
             const char   *file_name,
             GError      **error)
{
  if (widest < 3)
    g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_FILE,
                 _("%s: not a statement this program reads: no camt or MT940 content, and no "
                   "CSV table"), file_name);
  else
    g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_COLUMNS,
                 _("%s: the columns of this CSV export are not known: no header naming a date "
                   "and an amount (Date, Buchungstag, Montant, Betrag…) in its first 30 lines. "
                   "Name them once, on the Bank page or with “receivables-cli bank columns”, "
                   "and they are remembered for the account"), file_name);
  return FALSE;
}

static GStrv
row_cells (RcvCsvReader *reader,
           guint         n)
{
  GStrv cells = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    cells[i] = g_strstrip (g_strdup (i < rcv_csv_reader_get_n_fields (reader)
                                     ? rcv_csv_reader_get_field (reader, i) : ""));
  return cells;
}

static guint
n_filled (RcvCsvReader *reader)
{
  guint n = 0;

  for (guint i = 0; i < rcv_csv_reader_get_n_fields (reader); i++)
    n += *rcv_csv_reader_get_field (reader, i) != '\0';
  return n;
}

/* The header row is the current one: what it says, and its row below. */
static RcvBankCsvLayout *
layout_of_row (RcvCsvReader *reader,
               const int     columns[RCV_BANK_N_COLUMNS],
               char         *account,
               GError      **error)
{
  RcvBankCsvLayout *layout = g_new0 (RcvBankCsvLayout, 1);
  guint n = rcv_csv_reader_get_n_fields (reader);

  layout->account = account;
  layout->header_line = rcv_csv_reader_get_line (reader);
  layout->header = row_cells (reader, n);
  layout->columns = rcv_bank_csv_columns_new ();
  layout->columns->account = g_strdup (account);
  layout->columns->header = row_signature (reader);
  for (guint c = 0; c < RCV_BANK_N_COLUMNS; c++)
    if (columns[c] >= 0)
      layout->columns->names[c] = g_strdup (layout->header[columns[c]]);
  switch (rcv_csv_reader_next (reader, error))
    {
    case RCV_CSV_ERROR:
      rcv_bank_csv_layout_free (layout);
      return NULL;
    case RCV_CSV_ROW:
      layout->sample = row_cells (reader, n);
      break;
    case RCV_CSV_END:
    default:
      layout->sample = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        layout->sample[i] = g_strdup ("");
      break;
    }
  return layout;
}

/* What a CSV export looks like, for a person to name its columns: its header (found as the
 * statement would be read, else the first of its widest rows among the first 30) with the
 * columns known so far, and the row below it. NULL when it is no table. */
RcvBankCsvLayout *
rcv_bank_csv_inspect (const char *data,
                      gsize       length,
                      const char *file_name,
                      GPtrArray  *remembered,
                      GError    **error)
{
  g_autoptr(RcvCsvReader) reader = rcv_csv_reader_new_for_data (data, length, file_name);
  g_autoptr(RcvCsvReader) again = NULL;
  g_autoptr(GError) local_error = NULL;
  int columns[RCV_BANK_N_COLUMNS];
  char *account = NULL;
  gboolean by_person;
  guint widest = 0, widest_row = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (file_name != NULL, NULL);

  if (find_header (reader, remembered, &account, columns, &by_person, &local_error))
    return layout_of_row (reader, columns, account, error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  again = rcv_csv_reader_new_for_data (data, length, file_name);
  for (guint row = 0; row < 30; row++)
    {
      if (rcv_csv_reader_next (again, error) != RCV_CSV_ROW)
        break;
      if (n_filled (again) > widest)
        {
          widest = n_filled (again);
          widest_row = row;
        }
    }
  g_clear_pointer (&again, rcv_csv_reader_free);
  if (widest < 3)
    {
      fail_header (widest, file_name, error);
      return NULL;
    }
  again = rcv_csv_reader_new_for_data (data, length, file_name);
  for (guint row = 0; row <= widest_row; row++)
    {
      if (rcv_csv_reader_next (again, error) != RCV_CSV_ROW)
        return NULL;
      if (row < widest_row && account == NULL)
        account = find_account (again);
    }
  read_header (again, columns);
  return layout_of_row (again, columns, account, error);
}

RcvBankStatement *
rcv_bank_csv_parse (const char        *data,
                    gsize              length,
                    const char        *file_name,
                    const RcvCurrency *currency,
                    GPtrArray         *remembered,
                    GError           **error)
{
  g_autoptr(RcvCsvReader) reader = rcv_csv_reader_new_for_data (data, length, file_name);
  g_autoptr(RcvBankStatement) statement = rcv_bank_statement_new (RCV_BANK_CSV);
  g_autoptr(GError) local_error = NULL;
  int columns[RCV_BANK_N_COLUMNS];
  gboolean by_person;
  RcvCsvStatus status;

  if (!find_header (reader, remembered, &statement->account, columns, &by_person,
                    &local_error))
    {
      g_autoptr(RcvCsvReader) again = NULL;
      guint widest = 0;

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      again = rcv_csv_reader_new_for_data (data, length, file_name);
      for (guint row = 0; row < 30 && rcv_csv_reader_next (again, NULL) == RCV_CSV_ROW; row++)
        widest = MAX (widest, n_filled (again));
      fail_header (widest, file_name, error);
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
