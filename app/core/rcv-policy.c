/* rcv-policy.c - credit policies: terms, limits, reminder levels
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rcv-policy"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rcv-database-private.h"
#include "rcv-error.h"
#include "rcv-policy.h"

/* The policy's ID, or 0 with RCV_INPUT_ERROR_NOT_FOUND. */
gint64
rcv_policy_find_by_name (RcvDatabase *db,
                         const char  *name,
                         GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (RCV_IS_DATABASE (db), 0);
  g_return_val_if_fail (name != NULL, 0);

  stmt = rcv_database_prepare (db, "SELECT id FROM policies WHERE name = ?1", error);
  if (stmt == NULL)
    return 0;
  rcv_bind_text (stmt, 1, name);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (id == 0)
    g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_NOT_FOUND,
                 _("there is no credit policy named “%s”"), name);
  return id;
}

gint64
rcv_policy_get_default_id (RcvDatabase *db)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (RCV_IS_DATABASE (db), 0);

  stmt = rcv_database_prepare (db, "SELECT id FROM policies WHERE is_default = 1", NULL);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

/* Payment terms in days of a policy (0: the default policy). */
gint
rcv_policy_get_terms (RcvDatabase *db,
                      gint64       policy_id)
{
  sqlite3_stmt *stmt;
  gint terms = RCV_DEFAULT_TERMS_DAYS;

  g_return_val_if_fail (RCV_IS_DATABASE (db), RCV_DEFAULT_TERMS_DAYS);

  stmt = rcv_database_prepare (db,
                               "SELECT terms_days FROM policies"
                               " WHERE id = ?1 OR (?1 = 0 AND is_default = 1)",
                               NULL);
  if (stmt == NULL)
    return terms;
  sqlite3_bind_int64 (stmt, 1, policy_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    terms = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return terms;
}

/* The policy's name and credit limit (-1: none), for policy_id or, when 0, the default
 * policy. FALSE when there is no such policy (a company without a default one). */
gboolean
rcv_policy_describe (RcvDatabase  *db,
                     gint64        policy_id,
                     char        **name,
                     gint64       *credit_limit)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);

  stmt = rcv_database_prepare (db,
                               "SELECT name, credit_limit FROM policies"
                               " WHERE id = ?1 OR (?1 = 0 AND is_default = 1)",
                               NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, policy_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      if (name != NULL)
        *name = g_strdup (rcv_column_text (stmt, 0));
      if (credit_limit != NULL)
        *credit_limit = sqlite3_column_type (stmt, 1) == SQLITE_NULL
                          ? -1 : sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  return found;
}
