/* rcv-import-customers.c - a CSV import's customers:
 * the company's looked up once, new ones checked and written
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rcv-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rcv-collections.h"
#include "rcv-date.h"
#include "rcv-error.h"
#include "rcv-import-private.h"
#include "rcv-reference.h"
#include "rcv-ledger-private.h"
#include "rcv-policy.h"
#include "rcv-posting.h"
#include "rcv-schema.h"

const CustomerInfo *
rcv_import_lookup_customer (Import     *import,
                            guint       line,
                            const char *code)
{
  static const CustomerInfo unknown = { 0 };
  const CustomerInfo *info = g_hash_table_lookup (import->customers, code);

  if (info == NULL && import->all_customers)
    info = &unknown;
  else if (info == NULL)
    {
      g_autoptr(RcvCustomer) customer = rcv_ledger_find_customer (import_db (import), code, NULL);
      CustomerInfo *found = g_new0 (CustomerInfo, 1);

      if (customer != NULL)
        {
          found->id = customer->id;
          found->terms = rcv_posting_get_terms (import_db (import), customer);
        }
      g_hash_table_insert (import->customers, g_strdup (code), found);
      info = found;
    }

  if (info->id == 0)
    {
      rcv_import_row_problem (import, line, "customer_id",
                              _("there is no customer with the ID “%s” (import the customers first)"),
                              code);
      return NULL;
    }
  return info;
}

/* All the company's customers, as rcv_import_lookup_customer () finds them one by one: their terms are
 * their own, else their policy's, else the default policy's (rcv_posting_get_terms ()). */
gboolean
rcv_import_load_customers (Import  *import,
                           GError **error)
{
  RcvStatement *stmt = rcv_database_prepare (import_db (import),
                                             "SELECT c.code, c.id,"
                                             " coalesce (c.terms_days, p.terms_days, ?1)"
                                             " FROM customers AS c LEFT JOIN policies AS p"
                                             " ON p.id = " RCV_CUSTOMER_POLICY_SQL,
                                             error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_int (stmt, 1, RCV_DEFAULT_TERMS_DAYS);
  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    {
      CustomerInfo *info = g_new (CustomerInfo, 1);

      info->id = rcv_statement_column_int64 (stmt, 1);
      info->terms = rcv_statement_column_int (stmt, 2);
      g_hash_table_insert (import->customers, g_strdup (rcv_statement_column_text (stmt, 0)), info);
    }
  if (rc != RCV_DONE)
    rcv_database_set_error (import_db (import), error);
  rcv_statement_reset (stmt);
  import->all_customers = rc == RCV_DONE;
  return import->all_customers;
}

/* Remember which line wrote the row with this ID, to name it in a later duplicate. */
void
rcv_import_note_new_row (Import *import,
                         gint64  id,
                         guint   line)
{
  guint32 value = line;

  if (import->first_new_id == 0)
    import->first_new_id = id;
  if (id >= import->first_new_id)
    {
      guint index = (guint) (id - import->first_new_id);

      if (index >= import->line_of_new_row->len)
        g_array_set_size (import->line_of_new_row, index + 1);
      g_array_index (import->line_of_new_row, guint32, index) = value;
    }
}

/* The ID of the row that has `value`, by `sql` (one text parameter); 0 when none has. */
gint64
rcv_import_find_row_id (Import     *import,
                        const char *sql,
                        const char *value)
{
  RcvStatement *stmt = rcv_database_prepare (import_db (import), sql, NULL);
  gint64 id = 0;

  if (stmt != NULL)
    {
      rcv_statement_bind_text (stmt, 1, value);
      if (rcv_statement_step (stmt) == RCV_ROW)
        id = rcv_statement_column_int64 (stmt, 0);
      rcv_statement_reset (stmt);
    }
  return id;
}

/* The row on `line` repeats `value`, which the row with ID `id` has. */
void
rcv_import_duplicate_problem (Import     *import,
                              guint       line,
                              const char *field_name,
                              const char *value,
                              gint64      id)
{
  if (import->first_new_id > 0 && id >= import->first_new_id &&
      (guint) (id - import->first_new_id) < import->line_of_new_row->len)
    rcv_import_row_problem (import, line, field_name,
                            _("“%s” is already on line %u of this file"), value,
                            g_array_index (import->line_of_new_row, guint32,
                                           id - import->first_new_id));
  else
    rcv_import_row_problem (import, line, field_name,
                            _("“%s” is already in the company file"), value);
}

/* "DE89 3704 0044 0532 0130 00 FR14…": the IBANs of a cell, each compacted; a run of groups of
 * four (or fewer at the end) after a country code and check digits is one IBAN. */
static GStrv
split_ibans (const char *cell)
{
  g_auto(GStrv) words = g_strsplit_set (cell, " \t", -1);
  g_autoptr(GStrvBuilder) ibans = g_strv_builder_new ();
  g_autoptr(GString) current = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *w = words[i];
      gboolean starts = strlen (w) >= 4 && g_ascii_isalpha (w[0]) && g_ascii_isalpha (w[1]) &&
                        g_ascii_isdigit (w[2]) && g_ascii_isdigit (w[3]);

      if (*w == '\0')
        continue;
      if (starts && current->len > 0)
        {
          g_strv_builder_add (ibans, current->str);
          g_string_truncate (current, 0);
        }
      for (const char *p = w; *p != '\0'; p++)
        g_string_append_c (current, g_ascii_toupper (*p));
    }
  if (current->len > 0)
    g_strv_builder_add (ibans, current->str);
  return g_strv_builder_end (ibans);
}

void
rcv_import_customer_row (Import *import,
                         guint   line)
{
  g_autoptr(RcvCustomer) customer = rcv_customer_new ();
  g_autoptr(GError) local_error = NULL;
  const char *policy = rcv_import_field (import, C_POLICY);
  const char *terms = rcv_import_field (import, C_TERMS_DAYS);
  guint n_before = import->report->n_problems;

  customer->code = g_strstrip (g_strdup (rcv_import_field (import, C_ID)));
  customer->name = g_strdup (rcv_import_field (import, C_NAME));
  customer->email = g_strstrip (g_strdup (rcv_import_field (import, C_EMAIL)));
  customer->phone = g_strdup (rcv_import_field (import, C_PHONE));
  customer->address = g_strdup (rcv_import_field (import, C_ADDRESS));

  if (policy[0] != '\0')
    {
      gpointer id;

      if (!g_hash_table_lookup_extended (import->policies, policy, NULL, &id))
        {
          gint64 found = rcv_policy_find_by_name (import_db (import), policy, NULL);
          id = GSIZE_TO_POINTER ((gsize) found);
          g_hash_table_insert (import->policies, g_strdup (policy), id);
        }
      customer->policy_id = (gint64) GPOINTER_TO_SIZE (id);
      if (customer->policy_id == 0)
        rcv_import_row_problem (import, line, "policy",
                                _("there is no credit policy named “%s”"), policy);
    }

  if (rcv_import_field (import, C_CREDIT_LIMIT)[0] != '\0' &&
      rcv_import_parse_amount (import, line, C_CREDIT_LIMIT, &customer->credit_limit) &&
      customer->credit_limit < 0)
    rcv_import_row_problem (import, line, "credit_limit", _("must not be negative"));

  if (terms[0] != '\0')
    {
      gint64 days;

      if (rcv_parse_int (terms, 0, 3650, &days, &local_error))
        customer->terms_days = (gint) days;
      else
        {
          rcv_import_row_problem (import, line, "terms_days", "%s", local_error->message);
          g_clear_error (&local_error);
        }
    }

  /* the IBANs the customer pays from, space separated, for matching bank receipts; an IBAN
   * written in its groups of four is one IBAN */
  {
    g_auto(GStrv) ibans = split_ibans (rcv_import_field (import, C_IBAN));

    for (guint i = 0; ibans[i] != NULL; i++)
      if (!rcv_iban_valid (ibans[i]))
        rcv_import_row_problem (import, line, "iban",
                                _("“%s” is not an IBAN (its check digits do not hold)"),
                                ibans[i]);
    if (import->report->n_problems != n_before)
      return;

    if (!rcv_ledger_insert_customer_row (import_db (import), customer, &local_error))
      {
        if (g_error_matches (local_error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_DUPLICATE))
          rcv_import_duplicate_problem (import, line, "id", customer->code,
                                        rcv_import_find_row_id (import, FIND_CUSTOMER_SQL,
                                                                customer->code));
        else
          rcv_import_ledger_problem (import, line, local_error);
        return;
      }
    for (guint i = 0; ibans[i] != NULL; i++)
      if (!rcv_ledger_add_customer_iban (import_db (import), customer->id, ibans[i],
                                         &local_error))
        {
          rcv_import_row_problem (import, line, "iban", "%s", local_error->message);
          g_clear_error (&local_error);
          return;
        }
  }
  rcv_import_note_new_row (import, customer->id, line);
  import->report->n_imported++;
}
