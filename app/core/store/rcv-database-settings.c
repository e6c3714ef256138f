/* rcv-database-settings.c - the company file's settings (currency, aging buckets and basis) and its audit trail
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rcv-database"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rcv-database-changes-private.h"
#include "rcv-error.h"
#include "rcv-money.h"
#include "rcv-sqlite-private.h"

static const guint default_boundaries[] = { 30, 60, 90 };

static gboolean
parse_boundaries (const char *text,
                  guint      *boundaries,
                  guint      *n_boundaries,
                  GError    **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  guint n = g_strv_length (parts);
  guint previous = 0;

  if (n == 0 || n > RCV_AGING_MAX_BOUNDARIES)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                   _("Aging needs between 1 and %d bucket boundaries"), RCV_AGING_MAX_BOUNDARIES);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      gint64 value;

      if (!rcv_parse_int (parts[i], 1, 3650, &value, error))
        return FALSE;
      if ((guint) value <= previous)
        {
          g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                       _("Aging bucket boundaries must increase (%s)"), text);
          return FALSE;
        }
      boundaries[i] = previous = (guint) value;
    }
  *n_boundaries = n;
  return TRUE;
}

/* before the file is read: EUR, buckets at 30, 60 and 90 days, by due date */
void
rcv_database_default_settings (RcvDatabase *self)
{
  memcpy (self->boundaries, default_boundaries, sizeof default_boundaries);
  self->n_boundaries = G_N_ELEMENTS (default_boundaries);
  rcv_currency_init (&self->currency, "EUR", NULL);
  self->basis = RCV_AGING_BY_DUE_DATE;
}

void
rcv_database_load_settings (RcvDatabase *self)
{
  g_autofree char *currency = rcv_database_get_setting (self, "company.currency");
  g_autofree char *boundaries = rcv_database_get_setting (self, "aging.boundaries");
  g_autofree char *basis = rcv_database_get_setting (self, "aging.basis");

  if (currency == NULL || !rcv_currency_init (&self->currency, currency, NULL))
    rcv_currency_init (&self->currency, "EUR", NULL);

  if (boundaries == NULL ||
      !parse_boundaries (boundaries, self->boundaries, &self->n_boundaries, NULL))
    {
      memcpy (self->boundaries, default_boundaries, sizeof default_boundaries);
      self->n_boundaries = G_N_ELEMENTS (default_boundaries);
    }

  self->basis = g_strcmp0 (basis, "issue") == 0 ? RCV_AGING_BY_ISSUE_DATE : RCV_AGING_BY_DUE_DATE;
}

char *
rcv_database_get_setting (RcvDatabase *self,
                          const char  *key)
{
  RcvStatement *stmt;
  char *value = NULL;

  g_return_val_if_fail (RCV_IS_DATABASE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = rcv_database_prepare (self, "SELECT value FROM settings WHERE key = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  rcv_statement_bind_text (stmt, 1, key);
  if (rcv_statement_step (stmt) == RCV_ROW)
    value = g_strdup (rcv_statement_column_text (stmt, 0));
  rcv_statement_reset (stmt);
  return value;
}

gboolean
rcv_database_set_setting (RcvDatabase *self,
                          const char  *key,
                          const char  *value,
                          GError     **error)
{
  g_autofree char *old = NULL;
  RcvStatement *stmt;

  g_return_val_if_fail (RCV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);

  old = rcv_database_get_setting (self, key);
  if (g_strcmp0 (old, value) == 0)
    return TRUE;

  if (!rcv_database_begin (self, error))
    return FALSE;

  stmt = rcv_database_prepare (self,
                               "INSERT INTO settings (key, value) VALUES (?1, ?2)"
                               " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                               error);
  if (stmt != NULL)
    {
      rcv_statement_bind_text (stmt, 1, key);
      rcv_statement_bind_text (stmt, 2, value);
    }
  /* a table WITHOUT ROWID: SQLite's update hook does not see it (rcv-database-changes.c) */
  rcv_database_changes_note_table (self, "settings");
  if (stmt == NULL || !rcv_database_step_done (self, stmt, error) ||
      !rcv_database_audit (self, old != NULL ? "update" : "insert", "settings", 0, old, value,
                           error) ||
      !rcv_database_commit (self, error))
    {
      rcv_database_rollback (self);
      return FALSE;
    }

  rcv_database_load_settings (self);
  return TRUE;
}

const RcvCurrency *
rcv_database_get_currency (RcvDatabase *self)
{
  g_return_val_if_fail (RCV_IS_DATABASE (self), NULL);

  return &self->currency;
}

/* The number of decimals of every stored amount depends on the currency, so it can change only
 * while the company has no amounts yet. */
gboolean
rcv_database_set_currency (RcvDatabase *self,
                           const char  *code,
                           GError     **error)
{
  RcvCurrency currency;
  gint64 n_documents = 0;

  g_return_val_if_fail (RCV_IS_DATABASE (self), FALSE);

  if (!rcv_currency_init (&currency, code, error))
    return FALSE;
  if (currency.decimals != self->currency.decimals &&
      (!rcv_database_query_value (self, "SELECT (SELECT count(*) FROM invoices) + (SELECT count(*) FROM payments)",
                   &n_documents, error)))
    return FALSE;
  if (n_documents > 0)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_CONFLICT,
                   _("The currency cannot change to %s: it has %u decimals and the company "
                     "already holds amounts in %s"),
                   currency.code, currency.decimals, self->currency.code);
      return FALSE;
    }

  return rcv_database_set_setting (self, "company.currency", currency.code, error);
}

const guint *
rcv_database_get_aging_boundaries (RcvDatabase *self,
                                   guint       *n_boundaries)
{
  g_return_val_if_fail (RCV_IS_DATABASE (self), NULL);
  g_return_val_if_fail (n_boundaries != NULL, NULL);

  *n_boundaries = self->n_boundaries;
  return self->boundaries;
}

/* “30,60,90” or any increasing list of up to eight day counts */
gboolean
rcv_database_set_aging_boundaries (RcvDatabase *self,
                                   const char  *text,
                                   GError     **error)
{
  guint boundaries[RCV_AGING_MAX_BOUNDARIES];
  guint n;
  g_autoptr(GString) normalized = g_string_new (NULL);

  g_return_val_if_fail (RCV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!parse_boundaries (text, boundaries, &n, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    g_string_append_printf (normalized, "%s%u", i > 0 ? "," : "", boundaries[i]);

  return rcv_database_set_setting (self, "aging.boundaries", normalized->str, error);
}

RcvAgingBasis
rcv_database_get_aging_basis (RcvDatabase *self)
{
  g_return_val_if_fail (RCV_IS_DATABASE (self), RCV_AGING_BY_DUE_DATE);

  return self->basis;
}

gboolean
rcv_database_set_aging_basis (RcvDatabase   *self,
                              RcvAgingBasis  basis,
                              GError       **error)
{
  g_return_val_if_fail (RCV_IS_DATABASE (self), FALSE);

  return rcv_database_set_setting (self, "aging.basis",
                                   basis == RCV_AGING_BY_ISSUE_DATE ? "issue" : "due", error);
}

/* One row per write: who, when, what, and the values before and after (JSON). */
gboolean
rcv_database_audit (RcvDatabase *self,
                    const char  *action,
                    const char  *table,
                    gint64       record_id,
                    const char  *old_values,
                    const char  *new_values,
                    GError     **error)
{
  RcvStatement *stmt;

  g_return_val_if_fail (RCV_IS_DATABASE (self), FALSE);

  stmt = rcv_database_prepare (self,
                               "INSERT INTO audit (user, action, table_name, record_id,"
                               " old_values, new_values) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                               error);
  if (stmt == NULL)
    return FALSE;

  rcv_statement_bind_text (stmt, 1, g_get_user_name ());
  rcv_statement_bind_text (stmt, 2, action);
  rcv_statement_bind_text (stmt, 3, table);
  if (record_id > 0)
    rcv_statement_bind_int64 (stmt, 4, record_id);
  rcv_statement_bind_text (stmt, 5, old_values);
  rcv_statement_bind_text (stmt, 6, new_values);
  return rcv_database_step_done (self, stmt, error);
}
