/* test-cli.c - receivables-cli end to end: commands, formats, exit codes
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <locale.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

#include "rcv-cli-fixture.h"
#include "rcv-test-smtp.h"
#include "rcv-test-utils.h"

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  g_auto (Result) help = { 0 };
  g_auto (Result) none = { 0 };
  g_auto (Result) unknown = { 0 };
  g_auto (Result) bad_option = { 0 };
  g_auto (Result) missing_arg = { 0 };

  cli_run (&help, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "import"));
  g_assert_nonnull (strstr (help.out, "aging"));

  cli_run (&none, NULL);
  g_assert_cmpint (none.status, ==, 2);
  cli_run (&unknown, "--database", fixture->db, "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "unknown command “frobnicate”"));
  cli_run (&bad_option, "--database", fixture->db, "aging", "--colour", NULL);
  g_assert_cmpint (bad_option.status, ==, 2);
  cli_run (&missing_arg, "--database", fixture->db, "import", "customers", NULL);
  g_assert_cmpint (missing_arg.status, ==, 2);
}

static void
test_import_and_aging_csv (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *expected_path = cli_data_file ("aging-2026-03-31.csv");
  g_autofree char *expected = NULL;
  g_auto (Result) r = { 0 };

  cli_import_sample (fixture);
  g_assert_true (g_file_get_contents (expected_path, &expected, NULL, NULL));

  cli_run (&r, "--database", fixture->db, "aging", "--as-of", "2026-03-31", "--format", "csv", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, expected);
}

static void
test_aging_json_and_text (Fixture       *fixture,
                          gconstpointer  data)
{
  g_auto (Result) json = { 0 };
  g_auto (Result) text = { 0 };
  g_auto (Result) by_invoice = { 0 };

  cli_import_sample (fixture);

  cli_run (&json, "--database", fixture->db, "aging", "--as-of", "2026-03-31", "--format", "json",
       NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_nonnull (strstr (json.out, "\"as_of\": \"2026-03-31\""));
  g_assert_nonnull (strstr (json.out, "\"customer\": \"Beta, Inc.\""));
  g_assert_nonnull (strstr (json.out, "\"over_90\": 400.00"));
  g_assert_nonnull (strstr (json.out, "\"balance\": 1443.99"));

  cli_run (&text, "--database", fixture->db, "aging", "--as-of", "2026-03-31", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "Aging as of 2026-03-31"));
  g_assert_nonnull (strstr (text.out, "Café Lumière"));
  g_assert_nonnull (strstr (text.out, "1,443.99 €"));

  cli_run (&by_invoice, "--database", fixture->db, "aging", "--as-of", "2026-03-31", "--by",
       "invoice", "--format", "csv", NULL);
  g_assert_cmpint (by_invoice.status, ==, 0);
  g_assert_true (g_str_has_prefix (by_invoice.out, "customer_id,customer,document,kind,date,"
                                                   "due_date,days_overdue,bucket,open\n"));
  g_assert_nonnull (strstr (by_invoice.out,
                            "C1,Alpha GmbH,2026-0001,invoice,2026-01-05,2026-01-19,71,61-90,"
                            "600.00\n"));
  g_assert_nonnull (strstr (by_invoice.out, "C10,Café Lumière,CN-0002,credit-note,2026-03-28,"
                                            "2026-03-28,,unapplied,-20.00\n"));
  g_assert_true (g_str_has_suffix (by_invoice.out, "TOTAL,,,,,,,,1443.99\n"));
}

static void
test_bad_import (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *bad = cli_data_file ("bad-invoices.csv");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto (Result) r = { 0 };
  g_auto (Result) missing = { 0 };

  cli_import_sample (fixture);
  before = rcv_test_fingerprint (fixture->db);

  cli_run (&r, "--database", fixture->db, "import", "invoices", bad, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_nonnull (strstr (r.err, "bad-invoices.csv:3: field “customer_id”: there is no "
                                   "customer with the ID “C99”"));
  g_assert_nonnull (strstr (r.err, "bad-invoices.csv:4: field “issue_date”: “2026-04-31” is not "
                                   "a date in the calendar"));
  g_assert_nonnull (strstr (r.err, "bad-invoices.csv:5: field “amount”: “5,005” has more "
                                   "decimals than EUR allows (2)"));
  g_assert_nonnull (strstr (r.err, "has 3 problems; nothing was imported"));

  after = rcv_test_fingerprint (fixture->db);
  g_assert_cmpstr (before, ==, after);

  cli_run (&missing, "--database", fixture->db, "import", "invoices", "/nonexistent/x.csv", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_nonnull (strstr (missing.err, "/nonexistent/x.csv"));
}

static void
test_bad_database (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *text = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_autofree char *checksum = NULL;
  g_autofree char *checksum_after = NULL;
  g_auto (Result) r = { 0 };

  rcv_test_write_file (text, "not a database\n");
  checksum = rcv_test_file_checksum (text);
  cli_run (&r, "--database", text, "aging", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "is not a Receivables company file"));
  checksum_after = rcv_test_file_checksum (text);
  g_assert_cmpstr (checksum, ==, checksum_after);
}

static void
test_bad_arguments (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto (Result) date = { 0 };
  g_auto (Result) format = { 0 };
  g_auto (Result) kind = { 0 };

  cli_run (&date, "--database", fixture->db, "aging", "--as-of", "2026-02-30", NULL);
  g_assert_cmpint (date.status, ==, 2);
  g_assert_nonnull (strstr (date.err, "--as-of: “2026-02-30” is not a date in the calendar"));
  cli_run (&format, "--database", fixture->db, "aging", "--format", "xml", NULL);
  g_assert_cmpint (format.status, ==, 2);
  cli_run (&kind, "--database", fixture->db, "import", "orders", "x.csv", NULL);
  g_assert_cmpint (kind.status, ==, 2);
}

/* Export, import into a new company, and the aging is the same. */
static void
test_export_round_trip (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *kinds[] = { "customers", "invoices", "payments" };
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.db", NULL);
  g_auto (Result) original = { 0 };
  g_auto (Result) restored = { 0 };
  g_auto (Result) aging_file = { 0 };
  g_autofree char *aging_path = g_build_filename (fixture->dir, "aging.csv", NULL);
  g_autofree char *aging_contents = NULL;

  cli_import_sample (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *name = g_strconcat (kinds[i], ".csv", NULL);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_auto (Result) e = { 0 };
      g_auto (Result) im = { 0 };

      cli_run (&e, "--database", fixture->db, "export", kinds[i], path, NULL);
      g_assert_cmpint (e.status, ==, 0);
      cli_run (&im, "--database", copy, "import", kinds[i], path, NULL);
      g_assert_cmpstr (im.err, ==, "");
      g_assert_cmpint (im.status, ==, 0);
    }

  for (guint d = 0; d < 3; d++)
    {
      const char *dates[] = { "2026-02-15", "2026-03-31", "2026-06-30" };
      g_auto (Result) a = { 0 };
      g_auto (Result) b = { 0 };

      cli_run (&a, "--database", fixture->db, "aging", "--as-of", dates[d], "--format", "csv", NULL);
      cli_run (&b, "--database", copy, "aging", "--as-of", dates[d], "--format", "csv", NULL);
      g_assert_cmpstr (a.out, ==, b.out);
    }

  cli_run (&original, "--database", fixture->db, "aging", "--as-of", "2026-03-31", "--format", "csv",
       NULL);
  cli_run (&aging_file, "--database", fixture->db, "export", "aging", aging_path, "--as-of",
       "2026-03-31", NULL);
  g_assert_cmpint (aging_file.status, ==, 0);
  g_assert_true (g_file_get_contents (aging_path, &aging_contents, NULL, NULL));
  g_assert_cmpstr (aging_contents, ==, original.out);

  /* a folder that is a file: writing fails whoever runs the test, root included */
  {
    g_autofree char *blocked = g_build_filename (aging_path, "c.csv", NULL);
    cli_run (&restored, "--database", copy, "export", "customers", blocked, NULL);
  }
  g_assert_cmpint (restored.status, ==, 1);
}

static void
test_demo (Fixture       *fixture,
           gconstpointer  data)
{
  g_auto (Result) demo = { 0 };
  g_auto (Result) again = { 0 };
  g_auto (Result) aging = { 0 };
  g_auto (GStrv) lines = NULL;
  g_auto (GStrv) total = NULL;
  guint n_lines;

  cli_run (&demo, "--database", fixture->db, "demo", "--as-of", "2026-06-30", NULL);
  g_assert_cmpint (demo.status, ==, 0);

  cli_run (&aging, "--database", fixture->db, "aging", "--as-of", "2026-06-30", "--format", "csv",
       NULL);
  g_assert_cmpint (aging.status, ==, 0);
  /* a few dozen customers, some of them more than 90 days late */
  lines = g_strsplit (aging.out, "\n", -1);
  n_lines = g_strv_length (lines);
  g_assert_cmpuint (n_lines, >, 30);
  g_assert_nonnull (strstr (aging.out, "Müller & Söhne GmbH"));
  total = g_strsplit (lines[n_lines - 2], ",", -1);
  g_assert_cmpstr (total[0], ==, "TOTAL");
  g_assert_cmpstr (total[6], !=, "0.00");

  cli_run (&again, "--database", fixture->db, "demo", NULL);
  g_assert_cmpint (again.status, ==, 2);
  g_assert_nonnull (strstr (again.err, "already holds a company"));
}

static void
test_database_from_environment (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, "RECEIVABLES_DB", fixture->db, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, cli_path (), "demo", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_assert_true (g_file_test (fixture->db, G_FILE_TEST_IS_REGULAR));
}

/* The program run from the build tree speaks the user's language with the translations built
 * there (app/core/rcv-i18n.c), with nothing in its environment pointing at them. */
static void
test_german (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  locale_t german = newlocale (LC_ALL_MASK, "de_DE.UTF-8", (locale_t) 0);

  if (german == (locale_t) 0)
    {
      g_test_skip ("the de_DE.UTF-8 locale is not installed");
      return;
    }
  freelocale (german);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "de_DE.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "de", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "RCV_LOCALEDIR");
  g_subprocess_launcher_unsetenv (launcher, "RECEIVABLES_DB");
  /* a message of the tool's own and one of the core's */
  process = g_subprocess_launcher_spawn (launcher, &error, cli_path (), "--database",
                                         fixture->db, "aging", "--as-of", "2026-02-30", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
  g_assert_nonnull (strstr (err, "„2026-02-30“ ist kein Datum im Kalender"));
  g_assert_nonnull (strstr (err, "Versuchen Sie „receivables-cli --help“."));
}

/* policies export, import and list; the customers CSV's policy column names a policy */
static void
test_policies (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *json_path = g_build_filename (fixture->dir, "policies.json", NULL);
  g_autofree char *bad_path = g_build_filename (fixture->dir, "bad.json", NULL);
  g_autofree char *other = g_build_filename (fixture->dir, "other.db", NULL);
  g_autofree char *csv_path = g_build_filename (fixture->dir, "customers.csv", NULL);
  g_autofree char *json = NULL;
  g_autoptr(GString) edited = NULL;
  g_auto (Result) exported = { 0 };
  g_auto (Result) imported = { 0 };
  g_auto (Result) listed = { 0 };
  g_auto (Result) bad = { 0 };
  g_auto (Result) before = { 0 };
  g_auto (Result) after = { 0 };
  g_auto (Result) customers = { 0 };
  g_auto (Result) unknown = { 0 };
  g_auto (Result) shown = { 0 };

  cli_run (&exported, "--database", fixture->db, "policies", "export", json_path, NULL);
  g_assert_cmpstr (exported.err, ==, "");
  g_assert_cmpint (exported.status, ==, 0);
  g_assert_true (g_file_get_contents (json_path, &json, NULL, NULL));
  g_assert_nonnull (strstr (json, "\"format\": \"receivables-policies\""));

  /* the same file, renamed to “Trade” with 14 days and a limit, into another company */
  edited = g_string_new (json);
  g_string_replace (edited, "\"Standard\"", "\"Trade\"", 1);
  g_string_replace (edited, "\"default\": true", "\"default\": false", 1);
  g_string_replace (edited, "\"terms_days\": 30", "\"terms_days\": 14", 1);
  g_string_replace (edited, "\"credit_limit\": null", "\"credit_limit\": \"2500.00\"", 1);
  g_assert_true (g_file_set_contents (json_path, edited->str, -1, NULL));
  cli_run (&imported, "--database", other, "policies", "import", json_path, NULL);
  g_assert_cmpstr (imported.err, ==, "");
  g_assert_cmpint (imported.status, ==, 0);
  g_assert_nonnull (strstr (imported.out, "1 new policy"));
  cli_run (&listed, "--database", other, "policies", "list", NULL);
  g_assert_cmpint (listed.status, ==, 0);
  g_assert_nonnull (strstr (listed.out, "Standard (default): 30 days, no limit"));
  g_assert_nonnull (strstr (listed.out, "Trade: 14 days"));

  /* a bad file: every problem with its place, exit 2, nothing written */
  cli_run (&before, "--database", other, "policies", "export", "-", NULL);
  g_assert_true (g_file_set_contents (bad_path,
                                      "{\"format\": \"receivables-policies\", \"version\": 1,\n"
                                      " \"currency\": \"EUR\", \"policies\": [\n"
                                      "  {\"name\": \"Trade\", \"terms_days\": 7,"
                                      " \"alert_days_second\": 10}]}\n", -1, NULL));
  cli_run (&bad, "--database", other, "policies", "import", bad_path, NULL);
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_nonnull (strstr (bad.err, "bad.json:3:"));
  g_assert_nonnull (strstr (bad.err, "alert_days_second"));
  cli_run (&after, "--database", other, "policies", "export", "-", NULL);
  g_assert_cmpstr (before.out, ==, after.out);

  /* a customer file names policies; an unknown one is an error */
  g_assert_true (g_file_set_contents (csv_path, "id,name,policy\nK1,Kunde,Trade\n", -1, NULL));
  cli_run (&customers, "--database", other, "import", "customers", csv_path, NULL);
  g_assert_cmpint (customers.status, ==, 0);
  cli_run (&shown, "--database", other, "export", "customers", "-", NULL);
  g_assert_nonnull (strstr (shown.out, "K1,Kunde,,,,Trade,"));
  g_assert_true (g_file_set_contents (csv_path, "id,name,policy\nK2,Other,Nope\n", -1, NULL));
  cli_run (&unknown, "--database", other, "import", "customers", csv_path, NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "customers.csv:2: field “policy”"));
  g_assert_nonnull (strstr (unknown.err, "“Nope”"));
}

/* chart: each kind to each format, as of a date, with its size; bad kinds, names, sizes and
 * months exit 2 and write nothing */
static void
test_chart (Fixture       *fixture,
            gconstpointer  data)
{
  const char *kinds[] = { "aging", "customers", "trend" };
  const char *formats[] = { "png", "svg", "pdf" };
  g_autofree char *bad_name = g_build_filename (fixture->dir, "chart.gif", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "none", "chart.png", NULL);
  g_auto (Result) pdf_text = { 0 };

  cli_import_sample (fixture);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
      {
        g_autofree char *name = g_strdup_printf ("%s.%s", kinds[k], formats[f]);
        g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
        g_autofree char *contents = NULL;
        g_auto (Result) r = { 0 };
        gsize length;

        cli_run (&r, "--database", fixture->db, "chart", kinds[k], "--as-of", "2026-03-31",
             "--width", "640", "--height", "400", "--output", path, NULL);
        g_assert_cmpstr (r.err, ==, "");
        g_assert_cmpint (r.status, ==, 0);
        g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
        if (f == 0)
          {
            /* PNG: the signature, then IHDR with the width and height asked for */
            g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
            g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (void *) (contents + 16)), ==, 640);
            g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (void *) (contents + 20)), ==, 400);
          }
        else if (f == 1)
          g_assert_nonnull (strstr (contents, "<svg"));
        else
          g_assert_true (g_str_has_prefix (contents, "%PDF-"));
      }

  if (rcv_test_have_program ("pdftotext"))
    {
      g_autofree char *pdf = g_build_filename (fixture->dir, "aging.pdf", NULL);
      g_autoptr(GError) error = NULL;
      const char *argv[] = { "pdftotext", pdf, "-", NULL };

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   &pdf_text.out, NULL, &pdf_text.status, &error));
      g_assert_no_error (error);
      g_assert_nonnull (strstr (pdf_text.out, "Outstanding by Age"));
      g_assert_nonnull (strstr (pdf_text.out, "Over 90 days"));
    }

  {
    const char *cases[][3] = {
      { "pie", "--output", "x.png" },
      { "aging", "--months", "0" },
      { "trend", "--months", "61" },
      { "aging", "--width", "20" },
      { "aging", "--as-of", "2026-02-30" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *out = g_build_filename (fixture->dir, "case.png", NULL);
        g_auto (Result) r = { 0 };

        cli_run (&r, "--database", fixture->db, "chart", cases[i][0], cases[i][1], cases[i][2],
             "--output", out, NULL);
        g_assert_cmpint (r.status, ==, 2);
        g_assert_cmpstr (r.err, !=, "");
        g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
      }
  }
  {
    g_auto (Result) r = { 0 };
    g_auto (Result) no_output = { 0 };
    g_auto (Result) no_folder = { 0 };

    cli_run (&r, "--database", fixture->db, "chart", "aging", "--output", bad_name, NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, ".png, .svg or .pdf"));
    g_assert_false (g_file_test (bad_name, G_FILE_TEST_EXISTS));
    cli_run (&no_output, "--database", fixture->db, "chart", "aging", NULL);
    g_assert_cmpint (no_output.status, ==, 2);
    g_assert_nonnull (strstr (no_output.err, "--output"));
    cli_run (&no_folder, "--database", fixture->db, "chart", "aging", "--output", missing, NULL);
    g_assert_cmpint (no_folder.status, ==, 1);
    g_assert_nonnull (strstr (no_folder.err, "chart.png"));
  }
}

/* dunning lists the letters due; letters writes them into one PDF and, with --record, logs
 * them so that the next run asks for nothing more until a level is reached anew. */
static void
test_dunning_and_letters (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (fixture->dir, "letters.pdf", NULL);
  g_autofree char *one = g_build_filename (fixture->dir, "one.pdf", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "none", "letters.pdf", NULL);
  g_auto (Result) text = { 0 };
  g_auto (Result) csv = { 0 };
  g_auto (Result) json = { 0 };
  g_auto (Result) letters = { 0 };
  g_auto (Result) customer = { 0 };
  g_auto (Result) after = { 0 };
  g_auto (Result) nothing = { 0 };
  g_auto (Result) failed = { 0 };
  g_autofree char *pdf_text = NULL;
  g_autofree char *one_text = NULL;

  cli_import_sample (fixture);
  cli_run (&text, "--database", fixture->db, "dunning", "--as-of", "2026-03-31", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "Alpha GmbH"));
  /* never written to: a first reminder, whatever the invoices' age */
  g_assert_nonnull (strstr (text.out, "1. Payment reminder"));
  g_assert_nonnull (strstr (text.out, "1,214.00 €"));

  cli_run (&csv, "--database", fixture->db, "dunning", "--as-of", "2026-03-31", "--format", "csv",
       NULL);
  g_assert_cmpint (csv.status, ==, 0);
  g_assert_cmpstr (csv.out, ==,
                   "customer_id,customer,level,title,invoices,oldest_due,days_late,open,"
                   "interest,fees,credit,total,deadline\n"
                   "C1,Alpha GmbH,1,Payment reminder,2,2026-01-19,71,814.00,0.00,0.00,0.00,"
                   "814.00,2026-04-10\n"
                   "C2,\"Beta, Inc.\",1,Payment reminder,1,2025-12-15,106,400.00,0.00,0.00,"
                   "0.00,400.00,2026-04-10\n");
  cli_run (&json, "--database", fixture->db, "dunning", "--as-of", "2026-03-31", "--format", "json",
       NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_nonnull (strstr (json.out, "\"total\": 814.00"));

  /* one customer's letter, not recorded */
  cli_run (&customer, "--database", fixture->db, "letters", "--as-of", "2026-03-31", "--customer",
       "C2", "--output", one, NULL);
  g_assert_cmpint (customer.status, ==, 0);
  g_assert_true (g_str_has_prefix (customer.out, "Wrote 1 letter to "));
  g_assert_true (g_str_has_suffix (customer.out, "one.pdf (1 page)\n"));

  /* --level sends one customer's letter at another level; it needs --customer and a level
   * of the customer's policy */
  {
    g_auto (Result) raised = { 0 };
    g_auto (Result) no_customer = { 0 };
    g_auto (Result) no_level = { 0 };

    cli_run (&raised, "--database", fixture->db, "letters", "--as-of", "2026-03-31", "--customer",
         "C2", "--level", "3", "--output", one, NULL);
    g_assert_cmpint (raised.status, ==, 0);
    if (rcv_test_have_program ("pdftotext"))
      {
        const char *argv_raised[] = { "pdftotext", one, "-", NULL };
        g_autofree char *raised_text = rcv_test_run (argv_raised);

        g_assert_nonnull (strstr (raised_text, "Final notice"));
        /* no earlier letter is in the log: the final notice claims none */
        g_assert_null (strstr (raised_text, "We wrote to you"));
        g_assert_null (strstr (raised_text, "reminded you"));
      }
    cli_run (&no_customer, "--database", fixture->db, "letters", "--as-of", "2026-03-31",
         "--level", "2", "--output", one, NULL);
    g_assert_cmpint (no_customer.status, ==, 2);
    g_assert_nonnull (strstr (no_customer.err, "--customer"));
    cli_run (&no_level, "--database", fixture->db, "letters", "--as-of", "2026-03-31", "--customer",
         "C2", "--level", "4", "--output", one, NULL);
    g_assert_cmpint (no_level.status, ==, 2);
    g_assert_nonnull (strstr (no_level.err, "levels 1 to 3"));
  }

  cli_run (&failed, "--database", fixture->db, "letters", "--as-of", "2026-03-31", "--output",
       missing, NULL);
  g_assert_cmpint (failed.status, ==, 1);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  cli_run (&letters, "--database", fixture->db, "letters", "--as-of", "2026-03-31", "--paper", "a4",
       "--output", pdf, "--record", NULL);
  g_assert_cmpstr (letters.err, ==, "");
  g_assert_cmpint (letters.status, ==, 0);
  g_assert_nonnull (strstr (letters.out, "letters.pdf (2 pages)"));
  g_assert_true (g_str_has_prefix (letters.out, "Wrote 2 letters to "));
  g_assert_nonnull (strstr (letters.out, "Recorded 2 letters as sent"));
  if (rcv_test_have_program ("pdftotext"))
    {
      const char *argv[] = { "pdftotext", pdf, "-", NULL };
      const char *argv_one[] = { "pdftotext", one, "-", NULL };

      pdf_text = rcv_test_run (argv);
      g_assert_nonnull (strstr (pdf_text, "Alpha GmbH"));
      g_assert_nonnull (strstr (pdf_text, "Beta, Inc."));
      g_assert_nonnull (strstr (pdf_text, "2026-0003"));
      g_assert_nonnull (strstr (pdf_text, "814.00 €"));
      one_text = rcv_test_run (argv_one);
      g_assert_nonnull (strstr (one_text, "Beta, Inc."));
      g_assert_null (strstr (one_text, "Alpha GmbH"));
    }

  /* recorded: the same run asks for nothing more */
  cli_run (&after, "--database", fixture->db, "dunning", "--as-of", "2026-04-05", "--format", "csv",
       NULL);
  g_assert_cmpstr (after.out, ==,
                   "customer_id,customer,level,title,invoices,oldest_due,days_late,open,"
                   "interest,fees,credit,total,deadline\n");
  cli_run (&nothing, "--database", fixture->db, "letters", "--as-of", "2026-04-05", "--output", one,
       NULL);
  g_assert_cmpint (nothing.status, ==, 0);
  g_assert_nonnull (strstr (nothing.err, "No reminder letter is due as of 2026-04-05"));

  {
    const char *cases[][4] = {
      { "dunning", "--format", "xml", NULL },
      { "dunning", "--as-of", "2026-02-30", NULL },
      { "letters", "--as-of", "2026-03-31", NULL },
      { "letters", "--output", "x.txt", NULL },
      { "letters", "--paper", "a5", "--output" },
      { "letters", "--customer", "C99", "--output" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_auto (Result) r = { 0 };

        cli_run (&r, "--database", fixture->db, cases[i][0], cases[i][1], cases[i][2],
             cases[i][3], cases[i][3] != NULL ? pdf : NULL, NULL);
        g_assert_cmpint (r.status, ==, 2);
        g_assert_cmpstr (r.err, !=, "");
      }
  }
}

/* statements: one PDF of every customer with a balance as of the date (three: Gamma has none,
 * Café Lumière is owed 70.01), or one customer's;
 * its closing balance is the aging report's; an unknown customer, a period backwards or no
 * --output exit 2. */
static void
test_statements (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (fixture->dir, "statements.pdf", NULL);
  g_autofree char *one = g_build_filename (fixture->dir, "one.pdf", NULL);
  g_auto (Result) all = { 0 };
  g_auto (Result) single = { 0 };
  g_auto (Result) aging = { 0 };
  g_auto (Result) unknown = { 0 };
  g_auto (Result) backwards = { 0 };
  g_auto (Result) no_output = { 0 };
  g_autofree char *text = NULL;
  const char *argv[] = { "pdftotext", one, "-", NULL };

  cli_import_sample (fixture);
  cli_run (&all, "--database", fixture->db, "statements", "--as-of", "2026-03-31", "--output",
           pdf, NULL);
  g_assert_cmpint (all.status, ==, 0);
  g_assert_nonnull (strstr (all.out, "Wrote 3 statements"));
  g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));

  cli_run (&single, "--database", fixture->db, "statements", "--as-of", "2026-03-31",
           "--from", "2026-01-01", "--customer", "C1", "--output", one, NULL);
  g_assert_cmpint (single.status, ==, 0);
  g_assert_nonnull (strstr (single.out, "Wrote 1 statement"));
  cli_run (&aging, "--database", fixture->db, "aging", "--as-of", "2026-03-31", "--format", "csv",
           NULL);
  g_assert_nonnull (strstr (aging.out, "\nC1,Alpha GmbH,"));
  text = rcv_test_run (argv);
  g_assert_nonnull (strstr (text, "Statement of Account"));
  g_assert_nonnull (strstr (text, "1 January 2026"));
  /* Alpha's balance in the aging report, 814.00, closes its statement */
  g_assert_nonnull (strstr (aging.out, ",814.00\n"));
  g_assert_nonnull (strstr (text, "814.00 €"));

  cli_run (&unknown, "--database", fixture->db, "statements", "--customer", "NOPE", "--output",
           one, NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  cli_run (&backwards, "--database", fixture->db, "statements", "--as-of", "2026-03-31",
           "--from", "2026-04-01", "--output", one, NULL);
  g_assert_cmpint (backwards.status, ==, 2);
  cli_run (&no_output, "--database", fixture->db, "statements", NULL);
  g_assert_cmpint (no_output.status, ==, 2);
}

/* invoices: the documents of the invoices numbered, in one PDF, each with its RF reference to
 * quote; an unknown number writes nothing and exits 2, as do no numbers and no --output. */
static void
test_invoices (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (fixture->dir, "invoices.pdf", NULL);
  g_autofree char *none = g_build_filename (fixture->dir, "none.pdf", NULL);
  g_auto (Result) two = { 0 };
  g_auto (Result) unknown = { 0 };
  g_auto (Result) no_numbers = { 0 };
  g_auto (Result) no_output = { 0 };
  g_autofree char *text = NULL;
  const char *argv[] = { "pdftotext", pdf, "-", NULL };

  cli_import_sample (fixture);
  cli_run (&two, "--database", fixture->db, "invoices", "2026-0001", "2026-0002", "--output",
           pdf, NULL);
  g_assert_cmpint (two.status, ==, 0);
  g_assert_nonnull (strstr (two.out, "Wrote 2 documents"));
  text = rcv_test_run (argv);
  g_assert_nonnull (strstr (text, "Invoice 2026-0001"));
  g_assert_nonnull (strstr (text, "Consulting"));
  g_assert_nonnull (strstr (text, "RF31 2026 0001"));
  g_assert_nonnull (strstr (text, "Invoice 2026-0002"));
  g_assert_nonnull (strstr (text, "Tax 7% on 200.00"));

  cli_run (&unknown, "--database", fixture->db, "invoices", "2026-0001", "NOPE", "--output",
           none, NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "NOPE"));
  g_assert_false (g_file_test (none, G_FILE_TEST_EXISTS));
  cli_run (&no_numbers, "--database", fixture->db, "invoices", "--output", none, NULL);
  g_assert_cmpint (no_numbers.status, ==, 2);
  cli_run (&no_output, "--database", fixture->db, "invoices", "2026-0001", NULL);
  g_assert_cmpint (no_output.status, ==, 2);
}

/* mail: the account set up (plain text refused but to the loopback, the password never in the
 * file); letters and statements sent by e-mail to a real server on the loopback (STARTTLS and
 * a login), each accepted letter recorded, the customers without an address named; a refused
 * login exits 1 and records nothing. */
static void
test_mail (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *cert = g_test_build_filename (G_TEST_DIST, "data", "mail", "server.pem", NULL);
  g_autofree char *key = g_test_build_filename (G_TEST_DIST, "data", "mail", "server.key", NULL);
  g_autofree char *ca = g_test_build_filename (G_TEST_DIST, "data", "mail", "ca.pem", NULL);
  g_autofree char *server_address = NULL;
  g_autofree char *first = NULL;
  g_auto (Result) plain = { 0 };
  g_auto (Result) setup = { 0 };
  g_auto (Result) letters = { 0 };
  g_auto (Result) statements = { 0 };
  g_auto (Result) refused = { 0 };
  g_auto (Result) tried = { 0 };
  RcvTestSmtp server = { 0 };

  if (!rcv_test_smtp_start (&server, "--starttls", cert, key, "--auth", "buchhaltung:geheim",
                            NULL))
    return;
  g_setenv ("RECEIVABLES_SMTP_CA_FILE", ca, TRUE);
  g_setenv ("RECEIVABLES_SMTP_PASSWORD", "geheim", TRUE);
  cli_import_sample (fixture);
  cli_run (&plain, "--database", fixture->db, "mail", "setup", "--from", "ar@seller.example",
           "--server", "smtp.example.com", "--security", "none", NULL);
  g_assert_cmpint (plain.status, ==, 2);
  g_assert_nonnull (strstr (plain.err, "never in plain text"));

  server_address = g_strdup_printf ("127.0.0.1:%u", server.port);
  cli_run (&setup, "--database", fixture->db, "mail", "setup", "--from", "ar@seller.example",
           "--server", server_address, "--security", "starttls", "--user", "buchhaltung", NULL);
  g_assert_cmpint (setup.status, ==, 0);
  g_assert_nonnull (strstr (setup.out, "(starttls)"));
  g_assert_cmpint (rcv_test_sql_int (fixture->db, "SELECT count (*) FROM settings"
                                                  " WHERE value LIKE '%geheim%'"), ==, 0);

  cli_run (&letters, "--database", fixture->db, "letters", "--as-of", "2026-03-31", "--email",
           "--record", NULL);
  g_assert_cmpint (letters.status, ==, 0);
  g_assert_nonnull (strstr (letters.out, "C1\tbilling@alpha.example\tsent, recorded"));
  g_assert_nonnull (strstr (letters.err, "C2 (Beta, Inc.) has no e-mail address"));
  g_assert_cmpint (rcv_test_sql_int (fixture->db, "SELECT count (*) FROM letters"), ==, 1);
  g_assert_cmpuint (rcv_test_smtp_count (&server), ==, 1);
  first = rcv_test_smtp_received (&server, 0);
  g_assert_nonnull (strstr (first, "To: Alpha GmbH <billing@alpha.example>"));
  g_assert_nonnull (strstr (first, "Content-Type: application/pdf"));

  cli_run (&statements, "--database", fixture->db, "statements", "--as-of", "2026-03-31",
           "--email", NULL);
  g_assert_cmpint (statements.status, ==, 0);
  g_assert_nonnull (strstr (statements.err, "Sent 1, failed 0, without an address 2"));
  g_assert_cmpuint (rcv_test_smtp_count (&server), ==, 2);

  /* a refused login: exit 1, nothing more sent or recorded */
  g_setenv ("RECEIVABLES_SMTP_PASSWORD", "falsch", TRUE);
  cli_run (&refused, "--database", fixture->db, "letters", "--as-of", "2026-06-30", "--email",
           "--record", "--customer", "C1", NULL);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_nonnull (strstr (refused.err, "refused the user and password"));
  cli_run (&tried, "--database", fixture->db, "mail", "test", "x@seller.example", NULL);
  g_assert_cmpint (tried.status, ==, 1);
  g_assert_nonnull (strstr (tried.err, "refused the user and password"));
  g_assert_cmpint (rcv_test_sql_int (fixture->db, "SELECT count (*) FROM letters"), ==, 1);
  g_unsetenv ("RECEIVABLES_SMTP_PASSWORD");
  g_unsetenv ("RECEIVABLES_SMTP_CA_FILE");
  rcv_test_smtp_stop (&server);
}

/* bank import: one row per entry in the CSV's fixed header; nothing written without --apply;
 * with it the certain matches are recorded, and the same statement again adds nothing; a file
 * that is no statement exits 2. The customers CSV gives the IBANs customers pay from. */
static void
test_bank_import (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *customers = g_build_filename (fixture->dir, "customers.csv", NULL);
  g_autofree char *invoices = g_build_filename (fixture->dir, "invoices.csv", NULL);
  g_autofree char *statement = g_test_build_filename (G_TEST_DIST, "data", "bank",
                                                      "statement.mt940", NULL);
  g_autofree char *bad = g_build_filename (fixture->dir, "bad.sta", NULL);
  g_auto (Result) setup = { 0 };
  g_auto (Result) dry = { 0 };
  g_auto (Result) applied = { 0 };
  g_auto (Result) again = { 0 };
  g_auto (Result) refused = { 0 };
  g_auto (Result) bad_iban = { 0 };
  g_auto (Result) json = { 0 };

  rcv_test_write_file (customers,
                       "id,name,iban\n"
                       "K1,Müller & Söhne GmbH,DE89 3704 0044 0532 0130 00\n"
                       "K2,Brightside Media Ltd,\n"
                       "K3,Atelier Dubois SARL,\n");
  rcv_test_write_file (invoices,
                       "number,customer_id,issue_date,due_date,amount\n"
                       "2026-0001,K1,2026-01-10,2026-02-09,119.00\n"
                       "2026-0002,K1,2026-01-20,2026-02-19,238.00\n"
                       "2026-0003,K2,2026-01-05,2026-02-04,500.00\n"
                       "2026-0004,K2,2026-01-15,2026-02-14,500.00\n"
                       "2026-0005,K3,2026-01-25,2026-02-24,1190.00\n");
  cli_run (&setup, "--database", fixture->db, "import", "customers", customers, NULL);
  g_assert_cmpint (setup.status, ==, 0);
  cli_result_clear (&setup);
  cli_run (&setup, "--database", fixture->db, "import", "invoices", invoices, NULL);
  g_assert_cmpint (setup.status, ==, 0);

  cli_run (&dry, "--database", fixture->db, "bank", "import", statement, "--format", "csv", NULL);
  g_assert_cmpint (dry.status, ==, 0);
  g_assert_true (g_str_has_prefix (dry.out, "entry,date,amount,customer_id,invoices,allocated,"
                                            "unapplied,decision,reason\n"));
  g_assert_nonnull (strstr (dry.out, "\nB001,2026-03-02,119.00,K1,2026-0001,119.00,0.00,auto,"));
  g_assert_nonnull (strstr (dry.out, "\nB002,2026-03-02,738.00,K2,2026-0003 2026-0004,738.00,"
                                     "0.00,auto,"));
  /* what the receipt before left open of that customer's invoices is proposed */
  g_assert_nonnull (strstr (dry.out, "\nB004,2026-03-02,500.00,K2,2026-0004,0.00,0.00,suggest,"));
  g_assert_nonnull (strstr (dry.out, "\nB006,2026-03-02,42.00,,,0.00,0.00,none,"));
  g_assert_nonnull (strstr (dry.out, "\nB007,2026-03-02,-15.00,,,0.00,0.00,skip,"));
  g_assert_cmpint (rcv_test_sql_int (fixture->db, "SELECT count (*) FROM payments"), ==, 0);
  g_assert_cmpint (rcv_test_sql_int (fixture->db, "SELECT count (*) FROM bank_entries"), ==, 0);

  cli_run (&applied, "--database", fixture->db, "bank", "import", statement, "--apply", NULL);
  g_assert_cmpint (applied.status, ==, 0);
  g_assert_nonnull (strstr (applied.err, "Recorded 4 payments"));
  g_assert_cmpint (rcv_test_sql_int (fixture->db, "SELECT count (*) FROM payments"), ==, 4);
  cli_run (&again, "--database", fixture->db, "bank", "import", statement, "--apply", "--format",
           "csv", NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.err, "Recorded 0 payments"));
  g_assert_nonnull (strstr (again.out, ",duplicate,"));
  g_assert_cmpint (rcv_test_sql_int (fixture->db, "SELECT count (*) FROM payments"), ==, 4);

  cli_run (&json, "--database", fixture->db, "bank", "import", statement, "--format", "json",
           NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_nonnull (strstr (json.out, "\"format\": \"MT940\""));

  rcv_test_write_file (bad, ":20:X\n:25:1/2\n:60F:C260301EUR100,00\n:61:260302CXNTRF\n");
  cli_run (&refused, "--database", fixture->db, "bank", "import", bad, NULL);
  g_assert_cmpint (refused.status, ==, 2);
  g_assert_nonnull (strstr (refused.err, "line 4"));

  /* an IBAN whose check digits do not hold is refused with its line */
  rcv_test_write_file (customers, "id,name,iban\nK9,Neun,DE88 3704 0044 0532 0130 00\n");
  cli_run (&bad_iban, "--database", fixture->db, "import", "customers", customers, NULL);
  g_assert_cmpint (bad_iban.status, ==, 2);
  g_assert_nonnull (strstr (bad_iban.err, "iban"));
}

/* bank columns: an export of unknown columns is refused by import (exit 2, saying how to name
 * them); `bank columns FILE` shows its header and the row below; FIELD=HEADER names them,
 * kept for the account, and import then reads it; a field that does not exist, or no date,
 * exits 2 and keeps nothing. */
static void
test_bank_columns (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *export = g_test_build_filename (G_TEST_DIST, "data", "bank",
                                                   "unknown-columns.csv", NULL);
  g_auto (Result) before = { 0 };
  g_auto (Result) shown = { 0 };
  g_auto (Result) wrong = { 0 };
  g_auto (Result) no_date = { 0 };
  g_auto (Result) named = { 0 };
  g_auto (Result) after = { 0 };

  cli_run (&before, "--database", fixture->db, "bank", "import", export, NULL);
  g_assert_cmpint (before.status, ==, 2);
  g_assert_nonnull (strstr (before.err, "bank columns"));

  cli_run (&shown, "--database", fixture->db, "bank", "columns", export, NULL);
  g_assert_cmpint (shown.status, ==, 0);
  g_assert_nonnull (strstr (shown.out, "Account: DE02120300000000202051"));
  g_assert_nonnull (strstr (shown.out, "Header: line 4"));

  cli_run (&wrong, "--database", fixture->db, "bank", "columns", export, "when=Buchung", NULL);
  g_assert_cmpint (wrong.status, ==, 2);
  g_assert_nonnull (strstr (wrong.err, "date, value_date, amount"));
  cli_run (&no_date, "--database", fixture->db, "bank", "columns", export, "amount=Summe", NULL);
  g_assert_cmpint (no_date.status, ==, 2);
  g_assert_cmpint (rcv_test_sql_int (fixture->db, "SELECT count (*) FROM bank_csv_columns"), ==,
                   0);

  cli_run (&named, "--database", fixture->db, "bank", "columns", export, "date=Buchung",
           "amount=Summe", "text=Text", "name=Gegenkonto Name", "iban=Gegenkonto",
           "reference=Ref", NULL);
  g_assert_cmpint (named.status, ==, 0);
  g_assert_nonnull (strstr (named.out, "amount      Summe"));
  g_assert_nonnull (strstr (named.out, "119,00"));
  g_assert_cmpint (rcv_test_sql_int (fixture->db, "SELECT count (*) FROM bank_csv_columns"), ==,
                   6);

  cli_run (&after, "--database", fixture->db, "bank", "import", export, "--format", "csv", NULL);
  g_assert_cmpint (after.status, ==, 0);
  g_assert_nonnull (strstr (after.out, "\nB005,2026-03-02,1190.00,"));
  g_assert_nonnull (strstr (after.out, "\nB007,2026-03-02,-15.00,,,0.00,0.00,skip,"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  CLI_TEST_ADD ("/cli/usage", test_usage);
  CLI_TEST_ADD ("/cli/import-and-aging-csv", test_import_and_aging_csv);
  CLI_TEST_ADD ("/cli/aging-json-and-text", test_aging_json_and_text);
  CLI_TEST_ADD ("/cli/bad-import", test_bad_import);
  CLI_TEST_ADD ("/cli/bad-database", test_bad_database);
  CLI_TEST_ADD ("/cli/bad-arguments", test_bad_arguments);
  CLI_TEST_ADD ("/cli/export-round-trip", test_export_round_trip);
  CLI_TEST_ADD ("/cli/demo", test_demo);
  CLI_TEST_ADD ("/cli/database-from-environment", test_database_from_environment);
  CLI_TEST_ADD ("/cli/german", test_german);
  CLI_TEST_ADD ("/cli/policies", test_policies);
  CLI_TEST_ADD ("/cli/chart", test_chart);
  CLI_TEST_ADD ("/cli/dunning-and-letters", test_dunning_and_letters);
  CLI_TEST_ADD ("/cli/statements", test_statements);
  CLI_TEST_ADD ("/cli/invoices", test_invoices);
  CLI_TEST_ADD ("/cli/mail", test_mail);
  CLI_TEST_ADD ("/cli/bank-import", test_bank_import);
  CLI_TEST_ADD ("/cli/bank-columns", test_bank_columns);
  cli_add_file_tests ();

  return g_test_run ();
}
