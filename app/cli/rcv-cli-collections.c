/* rcv-cli-collections.c - receivables-cli collections: per overdue account, whether to keep
 * chasing, send a final notice or hand it to an agency, and why
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "receivables-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "rcv-cli.h"
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
                            rcv_recommendation_to_string (account->recommendation), chase,
                            agency };

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
