/* rcv-ledger-customers.c - customers in the company file: add, update, archive, get, find
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rcv-ledger"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rcv-database-private.h"
#include "rcv-date.h"
#include "rcv-error.h"
#include "rcv-json.h"
#include "rcv-ledger-private.h"
#include "rcv-reference.h"
/* ---- customers ---------------------------------------------------------------------- */

gboolean
rcv_ledger_insert_customer_row (RcvDatabase *db,
                                RcvCustomer *customer,
                                GError     **error)
{
  RcvStatement *stmt;
  const char *field;
  g_autoptr(GError) local_error = NULL;

  if (!rcv_customer_validate (customer, &field, &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", field);
      return FALSE;
    }

  stmt = rcv_database_prepare (db,
                               "INSERT INTO customers (code, name, email, phone, address,"
                               " policy_id, credit_limit, terms_days, archived)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                               error);
  if (stmt == NULL)
    return FALSE;

  rcv_statement_bind_text (stmt, 1, customer->code);
  rcv_statement_bind_text (stmt, 2, g_strstrip (customer->name));
  rcv_statement_bind_text (stmt, 3, customer->email != NULL ? customer->email : "");
  rcv_statement_bind_text (stmt, 4, customer->phone != NULL ? customer->phone : "");
  rcv_statement_bind_text (stmt, 5, customer->address != NULL ? customer->address : "");
  if (customer->policy_id > 0)
    rcv_statement_bind_int64 (stmt, 6, customer->policy_id);
  if (customer->credit_limit >= 0)
    rcv_statement_bind_int64 (stmt, 7, customer->credit_limit);
  if (customer->terms_days >= 0)
    rcv_statement_bind_int (stmt, 8, customer->terms_days);
  rcv_statement_bind_int (stmt, 9, customer->archived ? 1 : 0);

  if (rcv_statement_step (stmt) != RCV_DONE)
    {
      if (rcv_ledger_is_unique_violation (db))
        g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_DUPLICATE,
                     _("id: a customer with the ID “%s” already exists"), customer->code);
      else
        rcv_database_set_error (db, error);
      rcv_statement_reset (stmt);
      return FALSE;
    }
  rcv_statement_reset (stmt);
  customer->id = rcv_database_last_insert_id (db);
  return TRUE;
}

static char *
customer_to_json (const RcvCustomer *customer)
{
  g_autoptr(RcvJsonWriter) json = rcv_json_writer_new (FALSE);

  rcv_json_begin_object (json);
  rcv_json_key (json, "id");
  rcv_json_string (json, customer->code);
  rcv_json_key (json, "name");
  rcv_json_string (json, customer->name);
  rcv_json_key (json, "email");
  rcv_json_string (json, customer->email);
  rcv_json_key (json, "phone");
  rcv_json_string (json, customer->phone);
  rcv_json_key (json, "address");
  rcv_json_string (json, customer->address);
  rcv_json_key (json, "policy_id");
  rcv_json_int (json, customer->policy_id);
  rcv_json_key (json, "credit_limit");
  rcv_json_int (json, customer->credit_limit);
  rcv_json_key (json, "terms_days");
  rcv_json_int (json, customer->terms_days);
  rcv_json_key (json, "archived");
  rcv_json_bool (json, customer->archived);
  rcv_json_end_object (json);
  return rcv_json_writer_free_to_string (g_steal_pointer (&json));
}

gboolean
rcv_ledger_add_customer (RcvDatabase *db,
                         RcvCustomer *customer,
                         GError     **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (customer != NULL, FALSE);

  if (!rcv_database_begin (db, error))
    return FALSE;

  json = customer_to_json (customer);
  if (!rcv_ledger_insert_customer_row (db, customer, error) ||
      !rcv_database_audit (db, "insert", "customers", customer->id, NULL, json, error) ||
      !rcv_database_commit (db, error))
    {
      rcv_database_rollback (db);
      customer->id = 0;
      return FALSE;
    }
  return TRUE;
}

/* Changes a customer's details: one transaction, with the old and new values in the audit
 * table. The customer must exist; its ID (code) may change if the new one is free. */
gboolean
rcv_ledger_update_customer (RcvDatabase       *db,
                            const RcvCustomer *customer,
                            GError           **error)
{
  g_autoptr(RcvCustomer) old = NULL;
  g_autoptr(RcvCustomer) stored = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;
  g_autofree char *name = NULL;
  const char *field;
  RcvStatement *stmt;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (customer != NULL && customer->id > 0, FALSE);

  if (!rcv_customer_validate (customer, &field, &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", field);
      return FALSE;
    }
  if (!rcv_database_begin (db, error))
    return FALSE;

  old = rcv_ledger_get_customer (db, customer->id, error);
  if (old == NULL)
    goto fail;

  stmt = rcv_database_prepare (db,
                               "UPDATE customers SET code = ?2, name = ?3, email = ?4, phone = ?5,"
                               " address = ?6, policy_id = ?7, credit_limit = ?8, terms_days = ?9,"
                               " archived = ?10 WHERE id = ?1",
                               error);
  if (stmt == NULL)
    goto fail;
  name = g_strstrip (g_strdup (customer->name));
  rcv_statement_bind_int64 (stmt, 1, customer->id);
  rcv_statement_bind_text (stmt, 2, customer->code);
  rcv_statement_bind_text (stmt, 3, name);
  rcv_statement_bind_text (stmt, 4, customer->email != NULL ? customer->email : "");
  rcv_statement_bind_text (stmt, 5, customer->phone != NULL ? customer->phone : "");
  rcv_statement_bind_text (stmt, 6, customer->address != NULL ? customer->address : "");
  if (customer->policy_id > 0)
    rcv_statement_bind_int64 (stmt, 7, customer->policy_id);
  if (customer->credit_limit >= 0)
    rcv_statement_bind_int64 (stmt, 8, customer->credit_limit);
  if (customer->terms_days >= 0)
    rcv_statement_bind_int (stmt, 9, customer->terms_days);
  rcv_statement_bind_int (stmt, 10, customer->archived ? 1 : 0);
  if (rcv_statement_step (stmt) != RCV_DONE)
    {
      if (rcv_ledger_is_unique_violation (db))
        g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_DUPLICATE,
                     _("id: a customer with the ID “%s” already exists"), customer->code);
      else
        rcv_database_set_error (db, error);
      rcv_statement_reset (stmt);
      goto fail;
    }
  rcv_statement_reset (stmt);

  /* the values as stored (the name trimmed), read back inside the transaction */
  stored = rcv_ledger_get_customer (db, customer->id, error);
  if (stored == NULL)
    goto fail;
  old_json = customer_to_json (old);
  new_json = customer_to_json (stored);
  if (!rcv_database_audit (db, "update", "customers", customer->id, old_json, new_json, error) ||
      !rcv_database_commit (db, error))
    goto fail;
  return TRUE;

fail:
  rcv_database_rollback (db);
  return FALSE;
}

/* Archives a customer (hidden from the everyday lists, kept with its history), or brings it
 * back; the undo of an archive is the same call with FALSE. */
gboolean
rcv_ledger_set_customer_archived (RcvDatabase *db,
                                  gint64       customer_id,
                                  gboolean     archived,
                                  GError     **error)
{
  g_autoptr(RcvCustomer) customer = NULL;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);

  customer = rcv_ledger_get_customer (db, customer_id, error);
  if (customer == NULL)
    return FALSE;
  if (customer->archived == !!archived)
    return TRUE;
  customer->archived = !!archived;
  return rcv_ledger_update_customer (db, customer, error);
}

static RcvCustomer *
customer_from_row (RcvStatement *stmt)
{
  RcvCustomer *customer = rcv_customer_new ();

  customer->id = rcv_statement_column_int64 (stmt, 0);
  customer->code = g_strdup (rcv_statement_column_text (stmt, 1));
  customer->name = g_strdup (rcv_statement_column_text (stmt, 2));
  customer->email = g_strdup (rcv_statement_column_text (stmt, 3));
  customer->phone = g_strdup (rcv_statement_column_text (stmt, 4));
  customer->address = g_strdup (rcv_statement_column_text (stmt, 5));
  customer->policy_id = rcv_statement_column_int64 (stmt, 6);
  customer->credit_limit =
    rcv_statement_column_is_null (stmt, 7) ? -1 : rcv_statement_column_int64 (stmt, 7);
  customer->terms_days =
    rcv_statement_column_is_null (stmt, 8) ? -1 : rcv_statement_column_int (stmt, 8);
  customer->archived = rcv_statement_column_int (stmt, 9) != 0;
  return customer;
}

#define CUSTOMER_COLUMNS \
  "SELECT id, code, name, email, phone, address, policy_id, credit_limit, terms_days, archived" \
  " FROM customers "

RcvCustomer *
rcv_ledger_get_customer (RcvDatabase *db,
                         gint64       id,
                         GError     **error)
{
  RcvStatement *stmt;
  RcvCustomer *customer = NULL;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);

  stmt = rcv_database_prepare (db, CUSTOMER_COLUMNS "WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  rcv_statement_bind_int64 (stmt, 1, id);
  if (rcv_statement_step (stmt) == RCV_ROW)
    customer = customer_from_row (stmt);
  else
    {
      g_autofree char *id_string = rcv_ledger_id_text (id);
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_NOT_FOUND,
                   _("There is no customer number %s"), id_string);
    }
  rcv_statement_reset (stmt);
  return customer;
}

RcvCustomer *
rcv_ledger_find_customer (RcvDatabase *db,
                          const char  *code,
                          GError     **error)
{
  RcvStatement *stmt;
  RcvCustomer *customer = NULL;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  stmt = rcv_database_prepare (db, CUSTOMER_COLUMNS "WHERE code = ?1", error);
  if (stmt == NULL)
    return NULL;
  rcv_statement_bind_text (stmt, 1, code);
  if (rcv_statement_step (stmt) == RCV_ROW)
    customer = customer_from_row (stmt);
  else
    g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_NOT_FOUND,
                 _("There is no customer with the ID “%s”"), code);
  rcv_statement_reset (stmt);
  return customer;
}

static gboolean
code_taken (RcvDatabase *db,
            const char  *code)
{
  RcvStatement *stmt = rcv_database_prepare (db, "SELECT 1 FROM customers WHERE code = ?1", NULL);
  gboolean taken;

  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_text (stmt, 1, code);
  taken = rcv_statement_step (stmt) == RCV_ROW;
  rcv_statement_reset (stmt);
  return taken;
}

/* The ID for a new customer: the number at the end of the latest customer's ID, one up, as
 * wide as it was (C009 → C010, K-12 → K-13), past any ID taken already; "C001" for the first
 * customer, or when the latest ID ends in no number. One indexed read and a lookup or two. */
char *
rcv_ledger_propose_customer_code (RcvDatabase *db)
{
  g_autofree char *latest = NULL;
  RcvStatement *stmt;
  gsize digits_at, width;
  guint64 number;
  g_autofree char *prefix = NULL;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);

  stmt = rcv_database_prepare (db, "SELECT code FROM customers ORDER BY id DESC LIMIT 1", NULL);
  if (stmt != NULL)
    {
      if (rcv_statement_step (stmt) == RCV_ROW)
        latest = g_strdup (rcv_statement_column_text (stmt, 0));
      rcv_statement_reset (stmt);
    }
  if (latest == NULL)
    latest = g_strdup ("C000");
  digits_at = strlen (latest);
  while (digits_at > 0 && g_ascii_isdigit (latest[digits_at - 1]))
    digits_at--;
  width = strlen (latest) - digits_at;
  if (width == 0 || width > 18)
    {
      g_free (latest);
      latest = g_strdup ("C000");
      digits_at = 1;
      width = 3;
    }
  prefix = g_strndup (latest, digits_at);
  number = g_ascii_strtoull (latest + digits_at, NULL, 10);
  for (guint tries = 0; tries < 1000; tries++)
    {
      char *code = g_strdup_printf ("%s%0*" G_GUINT64_FORMAT, prefix, (int) width, ++number);

      if (!code_taken (db, code))
        return code;
      g_free (code);
    }
  return g_strdup ("");
}

/* Records that the customer pays from `iban` (check digits verified; spaces and case aside),
 * for matching bank receipts; an IBAN already known for another customer is refused. */
gboolean
rcv_ledger_add_customer_iban (RcvDatabase *db,
                              gint64       customer_id,
                              const char  *iban,
                              GError     **error)
{
  g_autofree char *compact = NULL;
  RcvStatement *stmt;
  gint64 owner = 0;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (iban != NULL, FALSE);

  compact = rcv_reference_compact (iban);
  if (!rcv_iban_valid (compact))
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                   _("“%s” is not an IBAN (its check digits do not hold)"), iban);
      return FALSE;
    }
  stmt = rcv_database_prepare (db, "SELECT customer_id FROM customer_ibans WHERE iban = ?1",
                               error);
  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_text (stmt, 1, compact);
  if (rcv_statement_step (stmt) == RCV_ROW)
    owner = rcv_statement_column_int64 (stmt, 0);
  rcv_statement_reset (stmt);
  if (owner == customer_id)
    return TRUE;
  if (owner != 0)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_CONFLICT,
                   _("the IBAN %s is another customer's already"), compact);
      return FALSE;
    }
  stmt = rcv_database_prepare (db, "INSERT INTO customer_ibans (iban, customer_id) VALUES (?1, ?2)",
                               error);
  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_text (stmt, 1, compact);
  rcv_statement_bind_int64 (stmt, 2, customer_id);
  return rcv_database_step_done (db, stmt, error);
}
