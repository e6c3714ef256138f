/* rcv-bank-columns.c - the columns of a bank's CSV export, named once, remembered
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An export whose header names its columns in words the CSV reader does not know (or reads
 * wrongly) has them named once by a person, in the window or with `receivables-cli bank
 * columns`; the names are kept in the company file for the bank account (the IBAN the export
 * gives above its header), or, for an export that names no account, for its header row. Every
 * later export of that account is read by them, whichever program imports it.
 */
#define G_LOG_DOMAIN "rcv-bank"

#include "config.h"

#include "rcv-bank-columns.h"
#include "rcv-database-private.h"

/* The columns named for every account and header, as rcv_bank_statement_parse () takes them. */
GPtrArray *
rcv_bank_columns_load (RcvDatabase  *db,
                       GError      **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) rcv_bank_csv_columns_free);
  RcvBankCsvColumns *current = NULL;
  RcvStatement *stmt;
  int rc;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);

  stmt = rcv_database_prepare (db, "SELECT account, header, field, name FROM bank_csv_columns"
                                   " ORDER BY account, header", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    {
      const char *account = rcv_statement_column_text (stmt, 0);
      const char *header = rcv_statement_column_text (stmt, 1);
      RcvBankColumn column;

      if (!rcv_bank_column_from_key (rcv_statement_column_text (stmt, 2), &column))
        continue;   /* a column of a later version's */
      if (current == NULL || g_strcmp0 (current->account, *account != '\0' ? account : NULL) != 0 ||
          g_strcmp0 (current->header, *header != '\0' ? header : NULL) != 0)
        {
          current = rcv_bank_csv_columns_new ();
          current->account = *account != '\0' ? g_strdup (account) : NULL;
          current->header = *header != '\0' ? g_strdup (header) : NULL;
          g_ptr_array_add (list, current);
        }
      g_free (current->names[column]);
      current->names[column] = g_strdup (rcv_statement_column_text (stmt, 3));
    }
  rcv_statement_reset (stmt);
  if (rc != RCV_DONE)
    {
      rcv_database_set_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

static gboolean
remember_all (RcvDatabase             *db,
              const char              *account,
              const char              *header,
              const RcvBankCsvColumns *columns,
              GError                 **error)
{
  RcvStatement *stmt = rcv_database_prepare (db, "DELETE FROM bank_csv_columns"
                                                 " WHERE account = ?1 AND header = ?2", error);

  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_text (stmt, 1, account);
  rcv_statement_bind_text (stmt, 2, header);
  if (!rcv_database_step_done (db, stmt, error))
    return FALSE;
  for (guint c = 0; c < RCV_BANK_N_COLUMNS; c++)
    {
      if (columns->names[c] == NULL)
        continue;
      stmt = rcv_database_prepare (db, "INSERT INTO bank_csv_columns (account, header, field, name)"
                                       " VALUES (?1, ?2, ?3, ?4)", error);
      if (stmt == NULL)
        return FALSE;
      rcv_statement_bind_text (stmt, 1, account);
      rcv_statement_bind_text (stmt, 2, header);
      rcv_statement_bind_text (stmt, 3, rcv_bank_column_key (c));
      rcv_statement_bind_text (stmt, 4, columns->names[c]);
      if (!rcv_database_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Keeps `columns` for its account (or, with none, its header), replacing what was named for it
 * before; one transaction. They are checked first (a date, an amount or a credit column, none
 * twice). */
gboolean
rcv_bank_columns_remember (RcvDatabase             *db,
                           const RcvBankCsvColumns *columns,
                           GError                 **error)
{
  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (columns != NULL, FALSE);
  g_return_val_if_fail (columns->account != NULL || columns->header != NULL, FALSE);

  if (!rcv_bank_csv_columns_check (columns, NULL, error) || !rcv_database_begin (db, error))
    return FALSE;
  if (!remember_all (db, columns->account != NULL ? columns->account : "",
                     columns->account != NULL ? "" : columns->header, columns, error) ||
      !rcv_database_commit (db, error))
    {
      rcv_database_rollback (db);
      return FALSE;
    }
  return TRUE;
}

/* Reads a statement file as rcv_bank_statement_parse () does, in the company's currency and by
 * the columns remembered in its file. */
RcvBankStatement *
rcv_bank_statement_read (RcvDatabase  *db,
                         const char   *data,
                         gsize         length,
                         const char   *file_name,
                         GError      **error)
{
  g_autoptr(GPtrArray) remembered = NULL;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);

  remembered = rcv_bank_columns_load (db, error);
  if (remembered == NULL)
    return NULL;
  return rcv_bank_statement_parse (data, length, file_name, rcv_database_get_currency (db),
                                   remembered, error);
}

/* What a CSV export looks like, with the columns remembered for it in the company file. */
RcvBankCsvLayout *
rcv_bank_columns_inspect (RcvDatabase  *db,
                          const char   *data,
                          gsize         length,
                          const char   *file_name,
                          GError      **error)
{
  g_autoptr(GPtrArray) remembered = NULL;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);

  remembered = rcv_bank_columns_load (db, error);
  if (remembered == NULL)
    return NULL;
  return rcv_bank_csv_inspect (data, length, file_name, remembered, error);
}
