/* receivables-cli.c - the command-line tool: its commands, the options and errors they share
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

#include "rcv-cli.h"
#include "rcv-date.h"
#include "rcv-error.h"
#include "rcv-i18n.h"
#include "rcv-ledger.h"

typedef int (*CommandFunc) (const char *database, int argc, char **argv);

typedef struct
{
  const char *name;
  const char *arguments;
  const char *summary;
  CommandFunc func;
} Command;


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
  { "letters", "[--as-of YYYY-MM-DD] [--customer ID] [--paper a4|letter] --output FILE.pdf | "
    "--email [--record]",
    N_("Write the reminder letters due into one PDF, or send each by e-mail; --record logs them "
       "as sent (by e-mail: those the server accepted)"),
    command_letters },
  { "statements", "[--as-of YYYY-MM-DD] [--from YYYY-MM-DD] [--customer ID] [--paper a4|letter] "
    "--output FILE.pdf | --email",
    N_("Write customers' statements of account into one PDF: every customer with a balance, "
       "or one"), command_statements },
  { "invoices", "NUMBER… [--paper a4|letter] --output FILE.pdf",
    N_("Write invoices' and credit notes' documents into one PDF, with the RF reference to "
       "quote and the QR code to pay by"), command_invoices },
  { "check", "[--as-of YYYY-MM-DD] [--notify]",
    N_("Show the accounts that passed an alert threshold; --notify sends them as desktop "
       "notifications, once each"), command_check },
  { "collections", "[--as-of YYYY-MM-DD] [--format text|csv|json]",
    N_("Advise per overdue account: keep chasing, send a final notice, or hand it to an agency"),
    command_collections },
  { "bank", "import FILE [--apply] [--format text|csv|json] | columns FILE [FIELD=HEADER…]",
    N_("Match a bank statement's receipts (camt.053/054, MT940 or CSV) to invoices; --apply "
       "records the certain ones. columns: how a CSV export's columns are read; FIELD=HEADER "
       "names one, remembered for its account"), command_bank },
  { "mail", "setup --from ADDRESS --server HOST[:PORT] --security tls|starttls|none "
    "[--user USER] | test ADDRESS",
    N_("Set up the outgoing mail account (the password stays in the keyring, or comes from "
       "RECEIVABLES_SMTP_PASSWORD), or send a test message through it"), command_mail },
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
