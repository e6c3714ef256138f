/* test-changes.c - what a commit changed, told by RcvDatabase::changed; other programs' commits
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "rcv-database-changes.h"
#include "rcv-database-private.h"
#include "rcv-import.h"
#include "rcv-test-utils.h"

/* every set the connection emitted, in order */
typedef struct
{
  GPtrArray *sets;
} Recorder;

static void
on_changed (RcvDatabase  *db,
            RcvChangeSet *changes,
            Recorder     *recorder)
{
  g_ptr_array_add (recorder->sets, rcv_change_set_ref (changes));
}

static void
recorder_init (Recorder    *recorder,
               RcvDatabase *db)
{
  recorder->sets = g_ptr_array_new_with_free_func ((GDestroyNotify) rcv_change_set_unref);
  g_signal_connect (db, "changed", G_CALLBACK (on_changed), recorder);
}

static void
recorder_clear (Recorder *recorder)
{
  g_clear_pointer (&recorder->sets, g_ptr_array_unref);
}

static RcvChangeSet *
last_set (Recorder *recorder)
{
  g_assert_cmpuint (recorder->sets->len, >, 0);
  return g_ptr_array_index (recorder->sets, recorder->sets->len - 1);
}

static void
exec (RcvDatabase *db,
      const char  *sql)
{
  g_autoptr(GError) error = NULL;

  rcv_database_exec (db, sql, &error);
  g_assert_no_error (error);
}

static void
drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* An insert, an update and a delete, each in its transaction, each told once after its
 * commit with the table, the row and the kind. */
static void
test_kinds (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(GError) error = NULL;
  Recorder recorder;
  gint64 id;
  RcvChangeSet *set;

  recorder_init (&recorder, db);

  id = rcv_test_customer (db, "C1", "Alpha");
  g_assert_cmpuint (recorder.sets->len, ==, 1);
  set = last_set (&recorder);
  g_assert_false (rcv_change_set_is_external (set));
  g_assert_true (rcv_change_set_touches (set, "customers"));
  g_assert_false (rcv_change_set_is_wholesale (set, "customers"));
  g_assert_false (rcv_change_set_touches (set, "invoices"));
  g_assert_cmpint (rcv_change_set_get_kind (set, "customers", id), ==, RCV_CHANGE_INSERT);
  g_assert_cmpint (rcv_change_set_get_kind (set, "customers", id + 1), ==, 0);

  g_assert_true (rcv_database_begin (db, &error));
  exec (db, "UPDATE customers SET name = 'Alpha Ltd' WHERE code = 'C1'");
  /* nothing is told before the commit */
  g_assert_cmpuint (recorder.sets->len, ==, 1);
  g_assert_true (rcv_database_commit (db, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (recorder.sets->len, ==, 2);
  g_assert_cmpint (rcv_change_set_get_kind (last_set (&recorder), "customers", id), ==,
                   RCV_CHANGE_UPDATE);

  g_assert_true (rcv_database_begin (db, &error));
  exec (db, "DELETE FROM customers WHERE code = 'C1'");
  g_assert_true (rcv_database_commit (db, &error));
  g_assert_cmpuint (recorder.sets->len, ==, 3);
  set = last_set (&recorder);
  g_assert_cmpint (rcv_change_set_get_kind (set, "customers", id), ==, RCV_CHANGE_DELETE);
  {
    g_autoptr(GArray) rows = rcv_change_set_dup_rows (set, "customers");

    g_assert_nonnull (rows);
    g_assert_cmpuint (rows->len, ==, 1);
    g_assert_cmpint (g_array_index (rows, RcvRowChange, 0).id, ==, id);
  }

  /* the commits already told: the idle callbacks find nothing more */
  drain_main_context ();
  g_assert_cmpuint (recorder.sets->len, ==, 3);
  recorder_clear (&recorder);
}

/* A posted invoice and a payment on it: the invoices, payments and allocations rows of one
 * write, in one set. */
static void
test_ledger_write (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  Recorder recorder;
  gint64 customer, invoice, payment;
  RcvChangeSet *set;

  customer = rcv_test_customer (db, "C1", "Alpha");
  invoice = rcv_test_invoice (db, customer, "2026-0001", "2026-01-01", "2026-01-31", 10000);
  recorder_init (&recorder, db);
  payment = rcv_test_payment (db, customer, "2026-02-01", 4000, invoice, FALSE);

  g_assert_cmpuint (recorder.sets->len, ==, 1);
  set = last_set (&recorder);
  /* inserted, then its allocated amount set: one entry with both kinds */
  g_assert_true (rcv_change_set_get_kind (set, "payments", payment) & RCV_CHANGE_INSERT);
  g_assert_true (rcv_change_set_get_kind (set, "invoices", invoice) & RCV_CHANGE_UPDATE);
  g_assert_true (rcv_change_set_touches (set, "allocations"));
  g_assert_false (rcv_change_set_touches (set, "customers"));
  recorder_clear (&recorder);
}

/* A rolled-back transaction is never told, and its rows are not in the next commit's set;
 * a savepoint's commit inside it tells nothing either. */
static void
test_rollback (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(GError) error = NULL;
  Recorder recorder;
  gint64 kept;

  recorder_init (&recorder, db);

  g_assert_true (rcv_database_begin (db, &error));
  exec (db, "INSERT INTO customers (code, name) VALUES ('R1', 'Rolled back')");
  g_assert_true (rcv_database_begin (db, &error));
  exec (db, "INSERT INTO customers (code, name) VALUES ('R2', 'Inner')");
  g_assert_true (rcv_database_commit (db, &error));
  g_assert_cmpuint (recorder.sets->len, ==, 0);
  rcv_database_rollback (db);
  drain_main_context ();
  g_assert_cmpuint (recorder.sets->len, ==, 0);
  g_assert_cmpint (rcv_test_sql_int (path, "SELECT count(*) FROM customers"), ==, 0);

  kept = rcv_test_customer (db, "K1", "Kept");
  g_assert_cmpuint (recorder.sets->len, ==, 1);
  {
    g_autoptr(GArray) rows = rcv_change_set_dup_rows (last_set (&recorder), "customers");

    g_assert_cmpuint (rows->len, ==, 1);
    g_assert_cmpint (g_array_index (rows, RcvRowChange, 0).id, ==, kept);
  }

  /* nested transactions: one set, at the outermost commit */
  g_assert_true (rcv_database_begin (db, &error));
  exec (db, "INSERT INTO customers (code, name) VALUES ('N1', 'Outer')");
  g_assert_true (rcv_database_begin (db, &error));
  exec (db, "INSERT INTO customers (code, name) VALUES ('N2', 'Inner')");
  g_assert_true (rcv_database_commit (db, &error));
  g_assert_cmpuint (recorder.sets->len, ==, 1);
  g_assert_true (rcv_database_commit (db, &error));
  g_assert_cmpuint (recorder.sets->len, ==, 2);
  {
    g_autoptr(GArray) rows = rcv_change_set_dup_rows (last_set (&recorder), "customers");

    g_assert_cmpuint (rows->len, ==, 2);
  }
  recorder_clear (&recorder);
}

/* A table WITHOUT ROWID (the settings, the invoice lines) has no row IDs to tell: the table is
 * told as changed wholesale. */
static void
test_without_rowid (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(GError) error = NULL;
  Recorder recorder;
  RcvChangeSet *set;

  recorder_init (&recorder, db);
  g_assert_true (rcv_database_set_setting (db, "company.name", "Acme", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (recorder.sets->len, ==, 1);
  set = last_set (&recorder);
  g_assert_true (rcv_change_set_touches (set, "settings"));
  g_assert_true (rcv_change_set_is_wholesale (set, "settings"));
  g_assert_true (rcv_change_set_touches (set, "audit"));
  g_assert_false (rcv_change_set_is_wholesale (set, "audit"));
  g_assert_false (rcv_change_set_touches (set, "customers"));
  recorder_clear (&recorder);
}

/* A statement that commits on its own, outside rcv_database_begin (), is told from the main
 * loop of the thread that opened the connection. */
static void
test_autocommit (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  Recorder recorder;

  recorder_init (&recorder, db);
  exec (db, "INSERT INTO customers (code, name) VALUES ('A1', 'On its own')");
  g_assert_cmpuint (recorder.sets->len, ==, 0);
  drain_main_context ();
  g_assert_cmpuint (recorder.sets->len, ==, 1);
  g_assert_true (rcv_change_set_touches (last_set (&recorder), "customers"));
  recorder_clear (&recorder);
}

static char *
write_customers_csv (const char *dir,
                     guint       n)
{
  g_autoptr(GString) csv = g_string_new ("id,name\n");
  char *path = g_build_filename (dir, "customers.csv", NULL);

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (csv, "B%u,Bulk customer %u\n", i, i);
  rcv_test_write_file (path, csv->str);
  return path;
}

/* A large import is one set with its table wholesale, not one entry per row. */
static void
test_bulk_import (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *csv = NULL;
  g_autoptr(RcvImportReport) report = rcv_import_report_new ();
  g_autoptr(GError) error = NULL;
  Recorder recorder;
  RcvChangeSet *set;

  csv = write_customers_csv (dir, RCV_CHANGE_SET_MAX_ROWS + 5000);
  recorder_init (&recorder, db);
  g_assert_true (rcv_import_csv_file (db, RCV_IMPORT_CUSTOMERS, csv, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_imported, ==, RCV_CHANGE_SET_MAX_ROWS + 5000);
  drain_main_context ();

  g_assert_cmpuint (recorder.sets->len, ==, 1);
  set = last_set (&recorder);
  g_assert_true (rcv_change_set_touches (set, "customers"));
  g_assert_true (rcv_change_set_is_wholesale (set, "customers"));
  g_assert_null (rcv_change_set_dup_rows (set, "customers"));
  g_assert_false (rcv_change_set_is_external (set));
  g_assert_false (rcv_change_set_touches (set, "invoices"));
  recorder_clear (&recorder);
}

/* The set's own rules: kinds of one row joined, sets merged, the cap. */
static void
test_set (void)
{
  g_autoptr(RcvChangeSet) a = rcv_change_set_new ();
  g_autoptr(RcvChangeSet) b = rcv_change_set_new ();
  g_autoptr(RcvChangeSet) external = rcv_change_set_new_external ();
  g_autoptr(GArray) rows = NULL;
  g_autofree char *description = NULL;
  g_auto(GStrv) tables = NULL;

  g_assert_true (rcv_change_set_is_empty (a));
  rcv_change_set_add_row (a, "invoices", 7, RCV_CHANGE_INSERT);
  rcv_change_set_add_row (a, "invoices", 3, RCV_CHANGE_UPDATE);
  rcv_change_set_add_row (b, "invoices", 7, RCV_CHANGE_UPDATE);
  rcv_change_set_add_row (b, "payments", 1, RCV_CHANGE_DELETE);
  rcv_change_set_merge (a, b);

  g_assert_cmpint (rcv_change_set_get_kind (a, "invoices", 7), ==,
                   RCV_CHANGE_INSERT | RCV_CHANGE_UPDATE);
  g_assert_cmpint (rcv_change_set_get_kind (a, "payments", 1), ==, RCV_CHANGE_DELETE);
  rows = rcv_change_set_dup_rows (a, "invoices");
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpint (g_array_index (rows, RcvRowChange, 0).id, ==, 3);
  g_assert_cmpint (g_array_index (rows, RcvRowChange, 1).id, ==, 7);
  tables = rcv_change_set_dup_tables (a);
  g_assert_cmpuint (g_strv_length (tables), ==, 2);
  g_assert_cmpstr (tables[0], ==, "invoices");
  g_assert_cmpstr (tables[1], ==, "payments");
  description = rcv_change_set_describe (a);
  g_assert_cmpstr (description, ==, "invoices 2, payments 1");

  /* one row written many times is one entry; many rows are the whole table */
  for (gint64 i = 0; i < 3 * RCV_CHANGE_SET_MAX_ROWS; i++)
    rcv_change_set_add_row (b, "allocations", 42, RCV_CHANGE_UPDATE);
  g_assert_false (rcv_change_set_is_wholesale (b, "allocations"));
  for (gint64 i = 0; i <= RCV_CHANGE_SET_MAX_ROWS; i++)
    rcv_change_set_add_row (b, "allocations", i + 100, RCV_CHANGE_INSERT);
  g_assert_true (rcv_change_set_is_wholesale (b, "allocations"));
  g_assert_cmpint (rcv_change_set_get_kind (b, "allocations", 5), ==,
                   RCV_CHANGE_INSERT | RCV_CHANGE_UPDATE | RCV_CHANGE_DELETE);

  g_assert_true (rcv_change_set_is_external (external));
  g_assert_true (rcv_change_set_touches (external, "anything"));
  g_assert_true (rcv_change_set_is_wholesale (external, "customers"));
  g_assert_null (rcv_change_set_dup_tables (external));
  rcv_change_set_merge (a, external);
  g_assert_true (rcv_change_set_is_external (a));
}

/* Another connection's commit (a second window, a worker's writing connection) is found by
 * the poll, once; the connection's own commits are not. */
static void
test_poll_connection (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autoptr(RcvDatabase) other = NULL;
  g_autoptr(GError) error = NULL;
  Recorder recorder;

  other = rcv_database_open (path, RCV_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  recorder_init (&recorder, db);

  g_assert_false (rcv_database_poll_changes (db));
  rcv_test_customer (db, "OWN", "Own write");
  g_assert_cmpuint (recorder.sets->len, ==, 1);
  g_assert_false (rcv_database_poll_changes (db));
  g_assert_cmpuint (recorder.sets->len, ==, 1);

  rcv_test_customer (other, "OTHER", "Another connection");
  g_assert_true (rcv_database_poll_changes (db));
  g_assert_cmpuint (recorder.sets->len, ==, 2);
  g_assert_true (rcv_change_set_is_external (last_set (&recorder)));
  g_assert_true (rcv_change_set_touches (last_set (&recorder), "customers"));
  g_assert_false (rcv_database_poll_changes (db));
  g_assert_cmpuint (recorder.sets->len, ==, 2);

  /* a connection that only reads has nothing to poll with: it never writes */
  {
    g_autoptr(RcvDatabase) reader = rcv_database_open_reader (db, &error);

    g_assert_no_error (error);
    g_assert_false (rcv_database_poll_changes (reader));
  }
  recorder_clear (&recorder);
}

/* receivables-cli importing a customer while the company is open here: the poll finds it. */
static void
test_poll_process (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RcvDatabase) db = rcv_test_open_new (&path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *csv = g_build_filename (dir, "one.csv", NULL);
  g_autofree char *out = NULL;
  const char *cli = g_getenv ("RCV_CLI");
  Recorder recorder;

  if (cli == NULL)
    {
      g_test_skip ("RCV_CLI is not set");
      return;
    }
  rcv_test_write_file (csv, "id,name\nP1,From the command line\n");
  recorder_init (&recorder, db);
  g_assert_false (rcv_database_poll_changes (db));

  {
    const char *argv[] = { cli, "--database", path, "import", "customers", csv, NULL };

    out = rcv_test_run (argv);
  }
  g_assert_true (rcv_database_poll_changes (db));
  g_assert_cmpuint (recorder.sets->len, ==, 1);
  g_assert_true (rcv_change_set_is_external (last_set (&recorder)));
  g_assert_cmpint (rcv_database_query_int64 (db, "SELECT count(*) FROM customers WHERE code = 'P1'",
                                             0, -1), ==, 1);
  recorder_clear (&recorder);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/changes/kinds", test_kinds);
  g_test_add_func ("/core/changes/ledger-write", test_ledger_write);
  g_test_add_func ("/core/changes/rollback", test_rollback);
  g_test_add_func ("/core/changes/without-rowid", test_without_rowid);
  g_test_add_func ("/core/changes/autocommit", test_autocommit);
  g_test_add_func ("/core/changes/bulk-import", test_bulk_import);
  g_test_add_func ("/core/changes/set", test_set);
  g_test_add_func ("/core/changes/poll-connection", test_poll_connection);
  g_test_add_func ("/core/changes/poll-process", test_poll_process);

  return g_test_run ();
}
