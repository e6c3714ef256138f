/* rcv-cli-collections.c - receivables-cli collections: per overdue account, whether to keep
 * chasing, send a final notice or hand it to an agency, and why
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "receivables-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "rcv-agency.h"
#include "rcv-cli.h"
#include "rcv-collections-output.h"
#include "rcv-collections-report.h"
#include "rcv-collections.h"
#include "rcv-date.h"

static const RcvCliColumn columns[] = {
  { N_("ID"), 8, FALSE }, { N_("Customer"), 24, FALSE }, { N_("Days late"), 10, TRUE },
  { N_("Open"), 14, TRUE }, { N_("Disputed"), 14, TRUE }, { N_("Broken"), 7, TRUE },
  { N_("Advice"), 13, FALSE }, { N_("Chasing"), 14, TRUE }, { N_("Agency"), 14, TRUE },
};

static char *
report_to_text (const GPtrArray   *report,
                const GDate       *as_of,
                const RcvCurrency *currency)
{
  GString *out = g_string_new (NULL);
  char date[RCV_ISO_DATE_LEN];

  rcv_date_to_iso (as_of, date);
  if (report->len == 0)
    {
      g_string_append_printf (out, _("No account is overdue as of %s.\n"), date);
      return g_string_free (out, FALSE);
    }
  g_string_append_printf (out, _("Collections as of %s: chasing and agency are the amounts "
                                 "expected back either way\n\n"), date);
  rcv_cli_append_header (out, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < report->len; i++)
    {
      const RcvCollectionsAccount *account = g_ptr_array_index (report, i);
      g_autofree char *days = g_strdup_printf ("%d", account->oldest_days);
      g_autofree char *open = rcv_money_format_plain (account->open, currency);
      g_autofree char *disputed = rcv_money_format_plain (account->disputed, currency);
      g_autofree char *broken = g_strdup_printf ("%u", account->broken_promises +
                                                       account->missed_instalments);
      g_autofree char *chase = rcv_money_format_plain (account->recovery_chase, currency);
      g_autofree char *agency = rcv_money_format_plain (account->recovery_agency, currency);
      const char *row[] = { account->code, account->name, days, open, disputed, broken,
                            rcv_enum_to_nick (RCV_TYPE_RECOMMENDATION, account->recommendation),
                            chase, agency };

      rcv_cli_append_row (out, columns, G_N_ELEMENTS (columns), row);
      g_string_append_printf (out, "          %s\n", account->reasoning);
    }
  return g_string_free (out, FALSE);
}

int
command_collections (const char  *database,
                     int          argc,
                     char       **argv)
{
  g_autoptr(RcvDatabase) db = NULL;
  g_autoptr(GPtrArray) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  int status = EXIT_OK;
  RcvCliFormat format;
  GDate as_of;

  db = rcv_cli_open_report (database, "collections", N_("Advise as of this date (default: today)"),
                            argc, argv, &as_of, &format, &status);
  if (db == NULL)
    return status;
  report = rcv_collections_report (db, &as_of, &error);
  if (report == NULL)
    return rcv_cli_report_error (error);

  if (format == RCV_CLI_FORMAT_TEXT)
    output = report_to_text (report, &as_of, rcv_database_get_currency (db));
  else if (format == RCV_CLI_FORMAT_CSV)
    output = rcv_collections_report_to_csv (report, rcv_database_get_currency (db));
  else
    output = rcv_collections_report_to_json (report, &as_of, rcv_database_get_currency (db));
  fputs (output, stdout);
  return EXIT_OK;
}

int
command_agency (const char  *database,
                int          argc,
                char       **argv)
{
  g_autoptr(RcvDatabase) db = NULL;
  g_autoptr(RcvAgencyFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *as_of_text = NULL;
  g_autofree char *customer_code = NULL;
  g_autofree char *paper_text = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *csv = NULL;
  gint64 customer_id = 0;
  int status = EXIT_OK;
  RcvPaper paper;
  GDate as_of;
  GOptionEntry entries[] = {
    { "customer", 0, 0, G_OPTION_ARG_STRING, &customer_code, N_("The account to hand over"),
      "ID" },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text,
      N_("The date of the summary (default: today)"), "YYYY-MM-DD" },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_text,
      N_("Paper size (default: the locale's)"), "a4|letter" },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, N_("The summary to write"), "FILE.pdf" },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv,
      N_("The open invoices with their history to write (“-” for standard output)"),
      "FILE.csv" },
    { NULL }
  };

  if (!rcv_cli_parse_options ("agency", entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return rcv_cli_usage_error (_("agency takes no arguments besides its options"));
  if (customer_code == NULL)
    return rcv_cli_usage_error (_("agency needs --customer ID"));
  if (pdf == NULL && csv == NULL)
    return rcv_cli_usage_error (_("agency needs --pdf FILE.pdf, --csv FILE.csv or both"));
  if (pdf != NULL && !g_str_has_suffix (pdf, ".pdf") && !g_str_has_suffix (pdf, ".PDF"))
    return rcv_cli_usage_error (_("--pdf: “%s” does not end in .pdf"), pdf);
  if (!rcv_paper_from_option (paper_text, &paper))
    return rcv_cli_usage_error (_("--paper: use a4 or letter, not “%s”"), paper_text);
  if (!rcv_cli_parse_as_of (as_of_text, &as_of, &status))
    return status;

  db = rcv_cli_open_database (database, FALSE, &status);
  if (db == NULL)
    return status;
  if (!rcv_cli_find_customer (db, "--customer", customer_code, &customer_id, &status))
    return status;
  file = rcv_agency_file_new (db, customer_id, &as_of, &error);
  if (file == NULL)
    return rcv_cli_report_error (error);
  if (pdf != NULL && !rcv_agency_file_write_pdf (file, paper, pdf, &error))
    return rcv_cli_report_error (error);
  if (csv != NULL && g_str_equal (csv, "-"))
    {
      g_autofree char *text = rcv_agency_file_to_csv (file);

      fputs (text, stdout);
      g_clear_pointer (&csv, g_free);
    }
  if (csv != NULL && !rcv_agency_file_write_csv (file, csv, &error))
    return rcv_cli_report_error (error);
  if (pdf != NULL)
    fprintf (stderr, _("Wrote the summary to %s\n"), pdf);
  if (csv != NULL)
    fprintf (stderr, _("Wrote the open invoices to %s\n"), csv);
  return EXIT_OK;
}
