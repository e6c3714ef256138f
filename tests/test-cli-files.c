/* test-cli-files.c - receivables-cli as it fails in use: killed mid-write, waiting for a
 * writer, a damaged file, no permission, files that must stay private
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
#include "rcv-test-utils.h"

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
  cli_run (&setup, "--database", fixture->db, "import", "customers", customers, NULL);
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

  cli_run (&reopened, "--database", fixture->db, "aging", NULL);
  g_assert_cmpint (reopened.status, ==, 0);
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  mode = rcv_test_journal_mode (fixture->db);
  g_assert_cmpstr (mode, ==, "wal");
  after = rcv_test_fingerprint (fixture->db);
  g_assert_cmpstr (before, ==, after);
  rcv_test_dump (check, fixture->db, "PRAGMA integrity_check");
  g_assert_cmpstr (check->str, ==, "ok|\n");

  /* and the same import, run again, is whole */
  cli_run (&again, "--database", fixture->db, "import", "invoices", invoices, NULL);
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

  cli_import_sample (fixture);
  g_assert_cmpint (sqlite3_open (fixture->db, &holder), ==, SQLITE_OK);
  holder_exec (holder, "PRAGMA journal_mode = DELETE");
  holder_exec (holder, "BEGIN IMMEDIATE; UPDATE settings SET value = value || ''");
  cli_run (&r, "--database", fixture->db, "aging", "--as-of", "2026-03-31", "--format", "csv", NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "customer_id,"));
  holder_exec (holder, "ROLLBACK");
  mode = rcv_test_journal_mode (fixture->db);
  g_assert_cmpstr (mode, ==, "delete");

  rcv_test_write_file (customers, "id,name\nC900,Late Writer\n");
  holder_exec (holder, "BEGIN EXCLUSIVE; INSERT INTO settings (key, value) VALUES ('x', 'y')");
  reader = cli_spawn ("--database", fixture->db, "aging", "--format", "csv", NULL);
  writer = cli_spawn ("--database", fixture->db, "import", "customers", customers, NULL);
  g_usleep (4 * G_USEC_PER_SEC);
  holder_exec (holder, "COMMIT");
  sqlite3_close (holder);

  cli_finish (reader, NULL, &read);
  g_assert_cmpint (read.status, ==, 0);
  g_assert_nonnull (strstr (read.err, "waiting for another program to finish writing"));
  g_assert_true (g_str_has_prefix (read.out, "customer_id,"));
  cli_finish (writer, NULL, &written);
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
  g_autofree char *invoices = cli_data_file ("invoices.csv");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto (Result) aging = { 0 };
  g_auto (Result) dunning = { 0 };
  g_auto (Result) import = { 0 };

  cli_import_sample (fixture);
  g_usleep (20 * 1000);  /* file times change at the kernel's clock tick */
  rcv_test_damage_index (fixture->db);
  before = rcv_test_file_checksum (fixture->db);

  cli_run (&aging, "--database", fixture->db, "aging", NULL);
  g_assert_cmpint (aging.status, ==, 1);
  g_assert_cmpstr (aging.out, ==, "");
  g_assert_nonnull (strstr (aging.err, "is damaged"));
  g_assert_nonnull (strstr (aging.err, "backup"));
  cli_run (&dunning, "--database", fixture->db, "dunning", NULL);
  g_assert_cmpint (dunning.status, ==, 1);
  g_assert_nonnull (strstr (dunning.err, "is damaged"));
  cli_run (&import, "--database", fixture->db, "import", "invoices", invoices, NULL);
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

  cli_run_with_input (&c, customers->str, "--database", fixture->db, "import", "customers", "-",
                  NULL);
  g_assert_cmpstr (c.err, ==, "");
  g_assert_cmpint (c.status, ==, 0);
  g_assert_cmpstr (c.out, ==, "Imported 300 customers from -\n");
  cli_run_with_input (&i, invoices->str, "--database", fixture->db, "import", "invoices", "-", NULL);
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
  g_autofree char *invoices = cli_data_file ("invoices.csv");
  g_autofree char *before = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto (Result) r = { 0 };

  cli_import_sample (fixture);
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
    cli_run_argv (&r, input, become_nobody, argv);
  }
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "company.db” cannot be changed"));
  g_assert_null (strstr (r.err, "standard input:"));
  g_assert_cmpstr (r.out, ==, "");
  cli_result_clear (&r);

  g_ptr_array_set_size (argv, 0);
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, fixture->db);
  g_ptr_array_add (argv, (gpointer) "import");
  g_ptr_array_add (argv, (gpointer) "invoices");
  g_ptr_array_add (argv, invoices);
  cli_run_argv (&r, NULL, become_nobody, argv);
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

  cli_import_sample (fixture);
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
        cli_run (&r, "--database", fixture->db, "chart", outputs[i][1], "--as-of", "2026-03-31",
             "--output", path, NULL);
      else if (g_str_equal (outputs[i][0], "policies"))
        cli_run (&r, "--database", fixture->db, "policies", "export", path, NULL);
      else
        cli_run (&r, "--database", fixture->db, "export", outputs[i][1], path, NULL);
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

      cli_run_with_input (&im, inputs[i], "--database", fixture->db, "import", kinds[i], "-", NULL);
      g_assert_cmpstr (im.err, ==, "");
      g_assert_cmpint (im.status, ==, 0);
      cli_run (&e, "--database", fixture->db, "export", kinds[i], path, NULL);
      g_assert_cmpint (e.status, ==, 0);
      g_assert_true (g_file_get_contents (path, &first, NULL, NULL));
      g_test_message ("%s", first);

      cli_run (&im2, "--database", copy, "import", kinds[i], path, NULL);
      g_assert_cmpstr (im2.err, ==, "");
      g_assert_cmpint (im2.status, ==, 0);
      cli_run (&e2, "--database", copy, "export", kinds[i], again, NULL);
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

      cli_run (&r, "--database", fixture->db, "import", i == 0 ? "customers" : "invoices",
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

void
cli_add_file_tests (void)
{
  CLI_TEST_ADD ("/cli/letters-record-concurrent", test_letters_record_concurrent);
  CLI_TEST_ADD ("/cli/import-killed", test_import_killed);
  CLI_TEST_ADD ("/cli/waits-for-writer", test_waits_for_writer);
  CLI_TEST_ADD ("/cli/damaged-file", test_damaged_file);
  CLI_TEST_ADD ("/cli/import-stdin", test_import_stdin);
  CLI_TEST_ADD ("/cli/import-read-only", test_import_read_only);
  CLI_TEST_ADD ("/cli/private-files", test_private_files);
  CLI_TEST_ADD ("/cli/export-formulas", test_export_formulas);
}
