/* test-database.c - the company file: creation, refusals, migrations, transactions, backup
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "rcv-database-check.h"
#include "rcv-database-private.h"
#include "rcv-error.h"
#include "rcv-ledger.h"
#include "rcv-test-utils.h"
#include "rcv-text.h"

static void
sql_exec (const char *path,
          const char *sql)
{
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
}

static void
test_create (void)
{
  g_autofree char *dir = rcv_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "sub", "folder", "company.db", NULL);
  g_autoptr(RcvDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  db = rcv_database_open (path, RCV_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (rcv_test_sql_int (path, "PRAGMA user_version"), ==, RCV_SCHEMA_VERSION);
  g_assert_cmpint (rcv_test_sql_int (path, "PRAGMA application_id"), ==, RCV_APPLICATION_ID);
  g_assert_cmpint (rcv_test_sql_int (path,
                                     "SELECT count(*) FROM policies WHERE is_default = 1"),
                   ==, 1);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM reminder_levels"), ==, 3);
  g_assert_cmpint (rcv_test_sql_int (path,
                                     "SELECT days_after_due FROM reminder_levels WHERE level = 3"),
                   ==, 45);
  g_assert_true (rcv_ledger_is_empty (db));
  g_assert_cmpstr (rcv_database_get_currency (db)->code, ==, "EUR");
}

static void
test_pragmas (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;

  /* WAL is a property of the file */
  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "PRAGMA journal_mode", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  sqlite3_close (handle);

  /* a new file's pages are 16 KiB (rcv_database_open ()) */
  g_assert_cmpint (rcv_test_sql_int (path, "PRAGMA page_size"), ==, 16384);
}

static void
test_reopen_keeps_data (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvCustomer) found = NULL;

  rcv_test_customer (db, "C1", "Alpha");
  g_clear_object (&db);

  db = rcv_database_open (path, RCV_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  found = rcv_ledger_find_customer (db, "C1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->name, ==, "Alpha");
  /* the migration did not run twice */
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM policies"), ==, 1);
}

static void
check_refused (const char *path,
               int         code,
               const char *fragment)
{
  g_autofree char *before = rcv_test_file_checksum (path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvDatabase) db = NULL;

  db = rcv_database_open (path, RCV_DATABASE_FLAGS_NONE, &error);
  g_assert_null (db);
  g_assert_error (error, RCV_DATABASE_ERROR, code);
  g_assert_nonnull (strstr (error->message, fragment));
  g_assert_nonnull (strstr (error->message, path));

  after = rcv_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_refuse_not_sqlite (void)
{
  g_autofree char *dir = rcv_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "letter.txt", NULL);

  rcv_test_write_file (path, "Dear customer,\nthis is not a database at all.\n");
  check_refused (path, RCV_DATABASE_ERROR_NOT_DATABASE, "not an SQLite database");
}

static void
test_refuse_foreign (void)
{
  g_autofree char *dir = rcv_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "other.db", NULL);

  sql_exec (path, "CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)");
  check_refused (path, RCV_DATABASE_ERROR_FOREIGN, "another program");

  sql_exec (path, "PRAGMA application_id = 1234");
  check_refused (path, RCV_DATABASE_ERROR_FOREIGN, "another program");
}

static void
test_refuse_newer (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);

  g_clear_object (&db);
  sql_exec (path, "PRAGMA user_version = 99");
  check_refused (path, RCV_DATABASE_ERROR_NEWER_VERSION, "newer version");
}

static void
test_refuse_corrupt (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autofree char *contents = NULL;
  gsize length;

  rcv_test_customer (db, "C1", "Alpha");
  g_clear_object (&db);
  /* fold the WAL into the file, then damage the schema page behind the header */
  sql_exec (path, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE");
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4096);
  memset (contents + 100, 0xA5, 3000);
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));

  check_refused (path, RCV_DATABASE_ERROR_CORRUPT, "damaged");
}

static void
test_refuse_locked (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvDatabase) second = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *holder = NULL;

  g_clear_object (&db);
  g_assert_cmpint (sqlite3_open (path, &holder), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;"
                                 " UPDATE settings SET value = value;", NULL, NULL, NULL),
                   ==, SQLITE_OK);

  second = rcv_database_open (path, RCV_DATABASE_FLAGS_NONE, &error);
  g_assert_null (second);
  g_assert_error (error, RCV_DATABASE_ERROR, RCV_DATABASE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "locked"));

  sqlite3_exec (holder, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (holder);
}

static void
assert_journal_mode (const char *path,
                     const char *expected)
{
  g_autofree char *mode = rcv_test_journal_mode (path);

  g_assert_cmpstr (mode, ==, expected);
}

/* A connection alone with its file takes it out of WAL mode for one large transaction, and
 * puts it back; not while another connection has the file open, nor inside a transaction. */
static void
test_leave_wal (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvDatabase) reader = NULL;
  g_autoptr(GError) error = NULL;

  assert_journal_mode (path, "wal");
  g_assert_true (rcv_database_leave_wal (db));
  assert_journal_mode (path, "delete");
  rcv_test_customer (db, "C1", "Alpha");
  rcv_database_return_to_wal (db);
  assert_journal_mode (path, "wal");
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count (*) FROM customers"), ==, 1);

  g_assert_true (rcv_database_begin (db, &error));
  g_assert_false (rcv_database_leave_wal (db));
  rcv_database_rollback (db);
  assert_journal_mode (path, "wal");

  /* refused at once while another connection has the file, which goes on reading it */
  reader = rcv_database_open_reader (db, &error);
  g_assert_no_error (error);
  g_assert_false (rcv_database_leave_wal (db));
  assert_journal_mode (path, "wal");
  rcv_test_customer (db, "C2", "Beta");
  g_assert_cmpint (rcv_database_query_int64 (reader, "SELECT count (*) FROM customers", 0, -1),
                   ==, 2);
  g_clear_object (&reader);

  g_assert_true (rcv_database_leave_wal (db));
  rcv_database_return_to_wal (db);
  assert_journal_mode (path, "wal");
}

/* Version 7 leaves the payments that were never open out of payments_open: a file of
 * version 6 gets the new index when it is opened. */
static void
test_migrate_payments_open (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(GString) index = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_clear_object (&db);
  sql_exec (path, "DROP INDEX payments_open;"
                  " CREATE INDEX payments_open ON payments (span_class, date, settled_date);"
                  " PRAGMA user_version = 6");

  db = rcv_database_open (path, RCV_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rcv_test_sql_int (path, "PRAGMA user_version"), ==, RCV_SCHEMA_VERSION);
  rcv_test_dump (index, path, "SELECT sql FROM sqlite_master WHERE name = 'payments_open'");
  g_assert_cmpstr (index->str, ==, "CREATE INDEX payments_open ON payments (span_class, date,"
                                   " settled_date) WHERE span_class > 0|\n");
}

/* Version 13 indexes a customer's invoices by the day they were settled: a file of version 12
 * with settled invoices gets the index, holding them, when it is opened. */
static void
test_migrate_customer_settled (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(GError) error = NULL;
  gint64 customer = rcv_test_customer (db, "C1", "Alpha");
  gint64 paid = rcv_test_invoice (db, customer, "R-1", "2026-01-01", "2026-01-31", 10000);

  rcv_test_invoice (db, customer, "R-2", "2026-01-02", "2026-02-01", 5000);
  rcv_test_payment (db, customer, "2026-02-10", 10000, paid, FALSE);
  g_clear_object (&db);
  sql_exec (path, "DROP INDEX invoices_customer_settled; PRAGMA user_version = 12");

  db = rcv_database_open (path, RCV_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rcv_test_sql_int (path, "PRAGMA user_version"), ==, RCV_SCHEMA_VERSION);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM invoices"
                                            " INDEXED BY invoices_customer_settled"
                                            " WHERE customer_id = %" G_GINT64_FORMAT
                                            " AND settled_date > ''", customer);

    g_assert_cmpint (rcv_test_sql_int (path, sql), ==, 1);
  }
}

static void
test_not_a_file (void)
{
  g_autofree char *dir = rcv_test_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvDatabase) db = rcv_database_open (dir, RCV_DATABASE_FLAGS_NONE, &error);

  g_assert_null (db);
  g_assert_error (error, RCV_DATABASE_ERROR, RCV_DATABASE_ERROR_NOT_DATABASE);
}

static void
test_migrate_empty_file (void)
{
  g_autofree char *dir = rcv_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvDatabase) db = NULL;

  /* a zero-byte file (version 0) is brought to the current schema */
  rcv_test_write_file (path, "");
  db = rcv_database_open (path, RCV_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rcv_test_sql_int (path, "PRAGMA user_version"), ==, RCV_SCHEMA_VERSION);
  g_assert_cmpint (rcv_test_sql_int (path,
                                     "SELECT count(*) FROM sqlite_master WHERE name = 'invoices'"),
                   ==, 1);
}

/* A file written before pages were 16 KiB keeps its 4 KiB pages. */
static void
test_keeps_page_size (void)
{
  g_autofree char *dir = rcv_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "small-pages.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvDatabase) db = NULL;

  sql_exec (path, "PRAGMA page_size = 4096; VACUUM");
  g_assert_cmpint (rcv_test_sql_int (path, "PRAGMA page_size"), ==, 4096);
  db = rcv_database_open (path, RCV_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  rcv_test_customer (db, "C1", "Alpha");
  g_assert_cmpint (rcv_test_sql_int (path, "PRAGMA page_size"), ==, 4096);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM customers"), ==, 1);
}

static void
test_read_only (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvDatabase) reader = NULL;
  g_autoptr(RcvCustomer) customer = rcv_customer_new ();
  g_autoptr(GError) error = NULL;

  reader = rcv_database_open_reader (db, &error);
  g_assert_no_error (error);
  g_assert_true (rcv_database_is_read_only (reader));

  customer->code = g_strdup ("C9");
  customer->name = g_strdup ("Read only");
  g_assert_false (rcv_ledger_add_customer (reader, customer, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_clear_object (&reader);
  reader = rcv_database_open ("/nonexistent/company.db", RCV_DATABASE_FLAGS_READ_ONLY, &error);
  g_assert_null (reader);
  g_assert_error (error, RCV_DATABASE_ERROR, RCV_DATABASE_ERROR_IO);
}

static void
test_nested_transactions (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(GError) error = NULL;

  g_assert_true (rcv_database_begin (db, &error));
  rcv_test_customer (db, "C1", "Kept");             /* its own nested transaction */
  g_assert_true (rcv_database_begin (db, &error));
  rcv_test_customer (db, "C2", "Rolled back");
  rcv_database_rollback (db);
  g_assert_true (rcv_database_commit (db, &error));
  g_assert_no_error (error);

  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM customers"), ==, 1);
  g_assert_cmpint (rcv_test_sql_int (path,
                                     "SELECT count(*) FROM customers WHERE code = 'C1'"),
                   ==, 1);
}

static void
test_failed_write_leaves_nothing (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvInvoice) invoice = rcv_invoice_new (RCV_INVOICE_KIND_INVOICE);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 customer = rcv_test_customer (db, "C1", "Alpha");

  rcv_test_invoice (db, customer, "2026-0001", "2026-01-10", "2026-02-10", 1000);
  before = rcv_test_fingerprint (path);

  /* the second line's tax rate is refused after the first was fine: nothing is kept */
  invoice->number = g_strdup ("2026-0002");
  invoice->customer_id = customer;
  invoice->issue_date = *rcv_test_date ("2026-01-11");
  invoice->due_date = *rcv_test_date ("2026-02-11");
  rcv_invoice_add_line (invoice, "ok", 1000, 500, 1900);
  rcv_invoice_add_line (invoice, "bad", 1000, 500, 20000);
  g_assert_false (rcv_ledger_add_invoice (db, invoice, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE);
  g_assert_cmpint (invoice->id, ==, 0);

  /* a duplicate number is refused by the file itself */
  g_clear_error (&error);
  g_free (invoice->number);
  invoice->number = g_strdup ("2026-0001");
  g_array_set_size (invoice->lines, 1);
  g_assert_false (rcv_ledger_add_invoice (db, invoice, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_DUPLICATE);

  after = rcv_test_fingerprint (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_settings (void)
{
  g_autoptr(RcvDatabase) db = rcv_test_open_new (NULL);
  g_autoptr(GError) error = NULL;
  const guint *boundaries;
  guint n;

  boundaries = rcv_database_get_aging_boundaries (db, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (boundaries[2], ==, 90);

  g_assert_true (rcv_database_set_aging_boundaries (db, "30, 60, 90, 120", &error));
  g_assert_no_error (error);
  boundaries = rcv_database_get_aging_boundaries (db, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpuint (boundaries[3], ==, 120);

  g_assert_false (rcv_database_set_aging_boundaries (db, "30,20", &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rcv_database_set_aging_boundaries (db, "30,x", &error));
  g_clear_error (&error);
  boundaries = rcv_database_get_aging_boundaries (db, &n);
  g_assert_cmpuint (n, ==, 4);

  /* the number of decimals is fixed once amounts exist */
  g_assert_true (rcv_database_set_currency (db, "JPY", &error));
  g_assert_cmpuint (rcv_database_get_currency (db)->decimals, ==, 0);
  g_assert_true (rcv_database_set_currency (db, "EUR", &error));
  rcv_test_invoice (db, rcv_test_customer (db, "C1", "A"), "1", "2026-01-01", NULL, 100);
  g_assert_false (rcv_database_set_currency (db, "JPY", &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_true (rcv_database_set_currency (db, "USD", &error));
  g_assert_no_error (error);
}

static void
test_audit (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  gint64 customer = rcv_test_customer (db, "C1", "Alpha");
  gint64 invoice = rcv_test_invoice (db, customer, "2026-0001", "2026-01-10", NULL, 1000);

  rcv_test_payment (db, customer, "2026-01-20", 400, invoice, FALSE);

  g_assert_cmpint (rcv_test_sql_int (path,
                                     "SELECT count(*) FROM audit WHERE table_name = 'customers'"
                                     " AND action = 'insert'"),
                   ==, 1);
  g_assert_cmpint (rcv_test_sql_int (path,
                                     "SELECT count(*) FROM audit WHERE table_name = 'invoices'"
                                     " AND new_values LIKE '%\"number\":\"2026-0001\"%'"),
                   ==, 1);
  g_assert_cmpint (rcv_test_sql_int (path,
                                     "SELECT count(*) FROM audit WHERE table_name = 'payments'"
                                     " AND user <> ''"),
                   ==, 1);
}

static void
test_backup (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autofree char *dir = rcv_test_tmpdir ();
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autoptr(RcvDatabase) reopened = NULL;
  g_autoptr(RcvCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  rcv_test_customer (db, "C1", "Backed up");
  g_assert_true (rcv_database_backup (db, copy, &error));
  g_assert_no_error (error);

  reopened = rcv_database_open (copy, RCV_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  customer = rcv_ledger_find_customer (reopened, "C1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (customer->name, ==, "Backed up");
  g_assert_true (rcv_database_check_integrity (reopened, &error));
  g_assert_no_error (error);

  /* a folder that does not exist is not made up: the backup fails and leaves nothing */
  {
    g_autofree char *missing = g_build_filename (dir, "missing", "copy.db", NULL);
    g_autofree char *missing_dir = g_path_get_dirname (missing);

    g_assert_false (rcv_database_backup (db, missing, &error));
    g_assert_error (error, RCV_DATABASE_ERROR, RCV_DATABASE_ERROR_IO);
    g_assert_false (g_file_test (missing_dir, G_FILE_TEST_EXISTS));
  }
}

static void
test_natural_order (void)
{
  g_assert_cmpint (rcv_natural_compare ("C2", "C10"), <, 0);
  g_assert_cmpint (rcv_natural_compare ("C10", "C2"), >, 0);
  g_assert_cmpint (rcv_natural_compare ("C002", "C2"), ==, 0);
  g_assert_cmpint (rcv_natural_compare ("9", "10"), <, 0);
  g_assert_cmpint (rcv_natural_compare ("A", "B"), <, 0);
  g_assert_cmpint (rcv_natural_compare ("A1", "A1b"), <, 0);
}

/* A worker's connection (the window opens one for each slow read) once closed its own
 * descriptor of the file and so dropped every POSIX lock of the process on it: the command
 * line, finding no lock, took itself for the last user and deleted the WAL and the shared
 * memory under the window, whose next save went nowhere. */
static void
test_keeps_locks (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvDatabase) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *csv = g_build_filename (dir, "more.csv", NULL);
  g_autofree char *exported = NULL;
  g_autofree char *imported = NULL;
  const char *cli = g_getenv ("RCV_CLI");

  rcv_test_customer (db, "C1", "Alpha");
  g_assert_true (rcv_test_holds_lock (path));
  reader = rcv_database_open_reader (db, &error);
  g_assert_no_error (error);
  g_assert_true (rcv_test_holds_lock (path));
  g_clear_object (&reader);
  g_assert_true (rcv_test_holds_lock (path));

  /* the real command line, reading and writing, beside the open connection */
  g_assert_nonnull (cli);
  exported = rcv_test_run ((const char *[]) { cli, "--database", path, "export", "customers",
                                              "-", NULL });
  g_assert_nonnull (strstr (exported, "Alpha"));
  rcv_test_write_file (csv, "id,name\nC2,Beta\n");
  imported = rcv_test_run ((const char *[]) { cli, "--database", path, "import", "customers",
                                              csv, NULL });
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (rcv_test_holds_lock (path));

  rcv_test_customer (db, "C3", "Gamma");
  g_clear_object (&db);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM customers"), ==, 3);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM customers WHERE code = 'C3'"),
                   ==, 1);
}

/* A file damaged where only integrity_check looks (quick_check: "ok") is refused, for
 * reading as for writing, before anything is read for a figure or written. */
static void
test_refuse_damaged_index (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvDatabase) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  rcv_test_customer (db, "C1", "Alpha");
  rcv_test_customer (db, "C2", "Beta");
  g_clear_object (&db);
  rcv_test_damage_index (path);

  check_refused (path, RCV_DATABASE_ERROR_CORRUPT, "damaged");
  check_refused (path, RCV_DATABASE_ERROR_CORRUPT, "backup");
  before = rcv_test_file_checksum (path);
  reader = rcv_database_open (path, RCV_DATABASE_FLAGS_READ_ONLY, &error);
  g_assert_null (reader);
  g_assert_error (error, RCV_DATABASE_ERROR, RCV_DATABASE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "customers_name"));
  g_clear_error (&error);
  g_assert_false (rcv_database_check_file (path, NULL, NULL, NULL, &error));
  g_assert_error (error, RCV_DATABASE_ERROR, RCV_DATABASE_ERROR_CORRUPT);
  after = rcv_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

/* 64 bytes flipped in the middle of a file of some size, as a bad disk or copy leaves them. */
static void
test_refuse_flipped_bytes (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gint64 customer;
  gsize length;

  customer = rcv_test_customer (db, "C1", "Alpha");
  g_assert_true (rcv_database_begin (db, &error));
  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *number = g_strdup_printf ("2026-%05u", i);

      rcv_test_invoice (db, customer, number, "2026-01-10", "2026-02-09", 1000 + i);
    }
  g_assert_true (rcv_database_commit (db, &error));
  g_clear_object (&db);
  sql_exec (path, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE");
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 200000);
  for (gsize i = length / 2; i < length / 2 + 64; i++)
    contents[i] ^= 0xFF;
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));

  check_refused (path, RCV_DATABASE_ERROR_CORRUPT, "damaged");
}

/* The check runs once per state of the file that no Receivables connection made: what the
 * program writes itself stays known to be sound, a change by another program is checked. */
static void
test_check_remembered (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvDatabase) second = NULL;
  g_autoptr(GError) error = NULL;
  RcvFileState state;

  rcv_test_customer (db, "C1", "Alpha");
  rcv_file_state_read (path, &state);
  g_assert_true (rcv_database_check_is_current (path, &state));
  second = rcv_database_open (path, RCV_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  rcv_test_customer (second, "C2", "Beta");
  g_clear_object (&second);
  rcv_test_customer (db, "C3", "Gamma");
  g_clear_object (&db);  /* the last connection folds the WAL into the file */
  rcv_file_state_read (path, &state);
  g_assert_true (rcv_database_check_is_current (path, &state));

  /* another program's write: checked at the next opening, then known again (file times
   * change at the kernel's clock tick, a few milliseconds) */
  g_usleep (20 * 1000);
  sql_exec (path, "INSERT INTO settings (key, value) VALUES ('test.outside', 'written')");
  rcv_file_state_read (path, &state);
  g_assert_false (rcv_database_check_is_current (path, &state));
  g_assert_true (rcv_database_check_file (path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  rcv_file_state_read (path, &state);
  g_assert_true (rcv_database_check_is_current (path, &state));

  /* and a change made while the stamp was stale is not blessed by a later write */
  rcv_database_check_forget (path);
  db = rcv_database_open (path, RCV_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  rcv_database_check_forget (path);
  rcv_test_customer (db, "C4", "Delta");
  rcv_file_state_read (path, &state);
  g_assert_false (rcv_database_check_is_current (path, &state));
}

typedef struct
{
  sqlite3 *holder;
  guint told;
} Waiting;

static void
on_wait (const char *path,
         gpointer    user_data)
{
  Waiting *waiting = user_data;

  g_atomic_int_inc (&waiting->told);
}

static gpointer
finish_writing (gpointer data)
{
  Waiting *waiting = data;

  g_usleep (1500 * 1000);
  g_assert_cmpint (sqlite3_exec (waiting->holder, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  return NULL;
}

/* A reader meets a writer that holds the file out of WAL mode (a bulk import): while the
 * writer only prepares its pages, the reader reads; while it writes them into the file, the
 * reader waits, saying so after a second, and goes on when the writer is done. It never
 * changes the file's journal mode. */
static void
test_reader_waits (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvDatabase) reader = NULL;
  g_autoptr(GError) error = NULL;
  Waiting waiting = { NULL, 0 };
  GThread *thread;

  rcv_test_customer (db, "C1", "Alpha");
  g_clear_object (&db);
  sql_exec (path, "PRAGMA journal_mode = DELETE");

  g_assert_cmpint (sqlite3_open (path, &waiting.holder), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (waiting.holder, "BEGIN IMMEDIATE;"
                                 " UPDATE settings SET value = value;", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  reader = rcv_database_open (path, RCV_DATABASE_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rcv_database_query_int64 (reader, "SELECT count(*) FROM customers", 0, -1),
                   ==, 1);
  g_clear_object (&reader);
  g_assert_cmpint (sqlite3_exec (waiting.holder, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);

  rcv_database_set_wait_policy (20, on_wait, &waiting);
  g_assert_cmpint (sqlite3_exec (waiting.holder, "BEGIN EXCLUSIVE;"
                                 " UPDATE settings SET value = value;", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  thread = g_thread_new ("writer", finish_writing, &waiting);
  reader = rcv_database_open (path, RCV_DATABASE_FLAGS_READ_ONLY, &error);
  g_thread_join (thread);
  rcv_database_set_wait_policy (3, NULL, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (waiting.told, ==, 1);
  g_clear_object (&reader);
  sqlite3_close (waiting.holder);

  assert_journal_mode (path, "delete");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/database/create", test_create);
  g_test_add_func ("/core/database/pragmas", test_pragmas);
  g_test_add_func ("/core/database/reopen-keeps-data", test_reopen_keeps_data);
  g_test_add_func ("/core/database/refuse-not-sqlite", test_refuse_not_sqlite);
  g_test_add_func ("/core/database/refuse-foreign", test_refuse_foreign);
  g_test_add_func ("/core/database/refuse-newer", test_refuse_newer);
  g_test_add_func ("/core/database/refuse-corrupt", test_refuse_corrupt);
  g_test_add_func ("/core/database/refuse-locked", test_refuse_locked);
  g_test_add_func ("/core/database/leave-wal", test_leave_wal);
  g_test_add_func ("/core/database/not-a-file", test_not_a_file);
  g_test_add_func ("/core/database/migrate-empty-file", test_migrate_empty_file);
  g_test_add_func ("/core/database/migrate-payments-open", test_migrate_payments_open);
  g_test_add_func ("/core/database/keeps-page-size", test_keeps_page_size);
  g_test_add_func ("/core/database/read-only", test_read_only);
  g_test_add_func ("/core/database/nested-transactions", test_nested_transactions);
  g_test_add_func ("/core/database/failed-write-leaves-nothing", test_failed_write_leaves_nothing);
  g_test_add_func ("/core/database/settings", test_settings);
  g_test_add_func ("/core/database/audit", test_audit);
  g_test_add_func ("/core/database/backup", test_backup);
  g_test_add_func ("/core/database/natural-order", test_natural_order);
  g_test_add_func ("/core/database/keeps-locks", test_keeps_locks);
  g_test_add_func ("/core/database/refuse-damaged-index", test_refuse_damaged_index);
  g_test_add_func ("/core/database/migrate-customer-settled", test_migrate_customer_settled);
  g_test_add_func ("/core/database/refuse-flipped-bytes", test_refuse_flipped_bytes);
  g_test_add_func ("/core/database/check-remembered", test_check_remembered);
  g_test_add_func ("/core/database/reader-waits", test_reader_waits);

  return g_test_run ();
}
