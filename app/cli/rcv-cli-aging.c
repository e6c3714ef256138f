/* rcv-cli-aging.c - receivables-cli aging: who owes what, by age, as text, CSV or JSON
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "receivables-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rcv-aging.h"
#include "rcv-cli.h"
#include "rcv-date.h"
#include "rcv-error.h"
#include "rcv-file.h"
#include "rcv-money.h"

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

int
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
