/* rcv-cli-dunning.c - receivables-cli dunning and letters: the reminders due, and their PDF
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "receivables-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "rcv-cli.h"
#include "rcv-company-letterhead.h"
#include "rcv-date.h"
#include "rcv-dunning.h"
#include "rcv-ledger.h"
#include "rcv-letter.h"

static void
append_money_column (GString           *out,
                     gint64             amount,
                     const RcvCurrency *currency,
                     guint              width)
{
  g_autofree char *text = amount != 0 ? rcv_money_format (amount, currency) : g_strdup ("–");

  g_string_append (out, "  ");
  rcv_cli_append_padded (out, text, width, TRUE);
}

/* The columns of the text table: ID, customer, level, invoices, then the amounts. */
static const struct
{
  const char *label;
  guint width;
} text_columns[] = {
  { N_("ID"), 8 }, { N_("Customer"), 24 }, { N_("Level"), 20 }, { N_("Invoices"), 8 },
  { N_("Open"), 14 }, { N_("Interest"), 12 }, { N_("Fees"), 12 }, { N_("Credit"), 12 },
  { N_("Amount due"), 14 },
};

#define N_TEXT_AMOUNTS 5

/* One line of the table: the four texts, then the amounts right-aligned. */
static void
append_line (GString           *out,
             const char *const  texts[4],
             const gint64       amounts[N_TEXT_AMOUNTS],
             const RcvCurrency *currency)
{
  for (guint c = 0; c < 4; c++)
    {
      if (c > 0)
        g_string_append_c (out, ' ');
      rcv_cli_append_padded (out, texts[c], text_columns[c].width, c == 3);
    }
  for (guint a = 0; a < N_TEXT_AMOUNTS; a++)
    {
      if (amounts != NULL)
        append_money_column (out, amounts[a], currency, text_columns[4 + a].width);
      else
        {
          g_string_append (out, "  ");
          rcv_cli_append_padded (out, _(text_columns[4 + a].label), text_columns[4 + a].width,
                                 TRUE);
        }
    }
  g_string_append_c (out, '\n');
}

static char *
run_to_text (const RcvDunningRun *run,
             const RcvCurrency   *currency)
{
  GString *out = g_string_new (NULL);
  char date[RCV_ISO_DATE_LEN];
  gint64 sums[N_TEXT_AMOUNTS] = { 0 };

  rcv_date_to_iso (&run->as_of, date);
  g_string_append_printf (out, _("Reminder letters due as of %s (%s)\n\n"), date, currency->code);
  if (run->letters->len == 0)
    g_string_append_printf (out, _("No reminder letter is due as of %s.\n"), date);
  else
    {
      const char *header[4] = { _(text_columns[0].label), _(text_columns[1].label),
                                _(text_columns[2].label), _(text_columns[3].label) };

      append_line (out, header, NULL, currency);
    }

  for (guint i = 0; i < run->letters->len; i++)
    {
      const RcvDunningLetter *letter = g_ptr_array_index (run->letters, i);
      g_autofree char *level = g_strdup_printf ("%u. %s", letter->level, letter->title);
      g_autofree char *count = g_strdup_printf ("%u", letter->items->len);
      const char *texts[4] = { letter->code, letter->name, level, count };
      const gint64 amounts[N_TEXT_AMOUNTS] = { letter->open, letter->interest,
                                               letter->compensation + letter->fee,
                                               letter->credit, letter->total };

      append_line (out, texts, amounts, currency);
      for (guint a = 0; a < N_TEXT_AMOUNTS; a++)
        sums[a] += amounts[a];
    }
  if (run->letters->len > 0)
    {
      g_autofree char *count = g_strdup_printf (ngettext ("%u letter", "%u letters",
                                                          run->letters->len),
                                                run->letters->len);
      const char *texts[4] = { _("Total"), count, "", "" };

      g_string_append_c (out, '\n');
      append_line (out, texts, sums, currency);
    }

  if (run->covered->len > 0)
    {
      g_string_append (out, _("\nNo letter, because unapplied credit covers the overdue "
                              "invoices (apply the credit instead):\n"));
      for (guint i = 0; i < run->covered->len; i++)
        {
          const RcvDunningCovered *covered = g_ptr_array_index (run->covered, i);
          g_autofree char *overdue = rcv_money_format (covered->overdue, currency);
          g_autofree char *credit = rcv_money_format (covered->credit, currency);

          g_string_append (out, "  ");
          rcv_cli_append_padded (out, covered->code, 8, FALSE);
          g_string_append_c (out, ' ');
          rcv_cli_append_padded (out, covered->name, 24, FALSE);
          g_string_append_printf (out, _("  overdue %s, credit %s\n"), overdue, credit);
        }
    }
  return g_string_free (out, FALSE);
}

int
command_dunning (const char  *database,
                 int          argc,
                 char       **argv)
{
  g_autoptr(RcvDatabase) db = NULL;
  g_autoptr(RcvDunningRun) run = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  int status = EXIT_OK;
  RcvCliFormat format;
  GDate as_of;

  db = rcv_cli_open_report (database, "dunning", N_("The date of the letters (default: today)"),
                            argc, argv, &as_of, &format, &status);
  if (db == NULL)
    return status;
  run = rcv_dunning_run_new (db, &as_of, 0, NULL, &error);
  if (run == NULL)
    return rcv_cli_report_error (error);

  if (format == RCV_CLI_FORMAT_TEXT)
    output = run_to_text (run, rcv_database_get_currency (db));
  else if (format == RCV_CLI_FORMAT_CSV)
    output = rcv_dunning_run_to_csv (run, rcv_database_get_currency (db));
  else
    output = rcv_dunning_run_to_json (run, rcv_database_get_currency (db));
  fputs (output, stdout);
  return EXIT_OK;
}

/* After a record that skipped letters another program had recorded meanwhile, the PDF holds
 * only the letters recorded, so that nobody sends a letter the log does not hold; with none
 * left it goes. */
static gboolean
rewrite_recorded (RcvLetterhead  *head,
                  RcvDunningRun  *run,
                  const gboolean *recorded,
                  const char     *output,
                  GError        **error)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  guint n_pages;

  for (guint i = 0; i < run->letters->len; i++)
    if (recorded[i])
      g_ptr_array_add (kept, g_ptr_array_index (run->letters, i));
  if (kept->len == 0)
    {
      if (g_unlink (output) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not remove %s: %s"), output, g_strerror (saved_errno));
          return FALSE;
        }
      return TRUE;
    }
  return rcv_letters_write_pdf (head, (const RcvDunningLetter *const *) kept->pdata, kept->len,
                                output, &n_pages, NULL, NULL, NULL, error);
}

int
command_letters (const char  *database,
                 int          argc,
                 char       **argv)
{
  g_autoptr(RcvDatabase) db = NULL;
  g_autoptr(RcvDunningRun) run = NULL;
  g_autoptr(RcvLetterhead) head = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *as_of_text = NULL;
  g_autofree char *customer_code = NULL;
  g_autofree char *paper_text = NULL;
  g_autofree char *output = NULL;
  gboolean record = FALSE;
  gboolean email = FALSE;
  gint64 customer_id = 0;
  gint level = 0;
  int status = EXIT_OK;
  guint n_pages;
  RcvPaper paper;
  GDate as_of;
  GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text,
      N_("The date of the letters (default: today)"), "YYYY-MM-DD" },
    { "customer", 0, 0, G_OPTION_ARG_STRING, &customer_code, N_("Only this customer's letter"),
      "ID" },
    { "level", 0, 0, G_OPTION_ARG_INT, &level,
      N_("Send the customer's letter at this level instead of the next one (with --customer)"),
      "N" },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_text,
      N_("Paper size (default: the locale's)"), "a4|letter" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), "FILE.pdf" },
    { "record", 0, 0, G_OPTION_ARG_NONE, &record,
      N_("Log the letters as sent, so that the next run escalates"), NULL },
    { "email", 0, 0, G_OPTION_ARG_NONE, &email,
      N_("Send each letter to its customer by e-mail, the PDF attached (with --record, those "
         "the server accepted are logged as sent)"), NULL },
    { NULL }
  };

  if (!rcv_cli_parse_options ("letters", entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return rcv_cli_usage_error (_("letters takes no arguments besides its options"));
  if (output == NULL && !email)
    return rcv_cli_usage_error (_("letters needs --output FILE.pdf, or --email"));
  if (email && output != NULL)
    return rcv_cli_usage_error (_("letters --email sends the letters: it writes no PDF "
                                  "(leave out --output)"));
  if (output != NULL && !g_str_has_suffix (output, ".pdf") && !g_str_has_suffix (output, ".PDF"))
    return rcv_cli_usage_error (_("--output: “%s” does not end in .pdf"), output);
  if (!rcv_paper_from_option (paper_text, &paper))
    return rcv_cli_usage_error (_("--paper: use a4 or letter, not “%s”"), paper_text);
  if (!rcv_cli_parse_as_of (as_of_text, &as_of, &status))
    return status;
  if (level != 0 && customer_code == NULL)
    return rcv_cli_usage_error (_("--level needs --customer: it sets one customer’s letter"));
  if (level < 0)
    return rcv_cli_usage_error (_("--level: %d is not a reminder level"), level);

  db = rcv_cli_open_database (database, record || email, &status);
  if (db == NULL)
    return status;
  if (customer_code != NULL &&
      !rcv_cli_find_customer (db, "--customer", customer_code, &customer_id, &status))
    return status;

  run = rcv_dunning_run_new (db, &as_of, customer_id, NULL, &error);
  if (run == NULL)
    return rcv_cli_report_error (error);
  if (run->letters->len == 0)
    {
      char date[RCV_ISO_DATE_LEN];

      rcv_date_to_iso (&as_of, date);
      fprintf (stderr, _("No reminder letter is due as of %s: nothing written.\n"), date);
      return EXIT_OK;
    }
  if (level != 0 &&
      !rcv_dunning_letter_set_level (g_ptr_array_index (run->letters, 0), (guint) level, &error))
    return rcv_cli_report_error (error);

  if (email)
    {
      g_autoptr(RcvMailReport) report =
        rcv_mail_send_letters (db, (const RcvDunningLetter *const *) run->letters->pdata,
                               run->letters->len, record, NULL, NULL, NULL, &error);

      if (report == NULL)
        return rcv_cli_report_error (error);
      return rcv_cli_report_mail (report, ngettext ("letter", "letters", report->n_not_tried));
    }

  head = rcv_letterhead_new_for_company (db, paper);
  if (rcv_letterhead_get_logo_problem (head) != NULL)
    fprintf (stderr, "%s\n", rcv_letterhead_get_logo_problem (head));
  if (!rcv_letters_write_pdf (head, (const RcvDunningLetter *const *) run->letters->pdata,
                              run->letters->len, output, &n_pages, NULL, NULL, NULL, &error))
    return rcv_cli_report_error (error);
  printf (ngettext ("Wrote %u letter to %s", "Wrote %u letters to %s", run->letters->len),
          run->letters->len, output);
  printf (ngettext (" (%u page)\n", " (%u pages)\n", n_pages), n_pages);

  if (record)
    {
      g_autofree gboolean *recorded = g_new0 (gboolean, run->letters->len);
      guint n_skipped = 0;

      if (!rcv_dunning_record (db, (const RcvDunningLetter *const *) run->letters->pdata,
                               run->letters->len, recorded, &n_skipped, &error))
        return rcv_cli_report_error (error);
      if (n_skipped > 0 && !rewrite_recorded (head, run, recorded, output, &error))
        return rcv_cli_report_error (error);
      printf (ngettext ("Recorded %u letter as sent\n", "Recorded %u letters as sent\n",
                        run->letters->len - n_skipped),
              run->letters->len - n_skipped);
      if (n_skipped == run->letters->len)
        fprintf (stderr, ngettext ("%u letter was not recorded: another program recorded it as "
                                   "sent meanwhile. %s was removed.\n",
                                   "%u letters were not recorded: another program recorded them "
                                   "as sent meanwhile. %s was removed.\n",
                                   n_skipped),
                 n_skipped, output);
      else if (n_skipped > 0)
        fprintf (stderr, ngettext ("%u letter was not recorded: another program recorded it as "
                                   "sent meanwhile. %s now holds only the letters recorded.\n",
                                   "%u letters were not recorded: another program recorded them "
                                   "as sent meanwhile. %s now holds only the letters recorded.\n",
                                   n_skipped),
                 n_skipped, output);
    }
  return EXIT_OK;
}
