/* rcv-cli-chart.c - receivables-cli chart: an aging chart to a PNG, SVG or PDF file
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "receivables-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "rcv-chart-file.h"
#include "rcv-cli.h"
#include "rcv-date.h"

int
command_chart (const char  *database,
               int          argc,
               char       **argv)
{
  g_autoptr(RcvDatabase) db = NULL;
  g_autoptr(RcvChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *as_of_text = NULL;
  g_autofree char *output = NULL;
  RcvChartStyle style = { FALSE, TRUE, NULL };
  int width = 800, height = 500, months = 12, top = RCV_CHART_DEFAULT_CUSTOMERS;
  gboolean dark = FALSE;
  int status = EXIT_OK;
  RcvChartKind kind;
  int value;
  GDate as_of;
  GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, N_("The date of the figures (default: today)"),
      "YYYY-MM-DD" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file to write; .png, .svg or .pdf chooses the format"), "FILE" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, N_("Width in pixels (PNG) or points (default 800)"),
      "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height,
      N_("Height in pixels (PNG) or points (default 500)"), "H" },
    { "months", 0, 0, G_OPTION_ARG_INT, &months,
      N_("Month ends in the trend (default 12, at most 60)"), "N" },
    { "top", 0, 0, G_OPTION_ARG_INT, &top, N_("Customers in the customers chart (default 10)"),
      "N" },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, N_("Light text on a dark background"), NULL },
    { NULL }
  };

  if (!rcv_cli_parse_options ("chart aging|customers|trend", entries, &argc, &argv, &status))
    return status;
  if (argc != 2 || !rcv_enum_from_nick (RCV_TYPE_CHART_KIND, argv[1], &value))
    return rcv_cli_usage_error (_("chart needs one of aging, customers or trend"));
  kind = value;
  if (output == NULL)
    return rcv_cli_usage_error (_("chart needs --output FILE.png, .svg or .pdf"));
  if (months < 1 || months > RCV_TREND_MAX_MONTHS)
    return rcv_cli_usage_error (_("--months: %d is not between 1 and %d"), months,
                                RCV_TREND_MAX_MONTHS);
  if (top < 1 || top > 100)
    return rcv_cli_usage_error (_("--top: %d is not between 1 and %d"), top, 100);
  if (!rcv_cli_parse_as_of (as_of_text, &as_of, &status))
    return status;

  db = rcv_cli_open_database (database, FALSE, &status);
  if (db == NULL)
    return status;

  chart = rcv_chart_new_for_database (db, kind, &as_of,
                                      kind == RCV_CHART_TREND ? (guint) months : (guint) top,
                                      &error);
  if (chart == NULL)
    return rcv_cli_report_error (error);
  style.dark = dark;
  if (!rcv_chart_export (chart, output, width, height, &style, &error))
    return rcv_cli_report_error (error);
  return EXIT_OK;
}
