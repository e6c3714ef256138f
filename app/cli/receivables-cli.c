/* receivables-cli.c - the command-line tool: import, aging, export, demo
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exit status: 0 on success, 1 on a runtime error (the company file, writing a file), 2 on
 * bad input or usage. Errors go to standard error and say file, line and field.
 */
#define G_LOG_DOMAIN "receivables-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rcv-aging.h"
#include "rcv-cli.h"
#include "rcv-date.h"
#include "rcv-demo.h"
#include "rcv-error.h"
#include "rcv-export.h"
#include "rcv-file.h"
#include "rcv-i18n.h"
#include "rcv-import.h"
#include "rcv-ledger.h"
#include "rcv-policy.h"

typedef int (*CommandFunc) (const char *database, int argc, char **argv);

typedef struct
{
  const char *name;
  const char *arguments;
  const char *summary;
  CommandFunc func;
} Command;

static int command_import (const char *database, int argc, char **argv);
static int command_aging  (const char *database, int argc, char **argv);
static int command_export (const char *database, int argc, char **argv);
static int command_demo   (const char *database, int argc, char **argv);
static int command_policies (const char *database, int argc, char **argv);

static const Command commands[] = {
  { "import", "customers|invoices|payments FILE.csv",
    N_("Import a CSV file: all rows or none"), command_import },
  { "aging", "[--as-of YYYY-MM-DD] [--by customer|invoice] [--format text|csv|json]",
    N_("Show who owes what, by age"), command_aging },
  { "export", "customers|invoices|payments|aging FILE.csv [--as-of YYYY-MM-DD]",
    N_("Write a CSV file (“-” for standard output)"), command_export },
  { "demo", "[--as-of YYYY-MM-DD]",
    N_("Fill an empty company with sample data"), command_demo },
  { "policies", "list | export FILE.json | import FILE.json",
    N_("List the credit policies, or copy them between company files (“-” for standard output)"),
    command_policies },
  { "chart", "aging|customers|trend [--as-of YYYY-MM-DD] [--months N] [--width W --height H] "
    "[--dark] --output FILE.png|.svg|.pdf",
    N_("Draw a chart to a PNG, SVG or PDF file (the name's extension chooses)"), command_chart },
  { "dunning", "[--as-of YYYY-MM-DD] [--format text|csv|json]",
    N_("Show the reminder letters due, with their interest and fees"), command_dunning },
  { "letters", "[--as-of YYYY-MM-DD] [--customer ID] [--paper a4|letter] --output FILE.pdf "
    "[--record]",
    N_("Write the reminder letters due into one PDF; --record logs them as sent"),
    command_letters },
  { "check", "[--as-of YYYY-MM-DD] [--notify]",
    N_("Show the accounts that passed an alert threshold; --notify sends them as desktop "
       "notifications, once each"), command_check },
  { "collections", "[--as-of YYYY-MM-DD] [--format text|csv|json]",
    N_("Advise per overdue account: keep chasing, send a final notice, or hand it to an agency"),
    command_collections },
  { "agency", "--customer ID [--as-of YYYY-MM-DD] [--paper a4|letter] [--pdf FILE.pdf] "
    "[--csv FILE.csv]",
    N_("Write what a collection agency needs for an account: a PDF summary, and a CSV of the "
       "open invoices with their history"), command_agency },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, _("Usage: receivables-cli [--database FILE] COMMAND [ARGUMENTS…]\n\n"));
  fprintf (stream, _("Commands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-8s %s\n           %s\n", commands[i].name, commands[i].arguments,
             _(commands[i].summary));
  fprintf (stream, _("\nThe company file is --database FILE, else $RECEIVABLES_DB, else\n"
                     "%s.\n"), "$XDG_DATA_HOME/receivables/receivables.db");
  fprintf (stream, _("Exit status: 0 success, 1 runtime error, 2 bad input or usage.\n"));
}

int
rcv_cli_usage_error (const char *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "receivables-cli: %s\n", message);
  fprintf (stderr, _("Try “receivables-cli --help”.\n"));
  return EXIT_USAGE;
}

int
rcv_cli_report_error (const GError *error)
{
  fprintf (stderr, "receivables-cli: %s\n", error->message);

  if (error->domain == RCV_INPUT_ERROR)
    return EXIT_USAGE;
  return EXIT_RUNTIME;
}

static void
on_wait (const char *path,
         gpointer    user_data)
{
  g_autofree char *display = g_filename_display_name (path);

  fprintf (stderr, _("receivables-cli: waiting for another program to finish writing “%s” "
                     "(at most %u s)…\n"), display, RCV_CLI_WAIT_SECONDS);
}

typedef struct
{
  const char *path;
  gint64 start;
  gboolean told;
} CheckProgress;

/* A long check (a large file changed outside Receivables) is said, not silent. */
static void
on_check_progress (double   fraction,
                   gpointer user_data)
{
  CheckProgress *progress = user_data;

  if (progress->told || g_get_monotonic_time () - progress->start < G_USEC_PER_SEC)
    return;
  progress->told = TRUE;
  {
    g_autofree char *display = g_filename_display_name (progress->path);

    fprintf (stderr, _("receivables-cli: checking “%s” for damage, as it was changed outside "
                       "Receivables since its last check…\n"), display);
  }
}

/* Opens the company file for a command: read-only for one that only reads (it then leaves
 * the file's journal mode alone and never waits for a lock a writer needs), for writing
 * otherwise. A missing file is created (DESIGN.md §6), a file in an older format brought up
 * to date, and a write that a crash left half done undone, even by a command that only reads. */
RcvDatabase *
rcv_cli_open_database (const char *path,
                       gboolean    writes,
                       int        *status)
{
  g_autofree char *default_path = NULL;
  g_autoptr(GError) error = NULL;
  CheckProgress progress = { NULL, g_get_monotonic_time (), FALSE };
  RcvDatabase *db;

  if (path == NULL)
    path = default_path = rcv_database_default_path ();
  progress.path = path;
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    writes = TRUE;

  if (!rcv_database_check_file (path, on_check_progress, &progress, NULL, &error))
    {
      *status = rcv_cli_report_error (error);
      return NULL;
    }
  db = rcv_database_open (path, writes ? RCV_DATABASE_FLAGS_NONE : RCV_DATABASE_FLAGS_READ_ONLY,
                          &error);
  if (db == NULL && g_error_matches (error, RCV_DATABASE_ERROR, RCV_DATABASE_ERROR_NEEDS_WRITER))
    {
      g_clear_error (&error);
      db = rcv_database_open (path, RCV_DATABASE_FLAGS_NONE, &error);
    }
  if (db == NULL)
    *status = rcv_cli_report_error (error);
  else if (writes && rcv_database_is_read_only (db))
    {
      g_autofree char *display = g_filename_display_name (path);

      fprintf (stderr, _("receivables-cli: “%s” cannot be changed: you may read it but not "
                         "write it (its permissions, or a read-only disk)\n"), display);
      *status = EXIT_RUNTIME;
      g_clear_object (&db);
    }
  return db;
}

/* Parses the options of a command; the remaining arguments stay in argc/argv. */
gboolean
rcv_cli_parse_options (const char    *command,
                       GOptionEntry  *entries,
                       int           *argc,
                       char        ***argv,
                       int           *status)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parameter = g_strdup_printf ("%s", command);

  context = g_option_context_new (parameter);
  g_option_context_set_help_enabled (context, TRUE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = rcv_cli_usage_error ("%s: %s", command, error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
rcv_cli_parse_as_of (const char *text,
                     GDate      *date,
                     int        *status)
{
  g_autoptr(GError) error = NULL;

  if (text == NULL)
    {
      rcv_date_set_today (date);
      return TRUE;
    }
  if (!rcv_date_parse_iso (text, date, &error))
    {
      *status = rcv_cli_usage_error ("--as-of: %s", error->message);
      return FALSE;
    }
  return TRUE;
}

static int
command_import (const char  *database,
                int          argc,
                char       **argv)
{
  g_autoptr(RcvDatabase) db = NULL;
  g_autoptr(RcvImportReport) report = rcv_import_report_new ();
  g_autoptr(GError) error = NULL;
  RcvImportKind kind;
  int status = EXIT_OK;

  if (!rcv_cli_parse_options ("import", NULL, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return rcv_cli_usage_error (_("import needs what to import and a file: import "
                          "customers|invoices|payments FILE.csv"));
  if (!rcv_import_kind_from_string (argv[1], &kind))
    return rcv_cli_usage_error (_("cannot import “%s”: use customers, invoices or payments"), argv[1]);

  db = rcv_cli_open_database (database, TRUE, &status);
  if (db == NULL)
    return status;

  if (!rcv_import_csv_file (db, kind, argv[2], report, &error))
    {
      for (guint i = 0; i < report->problems->len; i++)
        fprintf (stderr, "%s\n", (const char *) g_ptr_array_index (report->problems, i));
      if (report->n_problems > report->problems->len)
        fprintf (stderr, _("… and %u more problems\n"),
                 report->n_problems - report->problems->len);
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ||
          g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_ACCES) ||
          g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR))
        {
          fprintf (stderr, "receivables-cli: %s\n", error->message);
          return EXIT_USAGE;
        }
      return rcv_cli_report_error (error);
    }

  switch (kind)
    {
    case RCV_IMPORT_CUSTOMERS:
      printf (ngettext ("Imported %u customer from %s\n", "Imported %u customers from %s\n",
                        report->n_imported), report->n_imported, argv[2]);
      break;
    case RCV_IMPORT_INVOICES:
      printf (ngettext ("Imported %u invoice from %s\n", "Imported %u invoices from %s\n",
                        report->n_imported), report->n_imported, argv[2]);
      break;
    case RCV_IMPORT_PAYMENTS:
    default:
      printf (ngettext ("Imported %u payment from %s\n", "Imported %u payments from %s\n",
                        report->n_imported), report->n_imported, argv[2]);
      break;
    }
  return EXIT_OK;
}

/* Terminal columns of a string: East Asian wide characters take two. */
guint
rcv_cli_display_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_iszerowidth (c))
        width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

/* One row of a text table: the columns padded, two spaces apart. */
void
rcv_cli_append_row (GString            *out,
                    const RcvCliColumn *columns,
                    guint               n_columns,
                    const char *const  *texts)
{
  for (guint c = 0; c < n_columns; c++)
    {
      if (c > 0)
        g_string_append (out, "  ");
      rcv_cli_append_padded (out, texts[c], columns[c].width, columns[c].right);
    }
  g_string_append_c (out, '\n');
}

void
rcv_cli_append_header (GString            *out,
                       const RcvCliColumn *columns,
                       guint               n_columns)
{
  g_autofree const char **labels = g_new (const char *, n_columns);

  for (guint c = 0; c < n_columns; c++)
    labels[c] = _(columns[c].label);
  rcv_cli_append_row (out, columns, n_columns, labels);
}

/* A report command's options (--as-of DATE, --format text|csv|json) parsed and checked, and
 * the company file opened; NULL with *status set when something is wrong. */
/* The customer an option names by its ID, or FALSE with the status to exit with. */
gboolean
rcv_cli_find_customer (RcvDatabase *db,
                       const char  *option,
                       const char  *code,
                       gint64      *customer_id,
                       int         *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvCustomer) customer = rcv_ledger_find_customer (db, code, &error);

  if (customer == NULL)
    {
      if (g_error_matches (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_NOT_FOUND))
        *status = rcv_cli_usage_error ("%s: %s", option, error->message);
      else
        *status = rcv_cli_report_error (error);
      return FALSE;
    }
  *customer_id = customer->id;
  return TRUE;
}

RcvDatabase *
rcv_cli_open_report (const char    *database,
                     const char    *command,
                     const char    *as_of_help,
                     int            argc,
                     char         **argv,
                     GDate         *as_of,
                     RcvCliFormat  *format,
                     int           *status)
{
  g_autofree char *as_of_text = NULL;
  g_autofree char *format_text = NULL;
  GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, as_of_help, "YYYY-MM-DD" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("Output format"), "text|csv|json" },
    { NULL }
  };

  if (!rcv_cli_parse_options (command, entries, &argc, &argv, status))
    return NULL;
  if (argc != 1)
    {
      *status = rcv_cli_usage_error (_("%s takes no arguments besides its options"), command);
      return NULL;
    }
  if (format_text == NULL || g_str_equal (format_text, "text"))
    *format = RCV_CLI_FORMAT_TEXT;
  else if (g_str_equal (format_text, "csv"))
    *format = RCV_CLI_FORMAT_CSV;
  else if (g_str_equal (format_text, "json"))
    *format = RCV_CLI_FORMAT_JSON;
  else
    {
      *status = rcv_cli_usage_error (_("--format: use text, csv or json, not “%s”"), format_text);
      return NULL;
    }
  if (!rcv_cli_parse_as_of (as_of_text, as_of, status))
    return NULL;
  return rcv_cli_open_database (database, FALSE, status);
}

/* Pads (or cuts, with an ellipsis) to a number of terminal columns. */
void
rcv_cli_append_padded (GString    *out,
                       const char *text,
                       guint       width,
                       gboolean    right)
{
  g_autoptr(GString) shown = g_string_new (NULL);
  guint used = 0;

  if (rcv_cli_display_width (text) <= width)
    {
      g_string_append (shown, text);
      used = rcv_cli_display_width (text);
    }
  else
    {
      for (const char *p = text; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          guint w = g_unichar_iszerowidth (c) ? 0 : (g_unichar_iswide (c) ? 2 : 1);

          if (used + w + 1 > width)
            break;
          g_string_append_unichar (shown, c);
          used += w;
        }
      g_string_append (shown, "…");
      used++;
    }

  if (right)
    for (guint i = used; i < width; i++)
      g_string_append_c (out, ' ');
  g_string_append (out, shown->str);
  if (!right)
    for (guint i = used; i < width; i++)
      g_string_append_c (out, ' ');
}

static char *
aging_report_to_text (const RcvAgingReport *report,
                      const RcvCurrency    *currency)
{
  GString *out = g_string_new (NULL);
  char date[RCV_ISO_DATE_LEN];
  guint widths[RCV_AGING_MAX_BUCKETS + 2];
  guint n_columns = report->n_buckets + 2;

  rcv_date_to_iso (&report->as_of, date);
  g_string_append_printf (out, report->basis == RCV_AGING_BY_ISSUE_DATE
                                 ? _("Aging as of %s (%s, by issue date)\n\n")
                                 : _("Aging as of %s (%s, by due date)\n\n"),
                          date, currency->code);

  if (report->rows->len == 0)
    {
      g_string_append_printf (out, _("Nobody owes anything as of %s.\n"), date);
      return g_string_free (out, FALSE);
    }

  /* each money column as wide as its widest figure */
  for (guint c = 0; c < n_columns; c++)
    {
      g_autofree char *label = c < report->n_buckets
                                 ? rcv_aging_bucket_label (report->boundaries,
                                                           report->n_boundaries, c)
                                 : g_strdup (c == report->n_buckets ? _("Unapplied")
                                                                    : _("Balance"));
      widths[c] = rcv_cli_display_width (label);
      for (guint i = 0; i <= report->rows->len; i++)
        {
          const RcvAgingRow *row = i < report->rows->len ? g_ptr_array_index (report->rows, i)
                                                         : &report->total;
          gint64 v = c < report->n_buckets ? row->buckets[c]
                   : c == report->n_buckets ? row->unapplied : row->balance;
          g_autofree char *text = rcv_money_format (v, currency);
          widths[c] = MAX (widths[c], rcv_cli_display_width (text));
        }
    }

  rcv_cli_append_padded (out, _("ID"), 8, FALSE);
  g_string_append_c (out, ' ');
  rcv_cli_append_padded (out, _("Customer"), 28, FALSE);
  for (guint c = 0; c < n_columns; c++)
    {
      g_autofree char *label = c < report->n_buckets
                                 ? rcv_aging_bucket_label (report->boundaries,
                                                           report->n_boundaries, c)
                                 : g_strdup (c == report->n_buckets ? _("Unapplied")
                                                                    : _("Balance"));
      g_string_append (out, "  ");
      rcv_cli_append_padded (out, label, widths[c], TRUE);
    }
  g_string_append_c (out, '\n');

  for (guint i = 0; i <= report->rows->len; i++)
    {
      const RcvAgingRow *row = i < report->rows->len ? g_ptr_array_index (report->rows, i)
                                                     : &report->total;

      if (i == report->rows->len)
        g_string_append_c (out, '\n');
      rcv_cli_append_padded (out, i < report->rows->len ? row->code : _("Total"), 8, FALSE);
      g_string_append_c (out, ' ');
      rcv_cli_append_padded (out, i < report->rows->len ? row->name : "", 28, FALSE);
      for (guint c = 0; c < n_columns; c++)
        {
          gint64 v = c < report->n_buckets ? row->buckets[c]
                   : c == report->n_buckets ? row->unapplied : row->balance;
          g_autofree char *text = v != 0 ? rcv_money_format (v, currency) : g_strdup ("–");
          g_string_append (out, "  ");
          rcv_cli_append_padded (out, text, widths[c], TRUE);
        }
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

static char *
aging_items_to_text (GPtrArray         *items,
                     const GDate       *as_of,
                     const RcvCurrency *currency)
{
  GString *out = g_string_new (NULL);
  char date[RCV_ISO_DATE_LEN];
  gint64 total = 0;

  rcv_date_to_iso (as_of, date);
  g_string_append_printf (out, _("Open items as of %s (%s)\n\n"), date, currency->code);
  if (items->len == 0)
    {
      g_string_append_printf (out, _("Nobody owes anything as of %s.\n"), date);
      return g_string_free (out, FALSE);
    }

  for (guint i = 0; i < items->len; i++)
    {
      const RcvAgingItem *item = g_ptr_array_index (items, i);
      g_autofree char *amount = rcv_money_format (item->open, currency);
      char due[RCV_ISO_DATE_LEN] = "";

      if (g_date_valid (&item->due_date))
        rcv_date_to_iso (&item->due_date, due);
      rcv_cli_append_padded (out, item->customer_code, 8, FALSE);
      g_string_append_c (out, ' ');
      rcv_cli_append_padded (out, item->customer_name, 24, FALSE);
      g_string_append_c (out, ' ');
      rcv_cli_append_padded (out, item->document, 14, FALSE);
      g_string_append_c (out, ' ');
      rcv_cli_append_padded (out, due, 10, FALSE);
      if (item->kind == RCV_AGING_ITEM_INVOICE)
        {
          g_autofree char *days = g_strdup_printf (_("%d days"), item->days_overdue);
          g_string_append_c (out, ' ');
          rcv_cli_append_padded (out, item->days_overdue > 0 ? days : _("not due"), 10, TRUE);
        }
      else
        {
          g_string_append_c (out, ' ');
          rcv_cli_append_padded (out, _("credit"), 10, TRUE);
        }
      g_string_append (out, "  ");
      rcv_cli_append_padded (out, amount, 16, TRUE);
      g_string_append_c (out, '\n');
      total += item->open;
    }

  {
    g_autofree char *amount = rcv_money_format (total, currency);
    g_string_append_c (out, '\n');
    rcv_cli_append_padded (out, _("Total"), 70, FALSE);
    g_string_append (out, "  ");
    rcv_cli_append_padded (out, amount, 16, TRUE);
    g_string_append_c (out, '\n');
  }
  return g_string_free (out, FALSE);
}

static int
command_aging (const char  *database,
               int          argc,
               char       **argv)
{
  g_autofree char *as_of_text = NULL;
  g_autofree char *by = NULL;
  g_autofree char *format = NULL;
  GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, N_("Age as of this date"), "YYYY-MM-DD" },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("One row per customer or per invoice"),
      "customer|invoice" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format"), "text|csv|json" },
    { NULL },
  };
  g_autoptr(RcvDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  const RcvCurrency *currency;
  gboolean by_invoice;
  int status = EXIT_OK;
  GDate as_of;

  if (!rcv_cli_parse_options ("aging", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return rcv_cli_usage_error (_("aging: unexpected argument “%s”"), argv[1]);
  if (by != NULL && !g_str_equal (by, "customer") && !g_str_equal (by, "invoice"))
    return rcv_cli_usage_error (_("--by: use customer or invoice, not “%s”"), by);
  if (format != NULL && !g_str_equal (format, "text") && !g_str_equal (format, "csv") &&
      !g_str_equal (format, "json"))
    return rcv_cli_usage_error (_("--format: use text, csv or json, not “%s”"), format);
  if (!rcv_cli_parse_as_of (as_of_text, &as_of, &status))
    return status;
  by_invoice = g_strcmp0 (by, "invoice") == 0;
  if (format == NULL)
    format = g_strdup ("text");

  db = rcv_cli_open_database (database, FALSE, &status);
  if (db == NULL)
    return status;
  currency = rcv_database_get_currency (db);

  if (by_invoice)
    {
      g_autoptr(GPtrArray) items = rcv_aging_list_items (db, &as_of, &error);
      guint n_boundaries;
      const guint *boundaries = rcv_database_get_aging_boundaries (db, &n_boundaries);

      if (items == NULL)
        return rcv_cli_report_error (error);
      if (g_str_equal (format, "csv"))
        output = rcv_aging_items_to_csv (items, boundaries, n_boundaries, currency);
      else if (g_str_equal (format, "json"))
        output = rcv_aging_items_to_json (items, &as_of, boundaries, n_boundaries, currency);
      else
        output = aging_items_to_text (items, &as_of, currency);
    }
  else
    {
      g_autoptr(RcvAgingReport) report = rcv_aging_report_new (db, &as_of, &error);

      if (report == NULL)
        return rcv_cli_report_error (error);
      if (g_str_equal (format, "csv"))
        output = rcv_aging_report_to_csv (report, currency);
      else if (g_str_equal (format, "json"))
        output = rcv_aging_report_to_json (report, currency);
      else
        output = aging_report_to_text (report, currency);
    }

  fputs (output, stdout);
  if (fflush (stdout) != 0)
    return EXIT_RUNTIME;
  return EXIT_OK;
}

static int
command_export (const char  *database,
                int          argc,
                char       **argv)
{
  g_autofree char *as_of_text = NULL;
  GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, N_("Age as of this date (aging only)"),
      "YYYY-MM-DD" },
    { NULL },
  };
  g_autoptr(RcvDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  RcvExportKind kind;
  int status = EXIT_OK;
  guint n_rows = 0;
  GDate as_of;

  if (!rcv_cli_parse_options ("export", entries, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return rcv_cli_usage_error (_("export needs what to export and a file: export "
                          "customers|invoices|payments|aging FILE.csv"));
  if (!rcv_export_kind_from_string (argv[1], &kind))
    return rcv_cli_usage_error (_("cannot export “%s”: use customers, invoices, payments or aging"),
                        argv[1]);
  if (!rcv_cli_parse_as_of (as_of_text, &as_of, &status))
    return status;

  db = rcv_cli_open_database (database, FALSE, &status);
  if (db == NULL)
    return status;

  if (!rcv_export_csv (db, kind, &as_of, argv[2], &n_rows, &error))
    return rcv_cli_report_error (error);

  if (!g_str_equal (argv[2], "-"))
    fprintf (stderr, ngettext ("Exported %u row to %s\n", "Exported %u rows to %s\n", n_rows),
             n_rows, argv[2]);
  return EXIT_OK;
}

static int
command_demo (const char  *database,
              int          argc,
              char       **argv)
{
  g_autofree char *as_of_text = NULL;
  GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text,
      N_("Make the sample company's “today” this date"), "YYYY-MM-DD" },
    { NULL },
  };
  g_autoptr(RcvDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  int status = EXIT_OK;
  GDate today;

  if (!rcv_cli_parse_options ("demo", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return rcv_cli_usage_error (_("demo: unexpected argument “%s”"), argv[1]);
  if (!rcv_cli_parse_as_of (as_of_text, &today, &status))
    return status;

  db = rcv_cli_open_database (database, TRUE, &status);
  if (db == NULL)
    return status;

  if (!rcv_demo_fill (db, &today, &error))
    return rcv_cli_report_error (error);

  printf (_("Filled %s with a sample company\n"), rcv_database_get_path (db));
  return EXIT_OK;
}

int
main (int    argc,
      char **argv)
{
  const char *database = NULL;
  int i;

  rcv_i18n_init ();
  /* a command meets the window's and the timer's short writes, and an import of a million rows */
  rcv_database_set_wait_policy (RCV_CLI_WAIT_SECONDS, on_wait, NULL);

  for (i = 1; i < argc && argv[i][0] == '-'; i++)
    {
      if (g_str_equal (argv[i], "--database"))
        {
          if (i + 1 >= argc)
            return rcv_cli_usage_error (_("--database needs a file name"));
          database = argv[++i];
        }
      else if (g_str_has_prefix (argv[i], "--database="))
        database = argv[i] + strlen ("--database=");
      else if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_usage (stdout);
          return EXIT_OK;
        }
      else if (g_str_equal (argv[i], "--version"))
        {
          printf ("receivables-cli %s\n", PACKAGE_VERSION);
          return EXIT_OK;
        }
      else
        return rcv_cli_usage_error (_("unknown option “%s”"), argv[i]);
    }

  if (i >= argc)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    if (g_str_equal (argv[i], commands[c].name))
      return commands[c].func (database, argc - i, argv + i);

  return rcv_cli_usage_error (_("unknown command “%s”"), argv[i]);
}

static int
policies_list (RcvDatabase *db)
{
  g_autoptr(GPtrArray) policies = NULL;
  g_autoptr(GError) error = NULL;
  const RcvCurrency *currency = rcv_database_get_currency (db);

  policies = rcv_policy_list (db, &error);
  if (policies == NULL)
    return rcv_cli_report_error (error);
  for (guint i = 0; i < policies->len; i++)
    {
      const RcvPolicy *policy = g_ptr_array_index (policies, i);
      g_autofree char *limit = policy->credit_limit >= 0
                                 ? rcv_money_format (policy->credit_limit, currency)
                                 : g_strdup (_("no limit"));
      gint64 n = rcv_policy_count_customers (db, policy->id) +
                 (policy->is_default ? rcv_policy_count_customers (db, 0) : 0);
      g_autofree char *terms = g_strdup_printf (ngettext ("%d day", "%d days",
                                                          (gulong) policy->terms_days),
                                                policy->terms_days);
      g_autofree char *levels = g_strdup_printf (ngettext ("%u reminder level",
                                                           "%u reminder levels",
                                                           policy->levels->len),
                                                 policy->levels->len);
      g_autofree char *customers = g_strdup_printf (ngettext ("%lu customer", "%lu customers",
                                                              (gulong) n),
                                                    (gulong) n);

      /* Translators: one line of “policies list”: name, (default), terms, limit, levels, customers */
      printf (_("%s%s: %s, %s, %s, %s\n"), policy->name,
              policy->is_default ? _(" (default)") : "", terms, limit, levels, customers);
    }
  return EXIT_OK;
}

static int
command_policies (const char  *database,
                  int          argc,
                  char       **argv)
{
  g_autoptr(RcvDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  int status = EXIT_OK;

  if (!rcv_cli_parse_options ("policies", NULL, &argc, &argv, &status))
    return status;
  if (argc == 2 && g_str_equal (argv[1], "list"))
    {
      db = rcv_cli_open_database (database, FALSE, &status);
      return db != NULL ? policies_list (db) : status;
    }
  if (argc != 3 || (!g_str_equal (argv[1], "export") && !g_str_equal (argv[1], "import")))
    return rcv_cli_usage_error (_("policies needs list, or export or import and a file: "
                          "policies export|import FILE.json"));

  db = rcv_cli_open_database (database, !g_str_equal (argv[1], "export"), &status);
  if (db == NULL)
    return status;

  if (g_str_equal (argv[1], "export"))
    {
      g_autofree char *json = rcv_policy_export_json (db, &error);

      if (json == NULL)
        return rcv_cli_report_error (error);
      if (g_str_equal (argv[2], "-"))
        fputs (json, stdout);
      else if (!rcv_file_write_private (argv[2], json, -1, &error))
        return rcv_cli_report_error (error);
      return EXIT_OK;
    }
  else
    {
      g_autofree char *text = NULL;
      gsize length;
      guint n_created = 0, n_updated = 0;

      if (!g_file_get_contents (argv[2], &text, &length, &error))
        {
          fprintf (stderr, "receivables-cli: %s\n", error->message);
          return EXIT_USAGE;
        }
      if (!rcv_policy_import_json (db, text, (gssize) length, argv[2], &n_created, &n_updated,
                                   &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return error->domain == RCV_INPUT_ERROR ? EXIT_USAGE : EXIT_RUNTIME;
        }
      printf (ngettext ("Imported %s: %u new policy, ", "Imported %s: %u new policies, ",
                        n_created), argv[2], n_created);
      printf (ngettext ("%u updated\n", "%u updated\n", n_updated), n_updated);
      return EXIT_OK;
    }
}
