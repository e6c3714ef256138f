/* rcv-cli-data.c - receivables-cli import, export, demo and policies: the company's data in and out
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "receivables-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rcv-cli.h"
#include "rcv-date.h"
#include "rcv-demo.h"
#include "rcv-error.h"
#include "rcv-export.h"
#include "rcv-file.h"
#include "rcv-import.h"
#include "rcv-ledger.h"
#include "rcv-policy.h"
#include "rcv-policy-file.h"

int
command_import (const char  *database,
                int          argc,
                char       **argv)
{
  g_autoptr(RcvDatabase) db = NULL;
  g_autoptr(RcvImportReport) report = rcv_import_report_new ();
  g_autoptr(GError) error = NULL;
  RcvImportKind kind;
  int value;
  int status = EXIT_OK;

  if (!rcv_cli_parse_options ("import", NULL, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return rcv_cli_usage_error (_("import needs what to import and a file: import "
                          "customers|invoices|payments FILE.csv"));
  if (!rcv_enum_from_nick (RCV_TYPE_IMPORT_KIND, argv[1], &value))
    return rcv_cli_usage_error (_("cannot import “%s”: use customers, invoices or payments"), argv[1]);
  kind = value;

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

int
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
  int value;
  int status = EXIT_OK;
  guint n_rows = 0;
  GDate as_of;

  if (!rcv_cli_parse_options ("export", entries, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return rcv_cli_usage_error (_("export needs what to export and a file: export "
                          "customers|invoices|payments|aging FILE.csv"));
  if (!rcv_enum_from_nick (RCV_TYPE_EXPORT_KIND, argv[1], &value))
    return rcv_cli_usage_error (_("cannot export “%s”: use customers, invoices, payments or aging"),
                        argv[1]);
  kind = value;
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

int
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

int
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
