/* rcv-export.c - CSV export of customers, invoices, payments and aging
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The files are the import formats (DESIGN.md §4), so that an export imports again into
 * another company file. Each is written beside its destination and renamed into place: a
 * failed export leaves no half-written file. “-” writes to standard output.
 */
#define G_LOG_DOMAIN "rcv-export"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "rcv-aging.h"
#include "rcv-csv.h"
#include "rcv-database-private.h"
#include "rcv-error.h"
#include "rcv-export.h"
#include "rcv-file.h"

#define FLUSH_SIZE (256 * 1024)

typedef struct
{
  FILE *file;
  const char *path;
  GString *buffer;
  gboolean failed;
  int saved_errno;
} Output;

static const char customers_sql[] =
  "SELECT c.code, c.name, c.email, c.phone, c.address, p.name, c.credit_limit, c.terms_days"
  " FROM customers c LEFT JOIN policies p ON p.id = c.policy_id ORDER BY c.id";

static const char invoices_sql[] =
  "SELECT i.number, c.code, i.issue_date, i.due_date, i.total, i.description,"
  " CASE i.kind WHEN 'credit-note' THEN"
  "  (SELECT t.number FROM invoices t WHERE t.id ="
  "   (SELECT CASE WHEN count (DISTINCT a.invoice_id) = 1 THEN min (a.invoice_id) END"
  "    FROM allocations a WHERE a.credit_note_id = i.id)) END"
  " FROM invoices i JOIN customers c ON c.id = i.customer_id"
  " WHERE i.status = 'posted' ORDER BY i.id";

static const char payments_sql[] =
  "SELECT p.date, c.code, p.amount,"
  " (SELECT t.number FROM invoices t WHERE t.id ="
  "  (SELECT CASE WHEN count (DISTINCT a.invoice_id) = 1 THEN min (a.invoice_id) END"
  "   FROM allocations a WHERE a.payment_id = p.id)),"
  " p.reference, p.method"
  " FROM payments p JOIN customers c ON c.id = p.customer_id ORDER BY p.id";

static void
output_flush (Output *out,
              gboolean force)
{
  if (out->failed || (!force && out->buffer->len < FLUSH_SIZE))
    return;
  if (out->buffer->len > 0 && fwrite (out->buffer->str, 1, out->buffer->len, out->file) !=
      out->buffer->len)
    {
      out->failed = TRUE;
      out->saved_errno = errno;
    }
  g_string_truncate (out->buffer, 0);
}

static void
append_amount_column (GString           *buffer,
                      RcvStatement *stmt,
                      int                column,
                      const RcvCurrency *currency)
{
  if (!rcv_statement_column_is_null (stmt, column))
    rcv_money_append_plain (buffer, rcv_statement_column_int64 (stmt, column), currency);
}

static gboolean
write_rows (RcvDatabase   *db,
            RcvExportKind  kind,
            Output        *out,
            guint         *n_rows,
            GError       **error)
{
  static const char *const headers[] = {
    "id,name,email,phone,address,policy,credit_limit,terms_days\n",
    "number,customer_id,issue_date,due_date,amount,description,applies_to\n",
    "date,customer_id,amount,invoice_number,reference,method\n",
  };
  const RcvCurrency *currency = rcv_database_get_currency (db);
  const char *sql = kind == RCV_EXPORT_CUSTOMERS ? customers_sql
                  : kind == RCV_EXPORT_INVOICES ? invoices_sql : payments_sql;
  RcvStatement *stmt;
  int rc;

  stmt = rcv_database_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;

  g_string_append (out->buffer, headers[kind]);
  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    {
      GString *b = out->buffer;

      switch (kind)
        {
        case RCV_EXPORT_CUSTOMERS:
          for (int c = 0; c < 6; c++)
            {
              rcv_csv_append_field (b, rcv_statement_column_text (stmt, c), ',');
              g_string_append_c (b, ',');
            }
          append_amount_column (b, stmt, 6, currency);
          g_string_append_c (b, ',');
          if (!rcv_statement_column_is_null (stmt, 7))
            g_string_append_printf (b, "%d", rcv_statement_column_int (stmt, 7));
          break;

        case RCV_EXPORT_INVOICES:
          for (int c = 0; c < 4; c++)
            {
              rcv_csv_append_field (b, rcv_statement_column_text (stmt, c), ',');
              g_string_append_c (b, ',');
            }
          append_amount_column (b, stmt, 4, currency);
          g_string_append_c (b, ',');
          rcv_csv_append_field (b, rcv_statement_column_text (stmt, 5), ',');
          g_string_append_c (b, ',');
          rcv_csv_append_field (b, rcv_statement_column_text (stmt, 6), ',');
          break;

        case RCV_EXPORT_PAYMENTS:
          rcv_csv_append_field (b, rcv_statement_column_text (stmt, 0), ',');
          g_string_append_c (b, ',');
          rcv_csv_append_field (b, rcv_statement_column_text (stmt, 1), ',');
          g_string_append_c (b, ',');
          append_amount_column (b, stmt, 2, currency);
          for (int c = 3; c < 6; c++)
            {
              g_string_append_c (b, ',');
              rcv_csv_append_field (b, rcv_statement_column_text (stmt, c), ',');
            }
          break;

        case RCV_EXPORT_AGING:
        default:
          g_assert_not_reached ();
        }
      g_string_append_c (b, '\n');
      (*n_rows)++;
      output_flush (out, FALSE);
    }
  rcv_statement_reset (stmt);

  if (rc != RCV_DONE)
    return rcv_database_set_error (db, error);
  return TRUE;
}

gboolean
rcv_export_csv (RcvDatabase   *db,
                RcvExportKind  kind,
                const GDate   *as_of,
                const char    *path,
                guint         *n_rows,
                GError       **error)
{
  g_autofree char *partial = NULL;
  gboolean to_stdout;
  gboolean ok;
  guint rows = 0;
  Output out = { 0 };

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (kind != RCV_EXPORT_AGING || as_of != NULL, FALSE);

  to_stdout = g_str_equal (path, "-");
  if (to_stdout)
    out.file = stdout;
  else
    {
      partial = g_strconcat (path, ".partial", NULL);
      /* names and balances: private to the user, as the company file is */
      out.file = rcv_file_create_private (partial, error);
      if (out.file == NULL)
        return FALSE;
    }
  out.path = path;
  out.buffer = g_string_sized_new (FLUSH_SIZE + 4096);

  if (kind == RCV_EXPORT_AGING)
    {
      g_autoptr(RcvAgingReport) report = rcv_aging_report_new (db, as_of, error);

      ok = report != NULL;
      if (ok)
        {
          g_autofree char *csv = rcv_aging_report_to_csv (report, rcv_database_get_currency (db));
          g_string_append (out.buffer, csv);
          rows = report->rows->len;
        }
    }
  else
    ok = write_rows (db, kind, &out, &rows, error);

  output_flush (&out, TRUE);
  if (ok && !out.failed && fflush (out.file) != 0)
    {
      out.failed = TRUE;
      out.saved_errno = errno;
    }
  if (!to_stdout && fclose (out.file) != 0 && !out.failed)
    {
      out.failed = TRUE;
      out.saved_errno = errno;
    }
  g_string_free (out.buffer, TRUE);

  if (ok && out.failed)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (out.saved_errno),
                   _("Cannot write “%s”: %s"), path, g_strerror (out.saved_errno));
      ok = FALSE;
    }
  if (!to_stdout)
    {
      if (ok && g_rename (partial, path) != 0)
        {
          int saved_errno = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("Cannot write “%s”: %s"), path, g_strerror (saved_errno));
          ok = FALSE;
        }
      if (!ok)
        g_unlink (partial);
    }

  if (ok && n_rows != NULL)
    *n_rows = rows;
  return ok;
}
