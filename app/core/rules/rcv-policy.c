/* rcv-policy.c - credit policies: terms, limits, reminder levels, interest, enforcement
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A policy is what a bookkeeper sets once and the app applies everywhere: the terms that give
 * an invoice its due date, the credit limit and the hold that invoice entry checks, the
 * reminder levels and interest that dunning applies, the alert thresholds, the hand-over to an
 * agency. Every company has exactly one default policy; a customer without a policy of its
 * own follows it. Every write is one transaction with its audit row.
 */
#define G_LOG_DOMAIN "rcv-policy"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rcv-database-private.h"
#include "rcv-date.h"
#include "rcv-error.h"
#include "rcv-json.h"
#include "rcv-ledger.h"
#include "rcv-ledger-private.h"
#include "rcv-money.h"
#include "rcv-open-items.h"
#include "rcv-policy.h"
#include "rcv-rates-private.h"
#include "rcv-text.h"

#define POLICY_COLUMNS \
  "SELECT id, name, is_default, terms_days, discount_days, discount_bp, credit_limit," \
  " interest_kind, interest_bp, compensation, alert_days_first, alert_days_second, hold_days," \
  " agency_days, letter_interval_days FROM policies "

static const char *const placeholders[] = {
  "customer", "company", "contact", "date", "level", "total", "open", "interest", "fees",
  "oldest_due", "deadline", "reference", "previous", NULL,
};

G_DEFINE_BOXED_TYPE (RcvPolicy, rcv_policy, rcv_policy_copy, rcv_policy_free)

static void
level_clear (gpointer data)
{
  RcvReminderLevel *level = data;

  g_free (level->title);
  g_free (level->body);
}

static RcvPolicy *
policy_alloc (void)
{
  RcvPolicy *policy = g_new0 (RcvPolicy, 1);

  policy->levels = g_array_new (FALSE, TRUE, sizeof (RcvReminderLevel));
  g_array_set_clear_func (policy->levels, level_clear);
  return policy;
}

/* A new policy as DESIGN.md's default one: 30 days, three reminders at 7, 21 and 45 days
 * with their built-in titles and texts, 14 days between letters, alerts at 60 and 90, hold
 * and hand-over at 90, no fees, no interest, no limit. */
RcvPolicy *
rcv_policy_new (void)
{
  RcvPolicy *policy = policy_alloc ();

  policy->name = g_strdup ("");
  policy->terms_days = RCV_DEFAULT_TERMS_DAYS;
  policy->credit_limit = -1;
  policy->alert_days_first = 60;
  policy->alert_days_second = 90;
  policy->hold_days = 90;
  policy->agency_days = 90;
  policy->letter_interval_days = RCV_DEFAULT_LETTER_INTERVAL_DAYS;
  /* the first reminder is friendly: it claims neither interest nor compensation */
  for (guint i = 0; i < 3; i++)
    {
      static const gint days[] = { 7, 21, 45 };
      RcvReminderLevel *level = rcv_policy_add_level (policy, days[i], "", "", 0);

      level->claims_interest = level->claims_compensation = i == 0 ? RCV_CLAIM_NO : RCV_CLAIM_YES;
    }
  return policy;
}

RcvPolicy *
rcv_policy_copy (const RcvPolicy *policy)
{
  RcvPolicy *copy;

  g_return_val_if_fail (policy != NULL, NULL);

  copy = policy_alloc ();
  *copy = (RcvPolicy) { .levels = copy->levels };
  copy->id = policy->id;
  copy->name = g_strdup (policy->name);
  copy->is_default = policy->is_default;
  copy->terms_days = policy->terms_days;
  copy->discount_days = policy->discount_days;
  copy->discount_bp = policy->discount_bp;
  copy->credit_limit = policy->credit_limit;
  copy->interest_kind = policy->interest_kind;
  copy->interest_bp = policy->interest_bp;
  copy->compensation = policy->compensation;
  copy->alert_days_first = policy->alert_days_first;
  copy->alert_days_second = policy->alert_days_second;
  copy->hold_days = policy->hold_days;
  copy->agency_days = policy->agency_days;
  copy->letter_interval_days = policy->letter_interval_days;
  for (guint i = 0; i < policy->levels->len; i++)
    {
      const RcvReminderLevel *level = &g_array_index (policy->levels, RcvReminderLevel, i);
      RcvReminderLevel *to = rcv_policy_add_level (copy, level->days_after_due, level->title,
                                                   level->body, level->fee);

      to->claims_interest = level->claims_interest;
      to->claims_compensation = level->claims_compensation;
      to->deadline_days = level->deadline_days;
    }
  return copy;
}

void
rcv_policy_free (RcvPolicy *policy)
{
  if (policy == NULL)
    return;
  g_free (policy->name);
  g_array_unref (policy->levels);
  g_free (policy);
}

/* Appends a level that claims what the policy sets and gives 10 days to pay; the pointer
 * it returns is good until the levels change again. */
RcvReminderLevel *
rcv_policy_add_level (RcvPolicy  *policy,
                      gint        days_after_due,
                      const char *title,
                      const char *body,
                      gint64      fee)
{
  RcvReminderLevel level = {
    days_after_due, g_strdup (title != NULL ? title : ""), g_strdup (body != NULL ? body : ""), fee,
    RCV_CLAIM_AS_POLICY, RCV_CLAIM_AS_POLICY, RCV_DEFAULT_DEADLINE_DAYS,
  };

  g_return_val_if_fail (policy != NULL, NULL);
  g_array_append_val (policy->levels, level);
  return &g_array_index (policy->levels, RcvReminderLevel, policy->levels->len - 1);
}

/* The built-in title of a level by its place (from 0) among n: a courtesy notice before the
 * due date; the first, second and third reminder; the last of three or more, the final
 * notice. Translated: it is shown in the app's language until the user gives a title. */
const char *
rcv_reminder_level_default_title (guint index,
                                  guint n_levels,
                                  gint  days_after_due)
{
  if (days_after_due < 1)
    return _("Payment due soon");
  if (n_levels >= 3 && index + 1 == n_levels)
    return _("Final notice");
  switch (index)
    {
    case 0:
      return _("Payment reminder");
    case 1:
      return _("Second reminder");
    case 2:
      return _("Third reminder");
    default:
      return _("Further reminder");
    }
}

/* The title a level's letters carry: the user's, else the built-in one. */
const char *
rcv_reminder_level_title (const RcvPolicy *policy,
                          guint            index)
{
  const RcvReminderLevel *level;

  g_return_val_if_fail (policy != NULL && index < policy->levels->len, "");

  level = &g_array_index (policy->levels, RcvReminderLevel, index);
  if (level->title[0] != '\0')
    return level->title;
  return rcv_reminder_level_default_title (index, policy->levels->len, level->days_after_due);
}

static gboolean
claims (RcvClaim claim,
        gboolean as_policy)
{
  return claim == RCV_CLAIM_AS_POLICY ? as_policy : claim == RCV_CLAIM_YES;
}

/* Whether a level's letters claim the policy's interest: its own choice, else (a level from
 * before version 8) whether the policy charges interest. */
gboolean
rcv_reminder_level_claims_interest (const RcvPolicy *policy,
                                    guint            index)
{
  g_return_val_if_fail (policy != NULL && index < policy->levels->len, FALSE);

  return policy->interest_kind != RCV_INTEREST_NONE &&
         claims (g_array_index (policy->levels, RcvReminderLevel, index).claims_interest, TRUE);
}

gboolean
rcv_reminder_level_claims_compensation (const RcvPolicy *policy,
                                        guint            index)
{
  g_return_val_if_fail (policy != NULL && index < policy->levels->len, FALSE);

  return policy->compensation != RCV_COMPENSATION_NONE &&
         claims (g_array_index (policy->levels, RcvReminderLevel, index).claims_compensation,
                 TRUE);
}

void
rcv_policy_remove_level (RcvPolicy *policy,
                         guint      index)
{
  g_return_if_fail (policy != NULL && index < policy->levels->len);
  g_array_remove_index (policy->levels, index);
}

/* Moves a level to another place; the levels are numbered by their order. */
void
rcv_policy_move_level (RcvPolicy *policy,
                       guint      from,
                       guint      to)
{
  RcvReminderLevel level;

  g_return_if_fail (policy != NULL && from < policy->levels->len && to < policy->levels->len);

  if (from == to)
    return;
  level = g_array_index (policy->levels, RcvReminderLevel, from);
  /* take it out without clearing it */
  memmove (&g_array_index (policy->levels, RcvReminderLevel, from),
           &g_array_index (policy->levels, RcvReminderLevel, from + 1),
           (policy->levels->len - from - 1) * sizeof (RcvReminderLevel));
  memmove (&g_array_index (policy->levels, RcvReminderLevel, to + 1),
           &g_array_index (policy->levels, RcvReminderLevel, to),
           (policy->levels->len - to - 1) * sizeof (RcvReminderLevel));
  g_array_index (policy->levels, RcvReminderLevel, to) = level;
}

/* The placeholders a letter's text may use, as {name}: the letters fill them in. */
const char *const *
rcv_letter_placeholders (void)
{
  return placeholders;
}

static gboolean
check_placeholders (const char  *body,
                    GError     **error)
{
  for (const char *p = body; *p != '\0'; p++)
    {
      const char *close;
      g_autofree char *name = NULL;

      if (*p == '}' && p[1] == '}')
        {
          p++;
          continue;
        }
      if (*p != '{')
        continue;
      if (p[1] == '{')
        {
          p++;   /* “{{” is a brace */
          continue;
        }
      close = strchr (p, '}');
      if (close == NULL)
        {
          g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                               _("a “{” is not closed by “}” (write “{{” for a brace)"));
          return FALSE;
        }
      name = g_strndup (p + 1, (gsize) (close - p - 1));
      if (!g_strv_contains (placeholders, name))
        {
          g_autofree char *known = g_strjoinv ("}, {", (char **) placeholders);

          g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                       _("{%s} is not a placeholder; the letter knows {%s}"), name, known);
          return FALSE;
        }
      p = close;
    }
  return TRUE;
}

static gboolean
check_days (gint         value,
            gint         min,
            const char  *name,
            const char **field,
            GError     **error)
{
  if (value >= min && value <= RCV_MAX_POLICY_DAYS)
    return TRUE;
  *field = name;
  g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
               _("must be between %d and %d days"), min, RCV_MAX_POLICY_DAYS);
  return FALSE;
}

/* Every rule a policy must follow. On failure, `field` names the field as the JSON format and
 * the editor know it, and `level` the reminder level it belongs to (from 0; -1 for none). */
gboolean
rcv_policy_validate (const RcvPolicy  *policy,
                     const char      **field,
                     gint             *level,
                     GError          **error)
{
  const char *unused_field;
  gint unused_level;
  gint previous_days = G_MININT;

  g_return_val_if_fail (policy != NULL, FALSE);

  if (field == NULL)
    field = &unused_field;
  if (level == NULL)
    level = &unused_level;
  *level = -1;

  if (!rcv_ledger_check_text (policy->name, TRUE, RCV_MAX_POLICY_NAME, "name", field, error) ||
      !check_days (policy->terms_days, 0, "terms_days", field, error) ||
      !check_days (policy->discount_days, 0, "discount_days", field, error))
    return FALSE;
  if (policy->discount_bp < 0 || policy->discount_bp >= 10000)
    {
      g_autofree char *all = rcv_percent_format (10000);

      *field = "discount_percent";
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                   _("must be at least 0 and less than %s"), all);
      return FALSE;
    }
  if ((policy->discount_bp > 0) != (policy->discount_days > 0))
    {
      *field = policy->discount_bp > 0 ? "discount_days" : "discount_percent";
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                           policy->discount_bp > 0
                             ? _("a discount needs the days within which it applies")
                             : _("discount days need a discount"));
      return FALSE;
    }
  if (policy->discount_days > 0 && policy->discount_days >= policy->terms_days)
    {
      *field = "discount_days";
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                   _("must be fewer than the payment terms (%d days)"), policy->terms_days);
      return FALSE;
    }
  if (policy->credit_limit < -1 || policy->credit_limit > RCV_MONEY_MAX)
    {
      *field = "credit_limit";
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                           _("must not be negative"));
      return FALSE;
    }

  if (policy->levels->len > RCV_MAX_REMINDER_LEVELS)
    {
      *field = "reminder_levels";
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                   _("at most %d reminder levels"), RCV_MAX_REMINDER_LEVELS);
      return FALSE;
    }
  for (guint i = 0; i < policy->levels->len; i++)
    {
      const RcvReminderLevel *l = &g_array_index (policy->levels, RcvReminderLevel, i);

      *level = (gint) i;
      if (!check_days (l->days_after_due, RCV_MIN_LEVEL_DAYS, "days_after_due", field, error) ||
          !rcv_ledger_check_text (l->title, FALSE, 200, "title", field, error) ||
          !rcv_ledger_check_text (l->body, FALSE, RCV_MAX_TEXT_LENGTH, "text", field, error))
        return FALSE;
      if (l->deadline_days < 1 || l->deadline_days > 365)
        {
          *field = "deadline_days";
          g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                       _("must be between %d and %d days"), 1, 365);
          return FALSE;
        }
      if (l->days_after_due <= previous_days)
        {
          *field = "days_after_due";
          g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                       _("must be later than the level before (%d days)"), previous_days);
          return FALSE;
        }
      if (!check_placeholders (l->body, error))
        {
          *field = "text";
          return FALSE;
        }
      if (l->fee < 0 || l->fee > RCV_MONEY_MAX)
        {
          *field = "fee";
          g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                               _("must not be negative"));
          return FALSE;
        }
      previous_days = l->days_after_due;
    }
  *level = -1;

  if (policy->interest_kind == RCV_INTEREST_FIXED &&
      (policy->interest_bp <= 0 || policy->interest_bp > 10000))
    {
      g_autofree char *all = rcv_percent_format (10000);

      *field = "interest_rate_percent";
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                   _("a fixed rate must be more than 0 and at most %s"), all);
      return FALSE;
    }
  if (!check_days (policy->letter_interval_days, 0, "days_between_letters", field, error) ||
      !check_days (policy->alert_days_first, 1, "alert_days_first", field, error) ||
      !check_days (policy->alert_days_second, 1, "alert_days_second", field, error))
    return FALSE;
  if (policy->alert_days_second <= policy->alert_days_first)
    {
      *field = "alert_days_second";
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                   _("must be later than the first alert (%d days)"), policy->alert_days_first);
      return FALSE;
    }
  if (policy->hold_days != -1 &&
      !check_days (policy->hold_days, 1, "hold_after_days", field, error))
    return FALSE;
  if (policy->agency_days != -1)
    {
      if (!check_days (policy->agency_days, 1, "agency_after_days", field, error))
        return FALSE;
      if (previous_days != G_MININT && policy->agency_days <= previous_days)
        {
          *field = "agency_after_days";
          g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                       _("must be later than the last reminder (%d days), which is the "
                         "customer’s last chance"), previous_days);
          return FALSE;
        }
    }
  return TRUE;
}

/* ---- reading and writing -------------------------------------------------------------- */

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
  RcvPolicy *policy = policy_alloc ();

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

static void
write_policy_json (RcvJsonWriter     *json,
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

  write_policy_json (json, policy, rcv_database_get_currency (db));
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

static gboolean
save_in_transaction (RcvDatabase  *db,
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
  if (!save_in_transaction (db, policy, error) || !rcv_database_commit (db, error))
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

/* ---- interest ------------------------------------------------------------------------ */

/* The annual late-payment interest rate the policy charges for interest that starts on a
 * day: none, its fixed rate, or its regime's reference rate for that day's half-year plus
 * the regime's points (rcv-rates.c). An error when the reference rate is unknown: interest
 * is never guessed. */
gboolean
rcv_policy_get_interest_rate (RcvDatabase     *db,
                              const RcvPolicy *policy,
                              const GDate     *date,
                              gint            *rate_bp,
                              GError         **error)
{
  const RcvStatutoryRegime *regime;
  RcvReferenceRate rate;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (policy != NULL && date != NULL && g_date_valid (date), FALSE);
  g_return_val_if_fail (rate_bp != NULL, FALSE);

  *rate_bp = 0;
  if (policy->interest_kind == RCV_INTEREST_NONE)
    return TRUE;
  if (policy->interest_kind == RCV_INTEREST_FIXED)
    {
      *rate_bp = policy->interest_bp;
      return TRUE;
    }
  regime = rcv_statutory_regime (policy->interest_kind);
  if (!rcv_reference_rate_lookup (db, regime->series, g_date_get_year (date),
                                  g_date_get_month (date) <= 6 ? 1 : 2, &rate, error))
    return FALSE;
  *rate_bp = rate.rate_bp + regime->margin_bp;
  return TRUE;
}

/* The fixed compensation the policy claims for one late invoice (rcv_compensation_amount). */
gint64
rcv_policy_get_compensation (const RcvPolicy   *policy,
                             gint64             invoice_total,
                             const RcvCurrency *currency)
{
  g_return_val_if_fail (policy != NULL, 0);

  return rcv_compensation_amount (policy->compensation, invoice_total, currency);
}

/* ---- enforcement --------------------------------------------------------------------- */

/* Whether the customer may be invoiced `amount` more today: its balance, limit and most
 * overdue invoice against its policy. `check->reasons` says what stands in the way. */
gboolean
rcv_credit_check (RcvDatabase    *db,
                  gint64          customer_id,
                  gint64          amount,
                  const GDate    *today,
                  RcvCreditCheck *check,
                  GError        **error)
{
  g_autoptr(RcvCustomer) customer = NULL;
  g_autoptr(RcvPolicy) policy = NULL;
  g_autoptr(GPtrArray) open = NULL;
  guint32 today_julian;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);
  g_return_val_if_fail (check != NULL, FALSE);

  memset (check, 0, sizeof *check);
  customer = rcv_ledger_get_customer (db, customer_id, error);
  if (customer == NULL)
    return FALSE;
  policy = rcv_policy_load (db, customer->policy_id, error);
  if (policy == NULL)
    return FALSE;
  open = rcv_ledger_list_open_items (db, customer_id, RCV_INVOICE_KIND_INVOICE, error);
  if (open == NULL)
    return FALSE;

  check->policy_id = policy->id;
  check->credit_limit = customer->credit_limit >= 0 ? customer->credit_limit : policy->credit_limit;
  check->hold_days = policy->hold_days;
  check->amount = amount;
  today_julian = g_date_get_julian (today);
  for (guint i = 0; i < open->len; i++)
    {
      const RcvOpenItem *item = g_ptr_array_index (open, i);
      guint32 due = g_date_get_julian (&item->due_date);

      check->balance += item->open;
      if (due < today_julian)
        check->days_overdue = MAX (check->days_overdue, (gint) (today_julian - due));
    }
  check->balance -= rcv_ledger_get_unapplied (db, customer_id);

  if (check->hold_days > 0 && check->days_overdue >= check->hold_days)
    check->reasons |= RCV_HOLD_OVERDUE;
  if (check->credit_limit >= 0)
    {
      check->available = check->credit_limit - check->balance;
      if (amount > 0 && check->balance + amount > check->credit_limit)
        check->reasons |= RCV_HOLD_OVER_LIMIT;
    }
  return TRUE;
}

/* ---- the policy file (JSON) ---------------------------------------------------------- */

#define POLICY_FILE_FORMAT "receivables-policies"
#define POLICY_FILE_VERSION 1

static const RcvCurrency percent = { "PCT", 2 };

/* The company's policies and reference rates as a policy file (README: "Policy files"). */
char *
rcv_policy_export_json (RcvDatabase  *db,
                        GError      **error)
{
  g_autoptr(RcvJsonWriter) json = rcv_json_writer_new (TRUE);
  g_autoptr(GPtrArray) policies = NULL;
  g_autoptr(GArray) rates = NULL;
  const RcvCurrency *currency;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);

  policies = rcv_policy_list (db, error);
  if (policies == NULL)
    return NULL;
  rates = rcv_reference_rates_list (db, error);
  if (rates == NULL)
    return NULL;
  currency = rcv_database_get_currency (db);

  rcv_json_begin_object (json);
  rcv_json_key (json, "format");
  rcv_json_string (json, POLICY_FILE_FORMAT);
  rcv_json_key (json, "version");
  rcv_json_int (json, POLICY_FILE_VERSION);
  rcv_json_key (json, "currency");
  rcv_json_string (json, currency->code);
  rcv_json_key (json, "policies");
  rcv_json_begin_array (json);
  for (guint i = 0; i < policies->len; i++)
    write_policy_json (json, g_ptr_array_index (policies, i), currency);
  rcv_json_end_array (json);
  rcv_json_key (json, "reference_rates");
  rcv_json_begin_array (json);
  for (guint i = 0; i < rates->len; i++)
    {
      const RcvReferenceRate *rate = &g_array_index (rates, RcvReferenceRate, i);

      if (rate->built_in)
        continue;   /* every copy of the app has those */
      rcv_json_begin_object (json);
      rcv_json_key (json, "region");
      rcv_json_string (json, rcv_enum_to_nick (RCV_TYPE_RATE_REGION, rate->region));
      rcv_json_key (json, "year");
      rcv_json_int (json, rate->year);
      rcv_json_key (json, "half");
      rcv_json_int (json, rate->half);
      rcv_json_key (json, "rate_percent");
      rcv_json_money (json, rate->rate_bp, &percent);
      rcv_json_end_object (json);
    }
  rcv_json_end_array (json);
  rcv_json_end_object (json);
  return rcv_json_writer_free_to_string (g_steal_pointer (&json));
}

typedef struct
{
  const char *name;            /* the file's */
  const RcvCurrency *currency;
  GString *problems;
  guint n_problems;
  char *where;                 /* “policy 2 (“Trade”)”, prefixed to the problems */
} Reader;

/* The problems listed; the rest are counted. A file of a million unknown fields would
 * otherwise make a message forty times its size. */
#define MAX_LISTED_PROBLEMS 1000

static void G_GNUC_PRINTF (4, 5)
problem (Reader            *reader,
         const RcvJsonNode *node,
         const char        *key,
         const char        *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (reader->n_problems++ >= MAX_LISTED_PROBLEMS)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (reader->n_problems > 1)
    g_string_append_c (reader->problems, '\n');
  g_string_append_printf (reader->problems, "%s:%u:%u: ", reader->name, node->line, node->column);
  if (reader->where != NULL)
    g_string_append_printf (reader->problems, "%s, ", reader->where);
  if (key != NULL)
    {
      /* a key may be the file's own (an unknown field) */
      g_autofree char *shown = rcv_text_shorten (key, RCV_TEXT_QUOTE_CHARS);
      g_string_append_printf (reader->problems, "%s: ", shown);
    }
  g_string_append (reader->problems, message);
}

static gboolean
expect_type (Reader            *reader,
             const RcvJsonNode *node,
             const char        *key,
             RcvJsonType        type)
{
  if (node->type == type)
    return TRUE;
  problem (reader, node, key, _("must be %s, not %s"), rcv_json_type_name (type),
           rcv_json_type_name (node->type));
  return FALSE;
}

static void
check_keys (Reader             *reader,
            const RcvJsonNode  *object,
            const char *const  *known)
{
  for (guint i = 0; i < object->keys->len; i++)
    {
      const char *key = g_ptr_array_index (object->keys, i);

      if (!g_strv_contains (known, key))
        {
          g_autofree char *list = g_strjoinv (", ", (char **) known);

          problem (reader, g_ptr_array_index (object->children, i), key,
                   _("is not a known field (the fields are %s)"), list);
        }
    }
}

/* An integer member; absent leaves `value` as it is; null gives -1 when `nullable`. */
static void
read_int (Reader            *reader,
          const RcvJsonNode *object,
          const char        *key,
          gint               min,
          gint               max,
          gboolean           nullable,
          gint              *value)
{
  const RcvJsonNode *node = rcv_json_object_get (object, key);
  gint64 parsed;

  if (node == NULL)
    return;
  if (nullable && node->type == RCV_JSON_NULL)
    {
      *value = -1;
      return;
    }
  if (!expect_type (reader, node, key, RCV_JSON_NUMBER))
    return;
  if (!g_ascii_string_to_signed (node->text, 10, min, max, &parsed, NULL))
    {
      problem (reader, node, key, _("%s is not a whole number between %d and %d"), node->text,
               min, max);
      return;
    }
  *value = (gint) parsed;
}

/* An amount (a number or a text, with '.' for decimals) in `currency`'s minor units. */
static void
read_amount (Reader            *reader,
             const RcvJsonNode *object,
             const char        *key,
             const RcvCurrency *currency,
             gboolean           nullable,
             gint64            *value)
{
  const RcvJsonNode *node = rcv_json_object_get (object, key);
  g_autoptr(GError) error = NULL;

  if (node == NULL)
    return;
  if (nullable && node->type == RCV_JSON_NULL)
    {
      *value = -1;
      return;
    }
  if (node->type != RCV_JSON_NUMBER && node->type != RCV_JSON_STRING)
    {
      expect_type (reader, node, key, RCV_JSON_NUMBER);
      return;
    }
  if (!rcv_money_parse_plain (node->text, '.', currency, value, &error))
    problem (reader, node, key, "%s", error->message);
  else if (*value < 0)
    problem (reader, node, key, _("must not be negative"));
}

static void
read_percent (Reader            *reader,
              const RcvJsonNode *object,
              const char        *key,
              gint              *value)
{
  gint64 amount = *value;

  read_amount (reader, object, key, &percent, FALSE, &amount);
  if (amount > 10000)
    {
      g_autofree char *all = rcv_percent_format (10000);

      problem (reader, rcv_json_object_get (object, key), key, _("must be at most %s"), all);
    }
  else
    *value = (gint) amount;
}

static const char *
read_string (Reader            *reader,
             const RcvJsonNode *object,
             const char        *key)
{
  const RcvJsonNode *node = rcv_json_object_get (object, key);

  if (node == NULL || !expect_type (reader, node, key, RCV_JSON_STRING))
    return NULL;
  return node->text;
}

static void
read_claim (Reader            *reader,
            const RcvJsonNode *object,
            const char        *key,
            RcvClaim          *claim)
{
  const RcvJsonNode *node = rcv_json_object_get (object, key);

  if (node != NULL && expect_type (reader, node, key, RCV_JSON_BOOLEAN))
    *claim = node->boolean ? RCV_CLAIM_YES : RCV_CLAIM_NO;
}

static void
read_levels (Reader            *reader,
             const RcvJsonNode *object,
             RcvPolicy         *policy)
{
  static const char *const known[] = {
    "days_after_due", "title", "text", "fee", "claims_interest", "claims_compensation",
    "deadline_days", NULL,
  };
  const RcvJsonNode *levels = rcv_json_object_get (object, "reminder_levels");

  if (levels == NULL || !expect_type (reader, levels, "reminder_levels", RCV_JSON_ARRAY))
    return;
  g_array_set_size (policy->levels, 0);
  for (guint i = 0; i < levels->children->len; i++)
    {
      const RcvJsonNode *node = g_ptr_array_index (levels->children, i);
      g_autofree char *key = g_strdup_printf ("reminder_levels[%u]", i);
      gint days = 0;
      gint64 fee = 0;
      const char *title, *text;
      RcvReminderLevel *level;

      if (!expect_type (reader, node, key, RCV_JSON_OBJECT))
        continue;
      check_keys (reader, node, known);
      if (rcv_json_object_get (node, "days_after_due") == NULL)
        problem (reader, node, key, _("days_after_due is required"));
      read_int (reader, node, "days_after_due", RCV_MIN_LEVEL_DAYS, RCV_MAX_POLICY_DAYS, FALSE,
                &days);
      title = read_string (reader, node, "title");
      text = read_string (reader, node, "text");
      read_amount (reader, node, "fee", reader->currency, FALSE, &fee);
      level = rcv_policy_add_level (policy, days, title, text, fee);
      /* absent: the level claims what its policy sets, as files before version 8 meant */
      read_claim (reader, node, "claims_interest", &level->claims_interest);
      read_claim (reader, node, "claims_compensation", &level->claims_compensation);
      read_int (reader, node, "deadline_days", 1, 365, FALSE, &level->deadline_days);
    }
}

static RcvPolicy *
read_policy (Reader            *reader,
             const RcvJsonNode *object,
             gboolean          *is_default)
{
  static const char *const known[] = {
    "name", "default", "terms_days", "discount_days", "discount_percent", "credit_limit",
    "interest", "interest_rate_percent", "compensation", "alert_days_first",
    "alert_days_second", "hold_after_days", "agency_after_days", "days_between_letters",
    "reminder_levels", NULL,
  };
  g_autoptr(RcvPolicy) policy = rcv_policy_new ();
  g_autoptr(GError) error = NULL;
  const RcvJsonNode *node;
  const char *text;
  const char *field;
  gint level;
  int value;
  guint before = reader->n_problems;

  text = read_string (reader, object, "name");
  if (rcv_json_object_get (object, "name") == NULL)
    problem (reader, object, "name", _("is required"));
  g_free (policy->name);
  policy->name = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (policy->name[0] != '\0')
    {
      g_autofree char *shown = rcv_text_shorten (policy->name, RCV_TEXT_QUOTE_CHARS);

      /* Translators: where a policy file's problem is: policy “Trade” */
      reader->where = g_strdup_printf (_("policy “%s”"), shown);
    }
  check_keys (reader, object, known);

  node = rcv_json_object_get (object, "default");
  *is_default = FALSE;
  if (node != NULL && expect_type (reader, node, "default", RCV_JSON_BOOLEAN))
    *is_default = node->boolean;
  read_int (reader, object, "terms_days", 0, RCV_MAX_POLICY_DAYS, FALSE, &policy->terms_days);
  read_int (reader, object, "discount_days", 0, RCV_MAX_POLICY_DAYS, FALSE,
            &policy->discount_days);
  read_percent (reader, object, "discount_percent", &policy->discount_bp);
  read_amount (reader, object, "credit_limit", reader->currency, TRUE, &policy->credit_limit);
  text = read_string (reader, object, "interest");
  if (rcv_enum_from_nick (RCV_TYPE_INTEREST_KIND, text, &value))
    policy->interest_kind = value;
  else if (text != NULL)
    {
      g_autofree char *shown = rcv_text_shorten (text, RCV_TEXT_QUOTE_CHARS);
      problem (reader, rcv_json_object_get (object, "interest"), "interest",
               _("“%s” is not one of none, fixed, statutory-eu, statutory-de, statutory-fr, "
                 "statutory-nl, statutory-at, statutory-uk"), shown);
    }
  read_percent (reader, object, "interest_rate_percent", &policy->interest_bp);
  text = read_string (reader, object, "compensation");
  if (rcv_enum_from_nick (RCV_TYPE_COMPENSATION, text, &value))
    policy->compensation = value;
  else if (text != NULL)
    {
      g_autofree char *shown = rcv_text_shorten (text, RCV_TEXT_QUOTE_CHARS);
      problem (reader, rcv_json_object_get (object, "compensation"), "compensation",
               _("“%s” is not one of none, eu, uk"), shown);
    }
  read_int (reader, object, "alert_days_first", 1, RCV_MAX_POLICY_DAYS, FALSE,
            &policy->alert_days_first);
  read_int (reader, object, "alert_days_second", 1, RCV_MAX_POLICY_DAYS, FALSE,
            &policy->alert_days_second);
  read_int (reader, object, "hold_after_days", 1, RCV_MAX_POLICY_DAYS, TRUE, &policy->hold_days);
  read_int (reader, object, "agency_after_days", 1, RCV_MAX_POLICY_DAYS, TRUE,
            &policy->agency_days);
  read_int (reader, object, "days_between_letters", 0, RCV_MAX_POLICY_DAYS, FALSE,
            &policy->letter_interval_days);
  read_levels (reader, object, policy);

  /* the rules across fields, once each field reads well */
  if (reader->n_problems == before && !rcv_policy_validate (policy, &field, &level, &error))
    {
      const RcvJsonNode *at = rcv_json_object_get (object, field);
      const RcvJsonNode *levels = rcv_json_object_get (object, "reminder_levels");
      g_autofree char *key = NULL;

      if (level >= 0 && levels != NULL && (guint) level < levels->children->len)
        {
          const RcvJsonNode *level_node = g_ptr_array_index (levels->children, level);

          at = rcv_json_object_get (level_node, field);
          if (at == NULL)
            at = level_node;
          key = g_strdup_printf ("reminder_levels[%d].%s", level, field);
        }
      else
        key = g_strdup (field);
      problem (reader, at != NULL ? at : object, key, "%s", error->message);
    }
  g_clear_pointer (&reader->where, g_free);
  if (reader->n_problems != before)
    return NULL;
  return g_steal_pointer (&policy);
}

/* A reference rate in percent, which may be below zero. */
static void
read_rate_percent (Reader            *reader,
                   const RcvJsonNode *object,
                   const char        *key,
                   gint              *value)
{
  const RcvJsonNode *node = rcv_json_object_get (object, key);
  g_autoptr(GError) error = NULL;
  gint64 amount;

  if (node == NULL)
    return;
  if (node->type != RCV_JSON_NUMBER && node->type != RCV_JSON_STRING)
    {
      expect_type (reader, node, key, RCV_JSON_NUMBER);
      return;
    }
  if (!rcv_money_parse_plain (node->text, '.', &percent, &amount, &error))
    problem (reader, node, key, "%s", error->message);
  else if (amount < -10000 || amount > 10000)
    {
      g_autofree char *low = rcv_percent_format (-10000);
      g_autofree char *high = rcv_percent_format (10000);

      problem (reader, node, key, _("must be between %s and %s"), low, high);
    }
  else
    *value = (gint) amount;
}

static void
read_rate (Reader            *reader,
           const RcvJsonNode *object,
           GArray            *rates)
{
  static const char *const known[] = { "region", "year", "half", "rate_percent", NULL };
  static const char *const required[] = { "region", "year", "half", "rate_percent", NULL };
  RcvReferenceRate rate = { 0 };
  const char *region;
  int value;
  gint year = 0, half = 0;
  guint before = reader->n_problems;

  check_keys (reader, object, known);
  for (guint i = 0; required[i] != NULL; i++)
    if (rcv_json_object_get (object, required[i]) == NULL)
      problem (reader, object, required[i], _("is required"));
  region = read_string (reader, object, "region");
  if (rcv_enum_from_nick (RCV_TYPE_RATE_REGION, region, &value))
    rate.region = value;
  else if (region != NULL)
    {
      g_autofree char *shown = rcv_text_shorten (region, RCV_TEXT_QUOTE_CHARS);
      problem (reader, rcv_json_object_get (object, "region"), "region",
               _("“%s” is not one of eu, de, at, uk"), shown);
    }
  read_int (reader, object, "year", 1999, 2200, FALSE, &year);
  read_int (reader, object, "half", 1, 2, FALSE, &half);
  read_rate_percent (reader, object, "rate_percent", &rate.rate_bp);
  rate.year = (guint) year;
  rate.half = (guint) half;
  if (reader->n_problems != before)
    return;
  for (guint i = 0; i < rates->len; i++)
    {
      const RcvReferenceRate *other = &g_array_index (rates, RcvReferenceRate, i);

      if (other->region == rate.region && other->year == rate.year && other->half == rate.half)
        {
          problem (reader, object, NULL, _("the rate for %s %u, half %u appears twice"),
                   region, rate.year, rate.half);
          return;
        }
    }
  g_array_append_val (rates, rate);
}

static gboolean
write_imported (RcvDatabase  *db,
                GPtrArray    *policies,
                GArray       *defaults,
                GArray       *rates,
                guint        *n_created,
                guint        *n_updated,
                GError      **error)
{
  for (guint i = 0; i < policies->len; i++)
    {
      RcvPolicy *policy = g_ptr_array_index (policies, i);
      RcvStatement *stmt;

      stmt = rcv_database_prepare (db, "SELECT id, is_default FROM policies"
                                       " WHERE name = ?1 COLLATE NOCASE", error);
      if (stmt == NULL)
        return FALSE;
      rcv_statement_bind_text (stmt, 1, policy->name);
      policy->id = 0;
      if (rcv_statement_step (stmt) == RCV_ROW)
        {
          policy->id = rcv_statement_column_int64 (stmt, 0);
          /* a file does not take the default away: it can only give it */
          policy->is_default = rcv_statement_column_int (stmt, 1) != 0;
        }
      rcv_statement_reset (stmt);
      if (policy->id != 0)
        (*n_updated)++;
      else
        (*n_created)++;
      policy->is_default |= g_array_index (defaults, gboolean, i);
      if (!save_in_transaction (db, policy, error))
        return FALSE;
    }
  for (guint i = 0; i < rates->len; i++)
    if (!rcv_reference_rate_write (db, &g_array_index (rates, RcvReferenceRate, i), error))
      return FALSE;
  return TRUE;
}

/* Reads a policy file: each policy replaces the company's policy of the same name (its
 * customers keep it) or is added; reference rates are entered. Everything is checked first
 * and every problem reported with its line and column; one problem, and nothing is written. */
gboolean
rcv_policy_import_json (RcvDatabase  *db,
                        const char   *text,
                        gssize        length,
                        const char   *name,
                        guint        *n_created,
                        guint        *n_updated,
                        GError      **error)
{
  static const char *const known[] = {
    "format", "version", "currency", "policies", "reference_rates", NULL,
  };
  g_autoptr(RcvJsonNode) root = NULL;
  g_autoptr(GPtrArray) policies = g_ptr_array_new_with_free_func ((GDestroyNotify) rcv_policy_free);
  g_autoptr(GArray) defaults = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(GArray) rates = g_array_new (FALSE, FALSE, sizeof (RcvReferenceRate));
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const RcvJsonNode *node;
  Reader reader = { 0 };
  const char *format, *currency;
  guint created = 0, updated = 0, n_defaults = 0;
  gint version = 0;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  reader.name = name != NULL ? name : "JSON";
  reader.currency = rcv_database_get_currency (db);
  reader.problems = problems;

  root = rcv_json_parse (text, length, reader.name, error);
  if (root == NULL)
    return FALSE;
  if (!expect_type (&reader, root, NULL, RCV_JSON_OBJECT))
    goto bad;
  check_keys (&reader, root, known);
  format = read_string (&reader, root, "format");
  if (g_strcmp0 (format, POLICY_FILE_FORMAT) != 0)
    problem (&reader, root, "format", _("must be “%s”: this is not a policy file"),
             POLICY_FILE_FORMAT);
  read_int (&reader, root, "version", 0, G_MAXINT, FALSE, &version);
  if (version != POLICY_FILE_VERSION && rcv_json_object_get (root, "version") != NULL)
    problem (&reader, rcv_json_object_get (root, "version"), "version",
             _("version %d is not known to this Receivables (it reads version %d)"), version,
             POLICY_FILE_VERSION);
  currency = read_string (&reader, root, "currency");
  if (currency == NULL && rcv_json_object_get (root, "currency") == NULL)
    problem (&reader, root, "currency", _("is required"));
  else if (currency != NULL && g_strcmp0 (currency, reader.currency->code) != 0)
    problem (&reader, rcv_json_object_get (root, "currency"), "currency",
             _("the file’s amounts are in %s, this company keeps %s"), currency,
             reader.currency->code);
  if (reader.n_problems > 0)
    goto bad;   /* not a policy file for this company: its contents mean nothing */

  node = rcv_json_object_get (root, "policies");
  if (node == NULL)
    problem (&reader, root, "policies", _("is required"));
  else if (expect_type (&reader, node, "policies", RCV_JSON_ARRAY) &&
           node->children->len > RCV_MAX_IMPORTED_POLICIES)
    problem (&reader, node, "policies", _("a file holds at most %u policies, this one %u"),
             (guint) RCV_MAX_IMPORTED_POLICIES, node->children->len);
  else if (node->type == RCV_JSON_ARRAY)
    for (guint i = 0; i < node->children->len; i++)
      {
        const RcvJsonNode *object = g_ptr_array_index (node->children, i);
        g_autofree char *key = g_strdup_printf ("policies[%u]", i);
        RcvPolicy *policy;
        char *folded;
        gboolean is_default = FALSE;

        if (!expect_type (&reader, object, key, RCV_JSON_OBJECT))
          continue;
        policy = read_policy (&reader, object, &is_default);
        if (policy == NULL)
          continue;
        /* the names seen so far, case folded: a file of thousands stays linear */
        folded = g_utf8_casefold (policy->name, -1);
        if (g_hash_table_contains (seen, folded))
          {
            g_autofree char *shown = rcv_text_shorten (policy->name, RCV_TEXT_QUOTE_CHARS);

            problem (&reader, object, "name", _("the policy “%s” appears twice"), shown);
            g_free (folded);
          }
        else
          g_hash_table_add (seen, folded);
        n_defaults += is_default ? 1 : 0;
        g_ptr_array_add (policies, policy);
        g_array_append_val (defaults, is_default);
      }
  if (n_defaults > 1)
    problem (&reader, node, "policies", _("only one policy can be the default one"));

  node = rcv_json_object_get (root, "reference_rates");
  if (node != NULL && expect_type (&reader, node, "reference_rates", RCV_JSON_ARRAY))
    for (guint i = 0; i < node->children->len; i++)
      {
        const RcvJsonNode *object = g_ptr_array_index (node->children, i);
        g_autofree char *key = g_strdup_printf ("reference_rates[%u]", i);

        if (expect_type (&reader, object, key, RCV_JSON_OBJECT))
          read_rate (&reader, object, rates);
      }
  if (reader.n_problems > 0)
    goto bad;

  if (!rcv_database_begin (db, error))
    return FALSE;
  if (!write_imported (db, policies, defaults, rates, &created, &updated, error) ||
      !rcv_database_audit (db, "import", "policies", 0, NULL, NULL, error) ||
      !rcv_database_commit (db, error))
    {
      rcv_database_rollback (db);
      return FALSE;
    }
  if (n_created != NULL)
    *n_created = created;
  if (n_updated != NULL)
    *n_updated = updated;
  return TRUE;

bad:
  if (reader.n_problems > MAX_LISTED_PROBLEMS)
    {
      g_string_append_c (problems, '\n');
      g_string_append_printf (problems, _("… and %u more problems"),
                              reader.n_problems - MAX_LISTED_PROBLEMS);
    }
  g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID, problems->str);
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
