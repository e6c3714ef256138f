/* rcv-cli-bank.c - receivables-cli bank import: a bank statement's entries matched to invoices,
 * with --apply recorded; bank columns: a CSV export's columns, named once for its account
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * import: one row per entry. Without --apply nothing is written; with it the automatic matches
 * are recorded as payments and every entry not imported before is kept (the rest waiting for
 * the window's Bank page), all in one transaction or nothing. A file that does not read exits
 * 2, as the other imports do.
 *
 * columns FILE: how a CSV export's columns are read (remembered, or found by their names), and
 * with FIELD=HEADER arguments those named so, the others kept as they were read (FIELD= for
 * none), remembered for the export's account.
 */
#define G_LOG_DOMAIN "receivables-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rcv-bank-columns.h"
#include "rcv-bank-match.h"
#include "rcv-cli.h"
#include "rcv-csv.h"
#include "rcv-date.h"
#include "rcv-error.h"
#include "rcv-json.h"
#include "rcv-ledger.h"

static const RcvCliColumn columns[] = {
  { N_("Entry"), 18, FALSE }, { N_("Date"), 10, FALSE }, { N_("Amount"), 12, TRUE },
  { N_("Customer"), 10, FALSE }, { N_("Invoices"), 20, FALSE }, { N_("Decision"), 9, FALSE },
};

/* What a match's fields read as in every format. */
typedef struct
{
  char date[RCV_ISO_DATE_LEN];
  char *amount;
  char *allocated;
  char *unapplied;
  char *invoices;
  const char *customer;
} Row;

static void
row_clear (Row *row)
{
  g_free (row->amount);
  g_free (row->allocated);
  g_free (row->unapplied);
  g_free (row->invoices);
}

static const char *
customer_code (RcvDatabase *db,
               GHashTable  *codes,
               gint64       customer_id)
{
  char *code;

  if (customer_id <= 0)
    return "";
  code = g_hash_table_lookup (codes, &customer_id);
  if (code == NULL)
    {
      g_autoptr(RcvCustomer) customer = rcv_ledger_get_customer (db, customer_id, NULL);

      code = g_strdup (customer != NULL ? customer->code : "");
      g_hash_table_insert (codes, g_memdup2 (&customer_id, sizeof customer_id), code);
    }
  return code;
}

static void
fill_row (Row                *row,
          const RcvBankMatch *match,
          RcvDatabase        *db,
          GHashTable         *codes)
{
  const RcvCurrency *currency = rcv_database_get_currency (db);
  g_autoptr(GString) invoices = g_string_new (NULL);

  rcv_date_to_iso (&match->entry->booking_date, row->date);
  row->amount = rcv_money_format_plain (match->entry->credit ? match->entry->amount
                                                             : -match->entry->amount, currency);
  row->allocated = rcv_money_format_plain (match->allocated, currency);
  row->unapplied = rcv_money_format_plain (match->unapplied, currency);
  for (guint i = 0; match->invoice_numbers != NULL && i < match->invoice_numbers->len; i++)
    g_string_append_printf (invoices, "%s%s", i > 0 ? " " : "",
                            (const char *) g_ptr_array_index (match->invoice_numbers, i));
  row->invoices = g_string_free (g_steal_pointer (&invoices), FALSE);
  row->customer = customer_code (db, codes, match->customer_id);
}

static char *
to_text (GPtrArray   *matches,
         RcvDatabase *db,
         GHashTable  *codes)
{
  GString *out = g_string_new (NULL);
  guint counts[RCV_BANK_DUPLICATE + 1] = { 0 };

  rcv_cli_append_header (out, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < matches->len; i++)
    {
      const RcvBankMatch *match = g_ptr_array_index (matches, i);
      Row row = { { 0 } };
      const char *texts[G_N_ELEMENTS (columns)];

      fill_row (&row, match, db, codes);
      texts[0] = match->entry_key;
      texts[1] = row.date;
      texts[2] = row.amount;
      texts[3] = row.customer;
      texts[4] = row.invoices;
      texts[5] = rcv_bank_decision_nick (match->decision);
      rcv_cli_append_row (out, columns, G_N_ELEMENTS (columns), texts);
      g_string_append_printf (out, "    %s\n", match->reason);
      counts[match->decision]++;
      row_clear (&row);
    }
  g_string_append_printf (out, _("\n%u entries: %u auto, %u to confirm, %u unknown, %u skipped, "
                                 "%u imported before\n"), matches->len, counts[RCV_BANK_AUTO],
                          counts[RCV_BANK_SUGGEST], counts[RCV_BANK_NONE], counts[RCV_BANK_SKIP],
                          counts[RCV_BANK_DUPLICATE]);
  return g_string_free (out, FALSE);
}

static char *
to_csv (GPtrArray   *matches,
        RcvDatabase *db,
        GHashTable  *codes)
{
  GString *out = g_string_new ("entry,date,amount,customer_id,invoices,allocated,unapplied,"
                               "decision,reason\n");

  for (guint i = 0; i < matches->len; i++)
    {
      const RcvBankMatch *match = g_ptr_array_index (matches, i);
      Row row = { { 0 } };

      fill_row (&row, match, db, codes);
      rcv_csv_append_field (out, match->entry_key, ',');
      g_string_append_printf (out, ",%s,%s,", row.date, row.amount);
      rcv_csv_append_field (out, row.customer, ',');
      g_string_append_c (out, ',');
      rcv_csv_append_field (out, row.invoices, ',');
      g_string_append_printf (out, ",%s,%s,%s,", row.allocated, row.unapplied,
                              rcv_bank_decision_nick (match->decision));
      rcv_csv_append_field (out, match->reason, ',');
      g_string_append_c (out, '\n');
      row_clear (&row);
    }
  return g_string_free (out, FALSE);
}

static char *
to_json (GPtrArray              *matches,
         const RcvBankStatement *statement,
         RcvDatabase            *db,
         GHashTable             *codes)
{
  g_autoptr(RcvJsonWriter) json = rcv_json_writer_new (TRUE);
  const RcvCurrency *currency = rcv_database_get_currency (db);

  rcv_json_begin_object (json);
  rcv_json_key (json, "format");
  rcv_json_string (json, rcv_bank_format_name (statement->format));
  rcv_json_key (json, "account");
  rcv_json_string (json, statement->account != NULL ? statement->account : "");
  rcv_json_key (json, "currency");
  rcv_json_string (json, currency->code);
  rcv_json_key (json, "entries");
  rcv_json_begin_array (json);
  for (guint i = 0; i < matches->len; i++)
    {
      const RcvBankMatch *match = g_ptr_array_index (matches, i);

      rcv_json_begin_object (json);
      rcv_json_key (json, "entry");
      rcv_json_string (json, match->entry_key);
      rcv_json_key (json, "date");
      {
        char date[RCV_ISO_DATE_LEN];

        rcv_date_to_iso (&match->entry->booking_date, date);
        rcv_json_string (json, date);
      }
      rcv_json_key (json, "amount");
      rcv_json_money (json, match->entry->credit ? match->entry->amount : -match->entry->amount,
                      currency);
      rcv_json_key (json, "customer_id");
      if (match->customer_id > 0)
        rcv_json_string (json, customer_code (db, codes, match->customer_id));
      else
        rcv_json_null (json);
      rcv_json_key (json, "invoices");
      rcv_json_begin_array (json);
      for (guint k = 0; match->invoice_numbers != NULL && k < match->invoice_numbers->len; k++)
        rcv_json_string (json, g_ptr_array_index (match->invoice_numbers, k));
      rcv_json_end_array (json);
      rcv_json_key (json, "allocated");
      rcv_json_money (json, match->allocated, currency);
      rcv_json_key (json, "unapplied");
      rcv_json_money (json, match->unapplied, currency);
      rcv_json_key (json, "decision");
      rcv_json_string (json, rcv_bank_decision_nick (match->decision));
      rcv_json_key (json, "reason");
      rcv_json_string (json, match->reason);
      rcv_json_end_object (json);
    }
  rcv_json_end_array (json);
  rcv_json_end_object (json);
  return rcv_json_writer_free_to_string (g_steal_pointer (&json));
}

static void
print_columns (const RcvBankCsvLayout *layout)
{
  if (layout->columns->account != NULL)
    printf (_("Account: %s\n"), layout->columns->account);
  else
    printf (_("Account: none named; the columns are kept for this header\n"));
  printf (_("Header: line %u\n"), layout->header_line);
  for (guint c = 0; c < RCV_BANK_N_COLUMNS; c++)
    {
      const char *name = layout->columns->names[c];
      const char *sample = "";

      for (guint i = 0; name != NULL && layout->header[i] != NULL; i++)
        if (g_str_equal (layout->header[i], name))
          sample = layout->sample[i];
      printf ("  %-11s %-28s %s\n", rcv_bank_column_key (c),
              name != NULL ? name : "-", sample);
    }
}

/* FIELD=HEADER: the column named so, FIELD= none. */
static gboolean
name_column (RcvBankCsvColumns *named,
             const char        *argument,
             GError           **error)
{
  const char *equals = strchr (argument, '=');
  g_autofree char *key = NULL;
  RcvBankColumn column;

  if (equals == NULL)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                   _("“%s”: name a column as FIELD=HEADER, for example date=Buchungstag"),
                   argument);
      return FALSE;
    }
  key = g_strndup (argument, (gsize) (equals - argument));
  if (!rcv_bank_column_from_key (key, &column))
    {
      g_autoptr(GString) known = g_string_new (NULL);

      for (guint c = 0; c < RCV_BANK_N_COLUMNS; c++)
        g_string_append_printf (known, "%s%s", c > 0 ? ", " : "", rcv_bank_column_key (c));
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                   _("“%s” is not a column of a statement; use one of %s"), key, known->str);
      return FALSE;
    }
  g_free (named->names[column]);
  named->names[column] = equals[1] != '\0' ? g_strstrip (g_strdup (equals + 1)) : NULL;
  return TRUE;
}

static int
command_columns (RcvDatabase  *db,
                 const char   *data,
                 gsize         length,
                 const char   *display,
                 int           argc,
                 char        **argv)
{
  g_autoptr(RcvBankCsvLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  gboolean naming = argc > 3;

  layout = rcv_bank_columns_inspect (db, data, length, display, &error);
  if (layout == NULL)
    return rcv_cli_report_error (error);
  for (int i = 3; i < argc; i++)
    if (!name_column (layout->columns, argv[i], &error))
      return rcv_cli_report_error (error);
  if (naming)
    {
      if (!rcv_bank_csv_columns_check (layout->columns, (const char *const *) layout->header,
                                       &error))
        {
          g_prefix_error (&error, "%s: ", display);
          return rcv_cli_report_error (error);
        }
      if (!rcv_bank_columns_remember (db, layout->columns, &error))
        return rcv_cli_report_error (error);
    }
  print_columns (layout);
  return EXIT_OK;
}

int
command_bank (const char  *database,
              int          argc,
              char       **argv)
{
  g_autoptr(RcvDatabase) db = NULL;
  g_autoptr(RcvBankStatement) statement = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *data = NULL;
  g_autofree char *output = NULL;
  g_autofree char *display = NULL;
  gboolean apply = FALSE;
  gboolean columns_command;
  gsize length = 0;
  int status = EXIT_OK;
  GOptionEntry entries[] = {
    { "apply", 0, 0, G_OPTION_ARG_NONE, &apply,
      N_("Record the automatic matches (all or none); the rest wait for the window"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("Output format"), "text|csv|json" },
    { NULL },
  };

  if (!rcv_cli_parse_options ("bank", entries, &argc, &argv, &status))
    return status;
  columns_command = argc >= 3 && g_str_equal (argv[1], "columns") && !apply &&
                    format_text == NULL;
  if (!columns_command && (argc != 3 || !g_str_equal (argv[1], "import")))
    return rcv_cli_usage_error (_("bank needs a statement to import: bank import FILE "
                                  "[--apply] [--format text|csv|json], or a CSV export whose "
                                  "columns to name: bank columns FILE [FIELD=HEADER…]"));
  if (format_text != NULL && !g_str_equal (format_text, "text") &&
      !g_str_equal (format_text, "csv") && !g_str_equal (format_text, "json"))
    return rcv_cli_usage_error (_("--format: use text, csv or json, not “%s”"), format_text);

  display = g_filename_display_name (argv[2]);
  if (!g_file_get_contents (argv[2], &data, &length, &error))
    {
      fprintf (stderr, "receivables-cli: %s\n", error->message);
      return EXIT_USAGE;
    }
  db = rcv_cli_open_database (database, columns_command ? argc > 3 : apply, &status);
  if (db == NULL)
    return status;
  if (columns_command)
    return command_columns (db, data, length, display, argc, argv);
  statement = rcv_bank_statement_read (db, data, length, display, &error);
  if (statement == NULL)
    return rcv_cli_report_error (error);
  matches = rcv_bank_match_statement (db, statement, &error);
  if (matches == NULL)
    return rcv_cli_report_error (error);
  if (apply)
    {
      guint recorded = 0;

      if (!rcv_bank_apply (db, statement, matches, TRUE, &recorded, &error))
        return rcv_cli_report_error (error);
      fprintf (stderr, ngettext ("Recorded %u payment from %s\n",
                                 "Recorded %u payments from %s\n", recorded),
               recorded, display);
    }
  if (format_text == NULL || g_str_equal (format_text, "text"))
    output = to_text (matches, db, codes);
  else if (g_str_equal (format_text, "csv"))
    output = to_csv (matches, db, codes);
  else
    output = to_json (matches, statement, db, codes);
  fputs (output, stdout);
  return EXIT_OK;
}
