/* rcv-test-utils.c - helpers shared by the tests: temporary company files, documents, dates
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <pango/pangocairo.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "rcv-date.h"
#include "rcv-posting.h"
#include "rcv-test-utils.h"

char *
rcv_test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("rcv-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* A fresh company file in a new temporary folder. */
RcvDatabase *
rcv_test_open_new (char **out_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = rcv_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "company.db", NULL);
  RcvDatabase *db;

  db = rcv_database_open (path, RCV_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);
  return db;
}

/* A date for a test, from a ring of 64: valid until 64 more are asked for, which no single
 * expression of a test does; nothing to free, nothing for valgrind to call lost. */
GDate *
rcv_test_date (const char *iso)
{
  static GDate ring[64];
  static guint next;
  g_autoptr(GError) error = NULL;
  GDate *date = &ring[next++ % G_N_ELEMENTS (ring)];

  g_assert_true (rcv_date_parse_iso (iso, date, &error));
  g_assert_no_error (error);
  return date;
}

gint64
rcv_test_customer (RcvDatabase *db,
                   const char  *code,
                   const char  *name)
{
  g_autoptr(RcvCustomer) customer = rcv_customer_new ();
  g_autoptr(GError) error = NULL;

  customer->code = g_strdup (code);
  customer->name = g_strdup (name);
  g_assert_true (rcv_ledger_add_customer (db, customer, &error));
  g_assert_no_error (error);
  return customer->id;
}

/* Gives the customer an e-mail address. */
void
rcv_test_set_email (RcvDatabase *db,
                    gint64       customer_id,
                    const char  *email)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvCustomer) customer = rcv_ledger_get_customer (db, customer_id, &error);

  g_assert_no_error (error);
  g_free (customer->email);
  customer->email = g_strdup (email);
  g_assert_true (rcv_ledger_update_customer (db, customer, &error));
  g_assert_no_error (error);
}

/* A one-line document of `amount` (negative: a credit note) without tax. */
gint64
rcv_test_invoice (RcvDatabase *db,
                  gint64       customer_id,
                  const char  *number,
                  const char  *issue,
                  const char  *due,
                  gint64       amount)
{
  g_autoptr(RcvInvoice) invoice = rcv_invoice_new (amount < 0 ? RCV_INVOICE_KIND_CREDIT_NOTE
                                                              : RCV_INVOICE_KIND_INVOICE);
  g_autoptr(GError) error = NULL;

  invoice->number = g_strdup (number);
  invoice->customer_id = customer_id;
  invoice->issue_date = *rcv_test_date (issue);
  invoice->due_date = *rcv_test_date (due != NULL ? due : issue);
  rcv_invoice_add_line (invoice, "Work", 1000, amount, 0);
  g_assert_true (rcv_ledger_add_invoice (db, invoice, &error));
  g_assert_no_error (error);
  return invoice->id;
}

/* A payment; with invoice_id, allocated to it in full (an error if that is too much). */
gint64
rcv_test_payment (RcvDatabase *db,
                  gint64       customer_id,
                  const char  *date,
                  gint64       amount,
                  gint64       invoice_id,
                  gboolean     auto_allocate)
{
  g_autoptr(RcvPayment) payment = rcv_payment_new ();
  g_autoptr(GError) error = NULL;
  RcvAllocationRequest request = { invoice_id, amount };

  payment->customer_id = customer_id;
  payment->date = *rcv_test_date (date);
  payment->amount = amount;
  g_assert_true (rcv_posting_add_payment (db, payment, &request, invoice_id != 0 ? 1 : 0,
                                          auto_allocate, &error));
  g_assert_no_error (error);
  return payment->id;
}

/* The first column of the first row a query returns, read through a connection of its own;
 * -1 when there is no row. */
gint64
rcv_test_sql_int (const char *path,
                  const char *sql)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return value;
}

/* Appends every row a query returns as "a|b|c|" lines. */
void
rcv_test_dump (GString    *out,
               const char *path,
               const char *sql)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *rows = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &rows, NULL), ==, SQLITE_OK);
  while (sqlite3_step (rows) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (rows); c++)
        {
          const unsigned char *text = sqlite3_column_text (rows, c);
          g_string_append_printf (out, "%s|", text != NULL ? (const char *) text : "NULL");
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (rows);
  sqlite3_close (handle);
}

/* The file's journal mode, as another program opening it finds it: "wal" or "delete". */
char *
rcv_test_journal_mode (const char *path)
{
  GString *out = g_string_new (NULL);

  rcv_test_dump (out, path, "PRAGMA journal_mode");
  g_assert_true (g_str_has_suffix (out->str, "|\n"));
  g_string_truncate (out, out->len - 2);
  return g_string_free (out, FALSE);
}

/* The schema and every row of every table, as text: equal fingerprints mean nothing was
 * written (an index a bulk import dropped and did not bring back shows too). */
char *
rcv_test_fingerprint (const char *path)
{
  GString *out = g_string_new (NULL);
  GString *tables = g_string_new (NULL);
  g_auto (GStrv) names = NULL;

  rcv_test_dump (out, path, "SELECT type, name, sql FROM sqlite_master ORDER BY type, name");
  rcv_test_dump (tables, path, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  names = g_strsplit (tables->str, "|\n", -1);
  for (guint i = 0; names[i] != NULL && names[i][0] != '\0'; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", names[i]);

      g_string_append_printf (out, "[%s]\n", names[i]);
      rcv_test_dump (out, path, sql);
    }
  g_string_free (tables, TRUE);
  return g_string_free (out, FALSE);
}

char *
rcv_test_file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

void
rcv_test_write_file (const char *path,
                     const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

void
rcv_test_rmdir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_unlink (child);
    }
  g_rmdir (path);
}

/* Whether a helper program (pdftotext, …) is installed. */
gboolean
rcv_test_have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  return path != NULL;
}

/* Runs a program (from PATH) to its end and returns what it wrote on standard output;
 * a failure to start it or an exit status other than 0 fails the test. */
char *
rcv_test_run (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s: %s\n%s", argv[0], error->message, err);
  return out;
}

/* A PDF's text, by pdftotext; `layout` keeps the columns side by side on a line. */
char *
rcv_test_pdf_text (const char *pdf,
                   gboolean    layout)
{
  const char *in_columns[] = { "pdftotext", "-layout", pdf, "-", NULL };
  const char *as_read[] = { "pdftotext", pdf, "-", NULL };

  return rcv_test_run (layout ? in_columns : as_read);
}

/* Whether this process holds a POSIX lock on the file at `path`, as the kernel's table of
 * locks (/proc/locks: "1: POSIX ADVISORY READ PID MAJOR:MINOR:INODE START END") says. SQLite
 * keeps one on a company file in WAL mode for as long as a connection is open: without it,
 * another program takes itself for the last user and deletes the WAL and the shared memory. */
gboolean
rcv_test_holds_lock (const char *path)
{
  g_autofree char *table = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_true (g_file_get_contents ("/proc/locks", &table, NULL, NULL));
  lines = g_strsplit (table, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit_set (lines[i], " ", -1);
      g_autoptr(GPtrArray) words = g_ptr_array_new ();
      const char *inode;

      for (guint f = 0; fields[f] != NULL; f++)
        if (fields[f][0] != '\0')
          g_ptr_array_add (words, fields[f]);
      /* "->" marks a lock waiting for this one, with its fields shifted by one */
      if (words->len < 8 || g_str_equal (g_ptr_array_index (words, 1), "->") ||
          !g_str_equal (g_ptr_array_index (words, 1), "POSIX") ||
          !g_str_equal (g_ptr_array_index (words, 4), pid))
        continue;
      inode = strrchr (g_ptr_array_index (words, 5), ':');
      if (inode != NULL && g_ascii_strtoull (inode + 1, NULL, 10) == (guint64) st.st_ino)
        return TRUE;
    }
  return FALSE;
}

/* Damages a company file the way only PRAGMA integrity_check finds (quick_check says "ok"):
 * the index of customers by name no longer holds what its table does. */
void
rcv_test_damage_index (const char *path)
{
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle,
                                 "PRAGMA writable_schema = ON;"
                                 "UPDATE sqlite_master SET sql = replace (sql, '(name', '(email')"
                                 " WHERE name = 'customers_name';"
                                 "PRAGMA writable_schema = OFF;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
}

/* Runs the thread's main context until `condition` holds; fails the test after 20 s. */
void
rcv_test_wait_until (RcvTestCondition condition,
                     gpointer         data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

/* Lets go of the font caches at a test's end, so that valgrind sees only what the code drawing
 * with them might leak. */
void
rcv_test_release_fonts (void)
{
  pango_cairo_font_map_set_default (NULL);
  cairo_debug_reset_static_data ();
  FcFini ();
}

/* Switches to a locale, with the build tree's translations (RCV_LOCALEDIR) in its language,
 * for one test; FALSE, the test skipped, where the locale is not installed. */
gboolean
rcv_test_use_locale (const char *locale,
                     const char *language)
{
  const char *localedir = g_getenv ("RCV_LOCALEDIR");

  if (setlocale (LC_ALL, locale) == NULL)
    {
      g_autofree char *why = g_strdup_printf ("the %s locale is not installed", locale);

      g_test_skip (why);
      return FALSE;
    }
  g_setenv ("LANGUAGE", language, TRUE);
  if (localedir != NULL)
    bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  return TRUE;
}

/* Back to the tests' own locale (tests/meson.build sets C.UTF-8). */
void
rcv_test_leave_locale (void)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_unsetenv ("LANGUAGE");
}
