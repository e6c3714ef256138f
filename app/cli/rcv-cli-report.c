/* rcv-cli-report.c - what the report commands share: their options, the customer an option names, text tables
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "receivables-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rcv-cli.h"
#include "rcv-error.h"
#include "rcv-ledger.h"

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

/* A report command's options (--as-of DATE, --format text|csv|json) parsed and checked, and
 * the company file opened; NULL with *status set when something is wrong. */
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
