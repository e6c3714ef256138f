/* rcv-cli-statements.c - receivables-cli statements: customers' statements of account, one PDF
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For one customer (--customer) or every customer owing or owed anything at the end of the
 * date (--as-of, default today), over the period from --from (default: the three months up to
 * the date), one statement after the other in one PDF, written whole or not at all. Nothing
 * is written to the company file.
 */
#define G_LOG_DOMAIN "receivables-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "rcv-account-statement.h"
#include "rcv-cli.h"
#include "rcv-company-letterhead.h"
#include "rcv-date.h"
#include "rcv-statement-layout.h"

int
command_statements (const char  *database,
                    int          argc,
                    char       **argv)
{
  g_autoptr(RcvDatabase) db = NULL;
  g_autoptr(RcvLetterhead) head = NULL;
  g_autoptr(GPtrArray) statements = NULL;
  g_autoptr(GArray) customers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *as_of_text = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *customer_code = NULL;
  g_autofree char *paper_text = NULL;
  g_autofree char *output = NULL;
  gint64 customer_id = 0;
  gboolean email = FALSE;
  int status = EXIT_OK;
  guint n_pages = 0;
  RcvPaper paper;
  GDate as_of, from;
  GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text,
      N_("The statements' date, the period's last day (default: today)"), "YYYY-MM-DD" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text,
      N_("The period's first day (default: three months before the date)"), "YYYY-MM-DD" },
    { "customer", 0, 0, G_OPTION_ARG_STRING, &customer_code, N_("Only this customer's statement"),
      "ID" },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_text,
      N_("Paper size (default: the locale's)"), "a4|letter" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), "FILE.pdf" },
    { "email", 0, 0, G_OPTION_ARG_NONE, &email,
      N_("Send each statement to its customer by e-mail, the PDF attached"), NULL },
    { NULL }
  };

  if (!rcv_cli_parse_options ("statements", entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return rcv_cli_usage_error (_("statements takes no arguments besides its options"));
  if (output == NULL && !email)
    return rcv_cli_usage_error (_("statements needs --output FILE.pdf, or --email"));
  if (email && output != NULL)
    return rcv_cli_usage_error (_("statements --email sends the statements: it writes no PDF "
                                  "(leave out --output)"));
  if (output != NULL && !g_str_has_suffix (output, ".pdf") && !g_str_has_suffix (output, ".PDF"))
    return rcv_cli_usage_error (_("--output: “%s” does not end in .pdf"), output);
  if (!rcv_paper_from_option (paper_text, &paper))
    return rcv_cli_usage_error (_("--paper: use a4 or letter, not “%s”"), paper_text);
  if (!rcv_cli_parse_as_of (as_of_text, &as_of, &status))
    return status;
  if (from_text == NULL)
    rcv_account_statement_default_from (&as_of, &from);
  else if (!rcv_date_parse_iso (from_text, &from, &error))
    return rcv_cli_usage_error (_("--from: %s"), error->message);
  if (g_date_compare (&from, &as_of) > 0)
    return rcv_cli_usage_error (_("--from %s is after the statements' date"), from_text);

  db = rcv_cli_open_database (database, email, &status);
  if (db == NULL)
    return status;
  if (customer_code != NULL)
    {
      if (!rcv_cli_find_customer (db, "--customer", customer_code, &customer_id, &status))
        return status;
      customers = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (customers, customer_id);
    }
  else if ((customers = rcv_account_statement_list_customers (db, &as_of, &error)) == NULL)
    return rcv_cli_report_error (error);
  if (customers->len == 0)
    {
      char date[RCV_ISO_DATE_LEN];

      rcv_date_to_iso (&as_of, date);
      fprintf (stderr, _("No customer owes or is owed anything as of %s: nothing written.\n"),
               date);
      return EXIT_OK;
    }
  statements = rcv_account_statements_read (db, customers, &from, &as_of, NULL, &error);
  if (statements == NULL)
    return rcv_cli_report_error (error);

  if (email)
    {
      g_autoptr(RcvMailReport) report =
        rcv_mail_send_statements (db, (const RcvAccountStatement *const *) statements->pdata,
                                  statements->len, NULL, NULL, NULL, &error);

      if (report == NULL)
        return rcv_cli_report_error (error);
      return rcv_cli_report_mail (report, ngettext ("statement", "statements",
                                                    report->n_not_tried));
    }

  head = rcv_letterhead_new_for_company (db, paper);
  if (rcv_letterhead_get_logo_problem (head) != NULL)
    fprintf (stderr, "%s\n", rcv_letterhead_get_logo_problem (head));
  if (!rcv_statements_write_pdf (head, (const RcvAccountStatement *const *) statements->pdata,
                                 statements->len, output, &n_pages, NULL, NULL, NULL, &error))
    return rcv_cli_report_error (error);
  printf (ngettext ("Wrote %u statement to %s", "Wrote %u statements to %s", statements->len),
          statements->len, output);
  printf (ngettext (" (%u page)\n", " (%u pages)\n", n_pages), n_pages);
  return EXIT_OK;
}
