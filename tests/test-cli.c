/* test-cli.c - receivables-cli end to end: commands, formats, exit codes, files
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

#include "rcv-test-utils.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

typedef struct
{
  int status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_free (r->out);
  g_free (r->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static const char *
cli_path (void)
{
  const char *path = g_getenv ("RCV_CLI");

  g_assert_nonnull (path);
  return path;
}

static char *
data_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

/* Starts receivables-cli with `argv` in the C locale, its standard input a pipe when asked;
 * `setup` runs in the child before the program. */
static GSubprocess *
spawn_argv (GPtrArray            *argv,
            gboolean              with_input,
            GSpawnChildSetupFunc  setup)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_ptr_array_insert (argv, 0, (gpointer) cli_path ());
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        (with_input ? G_SUBPROCESS_FLAGS_STDIN_PIPE : 0));
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "RECEIVABLES_DB");
  if (setup != NULL)
    g_subprocess_launcher_set_child_setup (launcher, setup, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

/* Waits for a process of spawn_argv (), after writing `input` to it, and takes what it
 * printed. */
static void
finish (GSubprocess *process,
        GBytes      *input,
        Result      *result)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;

  g_subprocess_communicate (process, input, NULL, &out, &err, &error);
  g_assert_no_error (error);
  /* an empty GBytes may have no data at all */
  result->out = g_strndup (g_bytes_get_size (out) > 0 ? g_bytes_get_data (out, NULL) : "",
                           g_bytes_get_size (out));
  result->err = g_strndup (g_bytes_get_size (err) > 0 ? g_bytes_get_data (err, NULL) : "",
                           g_bytes_get_size (err));
  result->status = g_subprocess_get_exit_status (process);
}

/* Runs receivables-cli with `argv` in the C locale; `input`, when not NULL, is written to its
 * standard input through a pipe; `setup` runs in the child before the program. */
static void
run_argv (Result               *result,
          GBytes               *input,
          GSpawnChildSetupFunc  setup,
          GPtrArray            *argv)
{
  g_autoptr(GSubprocess) process = spawn_argv (argv, input != NULL, setup);

  finish (process, input, result);
}

static GPtrArray *
argv_from_list (const char *first,
                va_list     args)
{
  GPtrArray *argv = g_ptr_array_new ();

  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  return argv;
}

/* Runs receivables-cli with a NULL-terminated list of arguments in the C locale. */
static void
run (Result     *result,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  va_list args;

  va_start (args, first);
  argv = argv_from_list (first, args);
  va_end (args);
  run_argv (result, NULL, NULL, argv);
}

/* The same with `input` on its standard input, a pipe. */
static void
run_with_input (Result     *result,
                const char *input,
                const char *first,
                ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (input, strlen (input));
  va_list args;

  va_start (args, first);
  argv = argv_from_list (first, args);
  va_end (args);
  run_argv (result, bytes, NULL, argv);
}

/* Starts receivables-cli with a NULL-terminated list of arguments, for finish () to wait for:
 * for commands that run side by side. */
static GSubprocess *
spawn_cli (const char *first,
           ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  va_list args;

  va_start (args, first);
  argv = argv_from_list (first, args);
  va_end (args);
  return spawn_argv (argv, FALSE, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = rcv_test_tmpdir ();
  fixture->db = g_build_filename (fixture->dir, "company.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  rcv_test_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
}

static void
import_sample (Fixture *fixture)
{
  const char *kinds[] = { "customers", "invoices", "payments" };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *name = g_strconcat (kinds[i], ".csv", NULL);
      g_autofree char *path = data_file (name);
      g_auto (Result) r = { 0 };

      run (&r, "--database", fixture->db, "import", kinds[i], path, NULL);
      g_assert_cmpstr (r.err, ==, "");
      g_assert_cmpint (r.status, ==, 0);
      g_assert_true (g_str_has_prefix (r.out, "Imported "));
    }
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  g_auto (Result) help = { 0 };
  g_auto (Result) none = { 0 };
  g_auto (Result) unknown = { 0 };
  g_auto (Result) bad_option = { 0 };
  g_auto (Result) missing_arg = { 0 };

  run (&help, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "import"));
  g_assert_nonnull (strstr (help.out, "aging"));

  run (&none, NULL);
  g_assert_cmpint (none.status, ==, 2);
  run (&unknown, "--database", fixture->db, "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "unknown command “frobnicate”"));
  run (&bad_option, "--database", fixture->db, "aging", "--colour", NULL);
  g_assert_cmpint (bad_option.status, ==, 2);
  run (&missing_arg, "--database", fixture->db, "import", "customers", NULL);
  g_assert_cmpint (missing_arg.status, ==, 2);
}

static void
test_import_and_aging_csv (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *expected_path = data_file ("aging-2026-03-31.csv");
  g_autofree char *expected = NULL;
  g_auto (Result) r = { 0 };

  import_sample (fixture);
  g_assert_true (g_file_get_contents (expected_path, &expected, NULL, NULL));

  run (&r, "--database", fixture->db, "aging", "--as-of", "2026-03-31", "--format", "csv", NULL);
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

  import_sample (fixture);

  run (&json, "--database", fixture->db, "aging", "--as-of", "2026-03-31", "--format", "json",
       NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_nonnull (strstr (json.out, "\"as_of\": \"2026-03-31\""));
  g_assert_nonnull (strstr (json.out, "\"customer\": \"Beta, Inc.\""));
  g_assert_nonnull (strstr (json.out, "\"over_90\": 400.00"));
  g_assert_nonnull (strstr (json.out, "\"balance\": 1443.99"));

  run (&text, "--database", fixture->db, "aging", "--as-of", "2026-03-31", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "Aging as of 2026-03-31"));
  g_assert_nonnull (strstr (text.out, "Café Lumière"));
  g_assert_nonnull (strstr (text.out, "1,443.99 €"));

  run (&by_invoice, "--database", fixture->db, "aging", "--as-of", "2026-03-31", "--by",
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
  g_autofree char *bad = data_file ("bad-invoices.csv");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto (Result) r = { 0 };
  g_auto (Result) missing = { 0 };

  import_sample (fixture);
  before = rcv_test_fingerprint (fixture->db);

  run (&r, "--database", fixture->db, "import", "invoices", bad, NULL);
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

  run (&missing, "--database", fixture->db, "import", "invoices", "/nonexistent/x.csv", NULL);
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
  run (&r, "--database", text, "aging", NULL);
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

  run (&date, "--database", fixture->db, "aging", "--as-of", "2026-02-30", NULL);
  g_assert_cmpint (date.status, ==, 2);
  g_assert_nonnull (strstr (date.err, "--as-of: “2026-02-30” is not a date in the calendar"));
  run (&format, "--database", fixture->db, "aging", "--format", "xml", NULL);
  g_assert_cmpint (format.status, ==, 2);
  run (&kind, "--database", fixture->db, "import", "orders", "x.csv", NULL);
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

  import_sample (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *name = g_strconcat (kinds[i], ".csv", NULL);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_auto (Result) e = { 0 };
      g_auto (Result) im = { 0 };

      run (&e, "--database", fixture->db, "export", kinds[i], path, NULL);
      g_assert_cmpint (e.status, ==, 0);
      run (&im, "--database", copy, "import", kinds[i], path, NULL);
      g_assert_cmpstr (im.err, ==, "");
      g_assert_cmpint (im.status, ==, 0);
    }

  for (guint d = 0; d < 3; d++)
    {
      const char *dates[] = { "2026-02-15", "2026-03-31", "2026-06-30" };
      g_auto (Result) a = { 0 };
      g_auto (Result) b = { 0 };

      run (&a, "--database", fixture->db, "aging", "--as-of", dates[d], "--format", "csv", NULL);
      run (&b, "--database", copy, "aging", "--as-of", dates[d], "--format", "csv", NULL);
      g_assert_cmpstr (a.out, ==, b.out);
    }

  run (&original, "--database", fixture->db, "aging", "--as-of", "2026-03-31", "--format", "csv",
       NULL);
  run (&aging_file, "--database", fixture->db, "export", "aging", aging_path, "--as-of",
       "2026-03-31", NULL);
  g_assert_cmpint (aging_file.status, ==, 0);
  g_assert_true (g_file_get_contents (aging_path, &aging_contents, NULL, NULL));
  g_assert_cmpstr (aging_contents, ==, original.out);

  /* a folder that is a file: writing fails whoever runs the test, root included */
  {
    g_autofree char *blocked = g_build_filename (aging_path, "c.csv", NULL);
    run (&restored, "--database", copy, "export", "customers", blocked, NULL);
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

  run (&demo, "--database", fixture->db, "demo", "--as-of", "2026-06-30", NULL);
  g_assert_cmpint (demo.status, ==, 0);

  run (&aging, "--database", fixture->db, "aging", "--as-of", "2026-06-30", "--format", "csv",
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

  run (&again, "--database", fixture->db, "demo", NULL);
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

  run (&exported, "--database", fixture->db, "policies", "export", json_path, NULL);
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
  run (&imported, "--database", other, "policies", "import", json_path, NULL);
  g_assert_cmpstr (imported.err, ==, "");
  g_assert_cmpint (imported.status, ==, 0);
  g_assert_nonnull (strstr (imported.out, "1 new policy"));
  run (&listed, "--database", other, "policies", "list", NULL);
  g_assert_cmpint (listed.status, ==, 0);
  g_assert_nonnull (strstr (listed.out, "Standard (default): 30 days, no limit"));
  g_assert_nonnull (strstr (listed.out, "Trade: 14 days"));

  /* a bad file: every problem with its place, exit 2, nothing written */
  run (&before, "--database", other, "policies", "export", "-", NULL);
  g_assert_true (g_file_set_contents (bad_path,
                                      "{\"format\": \"receivables-policies\", \"version\": 1,\n"
                                      " \"currency\": \"EUR\", \"policies\": [\n"
                                      "  {\"name\": \"Trade\", \"terms_days\": 7,"
                                      " \"alert_days_second\": 10}]}\n", -1, NULL));
  run (&bad, "--database", other, "policies", "import", bad_path, NULL);
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_nonnull (strstr (bad.err, "bad.json:3:"));
  g_assert_nonnull (strstr (bad.err, "alert_days_second"));
  run (&after, "--database", other, "policies", "export", "-", NULL);
  g_assert_cmpstr (before.out, ==, after.out);

  /* a customer file names policies; an unknown one is an error */
  g_assert_true (g_file_set_contents (csv_path, "id,name,policy\nK1,Kunde,Trade\n", -1, NULL));
  run (&customers, "--database", other, "import", "customers", csv_path, NULL);
  g_assert_cmpint (customers.status, ==, 0);
  run (&shown, "--database", other, "export", "customers", "-", NULL);
  g_assert_nonnull (strstr (shown.out, "K1,Kunde,,,,Trade,"));
  g_assert_true (g_file_set_contents (csv_path, "id,name,policy\nK2,Other,Nope\n", -1, NULL));
  run (&unknown, "--database", other, "import", "customers", csv_path, NULL);
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

  import_sample (fixture);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
      {
        g_autofree char *name = g_strdup_printf ("%s.%s", kinds[k], formats[f]);
        g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
        g_autofree char *contents = NULL;
        g_auto (Result) r = { 0 };
        gsize length;

        run (&r, "--database", fixture->db, "chart", kinds[k], "--as-of", "2026-03-31",
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

        run (&r, "--database", fixture->db, "chart", cases[i][0], cases[i][1], cases[i][2],
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

    run (&r, "--database", fixture->db, "chart", "aging", "--output", bad_name, NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, ".png, .svg or .pdf"));
    g_assert_false (g_file_test (bad_name, G_FILE_TEST_EXISTS));
    run (&no_output, "--database", fixture->db, "chart", "aging", NULL);
    g_assert_cmpint (no_output.status, ==, 2);
    g_assert_nonnull (strstr (no_output.err, "--output"));
    run (&no_folder, "--database", fixture->db, "chart", "aging", "--output", missing, NULL);
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

  import_sample (fixture);
  run (&text, "--database", fixture->db, "dunning", "--as-of", "2026-03-31", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "Alpha GmbH"));
  /* never written to: a first reminder, whatever the invoices' age */
  g_assert_nonnull (strstr (text.out, "1. Payment reminder"));
  g_assert_nonnull (strstr (text.out, "1,214.00 €"));

  run (&csv, "--database", fixture->db, "dunning", "--as-of", "2026-03-31", "--format", "csv",
       NULL);
  g_assert_cmpint (csv.status, ==, 0);
  g_assert_cmpstr (csv.out, ==,
                   "customer_id,customer,level,title,invoices,oldest_due,days_late,open,"
                   "interest,fees,credit,total,deadline\n"
                   "C1,Alpha GmbH,1,Payment reminder,2,2026-01-19,71,814.00,0.00,0.00,0.00,"
                   "814.00,2026-04-10\n"
                   "C2,\"Beta, Inc.\",1,Payment reminder,1,2025-12-15,106,400.00,0.00,0.00,"
                   "0.00,400.00,2026-04-10\n");
  run (&json, "--database", fixture->db, "dunning", "--as-of", "2026-03-31", "--format", "json",
       NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_nonnull (strstr (json.out, "\"total\": 814.00"));

  /* one customer's letter, not recorded */
  run (&customer, "--database", fixture->db, "letters", "--as-of", "2026-03-31", "--customer",
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

    run (&raised, "--database", fixture->db, "letters", "--as-of", "2026-03-31", "--customer",
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
    run (&no_customer, "--database", fixture->db, "letters", "--as-of", "2026-03-31",
         "--level", "2", "--output", one, NULL);
    g_assert_cmpint (no_customer.status, ==, 2);
    g_assert_nonnull (strstr (no_customer.err, "--customer"));
    run (&no_level, "--database", fixture->db, "letters", "--as-of", "2026-03-31", "--customer",
         "C2", "--level", "4", "--output", one, NULL);
    g_assert_cmpint (no_level.status, ==, 2);
    g_assert_nonnull (strstr (no_level.err, "levels 1 to 3"));
  }

  run (&failed, "--database", fixture->db, "letters", "--as-of", "2026-03-31", "--output",
       missing, NULL);
  g_assert_cmpint (failed.status, ==, 1);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  run (&letters, "--database", fixture->db, "letters", "--as-of", "2026-03-31", "--paper", "a4",
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
  run (&after, "--database", fixture->db, "dunning", "--as-of", "2026-04-05", "--format", "csv",
       NULL);
  g_assert_cmpstr (after.out, ==,
                   "customer_id,customer,level,title,invoices,oldest_due,days_late,open,"
                   "interest,fees,credit,total,deadline\n");
  run (&nothing, "--database", fixture->db, "letters", "--as-of", "2026-04-05", "--output", one,
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

        run (&r, "--database", fixture->db, cases[i][0], cases[i][1], cases[i][2],
             cases[i][3], cases[i][3] != NULL ? pdf : NULL, NULL);
        g_assert_cmpint (r.status, ==, 2);
        g_assert_cmpstr (r.err, !=, "");
      }
  }
}

/* A bulk import killed halfway (as by a crash or a power cut) has written some of its pages
 * into the file itself and the originals of the others into its journal: the next opening
 * rolls it back, and the file is exactly as before, in WAL mode again. */
static void
test_import_killed (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *customers = g_build_filename (fixture->dir, "customers.csv", NULL);
  g_autofree char *invoices = g_build_filename (fixture->dir, "invoices.csv", NULL);
  g_autofree char *journal = g_strconcat (fixture->db, "-journal", NULL);
  g_autoptr(GString) csv = g_string_new ("number,customer_id,issue_date,amount\n");
  g_autoptr(GString) check = g_string_new (NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *mode = NULL;
  g_auto (Result) setup = { 0 };
  g_auto (Result) reopened = { 0 };
  g_auto (Result) again = { 0 };
  GStatBuf st;
  goffset size;

  rcv_test_write_file (customers, "id,name\nC1,Alpha\nC2,Beta\n");
  run (&setup, "--database", fixture->db, "import", "customers", customers, NULL);
  g_assert_cmpint (setup.status, ==, 0);
  for (guint i = 0; i < 300000; i++)
    g_string_append_printf (csv, "K%06u,C%u,2026-%02u-%02u,%u.%02u\n", i, 1 + i % 2,
                            1 + i % 12, 1 + i % 28, 10 + i % 900, i % 100);
  rcv_test_write_file (invoices, csv->str);
  before = rcv_test_fingerprint (fixture->db);
  g_assert_cmpint (g_stat (fixture->db, &st), ==, 0);
  size = st.st_size;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                              G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              cli_path (), "--database", fixture->db, "import", "invoices",
                              invoices, NULL);
  g_assert_no_error (error);
  /* killed once its pages go into the file itself, which only the journal can undo */
  while (!g_file_test (journal, G_FILE_TEST_EXISTS) || g_stat (fixture->db, &st) != 0 ||
         st.st_size < size + 1024 * 1024)
    {
      g_assert_nonnull (g_subprocess_get_identifier (process));
      g_usleep (1000);
    }
  g_subprocess_force_exit (process);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_true (g_subprocess_get_if_signaled (process));
  g_assert_true (g_file_test (journal, G_FILE_TEST_EXISTS));

  run (&reopened, "--database", fixture->db, "aging", NULL);
  g_assert_cmpint (reopened.status, ==, 0);
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  mode = rcv_test_journal_mode (fixture->db);
  g_assert_cmpstr (mode, ==, "wal");
  after = rcv_test_fingerprint (fixture->db);
  g_assert_cmpstr (before, ==, after);
  rcv_test_dump (check, fixture->db, "PRAGMA integrity_check");
  g_assert_cmpstr (check->str, ==, "ok|\n");

  /* and the same import, run again, is whole */
  run (&again, "--database", fixture->db, "import", "invoices", invoices, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_cmpint (rcv_test_sql_int (fixture->db, "SELECT count (*) FROM invoices"), ==, 300000);
}

static void
holder_exec (sqlite3    *holder,
             const char *sql)
{
  g_assert_cmpint (sqlite3_exec (holder, sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

/* Commands meet another program's write, as during a bulk import (the file out of WAL
 * mode): a reader reads while the writer prepares its pages, and never changes the file's
 * journal mode; while the writer writes into the file (longer than the 3 s that made
 * commands fail before), readers and writers wait, saying so, and then go on. */
static void
test_waits_for_writer (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *customers = g_build_filename (fixture->dir, "more.csv", NULL);
  g_autoptr(GSubprocess) reader = NULL;
  g_autoptr(GSubprocess) writer = NULL;
  g_autofree char *mode = NULL;
  g_auto (Result) r = { 0 };
  g_auto (Result) read = { 0 };
  g_auto (Result) written = { 0 };
  sqlite3 *holder = NULL;

  import_sample (fixture);
  g_assert_cmpint (sqlite3_open (fixture->db, &holder), ==, SQLITE_OK);
  holder_exec (holder, "PRAGMA journal_mode = DELETE");
  holder_exec (holder, "BEGIN IMMEDIATE; UPDATE settings SET value = value || ''");
  run (&r, "--database", fixture->db, "aging", "--as-of", "2026-03-31", "--format", "csv", NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "customer_id,"));
  holder_exec (holder, "ROLLBACK");
  mode = rcv_test_journal_mode (fixture->db);
  g_assert_cmpstr (mode, ==, "delete");

  rcv_test_write_file (customers, "id,name\nC900,Late Writer\n");
  holder_exec (holder, "BEGIN EXCLUSIVE; INSERT INTO settings (key, value) VALUES ('x', 'y')");
  reader = spawn_cli ("--database", fixture->db, "aging", "--format", "csv", NULL);
  writer = spawn_cli ("--database", fixture->db, "import", "customers", customers, NULL);
  g_usleep (4 * G_USEC_PER_SEC);
  holder_exec (holder, "COMMIT");
  sqlite3_close (holder);

  finish (reader, NULL, &read);
  g_assert_cmpint (read.status, ==, 0);
  g_assert_nonnull (strstr (read.err, "waiting for another program to finish writing"));
  g_assert_true (g_str_has_prefix (read.out, "customer_id,"));
  finish (writer, NULL, &written);
  g_assert_cmpint (written.status, ==, 0);
  g_assert_nonnull (strstr (written.err, "waiting for another program to finish writing"));
  g_assert_cmpint (rcv_test_sql_int (fixture->db,
                                     "SELECT count(*) FROM customers WHERE code = 'C900'"), ==, 1);
}

/* A damaged file (here where only integrity_check looks) is refused by every command, the
 * readers' figures and the writers' imports alike, and left as it was. */
static void
test_damaged_file (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *invoices = data_file ("invoices.csv");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto (Result) aging = { 0 };
  g_auto (Result) dunning = { 0 };
  g_auto (Result) import = { 0 };

  import_sample (fixture);
  g_usleep (20 * 1000);  /* file times change at the kernel's clock tick */
  rcv_test_damage_index (fixture->db);
  before = rcv_test_file_checksum (fixture->db);

  run (&aging, "--database", fixture->db, "aging", NULL);
  g_assert_cmpint (aging.status, ==, 1);
  g_assert_cmpstr (aging.out, ==, "");
  g_assert_nonnull (strstr (aging.err, "is damaged"));
  g_assert_nonnull (strstr (aging.err, "backup"));
  run (&dunning, "--database", fixture->db, "dunning", NULL);
  g_assert_cmpint (dunning.status, ==, 1);
  g_assert_nonnull (strstr (dunning.err, "is damaged"));
  run (&import, "--database", fixture->db, "import", "invoices", invoices, NULL);
  g_assert_cmpint (import.status, ==, 1);
  g_assert_nonnull (strstr (import.err, "is damaged"));

  after = rcv_test_file_checksum (fixture->db);
  g_assert_cmpstr (before, ==, after);
}
/* `import KIND -` reads standard input, here a pipe, and loses none of it to the look-ahead:
 * more than the 4 099 bytes a seek back used to drop, with a BOM and a “;” header. */
static void
test_import_stdin (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GString) customers = g_string_new ("\xEF\xBB\xBFid;name;email\n");
  g_autoptr(GString) invoices = g_string_new ("number,customer_id,issue_date,amount\n");
  g_auto (Result) c = { 0 };
  g_auto (Result) i = { 0 };

  for (guint n = 1; n <= 300; n++)
    {
      g_string_append_printf (customers, "C%u;Customer number %u;c%u@example.com\n", n, n, n);
      g_string_append_printf (invoices, "2026-%04u,C%u,2026-01-15,%u.50\n", n, n, n);
    }
  g_assert_cmpuint (customers->len, >, 8192);

  run_with_input (&c, customers->str, "--database", fixture->db, "import", "customers", "-",
                  NULL);
  g_assert_cmpstr (c.err, ==, "");
  g_assert_cmpint (c.status, ==, 0);
  g_assert_cmpstr (c.out, ==, "Imported 300 customers from -\n");
  run_with_input (&i, invoices->str, "--database", fixture->db, "import", "invoices", "-", NULL);
  g_assert_cmpstr (i.err, ==, "");
  g_assert_cmpint (i.status, ==, 0);
  g_assert_cmpint (rcv_test_sql_int (fixture->db, "SELECT count (*) FROM invoices"), ==, 300);
  g_assert_cmpint (rcv_test_sql_int (fixture->db, "SELECT sum (total) FROM invoices"), ==,
                   300 * 301 / 2 * 100 + 300 * 50);
  g_assert_cmpint (rcv_test_sql_int (fixture->db,
                                     "SELECT count (*) FROM customers WHERE code = 'C1'"), ==, 1);
}

/* Root writes whatever a file's mode says, so as root the child becomes “nobody” for the mode
 * to bind it; SQLite then opens the file read-only and fails at the first write. */
static void
become_nobody (gpointer data)
{
  if (geteuid () != 0)
    return;
  if (setgroups (0, NULL) != 0 || setgid (65534) != 0 || setuid (65534) != 0)
    _exit (99);
}

/* A company file that cannot be written is the file's fault, not the CSV's rows': exit 1 with
 * a message that names the company file, and no row blamed. */
static void
test_import_read_only (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *invoices = data_file ("invoices.csv");
  g_autofree char *before = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto (Result) r = { 0 };

  import_sample (fixture);
  before = rcv_test_fingerprint (fixture->db);
  /* as a file no program has open: the WAL is empty (all checkpointed), and root's -shm
   * would stand in the way of “nobody” opening the file at all */
  {
    g_autofree char *wal = g_strconcat (fixture->db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (fixture->db, "-shm", NULL);
    GStatBuf st;

    g_assert_true (g_stat (wal, &st) != 0 || st.st_size == 0);
    g_remove (wal);
    g_remove (shm);
  }
  g_assert_cmpint (g_chmod (fixture->db, 0444), ==, 0);
  /* the folder open to all, as a user's own folder is to its user */
  g_assert_cmpint (g_chmod (fixture->dir, 0777), ==, 0);

  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, fixture->db);
  g_ptr_array_add (argv, (gpointer) "import");
  g_ptr_array_add (argv, (gpointer) "customers");
  g_ptr_array_add (argv, (gpointer) "-");
  {
    g_autoptr(GBytes) input = g_bytes_new_static ("id,name\nC9,Nine\n", 16);
    run_argv (&r, input, become_nobody, argv);
  }
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "company.db” cannot be changed"));
  g_assert_null (strstr (r.err, "standard input:"));
  g_assert_cmpstr (r.out, ==, "");
  result_clear (&r);

  g_ptr_array_set_size (argv, 0);
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, fixture->db);
  g_ptr_array_add (argv, (gpointer) "import");
  g_ptr_array_add (argv, (gpointer) "invoices");
  g_ptr_array_add (argv, invoices);
  run_argv (&r, NULL, become_nobody, argv);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "company.db” cannot be changed"));
  g_assert_null (strstr (r.err, "invoices.csv:"));

  g_assert_cmpint (g_chmod (fixture->db, 0600), ==, 0);
  {
    g_autofree char *after = rcv_test_fingerprint (fixture->db);
    g_assert_cmpstr (before, ==, after);
  }
}

/* Exports, charts and policy files hold names and balances: 0600 whatever the umask, as
 * letters and the agency's files are, also over a file that was there 0644. */
static void
test_private_files (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *const outputs[][3] = {
    { "export", "customers", "customers.csv" },
    { "export", "invoices", "invoices.csv" },
    { "export", "payments", "payments.csv" },
    { "export", "aging", "aging.csv" },
    { "chart", "aging", "aging.png" },
    { "chart", "customers", "customers.svg" },
    { "chart", "trend", "trend.pdf" },
    { "policies", "export", "policies.json" },
  };
  mode_t old_umask = umask (022);

  import_sample (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, outputs[i][2], NULL);
      g_autofree char *partial = g_strconcat (path, ".partial", NULL);
      g_auto (Result) r = { 0 };
      GStatBuf st;

      /* there already, readable by all; and a partial file left by an earlier crash */
      rcv_test_write_file (path, "old\n");
      g_assert_cmpint (g_chmod (path, 0644), ==, 0);
      rcv_test_write_file (partial, "");
      g_assert_cmpint (g_chmod (partial, 0644), ==, 0);
      if (g_str_equal (outputs[i][0], "chart"))
        run (&r, "--database", fixture->db, "chart", outputs[i][1], "--as-of", "2026-03-31",
             "--output", path, NULL);
      else if (g_str_equal (outputs[i][0], "policies"))
        run (&r, "--database", fixture->db, "policies", "export", path, NULL);
      else
        run (&r, "--database", fixture->db, "export", outputs[i][1], path, NULL);
      g_assert_null (strstr (r.err, "receivables-cli:"));
      g_assert_cmpint (r.status, ==, 0);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_test_message ("%s: %o", outputs[i][2], (unsigned) (st.st_mode & 0777));
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      g_assert_cmpint (st.st_size, >, 4);
      g_remove (partial);
    }
  umask (old_umask);
}

/* Names, descriptions and references that a spreadsheet would run are exported after a quote,
 * amounts keep their sign, and the export imports back into another company as it was. */
static void
test_export_formulas (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *kinds[] = { "customers", "invoices", "payments" };
  const char *inputs[] = {
    "id,name,email,address\nC1,\"=HYPERLINK(\"\"http://evil\"\")\",a@example.com,@SUM(A1)\n"
    "C2,'=already quoted,,-minus\n",
    "number,customer_id,issue_date,amount,description\n2026-1,C1,2026-01-05,100.00,=1+2\n"
    "CN-1,C1,2026-01-06,-12.50,+refund\n",
    "date,customer_id,amount,reference,method\n2026-02-01,C1,10.00,-ref,=cmd|' /C calc'!A0\n",
  };
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.db", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *name = g_strconcat (kinds[i], ".csv", NULL);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autofree char *again = g_build_filename (fixture->dir, "again.csv", NULL);
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;
      g_auto (Result) im = { 0 };
      g_auto (Result) e = { 0 };
      g_auto (Result) im2 = { 0 };
      g_auto (Result) e2 = { 0 };

      run_with_input (&im, inputs[i], "--database", fixture->db, "import", kinds[i], "-", NULL);
      g_assert_cmpstr (im.err, ==, "");
      g_assert_cmpint (im.status, ==, 0);
      run (&e, "--database", fixture->db, "export", kinds[i], path, NULL);
      g_assert_cmpint (e.status, ==, 0);
      g_assert_true (g_file_get_contents (path, &first, NULL, NULL));
      g_test_message ("%s", first);

      run (&im2, "--database", copy, "import", kinds[i], path, NULL);
      g_assert_cmpstr (im2.err, ==, "");
      g_assert_cmpint (im2.status, ==, 0);
      run (&e2, "--database", copy, "export", kinds[i], again, NULL);
      g_assert_true (g_file_get_contents (again, &second, NULL, NULL));
      g_assert_cmpstr (first, ==, second);

      switch (i)
        {
        case 0:
          g_assert_nonnull (strstr (first, "\nC1,\"'=HYPERLINK(\"\"http://evil\"\")\","
                                           "a@example.com,,'@SUM(A1),"));
          /* a quote before a formula is the mark itself, as in a spreadsheet */
          g_assert_nonnull (strstr (first, "\nC2,'=already quoted,,,'-minus,"));
          break;
        case 1:
          g_assert_nonnull (strstr (first, ",100.00,'=1+2,"));
          g_assert_nonnull (strstr (first, ",-12.50,'+refund,"));
          break;
        default:
          g_assert_nonnull (strstr (first, ",10.00,2026-1,'-ref,'=cmd|' /C calc'!A0\n"));
          break;
        }
    }
  g_assert_cmpint (rcv_test_sql_int (copy, "SELECT count (*) FROM customers WHERE name ="
                                           " '=HYPERLINK(\"http://evil\")'"), ==, 1);
  g_assert_cmpint (rcv_test_sql_int (copy, "SELECT count (*) FROM customers WHERE name ="
                                           " '=already quoted'"), ==, 1);
  g_assert_cmpint (rcv_test_sql_int (copy, "SELECT total FROM invoices WHERE number = 'CN-1'"),
                   ==, -1250);
}

/* Two `letters --record` at once on one file (a timer and a bookkeeper), dated a day apart:
 * each (invoice, level) is recorded once. Enough customers that both have computed their
 * letters while the other is still writing its PDF, so that without the check inside the
 * write transaction both would record every letter. */
static void
test_letters_record_concurrent (Fixture       *fixture,
                                gconstpointer  data)
{
  const guint n_customers = 150;
  g_autofree char *customers = g_build_filename (fixture->dir, "customers.csv", NULL);
  g_autofree char *invoices = g_build_filename (fixture->dir, "invoices.csv", NULL);
  g_autoptr(GString) customers_csv = g_string_new ("id,name\n");
  g_autoptr(GString) invoices_csv = g_string_new ("number,customer_id,issue_date,due_date,amount\n");
  const char *dates[2] = { "2026-06-30", "2026-07-01" };
  GSubprocess *processes[2];
  char *out[2], *err[2];
  g_autoptr(GError) error = NULL;
  guint n_recorded = 0, n_skipped = 0;

  for (guint i = 1; i <= n_customers; i++)
    {
      g_string_append_printf (customers_csv, "C%u,Customer %u\n", i, i);
      g_string_append_printf (invoices_csv, "2026-%04u,C%u,2026-05-01,2026-05-31,100.00\n", i, i);
    }
  rcv_test_write_file (customers, customers_csv->str);
  rcv_test_write_file (invoices, invoices_csv->str);
  for (guint i = 0; i < 2; i++)
    {
      g_auto (Result) r = { 0 };

      run (&r, "--database", fixture->db, "import", i == 0 ? "customers" : "invoices",
           i == 0 ? customers : invoices, NULL);
      g_assert_cmpint (r.status, ==, 0);
    }

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *pdf = g_strdup_printf ("%s/letters-%u.pdf", fixture->dir, i);

      processes[i] = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                       G_SUBPROCESS_FLAGS_STDERR_PIPE, &error, cli_path (),
                                       "--database", fixture->db, "letters", "--as-of", dates[i],
                                       "--output", pdf, "--record", NULL);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < 2; i++)
    {
      guint recorded = 0, skipped = 0;
      const char *line;

      g_subprocess_communicate_utf8 (processes[i], NULL, NULL, &out[i], &err[i], &error);
      g_assert_no_error (error);
      g_test_message ("run %u: %s%s", i, out[i], err[i]);
      g_assert_cmpint (g_subprocess_get_exit_status (processes[i]), ==, 0);
      line = strstr (out[i], "Recorded ");
      if (line != NULL)
        recorded = (guint) g_ascii_strtoull (line + strlen ("Recorded "), NULL, 10);
      line = strstr (err[i], "were not recorded");
      if (line != NULL)
        {
          g_assert_nonnull (strstr (err[i], "another program recorded them"));
          skipped = n_customers - recorded;
        }
      n_recorded += recorded;
      n_skipped += skipped;
      g_free (out[i]);
      g_free (err[i]);
      g_object_unref (processes[i]);
    }
  g_assert_cmpuint (n_recorded, ==, n_customers);
  g_assert_cmpint (rcv_test_sql_int (fixture->db, "SELECT count(*) FROM letters"), ==,
                   n_customers);
  g_assert_cmpint (rcv_test_sql_int (fixture->db, "SELECT count(*) FROM (SELECT 1 FROM"
                                     " letter_items GROUP BY invoice_id, level"
                                     " HAVING count(*) > 1)"), ==, 0);
  g_test_message ("%u letters skipped by the later run", n_skipped);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/cli/usage", test_usage);
  ADD ("/cli/import-and-aging-csv", test_import_and_aging_csv);
  ADD ("/cli/aging-json-and-text", test_aging_json_and_text);
  ADD ("/cli/bad-import", test_bad_import);
  ADD ("/cli/bad-database", test_bad_database);
  ADD ("/cli/bad-arguments", test_bad_arguments);
  ADD ("/cli/export-round-trip", test_export_round_trip);
  ADD ("/cli/demo", test_demo);
  ADD ("/cli/database-from-environment", test_database_from_environment);
  ADD ("/cli/german", test_german);
  ADD ("/cli/policies", test_policies);
  ADD ("/cli/chart", test_chart);
  ADD ("/cli/dunning-and-letters", test_dunning_and_letters);
  ADD ("/cli/letters-record-concurrent", test_letters_record_concurrent);
  ADD ("/cli/import-killed", test_import_killed);
  ADD ("/cli/waits-for-writer", test_waits_for_writer);
  ADD ("/cli/damaged-file", test_damaged_file);
  ADD ("/cli/import-stdin", test_import_stdin);
  ADD ("/cli/import-read-only", test_import_read_only);
  ADD ("/cli/private-files", test_private_files);
  ADD ("/cli/export-formulas", test_export_formulas);

  return g_test_run ();
}
