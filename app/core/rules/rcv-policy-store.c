/* rcv-policy-store.c - credit policies in the company file: list, load, save, duplicate,
 * delete, assign, the default one
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every company has exactly one default policy; a customer without a policy of its own
 * follows it. Every write is one transaction with its audit row (the policy as JSON, before
 * and after).
 */
#define G_LOG_DOMAIN "rcv-policy"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rcv-database-private.h"
#include "rcv-error.h"
#include "rcv-json.h"
#include "rcv-ledger.h"
#include "rcv-ledger-private.h"
#include "rcv-money.h"
#include "rcv-policy-private.h"
#include "rcv-text.h"

#define POLICY_COLUMNS \
  "SELECT id, name, is_default, terms_days, discount_days, discount_bp, credit_limit," \
  " interest_kind, interest_bp, compensation, alert_days_first, alert_days_second, hold_days," \
  " agency_days, letter_interval_days FROM policies "

static gint
column_int_or (RcvStatement *stmt,
               int           column,
               gint          none)
{
  return rcv_statement_column_is_null (stmt, column) ? none : rcv_statement_column_int (stmt, column);
}

static RcvPolicy *
policy_from_row (RcvStatement *stmt)
{
  RcvPolicy *policy = rcv_policy_alloc ();

  policy->id = rcv_statement_column_int64 (stmt, 0);
  policy->name = g_strdup (rcv_statement_column_text (stmt, 1));
  policy->is_default = rcv_statement_column_int (stmt, 2) != 0;
  policy->terms_days = rcv_statement_column_int (stmt, 3);
  policy->discount_days = rcv_statement_column_int (stmt, 4);
  policy->discount_bp = rcv_statement_column_int (stmt, 5);
  policy->credit_limit = rcv_statement_column_is_null (stmt, 6)
                           ? -1 : rcv_statement_column_int64 (stmt, 6);
  policy->interest_kind = rcv_enum_from_nick_or (RCV_TYPE_INTEREST_KIND,
                                                 rcv_statement_column_text (stmt, 7),
                                                 policy->interest_kind);
  policy->interest_bp = rcv_statement_column_int (stmt, 8);
  policy->compensation = rcv_enum_from_nick_or (RCV_TYPE_COMPENSATION,
                                                rcv_statement_column_text (stmt, 9),
                                                policy->compensation);
  policy->alert_days_first = rcv_statement_column_int (stmt, 10);
  policy->alert_days_second = rcv_statement_column_int (stmt, 11);
  policy->hold_days = column_int_or (stmt, 12, -1);
  policy->agency_days = column_int_or (stmt, 13, -1);
  policy->letter_interval_days = rcv_statement_column_int (stmt, 14);
  return policy;
}

static gboolean
load_levels (RcvDatabase  *db,
             RcvPolicy    *policy,
             GError      **error)
{
  RcvStatement *stmt;
  int rc;

  stmt = rcv_database_prepare (db,
                               "SELECT days_after_due, title, body, fee, claims_interest,"
                               " claims_compensation, deadline_days FROM reminder_levels"
                               " WHERE policy_id = ?1 ORDER BY level",
                               error);
  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_int64 (stmt, 1, policy->id);
  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    {
      RcvReminderLevel *level = rcv_policy_add_level (policy, rcv_statement_column_int (stmt, 0),
                                                      rcv_statement_column_text (stmt, 1),
                                                      rcv_statement_column_text (stmt, 2),
                                                      rcv_statement_column_int64 (stmt, 3));

      level->claims_interest = (RcvClaim) column_int_or (stmt, 4, RCV_CLAIM_AS_POLICY);
      level->claims_compensation = (RcvClaim) column_int_or (stmt, 5, RCV_CLAIM_AS_POLICY);
      level->deadline_days = rcv_statement_column_int (stmt, 6);
    }
  rcv_statement_reset (stmt);
  if (rc != RCV_DONE)
    return rcv_database_set_error (db, error);
  return TRUE;
}

/* Every policy, the default one first, then by name; each with its levels. */
GPtrArray *
rcv_policy_list (RcvDatabase  *db,
                 GError      **error)
{
  g_autoptr(GPtrArray) policies = g_ptr_array_new_with_free_func ((GDestroyNotify) rcv_policy_free);
  RcvStatement *stmt;
  int rc;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);

  stmt = rcv_database_prepare (db, POLICY_COLUMNS "ORDER BY is_default DESC, name COLLATE NOCASE",
                               error);
  if (stmt == NULL)
    return NULL;
  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    g_ptr_array_add (policies, policy_from_row (stmt));
  rcv_statement_reset (stmt);
  if (rc != RCV_DONE)
    {
      rcv_database_set_error (db, error);
      return NULL;
    }
  for (guint i = 0; i < policies->len; i++)
    if (!load_levels (db, g_ptr_array_index (policies, i), error))
      return NULL;
  return g_steal_pointer (&policies);
}

/* One policy with its levels; 0 for the default policy. */
RcvPolicy *
rcv_policy_load (RcvDatabase  *db,
                 gint64        policy_id,
                 GError      **error)
{
  g_autoptr(RcvPolicy) policy = NULL;
  RcvStatement *stmt;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);

  stmt = rcv_database_prepare (db, POLICY_COLUMNS "WHERE id = ?1 OR (?1 = 0 AND is_default = 1)",
                               error);
  if (stmt == NULL)
    return NULL;
  rcv_statement_bind_int64 (stmt, 1, policy_id);
  if (rcv_statement_step (stmt) == RCV_ROW)
    policy = policy_from_row (stmt);
  rcv_statement_reset (stmt);
  if (policy == NULL)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_NOT_FOUND,
                   _("There is no such credit policy"));
      return NULL;
    }
  if (!load_levels (db, policy, error))
    return NULL;
  return g_steal_pointer (&policy);
}

/* The policy as a JSON object: the audit table's copy and a policy file's entry */
void
rcv_policy_write_json (RcvJsonWriter     *json,
                       const RcvPolicy   *policy,
                       const RcvCurrency *currency)
{
  rcv_json_begin_object (json);
  rcv_json_key (json, "name");
  rcv_json_string (json, policy->name);
  rcv_json_key (json, "default");
  rcv_json_bool (json, policy->is_default);
  rcv_json_key (json, "terms_days");
  rcv_json_int (json, policy->terms_days);
  rcv_json_key (json, "discount_days");
  rcv_json_int (json, policy->discount_days);
  rcv_json_key (json, "discount_percent");
  rcv_json_money (json, policy->discount_bp, &(RcvCurrency) { "PCT", 2 });
  rcv_json_key (json, "credit_limit");
  if (policy->credit_limit >= 0)
    rcv_json_money (json, policy->credit_limit, currency);
  else
    rcv_json_null (json);
  rcv_json_key (json, "interest");
  rcv_json_string (json, rcv_enum_to_nick (RCV_TYPE_INTEREST_KIND, policy->interest_kind));
  rcv_json_key (json, "interest_rate_percent");
  rcv_json_money (json, policy->interest_bp, &(RcvCurrency) { "PCT", 2 });
  rcv_json_key (json, "compensation");
  rcv_json_string (json, rcv_enum_to_nick (RCV_TYPE_COMPENSATION, policy->compensation));
  rcv_json_key (json, "alert_days_first");
  rcv_json_int (json, policy->alert_days_first);
  rcv_json_key (json, "alert_days_second");
  rcv_json_int (json, policy->alert_days_second);
  rcv_json_key (json, "hold_after_days");
  if (policy->hold_days >= 0)
    rcv_json_int (json, policy->hold_days);
  else
    rcv_json_null (json);
  rcv_json_key (json, "agency_after_days");
  if (policy->agency_days >= 0)
    rcv_json_int (json, policy->agency_days);
  else
    rcv_json_null (json);
  rcv_json_key (json, "days_between_letters");
  rcv_json_int (json, policy->letter_interval_days);
  rcv_json_key (json, "reminder_levels");
  rcv_json_begin_array (json);
  for (guint i = 0; i < policy->levels->len; i++)
    {
      const RcvReminderLevel *level = &g_array_index (policy->levels, RcvReminderLevel, i);

      rcv_json_begin_object (json);
      rcv_json_key (json, "days_after_due");
      rcv_json_int (json, level->days_after_due);
      rcv_json_key (json, "title");
      rcv_json_string (json, level->title);
      rcv_json_key (json, "text");
      rcv_json_string (json, level->body);
      rcv_json_key (json, "fee");
      rcv_json_money (json, level->fee, currency);
      /* a level that claims what its policy sets (from before version 8) keeps saying so
       * by leaving the keys out */
      if (level->claims_interest != RCV_CLAIM_AS_POLICY)
        {
          rcv_json_key (json, "claims_interest");
          rcv_json_bool (json, level->claims_interest == RCV_CLAIM_YES);
        }
      if (level->claims_compensation != RCV_CLAIM_AS_POLICY)
        {
          rcv_json_key (json, "claims_compensation");
          rcv_json_bool (json, level->claims_compensation == RCV_CLAIM_YES);
        }
      rcv_json_key (json, "deadline_days");
      rcv_json_int (json, level->deadline_days);
      rcv_json_end_object (json);
    }
  rcv_json_end_array (json);
  rcv_json_end_object (json);
}

static char *
policy_to_json (RcvDatabase     *db,
                const RcvPolicy *policy)
{
  g_autoptr(RcvJsonWriter) json = rcv_json_writer_new (FALSE);

  rcv_policy_write_json (json, policy, rcv_database_get_currency (db));
  return rcv_json_writer_free_to_string (g_steal_pointer (&json));
}

static gboolean
name_taken (RcvDatabase  *db,
            const char   *name,
            gint64        except_id,
            gboolean     *taken,
            GError      **error)
{
  RcvStatement *stmt;

  stmt = rcv_database_prepare (db,
                               "SELECT 1 FROM policies WHERE name = ?1 COLLATE NOCASE AND id <> ?2",
                               error);
  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_text (stmt, 1, name);
  rcv_statement_bind_int64 (stmt, 2, except_id);
  *taken = rcv_statement_step (stmt) == RCV_ROW;
  rcv_statement_reset (stmt);
  return TRUE;
}

static gboolean
make_default (RcvDatabase  *db,
              gint64        policy_id,
              GError      **error)
{
  RcvStatement *stmt;

  if (!rcv_database_exec (db, "UPDATE policies SET is_default = 0 WHERE is_default = 1", error))
    return FALSE;
  stmt = rcv_database_prepare (db, "UPDATE policies SET is_default = 1 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_int64 (stmt, 1, policy_id);
  if (!rcv_database_step_done (db, stmt, error))
    return FALSE;
  if (rcv_database_changes (db) != 1)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_NOT_FOUND,
                   _("There is no such credit policy"));
      return FALSE;
    }
  return TRUE;
}

/* Writes the policy's row and levels inside the caller's transaction; policy->id is set for
 * a new one. Validated first; `old` is the stored policy, NULL for a new one. */
static gboolean
write_policy (RcvDatabase     *db,
              RcvPolicy       *policy,
              const RcvPolicy *old,
              GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  const char *field;
  gint level;
  gboolean taken;
  RcvStatement *stmt;

  if (!rcv_policy_validate (policy, &field, &level, &local_error))
    {
      if (level >= 0)
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                    _("reminder level %d, %s: "), level + 1, field);
      else
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", field);
      return FALSE;
    }
  if (old != NULL && old->is_default && !policy->is_default)
    {
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_CONFLICT,
                           _("default: make another policy the default one first"));
      return FALSE;
    }

  name = g_strstrip (g_strdup (policy->name));
  if (!name_taken (db, name, policy->id, &taken, error))
    return FALSE;
  if (taken)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_DUPLICATE,
                   _("name: there is already a policy named “%s”"), name);
      return FALSE;
    }

  if (old == NULL)
    stmt = rcv_database_prepare (db,
                                 "INSERT INTO policies (name, is_default, terms_days,"
                                 " discount_days, discount_bp, credit_limit, interest_kind,"
                                 " interest_bp, compensation, alert_days_first, alert_days_second,"
                                 " hold_days, agency_days, letter_interval_days)"
                                 " VALUES (?2, 0, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
                                 " ?14)",
                                 error);
  else
    stmt = rcv_database_prepare (db,
                                 "UPDATE policies SET name = ?2, terms_days = ?3,"
                                 " discount_days = ?4, discount_bp = ?5, credit_limit = ?6,"
                                 " interest_kind = ?7, interest_bp = ?8, compensation = ?9,"
                                 " alert_days_first = ?10, alert_days_second = ?11,"
                                 " hold_days = ?12, agency_days = ?13,"
                                 " letter_interval_days = ?14 WHERE id = ?1",
                                 error);
  if (stmt == NULL)
    return FALSE;
  if (old != NULL)
    rcv_statement_bind_int64 (stmt, 1, policy->id);
  rcv_statement_bind_text (stmt, 2, name);
  rcv_statement_bind_int (stmt, 3, policy->terms_days);
  rcv_statement_bind_int (stmt, 4, policy->discount_days);
  rcv_statement_bind_int (stmt, 5, policy->discount_bp);
  if (policy->credit_limit >= 0)
    rcv_statement_bind_int64 (stmt, 6, policy->credit_limit);
  rcv_statement_bind_text (stmt, 7,
                           rcv_enum_to_nick (RCV_TYPE_INTEREST_KIND, policy->interest_kind));
  rcv_statement_bind_int (stmt, 8, policy->interest_kind == RCV_INTEREST_FIXED ? policy->interest_bp : 0);
  rcv_statement_bind_text (stmt, 9, rcv_enum_to_nick (RCV_TYPE_COMPENSATION, policy->compensation));
  rcv_statement_bind_int (stmt, 10, policy->alert_days_first);
  rcv_statement_bind_int (stmt, 11, policy->alert_days_second);
  if (policy->hold_days >= 0)
    rcv_statement_bind_int (stmt, 12, policy->hold_days);
  if (policy->agency_days >= 0)
    rcv_statement_bind_int (stmt, 13, policy->agency_days);
  rcv_statement_bind_int (stmt, 14, policy->letter_interval_days);
  if (!rcv_database_step_done (db, stmt, error))
    return FALSE;
  if (old == NULL)
    policy->id = rcv_database_last_insert_id (db);
  g_free (policy->name);
  policy->name = g_steal_pointer (&name);
  if (policy->interest_kind != RCV_INTEREST_FIXED)
    policy->interest_bp = 0;

  stmt = rcv_database_prepare (db, "DELETE FROM reminder_levels WHERE policy_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_int64 (stmt, 1, policy->id);
  if (!rcv_database_step_done (db, stmt, error))
    return FALSE;
  for (guint i = 0; i < policy->levels->len; i++)
    {
      const RcvReminderLevel *l = &g_array_index (policy->levels, RcvReminderLevel, i);

      stmt = rcv_database_prepare (db,
                                   "INSERT INTO reminder_levels (policy_id, level, days_after_due,"
                                   " title, body, fee, claims_interest, claims_compensation,"
                                   " deadline_days) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                   error);
      if (stmt == NULL)
        return FALSE;
      rcv_statement_bind_int64 (stmt, 1, policy->id);
      rcv_statement_bind_int (stmt, 2, (int) i + 1);
      rcv_statement_bind_int (stmt, 3, l->days_after_due);
      rcv_statement_bind_text (stmt, 4, g_strstrip (l->title));
      rcv_statement_bind_text (stmt, 5, l->body);
      rcv_statement_bind_int64 (stmt, 6, l->fee);
      if (l->claims_interest != RCV_CLAIM_AS_POLICY)
        rcv_statement_bind_int (stmt, 7, l->claims_interest == RCV_CLAIM_YES);
      if (l->claims_compensation != RCV_CLAIM_AS_POLICY)
        rcv_statement_bind_int (stmt, 8, l->claims_compensation == RCV_CLAIM_YES);
      rcv_statement_bind_int (stmt, 9, l->deadline_days);
      if (!rcv_database_step_done (db, stmt, error))
        return FALSE;
    }

  if (policy->is_default && (old == NULL || !old->is_default))
    return make_default (db, policy->id, error);
  return TRUE;
}

/* rcv_policy_save () inside the caller's transaction */
gboolean
rcv_policy_save_in_transaction (RcvDatabase  *db,
                                RcvPolicy    *policy,
                                GError      **error)
{
  g_autoptr(RcvPolicy) old = NULL;
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;

  if (policy->id != 0)
    {
      old = rcv_policy_load (db, policy->id, error);
      if (old == NULL)
        return FALSE;
      old_json = policy_to_json (db, old);
    }
  if (!write_policy (db, policy, old, error))
    return FALSE;
  new_json = policy_to_json (db, policy);
  return rcv_database_audit (db, old == NULL ? "insert" : "update", "policies", policy->id,
                             old_json, new_json, error);
}

/* Inserts a new policy (id 0; its ID is set) or updates a stored one, levels and all. */
gboolean
rcv_policy_save (RcvDatabase  *db,
                 RcvPolicy    *policy,
                 GError      **error)
{
  gint64 id_before;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (policy != NULL, FALSE);

  id_before = policy->id;
  if (!rcv_database_begin (db, error))
    return FALSE;
  if (!rcv_policy_save_in_transaction (db, policy, error) || !rcv_database_commit (db, error))
    {
      rcv_database_rollback (db);
      policy->id = id_before;
      return FALSE;
    }
  return TRUE;
}

/* A copy of the policy under a free name (“Standard (copy)”, “Standard (copy 2)”…), stored;
 * the copy is never the default one. */
RcvPolicy *
rcv_policy_duplicate (RcvDatabase  *db,
                      gint64        policy_id,
                      GError      **error)
{
  g_autoptr(RcvPolicy) source = NULL;
  g_autoptr(RcvPolicy) copy = NULL;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);

  source = rcv_policy_load (db, policy_id, error);
  if (source == NULL)
    return NULL;
  copy = rcv_policy_copy (source);
  copy->id = 0;
  copy->is_default = FALSE;
  for (guint n = 1;; n++)
    {
      gboolean taken;

      g_free (copy->name);
      copy->name = n == 1
        /* Translators: the name of a duplicated credit policy */
        ? g_strdup_printf (_("%s (copy)"), source->name)
        /* Translators: the name of a duplicated credit policy, when "(copy)" is taken */
        : g_strdup_printf (_("%s (copy %u)"), source->name, n);
      if (g_utf8_strlen (copy->name, -1) > RCV_MAX_POLICY_NAME)
        {
          g_free (copy->name);
          copy->name = g_strdup_printf ("%u", n);
        }
      if (!name_taken (db, copy->name, 0, &taken, error))
        return NULL;
      if (!taken)
        break;
    }
  if (!rcv_policy_save (db, copy, error))
    return NULL;
  return g_steal_pointer (&copy);
}

gboolean
rcv_policy_set_default (RcvDatabase  *db,
                        gint64        policy_id,
                        GError      **error)
{
  g_autoptr(RcvPolicy) policy = NULL;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);

  policy = rcv_policy_load (db, policy_id, error);
  if (policy == NULL)
    return FALSE;
  if (policy->is_default)
    return TRUE;
  policy->is_default = TRUE;
  return rcv_policy_save (db, policy, error);
}

/* How many customers have this policy (0: how many follow the default one). */
gint64
rcv_policy_count_customers (RcvDatabase *db,
                            gint64       policy_id)
{
  g_return_val_if_fail (RCV_IS_DATABASE (db), 0);

  return rcv_database_query_int64 (db,
                                   policy_id == 0
                                     ? "SELECT count(*) FROM customers WHERE policy_id IS NULL"
                                     : "SELECT count(*) FROM customers WHERE policy_id = ?1",
                                   policy_id, 0);
}

static char *
policy_name_json (RcvDatabase *db,
                  gint64       policy_id)
{
  g_autoptr(RcvJsonWriter) json = rcv_json_writer_new (FALSE);
  g_autofree char *name = NULL;

  rcv_json_begin_object (json);
  rcv_json_key (json, "policy");
  if (policy_id > 0 && rcv_policy_describe (db, policy_id, &name, NULL))
    rcv_json_string (json, name);
  else
    rcv_json_null (json);
  rcv_json_end_object (json);
  return rcv_json_writer_free_to_string (g_steal_pointer (&json));
}

/* Moves customers to a policy (0: none of their own, so the default one), each audited. */
static gboolean
move_customers (RcvDatabase  *db,
                const char   *sql,
                gint64        key,
                gint64        policy_id,
                GError      **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) old_policies = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *new_json = policy_name_json (db, policy_id);
  RcvStatement *stmt;
  int rc;

  stmt = rcv_database_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_int64 (stmt, 1, key);
  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    {
      gint64 id = rcv_statement_column_int64 (stmt, 0), old = rcv_statement_column_int64 (stmt, 1);

      g_array_append_val (ids, id);
      g_array_append_val (old_policies, old);
    }
  rcv_statement_reset (stmt);
  if (rc != RCV_DONE)
    return rcv_database_set_error (db, error);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      gint64 old = g_array_index (old_policies, gint64, i);
      g_autofree char *old_json = NULL;

      if (old == policy_id)
        continue;
      old_json = policy_name_json (db, old);
      stmt = rcv_database_prepare (db, "UPDATE customers SET policy_id = ?2 WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      rcv_statement_bind_int64 (stmt, 1, id);
      if (policy_id > 0)
        rcv_statement_bind_int64 (stmt, 2, policy_id);
      if (!rcv_database_step_done (db, stmt, error) ||
          !rcv_database_audit (db, "update", "customers", id, old_json, new_json, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_policy_exists (RcvDatabase  *db,
                     gint64        policy_id,
                     GError      **error)
{
  g_autoptr(RcvPolicy) policy = NULL;

  if (policy_id == 0)
    return TRUE;
  policy = rcv_policy_load (db, policy_id, error);
  return policy != NULL;
}

/* Deletes a policy that is not the default one; its customers move to `move_to` (0: they
 * follow the default policy). Nothing is left pointing at the deleted policy. */
gboolean
rcv_policy_delete (RcvDatabase  *db,
                   gint64        policy_id,
                   gint64        move_to,
                   GError      **error)
{
  g_autoptr(RcvPolicy) policy = NULL;
  g_autofree char *json = NULL;
  RcvStatement *stmt;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);

  if (!rcv_database_begin (db, error))
    return FALSE;
  policy = rcv_policy_load (db, policy_id, error);
  if (policy == NULL)
    goto fail;
  if (policy->is_default)
    {
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_CONFLICT,
                           _("The default policy cannot be deleted: make another policy the "
                             "default one first"));
      goto fail;
    }
  if (move_to == policy_id)
    {
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_CONFLICT,
                           _("The customers must move to another policy"));
      goto fail;
    }
  if (!check_policy_exists (db, move_to, error) ||
      !move_customers (db, "SELECT id, coalesce (policy_id, 0) FROM customers WHERE policy_id = ?1",
                       policy_id, move_to, error))
    goto fail;

  stmt = rcv_database_prepare (db, "DELETE FROM policies WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  rcv_statement_bind_int64 (stmt, 1, policy_id);
  json = policy_to_json (db, policy);
  if (!rcv_database_step_done (db, stmt, error) ||
      !rcv_database_audit (db, "delete", "policies", policy_id, json, NULL, error) ||
      !rcv_database_commit (db, error))
    goto fail;
  return TRUE;

fail:
  rcv_database_rollback (db);
  return FALSE;
}

/* Gives customers a policy (0: none of their own, so the default one), in one transaction. */
gboolean
rcv_policy_assign (RcvDatabase  *db,
                   const gint64 *customer_ids,
                   guint         n_customers,
                   gint64        policy_id,
                   GError      **error)
{
  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (customer_ids != NULL || n_customers == 0, FALSE);

  if (!rcv_database_begin (db, error))
    return FALSE;
  if (!check_policy_exists (db, policy_id, error))
    goto fail;
  for (guint i = 0; i < n_customers; i++)
    {
      g_autoptr(RcvCustomer) customer = rcv_ledger_get_customer (db, customer_ids[i], error);

      if (customer == NULL ||
          !move_customers (db, "SELECT id, coalesce (policy_id, 0) FROM customers WHERE id = ?1",
                           customer_ids[i], policy_id, error))
        goto fail;
    }
  if (!rcv_database_commit (db, error))
    goto fail;
  return TRUE;

fail:
  rcv_database_rollback (db);
  return FALSE;
}

/* The policy's ID, or 0 with RCV_INPUT_ERROR_NOT_FOUND. */
gint64
rcv_policy_find_by_name (RcvDatabase *db,
                         const char  *name,
                         GError     **error)
{
  RcvStatement *stmt;
  gint64 id = 0;

  g_return_val_if_fail (RCV_IS_DATABASE (db), 0);
  g_return_val_if_fail (name != NULL, 0);

  stmt = rcv_database_prepare (db, "SELECT id FROM policies WHERE name = ?1", error);
  if (stmt == NULL)
    return 0;
  rcv_statement_bind_text (stmt, 1, name);
  if (rcv_statement_step (stmt) == RCV_ROW)
    id = rcv_statement_column_int64 (stmt, 0);
  rcv_statement_reset (stmt);

  if (id == 0)
    g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_NOT_FOUND,
                 _("there is no credit policy named “%s”"), name);
  return id;
}

gint64
rcv_policy_get_default_id (RcvDatabase *db)
{
  g_return_val_if_fail (RCV_IS_DATABASE (db), 0);

  return rcv_database_query_int64 (db, "SELECT id FROM policies WHERE is_default = 1", 0, 0);
}

/* Payment terms in days of a policy (0: the default policy). */
gint
rcv_policy_get_terms (RcvDatabase *db,
                      gint64       policy_id)
{
  g_return_val_if_fail (RCV_IS_DATABASE (db), RCV_DEFAULT_TERMS_DAYS);

  return (gint) rcv_database_query_int64 (db,
                                          "SELECT terms_days FROM policies"
                                          " WHERE id = ?1 OR (?1 = 0 AND is_default = 1)",
                                          policy_id, RCV_DEFAULT_TERMS_DAYS);
}

/* The policy's name and credit limit (-1: none), for policy_id or, when 0, the default
 * policy. FALSE when there is no such policy (a company without a default one). */
gboolean
rcv_policy_describe (RcvDatabase  *db,
                     gint64        policy_id,
                     char        **name,
                     gint64       *credit_limit)
{
  RcvStatement *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);

  stmt = rcv_database_prepare (db,
                               "SELECT name, credit_limit FROM policies"
                               " WHERE id = ?1 OR (?1 = 0 AND is_default = 1)",
                               NULL);
  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_int64 (stmt, 1, policy_id);
  if (rcv_statement_step (stmt) == RCV_ROW)
    {
      found = TRUE;
      if (name != NULL)
        *name = g_strdup (rcv_statement_column_text (stmt, 0));
      if (credit_limit != NULL)
        *credit_limit = rcv_statement_column_is_null (stmt, 1)
                          ? -1 : rcv_statement_column_int64 (stmt, 1);
    }
  rcv_statement_reset (stmt);
  return found;
}
