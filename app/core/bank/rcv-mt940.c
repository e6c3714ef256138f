/* rcv-mt940.c - SWIFT MT940 customer statements, with the German :86: subfields
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A file holds one statement or more (each from :20:), as plain tags or inside SWIFT blocks
 * ({1:…}{2:…}{4: … -}). Fields run over lines until the next tag. :61: is a statement line:
 * value date, entry date, C/D/RC/RD, amount ("119,00"), the transaction type, the reference
 * for the account owner, // the bank's reference; the line after it may add details. :86: is
 * its information: with the German subfields (GVC code, then ?20–?29 purpose, ?30 BIC,
 * ?31 IBAN, ?32–?33 name) and within the purpose the SEPA keys (EREF+ end-to-end ID, SVWZ+
 * remittance, and the others, which end the one before them); without subfields it is the
 * remittance text as it stands. :60F:/:60M: and :62F:/:62M: are the balances each statement is
 * checked against.
 */
#define G_LOG_DOMAIN "rcv-bank"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rcv-error.h"
#include "rcv-reference.h"
#include "rcv-bank-statement-private.h"

typedef struct
{
  char tag[6];
  char *value;     /* the lines of the field joined by '\n' */
  guint line;      /* where the field starts */
} Field;

static void
field_clear (gpointer data)
{
  g_free (((Field *) data)->value);
}

static gboolean
fail (const char *file_name,
      guint       line,
      const char *tag,
      const char *problem,
      GError    **error)
{
  g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_FILE,
               /* Translators: file, line, MT940 field, what is wrong */
               _("%s, line %u (:%s:): %s"), file_name, line, tag, problem);
  return FALSE;
}

/* The fields of the file, in order; the SWIFT block wrappers and "-" separators dropped. */
static GArray *
split_fields (const char *data,
              gsize       length)
{
  GArray *fields = g_array_new (FALSE, TRUE, sizeof (Field));
  g_autofree char *text = g_strndup (data, length);
  g_auto(GStrv) lines = NULL;
  Field *current = NULL;

  g_array_set_clear_func (fields, field_clear);
  g_strdelimit (text, "\r", '\n');
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      const char *colon;

      /* {1:F01…}{2:…}{4: starts the text block; -} ends it */
      while (line[0] == '{')
        {
          char *close = strchr (line, '}');

          if (g_str_has_prefix (line, "{4:"))
            {
              line += 3;
              break;
            }
          if (close == NULL)
            break;
          line = close + 1;
        }
      if (g_str_equal (line, "-") || g_str_equal (line, "-}") || g_str_has_prefix (line, "-}"))
        {
          current = NULL;
          continue;
        }
      if (line[0] == ':' && (colon = strchr (line + 1, ':')) != NULL && colon - line <= 5 &&
          colon - line >= 3)
        {
          Field field = { { 0 }, NULL, i + 1 };

          memcpy (field.tag, line + 1, (gsize) (colon - line - 1));
          field.value = g_strdup (colon + 1);
          g_array_append_val (fields, field);
          current = &g_array_index (fields, Field, fields->len - 1);
        }
      else if (current != NULL && line[0] != '\0')
        {
          char *joined = g_strconcat (current->value, "\n", line, NULL);

          g_free (current->value);
          current->value = joined;
        }
    }
  return fields;
}

/* YYMMDD; the century is 20 */
static gboolean
read_yymmdd (const char *text,
             GDate      *date)
{
  int y, m, d;

  for (int i = 0; i < 6; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  y = 2000 + (text[0] - '0') * 10 + (text[1] - '0');
  m = (text[2] - '0') * 10 + (text[3] - '0');
  d = (text[4] - '0') * 10 + (text[5] - '0');
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

/* A balance: C or D, YYMMDD, the currency, the amount ("C260301EUR1000,00"). */
static gboolean
read_balance (const Field       *field,
              const char        *file_name,
              const RcvCurrency *currency,
              gint64            *amount,
              GError           **error)
{
  const char *v = field->value;
  GDate date;

  g_date_clear (&date, 1);
  if ((v[0] != 'C' && v[0] != 'D') || strlen (v) < 11 || !read_yymmdd (v + 1, &date) ||
      !rcv_bank_read_amount (v + 10, ',', currency, amount))
    return fail (file_name, field->line, field->tag,
                 _("not a balance (C or D, the date as YYMMDD, the currency, the amount)"), error);
  if (v[0] == 'D')
    *amount = -*amount;
  return TRUE;
}

/* What the text from a SEPA key on holds, up to the next key. */
static char *
sepa_value (const char *purpose,
            const char *key)
{
  static const char *const keys[] = { "EREF+", "KREF+", "MREF+", "CRED+", "DEBT+", "COAM+",
                                      "OAMT+", "SVWZ+", "ABWA+", "ABWE+", "IBAN+", "BIC+", NULL };
  const char *start = strstr (purpose, key);
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen (key);
  end = start + strlen (start);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *next = strstr (start, keys[i]);

      if (next != NULL && next < end)
        end = next;
    }
  return g_strstrip (g_strndup (start, (gsize) (end - start)));
}

/* :86: with the German subfields, or as free text. */
static void
read_information (const char   *value,
                  RcvBankEntry *entry)
{
  g_autofree char *flat = g_strdup (value);
  g_autoptr(GString) purpose = g_string_new (NULL);
  g_autoptr(GString) name = g_string_new (NULL);
  char separator;

  g_strdelimit (flat, "\n", '\x01');
  /* the lines of a field are cut at a fixed width: joined again without a space */
  {
    GString *joined = g_string_new (NULL);

    for (const char *p = flat; *p != '\0'; p++)
      if (*p != '\x01')
        g_string_append_c (joined, *p);
    g_free (flat);
    flat = g_string_free (joined, FALSE);
  }
  separator = strlen (flat) > 3 && g_ascii_isdigit (flat[0]) && g_ascii_isdigit (flat[1]) &&
              g_ascii_isdigit (flat[2]) ? flat[3] : '\0';
  if (separator == '\0' || g_ascii_isalnum (separator) || separator == ' ')
    {
      char *text = g_strdup (value);

      g_strdelimit (text, "\n", ' ');
      g_free (entry->remittance);
      entry->remittance = g_strstrip (text);
      return;
    }
  {
    g_autofree char *sep = g_strndup (&separator, 1);
    g_auto(GStrv) parts = g_strsplit (flat + 3, sep, -1);

    for (guint i = 0; parts[i] != NULL; i++)
      {
        const char *part = parts[i];
        int code;

        if (strlen (part) < 2 || !g_ascii_isdigit (part[0]) || !g_ascii_isdigit (part[1]))
          continue;
        code = (part[0] - '0') * 10 + (part[1] - '0');
        if (code >= 20 && code <= 29)
          g_string_append (purpose, part + 2);
        else if (code >= 60 && code <= 63)
          g_string_append (purpose, part + 2);
        else if (code == 31 && part[2] != '\0')
          {
            g_free (entry->payer_iban);
            entry->payer_iban = rcv_reference_compact (part + 2);
          }
        else if (code == 32 || code == 33)
          g_string_append (name, part + 2);
      }
  }
  if (name->len > 0)
    {
      g_free (entry->payer_name);
      entry->payer_name = g_strstrip (g_strdup (name->str));
    }
  g_free (entry->end_to_end);
  entry->end_to_end = sepa_value (purpose->str, "EREF+");
  if (g_strcmp0 (entry->end_to_end, "NOTPROVIDED") == 0)
    g_clear_pointer (&entry->end_to_end, g_free);
  g_free (entry->remittance);
  entry->remittance = sepa_value (purpose->str, "SVWZ+");
  if (entry->remittance == NULL)
    entry->remittance = g_strstrip (g_strdup (purpose->str));
}

/* :61: value date, entry date, mark, amount, type, references. */
static gboolean
read_statement_line (const Field       *field,
                     const char        *file_name,
                     const RcvCurrency *currency,
                     RcvBankEntry      *entry,
                     GError           **error)
{
  const char *v = field->value;
  const char *p = v + 6;
  g_autoptr(GString) amount = g_string_new (NULL);
  const char *slashes;
  char *newline;

  if (strlen (v) < 6 || !read_yymmdd (v, &entry->value_date))
    return fail (file_name, field->line, field->tag, _("the value date is not YYMMDD"), error);
  entry->booking_date = entry->value_date;
  if (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) &&
      g_ascii_isdigit (p[3]))
    {
      int m = (p[0] - '0') * 10 + (p[1] - '0'), d = (p[2] - '0') * 10 + (p[3] - '0');
      int y = g_date_get_year (&entry->value_date);

      /* an entry date across the new year from its value date */
      if (m == 12 && g_date_get_month (&entry->value_date) == 1)
        y--;
      else if (m == 1 && g_date_get_month (&entry->value_date) == 12)
        y++;
      if (g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
        g_date_set_dmy (&entry->booking_date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
      p += 4;
    }
  if (p[0] == 'R' && (p[1] == 'C' || p[1] == 'D'))
    {
      entry->reversal = TRUE;
      entry->credit = p[1] == 'D';   /* a reversed debit is money back in */
      p += 2;
    }
  else if (p[0] == 'C' || p[0] == 'D')
    {
      entry->credit = p[0] == 'C';
      p++;
    }
  else
    return fail (file_name, field->line, field->tag,
                 _("the mark is none of C, D, RC and RD"), error);
  /* the funds code, the third letter of the currency, may stand before the amount */
  if (g_ascii_isalpha (p[0]) && g_ascii_isdigit (p[1]))
    p++;
  while (g_ascii_isdigit (*p) || *p == ',')
    g_string_append_c (amount, *p++);
  if (!rcv_bank_read_amount (amount->str, ',', currency, &entry->amount))
    return fail (file_name, field->line, field->tag, _("the amount does not read"), error);
  /* the transaction type (N and three letters), then the references */
  if (strlen (p) >= 4)
    p += 4;
  newline = strchr (p, '\n');
  slashes = strstr (p, "//");
  if (slashes != NULL && (newline == NULL || slashes < newline))
    {
      const char *bank = slashes + 2;
      gsize n = newline != NULL ? (gsize) (newline - bank) : strlen (bank);

      entry->entry_ref = g_strstrip (g_strndup (bank, n));
      if (*entry->entry_ref == '\0' || g_str_equal (entry->entry_ref, "NONREF"))
        g_clear_pointer (&entry->entry_ref, g_free);
    }
  if (entry->entry_ref == NULL)
    {
      gsize n = slashes != NULL ? (gsize) (slashes - p) : newline != NULL ? (gsize) (newline - p)
                                                                          : strlen (p);
      g_autofree char *own = g_strstrip (g_strndup (p, n));

      if (*own != '\0' && !g_str_equal (own, "NONREF"))
        entry->entry_ref = g_steal_pointer (&own);
    }
  return TRUE;
}

RcvBankStatement *
rcv_mt940_parse (const char        *data,
                 gsize              length,
                 const char        *file_name,
                 const RcvCurrency *currency,
                 GError           **error)
{
  g_autoptr(RcvBankStatement) statement = rcv_bank_statement_new (RCV_BANK_MT940);
  g_autoptr(GArray) fields = split_fields (data, length);
  RcvBankEntry *last = NULL;
  guint first_entry = 0, block_line = 0, n_statements = 0;
  gint64 opening = 0;
  gboolean has_opening = FALSE;

  for (guint i = 0; i < fields->len; i++)
    {
      const Field *field = &g_array_index (fields, Field, i);

      if (g_str_equal (field->tag, "20"))
        {
          first_entry = statement->entries->len;
          block_line = field->line;
          has_opening = FALSE;
          last = NULL;
          if (n_statements++ == 0)
            statement->statement_id = g_strstrip (g_strdup (field->value));
        }
      else if (g_str_equal (field->tag, "25") && statement->account == NULL)
        statement->account = rcv_reference_compact (field->value);
      else if (g_str_equal (field->tag, "60F") || g_str_equal (field->tag, "60M"))
        {
          if (!read_balance (field, file_name, currency, &opening, error))
            return NULL;
          has_opening = TRUE;
          if (n_statements <= 1)
            statement->opening = opening;
        }
      else if (g_str_equal (field->tag, "61"))
        {
          RcvBankEntry *entry = rcv_bank_entry_new ();

          entry->where = g_strdup_printf (_("line %u"), field->line);
          g_ptr_array_add (statement->entries, entry);
          if (!read_statement_line (field, file_name, currency, entry, error))
            return NULL;
          last = entry;
        }
      else if (g_str_equal (field->tag, "86") && last != NULL)
        {
          read_information (field->value, last);
          last = NULL;
        }
      else if (g_str_equal (field->tag, "62F") || g_str_equal (field->tag, "62M"))
        {
          gint64 closing;
          g_autofree char *where = g_strdup_printf (_("line %u"), block_line);

          if (!read_balance (field, file_name, currency, &closing, error))
            return NULL;
          if (has_opening &&
              !rcv_bank_statement_check_range (statement, first_entry, opening, closing, where,
                                          file_name, currency, error))
            return NULL;
          statement->has_balances = has_opening;
          statement->closing = closing;
        }
    }
  if (n_statements == 0)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_FILE,
                   _("%s: not an MT940 statement (no :20: field)"), file_name);
      return NULL;
    }
  return g_steal_pointer (&statement);
}
